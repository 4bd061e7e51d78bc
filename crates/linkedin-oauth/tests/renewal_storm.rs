//! Issue 12.9: however short a token's lifetime, a sequence of calls renews
//! it at most once per half-lifetime (each token is renewed once), and
//! callers that waited for a renewal never send another.

use std::time::{Duration, SystemTime};

use linkedin_oauth::{
    AccessToken, ClientId, ClientSecret, OAuthConfig, RefreshToken, RenewalDecision,
    TokenLifecycle, TokenOutcome, TokenSet,
};
use proptest::prelude::*;

fn oauth() -> OAuthConfig {
    OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"))
}

fn answer(lifetime_secs: u64, generation: u64) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .body(
            format!(r#"{{"access_token":"t{generation}","expires_in":{lifetime_secs}}}"#)
                .into_bytes(),
        )
        .unwrap()
}

/// One caller at `now`, as a transport drives the lifecycle: fast path,
/// else note the generation, (wait,) decide, and renew if told to. Returns
/// whether it sent a renewal.
fn call(
    lifecycle: &mut TokenLifecycle<&'static str>,
    now: SystemTime,
    seen: Option<u64>,
    lifetime_secs: u64,
) -> bool {
    if lifecycle.fresh(now).is_some() {
        return false;
    }
    let seen = seen.unwrap_or(lifecycle.generation());
    match lifecycle.decide(now, &oauth(), seen) {
        RenewalDecision::Ready(TokenOutcome::Use(_)) => false,
        RenewalDecision::Ready(other) => panic!("unexpected outcome {other:?}"),
        RenewalDecision::Renew(_) => {
            let generation = lifecycle.generation();
            lifecycle
                .on_response(&answer(lifetime_secs, generation), now)
                .unwrap();
            true
        }
    }
}

proptest! {
    /// With any lifetime >= 1 s and any window, each renewed token serves for
    /// at least half its lifetime before the next renewal; waiters that
    /// queued behind a renewal use its token.
    #[test]
    fn renewals_are_at_least_half_a_lifetime_apart(
        lifetime_secs in prop_oneof![1u64..=10, 1u64..=600, 1u64..=7200],
        window_secs in prop_oneof![Just(300u64), 0u64..=20_000],
        steps in proptest::collection::vec((0u64..=5_000, 0usize..4), 1..200),
    ) {
        let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        // The first token was issued at `start` too, with the same lifetime.
        let tokens = TokenSet::new(AccessToken::new("t"), start + Duration::from_secs(lifetime_secs))
            .with_issued_at(start)
            .with_refresh_token(RefreshToken::new("AQX"), None);
        let mut lifecycle = TokenLifecycle::<&'static str>::new(tokens)
            .refresh_ahead(Duration::from_secs(window_secs));
        let half = Duration::from_secs(lifetime_secs) / 2;

        let mut now = start;
        let mut last_renewal = start;
        let mut renewals = 0u32;
        for (gap_millis, waiters) in steps {
            now += Duration::from_millis(gap_millis);
            // Waiters noted the generation before the first caller renewed.
            let seen = lifecycle.generation();
            let renewed = call(&mut lifecycle, now, None, lifetime_secs);
            for _ in 0..waiters {
                prop_assert!(!call(&mut lifecycle, now, Some(seen), lifetime_secs), "a waiter renewed again");
            }
            if renewed {
                renewals += 1;
                let since = now.duration_since(last_renewal).unwrap();
                prop_assert!(since >= half, "renewed {since:?} after the last one; half-lifetime {half:?}");
                last_renewal = now;
                // The fresh token is used by the next caller at the same instant.
                prop_assert!(!call(&mut lifecycle, now, None, lifetime_secs), "renewed twice at one instant");
            }
        }
        let elapsed = now.duration_since(start).unwrap();
        let bound = elapsed.as_millis() / half.as_millis().max(1) + 1;
        prop_assert!(u128::from(renewals) <= bound, "{renewals} renewals in {elapsed:?}");
    }
}

/// The storm itself: a 60-second token and the default 5-minute window,
/// called every second for ten minutes.
#[test]
fn a_60_second_token_called_every_second_is_renewed_every_30_seconds() {
    let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let tokens = TokenSet::new(AccessToken::new("t"), start + Duration::from_secs(60))
        .with_issued_at(start)
        .with_refresh_token(RefreshToken::new("AQX"), None);
    let mut lifecycle = TokenLifecycle::<&'static str>::new(tokens);
    let renewals = (0..600)
        .filter(|secs| call(&mut lifecycle, start + Duration::from_secs(*secs), None, 60))
        .count();
    // Before the cap: 600 (every call). Now: at 30 s, 60 s, ..., 570 s.
    assert_eq!(renewals, 19);
}
