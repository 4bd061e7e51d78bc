//! Answering LinkedIn's validation `GET`.

use linkedin_webhooks::{
    Challenge, ChallengeError, ChallengeResponse, ClientSecret, challenge_response,
    validation_response,
};

fn secret() -> ClientSecret {
    ClientSecret::new("secret")
}

fn get(uri: &str) -> http::Request<Vec<u8>> {
    http::Request::get(uri).body(Vec::new()).unwrap()
}

#[test]
fn answers_with_200_json_and_the_hmac() {
    let response = validation_response(
        &secret(),
        &get("https://hooks.example/li?challengeCode=challenge"),
    )
    .unwrap();
    assert_eq!(response.status(), http::StatusCode::OK);
    assert_eq!(
        response.headers()[http::header::CONTENT_TYPE],
        "application/json"
    );
    assert_eq!(response.headers().len(), 1);
    // Expected value computed with Python's hmac module.
    assert_eq!(
        response.body(),
        br#"{"challengeCode":"challenge","challengeResponse":"a1e505e96c6aa1ece082bb9efb06c80f12913d217a7ac2b08b347630787d1da0"}"#
    );
    let parsed: ChallengeResponse = serde_json::from_slice(response.body()).unwrap();
    assert!(parsed.verify(&secret(), "challenge"));
}

#[test]
fn works_with_origin_form_uris_and_other_parameters() {
    let response = validation_response(
        &secret(),
        &get("/li?foo=bar&challengeCode=challenge&applicationId=9"),
    )
    .unwrap();
    let parsed: ChallengeResponse = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(parsed.challenge_code, "challenge");
}

#[test]
fn percent_encoded_values_are_decoded_and_echoed_decoded() {
    let request = get("/li?challengeCode=890e4665%2D4dfe%2d4ab1+b689");
    let challenge = Challenge::from_request(&request).unwrap();
    assert_eq!(challenge.code(), "890e4665-4dfe-4ab1 b689");
    let parsed: ChallengeResponse =
        serde_json::from_slice(challenge.response(&secret()).unwrap().body()).unwrap();
    assert_eq!(parsed.challenge_code, "890e4665-4dfe-4ab1 b689");
    assert_eq!(
        parsed.challenge_response,
        challenge_response(&secret(), "890e4665-4dfe-4ab1 b689").unwrap()
    );
}

#[test]
fn application_id_selects_the_secret() {
    let challenge = Challenge::from_request(&get("/li?challengeCode=c&applicationId=123")).unwrap();
    assert_eq!(challenge.application_id(), Some("123"));
    let child = ClientSecret::new("child");
    let parsed: ChallengeResponse =
        serde_json::from_slice(challenge.response(&child).unwrap().body()).unwrap();
    assert!(parsed.verify(&child, "c"));
    assert!(!parsed.verify(&secret(), "c"));
}

#[test]
fn errors() {
    let s = secret();
    for method in [http::Method::POST, http::Method::HEAD, http::Method::PUT] {
        let request = http::Request::builder()
            .method(method.clone())
            .uri("/li?challengeCode=abc")
            .body(())
            .unwrap();
        let err = validation_response(&s, &request).unwrap_err();
        assert_eq!(err, ChallengeError::NotGet { method });
        assert_eq!(err.status_code(), http::StatusCode::METHOD_NOT_ALLOWED);
    }
    let cases = [
        ("/li", ChallengeError::MissingChallengeCode),
        ("/li?", ChallengeError::MissingChallengeCode),
        ("/li?applicationId=1", ChallengeError::MissingChallengeCode),
        (
            "/li?challengeCode=",
            ChallengeError::EmptyParameter {
                name: "challengeCode",
            },
        ),
        (
            "/li?challengeCode",
            ChallengeError::EmptyParameter {
                name: "challengeCode",
            },
        ),
        (
            "/li?challengeCode=a&challengeCode=a",
            ChallengeError::DuplicateParameter {
                name: "challengeCode",
            },
        ),
        (
            "/li?challengeCode=a&applicationId=",
            ChallengeError::EmptyParameter {
                name: "applicationId",
            },
        ),
        (
            "/li?challengeCode=%C3%A9%FF",
            ChallengeError::InvalidEncoding {
                name: "challengeCode",
            },
        ),
    ];
    for (uri, expected) in cases {
        let err = validation_response(&s, &get(uri)).unwrap_err();
        assert_eq!(err, expected, "{uri}");
        assert_eq!(err.status_code(), http::StatusCode::BAD_REQUEST);
        assert!(!err.to_string().is_empty());
    }
}

#[test]
fn error_messages_say_what_to_do() {
    let err = validation_response(&secret(), &get("/li")).unwrap_err();
    assert!(err.to_string().contains("challengeCode"), "{err}");
    let err = ChallengeError::NotGet {
        method: http::Method::POST,
    };
    assert!(err.to_string().contains("POST"), "{err}");
}

/// An empty client secret answers no challenge (issue 12.11): the answer
/// would be an HMAC keyed with nothing, which anyone can compute.
#[test]
fn an_empty_secret_answers_no_challenge() {
    let empty = ClientSecret::new("");
    let request = get("/li?challengeCode=abc");
    let err = linkedin_webhooks::validation_response(&empty, &request).unwrap_err();
    assert_eq!(err, ChallengeError::EmptySecret);
    assert_eq!(err.status_code(), http::StatusCode::INTERNAL_SERVER_ERROR);
    let challenge = Challenge::from_request(&request).unwrap();
    assert_eq!(
        challenge.response(&empty).unwrap_err(),
        ChallengeError::EmptySecret
    );
    assert_eq!(
        challenge_response(&empty, "abc"),
        Err(ChallengeError::EmptySecret)
    );
    assert_eq!(
        ChallengeResponse::new(&empty, "abc"),
        Err(ChallengeError::EmptySecret)
    );
    // python3 -c 'import hmac,hashlib; print(hmac.new(b"", b"abc", hashlib.sha256).hexdigest())'
    let keyed_with_nothing = ChallengeResponse {
        challenge_code: "abc".into(),
        challenge_response: "fd7adb152c05ef80dccf50a1fa4c05d5a3ec6da95575fc312ae7c5d091836351"
            .into(),
    };
    assert!(!keyed_with_nothing.verify(&empty, "abc"));
}
