//! What a transport does next for an upload, and what was uploaded.

use std::fmt;
use std::time::Instant;

use restli_codec::DynamicRequest;

use super::{MediaError, PartUpload};
use crate::urns::{DocumentUrn, ImageUrn, VideoUrn};

/// What a transport does next for an [`Upload`](super::Upload).
///
/// ```
/// use linkedin::resources::media::{ImageFile, Step, Upload};
///
/// let mut upload = Upload::image("urn:li:person:abc".parse()?, ImageFile::from_name("a.png", 10)?);
/// assert!(matches!(upload.next_step(std::time::Instant::now()), Step::Send(_)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Step {
    /// Send this Rest.li request (with the transport's usual retries) and
    /// feed the answer with [`Upload::feed_response`](super::Upload::feed_response) (or
    /// [`Upload::feed_error`](super::Upload::feed_error), [`Upload::feed_send_error`](super::Upload::feed_send_error)).
    Send(Box<DynamicRequest>),
    /// PUT these bytes (possibly while other parts are in flight) and feed
    /// the outcome with [`Upload::feed_part_response`](super::Upload::feed_part_response),
    /// [`Upload::part_uploaded`](super::Upload::part_uploaded) or [`Upload::part_failed`](super::Upload::part_failed).
    Put(PartUpload),
    /// Nothing to start now: wait for the outcome of what is out (a call or
    /// `in_flight` parts), or until `until`, whichever comes first; then ask
    /// again.
    Wait {
        /// When something is due (a part's retry, the next poll, a
        /// deadline); `None`: only an outcome moves the flow on.
        until: Option<Instant>,
        /// Parts handed out whose outcome is not fed yet.
        in_flight: usize,
    },
    /// The upload is done: the media's URN, for a post.
    Done(Uploaded),
    /// The upload failed; nothing more is sent (a failed video is never
    /// finalized).
    Failed(MediaError),
}

/// The URN of what was uploaded.
///
/// ```
/// use linkedin::resources::media::Uploaded;
/// let uploaded = Uploaded::Video("urn:li:video:C5F10AQGKQg_6y2a4sQ".parse()?);
/// assert_eq!(uploaded.as_str(), "urn:li:video:C5F10AQGKQg_6y2a4sQ");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Uploaded {
    /// An image.
    Image(ImageUrn),
    /// A document.
    Document(DocumentUrn),
    /// A video.
    Video(VideoUrn),
}

impl Uploaded {
    /// The URN's text.
    ///
    /// ```
    /// let uploaded = linkedin::resources::media::Uploaded::Image("urn:li:image:x".parse()?);
    /// assert_eq!(uploaded.as_str(), "urn:li:image:x");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            Uploaded::Image(urn) => urn.as_str(),
            Uploaded::Document(urn) => urn.as_str(),
            Uploaded::Video(urn) => urn.as_str(),
        }
    }
}

impl fmt::Display for Uploaded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
