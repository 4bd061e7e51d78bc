//! Shared steps of every parser: split the status from the body, turn
//! non-2xx answers into [`ApiError`]s, decode JSON, quote bounded excerpts.

use serde::de::DeserializeOwned;

use super::error::{ApiError, ResponseError};
use super::meta::ResponseMeta;

// A decode error quotes about 200 bytes of a body: enough to recognise an
// HTML error page, never a whole untrusted body.
use crate::excerpt::{EXCERPT_LIMIT, bounded_text};

/// A 2xx response taken apart: its metadata and body bytes.
pub(crate) struct Success {
    pub(crate) meta: ResponseMeta,
    pub(crate) body: Vec<u8>,
}

impl Success {
    /// Whether the body is empty or only whitespace.
    pub(crate) fn is_blank(&self) -> bool {
        self.body.iter().all(u8::is_ascii_whitespace)
    }

    /// Decodes the whole body as JSON into `T`; `what` names what the method
    /// promises ("an entity", "a collection") for the error message.
    pub(crate) fn json<T: DeserializeOwned>(&self, what: &str) -> Result<T, ResponseError> {
        if self.is_blank() {
            return Err(self.decode_error(format!("expected {what}, got an empty body")));
        }
        serde_json::from_slice(&self.body)
            .map_err(|e| self.decode_error(format!("expected {what}: {e}")))
    }

    /// A decode error quoting the start of this body. The reason is
    /// bounded too: serde_json's messages quote whole values ("invalid
    /// type: string \"...\"").
    pub(crate) fn decode_error(&self, reason: String) -> ResponseError {
        let reason = if self.body.len() > EXCERPT_LIMIT {
            format!(
                "{} (body of {} bytes)",
                crate::excerpt::bounded(&reason),
                self.body.len()
            )
        } else {
            crate::excerpt::bounded(&reason)
        };
        ResponseError::Decode {
            status: self.meta.status(),
            url: self.meta.url().to_owned(),
            excerpt: bounded_text(&self.body, EXCERPT_LIMIT),
            reason,
        }
    }
}

/// Splits a response into metadata and body, or returns the [`ApiError`] it
/// carries when its status is not 2xx.
pub(crate) fn success(
    response: http::Response<Vec<u8>>,
    url: &str,
) -> Result<Success, ResponseError> {
    let (parts, body) = response.into_parts();
    let meta = ResponseMeta::new(parts.status, parts.headers, url);
    if meta.status().is_success() {
        Ok(Success { meta, body })
    } else {
        Err(ResponseError::Api(ApiError::new(meta, &body)))
    }
}
