//! How a request is matched to a recording: its comparison [`Key`]
//! (untunneled, redacted as the recorder redacts, then decoded: see the
//! parent module's page for the rules), and how far a recording is from
//! it ([`compare`]), in a score and in words.

use std::collections::{BTreeMap, BTreeSet};

use http::HeaderMap;
use percent_encoding::percent_decode_str;
use restli_codec::PROJECTION_PARAMS;
use restli_codec::header::METHOD_OVERRIDE;
use serde_json::Value;

use crate::errors::excerpt;
use crate::record::body_by_name;
use crate::redact::Redactor;

/// What a request is compared by.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Key {
    method: String,
    path: Vec<String>,
    query: BTreeMap<String, Vec<String>>,
    body: NormalBody,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum NormalBody {
    Empty,
    Json(Value),
    Form(Vec<(String, String)>),
    Bytes(Vec<u8>),
}

/// The comparison key of a request: untunneled, redacted as the recorder
/// redacts, then decoded.
pub(super) fn key_of(
    redactor: &mut Redactor,
    method: &str,
    path: &str,
    query: Option<&str>,
    headers: &HeaderMap,
    body: &[u8],
) -> Key {
    let mut method = method.to_ascii_uppercase();
    let mut path = path.to_owned();
    let mut query = query.map(str::to_owned);
    let mut headers = headers.clone();
    let mut body = body.to_vec();
    if method == "POST" && headers.contains_key(METHOD_OVERRIDE) {
        let target = match &query {
            Some(query) => format!("{path}?{query}"),
            None => path.clone(),
        };
        let tunneled = http::Request::post(target)
            .body(body.clone())
            .map(|mut request| {
                *request.headers_mut() = headers.clone();
                request
            });
        // A request that does not untunnel is compared as it came.
        if let Ok(Ok(original)) = tunneled.map(restli_codec::tunnel::untunnel) {
            method = original.method().as_str().to_owned();
            path = original.uri().path().to_owned();
            query = original.uri().query().map(str::to_owned);
            headers = original.headers().clone();
            body = original.into_body();
        }
    }
    // Learn the live request's secrets from its headers, then redact as
    // the recorder did.
    for (name, value) in &headers {
        redactor.header_by_name(name.as_str(), &String::from_utf8_lossy(value.as_bytes()));
    }
    let query = query.map(|q| redactor.query_by_name(&q));
    let mut recorded = body_by_name(redactor, &headers, &body);
    let query = query.map(|q| redactor.text_by_value(&q));
    let path = redactor.text_by_value(&path);
    if let Some(value) = &mut recorded.body {
        redactor.json_by_value(value);
    }
    if let Some(text) = &mut recorded.body_text {
        *text = redactor.text_by_value(text);
    }
    let bytes = recorded.to_bytes().unwrap_or_default();
    let body = match (recorded.body, recorded.body_text, bytes) {
        (Some(value), _, _) => NormalBody::Json(value),
        (None, Some(text), _) if is_form(&headers, &text) => NormalBody::Form(form_pairs(&text)),
        (None, _, bytes) if bytes.is_empty() => NormalBody::Empty,
        (None, _, bytes) => NormalBody::Bytes(bytes),
    };
    Key {
        method,
        path: path.split('/').map(canonical_value).collect(),
        query: query.as_deref().map(query_map).unwrap_or_default(),
        body,
    }
}

fn is_form(headers: &HeaderMap, text: &str) -> bool {
    let declared = headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.to_ascii_lowercase().contains("x-www-form-urlencoded"));
    declared || (!text.contains(char::is_whitespace) && text.contains('='))
}

/// A form's pairs decoded and sorted.
fn form_pairs(text: &str) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = url::form_urlencoded::parse(text.as_bytes())
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    pairs.sort();
    pairs
}

/// A Rest.li value (path segment or query value) in its one canonical
/// encoding; text that does not decode is taken as a string.
fn canonical_value(raw: &str) -> String {
    let value = restli_codec::from_str::<Value>(raw).unwrap_or_else(|_| {
        // Grammar characters left unescaped (`urn:li:person:1` in a path,
        // as many clients send it): the text itself.
        Value::String(percent_decode_str(raw).decode_utf8_lossy().into_owned())
    });
    restli_codec::to_string(&value).unwrap_or_else(|_| raw.to_owned())
}

/// The query's parameters by decoded name, each value canonical (a
/// projection parsed and printed again).
fn query_map(query: &str) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = restli_codec::from_str::<String>(raw_name).unwrap_or_else(|_| {
            percent_decode_str(raw_name)
                .decode_utf8_lossy()
                .into_owned()
        });
        let value = if PROJECTION_PARAMS.contains(&name.as_str()) {
            let decoded = percent_decode_str(raw_value).decode_utf8_lossy();
            restli_codec::projection::Projection::parse(&decoded)
                .map(|projection| projection.to_string())
                .unwrap_or_else(|_| decoded.into_owned())
        } else {
            canonical_value(raw_value)
        };
        map.entry(name).or_default().push(value);
    }
    map
}

/// How far a recording is from a request (lower is closer), and what
/// differs, in words.
pub(super) fn compare(recorded: &Key, sent: &Key) -> (u32, Vec<String>) {
    let mut score = 0u32;
    let mut differences = Vec::new();
    if recorded.method != sent.method {
        score += 100;
        differences.push(format!("method: recorded {}", recorded.method));
    }
    if recorded.path != sent.path {
        let differing = recorded
            .path
            .iter()
            .zip(&sent.path)
            .filter(|(a, b)| a != b)
            .count()
            + recorded.path.len().abs_diff(sent.path.len());
        score += 10 * u32::try_from(differing).unwrap_or(u32::MAX / 20).min(1000);
        differences.push(format!(
            "path: recorded {}",
            excerpt(&recorded.path.join("/"))
        ));
    }
    let names: BTreeSet<&String> = recorded.query.keys().chain(sent.query.keys()).collect();
    for name in names {
        match (recorded.query.get(name), sent.query.get(name)) {
            (Some(a), Some(b)) if a == b => {}
            (Some(a), Some(_)) => {
                score += 3;
                differences.push(format!(
                    "query {}: recorded {}",
                    excerpt(name),
                    excerpt(&a.join(","))
                ));
            }
            (Some(_), None) => {
                score += 3;
                differences.push(format!("query {}: recorded, not sent", excerpt(name)));
            }
            (None, _) => {
                score += 3;
                differences.push(format!("query {}: sent, not recorded", excerpt(name)));
            }
        }
    }
    if recorded.body != sent.body {
        score += 5;
        let shown = match &recorded.body {
            NormalBody::Empty => "none".to_owned(),
            NormalBody::Json(value) => excerpt(&value.to_string()),
            NormalBody::Form(pairs) => excerpt(
                &pairs
                    .iter()
                    .map(|(n, v)| format!("{n}={v}"))
                    .collect::<Vec<_>>()
                    .join("&"),
            ),
            NormalBody::Bytes(bytes) => format!("{} bytes", bytes.len()),
        };
        differences.push(format!("body: recorded {shown}"));
    }
    (score, differences)
}

#[cfg(test)]
mod tests {
    use http::HeaderValue;

    use super::*;
    use proptest::prelude::*;

    fn key(method: &str, target: &str, body: &[u8]) -> Key {
        let (path, query) = match target.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (target, None),
        };
        key_of(
            &mut Redactor::default(),
            method,
            path,
            query,
            &HeaderMap::new(),
            body,
        )
    }

    #[test]
    fn equivalent_encodings_match() {
        assert_eq!(
            key(
                "GET",
                "/rest/adAccounts?q=search&search=(status:(values:List(ACTIVE)),test:false)",
                b""
            ),
            key(
                "GET",
                "/rest/adAccounts?search=(test:false,status:(values:List(%41CTIVE)))&q=search",
                b""
            )
        );
        assert_eq!(
            key("GET", "/v2/people/urn%3Ali%3Aperson%3A1", b""),
            key("get", "/v2/people/urn:li:person:1", b"")
        );
        assert_eq!(
            key("GET", "/v2/me?fields=id,name:(first,last)", b""),
            key("GET", "/v2/me?fields=name:(last,first),id", b"")
        );
        assert_eq!(
            key("POST", "/rest/posts", br#"{"a":1, "b":[2]}"#),
            key("POST", "/rest/posts", br#"{"b":[2],"a":1}"#)
        );
        assert_ne!(
            key("GET", "/v2/me?fields=id", b""),
            key("GET", "/v2/me?fields=name", b"")
        );
        assert_ne!(key("GET", "/a?count=1", b""), key("GET", "/a?count=2", b""));
        assert_ne!(key("GET", "/a", b""), key("DELETE", "/a", b""));
    }

    #[test]
    fn secrets_match_redacted_recordings() {
        let live = key(
            "POST",
            "/oauth/v2/accessToken",
            b"grant_type=authorization_code&code=live-code-123&client_secret=s3cr3t-value",
        );
        let recorded = key(
            "POST",
            "/oauth/v2/accessToken",
            b"client_secret=REDACTED&grant_type=authorization_code&code=REDACTED",
        );
        assert_eq!(live, recorded);
    }

    #[test]
    fn tunneled_requests_match_their_originals() {
        let mut headers = HeaderMap::new();
        headers.insert(METHOD_OVERRIDE, HeaderValue::from_static("GET"));
        headers.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        let tunneled = key_of(
            &mut Redactor::default(),
            "POST",
            "/rest/adAccounts",
            None,
            &headers,
            b"q=search&start=0",
        );
        assert_eq!(
            tunneled,
            key("GET", "/rest/adAccounts?start=0&q=search", b"")
        );
    }

    #[test]
    fn differences_are_named() {
        let (score, differences) = compare(
            &key("GET", "/rest/adAccounts?q=search&count=10", b""),
            &key("GET", "/rest/adAccounts?q=search&count=20&start=5", b""),
        );
        assert_eq!(score, 6);
        assert_eq!(
            differences,
            [
                "query \"count\": recorded \"10\"",
                "query \"start\": sent, not recorded"
            ]
        );
    }

    proptest! {
        /// Parameter order never changes the key.
        #[test]
        fn parameter_order_does_not_matter(
            params in proptest::collection::btree_map("[a-z]{1,6}", "[A-Za-z0-9]{0,6}", 0..6)
        ) {
            let forward: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let backward: Vec<String> = forward.iter().rev().cloned().collect();
            prop_assert_eq!(
                key("GET", &format!("/x?{}", forward.join("&")), b""),
                key("GET", &format!("/x?{}", backward.join("&")), b"")
            );
        }

        /// No request, however odd, panics the matcher.
        #[test]
        fn any_request_gets_a_key(
            path in "/[ -~]{0,40}",
            query in "[ -~]{0,40}",
            body in proptest::collection::vec(any::<u8>(), 0..64),
        ) {
            let _ = key_of(&mut Redactor::default(), "POST", &path, Some(&query), &HeaderMap::new(), &body);
            let _ = query_map(&query);
        }
    }
}
