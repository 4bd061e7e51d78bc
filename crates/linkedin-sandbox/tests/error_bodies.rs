//! Snapshots of the error bodies of the version, scope, validation and
//! quota checks: the wire format users' error handling reads. Each body
//! follows a LinkedIn page, named beside its check:
//! versions <https://learn.microsoft.com/en-us/linkedin/marketing/versioning>,
//! scopes <https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling>,
//! `errorDetails` <https://learn.microsoft.com/en-us/linkedin/marketing/error-responses>,
//! quotas <https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits>.

mod common;

use common::{Client, json};
use linkedin_sandbox::Sandbox;
use restli_codec::Request;

#[tokio::test]
async fn error_bodies() {
    let sandbox = Sandbox::builder()
        .access_token_scopes(["openid"])
        .daily_app_quota(3)
        .start()
        .await
        .unwrap();
    let client = Client::versioned(&sandbox);

    let mut missing = client.http(&Request::get("/userinfo"));
    missing.headers_mut().remove("linkedin-version");
    insta::assert_json_snapshot!("version_missing", json(&client.send_http(missing).await));

    let mut old = Client::versioned(&sandbox);
    old.config = old.config.clone().with_version("202406".parse().unwrap());
    insta::assert_json_snapshot!(
        "nonexistent_version",
        json(&old.send(&Request::get("/me")).await)
    );

    insta::assert_json_snapshot!(
        "access_denied",
        json(&client.send(&Request::get("/me")).await)
    );

    let bad = Request::get_all("/things").param("start", "-1");
    insta::assert_json_snapshot!("error_details", json(&client.send(&bad).await));

    for _ in 0..3 {
        client.send(&Request::get_all("/things")).await;
    }
    insta::assert_json_snapshot!(
        "daily_quota",
        json(&client.send(&Request::get_all("/things")).await)
    );
}
