//! A serializer for "a set of named values" (query parameters, path keys):
//! the top level must be a map or a record, and each of its entries is handed
//! to a sink that decides how to encode it.

use std::borrow::Cow;

use serde::ser::{self, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::ser::key_text;

/// Receives the top-level entries of a map or record.
pub(crate) trait EntrySink {
    type Output;
    /// Names what the pairs are for, in errors ("query parameters").
    const CONTEXT: &'static str;
    fn entry<T: Serialize + ?Sized>(&mut self, name: Cow<'static, str>, value: &T) -> Result<()>;
    fn finish(self) -> Result<Self::Output>;
}

/// Feeds the top-level entries of `value` to `sink`. A unit, a unit struct or
/// `None` count as "no entries".
pub(crate) fn collect<S: EntrySink, T: Serialize + ?Sized>(
    value: &T,
    sink: S,
) -> Result<S::Output> {
    value.serialize(TopLevel(sink))
}

struct TopLevel<S>(S);

pub(crate) struct TopLevelMap<S> {
    sink: S,
    pending: Option<Cow<'static, str>>,
}

impl<S: EntrySink> TopLevel<S> {
    fn not_a_map<T>(self) -> Result<T> {
        Err(Error::new(ErrorKind::ExpectedMap {
            context: S::CONTEXT,
        }))
    }
}

impl<S: EntrySink> ser::Serializer for TopLevel<S> {
    type Ok = S::Output;
    type Error = Error;
    type SerializeSeq = ser::Impossible<S::Output, Error>;
    type SerializeTuple = ser::Impossible<S::Output, Error>;
    type SerializeTupleStruct = ser::Impossible<S::Output, Error>;
    type SerializeTupleVariant = ser::Impossible<S::Output, Error>;
    type SerializeMap = TopLevelMap<S>;
    type SerializeStruct = TopLevelMap<S>;
    type SerializeStructVariant = ser::Impossible<S::Output, Error>;

    fn serialize_bool(self, _v: bool) -> Result<S::Output> {
        self.not_a_map()
    }
    fn serialize_i8(self, _v: i8) -> Result<S::Output> {
        self.not_a_map()
    }
    fn serialize_i16(self, _v: i16) -> Result<S::Output> {
        self.not_a_map()
    }
    fn serialize_i32(self, _v: i32) -> Result<S::Output> {
        self.not_a_map()
    }
    fn serialize_i64(self, _v: i64) -> Result<S::Output> {
        self.not_a_map()
    }
    fn serialize_u8(self, _v: u8) -> Result<S::Output> {
        self.not_a_map()
    }
    fn serialize_u16(self, _v: u16) -> Result<S::Output> {
        self.not_a_map()
    }
    fn serialize_u32(self, _v: u32) -> Result<S::Output> {
        self.not_a_map()
    }
    fn serialize_u64(self, _v: u64) -> Result<S::Output> {
        self.not_a_map()
    }
    fn serialize_f32(self, _v: f32) -> Result<S::Output> {
        self.not_a_map()
    }
    fn serialize_f64(self, _v: f64) -> Result<S::Output> {
        self.not_a_map()
    }
    fn serialize_char(self, _v: char) -> Result<S::Output> {
        self.not_a_map()
    }
    fn serialize_str(self, _v: &str) -> Result<S::Output> {
        self.not_a_map()
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<S::Output> {
        self.not_a_map()
    }
    fn serialize_none(self) -> Result<S::Output> {
        self.0.finish()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Output> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<S::Output> {
        self.0.finish()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<S::Output> {
        self.0.finish()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
    ) -> Result<S::Output> {
        self.not_a_map()
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<S::Output> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<S::Output> {
        self.not_a_map()
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        self.not_a_map()
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        self.not_a_map()
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        self.not_a_map()
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        self.not_a_map()
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<TopLevelMap<S>> {
        Ok(TopLevelMap {
            sink: self.0,
            pending: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<TopLevelMap<S>> {
        Ok(TopLevelMap {
            sink: self.0,
            pending: None,
        })
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        self.not_a_map()
    }
}

impl<S: EntrySink> ser::SerializeMap for TopLevelMap<S> {
    type Ok = S::Output;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.pending = Some(key_text(key)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let name = self.pending.take().ok_or_else(|| {
            Error::new(ErrorKind::Message(
                "serialize_value called before serialize_key".into(),
            ))
        })?;
        self.sink.entry(name, value)
    }
    fn end(self) -> Result<S::Output> {
        self.sink.finish()
    }
}

impl<S: EntrySink> ser::SerializeStruct for TopLevelMap<S> {
    type Ok = S::Output;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.sink.entry(Cow::Borrowed(key), value)
    }
    fn end(self) -> Result<S::Output> {
        self.sink.finish()
    }
}
