//! The recording proxy: forwards every request to the upstream and writes
//! each exchange, secrets redacted, as one JSON file (see
//! [`Recorder`]).
//!
//! One request per upstream connection, no pooling: a recorder is a tool
//! for capturing a test's traffic once, not a production proxy. Every
//! exchange is bounded: bodies by [`MAX_BODY_SIZE`], the whole upstream
//! exchange by the [timeout](RecorderBuilder::timeout), the directory by
//! [`MAX_RECORDINGS`].
//!
//! Here the handle ([`Recorder`]) and its options ([`RecorderBuilder`]);
//! `proxy.rs` forwards and writes, `exchange.rs` redacts an exchange into a
//! recording, `upstream.rs` connects to the upstream.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::listen::Served;
use crate::recording::{self, MAX_RECORDINGS};
use crate::redact::Redactor;

mod exchange;
mod proxy;
mod upstream;

pub(crate) use exchange::body_by_name;
use proxy::{Proxy, app};
use upstream::{Upstream, tls_connector};

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
