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
//! * **Rate limits are daily.** LinkedIn's limits count calls per 24 hours
//!   and reset at midnight UTC; its 429 usually carries no `Retry-After`
//!   (<https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits>).
//!   Retrying such a 429 again and again only burns what is left of the
//!   quota, so a 429 *without* `Retry-After` is retried once (after the
//!   backoff: LinkedIn also sends 429 for short infrastructure protection)
//!   and then stops with [`StopReason::RateLimited`]. A 429 whose
//!   `Retry-After` is within [`RetryPolicy::max_retry_after`] is retried
//!   like any other, up to `max_attempts`.
//! * **How long in all.** [`RetryPolicy::total_timeout`] (default 60 s)
//!   bounds a call from its first attempt to its last: a retry whose delay
//!   would end past it is not taken ([`RetryPolicy::fits_deadline`]), and a
//!   transport caps each attempt's own timeout by the time left
//!   ([`crate::exchange::Exchange::attempt_timeout`]).
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use linkedin::restli::Method;
//! use linkedin::restli::retry::{Outcome, RetryDecision, RetryPolicy, StopReason};
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
/// use linkedin::restli::retry::RetryPolicy;
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
    total_timeout: Duration,
}

/// The default of [`RetryPolicy::total_timeout`]: 60 s from the first
/// attempt to the end of the last (with the 30 s per-attempt default, at
/// most two slow attempts; four quick ones with their backoff fit easily).
///
/// ```
/// assert_eq!(linkedin::restli::retry::DEFAULT_TOTAL_TIMEOUT.as_secs(), 60);
/// ```
pub const DEFAULT_TOTAL_TIMEOUT: Duration = Duration::from_secs(60);

impl Default for RetryPolicy {
    /// 4 attempts in all, 500 ms base delay, 30 s cap, `Retry-After`
    /// honoured up to 60 s, 60 s in all ([`DEFAULT_TOTAL_TIMEOUT`]).
    ///
    /// ```
    /// use linkedin::restli::retry::RetryPolicy;
    /// assert_eq!(RetryPolicy::default(), RetryPolicy::new());
    /// ```
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(60),
            total_timeout: DEFAULT_TOTAL_TIMEOUT,
        }
    }
}

/// What happened to an attempt.
///
/// ```
/// use linkedin::restli::retry::{Outcome, TransportFailure};
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
    /// use linkedin::restli::retry::Outcome;
    /// let headers = http::HeaderMap::new();
    /// let _ = Outcome::response(http::StatusCode::BAD_GATEWAY, &headers);
    /// ```
    pub fn response(status: StatusCode, headers: &'a HeaderMap) -> Self {
        Outcome::Response { status, headers }
    }

    /// The outcome of a received response (any body type).
    ///
    /// ```
    /// use linkedin::restli::retry::Outcome;
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
/// use linkedin::restli::retry::TransportFailure;
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
    /// The response body was larger than the HTTP client's limit: not
    /// retried (the same answer would come again).
    BodyTooLarge,
    /// Anything else (TLS failures, malformed responses): not retried.
    Other,
}

/// What to do after an attempt.
///
/// ```
/// use std::time::Duration;
/// use linkedin::restli::retry::RetryDecision;
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
    /// use linkedin::restli::retry::{RetryDecision, StopReason};
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
/// use linkedin::restli::retry::StopReason;
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
    /// A 429 without `Retry-After` came again after one retry: LinkedIn's
    /// daily limit is reached, and more attempts would only spend quota.
    RateLimited,
    /// The retry would end after the policy's
    /// [`total_timeout`](RetryPolicy::total_timeout).
    DeadlineExceeded,
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
        Outcome::Transport(TransportFailure::Other | TransportFailure::BodyTooLarge) => {
            Class::Final
        }
    }
}

impl RetryPolicy {
    /// The default policy (see [`Default`](#impl-Default-for-RetryPolicy)).
    ///
    /// ```
    /// let policy = linkedin::restli::retry::RetryPolicy::new();
    /// # let _ = policy;
    /// ```
    pub fn new() -> Self {
        RetryPolicy::default()
    }

    /// A policy that never retries (one attempt).
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use linkedin::restli::{Method, retry::{Outcome, RetryDecision, RetryPolicy, StopReason}};
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
    /// let policy = linkedin::restli::retry::RetryPolicy::default().max_attempts(10);
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
    /// let policy = linkedin::restli::retry::RetryPolicy::default().base_delay(Duration::from_millis(100));
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
    /// let policy = linkedin::restli::retry::RetryPolicy::default().max_delay(Duration::from_secs(5));
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
    /// let policy = linkedin::restli::retry::RetryPolicy::default().max_retry_after(Duration::from_secs(300));
    /// # let _ = policy;
    /// ```
    pub fn max_retry_after(mut self, delay: Duration) -> Self {
        self.max_retry_after = delay;
        self
    }

    /// The longest a whole call may take, from the start of its first
    /// attempt to the end of its last, waits included (default
    /// [`DEFAULT_TOTAL_TIMEOUT`]). A retry that would start or run past it
    /// is not taken; transports also cut each attempt's timeout to the
    /// time left.
    ///
    /// ```
    /// use std::time::Duration;
    /// let policy = linkedin::restli::retry::RetryPolicy::default().total_timeout(Duration::from_secs(10));
    /// assert_eq!(policy.total_timeout_value(), Duration::from_secs(10));
    /// ```
    pub fn total_timeout(mut self, total: Duration) -> Self {
        self.total_timeout = total;
        self
    }

    /// The total deadline of a call (see [`total_timeout`](Self::total_timeout)).
    ///
    /// ```
    /// use linkedin::restli::retry::{DEFAULT_TOTAL_TIMEOUT, RetryPolicy};
    /// assert_eq!(RetryPolicy::default().total_timeout_value(), DEFAULT_TOTAL_TIMEOUT);
    /// ```
    pub fn total_timeout_value(&self) -> Duration {
        self.total_timeout
    }

    /// `decision` checked against the total deadline of a call that
    /// started at `started`: a retry whose wait would end at or after
    /// `started + total_timeout` becomes [`StopReason::DeadlineExceeded`]
    /// (there would be no time left for the attempt itself). A stop stays
    /// a stop.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use linkedin::restli::retry::{RetryDecision, RetryPolicy, StopReason};
    ///
    /// let policy = RetryPolicy::default().total_timeout(Duration::from_secs(10));
    /// let started = SystemTime::UNIX_EPOCH;
    /// let wait = RetryDecision::RetryAfter(Duration::from_secs(2));
    /// assert_eq!(policy.fits_deadline(wait, started, started + Duration::from_secs(7)), wait);
    /// assert_eq!(
    ///     policy.fits_deadline(wait, started, started + Duration::from_secs(8)),
    ///     RetryDecision::Stop(StopReason::DeadlineExceeded),
    /// );
    /// ```
    pub fn fits_deadline(
        &self,
        decision: RetryDecision,
        started: SystemTime,
        now: SystemTime,
    ) -> RetryDecision {
        let RetryDecision::RetryAfter(delay) = decision else {
            return decision;
        };
        let elapsed = now.duration_since(started).unwrap_or(Duration::ZERO);
        match elapsed.checked_add(delay) {
            Some(resume) if resume < self.total_timeout => decision,
            _ => RetryDecision::Stop(StopReason::DeadlineExceeded),
        }
    }

    /// How long the next attempt of a call that started at `started` may
    /// take: `per_attempt`, cut to the time left before the total deadline;
    /// `None` once no time is left.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use linkedin::restli::retry::RetryPolicy;
    ///
    /// let policy = RetryPolicy::default().total_timeout(Duration::from_secs(60));
    /// let t0 = SystemTime::UNIX_EPOCH;
    /// let per_attempt = Duration::from_secs(30);
    /// assert_eq!(policy.time_left(t0, t0, per_attempt), Some(per_attempt));
    /// assert_eq!(policy.time_left(t0, t0 + Duration::from_secs(50), per_attempt), Some(Duration::from_secs(10)));
    /// assert_eq!(policy.time_left(t0, t0 + Duration::from_secs(60), per_attempt), None);
    /// ```
    pub fn time_left(
        &self,
        started: SystemTime,
        now: SystemTime,
        per_attempt: Duration,
    ) -> Option<Duration> {
        let elapsed = now.duration_since(started).unwrap_or(Duration::ZERO);
        let left = self.total_timeout.checked_sub(elapsed)?;
        (!left.is_zero()).then(|| left.min(per_attempt))
    }

    /// Decides what to do after attempt number `attempt` (1-based) of a
    /// `method` request ended with `outcome`. `now` is the current time
    /// (for `Retry-After` dates); `random` is a uniformly random number in
    /// `[0, 1)` (values outside are clamped into it, NaN counts as 0).
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use linkedin::restli::Method;
    /// use linkedin::restli::retry::{Outcome, RetryDecision, RetryPolicy};
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
        if let Outcome::Response { headers, .. } = outcome {
            if let Some(requested) = retry_after(headers, now) {
                return if requested > self.max_retry_after {
                    RetryDecision::Stop(StopReason::RetryAfterTooLong { requested })
                } else {
                    RetryDecision::RetryAfter(requested)
                };
            }
            // A 429 without Retry-After is most likely the daily limit
            // (see the module docs): one retry, for the rare short
            // throttle, then stop.
            if class == Class::Throttled && attempt >= 2 {
                return RetryDecision::Stop(StopReason::RateLimited);
            }
        }
        RetryDecision::RetryAfter(self.backoff(attempt, random))
    }

    /// The jittered backoff after attempt `attempt`: `random * min(max_delay,
    /// base_delay * 2^(attempt-1))`, never more than `max_delay`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use linkedin::restli::retry::RetryPolicy;
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
/// use linkedin::restli::retry::retry_after;
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

/// What a 429 said about the rate limit it hit
/// ([`ApiError::rate_limit`](crate::response::ApiError::rate_limit)).
///
/// LinkedIn's limits count calls per day, per application and per member,
/// and reset at midnight UTC
/// (<https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits>);
/// its message names the limit (`... APPLICATION DAY limit ...`). When it
/// names a daily limit, [`resets_at`](Self::resets_at) is the next midnight
/// UTC after the response's time.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use linkedin::restli::retry::RateLimit;
///
/// // 2024-06-01 13:20:00 UTC.
/// let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_717_248_000);
/// let limit = RateLimit::new(Some(101), Some("Resource level throttle APPLICATION DAY limit is reached."), None, Some(at));
/// assert!(limit.is_daily());
/// // 2024-06-02 00:00:00 UTC.
/// assert_eq!(limit.resets_at(), Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_717_286_400)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimit {
    service_error_code: Option<i64>,
    daily: bool,
    retry_after: Option<Duration>,
    resets_at: Option<SystemTime>,
}

impl RateLimit {
    /// Reads a 429's `serviceErrorCode`, message and `Retry-After` wait,
    /// received at `at` (the response's `Date`, or when it arrived; `None`:
    /// unknown, so no reset time).
    ///
    /// A limit is daily when the message names one (the word `DAY` or
    /// `DAILY`, any case, as LinkedIn's `APPLICATION DAY limit` and
    /// `MEMBER DAY limit`). The docs do not publish every message: a 429
    /// that names no period has no reset time rather than a guessed one.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use linkedin::restli::retry::RateLimit;
    ///
    /// let limit = RateLimit::new(None, Some("slow down"), Some(Duration::from_secs(3)), Some(SystemTime::UNIX_EPOCH));
    /// assert!(!limit.is_daily());
    /// assert_eq!(limit.resets_at(), Some(SystemTime::UNIX_EPOCH + Duration::from_secs(3)));
    /// ```
    pub fn new(
        service_error_code: Option<i64>,
        message: Option<&str>,
        retry_after: Option<Duration>,
        at: Option<SystemTime>,
    ) -> Self {
        let daily = message.is_some_and(names_a_day);
        let resets_at = at.and_then(|at| {
            if daily {
                next_utc_midnight(at)
            } else {
                retry_after.and_then(|wait| at.checked_add(wait))
            }
        });
        RateLimit {
            service_error_code,
            daily,
            retry_after,
            resets_at,
        }
    }

    /// LinkedIn's `serviceErrorCode` (101 for its rate limits).
    ///
    /// ```
    /// # use linkedin::restli::retry::RateLimit;
    /// let limit = RateLimit::new(Some(101), None, None, None);
    /// assert_eq!(limit.service_error_code(), Some(101));
    /// ```
    pub fn service_error_code(&self) -> Option<i64> {
        self.service_error_code
    }

    /// Whether the message names a daily limit.
    ///
    /// ```
    /// # use linkedin::restli::retry::RateLimit;
    /// let limit = RateLimit::new(None, Some("MEMBER DAY limit reached"), None, None);
    /// assert!(limit.is_daily());
    /// ```
    pub fn is_daily(&self) -> bool {
        self.daily
    }

    /// The `Retry-After` wait the server sent, if any.
    ///
    /// ```
    /// # use linkedin::restli::retry::RateLimit;
    /// let limit = RateLimit::new(None, None, None, None);
    /// assert_eq!(limit.retry_after(), None);
    /// ```
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// When calls can succeed again: the next midnight UTC for a daily
    /// limit, else the end of the `Retry-After` wait; `None` when the
    /// answer says neither.
    ///
    /// ```
    /// # use linkedin::restli::retry::RateLimit;
    /// let limit = RateLimit::new(Some(101), Some("throttled"), None, Some(std::time::SystemTime::UNIX_EPOCH));
    /// assert_eq!(limit.resets_at(), None);
    /// ```
    pub fn resets_at(&self) -> Option<SystemTime> {
        self.resets_at
    }
}

/// Whether `message` names a daily limit (a word `DAY` or `DAILY`).
fn names_a_day(message: &str) -> bool {
    message
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| word.eq_ignore_ascii_case("day") || word.eq_ignore_ascii_case("daily"))
}

/// The first midnight UTC strictly after `at` (`None` before the Unix
/// epoch or past the end of `SystemTime`).
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use linkedin::restli::retry::next_utc_midnight;
///
/// let day = Duration::from_secs(86_400);
/// let midnight = SystemTime::UNIX_EPOCH + day * 20_000;
/// assert_eq!(next_utc_midnight(midnight), Some(midnight + day));
/// assert_eq!(next_utc_midnight(midnight - Duration::from_secs(1)), Some(midnight));
/// ```
pub fn next_utc_midnight(at: SystemTime) -> Option<SystemTime> {
    const DAY: u64 = 86_400;
    let since_epoch = at.duration_since(SystemTime::UNIX_EPOCH).ok()?;
    let days = since_epoch.as_secs() / DAY;
    let next = days.checked_add(1)?.checked_mul(DAY)?;
    SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(next))
}
