//! Every response of LinkedIn's Rest.li client test suite parses into the
//! typed response its manifest entry names (or into the expected API error).
//!
//! The suite is read from `RESTLI_TESTSUITE_DIR`, or from
//! `shared/restli-testsuite` beside the workspace; without it the test says
//! so and passes, unless `RESTLI_TESTSUITE_REQUIRED` is set (as `cargo
//! xtask ci` does): then it fails.

mod support;

use support::responses;
use support::testsuite::Suite;

#[test]
fn every_suite_response_parses() {
    let Some(suite) = Suite::locate_or_skip("every_suite_response_parses") else {
        return;
    };
    let report = responses::check_all(&suite.root);
    for failure in &report.failures {
        eprintln!("FAIL {failure}");
    }
    assert_eq!(report.total, 59, "the suite lists 59 responses");
    assert!(
        report.all_passed(),
        "{} of {} responses passed:\n{}",
        report.passed,
        report.total,
        report.failures.join("\n")
    );
}

#[test]
fn res_parser_handles_empty_bodies_and_lf_lines() {
    let r =
        responses::parse_res(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n\r\n").unwrap();
    assert_eq!(r.status(), 204);
    assert!(r.body().is_empty());
    let r = responses::parse_res(b"HTTP/1.1 200 OK\nX-RestLi-Id: 1\n\n{\n}\n").unwrap();
    assert_eq!(r.headers()["x-restli-id"], "1");
    assert_eq!(r.body(), b"{\n}");
    assert!(responses::parse_res(b"garbage").is_err());
}
