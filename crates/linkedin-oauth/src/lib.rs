//! Pure, sans-IO OAuth 2.0 flows for LinkedIn: authorization URL with CSRF
//! `state` and PKCE, redirect checking, code exchange, refresh, client
//! credentials (2-legged), token introspection and token lifetime.
//!
//! # How this is meant to be used
//!
//! This crate never opens a socket and never reads the clock. Each step
//! either **builds** an `http::Request<Vec<u8>>` for you to send with any
//! HTTP client, or **consumes** the `http::Response<Vec<u8>>` you received;
//! times are computed from a `now` you pass in. That keeps the protocol
//! logic in one place, testable offline, with transports reduced to "send
//! these bytes".
//!
//! The 3-legged (member) flow:
//!
//! 1. [`AuthorizationCodeFlow::start`] gives the URL to send the member's
//!    browser to and a [`PendingAuthorization`] (fresh CSRF state, optional
//!    PKCE verifier). Keep the pending value (it is serde-serialisable) in
//!    the session until LinkedIn redirects back.
//! 2. [`PendingAuthorization::finish`] consumes it and checks the redirect
//!    (state compared in constant time, LinkedIn's `error` turned into a
//!    typed error): one attempt, one redirect. It returns a [`CodeExchange`]
//!    holding the [`AuthorizationCode`].
//! 3. [`CodeExchange::token_request`] builds the code exchange;
//!    [`ThreeLeggedToken::from_response`] reads the answer into a [`TokenSet`].
//! 4. Persist the [`TokenSet`]. Before each use, [`TokenSet::needs_refresh`]
//!    says whether to refresh ahead of expiry; [`OAuthConfig::refresh_request`]
//!    and [`RefreshedToken::from_response`] do it.
//!
//! A long-running program can leave step 4 to [`TokenLifecycle`], which decides
//! for every caller whether to use the current token, renew it (and how),
//! or report why it cannot; a transport's token source only locks and sends.
//!
//! 2-legged tokens come from [`OAuthConfig::client_credentials_request`] and
//! [`TwoLeggedToken::from_response`]; [`OAuthConfig::introspect_request`] and
//! [`Introspection::from_response`] ask LinkedIn about a token.
//!
//! # PKCE
//!
//! PKCE is off unless [`AuthorizationCodeFlow::pkce`] turns it on. LinkedIn
//! supports it only for native apps (loopback redirect) on which it has
//! enabled the PKCE flow
//! (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow-native>);
//! a standard web application that sends a `code_verifier` gets `401
//! invalid_client`. Web applications use the standard flow, protected by the
//! client secret and the CSRF `state`.
//!
//! Here the whole flow runs with LinkedIn's answers simulated by hand:
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use linkedin::oauth::{
//!     AuthorizationCodeFlow, ClientId, ClientSecret, OAuthConfig, PendingAuthorization,
//!     RedirectUrl, RefreshedToken, ThreeLeggedToken,
//! };
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let config = OAuthConfig::new(ClientId::new("86abc123"), ClientSecret::new("s3cr3t"));
//! let flow = AuthorizationCodeFlow::new(
//!     config.client_id().clone(),
//!     RedirectUrl::new("https://app.example/callback")?,
//! )
//! .scopes(["openid", "profile", "w_member_social"]);
//!
//! // Request 1 (e.g. GET /login): redirect the browser, remember `pending`.
//! let (authorization_url, pending) = flow.start()?;
//! assert!(authorization_url.as_str().starts_with("https://www.linkedin.com/oauth/v2/authorization?"));
//! let session_value = serde_json::to_string(&pending)?;
//!
//! // Request 2 (GET /callback?code=...&state=...): LinkedIn sent the browser back.
//! let pending: PendingAuthorization = serde_json::from_str(&session_value)?;
//! let state = pending.state().secret();
//! let callback = format!("/callback?code=AQT-code&state={state}");
//! let exchange = pending.finish(&callback)?;
//!
//! // Exchange the code: send `request` with your HTTP client...
//! let request = exchange.token_request(&config);
//! assert_eq!(request.uri(), "https://www.linkedin.com/oauth/v2/accessToken");
//! // ...and hand its answer back (simulated here).
//! let response = http::Response::builder()
//!     .status(200)
//!     .body(br#"{"access_token":"AQV-token","expires_in":5184000,
//!               "refresh_token":"AQX-refresh","refresh_token_expires_in":31536000,
//!               "scope":"openid,profile,w_member_social"}"#.to_vec())?;
//! let now = SystemTime::now();
//! let mut tokens = ThreeLeggedToken::from_response(&response, now)?.tokens;
//!
//! // Persist `tokens` (serde). Two months later, refresh ahead of expiry:
//! let later = now + Duration::from_secs(5_184_000 - 60);
//! assert!(tokens.needs_refresh(later, Duration::from_secs(300)));
//! if let (true, Some(refresh_token)) = (tokens.can_refresh(later), &tokens.refresh_token) {
//!     let request = config.refresh_request(refresh_token);
//!     # assert_eq!(request.method(), http::Method::POST);
//!     let response = http::Response::builder()
//!         .status(200)
//!         .body(br#"{"access_token":"AQV-new","expires_in":5184000}"#.to_vec())?;
//!     tokens.apply_refresh(RefreshedToken::from_response(&response, later)?);
//! }
//! assert_eq!(tokens.access_token.secret(), "AQV-new");
//! assert!(!tokens.needs_refresh(later, Duration::from_secs(300)));
//! # Ok(())
//! # }
//! ```
//!
//! # Secrets
//!
//! Client secret, tokens, authorization code, PKCE verifier and CSRF state
//! are newtypes whose `Debug` and `Display` print `[redacted]`; the value is
//! reached only through `.secret()`. Error messages never contain a secret.
//! Serde, however, writes the real values, because persisting a [`TokenSet`]
//! or a [`PendingAuthorization`] is the point: store that output securely.
//!
//! The one exception is not this crate's type: the token and introspection
//! requests (`CodeExchange::token_request`, `OAuthConfig::refresh_request`,
//! `client_credentials_request`, `introspect_request`) are plain
//! `http::Request<Vec<u8>>`s whose form body holds the client secret and the
//! token, and `http::Request`'s own `Debug` prints that body as a byte list.
//! Send them; never log them whole. The SDK's clients wrap them in
//! `restli_codec::exchange::Exchange`, whose `Debug` shows no body.
//!
//! # Endpoints
//!
//! The default base URL is [`LINKEDIN_OAUTH_BASE`]. [`BaseUrl::parse`]
//! accepts another one for a sandbox or tests: `https`, or plain `http` only
//! for loopback hosts.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod authorize;
mod client;
mod endpoint;
mod error;
mod introspect;
mod pkce;
mod renewal;
mod response;
mod secret;
mod state;
mod token;
mod token_set;

pub use authorize::{
    AuthorizationCodeFlow, CodeExchange, MAX_NONCE_LEN, Nonce, NonceError, PendingAuthorization,
};
pub use client::{ClientId, OAuthConfig};
pub use endpoint::{BaseUrl, LINKEDIN_OAUTH_BASE, RedirectUrl};
pub use error::{ConfigError, Error, RandomError, RedirectError, ResponseError};
pub use introspect::{AuthType, Introspection, TokenStatus};
pub use pkce::{PkceChallenge, PkceVerifier};
pub use renewal::{
    DEFAULT_REFRESH_AHEAD, RENEWAL_COOL_DOWN, RenewalDecision, RenewalGrant, TokenLifecycle,
    TokenOutcome,
};
pub use secret::{AccessToken, AuthorizationCode, ClientSecret, IdToken, RefreshToken};
pub use state::CsrfState;
pub use token::{RefreshedToken, ThreeLeggedToken, TwoLeggedToken, USER_AGENT};
pub use token_set::TokenSet;

/// The `http` crate this crate's requests and responses come from, re-exported
/// so callers use the same version.
///
/// ```
/// let response: linkedin::oauth::http::Response<Vec<u8>> = linkedin::oauth::http::Response::new(Vec::new());
/// assert_eq!(response.status(), 200);
/// ```
pub use http;

/// The `url` crate whose [`Url`](url::Url) the authorization URL is, re-exported.
///
/// ```
/// let url = linkedin::oauth::url::Url::parse("https://app.example/callback").unwrap();
/// assert_eq!(url.host_str(), Some("app.example"));
/// ```
pub use url;
