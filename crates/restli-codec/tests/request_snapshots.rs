//! Snapshots of the full HTTP request (verb, URL, headers with the token
//! masked, body) for every Rest.li method, versioned and not, tunneled and
//! not.

use restli_codec::{DynamicRequest, Endpoint, Patch, Request, RequestConfig};
use serde::Serialize;
use serde_json::json;

const TOKEN: &str = "AQV-secret-token";

fn render(request: &http::Request<Vec<u8>>) -> String {
    let mut out = format!("{} {}\n", request.method(), request.uri());
    let mut headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(name, value)| {
            let value = value.to_str().unwrap().replace(TOKEN, "[token]");
            let value = if name == "user-agent" {
                value.replace(env!("CARGO_PKG_VERSION"), "[version]")
            } else {
                value
            };
            (name.as_str().to_owned(), value)
        })
        .collect();
    headers.sort();
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\n"));
    }
    let body = String::from_utf8(request.body().clone()).unwrap();
    assert!(!body.contains(TOKEN));
    if !body.is_empty() {
        out.push('\n');
        match serde_json::from_str::<serde_json::Value>(&body) {
            Ok(json) => out.push_str(&serde_json::to_string_pretty(&json).unwrap()),
            Err(_) => out.push_str(&body.replace("\r\n", "\u{21b5}\n")),
        }
        out.push('\n');
    }
    out
}

fn unversioned() -> RequestConfig {
    RequestConfig::new()
}

fn versioned() -> RequestConfig {
    RequestConfig::new().with_version("202406".parse().unwrap())
}

/// A tiny threshold so that tunneled snapshots stay readable.
fn tunneling() -> RequestConfig {
    RequestConfig::new()
        .with_endpoint(Endpoint::from_origin("http://127.0.0.1:8080").unwrap())
        .with_tunnel_threshold(8)
}

fn snap(name: &str, request: impl Into<DynamicRequest>, config: &RequestConfig) {
    let request: DynamicRequest = request.into();
    let http = request.to_http(config, Some(TOKEN)).unwrap();
    assert_eq!(
        http.headers()["authorization"],
        format!("Bearer {TOKEN}").as_str()
    );
    assert!(http.headers()["authorization"].is_sensitive());
    insta::assert_snapshot!(name, render(&http));
}

#[derive(Serialize)]
struct ComplexKey {
    #[serde(rename = "$params")]
    params: Params,
    part1: &'static str,
    part2: i64,
}

#[derive(Serialize)]
struct Params {
    param1: &'static str,
}

fn search() -> serde_json::Value {
    json!({
        "status": { "values": ["ACTIVE", "DRAFT"] },
        "reference": { "values": ["urn:li:organization:123"] },
        "test": false
    })
}

#[test]
fn get() {
    let r = Request::get("/adAccounts/{id}")
        .key("id", &507404993)
        .fields("id,name");
    snap("get_unversioned", r.clone(), &unversioned());
    snap("get_versioned", r, &versioned());
}

#[test]
fn get_with_complex_key() {
    let key = ComplexKey {
        params: Params { param1: "p 1" },
        part1: "a,b",
        part2: 2,
    };
    snap(
        "get_complex_key",
        Request::get("/complexkey/{key}").key("key", &key),
        &unversioned(),
    );
}

#[test]
fn batch_get() {
    let r = Request::batch_get("/adCampaignGroups", [1, 2, 3]);
    snap("batch_get_unversioned", r.clone(), &unversioned());
    snap("batch_get_versioned", r.clone(), &versioned());
    snap(
        "batch_get_tunneled",
        r.clone().param("fields", "id,name"),
        &tunneling(),
    );
}

#[test]
fn get_all() {
    snap(
        "get_all_versioned",
        Request::get_all("/adAccounts").page(10, 5),
        &versioned(),
    );
}

#[test]
fn finder() {
    let r = Request::finder("/adAccounts", "search").param("search", &search());
    snap("finder_unversioned", r.clone(), &unversioned());
    snap("finder_versioned", r.clone(), &versioned());
    snap("finder_tunneled", r, &tunneling());
}

#[test]
fn batch_finder() {
    let r = Request::batch_finder(
        "/adCampaigns",
        "search",
        "searchCriteria",
        [
            json!({"status": "ACTIVE"}),
            json!({"status": "PAUSED", "test": true}),
        ],
    );
    snap("batch_finder_versioned", r, &versioned());
}

#[test]
fn create() {
    let r = Request::create(
        "/adAccounts",
        &json!({"name": "Test account", "type": "BUSINESS"}),
    );
    snap("create_unversioned", r.clone(), &unversioned());
    snap("create_versioned", r, &versioned());
}

#[test]
fn batch_create() {
    let r = Request::batch_create("/posts", [json!({"text": "one"}), json!({"text": "two"})]);
    snap("batch_create_versioned", r, &versioned());
}

#[test]
fn update() {
    let r = Request::update("/adAccounts/{id}", &json!({"name": "Renamed"})).key("id", &1);
    snap("update_versioned", r, &versioned());
}

#[test]
fn batch_update() {
    let r = Request::batch_update(
        "/collection",
        [1, 3],
        [
            json!({"message": "updated"}),
            json!({"message": "inserted"}),
        ],
    );
    snap("batch_update_unversioned", r.clone(), &unversioned());
    snap("batch_update_tunneled", r, &tunneling());
}

#[test]
fn partial_update() {
    let patch = Patch::diff(
        &json!({"name": "A", "status": "ACTIVE", "notes": "x"}),
        &json!({"name": "A", "status": "PAUSED"}),
    )
    .unwrap();
    let r = Request::partial_update("/adAccounts/{id}", &patch).key("id", &1);
    snap("partial_update_versioned", r, &versioned());
}

#[test]
fn batch_partial_update() {
    let patches = [
        Patch::set(&json!({"status": "PAUSED"})).unwrap(),
        Patch::set(&json!({"status": "ACTIVE"})).unwrap(),
    ];
    let r = Request::batch_partial_update("/adAccounts", ["urn:li:a:1", "urn:li:a:2"], patches);
    snap("batch_partial_update_versioned", r, &versioned());
}

#[test]
fn delete() {
    snap(
        "delete_unversioned",
        Request::delete("/adAccounts/{id}").key("id", &1),
        &unversioned(),
    );
}

#[test]
fn batch_delete() {
    let r = Request::batch_delete("/collection", [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21]);
    snap("batch_delete_versioned", r.clone(), &versioned());
    snap("batch_delete_tunneled", r, &tunneling());
}

#[test]
fn action() {
    let r = Request::action(
        "/actionSet",
        "echo",
        &json!({"input": "Is anybody out there?"}),
    );
    snap("action_unversioned", r.clone(), &unversioned());
    snap("action_versioned", r.clone(), &versioned());
    let long = Request::action("/actionSet", "echo", &json!({"input": "x"}))
        .param("context", &"a long query parameter that forces tunneling");
    snap("action_tunneled", long, &tunneling());
}

/// The head of a request (verb, URL, headers) and its body's length and
/// first bytes: for bodies too long to snapshot whole.
fn render_head(request: &http::Request<Vec<u8>>) -> String {
    let mut head = http::Request::builder()
        .method(request.method())
        .uri(request.uri())
        .body(Vec::new())
        .unwrap();
    *head.headers_mut() = request.headers().clone();
    let mut out = render(&head);
    let body = request.body();
    out.push_str(&format!(
        "\n[body: {} bytes, starting {:?}]\n",
        body.len(),
        String::from_utf8_lossy(&body[..body.len().min(120)])
    ));
    out
}

// A BATCH_GET of 20,000 ids: its query (over 500 KB) is longer than an
// http::Uri holds, so it can only be sent tunneled ("Query Tunneling",
// https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/query-tunneling).
#[test]
fn batch_get_of_20000_ids_tunneled() {
    let ids: Vec<String> = (0..20_000)
        .map(|i| format!("urn:li:sponsoredCampaign:{}", 100_000_000 + i))
        .collect();
    let http = Request::batch_get("/adCampaigns", &ids)
        .to_http(&versioned(), Some(TOKEN))
        .unwrap();
    insta::assert_snapshot!("batch_get_20000_ids_tunneled", render_head(&http));
}

// Cursor pages of an ads search ("Cursor Based Pagination",
// https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/cursor-based-pagination):
// `pageSize` and `pageToken`, no `start`/`count`.
#[test]
fn cursor_page_requests() {
    use restli_codec::paging::Pagination;
    use restli_codec::response::CollectionResponse;

    let search = Request::finder("/adAccounts", "search")
        .param("search", &json!({"status": {"values": ["ACTIVE"]}}));
    let sized = Pagination::new(search.clone().param("pageSize", &100), 10).unwrap();
    snap(
        "cursor_first_page_with_page_size",
        sized.next_request().unwrap(),
        &versioned(),
    );
    let mut pagination = Pagination::new(search, 100).unwrap();
    snap(
        "cursor_first_page",
        pagination.next_request().unwrap(),
        &versioned(),
    );
    let page: CollectionResponse = CollectionResponse::from_http(
        http::Response::builder()
            .status(200)
            .body(
                br#"{"elements": [{"id": 1}], "metadata": {"nextPageToken": "DgEDAQAAAA"}}"#
                    .to_vec(),
            )
            .unwrap(),
        "/rest/adAccounts",
    )
    .unwrap();
    pagination.advance(&page).unwrap();
    snap(
        "cursor_next_page",
        pagination.next_request().unwrap(),
        &versioned(),
    );
}

// `/v2/userinfo` from a versioned client ("Sign In with LinkedIn using
// OpenID Connect", https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2).
#[test]
fn per_request_base() {
    use restli_codec::ApiBase;
    snap(
        "userinfo_on_v2_from_a_versioned_client",
        Request::get("/userinfo").base(ApiBase::V2),
        &versioned(),
    );
    snap(
        "pasted_rest_url",
        Request::get("https://api.linkedin.com/rest/posts/{id}").key("id", "urn:li:share:1"),
        &versioned(),
    );
}

// The Posts API's own requests ("Posts API",
// https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api):
// CREATE on /rest/posts, and BATCH_GET of post URNs (each URN URL-encoded
// inside `List(...)`, as Rest.li 2.0 writes string keys).
#[test]
fn posts_api_requests() {
    use restli_codec::Urn;
    snap(
        "posts_create",
        Request::create(
            "/posts",
            &json!({
                "author": "urn:li:organization:5515715",
                "commentary": "Sample text Post",
                "visibility": "PUBLIC",
                "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [], "thirdPartyDistributionChannels": []},
                "lifecycleState": "PUBLISHED",
                "isReshareDisabledByAuthor": false
            }),
        ),
        &versioned(),
    );
    let ids: Vec<Urn> = ["urn:li:share:1", "urn:li:share:2"]
        .iter()
        .map(|u| u.parse().unwrap())
        .collect();
    snap(
        "posts_batch_get_of_urns",
        Request::batch_get("/posts", ids),
        &versioned(),
    );
}
