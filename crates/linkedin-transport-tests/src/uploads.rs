//! Media uploads (`client.upload`): images, documents and multi-part
//! videos end to end against the sandbox (its upload URLs, faults and
//! processing), and a video against a loopback double answering as the
//! Videos API page shows
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/videos-api>).

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use linkedin_client_core::Error;
use linkedin_resources::ResourceError;
use linkedin_resources::media::{
    DocumentFile, GetImage, GetVideo, Image, ImageFile, MediaError, MediaStatus, PartRules,
    Polling, Progress, Upload, Uploaded, Video, VideoFile,
};
use linkedin_resources::urns::Author;
use linkedin_sandbox::{Fault, Sandbox};
use linkedin_test_support::{HostileServer, documented};
use restli_codec::RetryPolicy;
use restli_codec::response::EntityResponse;

use crate::{Setup, Transport, logs};

/// Where an upload's bytes come from, as a scenario gives them; each
/// adapter turns it into its transport's `UploadSource`.
#[derive(Debug, Clone)]
pub enum UploadFrom {
    /// A file at this path.
    Path(PathBuf),
    /// A forward-only reader over these bytes.
    Reader(Vec<u8>),
}

/// The sandbox's seeded member (the subject of its static token).
const MEMBER: &str = "urn:li:person:sAnDb0x1d";

fn member() -> Author {
    MEMBER.parse().expect("a person URN")
}

fn client<T: Transport>(origin: &str, token: &str) -> T {
    T::build(
        Setup::new(origin)
            .version("202606")
            .retry(RetryPolicy::default().base_delay(Duration::from_millis(10)))
            .token(token),
    )
    .expect("client")
}

fn sandbox() -> Sandbox {
    Sandbox::builder()
        .video_processing_time(Duration::ZERO)
        .spawn()
        .expect("a sandbox")
}

/// Parts retried quickly, so the scenarios do not wait seconds.
fn quick_parts() -> PartRules {
    PartRules::new()
        .max_in_flight(3)
        .and_then(|rules| rules.delays(Duration::from_millis(5), Duration::from_millis(20)))
        .expect("rules")
}

fn quick_polls() -> Polling {
    Polling::new()
        .delays(Duration::from_millis(100), Duration::from_millis(200))
        .expect("polling")
}

/// A PNG of `size` bytes: the signature and an IHDR of 16 x 16 pixels,
/// then padding (nothing decodes it; LinkedIn's and the sandbox's checks
/// read its head).
fn png(size: usize) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x10\0\0\0\x10".to_vec();
    bytes.resize(size, 0);
    bytes
}

/// `size` bytes that differ from part to part (a video, as far as an
/// upload cares).
fn video_bytes(size: usize) -> Vec<u8> {
    (0..size).map(|i| (i % 251) as u8).collect()
}

fn file_with(suffix: &str, bytes: &[u8]) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new()
        .prefix("linkedin-upload-")
        .suffix(suffix)
        .tempfile()
        .expect("a temporary file");
    file.write_all(bytes).expect("written");
    file.flush().expect("flushed");
    file
}

fn media_error(result: &Result<Uploaded, Error>) -> Option<&MediaError> {
    match result {
        Err(Error::Resource(error)) => match &**error {
            ResourceError::Media(media) => Some(media),
            _ => None,
        },
        _ => None,
    }
}

/// Every update moves forward, and the last one is the whole upload.
fn assert_progress_reaches(updates: &[Progress], total: u64) {
    assert!(!updates.is_empty(), "progress was reported");
    for pair in updates.windows(2) {
        assert!(pair[0].confirmed < pair[1].confirmed, "{updates:?}");
        assert_eq!(pair[0].total, total, "{updates:?}");
    }
    let last = updates.last().copied().unwrap_or_default();
    assert_eq!((last.confirmed, last.total), (total, total), "{updates:?}");
}

/// An image from a file: `initializeUpload`, one PUT of the whole file,
/// and the sandbox has the image `AVAILABLE` (Images API page).
pub fn an_image_from_a_file_is_uploaded_and_available<T: Transport>() {
    logs::init();
    let sandbox = sandbox();
    let client: T = client(sandbox.origin(), sandbox.access_token());
    let bytes = png(300_000);
    let file = file_with(".png", &bytes);
    let upload = Upload::image(
        member(),
        ImageFile::from_name("photo.png", bytes.len() as u64).expect("a PNG"),
    );

    let (result, updates) = client.upload(upload, UploadFrom::Path(file.path().into()));
    let Ok(Uploaded::Image(urn)) = result else {
        panic!("an image: {result:?}");
    };
    assert_progress_reaches(&updates, bytes.len() as u64);
    let image: EntityResponse<Image> = client.send(GetImage::new(&urn)).expect("the image");
    assert_eq!(image.entity.status, Some(MediaStatus::Available));
}

/// A document from a reader: one PUT streamed from it.
pub fn a_document_from_a_reader_is_uploaded<T: Transport>() {
    logs::init();
    let sandbox = sandbox();
    let client: T = client(sandbox.origin(), sandbox.access_token());
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.resize(200_000, b' ');
    let upload = Upload::document(
        member(),
        DocumentFile::from_name("deck.pdf", bytes.len() as u64).expect("a PDF"),
    );

    let (result, updates) = client.upload(upload, UploadFrom::Reader(bytes.clone()));
    assert!(
        matches!(result, Ok(Uploaded::Document(_))),
        "a document: {result:?}"
    );
    assert_progress_reaches(&updates, bytes.len() as u64);
    assert_eq!(
        sandbox.request_count("/rest/documents"),
        1,
        "initializeUpload only"
    );
}

/// A video of three parts, from a file and from a reader: every part PUT,
/// `finalizeUpload`, then polled until `AVAILABLE`; progress reaches the
/// total.
pub fn a_multi_part_video_reaches_available<T: Transport>() {
    logs::init();
    let sandbox = sandbox();
    let client: T = client(sandbox.origin(), sandbox.access_token());
    let bytes = video_bytes(10_000_000);
    let file = file_with(".mp4", &bytes);
    for from in [
        UploadFrom::Path(file.path().into()),
        UploadFrom::Reader(bytes.clone()),
    ] {
        let upload = Upload::video(
            member(),
            VideoFile::new(bytes.len() as u64).expect("a video"),
        )
        .part_rules(quick_parts())
        .polling(Some(quick_polls()));
        let (result, updates) = client.upload(upload, from.clone());
        let Ok(Uploaded::Video(urn)) = result else {
            panic!("a video from {from:?}: {result:?}");
        };
        assert_progress_reaches(&updates, bytes.len() as u64);
        let video: EntityResponse<Video> = client.send(GetVideo::new(&urn)).expect("the video");
        assert_eq!(video.entity.status, Some(MediaStatus::Available));
    }
}

/// A part answered 503 once is PUT again (the flow's retry), and the
/// upload succeeds.
pub fn a_part_failing_once_is_retried<T: Transport>() {
    logs::init();
    let sandbox = sandbox();
    let client: T = client(sandbox.origin(), sandbox.access_token());
    let bytes = video_bytes(9_000_000);
    sandbox.inject(
        Fault::status(http::StatusCode::SERVICE_UNAVAILABLE)
            .on_path("/dms-uploads/")
            .times(1),
    );
    let upload = Upload::video(
        member(),
        VideoFile::new(bytes.len() as u64).expect("a video"),
    )
    .part_rules(quick_parts())
    .polling(Some(quick_polls()));

    let (result, updates) = client.upload(upload, UploadFrom::Reader(bytes.clone()));
    assert!(matches!(result, Ok(Uploaded::Video(_))), "{result:?}");
    assert_progress_reaches(&updates, bytes.len() as u64);
    assert_eq!(
        sandbox.stats().count_prefix("/dms-uploads/"),
        4,
        "three parts, one of them twice"
    );
}

/// A part that keeps failing ends the upload with `PartFailed` naming it,
/// after the flow's attempts, and `finalizeUpload` is never sent.
pub fn a_part_failing_for_good_names_it_and_nothing_is_finalized<T: Transport>() {
    logs::init();
    let sandbox = sandbox();
    let client: T = client(sandbox.origin(), sandbox.access_token());
    let bytes = video_bytes(9_000_000);
    sandbox.inject(Fault::status(http::StatusCode::SERVICE_UNAVAILABLE).on_path("/dms-uploads/"));
    let upload = Upload::video(
        member(),
        VideoFile::new(bytes.len() as u64).expect("a video"),
    )
    .part_rules(quick_parts().max_attempts(2).expect("rules"));

    let (result, _) = client.upload(upload, UploadFrom::Reader(bytes));
    let Some(MediaError::PartFailed {
        index, attempts, ..
    }) = media_error(&result)
    else {
        panic!("a part failure: {result:?}");
    };
    assert!(*index < 3, "one of the three parts: {index}");
    assert_eq!(*attempts, 2);
    let message = result.as_ref().map(|_| ()).unwrap_err().to_string();
    assert!(message.contains(&format!("part {index}")), "{message}");
    assert_eq!(
        sandbox.request_count("/rest/videos"),
        1,
        "initializeUpload only, no finalizeUpload"
    );
}

/// A video LinkedIn cannot process is `ProcessingFailed`, naming it.
pub fn a_video_that_fails_processing_is_a_typed_error<T: Transport>() {
    logs::init();
    let sandbox = Sandbox::builder()
        .video_processing_time(Duration::ZERO)
        .fail_video_processing()
        .spawn()
        .expect("a sandbox");
    let client: T = client(sandbox.origin(), sandbox.access_token());
    let bytes = video_bytes(100_000);
    let upload = Upload::video(
        member(),
        VideoFile::new(bytes.len() as u64).expect("a video"),
    )
    .polling(Some(quick_polls()));

    let (result, _) = client.upload(upload, UploadFrom::Reader(bytes));
    assert!(
        matches!(
            media_error(&result),
            Some(MediaError::ProcessingFailed { urn, .. }) if urn.starts_with("urn:li:video:")
        ),
        "{result:?}"
    );
}

/// A file that does not exist is `Error::Read` naming it, before anything
/// is sent.
pub fn a_missing_file_is_a_read_error_before_anything_is_sent<T: Transport>() {
    logs::init();
    let sandbox = sandbox();
    let client: T = client(sandbox.origin(), sandbox.access_token());
    let path = std::env::temp_dir().join("linkedin-upload-no-such-file.mp4");
    let upload = Upload::video(member(), VideoFile::new(100_000).expect("a video"));

    let (result, updates) = client.upload(upload, UploadFrom::Path(path.clone()));
    let Err(Error::Read { what, .. }) = &result else {
        panic!("a read error: {result:?}");
    };
    assert_eq!(what, &path.display().to_string());
    assert!(updates.is_empty());
    assert_eq!(sandbox.stats().total(), 0, "nothing was sent");
}

/// Against a double answering as the Videos API page shows: several
/// `uploadInstructions`, each part PUT as `application/octet-stream` to
/// its own URL, ETags from the
/// PUT answers sent to `finalizeUpload` in part order with the
/// `uploadToken`, then GETs while the video is `PROCESSING`.
pub fn a_video_is_uploaded_as_the_videos_page_shows<T: Transport>() {
    logs::init();
    let server = HostileServer::start(documented::video_processing_for(2));
    let client: T = client(&server.origin(), "member-token");
    let size = 2 * documented::VIDEO_PART_BYTES as usize + 1_000;
    let upload = Upload::video(
        "urn:li:organization:2414183"
            .parse()
            .expect("an organization"),
        VideoFile::new(size as u64).expect("a video"),
    )
    .part_rules(quick_parts())
    .polling(Some(quick_polls()));

    let (result, updates) = client.upload(upload, UploadFrom::Reader(video_bytes(size)));
    let Ok(Uploaded::Video(urn)) = &result else {
        panic!("the video: {result:?}");
    };
    assert_eq!(urn.as_str(), documented::VIDEO);
    assert_progress_reaches(&updates, size as u64);

    let requests = server.requests();
    let puts: Vec<_> = requests.iter().filter(|r| r.method == "PUT").collect();
    assert_eq!(puts.len(), 3, "three parts");
    let mut lengths: Vec<(String, usize)> = puts
        .iter()
        .map(|r| (r.path().to_owned(), r.body.len()))
        .collect();
    lengths.sort();
    let want: Vec<(String, usize)> = [4_194_304, 4_194_304, 1_000]
        .iter()
        .enumerate()
        .map(|(i, len)| (format!("{}{i}", documented::VIDEO_PART_PATH), *len))
        .collect();
    assert_eq!(lengths, want);
    for put in &puts {
        assert_eq!(put.header("content-type"), Some("application/octet-stream"));
    }

    let finalize = requests
        .iter()
        .find(|r| r.param("action").as_deref() == Some("finalizeUpload"))
        .expect("finalizeUpload");
    let body: serde_json::Value = serde_json::from_slice(&finalize.body).expect("JSON");
    let request = &body["finalizeUploadRequest"];
    assert_eq!(request["video"], documented::VIDEO);
    assert_eq!(request["uploadToken"], "");
    let etags: Vec<String> = (0..3).map(documented::part_etag).collect();
    assert_eq!(request["uploadedPartIds"], serde_json::json!(etags));

    let polls = requests
        .iter()
        .filter(|r| r.method == "GET" && r.path().starts_with("/rest/videos/"))
        .count();
    assert_eq!(polls, 3, "two PROCESSING answers, then AVAILABLE");
    let last = requests.last().expect("requests");
    assert_eq!(last.method, "GET", "nothing after the last poll");
}
