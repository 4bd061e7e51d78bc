//! End to end against `linkedin-sandbox`, the LinkedIn-shaped local server:
//! real Rest.li semantics, its OAuth endpoints and its fault injection.

mod support;

use std::time::Duration;

use linkedin_oauth::{AccessToken, BaseUrl, ClientId, ClientSecret, OAuthConfig};
use linkedin_sandbox::{Fault, Sandbox};
use linkedin_ureq::{Client, Error, TokenSource};
use restli_codec::response::{
    ActionResponse, BatchGetResponse, BatchStatusResponse, CollectionResponse, CreateResponse,
    EntityResponse,
};
use restli_codec::{Endpoint, Patch, Request, RetryPolicy};
use serde_json::{Value, json};

fn client(sandbox: &Sandbox) -> Client {
    Client::builder()
        .endpoint(Endpoint::from_origin(sandbox.origin()).unwrap())
        .version("202606")
        .unwrap()
        .retry_policy(RetryPolicy::default().base_delay(Duration::from_millis(10)))
        .access_token(AccessToken::new(sandbox.access_token()))
        .build()
        .unwrap()
}

#[test]
fn a_resource_lives_through_create_read_update_search_and_delete() -> Result<(), Error> {
    support::init_logs();
    let sandbox = Sandbox::spawn().unwrap();
    let client = client(&sandbox);

    let mut ids = Vec::new();
    for (name, status) in [
        ("spring", "ACTIVE"),
        ("summer", "PAUSED"),
        ("autumn", "ACTIVE"),
    ] {
        let created: CreateResponse<u64> = client.send(Request::create(
            "/testCampaigns",
            &json!({"name": name, "status": status}),
        ))?;
        ids.push(created.id.expect("the sandbox returns X-RestLi-Id"));
    }

    let one: EntityResponse =
        client.send(Request::get("/testCampaigns/{id}").key("id", &ids[0]))?;
    assert_eq!(one.entity["name"], "spring");

    let batch: BatchGetResponse<u64> =
        client.send(Request::batch_get("/testCampaigns", ids.clone()))?;
    assert_eq!(batch.results.len(), 3);

    let patch = Patch::set(&json!({"status": "ARCHIVED"})).unwrap();
    client.send(Request::partial_update("/testCampaigns/{id}", &patch).key("id", &ids[1]))?;
    let active: CollectionResponse =
        client.send(Request::finder("/testCampaigns", "search").param("status", "ACTIVE"))?;
    assert_eq!(active.elements.len(), 2);

    let all: Vec<Value> = client
        .paginate(Request::get_all("/testCampaigns").page(0, 2))
        .collect::<Result<_, _>>()?;
    assert_eq!(all.len(), 3);

    let echoed: ActionResponse =
        client.send(Request::action("/testCampaigns", "echo", &json!({"x": 1})))?;
    assert_eq!(echoed.value, Some(json!({"x": 1})));

    let deleted: BatchStatusResponse<u64> =
        client.send(Request::batch_delete("/testCampaigns", ids.clone()))?;
    assert!(
        deleted
            .results
            .values()
            .all(|item| item.status.is_success())
    );
    let gone = client
        .send::<_, linkedin_ureq::restli::EntityResponse<Value>>(
            Request::get("/testCampaigns/{id}").key("id", &ids[0]),
        )
        .unwrap_err();
    assert_eq!(gone.status().map(|s| s.as_u16()), Some(404));
    support::assert_logs_hide(&[sandbox.access_token()]);
    Ok(())
}

#[test]
fn injected_faults_are_retried_by_the_policy() -> Result<(), Error> {
    support::init_logs();
    let sandbox = Sandbox::spawn().unwrap();
    let client = client(&sandbox);
    let _: CreateResponse<u64> = client.send(Request::create("/faulty", &json!({"name": "x"})))?;

    sandbox.inject(Fault::status(http::StatusCode::SERVICE_UNAVAILABLE).times(2));
    let all: CollectionResponse = client.send(Request::get_all("/faulty"))?;
    assert_eq!(all.elements.len(), 1);
    assert_eq!(
        sandbox.request_count("/rest/faulty"),
        4,
        "1 create, 2 faults, 1 success"
    );

    sandbox.inject(Fault::drop_connection().times(1));
    let err = client
        .send::<_, linkedin_ureq::restli::CreateResponse<u64>>(Request::create(
            "/faulty",
            &json!({"name": "y"}),
        ))
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    Ok(())
}

#[test]
fn a_two_legged_token_source_works_against_the_sandbox_oauth() -> Result<(), Error> {
    support::init_logs();
    let sandbox = Sandbox::spawn().unwrap();
    let app = OAuthConfig::new(
        ClientId::new(sandbox.client_id()),
        ClientSecret::new(sandbox.client_secret()),
    )
    .base_url(BaseUrl::parse(&sandbox.oauth_url()).unwrap());
    let client = Client::builder()
        .endpoint(Endpoint::from_origin(sandbox.origin()).unwrap())
        .token_source(TokenSource::client_credentials(app))
        .build()?;

    let me: EntityResponse = client.send(Request::get("/me"))?;
    assert!(me.entity.is_object());
    let token = client.tokens().expect("fetched on first use").access_token;
    let info = client.introspect(&token)?;
    assert!(info.active);
    support::assert_logs_hide(&[token.secret(), sandbox.client_secret()]);
    Ok(())
}
