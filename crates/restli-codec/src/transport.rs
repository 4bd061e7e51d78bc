//! The two small traits any HTTP stack implements to carry this SDK's
//! requests: one blocking, one async. Each sends one
//! `http::Request<Vec<u8>>` and returns the `http::Response<Vec<u8>>`,
//! following no redirects; everything else (retries, tunneling, parsing) is
//! done around it.
//!
//! ```
//! use restli_codec::retry::TransportFailure;
//! use restli_codec::transport::{HttpClient, TransportError};
//!
//! /// A client that answers every request with 204, for tests.
//! struct NoContent;
//!
//! #[derive(Debug, thiserror::Error)]
//! #[error("never happens")]
//! struct Never;
//! impl TransportError for Never {
//!     fn failure(&self) -> TransportFailure {
//!         TransportFailure::Other
//!     }
//! }
//!
//! impl HttpClient for NoContent {
//!     type Error = Never;
//!     fn send(&self, _request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Never> {
//!         Ok(http::Response::builder().status(204).body(Vec::new()).unwrap())
//!     }
//! }
//!
//! let response = NoContent.send(http::Request::new(Vec::new()))?;
//! assert_eq!(response.status(), 204);
//! # Ok::<(), Never>(())
//! ```

use std::future::Future;
use std::time::Duration;

use crate::retry::TransportFailure;

/// The longest the attempt carrying it may take, from connecting to the
/// last byte of the response: the transport loop puts it in each request's
/// extensions, already cut to what is left of the call's total deadline
/// ([`Exchange::attempt_timeout`](crate::exchange::Exchange::attempt_timeout)).
/// An [`HttpClient`] or [`AsyncHttpClient`] should not let the attempt run
/// longer (the SDK's own clients do not).
///
/// ```
/// use std::time::Duration;
/// use restli_codec::transport::AttemptTimeout;
///
/// let mut request = http::Request::new(Vec::<u8>::new());
/// request.extensions_mut().insert(AttemptTimeout(Duration::from_secs(3)));
/// assert_eq!(AttemptTimeout::of(&request), Some(Duration::from_secs(3)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AttemptTimeout(pub Duration);

impl AttemptTimeout {
    /// The limit a request carries, if any.
    ///
    /// ```
    /// let request = http::Request::new(Vec::<u8>::new());
    /// assert_eq!(restli_codec::transport::AttemptTimeout::of(&request), None);
    /// ```
    pub fn of<B>(request: &http::Request<B>) -> Option<Duration> {
        request.extensions().get::<AttemptTimeout>().map(|t| t.0)
    }
}

/// Whether a request path has a `.` or `..` segment, spelled plainly or
/// percent-encoded (`%2e`, any case). URL parsers remove such segments
/// together with their parent (RFC 3986, section 5.2.4; the WHATWG URL
/// standard also decodes `%2e`), so `/adAccounts/1/adCampaigns/..` would
/// go out as `/adAccounts/1`: a DELETE of the campaign would become a
/// DELETE of the account. The SDK's HTTP clients refuse such requests.
///
/// ```
/// use restli_codec::transport::has_dot_segment;
///
/// let uri = |s: &str| s.parse::<http::Uri>().unwrap();
/// assert!(has_dot_segment(&uri("https://api.linkedin.com/v2/adAccounts/1/adCampaigns/..")));
/// assert!(has_dot_segment(&uri("https://api.linkedin.com/v2/x/%2E%2e/y")));
/// assert!(has_dot_segment(&uri("https://api.linkedin.com/v2/./x")));
/// assert!(!has_dot_segment(&uri("https://api.linkedin.com/v2/x/...")));
/// assert!(!has_dot_segment(&uri("https://api.linkedin.com/v2/x/a.b?q=..")));
/// ```
pub fn has_dot_segment(uri: &http::Uri) -> bool {
    // Read in place: this runs before every attempt.
    uri.path().split('/').any(crate::path::is_dot_segment)
}

/// An error from an HTTP stack, classified for the retry rules.
///
/// ```
/// use restli_codec::retry::TransportFailure;
/// use restli_codec::transport::TransportError;
///
/// #[derive(Debug, thiserror::Error)]
/// #[error("connection refused")]
/// struct Refused;
/// impl TransportError for Refused {
///     fn failure(&self) -> TransportFailure {
///         TransportFailure::Connect
///     }
/// }
/// assert_eq!(Refused.failure(), TransportFailure::Connect);
/// ```
pub trait TransportError: std::error::Error + Send + Sync + 'static {
    /// What kind of failure this was (connecting, a timeout, a connection
    /// lost mid-exchange, or something else).
    fn failure(&self) -> TransportFailure;
}

/// A blocking HTTP client.
///
/// See the [module documentation](self) for an implementation.
pub trait HttpClient {
    /// The client's error type.
    type Error: TransportError;

    /// Sends one request and reads the whole response; redirects are not
    /// followed.
    ///
    /// # Errors
    ///
    /// When no complete response was received.
    fn send(&self, request: http::Request<Vec<u8>>)
    -> Result<http::Response<Vec<u8>>, Self::Error>;

    /// Sends one attempt that may take at most `limit` (the transport
    /// loop's entry point). By default the limit travels as an
    /// [`AttemptTimeout`] in the request's extensions, then [`send`](Self::send);
    /// a client that can apply it directly overrides this and saves that
    /// allocation on every attempt (the SDK's ureq client does).
    ///
    /// ```
    /// use std::time::Duration;
    /// use restli_codec::retry::TransportFailure;
    /// use restli_codec::transport::{AttemptTimeout, HttpClient, TransportError};
    ///
    /// #[derive(Debug, thiserror::Error)]
    /// #[error("never happens")]
    /// struct Never;
    /// impl TransportError for Never {
    ///     fn failure(&self) -> TransportFailure { TransportFailure::Other }
    /// }
    ///
    /// // A client that answers with the limit it was given, in seconds.
    /// let echo = |request: http::Request<Vec<u8>>| {
    ///     let limit = AttemptTimeout::of(&request).map_or(0, |l| l.as_secs());
    ///     Ok::<_, Never>(http::Response::new(limit.to_string().into_bytes()))
    /// };
    /// let response = echo.send_within(http::Request::new(Vec::new()), Duration::from_secs(7))?;
    /// assert_eq!(response.body(), b"7");
    /// # Ok::<(), Never>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`send`](Self::send).
    fn send_within(
        &self,
        mut request: http::Request<Vec<u8>>,
        limit: Duration,
    ) -> Result<http::Response<Vec<u8>>, Self::Error> {
        request.extensions_mut().insert(AttemptTimeout(limit));
        self.send(request)
    }
}

/// An async HTTP client.
///
/// ```
/// use restli_codec::retry::TransportFailure;
/// use restli_codec::transport::{AsyncHttpClient, TransportError};
///
/// struct Teapot;
/// #[derive(Debug, thiserror::Error)]
/// #[error("never happens")]
/// struct Never;
/// impl TransportError for Never {
///     fn failure(&self) -> TransportFailure { TransportFailure::Other }
/// }
///
/// impl AsyncHttpClient for Teapot {
///     type Error = Never;
///     async fn send(&self, _request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Never> {
///         Ok(http::Response::builder().status(418).body(Vec::new()).unwrap())
///     }
/// }
/// ```
pub trait AsyncHttpClient: Send + Sync {
    /// The client's error type.
    type Error: TransportError;

    /// Sends one request and reads the whole response; redirects are not
    /// followed.
    ///
    /// # Errors
    ///
    /// When no complete response was received.
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = Result<http::Response<Vec<u8>>, Self::Error>> + Send;

    /// Sends one attempt that may take at most `limit` (the transport
    /// loop's entry point; the loop also stops waiting at `limit`). By
    /// default the limit travels as an [`AttemptTimeout`] in the request's
    /// extensions, then [`send`](Self::send); a client that needs no such
    /// note overrides this and saves that allocation on every attempt.
    ///
    /// # Errors
    ///
    /// As [`send`](Self::send).
    fn send_within(
        &self,
        mut request: http::Request<Vec<u8>>,
        limit: Duration,
    ) -> impl Future<Output = Result<http::Response<Vec<u8>>, Self::Error>> + Send {
        request.extensions_mut().insert(AttemptTimeout(limit));
        self.send(request)
    }
}

impl<F, E> HttpClient for F
where
    F: Fn(http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, E>,
    E: TransportError,
{
    type Error = E;
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, E> {
        self(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn uri(path: &str) -> http::Uri {
        format!("https://api.linkedin.com{path}").parse().unwrap()
    }

    proptest! {
        #[test]
        fn dot_segments_are_found_wherever_they_are(
            before in proptest::collection::vec("[a-zA-Z0-9_~-]{1,8}", 0..4),
            after in proptest::collection::vec("[a-zA-Z0-9_~-]{1,8}", 0..4),
            dot in prop_oneof![Just("."), Just(".."), Just("%2e"), Just("%2E%2e"), Just(".%2E")],
        ) {
            let clean = format!("/{}", before.iter().chain(&after).cloned().collect::<Vec<_>>().join("/"));
            prop_assert!(!has_dot_segment(&uri(&clean)));
            let mut segments = before.clone();
            segments.push(dot.to_owned());
            segments.extend(after);
            let dotted = format!("/{}", segments.join("/"));
            prop_assert!(has_dot_segment(&uri(&dotted)));
        }

        #[test]
        fn segments_with_dots_inside_are_fine(name in "[a-z]{1,5}", ext in "[a-z]{1,5}") {
            let path = format!("/v2/{name}.{ext}/.{name}/...");
            prop_assert!(!has_dot_segment(&uri(&path)));
        }
    }
}
