//! BATCH_FINDER responses: one page (or one error) per criterion.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::FromResponse;
use super::body::success;
use super::collection::CollectionPage;
use super::error::{ApiErrorBody, ResponseError};
use super::meta::ResponseMeta;
use crate::paging::Paging;

/// The answer to BATCH_FINDER: `{"elements": [criterion result, ..]}`, one
/// result per search criterion, in the order of the request's criteria.
/// Each is a page of elements, or the error for that criterion
/// (`{"error": {..}, "isError": true}`).
///
/// ```
/// use linkedin::restli::response::BatchFinderResponse;
///
/// let response = http::Response::builder().status(200).body(
///     br#"{"elements": [
///         {"elements": [{"id": 1}], "paging": {"start": 0, "count": 10, "links": []}},
///         {"elements": [], "error": {"status": 404, "message": "no match"}, "isError": true}
///     ]}"#.to_vec(),
/// )?;
/// let found = BatchFinderResponse::<serde_json::Value>::from_http(response, "/things?bq=search")?;
/// assert_eq!(found.results.len(), 2);
/// assert_eq!(found.results[0].as_ref().map(|p| p.elements.len()), Ok(1));
/// assert_eq!(found.results[1].as_ref().err().and_then(|e| e.message.as_deref()), Some("no match"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct BatchFinderResponse<T = Value, M = Value> {
    /// One result per criterion, in criteria order.
    pub results: Vec<Result<CollectionPage<T, M>, ApiErrorBody>>,
    /// Status, headers and URL.
    pub meta: ResponseMeta,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "T: DeserializeOwned, M: DeserializeOwned"))]
struct BatchFinderWire<T, M> {
    elements: Vec<CriterionWire<T, M>>,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "T: DeserializeOwned, M: DeserializeOwned"))]
struct CriterionWire<T, M> {
    #[serde(default)]
    elements: Option<Vec<T>>,
    #[serde(default)]
    paging: Option<Paging>,
    #[serde(default)]
    metadata: Option<M>,
    #[serde(default)]
    error: Option<ApiErrorBody>,
    #[serde(default, rename = "isError")]
    is_error: Option<bool>,
}

impl<T: DeserializeOwned, M: DeserializeOwned> BatchFinderResponse<T, M> {
    /// Parses a BATCH_FINDER response (see [the module docs](super)).
    ///
    /// A criterion is an error when it says `"isError": true` or carries an
    /// `error` and no `elements`.
    ///
    /// # Errors
    ///
    /// [`ResponseError::Api`] for a non-2xx status;
    /// [`ResponseError::Decode`] when the body has no `elements` list, or a
    /// criterion has neither elements nor an error (the reason names its
    /// index), or an element does not decode into `T`.
    pub fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError> {
        let ok = success(response, url)?;
        let wire: BatchFinderWire<T, M> = ok.json(
            "batch-finder results {\"elements\": [{\"elements\": [..]} | {\"error\": ..}]}",
        )?;
        let mut results = Vec::with_capacity(wire.elements.len());
        for (i, criterion) in wire.elements.into_iter().enumerate() {
            let failed = criterion.is_error == Some(true)
                || (criterion.error.is_some() && criterion.elements.is_none());
            let result = match (failed, criterion.elements) {
                (true, _) => Err(criterion.error.unwrap_or_default()),
                (false, Some(elements)) => Ok(CollectionPage {
                    elements,
                    paging: criterion.paging,
                    metadata: criterion.metadata,
                }),
                (false, None) => {
                    return Err(ok.decode_error(format!(
                        "elements[{i}] has neither \"elements\" nor \"error\""
                    )));
                }
            };
            results.push(result);
        }
        Ok(BatchFinderResponse {
            results,
            meta: ok.meta,
        })
    }
}

impl<T: DeserializeOwned, M: DeserializeOwned> FromResponse for BatchFinderResponse<T, M> {
    fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError> {
        Self::from_http(response, url)
    }
}
