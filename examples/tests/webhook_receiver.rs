//! The `webhook_receiver` example: its sandbox-driven demo over loopback,
//! and its router's answers to forged, duplicate and malformed requests.

#[path = "../webhook_receiver.rs"]
#[allow(dead_code)]
mod webhook_receiver;

use axum::body::{Body, to_bytes};
use http::{Request, StatusCode};
use linkedin_webhooks::{ChallengeResponse, ClientSecret, sign};
use tower::ServiceExt;
use webhook_receiver::{Counts, PATH, Receiver};

const SECRET: &str = "receiver-test-secret";

#[tokio::test]
async fn the_demo_counts_forged_and_duplicate_deliveries() {
    let counts = webhook_receiver::run_demo(false).await.unwrap();
    assert_eq!(
        counts,
        Counts {
            validations: 1,
            accepted: 4,
            forged: 1,
            duplicates: 1,
            invalid: 0,
        }
    );
}

async fn call(receiver: &Receiver, request: Request<Body>) -> (StatusCode, Vec<u8>) {
    let response = receiver.router().oneshot(request).await.unwrap();
    let status = response.status();
    let body = to_bytes(response.into_body(), 1 << 16).await.unwrap();
    (status, body.to_vec())
}

fn post(body: &[u8], signature: Option<String>) -> Request<Body> {
    let mut request = Request::post(PATH).header("content-type", "application/json");
    if let Some(signature) = signature {
        request = request.header("x-li-signature", signature);
    }
    request.body(Body::from(body.to_vec())).unwrap()
}

#[tokio::test]
async fn the_router_validates_verifies_and_deduplicates() {
    let secret = ClientSecret::new(SECRET);
    let receiver = Receiver::new(secret.clone(), true);

    let (status, body) = call(
        &receiver,
        Request::get(format!("{PATH}?challengeCode=abc-123"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let answer: ChallengeResponse = serde_json::from_slice(&body).unwrap();
    assert!(answer.verify(&secret, "abc-123"));
    let (status, _) = call(&receiver, Request::get(PATH).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let body = br#"{"type":"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS","notifications":[
        {"notificationId":1,"action":"LIKE"},{"notificationId":2,"action":"SHARE"}]}"#;
    let signed = || Some(sign(&secret, body).unwrap());
    assert_eq!(
        call(&receiver, post(body, signed())).await.0,
        StatusCode::OK
    );
    assert_eq!(
        call(&receiver, post(body, signed())).await.0,
        StatusCode::OK
    );
    let forged = Some(sign(&ClientSecret::new("not-it"), body).unwrap());
    assert_eq!(
        call(&receiver, post(body, forged)).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        call(&receiver, post(body, None)).await.0,
        StatusCode::UNAUTHORIZED
    );
    let garbage = b"not json";
    assert_eq!(
        call(
            &receiver,
            post(garbage, Some(sign(&secret, garbage).unwrap()))
        )
        .await
        .0,
        StatusCode::BAD_REQUEST
    );

    assert_eq!(
        receiver.counts(),
        Counts {
            validations: 1,
            accepted: 2,
            forged: 2,
            duplicates: 2,
            invalid: 1,
        }
    );
}
