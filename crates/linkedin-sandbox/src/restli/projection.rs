//! Projections: the `fields` query parameter, honoured as Rest.li does.
//!
//! `fields=id,name` returns only those fields of each entity;
//! `fields=author:(id,name)` only those sub-fields of `author`; `-secret`
//! leaves a field out and keeps the rest; `$*` stands for every field of a
//! map (or every element of an array); `$start`/`$count` pick a range of an
//! array. The syntax is parsed with [`restli_codec::Projection`]; the
//! semantics are those of Rest.li's data filter (linkedin/rest.li
//! `data-transform/src/main/java/com/linkedin/data/transform/filter/`),
//! and LinkedIn documents the same (`fields` on
//! <https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/projections>).
//!
//! Which part of an answer a projection applies to, per method (Rest.li's
//! protocol, <https://linkedin.github.io/rest.li/spec/protocol>): the
//! entity of GET, each value of BATCH_GET's `results`, each of
//! `elements` of GET_ALL and FINDER, each element's `elements` of
//! BATCH_FINDER. Other answers (ids, statuses, action values) are left as
//! they are.
//!
//! Where Rest.li is strict and LinkedIn's documentation silent, the sandbox
//! accepts both readings: a sub-projection of an array field applies to the
//! array's elements whether it is written `elements:($*:(id))` (Rest.li) or
//! `elements:(id)` (the short form LinkedIn's examples use), and a
//! sub-projection of a primitive keeps the primitive.

use restli_codec::projection::{Mask, WILDCARD};
use restli_codec::{Method, PROJECTION_PARAM, Projection};
use serde_json::{Map, Value};

use super::query::Params;
use crate::errors::{ApiError, excerpt};

/// The projection of a call, if it has a (non-empty) `fields` parameter.
///
/// # Errors
///
/// A 400 whose `errorDetails` names `fields`, with the parser's offset.
pub(crate) fn requested(params: &Params) -> Result<Option<Projection>, ApiError> {
    let Some(Value::String(text)) = params.get(PROJECTION_PARAM) else {
        return Ok(None);
    };
    if text.is_empty() {
        return Ok(None);
    }
    // The query string arrives percent-encoded; the projection may have
    // been too (`fields=id%2Cname`).
    let decoded = percent_decode(text);
    let projection: Projection = decoded.parse().map_err(|e| {
        ApiError::invalid_input(
            "INVALID_VALUE",
            PROJECTION_PARAM,
            format!("invalid projection {}: {e}", excerpt(&decoded)),
        )
    })?;
    Ok((!projection.is_empty()).then_some(projection))
}

/// `%XX` sequences decoded (malformed ones kept as written; invalid UTF-8
/// replaced, which the parser then refuses).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (byte, hex) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            _ => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Applies `projection` to the parts of a `method`'s answer it governs.
pub(crate) fn project_answer(method: Method, mut body: Value, projection: &Projection) -> Value {
    let each = |values: Option<&mut Value>, f: &dyn Fn(&mut Value)| match values {
        Some(Value::Array(items)) => items.iter_mut().for_each(f),
        Some(Value::Object(map)) => map.values_mut().for_each(f),
        _ => {}
    };
    let project = |value: &mut Value| *value = apply(value, projection);
    match method {
        Method::Get => project(&mut body),
        Method::BatchGet => each(body.get_mut("results"), &project),
        Method::GetAll | Method::Finder => each(body.get_mut("elements"), &project),
        Method::BatchFinder => each(body.get_mut("elements"), &|group: &mut Value| {
            each(group.get_mut("elements"), &project);
        }),
        _ => {}
    }
    body
}

/// Whether a projection names fields to keep (then unnamed ones go), as
/// opposed to only fields to leave out.
fn has_positive(projection: &Projection) -> bool {
    projection
        .iter()
        .any(|(_, mask)| !matches!(mask, Mask::Exclude))
}

/// The value with only what `projection` selects. Recursion follows the
/// projection's nesting (bounded by the codec's depth limit) and the
/// value's arrays (bounded by serde_json's parse depth).
pub(crate) fn apply(value: &Value, projection: &Projection) -> Value {
    match value {
        Value::Object(map) => Value::Object(apply_to_map(map, projection)),
        Value::Array(items) => Value::Array(apply_to_array(items, projection)),
        other => other.clone(),
    }
}

fn apply_to_map(map: &Map<String, Value>, projection: &Projection) -> Map<String, Value> {
    let positive = has_positive(projection);
    let wildcard = projection.get(WILDCARD);
    map.iter()
        .filter_map(|(name, value)| {
            match projection.get(name).or(wildcard) {
                Some(Mask::Exclude) => None,
                Some(Mask::Include) => Some(value.clone()),
                Some(Mask::Fields(sub)) => Some(apply(value, sub)),
                None if positive => None,
                None => Some(value.clone()),
            }
            .map(|kept| (name.clone(), kept))
        })
        .collect()
}

fn apply_to_array(items: &[Value], projection: &Projection) -> Vec<Value> {
    let start = projection
        .range_start()
        .and_then(|s| usize::try_from(s).ok())
        .unwrap_or(0);
    let count = projection
        .range_count()
        .and_then(|c| usize::try_from(c).ok())
        .unwrap_or(usize::MAX);
    let selected = items.iter().skip(start).take(count);
    match projection.get(WILDCARD) {
        Some(Mask::Include) => selected.cloned().collect(),
        Some(Mask::Exclude) => Vec::new(),
        Some(Mask::Fields(sub)) => selected.map(|item| apply(item, sub)).collect(),
        // The short form: the projection is the elements' own.
        None if projection.iter().next().is_some() => {
            selected.map(|item| apply(item, projection)).collect()
        }
        None => selected.cloned().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn p(text: &str) -> Projection {
        text.parse().unwrap()
    }

    #[test]
    fn includes_excludes_and_nesting() {
        let entity = json!({
            "id": 1, "name": "A", "secret": "s",
            "author": {"id": 7, "name": "N", "email": "e"},
            "tags": [{"k": 1, "v": 2}, {"k": 3, "v": 4}]
        });
        assert_eq!(apply(&entity, &p("id,name")), json!({"id": 1, "name": "A"}));
        assert_eq!(
            apply(&entity, &p("id,author:(id,name)")),
            json!({"id": 1, "author": {"id": 7, "name": "N"}})
        );
        let without = apply(&entity, &p("-secret,-tags"));
        assert_eq!(
            without,
            json!({"id": 1, "name": "A", "author": {"id": 7, "name": "N", "email": "e"}})
        );
        assert_eq!(
            apply(&entity, &p("tags:($*:(k))")),
            json!({"tags": [{"k": 1}, {"k": 3}]})
        );
        assert_eq!(
            apply(&entity, &p("tags:(v)")),
            json!({"tags": [{"v": 2}, {"v": 4}]})
        );
        assert_eq!(
            apply(&entity, &p("tags:($start:1,$count:1,$*)")),
            json!({"tags": [{"k": 3, "v": 4}]})
        );
        // A sub-projection of a primitive keeps it; unknown fields are ignored.
        assert_eq!(apply(&entity, &p("id:(x),nope")), json!({"id": 1}));
        // `$*` on a map: every field, projected.
        assert_eq!(
            apply(&json!({"a": {"x": 1, "y": 2}, "b": {"x": 3}}), &p("$*:(x)")),
            json!({"a": {"x": 1}, "b": {"x": 3}})
        );
    }

    #[test]
    fn answers_are_projected_where_the_method_puts_entities() {
        let proj = p("id");
        let got = project_answer(
            Method::BatchGet,
            json!({"results": {"1": {"id": 1, "n": 2}}, "statuses": {"1": 200}, "errors": {}}),
            &proj,
        );
        assert_eq!(
            got,
            json!({"results": {"1": {"id": 1}}, "statuses": {"1": 200}, "errors": {}})
        );
        let got = project_answer(
            Method::Finder,
            json!({"elements": [{"id": 1, "n": 2}], "paging": {"start": 0, "count": 10}}),
            &proj,
        );
        assert_eq!(
            got,
            json!({"elements": [{"id": 1}], "paging": {"start": 0, "count": 10}})
        );
        let got = project_answer(
            Method::BatchFinder,
            json!({"elements": [{"elements": [{"id": 1, "n": 2}]}]}),
            &proj,
        );
        assert_eq!(got, json!({"elements": [{"elements": [{"id": 1}]}]}));
        let create = json!({"id": 1, "n": 2});
        assert_eq!(
            project_answer(Method::Create, create.clone(), &proj),
            create
        );
    }

    #[test]
    fn the_parameter_is_parsed_or_refused_with_details() {
        let params = Params::parse("fields=id,author:(name)").unwrap();
        assert_eq!(
            requested(&params).unwrap().unwrap().to_string(),
            "author:(name),id"
        );
        let params = Params::parse("fields=id%2Cname").unwrap();
        assert_eq!(requested(&params).unwrap().unwrap().to_string(), "id,name");
        assert!(
            requested(&Params::parse("fields=").unwrap())
                .unwrap()
                .is_none()
        );
        let err = requested(&Params::parse("fields=id,author:(name").unwrap()).unwrap_err();
        assert_eq!(err.status, 400);
        assert_eq!(err.input_errors[0].field_path, "fields");
        assert!(err.message.contains("at byte"), "{}", err.message);
    }

    proptest::proptest! {
        /// Decoding undoes percent-encoding of any text, and leaves text
        /// without `%` as it is.
        #[test]
        fn percent_decoding_inverts_encoding(text in "\\PC{0,40}") {
            let encoded: String = text.bytes().map(|b| format!("%{b:02X}")).collect();
            proptest::prop_assert_eq!(percent_decode(&encoded), text.clone());
            if !text.contains('%') {
                proptest::prop_assert_eq!(percent_decode(&text), text);
            }
        }
    }

    fn entity() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            any::<i64>().prop_map(Value::from),
            "[a-z]{0,4}".prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                proptest::collection::btree_map("[a-d]", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        /// A projection only ever removes: every field it keeps at the top
        /// level exists in the entity, `-f` removes exactly `f`, and
        /// projecting twice changes nothing more.
        #[test]
        fn projections_only_remove_and_are_idempotent(
            value in entity(),
            names in proptest::collection::btree_set("[a-d]", 0..3),
            exclude in proptest::bool::ANY,
        ) {
            let text = names
                .iter()
                .map(|n| if exclude { format!("-{n}") } else { n.clone() })
                .collect::<Vec<_>>()
                .join(",");
            let Ok(projection) = text.parse::<Projection>() else { return Ok(()); };
            let once = apply(&value, &projection);
            proptest::prop_assert_eq!(&apply(&once, &projection), &once);
            if let (Value::Object(before), Value::Object(after)) = (&value, &once) {
                for (name, kept) in after {
                    proptest::prop_assert_eq!(before.get(name), Some(kept));
                }
                for name in before.keys() {
                    let named = names.contains(name);
                    let expected = if projection.is_empty() { true } else { named != exclude };
                    proptest::prop_assert_eq!(after.contains_key(name), expected);
                }
            }
        }
    }
}
