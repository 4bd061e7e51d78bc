//! PARTIAL_UPDATE patches: applying `Patch::diff(a, b)` to `a` gives `b`,
//! and a record field whose name begins with `$` is never read as an
//! operator.
//!
//! Rest.li's rules: `PatchCreator.diffMaps` stores a nested diff under
//! `Escaper.escapePathSegment(key)` (every `$` doubled), `$set`/`$delete`
//! name fields as they are
//! (github linkedin/rest.li, `data-transform/src/main/java/com/linkedin/data/transform/patch/request/PatchCreator.java`,
//! `.../transform/Escaper.java`, `.../patch/request/SetFieldOp.java`).

use proptest::prelude::*;
use restli_codec::Patch;
use serde_json::{Map, Value, json};

/// Applies a patch the way a Rest.li server does: `$set`, `$delete`, and
/// nested patches under `$`-escaped keys (`$$` stands for `$`).
fn apply(target: &mut Map<String, Value>, patch: &Map<String, Value>) {
    for (key, op) in patch {
        match key.as_str() {
            "$set" => {
                for (name, value) in op.as_object().unwrap() {
                    target.insert(name.clone(), value.clone());
                }
            }
            "$delete" => {
                for name in op.as_array().unwrap() {
                    target.remove(name.as_str().unwrap());
                }
            }
            escaped => {
                assert!(
                    !escaped.starts_with('$') || escaped.starts_with("$$"),
                    "nested key {escaped:?} would be read as an operator"
                );
                let name = escaped.replace("$$", "$");
                let inner = target
                    .entry(name)
                    .or_insert_with(|| Value::Object(Map::new()));
                apply(inner.as_object_mut().unwrap(), op.as_object().unwrap());
            }
        }
    }
}

/// Drops nulls: a null field and a missing one are the same to a patch.
fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[test]
fn dollar_fields_get_an_escaped_nested_patch() {
    let original = json!({"$set": {"a": 1}, "x$y": {"b": 1}, "plain": {"c": 1}});
    let modified = json!({"$set": {"a": 2}, "x$y": {"b": 2}, "plain": {"c": 2}});
    let patch = Patch::diff(&original, &modified).unwrap();
    assert_eq!(
        patch.as_value(),
        &json!({
            "$$set": {"$set": {"a": 2}},
            "x$$y": {"$set": {"b": 2}},
            "plain": {"$set": {"c": 2}}
        })
    );
    // Fields set or deleted keep their names.
    let patch = Patch::diff(&json!({"$old": 1}), &json!({"$new": 2})).unwrap();
    assert_eq!(
        patch.as_value(),
        &json!({"$set": {"$new": 2}, "$delete": ["$old"]})
    );
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a".to_owned()),
        Just("b".to_owned()),
        Just("$set".to_owned()),
        Just("$delete".to_owned()),
        Just("$$".to_owned()),
        Just("x$".to_owned()),
        "[a-z$]{1,4}",
    ]
}

fn record() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<i8>().prop_map(|n| json!(n)),
        "[a-z]{0,3}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop::collection::btree_map(key(), inner, 0..4)
            .prop_map(|m| Value::Object(m.into_iter().collect()))
    })
    .prop_map(|v| match v {
        Value::Object(_) => v,
        other => json!({ "v": other }),
    })
}

proptest! {
    #[test]
    fn applying_the_diff_gives_the_modified_record(original in record(), modified in record()) {
        match Patch::diff(&original, &modified) {
            Ok(patch) => {
                let mut target = without_nulls(&original).as_object().unwrap().clone();
                apply(&mut target, patch.as_value().as_object().unwrap());
                prop_assert_eq!(without_nulls(&Value::Object(target)), without_nulls(&modified));
            }
            Err(_) => prop_assert_eq!(without_nulls(&original), without_nulls(&modified)),
        }
    }
}
