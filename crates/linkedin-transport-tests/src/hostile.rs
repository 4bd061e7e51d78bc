//! `linkedin_test_support`'s hostile server (issue 10): daily rate limits,
//! odd `Retry-After` values, slow and endless answers, gigabyte bodies,
//! redirects, HTTP/1.0, and token renewal under concurrency.

use std::time::{Duration, Instant, SystemTime};

use linkedin_oauth::{
    AccessToken, BaseUrl, ClientId, ClientSecret, OAuthConfig, RefreshToken, TokenSet,
};
use linkedin_test_support::{DAILY_LIMIT_BODY, HostileServer, Recorded, Script, Step};
use restli_codec::Request;
use restli_codec::response::EntityResponse;
use restli_codec::retry::{RetryPolicy, TransportFailure, next_utc_midnight};

use crate::wire::status_of;
use crate::{Auth, Setup, Transport};

const TOKEN: &str = "AQV-hostile-test-token-5e6f";

fn setup(server: &HostileServer) -> Setup {
    Setup::new(&server.origin()).token(TOKEN)
}

fn get_me<T: Transport>(client: &T) -> Result<EntityResponse, linkedin_client_core::Error> {
    client.send(Request::get("/me"))
}

fn me<T: Transport>(server: &HostileServer) -> Result<EntityResponse, linkedin_client_core::Error> {
    get_me(&T::build(setup(server)).expect("client"))
}

// LinkedIn's limits are daily, reset at midnight UTC, and its 429 carries
// serviceErrorCode 101 and usually no Retry-After:
// https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits
/// A daily-limit 429 is sent twice (a bare 429 once more, not four
/// times) and reported with its reset at the next midnight UTC after its
/// `Date`.
pub fn a_daily_rate_limit_is_sent_twice_and_reported_with_its_reset<T: Transport>() {
    let server =
        HostileServer::start(|_, _| Script::daily_rate_limit("Sat, 01 Jun 2024 13:20:00 GMT"));
    let err = me::<T>(&server).expect_err("rate limited");
    assert_eq!(server.request_count(), 2, "one retry, not four");
    assert!(err.is_rate_limited(), "{err}");
    let limit = err.rate_limit().expect("a rate limit");
    assert!(limit.is_daily());
    assert_eq!(limit.service_error_code(), Some(101));
    let midnight = SystemTime::UNIX_EPOCH + Duration::from_secs(1_717_286_400); // 2024-06-02 00:00 UTC
    assert_eq!(limit.resets_at(), Some(midnight));
    assert!(err.to_string().contains("APPLICATION DAY limit"), "{err}");
}

// Same docs page: a 429 without a Date header is dated by its arrival.
/// A daily-limit 429 without `Date` resets at the next midnight UTC from
/// now.
pub fn a_daily_rate_limit_without_date_resets_at_the_next_midnight_from_now<T: Transport>() {
    let server = HostileServer::start(|_, _| Script::json(429, DAILY_LIMIT_BODY));
    let before = next_utc_midnight(SystemTime::now());
    let err = me::<T>(&server).expect_err("rate limited");
    let after = next_utc_midnight(SystemTime::now());
    assert_eq!(server.request_count(), 2);
    let reset = err.rate_limit().and_then(|l| l.resets_at());
    assert!(reset == before || reset == after, "{reset:?}");
}

/// A `Retry-After` of 11 days is not waited for.
pub fn a_retry_after_beyond_the_cap_is_not_waited_for<T: Transport>() {
    let server =
        HostileServer::start(|_, _| Script::respond(429, &[("retry-after", "999999")], b""));
    let started = Instant::now();
    let err = me::<T>(&server).expect_err("a 429");
    assert_eq!(server.request_count(), 1);
    assert_eq!(status_of(&err), Some(429));
    assert!(started.elapsed() < Duration::from_secs(5));
}

/// `Retry-After: 0`, garbage and negative values still allow a retry.
pub fn retry_after_zero_and_garbage_are_retried<T: Transport>() {
    for value in ["0", "soon, maybe", "-5"] {
        let server = HostileServer::start(move |_, index| match index {
            0 => Script::respond(503, &[("retry-after", value)], b""),
            _ => Script::json(200, r#"{"id":"me"}"#),
        });
        let me = me::<T>(&server).expect("retried");
        assert_eq!(me.entity["id"], "me");
        assert_eq!(server.request_count(), 2, "{value}");
    }
}

/// A GET answered 503 every time uses all four default attempts.
pub fn five_xx_keeps_every_attempt<T: Transport>() {
    let server = HostileServer::start(|_, _| Script::json(503, "{}"));
    let err = me::<T>(&server).expect_err("503s");
    assert_eq!(status_of(&err), Some(503));
    assert_eq!(
        server.request_count(),
        4,
        "the default policy makes 4 attempts"
    );
}

/// The total timeout stops retries against a server answering 503 slowly.
pub fn the_total_timeout_bounds_a_server_that_answers_503_slowly<T: Transport>() {
    let server =
        HostileServer::start(|_, _| Script::json(503, "{}").after(Duration::from_millis(400)));
    let client = T::build(
        setup(&server)
            .retry(
                RetryPolicy::default()
                    .max_attempts(20)
                    .base_delay(Duration::from_millis(10)),
            )
            .timeout(Duration::from_secs(10))
            .total_timeout(Duration::from_secs(1)),
    )
    .expect("client");
    let started = Instant::now();
    let err = get_me(&client).expect_err("503s");
    let took = started.elapsed();
    // 20 attempts would take 8 s; the deadline stops it after about 1 s.
    assert!(took < Duration::from_millis(1_900), "{took:?}");
    assert!(server.request_count() <= 3, "{}", server.request_count());
    assert!(
        matches!(status_of(&err), Some(503)) || err.is_timeout(),
        "{err}"
    );
}

/// The total timeout cuts an attempt with a longer per-attempt timeout
/// short.
pub fn the_total_timeout_cuts_an_attempt_short<T: Transport>() {
    let server = HostileServer::start(|_, _| Script(vec![Step::Hang]));
    let client = T::build(
        setup(&server)
            .timeout(Duration::from_secs(20))
            .total_timeout(Duration::from_millis(500)),
    )
    .expect("client");
    let started = Instant::now();
    let err = get_me(&client).expect_err("a timeout");
    assert!(err.is_timeout(), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.request_count(), 1);
}

/// A body announced at 1 GB is refused before it is read, and not
/// retried.
pub fn a_gigabyte_announced_is_refused_before_reading<T: Transport>() {
    let server = HostileServer::start(|_, _| Script::gigabyte_announced());
    let client = T::build(setup(&server).timeout(Duration::from_secs(5))).expect("client");
    let started = Instant::now();
    let err = get_me(&client).expect_err("refused");
    assert_eq!(
        err.transport_failure(),
        Some(TransportFailure::BodyTooLarge),
        "{err}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.request_count(), 1, "a refused body is not retried");
}

/// An endless chunked body stops at the body limit.
pub fn an_endless_chunked_body_stops_at_the_limit<T: Transport>() {
    let server = HostileServer::start(|_, _| Script::endless_chunked());
    let client = T::build(
        setup(&server)
            .max_body_size(1024 * 1024)
            .timeout(Duration::from_secs(10)),
    )
    .expect("client");
    let err = get_me(&client).expect_err("refused");
    assert_eq!(
        err.transport_failure(),
        Some(TransportFailure::BodyTooLarge),
        "{err}"
    );
    assert_eq!(server.request_count(), 1, "a refused body is not retried");
}

/// Headers or a body dripped a byte at a time run into the per-attempt
/// timeout.
pub fn slow_headers_and_slow_bodies_time_out<T: Transport>() {
    for script in [
        Script::slow_headers(Duration::from_millis(40)),
        Script::slow_body(Duration::from_millis(40)),
    ] {
        let server = HostileServer::start(move |_, _| script.clone());
        let client = T::build(
            setup(&server)
                .timeout(Duration::from_millis(300))
                .retry(RetryPolicy::none()),
        )
        .expect("client");
        let started = Instant::now();
        let err = get_me(&client).expect_err("a timeout");
        assert!(err.is_timeout(), "{err}");
        assert!(started.elapsed() < Duration::from_secs(2));
    }
}

/// A redirect (here towards another host) is returned, never followed.
pub fn redirects_are_not_followed<T: Transport>() {
    let server = HostileServer::start(|_, _| {
        Script::respond(302, &[("location", "http://127.0.0.1:1/steal")], b"")
    });
    let err = me::<T>(&server).expect_err("a 302");
    assert_eq!(status_of(&err), Some(302));
    assert_eq!(server.request_count(), 1);
}

/// A close in the middle of a GET's body is retried.
pub fn a_close_mid_body_is_retried_for_a_get<T: Transport>() {
    let server = HostileServer::start(|_, index| match index {
        0 => Script::close_mid_body(200, 100, br#"{"id":"#),
        _ => Script::json(200, r#"{"id":"whole"}"#),
    });
    let me = me::<T>(&server).expect("retried");
    assert_eq!(me.entity["id"], "whole");
    assert_eq!(server.request_count(), 2);
}

/// An HTTP/1.0 answer without `Content-Length` is read to the close.
pub fn an_http_1_0_answer_is_read_to_the_close<T: Transport>() {
    let server = HostileServer::start(|_, _| Script::http10(200, r#"{"id":"old"}"#));
    let me = me::<T>(&server).expect("read to the close");
    assert_eq!(me.entity["id"], "old");
}

// --- token renewal (issue 12.9) ---

const OLD: &str = "AQV-hostile-old-token-7a7a";
const NEW: &str = "AQV-hostile-new-token-8b8b";

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

fn renewing<T: Transport>(server: &HostileServer, lifetime: Duration) -> T {
    let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"))
        .base_url(BaseUrl::parse(&format!("{}/oauth/v2", server.origin())).expect("base URL"));
    let tokens = TokenSet::new(AccessToken::new(OLD), SystemTime::now() + lifetime)
        .with_refresh_token(RefreshToken::new("AQX-hostile-refresh-9c9c"), None);
    T::build(Setup::new(&server.origin()).auth(Auth::Refreshing {
        oauth,
        tokens,
        on_refresh: None,
    }))
    .expect("client")
}

fn ok_calls<T: Transport>(client: &T, callers: usize) -> usize {
    client
        .concurrently(callers, |_| Request::get("/me"))
        .iter()
        .filter(|r| r.is_ok())
        .count()
}

/// 50 concurrent callers with a token of one second renew it once, and
/// once more after it expired.
pub fn fifty_callers_with_a_one_second_token_refresh_once_per_expiry<T: Transport>() {
    let server = token_server(1);
    let client: T = renewing(&server, Duration::from_secs(1));
    assert_eq!(ok_calls(&client, 50), 50);
    assert_eq!(refreshes(&server), 1);
    std::thread::sleep(Duration::from_millis(1_100));
    assert_eq!(ok_calls(&client, 50), 50);
    assert_eq!(refreshes(&server), 2);
}

/// A renewal answering `expires_in: 0` is not repeated by each woken
/// waiter.
pub fn a_token_answer_with_expires_in_zero_is_not_refreshed_by_every_waiter<T: Transport>() {
    let server = token_server(0);
    let client: T = renewing(&server, Duration::ZERO);
    assert_eq!(ok_calls(&client, 50), 50);
    // The old source let each woken waiter renew again: up to 50.
    assert_eq!(refreshes(&server), 1);
    assert!(
        server
            .requests()
            .iter()
            .filter(|r| !is_refresh(r))
            .all(|r| r.header("authorization") == Some(&format!("Bearer {NEW}")))
    );
}

/// Ten sequential calls with a token of a minute renew it at most once.
pub fn ten_sequential_calls_with_a_sixty_second_token_refresh_once<T: Transport>() {
    let server = token_server(60);
    let client: T = renewing(&server, Duration::from_secs(60));
    for _ in 0..10 {
        get_me(&client).expect("a call");
    }
    assert!(refreshes(&server) <= 1, "{} refreshes", refreshes(&server));
}
