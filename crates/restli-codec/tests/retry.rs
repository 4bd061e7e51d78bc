//! Retry decisions: a table per rule, and properties over every method,
//! status and attempt.

use std::time::{Duration, SystemTime};

use http::{HeaderMap, HeaderValue, StatusCode};
use proptest::prelude::*;
use restli_codec::Method;
use restli_codec::retry::{
    DEFAULT_TOTAL_TIMEOUT, Outcome, RetryDecision, RetryPolicy, StopReason, TransportFailure,
    retry_after,
};

/// 2015-10-21 07:28:00 UTC.
fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480)
}

fn headers(retry_after: Option<&'static str>) -> HeaderMap {
    let mut h = HeaderMap::new();
    if let Some(v) = retry_after {
        h.insert("retry-after", HeaderValue::from_static(v));
    }
    h
}

fn decide_status(
    method: Method,
    attempt: u32,
    status: u16,
    retry_after: Option<&'static str>,
) -> RetryDecision {
    let h = headers(retry_after);
    let outcome = Outcome::response(StatusCode::from_u16(status).unwrap(), &h);
    RetryPolicy::default().decide(method, attempt, &outcome, now(), 0.5)
}

const NON_IDEMPOTENT: [Method; 5] = [
    Method::Create,
    Method::BatchCreate,
    Method::PartialUpdate,
    Method::BatchPartialUpdate,
    Method::Action,
];

fn retry(ms: u64) -> RetryDecision {
    RetryDecision::RetryAfter(Duration::from_millis(ms))
}

fn stop(reason: StopReason) -> RetryDecision {
    RetryDecision::Stop(reason)
}

#[test]
fn idempotent_methods_retry_429_and_transient_5xx() {
    for method in Method::ALL.into_iter().filter(|m| m.is_idempotent()) {
        for status in [429, 500, 502, 503, 504] {
            // attempt 1: 0.5 * 500 ms
            assert_eq!(
                decide_status(method, 1, status, None),
                retry(250),
                "{method} {status}"
            );
        }
    }
}

#[test]
fn non_idempotent_methods_retry_only_429() {
    for method in NON_IDEMPOTENT {
        assert!(!method.is_idempotent());
        assert_eq!(decide_status(method, 1, 429, None), retry(250), "{method}");
        for status in [500, 502, 503, 504] {
            assert_eq!(
                decide_status(method, 1, status, None),
                stop(StopReason::NotIdempotent),
                "{method} {status}"
            );
        }
        for failure in [
            TransportFailure::Connect,
            TransportFailure::Timeout,
            TransportFailure::ConnectionReset,
        ] {
            let d =
                RetryPolicy::default().decide(method, 1, &Outcome::Transport(failure), now(), 0.5);
            assert_eq!(d, stop(StopReason::NotIdempotent), "{method} {failure:?}");
        }
    }
}

#[test]
fn final_statuses_are_not_retried() {
    for method in Method::ALL {
        for status in [200, 201, 204, 301, 400, 401, 403, 404, 409, 422, 501, 505] {
            assert_eq!(
                decide_status(method, 1, status, None),
                stop(StopReason::NotRetryable),
                "{method} {status}"
            );
        }
    }
}

#[test]
fn transport_failures_for_idempotent_methods() {
    let table = [
        (TransportFailure::Connect, retry(250)),
        (TransportFailure::Timeout, retry(250)),
        (TransportFailure::ConnectionReset, retry(250)),
        (TransportFailure::Other, stop(StopReason::NotRetryable)),
        (
            TransportFailure::BodyTooLarge,
            stop(StopReason::NotRetryable),
        ),
    ];
    for (failure, expected) in table {
        let d =
            RetryPolicy::default().decide(Method::Get, 1, &Outcome::Transport(failure), now(), 0.5);
        assert_eq!(d, expected, "{failure:?}");
    }
}

#[test]
fn exponential_backoff_with_full_jitter_and_cap() {
    // (attempt, random, expected delay) with base 500 ms and cap 30 s.
    let table = [
        (1, 0.5, 250),
        (2, 0.5, 500),
        (3, 0.5, 1_000),
        (1, 0.0, 0),
        (3, 0.25, 500),
        (7, 0.5, 15_000), // 500 ms * 64 = 32 s, capped at 30 s
        (60, 0.5, 15_000),
        (u32::MAX - 1, 0.5, 15_000),
    ];
    let policy = RetryPolicy::default().max_attempts(u32::MAX);
    let h = HeaderMap::new();
    let outcome = Outcome::response(StatusCode::SERVICE_UNAVAILABLE, &h);
    for (attempt, random, ms) in table {
        assert_eq!(
            policy.decide(Method::Get, attempt, &outcome, now(), random),
            retry(ms),
            "attempt {attempt}, random {random}"
        );
    }
}

#[test]
fn out_of_range_randoms_are_clamped() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.backoff(1, f64::NAN), Duration::ZERO);
    assert_eq!(policy.backoff(1, -3.0), Duration::ZERO);
    assert_eq!(policy.backoff(1, 7.0), Duration::from_millis(500));
    assert_eq!(policy.backoff(1, f64::INFINITY), Duration::from_millis(500));
}

#[test]
fn attempts_are_bounded() {
    // Default: 4 attempts in all.
    assert_eq!(decide_status(Method::Get, 3, 503, None), retry(1_000));
    assert_eq!(
        decide_status(Method::Get, 4, 503, None),
        stop(StopReason::AttemptsExhausted)
    );
    assert_eq!(
        decide_status(Method::Get, 9, 429, None),
        stop(StopReason::AttemptsExhausted)
    );

    let h = HeaderMap::new();
    let outcome = Outcome::response(StatusCode::TOO_MANY_REQUESTS, &h);
    let none = RetryPolicy::none();
    assert_eq!(
        none.decide(Method::Get, 1, &outcome, now(), 0.5),
        stop(StopReason::AttemptsExhausted)
    );
    let two = RetryPolicy::default().max_attempts(2);
    assert_eq!(two.decide(Method::Get, 1, &outcome, now(), 0.5), retry(250));
    assert_eq!(
        two.decide(Method::Get, 2, &outcome, now(), 0.5),
        stop(StopReason::AttemptsExhausted)
    );
    let zero = RetryPolicy::default().max_attempts(0);
    assert_eq!(zero, RetryPolicy::none());
}

#[test]
fn retry_after_seconds_and_dates_win() {
    let table: [(Option<&'static str>, RetryDecision); 8] = [
        (Some("7"), retry(7_000)),
        (Some(" 0 "), retry(0)),
        (Some("60"), retry(60_000)),
        (
            Some("61"),
            stop(StopReason::RetryAfterTooLong {
                requested: Duration::from_secs(61),
            }),
        ),
        (Some("Wed, 21 Oct 2015 07:28:30 GMT"), retry(30_000)),
        // A date in the past: retry at once.
        (Some("Wed, 21 Oct 2015 07:00:00 GMT"), retry(0)),
        // Malformed: ignored, backoff instead.
        (Some("soon"), retry(250)),
        (None, retry(250)),
    ];
    for (value, expected) in table {
        assert_eq!(
            decide_status(Method::Get, 1, 503, value),
            expected,
            "{value:?}"
        );
        assert_eq!(
            decide_status(Method::Action, 1, 429, value),
            expected,
            "{value:?}"
        );
    }
}

#[test]
fn retry_after_beyond_the_backoff_cap_is_honoured_up_to_its_own_limit() {
    let policy = RetryPolicy::default()
        .max_delay(Duration::from_secs(1))
        .max_retry_after(Duration::from_secs(300));
    let h = headers(Some("120"));
    let outcome = Outcome::response(StatusCode::TOO_MANY_REQUESTS, &h);
    assert_eq!(
        policy.decide(Method::Get, 1, &outcome, now(), 0.5),
        RetryDecision::RetryAfter(Duration::from_secs(120))
    );
}

#[test]
fn retry_after_parsing() {
    let h = headers(Some("99999999999999999999999"));
    assert_eq!(retry_after(&h, now()), Some(Duration::from_secs(u64::MAX)));
    assert_eq!(retry_after(&headers(Some("-5")), now()), None);
    assert_eq!(retry_after(&headers(Some("1.5")), now()), None);
    assert_eq!(retry_after(&headers(Some("")), now()), None);
    assert_eq!(retry_after(&HeaderMap::new(), now()), None);
    // RFC 850 and asctime dates are HTTP dates too.
    assert_eq!(
        retry_after(&headers(Some("Wednesday, 21-Oct-15 07:28:10 GMT")), now()),
        Some(Duration::from_secs(10))
    );
    assert_eq!(
        retry_after(&headers(Some("Wed Oct 21 07:28:05 2015")), now()),
        Some(Duration::from_secs(5))
    );
}

#[test]
fn outcome_of_a_response() {
    let response = http::Response::builder()
        .status(503)
        .header("retry-after", "3")
        .body(Vec::<u8>::new())
        .unwrap();
    let d = RetryPolicy::default().decide(Method::Delete, 1, &Outcome::of(&response), now(), 0.1);
    assert_eq!(d, RetryDecision::RetryAfter(Duration::from_secs(3)));
}

fn arb_method() -> impl Strategy<Value = Method> {
    (0..Method::ALL.len()).prop_map(|i| Method::ALL[i])
}

fn arb_policy() -> impl Strategy<Value = RetryPolicy> {
    (0u32..10, 0u64..100_000, 0u64..100_000, 0u64..1_000).prop_map(|(n, base, cap, ra)| {
        RetryPolicy::default()
            .max_attempts(n)
            .base_delay(Duration::from_millis(base))
            .max_delay(Duration::from_millis(cap))
            .max_retry_after(Duration::from_secs(ra))
    })
}

fn arb_retry_after() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        (0u64..10_000).prop_map(|s| Some(s.to_string())),
        (0u64..4_000_000_000).prop_map(|s| Some(httpdate::fmt_http_date(
            SystemTime::UNIX_EPOCH + Duration::from_secs(s)
        ))),
        "[ -~]{0,20}".prop_map(Some),
    ]
}

proptest! {
    #[test]
    fn delays_never_exceed_their_bounds(
        policy in arb_policy(),
        method in arb_method(),
        attempt in any::<u32>(),
        status in 100u16..1000,
        retry_after_value in arb_retry_after(),
        random in any::<f64>(),
        base in any::<u64>(),
        cap in any::<u64>(),
    ) {
        let mut h = HeaderMap::new();
        if let Some(v) = &retry_after_value {
            h.insert("retry-after", HeaderValue::from_str(v).unwrap());
        }
        let outcome = Outcome::response(StatusCode::from_u16(status).unwrap(), &h);
        let header_wait = retry_after(&h, now());
        if let RetryDecision::RetryAfter(delay) = policy.decide(method, attempt, &outcome, now(), random) {
            // Either exactly what Retry-After asked (within its limit) or a
            // backoff within the cap.
            match header_wait {
                Some(wait) => prop_assert_eq!(delay, wait),
                None => prop_assert!(delay <= policy.backoff(u32::MAX, 1.0)),
            }
        }
        // Extreme base delays and caps never overflow or exceed the cap.
        let extreme = RetryPolicy::default()
            .base_delay(Duration::from_nanos(base).saturating_mul(1_000_000_000))
            .max_delay(Duration::from_nanos(cap).saturating_mul(1_000_000_000));
        let cap_duration = Duration::from_nanos(cap).saturating_mul(1_000_000_000);
        prop_assert!(extreme.backoff(attempt, random) <= cap_duration);
    }

    #[test]
    fn non_idempotent_methods_are_retried_only_on_429(
        index in 0..NON_IDEMPOTENT.len(),
        attempt in 1u32..3,
        status in 100u16..1000,
        failure in prop_oneof![
            Just(TransportFailure::Connect),
            Just(TransportFailure::Timeout),
            Just(TransportFailure::ConnectionReset),
            Just(TransportFailure::Other),
            Just(TransportFailure::BodyTooLarge),
        ],
        random in 0.0f64..1.0,
    ) {
        let method = NON_IDEMPOTENT[index];
        let policy = RetryPolicy::default();
        let h = HeaderMap::new();
        let on_status = policy.decide(method, attempt, &Outcome::response(StatusCode::from_u16(status).unwrap(), &h), now(), random);
        // A bare 429 (no Retry-After) is retried once only: see
        // `a_429_without_retry_after_is_retried_once`.
        prop_assert_eq!(matches!(on_status, RetryDecision::RetryAfter(_)), status == 429 && attempt == 1);
        let on_failure = policy.decide(method, attempt, &Outcome::Transport(failure), now(), random);
        prop_assert!(matches!(on_failure, RetryDecision::Stop(_)));
    }
}

// LinkedIn's rate limits are daily and reset at midnight UTC; a 429 usually
// carries no Retry-After:
// https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits
#[test]
fn a_429_without_retry_after_is_retried_once() {
    for method in Method::ALL {
        assert_eq!(decide_status(method, 1, 429, None), retry(250), "{method}");
        assert_eq!(
            decide_status(method, 2, 429, None),
            stop(StopReason::RateLimited),
            "{method}"
        );
        assert_eq!(
            decide_status(method, 3, 429, None),
            stop(StopReason::RateLimited),
            "{method}"
        );
    }
    // Garbage in Retry-After counts as no Retry-After.
    assert_eq!(
        decide_status(Method::Get, 2, 429, Some("soon")),
        stop(StopReason::RateLimited)
    );
    // With a Retry-After within the cap, 429 keeps its attempts.
    assert_eq!(
        decide_status(Method::Get, 3, 429, Some("2")),
        RetryDecision::RetryAfter(Duration::from_secs(2))
    );
    // Beyond the cap: no retry at all, even the first time.
    assert_eq!(
        decide_status(Method::Get, 1, 429, Some("999999")),
        stop(StopReason::RetryAfterTooLong {
            requested: Duration::from_secs(999_999)
        })
    );
}

#[test]
fn five_xx_still_gets_every_attempt() {
    for attempt in 1..4 {
        assert!(matches!(
            decide_status(Method::Get, attempt, 503, None),
            RetryDecision::RetryAfter(_)
        ));
    }
    assert_eq!(
        decide_status(Method::Get, 4, 503, None),
        stop(StopReason::AttemptsExhausted)
    );
}

#[test]
fn the_total_deadline_stops_retries_that_would_pass_it() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.total_timeout_value(), DEFAULT_TOTAL_TIMEOUT);
    let t0 = now();
    let wait = RetryDecision::RetryAfter(Duration::from_secs(5));
    assert_eq!(policy.fits_deadline(wait, t0, t0), wait);
    assert_eq!(
        policy.fits_deadline(wait, t0, t0 + Duration::from_secs(54)),
        wait
    );
    assert_eq!(
        policy.fits_deadline(wait, t0, t0 + Duration::from_secs(55)),
        stop(StopReason::DeadlineExceeded)
    );
    // A stop is never turned into a retry.
    let done = stop(StopReason::NotRetryable);
    assert_eq!(policy.fits_deadline(done, t0, t0), done);
    // A clock that went backwards counts as no time spent.
    assert_eq!(
        policy.fits_deadline(wait, t0, t0 - Duration::from_secs(9)),
        wait
    );
    // Each attempt gets at most what is left.
    let per_attempt = Duration::from_secs(30);
    assert_eq!(
        policy.time_left(t0, t0 + Duration::from_secs(45), per_attempt),
        Some(Duration::from_secs(15))
    );
    assert_eq!(
        policy.time_left(t0, t0 + Duration::from_secs(61), per_attempt),
        None
    );
}

proptest! {
    #[test]
    fn deadlines_bound_every_retry(
        total_ms in 0u64..200_000,
        elapsed_ms in 0u64..300_000,
        delay_ms in 0u64..100_000,
        per_attempt_ms in 0u64..100_000,
    ) {
        let policy = RetryPolicy::default().total_timeout(Duration::from_millis(total_ms));
        let t0 = now();
        let at = t0 + Duration::from_millis(elapsed_ms);
        let decision = policy.fits_deadline(RetryDecision::RetryAfter(Duration::from_millis(delay_ms)), t0, at);
        match decision {
            RetryDecision::RetryAfter(d) => prop_assert!(elapsed_ms + d.as_millis() as u64 <= total_ms),
            RetryDecision::Stop(reason) => {
                prop_assert_eq!(reason, StopReason::DeadlineExceeded);
                prop_assert!(elapsed_ms + delay_ms >= total_ms);
            }
        }
        match policy.time_left(t0, at, Duration::from_millis(per_attempt_ms)) {
            Some(left) => {
                prop_assert!(left <= Duration::from_millis(per_attempt_ms));
                prop_assert!(elapsed_ms + left.as_millis() as u64 <= total_ms);
            }
            None => prop_assert!(elapsed_ms >= total_ms),
        }
    }

    #[test]
    fn a_bare_429_is_sent_at_most_twice(method in arb_method(), attempt in 2u32..100, random in 0.0f64..1.0) {
        let h = HeaderMap::new();
        let outcome = Outcome::response(StatusCode::TOO_MANY_REQUESTS, &h);
        let policy = RetryPolicy::default().max_attempts(100);
        prop_assert_eq!(policy.decide(method, attempt, &outcome, now(), random), stop(StopReason::RateLimited));
    }
}

proptest! {
    // Rate limits reset at midnight UTC:
    // https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits
    #[test]
    fn the_next_utc_midnight_is_the_first_after(secs in 0u64..10_000_000_000, nanos in 0u32..1_000_000_000) {
        let at = SystemTime::UNIX_EPOCH + Duration::new(secs, nanos);
        let midnight = restli_codec::retry::next_utc_midnight(at).unwrap();
        let since = midnight.duration_since(SystemTime::UNIX_EPOCH).unwrap();
        prop_assert_eq!(since.subsec_nanos(), 0);
        prop_assert_eq!(since.as_secs() % 86_400, 0);
        prop_assert!(midnight > at);
        prop_assert!(midnight.duration_since(at).unwrap() <= Duration::from_secs(86_400));
    }

    #[test]
    fn any_429_reads_as_a_rate_limit(
        message in proptest::option::of(".{0,200}"),
        code in proptest::option::of(any::<i64>()),
        wait in proptest::option::of(0u64..u64::MAX / 4),
        secs in proptest::option::of(0u64..10_000_000_000),
    ) {
        let at = secs.map(|s| SystemTime::UNIX_EPOCH + Duration::from_secs(s));
        let limit = restli_codec::retry::RateLimit::new(code, message.as_deref(), wait.map(Duration::from_secs), at);
        prop_assert_eq!(limit.service_error_code(), code);
        if at.is_none() {
            prop_assert_eq!(limit.resets_at(), None);
        }
        if limit.is_daily() {
            prop_assert_eq!(limit.resets_at(), at.and_then(restli_codec::retry::next_utc_midnight));
        }
    }
}
