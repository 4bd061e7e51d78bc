//! Verifying and parsing notification deliveries.

use http::{HeaderMap, HeaderName, HeaderValue};
use linkedin_webhooks::{
    ClientSecret, Envelope, Notification, NotificationError, NotificationId,
    OrganizationSocialAction, SignatureError, SocialAction, sign, verify_notification,
};
use serde::Deserialize;

const BODY: &str = r#"{
  "type": "ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS",
  "notifications": [
    {
      "notificationId": 5603453321,
      "organizationalEntity": "urn:li:organization:96072893",
      "action": "COMMENT",
      "sourcePost": "urn:li:activity:7094637247890620418",
      "decoratedSourcePost": {"entity": "urn:li:share:7094637247487995904", "owner": "urn:li:organization:96072893", "text": "post"},
      "generatedActivity": "urn:li:comment:(urn:li:activity:7094637247890620418,7094977717598625792)",
      "decoratedGeneratedActivity": {"comment": {"text": "Nice", "owner": "urn:li:person:abc"}},
      "lastModifiedAt": 1691574506310,
      "subscriber": "urn:li:person:abc"
    },
    {"notificationId": "5603453322", "organizationalEntity": "urn:li:organization:96072893", "action": "REACTION_NEW"}
  ]
}"#;

fn secret() -> ClientSecret {
    ClientSecret::new("s3cr3t")
}

fn signed(body: &[u8]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        "x-li-signature",
        HeaderValue::from_str(&sign(&secret(), body).unwrap()).unwrap(),
    );
    headers
}

#[test]
fn typed_envelope() {
    let envelope: Envelope<OrganizationSocialAction> =
        verify_notification(&secret(), &signed(BODY.as_bytes()), BODY.as_bytes()).unwrap();
    assert_eq!(
        envelope.notification_type.as_deref(),
        Some(OrganizationSocialAction::EVENT_TYPE)
    );
    let [first, second] = envelope.notifications.as_slice() else {
        panic!("two notifications expected");
    };
    assert_eq!(first.notification_id, NotificationId::from(5_603_453_321));
    assert_eq!(first.event.action, SocialAction::Comment);
    assert_eq!(first.event.subscriber.as_deref(), Some("urn:li:person:abc"));
    assert_eq!(
        first.event.decorated_generated_activity.as_ref().unwrap()["comment"]["text"],
        "Nice"
    );
    assert_eq!(second.notification_id, "5603453322");
    assert_eq!(
        second.event.action,
        SocialAction::Other("REACTION_NEW".into())
    );
}

#[test]
fn untyped_envelope_and_round_trip() {
    let envelope: Envelope =
        verify_notification(&secret(), &signed(BODY.as_bytes()), BODY.as_bytes()).unwrap();
    assert_eq!(
        envelope.notifications[0].event["lastModifiedAt"],
        1_691_574_506_310_u64
    );
    assert!(
        envelope.notifications[0]
            .event
            .get("notificationId")
            .is_none()
    );

    // Serializing gives back the same JSON value (what a sandbox would send).
    let original: serde_json::Value = serde_json::from_str(BODY).unwrap();
    let mut again = serde_json::to_value(&envelope).unwrap();
    // The string id "5603453322" is canonical, so it is written as a number.
    again["notifications"][1]["notificationId"] = "5603453322".into();
    assert_eq!(again, original);

    let typed: Envelope<OrganizationSocialAction> = serde_json::from_str(BODY).unwrap();
    let back: Envelope<OrganizationSocialAction> =
        serde_json::from_value(serde_json::to_value(&typed).unwrap()).unwrap();
    assert_eq!(back, typed);
}

#[test]
fn other_shapes_parse_into_any_type() {
    // Lead Sync pushes a flat object rather than a batch.
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Lead {
        #[serde(rename = "type")]
        kind: String,
        lead_gen_form_response: String,
    }
    let body = br#"{"type":"LEAD_ACTION","leadGenFormResponse":"urn:li:leadGenFormResponse:1","leadAction":"CREATED"}"#;
    let lead: Lead = verify_notification(&secret(), &signed(body), body).unwrap();
    assert_eq!(lead.kind, "LEAD_ACTION");
    assert_eq!(lead.lead_gen_form_response, "urn:li:leadGenFormResponse:1");
}

#[test]
fn header_name_is_case_insensitive() {
    let body = br#"{"notifications":[]}"#;
    for name in ["X-LI-Signature", "x-li-signature", "X-Li-SIGNATURE"] {
        let mut headers = HeaderMap::new();
        headers.insert(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_str(&sign(&secret(), body).unwrap().to_uppercase()).unwrap(),
        );
        let envelope: Envelope = verify_notification(&secret(), &headers, body).unwrap();
        assert!(envelope.notifications.is_empty());
    }
}

#[test]
fn signature_errors_come_before_parsing() {
    let garbage = b"not json at all";
    let mut headers = HeaderMap::new();
    let err = verify_notification::<Envelope>(&secret(), &headers, garbage).unwrap_err();
    assert!(matches!(
        err,
        NotificationError::Signature(SignatureError::MissingHeader)
    ));
    assert_eq!(err.status_code(), http::StatusCode::UNAUTHORIZED);

    headers.insert(
        "x-li-signature",
        HeaderValue::from_str(&sign(&secret(), b"other").unwrap()).unwrap(),
    );
    let err = verify_notification::<Envelope>(&secret(), &headers, garbage).unwrap_err();
    assert!(matches!(
        err,
        NotificationError::Signature(SignatureError::Mismatch)
    ));

    let wrong_secret = ClientSecret::new("other");
    let err =
        verify_notification::<Envelope>(&wrong_secret, &signed(BODY.as_bytes()), BODY.as_bytes())
            .unwrap_err();
    assert!(matches!(
        err,
        NotificationError::Signature(SignatureError::Mismatch)
    ));
}

#[test]
fn malformed_headers() {
    let body = b"{}";
    let good = sign(&secret(), body).unwrap();
    let cases: Vec<(Vec<&[u8]>, SignatureError)> = vec![
        (
            vec![good.as_bytes(), good.as_bytes()],
            SignatureError::MultipleHeaders { count: 2 },
        ),
        (vec![b"sha256=abc"], SignatureError::MissingPrefix),
        (
            vec![&good.as_bytes()[1..]],
            SignatureError::WrongLength { length: 63 },
        ),
        (
            vec![b"hmacsha256=abcg"],
            SignatureError::InvalidHex {
                offset: 3,
                found: 'g',
            },
        ),
        (
            vec![b"hmacsha256=abc"],
            SignatureError::WrongLength { length: 3 },
        ),
        (vec![b"hmacsha256=\xe9"], SignatureError::NotText),
    ];
    for (values, expected) in cases {
        let mut headers = HeaderMap::new();
        for value in &values {
            headers.append("x-li-signature", HeaderValue::from_bytes(value).unwrap());
        }
        let err = verify_notification::<Envelope>(&secret(), &headers, body).unwrap_err();
        match err {
            NotificationError::Signature(err) => assert_eq!(err, expected),
            other => panic!("expected {expected:?}, got {other:?}"),
        }
    }
}

#[test]
fn json_errors_carry_serde_json_message_and_position() {
    let body = b"{\"notifications\": [\n  {\"notificationId\": 1},\n  {\"action\": \"LIKE\"}\n]}";
    let err = verify_notification::<Envelope>(&secret(), &signed(body), body).unwrap_err();
    let NotificationError::Json {
        line,
        column,
        source,
    } = &err
    else {
        panic!("expected a JSON error, got {err:?}");
    };
    // Notifications are buffered, so errors inside one point at (or just
    // after) its end: here the `{"action": "LIKE"}` on line 3.
    assert!((3..=4).contains(line), "line {line}");
    assert!(*column > 0);
    assert!(
        source
            .to_string()
            .contains("missing field `notificationId`"),
        "{source}"
    );
    assert!(err.to_string().contains(&format!("line {line}")), "{err}");
    assert_eq!(err.status_code(), http::StatusCode::BAD_REQUEST);

    let body = b"{\"notifications\": 5}";
    let err = verify_notification::<Envelope>(&secret(), &signed(body), body).unwrap_err();
    assert!(
        matches!(err, NotificationError::Json { line: 1, .. }),
        "{err:?}"
    );
}

#[test]
fn notification_ids_accept_numbers_and_strings_only() {
    for (json, id) in [
        (r#"{"notificationId":0}"#, "0"),
        (r#"{"notificationId":-5}"#, "-5"),
        (r#"{"notificationId":"urn:li:x:1"}"#, "urn:li:x:1"),
    ] {
        let n: Notification = serde_json::from_str(json).unwrap();
        assert_eq!(n.notification_id, id);
    }
    for json in [
        r#"{"notificationId":1.5}"#,
        r#"{"notificationId":null}"#,
        r#"{"notificationId":true}"#,
        r#"{"notificationId":[1]}"#,
    ] {
        assert!(
            serde_json::from_str::<Notification>(json).is_err(),
            "{json}"
        );
    }
}

/// An empty client secret is a typed error, not an HMAC keyed with nothing
/// that anyone could forge (issue 12.11).
#[test]
fn an_empty_secret_is_refused_before_anything_else() {
    let empty = ClientSecret::new("");
    let body = BODY.as_bytes();
    assert_eq!(sign(&empty, body), Err(SignatureError::EmptySecret));
    // Even a "signature" an attacker computed with the empty key is refused.
    // python3 -c 'import hmac,hashlib; print(hmac.new(b"", b"hmacsha256={}", hashlib.sha256).hexdigest())'
    let forged = "fc91782887f22483923e181867498f07e26e3fa63ba4bb3a2fb7df1f36b8b8fe";
    let mut headers = HeaderMap::new();
    headers.insert("x-li-signature", HeaderValue::from_static(forged));
    let err = verify_notification::<Envelope>(&empty, &headers, b"{}").unwrap_err();
    assert!(matches!(
        err,
        NotificationError::Signature(SignatureError::EmptySecret)
    ));
    assert_eq!(err.status_code(), http::StatusCode::INTERNAL_SERVER_ERROR);
    // Checked before the headers: a missing header is not what is wrong.
    assert_eq!(
        linkedin_webhooks::verify_headers(&empty, &HeaderMap::new(), body),
        Err(SignatureError::EmptySecret)
    );
    assert_eq!(
        linkedin_webhooks::verify_signature(&empty, forged, b"{}"),
        Err(SignatureError::EmptySecret)
    );
    assert_eq!(
        ClientSecret::new(String::new()).secret(),
        "",
        "an empty String wraps too, and the operations refuse it"
    );
    assert_eq!(
        sign(&ClientSecret::new(String::new()), body),
        Err(SignatureError::EmptySecret)
    );
}
