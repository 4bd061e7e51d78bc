//! One request type per Rest.li method, each knowing the responses it may
//! be answered with ([`RestliRequest`]), so that sending a finder where an
//! entity is expected does not compile.

use std::fmt;
use std::marker::PhantomData;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::dynamic::body_value;
use super::{DynamicRequest, RequestConfig, RequestError};
use crate::endpoint::ApiBase;
use crate::method::Method;
use crate::patch::Patch;
use crate::projection::Fields;
use crate::query::QueryParams;
use crate::response::{
    ActionResponse, BatchCreateResponse, BatchFinderResponse, BatchGetResponse,
    BatchStatusResponse, CollectionResponse, CreateResponse, EntityResponse, FromResponse,
    RawResponse, StatusResponse,
};
use crate::version::LinkedInVersion;

/// A request answered by `R`: what a transport's `send` takes.
///
/// Each of the 14 request types implements it for the one response shape
/// of its method, generic only in the types you choose where the response
/// is used (the entity, the metadata, a created id), so the compiler infers
/// them from that use and refuses a response of another method:
///
/// ```
/// use linkedin::restli::response::{EntityResponse, FromResponse, StatusResponse};
/// use linkedin::restli::{DynamicRequest, Request, RestliRequest};
///
/// /// What a transport does, minus the IO.
/// fn send<Q: RestliRequest<R>, R: FromResponse>(request: Q, answer: &[u8]) -> R {
///     let request: DynamicRequest = request.into();
///     let response = http::Response::new(answer.to_vec());
///     R::from_http(response, request.path()).unwrap()
/// }
///
/// #[derive(serde::Deserialize)]
/// struct Account { name: String }
///
/// let account: EntityResponse<Account> = send(Request::get("/adAccounts/1"), br#"{"name": "A"}"#);
/// assert_eq!(account.entity.name, "A");
/// let deleted = send(Request::delete("/adAccounts/1"), b"");
/// let _: StatusResponse = deleted;
/// ```
///
/// A finder answered by an entity, or a paged walk of a GET, does not
/// compile (these were run-time errors before requests were typed):
///
/// ```compile_fail
/// use linkedin::restli::response::{EntityResponse, FromResponse};
/// use linkedin::restli::{Request, RestliRequest};
///
/// fn send<Q: RestliRequest<R>, R: FromResponse>(_: Q) -> Option<R> { None }
/// let _: Option<EntityResponse> = send(Request::finder("/adAccounts", "search"));
/// ```
///
/// ```compile_fail
/// use linkedin::restli::{Paginated, Request, paging::Pagination};
///
/// let _ = Pagination::new(Request::get("/adAccounts/1"), 10);
/// ```
///
/// Implement it for a request description of your own (a typed API's
/// `GetPost` answered by `EntityResponse<Post>`), converting into the
/// [`DynamicRequest`] it is built on.
pub trait RestliRequest<R: FromResponse>: Into<DynamicRequest> + AsRef<DynamicRequest> {}

/// A request whose answer is a collection that can be walked page by page:
/// GET_ALL and FINDER (and a [`DynamicRequest`], checked when paging
/// starts).
///
/// ```
/// use linkedin::restli::{Paginated, Request, paging::Pagination};
///
/// fn walk(request: impl Paginated) -> Pagination {
///     Pagination::new(request, 10).unwrap()
/// }
/// let pagination = walk(Request::get_all("/adAccounts"));
/// assert!(pagination.next_request().is_some());
/// ```
pub trait Paginated: Into<DynamicRequest> {}

impl RestliRequest<RawResponse> for DynamicRequest {}
impl Paginated for DynamicRequest {}

impl AsRef<DynamicRequest> for DynamicRequest {
    fn as_ref(&self) -> &DynamicRequest {
        self
    }
}

/// The methods every request type shares, forwarded to its
/// [`DynamicRequest`], each with an example on `$example`.
macro_rules! shared_methods {
    ($name:ident $(<$k:ident>)?, $example:literal) => {
        impl$(<$k>)? $name$(<$k>)? {
            #[doc = "Sets the path key for the `{name}` placeholder (URL-form encoded)."]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("let r = linkedin::restli::", $example, ";")]
            #[doc = "assert!(r.clone().key(\"id\", &1).error().is_none());"]
            #[doc = "assert!(r.key(\"id\", &f64::NAN).error().is_some(), \"NaN has no Rest.li encoding\");"]
            #[doc = "```"]
            pub fn key<V: Serialize + ?Sized>(self, name: &str, value: &V) -> Self {
                self.map(|r| r.key(name, value))
            }

            #[doc = "Sets every path key from a struct or map."]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("let r = linkedin::restli::", $example, ".keys(&serde_json::json!({}));")]
            #[doc = "assert!(r.error().is_none());"]
            #[doc = "```"]
            pub fn keys<V: Serialize + ?Sized>(self, keys: &V) -> Self {
                self.map(|r| r.keys(keys))
            }

            #[doc = "Adds a query parameter (URL-form encoded; a null value removes it)."]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("let r = linkedin::restli::", $example, ".param(\"sortOrder\", \"ASCENDING\");")]
            #[doc = "assert_eq!(r.query().get(\"sortOrder\"), Some(\"ASCENDING\"));"]
            #[doc = "```"]
            pub fn param<V: Serialize + ?Sized>(self, name: &str, value: &V) -> Self {
                self.map(|r| r.param(name, value))
            }

            #[doc = "Adds every entry of a struct or map as query parameters."]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("let r = linkedin::restli::", $example, ".params(&serde_json::json!({\"a\": 1}));")]
            #[doc = "assert_eq!(r.query().get(\"a\"), Some(\"1\"));"]
            #[doc = "```"]
            pub fn params<V: Serialize + ?Sized>(self, params: &V) -> Self {
                self.map(|r| r.params(params))
            }

            #[doc = "Sets the `fields` projection: a [`Projection`](crate::Projection), or mask text sent as written."]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("let r = linkedin::restli::", $example, ".fields(\"id,name\");")]
            #[doc = "assert_eq!(r.query().get(\"fields\"), Some(\"id,name\"));"]
            #[doc = "```"]
            pub fn fields(self, projection: impl Into<Fields>) -> Self {
                self.map(|r| r.fields(projection))
            }

            #[doc = "Sets this request's `LinkedIn-Version` (and so the versioned base URL)."]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("let r = linkedin::restli::", $example, ".version(\"202406\");")]
            #[doc = "assert_eq!(r.linkedin_version().map(|v| v.as_str()), Some(\"202406\"));"]
            #[doc = "```"]
            pub fn version(self, version: &str) -> Self {
                self.map(|r| r.version(version))
            }

            #[doc = "Sends this request to one API root whatever the client's default (see [`DynamicRequest::base`])."]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("let r = linkedin::restli::", $example, ".base(linkedin::restli::ApiBase::V2);")]
            #[doc = "assert_eq!(r.api_base(), Some(linkedin::restli::ApiBase::V2));"]
            #[doc = "```"]
            pub fn base(self, base: ApiBase) -> Self {
                self.map(|r| r.base(base))
            }

            #[doc = "Adds a header (replacing one of the same name); the name and value are anything"]
            #[doc = "`http::HeaderName` and `http::HeaderValue` convert from, an invalid one reported by"]
            #[doc = "`to_http` (see [`DynamicRequest::header`])."]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("let r = linkedin::restli::", $example, ".header(\"x-restli-symbol-table-name\", \"none\");")]
            #[doc = "let http = r.to_http(&Default::default(), None)?;"]
            #[doc = "assert_eq!(http.headers()[\"x-restli-symbol-table-name\"], \"none\");"]
            #[doc = "# Ok::<(), linkedin::restli::RequestError>(())"]
            #[doc = "```"]
            pub fn header<N, V>(self, name: N, value: V) -> Self
            where
                N: AsRef<[u8]>,
                http::HeaderName: TryFrom<N>,
                http::HeaderValue: TryFrom<V>,
            {
                self.map(|r| r.header(name, value))
            }

            #[doc = "The API root chosen with [`base`](Self::base), if any."]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("assert_eq!(linkedin::restli::", $example, ".api_base(), None);")]
            #[doc = "```"]
            pub fn api_base(&self) -> Option<ApiBase> {
                self.inner.api_base()
            }

            #[doc = "The Rest.li method, fixed by the type."]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("let method = linkedin::restli::", $example, ".method();")]
            #[doc = "assert!(!method.as_str().is_empty());"]
            #[doc = "```"]
            pub fn method(&self) -> Method {
                self.inner.method()
            }

            #[doc = "The path template as given."]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("assert!(linkedin::restli::", $example, ".path().starts_with('/'));")]
            #[doc = "```"]
            pub fn path(&self) -> &str {
                self.inner.path()
            }

            #[doc = "The query parameters."]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("let r = linkedin::restli::", $example, ".param(\"x\", &1);")]
            #[doc = "assert_eq!(r.query().get(\"x\"), Some(\"1\"));"]
            #[doc = "```"]
            pub fn query(&self) -> &QueryParams {
                self.inner.query()
            }

            #[doc = "The JSON body, if the method has one."]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("let r = linkedin::restli::", $example, ";")]
            #[doc = "assert_eq!(r.body().is_some(), r.method().http_method() == http::Method::POST || r.method().http_method() == http::Method::PUT);"]
            #[doc = "```"]
            pub fn body(&self) -> Option<&Value> {
                self.inner.body()
            }

            #[doc = "This request's own `LinkedIn-Version`, if set."]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("assert!(linkedin::restli::", $example, ".linkedin_version().is_none());")]
            #[doc = "```"]
            pub fn linkedin_version(&self) -> Option<&LinkedInVersion> {
                self.inner.linkedin_version()
            }

            #[doc = "The first error any builder method met, if any."]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("let r = linkedin::restli::", $example, ".param(\"bad\", &f64::NAN);")]
            #[doc = "assert!(r.error().is_some());"]
            #[doc = "```"]
            pub fn error(&self) -> Option<&RequestError> {
                self.inner.error()
            }

            #[doc = "The full URL, before any tunneling (see [`DynamicRequest::url`])."]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("let url = linkedin::restli::", $example, ".url(&Default::default())?;")]
            #[doc = "assert!(url.starts_with(\"https://api.linkedin.com/v2/\"));"]
            #[doc = "# Ok::<(), linkedin::restli::RequestError>(())"]
            #[doc = "```"]
            #[doc = ""]
            #[doc = "# Errors"]
            #[doc = ""]
            #[doc = "Any error a builder method met, or a path template whose keys do not match."]
            pub fn url(&self, config: &RequestConfig) -> Result<String, RequestError> {
                self.inner.url(config)
            }

            #[doc = "The HTTP request to send (see [`DynamicRequest::to_http`])."]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("let r = linkedin::restli::", $example, ";")]
            #[doc = "let http = r.to_http(&Default::default(), Some(\"t\"))?;"]
            #[doc = "assert_eq!(http.headers()[\"x-restli-method\"], r.method().as_str());"]
            #[doc = "# Ok::<(), linkedin::restli::RequestError>(())"]
            #[doc = "```"]
            #[doc = ""]
            #[doc = "# Errors"]
            #[doc = ""]
            #[doc = "Any [`RequestError`]."]
            pub fn to_http(
                &self,
                config: &RequestConfig,
                access_token: Option<&str>,
            ) -> Result<http::Request<Vec<u8>>, RequestError> {
                self.inner.to_http(config, access_token)
            }
        }

        impl$(<$k>)? From<$name$(<$k>)?> for DynamicRequest {
            fn from(request: $name$(<$k>)?) -> DynamicRequest {
                request.inner
            }
        }

        impl$(<$k>)? AsRef<DynamicRequest> for $name$(<$k>)? {
            fn as_ref(&self) -> &DynamicRequest {
                &self.inner
            }
        }

        impl$(<$k>)? fmt::Debug for $name$(<$k>)? {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.inner).finish()
            }
        }
    };
}

/// The projections and window of a collection's page, for GET_ALL, FINDER
/// and BATCH_FINDER.
macro_rules! collection_methods {
    ($name:ident, $example:literal) => {
        impl $name {
            #[doc = "Sets the `metadataFields` projection (of a collection's metadata)."]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("let r = linkedin::restli::", $example, ".metadata_fields(\"nextPageToken\");")]
            #[doc = "assert_eq!(r.query().get(\"metadataFields\"), Some(\"nextPageToken\"));"]
            #[doc = "```"]
            pub fn metadata_fields(self, projection: impl Into<Fields>) -> Self {
                self.map(|r| r.metadata_fields(projection))
            }

            #[doc = "Sets the `pagingFields` projection (of a collection's paging block)."]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("let r = linkedin::restli::", $example, ".paging_fields(\"start,count\");")]
            #[doc = "assert_eq!(r.query().get(\"pagingFields\"), Some(\"start,count\"));"]
            #[doc = "```"]
            pub fn paging_fields(self, projection: impl Into<Fields>) -> Self {
                self.map(|r| r.paging_fields(projection))
            }

            #[doc = "Sets the paging window (`start` and `count`)."]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("let r = linkedin::restli::", $example, ".page(20, 10);")]
            #[doc = "assert_eq!((r.query().get(\"start\"), r.query().get(\"count\")), (Some(\"20\"), Some(\"10\")));"]
            #[doc = "```"]
            pub fn page(self, start: u64, count: u64) -> Self {
                self.map(|r| r.page(start, count))
            }
        }
    };
}

macro_rules! unkeyed {
    ($(#[$doc:meta])* $name:ident, $example:literal) => {
        $(#[$doc])*
        #[must_use]
        #[derive(Clone)]
        pub struct $name {
            inner: DynamicRequest,
        }

        impl $name {
            fn map(self, f: impl FnOnce(DynamicRequest) -> DynamicRequest) -> Self {
                $name { inner: f(self.inner) }
            }
        }

        shared_methods!($name, $example);
    };
}

macro_rules! keyed {
    ($(#[$doc:meta])* $name:ident, $example:literal) => {
        $(#[$doc])*
        #[must_use]
        pub struct $name<K> {
            inner: DynamicRequest,
            ids: PhantomData<fn() -> K>,
        }

        impl<K> $name<K> {
            fn map(self, f: impl FnOnce(DynamicRequest) -> DynamicRequest) -> Self {
                $name { inner: f(self.inner), ids: PhantomData }
            }
        }

        impl<K> Clone for $name<K> {
            fn clone(&self) -> Self {
                $name { inner: self.inner.clone(), ids: PhantomData }
            }
        }

        shared_methods!($name<K>, $example);
    };
}

unkeyed!(
    /// A GET request (built by [`Request::get`]), answered by
    /// [`EntityResponse<T>`].
    Get,
    "Request::get(\"/me\")"
);
keyed!(
    /// A BATCH_GET request for ids of type `K` (built by
    /// [`Request::batch_get`]), answered by [`BatchGetResponse<K, T>`].
    BatchGet,
    "Request::batch_get(\"/x\", [1, 2])"
);
unkeyed!(
    /// A GET_ALL request (built by [`Request::get_all`]), answered by
    /// [`CollectionResponse<T, M>`]; pageable.
    GetAll,
    "Request::get_all(\"/x\")"
);
unkeyed!(
    /// A FINDER request (built by [`Request::finder`]), answered by
    /// [`CollectionResponse<T, M>`]; pageable.
    Finder,
    "Request::finder(\"/x\", \"search\")"
);
unkeyed!(
    /// A BATCH_FINDER request (built by [`Request::batch_finder`]),
    /// answered by [`BatchFinderResponse<T, M>`].
    BatchFinder,
    "Request::batch_finder(\"/x\", \"search\", \"criteria\", [1])"
);
unkeyed!(
    /// A CREATE request (built by [`Request::create`]), answered by
    /// [`CreateResponse<K, T>`] (`K` the created id's type).
    Create,
    "Request::create(\"/x\", &serde_json::json!({}))"
);
unkeyed!(
    /// A BATCH_CREATE request (built by [`Request::batch_create`]),
    /// answered by [`BatchCreateResponse<K, T>`].
    BatchCreate,
    "Request::batch_create(\"/x\", [serde_json::json!({})])"
);
unkeyed!(
    /// An UPDATE request (built by [`Request::update`]), answered by
    /// [`StatusResponse`].
    Update,
    "Request::update(\"/x\", &serde_json::json!({}))"
);
keyed!(
    /// A BATCH_UPDATE request for ids of type `K` (built by
    /// [`Request::batch_update`]), answered by [`BatchStatusResponse<K>`].
    BatchUpdate,
    "Request::batch_update(\"/x\", [1], [serde_json::json!({})])"
);
unkeyed!(
    /// A PARTIAL_UPDATE request (built by [`Request::partial_update`]),
    /// answered by [`StatusResponse`].
    PartialUpdate,
    "Request::partial_update(\"/x\", &restli_codec::Patch::set(&serde_json::json!({\"a\": 1})).unwrap())"
);
keyed!(
    /// A BATCH_PARTIAL_UPDATE request for ids of type `K` (built by
    /// [`Request::batch_partial_update`]), answered by
    /// [`BatchStatusResponse<K>`].
    BatchPartialUpdate,
    "Request::batch_partial_update(\"/x\", [1], [restli_codec::Patch::set(&serde_json::json!({\"a\": 1})).unwrap()])"
);
unkeyed!(
    /// A DELETE request (built by [`Request::delete`]), answered by
    /// [`StatusResponse`].
    Delete,
    "Request::delete(\"/x\")"
);
keyed!(
    /// A BATCH_DELETE request for ids of type `K` (built by
    /// [`Request::batch_delete`]), answered by [`BatchStatusResponse<K>`].
    BatchDelete,
    "Request::batch_delete(\"/x\", [1])"
);
unkeyed!(
    /// An ACTION request (built by [`Request::action`]), answered by
    /// [`ActionResponse<T>`].
    Action,
    "Request::action(\"/x\", \"echo\", &())"
);

collection_methods!(GetAll, "Request::get_all(\"/x\")");
collection_methods!(Finder, "Request::finder(\"/x\", \"search\")");

impl BatchFinder {
    /// Sets the `metadataFields` projection (of each result's metadata).
    ///
    /// ```
    /// let r = linkedin::restli::Request::batch_finder("/x", "search", "criteria", [1])
    ///     .metadata_fields("total");
    /// assert_eq!(r.query().get("metadataFields"), Some("total"));
    /// ```
    pub fn metadata_fields(self, projection: impl Into<Fields>) -> Self {
        self.map(|r| r.metadata_fields(projection))
    }

    /// Sets the `pagingFields` projection (of each result's paging block).
    ///
    /// ```
    /// let r = linkedin::restli::Request::batch_finder("/x", "search", "criteria", [1])
    ///     .paging_fields("total");
    /// assert_eq!(r.query().get("pagingFields"), Some("total"));
    /// ```
    pub fn paging_fields(self, projection: impl Into<Fields>) -> Self {
        self.map(|r| r.paging_fields(projection))
    }
}

impl<T: DeserializeOwned> RestliRequest<EntityResponse<T>> for Get {}
impl<K, T> RestliRequest<BatchGetResponse<K, T>> for BatchGet<K>
where
    K: DeserializeOwned + Serialize,
    T: DeserializeOwned,
{
}
impl<T: DeserializeOwned, M: DeserializeOwned> RestliRequest<CollectionResponse<T, M>> for GetAll {}
impl<T: DeserializeOwned, M: DeserializeOwned> RestliRequest<CollectionResponse<T, M>> for Finder {}
impl<T: DeserializeOwned, M: DeserializeOwned> RestliRequest<BatchFinderResponse<T, M>>
    for BatchFinder
{
}
impl<K: DeserializeOwned, T: DeserializeOwned> RestliRequest<CreateResponse<K, T>> for Create {}
impl<K: DeserializeOwned, T: DeserializeOwned> RestliRequest<BatchCreateResponse<K, T>>
    for BatchCreate
{
}
impl RestliRequest<StatusResponse> for Update {}
impl<K: DeserializeOwned + Serialize> RestliRequest<BatchStatusResponse<K>> for BatchUpdate<K> {}
impl RestliRequest<StatusResponse> for PartialUpdate {}
impl<K: DeserializeOwned + Serialize> RestliRequest<BatchStatusResponse<K>>
    for BatchPartialUpdate<K>
{
}
impl RestliRequest<StatusResponse> for Delete {}
impl<K: DeserializeOwned + Serialize> RestliRequest<BatchStatusResponse<K>> for BatchDelete<K> {}
impl<T: DeserializeOwned> RestliRequest<ActionResponse<T>> for Action {}

impl Paginated for GetAll {}
impl Paginated for Finder {}

/// The 14 Rest.li requests, built like reqwest requests: required things
/// are arguments, optional things chained methods; each constructor returns
/// the request type of its method.
///
/// ```
/// use linkedin::restli::{Request, RequestConfig};
///
/// let request = Request::get("/adAccounts/{id}").key("id", &507404993).fields("id,name");
/// let http = request.to_http(&RequestConfig::new(), None)?;
/// assert_eq!(http.uri(), "https://api.linkedin.com/v2/adAccounts/507404993?fields=id,name");
/// assert_eq!(http.headers()["x-restli-protocol-version"], "2.0.0");
/// # Ok::<(), linkedin::restli::RequestError>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub enum Request {}

fn keyed<K>(inner: DynamicRequest) -> (DynamicRequest, PhantomData<fn() -> K>) {
    (inner, PhantomData)
}

impl Request {
    /// GET: read one entity. Put its key in the path (`/adAccounts/{id}`
    /// with [`key`](Get::key)); simple resources have none.
    ///
    /// ```
    /// let r = linkedin::restli::Request::get("/me");
    /// assert_eq!(r.method(), linkedin::restli::Method::Get);
    /// ```
    pub fn get(path: &str) -> Get {
        Get {
            inner: DynamicRequest::new(Method::Get, path),
        }
    }

    /// BATCH_GET: read several entities by id (`ids=List(..)`); the
    /// response is keyed by the ids' type `K` (pass owned ids: `i64`,
    /// `String`, a key struct).
    ///
    /// ```
    /// // Campaign groups live below their ad account (LinkedIn's
    /// // "Create and Manage Campaign Groups" page).
    /// let http = linkedin::restli::Request::batch_get("/adAccounts/{id}/adCampaignGroups", [1, 2, 3])
    ///     .key("id", &507404993)
    ///     .to_http(&linkedin::restli::RequestConfig::new(), None)?;
    /// assert_eq!(http.uri().path(), "/v2/adAccounts/507404993/adCampaignGroups");
    /// assert_eq!(http.uri().query(), Some("ids=List(1,2,3)"));
    /// # Ok::<(), linkedin::restli::RequestError>(())
    /// ```
    pub fn batch_get<K: Serialize>(path: &str, ids: impl IntoIterator<Item = K>) -> BatchGet<K> {
        let (inner, ids) = keyed(DynamicRequest::new(Method::BatchGet, path).with_ids(ids).0);
        BatchGet { inner, ids }
    }

    /// GET_ALL: read a collection page by page (see [`page`](GetAll::page)).
    ///
    /// ```
    /// let r = linkedin::restli::Request::get_all("/adAccounts").page(0, 10);
    /// assert_eq!(r.query().get("count"), Some("10"));
    /// ```
    pub fn get_all(path: &str) -> GetAll {
        GetAll {
            inner: DynamicRequest::new(Method::GetAll, path),
        }
    }

    /// FINDER: search with the named finder (`q=name`); its criteria are
    /// query parameters ([`param`](Finder::param)).
    ///
    /// ```
    /// let r = linkedin::restli::Request::finder("/adAccounts", "search");
    /// assert_eq!(r.query().get("q"), Some("search"));
    /// ```
    pub fn finder(path: &str, name: &str) -> Finder {
        Finder {
            inner: DynamicRequest::new(Method::Finder, path).param("q", name),
        }
    }

    /// BATCH_FINDER: run the named finder (`bq=name`) once per criterion,
    /// the criteria going in the `criteria_param` list parameter.
    ///
    /// ```
    /// use serde_json::json;
    /// let r = linkedin::restli::Request::batch_finder(
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
    ) -> BatchFinder {
        let criteria: Vec<C> = criteria.into_iter().collect();
        BatchFinder {
            inner: DynamicRequest::new(Method::BatchFinder, path)
                .param("bq", name)
                .param(criteria_param, &criteria),
        }
    }

    /// CREATE: create one entity; the server answers with its id.
    ///
    /// ```
    /// let r = linkedin::restli::Request::create("/adAccounts", &serde_json::json!({"name": "x"}));
    /// assert_eq!(r.body(), Some(&serde_json::json!({"name": "x"})));
    /// ```
    pub fn create<T: Serialize + ?Sized>(path: &str, entity: &T) -> Create {
        Create {
            inner: DynamicRequest::new(Method::Create, path).with_body(entity, "the entity"),
        }
    }

    /// BATCH_CREATE: create several entities (`{"elements": [..]}`).
    ///
    /// ```
    /// use serde_json::json;
    /// let r = linkedin::restli::Request::batch_create("/posts", [json!({"a": 1}), json!({"a": 2})]);
    /// assert_eq!(r.body(), Some(&json!({"elements": [{"a": 1}, {"a": 2}]})));
    /// ```
    pub fn batch_create<T: Serialize>(
        path: &str,
        entities: impl IntoIterator<Item = T>,
    ) -> BatchCreate {
        let entities: Vec<T> = entities.into_iter().collect();
        let inner = DynamicRequest::new(Method::BatchCreate, path).try_with(|r| {
            let elements = body_value(&entities, "the entities")?;
            let mut body = Map::new();
            body.insert("elements".into(), elements);
            r.body = Some(Value::Object(body));
            Ok(())
        });
        BatchCreate { inner }
    }

    /// UPDATE: replace one entity.
    ///
    /// ```
    /// let r = linkedin::restli::Request::update("/adAccounts/{id}", &serde_json::json!({"name": "x"}))
    ///     .key("id", &1);
    /// assert_eq!(r.method().http_method(), http::Method::PUT);
    /// ```
    pub fn update<T: Serialize + ?Sized>(path: &str, entity: &T) -> Update {
        Update {
            inner: DynamicRequest::new(Method::Update, path).with_body(entity, "the entity"),
        }
    }

    /// BATCH_UPDATE: replace several entities, one per id
    /// (`{"entities": {id: entity}}`, ids reduced-encoded).
    ///
    /// ```
    /// use serde_json::json;
    /// let r = linkedin::restli::Request::batch_update("/x", [1, 3], [json!({"m": "a"}), json!({"m": "b"})]);
    /// assert_eq!(r.body(), Some(&json!({"entities": {"1": {"m": "a"}, "3": {"m": "b"}}})));
    /// ```
    pub fn batch_update<K: Serialize, T: Serialize>(
        path: &str,
        ids: impl IntoIterator<Item = K>,
        entities: impl IntoIterator<Item = T>,
    ) -> BatchUpdate<K> {
        let (request, reduced) = DynamicRequest::new(Method::BatchUpdate, path).with_ids(ids);
        let entities = entities
            .into_iter()
            .map(|e| body_value(&e, "an entity"))
            .collect();
        let (inner, ids) = keyed(request.keyed_body(reduced, entities));
        BatchUpdate { inner, ids }
    }

    /// PARTIAL_UPDATE: change some fields of one entity (`{"patch": ..}`).
    ///
    /// ```
    /// use linkedin::restli::{Patch, Request};
    /// use serde_json::json;
    ///
    /// let patch = Patch::set(&json!({"status": "PAUSED"}))?;
    /// let r = Request::partial_update("/adAccounts/{id}", &patch).key("id", &1);
    /// assert_eq!(r.body(), Some(&json!({"patch": {"$set": {"status": "PAUSED"}}})));
    /// # Ok::<(), linkedin::restli::PatchError>(())
    /// ```
    pub fn partial_update(path: &str, patch: &Patch) -> PartialUpdate {
        let mut inner = DynamicRequest::new(Method::PartialUpdate, path);
        inner.body = Some(patch.to_body());
        PartialUpdate { inner }
    }

    /// BATCH_PARTIAL_UPDATE: one patch per id.
    ///
    /// ```
    /// use linkedin::restli::{Patch, Request};
    /// use serde_json::json;
    ///
    /// let patches = [Patch::set(&json!({"a": 1}))?, Patch::set(&json!({"a": 2}))?];
    /// let r = Request::batch_partial_update("/x", ["k1", "k2"], patches);
    /// assert_eq!(r.body().unwrap()["entities"]["k2"], json!({"patch": {"$set": {"a": 2}}}));
    /// # Ok::<(), linkedin::restli::PatchError>(())
    /// ```
    pub fn batch_partial_update<K: Serialize>(
        path: &str,
        ids: impl IntoIterator<Item = K>,
        patches: impl IntoIterator<Item = Patch>,
    ) -> BatchPartialUpdate<K> {
        let (request, reduced) =
            DynamicRequest::new(Method::BatchPartialUpdate, path).with_ids(ids);
        let patches = patches.into_iter().map(|p| Ok(p.to_body())).collect();
        let (inner, ids) = keyed(request.keyed_body(reduced, patches));
        BatchPartialUpdate { inner, ids }
    }

    /// DELETE: delete one entity.
    ///
    /// ```
    /// let r = linkedin::restli::Request::delete("/adAccounts/{id}").key("id", &1);
    /// assert_eq!(r.method().http_method(), http::Method::DELETE);
    /// ```
    pub fn delete(path: &str) -> Delete {
        Delete {
            inner: DynamicRequest::new(Method::Delete, path),
        }
    }

    /// BATCH_DELETE: delete several entities by id.
    ///
    /// ```
    /// let r = linkedin::restli::Request::batch_delete("/x", [1, 3]);
    /// assert_eq!(r.query().get("ids"), Some("List(1,3)"));
    /// ```
    pub fn batch_delete<K: Serialize>(
        path: &str,
        ids: impl IntoIterator<Item = K>,
    ) -> BatchDelete<K> {
        let (inner, ids) = keyed(
            DynamicRequest::new(Method::BatchDelete, path)
                .with_ids(ids)
                .0,
        );
        BatchDelete { inner, ids }
    }

    /// ACTION: call the named action (`action=name`) with its parameters as
    /// the JSON body (a struct or map; `()` for none).
    ///
    /// ```
    /// let r = linkedin::restli::Request::action("/actionSet", "echo", &serde_json::json!({"input": "hi"}));
    /// assert_eq!(r.query().get("action"), Some("echo"));
    /// assert_eq!(r.body(), Some(&serde_json::json!({"input": "hi"})));
    /// ```
    pub fn action<P: Serialize + ?Sized>(path: &str, name: &str, params: &P) -> Action {
        let inner = DynamicRequest::new(Method::Action, path)
            .param("action", name)
            .try_with(|r| {
                let body = match body_value(params, "the action parameters")? {
                    Value::Null => Value::Object(Map::new()),
                    other => other,
                };
                r.body = Some(body);
                Ok(())
            });
        Action { inner }
    }
}
