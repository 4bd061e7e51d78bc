//! The handle ([`Sandbox`]); its builder ([`SandboxBuilder`]) is in
//! `builder.rs`.

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use serde::Serialize;
use serde_json::Value;
use tokio::sync::watch;

use crate::apps::{self, App};
use crate::faults::Fault;
use crate::oauth::{Client, Consent};
use crate::restli::Call;
use crate::state::AppState;
use crate::stats::Stats;
use crate::store::Key;
use crate::versions::VersionPolicy;
use crate::webhooks::{Hub, Webhooks};
use crate::{Error, lock};

mod builder;

pub use builder::SandboxBuilder;

/// A running sandbox. It listens on `127.0.0.1` until it is dropped.
///
/// Start one per test with [`Sandbox::start`] (on the test's tokio runtime)
/// or [`Sandbox::spawn`] (on a runtime of its own, for blocking clients);
/// point the client at [`origin`](Sandbox::origin) and
/// [`oauth_url`](Sandbox::oauth_url), and authenticate with
/// [`access_token`](Sandbox::access_token).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use linkedin_sandbox::Sandbox;
///
/// let sandbox = Sandbox::start().await?;
/// let endpoint = restli_codec::Endpoint::from_origin(sandbox.origin())?;
/// assert_eq!(endpoint.base(true).as_str(), format!("{}/rest", sandbox.origin()));
/// assert_eq!(sandbox.oauth_url(), format!("{}/oauth/v2", sandbox.origin()));
/// assert_eq!(sandbox.access_token(), Sandbox::DEFAULT_ACCESS_TOKEN);
/// # Ok(())
/// # }
/// ```
pub struct Sandbox {
    addr: SocketAddr,
    origin: String,
    access_token: String,
    admin_token: Arc<str>,
    client: Client,
    state: AppState,
    webhooks: Arc<Hub>,
    stop: watch::Sender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Sandbox {
    /// The static access token accepted unless another is configured.
    pub const DEFAULT_ACCESS_TOKEN: &'static str = "sandbox-access-token";
    /// The client id registered unless others are configured.
    pub const DEFAULT_CLIENT_ID: &'static str = "sandbox-client";
    /// The secret of [`DEFAULT_CLIENT_ID`](Sandbox::DEFAULT_CLIENT_ID).
    pub const DEFAULT_CLIENT_SECRET: &'static str = "sandbox-secret";
    /// A standard self-serve app every sandbox also registers: member
    /// sign-in with its secret, no refresh tokens, no client credentials,
    /// no PKCE (loopback redirect URIs).
    pub const SELF_SERVE_CLIENT_ID: &'static str = apps::SELF_SERVE_ID;
    /// The secret of [`SELF_SERVE_CLIENT_ID`](Sandbox::SELF_SERVE_CLIENT_ID).
    pub const SELF_SERVE_CLIENT_SECRET: &'static str = apps::SELF_SERVE_SECRET;
    /// A native app every sandbox also registers: PKCE enabled (its code
    /// exchange needs no secret), no refresh tokens, no client credentials
    /// (loopback redirect URIs).
    pub const NATIVE_CLIENT_ID: &'static str = apps::NATIVE_ID;
    /// The secret of [`NATIVE_CLIENT_ID`](Sandbox::NATIVE_CLIENT_ID).
    pub const NATIVE_CLIENT_SECRET: &'static str = apps::NATIVE_SECRET;
    /// The newest `LinkedIn-Version` served unless
    /// [`SandboxBuilder::current_version`] says otherwise.
    ///
    /// ```
    /// assert_eq!(linkedin_sandbox::Sandbox::DEFAULT_CURRENT_VERSION, "202612");
    /// ```
    pub const DEFAULT_CURRENT_VERSION: &'static str = VersionPolicy::DEFAULT_CURRENT;
    /// How many months before the current version are still served unless
    /// [`SandboxBuilder::version_window`] says otherwise: a year, as
    /// LinkedIn's.
    ///
    /// ```
    /// assert_eq!(linkedin_sandbox::Sandbox::DEFAULT_VERSION_WINDOW, 12);
    /// ```
    pub const DEFAULT_VERSION_WINDOW: u32 = VersionPolicy::DEFAULT_WINDOW;

    /// Options for a sandbox.
    ///
    /// ```
    /// let builder = linkedin_sandbox::Sandbox::builder().access_token("my-test-token");
    /// # let _ = builder;
    /// ```
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    /// Starts a sandbox with the defaults on the current tokio runtime.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), linkedin_sandbox::Error> {
    /// let sandbox = linkedin_sandbox::Sandbox::start().await?;
    /// assert!(sandbox.origin().starts_with("http://127.0.0.1:"));
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Io`] if no port can be bound.
    pub async fn start() -> Result<Sandbox, Error> {
        Sandbox::builder().start().await
    }

    /// Starts a sandbox with the defaults on a background thread with its
    /// own tokio runtime, for blocking clients; no runtime is needed to call
    /// it. Dropping the handle stops the server and joins the thread.
    ///
    /// ```
    /// use std::io::{Read, Write};
    ///
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// let mut stream = std::net::TcpStream::connect(sandbox.addr())?;
    /// write!(
    ///     stream,
    ///     "GET /v2/me HTTP/1.1\r\nHost: sandbox\r\nAuthorization: Bearer {}\r\n\
    ///      X-RestLi-Protocol-Version: 2.0.0\r\nConnection: close\r\n\r\n",
    ///     sandbox.access_token()
    /// )?;
    /// let mut answer = String::new();
    /// stream.read_to_string(&mut answer)?;
    /// assert!(answer.starts_with("HTTP/1.1 200 OK"));
    /// assert!(answer.contains("\"localizedFirstName\":\"Sandra\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Io`] if no port can be bound or the thread or runtime
    /// cannot be created.
    pub fn spawn() -> Result<Sandbox, Error> {
        Sandbox::builder().spawn()
    }

    /// Serves the recordings in `dir` (written by a
    /// [`Recorder`](crate::Recorder) or `linkedin-sandbox record`) on
    /// `127.0.0.1` on the current tokio runtime: requests that match a
    /// recording get its answer, others a 404 naming the closest
    /// recordings. See [`Replay`](crate::Replay).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let dir = std::env::temp_dir().join(format!("sandbox-replay-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # std::fs::write(dir.join("000001-GET-x.json"), r#"{"linkedinSandboxRecording":1,
    /// #   "request":{"method":"GET","path":"/x"},"response":{"status":204}}"#)?;
    /// let replay = linkedin_sandbox::Sandbox::replay(&dir).await?;
    /// assert!(replay.origin().starts_with("http://127.0.0.1:"));
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Replay::load`](crate::Replay::load) and
    /// [`Replay::start`](crate::Replay::start).
    pub async fn replay(
        dir: impl AsRef<std::path::Path>,
    ) -> Result<crate::ReplayServer, crate::ReplayError> {
        crate::Replay::load(dir)?.start().await
    }

    /// The socket address the sandbox listens on.
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// assert!(sandbox.addr().ip().is_loopback());
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:<port>`: give it to
    /// `restli_codec::Endpoint::from_origin` to get `/rest` and `/v2`.
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// assert_eq!(sandbox.origin(), format!("http://{}", sandbox.addr()));
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The base URL of the versioned APIs, `{origin}/rest`.
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// assert!(sandbox.rest_url().ends_with("/rest"));
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn rest_url(&self) -> String {
        format!("{}/rest", self.origin)
    }

    /// The base URL of the unversioned APIs, `{origin}/v2`.
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// assert!(sandbox.v2_url().ends_with("/v2"));
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn v2_url(&self) -> String {
        format!("{}/v2", self.origin)
    }

    /// The OAuth base URL, `{origin}/oauth/v2` (LinkedIn's is
    /// `https://www.linkedin.com/oauth/v2`).
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// assert!(sandbox.oauth_url().ends_with("/oauth/v2"));
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn oauth_url(&self) -> String {
        format!("{}/oauth/v2", self.origin)
    }

    /// The static access token the API accepts (it never expires).
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// assert_eq!(sandbox.access_token(), linkedin_sandbox::Sandbox::DEFAULT_ACCESS_TOKEN);
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn access_token(&self) -> &str {
        &self.access_token
    }

    /// The token the sandbox's control routes (`/sandbox/webhooks`) need,
    /// as `Authorization: Bearer <admin token>`: random per sandbox unless
    /// [`SandboxBuilder::admin_token`] set one. It is not an API token.
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// assert!(!sandbox.admin_token().is_empty());
    /// assert_ne!(sandbox.admin_token(), sandbox.access_token());
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn admin_token(&self) -> &str {
        &self.admin_token
    }

    /// The id of the first registered OAuth client.
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// assert_eq!(sandbox.client_id(), linkedin_sandbox::Sandbox::DEFAULT_CLIENT_ID);
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn client_id(&self) -> &str {
        &self.client.id
    }

    /// The secret of the first registered OAuth client.
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// assert_eq!(sandbox.client_secret(), linkedin_sandbox::Sandbox::DEFAULT_CLIENT_SECRET);
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn client_secret(&self) -> &str {
        &self.client.secret
    }

    /// Every registered application: the builder's (or the default
    /// `sandbox-client`) first, then the seeded self-serve and native apps.
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// let ids: Vec<String> = sandbox.apps().iter().map(|a| a.client_id().to_owned()).collect();
    /// assert_eq!(ids, ["sandbox-client", "sandbox-self-serve", "sandbox-native"]);
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn apps(&self) -> Vec<App> {
        self.state
            .oauth
            .clients()
            .iter()
            .map(apps::from_client)
            .collect()
    }

    /// Revokes an access token, as a member removing the app's access in
    /// their settings: the API then answers 401 with `serviceErrorCode`
    /// 65601, and introspection `status: "revoked"`. `false` if the token
    /// is unknown or already revoked.
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// assert!(sandbox.revoke_token(sandbox.access_token()));
    /// assert!(!sandbox.revoke_token("never-issued"));
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn revoke_token(&self, token: &str) -> bool {
        self.state.oauth.revoke(token)
    }

    /// The `iss` of the sandbox's id_tokens: LinkedIn's
    /// `https://www.linkedin.com/oauth`, or `{origin}/oauth` with
    /// [`SandboxBuilder::oidc_issuer_origin`].
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// assert_eq!(sandbox.oidc_issuer(), "https://www.linkedin.com/oauth");
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn oidc_issuer(&self) -> &str {
        self.state.oauth.oidc.issuer()
    }

    /// The OpenID Connect discovery document,
    /// `{origin}/oauth/.well-known/openid-configuration` (where LinkedIn
    /// publishes its own, under `/oauth`).
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// assert!(sandbox.openid_configuration_url().ends_with("/oauth/.well-known/openid-configuration"));
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn openid_configuration_url(&self) -> String {
        format!("{}/oauth/.well-known/openid-configuration", self.origin)
    }

    /// The JWKS that verifies id_tokens, `{origin}/oauth/openid/jwks`.
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// assert!(sandbox.jwks_url().ends_with("/oauth/openid/jwks"));
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn jwks_url(&self) -> String {
        format!("{}/oauth/openid/jwks", self.origin)
    }

    /// Moves the sandbox clock forward: codes and tokens expire, rate-limit
    /// windows pass, without waiting.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// let before = sandbox.now();
    /// sandbox.advance_clock(Duration::from_secs(61 * 24 * 3600));
    /// assert!(sandbox.now().duration_since(before).unwrap() >= Duration::from_secs(61 * 24 * 3600));
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn advance_clock(&self, by: Duration) {
        self.state.clock.advance(by);
    }

    /// The sandbox's current time (real time plus every
    /// [`advance_clock`](Sandbox::advance_clock)).
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// assert!(sandbox.now() >= std::time::SystemTime::now() - std::time::Duration::from_secs(1));
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn now(&self) -> SystemTime {
        self.state.clock.now()
    }

    /// How many requests arrived, by path.
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// assert_eq!(sandbox.stats().total(), 0);
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn stats(&self) -> Stats {
        self.state.stats.snapshot()
    }

    /// How many requests arrived for exactly this path (no query string),
    /// such as `/oauth/v2/accessToken` or `/rest/adAccounts`.
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// assert_eq!(sandbox.request_count("/oauth/v2/accessToken"), 0);
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn request_count(&self, path: &str) -> u64 {
        self.state.stats.snapshot().count(path)
    }

    /// Sets every request count back to zero.
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// sandbox.reset_stats();
    /// assert_eq!(sandbox.stats().total(), 0);
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn reset_stats(&self) {
        self.state.stats.reset();
    }

    /// Adds a fault while the sandbox runs.
    ///
    /// ```
    /// use linkedin_sandbox::Fault;
    ///
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// sandbox.inject(Fault::status(http::StatusCode::SERVICE_UNAVAILABLE).times(2));
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn inject(&self, fault: Fault) {
        self.state.faults.inject(fault);
    }

    /// Removes every fault (those from the builder too).
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// sandbox.inject(linkedin_sandbox::Fault::hang());
    /// sandbox.clear_faults();
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn clear_faults(&self) {
        self.state.faults.clear();
    }

    /// Changes what the simulated member answers on the consent screen.
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// sandbox.set_consent(linkedin_sandbox::Consent::Deny);
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn set_consent(&self, consent: Consent) {
        self.state.oauth.set_consent(consent);
    }

    /// The webhook side: register a local receiver for a client (the
    /// validation handshake runs at once) and send it signed, forged or
    /// duplicated notifications. See [`Webhooks`].
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// assert!(sandbox.webhooks().registrations().is_empty());
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn webhooks(&self) -> Webhooks {
        Webhooks::new(Arc::clone(&self.webhooks))
    }

    /// Stores an entity, as UPDATE would: `collection` is a resource path
    /// without the API prefix (`adAccounts`, `/adAccounts/500001/adCampaigns`,
    /// parent keys in URL form), `key` any serializable key (a number, a
    /// string, a record for complex keys).
    ///
    /// ```
    /// use serde_json::json;
    ///
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// sandbox.insert("adAccounts", &42, json!({"name": "Mine", "status": "ACTIVE"}))?;
    /// assert_eq!(sandbox.get("adAccounts", &42)?.unwrap()["id"], 42);
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidKey`] for a key that has no Rest.li encoding or a
    /// path whose parent keys do not decode.
    pub fn insert<K: Serialize + ?Sized>(
        &self,
        collection: &str,
        key: &K,
        entity: Value,
    ) -> Result<(), Error> {
        let (collection, key) = locate(collection, key)?;
        lock(&self.state.store)
            .collection(&collection)
            .put(key, entity);
        Ok(())
    }

    /// The entity stored at a key, if any (see [`insert`](Sandbox::insert)).
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// let account = sandbox.get("adAccounts", &500001)?.expect("seeded");
    /// assert_eq!(account["status"], "ACTIVE");
    /// assert!(sandbox.get("adAccounts", &1)?.is_none());
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`insert`](Sandbox::insert).
    pub fn get<K: Serialize + ?Sized>(
        &self,
        collection: &str,
        key: &K,
    ) -> Result<Option<Value>, Error> {
        let (collection, key) = locate(collection, key)?;
        let store = lock(&self.state.store);
        Ok(store
            .existing(&collection)
            .and_then(|c| c.get(&key.canonical))
            .map(|entry| entry.entity.clone()))
    }
}

/// The canonical collection path and key for [`Sandbox::insert`] / [`Sandbox::get`].
fn locate<K: Serialize + ?Sized>(collection: &str, key: &K) -> Result<(String, Key), Error> {
    let invalid = |e: &dyn std::fmt::Display| Error::InvalidKey(e.to_string());
    let value = serde_json::to_value(key).map_err(|e| invalid(&e))?;
    let key = Key::from_value(value).map_err(|e| invalid(&e))?;
    let (path, parent_key) = Call::collection_path(collection).map_err(|e| invalid(&e.message))?;
    if parent_key.is_some() {
        return Err(Error::InvalidKey(format!(
            "{collection:?} ends with a key; give the collection path"
        )));
    }
    Ok((path, key))
}

/// Shows where the sandbox listens; tokens and secrets are left out.
impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox")
            .field("origin", &self.origin)
            .field("client_id", &self.client.id)
            .finish_non_exhaustive()
    }
}

impl Drop for Sandbox {
    /// Stops accepting connections, lets open ones finish (briefly), and,
    /// for [`Sandbox::spawn`], joins the background thread.
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
