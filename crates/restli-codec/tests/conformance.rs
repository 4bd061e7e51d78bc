//! Conformance against LinkedIn's Rest.li client test suite.
//!
//! Reads `shared/restli-testsuite/` beside the workspace (or
//! `RESTLI_TESTSUITE_DIR`); when it is absent the tests say so and pass,
//! unless `RESTLI_TESTSUITE_REQUIRED` is set (as `cargo xtask ci` does):
//! then they fail.
//! Run with `cargo test -p restli-codec --test conformance -- --nocapture`
//! to see the summary lines.
//!
//! The Java client that wrote the suite escapes some characters we leave
//! alone and the other way round (`$`, `!`, `*`, `;`, `/` ...), so values are
//! compared after decoding, never as bytes.
//!
//! [`requests_and_responses`] builds each of the 59 requests with the public
//! builders (the calls are written out in `support/requests.rs`), compares
//! them with the files, parses the 59 responses with `support/responses.rs`,
//! and prints `conformance: requests N/59, responses M/59`.

mod support;

#[path = "support/requests.rs"]
mod requests;

use std::collections::BTreeSet;
use std::io::Write;

use restli_codec::{
    PROJECTION_PARAMS, from_str, from_str_reduced, to_query_string, to_string, to_string_reduced,
};
use serde_json::{Map, Value};
use support::testsuite::{Request, Suite};

/// How many expected requests the protocol 2.0.0 part of the suite holds.
const REQUEST_FILES: usize = 59;

/// The JSON body maps whose keys are reduced-encoded Rest.li keys.
const KEYED_MAPS: [&str; 4] = ["entities", "results", "statuses", "errors"];

fn locate(test: &str) -> Option<Suite> {
    Suite::locate_or_skip(test)
}

/// A missing suite skips a plain `cargo test`, and fails when required.
#[test]
fn a_missing_suite_fails_only_when_required() {
    let nowhere = || Err(std::path::PathBuf::from("/nonexistent/restli-testsuite"));
    assert!(matches!(
        Suite::decide(nowhere(), false, "self-check"),
        Ok(None)
    ));
    let err = Suite::decide(nowhere(), true, "self-check").unwrap_err();
    assert!(err.contains("RESTLI_TESTSUITE_REQUIRED"), "{err}");
    assert!(err.contains("/nonexistent/restli-testsuite"), "{err}");
}

/// Decodes a URL-form value, re-encodes it, and checks that the re-encoding
/// decodes to the same value.
fn url_round_trip(raw: &str, context: &str) -> Value {
    let value: Value =
        from_str(raw).unwrap_or_else(|e| panic!("{context}: cannot decode {raw:?}: {e}"));
    let again = to_string(&value).unwrap_or_else(|e| panic!("{context}: cannot encode: {e}"));
    let back: Value =
        from_str(&again).unwrap_or_else(|e| panic!("{context}: cannot decode {again:?}: {e}"));
    assert_eq!(back, value, "{context}: {raw:?} re-encoded as {again:?}");
    value
}

/// The same for the reduced form.
fn reduced_round_trip(raw: &str, context: &str) -> Value {
    let value: Value =
        from_str_reduced(raw).unwrap_or_else(|e| panic!("{context}: cannot decode {raw:?}: {e}"));
    let again =
        to_string_reduced(&value).unwrap_or_else(|e| panic!("{context}: cannot encode: {e}"));
    let back: Value = from_str_reduced(&again)
        .unwrap_or_else(|e| panic!("{context}: cannot decode {again:?}: {e}"));
    assert_eq!(back, value, "{context}: {raw:?} re-encoded as {again:?}");
    value
}

/// Plain percent-decoding, for the `fields` projection, which is not
/// Rest.li-encoded.
fn percent_decode(raw: &str, context: &str) -> String {
    percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .unwrap_or_else(|e| panic!("{context}: projection {raw:?} is not UTF-8: {e}"))
        .into_owned()
}

/// A batch key without its `$params`: responses key complex keys by their
/// key parts only, while requests send the parameters too.
fn without_params(key: &Value) -> Value {
    match key {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| *k != "$params")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect::<Map<String, Value>>(),
        ),
        other => other.clone(),
    }
}

/// The decoded `ids` of a batch request, `$params` removed.
fn batch_ids(request: &Request) -> Option<BTreeSet<String>> {
    let (_, raw) = request
        .query_pairs()
        .into_iter()
        .find(|(n, _)| *n == "ids")?;
    match from_str::<Value>(raw).ok()? {
        Value::Array(ids) => Some(
            ids.iter()
                .map(|id| without_params(id).to_string())
                .collect(),
        ),
        _ => None,
    }
}

#[derive(Default)]
struct Counts {
    request_files: usize,
    response_files: usize,
    path_keys: usize,
    query_values: usize,
    projections: usize,
    reduced_keys: usize,
    id_headers: usize,
    keys_matched_to_ids: usize,
}

/// Checks the keys of the Rest.li-keyed maps of a JSON body; returns the
/// decoded keys (without `$params`).
fn check_body_keys(body: &Value, context: &str, counts: &mut Counts) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for map_name in KEYED_MAPS {
        let Some(map) = body.get(map_name).and_then(Value::as_object) else {
            continue;
        };
        for raw in map.keys() {
            let key = reduced_round_trip(raw, &format!("{context} {map_name} key"));
            keys.insert(without_params(&key).to_string());
            counts.reduced_keys += 1;
        }
    }
    keys
}

#[test]
fn values() {
    let Some(suite) = locate("conformance") else {
        return;
    };
    let mut counts = Counts::default();

    let requests = suite.requests();
    for named in &requests {
        let (name, request) = (&named.name, &named.item);
        counts.request_files += 1;

        // Path keys: every segment after a resource name.
        for resource in request.resource_names() {
            assert!(
                !resource.is_empty() && resource.chars().all(|c| c.is_ascii_alphanumeric()),
                "{name}: {resource:?} is not a resource name"
            );
        }
        for raw in request.path_keys() {
            url_round_trip(raw, &format!("{name} path key"));
            counts.path_keys += 1;
        }

        // Query values: Rest.li-encoded, except the projection.
        let mut params = Map::new();
        for (param, raw) in request.query_pairs() {
            let context = format!("{name} query parameter {param}");
            let value = if PROJECTION_PARAMS.contains(&param) {
                counts.projections += 1;
                Value::String(percent_decode(raw, &context))
            } else {
                counts.query_values += 1;
                url_round_trip(raw, &context)
            };
            assert!(
                params.insert(param.to_owned(), value).is_none(),
                "{context}: given twice"
            );
        }
        // The whole query, rebuilt by `to_query_string`, decodes to the same
        // parameters (the projection comes back byte for byte).
        if !params.is_empty() {
            let rebuilt = to_query_string(&params)
                .unwrap_or_else(|e| panic!("{name}: cannot rebuild the query: {e}"));
            let reread = Request {
                target: format!("/x?{rebuilt}"),
                ..request.clone()
            };
            for ((p1, raw1), (p2, raw2)) in request
                .query_pairs()
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>()
                .into_iter()
                .zip(reread.query_pairs())
            {
                assert_eq!(p1, p2, "{name}: parameters out of order in {rebuilt}");
                if PROJECTION_PARAMS.contains(&p1) {
                    assert_eq!(raw1, raw2, "{name}: projection changed in {rebuilt}");
                } else {
                    assert_eq!(
                        from_str::<Value>(raw1).unwrap(),
                        from_str::<Value>(raw2).unwrap(),
                        "{name}: {p1} changed in {rebuilt}"
                    );
                }
            }
            assert_eq!(reread.query_pairs().len(), params.len(), "{rebuilt}");
        }

        // Reduced keys of a request body (batch update and partial update),
        // which must be the ids of the request.
        if let Some(body) = request.json() {
            let keys = check_body_keys(&body, name, &mut counts);
            if !keys.is_empty() {
                let ids = batch_ids(request)
                    .unwrap_or_else(|| panic!("{name}: keyed body without an ids parameter"));
                assert_eq!(keys, ids, "{name}: body keys differ from the ids");
                counts.keys_matched_to_ids += keys.len();
            }
        }
    }

    for named in suite.responses() {
        let (name, response) = (&named.name, &named.item);
        counts.response_files += 1;
        if let Some(id) = response.headers.get("X-RestLi-Id") {
            reduced_round_trip(id, &format!("{name} X-RestLi-Id"));
            counts.id_headers += 1;
        }
        if let Some(body) = response.json() {
            let keys = check_body_keys(&body, name, &mut counts);
            // Every key answered for was asked for.
            if !keys.is_empty() {
                let request = suite
                    .request(name)
                    .unwrap_or_else(|| panic!("{name}: no request beside the response"));
                let ids = batch_ids(&request)
                    .unwrap_or_else(|| panic!("{name}: keyed response to a request without ids"));
                assert!(
                    keys.is_subset(&ids),
                    "{name}: response keys {keys:?} not among the ids {ids:?}"
                );
                counts.keys_matched_to_ids += keys.len();
            }
        }
    }

    println!(
        "conformance (values): {} request files, {} path keys, {} query values \
         ({} projections percent-decoded only), {} reduced keys, {} X-RestLi-Id headers; \
         {} batch keys matched to their ids",
        counts.request_files,
        counts.path_keys,
        counts.query_values,
        counts.projections,
        counts.reduced_keys,
        counts.id_headers,
        counts.keys_matched_to_ids,
    );
    assert_eq!(counts.request_files, REQUEST_FILES, "request files read");
    assert_eq!(counts.response_files, REQUEST_FILES, "response files read");
    assert!(counts.path_keys > 0, "no path keys checked");
    assert!(counts.query_values > 0, "no query values checked");
    assert!(counts.projections > 0, "no projections checked");
    assert!(counts.reduced_keys > 0, "no reduced keys checked");
    assert!(counts.id_headers > 0, "no X-RestLi-Id headers checked");
    assert!(counts.keys_matched_to_ids > 0, "no batch keys matched");
}

/// The manifest and the directories agree: every operation has its two
/// files, and every file belongs to an operation.
#[test]
fn manifest_lists_every_file() {
    let Some(suite) = locate("conformance (manifest)") else {
        return;
    };
    let operations = suite.operations();
    assert_eq!(
        operations.len(),
        REQUEST_FILES,
        "operations in manifest.json"
    );
    let mut requests = BTreeSet::new();
    for op in &operations {
        let request = suite
            .request(&op.request)
            .unwrap_or_else(|| panic!("{}: no requests-v2/{}.req", op.name, op.request));
        let response = suite
            .response(&op.response)
            .unwrap_or_else(|| panic!("{}: no responses-v2/{}.res", op.name, op.response));
        if let Some(status) = op.status {
            assert_eq!(response.status, status, "{}: status", op.name);
        }
        assert!(request.target.starts_with('/'), "{}: target", op.name);
        requests.insert(op.request.clone());
    }
    let files: BTreeSet<String> = suite.requests().into_iter().map(|r| r.name).collect();
    assert_eq!(requests, files, "request files without a manifest entry");
    println!(
        "conformance (manifest): {} operations, each with its request and response",
        operations.len()
    );
}

/// Every request of the suite, built with the public builders, matches its
/// file; every response parses (counted here, asserted by the
/// `responses_conformance` test).
#[test]
fn requests_and_responses() {
    let Some(suite) = locate("conformance (requests and responses)") else {
        return;
    };
    let requests = requests::check_all(&suite);
    for failure in &requests.failures {
        println!("request FAILED: {failure}");
    }
    let responses = support::responses::check_all(&suite.root);
    for failure in &responses.failures {
        println!("response FAILED: {failure}");
    }
    say(&format!(
        "conformance: requests {}/{REQUEST_FILES}, responses {}/{REQUEST_FILES}",
        requests.passed, responses.passed
    ));
    assert_eq!(requests.total, REQUEST_FILES, "operations in manifest.json");
    assert_eq!(
        requests.passed,
        REQUEST_FILES,
        "requests built and matched:\n{}",
        requests.failures.join("\n")
    );
}

/// Writes a line straight to standard error, past the test harness's output
/// capture, so that the summary (or the skip notice) shows in every run.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}
