//! The serde `Deserializer`: a streaming parser over the Rest.li grammar.
//!
//! Every primitive arrives as a string; typed targets (`u64`, `bool`, ...)
//! parse it on demand. Strings without escapes are lent straight from the
//! input. Nesting is bounded so that hostile input cannot exhaust the stack.
//!
//! One concept a file: `parser.rs` the cursor over the grammar (tokens,
//! lists, maps, the depth limit), `value.rs` the serde `Deserializer` of a
//! value and the walks of lists, maps and unions, `key.rs` primitives read
//! from their text alone (map keys, and the reduced-form entry that takes
//! raw simple keys), `number.rs` numbers read only as the encoder writes
//! them.

#[macro_use]
mod number;
mod key;
mod parser;
mod value;

pub(crate) use key::decode_reduced;
pub(crate) use parser::Deserializer;

/// How deep values may nest: lists, maps and unions when decoding and when
/// encoding, and tuple ids and nested URNs (counted together) in a [`Urn`](crate::Urn).
///
/// ```
/// use restli_codec::{MAX_DEPTH, from_str};
///
/// let deep = format!("{}1{}", "List(".repeat(MAX_DEPTH + 1), ")".repeat(MAX_DEPTH + 1));
/// assert!(from_str::<serde_json::Value>(&deep).is_err());
/// let urn = format!("{}1", "urn:a:b:".repeat(MAX_DEPTH + 2));
/// assert!(urn.parse::<restli_codec::Urn>().is_err());
/// ```
pub const MAX_DEPTH: usize = 128;
