//! Escaping of primitive strings in the two Rest.li forms, and unescaping.
//!
//! The URL form is the hot loop of every request (issue 17). A string with
//! nothing to escape (an id, an enum symbol, a field name) is copied at
//! once after one scan. Anything else goes through [`URL_TABLE`] straight
//! into the output, grown (zeroed) by three bytes per input byte and cut
//! back after, without a branch on the data (one load, one four-byte store
//! and one add per byte). The encoder writes bytes, not a `String`, so
//! nothing is validated per string: its output is checked as UTF-8 once,
//! at the end of a call (URL-form output is ASCII, which `from_utf8` checks
//! a word at a time). The reduced form copies the runs between its six
//! escaped characters at once.

use std::borrow::Cow;

use crate::error::{Error, ErrorKind};

/// Which of Rest.li's two encodings a value is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// URL form: everything but the RFC 3986 unreserved characters is escaped.
    Url,
    /// Reduced form (headers, JSON map keys): only `%(),:'` are escaped.
    Reduced,
}

/// How each byte is written in the URL form: itself (the RFC 3986
/// unreserved characters `A-Z a-z 0-9 - . _ ~`, so the grammar characters
/// can never be confused with data), or `%XX`. The fourth byte is the
/// entry's width, 1 or 3; entries are stored four bytes at a time and the
/// byte past the width is overwritten by the next one.
const URL_TABLE: [[u8; 4]; 256] = url_table();

/// Whether the reduced form escapes a byte: `%` and the grammar.
const REDUCED_ESCAPES: [bool; 256] = reduced_table();

/// Whether the URL form writes a byte as itself.
const fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

// Evaluated at compile time only (it initialises a `const`): an index out
// of bounds here would fail the build, it cannot panic at run time.
#[allow(clippy::indexing_slicing)]
const fn url_table() -> [[u8; 4]; 256] {
    let mut table = [[0u8; 4]; 256];
    let mut b = 0usize;
    while b < 256 {
        // `b < 256`, so the casts and indexes are exact.
        let byte = b as u8;
        table[b] = if unreserved(byte) {
            [byte, 0, 0, 1]
        } else {
            [b'%', HEX[b >> 4], HEX[b & 0x0F], 3]
        };
        b += 1;
    }
    table
}

// Compile time only, as `url_table`.
#[allow(clippy::indexing_slicing)]
const fn reduced_table() -> [bool; 256] {
    let mut table = [false; 256];
    let escaped = b"%(),:'";
    let mut i = 0;
    while i < escaped.len() {
        table[escaped[i] as usize] = true;
        i += 1;
    }
    table
}

/// Input bytes escaped per growth of the output: the output grows by at
/// most `3 * CHUNK + 4` zeroed bytes at a time, whatever the string's length.
const CHUNK: usize = 4096;

/// Appends `s` to `out` escaped for `form`; the empty string becomes `''`.
///
/// What is appended is ASCII in the URL form, and in the reduced form `s`'s
/// own text between ASCII escapes: `out` stays UTF-8 if it was.
pub(crate) fn write_escaped(out: &mut Vec<u8>, s: &str, form: Form) {
    if s.is_empty() {
        out.extend_from_slice(b"''");
        return;
    }
    match form {
        Form::Url => write_url(out, s.as_bytes()),
        Form::Reduced => write_reduced(out, s.as_bytes()),
    }
}

/// [`write_escaped`] for a `String` (query names, written beside text that
/// is already a `String`).
pub(crate) fn push_escaped(out: &mut String, s: &str, form: Form) {
    if form == Form::Url && !s.is_empty() && all_unreserved(s.as_bytes()) {
        out.push_str(s);
        return;
    }
    let mut bytes = std::mem::take(out).into_bytes();
    write_escaped(&mut bytes, s, form);
    *out = into_string(bytes);
}

/// The text of bytes the encoder wrote, which are UTF-8 (see
/// [`write_escaped`]); were they not, the invalid bytes would be replaced
/// rather than panic.
pub(crate) fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Whether the URL form writes every byte as itself.
fn all_unreserved(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .all(|&b| URL_TABLE.get(usize::from(b)).is_some_and(|e| e[3] == 1))
}

/// The reduced form: runs without `%(),:'` are copied at once.
fn write_reduced(out: &mut Vec<u8>, s: &[u8]) {
    let mut rest = s;
    while let Some(i) = rest
        .iter()
        .position(|&b| REDUCED_ESCAPES.get(usize::from(b)) == Some(&true))
    {
        // The escaped bytes are ASCII, so the runs between them are whole
        // UTF-8 sequences.
        let (plain, tail) = rest.split_at_checked(i).unwrap_or((rest, &[]));
        out.extend_from_slice(plain);
        if let Some((&b, tail)) = tail.split_first() {
            push_percent(out, b);
            rest = tail;
        } else {
            rest = tail;
        }
    }
    out.extend_from_slice(rest);
}

/// The URL form (see the module docs).
fn write_url(out: &mut Vec<u8>, bytes: &[u8]) {
    if all_unreserved(bytes) {
        out.extend_from_slice(bytes);
        return;
    }
    for chunk in bytes.chunks(CHUNK) {
        let start = out.len();
        out.resize(start + chunk.len() * 3 + SLACK, 0);
        let len = out
            .get_mut(start..)
            .map_or(0, |dst| escape_into(chunk, dst));
        out.truncate(start + len);
    }
}

/// Input bytes escaped per step of the fast loop.
const GROUP: usize = 8;

/// The output window of one step: three bytes per input byte, and room
/// for the last entry's four-byte store.
const WINDOW: usize = 32;

/// Room past three bytes per input byte that [`escape_into`] needs for its
/// windows: the last full group starts at most `3 * (n - GROUP)` in.
const SLACK: usize = WINDOW - 3 * GROUP;

/// Escapes `src` into `dst`, returning the length written; `dst` holds
/// three bytes per input byte and [`SLACK`] more.
///
/// No branch depends on the data: each byte is one table load, one
/// four-byte store and an add of the entry's width. Bytes go eight at a
/// time into a fixed 32-byte window of `dst`, so the stores inside a group
/// need no bounds check (the widths are masked to at most 3: eight of them
/// stay inside the window). (Fast paths that branched on the bytes, such
/// as eight non-ASCII bytes at fixed offsets, measured slower on mixed
/// text: the branch mispredicts cost more than the stores they save.)
fn escape_into(src: &[u8], dst: &mut [u8]) -> usize {
    let (mut read, mut len) = (0, 0);
    while let (Some(group), Some(window)) = (
        src.get(read..read + GROUP)
            .and_then(|g| <&[u8; GROUP]>::try_from(g).ok()),
        dst.get_mut(len..len + WINDOW)
            .and_then(|w| <&mut [u8; WINDOW]>::try_from(w).ok()),
    ) {
        let mut at = 0;
        for &b in group {
            let entry = entry(b);
            // `at` is at most 7 * 3 here: always inside the window, which
            // the compiler sees too (no check is left in the loop).
            if let Some(d) = window.get_mut(at..at + 4) {
                d.copy_from_slice(&entry);
            }
            at += usize::from(entry[3] & 3);
        }
        read += GROUP;
        len += at;
    }
    for &b in src.get(read..).unwrap_or_default() {
        let entry = entry(b);
        if let Some(d) = dst.get_mut(len..len + 4) {
            d.copy_from_slice(&entry);
        }
        len += usize::from(entry[3]);
    }
    len
}

/// The URL form's entry of a byte (an index the table always has).
#[inline(always)]
fn entry(b: u8) -> [u8; 4] {
    URL_TABLE.get(usize::from(b)).copied().unwrap_or_default()
}

/// Appends `%XX` for one byte.
pub(crate) fn push_percent(out: &mut Vec<u8>, b: u8) {
    let at = usize::from(b) * 3;
    out.extend_from_slice(PERCENT.as_bytes().get(at..at + 3).unwrap_or_default());
}

/// `%XX` for every byte, in order: one copy of a `'static` slice per escape.
const PERCENT: &str = concat!(
    "%00%01%02%03%04%05%06%07%08%09%0A%0B%0C%0D%0E%0F",
    "%10%11%12%13%14%15%16%17%18%19%1A%1B%1C%1D%1E%1F",
    "%20%21%22%23%24%25%26%27%28%29%2A%2B%2C%2D%2E%2F",
    "%30%31%32%33%34%35%36%37%38%39%3A%3B%3C%3D%3E%3F",
    "%40%41%42%43%44%45%46%47%48%49%4A%4B%4C%4D%4E%4F",
    "%50%51%52%53%54%55%56%57%58%59%5A%5B%5C%5D%5E%5F",
    "%60%61%62%63%64%65%66%67%68%69%6A%6B%6C%6D%6E%6F",
    "%70%71%72%73%74%75%76%77%78%79%7A%7B%7C%7D%7E%7F",
    "%80%81%82%83%84%85%86%87%88%89%8A%8B%8C%8D%8E%8F",
    "%90%91%92%93%94%95%96%97%98%99%9A%9B%9C%9D%9E%9F",
    "%A0%A1%A2%A3%A4%A5%A6%A7%A8%A9%AA%AB%AC%AD%AE%AF",
    "%B0%B1%B2%B3%B4%B5%B6%B7%B8%B9%BA%BB%BC%BD%BE%BF",
    "%C0%C1%C2%C3%C4%C5%C6%C7%C8%C9%CA%CB%CC%CD%CE%CF",
    "%D0%D1%D2%D3%D4%D5%D6%D7%D8%D9%DA%DB%DC%DD%DE%DF",
    "%E0%E1%E2%E3%E4%E5%E6%E7%E8%E9%EA%EB%EC%ED%EE%EF",
    "%F0%F1%F2%F3%F4%F5%F6%F7%F8%F9%FA%FB%FC%FD%FE%FF",
);

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-unescapes `token`, which starts at byte `offset` of the input.
///
/// Borrows when there is nothing to unescape. A `%` not followed by two hex
/// digits, or unescaped bytes that are not UTF-8, are errors.
pub(crate) fn unescape(token: &str, offset: usize) -> Result<Cow<'_, str>, Error> {
    let Some(first) = token.bytes().position(|b| b == b'%') else {
        return Ok(Cow::Borrowed(token));
    };
    let bytes = token.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(bytes.get(..first).unwrap_or_default());
    let mut i = first;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hi = bytes.get(i + 1).copied().and_then(hex_value);
            let lo = bytes.get(i + 2).copied().and_then(hex_value);
            match (hi, lo) {
                (Some(hi), Some(lo)) => out.push(hi << 4 | lo),
                _ => return Err(Error::at(ErrorKind::InvalidEscape, offset + i)),
            }
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).map(Cow::Owned).map_err(|e| {
        let bad = e.utf8_error().valid_up_to();
        Error::at(ErrorKind::InvalidUtf8, offset + input_offset(token, bad))
    })
}

/// The offset in `token` of the escape (or byte) that produced unescaped
/// byte number `produced`.
fn input_offset(token: &str, produced: usize) -> usize {
    let bytes = token.as_bytes();
    let (mut i, mut out) = (0, 0);
    while out < produced && i < bytes.len() {
        i += if bytes.get(i) == Some(&b'%') { 3 } else { 1 };
        out += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str, form: Form) -> String {
        let mut out = Vec::new();
        write_escaped(&mut out, s, form);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn url_form_escapes_all_but_unreserved() {
        assert_eq!(esc("a-b.c_d~e", Form::Url), "a-b.c_d~e");
        assert_eq!(
            esc("(),:' %&=+#", Form::Url),
            "%28%29%2C%3A%27%20%25%26%3D%2B%23"
        );
        assert_eq!(esc("é", Form::Url), "%C3%A9");
        assert_eq!(esc("", Form::Url), "''");
    }

    #[test]
    fn reduced_form_escapes_only_grammar_and_percent() {
        assert_eq!(esc("a b&é", Form::Reduced), "a b&é");
        assert_eq!(esc("(),:'%", Form::Reduced), "%28%29%2C%3A%27%25");
        assert_eq!(esc("", Form::Reduced), "''");
    }

    /// The obviously correct URL-form encoder the fast one must equal: one
    /// byte at a time (an unreserved byte is ASCII, so it is its own char).
    fn reference(s: &str, form: Form) -> String {
        if s.is_empty() {
            return "''".to_owned();
        }
        let mut out = String::new();
        for b in s.bytes() {
            let plain = match form {
                Form::Url => b.is_ascii_alphanumeric() || b"-._~".contains(&b),
                Form::Reduced => !b"%(),:'".contains(&b),
            };
            if plain {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }

    /// The reduced form keeps non-ASCII text as it is, so the reference
    /// copies whole chars rather than bytes.
    fn reference_reduced(s: &str) -> String {
        if s.is_empty() {
            return "''".to_owned();
        }
        s.chars()
            .map(|c| match c {
                '%' | '(' | ')' | ',' | ':' | '\'' => format!("%{:02X}", c as u32),
                c => c.to_string(),
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn url_form_equals_the_reference(s in "\\PC*|[a-zA-Z0-9._~()%:,' -]{0,200}") {
            proptest::prop_assert_eq!(esc(&s, Form::Url), reference(&s, Form::Url));
        }

        #[test]
        fn long_mixed_strings_cross_chunk_boundaries(
            parts in proptest::collection::vec("[a-z]{0,70}|[é東😀(),]{0,40}", 0..8)
        ) {
            let s = parts.concat();
            proptest::prop_assert_eq!(esc(&s, Form::Url), reference(&s, Form::Url));
            proptest::prop_assert_eq!(esc(&s, Form::Reduced), reference_reduced(&s));
        }

        /// Strings longer than a chunk (several flushes of the stack
        /// buffer), with every kind of byte.
        #[test]
        fn strings_over_many_chunks_equal_the_reference(s in "\\PC{100,400}") {
            proptest::prop_assert_eq!(esc(&s, Form::Url), reference(&s, Form::Url));
            proptest::prop_assert_eq!(esc(&s, Form::Reduced), reference_reduced(&s));
        }

        /// Strings longer than the 4,096 bytes escaped per growth of the
        /// output, so that several chunks (and the eight-byte groups of
        /// each, with their tails) are written one after the other.
        #[test]
        fn strings_over_several_growths_equal_the_reference(
            parts in proptest::collection::vec("[a-z]{0,70}|[é東😀(),]{0,40}|\\PC{0,9}", 150..300)
        ) {
            let s = parts.concat();
            proptest::prop_assert_eq!(esc(&s, Form::Url), reference(&s, Form::Url));
        }

        #[test]
        fn reduced_form_equals_the_reference(s in "\\PC*") {
            proptest::prop_assert_eq!(esc(&s, Form::Reduced), reference_reduced(&s));
        }

        #[test]
        fn url_form_round_trips(s in "\\PC*") {
            let encoded = esc(&s, Form::Url);
            proptest::prop_assert!(encoded.bytes().all(|b| b.is_ascii_graphic()));
            if !s.is_empty() {
                proptest::prop_assert_eq!(unescape(&encoded, 0).unwrap(), s.as_str());
            }
        }
    }

    #[test]
    fn every_byte_matches_the_reference() {
        // All of U+0000..U+00FF as UTF-8, and a string longer than a chunk.
        let all: String = (0u8..=255).map(char::from).collect();
        assert_eq!(esc(&all, Form::Url), reference(&all, Form::Url));
        let long = "a(東)-".repeat(100);
        assert_eq!(esc(&long, Form::Url), reference(&long, Form::Url));
    }

    #[test]
    fn push_percent_writes_every_byte_as_two_uppercase_hex_digits() {
        for b in 0..=255u8 {
            let mut out = Vec::new();
            push_percent(&mut out, b);
            assert_eq!(out, format!("%{b:02X}").as_bytes());
        }
    }

    #[test]
    fn unescape_borrows_when_possible() {
        assert!(matches!(unescape("abc", 0), Ok(Cow::Borrowed("abc"))));
        assert_eq!(unescape("a%20b%c3%A9", 0).unwrap(), "a bé");
    }

    #[test]
    fn unescape_reports_bad_escapes_with_offset() {
        let err = unescape("ab%2", 10).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::InvalidEscape);
        assert_eq!(err.offset(), Some(12));
        let err = unescape("%zz", 0).unwrap_err();
        assert_eq!(err.offset(), Some(0));
        let err = unescape("x%FF", 3).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::InvalidUtf8);
        assert_eq!(err.offset(), Some(4));
        let err = unescape("ab%C3", 0).unwrap_err();
        assert_eq!(err.offset(), Some(2));
    }
}
