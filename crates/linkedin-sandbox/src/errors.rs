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
//! | missing `LinkedIn-Version` on `/rest` | 400 | none | `VERSION_MISSING` |
//! | `LinkedIn-Version` not served (sunset or unreleased) | 426 | none | `NONEXISTENT_VERSION` |
//! | malformed `LinkedIn-Version` | 400 | 400 | `INVALID_VERSION` |
//! | undecodable key, parameter, projection or body | 400 | 400 | `ILLEGAL_ARGUMENT` |
//! | token without the endpoint's scope | 403 | 100 | `ACCESS_DENIED` |
//! | daily quota spent (per app or per member) | 429 | 101 | `TOO_MANY_REQUESTS` |
//! | unknown entity or path | 404 | 404 | `NOT_FOUND` |
//! | rate limited (injected) | 429 | 101 | `TOO_MANY_REQUESTS` |
//! | injected 5xx | the status | the status | `INJECTED_FAULT` |
//!
//! 65600-65602 and 65604 are LinkedIn's own numbers for token errors, 100 its
//! permission code and 101 its throttling code; where LinkedIn's number is
//! not public the sandbox sends the HTTP status, as LinkedIn's documentation
//! sample does
//! (<https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling>).
//! LinkedIn's version errors carry no `serviceErrorCode`.
//!
//! Validation errors that concern one input (a query parameter, the
//! projection, the body) also carry LinkedIn's structured details
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/error-responses>):
//! `errorDetailType` `com.linkedin.common.error.BadRequest` and
//! `errorDetails.inputErrors[]`, each with a `description`, the `code` of
//! the problem and `input.inputPath.fieldPath`, the input's name.

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
    /// `None` for answers LinkedIn sends without one (version errors).
    pub(crate) service_error_code: Option<i64>,
    pub(crate) code: Option<&'static str>,
    /// `errorDetails.inputErrors` of a validation error.
    pub(crate) input_errors: Vec<InputError>,
}

/// One entry of `errorDetails.inputErrors`: what was wrong with which input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InputError {
    /// The problem, as a symbolic code (`INVALID_VALUE`, ...).
    pub(crate) code: &'static str,
    /// The input: a query parameter's name, `fields`, or `/` for the body
    /// as a whole (a JSON pointer inside the body otherwise).
    pub(crate) field_path: String,
    pub(crate) description: String,
}

/// The `errorDetailType` of a validation error with `errorDetails`.
pub(crate) const BAD_REQUEST_DETAIL_TYPE: &str = "com.linkedin.common.error.BadRequest";

impl ApiError {
    /// An error whose `serviceErrorCode` is its status.
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            service_error_code: Some(i64::from(status.as_u16())),
            code: Some(code),
            input_errors: Vec::new(),
        }
    }

    pub(crate) fn with_service_code(mut self, service_error_code: i64) -> Self {
        self.service_error_code = Some(service_error_code);
        self
    }

    /// Leaves `serviceErrorCode` out, as LinkedIn's version errors do.
    pub(crate) fn without_service_code(mut self) -> Self {
        self.service_error_code = None;
        self
    }

    /// 400 `ILLEGAL_ARGUMENT` about one input, with LinkedIn's
    /// `errorDetails`: `field_path` names the input (see [`InputError`]).
    pub(crate) fn invalid_input(
        code: &'static str,
        field_path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        let message = message.into();
        let mut error = ApiError::bad_request(message.clone());
        error.input_errors.push(InputError {
            code,
            field_path: field_path.into(),
            description: message,
        });
        error
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
        if let Some(service_error_code) = self.service_error_code {
            body.insert("serviceErrorCode".into(), json!(service_error_code));
        }
        if let Some(code) = self.code {
            body.insert("code".into(), json!(code));
        }
        body.insert("message".into(), json!(self.message));
        if !self.input_errors.is_empty() {
            let input_errors: Vec<Value> = self
                .input_errors
                .iter()
                .map(|e| {
                    json!({
                        "code": e.code,
                        "description": e.description,
                        "input": {"inputPath": {"fieldPath": e.field_path}},
                    })
                })
                .collect();
            body.insert("errorDetailType".into(), json!(BAD_REQUEST_DETAIL_TYPE));
            body.insert(
                "errorDetails".into(),
                json!({ "inputErrors": input_errors }),
            );
        }
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
/// cut, for error messages: the codec's one excerpt rule.
pub(crate) fn excerpt(text: &str) -> String {
    restli_codec::excerpt::Excerpt(text).to_string()
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

    #[test]
    fn validation_errors_carry_error_details_and_version_errors_no_code() {
        let error = ApiError::invalid_input("INVALID_VALUE", "count", "count must be a number");
        assert_eq!(
            error.body(),
            json!({
                "status": 400, "serviceErrorCode": 400, "code": "ILLEGAL_ARGUMENT",
                "message": "count must be a number",
                "errorDetailType": "com.linkedin.common.error.BadRequest",
                "errorDetails": {"inputErrors": [{
                    "code": "INVALID_VALUE",
                    "description": "count must be a number",
                    "input": {"inputPath": {"fieldPath": "count"}}
                }]}
            })
        );
        let version = ApiError::new(StatusCode::UPGRADE_REQUIRED, "NONEXISTENT_VERSION", "x")
            .without_service_code();
        assert!(version.body().get("serviceErrorCode").is_none());
    }
}
