//! Pure, sans-IO LinkedIn webhooks: endpoint validation, signature
//! verification, typed notifications and deduplication.
//!
//! # How this is meant to be used
//!
//! This crate never opens a socket and never reads the clock. A webhook
//! receiver, written with any HTTP framework, hands it what arrived and sends
//! back what it returns:
//!
//! - **On `GET`** (LinkedIn validating the endpoint, first when you register
//!   it and then every 2 hours), call [`validation_response`] with the request
//!   and the application's [`ClientSecret`], and send the
//!   `http::Response<Vec<u8>>` it returns (`200`, JSON, within 3 seconds).
//!   On error, answer [`ChallengeError::status_code`]. Parent/child
//!   applications pick the secret by [`Challenge::application_id`] first.
//! - **On `POST`** (a notification delivery), call [`verify_notification`]
//!   with the headers and the **raw body bytes exactly as received**. It
//!   checks the `X-LI-Signature` in constant time, and only then parses the
//!   body: into an [`Envelope`] of `serde_json::Value` events, an
//!   [`Envelope<OrganizationSocialAction>`](OrganizationSocialAction), an
//!   envelope of your own event type, or any other `DeserializeOwned` type.
//!   On error, answer [`NotificationError::status_code`] and drop the body.
//! - **Then deduplicate**: LinkedIn may deliver a notification more than once.
//!   Pass each [`Notification::notification_id`] to
//!   [`Deduplicator::first_seen`] with the current time, process the ones
//!   seen for the first time, and answer `2xx` (anything else is a failed
//!   delivery that LinkedIn retries).
//!
//! Senders (tests, or a local sandbox playing LinkedIn) use the same
//! primitives the other way round: [`sign`] produces the `X-LI-Signature`
//! value for a body, [`challenge_response`] the expected answer to a
//! challenge, and [`ChallengeResponse::verify`] checks a receiver's answer.
//!
//! A receiver, with the framework simulated by plain `http` values:
//!
//! ```
//! use std::time::{Duration, Instant};
//! use linkedin_webhooks::{
//!     sign, validation_response, verify_notification, ClientSecret, Deduplicator, Envelope,
//!     OrganizationSocialAction,
//! };
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let secret = ClientSecret::new("s3cr3t"); // from your configuration
//! let mut seen = Deduplicator::new(10_000, Duration::from_secs(24 * 3600));
//!
//! // GET /linkedin?challengeCode=...: answer the validation.
//! let get = http::Request::get("/linkedin?challengeCode=890e4665-4dfe-4ab1-b689-ed553bceeed0")
//!     .body(Vec::<u8>::new())?;
//! let response = validation_response(&secret, &get)?;
//! assert_eq!(response.status(), 200);
//!
//! // POST /linkedin: a signed batch of notifications (signed here as LinkedIn would).
//! let body = br#"{"type":"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS","notifications":[
//!   {"notificationId":5603453321,"organizationalEntity":"urn:li:organization:42","action":"LIKE"}]}"#;
//! let post = http::Request::post("/linkedin")
//!     .header("X-LI-Signature", sign(&secret, body)?)
//!     .body(body.to_vec())?;
//!
//! let (parts, body) = post.into_parts();
//! let status = match verify_notification::<Envelope<OrganizationSocialAction>>(
//!     &secret, &parts.headers, &body,
//! ) {
//!     Ok(envelope) => {
//!         let now = Instant::now();
//!         for notification in envelope.notifications {
//!             if seen.first_seen(&notification.notification_id, now) {
//!                 // process notification.event
//!             }
//!         }
//!         http::StatusCode::OK
//!     }
//!     Err(err) => err.status_code(),
//! };
//! assert_eq!(status, 200);
//! # Ok(())
//! # }
//! ```
//!
//! # Wire format
//!
//! - Validation: `GET <url>?challengeCode=<uuid>[&applicationId=<id>]`,
//!   answered with `{"challengeCode": "<uuid>", "challengeResponse":
//!   hex(HMAC-SHA256(key = client secret, message = challengeCode))}`.
//! - Delivery: `POST` with a JSON body and an `X-LI-Signature` header.
//!   LinkedIn's webhook page
//!   (<https://learn.microsoft.com/en-us/linkedin/shared/api-guide/webhook-validation>,
//!   *Requirements for Processing Notifications*) says to compute the
//!   signature with HMAC-SHA256 and the client secret **on the POST body
//!   prefixed by `hmacsha256=`** and to compare it with the header. So the
//!   signature is `hex(HMAC-SHA256(key = client secret, message =
//!   "hmacsha256=" + raw body))`, and that is what [`sign`] produces: the 64
//!   lowercase hex digits, no label (the page calls the header's value the
//!   hash itself).
//!
//!   [`verify_signature`] accepts, in constant time and in any letter case:
//!   those digits with or without a leading `hmacsha256=` label, **and also**
//!   `hex(HMAC-SHA256(client secret, raw body))` (with or without the label).
//!   That second digest is the other reading of the same sentence, which
//!   this crate used to implement; it needs the secret just as much, so
//!   accepting it admits no one who lacks the secret, and it keeps working
//!   whichever reading LinkedIn's servers follow.
//! - An empty [`ClientSecret`] is refused by every operation
//!   ([`SignatureError::EmptySecret`], [`ChallengeError::EmptySecret`]):
//!   anyone can compute an HMAC keyed with nothing.
//! - Notifications: see [`Envelope`] for the batch shape and why events are
//!   generic.
//!
//! # Secrets
//!
//! [`ClientSecret`] never prints (`Debug` shows `ClientSecret([redacted])`),
//! and no error carries the secret or the expected signature.

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

mod challenge;
mod dedup;
mod notification;
mod signature;
mod social;

pub use challenge::{Challenge, ChallengeError, ChallengeResponse, validation_response};
pub use dedup::Deduplicator;
/// The application's client secret, the key of every webhook HMAC: the
/// very type of `linkedin_oauth::ClientSecret`, so one value from your
/// configuration serves the OAuth calls and the webhooks.
///
/// `Debug` prints `ClientSecret([redacted])`, `Display` prints
/// `[redacted]`, and the value is reachable only through `secret()`; its
/// UTF-8 bytes are the HMAC key. An empty secret can be wrapped, but
/// signing, verifying and answering challenges with it are typed errors
/// ([`SignatureError::EmptySecret`], [`ChallengeError::EmptySecret`]):
/// check `secret().is_empty()` where the configuration is loaded to fail
/// early.
///
/// ```
/// use linkedin_webhooks::ClientSecret;
///
/// let secret = ClientSecret::new("s3cr3t");
/// assert_eq!(format!("{secret:?}"), "ClientSecret([redacted])");
/// assert_eq!(secret.to_string(), "[redacted]");
/// assert_eq!(secret, linkedin_oauth::ClientSecret::new("s3cr3t"));
/// ```
pub use linkedin_oauth::ClientSecret;
pub use notification::{
    Envelope, Notification, NotificationError, NotificationId, verify_notification,
};
pub use signature::{
    SIGNATURE_HEADER, SignatureError, challenge_response, sign, verify_headers, verify_signature,
};
pub use social::{OrganizationSocialAction, SocialAction};
