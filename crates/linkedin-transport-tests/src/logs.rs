//! A capture of everything logged at TRACE level in the test binary (the
//! transport's spans and events, and its HTTP stack's `log` records), and
//! the scenario that no token or client secret is ever in it.
//!
//! The subscriber is process-wide: [`init`] installs it once per binary;
//! every scenario that checks logs calls it first.
//!
//! ```
//! linkedin_transport_tests::logs::init();
//! tracing::info!("hello from a doc test");
//! assert!(linkedin_transport_tests::logs::captured().contains("hello from a doc test"));
//! ```

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, SystemTime};

use linkedin_oauth::{
    AccessToken, BaseUrl, ClientId, ClientSecret, OAuthConfig, RefreshToken, TokenSet,
};
use restli_codec::{EntityResponse, Request};
use serde_json::json;

use crate::wire::{self, hang, json as answer, status};
use crate::{Auth, Setup, Transport};

#[derive(Clone)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn buffer() -> &'static Arc<Mutex<Vec<u8>>> {
    use tracing::level_filters::LevelFilter;
    use tracing_subscriber::filter::Targets;
    use tracing_subscriber::fmt::format::FmtSpan;
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;

    static BUFFER: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    BUFFER.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = Buffer(Arc::clone(&buffer));
        // Everything at TRACE, the HTTP stacks' `log` records included,
        // except the hex dump of raw wire bytes ureq-proto logs at TRACE
        // (below what any deployment should log; `linkedin_ureq::logging`
        // and the ureq crate's `wire_dump_is_filtered.rs` deal with it).
        let filter = Targets::new()
            .with_default(LevelFilter::TRACE)
            .with_target("ureq_proto", LevelFilter::DEBUG);
        let _ = tracing_subscriber::registry()
            .with(
                tracing_subscriber::fmt::layer()
                    .with_span_events(FmtSpan::CLOSE)
                    .with_ansi(false)
                    .with_writer(move || writer.clone()),
            )
            .with(filter)
            .try_init();
        buffer
    })
}

/// Installs the capturing subscriber (once per test binary).
///
/// ```
/// linkedin_transport_tests::logs::init();
/// ```
pub fn init() {
    let _ = buffer();
}

/// Everything captured so far.
///
/// ```
/// linkedin_transport_tests::logs::init();
/// let _ = linkedin_transport_tests::logs::captured();
/// ```
pub fn captured() -> String {
    String::from_utf8_lossy(&buffer().lock().unwrap_or_else(PoisonError::into_inner)).into_owned()
}

/// Asserts that something of this crate's spans was logged and that no
/// captured line contains any of `secrets`.
///
/// # Panics
///
/// When a secret was logged, or nothing was.
///
/// ```should_panic
/// linkedin_transport_tests::logs::init();
/// tracing::info!("restli.request token=abc");
/// linkedin_transport_tests::logs::assert_hidden(&["abc"]);
/// ```
pub fn assert_hidden(secrets: &[&str]) {
    let logs = captured();
    assert!(
        logs.contains("restli.request") || logs.contains("linkedin.oauth"),
        "no spans captured"
    );
    for secret in secrets {
        assert!(!logs.contains(secret), "a secret ({secret:?}) was logged");
    }
}

/// The fields of every closed span named `name` captured so far, as the
/// log shows them: a quoted string (`"client"`) or a bare number (`200`).
///
/// ```
/// linkedin_transport_tests::logs::init();
/// tracing::info_span!("doc.span", url.template = "/a/{id}", n = 3).in_scope(|| {});
/// let spans = linkedin_transport_tests::logs::closed_spans("doc.span");
/// assert!(spans.iter().any(|f| f["url.template"] == "\"/a/{id}\"" && f["n"] == "3"));
/// ```
pub fn closed_spans(name: &str) -> Vec<BTreeMap<String, String>> {
    let opening = format!("{name}{{");
    captured()
        .lines()
        .filter_map(|line| {
            // The closed span is the innermost of the line's scope: the
            // last one, followed by the target and the `close` message.
            let at = line.rfind(&opening)?;
            let (fields, rest) = span_fields(line.get(at + opening.len()..)?)?;
            let (target, message) = rest.strip_prefix(": ")?.split_once(": ")?;
            (!target.contains('{') && message.starts_with("close")).then_some(fields)
        })
        .collect()
}

/// Reads `key=value` pairs up to the span's closing brace (outside quotes);
/// returns them and what follows the brace.
fn span_fields(text: &str) -> Option<(BTreeMap<String, String>, &str)> {
    let mut fields = BTreeMap::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(' ');
        if let Some(after) = rest.strip_prefix('}') {
            return Some((fields, after));
        }
        let (key, value_and_more) = rest.split_once('=')?;
        let end = if value_and_more.starts_with('"') {
            let mut escaped = false;
            let close = value_and_more.char_indices().skip(1).find(|&(_, c)| {
                let done = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                done
            })?;
            close.0 + 1
        } else {
            value_and_more.find([' ', '}'])?
        };
        let (value, more) = value_and_more.split_at(end);
        fields.insert(key.to_owned(), value.to_owned());
        rest = more;
    }
}

const TOKEN: &str = "AQV-logged-static-token-4a1b";
const OLD: &str = "AQV-logged-expiring-token-b3f1";
const NEW: &str = "AQV-logged-fresh-token-c0d2";
const REFRESH: &str = "AQX-logged-refresh-token-e9a4";
const SECRET: &str = "logged-client-secret-77f0";
const QUERY_VALUE: &str = "logged-query-value-5c5c";

/// Every field a call's span may carry.
const SPAN_FIELDS: [&str; 12] = [
    "otel.kind",
    "otel.name",
    "http.request.method",
    "url.template",
    "server.address",
    "server.port",
    "http.response.status_code",
    "http.request.resend_count",
    "error.type",
    "linkedin.restli_method",
    "linkedin.oauth_grant",
    "linkedin.request_id",
];

/// Everything logged at TRACE level while requests succeed, retry, fail,
/// break, time out and refresh tokens, and while the application logs the
/// errors and clients, never contains a token or the client secret; no
/// span field holds one, nor a query value.
pub fn logs_at_trace_level_never_contain_a_token_or_the_client_secret<T: Transport>() {
    init();
    let flaky = std::sync::atomic::AtomicUsize::new(0);
    let server = wire::serve(move |request, _| match request.path() {
        "/oauth/v2/accessToken" => answer(
            200,
            &json!({"access_token": NEW, "expires_in": 3600, "refresh_token": REFRESH}),
        ),
        "/oauth/v2/introspectToken" => answer(200, &json!({"active": true})),
        "/v2/flaky" if flaky.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 => status(503),
        "/v2/broken" => {
            linkedin_test_support::Script::close_mid_body(200, 200, b"{\"id\": 1, \"na")
        }
        "/v2/denied" => answer(
            401,
            &json!({"status": 401, "message": "Invalid access token"}),
        ),
        "/v2/slow" => hang(),
        _ => answer(200, &json!({"ok": true})),
    });

    // A static token: success, retries, API error, broken connection, timeout.
    let client = T::build(
        Setup::new(&server.origin())
            .token(TOKEN)
            .timeout(Duration::from_millis(200)),
    )
    .expect("client");
    client
        .send::<EntityResponse>(Request::get("/ok"))
        .expect("ok");
    let _ = client.send::<EntityResponse>(Request::get("/flaky"));
    let _ = client.send::<EntityResponse>(Request::get("/denied"));
    let _ = client.send::<EntityResponse>(Request::get("/broken"));
    let _ = client.send::<EntityResponse>(Request::get("/slow"));
    let _ = client.send::<restli_codec::CreateResponse>(Request::create("/ok", &json!({"a": 1})));
    let _ = client.send::<restli_codec::CollectionResponse>(
        Request::finder("/ok", "search").param("keywords", QUERY_VALUE),
    );

    // A token source refreshing, then the OAuth calls.
    let oauth = OAuthConfig::new(ClientId::new("client-id"), ClientSecret::new(SECRET))
        .base_url(BaseUrl::parse(&format!("{}/oauth/v2", server.origin())).expect("base URL"));
    let tokens = TokenSet::new(
        AccessToken::new(OLD),
        SystemTime::now() + Duration::from_secs(10),
    )
    .with_refresh_token(RefreshToken::new(REFRESH), None);
    let mut setup = Setup::new(&server.origin()).auth(Auth::Refreshing {
        oauth: oauth.clone(),
        tokens,
        on_refresh: None,
    });
    setup.oauth = Some(oauth);
    let refreshing = T::build(setup).expect("client");
    refreshing
        .send::<EntityResponse>(Request::get("/ok"))
        .expect("ok after a refresh");
    let _ = refreshing.refresh(&RefreshToken::new(REFRESH));
    let _ = refreshing.introspect(&AccessToken::new(NEW));

    // Errors and Debug output, formatted the way an application would log them.
    let err = client
        .send::<EntityResponse>(Request::get("/denied"))
        .expect_err("a 401");
    tracing::error!(error = %err, debug = ?err, client = ?client, refreshing = ?refreshing, "application log");

    let logs = captured();
    assert!(
        logs.contains("restli.request"),
        "the request spans are captured"
    );
    assert!(
        logs.contains("linkedin.oauth"),
        "the OAuth spans are captured"
    );
    assert!(logs.contains("retrying"), "retries are logged");
    for target in T::STACK_LOG_TARGETS {
        assert!(
            logs.contains(target),
            "the HTTP stack's own logs ({target}) are captured too"
        );
    }
    for secret in [TOKEN, OLD, NEW, REFRESH, SECRET] {
        assert!(!logs.contains(secret), "{secret} leaked into the logs");
    }
    // Every span of these calls carries the documented fields only, and
    // none of them holds a secret or a query value.
    let port = server
        .origin()
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .to_owned();
    let spans: Vec<_> = ["restli.request", "linkedin.oauth"]
        .into_iter()
        .flat_map(closed_spans)
        .filter(|fields| fields.get("server.port") == Some(&port))
        .collect();
    assert!(spans.len() >= 10, "{} spans: {spans:?}", spans.len());
    for fields in &spans {
        assert_eq!(
            fields.get("otel.kind").map(String::as_str),
            Some("\"client\"")
        );
        for (key, value) in fields {
            assert!(SPAN_FIELDS.contains(&key.as_str()), "{key} in {fields:?}");
            for secret in [TOKEN, OLD, NEW, REFRESH, SECRET, QUERY_VALUE] {
                assert!(!value.contains(secret), "{secret} in a span: {fields:?}");
            }
        }
    }
    assert!(server.request_count() >= 8, "{}", server.request_count());
}
