//! The async client's own paging property: its streams are `Send +
//! 'static`, so a walk can be spawned on the runtime. (Everything else
//! about paging is in the shared suite, `suite.rs`.)

use futures_util::StreamExt;
use linkedin_reqwest::Client;
use linkedin_reqwest::oauth::AccessToken;
use linkedin_reqwest::restli::{Endpoint, Request};
use linkedin_test_support::{HostileServer, Recorded, Script};

const ELEMENTS: u64 = 23;

fn page(request: &Recorded, _: usize) -> Script {
    let start: u64 = request.param("start").map_or(0, |s| s.parse().unwrap());
    let count: u64 = request.param("count").map_or(10, |s| s.parse().unwrap());
    let elements: Vec<String> = (start..(start + count).min(ELEMENTS))
        .map(|id| format!(r#"{{"id":{id}}}"#))
        .collect();
    Script::json(
        200,
        &format!(
            r#"{{"elements":[{}],"paging":{{"start":{start},"count":{count},"total":{ELEMENTS}}}}}"#,
            elements.join(",")
        ),
    )
}

#[tokio::test]
async fn a_page_stream_can_be_spawned() {
    let server = HostileServer::start(page);
    let client = Client::builder()
        .endpoint(Endpoint::from_origin(&server.origin()).unwrap())
        .access_token(AccessToken::new("AQV-spawned-stream-token"))
        .build()
        .unwrap();
    let stream = client.paginate::<serde_json::Value>(Request::get_all("/adCampaigns").page(0, 10));

    let count = tokio::spawn(async move { stream.count().await })
        .await
        .unwrap();

    assert_eq!(count as u64, ELEMENTS);
    assert_eq!(server.request_count(), 3);
}
