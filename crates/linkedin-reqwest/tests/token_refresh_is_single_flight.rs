//! Token sources: refresh ahead of expiry, once for any number of waiting
//! calls, with failures shared by every caller; and the OAuth calls.

mod common;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use common::{Recorded, Reply, Server};
use linkedin_reqwest::oauth::{
    AccessToken, AuthorizationCodeFlow, BaseUrl, ClientId, ClientSecret, OAuthConfig, RedirectUrl,
    RefreshToken, TokenSet,
};
use linkedin_reqwest::restli::Endpoint;
use linkedin_reqwest::restli::response::EntityResponse;
use linkedin_reqwest::{Client, Error, Request, TokenError, TokenSource};
use serde_json::{Value, json};

const OLD: &str = "AQV-old-token-1a2b";
const NEW: &str = "AQV-refreshed-token-3c4d";
const REFRESH: &str = "AQX-refresh-token-5e6f";
const SECRET: &str = "client-s3cr3t-7g8h";

fn form(request: &Recorded) -> BTreeMap<String, String> {
    String::from_utf8(request.body.clone())
        .unwrap()
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// An API that accepts `valid` only, and an OAuth endpoint whose refresh
/// answer is `refresh` (after 300 ms, so that callers pile up).
fn server_handler(valid: &'static str, refresh: Reply) -> impl Fn(&Recorded, usize) -> Reply {
    move |request, _| {
        if request.path() == "/oauth/v2/accessToken" {
            let form = form(request);
            assert_eq!(form["client_secret"], SECRET);
            return match form["grant_type"].as_str() {
                "refresh_token" => {
                    assert_eq!(form["refresh_token"], REFRESH);
                    refresh.clone()
                }
                "client_credentials" => {
                    Reply::json(200, json!({"access_token": valid, "expires_in": 1800}))
                        .after(Duration::from_millis(300))
                }
                other => panic!("unexpected grant {other}"),
            };
        }
        if request.header("authorization") == Some(&format!("Bearer {valid}")) {
            Reply::json(200, json!({"sub": "member"}))
        } else {
            Reply::json(
                401,
                json!({"status": 401, "message": "Invalid access token"}),
            )
        }
    }
}

fn refreshed() -> Reply {
    Reply::json(
        200,
        json!({"access_token": NEW, "expires_in": 5_184_000, "refresh_token": REFRESH, "refresh_token_expires_in": 31_536_000}),
    )
    .after(Duration::from_millis(300))
}

fn oauth(server: &Server) -> OAuthConfig {
    OAuthConfig::new(ClientId::new("client-id"), ClientSecret::new(SECRET))
        .base_url(BaseUrl::parse(&format!("{}/oauth/v2", server.origin())).unwrap())
}

fn tokens_expiring_in(seconds: u64) -> TokenSet {
    TokenSet::new(
        AccessToken::new(OLD),
        SystemTime::now() + Duration::from_secs(seconds),
    )
    .with_refresh_token(RefreshToken::new(REFRESH), None)
}

fn client(server: &Server, source: TokenSource) -> Client {
    Client::builder()
        .endpoint(Endpoint::from_origin(&server.origin()).unwrap())
        .token_source(source)
        .build()
        .unwrap()
}

async fn call_many(client: &Client, calls: usize) -> Vec<Result<EntityResponse, Error>> {
    let tasks: Vec<_> = (0..calls)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                client
                    .send::<_, linkedin_reqwest::restli::EntityResponse<Value>>(Request::get(
                        "/userinfo",
                    ))
                    .await
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    results
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_calls_with_an_expiring_token_cause_exactly_one_refresh() {
    let server = Server::start(server_handler(NEW, refreshed())).await;
    let saved = Arc::new(Mutex::new(Vec::<TokenSet>::new()));
    let sink = saved.clone();
    // Expires in a minute: inside the default 5-minute refresh-ahead window.
    let source = TokenSource::new(oauth(&server), tokens_expiring_in(60))
        .on_refresh(move |tokens| sink.lock().unwrap().push(tokens.clone()));
    let client = client(&server, source);

    let results = call_many(&client, 50).await;

    assert!(
        results.iter().all(Result::is_ok),
        "{:?}",
        results.iter().find(|r| r.is_err())
    );
    assert_eq!(
        server.received_on("/oauth/v2/accessToken").len(),
        1,
        "single flight"
    );
    assert_eq!(server.received_on("/v2/userinfo").len(), 50);
    assert!(
        server
            .received_on("/v2/userinfo")
            .iter()
            .all(|r| r.header("authorization") == Some(&format!("Bearer {NEW}")))
    );
    let saved = saved.lock().unwrap();
    assert_eq!(saved.len(), 1, "on_refresh runs once per refresh");
    assert_eq!(saved[0].access_token.secret(), NEW);
    assert_eq!(client.tokens().unwrap().access_token.secret(), NEW);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_refresh_reaches_every_waiting_caller_as_a_typed_error() {
    let invalid_grant = Reply::json(
        400,
        json!({"error": "invalid_grant", "error_description": "The provided authorization grant or refresh token is invalid, expired or revoked"}),
    )
    .after(Duration::from_millis(300));
    let server = Server::start(server_handler(NEW, invalid_grant)).await;
    // Already expired: there is no token to fall back on.
    let expired = TokenSet::new(
        AccessToken::new(OLD),
        SystemTime::now() - Duration::from_secs(1),
    )
    .with_refresh_token(RefreshToken::new(REFRESH), None);
    let client = client(&server, TokenSource::new(oauth(&server), expired));

    let results = call_many(&client, 20).await;

    assert_eq!(server.received_on("/oauth/v2/accessToken").len(), 1);
    assert!(server.received_on("/v2/userinfo").is_empty());
    for result in results {
        match result {
            Err(Error::Token(TokenError::RefreshFailed { source })) => match &*source {
                Error::OAuth { source, .. } => {
                    assert_eq!(source.oauth_error(), Some("invalid_grant"))
                }
                other => panic!("expected the OAuth error, got {other:?}"),
            },
            other => panic!("expected a refresh failure, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_failed_refresh_keeps_using_a_still_valid_token() {
    let server = Server::start(server_handler(OLD, Reply::status(503))).await;
    let client = client(
        &server,
        TokenSource::new(oauth(&server), tokens_expiring_in(120)),
    );

    for _ in 0..5 {
        client
            .send::<_, linkedin_reqwest::restli::EntityResponse<Value>>(Request::get("/userinfo"))
            .await
            .unwrap();
    }

    assert_eq!(
        server.received_on("/oauth/v2/accessToken").len(),
        1,
        "one failed refresh, then a pause before the next try"
    );
    assert_eq!(client.tokens().unwrap().access_token.secret(), OLD);
}

#[tokio::test]
async fn an_expired_token_without_refresh_token_is_a_token_error_without_any_request() {
    let server = Server::start(server_handler(NEW, refreshed())).await;
    let expired = TokenSet::new(
        AccessToken::new(OLD),
        SystemTime::now() - Duration::from_secs(1),
    );
    let client = client(&server, TokenSource::new(oauth(&server), expired));

    let err = client
        .send::<_, linkedin_reqwest::restli::EntityResponse<Value>>(Request::get("/userinfo"))
        .await
        .unwrap_err();

    assert!(
        matches!(err, Error::Token(TokenError::Expired { .. })),
        "{err:?}"
    );
    assert!(err.to_string().contains("no refresh token"), "{err}");
    assert!(server.received().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_credentials_source_fetches_one_token_for_concurrent_calls() {
    let server = Server::start(server_handler("AQV-app-token", refreshed())).await;
    let client = Client::builder()
        .endpoint(Endpoint::from_origin(&server.origin()).unwrap())
        .oauth_base_url(BaseUrl::parse(&format!("{}/oauth/v2", server.origin())).unwrap())
        .token_source(TokenSource::client_credentials(OAuthConfig::new(
            ClientId::new("client-id"),
            ClientSecret::new(SECRET),
        )))
        .build()
        .unwrap();

    let results = call_many(&client, 50).await;

    assert!(results.iter().all(Result::is_ok));
    assert_eq!(server.received_on("/oauth/v2/accessToken").len(), 1);
    assert!(client.tokens().is_some());
}

#[tokio::test]
async fn a_per_call_token_overrides_the_clients_own() {
    let server = Server::start(server_handler("AQV-member-2", refreshed())).await;
    let client = server.client().build().unwrap();

    let err = client
        .send::<_, linkedin_reqwest::restli::EntityResponse<Value>>(Request::get("/userinfo"))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));

    let member = AccessToken::new("AQV-member-2");
    client
        .with_access_token(&member)
        .send::<_, linkedin_reqwest::restli::EntityResponse<Value>>(Request::get("/userinfo"))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_client_without_any_token_says_how_to_configure_one() {
    let server = Server::start(|_, _| Reply::status(200)).await;
    let client = Client::builder()
        .endpoint(Endpoint::from_origin(&server.origin()).unwrap())
        .build()
        .unwrap();

    let err = client
        .send::<_, linkedin_reqwest::restli::EntityResponse<Value>>(Request::get("/me"))
        .await
        .unwrap_err();

    assert!(matches!(err, Error::Token(TokenError::Missing)));
    assert!(err.to_string().contains(".access_token("), "{err}");
    assert!(server.received().is_empty());
}

#[tokio::test]
async fn the_oauth_calls_exchange_refresh_fetch_and_introspect() {
    let refreshes = Arc::new(AtomicUsize::new(0));
    let counter = refreshes.clone();
    let server = Server::start(move |request, _| {
        let form = form(request);
        match (request.path(), form.get("grant_type").map(String::as_str)) {
            ("/oauth/v2/accessToken", Some("authorization_code")) => {
                assert_eq!(form["code"], "AQT-code");
                assert!(form.contains_key("code_verifier"), "PKCE verifier sent");
                Reply::json(200, json!({"access_token": NEW, "expires_in": 5_184_000, "refresh_token": REFRESH, "scope": "openid,profile"}))
            }
            ("/oauth/v2/accessToken", Some("refresh_token")) => {
                counter.fetch_add(1, Ordering::SeqCst);
                Reply::json(400, json!({"error": "invalid_request", "error_description": "refresh token expired"}))
            }
            ("/oauth/v2/accessToken", Some("client_credentials")) => {
                Reply::json(200, json!({"access_token": "AQV-app", "expires_in": 1800}))
            }
            ("/oauth/v2/introspectToken", _) => {
                assert_eq!(form["token"], NEW);
                Reply::json(200, json!({"active": true, "scope": "openid,profile", "status": "active", "expires_at": 1_900_000_000}))
            }
            other => panic!("unexpected {other:?}"),
        }
    })
    .await;
    let oauth = oauth(&server);
    let client = Client::builder().oauth(oauth.clone()).build().unwrap();

    let (_url, pending) = AuthorizationCodeFlow::new(
        oauth.client_id().clone(),
        RedirectUrl::new("https://app.example/callback").unwrap(),
    )
    .scopes(["openid", "profile"])
    .pkce(true)
    .start()
    .unwrap();
    let callback = format!(
        "https://app.example/callback?code=AQT-code&state={}",
        pending.state().secret()
    );
    let exchange = pending.finish(&callback).unwrap();
    let token = client.exchange_code(&exchange).await.unwrap();
    assert_eq!(token.tokens.access_token.secret(), NEW);
    assert_eq!(token.tokens.scopes, ["openid", "profile"]);

    let err = client
        .refresh(&RefreshToken::new(REFRESH))
        .await
        .unwrap_err();
    match &err {
        Error::OAuth { source, url } => {
            assert_eq!(source.oauth_error(), Some("invalid_request"));
            assert!(url.ends_with("/oauth/v2/accessToken"));
        }
        other => panic!("expected an OAuth error, got {other:?}"),
    }
    assert_eq!(refreshes.load(Ordering::SeqCst), 1, "a 400 is not retried");

    let app = client.client_credentials().await.unwrap();
    assert_eq!(app.access_token.secret(), "AQV-app");

    let info = client.introspect(&AccessToken::new(NEW)).await.unwrap();
    assert!(info.active);
    assert_eq!(info.scopes, ["openid", "profile"]);
}

#[tokio::test]
async fn oauth_calls_without_an_application_say_how_to_configure_one() {
    let client = Client::builder().build().unwrap();
    let err = client.client_credentials().await.unwrap_err();
    assert!(err.to_string().contains(".oauth(OAuthConfig::new"), "{err}");
}
