//! Tunneled requests (form and multipart/mixed) give the same results as
//! their untunneled twins.

mod common;

use common::{Client, json};
use linkedin_sandbox::Sandbox;
use restli_codec::{DynamicRequest, Request, RequestConfig};
use serde_json::json;

/// The same request, tunneled (threshold 0) and not.
fn twins(
    client: &Client,
    request: &impl AsRef<DynamicRequest>,
) -> (http::Request<Vec<u8>>, http::Request<Vec<u8>>) {
    let request = request.as_ref();
    let plain = client.http(request);
    let tunneled_config: RequestConfig = client.config.clone().with_tunnel_threshold(0);
    let tunneled = request
        .to_http(&tunneled_config, client.token.as_deref())
        .unwrap();
    assert_eq!(tunneled.method(), http::Method::POST);
    assert!(tunneled.uri().query().is_none());
    assert!(tunneled.headers().contains_key("x-http-method-override"));
    (plain, tunneled)
}

#[tokio::test]
async fn tunneled_batch_get_matches_its_twin() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let request = Request::batch_get("/adAccounts", [500001, 500003, 7]);
    let (plain, tunneled) = twins(&client, &request);
    assert_eq!(
        tunneled.headers()["content-type"],
        "application/x-www-form-urlencoded"
    );
    let plain = client.send_http(plain).await;
    let tunneled = client.send_http(tunneled).await;
    assert_eq!(plain.status(), 200);
    assert_eq!(tunneled.status(), plain.status());
    assert_eq!(json(&tunneled), json(&plain));
}

#[tokio::test]
async fn long_finder_is_tunneled_by_default_and_still_works() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let names: Vec<String> = (0..400).map(|i| format!("unused-name-{i}")).collect();
    let request = Request::finder("/adAccounts", "search").param(
        "search",
        &json!({"status": {"values": ["ACTIVE"]}, "name": {"values": names}}),
    );
    let http = client.http(&request);
    assert_eq!(
        http.method(),
        http::Method::POST,
        "the query is over 4000 bytes"
    );
    let found = json(&client.send_http(http).await);
    // Nothing matches; 202606 pages this finder by cursor (no `paging`).
    assert_eq!(found["elements"], json!([]));
    assert_eq!(found["metadata"], json!({}));
}

#[tokio::test]
async fn multipart_batch_update_matches_its_twin() {
    let plain_box = Sandbox::start().await.unwrap();
    let tunneled_box = Sandbox::start().await.unwrap();
    let request = Request::batch_update(
        "/adAccounts",
        [500001, 500002],
        [json!({"name": "A"}), json!({"name": "B"})],
    );
    let plain_client = Client::versioned(&plain_box);
    let tunneled_client = Client::versioned(&tunneled_box);
    let (plain, _) = twins(&plain_client, &request);
    let (_, tunneled) = twins(&tunneled_client, &request);
    let content_type = tunneled.headers()["content-type"].to_str().unwrap();
    assert!(
        content_type.starts_with("multipart/mixed; boundary="),
        "{content_type}"
    );
    assert_eq!(tunneled.headers()["x-http-method-override"], "PUT");
    let plain = plain_client.send_http(plain).await;
    let tunneled = tunneled_client.send_http(tunneled).await;
    assert_eq!(tunneled.status(), 200);
    assert_eq!(json(&tunneled), json(&plain));
    assert_eq!(
        tunneled_box.get("adAccounts", &500002).unwrap(),
        plain_box.get("adAccounts", &500002).unwrap()
    );
}

#[tokio::test]
async fn tunneled_batch_delete_stays_a_delete() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let (_, tunneled) = twins(&client, &Request::batch_delete("/adAccounts", [500001]));
    assert_eq!(tunneled.headers()["x-http-method-override"], "DELETE");
    let body = json(&client.send_http(tunneled).await);
    assert_eq!(body["results"]["500001"]["status"], 204);
    assert_eq!(sandbox.get("adAccounts", &500001).unwrap(), None);
}

#[tokio::test]
async fn malformed_tunnels_are_400() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let (_, mut tunneled) = twins(&client, &Request::batch_get("/adAccounts", [1]));
    tunneled
        .headers_mut()
        .insert("content-type", "multipart/mixed".parse().unwrap());
    let response = client.send_http(tunneled).await;
    assert_eq!(response.status(), 400);
    assert!(
        json(&response)["message"]
            .as_str()
            .unwrap()
            .contains("boundary")
    );
}

// Issue 11.9: an `http::Uri` holds at most 65,534 bytes, so a BATCH_GET of
// 20,000 ids can only travel tunneled (Rest.li's
// `r2-core/src/main/java/com/linkedin/r2/message/QueryTunnelUtil.java`); the
// sandbox serves it from the untunneled query kept beside the URI.
#[tokio::test]
async fn a_20000_id_batch_get_is_served_tunneled() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let ids: Vec<i64> = std::iter::once(500001).chain(1..20_000).collect();
    let http = client.http(&Request::batch_get("/adAccounts", ids));
    assert_eq!(http.method(), http::Method::POST);
    assert!(http.body().len() > 65_534, "{} bytes", http.body().len());
    let response = client.send_http(http).await;
    assert_eq!(
        response.status(),
        200,
        "{:?}",
        String::from_utf8_lossy(response.body())
    );
    let body = json(&response);
    assert!(
        body["results"].get("500001").is_some(),
        "{}",
        &body.to_string()[..300]
    );
}
