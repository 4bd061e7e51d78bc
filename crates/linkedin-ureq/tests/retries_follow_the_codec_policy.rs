//! Retries over real sockets: throttling, 5xx by idempotency, lost
//! connections, timeouts.

mod support;

use std::time::{Duration, Instant};

use linkedin_ureq::Error;
use restli_codec::response::{CreateResponse, EntityResponse};
use restli_codec::retry::TransportFailure;
use restli_codec::{Request, RetryPolicy};
use serde_json::{Value, json};
use support::{Reply, Server};

const TOKEN: &str = "retry-token-91c3";

#[test]
fn a_429_with_retry_after_is_retried_after_at_least_that_long() -> Result<(), Error> {
    support::init_logs();
    let server = Server::start(|_, n| match n {
        0 => Reply::json(429, json!({"status": 429, "message": "throttled"}))
            .with_header("retry-after", "1"),
        _ => Reply::json(200, json!({"id": 1})),
    });
    let client = server.client(TOKEN);

    let started = Instant::now();
    let one: EntityResponse = client.send(Request::get("/things/{id}").key("id", &1))?;
    let elapsed = started.elapsed();

    assert_eq!(one.entity["id"], 1);
    assert_eq!(server.request_count(), 2);
    assert!(
        elapsed >= Duration::from_secs(1),
        "retried after {elapsed:?}"
    );
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
    support::assert_logs_hide(&[TOKEN]);
    Ok(())
}

#[test]
fn a_429_is_retried_even_for_create() -> Result<(), Error> {
    support::init_logs();
    let server = Server::start(|_, n| match n {
        0 => Reply::status(429).with_header("retry-after", "0"),
        _ => Reply::status(201).with_header("x-restli-id", "5"),
    });
    let client = server.client(TOKEN);
    let created: CreateResponse<u64> = client.send(Request::create("/things", &json!({})))?;
    assert_eq!(created.id, Some(5));
    assert_eq!(server.request_count(), 2);
    Ok(())
}

#[test]
fn a_create_answered_with_500_is_not_retried() {
    support::init_logs();
    let server = Server::start(|_, _| Reply::json(500, json!({"status": 500, "message": "boom"})));
    let client = server.client(TOKEN);

    let err = client
        .send::<_, linkedin_ureq::restli::CreateResponse<Value>>(Request::create(
            "/things",
            &json!({"name": "once"}),
        ))
        .unwrap_err();

    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(server.request_count(), 1);
    support::assert_logs_hide(&[TOKEN]);
}

#[test]
fn a_get_answered_with_503_is_retried_until_it_succeeds() -> Result<(), Error> {
    support::init_logs();
    let server = Server::start(|_, n| {
        if n < 2 {
            Reply::status(503)
        } else {
            Reply::json(200, json!({"id": 3}))
        }
    });
    let client = server.client(TOKEN);
    let one: EntityResponse = client.send(Request::get("/things/{id}").key("id", &3))?;
    assert_eq!(one.entity["id"], 3);
    assert_eq!(server.request_count(), 3);
    Ok(())
}

#[test]
fn a_get_answered_with_503_every_time_stops_after_max_attempts() {
    support::init_logs();
    let server = Server::start(|_, _| Reply::status(503));
    let client = server.client(TOKEN);
    let err = client
        .send::<_, linkedin_ureq::restli::EntityResponse<Value>>(Request::get("/things"))
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(
        server.request_count(),
        4,
        "the default policy makes 4 attempts"
    );
}

#[test]
fn a_connection_closed_mid_response_is_retried_for_get() -> Result<(), Error> {
    support::init_logs();
    let server = Server::start(|_, n| match n {
        0 => Reply::CloseMidBody {
            status: 200,
            declared: 100,
            sent: br#"{"id": 4, "na"#.to_vec(),
        },
        _ => Reply::json(200, json!({"id": 4, "name": "whole"})),
    });
    let client = server.client(TOKEN);
    let one: EntityResponse = client.send(Request::get("/things/{id}").key("id", &4))?;
    assert_eq!(one.entity["name"], "whole");
    assert_eq!(server.request_count(), 2);
    Ok(())
}

#[test]
fn a_connection_closed_mid_response_to_create_is_a_transport_error() {
    support::init_logs();
    let server = Server::start(|_, _| Reply::CloseMidBody {
        status: 201,
        declared: 100,
        sent: br#"{"id": "#.to_vec(),
    });
    let client = server.client(TOKEN);

    let err = client
        .send::<_, linkedin_ureq::restli::CreateResponse<Value>>(Request::create(
            "/things",
            &json!({"name": "maybe"}),
        ))
        .unwrap_err();

    match &err {
        Error::Transport(failed) => {
            assert_eq!(failed.failure(), TransportFailure::ConnectionReset);
            assert_eq!(failed.attempts(), 1);
            assert_eq!(failed.url(), format!("{}/v2/things", server.origin()));
        }
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert_eq!(server.request_count(), 1);
    assert!(err.to_string().contains("closed before the whole response"));
    support::assert_logs_hide(&[TOKEN]);
}

#[test]
fn a_server_that_never_answers_times_out_within_the_bound() {
    support::init_logs();
    let server = Server::start(|_, _| Reply::Hang);
    let timeout = Duration::from_millis(500);
    let client = server
        .builder()
        .timeout(timeout)
        .retry_policy(RetryPolicy::none())
        .access_token(linkedin_oauth::AccessToken::new(TOKEN))
        .build()
        .unwrap();

    let started = Instant::now();
    let err = client
        .send::<_, linkedin_ureq::restli::EntityResponse<Value>>(Request::get("/things"))
        .unwrap_err();
    let elapsed = started.elapsed();

    assert!(err.is_timeout(), "expected a timeout, got {err:?}");
    assert!(elapsed >= timeout, "gave up after {elapsed:?}");
    assert!(
        elapsed < timeout + Duration::from_millis(1500),
        "took {elapsed:?} for a {timeout:?} timeout"
    );
    assert!(err.to_string().contains("timeout"));
    assert_eq!(server.request_count(), 1);
}

#[test]
fn timed_out_gets_are_retried_and_counted() {
    support::init_logs();
    let server = Server::start(|_, _| Reply::Hang);
    let client = server
        .builder()
        .timeout(Duration::from_millis(100))
        .retry_policy(
            RetryPolicy::default()
                .max_attempts(3)
                .base_delay(Duration::from_millis(1))
                .max_delay(Duration::from_millis(1)),
        )
        .access_token(linkedin_oauth::AccessToken::new(TOKEN))
        .build()
        .unwrap();

    let started = Instant::now();
    let err = client
        .send::<_, linkedin_ureq::restli::EntityResponse<Value>>(Request::get("/things"))
        .unwrap_err();

    assert!(
        matches!(&err, Error::Transport(failed) if failed.attempts() == 3),
        "{err:?}"
    );
    assert!(err.is_timeout());
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(server.request_count(), 3);
}

#[test]
fn a_refused_connection_is_a_connect_error() {
    support::init_logs();
    // Bind then drop, so nothing listens on the port.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = linkedin_ureq::Client::builder()
        .endpoint(restli_codec::Endpoint::from_origin(&format!("http://127.0.0.1:{port}")).unwrap())
        .retry_policy(RetryPolicy::none())
        .access_token(linkedin_oauth::AccessToken::new(TOKEN))
        .build()
        .unwrap();
    let err = client
        .send::<_, linkedin_ureq::restli::EntityResponse<Value>>(Request::get("/things"))
        .unwrap_err();
    assert_eq!(
        err.transport_failure(),
        Some(TransportFailure::Connect),
        "{err:?}"
    );
}

#[test]
fn each_call_is_one_span_with_method_path_status_attempt_and_latency() -> Result<(), Error> {
    support::init_logs();
    let server = Server::start(|_, n| match n {
        0 => Reply::status(502),
        _ => Reply::json(200, json!({"id": 8})),
    });
    let client = server.client(TOKEN);
    let _: EntityResponse = client.send(Request::get("/span-check/{id}").key("id", &8))?;

    let logs = support::logs();
    let closed = logs
        .lines()
        .find(|line| {
            line.contains("restli.request{method=get path=/span-check/{id}")
                && line.contains("close")
        })
        .expect("the span's close event");
    for field in ["status=200", "attempt=2", "latency_ms="] {
        assert!(closed.contains(field), "{field} missing from {closed}");
    }
    assert!(
        !closed.contains("/span-check/8"),
        "the span names the template, not the URL"
    );
    support::assert_logs_hide(&[TOKEN]);
    Ok(())
}
