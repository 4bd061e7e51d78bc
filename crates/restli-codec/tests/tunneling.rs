//! Query tunneling keeps a request's meaning: the tunneled request carries
//! exactly the query string and body the untunneled one would have, and the
//! multipart boundary never occurs in the content.

use proptest::prelude::*;
use restli_codec::{DynamicRequest, Endpoint, Request, RequestConfig, tunnel};
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

fn requests() -> impl Strategy<Value = DynamicRequest> {
    let ids = || prop::collection::vec(text(), 1..20);
    prop_oneof![
        ids().prop_map(|ids| Request::batch_get("/things", ids).into()),
        ids().prop_map(|ids| Request::batch_delete("/things", ids).into()),
        (ids(), text()).prop_map(|(ids, message)| {
            let n = ids.len();
            // Distinct ids: a batch body is keyed by id.
            let ids: Vec<String> = ids
                .into_iter()
                .enumerate()
                .map(|(i, id)| format!("{i}{id}"))
                .collect();
            Request::batch_update("/things", ids, vec![json!({"message": message}); n]).into()
        }),
        (text(), text()).prop_map(|(criterion, input)| {
            Request::action("/actions", "echo", &json!({"input": input}))
                .param("context", &criterion)
                .into()
        }),
        (text(), text()).prop_map(|(name, value)| {
            Request::finder("/things", "search")
                .param("search", &json!({ name: value }))
                .into()
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
        let split = tunnel::untunnel_split(maybe_tunneled.clone()).unwrap();
        prop_assert_eq!(split.query(), plain.uri().query().unwrap_or_default());
        prop_assert_eq!(split.request().method(), plain.method());
        prop_assert_eq!(split.request().body(), plain.body());
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

// The rules of Rest.li's r2-core/src/main/java/com/linkedin/r2/message/QueryTunnelUtil.java
// (github linkedin/rest.li) and LinkedIn's "Query Tunneling" page,
// https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/query-tunneling.

/// An `http::Uri` holds at most 65,534 bytes: `to_http` must decide on the
/// query string before it builds one (this used to fail with "uri too
/// long" and the whole URL in the message).
#[test]
fn a_batch_get_of_20000_ids_is_tunneled() {
    let ids: Vec<String> = (0..20_000)
        .map(|i| format!("urn:li:sponsoredCampaign:{}", 1_000_000 + i))
        .collect();
    let request = Request::batch_get("/adCampaigns", &ids)
        .to_http(&config(4000), None)
        .unwrap();
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri(), "http://127.0.0.1:9/v2/adCampaigns");
    assert_eq!(request.headers()["x-http-method-override"], "GET");
    assert!(request.body().len() > 65_534);
    // The server side cannot rebuild a URI that long: a typed error that
    // says how long, not the URL.
    let err = tunnel::untunnel(request).unwrap_err();
    assert!(matches!(err, tunnel::TunnelError::TooLong { .. }), "{err}");
    assert!(err.to_string().len() < 300);
}

#[test]
fn a_finder_with_2000_urn_criteria_is_tunneled() {
    let urns: Vec<String> = (0..2_000)
        .map(|i| format!("urn:li:sponsoredAccount:{}", 500_000_000 + i))
        .collect();
    let request = Request::finder("/adCampaigns", "search")
        .param("search", &json!({"account": {"values": urns}}))
        .to_http(&config(4000), None)
        .unwrap();
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri().query(), None);
    let body = String::from_utf8(request.body().clone()).unwrap();
    assert!(body.starts_with(
        "q=search&search=(account:(values:List(urn%3Ali%3AsponsoredAccount%3A500000000,"
    ));
}

/// QueryTunnelUtil.doDecode appends the tunneled query to one the URL
/// already carries (a proxy may have added `uh=f`).
#[test]
fn untunnel_keeps_the_query_the_url_already_had() {
    let tunneled = http::Request::post("http://127.0.0.1/rest/adAccounts?uh=f")
        .header("x-http-method-override", "GET")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(b"q=search".to_vec())
        .unwrap();
    let back = tunnel::untunnel(tunneled).unwrap();
    assert_eq!(back.uri(), "http://127.0.0.1/rest/adAccounts?uh=f&q=search");
    assert_eq!(back.method(), http::Method::GET);
    // A bare `?` gets no separator.
    let tunneled = http::Request::post("http://127.0.0.1/x?")
        .header("x-http-method-override", "DELETE")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(b"ids=List(1)".to_vec())
        .unwrap();
    assert_eq!(
        tunnel::untunnel(tunneled).unwrap().uri(),
        "http://127.0.0.1/x?ids=List(1)"
    );
}

/// QueryTunnelUtil.validateOverride accepts only the listed verbs; we take
/// GET, PUT, DELETE and POST (not OPTIONS, which no Rest.li method uses),
/// exactly as written.
#[test]
fn the_override_names_only_get_put_delete_or_post() {
    for bad in ["PATCH", "get", "CONNECT", "TRACE", "OPTIONS", "HEAD", "FOO"] {
        let tunneled = http::Request::post("http://127.0.0.1/x")
            .header("x-http-method-override", bad)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(b"q=a".to_vec())
            .unwrap();
        let err = tunnel::untunnel(tunneled).unwrap_err();
        assert!(
            matches!(err, tunnel::TunnelError::InvalidOverride(_)),
            "{bad}: {err}"
        );
    }
    for good in ["GET", "PUT", "DELETE", "POST"] {
        let tunneled = http::Request::post("http://127.0.0.1/x")
            .header("x-http-method-override", good)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(b"q=a".to_vec())
            .unwrap();
        assert_eq!(tunnel::untunnel(tunneled).unwrap().method().as_str(), good);
    }
    // And in the other direction: a PATCH with a long query is not
    // silently turned into something else.
    let patch = http::Request::patch(format!("http://127.0.0.1/x?{}", "a".repeat(5000)))
        .body(Vec::new())
        .unwrap();
    let err = tunnel::tunnel(patch).unwrap_err();
    assert!(
        matches!(err, tunnel::TunnelError::InvalidOverride(_)),
        "{err}"
    );
    // A long override value is quoted in part only.
    let tunneled = http::Request::post("http://127.0.0.1/x")
        .header("x-http-method-override", "X".repeat(100_000))
        .body(Vec::new())
        .unwrap();
    assert!(tunnel::untunnel(tunneled).unwrap_err().to_string().len() < 400);
}

/// QueryTunnelUtil.createMultiPartEntity gives the entity part the
/// request's own Content-Type, and doDecode restores the part's.
#[test]
fn a_multipart_body_keeps_its_own_content_type() {
    let original = http::Request::put("http://127.0.0.1/x?ids=List(1,2)")
        .header(
            "content-type",
            "application/vnd.linkedin.normalized+json+2.1",
        )
        .body(br#"{"entities":{}}"#.to_vec())
        .unwrap();
    let tunneled = tunnel::tunnel(original).unwrap();
    let body = String::from_utf8(tunneled.body().clone()).unwrap();
    assert!(
        body.contains("Content-Type: application/vnd.linkedin.normalized+json+2.1\r\n"),
        "{body}"
    );
    let back = tunnel::untunnel(tunneled).unwrap();
    assert_eq!(
        back.headers()["content-type"],
        "application/vnd.linkedin.normalized+json+2.1"
    );
    assert_eq!(back.uri().query(), Some("ids=List(1,2)"));
    assert_eq!(back.body(), br#"{"entities":{}}"#);
}

/// Parts are told apart by their Content-Type, as in doDecode, whatever
/// their order.
#[test]
fn untunnel_finds_the_form_part_by_its_type() {
    let body = b"--b\r\nContent-Type: application/json\r\n\r\n{\"a\":1}\r\n--b\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nids=List(1)\r\n--b--\r\n";
    let tunneled = http::Request::post("http://127.0.0.1/x")
        .header("x-http-method-override", "PUT")
        .header("content-type", "multipart/mixed; boundary=b")
        .body(body.to_vec())
        .unwrap();
    let back = tunnel::untunnel(tunneled).unwrap();
    assert_eq!(back.uri().query(), Some("ids=List(1)"));
    assert_eq!(back.body(), b"{\"a\":1}");
}

/// The boundary search used to be quadratic (an 8 MiB body with a 60 KB
/// boundary took 10 s). The bound here is generous for a debug build on a
/// shared machine; the bench `untunnel_16mib_long_boundary` measures it.
#[test]
fn a_pathological_multipart_body_is_split_in_linear_time() {
    // A boundary of dashes and a body of runs one dash short of its
    // delimiter: a naive search compares tens of thousands of bytes at
    // every position before failing.
    let boundary = "-".repeat(60_000);
    let mut near = "-".repeat(60_001);
    near.push('x');
    let mut body = Vec::with_capacity(16 << 20);
    while body.len() < (16 << 20) {
        body.extend_from_slice(near.as_bytes());
    }
    let tunneled = http::Request::post("http://127.0.0.1/x")
        .header("x-http-method-override", "PUT")
        .header(
            "content-type",
            format!("multipart/mixed; boundary={boundary}"),
        )
        .body(body)
        .unwrap();
    let started = std::time::Instant::now();
    let err = tunnel::untunnel(tunneled).unwrap_err();
    assert!(
        matches!(err, tunnel::TunnelError::MalformedBody(_)),
        "{err}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}
