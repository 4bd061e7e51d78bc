//! Snapshots of what the typed parsers read from answers in the shapes
//! LinkedIn's documentation shows: a raw `x-restli-id`, a BATCH_GET keyed by
//! raw URNs, a cursor page without `paging`. The request side is in
//! `request_snapshots.rs`.

use restli_codec::Urn;
use restli_codec::paging::Pagination;
use restli_codec::response::{BatchGetResponse, CollectionResponse, CreateResponse};
use restli_codec::{Request, RequestConfig};
use serde_json::Value;

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

// Posts API, "Create a Post": 201 and `x-restli-id: urn:li:share:...`, raw
// (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api).
#[test]
fn create_with_a_raw_urn_id() {
    let created = CreateResponse::<Urn>::from_http(
        response(201, &[("x-restli-id", "urn:li:share:7123456789")], ""),
        "/rest/posts",
    )
    .unwrap();
    let shown = format!(
        "id: {:?}\nraw_id: {:?}\nentity: {:?}",
        created.id.map(|u| u.to_string()),
        created.raw_id,
        created.entity
    );
    insta::assert_snapshot!("create_raw_urn_id", shown);
}

// Same page, "Batch Get Posts": `results` keyed by raw URNs.
#[test]
fn batch_get_keyed_by_raw_urns() {
    let body = r#"{"results":{"urn:li:share:1":{"id":"urn:li:share:1"},"urn:li:ugcPost:2":{"id":"urn:li:ugcPost:2"}},"statuses":{"urn:li:share:1":200,"urn:li:ugcPost:2":200},"errors":{}}"#;
    let batch =
        BatchGetResponse::<Urn, Value>::from_http(response(200, &[], body), "/rest/posts").unwrap();
    let shown: Vec<String> = batch
        .results
        .iter()
        .map(|(key, value)| format!("{key} => {value}"))
        .collect();
    insta::assert_snapshot!("batch_get_raw_urn_keys", shown.join("\n"));
}

// Ads "Cursor Based Pagination": `metadata.nextPageToken`, no `paging`
// (https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/cursor-based-pagination);
// the next request sends `pageSize` and `pageToken`; the page without a
// token ends the walk.
#[test]
fn cursor_pages_without_paging() {
    let config = RequestConfig::new().with_version("202601".parse().unwrap());
    let mut pagination =
        Pagination::new(Request::finder("/adAccounts", "search").page(0, 2), 10).unwrap();
    let mut shown = Vec::new();
    for body in [
        r#"{"elements":[{"id":1},{"id":2}],"metadata":{"nextPageToken":"DgEDAQAAAA"}}"#,
        r#"{"elements":[{"id":3}],"metadata":{}}"#,
    ] {
        let request = pagination.next_request().unwrap();
        let http = request.to_http(&config, None).unwrap();
        shown.push(format!("-> {} {}", http.method(), http.uri()));
        let page: CollectionResponse =
            CollectionResponse::from_http(response(200, &[], body), "/rest/adAccounts").unwrap();
        shown.push(format!(
            "<- {} elements, paging {:?}, next token {:?}",
            page.elements.len(),
            page.paging,
            page.next_page_token()
        ));
        pagination.advance(&page).unwrap();
    }
    shown.push(format!(
        "next request: {:?}",
        pagination.next_request().map(|r| r.query().to_string())
    ));
    insta::assert_snapshot!("cursor_pages_without_paging", shown.join("\n"));
}
