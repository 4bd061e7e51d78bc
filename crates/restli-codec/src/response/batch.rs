//! BATCH_GET, BATCH_UPDATE, BATCH_PARTIAL_UPDATE and BATCH_DELETE responses.

use http::StatusCode;
use serde::de::{self, DeserializeOwned};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::FromResponse;
use super::batch_map::BatchMap;
use super::body::success;
use super::error::{ApiErrorBody, ResponseError};
use super::meta::ResponseMeta;

/// A status code inside a JSON body (`"status": 204`).
pub(crate) struct WireStatus(pub(crate) StatusCode);

impl<'de> Deserialize<'de> for WireStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = u16::deserialize(deserializer)?;
        StatusCode::from_u16(code)
            .map(WireStatus)
            .map_err(|_| de::Error::custom(format_args!("{code} is not an HTTP status code")))
    }
}

pub(crate) fn status_code<'de, D: Deserializer<'de>>(d: D) -> Result<StatusCode, D::Error> {
    WireStatus::deserialize(d).map(|WireStatus(s)| s)
}

/// The answer to BATCH_GET: `{"results": {key: entity}, "statuses": {key:
/// status}, "errors": {key: error}}`, keyed by decoded keys of type `K`.
///
/// ```
/// use linkedin::restli::response::BatchGetResponse;
///
/// let response = http::Response::builder().status(200).body(
///     br#"{"results": {"1": {"id": 1}}, "statuses": {"1": 200, "2": 404},
///         "errors": {"2": {"status": 404, "message": "Not found"}}}"#.to_vec(),
/// )?;
/// let batch = BatchGetResponse::<i64>::from_http(response, "/posts?ids=List(1,2)")?;
/// assert_eq!(batch.results.get(&1), Some(&serde_json::json!({"id": 1})));
/// assert_eq!(batch.statuses.get(&2).map(|s| s.as_u16()), Some(404));
/// assert_eq!(batch.get(&2).and_then(|r| r.err()).and_then(|e| e.message.as_deref()), Some("Not found"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct BatchGetResponse<K = Value, T = Value> {
    /// The entities found.
    pub results: BatchMap<K, T>,
    /// A status per key, when the server sends them.
    pub statuses: BatchMap<K, StatusCode>,
    /// An error per key that could not be read.
    pub errors: BatchMap<K, ApiErrorBody>,
    /// Status, headers and URL.
    pub meta: ResponseMeta,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "K: DeserializeOwned + Serialize, T: DeserializeOwned"))]
struct BatchGetWire<K, T> {
    results: BatchMap<K, T>,
    // Optional: absent or null reads as empty.
    #[serde(default)]
    statuses: Option<BatchMap<K, WireStatus>>,
    #[serde(default)]
    errors: Option<BatchMap<K, ApiErrorBody>>,
}

impl<K, T> BatchGetResponse<K, T>
where
    K: DeserializeOwned + Serialize,
    T: DeserializeOwned,
{
    /// Parses a BATCH_GET response (see [the module docs](super)).
    ///
    /// # Errors
    ///
    /// [`ResponseError::Api`] for a non-2xx status;
    /// [`ResponseError::Decode`] when the body has no `results` object, a
    /// key does not decode into `K` (the reason names the key) or an entity
    /// does not decode into `T`.
    pub fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError> {
        let ok = success(response, url)?;
        let wire: BatchGetWire<K, T> = ok.json("a batch result {\"results\": {..}}")?;
        Ok(BatchGetResponse {
            results: wire.results,
            statuses: wire
                .statuses
                .unwrap_or_default()
                .map_values(|WireStatus(s)| s),
            errors: wire.errors.unwrap_or_default(),
            meta: ok.meta,
        })
    }
}

impl<K, T> BatchGetResponse<K, T> {
    /// The outcome for one key: its entity, its error, or `None` when the
    /// server said nothing about it.
    ///
    /// ```
    /// use linkedin::restli::response::BatchGetResponse;
    /// let response = http::Response::builder().status(200)
    ///     .body(br#"{"results": {"1": "a"}, "errors": {"2": {"message": "gone"}}}"#.to_vec())?;
    /// let batch = BatchGetResponse::<i64, String>::from_http(response, "/x")?;
    /// assert!(matches!(batch.get(&1), Some(Ok(s)) if s == "a"));
    /// assert!(matches!(batch.get(&2), Some(Err(_))));
    /// assert!(batch.get(&3).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn get<Q>(&self, key: &Q) -> Option<Result<&T, &ApiErrorBody>>
    where
        Q: Serialize + ?Sized,
    {
        match self.results.get(key) {
            Some(entity) => Some(Ok(entity)),
            None => self.errors.get(key).map(Err),
        }
    }
}

impl<K, T> FromResponse for BatchGetResponse<K, T>
where
    K: DeserializeOwned + Serialize,
    T: DeserializeOwned,
{
    fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError> {
        Self::from_http(response, url)
    }
}

/// The status of one key in a batch update, partial update or delete
/// (`{"status": 204}`), with the entity when the server returns it.
///
/// ```
/// use linkedin::restli::response::ItemStatus;
/// let item: ItemStatus = serde_json::from_str(r#"{"status": 200, "entity": {"a": 1}}"#)?;
/// assert_eq!(item.status, 200);
/// assert!(item.entity.is_some());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
#[non_exhaustive]
pub struct ItemStatus<T = Value> {
    /// The status for this key (204, 200, 404, ...).
    #[serde(deserialize_with = "status_code")]
    pub status: StatusCode,
    /// The updated entity, when the request asked for it.
    #[serde(default)]
    pub entity: Option<T>,
    /// An error attached to this status, if any.
    #[serde(default)]
    pub error: Option<ApiErrorBody>,
}

/// The answer to BATCH_UPDATE, BATCH_PARTIAL_UPDATE and BATCH_DELETE:
/// `{"results": {key: {"status": 204}}, "errors": {key: error}}`.
///
/// ```
/// use linkedin::restli::response::BatchStatusResponse;
///
/// let response = http::Response::builder().status(200).body(
///     br#"{"results": {"1": {"status": 204}}, "errors": {"2": {"status": 400, "message": "Missing field"}}}"#
///         .to_vec(),
/// )?;
/// let batch = BatchStatusResponse::<i64>::from_http(response, "/posts?ids=List(1,2)")?;
/// assert_eq!(batch.results.get(&1).map(|r| r.status.as_u16()), Some(204));
/// assert_eq!(batch.errors.get(&2).and_then(|e| e.status), Some(400));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct BatchStatusResponse<K = Value, T = Value> {
    /// The status of each key that was handled.
    pub results: BatchMap<K, ItemStatus<T>>,
    /// An error per key that failed.
    pub errors: BatchMap<K, ApiErrorBody>,
    /// Status, headers and URL.
    pub meta: ResponseMeta,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "K: DeserializeOwned + Serialize, T: DeserializeOwned"))]
struct BatchStatusWire<K, T> {
    results: BatchMap<K, ItemStatus<T>>,
    #[serde(default)]
    errors: Option<BatchMap<K, ApiErrorBody>>,
}

impl<K, T> BatchStatusResponse<K, T>
where
    K: DeserializeOwned + Serialize,
    T: DeserializeOwned,
{
    /// Parses a BATCH_UPDATE, BATCH_PARTIAL_UPDATE or BATCH_DELETE response
    /// (see [the module docs](super)).
    ///
    /// # Errors
    ///
    /// [`ResponseError::Api`] for a non-2xx status;
    /// [`ResponseError::Decode`] when the body has no `results` object, a
    /// key does not decode into `K`, or a result has no valid `status`.
    pub fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError> {
        let ok = success(response, url)?;
        let wire: BatchStatusWire<K, T> =
            ok.json("batch statuses {\"results\": {key: {\"status\": ..}}}")?;
        Ok(BatchStatusResponse {
            results: wire.results,
            errors: wire.errors.unwrap_or_default(),
            meta: ok.meta,
        })
    }
}

impl<K, T> FromResponse for BatchStatusResponse<K, T>
where
    K: DeserializeOwned + Serialize,
    T: DeserializeOwned,
{
    fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError> {
        Self::from_http(response, url)
    }
}
