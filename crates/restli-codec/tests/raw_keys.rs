//! Simple keys arrive raw: `from_str_reduced` (and so every typed id read
//! from `x-restli-id` or a batch response key) reads Rest.li's reduced form
//! and the raw text Rest.li servers write for simple keys.
//!
//! Where Rest.li writes simple keys raw (linkedin/rest.li):
//! - `restli-common/src/main/java/com/linkedin/restli/internal/common/URIParamUtils.java`:
//!   `encodeKeyForHeader` and `encodeKeyForBody` call `keyToString` with
//!   `NO_ESCAPING`, and `simpleKeyToStringV2` then returns
//!   `DataTemplateUtil.stringify(key)`, the key's plain text; only complex
//!   and compound keys go through `encodeElement`.
//! - `restli-server/src/main/java/com/linkedin/restli/internal/server/response/CreateResponseBuilder.java`
//!   puts that text into the id header; `BatchGetResponseBuilder.java` and
//!   `BatchResponseBuilder.java` use it as the keys of `results` / `statuses`
//!   / `errors`.
//! - `restli-common/src/main/java/com/linkedin/restli/internal/common/ResponseUtils.java`
//!   (`convertKey`): the Rest.li client reads a simple key by coercing the
//!   raw string, with no unescaping.
//!
//! LinkedIn: "the response header x-restli-id contains the Post ID such as
//! urn:li:share:6844785523593134080"
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/community-management/shares/posts-api>).

use std::collections::BTreeMap;

use proptest::prelude::*;
use restli_codec::{ErrorKind, Urn, from_str, from_str_reduced, to_string_reduced};
use serde_json::Value;

#[test]
fn raw_urn_from_the_id_header_decodes() {
    // Failed before: "trailing characters after a complete value at byte 3".
    let urn: Urn = from_str_reduced("urn:li:share:7123456789").unwrap();
    assert_eq!(urn.as_str(), "urn:li:share:7123456789");
    let text: String = from_str_reduced("urn:li:share:7123456789").unwrap();
    assert_eq!(text, "urn:li:share:7123456789");
    let value: Value = from_str_reduced("urn:li:ugcPost:68447855235931240").unwrap();
    assert_eq!(
        value,
        Value::String("urn:li:ugcPost:68447855235931240".into())
    );
}

#[test]
fn create_response_reads_a_raw_id_header() {
    let response = http::Response::builder()
        .status(201)
        .header("x-restli-id", "urn:li:share:7123456789")
        .body(Vec::new())
        .unwrap();
    let created = restli_codec::CreateResponse::<Urn>::from_http(response, "/rest/posts").unwrap();
    assert_eq!(created.id.unwrap().id(), "7123456789");
}

#[test]
fn raw_tuple_urn_is_raw_text_although_it_holds_grammar_characters() {
    let raw = "urn:li:sponsoredCreative:(urn:li:sponsoredCampaign:123,456)";
    let urn: Urn = from_str_reduced(raw).unwrap();
    assert_eq!(
        urn.tuple_ids().unwrap(),
        ["urn:li:sponsoredCampaign:123", "456"]
    );
    assert_eq!(from_str_reduced::<String>(raw).unwrap(), raw);
}

#[test]
fn raw_batch_response_keys_decode() {
    // A BATCH_GET answer as LinkedIn writes it: simple keys raw.
    let body = r#"{"results": {"urn:li:share:1": {"id": 1}, "urn:li:share:2": {"id": 2}}}"#;
    let parsed: BTreeMap<String, BTreeMap<String, Value>> = serde_json::from_str(body).unwrap();
    for raw in parsed["results"].keys() {
        let urn: Urn = from_str_reduced(raw).unwrap();
        assert_eq!(urn.entity_type(), "share");
    }
    let response = http::Response::builder()
        .status(200)
        .body(body.as_bytes().to_vec())
        .unwrap();
    let batch =
        restli_codec::BatchGetResponse::<Urn, Value>::from_http(response, "/shares").unwrap();
    let first = Urn::parse("urn:li:share:1").unwrap();
    assert_eq!(
        batch.results.get(&first),
        Some(&serde_json::json!({"id": 1}))
    );
}

#[test]
fn reduced_escaped_primitives_still_unescape() {
    assert_eq!(
        from_str_reduced::<String>("urn%3Ali%3Ashare%3A7").unwrap(),
        "urn:li:share:7"
    );
    let urn: Urn = from_str_reduced("urn%3Ali%3Ashare%3A7").unwrap();
    assert_eq!(urn.id(), "7");
    assert_eq!(from_str_reduced::<String>("''").unwrap(), "");
    assert_eq!(from_str_reduced::<String>("a b%25").unwrap(), "a b%");
    assert_eq!(from_str_reduced::<u64>("42").unwrap(), 42);
    assert!(from_str_reduced::<bool>("true").unwrap());
}

#[test]
fn rest_li_values_stay_strict() {
    let key: BTreeMap<String, String> = from_str_reduced("(a:x%3Ay,b:'')").unwrap();
    assert_eq!(key["a"], "x:y");
    assert_eq!(key["b"], "");
    let list: Vec<u32> = from_str_reduced("List(1,2)").unwrap();
    assert_eq!(list, [1, 2]);
    // Starting with `(` or `List(` means Rest.li: malformed stays an error.
    for bad in ["(a:1", "List(1", "(a:1))", "List(a)b"] {
        let err = from_str_reduced::<Value>(bad).unwrap_err();
        assert!(err.offset().is_some(), "{bad}: {err}");
    }
}

#[test]
fn what_is_not_a_valid_reduced_primitive_is_raw() {
    // `%` not followed by two hex digits, escapes that are not UTF-8, stray
    // quotes and grammar characters, and the empty input: raw text.
    for raw in [
        "100%", "%zz", "a%2", "%FF", "it's", "a)b", "a,b", "x:y", "'''", "",
    ] {
        assert_eq!(from_str_reduced::<String>(raw).unwrap(), raw, "{raw:?}");
    }
    // The URL form stays strict.
    for raw in ["urn:li:share:7", "100%", "a)b", ""] {
        assert!(from_str::<String>(raw).is_err(), "{raw:?}");
    }
}

#[test]
fn raw_text_that_does_not_fit_the_type_is_a_typed_error_with_an_offset() {
    let err = from_str_reduced::<u64>("urn:li:share:7").unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidPrimitive { .. }),
        "{err}"
    );
    assert_eq!(err.offset(), Some(0));
    let err = from_str_reduced::<Urn>("urn:li:share:").unwrap_err();
    assert_eq!(err.offset(), Some(0));
    assert!(err.to_string().contains("the id is empty"), "{err}");
    let err = from_str_reduced::<Vec<String>>("urn:li:share:7").unwrap_err();
    assert_eq!(err.offset(), Some(0));
}

/// Whether `text` is a valid reduced-form primitive (so the decoder
/// unescapes it instead of taking it raw).
fn is_reduced_primitive(text: &str) -> bool {
    text == "''"
        || (!text.is_empty()
            && !text.starts_with("List(")
            && !text.contains(['(', ')', ',', ':', '\''])
            && from_str::<String>(text).is_ok())
}

fn raw_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => proptest::sample::select(&['(', ')', ',', ':', '\'', '%', 'A', 'f', '0', ' '][..]),
        1 => any::<char>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn raw_text_round_trips_as_itself(
        chars in proptest::collection::vec(raw_char(), 0..16),
    ) {
        let text: String = chars.into_iter().collect();
        prop_assume!(!text.starts_with('(') && !text.starts_with("List("));
        prop_assume!(!is_reduced_primitive(&text));
        prop_assert_eq!(from_str_reduced::<String>(&text).unwrap(), text.clone());
        prop_assert_eq!(from_str_reduced::<Value>(&text).unwrap(), Value::String(text));
    }

    #[test]
    fn raw_urns_round_trip(id in "[a-zA-Z0-9_-]{1,12}", n in any::<u64>()) {
        let text = format!("urn:li:sponsoredCreative:(urn:li:sponsoredCampaign:{id},{n})");
        let urn: Urn = from_str_reduced(&text).unwrap();
        prop_assert_eq!(urn.as_str(), text.as_str());
    }

    #[test]
    fn every_reduced_encoding_still_decodes_to_its_value(
        chars in proptest::collection::vec(raw_char(), 0..16),
    ) {
        let text: String = chars.into_iter().collect();
        let encoded = to_string_reduced(&text).unwrap();
        prop_assert_eq!(from_str_reduced::<String>(&encoded).unwrap(), text.clone());
        let list = vec![text.clone(), text.clone()];
        let encoded = to_string_reduced(&list).unwrap();
        prop_assert_eq!(from_str_reduced::<Vec<String>>(&encoded).unwrap(), list);
        let map = BTreeMap::from([(text.clone(), text)]);
        let encoded = to_string_reduced(&map).unwrap();
        prop_assert_eq!(from_str_reduced::<BTreeMap<String, String>>(&encoded).unwrap(), map);
    }
}
