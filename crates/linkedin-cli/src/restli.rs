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
///
/// Rest.li carries every primitive as text, so without `typed` numbers and
/// booleans come back as strings; with it, a string that is exactly a JSON
/// number or `true`/`false` is read back as one.
pub fn decode(
    input: impl BufRead,
    mut output: impl Write,
    reduced: bool,
    typed: bool,
) -> Result<(), CliError> {
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
        let value = if typed { retype(value) } else { value };
        writeln!(output, "{value}").map_err(write_error)
    })
}

/// Reads numbers and booleans back out of the strings Rest.li carried
/// them in, where the whole string parses as one; anything else stays a
/// string. Iterative, so a deeply nested value cannot exhaust the stack
/// (the decoder bounds the depth anyway).
fn retype(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    fn primitive(text: &str) -> Option<Value> {
        match text {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => match serde_json::from_str::<Value>(text) {
                // Only a number written as JSON writes it (no "01", "+1",
                // " 1"), so that the typed value encodes back the same.
                Ok(Value::Number(n)) if n.to_string() == text => Some(Value::Number(n)),
                _ => None,
            },
        }
    }
    let mut root = value;
    let mut stack: Vec<&mut Value> = vec![&mut root];
    while let Some(node) = stack.pop() {
        match node {
            Value::String(text) => {
                if let Some(typed) = primitive(text) {
                    *node = typed;
                }
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            Value::Object(map) => stack.extend(map.values_mut()),
            _ => {}
        }
    }
    root
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
        decode(&encoded[..], &mut decoded, false, false).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&decoded),
            "{\"a\":[\"1\",\"x y\"]}\n\"\"\n"
        );
    }

    #[test]
    fn typed_reads_numbers_and_booleans_back() {
        let mut decoded = Vec::new();
        decode(
            &b"(a:1,b:true,c:List(2.5,x,01,-3),d:false0)\n"[..],
            &mut decoded,
            false,
            true,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&decoded),
            "{\"a\":1,\"b\":true,\"c\":[2.5,\"x\",\"01\",-3],\"d\":\"false0\"}\n"
        );
    }

    use proptest::prelude::*;

    proptest! {
        /// Typed decoding keeps the encoding: a typed value encodes to
        /// the line it was decoded from.
        #[test]
        fn typed_values_encode_back_the_same(value in proptest::collection::btree_map(
            "[a-z]{1,5}",
            prop_oneof![
                proptest::num::i64::ANY.prop_map(serde_json::Value::from),
                proptest::bool::ANY.prop_map(serde_json::Value::from),
                "[a-z0-9 ]{0,8}".prop_map(serde_json::Value::from),
            ],
            0..6,
        )) {
            let value = serde_json::Value::Object(value.into_iter().collect());
            let line = linkedin::restli::to_string(&value).unwrap();
            let back: serde_json::Value = linkedin::restli::from_str(&line).unwrap();
            let typed = retype(back);
            prop_assert_eq!(linkedin::restli::to_string(&typed).unwrap(), line);
        }
    }

    #[test]
    fn errors_name_the_line() {
        let err = decode(&b"ok\n(a:\n"[..], Vec::new(), false, false).unwrap_err();
        assert!(
            err.to_string().starts_with("line 2: cannot decode"),
            "{err}"
        );
    }
}
