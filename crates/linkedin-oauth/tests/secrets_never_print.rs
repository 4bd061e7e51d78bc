//! Every secret-bearing type and every error, formatted with `{:?}`, `{:#?}`
//! and (where it has one) `{}`, never shows a secret.

use std::fmt::{Debug, Display};
use std::time::{Duration, SystemTime};

use linkedin_oauth::{
    AccessToken, AuthorizationCode, AuthorizationCodeFlow, ClientId, ClientSecret, ConfigError,
    CsrfState, Error, IdToken, OAuthConfig, PendingAuthorization, PkceVerifier, RedirectError,
    RedirectUrl, RefreshToken, RefreshedToken, RenewalDecision, ResponseError, ThreeLeggedToken,
    TokenLifecycle, TokenOutcome, TokenSet, TwoLeggedToken,
};

/// A value no formatted output may contain. Every secret below contains it.
const SECRET: &str = "SUPERSECRETxyz";

fn secret(prefix: &str) -> String {
    format!("{prefix}{SECRET}")
}

/// A PKCE verifier (43+ unreserved characters) carrying the marker.
fn verifier() -> String {
    format!("{SECRET}-{}", "v".repeat(40))
}

/// Whether `rendered` shows the marker as text, as a byte list (`83, 85,
/// 80, ...`, the `Debug` of a `Vec<u8>` body; whitespace ignored so that
/// `{:#?}`'s one-byte-per-line form counts), or as hex (either case).
fn leak(rendered: &str) -> Option<&'static str> {
    let squeezed: String = rendered.split_whitespace().collect();
    let bytes = SECRET
        .bytes()
        .map(|b| b.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let hex: String = SECRET.bytes().map(|b| format!("{b:02x}")).collect();
    if rendered.contains(SECRET) {
        Some("as text")
    } else if squeezed.contains(&bytes) {
        Some("as a byte list")
    } else if rendered.to_lowercase().contains(&hex) {
        Some("as hex")
    } else {
        None
    }
}

fn assert_debug_clean(name: &str, value: &impl Debug) {
    for rendered in [format!("{value:?}"), format!("{value:#?}")] {
        if let Some(how) = leak(&rendered) {
            panic!("{name} Debug leaks the secret {how}: {rendered}");
        }
    }
}

fn assert_clean(name: &str, value: &(impl Debug + Display)) {
    assert_debug_clean(name, value);
    let shown = value.to_string();
    if let Some(how) = leak(&shown) {
        panic!("{name} Display leaks the secret {how}: {shown}");
    }
}

#[test]
fn the_leak_detector_sees_all_three_forms() {
    assert_eq!(leak(&format!("x{SECRET}y")), Some("as text"));
    assert_eq!(
        leak(&format!("{:?}", SECRET.as_bytes().to_vec())),
        Some("as a byte list")
    );
    assert_eq!(
        leak(&format!("{:#?}", SECRET.as_bytes().to_vec())),
        Some("as a byte list")
    );
    let hex: String = SECRET.bytes().map(|b| format!("{b:02X}")).collect();
    assert_eq!(leak(&hex), Some("as hex"));
    assert_eq!(leak("[redacted]"), None);
}

/// Issue 12.2: `RenewalDecision::Renew` derived `Debug` and printed the
/// form body (client secret, refresh token) as a byte list. Every renewal
/// request, and the lifecycle types around it, print redacted.
#[test]
fn renewal_decisions_and_lifecycles() {
    let oauth = OAuthConfig::new(ClientId::new("cid"), ClientSecret::new(secret("cs")));
    let now = SystemTime::now();
    let tokens = TokenSet::new(AccessToken::new(secret("at")), now)
        .with_refresh_token(RefreshToken::new(secret("rt")), None);
    let three = TokenLifecycle::<String>::new(tokens);
    let two = TokenLifecycle::<String>::client_credentials();
    for (name, lifecycle) in [("refresh", &three), ("client_credentials", &two)] {
        assert_debug_clean("TokenLifecycle", lifecycle);
        let decision = lifecycle.decide(now, &oauth, lifecycle.generation());
        let RenewalDecision::Renew(request) = &decision else {
            panic!("{name}: expected a renewal, got {decision:?}");
        };
        // The request really carries the secrets...
        assert!(String::from_utf8_lossy(request.body()).contains(SECRET));
        // ...and the decision shows only its shape.
        assert_debug_clean("RenewalDecision", &decision);
        let shown = format!("{decision:?}");
        assert!(shown.contains("method: POST"), "{shown}");
        assert!(
            shown.contains("uri: https://www.linkedin.com/oauth/v2/accessToken"),
            "{shown}"
        );
        assert!(shown.contains("\"content-type\""), "{shown}");
        assert!(
            shown.contains(&format!("{} bytes", request.body().len())),
            "{shown}"
        );
    }
    let ready: RenewalDecision<String> = RenewalDecision::Ready(TokenOutcome::KeepUsing {
        access_token: AccessToken::new(secret("at")),
        failure: "503".into(),
    });
    assert_debug_clean("RenewalDecision::Ready", &ready);
    assert_debug_clean(
        "TokenOutcome",
        &TokenOutcome::<String>::Use(AccessToken::new(secret("at"))),
    );
}

fn response(status: u16, body: String) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .body(body.into_bytes())
        .unwrap()
}

#[test]
fn secret_newtypes() {
    let client_secret = ClientSecret::new(secret("cs"));
    assert_clean("ClientSecret", &client_secret);
    assert_eq!(format!("{client_secret:?}"), "ClientSecret([redacted])");
    assert_eq!(client_secret.to_string(), "[redacted]");
    assert!(
        client_secret.secret().contains(SECRET),
        "accessor gives the value"
    );

    assert_clean("AccessToken", &AccessToken::new(secret("at")));
    assert_clean("RefreshToken", &RefreshToken::new(secret("rt")));
    assert_clean("AuthorizationCode", &AuthorizationCode::new(secret("code")));
    assert_clean("IdToken", &IdToken::new(secret("id")));
    assert_clean("CsrfState", &CsrfState::new(secret("st")));
    assert_clean("PkceVerifier", &PkceVerifier::new(verifier()).unwrap());
}

#[test]
fn structs_holding_secrets() {
    let config = OAuthConfig::new(ClientId::new("cid"), ClientSecret::new(secret("cs")));
    assert_debug_clean("OAuthConfig", &config);

    let pending: PendingAuthorization = serde_json::from_value(serde_json::json!({
        "state": secret("st"),
        "pkce_verifier": verifier(),
        "redirect_url": "https://app.example/cb",
        "scopes": ["openid"],
    }))
    .unwrap();
    assert_debug_clean("PendingAuthorization", &pending);

    let flow = AuthorizationCodeFlow::new(
        ClientId::new("cid"),
        RedirectUrl::new("https://app.example/cb").unwrap(),
    )
    .scopes(["openid"])
    .pkce(true);
    let (_, started) = flow.start().unwrap();
    let real_state = started.state().secret().to_owned();
    let real_verifier = started.pkce_verifier().unwrap().secret().to_owned();
    for rendered in [
        format!("{started:?}"),
        format!("{started:#?}"),
        format!("{flow:?}"),
    ] {
        assert!(!rendered.contains(&real_state));
        assert!(!rendered.contains(&real_verifier));
    }

    // The checked redirect holds the code and the verifier.
    let exchange = pending
        .clone()
        .finish(&format!("code={}&state={}", secret("code"), secret("st")))
        .unwrap();
    assert!(exchange.code().secret().contains(SECRET));
    assert_debug_clean("CodeExchange", &exchange);

    let now = SystemTime::now();
    let body = format!(
        r#"{{"access_token":"{}","expires_in":60,"refresh_token":"{}","refresh_token_expires_in":600,"id_token":"{}","scope":"openid"}}"#,
        secret("at"),
        secret("rt"),
        secret("id")
    );
    let three = ThreeLeggedToken::from_response(&response(200, body.clone()), now).unwrap();
    assert_debug_clean("ThreeLeggedToken", &three);
    assert_debug_clean("TokenSet", &three.tokens);
    let two = TwoLeggedToken::from_response(&response(200, body.clone()), now).unwrap();
    assert_debug_clean("TwoLeggedToken", &two);
    let refreshed = RefreshedToken::from_response(&response(200, body), now).unwrap();
    assert_debug_clean("RefreshedToken", &refreshed);
    let set = TokenSet::new(AccessToken::new(secret("at")), now + Duration::from_secs(1))
        .with_refresh_token(RefreshToken::new(secret("rt")), None);
    assert_debug_clean("TokenSet", &set);
}

/// Every error variant, produced the way it really happens with secrets nearby.
fn every_error() -> Vec<(String, Error)> {
    let mut errors: Vec<(String, Error)> = Vec::new();
    let now = SystemTime::now();

    // Config errors.
    let pkce_bad = PkceVerifier::new(format!("{SECRET}+{}", "x".repeat(40))).unwrap_err();
    let pkce_short = PkceVerifier::new(SECRET).unwrap_err();
    let base_creds =
        linkedin_oauth::BaseUrl::parse(&format!("https://user:{SECRET}@example.com/")).unwrap_err();
    let base_http = linkedin_oauth::BaseUrl::parse("http://example.com/").unwrap_err();
    let redirect = RedirectUrl::new("https://app.example/cb#frag").unwrap_err();
    let flow = AuthorizationCodeFlow::new(
        ClientId::new("cid"),
        RedirectUrl::new("https://app.example/cb").unwrap(),
    );
    let Err(no_scopes) = flow.clone().start() else {
        panic!("expected NoScopes")
    };
    let Err(bad_scope) = flow.scopes(["has space"]).start() else {
        panic!("expected InvalidScope")
    };
    for (name, e) in [
        ("InvalidPkceVerifier(chars)", pkce_bad),
        ("InvalidPkceVerifier(short)", pkce_short),
        ("InvalidBaseUrl(credentials)", base_creds),
        ("InsecureBaseUrl", base_http),
        ("InvalidRedirectUrl", redirect),
    ] {
        errors.push((name.into(), e.into()));
    }
    errors.push(("NoScopes".into(), no_scopes));
    errors.push(("InvalidScope".into(), bad_scope));

    // Redirect errors, with the expected state and the code being secrets.
    let pending: PendingAuthorization = serde_json::from_value(serde_json::json!({
        "state": secret("st"),
        "redirect_url": "https://app.example/cb",
        "scopes": ["openid"],
    }))
    .unwrap();
    let code = secret("code");
    let state = secret("st");
    for (name, redirect) in [
        ("StateMismatch", format!("code={code}&state=other")),
        ("MissingState", format!("code={code}")),
        ("MissingCode", format!("state={state}")),
        (
            "DuplicateParameter",
            format!("code={code}&code={code}&state={state}"),
        ),
        (
            "Authorization",
            format!("error=user_cancelled_login&error_description=cancelled&state={state}"),
        ),
    ] {
        errors.push((
            name.into(),
            pending.clone().finish(&redirect).unwrap_err().into(),
        ));
    }

    // Response errors from bodies that contain tokens in unexpected shapes.
    let token = secret("at");
    for (name, status, body) in [
        (
            "OAuth",
            400,
            r#"{"error":"invalid_grant","error_description":"expired"}"#.to_owned(),
        ),
        ("Http", 502, "<html>bad gateway</html>".to_owned()),
        (
            "NotJson",
            200,
            format!("access_token={token}&expires_in=60"),
        ),
        (
            "MissingField",
            200,
            format!(r#"{{"access_token":"{token}"}}"#),
        ),
        (
            "InvalidField(expires_in)",
            200,
            format!(r#"{{"access_token":"{token}","expires_in":"{token}"}}"#),
        ),
        (
            "InvalidField(refresh_token)",
            200,
            format!(r#"{{"access_token":"{token}","expires_in":1,"refresh_token":["{token}"]}}"#),
        ),
        (
            "InvalidField(scope)",
            200,
            format!(r#"{{"access_token":"{token}","expires_in":1,"scope":{{"{token}":1}}}}"#),
        ),
    ] {
        let err = ThreeLeggedToken::from_response(&response(status, body), now).unwrap_err();
        errors.push((name.into(), err.into()));
    }
    errors
}

#[test]
fn every_error_is_clean() {
    let errors = every_error();
    let mut kinds = std::collections::HashSet::new();
    for (name, error) in &errors {
        assert_clean(name, error);
        // The specific error types too, not only the wrapper.
        match error {
            Error::Config(e) => assert_clean(name, e),
            Error::Redirect(e) => assert_clean(name, e),
            Error::Response(e) => assert_clean(name, e),
            Error::Random(e) => assert_clean(name, e),
            _ => {}
        }
        // Every message says something.
        assert!(error.to_string().len() > 20, "{name}: {error}");
        kinds.insert(std::mem::discriminant(error));
    }
    // Variant coverage: each case above really produced the intended variant.
    let variants: Vec<String> = errors
        .iter()
        .map(|(_, e)| match e {
            Error::Config(ConfigError::InvalidPkceVerifier { .. }) => "InvalidPkceVerifier",
            Error::Config(ConfigError::InvalidBaseUrl { .. }) => "InvalidBaseUrl",
            Error::Config(ConfigError::InsecureBaseUrl { .. }) => "InsecureBaseUrl",
            Error::Config(ConfigError::InvalidRedirectUrl { .. }) => "InvalidRedirectUrl",
            Error::Config(ConfigError::NoScopes) => "NoScopes",
            Error::Config(ConfigError::InvalidScope { .. }) => "InvalidScope",
            Error::Redirect(RedirectError::StateMismatch) => "StateMismatch",
            Error::Redirect(RedirectError::MissingState) => "MissingState",
            Error::Redirect(RedirectError::MissingCode) => "MissingCode",
            Error::Redirect(RedirectError::DuplicateParameter { .. }) => "DuplicateParameter",
            Error::Redirect(RedirectError::Authorization { .. }) => "Authorization",
            Error::Response(ResponseError::OAuth { .. }) => "OAuth",
            Error::Response(ResponseError::Http { .. }) => "Http",
            Error::Response(ResponseError::NotJson { .. }) => "NotJson",
            Error::Response(ResponseError::MissingField { .. }) => "MissingField",
            Error::Response(ResponseError::InvalidField { .. }) => "InvalidField",
            other => panic!("unexpected {other:?}"),
        })
        .map(str::to_owned)
        .collect();
    for (name, variant) in errors.iter().map(|(n, _)| n).zip(&variants) {
        assert!(
            name.starts_with(variant.as_str()),
            "case {name} produced {variant}"
        );
    }
    assert!(kinds.len() >= 3);
}
