//! Which answers are retried, for which methods, how often and after how
//! long (the span each call leaves is checked in `spans`).
//!
//! LinkedIn's throttling answers (429, `Retry-After` when present):
//! <https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits>.

use std::time::{Duration, Instant};

use linkedin_test_support::HostileServer;
use restli_codec::response::{CreateResponse, EntityResponse};
use restli_codec::{Request, RetryPolicy};
use serde_json::json;

use crate::wire::{self, json as answer, json_with, status, status_of, with_headers};
use crate::{Setup, Transport, logs};

const TOKEN: &str = "AQV-retry-token-91c3";

fn setup(server: &HostileServer) -> Setup {
    Setup::new(&server.origin()).token(TOKEN)
}

fn client<T: Transport>(server: &HostileServer) -> T {
    T::build(setup(server)).expect("client")
}

/// A 429 with `Retry-After: 1` is retried, after at least a second.
pub fn a_429_with_retry_after_is_retried_after_at_least_that_long<T: Transport>() {
    logs::init();
    let server = wire::serve(|_, n| match n {
        0 => json_with(
            429,
            &[("retry-after", "1")],
            &json!({"status": 429, "message": "Resource level throttle limit reached"}),
        ),
        _ => answer(200, &json!({"id": "abc"})),
    });
    let client: T = client(&server);

    let started = Instant::now();
    let me: EntityResponse = client.send(Request::get("/me")).expect("retried");
    let elapsed = started.elapsed();

    assert_eq!(me.entity["id"], "abc");
    assert!(
        elapsed >= Duration::from_secs(1),
        "retried after {elapsed:?}"
    );
    assert!(elapsed < Duration::from_secs(4), "took {elapsed:?}");
    assert_eq!(server.request_count(), 2, "one 429, then the retry");
    logs::assert_hidden(&[TOKEN]);
}

/// A 429 means the request was not processed: even a CREATE is retried.
pub fn a_429_is_retried_even_for_create<T: Transport>() {
    let server = wire::serve(|_, n| match n {
        0 => with_headers(429, &[("retry-after", "0")]),
        _ => with_headers(201, &[("x-restli-id", "5")]),
    });
    let client: T = client(&server);
    let created: CreateResponse<u64> = client
        .send(Request::create("/things", &json!({})))
        .expect("created after the 429");
    assert_eq!(created.id, Some(5));
    assert_eq!(server.request_count(), 2);
    assert!(server.requests().iter().all(|r| r.method == "POST"));
}

/// A CREATE answered 429 every time stops after exactly `max_attempts`.
pub fn a_429_for_create_stops_when_attempts_run_out<T: Transport>() {
    let server = wire::serve(|_, _| {
        json_with(
            429,
            &[("retry-after", "0")],
            &json!({"status": 429, "message": "throttled"}),
        )
    });
    let client =
        T::build(setup(&server).retry(crate::fast_retries().max_attempts(3))).expect("client");
    let err = client
        .send::<CreateResponse>(Request::create("/posts", &json!({"commentary": "hi"})))
        .expect_err("throttled");
    assert_eq!(status_of(&err), Some(429));
    assert_eq!(server.request_count(), 3, "exactly max_attempts requests");
}

/// A CREATE answered 500 may have happened: it is never repeated.
pub fn a_create_answered_with_500_is_not_retried<T: Transport>() {
    logs::init();
    let server = wire::serve(|_, _| answer(500, &json!({"status": 500, "message": "boom"})));
    let client: T = client(&server);
    let err = client
        .send::<CreateResponse>(Request::create("/things", &json!({"name": "once"})))
        .expect_err("a 500");
    assert_eq!(err.api_error().map(|e| e.status().as_u16()), Some(500));
    assert_eq!(server.request_count(), 1, "a CREATE is never repeated");
    logs::assert_hidden(&[TOKEN]);
}

/// A GET answered 503 twice is sent again, the same way, until the entity
/// comes.
pub fn a_get_answered_with_503_is_retried_until_it_succeeds<T: Transport>() {
    let server = wire::serve(|_, n| {
        if n < 2 {
            status(503)
        } else {
            answer(200, &json!({"id": 3, "name": "third time"}))
        }
    });
    let client: T = client(&server);
    let one: EntityResponse = client
        .send(Request::get("/things/{id}").key("id", &3))
        .expect("the answer after two 503s");
    assert_eq!(one.entity, json!({"id": 3, "name": "third time"}));
    assert_eq!(one.meta.status(), 200);
    let seen = server.requests();
    assert_eq!(seen.len(), 3, "two 503s, then the answer");
    assert!(
        seen.iter()
            .all(|r| r.method == "GET" && r.target == "/v2/things/3"),
        "every attempt is the same GET: {seen:?}"
    );
}

/// A GET answered 503 every time stops after `max_attempts`, with the last
/// answer's error.
pub fn a_get_that_keeps_failing_stops_after_max_attempts_with_the_last_answer<T: Transport>() {
    let server = wire::serve(|_, _| answer(503, &json!({"status": 503, "message": "try later"})));
    let client = T::build(
        setup(&server).retry(
            RetryPolicy::default()
                .max_attempts(4)
                .base_delay(Duration::from_millis(5))
                .max_delay(Duration::from_millis(20)),
        ),
    )
    .expect("client");
    let err = client
        .send::<EntityResponse>(Request::get("/me"))
        .expect_err("503s");
    assert_eq!(err.api_error().and_then(|e| e.message()), Some("try later"));
    assert_eq!(status_of(&err), Some(503));
    assert_eq!(server.request_count(), 4);
}

/// A `Retry-After` of an hour is beyond the policy: the 429 is returned at
/// once.
pub fn a_retry_after_longer_than_the_policy_allows_is_not_waited_for<T: Transport>() {
    let server = wire::serve(|_, _| with_headers(429, &[("retry-after", "3600")]));
    let client: T = client(&server);
    let started = Instant::now();
    let err = client
        .send::<EntityResponse>(Request::get("/me"))
        .expect_err("a 429");
    assert_eq!(status_of(&err), Some(429));
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(server.request_count(), 1);
}
