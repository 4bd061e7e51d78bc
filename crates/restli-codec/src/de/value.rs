//! The serde `Deserializer` of a value, and the walks of lists, maps and
//! unions.

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use crate::error::{Error, Result};

use super::key::KeyDeserializer;
use super::number::{
    is_canonical_float, is_canonical_int, number_expected, parse_float, parse_int,
};
use super::parser::Deserializer;

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

impl<'de> Deserializer<'de> {
    /// Walks a `List(...)`; the cursor is at `List(`.
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

    /// Walks a `(k:v,...)` map; the cursor is at `(`.
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

/// The elements of a `List(...)`.
pub(super) struct Elements<'a, 'de> {
    pub(super) de: &'a mut Deserializer<'de>,
    pub(super) first: bool,
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
pub(super) struct Entries<'a, 'de> {
    pub(super) de: &'a mut Deserializer<'de>,
    pub(super) first: bool,
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

/// A union `(member:value)` read as an enum variant with data.
pub(super) struct Union<'a, 'de> {
    pub(super) de: &'a mut Deserializer<'de>,
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
