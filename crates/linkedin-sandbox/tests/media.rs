//! The Images, Documents and Videos APIs and the upload URLs the sandbox
//! serves itself:
//! <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api>,
//! <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/documents-api>,
//! <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/videos-api>.

mod common;

use std::time::Duration;

use common::{Client, header, json, text_post};
use linkedin_sandbox::Sandbox;
use restli_codec::Request;
use serde_json::{Value, json};

const MEMBER: &str = "urn:li:person:sAnDb0x1d";
const PART: usize = 4 * 1024 * 1024;
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n rest of a png";

async fn initialize(client: &Client, resource: &str, request: Value) -> Value {
    let response = client
        .send(&Request::action(
            resource,
            "initializeUpload",
            &json!({"initializeUploadRequest": request}),
        ))
        .await;
    assert_eq!(
        response.status(),
        200,
        "{}",
        String::from_utf8_lossy(response.body())
    );
    json(&response)["value"].clone()
}

/// PUTs `bytes` to an upload URL the sandbox handed out.
async fn put(sandbox: &Sandbox, url: &str, bytes: Vec<u8>) -> http::Response<Vec<u8>> {
    let request = http::Request::put(url)
        .header("content-type", "application/octet-stream")
        .body(bytes)
        .unwrap();
    common::send(sandbox.addr(), request).await.unwrap()
}

async fn status(client: &Client, resource: &str, urn: &str) -> String {
    let path = format!("{resource}/{{urn}}");
    let body = json(&client.send(&Request::get(&path).key("urn", urn)).await);
    body["status"].as_str().unwrap().to_owned()
}

fn media_post(id: &str, title: Option<&str>) -> Value {
    let mut post = text_post("with media");
    post["content"] = json!({"media": {"id": id}});
    if let Some(title) = title {
        post["content"]["media"]["title"] = json!(title);
    }
    post
}

// Images API, "Initialize Image Upload", "Upload the Image", "Get a
// Single Image": the URL is served by the sandbox; WAITING_UPLOAD, then
// AVAILABLE; a post may then use it (Posts API, "Create an Image Post").
#[tokio::test]
async fn an_image_is_uploaded_then_available_for_a_post() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let value = initialize(&client, "/images", json!({"owner": MEMBER})).await;
    let image = value["image"].as_str().unwrap().to_owned();
    assert!(image.starts_with("urn:li:image:"), "{image}");
    let url = value["uploadUrl"].as_str().unwrap();
    assert!(url.starts_with(sandbox.origin()), "{url}");
    assert!(value["uploadUrlExpiresAt"].as_u64().unwrap() > 0);
    assert_eq!(status(&client, "/images", &image).await, "WAITING_UPLOAD");

    let early = client
        .send(&Request::create("/posts", &media_post(&image, None)))
        .await;
    assert_eq!(early.status(), 422, "not uploaded yet");

    assert_eq!(put(&sandbox, url, PNG.to_vec()).await.status(), 201);
    assert_eq!(status(&client, "/images", &image).await, "AVAILABLE");
    let post = client
        .send(&Request::create("/posts", &media_post(&image, None)))
        .await;
    assert_eq!(post.status(), 201);
    assert!(
        header(&post, "x-restli-id")
            .unwrap()
            .starts_with("urn:li:ugcPost:")
    );
}

// Images API: JPG, GIF and PNG only; anything else is refused and the
// image stays WAITING_UPLOAD.
#[tokio::test]
async fn an_upload_that_is_not_an_image_is_refused() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let value = initialize(&client, "/images", json!({"owner": MEMBER})).await;
    let response = put(
        &sandbox,
        value["uploadUrl"].as_str().unwrap(),
        b"%PDF-1.7".to_vec(),
    )
    .await;
    assert_eq!(response.status(), 400);
    assert!(
        json(&response)["message"]
            .as_str()
            .unwrap()
            .contains("JPEG, PNG or GIF")
    );
    assert_eq!(
        status(&client, "/images", value["image"].as_str().unwrap()).await,
        "WAITING_UPLOAD"
    );
    let bad_owner = client
        .send(&Request::action(
            "/images",
            "initializeUpload",
            &json!({"initializeUploadRequest": {"owner": "someone"}}),
        ))
        .await;
    assert_eq!(bad_owner.status(), 422);
}

// Documents API: the same handshake; PDF, DOC(X), PPT(X); a document post
// needs a title (Posts API, "Create a Document Post").
#[tokio::test]
async fn a_document_is_uploaded_and_posted_with_a_title() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let value = initialize(
        &client,
        "/documents",
        json!({"owner": "urn:li:organization:123"}),
    )
    .await;
    let document = value["document"].as_str().unwrap().to_owned();
    assert!(document.starts_with("urn:li:document:"));
    let url = value["uploadUrl"].as_str().unwrap();
    assert_eq!(put(&sandbox, url, PNG.to_vec()).await.status(), 400);
    assert_eq!(
        put(&sandbox, url, b"%PDF-1.7\n...".to_vec()).await.status(),
        201
    );
    assert_eq!(status(&client, "/documents", &document).await, "AVAILABLE");
    let mut post = media_post(&document, None);
    post["author"] = json!("urn:li:organization:123");
    assert_eq!(
        client
            .send(&Request::create("/posts", &post))
            .await
            .status(),
        422
    );
    post["content"]["media"]["title"] = json!("Quarterly report");
    assert_eq!(
        client
            .send(&Request::create("/posts", &post))
            .await
            .status(),
        201
    );
}

/// Initializes a video of `size` bytes; answers the value.
async fn initialize_video(client: &Client, size: usize) -> Value {
    initialize(
        client,
        "/videos",
        json!({"owner": MEMBER, "fileSizeBytes": size, "uploadCaptions": false, "uploadThumbnail": true}),
    )
    .await
}

/// PUTs each instruction's bytes; answers the ETags in order.
async fn upload_parts(sandbox: &Sandbox, value: &Value) -> Vec<String> {
    let mut etags = Vec::new();
    for instruction in value["uploadInstructions"].as_array().unwrap() {
        let first = instruction["firstByte"].as_u64().unwrap();
        let last = instruction["lastByte"].as_u64().unwrap();
        let bytes = vec![(first % 251) as u8; (last - first + 1) as usize];
        let response = put(sandbox, instruction["uploadUrl"].as_str().unwrap(), bytes).await;
        assert_eq!(response.status(), 200);
        etags.push(header(&response, "etag").unwrap().to_owned());
    }
    etags
}

fn finalize(value: &Value, etags: &[String]) -> impl AsRef<restli_codec::DynamicRequest> {
    Request::action(
        "/videos",
        "finalizeUpload",
        &json!({"finalizeUploadRequest": {
            "video": value["video"],
            "uploadToken": value["uploadToken"],
            "uploadedPartIds": etags,
        }}),
    )
}

// Videos API, "Initialize Video Upload" (byte ranges of 4 MiB each, the
// last shorter), "Upload the Video" (an ETag per part), "Finalize Video
// Upload", "Get a Video" (WAITING_UPLOAD, PROCESSING, AVAILABLE): the video
// is AVAILABLE only once the processing time has passed on the sandbox
// clock.
#[tokio::test]
async fn a_video_in_parts_is_available_only_after_processing() {
    let sandbox = Sandbox::builder()
        .video_processing_time(Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let client = Client::versioned(&sandbox);
    let size = 2 * PART + 12345;
    let value = initialize_video(&client, size).await;
    let ranges: Vec<(u64, u64)> = value["uploadInstructions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["firstByte"].as_u64().unwrap(),
                i["lastByte"].as_u64().unwrap(),
            )
        })
        .collect();
    let part = PART as u64;
    assert_eq!(
        ranges,
        [
            (0, part - 1),
            (part, 2 * part - 1),
            (2 * part, size as u64 - 1)
        ]
    );
    assert!(!value["uploadToken"].as_str().unwrap().is_empty());
    assert!(
        value["thumbnailUploadUrl"]
            .as_str()
            .unwrap()
            .starts_with(sandbox.origin())
    );
    assert!(value.get("captionsUploadUrl").is_none());
    let video = value["video"].as_str().unwrap().to_owned();
    assert_eq!(status(&client, "/videos", &video).await, "WAITING_UPLOAD");

    let etags = upload_parts(&sandbox, &value).await;
    assert_eq!(etags.len(), 3);
    assert_eq!(status(&client, "/videos", &video).await, "WAITING_UPLOAD");
    let response = client.send(&finalize(&value, &etags)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(status(&client, "/videos", &video).await, "PROCESSING");
    let early = client
        .send(&Request::create("/posts", &media_post(&video, None)))
        .await;
    assert_eq!(
        early.status(),
        422,
        "a video still processing cannot be posted"
    );

    sandbox.advance_clock(Duration::from_secs(59));
    assert_eq!(status(&client, "/videos", &video).await, "PROCESSING");
    sandbox.advance_clock(Duration::from_secs(2));
    assert_eq!(status(&client, "/videos", &video).await, "AVAILABLE");
    let post = client
        .send(&Request::create("/posts", &media_post(&video, None)))
        .await;
    assert_eq!(post.status(), 201);
}

// Videos API, "Upload the Video": each part is exactly its instruction's
// range; a part of another length is refused and leaves no ETag.
#[tokio::test]
async fn a_part_of_the_wrong_length_is_refused() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let value = initialize_video(&client, PART + 10).await;
    let url = value["uploadInstructions"][0]["uploadUrl"]
        .as_str()
        .unwrap();
    for length in [PART - 1, PART + 1] {
        let response = put(&sandbox, url, vec![0; length]).await;
        assert_eq!(response.status(), 400, "{length}");
        assert!(header(&response, "etag").is_none());
        let body = json(&response);
        assert_eq!(body["status"], 400);
        assert!(
            body["message"]
                .as_str()
                .unwrap()
                .contains(&PART.to_string()),
            "{body}"
        );
    }
    // Finalizing without that part is refused too.
    let second = value["uploadInstructions"][1]["uploadUrl"]
        .as_str()
        .unwrap();
    let etag = header(&put(&sandbox, second, vec![1; 10]).await, "etag")
        .unwrap()
        .to_owned();
    let response = client
        .send(&finalize(&value, &["missing".into(), etag]))
        .await;
    assert_eq!(response.status(), 400);
    assert!(
        json(&response)["message"]
            .as_str()
            .unwrap()
            .contains("never uploaded")
    );
}

// Videos API, "Finalize Video Upload": `uploadedPartIds` are the ETags in
// the order of the instructions; out of order, or with a wrong token, the
// upload is refused and stays WAITING_UPLOAD.
#[tokio::test]
async fn etags_out_of_order_are_refused() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let value = initialize_video(&client, PART + 100).await;
    let mut etags = upload_parts(&sandbox, &value).await;
    etags.reverse();
    let response = client.send(&finalize(&value, &etags)).await;
    assert_eq!(response.status(), 400);
    let body = json(&response);
    assert_eq!(body["status"], 400);
    assert!(
        body["message"].as_str().unwrap().contains("in the order"),
        "{body}"
    );
    let mut wrong_token = value.clone();
    wrong_token["uploadToken"] = json!("other");
    etags.reverse();
    assert_eq!(
        client.send(&finalize(&wrong_token, &etags)).await.status(),
        400
    );
    let video = value["video"].as_str().unwrap();
    assert_eq!(status(&client, "/videos", video).await, "WAITING_UPLOAD");
    assert_eq!(client.send(&finalize(&value, &etags)).await.status(), 200);
}

// Videos API: a single part video's uploadToken is empty; a video past
// the size limit is refused at initialization; PROCESSING_FAILED is
// reachable for tests.
#[tokio::test]
async fn small_huge_and_failing_videos() {
    let sandbox = Sandbox::builder()
        .video_processing_time(Duration::ZERO)
        .fail_video_processing()
        .start()
        .await
        .unwrap();
    let client = Client::versioned(&sandbox);
    let value = initialize_video(&client, 1000).await;
    assert_eq!(value["uploadToken"], "");
    assert_eq!(value["uploadInstructions"].as_array().unwrap().len(), 1);
    let etags = upload_parts(&sandbox, &value).await;
    assert_eq!(client.send(&finalize(&value, &etags)).await.status(), 200);
    let video = value["video"].as_str().unwrap();
    assert_eq!(status(&client, "/videos", video).await, "PROCESSING_FAILED");

    let huge = client
        .send(&Request::action(
            "/videos",
            "initializeUpload",
            &json!({"initializeUploadRequest": {"owner": MEMBER, "fileSizeBytes": 600_u64 * 1024 * 1024}}),
        ))
        .await;
    assert_eq!(huge.status(), 422);
}

// The upload URLs go through the sandbox's fault injection and request
// counts like the API, so a client's retry of a failed part can be
// tested: a 503 on the first PUT, then the retried part is taken.
#[tokio::test]
async fn a_failed_part_can_be_retried() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let value = initialize_video(&client, 100).await;
    sandbox.inject(
        linkedin_sandbox::Fault::status(http::StatusCode::SERVICE_UNAVAILABLE)
            .times(1)
            .on_path("/dms-uploads/"),
    );
    let url = value["uploadInstructions"][0]["uploadUrl"]
        .as_str()
        .unwrap();
    assert_eq!(put(&sandbox, url, vec![7; 100]).await.status(), 503);
    let retried = put(&sandbox, url, vec![7; 100]).await;
    assert_eq!(retried.status(), 200);
    let path = url.strip_prefix(sandbox.origin()).unwrap();
    assert_eq!(sandbox.request_count(path), 2);
    let etag = header(&retried, "etag").unwrap().to_owned();
    assert_eq!(client.send(&finalize(&value, &[etag])).await.status(), 200);
}
