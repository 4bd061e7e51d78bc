//! Media uploads: the IO half of `linkedin_resources::media::Upload`.
//!
//! Every decision (which part next, how many at once, retries, finalizing,
//! polling, which bytes to keep) is the flow's and client-core's
//! [`UploadDriver`]'s; this module opens files, reads, PUTs the parts
//! concurrently, waits and calls the progress callback.

use std::future::Future;
use std::io;
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_util::future::{Either, select};
use futures_util::stream::{FuturesUnordered, StreamExt};
use http_body::{Body, Frame, SizeHint};
use linkedin_client_core::{
    Action, IMAGE_HEAD_BYTES, PartBytes, UploadDriver, check_part_in_file, media_file_size,
};
use linkedin_resources::media::{PartUpload, Progress, Upload, Uploaded};
use linkedin_resources::urns::Author;
use restli_codec::response::RawResponse;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncSeekExt, ReadBuf};

use crate::transport::HttpClient;
use crate::{Client, Error};

/// A reader an upload takes its bytes from, front to back (a
/// `tokio::fs::File`, a `std::io::Cursor`, a decompressor, ...).
pub type UploadReader = Box<dyn AsyncRead + Send + Sync + Unpin>;

/// Where an upload's bytes come from: a path (read by seeking; a retry
/// rereads it) or an [`UploadReader`] (each part's bytes kept only until
/// the part is confirmed), and optionally a video's thumbnail and captions
/// files.
///
/// ```
/// use linkedin::UploadSource;
///
/// let from_a_file = UploadSource::path("launch.mp4").thumbnail("launch.jpg");
/// let from_memory = UploadSource::reader(Box::new(std::io::Cursor::new(vec![0u8; 100_000])));
/// # let _ = (from_a_file, from_memory);
/// ```
pub type UploadSource = linkedin_client_core::UploadSource<UploadReader>;

/// How much of a file or reader one frame of a streamed body carries.
const CHUNK: usize = 64 * 1024;

/// The most of a part's answer body read (it is not used; reading a little
/// lets the connection be reused).
const MAX_ANSWER_BYTES: usize = 64 * 1024;

type PartOutcome = (usize, Result<(http::StatusCode, http::HeaderMap), String>);
type PartFuture = Pin<Box<dyn Future<Output = PartOutcome> + Send>>;

/// A request body streaming `left` bytes from `reader`, one chunk at a
/// time (nothing else held).
struct ReaderBody<R> {
    reader: R,
    left: u64,
    buffer: Box<[u8]>,
}

impl<R> ReaderBody<R> {
    fn new(reader: R, len: u64) -> Self {
        let size = usize::try_from(len).unwrap_or(CHUNK).min(CHUNK);
        ReaderBody {
            reader,
            left: len,
            buffer: vec![0; size].into_boxed_slice(),
        }
    }
}

impl<R: AsyncRead + Unpin> Body for ReaderBody<R> {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        let this = self.get_mut();
        if this.left == 0 {
            return Poll::Ready(None);
        }
        let want = usize::try_from(this.left)
            .unwrap_or(usize::MAX)
            .min(this.buffer.len());
        let Some(space) = this.buffer.get_mut(..want) else {
            return Poll::Ready(None);
        };
        let mut buf = ReadBuf::new(space);
        match Pin::new(&mut this.reader).poll_read(cx, &mut buf) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Err(error)) => Poll::Ready(Some(Err(error))),
            Poll::Ready(Ok(())) => {
                let read = buf.filled();
                if read.is_empty() {
                    this.left = 0;
                    return Poll::Ready(Some(Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "the source ended before the part's last byte",
                    ))));
                }
                this.left = this.left.saturating_sub(read.len() as u64);
                Poll::Ready(Some(Ok(Frame::data(Bytes::copy_from_slice(read)))))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.left == 0
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.left)
    }
}

/// Opens `path` at `offset`, checking it holds `len` bytes from there.
async fn open_at(path: &Path, offset: u64, len: u64) -> Result<tokio::fs::File, Error> {
    let mut file = tokio::fs::File::open(path)
        .await
        .map_err(|e| Error::read(path, e))?;
    let size = file
        .metadata()
        .await
        .map_err(|e| Error::read(path, e))?
        .len();
    check_part_in_file(path, size, offset, len)?;
    file.seek(io::SeekFrom::Start(offset))
        .await
        .map_err(|e| Error::read(path, e))?;
    Ok(file)
}

/// The size of the file at `path`, failing when it cannot be opened.
async fn file_size(path: &Path) -> Result<u64, Error> {
    let file = tokio::fs::File::open(path)
        .await
        .map_err(|e| Error::read(path, e))?;
    let metadata = file.metadata().await.map_err(|e| Error::read(path, e))?;
    media_file_size(path, metadata.is_file(), metadata.len())
}

/// PUTs one part and reads its answer's status and headers.
async fn put_part(
    http: reqwest::Client,
    head: http::Request<()>,
    body: reqwest::Body,
    timeout: Duration,
) -> Result<(http::StatusCode, http::HeaderMap), String> {
    let (parts, ()) = head.into_parts();
    let url = reqwest::Url::parse(&parts.uri.to_string()).map_err(|e| e.to_string())?;
    let send = http
        .request(parts.method, url)
        .headers(parts.headers)
        .timeout(timeout)
        .body(body)
        .send();
    let mut response = match tokio::time::timeout(timeout, send).await {
        Ok(Ok(response)) => response,
        // Without the URL: it is signed.
        Ok(Err(error)) => return Err(crate::HttpError::from(error.without_url()).to_string()),
        Err(_) => return Err(format!("no answer within {timeout:?}")),
    };
    let status = response.status();
    let headers = response.headers().clone();
    let mut read = 0;
    while read < MAX_ANSWER_BYTES {
        match tokio::time::timeout(timeout, response.chunk()).await {
            Ok(Ok(Some(chunk))) => read += chunk.len(),
            _ => break,
        }
    }
    Ok((status, headers))
}

impl Client<HttpClient> {
    /// Uploads an image, a document or a video as `upload` says, its bytes
    /// from `source`, calling `progress` each time more bytes are
    /// confirmed; returns the media's URN for a post.
    ///
    /// The Rest.li calls (`initializeUpload`, `finalizeUpload`, the status
    /// polls) go through [`send`](Client::send)'s path (token, retries,
    /// spans); the parts are PUT to LinkedIn's signed upload URLs, at most
    /// [`PartRules::in_flight`](linkedin_resources::media::PartRules::in_flight)
    /// at once, each bounded by the client's per-attempt timeout and
    /// retried as the flow says. Memory holds at most the open parts'
    /// bytes (from a reader) and never the file: an image or a document is
    /// one PUT streamed from the source.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sandbox = linkedin::sandbox::Sandbox::builder()
    /// #     .video_processing_time(std::time::Duration::ZERO)
    /// #     .start()
    /// #     .await?;
    /// # let client = linkedin::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606")
    /// #     .access_token(linkedin::oauth::AccessToken::new(sandbox.access_token()))
    /// #     .build()?;
    /// use linkedin::UploadSource;
    /// use linkedin::resources::media::{Upload, VideoFile};
    ///
    /// let video = vec![7u8; 5_000_000];
    /// let upload = Upload::video("urn:li:person:sAnDb0x1d".parse()?, VideoFile::new(video.len() as u64)?);
    /// let mut last = 0;
    /// let mut progress = |p: linkedin::resources::media::Progress| last = p.confirmed;
    /// let urn = client
    ///     .upload(upload, UploadSource::reader(Box::new(std::io::Cursor::new(video))), Some(&mut progress))
    ///     .await?;
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
    /// flow's [`MediaError`](linkedin_resources::media::MediaError) (a
    /// call's error status naming the call, a part that failed for the last
    /// time naming it, processing that failed or timed out); the errors of
    /// [`send`](Client::send) for a call that got no answer.
    pub async fn upload(
        &self,
        upload: Upload,
        source: UploadSource,
        mut progress: Option<&mut (dyn FnMut(Progress) + Send)>,
    ) -> Result<Uploaded, Error> {
        let (mut driver, mut reader) = UploadDriver::<Bytes>::new(upload, source);
        for path in driver.files() {
            file_size(path).await?;
        }
        let mut puts: FuturesUnordered<PartFuture> = FuturesUnordered::new();
        loop {
            match driver.next_action(Instant::now())? {
                Action::Send(request) => {
                    let answer = self.execute::<RawResponse>(&request).await;
                    driver.call_answered(answer.map(RawResponse::into_http), Instant::now())?;
                }
                Action::Put(part, bytes) => {
                    let index = part.index();
                    match self.part_body(&mut driver, &mut reader, &part, bytes).await {
                        Ok(body) => puts.push(self.part_future(&part, body).await?),
                        Err(error) => return Err(error),
                    }
                    tracing::debug!(part = index, attempt = part.attempt(), "part started");
                }
                Action::Wait { until, .. } => {
                    let outcome = match until {
                        None if puts.is_empty() => {
                            return Err(linkedin_resources::media::MediaError::Unexpected {
                                what: "a wait with nothing in flight".into(),
                            }
                            .into());
                        }
                        None => puts.next().await,
                        Some(at) => {
                            let sleep = Box::pin(tokio::time::sleep_until(at.into()));
                            match select(puts.next(), sleep).await {
                                Either::Left((outcome, _)) => outcome,
                                Either::Right(((), _)) => None,
                            }
                        }
                    };
                    if let Some((index, result)) = outcome {
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
    }

    /// The body of one attempt at `part`.
    async fn part_body(
        &self,
        driver: &mut UploadDriver<Bytes>,
        reader: &mut Option<UploadReader>,
        part: &PartUpload,
        bytes: PartBytes<Bytes>,
    ) -> Result<reqwest::Body, Error> {
        Ok(match bytes {
            PartBytes::File { path, offset, len } => {
                let file = open_at(&path, offset, len).await?;
                reqwest::Body::wrap(ReaderBody::new(file, len))
            }
            PartBytes::Kept(kept) => reqwest::Body::from(kept),
            PartBytes::ReadNext { len, keep: true } => {
                let source = reader
                    .as_mut()
                    .ok_or_else(|| Error::reader(io::Error::other("the source has no reader")))?;
                let size = usize::try_from(len).map_err(|_| {
                    Error::reader(io::Error::other("a part larger than memory can address"))
                })?;
                let mut buffer = vec![0; size];
                source
                    .read_exact(&mut buffer)
                    .await
                    .map_err(Error::reader)?;
                reqwest::Body::from(driver.keep(part.index(), Bytes::from(buffer)))
            }
            PartBytes::ReadNext { len, keep: false } => {
                let source = reader.take().ok_or_else(|| {
                    Error::reader(io::Error::other("the reader was already streamed"))
                })?;
                reqwest::Body::wrap(ReaderBody::new(source, len))
            }
            _ => {
                return Err(Error::reader(io::Error::other(
                    "a source of bytes this client does not know",
                )));
            }
        })
    }

    /// The PUT of `part` with `body`, as a future of its outcome.
    async fn part_future(
        &self,
        part: &PartUpload,
        body: reqwest::Body,
    ) -> Result<PartFuture, Error> {
        let token = if part.sends_token() {
            Some(self.bearer().await?)
        } else {
            None
        };
        let head = linkedin_client_core::part_head(part, token.as_deref())?;
        let index = part.index();
        let http = self.http().client().clone();
        let timeout = self.timeout();
        Ok(Box::pin(async move {
            (index, put_part(http, head, body, timeout).await)
        }))
    }

    /// Uploads the image at `path` for `owner`: its type from its name,
    /// checked against its first bytes, and its size, before anything is
    /// sent.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sandbox = linkedin::sandbox::Sandbox::start().await?;
    /// # let client = linkedin::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606")
    /// #     .access_token(linkedin::oauth::AccessToken::new(sandbox.access_token()))
    /// #     .build()?;
    /// let missing = client.upload_image("urn:li:person:sAnDb0x1d".parse()?, "no/such/file.png").await;
    /// assert!(matches!(missing, Err(linkedin::Error::Read { .. })));
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`upload`](Self::upload), and [`Error::Resource`] for an image
    /// LinkedIn does not take.
    pub async fn upload_image(
        &self,
        owner: Author,
        path: impl AsRef<Path>,
    ) -> Result<Uploaded, Error> {
        let path = path.as_ref();
        let size = file_size(path).await?;
        let mut head = Vec::new();
        let file = tokio::fs::File::open(path)
            .await
            .map_err(|e| Error::read(path, e))?;
        file.take(IMAGE_HEAD_BYTES as u64)
            .read_to_end(&mut head)
            .await
            .map_err(|e| Error::read(path, e))?;
        let upload = linkedin_client_core::image_upload(owner, path, size, &head)?;
        self.upload(upload, UploadSource::path(path), None).await
    }

    /// Uploads the document at `path` for `owner` (PDF, DOC, DOCX, PPT,
    /// PPTX by its name; its size checked before anything is sent).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let client = linkedin::Client::builder().build()?;
    /// let refused = client.upload_document("urn:li:person:sAnDb0x1d".parse()?, "Cargo.toml").await;
    /// assert!(matches!(refused, Err(linkedin::Error::Resource(_))));
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`upload`](Self::upload), and [`Error::Resource`] for a document
    /// LinkedIn does not take.
    pub async fn upload_document(
        &self,
        owner: Author,
        path: impl AsRef<Path>,
    ) -> Result<Uploaded, Error> {
        let path = path.as_ref();
        let size = file_size(path).await?;
        let upload = linkedin_client_core::document_upload(owner, path, size)?;
        self.upload(upload, UploadSource::path(path), None).await
    }

    /// Uploads the video at `path` for `owner` and waits until LinkedIn
    /// made it `AVAILABLE` (its size checked before anything is sent).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let client = linkedin::Client::builder().build()?;
    /// let refused = client.upload_video("urn:li:person:sAnDb0x1d".parse()?, "Cargo.toml").await;
    /// assert!(matches!(refused, Err(linkedin::Error::Resource(_))), "under 75 KB");
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`upload`](Self::upload), and [`Error::Resource`] for a video
    /// under or over LinkedIn's limits.
    pub async fn upload_video(
        &self,
        owner: Author,
        path: impl AsRef<Path>,
    ) -> Result<Uploaded, Error> {
        let path = path.as_ref();
        let size = file_size(path).await?;
        let upload = linkedin_client_core::video_upload(owner, size)?;
        self.upload(upload, UploadSource::path(path), None).await
    }
}
