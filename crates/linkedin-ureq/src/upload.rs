//! Media uploads: the IO half of `linkedin_resources::media::Upload`,
//! blocking.
//!
//! Every decision (which part next, how many at once, retries, finalizing,
//! polling, which bytes to keep) is the flow's and client-core's
//! [`UploadDriver`]'s; this module opens files, reads, PUTs each open part
//! on a scoped thread of its own (at most the flow's parts in flight, at
//! most 64), waits and calls the progress callback.

use std::fs::File;
use std::io::{self, Read, Seek};
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use linkedin_client_core::{
    Action, IMAGE_HEAD_BYTES, PartBytes, UploadDriver, check_part_in_file, media_file_size,
    part_head,
};
use linkedin_resources::media::{MediaError, PartUpload, Progress, Upload, Uploaded};
use linkedin_resources::urns::Author;
use restli_codec::response::RawResponse;

use crate::transport::HttpClient;
use crate::{Client, Error};

/// A reader an upload takes its bytes from, front to back (a file, a
/// `std::io::Cursor`, a decompressor, a pipe, ...).
pub type UploadReader = Box<dyn Read + Send>;

/// Where an upload's bytes come from: a path (read by seeking; a retry
/// rereads it) or an [`UploadReader`] (each part's bytes kept only until
/// the part is confirmed), and optionally a video's thumbnail and captions
/// files.
///
/// ```
/// use linkedin::blocking::UploadSource;
///
/// let from_a_file = UploadSource::path("launch.mp4").captions("launch.srt");
/// let from_stdin = UploadSource::reader(Box::new(std::io::stdin()));
/// # let _ = (from_a_file, from_stdin);
/// ```
pub type UploadSource = linkedin_client_core::UploadSource<UploadReader>;

type PartOutcome = (usize, Result<(http::StatusCode, http::HeaderMap), String>);

/// Opens `path` at `offset`, checking it holds `len` bytes from there.
fn open_at(path: &Path, offset: u64, len: u64) -> Result<io::Take<File>, Error> {
    let mut file = File::open(path).map_err(|e| Error::read(path, e))?;
    let size = file.metadata().map_err(|e| Error::read(path, e))?.len();
    check_part_in_file(path, size, offset, len)?;
    file.seek(io::SeekFrom::Start(offset))
        .map_err(|e| Error::read(path, e))?;
    Ok(file.take(len))
}

/// The size of the file at `path`, failing when it cannot be opened.
fn file_size(path: &Path) -> Result<u64, Error> {
    let file = File::open(path).map_err(|e| Error::read(path, e))?;
    let metadata = file.metadata().map_err(|e| Error::read(path, e))?;
    media_file_size(path, metadata.is_file(), metadata.len())
}

/// One PUT's outcome, as the driver takes it.
fn put(
    http: &HttpClient,
    head: http::Request<()>,
    body: impl Read,
    timeout: Duration,
) -> Result<(http::StatusCode, http::HeaderMap), String> {
    http.put_part(head, body, timeout)
        .map_err(|error| error.to_string())
}

impl Client<HttpClient> {
    /// Uploads an image, a document or a video as `upload` says, its bytes
    /// from `source`, calling `progress` each time more bytes are
    /// confirmed; returns the media's URN for a post.
    ///
    /// The Rest.li calls (`initializeUpload`, `finalizeUpload`, the status
    /// polls) go through [`send`](Client::send)'s path (token, retries,
    /// spans); each part is PUT on a thread of its own to LinkedIn's signed
    /// upload URL, at most
    /// [`PartRules::in_flight`](linkedin_resources::media::PartRules::in_flight)
    /// at once, bounded by the client's per-attempt timeout and retried as
    /// the flow says. Memory holds at most the open parts' bytes (from a
    /// reader) and never the file: an image or a document is one PUT
    /// streamed from the source.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sandbox = linkedin::sandbox::Sandbox::builder()
    /// #     .video_processing_time(std::time::Duration::ZERO)
    /// #     .spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606")
    /// #     .access_token(linkedin::oauth::AccessToken::new(sandbox.access_token()))
    /// #     .build()?;
    /// use linkedin::blocking::UploadSource;
    /// use linkedin::resources::media::{Upload, VideoFile};
    ///
    /// let video = vec![7u8; 5_000_000];
    /// let upload = Upload::video("urn:li:person:sAnDb0x1d".parse()?, VideoFile::new(video.len() as u64)?);
    /// let mut last = 0;
    /// let mut progress = |p: linkedin::resources::media::Progress| last = p.confirmed;
    /// let urn = client.upload(upload, UploadSource::reader(Box::new(std::io::Cursor::new(video))), Some(&mut progress))?;
    /// assert!(urn.as_str().starts_with("urn:li:video:"));
    /// assert_eq!(last, 5_000_000);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Read`] when a file cannot be opened (before anything is
    /// sent) or a source cannot be read; [`Error::Resource`] with the
    /// flow's [`MediaError`] (a call's error status naming the call, a part
    /// that failed for the last time naming it, processing that failed or
    /// timed out); the errors of [`send`](Client::send) for a call that got
    /// no answer.
    pub fn upload(
        &self,
        upload: Upload,
        source: UploadSource,
        mut progress: Option<&mut dyn FnMut(Progress)>,
    ) -> Result<Uploaded, Error> {
        let (mut driver, mut reader) = UploadDriver::<Arc<[u8]>>::new(upload, source);
        for path in driver.files() {
            file_size(path)?;
        }
        let (done, outcomes) = mpsc::channel::<PartOutcome>();
        let http = self.http();
        let timeout = self.timeout();
        // Every part thread ends within the per-attempt timeout; leaving
        // the scope (on success or error) waits for them.
        std::thread::scope(|scope| {
            let mut in_flight = 0usize;
            loop {
                let now = Instant::now();
                match driver.next_action(now)? {
                    Action::Send(request) => {
                        let answer = self.execute::<RawResponse>(&request);
                        driver.call_answered(answer.map(RawResponse::into_http), Instant::now())?;
                    }
                    Action::Put(part, bytes) => {
                        let head = self.part_head(&part)?;
                        let index = part.index();
                        tracing::debug!(part = index, attempt = part.attempt(), "part started");
                        let done = done.clone();
                        match bytes {
                            PartBytes::File { path, offset, len } => {
                                let body = open_at(&path, offset, len)?;
                                spawn_put(scope, done, index, move || {
                                    put(http, head, body, timeout)
                                });
                            }
                            PartBytes::Kept(kept) => {
                                spawn_put(scope, done, index, move || {
                                    put(http, head, io::Cursor::new(kept), timeout)
                                });
                            }
                            PartBytes::ReadNext { len, keep: true } => {
                                let kept = read_part(&mut reader, len)?;
                                let kept = driver.keep(index, kept);
                                spawn_put(scope, done, index, move || {
                                    put(http, head, io::Cursor::new(kept), timeout)
                                });
                            }
                            PartBytes::ReadNext { len, keep: false } => {
                                // The only part (a single PUT larger than a
                                // video part): streamed from the reader here.
                                let source = reader.as_mut().ok_or_else(|| {
                                    Error::reader(io::Error::other("the source has no reader"))
                                })?;
                                let _ =
                                    done.send((index, put(http, head, source.take(len), timeout)));
                            }
                            _ => {
                                return Err(Error::reader(io::Error::other(
                                    "a source of bytes this client does not know",
                                )));
                            }
                        }
                        in_flight += 1;
                    }
                    Action::Wait { until, .. } => {
                        let outcome = match until {
                            None if in_flight == 0 => {
                                return Err(MediaError::Unexpected {
                                    what: "a wait with nothing in flight".into(),
                                }
                                .into());
                            }
                            None => outcomes.recv().ok(),
                            Some(at) => outcomes
                                .recv_timeout(at.saturating_duration_since(now))
                                .ok(),
                        };
                        if let Some((index, result)) = outcome {
                            in_flight = in_flight.saturating_sub(1);
                            driver.part_ended(index, result, Instant::now(), fastrand::f64())?;
                        }
                    }
                    Action::Done(media) => {
                        driver.report_progress(progress.as_deref_mut());
                        return Ok(media);
                    }
                    _ => {}
                }
                driver.report_progress(progress.as_deref_mut());
            }
        })
    }

    /// The head of a PUT of `part`, with the call's token where it goes.
    fn part_head(&self, part: &PartUpload) -> Result<http::Request<()>, Error> {
        let token = if part.sends_token() {
            Some(self.token_for_call()?)
        } else {
            None
        };
        part_head(part, token.as_deref())
    }

    /// Uploads the image at `path` for `owner`: its type from its name,
    /// checked against its first bytes, and its size, before anything is
    /// sent.
    ///
    /// ```
    /// # let client = linkedin::blocking::Client::builder().build()?;
    /// let missing = client.upload_image("urn:li:person:sAnDb0x1d".parse()?, "no/such/file.png");
    /// assert!(matches!(missing, Err(linkedin::Error::Read { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`upload`](Self::upload), and [`Error::Resource`] for an image
    /// LinkedIn does not take.
    pub fn upload_image(&self, owner: Author, path: impl AsRef<Path>) -> Result<Uploaded, Error> {
        let path = path.as_ref();
        let size = file_size(path)?;
        let mut head = Vec::new();
        File::open(path)
            .and_then(|file| file.take(IMAGE_HEAD_BYTES as u64).read_to_end(&mut head))
            .map_err(|e| Error::read(path, e))?;
        let upload = linkedin_client_core::image_upload(owner, path, size, &head)?;
        self.upload(upload, UploadSource::path(path), None)
    }

    /// Uploads the document at `path` for `owner` (PDF, DOC, DOCX, PPT,
    /// PPTX by its name; its size checked before anything is sent).
    ///
    /// ```
    /// # let client = linkedin::blocking::Client::builder().build()?;
    /// let refused = client.upload_document("urn:li:person:sAnDb0x1d".parse()?, "Cargo.toml");
    /// assert!(matches!(refused, Err(linkedin::Error::Resource(_))));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`upload`](Self::upload), and [`Error::Resource`] for a document
    /// LinkedIn does not take.
    pub fn upload_document(
        &self,
        owner: Author,
        path: impl AsRef<Path>,
    ) -> Result<Uploaded, Error> {
        let path = path.as_ref();
        let size = file_size(path)?;
        let upload = linkedin_client_core::document_upload(owner, path, size)?;
        self.upload(upload, UploadSource::path(path), None)
    }

    /// Uploads the video at `path` for `owner` and waits until LinkedIn
    /// made it `AVAILABLE` (its size checked before anything is sent).
    ///
    /// ```
    /// # let client = linkedin::blocking::Client::builder().build()?;
    /// let refused = client.upload_video("urn:li:person:sAnDb0x1d".parse()?, "Cargo.toml");
    /// assert!(matches!(refused, Err(linkedin::Error::Resource(_))), "under 75 KB");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`upload`](Self::upload), and [`Error::Resource`] for a video
    /// under or over LinkedIn's limits.
    pub fn upload_video(&self, owner: Author, path: impl AsRef<Path>) -> Result<Uploaded, Error> {
        let path = path.as_ref();
        let size = file_size(path)?;
        let upload = linkedin_client_core::video_upload(owner, size)?;
        self.upload(upload, UploadSource::path(path), None)
    }
}

/// Runs one PUT on a scoped thread of its own, its outcome sent to `done`;
/// a thread that cannot be started is a failed attempt (the flow retries
/// it or gives up), never a panic.
fn spawn_put<'scope, F>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    done: mpsc::Sender<PartOutcome>,
    index: usize,
    put: F,
) where
    F: FnOnce() -> Result<(http::StatusCode, http::HeaderMap), String> + Send + 'scope,
{
    let sender = done.clone();
    let started = std::thread::Builder::new()
        .name(format!("linkedin-upload-part-{index}"))
        .spawn_scoped(scope, move || {
            let _ = sender.send((index, put()));
        });
    if let Err(error) = started {
        let _ = done.send((index, Err(format!("cannot start a thread: {error}"))));
    }
}

/// Reads the next `len` bytes of the reader, for a part kept until
/// confirmed.
fn read_part(reader: &mut Option<UploadReader>, len: u64) -> Result<Arc<[u8]>, Error> {
    let source = reader
        .as_mut()
        .ok_or_else(|| Error::reader(io::Error::other("the source has no reader")))?;
    let size = usize::try_from(len)
        .map_err(|_| Error::reader(io::Error::other("a part larger than memory can address")))?;
    let mut buffer = vec![0; size];
    source.read_exact(&mut buffer).map_err(Error::reader)?;
    Ok(Arc::from(buffer))
}
