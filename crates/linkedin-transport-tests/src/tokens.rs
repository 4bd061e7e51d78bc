//! Token sources: renewal ahead of expiry, once for any number of waiting
//! callers, failures shared by every caller; 2-legged sources; per-call
//! tokens; and the OAuth calls.
//!
//! LinkedIn's token endpoint and grants:
//! <https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow>
//! (refresh: `.../programmatic-refresh-tokens`; 2-legged:
//! `.../client-credentials-flow`; introspection: `.../token-introspection`).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, SystemTime};

use linkedin_client_core::{ConfigError, Error, TokenError};
use linkedin_oauth::{
    AccessToken, AuthorizationCodeFlow, BaseUrl, ClientId, ClientSecret, OAuthConfig, RedirectUrl,
    RefreshToken, TokenSet,
};
use linkedin_test_support::{HostileServer, Recorded, Script};
use restli_codec::Request;
use restli_codec::response::EntityResponse;
use serde_json::json;

use crate::wire::{self, form, json as answer, status};
use crate::{Auth, Setup, Transport, logs};

const CALLERS: usize = 50;
const OLD: &str = "AQV-old-token-1a2b";
const NEW: &str = "AQV-refreshed-token-3c4d";
const REFRESH: &str = "AQX-refresh-token-5e6f";
const SECRET: &str = "client-s3cr3t-7g8h";
const GOOD_REFRESH: &str = "AQX-still-good-refresh-token-6f7a";
const SECRETS: [&str; 5] = [OLD, NEW, REFRESH, SECRET, GOOD_REFRESH];

fn oauth_url(server: &HostileServer) -> BaseUrl {
    BaseUrl::parse(&format!("{}/oauth/v2", server.origin())).expect("base URL")
}

fn app() -> OAuthConfig {
    OAuthConfig::new(ClientId::new("client-id"), ClientSecret::new(SECRET))
}

fn oauth(server: &HostileServer) -> OAuthConfig {
    app().base_url(oauth_url(server))
}

fn tokens(expires_at: SystemTime, refresh: bool) -> TokenSet {
    let tokens = TokenSet::new(AccessToken::new(OLD), expires_at);
    if refresh {
        tokens.with_refresh_token(RefreshToken::new(REFRESH), None)
    } else {
        tokens
    }
}

fn in_secs(seconds: u64) -> SystemTime {
    SystemTime::now() + Duration::from_secs(seconds)
}

fn expired() -> SystemTime {
    SystemTime::now() - Duration::from_secs(1)
}

fn is_token_call(request: &Recorded) -> bool {
    request.path() == "/oauth/v2/accessToken"
}

fn token_calls(server: &HostileServer) -> usize {
    wire::on(server, "/oauth/v2/accessToken").len()
}

/// Answers API calls with the bearer they carried, and token calls with
/// `refresh(form)` after 300 ms (so that callers pile up behind it); the
/// client secret is checked on every token call.
fn server(refresh: fn(&Recorded) -> Script) -> HostileServer {
    wire::serve(move |request, _| {
        if is_token_call(request) {
            if form(request).get("client_secret").map(String::as_str) != Some(SECRET) {
                return answer(401, &json!({"error": "invalid_client"}));
            }
            refresh(request).after(Duration::from_millis(300))
        } else {
            let auth = request.header("authorization").unwrap_or("").to_owned();
            answer(200, &json!({"auth": auth}))
        }
    })
}

fn refresh_ok(request: &Recorded) -> Script {
    let form = form(request);
    if form.get("grant_type").map(String::as_str) != Some("refresh_token")
        || form.get("refresh_token").map(String::as_str) != Some(REFRESH)
    {
        return answer(400, &json!({"error": "invalid_request"}));
    }
    answer(
        200,
        &json!({"access_token": NEW, "expires_in": 5_184_000, "refresh_token": REFRESH, "refresh_token_expires_in": 31_536_000}),
    )
}

fn refresh_revoked(_: &Recorded) -> Script {
    answer(
        400,
        &json!({"error": "invalid_grant", "error_description": "The provided authorization grant or refresh token is invalid, expired or revoked"}),
    )
}

fn refresh_unavailable(_: &Recorded) -> Script {
    status(500)
}

fn client_credentials_ok(request: &Recorded) -> Script {
    if form(request).get("grant_type").map(String::as_str) != Some("client_credentials") {
        return answer(400, &json!({"error": "invalid_request"}));
    }
    answer(200, &json!({"access_token": NEW, "expires_in": 1800}))
}

fn refreshing(
    server: &HostileServer,
    tokens: TokenSet,
    on_refresh: Option<crate::OnRefresh>,
) -> Setup {
    Setup::new(&server.origin()).auth(Auth::Refreshing {
        oauth: oauth(server),
        tokens,
        on_refresh,
    })
}

fn things(i: usize) -> restli_codec::Get {
    Request::get("/things/{id}").key("id", &i)
}

/// 50 concurrent calls with a token expiring inside the refresh-ahead
/// window cause exactly one renewal; every call carries the new token; the
/// callback runs once and the client holds the new tokens.
pub fn fifty_concurrent_calls_with_an_expiring_token_cause_exactly_one_refresh<T: Transport>() {
    logs::init();
    let server = server(refresh_ok);
    let saved = Arc::new(Mutex::new(Vec::<TokenSet>::new()));
    let sink = Arc::clone(&saved);
    // Expires in a minute: inside the default 5-minute refresh-ahead window.
    let client = T::build(refreshing(
        &server,
        tokens(in_secs(60), true),
        Some(Arc::new(move |tokens: &TokenSet| {
            sink.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(tokens.clone())
        })),
    ))
    .expect("client");

    for result in client.concurrently(CALLERS, things) {
        assert_eq!(
            result.expect("a call").entity["auth"],
            format!("Bearer {NEW}")
        );
    }
    assert_eq!(token_calls(&server), 1, "single flight");
    assert_eq!(server.request_count(), 1 + CALLERS);
    let saved = saved.lock().unwrap_or_else(PoisonError::into_inner);
    assert_eq!(saved.len(), 1, "on_refresh runs once per refresh");
    assert_eq!(saved[0].access_token.secret(), NEW);
    let held = client.tokens().expect("tokens");
    assert_eq!(held.access_token.secret(), NEW);
    assert_eq!(
        held.refresh_token.map(|t| t.secret().to_owned()).as_deref(),
        Some(REFRESH)
    );
    logs::assert_hidden(&SECRETS);
}

/// A renewal LinkedIn refuses reaches every waiting caller as the same
/// typed error, with no API call; a later call in the cool-down gets it
/// again, unsent.
pub fn a_failed_refresh_reaches_every_waiting_caller_as_a_typed_error<T: Transport>() {
    logs::init();
    let server = server(refresh_revoked);
    // Already expired: there is no token to fall back on.
    let client = T::build(refreshing(&server, tokens(expired(), true), None)).expect("client");

    let mut failures = Vec::new();
    for result in client.concurrently(CALLERS, things) {
        match result {
            Err(Error::Token(TokenError::RefreshFailed { source })) => {
                match &*source {
                    Error::OAuth { source, .. } => {
                        assert_eq!(source.oauth_error(), Some("invalid_grant"))
                    }
                    other => panic!("expected LinkedIn's refusal, got {other:?}"),
                }
                failures.push(source);
            }
            other => panic!("expected a failed refresh, got {other:?}"),
        }
    }
    // Every caller got the one failure of the one refresh.
    assert!(failures.iter().all(|f| Arc::ptr_eq(f, &failures[0])));
    assert_eq!(token_calls(&server), 1);
    assert_eq!(server.request_count(), 1, "no API call without a token");
    let err = client
        .send::<EntityResponse>(Request::get("/things"))
        .expect_err("still refused");
    assert!(err.to_string().contains("invalid_grant"), "{err}");
    assert_eq!(token_calls(&server), 1);
    logs::assert_hidden(&SECRETS);
}

/// A renewal ahead of expiry that fails keeps the still valid token, and
/// is not tried again at once.
pub fn a_failed_refresh_ahead_of_expiry_keeps_the_valid_token<T: Transport>() {
    logs::init();
    let server = server(refresh_unavailable);
    let client = T::build(refreshing(&server, tokens(in_secs(120), true), None)).expect("client");

    for result in client.concurrently(CALLERS, things) {
        assert_eq!(
            result.expect("a call").entity["auth"],
            format!("Bearer {OLD}")
        );
    }
    for i in 0..5 {
        client.send::<EntityResponse>(things(i)).expect("a call");
    }
    assert_eq!(
        token_calls(&server),
        1,
        "one failed refresh, then a pause before the next try"
    );
    assert_eq!(client.tokens().expect("tokens").access_token.secret(), OLD);
    logs::assert_hidden(&SECRETS);
}

/// An expired token without a refresh token is a token error saying so,
/// before any request.
pub fn an_expired_token_without_refresh_token_is_an_error_before_any_request<T: Transport>() {
    let server = server(refresh_ok);
    let client = T::build(refreshing(&server, tokens(expired(), false), None)).expect("client");
    let err = client
        .send::<EntityResponse>(Request::get("/things"))
        .expect_err("expired");
    assert!(
        matches!(err, Error::Token(TokenError::Expired { .. })),
        "{err:?}"
    );
    assert!(err.to_string().contains("no refresh token"), "{err}");
    assert_eq!(server.request_count(), 0);
}

/// A 2-legged source (renewing through the client's OAuth base URL)
/// fetches nothing before the first call, then one token for 50
/// concurrent calls.
pub fn a_client_credentials_source_fetches_one_token_for_concurrent_calls<T: Transport>() {
    logs::init();
    let server = server(client_credentials_ok);
    // The application points at LinkedIn; the client's OAuth base URL
    // sends its token calls to the local server.
    let mut setup = Setup::new(&server.origin()).auth(Auth::ClientCredentials(app()));
    setup.oauth_base_url = Some(oauth_url(&server));
    let client = T::build(setup).expect("client");
    assert!(
        client.tokens().is_none(),
        "nothing fetched before the first call"
    );

    for result in client.concurrently(CALLERS, things) {
        assert_eq!(
            result.expect("a call").entity["auth"],
            format!("Bearer {NEW}")
        );
    }
    assert_eq!(token_calls(&server), 1);
    assert_eq!(client.tokens().expect("tokens").access_token.secret(), NEW);
    logs::assert_hidden(&SECRETS);
}

/// The client's OAuth base URL also serves its token source, whose
/// application points at LinkedIn.
pub fn the_builder_oauth_base_url_also_serves_the_token_source<T: Transport>() {
    let server = server(refresh_ok);
    let mut setup = Setup::new(&server.origin()).auth(Auth::Refreshing {
        oauth: app(),
        tokens: tokens(expired(), true),
        on_refresh: None,
    });
    setup.oauth_base_url = Some(oauth_url(&server));
    let client = T::build(setup).expect("client");
    let response: EntityResponse = client.send(Request::get("/things")).expect("a call");
    assert_eq!(response.entity["auth"], format!("Bearer {NEW}"));
    assert_eq!(token_calls(&server), 1);
}

/// The renewal callback may read the client's tokens (no deadlock), and
/// sees the new ones.
pub fn the_refresh_callback_may_read_the_client_tokens<T: Transport>() {
    let server = server(refresh_ok);
    let slot: Arc<OnceLock<T>> = Arc::default();
    let seen: Arc<Mutex<Option<String>>> = Arc::default();
    let callback: crate::OnRefresh = {
        let slot = Arc::clone(&slot);
        let seen = Arc::clone(&seen);
        Arc::new(move |_: &TokenSet| {
            let current = slot.get().and_then(|client| client.tokens());
            *seen.lock().unwrap_or_else(PoisonError::into_inner) =
                current.map(|t| t.access_token.secret().to_owned());
        })
    };
    let client =
        T::build(refreshing(&server, tokens(expired(), true), Some(callback))).expect("client");
    let _ = slot.set(client.clone());

    let response: EntityResponse = client.send(Request::get("/things")).expect("a call");

    assert_eq!(response.entity["auth"], format!("Bearer {NEW}"));
    assert_eq!(
        seen.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_deref(),
        Some(NEW)
    );
}

/// A client without any token says how to configure one, and sends
/// nothing.
pub fn a_client_without_any_token_says_how_to_configure_one<T: Transport>() {
    let server = wire::serve(|_, _| status(200));
    let client = T::build(Setup::new(&server.origin())).expect("client");
    let err = client
        .send::<EntityResponse>(Request::get("/me"))
        .expect_err("no token");
    assert!(matches!(err, Error::Token(TokenError::Missing)), "{err:?}");
    assert!(err.to_string().contains(".access_token("), "{err}");
    assert_eq!(server.request_count(), 0);
}

/// The OAuth calls go through the client's stack as form POSTs: the code
/// exchange (with the PKCE verifier), a refused refresh (not retried), a
/// refresh, a client-credentials grant and an introspection.
pub fn the_oauth_calls_exchange_refresh_fetch_and_introspect<T: Transport>() {
    logs::init();
    let refreshes = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&refreshes);
    let server = wire::serve(move |request, _| {
        let form = form(request);
        match (request.path(), form.get("grant_type").map(String::as_str)) {
            ("/oauth/v2/accessToken", Some("authorization_code"))
                if form.get("code").map(String::as_str) == Some("AQT-code")
                    && form.contains_key("code_verifier") =>
            {
                answer(
                    200,
                    &json!({"access_token": NEW, "expires_in": 5_184_000, "refresh_token": REFRESH, "scope": "openid,profile"}),
                )
            }
            ("/oauth/v2/accessToken", Some("refresh_token"))
                if form.get("refresh_token").map(String::as_str) == Some(GOOD_REFRESH) =>
            {
                answer(200, &json!({"access_token": NEW, "expires_in": 5_184_000}))
            }
            ("/oauth/v2/accessToken", Some("refresh_token")) => {
                counter.fetch_add(1, Ordering::SeqCst);
                answer(
                    400,
                    &json!({"error": "invalid_request", "error_description": "refresh token expired"}),
                )
            }
            ("/oauth/v2/accessToken", Some("client_credentials")) => answer(
                200,
                &json!({"access_token": "AQV-app-token-0e0e", "expires_in": 1800}),
            ),
            ("/oauth/v2/introspectToken", _)
                if form.get("token").map(String::as_str) == Some(NEW) =>
            {
                answer(
                    200,
                    &json!({"active": true, "scope": "openid,profile", "status": "active", "expires_at": 1_900_000_000}),
                )
            }
            _ => answer(400, &json!({"error": "invalid_request"})),
        }
    });
    let oauth = oauth(&server);
    let client = T::build(Setup {
        oauth: Some(oauth.clone()),
        ..Setup::default()
    })
    .expect("client");

    let (_url, pending) = AuthorizationCodeFlow::new(
        oauth.client_id().clone(),
        RedirectUrl::new("https://app.example/callback").expect("redirect URL"),
    )
    .scopes(["openid", "profile"])
    .pkce(true)
    .start()
    .expect("a flow");
    let callback = format!(
        "https://app.example/callback?code=AQT-code&state={}",
        pending.state().secret()
    );
    let exchange = pending.finish(&callback).expect("a checked redirect");
    let token = client.exchange_code(&exchange).expect("the exchange");
    assert_eq!(token.tokens.access_token.secret(), NEW);
    assert_eq!(token.tokens.scopes, ["openid", "profile"]);

    let err = client
        .refresh(&RefreshToken::new(REFRESH))
        .expect_err("refused");
    match &err {
        Error::OAuth { source, url } => {
            assert_eq!(source.oauth_error(), Some("invalid_request"));
            assert!(url.ends_with("/oauth/v2/accessToken"));
        }
        other => panic!("expected an OAuth error, got {other:?}"),
    }
    assert_eq!(refreshes.load(Ordering::SeqCst), 1, "a 400 is not retried");
    let refreshed = client
        .refresh(&RefreshToken::new(GOOD_REFRESH))
        .expect("a refresh");
    assert_eq!(refreshed.access_token.secret(), NEW);

    let app = client.client_credentials().expect("a 2-legged token");
    assert_eq!(app.access_token.secret(), "AQV-app-token-0e0e");

    let info = client
        .introspect(&AccessToken::new(NEW))
        .expect("introspection");
    assert!(info.active);
    assert_eq!(info.scopes, ["openid", "profile"]);

    let seen = server.requests();
    assert_eq!(seen.len(), 5);
    assert!(seen.iter().all(|r| r.method == "POST"));
    assert!(
        seen.iter()
            .all(|r| r.header("content-type") == Some("application/x-www-form-urlencoded"))
    );
    let logs = logs::captured();
    assert!(
        logs.lines()
            .any(|l| l.contains("linkedin.oauth{") && l.contains("/oauth/v2/introspectToken")),
        "an OAuth span names the endpoint"
    );
    logs::assert_hidden(&SECRETS);
}

/// OAuth calls on a client without an application say how to configure
/// one.
pub fn oauth_calls_without_an_application_say_how_to_configure_one<T: Transport>() {
    let client = T::build(Setup::default()).expect("client");
    let err = client.client_credentials().expect_err("no application");
    assert!(
        matches!(err, Error::Config(ConfigError::NoOAuth)),
        "{err:?}"
    );
    assert!(err.to_string().contains(".oauth(OAuthConfig::new"), "{err}");
}
