//! The Images, Documents and Videos APIs' entities and `initializeUpload`
//! answers, as LinkedIn's pages show them; fields LinkedIn adds later are
//! kept in `extra`, so that reading then writing loses nothing.

use crate::wire_enum::wire_enum;
use std::fmt;

use restli_codec::Urn;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::MediaError;
use super::parts::shown_url;
use crate::urns::{AdAccountUrn, DocumentUrn, ImageUrn, VideoUrn};

wire_enum! {
    /// Where an uploaded image, document or video is: `WAITING_UPLOAD`,
    /// `PROCESSING`, `AVAILABLE`, `PROCESSING_FAILED`, or a value LinkedIn adds
    /// later (kept as it came).
    ///
    /// ```
    /// use linkedin::resources::media::MediaStatus;
    ///
    /// let status: MediaStatus = serde_json::from_str("\"AVAILABLE\"").unwrap();
    /// assert_eq!(status, MediaStatus::Available);
    /// let new: MediaStatus = serde_json::from_str("\"QUARANTINED\"").unwrap();
    /// assert_eq!(new, MediaStatus::Unknown("QUARANTINED".into()));
    /// assert_eq!(serde_json::to_string(&new).unwrap(), "\"QUARANTINED\"");
    /// ```
    MediaStatus in "linkedin_resources::media" {
        /// Initialized; the bytes have not arrived yet.
        WaitingUpload = "WAITING_UPLOAD",
        /// The bytes arrived; LinkedIn is processing them.
        Processing = "PROCESSING",
        /// Ready to be used in a post.
        Available = "AVAILABLE",
        /// LinkedIn could not process the bytes.
        ProcessingFailed = "PROCESSING_FAILED",
    }
    example = Available
}

impl MediaStatus {
    /// The status LinkedIn's text names (the same as `From<&str>`).
    ///
    /// ```
    /// use linkedin::resources::media::MediaStatus;
    /// assert_eq!(MediaStatus::from_wire("PROCESSING"), MediaStatus::Processing);
    /// ```
    pub fn from_wire(text: &str) -> Self {
        MediaStatus::from(text)
    }
}

/// The longest media library asset name accepted, in characters. LinkedIn's
/// pages give no limit; this bound keeps the request's size bounded.
///
/// ```
/// assert_eq!(linkedin::resources::media::MAX_ASSET_NAME_CHARS, 1000);
/// ```
pub const MAX_ASSET_NAME_CHARS: usize = 1000;

/// Where an uploaded image or video also goes: an ad account's media
/// library, under a name (`initializeUploadRequest.mediaLibraryMetadata`
/// on the Images and Videos pages).
///
/// ```
/// use linkedin::resources::media::MediaLibrary;
///
/// let library = MediaLibrary::new("urn:li:sponsoredAccount:507404993".parse()?, "Summer banner")?;
/// assert_eq!(
///     serde_json::to_value(&library)?,
///     serde_json::json!({"associatedAccount": "urn:li:sponsoredAccount:507404993", "assetName": "Summer banner"})
/// );
/// assert!(MediaLibrary::new("urn:li:sponsoredAccount:1".parse()?, "").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MediaLibrary {
    associated_account: AdAccountUrn,
    asset_name: String,
}

impl MediaLibrary {
    /// The library of `account`, the asset named `asset_name` (1 to
    /// [`MAX_ASSET_NAME_CHARS`] characters).
    ///
    /// ```
    /// use linkedin::resources::media::MediaLibrary;
    /// let long = "n".repeat(1001);
    /// assert!(MediaLibrary::new("urn:li:sponsoredAccount:1".parse()?, &long).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::Option`] for an empty or too long name.
    pub fn new(account: AdAccountUrn, asset_name: &str) -> Result<Self, MediaError> {
        let chars = asset_name.chars().count();
        if chars == 0 || chars > MAX_ASSET_NAME_CHARS {
            return Err(MediaError::Option {
                name: "the asset name's length (characters)",
                bounds: "1 to 1000",
                value: chars as u64,
            });
        }
        Ok(MediaLibrary {
            associated_account: account,
            asset_name: asset_name.to_owned(),
        })
    }

    /// The ad account.
    ///
    /// ```
    /// use linkedin::resources::media::MediaLibrary;
    /// let library = MediaLibrary::new("urn:li:sponsoredAccount:1".parse()?, "a")?;
    /// assert_eq!(library.account().id(), "1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn account(&self) -> &AdAccountUrn {
        &self.associated_account
    }

    /// The asset's name.
    ///
    /// ```
    /// use linkedin::resources::media::MediaLibrary;
    /// let library = MediaLibrary::new("urn:li:sponsoredAccount:1".parse()?, "a")?;
    /// assert_eq!(library.asset_name(), "a");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn asset_name(&self) -> &str {
        &self.asset_name
    }
}

/// An image, as `GET /rest/images/{image URN}` answers (Images API page).
///
/// ```
/// use linkedin::resources::media::{Image, MediaStatus};
///
/// let image: Image = serde_json::from_str(r#"{
///     "owner": "urn:li:organization:2414183",
///     "status": "AVAILABLE",
///     "downloadUrlExpiresAt": 1650092400000,
///     "downloadUrl": "https://media.licdn.com/dms/image/C4E10AQFoyyAjHPMQuQ/image-shrink_800/0",
///     "id": "urn:li:image:C4E10AQFoyyAjHPMQuQ",
///     "somethingNew": 1
/// }"#).unwrap();
/// assert_eq!(image.status, Some(MediaStatus::Available));
/// assert_eq!(image.extra["somethingNew"], 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Image {
    /// The image's URN.
    pub id: ImageUrn,
    /// Who owns it: a person, an organization (or, for ads, an account).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Urn>,
    /// Where it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<MediaStatus>,
    /// A URL to download it, once `AVAILABLE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub download_url: Option<String>,
    /// When [`download_url`](Self::download_url) expires (epoch
    /// milliseconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub download_url_expires_at: Option<i64>,
    /// Width part of the aspect ratio (16 of 16:9), once processed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aspect_ratio_width: Option<f64>,
    /// Height part of the aspect ratio (9 of 16:9), once processed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aspect_ratio_height: Option<f64>,
    /// The media library entry (ads), as LinkedIn wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_library_details: Option<Value>,
    /// Fields this crate does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A document, as `GET /rest/documents/{document URN}` answers (Documents
/// API page).
///
/// ```
/// use linkedin::resources::media::{Document, MediaStatus};
///
/// let document: Document = serde_json::from_str(r#"{
///     "owner": "urn:li:organization:2414183",
///     "status": "PROCESSING",
///     "id": "urn:li:document:D5510AQFPXZ3TqpIPgA"
/// }"#).unwrap();
/// assert_eq!(document.status, Some(MediaStatus::Processing));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Document {
    /// The document's URN.
    pub id: DocumentUrn,
    /// Who owns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Urn>,
    /// Where it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<MediaStatus>,
    /// A URL to download it, once `AVAILABLE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub download_url: Option<String>,
    /// When [`download_url`](Self::download_url) expires (epoch
    /// milliseconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub download_url_expires_at: Option<i64>,
    /// Fields this crate does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A video, as `GET /rest/videos/{video URN}` answers (Videos API page).
///
/// ```
/// use linkedin::resources::media::{MediaStatus, Video};
///
/// let video: Video = serde_json::from_str(r#"{
///     "duration": 9000,
///     "aspectRatioWidth": 1.0,
///     "aspectRatioHeight": 1.0,
///     "thumbnail": "https://media.licdn.com/dms/image/C5F10AQGKQg_6y2a4sQ/thumbnail/0",
///     "status": "AVAILABLE",
///     "id": "urn:li:video:C5F10AQGKQg_6y2a4sQ",
///     "owner": "urn:li:organization:2414183"
/// }"#).unwrap();
/// assert_eq!(video.duration, Some(9000));
/// assert_eq!(video.status, Some(MediaStatus::Available));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Video {
    /// The video's URN.
    pub id: VideoUrn,
    /// Who owns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Urn>,
    /// Where it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<MediaStatus>,
    /// Why processing failed, when `status` is `PROCESSING_FAILED` and
    /// LinkedIn says. (The Videos page's schema does not name a reason
    /// field in every version; this one is read when present, and the
    /// flow's [`ProcessingFailed`](super::MediaError::ProcessingFailed)
    /// carries it, or `None`.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing_failure_reason: Option<String>,
    /// Its length in milliseconds, once processed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<i64>,
    /// Width part of the aspect ratio, once processed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aspect_ratio_width: Option<f64>,
    /// Height part of the aspect ratio, once processed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aspect_ratio_height: Option<f64>,
    /// The thumbnail's URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<String>,
    /// The captions' URL, if captions were uploaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captions: Option<Value>,
    /// A URL to download it, once `AVAILABLE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub download_url: Option<String>,
    /// When [`download_url`](Self::download_url) expires (epoch
    /// milliseconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub download_url_expires_at: Option<i64>,
    /// The media library entry (ads), as LinkedIn wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_library_details: Option<Value>,
    /// Fields this crate does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `value` of the Images API's `initializeUpload`: where to PUT the
/// bytes, until when, and the image's URN.
///
/// ```
/// use linkedin::resources::media::ImageUploadTicket;
///
/// let ticket: ImageUploadTicket = serde_json::from_str(r#"{
///     "uploadUrlExpiresAt": 1650567510704,
///     "uploadUrl": "https://www.linkedin.com/dms-uploads/C4E10AQFoyyAjHPMQuQ/uploadedImage/0?ca=vector_ads&cn=uploads",
///     "image": "urn:li:image:C4E10AQFoyyAjHPMQuQ"
/// }"#).unwrap();
/// assert_eq!(ticket.image.id(), "C4E10AQFoyyAjHPMQuQ");
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ImageUploadTicket {
    /// Where to PUT the image's bytes.
    pub upload_url: String,
    /// When [`upload_url`](Self::upload_url) expires (epoch milliseconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upload_url_expires_at: Option<i64>,
    /// The image's URN, for the post.
    pub image: ImageUrn,
    /// Fields this crate does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `value` of the Documents API's `initializeUpload`.
///
/// ```
/// use linkedin::resources::media::DocumentUploadTicket;
///
/// let ticket: DocumentUploadTicket = serde_json::from_str(r#"{
///     "uploadUrlExpiresAt": 1650567510704,
///     "uploadUrl": "https://www.linkedin.com/dms-uploads/D5510AQFPXZ3TqpIPgA/uploadedDocument/0",
///     "document": "urn:li:document:D5510AQFPXZ3TqpIPgA"
/// }"#).unwrap();
/// assert_eq!(ticket.document.id(), "D5510AQFPXZ3TqpIPgA");
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DocumentUploadTicket {
    /// Where to PUT the document's bytes.
    pub upload_url: String,
    /// When [`upload_url`](Self::upload_url) expires (epoch milliseconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upload_url_expires_at: Option<i64>,
    /// The document's URN, for the post.
    pub document: DocumentUrn,
    /// Fields this crate does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One of the Videos API's `uploadInstructions`: PUT bytes `firstByte` to
/// `lastByte` (both included) to `uploadUrl`.
///
/// ```
/// use linkedin::resources::media::UploadInstruction;
///
/// let part: UploadInstruction = serde_json::from_str(
///     r#"{"uploadUrl": "https://www.linkedin.com/dms-uploads/x/0", "lastByte": 4194303, "firstByte": 0}"#,
/// ).unwrap();
/// assert_eq!(part.last_byte - part.first_byte + 1, 4_194_304);
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UploadInstruction {
    /// Where to PUT this part.
    pub upload_url: String,
    /// The part's first byte (offset in the file).
    pub first_byte: u64,
    /// The part's last byte, included.
    pub last_byte: u64,
    /// Fields this crate does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `value` of the Videos API's `initializeUpload`.
///
/// ```
/// use linkedin::resources::media::VideoUploadTicket;
///
/// let ticket: VideoUploadTicket = serde_json::from_str(r#"{
///     "uploadUrlsExpireAt": 1649277000000,
///     "video": "urn:li:video:C5F10AQGKQg_6y2a4sQ",
///     "uploadInstructions": [
///         {"uploadUrl": "https://www.linkedin.com/dms-uploads/C5F10AQGKQg_6y2a4sQ/uploadedVideo/0", "lastByte": 1055735, "firstByte": 0}
///     ],
///     "uploadToken": ""
/// }"#).unwrap();
/// assert_eq!(ticket.upload_instructions.len(), 1);
/// assert_eq!(ticket.upload_token, "");
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VideoUploadTicket {
    /// The video's URN, for `finalizeUpload` and the post.
    pub video: VideoUrn,
    /// The parts to PUT, in byte order.
    pub upload_instructions: Vec<UploadInstruction>,
    /// Passed back in `finalizeUpload` (often empty).
    #[serde(default)]
    pub upload_token: String,
    /// When the upload URLs expire (epoch milliseconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upload_urls_expire_at: Option<i64>,
    /// Where to PUT the thumbnail, when `uploadThumbnail` was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_upload_url: Option<String>,
    /// Where to PUT the captions, when `uploadCaptions` was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captions_upload_url: Option<String>,
    /// Fields this crate does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The keys of fields kept unmodelled (their values may be anything).
struct Keys<'a>(&'a Map<String, Value>);

impl fmt::Debug for Keys<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.keys()).finish()
    }
}

// The tickets' Debug shows upload URLs without their signed queries and
// never the upload token.
impl fmt::Debug for ImageUploadTicket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImageUploadTicket")
            .field("upload_url", &shown_url(&self.upload_url))
            .field("upload_url_expires_at", &self.upload_url_expires_at)
            .field("image", &self.image)
            .field("extra", &Keys(&self.extra))
            .finish()
    }
}

impl fmt::Debug for DocumentUploadTicket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DocumentUploadTicket")
            .field("upload_url", &shown_url(&self.upload_url))
            .field("upload_url_expires_at", &self.upload_url_expires_at)
            .field("document", &self.document)
            .field("extra", &Keys(&self.extra))
            .finish()
    }
}

impl fmt::Debug for UploadInstruction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UploadInstruction")
            .field("upload_url", &shown_url(&self.upload_url))
            .field("first_byte", &self.first_byte)
            .field("last_byte", &self.last_byte)
            .field("extra", &Keys(&self.extra))
            .finish()
    }
}

impl fmt::Debug for VideoUploadTicket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let token = if self.upload_token.is_empty() {
            ""
        } else {
            "[redacted]"
        };
        f.debug_struct("VideoUploadTicket")
            .field("video", &self.video)
            .field("upload_instructions", &self.upload_instructions)
            .field("upload_token", &token)
            .field("upload_urls_expire_at", &self.upload_urls_expire_at)
            .field(
                "thumbnail_upload_url",
                &self.thumbnail_upload_url.as_deref().map(shown_url),
            )
            .field(
                "captions_upload_url",
                &self.captions_upload_url.as_deref().map(shown_url),
            )
            .field("extra", &Keys(&self.extra))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_status_text_round_trips(text in "[A-Z_]{0,24}") {
            let status = MediaStatus::from_wire(&text);
            prop_assert_eq!(status.as_str(), text.as_str());
            let json = serde_json::to_string(&status).unwrap();
            prop_assert_eq!(serde_json::from_str::<MediaStatus>(&json).unwrap(), status);
        }
    }

    #[test]
    fn a_ticket_debug_shows_no_signature_and_no_upload_token() {
        let ticket: VideoUploadTicket = serde_json::from_value(serde_json::json!({
            "video": "urn:li:video:v",
            "uploadInstructions": [{"uploadUrl": "https://www.linkedin.com/dms-uploads/v/0?sig=SIGNATURE", "firstByte": 0, "lastByte": 9}],
            "uploadToken": "UPLOADTOKEN",
            "thumbnailUploadUrl": "https://www.linkedin.com/dms-uploads/v/t?sig=SIGNATURE",
            "surprise": "SURPRISEVALUE",
        }))
        .unwrap();
        let shown = format!("{ticket:?}");
        for secret in ["SIGNATURE", "UPLOADTOKEN", "SURPRISEVALUE"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(shown.contains("/dms-uploads/v/0?[redacted]"), "{shown}");
    }

    proptest! {
        #[test]
        fn unknown_fields_survive_reading_and_writing(
            key in "[a-z]{1,12}",
            value in prop_oneof![any::<i64>().prop_map(Value::from), ".{0,20}".prop_map(Value::from)],
        ) {
            let known = ["id", "owner", "status", "downloadUrl", "downloadUrlExpiresAt", "duration",
                "thumbnail", "captions", "image", "document", "video", "uploadUrl"];
            prop_assume!(!known.contains(&key.as_str()));
            let mut body = serde_json::json!({"id": "urn:li:video:v", "status": "AVAILABLE"});
            body[&key] = value.clone();
            let video: Video = serde_json::from_value(body.clone()).unwrap();
            prop_assert_eq!(serde_json::to_value(&video).unwrap(), body);
            let mut ticket = serde_json::json!({"uploadUrl": "https://www.linkedin.com/x", "image": "urn:li:image:i"});
            ticket[&key] = value;
            let read: ImageUploadTicket = serde_json::from_value(ticket.clone()).unwrap();
            prop_assert_eq!(serde_json::to_value(&read).unwrap(), ticket);
        }
    }

    #[test]
    fn reading_then_writing_a_video_loses_nothing() {
        let body = serde_json::json!({
            "id": "urn:li:video:C5F10AQGKQg_6y2a4sQ",
            "status": "PROCESSING_FAILED",
            "processingFailureReason": "Video is too short",
            "owner": "urn:li:person:abc",
            "newField": {"nested": [1, 2]},
            "downloadUrlExpiresAt": 1,
        });
        let video: Video = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(serde_json::to_value(&video).unwrap(), body);
    }
}
