//! The ureq HTTP stack behind [`Client`](crate::Client): [`HttpClient`], an
//! implementation of [`restli_codec::transport::HttpClient`] over one shared
//! [`ureq::Agent`](https://docs.rs/ureq/3/ureq/struct.Agent.html), and its error, [`HttpError`].
//!
//! Every request goes out with redirects off (a 3xx is returned as the
//! response), non-2xx statuses returned as responses (the codec turns them
//! into typed errors), and the per-attempt timeout applied through ureq's
//! per-request configuration, so an [`ureq::Agent`](https://docs.rs/ureq/3/ureq/struct.Agent.html) you bring yourself
//! behaves the same way.

use std::io;
use std::time::Duration;

use restli_codec::retry::TransportFailure;
use restli_codec::transport::{self, AttemptTimeout, TransportError, has_dot_segment};

pub use linkedin_client_core::DEFAULT_TIMEOUT;

/// The default cap on a response body: 32 MiB.
///
/// ```
/// assert_eq!(linkedin::blocking::DEFAULT_MAX_BODY_SIZE, 32 * 1024 * 1024);
/// ```
pub const DEFAULT_MAX_BODY_SIZE: u64 = 32 * 1024 * 1024;

/// The HTTP client adapter a [`Client`](crate::Client) sends through by
/// default: a [`ureq::Agent`](https://docs.rs/ureq/3/ureq/struct.Agent.html)
/// as a [`restli_codec::transport::HttpClient`] (the crate's name says
/// which library).
///
/// Cloning is cheap and shares the agent, so its connection pool is reused
/// by every clone.
///
/// ```
/// use std::time::Duration;
/// use linkedin::blocking::HttpClient;
///
/// let http = HttpClient::new().timeout(Some(Duration::from_secs(5)));
/// assert_eq!(http.timeout_value(), Some(Duration::from_secs(5)));
/// ```
#[derive(Debug, Clone)]
pub struct HttpClient {
    agent: ureq::Agent,
    timeout: Option<Duration>,
    max_body_size: u64,
}

impl Default for HttpClient {
    fn default() -> Self {
        HttpClient::new()
    }
}

impl HttpClient {
    /// An agent configured for LinkedIn ([`HttpClient::agent_config`]) with the
    /// [`DEFAULT_TIMEOUT`], resolving names through a
    /// [`CachingResolver`](crate::CachingResolver) (no thread per request).
    ///
    /// ```
    /// let http = linkedin::blocking::HttpClient::new();
    /// assert_eq!(http.timeout_value(), Some(linkedin::blocking::DEFAULT_TIMEOUT));
    /// ```
    pub fn new() -> Self {
        HttpClient::from_agent(ureq::Agent::with_parts(
            HttpClient::agent_config().build(),
            ureq::unversioned::transport::DefaultConnector::new(),
            crate::CachingResolver::new(),
        ))
    }

    /// Wraps an agent you configured yourself (TLS, proxy, pool sizes).
    /// Whatever it says, requests sent through this wrapper follow no
    /// redirects and return non-2xx statuses as responses.
    ///
    /// ```
    /// let agent: ureq::Agent = linkedin::blocking::HttpClient::agent_config()
    ///     .max_idle_connections_per_host(8)
    ///     .build()
    ///     .into();
    /// let http = linkedin::blocking::HttpClient::from_agent(agent);
    /// # let _ = http;
    /// ```
    pub fn from_agent(agent: ureq::Agent) -> Self {
        HttpClient {
            agent,
            timeout: Some(DEFAULT_TIMEOUT),
            max_body_size: DEFAULT_MAX_BODY_SIZE,
        }
    }

    /// The agent configuration this crate uses: redirects off, non-2xx
    /// statuses returned as responses, no timeout at the agent level (it is
    /// set per request). Extend it and wrap the agent with
    /// [`HttpClient::from_agent`].
    ///
    /// ```
    /// let config = linkedin::blocking::HttpClient::agent_config().build();
    /// assert_eq!(config.max_redirects(), 0);
    /// assert!(!config.http_status_as_error());
    /// ```
    pub fn agent_config() -> ureq::config::ConfigBuilder<ureq::typestate::AgentScope> {
        ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
    }

    /// Sets the timeout of one attempt, from connecting to reading the last
    /// byte of the response (`None`: no timeout).
    ///
    /// ```
    /// let http = linkedin::blocking::HttpClient::new().timeout(None);
    /// assert_eq!(http.timeout_value(), None);
    /// ```
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// The timeout of one attempt.
    ///
    /// ```
    /// assert!(linkedin::blocking::HttpClient::new().timeout_value().is_some());
    /// ```
    pub fn timeout_value(&self) -> Option<Duration> {
        self.timeout
    }

    /// Sets the largest response body accepted, in bytes; a larger one
    /// fails with a [`TransportFailure::BodyTooLarge`] error (at once when its
    /// `Content-Length` announces more, before any of it is read).
    ///
    /// ```
    /// let http = linkedin::blocking::HttpClient::new().max_body_size(1024 * 1024);
    /// # let _ = http;
    /// ```
    pub fn max_body_size(mut self, bytes: u64) -> Self {
        self.max_body_size = bytes;
        self
    }

    /// The wrapped agent.
    ///
    /// ```
    /// let http = linkedin::blocking::HttpClient::new();
    /// assert_eq!(http.agent().config().max_redirects(), 0);
    /// ```
    pub fn agent(&self) -> &ureq::Agent {
        &self.agent
    }
}

impl From<ureq::Agent> for HttpClient {
    fn from(agent: ureq::Agent) -> Self {
        HttpClient::from_agent(agent)
    }
}

impl transport::HttpClient for HttpClient {
    type Error = HttpError;

    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, HttpError> {
        let cap = AttemptTimeout::of(&request);
        self.send_capped(request, cap)
    }

    /// The limit goes straight to ureq's per-request timeout, without an
    /// [`AttemptTimeout`] in the extensions.
    fn send_within(
        &self,
        request: http::Request<Vec<u8>>,
        limit: Duration,
    ) -> Result<http::Response<Vec<u8>>, HttpError> {
        self.send_capped(request, Some(limit))
    }
}

impl HttpClient {
    /// One attempt, within `cap` (the transport loop's limit) as well as
    /// this client's own timeout.
    fn send_capped(
        &self,
        request: http::Request<Vec<u8>>,
        cap: Option<Duration>,
    ) -> Result<http::Response<Vec<u8>>, HttpError> {
        // A `..` segment would be resolved away by the server (or a proxy)
        // and reach its parent: refuse to send it.
        if has_dot_segment(request.uri()) {
            return Err(HttpError::from(ureq::Error::BadUri(
                "the request path has a `.` or `..` segment, which would address another resource"
                    .to_owned(),
            )));
        }
        // The transport loop's limit for this attempt (the call's total
        // deadline) wins over a longer per-attempt timeout.
        let timeout = match (self.timeout, cap) {
            (Some(own), Some(cap)) => Some(own.min(cap)),
            (own, cap) => own.or(cap),
        };
        let bodiless = request.body().is_empty()
            && matches!(
                *request.method(),
                http::Method::GET | http::Method::HEAD | http::Method::DELETE
            );
        let response = if bodiless {
            let (parts, _) = request.into_parts();
            self.run(http::Request::from_parts(parts, ()), timeout)
        } else {
            self.run(request, timeout)
        }?;
        let (parts, mut body) = response.into_parts();
        // A body announced larger than the limit is refused before a byte
        // of it is read (reading up to the limit first would spend memory
        // and time on an answer that is refused anyway).
        let announced = parts
            .headers
            .get(http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if announced.is_some_and(|length| length > self.max_body_size) {
            return Err(HttpError::from(ureq::Error::BodyExceedsLimit(
                self.max_body_size,
            )));
        }
        let bytes = body
            .with_config()
            .limit(self.max_body_size)
            .read_to_vec()
            .map_err(HttpError::from)?;
        Ok(http::Response::from_parts(parts, bytes))
    }
    /// PUTs `body` (the bytes of an upload part, streamed) with `head`'s
    /// method, URL and headers (its `Content-Length` says how many), and
    /// returns the answer's status and headers (at most 64 KiB of its body
    /// is read, then dropped).
    pub(crate) fn put_part(
        &self,
        head: http::Request<()>,
        mut body: impl io::Read,
        timeout: Duration,
    ) -> Result<(http::StatusCode, http::HeaderMap), HttpError> {
        let (parts, ()) = head.into_parts();
        let request = http::Request::from_parts(parts, ureq::SendBody::from_reader(&mut body));
        let response = self.run(request, Some(timeout))?;
        let (parts, mut answer) = response.into_parts();
        // The answer's body is not used; reading a little of it lets the
        // connection be reused.
        let _ = answer.with_config().limit(64 * 1024).read_to_vec();
        Ok((parts.status, parts.headers))
    }

    fn run<B: ureq::AsSendBody>(
        &self,
        request: http::Request<B>,
        timeout: Option<Duration>,
    ) -> Result<http::Response<ureq::Body>, HttpError> {
        let request = self
            .agent
            .configure_request(request)
            .max_redirects(0)
            .http_status_as_error(false)
            .timeout_global(timeout)
            .build();
        self.agent.run(request).map_err(HttpError::from)
    }
}

/// Why ureq got no complete response, classified for the retry rules.
///
/// ```
/// use linkedin::blocking::HttpError;
/// use linkedin::restli::retry::TransportFailure;
/// use linkedin::restli::transport::TransportError;
///
/// let err = HttpError::from(ureq::Error::HostNotFound);
/// assert_eq!(err.failure(), TransportFailure::Connect);
/// ```
#[derive(Debug)]
pub struct HttpError {
    failure: TransportFailure,
    source: ureq::Error,
}

impl HttpError {
    /// The underlying ureq error.
    ///
    /// ```
    /// let err = linkedin::blocking::HttpError::from(ureq::Error::ConnectionFailed);
    /// assert!(matches!(err.inner(), ureq::Error::ConnectionFailed));
    /// ```
    pub fn inner(&self) -> &ureq::Error {
        &self.source
    }
}

impl From<ureq::Error> for HttpError {
    fn from(source: ureq::Error) -> Self {
        HttpError {
            failure: classify(&source),
            source,
        }
    }
}

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.source {
            ureq::Error::BodyExceedsLimit(limit) => {
                linkedin_client_core::BodyTooLarge { limit: *limit }.fmt(f)
            }
            other => other.fmt(f),
        }
    }
}

impl std::error::Error for HttpError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.source {
            // The message above says it all; ureq's would repeat it.
            ureq::Error::BodyExceedsLimit(_) => None,
            other => Some(other),
        }
    }
}

impl TransportError for HttpError {
    fn failure(&self) -> TransportFailure {
        self.failure
    }
}

fn classify(error: &ureq::Error) -> TransportFailure {
    match error {
        ureq::Error::Timeout(_) => TransportFailure::Timeout,
        ureq::Error::BodyExceedsLimit(_) => TransportFailure::BodyTooLarge,
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => TransportFailure::Connect,
        ureq::Error::Io(e) => classify_io(e.kind()),
        _ => TransportFailure::Other,
    }
}

fn classify_io(kind: io::ErrorKind) -> TransportFailure {
    use io::ErrorKind as K;
    match kind {
        K::ConnectionRefused
        | K::NotConnected
        | K::AddrNotAvailable
        | K::AddrInUse
        | K::HostUnreachable
        | K::NetworkUnreachable
        | K::NetworkDown => TransportFailure::Connect,
        K::TimedOut | K::WouldBlock => TransportFailure::Timeout,
        K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof => {
            TransportFailure::ConnectionReset
        }
        _ => TransportFailure::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_are_classified() {
        let of = |kind| HttpError::from(ureq::Error::Io(io::Error::from(kind))).failure();
        assert_eq!(
            of(io::ErrorKind::ConnectionRefused),
            TransportFailure::Connect
        );
        assert_eq!(of(io::ErrorKind::TimedOut), TransportFailure::Timeout);
        assert_eq!(
            of(io::ErrorKind::UnexpectedEof),
            TransportFailure::ConnectionReset
        );
        assert_eq!(
            of(io::ErrorKind::ConnectionReset),
            TransportFailure::ConnectionReset
        );
        assert_eq!(of(io::ErrorKind::InvalidData), TransportFailure::Other);
    }

    #[test]
    fn ureq_timeouts_are_timeouts() {
        let err = HttpError::from(ureq::Error::Timeout(ureq::Timeout::Global));
        assert_eq!(err.failure(), TransportFailure::Timeout);
    }
}
