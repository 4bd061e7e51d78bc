//! The upload flows driven by a small in-test transport against canned
//! answers taken from LinkedIn's pages:
//!
//! - "Images API", <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api>
//! - "Documents API", <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/documents-api>
//! - "Videos API", <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/videos-api>
//!
//! The transport is what a real one is minus the IO: one loop around
//! `next_step`, PUTs collected while the flow hands them out and completed
//! in an order the test picks, a simulated clock moved to each `until`.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use linkedin_resources::media::{
    ByteRange, DocumentFile, ImageFile, MAX_PART_BYTES, MAX_UPLOAD_PARTS, MediaError, PartFailure,
    PartKind, PartRules, PartUpload, Polling, Step, Upload, Uploaded, VideoFile,
};
use linkedin_resources::urns::Author;
use proptest::prelude::*;
use serde_json::{Value, json};

const VIDEO: &str = "urn:li:video:C5F10AQGKQg_6y2a4sQ";

/// What one PUT attempt gets.
#[derive(Debug, Clone, PartialEq)]
enum PutAnswer {
    Ok,
    NoEtag,
    Status(u16),
    Transport,
}

/// A canned LinkedIn: the answer to `initializeUpload`, a status per GET
/// (the last one repeats), and a script of part failures.
struct Server {
    initialize: http::Response<Vec<u8>>,
    finalize_status: u16,
    statuses: Vec<Value>,
    /// The answer to attempt `attempt` (from 1) of part `index`; `Ok` when
    /// absent.
    puts: BTreeMap<(usize, u32), PutAnswer>,
    polls: usize,
}

impl Server {
    fn new(initialize: Value) -> Self {
        Server {
            initialize: json_response(200, &initialize),
            finalize_status: 200,
            statuses: vec![json!({"id": VIDEO, "status": "AVAILABLE"})],
            puts: BTreeMap::new(),
            polls: 0,
        }
    }

    fn answer(&mut self, request: &restli_codec::DynamicRequest) -> http::Response<Vec<u8>> {
        match (request.method(), request.query().get("action")) {
            (restli_codec::Method::Action, Some("initializeUpload")) => self.initialize.clone(),
            (restli_codec::Method::Action, Some("finalizeUpload")) => {
                let mut response = http::Response::new(Vec::new());
                *response.status_mut() = http::StatusCode::from_u16(self.finalize_status).unwrap();
                response
            }
            (restli_codec::Method::Get, _) => {
                let index = self.polls.min(self.statuses.len() - 1);
                self.polls += 1;
                json_response(200, &self.statuses[index])
            }
            other => panic!("unexpected request {other:?}"),
        }
    }
}

fn json_response(status: u16, body: &Value) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(serde_json::to_vec(body).unwrap());
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap();
    response
}

fn etag(index: usize) -> String {
    format!("/ambry-video/signedId/part-{index}")
}

/// What the transport saw.
#[derive(Debug, Default)]
struct Log {
    sends: Vec<(String, Option<String>, Option<Value>)>,
    puts: Vec<PartUpload>,
    max_in_flight: usize,
    finalize: Option<Value>,
    progress: Vec<(u64, u64)>,
}

impl Log {
    fn attempts(&self, index: usize) -> usize {
        self.puts.iter().filter(|p| p.index() == index).count()
    }
}

/// Drives `upload` to its end. `pick(n)` chooses which of `n` parts in
/// flight completes next.
fn drive(
    upload: &mut Upload,
    server: &mut Server,
    mut pick: impl FnMut(usize) -> usize,
) -> (Result<Uploaded, MediaError>, Log, Duration) {
    let start = Instant::now();
    let mut now = start;
    let mut log = Log::default();
    let mut in_flight: Vec<PartUpload> = Vec::new();
    for _ in 0..1_000_000 {
        match upload.next_step(now) {
            Step::Send(request) => {
                let action = request.query().get("action").map(str::to_owned);
                if action.as_deref() == Some("finalizeUpload") {
                    log.finalize = request.body().cloned();
                }
                log.sends
                    .push((request.path().to_owned(), action, request.body().cloned()));
                let response = server.answer(&request);
                upload.feed_response(response, now).unwrap();
            }
            Step::Put(part) => {
                in_flight.push(part.clone());
                log.puts.push(part);
                log.max_in_flight = log.max_in_flight.max(in_flight.len());
            }
            Step::Wait {
                until,
                in_flight: n,
            } => {
                assert_eq!(
                    n,
                    in_flight.len(),
                    "the flow and the transport agree on what is out"
                );
                if !in_flight.is_empty() {
                    let part = in_flight.remove(pick(in_flight.len()) % in_flight.len());
                    let answer = server
                        .puts
                        .get(&(part.index(), part.attempt()))
                        .cloned()
                        .unwrap_or(PutAnswer::Ok);
                    let mut headers = http::HeaderMap::new();
                    match answer {
                        PutAnswer::Ok => {
                            headers.insert("etag", etag(part.index()).parse().unwrap());
                            upload
                                .feed_part_response(
                                    part.index(),
                                    http::StatusCode::CREATED,
                                    &headers,
                                    now,
                                    0.5,
                                )
                                .unwrap();
                        }
                        PutAnswer::NoEtag => upload
                            .feed_part_response(
                                part.index(),
                                http::StatusCode::OK,
                                &headers,
                                now,
                                0.5,
                            )
                            .unwrap(),
                        PutAnswer::Status(status) => upload
                            .feed_part_response(
                                part.index(),
                                http::StatusCode::from_u16(status).unwrap(),
                                &headers,
                                now,
                                0.5,
                            )
                            .unwrap(),
                        PutAnswer::Transport => upload
                            .part_failed(
                                part.index(),
                                PartFailure::transport(&"connection reset"),
                                now,
                                0.5,
                            )
                            .unwrap(),
                    }
                    let progress = upload.progress();
                    log.progress.push((progress.confirmed, progress.total));
                } else if let Some(until) = until {
                    assert!(until >= now, "time only goes forward");
                    now = until;
                } else {
                    panic!("the flow waits for nothing");
                }
            }
            Step::Done(media) => return (Ok(media), log, now - start),
            Step::Failed(error) => {
                // Parts still out when the flow ends are abandoned; their
                // late outcomes are accepted and change nothing.
                for part in in_flight {
                    upload
                        .part_uploaded(part.index(), Some("late"), now, 0.5)
                        .unwrap();
                }
                assert!(matches!(upload.next_step(now), Step::Failed(_)));
                return (Err(error), log, now - start);
            }
            other => panic!("unknown step {other:?}"),
        }
    }
    panic!("the flow did not end");
}

fn organization() -> Author {
    "urn:li:organization:2414183".parse().unwrap()
}

/// An honest `initializeUpload` answer for a video of `size` bytes: parts of
/// 4 MiB, the last one smaller, as the Videos page describes.
fn video_ticket(size: u64) -> Value {
    let mut instructions = Vec::new();
    let mut first = 0;
    while first < size {
        let last = (first + MAX_PART_BYTES).min(size) - 1;
        instructions.push(json!({
            "uploadUrl": format!("https://www.linkedin.com/dms-uploads/C5F10AQGKQg_6y2a4sQ/uploadedVideo/{}", instructions.len()),
            "firstByte": first,
            "lastByte": last,
        }));
        first = last + 1;
    }
    json!({"value": {
        "uploadUrlsExpireAt": 1649277000000u64,
        "video": VIDEO,
        "uploadInstructions": instructions,
        "uploadToken": "",
    }})
}

fn fast_polling() -> Polling {
    Polling::new()
        .delays(Duration::from_secs(1), Duration::from_secs(8))
        .unwrap()
        .timeout(Duration::from_secs(120))
        .unwrap()
}

// Images API, "Initialize Image Upload" and "Upload the Image": the
// documented answer, then one PUT of the whole file to `uploadUrl`.
#[test]
fn an_image_is_initialized_then_put_once() {
    let mut server = Server::new(json!({"value": {
        "uploadUrlExpiresAt": 1650567510704u64,
        "uploadUrl": "https://www.linkedin.com/dms-uploads/C4E10AQFoyyAjHPMQuQ/uploadedImage/0?ca=vector_ads&cn=uploads&m=AQJbrN86Zm265gAAAYBOFR5NP0JH5P8gq5Vb-W2bzQGM-hcjBZl3-w4ahw&app=201094746&sync=0&v=beta&ut=2ZeXLN5rWXCW61",
        "image": "urn:li:image:C4E10AQFoyyAjHPMQuQ"
    }}));
    let file = ImageFile::from_name("superneatimage.png", 48_213).unwrap();
    let mut upload = Upload::image(organization(), file);
    let (outcome, log, _) = drive(&mut upload, &mut server, |_| 0);
    assert_eq!(
        outcome.unwrap().as_str(),
        "urn:li:image:C4E10AQFoyyAjHPMQuQ"
    );
    assert_eq!(log.sends.len(), 1);
    assert_eq!(log.sends[0].0, "/images");
    assert_eq!(log.puts.len(), 1);
    assert_eq!(log.puts[0].range(), ByteRange::new(0, 48_212).unwrap());
    assert!(log.puts[0].url().contains("/uploadedImage/0"));
    assert!(
        log.puts[0].sends_token(),
        "the Images page PUTs with the bearer token"
    );
    assert_eq!(log.progress, vec![(48_213, 48_213)]);
}

// Documents API, "Initialize Document Upload", then "Get a Document" until
// AVAILABLE when polling is asked for.
#[test]
fn a_document_is_put_then_polled_until_available() {
    let mut server = Server::new(json!({"value": {
        "uploadUrlExpiresAt": 1650567510704u64,
        "uploadUrl": "https://www.linkedin.com/dms-uploads/D5510AQFPXZ3TqpIPgA/uploadedDocument/0?ca=vector_feedshare",
        "document": "urn:li:document:D5510AQFPXZ3TqpIPgA"
    }}));
    server.statuses = vec![
        json!({"id": "urn:li:document:D5510AQFPXZ3TqpIPgA", "status": "WAITING_UPLOAD"}),
        json!({"id": "urn:li:document:D5510AQFPXZ3TqpIPgA", "status": "PROCESSING"}),
        json!({"id": "urn:li:document:D5510AQFPXZ3TqpIPgA", "status": "AVAILABLE",
               "owner": "urn:li:organization:2414183",
               "downloadUrl": "https://www.linkedin.com/dms/D5510AQFPXZ3TqpIPgA/feedshare-document-pdf-analyzed/0"}),
    ];
    let file = DocumentFile::from_name("samplepdf.pdf", 1_000_000).unwrap();
    let mut upload = Upload::document(organization(), file).polling(Some(fast_polling()));
    let (outcome, log, elapsed) = drive(&mut upload, &mut server, |_| 0);
    assert_eq!(
        outcome.unwrap().as_str(),
        "urn:li:document:D5510AQFPXZ3TqpIPgA"
    );
    let gets: Vec<_> = log.sends.iter().filter(|s| s.1.is_none()).collect();
    assert_eq!(gets.len(), 3);
    assert_eq!(gets[0].0, "/documents/{id}");
    // 1 s after the first GET, 2 s after the second.
    assert_eq!(elapsed, Duration::from_secs(3));
}

// Videos API: the page's single-part example (1,055,736 bytes), then
// finalizeUpload with the one ETag, then GET until AVAILABLE.
#[test]
fn the_documented_single_part_video() {
    let mut server = Server::new(json!({"value": {
        "uploadUrlsExpireAt": 1649277000000u64,
        "video": VIDEO,
        "uploadInstructions": [{
            "uploadUrl": "https://www.linkedin.com/dms-uploads/C5F10AQGKQg_6y2a4sQ/uploadedVideo/0?ca=vector_ads&cn=uploads&m=AQLgxl2Nx&app=201094746&sync=0&v=beta&ut=1",
            "lastByte": 1055735,
            "firstByte": 0
        }],
        "uploadToken": ""
    }}));
    server.statuses = vec![
        json!({"id": VIDEO, "status": "PROCESSING"}),
        json!({"duration": 9000, "aspectRatioWidth": 1.0, "aspectRatioHeight": 1.0,
               "status": "AVAILABLE", "id": VIDEO, "owner": "urn:li:organization:2414183"}),
    ];
    let mut upload = Upload::video(organization(), VideoFile::new(1_055_736).unwrap())
        .polling(Some(fast_polling()));
    let (outcome, log, _) = drive(&mut upload, &mut server, |_| 0);
    assert_eq!(outcome.unwrap(), Uploaded::Video(VIDEO.parse().unwrap()));
    assert_eq!(
        log.finalize,
        Some(json!({"finalizeUploadRequest": {
            "video": VIDEO,
            "uploadToken": "",
            "uploadedPartIds": [etag(0)],
        }}))
    );
    assert_eq!(upload.progress().confirmed, 1_055_736);
}

#[test]
fn parts_completing_in_reverse_are_finalized_in_part_order() {
    let size = 5 * MAX_PART_BYTES + 123;
    let mut server = Server::new(video_ticket(size));
    let mut upload = Upload::video(organization(), VideoFile::new(size).unwrap());
    let (outcome, log, _) = drive(&mut upload, &mut server, |n| n - 1);
    outcome.unwrap();
    let ids: Vec<String> = (0..6).map(etag).collect();
    assert_eq!(
        log.finalize.unwrap()["finalizeUploadRequest"]["uploadedPartIds"],
        json!(ids)
    );
    assert_eq!(log.max_in_flight, 4, "the default limit, reached");
    // First attempts go out in byte order, for forward-only readers.
    let firsts: Vec<usize> = log
        .puts
        .iter()
        .filter(|p| p.attempt() == 1)
        .map(PartUpload::index)
        .collect();
    assert_eq!(firsts, (0..6).collect::<Vec<_>>());
    // Progress only grows, to the whole file.
    assert!(log.progress.windows(2).all(|w| w[0].0 <= w[1].0));
    assert_eq!(log.progress.last(), Some(&(size, size)));
}

#[test]
fn a_failing_part_is_retried_with_backoff_and_others_go_on() {
    let size = 3 * MAX_PART_BYTES;
    let mut server = Server::new(video_ticket(size));
    server.puts.insert((1, 1), PutAnswer::Status(503));
    server.puts.insert((1, 2), PutAnswer::Transport);
    server.puts.insert((2, 1), PutAnswer::NoEtag);
    let mut upload = Upload::video(organization(), VideoFile::new(size).unwrap()).polling(None);
    let (outcome, log, elapsed) = drive(&mut upload, &mut server, |_| 0);
    outcome.unwrap();
    assert_eq!(
        (log.attempts(0), log.attempts(1), log.attempts(2)),
        (1, 3, 2)
    );
    // Backoffs of 1 s x 0.75 then 2 s x 0.75 for part 1 (jitter 0.5).
    assert_eq!(elapsed, Duration::from_millis(750 + 1500));
    let ids: Vec<String> = (0..3).map(etag).collect();
    assert_eq!(
        log.finalize.unwrap()["finalizeUploadRequest"]["uploadedPartIds"],
        json!(ids)
    );
}

#[test]
fn a_part_failing_every_attempt_stops_the_upload_without_finalizing() {
    let size = 3 * MAX_PART_BYTES + 10;
    let mut server = Server::new(video_ticket(size));
    for attempt in 1..=3 {
        server.puts.insert((2, attempt), PutAnswer::Status(502));
    }
    let rules = PartRules::new().max_attempts(3).unwrap();
    let mut upload = Upload::video(organization(), VideoFile::new(size).unwrap()).part_rules(rules);
    let (outcome, log, _) = drive(&mut upload, &mut server, |_| 0);
    assert_eq!(
        outcome.unwrap_err(),
        MediaError::PartFailed {
            index: 2,
            range: ByteRange::new(2 * MAX_PART_BYTES, 3 * MAX_PART_BYTES - 1).unwrap(),
            attempts: 3,
            last: PartFailure::Status(502),
        }
    );
    assert_eq!(log.finalize, None, "no half-made video");
    assert!(
        log.sends
            .iter()
            .all(|s| s.1.as_deref() != Some("finalizeUpload"))
    );
}

#[test]
fn a_final_status_is_not_retried() {
    let size = 2 * MAX_PART_BYTES;
    let mut server = Server::new(video_ticket(size));
    server.puts.insert((0, 1), PutAnswer::Status(403));
    let mut upload = Upload::video(organization(), VideoFile::new(size).unwrap());
    let (outcome, log, _) = drive(&mut upload, &mut server, |_| 0);
    let error = outcome.unwrap_err();
    assert!(
        matches!(
            error,
            MediaError::PartFailed {
                index: 0,
                attempts: 1,
                last: PartFailure::Status(403),
                ..
            }
        ),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .starts_with("uploading part 0 (bytes 0-4194303) failed after 1 attempt(s)"),
        "{error}"
    );
    assert_eq!(log.attempts(0), 1);
}

fn ticket_with(instructions: Value) -> Value {
    json!({"value": {"video": VIDEO, "uploadInstructions": instructions, "uploadToken": "t"}})
}

fn url(i: usize) -> String {
    format!("https://www.linkedin.com/dms-uploads/v/{i}")
}

/// Answers the instructions to a video of `size` bytes and returns the
/// flow's error; no part may have been handed out.
fn bad_ticket(size: u64, ticket: Value) -> String {
    let mut server = Server::new(ticket);
    let mut upload = Upload::video(organization(), VideoFile::new(size).unwrap());
    let (outcome, log, _) = drive(&mut upload, &mut server, |_| 0);
    assert!(log.puts.is_empty(), "nothing is PUT on a bad ticket");
    match outcome {
        Err(error @ MediaError::BadTicket { .. }) => error.to_string(),
        other => panic!("expected a bad ticket, got {other:?}"),
    }
}

#[test]
fn instructions_that_do_not_cover_the_file_once_in_order_are_refused() {
    let size = 2 * MAX_PART_BYTES;
    let p = MAX_PART_BYTES;
    let cases = [
        (json!([]), "no uploadInstructions"),
        (
            json!([{"uploadUrl": url(0), "firstByte": 0, "lastByte": p - 1},
                   {"uploadUrl": url(1), "firstByte": p + 1, "lastByte": size - 1}]),
            "instruction 1 starts at byte 4194305 but the previous one ends at 4194303: it leaves a gap",
        ),
        (
            json!([{"uploadUrl": url(0), "firstByte": 0, "lastByte": p - 1},
                   {"uploadUrl": url(1), "firstByte": p - 1, "lastByte": size - 1}]),
            "it overlaps",
        ),
        (
            json!([{"uploadUrl": url(1), "firstByte": p, "lastByte": size - 1},
                   {"uploadUrl": url(0), "firstByte": 0, "lastByte": p - 1}]),
            "instruction 0 starts at byte 4194304",
        ),
        (
            json!([{"uploadUrl": url(0), "firstByte": 0, "lastByte": p},
                   {"uploadUrl": url(1), "firstByte": p + 1, "lastByte": size - 1}]),
            "instruction 0 is 4194305 bytes, more than the 4194304",
        ),
        (
            json!([{"uploadUrl": url(0), "firstByte": 0, "lastByte": p - 1}]),
            "the instructions end at byte 4194303 but the file has 8388608 bytes",
        ),
        (
            json!([{"uploadUrl": url(0), "firstByte": 0, "lastByte": p - 1},
                   {"uploadUrl": url(1), "firstByte": p, "lastByte": size}]),
            "instruction 1 ends at byte 8388608, past the file's last byte 8388607",
        ),
        (
            json!([{"uploadUrl": url(0), "firstByte": 0, "lastByte": p - 1},
                   {"uploadUrl": url(1), "firstByte": p, "lastByte": p - 5}]),
            "instruction 1 ends (byte 4194299) before it starts (byte 4194304)",
        ),
        (
            json!([{"uploadUrl": "http://uploads.example.com/0", "firstByte": 0, "lastByte": p - 1},
                   {"uploadUrl": url(1), "firstByte": p, "lastByte": size - 1}]),
            "instruction 0's uploadUrl: \"http://uploads.example.com/0\" is not an https URL",
        ),
        (
            json!([{"uploadUrl": "not a url", "firstByte": 0, "lastByte": p - 1},
                   {"uploadUrl": url(1), "firstByte": p, "lastByte": size - 1}]),
            "is not a URL",
        ),
    ];
    for (instructions, expected) in cases {
        let message = bad_ticket(size, ticket_with(instructions.clone()));
        assert!(message.contains(expected), "{instructions}: {message}");
    }
}

#[test]
fn too_many_instructions_are_refused_before_any_is_read() {
    let count = MAX_UPLOAD_PARTS + 1;
    let size = count as u64 * 100;
    let instructions: Vec<Value> = (0..count)
        .map(|i| json!({"uploadUrl": url(i), "firstByte": i * 100, "lastByte": i * 100 + 99}))
        .collect();
    let message = bad_ticket(size, ticket_with(json!(instructions)));
    assert!(
        message.contains("2561 uploadInstructions, more than 2560"),
        "{message}"
    );
}

#[test]
fn an_answer_without_a_value_or_a_video_is_refused() {
    assert!(bad_ticket(100_000, json!({})).contains("no value"));
    let mut server =
        Server::new(json!({"value": {"video": "urn:li:image:x", "uploadInstructions": []}}));
    let mut upload = Upload::video(organization(), VideoFile::new(100_000).unwrap());
    let (outcome, _, _) = drive(&mut upload, &mut server, |_| 0);
    assert!(
        matches!(outcome, Err(MediaError::Api { .. })),
        "{outcome:?}"
    );
}

// An error answer to initializeUpload is LinkedIn's error, named by call.
#[test]
fn an_api_error_names_the_call() {
    let mut server = Server::new(json!({}));
    server.initialize = json_response(
        403,
        &json!({"serviceErrorCode": 100, "message": "Not enough permissions to access: partnerApiVideos.ACTION.20240601", "status": 403}),
    );
    let mut upload = Upload::video(organization(), VideoFile::new(100_000).unwrap());
    let (outcome, log, _) = drive(&mut upload, &mut server, |_| 0);
    let error = outcome.unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("initializeUpload of a video failed"),
        "{error}"
    );
    assert!(log.puts.is_empty());
}

#[test]
fn a_video_linkedin_cannot_process_is_a_typed_failure_with_its_reason() {
    let mut server = Server::new(video_ticket(100_000));
    server.statuses = vec![
        json!({"id": VIDEO, "status": "PROCESSING"}),
        json!({"id": VIDEO, "status": "PROCESSING_FAILED", "processingFailureReason": "Video is shorter than 3 seconds"}),
    ];
    let mut upload = Upload::video(organization(), VideoFile::new(100_000).unwrap())
        .polling(Some(fast_polling()));
    let (outcome, _, _) = drive(&mut upload, &mut server, |_| 0);
    assert_eq!(
        outcome.unwrap_err(),
        MediaError::ProcessingFailed {
            urn: VIDEO.into(),
            reason: Some("Video is shorter than 3 seconds".into()),
        }
    );
}

#[test]
fn a_video_never_available_times_out_after_bounded_polls() {
    let mut server = Server::new(video_ticket(100_000));
    server.statuses = vec![json!({"id": VIDEO, "status": "PROCESSING"})];
    let mut upload = Upload::video(organization(), VideoFile::new(100_000).unwrap())
        .polling(Some(fast_polling()));
    let (outcome, log, elapsed) = drive(&mut upload, &mut server, |_| 0);
    match outcome.unwrap_err() {
        MediaError::ProcessingTimeout {
            urn,
            status,
            waited,
        } => {
            assert_eq!((urn.as_str(), status.as_str()), (VIDEO, "PROCESSING"));
            assert_eq!(waited, Duration::from_secs(120));
        }
        other => panic!("{other}"),
    }
    // GETs at 0, 1, 3, 7 and 15 s, then every 8 s until the 120 s deadline.
    let gets = log.sends.iter().filter(|s| s.1.is_none()).count();
    assert_eq!(gets, 5 + (120 - 15) / 8);
    assert_eq!(elapsed, Duration::from_secs(120));
}

#[test]
fn a_new_status_value_keeps_polling() {
    let mut server = Server::new(video_ticket(100_000));
    server.statuses = vec![
        json!({"id": VIDEO, "status": "TRANSCODING_SOMEHOW"}),
        json!({"id": VIDEO, "status": "AVAILABLE"}),
    ];
    let mut upload = Upload::video(organization(), VideoFile::new(100_000).unwrap())
        .polling(Some(fast_polling()));
    let (outcome, _, _) = drive(&mut upload, &mut server, |_| 0);
    outcome.unwrap();
}

#[test]
fn a_thumbnail_and_captions_go_after_the_parts_and_not_into_finalize() {
    let size = MAX_PART_BYTES + 1;
    let mut ticket = video_ticket(size);
    ticket["value"]["thumbnailUploadUrl"] =
        json!("https://www.linkedin.com/dms-uploads/C5F10AQGKQg_6y2a4sQ/uploadedThumbnail/0");
    ticket["value"]["captionsUploadUrl"] =
        json!("https://www.linkedin.com/dms-uploads/C5F10AQGKQg_6y2a4sQ/uploadedCaptions/0");
    let mut server = Server::new(ticket);
    // Thumbnail and captions answers carry no ETag: not needed for them.
    server.puts.insert((2, 1), PutAnswer::NoEtag);
    server.puts.insert((3, 1), PutAnswer::NoEtag);
    let file = VideoFile::new(size)
        .unwrap()
        .with_thumbnail(30_000)
        .unwrap()
        .with_captions(700)
        .unwrap();
    let mut upload = Upload::video(organization(), file).polling(None);
    let (outcome, log, _) = drive(&mut upload, &mut server, |_| 0);
    outcome.unwrap();
    let kinds: Vec<(PartKind, u64)> = log
        .puts
        .iter()
        .map(|p| (p.kind(), p.range().len()))
        .collect();
    assert_eq!(
        kinds,
        [
            (PartKind::Media, MAX_PART_BYTES),
            (PartKind::Media, 1),
            (PartKind::Thumbnail, 30_000),
            (PartKind::Captions, 700)
        ]
    );
    assert_eq!(
        log.finalize.unwrap()["finalizeUploadRequest"]["uploadedPartIds"],
        json!([etag(0), etag(1)])
    );
    assert_eq!(upload.progress().total, size + 30_700);
}

#[test]
fn a_thumbnail_asked_for_but_without_a_url_is_refused() {
    let file = VideoFile::new(100_000)
        .unwrap()
        .with_thumbnail(1_000)
        .unwrap();
    let mut server = Server::new(video_ticket(100_000));
    let mut upload = Upload::video(organization(), file);
    let (outcome, log, _) = drive(&mut upload, &mut server, |_| 0);
    assert!(log.puts.is_empty());
    assert!(
        outcome
            .unwrap_err()
            .to_string()
            .contains("no thumbnailUploadUrl")
    );
}

#[test]
fn unexpected_feeds_are_refused_and_change_nothing() {
    let mut upload = Upload::video(organization(), VideoFile::new(100_000).unwrap());
    let now = Instant::now();
    // No call is out yet.
    let refused = upload.feed_response(http::Response::new(Vec::new()), now);
    assert!(matches!(refused, Err(MediaError::Unexpected { .. })));
    assert!(matches!(
        upload.part_uploaded(0, Some("e"), now, 0.5),
        Err(MediaError::Unexpected { .. })
    ));
    let Step::Send(_) = upload.next_step(now) else {
        panic!()
    };
    upload
        .feed_response(json_response(200, &video_ticket(100_000)), now)
        .unwrap();
    // Part 0 is not handed out yet.
    assert!(matches!(
        upload.part_uploaded(0, Some("e"), now, 0.5),
        Err(MediaError::Unexpected { .. })
    ));
    assert!(matches!(
        upload.part_failed(7, PartFailure::Status(500), now, 0.5),
        Err(MediaError::Unexpected { .. })
    ));
    let Step::Put(part) = upload.next_step(now) else {
        panic!()
    };
    upload
        .part_uploaded(part.index(), Some("e"), now, 0.5)
        .unwrap();
    // Twice is once too many.
    assert!(matches!(
        upload.part_uploaded(0, Some("e"), now, 0.5),
        Err(MediaError::Unexpected { .. })
    ));
    assert!(
        matches!(upload.next_step(now), Step::Send(_)),
        "finalize comes next"
    );
}

#[test]
fn a_send_failure_ends_the_flow_naming_the_call() {
    let mut upload = Upload::video(organization(), VideoFile::new(100_000).unwrap());
    let now = Instant::now();
    let _ = upload.next_step(now);
    upload.feed_send_error(&"timed out\r\nafter 30 s").unwrap();
    let Step::Failed(error) = upload.next_step(now) else {
        panic!()
    };
    assert_eq!(
        error.to_string(),
        "initializeUpload of a video got no answer: timed out  after 30 s"
    );
}

#[test]
fn bad_files_are_refused_before_anything_is_sent() {
    assert!(matches!(
        ImageFile::from_name("photo.bmp", 10),
        Err(MediaError::UnsupportedType { .. })
    ));
    assert!(matches!(
        ImageFile::from_name("no-extension", 10),
        Err(MediaError::UnsupportedType { .. })
    ));
    assert!(matches!(
        DocumentFile::from_name("sheet.xlsx", 10),
        Err(MediaError::UnsupportedType { .. })
    ));
    assert!(matches!(
        DocumentFile::from_name("a.pdf", 0),
        Err(MediaError::Size { .. })
    ));
    assert!(DocumentFile::from_name("a.pdf", 104_857_600).is_ok());
    assert!(matches!(
        DocumentFile::from_name("a.pdf", 104_857_601),
        Err(MediaError::Size { .. })
    ));
    assert!(matches!(
        VideoFile::new(74_999),
        Err(MediaError::Size { .. })
    ));
    assert!(VideoFile::new(75_000).is_ok());
    let error = VideoFile::new(600_000_000).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the video is 600000000 bytes; it must be 75000 to 524288000 bytes"
    );
    assert!(matches!(
        VideoFile::new(100_000).unwrap().with_captions(11 << 20),
        Err(MediaError::Size { .. })
    ));
    // Whatever limit is given, no video needs more parts than an answer may have.
    let most = MAX_UPLOAD_PARTS as u64 * MAX_PART_BYTES;
    assert!(VideoFile::with_max_size(most, u64::MAX).is_ok());
    assert!(matches!(
        VideoFile::with_max_size(most + 1, u64::MAX),
        Err(MediaError::Size { max, .. }) if max == most
    ));
}

#[test]
fn the_flow_is_send_and_sync() {
    fn check<T: Send + Sync + 'static>() {}
    check::<Upload>();
    check::<Step>();
    check::<MediaError>();
}

/// A plan of parts for a file of `size` bytes, as LinkedIn would send it.
fn honest_ranges(size: u64) -> Vec<(u64, u64)> {
    let mut ranges = Vec::new();
    let mut first = 0;
    while first < size {
        let last = (first + MAX_PART_BYTES).min(size) - 1;
        ranges.push((first, last));
        first = last + 1;
    }
    ranges
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    // For any file size up to 2 GiB, any completion order and any failure
    // pattern within the retry budget: the finalize request lists exactly
    // the ETags in part order, every range is handed out exactly once per
    // attempt, first attempts in order, never more than N open.
    #[test]
    fn any_order_and_failures_within_budget_finalize_every_etag_in_order(
        size in 75_000u64..=(2u64 << 30),
        limit in 1usize..=8,
        attempts in 1u32..=4,
        picks in prop::collection::vec(any::<usize>(), 1..64),
        failures in prop::collection::vec((any::<usize>(), 0u32..4, 0usize..3), 0..24),
    ) {
        let ranges = honest_ranges(size);
        let mut server = Server::new(video_ticket(size));
        let mut planned = BTreeMap::<usize, u32>::new();
        for (part, count, kind) in failures {
            let index = part % ranges.len();
            let count = count.min(attempts - 1);
            if planned.contains_key(&index) {
                continue;
            }
            planned.insert(index, count);
            for attempt in 1..=count {
                let answer = [PutAnswer::Status(503), PutAnswer::Transport, PutAnswer::NoEtag][kind].clone();
                server.puts.insert((index, attempt), answer);
            }
        }
        let rules = PartRules::new().max_in_flight(limit).unwrap().max_attempts(attempts).unwrap();
        let mut upload = Upload::video(organization(), VideoFile::with_max_size(size, 4 << 30).unwrap())
            .part_rules(rules)
            .polling(None);
        let mut turn = 0;
        let (outcome, log, _) = drive(&mut upload, &mut server, |_| { turn += 1; picks[turn % picks.len()] });
        prop_assert!(outcome.is_ok(), "{:?}", outcome);
        prop_assert!(log.max_in_flight <= limit);
        let ids: Vec<String> = (0..ranges.len()).map(etag).collect();
        prop_assert_eq!(&log.finalize.unwrap()["finalizeUploadRequest"]["uploadedPartIds"], &json!(ids));
        for (index, (first, last)) in ranges.iter().enumerate() {
            let tries: Vec<&PartUpload> = log.puts.iter().filter(|p| p.index() == index).collect();
            let expected = 1 + planned.get(&index).copied().unwrap_or(0) as usize;
            prop_assert_eq!(tries.len(), expected);
            for (n, part) in tries.iter().enumerate() {
                prop_assert_eq!(part.attempt() as usize, n + 1);
                prop_assert_eq!(part.range(), ByteRange::new(*first, *last).unwrap());
            }
        }
        let firsts: Vec<usize> = log.puts.iter().filter(|p| p.attempt() == 1).map(PartUpload::index).collect();
        prop_assert_eq!(firsts, (0..ranges.len()).collect::<Vec<_>>());
        prop_assert_eq!(upload.progress().confirmed, size);
    }

    // A part that fails more often than its budget ends the flow naming
    // it, and nothing is finalized.
    #[test]
    fn a_part_over_budget_fails_the_flow_without_finalizing(
        size in 75_000u64..=(256u64 << 20),
        part in any::<usize>(),
        attempts in 1u32..=4,
        picks in prop::collection::vec(any::<usize>(), 1..16),
    ) {
        let ranges = honest_ranges(size);
        let index = part % ranges.len();
        let mut server = Server::new(video_ticket(size));
        for attempt in 1..=attempts {
            server.puts.insert((index, attempt), PutAnswer::Status(500));
        }
        let rules = PartRules::new().max_attempts(attempts).unwrap();
        let mut upload = Upload::video(organization(), VideoFile::new(size).unwrap()).part_rules(rules);
        let mut turn = 0;
        let (outcome, log, _) = drive(&mut upload, &mut server, |_| { turn += 1; picks[turn % picks.len()] });
        match outcome {
            Err(MediaError::PartFailed { index: failed, attempts: tried, .. }) => {
                prop_assert_eq!(failed, index);
                prop_assert_eq!(tried, attempts);
            }
            other => prop_assert!(false, "expected a failed part, got {:?}", other),
        }
        prop_assert!(log.finalize.is_none());
    }

    // Instructions mangled in any one way are refused, never trusted, and
    // no answer panics the flow.
    #[test]
    fn mangled_instructions_are_refused(
        size in 75_000u64..=(64u64 << 20),
        which in any::<usize>(),
        how in 0usize..5,
        shift in 1u64..1000,
    ) {
        let mut ranges = honest_ranges(size);
        let i = which % ranges.len();
        match how {
            0 => { ranges.remove(i); }
            1 => { let copy = ranges[i]; ranges.insert(i, copy); }
            2 => ranges[i].0 = ranges[i].0.saturating_add(shift),
            3 => ranges[i].1 = ranges[i].1.saturating_add(shift),
            _ => ranges[i].1 = ranges[i].1.saturating_sub(shift),
        }
        let honest = honest_ranges(size);
        prop_assume!(ranges != honest);
        let instructions: Vec<Value> = ranges
            .iter()
            .enumerate()
            .map(|(n, (first, last))| json!({"uploadUrl": url(n), "firstByte": first, "lastByte": last}))
            .collect();
        let mut server = Server::new(ticket_with(json!(instructions)));
        let mut upload = Upload::video(organization(), VideoFile::new(size).unwrap());
        let (outcome, log, _) = drive(&mut upload, &mut server, |_| 0);
        prop_assert!(matches!(outcome, Err(MediaError::BadTicket { .. })), "{:?}", outcome);
        prop_assert!(log.puts.is_empty());
    }

    #[test]
    fn any_initialize_answer_is_read_or_refused_without_panicking(body in prop::collection::vec(any::<u8>(), 0..200)) {
        let mut upload = Upload::video(organization(), VideoFile::new(100_000).unwrap());
        let now = Instant::now();
        let _ = upload.next_step(now);
        upload.feed_response(http::Response::new(body), now).unwrap();
        prop_assert!(matches!(upload.next_step(now), Step::Failed(_) | Step::Put(_)));
    }
}

#[test]
fn an_upload_debug_shows_no_upload_token_and_no_signed_query() {
    let mut ticket = video_ticket(100_000);
    ticket["value"]["uploadToken"] = json!("UPLOADTOKEN-secret");
    ticket["value"]["uploadInstructions"][0]["uploadUrl"] =
        json!("https://www.linkedin.com/dms-uploads/v/0?ca=vector_ads&m=SIGNATURE");
    let mut upload = Upload::video(organization(), VideoFile::new(100_000).unwrap());
    let now = Instant::now();
    let _ = upload.next_step(now);
    upload
        .feed_response(json_response(200, &ticket), now)
        .unwrap();
    let Step::Put(part) = upload.next_step(now) else {
        panic!()
    };
    for shown in [format!("{upload:?}"), format!("{part:?}")] {
        assert!(!shown.contains("UPLOADTOKEN"), "{shown}");
        assert!(!shown.contains("SIGNATURE"), "{shown}");
    }
    // The token still goes to finalizeUpload.
    upload.part_uploaded(0, Some("e0"), now, 0.5).unwrap();
    let Step::Send(finalize) = upload.next_step(now) else {
        panic!()
    };
    assert_eq!(
        finalize.body().unwrap()["finalizeUploadRequest"]["uploadToken"],
        "UPLOADTOKEN-secret"
    );
    assert!(
        !format!("{finalize:?}").contains("UPLOADTOKEN"),
        "the codec's Debug hides bodies"
    );
}

// The Videos page lists uploadedPartIds unquoted; HTTP quotes ETags. A
// quoted ETag goes into finalizeUpload without its quotes.
#[test]
fn a_quoted_etag_is_finalized_unquoted() {
    let mut upload = Upload::video(organization(), VideoFile::new(100_000).unwrap()).polling(None);
    let now = Instant::now();
    let _ = upload.next_step(now);
    upload
        .feed_response(json_response(200, &video_ticket(100_000)), now)
        .unwrap();
    let Step::Put(part) = upload.next_step(now) else {
        panic!()
    };
    let mut headers = http::HeaderMap::new();
    headers.insert("etag", "\"/ambry-video/signedId/AQHp\"".parse().unwrap());
    upload
        .feed_part_response(part.index(), http::StatusCode::OK, &headers, now, 0.5)
        .unwrap();
    let Step::Send(finalize) = upload.next_step(now) else {
        panic!()
    };
    assert_eq!(
        finalize.body().unwrap()["finalizeUploadRequest"]["uploadedPartIds"],
        json!(["/ambry-video/signedId/AQHp"])
    );
    // An ETag of only quotes, or with control characters, is no ETag.
    let mut upload = Upload::video(organization(), VideoFile::new(100_000).unwrap()).polling(None);
    let _ = upload.next_step(now);
    upload
        .feed_response(json_response(200, &video_ticket(100_000)), now)
        .unwrap();
    let Step::Put(part) = upload.next_step(now) else {
        panic!()
    };
    upload
        .part_uploaded(part.index(), Some("\"\""), now, 0.5)
        .unwrap();
    let Step::Wait {
        until: Some(_),
        in_flight: 0,
    } = upload.next_step(now)
    else {
        panic!("retried after a backoff")
    };
}

// A 429 or 503 on a part with `Retry-After: 5` waits 5 s, not the shorter
// backoff; a huge Retry-After is capped at the longest delay (30 s).
#[test]
fn a_retry_after_on_a_part_is_honoured_within_bounds() {
    for (retry_after, expected) in [("5", 5_000), ("86400", 30_000), ("soon", 750)] {
        let mut upload = Upload::video(organization(), VideoFile::new(100_000).unwrap());
        let now = Instant::now();
        let _ = upload.next_step(now);
        upload
            .feed_response(json_response(200, &video_ticket(100_000)), now)
            .unwrap();
        let Step::Put(part) = upload.next_step(now) else {
            panic!()
        };
        let mut headers = http::HeaderMap::new();
        headers.insert("retry-after", retry_after.parse().unwrap());
        upload
            .feed_part_response(
                part.index(),
                http::StatusCode::TOO_MANY_REQUESTS,
                &headers,
                now,
                0.5,
            )
            .unwrap();
        let Step::Wait {
            until: Some(until), ..
        } = upload.next_step(now)
        else {
            panic!()
        };
        assert_eq!(
            until - now,
            Duration::from_millis(expected),
            "Retry-After {retry_after}"
        );
    }
}

// Memory: a part waiting to be retried still counts as open, so with a
// limit of 2 and part 0 backing off, only one more part is handed out.
#[test]
fn a_part_waiting_for_its_retry_still_counts_against_the_limit() {
    let size = 4 * MAX_PART_BYTES;
    let rules = PartRules::new().max_in_flight(2).unwrap();
    let mut upload = Upload::video(organization(), VideoFile::new(size).unwrap()).part_rules(rules);
    let now = Instant::now();
    let _ = upload.next_step(now);
    upload
        .feed_response(json_response(200, &video_ticket(size)), now)
        .unwrap();
    let Step::Put(first) = upload.next_step(now) else {
        panic!()
    };
    let Step::Put(second) = upload.next_step(now) else {
        panic!()
    };
    assert!(matches!(
        upload.next_step(now),
        Step::Wait { in_flight: 2, .. }
    ));
    upload
        .part_failed(first.index(), PartFailure::Status(503), now, 0.5)
        .unwrap();
    // Part 0 waits, part 1 is in flight: two open, nothing more to start.
    assert!(matches!(
        upload.next_step(now),
        Step::Wait {
            in_flight: 1,
            until: Some(_)
        }
    ));
    upload
        .part_uploaded(second.index(), Some("e1"), now, 0.5)
        .unwrap();
    let Step::Put(third) = upload.next_step(now) else {
        panic!()
    };
    assert_eq!((third.index(), third.attempt()), (2, 1));
}

/// A source of `size` bytes that can only be read forward.
struct Forward {
    offset: u64,
}

impl Forward {
    fn byte(at: u64) -> u8 {
        (at.wrapping_mul(2_654_435_761) >> 13) as u8
    }

    fn read(&mut self, len: u64) -> Vec<u8> {
        let bytes = (self.offset..self.offset + len)
            .map(Forward::byte)
            .collect();
        self.offset += len;
        bytes
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, .. ProptestConfig::default() })]

    // A transport reading a forward-only stream: it reads the next bytes on
    // a part's first attempt (always at the stream's offset), keeps them
    // until the part is confirmed, resends them on a retry. LinkedIn's side
    // reassembles exactly the file, and never more than N parts are kept.
    #[test]
    fn a_forward_only_reader_uploads_the_exact_file_keeping_at_most_n_parts(
        size in 75_000u64..=(13u64 << 20),
        limit in 1usize..=4,
        failing in prop::collection::btree_set(0usize..5, 0..3),
        picks in prop::collection::vec(any::<usize>(), 1..16),
    ) {
        let rules = PartRules::new().max_in_flight(limit).unwrap();
        let mut upload = Upload::video(organization(), VideoFile::new(size).unwrap())
            .part_rules(rules)
            .polling(None);
        let mut now = Instant::now();
        let mut source = Forward { offset: 0 };
        let mut kept: BTreeMap<usize, Vec<u8>> = BTreeMap::new();
        let mut received = vec![0u8; usize::try_from(size).unwrap()];
        let mut out: Vec<(PartUpload, Vec<u8>)> = Vec::new();
        let mut turn = 0;
        let mut finalized = None;
        for _ in 0..100_000 {
            match upload.next_step(now) {
                Step::Send(request) => {
                    let response = match request.query().get("action") {
                        Some("initializeUpload") => json_response(200, &video_ticket(size)),
                        Some("finalizeUpload") => {
                            finalized = request.body().cloned();
                            http::Response::new(Vec::new())
                        }
                        other => panic!("{other:?}"),
                    };
                    upload.feed_response(response, now).unwrap();
                }
                Step::Put(part) => {
                    let bytes = if part.attempt() == 1 {
                        prop_assert_eq!(part.range().first(), source.offset, "first attempts come in byte order");
                        let bytes = source.read(part.range().len());
                        kept.insert(part.index(), bytes.clone());
                        bytes
                    } else {
                        kept[&part.index()].clone()
                    };
                    prop_assert!(kept.len() <= limit, "at most N parts' bytes are kept");
                    out.push((part, bytes));
                }
                Step::Wait { until, .. } => {
                    if out.is_empty() {
                        now = until.expect("something to wait for");
                        continue;
                    }
                    turn += 1;
                    let (part, bytes) = out.remove(picks[turn % picks.len()] % out.len());
                    if failing.contains(&part.index()) && part.attempt() == 1 {
                        upload.part_failed(part.index(), PartFailure::transport(&"reset"), now, 0.3).unwrap();
                    } else {
                        let first = usize::try_from(part.range().first()).unwrap();
                        received[first..first + bytes.len()].copy_from_slice(&bytes);
                        kept.remove(&part.index());
                        upload.part_uploaded(part.index(), Some(&etag(part.index())), now, 0.3).unwrap();
                    }
                }
                Step::Done(_) => break,
                Step::Failed(error) => prop_assert!(false, "{}", error),
                other => panic!("{other:?}"),
            }
        }
        prop_assert!(upload.is_finished());
        prop_assert_eq!(source.offset, size, "the stream was read once, to its end");
        prop_assert!(received.iter().enumerate().all(|(at, byte)| *byte == Forward::byte(at as u64)));
        let parts = honest_ranges(size).len();
        let ids: Vec<String> = (0..parts).map(etag).collect();
        prop_assert_eq!(&finalized.unwrap()["finalizeUploadRequest"]["uploadedPartIds"], &json!(ids));
    }
}
