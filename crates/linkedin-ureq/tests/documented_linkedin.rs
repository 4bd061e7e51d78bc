//! The blocking client against a loopback double of LinkedIn as its
//! documentation shows it (`linkedin_test_support::documented`), separate
//! from the sandbox: raw ids, cursor pages without `paging`, `userinfo`
//! only under `/v2`. The async client's `documented_linkedin.rs` runs
//! the same scenarios.

use linkedin_oauth::AccessToken;
use linkedin_test_support::HostileServer;
use linkedin_test_support::documented::{self, BATCH_POSTS, CREATED_POST};
use linkedin_ureq::restli::{ApiBase, Endpoint, EntityResponse, Request, Urn};
use linkedin_ureq::{Client, Error};
use serde::Deserialize;
use serde_json::{Value, json};

const TOKEN: &str = "AQV-documented-linkedin-token";

/// A versioned client (everything defaults to `/rest`).
fn client(server: &HostileServer) -> Client {
    Client::builder()
        .endpoint(Endpoint::from_origin(&server.origin()).unwrap())
        .version("202601")
        .unwrap()
        .access_token(AccessToken::new(TOKEN))
        .build()
        .unwrap()
}

// Posts API: CREATE answers `x-restli-id: urn:li:share:...` raw
// (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api).
#[test]
fn create_reads_the_raw_restli_id_as_a_urn() {
    let server = HostileServer::start(documented::linkedin);
    let post = json!({"author": "urn:li:organization:5515715", "commentary": "hello"});
    let created = client(&server)
        .send::<_, linkedin_ureq::restli::CreateResponse<Urn>>(Request::create("/posts", &post))
        .unwrap();
    assert_eq!(
        created.id.map(|u| u.to_string()).as_deref(),
        Some(CREATED_POST)
    );
    assert_eq!(created.raw_id.as_deref(), Some(CREATED_POST));
    assert_eq!(
        server.count("POST", "/rest/posts"),
        1,
        "created once, no retry"
    );
}

// Same page: an id type that does not fit is still a creation, never an
// error that would invite a second post.
#[test]
fn create_with_an_id_of_another_type_is_still_a_success() {
    let server = HostileServer::start(documented::linkedin);
    let created = client(&server)
        .send::<_, linkedin_ureq::restli::CreateResponse<i64>>(Request::create(
            "/posts",
            &json!({"commentary": "x"}),
        ))
        .unwrap();
    assert_eq!(created.id, None);
    assert_eq!(created.raw_id.as_deref(), Some(CREATED_POST));
    assert_eq!(server.request_count(), 1);
}

// Same page: BATCH_GET `results` are keyed `urn:li:share:1`, raw.
#[test]
fn batch_get_finds_raw_urn_keys() {
    let server = HostileServer::start(documented::linkedin);
    let ids: Vec<Urn> = BATCH_POSTS.iter().map(|u| u.parse().unwrap()).collect();
    let batch = client(&server)
        .send::<_, linkedin_ureq::restli::BatchGetResponse<Urn, Value>>(Request::batch_get(
            "/posts",
            ids.clone(),
        ))
        .unwrap();
    for id in &ids {
        let post = batch
            .results
            .get(id)
            .unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(post["id"], id.to_string());
    }
    assert_eq!(batch.results.len(), 2);
}

#[derive(Debug, Deserialize)]
struct Account {
    id: u64,
}

// Ads cursor pagination: `pageSize`/`pageToken` in,
// `metadata.nextPageToken` out, no `paging`
// (https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/cursor-based-pagination).
#[test]
fn a_cursor_paged_finder_yields_every_element_once_and_stops() {
    let server = HostileServer::start(documented::linkedin);
    let request = Request::finder("/adAccounts", "search").param("pageSize", &5);
    let ids: Vec<u64> = client(&server)
        .paginate::<Account>(request)
        .map(|item| item.unwrap().id)
        .collect();
    // Five pages of five, tokens in order, nothing after the last page.
    documented::check_cursor_walk(&ids, &server.requests(), 5).unwrap();
    assert_eq!(server.request_count(), 5);
}

// Same page, without a `pageSize` in the request: the page size asked for
// (`count`, or the client's default) is sent as `pageSize` once the answer
// shows cursor paging, and the walk still ends.
#[test]
fn a_finder_that_turns_out_cursor_paged_sends_page_size_and_ends() {
    let server = HostileServer::start(documented::linkedin);
    let request = Request::finder("/adAccounts", "search").page(0, 4);
    let ids: Vec<u64> = client(&server)
        .paginate::<Account>(request)
        .map(|item| item.unwrap().id)
        .collect();
    // The first page is the server's default size (no `pageSize` was
    // sent), every later one asks for 4.
    documented::check_cursor_walk(&ids, &server.requests(), 4).unwrap();
}

// Sign In with LinkedIn using OpenID Connect: `/v2/userinfo` exists only
// under `/v2`
// (https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2).
#[test]
fn userinfo_is_reached_under_v2_from_a_versioned_client() {
    let server = HostileServer::start(documented::linkedin);
    let client = client(&server);

    let pasted: EntityResponse = client.send(Request::get("/v2/userinfo")).unwrap();
    assert_eq!(pasted.entity["sub"], "782bbtaQ");
    let chosen: EntityResponse = client
        .send(Request::get("/userinfo").base(ApiBase::V2))
        .unwrap();
    assert_eq!(chosen.entity["email"], "doe@email.com");
    assert_eq!(server.count("GET", "/v2/userinfo"), 2);
    let v2 = &server.requests()[0];
    assert_eq!(
        v2.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );

    // The versioned default (`/rest`) does not have it.
    let err: Error = client
        .send::<_, linkedin_ureq::restli::EntityResponse<Value>>(Request::get("/userinfo"))
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404), "{err}");
    assert_eq!(server.count("GET", "/rest/userinfo"), 1);
    assert!(
        server
            .requests()
            .iter()
            .all(|r| !r.path().contains("/v2/v2/"))
    );
}
