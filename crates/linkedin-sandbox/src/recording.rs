//! One recorded exchange, as one readable JSON file, and the bounds on
//! recordings.
//!
//! ```json
//! {
//!   "linkedinSandboxRecording": 1,
//!   "request": {
//!     "method": "GET",
//!     "path": "/rest/adAccounts/500001",
//!     "query": "fields=id,name",
//!     "headers": {"authorization": "Bearer REDACTED", "linkedin-version": "202406"}
//!   },
//!   "response": {
//!     "status": 200,
//!     "headers": {"content-type": "application/json"},
//!     "body": {"id": 500001, "name": "Sandbox Ads"}
//!   }
//! }
//! ```
//!
//! A body is `body` (JSON, when it parses as JSON), `bodyText` (other
//! UTF-8) or `bodyBase64` (anything else), or absent when empty. Repeated
//! headers are joined with `, `. Files are named
//! `{sequence:06}-{METHOD}-{path words}.json`, so a directory listing reads
//! in the order the requests arrived, and replay keeps that order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The largest request or response body recorded or replayed: 8 MiB.
pub const MAX_BODY_SIZE: usize = 8 * 1024 * 1024;

/// The largest recording file replay reads: 24 MiB (a body of
/// [`MAX_BODY_SIZE`] in base64 both ways, plus headers).
pub const MAX_RECORDING_FILE_SIZE: u64 = 24 * 1024 * 1024;

/// The most recordings one directory holds: a recorder stops recording (and
/// forwarding) there, and replay refuses a directory with more.
pub const MAX_RECORDINGS: usize = 10_000;

/// The most bytes of recordings replay loads from one directory: 512 MiB.
pub(crate) const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;

/// The version written in every file (`linkedinSandboxRecording`).
pub(crate) const FORMAT: u32 = 1;

/// A whole file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct Recording {
    pub(crate) linkedin_sandbox_recording: u32,
    pub(crate) request: RecordedRequest,
    pub(crate) response: RecordedResponse,
}

/// The request half (serde cannot refuse unknown fields next to a
/// flattened body, so unknown fields here are ignored).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RecordedRequest {
    pub(crate) method: String,
    pub(crate) path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) query: Option<String>,
    #[serde(default)]
    pub(crate) headers: BTreeMap<String, String>,
    #[serde(flatten)]
    pub(crate) body: RecordedBody,
}

/// The response half.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RecordedResponse {
    pub(crate) status: u16,
    #[serde(default)]
    pub(crate) headers: BTreeMap<String, String>,
    #[serde(flatten)]
    pub(crate) body: RecordedBody,
}

/// A body in its most readable faithful form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RecordedBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) body: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) body_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) body_base64: Option<String>,
}

impl RecordedBody {
    /// JSON when it parses (and is not `null`, which `body` cannot hold),
    /// else text, else base64.
    pub(crate) fn from_bytes(bytes: &[u8]) -> RecordedBody {
        if bytes.is_empty() {
            return RecordedBody::default();
        }
        match serde_json::from_slice::<Value>(bytes) {
            Ok(value) if !value.is_null() => RecordedBody {
                body: Some(value),
                ..RecordedBody::default()
            },
            _ => match std::str::from_utf8(bytes) {
                Ok(text) => RecordedBody {
                    body_text: Some(text.to_owned()),
                    ..RecordedBody::default()
                },
                Err(_) => RecordedBody {
                    body_base64: Some(STANDARD.encode(bytes)),
                    ..RecordedBody::default()
                },
            },
        }
    }

    /// The bytes to send again.
    pub(crate) fn to_bytes(&self) -> Result<Vec<u8>, String> {
        match (&self.body, &self.body_text, &self.body_base64) {
            (None, None, None) => Ok(Vec::new()),
            (Some(value), None, None) => serde_json::to_vec(value).map_err(|e| e.to_string()),
            (None, Some(text), None) => Ok(text.clone().into_bytes()),
            (None, None, Some(encoded)) => STANDARD
                .decode(encoded)
                .map_err(|e| format!("bodyBase64 is not base64: {e}")),
            _ => Err("a message has more than one of body, bodyText and bodyBase64".to_owned()),
        }
    }
}

/// `{sequence:06}-{METHOD}-{path words}.json`, the words being the path's
/// letters, digits, `-` and `_` (other characters become `_`), at most 60
/// of them.
pub(crate) fn file_name(sequence: u64, method: &str, path: &str) -> String {
    let mut words: String = path
        .trim_matches('/')
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    if words.is_empty() {
        words.push_str("root");
    }
    let method: String = method
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(16)
        .collect();
    format!("{sequence:06}-{method}-{words}.json")
}

/// The sequence number a file name starts with, if it is a recording's.
pub(crate) fn sequence_of(name: &str) -> Option<u64> {
    let digits = name.split('-').next()?;
    if !name.ends_with(".json") || digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    digits.parse().ok()
}

/// The recording files of `dir` (sorted by name, so in recording order)
/// with their sizes; at most [`MAX_RECORDINGS`].
pub(crate) fn list(dir: &Path) -> std::io::Result<Vec<(PathBuf, u64)>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if sequence_of(name).is_none() {
            continue;
        }
        let metadata = entry.metadata()?;
        if !metadata.is_file() {
            continue;
        }
        if files.len() >= MAX_RECORDINGS {
            return Err(std::io::Error::other(format!(
                "{} holds more than {MAX_RECORDINGS} recordings",
                dir.display()
            )));
        }
        files.push((entry.path(), metadata.len()));
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn names_sort_in_order_and_say_what_they_hold() {
        assert_eq!(
            file_name(7, "GET", "/rest/adAccounts/(id:1)"),
            "000007-GET-rest_adAccounts__id_1_.json"
        );
        assert_eq!(file_name(1, "POST", "/"), "000001-POST-root.json");
        assert!(file_name(9, "GET", "/a") < file_name(10, "GET", "/a"));
        assert_eq!(sequence_of("000012-GET-x.json"), Some(12));
        assert_eq!(sequence_of("notes.json"), None);
        assert_eq!(sequence_of("000012-GET-x.json.tmp"), None);
        assert!(file_name(1, "GET", &"x".repeat(500)).len() < 100);
    }

    #[test]
    fn the_format_reads_as_documented() {
        let text = r#"{
          "linkedinSandboxRecording": 1,
          "request": {"method": "GET", "path": "/v2/me", "headers": {"x-restli-protocol-version": "2.0.0"}},
          "response": {"status": 200, "headers": {"content-type": "application/json"}, "body": {"id": "abc"}}
        }"#;
        let recording: Recording = serde_json::from_str(text).unwrap();
        assert_eq!(recording.request.query, None);
        assert_eq!(recording.response.body.body, Some(json!({"id": "abc"})));
        let written = serde_json::to_value(&recording).unwrap();
        assert_eq!(written["request"].get("body"), None);
        assert!(
            serde_json::from_str::<Recording>(&text.replace("\"status\"", "\"statuz\"")).is_err()
        );
    }

    #[test]
    fn two_bodies_are_refused() {
        let body = RecordedBody {
            body: Some(json!(1)),
            body_text: Some("1".into()),
            body_base64: None,
        };
        assert!(body.to_bytes().is_err());
    }

    proptest! {
        /// Every body comes back as the same bytes, or (JSON) the same value.
        #[test]
        fn bodies_round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let recorded = RecordedBody::from_bytes(&bytes);
            let again = recorded.to_bytes().unwrap();
            match &recorded.body {
                Some(value) => prop_assert_eq!(&serde_json::from_slice::<Value>(&again).unwrap(), value),
                None => prop_assert_eq!(again, bytes),
            }
            let through_file: RecordedBody =
                serde_json::from_value(serde_json::to_value(&recorded).unwrap()).unwrap();
            prop_assert_eq!(through_file, recorded);
        }

        #[test]
        fn text_bodies_round_trip(text in "\\PC{0,80}") {
            let recorded = RecordedBody::from_bytes(text.as_bytes());
            if recorded.body.is_none() {
                prop_assert_eq!(recorded.to_bytes().unwrap(), text.into_bytes());
            }
        }
    }
}
