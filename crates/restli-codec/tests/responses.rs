//! Typed responses: every method's parser, API errors, decode errors, and
//! parsers that never panic.

use proptest::prelude::*;
use restli_codec::Urn;
use restli_codec::response::{
    ActionResponse, ApiError, BatchCreateResponse, BatchFinderResponse, BatchGetResponse,
    BatchStatusResponse, CollectionResponse, CreateResponse, EntityResponse, RAW_BODY_LIMIT,
    ResponseError, StatusResponse,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

const URL: &str = "https://api.linkedin.com/rest/things";

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

fn decode_reason(err: ResponseError) -> (String, String) {
    match err {
        ResponseError::Decode {
            reason,
            excerpt,
            status,
            url,
        } => {
            assert!(status.is_success());
            assert_eq!(url, URL);
            (reason, excerpt)
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Greeting {
    id: i64,
    message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
struct ComplexKey {
    part1: String,
    part2: i64,
    part3: Fruit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
enum Fruit {
    Apple,
    Orange,
}

// ---------------------------------------------------------------- GET

#[test]
fn get_decodes_typed_and_value_entities() {
    let body = r#"{"id": 1, "message": "test message"}"#;
    let got = EntityResponse::<Greeting>::from_http(response(200, &[], body), URL).unwrap();
    assert_eq!(
        got.entity,
        Greeting {
            id: 1,
            message: "test message".into()
        }
    );
    assert_eq!(got.meta.status(), 200);
    assert_eq!(got.meta.url(), URL);

    let got = EntityResponse::<Value>::from_http(response(200, &[], body), URL).unwrap();
    assert_eq!(got.entity["message"], "test message");
}

#[test]
fn get_with_empty_body_is_a_decode_error() {
    let err = EntityResponse::<Value>::from_http(response(200, &[], ""), URL).unwrap_err();
    let (reason, _) = decode_reason(err);
    assert!(reason.contains("empty body"), "{reason}");
}

#[test]
fn get_with_wrong_shape_quotes_the_body() {
    let err = EntityResponse::<Greeting>::from_http(response(200, &[], r#"{"id": "x"}"#), URL)
        .unwrap_err();
    let text = err.to_string();
    let (reason, excerpt) = decode_reason(err);
    assert!(reason.contains("expected an entity"), "{reason}");
    assert_eq!(excerpt, r#"{"id": "x"}"#);
    assert!(text.contains(URL) && text.contains("200 OK"), "{text}");
}

#[test]
fn decode_excerpt_is_bounded() {
    let body = format!("[{}]", "\"é\",".repeat(2000));
    let err = EntityResponse::<Greeting>::from_http(response(200, &[], &body), URL).unwrap_err();
    let (_, excerpt) = decode_reason(err);
    assert!(excerpt.len() <= 512);
    assert!(body.starts_with(&excerpt));
}

// ---------------------------------------------------------------- errors

#[test]
fn non_2xx_is_an_api_error_with_every_field() {
    let body = r#"{"status": 400, "serviceErrorCode": 100, "code": "FIELD_INVALID",
        "message": "Invalid value", "errorDetails": {"inputErrors": [{"code": "X"}]}}"#;
    let r = response(
        400,
        &[
            ("X-RestLi-Error-Response", "true"),
            ("x-restli-request-id", "req-9"),
        ],
        body,
    );
    let err = match EntityResponse::<Value>::from_http(r, URL).unwrap_err() {
        ResponseError::Api(err) => err,
        other => panic!("{other:?}"),
    };
    assert_eq!(err.status(), 400);
    assert_eq!(err.service_error_code(), Some(100));
    assert_eq!(err.code(), Some("FIELD_INVALID"));
    assert_eq!(err.message(), Some("Invalid value"));
    assert_eq!(
        err.error_details(),
        Some(&json!({"inputErrors": [{"code": "X"}]}))
    );
    assert_eq!(err.request_id(), Some("req-9"));
    assert!(err.is_restli_error_response());
    assert_eq!(err.url(), URL);
    assert_eq!(
        err.to_string(),
        "HTTP 400 Bad Request, serviceErrorCode 100, code FIELD_INVALID: Invalid value"
    );
}

#[test]
fn request_id_headers_in_order() {
    for (name, _) in [
        ("x-li-uuid", 0),
        ("x-restli-request-id", 1),
        ("x-li-request-id", 2),
        ("x-request-id", 3),
    ] {
        let err = ApiError::from_http(response(500, &[(name, "id-1")], ""), URL);
        assert_eq!(err.request_id(), Some("id-1"), "{name}");
    }
    let err = ApiError::from_http(
        response(
            500,
            &[("x-request-id", "later"), ("x-li-uuid", "first")],
            "",
        ),
        URL,
    );
    assert_eq!(err.request_id(), Some("first"));
}

#[test]
fn every_parser_returns_api_errors_for_non_2xx() {
    for status in [301, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504] {
        let r = || response(status, &[], r#"{"message": "nope"}"#);
        let errs = [
            EntityResponse::<Value>::from_http(r(), URL).err(),
            BatchGetResponse::<Value>::from_http(r(), URL).err(),
            CollectionResponse::<Value>::from_http(r(), URL).err(),
            BatchFinderResponse::<Value>::from_http(r(), URL).err(),
            CreateResponse::<Value>::from_http(r(), URL).err(),
            BatchCreateResponse::<Value>::from_http(r(), URL).err(),
            StatusResponse::<Value>::from_http(r(), URL).err(),
            BatchStatusResponse::<Value>::from_http(r(), URL).err(),
            ActionResponse::<Value>::from_http(r(), URL).err(),
        ];
        for err in errs {
            let err = err.expect("non-2xx must fail");
            let api = err.api_error().expect("an API error");
            assert_eq!(api.status(), status);
            assert_eq!(api.message(), Some("nope"));
        }
    }
}

#[test]
fn html_from_a_proxy_is_kept_raw_and_bounded() {
    let html = format!("<html><body>{}</body></html>", "€".repeat(5000));
    let err = ApiError::from_http(response(502, &[], &html), URL);
    assert_eq!(err.message(), None);
    assert!(err.raw_body().len() <= RAW_BODY_LIMIT);
    assert!(html.starts_with(err.raw_body()));
    assert!(err.raw_body().len() > RAW_BODY_LIMIT - 4);
    let line = err.to_string();
    assert!(!line.contains('\n'));
    assert!(line.starts_with("HTTP 502 Bad Gateway: no message; body starts with \"<html>"));
}

#[test]
fn errors_never_carry_request_headers() {
    // The parser only sees the response; a bearer token sent with the request
    // cannot appear in the error, whatever the response echoes back as text.
    let err = ApiError::from_http(
        response(401, &[], r#"{"message": "Invalid access token"}"#),
        URL,
    );
    let debug = format!("{err:?}");
    assert!(!debug.to_ascii_lowercase().contains("authorization"));
    assert!(!debug.contains("Bearer"));
}

// ---------------------------------------------------------------- BATCH_GET

#[test]
fn batch_get_with_complex_keys() {
    let body = r#"{
      "statuses": {},
      "results": {
        "(part1:key!*%27%28%29;%3A@&=+$%2C/?#[].~,part2:2,part3:APPLE)": {"message": {"message": "a"}},
        "(part1:two,part2:7,part3:ORANGE)": {"message": {"message": "b"}}
      },
      "errors": {}
    }"#;
    let batch = BatchGetResponse::<ComplexKey>::from_http(response(200, &[], body), URL).unwrap();
    let special = ComplexKey {
        part1: "key!*'();:@&=+$,/?#[].~".into(),
        part2: 2,
        part3: Fruit::Apple,
    };
    let two = ComplexKey {
        part1: "two".into(),
        part2: 7,
        part3: Fruit::Orange,
    };
    assert_eq!(
        batch.results.get(&special).unwrap()["message"]["message"],
        "a"
    );
    assert_eq!(batch.results.get(&two).unwrap()["message"]["message"], "b");
    assert_eq!(batch.results.len(), 2);
    let keys: Vec<_> = batch.results.keys().cloned().collect();
    assert_eq!(keys, [special.clone(), two]);

    // The same body with untyped keys: lookups by JSON values.
    let batch = BatchGetResponse::<Value>::from_http(response(200, &[], body), URL).unwrap();
    let probe = json!({"part3": "APPLE", "part2": 2, "part1": "key!*'();:@&=+$,/?#[].~"});
    assert!(batch.results.get(&probe).is_some());
    assert!(batch.results.get(&special).is_some());
}

#[test]
fn batch_get_statuses_and_errors() {
    let body = r#"{"results": {"1": {"id": 1, "message": "m"}},
        "statuses": {"1": 200, "2": 404},
        "errors": {"2": {"status": 404, "serviceErrorCode": 7, "message": "Not found"}}}"#;
    let batch =
        BatchGetResponse::<i64, Greeting>::from_http(response(200, &[], body), URL).unwrap();
    assert_eq!(batch.results.get(&1).map(|g| g.id), Some(1));
    assert_eq!(batch.statuses.get(&2).map(|s| s.as_u16()), Some(404));
    let error = batch.errors.get(&2).unwrap();
    assert_eq!(
        (error.status, error.service_error_code),
        (Some(404), Some(7))
    );
    assert!(matches!(batch.get(&1), Some(Ok(_))));
    assert!(matches!(batch.get(&2), Some(Err(_))));
    assert!(batch.get(&3).is_none());
}

#[test]
fn batch_key_that_does_not_decode_is_named() {
    let body = r#"{"results": {"1": {}, "abc": {}}}"#;
    let err = BatchGetResponse::<i64>::from_http(response(200, &[], body), URL).unwrap_err();
    let (reason, _) = decode_reason(err);
    assert!(reason.contains("batch key \"abc\""), "{reason}");
}

#[test]
fn batch_get_without_results_is_a_decode_error() {
    let err =
        BatchGetResponse::<i64>::from_http(response(200, &[], r#"{"foo": 1}"#), URL).unwrap_err();
    let (reason, _) = decode_reason(err);
    assert!(reason.contains("results"), "{reason}");
}

// ---------------------------------------------------------------- batch statuses

#[test]
fn batch_update_statuses_and_errors() {
    let body = r#"{"results": {"1": {"status": 204}, "3": {"status": 201}},
        "errors": {"2": {"message": "Missing required field: message", "status": 400},
                   "4": {"status": 500}}}"#;
    let batch = BatchStatusResponse::<i64>::from_http(response(200, &[], body), URL).unwrap();
    assert_eq!(batch.results.get(&1).unwrap().status, 204);
    assert_eq!(batch.results.get(&3).unwrap().status, 201);
    assert_eq!(
        batch.errors.get(&2).unwrap().message.as_deref(),
        Some("Missing required field: message")
    );
    assert_eq!(batch.errors.get(&4).unwrap().status, Some(500));
}

#[test]
fn batch_update_with_invalid_status_is_a_decode_error() {
    let err = BatchStatusResponse::<i64>::from_http(
        response(200, &[], r#"{"results": {"1": {"status": 99999}}}"#),
        URL,
    )
    .unwrap_err();
    let (reason, _) = decode_reason(err);
    assert!(reason.contains("status"), "{reason}");
}

#[test]
fn batch_partial_update_may_return_entities() {
    let body = r#"{"results": {"1": {"status": 200, "entity": {"id": 1, "message": "new"}}}, "errors": {}}"#;
    let batch =
        BatchStatusResponse::<i64, Greeting>::from_http(response(200, &[], body), URL).unwrap();
    assert_eq!(
        batch
            .results
            .get(&1)
            .unwrap()
            .entity
            .as_ref()
            .unwrap()
            .message,
        "new"
    );
}

// ---------------------------------------------------------------- collections

#[test]
fn finder_with_paging_and_metadata() {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Meta {
        optional_long: i64,
    }
    let body = r#"{"metadata": {"optionalLong": 5, "optionalString": "metadata"},
        "elements": [{"id": 1, "message": "a"}, {"id": 2, "message": "b"}],
        "paging": {"total": 2, "count": 10, "start": 0, "links": []}}"#;
    let page =
        CollectionResponse::<Greeting, Meta>::from_http(response(200, &[], body), URL).unwrap();
    assert_eq!(page.elements.len(), 2);
    let paging = page.paging.unwrap();
    assert_eq!((paging.start, paging.count, paging.total), (0, 10, Some(2)));
    assert_eq!(page.metadata.unwrap().optional_long, 5);
}

#[test]
fn collection_without_elements_is_a_decode_error() {
    let err =
        CollectionResponse::<Value>::from_http(response(200, &[], r#"{"paging": null}"#), URL)
            .unwrap_err();
    let (reason, _) = decode_reason(err);
    assert!(reason.contains("elements"), "{reason}");
}

#[test]
fn batch_finder_keeps_criteria_order_and_errors() {
    let body = r#"{"elements": [
        {"elements": [{"id": 1, "message": "a"}], "paging": {"start": 0, "count": 10, "links": []}},
        {"error": {"status": 400, "message": "bad criterion"}, "isError": true, "elements": []},
        {"elements": [], "metadata": {"m": 1}},
        {"error": {"message": "no isError flag"}}
    ]}"#;
    let found = BatchFinderResponse::<Greeting>::from_http(response(200, &[], body), URL).unwrap();
    assert_eq!(found.results.len(), 4);
    assert_eq!(found.results[0].as_ref().unwrap().elements[0].id, 1);
    assert_eq!(
        found.results[1].as_ref().unwrap_err().message.as_deref(),
        Some("bad criterion")
    );
    assert_eq!(
        found.results[2].as_ref().unwrap().metadata,
        Some(json!({"m": 1}))
    );
    assert!(found.results[3].is_err());
}

#[test]
fn batch_finder_criterion_without_elements_or_error_is_named() {
    let body = r#"{"elements": [{"elements": []}, {"paging": {"start": 0, "count": 1}}]}"#;
    let err = BatchFinderResponse::<Value>::from_http(response(200, &[], body), URL).unwrap_err();
    let (reason, _) = decode_reason(err);
    assert!(reason.contains("elements[1]"), "{reason}");
}

// ---------------------------------------------------------------- CREATE

#[test]
fn create_decodes_the_id_header() {
    let r = response(
        201,
        &[("X-RestLi-Id", "1"), ("Location", "/collection/1")],
        "",
    );
    let created = CreateResponse::<i64>::from_http(r, URL).unwrap();
    assert_eq!(created.id, Some(1));
    assert_eq!(created.entity, None);
    assert_eq!(created.location(), Some("/collection/1"));

    let r = response(
        201,
        &[("x-restli-id", "(part1:a%3Ab,part2:2,part3:APPLE)")],
        "",
    );
    let created = CreateResponse::<ComplexKey>::from_http(r, URL).unwrap();
    assert_eq!(created.id.unwrap().part1, "a:b");

    let r = response(201, &[("x-restli-id", "urn%3Ali%3AugcPost%3A123")], "");
    let created = CreateResponse::<Urn>::from_http(r, URL).unwrap();
    assert_eq!(created.id.unwrap().id(), "123");
}

#[test]
fn create_with_return_entity() {
    let r = response(
        201,
        &[("X-RestLi-Id", "1")],
        r#"{"id": 1, "message": "test message"}"#,
    );
    let created = CreateResponse::<i64, Greeting>::from_http(r, URL).unwrap();
    assert_eq!(created.entity.unwrap().message, "test message");
}

#[test]
fn create_without_id_header_has_no_id() {
    let created = CreateResponse::<i64>::from_http(response(201, &[], ""), URL).unwrap();
    assert_eq!(created.id, None);
}

// LinkedIn's Posts API ("Create a Post", https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api)
// answers `201` with `x-restli-id: urn:li:share:6844785523593134080`, raw:
// Rest.li writes simple keys unescaped (DESIGN.md, wire facts). The post
// exists whatever the caller's key type, so an undecodable id is never an
// error (an error would invite a retry that posts twice).
#[test]
fn create_with_a_raw_urn_id_decodes_it() {
    let r = response(
        201,
        &[("x-restli-id", "urn:li:share:6844785523593134080")],
        "",
    );
    let created = CreateResponse::<Urn>::from_http(r, URL).unwrap();
    assert_eq!(
        created.id.unwrap().to_string(),
        "urn:li:share:6844785523593134080"
    );
    assert_eq!(
        created.raw_id.as_deref(),
        Some("urn:li:share:6844785523593134080")
    );
    let r = response(
        201,
        &[("x-restli-id", "urn:li:share:6844785523593134080")],
        "",
    );
    let created = CreateResponse::<String>::from_http(r, URL).unwrap();
    assert_eq!(
        created.id.as_deref(),
        Some("urn:li:share:6844785523593134080")
    );
    let r = response(
        201,
        &[("x-restli-id", "urn:li:share:6844785523593134080")],
        "",
    );
    let created = CreateResponse::<Value>::from_http(r, URL).unwrap();
    assert_eq!(created.id, Some(json!("urn:li:share:6844785523593134080")));
}

#[test]
fn create_with_an_undecodable_id_is_a_success_with_the_raw_id() {
    let r = response(201, &[("x-restli-id", "urn:li:share:7123456789")], "");
    let created = CreateResponse::<i64>::from_http(r, URL).unwrap();
    assert_eq!(created.id, None);
    assert_eq!(created.raw_id.as_deref(), Some("urn:li:share:7123456789"));
    assert_eq!(created.meta.status(), 201);
    // Not even a 200 KB id is an error (it used to make a 400 KB message).
    let huge = "x".repeat(200_000);
    let r = response(201, &[("x-restli-id", &huge)], "");
    let created = CreateResponse::<i64>::from_http(r, URL).unwrap();
    assert_eq!(created.id, None);
    assert_eq!(created.raw_id.map(|id| id.len()), Some(200_000));
}

#[test]
fn batch_create_elements() {
    let body = r#"{"elements": [
        {"location": "/collection/1", "id": "1", "status": 201},
        {"status": 201},
        {"status": 400, "error": {"message": "bad element"}}
    ]}"#;
    let batch = BatchCreateResponse::<i64>::from_http(response(200, &[], body), URL).unwrap();
    assert_eq!(batch.elements.len(), 3);
    assert_eq!(batch.elements[0].id, Some(1));
    assert_eq!(batch.elements[0].location.as_deref(), Some("/collection/1"));
    assert!(batch.elements[0].is_created());
    assert_eq!(batch.elements[1].id, None);
    assert!(!batch.elements[2].is_created());
    assert_eq!(
        batch.elements[2].error.as_ref().unwrap().message.as_deref(),
        Some("bad element")
    );
}

#[test]
fn batch_create_with_complex_ids() {
    let body = r#"{"elements": [{"status": 201, "id": "(part1:one,part2:2,part3:APPLE)"}]}"#;
    let batch =
        BatchCreateResponse::<ComplexKey>::from_http(response(200, &[], body), URL).unwrap();
    assert_eq!(batch.elements[0].id.as_ref().unwrap().part3, Fruit::Apple);
}

#[test]
fn batch_create_with_raw_or_undecodable_ids_keeps_every_element() {
    // BATCH_CREATE elements as Rest.li writes them (rest.li
    // restli-common/src/main/pegasus/com/linkedin/restli/common/CreateStatus.pdl:
    // `id` is the key's string form; simple keys are raw).
    let body = r#"{"elements": [
        {"status": 201, "id": "1"},
        {"status": 201, "id": "urn:li:share:2"},
        {"status": 201, "id": 3}
    ]}"#;
    let batch = BatchCreateResponse::<i64>::from_http(response(200, &[], body), URL).unwrap();
    let ids: Vec<Option<i64>> = batch.elements.iter().map(|e| e.id).collect();
    assert_eq!(ids, [Some(1), None, Some(3)]);
    assert_eq!(batch.elements[1].raw_id.as_deref(), Some("urn:li:share:2"));
    assert!(batch.elements[1].is_created());
    let batch = BatchCreateResponse::<Urn>::from_http(response(200, &[], body), URL).unwrap();
    assert_eq!(
        batch.elements[1]
            .id
            .as_ref()
            .map(|u| u.to_string())
            .as_deref(),
        Some("urn:li:share:2")
    );
}

// Batch maps keyed raw, as LinkedIn's Posts API "Batch Get Posts" shows
// (`"results": {"urn:li:share:...": {..}}`), and reduced-encoded, as the
// Rest.li protocol writes complex keys
// (https://linkedin.github.io/rest.li/spec/protocol, "Batch Get"): both are
// found by the request's ids.
#[test]
fn batch_maps_find_raw_and_reduced_keys() {
    let body = r#"{
        "results": {
            "urn:li:share:1": {"id": "urn:li:share:1"},
            "urn%3Ali%3AugcPost%3A2": {"id": "urn:li:ugcPost:2"}
        },
        "statuses": {"urn:li:share:1": 200, "urn%3Ali%3AugcPost%3A2": 200},
        "errors": {}
    }"#;
    let batch = BatchGetResponse::<Urn>::from_http(response(200, &[], body), URL).unwrap();
    let share: Urn = "urn:li:share:1".parse().unwrap();
    let ugc: Urn = "urn:li:ugcPost:2".parse().unwrap();
    assert!(batch.results.get(&share).is_some());
    assert!(batch.results.get(&ugc).is_some());
    assert!(batch.statuses.get(&share).is_some());
    let batch = BatchGetResponse::<Value>::from_http(response(200, &[], body), URL).unwrap();
    assert!(batch.results.get("urn:li:share:1").is_some());
    assert!(batch.results.get("urn:li:ugcPost:2").is_some());
    let batch = BatchGetResponse::<String>::from_http(response(200, &[], body), URL).unwrap();
    assert!(batch.results.get("urn:li:share:1").is_some());
    // Numeric keys, raw as ever.
    let body = r#"{"results": {"1": {}, "3": {}}, "errors": {}}"#;
    let batch = BatchGetResponse::<i64>::from_http(response(200, &[], body), URL).unwrap();
    assert!(batch.results.get(&1).is_some() && batch.results.get(&3).is_some());
    // A key that is neither, for this key type, is still named, briefly.
    let long = "k".repeat(100_000);
    let body = format!(r#"{{"results": {{"{long}": {{}}}}, "errors": {{}}}}"#);
    let err = BatchGetResponse::<i64>::from_http(response(200, &[], &body), URL).unwrap_err();
    let message = err.to_string();
    assert!(
        message.len() < 2_000,
        "{}: {}",
        message.len(),
        message.replace(&long, "<LONG>")
    );
}

// ---------------------------------------------------------------- UPDATE / DELETE

#[test]
fn update_and_delete_accept_empty_bodies_and_200() {
    for status in [200, 204] {
        let done = StatusResponse::<Value>::from_http(response(status, &[], ""), URL).unwrap();
        assert_eq!(done.meta.status(), status);
        assert_eq!(done.entity, None);
    }
    let done = StatusResponse::<Greeting>::from_http(
        response(200, &[], r#"{"id": 3, "message": "patched"}"#),
        URL,
    )
    .unwrap();
    assert_eq!(done.entity.unwrap().id, 3);
}

// ---------------------------------------------------------------- ACTION

#[test]
fn action_values() {
    let value = |body: &str| {
        ActionResponse::<Value>::from_http(response(200, &[], body), URL)
            .unwrap()
            .value
    };
    assert_eq!(value(r#"{"value": 42}"#), Some(json!(42)));
    assert_eq!(value(r#"{"value": [1, 2]}"#), Some(json!([1, 2])));
    assert_eq!(value(""), None);
    assert_eq!(value("{}"), None);
    assert_eq!(value(r#"{"value": null}"#), None);
    let typed =
        ActionResponse::<bool>::from_http(response(200, &[], r#"{"value": true}"#), URL).unwrap();
    assert_eq!(typed.value, Some(true));
}

#[test]
fn action_with_mistyped_value_is_a_decode_error() {
    let err =
        ActionResponse::<i32>::from_http(response(200, &[], r#"{"value": "x"}"#), URL).unwrap_err();
    let (reason, _) = decode_reason(err);
    assert!(reason.contains("action result"), "{reason}");
}

// ---------------------------------------------------------------- no panics

fn arb_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..200),
        // JSON-ish text made of the characters the parsers care about.
        "[{}\\[\\]\":,a-z0-9 ()%'-]{0,120}".prop_map(String::into_bytes),
        Just(br#"{"results": {"(a:": 1}}"#.to_vec()),
        Just(br#"{"elements": [{"status": 70000, "id": {}}]}"#.to_vec()),
        Just(br#"{"elements": [{"isError": true}, 1]}"#.to_vec()),
        Just(br#"{"elements": [], "paging": {"start": -1, "count": 1e99}}"#.to_vec()),
    ]
}

fn arb_headers() -> impl Strategy<Value = Vec<(String, Vec<u8>)>> {
    let name = prop_oneof![
        Just("x-restli-id".to_string()),
        Just("x-linkedin-id".to_string()),
        Just("x-restli-error-response".to_string()),
        Just("x-li-uuid".to_string()),
        Just("retry-after".to_string()),
        "[a-z-]{1,12}",
    ];
    let value = proptest::collection::vec(
        any::<u8>().prop_filter("header byte", |b| *b == b'\t' || (*b >= 0x20 && *b != 0x7f)),
        0..40,
    );
    proptest::collection::vec((name, value), 0..4)
}

proptest! {
    #[test]
    fn parsers_never_panic(
        status in 100u16..1000,
        headers in arb_headers(),
        body in arb_body(),
    ) {
        let r = || {
            let mut builder = http::Response::builder().status(status);
            for (name, value) in &headers {
                builder = builder.header(name.as_str(), value.as_slice());
            }
            builder.body(body.clone()).unwrap()
        };
        let _ = EntityResponse::<Value>::from_http(r(), URL);
        let _ = EntityResponse::<Greeting>::from_http(r(), URL);
        let _ = BatchGetResponse::<Value>::from_http(r(), URL);
        let _ = BatchGetResponse::<ComplexKey, Greeting>::from_http(r(), URL);
        let _ = CollectionResponse::<Value>::from_http(r(), URL);
        let _ = BatchFinderResponse::<Value>::from_http(r(), URL);
        let _ = CreateResponse::<Value>::from_http(r(), URL);
        let _ = CreateResponse::<i64, Greeting>::from_http(r(), URL);
        let _ = BatchCreateResponse::<ComplexKey>::from_http(r(), URL);
        let _ = StatusResponse::<Value>::from_http(r(), URL);
        let _ = BatchStatusResponse::<i64>::from_http(r(), URL);
        let _ = ActionResponse::<Value>::from_http(r(), URL);
        let err = ApiError::from_http(r(), URL);
        let line = err.to_string();
        prop_assert!(!line.contains('\n'));
        prop_assert!(err.raw_body().len() <= RAW_BODY_LIMIT);
    }

    #[test]
    fn batch_lookup_finds_every_key_it_decoded(ids in proptest::collection::btree_set(any::<i64>(), 0..20)) {
        let results: serde_json::Map<String, Value> =
            ids.iter().map(|id| (id.to_string(), json!({"id": id}))).collect();
        let body = json!({"results": results}).to_string();
        let batch = BatchGetResponse::<i64>::from_http(response(200, &[], &body), URL).unwrap();
        prop_assert_eq!(batch.results.len(), ids.len());
        for id in &ids {
            prop_assert_eq!(batch.results.get(id), Some(&json!({"id": id})));
            // The untyped view finds the same entry from a JSON number.
            let untyped = BatchGetResponse::<Value>::from_http(response(200, &[], &body), URL).unwrap();
            prop_assert!(untyped.results.get(&json!(id)).is_some());
        }
    }
}

#[test]
fn batch_statuses_and_errors_may_be_null_or_absent() {
    for body in [
        r#"{"results": {"1": {}}, "statuses": null, "errors": null}"#,
        r#"{"results": {"1": {}}}"#,
    ] {
        let batch = BatchGetResponse::<i64>::from_http(response(200, &[], body), URL).unwrap();
        assert_eq!(batch.results.len(), 1);
        assert!(batch.statuses.is_empty() && batch.errors.is_empty());
    }
    let body = r#"{"results": {"1": {"status": 204}}, "errors": null}"#;
    let batch = BatchStatusResponse::<i64>::from_http(response(200, &[], body), URL).unwrap();
    assert!(batch.errors.is_empty());
    let err = BatchGetResponse::<i64>::from_http(response(200, &[], r#"{"results": null}"#), URL)
        .unwrap_err();
    assert!(matches!(err, ResponseError::Decode { .. }));
}

#[test]
fn version_and_method_errors_quote_a_bounded_excerpt() {
    let long = "9".repeat(100_000);
    let err = restli_codec::LinkedInVersion::new(&long).unwrap_err();
    assert!(err.to_string().len() < 400, "{}", err.to_string().len());
    assert_eq!(err.value().len(), 100_000);
    let err = long.parse::<restli_codec::Method>().unwrap_err();
    assert!(err.to_string().len() < 600, "{}", err.to_string().len());
    // Decode errors quote a bounded excerpt of the body and of the reason
    // (serde_json's messages quote whole values).
    let body = format!(r#"{{"id": "{long}", "message": 1}}"#);
    let err = EntityResponse::<Greeting>::from_http(response(200, &[], &body), URL).unwrap_err();
    assert!(err.to_string().len() < 1_500, "{}", err.to_string().len());
}

proptest! {
    /// Any id, sent reduced-encoded or raw (Rest.li writes simple keys raw),
    /// is found by the typed probe; raw text that is not valid reduced
    /// escaping reads as itself.
    #[test]
    fn batch_map_keys_are_found_raw_or_reduced(id in "[^%]{0,30}") {
        prop_assume!(!id.starts_with('(') && !id.starts_with("List("));
        let reduced = restli_codec::to_string_reduced(&id).unwrap();
        for key in [reduced, id.clone()] {
            let body = json!({"results": {key.clone(): {"n": 1}}, "errors": {}});
            let batch = BatchGetResponse::<String>::from_http(
                response(200, &[], &body.to_string()),
                URL,
            );
            // The empty raw key is the only one that is no string at all
            // in the reduced grammar ('' is the empty string).
            if id.is_empty() {
                continue;
            }
            let batch = batch.unwrap();
            prop_assert!(batch.results.get(&id).is_some(), "{:?}", key);
        }
    }

    /// A created entity is never lost to its id's spelling.
    #[test]
    fn create_never_fails_on_the_id(id in "[!-~]([ -~]{0,58}[!-~])?") {
        let r = response(201, &[("x-restli-id", &id)], "");
        let created = CreateResponse::<i64>::from_http(r, URL).unwrap();
        prop_assert_eq!(created.raw_id.as_deref(), Some(id.as_str()));
    }
}
