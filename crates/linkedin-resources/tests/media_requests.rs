//! The exact requests of the Images, Documents and Videos APIs (method,
//! URL, headers with the token masked, body), as LinkedIn's pages show them:
//!
//! - "Images API", <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api>
//! - "Documents API", <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/documents-api>
//! - "Videos API", <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/videos-api>

use linkedin_resources::media::{
    ByteRange, FinalizeVideoUpload, GetDocument, GetImage, GetVideo, InitializeDocumentUpload,
    InitializeImageUpload, InitializeVideoUpload, MediaLibrary, PartKind, PartUpload, VideoFile,
};
use linkedin_resources::urns::Author;

mod shared_render;
use shared_render::{TOKEN, render, wire as http};

fn organization() -> Author {
    "urn:li:organization:2414183".parse().unwrap()
}

// Images API, "Initialize Image Upload": POST /rest/images?action=initializeUpload
// with {"initializeUploadRequest": {"owner": "urn:li:organization:2414183"}}.
#[test]
fn initialize_image_upload() {
    let request = http(InitializeImageUpload::new(&organization()));
    insta::assert_snapshot!("initialize_image_upload", render(&request));
}

// Documents API, "Initialize Document Upload".
#[test]
fn initialize_document_upload() {
    let owner: Author = "urn:li:person:abc123".parse().unwrap();
    let request = http(InitializeDocumentUpload::new(&owner));
    insta::assert_snapshot!("initialize_document_upload", render(&request));
}

// Videos API, "Initialize Video Upload": the page's example registers a
// 1,055,736-byte video without captions or thumbnail.
#[test]
fn initialize_video_upload() {
    let file = VideoFile::new(1_055_736).unwrap();
    let request = http(InitializeVideoUpload::new(&organization(), &file));
    insta::assert_snapshot!("initialize_video_upload", render(&request));
}

#[test]
fn initialize_video_upload_with_thumbnail_and_captions() {
    let file = VideoFile::new(9_000_000)
        .unwrap()
        .with_thumbnail(40_000)
        .unwrap()
        .with_captions(2_000)
        .unwrap();
    let request = http(InitializeVideoUpload::new(&organization(), &file));
    insta::assert_snapshot!(
        "initialize_video_upload_with_thumbnail_and_captions",
        render(&request)
    );
}

// Videos API, "Finalize Video Upload": the video, the upload token and the
// parts' ETags in part order.
#[test]
fn finalize_video_upload() {
    let video = "urn:li:video:C5F10AQGKQg_6y2a4sQ".parse().unwrap();
    let etags = [
        "/ambry-video/signedId/AQHp-part-1".to_owned(),
        "/ambry-video/signedId/AQHp-part-2".to_owned(),
    ];
    let request = http(FinalizeVideoUpload::new(&video, "", &etags));
    insta::assert_snapshot!("finalize_video_upload", render(&request));
}

// The three GETs: the URN is the key, URL-encoded in the path.
#[test]
fn get_image_document_video() {
    let image = http(GetImage::new(
        &"urn:li:image:C4E10AQFoyyAjHPMQuQ".parse().unwrap(),
    ));
    let document = http(GetDocument::new(
        &"urn:li:document:D5510AQFPXZ3TqpIPgA".parse().unwrap(),
    ));
    let video = http(GetVideo::new(
        &"urn:li:video:C5F10AQGKQg_6y2a4sQ".parse().unwrap(),
    ));
    let shown = [render(&image), render(&document), render(&video)].join("\n");
    insta::assert_snapshot!("get_image_document_video", shown);
}

// The PUT of a part: the Videos page shows `Content-Type:
// application/octet-stream`; the Images and Documents pages show
// `Authorization: Bearer`. The token goes only to LinkedIn's hosts.
#[test]
fn part_put_heads() {
    let part = PartUpload::new(
        1,
        PartKind::Media,
        ByteRange::new(4_194_304, 8_388_607).unwrap(),
        "https://www.linkedin.com/dms-uploads/C5F10AQGKQg_6y2a4sQ/uploadedVideo/1?ca=vector_ads",
    );
    let head = part.to_http(Some(TOKEN)).unwrap();
    assert!(head.headers()["authorization"].is_sensitive());
    let elsewhere = PartUpload::new(
        0,
        PartKind::Media,
        ByteRange::whole(10).unwrap(),
        "https://uploads.example.com/x",
    );
    let stranger = elsewhere.to_http(Some(TOKEN)).unwrap();
    assert!(stranger.headers().get("authorization").is_none());
    let lookalike = PartUpload::new(
        0,
        PartKind::Media,
        ByteRange::whole(10).unwrap(),
        "https://evil-linkedin.com/x",
    );
    assert!(!lookalike.sends_token());
    let shown = [
        render(&head.map(|()| Vec::new())),
        render(&stranger.map(|()| Vec::new())),
    ]
    .join("\n");
    insta::assert_snapshot!("part_put_heads", shown);
}

#[test]
fn a_part_upload_debug_shows_no_token_and_no_whole_signed_url() {
    let url = format!(
        "https://www.linkedin.com/dms-uploads/x/0?sig={}",
        "S".repeat(400)
    );
    let part = PartUpload::new(0, PartKind::Media, ByteRange::whole(10).unwrap(), &url);
    let shown = format!("{part:?}");
    assert!(!shown.contains(&"S".repeat(300)), "{shown}");
}

// Images and Videos pages: an upload that also goes into an ad account's
// media library carries `mediaLibraryMetadata` beside the owner.
#[test]
fn initialize_uploads_into_a_media_library() {
    let library = MediaLibrary::new(
        "urn:li:sponsoredAccount:507404993".parse().unwrap(),
        "Summer sale banner",
    )
    .unwrap();
    let image = http(InitializeImageUpload::in_media_library(
        &organization(),
        &library,
    ));
    let file = VideoFile::new(1_055_736).unwrap();
    let video = http(InitializeVideoUpload::in_media_library(
        &organization(),
        &file,
        &library,
    ));
    let shown = [render(&image), render(&video)].join("\n");
    insta::assert_snapshot!("initialize_uploads_into_a_media_library", shown);
}
