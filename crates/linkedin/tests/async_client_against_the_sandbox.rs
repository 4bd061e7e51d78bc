//! The facade's async client against the local sandbox: the 14 methods,
//! a tunneled batch of complex keys, pagination, retries after injected
//! faults, OAuth, and a token source.
#![cfg(feature = "async")]

use std::time::Duration;

use linkedin::oauth::{AccessToken, BaseUrl, ClientId, ClientSecret, OAuthConfig};
use linkedin::prelude::*;
use linkedin::sandbox::{Fault, Sandbox};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

async fn client(sandbox: &Sandbox) -> Client {
    Client::builder()
        .endpoint(Endpoint::from_origin(sandbox.origin()).unwrap())
        .version("202606")
        .retry_policy(RetryPolicy::default().base_delay(Duration::from_millis(20)))
        .access_token(AccessToken::new(sandbox.access_token()))
        .build()
        .unwrap()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Group {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<u64>,
    name: String,
    status: String,
}

fn group(name: &str, status: &str) -> Group {
    Group {
        id: None,
        name: name.into(),
        status: status.into(),
    }
}

#[tokio::test]
async fn all_fourteen_methods_work_against_the_sandbox() {
    let sandbox = Sandbox::builder().empty().start().await.unwrap();
    let client = client(&sandbox).await;

    let created: CreateResponse<u64> = client
        .send(Request::create("/groups", &group("a", "DRAFT")))
        .await
        .unwrap();
    let a = created.id.unwrap();

    let batch: BatchCreateResponse<u64> = client
        .send(Request::batch_create(
            "/groups",
            [group("b", "DRAFT"), group("c", "ACTIVE")],
        ))
        .await
        .unwrap();
    let ids: Vec<u64> = batch.elements.iter().map(|i| i.id.unwrap()).collect();
    let (b, c) = (ids[0], ids[1]);

    let one: EntityResponse<Group> = client
        .send(Request::get("/groups/{id}").key("id", &a))
        .await
        .unwrap();
    assert_eq!(one.entity.name, "a");

    let some: BatchGetResponse<u64, Group> = client
        .send(Request::batch_get("/groups", [a, b]))
        .await
        .unwrap();
    assert_eq!(some.results.len(), 2);

    let all: CollectionResponse<Group> = client.send(Request::get_all("/groups")).await.unwrap();
    assert_eq!(all.elements.len(), 3);

    let drafts: CollectionResponse<Group> = client
        .send(Request::finder("/groups", "byStatus").param("status", "DRAFT"))
        .await
        .unwrap();
    assert_eq!(drafts.elements.len(), 2);

    let by_status: BatchFinderResponse<Group> = client
        .send(Request::batch_finder(
            "/groups",
            "byStatus",
            "criteria",
            [json!({"status": "DRAFT"}), json!({"status": "ACTIVE"})],
        ))
        .await
        .unwrap();
    let sizes: Vec<usize> = by_status
        .results
        .iter()
        .map(|r| r.as_ref().unwrap().elements.len())
        .collect();
    assert_eq!(sizes, [2, 1]);

    client
        .send(Request::update("/groups/{id}", &group("a2", "DRAFT")).key("id", &a))
        .await
        .unwrap();

    let replaced: BatchStatusResponse<u64> = client
        .send(Request::batch_update(
            "/groups",
            [b, c],
            [group("b2", "DRAFT"), group("c2", "ACTIVE")],
        ))
        .await
        .unwrap();
    assert_eq!(replaced.results.len(), 2);

    client
        .send(
            Request::partial_update(
                "/groups/{id}",
                &Patch::set(&json!({"status": "ACTIVE"})).unwrap(),
            )
            .key("id", &a),
        )
        .await
        .unwrap();

    let archive = Patch::set(&json!({"status": "ARCHIVED"})).unwrap();
    let patched: BatchStatusResponse<u64> = client
        .send(Request::batch_partial_update(
            "/groups",
            [b, c],
            [archive.clone(), archive],
        ))
        .await
        .unwrap();
    assert_eq!(patched.results.len(), 2);

    let echoed: ActionResponse = client
        .send(Request::action(
            "/groups",
            "ping",
            &json!({"message": "hi"}),
        ))
        .await
        .unwrap();
    assert_eq!(echoed.value.unwrap()["message"], "hi");

    let after: EntityResponse<Group> = client
        .send(Request::get("/groups/{id}").key("id", &a))
        .await
        .unwrap();
    assert_eq!(
        (after.entity.name.as_str(), after.entity.status.as_str()),
        ("a2", "ACTIVE")
    );
    assert_eq!(
        sandbox.get("groups", &b).unwrap().unwrap()["status"],
        "ARCHIVED"
    );

    client
        .send(Request::delete("/groups/{id}").key("id", &a))
        .await
        .unwrap();
    let deleted: BatchStatusResponse<u64> = client
        .send(Request::batch_delete("/groups", [b, c]))
        .await
        .unwrap();
    assert_eq!(deleted.results.len(), 2);
    let left: CollectionResponse<Group> = client.send(Request::get_all("/groups")).await.unwrap();
    assert!(left.elements.is_empty());
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct PairKey {
    campaign: String,
    creative: u32,
}

#[tokio::test]
async fn a_batch_get_of_500_complex_keys_is_tunneled_and_answered() {
    let sandbox = Sandbox::builder().empty().start().await.unwrap();
    let keys: Vec<PairKey> = (0..500)
        .map(|i| PairKey {
            campaign: format!("urn:li:sponsoredCampaign:{i}"),
            creative: i,
        })
        .collect();
    for key in &keys {
        sandbox
            .insert(
                "creativePairs",
                key,
                json!({"label": format!("pair {}", key.creative)}),
            )
            .unwrap();
    }
    let client = client(&sandbox).await;

    let batch: BatchGetResponse<PairKey, Value> = client
        .send(Request::batch_get("/creativePairs", keys.clone()))
        .await
        .unwrap();

    assert_eq!(batch.results.len(), 500);
    for key in &keys {
        let entity = batch.get(key).unwrap().unwrap();
        assert_eq!(entity["label"], format!("pair {}", key.creative));
    }
    assert_eq!(sandbox.stats().total(), 1);
}

#[tokio::test]
async fn paginate_walks_a_seeded_collection_once() {
    let sandbox = Sandbox::builder().empty().start().await.unwrap();
    for id in 1..=23u64 {
        sandbox
            .insert("campaigns", &id, json!({"name": format!("c{id}")}))
            .unwrap();
    }
    let client = client(&sandbox).await;

    let ids: Vec<u64> = client
        .paginate::<Value>(Request::get_all("/campaigns").page(0, 5))
        .map_ok(|c| c["id"].as_u64().unwrap())
        .try_collect()
        .await
        .unwrap();

    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted, (1..=23).collect::<Vec<_>>());
    assert_eq!(ids.len(), 23, "no element twice");
}

#[tokio::test]
async fn injected_faults_are_retried_by_the_rules() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = client(&sandbox).await;

    sandbox.inject(Fault::status(linkedin::http::StatusCode::SERVICE_UNAVAILABLE).times(2));
    let _: EntityResponse = client.send(Request::get("/me")).await.unwrap();
    assert_eq!(sandbox.request_count("/rest/me"), 3);

    sandbox.inject(Fault::status(linkedin::http::StatusCode::INTERNAL_SERVER_ERROR).times(1));
    let err = client
        .send::<_, linkedin::CreateResponse<u64>>(Request::create(
            "/adCampaignGroups",
            &json!({"name": "x"}),
        ))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(sandbox.request_count("/rest/adCampaignGroups"), 1);
}

#[tokio::test]
async fn a_client_credentials_token_source_gets_a_token_the_sandbox_accepts() {
    let sandbox = Sandbox::start().await.unwrap();
    let oauth = OAuthConfig::new(
        ClientId::new(sandbox.client_id()),
        ClientSecret::new(sandbox.client_secret()),
    )
    .base_url(BaseUrl::parse(&sandbox.oauth_url()).unwrap());
    let client = Client::builder()
        .endpoint(Endpoint::from_origin(sandbox.origin()).unwrap())
        .version("202606")
        .token_source(TokenSource::client_credentials(oauth))
        .build()
        .unwrap();

    let account: EntityResponse = client
        .send(Request::get("/adAccounts/{id}").key("id", &500001))
        .await
        .unwrap();
    assert_eq!(account.entity["id"], 500001);
    let info = client
        .introspect(&client.tokens().unwrap().access_token)
        .await
        .unwrap();
    assert!(info.active);
}
