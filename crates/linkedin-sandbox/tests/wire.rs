//! The wire, as LinkedIn's: request ids on every answer, `fields`
//! projections honoured, structured `errorDetails` on validation errors.

mod common;

use common::{Client, header, json, send};
use linkedin_sandbox::{Fault, Sandbox};
use restli_codec::Request;
use serde_json::json;

/// `x-li-uuid` on every answer and `x-li-request-id` on API answers:
/// LinkedIn's error-handling page asks for both when reporting a failed
/// call (<https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling>,
/// "500 Internal Server Error").
#[tokio::test]
async fn every_answer_carries_x_li_uuid_and_api_answers_x_li_request_id() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let ok = client.send(&Request::get("/me")).await;
    let uuid = header(&ok, "x-li-uuid").unwrap().to_owned();
    assert_eq!(uuid.len(), 24, "{uuid}");
    assert!(uuid.ends_with("=="), "{uuid}");
    assert!(header(&ok, "x-li-request-id").is_some());

    // Errors, OAuth answers, 404s and injected faults carry one too, each
    // its own.
    let mut unauthenticated = Client::versioned(&sandbox);
    unauthenticated.token = None;
    let denied = unauthenticated.send(&Request::get("/me")).await;
    assert_eq!(denied.status(), 401);
    let other = header(&denied, "x-li-uuid").unwrap();
    assert_ne!(other, uuid);
    let oauth = http::Request::post(format!("{}/accessToken", sandbox.oauth_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(b"grant_type=client_credentials".to_vec())
        .unwrap();
    let oauth = send(sandbox.addr(), oauth).await.unwrap();
    assert!(header(&oauth, "x-li-uuid").is_some());
    assert!(header(&oauth, "x-li-request-id").is_none());
    let nowhere = http::Request::get(format!("{}/nowhere", sandbox.origin()))
        .body(Vec::new())
        .unwrap();
    assert!(header(&send(sandbox.addr(), nowhere).await.unwrap(), "x-li-uuid").is_some());
    sandbox.inject(Fault::daily_limit(0).times(1));
    let throttled = client.send(&Request::get("/me")).await;
    assert_eq!(throttled.status(), 429);
    assert!(header(&throttled, "x-li-uuid").is_some());
}

/// `fields` selects fields, nested with `a:(b,c)`, as Rest.li projections
/// (<https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/projections>;
/// linkedin/rest.li `data-transform/.../filter/`).
#[tokio::test]
async fn fields_projections_select_fields_of_each_entity() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);

    let get = Request::get("/adAccounts/{id}")
        .key("id", &500001)
        .fields("id,name");
    let account = json(&client.send(&get).await);
    assert_eq!(account, json!({"id": 500001, "name": "Sandbox Ads"}));

    let nested = Request::get("/adAccounts/500001/adCampaignGroups/{id}")
        .key("id", &600001)
        .fields("id,totalBudget:(amount)");
    let group = json(&client.send(&nested).await);
    assert_eq!(
        group,
        json!({"id": 600001, "totalBudget": {"amount": "1000.00"}})
    );

    // Exclusions keep the rest.
    let minus = Request::get("/me").fields("-vanityName,-localizedLastName");
    let me = json(&client.send(&minus).await);
    assert_eq!(
        me,
        json!({"id": "sAnDb0x1d", "localizedFirstName": "Sandra"})
    );

    // Collections: each element, not the envelope.
    let all = Request::get_all("/adAccounts")
        .param("count", &2)
        .fields("id");
    let page = json(&client.send(&all).await);
    assert_eq!(page["elements"], json!([{"id": 500001}, {"id": 500002}]));
    assert_eq!(page["paging"]["count"], 2);

    // Batch get: each result.
    let batch = Request::batch_get("/adAccounts", [500001, 500003]).fields("status");
    let results = json(&client.send(&batch).await);
    assert_eq!(
        results["results"],
        json!({"500001": {"status": "ACTIVE"}, "500003": {"status": "ACTIVE"}})
    );

    // Without `fields`, everything.
    let whole = json(
        &client
            .send(&Request::get("/adAccounts/{id}").key("id", &500001))
            .await,
    );
    assert_eq!(whole["currency"], "USD");
}

/// Validation errors carry LinkedIn's `errorDetailType` and
/// `errorDetails.inputErrors` naming the input
/// (<https://learn.microsoft.com/en-us/linkedin/marketing/error-responses>).
#[tokio::test]
async fn validation_errors_carry_error_details() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);

    let bad_count = Request::get_all("/adAccounts").param("count", "many");
    let response = client.send(&bad_count).await;
    assert_eq!(response.status(), 400);
    let body = json(&response);
    assert_eq!(
        body["errorDetailType"],
        "com.linkedin.common.error.BadRequest"
    );
    let input = &body["errorDetails"]["inputErrors"][0];
    assert_eq!(input["input"]["inputPath"]["fieldPath"], "count");
    assert_eq!(input["code"], "INVALID_VALUE");
    assert!(input["description"].as_str().unwrap().contains("count"));

    let bad_fields = Request::get("/me").fields("id,author:(name");
    let body = json(&client.send(&bad_fields).await);
    assert_eq!(body["status"], 400);
    assert_eq!(
        body["errorDetails"]["inputErrors"][0]["input"]["inputPath"]["fieldPath"],
        "fields"
    );

    let array = Request::create("/adCampaigns", &json!([1, 2]));
    let body = json(&client.send(&array).await);
    assert_eq!(body["status"], 400);
    assert_eq!(
        body["errorDetails"]["inputErrors"][0]["input"]["inputPath"]["fieldPath"],
        "/"
    );

    // Other errors have none.
    let missing = json(
        &client
            .send(&Request::get("/adAccounts/{id}").key("id", &1))
            .await,
    );
    assert_eq!(missing["status"], 404);
    assert!(missing.get("errorDetails").is_none());
}
