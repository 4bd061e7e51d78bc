//! UPDATE, PARTIAL_UPDATE and DELETE responses: a status, maybe an entity.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::FromResponse;
use super::body::success;
use super::error::ResponseError;
use super::meta::ResponseMeta;

/// The answer to UPDATE, PARTIAL_UPDATE and DELETE: a 2xx status (usually
/// 204) and usually no body; when the request asked for the entity back
/// (PARTIAL_UPDATE with return-entity), it is in [`entity`](Self::entity).
///
/// ```
/// use linkedin::restli::response::StatusResponse;
///
/// let response = http::Response::builder().status(204).body(Vec::new())?;
/// let done = StatusResponse::<serde_json::Value>::from_http(response, "/posts/1")?;
/// assert_eq!(done.meta.status(), 204);
/// assert!(done.entity.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct StatusResponse<T = Value> {
    /// The returned entity, when the body is not empty.
    pub entity: Option<T>,
    /// Status, headers and URL.
    pub meta: ResponseMeta,
}

impl<T: DeserializeOwned> StatusResponse<T> {
    /// Parses an UPDATE, PARTIAL_UPDATE or DELETE response (see [the module
    /// docs](super)).
    ///
    /// # Errors
    ///
    /// [`ResponseError::Api`] for a non-2xx status;
    /// [`ResponseError::Decode`] for a non-empty body that does not decode
    /// into `T`.
    pub fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError> {
        let ok = success(response, url)?;
        let entity = if ok.is_blank() {
            None
        } else {
            Some(ok.json("an empty body or the updated entity")?)
        };
        Ok(StatusResponse {
            entity,
            meta: ok.meta,
        })
    }
}

impl<T: DeserializeOwned> FromResponse for StatusResponse<T> {
    fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError> {
        Self::from_http(response, url)
    }
}
