//! The serde `Serializer` that writes Rest.li values straight into one buffer.
//!
//! Maps must come out with their keys sorted, yet serde hands entries over in
//! the caller's order. Rather than building a value tree, each entry is
//! written in place and its byte range remembered; only when a map's entries
//! arrive out of order is that map's slice of the buffer rearranged. Null
//! fields are removed the same way: the entry is written, found to be null,
//! and the buffer truncated back.
//!
//! The bookkeeping costs no allocation per map or key: every map of one
//! call shares a [`Scratch`], a stack of entry ranges and an arena of raw
//! keys that each map truncates back to where it started when it closes
//! (issue 17: a `Vec` per map and a `String` per key made the 1,000-key
//! BATCH_GET twice as slow as `serde_json` writing the same value).

use std::borrow::Cow;

use serde::ser::{self, Serialize};

use crate::de::MAX_DEPTH;
use crate::error::{Error, ErrorKind, Result};
use crate::escape::{Form, write_escaped};

/// Whether a serialized value produced output or was a null to be omitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Emitted {
    Value,
    Null,
}

/// Serializes `value` in `form`, appending to `out`.
pub(crate) fn encode_into<T: Serialize + ?Sized>(
    out: &mut String,
    value: &T,
    form: Form,
) -> Result<Emitted> {
    encode_at(out, &mut Scratch::default(), value, form, 0)
}

/// Serializes a value found inside `depth` lists, maps and unions.
fn encode_at<T: Serialize + ?Sized>(
    out: &mut String,
    scratch: &mut Scratch,
    value: &T,
    form: Form,
    depth: usize,
) -> Result<Emitted> {
    value.serialize(Encoder {
        out,
        scratch,
        form,
        depth,
    })
}

/// The map bookkeeping shared by every map of one encoding call (see the
/// module docs): open maps' entries, innermost last, and their raw keys.
#[derive(Default)]
struct Scratch {
    entries: Vec<Entry>,
    keys: String,
}

/// The depth of a list, map or union opened inside `depth` others; more
/// than [`MAX_DEPTH`] is an error, so that a caller-built value nested
/// 100,000 deep is refused before it exhausts the stack (and so that
/// whatever the encoder writes, the decoder reads back).
fn deeper(depth: usize) -> Result<usize> {
    if depth >= MAX_DEPTH {
        Err(Error::new(ErrorKind::DepthLimitExceeded {
            limit: MAX_DEPTH,
        }))
    } else {
        Ok(depth + 1)
    }
}

/// Serializes a top-level value; a bare null is an error.
pub(crate) fn encode_value<T: Serialize + ?Sized>(value: &T, form: Form) -> Result<String> {
    // Most values are short (keys, finder parameters); starting with room
    // for one saves the first few regrowths.
    let mut out = String::with_capacity(64);
    match encode_into(&mut out, value, form)? {
        Emitted::Value => Ok(out),
        Emitted::Null => Err(Error::new(ErrorKind::NullValue)),
    }
}

pub(crate) struct Encoder<'a> {
    out: &'a mut String,
    scratch: &'a mut Scratch,
    form: Form,
    /// How many lists, maps and unions enclose this value.
    depth: usize,
}

impl<'a> Encoder<'a> {
    fn write_int(self, v: impl itoa::Integer) -> Result<Emitted> {
        self.out.push_str(itoa::Buffer::new().format(v));
        Ok(Emitted::Value)
    }

    fn write_float(self, v: impl ryu::Float + FiniteCheck) -> Result<Emitted> {
        if !v.finite() {
            return Err(Error::new(ErrorKind::NonFiniteFloat));
        }
        let mut buf = ryu::Buffer::new();
        write_escaped(self.out, buf.format_finite(v), self.form);
        Ok(Emitted::Value)
    }

    /// Opens `(variant:` for the enum variant forms that carry data.
    fn open_variant(self, variant: &str) -> Result<Self> {
        let depth = deeper(self.depth)?;
        self.out.push('(');
        write_escaped(self.out, variant, self.form);
        self.out.push(':');
        Ok(Encoder {
            out: self.out,
            scratch: self.scratch,
            form: self.form,
            depth,
        })
    }

    fn open_list(self, close_variant: bool) -> Result<ListEncoder<'a>> {
        let depth = deeper(self.depth)?;
        self.out.push_str("List(");
        Ok(ListEncoder {
            out: self.out,
            scratch: self.scratch,
            form: self.form,
            depth,
            first: true,
            close_variant,
        })
    }

    fn open_map(self, close_variant: bool) -> Result<MapEncoder<'a>> {
        let depth = deeper(self.depth)?;
        self.out.push('(');
        let body_start = self.out.len();
        let base = self.scratch.entries.len();
        let keys_base = self.scratch.keys.len();
        Ok(MapEncoder {
            entries: EntryList {
                out: self.out,
                scratch: self.scratch,
                form: self.form,
                depth,
                body_start,
                base,
                keys_base,
                sorted: true,
            },
            pending: None,
            close_variant,
        })
    }
}

/// Lets [`Encoder::write_float`] reject NaN and infinities for `f32` and `f64`.
pub(crate) trait FiniteCheck {
    fn finite(&self) -> bool;
}
impl FiniteCheck for f32 {
    fn finite(&self) -> bool {
        self.is_finite()
    }
}
impl FiniteCheck for f64 {
    fn finite(&self) -> bool {
        self.is_finite()
    }
}

impl<'a> ser::Serializer for Encoder<'a> {
    type Ok = Emitted;
    type Error = Error;
    type SerializeSeq = ListEncoder<'a>;
    type SerializeTuple = ListEncoder<'a>;
    type SerializeTupleStruct = ListEncoder<'a>;
    type SerializeTupleVariant = ListEncoder<'a>;
    type SerializeMap = MapEncoder<'a>;
    type SerializeStruct = MapEncoder<'a>;
    type SerializeStructVariant = MapEncoder<'a>;

    fn serialize_bool(self, v: bool) -> Result<Emitted> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(Emitted::Value)
    }
    fn serialize_i8(self, v: i8) -> Result<Emitted> {
        self.write_int(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Emitted> {
        self.write_int(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Emitted> {
        self.write_int(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Emitted> {
        self.write_int(v)
    }
    fn serialize_i128(self, v: i128) -> Result<Emitted> {
        self.write_int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Emitted> {
        self.write_int(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Emitted> {
        self.write_int(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Emitted> {
        self.write_int(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Emitted> {
        self.write_int(v)
    }
    fn serialize_u128(self, v: u128) -> Result<Emitted> {
        self.write_int(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Emitted> {
        self.write_float(v)
    }
    fn serialize_f64(self, v: f64) -> Result<Emitted> {
        self.write_float(v)
    }
    fn serialize_char(self, v: char) -> Result<Emitted> {
        write_escaped(self.out, v.encode_utf8(&mut [0; 4]), self.form);
        Ok(Emitted::Value)
    }
    fn serialize_str(self, v: &str) -> Result<Emitted> {
        write_escaped(self.out, v, self.form);
        Ok(Emitted::Value)
    }
    /// Rest.li `bytes` travel as a string with one code point (U+0000 to
    /// U+00FF) per byte.
    fn serialize_bytes(self, v: &[u8]) -> Result<Emitted> {
        let text: String = v.iter().map(|&b| char::from(b)).collect();
        write_escaped(self.out, &text, self.form);
        Ok(Emitted::Value)
    }
    fn serialize_none(self) -> Result<Emitted> {
        Ok(Emitted::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Emitted> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Emitted> {
        Ok(Emitted::Null)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Emitted> {
        Ok(Emitted::Null)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Emitted> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Emitted> {
        value.serialize(self)
    }
    /// A union member: `(member:value)`.
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Emitted> {
        let inner = self.open_variant(variant)?;
        let out = inner.out;
        match encode_at(out, inner.scratch, value, inner.form, inner.depth)? {
            Emitted::Value => {
                out.push(')');
                Ok(Emitted::Value)
            }
            Emitted::Null => Err(Error::new(ErrorKind::NullValue)),
        }
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<ListEncoder<'a>> {
        self.open_list(false)
    }
    fn serialize_tuple(self, _len: usize) -> Result<ListEncoder<'a>> {
        self.open_list(false)
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<ListEncoder<'a>> {
        self.open_list(false)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<ListEncoder<'a>> {
        self.open_variant(variant)?.open_list(true)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<MapEncoder<'a>> {
        self.open_map(false)
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<MapEncoder<'a>> {
        self.open_map(false)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<MapEncoder<'a>> {
        self.open_variant(variant)?.open_map(true)
    }
}

/// Writes the elements of a `List(...)`.
pub(crate) struct ListEncoder<'a> {
    out: &'a mut String,
    scratch: &'a mut Scratch,
    form: Form,
    /// The depth of this list (its elements are inside it).
    depth: usize,
    first: bool,
    close_variant: bool,
}

impl ListEncoder<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        match encode_at(self.out, self.scratch, value, self.form, self.depth)? {
            Emitted::Value => Ok(()),
            Emitted::Null => Err(Error::new(ErrorKind::NullValue)),
        }
    }

    fn close(self) -> Result<Emitted> {
        self.out.push(')');
        if self.close_variant {
            self.out.push(')');
        }
        Ok(Emitted::Value)
    }
}

impl ser::SerializeSeq for ListEncoder<'_> {
    type Ok = Emitted;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<Emitted> {
        self.close()
    }
}

impl ser::SerializeTuple for ListEncoder<'_> {
    type Ok = Emitted;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<Emitted> {
        self.close()
    }
}

impl ser::SerializeTupleStruct for ListEncoder<'_> {
    type Ok = Emitted;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<Emitted> {
        self.close()
    }
}

impl ser::SerializeTupleVariant for ListEncoder<'_> {
    type Ok = Emitted;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<Emitted> {
        self.close()
    }
}

/// A map key: a field name, or a range of [`Scratch::keys`].
#[derive(Clone, Copy)]
enum Key {
    Static(&'static str),
    Arena(usize, usize),
}

impl Key {
    fn text(self, keys: &str) -> &str {
        match self {
            Key::Static(text) => text,
            Key::Arena(start, end) => keys.get(start..end).unwrap_or_default(),
        }
    }
}

/// One written entry of a map: its raw key and where it sits in the buffer.
struct Entry {
    key: Key,
    start: usize,
    end: usize,
}

/// The entries of one map written into the shared buffer, with the
/// bookkeeping to drop nulls and sort by key at the end.
struct EntryList<'a> {
    out: &'a mut String,
    scratch: &'a mut Scratch,
    form: Form,
    /// The depth of this map (its values are inside it).
    depth: usize,
    body_start: usize,
    /// Where this map's entries start in `scratch.entries`.
    base: usize,
    /// Where this map's keys start in `scratch.keys`.
    keys_base: usize,
    /// Whether every entry so far came after the one before, by raw key.
    sorted: bool,
}

impl<'a> EntryList<'a> {
    /// Writes `key:value`; an entry whose value turns out to be null is
    /// removed again.
    fn entry<T: Serialize + ?Sized>(&mut self, key: Key, value: &T) -> Result<()> {
        let rollback = self.out.len();
        let previous = self
            .scratch
            .entries
            .get(self.base..)
            .and_then(<[Entry]>::last)
            .map(|e| e.key);
        if previous.is_some() {
            self.out.push(',');
        }
        let start = self.out.len();
        write_escaped(self.out, key.text(&self.scratch.keys), self.form);
        self.out.push(':');
        match encode_at(self.out, self.scratch, value, self.form, self.depth)? {
            Emitted::Value => {
                let end = self.out.len();
                if let Some(previous) = previous {
                    let keys = &self.scratch.keys;
                    self.sorted &= previous.text(keys).as_bytes() < key.text(keys).as_bytes();
                }
                self.scratch.entries.push(Entry { key, start, end });
            }
            Emitted::Null => {
                self.out.truncate(rollback);
                if let Key::Arena(start, _) = key {
                    self.scratch.keys.truncate(start);
                }
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<&'a mut String> {
        let EntryList {
            out,
            scratch,
            body_start,
            base,
            keys_base,
            sorted,
            ..
        } = self;
        if !sorted {
            let Scratch { entries, keys } = &mut *scratch;
            let mine = entries.get_mut(base..).unwrap_or_default();
            let keys = keys.as_str();
            mine.sort_by(|a, b| a.key.text(keys).as_bytes().cmp(b.key.text(keys).as_bytes()));
            let duplicate = mine.windows(2).find_map(|pair| match pair {
                [a, b] if a.key.text(keys) == b.key.text(keys) => Some(a.key.text(keys).to_owned()),
                _ => None,
            });
            if let Some(key) = duplicate {
                return Err(Error::new(ErrorKind::DuplicateKey(key)));
            }
            let body = out.split_off(body_start);
            for (i, entry) in mine.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let (start, end) = (entry.start - body_start, entry.end - body_start);
                out.push_str(body.get(start..end).unwrap_or_default());
            }
        }
        scratch.entries.truncate(base);
        scratch.keys.truncate(keys_base);
        Ok(out)
    }
}

pub(crate) struct MapEncoder<'a> {
    entries: EntryList<'a>,
    pending: Option<Key>,
    close_variant: bool,
}

impl MapEncoder<'_> {
    fn field<T: Serialize + ?Sized>(&mut self, key: Key, value: &T) -> Result<()> {
        self.entries.entry(key, value)
    }

    fn close(self) -> Result<Emitted> {
        let close_variant = self.close_variant;
        let out = self.entries.finish()?;
        out.push(')');
        if close_variant {
            out.push(')');
        }
        Ok(Emitted::Value)
    }
}

impl ser::SerializeMap for MapEncoder<'_> {
    type Ok = Emitted;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        let keys = &mut self.entries.scratch.keys;
        let start = keys.len();
        self.pending = Some(match key.serialize(KeyText(keys))? {
            KeyOut::Static(text) => Key::Static(text),
            KeyOut::Written => Key::Arena(start, keys.len()),
        });
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let key = self.pending.take().ok_or_else(|| {
            Error::new(ErrorKind::Message(
                "serialize_value called before serialize_key".into(),
            ))
        })?;
        self.field(key, value)
    }
    fn end(self) -> Result<Emitted> {
        self.close()
    }
}

impl ser::SerializeStruct for MapEncoder<'_> {
    type Ok = Emitted;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.field(Key::Static(key), value)
    }
    fn end(self) -> Result<Emitted> {
        self.close()
    }
}

impl ser::SerializeStructVariant for MapEncoder<'_> {
    type Ok = Emitted;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.field(Key::Static(key), value)
    }
    fn end(self) -> Result<Emitted> {
        self.close()
    }
}

/// The raw (unescaped) text of a map key.
pub(crate) fn key_text<T: Serialize + ?Sized>(key: &T) -> Result<Cow<'static, str>> {
    let mut text = String::new();
    Ok(match key.serialize(KeyText(&mut text))? {
        KeyOut::Static(text) => Cow::Borrowed(text),
        KeyOut::Written => Cow::Owned(text),
    })
}

/// Where [`KeyText`] put a key's text.
enum KeyOut {
    /// A `'static` name (a boolean, a unit variant).
    Static(&'static str),
    /// Appended to the string it was given.
    Written,
}

/// Turns a map key into its raw (unescaped) text, appended to the string
/// it holds; only primitives can be keys.
struct KeyText<'a>(&'a mut String);

impl KeyText<'_> {
    fn int(self, v: impl itoa::Integer) -> Result<KeyOut> {
        self.0.push_str(itoa::Buffer::new().format(v));
        Ok(KeyOut::Written)
    }
}

fn key_error<T>() -> Result<T> {
    Err(Error::new(ErrorKind::KeyMustBePrimitive))
}

impl ser::Serializer for KeyText<'_> {
    type Ok = KeyOut;
    type Error = Error;
    type SerializeSeq = ser::Impossible<KeyOut, Error>;
    type SerializeTuple = ser::Impossible<KeyOut, Error>;
    type SerializeTupleStruct = ser::Impossible<KeyOut, Error>;
    type SerializeTupleVariant = ser::Impossible<KeyOut, Error>;
    type SerializeMap = ser::Impossible<KeyOut, Error>;
    type SerializeStruct = ser::Impossible<KeyOut, Error>;
    type SerializeStructVariant = ser::Impossible<KeyOut, Error>;

    fn serialize_bool(self, v: bool) -> Result<Self::Ok> {
        Ok(KeyOut::Static(if v { "true" } else { "false" }))
    }
    fn serialize_i8(self, v: i8) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_i128(self, v: i128) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_u128(self, v: u128) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Self::Ok> {
        if !v.is_finite() {
            return Err(Error::new(ErrorKind::NonFiniteFloat));
        }
        self.0.push_str(ryu::Buffer::new().format_finite(v));
        Ok(KeyOut::Written)
    }
    fn serialize_f64(self, v: f64) -> Result<Self::Ok> {
        if !v.is_finite() {
            return Err(Error::new(ErrorKind::NonFiniteFloat));
        }
        self.0.push_str(ryu::Buffer::new().format_finite(v));
        Ok(KeyOut::Written)
    }
    fn serialize_char(self, v: char) -> Result<Self::Ok> {
        self.0.push(v);
        Ok(KeyOut::Written)
    }
    fn serialize_str(self, v: &str) -> Result<Self::Ok> {
        self.0.push_str(v);
        Ok(KeyOut::Written)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<Self::Ok> {
        key_error()
    }
    fn serialize_none(self) -> Result<Self::Ok> {
        Err(Error::new(ErrorKind::NullValue))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Self::Ok> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Self::Ok> {
        Err(Error::new(ErrorKind::NullValue))
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Self::Ok> {
        Err(Error::new(ErrorKind::NullValue))
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Self::Ok> {
        Ok(KeyOut::Static(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Self::Ok> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<Self::Ok> {
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
