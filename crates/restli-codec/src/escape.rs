//! Escaping of primitive strings in the two Rest.li forms, and unescaping.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::{Error, ErrorKind};

/// Which of Rest.li's two encodings a value is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// URL form: everything but the RFC 3986 unreserved characters is escaped.
    Url,
    /// Reduced form (headers, JSON map keys): only `%(),:'` are escaped.
    Reduced,
}

/// Everything except `A-Z a-z 0-9 - . _ ~` is escaped in the URL form, so the
/// grammar characters can never be confused with data.
const URL_ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The characters the reduced form escapes: `%` and the grammar.
fn reduced_needs_escape(b: u8) -> bool {
    matches!(b, b'%' | b'(' | b')' | b',' | b':' | b'\'')
}

/// Appends `s` to `out` escaped for `form`; the empty string becomes `''`.
pub(crate) fn write_escaped(out: &mut String, s: &str, form: Form) {
    if s.is_empty() {
        out.push_str("''");
        return;
    }
    match form {
        Form::Url => out.extend(utf8_percent_encode(s, URL_ESCAPED)),
        Form::Reduced => {
            let mut copied = 0;
            for (i, b) in s.bytes().enumerate() {
                if reduced_needs_escape(b) {
                    // The escaped bytes are ASCII, so `i` is a char boundary.
                    out.push_str(s.get(copied..i).unwrap_or_default());
                    push_percent(out, b);
                    copied = i + 1;
                }
            }
            out.push_str(s.get(copied..).unwrap_or_default());
        }
    }
}

/// Appends `%XX` for one byte.
pub(crate) fn push_percent(out: &mut String, b: u8) {
    fn hex_digit(n: u8) -> char {
        match n {
            0..=9 => char::from(b'0' + n),
            _ => char::from(b'A' + (n - 10)),
        }
    }
    out.push('%');
    out.push(hex_digit(b >> 4));
    out.push(hex_digit(b & 0x0F));
}

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
        let mut out = String::new();
        write_escaped(&mut out, s, form);
        out
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
