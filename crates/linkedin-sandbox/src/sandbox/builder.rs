//! [`SandboxBuilder`]: the options of a [`Sandbox`], and starting it
//! (binding the port, building the state and the routes).

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;

use super::Sandbox;
use crate::apps::{self, App};
use crate::clock::Clock;
use crate::conn::Shutdown;
use crate::faults::{Fault, FaultState};
use crate::oauth::redirect::{self, Registered};
use crate::oauth::{Client, Consent, Lifetimes, OAuthState};
use crate::oidc::Oidc;
use crate::quota::Quotas;
use crate::social::MediaOptions;
use crate::state::{AppState, Inner};
use crate::stats::StatsRecorder;
use crate::store::Store;
use crate::versions::VersionPolicy;
use crate::webhooks::Hub;
use crate::{Error, admin, ads, routes, scopes, seed, server};

/// Options for a [`Sandbox`]; finish with [`start`](SandboxBuilder::start)
/// or [`spawn`](SandboxBuilder::spawn).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), linkedin_sandbox::Error> {
/// use std::time::Duration;
/// use linkedin_sandbox::{Fault, Sandbox};
///
/// let sandbox = Sandbox::builder()
///     .client("my-app", "my-secret")
///     .access_token("token-for-tests")
///     .access_token_lifetime(Duration::from_secs(3600))
///     .fault(Fault::rate_limit(100, Duration::from_secs(60)))
///     .start()
///     .await?;
/// assert_eq!(sandbox.client_id(), "my-app");
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct SandboxBuilder {
    port: u16,
    access_token: String,
    clients: Vec<Client>,
    lifetimes: Lifetimes,
    consent: Consent,
    faults: Vec<Fault>,
    seed: bool,
    hang_limit: Duration,
    limits: server::Limits,
    /// Redirect URIs given before any client.
    pending_redirects: Vec<Registered>,
    admin_token: Option<String>,
    oidc_issuer_origin: bool,
    current_version: Option<restli_codec::LinkedInVersion>,
    version_window: u32,
    /// `None`: every scope.
    access_token_scopes: Option<Vec<String>>,
    daily_app_quota: Option<u32>,
    daily_member_quota: Option<u32>,
    media: MediaOptions,
    ads: ads::AdsConfig,
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        SandboxBuilder {
            port: 0,
            access_token: Sandbox::DEFAULT_ACCESS_TOKEN.to_owned(),
            clients: Vec::new(),
            lifetimes: Lifetimes {
                access: Duration::from_secs(60 * 24 * 3600),
                refresh: Duration::from_secs(365 * 24 * 3600),
                application: Duration::from_secs(30 * 60),
            },
            consent: Consent::Approve,
            faults: Vec::new(),
            seed: true,
            hang_limit: Duration::from_secs(30),
            limits: server::Limits::default(),
            pending_redirects: Vec::new(),
            admin_token: None,
            oidc_issuer_origin: false,
            current_version: None,
            version_window: VersionPolicy::DEFAULT_WINDOW,
            access_token_scopes: None,
            daily_app_quota: None,
            daily_member_quota: None,
            media: MediaOptions::default(),
            ads: ads::AdsConfig::default(),
        }
    }
}

impl SandboxBuilder {
    /// Listens on this port of `127.0.0.1` (default 0: a free port).
    ///
    /// ```
    /// let builder = linkedin_sandbox::Sandbox::builder().port(0);
    /// # let _ = builder;
    /// ```
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The static access token the API accepts, instead of
    /// [`Sandbox::DEFAULT_ACCESS_TOKEN`]. It never expires.
    ///
    /// ```
    /// let builder = linkedin_sandbox::Sandbox::builder().access_token("t0ken");
    /// # let _ = builder;
    /// ```
    pub fn access_token(mut self, token: impl Into<String>) -> Self {
        self.access_token = token.into();
        self
    }

    /// Registers an OAuth client with every capability (refresh tokens,
    /// client credentials, PKCE; [`App::full`]); see
    /// [`app`](SandboxBuilder::app) for one with LinkedIn's restrictions.
    /// Without any, the client [`Sandbox::DEFAULT_CLIENT_ID`] /
    /// [`Sandbox::DEFAULT_CLIENT_SECRET`] is registered; with some, those
    /// replace it. The seeded self-serve and native apps are registered
    /// either way. The first one owns the static access token.
    ///
    /// ```
    /// let builder = linkedin_sandbox::Sandbox::builder()
    ///     .client("app-one", "secret-one")
    ///     .client("app-two", "secret-two");
    /// # let _ = builder;
    /// ```
    pub fn client(mut self, id: impl Into<String>, secret: impl Into<String>) -> Self {
        let mut client = App::full(id, secret).into_client();
        client.redirect_uris = std::mem::take(&mut self.pending_redirects);
        self.clients.push(client);
        self
    }

    /// Registers an application with its own capabilities (see [`App`]),
    /// as [`client`](SandboxBuilder::client) does one with all of them.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), linkedin_sandbox::Error> {
    /// use linkedin_sandbox::{App, Sandbox};
    ///
    /// let sandbox = Sandbox::builder()
    ///     .app(App::new("web-app", "web-secret").redirect_uri("https://web.test/cb"))
    ///     .start()
    ///     .await?;
    /// assert!(!sandbox.apps()[0].has_refresh_tokens());
    /// # Ok(())
    /// # }
    /// ```
    pub fn app(mut self, app: App) -> Self {
        let mut client = app.into_client();
        if client.redirect_uris.is_empty() {
            client.redirect_uris = std::mem::take(&mut self.pending_redirects);
        }
        self.clients.push(client);
        self
    }

    /// Names `{origin}/oauth` as the OpenID Connect issuer (in id_tokens'
    /// `iss` and the discovery document) instead of LinkedIn's
    /// `https://www.linkedin.com/oauth`, for verifiers that require the
    /// discovery document's `issuer` to be the URL they fetched it from.
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::builder().oidc_issuer_origin().spawn()?;
    /// assert_eq!(sandbox.oidc_issuer(), format!("{}/oauth", sandbox.origin()));
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn oidc_issuer_origin(mut self) -> Self {
        self.oidc_issuer_origin = true;
        self
    }

    /// The admin token of the control routes, instead of a random one (see
    /// [`Sandbox::admin_token`]).
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::builder().admin_token("let-me-in").spawn()?;
    /// assert_eq!(sandbox.admin_token(), "let-me-in");
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn admin_token(mut self, token: impl Into<String>) -> Self {
        self.admin_token = Some(token.into());
        self
    }

    /// Registers a redirect URI for the client registered last (before any
    /// [`client`](SandboxBuilder::client), for the one registered next, or
    /// the default client). Authorization redirects only to registered
    /// URIs, compared exactly, as LinkedIn's; others get an error page.
    /// A client without any gets the loopback defaults:
    /// `http://127.0.0.1:<port>/callback`, `http://localhost:<port>/callback`,
    /// `http://[::1]:<port>/callback` (any port) and
    /// `https://app.example/callback`.
    ///
    /// ```
    /// let builder = linkedin_sandbox::Sandbox::builder()
    ///     .client("my-app", "my-secret")
    ///     .redirect_uri("https://my-app.test/oauth/callback");
    /// # let _ = builder;
    /// ```
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
        let entry = Registered::Exact(uri.into());
        match self.clients.last_mut() {
            Some(client) => client.redirect_uris.push(entry),
            None => self.pending_redirects.push(entry),
        }
        self
    }

    /// How long member (3-legged) access tokens live (default 60 days, as
    /// LinkedIn's).
    ///
    /// ```
    /// let builder = linkedin_sandbox::Sandbox::builder()
    ///     .access_token_lifetime(std::time::Duration::from_secs(60));
    /// # let _ = builder;
    /// ```
    pub fn access_token_lifetime(mut self, lifetime: Duration) -> Self {
        self.lifetimes.access = lifetime;
        self
    }

    /// How long application (2-legged, client credentials) access tokens
    /// live (default 30 minutes, as LinkedIn's).
    ///
    /// ```
    /// let builder = linkedin_sandbox::Sandbox::builder()
    ///     .application_token_lifetime(std::time::Duration::from_secs(60));
    /// # let _ = builder;
    /// ```
    pub fn application_token_lifetime(mut self, lifetime: Duration) -> Self {
        self.lifetimes.application = lifetime;
        self
    }

    /// How long refresh tokens live (default 365 days, as LinkedIn's).
    ///
    /// ```
    /// let builder = linkedin_sandbox::Sandbox::builder()
    ///     .refresh_token_lifetime(std::time::Duration::from_secs(3600));
    /// # let _ = builder;
    /// ```
    pub fn refresh_token_lifetime(mut self, lifetime: Duration) -> Self {
        self.lifetimes.refresh = lifetime;
        self
    }

    /// What the simulated member answers on the consent screen (default
    /// [`Consent::Approve`]).
    ///
    /// ```
    /// let builder = linkedin_sandbox::Sandbox::builder().consent(linkedin_sandbox::Consent::Deny);
    /// # let _ = builder;
    /// ```
    pub fn consent(mut self, consent: Consent) -> Self {
        self.consent = consent;
        self
    }

    /// A fault in force from the start.
    ///
    /// ```
    /// let builder = linkedin_sandbox::Sandbox::builder()
    ///     .fault(linkedin_sandbox::Fault::latency(std::time::Duration::from_millis(20)));
    /// # let _ = builder;
    /// ```
    pub fn fault(mut self, fault: Fault) -> Self {
        self.faults.push(fault);
        self
    }

    /// Starts without the seed data (no `/v2/me`, no ad accounts).
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::builder().empty().spawn()?;
    /// assert!(sandbox.get("adAccounts", &500001)?.is_none());
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn empty(mut self) -> Self {
        self.seed = false;
        self
    }

    /// Seeds synthetic ads data from `seed`: `campaigns` campaigns (at most
    /// 10,000) spread over the seeded campaign groups, one or two creatives
    /// each, and the daily numbers `GET /rest/adAnalytics` reports on them.
    /// The same seed gives the same entities and numbers. Without this call
    /// no campaigns or creatives are seeded. Needs the seed data (not
    /// [`empty`](SandboxBuilder::empty)).
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::builder().ads_seed(7, 3).spawn()?;
    /// let campaign = sandbox.get("adAccounts/500001/adCampaigns", &700001)?.unwrap();
    /// assert_eq!(campaign["campaignGroup"], "urn:li:sponsoredCampaignGroup:600001");
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn ads_seed(mut self, seed: u64, campaigns: usize) -> Self {
        self.ads.seed = seed;
        self.ads.campaigns = campaigns;
        self
    }

    /// The most rows one `adAnalytics` answer may hold before it is refused
    /// (default 15,000, LinkedIn's cap), lower for tests.
    ///
    /// ```
    /// let builder = linkedin_sandbox::Sandbox::builder().analytics_row_cap(100);
    /// # let _ = builder;
    /// ```
    pub fn analytics_row_cap(mut self, rows: usize) -> Self {
        self.ads.row_cap = rows;
        self
    }

    /// How long a [`Fault::hang`] request waits before its connection is
    /// closed (default 30 seconds). The sandbox stopping ends it sooner.
    ///
    /// ```
    /// let builder = linkedin_sandbox::Sandbox::builder()
    ///     .hang_limit(std::time::Duration::from_secs(5));
    /// # let _ = builder;
    /// ```
    pub fn hang_limit(mut self, limit: Duration) -> Self {
        self.hang_limit = limit;
        self
    }

    /// How long a connection may take to send a request's headers before it
    /// is closed (default 30 seconds), so slow or idle clients cannot hold
    /// connections forever. Zero is taken as one millisecond.
    ///
    /// ```
    /// let builder = linkedin_sandbox::Sandbox::builder()
    ///     .header_read_timeout(std::time::Duration::from_secs(5));
    /// # let _ = builder;
    /// ```
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.limits.header_read_timeout = timeout.max(Duration::from_millis(1));
        self
    }

    /// How many connections are served at once (default 512, at least 1);
    /// one more is closed as soon as it is accepted.
    ///
    /// ```
    /// let builder = linkedin_sandbox::Sandbox::builder().max_connections(64);
    /// # let _ = builder;
    /// ```
    pub fn max_connections(mut self, max: usize) -> Self {
        self.limits.max_connections = max.max(1);
        self
    }

    /// The newest `LinkedIn-Version` `/rest` serves (default
    /// [`Sandbox::DEFAULT_CURRENT_VERSION`]; a revision is ignored). Newer
    /// versions get LinkedIn's 426 `NONEXISTENT_VERSION`, as do versions
    /// older than the [window](SandboxBuilder::version_window).
    ///
    /// ```
    /// let builder = linkedin_sandbox::Sandbox::builder()
    ///     .current_version("202406".parse().unwrap())
    ///     .version_window(24);
    /// # let _ = builder;
    /// ```
    pub fn current_version(mut self, version: restli_codec::LinkedInVersion) -> Self {
        self.current_version = Some(version);
        self
    }

    /// How many monthly versions before the current one `/rest` still
    /// serves (default [`Sandbox::DEFAULT_VERSION_WINDOW`], 12: with the
    /// default current version, 202512 to 202612). LinkedIn keeps each
    /// version for at least a year.
    ///
    /// ```
    /// // Serve every version back to 2020, e.g. to test pre-202401 paging.
    /// let builder = linkedin_sandbox::Sandbox::builder().version_window(120);
    /// # let _ = builder;
    /// ```
    pub fn version_window(mut self, months: u32) -> Self {
        self.version_window = months;
        self
    }

    /// The scopes of the static access token, instead of every scope the
    /// sandbox knows (which is the default, so any endpoint accepts it).
    /// Endpoints check scopes as LinkedIn documents them (see the
    /// [`fidelity`](crate::fidelity) page); a missing one is 403
    /// `ACCESS_DENIED`.
    ///
    /// ```
    /// let builder = linkedin_sandbox::Sandbox::builder()
    ///     .access_token_scopes(["openid", "profile"]);
    /// # let _ = builder;
    /// ```
    pub fn access_token_scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.access_token_scopes = Some(scopes.into_iter().map(Into::into).collect());
        self
    }

    /// A daily quota per application and endpoint: after `calls` calls in
    /// a UTC day (on the sandbox clock), LinkedIn's 429 with
    /// `serviceErrorCode` 101 until midnight UTC. Off by default.
    ///
    /// ```
    /// let builder = linkedin_sandbox::Sandbox::builder().daily_app_quota(100);
    /// # let _ = builder;
    /// ```
    pub fn daily_app_quota(mut self, calls: u32) -> Self {
        self.daily_app_quota = Some(calls);
        self
    }

    /// A daily quota per member, application and endpoint, counted like
    /// [`daily_app_quota`](SandboxBuilder::daily_app_quota) over member
    /// (3-legged) tokens. Off by default.
    ///
    /// ```
    /// let builder = linkedin_sandbox::Sandbox::builder().daily_member_quota(10);
    /// # let _ = builder;
    /// ```
    pub fn daily_member_quota(mut self, calls: u32) -> Self {
        self.daily_member_quota = Some(calls);
        self
    }

    /// How long an uploaded video stays `PROCESSING` after
    /// `finalizeUpload`, on the sandbox clock (default one second), before
    /// it is `AVAILABLE` ([Videos API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/videos-api)).
    /// [`Sandbox::advance_clock`] skips it.
    ///
    /// ```
    /// use std::time::Duration;
    /// let builder = linkedin_sandbox::Sandbox::builder()
    ///     .video_processing_time(Duration::from_secs(30));
    /// # let _ = builder;
    /// ```
    pub fn video_processing_time(mut self, time: Duration) -> Self {
        self.media.video_processing = time;
        self
    }

    /// Every finalized video ends `PROCESSING_FAILED` instead of
    /// `AVAILABLE`, for testing how a client reports a failed upload.
    ///
    /// ```
    /// let builder = linkedin_sandbox::Sandbox::builder().fail_video_processing();
    /// # let _ = builder;
    /// ```
    pub fn fail_video_processing(mut self) -> Self {
        self.media.video_processing_fails = true;
        self
    }

    /// Starts the sandbox on the current tokio runtime.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), linkedin_sandbox::Error> {
    /// let sandbox = linkedin_sandbox::Sandbox::builder().empty().start().await?;
    /// # let _ = sandbox;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Io`] if the port cannot be bound.
    pub async fn start(self) -> Result<Sandbox, Error> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, self.port)).await?;
        let limits = self.limits;
        let (sandbox, app, shutdown) = self.prepare(listener.local_addr()?);
        tokio::spawn(server::serve(listener, app, shutdown, limits));
        Ok(sandbox)
    }

    /// Starts the sandbox on a background thread with its own runtime.
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::builder().access_token("abc").spawn()?;
    /// assert_eq!(sandbox.access_token(), "abc");
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Io`] if the port cannot be bound, or the runtime or the
    /// thread cannot be created.
    pub fn spawn(self) -> Result<Sandbox, Error> {
        let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, self.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let limits = self.limits;
        let (mut sandbox, app, shutdown) = self.prepare(addr);
        let (ready, is_ready) = std::sync::mpsc::channel();
        let thread = std::thread::Builder::new()
            .name(format!("linkedin-sandbox-{}", addr.port()))
            .spawn(move || {
                runtime.block_on(async move {
                    match TcpListener::from_std(listener) {
                        Ok(listener) => {
                            let _ = ready.send(Ok(()));
                            server::serve(listener, app, shutdown, limits).await;
                        }
                        Err(e) => {
                            let _ = ready.send(Err(e));
                        }
                    }
                });
            })?;
        sandbox.thread = Some(thread);
        match is_ready.recv() {
            Ok(Ok(())) => Ok(sandbox),
            Ok(Err(e)) => Err(e.into()),
            Err(_) => {
                Err(std::io::Error::other("the sandbox thread stopped while starting").into())
            }
        }
    }

    /// The handle, the application and the shutdown signal it listens to.
    fn prepare(self, addr: SocketAddr) -> (Sandbox, axum::Router, Shutdown) {
        let (stop, stopped) = watch::channel(false);
        let shutdown = Shutdown::new(stopped);
        let mut clients = if self.clients.is_empty() {
            let mut client =
                App::full(Sandbox::DEFAULT_CLIENT_ID, Sandbox::DEFAULT_CLIENT_SECRET).into_client();
            client.redirect_uris = self.pending_redirects;
            vec![client]
        } else {
            self.clients
        };
        // The seeded apps, unless the builder registered the same ids.
        for app in apps::seeded() {
            if !clients.iter().any(|c| c.id == app.client_id()) {
                clients.push(app.into_client());
            }
        }
        for client in &mut clients {
            if client.redirect_uris.is_empty() {
                client.redirect_uris = redirect::defaults();
            }
        }
        let client = clients
            .first()
            .cloned()
            .unwrap_or_else(|| App::new("", "").into_client());
        let origin = format!("http://{addr}");
        let clock = Clock::default();
        let oauth = OAuthState::new(
            clients,
            std::slice::from_ref(&self.access_token),
            self.lifetimes,
            self.consent,
            clock.now(),
            Oidc::new(&origin, self.oidc_issuer_origin),
        );
        scopes::grant_static(
            &oauth,
            &self.access_token,
            self.access_token_scopes.as_deref(),
        );
        let versions = match &self.current_version {
            Some(current) => VersionPolicy::new(current, self.version_window),
            None => VersionPolicy::with_window(self.version_window),
        };
        let mut store = Store::default();
        if self.seed {
            seed::seed(&mut store);
            ads::seed(&mut store, &self.ads);
        }
        let faults = FaultState::default();
        for fault in self.faults {
            faults.inject(fault);
        }
        let state = AppState::new(Inner {
            clock,
            stats: StatsRecorder::default(),
            faults,
            store: Mutex::new(store),
            oauth,
            shutdown: shutdown.clone(),
            hang_limit: self.hang_limit,
            versions,
            quotas: Quotas::new(self.daily_app_quota, self.daily_member_quota),
            origin: origin.clone(),
            media: self.media,
            ads: self.ads.clone(),
        });
        let webhooks = Hub::new(state.clone(), client.id.clone());
        let admin_token: Arc<str> = self
            .admin_token
            .filter(|token| !token.is_empty())
            .unwrap_or_else(admin::generate)
            .into();
        let app = routes::app(
            state.clone(),
            Arc::clone(&webhooks),
            Arc::clone(&admin_token),
        );
        let sandbox = Sandbox {
            addr,
            origin,
            access_token: self.access_token,
            admin_token,
            client,
            state,
            webhooks,
            stop,
            thread: None,
        };
        (sandbox, app, shutdown)
    }
}

/// Shows the options; tokens and secrets are left out.
impl fmt::Debug for SandboxBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let client_ids: Vec<&str> = self.clients.iter().map(|c| c.id.as_str()).collect();
        f.debug_struct("SandboxBuilder")
            .field("port", &self.port)
            .field("clients", &client_ids)
            .field("access_token_lifetime", &self.lifetimes.access)
            .field("refresh_token_lifetime", &self.lifetimes.refresh)
            .field("consent", &self.consent)
            .field("faults", &self.faults)
            .field("seed", &self.seed)
            .field("ads", &self.ads)
            .field("hang_limit", &self.hang_limit)
            .field("header_read_timeout", &self.limits.header_read_timeout)
            .field("max_connections", &self.limits.max_connections)
            .field("current_version", &self.current_version)
            .field("version_window", &self.version_window)
            .field("access_token_scopes", &self.access_token_scopes)
            .field("daily_app_quota", &self.daily_app_quota)
            .field("daily_member_quota", &self.daily_member_quota)
            .field("video_processing_time", &self.media.video_processing)
            .field("fail_video_processing", &self.media.video_processing_fails)
            .finish_non_exhaustive()
    }
}
