//! The one error type of this crate and its parts.
//!
//! No message, `Debug` output or source here contains an access token, a
//! refresh token or a client secret: requests are named by their URL
//! (tokens travel in headers and form bodies, never in URLs) and OAuth
//! failures quote LinkedIn's error code, never the request.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use restli_codec::response::{ApiError, ResponseError};
use restli_codec::retry::TransportFailure;
use restli_codec::{Method, PagingError, RequestError, VersionError, WrongMethod};

/// Anything that can go wrong with a [`Client`](crate::Client) call.
///
/// Match on the variant to react (wait and retry, authorize again, fix the
/// request), or ask the accessors ([`status`](Error::status),
/// [`api_error`](Error::api_error), [`is_timeout`](Error::is_timeout)).
///
/// ```
/// use linkedin_ureq::{Client, Error, Request, TokenError};
///
/// // No token configured: the call fails before anything is sent.
/// let client = Client::builder().build()?;
/// let err = client.get::<serde_json::Value>(Request::get("/me")).unwrap_err();
/// assert!(matches!(err, Error::Token(TokenError::Missing)));
/// assert!(err.to_string().contains(".access_token("));
/// # Ok::<(), Error>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The client could not be configured.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The request could not be built (a key that cannot be encoded, a path
    /// template whose keys do not match, an invalid header...).
    #[error(transparent)]
    Request(#[from] RequestError),
    /// A request of one Rest.li method was passed to the call of another
    /// (a FINDER request to `client.get`, say).
    #[error(
        "`{call}` takes {} requests but was given a {} request: call the method that matches it, or `send`, which takes any",
        WrongMethod { call, expected, found: *found }.expected_names(),
        found.as_str().to_ascii_uppercase()
    )]
    WrongMethod {
        /// The client method that was called (`get`, `paginate`, ...).
        call: &'static str,
        /// The Rest.li methods that call takes.
        expected: &'static [Method],
        /// The request's method.
        found: Method,
    },
    /// The server answered with an error status (after any retries).
    #[error(transparent)]
    Api(Box<ApiError>),
    /// A 2xx response whose body is not what the method promises.
    #[error(transparent)]
    Decode(Box<ResponseError>),
    /// No complete response arrived (after any retries).
    #[error(transparent)]
    Transport(Box<TransportFailed>),
    /// No usable access token: none configured, expired beyond refresh, or
    /// the refresh failed.
    #[error(transparent)]
    Token(#[from] TokenError),
    /// Paging through a collection failed (the server ignored `start`).
    #[error(transparent)]
    Paging(#[from] PagingError),
    /// An OAuth endpoint answered with an error or an unreadable body.
    #[error("the OAuth request to {url} failed: {source}")]
    OAuth {
        /// The OAuth endpoint.
        url: String,
        /// What LinkedIn answered.
        source: linkedin_oauth::ResponseError,
    },
}

impl Error {
    /// The HTTP status of the answer, when there was one.
    ///
    /// ```
    /// use linkedin_ureq::restli::response::{ApiError, ResponseMeta};
    ///
    /// let api = ApiError::new(ResponseMeta::new(http::StatusCode::NOT_FOUND, Default::default(), "/x"), b"");
    /// assert_eq!(linkedin_ureq::Error::from(api).status().map(|s| s.as_u16()), Some(404));
    /// ```
    pub fn status(&self) -> Option<http::StatusCode> {
        match self {
            Error::Api(err) => Some(err.status()),
            Error::Decode(err) => Some(err.status()),
            Error::OAuth { source, .. } => Some(source.status()),
            _ => None,
        }
    }

    /// LinkedIn's error (status, `serviceErrorCode`, message...), when the
    /// server answered with one.
    ///
    /// ```
    /// use linkedin_ureq::restli::response::{ApiError, ResponseMeta};
    ///
    /// let api = ApiError::new(
    ///     ResponseMeta::new(http::StatusCode::FORBIDDEN, Default::default(), "/x"),
    ///     br#"{"status":403,"serviceErrorCode":100,"message":"Not enough permissions"}"#,
    /// );
    /// let err = linkedin_ureq::Error::from(api);
    /// assert_eq!(err.api_error().and_then(|e| e.service_error_code()), Some(100));
    /// ```
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(err) => Some(err),
            _ => None,
        }
    }

    /// Why no response arrived, for transport errors.
    ///
    /// ```
    /// use linkedin_ureq::{Error, TokenError};
    /// assert_eq!(Error::from(TokenError::Missing).transport_failure(), None);
    /// ```
    pub fn transport_failure(&self) -> Option<TransportFailure> {
        match self {
            Error::Transport(err) => Some(err.failure()),
            _ => None,
        }
    }

    /// True when the last attempt timed out.
    ///
    /// ```
    /// use std::time::Duration;
    /// use linkedin_ureq::{Error, TransportFailed};
    ///
    /// let err = Error::from(TransportFailed::timed_out("http://127.0.0.1:1/v2/me", Duration::from_secs(1), 1));
    /// assert!(err.is_timeout());
    /// ```
    pub fn is_timeout(&self) -> bool {
        self.transport_failure() == Some(TransportFailure::Timeout)
    }
}

impl From<ApiError> for Error {
    fn from(err: ApiError) -> Self {
        Error::Api(Box::new(err))
    }
}

impl From<ResponseError> for Error {
    fn from(err: ResponseError) -> Self {
        match err {
            ResponseError::Api(api) => Error::Api(Box::new(api)),
            other => Error::Decode(Box::new(other)),
        }
    }
}

impl From<WrongMethod> for Error {
    fn from(err: WrongMethod) -> Self {
        Error::WrongMethod {
            call: err.call,
            expected: err.expected,
            found: err.found,
        }
    }
}

impl From<TransportFailed> for Error {
    fn from(err: TransportFailed) -> Self {
        Error::Transport(Box::new(err))
    }
}

impl From<VersionError> for Error {
    fn from(err: VersionError) -> Self {
        Error::Config(ConfigError::Version(err))
    }
}

/// The client could not be configured.
///
/// ```
/// use linkedin_ureq::{Client, ConfigError, Error};
///
/// let err = Client::builder().version("2024").unwrap_err();
/// assert!(matches!(err, Error::Config(ConfigError::Version(_))));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The default `LinkedIn-Version` is not `YYYYMM` or `YYYYMM.RR`.
    #[error(transparent)]
    Version(#[from] VersionError),
    /// An OAuth call on a client without an OAuth application.
    #[error(
        "no OAuth application configured: call `.oauth(OAuthConfig::new(client_id, client_secret))` on the client builder (or give it a `.token_source(..)`, whose application is then used)"
    )]
    NoOAuth,
}

/// No usable access token. Cheap to clone: a failed refresh reaches every
/// caller that waited for it as the same error.
///
/// ```
/// let err = linkedin_ureq::TokenError::Missing;
/// assert!(err.to_string().starts_with("no access token configured"));
/// ```
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// The client has neither a static token nor a token source, and the
    /// call brought none.
    #[error(
        "no access token configured: call `.access_token(AccessToken::new(..))` or `.token_source(TokenSource::new(oauth, tokens))` on the client builder, or pass one per call with `client.with_access_token(&token)`"
    )]
    Missing,
    /// The access token has expired and cannot be refreshed.
    #[error("the access token has expired and cannot be refreshed: {reason}")]
    Expired {
        /// Why it cannot be refreshed, and what to do.
        reason: &'static str,
    },
    /// The refresh (or client-credentials) request failed; every caller
    /// that waited for it receives this same error.
    #[error("refreshing the access token failed: {source}")]
    RefreshFailed {
        /// The refresh's error.
        source: Arc<Error>,
    },
}

/// No complete response arrived: the connection could not be opened, broke
/// before the response was complete, or the timeout passed. `attempts`
/// counts every try.
///
/// ```
/// use std::time::Duration;
/// use linkedin_ureq::{Error, TransportFailed};
///
/// let err = Error::from(TransportFailed::timed_out("https://api.linkedin.com/v2/me", Duration::from_secs(30), 4));
/// assert!(err.is_timeout());
/// assert!(err.to_string().contains("4 attempts"));
/// ```
#[derive(Debug)]
pub struct TransportFailed {
    failure: TransportFailure,
    attempts: u32,
    url: String,
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl TransportFailed {
    /// A failure reported by the HTTP stack.
    ///
    /// ```
    /// use linkedin_ureq::TransportFailed;
    /// use linkedin_ureq::restli::retry::TransportFailure;
    ///
    /// let io = std::io::Error::from(std::io::ErrorKind::ConnectionReset);
    /// let err = TransportFailed::new(TransportFailure::ConnectionReset, "http://127.0.0.1:1/v2/x", 1, io);
    /// assert_eq!(err.failure(), TransportFailure::ConnectionReset);
    /// ```
    pub fn new(
        failure: TransportFailure,
        url: impl Into<String>,
        attempts: u32,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        TransportFailed::boxed(failure, url.into(), attempts, Box::new(source))
    }

    pub(crate) fn boxed(
        failure: TransportFailure,
        url: String,
        attempts: u32,
        source: Box<dyn std::error::Error + Send + Sync>,
    ) -> Self {
        TransportFailed {
            failure,
            attempts,
            url,
            source,
        }
    }

    /// The timeout passed without a complete response.
    ///
    /// ```
    /// use std::time::Duration;
    /// let err = linkedin_ureq::TransportFailed::timed_out("http://127.0.0.1:1/v2/x", Duration::from_millis(250), 1);
    /// assert!(err.to_string().contains("250ms"));
    /// ```
    pub fn timed_out(url: impl Into<String>, after: Duration, attempts: u32) -> Self {
        TransportFailed::new(TransportFailure::Timeout, url, attempts, TimedOut { after })
    }

    /// What ended the last attempt.
    ///
    /// ```
    /// use std::time::Duration;
    /// use linkedin_ureq::restli::retry::TransportFailure;
    /// let err = linkedin_ureq::TransportFailed::timed_out("http://127.0.0.1:1/", Duration::from_secs(1), 1);
    /// assert_eq!(err.failure(), TransportFailure::Timeout);
    /// ```
    pub fn failure(&self) -> TransportFailure {
        self.failure
    }

    /// How many attempts were made in all.
    ///
    /// ```
    /// use std::time::Duration;
    /// let err = linkedin_ureq::TransportFailed::timed_out("http://127.0.0.1:1/", Duration::from_secs(1), 3);
    /// assert_eq!(err.attempts(), 3);
    /// ```
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The URL of the request (before tunneling).
    ///
    /// ```
    /// use std::time::Duration;
    /// let err = linkedin_ureq::TransportFailed::timed_out("http://127.0.0.1:1/v2/me", Duration::from_secs(1), 1);
    /// assert_eq!(err.url(), "http://127.0.0.1:1/v2/me");
    /// ```
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl fmt::Display for TransportFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.failure {
            TransportFailure::Connect => "could not connect",
            TransportFailure::Timeout => "no complete response within the timeout",
            TransportFailure::ConnectionReset => {
                "the connection was closed before the whole response arrived"
            }
            _ => "the request failed",
        };
        let attempts = match self.attempts {
            1 => "1 attempt".to_owned(),
            n => format!("{n} attempts"),
        };
        write!(f, "{what} ({}, {attempts}): {}", self.url, self.source)?;
        match self.failure {
            TransportFailure::Timeout => {
                f.write_str("; if the server is just slow, raise `ClientBuilder::timeout`")
            }
            TransportFailure::Connect => {
                f.write_str("; check the endpoint's host and port, and that it is reachable")
            }
            _ => Ok(()),
        }
    }
}

impl std::error::Error for TransportFailed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// How long a timed-out attempt was allowed.
#[derive(Debug, Clone, Copy)]
struct TimedOut {
    after: Duration,
}

impl fmt::Display for TimedOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "nothing complete after {:?}", self.after)
    }
}

impl std::error::Error for TimedOut {}
