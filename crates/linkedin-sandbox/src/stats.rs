//! Request counts per path, so tests can assert how a client behaved
//! ("exactly one refresh request", "three retries").

use std::collections::BTreeMap;
use std::sync::Mutex;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::lock;
use crate::state::AppState;

/// A snapshot of how many requests the sandbox received, by path.
///
/// Every request counts once, whatever its answer (errors and injected
/// faults included), under its path without the query string. A tunneled
/// request counts under its path like its untunneled twin.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), linkedin_sandbox::Error> {
/// let sandbox = linkedin_sandbox::Sandbox::start().await?;
/// let stats = sandbox.stats();
/// assert_eq!(stats.total(), 0);
/// assert_eq!(stats.count("/oauth/v2/accessToken"), 0);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    total: u64,
    by_path: BTreeMap<String, u64>,
}

impl Stats {
    /// All requests received.
    ///
    /// ```
    /// assert_eq!(linkedin_sandbox::Stats::default().total(), 0);
    /// ```
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Requests received for exactly this path (no query string).
    ///
    /// ```
    /// assert_eq!(linkedin_sandbox::Stats::default().count("/v2/me"), 0);
    /// ```
    pub fn count(&self, path: &str) -> u64 {
        self.by_path.get(path).copied().unwrap_or(0)
    }

    /// Requests received for every path that starts with `prefix`.
    ///
    /// ```
    /// assert_eq!(linkedin_sandbox::Stats::default().count_prefix("/rest/"), 0);
    /// ```
    pub fn count_prefix(&self, prefix: &str) -> u64 {
        self.by_path
            .iter()
            .filter(|(path, _)| path.starts_with(prefix))
            .map(|(_, n)| n)
            .sum()
    }

    /// Each path and its count, sorted by path.
    ///
    /// ```
    /// assert_eq!(linkedin_sandbox::Stats::default().paths().count(), 0);
    /// ```
    pub fn paths(&self) -> impl Iterator<Item = (&str, u64)> {
        self.by_path.iter().map(|(path, n)| (path.as_str(), *n))
    }
}

/// The live counters behind [`Stats`].
#[derive(Debug, Default)]
pub(crate) struct StatsRecorder {
    stats: Mutex<Stats>,
}

impl StatsRecorder {
    pub(crate) fn record(&self, path: &str) {
        let mut stats = lock(&self.stats);
        stats.total += 1;
        *stats.by_path.entry(path.to_owned()).or_default() += 1;
    }

    pub(crate) fn snapshot(&self) -> Stats {
        lock(&self.stats).clone()
    }

    pub(crate) fn reset(&self) {
        *lock(&self.stats) = Stats::default();
    }
}

/// Middleware: counts the request, then passes it on.
pub(crate) async fn count_requests(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    state.stats.record(request.uri().path());
    next.run(request).await
}
