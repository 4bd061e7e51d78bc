//! Query tunneling: requests whose query string is too long for a URL are
//! sent as a POST carrying the query in the body.
//!
//! A tunneled request keeps its meaning: `X-HTTP-Method-Override` names the
//! original verb (a tunneled BATCH_DELETE is still a DELETE), and a server
//! can turn it back into the original with [`untunnel`].
//!
//! * Without a body: `Content-Type: application/x-www-form-urlencoded`, the
//!   query string as the body.
//! * With a JSON body: `multipart/mixed` with two parts, the form-encoded
//!   query string first and the JSON body second, separated by a boundary
//!   that occurs in neither.
//!
//! ```
//! use restli_codec::tunnel;
//!
//! let long_query = format!("ids=List({})", vec!["12345"; 900].join(","));
//! let request = http::Request::get(format!("https://api.linkedin.com/rest/adAccounts?{long_query}"))
//!     .body(Vec::new())?;
//! let tunneled = tunnel::tunnel(request)?;
//! assert_eq!(tunneled.method(), http::Method::POST);
//! assert_eq!(tunneled.uri(), "https://api.linkedin.com/rest/adAccounts");
//! assert_eq!(tunneled.headers()["x-http-method-override"], "GET");
//! assert_eq!(tunneled.body(), long_query.as_bytes());
//!
//! let original = tunnel::untunnel(tunneled)?;
//! assert_eq!(original.method(), http::Method::GET);
//! assert_eq!(original.uri().query(), Some(long_query.as_str()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use http::{Method, Request, Uri};

/// Query strings longer than this many bytes are tunneled by default.
pub const DEFAULT_THRESHOLD: usize = 4000;

/// The header that names the verb of a tunneled request.
pub use crate::header::METHOD_OVERRIDE;

const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";
const MULTIPART: &str = "multipart/mixed";

/// Why a request could not be tunneled or untunneled.
///
/// ```
/// let request = http::Request::post("http://localhost/x")
///     .header("x-http-method-override", "GET")
///     .header("content-type", "multipart/mixed")
///     .body(b"no boundary".to_vec())?;
/// let err = restli_codec::tunnel::untunnel(request).unwrap_err();
/// assert!(err.to_string().contains("boundary"));
/// # Ok::<(), http::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TunnelError {
    /// The URL could not be rebuilt (with or without its query).
    #[error("invalid URL while (un)tunneling: {0}")]
    InvalidUrl(String),
    /// `X-HTTP-Method-Override` is not a valid HTTP method.
    #[error("invalid X-HTTP-Method-Override value {0:?}")]
    InvalidOverride(String),
    /// A tunneled body that is neither a form nor a well-formed
    /// `multipart/mixed` of a form and a JSON part.
    #[error("malformed tunneled body: {0}")]
    MalformedBody(&'static str),
}

/// Whether a request with this query string should be tunneled.
///
/// ```
/// assert!(!restli_codec::tunnel::needs_tunnel("q=search", 4000));
/// assert!(restli_codec::tunnel::needs_tunnel(&"x".repeat(4001), 4000));
/// ```
pub fn needs_tunnel(query: &str, threshold: usize) -> bool {
    query.len() > threshold
}

/// Turns a request into its tunneled form: POST to the bare URL, the query
/// in the body. A request without a query string is returned unchanged.
///
/// The request's body, if not empty, must be the JSON body (the
/// `Content-Type` header of a request is replaced, and `Content-Length`
/// dropped for the transport to recompute).
///
/// # Errors
///
/// [`TunnelError::InvalidUrl`] if the URL cannot be rebuilt without its
/// query.
pub fn tunnel(request: Request<Vec<u8>>) -> Result<Request<Vec<u8>>, TunnelError> {
    let (mut parts, body) = request.into_parts();
    let Some(query) = parts.uri.query().map(str::to_owned) else {
        return Ok(Request::from_parts(parts, body));
    };
    parts.uri = with_query(&parts.uri, None)?;
    let original = std::mem::replace(&mut parts.method, Method::POST);
    let override_value = HeaderValue::from_str(original.as_str())
        .map_err(|_| TunnelError::InvalidOverride(original.to_string()))?;
    parts.headers.insert(METHOD_OVERRIDE, override_value);
    parts.headers.remove(CONTENT_LENGTH);
    let (content_type, body) = if body.is_empty() {
        (FORM.to_owned(), query.into_bytes())
    } else {
        let boundary = choose_boundary(query.as_bytes(), &body);
        let mut out = Vec::with_capacity(query.len() + body.len() + 4 * boundary.len() + 160);
        for (part_type, content) in [(FORM, query.as_bytes()), (JSON, &body[..])] {
            out.extend_from_slice(b"--");
            out.extend_from_slice(boundary.as_bytes());
            out.extend_from_slice(b"\r\nContent-Type: ");
            out.extend_from_slice(part_type.as_bytes());
            out.extend_from_slice(b"\r\n\r\n");
            out.extend_from_slice(content);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"--");
        out.extend_from_slice(boundary.as_bytes());
        out.extend_from_slice(b"--\r\n");
        (format!("{MULTIPART}; boundary={boundary}"), out)
    };
    let content_type = HeaderValue::from_str(&content_type)
        .map_err(|_| TunnelError::MalformedBody("unrepresentable content type"))?;
    parts.headers.insert(CONTENT_TYPE, content_type);
    Ok(Request::from_parts(parts, body))
}

/// Turns a tunneled request back into the one it stands for; any other
/// request is returned unchanged. This is what a Rest.li server does first.
///
/// # Errors
///
/// [`TunnelError::InvalidOverride`] for an override that is not a method,
/// [`TunnelError::MalformedBody`] for a body that is not a form or a
/// `multipart/mixed` form-then-JSON pair.
pub fn untunnel(request: Request<Vec<u8>>) -> Result<Request<Vec<u8>>, TunnelError> {
    let (mut parts, body) = request.into_parts();
    let Some(override_value) = parts.headers.remove(METHOD_OVERRIDE) else {
        return Ok(Request::from_parts(parts, body));
    };
    let text = override_value.to_str().unwrap_or_default();
    parts.method = Method::from_bytes(text.trim().as_bytes())
        .map_err(|_| TunnelError::InvalidOverride(text.to_owned()))?;
    let content_type = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let media_type = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let (query, json) = if media_type == FORM {
        let query = String::from_utf8(body)
            .map_err(|_| TunnelError::MalformedBody("the form body is not UTF-8"))?;
        (query, None)
    } else if media_type == MULTIPART {
        let boundary = boundary_param(&content_type).ok_or(TunnelError::MalformedBody(
            "multipart/mixed without a boundary",
        ))?;
        let (query, json) = split_multipart(&body, &boundary)?;
        (query, Some(json))
    } else {
        return Err(TunnelError::MalformedBody(
            "expected application/x-www-form-urlencoded or multipart/mixed",
        ));
    };
    parts.headers.remove(CONTENT_LENGTH);
    let body = match json {
        Some(json) => {
            parts
                .headers
                .insert(CONTENT_TYPE, HeaderValue::from_static(JSON));
            json
        }
        None => {
            parts.headers.remove(CONTENT_TYPE);
            Vec::new()
        }
    };
    let query = (!query.is_empty()).then_some(query.as_str());
    parts.uri = with_query(&parts.uri, query)?;
    Ok(Request::from_parts(parts, body))
}

/// The URI with its query replaced (or removed).
fn with_query(uri: &Uri, query: Option<&str>) -> Result<Uri, TunnelError> {
    let mut builder = Uri::builder();
    if let Some(scheme) = uri.scheme() {
        builder = builder.scheme(scheme.clone());
    }
    if let Some(authority) = uri.authority() {
        builder = builder.authority(authority.clone());
    }
    let path = uri.path();
    let path_and_query = match query {
        Some(q) => format!("{path}?{q}"),
        None => path.to_owned(),
    };
    builder
        .path_and_query(path_and_query)
        .build()
        .map_err(|e| TunnelError::InvalidUrl(e.to_string()))
}

/// A boundary occurring in neither part. It is derived from the content
/// (so the same request always tunnels to the same bytes) and lengthened
/// with a counter until it is absent from both parts.
fn choose_boundary(query: &[u8], body: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in query.iter().chain(body) {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let mut counter = 0u64;
    loop {
        let candidate = format!("restli-{hash:016x}-{counter}");
        if !contains(query, candidate.as_bytes()) && !contains(body, candidate.as_bytes()) {
            return candidate;
        }
        counter += 1;
        hash = hash.rotate_left(13) ^ counter;
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}

fn boundary_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"').to_owned())
            .filter(|b| !b.is_empty())
    })
}

/// Splits a two-part `multipart/mixed` body into the form-encoded query
/// string and the JSON body.
fn split_multipart(body: &[u8], boundary: &str) -> Result<(String, Vec<u8>), TunnelError> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut parts = Vec::new();
    let mut rest = body;
    let start = find(rest, delimiter).ok_or(TunnelError::MalformedBody(
        "the multipart body does not contain its boundary",
    ))?;
    rest = rest.get(start + delimiter.len()..).unwrap_or_default();
    loop {
        if rest.starts_with(b"--") {
            break;
        }
        rest = strip_line_break(rest);
        let end = find(rest, delimiter).ok_or(TunnelError::MalformedBody(
            "the multipart body is not closed by its boundary",
        ))?;
        let part = rest.get(..end).unwrap_or_default();
        parts.push(strip_trailing_line_break(part));
        rest = rest.get(end + delimiter.len()..).unwrap_or_default();
    }
    let [form, json] = parts.as_slice() else {
        return Err(TunnelError::MalformedBody(
            "expected exactly two parts: the query string and the JSON body",
        ));
    };
    let form = part_content(form)?;
    let json = part_content(json)?;
    let query = String::from_utf8(form.to_vec())
        .map_err(|_| TunnelError::MalformedBody("the form part is not UTF-8"))?;
    Ok((query, json.to_vec()))
}

/// A part's content: what follows the blank line after its headers.
fn part_content(part: &[u8]) -> Result<&[u8], TunnelError> {
    if let Some(i) = find(part, b"\r\n\r\n") {
        return Ok(part.get(i + 4..).unwrap_or_default());
    }
    if let Some(i) = find(part, b"\n\n") {
        return Ok(part.get(i + 2..).unwrap_or_default());
    }
    Err(TunnelError::MalformedBody(
        "a multipart part has no blank line after its headers",
    ))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn strip_line_break(s: &[u8]) -> &[u8] {
    s.strip_prefix(b"\r\n")
        .or_else(|| s.strip_prefix(b"\n"))
        .unwrap_or(s)
}

fn strip_trailing_line_break(s: &[u8]) -> &[u8] {
    s.strip_suffix(b"\r\n")
        .or_else(|| s.strip_suffix(b"\n"))
        .unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: Method, url: &str, body: &[u8]) -> Request<Vec<u8>> {
        let mut builder = Request::builder().method(method).uri(url);
        if !body.is_empty() {
            builder = builder.header(CONTENT_TYPE, JSON);
        }
        builder.body(body.to_vec()).unwrap()
    }

    #[test]
    fn multipart_round_trip() {
        let original = request(
            Method::PUT,
            "http://localhost/rest/x?ids=List(1,2)",
            br#"{"entities":{"1":{},"2":{}}}"#,
        );
        let tunneled = tunnel(original.clone()).unwrap();
        let content_type = tunneled.headers()[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(content_type.starts_with("multipart/mixed; boundary=restli-"));
        assert_eq!(tunneled.headers()[&METHOD_OVERRIDE], "PUT");
        let back = untunnel(tunneled).unwrap();
        assert_eq!(back.method(), original.method());
        assert_eq!(back.uri(), original.uri());
        assert_eq!(back.body(), original.body());
        assert_eq!(back.headers()[CONTENT_TYPE], JSON);
    }

    #[test]
    fn boundary_avoids_the_content() {
        let hash_boundary = choose_boundary(b"a", b"b");
        let body = format!("{{\"x\":\"{hash_boundary}\"}}");
        let chosen = choose_boundary(b"a", body.as_bytes());
        assert!(!body.contains(&chosen));
    }

    #[test]
    fn untunnel_rejects_garbage() {
        let bad = Request::post("http://localhost/x")
            .header(METHOD_OVERRIDE, "GET")
            .header(CONTENT_TYPE, "multipart/mixed; boundary=b")
            .body(b"--b\r\nno blank line\r\n--b--".to_vec())
            .unwrap();
        assert!(matches!(untunnel(bad), Err(TunnelError::MalformedBody(_))));
        let bad = Request::post("http://localhost/x")
            .header(METHOD_OVERRIDE, "G E T")
            .body(Vec::new())
            .unwrap();
        assert!(matches!(
            untunnel(bad),
            Err(TunnelError::InvalidOverride(_))
        ));
        let plain = Request::post("http://localhost/x")
            .body(b"{}".to_vec())
            .unwrap();
        assert_eq!(untunnel(plain).unwrap().body(), b"{}");
    }
}
