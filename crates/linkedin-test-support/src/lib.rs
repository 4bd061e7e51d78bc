//! A hostile HTTP/1.1 server on a loopback socket, for the transports'
//! integration tests (`linkedin-reqwest` and `linkedin-ureq` both use it,
//! so both face the same misbehaviour).
//!
//! Each request is answered by a [`Script`]: a list of byte-level
//! [`Step`]s (write these bytes, sleep, close, write forever, hang), so the
//! server can announce 1 GB and send 10 bytes, stream an endless chunked
//! body, drip its headers, close in the middle of a body or answer in
//! HTTP/1.0. It records every request it reads. It binds `127.0.0.1:0`,
//! and stops when dropped or after [`LIFETIME`], whatever the test does;
//! every loop in it is bounded by that lifetime.
//!
//! ```
//! use linkedin_test_support::{HostileServer, Script};
//!
//! let server = HostileServer::start(|_request, _index| Script::respond(204, &[], b""));
//! assert!(server.origin().starts_with("http://127.0.0.1:"));
//! assert_eq!(server.request_count(), 0);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod child;
pub mod documented;
pub mod leaks;
pub mod ratio;

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// The longest a server lives, whatever happens to the test.
pub const LIFETIME: Duration = Duration::from_secs(90);

/// The largest request head or body the server reads (a request larger
/// than this is a bug in the client under test).
const MAX_REQUEST: usize = 4 * 1024 * 1024;

/// A request as the server read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The request method (`GET`, `DELETE`, ...).
    pub method: String,
    /// The request target, as sent (`/v2/me?x=1`).
    pub target: String,
    /// The headers, names lower-cased, in order.
    pub headers: Vec<(String, String)>,
    /// The body (by `Content-Length`).
    pub body: Vec<u8>,
}

impl Recorded {
    /// The first header of this name (any case).
    ///
    /// ```
    /// let r = linkedin_test_support::Recorded {
    ///     method: "GET".into(), target: "/".into(),
    ///     headers: vec![("authorization".into(), "Bearer t".into())], body: vec![],
    /// };
    /// assert_eq!(r.header("Authorization"), Some("Bearer t"));
    /// ```
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The raw (not percent-decoded) value of the first query parameter of
    /// this name.
    ///
    /// ```
    /// let r = linkedin_test_support::Recorded {
    ///     method: "GET".into(), target: "/x?q=search&pageSize=5".into(), headers: vec![], body: vec![],
    /// };
    /// assert_eq!(r.param("pageSize").as_deref(), Some("5"));
    /// assert_eq!(r.param("start"), None);
    /// ```
    pub fn param(&self, name: &str) -> Option<String> {
        let (_, query) = self.target.split_once('?')?;
        query
            .split('&')
            .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_owned())
    }

    /// The target without its query.
    ///
    /// ```
    /// let r = linkedin_test_support::Recorded {
    ///     method: "GET".into(), target: "/v2/me?a=1".into(), headers: vec![], body: vec![],
    /// };
    /// assert_eq!(r.path(), "/v2/me");
    /// ```
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }
}

/// One thing the server does while answering.
#[derive(Debug, Clone)]
pub enum Step {
    /// Write these bytes.
    Write(Vec<u8>),
    /// Write these bytes one at a time, sleeping this long before each.
    Drip(Vec<u8>, Duration),
    /// Sleep.
    Sleep(Duration),
    /// Write this chunk again and again until the client goes away (or the
    /// server's lifetime ends).
    Forever(Vec<u8>),
    /// Keep the connection open, writing nothing, until the client goes
    /// away or the server stops.
    Hang,
    /// Close the connection (both directions).
    Close,
}

/// How the server answers one request: [`Step`]s in order. After the last
/// step the connection is kept for the next request unless a step closed
/// it.
#[derive(Debug, Clone)]
pub struct Script(pub Vec<Step>);

impl Script {
    /// A complete HTTP/1.1 response with a `Content-Length`.
    ///
    /// ```
    /// let script = linkedin_test_support::Script::respond(503, &[("retry-after", "0")], b"");
    /// # let _ = script;
    /// ```
    pub fn respond(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Script {
        let mut bytes = head("HTTP/1.1", status, headers);
        bytes.extend_from_slice(format!("content-length: {}\r\n\r\n", body.len()).as_bytes());
        bytes.extend_from_slice(body);
        Script(vec![Step::Write(bytes)])
    }

    /// A JSON response.
    ///
    /// ```
    /// let script = linkedin_test_support::Script::json(200, r#"{"id":1}"#);
    /// # let _ = script;
    /// ```
    pub fn json(status: u16, body: &str) -> Script {
        Script::respond(
            status,
            &[("content-type", "application/json")],
            body.as_bytes(),
        )
    }

    /// LinkedIn's answer once a daily rate limit is spent: 429 with
    /// `serviceErrorCode` 101 and no `Retry-After`
    /// (<https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits>;
    /// the body's shape is LinkedIn's error body, the message as LinkedIn
    /// words it for an application's daily limit).
    ///
    /// ```
    /// let script = linkedin_test_support::Script::daily_rate_limit("Sat, 01 Jun 2024 13:20:00 GMT");
    /// # let _ = script;
    /// ```
    pub fn daily_rate_limit(date: &str) -> Script {
        Script::respond(
            429,
            &[
                ("content-type", "application/json"),
                ("x-restli-error-response", "true"),
                ("date", date),
            ],
            DAILY_LIMIT_BODY.as_bytes(),
        )
    }

    /// Headers announcing `announced` body bytes, then `sent` bytes, then
    /// the connection is closed.
    ///
    /// ```
    /// let script = linkedin_test_support::Script::close_mid_body(200, 100, b"{\"id\":");
    /// # let _ = script;
    /// ```
    pub fn close_mid_body(status: u16, announced: u64, sent: &[u8]) -> Script {
        let mut bytes = head("HTTP/1.1", status, &[("content-type", "application/json")]);
        bytes.extend_from_slice(format!("content-length: {announced}\r\n\r\n").as_bytes());
        bytes.extend_from_slice(sent);
        Script(vec![Step::Write(bytes), Step::Close])
    }

    /// A 200 announcing a 1 GB body, then a few bytes, then silence.
    ///
    /// ```
    /// let script = linkedin_test_support::Script::gigabyte_announced();
    /// # let _ = script;
    /// ```
    pub fn gigabyte_announced() -> Script {
        let mut bytes = head("HTTP/1.1", 200, &[("content-type", "application/json")]);
        bytes.extend_from_slice(b"content-length: 1000000000\r\n\r\n{\"a\":\"");
        Script(vec![Step::Write(bytes), Step::Hang])
    }

    /// A 200 with a chunked body that never ends.
    ///
    /// ```
    /// let script = linkedin_test_support::Script::endless_chunked();
    /// # let _ = script;
    /// ```
    pub fn endless_chunked() -> Script {
        let mut bytes = head("HTTP/1.1", 200, &[("content-type", "application/json")]);
        bytes.extend_from_slice(b"transfer-encoding: chunked\r\n\r\n");
        let chunk = vec![b'x'; 64 * 1024];
        let mut framed = format!("{:x}\r\n", chunk.len()).into_bytes();
        framed.extend_from_slice(&chunk);
        framed.extend_from_slice(b"\r\n");
        Script(vec![Step::Write(bytes), Step::Forever(framed)])
    }

    /// The status line and headers of a 200 dripped one byte per `delay`.
    ///
    /// ```
    /// let script = linkedin_test_support::Script::slow_headers(std::time::Duration::from_millis(50));
    /// # let _ = script;
    /// ```
    pub fn slow_headers(delay: Duration) -> Script {
        let mut bytes = head("HTTP/1.1", 200, &[("content-type", "application/json")]);
        bytes.extend_from_slice(b"content-length: 2\r\n\r\n{}");
        Script(vec![Step::Drip(bytes, delay)])
    }

    /// A 200 whose headers come at once and whose body drips one byte per
    /// `delay`.
    ///
    /// ```
    /// let script = linkedin_test_support::Script::slow_body(std::time::Duration::from_millis(50));
    /// # let _ = script;
    /// ```
    pub fn slow_body(delay: Duration) -> Script {
        let body = br#"{"id":"slow-body-entity"}"#.to_vec();
        let mut bytes = head("HTTP/1.1", 200, &[("content-type", "application/json")]);
        bytes.extend_from_slice(format!("content-length: {}\r\n\r\n", body.len()).as_bytes());
        Script(vec![Step::Write(bytes), Step::Drip(body, delay)])
    }

    /// An HTTP/1.0 answer without `Content-Length`: the body ends when the
    /// connection closes.
    ///
    /// ```
    /// let script = linkedin_test_support::Script::http10(200, r#"{"id":1}"#);
    /// # let _ = script;
    /// ```
    pub fn http10(status: u16, body: &str) -> Script {
        let mut bytes = head("HTTP/1.0", status, &[("content-type", "application/json")]);
        bytes.extend_from_slice(b"\r\n");
        bytes.extend_from_slice(body.as_bytes());
        Script(vec![Step::Write(bytes), Step::Close])
    }

    /// A delay, then this script.
    ///
    /// ```
    /// use std::time::Duration;
    /// let script = linkedin_test_support::Script::json(503, "{}").after(Duration::from_millis(300));
    /// # let _ = script;
    /// ```
    pub fn after(self, delay: Duration) -> Script {
        let mut steps = vec![Step::Sleep(delay)];
        steps.extend(self.0);
        Script(steps)
    }
}

/// The body of LinkedIn's 429 once an application's daily limit is spent.
pub const DAILY_LIMIT_BODY: &str = r#"{"status":429,"serviceErrorCode":101,"code":"TOO_MANY_REQUESTS","message":"Resource level throttle APPLICATION DAY limit for calls to this resource is reached."}"#;

fn head(version: &str, status: u16, headers: &[(&str, &str)]) -> Vec<u8> {
    let mut head = format!("{version} {status} {}\r\n", reason(status));
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.into_bytes()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        307 => "Temporary Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

type Handler = dyn Fn(&Recorded, usize) -> Script + Send + Sync;

/// What the connection threads share.
struct Shared {
    stop: AtomicBool,
    born: Instant,
    /// Whether each request is kept in `requests` (see
    /// [`HostileServer::start_unrecorded`]).
    record: bool,
    requests: Mutex<Vec<Recorded>>,
    /// How many requests were read.
    served: AtomicUsize,
    connections: AtomicUsize,
    handler: Box<Handler>,
}

impl Shared {
    fn alive(&self) -> bool {
        !self.stop.load(Ordering::SeqCst) && self.born.elapsed() < LIFETIME
    }
}

/// The server (see the [crate docs](crate)).
pub struct HostileServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

impl HostileServer {
    /// Starts a server answering each request (and its 0-based number)
    /// with the handler's script.
    ///
    /// # Panics
    ///
    /// When no loopback socket can be bound (a test environment problem).
    pub fn start(handler: impl Fn(&Recorded, usize) -> Script + Send + Sync + 'static) -> Self {
        HostileServer::spawn(true, Box::new(handler))
    }

    /// [`start`](Self::start), keeping no record of the requests
    /// ([`requests`](Self::requests) stays empty; they are still counted):
    /// for a benchmark whose memory must not grow with the number of
    /// requests it sends.
    ///
    /// ```
    /// use linkedin_test_support::{HostileServer, Script};
    ///
    /// let server = HostileServer::start_unrecorded(|_, _| Script::json(200, "{}"));
    /// assert!(server.requests().is_empty());
    /// ```
    ///
    /// # Panics
    ///
    /// As [`start`](Self::start).
    pub fn start_unrecorded(
        handler: impl Fn(&Recorded, usize) -> Script + Send + Sync + 'static,
    ) -> Self {
        HostileServer::spawn(false, Box::new(handler))
    }

    fn spawn(record: bool, handler: Box<Handler>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared {
            stop: AtomicBool::new(false),
            born: Instant::now(),
            record,
            requests: Mutex::new(Vec::new()),
            served: AtomicUsize::new(0),
            connections: AtomicUsize::new(0),
            handler,
        });
        let accept = {
            let shared = Arc::clone(&shared);
            thread::spawn(move || {
                while shared.alive() {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            shared.connections.fetch_add(1, Ordering::SeqCst);
                            let shared = Arc::clone(&shared);
                            thread::spawn(move || {
                                let _ = serve(stream, &shared);
                            });
                        }
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                            thread::sleep(Duration::from_millis(2));
                        }
                        Err(_) => break,
                    }
                }
            })
        };
        HostileServer {
            addr,
            shared,
            accept: Some(accept),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request read so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared
            .requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// How many requests were read so far.
    pub fn request_count(&self) -> usize {
        self.shared.served.load(Ordering::SeqCst)
    }

    /// How many TCP connections were accepted so far.
    ///
    /// ```
    /// let server = linkedin_test_support::HostileServer::start(|_, _| linkedin_test_support::Script::json(200, "{}"));
    /// assert_eq!(server.connections(), 0);
    /// ```
    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }

    /// How many requests with this method went to this path.
    pub fn count(&self, method: &str, path: &str) -> usize {
        self.requests()
            .iter()
            .filter(|r| r.method == method && r.path() == path)
            .count()
    }
}

impl Drop for HostileServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

fn serve(stream: TcpStream, shared: &Shared) -> io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_millis(50)))?;
    stream.set_write_timeout(Some(Duration::from_millis(500)))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    loop {
        let Some(request) = read_request(&mut reader, shared)? else {
            return Ok(());
        };
        let index = {
            let mut all = shared
                .requests
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if shared.record {
                all.push(request.clone());
            }
            shared.served.fetch_add(1, Ordering::SeqCst)
        };
        let script = (shared.handler)(&request, index);
        for step in script.0 {
            match step {
                Step::Write(bytes) => {
                    writer.write_all(&bytes)?;
                    writer.flush()?;
                }
                Step::Drip(bytes, delay) => {
                    for byte in bytes {
                        if !shared.alive() {
                            return Ok(());
                        }
                        thread::sleep(delay);
                        writer.write_all(&[byte])?;
                        writer.flush()?;
                    }
                }
                Step::Sleep(delay) => {
                    let until = Instant::now() + delay;
                    while Instant::now() < until && shared.alive() {
                        thread::sleep(Duration::from_millis(5));
                    }
                }
                Step::Forever(chunk) => {
                    // Ends with a write error once the client hangs up.
                    while shared.alive() {
                        writer.write_all(&chunk)?;
                    }
                    return Ok(());
                }
                Step::Hang => {
                    let mut probe = [0u8; 1024];
                    while shared.alive() {
                        match reader.get_mut().read(&mut probe) {
                            Ok(0) => return Ok(()),
                            Ok(_) => {}
                            Err(e)
                                if matches!(
                                    e.kind(),
                                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                                ) => {}
                            Err(_) => return Ok(()),
                        }
                    }
                    return Ok(());
                }
                Step::Close => {
                    let _ = writer.shutdown(Shutdown::Both);
                    return Ok(());
                }
            }
        }
    }
}

/// Reads one request; `None` when the client closed the connection, the
/// request is oversized, or the server is stopping.
fn read_request(
    reader: &mut BufReader<TcpStream>,
    shared: &Shared,
) -> io::Result<Option<Recorded>> {
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        if !shared.alive() || head.len() > MAX_REQUEST {
            return Ok(None);
        }
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => return Ok(None),
            Ok(_) => {
                if head.is_empty() && line == b"\r\n" {
                    continue;
                }
                head.extend_from_slice(&line);
            }
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                head.extend_from_slice(&line);
            }
            Err(_) => return Ok(None),
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap_or("").split(' ');
    let method = request_line.next().unwrap_or("").to_owned();
    let target = request_line.next().unwrap_or("").to_owned();
    let headers: Vec<(String, String)> = lines
        .filter(|l| !l.is_empty())
        .filter_map(|l| {
            let (name, value) = l.split_once(':')?;
            Some((name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        })
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    if length > MAX_REQUEST {
        return Ok(None);
    }
    let mut body = vec![0; length];
    let mut filled = 0;
    while filled < length {
        if !shared.alive() {
            return Ok(None);
        }
        match reader.read(&mut body[filled..]) {
            Ok(0) => return Ok(None),
            Ok(n) => filled += n,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return Ok(None),
        }
    }
    Ok(Some(Recorded {
        method,
        target,
        headers,
        body,
    }))
}
