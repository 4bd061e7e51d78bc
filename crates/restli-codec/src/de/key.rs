//! Primitives read from their text alone: map keys, and the reduced-form
//! entry that also takes raw simple keys.

use std::borrow::Cow;

use serde::de::{self, IntoDeserializer, Visitor};

use crate::error::{Error, ErrorKind, Result};
use crate::escape::unescape;

use super::number::{is_canonical_float, is_canonical_int, number_expected};
use super::parser::{Deserializer, Token};

/// A map key: a primitive whose text can be read as a string, number,
/// boolean or unit variant.
pub(super) struct KeyDeserializer<'de> {
    pub(super) token: Token<'de>,
}

impl KeyDeserializer<'_> {
    fn parse<T: std::str::FromStr>(
        &self,
        (plain, with_form): (&'static str, &'static str),
        canonical: fn(&str) -> bool,
    ) -> Result<T> {
        let text = &self.token.text;
        canonical(text)
            .then(|| text.parse::<T>().ok())
            .flatten()
            .ok_or_else(|| {
                Error::at(
                    ErrorKind::InvalidPrimitive {
                        value: text.to_string(),
                        expected: number_expected(text, canonical, plain, with_form),
                    },
                    self.token.start,
                )
            })
    }
}

fn any_text(_: &str) -> bool {
    true
}

macro_rules! parse_key {
    ($($method:ident => $ty:ty, $visit:ident, $name:expr, $canonical:expr;)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
                let n = self.parse::<$ty>($name, $canonical)?;
                visitor.$visit(n)
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for KeyDeserializer<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        Deserializer::visit_token(self.token, visitor)
    }

    parse_key! {
        deserialize_i8 => i8, visit_i8, ("i8", concat!("i8", number_form!())), is_canonical_int;
        deserialize_i16 => i16, visit_i16, ("i16", concat!("i16", number_form!())), is_canonical_int;
        deserialize_i32 => i32, visit_i32, ("i32", concat!("i32", number_form!())), is_canonical_int;
        deserialize_i64 => i64, visit_i64, ("i64", concat!("i64", number_form!())), is_canonical_int;
        deserialize_i128 => i128, visit_i128, ("i128", concat!("i128", number_form!())), is_canonical_int;
        deserialize_u8 => u8, visit_u8, ("u8", concat!("u8", number_form!())), is_canonical_int;
        deserialize_u16 => u16, visit_u16, ("u16", concat!("u16", number_form!())), is_canonical_int;
        deserialize_u32 => u32, visit_u32, ("u32", concat!("u32", number_form!())), is_canonical_int;
        deserialize_u64 => u64, visit_u64, ("u64", concat!("u64", number_form!())), is_canonical_int;
        deserialize_u128 => u128, visit_u128, ("u128", concat!("u128", number_form!())), is_canonical_int;
        deserialize_f32 => f32, visit_f32, ("finite f32", concat!("finite f32", number_form!())), is_canonical_float;
        deserialize_f64 => f64, visit_f64, ("finite f64", concat!("finite f64", number_form!())), is_canonical_float;
        deserialize_bool => bool, visit_bool, ("boolean (true or false)", ""), any_text;
        deserialize_char => char, visit_char, ("single character", ""), any_text;
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(self.token.text.into_deserializer())
    }

    /// Rest.li `bytes`, as in a value: one code point (U+0000 to U+00FF) per
    /// byte.
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let bytes = self
            .token
            .text
            .chars()
            .map(|c| u8::try_from(c).ok())
            .collect::<Option<Vec<u8>>>();
        match bytes {
            Some(bytes) => visitor.visit_byte_buf(bytes),
            None => Err(Error::at(
                ErrorKind::InvalidPrimitive {
                    value: self.token.text.into_owned(),
                    expected: "bytes (code points U+0000 to U+00FF)",
                },
                self.token.start,
            )),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    serde::forward_to_deserialize_any! {
        str string unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

/// Decodes a value from a header or a JSON map key, where Rest.li writes
/// simple keys raw.
///
/// Rest.li servers encode complex and compound keys (`(a:1,b:2)`) in the
/// reduced form but write simple keys (strings, numbers, URNs) as they are,
/// unescaped: `x-restli-id: urn:li:share:7`. So:
///
/// * input starting with `(` or `List(` is a Rest.li value, decoded strictly;
/// * input that is a valid reduced-form primitive (no `(`, `)`, `,`, `:`, no
///   `'` except the whole `''`, every `%` followed by two hex digits that
///   unescape to UTF-8) is unescaped, as before: `urn%3Ali%3Ax%3A1` is
///   `urn:li:x:1` and `''` is the empty string;
/// * anything else is the raw text itself: `urn:li:x:(urn:li:y:1,2)`,
///   `100%`, `%FF` and the empty input (an empty raw string key).
///
/// The second rule makes a raw simple key that happens to contain a valid
/// escape (`a%20b`) read as its unescaped text; Rest.li's own writers never
/// produce such keys from LinkedIn ids, and reading both spellings is the
/// reading that keeps every key this crate or Rest.li encodes intact.
pub(crate) fn decode_reduced<'de, T: de::Deserialize<'de>>(input: &'de str) -> Result<T> {
    if input.starts_with('(') || input.starts_with("List(") {
        let mut de = Deserializer::new(input);
        let value = T::deserialize(&mut de)?;
        de.end()?;
        return Ok(value);
    }
    let text = reduced_primitive(input).unwrap_or(Cow::Borrowed(input));
    T::deserialize(KeyDeserializer {
        token: Token { text, start: 0 },
    })
    .map_err(|e| e.or_at(0))
}

/// The unescaped text of `input` when it is exactly one reduced-form
/// primitive; `None` when it can only be raw text.
fn reduced_primitive(input: &str) -> Option<Cow<'_, str>> {
    if input == "''" {
        return Some(Cow::Borrowed(""));
    }
    if input.is_empty()
        || input
            .bytes()
            .any(|b| matches!(b, b'(' | b')' | b',' | b':' | b'\''))
    {
        return None;
    }
    unescape(input, 0).ok()
}
