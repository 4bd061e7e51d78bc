//! Test support: a small HTTP/1.1 server on a real loopback socket, with
//! fault injection, and a tracing capture at TRACE level.
#![allow(dead_code)]

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use linkedin_oauth::AccessToken;
use linkedin_ureq::{Client, ClientBuilder};
use restli_codec::Endpoint;

/// The longest a test server lives, whatever happens to the test.
const SERVER_LIFETIME: Duration = Duration::from_secs(60);

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    /// The request as an `http::Request`, untunneled.
    pub fn to_http(&self) -> http::Request<Vec<u8>> {
        let mut builder = http::Request::builder()
            .method(self.method.as_str())
            .uri(format!("http://127.0.0.1{}", self.target));
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        let request = builder.body(self.body.clone()).unwrap();
        restli_codec::tunnel::untunnel(request).unwrap()
    }

    /// A query parameter of the (untunneled) request, still encoded.
    pub fn param(&self, name: &str) -> Option<String> {
        let http = self.to_http();
        let query = http.uri().query()?.to_owned();
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
            .map(str::to_owned)
    }

    pub fn json(&self) -> serde_json::Value {
        let http = self.to_http();
        serde_json::from_slice(http.body()).unwrap()
    }
}

/// What the server does with a request.
pub enum Reply {
    /// A complete response (`Content-Length` added).
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Headers announcing `declared` body bytes, part of the body, then the
    /// connection is closed.
    CloseMidBody {
        status: u16,
        declared: usize,
        sent: Vec<u8>,
    },
    /// Never answer; the connection stays open until the server stops.
    Hang,
}

impl Reply {
    pub fn json(status: u16, body: serde_json::Value) -> Reply {
        Reply::Respond {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: serde_json::to_vec(&body).unwrap(),
        }
    }

    pub fn status(status: u16) -> Reply {
        Reply::Respond {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Respond { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
}

type Handler = dyn Fn(&Recorded, usize) -> Reply + Send + Sync;

/// A loopback HTTP/1.1 server (keep-alive supported) that stops when
/// dropped or after [`SERVER_LIFETIME`].
pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    requests: Arc<Mutex<Vec<Recorded>>>,
    connections: Arc<AtomicUsize>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts a server calling `handler` with each request and its 0-based
    /// number.
    pub fn start(handler: impl Fn(&Recorded, usize) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let handler: Arc<Handler> = Arc::new(handler);
        let accept = {
            let stop = Arc::clone(&stop);
            let requests = Arc::clone(&requests);
            let connections = Arc::clone(&connections);
            thread::spawn(move || {
                let born = Instant::now();
                while !stop.load(Ordering::SeqCst) && born.elapsed() < SERVER_LIFETIME {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            connections.fetch_add(1, Ordering::SeqCst);
                            let stop = Arc::clone(&stop);
                            let requests = Arc::clone(&requests);
                            let handler = Arc::clone(&handler);
                            thread::spawn(move || {
                                let _ = serve_connection(stream, &stop, born, &requests, &*handler);
                            });
                        }
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                            thread::sleep(Duration::from_millis(2));
                        }
                        Err(_) => break,
                    }
                }
                stop.store(true, Ordering::SeqCst);
            })
        };
        Server {
            addr,
            stop,
            requests,
            connections,
            accept: Some(accept),
        }
    }

    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn endpoint(&self) -> Endpoint {
        Endpoint::from_origin(&self.origin()).unwrap()
    }

    /// A client builder pointed at this server, with a short backoff so
    /// retries do not slow the tests down.
    pub fn builder(&self) -> ClientBuilder {
        Client::builder().endpoint(self.endpoint()).retry_policy(
            restli_codec::RetryPolicy::default()
                .base_delay(Duration::from_millis(20))
                .max_delay(Duration::from_millis(100)),
        )
    }

    /// A client with a static token.
    pub fn client(&self, token: &str) -> Client {
        self.builder()
            .access_token(AccessToken::new(token))
            .build()
            .unwrap()
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    pub fn request_count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    /// How many TCP connections were accepted.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

fn alive(stop: &AtomicBool, born: Instant) -> bool {
    !stop.load(Ordering::SeqCst) && born.elapsed() < SERVER_LIFETIME
}

fn serve_connection(
    stream: TcpStream,
    stop: &AtomicBool,
    born: Instant,
    requests: &Mutex<Vec<Recorded>>,
    handler: &Handler,
) -> io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_millis(50)))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    loop {
        let Some(request) = read_request(&mut reader, stop, born)? else {
            return Ok(());
        };
        let index = {
            let mut all = requests.lock().unwrap();
            all.push(request.clone());
            all.len() - 1
        };
        match handler(&request, index) {
            Reply::Respond {
                status,
                headers,
                body,
            } => {
                let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
                for (name, value) in &headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
                writer.write_all(head.as_bytes())?;
                writer.write_all(&body)?;
                writer.flush()?;
            }
            Reply::CloseMidBody {
                status,
                declared,
                sent,
            } => {
                let head = format!(
                    "HTTP/1.1 {status} {}\r\ncontent-type: application/json\r\ncontent-length: {declared}\r\n\r\n",
                    reason(status)
                );
                writer.write_all(head.as_bytes())?;
                writer.write_all(&sent)?;
                writer.flush()?;
                let _ = writer.shutdown(std::net::Shutdown::Both);
                return Ok(());
            }
            Reply::Hang => {
                while alive(stop, born) {
                    thread::sleep(Duration::from_millis(20));
                }
                return Ok(());
            }
        }
    }
}

fn reason(status: u16) -> &'static str {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Status")
}

/// Reads one request; `None` when the client closed the connection or the
/// server is stopping.
fn read_request(
    reader: &mut BufReader<TcpStream>,
    stop: &AtomicBool,
    born: Instant,
) -> io::Result<Option<Recorded>> {
    let mut head = Vec::new();
    loop {
        if !alive(stop, born) {
            return Ok(None);
        }
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => return Ok(None),
            Ok(_) => {
                head.extend_from_slice(&line);
                if head.ends_with(b"\r\n\r\n") || head == b"\r\n" {
                    if head == b"\r\n" {
                        head.clear();
                        continue;
                    }
                    break;
                }
            }
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                // A partial line stays in `line`'s bytes already appended.
                head.extend_from_slice(&line);
                continue;
            }
            Err(e) => return Err(e),
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
    let mut body = vec![0; length];
    let mut filled = 0;
    while filled < length {
        if !alive(stop, born) {
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
            Err(e) => return Err(e),
        }
    }
    Ok(Some(Recorded {
        method,
        target,
        headers,
        body,
    }))
}

/// Everything logged by the tests of this binary, at TRACE level (ureq's
/// own `log` records included).
pub fn logs() -> String {
    let buffer = capture();
    String::from_utf8_lossy(&buffer.lock().unwrap()).into_owned()
}

/// Installs the capturing subscriber (once per test binary).
pub fn init_logs() {
    let _ = capture();
}

/// Asserts that nothing logged so far contains any of `secrets`, and that
/// something was logged at all.
pub fn assert_logs_hide(secrets: &[&str]) {
    let logs = logs();
    assert!(
        logs.contains("restli.request") || logs.contains("linkedin.oauth"),
        "no spans captured"
    );
    for secret in secrets {
        assert!(!logs.contains(secret), "a secret ({secret:?}) was logged");
    }
}

#[derive(Clone)]
struct SharedBuffer(Arc<Mutex<Vec<u8>>>);

impl Write for SharedBuffer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn capture() -> &'static Arc<Mutex<Vec<u8>>> {
    use tracing::level_filters::LevelFilter;
    use tracing_subscriber::filter::Targets;
    use tracing_subscriber::fmt::format::FmtSpan;
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;

    static BUFFER: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    BUFFER.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = SharedBuffer(Arc::clone(&buffer));
        // Everything at TRACE, ureq's `log` records included, except the
        // hex dump of raw wire bytes ureq-proto logs at TRACE (see the crate
        // docs: that dump is below what any deployment should log).
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
