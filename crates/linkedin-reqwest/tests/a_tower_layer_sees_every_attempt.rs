//! The tower seam: a layer around the HTTP call sees every attempt,
//! retries included (a 503 on a GET is retried, per the default policy;
//! LinkedIn's guidance on retrying 5xx:
//! <https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling>).

use std::sync::{Arc, Mutex};

use linkedin_reqwest::oauth::AccessToken;
use linkedin_reqwest::restli::{Endpoint, EntityResponse, RetryPolicy};
use linkedin_reqwest::{Client, HttpClient, Layered, Request};
use linkedin_test_support::{HostileServer, Script};

#[tokio::test]
async fn a_layer_sees_each_attempt_of_a_retried_call() {
    let server = HostileServer::start(|_, n| match n {
        0 | 1 => Script::respond(503, &[("retry-after", "0")], b""),
        _ => Script::json(200, r#"{"id":7}"#),
    });
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let log = Arc::clone(&seen);
    let recording = tower::layer::layer_fn(move |inner: HttpClient| {
        let log = Arc::clone(&log);
        tower::util::MapRequest::new(inner, move |request: http::Request<Vec<u8>>| {
            let path = request.uri().path().to_owned();
            log.lock().expect("log").push(path);
            request
        })
    });
    let stack = tower::ServiceBuilder::new()
        .layer(recording)
        .service(HttpClient::new().expect("http client"));
    let client = Client::builder()
        .endpoint(Endpoint::from_origin(&server.origin()).expect("origin"))
        .retry_policy(RetryPolicy::default().max_attempts(4))
        .access_token(AccessToken::new("AQV-tower"))
        .build_with(Layered::new(stack))
        .expect("client");

    let thing: EntityResponse = client
        .send(Request::get("/things/{id}").key("id", &7))
        .await
        .expect("the third attempt answers");

    assert_eq!(thing.entity["id"], 7);
    assert_eq!(server.request_count(), 3, "two 503s, then the answer");
    assert_eq!(
        *seen.lock().expect("log"),
        vec!["/v2/things/7"; 3],
        "the layer saw every attempt"
    );
}
