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

/// LinkedIn's "Client Credential Flow (2-legged OAuth)" page shows the
/// answer with the lifetime as a string, `"expires_in": "1800"`
/// (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/client-credentials-flow>,
/// *Sample Response*), while the "Authorization Code Flow" page shows numbers
/// (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow>,
/// *Step 3: Exchange Authorization Code for an Access Token*). Both are
/// accepted, for every duration field (issue 11.7).
#[test]
fn lifetimes_may_be_numeric_strings() {
    let now = at(1_700_000_000);
    let body = r#"{"access_token":"AQV8","expires_in":"1800"}"#;
    let token = TwoLeggedToken::from_response(&response(200, body), now).unwrap();
    assert_eq!(token.expires_at, now + Duration::from_secs(1800));

    let body = r#"{"access_token":"AQV","expires_in":"5184000","refresh_token":"AQX","refresh_token_expires_in":"31536000","token_type":"Bearer","id_token":"eyJ"}"#;
    let token = ThreeLeggedToken::from_response(&response(200, body), now).unwrap();
    assert_eq!(
        token.tokens.expires_at,
        now + Duration::from_secs(5_184_000)
    );
    assert_eq!(
        token.tokens.refresh_token_expires_at,
        Some(now + Duration::from_secs(31_536_000))
    );
    assert_eq!(token.id_token.as_ref().map(|t| t.secret()), Some("eyJ"));
    assert_eq!(token.token_type.as_deref(), Some("Bearer"));

    let refreshed = RefreshedToken::from_response(&response(200, body), now).unwrap();
    assert_eq!(
        refreshed.refresh_token_expires_at,
        Some(now + Duration::from_secs(31_536_000))
    );
    assert_eq!(refreshed.token_type.as_deref(), Some("Bearer"));
    assert_eq!(refreshed.id_token.as_ref().map(|t| t.secret()), Some("eyJ"));
    // `Debug` keeps the ID token redacted.
    assert!(!format!("{refreshed:?}").contains("eyJ"));
}

#[test]
fn bad_lifetimes_are_typed_errors() {
    let expected = "a non-negative whole number of seconds (a JSON number or a string of digits)";
    for value in [
        r#""-1""#,
        r#""""#,
        r#"" 1800""#,
        r#""1800 ""#,
        r#""+1800""#,
        r#""18.5""#,
        r#""1e3""#,
        r#""0x10""#,
        r#""١٨٠٠""#,
        r#""18446744073709551616""#,
        r#""000000000000000000001""#,
        "-1",
        "1.5",
        "18446744073709551616",
        "true",
        "[1800]",
    ] {
        for field in ["expires_in", "refresh_token_expires_in"] {
            let body = if field == "expires_in" {
                format!(r#"{{"access_token":"a","expires_in":{value}}}"#)
            } else {
                format!(
                    r#"{{"access_token":"a","expires_in":1,"refresh_token":"r","{field}":{value}}}"#
                )
            };
            let err =
                ThreeLeggedToken::from_response(&response(200, body.clone()), at(0)).unwrap_err();
            assert_eq!(
                err,
                ResponseError::InvalidField {
                    status: http::StatusCode::OK,
                    field,
                    expected,
                },
                "{body}"
            );
        }
    }
    // In range as digits, out of the clock's range as an instant.
    let body = r#"{"access_token":"a","expires_in":"18446744073709551615"}"#;
    assert!(matches!(
        ThreeLeggedToken::from_response(&response(200, body), at(1)).unwrap_err(),
        ResponseError::InvalidField {
            field: "expires_in",
            ..
        }
    ));
}

proptest! {
    /// Any u64 lifetime, written as a number or as a string of digits
    /// (with leading zeros, within 20 digits), reads back the same.
    #[test]
    fn lifetimes_read_the_same_as_numbers_and_strings(secs in 0u64..=10_000_000_000, zeros in 0usize..4) {
        let now = at(1_700_000_000);
        let number = format!(r#"{{"access_token":"a","expires_in":{secs},"refresh_token":"r","refresh_token_expires_in":{secs}}}"#);
        let padded = format!("{}{secs}", "0".repeat(zeros));
        let string = format!(r#"{{"access_token":"a","expires_in":"{padded}","refresh_token":"r","refresh_token_expires_in":"{padded}"}}"#);
        let a = ThreeLeggedToken::from_response(&response(200, number), now).unwrap();
        let b = ThreeLeggedToken::from_response(&response(200, string), now).unwrap();
        prop_assert_eq!(a.tokens.expires_at, now + Duration::from_secs(secs));
        prop_assert_eq!(&a, &b);
    }

    /// Any string lifetime is either a whole number of seconds that reads as
    /// its digits, or the typed error; never a panic.
    #[test]
    fn any_string_lifetime_is_a_number_or_a_typed_error(text in "\\PC{0,24}|[0-9]{0,24}|-?[0-9]{1,22}") {
        let body = serde_json::json!({"access_token": "a", "expires_in": text}).to_string();
        let parsed = TwoLeggedToken::from_response(&response(200, body), at(0));
        let digits = !text.is_empty() && text.len() <= 20 && text.bytes().all(|b| b.is_ascii_digit());
        match text.parse::<u64>() {
            // Within the clock's range: the instant; beyond it: the typed error.
            Ok(secs) if digits && at(0).checked_add(Duration::from_secs(secs)).is_some() => {
                prop_assert_eq!(parsed.unwrap().expires_at, at(secs));
            }
            _ => {
                let is_invalid = matches!(
                    parsed,
                    Err(ResponseError::InvalidField { field: "expires_in", .. })
                );
                prop_assert!(is_invalid, "{:?}", text);
            }
        }
    }
}
