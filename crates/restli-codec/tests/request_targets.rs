//! Where a request goes: the API root chosen per request or by a pasted
//! path, dot segments refused, path templates checked in linear time, and
//! errors that quote at most a bounded excerpt of what they refuse.

use restli_codec::{
    ApiBase, Endpoint, PathError, PathTemplate, Request, RequestConfig, RequestError,
};

fn versioned() -> RequestConfig {
    RequestConfig::new().with_version("202406".parse().unwrap())
}

fn sandbox() -> RequestConfig {
    versioned().with_endpoint(Endpoint::from_origin("http://127.0.0.1:8080").unwrap())
}

// `/v2/userinfo` exists only under /v2: "Sign In with LinkedIn using OpenID
// Connect", https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2
// (the userinfo endpoint is https://api.linkedin.com/v2/userinfo).
#[test]
fn a_versioned_client_can_send_one_request_to_v2() {
    let http = Request::get("/userinfo")
        .base(ApiBase::V2)
        .to_http(&versioned(), Some("t"))
        .unwrap();
    assert_eq!(http.uri(), "https://api.linkedin.com/v2/userinfo");
    // The client's default version is for /rest; /v2 does not take one.
    assert!(http.headers().get("linkedin-version").is_none());
    // The rest of the client's requests still go to /rest.
    let http = Request::get("/posts/{id}")
        .key("id", "1")
        .to_http(&versioned(), None)
        .unwrap();
    assert_eq!(http.uri(), "https://api.linkedin.com/rest/posts/1");
}

#[test]
fn an_unversioned_client_refuses_rest_without_a_version() {
    let err = Request::get("/posts")
        .base(ApiBase::Rest)
        .to_http(&RequestConfig::new(), None)
        .unwrap_err();
    assert!(matches!(err, RequestError::MissingVersion { .. }), "{err}");
    assert!(err.to_string().contains("LinkedIn-Version"), "{err}");
    // With a version on the request itself it is fine.
    let http = Request::get("/posts")
        .base(ApiBase::Rest)
        .version("202406")
        .to_http(&RequestConfig::new(), None)
        .unwrap();
    assert_eq!(http.uri(), "https://api.linkedin.com/rest/posts");
    assert_eq!(http.headers()["linkedin-version"], "202406");
}

// Paths as LinkedIn's documentation writes them (`GET
// https://api.linkedin.com/rest/posts/{encoded postUrn}` in "Posts API",
// https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api):
// the prefix picks the root and is never doubled.
#[test]
fn pasted_prefixes_pick_the_root_and_are_never_doubled() {
    let cases = [
        (
            "/rest/posts",
            versioned(),
            "https://api.linkedin.com/rest/posts",
        ),
        (
            "/v2/userinfo",
            versioned(),
            "https://api.linkedin.com/v2/userinfo",
        ),
        (
            "/v2/me",
            RequestConfig::new(),
            "https://api.linkedin.com/v2/me",
        ),
        (
            "https://api.linkedin.com/rest/adAccounts",
            versioned(),
            "https://api.linkedin.com/rest/adAccounts",
        ),
        (
            "https://api.linkedin.com/v2/userinfo",
            RequestConfig::new(),
            "https://api.linkedin.com/v2/userinfo",
        ),
        // A custom endpoint has both roots.
        (
            "/v2/userinfo",
            sandbox(),
            "http://127.0.0.1:8080/v2/userinfo",
        ),
        ("/rest/posts", sandbox(), "http://127.0.0.1:8080/rest/posts"),
        (
            "https://api.linkedin.com/v2/userinfo",
            sandbox(),
            "http://127.0.0.1:8080/v2/userinfo",
        ),
        // Not a prefix: a resource whose name starts with "rest".
        (
            "/restrictions",
            versioned(),
            "https://api.linkedin.com/rest/restrictions",
        ),
    ];
    for (path, config, expected) in cases {
        let http = Request::get(path).to_http(&config, None).unwrap();
        assert_eq!(http.uri(), expected, "{path}");
    }
}

#[test]
fn rest_prefix_without_any_version_names_the_missing_version() {
    let err = Request::get("/rest/posts")
        .to_http(&RequestConfig::new(), None)
        .unwrap_err();
    assert!(matches!(err, RequestError::MissingVersion { .. }), "{err}");
}

#[test]
fn foreign_or_contradicting_prefixes_are_refused_by_name() {
    let err = Request::get("https://evil.example/rest/posts")
        .to_http(&versioned(), None)
        .unwrap_err();
    assert!(matches!(err, RequestError::PathPrefix { .. }), "{err}");
    assert!(err.to_string().contains("https://evil.example"), "{err}");
    let err = Request::get("https://api.linkedin.com/v3/x")
        .to_http(&versioned(), None)
        .unwrap_err();
    assert!(matches!(err, RequestError::PathPrefix { .. }), "{err}");
    let err = Request::get("/v2/userinfo")
        .base(ApiBase::Rest)
        .to_http(&versioned(), None)
        .unwrap_err();
    assert!(matches!(err, RequestError::PathPrefix { .. }), "{err}");
    assert!(err.to_string().contains("/v2"), "{err}");
}

// Dot segments: RFC 3986 section 5.2.4 (remove_dot_segments) and the WHATWG
// URL standard (https://url.spec.whatwg.org/#double-dot-path-segment, which
// also reads `%2e` as `.`) make `/adAccounts/1/adCampaigns/..` the account.
#[test]
fn keys_that_encode_to_dot_segments_are_refused() {
    for key in [".", ".."] {
        for request in [
            Request::delete("/adAccounts/{a}/adCampaigns/{id}")
                .key("a", &1)
                .key("id", key),
            Request::delete("/adAccounts/{a}/adCampaigns/{id}")
                .keys(&serde_json::json!({"a": 1, "id": key})),
        ] {
            let err = request.to_http(&versioned(), None).unwrap_err();
            assert!(
                matches!(
                    &err,
                    RequestError::Path(PathError::DotSegment { placeholder: Some(p), .. }) if p == "id"
                ),
                "{key}: {err}"
            );
        }
    }
    // Dots inside a longer key are fine.
    let http = Request::get("/things/{id}")
        .key("id", "...")
        .to_http(&versioned(), None)
        .unwrap();
    assert_eq!(http.uri().path(), "/rest/things/...");
    let http = Request::get("/things/{id}")
        .key("id", "a..b")
        .to_http(&versioned(), None)
        .unwrap();
    assert_eq!(http.uri().path(), "/rest/things/a..b");
}

#[test]
fn literal_and_pasted_dot_segments_are_refused() {
    for path in [
        "/adAccounts/1/..",
        "/adAccounts/./1",
        "/rest/adAccounts/1/adCampaigns/../x",
        "https://api.linkedin.com/rest/adAccounts/%2E%2E",
        "/adAccounts/.%2e/x",
    ] {
        let err = Request::delete(path)
            .to_http(&versioned(), None)
            .unwrap_err();
        assert!(
            matches!(
                err,
                RequestError::Path(PathError::DotSegment {
                    placeholder: None,
                    ..
                })
            ),
            "{path}: {err}"
        );
    }
    let err = restli_codec::path::expand("/a/{x}", &serde_json::json!({"x": ".."})).unwrap_err();
    assert!(matches!(err, PathError::DotSegment { .. }), "{err}");
}

/// Parses, expands and checks a template of `n` placeholders; the time of
/// the checks alone (the inputs are built first).
fn time_path_template(n: usize) -> std::time::Duration {
    let template: String = (0..n).map(|i| format!("/{{p{i}}}")).collect();
    let keys: serde_json::Map<String, serde_json::Value> =
        (0..n).map(|i| (format!("p{i}"), i.into())).collect();
    let mut extra = keys.clone();
    extra.insert("zzz".into(), 1.into());
    let dup = format!("{template}/{{p0}}");
    let started = std::time::Instant::now();
    let parsed = PathTemplate::parse(&template).unwrap();
    let path = parsed.expand(&keys).unwrap();
    assert!(path.ends_with(&format!("/{}", n - 1)));
    assert!(matches!(
        parsed.expand(&extra),
        Err(PathError::ExtraKey { .. })
    ));
    assert!(matches!(
        PathTemplate::parse(&dup),
        Err(PathError::DuplicatePlaceholder { .. })
    ));
    started.elapsed()
}

/// 30,000 placeholders took about 3 s with the quadratic checks. Rather
/// than a wall-clock bound (the bench `path_template_30000_placeholders`
/// measures the real time), this checks the growth: eight times the
/// placeholders must cost well under 64 times (quadratic) the time; linear
/// checks cost about 8 times. The best of two runs each damps a busy
/// machine.
#[test]
fn path_template_checks_grow_linearly_with_the_placeholders() {
    let best = |n| (0..2).map(|_| time_path_template(n)).min().unwrap();
    let small = best(4_000);
    let large = best(32_000);
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
    assert!(
        ratio < 24.0,
        "8x the placeholders took {ratio:.1}x the time ({small:?} -> {large:?}): not linear"
    );
}

#[test]
fn request_errors_quote_a_bounded_excerpt() {
    let long = "x".repeat(200_000);
    let errors = [
        Request::get(&format!("https://{long}.example/x"))
            .to_http(&versioned(), None)
            .unwrap_err(),
        Request::get(&format!("/a b/{long}"))
            .to_http(&versioned(), None)
            .unwrap_err(),
        Request::get("/x")
            .header(format!("bad name {long}"), "v")
            .to_http(&versioned(), None)
            .unwrap_err(),
        Request::batch_update("/x", [long.clone(), long.clone()], [1, 2])
            .to_http(&versioned(), None)
            .unwrap_err(),
        // A path longer than an http::Uri holds.
        Request::get(&format!("/{long}"))
            .to_http(&versioned(), None)
            .unwrap_err(),
    ];
    let paging =
        restli_codec::paging::Pagination::new(Request::get_all("/x").param("start", &long), 10)
            .unwrap_err();
    let errors = errors.into_iter().chain([paging]);
    for err in errors {
        let message = err.to_string();
        assert!(
            message.len() < 1000,
            "{} bytes: {}",
            message.len(),
            &message[..300]
        );
    }
}

mod properties {
    use proptest::prelude::*;
    use restli_codec::{PathError, Request, RequestConfig, RequestError};

    fn is_dot(segment: &str) -> bool {
        let lower = segment.to_ascii_lowercase().replace("%2e", ".");
        lower == "." || lower == ".."
    }

    proptest! {
        /// A key either fills its segment with something that is not a dot
        /// segment, or is refused as one, exactly when it is `.` or `..`.
        #[test]
        fn keys_never_make_dot_segments(key in prop_oneof![
            Just(".".to_owned()), Just("..".to_owned()), "[.%2eE/a]{0,6}", any::<String>()
        ]) {
            let config = RequestConfig::new().with_version("202406".parse().unwrap());
            match Request::delete("/a/{x}/b/{id}").key("x", &1).key("id", &key).to_http(&config, None) {
                Ok(http) => {
                    prop_assert!(key != "." && key != "..");
                    let segments: Vec<&str> = http.uri().path().split('/').collect();
                    prop_assert_eq!(segments.len(), 6, "{}", http.uri());
                    prop_assert!(!segments.iter().any(|s| is_dot(s)));
                }
                Err(RequestError::Path(PathError::DotSegment { .. })) => {
                    prop_assert!(key == "." || key == "..");
                }
                Err(other) => prop_assert!(false, "unexpected error {other}"),
            }
        }

        /// Whatever path is given, the URL never has a doubled root or a
        /// dot segment, and building it never panics.
        #[test]
        fn paths_never_double_the_root(
            prefix in prop_oneof![
                Just(""), Just("/rest"), Just("/v2"), Just("https://api.linkedin.com/rest"),
                Just("https://api.linkedin.com/v2"), Just("https://api.linkedin.com"), Just("http://x")
            ],
            rest in "(/[a-z.%2E]{0,4}){0,4}",
            versioned in any::<bool>(),
        ) {
            let mut config = RequestConfig::new();
            if versioned {
                config = config.with_version("202406".parse().unwrap());
            }
            let path = format!("{prefix}{rest}");
            if let Ok(http) = Request::get(&path).to_http(&config, None) {
                let p = http.uri().path();
                // One root, then exactly the path below it: the pasted
                // path itself when, past LinkedIn's origin, it already
                // starts with a root (`https://api.linkedin.com` + `/v2`).
                let below_origin = path.strip_prefix("https://api.linkedin.com").unwrap_or(&path);
                let names_root = ["/rest", "/v2"].iter().any(|root| {
                    below_origin
                        .strip_prefix(root)
                        .is_some_and(|after| after.is_empty() || after.starts_with('/'))
                });
                prop_assert!(
                    p == format!("/rest{rest}")
                        || p == format!("/v2{rest}")
                        || (names_root && p == below_origin),
                    "{} -> {}", path, p
                );
                prop_assert!(!p.split('/').any(is_dot), "{} -> {}", path, p);
            }
        }
    }
}
