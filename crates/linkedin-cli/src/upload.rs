//! The files of `linkedin posts create` (`--image`, `--video`,
//! `--document`): opened and checked against what LinkedIn takes (the
//! resources crate's `ImageFile`, `VideoFile`, `DocumentFile`, an image's
//! first bytes) before anything is sent, then uploaded.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use linkedin_resources::media::{DocumentFile, ImageFile, MediaError, VideoFile};
use linkedin_resources::urns::{Author, DocumentUrn, ImageUrn, VideoUrn};

use crate::cli::CreatePostArgs;
use crate::error::CliError;
use crate::sdk;

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

/// Uploads every file for `owner` (the post's author), in the order given.
pub fn upload(_client: &sdk::Client, _owner: &Author, files: &Files) -> Result<Uploaded, CliError> {
    let first = files
        .images
        .first()
        .map(|c| (&c.path, c.file.size()))
        .or_else(|| files.video.as_ref().map(|c| (&c.path, c.file.size())))
        .or_else(|| files.document.as_ref().map(|c| (&c.path, c.file.size())));
    match first {
        None => Ok(Uploaded::default()),
        Some((path, size)) => Err(CliError::Request(format!(
            "this build of linkedin cannot upload files yet ({}, {size} bytes); post without it",
            path.display()
        ))),
    }
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
