//! End to end against `linkedin-sandbox`, the LinkedIn-shaped local
//! server: real Rest.li semantics, its OAuth endpoints and its fault
//! injection (see the sandbox's `FIDELITY.md` for the pages it follows).

use std::time::Duration;

use linkedin_client_core::Error;
use linkedin_oauth::{BaseUrl, ClientId, ClientSecret, OAuthConfig};
use linkedin_sandbox::{Fault, Sandbox};
use restli_codec::response::{
    ActionResponse, BatchGetResponse, BatchStatusResponse, CollectionResponse, CreateResponse,
    EntityResponse, StatusResponse,
};
use restli_codec::{Patch, Request, RetryPolicy};
use serde_json::{Value, json};

use crate::wire::status_of;
use crate::{Auth, Setup, Transport, logs};

fn client<T: Transport>(sandbox: &Sandbox) -> T {
    T::build(
        Setup::new(sandbox.origin())
            .version("202606")
            .retry(RetryPolicy::default().base_delay(Duration::from_millis(10)))
            .token(sandbox.access_token()),
    )
    .expect("client")
}

/// A resource lives through create, read, batch read, patch, search,
/// paging, an action and a batch delete.
pub fn a_resource_lives_through_create_read_update_search_and_delete<T: Transport>() {
    logs::init();
    let sandbox = Sandbox::spawn().expect("a sandbox");
    let client: T = client(&sandbox);

    let mut ids = Vec::new();
    for (name, status) in [
        ("spring", "ACTIVE"),
        ("summer", "PAUSED"),
        ("autumn", "ACTIVE"),
    ] {
        let created: CreateResponse<u64> = client
            .send(Request::create(
                "/testCampaigns",
                &json!({"name": name, "status": status}),
            ))
            .expect("create");
        ids.push(created.id.expect("the sandbox returns X-RestLi-Id"));
    }

    let one: EntityResponse = client
        .send(Request::get("/testCampaigns/{id}").key("id", &ids[0]))
        .expect("get");
    assert_eq!(one.entity["name"], "spring");

    let batch: BatchGetResponse<u64> = client
        .send(Request::batch_get("/testCampaigns", ids.clone()))
        .expect("batch_get");
    assert_eq!(batch.results.len(), 3);

    let patch = Patch::set(&json!({"status": "ARCHIVED"})).expect("patch");
    let _: StatusResponse = client
        .send(Request::partial_update("/testCampaigns/{id}", &patch).key("id", &ids[1]))
        .expect("partial_update");
    let active: CollectionResponse = client
        .send(Request::finder("/testCampaigns", "search").param("status", "ACTIVE"))
        .expect("finder");
    assert_eq!(active.elements.len(), 2);

    let all: Vec<Value> = client
        .paginate(Request::get_all("/testCampaigns").page(0, 2))
        .into_iter()
        .collect::<Result<_, _>>()
        .expect("every page");
    assert_eq!(all.len(), 3);

    let echoed: ActionResponse = client
        .send(Request::action("/testCampaigns", "echo", &json!({"x": 1})))
        .expect("action");
    assert_eq!(echoed.value, Some(json!({"x": 1})));

    let deleted: BatchStatusResponse<u64> = client
        .send(Request::batch_delete("/testCampaigns", ids.clone()))
        .expect("batch_delete");
    assert!(
        deleted
            .results
            .values()
            .all(|item| item.status.is_success())
    );
    let gone = client
        .send::<EntityResponse>(Request::get("/testCampaigns/{id}").key("id", &ids[0]))
        .expect_err("deleted");
    assert_eq!(status_of(&gone), Some(404));
    logs::assert_hidden(&[sandbox.access_token()]);
}

/// Injected 503s are retried by the policy; a dropped connection to a
/// CREATE is a transport error.
pub fn injected_faults_are_retried_by_the_policy<T: Transport>() {
    let sandbox = Sandbox::spawn().expect("a sandbox");
    let client: T = client(&sandbox);
    let _: CreateResponse<u64> = client
        .send(Request::create("/faulty", &json!({"name": "x"})))
        .expect("create");

    sandbox.inject(Fault::status(http::StatusCode::SERVICE_UNAVAILABLE).times(2));
    let all: CollectionResponse = client.send(Request::get_all("/faulty")).expect("get_all");
    assert_eq!(all.elements.len(), 1);
    assert_eq!(
        sandbox.request_count("/rest/faulty"),
        4,
        "1 create, 2 faults, 1 success"
    );

    sandbox.inject(Fault::drop_connection().times(1));
    let err = client
        .send::<CreateResponse<u64>>(Request::create("/faulty", &json!({"name": "y"})))
        .expect_err("dropped");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
}

/// A 2-legged token source works against the sandbox's OAuth endpoints,
/// and the fetched token introspects as active.
pub fn a_two_legged_token_source_works_against_the_sandbox_oauth<T: Transport>() {
    logs::init();
    let sandbox = Sandbox::spawn().expect("a sandbox");
    let app = OAuthConfig::new(
        ClientId::new(sandbox.client_id()),
        ClientSecret::new(sandbox.client_secret()),
    )
    .base_url(BaseUrl::parse(&sandbox.oauth_url()).expect("base URL"));
    let client = T::build(Setup {
        origin: Some(sandbox.origin().to_owned()),
        auth: Auth::ClientCredentials(app),
        ..Setup::default()
    })
    .expect("client");

    let me: EntityResponse = client.send(Request::get("/me")).expect("me");
    assert!(me.entity.is_object());
    let token = client.tokens().expect("fetched on first use").access_token;
    let info = client.introspect(&token).expect("introspection");
    assert!(info.active);
    logs::assert_hidden(&[token.secret(), sandbox.client_secret()]);
}
