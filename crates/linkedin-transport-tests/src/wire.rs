//! Small helpers over `linkedin_test_support`'s [`HostileServer`]: JSON
//! answers, a request's untunneled view, its form fields.
//!
//! ```
//! use linkedin_transport_tests::wire;
//!
//! let server = wire::serve(|_, _| wire::json(200, &serde_json::json!({"id": 1})));
//! assert!(server.origin().starts_with("http://127.0.0.1:"));
//! ```

use std::collections::BTreeMap;
use std::time::Duration;

use linkedin_test_support::{HostileServer, Recorded, Script, Step};
use serde_json::Value;

/// Starts a [`HostileServer`] with this handler.
///
/// ```
/// let server = linkedin_transport_tests::wire::serve(|_, _| linkedin_transport_tests::wire::status(204));
/// assert_eq!(server.request_count(), 0);
/// ```
pub fn serve(
    handler: impl Fn(&Recorded, usize) -> Script + Send + Sync + 'static,
) -> HostileServer {
    HostileServer::start(handler)
}

/// A JSON answer.
///
/// ```
/// let _ = linkedin_transport_tests::wire::json(200, &serde_json::json!({}));
/// ```
pub fn json(status: u16, body: &Value) -> Script {
    Script::json(status, &body.to_string())
}

/// A JSON answer with extra headers.
///
/// ```
/// let _ = linkedin_transport_tests::wire::json_with(404, &[("x-restli-error-response", "true")], &serde_json::json!({}));
/// ```
pub fn json_with(status: u16, headers: &[(&str, &str)], body: &Value) -> Script {
    let mut all = vec![("content-type", "application/json")];
    all.extend_from_slice(headers);
    Script::respond(status, &all, body.to_string().as_bytes())
}

/// An empty answer.
///
/// ```
/// let _ = linkedin_transport_tests::wire::status(204);
/// ```
pub fn status(status: u16) -> Script {
    Script::respond(status, &[], b"")
}

/// An empty answer with headers.
///
/// ```
/// let _ = linkedin_transport_tests::wire::with_headers(201, &[("x-restli-id", "1")]);
/// ```
pub fn with_headers(status: u16, headers: &[(&str, &str)]) -> Script {
    Script::respond(status, headers, b"")
}

/// Reads the request and never answers.
///
/// ```
/// let _ = linkedin_transport_tests::wire::hang();
/// ```
pub fn hang() -> Script {
    Script(vec![Step::Hang])
}

/// A script after a pause.
///
/// ```
/// use std::time::Duration;
/// let _ = linkedin_transport_tests::wire::later(Duration::from_millis(5), linkedin_transport_tests::wire::status(204));
/// ```
pub fn later(delay: Duration, script: Script) -> Script {
    script.after(delay)
}

/// Part of a status line and headers, then the connection closes.
///
/// ```
/// let _ = linkedin_transport_tests::wire::close_in_head();
/// ```
pub fn close_in_head() -> Script {
    Script(vec![
        Step::Write(b"HTTP/1.1 200 OK\r\ncontent-le".to_vec()),
        Step::Close,
    ])
}

/// The request as it was before query tunneling (itself when it was not
/// tunneled).
///
/// # Panics
///
/// When the request is not a valid (tunneled) request.
///
/// ```
/// let r = linkedin_test_support::Recorded {
///     method: "GET".into(), target: "/v2/me?a=1".into(), headers: vec![], body: vec![],
/// };
/// assert_eq!(linkedin_transport_tests::wire::untunneled(&r).target, "/v2/me?a=1");
/// ```
pub fn untunneled(request: &Recorded) -> Recorded {
    let mut builder = http::Request::builder()
        .method(request.method.as_str())
        .uri(format!("http://127.0.0.1{}", request.target));
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let http = builder
        .body(request.body.clone())
        .expect("a request the server could read");
    let (parts, body) = restli_codec::tunnel::untunnel(http)
        .expect("a valid tunneled request")
        .into_parts();
    Recorded {
        method: parts.method.to_string(),
        target: parts
            .uri
            .path_and_query()
            .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned()),
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    v.to_str().unwrap_or_default().to_owned(),
                )
            })
            .collect(),
        body,
    }
}

/// The body as JSON (`null` when it is not JSON).
///
/// ```
/// let r = linkedin_test_support::Recorded {
///     method: "POST".into(), target: "/".into(), headers: vec![], body: b"{\"a\":1}".to_vec(),
/// };
/// assert_eq!(linkedin_transport_tests::wire::body_json(&r)["a"], 1);
/// ```
pub fn body_json(request: &Recorded) -> Value {
    serde_json::from_slice(&request.body).unwrap_or(Value::Null)
}

/// The body's form fields (raw, not percent-decoded).
///
/// ```
/// let r = linkedin_test_support::Recorded {
///     method: "POST".into(), target: "/".into(), headers: vec![], body: b"a=1&b=2".to_vec(),
/// };
/// assert_eq!(linkedin_transport_tests::wire::form(&r)["b"], "2");
/// ```
pub fn form(request: &Recorded) -> BTreeMap<String, String> {
    String::from_utf8_lossy(&request.body)
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// Requests the server read on `path`.
///
/// ```
/// let server = linkedin_transport_tests::wire::serve(|_, _| linkedin_transport_tests::wire::status(204));
/// assert!(linkedin_transport_tests::wire::on(&server, "/v2/me").is_empty());
/// ```
pub fn on(server: &HostileServer, path: &str) -> Vec<Recorded> {
    server
        .requests()
        .into_iter()
        .filter(|r| r.path() == path)
        .collect()
}

/// The status of an error, as a number.
///
/// ```
/// let err = linkedin_client_core::Error::from(linkedin_client_core::TokenError::Missing);
/// assert_eq!(linkedin_transport_tests::wire::status_of(&err), None);
/// ```
pub fn status_of(err: &linkedin_client_core::Error) -> Option<u16> {
    err.status().map(|s| s.as_u16())
}
