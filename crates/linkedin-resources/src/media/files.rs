//! The files LinkedIn takes: types and sizes, checked before anything is
//! sent.
//!
//! See [the limits](crate::media#limits).

use std::fmt;

use super::{MAX_UPLOAD_PARTS, MediaError};

/// The largest image accepted, in bytes: 36,152,320 pixels x 4 bytes (see
/// [the limits](crate::media#limits) for why).
///
/// ```
/// assert_eq!(linkedin::resources::media::MAX_IMAGE_BYTES, 144_609_280);
/// ```
pub const MAX_IMAGE_BYTES: u64 = 36_152_320 * 4;

/// The largest document accepted: 100 MB, read as 100 x 2^20 bytes.
///
/// ```
/// assert_eq!(linkedin::resources::media::MAX_DOCUMENT_BYTES, 104_857_600);
/// ```
pub const MAX_DOCUMENT_BYTES: u64 = 100 * 1024 * 1024;

/// The smallest video accepted: 75 KB, read as 75,000 bytes.
///
/// ```
/// assert_eq!(linkedin::resources::media::MIN_VIDEO_BYTES, 75_000);
/// ```
pub const MIN_VIDEO_BYTES: u64 = 75_000;

/// The largest video accepted by default: 500 MB, read as 500 x 2^20 bytes
/// (a flow can be given another limit, see
/// [`VideoFile::with_max_size`](super::VideoFile::with_max_size)).
///
/// ```
/// assert_eq!(linkedin::resources::media::MAX_VIDEO_BYTES, 524_288_000);
/// ```
pub const MAX_VIDEO_BYTES: u64 = 500 * 1024 * 1024;

/// The largest part of a video upload LinkedIn hands out: 4,194,304 bytes.
/// A server's instruction for a larger part is refused.
///
/// ```
/// assert_eq!(linkedin::resources::media::MAX_PART_BYTES, 4 * 1024 * 1024);
/// ```
pub const MAX_PART_BYTES: u64 = 4_194_304;

/// The largest thumbnail or captions file accepted, in bytes. The Videos
/// page does not give one; this bound keeps a single PUT's size bounded.
///
/// ```
/// assert_eq!(linkedin::resources::media::MAX_SIDECAR_BYTES, 10 * 1024 * 1024);
/// ```
pub const MAX_SIDECAR_BYTES: u64 = 10 * 1024 * 1024;

/// The extension of `name` (after the last `.`), if any.
fn extension(name: &str) -> Option<&str> {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    file.rsplit_once('.').map(|(_, ext)| ext)
}

/// An image type LinkedIn takes.
///
/// ```
/// use linkedin::resources::media::ImageType;
///
/// assert_eq!(ImageType::from_file_name("Photo.JPEG"), Some(ImageType::Jpeg));
/// assert_eq!(ImageType::from_file_name("anim.gif"), Some(ImageType::Gif));
/// assert_eq!(ImageType::from_file_name("scan.tiff"), None);
/// assert_eq!(ImageType::Png.mime_type(), "image/png");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ImageType {
    /// JPG (`.jpg`, `.jpeg`).
    Jpeg,
    /// GIF, animated or not (`.gif`).
    Gif,
    /// PNG (`.png`).
    Png,
}

impl ImageType {
    /// The type a file name's extension names (case-insensitive), if
    /// LinkedIn takes it.
    ///
    /// ```
    /// use linkedin::resources::media::ImageType;
    /// assert_eq!(ImageType::from_file_name("/tmp/a.b/c.png"), Some(ImageType::Png));
    /// assert_eq!(ImageType::from_file_name("png"), None);
    /// ```
    pub fn from_file_name(name: &str) -> Option<Self> {
        let ext = extension(name)?.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(ImageType::Jpeg),
            "gif" => Some(ImageType::Gif),
            "png" => Some(ImageType::Png),
            _ => None,
        }
    }

    /// The MIME type.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::media::ImageType::Jpeg.mime_type(), "image/jpeg");
    /// ```
    pub fn mime_type(self) -> &'static str {
        match self {
            ImageType::Jpeg => "image/jpeg",
            ImageType::Gif => "image/gif",
            ImageType::Png => "image/png",
        }
    }
}

impl fmt::Display for ImageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ImageType::Jpeg => "JPG",
            ImageType::Gif => "GIF",
            ImageType::Png => "PNG",
        })
    }
}

/// A document type LinkedIn takes.
///
/// ```
/// use linkedin::resources::media::DocumentType;
///
/// assert_eq!(DocumentType::from_file_name("deck.PPTX"), Some(DocumentType::Pptx));
/// assert_eq!(DocumentType::from_file_name("notes.txt"), None);
/// assert_eq!(DocumentType::Pdf.mime_type(), "application/pdf");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DocumentType {
    /// PowerPoint 97-2003 (`.ppt`).
    Ppt,
    /// PowerPoint (`.pptx`).
    Pptx,
    /// Word 97-2003 (`.doc`).
    Doc,
    /// Word (`.docx`).
    Docx,
    /// PDF (`.pdf`).
    Pdf,
}

impl DocumentType {
    /// The type a file name's extension names (case-insensitive), if
    /// LinkedIn takes it.
    ///
    /// ```
    /// use linkedin::resources::media::DocumentType;
    /// assert_eq!(DocumentType::from_file_name("report.pdf"), Some(DocumentType::Pdf));
    /// ```
    pub fn from_file_name(name: &str) -> Option<Self> {
        let ext = extension(name)?.to_ascii_lowercase();
        match ext.as_str() {
            "ppt" => Some(DocumentType::Ppt),
            "pptx" => Some(DocumentType::Pptx),
            "doc" => Some(DocumentType::Doc),
            "docx" => Some(DocumentType::Docx),
            "pdf" => Some(DocumentType::Pdf),
            _ => None,
        }
    }

    /// The MIME type.
    ///
    /// ```
    /// use linkedin::resources::media::DocumentType;
    /// assert_eq!(DocumentType::Doc.mime_type(), "application/msword");
    /// ```
    pub fn mime_type(self) -> &'static str {
        match self {
            DocumentType::Ppt => "application/vnd.ms-powerpoint",
            DocumentType::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            DocumentType::Doc => "application/msword",
            DocumentType::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            DocumentType::Pdf => "application/pdf",
        }
    }
}

impl fmt::Display for DocumentType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DocumentType::Ppt => "PPT",
            DocumentType::Pptx => "PPTX",
            DocumentType::Doc => "DOC",
            DocumentType::Docx => "DOCX",
            DocumentType::Pdf => "PDF",
        })
    }
}

fn check_size(what: &'static str, size: u64, min: u64, max: u64) -> Result<u64, MediaError> {
    if (min..=max).contains(&size) {
        Ok(size)
    } else {
        Err(MediaError::Size {
            what,
            size,
            min,
            max,
        })
    }
}

/// An image to upload: its type and size, checked.
///
/// ```
/// use linkedin::resources::media::{ImageFile, ImageType, MediaError};
///
/// let file = ImageFile::from_name("photo.png", 48_213)?;
/// assert_eq!((file.image_type(), file.size()), (ImageType::Png, 48_213));
/// assert!(matches!(ImageFile::new(ImageType::Gif, 0), Err(MediaError::Size { .. })));
/// # Ok::<(), MediaError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageFile {
    image_type: ImageType,
    size: u64,
}

impl ImageFile {
    /// An image of a known type and `size` bytes (1 to [`MAX_IMAGE_BYTES`]).
    ///
    /// ```
    /// use linkedin::resources::media::{ImageFile, ImageType};
    /// assert!(ImageFile::new(ImageType::Jpeg, 1).is_ok());
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::Size`] for an empty or too large file.
    pub fn new(image_type: ImageType, size: u64) -> Result<Self, MediaError> {
        let size = check_size("the image", size, 1, MAX_IMAGE_BYTES)?;
        Ok(ImageFile { image_type, size })
    }

    /// An image whose type its file name gives.
    ///
    /// ```
    /// use linkedin::resources::media::ImageFile;
    /// assert!(ImageFile::from_name("a.webp", 10).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::UnsupportedType`] for a name without a JPG, GIF or PNG
    /// extension; [`MediaError::Size`] as [`new`](Self::new).
    pub fn from_name(name: &str, size: u64) -> Result<Self, MediaError> {
        let image_type =
            ImageType::from_file_name(name).ok_or_else(|| MediaError::UnsupportedType {
                kind: "an image",
                name: name.to_owned(),
                allowed: "JPG, GIF or PNG",
            })?;
        ImageFile::new(image_type, size)
    }

    /// The type.
    ///
    /// ```
    /// use linkedin::resources::media::{ImageFile, ImageType};
    /// assert_eq!(ImageFile::new(ImageType::Gif, 5)?.image_type(), ImageType::Gif);
    /// # Ok::<(), linkedin::resources::media::MediaError>(())
    /// ```
    pub fn image_type(&self) -> ImageType {
        self.image_type
    }

    /// The size in bytes.
    ///
    /// ```
    /// use linkedin::resources::media::{ImageFile, ImageType};
    /// assert_eq!(ImageFile::new(ImageType::Gif, 5)?.size(), 5);
    /// # Ok::<(), linkedin::resources::media::MediaError>(())
    /// ```
    pub fn size(&self) -> u64 {
        self.size
    }
}

/// The most pixels an image may have: LinkedIn takes fewer than
/// 36,152,320.
///
/// ```
/// assert_eq!(linkedin::resources::media::MAX_IMAGE_PIXELS, 36_152_319);
/// ```
pub const MAX_IMAGE_PIXELS: u64 = 36_152_320 - 1;

/// How many bytes of a JPEG [`ImageFile::check_head`] reads at most looking
/// for its frame header.
const JPEG_SCAN_LIMIT: usize = 256 * 1024;

/// The type and pixel size an image's first bytes show, if they show them.
fn sniff(head: &[u8]) -> Option<(ImageType, Option<(u64, u64)>)> {
    let be32 = |at: usize| -> Option<u64> {
        let bytes: [u8; 4] = head.get(at..at + 4)?.try_into().ok()?;
        Some(u64::from(u32::from_be_bytes(bytes)))
    };
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        // IHDR, the first chunk: width and height at bytes 16 and 20.
        let size = (head.get(12..16) == Some(b"IHDR"))
            .then(|| Some((be32(16)?, be32(20)?)))
            .flatten();
        return Some((ImageType::Png, size));
    }
    if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        let le16 = |at: usize| -> Option<u64> {
            let bytes: [u8; 2] = head.get(at..at + 2)?.try_into().ok()?;
            Some(u64::from(u16::from_le_bytes(bytes)))
        };
        // The logical screen: width and height at bytes 6 and 8.
        let size = le16(6).zip(le16(8));
        return Some((ImageType::Gif, size));
    }
    if head.starts_with(&[0xFF, 0xD8]) {
        return Some((ImageType::Jpeg, jpeg_size(head)));
    }
    None
}

/// Width and height from a JPEG's first frame header (SOF0 to SOF15, not
/// DHT, JPG or DAC), walking the segments within [`JPEG_SCAN_LIMIT`].
fn jpeg_size(head: &[u8]) -> Option<(u64, u64)> {
    let head = head.get(..head.len().min(JPEG_SCAN_LIMIT))?;
    let be16 = |at: usize| -> Option<u64> {
        let bytes: [u8; 2] = head.get(at..at + 2)?.try_into().ok()?;
        Some(u64::from(u16::from_be_bytes(bytes)))
    };
    let mut at = 2;
    loop {
        if *head.get(at)? != 0xFF {
            return None;
        }
        let marker = *head.get(at + 1)?;
        match marker {
            // Fill bytes before a marker.
            0xFF => at += 1,
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => at += 2,
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                let height = be16(at + 5)?;
                let width = be16(at + 7)?;
                return Some((width, height));
            }
            // The image data starts before any frame header: give up.
            0xD9 | 0xDA => return None,
            _ => {
                let length = usize::try_from(be16(at + 2)?).ok()?;
                if length < 2 {
                    return None;
                }
                at = at.checked_add(2 + length)?;
            }
        }
    }
}

impl ImageFile {
    /// Checks the image's first bytes (`head`: the first 64 KiB, say, or
    /// the whole file) before anything is sent: they must be a JPG, GIF or
    /// PNG of the file's type, with fewer than 36,152,320 pixels when the
    /// header says its size (Images API page). A `head` too short to show
    /// the size passes that check; LinkedIn checks again.
    ///
    /// ```
    /// use linkedin::resources::media::{ImageFile, ImageType, MediaError};
    ///
    /// let file = ImageFile::new(ImageType::Gif, 1_000)?;
    /// assert!(file.check_head(b"GIF89a\x10\x00\x10\x00").is_ok());
    /// assert!(matches!(file.check_head(b"\x89PNG\r\n\x1a\n"), Err(MediaError::Content { .. })));
    /// assert!(matches!(file.check_head(b"GIF89a\xff\xff\xff\xff"), Err(MediaError::Content { .. })));
    /// # Ok::<(), MediaError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::Content`] for bytes of another type (or of none
    /// LinkedIn takes), or an image with too many pixels.
    pub fn check_head(&self, head: &[u8]) -> Result<(), MediaError> {
        let Some((found, size)) = sniff(head) else {
            return Err(MediaError::Content {
                problem: format!(
                    "the file is not a JPG, GIF or PNG (named as {})",
                    self.image_type
                ),
            });
        };
        if found != self.image_type {
            return Err(MediaError::Content {
                problem: format!(
                    "the file is a {found}, not the {} its name says",
                    self.image_type
                ),
            });
        }
        if let Some((width, height)) = size {
            let pixels = width.saturating_mul(height);
            if pixels > MAX_IMAGE_PIXELS {
                return Err(MediaError::Content {
                    problem: format!(
                        "the image is {width} x {height} = {pixels} pixels; LinkedIn takes fewer than 36152320"
                    ),
                });
            }
        }
        Ok(())
    }
}

/// A document to upload: its type and size, checked.
///
/// ```
/// use linkedin::resources::media::{DocumentFile, DocumentType, MediaError};
///
/// let file = DocumentFile::from_name("deck.pptx", 2_000_000)?;
/// assert_eq!(file.document_type(), DocumentType::Pptx);
/// assert!(matches!(
///     DocumentFile::new(DocumentType::Pdf, 200 * 1024 * 1024),
///     Err(MediaError::Size { .. })
/// ));
/// # Ok::<(), MediaError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentFile {
    document_type: DocumentType,
    size: u64,
}

impl DocumentFile {
    /// A document of a known type and `size` bytes (1 to
    /// [`MAX_DOCUMENT_BYTES`]).
    ///
    /// ```
    /// use linkedin::resources::media::{DocumentFile, DocumentType};
    /// assert!(DocumentFile::new(DocumentType::Pdf, 100 * 1024 * 1024).is_ok());
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::Size`] for an empty or too large file.
    pub fn new(document_type: DocumentType, size: u64) -> Result<Self, MediaError> {
        let size = check_size("the document", size, 1, MAX_DOCUMENT_BYTES)?;
        Ok(DocumentFile {
            document_type,
            size,
        })
    }

    /// A document whose type its file name gives.
    ///
    /// ```
    /// use linkedin::resources::media::DocumentFile;
    /// assert!(DocumentFile::from_name("book.epub", 10).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::UnsupportedType`] for a name without a PPT, PPTX, DOC,
    /// DOCX or PDF extension; [`MediaError::Size`] as [`new`](Self::new).
    pub fn from_name(name: &str, size: u64) -> Result<Self, MediaError> {
        let document_type =
            DocumentType::from_file_name(name).ok_or_else(|| MediaError::UnsupportedType {
                kind: "a document",
                name: name.to_owned(),
                allowed: "PPT, PPTX, DOC, DOCX or PDF",
            })?;
        DocumentFile::new(document_type, size)
    }

    /// The type.
    ///
    /// ```
    /// use linkedin::resources::media::{DocumentFile, DocumentType};
    /// assert_eq!(DocumentFile::new(DocumentType::Doc, 5)?.document_type(), DocumentType::Doc);
    /// # Ok::<(), linkedin::resources::media::MediaError>(())
    /// ```
    pub fn document_type(&self) -> DocumentType {
        self.document_type
    }

    /// The size in bytes.
    ///
    /// ```
    /// use linkedin::resources::media::{DocumentFile, DocumentType};
    /// assert_eq!(DocumentFile::new(DocumentType::Doc, 5)?.size(), 5);
    /// # Ok::<(), linkedin::resources::media::MediaError>(())
    /// ```
    pub fn size(&self) -> u64 {
        self.size
    }
}

/// A video to upload: its size, checked, and whether a thumbnail and a
/// captions file go with it (their sizes).
///
/// ```
/// use linkedin::resources::media::{MediaError, VideoFile};
///
/// let file = VideoFile::new(10_000_000)?.with_thumbnail(25_000)?;
/// assert_eq!(file.size(), 10_000_000);
/// assert_eq!(file.thumbnail(), Some(25_000));
/// assert!(matches!(VideoFile::new(1_000), Err(MediaError::Size { .. })));
/// # Ok::<(), MediaError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VideoFile {
    size: u64,
    thumbnail: Option<u64>,
    captions: Option<u64>,
}

impl VideoFile {
    /// A video of `size` bytes ([`MIN_VIDEO_BYTES`] to [`MAX_VIDEO_BYTES`]).
    ///
    /// ```
    /// assert!(linkedin::resources::media::VideoFile::new(600 * 1024 * 1024).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::Size`] out of those bounds.
    pub fn new(size: u64) -> Result<Self, MediaError> {
        VideoFile::with_max_size(size, MAX_VIDEO_BYTES)
    }

    /// A video of `size` bytes with another upper limit than LinkedIn's
    /// documented 500 MB (for an application LinkedIn allows more, or a
    /// stricter one of your own); whatever the limit, a video needing more
    /// than [`MAX_UPLOAD_PARTS`] parts of [`MAX_PART_BYTES`] (10 GiB) is
    /// refused.
    ///
    /// ```
    /// use linkedin::resources::media::VideoFile;
    /// assert!(VideoFile::with_max_size(2 << 30, 4 << 30).is_ok());
    /// assert!(VideoFile::with_max_size(2 << 30, 1 << 30).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::Size`] out of [`MIN_VIDEO_BYTES`] to `max` (or 10 GiB).
    pub fn with_max_size(size: u64, max: u64) -> Result<Self, MediaError> {
        let most = MAX_UPLOAD_PARTS as u64 * MAX_PART_BYTES;
        let size = check_size("the video", size, MIN_VIDEO_BYTES, max.min(most))?;
        Ok(VideoFile {
            size,
            thumbnail: None,
            captions: None,
        })
    }

    /// Uploads a thumbnail of `size` bytes with the video
    /// (`uploadThumbnail: true`).
    ///
    /// ```
    /// use linkedin::resources::media::VideoFile;
    /// assert!(VideoFile::new(100_000)?.with_thumbnail(0).is_err());
    /// # Ok::<(), linkedin::resources::media::MediaError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::Size`] for an empty file or one over
    /// [`MAX_SIDECAR_BYTES`].
    pub fn with_thumbnail(mut self, size: u64) -> Result<Self, MediaError> {
        self.thumbnail = Some(check_size("the thumbnail", size, 1, MAX_SIDECAR_BYTES)?);
        Ok(self)
    }

    /// Uploads a captions file (SRT) of `size` bytes with the video
    /// (`uploadCaptions: true`).
    ///
    /// ```
    /// use linkedin::resources::media::VideoFile;
    /// assert_eq!(VideoFile::new(100_000)?.with_captions(900)?.captions(), Some(900));
    /// # Ok::<(), linkedin::resources::media::MediaError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::Size`] for an empty file or one over
    /// [`MAX_SIDECAR_BYTES`].
    pub fn with_captions(mut self, size: u64) -> Result<Self, MediaError> {
        self.captions = Some(check_size("the captions", size, 1, MAX_SIDECAR_BYTES)?);
        Ok(self)
    }

    /// The video's size in bytes.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::media::VideoFile::new(80_000)?.size(), 80_000);
    /// # Ok::<(), linkedin::resources::media::MediaError>(())
    /// ```
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The thumbnail's size, if one goes with the video.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::media::VideoFile::new(80_000)?.thumbnail(), None);
    /// # Ok::<(), linkedin::resources::media::MediaError>(())
    /// ```
    pub fn thumbnail(&self) -> Option<u64> {
        self.thumbnail
    }

    /// The captions file's size, if one goes with the video.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::media::VideoFile::new(80_000)?.captions(), None);
    /// # Ok::<(), linkedin::resources::media::MediaError>(())
    /// ```
    pub fn captions(&self) -> Option<u64> {
        self.captions
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut head = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
        head.extend_from_slice(&width.to_be_bytes());
        head.extend_from_slice(&height.to_be_bytes());
        head
    }

    fn jpeg(width: u16, height: u16) -> Vec<u8> {
        // SOI, an APP0 (JFIF) segment of 16 bytes, then SOF0.
        let mut head = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        head.extend_from_slice(b"JFIF\0\x01\x01\x00\x00\x01\x00\x01\x00\x00");
        head.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 0x08]);
        head.extend_from_slice(&height.to_be_bytes());
        head.extend_from_slice(&width.to_be_bytes());
        head
    }

    #[test]
    fn headers_give_the_type_and_size() {
        assert_eq!(
            sniff(&png(1200, 627)),
            Some((ImageType::Png, Some((1200, 627))))
        );
        assert_eq!(
            sniff(&jpeg(1200, 627)),
            Some((ImageType::Jpeg, Some((1200, 627))))
        );
        assert_eq!(
            sniff(b"GIF87a\x0a\x00\x14\x00"),
            Some((ImageType::Gif, Some((10, 20))))
        );
        assert_eq!(sniff(b"BM\x00\x00"), None);
        // Too short to show the size: the type only.
        assert_eq!(sniff(&png(1, 1)[..14]), Some((ImageType::Png, None)));
        assert_eq!(sniff(&[0xFF, 0xD8]), Some((ImageType::Jpeg, None)));
    }

    // Images API page: fewer than 36,152,320 pixels.
    #[test]
    fn the_pixel_limit_is_checked() {
        let file = ImageFile::new(ImageType::Png, 1000).unwrap();
        assert!(
            file.check_head(&png(6000, 6025)).is_ok(),
            "36,150,000 pixels"
        );
        let err = file.check_head(&png(6016, 6010)).unwrap_err();
        assert!(
            err.to_string().contains("6016 x 6010 = 36156160 pixels"),
            "{err}"
        );
        let jpg = ImageFile::new(ImageType::Jpeg, 1000).unwrap();
        assert!(jpg.check_head(&jpeg(65535, 65535)).is_err());
        assert!(jpg.check_head(&jpeg(4000, 3000)).is_ok());
    }

    #[test]
    fn content_of_another_type_is_refused() {
        let file = ImageFile::from_name("photo.png", 1000).unwrap();
        let err = file.check_head(&jpeg(10, 10)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the file is a JPG, not the PNG its name says"
        );
        let err = file.check_head(b"<svg xmlns=").unwrap_err();
        assert!(matches!(err, MediaError::Content { .. }));
    }

    proptest! {
        #[test]
        fn any_bytes_are_sniffed_without_panicking(head in prop::collection::vec(any::<u8>(), 0..300)) {
            let _ = sniff(&head);
            let mut jpeg_like = vec![0xFF, 0xD8];
            jpeg_like.extend_from_slice(&head);
            let _ = sniff(&jpeg_like);
        }

        #[test]
        fn png_sizes_round_trip(width in any::<u32>(), height in any::<u32>()) {
            let found = sniff(&png(width, height));
            prop_assert_eq!(found, Some((ImageType::Png, Some((u64::from(width), u64::from(height))))));
        }
    }
}
