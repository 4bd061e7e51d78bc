//! The OAuth endpoints, driven by the `linkedin-oauth` state machines.

mod common;

use std::time::{Duration, SystemTime};

use common::{Client, header, json, send};
use linkedin_oauth::{
    AccessToken, AuthType, AuthorizationCodeFlow, BaseUrl, ClientId, ClientSecret, Introspection,
    OAuthConfig, PendingAuthorization, RedirectUrl, RefreshedToken, ThreeLeggedToken, TokenStatus,
    TwoLeggedToken,
};
use linkedin_sandbox::{Consent, Sandbox};
use restli_codec::Request;

const REDIRECT: &str = "http://localhost:8400/callback";

fn config(sandbox: &Sandbox) -> OAuthConfig {
    OAuthConfig::new(
        ClientId::new(sandbox.client_id()),
        ClientSecret::new(sandbox.client_secret()),
    )
    .base_url(BaseUrl::parse(&sandbox.oauth_url()).unwrap())
}

/// Runs the browser half: returns the pending authorization and the
/// redirect `Location`.
async fn authorize(sandbox: &Sandbox, pkce: bool) -> (PendingAuthorization, String) {
    let flow = AuthorizationCodeFlow::new(
        ClientId::new(sandbox.client_id()),
        RedirectUrl::new(REDIRECT).unwrap(),
    )
    .scopes(["r_ads", "rw_ads"])
    .pkce(pkce)
    .base_url(BaseUrl::parse(&sandbox.oauth_url()).unwrap());
    let (url, pending) = flow.start().unwrap();
    let request = http::Request::get(url.as_str()).body(Vec::new()).unwrap();
    let response = send(sandbox.addr(), request).await.unwrap();
    assert_eq!(response.status(), 302);
    let location = header(&response, "location").unwrap().to_owned();
    assert!(location.starts_with(REDIRECT), "{location}");
    (pending, location)
}

async fn member_tokens(sandbox: &Sandbox) -> linkedin_oauth::TokenSet {
    let (pending, location) = authorize(sandbox, true).await;
    let exchange = pending.finish(&location).unwrap();
    let response = send(sandbox.addr(), exchange.token_request(&config(sandbox)))
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        200,
        "{:?}",
        String::from_utf8_lossy(response.body())
    );
    ThreeLeggedToken::from_response(&response, sandbox.now())
        .unwrap()
        .tokens
}

/// The status of an API call with `token`: an ad account, which the
/// tokens here (`r_ads rw_ads`) may read; `/me` needs a profile scope.
async fn me_status(sandbox: &Sandbox, token: &str) -> u16 {
    let mut client = Client::unversioned(sandbox);
    client.token = Some(token.to_owned());
    let request = Request::get("/adAccounts/{id}").key("id", &500001);
    client.send(&request).await.status().as_u16()
}

#[tokio::test]
async fn authorization_code_flow_with_pkce() {
    let sandbox = Sandbox::start().await.unwrap();
    let tokens = member_tokens(&sandbox).await;
    assert!(tokens.refresh_token.is_some());
    assert_eq!(tokens.scopes, ["r_ads", "rw_ads"]);
    let lifetime = tokens.expires_at.duration_since(sandbox.now()).unwrap();
    assert!(lifetime > Duration::from_secs(59 * 24 * 3600));
    assert_eq!(me_status(&sandbox, tokens.access_token.secret()).await, 200);
    assert_eq!(sandbox.request_count("/oauth/v2/authorization"), 1);
    assert_eq!(sandbox.request_count("/oauth/v2/accessToken"), 1);
}

#[tokio::test]
async fn codes_are_single_use() {
    let sandbox = Sandbox::start().await.unwrap();
    let (pending, location) = authorize(&sandbox, false).await;
    let code = pending.finish(&location).unwrap();
    let exchange = || code.token_request(&config(&sandbox));
    assert_eq!(
        send(sandbox.addr(), exchange()).await.unwrap().status(),
        200
    );
    let again = send(sandbox.addr(), exchange()).await.unwrap();
    assert_eq!(again.status(), 400);
    assert_eq!(json(&again)["error"], "invalid_grant");
}

#[tokio::test]
async fn codes_expire_on_the_sandbox_clock() {
    let sandbox = Sandbox::start().await.unwrap();
    let (pending, location) = authorize(&sandbox, false).await;
    let exchange = pending.finish(&location).unwrap();
    sandbox.advance_clock(Duration::from_secs(31 * 60));
    let response = send(sandbox.addr(), exchange.token_request(&config(&sandbox)))
        .await
        .unwrap();
    let err = ThreeLeggedToken::from_response(&response, SystemTime::now()).unwrap_err();
    assert_eq!(err.oauth_error(), Some("invalid_grant"));
}

/// A hand-written token request, to get things wrong on purpose.
fn exchange_form(sandbox: &Sandbox, fields: &[(&str, &str)]) -> http::Request<Vec<u8>> {
    let body = linkedin_oauth::url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    http::Request::post(format!("{}/accessToken", sandbox.oauth_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.into_bytes())
        .unwrap()
}

fn code_in(location: &str) -> String {
    let url = linkedin_oauth::url::Url::parse(location).unwrap();
    url.query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .unwrap()
}

#[tokio::test]
async fn pkce_verifier_and_redirect_uri_are_checked() {
    let sandbox = Sandbox::start().await.unwrap();
    let (client_id, secret) = (
        sandbox.client_id().to_owned(),
        sandbox.client_secret().to_owned(),
    );
    let cases: [(&str, &str, &str); 3] = [
        (
            REDIRECT,
            "wrong-verifier-wrong-verifier-wrong-verifier-1",
            "invalid_grant",
        ),
        ("http://localhost:8400/elsewhere", "", "invalid_grant"),
        (REDIRECT, "", "invalid_request"),
    ];
    for (redirect_uri, verifier, expected) in cases {
        let (_, location) = authorize(&sandbox, true).await;
        let code = code_in(&location);
        let mut fields = vec![
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", redirect_uri),
            ("client_id", client_id.as_str()),
            ("client_secret", secret.as_str()),
        ];
        if !verifier.is_empty() {
            fields.push(("code_verifier", verifier));
        }
        let response = send(sandbox.addr(), exchange_form(&sandbox, &fields))
            .await
            .unwrap();
        assert_eq!(response.status(), 400);
        assert_eq!(
            json(&response)["error"],
            expected,
            "{redirect_uri} {verifier}"
        );
    }
}

#[tokio::test]
async fn wrong_client_secret_is_invalid_client() {
    let sandbox = Sandbox::start().await.unwrap();
    let config = OAuthConfig::new(
        ClientId::new(sandbox.client_id()),
        ClientSecret::new("nope"),
    )
    .base_url(BaseUrl::parse(&sandbox.oauth_url()).unwrap());
    let response = send(sandbox.addr(), config.client_credentials_request())
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(json(&response)["error"], "invalid_client");
}

#[tokio::test]
async fn tokens_expire_and_refresh_works() {
    let sandbox = Sandbox::builder()
        .access_token_lifetime(Duration::from_secs(3600))
        .start()
        .await
        .unwrap();
    let mut tokens = member_tokens(&sandbox).await;
    sandbox.advance_clock(Duration::from_secs(3601));
    let expired = tokens.access_token.secret().to_owned();
    assert_eq!(me_status(&sandbox, &expired).await, 401);

    let request = config(&sandbox).refresh_request(tokens.refresh_token.as_ref().unwrap());
    let response = send(sandbox.addr(), request).await.unwrap();
    assert_eq!(response.status(), 200);
    let refreshed = RefreshedToken::from_response(&response, sandbox.now()).unwrap();
    assert!(refreshed.refresh_token.is_some());
    tokens.apply_refresh(refreshed);
    assert_ne!(tokens.access_token.secret(), expired);
    assert_eq!(me_status(&sandbox, tokens.access_token.secret()).await, 200);
    assert_eq!(sandbox.request_count("/oauth/v2/accessToken"), 2);
}

#[tokio::test]
async fn refresh_tokens_expire() {
    let sandbox = Sandbox::builder()
        .refresh_token_lifetime(Duration::from_secs(7200))
        .start()
        .await
        .unwrap();
    let tokens = member_tokens(&sandbox).await;
    sandbox.advance_clock(Duration::from_secs(7200));
    let request = config(&sandbox).refresh_request(tokens.refresh_token.as_ref().unwrap());
    let response = send(sandbox.addr(), request).await.unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(json(&response)["error"], "invalid_grant");
}

#[tokio::test]
async fn client_credentials_give_a_two_legged_token_without_refresh() {
    let sandbox = Sandbox::start().await.unwrap();
    let response = send(
        sandbox.addr(),
        config(&sandbox).client_credentials_request(),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 200);
    let body = json(&response);
    assert!(body.get("refresh_token").is_none());
    // Application tokens live 30 minutes, as LinkedIn's do.
    assert_eq!(body["expires_in"], 1800);
    let token = TwoLeggedToken::from_response(&response, sandbox.now()).unwrap();
    assert_eq!(me_status(&sandbox, token.access_token.secret()).await, 200);

    let introspect = config(&sandbox).introspect_request(&token.access_token);
    let info =
        Introspection::from_response(&send(sandbox.addr(), introspect).await.unwrap()).unwrap();
    assert!(info.active);
    assert_eq!(info.auth_type, Some(AuthType::TwoLegged));
}

#[tokio::test]
async fn introspection_reports_active_expired_and_unknown_tokens() {
    let sandbox = Sandbox::start().await.unwrap();
    let tokens = member_tokens(&sandbox).await;
    let introspect = |token: &AccessToken| config(&sandbox).introspect_request(token);

    let response = send(sandbox.addr(), introspect(&tokens.access_token))
        .await
        .unwrap();
    let info = Introspection::from_response(&response).unwrap();
    assert!(info.active);
    assert_eq!(info.status, Some(TokenStatus::Active));
    assert_eq!(info.auth_type, Some(AuthType::ThreeLegged));
    assert_eq!(
        info.client_id.as_ref().map(ClientId::as_str),
        Some(sandbox.client_id())
    );
    assert_eq!(info.scopes, ["r_ads", "rw_ads"]);
    assert!(info.expires_at.is_some() && info.created_at.is_some() && info.authorized_at.is_some());

    sandbox.advance_clock(Duration::from_secs(61 * 24 * 3600));
    let response = send(sandbox.addr(), introspect(&tokens.access_token))
        .await
        .unwrap();
    let info = Introspection::from_response(&response).unwrap();
    assert!(!info.active);
    assert_eq!(info.status, Some(TokenStatus::Expired));

    let response = send(
        sandbox.addr(),
        introspect(&AccessToken::new("never-issued")),
    )
    .await
    .unwrap();
    assert_eq!(json(&response), serde_json::json!({"active": false}));

    let response = send(
        sandbox.addr(),
        introspect(&AccessToken::new(Sandbox::DEFAULT_ACCESS_TOKEN)),
    )
    .await
    .unwrap();
    assert!(Introspection::from_response(&response).unwrap().active);
}

#[tokio::test]
async fn refused_consent_redirects_with_user_cancelled_authorize() {
    let sandbox = Sandbox::builder()
        .consent(Consent::Deny)
        .start()
        .await
        .unwrap();
    let (pending, location) = authorize(&sandbox, false).await;
    assert!(
        location.contains("error=user_cancelled_authorize"),
        "{location}"
    );
    assert!(location.contains("error_description="), "{location}");
    let err = pending.finish(&location).unwrap_err();
    assert!(err.member_cancelled(), "{err}");

    sandbox.set_consent(Consent::Approve);
    let (pending, location) = authorize(&sandbox, false).await;
    assert!(pending.finish(&location).is_ok());
}

#[tokio::test]
async fn authorization_with_unknown_client_is_not_redirected() {
    let sandbox = Sandbox::start().await.unwrap();
    let url = format!(
        "{}/authorization?response_type=code&client_id=stranger&redirect_uri={}&state=s",
        sandbox.oauth_url(),
        "http%3A%2F%2Flocalhost%2Fcb"
    );
    let response = send(
        sandbox.addr(),
        http::Request::get(url).body(Vec::new()).unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 400);
    assert!(header(&response, "location").is_none());
}

/// GET /oauth/v2/authorization for `client_id` and `redirect_uri`.
async fn authorization(
    sandbox: &Sandbox,
    client_id: &str,
    redirect_uri: &str,
) -> http::Response<Vec<u8>> {
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("response_type", "code")
        .append_pair("client_id", client_id)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("state", "s")
        .append_pair("scope", "r_ads")
        .finish();
    let url = format!("{}/authorization?{query}", sandbox.oauth_url());
    send(
        sandbox.addr(),
        http::Request::get(url).body(Vec::new()).unwrap(),
    )
    .await
    .unwrap()
}

/// LinkedIn redirects only to the app's registered redirect URLs:
/// <https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow>.
#[tokio::test]
async fn unregistered_redirect_uris_get_an_error_never_a_redirect() {
    let sandbox = Sandbox::start().await.unwrap();
    for uri in [
        "javascript:alert(document.cookie)",
        "https://evil.test/callback",
        "http://localhost:8400/elsewhere",
        "http://localhost:8400/callback?next=https://evil.test",
        "data:text/html,<script>alert(1)</script>",
    ] {
        let response = authorization(&sandbox, sandbox.client_id(), uri).await;
        assert_eq!(response.status(), 400, "{uri}");
        assert!(header(&response, "location").is_none(), "{uri}");
        assert_eq!(json(&response)["error"], "invalid_redirect_uri", "{uri}");
    }
    // The default app registers loopback callbacks on any port (the CLI
    // and the examples pick a free one).
    for uri in [
        "http://127.0.0.1:49152/callback",
        "http://localhost:8400/callback",
        "http://[::1]:3000/callback",
    ] {
        let response = authorization(&sandbox, sandbox.client_id(), uri).await;
        assert_eq!(response.status(), 302, "{uri}");
        assert!(header(&response, "location").unwrap().starts_with(uri));
    }
}

#[tokio::test]
async fn registered_redirect_uris_replace_the_loopback_defaults() {
    let sandbox = Sandbox::builder()
        .client("app", "secret")
        .redirect_uri("https://app.test/oauth/callback")
        .start()
        .await
        .unwrap();
    let ok = authorization(&sandbox, "app", "https://app.test/oauth/callback").await;
    assert_eq!(ok.status(), 302);
    let location = header(&ok, "location").unwrap();
    assert!(
        location.starts_with("https://app.test/oauth/callback?code="),
        "{location}"
    );
    for refused in [
        "https://app.test/oauth/callback/",
        "http://127.0.0.1:1/callback",
    ] {
        let response = authorization(&sandbox, "app", refused).await;
        assert_eq!(response.status(), 400, "{refused}");
        assert!(header(&response, "location").is_none());
    }
}

#[tokio::test]
async fn configured_clients_replace_the_default() {
    let sandbox = Sandbox::builder()
        .client("app-one", "secret-one")
        .client("app-two", "secret-two")
        .spawn()
        .unwrap();
    for (id, secret, status) in [
        ("app-one", "secret-one", 200),
        ("app-two", "secret-two", 200),
        (
            Sandbox::DEFAULT_CLIENT_ID,
            Sandbox::DEFAULT_CLIENT_SECRET,
            401,
        ),
    ] {
        let config = OAuthConfig::new(ClientId::new(id), ClientSecret::new(secret))
            .base_url(BaseUrl::parse(&sandbox.oauth_url()).unwrap());
        let response = send(sandbox.addr(), config.client_credentials_request())
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{id}");
    }
}
