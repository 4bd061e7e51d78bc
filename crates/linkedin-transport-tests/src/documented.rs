//! Against a loopback double of LinkedIn as its documentation shows it
//! (`linkedin_test_support::documented`), separate from the sandbox: raw
//! ids, cursor pages without `paging`, `userinfo` only under `/v2`.

use linkedin_client_core::Error;
use linkedin_test_support::HostileServer;
use linkedin_test_support::documented::{self, BATCH_POSTS, CREATED_POST};
use restli_codec::response::{BatchGetResponse, CreateResponse};
use restli_codec::{ApiBase, EntityResponse, Request, Urn};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::wire::status_of;
use crate::{Setup, Transport};

const TOKEN: &str = "AQV-documented-linkedin-token";

/// A versioned client (everything defaults to `/rest`).
fn client<T: Transport>(server: &HostileServer) -> T {
    T::build(Setup::new(&server.origin()).version("202601").token(TOKEN)).expect("client")
}

// Posts API: CREATE answers `x-restli-id: urn:li:share:...` raw
// (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api).
/// CREATE reads the raw `x-restli-id` as a URN, and creates once.
pub fn create_reads_the_raw_restli_id_as_a_urn<T: Transport>() {
    let server = HostileServer::start(documented::linkedin);
    let post = json!({"author": "urn:li:organization:5515715", "commentary": "hello"});
    let created: CreateResponse<Urn> = client::<T>(&server)
        .send(Request::create("/posts", &post))
        .expect("created");
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
/// A CREATE whose id does not fit the asked type is still a success, with
/// the raw id kept.
pub fn create_with_an_id_of_another_type_is_still_a_success<T: Transport>() {
    let server = HostileServer::start(documented::linkedin);
    let created: CreateResponse<i64> = client::<T>(&server)
        .send(Request::create("/posts", &json!({"commentary": "x"})))
        .expect("created");
    assert_eq!(created.id, None);
    assert_eq!(created.raw_id.as_deref(), Some(CREATED_POST));
    assert_eq!(server.request_count(), 1);
}

// Same page: BATCH_GET `results` are keyed `urn:li:share:1`, raw.
/// BATCH_GET finds its raw URN keys in the answer.
pub fn batch_get_finds_raw_urn_keys<T: Transport>() {
    let server = HostileServer::start(documented::linkedin);
    let ids: Vec<Urn> = BATCH_POSTS
        .iter()
        .map(|u| u.parse().expect("a URN"))
        .collect();
    let batch: BatchGetResponse<Urn, Value> = client::<T>(&server)
        .send(Request::batch_get("/posts", ids.clone()))
        .expect("batch_get");
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
/// A cursor-paged finder yields every element once and stops after the
/// last page.
pub fn a_cursor_paged_finder_yields_every_element_once_and_stops<T: Transport>() {
    let server = HostileServer::start(documented::linkedin);
    let request = Request::finder("/adAccounts", "search").param("pageSize", &5);
    let ids: Vec<u64> = client::<T>(&server)
        .paginate::<Account>(request)
        .into_iter()
        .map(|item| item.expect("an element").id)
        .collect();
    // Five pages of five, tokens in order, nothing after the last page.
    documented::check_cursor_walk(&ids, &server.requests(), 5).expect("the walk");
    assert_eq!(server.request_count(), 5);
}

// Same page, without a `pageSize` in the request: the page size asked for
// (`count`, or the client's default) is sent as `pageSize` once the answer
// shows cursor paging, and the walk still ends.
/// A finder that turns out cursor-paged sends `pageSize` from then on, and
/// ends.
pub fn a_finder_that_turns_out_cursor_paged_sends_page_size_and_ends<T: Transport>() {
    let server = HostileServer::start(documented::linkedin);
    let request = Request::finder("/adAccounts", "search").page(0, 4);
    let ids: Vec<u64> = client::<T>(&server)
        .paginate::<Account>(request)
        .into_iter()
        .map(|item| item.expect("an element").id)
        .collect();
    // The first page is the server's default size (no `pageSize` was
    // sent), every later one asks for 4.
    documented::check_cursor_walk(&ids, &server.requests(), 4).expect("the walk");
}

// Sign In with LinkedIn using OpenID Connect: `/v2/userinfo` exists only
// under `/v2`
// (https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2).
/// `userinfo` is reached under `/v2` from a versioned client, pasted or
/// chosen with `.base(ApiBase::V2)`; the `/rest` default does not have it.
pub fn userinfo_is_reached_under_v2_from_a_versioned_client<T: Transport>() {
    let server = HostileServer::start(documented::linkedin);
    let client: T = client(&server);

    let pasted: EntityResponse = client.send(Request::get("/v2/userinfo")).expect("pasted");
    assert_eq!(pasted.entity["sub"], "782bbtaQ");
    let chosen: EntityResponse = client
        .send(Request::get("/userinfo").base(ApiBase::V2))
        .expect("chosen");
    assert_eq!(chosen.entity["email"], "doe@email.com");
    assert_eq!(server.count("GET", "/v2/userinfo"), 2);
    let v2 = &server.requests()[0];
    assert_eq!(
        v2.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );

    // The versioned default (`/rest`) does not have it.
    let err: Error = client
        .send::<EntityResponse>(Request::get("/userinfo"))
        .expect_err("a 404");
    assert_eq!(status_of(&err), Some(404), "{err}");
    assert_eq!(server.count("GET", "/rest/userinfo"), 1);
    assert!(
        server
            .requests()
            .iter()
            .all(|r| !r.path().contains("/v2/v2/"))
    );
}
