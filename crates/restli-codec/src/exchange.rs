//! One request's life, from first attempt to typed result, as a state
//! machine a transport drives.
//!
//! A transport is a loop: ask the [`Exchange`] for the request to send, send
//! it, hand back the response (or the transport failure), and either wait
//! the delay it answers and go round again, or return the result. Retry
//! rules, tunneling and parsing all stay here, written once for every
//! transport.
//!
//! ```
//! use std::time::SystemTime;
//! use restli_codec::exchange::{Exchange, Next};
//! use restli_codec::response::EntityResponse;
//! use restli_codec::retry::RetryPolicy;
//! use restli_codec::{Request, RequestConfig};
//!
//! let mut exchange = Exchange::new(
//!     &Request::get("/me"),
//!     &RequestConfig::new(),
//!     Some("token"),
//!     RetryPolicy::default(),
//! )?;
//! // A stand-in for an HTTP client: first a 503, then the entity.
//! let mut answers = vec![
//!     http::Response::builder().status(200).body(br#"{"id":"abc"}"#.to_vec())?,
//!     http::Response::builder().status(503).body(Vec::new())?,
//! ];
//! let me: EntityResponse = loop {
//!     let _request = exchange.request();
//!     let response = answers.pop().unwrap();
//!     match exchange.on_response(response, SystemTime::now(), 0.0) {
//!         Next::Done(result) => break result?,
//!         Next::Retry(delay) => { /* sleep for `delay`, then loop */ }
//!     }
//! };
//! assert_eq!(me.entity["id"], "abc");
//! assert_eq!(exchange.attempt(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::time::{Duration, SystemTime};

use crate::method::Method;
use crate::request::{DynamicRequest, RequestConfig, RequestError};
use crate::response::{FromResponse, ResponseError};
use crate::retry::{Outcome, RetryDecision, RetryPolicy, StopReason, TransportFailure};

/// What a transport does next.
#[derive(Debug)]
#[must_use]
pub enum Next<T> {
    /// Stop with this result.
    Done(T),
    /// Wait this long, then send [`Exchange::request`] again.
    Retry(Duration),
}

/// A request being sent, with its retry state.
///
/// Its `Debug` shows the method, the URL (values of secret-looking query
/// parameters redacted), the header names, the body's length and the retry
/// state, never a header value or the body: the body of an OAuth request
/// holds the client secret and the refresh token.
///
/// ```
/// use restli_codec::{Method, exchange::Exchange, retry::RetryPolicy};
///
/// let http = http::Request::post("https://www.linkedin.com/oauth/v2/accessToken")
///     .header("authorization", "Bearer AQV-secret")
///     .body(b"grant_type=refresh_token&refresh_token=AQX-secret".to_vec())?;
/// let exchange = Exchange::from_http(Method::Action, http.uri().to_string(), http, RetryPolicy::none());
/// let shown = format!("{exchange:?}");
/// assert!(!shown.contains("secret"));
/// assert!(shown.contains("authorization") && shown.contains("body_len: 49"));
/// # Ok::<(), http::Error>(())
/// ```
pub struct Exchange {
    method: Method,
    url: String,
    parts: RequestParts,
    policy: RetryPolicy,
    attempt: u32,
    /// When the first attempt started (for the total deadline).
    started: Option<SystemTime>,
    /// Why the exchange stopped retrying, once it did.
    stopped: Option<StopReason>,
}

/// The pieces of an `http::Request` (which is not `Clone`).
#[derive(Clone)]
struct RequestParts {
    method: http::Method,
    uri: http::Uri,
    headers: http::HeaderMap,
    body: Vec<u8>,
}

impl fmt::Debug for Exchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Exchange")
            .field("method", &self.method)
            .field("url", &RedactedUrl(&self.url))
            .field("parts", &self.parts)
            .field("policy", &self.policy)
            .field("attempt", &self.attempt)
            .field("stopped", &self.stopped)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for RequestParts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let uri = self.uri.to_string();
        f.debug_struct("RequestParts")
            .field("method", &self.method)
            .field("uri", &RedactedUrl(&uri))
            .field("header_names", &HeaderNames(&self.headers))
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Query parameters whose values are never shown: OAuth's secrets, should
/// one ever travel in a URL.
const SECRET_PARAMS: [&str; 9] = [
    "access_token",
    "refresh_token",
    "client_secret",
    "code",
    "code_verifier",
    "state",
    "token",
    "id_token",
    "oauth2_access_token",
];

/// A URL whose secret-looking query values print as `[redacted]`.
struct RedactedUrl<'a>(&'a str);

impl fmt::Debug for RedactedUrl<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        let (base, query) = match self.0.split_once('?') {
            Some((base, query)) => (base, Some(query)),
            None => (self.0, None),
        };
        f.write_str(base)?;
        if let Some(query) = query {
            f.write_str("?")?;
            for (i, pair) in query.split('&').enumerate() {
                if i > 0 {
                    f.write_str("&")?;
                }
                match pair.split_once('=') {
                    Some((name, _)) if is_secret_param(name) => write!(f, "{name}=[redacted]")?,
                    _ => f.write_str(pair)?,
                }
            }
        }
        f.write_str("\"")
    }
}

fn is_secret_param(name: &str) -> bool {
    SECRET_PARAMS
        .iter()
        .any(|secret| name.eq_ignore_ascii_case(secret))
}

/// The names of a header map, without a value.
struct HeaderNames<'a>(&'a http::HeaderMap);

impl fmt::Debug for HeaderNames<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.keys().map(http::HeaderName::as_str))
            .finish()
    }
}

impl Exchange {
    /// Builds the HTTP request once (tunneled if need be) and starts at
    /// attempt 1.
    ///
    /// # Errors
    ///
    /// Any [`RequestError`] from [`DynamicRequest::to_http`].
    pub fn new(
        request: &(impl AsRef<DynamicRequest> + ?Sized),
        config: &RequestConfig,
        access_token: Option<&str>,
        policy: RetryPolicy,
    ) -> Result<Self, RequestError> {
        let request = request.as_ref();
        // One resolution of the path and query gives both.
        let (http, url) = request.to_http_and_url(config, access_token)?;
        Ok(Exchange::from_http(request.method(), url, http, policy))
    }

    /// Starts an exchange for a request built elsewhere (an OAuth token
    /// request, say), retried by the rules for `method`.
    ///
    /// ```
    /// use restli_codec::{Method, exchange::Exchange, retry::RetryPolicy};
    ///
    /// let http = http::Request::post("https://www.linkedin.com/oauth/v2/accessToken").body(Vec::new())?;
    /// let exchange = Exchange::from_http(Method::Action, http.uri().to_string(), http, RetryPolicy::none());
    /// assert_eq!(exchange.url(), "https://www.linkedin.com/oauth/v2/accessToken");
    /// # Ok::<(), http::Error>(())
    /// ```
    pub fn from_http(
        method: Method,
        url: String,
        request: http::Request<Vec<u8>>,
        policy: RetryPolicy,
    ) -> Self {
        let (parts, body) = request.into_parts();
        Exchange {
            method,
            url,
            parts: RequestParts {
                method: parts.method,
                uri: parts.uri,
                headers: parts.headers,
                body,
            },
            policy,
            attempt: 1,
            started: None,
            stopped: None,
        }
    }

    /// How long the attempt about to be sent may take: `per_attempt` (the
    /// transport's timeout) cut to what is left of the policy's
    /// [`total_timeout`](RetryPolicy::total_timeout); `None` when nothing
    /// is left (do not send; report a timeout). The first call starts the
    /// total deadline's clock at `now`.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use restli_codec::{Request, RequestConfig, exchange::Exchange, retry::RetryPolicy};
    ///
    /// let policy = RetryPolicy::default().total_timeout(Duration::from_secs(40));
    /// let mut exchange = Exchange::new(&Request::get("/me"), &RequestConfig::new(), None, policy)?;
    /// let t0 = SystemTime::UNIX_EPOCH;
    /// let per_attempt = Duration::from_secs(30);
    /// assert_eq!(exchange.attempt_timeout(t0, per_attempt), Some(per_attempt));
    /// assert_eq!(exchange.attempt_timeout(t0 + Duration::from_secs(25), per_attempt), Some(Duration::from_secs(15)));
    /// assert_eq!(exchange.attempt_timeout(t0 + Duration::from_secs(40), per_attempt), None);
    /// # Ok::<(), restli_codec::RequestError>(())
    /// ```
    pub fn attempt_timeout(&mut self, now: SystemTime, per_attempt: Duration) -> Option<Duration> {
        let started = *self.started.get_or_insert(now);
        let left = self.policy.time_left(started, now, per_attempt);
        if left.is_none() {
            self.stopped = Some(StopReason::DeadlineExceeded);
        }
        left
    }

    /// Why the exchange stopped retrying; `None` while it may still retry.
    /// A transport uses it to say why a call gave up (the total deadline,
    /// a daily rate limit, ...).
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use restli_codec::{Request, RequestConfig, exchange::{Exchange, Next}, retry::{RetryPolicy, StopReason}};
    ///
    /// let mut exchange = Exchange::new(&Request::get("/me"), &RequestConfig::new(), None, RetryPolicy::none())?;
    /// let answer = http::Response::builder().status(503).body(Vec::new())?;
    /// let next = exchange.on_response::<http::Response<Vec<u8>>>(answer, SystemTime::UNIX_EPOCH, 0.0);
    /// assert!(matches!(next, Next::Done(_)));
    /// assert_eq!(exchange.stop_reason(), Some(StopReason::AttemptsExhausted));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn stop_reason(&self) -> Option<StopReason> {
        self.stopped
    }

    /// The policy's decision, held to the total deadline.
    fn decide(&mut self, outcome: &Outcome<'_>, now: SystemTime, random: f64) -> RetryDecision {
        let started = *self.started.get_or_insert(now);
        let decision = self
            .policy
            .decide(self.method, self.attempt, outcome, now, random);
        let decision = self.policy.fits_deadline(decision, started, now);
        match decision {
            RetryDecision::RetryAfter(_) => self.attempt += 1,
            RetryDecision::Stop(reason) => self.stopped = Some(reason),
        }
        decision
    }

    /// The request to send for the current attempt.
    ///
    /// ```
    /// # use restli_codec::{Request, RequestConfig, exchange::Exchange, retry::RetryPolicy};
    /// let exchange = Exchange::new(&Request::get("/me"), &RequestConfig::new(), None, RetryPolicy::default())?;
    /// assert_eq!(exchange.request().uri(), "https://api.linkedin.com/v2/me");
    /// # Ok::<(), restli_codec::RequestError>(())
    /// ```
    pub fn request(&self) -> http::Request<Vec<u8>> {
        let mut request = http::Request::new(self.parts.body.clone());
        *request.method_mut() = self.parts.method.clone();
        *request.uri_mut() = self.parts.uri.clone();
        *request.headers_mut() = self.parts.headers.clone();
        request
    }

    /// The Rest.li method.
    ///
    /// ```
    /// # use restli_codec::{Method, Request, RequestConfig, exchange::Exchange, retry::RetryPolicy};
    /// let exchange = Exchange::new(&Request::delete("/x"), &RequestConfig::new(), None, RetryPolicy::default())?;
    /// assert_eq!(exchange.method(), Method::Delete);
    /// # Ok::<(), restli_codec::RequestError>(())
    /// ```
    pub fn method(&self) -> Method {
        self.method
    }

    /// The HTTP method sent (`POST` for a tunneled request).
    ///
    /// ```
    /// # use restli_codec::{Request, RequestConfig, exchange::Exchange, retry::RetryPolicy};
    /// let exchange = Exchange::new(&Request::delete("/x"), &RequestConfig::new(), None, RetryPolicy::default())?;
    /// assert_eq!(exchange.http_method(), http::Method::DELETE);
    /// # Ok::<(), restli_codec::RequestError>(())
    /// ```
    pub fn http_method(&self) -> &http::Method {
        &self.parts.method
    }

    /// The request's URL before tunneling (for logs and response metadata).
    ///
    /// ```
    /// # use restli_codec::{Request, RequestConfig, exchange::Exchange, retry::RetryPolicy};
    /// let exchange = Exchange::new(&Request::get("/me"), &RequestConfig::new(), None, RetryPolicy::default())?;
    /// assert_eq!(exchange.url(), "https://api.linkedin.com/v2/me");
    /// # Ok::<(), restli_codec::RequestError>(())
    /// ```
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The 1-based number of the current attempt.
    ///
    /// ```
    /// # use restli_codec::{Request, RequestConfig, exchange::Exchange, retry::RetryPolicy};
    /// let exchange = Exchange::new(&Request::get("/me"), &RequestConfig::new(), None, RetryPolicy::default())?;
    /// assert_eq!(exchange.attempt(), 1);
    /// # Ok::<(), restli_codec::RequestError>(())
    /// ```
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// Replaces the bearer token for the following attempts (after a token
    /// refresh).
    ///
    /// ```
    /// # use restli_codec::{Request, RequestConfig, exchange::Exchange, retry::RetryPolicy};
    /// let mut exchange = Exchange::new(&Request::get("/me"), &RequestConfig::new(), Some("old"), RetryPolicy::default())?;
    /// exchange.set_access_token("new");
    /// assert_eq!(exchange.request().headers()["authorization"], "Bearer new");
    /// # Ok::<(), restli_codec::RequestError>(())
    /// ```
    pub fn set_access_token(&mut self, access_token: &str) {
        if let Ok(mut value) = http::HeaderValue::from_str(&format!("Bearer {access_token}")) {
            value.set_sensitive(true);
            self.parts
                .headers
                .insert(http::header::AUTHORIZATION, value);
        }
    }

    /// Consumes the answer to the current attempt: retry after a delay, or
    /// the parsed result (a typed response, or the [`ResponseError`] of a
    /// final failure status).
    ///
    /// `now` (when the answer arrived) serves `Retry-After` dates, the
    /// total deadline and, for a response without a `Date` header, the
    /// reset time of a rate limit ([`ApiError::rate_limit`](crate::response::ApiError::rate_limit));
    /// `random` in `[0, 1)` is the jitter. A retry that would end past the
    /// policy's total deadline is not taken.
    pub fn on_response<R: FromResponse>(
        &mut self,
        response: http::Response<Vec<u8>>,
        now: SystemTime,
        random: f64,
    ) -> Next<Result<R, ResponseError>> {
        match self.decide(&Outcome::of(&response), now, random) {
            RetryDecision::RetryAfter(delay) => Next::Retry(delay),
            RetryDecision::Stop(_) => {
                Next::Done(R::from_http(response, &self.url).map_err(|err| match err {
                    ResponseError::Api(api) => ResponseError::Api(api.received_at(now)),
                    other => other,
                }))
            }
        }
    }

    /// Consumes a transport failure of the current attempt: retry after a
    /// delay, or `Done(())` to give up and report the failure.
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use restli_codec::exchange::{Exchange, Next};
    /// use restli_codec::retry::{RetryPolicy, TransportFailure};
    /// use restli_codec::{Request, RequestConfig};
    ///
    /// let config = RequestConfig::new();
    /// let mut get = Exchange::new(&Request::get("/me"), &config, None, RetryPolicy::default())?;
    /// assert!(matches!(get.on_failure(TransportFailure::ConnectionReset, SystemTime::now(), 0.0), Next::Retry(_)));
    ///
    /// let mut create = Exchange::new(&Request::create("/x", &()), &config, None, RetryPolicy::default())?;
    /// assert!(matches!(create.on_failure(TransportFailure::ConnectionReset, SystemTime::now(), 0.0), Next::Done(())));
    /// # Ok::<(), restli_codec::RequestError>(())
    /// ```
    pub fn on_failure(
        &mut self,
        failure: TransportFailure,
        now: SystemTime,
        random: f64,
    ) -> Next<()> {
        match self.decide(&Outcome::Transport(failure), now, random) {
            RetryDecision::RetryAfter(delay) => Next::Retry(delay),
            RetryDecision::Stop(_) => Next::Done(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "s3cr3t-refresh-value";

    fn leaks(shown: &str) -> bool {
        linkedin_test_support::leaks::shows_secret(shown, SECRET)
    }

    #[test]
    fn debug_never_shows_the_body_or_header_values() {
        let body =
            format!("grant_type=refresh_token&refresh_token={SECRET}&client_secret={SECRET}");
        let http = http::Request::post(format!(
            "https://www.linkedin.com/oauth/v2/accessToken?client_secret={SECRET}&q=1"
        ))
        .header("authorization", format!("Bearer {SECRET}"))
        .body(body.into_bytes())
        .unwrap();
        let url = http.uri().to_string();
        let exchange = Exchange::from_http(Method::Action, url, http, RetryPolicy::default());
        for shown in [format!("{exchange:?}"), format!("{exchange:#?}")] {
            assert!(!leaks(&shown), "{shown}");
            assert!(shown.contains("authorization"), "{shown}");
            assert!(shown.contains("client_secret=[redacted]&q=1"), "{shown}");
            assert!(shown.contains("body_len"), "{shown}");
        }
        // The check itself finds a derived Debug's byte list.
        assert!(leaks(&format!("{:?}", SECRET.as_bytes())));
        assert!(leaks(&format!("{:#?}", SECRET.as_bytes())));
    }

    fn get() -> Exchange {
        let policy = RetryPolicy::default()
            .total_timeout(Duration::from_secs(10))
            .max_attempts(100)
            .base_delay(Duration::from_secs(1))
            .max_delay(Duration::from_secs(1));
        Exchange::new(
            &crate::Request::get("/me"),
            &RequestConfig::new(),
            None,
            policy,
        )
        .unwrap()
    }

    fn unavailable() -> http::Response<Vec<u8>> {
        http::Response::builder()
            .status(503)
            .body(Vec::new())
            .unwrap()
    }

    #[test]
    fn no_retry_starts_past_the_total_deadline() {
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let mut exchange = get();
        let mut now = t0;
        let mut attempts = 0;
        loop {
            let timeout = exchange.attempt_timeout(now, Duration::from_secs(30));
            let Some(timeout) = timeout else { break };
            assert!(now + timeout <= t0 + Duration::from_secs(10));
            attempts += 1;
            // Each answer takes 3 s to come.
            now += Duration::from_secs(3);
            match exchange.on_response::<http::Response<Vec<u8>>>(unavailable(), now, 1.0) {
                Next::Retry(delay) => now += delay,
                Next::Done(result) => {
                    assert_eq!(result.unwrap().status(), 503);
                    break;
                }
            }
            assert!(attempts < 10, "unbounded");
        }
        // The answers at 3 s and 7 s are retried (their 1 s waits end
        // before 10 s); the third attempt gets the 2 s left, and its answer
        // (at 11 s here) is final.
        assert!(attempts <= 3, "{attempts}");
        assert!(matches!(
            exchange.stop_reason(),
            Some(StopReason::DeadlineExceeded)
        ));
    }

    #[test]
    fn a_failed_attempt_past_the_deadline_is_not_retried() {
        let t0 = SystemTime::UNIX_EPOCH;
        let mut exchange = get();
        assert_eq!(
            exchange.attempt_timeout(t0, Duration::from_secs(30)),
            Some(Duration::from_secs(10))
        );
        let late = t0 + Duration::from_secs(10);
        assert!(matches!(
            exchange.on_failure(TransportFailure::Timeout, late, 0.5),
            Next::Done(())
        ));
        assert_eq!(exchange.stop_reason(), Some(StopReason::DeadlineExceeded));
    }
}
