//! Redirect parsing: round trips through properly encoded URLs, CSRF state
//! uniqueness, and no panic on any input.

use std::collections::HashSet;

use linkedin_oauth::{
    AuthorizationCodeFlow, ClientId, CsrfState, PendingAuthorization, RedirectError, RedirectUrl,
};
use proptest::prelude::*;
use url::Url;

fn pending_with_state(state: &str) -> PendingAuthorization {
    serde_json::from_value(serde_json::json!({
        "state": state,
        "redirect_url": "https://app.example/callback",
        "scopes": ["openid"],
    }))
    .unwrap()
}

/// Percent-encodes every byte that is not unreserved (spaces as `%20`).
fn percent_encode_all(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The ways a caller may hand over the same redirect.
fn redirect_forms(url: &Url) -> Vec<String> {
    let query = url.query().unwrap_or("").to_owned();
    vec![
        url.as_str().to_owned(),
        format!("{}?{query}", url.path()),
        format!("?{query}"),
        query,
    ]
}

fn non_empty_string() -> impl Strategy<Value = String> {
    any::<String>().prop_filter("non-empty", |s| !s.is_empty())
}

proptest! {
    #[test]
    fn code_and_state_round_trip_form_encoding(
        code in non_empty_string(),
        state in any::<String>(),
        code_first in any::<bool>(),
    ) {
        let pending = pending_with_state(&state);
        let mut url = Url::parse("https://app.example/callback").unwrap();
        {
            let mut pairs = url.query_pairs_mut();
            if code_first {
                pairs.append_pair("code", &code).append_pair("state", &state);
            } else {
                pairs.append_pair("state", &state).append_pair("code", &code);
            }
        }
        for redirect in redirect_forms(&url) {
            let got = pending.clone().finish(&redirect).unwrap();
            prop_assert_eq!(got.code().secret(), code.as_str(), "redirect {}", redirect);
        }
    }

    #[test]
    fn code_and_state_round_trip_percent_encoding(
        code in non_empty_string(),
        state in any::<String>(),
    ) {
        let pending = pending_with_state(&state);
        let query = format!(
            "code={}&state={}&extra=1",
            percent_encode_all(&code),
            percent_encode_all(&state)
        );
        let url = Url::parse(&format!("https://app.example/callback?{query}#frag")).unwrap();
        for redirect in redirect_forms(&url) {
            let got = pending.clone().finish(&redirect).unwrap();
            prop_assert_eq!(got.code().secret(), code.as_str());
        }
    }

    #[test]
    fn a_different_state_is_refused(
        code in non_empty_string(),
        expected in any::<String>(),
        received in any::<String>(),
    ) {
        prop_assume!(expected != received);
        let pending = pending_with_state(&expected);
        let mut url = Url::parse("https://app.example/callback").unwrap();
        url.query_pairs_mut().append_pair("code", &code).append_pair("state", &received);
        prop_assert_eq!(pending.finish(url.as_str()).unwrap_err(), RedirectError::StateMismatch);
    }

    #[test]
    fn linkedin_errors_round_trip(
        error in non_empty_string(),
        description in any::<String>(),
    ) {
        let pending = pending_with_state("st");
        let mut url = Url::parse("https://app.example/callback").unwrap();
        url.query_pairs_mut()
            .append_pair("error", &error)
            .append_pair("error_description", &description)
            .append_pair("state", "st");
        prop_assert_eq!(
            pending.finish(url.as_str()).unwrap_err(),
            RedirectError::Authorization { error, description: Some(description) }
        );
    }

    #[test]
    fn arbitrary_input_never_panics(input in any::<String>()) {
        let pending = pending_with_state("st");
        let _ = pending.clone().finish(&input);
        let _ = pending.clone().finish(&format!("https://app.example/cb?{input}"));
        let _ = pending.finish(&format!("/cb?{input}#{input}"));
    }

    #[test]
    fn arbitrary_query_shaped_input_never_panics(
        input in "([a-z_]{0,6}(=[a-zA-Z0-9+&=?#:/ ]{0,12})?&?){0,6}"
    ) {
        let pending = pending_with_state("st");
        let result = pending.finish(&input);
        // Accepting requires the right state and a code.
        if result.is_ok() {
            prop_assert!(input.contains("state=st"));
            prop_assert!(input.contains("code="));
        }
    }
}

#[test]
fn states_are_unique_across_a_large_sample() {
    let mut seen = HashSet::new();
    for _ in 0..20_000 {
        let state = CsrfState::generate().unwrap();
        assert_eq!(state.secret().len(), 43, "at least 128 bits, base64url");
        assert!(
            state
                .secret()
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "URL-safe"
        );
        assert!(seen.insert(state.secret().to_owned()), "duplicate state");
    }
}

#[test]
fn flow_state_in_url_is_the_pending_state_and_round_trips() {
    let flow = AuthorizationCodeFlow::new(
        ClientId::new("cid"),
        RedirectUrl::new("https://app.example/callback").unwrap(),
    )
    .scopes(["openid"]);
    let mut states = HashSet::new();
    for _ in 0..200 {
        let (url, pending) = flow.start().unwrap();
        let state = url
            .query_pairs()
            .find(|(k, _)| k == "state")
            .unwrap()
            .1
            .into_owned();
        assert!(states.insert(state.clone()));
        let redirect = format!("https://app.example/callback?code=AQT&state={state}");
        // A pending value restored from the session behaves the same.
        let restored: PendingAuthorization =
            serde_json::from_str(&serde_json::to_string(&pending).unwrap()).unwrap();
        assert_eq!(pending.finish(&redirect).unwrap().code().secret(), "AQT");
        assert_eq!(restored.finish(&redirect).unwrap().code().secret(), "AQT");
    }
}

/// Issue 12.11: `finish` took `&self`, so one pending authorization accepted
/// any number of redirects; it now takes `self` (the `compile_fail` doc test
/// on `PendingAuthorization::finish` shows a second call does not compile).
#[test]
fn finish_consumes_the_pending_authorization() {
    fn takes_self(
        finish: fn(
            PendingAuthorization,
            &str,
        ) -> Result<linkedin_oauth::CodeExchange, RedirectError>,
    ) -> fn(PendingAuthorization, &str) -> Result<linkedin_oauth::CodeExchange, RedirectError> {
        finish
    }
    // Compiles only while `finish` takes the pending authorization by value.
    let finish = takes_self(PendingAuthorization::finish);
    let pending = pending_with_state("st");
    let exchange = finish(pending, "code=c&state=st").unwrap();
    assert_eq!(exchange.code().secret(), "c");
}
