//! [`ClientSettings`]: everything a client builder configures apart from
//! the HTTP stack, with its defaults and validation.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;

use linkedin_oauth::{AccessToken, BaseUrl, OAuthConfig, TokenSet};
use restli_codec::retry::RetryPolicy;
use restli_codec::{Endpoint, LinkedInVersion, RequestConfig};

use crate::error::{ConfigError, TokenError};

/// The per-attempt timeout unless set with
/// [`ClientSettings::with_timeout`] (a transport's `ClientBuilder::timeout`).
///
/// ```
/// assert_eq!(linkedin::DEFAULT_TIMEOUT.as_secs(), 30);
/// ```
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Where a client's request tokens come from.
///
/// `S` is the transport's self-renewing token source (each transport has
/// its own, since renewing one means sending a request).
///
/// ```
/// use linkedin::client_core::{Auth, ClientSettings};
/// use linkedin::oauth::AccessToken;
///
/// let settings = ClientSettings::<()>::new().with_access_token(AccessToken::new("AQV"));
/// assert!(matches!(settings.auth(), Auth::Static(_)));
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub enum Auth<S> {
    /// No token: every call must bring one (`client.with_access_token`).
    #[default]
    None,
    /// The same access token for every request.
    Static(AccessToken),
    /// A token source that renews the token ahead of expiry.
    Source(S),
}

/// A transport's token source, as the settings see it: the OAuth
/// application it renews with, and the tokens it holds now. Implemented by
/// `linkedin_reqwest::TokenSource` and `linkedin_ureq::TokenSource` (and
/// through `Arc` and `Box`).
///
/// ```
/// use linkedin::client_core::{ClientSettings, ManagedTokens};
/// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig, TokenSet};
///
/// struct Fixed(OAuthConfig);
/// impl ManagedTokens for Fixed {
///     fn oauth(&self) -> &OAuthConfig { &self.0 }
///     fn current(&self) -> Option<TokenSet> { None }
/// }
///
/// let app = OAuthConfig::new(ClientId::new("from-source"), ClientSecret::new("secret"));
/// let settings = ClientSettings::new().with_token_source(Fixed(app));
/// assert_eq!(settings.oauth_app()?.client_id().as_str(), "from-source");
/// # Ok::<(), linkedin::ConfigError>(())
/// ```
pub trait ManagedTokens {
    /// The OAuth application the source renews tokens with.
    fn oauth(&self) -> &OAuthConfig;
    /// The tokens the source holds now (`None` before a 2-legged source's
    /// first fetch).
    fn current(&self) -> Option<TokenSet>;
}

impl<T: ManagedTokens + ?Sized> ManagedTokens for Arc<T> {
    fn oauth(&self) -> &OAuthConfig {
        (**self).oauth()
    }

    fn current(&self) -> Option<TokenSet> {
        (**self).current()
    }
}

impl<T: ManagedTokens + ?Sized> ManagedTokens for Box<T> {
    fn oauth(&self) -> &OAuthConfig {
        (**self).oauth()
    }

    fn current(&self) -> Option<TokenSet> {
        (**self).current()
    }
}

/// The token for the next request, as far as the settings can tell
/// ([`ClientSettings::bearer`]).
///
/// ```
/// use linkedin::client_core::{Bearer, ClientSettings};
/// use linkedin::oauth::AccessToken;
///
/// let settings = ClientSettings::<()>::new().with_access_token(AccessToken::new("AQV"));
/// assert!(matches!(settings.bearer(None)?, Bearer::Ready(token) if token.secret() == "AQV"));
/// # Ok::<(), linkedin::TokenError>(())
/// ```
#[derive(Debug)]
pub enum Bearer<'a, S> {
    /// Use this token (the configured one borrowed: no copy per call).
    Ready(Cow<'a, AccessToken>),
    /// Ask this token source (which may renew first: IO, the transport's).
    Renew(&'a S),
}

/// What a LinkedIn client is configured with, whatever its HTTP stack:
/// where requests go and how ([`RequestConfig`]), when to retry
/// ([`RetryPolicy`]), the per-attempt timeout, the token (a static
/// [`AccessToken`] or a token source `S`), the OAuth application and an
/// OAuth base URL override.
///
/// Each transport's `ClientBuilder` holds one and delegates every setter
/// to it; the client keeps it. Every setting has a default: LinkedIn's
/// endpoints, no default version (unversioned `/v2` calls unless a request
/// sets one), a 30 s timeout per attempt ([`DEFAULT_TIMEOUT`]), 60 s per
/// call in all, [`RetryPolicy::default`], tunneling above 4,000 bytes of
/// query, no token.
///
/// `Debug` never shows a token or the client secret (their types redact
/// themselves).
///
/// ```
/// use std::time::Duration;
/// use linkedin::client_core::ClientSettings;
/// use linkedin::oauth::AccessToken;
/// use linkedin::restli::{Endpoint, retry::RetryPolicy};
///
/// let settings = ClientSettings::<()>::new()
///     .with_endpoint(Endpoint::from_origin("http://127.0.0.1:8080")?)
///     .with_version("202406")?
///     .with_user_agent_suffix("my-app/1.0")
///     .with_timeout(Duration::from_secs(10))
///     .with_retry_policy(RetryPolicy::default().max_attempts(3))
///     .with_tunnel_threshold(2000)
///     .with_access_token(AccessToken::new("AQV..."));
/// assert_eq!(settings.config().version().map(|v| v.as_str()), Some("202406"));
/// assert_eq!(settings.config().tunnel_threshold(), 2000);
/// assert_eq!(settings.timeout(), Duration::from_secs(10));
/// assert!(!format!("{settings:?}").contains("AQV"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct ClientSettings<S> {
    config: RequestConfig,
    retry_policy: RetryPolicy,
    timeout: Duration,
    total_timeout: Option<Duration>,
    auth: Auth<S>,
    oauth: Option<OAuthConfig>,
    oauth_base_url: Option<BaseUrl>,
}

impl<S> Default for ClientSettings<S> {
    fn default() -> Self {
        ClientSettings {
            config: RequestConfig::new(),
            retry_policy: RetryPolicy::default(),
            timeout: DEFAULT_TIMEOUT,
            total_timeout: None,
            auth: Auth::None,
            oauth: None,
            oauth_base_url: None,
        }
    }
}

impl<S> ClientSettings<S> {
    /// The defaults (see [`ClientSettings`]).
    ///
    /// ```
    /// let settings = linkedin::client_core::ClientSettings::<()>::new();
    /// assert_eq!(settings.timeout(), linkedin::DEFAULT_TIMEOUT);
    /// assert_eq!(settings.config().tunnel_threshold(), 4000);
    /// ```
    pub fn new() -> Self {
        ClientSettings::default()
    }

    /// Sends Rest.li requests to another server (the sandbox, a proxy);
    /// default: LinkedIn.
    ///
    /// ```
    /// use linkedin::restli::Endpoint;
    /// let settings = linkedin::client_core::ClientSettings::<()>::new()
    ///     .with_endpoint(Endpoint::from_origin("http://127.0.0.1:8080")?);
    /// assert_eq!(settings.config().endpoint().base(true).as_str(), "http://127.0.0.1:8080/rest");
    /// # Ok::<(), linkedin::restli::EndpointError>(())
    /// ```
    pub fn with_endpoint(self, endpoint: Endpoint) -> Self {
        ClientSettings {
            config: self.config.with_endpoint(endpoint),
            ..self
        }
    }

    /// Sends OAuth requests (the client's own and the token source's) to
    /// another base URL; default: the one in each [`OAuthConfig`].
    ///
    /// ```
    /// use linkedin::oauth::BaseUrl;
    /// let settings = linkedin::client_core::ClientSettings::<()>::new()
    ///     .with_oauth_base_url(BaseUrl::parse("http://127.0.0.1:9000/oauth/v2")?);
    /// assert!(settings.oauth_base_url().is_some());
    /// # Ok::<(), linkedin::oauth::ConfigError>(())
    /// ```
    pub fn with_oauth_base_url(self, base: BaseUrl) -> Self {
        ClientSettings {
            oauth_base_url: Some(base),
            ..self
        }
    }

    /// The default `LinkedIn-Version` (`YYYYMM` or `YYYYMM.RR`); with one,
    /// requests go to the versioned `/rest` APIs. A request's own version
    /// wins.
    ///
    /// ```
    /// use linkedin::client_core::ClientSettings;
    /// let settings = ClientSettings::<()>::new().with_version("202406.01")?;
    /// assert_eq!(settings.config().version().map(|v| v.as_str()), Some("202406.01"));
    /// assert!(ClientSettings::<()>::new().with_version("June 2024").is_err());
    /// # Ok::<(), linkedin::ConfigError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ConfigError::Version`] for anything but `YYYYMM` or `YYYYMM.RR`.
    pub fn with_version(self, version: &str) -> Result<Self, ConfigError> {
        Ok(self.with_linkedin_version(LinkedInVersion::new(version)?))
    }

    /// The default `LinkedIn-Version`, already checked.
    ///
    /// ```
    /// use linkedin::client_core::ClientSettings;
    /// use linkedin::restli::LinkedInVersion;
    /// let settings = ClientSettings::<()>::new().with_linkedin_version(LinkedInVersion::new("202406")?);
    /// assert_eq!(settings.config().version().map(|v| v.as_str()), Some("202406"));
    /// # Ok::<(), linkedin::restli::VersionError>(())
    /// ```
    pub fn with_linkedin_version(self, version: LinkedInVersion) -> Self {
        ClientSettings {
            config: self.config.with_version(version),
            ..self
        }
    }

    /// Appends a product token to the `User-Agent`
    /// (`linkedin-rs/x.y.z my-app/1.0`).
    ///
    /// ```
    /// let settings = linkedin::client_core::ClientSettings::<()>::new().with_user_agent_suffix("my-app/1.0");
    /// assert!(settings.config().user_agent().ends_with(" my-app/1.0"));
    /// ```
    pub fn with_user_agent_suffix(self, suffix: &str) -> Self {
        ClientSettings {
            config: self.config.with_user_agent_suffix(suffix),
            ..self
        }
    }

    /// The longest one attempt may take (default [`DEFAULT_TIMEOUT`]).
    ///
    /// ```
    /// use std::time::Duration;
    /// let settings = linkedin::client_core::ClientSettings::<()>::new().with_timeout(Duration::from_secs(5));
    /// assert_eq!(settings.timeout(), Duration::from_secs(5));
    /// ```
    pub fn with_timeout(self, timeout: Duration) -> Self {
        ClientSettings { timeout, ..self }
    }

    /// The longest a whole call may take, every attempt and wait included
    /// (default [`DEFAULT_TOTAL_TIMEOUT`](restli_codec::retry::DEFAULT_TOTAL_TIMEOUT),
    /// 60 s): no retry starts that would end past it, and each attempt's
    /// [timeout](Self::with_timeout) is cut to the time left. It overrides
    /// the retry policy's own [`total_timeout`](RetryPolicy::total_timeout),
    /// whichever is set first.
    ///
    /// ```
    /// use std::time::Duration;
    /// let settings = linkedin::client_core::ClientSettings::<()>::new().with_total_timeout(Duration::from_secs(20));
    /// assert_eq!(settings.retry_policy().total_timeout_value(), Duration::from_secs(20));
    /// ```
    pub fn with_total_timeout(self, total: Duration) -> Self {
        ClientSettings {
            total_timeout: Some(total),
            ..self
        }
    }

    /// When and how often to retry ([`RetryPolicy::none`] to never retry).
    ///
    /// ```
    /// use linkedin::restli::retry::RetryPolicy;
    /// let settings = linkedin::client_core::ClientSettings::<()>::new().with_retry_policy(RetryPolicy::none());
    /// assert_eq!(settings.retry_policy(), RetryPolicy::none());
    /// ```
    pub fn with_retry_policy(self, retry_policy: RetryPolicy) -> Self {
        ClientSettings {
            retry_policy,
            ..self
        }
    }

    /// Tunnels requests whose query string is longer than `bytes` (default
    /// 4,000) as a POST with `X-HTTP-Method-Override`.
    ///
    /// ```
    /// let settings = linkedin::client_core::ClientSettings::<()>::new().with_tunnel_threshold(2000);
    /// assert_eq!(settings.config().tunnel_threshold(), 2000);
    /// ```
    pub fn with_tunnel_threshold(self, bytes: usize) -> Self {
        ClientSettings {
            config: self.config.with_tunnel_threshold(bytes),
            ..self
        }
    }

    /// A fixed access token for every request (replaces a token source).
    ///
    /// ```
    /// use linkedin::client_core::{Auth, ClientSettings};
    /// use linkedin::oauth::AccessToken;
    /// let settings = ClientSettings::<()>::new().with_token_source(()).with_access_token(AccessToken::new("AQV"));
    /// assert!(matches!(settings.auth(), Auth::Static(_)));
    /// ```
    pub fn with_access_token(self, token: AccessToken) -> Self {
        ClientSettings {
            auth: Auth::Static(token),
            ..self
        }
    }

    /// A token source that renews the token ahead of expiry (replaces a
    /// fixed token). Its OAuth application also serves the OAuth calls
    /// when [`with_oauth`](Self::with_oauth) is not set.
    ///
    /// ```
    /// use linkedin::client_core::{Auth, ClientSettings};
    /// let settings = ClientSettings::new().with_token_source("a source");
    /// assert!(matches!(settings.auth(), Auth::Source("a source")));
    /// ```
    pub fn with_token_source(self, source: S) -> Self {
        ClientSettings {
            auth: Auth::Source(source),
            ..self
        }
    }

    /// The OAuth application for the OAuth calls (code exchange, refresh,
    /// client credentials, introspection); default: the token source's.
    ///
    /// ```
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let settings = linkedin::client_core::ClientSettings::<()>::new()
    ///     .with_oauth(OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret")));
    /// assert!(settings.oauth().is_some());
    /// ```
    pub fn with_oauth(self, config: OAuthConfig) -> Self {
        ClientSettings {
            oauth: Some(config),
            ..self
        }
    }

    /// What every request shares: endpoint, default version, user agent,
    /// tunneling threshold.
    ///
    /// ```
    /// let settings = linkedin::client_core::ClientSettings::<()>::new();
    /// assert!(settings.config().version().is_none());
    /// ```
    pub fn config(&self) -> &RequestConfig {
        &self.config
    }

    /// The retry policy, with the [total timeout](Self::with_total_timeout)
    /// applied when one was set.
    ///
    /// ```
    /// use linkedin::restli::retry::RetryPolicy;
    /// assert_eq!(linkedin::client_core::ClientSettings::<()>::new().retry_policy(), RetryPolicy::default());
    /// ```
    pub fn retry_policy(&self) -> RetryPolicy {
        match self.total_timeout {
            Some(total) => self.retry_policy.total_timeout(total),
            None => self.retry_policy,
        }
    }

    /// The total timeout of a call (see
    /// [`with_total_timeout`](Self::with_total_timeout)).
    ///
    /// ```
    /// let settings = linkedin::client_core::ClientSettings::<()>::new();
    /// assert_eq!(settings.total_timeout(), linkedin::restli::retry::DEFAULT_TOTAL_TIMEOUT);
    /// ```
    pub fn total_timeout(&self) -> Duration {
        self.retry_policy().total_timeout_value()
    }

    /// The per-attempt timeout.
    ///
    /// ```
    /// let settings = linkedin::client_core::ClientSettings::<()>::new();
    /// assert_eq!(settings.timeout(), linkedin::DEFAULT_TIMEOUT);
    /// ```
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Where request tokens come from.
    ///
    /// ```
    /// use linkedin::client_core::{Auth, ClientSettings};
    /// assert!(matches!(ClientSettings::<()>::new().auth(), Auth::None));
    /// ```
    pub fn auth(&self) -> &Auth<S> {
        &self.auth
    }

    /// The OAuth application given with [`with_oauth`](Self::with_oauth).
    ///
    /// ```
    /// assert!(linkedin::client_core::ClientSettings::<()>::new().oauth().is_none());
    /// ```
    pub fn oauth(&self) -> Option<&OAuthConfig> {
        self.oauth.as_ref()
    }

    /// The OAuth base URL override, if any.
    ///
    /// ```
    /// assert!(linkedin::client_core::ClientSettings::<()>::new().oauth_base_url().is_none());
    /// ```
    pub fn oauth_base_url(&self) -> Option<&BaseUrl> {
        self.oauth_base_url.as_ref()
    }

    /// `config` with the OAuth base URL override applied (unchanged
    /// without one).
    ///
    /// ```
    /// use linkedin::client_core::ClientSettings;
    /// use linkedin::oauth::{BaseUrl, ClientId, ClientSecret, OAuthConfig};
    ///
    /// let app = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"));
    /// let settings = ClientSettings::<()>::new()
    ///     .with_oauth_base_url(BaseUrl::parse("http://127.0.0.1:9000/oauth/v2")?);
    /// let local = settings.apply_oauth_base(&app);
    /// assert!(local.client_credentials_request().uri().to_string().starts_with("http://127.0.0.1:9000/"));
    /// # Ok::<(), linkedin::oauth::ConfigError>(())
    /// ```
    pub fn apply_oauth_base(&self, config: &OAuthConfig) -> OAuthConfig {
        match &self.oauth_base_url {
            Some(base) => config.clone().base_url(base.clone()),
            None => config.clone(),
        }
    }

    /// The token for the next request: `per_call` (a handle's override)
    /// if given, else the static token, else the token source to ask.
    ///
    /// ```
    /// use linkedin::client_core::{ClientSettings, TokenError};
    /// use linkedin::oauth::AccessToken;
    ///
    /// let settings = ClientSettings::<()>::new();
    /// assert!(matches!(settings.bearer(None), Err(TokenError::Missing)));
    /// assert!(settings.bearer(Some(&AccessToken::new("member"))).is_ok());
    /// ```
    ///
    /// # Errors
    ///
    /// [`TokenError::Missing`] with neither a token nor a token source.
    pub fn bearer<'a>(
        &'a self,
        per_call: Option<&'a AccessToken>,
    ) -> Result<Bearer<'a, S>, TokenError> {
        if let Some(token) = per_call {
            return Ok(Bearer::Ready(Cow::Borrowed(token)));
        }
        match &self.auth {
            Auth::Static(token) => Ok(Bearer::Ready(Cow::Borrowed(token))),
            Auth::Source(source) => Ok(Bearer::Renew(source)),
            Auth::None => Err(TokenError::Missing),
        }
    }
}

impl<S: ManagedTokens> ClientSettings<S> {
    /// The application for the OAuth calls: the one given with
    /// [`with_oauth`](Self::with_oauth), else the token source's; with the
    /// OAuth base URL override applied.
    ///
    /// ```
    /// use linkedin::client_core::{ClientSettings, ConfigError};
    /// # use linkedin::client_core::ManagedTokens;
    /// # use linkedin::oauth::{OAuthConfig, TokenSet};
    /// # struct Source;
    /// # impl ManagedTokens for Source {
    /// #     fn oauth(&self) -> &OAuthConfig { unimplemented!() }
    /// #     fn current(&self) -> Option<TokenSet> { None }
    /// # }
    /// let settings = ClientSettings::<Source>::new();
    /// assert!(matches!(settings.oauth_app(), Err(ConfigError::NoOAuth)));
    /// ```
    ///
    /// # Errors
    ///
    /// [`ConfigError::NoOAuth`] with neither.
    pub fn oauth_app(&self) -> Result<OAuthConfig, ConfigError> {
        let config = match (&self.oauth, &self.auth) {
            (Some(config), _) => config,
            (None, Auth::Source(source)) => source.oauth(),
            (None, _) => return Err(ConfigError::NoOAuth),
        };
        Ok(self.apply_oauth_base(config))
    }

    /// The token source's current tokens (to persist them), or `None`
    /// without a token source.
    ///
    /// ```
    /// # use linkedin::client_core::{ClientSettings, ManagedTokens};
    /// # use linkedin::oauth::{OAuthConfig, TokenSet};
    /// # struct Source;
    /// # impl ManagedTokens for Source {
    /// #     fn oauth(&self) -> &OAuthConfig { unimplemented!() }
    /// #     fn current(&self) -> Option<TokenSet> { None }
    /// # }
    /// assert!(ClientSettings::<Source>::new().tokens().is_none());
    /// ```
    pub fn tokens(&self) -> Option<TokenSet> {
        match &self.auth {
            Auth::Source(source) => source.current(),
            Auth::None | Auth::Static(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linkedin_oauth::{ClientId, ClientSecret};

    const SECRET: &str = "s3cr3t-client-value";

    fn leaks(shown: &str) -> bool {
        linkedin_test_support::leaks::shows_secret(shown, SECRET)
    }

    #[test]
    fn debug_never_shows_a_token_or_the_client_secret() {
        let settings = ClientSettings::<()>::new()
            .with_oauth(OAuthConfig::new(
                ClientId::new("id"),
                ClientSecret::new(SECRET),
            ))
            .with_access_token(AccessToken::new(SECRET))
            .with_total_timeout(Duration::from_secs(5));
        for shown in [format!("{settings:?}"), format!("{settings:#?}")] {
            assert!(!leaks(&shown), "{shown}");
        }
        assert!(leaks(&format!("{:#?}", SECRET.as_bytes())));
    }

    #[test]
    fn the_total_timeout_overrides_the_policy_in_either_order() {
        let total = Duration::from_secs(7);
        let first = ClientSettings::<()>::new()
            .with_total_timeout(total)
            .with_retry_policy(RetryPolicy::none());
        let last = ClientSettings::<()>::new()
            .with_retry_policy(RetryPolicy::none())
            .with_total_timeout(total);
        assert_eq!(first.total_timeout(), total);
        assert_eq!(
            last.retry_policy(),
            RetryPolicy::none().total_timeout(total)
        );
    }
}
