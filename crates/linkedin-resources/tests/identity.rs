//! Identity: the `userinfo` request and model, id_token verification and
//! the JWKS cache decisions.
//!
//! LinkedIn's page: "Sign In with LinkedIn using OpenID Connect",
//! <https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2>.

mod shared_render;

use std::time::{Duration, SystemTime};

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use linkedin_oauth::{IdToken, Nonce};
use linkedin_resources::identity::{
    Audience, IdTokenError, IdTokenVerifier, Jwks, JwksCache, JwksDecision, Locale,
    MAX_ID_TOKEN_LEN, UserInfo, userinfo,
};
use proptest::prelude::*;
use restli_codec::response::EntityResponse;
use restli_codec::{DynamicRequest, RequestConfig};
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer};
use rsa::traits::PublicKeyParts;
use serde_json::{Value, json};
use shared_render::{TOKEN, render, response, versioned};

const CLIENT_ID: &str = "86abc123";
const NOW: u64 = 1_698_789_300;

struct TestKey {
    signer: rsa::pkcs1v15::SigningKey<sha2::Sha256>,
    jwk: Value,
}

fn key(pem: &str, kid: &str) -> TestKey {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let private = rsa::PrivateKey::from_pkcs8_der(&STANDARD.decode(body).unwrap()).unwrap();
    let trim = |bytes: Vec<u8>| {
        bytes
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect::<Vec<u8>>()
    };
    let n = trim(private.n().as_ref().to_be_bytes().to_vec());
    let e = trim(private.e().to_be_bytes().to_vec());
    TestKey {
        jwk: json!({
            "kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid,
            "n": URL_SAFE_NO_PAD.encode(n), "e": URL_SAFE_NO_PAD.encode(e),
        }),
        signer: rsa::pkcs1v15::SigningKey::new(private),
    }
}

fn main_key() -> TestKey {
    key(include_str!("data/id_token_test_key.pem"), "main")
}

fn other_key() -> TestKey {
    key(include_str!("data/other_test_key.pem"), "other")
}

fn b64(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(value).unwrap())
}

fn sign_with(key: &TestKey, header: &Value, claims: &Value) -> String {
    let input = format!("{}.{}", b64(header), b64(claims));
    let signature = key.signer.sign(input.as_bytes()).to_vec();
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
}

fn sign(claims: &Value) -> IdToken {
    IdToken::new(sign_with(
        &main_key(),
        &json!({"alg": "RS256", "typ": "JWT", "kid": "main"}),
        claims,
    ))
}

/// The id_token payload as the page's example shows it (its `aud` our
/// client id, its times around `NOW`).
fn documented_claims() -> Value {
    json!({
        "iss": "https://www.linkedin.com/oauth",
        "aud": CLIENT_ID,
        "iat": 1_698_789_279u64,
        "exp": 1_698_792_879u64,
        "sub": "782bbtaQ",
        "name": "John Doe",
        "given_name": "John",
        "family_name": "Doe",
        "picture": "https://media.licdn-ei.com/dms/image/C5F03AQHqK8v7tB1HCQ/profile-displayphoto-shrink_100_100/0/",
        "email": "doe@email.com",
        "email_verified": "true",
        "locale": "en-US"
    })
}

fn jwks(keys: &[&TestKey]) -> Jwks {
    let doc = json!({"keys": keys.iter().map(|k| k.jwk.clone()).collect::<Vec<_>>()});
    Jwks::from_slice(&serde_json::to_vec(&doc).unwrap()).unwrap()
}

fn at(secs: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
}

fn verify(token: &IdToken) -> Result<linkedin_resources::identity::IdTokenClaims, IdTokenError> {
    IdTokenVerifier::new(CLIENT_ID).verify(
        token,
        &jwks(&[&main_key(), &other_key()]),
        at(NOW),
        None,
    )
}

fn with(change: impl FnOnce(&mut Value)) -> IdToken {
    let mut claims = documented_claims();
    change(&mut claims);
    sign(&claims)
}

#[test]
fn userinfo_is_a_get_under_v2_without_a_version() {
    // The page: "GET https://api.linkedin.com/v2/userinfo" with the bearer token.
    let http = userinfo().to_http(&versioned(), Some(TOKEN)).unwrap();
    insta::assert_snapshot!("userinfo_request", render(&http));
    let plain = userinfo()
        .to_http(&RequestConfig::new(), Some(TOKEN))
        .unwrap();
    assert_eq!(render(&plain), render(&http));
}

#[test]
fn the_documented_userinfo_answer_parses_and_round_trips() {
    // The page's "Sample API Response" of /v2/userinfo.
    let body = r#"{
        "sub": "782bbtaQ",
        "name": "John Doe",
        "given_name": "John",
        "family_name": "Doe",
        "picture": "https://media.licdn-ei.com/dms/image/C5F03AQHqK8v7tB1HCQ/profile-displayphoto-shrink_100_100/0/",
        "locale": "en-US",
        "email": "doe@email.com",
        "email_verified": true
    }"#;
    let request: DynamicRequest = userinfo().into();
    let answer: EntityResponse<UserInfo> =
        EntityResponse::from_http(response(200, &[], body), request.path()).unwrap();
    let me = answer.entity;
    assert_eq!(
        me.person_urn().unwrap().to_string(),
        "urn:li:person:782bbtaQ"
    );
    assert_eq!(me.given_name.as_deref(), Some("John"));
    assert_eq!(me.family_name.as_deref(), Some("Doe"));
    assert_eq!(me.email.as_deref(), Some("doe@email.com"));
    assert_eq!(me.email_verified, Some(true));
    assert_eq!(
        me.locale.as_ref().map(Locale::tag).as_deref(),
        Some("en-US")
    );
    let back: Value = serde_json::to_value(&me).unwrap();
    assert_eq!(back, serde_json::from_str::<Value>(body).unwrap());
}

#[test]
fn userinfo_reads_the_locale_object_and_keeps_unknown_fields() {
    // The page's response schema describes locale as an object of
    // country and language; its example shows a tag. Both are read.
    let body = json!({
        "sub": "782bbtaQ",
        "locale": {"country": "US", "language": "en"},
        "email_verified": "false",
        "headline": "new field"
    });
    let me: UserInfo = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(me.locale.as_ref().unwrap().tag(), "en-US");
    assert_eq!(me.email_verified, Some(false));
    assert_eq!(me.extra["headline"], "new field");
    let mut expected = body;
    expected["email_verified"] = json!(false);
    assert_eq!(serde_json::to_value(&me).unwrap(), expected);
    // Only sub is required; a bad email_verified is an error, not a guess.
    assert!(serde_json::from_value::<UserInfo>(json!({"sub": "x"})).is_ok());
    assert!(serde_json::from_value::<UserInfo>(json!({"name": "x"})).is_err());
    assert!(
        serde_json::from_value::<UserInfo>(json!({"sub": "x", "email_verified": "yes"})).is_err()
    );
    // A sub that cannot be a URN id is a typed error.
    let odd: UserInfo = serde_json::from_value(json!({"sub": ""})).unwrap();
    assert!(odd.person_urn().is_err());
}

#[test]
fn a_documented_id_token_verifies_and_gives_its_claims() {
    let claims = verify(&sign(&documented_claims())).unwrap();
    assert_eq!(claims.sub, "782bbtaQ");
    assert_eq!(
        claims.person_urn().unwrap().to_string(),
        "urn:li:person:782bbtaQ"
    );
    assert_eq!(claims.aud, Audience::One(CLIENT_ID.into()));
    assert_eq!(claims.email_verified, Some(true));
    assert_eq!(claims.name.as_deref(), Some("John Doe"));
    assert_eq!(claims.locale, Some(Locale::Tag("en-US".into())));
    // Reading then writing loses nothing but the text form of email_verified.
    let mut expected = documented_claims();
    expected["email_verified"] = json!(true);
    assert_eq!(serde_json::to_value(&claims).unwrap(), expected);
}

#[test]
fn unknown_claims_are_kept() {
    let claims = verify(&with(|c| c["amr"] = json!(["pwd"]))).unwrap();
    assert_eq!(claims.extra["amr"], json!(["pwd"]));
}

#[test]
fn a_signature_by_another_key_or_over_other_claims_is_refused() {
    // Signed by the other key, naming the main key's kid.
    let forged = sign_with(
        &other_key(),
        &json!({"alg": "RS256", "kid": "main"}),
        &documented_claims(),
    );
    assert_eq!(
        verify(&IdToken::new(forged)).unwrap_err(),
        IdTokenError::BadSignature
    );

    // The claims changed after signing.
    let token = sign(&documented_claims()).into_secret();
    let parts: Vec<&str> = token.split('.').collect();
    let mut claims = documented_claims();
    claims["sub"] = json!("someone-else");
    let tampered = format!("{}.{}.{}", parts[0], b64(&claims), parts[2]);
    assert_eq!(
        verify(&IdToken::new(tampered)).unwrap_err(),
        IdTokenError::BadSignature
    );

    // A signature of the wrong length.
    let short = format!(
        "{}.{}.{}",
        parts[0],
        parts[1],
        URL_SAFE_NO_PAD.encode([1u8; 16])
    );
    assert_eq!(
        verify(&IdToken::new(short)).unwrap_err(),
        IdTokenError::BadSignature
    );

    // The other key, properly named, verifies: keys are found by kid.
    let other = sign_with(
        &other_key(),
        &json!({"alg": "RS256", "kid": "other"}),
        &documented_claims(),
    );
    assert!(verify(&IdToken::new(other)).is_ok());
}

#[test]
fn an_unknown_kid_is_refused() {
    let token = sign_with(
        &main_key(),
        &json!({"alg": "RS256", "kid": "rotated"}),
        &documented_claims(),
    );
    assert_eq!(
        verify(&IdToken::new(token)).unwrap_err(),
        IdTokenError::UnknownKey {
            kid: "rotated".into()
        }
    );
}

#[test]
fn a_token_without_kid_needs_a_single_key() {
    let token = IdToken::new(sign_with(
        &main_key(),
        &json!({"alg": "RS256"}),
        &documented_claims(),
    ));
    let verifier = IdTokenVerifier::new(CLIENT_ID);
    assert!(
        verifier
            .verify(&token, &jwks(&[&main_key()]), at(NOW), None)
            .is_ok()
    );
    assert_eq!(
        verifier
            .verify(&token, &jwks(&[&main_key(), &other_key()]), at(NOW), None)
            .unwrap_err(),
        IdTokenError::MissingKeyId { candidates: 2 }
    );
    assert_eq!(
        verifier
            .verify(&token, &jwks(&[]), at(NOW), None)
            .unwrap_err(),
        IdTokenError::MissingKeyId { candidates: 0 }
    );
}

#[test]
fn every_algorithm_but_rs256_is_refused() {
    let key = main_key();
    for alg in [
        "none", "HS256", "HS512", "RS384", "RS512", "PS256", "ES256", "rs256", "",
    ] {
        let token = sign_with(
            &key,
            &json!({"alg": alg, "kid": "main"}),
            &documented_claims(),
        );
        assert_eq!(
            verify(&IdToken::new(token)).unwrap_err(),
            IdTokenError::UnsupportedAlgorithm { alg: alg.into() },
            "{alg}"
        );
    }
    // `alg: none` with an empty signature: malformed before anything else.
    let unsigned = format!(
        "{}.{}.",
        b64(&json!({"alg": "none"})),
        b64(&documented_claims())
    );
    assert!(matches!(
        verify(&IdToken::new(unsigned)).unwrap_err(),
        IdTokenError::Malformed {
            part: "signature",
            ..
        }
    ));
    // An HS256 token "signed" with the public key as the HMAC secret (the
    // classic confusion) never reaches a key.
    let hs = sign_with(
        &key,
        &json!({"alg": "HS256", "kid": "main"}),
        &documented_claims(),
    );
    assert!(matches!(
        verify(&IdToken::new(hs)).unwrap_err(),
        IdTokenError::UnsupportedAlgorithm { .. }
    ));
}

#[test]
fn a_key_that_is_not_an_rs256_signing_key_is_refused() {
    let token = sign(&documented_claims());
    let verifier = IdTokenVerifier::new(CLIENT_ID);
    let mut jwk = main_key().jwk;
    for (member, value) in [("kty", "EC"), ("alg", "RS512"), ("use", "enc"), ("n", "!!")] {
        let mut changed = jwk.clone();
        changed[member] = json!(value);
        let set =
            Jwks::from_slice(&serde_json::to_vec(&json!({"keys": [changed]})).unwrap()).unwrap();
        assert!(
            matches!(
                verifier.verify(&token, &set, at(NOW), None).unwrap_err(),
                IdTokenError::UnusableKey { ref kid, .. } if kid == "main"
            ),
            "{member}"
        );
    }
    // A key without alg or use is an RS256 signing key.
    jwk.as_object_mut().unwrap().remove("alg");
    jwk.as_object_mut().unwrap().remove("use");
    let set = Jwks::from_slice(&serde_json::to_vec(&json!({"keys": [jwk]})).unwrap()).unwrap();
    assert!(verifier.verify(&token, &set, at(NOW), None).is_ok());
}

#[test]
fn the_issuer_must_be_linkedins_or_the_configured_one() {
    let err = verify(&with(|c| c["iss"] = json!("https://evil.example/oauth"))).unwrap_err();
    assert_eq!(
        err,
        IdTokenError::WrongIssuer {
            expected: "https://www.linkedin.com/oauth".into(),
            found: "https://evil.example/oauth".into()
        }
    );
    // Exact: a trailing slash is another issuer.
    assert!(
        verify(&with(
            |c| c["iss"] = json!("https://www.linkedin.com/oauth/")
        ))
        .is_err()
    );
    // A sandbox's issuer, configured.
    let sandbox = with(|c| c["iss"] = json!("http://127.0.0.1:8080/oauth"));
    let verifier = IdTokenVerifier::new(CLIENT_ID).issuer("http://127.0.0.1:8080/oauth");
    assert!(
        verifier
            .verify(&sandbox, &jwks(&[&main_key()]), at(NOW), None)
            .is_ok()
    );
    assert!(verify(&sandbox).is_err());
}

#[test]
fn the_audience_must_name_the_client() {
    assert_eq!(
        verify(&with(|c| c["aud"] = json!("another-app"))).unwrap_err(),
        IdTokenError::WrongAudience {
            expected: CLIENT_ID.into(),
            found: vec!["another-app".into()]
        }
    );
    assert!(verify(&with(|c| c["aud"] = json!(["another-app"]))).is_err());
    assert!(verify(&with(|c| c["aud"] = json!([]))).is_err());
    let claims = verify(&with(|c| c["aud"] = json!(["another-app", CLIENT_ID]))).unwrap();
    assert!(claims.aud.contains(CLIENT_ID));
    assert!(matches!(
        verify(&with(|c| c["aud"] = json!(5))).unwrap_err(),
        IdTokenError::InvalidClaims { .. }
    ));
}

#[test]
fn expiry_and_issue_time_are_checked_against_now_with_a_bounded_leeway() {
    let verifier = IdTokenVerifier::new(CLIENT_ID).leeway(Duration::from_secs(30));
    let keys = jwks(&[&main_key()]);
    let token = sign(&documented_claims());
    let exp = 1_698_792_879;
    let iat = 1_698_789_279;
    assert!(verifier.verify(&token, &keys, at(exp + 30), None).is_ok());
    assert_eq!(
        verifier
            .verify(&token, &keys, at(exp + 31), None)
            .unwrap_err(),
        IdTokenError::Expired { exp, now: exp + 31 }
    );
    assert!(verifier.verify(&token, &keys, at(iat - 30), None).is_ok());
    assert_eq!(
        verifier
            .verify(&token, &keys, at(iat - 31), None)
            .unwrap_err(),
        IdTokenError::IssuedInFuture { iat, now: iat - 31 }
    );
    // A leeway of a day is cut to five minutes.
    let lax = IdTokenVerifier::new(CLIENT_ID).leeway(Duration::from_secs(86_400));
    assert!(lax.verify(&token, &keys, at(exp + 300), None).is_ok());
    assert!(lax.verify(&token, &keys, at(exp + 301), None).is_err());
    // Missing times are invalid claims, not "never expires".
    for claim in ["exp", "iat", "iss", "aud", "sub"] {
        let token = with(|c| {
            c.as_object_mut().unwrap().remove(claim);
        });
        assert!(
            matches!(
                verify(&token).unwrap_err(),
                IdTokenError::InvalidClaims { .. }
            ),
            "{claim}"
        );
    }
    // Huge times do not overflow.
    let far = with(|c| c["exp"] = json!(u64::MAX));
    assert!(verify(&far).is_ok());
    assert!(
        IdTokenVerifier::new(CLIENT_ID)
            .verify(&far, &keys, at(u64::MAX / 4), None)
            .is_ok()
    );
}

#[test]
fn the_nonce_is_checked_when_one_was_sent() {
    let verifier = IdTokenVerifier::new(CLIENT_ID);
    let keys = jwks(&[&main_key()]);
    let sent = Nonce::new("n-0S6_WzA2Mj").unwrap();
    let with_nonce = with(|c| c["nonce"] = json!("n-0S6_WzA2Mj"));
    let claims = verifier
        .verify(&with_nonce, &keys, at(NOW), Some(&sent))
        .unwrap();
    assert_eq!(claims.nonce.as_deref(), Some("n-0S6_WzA2Mj"));
    let other = with(|c| c["nonce"] = json!("n-replayed"));
    assert_eq!(
        verifier
            .verify(&other, &keys, at(NOW), Some(&sent))
            .unwrap_err(),
        IdTokenError::NonceMismatch
    );
    assert_eq!(
        verifier
            .verify(&sign(&documented_claims()), &keys, at(NOW), Some(&sent))
            .unwrap_err(),
        IdTokenError::MissingNonce
    );
    // None sent: the claim is not checked.
    assert!(verifier.verify(&other, &keys, at(NOW), None).is_ok());
}

#[test]
fn malformed_tokens_are_refused_with_the_part_at_fault() {
    let good = sign(&documented_claims()).into_secret();
    let parts: Vec<&str> = good.split('.').collect();
    let cases: Vec<(String, &str)> = vec![
        (String::new(), "token"),
        ("abc".into(), "token"),
        (format!("{}.{}", parts[0], parts[1]), "token"),
        (format!("{good}.x"), "token"),
        (format!(".{}.{}", parts[1], parts[2]), "header"),
        (format!("{}=.{}.{}", parts[0], parts[1], parts[2]), "header"),
        (
            format!("{}.{}.{}", b64(&json!("a string")), parts[1], parts[2]),
            "header",
        ),
        (
            format!(
                "{}.{}.{}",
                URL_SAFE_NO_PAD.encode("{not json"),
                parts[1],
                parts[2]
            ),
            "header",
        ),
        (
            format!("{}.{}.{}", b64(&json!({"kid": "main"})), parts[1], parts[2]),
            "header",
        ),
        (format!("{}.%%%.{}", parts[0], parts[2]), "claims"),
        (format!("{}.{}.+/+/", parts[0], parts[1]), "signature"),
    ];
    for (token, part) in cases {
        match verify(&IdToken::new(token.clone())).unwrap_err() {
            IdTokenError::Malformed { part: found, .. } => assert_eq!(found, part, "{token}"),
            other => panic!("{token}: {other:?}"),
        }
    }
    // Signed claims that are not an object.
    let not_object = sign_with(
        &main_key(),
        &json!({"alg": "RS256", "kid": "main"}),
        &json!([1]),
    );
    assert!(matches!(
        verify(&IdToken::new(not_object)).unwrap_err(),
        IdTokenError::InvalidClaims { .. }
    ));
    // An empty sub.
    assert_eq!(
        verify(&with(|c| c["sub"] = json!(""))).unwrap_err(),
        IdTokenError::EmptySubject
    );
}

#[test]
fn an_oversized_token_is_refused_before_decoding() {
    let big = with(|c| c["padding"] = json!("x".repeat(MAX_ID_TOKEN_LEN)));
    assert_eq!(
        verify(&big).unwrap_err(),
        IdTokenError::TooLong {
            len: big.secret().len()
        }
    );
    let huge = IdToken::new("a".repeat(10 * 1024 * 1024));
    assert!(matches!(
        verify(&huge).unwrap_err(),
        IdTokenError::TooLong { .. }
    ));
    assert!(matches!(
        IdTokenVerifier::key_id(&huge),
        Err(IdTokenError::TooLong { .. })
    ));
}

#[test]
fn errors_never_show_the_token() {
    let token = sign(&documented_claims()).into_secret();
    let signature = token.rsplit('.').next().unwrap().to_owned();
    let payload = token.split('.').nth(1).unwrap().to_owned();
    let mut failures = vec![
        verify(&with(|c| c["aud"] = json!("x"))).unwrap_err(),
        verify(&IdToken::new(format!("{token}x"))).unwrap_err(),
        verify(&IdToken::new(token.replacen('.', "..", 1))).unwrap_err(),
    ];
    let wrong_kid = sign_with(
        &main_key(),
        &json!({"alg": "RS256", "kid": token.clone()}),
        &documented_claims(),
    );
    failures.push(verify(&IdToken::new(wrong_kid)).unwrap_err());
    for failure in failures {
        let shown = format!("{failure} {failure:?}");
        assert!(!shown.contains(&signature), "{shown}");
        assert!(!shown.contains(&payload), "{shown}");
        assert!(shown.len() < 2000, "{shown}");
    }
}

#[test]
fn the_kid_is_read_for_the_cache() {
    assert_eq!(
        IdTokenVerifier::key_id(&sign(&documented_claims()))
            .unwrap()
            .as_deref(),
        Some("main")
    );
    let none = sign_with(&main_key(), &json!({"alg": "RS256"}), &documented_claims());
    assert_eq!(IdTokenVerifier::key_id(&IdToken::new(none)).unwrap(), None);
}

#[test]
fn the_jwks_document_is_bounded_and_kept_whole() {
    let doc = json!({"keys": [main_key().jwk, {"kty": "EC", "crv": "P-256", "x": "a", "y": "b"}], "note": "kept"});
    let jwks = Jwks::from_slice(&serde_json::to_vec(&doc).unwrap()).unwrap();
    assert_eq!(serde_json::to_value(&jwks).unwrap(), doc);
    assert!(matches!(
        Jwks::from_slice(&vec![b' '; 64 * 1024 + 1]),
        Err(linkedin_resources::identity::JwksError::TooLarge { .. })
    ));
    let many = json!({"keys": (0..65).map(|i| json!({"kty": "RSA", "kid": i.to_string()})).collect::<Vec<_>>()});
    assert!(matches!(
        Jwks::from_slice(&serde_json::to_vec(&many).unwrap()),
        Err(linkedin_resources::identity::JwksError::TooManyKeys { count: 65 })
    ));
    assert!(Jwks::from_slice(b"[]").is_err());
}

// The discovery document, https://www.linkedin.com/oauth/.well-known/openid-configuration,
// names the jwks_uri https://www.linkedin.com/oauth/openid/jwks.
#[test]
fn the_jwks_is_fetched_with_a_plain_get_and_read_from_a_200() {
    let request = Jwks::request(linkedin_resources::identity::LINKEDIN_JWKS_URL).unwrap();
    insta::assert_snapshot!("jwks_request", render(&request));
    assert!(request.headers().get("authorization").is_none());
    let sandbox = Jwks::request("http://127.0.0.1:8080/oauth/openid/jwks").unwrap();
    assert_eq!(sandbox.uri(), "http://127.0.0.1:8080/oauth/openid/jwks");
    for bad in [
        "http://example.com/jwks",
        "ftp://x/jwks",
        "https://x/jwks?a=1",
        "not a url",
    ] {
        assert!(
            matches!(
                Jwks::request(bad),
                Err(linkedin_resources::identity::JwksError::InvalidUrl(_))
            ),
            "{bad}"
        );
    }
    let body = json!({"keys": [main_key().jwk]}).to_string();
    let keys = Jwks::from_response(&response(200, &[], &body)).unwrap();
    assert!(keys.find("main").is_some());
    assert_eq!(
        Jwks::from_response(&response(404, &[], &body)).unwrap_err(),
        linkedin_resources::identity::JwksError::Status { status: 404 }
    );
}

#[test]
fn the_cache_says_when_to_fetch() {
    let t0 = at(NOW);
    let secs = |s| t0 + Duration::from_secs(s);
    let mut cache = JwksCache::new()
        .max_age(Duration::from_secs(3600))
        .min_interval(Duration::from_secs(60));
    assert_eq!(cache.decide(Some("main"), t0), JwksDecision::FetchFirst);
    // A failed first fetch: still nothing to use, so fetch again.
    cache.fetch_failed(t0);
    assert_eq!(
        cache.decide(Some("main"), secs(1)),
        JwksDecision::FetchFirst
    );

    cache.store(jwks(&[&main_key()]), t0);
    assert_eq!(cache.decide(Some("main"), secs(10)), JwksDecision::Use);
    assert_eq!(cache.decide(None, secs(10)), JwksDecision::Use);
    // An unknown kid: not within a minute of the last fetch, then once.
    assert_eq!(cache.decide(Some("rotated"), secs(59)), JwksDecision::Use);
    assert_eq!(
        cache.decide(Some("rotated"), secs(60)),
        JwksDecision::FetchUnknownKey
    );
    cache.store(jwks(&[&main_key()]), secs(60));
    assert_eq!(cache.decide(Some("rotated"), secs(100)), JwksDecision::Use);
    assert_eq!(
        cache.decide(Some("rotated"), secs(120)),
        JwksDecision::FetchUnknownKey
    );
    // A failed refetch also waits the interval.
    cache.fetch_failed(secs(120));
    assert_eq!(cache.decide(Some("rotated"), secs(150)), JwksDecision::Use);
    // After the maximum age, fetch again whatever the kid.
    assert_eq!(
        cache.decide(Some("main"), secs(60 + 3599)),
        JwksDecision::Use
    );
    assert_eq!(
        cache.decide(Some("main"), secs(60 + 3600)),
        JwksDecision::FetchStale
    );
    // A clock going backwards does not panic nor fetch.
    assert_eq!(cache.decide(Some("main"), at(0)), JwksDecision::Use);
    // The bounds: max age at most 7 days.
    let long = JwksCache::new().max_age(Duration::from_secs(u64::MAX));
    let mut long = long;
    long.store(jwks(&[&main_key()]), t0);
    assert_eq!(
        long.decide(None, secs(7 * 86_400)),
        JwksDecision::FetchStale
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any text: an error or claims, never a panic.
    #[test]
    fn any_text_is_verified_without_panicking(text in ".{0,400}") {
        let _ = verify(&IdToken::new(text.clone()));
        let _ = IdTokenVerifier::key_id(&IdToken::new(text));
    }

    /// Any three base64url parts: an error, never a panic.
    #[test]
    fn any_three_parts_are_refused_without_panicking(
        header in proptest::collection::vec(any::<u8>(), 0..64),
        claims in proptest::collection::vec(any::<u8>(), 0..64),
        sig in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        let token = format!("{}.{}.{}", URL_SAFE_NO_PAD.encode(header), URL_SAFE_NO_PAD.encode(claims), URL_SAFE_NO_PAD.encode(sig));
        prop_assert!(verify(&IdToken::new(token)).is_err());
    }

}

proptest! {
    // Few cases: RSA signing is slow in debug builds.
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Sign then verify gives the claims back; flipping any byte of the
    /// token makes it fail.
    #[test]
    fn signed_claims_verify_and_any_change_is_refused(
        sub in "[A-Za-z0-9_-]{1,20}",
        name in "\\PC{0,30}",
        flip in any::<proptest::sample::Index>(),
    ) {
        let token = with(|c| { c["sub"] = json!(sub); c["name"] = json!(name); });
        let claims = verify(&token).unwrap();
        prop_assert_eq!(&claims.sub, &sub);
        prop_assert_eq!(claims.name.as_deref(), Some(name.as_str()));
        let mut bytes = token.into_secret().into_bytes();
        let at = flip.index(bytes.len());
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        let changed = String::from_utf8(bytes).unwrap();
        prop_assert!(verify(&IdToken::new(changed)).is_err());
    }

    /// The audience and locale forms are written back as read.
    #[test]
    fn audience_and_locale_round_trip(one in "[a-z0-9]{1,12}", many in proptest::collection::vec("[a-z0-9]{1,12}", 0..4), tag in "[a-z]{2}[-_][A-Z]{2}") {
        for aud in [Audience::One(one.clone()), Audience::Many(many.clone())] {
            let text = serde_json::to_string(&aud).unwrap();
            prop_assert_eq!(serde_json::from_str::<Audience>(&text).unwrap(), aud);
        }
        let locale = Locale::Tag(tag.clone());
        let back: Locale = serde_json::from_str(&serde_json::to_string(&locale).unwrap()).unwrap();
        prop_assert_eq!(back.tag(), tag.replace('_', "-"));
    }
}
