//! PARTIAL_UPDATE patches: `{"$set": {..}, "$delete": [..], "nested": {..}}`.

use serde::Serialize;
use serde_json::{Map, Value};

/// A Rest.li patch: fields to set, fields to delete, and nested patches for
/// record fields. Never empty.
///
/// ```
/// use linkedin::restli::Patch;
/// use serde_json::json;
///
/// let patch = Patch::set(&json!({"name": "New name"}))?;
/// assert_eq!(patch.as_value(), &json!({"$set": {"name": "New name"}}));
///
/// let original = json!({"name": "A", "status": "ACTIVE", "budget": {"amount": "10", "currency": "USD"}, "notes": "x"});
/// let modified = json!({"name": "A", "status": "PAUSED", "budget": {"amount": "20", "currency": "USD"}});
/// let patch = Patch::diff(&original, &modified)?;
/// assert_eq!(
///     patch.as_value(),
///     &json!({
///         "$set": {"status": "PAUSED"},
///         "$delete": ["notes"],
///         "budget": {"$set": {"amount": "20"}}
///     })
/// );
/// # Ok::<(), linkedin::restli::PatchError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Patch(Value);

/// Why a patch could not be made.
///
/// ```
/// use linkedin::restli::{Patch, PatchError};
/// use serde_json::json;
///
/// let same = json!({"a": 1});
/// assert_eq!(Patch::diff(&same, &same).unwrap_err(), PatchError::Empty);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PatchError {
    /// Nothing would change: LinkedIn rejects empty patches, and sending one
    /// is almost always a bug.
    #[error("the patch is empty: nothing would be updated")]
    Empty,
    /// The fields to set, or an entity to diff, is not a JSON object.
    #[error("{what} must serialize to a JSON object (a struct or a map), found {found}")]
    NotAnObject {
        /// Which argument.
        what: &'static str,
        /// The JSON type found.
        found: &'static str,
    },
    /// The value could not be serialized.
    #[error("cannot serialize {what}: {reason}")]
    Serialize {
        /// Which argument.
        what: &'static str,
        /// serde_json's message.
        reason: String,
    },
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn to_object<T: Serialize + ?Sized>(
    value: &T,
    what: &'static str,
) -> Result<Map<String, Value>, PatchError> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(PatchError::NotAnObject {
            what,
            found: json_type(&other),
        }),
        Err(e) => Err(PatchError::Serialize {
            what,
            reason: e.to_string(),
        }),
    }
}

impl Patch {
    /// A patch that sets the given fields (`{"$set": fields}`); null fields
    /// are set to nothing, so leave them out instead.
    ///
    /// ```
    /// let patch = linkedin::restli::Patch::set(&serde_json::json!({"status": "PAUSED"}))?;
    /// assert_eq!(patch.to_body(), serde_json::json!({"patch": {"$set": {"status": "PAUSED"}}}));
    /// # Ok::<(), linkedin::restli::PatchError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PatchError::NotAnObject`] unless `fields` is a struct or a map;
    /// [`PatchError::Empty`] when it has no fields.
    pub fn set<T: Serialize + ?Sized>(fields: &T) -> Result<Patch, PatchError> {
        let fields = to_object(fields, "the fields to set")?;
        if fields.is_empty() {
            return Err(PatchError::Empty);
        }
        let mut patch = Map::new();
        patch.insert("$set".into(), Value::Object(fields));
        Ok(Patch(Value::Object(patch)))
    }

    /// The patch that turns `original` into `modified`: changed and added
    /// fields are set, removed (or nulled) fields deleted, and fields that
    /// are records in both get a nested patch. Arrays are replaced whole.
    /// A nested patch's key doubles every `$` of its field name, as Rest.li
    /// does (`$meta` is patched under `$$meta`).
    ///
    /// ```
    /// use serde_json::json;
    /// let patch = linkedin::restli::Patch::diff(
    ///     &json!({"$meta": {"a": 1}}),
    ///     &json!({"$meta": {"a": 2}}),
    /// )?;
    /// assert_eq!(patch.as_value(), &json!({"$$meta": {"$set": {"a": 2}}}));
    /// # Ok::<(), linkedin::restli::PatchError>(())
    /// ```
    ///
    /// ```
    /// use serde_json::json;
    /// let patch = linkedin::restli::Patch::diff(&json!({"a": 1, "b": [1]}), &json!({"a": 1, "b": [1, 2]}))?;
    /// assert_eq!(patch.as_value(), &json!({"$set": {"b": [1, 2]}}));
    /// # Ok::<(), linkedin::restli::PatchError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PatchError::NotAnObject`] unless both serialize to JSON objects;
    /// [`PatchError::Empty`] when they are equal.
    pub fn diff<T: Serialize + ?Sized>(original: &T, modified: &T) -> Result<Patch, PatchError> {
        let original = to_object(original, "the original entity")?;
        let modified = to_object(modified, "the modified entity")?;
        let patch = diff_objects(&original, &modified);
        if patch.is_empty() {
            return Err(PatchError::Empty);
        }
        Ok(Patch(Value::Object(patch)))
    }

    /// Uses a patch written by hand (`{"$set": .., "$delete": [..], ..}`).
    ///
    /// ```
    /// use serde_json::json;
    /// let patch = linkedin::restli::Patch::from_value(json!({"$delete": ["notes"]}))?;
    /// assert_eq!(patch.as_value(), &json!({"$delete": ["notes"]}));
    /// # Ok::<(), linkedin::restli::PatchError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PatchError::NotAnObject`] or [`PatchError::Empty`].
    pub fn from_value(patch: Value) -> Result<Patch, PatchError> {
        match &patch {
            Value::Object(map) if map.is_empty() => Err(PatchError::Empty),
            Value::Object(_) => Ok(Patch(patch)),
            other => Err(PatchError::NotAnObject {
                what: "a patch",
                found: json_type(other),
            }),
        }
    }

    /// The patch itself.
    ///
    /// ```
    /// let patch = linkedin::restli::Patch::set(&serde_json::json!({"a": 1}))?;
    /// assert!(patch.as_value().get("$set").is_some());
    /// # Ok::<(), linkedin::restli::PatchError>(())
    /// ```
    pub fn as_value(&self) -> &Value {
        &self.0
    }

    /// The request body of a PARTIAL_UPDATE: `{"patch": ..}`.
    ///
    /// ```
    /// let patch = linkedin::restli::Patch::set(&serde_json::json!({"a": 1}))?;
    /// assert_eq!(patch.to_body(), serde_json::json!({"patch": {"$set": {"a": 1}}}));
    /// # Ok::<(), linkedin::restli::PatchError>(())
    /// ```
    pub fn to_body(&self) -> Value {
        let mut body = Map::new();
        body.insert("patch".into(), self.0.clone());
        Value::Object(body)
    }
}

/// The key of a nested patch for the record field `name`: every `$`
/// doubled, so that a field named `$set` (its patch key `$$set`) is never
/// read as the operator. This is Rest.li's rule: `PatchCreator.diffMaps`
/// stores a nested diff under `Escaper.escapePathSegment(key)`, which
/// replaces each `$` with `$$`
/// (`data-transform/src/main/java/com/linkedin/data/transform/patch/request/PatchCreator.java`
/// and `.../data/transform/Escaper.java` in github linkedin/rest.li). Field
/// names inside `$set` and `$delete` are written as they are, as there
/// (`SetFieldOp.store`, `RemoveFieldOp.store`).
fn escape_field(name: &str) -> String {
    name.replace('$', "$$")
}

fn diff_objects(
    original: &Map<String, Value>,
    modified: &Map<String, Value>,
) -> Map<String, Value> {
    let mut set = Map::new();
    let mut delete = Vec::new();
    let mut nested = Map::new();
    for (name, old) in original {
        match modified.get(name) {
            None | Some(Value::Null) => {
                if !old.is_null() {
                    delete.push(Value::String(name.clone()));
                }
            }
            Some(new) if new == old => {}
            Some(Value::Object(new)) => match old {
                Value::Object(old) => {
                    let inner = diff_objects(old, new);
                    if !inner.is_empty() {
                        nested.insert(escape_field(name), Value::Object(inner));
                    }
                }
                _ => {
                    set.insert(name.clone(), Value::Object(new.clone()));
                }
            },
            Some(new) => {
                set.insert(name.clone(), new.clone());
            }
        }
    }
    for (name, new) in modified {
        if !original.contains_key(name) && !new.is_null() {
            set.insert(name.clone(), new.clone());
        }
    }
    let mut patch = nested;
    if !set.is_empty() {
        patch.insert("$set".into(), Value::Object(set));
    }
    if !delete.is_empty() {
        patch.insert("$delete".into(), Value::Array(delete));
    }
    patch
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_handles_type_changes_and_nulls() {
        let p = Patch::diff(&json!({"a": 1, "b": null}), &json!({"a": {"x": 1}, "b": 2})).unwrap();
        assert_eq!(p.as_value(), &json!({"$set": {"a": {"x": 1}, "b": 2}}));
        let p = Patch::diff(&json!({"a": {"x": 1, "y": 2}}), &json!({"a": {"x": 1}})).unwrap();
        assert_eq!(p.as_value(), &json!({"a": {"$delete": ["y"]}}));
    }

    #[test]
    fn rejects_non_objects_and_empty() {
        assert!(matches!(
            Patch::set(&json!([1])),
            Err(PatchError::NotAnObject { .. })
        ));
        assert_eq!(Patch::set(&json!({})), Err(PatchError::Empty));
        assert_eq!(Patch::from_value(json!({})), Err(PatchError::Empty));
        assert!(Patch::diff(&json!(1), &json!(2)).is_err());
    }
}
