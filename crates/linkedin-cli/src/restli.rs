//! `linkedin restli encode|decode`: one value per line, for scripts.

use std::io::{BufRead, Write};

use crate::error::CliError;

/// Encodes each JSON line of `input` to one Rest.li-encoded line of `output`.
pub fn encode(input: impl BufRead, mut output: impl Write, reduced: bool) -> Result<(), CliError> {
    for_each_line(input, |number, line| {
        let value: serde_json::Value = serde_json::from_str(line).map_err(|e| {
            CliError::usage(
                format!("line {number}: not valid JSON ({e})"),
                "give one JSON value per line",
            )
        })?;
        let encoded = if reduced {
            linkedin::restli::to_string_reduced(&value)
        } else {
            linkedin::restli::to_string(&value)
        }
        .map_err(|e| {
            CliError::usage(
                format!("line {number}: cannot encode ({e})"),
                "Rest.li has no encoding for null; leave null fields out",
            )
        })?;
        writeln!(output, "{encoded}").map_err(write_error)
    })
}

/// Decodes each Rest.li-encoded line of `input` to one compact JSON line.
pub fn decode(input: impl BufRead, mut output: impl Write, reduced: bool) -> Result<(), CliError> {
    for_each_line(input, |number, line| {
        let value: serde_json::Value = if reduced {
            linkedin::restli::from_str_reduced(line)
        } else {
            linkedin::restli::from_str(line)
        }
        .map_err(|e| {
            CliError::usage(
                format!("line {number}: cannot decode ({e})"),
                "give one Rest.li-encoded value per line",
            )
        })?;
        writeln!(output, "{value}").map_err(write_error)
    })
}

fn for_each_line(
    input: impl BufRead,
    mut each: impl FnMut(usize, &str) -> Result<(), CliError>,
) -> Result<(), CliError> {
    for (index, line) in input.lines().enumerate() {
        let line = line.map_err(|source| CliError::Io {
            action: "read",
            path: "standard input".into(),
            source,
        })?;
        let line = line.strip_suffix('\r').unwrap_or(&line);
        each(index + 1, line)?;
    }
    Ok(())
}

fn write_error(source: std::io::Error) -> CliError {
    CliError::Io {
        action: "write",
        path: "standard output".into(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_lines() {
        let mut encoded = Vec::new();
        encode(&b"{\"a\":[1,\"x y\"]}\n\"\"\n"[..], &mut encoded, false).unwrap();
        assert_eq!(String::from_utf8_lossy(&encoded), "(a:List(1,x%20y))\n''\n");
        let mut decoded = Vec::new();
        decode(&encoded[..], &mut decoded, false).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&decoded),
            "{\"a\":[\"1\",\"x y\"]}\n\"\"\n"
        );
    }

    #[test]
    fn errors_name_the_line() {
        let err = decode(&b"ok\n(a:\n"[..], Vec::new(), false).unwrap_err();
        assert!(
            err.to_string().starts_with("line 2: cannot decode"),
            "{err}"
        );
    }
}
