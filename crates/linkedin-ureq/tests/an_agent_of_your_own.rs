//! `ClientBuilder::http_client` takes a `ureq::Agent` configured with
//! ureq's defaults (error statuses as errors, up to 10 redirects); the
//! client still gets error statuses and redirects back as responses.
//! (Everything both transports share is in the shared suite, `suite.rs`.)

use linkedin_test_support::{HostileServer, Script};
use linkedin_ureq::Client;
use linkedin_ureq::oauth::AccessToken;
use linkedin_ureq::restli::{Endpoint, EntityResponse, Request};

#[test]
fn an_agent_of_your_own_still_returns_errors_and_redirects_as_responses() {
    let server = HostileServer::start(|request, _| match request.path() {
        "/v2/moved" => Script::respond(302, &[("location", "/v2/elsewhere")], b""),
        _ => Script::json(403, r#"{"status":403,"message":"no"}"#),
    });
    let client = Client::builder()
        .endpoint(Endpoint::from_origin(&server.origin()).unwrap())
        .http_client(ureq::Agent::new_with_defaults())
        .access_token(AccessToken::new("AQV-own-agent-token"))
        .build()
        .unwrap();
    let err = client
        .send::<_, EntityResponse>(Request::get("/forbidden"))
        .unwrap_err();
    assert_eq!(err.api_error().map(|e| e.status().as_u16()), Some(403));
    let err = client
        .send::<_, EntityResponse>(Request::get("/moved"))
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(302));
    assert_eq!(server.request_count(), 2);
}
