//! Fault injection: rate limits, failing requests, latency, dropped
//! connections and requests that are never answered.
//!
//! Rate limits answer as LinkedIn's do: LinkedIn counts calls per day (per
//! application and per member) and resets the counts at midnight UTC; a
//! refused call gets 429 with `serviceErrorCode` 101 and, usually, no
//! `Retry-After`
//! (<https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits>;
//! the page publishes neither the limits nor the message text, so the
//! sandbox's message only has to name the daily limit).
//!
//! A [`Fault`] is given to the builder ([`SandboxBuilder::fault`]) or, while
//! the sandbox runs, to [`Sandbox::inject`]. By default a fault applies to
//! every API request (`/rest/...` and `/v2/...`) but not to OAuth; narrow it
//! with [`Fault::on_path`] or widen it with [`Fault::everywhere`], and limit
//! it to the next few matching requests with [`Fault::times`].
//!
//! [`SandboxBuilder::fault`]: crate::SandboxBuilder::fault
//! [`Sandbox::inject`]: crate::Sandbox::inject

use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::RETRY_AFTER;
use http::{HeaderValue, StatusCode};

use crate::clock::{seconds_until, unix_seconds};
use crate::conn::Connection;
use crate::errors::ApiError;
use crate::lock;
use crate::state::AppState;

/// Something to go wrong on purpose.
///
/// ```
/// use std::time::Duration;
/// use http::StatusCode;
/// use linkedin_sandbox::Fault;
///
/// // The next two API requests answer 503.
/// let flaky = Fault::status(StatusCode::SERVICE_UNAVAILABLE).times(2);
/// // Ad account requests are slow, every time.
/// let slow = Fault::latency(Duration::from_millis(200)).on_path("/rest/adAccounts");
/// // Three requests per minute, OAuth included.
/// let throttled = Fault::rate_limit(3, Duration::from_secs(60)).everywhere();
/// // LinkedIn's own kind of limit: 500 calls per UTC day.
/// let daily = Fault::daily_limit(500);
/// # let _ = (flaky, slow, throttled, daily);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    kind: FaultKind,
    scope: Scope,
    times: Option<u32>,
    retry_after: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum FaultKind {
    Status(StatusCode),
    Latency(Duration),
    Drop,
    Hang,
    RateLimit { limit: u32, window: Window },
}

/// The period a rate limit counts requests in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Window {
    /// A fixed length, starting at the first request counted.
    Fixed(Duration),
    /// The UTC calendar day, as LinkedIn's limits.
    UtcDay,
}

const DAY: u64 = 24 * 3600;

impl Window {
    /// Whether `now` falls in the window that began at `start`.
    fn contains(self, start: SystemTime, now: SystemTime) -> bool {
        match self {
            Window::Fixed(length) => now >= start && now < start + length,
            Window::UtcDay => unix_seconds(start) / DAY == unix_seconds(now) / DAY,
        }
    }

    /// The start of the window a request at `now` opens.
    fn start(self, now: SystemTime) -> SystemTime {
        match self {
            Window::Fixed(_) => now,
            Window::UtcDay => {
                SystemTime::UNIX_EPOCH + Duration::from_secs(unix_seconds(now) / DAY * DAY)
            }
        }
    }

    /// When the window that began at `start` ends.
    fn end(self, start: SystemTime) -> SystemTime {
        match self {
            Window::Fixed(length) => start + length,
            Window::UtcDay => start + Duration::from_secs(DAY),
        }
    }
}

/// Which requests a fault applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Scope {
    Api,
    Prefix(String),
    Everything,
}

impl Scope {
    fn matches(&self, path: &str) -> bool {
        match self {
            Scope::Api => is_api_path(path),
            Scope::Prefix(prefix) => path.starts_with(prefix.as_str()),
            Scope::Everything => true,
        }
    }
}

fn is_api_path(path: &str) -> bool {
    ["/rest", "/v2"].iter().any(|base| {
        path.strip_prefix(base)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

impl Fault {
    fn new(kind: FaultKind) -> Self {
        Fault {
            kind,
            scope: Scope::Api,
            times: None,
            retry_after: false,
        }
    }

    /// Answers with this status (a LinkedIn-shaped error body), usually a
    /// 5xx.
    ///
    /// ```
    /// let fault = linkedin_sandbox::Fault::status(http::StatusCode::INTERNAL_SERVER_ERROR).times(1);
    /// # let _ = fault;
    /// ```
    pub fn status(status: StatusCode) -> Self {
        Fault::new(FaultKind::Status(status))
    }

    /// Delays each matching request before handling it. Several latency
    /// faults add up.
    ///
    /// ```
    /// let fault = linkedin_sandbox::Fault::latency(std::time::Duration::from_millis(50));
    /// # let _ = fault;
    /// ```
    pub fn latency(delay: Duration) -> Self {
        Fault::new(FaultKind::Latency(delay))
    }

    /// Closes the connection without answering: the client sees the
    /// connection end (EOF or reset), not an HTTP response.
    ///
    /// ```
    /// let fault = linkedin_sandbox::Fault::drop_connection().times(1);
    /// # let _ = fault;
    /// ```
    pub fn drop_connection() -> Self {
        Fault::new(FaultKind::Drop)
    }

    /// Never answers: the request hangs until the client gives up, the
    /// sandbox's hang limit passes ([`SandboxBuilder::hang_limit`], then the
    /// connection is closed) or the sandbox stops.
    ///
    /// [`SandboxBuilder::hang_limit`]: crate::SandboxBuilder::hang_limit
    ///
    /// ```
    /// let fault = linkedin_sandbox::Fault::hang().times(1);
    /// # let _ = fault;
    /// ```
    pub fn hang() -> Self {
        Fault::new(FaultKind::Hang)
    }

    /// Lets `limit` requests through per `window` (measured on the sandbox
    /// clock, starting at the first request), then answers as LinkedIn does
    /// when a limit is reached: 429, `serviceErrorCode` 101, no
    /// `Retry-After` (add one with [`Fault::with_retry_after`]). LinkedIn's
    /// limits are daily: [`Fault::daily_limit`] is that; this one is for
    /// tests that want a window they can wait out.
    ///
    /// ```
    /// let fault = linkedin_sandbox::Fault::rate_limit(100, std::time::Duration::from_secs(60));
    /// # let _ = fault;
    /// ```
    pub fn rate_limit(limit: u32, window: Duration) -> Self {
        Fault::new(FaultKind::RateLimit {
            limit,
            window: Window::Fixed(window),
        })
    }

    /// LinkedIn's limit: `limit` requests per UTC day on the sandbox clock
    /// (the count resets at midnight UTC), then 429 with `serviceErrorCode`
    /// 101, a message naming the daily limit, and no `Retry-After` unless
    /// [`Fault::with_retry_after`] asks for one.
    ///
    /// ```
    /// let fault = linkedin_sandbox::Fault::daily_limit(1000).on_path("/rest/adAccounts");
    /// # let _ = fault;
    /// ```
    pub fn daily_limit(limit: u32) -> Self {
        Fault::new(FaultKind::RateLimit {
            limit,
            window: Window::UtcDay,
        })
    }

    /// Makes a rate limit's 429 carry `Retry-After`: the whole seconds left
    /// until its window ends (for [`Fault::daily_limit`], until midnight
    /// UTC), at least 1. LinkedIn usually sends none; this is for clients
    /// that should be seen honouring one. No effect on other faults.
    ///
    /// ```
    /// let fault = linkedin_sandbox::Fault::rate_limit(0, std::time::Duration::from_secs(1))
    ///     .with_retry_after();
    /// # let _ = fault;
    /// ```
    pub fn with_retry_after(mut self) -> Self {
        self.retry_after = true;
        self
    }

    /// Applies to the next `n` matching requests only (for a rate limit:
    /// to the next `n` requests it would refuse), then goes away. Without
    /// it a fault stays until [`Sandbox::clear_faults`](crate::Sandbox::clear_faults).
    ///
    /// ```
    /// let fault = linkedin_sandbox::Fault::drop_connection().times(3);
    /// # let _ = fault;
    /// ```
    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }

    /// Applies only to requests whose path starts with `prefix` (such as
    /// `/rest/adAccounts` or `/oauth/v2/accessToken`).
    ///
    /// ```
    /// let fault = linkedin_sandbox::Fault::hang().on_path("/oauth/v2/accessToken");
    /// # let _ = fault;
    /// ```
    pub fn on_path(mut self, prefix: &str) -> Self {
        self.scope = Scope::Prefix(prefix.to_owned());
        self
    }

    /// Applies to every request, OAuth endpoints and unknown paths included.
    ///
    /// ```
    /// let fault = linkedin_sandbox::Fault::latency(std::time::Duration::from_millis(5)).everywhere();
    /// # let _ = fault;
    /// ```
    pub fn everywhere(mut self) -> Self {
        self.scope = Scope::Everything;
        self
    }
}

/// A fault and its live counters.
#[derive(Debug)]
struct Active {
    fault: Fault,
    remaining: Option<u32>,
    window_start: Option<SystemTime>,
    window_count: u32,
}

/// What to do with one request.
#[derive(Debug, Default, PartialEq, Eq)]
struct Decision {
    delay: Duration,
    outcome: Option<Outcome>,
}

#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Status(StatusCode),
    RateLimited { retry_after: Option<u64> },
    Drop,
    Hang,
}

/// The faults in force.
#[derive(Debug, Default)]
pub(crate) struct FaultState {
    active: Mutex<Vec<Active>>,
}

impl FaultState {
    pub(crate) fn inject(&self, fault: Fault) {
        if fault.times == Some(0) {
            return;
        }
        let remaining = fault.times;
        lock(&self.active).push(Active {
            fault,
            remaining,
            window_start: None,
            window_count: 0,
        });
    }

    pub(crate) fn clear(&self) {
        lock(&self.active).clear();
    }

    /// Decides the fate of a request to `path` at sandbox time `now`.
    fn decide(&self, path: &str, now: SystemTime) -> Decision {
        let mut active = lock(&self.active);
        let mut decision = Decision::default();
        for entry in active.iter_mut() {
            if !entry.fault.scope.matches(path) {
                continue;
            }
            let acted = match entry.fault.kind {
                FaultKind::Latency(delay) => {
                    decision.delay = decision.delay.saturating_add(delay);
                    true
                }
                FaultKind::RateLimit { limit, window } => {
                    let start = match entry.window_start {
                        Some(start) if window.contains(start, now) => start,
                        _ => {
                            let start = window.start(now);
                            entry.window_count = 0;
                            entry.window_start = Some(start);
                            start
                        }
                    };
                    entry.window_count = entry.window_count.saturating_add(1);
                    let refuse = entry.window_count > limit && decision.outcome.is_none();
                    if refuse {
                        let retry_after = entry
                            .fault
                            .retry_after
                            .then(|| seconds_until(now, window.end(start)).max(1));
                        decision.outcome = Some(Outcome::RateLimited { retry_after });
                    }
                    refuse
                }
                _ if decision.outcome.is_some() => false,
                FaultKind::Status(status) => {
                    decision.outcome = Some(Outcome::Status(status));
                    true
                }
                FaultKind::Drop => {
                    decision.outcome = Some(Outcome::Drop);
                    true
                }
                FaultKind::Hang => {
                    decision.outcome = Some(Outcome::Hang);
                    true
                }
            };
            if acted && let Some(remaining) = entry.remaining.as_mut() {
                *remaining = remaining.saturating_sub(1);
            }
        }
        active.retain(|entry| entry.remaining != Some(0));
        decision
    }
}

/// The `message` of a rate-limited answer. LinkedIn's limits are daily
/// and reset at midnight UTC; its Rate Limits page does not give the text,
/// so this names the limit the way LinkedIn's throttling messages do.
pub(crate) const DAILY_LIMIT_MESSAGE: &str =
    "Daily request limit for calls to this resource is reached; it resets at midnight UTC.";

/// Middleware: applies the faults in force to the request.
pub(crate) async fn apply_faults(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let decision = state.faults.decide(request.uri().path(), state.clock.now());
    if !decision.delay.is_zero() {
        let mut shutdown = state.shutdown.clone();
        tokio::select! {
            () = tokio::time::sleep(decision.delay) => {}
            () = shutdown.wait() => {}
        }
    }
    let connection = request.extensions().get::<Connection>().cloned();
    match decision.outcome {
        None => next.run(request).await,
        Some(Outcome::Status(status)) => ApiError::new(
            status,
            "INJECTED_FAULT",
            format!("{status} injected by the sandbox"),
        )
        .into_response(),
        Some(Outcome::RateLimited { retry_after }) => {
            let mut response = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "TOO_MANY_REQUESTS",
                DAILY_LIMIT_MESSAGE,
            )
            .with_service_code(101)
            .into_response();
            if let Some(seconds) = retry_after {
                response
                    .headers_mut()
                    .insert(RETRY_AFTER, HeaderValue::from(seconds));
            }
            response
        }
        Some(Outcome::Drop) => close_without_answer(connection).await,
        Some(Outcome::Hang) => {
            let mut shutdown = state.shutdown.clone();
            tokio::select! {
                () = tokio::time::sleep(state.hang_limit) => {}
                () = shutdown.wait() => {}
            }
            close_without_answer(connection).await
        }
    }
}

/// Closes the request's connection and never produces an answer (the
/// connection task drops this future with the connection). Without a
/// connection handle (the router used outside the sandbox's server) it
/// answers 503 instead.
async fn close_without_answer(connection: Option<Connection>) -> Response {
    match connection {
        Some(connection) => {
            connection.close();
            std::future::pending().await
        }
        None => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "INJECTED_FAULT",
            "the connection would have been closed",
        )
        .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn scopes() {
        assert!(Scope::Api.matches("/rest/adAccounts"));
        assert!(Scope::Api.matches("/v2/me"));
        assert!(!Scope::Api.matches("/oauth/v2/accessToken"));
        assert!(!Scope::Api.matches("/restful"));
        assert!(Scope::Prefix("/oauth".into()).matches("/oauth/v2/accessToken"));
        assert!(Scope::Everything.matches("/anything"));
    }

    #[test]
    fn times_limits_a_fault() {
        let faults = FaultState::default();
        faults.inject(Fault::status(StatusCode::BAD_GATEWAY).times(2));
        for _ in 0..2 {
            assert_eq!(
                faults.decide("/rest/x", at(0)).outcome,
                Some(Outcome::Status(StatusCode::BAD_GATEWAY))
            );
        }
        assert_eq!(faults.decide("/rest/x", at(0)), Decision::default());
    }

    #[test]
    fn daily_limit_resets_at_midnight_utc() {
        let faults = FaultState::default();
        faults.inject(Fault::daily_limit(1));
        let evening = 19_000 * DAY + 23 * 3600;
        assert_eq!(faults.decide("/v2/me", at(evening)).outcome, None);
        assert_eq!(
            faults.decide("/v2/me", at(evening + 3599)).outcome,
            Some(Outcome::RateLimited { retry_after: None })
        );
        // Midnight UTC: a new day, a new count.
        assert_eq!(faults.decide("/v2/me", at(evening + 3600)).outcome, None);
        assert!(
            faults
                .decide("/v2/me", at(evening + 3601))
                .outcome
                .is_some()
        );
    }

    #[test]
    fn retry_after_only_when_asked() {
        let faults = FaultState::default();
        faults.inject(Fault::daily_limit(0).with_retry_after());
        let evening = 19_000 * DAY + 23 * 3600;
        assert_eq!(
            faults.decide("/v2/me", at(evening)).outcome,
            Some(Outcome::RateLimited {
                retry_after: Some(3600)
            })
        );
    }

    proptest::proptest! {
        /// Whatever the time and limit, a daily limit lets exactly `limit`
        /// requests through per UTC day, and never asks for Retry-After.
        #[test]
        fn daily_limit_counts_per_utc_day(
            start in 0u64..4_000_000_000,
            limit in 0u32..5,
            steps in proptest::collection::vec(0u64..40_000, 1..30),
        ) {
            let faults = FaultState::default();
            faults.inject(Fault::daily_limit(limit));
            let mut now = start;
            let mut per_day = std::collections::HashMap::<u64, u32>::new();
            for step in steps {
                now += step;
                let outcome = faults.decide("/rest/a", at(now)).outcome;
                let count = per_day.entry(now / DAY).or_default();
                *count += 1;
                if *count > limit {
                    proptest::prop_assert_eq!(outcome, Some(Outcome::RateLimited { retry_after: None }));
                } else {
                    proptest::prop_assert_eq!(outcome, None);
                }
            }
        }
    }

    #[test]
    fn rate_limit_window() {
        let faults = FaultState::default();
        faults.inject(Fault::rate_limit(2, Duration::from_secs(60)).with_retry_after());
        assert_eq!(faults.decide("/v2/me", at(100)).outcome, None);
        assert_eq!(faults.decide("/v2/me", at(110)).outcome, None);
        assert_eq!(
            faults.decide("/v2/me", at(130)).outcome,
            Some(Outcome::RateLimited {
                retry_after: Some(30)
            })
        );
        // OAuth is not an API path.
        assert_eq!(
            faults.decide("/oauth/v2/accessToken", at(130)).outcome,
            None
        );
        // A new window.
        assert_eq!(faults.decide("/v2/me", at(160)).outcome, None);
    }

    #[test]
    fn latencies_add_up_and_first_outcome_wins() {
        let faults = FaultState::default();
        faults.inject(Fault::latency(Duration::from_millis(10)));
        faults.inject(Fault::latency(Duration::from_millis(5)));
        faults.inject(Fault::drop_connection().times(1));
        faults.inject(Fault::hang().times(1));
        let first = faults.decide("/rest/a", at(0));
        assert_eq!(first.delay, Duration::from_millis(15));
        assert_eq!(first.outcome, Some(Outcome::Drop));
        assert_eq!(faults.decide("/rest/a", at(0)).outcome, Some(Outcome::Hang));
        assert_eq!(faults.decide("/rest/a", at(0)).outcome, None);
    }
}
