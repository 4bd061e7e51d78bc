//! Retry decisions, as pure functions of what happened.
//!
//! A transport sends a request, then asks [`RetryPolicy::decide`] what to do
//! with the outcome: wait and send again, or stop. The policy reads no clock
//! and draws no random numbers: the caller passes the current time (for
//! `Retry-After` dates) and a random number in `[0, 1)` (for jitter).
//!
//! The rules:
//!
//! * **What is retried.** 429 Too Many Requests; 500, 502, 503 and 504; and
//!   transport failures ([`TransportFailure::Connect`], `Timeout`,
//!   `ConnectionReset`, but not `Other`). Everything else (success, other
//!   4xx and 5xx) is final.
//! * **Which methods.** Idempotent methods ([`Method::is_idempotent`]) are
//!   retried on all of the above. CREATE, BATCH_CREATE, PARTIAL_UPDATE,
//!   BATCH_PARTIAL_UPDATE and ACTION only on 429, which means the request
//!   was not processed; a 5xx or a lost connection may have come after the
//!   server acted, and repeating it could act twice.
//! * **How many times.** `attempt` is the 1-based number of the attempt
//!   that just finished; at `attempt >= max_attempts` the policy stops.
//! * **How long to wait.** A `Retry-After` header (seconds, or an HTTP date
//!   relative to `now`; a date in the past means now) wins; one longer than
//!   [`RetryPolicy::max_retry_after`] stops instead. Otherwise exponential
//!   backoff with full jitter: `random * min(max_delay, base_delay *
//!   2^(attempt-1))`.
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use restli_codec::Method;
//! use restli_codec::retry::{Outcome, RetryDecision, RetryPolicy, StopReason};
//!
//! let policy = RetryPolicy::default(); // 4 attempts, 500 ms base, 30 s cap
//! let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
//! let headers = http::HeaderMap::new();
//!
//! // A 503 on GET: back off, with jitter 0.5 of 500 ms * 2^(2-1).
//! let outcome = Outcome::response(http::StatusCode::SERVICE_UNAVAILABLE, &headers);
//! assert_eq!(
//!     policy.decide(Method::Get, 2, &outcome, now, 0.5),
//!     RetryDecision::RetryAfter(Duration::from_millis(500)),
//! );
//! // The same 503 on CREATE: not retried.
//! assert_eq!(
//!     policy.decide(Method::Create, 1, &outcome, now, 0.5),
//!     RetryDecision::Stop(StopReason::NotIdempotent),
//! );
//! ```

use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode, header::RETRY_AFTER};

use crate::Method;

/// When and how often to retry (see [the module docs](self)).
///
/// ```
/// use std::time::Duration;
/// use restli_codec::retry::RetryPolicy;
///
/// let policy = RetryPolicy::default()
///     .max_attempts(6)
///     .base_delay(Duration::from_millis(200))
///     .max_delay(Duration::from_secs(10))
///     .max_retry_after(Duration::from_secs(120));
/// # let _ = policy;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// 4 attempts in all, 500 ms base delay, 30 s cap, `Retry-After`
    /// honoured up to 60 s.
    ///
    /// ```
    /// use restli_codec::retry::RetryPolicy;
    /// assert_eq!(RetryPolicy::default(), RetryPolicy::new());
    /// ```
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

/// What happened to an attempt.
///
/// ```
/// use restli_codec::retry::{Outcome, TransportFailure};
///
/// let response = http::Response::builder().status(429).body(())?;
/// let outcome = Outcome::of(&response);
/// assert!(matches!(outcome, Outcome::Response { status, .. } if status == 429));
/// let lost = Outcome::Transport(TransportFailure::ConnectionReset);
/// # let _ = lost;
/// # Ok::<(), http::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Outcome<'a> {
    /// A response arrived.
    Response {
        /// Its status.
        status: StatusCode,
        /// Its headers (for `Retry-After`).
        headers: &'a HeaderMap,
    },
    /// No response arrived.
    Transport(TransportFailure),
}

impl<'a> Outcome<'a> {
    /// A response with this status and these headers.
    ///
    /// ```
    /// use restli_codec::retry::Outcome;
    /// let headers = http::HeaderMap::new();
    /// let _ = Outcome::response(http::StatusCode::BAD_GATEWAY, &headers);
    /// ```
    pub fn response(status: StatusCode, headers: &'a HeaderMap) -> Self {
        Outcome::Response { status, headers }
    }

    /// The outcome of a received response (any body type).
    ///
    /// ```
    /// use restli_codec::retry::Outcome;
    /// let response = http::Response::builder().status(200).body(Vec::<u8>::new())?;
    /// assert!(matches!(Outcome::of(&response), Outcome::Response { .. }));
    /// # Ok::<(), http::Error>(())
    /// ```
    pub fn of<B>(response: &'a http::Response<B>) -> Self {
        Outcome::response(response.status(), response.headers())
    }
}

/// Why no response arrived.
///
/// ```
/// use restli_codec::retry::TransportFailure;
/// assert_ne!(TransportFailure::Timeout, TransportFailure::Other);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportFailure {
    /// The connection could not be opened (DNS, refused, unreachable).
    Connect,
    /// The request or the response took too long.
    Timeout,
    /// The connection broke while the request was in flight.
    ConnectionReset,
    /// Anything else (TLS failures, malformed responses): not retried.
    Other,
}

/// What to do after an attempt.
///
/// ```
/// use std::time::Duration;
/// use restli_codec::retry::RetryDecision;
///
/// let decision = RetryDecision::RetryAfter(Duration::from_secs(1));
/// assert_eq!(decision.delay(), Some(Duration::from_secs(1)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Wait this long, then send the request again.
    RetryAfter(Duration),
    /// Do not retry; hand the outcome to the caller.
    Stop(StopReason),
}

impl RetryDecision {
    /// The delay before retrying, or `None` for [`RetryDecision::Stop`].
    ///
    /// ```
    /// use restli_codec::retry::{RetryDecision, StopReason};
    /// assert_eq!(RetryDecision::Stop(StopReason::NotRetryable).delay(), None);
    /// ```
    pub fn delay(self) -> Option<std::time::Duration> {
        match self {
            RetryDecision::RetryAfter(delay) => Some(delay),
            RetryDecision::Stop(_) => None,
        }
    }
}

/// Why a [`RetryDecision::Stop`].
///
/// ```
/// use restli_codec::retry::StopReason;
/// assert_ne!(StopReason::NotRetryable, StopReason::AttemptsExhausted);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum StopReason {
    /// The outcome is final: a success, or an error that retrying cannot
    /// fix.
    NotRetryable,
    /// The outcome would be retried for an idempotent method, but this
    /// method is not idempotent.
    NotIdempotent,
    /// The policy's `max_attempts` have been used.
    AttemptsExhausted,
    /// The server asked to wait longer than `max_retry_after`.
    RetryAfterTooLong {
        /// How long the server asked to wait.
        requested: Duration,
    },
}

/// How an outcome may be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// 429: retried for every method.
    Throttled,
    /// 5xx or transport failure: retried for idempotent methods.
    Transient,
    /// Everything else.
    Final,
}

fn classify(outcome: &Outcome<'_>) -> Class {
    match outcome {
        Outcome::Response { status, .. } => match status.as_u16() {
            429 => Class::Throttled,
            500 | 502 | 503 | 504 => Class::Transient,
            _ => Class::Final,
        },
        Outcome::Transport(
            TransportFailure::Connect
            | TransportFailure::Timeout
            | TransportFailure::ConnectionReset,
        ) => Class::Transient,
        Outcome::Transport(TransportFailure::Other) => Class::Final,
    }
}

impl RetryPolicy {
    /// The default policy (see [`Default`](#impl-Default-for-RetryPolicy)).
    ///
    /// ```
    /// let policy = restli_codec::retry::RetryPolicy::new();
    /// # let _ = policy;
    /// ```
    pub fn new() -> Self {
        RetryPolicy::default()
    }

    /// A policy that never retries (one attempt).
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use restli_codec::{Method, retry::{Outcome, RetryDecision, RetryPolicy, StopReason}};
    /// let headers = http::HeaderMap::new();
    /// let outcome = Outcome::response(http::StatusCode::SERVICE_UNAVAILABLE, &headers);
    /// assert_eq!(
    ///     RetryPolicy::none().decide(Method::Get, 1, &outcome, SystemTime::UNIX_EPOCH, 0.0),
    ///     RetryDecision::Stop(StopReason::AttemptsExhausted),
    /// );
    /// ```
    pub fn none() -> Self {
        RetryPolicy::default().max_attempts(1)
    }

    /// How many attempts in all, the first included (0 counts as 1).
    ///
    /// ```
    /// let policy = restli_codec::retry::RetryPolicy::default().max_attempts(10);
    /// # let _ = policy;
    /// ```
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff before the second attempt, doubled for each later one
    /// (before jitter).
    ///
    /// ```
    /// use std::time::Duration;
    /// let policy = restli_codec::retry::RetryPolicy::default().base_delay(Duration::from_millis(100));
    /// # let _ = policy;
    /// ```
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The cap on backoff delays (not on `Retry-After`).
    ///
    /// ```
    /// use std::time::Duration;
    /// let policy = restli_codec::retry::RetryPolicy::default().max_delay(Duration::from_secs(5));
    /// # let _ = policy;
    /// ```
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The longest `Retry-After` that is waited for; a longer one stops
    /// with [`StopReason::RetryAfterTooLong`].
    ///
    /// ```
    /// use std::time::Duration;
    /// let policy = restli_codec::retry::RetryPolicy::default().max_retry_after(Duration::from_secs(300));
    /// # let _ = policy;
    /// ```
    pub fn max_retry_after(mut self, delay: Duration) -> Self {
        self.max_retry_after = delay;
        self
    }

    /// Decides what to do after attempt number `attempt` (1-based) of a
    /// `method` request ended with `outcome`. `now` is the current time
    /// (for `Retry-After` dates); `random` is a uniformly random number in
    /// `[0, 1)` (values outside are clamped into it, NaN counts as 0).
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use restli_codec::Method;
    /// use restli_codec::retry::{Outcome, RetryDecision, RetryPolicy};
    ///
    /// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    /// let mut headers = http::HeaderMap::new();
    /// headers.insert("retry-after", http::HeaderValue::from_static("7"));
    /// let throttled = Outcome::response(http::StatusCode::TOO_MANY_REQUESTS, &headers);
    /// // 429 is retried even for ACTION, and Retry-After wins over backoff.
    /// assert_eq!(
    ///     RetryPolicy::default().decide(Method::Action, 1, &throttled, now, 0.9),
    ///     RetryDecision::RetryAfter(Duration::from_secs(7)),
    /// );
    /// ```
    pub fn decide(
        &self,
        method: Method,
        attempt: u32,
        outcome: &Outcome<'_>,
        now: SystemTime,
        random: f64,
    ) -> RetryDecision {
        let class = classify(outcome);
        if class == Class::Final {
            return RetryDecision::Stop(StopReason::NotRetryable);
        }
        if class == Class::Transient && !method.is_idempotent() {
            return RetryDecision::Stop(StopReason::NotIdempotent);
        }
        if attempt >= self.max_attempts {
            return RetryDecision::Stop(StopReason::AttemptsExhausted);
        }
        if let Outcome::Response { headers, .. } = outcome
            && let Some(requested) = retry_after(headers, now)
        {
            return if requested > self.max_retry_after {
                RetryDecision::Stop(StopReason::RetryAfterTooLong { requested })
            } else {
                RetryDecision::RetryAfter(requested)
            };
        }
        RetryDecision::RetryAfter(self.backoff(attempt, random))
    }

    /// The jittered backoff after attempt `attempt`: `random * min(max_delay,
    /// base_delay * 2^(attempt-1))`, never more than `max_delay`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use restli_codec::retry::RetryPolicy;
    /// let policy = RetryPolicy::default(); // 500 ms base, 30 s cap
    /// assert_eq!(policy.backoff(1, 0.5), Duration::from_millis(250));
    /// assert_eq!(policy.backoff(3, 0.5), Duration::from_millis(1000));
    /// assert_eq!(policy.backoff(40, 0.5), Duration::from_secs(15));
    /// assert_eq!(policy.backoff(3, 0.0), Duration::ZERO);
    /// ```
    pub fn backoff(&self, attempt: u32, random: f64) -> Duration {
        let cap = self.max_delay;
        let ceiling = 1u32
            .checked_shl(attempt.saturating_sub(1))
            .and_then(|factor| self.base_delay.checked_mul(factor))
            .map_or(cap, |d| d.min(cap));
        let random = if random.is_nan() {
            0.0
        } else {
            random.clamp(0.0, 1.0)
        };
        Duration::try_from_secs_f64(ceiling.as_secs_f64() * random)
            .unwrap_or(ceiling)
            .min(ceiling)
    }
}

/// How long a response's `Retry-After` header asks to wait: whole seconds,
/// or an HTTP date measured from `now` (a date in the past means no wait).
/// `None` when the header is absent or malformed.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use restli_codec::retry::retry_after;
///
/// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480); // 2015-10-21 07:28:00 UTC
/// let mut headers = http::HeaderMap::new();
/// headers.insert("retry-after", http::HeaderValue::from_static("Wed, 21 Oct 2015 07:28:30 GMT"));
/// assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(30)));
/// headers.insert("retry-after", http::HeaderValue::from_static("120"));
/// assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(120)));
/// headers.insert("retry-after", http::HeaderValue::from_static("soon"));
/// assert_eq!(retry_after(&headers, now), None);
/// ```
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for a u64 is still "very long".
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}
