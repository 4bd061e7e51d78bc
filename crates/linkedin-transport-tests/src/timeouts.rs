//! Servers that never answer, connections that break in the middle of an
//! answer or cannot be made, and bodies over the limit.

use std::time::{Duration, Instant};

use linkedin_client_core::Error;
use linkedin_test_support::{HostileServer, Script};
use restli_codec::Request;
use restli_codec::response::{CreateResponse, EntityResponse};
use restli_codec::retry::{RetryPolicy, TransportFailure};
use serde_json::json;

use crate::wire::{self, close_in_head, hang, json as answer};
use crate::{Setup, Transport, logs};

const TOKEN: &str = "AQV-timeout-token-2b7d";

fn setup(server: &HostileServer) -> Setup {
    Setup::new(&server.origin()).token(TOKEN)
}

fn client<T: Transport>(server: &HostileServer) -> T {
    T::build(setup(server)).expect("client")
}

fn attempts(err: &Error) -> usize {
    match err {
        Error::Transport(failed) => failed.attempts() as usize,
        other => panic!("expected a transport error, got {other:?}"),
    }
}

/// A server that never answers fails the call with a timeout, within the
/// per-attempt bound, with a message saying which setting to raise.
pub fn a_server_that_never_answers_times_out_within_the_bound<T: Transport>() {
    logs::init();
    let server = wire::serve(|_, _| hang());
    let timeout = Duration::from_millis(400);
    let client =
        T::build(setup(&server).timeout(timeout).retry(RetryPolicy::none())).expect("client");

    let started = Instant::now();
    let err = client
        .send::<EntityResponse>(Request::get("/things"))
        .expect_err("a timeout");
    let elapsed = started.elapsed();

    assert!(err.is_timeout(), "expected a timeout, got {err:?}");
    assert!(elapsed >= timeout, "gave up after {elapsed:?}");
    assert!(
        elapsed < timeout + Duration::from_millis(1200),
        "took {elapsed:?} for a {timeout:?} timeout"
    );
    assert_eq!(attempts(&err), 1);
    assert!(err.to_string().contains("timed out"), "{err}");
    assert!(err.to_string().contains("ClientBuilder::timeout"), "{err}");
    assert_eq!(server.request_count(), 1);
    logs::assert_hidden(&[TOKEN]);
}

/// Each attempt of a GET has its own timeout; timed-out GETs are retried
/// and counted, and the whole call stays bounded.
pub fn each_attempt_of_a_get_has_its_own_timeout_and_the_total_stays_bounded<T: Transport>() {
    let server = wire::serve(|_, _| hang());
    let timeout = Duration::from_millis(200);
    let client = T::build(
        setup(&server).timeout(timeout).retry(
            RetryPolicy::default()
                .max_attempts(3)
                .base_delay(Duration::from_millis(10))
                .max_delay(Duration::from_millis(20)),
        ),
    )
    .expect("client");

    let started = Instant::now();
    let err = client
        .send::<EntityResponse>(Request::get("/me"))
        .expect_err("timeouts");
    let elapsed = started.elapsed();

    assert!(err.is_timeout(), "{err}");
    assert_eq!(attempts(&err), 3);
    assert_eq!(server.request_count(), 3, "a timed-out GET is retried");
    // 3 attempts of 200 ms and at most 2 waits of 20 ms, plus slack.
    assert!(elapsed >= timeout * 3, "{elapsed:?}");
    assert!(
        elapsed < timeout * 3 + Duration::from_millis(1200),
        "{elapsed:?}"
    );
}

/// A connection closed in the middle of the body of a GET's answer is
/// retried.
pub fn a_connection_closed_mid_response_is_retried_for_get<T: Transport>() {
    let server = wire::serve(|_, n| match n {
        0 => Script::close_mid_body(200, 100, br#"{"id": 4, "na"#),
        _ => answer(200, &json!({"id": 4, "name": "whole"})),
    });
    let client: T = client(&server);
    let one: EntityResponse = client
        .send(Request::get("/things/{id}").key("id", &4))
        .expect("the second answer");
    assert_eq!(one.entity["name"], "whole");
    assert_eq!(server.request_count(), 2);
}

/// A CREATE whose answer breaks off may have happened: a transport error
/// after one attempt, naming the URL.
pub fn a_connection_closed_mid_response_to_create_is_a_transport_error<T: Transport>() {
    logs::init();
    let server = wire::serve(|_, _| Script::close_mid_body(201, 100, br#"{"id": "#));
    let client: T = client(&server);

    let err = client
        .send::<CreateResponse>(Request::create("/things", &json!({"name": "maybe"})))
        .expect_err("a broken answer");

    match &err {
        Error::Transport(failed) => {
            assert_eq!(failed.failure(), TransportFailure::ConnectionReset);
            assert_eq!(failed.attempts(), 1);
            assert_eq!(failed.url(), format!("{}/v2/things", server.origin()));
        }
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert_eq!(server.request_count(), 1, "a CREATE is never repeated");
    assert!(
        err.to_string().contains("closed before the whole response"),
        "{err}"
    );
    logs::assert_hidden(&[TOKEN]);
}

/// A connection closed in the middle of the status line and headers is a
/// reset too.
pub fn a_connection_closed_in_the_head_is_a_reset_too<T: Transport>() {
    let server = wire::serve(|_, _| close_in_head());
    let client: T = client(&server);
    let err = client
        .send::<CreateResponse>(Request::create("/adAccounts", &json!({"name": "Acme"})))
        .expect_err("a broken head");
    assert_eq!(
        err.transport_failure(),
        Some(TransportFailure::ConnectionReset),
        "{err:?}"
    );
    assert_eq!(server.request_count(), 1);
}

/// Nothing listening is a connect error that says so.
pub fn a_refused_connection_is_a_connect_error<T: Transport>() {
    // Bind then drop, so nothing listens on the port.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let client = T::build(
        Setup::new(&format!("http://127.0.0.1:{port}"))
            .token(TOKEN)
            .retry(RetryPolicy::none()),
    )
    .expect("client");
    let err = client
        .send::<EntityResponse>(Request::get("/things"))
        .expect_err("refused");
    assert_eq!(
        err.transport_failure(),
        Some(TransportFailure::Connect),
        "{err:?}"
    );
    assert!(err.to_string().contains("could not connect"), "{err}");
}

/// A body over the configured limit is refused, with a message naming the
/// limit, and not retried.
pub fn a_body_over_the_size_limit_is_refused<T: Transport>() {
    let server = wire::serve(|_, _| answer(200, &json!({"blob": "x".repeat(4096)})));
    let client = T::build(setup(&server).max_body_size(1024)).expect("client");
    let err = client
        .send::<EntityResponse>(Request::get("/big"))
        .expect_err("too big");
    assert_eq!(
        err.transport_failure(),
        Some(TransportFailure::BodyTooLarge),
        "{err:?}"
    );
    // Both stacks say the same: the limit, and how to raise it.
    assert!(
        err.to_string().contains(
            "the response body is larger than 1024 bytes; raise the limit with \
             `HttpClient::max_body_size` if this is expected"
        ),
        "{err}"
    );
    assert_eq!(server.request_count(), 1, "not retried");
}
