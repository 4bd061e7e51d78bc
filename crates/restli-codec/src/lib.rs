//! Rest.li 2.0 protocol codec for LinkedIn's APIs: pure, sans-IO.
//!
//! LinkedIn's APIs are built on Rest.li, whose URLs carry structured values
//! in a grammar of their own: `List(a,b)` for arrays, `(k:v)` for records,
//! percent-escapes for everything else. This crate turns any `serde` value
//! into that grammar and back, and knows the other pieces of the protocol a
//! client needs. It never touches a socket: transports feed it values and
//! bytes and get values and bytes back.
//!
//! # How this is meant to be used
//!
//! Values go in and out through serde, with names you already know from
//! `serde_json`:
//!
//! | you have | you call | you get |
//! |---|---|---|
//! | a value for a URL (path key, query value) | [`to_string`] | `List(a,b)`, `(k:v)` with everything but `A-Za-z0-9-._~` escaped |
//! | a value for a header or a JSON map key | [`to_string_reduced`] | the same grammar, only `%(),:'` escaped |
//! | a whole set of query parameters | [`to_query_string`] | `a=..&b=..`, sorted, `fields` left readable |
//! | an encoded string | [`from_str`] / [`from_str_reduced`] | any `DeserializeOwned` type |
//! | a URN | [`Urn`] | its namespace, entity type, id and tuple parts |
//! | a projection (`fields=id,author:(name)`) | [`Projection`] | a typed mask that builds, parses and prints Rest.li's syntax |
//! | a path like `/posts/{id}` | [`PathTemplate`] | the path with each key encoded |
//!
//! ```
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Serialize, Deserialize, Debug, PartialEq)]
//! struct Criteria {
//!     status: Vec<String>,
//!     test: bool,
//!     name: Option<String>,
//! }
//!
//! let criteria = Criteria { status: vec!["ACTIVE".into()], test: false, name: None };
//! let encoded = restli_codec::to_string(&criteria)?;
//! assert_eq!(encoded, "(status:List(ACTIVE),test:false)");
//!
//! // Numbers and booleans travel as text; typed decoding parses them again.
//! let decoded: Criteria = restli_codec::from_str(&encoded)?;
//! assert_eq!(decoded, criteria);
//! # Ok::<(), restli_codec::Error>(())
//! ```
//!
//! # The encoding rules
//!
//! * Strings are UTF-8 and percent-escaped; the grammar characters
//!   `( ) , : '` are always escaped, and the empty string is `''`.
//! * Numbers are written in decimal (integers over the whole `i64`/`u64`
//!   range, floats in their shortest round-tripping form; NaN and infinities
//!   are errors), booleans as `true` / `false`.
//! * Sequences are `List(..)`; maps and structs are `(k:v,..)` with keys in
//!   byte order, so one value has exactly one encoding. `List()` and `()`
//!   are the empty list and map.
//! * Null has no encoding: `None` fields are left out, and a bare null or a
//!   null list element is an error ([`ErrorKind::NullValue`]).
//! * Enum unit variants are symbols (`APPLE`); variants with data are unions,
//!   `(member:value)`.
//!
//! Decoding is lossy by design: into `serde_json::Value` every primitive
//! comes back as a string. Malformed input is an [`Error`] with a byte
//! offset; no input panics, and nesting is limited to [`MAX_DEPTH`].
//!
//! Keys, compound keys and complex keys are ordinary serde values; see
//! [`keys`] for how to model them.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod de;
pub mod endpoint;
mod error;
mod escape;
pub mod excerpt;
pub mod exchange;
pub mod header;
pub mod keys;
mod method;
pub mod paging;
mod params;
mod patch;
pub mod path;
pub mod projection;
mod query;
mod request;
pub mod response;
pub mod retry;
mod ser;
pub mod transport;
pub mod tunnel;
pub mod urn;
mod version;

use serde::Serialize;
use serde::de::DeserializeOwned;

pub use de::MAX_DEPTH;
pub use endpoint::{ApiBase, BaseUrl, Endpoint, EndpointError};
pub use error::{Error, ErrorKind, Result};
pub use excerpt::EXCERPT_LIMIT;
pub use method::{Method, UnknownMethod};
pub use paging::{Pager, Paging, PagingError, Window};
pub use patch::{Patch, PatchError};
pub use path::{PathError, PathTemplate};
pub use projection::{Projection, ProjectionError};
pub use query::{PROJECTION_PARAM, PROJECTION_PARAMS, QueryParams, to_query_string};
pub use request::{
    Action, BatchCreate, BatchDelete, BatchFinder, BatchGet, BatchPartialUpdate, BatchUpdate,
    Create, DEFAULT_USER_AGENT, Delete, DynamicRequest, Finder, Get, GetAll, Paginated,
    PartialUpdate, Request, RequestConfig, RequestError, RestliRequest, Update,
};
pub use response::{
    ActionResponse, ApiError, ApiErrorBody, BatchCreateResponse, BatchFinderResponse,
    BatchGetResponse, BatchMap, BatchStatusResponse, CollectionPage, CollectionResponse,
    CreateResponse, EntityResponse, FromResponse, ResponseError, ResponseMeta, StatusResponse,
};
pub use retry::{Outcome, RetryDecision, RetryPolicy, StopReason, TransportFailure};
pub use urn::{Urn, UrnError};
pub use version::{LinkedInVersion, VersionError};

use escape::Form;

/// Encodes a value in the URL form, for path keys and query values.
///
/// Everything but the unreserved characters `A-Za-z0-9-._~` is
/// percent-escaped, so the result can be placed in a URL as it is.
///
/// ```
/// use serde_json::json;
///
/// assert_eq!(restli_codec::to_string(&"urn:li:person:123")?, "urn%3Ali%3Aperson%3A123");
/// assert_eq!(restli_codec::to_string(&json!({"b": [1, 2], "a": ""}))?, "(a:'',b:List(1,2))");
/// # Ok::<(), restli_codec::Error>(())
/// ```
///
/// # Errors
///
/// A bare null or a null list element ([`ErrorKind::NullValue`]), NaN or an
/// infinity ([`ErrorKind::NonFiniteFloat`]), a map key that is not a
/// primitive, two equal keys in one map, or an error from the value's own
/// `Serialize` implementation.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    ser::encode_value(value, Form::Url)
}

/// Encodes a value in the reduced form, for HTTP headers (`X-RestLi-Id`) and
/// for map keys inside JSON bodies (batch `entities`, `results`, ...).
///
/// Only `%` and the grammar characters `( ) , : '` are escaped.
///
/// ```
/// use serde_json::json;
///
/// let key = json!({"part1": "a b", "part2": 2});
/// assert_eq!(restli_codec::to_string_reduced(&key)?, "(part1:a b,part2:2)");
/// assert_eq!(restli_codec::to_string_reduced(&"urn:li:x:1")?, "urn%3Ali%3Ax%3A1");
/// # Ok::<(), restli_codec::Error>(())
/// ```
///
/// # Errors
///
/// As for [`to_string`].
pub fn to_string_reduced<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    ser::encode_value(value, Form::Reduced)
}

/// Decodes a URL-form value into any type.
///
/// Numbers and booleans are parsed from their text when the target type
/// asks for them; `serde_json::Value` receives every primitive as a string.
///
/// ```
/// use std::collections::BTreeMap;
///
/// let ids: Vec<u64> = restli_codec::from_str("List(1,2,18446744073709551615)")?;
/// assert_eq!(ids, [1, 2, u64::MAX]);
///
/// let map: BTreeMap<String, String> = restli_codec::from_str("(a:x%20y,b:'')")?;
/// assert_eq!(map["a"], "x y");
/// assert_eq!(map["b"], "");
/// # Ok::<(), restli_codec::Error>(())
/// ```
///
/// # Errors
///
/// Malformed input (unbalanced brackets, stray grammar characters, a bad `%`
/// escape, invalid UTF-8 after unescaping, trailing characters, nesting
/// beyond [`MAX_DEPTH`]) and values that do not fit the target type, each
/// with the byte offset where it was found.
pub fn from_str<T: DeserializeOwned>(input: &str) -> Result<T> {
    decode(input)
}

/// Decodes a reduced-form value from a header (`X-RestLi-Id`) or a JSON map
/// key (batch `results`, `statuses`, `errors`), where Rest.li writes simple
/// keys raw.
///
/// Rest.li servers reduce-encode complex and compound keys but write simple
/// keys (strings, numbers, URNs) as they are: LinkedIn sends
/// `x-restli-id: urn:li:share:7123456789`. So this decoder reads:
///
/// * input starting with `(` or `List(` as a Rest.li value, strictly (the
///   grammar and errors of [`from_str`]);
/// * a valid reduced-form primitive (no `( ) , :`, no `'` but the whole `''`,
///   every `%` followed by two hex digits that unescape to UTF-8) unescaped:
///   `urn%3Ali%3Ax%3A1` is `urn:li:x:1`, `''` the empty string;
/// * anything else as raw text, unchanged: `urn:li:x:(urn:li:y:1,2)`,
///   `100%`, `%zz`, and the empty input (an empty raw key).
///
/// A raw key that happens to contain a valid escape (`a%20b`) is read
/// unescaped; both spellings cannot be told apart, and this reading keeps
/// every key that this crate or Rest.li writes.
///
/// ```
/// use restli_codec::{Urn, from_str_reduced};
///
/// // Compound and complex keys, reduce-encoded.
/// let key: (String, u32) = from_str_reduced("List(a b,7)")?;
/// assert_eq!(key, ("a b".to_string(), 7));
///
/// // Simple keys, raw as LinkedIn sends them, or escaped.
/// let share: Urn = from_str_reduced("urn:li:share:7123456789")?;
/// assert_eq!(share.id(), "7123456789");
/// let creative: Urn = from_str_reduced("urn:li:sponsoredCreative:(urn:li:sponsoredCampaign:123,456)")?;
/// assert!(creative.is_tuple());
/// assert_eq!(from_str_reduced::<String>("urn%3Ali%3Ashare%3A7")?, "urn:li:share:7");
/// assert_eq!(from_str_reduced::<String>("''")?, "");
/// assert_eq!(from_str_reduced::<String>("100%")?, "100%");
/// # Ok::<(), restli_codec::Error>(())
/// ```
///
/// # Errors
///
/// As for [`from_str`] for input starting with `(` or `List(`; otherwise
/// only when the text does not fit the target type (`abc` for a `u64`, an
/// invalid URN for a [`Urn`]), with offset 0 or the offset in the text.
pub fn from_str_reduced<T: DeserializeOwned>(input: &str) -> Result<T> {
    de::decode_reduced(input)
}

/// Decodes into a type that may borrow from the input: strings without
/// escapes are not copied.
///
/// ```
/// let input = String::from("List(ACTIVE,DRAFT)");
/// let statuses: Vec<&str> = restli_codec::from_str_borrowed(&input)?;
/// assert_eq!(statuses, ["ACTIVE", "DRAFT"]);
///
/// // A `&str` cannot hold an unescaped string: use `String` or a
/// // `#[serde(borrow)] Cow<str>` field for values that may be escaped.
/// assert!(restli_codec::from_str_borrowed::<Vec<&str>>("List(a%20b)").is_err());
/// # Ok::<(), restli_codec::Error>(())
/// ```
///
/// # Errors
///
/// As for [`from_str`].
pub fn from_str_borrowed<'de, T: serde::Deserialize<'de>>(input: &'de str) -> Result<T> {
    decode(input)
}

fn decode<'de, T: serde::Deserialize<'de>>(input: &'de str) -> Result<T> {
    let mut de = de::Deserializer::new(input);
    let value = T::deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}
