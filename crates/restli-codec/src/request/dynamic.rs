//! The untyped core every request is built on: method, path, keys, query,
//! body, headers, and the first error a builder method met.

use std::collections::BTreeMap;

use http::HeaderMap;
use http::header::{HeaderName, HeaderValue};
use serde::Serialize;
use serde_json::{Map, Value};

use super::RequestError;
use crate::endpoint::ApiBase;
use crate::excerpt;
use crate::method::Method;
use crate::projection::Fields;
use crate::query::{
    METADATA_PROJECTION_PARAM, PAGING_PROJECTION_PARAM, PROJECTION_PARAM, QueryParams,
};
use crate::version::LinkedInVersion;

/// One Rest.li request of a method known only at run time, not yet turned
/// into HTTP: what every typed request ([`Get`](crate::Get),
/// [`Finder`](crate::Finder), ...) is built on and converts into. Sent as
/// such, it is answered by a [`RawResponse`](crate::response::RawResponse)
/// (a command-line tool's `api METHOD PATH`); in code that knows its
/// method, send the typed request instead.
///
/// Clone it to send variations (the pager changes `start` with
/// [`DynamicRequest::page`]). Errors from the builder methods are kept and
/// reported by [`DynamicRequest::to_http`], so calls chain without `?`.
///
/// ```
/// use linkedin::restli::{DynamicRequest, Method, Request, RequestConfig};
///
/// let request: DynamicRequest = Request::get("/adAccounts/{id}").key("id", &507404993).into();
/// let request = request.fields("id,name");
/// assert_eq!(request.method(), Method::Get);
/// let http = request.to_http(&RequestConfig::new(), None)?;
/// assert_eq!(http.uri(), "https://api.linkedin.com/v2/adAccounts/507404993?fields=id,name");
/// assert_eq!(http.headers()["x-restli-protocol-version"], "2.0.0");
/// # Ok::<(), linkedin::restli::RequestError>(())
/// ```
///
/// Its `Debug` shows the method, path, keys and query (but the values of
/// token and secret parameters), and only the names of extra headers and not
/// the body: either can carry a secret (an `Authorization` header set with
/// `header`, a token in an action's parameters).
#[derive(Clone)]
pub struct DynamicRequest {
    pub(super) method: Method,
    pub(super) path: String,
    pub(super) keys: BTreeMap<String, String>,
    pub(super) query: QueryParams,
    pub(super) body: Option<Value>,
    pub(super) version: Option<LinkedInVersion>,
    pub(super) base: Option<ApiBase>,
    pub(super) headers: HeaderMap,
    pub(super) error: Option<RequestError>,
}

impl std::fmt::Debug for DynamicRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DynamicRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("keys", &self.keys)
            .field("query", &self.query)
            .field("body", &self.body.as_ref().map(|_| "<redacted>"))
            .field("version", &self.version)
            .field("base", &self.base)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .field("error", &self.error)
            .finish()
    }
}

pub(super) fn body_value<T: Serialize + ?Sized>(
    value: &T,
    what: &'static str,
) -> Result<Value, RequestError> {
    serde_json::to_value(value).map_err(|e| RequestError::Body {
        what,
        reason: e.to_string(),
    })
}

/// Ids of a batch request: the URL-form `List(..)` and each id's reduced
/// encoding (for bodies keyed by id).
struct BatchIds {
    url: Result<String, RequestError>,
    reduced: Result<Vec<String>, RequestError>,
}

fn batch_ids<K: Serialize>(ids: impl IntoIterator<Item = K>) -> BatchIds {
    let ids: Vec<K> = ids.into_iter().collect();
    let encode = |what: &str, source| RequestError::Encode {
        what: what.to_owned(),
        source,
    };
    let url = crate::to_string(&ids).map_err(|e| encode("ids", e));
    let reduced = ids
        .iter()
        .map(|id| crate::to_string_reduced(id).map_err(|e| encode("an id", e)))
        .collect();
    BatchIds { url, reduced }
}

impl DynamicRequest {
    pub(super) fn new(method: Method, path: &str) -> Self {
        DynamicRequest {
            method,
            path: path.to_owned(),
            keys: BTreeMap::new(),
            query: QueryParams::new(),
            body: None,
            version: None,
            base: None,
            headers: HeaderMap::new(),
            error: None,
        }
    }

    pub(super) fn fail(mut self, error: RequestError) -> Self {
        if self.error.is_none() {
            self.error = Some(error);
        }
        self
    }

    pub(super) fn try_with(self, f: impl FnOnce(&mut Self) -> Result<(), RequestError>) -> Self {
        let mut request = self;
        match f(&mut request) {
            Ok(()) => request,
            Err(e) => request.fail(e),
        }
    }

    pub(super) fn with_ids<K: Serialize>(
        self,
        ids: impl IntoIterator<Item = K>,
    ) -> (Self, Vec<String>) {
        let ids = batch_ids(ids);
        let method = self.method;
        let mut reduced_ids = Vec::new();
        let request = self.try_with(|r| {
            let url = ids.url?;
            reduced_ids = ids.reduced?;
            if reduced_ids.is_empty() {
                return Err(RequestError::NoIds { method });
            }
            r.query.insert_encoded("ids", url);
            Ok(())
        });
        (request, reduced_ids)
    }

    /// Keys a batch body by the reduced encoding of each id.
    pub(super) fn keyed_body(
        self,
        reduced_ids: Vec<String>,
        entities: Vec<Result<Value, RequestError>>,
    ) -> Self {
        let method = self.method;
        self.try_with(|r| {
            if reduced_ids.len() != entities.len() {
                return Err(RequestError::LengthMismatch {
                    ids: reduced_ids.len(),
                    entities: entities.len(),
                });
            }
            let mut map = Map::new();
            for (id, entity) in reduced_ids.into_iter().zip(entities) {
                if map.contains_key(&id) {
                    return Err(RequestError::DuplicateId {
                        id: excerpt::quote(&id),
                        method,
                    });
                }
                map.insert(id, entity?);
            }
            let mut body = Map::new();
            body.insert("entities".into(), Value::Object(map));
            r.body = Some(Value::Object(body));
            Ok(())
        })
    }

    pub(super) fn with_body<T: Serialize + ?Sized>(self, value: &T, what: &'static str) -> Self {
        self.try_with(|r| {
            r.body = Some(body_value(value, what)?);
            Ok(())
        })
    }

    /// Sets the path key for the `{name}` placeholder (URL-form encoded).
    ///
    /// ```
    /// let r = linkedin::restli::Request::get("/socialActions/{urn}").key("urn", "urn:li:share:1");
    /// let http = r.to_http(&linkedin::restli::RequestConfig::new(), None)?;
    /// assert_eq!(http.uri().path(), "/v2/socialActions/urn%3Ali%3Ashare%3A1");
    /// # Ok::<(), linkedin::restli::RequestError>(())
    /// ```
    pub fn key<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.try_with(|r| {
            let encoded = crate::to_string(value).map_err(|source| RequestError::Encode {
                what: format!("path key {}", excerpt::quote(name)),
                source,
            })?;
            r.keys.insert(name.to_owned(), encoded);
            Ok(())
        })
    }

    /// Sets every path key from a struct or map.
    ///
    /// ```
    /// use serde_json::json;
    /// let r = linkedin::restli::Request::get("/a/{x}/b/{y}").keys(&json!({"x": 1, "y": "two"}));
    /// let http = r.to_http(&linkedin::restli::RequestConfig::new(), None)?;
    /// assert_eq!(http.uri().path(), "/v2/a/1/b/two");
    /// # Ok::<(), linkedin::restli::RequestError>(())
    /// ```
    pub fn keys<K: Serialize + ?Sized>(self, keys: &K) -> Self {
        self.try_with(|r| {
            let encoded = crate::path::encode_keys(keys)?;
            r.keys.extend(encoded);
            Ok(())
        })
    }

    /// Adds a query parameter (URL-form encoded; `fields` kept readable; a
    /// null value removes the parameter).
    ///
    /// ```
    /// let r = linkedin::restli::Request::get_all("/x").param("sortOrder", "ASCENDING");
    /// assert_eq!(r.query().get("sortOrder"), Some("ASCENDING"));
    /// ```
    pub fn param<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.try_with(|r| {
            r.query
                .insert(name, value)
                .map_err(|source| RequestError::Encode {
                    what: format!("query parameter {}", excerpt::quote(name)),
                    source,
                })
        })
    }

    /// Adds every entry of a struct or map as query parameters.
    ///
    /// ```
    /// let r = linkedin::restli::Request::get_all("/x").params(&serde_json::json!({"a": 1, "b": [2]}));
    /// assert_eq!(r.query().to_string(), "a=1&b=List(2)");
    /// ```
    pub fn params<T: Serialize + ?Sized>(self, params: &T) -> Self {
        self.try_with(|r| {
            r.query
                .extend(params)
                .map_err(|source| RequestError::Encode {
                    what: "query parameters".to_owned(),
                    source,
                })
        })
    }

    /// Sets the `fields` projection: a [`Projection`](crate::Projection),
    /// or mask text sent as written (`id,name`, `author:(id)`...).
    ///
    /// ```
    /// use linkedin::restli::{Projection, Request};
    ///
    /// let r = Request::get("/me").fields("id,localizedFirstName");
    /// assert_eq!(r.query().get("fields"), Some("id,localizedFirstName"));
    ///
    /// let projection = Projection::new().field("id")?.field("name")?;
    /// let r = Request::get("/me").fields(&projection);
    /// assert_eq!(r.query().get("fields"), Some("id,name"));
    /// # Ok::<(), linkedin::restli::ProjectionError>(())
    /// ```
    pub fn fields(self, projection: impl Into<Fields>) -> Self {
        self.param(PROJECTION_PARAM, &projection.into())
    }

    /// Sets the `metadataFields` projection (of a collection's metadata).
    ///
    /// ```
    /// let r = linkedin::restli::Request::finder("/adAccounts", "search").metadata_fields("nextPageToken");
    /// assert_eq!(r.query().get("metadataFields"), Some("nextPageToken"));
    /// ```
    pub fn metadata_fields(self, projection: impl Into<Fields>) -> Self {
        self.param(METADATA_PROJECTION_PARAM, &projection.into())
    }

    /// Sets the `pagingFields` projection (of a collection's paging block).
    ///
    /// ```
    /// let r = linkedin::restli::Request::get_all("/x").paging_fields("start,count");
    /// assert_eq!(r.query().to_string(), "pagingFields=start,count");
    /// ```
    pub fn paging_fields(self, projection: impl Into<Fields>) -> Self {
        self.param(PAGING_PROJECTION_PARAM, &projection.into())
    }

    /// Sets the paging window (`start` and `count`).
    ///
    /// ```
    /// let r = linkedin::restli::Request::get_all("/x").page(20, 10);
    /// assert_eq!(r.query().to_string(), "count=10&start=20");
    /// ```
    pub fn page(self, start: u64, count: u64) -> Self {
        self.param("start", &start).param("count", &count)
    }

    /// Sets this request's `LinkedIn-Version` (and so the versioned base
    /// URL), overriding the client's default.
    ///
    /// ```
    /// let r = linkedin::restli::Request::get("/me").version("202406");
    /// assert_eq!(r.linkedin_version().map(|v| v.as_str()), Some("202406"));
    /// assert!(linkedin::restli::Request::get("/me").version("2024").to_http(&Default::default(), None).is_err());
    /// ```
    pub fn version(self, version: &str) -> Self {
        self.try_with(|r| {
            r.version = Some(LinkedInVersion::new(version)?);
            Ok(())
        })
    }

    /// Sends this request to one API root whatever the client's default:
    /// `/v2/userinfo` exists only under `/v2`, even for a client whose
    /// version sends everything else to `/rest`. A path written with its
    /// `/rest/` or `/v2/` prefix (or as a whole `https://api.linkedin.com`
    /// URL) picks the root the same way.
    ///
    /// On `/v2` the client's default `LinkedIn-Version` is not sent (the
    /// unversioned APIs do not take one); a version set on the request
    /// itself still is.
    ///
    /// ```
    /// use linkedin::restli::{ApiBase, Request, RequestConfig};
    ///
    /// let config = RequestConfig::new().with_version("202406".parse()?);
    /// let http = Request::get("/userinfo").base(ApiBase::V2).to_http(&config, None)?;
    /// assert_eq!(http.uri(), "https://api.linkedin.com/v2/userinfo");
    /// assert!(http.headers().get("linkedin-version").is_none());
    ///
    /// // A path pasted from the documentation picks its root itself.
    /// let http = Request::get("https://api.linkedin.com/v2/userinfo").to_http(&config, None)?;
    /// assert_eq!(http.uri(), "https://api.linkedin.com/v2/userinfo");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn base(mut self, base: ApiBase) -> Self {
        self.base = Some(base);
        self
    }

    /// The API root chosen with [`base`](Self::base), if any.
    ///
    /// ```
    /// use linkedin::restli::{ApiBase, Request};
    /// assert_eq!(Request::get("/me").base(ApiBase::V2).api_base(), Some(ApiBase::V2));
    /// assert_eq!(Request::get("/me").api_base(), None);
    /// ```
    pub fn api_base(&self) -> Option<ApiBase> {
        self.base
    }

    /// Adds a header (replacing one of the same name), read like reqwest's
    /// `RequestBuilder::header`: the name and value are anything
    /// `http::HeaderName` and `http::HeaderValue` convert from (`&str`,
    /// `String`, the `http::header` constants, a `HeaderValue`). A name or
    /// value HTTP cannot carry is reported by [`to_http`](Self::to_http),
    /// as every builder error is ([`RequestError::Header`]).
    ///
    /// ```
    /// use http::header::{ACCEPT_LANGUAGE, HeaderValue};
    /// let r = linkedin::restli::Request::get("/me")
    ///     .header("x-restli-symbol-table-name", "none")
    ///     .header(ACCEPT_LANGUAGE, HeaderValue::from_static("en-US"));
    /// let http = r.to_http(&Default::default(), None)?;
    /// assert_eq!(http.headers()["x-restli-symbol-table-name"], "none");
    /// assert_eq!(http.headers()["accept-language"], "en-US");
    ///
    /// let bad = linkedin::restli::Request::get("/me").header("x note", "v");
    /// let err = bad.to_http(&Default::default(), None).unwrap_err();
    /// assert!(err.to_string().contains("\"x note\""), "{err}");
    ///
    /// let bad = linkedin::restli::Request::get("/me").header("x-note", "line\nbreak");
    /// assert!(matches!(bad.to_http(&Default::default(), None), Err(linkedin::restli::RequestError::Header { .. })));
    /// # Ok::<(), linkedin::restli::RequestError>(())
    /// ```
    pub fn header<K, V>(self, name: K, value: V) -> Self
    where
        K: AsRef<[u8]>,
        HeaderName: TryFrom<K>,
        HeaderValue: TryFrom<V>,
    {
        self.try_with(|r| {
            // Quoted before the conversion takes the name, so the error
            // says which name was refused.
            let shown = excerpt::quote(&String::from_utf8_lossy(name.as_ref()));
            let header_name = HeaderName::try_from(name).map_err(|_| RequestError::Header {
                name: shown,
                reason: "not a valid header name",
            })?;
            let header_value = HeaderValue::try_from(value).map_err(|_| RequestError::Header {
                name: excerpt::quote(header_name.as_str()),
                reason: "the value has characters a header cannot carry",
            })?;
            r.headers.insert(header_name, header_value);
            Ok(())
        })
    }

    /// The Rest.li method.
    ///
    /// ```
    /// assert_eq!(linkedin::restli::Request::delete("/x").method(), linkedin::restli::Method::Delete);
    /// ```
    pub fn method(&self) -> Method {
        self.method
    }

    /// The path template as given.
    ///
    /// ```
    /// assert_eq!(linkedin::restli::Request::get("/a/{id}").path(), "/a/{id}");
    /// ```
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The path template as given, without a pasted origin
    /// (`https://api.linkedin.com`) or anything from a `?` on: what a
    /// tracing span names the call by (OpenTelemetry's `url.template`),
    /// never a key's or a query parameter's value. A request built from a
    /// filled path has that path as its template.
    ///
    /// ```
    /// use restli_codec::Request;
    /// assert_eq!(Request::get("/adAccounts/{id}").key("id", &5).as_ref().url_template(), "/adAccounts/{id}");
    /// assert_eq!(Request::get("https://api.linkedin.com/rest/me").as_ref().url_template(), "/rest/me");
    /// ```
    pub fn url_template(&self) -> &str {
        let path = self.path.as_str();
        // The usual path is relative: no search for a scheme (this runs
        // on every call, for its span).
        let absolute = !path.starts_with('/') && path.contains("://");
        let path = match absolute.then(|| path.find("://")).flatten() {
            Some(scheme_end) => {
                let rest = path.get(scheme_end + 3..).unwrap_or_default();
                rest.find('/')
                    .and_then(|i| rest.get(i..))
                    .unwrap_or_default()
            }
            None => path,
        };
        path.split(['?', '#']).next().unwrap_or_default()
    }

    /// The query parameters.
    ///
    /// ```
    /// assert!(linkedin::restli::Request::get("/me").query().is_empty());
    /// ```
    pub fn query(&self) -> &QueryParams {
        &self.query
    }

    /// The JSON body, if the method has one.
    ///
    /// ```
    /// assert!(linkedin::restli::Request::get("/me").body().is_none());
    /// ```
    pub fn body(&self) -> Option<&Value> {
        self.body.as_ref()
    }

    /// This request's own `LinkedIn-Version`, if set.
    ///
    /// ```
    /// assert!(linkedin::restli::Request::get("/me").linkedin_version().is_none());
    /// ```
    pub fn linkedin_version(&self) -> Option<&LinkedInVersion> {
        self.version.as_ref()
    }

    /// The first error any builder method met, if any.
    ///
    /// ```
    /// let r = linkedin::restli::Request::get("/x").param("bad", &f64::NAN);
    /// assert!(r.error().is_some());
    /// ```
    pub fn error(&self) -> Option<&RequestError> {
        self.error.as_ref()
    }
}
