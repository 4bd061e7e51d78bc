//! Whole query strings: `name=value` pairs sorted by name, and the `fields`
//! projection written as LinkedIn expects it.

use std::borrow::Cow;

use serde::Serialize;

use crate::error::{Error, ErrorKind, Result};
use crate::escape::{Form, push_percent};
use crate::params::{self, EntrySink};
use crate::ser::{Emitted, EntryList, encode_into};

/// The query parameter that carries a projection and is not Rest.li-encoded.
pub const PROJECTION_PARAM: &str = "fields";

/// Encodes a whole set of query parameters: a map or a struct whose entries
/// become `name=value` pairs joined by `&`, sorted by name, each value in the
/// URL form. Null values are left out.
///
/// The `fields` projection (a string, or a list of strings joined with `,`)
/// is written as it is, since LinkedIn reads `fields=id,name` and
/// `fields=elements*(id)` literally; only characters that would break the
/// query string itself (space, `&`, `#`, `%`, `+`, `=`, non-ASCII, ...) are
/// percent-escaped in it.
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
    let mut out = String::new();
    params::collect(
        params,
        QuerySink {
            list: EntryList::new(&mut out, 0, Form::Url),
        },
    )?;
    Ok(out)
}

struct QuerySink<'a> {
    list: EntryList<'a>,
}

impl EntrySink for QuerySink<'_> {
    type Output = ();
    const CONTEXT: &'static str = "query parameters";

    fn entry<T: Serialize + ?Sized>(&mut self, name: Cow<'static, str>, value: &T) -> Result<()> {
        if name == PROJECTION_PARAM {
            let projection = projection_text(value)?;
            self.list.entry(name, '&', '=', |out, _| {
                Ok(match projection {
                    Some(text) => {
                        write_projection(out, &text);
                        Emitted::Value
                    }
                    None => Emitted::Null,
                })
            })
        } else {
            self.list
                .entry(name, '&', '=', |out, form| encode_into(out, value, form))
        }
    }

    fn finish(self) -> Result<()> {
        self.list.finish('&').map(|_| ())
    }
}

/// The projection as one string: a string as it is, a list joined by `,`.
fn projection_text<T: Serialize + ?Sized>(value: &T) -> Result<Option<String>> {
    let invalid = || Error::new(ErrorKind::InvalidProjection);
    match serde_json::to_value(value).map_err(|_| invalid())? {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::String(s) => Ok(Some(s)),
        serde_json::Value::Array(items) => {
            let parts = items
                .into_iter()
                .map(|item| match item {
                    serde_json::Value::String(s) => Ok(s),
                    _ => Err(invalid()),
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(Some(parts.join(",")))
        }
        _ => Err(invalid()),
    }
}

/// Writes a projection, escaping only what a query string cannot carry.
fn write_projection(out: &mut String, text: &str) {
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
            out.push(char::from(b));
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
