//! LinkedIn-shaped error answers.
//!
//! API errors carry `status`, `message`, `serviceErrorCode` and, where a
//! symbolic name helps, `code`, with `X-RestLi-Error-Response: true`:
//!
//! | situation | status | `serviceErrorCode` | `code` |
//! |---|---|---|---|
//! | no bearer token | 401 | 65604 | `EMPTY_ACCESS_TOKEN` |
//! | unknown token | 401 | 65600 | `INVALID_ACCESS_TOKEN` |
//! | revoked token | 401 | 65601 | `REVOKED_ACCESS_TOKEN` |
//! | expired token | 401 | 65602 | `EXPIRED_ACCESS_TOKEN` |
//! | `Authorization` without `Bearer` | 401 | 401 | `UNKNOWN_AUTHENTICATION_SCHEME` |
//! | missing/wrong `X-RestLi-Protocol-Version` | 400 | 400 | `INVALID_PROTOCOL_VERSION` |
//! | missing `LinkedIn-Version` on `/rest` | 400 | 400 | `VERSION_MISSING` |
//! | malformed `LinkedIn-Version` | 400 | 400 | `INVALID_VERSION` |
//! | undecodable key, parameter or body | 400 | 400 | `ILLEGAL_ARGUMENT` |
//! | unknown entity or path | 404 | 404 | `NOT_FOUND` |
//! | rate limited (injected) | 429 | 101 | `TOO_MANY_REQUESTS` |
//! | injected 5xx | the status | the status | `INJECTED_FAULT` |
//!
//! 65600-65602 and 65604 are LinkedIn's own numbers for token errors, and 101 its
//! throttling code; where LinkedIn's number is not public the sandbox sends
//! the HTTP status, as LinkedIn's documentation sample does.

use axum::Json;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode};
use restli_codec::header;
use serde_json::{Map, Value, json};

/// An API error, turned into a LinkedIn-shaped JSON answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) message: String,
    pub(crate) service_error_code: i64,
    pub(crate) code: Option<&'static str>,
}

impl ApiError {
    /// An error whose `serviceErrorCode` is its status.
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            service_error_code: i64::from(status.as_u16()),
            code: Some(code),
        }
    }

    pub(crate) fn with_service_code(mut self, service_error_code: i64) -> Self {
        self.service_error_code = service_error_code;
        self
    }

    /// 400 `ILLEGAL_ARGUMENT`.
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "ILLEGAL_ARGUMENT", message)
    }

    /// 404 `NOT_FOUND`.
    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "NOT_FOUND", message)
    }

    /// The JSON body (also used for per-key errors inside batch answers).
    pub(crate) fn body(&self) -> Value {
        let mut body = Map::new();
        body.insert("status".into(), json!(self.status.as_u16()));
        body.insert("serviceErrorCode".into(), json!(self.service_error_code));
        if let Some(code) = self.code {
            body.insert("code".into(), json!(code));
        }
        body.insert("message".into(), json!(self.message));
        Value::Object(body)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body())).into_response();
        response
            .headers_mut()
            .insert(header::ERROR_RESPONSE, HeaderValue::from_static("true"));
        response
    }
}

/// At most ~200 bytes of an untrusted value (quoted), with its length when
/// cut, for error messages.
pub(crate) fn excerpt(text: &str) -> String {
    const MAX: usize = 200;
    if text.len() <= MAX {
        return format!("{text:?}");
    }
    let mut end = MAX;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!(
        "{:?}... ({} bytes)",
        text.get(..end).unwrap_or_default(),
        text.len()
    )
}

/// A per-key error inside a batch answer: `{"status", "message"}`.
pub(crate) fn item_error(status: StatusCode, message: impl Into<String>) -> Value {
    json!({"status": status.as_u16(), "message": message.into()})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_and_header() {
        let error = ApiError::new(
            StatusCode::UNAUTHORIZED,
            "INVALID_ACCESS_TOKEN",
            "Invalid access token",
        )
        .with_service_code(65600);
        assert_eq!(
            error.body(),
            json!({"status": 401, "serviceErrorCode": 65600, "code": "INVALID_ACCESS_TOKEN", "message": "Invalid access token"})
        );
        let response = error.into_response();
        assert_eq!(response.status(), 401);
        assert_eq!(response.headers()["x-restli-error-response"], "true");
    }
}
