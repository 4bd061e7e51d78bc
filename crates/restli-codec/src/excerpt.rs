//! Bounded quotes of untrusted text for error messages.
//!
//! An error that quoted a whole URL, header or body would grow with its
//! input (a 200 KB `x-restli-id` made a 400 KB message) and could carry
//! more than its reader needs; every message quotes at most
//! [`EXCERPT_BYTES`] bytes and says how long the whole value was.

use std::fmt;

/// How many bytes of an untrusted value an error message quotes.
pub(crate) const EXCERPT_BYTES: usize = 200;

/// The start of `text`, at most [`EXCERPT_BYTES`] bytes, cut at a character
/// boundary.
pub(crate) fn head(text: &str) -> &str {
    if text.len() <= EXCERPT_BYTES {
        return text;
    }
    let mut end = EXCERPT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

/// `text` quoted for a message: the whole of it (Debug-quoted) when short,
/// else its start followed by `... (N bytes)`.
pub(crate) fn quote(text: &str) -> String {
    Excerpt(text).to_string()
}

/// A message of our own making that embeds text from elsewhere (another
/// error's message, which may quote a whole value): at most
/// [`MESSAGE_BYTES`] bytes of it, then `... (N bytes)`.
pub(crate) fn bounded(message: &str) -> String {
    if message.len() <= MESSAGE_BYTES {
        return message.to_owned();
    }
    let mut end = MESSAGE_BYTES;
    while !message.is_char_boundary(end) {
        end -= 1;
    }
    format!(
        "{}... ({} bytes)",
        message.get(..end).unwrap_or_default(),
        message.len()
    )
}

/// How long a composed message (see [`bounded`]) may grow.
pub(crate) const MESSAGE_BYTES: usize = 600;

/// Displays a bounded, quoted excerpt of a value (see [`quote`]).
pub(crate) struct Excerpt<'a>(pub(crate) &'a str);

impl fmt::Display for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let head = head(self.0);
        if head.len() == self.0.len() {
            write!(f, "{head:?}")
        } else {
            write!(f, "{head:?}... ({} bytes)", self.0.len())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_quoted_whole() {
        assert_eq!(quote("urn:li:share:1"), "\"urn:li:share:1\"");
    }

    #[test]
    fn long_text_is_cut_and_measured() {
        let long = "é".repeat(100_000);
        let quoted = quote(&long);
        assert!(quoted.len() < 300, "{}", quoted.len());
        assert!(quoted.ends_with("... (200000 bytes)"), "{quoted}");
    }
}
