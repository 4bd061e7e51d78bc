//! Ids on the wire: simple keys (numbers, strings, URNs) raw in
//! `X-RestLi-Id` and as batch map keys, complex keys reduced-encoded.
//!
//! Rest.li: `URIParamUtils.encodeKeyForHeader` and `encodeKeyForBody` in
//! linkedin/rest.li
//! (`restli-common/src/main/java/com/linkedin/restli/internal/common/URIParamUtils.java`)
//! write a simple key as its string form, a complex key in the reduced
//! grammar; the conformance suite's `responses-v2/collection-create.res`
//! (`X-RestLi-Id: 1`) and `association-batch-get.res` (reduced compound keys)
//! show both. LinkedIn's own answers carry `x-restli-id: urn:li:share:…`:
//! <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api>
//! (the created post's URN comes back raw in `x-restli-id`).
//!
//! These tests read the raw header and body bytes (a plain TCP client),
//! not our typed decoders.

mod common;

use common::{Client, header, json, text_post};
use linkedin_sandbox::Sandbox;
use restli_codec::{Patch, Request, Urn};
use serde_json::json;

fn text(response: &http::Response<Vec<u8>>) -> String {
    String::from_utf8_lossy(response.body()).into_owned()
}

#[tokio::test]
async fn create_sends_a_urn_id_raw_in_x_restli_id() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let response = client
        .send(&Request::create("/posts", &text_post("hi")))
        .await;
    assert_eq!(response.status(), 201);
    assert_eq!(header(&response, "x-restli-id"), Some("urn:li:share:1"));
    // The Location is a URL: there the key stays URL-encoded.
    assert_eq!(
        header(&response, "location"),
        Some("/rest/posts/urn%3Ali%3Ashare%3A1")
    );
    // Numbers are raw as well (`X-RestLi-Id: 1`, as in the conformance suite).
    let response = client
        .send(&Request::create("/adCampaigns", &json!({"name": "c"})))
        .await;
    assert_eq!(header(&response, "x-restli-id"), Some("1"));
}

#[tokio::test]
async fn batch_create_ids_are_raw() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let response = client
        .send(&Request::batch_create(
            "/posts",
            [text_post("a"), text_post("b")],
        ))
        .await;
    assert_eq!(response.status(), 200);
    let body = json(&response);
    assert_eq!(body["elements"][0]["id"], "urn:li:share:1");
    assert_eq!(body["elements"][1]["id"], "urn:li:share:2");
    // Only the `location` (a URL) carries the URL-encoded form.
    assert_eq!(
        body["elements"][0]["location"],
        "/rest/posts/urn%3Ali%3Ashare%3A1"
    );
}

#[tokio::test]
async fn batch_answers_are_keyed_by_raw_simple_keys() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    for commentary in ["a", "b"] {
        client
            .send(&Request::create("/posts", &text_post(commentary)))
            .await;
    }
    let one = Urn::parse("urn:li:share:1").unwrap();
    let two = Urn::parse("urn:li:share:2").unwrap();
    let missing = Urn::parse("urn:li:share:99").unwrap();

    let got = client
        .send(&Request::batch_get("/posts", [&one, &missing]))
        .await;
    assert_eq!(got.status(), 200);
    let body = json(&got);
    assert_eq!(body["results"]["urn:li:share:1"]["commentary"], "a");
    assert_eq!(
        body["statuses"],
        json!({"urn:li:share:1": 200, "urn:li:share:99": 404})
    );
    assert_eq!(body["errors"]["urn:li:share:99"]["status"], 404);
    assert!(!text(&got).contains("urn%3A"), "{}", text(&got));

    let updated = client
        .send(&Request::batch_update(
            "/posts",
            [&one, &missing],
            [json!({"commentary": "A"}), json!({"commentary": "new"})],
        ))
        .await;
    assert_eq!(
        json(&updated)["results"],
        json!({"urn:li:share:1": {"status": 204}, "urn:li:share:99": {"status": 201}})
    );

    let patch = Patch::set(&json!({"commentary": "B"})).unwrap();
    let absent = Urn::parse("urn:li:share:77").unwrap();
    let patched = client
        .send(&Request::batch_partial_update(
            "/posts",
            [&two, &absent],
            [patch.clone(), patch],
        ))
        .await;
    let body = json(&patched);
    assert_eq!(body["results"], json!({"urn:li:share:2": {"status": 204}}));
    assert_eq!(body["errors"]["urn:li:share:77"]["status"], 404);

    let deleted = client
        .send(&Request::batch_delete("/posts", [&one, &absent]))
        .await;
    assert_eq!(
        json(&deleted)["results"],
        json!({"urn:li:share:1": {"status": 204}, "urn:li:share:77": {"status": 404}})
    );
}

#[tokio::test]
async fn batch_bodies_may_key_entities_raw_or_reduced() {
    // Clients following Rest.li write simple keys raw in `entities`, older
    // ones reduced-encoded: both name the same entity.
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    client
        .send(&Request::create("/posts", &text_post("a")))
        .await;
    for key in ["urn:li:share:1", "urn%3Ali%3Ashare%3A1"] {
        let request = http::Request::put(format!(
            "{}/rest/posts?ids=List(urn%3Ali%3Ashare%3A1)",
            sandbox.origin()
        ))
        .header(
            "authorization",
            format!("Bearer {}", sandbox.access_token()),
        )
        .header("x-restli-protocol-version", "2.0.0")
        .header("x-restli-method", "BATCH_UPDATE")
        .header("linkedin-version", "202606")
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&json!({"entities": {key: {"commentary": key}}})).unwrap())
        .unwrap();
        let response = client.send_http(request).await;
        assert_eq!(response.status(), 200, "{key}: {}", text(&response));
        assert_eq!(
            json(&response)["results"],
            json!({"urn:li:share:1": {"status": 204}})
        );
    }
}

#[tokio::test]
async fn complex_keys_stay_reduced_encoded() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let key = json!({"campaign": "urn:li:sponsoredCampaign:1", "day": 5});
    let created = client
        .send(&Request::update("/stats/{key}", &json!({"clicks": 1})).key("key", &key))
        .await;
    assert_eq!(created.status(), 201);
    assert_eq!(
        header(&created, "x-restli-id"),
        Some("(campaign:urn%3Ali%3AsponsoredCampaign%3A1,day:5)")
    );
    let got = client.send(&Request::batch_get("/stats", [&key])).await;
    assert_eq!(
        json(&got)["statuses"],
        json!({"(campaign:urn%3Ali%3AsponsoredCampaign%3A1,day:5)": 200})
    );
}
