//! Issue 11's checks of `linkedin api`, against loopback doubles that
//! answer as LinkedIn's documentation shows (`linkedin_test_support`), not
//! against the sandbox: the raw created id is printed, a cursor-paged
//! finder is walked once and stops, a 15,000-id BATCH_GET is tunneled.

use std::process::Output;
use std::time::Duration;

use linkedin_test_support::documented::{self, CREATED_POST};
use linkedin_test_support::{HostileServer, Script};
use serde_json::{Value, json};

fn run_api(origin: &str, args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("linkedin")
        .unwrap()
        .env("LINKEDIN_CONFIG_DIR", dir.path())
        .env_remove("LINKEDIN_PROFILE")
        .env_remove("LINKEDIN_ACCESS_TOKEN")
        .arg("api")
        .args(args)
        .args(["--base-url", origin, "--access-token", "t"])
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn create_post(origin: &str) -> Value {
    let out = run_api(
        origin,
        &[
            "create",
            "/posts",
            "--body",
            r#"{"author":"urn:li:organization:5515715","commentary":"hi"}"#,
            "--version",
            "202601",
        ],
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

// Posts API: 201 with `x-restli-id: urn:li:share:...`, raw
// (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api).
#[test]
fn create_prints_the_raw_restli_id() {
    let short = HostileServer::start(|_, _| {
        Script::respond(201, &[("x-restli-id", "urn:li:share:7")], b"")
    });
    assert_eq!(
        create_post(&short.origin()),
        json!({"status": 201, "id": "urn:li:share:7"})
    );
    assert_eq!(short.count("POST", "/rest/posts"), 1, "created once");

    let documented = HostileServer::start(documented::linkedin);
    assert_eq!(
        create_post(&documented.origin()),
        json!({"status": 201, "id": CREATED_POST})
    );
    assert_eq!(documented.request_count(), 1);
}

// Ads cursor pagination: `pageSize`/`pageToken` in,
// `metadata.nextPageToken` out, no `paging`
// (https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/cursor-based-pagination).
#[test]
fn paginate_prints_each_cursor_paged_element_once_and_stops() {
    let server = HostileServer::start(documented::linkedin);
    let out = run_api(
        &server.origin(),
        &[
            "finder",
            "/adAccounts",
            "--name",
            "search",
            "--version",
            "202601",
            "--param",
            "pageSize=5",
            "--paginate",
        ],
    );
    let ids: Vec<u64> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            serde_json::from_str::<Value>(line).unwrap()["id"]
                .as_u64()
                .unwrap()
        })
        .collect();
    documented::check_cursor_walk(&ids, &server.requests(), 5).unwrap();
    assert_eq!(server.request_count(), 5, "five pages of five, then done");
}

// Rest.li tunnels a query too long for a URL as a POST with
// `X-HTTP-Method-Override` and a form body (linkedin/rest.li
// `r2-core/src/main/java/com/linkedin/r2/message/QueryTunnelUtil.java`;
// LinkedIn's https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/query-tunneling).
#[test]
fn a_15000_id_batch_get_dry_run_shows_a_tunneled_post() {
    let ids = format!(
        "[{}]",
        (1..=15_000)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    );
    // Nothing listens: a dry run sends nothing.
    let out = run_api(
        "http://127.0.0.1:9",
        &[
            "batch_get",
            "/adAccounts",
            "--ids",
            &ids,
            "--dry-run",
            "--version",
            "202601",
        ],
    );
    let printed = String::from_utf8(out.stdout).unwrap();
    let (head, body) = printed.split_once("\n\n").unwrap();
    assert!(
        head.starts_with("POST http://127.0.0.1:9/rest/adAccounts\n"),
        "{head}"
    );
    let head = head.to_ascii_lowercase();
    assert!(head.contains("x-http-method-override: get"), "{head}");
    assert!(
        head.contains("content-type: application/x-www-form-urlencoded"),
        "{head}"
    );
    assert!(body.starts_with("ids=List(1,2,3,"), "{}", &body[..40]);
    assert!(
        body.trim_end().ends_with(",15000)"),
        "the whole query is in the body"
    );
}
