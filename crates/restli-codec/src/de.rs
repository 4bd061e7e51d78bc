//! The serde `Deserializer`: a streaming parser over the Rest.li grammar.
//!
//! Every primitive arrives as a string; typed targets (`u64`, `bool`, ...)
//! parse it on demand. Strings without escapes are lent straight from the
//! input. Nesting is bounded so that hostile input cannot exhaust the stack.

use std::borrow::Cow;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use crate::error::{Error, ErrorKind, Result};
use crate::escape::unescape;

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

/// A Rest.li decoder over a borrowed string.
pub(crate) struct Deserializer<'de> {
    input: &'de str,
    pos: usize,
    depth: usize,
}

/// A primitive token: its unescaped text and where it started.
struct Token<'de> {
    text: Cow<'de, str>,
    start: usize,
}

const VALUE: &str = "a value";

impl<'de> Deserializer<'de> {
    pub(crate) fn new(input: &'de str) -> Self {
        Deserializer {
            input,
            pos: 0,
            depth: 0,
        }
    }

    /// Errors unless the whole input has been consumed.
    pub(crate) fn end(&self) -> Result<()> {
        if self.pos < self.input.len() {
            Err(Error::at(ErrorKind::TrailingCharacters, self.pos))
        } else {
            Ok(())
        }
    }

    fn peek(&self) -> Option<u8> {
        self.input.as_bytes().get(self.pos).copied()
    }

    fn rest(&self) -> &'de str {
        self.input.get(self.pos..).unwrap_or("")
    }

    fn unexpected(&self, expected: &'static str) -> Error {
        match self.rest().chars().next() {
            Some(found) => Error::at(ErrorKind::UnexpectedChar { found, expected }, self.pos),
            None => Error::at(ErrorKind::UnexpectedEnd { expected }, self.pos),
        }
    }

    fn expect(&mut self, byte: u8, expected: &'static str) -> Result<()> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected(expected))
        }
    }

    fn at_list(&self) -> bool {
        self.rest().starts_with("List(")
    }

    /// Reads a primitive: everything up to the next grammar character.
    fn token(&mut self) -> Result<Token<'de>> {
        let start = self.pos;
        let rest = self.rest();
        let len = rest
            .bytes()
            .position(|b| matches!(b, b'(' | b')' | b',' | b':'))
            .unwrap_or(rest.len());
        if len == 0 {
            return Err(self.unexpected(VALUE));
        }
        let raw = &rest[..len];
        if raw == "''" {
            self.pos += len;
            return Ok(Token {
                text: Cow::Borrowed(""),
                start,
            });
        }
        if let Some(q) = raw.bytes().position(|b| b == b'\'') {
            return Err(Error::at(
                ErrorKind::UnexpectedChar {
                    found: '\'',
                    expected: "a percent-escaped quote (%27); a bare '' is only the empty string",
                },
                start + q,
            ));
        }
        let text = unescape(raw, start)?;
        self.pos += len;
        Ok(Token { text, start })
    }

    fn descend(&mut self) -> Result<()> {
        if self.depth >= MAX_DEPTH {
            return Err(Error::at(
                ErrorKind::DepthLimitExceeded { limit: MAX_DEPTH },
                self.pos,
            ));
        }
        self.depth += 1;
        Ok(())
    }

    /// Parses a primitive into a number or boolean, or lets `deserialize_any`
    /// report a list or map as the wrong type.
    fn primitive<V, T>(
        &mut self,
        visitor: V,
        expected: impl FnOnce(&str) -> &'static str,
        parse: impl FnOnce(&str) -> Option<T>,
        visit: impl FnOnce(V, T) -> Result<V::Value>,
    ) -> Result<V::Value>
    where
        V: Visitor<'de>,
    {
        if self.at_list() || self.peek() == Some(b'(') {
            return de::Deserializer::deserialize_any(self, visitor);
        }
        let token = self.token()?;
        match parse(&token.text) {
            Some(v) => visit(visitor, v).map_err(|e| e.or_at(token.start)),
            None => Err(Error::at(
                ErrorKind::InvalidPrimitive {
                    expected: expected(&token.text),
                    value: token.text.into_owned(),
                },
                token.start,
            )),
        }
    }

    fn visit_token<V: Visitor<'de>>(token: Token<'de>, visitor: V) -> Result<V::Value> {
        let start = token.start;
        match token.text {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
        .map_err(|e: Error| e.or_at(start))
    }

    fn list<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let start = self.pos;
        self.descend()?;
        self.pos += "List(".len();
        let mut access = Elements {
            de: self,
            first: true,
            closed: false,
        };
        let value = visitor.visit_seq(&mut access).map_err(|e| e.or_at(start))?;
        if !access.closed {
            access.close()?;
        }
        self.depth -= 1;
        Ok(value)
    }

    fn map<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let start = self.pos;
        self.descend()?;
        self.pos += 1;
        let mut access = Entries {
            de: self,
            first: true,
            closed: false,
        };
        let value = visitor.visit_map(&mut access).map_err(|e| e.or_at(start))?;
        if !access.closed {
            access.close()?;
        }
        self.depth -= 1;
        Ok(value)
    }
}

macro_rules! parse_number {
    ($($method:ident => $ty:ty, $visit:ident, $name:literal;)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
                self.primitive(
                    visitor,
                    |s| number_expected(s, is_canonical_int, $name, concat!($name, number_form!())),
                    |s| parse_int::<$ty>(s),
                    |v, n| v.$visit(n),
                )
            }
        )*
    };
}

/// Said after the type name when a number does not parse: the decoder reads
/// numbers only as the encoder writes them.
macro_rules! number_form {
    () => {
        " (decimal, no '+' sign, no leading zeros)"
    };
}

/// Whether `s` is an integer as the encoder writes it: `0` or `-?[1-9][0-9]*`.
///
/// `+1`, `01` and `-0` parse as numbers in Rust (and in Java), but each is a
/// second encoding of a value that already has one; accepting them would let
/// two different keys name one entity. `-0` is rejected for integers because
/// it is `0`; floats keep it, since `-0.0` is a value of its own.
pub(crate) fn is_canonical_int(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    match digits.as_bytes() {
        [] => false,
        [b'0'] => digits.len() == s.len(),
        [b'0', ..] => false,
        bytes => bytes.iter().all(u8::is_ascii_digit),
    }
}

/// Whether `s` is a number in JSON's grammar,
/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`: what the encoder (and
/// every JSON-speaking server) writes. It rejects `+1`, `01`, `.5`, `5.`,
/// `NaN` and `inf`; `-0.0` stays (it is a float of its own).
pub(crate) fn is_canonical_float(s: &str) -> bool {
    fn digits(b: &[u8]) -> usize {
        b.iter().take_while(|c| c.is_ascii_digit()).count()
    }
    let b = s.as_bytes();
    let b = b.strip_prefix(b"-").unwrap_or(b);
    let int = digits(b);
    if int == 0 || (int > 1 && b.first() == Some(&b'0')) {
        return false;
    }
    let mut rest = b.get(int..).unwrap_or_default();
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = digits(frac);
        if n == 0 {
            return false;
        }
        rest = frac.get(n..).unwrap_or_default();
    }
    if let Some(exp) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let exp = exp
            .strip_prefix(b"+")
            .or_else(|| exp.strip_prefix(b"-"))
            .unwrap_or(exp);
        let n = digits(exp);
        if n == 0 {
            return false;
        }
        rest = exp.get(n..).unwrap_or_default();
    }
    rest.is_empty()
}

/// Names what a number should have looked like: the plain type when the text
/// had the right form (so it was out of range), the form rules otherwise.
fn number_expected(
    text: &str,
    canonical: fn(&str) -> bool,
    plain: &'static str,
    with_form: &'static str,
) -> &'static str {
    if canonical(text) { plain } else { with_form }
}

fn parse_int<T: std::str::FromStr>(s: &str) -> Option<T> {
    if is_canonical_int(s) {
        s.parse::<T>().ok()
    } else {
        None
    }
}

fn parse_float<T: std::str::FromStr + Copy>(s: &str, finite: fn(T) -> bool) -> Option<T> {
    if !is_canonical_float(s) {
        return None;
    }
    s.parse::<T>().ok().filter(|v| finite(*v))
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.at_list() {
            self.list(visitor)
        } else if self.peek() == Some(b'(') {
            self.map(visitor)
        } else {
            let token = self.token()?;
            Deserializer::visit_token(token, visitor)
        }
    }

    parse_number! {
        deserialize_i8 => i8, visit_i8, "i8";
        deserialize_i16 => i16, visit_i16, "i16";
        deserialize_i32 => i32, visit_i32, "i32";
        deserialize_i64 => i64, visit_i64, "i64";
        deserialize_i128 => i128, visit_i128, "i128";
        deserialize_u8 => u8, visit_u8, "u8";
        deserialize_u16 => u16, visit_u16, "u16";
        deserialize_u32 => u32, visit_u32, "u32";
        deserialize_u64 => u64, visit_u64, "u64";
        deserialize_u128 => u128, visit_u128, "u128";
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.primitive(
            visitor,
            |s| {
                number_expected(
                    s,
                    is_canonical_float,
                    "finite f32",
                    concat!("finite f32", number_form!()),
                )
            },
            |s| parse_float(s, f32::is_finite),
            |v, n| v.visit_f32(n),
        )
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.primitive(
            visitor,
            |s| {
                number_expected(
                    s,
                    is_canonical_float,
                    "finite f64",
                    concat!("finite f64", number_form!()),
                )
            },
            |s| parse_float(s, f64::is_finite),
            |v, n| v.visit_f64(n),
        )
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.primitive(
            visitor,
            |_| "boolean (true or false)",
            |s| match s {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
            |v, b| v.visit_bool(b),
        )
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.primitive(
            visitor,
            |_| "single character",
            |s| {
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Some(c),
                    _ => None,
                }
            },
            |v, c| v.visit_char(c),
        )
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    /// Rest.li `bytes`: a string with one code point (U+0000 to U+00FF) per byte.
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.primitive(
            visitor,
            |_| "bytes (code points U+0000 to U+00FF)",
            |s| {
                s.chars()
                    .map(|c| u8::try_from(c).ok())
                    .collect::<Option<Vec<u8>>>()
            },
            |v, bytes| v.visit_byte_buf(bytes),
        )
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    /// A value that is present is never null: Rest.li omits nulls.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    /// A unit variant is a bare symbol (`APPLE`); a variant with data is a
    /// one-entry map (`(member:value)`), as Rest.li writes unions.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        if self.at_list() {
            return self.deserialize_any(visitor);
        }
        if self.peek() == Some(b'(') {
            let start = self.pos;
            self.descend()?;
            self.pos += 1;
            let value = visitor
                .visit_enum(Union { de: self })
                .map_err(|e| e.or_at(start))?;
            self.expect(b')', "')' closing a union (exactly one member)")?;
            self.depth -= 1;
            Ok(value)
        } else {
            let token = self.token()?;
            let start = token.start;
            visitor
                .visit_enum(token.text.into_deserializer())
                .map_err(|e: Error| e.or_at(start))
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }
}

/// The elements of a `List(...)`.
struct Elements<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    first: bool,
    closed: bool,
}

impl Elements<'_, '_> {
    /// Consumes the rest of the list after the visitor stopped reading.
    fn close(&mut self) -> Result<()> {
        if self.first && self.de.peek() == Some(b')') {
            self.de.pos += 1;
            self.closed = true;
            return Ok(());
        }
        self.de.expect(b')', "')' closing the list")?;
        self.closed = true;
        Ok(())
    }
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.closed {
            return Ok(None);
        }
        match self.de.peek() {
            Some(b')') => {
                self.de.pos += 1;
                self.closed = true;
                return Ok(None);
            }
            Some(b',') if !self.first => self.de.pos += 1,
            _ if self.first => {}
            _ => return Err(self.de.unexpected("',' or ')'")),
        }
        self.first = false;
        seed.deserialize(&mut *self.de).map(Some)
    }
}

/// The entries of a `(k:v,...)` map.
struct Entries<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    first: bool,
    closed: bool,
}

impl Entries<'_, '_> {
    fn close(&mut self) -> Result<()> {
        self.de.expect(b')', "')' closing the map")?;
        self.closed = true;
        Ok(())
    }
}

impl<'de> de::MapAccess<'de> for Entries<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.closed {
            return Ok(None);
        }
        match self.de.peek() {
            Some(b')') => {
                self.de.pos += 1;
                self.closed = true;
                return Ok(None);
            }
            Some(b',') if !self.first => self.de.pos += 1,
            _ if self.first => {}
            _ => return Err(self.de.unexpected("',' or ')'")),
        }
        self.first = false;
        if self.de.at_list() || self.de.peek() == Some(b'(') {
            return Err(self.de.unexpected("a map key (keys are primitives)"));
        }
        let token = self.de.token()?;
        let start = token.start;
        seed.deserialize(KeyDeserializer { token })
            .map(Some)
            .map_err(|e| e.or_at(start))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.de.expect(b':', "':' after a map key")?;
        seed.deserialize(&mut *self.de)
    }
}

/// A map key: a primitive whose text can be read as a string, number,
/// boolean or unit variant.
struct KeyDeserializer<'de> {
    token: Token<'de>,
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

/// A union `(member:value)` read as an enum variant with data.
struct Union<'a, 'de> {
    de: &'a mut Deserializer<'de>,
}

impl<'a, 'de> de::EnumAccess<'de> for Union<'a, 'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        if self.de.at_list() || self.de.peek() == Some(b'(') {
            return Err(self.de.unexpected("a union member name"));
        }
        let token = self.de.token()?;
        let start = token.start;
        let variant = seed
            .deserialize(KeyDeserializer { token })
            .map_err(|e| e.or_at(start))?;
        self.de.expect(b':', "':' after a union member name")?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for Union<'_, 'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<()> {
        de::Deserializer::deserialize_ignored_any(&mut *self.de, de::IgnoredAny).map(|_| ())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        seed.deserialize(&mut *self.de)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_any(&mut *self.de, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        de::Deserializer::deserialize_any(&mut *self.de, visitor)
    }
}
