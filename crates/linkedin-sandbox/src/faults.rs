//! Fault injection: rate limits, failing requests, latency, dropped
//! connections and requests that are never answered.
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

use crate::clock::seconds_until;
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
/// # let _ = (flaky, slow, throttled);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    kind: FaultKind,
    scope: Scope,
    times: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum FaultKind {
    Status(StatusCode),
    Latency(Duration),
    Drop,
    Hang,
    RateLimit { limit: u32, window: Duration },
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
    /// clock, starting at the first request), then answers 429 with
    /// `Retry-After` set to the whole seconds left in the window.
    ///
    /// ```
    /// let fault = linkedin_sandbox::Fault::rate_limit(100, std::time::Duration::from_secs(60));
    /// # let _ = fault;
    /// ```
    pub fn rate_limit(limit: u32, window: Duration) -> Self {
        Fault::new(FaultKind::RateLimit { limit, window })
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
    RateLimited { retry_after: u64 },
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
                        Some(start) if now < start + window => start,
                        _ => {
                            entry.window_count = 0;
                            entry.window_start = Some(now);
                            now
                        }
                    };
                    entry.window_count = entry.window_count.saturating_add(1);
                    let refuse = entry.window_count > limit && decision.outcome.is_none();
                    if refuse {
                        let retry_after = seconds_until(now, start + window).max(1);
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
                "Resource level throttle limit for calls to this resource is reached.",
            )
            .with_service_code(101)
            .into_response();
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(retry_after));
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
    fn rate_limit_window() {
        let faults = FaultState::default();
        faults.inject(Fault::rate_limit(2, Duration::from_secs(60)));
        assert_eq!(faults.decide("/v2/me", at(100)).outcome, None);
        assert_eq!(faults.decide("/v2/me", at(110)).outcome, None);
        assert_eq!(
            faults.decide("/v2/me", at(130)).outcome,
            Some(Outcome::RateLimited { retry_after: 30 })
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
