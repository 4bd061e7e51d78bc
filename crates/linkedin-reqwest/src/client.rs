//! The client: configuration, the send loop, the 14 Rest.li methods and the
//! OAuth calls.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use linkedin_oauth::{
    AccessToken, CodeExchange, Introspection, OAuthConfig, RefreshToken, RefreshedToken,
    ThreeLeggedToken, TokenSet, TwoLeggedToken,
};
use restli_codec::exchange::{Exchange, Next};
use restli_codec::response::FromResponse;
use restli_codec::retry::RetryPolicy;
use restli_codec::transport::{AsyncHttpClient, AttemptTimeout, TransportError};
use restli_codec::{DynamicRequest, Endpoint, Method, RequestConfig, RestliRequest};
use tracing::Instrument;
use tracing::field::Empty;

use linkedin_client_core::{Bearer, ClientSettings};

use crate::token::TokenSource;
use crate::transport::Reqwest;
use crate::{Error, TransportFailed};

/// An async client for LinkedIn's Rest.li APIs.
///
/// Build one with [`Client::builder`] and share it (it is cheap to clone;
/// clones share connections, configuration and the token source).
/// [`send`](Client::send) takes a request of any Rest.li method (built
/// with [`Request`](restli_codec::Request)) and returns the response of that
/// method; [`pages`](Client::pages) and [`paginate`](Client::paginate) walk
/// a GET_ALL or FINDER collection.
/// Every call retries by the client's [`RetryPolicy`] (429 for every
/// method; 5xx and lost connections only for idempotent methods), bounds
/// each attempt by the [timeout](ClientBuilder::timeout), and runs in a
/// `restli.request` tracing span (method, path template, status, attempt,
/// latency; never the token).
///
/// `H` is the HTTP stack: [`Reqwest`] unless you bring your own
/// [`AsyncHttpClient`] with [`ClientBuilder::build_with`].
///
/// ```no_run
/// use linkedin_reqwest::{Client, Request};
/// use linkedin_reqwest::oauth::AccessToken;
///
/// # async fn run() -> Result<(), linkedin_reqwest::Error> {
/// let client = Client::builder()
///     .version("202406")?
///     .access_token(AccessToken::new(std::env::var("LINKEDIN_TOKEN").unwrap_or_default()))
///     .build()?;
/// let account: linkedin_reqwest::restli::EntityResponse =
///     client.send(Request::get("/adAccounts/{id}").key("id", &507404993)).await?;
/// println!("{}", account.entity["name"]);
/// # Ok(())
/// # }
/// ```
pub struct Client<H = Reqwest> {
    shared: Arc<Shared<H>>,
    /// A per-call token from [`Client::with_access_token`].
    token: Option<AccessToken>,
}

struct Shared<H> {
    http: H,
    settings: ClientSettings<Arc<TokenSource>>,
}

impl<H> Clone for Client<H> {
    fn clone(&self) -> Self {
        Client {
            shared: self.shared.clone(),
            token: self.token.clone(),
        }
    }
}

impl<H> fmt::Debug for Client<H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("config", self.shared.settings.config())
            .field("retry_policy", &self.shared.settings.retry_policy())
            .field("timeout", &self.shared.settings.timeout())
            .field("auth", self.shared.settings.auth())
            .field("per_call_token", &self.token.is_some())
            .finish_non_exhaustive()
    }
}

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

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

impl<H> Client<H> {
    /// What every request shares: endpoint, default version, user agent,
    /// tunneling threshold.
    ///
    /// ```
    /// let client = linkedin_reqwest::Client::builder().build()?;
    /// assert_eq!(client.config().tunnel_threshold(), 4000);
    /// # Ok::<(), linkedin_reqwest::Error>(())
    /// ```
    pub fn config(&self) -> &RequestConfig {
        self.shared.settings.config()
    }

    /// The retry policy.
    ///
    /// ```
    /// use linkedin_reqwest::restli::retry::RetryPolicy;
    /// let client = linkedin_reqwest::Client::builder().build()?;
    /// assert_eq!(client.retry_policy(), RetryPolicy::default());
    /// # Ok::<(), linkedin_reqwest::Error>(())
    /// ```
    pub fn retry_policy(&self) -> RetryPolicy {
        self.shared.settings.retry_policy()
    }

    /// The per-attempt timeout.
    ///
    /// ```
    /// let client = linkedin_reqwest::Client::builder().build()?;
    /// assert_eq!(client.timeout(), linkedin_reqwest::DEFAULT_TIMEOUT);
    /// # Ok::<(), linkedin_reqwest::Error>(())
    /// ```
    pub fn timeout(&self) -> Duration {
        self.shared.settings.timeout()
    }

    /// The HTTP stack.
    ///
    /// ```
    /// let client = linkedin_reqwest::Client::builder().build()?;
    /// let _reqwest: &reqwest::Client = client.http().client();
    /// # Ok::<(), linkedin_reqwest::Error>(())
    /// ```
    pub fn http(&self) -> &H {
        &self.shared.http
    }

    /// The token source's current tokens (to persist them), or `None`
    /// without a token source (and for a 2-legged source before its first
    /// fetch).
    ///
    /// ```
    /// let client = linkedin_reqwest::Client::builder().build()?;
    /// assert!(client.tokens().is_none());
    /// # Ok::<(), linkedin_reqwest::Error>(())
    /// ```
    pub fn tokens(&self) -> Option<TokenSet> {
        self.shared.settings.tokens()
    }

    /// A handle that sends every call with `token` instead of the client's
    /// own token or token source: the per-call override, for a service
    /// acting for many members. It shares the client's connections and
    /// configuration.
    ///
    /// ```no_run
    /// use linkedin_reqwest::{Client, Request};
    /// use linkedin_reqwest::oauth::AccessToken;
    ///
    /// # async fn run(client: Client, member_token: AccessToken) -> Result<(), linkedin_reqwest::Error> {
    /// let me: linkedin_reqwest::restli::EntityResponse =
    ///     client.with_access_token(&member_token).send(Request::get("/userinfo")).await?;
    /// # let _ = me;
    /// # Ok(())
    /// # }
    /// ```
    pub fn with_access_token(&self, token: &AccessToken) -> Client<H> {
        Client {
            shared: self.shared.clone(),
            token: Some(token.clone()),
        }
    }

    /// `config` with the client's OAuth base URL override applied.
    pub(crate) fn oauth_with_base(&self, config: &OAuthConfig) -> OAuthConfig {
        self.shared.settings.apply_oauth_base(config)
    }

    /// The application for the OAuth calls: the one given with
    /// [`ClientBuilder::oauth`], else the token source's; with the base URL
    /// override applied.
    fn oauth_config(&self) -> Result<OAuthConfig, Error> {
        Ok(self.shared.settings.oauth_app()?)
    }
}

impl<H: AsyncHttpClient> Client<H> {
    /// The token for the next request: this handle's override, the static
    /// token, or the token source's (renewed first if it expires soon).
    async fn bearer(&self) -> Result<AccessToken, Error> {
        match self.shared.settings.bearer(self.token.as_ref())? {
            Bearer::Ready(token) => Ok(token),
            Bearer::Renew(source) => source.access_token(self).await,
        }
    }

    /// Sends `request` (any method) and parses the answer as `R`.
    pub(crate) async fn execute<R: FromResponse>(
        &self,
        request: &DynamicRequest,
    ) -> Result<R, Error> {
        let span = tracing::info_span!(
            "restli.request",
            method = request.method().as_str(),
            path = request.path(),
            status = Empty,
            attempt = Empty,
            latency_ms = Empty,
        );
        async {
            let token = self.bearer().await?;
            let mut exchange = Exchange::new(
                request,
                self.shared.settings.config(),
                Some(token.secret()),
                self.shared.settings.retry_policy(),
            )?;
            self.run(&mut exchange).await
        }
        .instrument(span)
        .await
    }

    /// The transport loop: send, then follow the exchange's decision. The
    /// span's `status`, `attempt` and `latency_ms` are recorded once, at
    /// the end; each retry is an event of its own.
    async fn run<R: FromResponse>(&self, exchange: &mut Exchange) -> Result<R, Error> {
        let started = Instant::now();
        let finish = |attempt: u32, status: Option<u16>| {
            let span = tracing::Span::current();
            span.record("attempt", attempt);
            if let Some(status) = status {
                span.record("status", status);
            }
            span.record("latency_ms", millis(started.elapsed()));
        };
        let timeout = self.shared.settings.timeout();
        let mut last_status = None;
        loop {
            let attempt = exchange.attempt();
            // The per-attempt timeout, cut to what is left of the call's
            // total deadline.
            let Some(limit) = exchange.attempt_timeout(SystemTime::now(), timeout) else {
                finish(attempt, last_status);
                let total = self.shared.settings.total_timeout();
                let attempts = attempt.saturating_sub(1).max(1);
                return Err(TransportFailed::timed_out(exchange.url(), total, attempts).into());
            };
            let mut request = exchange.request();
            request.extensions_mut().insert(AttemptTimeout(limit));
            let sent = tokio::time::timeout(limit, self.shared.http.send(request)).await;
            let failure = match sent {
                Ok(Ok(response)) => {
                    let status = response.status().as_u16();
                    last_status = Some(status);
                    match exchange.on_response::<R>(response, SystemTime::now(), fastrand::f64()) {
                        Next::Done(result) => {
                            finish(attempt, last_status);
                            tracing::debug!(status, attempt, "response");
                            return result.map_err(Error::from);
                        }
                        Next::Retry(delay) => {
                            tracing::info!(
                                status,
                                attempt,
                                delay_ms = millis(delay),
                                "retrying after a retryable status"
                            );
                            tokio::time::sleep(delay).await;
                            continue;
                        }
                    }
                }
                Ok(Err(err)) => TransportFailed::new(err.failure(), exchange.url(), attempt, err),
                Err(_elapsed) => TransportFailed::timed_out(exchange.url(), limit, attempt),
            };
            match exchange.on_failure(failure.failure(), SystemTime::now(), fastrand::f64()) {
                Next::Done(()) => {
                    finish(attempt, last_status);
                    tracing::debug!(error = %failure, attempt, "giving up");
                    return Err(failure.into());
                }
                Next::Retry(delay) => {
                    tracing::info!(
                        error = %failure,
                        attempt,
                        delay_ms = millis(delay),
                        "retrying after a transport failure"
                    );
                    tokio::time::sleep(delay).await;
                }
            }
        }
    }

    /// Sends a request and parses the answer as the response of its method:
    /// [`Request::get`](restli_codec::Request::get) gives an [`EntityResponse<T>`](restli_codec::EntityResponse),
    /// [`Request::batch_get`](restli_codec::Request::batch_get) a [`BatchGetResponse<K, T>`](restli_codec::BatchGetResponse)
    /// keyed by the ids' type, a finder a
    /// [`CollectionResponse<T, M>`](restli_codec::CollectionResponse), a
    /// delete a [`StatusResponse`](restli_codec::StatusResponse), ...
    /// (see [`RestliRequest`]). The entity and metadata types are inferred
    /// from where the response is used; a response of another method does
    /// not compile.
    ///
    /// ```no_run
    /// use linkedin_reqwest::{Client, Request};
    /// use linkedin_reqwest::restli::{BatchGetResponse, CollectionResponse, EntityResponse};
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Account { id: i64, name: String }
    ///
    /// # async fn run(client: Client) -> Result<(), linkedin_reqwest::Error> {
    /// let account: EntityResponse<Account> =
    ///     client.send(Request::get("/adAccounts/{id}").key("id", &507404993)).await?;
    /// let groups: BatchGetResponse<i64> =
    ///     client.send(Request::batch_get("/adCampaignGroups", [1, 2, 3])).await?;
    /// let page: CollectionResponse<Account> =
    ///     client.send(Request::finder("/adAccounts", "search").page(0, 100)).await?;
    /// client.send(Request::delete("/adAccounts/{id}").key("id", &1)).await?;
    /// # let _ = (account, groups, page);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Request`] when the request cannot be built, [`Error::Token`]
    /// without a usable token, [`Error::Transport`] when no response came
    /// (after retries), [`Error::Api`] for an error status, [`Error::Decode`]
    /// for a body that does not fit `R`.
    pub async fn send<Q, R>(&self, request: Q) -> Result<R, Error>
    where
        Q: RestliRequest<R>,
        R: FromResponse,
    {
        self.execute(request.as_ref()).await
    }

    /// Sends an OAuth request (only 429 is retried, as for an ACTION) and
    /// returns the answer whatever its status.
    pub(crate) async fn oauth_send(
        &self,
        request: http::Request<Vec<u8>>,
        grant: &'static str,
    ) -> Result<(String, http::Response<Vec<u8>>), Error> {
        let url = request.uri().to_string();
        let span = tracing::info_span!(
            "linkedin.oauth",
            endpoint = request.uri().path(),
            grant,
            status = Empty,
            attempt = Empty,
            latency_ms = Empty,
        );
        let mut exchange =
            Exchange::from_http(Method::Action, url.clone(), request, self.retry_policy());
        let response = self.run(&mut exchange).instrument(span).await?;
        Ok((url, response))
    }

    /// Exchanges the authorization code of a finished 3-legged
    /// authorization for tokens.
    ///
    /// ```no_run
    /// use linkedin_reqwest::Client;
    /// use linkedin_reqwest::oauth::{AuthorizationCodeFlow, ClientId, ClientSecret, OAuthConfig, RedirectUrl};
    ///
    /// # async fn run(callback_url: &str) -> Result<(), Box<dyn std::error::Error>> {
    /// let oauth = OAuthConfig::new(ClientId::new("86abc123"), ClientSecret::new("s3cr3t"));
    /// let client = Client::builder().oauth(oauth.clone()).build()?;
    /// let (url, pending) = AuthorizationCodeFlow::new(oauth.client_id().clone(), RedirectUrl::new("https://app.example/callback")?)
    ///     .scopes(["openid", "profile"])
    ///     .pkce(true)
    ///     .start()?;
    /// println!("open {url}");
    /// // ... LinkedIn redirects the browser to `callback_url` ...
    /// let exchange = pending.finish(callback_url)?;
    /// let token = client.exchange_code(&exchange).await?;
    /// let tokens = token.tokens; // persist these
    /// # let _ = tokens;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`ConfigError::NoOAuth`](crate::ConfigError::NoOAuth) without an
    /// OAuth application,
    /// [`Error::OAuth`] when LinkedIn refuses (`invalid_grant` for an
    /// expired or reused code), [`Error::Transport`] when no answer came.
    pub async fn exchange_code(&self, exchange: &CodeExchange) -> Result<ThreeLeggedToken, Error> {
        let oauth = self.oauth_config()?;
        let (url, response) = self
            .oauth_send(exchange.token_request(&oauth), "authorization_code")
            .await?;
        ThreeLeggedToken::from_response(&response, SystemTime::now())
            .map_err(|source| Error::OAuth { url, source })
    }

    /// Trades a refresh token for a new access token (the token source
    /// does this by itself; this is for your own token handling).
    ///
    /// ```no_run
    /// # async fn run(client: linkedin_reqwest::Client, mut tokens: linkedin_reqwest::oauth::TokenSet) -> Result<(), linkedin_reqwest::Error> {
    /// if let Some(refresh_token) = tokens.refresh_token.clone() {
    ///     tokens.apply_refresh(client.refresh(&refresh_token).await?);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`exchange_code`](Self::exchange_code); an expired or revoked
    /// refresh token is an [`Error::OAuth`] (the member must authorize
    /// again).
    pub async fn refresh(&self, refresh_token: &RefreshToken) -> Result<RefreshedToken, Error> {
        let oauth = self.oauth_config()?;
        let (url, response) = self
            .oauth_send(oauth.refresh_request(refresh_token), "refresh_token")
            .await?;
        RefreshedToken::from_response(&response, SystemTime::now())
            .map_err(|source| Error::OAuth { url, source })
    }

    /// Fetches a 2-legged (application) token with the client credentials
    /// grant.
    ///
    /// ```no_run
    /// # async fn run(client: linkedin_reqwest::Client) -> Result<(), linkedin_reqwest::Error> {
    /// let app_token = client.client_credentials().await?;
    /// println!("expires at {:?}", app_token.expires_at);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`exchange_code`](Self::exchange_code);
    /// `unauthorized_client` when the application may not use this grant.
    pub async fn client_credentials(&self) -> Result<TwoLeggedToken, Error> {
        let oauth = self.oauth_config()?;
        let (url, response) = self
            .oauth_send(oauth.client_credentials_request(), "client_credentials")
            .await?;
        TwoLeggedToken::from_response(&response, SystemTime::now())
            .map_err(|source| Error::OAuth { url, source })
    }

    /// Asks LinkedIn about a token: active or not, its scopes, expiry and
    /// status.
    ///
    /// ```no_run
    /// # async fn run(client: linkedin_reqwest::Client, token: linkedin_reqwest::oauth::AccessToken) -> Result<(), linkedin_reqwest::Error> {
    /// let info = client.introspect(&token).await?;
    /// println!("active: {}, scopes: {:?}", info.active, info.scopes);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`exchange_code`](Self::exchange_code).
    pub async fn introspect(&self, token: &AccessToken) -> Result<Introspection, Error> {
        let oauth = self.oauth_config()?;
        let (url, response) = self
            .oauth_send(oauth.introspect_request(token), "introspect")
            .await?;
        Introspection::from_response(&response).map_err(|source| Error::OAuth { url, source })
    }
}
