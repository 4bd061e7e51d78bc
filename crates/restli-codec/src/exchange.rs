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

use std::time::{Duration, SystemTime};

use crate::method::Method;
use crate::request::{Request, RequestConfig, RequestError};
use crate::response::{FromResponse, ResponseError};
use crate::retry::{Outcome, RetryDecision, RetryPolicy, TransportFailure};

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
#[derive(Debug)]
pub struct Exchange {
    method: Method,
    url: String,
    parts: RequestParts,
    policy: RetryPolicy,
    attempt: u32,
}

/// The pieces of an `http::Request` (which is not `Clone`).
#[derive(Debug, Clone)]
struct RequestParts {
    method: http::Method,
    uri: http::Uri,
    headers: http::HeaderMap,
    body: Vec<u8>,
}

impl Exchange {
    /// Builds the HTTP request once (tunneled if need be) and starts at
    /// attempt 1.
    ///
    /// # Errors
    ///
    /// Any [`RequestError`] from [`Request::to_http`].
    pub fn new(
        request: &Request,
        config: &RequestConfig,
        access_token: Option<&str>,
        policy: RetryPolicy,
    ) -> Result<Self, RequestError> {
        let url = request.url(config)?;
        let http = request.to_http(config, access_token)?;
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
        }
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
    /// `now` serves `Retry-After` dates; `random` in `[0, 1)` is the jitter.
    pub fn on_response<R: FromResponse>(
        &mut self,
        response: http::Response<Vec<u8>>,
        now: SystemTime,
        random: f64,
    ) -> Next<Result<R, ResponseError>> {
        let decision = self.policy.decide(
            self.method,
            self.attempt,
            &Outcome::of(&response),
            now,
            random,
        );
        match decision {
            RetryDecision::RetryAfter(delay) => {
                self.attempt += 1;
                Next::Retry(delay)
            }
            RetryDecision::Stop(_) => Next::Done(R::from_http(response, &self.url)),
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
        match self.policy.decide(
            self.method,
            self.attempt,
            &Outcome::Transport(failure),
            now,
            random,
        ) {
            RetryDecision::RetryAfter(delay) => {
                self.attempt += 1;
                Next::Retry(delay)
            }
            RetryDecision::Stop(_) => Next::Done(()),
        }
    }
}
