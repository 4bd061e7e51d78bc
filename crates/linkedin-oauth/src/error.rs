//! Error types. No error message ever contains a secret.
//!
//! Each step has its own error type so a `match` only sees what can happen
//! there; [`Error`] gathers them all for callers that just want `?`.

use http::StatusCode;

/// Any error of this crate; each variant wraps the error of one step.
///
/// ```
/// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, ConfigError, Error, RedirectUrl};
///
/// let flow = AuthorizationCodeFlow::new(
///     ClientId::new("client"),
///     RedirectUrl::new("https://app.example/callback")?,
/// );
/// // No scopes configured: `start` refuses.
/// assert!(matches!(flow.start(), Err(Error::Config(ConfigError::NoScopes))));
/// # Ok::<(), Error>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A configuration value (base URL, redirect URL, scope, PKCE verifier) is invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The operating system's random number generator failed.
    #[error(transparent)]
    Random(#[from] RandomError),
    /// The redirect back from LinkedIn did not yield an authorization code.
    #[error(transparent)]
    Redirect(#[from] RedirectError),
    /// A token or introspection response was an error or could not be read.
    #[error(transparent)]
    Response(#[from] ResponseError),
}

/// A configuration value is invalid. Raised when it is built or when a flow starts.
///
/// ```
/// use linkedin::oauth::{BaseUrl, ConfigError};
///
/// let err = BaseUrl::parse("http://oauth.example/v2").unwrap_err();
/// assert!(matches!(err, ConfigError::InsecureBaseUrl { .. }));
/// assert!(err.to_string().contains("https"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The OAuth base URL could not be used.
    #[error(
        "invalid OAuth base URL: {reason}; expected an absolute URL such as https://www.linkedin.com/oauth/v2"
    )]
    InvalidBaseUrl {
        /// What is wrong with it.
        reason: String,
    },
    /// The OAuth base URL uses plain `http` with a host that is not loopback.
    #[error(
        "OAuth base URL uses `{scheme}` for host `{host}`; use https (plain http is only accepted for loopback hosts: 127.0.0.0/8, ::1, localhost)"
    )]
    InsecureBaseUrl {
        /// The URL's scheme.
        scheme: String,
        /// The URL's host.
        host: String,
    },
    /// The redirect URL could not be used.
    #[error(
        "invalid redirect URL: {reason}; it must be the absolute URL registered for the application, e.g. https://app.example/callback"
    )]
    InvalidRedirectUrl {
        /// What is wrong with it.
        reason: String,
    },
    /// The authorization flow was started without any scope.
    #[error(
        "no scopes requested; call `.scopes([..])` with at least one scope, e.g. `.scopes([\"openid\", \"profile\"])`"
    )]
    NoScopes,
    /// A scope is empty or contains characters an OAuth scope cannot hold.
    #[error(
        "scope {scope:?} is empty or contains a space or a character not allowed in an OAuth scope (RFC 6749 section 3.3); pass each scope as its own item"
    )]
    InvalidScope {
        /// The offending scope.
        scope: String,
    },
    /// A PKCE verifier does not have RFC 7636's form.
    #[error(
        "PKCE verifier has {length} characters{}; it must be 43 to 128 characters from A-Z a-z 0-9 - . _ ~ (RFC 7636 section 4.1)",
        if *.invalid_characters { ", some outside that set" } else { "" }
    )]
    InvalidPkceVerifier {
        /// Its length in characters.
        length: usize,
        /// Whether it contains characters outside the unreserved set.
        invalid_characters: bool,
    },
}

/// The operating system's random number generator failed, so no CSRF state or
/// PKCE verifier could be generated. Retrying later may help; this is not a
/// configuration problem.
///
/// ```
/// use linkedin::oauth::RandomError;
///
/// fn describe(err: &RandomError) -> String {
///     err.to_string()
/// }
/// ```
#[derive(Debug, Clone, thiserror::Error)]
#[error("the operating system's random number generator failed: {0}")]
pub struct RandomError(#[source] pub(crate) getrandom::Error);

/// The redirect back from LinkedIn did not yield an authorization code.
///
/// ```
/// use linkedin::oauth::RedirectError;
///
/// let err = RedirectError::Authorization {
///     error: "user_cancelled_login".into(),
///     description: Some("The user cancelled LinkedIn login".into()),
/// };
/// assert!(err.member_cancelled());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RedirectError {
    /// The redirect's `state` differs from the one the authorization started with.
    #[error(
        "the `state` in the redirect does not match the one this authorization started with; the redirect may be forged (CSRF) or belong to another login attempt: start a new authorization"
    )]
    StateMismatch,
    /// The redirect has no `state` parameter.
    #[error(
        "the redirect has no `state` parameter, so it cannot be verified; pass the full redirect URL or its query string"
    )]
    MissingState,
    /// The redirect has a matching `state` but no (or an empty) `code`.
    #[error("the redirect has no `code` parameter; pass the full redirect URL or its query string")]
    MissingCode,
    /// A parameter occurs more than once, so the redirect is ambiguous.
    #[error("the redirect has more than one `{name}` parameter; refusing an ambiguous redirect")]
    DuplicateParameter {
        /// The repeated parameter.
        name: &'static str,
    },
    /// LinkedIn redirected back with an `error` (the member cancelled, a scope was refused, ...).
    #[error(
        "LinkedIn did not authorize the application: `{error}`{}",
        describe(description.as_deref())
    )]
    Authorization {
        /// LinkedIn's `error` code, e.g. `user_cancelled_login`, `user_cancelled_authorize`.
        error: String,
        /// LinkedIn's `error_description`, if any.
        description: Option<String>,
    },
}

impl RedirectError {
    /// True when the member cancelled the login or declined to authorize the
    /// application (`user_cancelled_login`, `user_cancelled_authorize`).
    ///
    /// ```
    /// use linkedin::oauth::RedirectError;
    ///
    /// assert!(!RedirectError::StateMismatch.member_cancelled());
    /// ```
    pub fn member_cancelled(&self) -> bool {
        matches!(
            self,
            RedirectError::Authorization { error, .. }
                if error == "user_cancelled_login" || error == "user_cancelled_authorize"
        )
    }
}

/// A token or introspection response was an error, or its body could not be read.
///
/// Bodies of successful responses may contain tokens, so they are never
/// quoted; only error responses keep LinkedIn's `error` and
/// `error_description`, or a bounded excerpt of a non-OAuth body.
///
/// ```
/// use linkedin::oauth::{ResponseError, ThreeLeggedToken};
/// use std::time::SystemTime;
///
/// let response = http::Response::builder()
///     .status(400)
///     .body(br#"{"error":"invalid_grant","error_description":"code expired"}"#.to_vec())
///     .unwrap();
/// let err = ThreeLeggedToken::from_response(&response, SystemTime::now()).unwrap_err();
/// assert_eq!(err.status(), 400);
/// assert_eq!(err.oauth_error(), Some("invalid_grant"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResponseError {
    /// LinkedIn answered with an OAuth error body (`error`, `error_description`).
    #[error("LinkedIn returned OAuth error `{error}` (HTTP {status}){}", describe(description.as_deref()))]
    OAuth {
        /// The HTTP status.
        status: StatusCode,
        /// The `error` code, e.g. `invalid_request`, `invalid_grant`, `invalid_client`.
        error: String,
        /// The `error_description`, if any.
        description: Option<String>,
    },
    /// LinkedIn answered with an error status and a body that is not an OAuth error.
    #[error(
        "LinkedIn answered HTTP {status} without an OAuth error body; body starts with: {excerpt:?}"
    )]
    Http {
        /// The HTTP status.
        status: StatusCode,
        /// The start of the body (at most 256 bytes, lossily decoded).
        excerpt: String,
    },
    /// A successful response's body is not JSON.
    #[error(
        "LinkedIn answered HTTP {status} with a body that is not JSON (syntax error at line {line}, column {column}); is the base URL pointing at the OAuth endpoints?"
    )]
    NotJson {
        /// The HTTP status.
        status: StatusCode,
        /// Line of the syntax error.
        line: usize,
        /// Column of the syntax error.
        column: usize,
    },
    /// A successful response lacks a required field.
    #[error("LinkedIn answered HTTP {status} without the required field `{field}`")]
    MissingField {
        /// The HTTP status.
        status: StatusCode,
        /// The missing field.
        field: &'static str,
    },
    /// A field of a successful response has the wrong type or an unusable value.
    #[error("LinkedIn answered HTTP {status} with field `{field}` that is not {expected}")]
    InvalidField {
        /// The HTTP status.
        status: StatusCode,
        /// The field.
        field: &'static str,
        /// What it should have been.
        expected: &'static str,
    },
}

impl ResponseError {
    /// The HTTP status of the response.
    ///
    /// ```
    /// use linkedin::oauth::ResponseError;
    ///
    /// let err = ResponseError::Http { status: http::StatusCode::BAD_GATEWAY, excerpt: String::new() };
    /// assert_eq!(err.status(), http::StatusCode::BAD_GATEWAY);
    /// ```
    pub fn status(&self) -> StatusCode {
        match self {
            ResponseError::OAuth { status, .. }
            | ResponseError::Http { status, .. }
            | ResponseError::NotJson { status, .. }
            | ResponseError::MissingField { status, .. }
            | ResponseError::InvalidField { status, .. } => *status,
        }
    }

    /// LinkedIn's OAuth `error` code, when the response carried one.
    ///
    /// ```
    /// use linkedin::oauth::ResponseError;
    ///
    /// let err = ResponseError::OAuth {
    ///     status: http::StatusCode::UNAUTHORIZED,
    ///     error: "invalid_client".into(),
    ///     description: None,
    /// };
    /// assert_eq!(err.oauth_error(), Some("invalid_client"));
    /// ```
    pub fn oauth_error(&self) -> Option<&str> {
        match self {
            ResponseError::OAuth { error, .. } => Some(error),
            _ => None,
        }
    }
}

fn describe(description: Option<&str>) -> String {
    match description {
        Some(d) if !d.is_empty() => format!(": {d}"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_include_description_only_when_present() {
        let with = RedirectError::Authorization {
            error: "user_cancelled_login".into(),
            description: Some("cancelled".into()),
        };
        assert_eq!(
            with.to_string(),
            "LinkedIn did not authorize the application: `user_cancelled_login`: cancelled"
        );
        let without = ResponseError::OAuth {
            status: StatusCode::BAD_REQUEST,
            error: "invalid_request".into(),
            description: None,
        };
        assert_eq!(
            without.to_string(),
            "LinkedIn returned OAuth error `invalid_request` (HTTP 400 Bad Request)"
        );
    }

    #[test]
    fn pkce_message_mentions_invalid_characters() {
        let err = ConfigError::InvalidPkceVerifier {
            length: 50,
            invalid_characters: true,
        };
        assert!(
            err.to_string()
                .contains("50 characters, some outside that set")
        );
    }

    #[test]
    fn random_error_explains_itself() {
        let err = Error::from(RandomError(getrandom::Error::UNSUPPORTED));
        assert!(
            err.to_string()
                .starts_with("the operating system's random number generator failed: ")
        );
        assert!(std::error::Error::source(&err).is_some());
    }

    #[test]
    fn member_cancelled_matches_both_codes() {
        for code in ["user_cancelled_login", "user_cancelled_authorize"] {
            let err = RedirectError::Authorization {
                error: code.into(),
                description: None,
            };
            assert!(err.member_cancelled());
        }
        let other = RedirectError::Authorization {
            error: "unauthorized_scope_error".into(),
            description: None,
        };
        assert!(!other.member_cancelled());
    }
}
