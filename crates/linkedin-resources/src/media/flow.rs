//! One state machine for the three upload flows: what to do next, and what
//! came back.

use std::fmt;
use std::time::{Duration, Instant};

use restli_codec::DynamicRequest;
use restli_codec::response::{ActionResponse, EntityResponse, ResponseError};
use serde_json::Value;

use super::error::one_line;
use super::files::{DocumentFile, ImageFile, VideoFile};
use super::models::{Document, Image, MediaLibrary, MediaStatus, Video};
use super::parts::{PartStep, Parts};
use super::polling::Polling;
use super::requests::{
    FinalizeVideoUpload, GetDocument, GetImage, GetVideo, InitializeDocumentUpload,
    InitializeImageUpload, InitializeVideoUpload,
};
use super::step::{Step, Uploaded};
use super::{ByteRange, MediaError, PartFailure, PartKind, PartRules, Progress};
use crate::urns::Author;

#[derive(Debug, Clone)]
enum Kind {
    Image(ImageFile, Option<MediaLibrary>),
    Document(DocumentFile),
    Video(VideoFile, Option<MediaLibrary>),
}

impl Kind {
    fn noun(&self) -> &'static str {
        match self {
            Kind::Image(..) => "an image",
            Kind::Document(_) => "a document",
            Kind::Video(..) => "a video",
        }
    }
}

#[derive(Debug, Clone)]
enum Phase {
    Initialize,
    AwaitInitialize {
        path: String,
    },
    Parts(Parts),
    AwaitFinalize {
        path: String,
        progress: Progress,
    },
    Poll {
        started: Option<Instant>,
        next_at: Option<Instant>,
        polls: u32,
        status: MediaStatus,
        progress: Progress,
    },
    AwaitPoll {
        path: String,
        started: Instant,
        polls: u32,
        progress: Progress,
    },
    Finished {
        outcome: Result<Uploaded, MediaError>,
        progress: Progress,
    },
}

/// An image, document or video upload as a sans-IO state machine.
///
/// A transport asks [`next_step`](Self::next_step) what to do, does it, and
/// feeds what came back; the flow decides everything else (which parts,
/// how many at once, retries, finalizing, polling). See [the module
/// docs](super) for the loop.
///
/// ```
/// use linkedin::resources::media::{Step, Upload, VideoFile};
///
/// let owner = "urn:li:organization:2414183".parse()?;
/// let upload = Upload::video(owner, VideoFile::new(1_055_736)?);
/// assert_eq!(upload.progress().total, 0, "known once LinkedIn answers");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Upload {
    owner: Author,
    kind: Kind,
    rules: PartRules,
    polling: Option<Polling>,
    phase: Phase,
    media: Option<Uploaded>,
    upload_token: String,
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Without the upload token; part URLs are shown without their
        // signed queries.
        f.debug_struct("Upload")
            .field("owner", &self.owner)
            .field("kind", &self.kind)
            .field("rules", &self.rules)
            .field("polling", &self.polling)
            .field("phase", &self.phase)
            .field("media", &self.media)
            .finish_non_exhaustive()
    }
}

fn api(call: &'static str, error: ResponseError) -> MediaError {
    MediaError::Api {
        call,
        error: Box::new(error),
    }
}

impl Upload {
    fn new(owner: Author, kind: Kind, polling: Option<Polling>) -> Self {
        Upload {
            owner,
            kind,
            rules: PartRules::default(),
            polling,
            phase: Phase::Initialize,
            media: None,
            upload_token: String::new(),
        }
    }

    /// Uploads an image for `owner`: `initializeUpload`, then one PUT;
    /// done once the PUT succeeds (add [`polling`](Self::polling) to wait
    /// for `AVAILABLE` too).
    ///
    /// ```
    /// use linkedin::resources::media::{ImageFile, Upload};
    /// let upload = Upload::image("urn:li:person:abc".parse()?, ImageFile::from_name("a.jpg", 9)?);
    /// assert!(upload.media().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn image(owner: Author, file: ImageFile) -> Self {
        Upload::new(owner, Kind::Image(file, None), None)
    }

    /// Uploads an image for `owner` that also goes into an ad account's
    /// media library.
    ///
    /// ```
    /// use linkedin::resources::media::{ImageFile, MediaLibrary, Step, Upload};
    /// let library = MediaLibrary::new("urn:li:sponsoredAccount:1".parse()?, "Banner")?;
    /// let file = ImageFile::from_name("a.jpg", 9)?;
    /// let mut upload = Upload::image_in_media_library("urn:li:organization:2".parse()?, file, library);
    /// let Step::Send(request) = upload.next_step(std::time::Instant::now()) else { unreachable!() };
    /// assert!(request.body().unwrap()["initializeUploadRequest"].get("mediaLibraryMetadata").is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn image_in_media_library(owner: Author, file: ImageFile, library: MediaLibrary) -> Self {
        Upload::new(owner, Kind::Image(file, Some(library)), None)
    }

    /// Uploads a document for `owner`: `initializeUpload`, then one PUT
    /// (add [`polling`](Self::polling) to wait for `AVAILABLE` too).
    ///
    /// ```
    /// use linkedin::resources::media::{DocumentFile, Upload};
    /// let upload = Upload::document("urn:li:person:abc".parse()?, DocumentFile::from_name("a.pdf", 9)?);
    /// assert!(upload.media().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn document(owner: Author, file: DocumentFile) -> Self {
        Upload::new(owner, Kind::Document(file), None)
    }

    /// Uploads a video for `owner`: `initializeUpload`, the parts (and a
    /// thumbnail and captions), `finalizeUpload`, then GETs until
    /// `AVAILABLE` with the default [`Polling`].
    ///
    /// ```
    /// use linkedin::resources::media::{Upload, VideoFile};
    /// let upload = Upload::video("urn:li:person:abc".parse()?, VideoFile::new(100_000)?);
    /// assert!(upload.media().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn video(owner: Author, file: VideoFile) -> Self {
        Upload::new(owner, Kind::Video(file, None), Some(Polling::default()))
    }

    /// Uploads a video for `owner` that also goes into an ad account's
    /// media library.
    ///
    /// ```
    /// use linkedin::resources::media::{MediaLibrary, Step, Upload, VideoFile};
    /// let library = MediaLibrary::new("urn:li:sponsoredAccount:1".parse()?, "Launch")?;
    /// let mut upload = Upload::video_in_media_library("urn:li:organization:2".parse()?, VideoFile::new(100_000)?, library);
    /// let Step::Send(request) = upload.next_step(std::time::Instant::now()) else { unreachable!() };
    /// assert!(request.body().unwrap()["initializeUploadRequest"].get("mediaLibraryMetadata").is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn video_in_media_library(owner: Author, file: VideoFile, library: MediaLibrary) -> Self {
        Upload::new(
            owner,
            Kind::Video(file, Some(library)),
            Some(Polling::default()),
        )
    }

    /// Sends parts by these rules (before the first step).
    ///
    /// ```
    /// use linkedin::resources::media::{PartRules, Upload, VideoFile};
    /// let upload = Upload::video("urn:li:person:abc".parse()?, VideoFile::new(100_000)?)
    ///     .part_rules(PartRules::new().max_in_flight(2)?);
    /// # let _ = upload;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn part_rules(mut self, rules: PartRules) -> Self {
        self.rules = rules;
        self
    }

    /// Polls the status after the upload by these rules, or not at all
    /// (`None`: done once the bytes are up, or finalized for a video).
    ///
    /// ```
    /// use linkedin::resources::media::{ImageFile, Polling, Upload};
    /// let upload = Upload::image("urn:li:person:abc".parse()?, ImageFile::from_name("a.gif", 9)?)
    ///     .polling(Some(Polling::new()));
    /// # let _ = upload;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn polling(mut self, polling: Option<Polling>) -> Self {
        self.polling = polling;
        self
    }

    /// The media's URN, once `initializeUpload` answered.
    ///
    /// ```
    /// use linkedin::resources::media::{Upload, VideoFile};
    /// let upload = Upload::video("urn:li:person:abc".parse()?, VideoFile::new(100_000)?);
    /// assert_eq!(upload.media(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn media(&self) -> Option<&Uploaded> {
        self.media.as_ref()
    }

    /// Bytes confirmed so far, of all to PUT (0 of 0 before LinkedIn
    /// answered `initializeUpload`).
    ///
    /// ```
    /// use linkedin::resources::media::{ImageFile, Upload};
    /// let upload = Upload::image("urn:li:person:abc".parse()?, ImageFile::from_name("a.png", 9)?);
    /// assert_eq!(upload.progress().confirmed, 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn progress(&self) -> Progress {
        match &self.phase {
            Phase::Initialize | Phase::AwaitInitialize { .. } => Progress::default(),
            Phase::Parts(parts) => parts.progress(),
            Phase::AwaitFinalize { progress, .. }
            | Phase::Poll { progress, .. }
            | Phase::AwaitPoll { progress, .. }
            | Phase::Finished { progress, .. } => *progress,
        }
    }

    /// Whether part `index`'s PUT is confirmed (and will not be asked for
    /// again): a transport keeping a part's bytes for a retry may drop them
    /// then. False before the parts are known; true for every part once
    /// the flow moved past them.
    ///
    /// ```
    /// # use linkedin::resources::media::{ImageFile, Step, Upload};
    /// # let mut upload = Upload::image("urn:li:person:abc".parse()?, ImageFile::from_name("a.png", 9)?);
    /// # let now = std::time::Instant::now();
    /// # let _ = upload.next_step(now);
    /// # let body = br#"{"value": {"uploadUrl": "https://www.linkedin.com/dms-uploads/i/0", "image": "urn:li:image:i"}}"#;
    /// # upload.feed_response(http::Response::new(body.to_vec()), now)?;
    /// let Step::Put(part) = upload.next_step(now) else { unreachable!() };
    /// assert!(!upload.part_confirmed(part.index()));
    /// upload.part_uploaded(part.index(), None, now, 0.5)?;
    /// assert!(upload.part_confirmed(part.index()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn part_confirmed(&self, index: usize) -> bool {
        match &self.phase {
            Phase::Initialize | Phase::AwaitInitialize { .. } => false,
            Phase::Parts(parts) => parts.is_confirmed(index),
            _ => true,
        }
    }

    /// Whether the flow is done or failed.
    ///
    /// ```
    /// use linkedin::resources::media::{ImageFile, Upload};
    /// let upload = Upload::image("urn:li:person:abc".parse()?, ImageFile::from_name("a.png", 9)?);
    /// assert!(!upload.is_finished());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_finished(&self) -> bool {
        matches!(self.phase, Phase::Finished { .. })
    }

    fn finish(&mut self, outcome: Result<Uploaded, MediaError>) {
        let progress = self.progress();
        self.phase = Phase::Finished { outcome, progress };
    }

    fn initialize_request(&self) -> DynamicRequest {
        match &self.kind {
            Kind::Image(_, None) => InitializeImageUpload::new(&self.owner).into(),
            Kind::Image(_, Some(library)) => {
                InitializeImageUpload::in_media_library(&self.owner, library).into()
            }
            Kind::Document(_) => InitializeDocumentUpload::new(&self.owner).into(),
            Kind::Video(file, None) => InitializeVideoUpload::new(&self.owner, file).into(),
            Kind::Video(file, Some(library)) => {
                InitializeVideoUpload::in_media_library(&self.owner, file, library).into()
            }
        }
    }

    fn poll_request(&self) -> Option<DynamicRequest> {
        Some(match self.media.as_ref()? {
            Uploaded::Image(urn) => GetImage::new(urn).into(),
            Uploaded::Document(urn) => GetDocument::new(urn).into(),
            Uploaded::Video(urn) => GetVideo::new(urn).into(),
        })
    }

    fn start_polling(&mut self, progress: Progress) {
        let media = self.media.clone();
        match (self.polling, media) {
            (Some(_), Some(_)) => {
                self.phase = Phase::Poll {
                    started: None,
                    next_at: None,
                    polls: 0,
                    status: MediaStatus::Processing,
                    progress,
                }
            }
            (_, Some(media)) => {
                self.phase = Phase::Finished {
                    outcome: Ok(media),
                    progress,
                }
            }
            (_, None) => {
                self.phase = Phase::Finished {
                    outcome: Err(MediaError::Unexpected {
                        what: "no media URN after the upload".into(),
                    }),
                    progress,
                }
            }
        }
    }

    /// What to do now (`now` is the transport's clock; it only has to go
    /// forward). Returns [`Step::Done`] or [`Step::Failed`] again and again
    /// once the flow ended.
    ///
    /// ```
    /// use linkedin::resources::media::{ImageFile, Step, Upload};
    /// let mut upload = Upload::image("urn:li:person:abc".parse()?, ImageFile::from_name("a.png", 9)?);
    /// let now = std::time::Instant::now();
    /// let Step::Send(request) = upload.next_step(now) else { unreachable!() };
    /// assert_eq!(request.path(), "/images");
    /// assert!(matches!(upload.next_step(now), Step::Wait { until: None, in_flight: 0 }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next_step(&mut self, now: Instant) -> Step {
        loop {
            match &mut self.phase {
                Phase::Initialize => {
                    let request = self.initialize_request();
                    self.phase = Phase::AwaitInitialize {
                        path: request.path().to_owned(),
                    };
                    return Step::Send(Box::new(request));
                }
                Phase::AwaitInitialize { .. }
                | Phase::AwaitFinalize { .. }
                | Phase::AwaitPoll { .. } => {
                    return Step::Wait {
                        until: None,
                        in_flight: 0,
                    };
                }
                Phase::Parts(parts) => match parts.next(now) {
                    PartStep::Put(part) => return Step::Put(part),
                    PartStep::Wait { until, in_flight } => {
                        return Step::Wait { until, in_flight };
                    }
                    PartStep::AllDone(etags) => {
                        let progress = parts.progress();
                        match self.media.clone() {
                            Some(Uploaded::Video(video)) => {
                                let request: DynamicRequest =
                                    FinalizeVideoUpload::new(&video, &self.upload_token, &etags)
                                        .into();
                                self.phase = Phase::AwaitFinalize {
                                    path: request.path().to_owned(),
                                    progress,
                                };
                                return Step::Send(Box::new(request));
                            }
                            _ => self.start_polling(progress),
                        }
                    }
                },
                Phase::Poll {
                    started,
                    next_at,
                    polls,
                    status,
                    progress,
                } => {
                    let timeout = self.polling.unwrap_or_default().timeout;
                    let started_at = *started.get_or_insert(now);
                    let deadline = started_at.checked_add(timeout).unwrap_or(started_at);
                    if *polls > 0 && now >= deadline {
                        let error = MediaError::ProcessingTimeout {
                            urn: self
                                .media
                                .as_ref()
                                .map(|m| m.as_str().to_owned())
                                .unwrap_or_default(),
                            status: status.as_str().to_owned(),
                            waited: now.saturating_duration_since(started_at),
                        };
                        let progress = *progress;
                        self.phase = Phase::Finished {
                            outcome: Err(error),
                            progress,
                        };
                        continue;
                    }
                    if let Some(at) = *next_at
                        && now < at
                    {
                        return Step::Wait {
                            until: Some(at.min(deadline)),
                            in_flight: 0,
                        };
                    }
                    let (polls, progress) = (*polls, *progress);
                    let Some(request) = self.poll_request() else {
                        self.finish(Err(MediaError::Unexpected {
                            what: "no media URN to poll".into(),
                        }));
                        continue;
                    };
                    self.phase = Phase::AwaitPoll {
                        path: request.path().to_owned(),
                        started: started_at,
                        polls,
                        progress,
                    };
                    return Step::Send(Box::new(request));
                }
                Phase::Finished { outcome, .. } => {
                    return match outcome {
                        Ok(media) => Step::Done(media.clone()),
                        Err(error) => Step::Failed(error.clone()),
                    };
                }
            }
        }
    }

    fn call_name(&self) -> &'static str {
        match (&self.phase, &self.kind) {
            (Phase::AwaitInitialize { .. }, Kind::Image(..)) => "initializeUpload of an image",
            (Phase::AwaitInitialize { .. }, Kind::Document(_)) => "initializeUpload of a document",
            (Phase::AwaitInitialize { .. }, Kind::Video(..)) => "initializeUpload of a video",
            (Phase::AwaitFinalize { .. }, _) => "finalizeUpload of the video",
            (Phase::AwaitPoll { .. }, Kind::Image(..)) => "getting the image",
            (Phase::AwaitPoll { .. }, Kind::Document(_)) => "getting the document",
            (Phase::AwaitPoll { .. }, Kind::Video(..)) => "getting the video",
            _ => "a call",
        }
    }

    fn awaiting(&self) -> Result<(), MediaError> {
        match self.phase {
            Phase::AwaitInitialize { .. }
            | Phase::AwaitFinalize { .. }
            | Phase::AwaitPoll { .. } => Ok(()),
            _ => Err(MediaError::Unexpected {
                what: format!(
                    "an answer while no call is out (uploading {})",
                    self.kind.noun()
                ),
            }),
        }
    }

    /// The call from the last [`Step::Send`] got no answer (the transport
    /// already retried it as its policy says): the flow fails, naming the
    /// call.
    ///
    /// ```
    /// use linkedin::resources::media::{ImageFile, MediaError, Step, Upload};
    /// let mut upload = Upload::image("urn:li:person:abc".parse()?, ImageFile::from_name("a.png", 9)?);
    /// let now = std::time::Instant::now();
    /// let _ = upload.next_step(now);
    /// upload.feed_send_error(&"connection refused")?;
    /// assert!(matches!(upload.next_step(now), Step::Failed(MediaError::SendFailed { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::Unexpected`] when no call is out (the flow is
    /// unchanged).
    pub fn feed_send_error(&mut self, reason: &dyn fmt::Display) -> Result<(), MediaError> {
        if self.is_finished() {
            return Ok(());
        }
        self.awaiting()?;
        let call = self.call_name();
        self.finish(Err(MediaError::SendFailed {
            call,
            reason: one_line(reason),
        }));
        Ok(())
    }

    /// The call from the last [`Step::Send`] was answered with an error the
    /// transport already read (a [`ResponseError`] from its typed `send` or
    /// from [`Exchange::on_response`](restli_codec::exchange::Exchange::on_response)):
    /// the flow fails with it, naming the call.
    ///
    /// ```
    /// use linkedin::resources::media::{ImageFile, MediaError, Step, Upload};
    /// use linkedin::restli::response::{EntityResponse, ResponseError};
    ///
    /// let mut upload = Upload::image("urn:li:person:abc".parse()?, ImageFile::from_name("a.png", 9)?);
    /// let now = std::time::Instant::now();
    /// let _ = upload.next_step(now);
    /// let answer = http::Response::builder().status(403).body(br#"{"status": 403, "message": "no"}"#.to_vec())?;
    /// let error: ResponseError = EntityResponse::<serde_json::Value>::from_http(answer, "/rest/images").unwrap_err();
    /// upload.feed_error(error)?;
    /// let Step::Failed(MediaError::Api { call, .. }) = upload.next_step(now) else { unreachable!() };
    /// assert_eq!(call, "initializeUpload of an image");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::Unexpected`] when no call is out (the flow is
    /// unchanged).
    pub fn feed_error(&mut self, error: ResponseError) -> Result<(), MediaError> {
        if self.is_finished() {
            return Ok(());
        }
        self.awaiting()?;
        let call = self.call_name();
        self.finish(Err(api(call, error)));
        Ok(())
    }

    /// The answer to the call from the last [`Step::Send`], as it came
    /// (any status: an error status fails the flow with LinkedIn's error).
    ///
    /// ```
    /// use linkedin::resources::media::{ImageFile, Step, Upload};
    /// let mut upload = Upload::image("urn:li:person:abc".parse()?, ImageFile::from_name("a.png", 9)?);
    /// let now = std::time::Instant::now();
    /// let _ = upload.next_step(now);
    /// let body = br#"{"value": {"uploadUrl": "https://www.linkedin.com/dms-uploads/i/0", "image": "urn:li:image:i"}}"#;
    /// upload.feed_response(http::Response::new(body.to_vec()), now)?;
    /// let Step::Put(part) = upload.next_step(now) else { unreachable!() };
    /// assert_eq!(part.range().len(), 9);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::Unexpected`] when no call is out (the flow is
    /// unchanged).
    pub fn feed_response(
        &mut self,
        response: http::Response<Vec<u8>>,
        now: Instant,
    ) -> Result<(), MediaError> {
        if self.is_finished() {
            return Ok(());
        }
        self.awaiting()?;
        let call = self.call_name();
        let phase = std::mem::replace(&mut self.phase, Phase::Initialize);
        let result = match phase {
            Phase::AwaitInitialize { path } => self.initialized(call, response, &path),
            Phase::AwaitFinalize { path, progress } => {
                match ActionResponse::<Value>::from_http(response, &path) {
                    Ok(_) => {
                        self.start_polling(progress);
                        Ok(())
                    }
                    Err(error) => {
                        self.phase = Phase::Finished {
                            outcome: Err(api(call, error)),
                            progress,
                        };
                        return Ok(());
                    }
                }
            }
            Phase::AwaitPoll {
                path,
                started,
                polls,
                progress,
            } => {
                self.polled(call, response, &path, started, polls, progress, now);
                return Ok(());
            }
            other => {
                self.phase = other;
                return Ok(());
            }
        };
        if let Err(error) = result {
            self.phase = Phase::Initialize;
            self.finish(Err(error));
        }
        Ok(())
    }

    fn initialized(
        &mut self,
        call: &'static str,
        response: http::Response<Vec<u8>>,
        path: &str,
    ) -> Result<(), MediaError> {
        let whole = |size: u64| {
            ByteRange::whole(size).ok_or_else(|| MediaError::Unexpected {
                what: "an empty file".into(),
            })
        };
        let (media, pieces, needs_etag) = match self.kind.clone() {
            Kind::Image(file, _) => {
                let answer = ActionResponse::from_http(response, path).map_err(|e| api(call, e))?;
                let ticket = InitializeImageUpload::ticket(answer)?;
                let pieces = vec![(PartKind::Media, whole(file.size())?, ticket.upload_url)];
                (Uploaded::Image(ticket.image), pieces, false)
            }
            Kind::Document(file) => {
                let answer = ActionResponse::from_http(response, path).map_err(|e| api(call, e))?;
                let ticket = InitializeDocumentUpload::ticket(answer)?;
                let pieces = vec![(PartKind::Media, whole(file.size())?, ticket.upload_url)];
                (Uploaded::Document(ticket.document), pieces, false)
            }
            Kind::Video(file, _) => {
                let answer = ActionResponse::from_http(response, path).map_err(|e| api(call, e))?;
                let ticket = InitializeVideoUpload::ticket(answer, &file)?;
                let mut pieces: Vec<_> = ticket
                    .upload_instructions
                    .iter()
                    .map(|instruction| {
                        let range = ByteRange::new(instruction.first_byte, instruction.last_byte)
                            .ok_or_else(|| MediaError::Unexpected {
                            what: "an unchecked instruction".into(),
                        })?;
                        Ok((PartKind::Media, range, instruction.upload_url.clone()))
                    })
                    .collect::<Result<_, MediaError>>()?;
                let sidecars = [
                    (
                        PartKind::Thumbnail,
                        file.thumbnail(),
                        &ticket.thumbnail_upload_url,
                    ),
                    (
                        PartKind::Captions,
                        file.captions(),
                        &ticket.captions_upload_url,
                    ),
                ];
                for (kind, size, url) in sidecars {
                    if let (Some(size), Some(url)) = (size, url) {
                        pieces.push((kind, whole(size)?, url.clone()));
                    }
                }
                self.upload_token = ticket.upload_token;
                (Uploaded::Video(ticket.video), pieces, true)
            }
        };
        self.media = Some(media);
        self.phase = Phase::Parts(Parts::new(pieces, self.rules, needs_etag));
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn polled(
        &mut self,
        call: &'static str,
        response: http::Response<Vec<u8>>,
        path: &str,
        started: Instant,
        polls: u32,
        progress: Progress,
        now: Instant,
    ) {
        let read = match &self.kind {
            Kind::Image(..) => {
                EntityResponse::<Image>::from_http(response, path).map(|r| (r.entity.status, None))
            }
            Kind::Document(_) => EntityResponse::<Document>::from_http(response, path)
                .map(|r| (r.entity.status, None)),
            Kind::Video(..) => EntityResponse::<Video>::from_http(response, path)
                .map(|r| (r.entity.status, r.entity.processing_failure_reason)),
        };
        let urn = self
            .media
            .as_ref()
            .map(|m| m.as_str().to_owned())
            .unwrap_or_default();
        let outcome = match read {
            Err(error) => Err(api(call, error)),
            Ok((Some(MediaStatus::Available), _)) => match self.media.clone() {
                Some(media) => Ok(media),
                None => Err(MediaError::Unexpected {
                    what: "no media URN".into(),
                }),
            },
            Ok((Some(MediaStatus::ProcessingFailed), reason)) => {
                Err(MediaError::ProcessingFailed { urn, reason })
            }
            Ok((status, _)) => {
                let polling = self.polling.unwrap_or_default();
                self.phase = Phase::Poll {
                    started: Some(started),
                    next_at: now.checked_add(polling.delay(polls)),
                    polls: polls.saturating_add(1),
                    status: status.unwrap_or(MediaStatus::Unknown("(no status)".into())),
                    progress,
                };
                return;
            }
        };
        self.phase = Phase::Finished { outcome, progress };
    }

    fn parts(&mut self, index: usize) -> Result<Option<&mut Parts>, MediaError> {
        match &mut self.phase {
            Phase::Parts(parts) => Ok(Some(parts)),
            // A part that was in flight when the flow ended: nothing to do.
            Phase::Finished { .. } => Ok(None),
            _ => Err(MediaError::Unexpected {
                what: format!("an outcome for part {index} while no part is out"),
            }),
        }
    }

    fn part_result(&mut self, result: Result<(), MediaError>) -> Result<(), MediaError> {
        match result {
            Err(error @ MediaError::PartFailed { .. }) => {
                self.finish(Err(error));
                Ok(())
            }
            other => other,
        }
    }

    /// Part `index` was PUT; `etag` is its answer's `ETag` header (`None`
    /// when it had none: a video part is then retried as a failure).
    /// `jitter` in [0, 1] is used only then.
    ///
    /// ```
    /// # use linkedin::resources::media::{ImageFile, Step, Upload};
    /// # let mut upload = Upload::image("urn:li:person:abc".parse()?, ImageFile::from_name("a.png", 9)?);
    /// # let now = std::time::Instant::now();
    /// # let _ = upload.next_step(now);
    /// # let body = br#"{"value": {"uploadUrl": "https://www.linkedin.com/dms-uploads/i/0", "image": "urn:li:image:i"}}"#;
    /// # upload.feed_response(http::Response::new(body.to_vec()), now)?;
    /// let Step::Put(part) = upload.next_step(now) else { unreachable!() };
    /// upload.part_uploaded(part.index(), None, now, 0.5)?;
    /// assert_eq!(upload.progress().confirmed, 9);
    /// assert!(matches!(upload.next_step(now), Step::Done(_)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::Unexpected`] for a part that is not in flight (the
    /// flow is unchanged).
    pub fn part_uploaded(
        &mut self,
        index: usize,
        etag: Option<&str>,
        now: Instant,
        jitter: f64,
    ) -> Result<(), MediaError> {
        let Some(parts) = self.parts(index)? else {
            return Ok(());
        };
        let result = parts.uploaded(index, etag, now, jitter);
        self.part_result(result)
    }

    /// Part `index` failed: it is retried after a backoff (scaled by
    /// `jitter` in [0, 1]) while attempts are left and the failure is
    /// retryable; otherwise the flow fails naming the part.
    ///
    /// ```
    /// # use linkedin::resources::media::{ImageFile, MediaError, PartFailure, Step, Upload};
    /// # let mut upload = Upload::image("urn:li:person:abc".parse()?, ImageFile::from_name("a.png", 9)?);
    /// # let now = std::time::Instant::now();
    /// # let _ = upload.next_step(now);
    /// # let body = br#"{"value": {"uploadUrl": "https://www.linkedin.com/dms-uploads/i/0", "image": "urn:li:image:i"}}"#;
    /// # upload.feed_response(http::Response::new(body.to_vec()), now)?;
    /// let Step::Put(part) = upload.next_step(now) else { unreachable!() };
    /// upload.part_failed(part.index(), PartFailure::Status(403), now, 0.5)?;
    /// assert!(matches!(upload.next_step(now), Step::Failed(MediaError::PartFailed { index: 0, .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::Unexpected`] for a part that is not in flight (the
    /// flow is unchanged).
    pub fn part_failed(
        &mut self,
        index: usize,
        failure: PartFailure,
        now: Instant,
        jitter: f64,
    ) -> Result<(), MediaError> {
        let Some(parts) = self.parts(index)? else {
            return Ok(());
        };
        let result = parts.failed(index, failure, now, jitter);
        self.part_result(result)
    }

    /// The answer to part `index`'s PUT: a 2xx confirms it (with its
    /// `ETag`), anything else fails the attempt; a `Retry-After` of
    /// delta-seconds on a retryable status makes the wait at least that
    /// long (capped at [`PartRules`]' longest delay).
    ///
    /// ```
    /// # use linkedin::resources::media::{ImageFile, Step, Upload};
    /// # let mut upload = Upload::image("urn:li:person:abc".parse()?, ImageFile::from_name("a.png", 9)?);
    /// # let now = std::time::Instant::now();
    /// # let _ = upload.next_step(now);
    /// # let body = br#"{"value": {"uploadUrl": "https://www.linkedin.com/dms-uploads/i/0", "image": "urn:li:image:i"}}"#;
    /// # upload.feed_response(http::Response::new(body.to_vec()), now)?;
    /// let Step::Put(part) = upload.next_step(now) else { unreachable!() };
    /// upload.feed_part_response(part.index(), http::StatusCode::CREATED, &http::HeaderMap::new(), now, 0.5)?;
    /// assert!(matches!(upload.next_step(now), Step::Done(_)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::Unexpected`] for a part that is not in flight (the
    /// flow is unchanged).
    pub fn feed_part_response(
        &mut self,
        index: usize,
        status: http::StatusCode,
        headers: &http::HeaderMap,
        now: Instant,
        jitter: f64,
    ) -> Result<(), MediaError> {
        if status.is_success() {
            let etag = headers
                .get(http::header::ETAG)
                .and_then(|value| value.to_str().ok());
            self.part_uploaded(index, etag, now, jitter)
        } else {
            let floor = headers
                .get(http::header::RETRY_AFTER)
                .and_then(|value| value.to_str().ok())
                .and_then(|text| text.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            let Some(parts) = self.parts(index)? else {
                return Ok(());
            };
            let failure = PartFailure::Status(status.as_u16());
            let result = parts.failed_after(index, failure, now, jitter, floor);
            self.part_result(result)
        }
    }
}
