//! Query tunneling keeps a request's meaning: the tunneled request carries
//! exactly the query string and body the untunneled one would have, and the
//! multipart boundary never occurs in the content.

use proptest::prelude::*;
use restli_codec::{Endpoint, Request, RequestConfig, tunnel};
use serde_json::json;

fn config(threshold: usize) -> RequestConfig {
    RequestConfig::new()
        .with_endpoint(Endpoint::from_origin("http://127.0.0.1:9").unwrap())
        .with_tunnel_threshold(threshold)
}

/// Strings drawn with weight on the characters that matter to the grammar,
/// to the form encoding and to multipart framing.
fn text() -> impl Strategy<Value = String> + Clone {
    prop::collection::vec(
        prop_oneof![
            3 => any::<char>(),
            2 => prop::sample::select(vec![
                '(', ')', ',', ':', '\'', '%', ' ', '&', '=', '+', '#', '-', '\r', '\n'
            ]),
        ],
        0..40,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn requests() -> impl Strategy<Value = Request> {
    let ids = || prop::collection::vec(text(), 1..20);
    prop_oneof![
        ids().prop_map(|ids| Request::batch_get("/things", ids)),
        ids().prop_map(|ids| Request::batch_delete("/things", ids)),
        (ids(), text()).prop_map(|(ids, message)| {
            let n = ids.len();
            // Distinct ids: a batch body is keyed by id.
            let ids: Vec<String> = ids
                .into_iter()
                .enumerate()
                .map(|(i, id)| format!("{i}{id}"))
                .collect();
            Request::batch_update("/things", ids, vec![json!({"message": message}); n])
        }),
        (text(), text()).prop_map(|(criterion, input)| {
            Request::action("/actions", "echo", &json!({"input": input}))
                .param("context", &criterion)
        }),
        (text(), text()).prop_map(|(name, value)| {
            Request::finder("/things", "search").param("search", &json!({ name: value }))
        }),
    ]
}

proptest! {
    #[test]
    fn tunneled_requests_carry_the_same_query_and_body(request in requests(), threshold in 0usize..200) {
        let plain = request.to_http(&config(usize::MAX), None).unwrap();
        let maybe_tunneled = request.to_http(&config(threshold), None).unwrap();
        let query_len = plain.uri().query().map_or(0, str::len);
        if query_len > threshold {
            prop_assert_eq!(maybe_tunneled.method(), http::Method::POST);
            prop_assert_eq!(
                maybe_tunneled.headers()["x-http-method-override"].to_str().unwrap(),
                plain.method().as_str()
            );
            prop_assert_eq!(maybe_tunneled.uri().query(), None);
            prop_assert_eq!(maybe_tunneled.uri().path(), plain.uri().path());
            let content_type = maybe_tunneled.headers()["content-type"].to_str().unwrap().to_owned();
            if let Some(boundary) = content_type.strip_prefix("multipart/mixed; boundary=") {
                let query = plain.uri().query().unwrap();
                prop_assert!(!query.contains(boundary));
                prop_assert!(!String::from_utf8_lossy(plain.body()).contains(boundary));
            } else {
                prop_assert_eq!(content_type.as_str(), "application/x-www-form-urlencoded");
                prop_assert_eq!(maybe_tunneled.body().as_slice(), plain.uri().query().unwrap().as_bytes());
            }
        } else {
            prop_assert_eq!(maybe_tunneled.method(), plain.method());
            prop_assert_eq!(maybe_tunneled.uri(), plain.uri());
        }
        let back = tunnel::untunnel(maybe_tunneled).unwrap();
        prop_assert_eq!(back.method(), plain.method());
        prop_assert_eq!(back.uri(), plain.uri());
        prop_assert_eq!(back.body(), plain.body());
        prop_assert_eq!(
            back.headers().get("content-type"),
            plain.headers().get("content-type")
        );
    }

    #[test]
    fn untunnel_never_panics(body in prop::collection::vec(any::<u8>(), 0..300), boundary in "[a-z-]{0,10}", verb in "[A-Z ]{0,8}") {
        let request = http::Request::post("http://127.0.0.1/x")
            .header("x-http-method-override", verb.as_str())
            .header("content-type", format!("multipart/mixed; boundary={boundary}"))
            .body(body)
            .unwrap();
        let _ = tunnel::untunnel(request);
    }
}

#[test]
fn a_batch_get_of_500_complex_ids_is_tunneled() {
    let ids: Vec<_> = (0..500)
        .map(|i| json!({"account": format!("urn:li:sponsoredAccount:{i}"), "group": i}))
        .collect();
    let request = Request::batch_get("/adCampaignGroups", ids)
        .to_http(&RequestConfig::new(), None)
        .unwrap();
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(
        request.uri(),
        "https://api.linkedin.com/v2/adCampaignGroups"
    );
    assert_eq!(request.headers()["x-http-method-override"], "GET");
    assert_eq!(
        request.headers()["content-type"],
        "application/x-www-form-urlencoded"
    );
    assert!(request.body().len() > 4000);
}
