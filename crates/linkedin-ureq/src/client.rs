//! [`Client`] and its [`ClientBuilder`]: Rest.li requests of every method, blocking.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use linkedin_oauth::{AccessToken, OAuthConfig, TokenSet};
use restli_codec::response::FromResponse;
use restli_codec::retry::RetryPolicy;
use restli_codec::transport::HttpClient;
use restli_codec::{DynamicRequest, Endpoint, RequestConfig, RestliRequest};

use linkedin_client_core::{Bearer, ClientSettings};

use crate::Error;
use crate::drive;
use crate::token::TokenSource;
use crate::transport::Ureq;

/// A blocking LinkedIn API client.
///
/// Cheap to clone (clones share the HTTP agent with its connection pool,
/// and the token source) and usable from many threads at once. `H` is the
/// HTTP stack: [`Ureq`] unless [`ClientBuilder::build_with`] was given
/// another.
///
/// ```no_run
/// use linkedin_ureq::{Client, Request};
/// use linkedin_ureq::oauth::AccessToken;
/// use linkedin_ureq::restli::EntityResponse;
///
/// let client = Client::builder()
///     .version("202406")?
///     .access_token(AccessToken::new("AQV..."))
///     .build()?;
/// let account: EntityResponse = client.send(Request::get("/adAccounts/{id}").key("id", &507404993))?;
/// println!("{}", account.entity["name"]);
/// # Ok::<(), linkedin_ureq::Error>(())
/// ```
pub struct Client<H = Ureq> {
    shared: Arc<Shared<H>>,
    /// A token for this handle's calls only ([`Client::with_access_token`]).
    token: Option<AccessToken>,
}

struct Shared<H> {
    http: H,
    settings: ClientSettings<Box<TokenSource>>,
}

impl<H> Clone for Client<H> {
    fn clone(&self) -> Self {
        Client {
            shared: Arc::clone(&self.shared),
            token: self.token.clone(),
        }
    }
}

impl<H> fmt::Debug for Client<H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("config", self.shared.settings.config())
            .field("policy", &self.shared.settings.retry_policy())
            .field("timeout", &self.shared.settings.timeout())
            // AccessToken's Debug is redacted, and so are the source's and the application's.
            .field("auth", self.shared.settings.auth())
            .field("oauth", &self.shared.settings.oauth())
            .field("token_override", &self.token)
            .finish_non_exhaustive()
    }
}

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
        Client {
            shared: Arc::new(Shared {
                http,
                settings: self.settings,
            }),
            token: None,
        }
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

impl<H> Client<H> {
    /// The request configuration (endpoint, default version, user agent,
    /// tunneling threshold).
    ///
    /// ```
    /// let client = linkedin_ureq::Client::builder().build()?;
    /// assert_eq!(client.config().tunnel_threshold(), 4000);
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    pub fn config(&self) -> &RequestConfig {
        self.shared.settings.config()
    }

    /// The retry policy.
    ///
    /// ```
    /// let client = linkedin_ureq::Client::builder().build()?;
    /// assert_eq!(client.retry_policy(), linkedin_ureq::restli::RetryPolicy::default());
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    pub fn retry_policy(&self) -> RetryPolicy {
        self.shared.settings.retry_policy()
    }

    /// The per-attempt timeout.
    ///
    /// ```
    /// let client = linkedin_ureq::Client::builder().build()?;
    /// assert_eq!(client.timeout(), linkedin_ureq::DEFAULT_TIMEOUT);
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    pub fn timeout(&self) -> std::time::Duration {
        self.shared.settings.timeout()
    }

    /// The HTTP stack.
    ///
    /// ```
    /// let client = linkedin_ureq::Client::builder().build()?;
    /// assert_eq!(client.http().agent().config().max_redirects(), 0);
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    pub fn http(&self) -> &H {
        &self.shared.http
    }

    /// The token source's current tokens, to persist them (`None` without
    /// a token source, or for a 2-legged source before its first fetch).
    ///
    /// ```
    /// let client = linkedin_ureq::Client::builder().build()?;
    /// assert!(client.tokens().is_none());
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    pub fn tokens(&self) -> Option<TokenSet> {
        self.shared.settings.tokens()
    }

    /// A handle on the same client whose calls use `token` instead of the
    /// configured one (a member's token in a multi-member service, say).
    /// Cheap: it shares the agent and everything else.
    ///
    /// ```
    /// use linkedin_oauth::AccessToken;
    /// # fn fake() -> linkedin_ureq::Client<impl linkedin_ureq::restli::transport::HttpClient> {
    /// #     linkedin_ureq::Client::builder()
    /// #         .access_token(AccessToken::new("app-token"))
    /// #         .build_with(|r: http::Request<Vec<u8>>| {
    /// #             let auth = r.headers()["authorization"].to_str().unwrap().to_owned();
    /// #             Ok::<_, linkedin_ureq::UreqError>(http::Response::builder().status(200)
    /// #                 .body(format!(r#"{{"auth":"{auth}"}}"#).into_bytes()).unwrap())
    /// #         })
    /// # }
    /// let client = fake();
    /// let member = client.with_access_token(&AccessToken::new("member-token"));
    /// let me: restli_codec::response::EntityResponse = member.send(restli_codec::Request::get("/me"))?;
    /// assert_eq!(me.entity["auth"], "Bearer member-token");
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    pub fn with_access_token(&self, token: &AccessToken) -> Client<H> {
        Client {
            shared: Arc::clone(&self.shared),
            token: Some(token.clone()),
        }
    }

    /// The OAuth application of the auth calls: the builder's, else the
    /// token source's; with the builder's OAuth base URL, if any.
    pub(crate) fn oauth_app(&self) -> Result<OAuthConfig, Error> {
        Ok(self.shared.settings.oauth_app()?)
    }

    /// `app` with the builder's OAuth base URL, if one was set.
    pub(crate) fn oauth_with_base(&self, app: &OAuthConfig) -> OAuthConfig {
        self.shared.settings.apply_oauth_base(app)
    }
}

impl<H: HttpClient> Client<H> {
    /// Sends a request and parses the answer as the response of its method:
    /// [`Request::get`](restli_codec::Request::get) gives an
    /// [`EntityResponse<T>`](restli_codec::EntityResponse), a finder a
    /// [`CollectionResponse<T, M>`](restli_codec::CollectionResponse), a
    /// delete a [`StatusResponse`](restli_codec::StatusResponse), ... (see
    /// [`RestliRequest`]). The entity and metadata types are inferred from
    /// where the response is used; a response of another method does not
    /// compile.
    ///
    /// ```
    /// # fn fake(body: &'static str) -> linkedin_ureq::Client<impl linkedin_ureq::restli::transport::HttpClient> {
    /// #     linkedin_ureq::Client::builder()
    /// #         .access_token(linkedin_ureq::oauth::AccessToken::new("t"))
    /// #         .build_with(move |_: http::Request<Vec<u8>>| Ok::<_, linkedin_ureq::UreqError>(
    /// #             http::Response::builder().status(200).body(body.as_bytes().to_vec()).unwrap()))
    /// # }
    /// use restli_codec::{Request, response::{CollectionResponse, EntityResponse}};
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Account { id: u64 }
    /// #[derive(serde::Deserialize)]
    /// struct Meta { total: u64 }
    ///
    /// let client = fake(r#"{"elements":[{"id":1}],"metadata":{"total":1}}"#);
    /// let page: CollectionResponse<Account, Meta> = client.send(Request::finder("/adAccounts", "search"))?;
    /// assert_eq!(page.elements[0].id, 1);
    /// assert_eq!(page.metadata.map(|m| m.total), Some(1));
    ///
    /// let client = fake(r#"{"id":507404993}"#);
    /// let account: EntityResponse<Account> = client.send(Request::get("/adAccounts/{id}").key("id", &507404993))?;
    /// assert_eq!(account.entity.id, 507404993);
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Request`] when the request cannot be built,
    /// [`Error::Token`] without a usable token, [`Error::Transport`] when no
    /// response came (after retries), [`Error::Api`] for an error status
    /// (after retries), [`Error::Decode`] for a body that is not what `R`
    /// expects.
    pub fn send<Q, R>(&self, request: Q) -> Result<R, Error>
    where
        Q: RestliRequest<R>,
        R: FromResponse,
    {
        self.execute(request.as_ref())
    }

    /// Sends `request` (any method) and parses the answer as `R`.
    pub(crate) fn execute<R: FromResponse>(&self, request: &DynamicRequest) -> Result<R, Error> {
        let token = self.token_for_call()?;
        drive::send_restli::<R, H>(
            &self.shared.http,
            self.shared.settings.config(),
            self.shared.settings.retry_policy(),
            self.shared.settings.timeout(),
            request,
            token.secret(),
        )
    }

    /// The token for a call: this handle's, the fixed one, or the token
    /// source's (renewed first if need be).
    fn token_for_call(&self) -> Result<AccessToken, Error> {
        match self.shared.settings.bearer(self.token.as_ref())? {
            Bearer::Ready(token) => Ok(token),
            Bearer::Renew(source) => source.access_token(self),
        }
    }
}
