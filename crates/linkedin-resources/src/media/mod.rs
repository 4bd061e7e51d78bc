//! Media uploads: the Images, Documents and Videos APIs.
//!
//! # The calls
//!
//! Each call of the three APIs is a typed request ([`InitializeImageUpload`],
//! [`GetImage`], [`InitializeDocumentUpload`], [`GetDocument`],
//! [`InitializeVideoUpload`], [`FinalizeVideoUpload`], [`GetVideo`]) that a
//! transport's generic `send` sends as it sends any Rest.li request, answered
//! by the codec's response type of this module's models ([`Image`],
//! [`Document`], [`Video`], the upload tickets). Files are checked before
//! anything is sent ([`ImageFile`], [`DocumentFile`], [`VideoFile`]: the
//! types and sizes LinkedIn documents).
//!
//! # Limits
//!
//! As LinkedIn's pages state them:
//!
//! - "Images API" (<https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api>):
//!   JPG, GIF and PNG; fewer than 36,152,320 pixels; a GIF up to 250
//!   frames. The page gives no limit in bytes; the type and the pixel
//!   count are checked from the file's first bytes by
//!   [`ImageFile::check_head`] (JPG, GIF and PNG headers only, nothing is
//!   decoded; GIF frames are left to LinkedIn). To keep every size bounded, [`MAX_IMAGE_BYTES`] is an
//!   uncompressed 4-byte-per-pixel bitmap of the largest allowed pixel count,
//!   which no JPG, GIF or PNG LinkedIn takes exceeds.
//! - "Documents API" (<https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/documents-api>):
//!   PPT, PPTX, DOC, DOCX and PDF, up to 100 MB and 300 pages. "100 MB" is
//!   ambiguous (10^8 or 100 x 2^20 bytes); both readings are safe to
//!   accept, so the larger is the limit and LinkedIn has the last word.
//! - "Videos API" (<https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/videos-api>):
//!   75 KB to 500 MB; parts of 4 MB (4,194,304 bytes), the last one
//!   smaller. The same two readings of MB, the same choice (the smallest
//!   reading of the minimum, the largest of the maximum).
//!
//! # The flows
//!
//! An upload of any of the three is one [`Upload`]: a sans-IO state machine
//! that says what to do next ([`Step`]) and takes what came back. A
//! transport is one loop around it:
//!
//! ```text
//! loop {
//!     match upload.next_step(now()) {
//!         Step::Send(request)      => feed_response(send(request))    // the Rest.li calls
//!                                     (or feed_error / feed_send_error)
//!         Step::Put(part)          => start PUT of part.range() to part.url()
//!                                     (its outcome: feed_part_response / part_failed)
//!         Step::Wait { until, .. } => wait for a PUT to end, or until `until`
//!         Step::Done(urn)          => return Ok(urn)
//!         Step::Failed(error)      => return Err(error)
//!     }
//! }
//! ```
//!
//! The flow decides everything else: an image or a document is
//! `initializeUpload` then one PUT; a video is `initializeUpload` (its
//! `uploadInstructions` checked to cover the file exactly once, in order,
//! each part at most [`MAX_PART_BYTES`], at most [`MAX_UPLOAD_PARTS`]
//! parts), the parts (and a thumbnail and captions file) PUT with at most
//! [`PartRules::in_flight`] open at once and each retried on its own with
//! backoff, then `finalizeUpload` with the parts' ETags in part order, then
//! GETs of the video until `AVAILABLE`, `PROCESSING_FAILED` or the
//! [`Polling`] timeout. A part that fails for the last time ends the flow
//! with [`MediaError::PartFailed`] naming it, and nothing is finalized, so
//! no post can use a half-made video. [`Upload::progress`] gives the bytes
//! confirmed for a progress bar.
//!
//! Time and randomness come in: every call takes the transport's `now`, and
//! a failure takes a `jitter` in [0, 1] for its backoff.
//!
//! # Streaming
//!
//! Memory is bounded by the open parts, never the file: a part is open from
//! its first hand-out until it is confirmed (or the flow ends), including
//! while it waits to be retried, and at most [`PartRules::in_flight`] parts
//! are open. First attempts are handed out strictly in byte order, so a
//! transport reading a forward-only stream reads the next
//! `part.range().len()` bytes when `part.attempt() == 1`, keeps them until
//! that part is confirmed, and resends the kept bytes on a retry; a
//! transport reading a file seeks to `part.range().first()` instead and
//! keeps nothing. The thumbnail and captions come after the video's parts,
//! each its own file read whole.
//!
//! # A whole upload against canned answers
//!
//! ```
//! use linkedin::resources::media::{Step, Upload, VideoFile};
//! use std::time::Instant;
//!
//! let owner = "urn:li:organization:2414183".parse()?;
//! let mut upload = Upload::video(owner, VideoFile::new(1_055_736)?);
//! let now = Instant::now();
//! let answer = |body: &str| http::Response::new(body.as_bytes().to_vec());
//!
//! let Step::Send(_initialize) = upload.next_step(now) else { unreachable!() };
//! upload.feed_response(answer(r#"{"value": {
//!     "uploadUrlsExpireAt": 1649277000000,
//!     "video": "urn:li:video:C5F10AQGKQg_6y2a4sQ",
//!     "uploadInstructions": [{"uploadUrl": "https://www.linkedin.com/dms-uploads/v/0", "lastByte": 1055735, "firstByte": 0}],
//!     "uploadToken": ""
//! }}"#), now)?;
//!
//! let Step::Put(part) = upload.next_step(now) else { unreachable!() };
//! assert_eq!((part.range().first(), part.range().last()), (0, 1_055_735));
//! upload.part_uploaded(part.index(), Some("/ambry-video/signedId/AQHp"), now, 0.5)?;
//!
//! let Step::Send(finalize) = upload.next_step(now) else { unreachable!() };
//! assert_eq!(finalize.body().unwrap()["finalizeUploadRequest"]["uploadedPartIds"][0], "/ambry-video/signedId/AQHp");
//! upload.feed_response(answer(""), now)?;
//!
//! let Step::Send(_get) = upload.next_step(now) else { unreachable!() };
//! upload.feed_response(answer(r#"{"id": "urn:li:video:C5F10AQGKQg_6y2a4sQ", "status": "AVAILABLE"}"#), now)?;
//! let Step::Done(video) = upload.next_step(now) else { unreachable!() };
//! assert_eq!(video.as_str(), "urn:li:video:C5F10AQGKQg_6y2a4sQ");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod files;
mod flow;
mod models;
mod parts;
mod polling;
mod requests;
mod step;

pub use error::{MediaError, PartFailure};
pub use files::{
    DocumentFile, DocumentType, ImageFile, ImageType, MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES,
    MAX_IMAGE_PIXELS, MAX_PART_BYTES, MAX_SIDECAR_BYTES, MAX_VIDEO_BYTES, MIN_VIDEO_BYTES,
    VideoFile,
};
pub use flow::Upload;
pub use models::{
    Document, DocumentUploadTicket, Image, ImageUploadTicket, MAX_ASSET_NAME_CHARS, MediaLibrary,
    MediaStatus, UploadInstruction, Video, VideoUploadTicket,
};
pub use parts::{ByteRange, MAX_UPLOAD_PARTS, PartKind, PartRules, PartUpload, Progress};
pub use polling::Polling;
pub use requests::{
    FinalizeVideoUpload, GetDocument, GetImage, GetVideo, InitializeDocumentUpload,
    InitializeImageUpload, InitializeVideoUpload,
};
pub use step::{Step, Uploaded};
