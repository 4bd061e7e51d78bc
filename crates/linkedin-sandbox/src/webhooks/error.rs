//! Why a webhook operation of the sandbox failed: no answer, a failed
//! handshake, or a refused operation. Never contains a secret.

use std::time::Duration;

use http::StatusCode;

use super::BLOCK_AFTER;
#[allow(unused_imports)] // named by the doc links
use super::Webhooks;

/// Why a request to a receiver got no HTTP answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TransportFailure {
    /// The connection could not be opened (nothing listening?).
    #[error("{message}")]
    Connect {
        /// What the operating system said.
        message: String,
    },
    /// No complete answer within the time limit.
    #[error("no complete answer within {after:?}")]
    Timeout {
        /// The limit.
        after: Duration,
    },
    /// The answer was not valid HTTP/1.1, too large, or cut short.
    #[error("bad or missing HTTP answer: {message}")]
    Protocol {
        /// What was wrong.
        message: String,
    },
}

/// Why a validation handshake failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HandshakeFailure {
    /// The receiver did not answer.
    #[error(transparent)]
    Transport(#[from] TransportFailure),
    /// The receiver answered with another status than `200`.
    #[error("the receiver answered {status}; a validation answer must be 200 OK")]
    Status {
        /// Its status.
        status: StatusCode,
    },
    /// The body is not `{"challengeCode": .., "challengeResponse": ..}`.
    #[error(
        "the answer is not JSON {{\"challengeCode\": .., \"challengeResponse\": ..}}: {message}"
    )]
    InvalidBody {
        /// The JSON error.
        message: String,
    },
    /// The answer echoes another challenge code.
    #[error("the answer echoes challengeCode {received:?}, but {sent:?} was sent")]
    WrongChallengeCode {
        /// The code sent.
        sent: String,
        /// The code in the answer.
        received: String,
    },
    /// The `challengeResponse` is not the HMAC of the code keyed with the
    /// client's secret.
    #[error(
        "the challengeResponse is not the hex HMAC-SHA256 of the challengeCode keyed with the client secret (wrong secret?)"
    )]
    WrongChallengeResponse,
}

/// Why a webhook operation of the sandbox failed. Never contains a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The client id is not registered with the sandbox.
    #[error("no client {client_id:?} is registered with the sandbox (see SandboxBuilder::client)")]
    UnknownClient {
        /// The client id.
        client_id: String,
    },
    /// The URL does not parse.
    #[error("invalid webhook URL {url:?}: {reason}")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// The URL is not `http://` on a loopback host; nothing was sent.
    #[error("refusing webhook URL {url:?}: {reason}")]
    NotLoopback {
        /// The URL as given.
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// The client has no registered endpoint.
    #[error("client {client_id:?} has no webhook endpoint; register one first")]
    NotRegistered {
        /// The client id.
        client_id: String,
    },
    /// The endpoint never passed a handshake, so it gets no deliveries.
    #[error(
        "the webhook endpoint {url} of client {client_id:?} has not passed validation yet; revalidate it first"
    )]
    NotValidated {
        /// The client id.
        client_id: String,
        /// The endpoint.
        url: String,
    },
    /// The endpoint failed [`BLOCK_AFTER`] handshakes in a row.
    #[error(
        "the webhook endpoint {url} of client {client_id:?} is blocked after {BLOCK_AFTER} failed validations; a successful revalidation unblocks it"
    )]
    Blocked {
        /// The client id.
        client_id: String,
        /// The endpoint.
        url: String,
    },
    /// The validation handshake failed (the failure is recorded).
    #[error(
        "validation of webhook endpoint {url} (client {client_id:?}) failed ({consecutive_failures} in a row{}): {failure}",
        if *blocked { ", endpoint blocked" } else { "" }
    )]
    Handshake {
        /// The client id.
        client_id: String,
        /// The endpoint.
        url: String,
        /// What went wrong.
        failure: HandshakeFailure,
        /// Failed handshakes in a row, this one included.
        consecutive_failures: u32,
        /// Whether the endpoint is now blocked.
        blocked: bool,
    },
    /// The notifications given to [`Webhooks::send`] cannot be delivered.
    #[error("invalid notifications: {reason}")]
    InvalidPayload {
        /// What is wrong.
        reason: String,
    },
}
