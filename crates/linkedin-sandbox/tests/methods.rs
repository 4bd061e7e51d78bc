//! Each of the 14 Rest.li methods over real sockets, answered the way the
//! codec's response parsers expect.

mod common;

use common::{Client, header, json, text_post};
use linkedin_sandbox::Sandbox;
use restli_codec::response::{
    BatchCreateResponse, BatchFinderResponse, BatchGetResponse, BatchStatusResponse,
    CollectionResponse, CreateResponse,
};
use restli_codec::{Patch, Request};
use serde_json::{Value, json};

#[tokio::test]
async fn get_returns_seeded_entity_and_404_for_unknown_ids() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let found = client
        .send(&Request::get("/adAccounts/{id}").key("id", &500001))
        .await;
    assert_eq!(found.status(), 200);
    assert_eq!(header(&found, "x-restli-protocol-version"), Some("2.0.0"));
    assert_eq!(json(&found)["name"], "Sandbox Ads");

    let missing = client
        .send(&Request::get("/adAccounts/{id}").key("id", &1))
        .await;
    assert_eq!(missing.status(), 404);
    assert_eq!(header(&missing, "x-restli-error-response"), Some("true"));
    let body = json(&missing);
    assert_eq!(body["status"], 404);
    assert!(body["message"].as_str().unwrap().contains("not found"));
    assert!(body["serviceErrorCode"].is_number());
}

#[tokio::test]
async fn simple_resource_me() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::unversioned(&sandbox);
    let me = client.send(&Request::get("/me")).await;
    assert_eq!(me.status(), 200);
    let me = json(&me);
    assert!(me["id"].is_string());
    assert_eq!(me["localizedFirstName"], "Sandra");
    assert_eq!(me["localizedLastName"], "Box");
}

#[tokio::test]
async fn userinfo_names_the_same_member() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::unversioned(&sandbox);
    let me = json(&client.send(&Request::get("/me")).await);
    let info = client.send(&Request::get("/userinfo")).await;
    assert_eq!(info.status(), 200);
    let info = json(&info);
    assert_eq!(info["sub"], me["id"]);
    assert_eq!(info["name"], "Sandra Box");
}

/// `userinfo` exists only as `/v2/userinfo` on LinkedIn:
/// <https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2>.
#[tokio::test]
async fn userinfo_is_served_only_under_v2() {
    let sandbox = Sandbox::start().await.unwrap();
    let v2 = Client::unversioned(&sandbox)
        .send(&Request::get("/userinfo"))
        .await;
    assert_eq!(v2.status(), 200);
    let rest = Client::versioned(&sandbox)
        .send(&Request::get("/userinfo"))
        .await;
    assert_eq!(rest.status(), 404);
    assert_eq!(json(&rest)["status"], 404);
    assert_eq!(header(&rest, "x-restli-error-response"), Some("true"));
}

#[tokio::test]
async fn create_assigns_increasing_ids_in_x_restli_id() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let mut ids = Vec::new();
    for name in ["first", "second"] {
        let response = client
            .send(&Request::create("/adCampaigns", &json!({"text": name})))
            .await;
        assert_eq!(response.status(), 201);
        let id = header(&response, "x-restli-id").unwrap().to_owned();
        assert_eq!(
            header(&response, "location"),
            Some(format!("/rest/adCampaigns/{id}").as_str())
        );
        let created = CreateResponse::<u64>::from_http(response, "/rest/adCampaigns").unwrap();
        assert_eq!(created.id, Some(id.parse().unwrap()));
        ids.push(id.parse::<u64>().unwrap());
    }
    assert!(ids[1] > ids[0]);
    let fetched = client
        .send(&Request::get("/adCampaigns/{id}").key("id", &ids[1]))
        .await;
    assert_eq!(json(&fetched), json!({"id": ids[1], "text": "second"}));
}

#[tokio::test]
async fn posts_get_urn_ids_like_linkedin() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let response = client
        .send(&Request::create("/posts", &text_post("hi")))
        .await;
    assert_eq!(response.status(), 201);
    // Raw, as LinkedIn sends it (see tests/raw_ids.rs).
    assert_eq!(header(&response, "x-restli-id"), Some("urn:li:share:1"));
    let created = CreateResponse::<restli_codec::Urn>::from_http(response, "/rest/posts").unwrap();
    let urn = created.id.unwrap();
    assert_eq!(urn.as_str(), "urn:li:share:1");
    let fetched = client
        .send(&Request::get("/posts/{id}").key("id", &urn))
        .await;
    assert_eq!(json(&fetched)["commentary"], "hi");

    let batch = client
        .send(&Request::batch_create("/posts", [text_post("a")]))
        .await;
    let batch = BatchCreateResponse::<restli_codec::Urn>::from_http(batch, "/rest/posts").unwrap();
    assert_eq!(
        batch.elements[0].id.as_ref().map(|u| u.as_str()),
        Some("urn:li:share:2")
    );
}

#[tokio::test]
async fn batch_get_reports_per_key_statuses_and_errors() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let response = client
        .send(&Request::batch_get("/adAccounts", [500001, 500002, 999]))
        .await;
    assert_eq!(response.status(), 200);
    let body = json(&response);
    assert_eq!(body["results"]["500001"]["name"], "Sandbox Ads");
    assert_eq!(
        body["statuses"],
        json!({"500001": 200, "500002": 200, "999": 404})
    );
    assert_eq!(body["errors"]["999"]["status"], 404);
    let batch = BatchGetResponse::<u64>::from_http(response, "/rest/adAccounts").unwrap();
    assert!(batch.get(&500002).unwrap().is_ok());
    assert!(batch.get(&999).unwrap().is_err());
}

#[tokio::test]
async fn get_all_pages_with_start_and_count() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let first = json(&client.send(&Request::get_all("/adAccounts")).await);
    assert_eq!(
        first["paging"],
        json!({"start": 0, "count": 10, "total": 4, "links": []})
    );
    assert_eq!(first["elements"].as_array().unwrap().len(), 4);

    let response = client
        .send(&Request::get_all("/adAccounts").page(1, 2))
        .await;
    let page = CollectionResponse::<Value>::from_http(response, "/rest/adAccounts").unwrap();
    let ids: Vec<&Value> = page.elements.iter().map(|e| &e["id"]).collect();
    assert_eq!(ids, [&json!(500002), &json!(500003)]);

    let empty = json(&client.send(&Request::get_all("/nothingHere")).await);
    assert_eq!(empty["elements"], json!([]));
    assert_eq!(empty["paging"]["total"], 0);
}

#[tokio::test]
async fn finder_with_linkedin_search_criteria() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let request = Request::finder("/adAccounts", "search").param(
        "search",
        &json!({
            "status": {"values": ["ACTIVE", "DRAFT"]},
            "reference": {"values": ["urn:li:organization:123"]},
            "test": false
        }),
    );
    let http = client.http(&request);
    assert_eq!(
        http.uri().query(),
        Some(
            "q=search&search=(reference:(values:List(urn%3Ali%3Aorganization%3A123)),status:(values:List(ACTIVE,DRAFT)),test:false)"
        )
    );
    let found = json(&client.send_http(http).await);
    let ids: Vec<&Value> = found["elements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["id"])
        .collect();
    assert_eq!(ids, [&json!(500001), &json!(500002)]);
    // 202606 > 202401: the ads search finders page by cursor (see
    // tests/cursor_paging.rs); one page, so no nextPageToken.
    assert_eq!(found["metadata"], json!({}));
    assert!(found.get("paging").is_none());
}

#[tokio::test]
async fn finder_filters_on_plain_parameters() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let request = Request::finder("/adAccounts/{account}/adCampaignGroups", "search")
        .key("account", &500001)
        .param("account", "urn:li:sponsoredAccount:500001")
        .param("status", "PAUSED");
    let found = json(&client.send(&request).await);
    assert_eq!(found["elements"].as_array().unwrap().len(), 1);
    assert_eq!(found["elements"][0]["id"], 600002);
}

#[tokio::test]
async fn batch_finder_answers_per_criterion_in_order() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let request = Request::batch_finder(
        "/adAccounts",
        "search",
        "searchCriteria",
        [
            json!({"status": "DRAFT"}),
            json!({"status": "ACTIVE", "test": true}),
            json!({"status": "GONE"}),
        ],
    );
    let response = client.send(&request).await;
    assert_eq!(response.status(), 200);
    let found = BatchFinderResponse::<Value>::from_http(response, "/rest/adAccounts").unwrap();
    let ids: Vec<Vec<Value>> = found
        .results
        .iter()
        .map(|r| {
            r.as_ref()
                .unwrap()
                .elements
                .iter()
                .map(|e| e["id"].clone())
                .collect()
        })
        .collect();
    assert_eq!(ids, [vec![json!(500002)], vec![json!(500003)], vec![]]);
}

#[tokio::test]
async fn batch_create_returns_ids() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let response = client
        .send(&Request::batch_create(
            "/notes",
            [json!({"n": 1}), json!({"n": 2})],
        ))
        .await;
    assert_eq!(response.status(), 200);
    let body = json(&response);
    assert_eq!(body["elements"][0]["status"], 201);
    assert_eq!(body["elements"][0]["id"], "1");
    assert_eq!(body["elements"][1]["id"], "2");
    let created = BatchCreateResponse::<u64>::from_http(response, "/rest/notes").unwrap();
    assert_eq!(created.elements[1].id, Some(2));
    assert_eq!(
        sandbox.get("notes", &2).unwrap(),
        Some(json!({"id": 2, "n": 2}))
    );
}

#[tokio::test]
async fn update_replaces_or_creates() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let replace = Request::update(
        "/adAccounts/{id}",
        &json!({"name": "Renamed", "status": "PAUSED"}),
    )
    .key("id", &500001);
    let response = client.send(&replace).await;
    assert_eq!(response.status(), 204);
    assert_eq!(
        sandbox.get("adAccounts", &500001).unwrap(),
        Some(json!({"id": 500001, "name": "Renamed", "status": "PAUSED"}))
    );
    let create = Request::update("/adAccounts/{id}", &json!({"name": "New"})).key("id", &700);
    let response = client.send(&create).await;
    assert_eq!(response.status(), 201);
    assert_eq!(header(&response, "x-restli-id"), Some("700"));
}

#[tokio::test]
async fn batch_update_reports_statuses() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let request = Request::batch_update(
        "/adAccounts",
        [500001, 500002],
        [json!({"name": "One"}), json!({"name": "Two"})],
    );
    let http = client.http(&request);
    assert_eq!(http.method(), http::Method::PUT);
    let response = client.send_http(http).await;
    assert_eq!(
        json(&response),
        json!({"results": {"500001": {"status": 204}, "500002": {"status": 204}}, "errors": {}})
    );
    let statuses = BatchStatusResponse::<u64>::from_http(response, "/rest/adAccounts").unwrap();
    assert_eq!(statuses.results.get(&500001).unwrap().status, 204);
    assert_eq!(
        sandbox.get("adAccounts", &500002).unwrap().unwrap()["name"],
        "Two"
    );
}

#[tokio::test]
async fn partial_update_applies_nested_set_and_delete() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let patch = Patch::from_value(json!({
        "$set": {"status": "PAUSED"},
        "$delete": ["test"],
        "totalBudget": {"$set": {"amount": "2000.00"}}
    }))
    .unwrap();
    let request = Request::partial_update("/adAccounts/{account}/adCampaignGroups/{id}", &patch)
        .key("account", &500001)
        .key("id", &600001);
    let response = client.send(&request).await;
    assert_eq!(response.status(), 204);
    let group = sandbox
        .get("adAccounts/500001/adCampaignGroups", &600001)
        .unwrap()
        .unwrap();
    assert_eq!(group["status"], "PAUSED");
    assert!(group.get("test").is_none());
    assert_eq!(
        group["totalBudget"],
        json!({"amount": "2000.00", "currencyCode": "USD"})
    );

    let missing = Request::partial_update("/adAccounts/{account}/adCampaignGroups/{id}", &patch)
        .key("account", &500001)
        .key("id", &1);
    assert_eq!(client.send(&missing).await.status(), 404);
}

#[tokio::test]
async fn batch_partial_update_reports_missing_keys_as_errors() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let patch = Patch::set(&json!({"status": "ARCHIVED"})).unwrap();
    let request = Request::batch_partial_update(
        "/adAccounts/{account}/adCampaignGroups",
        [600001, 42],
        [patch.clone(), patch],
    )
    .key("account", &500001);
    let body = json(&client.send(&request).await);
    assert_eq!(body["results"], json!({"600001": {"status": 204}}));
    assert_eq!(body["errors"]["42"]["status"], 404);
    assert_eq!(
        sandbox
            .get("adAccounts/500001/adCampaignGroups", &600001)
            .unwrap()
            .unwrap()["status"],
        "ARCHIVED"
    );
}

#[tokio::test]
async fn delete_then_404() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let request = Request::delete("/adAccounts/{id}").key("id", &500004);
    assert_eq!(client.send(&request).await.status(), 204);
    assert_eq!(client.send(&request).await.status(), 404);
    assert_eq!(sandbox.get("adAccounts", &500004).unwrap(), None);
}

#[tokio::test]
async fn batch_delete_mirrors_the_restli_test_suite() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let body = json(
        &client
            .send(&Request::batch_delete("/adAccounts", [500001, 3]))
            .await,
    );
    assert_eq!(
        body,
        json!({"results": {"500001": {"status": 204}, "3": {"status": 404}}, "errors": {}})
    );
}

#[tokio::test]
async fn action_echoes_its_parameters() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let params = json!({"account": "urn:li:sponsoredAccount:500001", "dryRun": true});
    let response = client
        .send(&Request::action("/adAccounts", "validate", &params))
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(json(&response), json!({"value": params}));
}

#[tokio::test]
async fn complex_keys_match_however_escaped() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let key = json!({"member": "urn:li:person:abc", "day": "2024-06-01"});
    let put = Request::update("/dailyStats/{key}", &json!({"clicks": 3})).key("key", &key);
    assert_eq!(client.send(&put).await.status(), 201);
    // The same key, written with more escapes than needed and fields unsorted.
    let mut http = client.http(&Request::get("/x"));
    *http.uri_mut() = format!(
        "{}/rest/dailyStats/(member:urn%3Ali%3Aperson%3Aabc,day:2024%2D06%2D01)",
        sandbox.origin()
    )
    .parse()
    .unwrap();
    let response = client.send_http(http).await;
    assert_eq!(response.status(), 200);
    assert_eq!(json(&response), json!({"clicks": 3}));
    let batch = json(&client.send(&Request::batch_get("/dailyStats", [key])).await);
    assert_eq!(
        batch["statuses"],
        json!({"(day:2024-06-01,member:urn%3Ali%3Aperson%3Aabc)": 200})
    );
}

#[tokio::test]
async fn subresources_and_both_prefixes_share_data() {
    let sandbox = Sandbox::start().await.unwrap();
    let versioned = Client::versioned(&sandbox);
    let unversioned = Client::unversioned(&sandbox);
    let create = Request::create("/adAccounts/{account}/adCampaigns", &json!({"name": "c"}))
        .key("account", &500001);
    let response = versioned.send(&create).await;
    assert_eq!(response.status(), 201);
    let get = Request::get("/adAccounts/{account}/adCampaigns/{id}")
        .key("account", &500001)
        .key("id", &1);
    assert_eq!(json(&unversioned.send(&get).await)["name"], "c");
    let other_parent = Request::get("/adAccounts/{account}/adCampaigns/{id}")
        .key("account", &500002)
        .key("id", &1);
    assert_eq!(unversioned.send(&other_parent).await.status(), 404);
}

#[tokio::test]
async fn methods_are_inferred_without_the_header() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let mut http = client.http(&Request::batch_get("/adAccounts", [500001]));
    http.headers_mut().remove("x-restli-method");
    let body = json(&client.send_http(http).await);
    assert_eq!(body["statuses"], json!({"500001": 200}));
    let mut http = client.http(&Request::finder("/adAccounts", "search").param("status", "DRAFT"));
    http.headers_mut().remove("x-restli-method");
    let body = json(&client.send_http(http).await);
    assert_eq!(body["elements"].as_array().unwrap().len(), 1);
}
