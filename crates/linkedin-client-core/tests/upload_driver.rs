//! The IO-free half of the upload drivers (`UploadDriver`), without a
//! socket: where each part's bytes come from, what is kept for a retry
//! and when it is dropped, how a call's answers reach the flow.
use std::time::{Duration, Instant};

use linkedin_client_core::{Action, Error, PartBytes, TokenError, UploadDriver, UploadSource};
use linkedin_resources::media::{DocumentFile, ImageFile, PartRules, Progress, Upload, VideoFile};

fn answer(body: &str) -> http::Response<Vec<u8>> {
    http::Response::new(body.as_bytes().to_vec())
}

const TWO_PARTS: &str = r#"{"value": {
    "uploadUrlsExpireAt": 1649277000000,
    "video": "urn:li:video:V",
    "uploadInstructions": [
        {"uploadUrl": "http://127.0.0.1:1/dms-uploads/v/0", "firstByte": 0, "lastByte": 4194303},
        {"uploadUrl": "http://127.0.0.1:1/dms-uploads/v/1", "firstByte": 4194304, "lastByte": 4294303}
    ],
    "uploadToken": "t"
}}"#;

fn etag(tag: &str) -> http::HeaderMap {
    let mut headers = http::HeaderMap::new();
    headers.insert(http::header::ETAG, tag.parse().unwrap());
    headers
}

fn video_driver(source: UploadSource<()>) -> UploadDriver<Vec<u8>> {
    let rules = PartRules::new()
        .max_in_flight(2)
        .unwrap()
        .delays(Duration::ZERO, Duration::ZERO)
        .unwrap();
    let upload = Upload::video(
        "urn:li:person:abc".parse().unwrap(),
        VideoFile::new(4_294_304).unwrap(),
    )
    .part_rules(rules);
    let (mut driver, _) = UploadDriver::new(upload, source);
    let now = Instant::now();
    assert!(matches!(driver.next_action(now), Ok(Action::Send(_))));
    driver.call_answered(Ok(answer(TWO_PARTS)), now).unwrap();
    driver
}

#[test]
fn a_reader_is_read_in_order_kept_until_confirmed_and_resent_on_a_retry() {
    let mut driver = video_driver(UploadSource::reader(()));
    let now = Instant::now();
    let Ok(Action::Put(first, PartBytes::ReadNext { len, keep: true })) = driver.next_action(now)
    else {
        panic!("the first part, read from the reader");
    };
    assert_eq!(len, 4_194_304);
    driver.keep(first.index(), vec![1]);
    let Ok(Action::Put(second, PartBytes::ReadNext { len, keep: true })) = driver.next_action(now)
    else {
        panic!("the second part, read next");
    };
    assert_eq!(len, 100_000);
    driver.keep(second.index(), vec![2]);
    assert_eq!(driver.kept_bytes(), 2);

    driver.part_failed(0, &"reset", now, 0.0).unwrap();
    let Ok(Action::Put(retry, PartBytes::Kept(bytes))) = driver.next_action(now) else {
        panic!("the retry resends the kept bytes");
    };
    assert_eq!((retry.index(), retry.attempt(), bytes), (0, 2, vec![1]));
    driver
        .part_answered(0, http::StatusCode::OK, &etag("\"e0\""), now, 0.0)
        .unwrap();
    assert_eq!(
        driver.kept_bytes(),
        1,
        "part 0's bytes dropped once confirmed"
    );
    assert_eq!(
        driver.progress_update(),
        Some(Progress {
            confirmed: 4_194_304,
            total: 4_294_304
        })
    );
    assert_eq!(driver.progress_update(), None, "reported once");
    driver
        .part_answered(1, http::StatusCode::OK, &etag("e1"), now, 0.0)
        .unwrap();
    assert_eq!(driver.kept_bytes(), 0);
    let Ok(Action::Send(finalize)) = driver.next_action(now) else {
        panic!("finalize");
    };
    let ids = &finalize.body().unwrap()["finalizeUploadRequest"]["uploadedPartIds"];
    assert_eq!((&ids[0], &ids[1]), (&"e0".into(), &"e1".into()));
}

#[test]
fn a_file_is_read_by_seeking_and_nothing_is_kept() {
    let mut driver = video_driver(UploadSource::path("v.mp4"));
    let now = Instant::now();
    let Ok(Action::Put(_, PartBytes::File { offset, len, .. })) = driver.next_action(now) else {
        panic!("a file part");
    };
    assert_eq!((offset, len), (0, 4_194_304));
    let Ok(Action::Put(_, PartBytes::File { offset, .. })) = driver.next_action(now) else {
        panic!("a file part");
    };
    assert_eq!(offset, 4_194_304);
    driver.part_failed(1, &"reset", now, 0.0).unwrap();
    let Ok(Action::Put(_, PartBytes::File { offset, .. })) = driver.next_action(now) else {
        panic!("the retry seeks again");
    };
    assert_eq!(offset, 4_194_304);
    assert_eq!(driver.kept_bytes(), 0);
}

#[test]
fn a_final_part_failure_ends_with_the_flows_error_and_drops_what_was_kept() {
    let mut driver = video_driver(UploadSource::reader(()));
    let now = Instant::now();
    for index in 0..2 {
        let Ok(Action::Put(..)) = driver.next_action(now) else {
            panic!("a part");
        };
        driver.keep(index, vec![0]);
    }
    driver
        .part_answered(
            1,
            http::StatusCode::FORBIDDEN,
            &http::HeaderMap::new(),
            now,
            0.0,
        )
        .unwrap();
    assert_eq!(driver.kept_bytes(), 0);
    let error = driver.next_action(now).unwrap_err();
    assert!(
        matches!(&error, Error::Resource(r) if matches!(**r, linkedin_resources::ResourceError::Media(linkedin_resources::media::MediaError::PartFailed { index: 1, .. }))),
        "{error:?}"
    );
}

#[test]
fn a_large_single_put_from_a_reader_is_streamed_and_cannot_be_retried() {
    let upload = Upload::document(
        "urn:li:person:abc".parse().unwrap(),
        DocumentFile::from_name("d.pdf", 10_000_000).unwrap(),
    )
    .part_rules(
        PartRules::new()
            .delays(Duration::ZERO, Duration::ZERO)
            .unwrap(),
    );
    let (mut driver, _) = UploadDriver::<Vec<u8>>::new(upload, UploadSource::reader(()));
    let now = Instant::now();
    assert!(matches!(driver.next_action(now), Ok(Action::Send(_))));
    let body = r#"{"value": {"uploadUrl": "https://www.linkedin.com/dms-uploads/d/0", "document": "urn:li:document:D"}}"#;
    driver.call_answered(Ok(answer(body)), now).unwrap();
    assert!(matches!(
        driver.next_action(now),
        Ok(Action::Put(
            _,
            PartBytes::ReadNext {
                len: 10_000_000,
                keep: false
            }
        ))
    ));
    driver.part_failed(0, &"reset", now, 0.0).unwrap();
    let error = driver.next_action(now).unwrap_err();
    assert!(
        matches!(&error, Error::Read { what, .. } if what == "the reader"),
        "{error}"
    );
}

#[test]
fn an_error_status_names_the_call_and_other_errors_pass_through() {
    let upload = Upload::image(
        "urn:li:person:abc".parse().unwrap(),
        ImageFile::from_name("a.png", 9).unwrap(),
    );
    let (mut driver, _) =
        UploadDriver::<Vec<u8>>::new(upload.clone(), UploadSource::<()>::path("a.png"));
    let now = Instant::now();
    let _ = driver.next_action(now);
    let meta = restli_codec::response::ResponseMeta::new(
        http::StatusCode::FORBIDDEN,
        http::HeaderMap::new(),
        "/rest/images",
    );
    let api = restli_codec::response::ApiError::new(meta, br#"{"status":403,"message":"no"}"#);
    driver.call_answered(Err(Error::from(api)), now).unwrap();
    let error = driver.next_action(now).unwrap_err();
    assert!(
        error.to_string().contains("initializeUpload of an image"),
        "{error}"
    );

    let (mut driver, _) = UploadDriver::<Vec<u8>>::new(upload, UploadSource::<()>::path("a.png"));
    let _ = driver.next_action(now);
    let error = driver
        .call_answered(Err(Error::from(TokenError::Missing)), now)
        .unwrap_err();
    assert!(matches!(error, Error::Token(_)));
}

#[test]
fn a_sidecar_without_its_file_is_a_read_error() {
    let upload = Upload::video(
        "urn:li:person:abc".parse().unwrap(),
        VideoFile::new(100_000).unwrap().with_thumbnail(10).unwrap(),
    );
    let (mut driver, _) = UploadDriver::<Vec<u8>>::new(upload, UploadSource::<()>::path("v.mp4"));
    let now = Instant::now();
    let _ = driver.next_action(now);
    let body = r#"{"value": {"video": "urn:li:video:V", "uploadToken": "",
        "thumbnailUploadUrl": "http://127.0.0.1:1/t",
        "uploadInstructions": [{"uploadUrl": "http://127.0.0.1:1/0", "firstByte": 0, "lastByte": 99999}]}}"#;
    driver.call_answered(Ok(answer(body)), now).unwrap();
    let Ok(Action::Put(part, _)) = driver.next_action(now) else {
        panic!("the video part");
    };
    driver
        .part_answered(part.index(), http::StatusCode::OK, &etag("e"), now, 0.0)
        .unwrap();
    let error = driver.next_action(now).unwrap_err();
    assert!(
        matches!(&error, Error::Read { what, .. } if what == "the thumbnail file"),
        "{error}"
    );
}
