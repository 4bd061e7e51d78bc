//! Answering from recordings (see [`Replay`]).
//!
//! A request matches a recording when, after the same redaction the
//! recorder applies (so live secrets match the recorded `REDACTED`) and
//! after undoing query tunneling, these are equal:
//!
//! * the method;
//! * the path, segment by segment, each decoded as a Rest.li value and
//!   compared decoded (`urn%3Ali%3Aperson%3A1` and `urn:li:person:1` alike,
//!   `(b:2,a:1)` and `(a:1,b:2)` alike);
//! * the query: the set of parameters, each value decoded with
//!   `restli-codec` (order of parameters, of record fields and needless
//!   percent-escapes do not matter; projections compared as parsed masks);
//! * the body: JSON compared as values, forms as sorted decoded pairs,
//!   anything else byte for byte.
//!
//! Headers are not compared (they hold the tokens, dates and request ids).
//! Recordings that match the same request are served in the order they
//! were recorded, the last one again once all were used, so a sequence
//! such as "GET, UPDATE, GET" replays as it happened.
//!
//! The value encoding follows Rest.li's protocol 2.0
//! (github.com/linkedin/rest.li,
//! `restli-common/src/main/java/com/linkedin/restli/internal/common/URIParamUtils.java`)
//! and tunneling follows
//! <https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/query-tunneling>.

use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde_json::{Value, json};

use crate::errors::{ApiError, excerpt};
use crate::listen::Served;
use crate::lock;
use crate::recording::{
    self, FORMAT, MAX_BODY_SIZE, MAX_RECORDING_FILE_SIZE, MAX_TOTAL_BYTES, Recording,
};
use crate::redact::Redactor;

mod matching;

use matching::{Key, compare, key_of};

/// How many near misses a 404 names.
const CLOSEST: usize = 3;

/// Why recordings could not be loaded or served.
///
/// ```
/// let err = linkedin_sandbox::Replay::load("/no/such/recordings").unwrap_err();
/// assert!(matches!(err, linkedin_sandbox::ReplayError::Directory { .. }));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReplayError {
    /// The directory cannot be listed, or holds too many recordings.
    #[error("cannot read the recordings in {path}: {source}")]
    Directory {
        /// The directory.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// The directory holds no recording (`NNNNNN-*.json`) at all.
    #[error("{path} holds no recordings (files named like 000001-GET-rest_me.json)")]
    Empty {
        /// The directory.
        path: PathBuf,
    },
    /// A file, or all of them together, is over the size bound.
    #[error("{file}: {size} bytes is over the limit of {limit} bytes")]
    TooLarge {
        /// The file that went over.
        file: PathBuf,
        /// Its size (or the running total).
        size: u64,
        /// The bound.
        limit: u64,
    },
    /// A file is not a recording.
    #[error("{file} is not a recording: {reason}")]
    Invalid {
        /// The file.
        file: PathBuf,
        /// What is wrong with it (bounded).
        reason: String,
    },
    /// Binding the port or starting the thread failed.
    #[error("cannot start the replay server: {0}")]
    Io(#[from] std::io::Error),
}

/// The recordings of a directory, ready to answer requests that match them
/// (see the [module docs](crate#record-and-replay) for what "match" means);
/// anything else gets a 404 naming the closest recordings and how they
/// differ.
///
/// Serve it with [`start`](Replay::start) / [`spawn`](Replay::spawn) (or
/// [`Sandbox::replay`](crate::Sandbox::replay)), or call
/// [`answer`](Replay::answer) directly.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use linkedin_sandbox::Replay;
///
/// let dir = std::env::temp_dir().join(format!("replay-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// std::fs::write(dir.join("000001-GET-v2_me.json"), r#"{
///   "linkedinSandboxRecording": 1,
///   "request": {"method": "GET", "path": "/v2/me", "query": "fields=id,localizedFirstName"},
///   "response": {"status": 200, "headers": {"content-type": "application/json"},
///                "body": {"id": "abc", "localizedFirstName": "Sandra"}}
/// }"#)?;
/// let replay = Replay::load(&dir)?;
///
/// let same = http::Request::get("/v2/me?fields=localizedFirstName,id").body(Vec::new())?;
/// let answer = replay.answer(&same);
/// assert_eq!(answer.status(), 200);
/// assert_eq!(answer.headers()["content-type"], "application/json");
///
/// let other = http::Request::get("/v2/me?fields=id").body(Vec::new())?;
/// let miss = replay.answer(&other);
/// assert_eq!(miss.status(), 404);
/// assert!(String::from_utf8(miss.into_body())?.contains("000001-GET-v2_me.json"));
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok(())
/// # }
/// ```
pub struct Replay {
    dir: PathBuf,
    entries: Vec<Entry>,
    /// Which entries were served (the cursor of each sequence).
    used: Mutex<Vec<bool>>,
    /// Learns the live requests' secrets, as the recorder did.
    redactor: Mutex<Redactor>,
}

impl fmt::Debug for Replay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Replay")
            .field("dir", &self.dir)
            .field("recordings", &self.entries.len())
            .finish_non_exhaustive()
    }
}

/// One loaded recording.
#[derive(Debug)]
struct Entry {
    file: String,
    key: Key,
    /// `METHOD path?query` as recorded, for messages.
    summary: String,
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Replay {
    /// Loads every recording of `dir` (files `NNNNNN-*.json`, in name
    /// order), checking each: at most
    /// [`MAX_RECORDINGS`](crate::MAX_RECORDINGS) files of at most
    /// [`MAX_RECORDING_FILE_SIZE`](crate::MAX_RECORDING_FILE_SIZE) bytes,
    /// 512 MiB in all.
    ///
    /// ```
    /// let err = linkedin_sandbox::Replay::load(std::env::temp_dir().join("no-such-dir-xyz"));
    /// assert!(err.is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// [`ReplayError::Directory`], [`ReplayError::Empty`],
    /// [`ReplayError::TooLarge`] or [`ReplayError::Invalid`] (with the file).
    pub fn load(dir: impl AsRef<Path>) -> Result<Replay, ReplayError> {
        let dir = dir.as_ref().to_path_buf();
        let files = recording::list(&dir).map_err(|source| ReplayError::Directory {
            path: dir.clone(),
            source,
        })?;
        if files.is_empty() {
            return Err(ReplayError::Empty { path: dir });
        }
        let mut total = 0u64;
        let mut entries = Vec::with_capacity(files.len());
        for (file, size) in files {
            if size > MAX_RECORDING_FILE_SIZE {
                return Err(ReplayError::TooLarge {
                    file,
                    size,
                    limit: MAX_RECORDING_FILE_SIZE,
                });
            }
            total = total.saturating_add(size);
            if total > MAX_TOTAL_BYTES {
                return Err(ReplayError::TooLarge {
                    file,
                    size: total,
                    limit: MAX_TOTAL_BYTES,
                });
            }
            entries.push(load_entry(&file)?);
        }
        Ok(Replay {
            dir,
            used: Mutex::new(vec![false; entries.len()]),
            entries,
            redactor: Mutex::new(Redactor::default()),
        })
    }

    /// How many recordings were loaded.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("replay-len-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # std::fs::write(dir.join("000001-GET-x.json"), r#"{"linkedinSandboxRecording":1,
    /// #   "request":{"method":"GET","path":"/x"},"response":{"status":204}}"#)?;
    /// let replay = linkedin_sandbox::Replay::load(&dir)?;
    /// assert_eq!(replay.len(), 1);
    /// assert!(!replay.is_empty());
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no recording was loaded (never true for a loaded replay).
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("replay-empty-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # std::fs::write(dir.join("000001-GET-x.json"), r#"{"linkedinSandboxRecording":1,
    /// #   "request":{"method":"GET","path":"/x"},"response":{"status":204}}"#)?;
    /// assert!(!linkedin_sandbox::Replay::load(&dir)?.is_empty());
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The file names of the recordings no request has matched yet, in
    /// order: what a test expected to happen but did not.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("replay-unused-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # std::fs::write(dir.join("000001-GET-x.json"), r#"{"linkedinSandboxRecording":1,
    /// #   "request":{"method":"GET","path":"/x"},"response":{"status":204}}"#)?;
    /// let replay = linkedin_sandbox::Replay::load(&dir)?;
    /// assert_eq!(replay.unused(), ["000001-GET-x.json"]);
    /// replay.answer(&http::Request::get("/x").body(Vec::new())?);
    /// assert!(replay.unused().is_empty());
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn unused(&self) -> Vec<String> {
        let used = lock(&self.used);
        self.entries
            .iter()
            .zip(used.iter())
            .filter(|(_, used)| !**used)
            .map(|(entry, _)| entry.file.clone())
            .collect()
    }

    /// The recorded answer to `request` (its URI a path and query, or a
    /// whole URL), or a 404 naming the closest recordings.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("replay-answer-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # std::fs::write(dir.join("000001-GET-x.json"), r#"{"linkedinSandboxRecording":1,
    /// #   "request":{"method":"GET","path":"/x","query":"q=a"},"response":{"status":204}}"#)?;
    /// let replay = linkedin_sandbox::Replay::load(&dir)?;
    /// let answer = replay.answer(&http::Request::get("http://127.0.0.1/x?q=%61").body(Vec::new())?);
    /// assert_eq!(answer.status(), 204);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn answer(&self, request: &http::Request<Vec<u8>>) -> http::Response<Vec<u8>> {
        let key = {
            let mut redactor = lock(&self.redactor);
            key_of(
                &mut redactor,
                request.method().as_str(),
                request.uri().path(),
                request.uri().query(),
                request.headers(),
                request.body(),
            )
        };
        let chosen = {
            let mut used = lock(&self.used);
            let matching: Vec<usize> = self
                .entries
                .iter()
                .enumerate()
                .filter(|(_, entry)| entry.key == key)
                .map(|(i, _)| i)
                .collect();
            let next = matching
                .iter()
                .copied()
                .find(|&i| used.get(i).is_some_and(|u| !*u))
                .or_else(|| matching.last().copied());
            if let Some(slot) = next.and_then(|i| used.get_mut(i)) {
                *slot = true;
            }
            next
        };
        match chosen.and_then(|i| self.entries.get(i)) {
            Some(entry) => {
                let mut response = http::Response::new(entry.body.clone());
                *response.status_mut() = entry.status;
                *response.headers_mut() = entry.headers.clone();
                response
            }
            None => self.no_match(request, &key),
        }
    }

    /// The 404: LinkedIn's error shape, the request, and the closest
    /// recordings with what differs.
    fn no_match(&self, request: &http::Request<Vec<u8>>, key: &Key) -> http::Response<Vec<u8>> {
        let mut scored: Vec<(u32, &Entry, Vec<String>)> = self
            .entries
            .iter()
            .map(|entry| {
                let (score, differences) = compare(&entry.key, key);
                (score, entry, differences)
            })
            .collect();
        scored.sort_by_key(|(score, _, _)| *score);
        let closest: Vec<&(u32, &Entry, Vec<String>)> = scored.iter().take(CLOSEST).collect();
        // Redacted as recordings are: the 404 never echoes a secret.
        let target = {
            let mut redactor = lock(&self.redactor);
            let path = redactor.text_by_value(request.uri().path());
            match request.uri().query() {
                Some(query) => {
                    let query = redactor.query_by_name(query);
                    format!("{path}?{}", redactor.text_by_value(&query))
                }
                None => path,
            }
        };
        let names: Vec<String> = closest
            .iter()
            .map(|(_, entry, differences)| format!("{} ({})", entry.file, differences.join("; ")))
            .collect();
        let message = format!(
            "no recording in {} matches {} {} (method, path, decoded query and body are compared); closest: {}",
            self.dir.display(),
            request.method(),
            excerpt(&target),
            names.join(", ")
        );
        let error = ApiError::not_found(message);
        let mut body = error.body();
        if let Value::Object(members) = &mut body {
            members.insert(
                "closestRecordings".into(),
                Value::Array(
                    closest
                        .iter()
                        .map(|(_, entry, differences)| {
                            json!({
                                "file": entry.file,
                                "request": entry.summary,
                                "differences": differences,
                            })
                        })
                        .collect(),
                ),
            );
        }
        let mut response = http::Response::new(serde_json::to_vec(&body).unwrap_or_default());
        *response.status_mut() = StatusCode::NOT_FOUND;
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response.headers_mut().insert(
            restli_codec::header::ERROR_RESPONSE,
            HeaderValue::from_static("true"),
        );
        response
    }

    /// Serves the recordings on `127.0.0.1` (a free port) on the current
    /// tokio runtime.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let dir = std::env::temp_dir().join(format!("replay-start-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # std::fs::write(dir.join("000001-GET-x.json"), r#"{"linkedinSandboxRecording":1,
    /// #   "request":{"method":"GET","path":"/x"},"response":{"status":204}}"#)?;
    /// let server = linkedin_sandbox::Replay::load(&dir)?.start().await?;
    /// assert!(server.origin().starts_with("http://127.0.0.1:"));
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`ReplayError::Io`] when no port can be bound.
    pub async fn start(self) -> Result<ReplayServer, ReplayError> {
        self.start_on(0).await
    }

    /// [`start`](Replay::start) on a given port (0: a free one).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let dir = std::env::temp_dir().join(format!("replay-port-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # std::fs::write(dir.join("000001-GET-x.json"), r#"{"linkedinSandboxRecording":1,
    /// #   "request":{"method":"GET","path":"/x"},"response":{"status":204}}"#)?;
    /// let server = linkedin_sandbox::Replay::load(&dir)?.start_on(0).await?;
    /// # let _ = server;
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`ReplayError::Io`] when the port cannot be bound.
    pub async fn start_on(self, port: u16) -> Result<ReplayServer, ReplayError> {
        let replay = Arc::new(self);
        let served = Served::start(app(Arc::clone(&replay)), port).await?;
        Ok(ReplayServer::new(served, replay))
    }

    /// Serves the recordings on a thread with its own runtime, for blocking
    /// clients.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("replay-spawn-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # std::fs::write(dir.join("000001-GET-x.json"), r#"{"linkedinSandboxRecording":1,
    /// #   "request":{"method":"GET","path":"/x"},"response":{"status":204}}"#)?;
    /// let server = linkedin_sandbox::Replay::load(&dir)?.spawn()?;
    /// assert!(server.addr().ip().is_loopback());
    /// # drop(server);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ReplayError::Io`] when no port can be bound or the thread cannot
    /// start.
    pub fn spawn(self) -> Result<ReplayServer, ReplayError> {
        let replay = Arc::new(self);
        let served = Served::spawn(app(Arc::clone(&replay)), 0)?;
        Ok(ReplayServer::new(served, replay))
    }
}

/// A running replay on `127.0.0.1`; stops when dropped.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let dir = std::env::temp_dir().join(format!("replay-server-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir)?;
/// # std::fs::write(dir.join("000001-GET-x.json"), r#"{"linkedinSandboxRecording":1,
/// #   "request":{"method":"GET","path":"/x"},"response":{"status":204}}"#)?;
/// let server = linkedin_sandbox::Sandbox::replay(&dir).await?;
/// assert_eq!(server.replay().len(), 1);
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct ReplayServer {
    served: Served,
    origin: String,
    replay: Arc<Replay>,
}

impl ReplayServer {
    fn new(served: Served, replay: Arc<Replay>) -> Self {
        ReplayServer {
            origin: format!("http://{}", served.addr),
            served,
            replay,
        }
    }

    /// `http://127.0.0.1:<port>`: the origin to point a client at (its
    /// `/rest`, `/v2` and `/oauth/v2` are whatever was recorded).
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("replay-origin-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # std::fs::write(dir.join("000001-GET-x.json"), r#"{"linkedinSandboxRecording":1,
    /// #   "request":{"method":"GET","path":"/x"},"response":{"status":204}}"#)?;
    /// let server = linkedin_sandbox::Replay::load(&dir)?.spawn()?;
    /// assert_eq!(server.origin(), format!("http://{}", server.addr()));
    /// # drop(server);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The socket address it listens on.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("replay-addr-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # std::fs::write(dir.join("000001-GET-x.json"), r#"{"linkedinSandboxRecording":1,
    /// #   "request":{"method":"GET","path":"/x"},"response":{"status":204}}"#)?;
    /// let server = linkedin_sandbox::Replay::load(&dir)?.spawn()?;
    /// assert!(server.addr().port() > 0);
    /// # drop(server);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn addr(&self) -> SocketAddr {
        self.served.addr
    }

    /// The recordings being served (to ask which were [unused](Replay::unused)).
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("replay-inner-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # std::fs::write(dir.join("000001-GET-x.json"), r#"{"linkedinSandboxRecording":1,
    /// #   "request":{"method":"GET","path":"/x"},"response":{"status":204}}"#)?;
    /// let server = linkedin_sandbox::Replay::load(&dir)?.spawn()?;
    /// assert_eq!(server.replay().unused().len(), 1);
    /// # drop(server);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn replay(&self) -> &Replay {
        &self.replay
    }
}

fn app(replay: Arc<Replay>) -> Router {
    Router::new().fallback(serve).with_state(replay)
}

async fn serve(State(replay): State<Arc<Replay>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = match axum::body::to_bytes(body, MAX_BODY_SIZE).await {
        Ok(body) => body,
        Err(e) => {
            return ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "SANDBOX_REPLAY",
                format!("cannot read the request body (at most {MAX_BODY_SIZE} bytes): {e}"),
            )
            .into_response();
        }
    };
    let request = http::Request::from_parts(parts, body.to_vec());
    replay.answer(&request).map(Body::from).into_response()
}

fn load_entry(file: &Path) -> Result<Entry, ReplayError> {
    let invalid = |reason: String| ReplayError::Invalid {
        file: file.to_path_buf(),
        reason,
    };
    let bytes = std::fs::read(file).map_err(|e| invalid(e.to_string()))?;
    let recording: Recording =
        serde_json::from_slice(&bytes).map_err(|e| invalid(e.to_string()))?;
    if recording.linkedin_sandbox_recording != FORMAT {
        return Err(invalid(format!(
            "format {} is not {FORMAT}, the one this sandbox reads",
            recording.linkedin_sandbox_recording
        )));
    }
    let request = &recording.request;
    if http::Method::from_bytes(request.method.as_bytes()).is_err() {
        return Err(invalid(format!(
            "{} is not a method",
            excerpt(&request.method)
        )));
    }
    if !request.path.starts_with('/') {
        return Err(invalid(format!(
            "the path {} does not start with /",
            excerpt(&request.path)
        )));
    }
    let status = StatusCode::from_u16(recording.response.status)
        .map_err(|_| invalid(format!("{} is not a status", recording.response.status)))?;
    let request_headers = header_map(&request.headers);
    let request_body = request
        .body
        .to_bytes()
        .map_err(|e| invalid(format!("request: {e}")))?;
    let body = recording
        .response
        .body
        .to_bytes()
        .map_err(|e| invalid(format!("response: {e}")))?;
    let mut headers = header_map(&recording.response.headers);
    for name in [
        http::header::CONTENT_LENGTH,
        http::header::TRANSFER_ENCODING,
        http::header::CONNECTION,
    ] {
        headers.remove(name);
    }
    // A fresh redactor: recordings hold no secrets to learn.
    let key = key_of(
        &mut Redactor::default(),
        &request.method,
        &request.path,
        request.query.as_deref(),
        &request_headers,
        &request_body,
    );
    let summary = match &request.query {
        Some(query) => format!("{} {}?{query}", request.method, request.path),
        None => format!("{} {}", request.method, request.path),
    };
    Ok(Entry {
        file: file
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default(),
        key,
        summary: excerpt(&summary),
        status,
        headers,
        body,
    })
}

/// Recorded headers back as a map; names or values that are not valid
/// headers are left out (a hand-edited file, say).
fn header_map(headers: &BTreeMap<String, String>) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            map.append(name, value);
        }
    }
    map
}
