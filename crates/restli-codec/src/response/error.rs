//! Errors from parsing responses: [`ApiError`] for non-2xx answers,
//! [`ResponseError`] for everything a parser can report, and
//! [`ApiErrorBody`] for the error bodies LinkedIn and Rest.li send (whole or
//! per key inside batch responses).

use std::fmt;
use std::time::SystemTime;

use http::StatusCode;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use super::meta::{ResponseMeta, header_str};
use crate::excerpt::{OneLine, bounded_text};
use crate::retry::{RateLimit, retry_after};

/// How much of an error body [`ApiError::raw_body`] keeps.
pub const RAW_BODY_LIMIT: usize = 8 * 1024;

/// The fields of a Rest.li / LinkedIn error body.
///
/// Read leniently: any JSON decodes (unknown fields are ignored, fields of
/// the wrong type are left out, a bare string becomes the message), and the
/// OAuth spelling `{"error": .., "error_description": ..}` fills `code` and
/// `message` when those are absent. Stack traces are not kept.
///
/// ```
/// use linkedin::restli::response::ApiErrorBody;
///
/// let body: ApiErrorBody = serde_json::from_str(
///     r#"{"status": 403, "serviceErrorCode": 100, "code": "ACCESS_DENIED",
///         "message": "Not enough permissions to access: GET /me"}"#,
/// )?;
/// assert_eq!(body.status, Some(403));
/// assert_eq!(body.service_error_code, Some(100));
/// assert_eq!(body.code.as_deref(), Some("ACCESS_DENIED"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct ApiErrorBody {
    /// `status`: the HTTP status the server meant.
    pub status: Option<u16>,
    /// `serviceErrorCode`: LinkedIn's numeric error code.
    pub service_error_code: Option<i64>,
    /// `code`: a symbolic error code such as `ACCESS_DENIED`.
    pub code: Option<String>,
    /// `message`: what went wrong, in words.
    pub message: Option<String>,
    /// `errorDetails`: structured details (input errors, ...), as sent.
    pub error_details: Option<Value>,
    /// `errorDetailType`: the schema name of `errorDetails`.
    pub error_detail_type: Option<String>,
    /// `exceptionClass`: the server-side exception (Rest.li servers).
    pub exception_class: Option<String>,
}

impl ApiErrorBody {
    /// Reads the known fields out of any JSON value.
    ///
    /// ```
    /// use linkedin::restli::response::ApiErrorBody;
    /// let body = ApiErrorBody::from_value(serde_json::json!({"serviceErrorCode": "65600"}));
    /// assert_eq!(body.service_error_code, Some(65600));
    /// let body = ApiErrorBody::from_value(serde_json::json!("gateway timeout"));
    /// assert_eq!(body.message.as_deref(), Some("gateway timeout"));
    /// ```
    pub fn from_value(value: Value) -> Self {
        match value {
            Value::Object(map) => Self::from_object(map),
            Value::String(message) => ApiErrorBody {
                message: Some(message),
                ..ApiErrorBody::default()
            },
            _ => ApiErrorBody::default(),
        }
    }

    fn from_object(mut map: Map<String, Value>) -> Self {
        let mut take_string = |key: &str| match map.remove(key) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        };
        let code = take_string("code");
        let message = take_string("message");
        let error_detail_type = take_string("errorDetailType");
        let exception_class = take_string("exceptionClass");
        let oauth_error = take_string("error");
        let oauth_description = take_string("error_description");
        ApiErrorBody {
            status: map
                .get("status")
                .and_then(as_i64)
                .and_then(|s| u16::try_from(s).ok()),
            service_error_code: map.get("serviceErrorCode").and_then(as_i64),
            code: code.or(oauth_error),
            message: message.or(oauth_description),
            error_details: map.remove("errorDetails").filter(|v| !v.is_null()),
            error_detail_type,
            exception_class,
        }
    }
}

/// A JSON integer, or a string holding one.
fn as_i64(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

impl<'de> Deserialize<'de> for ApiErrorBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(ApiErrorBody::from_value)
    }
}

/// A non-2xx answer: the status, what the error body said, the request id,
/// and the start of the raw body for anything unrecognised.
///
/// `Display` is one line: status, `serviceErrorCode`, `code`, message (or
/// the start of the body when there is no message). No request header is
/// ever copied in, so a bearer token cannot leak through an error.
///
/// ```
/// use linkedin::restli::response::ApiError;
///
/// let response = http::Response::builder()
///     .status(401)
///     .header("X-RestLi-Error-Response", "true")
///     .header("x-li-uuid", "AAYbSe9x")
///     .body(br#"{"serviceErrorCode":65600,"message":"Invalid access token","status":401}"#.to_vec())?;
/// let err = ApiError::from_http(response, "https://api.linkedin.com/v2/me");
/// assert_eq!(err.status(), 401);
/// assert_eq!(err.service_error_code(), Some(65600));
/// assert_eq!(err.message(), Some("Invalid access token"));
/// assert_eq!(err.request_id(), Some("AAYbSe9x"));
/// assert!(err.is_restli_error_response());
/// assert_eq!(
///     err.to_string(),
///     "HTTP 401 Unauthorized, serviceErrorCode 65600: Invalid access token"
/// );
/// # Ok::<(), http::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    inner: Box<Inner>,
}

#[derive(Debug, Clone, PartialEq)]
struct Inner {
    meta: ResponseMeta,
    body: ApiErrorBody,
    restli_error_response: bool,
    raw_body: String,
    /// When the response arrived, if the transport said so.
    received_at: Option<SystemTime>,
}

impl ApiError {
    /// Reads the error out of a response, whatever its status (normally a
    /// non-2xx one; the typed parsers call this for you).
    ///
    /// ```
    /// use linkedin::restli::response::ApiError;
    /// let response = http::Response::builder()
    ///     .status(502)
    ///     .body(b"<html><body>Bad Gateway</body></html>".to_vec())?;
    /// let err = ApiError::from_http(response, "/rest/posts");
    /// assert_eq!(err.message(), None);
    /// assert_eq!(err.raw_body(), "<html><body>Bad Gateway</body></html>");
    /// assert!(err.to_string().contains("Bad Gateway"));
    /// # Ok::<(), http::Error>(())
    /// ```
    pub fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Self {
        let (parts, body) = response.into_parts();
        Self::new(ResponseMeta::new(parts.status, parts.headers, url), &body)
    }

    /// Builds the error from a response's metadata and body bytes.
    ///
    /// ```
    /// use linkedin::restli::response::{ApiError, ResponseMeta};
    /// let meta = ResponseMeta::new(http::StatusCode::NOT_FOUND, http::HeaderMap::new(), "/posts/9");
    /// let err = ApiError::new(meta, br#"{"message":"Not found","status":404}"#);
    /// assert_eq!(err.message(), Some("Not found"));
    /// ```
    pub fn new(meta: ResponseMeta, body: &[u8]) -> Self {
        let parsed = serde_json::from_slice::<Value>(body)
            .map(ApiErrorBody::from_value)
            .unwrap_or_default();
        let restli_error_response = header_str(meta.headers(), "x-restli-error-response")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
        ApiError {
            inner: Box::new(Inner {
                meta,
                body: parsed,
                restli_error_response,
                raw_body: bounded_text(body, RAW_BODY_LIMIT),
                received_at: None,
            }),
        }
    }

    /// Records when the response arrived (the exchange does this with the
    /// `now` its transport passes). It dates a rate limit's reset when the
    /// response has no `Date` header.
    ///
    /// ```
    /// use std::time::SystemTime;
    /// # use linkedin::restli::response::{ApiError, ResponseMeta};
    /// let err = ApiError::new(ResponseMeta::new(http::StatusCode::TOO_MANY_REQUESTS, Default::default(), "/"), b"")
    ///     .received_at(SystemTime::UNIX_EPOCH);
    /// assert_eq!(err.received_time(), Some(SystemTime::UNIX_EPOCH));
    /// ```
    #[must_use]
    pub fn received_at(mut self, now: SystemTime) -> Self {
        self.inner.received_at = Some(now);
        self
    }

    /// When the response was sent: its `Date` header, else when it arrived
    /// ([`received_at`](Self::received_at)); `None` when neither is known.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// # use linkedin::restli::response::{ApiError, ResponseMeta};
    /// let mut headers = http::HeaderMap::new();
    /// headers.insert("date", http::HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"));
    /// let err = ApiError::new(ResponseMeta::new(http::StatusCode::TOO_MANY_REQUESTS, headers, "/"), b"");
    /// assert_eq!(err.received_time(), Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480)));
    /// ```
    pub fn received_time(&self) -> Option<SystemTime> {
        header_str(self.inner.meta.headers(), "date")
            .and_then(|date| httpdate::parse_http_date(date.trim()).ok())
            .or(self.inner.received_at)
    }

    /// The rate limit a 429 reports: LinkedIn's `serviceErrorCode` (101),
    /// whether the message names a daily limit, and when it resets (the
    /// next midnight UTC after the response's [time](Self::received_time)
    /// for a daily limit, else the end of `Retry-After`). `None` for any
    /// other status.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use linkedin::restli::response::{ApiError, ResponseMeta};
    ///
    /// // As LinkedIn answers once an application's daily limit is spent
    /// // (https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits).
    /// let body = br#"{"status":429,"serviceErrorCode":101,"code":"TOO_MANY_REQUESTS",
    ///     "message":"Resource level throttle APPLICATION DAY limit for calls to this resource is reached."}"#;
    /// let err = ApiError::new(ResponseMeta::new(http::StatusCode::TOO_MANY_REQUESTS, Default::default(), "/rest/posts"), body)
    ///     .received_at(SystemTime::UNIX_EPOCH + Duration::from_secs(1_717_248_000)); // 2024-06-01 13:20 UTC
    /// let limit = err.rate_limit().unwrap();
    /// assert!(limit.is_daily());
    /// assert_eq!(limit.resets_at(), Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_717_286_400)));
    /// ```
    pub fn rate_limit(&self) -> Option<RateLimit> {
        if self.status() != StatusCode::TOO_MANY_REQUESTS {
            return None;
        }
        let at = self.received_time();
        let retry_after = at.and_then(|at| retry_after(self.inner.meta.headers(), at));
        Some(RateLimit::new(
            self.service_error_code(),
            self.message(),
            retry_after,
            at,
        ))
    }

    /// The HTTP status.
    ///
    /// ```
    /// # use linkedin::restli::response::{ApiError, ResponseMeta};
    /// let err = ApiError::new(ResponseMeta::new(http::StatusCode::TOO_MANY_REQUESTS, Default::default(), "/"), b"");
    /// assert_eq!(err.status(), http::StatusCode::TOO_MANY_REQUESTS);
    /// ```
    pub fn status(&self) -> StatusCode {
        self.inner.meta.status()
    }

    /// `serviceErrorCode` from the body, if any.
    ///
    /// ```
    /// # use linkedin::restli::response::{ApiError, ResponseMeta};
    /// let err = ApiError::new(ResponseMeta::new(http::StatusCode::FORBIDDEN, Default::default(), "/"),
    ///     br#"{"serviceErrorCode":100}"#);
    /// assert_eq!(err.service_error_code(), Some(100));
    /// ```
    pub fn service_error_code(&self) -> Option<i64> {
        self.inner.body.service_error_code
    }

    /// `code` from the body (or OAuth's `error`), if any.
    ///
    /// ```
    /// # use linkedin::restli::response::{ApiError, ResponseMeta};
    /// let err = ApiError::new(ResponseMeta::new(http::StatusCode::FORBIDDEN, Default::default(), "/"),
    ///     br#"{"code":"ACCESS_DENIED"}"#);
    /// assert_eq!(err.code(), Some("ACCESS_DENIED"));
    /// ```
    pub fn code(&self) -> Option<&str> {
        self.inner.body.code.as_deref()
    }

    /// `message` from the body (or OAuth's `error_description`), if any.
    ///
    /// ```
    /// # use linkedin::restli::response::{ApiError, ResponseMeta};
    /// let err = ApiError::new(ResponseMeta::new(http::StatusCode::BAD_REQUEST, Default::default(), "/"),
    ///     br#"{"error":"invalid_request","error_description":"missing code"}"#);
    /// assert_eq!(err.message(), Some("missing code"));
    /// assert_eq!(err.code(), Some("invalid_request"));
    /// ```
    pub fn message(&self) -> Option<&str> {
        self.inner.body.message.as_deref()
    }

    /// `errorDetails` from the body, as sent.
    ///
    /// ```
    /// # use linkedin::restli::response::{ApiError, ResponseMeta};
    /// let err = ApiError::new(ResponseMeta::new(http::StatusCode::BAD_REQUEST, Default::default(), "/"),
    ///     br#"{"errorDetails":{"one":1}}"#);
    /// assert_eq!(err.error_details(), Some(&serde_json::json!({"one": 1})));
    /// ```
    pub fn error_details(&self) -> Option<&Value> {
        self.inner.body.error_details.as_ref()
    }

    /// Everything recognised in the body.
    ///
    /// ```
    /// # use linkedin::restli::response::{ApiError, ResponseMeta};
    /// let err = ApiError::new(ResponseMeta::new(http::StatusCode::BAD_REQUEST, Default::default(), "/"),
    ///     br#"{"exceptionClass":"com.linkedin.restli.server.RestLiServiceException"}"#);
    /// assert!(err.body().exception_class.is_some());
    /// ```
    pub fn body(&self) -> &ApiErrorBody {
        &self.inner.body
    }

    /// The request id header of the response, if any (see
    /// [`ResponseMeta::request_id`]).
    ///
    /// ```
    /// # use linkedin::restli::response::{ApiError, ResponseMeta};
    /// let err = ApiError::new(ResponseMeta::new(http::StatusCode::BAD_GATEWAY, Default::default(), "/"), b"");
    /// assert_eq!(err.request_id(), None);
    /// ```
    pub fn request_id(&self) -> Option<&str> {
        self.inner.meta.request_id()
    }

    /// Whether the server marked the body as a Rest.li error
    /// (`X-RestLi-Error-Response: true`); a proxy's error page is not.
    ///
    /// ```
    /// # use linkedin::restli::response::{ApiError, ResponseMeta};
    /// let err = ApiError::new(ResponseMeta::new(http::StatusCode::BAD_GATEWAY, Default::default(), "/"), b"");
    /// assert!(!err.is_restli_error_response());
    /// ```
    pub fn is_restli_error_response(&self) -> bool {
        self.inner.restli_error_response
    }

    /// The first [`RAW_BODY_LIMIT`] bytes of the body as text (cut at a
    /// character boundary, invalid UTF-8 replaced).
    ///
    /// ```
    /// # use linkedin::restli::response::{ApiError, ResponseMeta};
    /// let big = vec![b'x'; 20_000];
    /// let err = ApiError::new(ResponseMeta::new(http::StatusCode::BAD_GATEWAY, Default::default(), "/"), &big);
    /// assert_eq!(err.raw_body().len(), linkedin::restli::response::RAW_BODY_LIMIT);
    /// ```
    pub fn raw_body(&self) -> &str {
        &self.inner.raw_body
    }

    /// The URL of the request.
    ///
    /// ```
    /// # use linkedin::restli::response::{ApiError, ResponseMeta};
    /// let err = ApiError::new(ResponseMeta::new(http::StatusCode::NOT_FOUND, Default::default(), "/posts/9"), b"");
    /// assert_eq!(err.url(), "/posts/9");
    /// ```
    pub fn url(&self) -> &str {
        self.inner.meta.url()
    }

    /// Status, headers and URL together (for `Retry-After` and the like).
    ///
    /// ```
    /// # use linkedin::restli::response::{ApiError, ResponseMeta};
    /// let mut headers = http::HeaderMap::new();
    /// headers.insert("retry-after", http::HeaderValue::from_static("5"));
    /// let err = ApiError::new(ResponseMeta::new(http::StatusCode::TOO_MANY_REQUESTS, headers, "/"), b"");
    /// assert_eq!(err.meta().header("Retry-After"), Some("5"));
    /// ```
    pub fn meta(&self) -> &ResponseMeta {
        &self.inner.meta
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body = &self.inner.body;
        write!(f, "HTTP {}", self.status())?;
        if let Some(code) = body.service_error_code {
            write!(f, ", serviceErrorCode {code}")?;
        }
        if let Some(code) = &body.code {
            write!(f, ", code {}", OneLine(code))?;
        }
        f.write_str(": ")?;
        match &body.message {
            Some(message) => {
                // A server may send megabytes; the whole value stays in
                // `message()`.
                write!(f, "{}", OneLine(message))?;
                if let Some(limit) = self.rate_limit().filter(RateLimit::is_daily) {
                    f.write_str(" (LinkedIn's rate limits are daily")?;
                    if let Some(reset) = limit.resets_at() {
                        write!(f, "; this one resets at {}", httpdate::fmt_http_date(reset))?;
                    }
                    f.write_str(")")?;
                }
                Ok(())
            }
            None if self.inner.raw_body.trim().is_empty() => f.write_str("no message (empty body)"),
            None => {
                write!(
                    f,
                    "no message; body starts with \"{}\"",
                    OneLine(self.inner.raw_body.trim())
                )
            }
        }
    }
}

impl std::error::Error for ApiError {}

/// Why a response could not be turned into the typed response asked for.
///
/// ```
/// use linkedin::restli::response::{EntityResponse, ResponseError};
///
/// let response = http::Response::builder().status(200).body(b"<html>".to_vec())?;
/// let err = EntityResponse::<serde_json::Value>::from_http(response, "/posts/1").unwrap_err();
/// match &err {
///     ResponseError::Decode { status, excerpt, .. } => {
///         assert_eq!(*status, 200);
///         assert_eq!(excerpt, "<html>");
///     }
///     other => panic!("unexpected {other}"),
/// }
/// assert_eq!(err.status(), 200);
/// # Ok::<(), http::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ResponseError {
    /// The server answered with a non-2xx status.
    #[error(transparent)]
    Api(#[from] ApiError),
    /// A 2xx response whose body (or `X-RestLi-Id` header) is not what the
    /// method promises.
    #[error(
        "cannot decode the {status} response of {}: {} (body starts with \"{}\")",
        OneLine(.url),
        OneLine(.reason),
        OneLine(.excerpt)
    )]
    Decode {
        /// The HTTP status.
        status: StatusCode,
        /// The URL of the request, whole (the message shows its start: a
        /// tunneled URL can be hundreds of kilobytes).
        url: String,
        /// The start of the body (at most
        /// [`EXCERPT_LIMIT`](crate::EXCERPT_LIMIT) bytes, cut at a
        /// character boundary).
        excerpt: String,
        /// What was wrong, and where.
        reason: String,
    },
}

impl ResponseError {
    /// The HTTP status of the response.
    ///
    /// ```
    /// # use linkedin::restli::response::{ApiError, ResponseError, ResponseMeta};
    /// let err: ResponseError =
    ///     ApiError::new(ResponseMeta::new(http::StatusCode::NOT_FOUND, Default::default(), "/"), b"").into();
    /// assert_eq!(err.status(), 404);
    /// ```
    pub fn status(&self) -> StatusCode {
        match self {
            ResponseError::Api(err) => err.status(),
            ResponseError::Decode { status, .. } => *status,
        }
    }

    /// The URL of the request.
    ///
    /// ```
    /// # use linkedin::restli::response::{ApiError, ResponseError, ResponseMeta};
    /// let err: ResponseError =
    ///     ApiError::new(ResponseMeta::new(http::StatusCode::NOT_FOUND, Default::default(), "/x"), b"").into();
    /// assert_eq!(err.url(), "/x");
    /// ```
    pub fn url(&self) -> &str {
        match self {
            ResponseError::Api(err) => err.url(),
            ResponseError::Decode { url, .. } => url,
        }
    }

    /// The API error, when the server answered with one.
    ///
    /// ```
    /// # use linkedin::restli::response::{ApiError, ResponseError, ResponseMeta};
    /// let err: ResponseError =
    ///     ApiError::new(ResponseMeta::new(http::StatusCode::CONFLICT, Default::default(), "/"), b"").into();
    /// assert_eq!(err.api_error().map(|e| e.status().as_u16()), Some(409));
    /// ```
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            ResponseError::Api(err) => Some(err),
            ResponseError::Decode { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(response: http::Response<Vec<u8>>) -> Option<ApiError> {
        match super::super::body::success(response, "/test") {
            Err(ResponseError::Api(err)) => Some(err),
            _ => None,
        }
    }

    fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
        let mut r = http::Response::new(body.as_bytes().to_vec());
        *r.status_mut() = StatusCode::from_u16(status).unwrap();
        r
    }

    #[test]
    fn display_is_one_line_with_every_part() {
        let err = error_of(response(
            403,
            r#"{"serviceErrorCode":100,"code":"ACCESS_DENIED","message":"Not\nallowed"}"#,
        ))
        .unwrap();
        assert_eq!(
            err.to_string(),
            "HTTP 403 Forbidden, serviceErrorCode 100, code ACCESS_DENIED: Not allowed"
        );
    }

    #[test]
    fn display_without_message_quotes_the_body_briefly() {
        let html = format!("<html>\n{}</html>", "x".repeat(500));
        let err = error_of(response(502, &html)).unwrap();
        let text = err.to_string();
        assert!(!text.contains('\n'));
        assert!(text.starts_with("HTTP 502 Bad Gateway: no message; body starts with \"<html> x"));
        assert!(text.len() < 300, "{text}");
        let err = error_of(response(503, "")).unwrap();
        assert_eq!(
            err.to_string(),
            "HTTP 503 Service Unavailable: no message (empty body)"
        );
    }

    #[test]
    fn two_xx_is_not_an_error() {
        assert!(error_of(response(204, "")).is_none());
    }

    #[test]
    fn lenient_body_fields() {
        let body = ApiErrorBody::from_value(serde_json::json!({
            "status": "500", "serviceErrorCode": 1.5, "code": 7, "message": null,
            "errorDetails": null
        }));
        assert_eq!(body.status, Some(500));
        assert_eq!(body.service_error_code, None);
        assert_eq!(body.code, None);
        assert_eq!(body.message, None);
        assert_eq!(body.error_details, None);
        assert_eq!(
            ApiErrorBody::from_value(serde_json::json!([1])),
            ApiErrorBody::default()
        );
    }

    #[test]
    fn a_huge_message_is_shown_briefly_and_kept_whole() {
        let message = "m".repeat(5 * 1024 * 1024);
        let body =
            serde_json::json!({"status": 400, "message": message, "code": "c".repeat(10_000)});
        let err = error_of(response(400, &body.to_string())).unwrap();
        let text = err.to_string();
        assert!(text.len() < 600, "{} bytes", text.len());
        assert!(text.contains("(5242880 bytes in all)"), "{text}");
        assert!(text.contains("(10000 bytes in all)"), "{text}");
        assert_eq!(err.message().map(str::len), Some(5 * 1024 * 1024));
    }

    #[test]
    fn a_decode_error_is_shown_briefly() {
        let err = ResponseError::Decode {
            status: StatusCode::OK,
            url: "/x".into(),
            excerpt: "e".repeat(512),
            reason: "r".repeat(5_000),
        };
        let text = err.to_string();
        assert!(text.len() < 600, "{text}");
        assert!(text.contains("(5000 bytes in all)"));
    }

    // https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits:
    // daily limits, reset at midnight UTC.
    #[test]
    fn a_daily_rate_limit_resets_at_the_next_utc_midnight() {
        let body = r#"{"status":429,"serviceErrorCode":101,"code":"TOO_MANY_REQUESTS","message":"Resource level throttle APPLICATION DAY limit for calls to this resource is reached."}"#;
        let mut r = response(429, body);
        r.headers_mut().insert(
            "date",
            http::HeaderValue::from_static("Sat, 01 Jun 2024 23:59:59 GMT"),
        );
        let err = error_of(r).unwrap();
        let limit = err.rate_limit().unwrap();
        assert!(limit.is_daily());
        assert_eq!(limit.service_error_code(), Some(101));
        let midnight = httpdate::parse_http_date("Sun, 02 Jun 2024 00:00:00 GMT").unwrap();
        assert_eq!(limit.resets_at(), Some(midnight));
        assert!(
            err.to_string()
                .contains("resets at Sun, 02 Jun 2024 00:00:00 GMT"),
            "{err}"
        );
        // Without a Date and a receipt time, no reset is guessed.
        let err = error_of(response(429, body)).unwrap();
        assert_eq!(err.rate_limit().unwrap().resets_at(), None);
        assert!(
            error_of(response(503, body))
                .unwrap()
                .rate_limit()
                .is_none()
        );
    }
}
