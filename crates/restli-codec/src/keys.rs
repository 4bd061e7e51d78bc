//! How to model Rest.li keys with serde.
//!
//! Keys go through the same serde path as every other value, so there is no
//! key type to learn: a simple key is a string or a number, a compound
//! (association) key is a struct, and a complex key is a struct whose
//! parameters sit in a `$params` field. Because map keys are written in byte
//! order, `$params` (which starts with `$`) always comes first, as Rest.li
//! servers expect.
//!
//! ```
//! use serde::{Deserialize, Serialize};
//!
//! /// A compound key, as used by association resources.
//! #[derive(Serialize, Deserialize, Debug, PartialEq)]
//! struct MemberCompany {
//!     member: String,
//!     company: u64,
//! }
//!
//! let key = MemberCompany { member: "urn:li:person:1".into(), company: 7 };
//! let url_form = restli_codec::to_string(&key)?;
//! assert_eq!(url_form, "(company:7,member:urn%3Ali%3Aperson%3A1)");
//! assert_eq!(restli_codec::from_str::<MemberCompany>(&url_form)?, key);
//!
//! /// A complex key: key fields plus `$params`.
//! #[derive(Serialize, Deserialize, Debug, PartialEq)]
//! struct Params { param1: String, param2: i64 }
//! #[derive(Serialize, Deserialize, Debug, PartialEq)]
//! struct ComplexKey {
//!     part1: String,
//!     part2: i64,
//!     #[serde(rename = "$params", skip_serializing_if = "Option::is_none", default)]
//!     params: Option<Params>,
//! }
//!
//! let key = ComplexKey {
//!     part1: "one".into(),
//!     part2: 2,
//!     params: Some(Params { param1: "p".into(), param2: 5 }),
//! };
//! let reduced = restli_codec::to_string_reduced(&key)?;
//! assert_eq!(reduced, "($params:(param1:p,param2:5),part1:one,part2:2)");
//! assert_eq!(restli_codec::from_str_reduced::<ComplexKey>(&reduced)?, key);
//! # Ok::<(), restli_codec::Error>(())
//! ```
//!
//! One caveat comes from serde itself: `#[serde(flatten)]`, untagged and
//! internally tagged enums buffer values before deciding on their type, and
//! Rest.li primitives are all text until a type asks for a number. Fields
//! read through those attributes must therefore be strings (or use
//! `serde_with::DisplayFromStr`-style adapters); plain structs, tuples, maps
//! and externally tagged enums have no such limit.
