//! The proxy itself: each request forwarded to the upstream (the OAuth
//! upstream for `/oauth/...` when one is set), the answer passed back, and
//! the exchange written, redacted, as a new recording file.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use http::header::{ACCEPT_ENCODING, CONTENT_LENGTH, HOST};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

use super::exchange::{Exchange, redacted};
use super::upstream::{Upstream, send};
use crate::errors::ApiError;
use crate::lock;
use crate::recording::{self, MAX_BODY_SIZE, Recording};
use crate::redact::Redactor;

/// What every proxied request shares.
pub(super) struct Proxy {
    pub(super) upstream: Upstream,
    pub(super) oauth: Option<Upstream>,
    pub(super) tls: Option<tokio_rustls::TlsConnector>,
    pub(super) dir: PathBuf,
    pub(super) next: AtomicU64,
    /// Files in the directory (those found at start and those written).
    pub(super) in_dir: AtomicUsize,
    pub(super) written: AtomicUsize,
    pub(super) max_recordings: usize,
    pub(super) timeout: Duration,
    pub(super) redactor: Mutex<Redactor>,
}

pub(super) fn app(proxy: Arc<Proxy>) -> Router {
    Router::new().fallback(forward).with_state(proxy)
}

/// Headers that belong to one connection, never forwarded (RFC 9110
/// section 7.6.1), and those the proxy sets itself.
fn hop_by_hop(name: &HeaderName) -> bool {
    matches!(
        name.as_str(),
        "connection"
            | "keep-alive"
            | "proxy-connection"
            | "proxy-authenticate"
            | "proxy-authorization"
            | "te"
            | "trailer"
            | "transfer-encoding"
            | "upgrade"
            | "host"
            | "content-length"
            | "accept-encoding"
    )
}

fn proxy_error(status: StatusCode, message: String) -> Response {
    ApiError::new(status, "SANDBOX_RECORDER", message).into_response()
}

async fn forward(State(proxy): State<Arc<Proxy>>, request: Request) -> Response {
    // Reserve a place first, so concurrent requests cannot overshoot.
    if proxy
        .in_dir
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
            (n < proxy.max_recordings).then_some(n + 1)
        })
        .is_err()
    {
        return proxy_error(
            StatusCode::INSUFFICIENT_STORAGE,
            format!(
                "the recorder holds {} recordings in {}, its limit; nothing was forwarded",
                proxy.max_recordings,
                proxy.dir.display()
            ),
        );
    }
    let answer = exchange_and_record(&proxy, request).await;
    if answer.is_err() {
        proxy.in_dir.fetch_sub(1, Ordering::SeqCst);
    }
    answer.unwrap_or_else(|response| response)
}

async fn exchange_and_record(proxy: &Proxy, request: Request) -> Result<Response, Response> {
    let sequence = proxy.next.fetch_add(1, Ordering::SeqCst);
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, MAX_BODY_SIZE)
        .await
        .map_err(|e| {
            proxy_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "cannot read the request body (at most {MAX_BODY_SIZE} bytes are recorded): {e}"
                ),
            )
        })?;
    let path = parts.uri.path().to_owned();
    let query = parts.uri.query().map(str::to_owned);
    let upstream = match &proxy.oauth {
        Some(oauth) if path.starts_with("/oauth/") => oauth,
        _ => &proxy.upstream,
    };
    let mut headers = HeaderMap::new();
    for (name, value) in &parts.headers {
        if !hop_by_hop(name) {
            headers.append(name.clone(), value.clone());
        }
    }
    let host = HeaderValue::from_str(&upstream.authority).map_err(|_| {
        proxy_error(
            StatusCode::BAD_GATEWAY,
            "the upstream's host is not a header value".into(),
        )
    })?;
    headers.insert(HOST, host);
    // Uncompressed answers, so the recordings stay readable.
    headers.insert(ACCEPT_ENCODING, HeaderValue::from_static("identity"));
    let target = match &query {
        Some(query) => format!("{}{path}?{query}", upstream.base_path),
        None => format!("{}{path}", upstream.base_path),
    };
    let mut outgoing = http::Request::builder()
        .method(parts.method.clone())
        .uri(&target)
        .body(Body::from(body.clone()))
        .map_err(|e| {
            proxy_error(
                StatusCode::BAD_REQUEST,
                format!("cannot forward the request: {e}"),
            )
        })?;
    if !body.is_empty() || matches!(parts.method.as_str(), "POST" | "PUT" | "PATCH") {
        headers.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
    }
    *outgoing.headers_mut() = headers.clone();
    let answer = tokio::time::timeout(proxy.timeout, send(upstream, proxy.tls.as_ref(), outgoing))
        .await
        .map_err(|_| {
            proxy_error(
                StatusCode::GATEWAY_TIMEOUT,
                format!(
                    "the upstream {} did not answer within {:?}",
                    upstream.authority, proxy.timeout
                ),
            )
        })?
        .map_err(|message| {
            proxy_error(
                StatusCode::BAD_GATEWAY,
                format!(
                    "cannot reach the upstream {}: {message}",
                    upstream.authority
                ),
            )
        })?;
    let (answer_parts, answer_body) = answer;
    let recording = {
        let mut redactor = lock(&proxy.redactor);
        redacted(
            &mut redactor,
            Exchange {
                method: parts.method.as_str(),
                path: &path,
                query: query.as_deref(),
                request_headers: &headers,
                request_body: &body,
                status: answer_parts.status,
                response_headers: &answer_parts.headers,
                response_body: &answer_body,
            },
        )
    };
    let name = recording::file_name(sequence, &recording.request.method, &recording.request.path);
    let file = proxy.dir.join(name);
    let written = tokio::task::spawn_blocking(move || write_new(&file, &recording))
        .await
        .map_err(|e| e.to_string())
        .and_then(|result| result);
    if let Err(message) = written {
        return Err(proxy_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the upstream answered but the recording could not be written: {message}"),
        ));
    }
    proxy.written.fetch_add(1, Ordering::SeqCst);
    let mut response = Response::new(Body::from(answer_body));
    *response.status_mut() = answer_parts.status;
    for (name, value) in &answer_parts.headers {
        if !hop_by_hop(name) {
            response.headers_mut().append(name.clone(), value.clone());
        }
    }
    Ok(response)
}

/// Writes a new file (never over an existing one) through a temporary file
/// renamed into place, so a replay never reads half a recording.
fn write_new(path: &Path, recording: &Recording) -> Result<(), String> {
    use std::io::Write as _;
    let text = serde_json::to_vec_pretty(recording).map_err(|e| e.to_string())?;
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = PathBuf::from(temporary);
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        file.write_all(&text)?;
        file.write_all(b"\n")?;
        file.sync_all()?;
        if path.exists() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!("{} already exists", path.display()),
            ));
        }
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result.map_err(|e| format!("{}: {e}", path.display()))
}
