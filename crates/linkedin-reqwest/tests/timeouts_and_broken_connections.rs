//! A server that never answers, or that breaks the connection in the middle
//! of a response.

mod common;

use std::time::{Duration, Instant};

use common::{Reply, Server};
use linkedin_reqwest::restli::response::EntityResponse;
use linkedin_reqwest::restli::retry::{RetryPolicy, TransportFailure};
use linkedin_reqwest::{Error, Request};
use serde_json::{Value, json};

#[tokio::test]
async fn a_server_that_never_answers_fails_with_a_timeout_within_the_bound() {
    let server = Server::start(|_, _| Reply::Hang).await;
    let timeout = Duration::from_millis(300);
    let client = server
        .client()
        .timeout(timeout)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();

    let started = Instant::now();
    let err = client
        .send::<_, linkedin_reqwest::restli::EntityResponse<Value>>(Request::get("/me"))
        .await
        .unwrap_err();
    let elapsed = started.elapsed();

    assert!(err.is_timeout(), "{err}");
    assert!(elapsed >= timeout, "gave up after {elapsed:?}");
    assert!(
        elapsed < timeout + Duration::from_millis(700),
        "took {elapsed:?}"
    );
    match &err {
        Error::Transport(failed) => assert_eq!(failed.attempts(), 1),
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert!(err.to_string().contains("timed out"), "{err}");
    assert!(err.to_string().contains("ClientBuilder::timeout"), "{err}");
}

#[tokio::test]
async fn each_attempt_of_a_get_has_its_own_timeout_and_the_total_stays_bounded() {
    let server = Server::start(|_, _| Reply::Hang).await;
    let timeout = Duration::from_millis(200);
    let client = server
        .client()
        .timeout(timeout)
        .retry_policy(
            RetryPolicy::default()
                .max_attempts(3)
                .base_delay(Duration::from_millis(10))
                .max_delay(Duration::from_millis(20)),
        )
        .build()
        .unwrap();

    let started = Instant::now();
    let err = client
        .send::<_, linkedin_reqwest::restli::EntityResponse<Value>>(Request::get("/me"))
        .await
        .unwrap_err();
    let elapsed = started.elapsed();

    assert!(err.is_timeout(), "{err}");
    assert_eq!(server.received().len(), 3, "a timed-out GET is retried");
    // 3 attempts of 200 ms and at most 2 waits of 20 ms, plus slack.
    assert!(elapsed >= timeout * 3, "{elapsed:?}");
    assert!(
        elapsed < timeout * 3 + Duration::from_millis(800),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn a_connection_broken_mid_response_is_retried_for_get() {
    let server = Server::start(|_, n| match n {
        0 => Reply::BreakMidBody,
        _ => Reply::json(200, json!({"id": 1, "name": "Acme"})),
    })
    .await;
    let client = server.client().build().unwrap();

    let account: EntityResponse = client
        .send(Request::get("/adAccounts/{id}").key("id", &1))
        .await
        .unwrap();

    assert_eq!(account.entity["name"], "Acme");
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn a_connection_broken_mid_response_surfaces_as_a_transport_error_for_create() {
    let server = Server::start(|_, _| Reply::BreakMidBody).await;
    let client = server.client().build().unwrap();

    let err = client
        .send::<_, linkedin_reqwest::restli::CreateResponse<i64>>(Request::create(
            "/adAccounts",
            &json!({"name": "Acme"}),
        ))
        .await
        .unwrap_err();

    assert_eq!(
        err.transport_failure(),
        Some(TransportFailure::ConnectionReset),
        "{err:?}"
    );
    match &err {
        Error::Transport(failed) => assert_eq!(failed.attempts(), 1),
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert_eq!(server.received().len(), 1, "a CREATE is never repeated");
}

#[tokio::test]
async fn a_refused_connection_is_a_connect_error() {
    // Bind, note the port, close: nothing listens there any more.
    let addr = {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        listener.local_addr().unwrap()
    };
    let client = linkedin_reqwest::Client::builder()
        .endpoint(
            linkedin_reqwest::restli::Endpoint::from_origin(&format!("http://{addr}")).unwrap(),
        )
        .access_token(linkedin_reqwest::oauth::AccessToken::new(common::TOKEN))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();

    let err = client
        .send::<_, linkedin_reqwest::restli::EntityResponse<Value>>(Request::get("/me"))
        .await
        .unwrap_err();

    assert_eq!(
        err.transport_failure(),
        Some(TransportFailure::Connect),
        "{err:?}"
    );
    assert!(err.to_string().contains("could not connect"), "{err}");
}

#[tokio::test]
async fn a_connection_closed_in_the_middle_of_the_head_is_a_reset_too() {
    let server = Server::start(|_, _| Reply::BreakInHead).await;
    let client = server.client().build().unwrap();

    let err = client
        .send::<_, linkedin_reqwest::restli::CreateResponse<i64>>(Request::create(
            "/adAccounts",
            &json!({"name": "Acme"}),
        ))
        .await
        .unwrap_err();

    assert_eq!(
        err.transport_failure(),
        Some(TransportFailure::ConnectionReset),
        "{err:?}"
    );
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn a_body_over_the_size_limit_is_refused() {
    let server = Server::start(|_, _| Reply::json(200, json!({"blob": "x".repeat(4096)}))).await;
    let http = linkedin_reqwest::Reqwest::new()
        .unwrap()
        .max_body_size(1024);
    let client = server.client().build_with(http);

    let err = client
        .send::<_, linkedin_reqwest::restli::EntityResponse<Value>>(Request::get("/big"))
        .await
        .unwrap_err();

    assert_eq!(
        err.transport_failure(),
        Some(TransportFailure::Other),
        "{err:?}"
    );
    assert!(err.to_string().contains("larger than 1024 bytes"), "{err}");
    assert_eq!(server.received().len(), 1, "not retried");
}
