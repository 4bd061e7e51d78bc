//! Which answers are retried, for which methods, how often and after how
//! long.

mod common;

use std::time::{Duration, Instant};

use common::{Reply, Server};
use linkedin_reqwest::Request;
use linkedin_reqwest::restli::response::EntityResponse;
use linkedin_reqwest::restli::retry::RetryPolicy;
use serde_json::{Value, json};

#[tokio::test]
async fn a_429_with_retry_after_is_retried_after_at_least_that_long() {
    let server = Server::start(|_, n| match n {
        0 => Reply::json(
            429,
            json!({"status": 429, "message": "Resource level throttle limit reached"}),
        )
        .header("retry-after", "1"),
        _ => Reply::json(200, json!({"id": "abc"})),
    })
    .await;
    let client = server.client().build().unwrap();

    let started = Instant::now();
    let me: EntityResponse = client.send(Request::get("/me")).await.unwrap();
    let elapsed = started.elapsed();

    assert_eq!(me.entity["id"], "abc");
    assert!(
        elapsed >= Duration::from_secs(1),
        "retried after {elapsed:?}"
    );
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
    assert_eq!(server.received().len(), 2, "one 429, then the retry");
}

#[tokio::test]
async fn a_429_is_retried_even_for_create_until_attempts_run_out() {
    let server = Server::start(|_, _| {
        Reply::json(429, json!({"status": 429, "message": "throttled"})).header("retry-after", "0")
    })
    .await;
    let client = server
        .client()
        .retry_policy(RetryPolicy::default().max_attempts(3))
        .build()
        .unwrap();

    let err = client
        .send::<_, linkedin_reqwest::restli::CreateResponse<Value>>(Request::create(
            "/posts",
            &json!({"commentary": "hi"}),
        ))
        .await
        .unwrap_err();

    assert_eq!(err.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(server.received().len(), 3, "exactly max_attempts requests");
}

#[tokio::test]
async fn a_create_answered_with_500_is_not_retried() {
    let server = Server::start(|_, _| {
        Reply::json(
            500,
            json!({"status": 500, "message": "Internal Server Error"}),
        )
    })
    .await;
    let client = server.client().build().unwrap();

    let err = client
        .send::<_, linkedin_reqwest::restli::CreateResponse<Value>>(Request::create(
            "/posts",
            &json!({"commentary": "hi"}),
        ))
        .await
        .unwrap_err();

    assert_eq!(err.api_error().map(|e| e.status().as_u16()), Some(500));
    assert_eq!(
        server.received().len(),
        1,
        "a CREATE may have happened: never repeat it"
    );
}

#[tokio::test]
async fn a_get_answered_with_503_is_retried() {
    let server = Server::start(|_, n| match n {
        0 | 1 => Reply::status(503),
        _ => Reply::json(200, json!({"id": 1})),
    })
    .await;
    let client = server.client().build().unwrap();

    let entity: EntityResponse<Value> = client
        .send(Request::get("/adAccounts/{id}").key("id", &1))
        .await
        .unwrap();

    assert_eq!(entity.meta.status(), 200);
    assert_eq!(entity.entity, json!({"id": 1}));
    assert_eq!(server.received().len(), 3, "two 503s, then the answer");
}

#[tokio::test]
async fn a_get_that_keeps_failing_stops_after_max_attempts_with_the_last_answer() {
    let server =
        Server::start(|_, _| Reply::json(503, json!({"status": 503, "message": "try later"})))
            .await;
    let client = server
        .client()
        .retry_policy(
            RetryPolicy::default()
                .max_attempts(4)
                .base_delay(Duration::from_millis(5)),
        )
        .build()
        .unwrap();

    let err = client
        .send::<_, linkedin_reqwest::restli::EntityResponse<Value>>(Request::get("/me"))
        .await
        .unwrap_err();

    assert_eq!(err.api_error().and_then(|e| e.message()), Some("try later"));
    assert_eq!(server.received().len(), 4);
}

#[tokio::test]
async fn a_retry_after_longer_than_the_policy_allows_is_not_waited_for() {
    let server = Server::start(|_, _| Reply::status(429).header("retry-after", "3600")).await;
    let client = server.client().build().unwrap();

    let started = Instant::now();
    let err = client
        .send::<_, linkedin_reqwest::restli::EntityResponse<Value>>(Request::get("/me"))
        .await
        .unwrap_err();

    assert_eq!(err.status().map(|s| s.as_u16()), Some(429));
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(server.received().len(), 1);
}
