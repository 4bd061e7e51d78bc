//! The answer to a [`DynamicRequest`](crate::DynamicRequest): a 2xx
//! response kept as it came, for callers that pick the method at run time.

use super::FromResponse;
use super::body::success;
use super::error::ResponseError;
use super::meta::ResponseMeta;

/// A successful answer whose body is left unparsed: what a
/// [`DynamicRequest`](crate::DynamicRequest) (a method chosen at run time,
/// as in a command-line tool) is answered with. An error status is still
/// an [`ApiError`](super::ApiError).
///
/// ```
/// use linkedin::restli::response::RawResponse;
///
/// let response = http::Response::builder()
///     .status(201)
///     .header("x-restli-id", "urn:li:share:7")
///     .body(Vec::new())?;
/// let raw = RawResponse::from_http(response, "/rest/posts")?;
/// assert_eq!(raw.meta.status(), 201);
/// assert_eq!(raw.meta.header("x-restli-id"), Some("urn:li:share:7"));
/// assert!(raw.body.is_empty());
///
/// let refused = http::Response::builder().status(404).body(b"{}".to_vec())?;
/// assert!(RawResponse::from_http(refused, "/rest/posts").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RawResponse {
    /// The body's bytes (bounded by the transport's body limit).
    pub body: Vec<u8>,
    /// Status, headers and URL.
    pub meta: ResponseMeta,
}

impl RawResponse {
    /// Keeps a 2xx response as it came.
    ///
    /// # Errors
    ///
    /// [`ResponseError::Api`] for a non-2xx status.
    pub fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError> {
        let ok = success(response, url)?;
        Ok(RawResponse {
            body: ok.body,
            meta: ok.meta,
        })
    }

    /// The response again as an `http::Response` (status, headers, body),
    /// for code that reads answers in that shape.
    ///
    /// ```
    /// use restli_codec::response::RawResponse;
    ///
    /// let answer = http::Response::builder().status(201).header("x-restli-id", "7").body(b"{}".to_vec())?;
    /// let raw = RawResponse::from_http(answer, "/rest/posts")?;
    /// let again = raw.into_http();
    /// assert_eq!(again.status(), 201);
    /// assert_eq!(again.headers()["x-restli-id"], "7");
    /// assert_eq!(again.body(), b"{}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_http(self) -> http::Response<Vec<u8>> {
        let mut response = http::Response::new(self.body);
        *response.status_mut() = self.meta.status();
        *response.headers_mut() = self.meta.headers().clone();
        response
    }
}

impl FromResponse for RawResponse {
    fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError> {
        Self::from_http(response, url)
    }
}
