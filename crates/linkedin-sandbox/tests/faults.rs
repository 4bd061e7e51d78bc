//! Fault injection does what it says, seen from a client over real sockets.

mod common;

use std::time::{Duration, Instant};

use common::{Client, header, json, send, send_with_timeout};
use http::StatusCode;
use linkedin_sandbox::{Fault, Sandbox};
use restli_codec::Request;

fn client_credentials(sandbox: &Sandbox) -> http::Request<Vec<u8>> {
    let body = format!(
        "grant_type=client_credentials&client_id={}&client_secret={}",
        sandbox.client_id(),
        sandbox.client_secret()
    );
    http::Request::post(format!("{}/accessToken", sandbox.oauth_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.into_bytes())
        .unwrap()
}

/// LinkedIn's limits are per UTC day and a refused call gets 429 with
/// `serviceErrorCode` 101 and no `Retry-After`:
/// <https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits>.
#[tokio::test]
async fn daily_limit_answers_429_like_linkedin() {
    let sandbox = Sandbox::builder()
        .fault(Fault::daily_limit(1))
        .start()
        .await
        .unwrap();
    let client = Client::unversioned(&sandbox);
    let me = Request::get("/me");
    assert_eq!(client.send(&me).await.status(), 200);
    let limited = client.send(&me).await;
    assert_eq!(limited.status(), 429);
    assert_eq!(header(&limited, "retry-after"), None);
    assert_eq!(header(&limited, "x-restli-error-response"), Some("true"));
    let body = json(&limited);
    assert_eq!(body["status"], 429);
    assert_eq!(body["serviceErrorCode"], 101);
    let message = body["message"].as_str().unwrap();
    assert!(message.to_lowercase().contains("daily"), "{message}");
    // A day later (past midnight UTC, whatever the time now) the count is new.
    sandbox.advance_clock(Duration::from_secs(24 * 3600));
    assert_eq!(client.send(&me).await.status(), 200);
    assert_eq!(client.send(&me).await.status(), 429);
}

#[tokio::test]
async fn rate_limits_send_retry_after_only_when_asked() {
    let sandbox = Sandbox::builder()
        .fault(Fault::rate_limit(0, Duration::from_secs(60)).on_path("/v2/me"))
        .start()
        .await
        .unwrap();
    let limited = Client::unversioned(&sandbox)
        .send(&Request::get("/me"))
        .await;
    assert_eq!(limited.status(), 429);
    assert_eq!(json(&limited)["serviceErrorCode"], 101);
    assert_eq!(header(&limited, "retry-after"), None);
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after_when_asked() {
    let sandbox = Sandbox::builder()
        .fault(Fault::rate_limit(2, Duration::from_secs(60)).with_retry_after())
        .start()
        .await
        .unwrap();
    let client = Client::unversioned(&sandbox);
    let me = Request::get("/me");
    assert_eq!(client.send(&me).await.status(), 200);
    assert_eq!(client.send(&me).await.status(), 200);
    let limited = client.send(&me).await;
    assert_eq!(limited.status(), 429);
    let retry_after: u64 = header(&limited, "retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    let body = json(&limited);
    assert_eq!(body["status"], 429);
    assert_eq!(body["serviceErrorCode"], 101);

    // OAuth is not throttled by default.
    assert_eq!(
        send(sandbox.addr(), client_credentials(&sandbox))
            .await
            .unwrap()
            .status(),
        200
    );

    // A new window opens when the clock passes the old one.
    sandbox.advance_clock(Duration::from_secs(60));
    assert_eq!(client.send(&me).await.status(), 200);
    assert_eq!(sandbox.request_count("/v2/me"), 4);
}

#[tokio::test]
async fn next_n_requests_fail_with_the_chosen_status() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    sandbox.inject(Fault::status(StatusCode::SERVICE_UNAVAILABLE).times(2));
    let request = Request::get("/adAccounts/{id}").key("id", &500001);
    for _ in 0..2 {
        let failed = client.send(&request).await;
        assert_eq!(failed.status(), 503);
        assert_eq!(header(&failed, "x-restli-error-response"), Some("true"));
        assert_eq!(json(&failed)["status"], 503);
    }
    assert_eq!(client.send(&request).await.status(), 200);
    assert_eq!(sandbox.request_count("/rest/adAccounts/500001"), 3);
}

#[tokio::test]
async fn latency_delays_matching_requests() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::unversioned(&sandbox);
    sandbox.inject(Fault::latency(Duration::from_millis(300)).on_path("/v2/me"));
    let started = Instant::now();
    assert_eq!(client.send(&Request::get("/me")).await.status(), 200);
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");

    sandbox.clear_faults();
    let started = Instant::now();
    assert_eq!(client.send(&Request::get("/me")).await.status(), 200);
    assert!(started.elapsed() < Duration::from_millis(300));
}

#[tokio::test]
async fn dropped_connections_are_transport_errors() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::unversioned(&sandbox);
    sandbox.inject(Fault::drop_connection().times(1));
    let dropped = send(sandbox.addr(), client.http(&Request::get("/me"))).await;
    let err = dropped.expect_err("the connection must close without an answer");
    assert!(
        matches!(
            err.kind(),
            std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset
        ),
        "{err:?}"
    );
    assert_eq!(client.send(&Request::get("/me")).await.status(), 200);
}

#[tokio::test]
async fn hanging_requests_time_out_on_the_client() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::unversioned(&sandbox);
    sandbox.inject(Fault::hang().times(1));
    let hung = send_with_timeout(
        sandbox.addr(),
        client.http(&Request::get("/me")),
        Duration::from_millis(200),
    )
    .await;
    assert_eq!(hung.unwrap_err().kind(), std::io::ErrorKind::TimedOut);
    assert_eq!(client.send(&Request::get("/me")).await.status(), 200);
}

#[tokio::test]
async fn hanging_requests_are_cut_at_the_hang_limit() {
    let sandbox = Sandbox::builder()
        .hang_limit(Duration::from_millis(100))
        .fault(Fault::hang())
        .start()
        .await
        .unwrap();
    let client = Client::unversioned(&sandbox);
    let cut = send_with_timeout(
        sandbox.addr(),
        client.http(&Request::get("/me")),
        Duration::from_secs(5),
    )
    .await;
    assert_ne!(cut.unwrap_err().kind(), std::io::ErrorKind::TimedOut);
}

#[tokio::test]
async fn scopes_select_paths() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    sandbox.inject(Fault::status(StatusCode::BAD_GATEWAY).on_path("/rest/adAccounts"));
    let accounts = client.send(&Request::get_all("/adAccounts")).await;
    assert_eq!(accounts.status(), 502);
    let groups = client.send(&Request::get_all("/adCampaignGroups")).await;
    assert_eq!(groups.status(), 200);
    assert_eq!(
        send(sandbox.addr(), client_credentials(&sandbox))
            .await
            .unwrap()
            .status(),
        200
    );

    sandbox.clear_faults();
    sandbox.inject(
        Fault::status(StatusCode::INTERNAL_SERVER_ERROR)
            .everywhere()
            .times(1),
    );
    assert_eq!(
        send(sandbox.addr(), client_credentials(&sandbox))
            .await
            .unwrap()
            .status(),
        500
    );
    assert_eq!(
        client.send(&Request::get_all("/adAccounts")).await.status(),
        200
    );
}
