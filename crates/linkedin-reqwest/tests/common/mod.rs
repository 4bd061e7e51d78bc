//! A small scripted HTTP/1.1 server on a loopback socket, for the
//! integration tests. Each test decides, per request, what the server does:
//! answer (after an optional delay), hang, or break the connection in the
//! middle of the response. Servers live on the test's runtime and stop when
//! the test ends.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use linkedin_reqwest::ClientBuilder;
use linkedin_reqwest::oauth::AccessToken;
use linkedin_reqwest::restli::Endpoint;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The token the tests' clients send.
pub const TOKEN: &str = "AQV-test-access-token-9f8e7d";

/// One request the server received.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: http::Method,
    pub uri: http::Uri,
    pub headers: http::HeaderMap,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn path(&self) -> &str {
        self.uri.path()
    }

    pub fn to_http(&self) -> http::Request<Vec<u8>> {
        let mut request = http::Request::new(self.body.clone());
        *request.method_mut() = self.method.clone();
        *request.uri_mut() = self.uri.clone();
        *request.headers_mut() = self.headers.clone();
        request
    }

    /// The request as it was before tunneling.
    pub fn untunneled(&self) -> Recorded {
        let request = restli_untunnel(self.to_http());
        let (parts, body) = request.into_parts();
        Recorded {
            method: parts.method,
            uri: parts.uri,
            headers: parts.headers,
            body,
        }
    }

    /// Query parameters, raw (still Rest.li encoded).
    pub fn query(&self) -> BTreeMap<String, String> {
        self.uri
            .query()
            .unwrap_or_default()
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| match pair.split_once('=') {
                Some((name, value)) => (name.to_owned(), value.to_owned()),
                None => (pair.to_owned(), String::new()),
            })
            .collect()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

fn restli_untunnel(request: http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    linkedin_reqwest::restli::tunnel::untunnel(request).expect("a valid tunneled request")
}

/// What the server does with a request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Answer, after `delay`.
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        delay: Duration,
    },
    /// Read the request and never answer.
    Hang,
    /// Send the head and the first bytes of a longer body, then close the
    /// connection.
    BreakMidBody,
    /// Send part of the status line and headers, then close the connection.
    BreakInHead,
}

impl Reply {
    pub fn status(status: u16) -> Reply {
        Reply::Respond {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: Duration::ZERO,
        }
    }

    pub fn json(status: u16, value: serde_json::Value) -> Reply {
        Reply::Respond {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: serde_json::to_vec(&value).expect("JSON"),
            delay: Duration::ZERO,
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Respond { headers, .. } = &mut self {
            headers.push((name.to_owned(), value.to_owned()));
        }
        self
    }

    pub fn after(mut self, wait: Duration) -> Reply {
        if let Reply::Respond { delay, .. } = &mut self {
            *delay = wait;
        }
        self
    }
}

type Handler = dyn Fn(&Recorded, usize) -> Reply + Send + Sync;

/// A running server: its address and everything it received.
#[derive(Clone)]
pub struct Server {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Recorded>>>,
}

impl Server {
    /// Starts a server whose `handler` is called with each request and its
    /// 0-based sequence number.
    pub async fn start(
        handler: impl Fn(&Recorded, usize) -> Reply + Send + Sync + 'static,
    ) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("address");
        let received: Arc<Mutex<Vec<Recorded>>> = Arc::default();
        let handler: Arc<Handler> = Arc::new(handler);
        let counter = Arc::new(AtomicUsize::new(0));
        let log = received.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let handler = handler.clone();
                let log = log.clone();
                let counter = counter.clone();
                tokio::spawn(serve(stream, handler, log, counter));
            }
        });
        Server { addr, received }
    }

    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<Recorded> {
        self.received.lock().expect("lock").clone()
    }

    /// Requests received on `path`.
    pub fn received_on(&self, path: &str) -> Vec<Recorded> {
        self.received()
            .into_iter()
            .filter(|r| r.path() == path)
            .collect()
    }

    /// A client builder aimed at this server, with the test token and
    /// short backoff delays.
    pub fn client(&self) -> ClientBuilder {
        linkedin_reqwest::Client::builder()
            .endpoint(Endpoint::from_origin(&self.origin()).expect("loopback origin"))
            .retry_policy(
                linkedin_reqwest::restli::retry::RetryPolicy::default()
                    .base_delay(Duration::from_millis(10))
                    .max_delay(Duration::from_millis(50)),
            )
            .access_token(AccessToken::new(TOKEN))
    }
}

async fn serve(
    mut stream: TcpStream,
    handler: Arc<Handler>,
    log: Arc<Mutex<Vec<Recorded>>>,
    counter: Arc<AtomicUsize>,
) {
    let mut buffer = Vec::new();
    loop {
        let Some(request) = read_request(&mut stream, &mut buffer).await else {
            return;
        };
        let n = counter.fetch_add(1, Ordering::SeqCst);
        log.lock().expect("lock").push(request.clone());
        match handler(&request, n) {
            Reply::Respond {
                status,
                headers,
                body,
                delay,
            } => {
                tokio::time::sleep(delay).await;
                let reason = http::StatusCode::from_u16(status)
                    .ok()
                    .and_then(|s| s.canonical_reason())
                    .unwrap_or("Status");
                let mut head = format!(
                    "HTTP/1.1 {status} {reason}\r\ncontent-length: {}\r\n",
                    body.len()
                );
                for (name, value) in headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str("\r\n");
                if stream.write_all(head.as_bytes()).await.is_err()
                    || stream.write_all(&body).await.is_err()
                {
                    return;
                }
            }
            Reply::Hang => {
                // Hold the connection open without answering; the test's
                // runtime drops this task when the test ends.
                tokio::time::sleep(Duration::from_secs(60)).await;
                return;
            }
            Reply::BreakInHead => {
                let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-le").await;
                let _ = stream.flush().await;
                return;
            }
            Reply::BreakMidBody => {
                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n{\"id\": 1, \"na";
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.flush().await;
                return;
            }
        }
    }
}

/// Reads one request (head and `content-length` body); `None` at EOF.
async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<Recorded> {
    let head_end = loop {
        if let Some(pos) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos;
        }
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8(buffer[..head_end].to_vec()).ok()?;
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method: http::Method = request_line.next()?.parse().ok()?;
    let target = request_line.next()?;
    let mut headers = http::HeaderMap::new();
    for line in lines {
        let (name, value) = line.split_once(':')?;
        headers.append(
            http::HeaderName::from_bytes(name.trim().as_bytes()).ok()?,
            http::HeaderValue::from_str(value.trim()).ok()?,
        );
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let body_start = head_end + 4;
    while buffer.len() < body_start + length {
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
    let body = buffer[body_start..body_start + length].to_vec();
    buffer.drain(..body_start + length);
    Some(Recorded {
        method,
        uri: target.parse().ok()?,
        headers,
        body,
    })
}
