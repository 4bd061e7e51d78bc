//! Optional daily quotas, per application and per member, as LinkedIn's
//! rate limits: LinkedIn counts each application's calls and each member's
//! calls through an application per endpoint and per UTC day, resets the
//! counts at midnight UTC, and refuses further calls with 429 and
//! `serviceErrorCode` 101, without `Retry-After`
//! (<https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits>).
//!
//! The sandbox counts on its own clock (so
//! [`Sandbox::advance_clock`](crate::Sandbox::advance_clock) crosses
//! midnight), per endpoint = the first path segment after `/rest` or `/v2`
//! (the same resource under both counts once). Only admitted calls count.
//! The sandbox has one member, so the member quota counts the member
//! (3-legged) tokens of each application; application (2-legged) tokens
//! count against the application quota only. Quotas are off unless
//! [`SandboxBuilder::daily_app_quota`](crate::SandboxBuilder::daily_app_quota)
//! or [`SandboxBuilder::daily_member_quota`](crate::SandboxBuilder::daily_member_quota)
//! sets them.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::SystemTime;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::StatusCode;

use crate::clock::unix_seconds;
use crate::errors::ApiError;
use crate::faults::DAILY_LIMIT_MESSAGE;
use crate::lock;
use crate::oauth::grants::AuthType;
use crate::scopes::Caller;
use crate::state::AppState;

const DAY: u64 = 24 * 3600;

/// How many (application, endpoint) counters are kept per day; calls to
/// endpoints beyond them share one counter, so memory stays bounded
/// whatever paths clients invent.
pub(crate) const MAX_COUNTERS: usize = 4096;

/// The shared endpoint name once [`MAX_COUNTERS`] is reached.
const OVERFLOW: &str = "*";

/// The limits and today's counts.
#[derive(Debug, Default)]
pub(crate) struct Quotas {
    app: Option<u32>,
    member: Option<u32>,
    counts: Mutex<Counts>,
}

#[derive(Debug, Default)]
struct Counts {
    /// The UTC day (days since the epoch) the counts are for.
    day: u64,
    app: HashMap<(String, String), u32>,
    member: HashMap<(String, String), u32>,
}

/// Increments `key` in `map` unless `limit` is reached; `false` if it was.
fn within(
    map: &HashMap<(String, String), u32>,
    key: &(String, String),
    limit: Option<u32>,
) -> bool {
    limit.is_none_or(|limit| map.get(key).copied().unwrap_or(0) < limit)
}

fn bump(map: &mut HashMap<(String, String), u32>, mut key: (String, String)) {
    if !map.contains_key(&key) && map.len() >= MAX_COUNTERS {
        key.1 = OVERFLOW.to_owned();
    }
    let count = map.entry(key).or_insert(0);
    *count = count.saturating_add(1);
}

impl Quotas {
    pub(crate) fn new(app: Option<u32>, member: Option<u32>) -> Self {
        Quotas {
            app,
            member,
            counts: Mutex::default(),
        }
    }

    fn is_off(&self) -> bool {
        self.app.is_none() && self.member.is_none()
    }

    /// Counts a call by `caller` to `endpoint` at `now`, or refuses it
    /// (`false`) when a quota of today is spent.
    pub(crate) fn admit(&self, caller: &Caller, endpoint: &str, now: SystemTime) -> bool {
        if self.is_off() {
            return true;
        }
        let mut counts = lock(&self.counts);
        let today = unix_seconds(now) / DAY;
        if counts.day != today {
            *counts = Counts {
                day: today,
                ..Counts::default()
            };
        }
        let mut key = (caller.client_id.clone(), endpoint.to_owned());
        if !counts.app.contains_key(&key) && counts.app.len() >= MAX_COUNTERS {
            key.1 = OVERFLOW.to_owned();
        }
        let is_member = caller.auth_type == AuthType::ThreeLegged;
        let admitted = within(&counts.app, &key, self.app)
            && (!is_member || within(&counts.member, &key, self.member));
        if admitted {
            bump(&mut counts.app, key.clone());
            if is_member {
                bump(&mut counts.member, key);
            }
        }
        admitted
    }
}

/// The endpoint a path counts under: its first segment after the API prefix.
fn endpoint(path: &str) -> &str {
    let rest = path
        .strip_prefix("/rest/")
        .or_else(|| path.strip_prefix("/v2/"))
        .unwrap_or(path);
    rest.split('/').next().unwrap_or_default()
}

/// Middleware (after the token check): refuses a call whose quota is spent
/// with LinkedIn's daily-throttle answer.
pub(crate) async fn enforce(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let admitted = match request.extensions().get::<Caller>() {
        Some(caller) => {
            state
                .quotas
                .admit(caller, endpoint(request.uri().path()), state.clock.now())
        }
        None => true,
    };
    if admitted {
        next.run(request).await
    } else {
        ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "TOO_MANY_REQUESTS",
            DAILY_LIMIT_MESSAGE,
        )
        .with_service_code(101)
        .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oauth::grants::AccessGrant;
    use std::time::Duration;

    fn caller(client: &str, auth_type: AuthType) -> Caller {
        Caller::from_grant(&AccessGrant {
            client_id: client.into(),
            scope: vec!["r_ads".into()],
            auth_type,
            authorized_at: SystemTime::UNIX_EPOCH,
            created_at: SystemTime::UNIX_EPOCH,
            expires_at: None,
        })
    }

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn endpoints() {
        assert_eq!(endpoint("/rest/adAccounts/1/adCampaigns"), "adAccounts");
        assert_eq!(endpoint("/v2/me"), "me");
    }

    #[test]
    fn member_quota_counts_member_tokens_per_app_and_endpoint() {
        let quotas = Quotas::new(None, Some(2));
        let member = caller("a", AuthType::ThreeLegged);
        let now = at(10 * DAY + 5);
        assert!(quotas.admit(&member, "me", now));
        assert!(quotas.admit(&member, "me", now));
        assert!(!quotas.admit(&member, "me", now));
        // Another endpoint, another app, an application token: not spent.
        assert!(quotas.admit(&member, "adAccounts", now));
        assert!(quotas.admit(&caller("b", AuthType::ThreeLegged), "me", now));
        assert!(quotas.admit(&caller("a", AuthType::TwoLegged), "me", now));
        // Midnight UTC resets.
        assert!(quotas.admit(&member, "me", at(11 * DAY)));
    }

    #[test]
    fn counters_are_bounded() {
        let quotas = Quotas::new(Some(1_000_000), None);
        let app = caller("a", AuthType::TwoLegged);
        for i in 0..MAX_COUNTERS + 100 {
            assert!(quotas.admit(&app, &format!("r{i}"), at(0)));
        }
        assert!(lock(&quotas.counts).app.len() <= MAX_COUNTERS + 1);
    }

    proptest::proptest! {
        /// Whatever the calls, an application gets exactly `limit` calls
        /// to an endpoint per UTC day.
        #[test]
        fn app_quota_admits_limit_per_day(
            limit in 0u32..6,
            offsets in proptest::collection::vec(0u64..3 * DAY, 0..40),
        ) {
            let quotas = Quotas::new(Some(limit), None);
            let app = caller("a", AuthType::TwoLegged);
            let mut sorted = offsets;
            sorted.sort_unstable();
            let mut per_day: HashMap<u64, u32> = HashMap::new();
            for offset in sorted {
                let admitted = quotas.admit(&app, "x", at(offset));
                let day = per_day.entry(offset / DAY).or_insert(0);
                proptest::prop_assert_eq!(admitted, *day < limit);
                if admitted { *day += 1; }
            }
        }
    }
}
