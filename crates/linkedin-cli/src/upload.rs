//! The files of `linkedin posts create` (`--image`, `--video`,
//! `--document`): opened and checked against what LinkedIn takes (the
//! resources crate's `ImageFile`, `VideoFile`, `DocumentFile`, an image's
//! first bytes) before anything is sent, then uploaded through the
//! blocking client's upload driver, one file after the other.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use linkedin::blocking::UploadSource;
use linkedin::resources::media::{
    DocumentFile, ImageFile, MediaError, Progress, Upload, Uploaded as Media, VideoFile,
};
use linkedin::resources::urns::{Author, DocumentUrn, ImageUrn, VideoUrn};

use crate::api::sdk_error;
use crate::cli::CreatePostArgs;
use crate::error::CliError;
use crate::progress::Bar;
use crate::{output, sdk};

/// How many of an image's first bytes are read to check its type and
/// pixel count (the headers that say them come first).
const IMAGE_HEAD_BYTES: u64 = 64 * 1024;

/// A file to upload, checked.
#[derive(Debug)]
pub struct Checked<F> {
    /// Where it is.
    pub path: PathBuf,
    /// Its type and size.
    pub file: F,
}

/// Every file a post carries, checked.
#[derive(Debug, Default)]
pub struct Files {
    /// `--image`, in order.
    pub images: Vec<Checked<ImageFile>>,
    /// `--video`.
    pub video: Option<Checked<VideoFile>>,
    /// `--document`.
    pub document: Option<Checked<DocumentFile>>,
}

/// What the uploads made: the URNs the post refers to.
#[derive(Debug, Default)]
pub struct Uploaded {
    /// The images, in the order given.
    pub images: Vec<ImageUrn>,
    /// The video.
    pub video: Option<VideoUrn>,
    /// The document.
    pub document: Option<DocumentUrn>,
}

/// Opens and checks every file of the command line: each must exist, be
/// readable, and be of a type and size LinkedIn takes.
pub fn check(args: &CreatePostArgs) -> Result<Files, CliError> {
    let mut files = Files::default();
    for path in &args.images {
        let (mut handle, size) = open(path)?;
        let file = ImageFile::from_name(&file_name(path), size)
            .map_err(|e| bad_file("--image", path, &e))?;
        let mut head = Vec::new();
        (&mut handle)
            .take(IMAGE_HEAD_BYTES)
            .read_to_end(&mut head)
            .map_err(|source| read_error(path, source))?;
        file.check_head(&head)
            .map_err(|e| bad_file("--image", path, &e))?;
        files.images.push(Checked {
            path: path.clone(),
            file,
        });
    }
    if let Some(path) = &args.video {
        let (_, size) = open(path)?;
        let file = VideoFile::new(size).map_err(|e| bad_file("--video", path, &e))?;
        files.video = Some(Checked {
            path: path.clone(),
            file,
        });
    }
    if let Some(path) = &args.document {
        let (_, size) = open(path)?;
        let file = DocumentFile::from_name(&file_name(path), size)
            .map_err(|e| bad_file("--document", path, &e))?;
        files.document = Some(Checked {
            path: path.clone(),
            file,
        });
    }
    Ok(files)
}

/// Uploads every file for `owner` (the post's author), in the order given,
/// each with a progress bar on a terminal. The first failure ends it: no
/// post is made with a half-made upload.
pub fn upload(client: &sdk::Client, owner: &Author, files: &Files) -> Result<Uploaded, CliError> {
    let mut uploaded = Uploaded::default();
    for image in &files.images {
        let upload = Upload::image(owner.clone(), image.file);
        match send(client, upload, &image.path, image.file.size())? {
            Media::Image(urn) => uploaded.images.push(urn),
            other => return Err(unexpected(&image.path, &other)),
        }
    }
    if let Some(video) = &files.video {
        let upload = Upload::video(owner.clone(), video.file);
        match send(client, upload, &video.path, video.file.size())? {
            Media::Video(urn) => uploaded.video = Some(urn),
            other => return Err(unexpected(&video.path, &other)),
        }
    }
    if let Some(document) = &files.document {
        let upload = Upload::document(owner.clone(), document.file);
        match send(client, upload, &document.path, document.file.size())? {
            Media::Document(urn) => uploaded.document = Some(urn),
            other => return Err(unexpected(&document.path, &other)),
        }
    }
    Ok(uploaded)
}

/// One upload from its file, streamed by the SDK's driver (parts read from
/// the file as they go, never the whole file in memory).
fn send(client: &sdk::Client, upload: Upload, path: &Path, size: u64) -> Result<Media, CliError> {
    let bar = Bar::new(&file_name(path), size);
    let mut progress = |p: Progress| bar.update(p);
    let media = client
        .upload(upload, UploadSource::path(path), Some(&mut progress))
        .map_err(|e| CliError::Sdk(format!("uploading {}: {}", path.display(), sdk_error(e))))?;
    bar.finish();
    Ok(media)
}

fn unexpected(path: &Path, media: &Media) -> CliError {
    CliError::Sdk(format!(
        "uploading {} made {}, not what was asked for",
        path.display(),
        output::excerpt(media.as_str())
    ))
}

/// The file, opened, and its size; a directory is not a file.
fn open(path: &Path) -> Result<(File, u64), CliError> {
    let file = File::open(path).map_err(|source| read_error(path, source))?;
    let metadata = file.metadata().map_err(|source| read_error(path, source))?;
    if !metadata.is_file() {
        return Err(CliError::Request(format!(
            "{} is not a file",
            path.display()
        )));
    }
    Ok((file, metadata.len()))
}

/// The last part of the path, whose extension names the type.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.to_string_lossy(), |name| name.to_string_lossy())
        .into_owned()
}

fn read_error(path: &Path, source: std::io::Error) -> CliError {
    CliError::Io {
        action: "read",
        path: path.to_owned(),
        source,
    }
}

/// `--video demo.mp4: the video is 600000000 bytes; it must be ...`.
fn bad_file(flag: &str, path: &Path, error: &MediaError) -> CliError {
    CliError::Request(format!("{flag} {}: {error}", path.display()))
}
