//! Requests for the 14 Rest.li methods, built like reqwest requests and
//! turned into `http::Request<Vec<u8>>`.
//!
//! Required things are arguments of the constructor (the ids of a batch, the
//! entity to create, the finder's name); optional things are chained
//! methods. Nothing is sent: [`Request::to_http`] gives the exact bytes a
//! transport should put on the wire, tunneled when the query is too long.
//!
//! ```
//! use restli_codec::{Request, RequestConfig};
//! use serde_json::json;
//!
//! let config = RequestConfig::new().with_version("202406".parse()?);
//! let request = Request::finder("/adAccounts", "search")
//!     .param("search", &json!({"status": {"values": ["ACTIVE"]}, "test": false}))
//!     .fields("id,name")
//!     .to_http(&config, Some("my-token"))?;
//!
//! assert_eq!(request.method(), http::Method::GET);
//! assert_eq!(
//!     request.uri(),
//!     "https://api.linkedin.com/rest/adAccounts?fields=id,name&q=search&search=(status:(values:List(ACTIVE)),test:false)"
//! );
//! assert_eq!(request.headers()["x-restli-method"], "finder");
//! assert_eq!(request.headers()["linkedin-version"], "202406");
//! assert_eq!(request.headers()["authorization"], "Bearer my-token");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use http::HeaderMap;
use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue, USER_AGENT};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::endpoint::{ApiBase, Endpoint};
use crate::error::Error;
use crate::excerpt;
use crate::header;
use crate::method::Method;
use crate::patch::{Patch, PatchError};
use crate::path::{PathError, PathTemplate};
use crate::projection::Fields;
use crate::query::{
    METADATA_PROJECTION_PARAM, PAGING_PROJECTION_PARAM, PROJECTION_PARAM, QueryParams,
};
use crate::tunnel::{self, TunnelError};
use crate::version::{LinkedInVersion, VersionError};

/// The `User-Agent` this SDK sends: `linkedin-rs/<version>`.
pub const DEFAULT_USER_AGENT: &str = concat!("linkedin-rs/", env!("CARGO_PKG_VERSION"));

/// What every request of a client shares: where requests go, the default
/// `LinkedIn-Version`, the user agent and the tunneling threshold.
///
/// ```
/// use restli_codec::{Endpoint, RequestConfig};
///
/// let config = RequestConfig::new()
///     .with_endpoint(Endpoint::from_origin("http://127.0.0.1:8080")?)
///     .with_version("202406".parse()?)
///     .with_user_agent_suffix("my-app/1.0")
///     .with_tunnel_threshold(2000);
/// assert_eq!(config.user_agent(), format!("linkedin-rs/{} my-app/1.0", env!("CARGO_PKG_VERSION")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestConfig {
    endpoint: Endpoint,
    version: Option<LinkedInVersion>,
    user_agent: String,
    tunnel_threshold: usize,
}

impl Default for RequestConfig {
    fn default() -> Self {
        RequestConfig {
            endpoint: Endpoint::default(),
            version: None,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            tunnel_threshold: tunnel::DEFAULT_THRESHOLD,
        }
    }
}

impl RequestConfig {
    /// LinkedIn's endpoint, no default version, tunneling above 4,000 bytes.
    ///
    /// ```
    /// let config = restli_codec::RequestConfig::new();
    /// assert_eq!(config.tunnel_threshold(), 4000);
    /// assert!(config.version().is_none());
    /// ```
    pub fn new() -> Self {
        RequestConfig::default()
    }

    /// Sends requests elsewhere (a sandbox, a proxy).
    ///
    /// ```
    /// let config = restli_codec::RequestConfig::new()
    ///     .with_endpoint(restli_codec::Endpoint::from_origin("http://localhost:8080")?);
    /// assert_eq!(config.endpoint().base(false).as_str(), "http://localhost:8080/v2");
    /// # Ok::<(), restli_codec::EndpointError>(())
    /// ```
    pub fn with_endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// The `LinkedIn-Version` for requests that do not set their own; with a
    /// version, requests go to the versioned (`/rest`) base URL.
    ///
    /// ```
    /// let config = restli_codec::RequestConfig::new().with_version("202406".parse()?);
    /// assert_eq!(config.version().map(|v| v.as_str()), Some("202406"));
    /// # Ok::<(), restli_codec::VersionError>(())
    /// ```
    pub fn with_version(mut self, version: LinkedInVersion) -> Self {
        self.version = Some(version);
        self
    }

    /// Appends a product token to the `User-Agent` (`linkedin-rs/x.y.z suffix`).
    ///
    /// ```
    /// let config = restli_codec::RequestConfig::new().with_user_agent_suffix("sync-job/2");
    /// assert!(config.user_agent().ends_with(" sync-job/2"));
    /// ```
    pub fn with_user_agent_suffix(mut self, suffix: &str) -> Self {
        let suffix = suffix.trim();
        if !suffix.is_empty() {
            self.user_agent = format!("{DEFAULT_USER_AGENT} {suffix}");
        }
        self
    }

    /// Tunnels requests whose query string is longer than `bytes`.
    ///
    /// ```
    /// let config = restli_codec::RequestConfig::new().with_tunnel_threshold(100);
    /// assert_eq!(config.tunnel_threshold(), 100);
    /// ```
    pub fn with_tunnel_threshold(mut self, bytes: usize) -> Self {
        self.tunnel_threshold = bytes;
        self
    }

    /// Where requests go.
    ///
    /// ```
    /// assert_eq!(restli_codec::RequestConfig::new().endpoint(), &restli_codec::Endpoint::default());
    /// ```
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The default `LinkedIn-Version`, if any.
    ///
    /// ```
    /// assert!(restli_codec::RequestConfig::new().version().is_none());
    /// ```
    pub fn version(&self) -> Option<&LinkedInVersion> {
        self.version.as_ref()
    }

    /// The `User-Agent` header value.
    ///
    /// ```
    /// assert!(restli_codec::RequestConfig::new().user_agent().starts_with("linkedin-rs/"));
    /// ```
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    /// The tunneling threshold in bytes of query string.
    ///
    /// ```
    /// assert_eq!(restli_codec::RequestConfig::new().tunnel_threshold(), 4000);
    /// ```
    pub fn tunnel_threshold(&self) -> usize {
        self.tunnel_threshold
    }
}

/// Why a request could not be built.
///
/// ```
/// use restli_codec::{Request, RequestConfig, RequestError};
///
/// let err = Request::batch_update("/adAccounts", [1, 2], [serde_json::json!({})])
///     .to_http(&RequestConfig::new(), None)
///     .unwrap_err();
/// assert_eq!(err, RequestError::LengthMismatch { ids: 2, entities: 1 });
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RequestError {
    /// A key, id, parameter or criterion could not be Rest.li-encoded.
    #[error("cannot encode {what}: {}", crate::excerpt::bounded(&source.to_string()))]
    Encode {
        /// What was being encoded (`path key "id"`, `query parameter "search"`, ...).
        what: String,
        /// Why.
        source: Error,
    },
    /// The body could not be serialized to JSON.
    #[error("cannot serialize {what} to JSON: {reason}")]
    Body {
        /// What was being serialized.
        what: &'static str,
        /// serde_json's message.
        reason: String,
    },
    /// The path template or its keys are wrong.
    #[error(transparent)]
    Path(#[from] PathError),
    /// A `LinkedIn-Version` that is not `YYYYMM` or `YYYYMM.RR`.
    #[error(transparent)]
    Version(#[from] VersionError),
    /// An empty or malformed patch.
    #[error(transparent)]
    Patch(#[from] PatchError),
    /// Batch ids and entities (or patches) of different lengths.
    #[error("{ids} ids but {entities} entities: a batch needs exactly one entity per id")]
    LengthMismatch {
        /// How many ids.
        ids: usize,
        /// How many entities or patches.
        entities: usize,
    },
    /// A batch request without ids.
    #[error("a {method} request needs at least one id")]
    NoIds {
        /// The method.
        method: Method,
    },
    /// The same id twice in a batch whose body is keyed by id.
    #[error("id {id} appears twice in a {method} request; each id may carry one entity")]
    DuplicateId {
        /// The reduced encoding of the id, quoted (bounded).
        id: String,
        /// The method.
        method: Method,
    },
    /// A header name or value that HTTP cannot carry.
    #[error("invalid header {name}: {reason}")]
    Header {
        /// The header's name, quoted (bounded).
        name: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// The assembled URL is not valid (for example a space in the path
    /// template's literal text, or a path longer than an `http::Uri` holds).
    #[error("invalid request URL {url} ({len} bytes): {reason}")]
    Url {
        /// The URL, quoted: a bounded excerpt (about 200 bytes) of a long one.
        url: String,
        /// The URL's whole length in bytes.
        len: usize,
        /// What is wrong.
        reason: String,
    },
    /// The path starts with a prefix this SDK cannot send to: a URL of
    /// another host or scheme, or a `/rest` or `/v2` prefix that
    /// contradicts the base chosen with [`Request::base`].
    #[error("cannot send to path prefix {prefix}: {reason}")]
    PathPrefix {
        /// The prefix, quoted (bounded).
        prefix: String,
        /// Why, and what to write instead.
        reason: &'static str,
    },
    /// The request goes to `/rest` (by its path or [`Request::base`]) but
    /// neither it nor the client has a `LinkedIn-Version`, which every
    /// versioned API requires.
    #[error(
        "{path} goes to the versioned API (/rest) but no LinkedIn-Version is set: \
         configure one (RequestConfig::with_version) or set it on the request (Request::version)"
    )]
    MissingVersion {
        /// The request's path, quoted (bounded).
        path: String,
    },
    /// Tunneling failed.
    #[error(transparent)]
    Tunnel(#[from] TunnelError),
}

/// One Rest.li request, not yet turned into HTTP.
///
/// Clone it to send variations (the pager changes `start` with
/// [`Request::page`]). Errors from the builder methods are kept and
/// reported by [`Request::to_http`], so calls chain without `?`.
///
/// ```
/// use restli_codec::{Request, RequestConfig};
///
/// let request = Request::get("/adAccounts/{id}").key("id", &507404993).fields("id,name");
/// let http = request.to_http(&RequestConfig::new(), None)?;
/// assert_eq!(http.uri(), "https://api.linkedin.com/v2/adAccounts/507404993?fields=id,name");
/// assert_eq!(http.headers()["x-restli-protocol-version"], "2.0.0");
/// # Ok::<(), restli_codec::RequestError>(())
/// ```
///
/// Its `Debug` shows the method, path, keys and query, but only the names of
/// extra headers and not the body: either can carry a secret (an
/// `Authorization` header set with [`header`](Self::header), a token in an
/// action's parameters).
#[derive(Clone)]
pub struct Request {
    method: Method,
    path: String,
    keys: BTreeMap<String, String>,
    query: QueryParams,
    body: Option<Value>,
    version: Option<LinkedInVersion>,
    base: Option<ApiBase>,
    headers: HeaderMap,
    error: Option<RequestError>,
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
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

/// Where a request goes, resolved: the URL without its query, the query
/// string, and whether a `LinkedIn-Version` is sent.
struct Target<'a> {
    prefix: String,
    query: String,
    version: Option<&'a LinkedInVersion>,
}

/// LinkedIn's API origin, as pasted from its documentation.
const LINKEDIN_API_ORIGIN: &str = "https://api.linkedin.com";

/// Splits a `/rest/...` or `/v2/...` prefix (or a full
/// `https://api.linkedin.com/...` URL) off a path as given by the caller:
/// the root it names and the path below it. Any other absolute URL is
/// refused.
fn split_root(path: &str) -> Result<(Option<ApiBase>, &str), RequestError> {
    let mut rest = path;
    let mut absolute = false;
    if let Some(scheme_end) = path.find("://") {
        let origin_len = path
            .get(scheme_end + 3..)
            .and_then(|after| after.find('/'))
            .map_or(path.len(), |i| scheme_end + 3 + i);
        let origin = path.get(..origin_len).unwrap_or(path);
        if !origin.eq_ignore_ascii_case(LINKEDIN_API_ORIGIN) {
            return Err(RequestError::PathPrefix {
                prefix: excerpt::quote(origin),
                reason: "only https://api.linkedin.com/rest/... and /v2/... URLs are understood; \
                         give the path alone and set the client's endpoint for other hosts",
            });
        }
        rest = path.get(origin_len..).unwrap_or_default();
        absolute = true;
    }
    for base in [ApiBase::Rest, ApiBase::V2] {
        if let Some(below) = rest.strip_prefix(base.prefix())
            && (below.is_empty() || below.starts_with(['/', '?']))
        {
            return Ok((Some(base), below));
        }
    }
    if absolute {
        return Err(RequestError::PathPrefix {
            prefix: excerpt::quote(
                path.get(..path.len().min(LINKEDIN_API_ORIGIN.len() + 6))
                    .unwrap_or(path),
            ),
            reason: "a https://api.linkedin.com URL must continue with /rest/ or /v2/",
        });
    }
    Ok((None, rest))
}

fn body_value<T: Serialize + ?Sized>(value: &T, what: &'static str) -> Result<Value, RequestError> {
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

impl Request {
    fn new(method: Method, path: &str) -> Self {
        Request {
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

    fn fail(mut self, error: RequestError) -> Self {
        if self.error.is_none() {
            self.error = Some(error);
        }
        self
    }

    fn try_with(self, f: impl FnOnce(&mut Self) -> Result<(), RequestError>) -> Self {
        let mut request = self;
        match f(&mut request) {
            Ok(()) => request,
            Err(e) => request.fail(e),
        }
    }

    fn with_ids<K: Serialize>(self, ids: impl IntoIterator<Item = K>) -> (Self, Vec<String>) {
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
    fn keyed_body(
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

    fn with_body<T: Serialize + ?Sized>(self, value: &T, what: &'static str) -> Self {
        self.try_with(|r| {
            r.body = Some(body_value(value, what)?);
            Ok(())
        })
    }

    /// GET: read one entity. Put its key in the path (`/adAccounts/{id}`
    /// with [`key`](Request::key)); simple resources have none.
    ///
    /// ```
    /// let r = restli_codec::Request::get("/me");
    /// assert_eq!(r.method(), restli_codec::Method::Get);
    /// ```
    pub fn get(path: &str) -> Self {
        Request::new(Method::Get, path)
    }

    /// BATCH_GET: read several entities by id (`ids=List(..)`).
    ///
    /// ```
    /// let http = restli_codec::Request::batch_get("/adCampaignGroups", [1, 2, 3])
    ///     .to_http(&restli_codec::RequestConfig::new(), None)?;
    /// assert_eq!(http.uri().query(), Some("ids=List(1,2,3)"));
    /// # Ok::<(), restli_codec::RequestError>(())
    /// ```
    pub fn batch_get<K: Serialize>(path: &str, ids: impl IntoIterator<Item = K>) -> Self {
        Request::new(Method::BatchGet, path).with_ids(ids).0
    }

    /// GET_ALL: read a collection page by page (see [`page`](Request::page)).
    ///
    /// ```
    /// let r = restli_codec::Request::get_all("/adAccounts").page(0, 10);
    /// assert_eq!(r.query().get("count"), Some("10"));
    /// ```
    pub fn get_all(path: &str) -> Self {
        Request::new(Method::GetAll, path)
    }

    /// FINDER: search with the named finder (`q=name`); its criteria are
    /// query parameters ([`param`](Request::param)).
    ///
    /// ```
    /// let r = restli_codec::Request::finder("/adAccounts", "search");
    /// assert_eq!(r.query().get("q"), Some("search"));
    /// ```
    pub fn finder(path: &str, name: &str) -> Self {
        Request::new(Method::Finder, path).param("q", name)
    }

    /// BATCH_FINDER: run the named finder (`bq=name`) once per criterion,
    /// the criteria going in the `criteria_param` list parameter.
    ///
    /// ```
    /// use serde_json::json;
    /// let r = restli_codec::Request::batch_finder(
    ///     "/adCampaigns",
    ///     "search",
    ///     "searchCriteria",
    ///     [json!({"status": "ACTIVE"}), json!({"status": "PAUSED"})],
    /// );
    /// assert_eq!(r.query().get("searchCriteria"), Some("List((status:ACTIVE),(status:PAUSED))"));
    /// assert_eq!(r.query().get("bq"), Some("search"));
    /// ```
    pub fn batch_finder<C: Serialize>(
        path: &str,
        name: &str,
        criteria_param: &str,
        criteria: impl IntoIterator<Item = C>,
    ) -> Self {
        let criteria: Vec<C> = criteria.into_iter().collect();
        Request::new(Method::BatchFinder, path)
            .param("bq", name)
            .param(criteria_param, &criteria)
    }

    /// CREATE: create one entity; the server answers with its id.
    ///
    /// ```
    /// let r = restli_codec::Request::create("/adAccounts", &serde_json::json!({"name": "x"}));
    /// assert_eq!(r.body(), Some(&serde_json::json!({"name": "x"})));
    /// ```
    pub fn create<T: Serialize + ?Sized>(path: &str, entity: &T) -> Self {
        Request::new(Method::Create, path).with_body(entity, "the entity")
    }

    /// BATCH_CREATE: create several entities (`{"elements": [..]}`).
    ///
    /// ```
    /// use serde_json::json;
    /// let r = restli_codec::Request::batch_create("/posts", [json!({"a": 1}), json!({"a": 2})]);
    /// assert_eq!(r.body(), Some(&json!({"elements": [{"a": 1}, {"a": 2}]})));
    /// ```
    pub fn batch_create<T: Serialize>(path: &str, entities: impl IntoIterator<Item = T>) -> Self {
        let entities: Vec<T> = entities.into_iter().collect();
        Request::new(Method::BatchCreate, path).try_with(|r| {
            let elements = body_value(&entities, "the entities")?;
            let mut body = Map::new();
            body.insert("elements".into(), elements);
            r.body = Some(Value::Object(body));
            Ok(())
        })
    }

    /// UPDATE: replace one entity.
    ///
    /// ```
    /// let r = restli_codec::Request::update("/adAccounts/{id}", &serde_json::json!({"name": "x"}))
    ///     .key("id", &1);
    /// assert_eq!(r.method().http_method(), http::Method::PUT);
    /// ```
    pub fn update<T: Serialize + ?Sized>(path: &str, entity: &T) -> Self {
        Request::new(Method::Update, path).with_body(entity, "the entity")
    }

    /// BATCH_UPDATE: replace several entities, one per id
    /// (`{"entities": {id: entity}}`, ids reduced-encoded).
    ///
    /// ```
    /// use serde_json::json;
    /// let r = restli_codec::Request::batch_update("/x", [1, 3], [json!({"m": "a"}), json!({"m": "b"})]);
    /// assert_eq!(r.body(), Some(&json!({"entities": {"1": {"m": "a"}, "3": {"m": "b"}}})));
    /// ```
    pub fn batch_update<K: Serialize, T: Serialize>(
        path: &str,
        ids: impl IntoIterator<Item = K>,
        entities: impl IntoIterator<Item = T>,
    ) -> Self {
        let (request, reduced) = Request::new(Method::BatchUpdate, path).with_ids(ids);
        let entities = entities
            .into_iter()
            .map(|e| body_value(&e, "an entity"))
            .collect();
        request.keyed_body(reduced, entities)
    }

    /// PARTIAL_UPDATE: change some fields of one entity (`{"patch": ..}`).
    ///
    /// ```
    /// use restli_codec::{Patch, Request};
    /// use serde_json::json;
    ///
    /// let patch = Patch::set(&json!({"status": "PAUSED"}))?;
    /// let r = Request::partial_update("/adAccounts/{id}", &patch).key("id", &1);
    /// assert_eq!(r.body(), Some(&json!({"patch": {"$set": {"status": "PAUSED"}}})));
    /// # Ok::<(), restli_codec::PatchError>(())
    /// ```
    pub fn partial_update(path: &str, patch: &Patch) -> Self {
        let mut request = Request::new(Method::PartialUpdate, path);
        request.body = Some(patch.to_body());
        request
    }

    /// BATCH_PARTIAL_UPDATE: one patch per id.
    ///
    /// ```
    /// use restli_codec::{Patch, Request};
    /// use serde_json::json;
    ///
    /// let patches = [Patch::set(&json!({"a": 1}))?, Patch::set(&json!({"a": 2}))?];
    /// let r = Request::batch_partial_update("/x", ["k1", "k2"], patches);
    /// assert_eq!(r.body().unwrap()["entities"]["k2"], json!({"patch": {"$set": {"a": 2}}}));
    /// # Ok::<(), restli_codec::PatchError>(())
    /// ```
    pub fn batch_partial_update<K: Serialize>(
        path: &str,
        ids: impl IntoIterator<Item = K>,
        patches: impl IntoIterator<Item = Patch>,
    ) -> Self {
        let (request, reduced) = Request::new(Method::BatchPartialUpdate, path).with_ids(ids);
        let patches = patches.into_iter().map(|p| Ok(p.to_body())).collect();
        request.keyed_body(reduced, patches)
    }

    /// DELETE: delete one entity.
    ///
    /// ```
    /// let r = restli_codec::Request::delete("/adAccounts/{id}").key("id", &1);
    /// assert_eq!(r.method().http_method(), http::Method::DELETE);
    /// ```
    pub fn delete(path: &str) -> Self {
        Request::new(Method::Delete, path)
    }

    /// BATCH_DELETE: delete several entities by id.
    ///
    /// ```
    /// let r = restli_codec::Request::batch_delete("/x", [1, 3]);
    /// assert_eq!(r.query().get("ids"), Some("List(1,3)"));
    /// ```
    pub fn batch_delete<K: Serialize>(path: &str, ids: impl IntoIterator<Item = K>) -> Self {
        Request::new(Method::BatchDelete, path).with_ids(ids).0
    }

    /// ACTION: call the named action (`action=name`) with its parameters as
    /// the JSON body (a struct or map; `()` for none).
    ///
    /// ```
    /// let r = restli_codec::Request::action("/actionSet", "echo", &serde_json::json!({"input": "hi"}));
    /// assert_eq!(r.query().get("action"), Some("echo"));
    /// assert_eq!(r.body(), Some(&serde_json::json!({"input": "hi"})));
    /// ```
    pub fn action<P: Serialize + ?Sized>(path: &str, name: &str, params: &P) -> Self {
        Request::new(Method::Action, path)
            .param("action", name)
            .try_with(|r| {
                let body = match body_value(params, "the action parameters")? {
                    Value::Null => Value::Object(Map::new()),
                    other => other,
                };
                r.body = Some(body);
                Ok(())
            })
    }

    /// Sets the path key for the `{name}` placeholder (URL-form encoded).
    ///
    /// ```
    /// let r = restli_codec::Request::get("/socialActions/{urn}").key("urn", "urn:li:share:1");
    /// let http = r.to_http(&restli_codec::RequestConfig::new(), None)?;
    /// assert_eq!(http.uri().path(), "/v2/socialActions/urn%3Ali%3Ashare%3A1");
    /// # Ok::<(), restli_codec::RequestError>(())
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
    /// let r = restli_codec::Request::get("/a/{x}/b/{y}").keys(&json!({"x": 1, "y": "two"}));
    /// let http = r.to_http(&restli_codec::RequestConfig::new(), None)?;
    /// assert_eq!(http.uri().path(), "/v2/a/1/b/two");
    /// # Ok::<(), restli_codec::RequestError>(())
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
    /// let r = restli_codec::Request::get_all("/x").param("sortOrder", "ASCENDING");
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
    /// let r = restli_codec::Request::get_all("/x").params(&serde_json::json!({"a": 1, "b": [2]}));
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
    /// use restli_codec::{Projection, Request};
    ///
    /// let r = Request::get("/me").fields("id,localizedFirstName");
    /// assert_eq!(r.query().get("fields"), Some("id,localizedFirstName"));
    ///
    /// let projection = Projection::new().field("id")?.field("name")?;
    /// let r = Request::get("/me").fields(&projection);
    /// assert_eq!(r.query().get("fields"), Some("id,name"));
    /// # Ok::<(), restli_codec::ProjectionError>(())
    /// ```
    pub fn fields(self, projection: impl Into<Fields>) -> Self {
        self.param(PROJECTION_PARAM, &projection.into())
    }

    /// Sets the `metadataFields` projection (of a collection's metadata).
    ///
    /// ```
    /// let r = restli_codec::Request::finder("/adAccounts", "search").metadata_fields("nextPageToken");
    /// assert_eq!(r.query().get("metadataFields"), Some("nextPageToken"));
    /// ```
    pub fn metadata_fields(self, projection: impl Into<Fields>) -> Self {
        self.param(METADATA_PROJECTION_PARAM, &projection.into())
    }

    /// Sets the `pagingFields` projection (of a collection's paging block).
    ///
    /// ```
    /// let r = restli_codec::Request::get_all("/x").paging_fields("start,count");
    /// assert_eq!(r.query().to_string(), "pagingFields=start,count");
    /// ```
    pub fn paging_fields(self, projection: impl Into<Fields>) -> Self {
        self.param(PAGING_PROJECTION_PARAM, &projection.into())
    }

    /// Sets the paging window (`start` and `count`).
    ///
    /// ```
    /// let r = restli_codec::Request::get_all("/x").page(20, 10);
    /// assert_eq!(r.query().to_string(), "count=10&start=20");
    /// ```
    pub fn page(self, start: u64, count: u64) -> Self {
        self.param("start", &start).param("count", &count)
    }

    /// Sets this request's `LinkedIn-Version` (and so the versioned base
    /// URL), overriding the client's default.
    ///
    /// ```
    /// let r = restli_codec::Request::get("/me").version("202406");
    /// assert_eq!(r.linkedin_version().map(|v| v.as_str()), Some("202406"));
    /// assert!(restli_codec::Request::get("/me").version("2024").to_http(&Default::default(), None).is_err());
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
    /// use restli_codec::{ApiBase, Request, RequestConfig};
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
    /// use restli_codec::{ApiBase, Request};
    /// assert_eq!(Request::get("/me").base(ApiBase::V2).api_base(), Some(ApiBase::V2));
    /// assert_eq!(Request::get("/me").api_base(), None);
    /// ```
    pub fn api_base(&self) -> Option<ApiBase> {
        self.base
    }

    /// Adds a header (replacing one of the same name).
    ///
    /// ```
    /// let r = restli_codec::Request::get("/me").header("x-restli-symbol-table-name", "none");
    /// let http = r.to_http(&Default::default(), None)?;
    /// assert_eq!(http.headers()["x-restli-symbol-table-name"], "none");
    /// # Ok::<(), restli_codec::RequestError>(())
    /// ```
    pub fn header(self, name: &str, value: &str) -> Self {
        self.try_with(|r| {
            let header_name =
                HeaderName::from_bytes(name.as_bytes()).map_err(|_| RequestError::Header {
                    name: excerpt::quote(name),
                    reason: "not a valid header name",
                })?;
            let header_value = HeaderValue::from_str(value).map_err(|_| RequestError::Header {
                name: excerpt::quote(name),
                reason: "the value has characters a header cannot carry",
            })?;
            r.headers.insert(header_name, header_value);
            Ok(())
        })
    }

    /// The Rest.li method.
    ///
    /// ```
    /// assert_eq!(restli_codec::Request::delete("/x").method(), restli_codec::Method::Delete);
    /// ```
    pub fn method(&self) -> Method {
        self.method
    }

    /// The path template as given.
    ///
    /// ```
    /// assert_eq!(restli_codec::Request::get("/a/{id}").path(), "/a/{id}");
    /// ```
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query parameters.
    ///
    /// ```
    /// assert!(restli_codec::Request::get("/me").query().is_empty());
    /// ```
    pub fn query(&self) -> &QueryParams {
        &self.query
    }

    /// The JSON body, if the method has one.
    ///
    /// ```
    /// assert!(restli_codec::Request::get("/me").body().is_none());
    /// ```
    pub fn body(&self) -> Option<&Value> {
        self.body.as_ref()
    }

    /// This request's own `LinkedIn-Version`, if set.
    ///
    /// ```
    /// assert!(restli_codec::Request::get("/me").linkedin_version().is_none());
    /// ```
    pub fn linkedin_version(&self) -> Option<&LinkedInVersion> {
        self.version.as_ref()
    }

    /// The first error any builder method met, if any.
    ///
    /// ```
    /// let r = restli_codec::Request::get("/x").param("bad", &f64::NAN);
    /// assert!(r.error().is_some());
    /// ```
    pub fn error(&self) -> Option<&RequestError> {
        self.error.as_ref()
    }

    /// The full URL, before any tunneling.
    ///
    /// ```
    /// let url = restli_codec::Request::get("/me").url(&Default::default())?;
    /// assert_eq!(url, "https://api.linkedin.com/v2/me");
    /// # Ok::<(), restli_codec::RequestError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any error a builder method met, or a path template whose keys do not
    /// match.
    pub fn url(&self, config: &RequestConfig) -> Result<String, RequestError> {
        let target = self.target(config)?;
        let mut url = target.prefix;
        if !target.query.is_empty() {
            url.push('?');
            url.push_str(&target.query);
        }
        Ok(url)
    }

    /// Resolves the root (`/rest` or `/v2`), the path and the query.
    fn target<'a>(&'a self, config: &'a RequestConfig) -> Result<Target<'a>, RequestError> {
        if let Some(error) = &self.error {
            return Err(error.clone());
        }
        let (from_path, path) = split_root(&self.path)?;
        let base = match (self.base, from_path) {
            (Some(chosen), Some(written)) if chosen != written => {
                return Err(RequestError::PathPrefix {
                    prefix: excerpt::quote(written.prefix()),
                    reason: "the path's prefix names the other root than Request::base",
                });
            }
            (Some(chosen), _) => chosen,
            (None, Some(written)) => written,
            (None, None) if self.version.is_some() || config.version.is_some() => ApiBase::Rest,
            (None, None) => ApiBase::V2,
        };
        let version = match base {
            ApiBase::Rest => Some(
                self.version
                    .as_ref()
                    .or(config.version.as_ref())
                    .ok_or_else(|| RequestError::MissingVersion {
                        path: excerpt::quote(&self.path),
                    })?,
            ),
            // The client's default is for /rest; an explicit one is sent.
            ApiBase::V2 => self.version.as_ref(),
        };
        let root = config.endpoint.root(base);
        let path = PathTemplate::parse(path)?.fill(&self.keys)?;
        let slash = if path.starts_with('/') || path.is_empty() {
            ""
        } else {
            "/"
        };
        Ok(Target {
            prefix: format!("{root}{slash}{path}"),
            query: self.query.to_string(),
            version,
        })
    }

    /// The HTTP request to send: verb, URL, the Rest.li and LinkedIn
    /// headers, the bearer token when given, the JSON body; tunneled when
    /// the query string is longer than the config's threshold.
    ///
    /// The decision is made on the query string before any `http::Uri` is
    /// built, so a query longer than a URI can hold (65,534 bytes; a
    /// BATCH_GET of 20,000 ids) is tunneled rather than refused.
    ///
    /// ```
    /// let http = restli_codec::Request::batch_get("/x", 0..2000)
    ///     .to_http(&Default::default(), Some("t"))?;
    /// assert_eq!(http.method(), http::Method::POST);
    /// assert_eq!(http.headers()["x-http-method-override"], "GET");
    /// assert!(http.body().starts_with(b"ids=List(0,1,2,"));
    /// # Ok::<(), restli_codec::RequestError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any [`RequestError`].
    pub fn to_http(
        &self,
        config: &RequestConfig,
        access_token: Option<&str>,
    ) -> Result<http::Request<Vec<u8>>, RequestError> {
        let target = self.target(config)?;
        let version = target.version;
        let tunneled = !target.query.is_empty()
            && tunnel::needs_tunnel(&target.query, config.tunnel_threshold);
        let mut url = target.prefix;
        if !tunneled && !target.query.is_empty() {
            url.push('?');
            url.push_str(&target.query);
        }
        if url.len() > tunnel::MAX_URI_LEN {
            return Err(RequestError::Url {
                url: excerpt::quote(&url),
                len: url.len(),
                reason: format!(
                    "longer than an http::Uri holds ({} bytes){}",
                    tunnel::MAX_URI_LEN,
                    if tunneled {
                        ""
                    } else {
                        "; lower the tunnel threshold"
                    }
                ),
            });
        }
        let body = match &self.body {
            Some(value) => serde_json::to_vec(value).map_err(|e| RequestError::Body {
                what: "the body",
                reason: e.to_string(),
            })?,
            None => Vec::new(),
        };
        let mut request = http::Request::builder()
            .method(self.method.http_method())
            .uri(url.as_str())
            .body(body)
            .map_err(|e| RequestError::Url {
                url: excerpt::quote(&url),
                len: url.len(),
                reason: e.to_string(),
            })?;
        let headers = request.headers_mut();
        headers.insert(
            header::PROTOCOL_VERSION,
            HeaderValue::from_static(header::PROTOCOL_VERSION_VALUE),
        );
        headers.insert(
            header::RESTLI_METHOD,
            HeaderValue::from_static(self.method.as_str()),
        );
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        headers.insert(
            USER_AGENT,
            HeaderValue::from_str(&config.user_agent).map_err(|_| RequestError::Header {
                name: "\"user-agent\"".into(),
                reason: "the user agent suffix has characters a header cannot carry",
            })?,
        );
        if let Some(version) = version {
            headers.insert(
                header::LINKEDIN_VERSION,
                HeaderValue::from_str(version.as_str()).map_err(|_| RequestError::Header {
                    name: "\"linkedin-version\"".into(),
                    reason: "invalid version",
                })?,
            );
        }
        if self.body.is_some() {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        if let Some(token) = access_token {
            let mut value = HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| {
                RequestError::Header {
                    name: "\"authorization\"".into(),
                    reason: "the access token has characters a header cannot carry",
                }
            })?;
            value.set_sensitive(true);
            headers.insert(AUTHORIZATION, value);
        }
        for (name, value) in &self.headers {
            headers.insert(name.clone(), value.clone());
        }
        if tunneled {
            let (parts, body) = request.into_parts();
            request = tunnel::tunnel_parts(parts, &target.query, body)?;
        }
        Ok(request)
    }
}
