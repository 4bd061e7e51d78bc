//! The recorder's upstream: the checked URL it forwards to, and one
//! exchange on a fresh connection (TLS, rustls on *ring*, when https).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use url::{Host, Url};

use super::RecordError;
use crate::errors::excerpt;
use crate::recording::MAX_BODY_SIZE;

/// A checked upstream: where to connect and what to call it.
#[derive(Debug, Clone)]
pub(super) struct Upstream {
    pub(super) url: Url,
    pub(super) tls: bool,
    pub(super) host: String,
    pub(super) port: u16,
    /// `host[:port]`, for the `Host` header.
    pub(super) authority: String,
    /// The URL's path without its trailing `/`, put before every path.
    pub(super) base_path: String,
}

impl Upstream {
    pub(super) fn parse(text: &str) -> Result<Upstream, RecordError> {
        let invalid = |reason: &str| RecordError::InvalidUpstream {
            url: excerpt(text),
            reason: reason.to_owned(),
        };
        let url = Url::parse(text).map_err(|e| invalid(&e.to_string()))?;
        let tls = match url.scheme() {
            "https" => true,
            "http" => false,
            _ => {
                return Err(invalid(
                    "the scheme must be https (or http to a loopback host)",
                ));
            }
        };
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid(
                "credentials in the URL are not forwarded; leave them to the requests",
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(invalid("the URL must not have a query or a fragment"));
        }
        let (host, loopback) = match url.host() {
            Some(Host::Ipv4(ip)) => (ip.to_string(), ip.is_loopback()),
            Some(Host::Ipv6(ip)) => (ip.to_string(), ip.is_loopback()),
            Some(Host::Domain(name)) => (name.to_owned(), name.eq_ignore_ascii_case("localhost")),
            None => return Err(invalid("the URL has no host")),
        };
        if !tls && !loopback {
            return Err(invalid(
                "plain http is allowed only to a loopback host (127.0.0.1, [::1], localhost); use https",
            ));
        }
        let port = url
            .port_or_known_default()
            .ok_or_else(|| invalid("the URL has no port"))?;
        let authority = match (url.host_str(), url.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            (None, _) => return Err(invalid("the URL has no host")),
        };
        let base_path = url.path().trim_end_matches('/').to_owned();
        Ok(Upstream {
            url,
            tls,
            host,
            port,
            authority,
            base_path,
        })
    }

    /// The socket address for a loopback name, without asking a resolver.
    pub(super) fn loopback_addr(&self) -> Option<SocketAddr> {
        if self.host.eq_ignore_ascii_case("localhost") {
            return Some(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), self.port));
        }
        self.host
            .parse::<IpAddr>()
            .ok()
            .map(|ip| SocketAddr::new(ip, self.port))
    }
}

/// rustls on *ring* with Mozilla's roots, HTTP/1.1 by ALPN, as the
/// workspace's transports.
pub(super) fn tls_connector() -> Result<tokio_rustls::TlsConnector, RecordError> {
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| RecordError::Tls(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(tokio_rustls::TlsConnector::from(Arc::new(config)))
}

/// One request on a fresh connection (TLS when the upstream is https).
pub(super) async fn send(
    upstream: &Upstream,
    tls: Option<&tokio_rustls::TlsConnector>,
    request: http::Request<Body>,
) -> Result<(http::response::Parts, Bytes), String> {
    let stream = match upstream.loopback_addr() {
        Some(addr) => TcpStream::connect(addr).await,
        None => TcpStream::connect((upstream.host.as_str(), upstream.port)).await,
    }
    .map_err(|e| format!("cannot connect: {e}"))?;
    let _ = stream.set_nodelay(true);
    if upstream.tls {
        let connector = tls.ok_or("TLS is not set up")?;
        let name = rustls::pki_types::ServerName::try_from(upstream.host.clone())
            .map_err(|e| format!("{e}"))?;
        let stream = connector
            .connect(name, stream)
            .await
            .map_err(|e| format!("TLS handshake failed: {e}"))?;
        exchange_on(TokioIo::new(stream), request).await
    } else {
        exchange_on(TokioIo::new(stream), request).await
    }
}

async fn exchange_on<IO>(
    io: IO,
    request: http::Request<Body>,
) -> Result<(http::response::Parts, Bytes), String>
where
    IO: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let (mut sender, connection) = hyper::client::conn::http1::handshake(io)
        .await
        .map_err(|e| e.to_string())?;
    // Driven on its own task, stopped when this returns or is cancelled.
    let driver = tokio::spawn(async move {
        let _ = connection.await;
    });
    let _abort = AbortOnDrop(driver);
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| e.to_string())?;
    let (parts, body) = response.into_parts();
    let body = axum::body::to_bytes(Body::new(body), MAX_BODY_SIZE)
        .await
        .map_err(|e| {
            format!("cannot read the answer (at most {MAX_BODY_SIZE} bytes are recorded): {e}")
        })?;
    Ok((parts, body))
}

struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
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
}
