//! Bounded quotes of untrusted text for error messages: the one place the
//! workspace decides how much of a value a message may carry.
//!
//! An error that quoted a whole URL, header or body would grow with its
//! input (a 200 KB `x-restli-id` made a 400 KB message, a tunneled URL is
//! hundreds of kilobytes) and could carry more than its reader needs; every
//! message quotes at most [`EXCERPT_LIMIT`] bytes (or characters) of a value
//! and says how long the whole value was. The whole value stays in the
//! error's fields and accessors.
//!
//! Two shapes:
//!
//! - [`Excerpt`]: a value quoted and escaped like `{:?}` (for ids, keys,
//!   URLs and other values whose exact spelling matters);
//! - [`OneLine`]: any `Display` (a server's message, another library's
//!   error) written on one line, control characters as spaces.
//!
//! ```
//! use restli_codec::excerpt::{EXCERPT_LIMIT, Excerpt, OneLine};
//!
//! let id = "urn:li:share:".repeat(20_000);
//! let quoted = Excerpt(&id).to_string();
//! assert!(quoted.len() < EXCERPT_LIMIT + 40);
//! assert!(quoted.ends_with("... (260000 bytes in all)"));
//!
//! assert_eq!(OneLine("two\nlines").to_string(), "two lines");
//! ```

use std::fmt;

/// How many bytes of an untrusted value an error message quotes (and how
/// many characters of a one-line message it shows).
///
/// ```
/// assert_eq!(restli_codec::excerpt::EXCERPT_LIMIT, 200);
/// ```
pub const EXCERPT_LIMIT: usize = 200;

/// How long a message of our own making that embeds another error's
/// message (itself bounded, but possibly composed of several excerpts) may
/// grow before it is cut (see [`bounded`]).
pub(crate) const COMPOSED_LIMIT: usize = 3 * EXCERPT_LIMIT;

/// The start of `text`, at most [`EXCERPT_LIMIT`] bytes, cut at a character
/// boundary.
///
/// ```
/// use restli_codec::excerpt::{EXCERPT_LIMIT, head};
/// assert_eq!(head("short"), "short");
/// assert_eq!(head(&"é".repeat(500)).len(), EXCERPT_LIMIT);
/// ```
pub fn head(text: &str) -> &str {
    cut(text, EXCERPT_LIMIT)
}

/// At most `limit` bytes of `text`, cut at a character boundary.
fn cut(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

/// `text` quoted for a message (see [`Excerpt`]).
pub(crate) fn quote(text: &str) -> String {
    Excerpt(text).to_string()
}

/// A message of our own making that embeds text from elsewhere (another
/// error's message, which may quote several values): whole when at most
/// [`COMPOSED_LIMIT`] bytes, else its start and `... (N bytes in all)`.
/// It is cut, not escaped again: the excerpts inside are escaped already.
pub(crate) fn bounded(message: &str) -> String {
    let shown = cut(message, COMPOSED_LIMIT);
    if shown.len() == message.len() {
        message.to_owned()
    } else {
        format!("{shown}... ({} bytes in all)", message.len())
    }
}

/// At most `limit` bytes of `bytes` as text, cut at a character boundary;
/// invalid UTF-8 is replaced by U+FFFD.
pub(crate) fn bounded_text(bytes: &[u8], limit: usize) -> String {
    let mut end = bytes.len().min(limit);
    // Back off over continuation bytes so that a multi-byte character is not
    // split (at most three steps for UTF-8).
    let mut steps = 0;
    while steps < 3 && end > 0 && bytes.get(end).is_some_and(|b| b & 0xC0 == 0x80) {
        end -= 1;
        steps += 1;
    }
    String::from_utf8_lossy(bytes.get(..end).unwrap_or(bytes)).into_owned()
}

/// Shows a value quoted and escaped like `{:?}`, cut so that the escaped
/// text stays within [`EXCERPT_LIMIT`] bytes, then `... (N bytes in all)`
/// when it was cut. `Debug` shows the same.
///
/// ```
/// use restli_codec::excerpt::Excerpt;
/// assert_eq!(Excerpt("urn:li:share:1").to_string(), "\"urn:li:share:1\"");
/// let long = "x".repeat(1000);
/// assert!(Excerpt(&long).to_string().ends_with("\"... (1000 bytes in all)"));
/// ```
pub struct Excerpt<'a>(pub &'a str);

impl fmt::Display for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        let mut written = 0;
        for c in self.0.chars() {
            // Escaping can turn one byte into up to ten (`\u{10ffff}`), so the
            // limit is on what is written, not on what is read.
            let escaped = c.escape_debug();
            let len: usize = escaped.clone().map(char::len_utf8).sum();
            if written + len > EXCERPT_LIMIT {
                return write!(f, "\"... ({} bytes in all)", self.0.len());
            }
            written += len;
            write!(f, "{escaped}")?;
        }
        f.write_str("\"")
    }
}

impl fmt::Debug for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Writes a value's `Display` on one line (control characters as spaces),
/// cut after [`EXCERPT_LIMIT`] characters, then `... (N bytes in all)`. The
/// value is formatted once and never held whole: the writer stops copying
/// at the limit but goes on counting.
///
/// ```
/// use restli_codec::excerpt::OneLine;
/// let message = "m".repeat(5_000_000);
/// let shown = OneLine(&message).to_string();
/// assert!(shown.len() < 250);
/// assert!(shown.ends_with("... (5000000 bytes in all)"));
/// ```
pub struct OneLine<'a, T: ?Sized>(pub &'a T);

impl<T: fmt::Display + ?Sized> fmt::Display for OneLine<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = Limited {
            f,
            chars: 0,
            bytes: 0,
        };
        fmt::write(&mut out, format_args!("{}", self.0))?;
        let Limited { f, chars, bytes } = out;
        if chars > EXCERPT_LIMIT {
            write!(f, "... ({bytes} bytes in all)")?;
        }
        Ok(())
    }
}

impl<T: fmt::Display + ?Sized> fmt::Debug for OneLine<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

struct Limited<'a, 'b> {
    f: &'a mut fmt::Formatter<'b>,
    chars: usize,
    bytes: usize,
}

impl fmt::Write for Limited<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for c in s.chars() {
            self.chars += 1;
            self.bytes += c.len_utf8();
            if self.chars <= EXCERPT_LIMIT {
                self.f.write_char(if c.is_control() { ' ' } else { c })?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn short_text_is_quoted_whole() {
        assert_eq!(quote("urn:li:share:1"), "\"urn:li:share:1\"");
        assert_eq!(OneLine("a\tb").to_string(), "a b");
        assert_eq!(bounded("short"), "short");
    }

    #[test]
    fn long_text_is_cut_and_measured() {
        let long = "é".repeat(100_000);
        let quoted = quote(&long);
        assert!(quoted.len() < 300, "{}", quoted.len());
        assert!(quoted.ends_with("... (200000 bytes in all)"), "{quoted}");
        let composed = bounded(&long);
        assert!(composed.len() <= COMPOSED_LIMIT + 30, "{}", composed.len());
        assert!(
            composed.ends_with("... (200000 bytes in all)"),
            "{composed}"
        );
    }

    #[test]
    fn bounded_text_cuts_at_char_boundary() {
        let text = "aé€😀".as_bytes();
        assert_eq!(bounded_text(text, 100), "aé€😀");
        assert_eq!(bounded_text(text, 1), "a");
        assert_eq!(bounded_text(text, 2), "a");
        assert_eq!(bounded_text(text, 3), "aé");
        assert_eq!(bounded_text(text, 5), "aé");
        assert_eq!(bounded_text(text, 6), "aé€");
        assert_eq!(bounded_text(text, 9), "aé€");
        assert_eq!(bounded_text(text, 10), "aé€😀");
        assert_eq!(bounded_text(b"\xff\xfe", 1), "\u{fffd}");
        assert_eq!(bounded_text(b"", 8), "");
    }

    proptest! {
        // Whatever the text, every shape stays bounded, and a text that
        // fits is shown whole.
        #[test]
        fn every_shape_is_bounded(text in any::<String>(), repeat in 1usize..200) {
            let text = text.repeat(repeat);
            let quoted = Excerpt(&text).to_string();
            prop_assert!(quoted.len() <= EXCERPT_LIMIT + 40, "{}", quoted.len());
            let line = OneLine(&text).to_string();
            prop_assert!(line.len() <= 4 * EXCERPT_LIMIT + 40, "{}", line.len());
            prop_assert!(!line.chars().any(char::is_control));
            let composed = bounded(&text);
            prop_assert!(composed.len() <= COMPOSED_LIMIT + 40);
            if text.len() <= COMPOSED_LIMIT {
                prop_assert_eq!(composed, text.clone());
            }
            prop_assert!(head(&text).len() <= EXCERPT_LIMIT);
            prop_assert!(text.starts_with(head(&text)));
        }
    }
}
