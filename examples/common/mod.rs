//! What the examples share: where their calls go, and how they print what
//! they do.
//!
//! Every example runs against an in-process `linkedin-sandbox` unless
//! credentials are in the environment:
//!
//! | variable | used by |
//! |---|---|
//! | `LINKEDIN_ACCESS_TOKEN` | the API examples: call `api.linkedin.com` with this member token |
//! | `LINKEDIN_CLIENT_ID`, `LINKEDIN_CLIENT_SECRET` | the OAuth examples: your application, from the developer portal's *Auth* tab |
//! | `LINKEDIN_VERSION` | the `LinkedIn-Version` of `/rest` calls (default [`DEFAULT_VERSION`]) |
//!
//! An example includes this file with
//! `#[path = "common/mod.rs"] mod common;` (Cargo does not build files in
//! a subdirectory of `examples/` as examples of their own). Tokens and
//! secrets are never printed: requests are shown as built without a token,
//! and the secret parts of OAuth URLs are masked.

// Each example uses a part of this module.
#![allow(dead_code)]

use std::time::{Duration, SystemTime};

use linkedin::oauth::url::Url;
use linkedin::oauth::{AccessToken, BaseUrl, ClientId, ClientSecret, OAuthConfig};
use linkedin::restli::DynamicRequest;
use linkedin::{Endpoint, RequestConfig};
use linkedin_sandbox::Sandbox;
use serde::Serialize;

/// Any error. `main` returns it, so an unexpected result exits with 1,
/// printed as its message and its causes.
pub struct Error(Box<dyn std::error::Error + Send + Sync>);

/// The examples' result type.
pub type Result<T = (), E = Error> = std::result::Result<T, E>;

impl<E: Into<Box<dyn std::error::Error + Send + Sync>>> From<E> for Error {
    fn from(error: E) -> Self {
        Error(error.into())
    }
}

/// What `main` prints when it fails: the message, then each cause.
impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(cause) = source {
            write!(f, "\n  caused by: {cause}")?;
            source = cause.source();
        }
        Ok(())
    }
}

/// A member access token for LinkedIn's APIs.
pub const ACCESS_TOKEN_VAR: &str = "LINKEDIN_ACCESS_TOKEN";
/// The application's client id.
pub const CLIENT_ID_VAR: &str = "LINKEDIN_CLIENT_ID";
/// The application's client secret.
pub const CLIENT_SECRET_VAR: &str = "LINKEDIN_CLIENT_SECRET";
/// The `LinkedIn-Version` to send to the versioned (`/rest`) APIs.
pub const VERSION_VAR: &str = "LINKEDIN_VERSION";
/// The `LinkedIn-Version` unless `LINKEDIN_VERSION` says otherwise.
/// LinkedIn serves each version for a year; set a recent one.
pub const DEFAULT_VERSION: &str = "202601";

/// Where the calls go: an in-process sandbox, or LinkedIn.
pub struct Target {
    sandbox: Option<Sandbox>,
    /// What to set to call LinkedIn instead of the sandbox.
    hint: &'static str,
    access_token: Option<AccessToken>,
    app: Option<(ClientId, ClientSecret)>,
    version: String,
}

/// An environment variable, unless unset or empty.
pub fn var(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .filter(|value| !value.trim().is_empty())
}

impl Target {
    /// For the API examples: LinkedIn when `LINKEDIN_ACCESS_TOKEN` is set,
    /// else a sandbox started on the current tokio runtime.
    pub async fn api() -> Result<Target> {
        match Target::linkedin_api()? {
            Some(target) => Ok(target),
            None => Ok(Target::sandbox(Sandbox::start().await?)),
        }
    }

    /// [`api`](Target::api) without an async runtime: the sandbox runs on
    /// a thread of its own ([`Sandbox::spawn`]).
    pub fn api_blocking() -> Result<Target> {
        match Target::linkedin_api()? {
            Some(target) => Ok(target),
            None => Ok(Target::sandbox(Sandbox::spawn()?)),
        }
    }

    /// For the OAuth examples: LinkedIn when any of the `LINKEDIN_*`
    /// credentials is set (then the client id and secret are required),
    /// else a sandbox started on the current tokio runtime.
    pub async fn oauth_app() -> Result<Target> {
        let any = [ACCESS_TOKEN_VAR, CLIENT_ID_VAR, CLIENT_SECRET_VAR]
            .iter()
            .any(|name| var(name).is_some());
        if !any {
            let mut target = Target::sandbox(Sandbox::start().await?);
            target.hint =
                "set LINKEDIN_CLIENT_ID and LINKEDIN_CLIENT_SECRET to use LinkedIn's OAuth";
            return Ok(target);
        }
        let target = Target::linkedin()?;
        if target.app.is_none() {
            return Err(format!(
                "this example calls LinkedIn's OAuth endpoints: set both {CLIENT_ID_VAR} and \
                 {CLIENT_SECRET_VAR} (unset every LINKEDIN_* variable to use the sandbox)"
            )
            .into());
        }
        Ok(target)
    }

    /// A target for a sandbox configured by the example itself.
    pub fn sandbox(sandbox: Sandbox) -> Target {
        Target {
            access_token: Some(AccessToken::new(sandbox.access_token())),
            app: Some((
                ClientId::new(sandbox.client_id()),
                ClientSecret::new(sandbox.client_secret()),
            )),
            sandbox: Some(sandbox),
            hint: "set LINKEDIN_ACCESS_TOKEN to call LinkedIn",
            version: version_from_env(),
        }
    }

    fn linkedin_api() -> Result<Option<Target>> {
        if var(ACCESS_TOKEN_VAR).is_none() {
            return Ok(None);
        }
        Target::linkedin().map(Some)
    }

    fn linkedin() -> Result<Target> {
        let version = version_from_env();
        linkedin::LinkedInVersion::new(&version).map_err(|e| format!("{VERSION_VAR}: {e}"))?;
        let app = match (var(CLIENT_ID_VAR), var(CLIENT_SECRET_VAR)) {
            (Some(id), Some(secret)) => Some((ClientId::new(id), ClientSecret::new(secret))),
            _ => None,
        };
        Ok(Target {
            sandbox: None,
            hint: "",
            access_token: var(ACCESS_TOKEN_VAR).map(AccessToken::new),
            app,
            version,
        })
    }

    /// The sandbox, when running against one.
    pub fn as_sandbox(&self) -> Option<&Sandbox> {
        self.sandbox.as_ref()
    }

    /// True when running against the sandbox.
    pub fn is_sandbox(&self) -> bool {
        self.sandbox.is_some()
    }

    /// The `LinkedIn-Version` for `/rest` calls.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The API endpoint: the sandbox's, or LinkedIn's.
    pub fn endpoint(&self) -> Result<Endpoint> {
        match &self.sandbox {
            Some(sandbox) => Ok(Endpoint::from_origin(sandbox.origin())?),
            None => Ok(Endpoint::linkedin()),
        }
    }

    /// The static access token: the sandbox's, or `LINKEDIN_ACCESS_TOKEN`.
    pub fn access_token(&self) -> Result<AccessToken> {
        self.access_token
            .clone()
            .ok_or_else(|| format!("set {ACCESS_TOKEN_VAR} to call LinkedIn's APIs").into())
    }

    /// The OAuth application: the sandbox's client (and its OAuth URL), or
    /// `LINKEDIN_CLIENT_ID` / `LINKEDIN_CLIENT_SECRET` with LinkedIn's.
    pub fn oauth(&self) -> Result<OAuthConfig> {
        let (id, secret) = self.app.clone().ok_or_else(|| {
            format!("set {CLIENT_ID_VAR} and {CLIENT_SECRET_VAR} to use LinkedIn's OAuth")
        })?;
        let config = OAuthConfig::new(id, secret);
        match &self.sandbox {
            Some(sandbox) => Ok(config.base_url(BaseUrl::parse(&sandbox.oauth_url())?)),
            None => Ok(config),
        }
    }

    /// An async client calling with the static access token. It has no
    /// default `LinkedIn-Version`: `/v2` calls go out as they are, `/rest`
    /// calls set theirs with `Request::version`.
    pub fn client(&self) -> Result<linkedin::Client> {
        Ok(linkedin::Client::builder()
            .endpoint(self.endpoint()?)
            .access_token(self.access_token()?)
            .build()?)
    }

    /// An async client as [`client`](Target::client), with this target's
    /// `LinkedIn-Version` as its default: for the typed APIs
    /// (`linkedin::resources`), whose calls go to `/rest` without setting
    /// one themselves.
    pub fn versioned_client(&self) -> Result<linkedin::Client> {
        Ok(linkedin::Client::builder()
            .endpoint(self.endpoint()?)
            .version(self.version())
            .access_token(self.access_token()?)
            .build()?)
    }

    /// The blocking client, configured as [`client`](Target::client).
    pub fn blocking_client(&self) -> Result<linkedin::blocking::Client> {
        Ok(linkedin::blocking::Client::builder()
            .endpoint(self.endpoint()?)
            .access_token(self.access_token()?)
            .build()?)
    }

    /// Says where the calls go.
    pub fn print_banner(&self, example: &str) {
        println!("linkedin-rs example `{example}`");
        match &self.sandbox {
            Some(sandbox) => println!(
                "Calling the in-process sandbox at {} ({}).",
                sandbox.origin(),
                self.hint
            ),
            None => println!(
                "Calling LinkedIn (api.linkedin.com), LinkedIn-Version {} for /rest.",
                self.version
            ),
        }
    }
}

fn version_from_env() -> String {
    var(VERSION_VAR).unwrap_or_else(|| DEFAULT_VERSION.to_owned())
}

/// Prints a numbered step heading.
pub fn step(number: u32, title: &str) {
    println!("\n{number}. {title}");
}

/// Prints a note for a step left out against LinkedIn.
pub fn skipped(why: &str) {
    println!("   (skipped: {why})");
}

/// Prints the HTTP request `request` becomes, as built by the codec (without
/// a token): verb, URL, the Rest.li headers and, when tunneled, the
/// override and the body's size.
pub fn print_sent(config: &RequestConfig, request: &impl AsRef<DynamicRequest>) -> Result {
    let http = request.as_ref().to_http(config, None)?;
    let header = |name: &str| http.headers().get(name).and_then(|v| v.to_str().ok());
    println!(
        "   -> {} {}",
        http.method(),
        shorten(&http.uri().to_string(), 160)
    );
    let mut notes = Vec::new();
    if let Some(method) = header("x-restli-method") {
        notes.push(format!("X-RestLi-Method: {method}"));
    }
    if let Some(version) = header("linkedin-version") {
        notes.push(format!("LinkedIn-Version: {version}"));
    }
    if let Some(verb) = header("x-http-method-override") {
        notes.push(format!("X-HTTP-Method-Override: {verb}"));
        notes.push(format!("body: {} bytes", http.body().len()));
    }
    if !notes.is_empty() {
        println!("      {}", notes.join(", "));
    }
    Ok(())
}

/// Prints what came back: the status and a short JSON rendering.
pub fn print_got(status: http::StatusCode, body: &impl Serialize) {
    println!("   <- {status} {}", short_json(body));
}

/// Compact JSON, cut to a readable length.
pub fn short_json(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|e| format!("<{e}>"));
    shorten(&json, 200)
}

/// `text` cut to at most `max` characters, with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(max).collect();
    short.push_str("...");
    short
}

/// A URL with the values of its secret parameters (`code`, `state`, the
/// OpenID Connect `nonce`, tokens, secrets) masked, for printing.
pub fn redact_url(url: &str) -> String {
    const SECRET: &[&str] = &[
        "code",
        "state",
        "nonce",
        "access_token",
        "refresh_token",
        "client_secret",
        "code_verifier",
    ];
    let Ok(mut parsed) = Url::parse(url) else {
        return "<unparsable URL>".to_owned();
    };
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .map(|(name, value)| {
            let value = if SECRET.contains(&name.as_ref()) {
                "[redacted]".to_owned()
            } else {
                value.into_owned()
            };
            (name.into_owned(), value)
        })
        .collect();
    if !pairs.is_empty() {
        parsed.query_pairs_mut().clear().extend_pairs(pairs);
    }
    parsed.to_string().replace("%5Bredacted%5D", "[redacted]")
}

/// How long from now until `at`, readably ("59 days", "29 minutes").
pub fn time_left(at: SystemTime) -> String {
    let left = at
        .duration_since(SystemTime::now())
        .unwrap_or(Duration::ZERO)
        .as_secs();
    match left {
        s if s >= 2 * 86_400 => format!("{} days", s / 86_400),
        s if s >= 2 * 3_600 => format!("{} hours", s / 3_600),
        s if s >= 120 => format!("{} minutes", s / 60),
        s => format!("{s} seconds"),
    }
}

/// Fails the example (exit code 1) with `what` unless `condition` holds.
pub fn ensure(condition: bool, what: impl Into<String>) -> Result {
    if condition {
        Ok(())
    } else {
        Err(format!("unexpected result: {}", what.into()).into())
    }
}
