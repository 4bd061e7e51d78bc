//! Every public type of this crate that can hold a request body, a header
//! or a query (and so a token or a secret) prints none of them with `Debug`
//! (`{:?}` and `{:#?}`), as text, as a byte list or as hex (issue 12.2).

use linkedin_test_support::leaks::assert_debug_hides;
use restli_codec::tunnel::untunnel_split;
use restli_codec::{QueryParams, Request, RequestConfig};
use serde_json::json;

const SECRET: &str = "s3cr3t-value-0f1e";

#[test]
fn a_request_hides_its_body_headers_and_token_parameters() {
    let action = Request::action(
        "/adAccounts",
        "validate",
        &json!({"accessToken": SECRET, "nested": [{"refresh_token": SECRET}]}),
    )
    .header("authorization", &format!("Bearer {SECRET}"))
    .param("oauth2_access_token", SECRET);
    assert_debug_hides("Request (action)", &action, SECRET);
    // The rest stays visible: that is what Debug is for.
    let shown = format!("{action:?}");
    assert!(
        shown.contains("Action") && shown.contains("/adAccounts"),
        "{shown}"
    );
    assert!(
        shown.contains("authorization"),
        "header names stay: {shown}"
    );

    let create = Request::create("/posts", &json!({"commentary": SECRET}));
    assert_debug_hides("Request (create)", &create, SECRET);
}

#[test]
fn query_params_hide_values_of_token_and_secret_names_only() {
    let mut params = QueryParams::new();
    params.insert("oauth2_access_token", SECRET).unwrap();
    params.insert("client_secret", SECRET).unwrap();
    params.insert("q", "search").unwrap();
    assert_debug_hides("QueryParams", &params, SECRET);
    assert!(format!("{params:?}").contains("search"));
}

#[test]
fn an_untunneled_request_hides_its_body_and_query() {
    // A finder long enough to be tunneled: its query, and so the body,
    // carries a token-looking value.
    let long = "x".repeat(10_000);
    let tunneled = Request::finder("/adAccounts", "search")
        .param("note", &format!("{SECRET}{long}"))
        .to_http(&RequestConfig::new(), None)
        .unwrap();
    assert_eq!(tunneled.method(), http::Method::POST, "tunneled");
    let untunneled = untunnel_split(tunneled).unwrap();
    assert_debug_hides("Untunneled", &untunneled, SECRET);
}
