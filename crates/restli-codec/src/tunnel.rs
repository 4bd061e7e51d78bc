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
use http::request::Parts;
use http::{Method, Request, Uri};

use crate::excerpt;

/// Query strings longer than this many bytes are tunneled by default.
pub const DEFAULT_THRESHOLD: usize = 4000;

/// The header that names the verb of a tunneled request.
pub use crate::header::METHOD_OVERRIDE;

const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";
const MULTIPART: &str = "multipart/mixed";

/// The verbs `X-HTTP-Method-Override` may name, in both directions.
///
/// Rest.li's `r2-core/src/main/java/com/linkedin/r2/message/QueryTunnelUtil.java`
/// (`getValidHttpVerbs`, `validateOverride`) accepts these four and also
/// `OPTIONS`; no Rest.li method is sent as `OPTIONS`, so we refuse it: a
/// smaller set is the safe reading. The comparison is exact (case
/// sensitive), as there.
pub const OVERRIDABLE_METHODS: [Method; 4] =
    [Method::GET, Method::PUT, Method::DELETE, Method::POST];

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
    /// `X-HTTP-Method-Override` names something other than GET, PUT,
    /// DELETE or POST (the value is a bounded excerpt).
    #[error(
        "invalid X-HTTP-Method-Override value {0}: only GET, PUT, DELETE and POST can be tunneled"
    )]
    InvalidOverride(String),
    /// A tunneled body that is neither a form nor a well-formed
    /// `multipart/mixed` of a form and an entity part.
    #[error("malformed tunneled body: {0}")]
    MalformedBody(&'static str),
    /// The untunneled URL would be longer than an `http::Uri` can hold
    /// (65,534 bytes); the request can only be handled in its tunneled form.
    #[error(
        "the untunneled URL would be {len} bytes, more than an http::Uri holds ({max}); \
         handle the tunneled form instead"
    )]
    TooLong {
        /// The length the URL would have.
        len: usize,
        /// The most an `http::Uri` holds.
        max: usize,
    },
}

/// The longest URI `http::Uri` accepts (`u16::MAX - 1` bytes).
pub const MAX_URI_LEN: usize = (u16::MAX - 1) as usize;

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
/// A non-empty body keeps its own `Content-Type` (JSON when it has none)
/// as the second part of a `multipart/mixed` body; `Content-Length` is
/// dropped for the transport to recompute.
///
/// # Errors
///
/// [`TunnelError::InvalidOverride`] for a verb other than GET, PUT, DELETE
/// or POST; [`TunnelError::InvalidUrl`] if the URL cannot be rebuilt
/// without its query.
pub fn tunnel(request: Request<Vec<u8>>) -> Result<Request<Vec<u8>>, TunnelError> {
    let (mut parts, body) = request.into_parts();
    let Some(query) = parts.uri.query().map(str::to_owned) else {
        return Ok(Request::from_parts(parts, body));
    };
    parts.uri = with_query(&parts.uri, None)?;
    tunnel_parts(parts, &query, body)
}

/// Tunnels a request whose URI already lacks its query: `query` is the
/// query string it stands for. [`crate::Request::to_http`] uses it so that
/// a query longer than an `http::Uri` can hold is never put in one.
pub(crate) fn tunnel_parts(
    mut parts: Parts,
    query: &str,
    body: Vec<u8>,
) -> Result<Request<Vec<u8>>, TunnelError> {
    let original = std::mem::replace(&mut parts.method, Method::POST);
    if !OVERRIDABLE_METHODS.contains(&original) {
        return Err(TunnelError::InvalidOverride(excerpt::quote(
            original.as_str(),
        )));
    }
    let override_value = HeaderValue::from_str(original.as_str())
        .map_err(|_| TunnelError::InvalidOverride(excerpt::quote(original.as_str())))?;
    parts.headers.insert(METHOD_OVERRIDE, override_value);
    parts.headers.remove(CONTENT_LENGTH);
    let (content_type, body) = if body.is_empty() {
        (FORM.to_owned(), query.as_bytes().to_vec())
    } else {
        let entity_type = parts
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|t| !t.is_empty() && !t.contains(['\r', '\n']))
            .unwrap_or(JSON)
            .to_owned();
        let boundary = choose_boundary(query.as_bytes(), &body)?;
        let mut out = Vec::with_capacity(query.len() + body.len() + 4 * boundary.len() + 160);
        for (part_type, content) in [(FORM, query.as_bytes()), (entity_type.as_str(), &body[..])] {
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
/// As in Rest.li's `QueryTunnelUtil.decode`, a query the tunneled URL
/// already carried is kept, and the tunneled query is appended to it; the
/// entity part keeps its own `Content-Type`.
///
/// ```
/// let tunneled = http::Request::post("http://localhost/rest/x?uh=f")
///     .header("x-http-method-override", "GET")
///     .header("content-type", "application/x-www-form-urlencoded")
///     .body(b"q=search".to_vec())?;
/// let request = restli_codec::tunnel::untunnel(tunneled)?;
/// assert_eq!(request.uri(), "http://localhost/rest/x?uh=f&q=search");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`TunnelError::InvalidOverride`] for an override other than GET, PUT,
/// DELETE or POST, [`TunnelError::MalformedBody`] for a body that is not a
/// form or a `multipart/mixed` form-and-entity pair,
/// [`TunnelError::TooLong`] when the URL with its query would not fit an
/// `http::Uri` (a BATCH_GET of 20,000 ids: [`untunnel_split`] serves it).
pub fn untunnel(request: Request<Vec<u8>>) -> Result<Request<Vec<u8>>, TunnelError> {
    untunnel_split(request)?.into_request()
}

/// A request with its tunneling undone, the query kept apart from the URI:
/// an `http::Uri` holds at most 65,534 bytes, and a tunneled query (a
/// BATCH_GET of 20,000 ids, a finder with 2,000 URN criteria) is often
/// longer. See [`untunnel_split`].
///
/// Its `Debug` shows the method, the URI, the header names and the sizes of
/// the body and the query, never their bytes: a tunneled body can carry
/// anything the caller sent, tokens included.
#[derive(Clone)]
pub struct Untunneled {
    request: Request<Vec<u8>>,
    query: String,
}

impl std::fmt::Debug for Untunneled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Untunneled")
            .field("method", self.request.method())
            .field("uri", self.request.uri())
            .field(
                "headers",
                &self.request.headers().keys().collect::<Vec<_>>(),
            )
            .field("body_len", &self.request.body().len())
            .field("query_len", &self.query.len())
            .finish()
    }
}

impl Untunneled {
    /// The untunneled request: the original method, headers and entity;
    /// its URI is the one sent (with only the query the URL itself
    /// carried).
    ///
    /// ```
    /// let tunneled = http::Request::post("http://localhost/rest/x")
    ///     .header("x-http-method-override", "GET")
    ///     .header("content-type", "application/x-www-form-urlencoded")
    ///     .body(b"q=search".to_vec())?;
    /// let split = restli_codec::tunnel::untunnel_split(tunneled)?;
    /// assert_eq!(split.request().method(), http::Method::GET);
    /// assert_eq!(split.request().uri(), "http://localhost/rest/x");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn request(&self) -> &Request<Vec<u8>> {
        &self.request
    }

    /// The whole query the request stands for: the URL's own query, then
    /// the tunneled one (without `?`; empty when there is none).
    ///
    /// ```
    /// let tunneled = http::Request::post("http://localhost/rest/x?uh=f")
    ///     .header("x-http-method-override", "GET")
    ///     .header("content-type", "application/x-www-form-urlencoded")
    ///     .body(b"q=search".to_vec())?;
    /// assert_eq!(restli_codec::tunnel::untunnel_split(tunneled)?.query(), "uh=f&q=search");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn query(&self) -> &str {
        &self.query
    }

    /// The request and the whole query, apart.
    ///
    /// ```
    /// let plain = http::Request::get("http://localhost/rest/x?q=a").body(Vec::new())?;
    /// let (request, query) = restli_codec::tunnel::untunnel_split(plain)?.into_parts();
    /// assert_eq!((request.uri().path(), query.as_str()), ("/rest/x", "q=a"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_parts(self) -> (Request<Vec<u8>>, String) {
        (self.request, self.query)
    }

    /// The request with the whole query in its URI, as [`untunnel`] gives.
    ///
    /// ```
    /// let plain = http::Request::get("http://localhost/rest/x?q=a").body(Vec::new())?;
    /// let request = restli_codec::tunnel::untunnel_split(plain)?.into_request()?;
    /// assert_eq!(request.uri(), "http://localhost/rest/x?q=a");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`TunnelError::TooLong`] when the URI with the query would not fit
    /// an `http::Uri`.
    pub fn into_request(self) -> Result<Request<Vec<u8>>, TunnelError> {
        let (mut parts, body) = self.request.into_parts();
        if parts.uri.query().unwrap_or_default() != self.query {
            let len = uri_len_without_query(&parts.uri) + 1 + self.query.len();
            if len > MAX_URI_LEN {
                return Err(TunnelError::TooLong {
                    len,
                    max: MAX_URI_LEN,
                });
            }
            parts.uri = with_query(&parts.uri, Some(&self.query))?;
        }
        Ok(Request::from_parts(parts, body))
    }
}

/// Like [`untunnel`], but keeps the query apart from the URI, so that a
/// query of any length (the body is the caller's to bound) can be served;
/// a request that is not tunneled is returned with its own query.
///
/// ```
/// let ids = (1..=20_000).map(|i| i.to_string()).collect::<Vec<_>>().join(",");
/// let query = format!("ids=List({ids})");
/// let tunneled = http::Request::post("http://localhost/rest/adAccounts")
///     .header("x-http-method-override", "GET")
///     .header("content-type", "application/x-www-form-urlencoded")
///     .body(query.clone().into_bytes())?;
/// let split = restli_codec::tunnel::untunnel_split(tunneled)?;
/// assert_eq!(split.query(), query);
/// assert!(split.into_request().is_err(), "too long for an http::Uri");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As for [`untunnel`], except [`TunnelError::TooLong`].
pub fn untunnel_split(request: Request<Vec<u8>>) -> Result<Untunneled, TunnelError> {
    let (mut parts, body) = request.into_parts();
    let own_query = parts.uri.query().unwrap_or_default().to_owned();
    let Some(override_value) = parts.headers.remove(METHOD_OVERRIDE) else {
        return Ok(Untunneled {
            request: Request::from_parts(parts, body),
            query: own_query,
        });
    };
    let text = String::from_utf8_lossy(override_value.as_bytes());
    parts.method = OVERRIDABLE_METHODS
        .iter()
        .find(|m| m.as_str() == text.trim())
        .cloned()
        .ok_or_else(|| TunnelError::InvalidOverride(excerpt::quote(&text)))?;
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
    let (query, entity) = if media_type == FORM {
        let query = String::from_utf8(body)
            .map_err(|_| TunnelError::MalformedBody("the form body is not UTF-8"))?;
        (query, None)
    } else if media_type == MULTIPART {
        let boundary = boundary_param(&content_type).ok_or(TunnelError::MalformedBody(
            "multipart/mixed without a boundary",
        ))?;
        split_multipart(&body, &boundary)?
    } else {
        return Err(TunnelError::MalformedBody(
            "expected application/x-www-form-urlencoded or multipart/mixed",
        ));
    };
    parts.headers.remove(CONTENT_LENGTH);
    let body = match entity {
        Some((entity_type, entity)) => {
            let value = HeaderValue::from_str(&entity_type)
                .map_err(|_| TunnelError::MalformedBody("the entity part's content type"))?;
            parts.headers.insert(CONTENT_TYPE, value);
            entity
        }
        None => {
            parts.headers.remove(CONTENT_TYPE);
            Vec::new()
        }
    };
    let query = match (own_query.is_empty(), query.is_empty()) {
        (_, true) => own_query,
        (true, false) => query,
        (false, false) => format!("{own_query}&{query}"),
    };
    Ok(Untunneled {
        request: Request::from_parts(parts, body),
        query,
    })
}

/// How long the URI is without its query: scheme, authority and path.
fn uri_len_without_query(uri: &Uri) -> usize {
    uri.scheme_str().map_or(0, |s| s.len() + 3)
        + uri.authority().map_or(0, |a| a.as_str().len())
        + uri.path().len()
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
        .map_err(|e| TunnelError::InvalidUrl(excerpt::quote(&e.to_string())))
}

/// How many boundaries [`choose_boundary`] tries before giving up; each try
/// is one linear scan, and content that contains this many of our
/// content-derived candidates was built to defeat it.
const BOUNDARY_TRIES: u64 = 64;

/// A boundary occurring in neither part. It is derived from the content
/// (so the same request always tunnels to the same bytes) and changed
/// with a counter until it is absent from both parts.
fn choose_boundary(query: &[u8], body: &[u8]) -> Result<String, TunnelError> {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in query.iter().chain(body) {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    for counter in 0..BOUNDARY_TRIES {
        let candidate = format!("restli-{hash:016x}-{counter}");
        if find(query, candidate.as_bytes()).is_none() && find(body, candidate.as_bytes()).is_none()
        {
            return Ok(candidate);
        }
        hash = hash.rotate_left(13) ^ counter.wrapping_add(1);
    }
    Err(TunnelError::MalformedBody(
        "no multipart boundary absent from the content was found",
    ))
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

/// An entity part: its content type and bytes.
type Entity = (String, Vec<u8>);

/// Splits a `multipart/mixed` body into the form-encoded query string and
/// the entity (with its content type), as Rest.li's
/// `QueryTunnelUtil.doDecode` does: the first form part is the query, the
/// first other part the entity. A third part is refused (Rest.li logs and
/// ignores it; refusing is the safe reading). Every search is one linear
/// `memchr::memmem` scan, so the whole split is linear in the body.
fn split_multipart(body: &[u8], boundary: &str) -> Result<(String, Option<Entity>), TunnelError> {
    let delimiter = format!("--{boundary}");
    let finder = memchr::memmem::Finder::new(delimiter.as_bytes());
    let delimiter_len = delimiter.len();
    let mut query = None;
    let mut entity = None;
    let start = finder.find(body).ok_or(TunnelError::MalformedBody(
        "the multipart body does not contain its boundary",
    ))?;
    let mut rest = body.get(start + delimiter_len..).unwrap_or_default();
    let mut count = 0usize;
    loop {
        if rest.starts_with(b"--") {
            break;
        }
        count += 1;
        if count > 2 {
            return Err(TunnelError::MalformedBody(
                "expected at most two parts: the query string and the entity",
            ));
        }
        rest = strip_line_break(rest);
        let end = finder.find(rest).ok_or(TunnelError::MalformedBody(
            "the multipart body is not closed by its boundary",
        ))?;
        let part = strip_trailing_line_break(rest.get(..end).unwrap_or_default());
        let (headers, content) = part_split(part)?;
        let part_type = part_content_type(headers);
        let is_form = part_type
            .split(';')
            .next()
            .is_some_and(|t| t.trim().eq_ignore_ascii_case(FORM));
        if is_form && query.is_none() {
            query = Some(
                String::from_utf8(content.to_vec())
                    .map_err(|_| TunnelError::MalformedBody("the form part is not UTF-8"))?,
            );
        } else if entity.is_none() {
            let part_type = if part_type.is_empty() {
                JSON
            } else {
                part_type
            };
            entity = Some((part_type.to_owned(), content.to_vec()));
        } else {
            return Err(TunnelError::MalformedBody(
                "two entity parts: only one body can be tunneled",
            ));
        }
        rest = rest.get(end + delimiter_len..).unwrap_or_default();
    }
    let query = query.ok_or(TunnelError::MalformedBody(
        "no application/x-www-form-urlencoded part carries the query string",
    ))?;
    Ok((query, entity))
}

/// A part's headers and content (what follows the blank line).
fn part_split(part: &[u8]) -> Result<(&[u8], &[u8]), TunnelError> {
    let crlf = find(part, b"\r\n\r\n").map(|i| (i, 4));
    let lf = find(part, b"\n\n").map(|i| (i, 2));
    let (i, len) = match (crlf, lf) {
        (Some(a), Some(b)) => {
            if a.0 <= b.0 {
                a
            } else {
                b
            }
        }
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => {
            // A part without headers starts with its blank line.
            if let Some(content) = part.strip_prefix(b"\r\n") {
                return Ok((&[], content));
            }
            return Err(TunnelError::MalformedBody(
                "a multipart part has no blank line after its headers",
            ));
        }
    };
    Ok((
        part.get(..i).unwrap_or_default(),
        part.get(i + len..).unwrap_or_default(),
    ))
}

/// The `Content-Type` among a part's headers (empty when absent).
fn part_content_type(headers: &[u8]) -> &str {
    std::str::from_utf8(headers)
        .unwrap_or_default()
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("content-type")
                .then(|| value.trim())
        })
        .unwrap_or_default()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
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
        let hash_boundary = choose_boundary(b"a", b"b").unwrap();
        let body = format!("{{\"x\":\"{hash_boundary}\"}}");
        let chosen = choose_boundary(b"a", body.as_bytes()).unwrap();
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
