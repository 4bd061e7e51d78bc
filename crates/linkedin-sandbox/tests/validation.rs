//! LinkedIn's request checks, each answered with a LinkedIn-shaped error.

mod common;

use common::{Client, header, json};
use linkedin_sandbox::Sandbox;
use restli_codec::Request;
use serde_json::Value;

async fn error_of(client: &Client, request: http::Request<Vec<u8>>) -> (u16, Value) {
    let response = client.send_http(request).await;
    assert_eq!(header(&response, "x-restli-error-response"), Some("true"));
    let body = json(&response);
    assert_eq!(body["status"], response.status().as_u16());
    assert!(body["message"].is_string());
    // LinkedIn's version errors are the ones without a serviceErrorCode.
    let version_error = matches!(
        body["code"].as_str(),
        Some("VERSION_MISSING" | "NONEXISTENT_VERSION")
    );
    assert!(body["serviceErrorCode"].is_number() || version_error);
    (response.status().as_u16(), body)
}

#[tokio::test]
async fn missing_token_is_401_empty_access_token() {
    let sandbox = Sandbox::start().await.unwrap();
    let mut client = Client::versioned(&sandbox);
    client.token = None;
    let (status, body) = error_of(&client, client.http(&Request::get("/me"))).await;
    assert_eq!(status, 401);
    assert_eq!(body["serviceErrorCode"], 65604);
    assert_eq!(body["code"], "EMPTY_ACCESS_TOKEN");
}

#[tokio::test]
async fn unknown_token_is_401_invalid_access_token() {
    let sandbox = Sandbox::start().await.unwrap();
    let mut client = Client::unversioned(&sandbox);
    client.token = Some("made-up".into());
    let (status, body) = error_of(&client, client.http(&Request::get("/me"))).await;
    assert_eq!(status, 401);
    assert_eq!(body["serviceErrorCode"], 65600);
    assert_eq!(body["code"], "INVALID_ACCESS_TOKEN");
    assert_eq!(body["message"], "Invalid access token");
}

#[tokio::test]
async fn other_authorization_schemes_are_401() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::unversioned(&sandbox);
    let mut request = client.http(&Request::get("/me"));
    request
        .headers_mut()
        .insert("authorization", "Basic dXNlcjpwYXNz".parse().unwrap());
    let (status, body) = error_of(&client, request).await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "UNKNOWN_AUTHENTICATION_SCHEME");
}

#[tokio::test]
async fn protocol_version_must_be_2_0_0() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::unversioned(&sandbox);
    let mut missing = client.http(&Request::get("/me"));
    missing.headers_mut().remove("x-restli-protocol-version");
    let (status, body) = error_of(&client, missing).await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "INVALID_PROTOCOL_VERSION");

    let mut wrong = client.http(&Request::get("/me"));
    wrong
        .headers_mut()
        .insert("x-restli-protocol-version", "1.0.0".parse().unwrap());
    let (status, body) = error_of(&client, wrong).await;
    assert_eq!(status, 400);
    assert!(body["message"].as_str().unwrap().contains("1.0.0"));
}

#[tokio::test]
async fn rest_needs_a_well_formed_linkedin_version() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let mut missing = client.http(&Request::get("/me"));
    missing.headers_mut().remove("linkedin-version");
    let (status, body) = error_of(&client, missing).await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "VERSION_MISSING");
    assert!(body.get("serviceErrorCode").is_none(), "{body}");

    let mut malformed = client.http(&Request::get("/me"));
    malformed
        .headers_mut()
        .insert("linkedin-version", "2024-06".parse().unwrap());
    let (status, body) = error_of(&client, malformed).await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "INVALID_VERSION");
    assert!(body["message"].as_str().unwrap().contains("2024-06"));

    // /v2 does not need one.
    let unversioned = Client::unversioned(&sandbox);
    assert_eq!(unversioned.send(&Request::get("/me")).await.status(), 200);
}

#[tokio::test]
async fn undecodable_keys_and_parameters_are_400_with_an_offset() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let mut bad_key = client.http(&Request::get("/x"));
    *bad_key.uri_mut() = format!("{}/rest/adAccounts/(a:1", sandbox.origin())
        .parse()
        .unwrap();
    let (status, body) = error_of(&client, bad_key).await;
    assert_eq!(status, 400);
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains("key") && message.contains("at byte"),
        "{message}"
    );

    let mut bad_param = client.http(&Request::get("/x"));
    *bad_param.uri_mut() = format!(
        "{}/rest/adAccounts?q=search&search=(status:List(ACTIVE)",
        sandbox.origin()
    )
    .parse()
    .unwrap();
    let (status, body) = error_of(&client, bad_param).await;
    assert_eq!(status, 400);
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains("\"search\"") && message.contains("at byte"),
        "{message}"
    );
}

#[tokio::test]
async fn mismatched_method_header_and_bad_bodies_are_400() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let mut request = client.http(&Request::get_all("/adAccounts"));
    request
        .headers_mut()
        .insert("x-restli-method", "create".parse().unwrap());
    assert_eq!(error_of(&client, request).await.0, 400);

    let mut request = client.http(&Request::create("/adAccounts", &serde_json::json!({})));
    *request.body_mut() = b"{not json".to_vec();
    assert_eq!(error_of(&client, request).await.0, 400);
}

#[tokio::test]
async fn unknown_paths_are_404() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let mut request = client.http(&Request::get("/x"));
    *request.uri_mut() = format!("{}/nowhere", sandbox.origin()).parse().unwrap();
    assert_eq!(error_of(&client, request).await.0, 404);
}

/// Rest.li entities are records (JSON objects); an array is not one and is
/// LinkedIn's 400 (<https://linkedin.github.io/rest.li/spec/protocol>).
#[tokio::test]
async fn json_arrays_and_other_non_records_are_not_entities() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let array = serde_json::json!([{"name": "x"}]);
    let requests: [restli_codec::DynamicRequest; 6] = [
        Request::create("/adCampaigns", &array).into(),
        Request::create("/adCampaigns", &serde_json::json!("text")).into(),
        Request::update("/adCampaigns/{id}", &array)
            .key("id", &7)
            .into(),
        Request::batch_create("/adCampaigns", [array.clone()]).into(),
        Request::batch_create(
            "/adCampaigns",
            [serde_json::json!({"ok": 1}), serde_json::json!(5)],
        )
        .into(),
        Request::batch_update("/adCampaigns", [8], [array.clone()]).into(),
    ];
    for request in &requests {
        let (status, body) = error_of(&client, client.http(request)).await;
        assert_eq!(status, 400, "{body}");
        assert!(
            body["message"].as_str().unwrap().contains("JSON object"),
            "{body}"
        );
    }
    // Nothing was stored, not even the valid element of the mixed batch.
    let all = json(&client.send(&Request::get_all("/adCampaigns")).await);
    assert_eq!(all["elements"], serde_json::json!([]));
}
