//! Map keys: only primitives may be keys, written raw (to compare and
//! sort them) or escaped in a form (into the output).

use std::borrow::Cow;

use serde::ser::{self, Serialize};

use super::FiniteCheck;
use crate::error::{Error, ErrorKind, Result};
use crate::escape::{Form, into_string, write_escaped};

/// The raw (unescaped) text of a map key.
pub(crate) fn key_text<T: Serialize + ?Sized>(key: &T) -> Result<Cow<'static, str>> {
    let mut text = Vec::new();
    key.serialize(KeyText {
        out: &mut text,
        form: None,
    })?;
    Ok(Cow::Owned(into_string(text)))
}

/// Writes a map key, raw or escaped in a form, to the string it holds;
/// only primitives can be keys.
pub(super) struct KeyText<'a> {
    out: &'a mut Vec<u8>,
    /// `None` for the raw text.
    form: Option<Form>,
}

impl<'a> KeyText<'a> {
    pub(super) fn escaped(out: &'a mut Vec<u8>, form: Form) -> Self {
        KeyText {
            out,
            form: Some(form),
        }
    }

    fn text(self, text: &str) -> Result<()> {
        match self.form {
            Some(form) => write_escaped(self.out, text, form),
            None => self.out.extend_from_slice(text.as_bytes()),
        }
        Ok(())
    }

    fn int(self, v: impl itoa::Integer) -> Result<()> {
        // Digits and `-` need no escape in either form.
        self.out
            .extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
        Ok(())
    }

    fn float(self, v: impl ryu::Float + FiniteCheck) -> Result<()> {
        if !v.finite() {
            return Err(Error::new(ErrorKind::NonFiniteFloat));
        }
        self.text(ryu::Buffer::new().format_finite(v))
    }
}

fn key_error<T>() -> Result<T> {
    Err(Error::new(ErrorKind::KeyMustBePrimitive))
}

impl ser::Serializer for KeyText<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.text(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        self.int(v)
    }
    fn serialize_i128(self, v: i128) -> Result<()> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.int(v)
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.int(v)
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.int(v)
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        self.int(v)
    }
    fn serialize_u128(self, v: u128) -> Result<()> {
        self.int(v)
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        self.float(v)
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        self.float(v)
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        self.text(v)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<()> {
        key_error()
    }
    fn serialize_none(self) -> Result<()> {
        Err(Error::new(ErrorKind::NullValue))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        Err(Error::new(ErrorKind::NullValue))
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        Err(Error::new(ErrorKind::NullValue))
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<()> {
        self.text(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<()> {
        key_error()
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        key_error()
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        key_error()
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        key_error()
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        key_error()
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        key_error()
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        key_error()
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        key_error()
    }
}
