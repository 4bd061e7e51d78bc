//! Printing: JSON pretty on a terminal and compact (one line) otherwise,
//! and [`printable`] / [`excerpt`] for every string that comes from a
//! server (or a browser) before it reaches the terminal.

use std::io::{IsTerminal, Write};

use crate::error::CliError;

/// Prints one JSON value to standard output.
pub fn print_json(value: &serde_json::Value) -> Result<(), CliError> {
    let stdout = std::io::stdout();
    let text = if stdout.is_terminal() {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    }
    .map_err(|e| CliError::Sdk(format!("cannot print the response: {e}")))?;
    let mut out = stdout.lock();
    writeln!(out, "{text}").map_err(|source| CliError::Io {
        action: "write",
        path: "standard output".into(),
        source,
    })
}

/// Prints one line to standard output.
pub fn print_line(line: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}").map_err(|source| CliError::Io {
        action: "write",
        path: "standard output".into(),
        source,
    })
}

/// Prints any serializable value as one line of compact JSON (a listing's
/// element).
pub fn print_json_line<T: serde::Serialize>(value: &T) -> Result<(), CliError> {
    let line = serde_json::to_string(value)
        .map_err(|e| CliError::Sdk(format!("cannot print an element: {e}")))?;
    print_line(&line)
}

/// Prints a value as JSON (pretty on a terminal).
pub fn print_serialized<T: serde::Serialize>(value: &T) -> Result<(), CliError> {
    let value = serde_json::to_value(value)
        .map_err(|e| CliError::Sdk(format!("cannot print the response: {e}")))?;
    print_json(&value)
}

/// How many bytes of an untrusted value an error message quotes.
pub const EXCERPT_BYTES: usize = 200;

/// `text` without control characters (C0, DEL, C1: escape sequences,
/// carriage returns, newlines, bells), so that a server-supplied string
/// cannot move the cursor, recolour or rewrite what the terminal shows.
/// Unicode bidirectional overrides are dropped too, for the same reason.
pub fn printable(text: &str) -> String {
    text.chars().filter(|&c| !is_unprintable(c)).collect()
}

/// [`printable`], but keeping line breaks and tabs: for a server-supplied
/// text printed as text (a post's commentary), whose lines are its own.
/// Carriage returns, escape sequences and the other control characters
/// are still dropped.
pub fn printable_text(text: &str) -> String {
    text.chars()
        .filter(|&c| c == '\n' || c == '\t' || !is_unprintable(c))
        .collect()
}

fn is_unprintable(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// [`printable`], cut to at most [`EXCERPT_BYTES`] bytes (on a character
/// boundary); a cut value says how long the whole was.
pub fn excerpt(text: &str) -> String {
    let clean = printable(text);
    if clean.len() <= EXCERPT_BYTES {
        return clean;
    }
    let mut end = EXCERPT_BYTES;
    while !clean.is_char_boundary(end) {
        end -= 1;
    }
    format!(
        "{}... ({} bytes in all)",
        clean.get(..end).unwrap_or_default(),
        text.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escape_sequences_are_stripped() {
        assert_eq!(printable("\x1b[31mred\x1b[0m\r\nok\u{7}"), "[31mred[0mok");
        assert_eq!(printable("caf\u{e9} \u{202E}txt"), "caf\u{e9} txt");
        assert_eq!(printable("\u{9b}31m"), "31m");
    }

    #[test]
    fn text_keeps_its_lines_but_not_escapes() {
        assert_eq!(
            printable_text("one\n\ttwo\r\x1b[2Jthree\u{202E}"),
            "one\n\ttwo[2Jthree"
        );
    }

    #[test]
    fn long_values_are_cut_with_their_length() {
        let long = "\u{e9}".repeat(300);
        let cut = excerpt(&long);
        assert!(cut.ends_with("... (600 bytes in all)"), "{cut}");
        assert!(cut.len() <= EXCERPT_BYTES + 30);
        assert_eq!(excerpt("short"), "short");
    }

    proptest! {
        #[test]
        fn nothing_unprintable_survives(text in "\\PC*|[\\x00-\\x9f]*|.*") {
            prop_assert!(!printable(&text).chars().any(is_unprintable));
            let cut = excerpt(&text);
            prop_assert!(!cut.chars().any(is_unprintable));
            prop_assert!(cut.len() <= EXCERPT_BYTES + 40);
        }

        #[test]
        fn printable_text_is_kept(text in "[ -~\\u{a0}-\\u{2000}]*") {
            prop_assert_eq!(printable(&text), text);
        }
    }
}
