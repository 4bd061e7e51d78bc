//! The recording proxy: forwards every request to the upstream and writes
//! each exchange, secrets redacted, as one JSON file (see
//! [`Recorder`]).
//!
//! One request per upstream connection, no pooling: a recorder is a tool
//! for capturing a test's traffic once, not a production proxy. Every
//! exchange is bounded: bodies by [`MAX_BODY_SIZE`], the whole upstream
//! exchange by the [timeout](RecorderBuilder::timeout), the directory by
//! [`MAX_RECORDINGS`].

use std::fmt;
use std::net::SocketAddr;
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

use crate::errors::ApiError;
use crate::listen::Served;
use crate::lock;
use crate::recording::{
    self, FORMAT, MAX_BODY_SIZE, MAX_RECORDINGS, RecordedBody, RecordedRequest, RecordedResponse,
    Recording,
};
use crate::redact::Redactor;

mod upstream;

use upstream::{Upstream, send, tls_connector};

/// The default bound on one upstream exchange (connect, TLS, request and
/// the whole answer).
pub const DEFAULT_UPSTREAM_TIMEOUT: Duration = Duration::from_secs(60);

/// Why a recorder could not start.
///
/// ```
/// let err = linkedin_sandbox::Recorder::builder("http://example.com", "recordings")
///     .spawn()
///     .unwrap_err();
/// assert!(matches!(err, linkedin_sandbox::RecordError::InvalidUpstream { .. }));
/// assert!(err.to_string().contains("loopback"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RecordError {
    /// The upstream URL cannot be used.
    #[error("invalid upstream {url}: {reason}")]
    InvalidUpstream {
        /// The URL, quoted and bounded.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The output directory cannot be created or read.
    #[error("cannot use the output directory {path}: {source}")]
    Directory {
        /// The directory.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// TLS could not be set up.
    #[error("cannot set up TLS for the upstream: {0}")]
    Tls(String),
    /// Binding the port or starting the thread failed.
    #[error("cannot start the recorder: {0}")]
    Io(#[from] std::io::Error),
}

/// A running recording proxy on `127.0.0.1`: point a client at its
/// [`origin`](Recorder::origin) instead of LinkedIn's and every exchange is
/// forwarded and written to the output directory, one JSON file each, with
/// `Authorization`, cookies, tokens, codes and client secrets replaced by
/// `REDACTED` in headers, query strings and bodies, both ways. Stops when
/// dropped. Replay the directory with [`Replay`](crate::Replay).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use linkedin_sandbox::{Recorder, Sandbox};
///
/// let upstream = Sandbox::start().await?; // for LinkedIn: "https://api.linkedin.com"
/// let dir = std::env::temp_dir().join(format!("recorder-doc-{}", std::process::id()));
/// let recorder = Recorder::builder(upstream.origin(), &dir).start().await?;
/// assert!(recorder.origin().starts_with("http://127.0.0.1:"));
/// assert_eq!(recorder.recorded(), 0);
/// # drop(recorder);
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok(())
/// # }
/// ```
pub struct Recorder {
    served: Served,
    origin: String,
    proxy: Arc<Proxy>,
}

impl fmt::Debug for Recorder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recorder")
            .field("origin", &self.origin)
            .field("upstream", &self.proxy.upstream.url.as_str())
            .field("dir", &self.proxy.dir)
            .finish_non_exhaustive()
    }
}

impl Recorder {
    /// Options for a recorder forwarding to `upstream` (`https://...`, or
    /// `http://` to a loopback host) and writing into `dir` (created if
    /// missing; numbering continues after recordings already there).
    ///
    /// ```
    /// let builder = linkedin_sandbox::Recorder::builder("https://api.linkedin.com", "recordings")
    ///     .oauth_upstream("https://www.linkedin.com");
    /// # let _ = builder;
    /// ```
    pub fn builder(upstream: impl Into<String>, dir: impl AsRef<Path>) -> RecorderBuilder {
        RecorderBuilder {
            upstream: upstream.into(),
            oauth_upstream: None,
            dir: dir.as_ref().to_path_buf(),
            port: 0,
            secrets: Vec::new(),
            max_recordings: MAX_RECORDINGS,
            timeout: DEFAULT_UPSTREAM_TIMEOUT,
        }
    }

    /// `http://127.0.0.1:<port>`, where clients send their requests.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("recorder-origin-{}", std::process::id()));
    /// let recorder = linkedin_sandbox::Recorder::builder("http://127.0.0.1:9", &dir).spawn()?;
    /// assert_eq!(recorder.origin(), format!("http://{}", recorder.addr()));
    /// # drop(recorder);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The socket address the recorder listens on.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("recorder-addr-{}", std::process::id()));
    /// let recorder = linkedin_sandbox::Recorder::builder("http://127.0.0.1:9", &dir).spawn()?;
    /// assert!(recorder.addr().ip().is_loopback());
    /// # drop(recorder);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn addr(&self) -> SocketAddr {
        self.served.addr
    }

    /// The directory recordings are written to.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("recorder-dir-{}", std::process::id()));
    /// let recorder = linkedin_sandbox::Recorder::builder("http://127.0.0.1:9", &dir).spawn()?;
    /// assert_eq!(recorder.dir(), dir);
    /// # drop(recorder);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dir(&self) -> &Path {
        &self.proxy.dir
    }

    /// How many exchanges this recorder wrote.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("recorder-count-{}", std::process::id()));
    /// let recorder = linkedin_sandbox::Recorder::builder("http://127.0.0.1:9", &dir).spawn()?;
    /// assert_eq!(recorder.recorded(), 0);
    /// # drop(recorder);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn recorded(&self) -> usize {
        self.proxy.written.load(Ordering::SeqCst)
    }
}

/// Options for a [`Recorder`]; finish with [`start`](RecorderBuilder::start)
/// or [`spawn`](RecorderBuilder::spawn).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use std::time::Duration;
///
/// # let dir = std::env::temp_dir().join(format!("recorder-builder-{}", std::process::id()));
/// let recorder = linkedin_sandbox::Recorder::builder("http://127.0.0.1:9", &dir)
///     .secret("my-client-secret")
///     .max_recordings(100)
///     .timeout(Duration::from_secs(10))
///     .start()
///     .await?;
/// # drop(recorder);
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct RecorderBuilder {
    upstream: String,
    oauth_upstream: Option<String>,
    dir: PathBuf,
    port: u16,
    secrets: Vec<String>,
    max_recordings: usize,
    timeout: Duration,
}

/// Leaves the secrets out.
impl fmt::Debug for RecorderBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecorderBuilder")
            .field("upstream", &self.upstream)
            .field("oauth_upstream", &self.oauth_upstream)
            .field("dir", &self.dir)
            .field("port", &self.port)
            .field("secrets", &self.secrets.len())
            .field("max_recordings", &self.max_recordings)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl RecorderBuilder {
    /// Sends requests under `/oauth/` to this upstream instead (LinkedIn
    /// serves OAuth from `https://www.linkedin.com`, the APIs from
    /// `https://api.linkedin.com`).
    ///
    /// ```
    /// let builder = linkedin_sandbox::Recorder::builder("https://api.linkedin.com", "out")
    ///     .oauth_upstream("https://www.linkedin.com");
    /// # let _ = builder;
    /// ```
    pub fn oauth_upstream(mut self, url: impl Into<String>) -> Self {
        self.oauth_upstream = Some(url.into());
        self
    }

    /// Listens on this port of `127.0.0.1` (default 0: a free port).
    ///
    /// ```
    /// let builder = linkedin_sandbox::Recorder::builder("https://api.linkedin.com", "out").port(0);
    /// # let _ = builder;
    /// ```
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// A value to redact wherever it appears (a client secret or token
    /// known in advance), beyond what is redacted by name. Values of 8
    /// bytes or more are searched for raw and percent-encoded.
    ///
    /// ```
    /// let builder = linkedin_sandbox::Recorder::builder("https://api.linkedin.com", "out")
    ///     .secret(std::env::var("LINKEDIN_CLIENT_SECRET").unwrap_or_default());
    /// # let _ = builder;
    /// ```
    pub fn secret(mut self, secret: impl Into<String>) -> Self {
        self.secrets.push(secret.into());
        self
    }

    /// Stops recording (and forwarding: the answer is a 507) after this
    /// many files in the directory, counting those already there (default
    /// and at most [`MAX_RECORDINGS`]).
    ///
    /// ```
    /// let builder = linkedin_sandbox::Recorder::builder("https://api.linkedin.com", "out")
    ///     .max_recordings(50);
    /// # let _ = builder;
    /// ```
    pub fn max_recordings(mut self, max: usize) -> Self {
        self.max_recordings = max.min(MAX_RECORDINGS);
        self
    }

    /// Bounds each upstream exchange, from connecting to the last byte of
    /// the answer (default [`DEFAULT_UPSTREAM_TIMEOUT`]; zero is taken as
    /// one millisecond).
    ///
    /// ```
    /// let builder = linkedin_sandbox::Recorder::builder("https://api.linkedin.com", "out")
    ///     .timeout(std::time::Duration::from_secs(5));
    /// # let _ = builder;
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout.max(Duration::from_millis(1));
        self
    }

    /// Starts the recorder on the current tokio runtime.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let dir = std::env::temp_dir().join(format!("recorder-start-{}", std::process::id()));
    /// let recorder = linkedin_sandbox::Recorder::builder("http://127.0.0.1:9", &dir).start().await?;
    /// # drop(recorder);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`RecordError::InvalidUpstream`] for an upstream that is neither
    /// `https` nor loopback `http`, [`RecordError::Directory`] when the
    /// directory cannot be created or listed, [`RecordError::Io`] when the
    /// port cannot be bound.
    pub async fn start(self) -> Result<Recorder, RecordError> {
        let proxy = Arc::new(self.proxy()?);
        let served = Served::start(app(Arc::clone(&proxy)), self.port).await?;
        Ok(Recorder {
            origin: format!("http://{}", served.addr),
            served,
            proxy,
        })
    }

    /// Starts the recorder on a thread with its own runtime.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("recorder-spawn-{}", std::process::id()));
    /// let recorder = linkedin_sandbox::Recorder::builder("http://127.0.0.1:9", &dir).spawn()?;
    /// # drop(recorder);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`start`](RecorderBuilder::start), and [`RecordError::Io`]
    /// when the thread or runtime cannot be created.
    pub fn spawn(self) -> Result<Recorder, RecordError> {
        let proxy = Arc::new(self.proxy()?);
        let served = Served::spawn(app(Arc::clone(&proxy)), self.port)?;
        Ok(Recorder {
            origin: format!("http://{}", served.addr),
            served,
            proxy,
        })
    }

    fn proxy(&self) -> Result<Proxy, RecordError> {
        let upstream = Upstream::parse(&self.upstream)?;
        let oauth = self
            .oauth_upstream
            .as_deref()
            .map(Upstream::parse)
            .transpose()?;
        let tls = if upstream.tls || oauth.as_ref().is_some_and(|o| o.tls) {
            Some(tls_connector()?)
        } else {
            None
        };
        let directory = |source| RecordError::Directory {
            path: self.dir.clone(),
            source,
        };
        std::fs::create_dir_all(&self.dir).map_err(directory)?;
        let existing = recording::list(&self.dir).map_err(directory)?;
        let next = existing
            .iter()
            .filter_map(|(path, _)| recording::sequence_of(path.file_name()?.to_str()?))
            .max()
            .map_or(1, |last| last.saturating_add(1));
        Ok(Proxy {
            upstream,
            oauth,
            tls,
            dir: self.dir.clone(),
            next: AtomicU64::new(next),
            in_dir: AtomicUsize::new(existing.len()),
            written: AtomicUsize::new(0),
            max_recordings: self.max_recordings,
            timeout: self.timeout,
            redactor: Mutex::new(Redactor::with_secrets(self.secrets.clone())),
        })
    }
}

/// What every proxied request shares.
struct Proxy {
    upstream: Upstream,
    oauth: Option<Upstream>,
    tls: Option<tokio_rustls::TlsConnector>,
    dir: PathBuf,
    next: AtomicU64,
    /// Files in the directory (those found at start and those written).
    in_dir: AtomicUsize,
    written: AtomicUsize,
    max_recordings: usize,
    timeout: Duration,
    redactor: Mutex<Redactor>,
}

fn app(proxy: Arc<Proxy>) -> Router {
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

/// The parts of one exchange, as seen by the proxy.
pub(crate) struct Exchange<'a> {
    pub(crate) method: &'a str,
    pub(crate) path: &'a str,
    pub(crate) query: Option<&'a str>,
    pub(crate) request_headers: &'a HeaderMap,
    pub(crate) request_body: &'a [u8],
    pub(crate) status: StatusCode,
    pub(crate) response_headers: &'a HeaderMap,
    pub(crate) response_body: &'a [u8],
}

/// The recording of an exchange with every secret taken out: first by name
/// everywhere (learning the values), then by value everywhere.
pub(crate) fn redacted(redactor: &mut Redactor, exchange: Exchange<'_>) -> Recording {
    let mut request_headers = headers_by_name(redactor, exchange.request_headers);
    let mut query = exchange.query.map(|q| redactor.query_by_name(q));
    let mut request_body = body_by_name(redactor, exchange.request_headers, exchange.request_body);
    let mut response_headers = headers_by_name(redactor, exchange.response_headers);
    let mut response_body =
        body_by_name(redactor, exchange.response_headers, exchange.response_body);
    // Pass 2, with everything learned from both halves.
    let path = redactor.text_by_value(exchange.path);
    for value in request_headers
        .values_mut()
        .chain(response_headers.values_mut())
    {
        *value = redactor.text_by_value(value);
    }
    if let Some(query) = &mut query {
        *query = redactor.text_by_value(query);
    }
    for body in [&mut request_body, &mut response_body] {
        if let Some(value) = &mut body.body {
            redactor.json_by_value(value);
        }
        if let Some(text) = &mut body.body_text {
            *text = redactor.text_by_value(text);
        }
    }
    Recording {
        linkedin_sandbox_recording: FORMAT,
        request: RecordedRequest {
            method: exchange.method.to_owned(),
            path,
            query,
            headers: request_headers,
            body: request_body,
        },
        response: RecordedResponse {
            status: exchange.status.as_u16(),
            headers: response_headers,
            body: response_body,
        },
    }
}

fn headers_by_name(
    redactor: &mut Redactor,
    headers: &HeaderMap,
) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::<String, String>::new();
    for (name, value) in headers {
        if matches!(
            name.as_str(),
            "content-length" | "transfer-encoding" | "connection"
        ) {
            continue;
        }
        let text = String::from_utf8_lossy(value.as_bytes());
        let text = redactor.header_by_name(name.as_str(), &text);
        out.entry(name.as_str().to_owned())
            .and_modify(|joined| {
                joined.push_str(", ");
                joined.push_str(&text);
            })
            .or_insert(text);
    }
    out
}

/// A body redacted by name: JSON members, form parameters; other text and
/// binary bodies only by value (pass 2).
pub(crate) fn body_by_name(
    redactor: &mut Redactor,
    headers: &HeaderMap,
    bytes: &[u8],
) -> RecordedBody {
    let mut body = RecordedBody::from_bytes(bytes);
    if let Some(value) = &mut body.body {
        redactor.json_by_name(value);
    } else if let Some(text) = &mut body.body_text {
        let form = headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.to_ascii_lowercase().contains("x-www-form-urlencoded"));
        let looks_like_form = !text.contains(char::is_whitespace) && text.contains('=');
        if form || looks_like_form {
            *text = redactor.query_by_name(text);
        }
    }
    body
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upstreams_are_https_or_loopback_http() {
        for ok in [
            "https://api.linkedin.com",
            "https://www.linkedin.com/",
            "http://127.0.0.1:8080",
            "http://localhost:1/base/",
            "http://[::1]:9",
        ] {
            assert!(Upstream::parse(ok).is_ok(), "{ok}");
        }
        for refused in [
            "http://api.linkedin.com",
            "http://10.0.0.1",
            "ftp://127.0.0.1",
            "https://user:pw@api.linkedin.com",
            "https://api.linkedin.com/?a=b",
            "not a url",
        ] {
            assert!(
                matches!(
                    Upstream::parse(refused),
                    Err(RecordError::InvalidUpstream { .. })
                ),
                "{refused}"
            );
        }
        let upstream = Upstream::parse("http://localhost:1/base/").unwrap();
        assert_eq!(upstream.base_path, "/base");
        assert_eq!(upstream.authority, "localhost:1");
        assert_eq!(
            upstream.loopback_addr(),
            Some("127.0.0.1:1".parse().unwrap())
        );
        let https = Upstream::parse("https://api.linkedin.com").unwrap();
        assert_eq!(
            (https.port, https.tls, https.authority.as_str()),
            (443, true, "api.linkedin.com")
        );
    }

    #[test]
    fn the_tls_config_builds() {
        assert!(tls_connector().is_ok());
    }

    #[test]
    fn an_exchange_is_redacted_in_every_part() {
        let secrets = [
            "client-secret-1",
            "auth-code-22",
            "access-tok-333",
            "refresh-tok-4444",
        ];
        let mut request_headers = HeaderMap::new();
        request_headers.insert(
            "authorization",
            HeaderValue::from_static("Basic Y2xpZW50OnNlY3JldA=="),
        );
        request_headers.insert(
            "cookie",
            HeaderValue::from_static("li_at=cookie-value-55555"),
        );
        request_headers.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        let mut response_headers = HeaderMap::new();
        response_headers.insert(
            "set-cookie",
            HeaderValue::from_static("bcookie=\"v=2&x\"; Path=/"),
        );
        response_headers.insert(
            "location",
            HeaderValue::from_static("https://app.example/cb?code=auth-code-22&state=st"),
        );
        let request_body =
            b"grant_type=authorization_code&code=auth-code-22&client_secret=client-secret-1";
        let response_body =
            br#"{"access_token":"access-tok-333","refresh_token":"refresh-tok-4444","note":"client-secret-1"}"#;
        let mut redactor = Redactor::default();
        let recording = redacted(
            &mut redactor,
            Exchange {
                method: "POST",
                path: "/oauth/v2/accessToken",
                query: Some("oauth2_access_token=access-tok-333&x=auth-code-22"),
                request_headers: &request_headers,
                request_body,
                status: StatusCode::OK,
                response_headers: &response_headers,
                response_body,
            },
        );
        let text = serde_json::to_string(&recording).unwrap();
        for secret in secrets
            .iter()
            .chain(&["cookie-value-55555", "Y2xpZW50OnNlY3JldA", "bcookie"])
        {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert_eq!(recording.request.headers["authorization"], "Basic REDACTED");
        assert_eq!(
            recording.request.query.as_deref(),
            Some("oauth2_access_token=REDACTED&x=REDACTED")
        );
        assert_eq!(
            recording.request.body.body_text.as_deref(),
            Some("grant_type=authorization_code&code=REDACTED&client_secret=REDACTED")
        );
        assert_eq!(
            recording.response.body.body.as_ref().unwrap()["note"],
            "REDACTED"
        );
    }
}
