//! [`ClientCore`]: what a built client holds (its HTTP stack and settings,
//! shared by every clone, and a handle's own token) and the accessors on
//! it, written once for both transports.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use linkedin_oauth::{AccessToken, OAuthConfig, TokenSet};
use restli_codec::exchange::Exchange;
use restli_codec::retry::RetryPolicy;
use restli_codec::{DynamicRequest, RequestConfig, RequestError};

use crate::api::JwksStore;
use crate::error::{ConfigError, TokenError};
use crate::settings::{Bearer, ClientSettings, ManagedTokens};

/// The part of a client that is not IO: the HTTP stack `H` and the
/// [`ClientSettings`] (shared by every clone), and the per-call token of a
/// [`with_access_token`](Self::with_access_token) handle. A transport's
/// `Client` wraps one and dereferences to it, so the accessors below are
/// the client's.
///
/// `Debug` shows the settings (tokens and the client secret redacted) and
/// whether the handle carries its own token, never the token itself.
///
/// ```
/// use linkedin::client_core::{ClientCore, ClientSettings};
///
/// let core = ClientCore::new("a stack", ClientSettings::<()>::new());
/// assert_eq!(core.config().tunnel_threshold(), 4000);
/// assert_eq!(*core.http(), "a stack");
/// ```
pub struct ClientCore<H, S> {
    shared: Arc<Shared<H, S>>,
    /// A per-call token from [`ClientCore::with_access_token`].
    token: Option<AccessToken>,
}

struct Shared<H, S> {
    http: H,
    settings: ClientSettings<S>,
    /// The JWKS keys of `client.identity()`, shared by clones.
    jwks: Arc<JwksStore>,
}

impl<H, S> Clone for ClientCore<H, S> {
    fn clone(&self) -> Self {
        ClientCore {
            shared: Arc::clone(&self.shared),
            token: self.token.clone(),
        }
    }
}

impl<H, S: fmt::Debug> fmt::Debug for ClientCore<H, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let settings = &self.shared.settings;
        f.debug_struct("Client")
            .field("config", settings.config())
            .field("retry_policy", &settings.retry_policy())
            .field("timeout", &settings.timeout())
            // AccessToken's Debug is redacted, and so are the source's and the application's.
            .field("auth", settings.auth())
            .field("oauth", &settings.oauth())
            .field("per_call_token", &self.token.is_some())
            .finish_non_exhaustive()
    }
}

impl<H, S> ClientCore<H, S> {
    /// A client core over `http` with `settings` (what a transport's
    /// `build` makes).
    ///
    /// ```
    /// use linkedin::client_core::{ClientCore, ClientSettings};
    /// let core = ClientCore::new((), ClientSettings::<()>::new());
    /// # let _ = core;
    /// ```
    pub fn new(http: H, settings: ClientSettings<S>) -> Self {
        ClientCore {
            shared: Arc::new(Shared {
                http,
                settings,
                jwks: Arc::new(JwksStore::new()),
            }),
            token: None,
        }
    }

    /// Every setting the client was built with.
    ///
    /// ```
    /// use linkedin::client_core::{ClientCore, ClientSettings};
    /// let core = ClientCore::new((), ClientSettings::<()>::new());
    /// assert!(core.settings().oauth().is_none());
    /// ```
    pub fn settings(&self) -> &ClientSettings<S> {
        &self.shared.settings
    }

    /// What every request shares: endpoint, default version, user agent,
    /// tunneling threshold.
    ///
    /// ```
    /// use linkedin::client_core::{ClientCore, ClientSettings};
    /// let core = ClientCore::new((), ClientSettings::<()>::new());
    /// assert_eq!(core.config().tunnel_threshold(), 4000);
    /// ```
    pub fn config(&self) -> &RequestConfig {
        self.shared.settings.config()
    }

    /// The retry policy (with the total timeout applied).
    ///
    /// ```
    /// use linkedin::client_core::{ClientCore, ClientSettings};
    /// use linkedin::restli::retry::RetryPolicy;
    /// let core = ClientCore::new((), ClientSettings::<()>::new());
    /// assert_eq!(core.retry_policy(), RetryPolicy::default());
    /// ```
    pub fn retry_policy(&self) -> RetryPolicy {
        self.shared.settings.retry_policy()
    }

    /// The per-attempt timeout.
    ///
    /// ```
    /// use linkedin::client_core::{ClientCore, ClientSettings, DEFAULT_TIMEOUT};
    /// let core = ClientCore::new((), ClientSettings::<()>::new());
    /// assert_eq!(core.timeout(), DEFAULT_TIMEOUT);
    /// ```
    pub fn timeout(&self) -> Duration {
        self.shared.settings.timeout()
    }

    /// The HTTP stack.
    ///
    /// ```
    /// use linkedin::client_core::{ClientCore, ClientSettings};
    /// let core = ClientCore::new(42, ClientSettings::<()>::new());
    /// assert_eq!(*core.http(), 42);
    /// ```
    pub fn http(&self) -> &H {
        &self.shared.http
    }

    /// A handle sending every call with `token` instead of the client's
    /// own token or token source (the per-call override, for a service
    /// acting for many members). It shares everything else.
    ///
    /// ```
    /// use linkedin::client_core::{Bearer, ClientCore, ClientSettings};
    /// use linkedin::oauth::AccessToken;
    /// let core = ClientCore::new((), ClientSettings::<()>::new());
    /// let member = core.with_access_token(&AccessToken::new("member"));
    /// assert!(matches!(member.bearer()?, Bearer::Ready(t) if t.secret() == "member"));
    /// assert!(!format!("{member:?}").contains("member\""));
    /// # Ok::<(), linkedin::TokenError>(())
    /// ```
    pub fn with_access_token(&self, token: &AccessToken) -> Self {
        ClientCore {
            shared: Arc::clone(&self.shared),
            token: Some(token.clone()),
        }
    }

    /// The token for the next request: this handle's override, the static
    /// token, or the token source to ask (which may renew first).
    ///
    /// ```
    /// use linkedin::client_core::{ClientCore, ClientSettings, TokenError};
    /// let core = ClientCore::new((), ClientSettings::<()>::new());
    /// assert!(matches!(core.bearer(), Err(TokenError::Missing)));
    /// ```
    ///
    /// # Errors
    ///
    /// [`TokenError::Missing`] with neither a token nor a token source.
    pub fn bearer(&self) -> Result<Bearer<'_, S>, TokenError> {
        self.shared.settings.bearer(self.token.as_ref())
    }

    /// The exchange (attempts and retries) of `request`, sent with `token`
    /// under the client's configuration and retry policy.
    ///
    /// ```
    /// use linkedin::client_core::{ClientCore, ClientSettings};
    /// use linkedin::client_core::oauth::AccessToken;
    /// use linkedin::client_core::restli::Request;
    /// let core = ClientCore::new((), ClientSettings::<()>::new());
    /// let exchange = core.exchange(Request::get("/me").as_ref(), &AccessToken::new("t"))?;
    /// assert_eq!(exchange.url(), "https://api.linkedin.com/v2/me");
    /// # Ok::<(), linkedin::client_core::restli::RequestError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When the request cannot be built.
    pub fn exchange(
        &self,
        request: &DynamicRequest,
        token: &AccessToken,
    ) -> Result<Exchange, RequestError> {
        Exchange::new(
            request,
            self.config(),
            Some(token.secret()),
            self.retry_policy(),
        )
    }

    /// The JWKS keys `client.identity()` verifies id_tokens with, shared
    /// by every clone (what a transport's
    /// [`Caller::jwks_store`](crate::api::Caller::jwks_store) hands out).
    ///
    /// ```
    /// use linkedin::client_core::{ClientCore, ClientSettings};
    /// let core = ClientCore::new((), ClientSettings::<()>::new());
    /// assert!(std::sync::Arc::ptr_eq(core.jwks_store(), core.clone().jwks_store()));
    /// ```
    pub fn jwks_store(&self) -> &Arc<JwksStore> {
        &self.shared.jwks
    }

    /// `app` with the client's OAuth base URL override applied.
    ///
    /// ```
    /// use linkedin::client_core::{ClientCore, ClientSettings};
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let core = ClientCore::new((), ClientSettings::<()>::new());
    /// let app = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"));
    /// assert_eq!(core.oauth_with_base(&app).base(), app.base());
    /// ```
    pub fn oauth_with_base(&self, app: &OAuthConfig) -> OAuthConfig {
        self.shared.settings.apply_oauth_base(app)
    }
}

impl<H, S: ManagedTokens> ClientCore<H, S> {
    /// The token source's current tokens (to persist them), or `None`
    /// without a token source (and for a 2-legged source before its first
    /// fetch).
    ///
    /// ```
    /// use linkedin::client_core::{ClientCore, ClientSettings, TokenSource};
    /// let core = ClientCore::new((), ClientSettings::<TokenSource<()>>::new());
    /// assert!(core.tokens().is_none());
    /// ```
    pub fn tokens(&self) -> Option<TokenSet> {
        self.shared.settings.tokens()
    }

    /// The application of the OAuth calls: the builder's, else the token
    /// source's; with the OAuth base URL override applied.
    ///
    /// ```
    /// use linkedin::client_core::{ClientCore, ClientSettings, ConfigError, TokenSource};
    /// let core = ClientCore::new((), ClientSettings::<TokenSource<()>>::new());
    /// assert!(matches!(core.oauth_app(), Err(ConfigError::NoOAuth)));
    /// ```
    ///
    /// # Errors
    ///
    /// [`ConfigError::NoOAuth`] with neither.
    pub fn oauth_app(&self) -> Result<OAuthConfig, ConfigError> {
        self.shared.settings.oauth_app()
    }
}
