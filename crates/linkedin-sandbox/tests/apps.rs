//! Registered applications with LinkedIn's capabilities, and the OAuth
//! error answers LinkedIn documents.

mod common;

use std::time::Duration;

use common::{Client, header, json, send};
use linkedin_sandbox::{App, Sandbox};
use restli_codec::Request;
use serde_json::Value;

const REDIRECT: &str = "http://127.0.0.1:8765/callback";
/// A PKCE pair: the challenge is base64url(SHA-256(verifier)).
const VERIFIER: &str = "dBjftJeZ4CVP-mJ92K9Hc3SUF7ZO8oWU6tknIy3gZu8";
const CHALLENGE: &str = "qXTgUomSSWL_QPMckC8TWfmm8tKqtsdH_ZecZVgb-CM";

/// `GET /oauth/v2/authorization` with these extra parameters.
async fn authorization(
    sandbox: &Sandbox,
    client_id: &str,
    redirect_uri: &str,
    extra: &[(&str, &str)],
) -> http::Response<Vec<u8>> {
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("response_type", "code")
        .append_pair("client_id", client_id)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("state", "st")
        .extend_pairs(extra)
        .finish();
    let url = format!("{}/authorization?{query}", sandbox.oauth_url());
    send(
        sandbox.addr(),
        http::Request::get(url).body(Vec::new()).unwrap(),
    )
    .await
    .unwrap()
}

/// Authorizes and returns the code.
async fn code(sandbox: &Sandbox, client_id: &str, extra: &[(&str, &str)]) -> String {
    let response = authorization(sandbox, client_id, REDIRECT, extra).await;
    assert_eq!(
        response.status(),
        302,
        "{:?}",
        String::from_utf8_lossy(response.body())
    );
    let location = header(&response, "location").unwrap();
    let url = url::Url::parse(location).unwrap();
    url.query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| panic!("no code in {location}"))
}

/// `POST /oauth/v2/accessToken` with these form fields.
async fn token(sandbox: &Sandbox, fields: &[(&str, &str)]) -> http::Response<Vec<u8>> {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let request = http::Request::post(format!("{}/accessToken", sandbox.oauth_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.into_bytes())
        .unwrap();
    send(sandbox.addr(), request).await.unwrap()
}

async fn exchange(
    sandbox: &Sandbox,
    client_id: &str,
    secret: Option<&str>,
    code: &str,
    verifier: Option<&str>,
) -> http::Response<Vec<u8>> {
    let mut fields = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", REDIRECT),
        ("client_id", client_id),
    ];
    if let Some(secret) = secret {
        fields.push(("client_secret", secret));
    }
    if let Some(verifier) = verifier {
        fields.push(("code_verifier", verifier));
    }
    token(sandbox, &fields).await
}

fn error_of(response: &http::Response<Vec<u8>>) -> (u16, String) {
    let body = json(response);
    (
        response.status().as_u16(),
        body["error"].as_str().unwrap_or_default().to_owned(),
    )
}

// Refresh tokens for approved partners only:
// https://learn.microsoft.com/en-us/linkedin/shared/authentication/programmatic-refresh-tokens
// Client credentials only for apps LinkedIn allowed:
// https://learn.microsoft.com/en-us/linkedin/shared/authentication/client-credentials-flow
#[tokio::test]
async fn a_self_serve_app_gets_no_refresh_token_and_no_client_credentials() {
    let sandbox = Sandbox::start().await.unwrap();
    let (id, secret) = (
        Sandbox::SELF_SERVE_CLIENT_ID,
        Sandbox::SELF_SERVE_CLIENT_SECRET,
    );
    let code = code(&sandbox, id, &[("scope", "r_ads")]).await;
    let answer = exchange(&sandbox, id, Some(secret), &code, None).await;
    assert_eq!(answer.status(), 200);
    let body = json(&answer);
    assert!(body["access_token"].is_string());
    assert!(body.get("refresh_token").is_none(), "{body}");
    assert!(body.get("refresh_token_expires_in").is_none(), "{body}");

    let refresh = token(
        &sandbox,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", "anything"),
            ("client_id", id),
            ("client_secret", secret),
        ],
    )
    .await;
    assert_eq!(error_of(&refresh), (400, "unauthorized_client".into()));

    let two_legged = token(
        &sandbox,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", id),
            ("client_secret", secret),
        ],
    )
    .await;
    assert_eq!(error_of(&two_legged), (400, "unauthorized_client".into()));
}

#[tokio::test]
async fn the_default_app_keeps_every_capability() {
    let sandbox = Sandbox::start().await.unwrap();
    let (id, secret) = (Sandbox::DEFAULT_CLIENT_ID, Sandbox::DEFAULT_CLIENT_SECRET);
    let code = code(
        &sandbox,
        id,
        &[
            ("code_challenge", CHALLENGE),
            ("code_challenge_method", "S256"),
        ],
    )
    .await;
    let answer = exchange(&sandbox, id, Some(secret), &code, Some(VERIFIER)).await;
    assert_eq!(answer.status(), 200);
    let refresh_token = json(&answer)["refresh_token"].as_str().unwrap().to_owned();
    let refreshed = token(
        &sandbox,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh_token),
            ("client_id", id),
            ("client_secret", secret),
        ],
    )
    .await;
    assert_eq!(refreshed.status(), 200);
    let two_legged = token(
        &sandbox,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", id),
            ("client_secret", secret),
        ],
    )
    .await;
    assert_eq!(two_legged.status(), 200);
}

// A standard app that sends a code_verifier gets 401 invalid_client; PKCE
// is for native apps on which LinkedIn enabled it:
// https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow-native
#[tokio::test]
async fn a_standard_app_sending_a_code_verifier_gets_401_invalid_client() {
    let sandbox = Sandbox::start().await.unwrap();
    let (id, secret) = (
        Sandbox::SELF_SERVE_CLIENT_ID,
        Sandbox::SELF_SERVE_CLIENT_SECRET,
    );
    let pkce = [
        ("code_challenge", CHALLENGE),
        ("code_challenge_method", "S256"),
    ];
    let code = code(&sandbox, id, &pkce).await;
    let answer = exchange(&sandbox, id, Some(secret), &code, Some(VERIFIER)).await;
    assert_eq!(error_of(&answer), (401, "invalid_client".into()));
    // Its challenge was ignored: the same kind of code exchanges without
    // the verifier.
    let code = code_again(&sandbox, id, &pkce).await;
    let answer = exchange(&sandbox, id, Some(secret), &code, None).await;
    assert_eq!(answer.status(), 200);
}

async fn code_again(sandbox: &Sandbox, id: &str, extra: &[(&str, &str)]) -> String {
    code(sandbox, id, extra).await
}

// https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow-native
// (the token request of a native app carries client_id and code_verifier)
#[tokio::test]
async fn the_native_app_exchanges_its_code_with_pkce_and_no_secret() {
    let sandbox = Sandbox::start().await.unwrap();
    let id = Sandbox::NATIVE_CLIENT_ID;
    let pkce = [
        ("code_challenge", CHALLENGE),
        ("code_challenge_method", "S256"),
    ];
    let code1 = code(&sandbox, id, &pkce).await;
    let answer = exchange(&sandbox, id, None, &code1, Some(VERIFIER)).await;
    assert_eq!(answer.status(), 200, "{}", json(&answer));
    assert!(json(&answer).get("refresh_token").is_none());

    // A wrong verifier, or none, or a code issued without a challenge, is
    // refused.
    let code2 = code(&sandbox, id, &pkce).await;
    let wrong = exchange(
        &sandbox,
        id,
        None,
        &code2,
        Some("wrong-verifier-wrong-verifier-wrong-verifier-00"),
    )
    .await;
    assert_eq!(error_of(&wrong), (400, "invalid_grant".into()));
    let code3 = code(&sandbox, id, &[]).await;
    let no_secret = exchange(&sandbox, id, None, &code3, None).await;
    assert_eq!(error_of(&no_secret), (400, "invalid_request".into()));
    let code4 = code(&sandbox, id, &[]).await;
    let unbound = exchange(&sandbox, id, None, &code4, Some(VERIFIER)).await;
    assert_eq!(error_of(&unbound), (401, "invalid_client".into()));
}

// Redirect URLs must match the app's registered ones exactly; an
// unregistered one gets an error page, never a redirect:
// https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow
#[tokio::test]
async fn apps_from_the_builder_have_their_own_redirects_and_capabilities() {
    let sandbox = Sandbox::builder()
        .app(
            App::new("partner", "partner-secret")
                .redirect_uri("https://partner.test/cb")
                .redirect_uri("javascript:alert(1)")
                .refresh_tokens(true),
        )
        .start()
        .await
        .unwrap();
    assert_eq!(sandbox.client_id(), "partner");
    let apps = sandbox.apps();
    assert!(apps[0].has_refresh_tokens() && !apps[0].has_client_credentials());
    let ok = authorization(&sandbox, "partner", "https://partner.test/cb", &[]).await;
    assert_eq!(ok.status(), 302);
    for refused in [REDIRECT, "https://partner.test/cb/", "javascript:alert(1)"] {
        let response = authorization(&sandbox, "partner", refused, &[]).await;
        assert_eq!(response.status(), 400, "{refused}");
        assert!(header(&response, "location").is_none(), "{refused}");
        assert_eq!(
            json(&response)["error"],
            "invalid_redirect_uri",
            "{refused}"
        );
    }
    let unknown = authorization(&sandbox, "nobody", "https://partner.test/cb", &[]).await;
    assert_eq!(unknown.status(), 400);
    assert!(header(&unknown, "location").is_none());
    assert_eq!(json(&unknown)["error"], "invalid_client");
}

#[tokio::test]
async fn every_sandbox_seeds_a_self_serve_and_a_native_app() {
    let sandbox = Sandbox::builder()
        .client("mine", "secret")
        .start()
        .await
        .unwrap();
    let apps = sandbox.apps();
    let ids: Vec<&str> = apps.iter().map(App::client_id).collect();
    assert_eq!(ids, ["mine", "sandbox-self-serve", "sandbox-native"]);
    assert!(apps[0].has_refresh_tokens() && apps[0].has_client_credentials() && apps[0].has_pkce());
    assert!(
        !apps[1].has_refresh_tokens() && !apps[1].has_client_credentials() && !apps[1].has_pkce()
    );
    assert!(apps[2].has_pkce() && !apps[2].has_refresh_tokens());
    assert_eq!(apps[2].client_secret(), Sandbox::NATIVE_CLIENT_SECRET);
}

// RFC 6749 §5.2 codes, as LinkedIn's token endpoint answers them:
// https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow
#[tokio::test]
async fn token_errors_name_what_was_wrong() {
    let sandbox = Sandbox::start().await.unwrap();
    let id = Sandbox::DEFAULT_CLIENT_ID;
    let missing = token(
        &sandbox,
        &[("grant_type", "client_credentials"), ("client_id", id)],
    )
    .await;
    assert_eq!(error_of(&missing), (400, "invalid_request".into()));
    let wrong = token(
        &sandbox,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", id),
            ("client_secret", "not-it"),
        ],
    )
    .await;
    assert_eq!(error_of(&wrong), (401, "invalid_client".into()));
    assert_eq!(header(&wrong, "cache-control"), Some("no-store"));
    let body = String::from_utf8_lossy(wrong.body()).into_owned();
    assert!(
        !body.contains("not-it"),
        "the secret is never echoed: {body}"
    );
}

async fn me(sandbox: &Sandbox, token: &str) -> http::Response<Vec<u8>> {
    let mut client = Client::unversioned(sandbox);
    client.token = Some(token.to_owned());
    client.send(&Request::get("/me")).await
}

async fn introspect(sandbox: &Sandbox, token: &str) -> Value {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("client_id", sandbox.client_id()),
            ("client_secret", sandbox.client_secret()),
            ("token", token),
        ])
        .finish();
    let request = http::Request::post(format!("{}/introspectToken", sandbox.oauth_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.into_bytes())
        .unwrap();
    json(&send(sandbox.addr(), request).await.unwrap())
}

// 401 subcodes: 65600 invalid, 65601 revoked, 65602 expired
// (https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling);
// introspection's status active / expired / revoked
// (https://learn.microsoft.com/en-us/linkedin/shared/authentication/token-introspection).
#[tokio::test]
async fn invalid_revoked_and_expired_tokens_get_linkedins_subcodes() {
    let sandbox = Sandbox::builder()
        .access_token_lifetime(Duration::from_secs(120))
        .start()
        .await
        .unwrap();
    let unknown = me(&sandbox, "never-issued").await;
    assert_eq!(unknown.status(), 401);
    assert_eq!(json(&unknown)["serviceErrorCode"], 65600);
    assert_eq!(
        introspect(&sandbox, "never-issued").await,
        serde_json::json!({"active": false})
    );

    // `/me` needs a legacy profile scope (Profile API page), so the member grants one.
    let code = code(
        &sandbox,
        Sandbox::DEFAULT_CLIENT_ID,
        &[("scope", "r_liteprofile")],
    )
    .await;
    let answer = exchange(
        &sandbox,
        Sandbox::DEFAULT_CLIENT_ID,
        Some(Sandbox::DEFAULT_CLIENT_SECRET),
        &code,
        None,
    )
    .await;
    assert_eq!(json(&answer)["expires_in"], 120, "the configured lifetime");
    let member = json(&answer)["access_token"].as_str().unwrap().to_owned();
    assert_eq!(me(&sandbox, &member).await.status(), 200);
    sandbox.advance_clock(Duration::from_secs(121));
    let expired = me(&sandbox, &member).await;
    assert_eq!(expired.status(), 401);
    assert_eq!(json(&expired)["serviceErrorCode"], 65602);
    assert_eq!(introspect(&sandbox, &member).await["status"], "expired");

    assert!(sandbox.revoke_token(sandbox.access_token()));
    let revoked = me(&sandbox, sandbox.access_token()).await;
    assert_eq!(revoked.status(), 401);
    assert_eq!(json(&revoked)["serviceErrorCode"], 65601);
    let seen = introspect(&sandbox, sandbox.access_token()).await;
    assert_eq!(seen["active"], false);
    assert_eq!(seen["status"], "revoked");
    assert!(
        !sandbox.revoke_token(sandbox.access_token()),
        "already revoked"
    );
}
