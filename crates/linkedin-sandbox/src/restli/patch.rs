//! PARTIAL_UPDATE patches: `{"$set": {..}, "$delete": [..], "field": {nested patch}}`.

use serde_json::{Map, Value};

/// Applies a Rest.li patch to an entity, recursing into nested record
/// patches (a missing or non-record field becomes a record first).
///
/// # Errors
///
/// A message when the patch is not shaped like one.
pub(crate) fn apply(entity: &mut Value, patch: &Value) -> Result<(), String> {
    let Value::Object(operations) = patch else {
        return Err(format!("a patch must be a JSON object, found {patch}"));
    };
    if !entity.is_object() {
        *entity = Value::Object(Map::new());
    }
    let Value::Object(fields) = entity else {
        return Ok(());
    };
    for (name, operation) in operations {
        match name.as_str() {
            "$set" => {
                let Value::Object(values) = operation else {
                    return Err("\"$set\" must be a JSON object".into());
                };
                for (field, value) in values {
                    fields.insert(field.clone(), value.clone());
                }
            }
            "$delete" => {
                let Value::Array(names) = operation else {
                    return Err("\"$delete\" must be a list of field names".into());
                };
                for field in names {
                    let Value::String(field) = field else {
                        return Err("\"$delete\" must be a list of field names".into());
                    };
                    fields.remove(field);
                }
            }
            nested => {
                let field = fields
                    .entry(nested.to_owned())
                    .or_insert_with(|| Value::Object(Map::new()));
                apply(field, operation)?;
            }
        }
    }
    Ok(())
}

/// The patch inside a PARTIAL_UPDATE body `{"patch": {..}}`.
pub(crate) fn from_body(body: Option<&Value>) -> Result<&Value, String> {
    body.and_then(|b| b.get("patch"))
        .ok_or_else(|| "the body must be {\"patch\": {\"$set\": {..}}}".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn set_delete_and_nested() {
        let mut entity =
            json!({"name": "A", "notes": "x", "budget": {"amount": "10", "currency": "USD"}});
        let patch = json!({
            "$set": {"status": "PAUSED"},
            "$delete": ["notes"],
            "budget": {"$set": {"amount": "20"}},
            "schedule": {"$set": {"start": 1}}
        });
        apply(&mut entity, &patch).unwrap();
        assert_eq!(
            entity,
            json!({"name": "A", "status": "PAUSED", "budget": {"amount": "20", "currency": "USD"}, "schedule": {"start": 1}})
        );
        assert!(apply(&mut entity, &json!({"$set": 1})).is_err());
        assert!(apply(&mut entity, &json!({"$delete": [1]})).is_err());
    }
}
