//! A tiny HTTP/1.1 client over `tokio::net::TcpStream` (no hyper, no
//! reqwest: one request per connection, `Connection: close`, read to EOF)
//! and helpers to build Rest.li requests with `restli-codec`.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::Duration;

use linkedin_sandbox::Sandbox;
use restli_codec::{DynamicRequest, Endpoint, RequestConfig};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Sends one request and reads the whole answer.
pub async fn send(
    addr: SocketAddr,
    request: http::Request<Vec<u8>>,
) -> std::io::Result<http::Response<Vec<u8>>> {
    let mut stream = TcpStream::connect(addr).await?;
    stream.write_all(&encode(&request, addr)).await?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    decode(&raw)
}

/// Like [`send`], giving up after `timeout`.
pub async fn send_with_timeout(
    addr: SocketAddr,
    request: http::Request<Vec<u8>>,
    timeout: Duration,
) -> std::io::Result<http::Response<Vec<u8>>> {
    tokio::time::timeout(timeout, send(addr, request))
        .await
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::TimedOut, "timed out"))?
}

fn encode(request: &http::Request<Vec<u8>>, addr: SocketAddr) -> Vec<u8> {
    let target = request
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str().to_owned())
        .unwrap_or_else(|| "/".into());
    let mut head = format!(
        "{} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n",
        request.method()
    );
    for (name, value) in request.headers() {
        if name == http::header::CONTENT_LENGTH || name == http::header::HOST {
            continue;
        }
        head.push_str(&format!("{name}: {}\r\n", value.to_str().unwrap()));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", request.body().len()));
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(request.body());
    bytes
}

fn decode(raw: &[u8]) -> std::io::Result<http::Response<Vec<u8>>> {
    let bad = |what: &str| std::io::Error::new(std::io::ErrorKind::UnexpectedEof, what.to_owned());
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| bad("no complete HTTP head (connection closed without an answer?)"))?;
    let head = std::str::from_utf8(&raw[..end]).map_err(|_| bad("head is not UTF-8"))?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().ok_or_else(|| bad("no status line"))?;
    let status: u16 = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("bad status line"))?;
    let mut builder = http::Response::builder().status(status);
    let mut chunked = false;
    for line in lines {
        let (name, value) = line.split_once(':').ok_or_else(|| bad("bad header"))?;
        let value = value.trim();
        if name.eq_ignore_ascii_case("transfer-encoding") && value.eq_ignore_ascii_case("chunked") {
            chunked = true;
        }
        builder = builder.header(name.trim(), value);
    }
    let mut body = raw[end + 4..].to_vec();
    if chunked {
        body = dechunk(&body).ok_or_else(|| bad("bad chunked body"))?;
    }
    builder.body(body).map_err(|e| bad(&e.to_string()))
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..line_end]).ok()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

/// The JSON body of an answer.
pub fn json(response: &http::Response<Vec<u8>>) -> Value {
    serde_json::from_slice(response.body()).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {:?}",
            String::from_utf8_lossy(response.body())
        )
    })
}

/// A header of an answer as text.
pub fn header<'a>(response: &'a http::Response<Vec<u8>>, name: &str) -> Option<&'a str> {
    response.headers().get(name).map(|v| v.to_str().unwrap())
}

/// Builds requests for a sandbox: versioned (`/rest`, `LinkedIn-Version:
/// 202606`) or not (`/v2`).
pub struct Client {
    pub addr: SocketAddr,
    pub config: RequestConfig,
    pub token: Option<String>,
}

impl Client {
    pub fn versioned(sandbox: &Sandbox) -> Self {
        let mut client = Client::unversioned(sandbox);
        client.config = client.config.with_version("202606".parse().unwrap());
        client
    }

    pub fn unversioned(sandbox: &Sandbox) -> Self {
        Client {
            addr: sandbox.addr(),
            config: RequestConfig::new()
                .with_endpoint(Endpoint::from_origin(sandbox.origin()).unwrap()),
            token: Some(sandbox.access_token().to_owned()),
        }
    }

    pub fn http(&self, request: &(impl AsRef<DynamicRequest> + ?Sized)) -> http::Request<Vec<u8>> {
        request
            .as_ref()
            .to_http(&self.config, self.token.as_deref())
            .unwrap()
    }

    pub async fn send(
        &self,
        request: &(impl AsRef<DynamicRequest> + ?Sized),
    ) -> http::Response<Vec<u8>> {
        send(self.addr, self.http(request)).await.unwrap()
    }

    pub async fn send_http(&self, request: http::Request<Vec<u8>>) -> http::Response<Vec<u8>> {
        send(self.addr, request).await.unwrap()
    }
}

/// A text post by the seeded member, with the fields the Posts API
/// requires (author, commentary, visibility, distribution, lifecycleState;
/// <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api>).
pub fn text_post(commentary: &str) -> Value {
    serde_json::json!({
        "author": "urn:li:person:sAnDb0x1d",
        "commentary": commentary,
        "visibility": "PUBLIC",
        "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [], "thirdPartyDistributionChannels": []},
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": false
    })
}
