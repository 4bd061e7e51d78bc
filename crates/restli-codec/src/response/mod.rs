//! Typed Rest.li responses and API errors.
//!
//! # One way to parse
//!
//! Every method has a response type, and every response type is parsed the
//! same way: `Type::<..>::from_http(response, url)`, from the
//! `http::Response<Vec<u8>>` a transport received and the URL of the request
//! (kept for error messages). Each type also implements [`FromResponse`], so
//! transport code can be generic over what it parses.
//!
//! | Rest.li method | type | body |
//! |---|---|---|
//! | GET | [`EntityResponse<T>`] | the entity |
//! | BATCH_GET | [`BatchGetResponse<K, T>`] | `{"results": {key: entity}, "statuses": .., "errors": ..}` |
//! | GET_ALL, FINDER | [`CollectionResponse<T, M>`] | `{"elements": [..], "paging": .., "metadata": ..}` |
//! | BATCH_FINDER | [`BatchFinderResponse<T, M>`] | `{"elements": [page or error, ..]}` |
//! | CREATE | [`CreateResponse<K, T>`] | id in `X-RestLi-Id`; the entity if returned |
//! | BATCH_CREATE | [`BatchCreateResponse<K, T>`] | `{"elements": [{"status", "id", ..}]}` |
//! | UPDATE, PARTIAL_UPDATE, DELETE | [`StatusResponse<T>`] | usually empty |
//! | BATCH_UPDATE, BATCH_PARTIAL_UPDATE, BATCH_DELETE | [`BatchStatusResponse<K, T>`] | `{"results": {key: {"status": 204}}, "errors": ..}` |
//! | ACTION | [`ActionResponse<T>`] | `{"value": ..}` |
//!
//! `T` (entity), `K` (key) and `M` (finder metadata) are any
//! `DeserializeOwned` types and default to `serde_json::Value`. Keys come
//! from reduced-encoded text (JSON map keys, `X-RestLi-Id`, batch-create
//! ids) and are decoded with [`from_str_reduced`](crate::from_str_reduced),
//! so an `i64`, a `Urn` or a struct for a complex key all work; batch maps
//! are looked up by typed key ([`BatchMap::get`]). Every response keeps its
//! status, headers and URL in a [`ResponseMeta`].
//!
//! # Errors
//!
//! A non-2xx status is [`ResponseError::Api`] holding an [`ApiError`]:
//! status, `serviceErrorCode`, `code`, `message`, `errorDetails`, the
//! request id, whether `X-RestLi-Error-Response` was set, and the first 8 KiB
//! of the raw body (a proxy's HTML page, say). A 2xx body that is not what
//! the method promises is [`ResponseError::Decode`], quoting the start of
//! the body and saying what was wrong.
//!
//! ```
//! use linkedin::restli::response::{CollectionResponse, ResponseError};
//!
//! let response = http::Response::builder()
//!     .status(429)
//!     .header("Retry-After", "10")
//!     .body(br#"{"status":429,"message":"Resource level throttle limit reached"}"#.to_vec())?;
//! match CollectionResponse::<serde_json::Value>::from_http(response, "/rest/adAccounts?q=search") {
//!     Err(ResponseError::Api(err)) => {
//!         assert_eq!(err.status(), 429);
//!         assert_eq!(err.message(), Some("Resource level throttle limit reached"));
//!         assert_eq!(err.meta().header("retry-after"), Some("10"));
//!     }
//!     other => panic!("expected an API error, got {other:?}"),
//! }
//! # Ok::<(), http::Error>(())
//! ```
//!
//! Each type's documentation has a runnable example.

mod action;
mod batch;
mod batch_finder;
mod batch_map;
mod body;
mod collection;
mod create;
mod entity;
mod error;
mod meta;
mod raw;
mod status;

pub use action::ActionResponse;
pub use batch::{BatchGetResponse, BatchStatusResponse, ItemStatus};
pub use batch_finder::BatchFinderResponse;
pub use batch_map::{BatchMap, Iter};
pub use collection::{CollectionPage, CollectionResponse};
pub use create::{BatchCreateResponse, CreateResponse, CreatedItem};
pub use entity::EntityResponse;
pub use error::{ApiError, ApiErrorBody, RAW_BODY_LIMIT, ResponseError};
pub use meta::ResponseMeta;
pub use raw::RawResponse;
pub use status::StatusResponse;

/// A typed response that can be parsed from an HTTP response: implemented by
/// every response type in this module, for transports that are generic over
/// what they parse. Each type's inherent `from_http` does the same.
///
/// ```
/// use linkedin::restli::response::{EntityResponse, FromResponse, ResponseError};
///
/// fn parse<R: FromResponse>(response: http::Response<Vec<u8>>) -> Result<R, ResponseError> {
///     R::from_http(response, "/me")
/// }
///
/// let response = http::Response::builder().status(200).body(br#"{"id": "abc"}"#.to_vec())?;
/// let me: EntityResponse = parse(response)?;
/// assert_eq!(me.entity["id"], "abc");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait FromResponse: Sized {
    /// Parses `response`, the answer to a request sent to `url`.
    ///
    /// # Errors
    ///
    /// [`ResponseError::Api`] for a non-2xx status,
    /// [`ResponseError::Decode`] for a 2xx response that is not what the
    /// method promises.
    fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError>;
}

/// The response as it came, whatever its status: for answers the caller
/// reads itself (an OAuth endpoint's, parsed by `linkedin-oauth`, say). A
/// transport generic over [`FromResponse`] then needs no wrapper of its own.
///
/// ```
/// use linkedin::restli::response::FromResponse;
///
/// let response = http::Response::builder().status(400).body(b"{}".to_vec())?;
/// let raw = http::Response::<Vec<u8>>::from_http(response, "/oauth/v2/accessToken")?;
/// assert_eq!(raw.status(), 400);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl FromResponse for http::Response<Vec<u8>> {
    fn from_http(response: http::Response<Vec<u8>>, _url: &str) -> Result<Self, ResponseError> {
        Ok(response)
    }
}
