//! The async client against `linkedin-test-support`'s hostile server: the
//! same scripts the blocking client's `hostile_server.rs` faces.

use std::time::{Duration, Instant, SystemTime};

use linkedin_oauth::{
    AccessToken, BaseUrl, ClientId, ClientSecret, OAuthConfig, RefreshToken, TokenSet,
};
use linkedin_reqwest::restli::retry::{RetryPolicy, TransportFailure, next_utc_midnight};
use linkedin_reqwest::restli::{Endpoint, EntityResponse, Request};
use linkedin_reqwest::{Client, ClientBuilder, Error, Reqwest, TokenSource};
use linkedin_test_support::{HostileServer, Recorded, Script};

const TOKEN: &str = "AQV-hostile-test-token-5e6f";

fn builder(server: &HostileServer) -> ClientBuilder {
    Client::builder()
        .endpoint(Endpoint::from_origin(&server.origin()).unwrap())
        .access_token(AccessToken::new(TOKEN))
        .retry_policy(
            RetryPolicy::default()
                .base_delay(Duration::from_millis(10))
                .max_delay(Duration::from_millis(50)),
        )
}

fn client(server: &HostileServer) -> Client {
    builder(server).build().unwrap()
}

async fn get_me(client: &Client) -> Result<EntityResponse, Error> {
    client.send(Request::get("/me")).await
}

// LinkedIn's limits are daily, reset at midnight UTC, and its 429 carries
// serviceErrorCode 101 and usually no Retry-After:
// https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_daily_rate_limit_is_sent_twice_and_reported_with_its_reset() {
    let server =
        HostileServer::start(|_, _| Script::daily_rate_limit("Sat, 01 Jun 2024 13:20:00 GMT"));
    let err = get_me(&client(&server)).await.unwrap_err();
    assert_eq!(server.request_count(), 2, "one retry, not four");
    assert!(err.is_rate_limited(), "{err}");
    let limit = err.rate_limit().unwrap();
    assert!(limit.is_daily());
    assert_eq!(limit.service_error_code(), Some(101));
    let midnight = SystemTime::UNIX_EPOCH + Duration::from_secs(1_717_286_400); // 2024-06-02 00:00 UTC
    assert_eq!(limit.resets_at(), Some(midnight));
    assert!(err.to_string().contains("APPLICATION DAY limit"), "{err}");
}

// Same docs page: a 429 without a Date header is dated by its arrival.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_daily_rate_limit_without_date_resets_at_the_next_midnight_from_now() {
    let server =
        HostileServer::start(|_, _| Script::json(429, linkedin_test_support::DAILY_LIMIT_BODY));
    let before = next_utc_midnight(SystemTime::now());
    let err = get_me(&client(&server)).await.unwrap_err();
    let after = next_utc_midnight(SystemTime::now());
    assert_eq!(server.request_count(), 2);
    let reset = err.rate_limit().and_then(|l| l.resets_at());
    assert!(reset == before || reset == after, "{reset:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_after_beyond_the_cap_is_not_waited_for() {
    let server =
        HostileServer::start(|_, _| Script::respond(429, &[("retry-after", "999999")], b""));
    let started = Instant::now();
    let err = get_me(&client(&server)).await.unwrap_err();
    assert_eq!(server.request_count(), 1);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(429));
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_after_zero_and_garbage_are_retried() {
    for value in ["0", "soon, maybe", "-5"] {
        let server = HostileServer::start(move |_, index| match index {
            0 => Script::respond(503, &[("retry-after", value)], b""),
            _ => Script::json(200, r#"{"id":"me"}"#),
        });
        let me = get_me(&client(&server)).await.unwrap();
        assert_eq!(me.entity["id"], "me");
        assert_eq!(server.request_count(), 2, "{value}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_xx_keeps_every_attempt() {
    let server = HostileServer::start(|_, _| Script::json(503, "{}"));
    let err = get_me(&client(&server)).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(server.request_count(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_total_timeout_bounds_a_server_that_answers_503_slowly() {
    let server =
        HostileServer::start(|_, _| Script::json(503, "{}").after(Duration::from_millis(400)));
    let client = builder(&server)
        .retry_policy(
            RetryPolicy::default()
                .max_attempts(20)
                .base_delay(Duration::from_millis(10)),
        )
        .timeout(Duration::from_secs(10))
        .total_timeout(Duration::from_secs(1))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = get_me(&client).await.unwrap_err();
    let took = started.elapsed();
    // 20 attempts would take 8 s; the deadline stops it after about 1 s.
    assert!(took < Duration::from_millis(1_900), "{took:?}");
    assert!(server.request_count() <= 3, "{}", server.request_count());
    assert!(
        matches!(err.status().map(|s| s.as_u16()), Some(503)) || err.is_timeout(),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_total_timeout_cuts_an_attempt_short() {
    let server = HostileServer::start(|_, _| Script(vec![linkedin_test_support::Step::Hang]));
    let client = builder(&server)
        .timeout(Duration::from_secs(20))
        .total_timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = get_me(&client).await.unwrap_err();
    assert!(err.is_timeout(), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.request_count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gigabyte_announced_is_refused_before_reading() {
    let server = HostileServer::start(|_, _| Script::gigabyte_announced());
    let client = builder(&server)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = get_me(&client).await.unwrap_err();
    // The old client read towards 32 MiB that never came, until the timeout.
    assert_eq!(
        err.transport_failure(),
        Some(TransportFailure::Other),
        "{err}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.request_count(), 1, "a refused body is not retried");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endless_chunked_body_stops_at_the_limit() {
    let server = HostileServer::start(|_, _| Script::endless_chunked());
    let http = Reqwest::new().unwrap().max_body_size(1024 * 1024);
    let client = builder(&server).build_with(http);
    let err = client
        .send::<_, linkedin_reqwest::restli::EntityResponse<serde_json::Value>>(Request::get("/me"))
        .await
        .unwrap_err();
    assert_eq!(
        err.transport_failure(),
        Some(TransportFailure::Other),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_headers_and_slow_bodies_time_out() {
    for script in [
        Script::slow_headers(Duration::from_millis(40)),
        Script::slow_body(Duration::from_millis(40)),
    ] {
        let server = HostileServer::start(move |_, _| script.clone());
        let client = builder(&server)
            .timeout(Duration::from_millis(300))
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap();
        let started = Instant::now();
        let err = get_me(&client).await.unwrap_err();
        assert!(err.is_timeout(), "{err}");
        assert!(started.elapsed() < Duration::from_secs(2));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_are_not_followed() {
    let server = HostileServer::start(|_, _| {
        Script::respond(302, &[("location", "http://127.0.0.1:1/steal")], b"")
    });
    let err = get_me(&client(&server)).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(302));
    assert_eq!(server.request_count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_close_mid_body_is_retried_for_a_get() {
    let server = HostileServer::start(|_, index| match index {
        0 => Script::close_mid_body(200, 100, br#"{"id":"#),
        _ => Script::json(200, r#"{"id":"whole"}"#),
    });
    let me = get_me(&client(&server)).await.unwrap();
    assert_eq!(me.entity["id"], "whole");
    assert_eq!(server.request_count(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_http_1_0_answer_is_read_to_the_close() {
    let server = HostileServer::start(|_, _| Script::http10(200, r#"{"id":"old"}"#));
    let me = get_me(&client(&server)).await.unwrap();
    assert_eq!(me.entity["id"], "old");
}

fn deletes_of(server: &HostileServer, path: &str) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.method == "DELETE" && r.path().trim_end_matches('/') == path)
        .count()
}

// Rest.li keys are single path segments (https://linkedin.github.io/rest.li/spec/protocol),
// and a `..` segment is removed together with its parent by URL
// normalisation (RFC 3986, section 5.2.4): a key of ".." must not climb out
// of its collection. The codec engineer makes it a typed error; this test
// passes once that is merged.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dot_dot_key_never_deletes_the_parent() {
    let server = HostileServer::start(|_, _| Script::respond(204, &[], b""));
    let request = Request::delete("/adAccounts/{account}/adCampaigns/{id}")
        .key("account", &507404993)
        .key("id", "..");
    let result = client(&server).send(request).await;
    assert_eq!(deletes_of(&server, "/v2/adAccounts/507404993"), 0);
    assert!(matches!(result, Err(Error::Request(_))), "{result:?}");
    assert_eq!(server.request_count(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dot_dot_key_does_not_reach_the_server_as_a_delete_of_the_account() {
    // The transports' own guard, before the codec's typed error: the
    // request is refused (reqwest's URL parser would remove the `..` and
    // DELETE the account, as this test showed before the guard).
    let server = HostileServer::start(|_, _| Script::respond(204, &[], b""));
    let request = Request::delete("/adAccounts/{account}/adCampaigns/{id}")
        .key("account", &507404993)
        .key("id", "..");
    let result = client(&server).send(request).await;
    assert!(result.is_err());
    assert_eq!(deletes_of(&server, "/v2/adAccounts/507404993"), 0);
    // Refused before sending (the transports check for dot segments).
    assert_eq!(server.request_count(), 0);
}

// --- token renewal (issue 12.9) ---

const OLD: &str = "old-token-7a7a";
const NEW: &str = "new-token-8b8b";

fn is_refresh(request: &Recorded) -> bool {
    request.path() == "/oauth/v2/accessToken"
}

fn refreshes(server: &HostileServer) -> usize {
    server.requests().iter().filter(|r| is_refresh(r)).count()
}

/// A token endpoint answering `expires_in` after a pause (so concurrent
/// callers pile up behind the renewal), and an API that echoes success.
fn token_server(expires_in: u64) -> HostileServer {
    HostileServer::start(move |request, _| {
        if is_refresh(request) {
            let body = format!(r#"{{"access_token":"{NEW}","expires_in":{expires_in}}}"#);
            Script::json(200, &body).after(Duration::from_millis(200))
        } else {
            Script::json(200, r#"{"id":"me"}"#)
        }
    })
}

fn source(server: &HostileServer, lifetime: Duration) -> TokenSource {
    let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"))
        .base_url(BaseUrl::parse(&format!("{}/oauth/v2", server.origin())).unwrap());
    let tokens = TokenSet::new(AccessToken::new(OLD), SystemTime::now() + lifetime)
        .with_refresh_token(RefreshToken::new("refresh-9c9c"), None);
    TokenSource::new(oauth, tokens)
}

async fn concurrent_calls(client: &Client, callers: usize) -> usize {
    let calls: Vec<_> = (0..callers)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { get_me(&client).await.is_ok() })
        })
        .collect();
    let mut ok = 0;
    for call in calls {
        if call.await.unwrap() {
            ok += 1;
        }
    }
    ok
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_callers_with_a_one_second_token_refresh_once_per_expiry() {
    let server = token_server(1);
    let client = builder(&server)
        .token_source(source(&server, Duration::from_secs(1)))
        .build()
        .unwrap();
    assert_eq!(concurrent_calls(&client, 50).await, 50);
    assert_eq!(refreshes(&server), 1);
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    assert_eq!(concurrent_calls(&client, 50).await, 50);
    assert_eq!(refreshes(&server), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_answer_with_expires_in_zero_is_not_refreshed_by_every_waiter() {
    let server = token_server(0);
    let client = builder(&server)
        .token_source(source(&server, Duration::ZERO))
        .build()
        .unwrap();
    assert_eq!(concurrent_calls(&client, 50).await, 50);
    // The old source let each woken waiter renew again: up to 50.
    assert_eq!(refreshes(&server), 1);
    let api_calls: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| !is_refresh(r))
        .collect();
    assert!(
        api_calls
            .iter()
            .all(|r| r.header("authorization") == Some(&format!("Bearer {NEW}")))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_sequential_calls_with_a_sixty_second_token_refresh_once() {
    let server = token_server(60);
    let client = builder(&server)
        .token_source(source(&server, Duration::from_secs(60)))
        .build()
        .unwrap();
    for _ in 0..10 {
        get_me(&client).await.unwrap();
    }
    assert!(refreshes(&server) <= 1, "{} refreshes", refreshes(&server));
}
