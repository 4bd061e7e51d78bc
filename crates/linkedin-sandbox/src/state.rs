//! What every request shares.

use std::ops::Deref;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::clock::Clock;
use crate::conn::Shutdown;
use crate::faults::FaultState;
use crate::oauth::OAuthState;
use crate::quota::Quotas;
use crate::social::MediaOptions;
use crate::stats::StatsRecorder;
use crate::store::Store;
use crate::versions::VersionPolicy;

/// The sandbox's state, cheap to clone (one `Arc`).
#[derive(Debug, Clone)]
pub(crate) struct AppState(Arc<Inner>);

/// The parts of the state.
#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) clock: Clock,
    pub(crate) stats: StatsRecorder,
    pub(crate) faults: FaultState,
    pub(crate) store: Mutex<Store>,
    pub(crate) oauth: OAuthState,
    pub(crate) shutdown: Shutdown,
    /// How long a hanging request waits before its connection is closed.
    pub(crate) hang_limit: Duration,
    /// The `LinkedIn-Version`s `/rest` serves.
    pub(crate) versions: VersionPolicy,
    /// The optional daily quotas and their counts.
    pub(crate) quotas: Quotas,
    /// `http://127.0.0.1:PORT`, for the upload URLs the sandbox hands out.
    pub(crate) origin: String,
    /// How uploaded videos are processed.
    pub(crate) media: MediaOptions,
    /// The synthetic ads data's seed and the `adAnalytics` row cap.
    pub(crate) ads: crate::ads::AdsConfig,
}

impl AppState {
    pub(crate) fn new(inner: Inner) -> Self {
        AppState(Arc::new(inner))
    }
}

impl Deref for AppState {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}
