//! Issue 18, "the CLI and the first hour", end to end against in-process
//! sandboxes: the one-step sandbox login, silent renewal of a short-lived
//! token, `--access-token` keeping the stored origin, completions, the
//! help and messages, and the output for people.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use linkedin_sandbox::Sandbox;
use serde_json::Value;

fn linkedin(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("linkedin").unwrap();
    cmd.env("LINKEDIN_CONFIG_DIR", config)
        .env_remove("LINKEDIN_ACCESS_TOKEN")
        .env_remove("LINKEDIN_PROFILE")
        .env_remove("LINKEDIN_CLIENT_ID")
        .env_remove("LINKEDIN_CLIENT_SECRET")
        .timeout(Duration::from_secs(60));
    cmd
}

/// `linkedin auth login --sandbox ORIGIN`, listening on a free port: a fixed
/// one (the default 8765) would collide between tests run in parallel.
fn sandbox_login(config: &Path, origin: &str) -> Command {
    let mut cmd = linkedin(config);
    cmd.args(["auth", "login", "--redirect-port", "0", "--sandbox", origin]);
    cmd
}

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    Run {
        ok: out.status.success(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn ok(cmd: &mut Command) -> Run {
    let run = run(cmd);
    assert!(run.ok, "failed: {}", run.stderr);
    run
}

fn stored(config: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(config.join("credentials.json")).unwrap()).unwrap()
}

fn stored_token(config: &Path) -> String {
    stored(config)["profiles"]["default"]["tokens"]["access_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The authorization-code flow, with the tool playing the member's browser
/// against the sandbox's automatic consent
/// (https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow:
/// the redirect to a registered `redirect_uri` carries `code` and `state`).
#[test]
fn sandbox_login_in_one_step_with_no_browser() {
    let sandbox = Sandbox::spawn().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path();
    // No secret, no client id, no URLs, no browser: only the origin.
    let login = ok(sandbox_login(config, sandbox.origin()).write_stdin(""));
    assert!(
        login.stderr.contains("logged in against"),
        "{}",
        login.stderr
    );
    let token = stored_token(config);
    assert!(!login.stdout.contains(&token) && !login.stderr.contains(&token));
    let profile = &stored(config)["profiles"]["default"];
    assert_eq!(profile["client_id"], Sandbox::DEFAULT_CLIENT_ID);
    assert_eq!(profile["api_base_url"], sandbox.origin());
    assert_eq!(profile["oauth_base_url"], sandbox.oauth_url());
    // ... and the first call works with nothing else either.
    let me: Value =
        serde_json::from_str(&ok(linkedin(config).args(["api", "get", "/userinfo"])).stdout)
            .unwrap();
    assert!(me["sub"].is_string(), "{me}");
}

#[test]
fn sandbox_login_refuses_a_non_local_origin_and_reports_a_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&mut sandbox_login(dir.path(), "https://api.linkedin.com"));
    assert!(!out.ok);
    assert!(
        out.stderr.contains("not a local sandbox origin"),
        "{}",
        out.stderr
    );

    // An unknown client: the sandbox answers 400 instead of redirecting,
    // and the login says so at once rather than waiting for the timeout.
    let sandbox = Sandbox::spawn().unwrap();
    let started = std::time::Instant::now();
    let out = run(sandbox_login(dir.path(), sandbox.origin())
        .args(["--client-id", "nobody"])
        .env("LINKEDIN_CLIENT_SECRET", "x"));
    assert!(!out.ok);
    assert!(out.stderr.contains("did not redirect"), "{}", out.stderr);
    assert!(started.elapsed() < Duration::from_secs(20));
}

/// A 3-second access token is renewed with the refresh token on the next
/// call, stored, and the call made with the new one
/// (https://learn.microsoft.com/en-us/linkedin/shared/authentication/programmatic-refresh-tokens:
/// `grant_type=refresh_token` at the token endpoint gives a new access
/// token; the refresh token keeps its lifetime).
#[test]
fn a_short_token_is_renewed_silently_on_the_next_call() {
    let sandbox = Sandbox::builder()
        .access_token_lifetime(Duration::from_secs(3))
        .spawn()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path();
    ok(&mut sandbox_login(config, sandbox.origin()));
    let first = stored_token(config);
    std::thread::sleep(Duration::from_millis(3_500));
    let before = sandbox.request_count("/oauth/v2/accessToken");
    let call = ok(linkedin(config).args(["api", "get", "/userinfo"]));
    assert!(call.stderr.is_empty(), "renewal is silent: {}", call.stderr);
    let me: Value = serde_json::from_str(&call.stdout).unwrap();
    assert!(me["sub"].is_string());
    assert_eq!(sandbox.request_count("/oauth/v2/accessToken"), before + 1);
    let second = stored_token(config);
    assert_ne!(first, second, "the renewed token is stored");
    // `auth token` renews the same way.
    std::thread::sleep(Duration::from_millis(3_500));
    let printed = ok(linkedin(config).args(["auth", "token"])).stdout;
    assert_ne!(printed.trim(), second);
    assert_eq!(printed.trim(), stored_token(config));
}

#[test]
fn renewal_names_what_is_missing() {
    let sandbox = Sandbox::builder()
        .client("my-app", "my-secret")
        .access_token_lifetime(Duration::from_secs(2))
        .spawn()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path();
    ok(sandbox_login(config, sandbox.origin())
        .args(["--client-id", "my-app"])
        .env("LINKEDIN_CLIENT_SECRET", "my-secret"));
    std::thread::sleep(Duration::from_millis(2_500));
    // The app's own secret is needed, and only the environment gives it.
    let out = run(linkedin(config).args(["api", "get", "/userinfo"]));
    assert!(!out.ok);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("expired") && out.stderr.contains("LINKEDIN_CLIENT_SECRET"),
        "{}",
        out.stderr
    );
    ok(linkedin(config)
        .args(["api", "get", "/userinfo"])
        .env("LINKEDIN_CLIENT_SECRET", "my-secret"));

    // Without a refresh token, only a new login helps.
    let mut store = stored(config);
    let tokens = &mut store["profiles"]["default"]["tokens"];
    tokens.as_object_mut().unwrap().remove("refresh_token");
    tokens["expires_at"] = 1000.into();
    std::fs::write(config.join("credentials.json"), store.to_string()).unwrap();
    let out = run(linkedin(config)
        .args(["api", "get", "/userinfo"])
        .env("LINKEDIN_CLIENT_SECRET", "my-secret"));
    assert!(!out.ok);
    assert!(
        out.stderr.contains("no usable refresh token") && out.stderr.contains("auth login"),
        "{}",
        out.stderr
    );
}

#[test]
fn access_token_keeps_the_stored_origin() {
    let sandbox = Sandbox::spawn().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path();
    ok(&mut sandbox_login(config, sandbox.origin()));
    // The sandbox's static token, given by hand: still sent to the
    // profile's sandbox, not to api.linkedin.com.
    let before = sandbox.request_count("/v2/userinfo");
    ok(linkedin(config).args([
        "api",
        "get",
        "/userinfo",
        "--access-token",
        sandbox.access_token(),
    ]));
    assert_eq!(sandbox.request_count("/v2/userinfo"), before + 1);
    // ... and --dry-run shows where it would go.
    let dry = ok(linkedin(config).args([
        "api",
        "get",
        "/userinfo",
        "--access-token",
        "t",
        "--dry-run",
    ]))
    .stdout;
    assert!(
        dry.starts_with(&format!("GET {}/v2/userinfo", sandbox.origin())),
        "{dry}"
    );
}

#[test]
fn a_connect_error_names_the_host_and_base_url() {
    let dir = tempfile::tempdir().unwrap();
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let origin = format!("http://127.0.0.1:{port}");
    let out = run(linkedin(dir.path()).args([
        "api",
        "get",
        "/userinfo",
        "--access-token",
        "t",
        "--base-url",
        &origin,
    ]));
    assert!(!out.ok);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("cannot connect to 127.0.0.1:{port}"))
            && out.stderr.contains("--base-url"),
        "{}",
        out.stderr
    );
}

#[test]
fn completions_for_every_shell() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = ok(linkedin(dir.path()).args(["completions", shell])).stdout;
        assert!(script.contains("linkedin"), "{shell}");
        assert!(
            script.contains("login") && script.contains("paginate"),
            "{shell}"
        );
    }
    let out = run(linkedin(dir.path()).args(["completions", "tcsh"]));
    assert!(!out.ok);
}

#[test]
fn help_names_the_secret_and_only_relevant_options() {
    let dir = tempfile::tempdir().unwrap();
    let help = ok(linkedin(dir.path()).args(["auth", "login", "--help"])).stdout;
    assert!(help.contains("LINKEDIN_CLIENT_SECRET"), "{help}");
    assert!(help.contains("--sandbox"), "{help}");
    for command in [
        vec!["restli", "encode", "--help"],
        vec!["restli", "decode", "--help"],
        vec!["sandbox", "--help"],
        vec!["completions", "--help"],
    ] {
        let help = ok(linkedin(dir.path()).args(&command)).stdout;
        assert!(
            !help.contains("--profile") && !help.contains("--config-dir"),
            "{command:?}: {help}"
        );
    }
    for command in [
        vec!["api", "--help"],
        vec!["auth", "status", "--help"],
        vec!["auth", "--help"],
    ] {
        let help = ok(linkedin(dir.path()).args(&command)).stdout;
        assert!(help.contains("--profile"), "{command:?}: {help}");
    }
    let sandbox = ok(linkedin(dir.path()).args(["sandbox", "--help"])).stdout;
    assert!(sandbox.contains("--token-ttl"), "{sandbox}");
}

#[test]
fn sandbox_port_in_use_is_said_once_with_the_port() {
    let dir = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = run(linkedin(dir.path()).args(["sandbox", "--port", &port]));
    assert!(!out.ok);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert_eq!(
        out.stderr.matches("cannot start the sandbox").count(),
        1,
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(&format!("port {port}")),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--port"), "{}", out.stderr);
}

#[test]
fn request_mistakes_name_the_exact_problem() {
    let dir = tempfile::tempdir().unwrap();
    let api = |extra: &[&str]| {
        let mut args = vec![
            "api",
            "get",
            "/adAccounts/{id}",
            "--access-token",
            "t",
            "--dry-run",
        ];
        args.extend_from_slice(extra);
        run(linkedin(dir.path()).args(&args))
    };
    let out = api(&["--key", "ID=500001"]);
    assert!(!out.ok);
    assert!(
        out.stderr.contains("--key ID matches no placeholder")
            && out.stderr.contains("--key id=VALUE"),
        "{}",
        out.stderr
    );
    let out = api(&["--key", "account=1"]);
    assert!(
        out.stderr.contains("--key account") && out.stderr.contains("{id}"),
        "{}",
        out.stderr
    );

    // A bad version: what is wrong and the expected form, nothing generic
    // after it (https://learn.microsoft.com/en-us/linkedin/marketing/versioning:
    // LinkedIn-Version is YYYYMM).
    let out = api(&["--key", "id=1", "--version", "2024"]);
    assert!(!out.ok);
    assert_eq!(out.stderr.lines().count(), 1);
    assert!(
        out.stderr.contains("\"2024\"") && out.stderr.contains("YYYYMM"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("check the"), "{}", out.stderr);
}

/// Introspection (https://learn.microsoft.com/en-us/linkedin/shared/authentication/token-introspection)
/// needs the client id and secret; when it fails, what is stored is still
/// shown, with why LinkedIn could not be asked.
#[test]
fn status_shows_what_is_stored_when_introspection_fails() {
    let sandbox = Sandbox::builder()
        .client("my-app", "my-secret")
        .spawn()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path();
    ok(sandbox_login(config, sandbox.origin())
        .args(["--client-id", "my-app"])
        .env("LINKEDIN_CLIENT_SECRET", "my-secret"));
    let wrong = ok(linkedin(config)
        .args(["auth", "status"])
        .env("LINKEDIN_CLIENT_SECRET", "not-the-secret"));
    let status: Value = serde_json::from_str(&wrong.stdout).unwrap();
    assert_eq!(status["client_id"], "my-app");
    assert_eq!(status["expired"], false);
    assert_eq!(status["api_base_url"], sandbox.origin());
    let why = status["introspection"].as_str().unwrap();
    assert!(
        why.contains("could not be asked") && why.contains("LINKEDIN_CLIENT_SECRET"),
        "{why}"
    );
    let missing = ok(linkedin(config)
        .args(["auth", "status", "--json"])
        .write_stdin(""));
    let status: Value = serde_json::from_str(&missing.stdout).unwrap();
    assert!(
        status["introspection"]
            .as_str()
            .unwrap()
            .contains("set LINKEDIN_CLIENT_SECRET")
    );
    let right = ok(linkedin(config)
        .args(["auth", "status"])
        .env("LINKEDIN_CLIENT_SECRET", "my-secret"));
    let status: Value = serde_json::from_str(&right.stdout).unwrap();
    assert_eq!(status["introspection"]["active"], true);
}

/// On a terminal (`script` gives the command a pseudo-terminal), `auth
/// status` is a table with local dates and "expires in ...", no epoch
/// seconds; `--json` keeps the JSON.
#[cfg(target_os = "linux")]
#[test]
fn status_on_a_terminal_is_for_people() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no `script` to give the command a terminal");
        return;
    }
    let sandbox = Sandbox::spawn().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path();
    ok(&mut sandbox_login(config, sandbox.origin()));
    let bin = assert_cmd::cargo::cargo_bin("linkedin");
    let on_tty = |extra: &str| {
        let out = std::process::Command::new("script")
            .args([
                "-qec",
                &format!("{} auth status {extra}", bin.display()),
                "/dev/null",
            ])
            .env("LINKEDIN_CONFIG_DIR", config)
            .env_remove("LINKEDIN_CLIENT_SECRET")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let table = on_tty("");
    assert!(table.contains("access token"), "{table}");
    assert!(
        table.contains("expires in 59 days") || table.contains("expires in 60 days"),
        "{table}"
    );
    assert!(
        table.contains("LinkedIn says") && table.contains("active"),
        "{table}"
    );
    let expires_at = stored(config)["profiles"]["default"]["tokens"]["expires_at"].to_string();
    assert!(!table.contains(&expires_at), "no epoch seconds: {table}");
    let json = on_tty("--json");
    assert!(
        json.trim_start().starts_with('{') && json.contains(&expires_at),
        "{json}"
    );
}

#[test]
fn restli_decode_can_read_primitives_back() {
    let dir = tempfile::tempdir().unwrap();
    let plain = ok(linkedin(dir.path())
        .args(["restli", "decode"])
        .write_stdin("(a:1,b:true,c:x)\n"))
    .stdout;
    assert_eq!(plain, "{\"a\":\"1\",\"b\":\"true\",\"c\":\"x\"}\n");
    let typed = ok(linkedin(dir.path())
        .args(["restli", "decode", "--typed"])
        .write_stdin("(a:1,b:true,c:x)\n"))
    .stdout;
    assert_eq!(typed, "{\"a\":1,\"b\":true,\"c\":\"x\"}\n");
    let help = ok(linkedin(dir.path()).args(["restli", "decode", "--help"])).stdout;
    assert!(
        help.contains("every primitive") && help.contains("--typed"),
        "{help}"
    );
}

/// An application (2-legged) token has no refresh token: it is renewed
/// with the client credentials grant
/// (https://learn.microsoft.com/en-us/linkedin/shared/authentication/client-credentials-flow).
#[test]
fn an_application_token_is_renewed_with_client_credentials() {
    let sandbox = Sandbox::builder()
        .application_token_lifetime(Duration::from_secs(2))
        .spawn()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path();
    ok(sandbox_login(config, sandbox.origin()).args(["--client-credentials"]));
    let first = stored_token(config);
    std::thread::sleep(Duration::from_millis(2_500));
    ok(linkedin(config).args(["api", "get", "/adAccounts/500001", "--version", "202601"]));
    assert_ne!(stored_token(config), first);
}

/// Two calls at once with an expired token renew it once: the second
/// waits on the credentials file's lock, then finds the token fresh.
#[test]
fn concurrent_calls_renew_once() {
    let sandbox = Sandbox::builder()
        .access_token_lifetime(Duration::from_secs(8))
        .spawn()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().to_path_buf();
    ok(&mut sandbox_login(&config, sandbox.origin()));
    // Past half its lifetime the token needs renewing (the SDK's window
    // is capped at half the lifetime), though it has not expired.
    std::thread::sleep(Duration::from_millis(4_500));
    let before = sandbox.request_count("/oauth/v2/accessToken");
    let calls: Vec<_> = (0..3)
        .map(|_| {
            let config = config.clone();
            std::thread::spawn(move || ok(linkedin(&config).args(["api", "get", "/userinfo"])))
        })
        .collect();
    for call in calls {
        call.join().unwrap();
    }
    // A renewed token is fresh for its first 4 s, so the calls that
    // waited use it instead of renewing again.
    assert_eq!(sandbox.request_count("/oauth/v2/accessToken"), before + 1);
}
