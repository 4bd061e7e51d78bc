//! The default HTTP stack: reqwest on tokio, HTTP/1.1, rustls with the ring
//! provider and the webpki roots, no redirects followed.

use std::fmt;
use std::sync::Arc;

use restli_codec::retry::TransportFailure;
use restli_codec::transport::{AsyncHttpClient, TransportError, has_dot_segment};

use crate::ConfigError;

/// The largest response body [`HttpClient`] reads unless set with
/// [`HttpClient::max_body_size`]: 32 MiB.
///
/// ```
/// assert_eq!(linkedin::DEFAULT_MAX_BODY_SIZE, 32 * 1024 * 1024);
/// ```
pub const DEFAULT_MAX_BODY_SIZE: u64 = 32 * 1024 * 1024;

/// The HTTP client adapter a [`Client`](crate::Client) sends through by
/// default: an [`AsyncHttpClient`] over a
/// [`reqwest::Client`](https://docs.rs/reqwest/0.13/reqwest/struct.Client.html)
/// (the crate's name says which library).
///
/// [`HttpClient::new`] builds the client this crate recommends: HTTP/1.1,
/// rustls with the *ring* provider and Mozilla's roots (`webpki-roots`), no
/// redirects followed (LinkedIn's API and OAuth endpoints never redirect; a
/// redirect is returned as the response), connection reuse on.
/// [`HttpClient::from_client`] wraps your own `reqwest::Client` instead (proxy
/// settings, extra roots); configure it not to follow redirects.
///
/// ```
/// use linkedin::HttpClient;
///
/// let http = HttpClient::new()?;
/// let same_pool = http.clone(); // clones share connections
/// # let _ = same_pool;
/// # Ok::<(), linkedin::ConfigError>(())
/// ```
#[derive(Clone)]
pub struct HttpClient {
    client: reqwest::Client,
    max_body_size: u64,
}

impl fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpClient")
            .field("max_body_size", &self.max_body_size)
            .finish_non_exhaustive()
    }
}

impl HttpClient {
    /// The recommended client (see the [type docs](HttpClient)).
    ///
    /// ```
    /// let http = linkedin::HttpClient::new()?;
    /// # let _ = http;
    /// # Ok::<(), linkedin::ConfigError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ConfigError::Tls`] or [`ConfigError::HttpClient`] when TLS cannot
    /// be initialised.
    pub fn new() -> Result<Self, ConfigError> {
        let client = reqwest::Client::builder()
            .tls_backend_preconfigured(tls_config()?)
            .redirect(reqwest::redirect::Policy::none())
            .http1_only()
            .build()
            .map_err(|err| ConfigError::HttpClient(Box::new(err)))?;
        Ok(HttpClient::from_client(client))
    }

    /// Wraps a client you configured yourself.
    ///
    /// ```
    /// let own = reqwest::Client::builder()
    ///     .redirect(reqwest::redirect::Policy::none())
    ///     .tls_backend_preconfigured(linkedin::HttpClient::tls_config()?)
    ///     .build()
    ///     .expect("TLS is configured");
    /// let http = linkedin::HttpClient::from_client(own);
    /// # let _ = http;
    /// # Ok::<(), linkedin::ConfigError>(())
    /// ```
    pub fn from_client(client: reqwest::Client) -> Self {
        HttpClient {
            client,
            max_body_size: DEFAULT_MAX_BODY_SIZE,
        }
    }

    /// Refuses response bodies longer than `bytes` (default
    /// [`DEFAULT_MAX_BODY_SIZE`]) with an error instead of reading them
    /// into memory. Use it with [`ClientBuilder::build_with`](crate::ClientBuilder::build_with).
    ///
    /// ```
    /// use linkedin::{Client, HttpClient};
    /// let http = HttpClient::new()?.max_body_size(1024 * 1024);
    /// let client = Client::builder().build_with(http)?;
    /// # let _ = client;
    /// # Ok::<(), linkedin::Error>(())
    /// ```
    pub fn max_body_size(mut self, bytes: u64) -> Self {
        self.max_body_size = bytes;
        self
    }

    /// The rustls configuration [`HttpClient::new`] uses: the *ring* provider,
    /// TLS 1.2 and 1.3, Mozilla's roots, HTTP/1.1 by ALPN. Useful when you
    /// build your own `reqwest::Client` (this crate's reqwest has no TLS
    /// provider of its own, so a `reqwest::Client` built without a
    /// preconfigured TLS setup cannot make https requests).
    ///
    /// ```
    /// let config = linkedin::HttpClient::tls_config()?;
    /// assert_eq!(config.alpn_protocols, [b"http/1.1".to_vec()]);
    /// # Ok::<(), linkedin::ConfigError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ConfigError::Tls`] if the provider refuses the protocol versions
    /// (it does not with the defaults).
    pub fn tls_config() -> Result<rustls::ClientConfig, ConfigError> {
        tls_config()
    }

    /// The wrapped `reqwest::Client`.
    ///
    /// ```
    /// let http = linkedin::HttpClient::new()?;
    /// let _client: &reqwest::Client = http.client();
    /// # Ok::<(), linkedin::ConfigError>(())
    /// ```
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }
}

fn tls_config() -> Result<rustls::ClientConfig, ConfigError> {
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|err| ConfigError::Tls(Box::new(err)))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// `request` as reqwest's: what `reqwest::Request::try_from` does, with the
/// URL written by concatenation instead of through `Uri`'s `Display` (this
/// runs on every attempt; issue 17). A request with extensions, or whose
/// URI has no scheme or host, goes through `try_from` (which keeps the
/// extensions, or says what is wrong).
fn to_reqwest(request: http::Request<Vec<u8>>) -> Result<reqwest::Request, HttpError> {
    let uri = request.uri();
    // reqwest takes extensions only through `try_from`; the send loop puts
    // none in (`send_within`), a caller of `send` may.
    let (Some(scheme), Some(authority), true) = (
        uri.scheme_str(),
        uri.authority(),
        request.extensions().is_empty(),
    ) else {
        return reqwest::Request::try_from(request).map_err(HttpError::from);
    };
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let mut text = String::with_capacity(scheme.len() + 3 + authority.as_str().len() + path.len());
    text.push_str(scheme);
    text.push_str("://");
    text.push_str(authority.as_str());
    text.push_str(path);
    let Ok(url) = reqwest::Url::parse(&text) else {
        return reqwest::Request::try_from(request).map_err(HttpError::from);
    };
    let (parts, body) = request.into_parts();
    let mut out = reqwest::Request::new(parts.method, url);
    *out.headers_mut() = parts.headers;
    *out.version_mut() = parts.version;
    *out.body_mut() = Some(reqwest::Body::from(body));
    Ok(out)
}

impl AsyncHttpClient for HttpClient {
    type Error = HttpError;

    async fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, HttpError> {
        // reqwest's URL parser removes `.` and `..` segments with their
        // parent: `/adCampaigns/..` would address the account. Refuse.
        if has_dot_segment(request.uri()) {
            return Err(HttpError {
                inner: Inner::DotSegment,
                failure: TransportFailure::Other,
            });
        }
        let request = to_reqwest(request)?;
        let mut response = self
            .client
            .execute(request)
            .await
            .map_err(HttpError::from)?;
        let status = response.status();
        let version = response.version();
        let limit = self.max_body_size;
        let too_large = || HttpError {
            inner: Inner::TooLarge(linkedin_client_core::BodyTooLarge { limit }),
            failure: TransportFailure::BodyTooLarge,
        };
        let announced = response.content_length();
        if announced.is_some_and(|length| length > limit) {
            return Err(too_large());
        }
        // Moved out, not cloned: the body is read without them.
        let headers = std::mem::take(response.headers_mut());
        let expected = announced.unwrap_or(0).min(limit);
        let mut body = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
        while let Some(chunk) = response.chunk().await.map_err(HttpError::from)? {
            if u64::try_from(body.len() + chunk.len()).unwrap_or(u64::MAX) > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        let mut out = http::Response::new(body);
        *out.status_mut() = status;
        *out.version_mut() = version;
        *out.headers_mut() = headers;
        Ok(out)
    }

    /// The limit is a timer around [`send`](AsyncHttpClient::send), not an
    /// [`AttemptTimeout`](restli_codec::transport::AttemptTimeout) in the
    /// extensions (no allocation per attempt); past it the attempt is a
    /// [`TransportFailure::Timeout`].
    async fn send_within(
        &self,
        request: http::Request<Vec<u8>>,
        limit: std::time::Duration,
    ) -> Result<http::Response<Vec<u8>>, HttpError> {
        match tokio::time::timeout(limit, self.send(request)).await {
            Ok(answer) => answer,
            Err(_elapsed) => Err(HttpError {
                inner: Inner::TimedOut(limit),
                failure: TransportFailure::Timeout,
            }),
        }
    }
}

/// A [`reqwest::Error`](https://docs.rs/reqwest/0.13/reqwest/struct.Error.html), classified for the retry rules.
///
/// ```
/// use linkedin::restli::transport::TransportError;
///
/// fn kind(err: &linkedin::HttpError) -> linkedin::restli::retry::TransportFailure {
///     err.failure()
/// }
/// ```
#[derive(Debug)]
pub struct HttpError {
    inner: Inner,
    failure: TransportFailure,
}

#[derive(Debug)]
enum Inner {
    HttpClient(reqwest::Error),
    TooLarge(linkedin_client_core::BodyTooLarge),
    DotSegment,
    /// No complete answer within `send_within`'s limit.
    TimedOut(std::time::Duration),
}

impl HttpError {
    /// The underlying reqwest error (`None` for a body over the size
    /// limit, a refused `..` path, or an attempt past its limit).
    ///
    /// ```
    /// fn url(err: &linkedin::HttpError) -> Option<&reqwest::Url> {
    ///     err.inner().and_then(|e| e.url())
    /// }
    /// ```
    pub fn inner(&self) -> Option<&reqwest::Error> {
        match &self.inner {
            Inner::HttpClient(err) => Some(err),
            Inner::TooLarge(_) | Inner::DotSegment | Inner::TimedOut(_) => None,
        }
    }
}

impl From<reqwest::Error> for HttpError {
    fn from(inner: reqwest::Error) -> Self {
        let failure = classify(&inner);
        HttpError {
            inner: Inner::HttpClient(inner),
            failure,
        }
    }
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = match &self.inner {
            Inner::HttpClient(inner) => inner,
            Inner::TooLarge(too_large) => return fmt::Display::fmt(too_large, f),
            Inner::TimedOut(limit) => {
                return write!(f, "no complete answer within {} ms", limit.as_millis());
            }
            Inner::DotSegment => {
                return f.write_str(
                    "the request path has a `.` or `..` segment, which would address another \
                     resource; not sent",
                );
            }
        };
        fmt::Display::fmt(inner, f)?;
        // reqwest's own message is generic ("error sending request"): add
        // the innermost cause, which says what happened.
        let mut cause: Option<&(dyn std::error::Error + 'static)> =
            std::error::Error::source(inner);
        let mut last = None;
        while let Some(err) = cause {
            last = Some(err);
            cause = err.source();
        }
        match last {
            Some(root) => write!(f, " ({root})"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for HttpError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.inner {
            Inner::HttpClient(err) => Some(err),
            Inner::TooLarge(_) | Inner::DotSegment | Inner::TimedOut(_) => None,
        }
    }
}

impl TransportError for HttpError {
    fn failure(&self) -> TransportFailure {
        self.failure
    }
}

/// Sorts a reqwest error into the kinds the retry rules know.
fn classify(err: &reqwest::Error) -> TransportFailure {
    if err.is_timeout() {
        TransportFailure::Timeout
    } else if err.is_connect() {
        TransportFailure::Connect
    } else if connection_lost(err) {
        TransportFailure::ConnectionReset
    } else {
        TransportFailure::Other
    }
}

/// Whether the error chain says the connection closed or broke while the
/// exchange was in flight (as opposed to, say, a malformed response).
fn connection_lost(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(err);
    while let Some(err) = cause {
        if let Some(io) = err.downcast_ref::<std::io::Error>()
            && matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
                    | std::io::ErrorKind::BrokenPipe
                    | std::io::ErrorKind::UnexpectedEof
            )
        {
            return true;
        }
        if let Some(hyper) = err.downcast_ref::<hyper::Error>()
            && (hyper.is_incomplete_message() || hyper.is_closed() || hyper.is_canceled())
        {
            return true;
        }
        cause = err.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Method, URL, headers and body.
    type Seen = (String, String, Vec<(String, String)>, Option<Vec<u8>>);

    /// The parts a reqwest request is sent with.
    fn seen(request: &reqwest::Request) -> Seen {
        let headers = request
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let body = request
            .body()
            .and_then(|b| b.as_bytes())
            .map(<[u8]>::to_vec);
        (
            request.method().to_string(),
            request.url().to_string(),
            headers,
            body,
        )
    }

    fn http_request(method: &str, url: &str, body: Vec<u8>) -> http::Request<Vec<u8>> {
        http::Request::builder()
            .method(method)
            .uri(url)
            .header("x-restli-method", "get")
            .header("authorization", "Bearer t")
            .body(body)
            .unwrap()
    }

    proptest! {
        // The direct conversion sends what reqwest's own `try_from` sends.
        #[test]
        fn to_reqwest_equals_try_from(
            method in prop_oneof![Just("GET"), Just("POST"), Just("DELETE")],
            https in any::<bool>(),
            port in proptest::option::of(1u16..),
            path in "(/[a-zA-Z0-9%:(),._~-]{0,12}){0,4}",
            query in proptest::option::of("[a-zA-Z0-9=&%:(),._~-]{0,20}"),
            body in proptest::collection::vec(any::<u8>(), 0..16),
        ) {
            let scheme = if https { "https" } else { "http" };
            let port = port.map(|p| format!(":{p}")).unwrap_or_default();
            let query = query.map(|q| format!("?{q}")).unwrap_or_default();
            let url = format!("{scheme}://api.linkedin.com{port}{path}{query}");
            prop_assume!(url.parse::<http::Uri>().is_ok());
            let ours = to_reqwest(http_request(method, &url, body.clone()));
            let theirs = reqwest::Request::try_from(http_request(method, &url, body));
            match (ours, theirs) {
                (Ok(ours), Ok(theirs)) => prop_assert_eq!(seen(&ours), seen(&theirs)),
                (ours, theirs) => prop_assert_eq!(ours.is_err(), theirs.is_err()),
            }
        }
    }

    // `send_within` keeps its promise when called directly, not only
    // under the send loop's own timer.
    #[tokio::test]
    async fn send_within_gives_up_at_its_limit() {
        use linkedin_test_support::{HostileServer, Script, Step};
        let server = HostileServer::start(|_request, _index| Script(vec![Step::Hang]));
        let request = http_request("GET", &format!("{}/rest/me", server.origin()), Vec::new());
        let started = std::time::Instant::now();
        let err = HttpClient::new()
            .unwrap()
            .send_within(request, std::time::Duration::from_millis(200))
            .await
            .unwrap_err();
        assert_eq!(err.failure(), TransportFailure::Timeout);
        assert_eq!(err.to_string(), "no complete answer within 200 ms");
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }

    #[test]
    fn a_request_with_extensions_still_converts() {
        let mut request = http_request("GET", "https://api.linkedin.com/rest/me", Vec::new());
        request.extensions_mut().insert(7u8);
        let converted = to_reqwest(request).unwrap();
        assert_eq!(converted.url().as_str(), "https://api.linkedin.com/rest/me");
    }
}
