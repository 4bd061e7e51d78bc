//! Tests of the renewal state machine (`TokenLifecycle`).

use super::*;
use crate::client::ClientId;
use crate::secret::ClientSecret;

type Lifecycle = TokenLifecycle<&'static str>;

fn at(secs: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000 + secs)
}

fn oauth() -> OAuthConfig {
    OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"))
}

/// A 3-legged set expiring at `at(expires)`, with a refresh token.
fn refreshable(expires: u64) -> Lifecycle {
    TokenLifecycle::new(
        TokenSet::new(AccessToken::new("old"), at(expires))
            .with_refresh_token(RefreshToken::new("AQX"), None),
    )
}

fn ok(body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .body(body.as_bytes().to_vec())
        .unwrap()
}

fn decide(lifecycle: &Lifecycle, now: SystemTime) -> RenewalDecision<&'static str> {
    lifecycle.decide(now, &oauth(), lifecycle.generation())
}

fn used(decision: RenewalDecision<&'static str>) -> String {
    match decision {
        RenewalDecision::Ready(TokenOutcome::Use(token)) => token.secret().to_owned(),
        other => panic!("expected a token to use, got {other:?}"),
    }
}

fn renew_body(decision: RenewalDecision<&'static str>) -> String {
    match decision {
        RenewalDecision::Renew(request) => String::from_utf8(request.into_body()).unwrap(),
        other => panic!("expected a renewal, got {other:?}"),
    }
}

#[test]
fn a_fresh_token_is_used_without_renewal() {
    let lifecycle = refreshable(3600);
    assert_eq!(lifecycle.fresh(at(0)).unwrap().secret(), "old");
    assert_eq!(used(decide(&lifecycle, at(0))), "old");
}

#[test]
fn a_token_inside_the_refresh_ahead_window_is_renewed_with_its_refresh_token() {
    let lifecycle = refreshable(3600);
    // 5 minutes before expiry the window opens.
    assert!(lifecycle.fresh(at(3299)).is_some());
    assert!(lifecycle.fresh(at(3300)).is_none());
    let body = renew_body(decide(&lifecycle, at(3300)));
    assert!(
        body.starts_with("grant_type=refresh_token&refresh_token=AQX"),
        "{body}"
    );
    // A shorter window leaves the token fresh.
    let lifecycle = refreshable(3600).refresh_ahead(Duration::from_secs(60));
    assert_eq!(used(decide(&lifecycle, at(3300))), "old");
}

#[test]
fn a_refresh_keeps_what_the_answer_did_not_send_and_starts_a_new_generation() {
    let mut lifecycle = refreshable(100);
    let tokens = lifecycle
        .on_response(&ok(r#"{"access_token":"new","expires_in":3600}"#), at(50))
        .unwrap();
    assert_eq!(tokens.access_token.secret(), "new");
    assert_eq!(tokens.expires_at, at(3650));
    assert_eq!(tokens.refresh_token.as_ref().unwrap().secret(), "AQX");
    assert_eq!(lifecycle.generation(), 1);
    assert_eq!(used(lifecycle.decide(at(50), &oauth(), 0)), "new");
}

#[test]
fn callers_that_waited_share_a_short_lived_renewed_token() {
    let mut lifecycle = refreshable(100);
    // The new token expires within the 5-minute window: waiters use it
    // rather than renewing again, and so do new callers until half its
    // lifetime has passed (the window is capped at lifetime / 2).
    lifecycle
        .on_response(&ok(r#"{"access_token":"new","expires_in":60}"#), at(50))
        .unwrap();
    assert_eq!(used(lifecycle.decide(at(50), &oauth(), 0)), "new");
    assert_eq!(used(decide(&lifecycle, at(50))), "new");
    assert!(matches!(
        decide(&lifecycle, at(80)),
        RenewalDecision::Renew(_)
    ));
}

#[test]
fn a_failed_renewal_keeps_the_valid_token_and_cools_down() {
    let mut lifecycle = refreshable(100);
    assert!(matches!(
        decide(&lifecycle, at(0)),
        RenewalDecision::Renew(_)
    ));
    let outcome = lifecycle.on_failure("503", at(0));
    assert!(matches!(
        outcome,
        TokenOutcome::KeepUsing { ref access_token, failure: "503" } if access_token.secret() == "old"
    ));
    // Within the cool-down: the same answer, nothing sent.
    for now in [at(1), at(9)] {
        assert!(matches!(
            decide(&lifecycle, now),
            RenewalDecision::Ready(TokenOutcome::KeepUsing { failure: "503", .. })
        ));
    }
    // Then the next try.
    assert!(matches!(
        decide(&lifecycle, at(10)),
        RenewalDecision::Renew(_)
    ));
}

#[test]
fn a_failed_renewal_of_an_expired_token_is_the_failure_during_the_cool_down() {
    let mut lifecycle = refreshable(0);
    let seen = lifecycle.generation();
    assert!(matches!(
        lifecycle.on_failure("invalid_grant", at(1)),
        TokenOutcome::Failed("invalid_grant")
    ));
    // Waiters and later callers alike get the failure...
    assert!(matches!(
        lifecycle.decide(at(1), &oauth(), seen),
        RenewalDecision::Ready(TokenOutcome::Failed("invalid_grant"))
    ));
    assert!(matches!(
        decide(&lifecycle, at(5)),
        RenewalDecision::Ready(TokenOutcome::Failed("invalid_grant"))
    ));
    // ...until the cool-down ends, or the clock is set back.
    assert!(matches!(
        decide(&lifecycle, at(11)),
        RenewalDecision::Renew(_)
    ));
    assert!(matches!(
        decide(&lifecycle, at(0)),
        RenewalDecision::Renew(_)
    ));
}

#[test]
fn a_success_clears_the_failure() {
    let mut lifecycle = refreshable(0);
    let _ = lifecycle.on_failure("503", at(1));
    lifecycle
        .on_response(&ok(r#"{"access_token":"new","expires_in":3600}"#), at(20))
        .unwrap();
    assert_eq!(used(decide(&lifecycle, at(21))), "new");
}

#[test]
fn an_unreadable_answer_records_nothing_by_itself() {
    let mut lifecycle = refreshable(0);
    let err = lifecycle
        .on_response(
            &http::Response::builder()
                .status(400)
                .body(br#"{"error":"invalid_grant"}"#.to_vec())
                .unwrap(),
            at(1),
        )
        .unwrap_err();
    assert_eq!(err.oauth_error(), Some("invalid_grant"));
    assert_eq!(lifecycle.generation(), 0);
    assert_eq!(lifecycle.tokens().unwrap().access_token.secret(), "old");
}

#[test]
fn without_a_refresh_token_the_token_is_used_until_it_expires() {
    let lifecycle = Lifecycle::new(TokenSet::new(AccessToken::new("old"), at(100)));
    assert_eq!(used(decide(&lifecycle, at(99))), "old");
    match decide(&lifecycle, at(100)) {
        RenewalDecision::Ready(TokenOutcome::Expired(reason)) => {
            assert!(reason.contains("no refresh token"), "{reason}");
        }
        other => panic!("expected expiry, got {other:?}"),
    }
}

#[test]
fn an_expired_refresh_token_says_so() {
    let lifecycle = Lifecycle::new(
        TokenSet::new(AccessToken::new("old"), at(100))
            .with_refresh_token(RefreshToken::new("AQX"), Some(at(50))),
    );
    match decide(&lifecycle, at(100)) {
        RenewalDecision::Ready(TokenOutcome::Expired(reason)) => {
            assert!(reason.contains("refresh token has expired"), "{reason}");
        }
        other => panic!("expected expiry, got {other:?}"),
    }
}

#[test]
fn a_two_legged_source_fetches_then_replaces_its_token() {
    let mut lifecycle = Lifecycle::client_credentials();
    assert!(lifecycle.fresh(at(0)).is_none());
    let body = renew_body(decide(&lifecycle, at(0)));
    assert!(body.starts_with("grant_type=client_credentials"), "{body}");
    let tokens = lifecycle
        .on_response(
            &ok(r#"{"access_token":"app","expires_in":1800,"refresh_token":"x"}"#),
            at(0),
        )
        .unwrap();
    assert!(tokens.refresh_token.is_none());
    assert_eq!(used(decide(&lifecycle, at(0))), "app");
    // Ahead of expiry it is fetched again, not refreshed.
    let body = renew_body(decide(&lifecycle, at(1500)));
    assert!(body.starts_with("grant_type=client_credentials"), "{body}");
}

#[test]
fn a_two_legged_source_without_a_token_fails_during_the_cool_down() {
    let mut lifecycle = Lifecycle::client_credentials();
    assert!(matches!(
        lifecycle.on_failure("unauthorized_client", at(0)),
        TokenOutcome::Failed("unauthorized_client")
    ));
    assert!(matches!(
        decide(&lifecycle, at(9)),
        RenewalDecision::Ready(TokenOutcome::Failed(_))
    ));
}

#[test]
fn an_abandoned_renewal_reaches_waiters_but_not_the_next_caller() {
    let mut lifecycle = refreshable(0);
    let seen = lifecycle.generation();
    lifecycle.on_abandoned("panicked");
    assert!(matches!(
        lifecycle.decide(at(1), &oauth(), seen),
        RenewalDecision::Ready(TokenOutcome::Failed("panicked"))
    ));
    assert!(matches!(
        decide(&lifecycle, at(1)),
        RenewalDecision::Renew(_)
    ));
}

/// Issue 12.9: a token that lives less than the 5-minute window used to
/// "need" renewing the moment it arrived, so every call renewed it.
#[test]
fn a_token_shorter_than_the_window_is_renewed_once_per_half_lifetime() {
    let mut lifecycle = refreshable(0);
    let _ = renew_body(decide(&lifecycle, at(0)));
    lifecycle
        .on_response(&ok(r#"{"access_token":"short","expires_in":60}"#), at(0))
        .unwrap();
    // Fresh for the first half of its 60 seconds, for every new caller.
    for now in [at(0), at(1), at(29)] {
        assert_eq!(lifecycle.fresh(now).unwrap().secret(), "short");
        assert_eq!(used(decide(&lifecycle, now)), "short");
    }
    // Then renewed, once.
    assert!(lifecycle.fresh(at(30)).is_none());
    let _ = renew_body(decide(&lifecycle, at(30)));
    lifecycle
        .on_response(&ok(r#"{"access_token":"next","expires_in":60}"#), at(30))
        .unwrap();
    assert_eq!(used(decide(&lifecycle, at(31))), "next");
}

#[test]
fn a_two_legged_token_shorter_than_the_window_is_not_fetched_on_every_call() {
    let mut lifecycle = Lifecycle::client_credentials();
    let _ = renew_body(decide(&lifecycle, at(0)));
    lifecycle
        .on_response(&ok(r#"{"access_token":"app","expires_in":"120"}"#), at(0))
        .unwrap();
    assert_eq!(used(decide(&lifecycle, at(59))), "app");
    assert!(matches!(
        decide(&lifecycle, at(60)),
        RenewalDecision::Renew(_)
    ));
}

#[test]
fn a_caller_that_woke_after_a_renewal_uses_its_token() {
    let mut lifecycle = refreshable(100);
    // Two callers find the token stale and note the generation...
    let seen = lifecycle.generation();
    assert!(matches!(
        lifecycle.decide(at(0), &oauth(), seen),
        RenewalDecision::Renew(_)
    ));
    // ...the first renews while the second waits...
    lifecycle
        .on_response(&ok(r#"{"access_token":"new","expires_in":3600}"#), at(1))
        .unwrap();
    // ...and the second, woken later, gets the new token, not a request.
    assert_eq!(used(lifecycle.decide(at(2), &oauth(), seen)), "new");
}

#[test]
fn debug_redacts_the_tokens() {
    let debug = format!("{:?}", refreshable(0));
    assert!(!debug.contains("old") && !debug.contains("AQX"), "{debug}");
}
