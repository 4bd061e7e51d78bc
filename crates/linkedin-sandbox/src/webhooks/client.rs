//! The sandbox's only outgoing HTTP: one request per connection to a
//! **loopback** `http://` URL, bounded in time and in answer size.
//!
//! The URL is checked before anything is sent ([`Target::parse`]): the scheme
//! must be `http` and the host a loopback address (`127.0.0.0/8`, `[::1]`)
//! or `localhost` (which is taken to mean `127.0.0.1`, without asking a
//! resolver). Anything else is a [`WebhookError::NotLoopback`] or
//! [`WebhookError::InvalidUrl`]: the sandbox never sends traffic off the
//! machine.
//!
//! HTTP/1.1 framing (`Content-Length`, chunked answers, early closes) is
//! hyper's client connection, the same hyper the sandbox serves with; this
//! module only connects, bounds and collects.

use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use axum::body::{Body, Bytes};
use http::header::{CONNECTION, HOST, USER_AGENT};
use http::{HeaderValue, Method, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tokio::task::JoinHandle;
use url::{Host, Url};

use super::{TransportFailure, WebhookError};

/// Answers larger than this are refused (a validation answer is ~140 bytes).
pub(crate) const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// The `User-Agent` of the sandbox's requests.
const AGENT: &str = concat!(
    "linkedin-sandbox/",
    env!("CARGO_PKG_VERSION"),
    " (webhooks)"
);

/// A checked webhook URL: `http`, loopback, with the address to connect to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    url: Url,
    addr: SocketAddr,
}

impl Target {
    /// Checks that `url` is an `http://` URL on a loopback host.
    pub(crate) fn parse(url: &str) -> Result<Target, WebhookError> {
        let invalid = |reason: String| WebhookError::InvalidUrl {
            url: url.to_owned(),
            reason,
        };
        let mut parsed = Url::parse(url).map_err(|e| invalid(e.to_string()))?;
        if parsed.scheme() != "http" {
            return Err(WebhookError::NotLoopback {
                url: url.to_owned(),
                reason: format!(
                    "the scheme is {:?}; the sandbox calls plain http:// on this machine only (it has no TLS)",
                    parsed.scheme()
                ),
            });
        }
        let ip = match parsed.host() {
            Some(Host::Ipv4(ip)) => IpAddr::V4(ip),
            Some(Host::Ipv6(ip)) => IpAddr::V6(ip),
            Some(Host::Domain(name)) if name.eq_ignore_ascii_case("localhost") => {
                IpAddr::V4(Ipv4Addr::LOCALHOST)
            }
            Some(Host::Domain(name)) => {
                return Err(WebhookError::NotLoopback {
                    url: url.to_owned(),
                    reason: format!(
                        "the host {name:?} is not 127.0.0.1, [::1] or localhost; the sandbox never sends traffic off the machine"
                    ),
                });
            }
            None => return Err(invalid("the URL has no host".to_owned())),
        };
        if !ip.is_loopback() {
            return Err(WebhookError::NotLoopback {
                url: url.to_owned(),
                reason: format!(
                    "{ip} is not a loopback address; the sandbox never sends traffic off the machine"
                ),
            });
        }
        let port = parsed
            .port_or_known_default()
            .ok_or_else(|| invalid("the URL has no port".to_owned()))?;
        parsed.set_fragment(None);
        Ok(Target {
            url: parsed,
            addr: SocketAddr::new(ip, port),
        })
    }

    /// The URL, normalised (no fragment).
    pub(crate) fn url(&self) -> &str {
        self.url.as_str()
    }

    /// A request to this URL with `extra` query parameters appended, the
    /// `Host`, `User-Agent` and `Connection: close` headers set.
    pub(crate) fn request(&self, method: Method, extra: &[(&str, &str)]) -> http::request::Builder {
        let mut url = self.url.clone();
        if !extra.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in extra {
                pairs.append_pair(name, value);
            }
        }
        let target = match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        };
        let host = url.host_str().unwrap_or("localhost");
        let host = match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        };
        // A parsed URL's host is ASCII, so this always succeeds.
        let host = HeaderValue::from_str(&host).unwrap_or(HeaderValue::from_static("localhost"));
        http::Request::builder()
            .method(method)
            .uri(target)
            .header(HOST, host)
            .header(USER_AGENT, AGENT)
            .header(CONNECTION, "close")
    }

    /// Sends `request` and collects the answer, all within `timeout`.
    pub(crate) async fn send(
        &self,
        request: http::Request<Body>,
        timeout: Duration,
    ) -> Result<Answer, TransportFailure> {
        tokio::time::timeout(timeout, exchange(self.addr, request))
            .await
            .map_err(|_| TransportFailure::Timeout { after: timeout })?
    }
}

/// What came back.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) body: Bytes,
}

/// One request on a fresh connection.
async fn exchange(
    addr: SocketAddr,
    request: http::Request<Body>,
) -> Result<Answer, TransportFailure> {
    let stream = TcpStream::connect(addr)
        .await
        .map_err(|e| TransportFailure::Connect {
            message: format!("cannot connect to {addr}: {e}"),
        })?;
    let _ = stream.set_nodelay(true);
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(protocol)?;
    // The connection is driven on its own task, stopped when this returns
    // (or is cancelled by the timeout).
    let _driver = AbortOnDrop::spawn(connection);
    let response = sender.send_request(request).await.map_err(protocol)?;
    let (parts, body) = response.into_parts();
    let body = axum::body::to_bytes(Body::new(body), MAX_ANSWER_BYTES)
        .await
        .map_err(|e| TransportFailure::Protocol {
            message: format!(
                "cannot read the answer's body (at most {MAX_ANSWER_BYTES} bytes are read): {e}"
            ),
        })?;
    Ok(Answer {
        status: parts.status,
        body,
    })
}

fn protocol(e: hyper::Error) -> TransportFailure {
    TransportFailure::Protocol {
        message: e.to_string(),
    }
}

/// A spawned task aborted when the guard is dropped.
struct AbortOnDrop(JoinHandle<()>);

impl AbortOnDrop {
    fn spawn<F>(future: F) -> Self
    where
        F: Future + Send + 'static,
    {
        AbortOnDrop(tokio::spawn(async move {
            let _ = future.await;
        }))
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_http_only() {
        for ok in [
            "http://127.0.0.1:8080/hook",
            "http://127.1.2.3/hook",
            "http://[::1]:9000/",
            "http://LOCALHOST:1/x?a=b#frag",
        ] {
            let target = Target::parse(ok).unwrap();
            assert!(target.addr.ip().is_loopback(), "{ok}");
            assert!(!target.url().contains('#'), "{ok}");
        }
        assert_eq!(
            Target::parse("http://localhost/x").unwrap().addr,
            "127.0.0.1:80".parse().unwrap()
        );
        for refused in [
            "https://127.0.0.1/hook",
            "http://example.com/hook",
            "http://10.0.0.1/hook",
            "http://[2001:db8::1]/",
            "http://localhost.evil.example/",
            "ftp://127.0.0.1/",
        ] {
            assert!(
                matches!(
                    Target::parse(refused),
                    Err(WebhookError::NotLoopback { .. })
                ),
                "{refused}"
            );
        }
        assert!(matches!(
            Target::parse("not a url"),
            Err(WebhookError::InvalidUrl { .. })
        ));
    }

    #[test]
    fn request_target_keeps_the_query() {
        let target = Target::parse("http://127.0.0.1:5000/hook?tenant=a%20b").unwrap();
        let request = target
            .request(Method::GET, &[("challengeCode", "c-1")])
            .body(())
            .unwrap();
        assert_eq!(
            request.uri().to_string(),
            "/hook?tenant=a%20b&challengeCode=c-1"
        );
        assert_eq!(request.headers()[HOST], "127.0.0.1:5000");
        let plain = Target::parse("http://localhost/").unwrap();
        let request = plain.request(Method::POST, &[]).body(()).unwrap();
        assert_eq!(request.uri().to_string(), "/");
        assert_eq!(request.headers()[HOST], "localhost");
    }
}
