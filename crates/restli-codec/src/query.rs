//! Whole query strings: `name=value` pairs sorted by name, and the `fields`
//! projection written as LinkedIn expects it.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde::ser;

use crate::error::{Error, ErrorKind, Result};
use crate::escape::{Form, into_string, push_escaped, push_percent, write_escaped};
use crate::params::{self, EntrySink};
use crate::ser::{Emitted, encode_bytes, raw_cmp};

/// The query parameter that carries the entity projection and is not
/// Rest.li-encoded.
pub const PROJECTION_PARAM: &str = "fields";

/// Every query parameter that carries a projection, each written unencoded:
/// `fields` (the entities), `metadataFields` (a collection's metadata) and
/// `pagingFields` (its paging block), as Rest.li names them (linkedin/rest.li
/// `restli-common/src/main/java/com/linkedin/restli/common/RestConstants.java`,
/// `PROJECTION_PARAMETERS`).
///
/// ```
/// let query = restli_codec::to_query_string(&serde_json::json!({
///     "metadataFields": "total",
///     "pagingFields": "start,count",
/// }))?;
/// assert_eq!(query, "metadataFields=total&pagingFields=start,count");
/// # Ok::<(), restli_codec::Error>(())
/// ```
pub const PROJECTION_PARAMS: [&str; 3] = [
    PROJECTION_PARAM,
    METADATA_PROJECTION_PARAM,
    PAGING_PROJECTION_PARAM,
];

/// The projection of a collection's metadata.
pub(crate) const METADATA_PROJECTION_PARAM: &str = "metadataFields";

/// The projection of a collection's paging block.
pub(crate) const PAGING_PROJECTION_PARAM: &str = "pagingFields";

/// Encodes a whole set of query parameters: a map or a struct whose entries
/// become `name=value` pairs joined by `&`, sorted by name, each value in the
/// URL form. Null values are left out.
///
/// The projections `fields`, `metadataFields` and `pagingFields` (see
/// [`PROJECTION_PARAMS`]; a [`Projection`](crate::Projection), a string, or
/// a list of strings joined with `,`) are written as they are, since
/// LinkedIn reads `fields=id,name` and `fields=author:(id)` literally; only
/// characters that would break the query string itself (space, `&`, `#`,
/// `%`, `+`, `=`, non-ASCII, ...) are percent-escaped in them.
///
/// ```
/// use serde_json::json;
///
/// let query = restli_codec::to_query_string(&json!({
///     "q": "search",
///     "search": { "status": { "values": ["ACTIVE", "DRAFT"] }, "test": false },
///     "fields": "id,name",
///     "start": 0,
///     "unused": null,
/// }))?;
/// assert_eq!(
///     query,
///     "fields=id,name&q=search&search=(status:(values:List(ACTIVE,DRAFT)),test:false)&start=0"
/// );
/// # Ok::<(), restli_codec::Error>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::ExpectedMap`] unless `params` is a map or a struct,
/// [`ErrorKind::DuplicateKey`] for a name given twice,
/// [`ErrorKind::InvalidProjection`] for a `fields` value that is not a string
/// or a list of strings, and any error of [`to_string`](crate::to_string) for
/// a value.
pub fn to_query_string<T: Serialize + ?Sized>(params: &T) -> Result<String> {
    // Written straight into the output; only names that arrive unsorted
    // (or twice) take the way through a sorted `QueryParams`.
    match params::collect(params, Direct::default())? {
        Some(query) => Ok(into_string(query)),
        None => {
            let mut query = String::new();
            QueryParams::from_serialize(params)?.write_to(&mut query);
            Ok(query)
        }
    }
}

/// Writes `name=value` pairs into one buffer as they come, while each name
/// comes after the one before it; finishes with `None` otherwise.
struct Direct {
    out: Vec<u8>,
    /// The escaped name of the last pair kept.
    previous: Option<(usize, usize)>,
    sorted: bool,
}

impl Default for Direct {
    fn default() -> Self {
        Direct {
            out: Vec::with_capacity(128),
            previous: None,
            sorted: true,
        }
    }
}

impl EntrySink for Direct {
    type Output = Option<Vec<u8>>;
    const CONTEXT: &'static str = "query parameters";

    fn entry<T: Serialize + ?Sized>(&mut self, name: Cow<'static, str>, value: &T) -> Result<()> {
        let out = &mut self.out;
        let rollback = out.len();
        if self.previous.is_some() {
            out.push(b'&');
        }
        let start = out.len();
        write_escaped(out, &name, Form::Url);
        let end = out.len();
        out.push(b'=');
        let emitted = if PROJECTION_PARAMS.contains(&name.as_ref()) {
            match projection_text(value)? {
                Some(text) => {
                    write_projection(out, &text);
                    Emitted::Value
                }
                None => Emitted::Null,
            }
        } else {
            encode_bytes(out, value, Form::Url)?
        };
        // Every name, null or not, must come after the last one kept: a
        // name kept twice is a duplicate, which the sorted way reports.
        if let Some((p_start, p_end)) = self.previous {
            let text = out.as_slice();
            let previous = text.get(p_start..p_end).unwrap_or_default();
            let this = text.get(start..end).unwrap_or_default();
            self.sorted &= raw_cmp(previous, this) == Ordering::Less;
        }
        match emitted {
            Emitted::Value => self.previous = Some((start, end)),
            Emitted::Null => out.truncate(rollback),
        }
        Ok(())
    }

    fn finish(self) -> Result<Option<Vec<u8>>> {
        Ok(self.sorted.then_some(self.out))
    }
}

/// A set of encoded query parameters, kept sorted by name.
///
/// Values are encoded when they are inserted, so the set is cheap to clone
/// and to turn into a query string, and a request can change one parameter
/// (say `start` when paging) without re-encoding the others.
///
/// ```
/// use restli_codec::QueryParams;
///
/// let mut params = QueryParams::new();
/// params.insert("q", "search")?;
/// params.insert("start", &10)?;
/// params.insert("ids", &["a b", "c"])?;
/// assert_eq!(params.to_string(), "ids=List(a%20b,c)&q=search&start=10");
/// assert_eq!(params.get("start"), Some("10"));
/// # Ok::<(), restli_codec::Error>(())
/// ```
///
/// Its `Debug` shows every name, and every value but those of names that
/// mention a token or a secret (LinkedIn's legacy `oauth2_access_token`
/// parameter carries a bearer token).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct QueryParams {
    /// Encoded value by raw (unescaped) name.
    params: BTreeMap<String, String>,
}

impl std::fmt::Debug for QueryParams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secret = |name: &str| {
            let name = name.to_ascii_lowercase();
            name.contains("token") || name.contains("secret")
        };
        f.debug_map()
            .entries(self.params.iter().map(|(name, value)| {
                let shown = if secret(name) { "<redacted>" } else { value };
                (name, shown)
            }))
            .finish()
    }
}

impl QueryParams {
    /// An empty set.
    ///
    /// ```
    /// assert!(restli_codec::QueryParams::new().is_empty());
    /// ```
    pub fn new() -> Self {
        QueryParams::default()
    }

    /// Encodes every entry of a map or a struct.
    ///
    /// ```
    /// let params = restli_codec::QueryParams::from_serialize(&serde_json::json!({"q": "search"}))?;
    /// assert_eq!(params.to_string(), "q=search");
    /// # Ok::<(), restli_codec::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`to_query_string`].
    pub fn from_serialize<T: Serialize + ?Sized>(params: &T) -> Result<Self> {
        params::collect(params, Collector::default())
    }

    /// Encodes and adds (or replaces) one parameter; a null value removes it.
    /// The `fields` projection is kept readable, as [`to_query_string`] says.
    ///
    /// ```
    /// let mut params = restli_codec::QueryParams::new();
    /// params.insert("fields", "id,name")?;
    /// params.insert("count", &Some(10))?;
    /// params.insert("count", &None::<u32>)?;
    /// assert_eq!(params.to_string(), "fields=id,name");
    /// # Ok::<(), restli_codec::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any error of [`to_string`](crate::to_string) for the value, or
    /// [`ErrorKind::InvalidProjection`].
    pub fn insert<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<()> {
        match encode_param(name, value)? {
            Some(encoded) => {
                self.params.insert(name.to_owned(), encoded);
            }
            None => {
                self.params.remove(name);
            }
        }
        Ok(())
    }

    /// Adds (or replaces) a parameter whose value is already encoded.
    pub(crate) fn insert_encoded(&mut self, name: &str, encoded: String) {
        self.params.insert(name.to_owned(), encoded);
    }

    /// Adds (or replaces) every entry of a map or a struct.
    ///
    /// ```
    /// let mut params = restli_codec::QueryParams::new();
    /// params.insert("q", "search")?;
    /// params.extend(&serde_json::json!({"start": 0, "count": 10}))?;
    /// assert_eq!(params.to_string(), "count=10&q=search&start=0");
    /// # Ok::<(), restli_codec::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`to_query_string`].
    pub fn extend<T: Serialize + ?Sized>(&mut self, params: &T) -> Result<()> {
        let other = QueryParams::from_serialize(params)?;
        self.params.extend(other.params);
        Ok(())
    }

    /// Removes a parameter, returning its encoded value.
    ///
    /// ```
    /// let mut params = restli_codec::QueryParams::from_serialize(&serde_json::json!({"a": 1}))?;
    /// assert_eq!(params.remove("a").as_deref(), Some("1"));
    /// assert!(params.is_empty());
    /// # Ok::<(), restli_codec::Error>(())
    /// ```
    pub fn remove(&mut self, name: &str) -> Option<String> {
        self.params.remove(name)
    }

    /// The encoded value of a parameter.
    ///
    /// ```
    /// let params = restli_codec::QueryParams::from_serialize(&serde_json::json!({"a": "x y"}))?;
    /// assert_eq!(params.get("a"), Some("x%20y"));
    /// # Ok::<(), restli_codec::Error>(())
    /// ```
    pub fn get(&self, name: &str) -> Option<&str> {
        self.params.get(name).map(String::as_str)
    }

    /// Decodes a parameter's value into a type (`None` if absent).
    ///
    /// ```
    /// let params = restli_codec::QueryParams::from_serialize(&serde_json::json!({"start": 20}))?;
    /// assert_eq!(params.decode::<u64>("start")?, Some(20));
    /// # Ok::<(), restli_codec::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`from_str`](crate::from_str).
    pub fn decode<T: serde::de::DeserializeOwned>(&self, name: &str) -> Result<Option<T>> {
        self.get(name).map(crate::from_str).transpose()
    }

    /// How many parameters there are.
    ///
    /// ```
    /// assert_eq!(restli_codec::QueryParams::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.params.len()
    }

    /// Whether there are no parameters.
    ///
    /// ```
    /// assert!(restli_codec::QueryParams::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.params.is_empty()
    }

    /// The parameters as (raw name, encoded value), sorted by name.
    ///
    /// ```
    /// let params = restli_codec::QueryParams::from_serialize(&serde_json::json!({"b": 1, "a": 2}))?;
    /// let names: Vec<&str> = params.iter().map(|(name, _)| name).collect();
    /// assert_eq!(names, ["a", "b"]);
    /// # Ok::<(), restli_codec::Error>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.params.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

impl QueryParams {
    /// Appends the query string (what `Display` shows) to `out`: each name
    /// escaped straight into it, no formatter and no scratch string.
    pub(crate) fn write_to(&self, out: &mut String) {
        // Names escape to at least their own length; an unescaped name
        // makes this exact, so the common case grows `out` once.
        let len: usize = self
            .params
            .iter()
            .map(|(name, value)| name.len() + value.len() + 2)
            .sum();
        out.reserve(len);
        for (i, (name, value)) in self.params.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            push_escaped(out, name, Form::Url);
            out.push('=');
            out.push_str(value);
        }
    }
}

/// The query string: `name=value` pairs sorted by name, joined by `&`.
impl fmt::Display for QueryParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut query = String::new();
        self.write_to(&mut query);
        f.write_str(&query)
    }
}

/// Encodes one parameter value; `None` for a null.
fn encode_param<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<Option<String>> {
    if PROJECTION_PARAMS.contains(&name) {
        return Ok(projection_text(value)?.map(|text| {
            let mut out = Vec::new();
            write_projection(&mut out, &text);
            into_string(out)
        }));
    }
    let mut out = Vec::new();
    Ok(match encode_bytes(&mut out, value, Form::Url)? {
        Emitted::Value => Some(into_string(out)),
        Emitted::Null => None,
    })
}

#[derive(Default)]
struct Collector {
    params: QueryParams,
}

impl EntrySink for Collector {
    type Output = QueryParams;
    const CONTEXT: &'static str = "query parameters";

    fn entry<T: Serialize + ?Sized>(&mut self, name: Cow<'static, str>, value: &T) -> Result<()> {
        if self.params.params.contains_key(name.as_ref()) {
            return Err(Error::new(ErrorKind::DuplicateKey(name.into_owned())));
        }
        if let Some(encoded) = encode_param(&name, value)? {
            self.params.params.insert(name.into_owned(), encoded);
        }
        Ok(())
    }

    fn finish(self) -> Result<QueryParams> {
        Ok(self.params)
    }
}

/// The projection as one string: a string (or a [`Projection`](crate::Projection),
/// which serializes as one) as it is, a list of strings joined by `,`.
///
/// Read with a serializer of its own that accepts exactly these shapes and
/// nothing deeper, so a caller's deeply nested value is refused at once
/// instead of being converted (recursively) first.
fn projection_text<T: Serialize + ?Sized>(value: &T) -> Result<Option<String>> {
    match value.serialize(ProjectionText { in_list: false })? {
        Text::Null => Ok(None),
        Text::One(s) => Ok(Some(s)),
        Text::List(parts) => Ok((!parts.is_empty()).then(|| parts.join(","))),
    }
}

enum Text {
    Null,
    One(String),
    List(Vec<String>),
}

/// Accepts a string, a null, or (at the top) a list of strings.
struct ProjectionText {
    in_list: bool,
}

/// Collects the elements of a list of strings.
struct ProjectionList {
    parts: Vec<String>,
}

fn invalid<T>() -> Result<T> {
    Err(Error::new(ErrorKind::InvalidProjection))
}

impl ser::SerializeSeq for ProjectionList {
    type Ok = Text;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        match value.serialize(ProjectionText { in_list: true })? {
            Text::One(s) => {
                self.parts.push(s);
                Ok(())
            }
            Text::Null | Text::List(_) => invalid(),
        }
    }
    fn end(self) -> Result<Text> {
        Ok(Text::List(self.parts))
    }
}

impl ser::SerializeTuple for ProjectionList {
    type Ok = Text;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Text> {
        ser::SerializeSeq::end(self)
    }
}

macro_rules! not_a_projection {
    ($($method:ident($($arg:ty),*);)*) => {
        $(
            fn $method(self, $(_: $arg),*) -> Result<Text> {
                invalid()
            }
        )*
    };
}

impl ser::Serializer for ProjectionText {
    type Ok = Text;
    type Error = Error;
    type SerializeSeq = ProjectionList;
    type SerializeTuple = ProjectionList;
    type SerializeTupleStruct = ser::Impossible<Text, Error>;
    type SerializeTupleVariant = ser::Impossible<Text, Error>;
    type SerializeMap = ser::Impossible<Text, Error>;
    type SerializeStruct = ser::Impossible<Text, Error>;
    type SerializeStructVariant = ser::Impossible<Text, Error>;

    fn serialize_str(self, v: &str) -> Result<Text> {
        Ok(Text::One(v.to_owned()))
    }
    fn serialize_char(self, v: char) -> Result<Text> {
        Ok(Text::One(v.to_string()))
    }
    fn serialize_none(self) -> Result<Text> {
        Ok(Text::Null)
    }
    fn serialize_unit(self) -> Result<Text> {
        Ok(Text::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Text> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Text> {
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<ProjectionList> {
        if self.in_list {
            return invalid();
        }
        Ok(ProjectionList { parts: Vec::new() })
    }
    fn serialize_tuple(self, len: usize) -> Result<ProjectionList> {
        self.serialize_seq(Some(len))
    }
    not_a_projection! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_i128(i128);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_u128(u128);
        serialize_f32(f32);
        serialize_f64(f64);
        serialize_bytes(&[u8]);
        serialize_unit_struct(&'static str);
    }
    /// An enum naming a field list, as `serde_json` would read it: its name.
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Text> {
        Ok(Text::One(variant.to_owned()))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<Text> {
        invalid()
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        invalid()
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        invalid()
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        invalid()
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        invalid()
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        invalid()
    }
}

/// Writes a projection, escaping only what a query string cannot carry.
fn write_projection(out: &mut Vec<u8>, text: &str) {
    for &b in text.as_bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b','
                    | b':'
                    | b'('
                    | b')'
                    | b'$'
                    | b'*'
                    | b'!'
                    | b'\''
                    | b'@'
                    | b'/'
                    | b';'
            );
        if keep {
            out.push(b);
        } else {
            push_percent(out, b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[test]
    fn sorts_by_name_and_drops_nulls() {
        let q = to_query_string(&json!({"b": 1, "a": "x y", "c": null})).unwrap();
        assert_eq!(q, "a=x%20y&b=1");
    }

    #[test]
    fn projection_passes_through() {
        let q = to_query_string(&json!({"fields": "id,message:(id),elements*(name)"})).unwrap();
        assert_eq!(q, "fields=id,message:(id),elements*(name)");
        let q = to_query_string(&json!({"fields": ["id", "name"]})).unwrap();
        assert_eq!(q, "fields=id,name");
        let q = to_query_string(&json!({"fields": "a b&c#"})).unwrap();
        assert_eq!(q, "fields=a%20b%26c%23");
        let q = to_query_string(
            &json!({"metadataFields": "a:(b)", "pagingFields": ["start", "total"]}),
        )
        .unwrap();
        assert_eq!(q, "metadataFields=a:(b)&pagingFields=start,total");
        let err = to_query_string(&json!({"fields": [["a"]]})).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::InvalidProjection);
        let err = to_query_string(&json!({"pagingFields": {"a": 1}})).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::InvalidProjection);
        let err = to_query_string(&json!({"fields": 3})).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::InvalidProjection);
    }

    #[test]
    fn names_are_escaped() {
        let mut m = BTreeMap::new();
        m.insert("a b", 1);
        assert_eq!(to_query_string(&m).unwrap(), "a%20b=1");
    }

    #[test]
    fn top_level_must_be_a_map() {
        let err = to_query_string(&[1, 2]).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::ExpectedMap { .. }));
        assert_eq!(to_query_string(&()).unwrap(), "");
    }

    /// Parameters handed over in the order given.
    struct InOrder(Vec<(String, Option<serde_json::Value>)>);

    impl Serialize for InOrder {
        fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = s.serialize_map(Some(self.0.len()))?;
            for (k, v) in &self.0 {
                map.serialize_entry(k, v)?;
            }
            map.end()
        }
    }

    proptest::proptest! {
        /// The direct writer equals the way through `QueryParams` (which
        /// sorts), for names in any order, twice, null, or projections.
        #[test]
        fn direct_query_equals_query_params(
            names in proptest::collection::vec("fields|pagingFields|q|[a-c. %]{0,3}", 0..8),
            values in proptest::collection::vec(proptest::option::of("[a-z(),: ]{0,5}"), 8),
        ) {
            let pairs: Vec<_> = names
                .into_iter()
                .zip(values)
                .map(|(n, v)| (n, v.map(serde_json::Value::String)))
                .collect();
            let params = InOrder(pairs);
            let direct = to_query_string(&params);
            let through = QueryParams::from_serialize(&params).map(|p| p.to_string());
            proptest::prop_assert_eq!(direct, through);
        }
    }

    #[test]
    fn duplicate_names_are_errors() {
        #[derive(Serialize)]
        struct Twice {
            b: u8,
            #[serde(flatten)]
            inner: BTreeMap<&'static str, u8>,
        }
        let mut inner = BTreeMap::new();
        inner.insert("a", 1);
        inner.insert("b", 2);
        let err = to_query_string(&Twice { b: 1, inner }).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::DuplicateKey("b".into()));
    }
}
