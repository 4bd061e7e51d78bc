//! Finder criteria: which entities a finder's parameters select.
//!
//! Query values decode lossily (every primitive is a string), so entity
//! fields are compared as text: `"test": false` matches `test=false`.
//!
//! * A primitive parameter `name=value` matches entities whose top-level
//!   field `name` reads as `value` (an array field matches if any element
//!   does).
//! * A list parameter `name=List(a,b)` matches if the field is one of them.
//! * A record parameter, whatever its name, is a set of criteria on the
//!   entity itself, LinkedIn's `search=(status:(values:List(ACTIVE,DRAFT)),test:false)`
//!   form: each field's `(values:List(..))` matches if the entity's field is
//!   one of the values, a primitive matches by equality, a nested record
//!   matches a nested record field by field.

use serde_json::Value;

/// Whether `entity` satisfies every parameter.
pub(crate) fn matches_all<'a>(
    entity: &Value,
    mut criteria: impl Iterator<Item = (&'a str, &'a Value)>,
) -> bool {
    criteria.all(|(name, criterion)| match criterion {
        Value::Object(_) => matches(Some(entity), criterion),
        _ => matches(entity.get(name), criterion),
    })
}

/// Whether one value (possibly absent) satisfies one criterion.
pub(crate) fn matches(value: Option<&Value>, criterion: &Value) -> bool {
    match criterion {
        Value::Array(options) => options.iter().any(|option| matches(value, option)),
        Value::Object(fields) => match fields.get("values") {
            Some(values) if fields.len() == 1 => matches(value, values),
            _ => fields
                .iter()
                .all(|(name, c)| matches(value.and_then(|v| v.get(name)), c)),
        },
        Value::Null => value.is_none_or(Value::is_null),
        primitive => {
            let wanted = as_text(primitive);
            match value {
                Some(Value::Array(items)) => items
                    .iter()
                    .any(|item| as_text(item).is_some() && as_text(item) == wanted),
                Some(value) => as_text(value).is_some() && as_text(value) == wanted,
                None => false,
            }
        }
    }
}

/// A primitive as the text a URL would carry.
fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn linkedin_search_form() {
        let account =
            json!({"status": "ACTIVE", "reference": "urn:li:organization:123", "test": false});
        let search: Value = restli_codec::from_str(
            "(status:(values:List(ACTIVE,DRAFT)),reference:(values:List(urn%3Ali%3Aorganization%3A123)),test:false)",
        )
        .unwrap();
        assert!(matches_all(&account, [("search", &search)].into_iter()));
        let other =
            json!({"status": "CANCELED", "reference": "urn:li:organization:123", "test": false});
        assert!(!matches_all(&other, [("search", &search)].into_iter()));
        let test_account =
            json!({"status": "ACTIVE", "reference": "urn:li:organization:123", "test": true});
        assert!(!matches_all(
            &test_account,
            [("search", &search)].into_iter()
        ));
    }

    #[test]
    fn equality_and_lists() {
        let entity = json!({"id": 7, "tags": ["a", "b"], "name": "x"});
        assert!(matches_all(&entity, [("id", &json!("7"))].into_iter()));
        assert!(matches_all(&entity, [("tags", &json!("b"))].into_iter()));
        assert!(matches_all(
            &entity,
            [("name", &json!(["y", "x"]))].into_iter()
        ));
        assert!(!matches_all(
            &entity,
            [("missing", &json!("x"))].into_iter()
        ));
        assert!(matches_all(&entity, std::iter::empty()));
    }
}
