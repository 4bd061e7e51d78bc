//! What the sandbox reports about its webhooks: registrations and their
//! status, deliveries and their attempts. None of it carries a secret.

use std::fmt;
use std::time::{Duration, SystemTime};

use http::StatusCode;
use linkedin_webhooks::NotificationId;

#[allow(unused_imports)] // named by the doc links
use super::{BLOCK_AFTER, SendOptions, Webhooks};
use super::{HandshakeFailure, TransportFailure};

/// A registered webhook endpoint, as the sandbox last saw it. Carries no
/// secret.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Registration {
    /// The client (application) the endpoint belongs to; its secret keys the
    /// handshake and the signatures.
    pub client_id: String,
    /// The endpoint's URL (normalised; without a fragment).
    pub url: String,
    /// The `applicationId` sent with every handshake
    /// ([`Webhooks::register_child`]).
    pub application_id: Option<String>,
    /// Whether it gets deliveries.
    pub status: EndpointStatus,
    /// Failed handshakes since the last successful one.
    pub consecutive_failures: u32,
    /// When a handshake last succeeded (sandbox clock).
    pub validated_at: Option<SystemTime>,
    /// When the last handshake ran (sandbox clock).
    pub checked_at: SystemTime,
    /// Why the last handshake failed, if it did.
    pub last_failure: Option<HandshakeFailure>,
    /// How many delivery requests were sent to it.
    pub deliveries: u64,
}

/// Where an endpoint stands after its handshakes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum EndpointStatus {
    /// The last handshake succeeded: deliveries go out.
    Active,
    /// The last 1 or 2 handshakes failed (or none succeeded yet).
    /// Deliveries go out if a handshake ever succeeded.
    Failing,
    /// [`BLOCK_AFTER`] handshakes in a row failed: no deliveries until a
    /// [`revalidate`](Webhooks::revalidate) or a new
    /// [`register`](Webhooks::register) succeeds.
    Blocked,
}

impl EndpointStatus {
    /// The status's name: `ACTIVE`, `FAILING` or `BLOCKED`.
    ///
    /// ```
    /// assert_eq!(linkedin_sandbox::EndpointStatus::Blocked.as_str(), "BLOCKED");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            EndpointStatus::Active => "ACTIVE",
            EndpointStatus::Failing => "FAILING",
            EndpointStatus::Blocked => "BLOCKED",
        }
    }
}

impl fmt::Display for EndpointStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What happened to a [`Webhooks::send`]. Carries no secret (the signature
/// is the HMAC the receiver saw, not the key).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeliveryReport {
    /// Whose endpoint got it.
    pub client_id: String,
    /// Where it was posted.
    pub url: String,
    /// The envelope's `type`.
    pub event_type: String,
    /// The notification ids in the batch, in order.
    pub notification_ids: Vec<NotificationId>,
    /// The JSON body exactly as posted.
    pub body: String,
    /// The `X-LI-Signature` value sent.
    pub signature: String,
    /// Whether the signature was forged on purpose ([`SendOptions::wrong_signature`]).
    pub wrong_signature: bool,
    /// Each request: one, or two with [`SendOptions::duplicate`].
    pub attempts: Vec<Attempt>,
}

impl DeliveryReport {
    /// The status the receiver answered the first request with, if it answered.
    pub fn status(&self) -> Option<StatusCode> {
        self.attempts.first().and_then(Attempt::status)
    }

    /// Every attempt's status (`None` where the receiver did not answer).
    pub fn statuses(&self) -> Vec<Option<StatusCode>> {
        self.attempts.iter().map(Attempt::status).collect()
    }

    /// Whether every request was answered 2xx.
    pub fn accepted(&self) -> bool {
        self.attempts
            .iter()
            .all(|attempt| attempt.status().is_some_and(|s| s.is_success()))
    }
}

/// One delivery request.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Attempt {
    /// The receiver's status, or why there was none.
    pub outcome: Result<StatusCode, TransportFailure>,
    /// How long it took.
    pub elapsed: Duration,
}

impl Attempt {
    /// The status, if the receiver answered.
    pub fn status(&self) -> Option<StatusCode> {
        self.outcome.as_ref().ok().copied()
    }
}
