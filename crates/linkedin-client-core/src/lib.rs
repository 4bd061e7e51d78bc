//! What a LinkedIn client needs regardless of its HTTP stack: the error
//! type and the client settings. Sans-IO.
//!
//! # How this is meant to be used
//!
//! The two transports, the async `linkedin-reqwest` and the blocking
//! `linkedin-ureq`, differ only in how they move bytes, sleep and wait.
//! Everything else they share lives here, once:
//!
//! * [`Error`] and its parts ([`ConfigError`], [`TokenError`],
//!   [`TransportFailed`]): both transports re-export these very types, so
//!   `linkedin_reqwest::Error` and `linkedin_ureq::Error` (and the
//!   facade's `linkedin::Error` and `linkedin::blocking::Error`) are one
//!   type. The mappings from the pure crates' outcomes are here too: a
//!   [`ResponseError`](restli::response::ResponseError) converts with
//!   `From`, a token source's lifecycle outcome with [`TokenError::answer`].
//! * [`ClientSettings`]: what a `ClientBuilder` configures apart from the
//!   HTTP stack (endpoint, default `LinkedIn-Version`, user agent, timeout,
//!   retry policy, tunneling threshold, the token or token source, the
//!   OAuth application and base URL), with the defaults and validation,
//!   and the decisions that only read them ([`ClientSettings::bearer`],
//!   [`ClientSettings::oauth_app`]). A transport's builder delegates every
//!   setter to it; its client keeps it.
//!
//! Users normally reach these types through a transport or the `linkedin`
//! facade; this crate is for whoever writes a transport.
//!
//! ```
//! use linkedin_client_core::{Bearer, ClientSettings, Error, TokenError};
//! use linkedin_client_core::oauth::AccessToken;
//!
//! // A transport's builder holds the settings; its token source type is `S`.
//! let settings = ClientSettings::<()>::new().with_version("202406")?;
//! // Before sending: which token? None configured, so the call fails early.
//! let err = Error::from(settings.bearer(None).unwrap_err());
//! assert!(matches!(err, Error::Token(TokenError::Missing)));
//!
//! let settings = settings.with_access_token(AccessToken::new("AQV"));
//! assert!(matches!(settings.bearer(None)?, Bearer::Ready(_)));
//! # Ok::<(), Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod error;
mod settings;

pub use error::{ConfigError, Error, TokenError, TransportFailed};
pub use settings::{Auth, Bearer, ClientSettings, DEFAULT_TIMEOUT, ManagedTokens};

/// The Rest.li codec (`restli-codec`) these types are built on.
///
/// ```
/// let encoded = linkedin_client_core::restli::to_string(&"")?;
/// assert_eq!(encoded, "''");
/// # Ok::<(), linkedin_client_core::restli::Error>(())
/// ```
pub use restli_codec as restli;

/// The OAuth 2.0 flows (`linkedin-oauth`) these types are built on.
///
/// ```
/// let token = linkedin_client_core::oauth::AccessToken::new("AQV");
/// assert_eq!(format!("{token:?}"), "AccessToken([redacted])");
/// ```
pub use linkedin_oauth as oauth;
