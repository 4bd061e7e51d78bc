//! The exact requests sent to LinkedIn's OAuth endpoints, as insta snapshots
//! (secrets rendered as placeholders).

use linkedin_oauth::{
    AccessToken, AuthorizationCodeFlow, BaseUrl, ClientId, ClientSecret, CodeExchange, OAuthConfig,
    PendingAuthorization, RedirectUrl, RefreshToken, USER_AGENT,
};

const CLIENT_SECRET: &str = "ClientSecretValue42";
const CODE: &str = "AQTcodeValue-with_odd~chars";
const REFRESH: &str = "AQXrefreshValue";
const ACCESS: &str = "AQVaccessValue";

fn config() -> OAuthConfig {
    OAuthConfig::new(ClientId::new("86abc123"), ClientSecret::new(CLIENT_SECRET))
}

fn pending(pkce_verifier: Option<&str>) -> PendingAuthorization {
    serde_json::from_value(serde_json::json!({
        "state": "StateValue",
        "pkce_verifier": pkce_verifier,
        "redirect_url": "https://app.example/auth/callback?tenant=a b",
        "scopes": ["openid", "profile"],
    }))
    .unwrap()
}

/// The checked redirect of `pending(pkce_verifier)` carrying [`CODE`].
fn exchange(pkce_verifier: Option<&str>) -> CodeExchange {
    let code: String = url::form_urlencoded::byte_serialize(CODE.as_bytes()).collect();
    pending(pkce_verifier)
        .finish(&format!("code={code}&state=StateValue"))
        .unwrap()
}

/// Method, URI, headers and body, each secret (form-encoded, as on the wire)
/// replaced by its placeholder.
/// Each secret must occur in the body exactly once, so the placeholder shows
/// where it really is.
fn render(request: &http::Request<Vec<u8>>, secrets: &[(&str, &str)]) -> String {
    assert_eq!(
        request.headers()["user-agent"],
        USER_AGENT,
        "User-Agent is linkedin-rs/<crate version>"
    );
    let mut out = format!("{} {}\n", request.method(), request.uri());
    for (name, value) in request.headers() {
        let value = value
            .to_str()
            .unwrap()
            .replace(USER_AGENT, "linkedin-rs/[version]");
        out.push_str(&format!("{name}: {value}\n"));
    }
    let mut body = String::from_utf8(request.body().clone()).unwrap();
    for (secret, placeholder) in secrets {
        // As it appears on the wire (form encoding escapes e.g. `~`).
        let encoded: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
        assert_eq!(body.matches(&encoded).count(), 1, "{placeholder} in body");
        body = body.replace(&encoded, placeholder);
    }
    out.push('\n');
    out.push_str(&body);
    out.push('\n');
    out
}

#[test]
fn authorization_code_exchange() {
    let request = exchange(None).token_request(&config());
    insta::assert_snapshot!(render(
        &request,
        &[(CLIENT_SECRET, "[client_secret]"), (CODE, "[code]")]
    ));
}

#[test]
fn authorization_code_exchange_with_pkce() {
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let request = exchange(Some(verifier)).token_request(&config());
    insta::assert_snapshot!(render(
        &request,
        &[
            (CLIENT_SECRET, "[client_secret]"),
            (CODE, "[code]"),
            (verifier, "[code_verifier]")
        ]
    ));
}

#[test]
fn refresh() {
    let request = config().refresh_request(&RefreshToken::new(REFRESH));
    insta::assert_snapshot!(render(
        &request,
        &[
            (CLIENT_SECRET, "[client_secret]"),
            (REFRESH, "[refresh_token]")
        ]
    ));
}

#[test]
fn client_credentials() {
    let request = config().client_credentials_request();
    insta::assert_snapshot!(render(&request, &[(CLIENT_SECRET, "[client_secret]")]));
}

#[test]
fn introspection() {
    let request = config().introspect_request(&AccessToken::new(ACCESS));
    insta::assert_snapshot!(render(
        &request,
        &[(CLIENT_SECRET, "[client_secret]"), (ACCESS, "[token]")]
    ));
}

#[test]
fn sandbox_base_url_is_used_for_every_endpoint() {
    let base = BaseUrl::parse("http://127.0.0.1:8080/oauth/v2/").unwrap();
    let config = config().base_url(base);
    for request in [
        exchange(None).token_request(&config),
        config.refresh_request(&RefreshToken::new(REFRESH)),
        config.client_credentials_request(),
    ] {
        assert_eq!(request.uri(), "http://127.0.0.1:8080/oauth/v2/accessToken");
    }
    assert_eq!(
        config.introspect_request(&AccessToken::new(ACCESS)).uri(),
        "http://127.0.0.1:8080/oauth/v2/introspectToken"
    );
}

#[test]
fn authorization_url() {
    let flow = AuthorizationCodeFlow::new(
        ClientId::new("86abc123"),
        RedirectUrl::new("https://app.example/auth/callback?tenant=a b").unwrap(),
    )
    .scopes(["openid", "profile", "w_member_social"])
    .pkce(true);
    let (url, pending) = flow.start().unwrap();
    let state = pending.state().secret();
    let challenge = pending.pkce_verifier().unwrap().challenge();
    let rendered = url
        .as_str()
        .replace(state, "[state]")
        .replace(challenge.as_str(), "[code_challenge]")
        .replace('&', "\n  &");
    insta::assert_snapshot!(rendered);
}

/// PKCE is opt-in: LinkedIn supports it only for native apps it has enabled
/// it for (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow-native>),
/// and a standard web app that sends `code_verifier` gets `401
/// invalid_client` (issue 11.6). A default flow sends no challenge and its
/// code exchange no verifier
/// (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow>).
#[test]
fn pkce_is_off_unless_asked_for() {
    let flow = AuthorizationCodeFlow::new(
        ClientId::new("86abc123"),
        RedirectUrl::new("https://app.example/auth/callback").unwrap(),
    )
    .scopes(["openid"]);
    for (flow, pkce) in [
        (flow.clone(), false),
        (flow.clone().pkce(false), false),
        (flow.pkce(true), true),
    ] {
        let (url, pending) = flow.start().unwrap();
        assert_eq!(url.as_str().contains("code_challenge="), pkce, "{url}");
        assert_eq!(
            url.as_str().contains("code_challenge_method=S256"),
            pkce,
            "{url}"
        );
        assert_eq!(pending.pkce_verifier().is_some(), pkce);
        let state = pending.state().secret().to_owned();
        let exchange = pending.finish(&format!("code=c&state={state}")).unwrap();
        let body = String::from_utf8(exchange.token_request(&config()).into_body()).unwrap();
        assert_eq!(body.contains("code_verifier="), pkce, "{body}");
    }
}
