//! ACTION responses: `{"value": ..}`.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::FromResponse;
use super::body::success;
use super::error::ResponseError;
use super::meta::ResponseMeta;

/// The answer to ACTION: `{"value": ..}`, or an empty body for actions that
/// return nothing.
///
/// ```
/// use linkedin::restli::response::ActionResponse;
///
/// let response = http::Response::builder().status(200).body(br#"{"value": 42}"#.to_vec())?;
/// let answer = ActionResponse::<i32>::from_http(response, "/actionSet?action=returnInt")?;
/// assert_eq!(answer.value, Some(42));
///
/// let response = http::Response::builder().status(200).body(Vec::new())?;
/// let answer = ActionResponse::<i32>::from_http(response, "/actionSet?action=emptyResponse")?;
/// assert_eq!(answer.value, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ActionResponse<T = Value> {
    /// The returned value; `None` for an empty body, a body without
    /// `value`, or `"value": null`.
    pub value: Option<T>,
    /// Status, headers and URL.
    pub meta: ResponseMeta,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "T: DeserializeOwned"))]
struct ActionWire<T> {
    #[serde(default)]
    value: Option<T>,
}

impl<T: DeserializeOwned> ActionResponse<T> {
    /// Parses an ACTION response (see [the module docs](super)).
    ///
    /// # Errors
    ///
    /// [`ResponseError::Api`] for a non-2xx status;
    /// [`ResponseError::Decode`] for a body that is not a JSON object or
    /// whose `value` does not decode into `T`.
    pub fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError> {
        let ok = success(response, url)?;
        let value = if ok.is_blank() {
            None
        } else {
            ok.json::<ActionWire<T>>("an action result {\"value\": ..}")?
                .value
        };
        Ok(ActionResponse {
            value,
            meta: ok.meta,
        })
    }
}

impl<T: DeserializeOwned> FromResponse for ActionResponse<T> {
    fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError> {
        Self::from_http(response, url)
    }
}
