//! Token and introspection answers: typed results, typed errors with the
//! status, no panic and no secret in errors whatever the body.

use std::time::{Duration, SystemTime};

use linkedin_oauth::{
    AuthType, Introspection, RefreshedToken, ResponseError, ThreeLeggedToken, TokenStatus,
    TwoLeggedToken,
};
use proptest::prelude::*;

fn at(secs: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
}

fn response(status: u16, body: impl Into<Vec<u8>>) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .body(body.into())
        .unwrap()
}

#[test]
fn linkedin_three_legged_answer() {
    let body = r#"{
        "access_token": "AQUvlL_DYEzvT2wz1QJiEPeLioeA",
        "expires_in": 5184000,
        "refresh_token": "AQWAft_WjYZKwuWXLC5hQlghgTam",
        "refresh_token_expires_in": 525600,
        "scope": "r_basicprofile",
        "token_type": "Bearer",
        "id_token": "eyJ6aXAiOiJERUYi"
    }"#;
    let now = at(1_700_000_000);
    let token = ThreeLeggedToken::from_response(&response(200, body), now).unwrap();
    let set = &token.tokens;
    assert_eq!(set.access_token.secret(), "AQUvlL_DYEzvT2wz1QJiEPeLioeA");
    assert_eq!(set.expires_at, now + Duration::from_secs(5_184_000));
    assert_eq!(
        set.refresh_token_expires_at,
        Some(now + Duration::from_secs(525_600))
    );
    assert!(set.can_refresh(now));
    assert!(!set.needs_refresh(now, Duration::from_secs(3600)));
    assert_eq!(set.scopes, ["r_basicprofile"]);
    assert!(token.id_token.is_some());
}

#[test]
fn refresh_answer_updates_the_stored_set() {
    let now = at(1_000);
    let first = r#"{"access_token":"a1","expires_in":100,"refresh_token":"r1","refresh_token_expires_in":1000,"scope":"r_ads,rw_ads"}"#;
    let mut set = ThreeLeggedToken::from_response(&response(200, first), now)
        .unwrap()
        .tokens;
    let later = at(1_090);
    assert!(set.needs_refresh(later, Duration::from_secs(30)));
    let second = r#"{"access_token":"a2","expires_in":100,"refresh_token":"r1","refresh_token_expires_in":910}"#;
    set.apply_refresh(RefreshedToken::from_response(&response(200, second), later).unwrap());
    assert_eq!(set.access_token.secret(), "a2");
    assert_eq!(set.expires_at, at(1_190));
    assert_eq!(set.refresh_token_expires_at, Some(at(2_000)));
    assert_eq!(
        set.scopes,
        ["r_ads", "rw_ads"],
        "kept: not in the refresh answer"
    );
    assert!(!set.needs_refresh(later, Duration::from_secs(30)));
}

#[test]
fn oauth_errors_keep_status_code_and_description() {
    for (status, error) in [
        (400, "invalid_request"),
        (401, "invalid_client"),
        (400, "invalid_grant"),
        (400, "unauthorized_client"),
    ] {
        let body = format!(r#"{{"error":"{error}","error_description":"details here"}}"#);
        for err in [
            ThreeLeggedToken::from_response(&response(status, body.clone()), at(0)).unwrap_err(),
            TwoLeggedToken::from_response(&response(status, body.clone()), at(0)).unwrap_err(),
            RefreshedToken::from_response(&response(status, body.clone()), at(0)).unwrap_err(),
            Introspection::from_response(&response(status, body.clone())).unwrap_err(),
        ] {
            assert_eq!(
                err,
                ResponseError::OAuth {
                    status: http::StatusCode::from_u16(status).unwrap(),
                    error: error.into(),
                    description: Some("details here".into()),
                }
            );
        }
    }
}

#[test]
fn non_json_failures_keep_status_and_an_excerpt() {
    let err =
        TwoLeggedToken::from_response(&response(503, "Service Unavailable"), at(0)).unwrap_err();
    assert_eq!(
        err,
        ResponseError::Http {
            status: http::StatusCode::SERVICE_UNAVAILABLE,
            excerpt: "Service Unavailable".into(),
        }
    );
    assert!(err.to_string().contains("503"));
}

#[test]
fn introspection_of_a_member_token() {
    let body = r#"{"active":true,"client_id":"86abc123","authorized_at":1700000000,"created_at":1700000100,"status":"active","expires_at":1705184100,"scope":"r_ads,rw_ads","auth_type":"3L"}"#;
    let info = Introspection::from_response(&response(200, body)).unwrap();
    assert!(info.active);
    assert_eq!(info.auth_type, Some(AuthType::ThreeLegged));
    assert_eq!(info.status, Some(TokenStatus::Active));
    assert_eq!(info.authorized_at, Some(at(1_700_000_000)));
    assert_eq!(info.created_at, Some(at(1_700_000_100)));
    assert_eq!(info.expires_at, Some(at(1_705_184_100)));
    assert_eq!(info.client_id.unwrap().as_str(), "86abc123");
    assert_eq!(info.scopes, ["r_ads", "rw_ads"]);
}

#[test]
fn expired_token_introspection() {
    let body = r#"{"active":false,"status":"expired","auth_type":"2L","expires_at":1}"#;
    let info = Introspection::from_response(&response(200, body)).unwrap();
    assert!(!info.active);
    assert_eq!(info.status, Some(TokenStatus::Expired));
    assert_eq!(info.auth_type, Some(AuthType::TwoLegged));
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        ".{0,20}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop::collection::vec(inner, 0..4).prop_map(serde_json::Value::from)
    })
}

/// Objects built from the fields the parsers look at, with arbitrary values.
fn token_like_object() -> impl Strategy<Value = serde_json::Value> {
    let field = prop_oneof![
        Just("access_token"),
        Just("expires_in"),
        Just("refresh_token"),
        Just("refresh_token_expires_in"),
        Just("scope"),
        Just("id_token"),
        Just("error"),
        Just("error_description"),
        Just("active"),
        Just("auth_type"),
        Just("status"),
        Just("client_id"),
        Just("authorized_at"),
        Just("created_at"),
        Just("expires_at"),
    ];
    prop::collection::vec((field, json_value()), 0..10).prop_map(|pairs| {
        serde_json::Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    })
}

fn parse_all(status: u16, body: Vec<u8>, now: SystemTime) {
    let response = response(status, body);
    let _ = ThreeLeggedToken::from_response(&response, now);
    let _ = TwoLeggedToken::from_response(&response, now);
    let _ = RefreshedToken::from_response(&response, now);
    let _ = Introspection::from_response(&response);
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(
        status in 100u16..600,
        body in prop::collection::vec(any::<u8>(), 0..600),
        now in any::<u64>(),
    ) {
        let now = SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(now)).unwrap_or(SystemTime::UNIX_EPOCH);
        parse_all(status, body, now);
    }

    #[test]
    fn arbitrary_token_shaped_json_never_panics(
        status in prop_oneof![Just(200u16), Just(400u16), 100u16..600],
        object in token_like_object(),
        now in any::<u64>(),
    ) {
        let now = SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(now)).unwrap_or(SystemTime::UNIX_EPOCH);
        parse_all(status, serde_json::to_vec(&object).unwrap(), now);
    }

    #[test]
    fn errors_about_success_bodies_never_quote_them(
        token in "[A-Za-z0-9_-]{16,40}",
        shape in 0usize..5,
    ) {
        // A success answer carrying `token`, malformed in various ways.
        let body = match shape {
            0 => format!(r#"{{"access_token":"{token}","expires_in":"{token}"}}"#),
            1 => format!(r#"{{"access_token":"{token}","expires_in":1,"refresh_token":{{"{token}":0}}}}"#),
            2 => format!(r#"{{"access_token":"{token}","expires_in":1,"scope":["{token}"]}}"#),
            3 => format!(r#"{{"access_token":"{token}","expires_in":1,"id_token":1"#),
            _ => format!(r#"access_token={token}&expires_in=1"#),
        };
        let err = ThreeLeggedToken::from_response(&response(200, body), at(0)).unwrap_err();
        let debug = format!("{err:?}");
        prop_assert!(!err.to_string().contains(&token));
        prop_assert!(!debug.contains(&token));
        prop_assert_eq!(err.status(), http::StatusCode::OK);
    }
}
