//! Printing JSON: pretty on a terminal, compact (one line) otherwise.

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
