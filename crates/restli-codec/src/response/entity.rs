//! GET responses: one entity.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::FromResponse;
use super::body::success;
use super::error::ResponseError;
use super::meta::ResponseMeta;

/// The answer to GET: one entity as the body.
///
/// ```
/// use linkedin::restli::response::EntityResponse;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Greeting { id: i64, message: String }
///
/// let response = http::Response::builder()
///     .status(200)
///     .body(br#"{"id": 1, "message": "test message"}"#.to_vec())?;
/// let got = EntityResponse::<Greeting>::from_http(response, "/greetings/1")?;
/// assert_eq!(got.entity.message, "test message");
/// assert_eq!(got.meta.url(), "/greetings/1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct EntityResponse<T = Value> {
    /// The entity.
    pub entity: T,
    /// Status, headers and URL.
    pub meta: ResponseMeta,
}

impl<T: DeserializeOwned> EntityResponse<T> {
    /// Parses a GET response (see [the module docs](super)).
    ///
    /// # Errors
    ///
    /// [`ResponseError::Api`] for a non-2xx status;
    /// [`ResponseError::Decode`] for an empty body or one that does not
    /// decode into `T`.
    pub fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError> {
        let ok = success(response, url)?;
        let entity = ok.json("an entity")?;
        Ok(EntityResponse {
            entity,
            meta: ok.meta,
        })
    }
}

impl<T: DeserializeOwned> FromResponse for EntityResponse<T> {
    fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError> {
        Self::from_http(response, url)
    }
}
