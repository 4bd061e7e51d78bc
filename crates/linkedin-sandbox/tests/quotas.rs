//! Optional daily quotas per application and per member, counted on the
//! sandbox clock and reset at its midnight UTC, refused as LinkedIn's
//! daily throttle: 429, `serviceErrorCode` 101, no `Retry-After`
//! (<https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits>).

mod common;

use std::time::{Duration, UNIX_EPOCH};

use common::{Client, header, json};
use linkedin_sandbox::Sandbox;
use restli_codec::Request;

const DAY: u64 = 24 * 3600;

/// Moves the sandbox clock to just past its next midnight UTC.
fn cross_midnight(sandbox: &Sandbox) {
    let now = sandbox.now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    let next = (now / DAY + 1) * DAY;
    sandbox.advance_clock(Duration::from_secs(next - now + 1));
    assert!(sandbox.now() > UNIX_EPOCH + Duration::from_secs(next));
}

#[tokio::test]
async fn the_member_quota_refuses_like_linkedins_daily_throttle_until_midnight() {
    let sandbox = Sandbox::builder()
        .daily_member_quota(2)
        .start()
        .await
        .unwrap();
    let client = Client::versioned(&sandbox);
    let me = Request::get("/me");
    assert_eq!(client.send(&me).await.status(), 200);
    assert_eq!(client.send(&me).await.status(), 200);
    let refused = client.send(&me).await;
    assert_eq!(refused.status(), 429);
    assert!(header(&refused, "retry-after").is_none());
    let body = json(&refused);
    assert_eq!(body["serviceErrorCode"], 101);
    assert_eq!(body["status"], 429);
    // Per endpoint: another resource still answers; /v2 shares the count.
    let ads = Request::get("/adAccounts/{id}").key("id", &500001);
    assert_eq!(client.send(&ads).await.status(), 200);
    let v2 = Client::unversioned(&sandbox);
    assert_eq!(v2.send(&me).await.status(), 429);

    cross_midnight(&sandbox);
    assert_eq!(client.send(&me).await.status(), 200);
}

#[tokio::test]
async fn the_app_quota_counts_application_tokens_too() {
    let sandbox = Sandbox::builder().daily_app_quota(1).start().await.unwrap();
    // An application (2-legged) token of the same app.
    let form = format!(
        "grant_type=client_credentials&client_id={}&client_secret={}",
        sandbox.client_id(),
        sandbox.client_secret()
    );
    let request = http::Request::post(format!("{}/accessToken", sandbox.oauth_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form.into_bytes())
        .unwrap();
    let answer = common::send(sandbox.addr(), request).await.unwrap();
    assert_eq!(answer.status(), 200);
    let app_token = json(&answer)["access_token"].as_str().unwrap().to_owned();

    let member = Client::versioned(&sandbox);
    let mut app = Client::versioned(&sandbox);
    app.token = Some(app_token);
    let ads = Request::get("/adAccounts/{id}").key("id", &500001);
    assert_eq!(member.send(&ads).await.status(), 200);
    assert_eq!(app.send(&ads).await.status(), 429);
    assert_eq!(member.send(&ads).await.status(), 429);
    // (The application token may have expired by midnight; the count is
    // the application's, whichever token spends it.)
    cross_midnight(&sandbox);
    assert_eq!(member.send(&ads).await.status(), 200);
}

#[tokio::test]
async fn without_quotas_nothing_is_counted() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    for _ in 0..20 {
        assert_eq!(client.send(&Request::get("/me")).await.status(), 200);
    }
}
