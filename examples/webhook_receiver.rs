//! A LinkedIn webhook receiver with axum: answers the validation handshake
//! (`GET`), verifies each notification's `X-LI-Signature` (`POST`; 401 when
//! it does not verify), and deduplicates redeliveries (answered 200, never
//! processed twice), counting accepted, forged and duplicate notifications.
//!
//! ```text
//! cargo run --example webhook_receiver
//! ```
//!
//! With no environment variables it runs a self-contained demo: it starts
//! an in-process `linkedin-sandbox`, starts itself on `127.0.0.1:0`,
//! registers itself with the sandbox (which runs LinkedIn's validation
//! handshake against it), has the sandbox send signed notifications, a
//! forged one and a duplicated one, prints what happened, checks the counts
//! and exits 0 (1 if anything is off).
//!
//! With `LINKEDIN_CLIENT_SECRET` set (your application's client secret,
//! from the developer portal's *Auth* tab) it runs as a real receiver on
//! `127.0.0.1:$WEBHOOK_PORT` (default 3000), path `/webhooks/linkedin`,
//! until Ctrl-C:
//!
//! ```text
//! LINKEDIN_CLIENT_SECRET=... WEBHOOK_PORT=3000 cargo run --example webhook_receiver
//! ```
//!
//! LinkedIn only calls **HTTPS** URLs it can reach from the internet, so put
//! it behind a TLS-terminating reverse proxy or a tunnel (nginx, Caddy,
//! `cloudflared`, `ngrok`, ...) and register `https://<your host>/webhooks/linkedin`
//! as the webhook URL in the developer portal. The receiver must answer the
//! validation within 3 seconds, and LinkedIn revalidates every 2 hours.

use std::error::Error;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use http::{HeaderMap, StatusCode};
use linkedin_sandbox::{DeliveryReport, Sandbox, SendOptions};
use linkedin_webhooks::{
    Challenge, ClientSecret, Deduplicator, Envelope, NotificationError, verify_notification,
};
use serde_json::{Value, json};

/// Where the receiver listens for LinkedIn.
pub const PATH: &str = "/webhooks/linkedin";

/// What the receiver did so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Validation requests answered.
    pub validations: u64,
    /// Notifications processed (signature verified, first delivery).
    pub accepted: u64,
    /// Deliveries refused because their signature did not verify (401).
    pub forged: u64,
    /// Notifications delivered again and skipped (answered 200).
    pub duplicates: u64,
    /// Correctly signed deliveries whose body did not parse (400).
    pub invalid: u64,
}

/// The receiver's shared state: the secret, the dedup memory and the counters.
#[derive(Clone)]
pub struct Receiver {
    inner: Arc<Inner>,
}

struct Inner {
    secret: ClientSecret,
    seen: Mutex<Deduplicator>,
    validations: AtomicU64,
    accepted: AtomicU64,
    forged: AtomicU64,
    duplicates: AtomicU64,
    invalid: AtomicU64,
    quiet: bool,
}

impl Receiver {
    /// A receiver keyed with the application's client secret. `quiet`
    /// turns off the per-request log lines.
    pub fn new(secret: ClientSecret, quiet: bool) -> Self {
        Receiver {
            inner: Arc::new(Inner {
                secret,
                // A day of memory: longer than LinkedIn's redelivery window.
                seen: Mutex::new(Deduplicator::new(100_000, Duration::from_secs(24 * 3600))),
                validations: AtomicU64::new(0),
                accepted: AtomicU64::new(0),
                forged: AtomicU64::new(0),
                duplicates: AtomicU64::new(0),
                invalid: AtomicU64::new(0),
                quiet,
            }),
        }
    }

    /// The axum application: `GET` and `POST` on [`PATH`].
    pub fn router(&self) -> Router {
        Router::new()
            .route(PATH, get(validate).post(notify))
            .with_state(self.clone())
    }

    /// The counters now.
    pub fn counts(&self) -> Counts {
        let inner = &self.inner;
        Counts {
            validations: inner.validations.load(Ordering::Relaxed),
            accepted: inner.accepted.load(Ordering::Relaxed),
            forged: inner.forged.load(Ordering::Relaxed),
            duplicates: inner.duplicates.load(Ordering::Relaxed),
            invalid: inner.invalid.load(Ordering::Relaxed),
        }
    }

    fn log(&self, line: std::fmt::Arguments<'_>) {
        if !self.inner.quiet {
            println!("    receiver: {line}");
        }
    }
}

/// `GET ?challengeCode=...`: LinkedIn validating the endpoint.
async fn validate(State(receiver): State<Receiver>, RawQuery(query): RawQuery) -> Response {
    match Challenge::from_query(query.as_deref().unwrap_or("")) {
        Ok(challenge) => {
            receiver.inner.validations.fetch_add(1, Ordering::Relaxed);
            receiver.log(format_args!(
                "answered validation challenge {}",
                challenge.code()
            ));
            match challenge.response(&receiver.inner.secret) {
                Ok(response) => {
                    let (parts, body) = response.into_parts();
                    (parts.status, parts.headers, body).into_response()
                }
                Err(e) => (e.status_code(), e.to_string()).into_response(),
            }
        }
        Err(e) => (e.status_code(), e.to_string()).into_response(),
    }
}

/// `POST`: a batch of notifications. The body must be the raw bytes as received.
async fn notify(State(receiver): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let inner = &receiver.inner;
    let envelope = match verify_notification::<Envelope<Value>>(&inner.secret, &headers, &body) {
        Ok(envelope) => envelope,
        Err(e @ NotificationError::Signature(_)) => {
            inner.forged.fetch_add(1, Ordering::Relaxed);
            receiver.log(format_args!("refused a delivery (401): {e}"));
            return e.status_code();
        }
        Err(e) => {
            inner.invalid.fetch_add(1, Ordering::Relaxed);
            receiver.log(format_args!("refused a delivery (400): {e}"));
            return e.status_code();
        }
    };
    let kind = envelope.notification_type.as_deref().unwrap_or("(no type)");
    for notification in &envelope.notifications {
        let first = match inner.seen.lock() {
            Ok(mut seen) => seen.first_seen(&notification.notification_id, Instant::now()),
            Err(poisoned) => poisoned
                .into_inner()
                .first_seen(&notification.notification_id, Instant::now()),
        };
        let id = &notification.notification_id;
        if first {
            inner.accepted.fetch_add(1, Ordering::Relaxed);
            // Real processing goes here (store it, queue it, ...).
            let action = notification.event["action"].as_str().unwrap_or("?");
            let entity = notification.event["organizationalEntity"]
                .as_str()
                .unwrap_or("?");
            receiver.log(format_args!(
                "processed notification {id}: {kind} {action} on {entity}"
            ));
        } else {
            inner.duplicates.fetch_add(1, Ordering::Relaxed);
            receiver.log(format_args!(
                "skipped notification {id}: already processed (answered 200 anyway)"
            ));
        }
    }
    StatusCode::OK
}

/// Starts a receiver on `127.0.0.1:port` (0: any free port); returns its URL.
pub async fn serve(receiver: &Receiver, port: u16) -> std::io::Result<String> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let url = format!("http://{}{PATH}", listener.local_addr()?);
    let app = receiver.router();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(url)
}

/// The self-contained demo: sandbox, receiver, handshake, deliveries.
/// Returns the receiver's counts once every check passed.
pub async fn run_demo(verbose: bool) -> Result<Counts, Box<dyn Error>> {
    let say = |line: String| {
        if verbose {
            println!("{line}");
        }
    };
    let sandbox = Sandbox::builder()
        .client("webhook-demo-app", "webhook-demo-secret")
        .empty()
        .start()
        .await?;
    let client_id = sandbox.client_id().to_owned();
    say(format!(
        "sandbox (playing LinkedIn) at {}",
        sandbox.origin()
    ));

    let receiver = Receiver::new(ClientSecret::new(sandbox.client_secret()), !verbose);
    let url = serve(&receiver, 0).await?;
    say(format!("receiver listening at {url}"));

    let webhooks = sandbox.webhooks();
    say(format!("registering {url} for client {client_id}..."));
    let registration = webhooks.register(&client_id, &url).await?;
    say(format!(
        "  handshake passed: endpoint {}",
        registration.status
    ));

    let like = json!({"organizationalEntity": "urn:li:organization:42", "action": "LIKE",
                      "sourcePost": "urn:li:activity:7094637247890620418"});
    let batch = json!([
        {"organizationalEntity": "urn:li:organization:42", "action": "COMMENT"},
        {"organizationalEntity": "urn:li:organization:42", "action": "SHARE_MENTION"},
    ]);
    let admin =
        json!({"organizationalEntity": "urn:li:organization:42", "action": "ADMIN_COMMENT"});
    let steps: [(&str, &Value, SendOptions, &[StatusCode]); 4] = [
        (
            "a signed notification",
            &like,
            SendOptions::new(),
            &[StatusCode::OK],
        ),
        (
            "a signed batch of two",
            &batch,
            SendOptions::new(),
            &[StatusCode::OK],
        ),
        (
            "a notification with a forged signature",
            &like,
            SendOptions::new().wrong_signature(true),
            &[StatusCode::UNAUTHORIZED],
        ),
        (
            "a notification delivered twice",
            &admin,
            SendOptions::new().duplicate(true),
            &[StatusCode::OK, StatusCode::OK],
        ),
    ];
    let mut problems = Vec::new();
    for (what, payload, options, expected) in steps {
        say(format!("sandbox sends {what}..."));
        let report = webhooks.send(&client_id, payload, options).await?;
        say(format!("  {}", describe(&report)));
        let expected: Vec<Option<StatusCode>> = expected.iter().copied().map(Some).collect();
        if report.statuses() != expected {
            problems.push(format!(
                "{what}: expected answers {expected:?}, got {:?}",
                report.statuses()
            ));
        }
    }

    let counts = receiver.counts();
    let wanted = Counts {
        validations: 1,
        accepted: 4,
        forged: 1,
        duplicates: 1,
        invalid: 0,
    };
    say(format!(
        "receiver counts: {} validation, {} accepted, {} forged, {} duplicate, {} invalid",
        counts.validations, counts.accepted, counts.forged, counts.duplicates, counts.invalid
    ));
    if counts != wanted {
        problems.push(format!("expected counts {wanted:?}, got {counts:?}"));
    }
    if problems.is_empty() {
        Ok(counts)
    } else {
        Err(problems.join("; ").into())
    }
}

/// One line about a delivery.
fn describe(report: &DeliveryReport) -> String {
    let ids: Vec<&str> = report
        .notification_ids
        .iter()
        .map(|id| id.as_str())
        .collect();
    let answers: Vec<String> = report
        .attempts
        .iter()
        .map(|attempt| match &attempt.outcome {
            Ok(status) => status.to_string(),
            Err(e) => format!("no answer ({e})"),
        })
        .collect();
    format!(
        "notification(s) {} ({}signed), answered: {}",
        ids.join(", "),
        if report.wrong_signature {
            "wrongly "
        } else {
            ""
        },
        answers.join(" then ")
    )
}

/// Runs as a real receiver until Ctrl-C.
async fn run_real(secret: String) -> Result<(), Box<dyn Error>> {
    let port: u16 = match std::env::var("WEBHOOK_PORT") {
        Ok(port) => port
            .parse()
            .map_err(|e| format!("WEBHOOK_PORT={port:?} is not a port: {e}"))?,
        Err(_) => 3000,
    };
    let receiver = Receiver::new(ClientSecret::new(secret), false);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!(
        "webhook receiver on http://{}{PATH} (Ctrl-C to stop)",
        listener.local_addr()?
    );
    println!(
        "LinkedIn only calls HTTPS: expose it through a TLS reverse proxy or tunnel and register https://<host>{PATH}"
    );
    axum::serve(listener, receiver.router())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    let counts = receiver.counts();
    println!(
        "stopped: {} validations, {} accepted, {} forged, {} duplicates, {} invalid",
        counts.validations, counts.accepted, counts.forged, counts.duplicates, counts.invalid
    );
    Ok(())
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let result = match std::env::var("LINKEDIN_CLIENT_SECRET") {
        Ok(secret) if !secret.is_empty() => run_real(secret).await,
        _ => run_demo(true).await.map(|_| {
            println!("all deliveries handled as expected");
        }),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("webhook_receiver: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
