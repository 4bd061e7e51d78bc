//! [`BatchMap`]: the values of a batch response, keyed by decoded keys.

use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::excerpt::Excerpt;

/// The entries of a batch response map (`results`, `statuses`, `errors`),
/// with each JSON map key decoded from its reduced Rest.li encoding into
/// the key type `K`, in the order the server sent them.
///
/// Rest.li writes simple keys (numbers, strings, URNs) raw, as LinkedIn's
/// Posts API shows (`"results": {"urn:li:share:1": ..}`): a key that is not
/// valid reduced encoding for `K` is read as raw text, so `1`,
/// `urn:li:share:1` and `urn%3Ali%3Ashare%3A1` are all found by the ids of
/// the request.
///
/// Lookup takes a typed key: [`get`](Self::get) encodes the probe the same
/// canonical way (reduced form, record fields sorted) and finds the entry
/// whose decoded key has that encoding, so `1_i64`, `json!(1)` and
/// `json!("1")` all find the key `"1"`, and a complex key is found whatever
/// order the server wrote its fields in.
///
/// ```
/// use linkedin::restli::response::BatchMap;
/// use serde::{Deserialize, Serialize};
/// use serde_json::json;
///
/// #[derive(Serialize, Deserialize, Debug, PartialEq)]
/// struct Key { part1: String, part2: i32 }
///
/// let map: BatchMap<Key, serde_json::Value> = serde_json::from_str(
///     r#"{"(part2:2,part1:a%3Ab)": {"n": 1}, "(part1:c,part2:3)": {"n": 2}}"#,
/// )?;
/// assert_eq!(map.len(), 2);
/// let key = Key { part1: "a:b".into(), part2: 2 };
/// assert_eq!(map.get(&key), Some(&json!({"n": 1})));
/// let keys: Vec<&Key> = map.keys().collect();
/// assert_eq!(keys[1].part1, "c");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BatchMap<K, V> {
    entries: Vec<(K, V)>,
    /// Canonical reduced encoding of each key -> index into `entries`.
    index: HashMap<String, usize>,
}

impl<K, V> Default for BatchMap<K, V> {
    fn default() -> Self {
        BatchMap {
            entries: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<K, V> BatchMap<K, V> {
    /// The value for a key, if the server sent one.
    ///
    /// A key that cannot be encoded (a bare null, say) is simply not found.
    ///
    /// ```
    /// use linkedin::restli::response::BatchMap;
    /// let map: BatchMap<i64, String> = serde_json::from_str(r#"{"1": "one", "3": "three"}"#)?;
    /// assert_eq!(map.get(&3).map(String::as_str), Some("three"));
    /// assert_eq!(map.get(&2), None);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        Q: Serialize + ?Sized,
    {
        let encoded = crate::to_string_reduced(key).ok()?;
        self.index
            .get(&encoded)
            .and_then(|&i| self.entries.get(i))
            .map(|(_, v)| v)
    }

    /// Whether the server sent a value for the key.
    ///
    /// ```
    /// use linkedin::restli::response::BatchMap;
    /// let map: BatchMap<String, u8> = serde_json::from_str(r#"{"urn%3Ali%3Ax%3A1": 1}"#)?;
    /// assert!(map.contains_key("urn:li:x:1"));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        Q: Serialize + ?Sized,
    {
        self.get(key).is_some()
    }

    /// The number of entries.
    ///
    /// ```
    /// use linkedin::restli::response::BatchMap;
    /// let map: BatchMap<i64, u8> = serde_json::from_str("{}")?;
    /// assert_eq!(map.len(), 0);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    ///
    /// ```
    /// use linkedin::restli::response::BatchMap;
    /// assert!(BatchMap::<i64, u8>::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries in the order the server sent them.
    ///
    /// ```
    /// use linkedin::restli::response::BatchMap;
    /// let map: BatchMap<i64, u8> = serde_json::from_str(r#"{"2": 20, "1": 10}"#)?;
    /// let pairs: Vec<(i64, u8)> = map.iter().map(|(k, v)| (*k, *v)).collect();
    /// assert_eq!(pairs, [(2, 20), (1, 10)]);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn iter(&self) -> Iter<'_, K, V> {
        self.into_iter()
    }

    /// The decoded keys, in the order the server sent them.
    ///
    /// ```
    /// use linkedin::restli::response::BatchMap;
    /// let map: BatchMap<i64, u8> = serde_json::from_str(r#"{"7": 1}"#)?;
    /// assert_eq!(map.keys().copied().collect::<Vec<_>>(), [7]);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &K> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values, in the order the server sent them.
    ///
    /// ```
    /// use linkedin::restli::response::BatchMap;
    /// let map: BatchMap<i64, u8> = serde_json::from_str(r#"{"7": 1}"#)?;
    /// assert_eq!(map.values().copied().collect::<Vec<_>>(), [1]);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn values(&self) -> impl ExactSizeIterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }

    /// Transforms every value, keeping keys and lookups.
    pub(crate) fn map_values<W>(self, mut f: impl FnMut(V) -> W) -> BatchMap<K, W> {
        BatchMap {
            entries: self.entries.into_iter().map(|(k, v)| (k, f(v))).collect(),
            index: self.index,
        }
    }
}

/// Borrowing iterator over a [`BatchMap`]'s entries.
pub type Iter<'a, K, V> =
    std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;

impl<'a, K, V> IntoIterator for &'a BatchMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        fn pair<K, V>((k, v): &(K, V)) -> (&K, &V) {
            (k, v)
        }
        self.entries
            .iter()
            .map(pair as fn(&'a (K, V)) -> (&'a K, &'a V))
    }
}

impl<K, V> IntoIterator for BatchMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;

    /// The owned entries, in the order the server sent them.
    ///
    /// ```
    /// use linkedin::restli::response::BatchMap;
    /// let map: BatchMap<i64, String> = serde_json::from_str(r#"{"1": "a"}"#)?;
    /// let owned: Vec<(i64, String)> = map.into_iter().collect();
    /// assert_eq!(owned, [(1, "a".to_string())]);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'de, K, V> Deserialize<'de> for BatchMap<K, V>
where
    K: DeserializeOwned + Serialize,
    V: Deserialize<'de>,
{
    /// Reads a JSON object whose keys are reduced-encoded Rest.li values.
    ///
    /// # Errors
    ///
    /// A key that does not decode into `K` (the error names the key), two
    /// keys that decode to the same value, and values that do not decode
    /// into `V`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(BatchMapVisitor(PhantomData))
    }
}

struct BatchMapVisitor<K, V>(PhantomData<(K, V)>);

impl<'de, K, V> Visitor<'de> for BatchMapVisitor<K, V>
where
    K: DeserializeOwned + Serialize,
    V: Deserialize<'de>,
{
    type Value = BatchMap<K, V>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object keyed by reduced-encoded Rest.li keys")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut map = BatchMap::default();
        while let Some(raw) = access.next_key::<String>()? {
            let quoted = Excerpt(&raw);
            // Reduced-encoded, or raw as Rest.li writes simple keys:
            // `from_str_reduced` reads both.
            let key: K = crate::from_str_reduced(&raw).map_err(|e| {
                de::Error::custom(format_args!(
                    "batch key {quoted} does not decode into the key type: {}",
                    crate::excerpt::bounded(&e.to_string())
                ))
            })?;
            let canonical = crate::to_string_reduced(&key).map_err(|e| {
                de::Error::custom(format_args!(
                    "batch key {quoted} decoded but cannot be encoded again: {}",
                    crate::excerpt::bounded(&e.to_string())
                ))
            })?;
            if map.index.contains_key(&canonical) {
                return Err(de::Error::custom(format_args!(
                    "batch key {quoted} repeats an earlier key (both are {})",
                    Excerpt(&canonical)
                )));
            }
            let value = access.next_value()?;
            map.index.insert(canonical, map.entries.len());
            map.entries.push((key, value));
        }
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn value_keys_are_found_by_typed_probes() {
        let map: BatchMap<Value, u8> =
            serde_json::from_str(r#"{"(part1:one,part2:2,part3:APPLE)": 1, "5": 2}"#).unwrap();
        assert_eq!(
            map.get(&json!({"part3": "APPLE", "part2": 2, "part1": "one"})),
            Some(&1)
        );
        assert_eq!(map.get(&5), Some(&2));
        assert_eq!(map.get(&json!("5")), Some(&2));
        assert_eq!(map.get(&6), None);
    }

    #[test]
    fn undecodable_key_is_named() {
        let err = serde_json::from_str::<BatchMap<i64, u8>>(r#"{"abc": 1}"#).unwrap_err();
        assert!(err.to_string().contains("batch key \"abc\""), "{err}");
        let err = serde_json::from_str::<BatchMap<Value, u8>>(r#"{"(a:": 1}"#).unwrap_err();
        assert!(err.to_string().contains("\"(a:\""), "{err}");
    }

    #[test]
    fn keys_equal_after_decoding_are_rejected() {
        // `01` is no longer a number (the codec reads only canonical
        // numbers), so the two keys that decode equal are an escaped and an
        // unescaped string.
        assert!(serde_json::from_str::<BatchMap<i64, u8>>(r#"{"1": 1, "01": 2}"#).is_err());
        let err =
            serde_json::from_str::<BatchMap<String, u8>>(r#"{"ab": 1, "a%62": 2}"#).unwrap_err();
        assert!(err.to_string().contains("repeats an earlier key"), "{err}");
    }

    #[test]
    fn other_shapes_are_errors() {
        assert!(serde_json::from_str::<BatchMap<i64, u8>>("null").is_err());
        assert!(serde_json::from_str::<BatchMap<i64, u8>>("[1]").is_err());
        assert!(serde_json::from_str::<BatchMap<i64, u8>>("3").is_err());
    }

    #[test]
    fn map_values_keeps_lookup() {
        let map: BatchMap<i64, u8> = serde_json::from_str(r#"{"4": 1}"#).unwrap();
        let map = map.map_values(|v| v * 10);
        assert_eq!(map.get(&4), Some(&10));
    }
}
