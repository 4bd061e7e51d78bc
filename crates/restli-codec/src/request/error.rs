//! Why a request could not be built.

use crate::error::Error;
use crate::method::Method;
use crate::patch::PatchError;
use crate::path::PathError;
use crate::tunnel::TunnelError;
use crate::version::VersionError;

/// Why a request could not be built.
///
/// ```
/// use linkedin::restli::{Request, RequestConfig, RequestError};
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
    /// contradicts the base chosen with [`DynamicRequest::base`](crate::DynamicRequest::base).
    #[error("cannot send to path prefix {prefix}: {reason}")]
    PathPrefix {
        /// The prefix, quoted (bounded).
        prefix: String,
        /// Why, and what to write instead.
        reason: &'static str,
    },
    /// The request goes to `/rest` (by its path or [`DynamicRequest::base`](crate::DynamicRequest::base)) but
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
    /// A [`DynamicRequest`](crate::DynamicRequest) of a method other than
    /// GET_ALL or FINDER given to paging (the typed requests of other
    /// methods cannot be).
    #[error("a {method} request cannot be paged: only get_all and finder answers are collections")]
    NotPageable {
        /// The method.
        method: Method,
    },
    /// Tunneling failed.
    #[error(transparent)]
    Tunnel(#[from] TunnelError),
}
