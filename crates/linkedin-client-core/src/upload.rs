//! The IO-free half of an upload driver, written once for both transports.
//!
//! A transport's `upload` drives a [`linkedin_resources::media::Upload`]
//! through an [`UploadDriver`]: the driver asks the flow what to do, and
//! says where each part's bytes come from ([`PartBytes`]): a file, read by
//! seeking and kept nowhere; the next bytes of a forward-only reader, kept
//! until the part is confirmed (so a retry resends them); or the bytes kept
//! for a retry. It maps the client's answers onto the flow (a call's error
//! status names the call; a part's failure is the flow's to retry), drops
//! kept bytes as soon as their part is confirmed, and says when the
//! progress moved. The transport only opens, reads, sends, waits and
//! calls the progress callback.
//!
//! ```
//! use std::time::Instant;
//! use linkedin::client_core::{Action, PartBytes, UploadDriver, UploadSource};
//! use linkedin::resources::media::{ImageFile, Upload};
//!
//! let upload = Upload::image("urn:li:person:abc".parse()?, ImageFile::from_name("a.png", 9)?);
//! let source: UploadSource<&[u8]> = UploadSource::reader(b"\x89PNG\r\n\x1a\n\0");
//! let (mut driver, _reader) = UploadDriver::<Vec<u8>>::new(upload, source);
//! let now = Instant::now();
//! let Action::Send(_initialize) = driver.next_action(now)? else { unreachable!() };
//! let answer = br#"{"value": {"uploadUrl": "https://www.linkedin.com/dms-uploads/i/0", "image": "urn:li:image:i"}}"#;
//! driver.call_answered(Ok(http::Response::new(answer.to_vec())), now)?;
//! let Action::Put(part, PartBytes::ReadNext { len: 9, keep: true }) = driver.next_action(now)? else { unreachable!() };
//! driver.keep(part.index(), b"\x89PNG\r\n\x1a\n\0".to_vec());
//! driver.part_answered(part.index(), http::StatusCode::CREATED, &http::HeaderMap::new(), now, 0.5)?;
//! assert_eq!(driver.progress_update().map(|p| p.confirmed), Some(9));
//! assert!(matches!(driver.next_action(now)?, Action::Done(_)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use linkedin_resources::media::{
    DocumentFile, ImageFile, MAX_PART_BYTES, PartFailure, PartKind, PartUpload, Progress, Step,
    Upload, Uploaded, VideoFile,
};
use linkedin_resources::urns::Author;
use restli_codec::DynamicRequest;
use restli_codec::response::ResponseError;

use crate::Error;

/// How many leading bytes of an image the convenience uploads read to
/// check its type and pixel count before sending
/// ([`ImageFile::check_head`]): 256 KiB, enough for a JPEG's frame header.
///
/// ```
/// assert_eq!(linkedin::client_core::IMAGE_HEAD_BYTES, 256 * 1024);
/// ```
pub const IMAGE_HEAD_BYTES: usize = 256 * 1024;

/// Where an upload's bytes come from: a file (read by seeking, so a retry
/// rereads it and nothing is kept) or a forward-only reader `R` (each
/// part's bytes kept only until the part is confirmed), and optionally a
/// video's thumbnail and captions files.
///
/// Each transport names its reader type (`linkedin::UploadSource` takes
/// an async reader, `linkedin::blocking::UploadSource` a `std::io::Read`).
///
/// ```
/// use linkedin::client_core::UploadSource;
/// let source = UploadSource::<std::io::Empty>::path("talk.mp4").thumbnail("talk.png");
/// assert_eq!(format!("{source:?}"), r#"UploadSource { media: "talk.mp4", thumbnail: Some("talk.png"), captions: None }"#);
/// ```
pub struct UploadSource<R> {
    media: Source<R>,
    thumbnail: Option<PathBuf>,
    captions: Option<PathBuf>,
}

/// The media file's bytes: a path, or a forward-only reader.
///
/// ```
/// use linkedin::client_core::Source;
/// let source: Source<std::io::Empty> = Source::Path("a.png".into());
/// assert!(matches!(source, Source::Path(_)));
/// ```
#[derive(Debug)]
pub enum Source<R> {
    /// A file, opened (and seeked in) by the transport.
    Path(PathBuf),
    /// A reader, read front to back once.
    Reader(R),
}

impl<R> fmt::Debug for UploadSource<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let media: &dyn fmt::Debug = match &self.media {
            Source::Path(path) => path,
            Source::Reader(_) => &"a reader",
        };
        f.debug_struct("UploadSource")
            .field("media", media)
            .field("thumbnail", &self.thumbnail)
            .field("captions", &self.captions)
            .finish()
    }
}

/// The size of the media file at `path` from what its metadata says
/// (the transport reads the metadata; this decides): anything but a
/// regular file is [`Error::Read`] "not a file", before anything is sent.
///
/// ```
/// use std::path::Path;
/// use linkedin::client_core::media_file_size;
///
/// assert_eq!(media_file_size(Path::new("a.png"), true, 1024)?, 1024);
/// let err = media_file_size(Path::new("photos"), false, 4096).unwrap_err();
/// assert_eq!(err.to_string(), "reading photos: not a file");
/// # Ok::<(), linkedin::Error>(())
/// ```
///
/// # Errors
///
/// [`Error::Read`] when `is_file` is false.
pub fn media_file_size(path: &Path, is_file: bool, len: u64) -> Result<u64, Error> {
    if !is_file {
        return Err(Error::read(
            path,
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file"),
        ));
    }
    Ok(len)
}

/// Refuses a part (`len` bytes from `offset`) that a file of `size` bytes
/// does not hold: the file shrank after the upload was planned.
///
/// ```
/// use std::path::Path;
/// use linkedin::client_core::check_part_in_file;
///
/// assert!(check_part_in_file(Path::new("a.mp4"), 100, 50, 50).is_ok());
/// let err = check_part_in_file(Path::new("a.mp4"), 90, 50, 50).unwrap_err();
/// assert!(err.to_string().contains("the file has 90 bytes; the upload needs bytes 50 to 99"));
/// ```
///
/// # Errors
///
/// [`Error::Read`] (an unexpected end of file) when the part does not fit.
pub fn check_part_in_file(path: &Path, size: u64, offset: u64, len: u64) -> Result<(), Error> {
    let end = offset.saturating_add(len);
    if size < end {
        return Err(Error::read(
            path,
            std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                format!(
                    "the file has {size} bytes; the upload needs bytes {offset} to {}",
                    end.saturating_sub(1)
                ),
            ),
        ));
    }
    Ok(())
}

impl<R> UploadSource<R> {
    /// The file at `path`.
    ///
    /// ```
    /// let source = linkedin::client_core::UploadSource::<std::io::Empty>::path("a.png");
    /// # let _ = source;
    /// ```
    pub fn path(path: impl Into<PathBuf>) -> Self {
        UploadSource {
            media: Source::Path(path.into()),
            thumbnail: None,
            captions: None,
        }
    }

    /// The bytes `reader` gives, front to back.
    ///
    /// ```
    /// let source = linkedin::client_core::UploadSource::reader(std::io::empty());
    /// # let _ = source;
    /// ```
    pub fn reader(reader: R) -> Self {
        UploadSource {
            media: Source::Reader(reader),
            thumbnail: None,
            captions: None,
        }
    }

    /// A video's thumbnail, from the file at `path` (the video's
    /// [`VideoFile::with_thumbnail`] gives its size).
    ///
    /// ```
    /// let source = linkedin::client_core::UploadSource::<std::io::Empty>::path("a.mp4").thumbnail("a.jpg");
    /// # let _ = source;
    /// ```
    pub fn thumbnail(mut self, path: impl Into<PathBuf>) -> Self {
        self.thumbnail = Some(path.into());
        self
    }

    /// A video's captions, from the file at `path` (the video's
    /// [`VideoFile::with_captions`] gives its size).
    ///
    /// ```
    /// let source = linkedin::client_core::UploadSource::<std::io::Empty>::path("a.mp4").captions("a.srt");
    /// # let _ = source;
    /// ```
    pub fn captions(mut self, path: impl Into<PathBuf>) -> Self {
        self.captions = Some(path.into());
        self
    }
}

/// What a transport does next for an upload (see [`UploadDriver`]).
///
/// ```
/// use linkedin::client_core::Action;
/// let wait: Action<Vec<u8>> = Action::Wait { until: None, in_flight: 2 };
/// assert!(matches!(wait, Action::Wait { in_flight: 2, .. }));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Action<B> {
    /// Send this Rest.li call through the client's own send path (token,
    /// retries, span) and feed what came back to
    /// [`UploadDriver::call_answered`].
    Send(Box<DynamicRequest>),
    /// PUT this part (its head from [`PartUpload::to_http`]), the bytes
    /// from where [`PartBytes`] says; feed the outcome to
    /// [`UploadDriver::part_answered`] or [`UploadDriver::part_failed`].
    Put(PartUpload, PartBytes<B>),
    /// Wait for a part's outcome, or until `until`, then ask again.
    Wait {
        /// When something is due; `None`: only an outcome moves on.
        until: Option<Instant>,
        /// Parts out whose outcome is not fed yet.
        in_flight: usize,
    },
    /// The upload is done.
    Done(Uploaded),
}

/// Where a part's bytes come from.
///
/// ```
/// use linkedin::client_core::PartBytes;
/// let bytes: PartBytes<Vec<u8>> = PartBytes::ReadNext { len: 10, keep: true };
/// assert!(matches!(bytes, PartBytes::ReadNext { keep: true, .. }));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum PartBytes<B> {
    /// `len` bytes at `offset` of the file at `path` (open it for this
    /// attempt, seek, stream them; keep nothing).
    File {
        /// The file.
        path: PathBuf,
        /// Where the bytes start.
        offset: u64,
        /// How many.
        len: u64,
    },
    /// The reader's next `len` bytes. With `keep`, read them into a buffer,
    /// hand it to [`UploadDriver::keep`] and send what it gives back; without
    /// (a single PUT larger than a video part, which is not held in memory),
    /// stream them from the reader: that part cannot be retried.
    ReadNext {
        /// How many bytes.
        len: u64,
        /// Whether to keep them for a retry.
        keep: bool,
    },
    /// The bytes kept from this part's first attempt.
    Kept(B),
}

/// The IO-free half of an upload driver: it asks the flow what to do,
/// says where each part's bytes come from, maps the client's answers onto
/// the flow, drops kept bytes once their part is confirmed and reports
/// progress.
///
/// `B` is the transport's buffer for kept bytes (cheap to clone:
/// `bytes::Bytes`, `Arc<[u8]>`).
pub struct UploadDriver<B> {
    upload: Upload,
    media_path: Option<PathBuf>,
    thumbnail: Option<PathBuf>,
    captions: Option<PathBuf>,
    /// Where the reader is: the offset of the next byte it gives.
    reader_at: u64,
    kept: BTreeMap<usize, B>,
    /// Parts streamed once from the reader, which cannot be sent again.
    streamed: Vec<usize>,
    reported: Progress,
}

impl<B> fmt::Debug for UploadDriver<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UploadDriver")
            .field("upload", &self.upload)
            .field("media_path", &self.media_path)
            .field("reader_at", &self.reader_at)
            .field("kept", &self.kept.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

fn unreadable(what: String, why: String) -> Error {
    Error::Read {
        what,
        source: std::io::Error::other(why),
    }
}

impl<B: Clone> UploadDriver<B> {
    /// A driver for `upload` reading from `source`; the reader, if the
    /// source is one, goes back to the transport (it reads it when told).
    ///
    /// ```
    /// use linkedin::client_core::{UploadDriver, UploadSource};
    /// use linkedin::resources::media::{Upload, VideoFile};
    /// let upload = Upload::video("urn:li:person:abc".parse()?, VideoFile::new(100_000)?);
    /// let (driver, reader) = UploadDriver::<Vec<u8>>::new(upload, UploadSource::<()>::path("a.mp4"));
    /// assert!(reader.is_none());
    /// # let _ = driver;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new<R>(upload: Upload, source: UploadSource<R>) -> (Self, Option<R>) {
        let (media_path, reader) = match source.media {
            Source::Path(path) => (Some(path), None),
            Source::Reader(reader) => (None, Some(reader)),
        };
        let driver = UploadDriver {
            upload,
            media_path,
            thumbnail: source.thumbnail,
            captions: source.captions,
            reader_at: 0,
            kept: BTreeMap::new(),
            streamed: Vec::new(),
            reported: Progress::default(),
        };
        (driver, reader)
    }

    /// Every file the upload reads, as given (the media file if it is one,
    /// the thumbnail, the captions): a transport opens each before anything
    /// is sent, so a missing file is an [`Error::Read`] first.
    ///
    /// ```
    /// use linkedin::client_core::{UploadDriver, UploadSource};
    /// use linkedin::resources::media::{Upload, VideoFile};
    /// let upload = Upload::video("urn:li:person:abc".parse()?, VideoFile::new(100_000)?.with_thumbnail(10)?);
    /// let source = UploadSource::<()>::path("a.mp4").thumbnail("a.png");
    /// let (driver, _) = UploadDriver::<Vec<u8>>::new(upload, source);
    /// assert_eq!(driver.files().len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn files(&self) -> Vec<&Path> {
        [&self.media_path, &self.thumbnail, &self.captions]
            .into_iter()
            .flatten()
            .map(PathBuf::as_path)
            .collect()
    }

    /// What to do now (`now` from the transport's monotonic clock).
    ///
    /// # Errors
    ///
    /// The upload's own error when it failed ([`Error::Resource`]), or
    /// [`Error::Read`] when a part's bytes cannot be had: a thumbnail or
    /// captions file the source does not name, a retry of a part streamed
    /// from a reader.
    pub fn next_action(&mut self, now: Instant) -> Result<Action<B>, Error> {
        match self.upload.next_step(now) {
            Step::Send(request) => Ok(Action::Send(request)),
            Step::Wait { until, in_flight } => Ok(Action::Wait { until, in_flight }),
            Step::Done(media) => {
                self.kept.clear();
                Ok(Action::Done(media))
            }
            Step::Failed(error) => {
                self.kept.clear();
                Err(error.into())
            }
            Step::Put(part) => {
                let bytes = self.bytes_of(&part)?;
                Ok(Action::Put(part, bytes))
            }
            // A step this driver does not know yet: ask again after the
            // next outcome.
            _ => Ok(Action::Wait {
                until: None,
                in_flight: 0,
            }),
        }
    }

    fn bytes_of(&mut self, part: &PartUpload) -> Result<PartBytes<B>, Error> {
        let range = part.range();
        let (offset, len) = (range.first(), range.len());
        let sidecar = |path: &Option<PathBuf>, what: &str| match path {
            Some(path) => Ok(PartBytes::File {
                path: path.clone(),
                offset,
                len,
            }),
            None => Err(unreadable(
                format!("the {what} file"),
                format!("the upload has a {what} but the source names no {what} file"),
            )),
        };
        match part.kind() {
            PartKind::Thumbnail => return sidecar(&self.thumbnail, "thumbnail"),
            PartKind::Captions => return sidecar(&self.captions, "captions"),
            _ => {}
        }
        if let Some(path) = &self.media_path {
            return Ok(PartBytes::File {
                path: path.clone(),
                offset,
                len,
            });
        }
        if let Some(kept) = self.kept.get(&part.index()) {
            return Ok(PartBytes::Kept(kept.clone()));
        }
        if self.streamed.contains(&part.index()) || part.attempt() > 1 || offset != self.reader_at {
            return Err(unreadable(
                "the reader".into(),
                format!(
                    "part {} (bytes {range}) would have to be read again, which a reader \
                     cannot do; upload from a file to retry it",
                    part.index()
                ),
            ));
        }
        self.reader_at = offset.saturating_add(len);
        let keep = len <= MAX_PART_BYTES;
        if !keep {
            self.streamed.push(part.index());
        }
        Ok(PartBytes::ReadNext { len, keep })
    }

    /// Keeps `bytes` (part `index`'s, read after [`PartBytes::ReadNext`]
    /// with `keep`) until the part is confirmed; returns them to send.
    ///
    /// ```
    /// use linkedin::client_core::{UploadDriver, UploadSource};
    /// use linkedin::resources::media::{Upload, VideoFile};
    /// let upload = Upload::video("urn:li:person:abc".parse()?, VideoFile::new(100_000)?);
    /// let (mut driver, _) = UploadDriver::<std::sync::Arc<[u8]>>::new(upload, UploadSource::reader(()));
    /// let bytes = driver.keep(0, std::sync::Arc::from(&b"abc"[..]));
    /// assert_eq!(&*bytes, b"abc");
    /// assert_eq!(driver.kept_bytes(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn keep(&mut self, index: usize, bytes: B) -> B {
        self.kept.insert(index, bytes.clone());
        bytes
    }

    /// How many parts' bytes are kept now (at most the parts in flight).
    ///
    /// ```
    /// use linkedin::client_core::{UploadDriver, UploadSource};
    /// use linkedin::resources::media::{Upload, VideoFile};
    /// let upload = Upload::video("urn:li:person:abc".parse()?, VideoFile::new(100_000)?);
    /// let (driver, _) = UploadDriver::<Vec<u8>>::new(upload, UploadSource::reader(()));
    /// assert_eq!(driver.kept_bytes(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn kept_bytes(&self) -> usize {
        self.kept.len()
    }

    /// The answer to the call of the last [`Action::Send`], sent through
    /// the client's send path and read as a raw 2xx response, or its error.
    /// An error status or unreadable answer goes to the flow (which names
    /// the call); any other error (no token, no answer after the client's
    /// retries) ends the upload as it is.
    ///
    /// # Errors
    ///
    /// That other error; [`Error::Resource`] when the flow was fed out of
    /// turn.
    pub fn call_answered(
        &mut self,
        answer: Result<http::Response<Vec<u8>>, Error>,
        now: Instant,
    ) -> Result<(), Error> {
        match answer {
            Ok(response) => self.upload.feed_response(response, now)?,
            Err(Error::Api(api)) => self.upload.feed_error(ResponseError::Api(*api))?,
            Err(Error::Decode(error)) => self.upload.feed_error(*error)?,
            Err(other) => {
                self.kept.clear();
                return Err(other);
            }
        }
        Ok(())
    }

    /// Part `index`'s PUT was answered with `status` and `headers`.
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for a part that is not in flight.
    pub fn part_answered(
        &mut self,
        index: usize,
        status: http::StatusCode,
        headers: &http::HeaderMap,
        now: Instant,
        jitter: f64,
    ) -> Result<(), Error> {
        self.upload
            .feed_part_response(index, status, headers, now, jitter)?;
        self.settle(index);
        Ok(())
    }

    /// Part `index`'s PUT got no answer (`reason`, the transport's error).
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for a part that is not in flight.
    pub fn part_failed(
        &mut self,
        index: usize,
        reason: &dyn fmt::Display,
        now: Instant,
        jitter: f64,
    ) -> Result<(), Error> {
        self.upload
            .part_failed(index, PartFailure::transport(reason), now, jitter)?;
        self.settle(index);
        Ok(())
    }

    /// Part `index`'s PUT ended: answered with a status and headers, or
    /// not at all (`Err`, the transport's error); one call for both, so a
    /// transport only hands over what its HTTP stack gave.
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for a part that is not in flight.
    pub fn part_ended<E: fmt::Display>(
        &mut self,
        index: usize,
        outcome: Result<(http::StatusCode, http::HeaderMap), E>,
        now: Instant,
        jitter: f64,
    ) -> Result<(), Error> {
        match outcome {
            Ok((status, headers)) => self.part_answered(index, status, &headers, now, jitter),
            Err(reason) => self.part_failed(index, &reason, now, jitter),
        }
    }

    fn settle(&mut self, index: usize) {
        if self.upload.is_finished() {
            self.kept.clear();
        } else if self.upload.part_confirmed(index) {
            self.kept.remove(&index);
        }
    }

    /// The progress, when it moved since the last call (for the transport's
    /// progress callback).
    ///
    /// ```
    /// use linkedin::client_core::{UploadDriver, UploadSource};
    /// use linkedin::resources::media::{Upload, VideoFile};
    /// let upload = Upload::video("urn:li:person:abc".parse()?, VideoFile::new(100_000)?);
    /// let (mut driver, _) = UploadDriver::<Vec<u8>>::new(upload, UploadSource::reader(()));
    /// assert_eq!(driver.progress_update(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn progress_update(&mut self) -> Option<Progress> {
        let now = self.upload.progress();
        (now != self.reported).then(|| {
            self.reported = now;
            now
        })
    }

    /// Calls `callback` (when there is one) with the progress, when it
    /// moved since the last report.
    ///
    /// ```
    /// use linkedin::client_core::{UploadDriver, UploadSource};
    /// use linkedin::resources::media::{Upload, VideoFile};
    /// let upload = Upload::video("urn:li:person:abc".parse()?, VideoFile::new(100_000)?);
    /// let (mut driver, _) = UploadDriver::<Vec<u8>>::new(upload, UploadSource::reader(()));
    /// let mut seen = Vec::new();
    /// driver.report_progress(Some(&mut |p| seen.push(p)));
    /// assert!(seen.is_empty(), "nothing moved yet");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn report_progress<F: FnMut(Progress) + ?Sized>(&mut self, callback: Option<&mut F>) {
        if let (Some(callback), Some(update)) = (callback, self.progress_update()) {
            callback(update);
        }
    }

    /// The upload being driven.
    ///
    /// ```
    /// use linkedin::client_core::{UploadDriver, UploadSource};
    /// use linkedin::resources::media::{Upload, VideoFile};
    /// let upload = Upload::video("urn:li:person:abc".parse()?, VideoFile::new(100_000)?);
    /// let (driver, _) = UploadDriver::<Vec<u8>>::new(upload, UploadSource::reader(()));
    /// assert!(!driver.upload().is_finished());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn upload(&self) -> &Upload {
        &self.upload
    }
}

/// The head of a PUT of `part` (see [`PartUpload::to_http`]), with
/// `token` where LinkedIn's pages send it and the URL is LinkedIn's.
///
/// ```
/// use linkedin::client_core::part_head;
/// use linkedin::oauth::AccessToken;
/// use linkedin::resources::media::{ByteRange, PartKind, PartUpload};
///
/// let part = PartUpload::new(0, PartKind::Media, ByteRange::whole(10).unwrap(), "https://elsewhere.example/u");
/// let head = part_head(&part, Some(&AccessToken::new("t")))?;
/// assert!(head.headers().get("authorization").is_none(), "never to another host");
/// # Ok::<(), linkedin::Error>(())
/// ```
///
/// # Errors
///
/// [`Error::Resource`] for a token that is not a valid header value.
pub fn part_head(
    part: &PartUpload,
    token: Option<&linkedin_oauth::AccessToken>,
) -> Result<http::Request<()>, Error> {
    part.to_http(token.map(|t| t.secret())).map_err(|_| {
        linkedin_resources::media::MediaError::Unexpected {
            what: "an access token that is not a valid header value".into(),
        }
        .into()
    })
}

/// The file name in `path`, for the type checks (`a.png`).
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// An image upload for `owner` of the file at `path`, `size` bytes, whose
/// first bytes are `head` (up to [`IMAGE_HEAD_BYTES`]): its type from the
/// name, checked against its first bytes, and its size, before anything is
/// sent.
///
/// ```
/// use linkedin::client_core::image_upload;
/// let owner = "urn:li:person:abc".parse()?;
/// assert!(image_upload(owner, "a.gif".as_ref(), 10, b"GIF89a\x10\x00\x10\x00").is_ok());
/// let owner = "urn:li:person:abc".parse()?;
/// assert!(image_upload(owner, "a.svg".as_ref(), 10, b"<svg").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`Error::Resource`] for a type LinkedIn does not take, content of
/// another type, an empty or too large file.
pub fn image_upload(owner: Author, path: &Path, size: u64, head: &[u8]) -> Result<Upload, Error> {
    let file = ImageFile::from_name(&file_name(path), size)?;
    file.check_head(head)?;
    Ok(Upload::image(owner, file))
}

/// A document upload for `owner` of the file at `path`, `size` bytes: its
/// type from the name and its size checked before anything is sent.
///
/// ```
/// use linkedin::client_core::document_upload;
/// let owner = "urn:li:person:abc".parse()?;
/// assert!(document_upload(owner, "deck.pdf".as_ref(), 10).is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`Error::Resource`] for a type LinkedIn does not take, an empty or too
/// large file.
pub fn document_upload(owner: Author, path: &Path, size: u64) -> Result<Upload, Error> {
    let file = DocumentFile::from_name(&file_name(path), size)?;
    Ok(Upload::document(owner, file))
}

/// A video upload for `owner` of `size` bytes, checked against LinkedIn's
/// limits before anything is sent.
///
/// ```
/// use linkedin::client_core::video_upload;
/// let owner = "urn:li:person:abc".parse()?;
/// assert!(video_upload(owner, 1_000).is_err(), "under LinkedIn's 75 KB");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`Error::Resource`] for a video under or over LinkedIn's limits.
pub fn video_upload(owner: Author, size: u64) -> Result<Upload, Error> {
    Ok(Upload::video(owner, VideoFile::new(size)?))
}
