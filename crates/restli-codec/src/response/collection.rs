//! GET_ALL and FINDER responses: a page of a collection.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::FromResponse;
use super::body::success;
use super::error::ResponseError;
use super::meta::ResponseMeta;
use crate::paging::Paging;

/// One page of a collection: `{"elements": [..], "paging": {..},
/// "metadata": ..}`. It is the body of a GET_ALL or FINDER answer
/// ([`CollectionResponse`]) and each criterion's result in a BATCH_FINDER
/// answer.
///
/// ```
/// use linkedin::restli::response::CollectionPage;
/// let page: CollectionPage<i32> = serde_json::from_str(
///     r#"{"elements": [1, 2], "paging": {"start": 0, "count": 2, "total": 5, "links": []}}"#,
/// )?;
/// assert_eq!(page.elements, [1, 2]);
/// assert_eq!(page.paging.and_then(|p| p.total), Some(5));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(bound(deserialize = "T: DeserializeOwned, M: DeserializeOwned"))]
#[non_exhaustive]
pub struct CollectionPage<T = Value, M = Value> {
    /// The elements of this page.
    pub elements: Vec<T>,
    /// Where this page is in the collection, when the server says.
    #[serde(default)]
    pub paging: Option<Paging>,
    /// Finder metadata, when the finder returns some.
    #[serde(default)]
    pub metadata: Option<M>,
}

/// The answer to GET_ALL and FINDER: one page of elements, its paging and
/// the finder's metadata.
///
/// Feed [`paging`](Self::paging) and the number of elements to a
/// [`Pager`](crate::paging::Pager) to get the next window.
///
/// ```
/// use linkedin::restli::response::CollectionResponse;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Greeting { id: i64, message: String }
///
/// let response = http::Response::builder().status(200).body(
///     br#"{"elements": [{"id": 1, "message": "hi"}],
///          "paging": {"start": 0, "count": 10, "links": []},
///          "metadata": {"optionalString": "metadata"}}"#.to_vec(),
/// )?;
/// let page = CollectionResponse::<Greeting>::from_http(response, "/greetings?q=search")?;
/// assert_eq!(page.elements[0].message, "hi");
/// assert_eq!(page.paging.as_ref().map(|p| p.count), Some(10));
/// assert_eq!(page.metadata.as_ref().map(|m| m["optionalString"] == "metadata"), Some(true));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CollectionResponse<T = Value, M = Value> {
    /// The elements of this page.
    pub elements: Vec<T>,
    /// Where this page is in the collection, when the server says.
    pub paging: Option<Paging>,
    /// Finder metadata, when the finder returns some.
    pub metadata: Option<M>,
    /// Status, headers and URL.
    pub meta: ResponseMeta,
    /// `metadata.nextPageToken`, read whatever `M` is.
    next_page_token: Option<String>,
}

/// Reads `metadata.nextPageToken` alone, skipping everything else.
#[derive(Deserialize)]
struct TokenProbe {
    #[serde(default)]
    metadata: Option<MetadataProbe>,
}

#[derive(Deserialize)]
struct MetadataProbe {
    #[serde(default, rename = "nextPageToken")]
    next_page_token: Option<Value>,
}

/// The cursor of a cursor-paged answer: a string, or a number written as
/// one (servers differ; both are safe to send back). Anything else, or a
/// `metadata` that is not an object, counts as no token.
fn next_page_token(body: &[u8]) -> Option<String> {
    let probe: TokenProbe = serde_json::from_slice(body).ok()?;
    match probe.metadata?.next_page_token? {
        Value::String(token) => Some(token),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl<T: DeserializeOwned, M: DeserializeOwned> CollectionResponse<T, M> {
    /// Parses a GET_ALL or FINDER response (see [the module docs](super)).
    ///
    /// # Errors
    ///
    /// [`ResponseError::Api`] for a non-2xx status;
    /// [`ResponseError::Decode`] when the body has no `elements` list, an
    /// element does not decode into `T`, `paging` is malformed, or the
    /// metadata does not decode into `M`.
    pub fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError> {
        let ok = success(response, url)?;
        let page: CollectionPage<T, M> = ok.json("a collection {\"elements\": [..]}")?;
        Ok(CollectionResponse {
            elements: page.elements,
            paging: page.paging,
            metadata: page.metadata,
            next_page_token: next_page_token(&ok.body),
            meta: ok.meta,
        })
    }
}

impl<T, M> CollectionResponse<T, M> {
    /// The `nextPageToken` of a cursor-paged answer (`metadata.nextPageToken`,
    /// LinkedIn's "Cursor Based Pagination"), whatever the metadata type `M`.
    ///
    /// ```
    /// use linkedin::restli::response::CollectionResponse;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Mine { other: Option<u8> }
    ///
    /// let response = http::Response::builder().status(200)
    ///     .body(br#"{"elements": [], "metadata": {"nextPageToken": "DgEDAQ"}}"#.to_vec())?;
    /// let page = CollectionResponse::<serde_json::Value, Mine>::from_http(response, "/adAccounts")?;
    /// assert_eq!(page.next_page_token(), Some("DgEDAQ"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next_page_token(&self) -> Option<&str> {
        self.next_page_token.as_deref()
    }
}

impl<T: DeserializeOwned, M: DeserializeOwned> FromResponse for CollectionResponse<T, M> {
    fn from_http(response: http::Response<Vec<u8>>, url: &str) -> Result<Self, ResponseError> {
        Self::from_http(response, url)
    }
}
