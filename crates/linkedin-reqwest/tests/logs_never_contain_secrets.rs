//! Everything logged at TRACE level (this crate's spans and events, and the
//! `log` records of reqwest and its stack) while requests succeed, retry,
//! fail and refresh tokens never contains a token or the client secret.
//!
//! One test in this binary: the subscriber is process-wide.

mod common;

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use common::{Recorded, Reply, Server, TOKEN};
use linkedin_reqwest::oauth::{
    AccessToken, BaseUrl, ClientId, ClientSecret, OAuthConfig, RefreshToken, TokenSet,
};
use linkedin_reqwest::restli::Endpoint;
use linkedin_reqwest::{Client, Request, TokenSource};
use serde_json::{Value, json};
use tracing_subscriber::fmt::MakeWriter;

const OLD: &str = "AQV-expiring-token-b3f1";
const NEW: &str = "AQV-fresh-token-c0d2";
const REFRESH: &str = "AQX-refresh-token-e9a4";
const SECRET: &str = "client-secret-77f0";

/// A writer appending to a shared buffer.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Buffer {
    type Writer = Buffer;
    fn make_writer(&'a self) -> Buffer {
        self.clone()
    }
}

static FLAKY: AtomicUsize = AtomicUsize::new(0);

fn handler(request: &Recorded, _: usize) -> Reply {
    match request.path() {
        "/oauth/v2/accessToken" => Reply::json(
            200,
            json!({"access_token": NEW, "expires_in": 3600, "refresh_token": REFRESH}),
        ),
        "/v2/flaky" if FLAKY.fetch_add(1, Ordering::SeqCst) == 0 => Reply::status(503),
        "/v2/broken" => Reply::BreakMidBody,
        "/v2/denied" => Reply::json(
            401,
            json!({"status": 401, "message": "Invalid access token"}),
        ),
        "/v2/slow" => Reply::Hang,
        _ => Reply::json(200, json!({"ok": true})),
    }
}

#[tokio::test]
async fn logs_at_trace_level_never_contain_a_token_or_the_client_secret() {
    let buffer = Buffer::default();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(buffer.clone())
        .with_ansi(false)
        .try_init()
        .expect("the only subscriber in this test binary");

    let server = Server::start(handler).await;

    // A static token: success, retries, API error, broken connection, timeout.
    let client = server
        .client()
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    client
        .send::<_, linkedin_reqwest::restli::EntityResponse<Value>>(Request::get("/ok"))
        .await
        .unwrap();
    let _ = client
        .send::<_, linkedin_reqwest::restli::EntityResponse<Value>>(Request::get("/flaky"))
        .await;
    let _ = client
        .send::<_, linkedin_reqwest::restli::EntityResponse<Value>>(Request::get("/denied"))
        .await;
    let _ = client
        .send::<_, linkedin_reqwest::restli::EntityResponse<Value>>(Request::get("/broken"))
        .await;
    let _ = client
        .send::<_, linkedin_reqwest::restli::EntityResponse<Value>>(Request::get("/slow"))
        .await;
    let _ = client
        .send::<_, linkedin_reqwest::restli::CreateResponse<Value>>(Request::create(
            "/ok",
            &json!({"a": 1}),
        ))
        .await;

    // A token source refreshing, then the OAuth calls.
    let oauth = OAuthConfig::new(ClientId::new("client-id"), ClientSecret::new(SECRET))
        .base_url(BaseUrl::parse(&format!("{}/oauth/v2", server.origin())).unwrap());
    let tokens = TokenSet::new(
        AccessToken::new(OLD),
        SystemTime::now() + Duration::from_secs(10),
    )
    .with_refresh_token(RefreshToken::new(REFRESH), None);
    let refreshing = Client::builder()
        .endpoint(Endpoint::from_origin(&server.origin()).unwrap())
        .token_source(TokenSource::new(oauth, tokens))
        .build()
        .unwrap();
    refreshing
        .send::<_, linkedin_reqwest::restli::EntityResponse<Value>>(Request::get("/ok"))
        .await
        .unwrap();
    let _ = refreshing.refresh(&RefreshToken::new(REFRESH)).await;
    let _ = refreshing.introspect(&AccessToken::new(NEW)).await;

    // Errors and Debug output, formatted the way an application would log them.
    let err = client
        .send::<_, linkedin_reqwest::restli::EntityResponse<Value>>(Request::get("/denied"))
        .await
        .unwrap_err();
    tracing::error!(error = %err, debug = ?err, client = ?client, refreshing = ?refreshing, "application log");

    let logs = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("restli.request"),
        "the request spans are captured:\n{logs}"
    );
    assert!(
        logs.contains("linkedin.oauth"),
        "the OAuth spans are captured:\n{logs}"
    );
    assert!(logs.contains("retrying"), "retries are logged:\n{logs}");
    assert!(
        logs.contains("hyper_util::") && logs.contains("reqwest::"),
        "the HTTP stack's own logs are captured too:\n{logs}"
    );
    for secret in [TOKEN, OLD, NEW, REFRESH, SECRET] {
        assert!(
            !logs.contains(secret),
            "{secret} leaked into the logs:\n{logs}"
        );
    }
}
