//! The calls of the Images, Documents and Videos APIs as typed requests: a
//! transport's generic `send` sends each one and parses the answer into the
//! response type it names.
//!
//! Each goes to the versioned API (`/rest`), with the `LinkedIn-Version`
//! the client's [`RequestConfig`](restli_codec::RequestConfig) adds (or
//! [`version`](restli_codec::Action::version) on the inner request).

use crate::request_types::request_type;
use restli_codec::response::{ActionResponse, EntityResponse};
use restli_codec::{Action, ApiBase, Get, Request};
use serde::Serialize;
use serde_json::Value;

use super::MediaError;
use super::files::VideoFile;
use super::models::{
    Document, DocumentUploadTicket, Image, ImageUploadTicket, MediaLibrary, Video,
    VideoUploadTicket,
};
use super::parts::{check_instructions, check_upload_url};
use crate::urns::{Author, DocumentUrn, ImageUrn, VideoUrn};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct InitializeUploadRequest<'a> {
    owner: &'a Author,
    #[serde(skip_serializing_if = "Option::is_none")]
    file_size_bytes: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    upload_captions: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    upload_thumbnail: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    media_library_metadata: Option<&'a MediaLibrary>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct InitializeUpload<'a> {
    initialize_upload_request: InitializeUploadRequest<'a>,
}

fn initialize(resource: &str, request: InitializeUploadRequest<'_>) -> Action {
    Request::action(
        resource,
        "initializeUpload",
        &InitializeUpload {
            initialize_upload_request: request,
        },
    )
    .base(ApiBase::Rest)
}

fn owner_only<'a>(
    owner: &'a Author,
    library: Option<&'a MediaLibrary>,
) -> InitializeUploadRequest<'a> {
    InitializeUploadRequest {
        owner,
        file_size_bytes: None,
        upload_captions: None,
        upload_thumbnail: None,
        media_library_metadata: library,
    }
}

/// The `value` of an `initializeUpload` answer, or a typed error.
fn ticket<T>(call: &'static str, response: ActionResponse<T>) -> Result<T, MediaError> {
    response.value.ok_or_else(|| MediaError::BadTicket {
        call,
        problem: "the answer has no value".into(),
    })
}

fn bad_url(call: &'static str, what: &str, problem: String) -> MediaError {
    MediaError::BadTicket {
        call,
        problem: format!("{what}: {problem}"),
    }
}

request_type! {
    /// `POST /rest/images?action=initializeUpload`: register an image upload
    /// for an owner; answered with where to PUT the bytes and the image's
    /// URN (Images API page, "Initialize Image Upload").
    ///
    /// ```
    /// use linkedin::resources::media::InitializeImageUpload;
    /// use linkedin::resources::urns::OrganizationUrn;
    ///
    /// let request = InitializeImageUpload::new(&OrganizationUrn::new(2414183)?.into());
    /// assert_eq!(request.request().query().get("action"), Some("initializeUpload"));
    /// assert_eq!(
    ///     request.request().body(),
    ///     Some(&serde_json::json!({"initializeUploadRequest": {"owner": "urn:li:organization:2414183"}}))
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    InitializeImageUpload(Action) => ActionResponse<ImageUploadTicket>,
    example = "linkedin::resources::media::InitializeImageUpload::new(&linkedin::resources::urns::PersonUrn::new(\"abc\")?.into())"
}

impl InitializeImageUpload {
    /// The request for an image owned by `owner`.
    ///
    /// ```
    /// use linkedin::resources::media::InitializeImageUpload;
    /// let request = InitializeImageUpload::new(&"urn:li:person:abc".parse()?);
    /// assert_eq!(request.request().path(), "/images");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(owner: &Author) -> Self {
        InitializeImageUpload {
            inner: initialize("/images", owner_only(owner, None)),
        }
    }

    /// The request for an image owned by `owner` that also goes into an ad
    /// account's media library.
    ///
    /// ```
    /// use linkedin::resources::media::{InitializeImageUpload, MediaLibrary};
    /// let library = MediaLibrary::new("urn:li:sponsoredAccount:507404993".parse()?, "Banner")?;
    /// let request = InitializeImageUpload::in_media_library(&"urn:li:organization:2414183".parse()?, &library);
    /// let body = request.request().body().unwrap();
    /// assert_eq!(body["initializeUploadRequest"]["mediaLibraryMetadata"]["assetName"], "Banner");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn in_media_library(owner: &Author, library: &MediaLibrary) -> Self {
        InitializeImageUpload {
            inner: initialize("/images", owner_only(owner, Some(library))),
        }
    }

    /// The ticket in the answer, its upload URL checked (https, or http to
    /// a loopback address for a local sandbox).
    ///
    /// ```
    /// use linkedin::resources::media::InitializeImageUpload;
    /// use linkedin::restli::response::ActionResponse;
    ///
    /// let body = br#"{"value": {"uploadUrl": "https://www.linkedin.com/dms-uploads/x/0", "image": "urn:li:image:x"}}"#;
    /// let response = http::Response::builder().status(200).body(body.to_vec())?;
    /// let answer = ActionResponse::from_http(response, "/rest/images?action=initializeUpload")?;
    /// let ticket = InitializeImageUpload::ticket(answer)?;
    /// assert_eq!(ticket.image.as_str(), "urn:li:image:x");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::BadTicket`] for an answer without a value or with an
    /// unusable upload URL.
    pub fn ticket(
        response: ActionResponse<ImageUploadTicket>,
    ) -> Result<ImageUploadTicket, MediaError> {
        const CALL: &str = "initializeUpload of an image";
        let ticket = ticket(CALL, response)?;
        check_upload_url(&ticket.upload_url).map_err(|p| bad_url(CALL, "uploadUrl", p))?;
        Ok(ticket)
    }
}

request_type! {
    /// `GET /rest/images/{image URN}`: one image and its status (Images API
    /// page, "Get a Single Image").
    ///
    /// ```
    /// use linkedin::resources::media::GetImage;
    ///
    /// let request = GetImage::new(&"urn:li:image:C4E10AQFoyyAjHPMQuQ".parse()?);
    /// let config = linkedin::restli::RequestConfig::new().with_version("202406".parse()?);
    /// assert_eq!(
    ///     request.request().url(&config)?,
    ///     "https://api.linkedin.com/rest/images/urn%3Ali%3Aimage%3AC4E10AQFoyyAjHPMQuQ"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    GetImage(Get) => EntityResponse<Image>,
    example = "linkedin::resources::media::GetImage::new(&linkedin::resources::urns::ImageUrn::new(\"x\")?)"
}

impl GetImage {
    /// The request for `image`.
    ///
    /// ```
    /// let request = linkedin::resources::media::GetImage::new(&"urn:li:image:x".parse()?);
    /// assert_eq!(request.request().path(), "/images/{id}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(image: &ImageUrn) -> Self {
        GetImage {
            inner: Request::get("/images/{id}")
                .key("id", image)
                .base(ApiBase::Rest),
        }
    }
}

request_type! {
    /// `POST /rest/documents?action=initializeUpload`: register a document
    /// upload for an owner (Documents API page, "Initialize Document
    /// Upload").
    ///
    /// ```
    /// use linkedin::resources::media::InitializeDocumentUpload;
    ///
    /// let request = InitializeDocumentUpload::new(&"urn:li:organization:2414183".parse()?);
    /// assert_eq!(request.request().path(), "/documents");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    InitializeDocumentUpload(Action) => ActionResponse<DocumentUploadTicket>,
    example = "linkedin::resources::media::InitializeDocumentUpload::new(&linkedin::resources::urns::PersonUrn::new(\"abc\")?.into())"
}

impl InitializeDocumentUpload {
    /// The request for a document owned by `owner`.
    ///
    /// ```
    /// use linkedin::resources::media::InitializeDocumentUpload;
    /// let request = InitializeDocumentUpload::new(&"urn:li:person:abc".parse()?);
    /// assert_eq!(request.request().query().get("action"), Some("initializeUpload"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(owner: &Author) -> Self {
        InitializeDocumentUpload {
            inner: initialize("/documents", owner_only(owner, None)),
        }
    }

    /// The ticket in the answer, its upload URL checked.
    ///
    /// ```
    /// use linkedin::resources::media::InitializeDocumentUpload;
    /// use linkedin::restli::response::ActionResponse;
    ///
    /// let body = br#"{"value": {"uploadUrl": "ftp://example.com/x", "document": "urn:li:document:x"}}"#;
    /// let response = http::Response::builder().status(200).body(body.to_vec())?;
    /// let answer = ActionResponse::from_http(response, "/rest/documents?action=initializeUpload")?;
    /// assert!(InitializeDocumentUpload::ticket(answer).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::BadTicket`] for an answer without a value or with an
    /// unusable upload URL.
    pub fn ticket(
        response: ActionResponse<DocumentUploadTicket>,
    ) -> Result<DocumentUploadTicket, MediaError> {
        const CALL: &str = "initializeUpload of a document";
        let ticket = ticket(CALL, response)?;
        check_upload_url(&ticket.upload_url).map_err(|p| bad_url(CALL, "uploadUrl", p))?;
        Ok(ticket)
    }
}

request_type! {
    /// `GET /rest/documents/{document URN}`: one document and its status.
    ///
    /// ```
    /// use linkedin::resources::media::GetDocument;
    /// let request = GetDocument::new(&"urn:li:document:D5510AQFPXZ3TqpIPgA".parse()?);
    /// assert_eq!(request.request().path(), "/documents/{id}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    GetDocument(Get) => EntityResponse<Document>,
    example = "linkedin::resources::media::GetDocument::new(&linkedin::resources::urns::DocumentUrn::new(\"x\")?)"
}

impl GetDocument {
    /// The request for `document`.
    ///
    /// ```
    /// let request = linkedin::resources::media::GetDocument::new(&"urn:li:document:x".parse()?);
    /// assert!(request.request().error().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(document: &DocumentUrn) -> Self {
        GetDocument {
            inner: Request::get("/documents/{id}")
                .key("id", document)
                .base(ApiBase::Rest),
        }
    }
}

request_type! {
    /// `POST /rest/videos?action=initializeUpload`: register a video upload
    /// of `fileSizeBytes` bytes, with or without a thumbnail and captions;
    /// answered with the parts to PUT (Videos API page, "Initialize Video
    /// Upload").
    ///
    /// ```
    /// use linkedin::resources::media::{InitializeVideoUpload, VideoFile};
    ///
    /// let file = VideoFile::new(1_055_736)?;
    /// let request = InitializeVideoUpload::new(&"urn:li:organization:2414183".parse()?, &file);
    /// assert_eq!(
    ///     request.request().body(),
    ///     Some(&serde_json::json!({"initializeUploadRequest": {
    ///         "owner": "urn:li:organization:2414183",
    ///         "fileSizeBytes": 1055736,
    ///         "uploadCaptions": false,
    ///         "uploadThumbnail": false
    ///     }}))
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    InitializeVideoUpload(Action) => ActionResponse<VideoUploadTicket>,
    example = "linkedin::resources::media::InitializeVideoUpload::new(&linkedin::resources::urns::PersonUrn::new(\"abc\")?.into(), &linkedin::resources::media::VideoFile::new(100_000)?)"
}

impl InitializeVideoUpload {
    /// The request for `file`, owned by `owner`.
    ///
    /// ```
    /// use linkedin::resources::media::{InitializeVideoUpload, VideoFile};
    /// let file = VideoFile::new(100_000)?.with_thumbnail(2_000)?;
    /// let request = InitializeVideoUpload::new(&"urn:li:person:abc".parse()?, &file);
    /// assert_eq!(request.request().body().unwrap()["initializeUploadRequest"]["uploadThumbnail"], true);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(owner: &Author, file: &VideoFile) -> Self {
        InitializeVideoUpload::build(owner, file, None)
    }

    /// The request for `file`, owned by `owner`, that also goes into an ad
    /// account's media library.
    ///
    /// ```
    /// use linkedin::resources::media::{InitializeVideoUpload, MediaLibrary, VideoFile};
    /// let library = MediaLibrary::new("urn:li:sponsoredAccount:507404993".parse()?, "Launch")?;
    /// let request = InitializeVideoUpload::in_media_library(
    ///     &"urn:li:organization:2414183".parse()?,
    ///     &VideoFile::new(100_000)?,
    ///     &library,
    /// );
    /// let body = request.request().body().unwrap();
    /// assert_eq!(body["initializeUploadRequest"]["mediaLibraryMetadata"]["associatedAccount"], "urn:li:sponsoredAccount:507404993");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn in_media_library(owner: &Author, file: &VideoFile, library: &MediaLibrary) -> Self {
        InitializeVideoUpload::build(owner, file, Some(library))
    }

    /// The ticket in the answer, checked against `file`: the instructions
    /// cover its bytes exactly once, in order, each part at most
    /// [`MAX_PART_BYTES`](super::MAX_PART_BYTES), at most
    /// [`MAX_UPLOAD_PARTS`](super::MAX_UPLOAD_PARTS) of them; every upload
    /// URL (parts, and the thumbnail's and captions' when `file` has them)
    /// https or loopback.
    ///
    /// ```
    /// use linkedin::resources::media::{InitializeVideoUpload, VideoFile};
    /// use linkedin::restli::response::ActionResponse;
    ///
    /// let body = br#"{"value": {"video": "urn:li:video:v", "uploadToken": "",
    ///     "uploadInstructions": [{"uploadUrl": "https://www.linkedin.com/dms-uploads/v/0", "firstByte": 0, "lastByte": 99999}]}}"#;
    /// let answer = || ActionResponse::from_http(http::Response::new(body.to_vec()), "/rest/videos?action=initializeUpload");
    /// assert!(InitializeVideoUpload::ticket(answer()?, &VideoFile::new(100_000)?).is_ok());
    /// assert!(InitializeVideoUpload::ticket(answer()?, &VideoFile::new(100_001)?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::BadTicket`] saying what is wrong, naming the
    /// instruction's index where there is one.
    pub fn ticket(
        response: ActionResponse<VideoUploadTicket>,
        file: &VideoFile,
    ) -> Result<VideoUploadTicket, MediaError> {
        const CALL: &str = "initializeUpload of a video";
        let ticket = ticket(CALL, response)?;
        let bad = |problem: String| MediaError::BadTicket {
            call: CALL,
            problem,
        };
        check_instructions(file.size(), &ticket.upload_instructions).map_err(bad)?;
        let sidecars = [
            (
                file.thumbnail(),
                &ticket.thumbnail_upload_url,
                "thumbnailUploadUrl",
            ),
            (
                file.captions(),
                &ticket.captions_upload_url,
                "captionsUploadUrl",
            ),
        ];
        for (size, url, field) in sidecars {
            if size.is_none() {
                continue;
            }
            let url = url
                .as_deref()
                .ok_or_else(|| bad(format!("no {field}, though asked for")))?;
            check_upload_url(url).map_err(|p| bad(format!("{field}: {p}")))?;
        }
        Ok(ticket)
    }

    fn build(owner: &Author, file: &VideoFile, library: Option<&MediaLibrary>) -> Self {
        InitializeVideoUpload {
            inner: initialize(
                "/videos",
                InitializeUploadRequest {
                    owner,
                    file_size_bytes: Some(file.size()),
                    upload_captions: Some(file.captions().is_some()),
                    upload_thumbnail: Some(file.thumbnail().is_some()),
                    media_library_metadata: library,
                },
            ),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FinalizeUploadRequest<'a> {
    video: &'a VideoUrn,
    upload_token: &'a str,
    uploaded_part_ids: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FinalizeUpload<'a> {
    finalize_upload_request: FinalizeUploadRequest<'a>,
}

request_type! {
    /// `POST /rest/videos?action=finalizeUpload`: tell LinkedIn every part
    /// arrived, listing the parts' ETags in part order (Videos API page,
    /// "Finalize Video Upload"); answered with an empty body.
    ///
    /// ```
    /// use linkedin::resources::media::FinalizeVideoUpload;
    ///
    /// let video = "urn:li:video:C5F10AQGKQg_6y2a4sQ".parse()?;
    /// let request = FinalizeVideoUpload::new(&video, "", &["/ambry-video/signedId/AQHp".to_owned()]);
    /// assert_eq!(request.request().body().unwrap()["finalizeUploadRequest"]["uploadedPartIds"][0], "/ambry-video/signedId/AQHp");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    FinalizeVideoUpload(Action) => ActionResponse<Value>,
    example = "linkedin::resources::media::FinalizeVideoUpload::new(&linkedin::resources::urns::VideoUrn::new(\"x\")?, \"\", &[])"
}

impl FinalizeVideoUpload {
    /// The request for `video`, with the ticket's `upload_token` and the
    /// parts' ETags in part order.
    ///
    /// ```
    /// use linkedin::resources::media::FinalizeVideoUpload;
    /// let request = FinalizeVideoUpload::new(&"urn:li:video:x".parse()?, "tok", &[]);
    /// assert_eq!(request.request().query().get("action"), Some("finalizeUpload"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(video: &VideoUrn, upload_token: &str, part_ids: &[String]) -> Self {
        FinalizeVideoUpload {
            inner: Request::action(
                "/videos",
                "finalizeUpload",
                &FinalizeUpload {
                    finalize_upload_request: FinalizeUploadRequest {
                        video,
                        upload_token,
                        uploaded_part_ids: part_ids,
                    },
                },
            )
            .base(ApiBase::Rest),
        }
    }
}

request_type! {
    /// `GET /rest/videos/{video URN}`: one video and its status (Videos API
    /// page, "Get a Video").
    ///
    /// ```
    /// use linkedin::resources::media::GetVideo;
    ///
    /// let request = GetVideo::new(&"urn:li:video:C5F10AQGKQg_6y2a4sQ".parse()?);
    /// let config = linkedin::restli::RequestConfig::new().with_version("202406".parse()?);
    /// assert_eq!(
    ///     request.request().url(&config)?,
    ///     "https://api.linkedin.com/rest/videos/urn%3Ali%3Avideo%3AC5F10AQGKQg_6y2a4sQ"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    GetVideo(Get) => EntityResponse<Video>,
    example = "linkedin::resources::media::GetVideo::new(&linkedin::resources::urns::VideoUrn::new(\"x\")?)"
}

impl GetVideo {
    /// The request for `video`.
    ///
    /// ```
    /// let request = linkedin::resources::media::GetVideo::new(&"urn:li:video:x".parse()?);
    /// assert_eq!(request.request().path(), "/videos/{id}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(video: &VideoUrn) -> Self {
        GetVideo {
            inner: Request::get("/videos/{id}")
                .key("id", video)
                .base(ApiBase::Rest),
        }
    }
}
