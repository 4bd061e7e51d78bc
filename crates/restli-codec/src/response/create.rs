//! CREATE and BATCH_CREATE responses: the ids of what was created.

use http::StatusCode;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::FromResponse;
use super::batch::status_code;
use super::body::{Success, success};
use super::error::{ApiErrorBody, ResponseError};
use super::meta::ResponseMeta;

/// Headers that carry the created id, in the order they are looked up
/// (`X-LinkedIn-Id` is the Rest.li 1.0 name).
const ID_HEADERS: [&str; 2] = ["x-restli-id", "x-linkedin-id"];

/// The answer to CREATE: the new entity's id from the `X-RestLi-Id` header
/// (reduced-encoded, or raw as Rest.li writes simple keys, decoded into
/// `K`), and the entity itself when the request asked for it back.
///
/// The entity was created whatever the id looks like: an id that does not
/// decode into `K` is no error (an error would invite a retry, creating it
/// twice); [`id`](Self::id) is then `None` and [`raw_id`](Self::raw_id)
/// keeps the header's text.
///
/// ```
/// use linkedin::restli::{Urn, response::CreateResponse};
///
/// // LinkedIn's Posts API answers `x-restli-id: urn:li:share:...`, raw.
/// let response = http::Response::builder()
///     .status(201)
///     .header("x-restli-id", "urn:li:share:7")
///     .body(Vec::new())?;
/// let created = CreateResponse::<Urn>::from_http(response, "/rest/posts")?;
/// assert_eq!(created.id.map(|u| u.to_string()).as_deref(), Some("urn:li:share:7"));
/// assert!(created.entity.is_none());
///
/// // An id that is not a number is still a creation.
/// let response = http::Response::builder()
///     .status(201)
///     .header("x-restli-id", "urn:li:share:7")
///     .body(Vec::new())?;
/// let created = CreateResponse::<i64>::from_http(response, "/rest/posts")?;
/// assert_eq!(created.id, None);
/// assert_eq!(created.raw_id.as_deref(), Some("urn:li:share:7"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CreateResponse<K = Value, T = Value> {
    /// The created id, when the server sent `X-RestLi-Id` and it decodes
    /// into `K`.
    pub id: Option<K>,
    /// The id exactly as the server sent it (`X-RestLi-Id`, or the 1.0
    /// name `X-LinkedIn-Id`), decoded or not.
    pub raw_id: Option<String>,
    /// The created entity, when the body is not empty (return-entity).
    pub entity: Option<T>,
    /// Status, headers and URL.
    pub meta: ResponseMeta,
}

impl<K: DeserializeOwned, T: DeserializeOwned> CreateResponse<K, T> {
    /// Parses a CREATE response (see [the module docs](super)).
    ///
    /// # Errors
    ///
    /// [`ResponseError::Api`] for a non-2xx status;
    /// [`ResponseError::Decode`] when a non-empty body does not decode into
    /// `T`. An id that does not decode into `K` is no error (see
    /// [`raw_id`](Self::raw_id)).
    pub fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError> {
        let ok = success(response, url)?;
        let raw_id = created_id(&ok);
        let id = raw_id
            .as_deref()
            .and_then(|text| crate::from_str_reduced(text).ok());
        let entity = if ok.is_blank() {
            None
        } else {
            Some(ok.json("an empty body or the created entity")?)
        };
        Ok(CreateResponse {
            id,
            raw_id,
            entity,
            meta: ok.meta,
        })
    }
}

impl<K, T> CreateResponse<K, T> {
    /// The `Location` header: the created entity's path, when sent.
    ///
    /// ```
    /// use linkedin::restli::response::CreateResponse;
    /// let response = http::Response::builder().status(201)
    ///     .header("X-RestLi-Id", "1").header("Location", "/collection/1").body(Vec::new())?;
    /// let created = CreateResponse::<i64>::from_http(response, "/collection")?;
    /// assert_eq!((created.id, created.location()), (Some(1), Some("/collection/1")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn location(&self) -> Option<&str> {
        self.meta.header("location")
    }
}

/// The created id's header text (bytes that are not UTF-8 replaced, so
/// that a creation is never lost to its id's spelling).
fn created_id(ok: &Success) -> Option<String> {
    ID_HEADERS
        .iter()
        .find_map(|name| ok.meta.headers().get(*name))
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
}

impl<K: DeserializeOwned, T: DeserializeOwned> FromResponse for CreateResponse<K, T> {
    fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError> {
        Self::from_http(response, url)
    }
}

/// One element of a BATCH_CREATE answer, in the order of the request's
/// elements.
///
/// ```
/// use linkedin::restli::response::BatchCreateResponse;
/// let response = http::Response::builder().status(200)
///     .body(br#"{"elements": [{"status": 201, "id": "(a:1,b:x)"}]}"#.to_vec())?;
/// let batch = BatchCreateResponse::<serde_json::Value>::from_http(response, "/things")?;
/// let first = &batch.elements[0];
/// assert_eq!(first.status, 201);
/// assert_eq!(first.id, Some(serde_json::json!({"a": "1", "b": "x"})));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CreatedItem<K = Value, T = Value> {
    /// The status of this creation (201, or an error status).
    pub status: StatusCode,
    /// The created id, decoded from its reduced (or raw) encoding, when it
    /// decodes into `K`.
    pub id: Option<K>,
    /// The id exactly as the server sent it (a JSON number as its digits).
    pub raw_id: Option<String>,
    /// The created entity's path, when sent.
    pub location: Option<String>,
    /// The created entity, when the request asked for it back.
    pub entity: Option<T>,
    /// Why this element was not created.
    pub error: Option<ApiErrorBody>,
}

impl<K, T> CreatedItem<K, T> {
    /// Whether this element was created (a 2xx status and no error).
    ///
    /// ```
    /// use linkedin::restli::response::BatchCreateResponse;
    /// let response = http::Response::builder().status(200)
    ///     .body(br#"{"elements": [{"status": 201, "id": "1"}, {"status": 400, "error": {"message": "bad"}}]}"#.to_vec())?;
    /// let batch = BatchCreateResponse::<i64>::from_http(response, "/things")?;
    /// assert!(batch.elements[0].is_created());
    /// assert!(!batch.elements[1].is_created());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_created(&self) -> bool {
        self.status.is_success() && self.error.is_none()
    }
}

/// The answer to BATCH_CREATE: `{"elements": [{"status": 201, "id": ..}]}`.
///
/// ```
/// use linkedin::restli::response::BatchCreateResponse;
/// let response = http::Response::builder().status(200).body(
///     br#"{"elements": [{"status": 201, "id": "1", "location": "/collection/1"},
///                       {"status": 201, "id": "3", "location": "/collection/3"}]}"#.to_vec(),
/// )?;
/// let batch = BatchCreateResponse::<i64>::from_http(response, "/collection")?;
/// let ids: Vec<Option<i64>> = batch.elements.iter().map(|e| e.id).collect();
/// assert_eq!(ids, [Some(1), Some(3)]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct BatchCreateResponse<K = Value, T = Value> {
    /// One element per created entity, in request order.
    pub elements: Vec<CreatedItem<K, T>>,
    /// Status, headers and URL.
    pub meta: ResponseMeta,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "T: DeserializeOwned"))]
struct BatchCreateWire<T> {
    elements: Vec<CreatedWire<T>>,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "T: DeserializeOwned"))]
struct CreatedWire<T> {
    #[serde(deserialize_with = "status_code")]
    status: StatusCode,
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    entity: Option<T>,
    #[serde(default)]
    error: Option<ApiErrorBody>,
}

impl<K: DeserializeOwned, T: DeserializeOwned> BatchCreateResponse<K, T> {
    /// Parses a BATCH_CREATE response (see [the module docs](super)).
    ///
    /// # Errors
    ///
    /// [`ResponseError::Api`] for a non-2xx status;
    /// [`ResponseError::Decode`] when the body has no `elements` list or
    /// an element has no valid `status`. An `id` that does not decode into
    /// `K` is no error: that element's [`CreatedItem::id`] is `None` and
    /// its [`CreatedItem::raw_id`] keeps the text.
    pub fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError> {
        let ok = success(response, url)?;
        let wire: BatchCreateWire<T> =
            ok.json("batch-create results {\"elements\": [{\"status\": .., \"id\": ..}]}")?;
        let mut elements = Vec::with_capacity(wire.elements.len());
        for item in wire.elements {
            let raw_id = match item.id {
                None | Some(Value::Null) => None,
                Some(Value::String(text)) => Some(text),
                Some(Value::Number(n)) => Some(n.to_string()),
                Some(other) => {
                    // Not an id Rest.li writes; keep its JSON text, bounded.
                    let text = other.to_string();
                    Some(crate::excerpt::head(&text).to_owned())
                }
            };
            let id = raw_id
                .as_deref()
                .and_then(|text| crate::from_str_reduced(text).ok());
            elements.push(CreatedItem {
                status: item.status,
                id,
                raw_id,
                location: item.location,
                entity: item.entity,
                error: item.error,
            });
        }
        Ok(BatchCreateResponse {
            elements,
            meta: ok.meta,
        })
    }
}

impl<K: DeserializeOwned, T: DeserializeOwned> FromResponse for BatchCreateResponse<K, T> {
    fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError> {
        Self::from_http(response, url)
    }
}
