//! What can go wrong in an upload, before anything is sent and after.

use std::time::Duration;

use restli_codec::excerpt::Excerpt;
use restli_codec::response::ResponseError;

use super::ByteRange;

/// Why an upload cannot start, stopped, or was fed something it did not ask
/// for.
///
/// Input errors ([`UnsupportedType`](Self::UnsupportedType),
/// [`Size`](Self::Size), [`Option`](Self::Option)) come before anything is
/// sent; the others say which call or part failed and why.
///
/// ```
/// use linkedin::resources::media::{ImageFile, MediaError};
///
/// let err = ImageFile::from_name("diagram.svg", 1000).unwrap_err();
/// assert!(matches!(err, MediaError::UnsupportedType { .. }));
/// assert_eq!(
///     err.to_string(),
///     "\"diagram.svg\" is not an image LinkedIn takes: use JPG, GIF or PNG"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum MediaError {
    /// The file's type (from its name) is not one LinkedIn takes here.
    #[error("{} is not {kind} LinkedIn takes: use {allowed}", Excerpt(.name))]
    UnsupportedType {
        /// `an image` or `a document`.
        kind: &'static str,
        /// The file name given.
        name: String,
        /// The documented types.
        allowed: &'static str,
    },
    /// The file is empty, or larger (or smaller) than LinkedIn takes (or,
    /// where LinkedIn gives no limit, than this crate's bound).
    #[error("{what} is {size} bytes; it must be {min} to {max} bytes")]
    Size {
        /// What was measured (`the image`, `the video`, `the thumbnail` ...).
        what: &'static str,
        /// Its size in bytes.
        size: u64,
        /// The smallest size taken.
        min: u64,
        /// The largest size taken.
        max: u64,
    },
    /// The file's content is not what LinkedIn takes (checked from its
    /// first bytes, see [`ImageFile::check_head`](super::ImageFile::check_head)).
    #[error("{problem}")]
    Content {
        /// What is wrong.
        problem: String,
    },
    /// An option of the flow is out of its bounds.
    #[error("{name} must be {bounds}, not {value}")]
    Option {
        /// The option.
        name: &'static str,
        /// What it may be.
        bounds: &'static str,
        /// What it was.
        value: u64,
    },
    /// A LinkedIn call answered with an error, or with a body that is not
    /// what the call promises.
    #[error("{call} failed: {error}")]
    Api {
        /// The call (`initializeUpload of a video`, `getting the video` ...).
        call: &'static str,
        /// The codec's reading of the answer.
        error: Box<ResponseError>,
    },
    /// A LinkedIn call could not be sent or got no answer (the transport's
    /// reason, bounded).
    #[error("{call} got no answer: {reason}")]
    SendFailed {
        /// The call.
        call: &'static str,
        /// The transport's reason, on one line, at most
        /// [`EXCERPT_LIMIT`](restli_codec::EXCERPT_LIMIT) characters.
        reason: String,
    },
    /// The answer to `initializeUpload` is not usable: a missing value, an
    /// upload URL that is not https, byte ranges that do not cover the file
    /// exactly once in order.
    #[error("the answer to {call} is not usable: {problem}")]
    BadTicket {
        /// The call.
        call: &'static str,
        /// What is wrong, naming the instruction's index where there is one.
        problem: String,
    },
    /// A part (or the single PUT of an image or a document) failed for the
    /// last time: nothing is finalized.
    #[error("uploading part {index} (bytes {range}) failed after {attempts} attempt(s): {last}")]
    PartFailed {
        /// The part's index (the video's parts first, in byte order; then a
        /// thumbnail, then captions).
        index: usize,
        /// Its byte range.
        range: ByteRange,
        /// How often it was tried.
        attempts: u32,
        /// The last failure.
        last: PartFailure,
    },
    /// LinkedIn could not process the upload (status `PROCESSING_FAILED`).
    #[error("LinkedIn could not process {urn}: {}", .reason.as_deref().map_or_else(|| "no reason given".to_owned(), |r| Excerpt(r).to_string()))]
    ProcessingFailed {
        /// The media's URN.
        urn: String,
        /// LinkedIn's reason (`processingFailureReason`), if it gave one.
        reason: Option<String>,
    },
    /// The media was not `AVAILABLE` before the deadline.
    #[error("{urn} was still {status} after {waited:?}; giving up")]
    ProcessingTimeout {
        /// The media's URN.
        urn: String,
        /// Its last status.
        status: String,
        /// How long the flow waited after the upload.
        waited: Duration,
    },
    /// The transport fed something the flow did not ask for (an answer when
    /// no call is out, the outcome of a part that is not in flight). The
    /// flow is unchanged.
    #[error("unexpected: {what}")]
    Unexpected {
        /// What was fed.
        what: String,
    },
}

/// Why one attempt at a part failed.
///
/// ```
/// use linkedin::resources::media::PartFailure;
///
/// assert!(PartFailure::Status(503).is_retryable());
/// assert!(!PartFailure::Status(403).is_retryable());
/// assert!(PartFailure::Transport("connection reset".into()).is_retryable());
/// assert_eq!(PartFailure::Status(503).to_string(), "HTTP status 503");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PartFailure {
    /// The upload URL answered with this non-2xx status.
    #[error("HTTP status {0}")]
    Status(u16),
    /// The PUT succeeded but the answer has no usable `ETag` (the video's
    /// parts need it for `finalizeUpload`).
    #[error("the answer has no usable ETag header")]
    MissingEtag,
    /// No answer: the transport's reason, on one line and bounded.
    #[error("no answer: {0}")]
    Transport(String),
}

impl PartFailure {
    /// Whether another attempt may succeed: no answer, a missing ETag, or
    /// 408, 429, 500, 502, 503, 504. Other statuses (400 a bad part, 401 or
    /// 403 a token or URL that will not change, 404 an expired URL) are
    /// final.
    ///
    /// ```
    /// use linkedin::resources::media::PartFailure;
    /// assert!(PartFailure::Status(429).is_retryable());
    /// assert!(PartFailure::MissingEtag.is_retryable());
    /// assert!(!PartFailure::Status(400).is_retryable());
    /// ```
    pub fn is_retryable(&self) -> bool {
        match self {
            PartFailure::Status(status) => matches!(status, 408 | 429 | 500 | 502 | 503 | 504),
            PartFailure::MissingEtag | PartFailure::Transport(_) => true,
        }
    }

    /// A transport failure from any displayable reason, on one line and
    /// bounded (the reason may quote a server).
    ///
    /// ```
    /// use linkedin::resources::media::PartFailure;
    /// let failure = PartFailure::transport(&"broken\npipe");
    /// assert_eq!(failure, PartFailure::Transport("broken pipe".into()));
    /// ```
    pub fn transport(reason: &dyn std::fmt::Display) -> Self {
        PartFailure::Transport(one_line(reason))
    }
}

/// `reason` on one line, at most [`restli_codec::EXCERPT_LIMIT`] characters.
pub(crate) fn one_line(reason: &dyn std::fmt::Display) -> String {
    let text = reason.to_string();
    let mut out = String::new();
    for (count, c) in text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .enumerate()
    {
        if count == restli_codec::EXCERPT_LIMIT {
            out.push('…');
            break;
        }
        out.push(c);
    }
    out
}
