//! Reading JSON answers of the OAuth endpoints without ever quoting a secret.
//!
//! Error statuses become [`ResponseError::OAuth`] (when the body carries
//! `error`) or [`ResponseError::Http`] with a bounded excerpt. Success bodies
//! are read field by field with our own messages: serde_json's messages can
//! quote values, and a success body holds tokens.

use std::time::{Duration, SystemTime};

use http::StatusCode;
use serde_json::{Map, Value};

use crate::error::ResponseError;

/// Longest body excerpt kept in [`ResponseError::Http`], in bytes.
const EXCERPT_BYTES: usize = 256;

/// Most digits read from a numeric string: `u64::MAX` has 20, so anything
/// longer overflows; the bound also keeps a hostile string from being walked.
const MAX_SECONDS_DIGITS: usize = 20;

/// What a duration field must be, as [`ResponseError::InvalidField`] says it.
const SECONDS: &str =
    "a non-negative whole number of seconds (a JSON number or a string of digits)";

/// A successful response's JSON object.
pub(crate) struct JsonBody {
    status: StatusCode,
    fields: Map<String, Value>,
}

impl JsonBody {
    /// Checks the status and reads the body as a JSON object.
    pub(crate) fn parse<B: AsRef<[u8]>>(
        response: &http::Response<B>,
    ) -> Result<Self, ResponseError> {
        let status = response.status();
        let bytes = response.body().as_ref();
        let parsed = serde_json::from_slice::<Value>(bytes);

        if !status.is_success() {
            if let Ok(Value::Object(fields)) = &parsed
                && let Some(error) = oauth_error(status, fields)
            {
                return Err(error);
            }
            return Err(ResponseError::Http {
                status,
                excerpt: excerpt(bytes),
            });
        }

        match parsed {
            Ok(Value::Object(fields)) => {
                // Some servers answer OAuth errors with 200; a token answer has no `error`.
                if let Some(error) = oauth_error(status, &fields) {
                    return Err(error);
                }
                Ok(JsonBody { status, fields })
            }
            Ok(_) => Err(ResponseError::InvalidField {
                status,
                field: "(body)",
                expected: "a JSON object",
            }),
            Err(e) => Err(ResponseError::NotJson {
                status,
                line: e.line(),
                column: e.column(),
            }),
        }
    }

    /// An [`ResponseError::InvalidField`] for this response.
    pub(crate) fn invalid(&self, field: &'static str, expected: &'static str) -> ResponseError {
        ResponseError::InvalidField {
            status: self.status,
            field,
            expected,
        }
    }

    fn missing(&self, field: &'static str) -> ResponseError {
        ResponseError::MissingField {
            status: self.status,
            field,
        }
    }

    /// The field, treating `null` as absent.
    fn get(&self, field: &str) -> Option<&Value> {
        self.fields.get(field).filter(|v| !v.is_null())
    }

    pub(crate) fn optional_str(
        &self,
        field: &'static str,
    ) -> Result<Option<String>, ResponseError> {
        match self.get(field) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(self.invalid(field, "a string")),
        }
    }

    pub(crate) fn required_str(&self, field: &'static str) -> Result<String, ResponseError> {
        self.optional_str(field)?.ok_or_else(|| self.missing(field))
    }

    pub(crate) fn optional_u64(&self, field: &'static str) -> Result<Option<u64>, ResponseError> {
        match self.get(field) {
            None => Ok(None),
            Some(value) => value
                .as_u64()
                .map(Some)
                .ok_or_else(|| self.invalid(field, "a non-negative integer")),
        }
    }

    /// A number of seconds written as a JSON number (`1800`) or as a string
    /// of ASCII digits (`"1800"`, as LinkedIn's client-credentials sample
    /// shows it). Negative, fractional, signed, padded or overflowing values
    /// are an [`ResponseError::InvalidField`], never a panic.
    pub(crate) fn optional_seconds(
        &self,
        field: &'static str,
    ) -> Result<Option<u64>, ResponseError> {
        match self.get(field) {
            None => Ok(None),
            Some(Value::String(text)) => parse_seconds(text)
                .map(Some)
                .ok_or_else(|| self.invalid(field, SECONDS)),
            Some(value) => value
                .as_u64()
                .map(Some)
                .ok_or_else(|| self.invalid(field, SECONDS)),
        }
    }

    pub(crate) fn required_seconds(&self, field: &'static str) -> Result<u64, ResponseError> {
        self.optional_seconds(field)?
            .ok_or_else(|| self.missing(field))
    }

    pub(crate) fn required_bool(&self, field: &'static str) -> Result<bool, ResponseError> {
        match self.get(field) {
            None => Err(self.missing(field)),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(self.invalid(field, "a boolean")),
        }
    }

    /// `now + secs`, or an error naming `field` if that leaves the clock's range.
    pub(crate) fn after(
        &self,
        now: SystemTime,
        field: &'static str,
        secs: u64,
    ) -> Result<SystemTime, ResponseError> {
        now.checked_add(Duration::from_secs(secs))
            .ok_or_else(|| self.invalid(field, "a number of seconds within the clock's range"))
    }

    /// An optional unix time in seconds.
    pub(crate) fn optional_unix_time(
        &self,
        field: &'static str,
    ) -> Result<Option<SystemTime>, ResponseError> {
        match self.optional_u64(field)? {
            None => Ok(None),
            Some(secs) => self.after(SystemTime::UNIX_EPOCH, field, secs).map(Some),
        }
    }
}

/// `"1800"` as 1800: 1 to [`MAX_SECONDS_DIGITS`] ASCII digits, no sign, no
/// spaces; `None` otherwise or on overflow.
pub(crate) fn parse_seconds(text: &str) -> Option<u64> {
    if text.is_empty()
        || text.len() > MAX_SECONDS_DIGITS
        || !text.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    text.bytes().try_fold(0u64, |total, digit| {
        total.checked_mul(10)?.checked_add(u64::from(digit - b'0'))
    })
}

/// LinkedIn's OAuth error body: `{"error": "...", "error_description": "..."}`.
fn oauth_error(status: StatusCode, fields: &Map<String, Value>) -> Option<ResponseError> {
    let error = fields.get("error")?.as_str()?;
    let description = fields
        .get("error_description")
        .and_then(Value::as_str)
        .map(str::to_owned);
    Some(ResponseError::OAuth {
        status,
        error: error.to_owned(),
        description,
    })
}

/// At most [`EXCERPT_BYTES`] of the body, lossily decoded, trimmed.
fn excerpt(body: &[u8]) -> String {
    let cut = &body[..body.len().min(EXCERPT_BYTES)];
    let text = String::from_utf8_lossy(cut);
    let mut excerpt = text.trim().to_owned();
    if body.len() > EXCERPT_BYTES {
        excerpt.push_str("...");
    }
    excerpt
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, body: &[u8]) -> http::Response<Vec<u8>> {
        http::Response::builder()
            .status(status)
            .body(body.to_vec())
            .unwrap()
    }

    #[test]
    fn oauth_error_bodies() {
        let err = JsonBody::parse(&response(
            400,
            br#"{"error":"invalid_redirect_uri","error_description":"Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code."}"#,
        ))
        .err()
        .unwrap();
        assert_eq!(err.oauth_error(), Some("invalid_redirect_uri"));
        assert_eq!(err.status(), 400);
        assert!(
            err.to_string()
                .contains("does not match authorization code")
        );
    }

    #[test]
    fn oauth_error_with_success_status() {
        let err = JsonBody::parse(&response(200, br#"{"error":"server_error"}"#))
            .err()
            .unwrap();
        assert_eq!(err.oauth_error(), Some("server_error"));
    }

    #[test]
    fn non_oauth_error_bodies_are_excerpted() {
        let long = vec![b'x'; 1000];
        match JsonBody::parse(&response(503, &long)).err().unwrap() {
            ResponseError::Http { status, excerpt } => {
                assert_eq!(status, 503);
                assert_eq!(excerpt.len(), EXCERPT_BYTES + 3);
            }
            other => panic!("{other:?}"),
        }
        match JsonBody::parse(&response(
            401,
            br#"{"serviceErrorCode":65600,"message":"Invalid access token","status":401}"#,
        ))
        .err()
        .unwrap()
        {
            ResponseError::Http { excerpt, .. } => {
                assert!(excerpt.contains("Invalid access token"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn excerpt_survives_cut_utf8() {
        let mut body = vec![b'a'; EXCERPT_BYTES - 1];
        body.extend("é and more".as_bytes());
        let text = excerpt(&body);
        assert!(text.ends_with("\u{fffd}..."));
    }
}
