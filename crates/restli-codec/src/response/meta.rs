//! What every response keeps besides its body: status, headers and the URL
//! of the request it answers.

use http::{HeaderMap, HeaderName, StatusCode};

/// Response headers that carry a request id, in the order they are looked up.
const REQUEST_ID_HEADERS: [HeaderName; 4] = [
    HeaderName::from_static("x-li-uuid"),
    HeaderName::from_static("x-restli-request-id"),
    HeaderName::from_static("x-li-request-id"),
    HeaderName::from_static("x-request-id"),
];

/// The status, headers and request URL of a response, shared by every typed
/// response and by [`ApiError`](crate::response::ApiError).
///
/// ```
/// use linkedin::restli::response::ResponseMeta;
///
/// let mut headers = http::HeaderMap::new();
/// headers.insert("x-li-uuid", http::HeaderValue::from_static("AAYb2kX0"));
/// let meta = ResponseMeta::new(http::StatusCode::OK, headers, "https://api.linkedin.com/rest/posts/1");
/// assert_eq!(meta.status(), 200);
/// assert_eq!(meta.header("X-LI-UUID"), Some("AAYb2kX0"));
/// assert_eq!(meta.request_id(), Some("AAYb2kX0"));
/// assert_eq!(meta.url(), "https://api.linkedin.com/rest/posts/1");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseMeta {
    status: StatusCode,
    headers: HeaderMap,
    url: String,
}

impl ResponseMeta {
    /// Keeps a response's status and headers with the URL of its request.
    ///
    /// ```
    /// use linkedin::restli::response::ResponseMeta;
    /// let meta = ResponseMeta::new(http::StatusCode::NO_CONTENT, http::HeaderMap::new(), "/posts/1");
    /// assert!(meta.status().is_success());
    /// ```
    pub fn new(status: StatusCode, headers: HeaderMap, url: impl Into<String>) -> Self {
        ResponseMeta {
            status,
            headers,
            url: url.into(),
        }
    }

    /// The HTTP status.
    ///
    /// ```
    /// # use linkedin::restli::response::ResponseMeta;
    /// let meta = ResponseMeta::new(http::StatusCode::CREATED, http::HeaderMap::new(), "/posts");
    /// assert_eq!(meta.status(), http::StatusCode::CREATED);
    /// ```
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// All response headers.
    ///
    /// ```
    /// # use linkedin::restli::response::ResponseMeta;
    /// let meta = ResponseMeta::new(http::StatusCode::OK, http::HeaderMap::new(), "/posts/1");
    /// assert!(meta.headers().is_empty());
    /// ```
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The URL of the request this response answers, as the caller gave it.
    ///
    /// ```
    /// # use linkedin::restli::response::ResponseMeta;
    /// let meta = ResponseMeta::new(http::StatusCode::OK, http::HeaderMap::new(), "/posts/1");
    /// assert_eq!(meta.url(), "/posts/1");
    /// ```
    pub fn url(&self) -> &str {
        &self.url
    }

    /// One header's value as text (names are case-insensitive); `None` when
    /// it is absent or not UTF-8.
    ///
    /// ```
    /// # use linkedin::restli::response::ResponseMeta;
    /// let mut headers = http::HeaderMap::new();
    /// headers.insert("x-restli-id", http::HeaderValue::from_static("123"));
    /// let meta = ResponseMeta::new(http::StatusCode::CREATED, headers, "/posts");
    /// assert_eq!(meta.header("X-RestLi-Id"), Some("123"));
    /// assert_eq!(meta.header("Location"), None);
    /// ```
    pub fn header(&self, name: &str) -> Option<&str> {
        header_str(&self.headers, name)
    }

    /// The request id LinkedIn (or a proxy) gave this exchange, from the
    /// first of `x-li-uuid`, `x-restli-request-id`, `x-li-request-id` and
    /// `x-request-id` that is present. Quote it when asking LinkedIn support.
    ///
    /// ```
    /// # use linkedin::restli::response::ResponseMeta;
    /// let mut headers = http::HeaderMap::new();
    /// headers.insert("x-request-id", http::HeaderValue::from_static("r-1"));
    /// let meta = ResponseMeta::new(http::StatusCode::OK, headers, "/me");
    /// assert_eq!(meta.request_id(), Some("r-1"));
    /// ```
    pub fn request_id(&self) -> Option<&str> {
        REQUEST_ID_HEADERS
            .iter()
            .find_map(|name| header_str(&self.headers, name.as_str()))
    }

    /// Gives back the status, headers and URL.
    ///
    /// ```
    /// # use linkedin::restli::response::ResponseMeta;
    /// let meta = ResponseMeta::new(http::StatusCode::OK, http::HeaderMap::new(), "/me");
    /// let (status, headers, url) = meta.into_parts();
    /// assert_eq!((status.as_u16(), headers.len(), url.as_str()), (200, 0, "/me"));
    /// ```
    pub fn into_parts(self) -> (StatusCode, HeaderMap, String) {
        (self.status, self.headers, self.url)
    }
}

/// A header's value as text, if present and UTF-8 (reduced-encoded ids may
/// carry non-ASCII characters unescaped).
pub(crate) fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| std::str::from_utf8(v.as_bytes()).ok())
}
