//! The Images, Documents and Videos APIs: `?action=initializeUpload`
//! answers upload URLs the sandbox serves itself (`upload.rs` takes the
//! PUTs), `?action=finalizeUpload` closes a video's multi-part upload, GET
//! reads an item's `status`.
//!
//! * [Images API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api):
//!   `{"initializeUploadRequest": {"owner"}}` answers
//!   `{"value": {"uploadUrlExpiresAt", "uploadUrl", "image"}}`; the image is
//!   `WAITING_UPLOAD` until its bytes (JPEG, PNG or GIF) are PUT, then
//!   `AVAILABLE`.
//! * [Documents API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/documents-api):
//!   the same with `document` (PDF, DOC, DOCX, PPT, PPTX; at most 100 MB).
//! * [Videos API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/videos-api):
//!   `{"initializeUploadRequest": {"owner", "fileSizeBytes", "uploadCaptions", "uploadThumbnail"}}`
//!   answers `uploadInstructions` (byte ranges of at most 4 MiB, each with
//!   its own URL), `uploadToken`, `video` and the captions and thumbnail
//!   URLs asked for; each part PUT answers an `ETag`; `finalizeUpload`
//!   takes the ETags in order; the video is then `PROCESSING` for the
//!   configured time on the sandbox clock, then `AVAILABLE` (or
//!   `PROCESSING_FAILED` when the sandbox is told to fail it).
//!
//! No bytes are kept: an upload is counted and hashed as it streams by.

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use axum::response::IntoResponse;
use http::StatusCode;
use restli_codec::Method;
use serde_json::{Value, json};

use super::{Answer, Ctx, invalid, is_actor, json_answer, later, millis, required_str};
use crate::errors::{ApiError, excerpt};
use crate::restli::Call;
use crate::store::Store;

/// The size of a video part: 4 MiB (4,194,304 bytes), the last one shorter.
pub(crate) const PART_SIZE: u64 = 4 * 1024 * 1024;
/// The largest video LinkedIn takes: 500 MB.
pub(crate) const MAX_VIDEO_BYTES: u64 = 500 * 1024 * 1024;
/// The largest document: 100 MB.
pub(crate) const MAX_DOCUMENT_BYTES: u64 = 100 * 1024 * 1024;
/// The sandbox's bound on one image (LinkedIn bounds pixels, not bytes).
pub(crate) const MAX_IMAGE_BYTES: u64 = 100 * 1024 * 1024;
/// The sandbox's bound on a caption or thumbnail file.
pub(crate) const MAX_SIDE_FILE_BYTES: u64 = 10 * 1024 * 1024;
/// How long upload URLs stay valid.
const UPLOAD_URL_LIFETIME: Duration = Duration::from_secs(24 * 3600);
/// How many media items one sandbox keeps.
const MAX_ITEMS: usize = 100_000;

/// How videos are processed after `finalizeUpload`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MediaOptions {
    /// How long a video stays `PROCESSING` (on the sandbox clock).
    pub(crate) video_processing: Duration,
    /// Whether processing ends in `PROCESSING_FAILED`.
    pub(crate) video_processing_fails: bool,
}

impl Default for MediaOptions {
    fn default() -> Self {
        MediaOptions {
            video_processing: Duration::from_secs(1),
            video_processing_fails: false,
        }
    }
}

/// Every image, document and video, by URN.
#[derive(Debug, Default)]
pub(crate) struct Media {
    next: u64,
    items: HashMap<String, Item>,
}

#[derive(Debug)]
struct Item {
    owner: String,
    expires_at: SystemTime,
    body: Body,
}

#[derive(Debug)]
enum Body {
    Image { uploaded: bool },
    Document { uploaded: bool },
    Video(Video),
}

#[derive(Debug)]
struct Video {
    token: String,
    parts: Vec<Part>,
    captions: bool,
    thumbnail: bool,
    /// When processing ends, once finalized.
    done_at: Option<SystemTime>,
    fails: bool,
}

#[derive(Debug)]
struct Part {
    first: u64,
    last: u64,
    etag: Option<String>,
}

/// What an upload URL names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// The bytes of an image or document.
    Whole(String),
    /// Part `index` of a video.
    Part(String, usize),
    /// A video's captions or thumbnail.
    Side(String),
}

/// What the PUT to an upload URL must carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Expect {
    /// The most bytes taken.
    pub(crate) max: u64,
    /// The exact length, for video parts.
    pub(crate) exact: Option<u64>,
    pub(crate) format: Format,
}

/// The file formats an upload may be, told by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// JPEG, PNG or GIF.
    Image,
    /// PDF, or an Office file (OLE for DOC/PPT, ZIP for DOCX/PPTX).
    Document,
    /// Anything.
    Any,
}

impl Format {
    /// Whether `head` (the first bytes) starts a file of this format.
    pub(crate) fn accepts(self, head: &[u8]) -> bool {
        const IMAGES: &[&[u8]] = &[b"\xFF\xD8\xFF", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a"];
        const DOCUMENTS: &[&[u8]] = &[b"%PDF-", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", b"PK\x03\x04"];
        let any = |magics: &[&[u8]]| magics.iter().any(|m| head.starts_with(m));
        match self {
            Format::Image => any(IMAGES),
            Format::Document => any(DOCUMENTS),
            Format::Any => true,
        }
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            Format::Image => "an image LinkedIn takes (JPEG, PNG or GIF)",
            Format::Document => "a document LinkedIn takes (PDF, DOC, DOCX, PPT or PPTX)",
            Format::Any => "a file",
        }
    }
}

/// The media types by resource name and URN entity type.
const KINDS: &[(&str, &str)] = &[
    ("images", "image"),
    ("documents", "document"),
    ("videos", "video"),
];

pub(super) fn route(store: &mut Store, call: &Call, ctx: &Ctx<'_>) -> Option<Answer> {
    let kind = KINDS
        .iter()
        .find(|(resource, _)| *resource == call.collection)
        .map(|(_, kind)| *kind)?;
    let media = &mut store.social.media;
    match call.method {
        Method::Action => Some(match call.params.text("action") {
            Ok(Some("initializeUpload")) => media.initialize(kind, call, ctx),
            Ok(Some("finalizeUpload")) if kind == "video" => media.finalize(call, ctx),
            Ok(Some(other)) => Err(ApiError::invalid_input(
                "INVALID_VALUE",
                "action",
                format!("{} has no action {}", call.collection, excerpt(other)),
            )),
            Ok(None) => Err(ApiError::bad_request("ACTION needs action=<name>")),
            Err(e) => Err(e),
        }),
        Method::Get => Some(media.get(kind, call, ctx)),
        _ => None,
    }
}

impl Media {
    fn initialize(&mut self, kind: &str, call: &Call, ctx: &Ctx<'_>) -> Answer {
        let body = super::body_record(call)?;
        let Some(Value::Object(request)) = body.get("initializeUploadRequest") else {
            return Err(invalid(
                "/initializeUploadRequest",
                "field is required but not found and has no default value",
            ));
        };
        let at = "/initializeUploadRequest";
        let owner = required_str(request, at, "owner")?;
        if !is_actor(owner) {
            return Err(invalid(
                &format!("{at}/owner"),
                format!("{} is not a person or organization URN", excerpt(owner)),
            ));
        }
        if self.items.len() >= MAX_ITEMS {
            return Err(ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "TOO_MANY_REQUESTS",
                format!("the sandbox keeps at most {MAX_ITEMS} media items"),
            )
            .with_service_code(101));
        }
        self.next += 1;
        let urn = format!("urn:li:{kind}:SBX{}", self.next);
        let id = format!("SBX{}", self.next);
        let expires_at = later(ctx.now, UPLOAD_URL_LIFETIME);
        let url = |tail: &str| format!("{}/dms-uploads/{kind}/{id}{tail}", ctx.origin);
        let (body, value) = match kind {
            "video" => {
                let size = match request.get("fileSizeBytes") {
                    Some(Value::Number(n)) => n.as_u64(),
                    _ => None,
                }
                .ok_or_else(|| {
                    invalid(
                        &format!("{at}/fileSizeBytes"),
                        "field is required: the file's size in bytes",
                    )
                })?;
                if size == 0 || size > MAX_VIDEO_BYTES {
                    return Err(invalid(
                        &format!("{at}/fileSizeBytes"),
                        format!("{size} bytes: a video is 1 to {MAX_VIDEO_BYTES} bytes"),
                    ));
                }
                let flag = |name: &str| match request.get(name) {
                    None | Some(Value::Null) => Ok(false),
                    Some(Value::Bool(b)) => Ok(*b),
                    Some(_) => Err(invalid(&format!("{at}/{name}"), "is not a boolean")),
                };
                let (captions, thumbnail) = (flag("uploadCaptions")?, flag("uploadThumbnail")?);
                let parts: Vec<Part> = (0..size.div_ceil(PART_SIZE))
                    .map(|i| Part {
                        first: i * PART_SIZE,
                        last: ((i + 1) * PART_SIZE).min(size) - 1,
                        etag: None,
                    })
                    .collect();
                let token = if parts.len() > 1 {
                    format!("sbx-upload-token-{id}")
                } else {
                    String::new()
                };
                let instructions: Vec<Value> = parts
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        json!({"uploadUrl": url(&format!("/parts/{i}")), "firstByte": p.first, "lastByte": p.last})
                    })
                    .collect();
                let mut value = json!({
                    "uploadUrlsExpireAt": millis(expires_at),
                    "video": urn,
                    "uploadInstructions": instructions,
                    "uploadToken": token,
                });
                if let Value::Object(fields) = &mut value {
                    if captions {
                        fields.insert("captionsUploadUrl".into(), json!(url("/captions")));
                    }
                    if thumbnail {
                        fields.insert("thumbnailUploadUrl".into(), json!(url("/thumbnail")));
                    }
                }
                let video = Video {
                    token,
                    parts,
                    captions,
                    thumbnail,
                    done_at: None,
                    fails: ctx.media.video_processing_fails,
                };
                (Body::Video(video), value)
            }
            _ => {
                let body = if kind == "image" {
                    Body::Image { uploaded: false }
                } else {
                    Body::Document { uploaded: false }
                };
                let value = json!({
                    "uploadUrlExpiresAt": millis(expires_at),
                    "uploadUrl": url(""),
                    kind: urn,
                });
                (body, value)
            }
        };
        self.items.insert(
            urn,
            Item {
                owner: owner.to_owned(),
                expires_at,
                body,
            },
        );
        Ok(json_answer(StatusCode::OK, json!({ "value": value })))
    }

    fn finalize(&mut self, call: &Call, ctx: &Ctx<'_>) -> Answer {
        let body = super::body_record(call)?;
        let Some(Value::Object(request)) = body.get("finalizeUploadRequest") else {
            return Err(invalid(
                "/finalizeUploadRequest",
                "field is required but not found and has no default value",
            ));
        };
        let at = "/finalizeUploadRequest";
        let urn = required_str(request, at, "video")?;
        let token = required_str(request, at, "uploadToken")?;
        let Some(Value::Array(ids)) = request.get("uploadedPartIds") else {
            return Err(invalid(
                &format!("{at}/uploadedPartIds"),
                "field is required: the ETags of the parts, in order",
            ));
        };
        let Some(Item {
            body: Body::Video(video),
            ..
        }) = self.items.get_mut(urn)
        else {
            return Err(ApiError::not_found(format!(
                "Video {} not found",
                excerpt(urn)
            )));
        };
        if video.done_at.is_some() {
            return Err(ApiError::bad_request(format!(
                "the upload of {} is already finalized",
                excerpt(urn)
            )));
        }
        if token != video.token {
            return Err(ApiError::bad_request(
                "uploadToken does not match the token initializeUpload answered",
            ));
        }
        if ids.len() != video.parts.len() {
            return Err(ApiError::bad_request(format!(
                "uploadedPartIds has {} ETags; the upload has {} parts",
                ids.len(),
                video.parts.len()
            )));
        }
        for (i, (id, part)) in ids.iter().zip(&video.parts).enumerate() {
            match (&part.etag, id.as_str()) {
                (None, _) => {
                    return Err(ApiError::bad_request(format!(
                        "part {i} (bytes {}-{}) was never uploaded",
                        part.first, part.last
                    )));
                }
                (Some(etag), Some(sent)) if etag == sent => {}
                (Some(_), _) => {
                    return Err(ApiError::bad_request(format!(
                        "uploadedPartIds[{i}] is not the ETag of part {i} (bytes {}-{}): send the ETags in the order of uploadInstructions",
                        part.first, part.last
                    )));
                }
            }
        }
        video.done_at = Some(later(ctx.now, ctx.media.video_processing));
        Ok(StatusCode::OK.into_response())
    }

    fn get(&self, kind: &str, call: &Call, ctx: &Ctx<'_>) -> Answer {
        let urn = super::key_text(call).ok_or_else(|| {
            ApiError::bad_request(format!("GET needs the {kind} URN in the path"))
        })?;
        let item = self
            .items
            .get(&urn)
            .filter(|item| item.kind() == kind)
            .ok_or_else(|| {
                ApiError::not_found(format!("Requested entity not found: {}", excerpt(&urn)))
            })?;
        let value = json!({"id": urn, "owner": item.owner, "status": item.status(ctx.now)});
        Ok(json_answer(StatusCode::OK, value))
    }

    /// Checks that `urn` is an `AVAILABLE` item of one of `kinds` (for a
    /// post's content, at `field`); answers its kind.
    pub(crate) fn require_available(
        &self,
        urn: &str,
        kinds: &[&str],
        field: &str,
        now: SystemTime,
    ) -> Result<&'static str, ApiError> {
        let item = self
            .items
            .get(urn)
            .filter(|item| kinds.contains(&item.kind()))
            .ok_or_else(|| {
                invalid(
                    field,
                    format!("{} is not a known {}", excerpt(urn), kinds.join(" or ")),
                )
            })?;
        match item.status(now) {
            "AVAILABLE" => Ok(item.kind()),
            status => Err(invalid(
                field,
                format!(
                    "{} is {status}, not AVAILABLE: upload it (and wait for processing) first",
                    excerpt(urn)
                ),
            )),
        }
    }

    /// What a PUT to `target` must carry, at `now`.
    pub(crate) fn expect(&self, target: &Target, now: SystemTime) -> Result<Expect, ApiError> {
        let urn = target.urn();
        let item = self
            .items
            .get(urn)
            .ok_or_else(|| ApiError::not_found("no such upload URL"))?;
        if now > item.expires_at {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "UPLOAD_URL_EXPIRED",
                "the upload URL has expired: initialize the upload again",
            ));
        }
        let whole = |max: u64, format: Format| {
            Ok(Expect {
                max,
                exact: None,
                format,
            })
        };
        match (&item.body, target) {
            (Body::Image { .. }, Target::Whole(_)) => whole(MAX_IMAGE_BYTES, Format::Image),
            (Body::Document { .. }, Target::Whole(_)) => {
                whole(MAX_DOCUMENT_BYTES, Format::Document)
            }
            (Body::Video(video), Target::Part(_, index)) => {
                if video.done_at.is_some() {
                    return Err(ApiError::bad_request("the upload is already finalized"));
                }
                let part = video
                    .parts
                    .get(*index)
                    .ok_or_else(|| ApiError::not_found("no such upload URL"))?;
                let length = part.last - part.first + 1;
                Ok(Expect {
                    max: length,
                    exact: Some(length),
                    format: Format::Any,
                })
            }
            (Body::Video(video), Target::Side(tail)) => {
                let asked = if tail.ends_with("/captions") {
                    video.captions
                } else {
                    video.thumbnail
                };
                if asked {
                    whole(
                        MAX_SIDE_FILE_BYTES,
                        if tail.ends_with("/thumbnail") {
                            Format::Image
                        } else {
                            Format::Any
                        },
                    )
                } else {
                    Err(ApiError::not_found("no such upload URL"))
                }
            }
            _ => Err(ApiError::not_found("no such upload URL")),
        }
    }

    /// Records a checked PUT to `target` of bytes hashing to `digest`;
    /// answers the part's ETag for a video part.
    pub(crate) fn record(&mut self, target: &Target, digest: &[u8]) -> Option<String> {
        let item = self.items.get_mut(target.urn())?;
        match (&mut item.body, target) {
            (Body::Image { uploaded } | Body::Document { uploaded }, Target::Whole(_)) => {
                *uploaded = true;
                None
            }
            (Body::Video(video), Target::Part(urn, index)) => {
                let part = video.parts.get_mut(*index)?;
                let hash: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
                let etag = format!("/sandbox-video/{urn}/parts/{index}/{hash}");
                part.etag = Some(etag.clone());
                Some(etag)
            }
            _ => None,
        }
    }
}

impl Item {
    fn kind(&self) -> &'static str {
        match self.body {
            Body::Image { .. } => "image",
            Body::Document { .. } => "document",
            Body::Video(_) => "video",
        }
    }

    /// `WAITING_UPLOAD`, `PROCESSING`, `AVAILABLE` or `PROCESSING_FAILED`.
    fn status(&self, now: SystemTime) -> &'static str {
        match &self.body {
            Body::Image { uploaded } | Body::Document { uploaded } => {
                if *uploaded {
                    "AVAILABLE"
                } else {
                    "WAITING_UPLOAD"
                }
            }
            Body::Video(video) => match video.done_at {
                None => "WAITING_UPLOAD",
                Some(done) if now < done => "PROCESSING",
                Some(_) if video.fails => "PROCESSING_FAILED",
                Some(_) => "AVAILABLE",
            },
        }
    }
}

impl Target {
    /// Reads an upload path after `/dms-uploads/`:
    /// `{kind}/{id}`, `video/{id}/parts/{i}`, `video/{id}/captions`,
    /// `video/{id}/thumbnail`.
    pub(crate) fn parse(path: &str) -> Option<Target> {
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        let urn = |kind: &str, id: &str| format!("urn:li:{kind}:{id}");
        match segments.as_slice() {
            [kind @ ("image" | "document"), id] => Some(Target::Whole(urn(kind, id))),
            ["video", id, "parts", index] => {
                Some(Target::Part(urn("video", id), index.parse().ok()?))
            }
            ["video", id, side @ ("captions" | "thumbnail")] => {
                Some(Target::Side(format!("{}/{side}", urn("video", id))))
            }
            _ => None,
        }
    }

    fn urn(&self) -> &str {
        match self {
            Target::Whole(urn) | Target::Part(urn, _) => urn,
            Target::Side(tail) => tail.rsplit_once('/').map_or(tail.as_str(), |(urn, _)| urn),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_paths_name_their_targets() {
        assert_eq!(
            Target::parse("image/SBX1"),
            Some(Target::Whole("urn:li:image:SBX1".into()))
        );
        assert_eq!(
            Target::parse("video/SBX2/parts/3"),
            Some(Target::Part("urn:li:video:SBX2".into(), 3))
        );
        let side = Target::parse("video/SBX2/thumbnail").unwrap();
        assert_eq!(side.urn(), "urn:li:video:SBX2");
        for bad in [
            "",
            "image",
            "video/SBX2/parts/x",
            "audio/SBX1",
            "image/SBX1/more",
        ] {
            assert_eq!(Target::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_are_told_by_their_first_bytes() {
        assert!(Format::Image.accepts(b"\xFF\xD8\xFF\xE0rest"));
        assert!(Format::Image.accepts(b"GIF89a..."));
        assert!(!Format::Image.accepts(b"%PDF-1.7"));
        assert!(!Format::Image.accepts(b""));
        assert!(Format::Document.accepts(b"PK\x03\x04docx"));
        assert!(!Format::Document.accepts(b"\x89PNG\r\n\x1a\n"));
        assert!(Format::Any.accepts(b""));
    }

    /// The ranges cover the file exactly, 4 MiB each but the last.
    #[test]
    fn parts_cover_the_file() {
        let mut media = Media::default();
        let options = MediaOptions::default();
        let ctx = Ctx {
            now: SystemTime::UNIX_EPOCH,
            origin: "http://127.0.0.1:1",
            media: &options,
        };
        for size in [
            1,
            PART_SIZE - 1,
            PART_SIZE,
            PART_SIZE + 1,
            3 * PART_SIZE + 7,
        ] {
            let call = Call {
                method: Method::Action,
                collection: "videos".into(),
                key: None,
                params: Default::default(),
                body: Some(
                    json!({"initializeUploadRequest": {"owner": "urn:li:person:x", "fileSizeBytes": size}}),
                ),
                path: "/rest/videos".into(),
                version: Some(202606),
            };
            assert!(media.initialize("video", &call, &ctx).is_ok());
            let urn = format!("urn:li:video:SBX{}", media.next);
            let Some(Item {
                body: Body::Video(video),
                ..
            }) = media.items.get(&urn)
            else {
                panic!("no video");
            };
            let mut next = 0;
            for part in &video.parts {
                assert_eq!(part.first, next);
                assert!(part.last - part.first < PART_SIZE);
                next = part.last + 1;
            }
            assert_eq!(next, size);
            assert_eq!(video.token.is_empty(), video.parts.len() == 1);
        }
    }
}
