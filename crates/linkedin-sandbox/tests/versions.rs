//! `LinkedIn-Version` as LinkedIn checks it: required on `/rest` (400
//! `VERSION_MISSING`), served for at least a year and refused outside that
//! (426 `NONEXISTENT_VERSION`)
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/versioning>).

mod common;

use common::{Client, header, json};
use linkedin_sandbox::Sandbox;
use restli_codec::Request;
use serde_json::json;

fn at(sandbox: &Sandbox, version: &str) -> Client {
    let mut client = Client::versioned(sandbox);
    client.config = client.config.clone().with_version(version.parse().unwrap());
    client
}

#[tokio::test]
async fn a_missing_version_is_400_version_missing_with_linkedins_body() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let mut request = client.http(&Request::get("/me"));
    request.headers_mut().remove("linkedin-version");
    let response = client.send_http(request).await;
    assert_eq!(response.status(), 400);
    assert_eq!(
        json(&response),
        json!({
            "status": 400,
            "code": "VERSION_MISSING",
            "message": "A version must be present. Please specify a version by adding the LinkedIn-Version header."
        })
    );
}

#[tokio::test]
async fn the_default_window_is_a_year_back_from_202612() {
    let sandbox = Sandbox::start().await.unwrap();
    for served in ["202612", "202606", "202601", "202512", "202512.01"] {
        let response = at(&sandbox, served).send(&Request::get("/me")).await;
        assert_eq!(response.status(), 200, "{served}");
    }
    for (refused, shown) in [
        ("202511", "202511"),
        ("202406", "202406"),
        ("202701", "202701"),
    ] {
        let response = at(&sandbox, refused).send(&Request::get("/me")).await;
        assert_eq!(response.status(), 426, "{refused}");
        assert_eq!(header(&response, "x-restli-error-response"), Some("true"));
        assert_eq!(
            json(&response),
            json!({
                "status": 426,
                "code": "NONEXISTENT_VERSION",
                "message": format!("Requested version {shown} is not active")
            })
        );
    }
    // /v2 has no versions.
    let v2 = Client::unversioned(&sandbox)
        .send(&Request::get("/me"))
        .await;
    assert_eq!(v2.status(), 200);
}

#[tokio::test]
async fn current_version_and_window_are_configurable() {
    let sandbox = Sandbox::builder()
        .current_version("202406".parse().unwrap())
        .version_window(2)
        .start()
        .await
        .unwrap();
    assert_eq!(
        at(&sandbox, "202406")
            .send(&Request::get("/me"))
            .await
            .status(),
        200
    );
    assert_eq!(
        at(&sandbox, "202404")
            .send(&Request::get("/me"))
            .await
            .status(),
        200
    );
    assert_eq!(
        at(&sandbox, "202403")
            .send(&Request::get("/me"))
            .await
            .status(),
        426
    );
    assert_eq!(
        at(&sandbox, "202407")
            .send(&Request::get("/me"))
            .await
            .status(),
        426
    );
}

/// The version is checked after the token, as every check here.
#[tokio::test]
async fn the_token_is_checked_before_the_version() {
    let sandbox = Sandbox::start().await.unwrap();
    let mut client = at(&sandbox, "202001");
    client.token = Some("not-a-token".into());
    assert_eq!(client.send(&Request::get("/me")).await.status(), 401);
}
