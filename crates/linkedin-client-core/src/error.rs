//! The one error type of a LinkedIn client, and its parts.
//!
//! No message, `Debug` output or source in here ever contains an access
//! token, refresh token or client secret: requests are described by their
//! URL (tokens travel in headers and form bodies, never in URLs), and the
//! OAuth errors quote LinkedIn's error codes, never the request.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use linkedin_oauth::{AccessToken, TokenOutcome};
// Every message quotes untrusted text (a server's message, an HTTP
// library's error text, a URL) through the codec's one excerpt helper.
use restli_codec::excerpt::OneLine as Bounded;
use restli_codec::response::{ApiError, ResponseError};
use restli_codec::retry::{RateLimit, TransportFailure};
use restli_codec::{PagingError, RequestError, VersionError};

/// Any error of a client call, whichever transport made it (the async
/// `linkedin-reqwest` and the blocking `linkedin-ureq` share this type).
///
/// Match on the variant to react (retry later, re-authorize, fix the
/// request), or use the accessors ([`status`](Error::status),
/// [`api_error`](Error::api_error), [`is_timeout`](Error::is_timeout)) for
/// the common questions.
///
/// ```
/// use linkedin::client_core::{Error, TokenError};
///
/// let err = Error::from(TokenError::Missing);
/// assert!(err.to_string().contains(".access_token("));
/// assert_eq!(err.status(), None);
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The client could not be configured.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The request could not be built (a key that cannot be encoded, a
    /// path template whose keys do not match, an invalid header, ...).
    #[error(transparent)]
    Request(#[from] RequestError),
    /// The server answered with an error status (after any retries).
    #[error(transparent)]
    Api(Box<ApiError>),
    /// A successful (2xx) response whose body is not what the method
    /// promises.
    #[error(transparent)]
    Decode(Box<ResponseError>),
    /// No complete response arrived (after any retries).
    #[error(transparent)]
    Transport(Box<TransportFailed>),
    /// No usable access token: none configured, expired without a way to
    /// refresh it, or the refresh failed.
    #[error(transparent)]
    Token(#[from] TokenError),
    /// Paging through a collection failed (the server ignored `start`).
    #[error(transparent)]
    Paging(#[from] PagingError),
    /// A typed API call could not be made as given (a URN of the wrong
    /// kind, a poll with one option, a video over LinkedIn's limit ...), or
    /// its answer could not be read as that API documents it. Said before
    /// anything is sent whenever the input alone is wrong.
    #[error(transparent)]
    Resource(Box<linkedin_resources::ResourceError>),
    /// Reading what is to be sent failed (a file that does not exist or
    /// cannot be read, a reader's error); `what` names it (the path, or
    /// "the reader").
    #[error("reading {what}: {source}")]
    Read {
        /// What was being read: a path as given, or "the reader".
        what: String,
        /// The error reading it.
        #[source]
        source: std::io::Error,
    },
    /// An OAuth endpoint answered with an error, or with a body that could
    /// not be read. The message quotes at most
    /// [`EXCERPT_LIMIT`](restli_codec::EXCERPT_LIMIT) characters
    /// of LinkedIn's answer; `source` has all of it.
    #[error("the OAuth request to {} failed: {}", Bounded(url), Bounded(source))]
    OAuth {
        /// The OAuth endpoint.
        url: String,
        /// LinkedIn's answer.
        source: linkedin_oauth::ResponseError,
    },
}

impl Error {
    /// [`Error::Read`] for the file at `path`.
    ///
    /// ```
    /// let err = linkedin::Error::read(std::path::Path::new("a.png"), std::io::ErrorKind::NotFound.into());
    /// assert!(err.to_string().starts_with("reading a.png: "));
    /// ```
    pub fn read(path: &std::path::Path, source: std::io::Error) -> Error {
        Error::Read {
            what: path.display().to_string(),
            source,
        }
    }

    /// [`Error::Read`] for the reader an upload streams from.
    ///
    /// ```
    /// let err = linkedin::Error::reader(std::io::Error::other("closed"));
    /// assert_eq!(err.to_string(), "reading the reader: closed");
    /// ```
    pub fn reader(source: std::io::Error) -> Error {
        Error::Read {
            what: "the reader".into(),
            source,
        }
    }

    /// The HTTP status of the answer, when there was one.
    ///
    /// ```
    /// use linkedin::restli::response::{ApiError, ResponseMeta};
    ///
    /// let api = ApiError::new(ResponseMeta::new(http::StatusCode::NOT_FOUND, Default::default(), "/x"), b"");
    /// let err = linkedin::Error::from(api);
    /// assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    /// ```
    pub fn status(&self) -> Option<http::StatusCode> {
        match self {
            Error::Api(err) => Some(err.status()),
            Error::Decode(err) => Some(err.status()),
            Error::OAuth { source, .. } => Some(source.status()),
            _ => None,
        }
    }

    /// LinkedIn's error (status, `serviceErrorCode`, message, ...), when
    /// the server answered with one.
    ///
    /// ```
    /// use linkedin::restli::response::{ApiError, ResponseMeta};
    ///
    /// let api = ApiError::new(
    ///     ResponseMeta::new(http::StatusCode::FORBIDDEN, Default::default(), "/x"),
    ///     br#"{"status":403,"serviceErrorCode":100,"message":"Not enough permissions"}"#,
    /// );
    /// let err = linkedin::Error::from(api);
    /// assert_eq!(err.api_error().and_then(|e| e.service_error_code()), Some(100));
    /// ```
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(err) => Some(err),
            _ => None,
        }
    }

    /// The rate limit a 429 reported (after the one retry a 429 without
    /// `Retry-After` gets): LinkedIn's limits are daily and reset at
    /// midnight UTC, which [`RateLimit::resets_at`] gives when the message
    /// names a daily limit.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use linkedin::restli::response::{ApiError, ResponseMeta};
    ///
    /// let body = br#"{"status":429,"serviceErrorCode":101,"code":"TOO_MANY_REQUESTS",
    ///     "message":"Resource level throttle MEMBER DAY limit for calls to this resource is reached."}"#;
    /// let api = ApiError::new(ResponseMeta::new(http::StatusCode::TOO_MANY_REQUESTS, Default::default(), "/x"), body)
    ///     .received_at(SystemTime::UNIX_EPOCH + Duration::from_secs(90_000));
    /// let err = linkedin::Error::from(api);
    /// let limit = err.rate_limit().unwrap();
    /// assert_eq!(limit.resets_at(), Some(SystemTime::UNIX_EPOCH + Duration::from_secs(2 * 86_400)));
    /// assert!(err.is_rate_limited());
    /// ```
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.api_error().and_then(ApiError::rate_limit)
    }

    /// True for a 429 answer ([`rate_limit`](Self::rate_limit) has the
    /// details).
    ///
    /// ```
    /// use linkedin::client_core::{Error, TokenError};
    /// assert!(!Error::from(TokenError::Missing).is_rate_limited());
    /// ```
    pub fn is_rate_limited(&self) -> bool {
        self.rate_limit().is_some()
    }

    /// Why no response arrived, for transport errors.
    ///
    /// ```
    /// use linkedin::client_core::{Error, TokenError};
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
    /// use linkedin::client_core::{Error, TransportFailed};
    ///
    /// let err = Error::from(TransportFailed::timed_out("http://127.0.0.1:1/v2/me", Duration::from_secs(1), 1));
    /// assert!(err.is_timeout());
    /// ```
    pub fn is_timeout(&self) -> bool {
        self.transport_failure() == Some(TransportFailure::Timeout)
    }

    /// An OAuth endpoint's refusal (or unreadable answer) as an
    /// [`Error::OAuth`]: `url` is the endpoint, never the form body.
    ///
    /// ```
    /// use linkedin::Error;
    ///
    /// let answer = http::Response::builder()
    ///     .status(400)
    ///     .body(br#"{"error":"invalid_grant","error_description":"expired"}"#.to_vec())?;
    /// let source = linkedin::oauth::RefreshedToken::from_response(&answer, std::time::SystemTime::UNIX_EPOCH)
    ///     .unwrap_err();
    /// let err = Error::oauth("https://www.linkedin.com/oauth/v2/accessToken", source);
    /// assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    /// assert!(err.to_string().contains("invalid_grant"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn oauth(url: impl Into<String>, source: linkedin_oauth::ResponseError) -> Self {
        Error::OAuth {
            url: url.into(),
            source,
        }
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
/// use linkedin::client_core::{ClientBuilder, ClientSettings, ConfigError, CoreOnly, Error};
///
/// let err = ClientSettings::<()>::new().with_version("2024").unwrap_err();
/// assert!(matches!(err, ConfigError::Version(_)));
///
/// // A builder setter's bad value is reported by `build()`, naming the setter.
/// let err = ClientBuilder::<CoreOnly>::new().version("2024").build().unwrap_err();
/// assert!(matches!(err, Error::Config(ConfigError::Setter { setter: "version", .. })));
/// assert!(err.to_string().starts_with("`.version(\"2024\")` on the client builder: invalid LinkedIn-Version"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The default `LinkedIn-Version` is not `YYYYMM` or `YYYYMM.RR`.
    #[error(transparent)]
    Version(#[from] VersionError),
    /// The transport could not build its HTTP client (for reqwest: TLS
    /// initialisation failed). The source is the HTTP library's error
    /// (`reqwest::Error` for `linkedin-reqwest`), reachable by downcasting.
    #[error("cannot build the HTTP client: {}", Bounded(.0))]
    HttpClient(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// TLS could not be configured. The source is the TLS library's error
    /// (`rustls::Error` for `linkedin-reqwest`), reachable by downcasting.
    #[error("cannot configure TLS: {}", Bounded(.0))]
    Tls(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// A client builder setter was given a value it cannot use; `build()`
    /// reports the first such value (later setters do not hide it). The
    /// value is quoted as a bounded excerpt, or `[redacted]` for a
    /// secret.
    #[error("`.{setter}({value})` on the client builder: {source}")]
    Setter {
        /// The setter's name (`version`).
        setter: &'static str,
        /// The value given, quoted (or `[redacted]`).
        value: String,
        /// What is wrong with it.
        #[source]
        source: Box<ConfigError>,
    },
    /// An OAuth call was made on a client without an OAuth application.
    #[error(
        "no OAuth application configured: call `.oauth(OAuthConfig::new(client_id, client_secret))` \
         on the client builder (or configure a `.token_source(..)`, whose application is used)"
    )]
    NoOAuth,
}

/// No usable access token. Cheap to clone: a failed refresh reaches every
/// caller that waited for it as the same error.
///
/// ```
/// let err = linkedin::TokenError::Missing;
/// assert!(err.to_string().starts_with("no access token configured"));
/// ```
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// The client has neither a static token nor a token source, and the
    /// call did not bring one.
    #[error(
        "no access token configured: call `.access_token(AccessToken::new(..))` or \
         `.token_source(TokenSource::new(oauth, tokens))` on the client builder, or pass one per \
         call with `client.with_access_token(&token)`"
    )]
    Missing,
    /// The access token has expired and cannot be refreshed.
    #[error("the access token has expired and cannot be refreshed: {reason}")]
    Expired {
        /// Why it cannot be refreshed, and what to do.
        reason: &'static str,
    },
    /// The refresh (or client-credentials) request failed. Every caller
    /// that was waiting for that refresh receives this same error.
    #[error("refreshing the access token failed: {source}")]
    RefreshFailed {
        /// The refresh's error.
        source: Arc<Error>,
    },
}

impl TokenError {
    /// A caller's answer from a token source's
    /// [`TokenLifecycle`](linkedin_oauth::TokenLifecycle) outcome: the
    /// token to use, or why there is none. `on_stale` is told about a
    /// failed renewal whose current token is still valid (and used), so
    /// the transport can log it.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use linkedin::client_core::{Error, TokenError};
    /// use linkedin::oauth::{AccessToken, TokenOutcome};
    ///
    /// let token = TokenError::answer(TokenOutcome::Use(AccessToken::new("AQV")), |_| {})?;
    /// assert_eq!(token.secret(), "AQV");
    ///
    /// let expired = TokenError::answer(TokenOutcome::<Arc<Error>>::Expired("no refresh token"), |_| {});
    /// assert!(matches!(expired, Err(Error::Token(TokenError::Expired { .. }))));
    /// # Ok::<(), Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`TokenError::Expired`] or [`TokenError::RefreshFailed`], as an
    /// [`Error::Token`].
    pub fn answer(
        outcome: TokenOutcome<Arc<Error>>,
        on_stale: impl FnOnce(&Error),
    ) -> Result<AccessToken, Error> {
        match outcome {
            TokenOutcome::Use(token) => Ok(token),
            TokenOutcome::KeepUsing {
                access_token,
                failure,
            } => {
                on_stale(&failure);
                Ok(access_token)
            }
            TokenOutcome::Expired(reason) => Err(TokenError::Expired { reason }.into()),
            TokenOutcome::Failed(source) => Err(TokenError::RefreshFailed { source }.into()),
        }
    }
}

/// A response body larger than the HTTP client's size limit: what both
/// transports' `HttpError` says for a [`TransportFailure::BodyTooLarge`].
///
/// ```
/// let err = linkedin::client_core::BodyTooLarge { limit: 1024 };
/// assert!(err.to_string().contains("larger than 1024 bytes"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "the response body is larger than {limit} bytes; raise the limit with \
     `HttpClient::max_body_size` if this is expected"
)]
pub struct BodyTooLarge {
    /// The limit, in bytes.
    pub limit: u64,
}

/// No complete response arrived: the connection could not be opened, broke
/// before the response was complete, or the per-attempt timeout passed.
/// `attempts` counts every try.
///
/// ```
/// use std::time::Duration;
/// use linkedin::client_core::{Error, TransportFailed};
///
/// let err = Error::from(TransportFailed::timed_out("https://api.linkedin.com/v2/me", Duration::from_secs(30), 4));
/// assert!(err.is_timeout());
/// assert!(err.to_string().contains("after 4 attempts"));
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
    /// use linkedin::TransportFailed;
    /// use linkedin::restli::retry::TransportFailure;
    ///
    /// let io = std::io::Error::from(std::io::ErrorKind::ConnectionReset);
    /// let err = TransportFailed::new(TransportFailure::ConnectionReset, "http://127.0.0.1:1/v2/x", 1, io);
    /// assert_eq!(err.attempts(), 1);
    /// ```
    pub fn new(
        failure: TransportFailure,
        url: impl Into<String>,
        attempts: u32,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        TransportFailed::from_boxed(failure, url, attempts, Box::new(source))
    }

    /// A failure whose source is already boxed.
    ///
    /// ```
    /// use linkedin::TransportFailed;
    /// use linkedin::restli::retry::TransportFailure;
    ///
    /// let source: Box<dyn std::error::Error + Send + Sync> = "refused".into();
    /// let err = TransportFailed::from_boxed(TransportFailure::Connect, "http://127.0.0.1:1/", 2, source);
    /// assert_eq!(err.failure(), TransportFailure::Connect);
    /// ```
    pub fn from_boxed(
        failure: TransportFailure,
        url: impl Into<String>,
        attempts: u32,
        source: Box<dyn std::error::Error + Send + Sync>,
    ) -> Self {
        TransportFailed {
            failure,
            attempts,
            url: url.into(),
            source,
        }
    }

    /// The per-attempt timeout passed without a complete response.
    ///
    /// ```
    /// use std::time::Duration;
    /// let err = linkedin::TransportFailed::timed_out("http://127.0.0.1:1/v2/x", Duration::from_millis(250), 1);
    /// assert!(err.to_string().contains("250ms"));
    /// ```
    pub fn timed_out(url: impl Into<String>, after: Duration, attempts: u32) -> Self {
        TransportFailed::new(TransportFailure::Timeout, url, attempts, TimedOut { after })
    }

    /// What kind of failure ended the last attempt.
    ///
    /// ```
    /// use std::time::Duration;
    /// use linkedin::restli::retry::TransportFailure;
    /// let err = linkedin::TransportFailed::timed_out("http://127.0.0.1:1/", Duration::from_secs(1), 1);
    /// assert_eq!(err.failure(), TransportFailure::Timeout);
    /// ```
    pub fn failure(&self) -> TransportFailure {
        self.failure
    }

    /// How many attempts were made in all.
    ///
    /// ```
    /// use std::time::Duration;
    /// let err = linkedin::TransportFailed::timed_out("http://127.0.0.1:1/", Duration::from_secs(1), 3);
    /// assert_eq!(err.attempts(), 3);
    /// ```
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The URL of the request (before tunneling).
    ///
    /// ```
    /// use std::time::Duration;
    /// let err = linkedin::TransportFailed::timed_out("http://127.0.0.1:1/v2/me", Duration::from_secs(1), 1);
    /// assert_eq!(err.url(), "http://127.0.0.1:1/v2/me");
    /// ```
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl fmt::Display for TransportFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.failure {
            TransportFailure::Connect => "could not connect to the server",
            TransportFailure::Timeout => "timed out waiting for the response",
            TransportFailure::ConnectionReset => {
                "the connection was closed before the whole response arrived"
            }
            TransportFailure::BodyTooLarge => "the response was too large",
            _ => "the request failed",
        };
        let plural = if self.attempts == 1 { "" } else { "s" };
        write!(
            f,
            "{what} ({}, after {} attempt{plural}): {}",
            Bounded(&self.url),
            self.attempts,
            Bounded(&self.source)
        )?;
        match self.failure {
            TransportFailure::Timeout => f.write_str(
                "; if the server is slow, raise `ClientBuilder::timeout` (per attempt) or \
                 `ClientBuilder::total_timeout` (per call, retries included)",
            ),
            TransportFailure::Connect => {
                f.write_str("; check the endpoint's host and port and the network")
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

/// The source of a timeout: how long the attempt was allowed.
#[derive(Debug, Clone, Copy)]
struct TimedOut {
    after: Duration,
}

impl fmt::Display for TimedOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no complete response within {:?}", self.after)
    }
}

impl std::error::Error for TimedOut {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both branches of `From<ResponseError>`, each reached by parsing a
    /// response with the codec, as a transport does: a non-2xx answer is
    /// `Error::Api`, a 2xx one whose body is not the promised type
    /// `Error::Decode`.
    #[test]
    fn response_errors_split_into_api_and_decode() {
        use restli_codec::response::EntityResponse;

        // The entity asked for is a number (no serde derive in this crate).
        let parse = |status: u16, body: &[u8]| {
            let response = http::Response::builder()
                .status(status)
                .body(body.to_vec())
                .unwrap();
            EntityResponse::<u64>::from_http(response, "/rest/adAccounts/1").map(|r| r.entity)
        };

        let api = parse(500, br#"{"status":500,"message":"Internal Server Error"}"#).unwrap_err();
        assert!(matches!(api, ResponseError::Api(_)), "{api:?}");
        let err = Error::from(api);
        assert!(matches!(err, Error::Api(_)), "{err:?}");
        assert_eq!(err.status(), Some(http::StatusCode::INTERNAL_SERVER_ERROR));
        assert_eq!(
            err.api_error().and_then(|e| e.message()),
            Some("Internal Server Error")
        );

        let decode = parse(200, br#"{"id":1}"#).unwrap_err();
        assert!(matches!(decode, ResponseError::Decode { .. }), "{decode:?}");
        let err = Error::from(decode);
        let Error::Decode(inner) = &err else {
            panic!("a 2xx body that does not parse is a decode error: {err:?}");
        };
        assert_eq!(inner.status(), http::StatusCode::OK);
        assert!(err.api_error().is_none());
        assert!(err.to_string().contains("/rest/adAccounts/1"), "{err}");

        // The split is the status's, not any body's: a number parses.
        assert_eq!(parse(200, b"7").unwrap(), 7);
    }

    #[test]
    fn attempts_are_counted_in_words() {
        let one = TransportFailed::timed_out("http://127.0.0.1:1/", Duration::from_secs(1), 1);
        assert!(one.to_string().contains("after 1 attempt)"), "{one}");
        let reset = TransportFailed::new(
            TransportFailure::ConnectionReset,
            "http://127.0.0.1:1/",
            3,
            std::io::Error::from(std::io::ErrorKind::ConnectionReset),
        );
        assert!(
            reset
                .to_string()
                .contains("closed before the whole response")
        );
        assert!(reset.to_string().contains("after 3 attempts"));
    }

    /// An HTTP stack's error.
    #[derive(Debug)]
    struct Reset;

    impl fmt::Display for Reset {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("connection reset")
        }
    }

    impl std::error::Error for Reset {}

    /// Every error variant, formatted with `Display`, `Debug` and its whole
    /// source chain (a refresh failure inside a token error inside ...),
    /// never shows the tokens and secret that were handled on the way: the
    /// refresh token in the request that failed, the access token kept in
    /// use, the client secret of the OAuth application.
    #[test]
    fn no_error_ever_shows_a_token() {
        const TOKEN: &str = "AQV-super-secret-token";
        const SECRET: &str = "client-secret-value";
        let oauth = linkedin_oauth::OAuthConfig::new(
            linkedin_oauth::ClientId::new("id"),
            linkedin_oauth::ClientSecret::new(SECRET),
        );
        let refresh = oauth.refresh_request(&linkedin_oauth::RefreshToken::new(TOKEN));
        let url = refresh.uri().to_string();
        let answer = http::Response::builder()
            .status(401)
            .body(br#"{"error":"invalid_client","error_description":"bad"}"#.to_vec())
            .unwrap();
        let oauth_err = linkedin_oauth::RefreshedToken::from_response(
            &answer,
            std::time::SystemTime::UNIX_EPOCH,
        )
        .unwrap_err();
        let api = http::Response::builder()
            .status(401)
            .body(br#"{"status":401,"message":"Invalid access token"}"#.to_vec())
            .unwrap();
        let transport = TransportFailed::new(TransportFailure::ConnectionReset, &url, 2, Reset);
        let stale = TokenError::answer(
            TokenOutcome::KeepUsing {
                access_token: AccessToken::new(TOKEN),
                failure: Arc::new(Error::oauth(&url, oauth_err)),
            },
            |failure| assert!(!failure.to_string().contains(TOKEN)),
        );
        let failure = Arc::new(Error::from(TransportFailed::timed_out(
            &url,
            Duration::from_secs(1),
            1,
        )));
        let errors = vec![
            Error::from(ConfigError::NoOAuth),
            Error::from(ConfigError::HttpClient(Box::new(Reset))),
            Error::from(TokenError::Missing),
            Error::from(TokenError::Expired {
                reason: "no refresh token",
            }),
            Error::from(TokenError::RefreshFailed { source: failure }),
            Error::from(ApiError::from_http(api, "/me")),
            Error::from(transport),
            Error::oauth(
                &url,
                linkedin_oauth::RefreshedToken::from_response(
                    &http::Response::builder()
                        .status(400)
                        .body(b"not json".to_vec())
                        .unwrap(),
                    std::time::SystemTime::UNIX_EPOCH,
                )
                .unwrap_err(),
            ),
        ];
        assert_eq!(stale.unwrap().secret(), TOKEN);
        for err in &errors {
            let mut shown = format!("{err} {err:?}");
            let mut source = std::error::Error::source(err);
            while let Some(inner) = source {
                shown.push_str(&format!(" {inner} {inner:?}"));
                source = inner.source();
            }
            assert!(!shown.contains(TOKEN), "a token in {shown}");
            assert!(!shown.contains(SECRET), "a secret in {shown}");
        }
    }

    /// An HTTP library whose error text quotes megabytes of the answer.
    #[derive(Debug)]
    struct Chatty(String);

    impl fmt::Display for Chatty {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.0)
        }
    }

    impl std::error::Error for Chatty {}

    #[test]
    fn every_message_is_bounded() {
        let huge = "x".repeat(5 * 1024 * 1024);
        let api = http::Response::builder()
            .status(400)
            .body(format!(r#"{{"message":"{huge}"}}"#).into_bytes())
            .unwrap();
        let oauth = http::Response::builder()
            .status(400)
            .body(
                format!(r#"{{"error":"invalid_grant","error_description":"{huge}"}}"#).into_bytes(),
            )
            .unwrap();
        let oauth_err = linkedin_oauth::RefreshedToken::from_response(
            &oauth,
            std::time::SystemTime::UNIX_EPOCH,
        )
        .unwrap_err();
        let errors = [
            Error::from(ApiError::from_http(api, "/me")),
            Error::oauth("https://www.linkedin.com/oauth/v2/accessToken", oauth_err),
            Error::from(TransportFailed::new(
                TransportFailure::Other,
                format!("http://127.0.0.1:1/{huge}"),
                1,
                Chatty(huge.clone()),
            )),
        ];
        for err in &errors {
            let text = err.to_string();
            assert!(text.len() < 1_000, "{} bytes: {}", text.len(), &text[..300]);
            assert!(text.contains("bytes in all)"), "{text}");
        }
        assert_eq!(
            errors[0]
                .api_error()
                .and_then(ApiError::message)
                .map(str::len),
            Some(huge.len())
        );
    }
}

impl From<linkedin_resources::ResourceError> for Error {
    fn from(err: linkedin_resources::ResourceError) -> Self {
        Error::Resource(Box::new(err))
    }
}

/// `From` each typed API's own error, through [`ResourceError`](linkedin_resources::ResourceError).
macro_rules! from_resource_errors {
    ($($error:path),* $(,)?) => {$(
        impl From<$error> for Error {
            fn from(err: $error) -> Self {
                Error::from(linkedin_resources::ResourceError::from(err))
            }
        }
    )*};
}

from_resource_errors!(
    linkedin_resources::urns::TypedUrnError,
    linkedin_resources::commentary::CommentaryError,
    linkedin_resources::posts::PostError,
    linkedin_resources::posts::CreatedPostError,
    linkedin_resources::social::CommentError,
    linkedin_resources::organizations::OrganizationError,
    linkedin_resources::media::MediaError,
    linkedin_resources::identity::IdTokenError,
    linkedin_resources::identity::JwksError,
    linkedin_resources::ads::AdsError,
    linkedin_resources::ads::CreatedIdError,
    linkedin_resources::analytics::AnalyticsError,
    linkedin_resources::analytics::PlanError,
);
