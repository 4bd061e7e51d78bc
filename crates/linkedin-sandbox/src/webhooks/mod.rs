//! Webhooks: the sandbox plays LinkedIn's side of a webhook subscription
//! against a receiver running on the same machine.
//!
//! * [`Webhooks::register`] registers a receiver URL for a client id and
//!   validates it at once, as LinkedIn does: `GET <url>?challengeCode=<uuid>`
//!   (plus `applicationId` with [`Webhooks::register_child`]), which must be
//!   answered `200` with `{"challengeCode", "challengeResponse"}` within
//!   [`HANDSHAKE_TIMEOUT`]; the answer is checked with
//!   [`linkedin_webhooks::ChallengeResponse::verify`], keyed with that
//!   client's secret. [`Webhooks::revalidate`] runs the handshake again
//!   (LinkedIn does every 2 hours); after [`BLOCK_AFTER`] failed handshakes
//!   in a row the endpoint is [blocked](EndpointStatus::Blocked) and gets no
//!   deliveries until a handshake succeeds again.
//! * [`Webhooks::send`] posts a notification envelope signed with
//!   [`linkedin_webhooks::sign`] (the `X-LI-Signature` header), keyed with
//!   the client's secret, and reports what the receiver answered
//!   ([`DeliveryReport`]). [`SendOptions`] can forge the signature, deliver
//!   the same notification twice, or change the event type.
//!
//! The sandbox sends requests to **loopback `http://` URLs only**
//! (`127.0.0.0/8`, `[::1]`, `localhost`); any other URL is refused with
//! [`WebhookError::NotLoopback`] before anything is sent. Every request has
//! a time limit, answers are read up to 64 KiB, a delivery carries at most
//! ten notifications (LinkedIn's batch size) and is attempted at most twice
//! (with [`SendOptions::duplicate`]); nothing is retried behind your back.
//!
//! The same operations are served over HTTP under `/sandbox/webhooks`
//! (`routes.rs`; documented on [`Webhooks`]).
//!
//! Client secrets never appear in a [`Registration`], a [`DeliveryReport`]
//! or a [`WebhookError`].
//!
//! ```no_run
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use linkedin_sandbox::{Sandbox, SendOptions};
//! use serde_json::json;
//!
//! let sandbox = Sandbox::start().await?;
//! let webhooks = sandbox.webhooks();
//! // A receiver listening on 127.0.0.1:3000 answers the handshake...
//! webhooks.register(sandbox.client_id(), "http://127.0.0.1:3000/linkedin").await?;
//! // ...and gets a signed notification, then a forged one.
//! let event = json!({"organizationalEntity": "urn:li:organization:42", "action": "LIKE"});
//! let report = webhooks.send(sandbox.client_id(), &event, SendOptions::new()).await?;
//! assert_eq!(report.status(), Some(http::StatusCode::OK));
//! let forged = SendOptions::new().wrong_signature(true);
//! let report = webhooks.send(sandbox.client_id(), &event, forged).await?;
//! assert_eq!(report.status(), Some(http::StatusCode::UNAUTHORIZED));
//! # Ok(())
//! # }
//! ```

mod client;
mod error;
mod handshake;
mod options;
mod payload;
mod report;
mod routes;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use axum::body::Body;
use http::Method;
use http::header::CONTENT_TYPE;
use linkedin_webhooks::{ClientSecret, OrganizationSocialAction, SIGNATURE_HEADER, sign};
use serde::Serialize;

use client::Target;

use crate::lock;
use crate::state::AppState;

pub use error::{HandshakeFailure, TransportFailure, WebhookError};
use handshake::handshake;
pub use options::SendOptions;
pub use report::{Attempt, DeliveryReport, EndpointStatus, Registration};
pub(crate) use routes::routes;

/// How long a receiver has to answer a validation request (LinkedIn's limit).
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(3);

/// How many failed handshakes in a row block an endpoint (as on LinkedIn).
pub const BLOCK_AFTER: u32 = 3;

/// How long a delivery waits for an answer unless [`SendOptions::timeout`] says otherwise.
pub const DEFAULT_DELIVERY_TIMEOUT: Duration = Duration::from_secs(3);

/// The longest [`SendOptions::timeout`] allowed; longer ones are shortened to it.
pub const MAX_DELIVERY_TIMEOUT: Duration = Duration::from_secs(30);

/// Notification ids the sandbox assigns start here.
const FIRST_NOTIFICATION_ID: u64 = 5_603_453_321;

/// The webhook side of a running [`Sandbox`](crate::Sandbox), from
/// [`Sandbox::webhooks`](crate::Sandbox::webhooks). Cheap to clone; every
/// clone sees the same registrations.
///
/// Its async methods make requests and must be awaited on a tokio runtime.
///
/// The same operations are served over HTTP, for the command line and for
/// receivers written in other languages (JSON bodies with `Content-Type:
/// application/json`; `clientId` defaults to the sandbox's first client).
/// These routes are not counted in [`Stats`](crate::Stats), faults do not
/// apply to them, and they need the sandbox's admin token
/// ([`Sandbox::admin_token`](crate::Sandbox::admin_token)) as
/// `Authorization: Bearer <admin token>` (401 `ADMIN_TOKEN_REQUIRED`
/// without it):
///
/// | request | body | does |
/// |---|---|---|
/// | `GET /sandbox/webhooks` | | `{"registrations": [..]}` |
/// | `POST /sandbox/webhooks` | `{"url", "clientId"?, "applicationId"?}` | [`register`](Webhooks::register) |
/// | `POST /sandbox/webhooks/revalidate` | `{"clientId"?}` | [`revalidate`](Webhooks::revalidate) |
/// | `POST /sandbox/webhooks/send` | `{"notifications", "clientId"?, "eventType"?, "wrongSignature"?, "duplicate"?}` | [`send`](Webhooks::send), answers the report |
///
/// Errors are LinkedIn-shaped (`status`, `message`, `code`): 404 for an
/// unknown client or endpoint, 400 for a refused URL or bad notifications,
/// 409 for an endpoint not validated or blocked, 502 for a failed handshake.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), linkedin_sandbox::Error> {
/// let sandbox = linkedin_sandbox::Sandbox::start().await?;
/// let webhooks = sandbox.webhooks();
/// assert!(webhooks.registrations().is_empty());
/// let err = webhooks.register(sandbox.client_id(), "https://hooks.example.com/li").await.unwrap_err();
/// assert!(matches!(err, linkedin_sandbox::WebhookError::NotLoopback { .. }));
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Webhooks {
    hub: Arc<Hub>,
}

/// The registrations and what every request needs.
pub(crate) struct Hub {
    app: AppState,
    default_client: String,
    endpoints: Mutex<BTreeMap<String, Endpoint>>,
    next_id: AtomicU64,
}

/// One client's registered endpoint.
#[derive(Debug, Clone)]
struct Endpoint {
    target: Target,
    application_id: Option<String>,
    consecutive_failures: u32,
    validated_at: Option<SystemTime>,
    checked_at: SystemTime,
    last_failure: Option<HandshakeFailure>,
    deliveries: u64,
}

impl Hub {
    pub(crate) fn new(app: AppState, default_client: String) -> Arc<Hub> {
        Arc::new(Hub {
            app,
            default_client,
            endpoints: Mutex::new(BTreeMap::new()),
            next_id: AtomicU64::new(FIRST_NOTIFICATION_ID),
        })
    }

    /// The webhook key of a registered OAuth client.
    fn secret(&self, client_id: &str) -> Result<ClientSecret, WebhookError> {
        self.app
            .oauth
            .client(client_id)
            .map(|client| ClientSecret::new(client.secret.clone()))
            .ok_or_else(|| WebhookError::UnknownClient {
                client_id: client_id.to_owned(),
            })
    }
}

impl Webhooks {
    pub(crate) fn new(hub: Arc<Hub>) -> Self {
        Webhooks { hub }
    }

    /// Registers `url` as the webhook endpoint of `client_id` (replacing
    /// any earlier one) and validates it right away.
    ///
    /// `url` must be an `http://` URL on a loopback host. The receiver gets
    /// `GET <url>?challengeCode=<random uuid>` and must answer `200` with
    /// `{"challengeCode": <the code>, "challengeResponse": <hex HMAC-SHA256
    /// of the code keyed with the client secret>}` within
    /// [`HANDSHAKE_TIMEOUT`].
    ///
    /// # Errors
    ///
    /// [`WebhookError::UnknownClient`], [`WebhookError::InvalidUrl`] or
    /// [`WebhookError::NotLoopback`] (nothing is registered or sent), or
    /// [`WebhookError::Handshake`]: the endpoint is registered but not
    /// validated; [`revalidate`](Webhooks::revalidate) tries again.
    pub async fn register(&self, client_id: &str, url: &str) -> Result<Registration, WebhookError> {
        self.register_inner(client_id, url, None).await
    }

    /// Like [`register`](Webhooks::register), for parent/child applications:
    /// every handshake also carries `applicationId=<application_id>`, and is
    /// still answered with `client_id`'s secret.
    ///
    /// # Errors
    ///
    /// As for [`register`](Webhooks::register).
    pub async fn register_child(
        &self,
        client_id: &str,
        url: &str,
        application_id: &str,
    ) -> Result<Registration, WebhookError> {
        self.register_inner(client_id, url, Some(application_id.to_owned()))
            .await
    }

    async fn register_inner(
        &self,
        client_id: &str,
        url: &str,
        application_id: Option<String>,
    ) -> Result<Registration, WebhookError> {
        let secret = self.hub.secret(client_id)?;
        let target = Target::parse(url)?;
        let outcome = handshake(&secret, &target, application_id.as_deref()).await;
        let fresh = Endpoint {
            target,
            application_id,
            consecutive_failures: 0,
            validated_at: None,
            checked_at: self.hub.app.clock.now(),
            last_failure: None,
            deliveries: 0,
        };
        let mut endpoints = lock(&self.hub.endpoints);
        endpoints.insert(client_id.to_owned(), fresh);
        let endpoint = endpoints
            .get_mut(client_id)
            .ok_or_else(|| not_registered(client_id))?;
        self.apply(client_id, endpoint, outcome)
    }

    /// Runs the validation handshake again against `client_id`'s endpoint,
    /// as LinkedIn does every 2 hours. Success makes the endpoint
    /// [`Active`](EndpointStatus::Active) again, even a blocked one (that
    /// is LinkedIn's manual re-validation); a failure counts towards
    /// [`BLOCK_AFTER`].
    ///
    /// # Errors
    ///
    /// [`WebhookError::NotRegistered`], [`WebhookError::UnknownClient`], or
    /// [`WebhookError::Handshake`] (recorded; its `blocked` says whether
    /// the endpoint is now blocked).
    pub async fn revalidate(&self, client_id: &str) -> Result<Registration, WebhookError> {
        let secret = self.hub.secret(client_id)?;
        let (target, application_id) = {
            let endpoints = lock(&self.hub.endpoints);
            let endpoint = endpoints
                .get(client_id)
                .ok_or_else(|| not_registered(client_id))?;
            (endpoint.target.clone(), endpoint.application_id.clone())
        };
        let outcome = handshake(&secret, &target, application_id.as_deref()).await;
        let mut endpoints = lock(&self.hub.endpoints);
        match endpoints.get_mut(client_id) {
            // Re-registered elsewhere meanwhile: that registration stands.
            Some(endpoint) if endpoint.target == target => self.apply(client_id, endpoint, outcome),
            _ => Err(not_registered(client_id)),
        }
    }

    /// Records a handshake's outcome.
    fn apply(
        &self,
        client_id: &str,
        endpoint: &mut Endpoint,
        outcome: Result<(), HandshakeFailure>,
    ) -> Result<Registration, WebhookError> {
        let now = self.hub.app.clock.now();
        endpoint.checked_at = now;
        match outcome {
            Ok(()) => {
                endpoint.consecutive_failures = 0;
                endpoint.validated_at = Some(now);
                endpoint.last_failure = None;
                Ok(registration(client_id, endpoint))
            }
            Err(failure) => {
                endpoint.consecutive_failures = endpoint.consecutive_failures.saturating_add(1);
                endpoint.last_failure = Some(failure.clone());
                Err(WebhookError::Handshake {
                    client_id: client_id.to_owned(),
                    url: endpoint.target.url().to_owned(),
                    failure,
                    consecutive_failures: endpoint.consecutive_failures,
                    blocked: endpoint.consecutive_failures >= BLOCK_AFTER,
                })
            }
        }
    }

    /// The registration of `client_id`, if any.
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// assert!(sandbox.webhooks().registration(sandbox.client_id()).is_none());
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn registration(&self, client_id: &str) -> Option<Registration> {
        lock(&self.hub.endpoints)
            .get(client_id)
            .map(|endpoint| registration(client_id, endpoint))
    }

    /// Every registration, by client id.
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// assert!(sandbox.webhooks().registrations().is_empty());
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn registrations(&self) -> Vec<Registration> {
        lock(&self.hub.endpoints)
            .iter()
            .map(|(client_id, endpoint)| registration(client_id, endpoint))
            .collect()
    }

    /// Removes `client_id`'s endpoint; returns what it was.
    ///
    /// ```
    /// let sandbox = linkedin_sandbox::Sandbox::spawn()?;
    /// assert!(sandbox.webhooks().unregister(sandbox.client_id()).is_none());
    /// # Ok::<(), linkedin_sandbox::Error>(())
    /// ```
    pub fn unregister(&self, client_id: &str) -> Option<Registration> {
        lock(&self.hub.endpoints)
            .remove(client_id)
            .map(|endpoint| registration(client_id, &endpoint))
    }

    /// Posts a notification delivery to `client_id`'s endpoint, signed with
    /// its secret in `X-LI-Signature`, and reports the answer.
    ///
    /// `notifications` is anything `Serialize` that becomes one of:
    ///
    /// * one event object (a [`OrganizationSocialAction`], a `json!` value);
    /// * a list of 1 to 10 event objects (one batch);
    /// * a whole envelope `{"type": .., "notifications": [..]}` (such as a
    ///   [`linkedin_webhooks::Envelope`]).
    ///
    /// Notifications without a `notificationId` get a fresh one; the event
    /// type is [`SendOptions::event_type`], else the envelope's `type`, else
    /// [`OrganizationSocialAction::EVENT_TYPE`]. An answer other than 2xx is
    /// not an error: it is in the report, as is a connection that failed.
    ///
    /// # Errors
    ///
    /// [`WebhookError::UnknownClient`], [`WebhookError::NotRegistered`],
    /// [`WebhookError::NotValidated`] (no handshake succeeded yet),
    /// [`WebhookError::Blocked`], or [`WebhookError::InvalidPayload`].
    pub async fn send<T: Serialize + ?Sized>(
        &self,
        client_id: &str,
        notifications: &T,
        options: SendOptions,
    ) -> Result<DeliveryReport, WebhookError> {
        let secret = self.hub.secret(client_id)?;
        let target = {
            let endpoints = lock(&self.hub.endpoints);
            let endpoint = endpoints
                .get(client_id)
                .ok_or_else(|| not_registered(client_id))?;
            if endpoint.consecutive_failures >= BLOCK_AFTER {
                return Err(WebhookError::Blocked {
                    client_id: client_id.to_owned(),
                    url: endpoint.target.url().to_owned(),
                });
            }
            if endpoint.validated_at.is_none() {
                return Err(WebhookError::NotValidated {
                    client_id: client_id.to_owned(),
                    url: endpoint.target.url().to_owned(),
                });
            }
            endpoint.target.clone()
        };
        let value =
            serde_json::to_value(notifications).map_err(|e| WebhookError::InvalidPayload {
                reason: format!("the notifications do not serialize to JSON: {e}"),
            })?;
        let built = payload::build(
            value,
            options.event_type.as_deref(),
            OrganizationSocialAction::EVENT_TYPE,
            || self.hub.next_id.fetch_add(1, Ordering::Relaxed),
        )?;
        let signature = if options.wrong_signature {
            // Another key, so the signature is well-formed but wrong.
            let forged = ClientSecret::new(format!("{}/forged", secret.secret()));
            sign(&forged, &built.body)
        } else {
            sign(&secret, &built.body)
        }
        // Only an empty client secret cannot sign.
        .map_err(|e| WebhookError::InvalidPayload {
            reason: format!("cannot sign the notifications: {e}"),
        })?;
        let times = if options.duplicate { 2 } else { 1 };
        let mut attempts = Vec::with_capacity(times);
        for _ in 0..times {
            let request = target
                .request(Method::POST, &[])
                .header(CONTENT_TYPE, "application/json")
                .header(SIGNATURE_HEADER, signature.as_str())
                .body(Body::from(built.body.clone()));
            let started = Instant::now();
            let outcome = match request {
                Ok(request) => target
                    .send(request, options.timeout)
                    .await
                    .map(|answer| answer.status),
                Err(e) => Err(TransportFailure::Protocol {
                    message: format!("cannot build the request: {e}"),
                }),
            };
            attempts.push(Attempt {
                outcome,
                elapsed: started.elapsed(),
            });
        }
        if let Some(endpoint) = lock(&self.hub.endpoints).get_mut(client_id) {
            endpoint.deliveries = endpoint.deliveries.saturating_add(times as u64);
        }
        Ok(DeliveryReport {
            client_id: client_id.to_owned(),
            url: target.url().to_owned(),
            event_type: built.event_type,
            notification_ids: built.ids,
            body: String::from_utf8_lossy(&built.body).into_owned(),
            signature,
            wrong_signature: options.wrong_signature,
            attempts,
        })
    }

    /// The client id the HTTP endpoints use when none is given.
    fn default_client(&self) -> &str {
        &self.hub.default_client
    }
}

/// Lists the registered client ids; secrets are left out.
impl fmt::Debug for Webhooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let clients: Vec<String> = lock(&self.hub.endpoints).keys().cloned().collect();
        f.debug_struct("Webhooks")
            .field("registered", &clients)
            .finish_non_exhaustive()
    }
}

fn not_registered(client_id: &str) -> WebhookError {
    WebhookError::NotRegistered {
        client_id: client_id.to_owned(),
    }
}

fn registration(client_id: &str, endpoint: &Endpoint) -> Registration {
    let status = match endpoint.consecutive_failures {
        0 if endpoint.validated_at.is_some() => EndpointStatus::Active,
        n if n >= BLOCK_AFTER => EndpointStatus::Blocked,
        _ => EndpointStatus::Failing,
    };
    Registration {
        client_id: client_id.to_owned(),
        url: endpoint.target.url().to_owned(),
        application_id: endpoint.application_id.clone(),
        status,
        consecutive_failures: endpoint.consecutive_failures,
        validated_at: endpoint.validated_at,
        checked_at: endpoint.checked_at,
        last_failure: endpoint.last_failure.clone(),
        deliveries: endpoint.deliveries,
    }
}
