//! The `linkedin` binary end to end against an in-process sandbox: login
//! (the test plays the browser), status, refresh, token, every `api`
//! method, pagination, `--dry-run` against what is really sent, Rest.li
//! encoding, and the one-line errors.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command as StdCommand, Stdio};
use std::time::Duration;

use assert_cmd::Command;
use linkedin_sandbox::Sandbox;
use serde_json::{Value, json};

fn linkedin(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("linkedin").unwrap();
    cmd.env("LINKEDIN_CONFIG_DIR", config)
        .env_remove("LINKEDIN_ACCESS_TOKEN")
        .env_remove("LINKEDIN_PROFILE")
        .env_remove("LINKEDIN_CLIENT_ID")
        .env_remove("LINKEDIN_CLIENT_SECRET")
        .timeout(Duration::from_secs(30));
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let output = cmd.output().unwrap();
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Runs `auth login` and plays the browser: fetches the printed URL, whose
/// redirect (followed by ureq) lands on the tool's loopback listener.
fn login(sandbox: &Sandbox, config: &Path, extra: &[&str]) -> (String, String) {
    let bin = assert_cmd::cargo::cargo_bin("linkedin");
    let oauth = sandbox.oauth_url();
    let mut args = vec![
        "auth",
        "login",
        "--client-id",
        sandbox.client_id(),
        "--scope",
        "openid",
        "--scope",
        "r_ads",
        "--redirect-port",
        "0",
        "--no-browser",
        "--timeout",
        "20",
        "--oauth-base-url",
        &oauth,
        "--base-url",
        sandbox.origin(),
    ];
    args.extend_from_slice(extra);
    let mut child = StdCommand::new(bin)
        .args(&args)
        .env("LINKEDIN_CONFIG_DIR", config)
        .env("LINKEDIN_CLIENT_SECRET", sandbox.client_secret())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut url = String::new();
    stdout.read_line(&mut url).unwrap();
    let url = url.trim().to_owned();
    assert!(url.starts_with(&oauth), "unexpected first line {url:?}");
    let page = ureq::get(&url)
        .call()
        .unwrap()
        .into_body()
        .read_to_string()
        .unwrap();
    assert!(page.contains("Logged in"), "{page}");
    let status = child.wait().unwrap();
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "login failed: {stderr}");
    (format!("{url}\n{rest}"), stderr)
}

fn stored_token(config: &Path) -> String {
    let store: Value =
        serde_json::from_slice(&std::fs::read(config.join("credentials.json")).unwrap()).unwrap();
    store["profiles"]["default"]["tokens"]["access_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn login_status_refresh_token_logout() {
    let sandbox = Sandbox::spawn().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path();

    // The default member login sends no PKCE challenge: LinkedIn accepts
    // PKCE only from native apps it enabled it for
    // (https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow-native).
    let (stdout, stderr) = login(&sandbox, config, &[]);
    assert!(!stdout.contains("code_challenge"), "{stdout}");
    let token = stored_token(config);
    assert!(!stdout.contains(&token) && !stderr.contains(&token));
    assert!(stderr.contains("logged in"), "{stderr}");

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(config.join("credentials.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // status: local expiry plus introspection, without the token.
    let status = stdout_of(
        linkedin(config)
            .args(["auth", "status"])
            .env("LINKEDIN_CLIENT_SECRET", sandbox.client_secret()),
    );
    assert!(!status.contains(&token));
    let status: Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status["expired"], false);
    assert_eq!(status["has_refresh_token"], true);
    assert_eq!(status["introspection"]["active"], true);

    // refresh: a new access token is stored.
    let before = sandbox.request_count("/oauth/v2/accessToken");
    let out = linkedin(config)
        .args(["auth", "refresh"])
        .env("LINKEDIN_CLIENT_SECRET", sandbox.client_secret())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(sandbox.request_count("/oauth/v2/accessToken"), before + 1);
    let refreshed = stored_token(config);
    assert_ne!(refreshed, token);
    assert!(!String::from_utf8_lossy(&out.stdout).contains(&refreshed));
    assert!(!String::from_utf8_lossy(&out.stderr).contains(&refreshed));

    // token: the only command that prints it.
    let printed = stdout_of(linkedin(config).args(["auth", "token"]));
    assert_eq!(printed.trim(), refreshed);

    // The stored profile is used by `api`, with the stored base URL.
    // /userinfo (under /v2) is who-am-I for OpenID Connect apps:
    // https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2
    let me: Value = serde_json::from_str(&stdout_of(linkedin(config).args([
        "api",
        "get",
        "/userinfo",
    ])))
    .unwrap();
    assert!(me["sub"].is_string());

    linkedin(config).args(["auth", "logout"]).assert().success();
    linkedin(config)
        .args(["auth", "token"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("no stored profile"));
}

/// `--pkce` is opt-in, and its help says when to use it (a native app
/// for which LinkedIn enabled PKCE; a web app sending `code_verifier` gets
/// 401 invalid_client):
/// https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow-native
#[test]
fn pkce_is_opt_in_and_explained() {
    let dir = tempfile::tempdir().unwrap();
    let help = stdout_of(linkedin(dir.path()).args(["auth", "login", "--help"]));
    let pkce = help
        .split("--pkce")
        .nth(1)
        .unwrap_or_else(|| panic!("{help}"));
    let pkce = pkce.split("\n      --").next().unwrap();
    for needle in ["native app", "off by default", "invalid_client"] {
        assert!(pkce.contains(needle), "{needle:?} missing from: {pkce}");
    }

    let sandbox = Sandbox::spawn().unwrap();
    let (stdout, _) = login(&sandbox, dir.path(), &["--pkce"]);
    assert!(stdout.contains("code_challenge_method=S256"), "{stdout}");
}

/// The `api` help samples who-am-I as /userinfo and says what /me needs
/// (legacy profile scopes; 403 for OpenID Connect apps:
/// https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2),
/// and campaign groups under their ad account
/// (https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-campaign-groups).
#[test]
fn api_help_samples_userinfo_and_nested_campaign_groups() {
    let dir = tempfile::tempdir().unwrap();
    let help = stdout_of(linkedin(dir.path()).args(["api", "--help"]));
    for needle in [
        "linkedin api get /userinfo",
        "r_liteprofile",
        "403",
        "/adAccounts/{id}/adCampaignGroups",
    ] {
        assert!(help.contains(needle), "{needle:?} missing from: {help}");
    }
    assert!(!help.contains("get /me"), "{help}");
    let top = stdout_of(linkedin(dir.path()).args(["sandbox", "--help"]));
    assert!(!top.contains("/me "));
}

/// Every wait is bounded: the login timeout is 1 s to an hour (a huge one
/// used to overflow the deadline).
#[test]
fn the_login_timeout_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    for timeout in ["0", "3601", "18446744073709551615"] {
        linkedin(dir.path())
            .args(["auth", "login", "--client-id", "c", "--scope", "openid"])
            .args(["--timeout", timeout])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("1..=3600"));
    }
}

#[test]
fn client_credentials_login() {
    let sandbox = Sandbox::spawn().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let oauth = sandbox.oauth_url();
    let out = linkedin(dir.path())
        .args([
            "auth",
            "login",
            "--client-credentials",
            "--client-id",
            sandbox.client_id(),
            "--oauth-base-url",
            &oauth,
        ])
        .env("LINKEDIN_CLIENT_SECRET", sandbox.client_secret())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("credentials.json")).unwrap())
            .unwrap();
    assert_eq!(store["profiles"]["default"]["auth_type"], "2L");
}

fn api(sandbox: &Sandbox, config: &Path, args: &[&str]) -> Value {
    let mut cmd = linkedin(config);
    cmd.arg("api").args(args).args([
        "--base-url",
        sandbox.origin(),
        "--access-token",
        sandbox.access_token(),
    ]);
    serde_json::from_str(&stdout_of(&mut cmd)).unwrap()
}

#[test]
fn every_api_method() {
    let sandbox = Sandbox::builder().empty().spawn().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path();

    let created = api(
        &sandbox,
        c,
        &["create", "/things", "--body", r#"{"name":"a","kind":"x"}"#],
    );
    assert_eq!(created["status"], 201);
    let id = created["id"].as_str().unwrap().to_owned();
    let key = format!("id={id}");

    let got = api(&sandbox, c, &["get", "/things/{id}", "--key", &key]);
    assert_eq!(got["name"], "a");

    let batch = api(
        &sandbox,
        c,
        &[
            "batch_create",
            "/things",
            "--body",
            r#"[{"name":"b","kind":"y"},{"name":"c","kind":"x"}]"#,
        ],
    );
    let ids: Vec<String> = batch["elements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 2);
    let ids_json = serde_json::to_string(
        &ids.iter()
            .map(|i| i.parse::<u64>().unwrap())
            .collect::<Vec<_>>(),
    )
    .unwrap();

    let fetched = api(&sandbox, c, &["batch_get", "/things", "--ids", &ids_json]);
    assert_eq!(fetched["results"].as_object().unwrap().len(), 2);

    let all = api(&sandbox, c, &["get_all", "/things"]);
    assert_eq!(all["paging"]["total"], 3);

    let found = api(
        &sandbox,
        c,
        &[
            "finder",
            "/things",
            "--name",
            "search",
            "--param",
            r#"kind="x""#,
        ],
    );
    assert_eq!(found["elements"].as_array().unwrap().len(), 2);

    let multi = api(
        &sandbox,
        c,
        &[
            "batch_finder",
            "/things",
            "--name",
            "search",
            "--param",
            r#"searchCriteria=[{"kind":"x"},{"kind":"y"}]"#,
        ],
    );
    assert_eq!(multi["elements"].as_array().unwrap().len(), 2);

    api(
        &sandbox,
        c,
        &[
            "update",
            "/things/{id}",
            "--key",
            &key,
            "--body",
            r#"{"name":"a2","kind":"x"}"#,
        ],
    );
    api(
        &sandbox,
        c,
        &[
            "partial_update",
            "/things/{id}",
            "--key",
            &key,
            "--body",
            r#"{"$set":{"name":"a3"}}"#,
        ],
    );
    assert_eq!(
        api(&sandbox, c, &["get", "/things/{id}", "--key", &key])["name"],
        "a3"
    );

    let two = serde_json::to_string(
        &ids.iter()
            .map(|i| i.parse::<u64>().unwrap())
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let updated = api(
        &sandbox,
        c,
        &[
            "batch_update",
            "/things",
            "--ids",
            &two,
            "--body",
            r#"[{"name":"b2","kind":"y"},{"name":"c2","kind":"x"}]"#,
        ],
    );
    assert_eq!(updated["results"].as_object().unwrap().len(), 2);
    let patched = api(
        &sandbox,
        c,
        &[
            "batch_partial_update",
            "/things",
            "--ids",
            &two,
            "--body",
            r#"[{"$set":{"n":1}},{"$set":{"n":2}}]"#,
        ],
    );
    assert_eq!(patched["results"].as_object().unwrap().len(), 2);

    let echoed = api(
        &sandbox,
        c,
        &[
            "action",
            "/things",
            "--name",
            "ping",
            "--body",
            r#"{"x":1}"#,
        ],
    );
    assert_eq!(echoed["value"], json!({"x": 1}));

    api(&sandbox, c, &["delete", "/things/{id}", "--key", &key]);
    let deleted = api(&sandbox, c, &["batch_delete", "/things", "--ids", &two]);
    assert_eq!(deleted["results"].as_object().unwrap().len(), 2);
    assert_eq!(
        api(&sandbox, c, &["get_all", "/things"])["paging"]["total"],
        0
    );
}

#[test]
fn paginate_prints_one_entity_per_line() {
    let sandbox = Sandbox::builder().empty().spawn().unwrap();
    for i in 0..23 {
        sandbox
            .insert("items", &i, json!({"id": i, "n": i}))
            .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = linkedin(dir.path());
    cmd.args([
        "api",
        "get_all",
        "/items",
        "--paginate",
        "--param",
        "count=5",
    ])
    .args([
        "--base-url",
        sandbox.origin(),
        "--access-token",
        sandbox.access_token(),
    ]);
    let out = stdout_of(&mut cmd);
    let mut seen: Vec<i64> = out
        .lines()
        .map(|line| {
            serde_json::from_str::<Value>(line).unwrap()["n"]
                .as_i64()
                .unwrap()
        })
        .collect();
    seen.sort();
    assert_eq!(seen, (0..23).collect::<Vec<_>>());
}

/// A one-shot server that records the raw request it receives.
fn capture_one_request() -> (String, std::thread::JoinHandle<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut raw = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            let n = stream.read(&mut buf).unwrap();
            raw.extend_from_slice(&buf[..n]);
            if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
                let length = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .map_or(0, |v| v.trim().parse::<usize>().unwrap());
                if raw.len() >= end + 4 + length {
                    break;
                }
            }
            if n == 0 {
                break;
            }
        }
        let body = b"{}";
        write!(
            stream,
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        )
        .unwrap();
        stream.write_all(body).unwrap();
        raw
    });
    (origin, handle)
}

#[test]
fn dry_run_prints_what_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let ids: Vec<String> = (0..400)
        .map(|i| format!("urn:li:sponsoredCampaignGroup:{i}"))
        .collect();
    let ids = serde_json::to_string(&ids).unwrap();
    let args = [
        "api",
        "batch_get",
        "/adAccounts/{id}/adCampaignGroups",
        "--key",
        "id=507404993",
        "--ids",
        &ids,
        "--version",
        "202406",
    ];

    let (origin, server) = capture_one_request();
    let dry = stdout_of(linkedin(dir.path()).args(args).args([
        "--base-url",
        &origin,
        "--access-token",
        "secret-token",
        "--dry-run",
    ]));
    assert!(!dry.contains("secret-token"));
    linkedin(dir.path())
        .args(args)
        .args(["--base-url", &origin, "--access-token", "secret-token"])
        .assert()
        .success();
    let raw = String::from_utf8(server.join().unwrap()).unwrap();

    let (dry_head, dry_body) = dry.split_once("\n\n").unwrap_or((dry.as_str(), ""));
    let (sent_head, sent_body) = raw.split_once("\r\n\r\n").unwrap();
    let mut dry_lines = dry_head.lines();
    let request_line = dry_lines.next().unwrap();
    let (verb, url) = request_line.split_once(' ').unwrap();
    assert_eq!(verb, "POST", "400 URNs are tunneled");
    let path = url.strip_prefix(&origin).unwrap();
    assert_eq!(
        sent_head.lines().next().unwrap(),
        format!("{verb} {path} HTTP/1.1")
    );
    let sent_headers: Vec<(String, String)> = sent_head
        .lines()
        .skip(1)
        .map(|l| {
            let (n, v) = l.split_once(':').unwrap();
            (n.trim().to_ascii_lowercase(), v.trim().to_owned())
        })
        .collect();
    for line in dry_lines {
        let (name, value) = line.split_once(": ").unwrap();
        let expected = if name == "authorization" {
            "Bearer secret-token".to_owned()
        } else {
            value.to_owned()
        };
        assert!(
            sent_headers.contains(&(name.to_owned(), expected.clone())),
            "header {name}: {expected} was not sent; sent {sent_headers:?}"
        );
    }
    assert_eq!(sent_body, dry_body.trim_end_matches('\n'));
}

#[test]
fn restli_encode_decode_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let input = "{\"a\":[1,\"x y\"],\"b\":\"\"}\n\"urn:li:person:1\"\n";
    let encoded = stdout_of(
        linkedin(dir.path())
            .args(["restli", "encode"])
            .write_stdin(input),
    );
    assert_eq!(encoded, "(a:List(1,x%20y),b:'')\nurn%3Ali%3Aperson%3A1\n");
    let decoded = stdout_of(
        linkedin(dir.path())
            .args(["restli", "decode"])
            .write_stdin(encoded),
    );
    assert_eq!(
        decoded,
        "{\"a\":[\"1\",\"x y\"],\"b\":\"\"}\n\"urn:li:person:1\"\n"
    );
    let reduced = stdout_of(
        linkedin(dir.path())
            .args(["restli", "encode", "--reduced"])
            .write_stdin("{\"k\":\"a b\"}\n"),
    );
    assert_eq!(reduced, "(k:a b)\n");
}

/// Each mistake: non-zero exit, one line on stderr naming the problem and
/// the fix.
#[test]
fn errors_are_one_line_with_a_fix() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["api", "get", "/me"], "run `linkedin auth login`"),
        (
            vec![
                "api",
                "get",
                "/me",
                "--access-token",
                "t",
                "--param",
                "x=nope",
            ],
            "not valid JSON",
        ),
        (
            vec!["api", "fetch", "/me", "--access-token", "t"],
            "use one of get, batch_get",
        ),
        (
            vec!["auth", "token", "--profile", "missing"],
            "no stored profile \"missing\"",
        ),
    ];
    for (args, expected) in cases {
        let out = linkedin(dir.path()).args(&args).output().unwrap();
        assert!(!out.status.success(), "{args:?} succeeded");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }

    // An expired token without a refresh token.
    let expired = json!({"profiles": {"default": {
        "client_id": "c", "auth_type": "3L",
        "tokens": {"access_token": "old-token", "expires_at": 1000, "scopes": []}
    }}});
    std::fs::write(dir.path().join("credentials.json"), expired.to_string()).unwrap();
    let out = linkedin(dir.path())
        .args(["api", "get", "/me"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1);
    assert!(
        stderr.contains("expired") && stderr.contains("auth login"),
        "{stderr}"
    );
    assert!(!stderr.contains("old-token"));
}

// A path pasted from LinkedIn's docs, with its `/rest/` or `/v2/` root or
// as a whole `https://api.linkedin.com/...` URL, picks that root and is
// never doubled (issue 11.5; the roots are those of
// https://learn.microsoft.com/en-us/linkedin/marketing/versioning and of
// https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2,
// whose `userinfo` lives under /v2 only).
#[test]
fn pasted_roots_pick_the_api_and_are_never_doubled() {
    let dir = tempfile::tempdir().unwrap();
    let origin = "http://127.0.0.1:9";
    let first_line = |path: &str| {
        let out = stdout_of(linkedin(dir.path()).args([
            "api",
            "get",
            path,
            "--version",
            "202601",
            "--base-url",
            origin,
            "--access-token",
            "t",
            "--dry-run",
        ]));
        out.lines().next().unwrap_or_default().to_owned()
    };
    assert_eq!(
        first_line("/v2/userinfo"),
        format!("GET {origin}/v2/userinfo")
    );
    assert_eq!(
        first_line("/rest/adAccounts/123"),
        format!("GET {origin}/rest/adAccounts/123")
    );
    assert_eq!(
        first_line("https://api.linkedin.com/rest/adAccounts/123"),
        format!("GET {origin}/rest/adAccounts/123")
    );
    assert_eq!(
        first_line("https://api.linkedin.com/v2/userinfo"),
        format!("GET {origin}/v2/userinfo")
    );
    // Without a root the versioned call goes to /rest.
    assert_eq!(
        first_line("/adAccounts/123"),
        format!("GET {origin}/rest/adAccounts/123")
    );
    // A foreign host is refused, naming it.
    let refused = linkedin(dir.path())
        .args([
            "api",
            "get",
            "https://evil.example/rest/x",
            "--base-url",
            origin,
            "--access-token",
            "t",
            "--dry-run",
        ])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("evil.example"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
}
