//! The token source refreshes once for any number of threads, and hands a
//! failed refresh to each of them.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, SystemTime};

use linkedin_oauth::{
    AccessToken, BaseUrl, ClientId, ClientSecret, OAuthConfig, RefreshToken, TokenSet,
};
use linkedin_ureq::{Client, ConfigError, Error, TokenError, TokenSource};
use restli_codec::Request;
use restli_codec::response::EntityResponse;
use serde_json::json;
use support::{Recorded, Reply, Server};

const THREADS: usize = 50;
const OLD_TOKEN: &str = "old-access-token-aa11";
const NEW_TOKEN: &str = "new-access-token-cc33";
const REFRESH_TOKEN: &str = "refresh-token-bb22";
const CLIENT_SECRET: &str = "client-secret-dd44";

fn oauth(server: &Server) -> OAuthConfig {
    OAuthConfig::new(ClientId::new("client-1"), ClientSecret::new(CLIENT_SECRET))
        .base_url(BaseUrl::parse(&format!("{}/oauth/v2", server.origin())).unwrap())
}

fn tokens(expires_in: Duration, expired: bool) -> TokenSet {
    let now = SystemTime::now();
    let expires_at = if expired {
        now - expires_in
    } else {
        now + expires_in
    };
    TokenSet::new(AccessToken::new(OLD_TOKEN), expires_at)
        .with_refresh_token(RefreshToken::new(REFRESH_TOKEN), None)
}

fn is_refresh(request: &Recorded) -> bool {
    request.path() == "/oauth/v2/accessToken"
}

fn refresh_count(server: &Server) -> usize {
    server.requests().iter().filter(|r| is_refresh(r)).count()
}

/// Echoes the bearer token of API calls; answers refreshes with `refresh`
/// after a pause long enough for every thread to pile up.
fn server(refresh: fn(&Recorded) -> Reply) -> Server {
    Server::start(move |request, _| {
        if is_refresh(request) {
            thread::sleep(Duration::from_millis(300));
            refresh(request)
        } else {
            let auth = request.header("authorization").unwrap_or("").to_owned();
            Reply::json(200, json!({"auth": auth}))
        }
    })
}

fn refresh_ok(request: &Recorded) -> Reply {
    let form = String::from_utf8(request.body.clone()).unwrap();
    assert!(form.contains("grant_type=refresh_token"));
    assert!(form.contains(&format!("refresh_token={REFRESH_TOKEN}")));
    Reply::json(200, json!({"access_token": NEW_TOKEN, "expires_in": 3600}))
}

fn refresh_revoked(_: &Recorded) -> Reply {
    Reply::json(
        400,
        json!({"error": "invalid_grant", "error_description": "The refresh token was revoked"}),
    )
}

fn refresh_unavailable(_: &Recorded) -> Reply {
    Reply::status(500)
}

/// Runs `THREADS` concurrent GETs, released together.
fn concurrent_gets(client: &Client) -> Vec<Result<EntityResponse, Error>> {
    let barrier = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|i| {
            let client = client.clone();
            let barrier = Arc::clone(&barrier);
            thread::spawn(move || {
                barrier.wait();
                client.send(Request::get("/things/{id}").key("id", &i))
            })
        })
        .collect();
    handles.into_iter().map(|h| h.join().unwrap()).collect()
}

fn secrets() -> [&'static str; 4] {
    [OLD_TOKEN, NEW_TOKEN, REFRESH_TOKEN, CLIENT_SECRET]
}

#[test]
fn fifty_threads_with_an_expiring_token_cause_exactly_one_refresh() {
    support::init_logs();
    let server = server(refresh_ok);
    let refreshed = Arc::new(AtomicUsize::new(0));
    let source = {
        let refreshed = Arc::clone(&refreshed);
        // Expires in a minute: inside the 5-minute skew, so it is refreshed.
        TokenSource::new(oauth(&server), tokens(Duration::from_secs(60), false)).on_refresh(
            move |tokens| {
                assert_eq!(tokens.access_token.secret(), NEW_TOKEN);
                refreshed.fetch_add(1, Ordering::SeqCst);
            },
        )
    };
    let client = server.builder().token_source(source).build().unwrap();

    let results = concurrent_gets(&client);

    for result in results {
        let response = result.unwrap();
        assert_eq!(response.entity["auth"], format!("Bearer {NEW_TOKEN}"));
    }
    assert_eq!(refresh_count(&server), 1);
    assert_eq!(refreshed.load(Ordering::SeqCst), 1);
    assert_eq!(server.request_count(), 1 + THREADS);
    let tokens = client.tokens().unwrap();
    assert_eq!(tokens.access_token.secret(), NEW_TOKEN);
    assert_eq!(tokens.refresh_token.unwrap().secret(), REFRESH_TOKEN);
    support::assert_logs_hide(&secrets());
}

#[test]
fn a_failed_refresh_reaches_every_waiting_thread_as_a_typed_error() {
    support::init_logs();
    let server = server(refresh_revoked);
    let source = TokenSource::new(oauth(&server), tokens(Duration::from_secs(10), true));
    let client = server.builder().token_source(source).build().unwrap();

    let results = concurrent_gets(&client);

    let mut failures = Vec::new();
    for result in results {
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
    // Every thread got the one failure of the one refresh.
    assert!(failures.iter().all(|f| Arc::ptr_eq(f, &failures[0])));
    assert_eq!(refresh_count(&server), 1);
    assert_eq!(server.request_count(), 1, "no API call without a token");
    // A later call within the cool-down gets the same failure, unsent.
    let err = client
        .send::<_, linkedin_ureq::restli::EntityResponse<serde_json::Value>>(Request::get(
            "/things",
        ))
        .unwrap_err();
    assert!(err.to_string().contains("invalid_grant"), "{err}");
    assert_eq!(refresh_count(&server), 1);
    support::assert_logs_hide(&secrets());
}

#[test]
fn a_failed_refresh_ahead_of_expiry_keeps_the_valid_token() {
    support::init_logs();
    let server = server(refresh_unavailable);
    let source = TokenSource::new(oauth(&server), tokens(Duration::from_secs(60), false));
    let client = server.builder().token_source(source).build().unwrap();

    let results = concurrent_gets(&client);

    for result in results {
        assert_eq!(
            result.unwrap().entity["auth"],
            format!("Bearer {OLD_TOKEN}")
        );
    }
    assert_eq!(refresh_count(&server), 1);
    support::assert_logs_hide(&secrets());
}

#[test]
fn an_expired_token_without_refresh_token_is_an_error_before_any_request() {
    support::init_logs();
    let server = server(refresh_ok);
    let expired = TokenSet::new(
        AccessToken::new(OLD_TOKEN),
        SystemTime::now() - Duration::from_secs(1),
    );
    let client = server
        .builder()
        .token_source(TokenSource::new(oauth(&server), expired))
        .build()
        .unwrap();
    let err = client
        .send::<_, linkedin_ureq::restli::EntityResponse<serde_json::Value>>(Request::get(
            "/things",
        ))
        .unwrap_err();
    assert!(matches!(err, Error::Token(TokenError::Expired { .. })));
    assert!(err.to_string().contains("no refresh token"), "{err}");
    assert_eq!(server.request_count(), 0);
}

#[test]
fn oauth_calls_go_through_the_client_stack() {
    support::init_logs();
    let server = Server::start(|request, _| match request.path() {
        "/oauth/v2/accessToken" => {
            Reply::json(200, json!({"access_token": NEW_TOKEN, "expires_in": 1800}))
        }
        "/oauth/v2/introspectToken" => Reply::json(
            200,
            json!({"active": true, "scope": "r_ads", "auth_type": "2L"}),
        ),
        _ => Reply::status(404),
    });
    let client = server
        .builder()
        .oauth(OAuthConfig::new(
            ClientId::new("client-1"),
            ClientSecret::new(CLIENT_SECRET),
        ))
        .oauth_base_url(BaseUrl::parse(&format!("{}/oauth/v2", server.origin())).unwrap())
        .build()
        .unwrap();

    let app = client.client_credentials().unwrap();
    assert_eq!(app.access_token.secret(), NEW_TOKEN);
    let info = client.introspect(&app.access_token).unwrap();
    assert!(info.active);
    let refreshed = client.refresh(&RefreshToken::new(REFRESH_TOKEN)).unwrap();
    assert_eq!(refreshed.access_token.secret(), NEW_TOKEN);

    let seen = server.requests();
    assert_eq!(seen.len(), 3);
    assert!(seen.iter().all(|r| r.method == "POST"));
    assert!(
        seen.iter()
            .all(|r| r.header("content-type") == Some("application/x-www-form-urlencoded"))
    );
    let logs = support::logs();
    assert!(logs.contains("linkedin.oauth{path=/oauth/v2/introspectToken"));
    support::assert_logs_hide(&secrets());
}

#[test]
fn oauth_calls_without_credentials_say_how_to_configure_them() {
    let client = Client::builder().build().unwrap();
    let err = client.client_credentials().unwrap_err();
    assert!(matches!(err, Error::Config(ConfigError::NoOAuth)));
    assert!(err.to_string().contains(".oauth("));
}

#[test]
fn a_two_legged_source_fetches_its_token_once_for_all_threads() {
    support::init_logs();
    let server = Server::start(|request, _| {
        if is_refresh(request) {
            let form = String::from_utf8(request.body.clone()).unwrap();
            assert!(form.contains("grant_type=client_credentials"));
            thread::sleep(Duration::from_millis(200));
            Reply::json(200, json!({"access_token": NEW_TOKEN, "expires_in": 1800}))
        } else {
            let auth = request.header("authorization").unwrap_or("").to_owned();
            Reply::json(200, json!({"auth": auth}))
        }
    });
    let client = server
        .builder()
        .token_source(TokenSource::client_credentials(oauth(&server)))
        .build()
        .unwrap();
    assert!(
        client.tokens().is_none(),
        "nothing fetched before the first call"
    );

    for result in concurrent_gets(&client) {
        assert_eq!(
            result.unwrap().entity["auth"],
            format!("Bearer {NEW_TOKEN}")
        );
    }
    assert_eq!(refresh_count(&server), 1);
    assert_eq!(client.tokens().unwrap().access_token.secret(), NEW_TOKEN);
    support::assert_logs_hide(&secrets());
}

#[test]
fn the_builder_oauth_base_url_also_serves_the_token_source() {
    support::init_logs();
    let server = server(refresh_ok);
    // The source's application points at LinkedIn; the builder redirects
    // its renewals to the local server.
    let app = OAuthConfig::new(ClientId::new("client-1"), ClientSecret::new(CLIENT_SECRET));
    let client = server
        .builder()
        .oauth_base_url(BaseUrl::parse(&format!("{}/oauth/v2", server.origin())).unwrap())
        .token_source(TokenSource::new(app, tokens(Duration::from_secs(1), true)))
        .build()
        .unwrap();
    let response: EntityResponse = client.send(Request::get("/things")).unwrap();
    assert_eq!(response.entity["auth"], format!("Bearer {NEW_TOKEN}"));
    assert_eq!(refresh_count(&server), 1);
}

#[test]
fn the_refresh_callback_may_read_the_client_tokens() {
    support::init_logs();
    let server = server(refresh_ok);
    let slot: Arc<std::sync::OnceLock<Client>> = Arc::default();
    let seen: Arc<std::sync::Mutex<Option<String>>> = Arc::default();
    let source = {
        let slot = Arc::clone(&slot);
        let seen = Arc::clone(&seen);
        TokenSource::new(oauth(&server), tokens(Duration::from_secs(1), true)).on_refresh(
            move |_| {
                let current = slot.get().and_then(|client| client.tokens());
                *seen.lock().unwrap() = current.map(|t| t.access_token.secret().to_owned());
            },
        )
    };
    let client = server.builder().token_source(source).build().unwrap();
    let _ = slot.set(client.clone());

    let response: EntityResponse = client.send(Request::get("/things")).unwrap();

    assert_eq!(response.entity["auth"], format!("Bearer {NEW_TOKEN}"));
    assert_eq!(seen.lock().unwrap().as_deref(), Some(NEW_TOKEN));
}
