//! The in-memory data: Rest.li collections (created on first use) and simple
//! resources (one entity at a path, like `/me`).
//!
//! Collections are named by their resource path without the API prefix and
//! with parent keys in canonical form (`adAccounts`,
//! `adAccounts/123/adCampaigns`), so `/rest` and `/v2` share the same data.
//! Entities are kept under the canonical reduced encoding of their key
//! ([`Key::canonical`]), so equal keys match however a client escaped them.

use std::collections::HashMap;

use serde_json::Value;

/// An entity key: its decoded value and its canonical reduced encoding.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Key {
    pub(crate) value: Value,
    pub(crate) canonical: String,
}

impl Key {
    /// Canonicalizes a decoded key. The `$params` of a complex key are not
    /// part of its identity and are dropped.
    pub(crate) fn from_value(mut value: Value) -> Result<Key, restli_codec::Error> {
        if let Value::Object(map) = &mut value {
            map.remove("$params");
        }
        let canonical = restli_codec::to_string_reduced(&value)?;
        Ok(Key { value, canonical })
    }

    /// Decodes a URL-form key (a path segment, an element of `ids`).
    pub(crate) fn parse_url(text: &str) -> Result<Key, restli_codec::Error> {
        Key::from_value(restli_codec::from_str(text)?)
    }

    /// Decodes a reduced-form key (a map key in a batch body).
    pub(crate) fn parse_reduced(text: &str) -> Result<Key, restli_codec::Error> {
        Key::from_value(restli_codec::from_str_reduced(text)?)
    }

    /// The key as Rest.li writes it in `X-RestLi-Id` and as a batch map key
    /// (`results`, `statuses`, `errors`): simple keys (numbers, strings,
    /// URNs) raw, complex and compound keys reduced-encoded. Rest.li's
    /// `URIParamUtils.encodeKeyForHeader` / `encodeKeyForBody` (linkedin/rest.li,
    /// `restli-common/src/main/java/com/linkedin/restli/internal/common/URIParamUtils.java`)
    /// and LinkedIn's answers (`x-restli-id: urn:li:share:7123456789`) do the same.
    pub(crate) fn wire(&self) -> String {
        match &self.value {
            Value::String(text) => text.clone(),
            Value::Number(number) => number.to_string(),
            Value::Bool(flag) => flag.to_string(),
            _ => self.canonical.clone(),
        }
    }

    /// Decodes a map key of a batch request body (`entities`): the reduced
    /// form, or a raw simple key (`urn:li:share:1`) that does not decode as
    /// one. Rest.li writes simple keys raw and complex ones reduced, and the
    /// two readings never disagree on a key that decodes both ways.
    pub(crate) fn parse_body(text: &str) -> Result<Key, restli_codec::Error> {
        match Key::parse_reduced(text) {
            Ok(key) => Ok(key),
            Err(e) if text.starts_with('(') => Err(e),
            Err(_) => Key::from_value(Value::String(text.to_owned())),
        }
    }

    /// The key as an `id` field: a number when it reads as one, a string for
    /// other primitives; `None` for complex keys.
    fn as_id(&self) -> Option<Value> {
        match &self.value {
            Value::String(text) => Some(
                text.parse::<i64>()
                    .map(Value::from)
                    .unwrap_or_else(|_| Value::String(text.clone())),
            ),
            Value::Number(_) | Value::Bool(_) => Some(self.value.clone()),
            _ => None,
        }
    }
}

/// One stored entity.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub(crate) key: Key,
    pub(crate) entity: Value,
    seq: u64,
}

/// One collection: entities by canonical key, in insertion order.
#[derive(Debug, Default)]
pub(crate) struct Collection {
    entries: HashMap<String, Entry>,
    next_id: u64,
    next_seq: u64,
    /// The URN entity type of created ids, for resources whose ids LinkedIn
    /// mints as URNs (`posts` → `urn:li:share:N`); plain integers otherwise.
    urn_type: Option<&'static str>,
}

/// Resources whose created ids are URNs on LinkedIn, by the last segment
/// of their path, with the URN entity type LinkedIn uses.
const URN_IDS: &[(&str, &str)] = &[("posts", "share"), ("ugcPosts", "ugcPost")];

impl Collection {
    fn for_path(path: &str) -> Collection {
        let resource = path.rsplit('/').next().unwrap_or(path);
        Collection {
            urn_type: URN_IDS
                .iter()
                .find(|(name, _)| *name == resource)
                .map(|(_, urn_type)| *urn_type),
            ..Collection::default()
        }
    }

    /// Stores a new entity under the next free id (an integer, or a URN
    /// around it for `posts`-like resources) and returns its key. An object
    /// entity without an `id` field gets one.
    pub(crate) fn create(&mut self, entity: Value) -> Key {
        let urn_type = self.urn_type;
        self.create_as(entity, urn_type)
    }

    /// Like [`create`](Collection::create), with the id a URN of
    /// `urn_type` (`urn:li:ugcPost:N` in `posts`, whose default is `share`).
    pub(crate) fn create_urn(&mut self, entity: Value, urn_type: &'static str) -> Key {
        self.create_as(entity, Some(urn_type))
    }

    fn create_as(&mut self, entity: Value, urn_type: Option<&'static str>) -> Key {
        let key = loop {
            self.next_id = self.next_id.max(1);
            let id = self.next_id;
            self.next_id += 1;
            let key = match urn_type {
                Some(urn_type) => {
                    let urn = format!("urn:li:{urn_type}:{id}");
                    let canonical =
                        restli_codec::to_string_reduced(&urn).unwrap_or_else(|_| urn.clone());
                    Key {
                        value: Value::String(urn),
                        canonical,
                    }
                }
                None => Key {
                    value: Value::from(id),
                    canonical: id.to_string(),
                },
            };
            if !self.entries.contains_key(&key.canonical) {
                break key;
            }
        };
        self.put(key.clone(), entity);
        key
    }

    /// Stores (or replaces) the entity at a key; `true` if it is new.
    /// An object entity without an `id` field gets the key as its `id`
    /// when the key is a primitive.
    pub(crate) fn put(&mut self, key: Key, mut entity: Value) -> bool {
        if let (Value::Object(fields), Some(id)) = (&mut entity, key.as_id()) {
            fields.entry("id").or_insert(id);
        }
        if let Ok(n) = key.canonical.parse::<u64>() {
            self.next_id = self.next_id.max(n.saturating_add(1));
        }
        let seq = match self.entries.get(&key.canonical) {
            Some(existing) => existing.seq,
            None => {
                self.next_seq += 1;
                self.next_seq
            }
        };
        let canonical = key.canonical.clone();
        self.entries
            .insert(canonical, Entry { key, entity, seq })
            .is_none()
    }

    pub(crate) fn get(&self, canonical: &str) -> Option<&Entry> {
        self.entries.get(canonical)
    }

    pub(crate) fn get_mut(&mut self, canonical: &str) -> Option<&mut Entry> {
        self.entries.get_mut(canonical)
    }

    pub(crate) fn remove(&mut self, canonical: &str) -> Option<Entry> {
        self.entries.remove(canonical)
    }

    /// Every entry, oldest first.
    pub(crate) fn list(&self) -> Vec<&Entry> {
        let mut entries: Vec<&Entry> = self.entries.values().collect();
        entries.sort_by_key(|entry| entry.seq);
        entries
    }
}

/// All collections and simple resources, and the data of the resources
/// served with LinkedIn's own shapes (`social`).
#[derive(Debug, Default)]
pub(crate) struct Store {
    collections: HashMap<String, Collection>,
    singletons: HashMap<String, Value>,
    pub(crate) social: crate::social::Data,
}

impl Store {
    /// The collection at a path, created empty on first use.
    pub(crate) fn collection(&mut self, path: &str) -> &mut Collection {
        self.collections
            .entry(path.to_owned())
            .or_insert_with(|| Collection::for_path(path))
    }

    /// The collection at a path, if it was ever used.
    pub(crate) fn existing(&self, path: &str) -> Option<&Collection> {
        self.collections.get(path)
    }

    /// The simple resource at a path.
    pub(crate) fn singleton(&self, path: &str) -> Option<&Value> {
        self.singletons.get(path)
    }

    pub(crate) fn singleton_mut(&mut self, path: &str) -> Option<&mut Value> {
        self.singletons.get_mut(path)
    }

    /// Sets a simple resource; `true` if it is new.
    pub(crate) fn set_singleton(&mut self, path: &str, entity: Value) -> bool {
        self.singletons.insert(path.to_owned(), entity).is_none()
    }

    pub(crate) fn remove_singleton(&mut self, path: &str) -> Option<Value> {
        self.singletons.remove(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn equal_keys_match_however_escaped() {
        let a = Key::parse_url("(b:x%20y,a:1)").unwrap();
        let b = Key::parse_reduced("(a:1,b:x y)").unwrap();
        assert_eq!(a.canonical, b.canonical);
        let with_params = Key::parse_url("($params:(p:1),a:1,b:x%20y)").unwrap();
        assert_eq!(with_params.canonical, a.canonical);
    }

    #[test]
    fn ids_increase_and_skip_taken_keys() {
        let mut c = Collection::default();
        assert_eq!(c.create(json!({})).canonical, "1");
        c.put(Key::parse_url("2").unwrap(), json!({"name": "two"}));
        assert_eq!(c.get("2").unwrap().entity, json!({"id": 2, "name": "two"}));
        assert_eq!(c.create(json!({})).canonical, "3");
        assert_eq!(c.list().len(), 3);
        assert!(c.remove("1").is_some());
        assert_eq!(c.list()[0].key.canonical, "2");
    }

    #[test]
    fn simple_keys_are_raw_on_the_wire_complex_ones_reduced() {
        let urn = Key::parse_url("urn%3Ali%3Ashare%3A7").unwrap();
        assert_eq!(urn.canonical, "urn%3Ali%3Ashare%3A7");
        assert_eq!(urn.wire(), "urn:li:share:7");
        assert_eq!(Key::parse_url("42").unwrap().wire(), "42");
        assert_eq!(Key::from_value(json!(42)).unwrap().wire(), "42");
        let complex = Key::parse_url("(b:x%3Ay,a:1)").unwrap();
        assert_eq!(complex.wire(), "(a:1,b:x%3Ay)");
        assert_eq!(complex.wire(), complex.canonical);
    }

    proptest::proptest! {
        /// Whatever the key, its wire form decodes (raw for simple keys,
        /// reduced for complex ones) back to the same canonical key.
        #[test]
        fn wire_form_round_trips(text in "\\PC{0,20}", n in proptest::prelude::any::<i64>()) {
            let simple = Key::from_value(json!(text.clone())).unwrap();
            proptest::prop_assert_eq!(simple.wire(), text.clone());
            let complex = Key::from_value(json!({"a": text, "n": n})).unwrap();
            let back = Key::parse_reduced(&complex.wire()).unwrap();
            proptest::prop_assert_eq!(back.canonical, complex.canonical);
        }
    }
}
