//! The client secret, and the signature it would produce, never appear in
//! `Debug` (`{:?}`, `{:#?}`) or `Display` output of the secret or of any error.

use std::fmt::{Debug, Display};

use http::{HeaderMap, HeaderValue};
use linkedin_webhooks::{
    Challenge, ChallengeError, ClientSecret, Envelope, NotificationError, SignatureError,
    challenge_response, sign, validation_response, verify_headers, verify_notification,
    verify_signature,
};

/// A value no formatted output may contain; the secret contains it.
const MARKER: &str = "SUPERSECRETxyz";

fn secret() -> ClientSecret {
    ClientSecret::new(format!("cs-{MARKER}"))
}

fn assert_clean(name: &str, value: &(impl Debug + Display), forbidden: &[&str]) {
    let renderings = [
        format!("{value:?}"),
        format!("{value:#?}"),
        value.to_string(),
    ];
    for rendered in renderings {
        for needle in forbidden.iter().chain([&MARKER]) {
            assert!(
                !rendered.contains(needle),
                "{name} leaks {needle:?}: {rendered}"
            );
        }
        // The secret's bytes as a list (`Debug` of a `Vec<u8>`, whitespace
        // ignored for `{:#?}`) or as hex, either case.
        let squeezed: String = rendered.split_whitespace().collect();
        let secret = secret();
        let list = secret
            .secret()
            .bytes()
            .map(|b| b.to_string())
            .collect::<Vec<_>>()
            .join(",");
        assert!(
            !squeezed.contains(&list),
            "{name} leaks the key bytes: {rendered}"
        );
        let marker_hex: String = MARKER.bytes().map(|b| format!("{b:02x}")).collect();
        assert!(
            !rendered.to_lowercase().contains(&marker_hex),
            "{name} leaks the key as hex: {rendered}"
        );
    }
}

#[test]
fn the_secret_type_redacts() {
    let secret = secret();
    assert_clean("ClientSecret", &secret, &[]);
    assert_eq!(format!("{secret:?}"), "ClientSecret([redacted])");
    assert_eq!(secret.to_string(), "[redacted]");
    assert!(secret.secret().contains(MARKER));
    // The webhooks' secret is the OAuth one: the same redaction.
    let oauth = linkedin_oauth::ClientSecret::new(MARKER);
    assert_clean("linkedin_oauth::ClientSecret", &oauth, &[]);
}

/// Every variant of every error type, produced through the public API where
/// possible; the expected signature of the body must not leak either.
#[test]
fn no_error_shows_the_secret_or_the_expected_signature() {
    let secret = secret();
    let body = format!(r#"{{"notifications":[{{"notificationId":1,"note":"{MARKER}"}}]}}"#);
    let body_without_marker = br#"{"notifications": ["#;
    let expected = sign(&secret, body.as_bytes()).unwrap();
    let expected_digest = expected.clone();
    let expected_challenge = challenge_response(&secret, "abc").unwrap();
    let forbidden = [expected_digest.as_str(), expected_challenge.as_str()];

    let wrong = format!("hmacsha256={}", "0".repeat(64));
    let mut signature_errors = vec![
        verify_signature(&secret, &wrong, body.as_bytes()).unwrap_err(),
        verify_signature(&secret, "sha256=00", body.as_bytes()).unwrap_err(),
        verify_signature(&secret, "hmacsha256=zz", body.as_bytes()).unwrap_err(),
        verify_signature(&secret, "hmacsha256=00", body.as_bytes()).unwrap_err(),
        verify_headers(&secret, &HeaderMap::new(), body.as_bytes()).unwrap_err(),
        verify_signature(&ClientSecret::new(""), &expected, body.as_bytes()).unwrap_err(),
    ];
    let mut two = HeaderMap::new();
    two.append("x-li-signature", HeaderValue::from_str(&expected).unwrap());
    two.append("x-li-signature", HeaderValue::from_str(&expected).unwrap());
    signature_errors.push(verify_headers(&secret, &two, body.as_bytes()).unwrap_err());
    let mut opaque = HeaderMap::new();
    opaque.insert(
        "x-li-signature",
        HeaderValue::from_bytes(b"hmacsha256=\xff").unwrap(),
    );
    signature_errors.push(verify_headers(&secret, &opaque, body.as_bytes()).unwrap_err());

    let kinds: Vec<_> = signature_errors
        .iter()
        .map(std::mem::discriminant)
        .collect();
    for variant in [
        SignatureError::Mismatch,
        SignatureError::MissingPrefix,
        SignatureError::InvalidHex {
            offset: 0,
            found: 'z',
        },
        SignatureError::WrongLength { length: 2 },
        SignatureError::MissingHeader,
        SignatureError::MultipleHeaders { count: 2 },
        SignatureError::NotText,
        SignatureError::EmptySecret,
    ] {
        assert!(
            kinds.contains(&std::mem::discriminant(&variant)),
            "{variant:?} not produced"
        );
    }
    for err in &signature_errors {
        assert_clean("SignatureError", err, &forbidden);
        assert_clean(
            "NotificationError::Signature",
            &NotificationError::from(err.clone()),
            &forbidden,
        );
    }

    // A correctly signed body that does not parse (a JSON error).
    let mut headers = HeaderMap::new();
    headers.insert(
        "x-li-signature",
        HeaderValue::from_str(&sign(&secret, body_without_marker).unwrap()).unwrap(),
    );
    let json = verify_notification::<Envelope>(&secret, &headers, body_without_marker).unwrap_err();
    assert!(matches!(json, NotificationError::Json { .. }));
    let json_forbidden = sign(&secret, body_without_marker).unwrap();
    assert_clean(
        "NotificationError::Json",
        &json,
        &[
            json_forbidden.trim_start_matches("hmacsha256="),
            forbidden[1],
        ],
    );

    let challenge_errors = [
        validation_response(
            &secret,
            &http::Request::post("/?challengeCode=abc").body(()).unwrap(),
        )
        .unwrap_err(),
        Challenge::from_query("").unwrap_err(),
        Challenge::from_query("challengeCode=").unwrap_err(),
        Challenge::from_query("challengeCode=a&challengeCode=b").unwrap_err(),
        Challenge::from_query("challengeCode=%ff").unwrap_err(),
        validation_response(
            &ClientSecret::new(""),
            &http::Request::get("/?challengeCode=abc").body(()).unwrap(),
        )
        .unwrap_err(),
    ];
    let kinds: Vec<_> = challenge_errors
        .iter()
        .map(std::mem::discriminant)
        .collect();
    for variant in [
        ChallengeError::NotGet {
            method: http::Method::POST,
        },
        ChallengeError::MissingChallengeCode,
        ChallengeError::EmptyParameter {
            name: "challengeCode",
        },
        ChallengeError::DuplicateParameter {
            name: "challengeCode",
        },
        ChallengeError::InvalidEncoding {
            name: "challengeCode",
        },
        ChallengeError::EmptySecret,
    ] {
        assert!(
            kinds.contains(&std::mem::discriminant(&variant)),
            "{variant:?} not produced"
        );
    }
    for err in &challenge_errors {
        assert_clean("ChallengeError", err, &forbidden);
    }
}
