//! [`ClientBuilder`]: the client's settings (delegated to
//! `linkedin_client_core::ClientSettings`) and its HTTP stack.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use linkedin_client_core::ClientSettings;
use linkedin_oauth::{AccessToken, OAuthConfig};
use restli_codec::Endpoint;
use restli_codec::retry::RetryPolicy;
use restli_codec::transport::AsyncHttpClient;

use crate::Error;
use crate::client::Client;
use crate::token::TokenSource;
use crate::transport::Reqwest;

/// Configures a [`Client`]: where requests go, the default
/// `LinkedIn-Version`, the token, timeouts and retries.
///
/// Everything has a default: LinkedIn's endpoints, no default version
/// (unversioned `/v2` calls unless a request sets one), a 30 s timeout per
/// attempt, [`RetryPolicy::default`], tunneling above 4,000 bytes of query.
///
/// ```
/// use std::time::Duration;
/// use linkedin_reqwest::Client;
/// use linkedin_reqwest::oauth::AccessToken;
/// use linkedin_reqwest::restli::{Endpoint, retry::RetryPolicy};
///
/// let client = Client::builder()
///     .endpoint(Endpoint::from_origin("http://127.0.0.1:8080")?)
///     .version("202406")?
///     .user_agent_suffix("my-app/1.0")
///     .timeout(Duration::from_secs(10))
///     .retry_policy(RetryPolicy::default().max_attempts(3))
///     .tunnel_threshold(4000)
///     .access_token(AccessToken::new("AQV..."))
///     .build()?;
/// assert_eq!(client.config().version().map(|v| v.as_str()), Some("202406"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Retries by default
///
/// [`RetryPolicy::default`]: at most 4 attempts in all, 60 s in all. Retried:
/// 429, 500, 502, 503, 504, and connect errors, timeouts and resets, for
/// idempotent methods; CREATE, BATCH_CREATE, PARTIAL_UPDATE,
/// BATCH_PARTIAL_UPDATE and ACTION only on 429 (a 5xx or a lost connection
/// may come after LinkedIn acted). A `Retry-After` of up to 60 s is
/// waited for, a longer one is not; a 429 without it (LinkedIn's daily
/// limit) is retried once. Otherwise the wait is exponential backoff with
/// full jitter from 500 ms, capped at 30 s. Change it with
/// [`retry_policy`](ClientBuilder::retry_policy).
#[must_use]
pub struct ClientBuilder {
    settings: ClientSettings<Arc<TokenSource>>,
    http: Option<reqwest::Client>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Applies one [`ClientSettings`] setter: every setter below is one.
    fn with_settings(
        self,
        set: impl FnOnce(ClientSettings<Arc<TokenSource>>) -> ClientSettings<Arc<TokenSource>>,
    ) -> Self {
        ClientBuilder {
            settings: set(self.settings),
            ..self
        }
    }

    /// Sends Rest.li requests to another server (the sandbox, a proxy);
    /// default: LinkedIn.
    ///
    /// ```
    /// use linkedin_reqwest::restli::Endpoint;
    /// let builder = linkedin_reqwest::Client::builder()
    ///     .endpoint(Endpoint::from_origin("http://localhost:9000")?);
    /// # let _ = builder;
    /// # Ok::<(), linkedin_reqwest::restli::EndpointError>(())
    /// ```
    pub fn endpoint(self, endpoint: Endpoint) -> Self {
        self.with_settings(|settings| settings.with_endpoint(endpoint))
    }

    /// Sends OAuth requests (the client's own and the token source's) to
    /// another base URL; default: the one in each [`OAuthConfig`].
    ///
    /// ```
    /// use linkedin_reqwest::oauth::BaseUrl;
    /// let builder = linkedin_reqwest::Client::builder()
    ///     .oauth_base_url(BaseUrl::parse("http://127.0.0.1:9000/oauth/v2")?);
    /// # let _ = builder;
    /// # Ok::<(), linkedin_reqwest::oauth::ConfigError>(())
    /// ```
    pub fn oauth_base_url(self, base: linkedin_oauth::BaseUrl) -> Self {
        self.with_settings(|settings| settings.with_oauth_base_url(base))
    }

    /// The default `LinkedIn-Version` (`YYYYMM` or `YYYYMM.RR`); with one,
    /// requests go to the versioned `/rest` APIs. A request's own
    /// `version` wins.
    ///
    /// ```
    /// let builder = linkedin_reqwest::Client::builder().version("202406.01")?;
    /// # let _ = builder;
    /// assert!(linkedin_reqwest::Client::builder().version("June 2024").is_err());
    /// # Ok::<(), linkedin_reqwest::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ConfigError::Version`](crate::ConfigError::Version) for anything
    /// but `YYYYMM` or `YYYYMM.RR`.
    pub fn version(self, version: &str) -> Result<Self, Error> {
        Ok(ClientBuilder {
            settings: self.settings.with_version(version)?,
            ..self
        })
    }

    /// Appends a product token to the `User-Agent` (`linkedin-rs/x.y.z my-app/1.0`).
    ///
    /// ```
    /// let client = linkedin_reqwest::Client::builder().user_agent_suffix("my-app/1.0").build()?;
    /// assert!(client.config().user_agent().ends_with(" my-app/1.0"));
    /// # Ok::<(), linkedin_reqwest::Error>(())
    /// ```
    pub fn user_agent_suffix(self, suffix: &str) -> Self {
        self.with_settings(|settings| settings.with_user_agent_suffix(suffix))
    }

    /// The longest one attempt may take, from sending the request to
    /// reading the last byte of the response (default 30 s). A timed-out
    /// attempt is retried like a lost connection (for idempotent methods).
    ///
    /// ```
    /// use std::time::Duration;
    /// let client = linkedin_reqwest::Client::builder().timeout(Duration::from_secs(5)).build()?;
    /// assert_eq!(client.timeout(), Duration::from_secs(5));
    /// # Ok::<(), linkedin_reqwest::Error>(())
    /// ```
    pub fn timeout(self, timeout: Duration) -> Self {
        self.with_settings(|settings| settings.with_timeout(timeout))
    }

    /// The longest a whole call may take, every attempt and wait between
    /// them included (default 60 s,
    /// [`DEFAULT_TOTAL_TIMEOUT`](crate::restli::retry::DEFAULT_TOTAL_TIMEOUT)):
    /// a retry that would end past it is not taken, and each attempt's
    /// [timeout](Self::timeout) is cut to the time left. Without it, four
    /// attempts of 30 s plus `Retry-After` waits could hold a call for
    /// minutes.
    ///
    /// ```
    /// use std::time::Duration;
    /// let client = linkedin_reqwest::Client::builder().total_timeout(Duration::from_secs(20)).build()?;
    /// assert_eq!(client.retry_policy().total_timeout_value(), Duration::from_secs(20));
    /// # Ok::<(), linkedin_reqwest::Error>(())
    /// ```
    pub fn total_timeout(self, total: Duration) -> Self {
        self.with_settings(|settings| settings.with_total_timeout(total))
    }

    /// When and how often to retry ([`RetryPolicy::none`] to never retry).
    ///
    /// ```
    /// use linkedin_reqwest::restli::retry::RetryPolicy;
    /// let client = linkedin_reqwest::Client::builder().retry_policy(RetryPolicy::none()).build()?;
    /// assert_eq!(client.retry_policy(), RetryPolicy::none());
    /// # Ok::<(), linkedin_reqwest::Error>(())
    /// ```
    pub fn retry_policy(self, policy: RetryPolicy) -> Self {
        self.with_settings(|settings| settings.with_retry_policy(policy))
    }

    /// Tunnels requests whose query string is longer than `bytes` (default
    /// 4,000) as a POST with `X-HTTP-Method-Override`.
    ///
    /// ```
    /// let client = linkedin_reqwest::Client::builder().tunnel_threshold(2000).build()?;
    /// assert_eq!(client.config().tunnel_threshold(), 2000);
    /// # Ok::<(), linkedin_reqwest::Error>(())
    /// ```
    pub fn tunnel_threshold(self, bytes: usize) -> Self {
        self.with_settings(|settings| settings.with_tunnel_threshold(bytes))
    }

    /// A fixed access token for every request (replaces a token source).
    ///
    /// ```
    /// use linkedin_reqwest::oauth::AccessToken;
    /// let client = linkedin_reqwest::Client::builder().access_token(AccessToken::new("AQV")).build()?;
    /// assert!(!format!("{client:?}").contains("AQV"));
    /// # Ok::<(), linkedin_reqwest::Error>(())
    /// ```
    pub fn access_token(self, token: AccessToken) -> Self {
        self.with_settings(|settings| settings.with_access_token(token))
    }

    /// Tokens that renew themselves ahead of expiry (replaces a fixed
    /// token); see [`TokenSource`].
    ///
    /// ```
    /// use linkedin_reqwest::TokenSource;
    /// use linkedin_reqwest::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"));
    /// let client = linkedin_reqwest::Client::builder()
    ///     .token_source(TokenSource::client_credentials(oauth))
    ///     .build()?;
    /// # let _ = client;
    /// # Ok::<(), linkedin_reqwest::Error>(())
    /// ```
    pub fn token_source(self, source: TokenSource) -> Self {
        self.with_settings(|settings| settings.with_token_source(Arc::new(source)))
    }

    /// The OAuth application for [`Client::exchange_code`],
    /// [`Client::refresh`], [`Client::client_credentials`] and
    /// [`Client::introspect`] (default: the token source's, if any).
    ///
    /// ```
    /// use linkedin_reqwest::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let client = linkedin_reqwest::Client::builder()
    ///     .oauth(OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret")))
    ///     .build()?;
    /// # let _ = client;
    /// # Ok::<(), linkedin_reqwest::Error>(())
    /// ```
    pub fn oauth(self, config: OAuthConfig) -> Self {
        self.with_settings(|settings| settings.with_oauth(config))
    }

    /// Sends with your own `reqwest::Client` (proxies, extra roots). Set it
    /// not to follow redirects. The per-attempt [timeout](Self::timeout)
    /// still applies on top of the client's own.
    ///
    /// ```
    /// use linkedin_reqwest::Reqwest;
    /// let own = reqwest::Client::builder()
    ///     .tls_backend_preconfigured(Reqwest::tls_config()?)
    ///     .redirect(reqwest::redirect::Policy::none())
    ///     .build()
    ///     .expect("valid configuration");
    /// let client = linkedin_reqwest::Client::builder().http_client(own).build()?;
    /// # let _ = client;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Builds the client over reqwest (the recommended [`Reqwest::new`]
    /// unless [`http_client`](Self::http_client) gave one).
    ///
    /// ```
    /// let client = linkedin_reqwest::Client::builder().build()?;
    /// # let _ = client;
    /// # Ok::<(), linkedin_reqwest::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ConfigError::Tls`](crate::ConfigError::Tls) or
    /// [`ConfigError::HttpClient`](crate::ConfigError::HttpClient) when TLS
    /// cannot be initialised.
    pub fn build(mut self) -> Result<Client, Error> {
        let http = match self.http.take() {
            Some(client) => Reqwest::from_client(client),
            None => Reqwest::new()?,
        };
        Ok(self.build_with(http))
    }

    /// Builds the client over any [`AsyncHttpClient`]: another HTTP stack,
    /// a [`Reqwest`] with other settings, or a stub in tests. The
    /// per-attempt [timeout](Self::timeout) still applies.
    ///
    /// ```
    /// use linkedin_reqwest::Client;
    /// use linkedin_reqwest::oauth::AccessToken;
    /// use linkedin_reqwest::restli::retry::TransportFailure;
    /// use linkedin_reqwest::restli::transport::{AsyncHttpClient, TransportError};
    /// use linkedin_reqwest::restli::{EntityResponse, Request};
    ///
    /// /// Answers every request with the same entity.
    /// struct Canned;
    /// #[derive(Debug)]
    /// struct Never;
    /// impl std::fmt::Display for Never {
    ///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("never") }
    /// }
    /// impl std::error::Error for Never {}
    /// impl TransportError for Never {
    ///     fn failure(&self) -> TransportFailure { TransportFailure::Other }
    /// }
    /// impl AsyncHttpClient for Canned {
    ///     type Error = Never;
    ///     async fn send(&self, _: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Never> {
    ///         Ok(http::Response::new(br#"{"id": 7}"#.to_vec()))
    ///     }
    /// }
    ///
    /// # tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(async {
    /// let client = Client::builder().access_token(AccessToken::new("t")).build_with(Canned);
    /// let me: EntityResponse = client.send(Request::get("/me")).await?;
    /// assert_eq!(me.entity["id"], 7);
    /// # Ok::<(), linkedin_reqwest::Error>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build_with<H: AsyncHttpClient>(self, http: H) -> Client<H> {
        Client::new(http, self.settings)
    }
}

impl Client {
    /// Starts configuring a client (see [`ClientBuilder`]).
    ///
    /// ```
    /// let client = linkedin_reqwest::Client::builder().build()?;
    /// # let _ = client;
    /// # Ok::<(), linkedin_reqwest::Error>(())
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder {
            settings: ClientSettings::new(),
            http: None,
        }
    }
}
