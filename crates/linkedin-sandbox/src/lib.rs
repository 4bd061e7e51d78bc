//! A local, LinkedIn-shaped server for examples, integration tests and your
//! own offline tests, the way `stripe-mock` serves Stripe's SDKs.
//!
//! # How this is meant to be used
//!
//! Start a [`Sandbox`] in a test, point a client at its
//! [`origin`](Sandbox::origin) (versioned APIs under `/rest`, the others
//! under `/v2`) and its [`oauth_url`](Sandbox::oauth_url), and call it with
//! [`Sandbox::DEFAULT_ACCESS_TOKEN`]. It binds `127.0.0.1` on a free port and
//! stops when the handle is dropped.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use linkedin_sandbox::{Fault, Sandbox};
//!
//! let sandbox = Sandbox::start().await?;
//! let endpoint = restli_codec::Endpoint::from_origin(sandbox.origin())?;
//! let config = restli_codec::RequestConfig::new()
//!     .with_endpoint(endpoint)
//!     .with_version("202406".parse()?);
//! let request = restli_codec::Request::get("/adAccounts/{id}")
//!     .key("id", &500001)
//!     .to_http(&config, Some(sandbox.access_token()))?;
//! assert_eq!(request.uri().to_string(), format!("{}/rest/adAccounts/500001", sandbox.origin()));
//! // ... send `request` with the HTTP client under test ...
//!
//! // Then make the next call fail, and check what the client did.
//! sandbox.inject(Fault::status(http::StatusCode::SERVICE_UNAVAILABLE).times(1));
//! assert_eq!(sandbox.request_count("/rest/adAccounts/500001"), 0);
//! # Ok(())
//! # }
//! ```
//!
//! For blocking clients use [`Sandbox::spawn`], which runs the server on a
//! thread with its own runtime. From a shell, `cargo run -p linkedin-sandbox
//! -- --port 8080` serves the same thing and prints the URLs and a token.
//!
//! # What it serves
//!
//! * **Any Rest.li collection** under `/rest` and `/v2` (the same data
//!   under both): `/{resource}[/{key}[/{subresource}[/{key}]...]]`,
//!   collections created on first use, all 14 methods with real semantics
//!   (see [`restli`](crate#rest-li-semantics) below). Keys and parameters
//!   are decoded with `restli-codec`; tunneled requests (form and
//!   `multipart/mixed`) are untunneled first.
//! * **LinkedIn's own resources** under `/rest`, with their documented
//!   shapes and checks: posts (`/rest/posts`, every kind of content, the
//!   `q=author` finder), the Images, Documents and Videos APIs with upload
//!   URLs the sandbox serves itself (video parts checked against their
//!   byte ranges, ETags, processing on the sandbox clock:
//!   [`SandboxBuilder::video_processing_time`]), comments, reactions,
//!   organizations, the member's roles (`organizationAcls`) and follower
//!   counts (`networkSizes`).
//! * **Seed data**: `/v2/me`, `/v2/userinfo`, `adAccounts` and their
//!   `adAccounts/{id}/adCampaignGroups`, three organizations with the
//!   member's roles (turn it off with [`SandboxBuilder::empty`]); with
//!   [`SandboxBuilder::ads_seed`], synthetic campaigns and creatives and
//!   `GET /rest/adAnalytics` reports on them, computed from one daily table.
//! * **Checks like LinkedIn's**, with LinkedIn-shaped error bodies: bearer
//!   token (401), `X-RestLi-Protocol-Version: 2.0.0` (400), `LinkedIn-Version`
//!   on `/rest` (400 `VERSION_MISSING` when absent, 426
//!   `NONEXISTENT_VERSION` outside the served window, by default 202512 to
//!   202612: see [`SandboxBuilder::current_version`]), each endpoint's
//!   scopes (403 `ACCESS_DENIED`), undecodable keys and parameters (400
//!   with the decoder's byte offset and LinkedIn's `errorDetails`), optional
//!   daily quotas (429). Authentication is checked first. Every answer
//!   carries `x-li-uuid`. The [`fidelity`] page lists every behaviour and
//!   every known difference from LinkedIn.
//! * **OAuth** under `/oauth/v2`: authorization (auto-consent, or
//!   [`Consent::Deny`]), the `authorization_code` (with PKCE S256),
//!   `refresh_token` and `client_credentials` grants, token introspection,
//!   each allowed per registered [`App`] as LinkedIn allows it (the default
//!   `sandbox-client` may do everything; a self-serve and a native app are
//!   seeded). Tokens expire on the sandbox clock, which
//!   [`Sandbox::advance_clock`] moves.
//! * **OpenID Connect**: with scope `openid` the code exchange answers an
//!   RS256 `id_token`; discovery at `/oauth/.well-known/openid-configuration`,
//!   keys at `/oauth/openid/jwks`.
//!
//! What follows LinkedIn and what does not is listed in [`fidelity`].
//! * **Fault injection** ([`Fault`]): LinkedIn's daily rate limits (429,
//!   `serviceErrorCode` 101, `Retry-After` only on request), the
//!   next N requests failing, latency, dropped connections, requests never
//!   answered.
//! * **Request counts** ([`Sandbox::stats`], [`Sandbox::request_count`]).
//! * **Webhooks** ([`Sandbox::webhooks`]): registers a receiver running on
//!   this machine, runs LinkedIn's validation handshake against it (3
//!   failures in a row block it), and sends it signed notifications, forged
//!   or duplicated on request. Only loopback `http://` URLs are called. The
//!   same is served over HTTP: `GET`/`POST /sandbox/webhooks`,
//!   `POST /sandbox/webhooks/revalidate`, `POST /sandbox/webhooks/send`
//!   (JSON bodies; see [`Webhooks`]), for callers holding the sandbox's
//!   [admin token](Sandbox::admin_token).
//!
//! # Record and replay
//!
//! For tests that run offline but answer as LinkedIn answered you: a
//! [`Recorder`] is a proxy that forwards to the real API (over TLS) and
//! writes each exchange, secrets redacted, as one readable JSON file; a
//! [`Replay`] (or [`Sandbox::replay`]) answers requests that match a
//! recording by method, path, decoded query and body, and anything else
//! with a 404 naming the closest recordings. From a shell:
//! `linkedin-sandbox record --upstream https://api.linkedin.com --out DIR`
//! and `linkedin-sandbox replay DIR`. The [`fidelity`] page lists what is
//! redacted, how requests are matched and what differs from LinkedIn.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use linkedin_sandbox::{Recorder, Sandbox};
//!
//! let dir = std::env::temp_dir().join(format!("record-replay-doc-{}", std::process::id()));
//! let upstream = Sandbox::start().await?; // stands in for https://api.linkedin.com
//! let recorder = Recorder::builder(upstream.origin(), &dir).start().await?;
//! // ... run the test against recorder.origin(), then:
//! drop(recorder);
//! # std::fs::write(dir.join("000001-GET-v2_me.json"), r#"{"linkedinSandboxRecording":1,
//! #   "request":{"method":"GET","path":"/v2/me"},"response":{"status":200,"body":{"id":"abc"}}}"#)?;
//! let replay = Sandbox::replay(&dir).await?;
//! // ... and run it again against replay.origin(), offline.
//! # assert_eq!(replay.replay().len(), 1);
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok(())
//! # }
//! ```
//!
//! # Rest.li semantics
//!
//! * Method: `X-RestLi-Method` when present (it must fit the HTTP verb),
//!   else inferred: `ids` means a batch method, `q` a finder, `bq` a batch
//!   finder, `action` an action, GET without a key GET_ALL (or GET of a
//!   simple resource such as `/me`).
//! * Ids are assigned on CREATE as increasing integers, returned in
//!   `X-RestLi-Id`; object entities without an `id` field get one.
//!   Entities are stored under the canonical reduced encoding of their key,
//!   so equal (complex) keys match however they were escaped; a complex
//!   key's `$params` are ignored.
//! * UPDATE is an upsert: 204 when it replaced an entity, 201 with
//!   `X-RestLi-Id` when it created one.
//! * GET_ALL and finders page with `start` / `count` (default 0 / 10),
//!   except the ads search finders from `LinkedIn-Version` 202401 on
//!   (`adAccounts?q=search`, `adAccounts/{id}/adCampaignGroups?q=search`,
//!   `adAccounts/{id}/adCampaigns?q=search`, `adAccounts/{id}/creatives?q=criteria`),
//!   which page by cursor as LinkedIn's: `pageSize` (default 100, at most
//!   1000) and `pageToken` in, `metadata.nextPageToken` out.
//!   Any finder name works: its other parameters select entities by
//!   equality of top-level fields, compared as text; a record-valued
//!   parameter is LinkedIn's `search=(field:(values:List(..)),flag:false)`
//!   form. BATCH_FINDER takes one list-valued criteria parameter.
//! * Batch answers carry per-key statuses and errors; BATCH_DELETE reports
//!   unknown keys as `{"status": 404}` in `results`, as the Rest.li test
//!   suite does.
//! * ACTION echoes its parameters: `{"value": <the JSON body>}`.
//! * Projections (`fields=id,name`, `fields=author:(id,name)`, `-field`,
//!   `$*`) select the fields of each returned entity, as Rest.li's.
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

mod admin;
mod ads;
mod apps;
mod auth;
mod clock;
mod conn;
mod errors;
mod faults;
mod listen;
mod oauth;
mod oidc;
mod quota;
mod record;
mod recording;
mod redact;
mod replay;
mod request_ids;
mod restli;
mod routes;
mod sandbox;
mod scopes;
mod seed;
mod server;
mod social;
mod state;
mod stats;
mod store;
mod tunnel;
mod versions;
mod webhooks;

#[doc = include_str!("../FIDELITY.md")]
pub mod fidelity {}

use std::sync::{Mutex, MutexGuard, PoisonError};

pub use apps::App;
pub use faults::Fault;
pub use oauth::Consent;
pub use record::{DEFAULT_UPSTREAM_TIMEOUT, RecordError, Recorder, RecorderBuilder};
pub use recording::{MAX_BODY_SIZE, MAX_RECORDING_FILE_SIZE, MAX_RECORDINGS};
pub use replay::{Replay, ReplayError, ReplayServer};
pub use sandbox::{Sandbox, SandboxBuilder};
pub use stats::Stats;
pub use webhooks::{
    Attempt, BLOCK_AFTER, DEFAULT_DELIVERY_TIMEOUT, DeliveryReport, EndpointStatus,
    HANDSHAKE_TIMEOUT, HandshakeFailure, MAX_DELIVERY_TIMEOUT, Registration, SendOptions,
    TransportFailure, WebhookError, Webhooks,
};

/// Why a sandbox could not start, or a key could not be used.
///
/// ```
/// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
/// let err = sandbox.get("adAccounts", &f64::NAN).unwrap_err();
/// assert!(matches!(err, linkedin_sandbox::Error::InvalidKey(_)));
/// # Ok::<(), linkedin_sandbox::Error>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Binding the port, or creating the runtime or thread, failed.
    #[error("cannot start the sandbox: {0}")]
    Io(#[from] std::io::Error),
    /// A key or collection path given to the handle has no Rest.li form.
    #[error("invalid key or collection path: {0}")]
    InvalidKey(String),
}

/// Locks a mutex, carrying on after a panic elsewhere (the sandbox's state
/// stays usable; every update is a single step).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
