//! The serde `Serializer` that writes Rest.li values straight into one buffer.
//!
//! Maps must come out with their keys sorted, yet serde hands entries over in
//! the caller's order. Rather than building a value tree, each entry (its
//! key escaped, `:`, its value) is written in place as it comes, and each key
//! is compared with the one before it, in the buffer, by the raw bytes its
//! escapes stand for. An entry that comes before the ones already written
//! (a struct whose fields are not declared in order) is rotated into place
//! among the first few, whose key offsets the map keeps. Only when a map's
//! entries arrive out of order past those is that
//! map's slice of the buffer taken apart again (at its top-level commas:
//! data never holds a bare grammar character) and put back sorted. Null
//! fields are removed the same way: the entry is written, found to be null,
//! and the buffer truncated back.
//!
//! So the bookkeeping is a few offsets per open map on the stack: no
//! allocation per call beyond the output, and no sorting work when keys
//! arrive sorted (issue 17: a `Vec` per map and a `String` per key, then a
//! shared arena of keys and entry ranges, kept the 1,000-key BATCH_GET
//! slower than `serde_json` writing the same value).

use std::cmp::Ordering;

use serde::ser::{self, Serialize};

use crate::de::MAX_DEPTH;
use crate::error::{Error, ErrorKind, Result};
use crate::escape::{Form, into_string, write_escaped};

mod key;

use key::KeyText;
pub(crate) use key::key_text;

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
    let mut bytes = std::mem::take(out).into_bytes();
    let emitted = encode_bytes(&mut bytes, value, form);
    *out = into_string(bytes);
    emitted
}

/// Serializes `value` in `form`, appending to `out`, which stays UTF-8 if
/// it was (see [`write_escaped`]).
pub(crate) fn encode_bytes<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
    form: Form,
) -> Result<Emitted> {
    encode_at(out, value, form, 0)
}

/// Serializes a value found inside `depth` lists, maps and unions.
fn encode_at<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
    form: Form,
    depth: usize,
) -> Result<Emitted> {
    value.serialize(Encoder { out, form, depth })
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
    // As `serde_json::to_string`: room for a short value (a key, a finder
    // parameter) at once, doubling from there.
    let mut out = Vec::with_capacity(128);
    match encode_bytes(&mut out, value, form)? {
        // Checked once for the whole output, not per string.
        Emitted::Value => Ok(into_string(out)),
        Emitted::Null => Err(Error::new(ErrorKind::NullValue)),
    }
}

pub(crate) struct Encoder<'a> {
    out: &'a mut Vec<u8>,
    form: Form,
    /// How many lists, maps and unions enclose this value.
    depth: usize,
}

impl<'a> Encoder<'a> {
    fn write_int(self, v: impl itoa::Integer) -> Result<Emitted> {
        // Digits and `-` are unreserved: nothing to escape.
        self.out
            .extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
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
        self.out.push(b'(');
        write_escaped(self.out, variant, self.form);
        self.out.push(b':');
        Ok(Encoder {
            out: self.out,
            form: self.form,
            depth,
        })
    }

    fn open_list(self, close_variant: bool) -> Result<ListEncoder<'a>> {
        let depth = deeper(self.depth)?;
        self.out.extend_from_slice(b"List(");
        Ok(ListEncoder {
            out: self.out,
            form: self.form,
            depth,
            first: true,
            close_variant,
        })
    }

    fn open_map(self, close_variant: bool) -> Result<MapEncoder<'a>> {
        let depth = deeper(self.depth)?;
        self.out.push(b'(');
        let body_start = self.out.len();
        Ok(MapEncoder {
            out: self.out,
            form: self.form,
            depth,
            body_start,
            previous: None,
            keys: [(0, 0); TRACKED],
            kept: 0,
            pending: None,
            sorted: true,
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
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
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
        match encode_at(out, value, inner.form, inner.depth)? {
            Emitted::Value => {
                out.push(b')');
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
    out: &'a mut Vec<u8>,
    form: Form,
    /// The depth of this list (its elements are inside it).
    depth: usize,
    first: bool,
    close_variant: bool,
}

impl ListEncoder<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        match encode_at(self.out, value, self.form, self.depth)? {
            Emitted::Value => Ok(()),
            Emitted::Null => Err(Error::new(ErrorKind::NullValue)),
        }
    }

    fn close(self) -> Result<Emitted> {
        self.out.push(b')');
        if self.close_variant {
            self.out.push(b')');
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

/// Where an entry being written sits in the buffer: where it started
/// (before its `,`) and its escaped key.
#[derive(Clone, Copy)]
struct Pending {
    rollback: usize,
    key: (usize, usize),
}

/// Writes the entries of a map or record in place (see the module docs).
pub(crate) struct MapEncoder<'a> {
    out: &'a mut Vec<u8>,
    form: Form,
    /// The depth of this map (its values are inside it).
    depth: usize,
    /// Where the map's body starts, after its `(`.
    body_start: usize,
    /// The escaped key of the last entry kept.
    previous: Option<(usize, usize)>,
    /// The escaped keys of the first [`TRACKED`] entries kept, in the
    /// order they stand in the buffer, from `body_start` (the struct is
    /// moved at every value, so it is kept small).
    keys: [(u16, u16); TRACKED],
    /// How many entries were kept.
    kept: usize,
    /// The entry whose key is written and whose value is awaited.
    pending: Option<Pending>,
    /// Whether every entry so far came after the one before, by raw key.
    sorted: bool,
    close_variant: bool,
}

impl MapEncoder<'_> {
    /// Writes `,` (after the first entry), the escaped key and `:`.
    fn open_entry(
        &mut self,
        write_key: impl FnOnce(&mut Vec<u8>, Form) -> Result<()>,
    ) -> Result<()> {
        let rollback = self.out.len();
        if self.previous.is_some() {
            self.out.push(b',');
        }
        let start = self.out.len();
        write_key(self.out, self.form)?;
        let end = self.out.len();
        self.out.push(b':');
        self.pending = Some(Pending {
            rollback,
            key: (start, end),
        });
        Ok(())
    }

    /// Writes the pending entry's value; a null removes the entry again.
    fn close_entry<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let Pending { rollback, key } = self.pending.take().ok_or_else(|| {
            Error::new(ErrorKind::Message(
                "serialize_value called before serialize_key".into(),
            ))
        })?;
        match encode_at(self.out, value, self.form, self.depth)? {
            Emitted::Value => self.keep(key),
            Emitted::Null => {
                self.out.truncate(rollback);
                Ok(())
            }
        }
    }

    /// Keeps the entry just written, whose escaped key is at `key`: after
    /// the others when it comes after them, else moved in among them.
    fn keep(&mut self, key: (usize, usize)) -> Result<()> {
        let order = match self.previous {
            Some(previous) => {
                let text = self.out.as_slice();
                raw_cmp(span(text, previous), span(text, key))
            }
            None => Ordering::Less,
        };
        match order {
            Ordering::Less => {
                self.previous = Some(key);
                if self.kept < TRACKED {
                    self.track(self.kept, key);
                }
            }
            Ordering::Equal => return Err(duplicate(span(self.out, key))),
            Ordering::Greater if self.sorted && self.kept < TRACKED => self.insert(key)?,
            Ordering::Greater => self.sorted = false,
        }
        self.kept += 1;
        Ok(())
    }

    /// Notes the key of the entry standing at `index` (of the tracked
    /// ones); past 64 KiB of a map, its entries are no longer tracked.
    fn track(&mut self, index: usize, (start, end): (usize, usize)) {
        let relative = |at: usize| {
            at.checked_sub(self.body_start)
                .and_then(|at| u16::try_from(at).ok())
        };
        let (Some(start), Some(end)) = (relative(start), relative(end)) else {
            self.kept = self.kept.max(TRACKED);
            return;
        };
        let kept = self.kept;
        if index <= kept
            && let Some(keys) = self.keys.get_mut(..=kept)
        {
            keys.copy_within(index..kept, index + 1);
            if let Some(slot) = keys.get_mut(index) {
                *slot = (start, end);
            }
        }
    }

    /// Moves the entry just written (`,key:value` at the end of the
    /// buffer) before the first tracked entry whose key comes after its
    /// own: one rotation of the buffer from there on, no allocation.
    /// Struct fields declared out of order (`$params` after the parts of
    /// a complex key) cost this, not a sort.
    fn insert(&mut self, key: (usize, usize)) -> Result<()> {
        let text = self.out.as_slice();
        let new = span(text, key);
        let body = text.get(self.body_start..).unwrap_or_default();
        let mut index = None;
        for (i, &(start, end)) in self.keys.iter().take(self.kept).enumerate() {
            match raw_cmp(span(body, (start as usize, end as usize)), new) {
                Ordering::Less => {}
                Ordering::Equal => return Err(duplicate(new)),
                Ordering::Greater => {
                    index = Some(i);
                    break;
                }
            }
        }
        let Some((index, at)) =
            index.and_then(|i| Some((i, self.body_start + self.keys.get(i)?.0 as usize)))
        else {
            // Not reached: the last tracked key comes after this one.
            self.sorted = false;
            return Ok(());
        };
        // The entry is `,` + `key:value`, `moved` bytes in all.
        let entry = self.out.len() - key.0;
        let moved = entry + 1;
        // `moved` fits 16 bits when the map's body does; else the map is
        // sorted when it closes.
        let Ok(shift) = u16::try_from(moved) else {
            self.kept = TRACKED;
            self.sorted = false;
            return Ok(());
        };
        if let Some(tail) = self.out.get_mut(at..) {
            // `A,T` -> `,TA` -> `T,A`.
            tail.rotate_right(moved);
            if let Some(head) = tail.get_mut(..moved) {
                head.rotate_left(1);
            }
        }
        // A key shifted past 64 KiB is no longer tracked.
        for tracked in self.keys.iter_mut().take(self.kept).skip(index) {
            match (tracked.0.checked_add(shift), tracked.1.checked_add(shift)) {
                (Some(start), Some(end)) => *tracked = (start, end),
                _ => self.kept = TRACKED,
            }
        }
        self.previous = self.previous.map(|(s, e)| (s + moved, e + moved));
        self.track(index, (at, at + (key.1 - key.0)));
        Ok(())
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.open_entry(|out, form| {
            write_escaped(out, key, form);
            Ok(())
        })?;
        self.close_entry(value)
    }

    fn close(self) -> Result<Emitted> {
        if !self.sorted {
            sort_body(self.out, self.body_start)?;
        }
        self.out.push(b')');
        if self.close_variant {
            self.out.push(b')');
        }
        Ok(Emitted::Value)
    }
}

/// How many entries of a map are tracked for moving an entry in among
/// them; past that, a map whose entries arrive out of order is sorted as a
/// whole when it closes.
const TRACKED: usize = 8;

/// The error for a key given twice, with its raw text.
fn duplicate(escaped: &[u8]) -> Error {
    let raw: Vec<u8> = RawBytes::new(escaped).collect();
    Error::new(ErrorKind::DuplicateKey(
        String::from_utf8_lossy(&raw).into_owned(),
    ))
}

/// `text[start..end]`, or nothing.
fn span(text: &[u8], (start, end): (usize, usize)) -> &[u8] {
    text.get(start..end).unwrap_or_default()
}

/// Compares two escaped keys by the raw bytes they stand for, which is the
/// order keys are sorted in (the escaped text alone would put `%2F`
/// (`/`) before `.`).
pub(crate) fn raw_cmp(a: &[u8], b: &[u8]) -> Ordering {
    // Most keys differ at their first byte.
    if let (Some(&x), Some(&y)) = (a.first(), b.first())
        && x != y
        && x != b'%'
        && y != b'%'
        && x != b'\''
        && y != b'\''
    {
        return x.cmp(&y);
    }
    let (a, b) = (RawBytes::new(a).0, RawBytes::new(b).0);
    // Up to the first difference the two keys are the same tokens, so that
    // difference is either inside an escape in both (hex digits, which
    // compare as their values) or at the start of a token in both: two
    // plain bytes, or an escape against a plain byte, which the escape's
    // value decides (it is never equal: one form never both escapes and
    // keeps the same byte).
    let Some(i) = a.iter().zip(b).position(|(x, y)| x != y) else {
        return a.len().cmp(&b.len());
    };
    let token = |text: &[u8]| match text.get(i..) {
        Some([b'%', hi, lo, ..]) => hex_value(*hi) << 4 | hex_value(*lo),
        Some([byte, ..]) => *byte,
        _ => 0,
    };
    match token(a).cmp(&token(b)) {
        Ordering::Equal => RawBytes::new(a).cmp(RawBytes::new(b)),
        decided => decided,
    }
}

/// The raw bytes of an escaped key: `%XX` is one byte, `''` is the empty
/// key (a non-empty key never escapes to `''`: `'` is always escaped).
struct RawBytes<'a>(&'a [u8]);

impl<'a> RawBytes<'a> {
    fn new(escaped: &'a [u8]) -> Self {
        RawBytes(if escaped == b"''" { &[] } else { escaped })
    }
}

impl Iterator for RawBytes<'_> {
    type Item = u8;
    fn next(&mut self) -> Option<u8> {
        match self.0 {
            [b'%', hi, lo, rest @ ..] => {
                self.0 = rest;
                Some(hex_value(*hi) << 4 | hex_value(*lo))
            }
            [b, rest @ ..] => {
                self.0 = rest;
                Some(*b)
            }
            [] => None,
        }
    }
}

/// The value of an uppercase hex digit, as the encoder writes them.
fn hex_value(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'A'..=b'F' => b - b'A' + 10,
        _ => 0,
    }
}

/// Puts the entries of the map body starting at `body_start` (to the end
/// of `out`) in raw key order; two equal keys are an error.
///
/// The body is split at its top-level commas, and each entry's key ends at
/// its first `:`: the encoder escapes every grammar character in data, so
/// only the grammar's own are bare.
fn sort_body(out: &mut Vec<u8>, body_start: usize) -> Result<()> {
    let body = out.split_off(body_start);
    let mut entries: Vec<(&[u8], usize)> = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, &b) in body.iter().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => {
                entries.push(entry_at(&body, start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    entries.push(entry_at(&body, start, body.len()));
    entries.sort_by(|a, b| raw_cmp(key(*a), key(*b)));
    if let Some(pair) = entries
        .windows(2)
        .find(|pair| matches!(pair, [a, b] if raw_cmp(key(*a), key(*b)) == Ordering::Equal))
    {
        let raw: Vec<u8> = pair
            .first()
            .map(|e| RawBytes::new(key(*e)).collect())
            .unwrap_or_default();
        return Err(Error::new(ErrorKind::DuplicateKey(
            String::from_utf8_lossy(&raw).into_owned(),
        )));
    }
    for (i, (entry, _)) in entries.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(entry);
    }
    Ok(())
}

/// The escaped key of an entry found by [`entry_at`].
fn key((entry, key_len): (&[u8], usize)) -> &[u8] {
    entry.get(..key_len).unwrap_or_default()
}

/// The entry `body[start..end]` and the length of its key.
fn entry_at(body: &[u8], start: usize, end: usize) -> (&[u8], usize) {
    let entry = body.get(start..end).unwrap_or_default();
    (
        entry,
        entry.iter().position(|&b| b == b':').unwrap_or(entry.len()),
    )
}

impl ser::SerializeMap for MapEncoder<'_> {
    type Ok = Emitted;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.open_entry(|out, form| key.serialize(KeyText::escaped(out, form)))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.close_entry(value)
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
        self.field(key, value)
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
        self.field(key, value)
    }
    fn end(self) -> Result<Emitted> {
        self.close()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use serde::ser::SerializeMap;

    use super::*;

    /// A map whose entries reach the serializer in the order given.
    struct InOrder(Vec<(String, Option<u32>)>);

    impl Serialize for InOrder {
        fn serialize<S: ser::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(self.0.len()))?;
            for (k, v) in &self.0 {
                map.serialize_entry(k, v)?;
            }
            map.end()
        }
    }

    fn both(value: &impl Serialize) -> (Result<String>, Result<String>) {
        (
            encode_value(value, Form::Url),
            encode_value(value, Form::Reduced),
        )
    }

    #[test]
    fn keys_sort_by_raw_bytes_not_by_their_escapes() {
        // Escaped, `/` is `%2F`, which would sort before `.`; `''` is the
        // empty key, which sorts first.
        let entries = ["/", ".", "", "'", "a b", "a"]
            .map(|k| (k.to_owned(), Some(1)))
            .to_vec();
        let (url, reduced) = both(&InOrder(entries));
        assert_eq!(url.unwrap(), "('':1,%27:1,.:1,%2F:1,a:1,a%20b:1)");
        assert_eq!(reduced.unwrap(), "('':1,%27:1,.:1,/:1,a:1,a b:1)");
    }

    #[test]
    fn duplicate_keys_are_errors_in_any_order() {
        let entries = vec![
            ("b".to_owned(), Some(1)),
            ("a(".to_owned(), Some(2)),
            ("b".to_owned(), Some(3)),
        ];
        let err = encode_value(&InOrder(entries), Form::Url).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::DuplicateKey("b".into()));
        let entries = vec![("a(".to_owned(), Some(1)), ("a(".to_owned(), Some(2))];
        let err = encode_value(&InOrder(entries), Form::Reduced).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::DuplicateKey("a(".into()));
    }

    proptest! {
        /// Comparing escaped keys is comparing the raw keys, in both forms.
        #[test]
        fn escaped_keys_compare_as_their_raw_bytes(
            a in "\\PC{0,8}|[.%/(),:' a-c~]{0,5}",
            b in "\\PC{0,8}|[.%/(),:' a-c~]{0,5}",
        ) {
            for form in [Form::Url, Form::Reduced] {
                let (mut x, mut y) = (Vec::new(), Vec::new());
                write_escaped(&mut x, &a, form);
                write_escaped(&mut y, &b, form);
                prop_assert_eq!(raw_cmp(&x, &y), a.as_bytes().cmp(b.as_bytes()));
            }
        }
    }

    /// `entries` in the order given by `seed`.
    fn permuted<T>(mut entries: Vec<T>, seed: u64) -> Vec<T> {
        for i in (1..entries.len()).rev() {
            let j = (seed.rotate_left(i as u32) as usize) % (i + 1);
            entries.swap(i, j);
        }
        entries
    }

    proptest! {
        /// Maps with more entries than are tracked for moving one in among
        /// the others (so that the whole map is sorted when it closes)
        /// equal the sorted path too, and so does a map whose entries come
        /// in reverse order.
        #[test]
        fn maps_past_the_tracked_entries_equal_the_sorted_path(
            map in proptest::collection::btree_map("[a-z%(]{1,4}", proptest::option::of(0u32..1000), 10..40),
            seed in any::<u64>(),
        ) {
            let entries: Vec<_> = map.clone().into_iter().collect();
            let reversed: Vec<_> = entries.iter().rev().cloned().collect();
            prop_assert_eq!(both(&InOrder(permuted(entries, seed))), both(&map));
            prop_assert_eq!(both(&InOrder(reversed)), both(&map));
        }

        /// A key given twice is an error wherever the two entries stand,
        /// naming the key, unless one of them is null (a null entry is
        /// left out, never compared).
        #[test]
        fn a_key_given_twice_is_an_error_anywhere(
            map in proptest::collection::btree_map("[a-z%(]{1,3}", 0u32..1000, 1..30),
            pick in any::<proptest::sample::Index>(),
            seed in any::<u64>(),
        ) {
            let mut entries: Vec<_> = map.into_iter().map(|(k, v)| (k, Some(v))).collect();
            let twice = pick.get(&entries).0.clone();
            entries.push((twice.clone(), Some(1)));
            let entries = permuted(entries, seed);
            for form in [Form::Url, Form::Reduced] {
                let err = encode_value(&InOrder(entries.clone()), form).unwrap_err();
                prop_assert_eq!(err.kind(), &ErrorKind::DuplicateKey(twice.clone()));
            }
        }
    }

    proptest! {
        /// The in-place writer (sorted as it goes, taken apart and sorted
        /// again only when out of order) equals encoding the same entries
        /// from a `BTreeMap`, which hands them over sorted; nulls dropped.
        #[test]
        fn unsorted_maps_equal_the_sorted_path(
            map in proptest::collection::btree_map("\\PC{0,6}|[.%/(),:' a-c]{0,4}", proptest::option::of(0u32..1000), 0..12),
            seed in any::<u64>(),
        ) {
            let mut entries: Vec<_> = map.clone().into_iter().collect();
            // A permutation from the seed.
            let n = entries.len();
            for i in (1..n).rev() {
                let j = (seed.rotate_left(i as u32) as usize) % (i + 1);
                entries.swap(i, j);
            }
            let inner = InOrder(entries.clone());
            let nested: BTreeMap<&str, &InOrder> = BTreeMap::from([("x", &inner)]);
            let expected_nested: BTreeMap<&str, &BTreeMap<String, Option<u32>>> = BTreeMap::from([("x", &map)]);
            prop_assert_eq!(both(&InOrder(entries)), both(&map));
            prop_assert_eq!(both(&nested), both(&expected_nested));
        }
    }
}
