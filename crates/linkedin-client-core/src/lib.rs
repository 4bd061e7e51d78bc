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
//! use linkedin::client_core::{Bearer, ClientSettings, Error, TokenError};
//! use linkedin::oauth::AccessToken;
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

pub mod api;
mod builder;
mod core;
mod error;
mod oauth_call;
mod report;
mod settings;
mod span;
mod token_source;
mod upload;

pub use builder::{ClientBuilder, CoreOnly, SettingsOf, Transport};
pub use core::ClientCore;
pub use error::{BodyTooLarge, ConfigError, Error, TokenError, TransportFailed};
pub use oauth_call::{OAuthAnswer, OAuthCall};
pub use report::{ReportStep, ReportWalk};
pub use settings::{Auth, Bearer, ClientSettings, DEFAULT_TIMEOUT, ManagedTokens};
pub use span::CallSpan;
pub use token_source::{RenewalState, RenewalStep, TokenSource};
pub use upload::{
    Action, IMAGE_HEAD_BYTES, PartBytes, Source, UploadDriver, UploadSource, check_part_in_file,
    document_upload, image_upload, media_file_size, part_head, video_upload,
};

/// The Rest.li codec (`restli-codec`) these types are built on.
///
/// ```
/// let encoded = linkedin::restli::to_string(&"")?;
/// assert_eq!(encoded, "''");
/// # Ok::<(), linkedin::restli::Error>(())
/// ```
pub use restli_codec as restli;

/// Implements, for a transport's `Client<H>` (a newtype around
/// [`ClientCore<H, S>`](ClientCore)), what every client handle has:
/// `Clone`, a redacted `Debug`, `From` the core (what the builder
/// makes), `Deref` to the core (so the core's
/// accessors are the client's) and `with_access_token` (documented by the
/// doc comments given), written once for both transports.
///
/// ```
/// use linkedin::client_core::{ClientBuilder, ClientCore, CoreOnly, TokenSource};
/// use linkedin::oauth::AccessToken;
///
/// pub struct Client<H>(ClientCore<H, TokenSource<()>>);
/// linkedin::client_core::client_handle!(Client, TokenSource<()>,
///     /// A handle whose calls use `token`.
/// );
///
/// let client = Client(ClientBuilder::<CoreOnly>::new().build_with(())?);
/// let member = client.with_access_token(&AccessToken::new("member"));
/// assert_eq!(member.clone().config().tunnel_threshold(), 4000);
/// assert!(!format!("{member:?}").contains("member\""));
/// # Ok::<(), linkedin::Error>(())
/// ```
#[macro_export]
macro_rules! client_handle {
    ($client:ident, $tokens:ty, $(#[$with_docs:meta])*) => {
        impl<H> ::core::clone::Clone for $client<H> {
            fn clone(&self) -> Self {
                $client(::core::clone::Clone::clone(&self.0))
            }
        }

        impl<H> ::core::fmt::Debug for $client<H> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Debug::fmt(&self.0, f)
            }
        }

        /// The accessors (`config`, `retry_policy`, `timeout`, `http`,
        /// `tokens`, `settings`) are the core's, shared by both transports.
        impl<H> ::core::ops::Deref for $client<H> {
            type Target = $crate::ClientCore<H, $tokens>;

            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }

        impl<H> ::core::convert::From<$crate::ClientCore<H, $tokens>> for $client<H> {
            fn from(core: $crate::ClientCore<H, $tokens>) -> Self {
                $client(core)
            }
        }

        impl<H> $client<H> {
            $(#[$with_docs])*
            pub fn with_access_token(&self, token: &$crate::oauth::AccessToken) -> Self {
                $client(self.0.with_access_token(token))
            }
        }
    };
}

/// Implements, for a transport's `Client<H>` (a [`Caller`](api::Caller)
/// for the `H` given), the typed API accessors `posts()`, `comments()`,
/// `reactions()`, `organizations()`, `identity()` and `ads()`, written
/// once for both transports; the handles themselves are in [`api`].
///
/// ```
/// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
/// # let client = linkedin::blocking::Client::builder()
/// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
/// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
/// // `linkedin::blocking::Client` has them through this macro.
/// assert_eq!(client.identity().userinfo()?.given_name.as_deref(), Some("Sandra"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[macro_export]
macro_rules! typed_apis {
    ($client:ident, $($bounds:tt)+) => {
        impl<H: $($bounds)+> $client<H> {
            /// The Posts API: create a post of any kind, get one, list an
            /// author's, change a post's commentary, delete one.
            ///
            /// ```
            /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
            /// # let client = linkedin::blocking::Client::builder()
            /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
            /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
            /// let me: linkedin::resources::urns::PersonUrn = "urn:li:person:sAnDb0x1d".parse()?;
            /// let urn = client.posts().create(&linkedin::resources::posts::NewPost::new(me, "Hi".into()))?;
            /// assert_eq!(client.posts().get(&urn)?.plain_commentary().as_deref(), Some("Hi"));
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            pub fn posts(&self) -> $crate::api::Posts<'_, Self> {
                $crate::api::Posts::new(self)
            }

            /// Comments on posts and comments: add, reply, list, delete.
            ///
            /// ```
            /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
            /// # let client = linkedin::blocking::Client::builder()
            /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
            /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
            /// let me: linkedin::resources::urns::PersonUrn = "urn:li:person:sAnDb0x1d".parse()?;
            /// let post = client.posts().create(&linkedin::resources::posts::NewPost::new(me, "Hi".into()))?;
            /// assert_eq!(client.comments().list(&post).count(), 0);
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            pub fn comments(&self) -> $crate::api::Comments<'_, Self> {
                $crate::api::Comments::new(self)
            }

            /// Reactions on posts and comments: add, get, list, delete.
            ///
            /// ```
            /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
            /// # let client = linkedin::blocking::Client::builder()
            /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
            /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
            /// assert_eq!(client.reactions().list(&"urn:li:share:1".parse::<linkedin::resources::urns::PostUrn>()?).count(), 0);
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            pub fn reactions(&self) -> $crate::api::Reactions<'_, Self> {
                $crate::api::Reactions::new(self)
            }

            /// Organizations: lookup by id or vanity name, the member's
            /// roles, follower counts.
            ///
            /// ```
            /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
            /// # let client = linkedin::blocking::Client::builder()
            /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
            /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
            /// assert!(client.organizations().my_roles().count() > 0);
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            pub fn organizations(&self) -> $crate::api::Organizations<'_, Self> {
                $crate::api::Organizations::new(self)
            }

            /// Sign In with LinkedIn: `userinfo`, and id_tokens verified
            /// against LinkedIn's keys (fetched and kept by this client).
            ///
            /// ```
            /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
            /// # let client = linkedin::blocking::Client::builder()
            /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
            /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
            /// assert_eq!(client.identity().userinfo()?.sub, "sAnDb0x1d");
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            pub fn identity(&self) -> $crate::api::Identity<'_, Self> {
                $crate::api::Identity::new(self)
            }

            /// Ad accounts, and their campaign groups, campaigns and
            /// creatives.
            ///
            /// ```
            /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
            /// # let client = linkedin::blocking::Client::builder()
            /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
            /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
            /// assert_eq!(client.ads().accounts().get(500001.into())?.id, Some(500001));
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            pub fn ads(&self) -> $crate::api::Ads<'_, Self> {
                $crate::api::Ads::new(self)
            }
        }
    };
}

/// The OAuth 2.0 flows (`linkedin-oauth`) these types are built on.
///
/// ```
/// let token = linkedin::oauth::AccessToken::new("AQV");
/// assert_eq!(format!("{token:?}"), "AccessToken([redacted])");
/// ```
pub use linkedin_oauth as oauth;
