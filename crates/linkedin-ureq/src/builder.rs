//! [`ClientBuilder`]: the client's settings (delegated to
//! `linkedin_client_core::ClientSettings`) and its HTTP stack.

use std::time::Duration;

use linkedin_client_core::ClientSettings;
use linkedin_oauth::{AccessToken, OAuthConfig};
use restli_codec::Endpoint;
use restli_codec::retry::RetryPolicy;
use restli_codec::transport::HttpClient;

use crate::Error;
use crate::client::Client;
use crate::token::TokenSource;
use crate::transport::Ureq;

/// Configures a [`Client`]. Every setting has a default, so every method
/// is optional.
///
/// ```
/// use std::time::Duration;
/// use linkedin_ureq::Client;
/// use linkedin_ureq::oauth::AccessToken;
/// use linkedin_ureq::restli::{Endpoint, RetryPolicy};
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
/// assert_eq!(client.timeout(), Duration::from_secs(10));
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
#[derive(Debug)]
pub struct ClientBuilder {
    settings: ClientSettings<Box<TokenSource>>,
    agent: Option<ureq::Agent>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            settings: ClientSettings::new(),
            agent: None,
        }
    }
}

impl ClientBuilder {
    /// Applies one [`ClientSettings`] setter: every setter below is one.
    fn with_settings(
        self,
        set: impl FnOnce(ClientSettings<Box<TokenSource>>) -> ClientSettings<Box<TokenSource>>,
    ) -> Self {
        ClientBuilder {
            settings: set(self.settings),
            ..self
        }
    }

    /// Where requests go (default: LinkedIn's `https://api.linkedin.com`).
    ///
    /// ```
    /// let client = linkedin_ureq::Client::builder()
    ///     .endpoint(linkedin_ureq::restli::Endpoint::from_origin("http://127.0.0.1:8080")?)
    ///     .build()?;
    /// assert_eq!(client.config().endpoint().base(true).as_str(), "http://127.0.0.1:8080/rest");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn endpoint(self, endpoint: Endpoint) -> Self {
        self.with_settings(|settings| settings.with_endpoint(endpoint))
    }

    /// The OAuth base URL (default LinkedIn's), for the auth calls and the
    /// token source's renewals: a sandbox's, say.
    ///
    /// ```
    /// use linkedin_ureq::oauth::BaseUrl;
    /// let builder = linkedin_ureq::Client::builder()
    ///     .oauth_base_url(BaseUrl::parse("http://127.0.0.1:8080/oauth/v2")?);
    /// # let _ = builder;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn oauth_base_url(self, base: linkedin_oauth::BaseUrl) -> Self {
        self.with_settings(|settings| settings.with_oauth_base_url(base))
    }

    /// The default `LinkedIn-Version` (`YYYYMM` or `YYYYMM.RR`); with one,
    /// requests go to the versioned `/rest` APIs.
    ///
    /// ```
    /// let client = linkedin_ureq::Client::builder().version("202406")?.build()?;
    /// assert_eq!(client.config().version().map(|v| v.as_str()), Some("202406"));
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ConfigError::Version`](crate::ConfigError::Version) for a version
    /// of another form.
    pub fn version(self, version: &str) -> Result<Self, Error> {
        Ok(ClientBuilder {
            settings: self.settings.with_version(version)?,
            ..self
        })
    }

    /// Appends a product token to the `User-Agent`.
    ///
    /// ```
    /// let client = linkedin_ureq::Client::builder().user_agent_suffix("sync/2").build()?;
    /// assert!(client.config().user_agent().ends_with(" sync/2"));
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    pub fn user_agent_suffix(self, suffix: &str) -> Self {
        self.with_settings(|settings| settings.with_user_agent_suffix(suffix))
    }

    /// The time each attempt may take, from connecting to the last byte of
    /// the response (default [`DEFAULT_TIMEOUT`](crate::DEFAULT_TIMEOUT));
    /// enforced through ureq's per-request configuration. A timed-out
    /// attempt is retried like a lost connection (for idempotent methods
    /// only). A stack given to [`build_with`](Self::build_with) enforces its
    /// own timeouts.
    ///
    /// ```
    /// use std::time::Duration;
    /// let client = linkedin_ureq::Client::builder().timeout(Duration::from_secs(5)).build()?;
    /// assert_eq!(client.timeout(), Duration::from_secs(5));
    /// # Ok::<(), linkedin_ureq::Error>(())
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
    /// let client = linkedin_ureq::Client::builder().total_timeout(Duration::from_secs(20)).build()?;
    /// assert_eq!(client.retry_policy().total_timeout_value(), Duration::from_secs(20));
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    pub fn total_timeout(self, total: Duration) -> Self {
        self.with_settings(|settings| settings.with_total_timeout(total))
    }

    /// When and how often to retry (default [`RetryPolicy::default`]: 4
    /// attempts; 429 for every method, 5xx and lost connections for
    /// idempotent methods only).
    ///
    /// ```
    /// use linkedin_ureq::restli::RetryPolicy;
    /// let client = linkedin_ureq::Client::builder().retry_policy(RetryPolicy::none()).build()?;
    /// assert_eq!(client.retry_policy(), RetryPolicy::none());
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    pub fn retry_policy(self, policy: RetryPolicy) -> Self {
        self.with_settings(|settings| settings.with_retry_policy(policy))
    }

    /// Tunnels requests whose query string is longer than `bytes` (default
    /// 4000).
    ///
    /// ```
    /// let client = linkedin_ureq::Client::builder().tunnel_threshold(2000).build()?;
    /// assert_eq!(client.config().tunnel_threshold(), 2000);
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    pub fn tunnel_threshold(self, bytes: usize) -> Self {
        self.with_settings(|settings| settings.with_tunnel_threshold(bytes))
    }

    /// A fixed access token for every call (replaces a token source).
    ///
    /// ```
    /// let client = linkedin_ureq::Client::builder()
    ///     .access_token(linkedin_ureq::oauth::AccessToken::new("AQV..."))
    ///     .build()?;
    /// assert!(!format!("{client:?}").contains("AQV"));
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    pub fn access_token(self, token: AccessToken) -> Self {
        self.with_settings(|settings| settings.with_access_token(token))
    }

    /// A token source that renews the token ahead of expiry (replaces a
    /// fixed token). Its OAuth application also serves the auth calls when
    /// [`oauth`](Self::oauth) is not set.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use linkedin_ureq::TokenSource;
    /// use linkedin_ureq::oauth::{AccessToken, ClientId, ClientSecret, OAuthConfig, TokenSet};
    ///
    /// let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"));
    /// let tokens = TokenSet::new(AccessToken::new("AQV"), SystemTime::now() + Duration::from_secs(3600));
    /// let client = linkedin_ureq::Client::builder()
    ///     .token_source(TokenSource::new(oauth, tokens))
    ///     .build()?;
    /// assert_eq!(client.tokens().map(|t| t.access_token.secret().to_owned()), Some("AQV".to_owned()));
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    pub fn token_source(self, source: TokenSource) -> Self {
        self.with_settings(|settings| settings.with_token_source(Box::new(source)))
    }

    /// The application's OAuth credentials, for the auth calls
    /// ([`Client::exchange_code`], [`Client::refresh`],
    /// [`Client::client_credentials`], [`Client::introspect`]).
    ///
    /// ```
    /// use linkedin_ureq::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let builder = linkedin_ureq::Client::builder()
    ///     .oauth(OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret")));
    /// # let _ = builder;
    /// ```
    pub fn oauth(self, config: OAuthConfig) -> Self {
        self.with_settings(|settings| settings.with_oauth(config))
    }

    /// Sends requests through your own [`ureq::Agent`](https://docs.rs/ureq/3/ureq/struct.Agent.html) (TLS roots, proxy,
    /// pool sizes). Whatever the agent's configuration says, requests
    /// follow no redirects, return error statuses as responses and get the
    /// builder's [`timeout`](Self::timeout).
    ///
    /// ```
    /// let agent: ureq::Agent = linkedin_ureq::Ureq::agent_config()
    ///     .max_idle_connections_per_host(16)
    ///     .build()
    ///     .into();
    /// let client = linkedin_ureq::Client::builder().http_client(agent).build()?;
    /// # let _ = client;
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    pub fn http_client(mut self, agent: ureq::Agent) -> Self {
        self.agent = Some(agent);
        self
    }

    /// Builds the client over ureq (one agent, shared by every clone).
    ///
    /// ```
    /// let client = linkedin_ureq::Client::builder().build()?;
    /// # let _ = client;
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// None today with ureq (building an agent cannot fail); the `Result`
    /// keeps the builder the same as the async transport's.
    pub fn build(mut self) -> Result<Client, Error> {
        let http = match self.agent.take() {
            Some(agent) => Ureq::from_agent(agent),
            None => Ureq::new(),
        }
        .timeout(Some(self.settings.timeout()));
        Ok(self.build_with(http))
    }

    /// Builds the client over any [`HttpClient`]: another HTTP stack, or a
    /// stub in tests (a closure works).
    ///
    /// ```
    /// use linkedin_ureq::{Client, Request, UreqError};
    /// use linkedin_ureq::oauth::AccessToken;
    ///
    /// // A stack that answers everything with 204.
    /// let client = Client::builder()
    ///     .access_token(AccessToken::new("t"))
    ///     .build_with(|_request: http::Request<Vec<u8>>| {
    ///         Ok::<_, UreqError>(http::Response::builder().status(204).body(Vec::new()).unwrap())
    ///     });
    /// let deleted = client.send(Request::delete("/posts/{id}").key("id", &1))?;
    /// assert_eq!(deleted.meta.status(), 204);
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    pub fn build_with<H: HttpClient>(self, http: H) -> Client<H> {
        Client::new(http, self.settings)
    }
}

impl Client {
    /// Starts configuring a client (see [`ClientBuilder`]).
    ///
    /// ```
    /// let client = linkedin_ureq::Client::builder().build()?;
    /// # let _ = client;
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }
}
