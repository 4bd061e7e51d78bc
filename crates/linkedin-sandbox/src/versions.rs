//! Which `LinkedIn-Version`s the versioned APIs (`/rest`) serve.
//!
//! LinkedIn releases a version a month and keeps each one for at least a
//! year (<https://learn.microsoft.com/en-us/linkedin/marketing/versioning>):
//! a call without the header is 400 `VERSION_MISSING`, a call naming a
//! version it does not serve (sunset, or not released yet) is 426
//! `NONEXISTENT_VERSION`. The sandbox's "current" version and how many
//! months back it serves are configurable
//! ([`SandboxBuilder::current_version`](crate::SandboxBuilder::current_version),
//! [`SandboxBuilder::version_window`](crate::SandboxBuilder::version_window)).
//!
//! "At least a year" is ambiguous at the edge: with current 202612 and a
//! twelve-month window, is 202512 still served? The sandbox takes the safe
//! reading and serves it: versions from `current - window` months through
//! `current`, both included (thirteen monthly versions). Any revision
//! (`YYYYMM.RR`) of a served month is served.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use restli_codec::{LinkedInVersion, header};

use crate::errors::ApiError;
use crate::state::AppState;

/// The versions served: `window` months back from `current`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct VersionPolicy {
    /// The newest version, as a month count (`year * 12 + month - 1`).
    current: u32,
    /// How many months before `current` are still served.
    window: u32,
}

/// Where a version stands against the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Standing {
    Served,
    /// Older than the window: sunset.
    Sunset,
    /// Newer than the current version: not released.
    Unreleased,
}

/// `YYYYMM[.RR]` as a month count, if it has that shape.
fn months(version: &str) -> Option<u32> {
    let year: u32 = version.get(..4)?.parse().ok()?;
    let month: u32 = version.get(4..6)?.parse().ok()?;
    (1..=12)
        .contains(&month)
        .then(|| year.saturating_mul(12).saturating_add(month - 1))
}

impl VersionPolicy {
    /// The default current version: December 2026.
    pub(crate) const DEFAULT_CURRENT: &'static str = "202612";
    /// The default window: a year.
    pub(crate) const DEFAULT_WINDOW: u32 = 12;

    /// A policy serving `window` months back from `current` (its revision,
    /// if any, is ignored).
    pub(crate) fn new(current: &LinkedInVersion, window: u32) -> Self {
        VersionPolicy {
            current: months(current.as_str()).unwrap_or(0),
            window,
        }
    }

    /// A policy serving `window` months back from [`Self::DEFAULT_CURRENT`].
    pub(crate) fn with_window(window: u32) -> Self {
        VersionPolicy {
            current: months(Self::DEFAULT_CURRENT).unwrap_or(0),
            window,
        }
    }

    /// How a (well-formed) version stands.
    pub(crate) fn standing(&self, version: &LinkedInVersion) -> Standing {
        match months(version.as_str()) {
            Some(m) if m > self.current => Standing::Unreleased,
            Some(m) if m.saturating_add(self.window) < self.current => Standing::Sunset,
            Some(_) => Standing::Served,
            // `LinkedInVersion` guarantees the shape; treat anything else as
            // not served rather than panic.
            None => Standing::Sunset,
        }
    }
}

impl Default for VersionPolicy {
    fn default() -> Self {
        VersionPolicy::with_window(Self::DEFAULT_WINDOW)
    }
}

/// 400 `VERSION_MISSING`, LinkedIn's answer to a `/rest` call without the
/// header. LinkedIn's body has `status`, `code` and `message` only.
fn missing() -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "VERSION_MISSING",
        "A version must be present. Please specify a version by adding the LinkedIn-Version header.",
    )
    .without_service_code()
}

/// 426 `NONEXISTENT_VERSION`, LinkedIn's answer to a version it does not
/// serve (its body has `status`, `code` and `message` only).
fn not_active(version: &LinkedInVersion) -> ApiError {
    ApiError::new(
        StatusCode::UPGRADE_REQUIRED,
        "NONEXISTENT_VERSION",
        format!("Requested version {} is not active", version.as_str()),
    )
    .without_service_code()
}

/// Middleware for `/rest`: `LinkedIn-Version` must be present, well-formed
/// (`YYYYMM` or `YYYYMM.RR`, else 400 `INVALID_VERSION`) and served.
pub(crate) async fn require_linkedin_version(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let problem = match request.headers().get(header::LINKEDIN_VERSION) {
        None => Some(missing()),
        Some(value) => match LinkedInVersion::new(value.to_str().unwrap_or_default()) {
            // The codec's message quotes at most ~200 bytes of the value.
            Err(e) => Some(ApiError::new(
                StatusCode::BAD_REQUEST,
                "INVALID_VERSION",
                e.to_string(),
            )),
            Ok(version) => match state.versions.standing(&version) {
                Standing::Served => None,
                Standing::Sunset | Standing::Unreleased => Some(not_active(&version)),
            },
        },
    };
    match problem {
        None => next.run(request).await,
        Some(error) => error.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> LinkedInVersion {
        LinkedInVersion::new(text).unwrap()
    }

    #[test]
    fn the_default_serves_a_year_back_from_202612() {
        let policy = VersionPolicy::default();
        assert_eq!(policy.standing(&v("202612")), Standing::Served);
        assert_eq!(policy.standing(&v("202601")), Standing::Served);
        assert_eq!(policy.standing(&v("202512")), Standing::Served);
        assert_eq!(policy.standing(&v("202512.03")), Standing::Served);
        assert_eq!(policy.standing(&v("202511")), Standing::Sunset);
        assert_eq!(policy.standing(&v("202406")), Standing::Sunset);
        assert_eq!(policy.standing(&v("202701")), Standing::Unreleased);
    }

    #[test]
    fn current_and_window_are_configurable() {
        let policy = VersionPolicy::new(&v("202406.01"), 0);
        assert_eq!(policy.standing(&v("202406")), Standing::Served);
        assert_eq!(policy.standing(&v("202405")), Standing::Sunset);
        assert_eq!(policy.standing(&v("202407")), Standing::Unreleased);
        let wide = VersionPolicy::new(&v("202612"), 120);
        assert_eq!(wide.standing(&v("201701")), Standing::Served);
    }

    proptest::proptest! {
        /// A version is served exactly when it lies in
        /// [current - window, current], counted in months across years.
        #[test]
        fn served_exactly_inside_the_window(
            cy in 2000u32..2100, cm in 1u32..=12, window in 0u32..200,
            y in 1999u32..2101, m in 1u32..=12,
        ) {
            let current = v(&format!("{cy:04}{cm:02}"));
            let asked = v(&format!("{y:04}{m:02}"));
            let policy = VersionPolicy::new(&current, window);
            let (c, a) = (cy * 12 + cm - 1, y * 12 + m - 1);
            let expected = if a > c {
                Standing::Unreleased
            } else if c - a > window {
                Standing::Sunset
            } else {
                Standing::Served
            };
            proptest::prop_assert_eq!(policy.standing(&asked), expected);
        }
    }
}
