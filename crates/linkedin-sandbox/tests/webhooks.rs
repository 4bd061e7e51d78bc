//! The sandbox playing LinkedIn's webhook side against a receiver on
//! loopback: the validation handshake (success, failures, blocking after
//! three), signed, forged and duplicated deliveries, the HTTP control
//! routes, and secrets staying out of every printout.

mod common;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use http::{HeaderMap, StatusCode};
use linkedin_sandbox::{
    EndpointStatus, HandshakeFailure, Sandbox, SendOptions, TransportFailure, WebhookError,
};
use linkedin_webhooks::{
    ClientSecret, Envelope, NotificationError, OrganizationSocialAction, SignatureError,
    SocialAction, sign, verify_notification,
};
use serde_json::json;

const CLIENT: &str = "hook-app";
const SECRET: &str = "hook-secret-7f3a9c";

/// How the test receiver answers validation requests.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    /// Correctly, with the right secret.
    Correct,
    /// With another secret.
    WrongSecret,
    /// Echoing another challenge code.
    WrongCode,
    /// `500`.
    ServerError,
    /// `200` with a body that is not the expected JSON.
    NotJson,
    /// Too late (after the handshake's 3 seconds).
    Slow,
}

/// What the receiver saw.
#[derive(Debug, Default)]
struct Seen {
    queries: Vec<String>,
    deliveries: Vec<(HeaderMap, Bytes)>,
}

#[derive(Clone)]
struct Receiver {
    mode: Arc<Mutex<Mode>>,
    seen: Arc<Mutex<Seen>>,
}

impl Receiver {
    fn set(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }

    fn queries(&self) -> Vec<String> {
        self.seen.lock().unwrap().queries.clone()
    }

    fn deliveries(&self) -> Vec<(HeaderMap, Bytes)> {
        self.seen.lock().unwrap().deliveries.clone()
    }
}

async fn validate(State(receiver): State<Receiver>, RawQuery(query): RawQuery) -> Response {
    let query = query.unwrap_or_default();
    receiver.seen.lock().unwrap().queries.push(query.clone());
    let mode = *receiver.mode.lock().unwrap();
    let request = http::Request::get(format!("/hook?{query}"))
        .body(())
        .unwrap();
    let answer = |secret: &str| {
        let response =
            linkedin_webhooks::validation_response(&ClientSecret::new(secret), &request).unwrap();
        let (parts, body) = response.into_parts();
        (parts.status, parts.headers, body).into_response()
    };
    match mode {
        Mode::Correct => answer(SECRET),
        Mode::WrongSecret => answer("not-the-secret"),
        Mode::WrongCode => axum::Json(json!({
            "challengeCode": "something-else",
            "challengeResponse": "00".repeat(32),
        }))
        .into_response(),
        Mode::ServerError => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        Mode::NotJson => "hello".into_response(),
        Mode::Slow => {
            tokio::time::sleep(Duration::from_secs(5)).await;
            answer(SECRET)
        }
    }
}

/// Records the delivery, answers 200 if the signature verifies, else 401.
async fn deliver(State(receiver): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    receiver
        .seen
        .lock()
        .unwrap()
        .deliveries
        .push((headers.clone(), body.clone()));
    match verify_notification::<Envelope>(&ClientSecret::new(SECRET), &headers, &body) {
        Ok(_) => StatusCode::OK,
        Err(e) => e.status_code(),
    }
}

/// A receiver on `127.0.0.1:0`, serving `/hook`.
async fn receiver() -> (Receiver, String) {
    let receiver = Receiver {
        mode: Arc::new(Mutex::new(Mode::Correct)),
        seen: Arc::default(),
    };
    let app = Router::new()
        .route("/hook", get(validate).post(deliver))
        .with_state(receiver.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (receiver, format!("http://{addr}/hook"))
}

async fn sandbox() -> Sandbox {
    Sandbox::builder()
        .client(CLIENT, SECRET)
        .client("other-app", "other-secret")
        .start()
        .await
        .unwrap()
}

fn event() -> serde_json::Value {
    json!({"organizationalEntity": "urn:li:organization:42", "action": "LIKE"})
}

fn handshake_failure(err: WebhookError) -> (HandshakeFailure, u32, bool) {
    match err {
        WebhookError::Handshake {
            failure,
            consecutive_failures,
            blocked,
            ..
        } => (failure, consecutive_failures, blocked),
        other => panic!("expected a handshake failure, got {other:?}"),
    }
}

#[tokio::test]
async fn handshake_success_sends_a_uuid_challenge_and_records_it() {
    let sandbox = sandbox().await;
    let (receiver, url) = receiver().await;
    let registration = sandbox.webhooks().register(CLIENT, &url).await.unwrap();
    assert_eq!(registration.client_id, CLIENT);
    assert_eq!(registration.url, url);
    assert_eq!(registration.status, EndpointStatus::Active);
    assert_eq!(registration.consecutive_failures, 0);
    assert!(registration.validated_at.is_some());
    assert_eq!(registration.last_failure, None);
    assert_eq!(
        sandbox.webhooks().registration(CLIENT),
        Some(registration.clone())
    );

    let queries = receiver.queries();
    assert_eq!(queries.len(), 1);
    let code = queries[0].strip_prefix("challengeCode=").unwrap();
    assert_eq!(code.len(), 36, "{code}");
    assert_eq!(code.matches('-').count(), 4, "{code}");

    // Revalidation sends a fresh code.
    sandbox.webhooks().revalidate(CLIENT).await.unwrap();
    let queries = receiver.queries();
    assert_eq!(queries.len(), 2);
    assert_ne!(queries[0], queries[1]);
}

#[tokio::test]
async fn child_applications_get_an_application_id() {
    let sandbox = sandbox().await;
    let (receiver, url) = receiver().await;
    let registration = sandbox
        .webhooks()
        .register_child(CLIENT, &url, "4242")
        .await
        .unwrap();
    assert_eq!(registration.application_id.as_deref(), Some("4242"));
    assert!(receiver.queries()[0].ends_with("&applicationId=4242"));
}

#[tokio::test]
async fn handshake_failures_are_typed() {
    let sandbox = sandbox().await;
    let (receiver, url) = receiver().await;
    let webhooks = sandbox.webhooks();

    receiver.set(Mode::WrongSecret);
    let (failure, failures, blocked) =
        handshake_failure(webhooks.register(CLIENT, &url).await.unwrap_err());
    assert_eq!(failure, HandshakeFailure::WrongChallengeResponse);
    assert_eq!((failures, blocked), (1, false));
    // The endpoint is registered, not validated: no deliveries.
    let registration = webhooks.registration(CLIENT).unwrap();
    assert_eq!(registration.status, EndpointStatus::Failing);
    assert_eq!(registration.validated_at, None);
    assert_eq!(
        registration.last_failure,
        Some(HandshakeFailure::WrongChallengeResponse)
    );
    let err = webhooks
        .send(CLIENT, &event(), SendOptions::new())
        .await
        .unwrap_err();
    assert!(matches!(err, WebhookError::NotValidated { .. }), "{err:?}");

    // Another client's secret does not answer for this one either.
    receiver.set(Mode::Correct);
    let (failure, ..) = handshake_failure(webhooks.register("other-app", &url).await.unwrap_err());
    assert_eq!(failure, HandshakeFailure::WrongChallengeResponse);

    receiver.set(Mode::WrongCode);
    let (failure, ..) = handshake_failure(webhooks.register(CLIENT, &url).await.unwrap_err());
    assert!(
        matches!(&failure, HandshakeFailure::WrongChallengeCode { received, .. } if received == "something-else"),
        "{failure:?}"
    );

    receiver.set(Mode::ServerError);
    let (failure, ..) = handshake_failure(webhooks.register(CLIENT, &url).await.unwrap_err());
    assert_eq!(
        failure,
        HandshakeFailure::Status {
            status: StatusCode::INTERNAL_SERVER_ERROR
        }
    );

    receiver.set(Mode::NotJson);
    let (failure, ..) = handshake_failure(webhooks.register(CLIENT, &url).await.unwrap_err());
    assert!(
        matches!(failure, HandshakeFailure::InvalidBody { .. }),
        "{failure:?}"
    );

    // Nothing listening.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let (failure, ..) = handshake_failure(
        webhooks
            .register(CLIENT, &format!("http://{closed}/hook"))
            .await
            .unwrap_err(),
    );
    assert!(
        matches!(
            failure,
            HandshakeFailure::Transport(TransportFailure::Connect { .. })
        ),
        "{failure:?}"
    );
}

#[tokio::test]
async fn handshakes_must_answer_within_three_seconds() {
    let sandbox = sandbox().await;
    let (receiver, url) = receiver().await;
    receiver.set(Mode::Slow);
    let started = std::time::Instant::now();
    let (failure, ..) =
        handshake_failure(sandbox.webhooks().register(CLIENT, &url).await.unwrap_err());
    assert_eq!(
        failure,
        HandshakeFailure::Transport(TransportFailure::Timeout {
            after: linkedin_sandbox::HANDSHAKE_TIMEOUT
        })
    );
    assert!(started.elapsed() < Duration::from_millis(4500));
}

#[tokio::test]
async fn three_failed_handshakes_in_a_row_block_the_endpoint() {
    let sandbox = sandbox().await;
    let (receiver, url) = receiver().await;
    let webhooks = sandbox.webhooks();
    webhooks.register(CLIENT, &url).await.unwrap();

    receiver.set(Mode::ServerError);
    for expected in 1..=3 {
        let (_, failures, blocked) =
            handshake_failure(webhooks.revalidate(CLIENT).await.unwrap_err());
        assert_eq!(failures, expected);
        assert_eq!(blocked, expected == 3);
        let status = webhooks.registration(CLIENT).unwrap().status;
        if expected < 3 {
            // Validated before: deliveries still go out while failing.
            assert_eq!(status, EndpointStatus::Failing);
            let report = webhooks
                .send(CLIENT, &event(), SendOptions::new())
                .await
                .unwrap();
            assert_eq!(report.status(), Some(StatusCode::OK));
        } else {
            assert_eq!(status, EndpointStatus::Blocked);
        }
    }
    let err = webhooks
        .send(CLIENT, &event(), SendOptions::new())
        .await
        .unwrap_err();
    assert!(matches!(err, WebhookError::Blocked { .. }), "{err:?}");
    assert!(err.to_string().contains("blocked"), "{err}");

    // A successful (manual) revalidation unblocks it.
    receiver.set(Mode::Correct);
    let registration = webhooks.revalidate(CLIENT).await.unwrap();
    assert_eq!(registration.status, EndpointStatus::Active);
    assert_eq!(registration.consecutive_failures, 0);
    assert!(
        webhooks
            .send(CLIENT, &event(), SendOptions::new())
            .await
            .unwrap()
            .accepted()
    );
}

#[tokio::test]
async fn signed_deliveries_verify_with_the_client_secret() {
    let sandbox = sandbox().await;
    let (receiver, url) = receiver().await;
    let webhooks = sandbox.webhooks();
    webhooks.register(CLIENT, &url).await.unwrap();

    let report = webhooks
        .send(CLIENT, &event(), SendOptions::new())
        .await
        .unwrap();
    assert_eq!(report.status(), Some(StatusCode::OK));
    assert!(report.accepted());
    assert_eq!(report.event_type, OrganizationSocialAction::EVENT_TYPE);
    assert_eq!(report.notification_ids.len(), 1);
    assert!(!report.wrong_signature);

    let deliveries = receiver.deliveries();
    assert_eq!(deliveries.len(), 1);
    let (headers, body) = &deliveries[0];
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(headers["x-li-signature"], report.signature.as_str());
    assert_eq!(body.as_ref(), report.body.as_bytes());
    // The sandbox signs only through `linkedin_webhooks::sign`, so it follows
    // whatever that produces (LinkedIn's X-LI-Signature:
    // https://learn.microsoft.com/en-us/linkedin/shared/api-guide/webhook-validation).
    assert_eq!(
        report.signature,
        sign(&ClientSecret::new(SECRET), body).unwrap()
    );
    let envelope: Envelope<OrganizationSocialAction> =
        verify_notification(&ClientSecret::new(SECRET), headers, body).unwrap();
    assert_eq!(
        envelope.notification_type.as_deref(),
        Some(OrganizationSocialAction::EVENT_TYPE)
    );
    assert_eq!(
        envelope.notifications[0].notification_id,
        report.notification_ids[0]
    );
    assert_eq!(envelope.notifications[0].event.action, SocialAction::Like);
    // Another client's secret does not verify it.
    assert!(matches!(
        verify_notification::<Envelope>(&ClientSecret::new("other-secret"), headers, body),
        Err(NotificationError::Signature(SignatureError::Mismatch))
    ));

    // Batches, typed events, own ids and event types.
    let batch = vec![
        json!({"notificationId": 77, "action": "COMMENT"}),
        json!({"action": "SHARE"}),
    ];
    let report = webhooks
        .send(CLIENT, &batch, SendOptions::new().event_type("MY_EVENTS"))
        .await
        .unwrap();
    assert_eq!(report.notification_ids[0], "77");
    assert_ne!(report.notification_ids[1], report.notification_ids[0]);
    let (headers, body) = &receiver.deliveries()[1];
    let envelope: Envelope =
        verify_notification(&ClientSecret::new(SECRET), headers, body).unwrap();
    assert_eq!(envelope.notification_type.as_deref(), Some("MY_EVENTS"));
    assert_eq!(envelope.notifications.len(), 2);

    let typed = OrganizationSocialAction {
        organizational_entity: "urn:li:organization:7".into(),
        action: SocialAction::ShareMention,
        source_post: None,
        decorated_source_post: None,
        generated_activity: None,
        decorated_generated_activity: None,
        last_modified_at: Some(1_700_000_000_000),
        subscriber: None,
    };
    let report = webhooks
        .send(CLIENT, &typed, SendOptions::new())
        .await
        .unwrap();
    assert!(report.accepted());
    assert_eq!(webhooks.registration(CLIENT).unwrap().deliveries, 3);
}

#[tokio::test]
async fn wrong_signatures_fail_verification() {
    let sandbox = sandbox().await;
    let (receiver, url) = receiver().await;
    let webhooks = sandbox.webhooks();
    webhooks.register(CLIENT, &url).await.unwrap();

    let report = webhooks
        .send(CLIENT, &event(), SendOptions::new().wrong_signature(true))
        .await
        .unwrap();
    assert!(report.wrong_signature);
    assert_eq!(report.status(), Some(StatusCode::UNAUTHORIZED));
    assert!(!report.accepted());
    let (headers, body) = &receiver.deliveries()[0];
    // Well-formed (shaped as `linkedin_webhooks::sign` shapes signatures),
    // but not the secret's signature of the body.
    assert_eq!(headers["x-li-signature"], report.signature.as_str());
    let genuine = sign(&ClientSecret::new(SECRET), body).unwrap();
    assert_ne!(report.signature, genuine);
    assert_eq!(report.signature.len(), genuine.len());
    let err =
        verify_notification::<Envelope>(&ClientSecret::new(SECRET), headers, body).unwrap_err();
    assert!(
        matches!(err, NotificationError::Signature(SignatureError::Mismatch)),
        "{err:?}"
    );
}

#[tokio::test]
async fn duplicates_carry_the_same_notification_id() {
    let sandbox = sandbox().await;
    let (receiver, url) = receiver().await;
    let webhooks = sandbox.webhooks();
    webhooks.register(CLIENT, &url).await.unwrap();

    let report = webhooks
        .send(CLIENT, &event(), SendOptions::new().duplicate(true))
        .await
        .unwrap();
    assert_eq!(report.attempts.len(), 2);
    assert_eq!(
        report.statuses(),
        [Some(StatusCode::OK), Some(StatusCode::OK)]
    );
    let deliveries = receiver.deliveries();
    assert_eq!(deliveries.len(), 2);
    let secret = ClientSecret::new(SECRET);
    let ids: Vec<_> = deliveries
        .iter()
        .map(|(headers, body)| {
            let envelope: Envelope = verify_notification(&secret, headers, body).unwrap();
            envelope.notifications[0].notification_id.clone()
        })
        .collect();
    assert_eq!(ids[0], ids[1]);
    assert_eq!(ids[0], report.notification_ids[0]);
    assert_eq!(deliveries[0].1, deliveries[1].1);

    // The next send gets a new id.
    let next = webhooks
        .send(CLIENT, &event(), SendOptions::new())
        .await
        .unwrap();
    assert_ne!(next.notification_ids[0], ids[0]);
}

#[tokio::test]
async fn only_loopback_urls_and_known_clients() {
    let sandbox = sandbox().await;
    let webhooks = sandbox.webhooks();
    for url in [
        "https://127.0.0.1/hook",
        "http://example.com/hook",
        "http://192.168.1.10:8080/hook",
    ] {
        let err = webhooks.register(CLIENT, url).await.unwrap_err();
        assert!(
            matches!(err, WebhookError::NotLoopback { .. }),
            "{url}: {err:?}"
        );
    }
    let err = webhooks.register(CLIENT, "::nonsense").await.unwrap_err();
    assert!(matches!(err, WebhookError::InvalidUrl { .. }), "{err:?}");
    assert!(webhooks.registrations().is_empty());

    let err = webhooks
        .register("nobody", "http://127.0.0.1:1/hook")
        .await
        .unwrap_err();
    assert!(matches!(err, WebhookError::UnknownClient { .. }), "{err:?}");
    let err = webhooks.revalidate(CLIENT).await.unwrap_err();
    assert!(matches!(err, WebhookError::NotRegistered { .. }), "{err:?}");
    let err = webhooks
        .send(CLIENT, &event(), SendOptions::new())
        .await
        .unwrap_err();
    assert!(matches!(err, WebhookError::NotRegistered { .. }), "{err:?}");
}

#[tokio::test]
async fn bad_payloads_are_refused_before_sending() {
    let sandbox = sandbox().await;
    let (receiver, url) = receiver().await;
    let webhooks = sandbox.webhooks();
    webhooks.register(CLIENT, &url).await.unwrap();
    for payload in [
        json!(1),
        json!([]),
        serde_json::Value::Array(vec![event(); 11]),
    ] {
        let err = webhooks
            .send(CLIENT, &payload, SendOptions::new())
            .await
            .unwrap_err();
        assert!(
            matches!(err, WebhookError::InvalidPayload { .. }),
            "{err:?}"
        );
    }
    assert!(receiver.deliveries().is_empty());
}

#[tokio::test]
async fn unanswered_deliveries_are_reported_not_errors() {
    let sandbox = sandbox().await;
    let webhooks = sandbox.webhooks();
    // A receiver that validates, then goes away before the delivery.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let receiver = Receiver {
        mode: Arc::new(Mutex::new(Mode::Correct)),
        seen: Arc::default(),
    };
    let app = Router::new()
        .route("/hook", get(validate))
        .with_state(receiver);
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    webhooks
        .register(CLIENT, &format!("http://{addr}/hook"))
        .await
        .unwrap();
    server.abort();
    let _ = server.await;
    let report = webhooks
        .send(CLIENT, &event(), SendOptions::new())
        .await
        .unwrap();
    assert_eq!(report.status(), None);
    assert!(!report.accepted());
    assert!(report.attempts[0].outcome.is_err());
}

#[tokio::test]
async fn http_control_routes() {
    let sandbox = sandbox().await;
    let (receiver, url) = receiver().await;
    let admin = format!("Bearer {}", sandbox.admin_token());
    let post = |path: &str, body: serde_json::Value| {
        http::Request::post(path)
            .header("content-type", "application/json")
            .header("authorization", admin.as_str())
            .body(body.to_string().into_bytes())
            .unwrap()
    };
    // `clientId` defaults to the first client.
    let response = common::send(
        sandbox.addr(),
        post("/sandbox/webhooks", json!({"url": url})),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 200, "{:?}", common::json(&response));
    let registration = common::json(&response);
    assert_eq!(registration["clientId"], CLIENT);
    assert_eq!(registration["status"], "ACTIVE");

    let response = common::send(
        sandbox.addr(),
        post(
            "/sandbox/webhooks/send",
            json!({"notifications": event(), "duplicate": true}),
        ),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 200);
    let report = common::json(&response);
    assert_eq!(report["accepted"], true);
    assert_eq!(report["attempts"].as_array().unwrap().len(), 2);
    assert_eq!(report["attempts"][0]["status"], 200);
    assert_eq!(receiver.deliveries().len(), 2);

    let response = common::send(
        sandbox.addr(),
        post(
            "/sandbox/webhooks/send",
            json!({"notifications": event(), "wrongSignature": true}),
        ),
    )
    .await
    .unwrap();
    assert_eq!(common::json(&response)["attempts"][0]["status"], 401);

    receiver.set(Mode::ServerError);
    let response = common::send(
        sandbox.addr(),
        post("/sandbox/webhooks/revalidate", json!({})),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 502);
    assert_eq!(common::json(&response)["code"], "WEBHOOK_VALIDATION_FAILED");

    let response = common::send(
        sandbox.addr(),
        post("/sandbox/webhooks", json!({"url": "http://example.com/"})),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(common::json(&response)["code"], "WEBHOOK_URL_NOT_LOOPBACK");

    let list = http::Request::get("/sandbox/webhooks")
        .header("authorization", admin.as_str())
        .body(Vec::new())
        .unwrap();
    let response = common::send(sandbox.addr(), list).await.unwrap();
    let list = common::json(&response);
    assert_eq!(list["registrations"][0]["status"], "FAILING");
    assert_eq!(list["registrations"][0]["consecutiveFailures"], 1);
    // Control routes are not counted as API traffic.
    assert_eq!(sandbox.stats().total(), 0);
}

/// The control routes make the sandbox call URLs and sign with client
/// secrets: without the admin token they answer 401 and do nothing.
#[tokio::test]
async fn control_routes_need_the_admin_token() {
    let sandbox = sandbox().await;
    let (receiver, url) = receiver().await;
    let register = |authorization: Option<&str>| {
        let mut request =
            http::Request::post("/sandbox/webhooks").header("content-type", "application/json");
        if let Some(value) = authorization {
            request = request.header("authorization", value);
        }
        request
            .body(json!({"url": url}).to_string().into_bytes())
            .unwrap()
    };
    for authorization in [
        None,
        Some("Bearer wrong-token"),
        Some(format!("Bearer {}", sandbox.access_token())).as_deref(),
        Some(sandbox.admin_token()),
    ] {
        let response = common::send(sandbox.addr(), register(authorization))
            .await
            .unwrap();
        assert_eq!(response.status(), 401, "{authorization:?}");
        assert_eq!(common::json(&response)["code"], "ADMIN_TOKEN_REQUIRED");
    }
    for path in ["/sandbox/webhooks/send", "/sandbox/webhooks/revalidate"] {
        let request = http::Request::post(path)
            .header("content-type", "application/json")
            .body(b"{}".to_vec())
            .unwrap();
        let response = common::send(sandbox.addr(), request).await.unwrap();
        assert_eq!(response.status(), 401, "{path}");
    }
    let list = http::Request::get("/sandbox/webhooks")
        .body(Vec::new())
        .unwrap();
    assert_eq!(
        common::send(sandbox.addr(), list).await.unwrap().status(),
        401
    );
    assert!(sandbox.webhooks().registrations().is_empty());
    assert!(receiver.queries().is_empty());

    let admin = format!("Bearer {}", sandbox.admin_token());
    let response = common::send(sandbox.addr(), register(Some(&admin)))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    // The API token and the admin token are different things.
    assert_ne!(sandbox.admin_token(), sandbox.access_token());
}

#[tokio::test]
async fn secrets_never_print() {
    let sandbox = sandbox().await;
    let (receiver, url) = receiver().await;
    let webhooks = sandbox.webhooks();
    let mut printed = Vec::new();

    let registration = webhooks.register(CLIENT, &url).await.unwrap();
    printed.push(format!("{registration:?}"));
    for options in [
        SendOptions::new(),
        SendOptions::new().wrong_signature(true).duplicate(true),
    ] {
        printed.push(format!("{options:?}"));
        let report = webhooks.send(CLIENT, &event(), options).await.unwrap();
        printed.push(format!("{report:?}"));
    }
    for mode in [
        Mode::WrongSecret,
        Mode::WrongCode,
        Mode::NotJson,
        Mode::ServerError,
    ] {
        receiver.set(mode);
        let err = webhooks.revalidate(CLIENT).await.unwrap_err();
        printed.push(format!("{err:?}"));
        printed.push(err.to_string());
        if let WebhookError::Handshake { failure, .. } = &err {
            printed.push(failure.to_string());
        }
    }
    let err = webhooks
        .send(CLIENT, &event(), SendOptions::new())
        .await
        .unwrap_err();
    printed.push(format!("{err:?}"));
    printed.push(err.to_string());
    printed.push(format!("{:?}", webhooks.registration(CLIENT)));
    printed.push(format!("{webhooks:?}"));
    printed.push(format!("{sandbox:?}"));

    let response = common::send(
        sandbox.addr(),
        http::Request::get("/sandbox/webhooks")
            .header("authorization", format!("Bearer {}", sandbox.admin_token()))
            .body(Vec::new())
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 200);
    printed.push(String::from_utf8_lossy(response.body()).into_owned());

    for text in &printed {
        assert!(!text.contains(SECRET), "secret printed in: {text}");
    }
}
