//! A Rest.li request read off the wire: which method, which collection and
//! key, which parameters, which body.

use http::request::Parts;
use restli_codec::{Method, header};
use serde_json::Value;

use super::query::Params;
use crate::errors::ApiError;
use crate::store::Key;

/// One decoded Rest.li request.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Call {
    pub(crate) method: Method,
    /// The collection (or simple resource) path: resource names and
    /// canonical parent keys, without the API prefix.
    pub(crate) collection: String,
    /// The entity key in the path, if any.
    pub(crate) key: Option<Key>,
    pub(crate) params: Params,
    pub(crate) body: Option<Value>,
    /// The request path as sent, for `Location` headers.
    pub(crate) path: String,
    /// `LinkedIn-Version` as YYYYMM, for versioned (`/rest`) calls.
    pub(crate) version: Option<u32>,
}

/// The collection path and optional key of `/{resource}[/{key}[/{sub}[/{key}]]]`.
fn split_path(path: &str) -> Result<(String, Option<Key>), ApiError> {
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        return Err(ApiError::not_found("no resource in the path"));
    }
    let segments: Vec<&str> = trimmed.split('/').collect();
    let mut collection = Vec::with_capacity(segments.len());
    let mut key = None;
    for (i, segment) in segments.iter().enumerate() {
        if segment.is_empty() {
            return Err(ApiError::bad_request(format!(
                "empty path segment in {path:?}"
            )));
        }
        if i % 2 == 0 {
            collection.push((*segment).to_owned());
            continue;
        }
        let parsed = Key::parse_url(segment).map_err(|e| {
            ApiError::bad_request(format!("invalid key {segment:?} in the path: {e}"))
        })?;
        if i + 1 == segments.len() {
            key = Some(parsed);
        } else {
            collection.push(parsed.canonical);
        }
    }
    Ok((collection.join("/"), key))
}

impl Call {
    /// The collection path and optional trailing key of a resource path
    /// without the API prefix.
    pub(crate) fn collection_path(path: &str) -> Result<(String, Option<Key>), ApiError> {
        split_path(path)
    }

    /// Reads a request to `{prefix}/...`. `is_simple` tells whether a simple
    /// resource lives at a collection path (to infer methods without
    /// `X-RestLi-Method`).
    pub(crate) fn parse(
        prefix: &str,
        parts: &Parts,
        body: &[u8],
        is_simple: impl Fn(&str) -> bool,
    ) -> Result<Call, ApiError> {
        let path = parts.uri.path();
        let resource = path.strip_prefix(prefix).unwrap_or(path);
        let (collection, key) = split_path(resource)?;
        let params = Params::parse(crate::tunnel::query_of(parts))?;
        let body = if body.iter().all(u8::is_ascii_whitespace) {
            None
        } else {
            Some(serde_json::from_slice::<Value>(body).map_err(|e| {
                ApiError::invalid_input(
                    "INVALID_VALUE",
                    "/",
                    format!("the body is not valid JSON: {e}"),
                )
            })?)
        };
        let declared = parts
            .headers
            .get(header::RESTLI_METHOD)
            .map(|value| {
                let text = value.to_str().unwrap_or_default();
                text.parse::<Method>()
                    .map_err(|e| ApiError::bad_request(e.to_string()))
            })
            .transpose()?;
        let method = match declared {
            Some(method) => method,
            None => infer(
                &parts.method,
                key.is_some(),
                &params,
                is_simple(&collection),
            )?,
        };
        if method.http_method() != parts.method {
            return Err(ApiError::bad_request(format!(
                "X-RestLi-Method {method} must be sent with HTTP {}, not {}",
                method.http_method(),
                parts.method
            )));
        }
        // The version header was checked by `require_linkedin_version`;
        // only its YYYYMM part matters here.
        let version = (prefix == "/rest")
            .then(|| parts.headers.get(header::LINKEDIN_VERSION))
            .flatten()
            .and_then(|value| value.to_str().ok())
            .and_then(|text| text.get(..6))
            .and_then(|text| text.parse::<u32>().ok());
        Ok(Call {
            method,
            collection,
            key,
            params,
            body,
            path: path.to_owned(),
            version,
        })
    }
}

/// The method of a request without `X-RestLi-Method`, from its verb, key
/// and parameters.
fn infer(
    verb: &http::Method,
    has_key: bool,
    params: &Params,
    simple: bool,
) -> Result<Method, ApiError> {
    let method = match *verb {
        http::Method::GET if has_key => Method::Get,
        http::Method::GET if params.contains("ids") => Method::BatchGet,
        http::Method::GET if params.contains("q") => Method::Finder,
        http::Method::GET if params.contains("bq") => Method::BatchFinder,
        http::Method::GET if simple => Method::Get,
        http::Method::GET => Method::GetAll,
        http::Method::POST if params.contains("action") => Method::Action,
        http::Method::POST if has_key || simple => Method::PartialUpdate,
        http::Method::POST if params.contains("ids") => Method::BatchPartialUpdate,
        http::Method::POST => Method::Create,
        http::Method::PUT if params.contains("ids") => Method::BatchUpdate,
        http::Method::PUT => Method::Update,
        http::Method::DELETE if params.contains("ids") => Method::BatchDelete,
        http::Method::DELETE => Method::Delete,
        _ => {
            return Err(ApiError::new(
                http::StatusCode::METHOD_NOT_ALLOWED,
                "METHOD_NOT_ALLOWED",
                format!("HTTP {verb} is not a Rest.li method"),
            ));
        }
    };
    Ok(method)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(method: &str, uri: &str, restli_method: Option<&str>) -> Parts {
        let mut builder = http::Request::builder().method(method).uri(uri);
        if let Some(m) = restli_method {
            builder = builder.header("x-restli-method", m);
        }
        builder.body(()).unwrap().into_parts().0
    }

    fn call(method: &str, uri: &str) -> Call {
        Call::parse("/rest", &parts(method, uri, None), b"", |c| c == "me").unwrap()
    }

    #[test]
    fn paths_and_keys() {
        let c = call("GET", "/rest/adAccounts/123/adCampaigns/urn%3Ali%3Ax%3A1");
        assert_eq!(c.collection, "adAccounts/123/adCampaigns");
        assert_eq!(c.key.unwrap().canonical, "urn%3Ali%3Ax%3A1");
        let c = call("GET", "/rest/things/(b:2,a:x%20y)/sub");
        assert_eq!(c.collection, "things/(a:x y,b:2)/sub");
        assert!(c.key.is_none());
    }

    #[test]
    fn inference() {
        let cases = [
            ("GET", "/rest/a/1", Method::Get),
            ("GET", "/rest/a?ids=List(1)", Method::BatchGet),
            ("GET", "/rest/a?q=search", Method::Finder),
            ("GET", "/rest/a?bq=search&c=List()", Method::BatchFinder),
            ("GET", "/rest/a", Method::GetAll),
            ("GET", "/rest/me", Method::Get),
            ("POST", "/rest/a?action=go", Method::Action),
            ("POST", "/rest/a/1", Method::PartialUpdate),
            ("POST", "/rest/a?ids=List(1)", Method::BatchPartialUpdate),
            ("POST", "/rest/a", Method::Create),
            ("PUT", "/rest/a/1", Method::Update),
            ("PUT", "/rest/a?ids=List(1)", Method::BatchUpdate),
            ("DELETE", "/rest/a/1", Method::Delete),
            ("DELETE", "/rest/a?ids=List(1)", Method::BatchDelete),
        ];
        for (verb, uri, method) in cases {
            assert_eq!(call(verb, uri).method, method, "{verb} {uri}");
        }
    }

    #[test]
    fn header_wins_but_must_match_the_verb() {
        let p = parts("POST", "/rest/a", Some("BATCH_CREATE"));
        assert_eq!(
            Call::parse("/rest", &p, b"", |_| false).unwrap().method,
            Method::BatchCreate
        );
        let p = parts("GET", "/rest/a", Some("create"));
        assert_eq!(
            Call::parse("/rest", &p, b"", |_| false).unwrap_err().status,
            400
        );
        let p = parts("GET", "/rest/a", Some("fetch"));
        assert_eq!(
            Call::parse("/rest", &p, b"", |_| false).unwrap_err().status,
            400
        );
    }

    #[test]
    fn bad_keys_and_bodies() {
        let p = parts("GET", "/rest/a/(x:1", None);
        let err = Call::parse("/rest", &p, b"", |_| false).unwrap_err();
        assert!(err.message.contains("at byte"), "{}", err.message);
        let p = parts("POST", "/rest/a", None);
        assert_eq!(
            Call::parse("/rest", &p, b"{", |_| false)
                .unwrap_err()
                .status,
            400
        );
    }
}
