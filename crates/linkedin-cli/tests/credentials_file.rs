//! The credentials file against a hostile config directory and against
//! concurrent `linkedin` processes.
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use linkedin_sandbox::Sandbox;
use serde_json::Value;

fn linkedin() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("linkedin"));
    cmd.env_remove("LINKEDIN_PROFILE")
        .env_remove("LINKEDIN_ACCESS_TOKEN")
        .env_remove("LINKEDIN_CLIENT_ID")
        .stdin(Stdio::null());
    cmd
}

/// Starts a member login and returns it once it waits for the browser,
/// with the authorization URL.
fn start_member_login(sandbox: &Sandbox, config: &Path) -> (Child, String) {
    let oauth = sandbox.oauth_url();
    let mut child = linkedin()
        .args([
            "auth",
            "login",
            "--client-id",
            sandbox.client_id(),
            "--scope",
            "openid",
            "--redirect-port",
            "0",
            "--no-browser",
            "--timeout",
            "20",
            "--oauth-base-url",
            &oauth,
        ])
        .env("LINKEDIN_CONFIG_DIR", config)
        .env("LINKEDIN_CLIENT_SECRET", sandbox.client_secret())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut url)
        .unwrap();
    (child, url.trim().to_owned())
}

fn approve_and_wait(child: Child, url: &str) -> Output {
    let page = ureq::get(url)
        .call()
        .unwrap()
        .into_body()
        .read_to_string()
        .unwrap();
    assert!(page.contains("Logged in"), "{page}");
    child.wait_with_output().unwrap()
}

fn client_credentials_login(sandbox: &Sandbox, config: &Path, profile: &str) -> Child {
    linkedin()
        .args([
            "auth",
            "login",
            "--client-credentials",
            "--client-id",
            sandbox.client_id(),
            "--oauth-base-url",
            &sandbox.oauth_url(),
            "--profile",
            profile,
        ])
        .env("LINKEDIN_CONFIG_DIR", config)
        .env("LINKEDIN_CLIENT_SECRET", sandbox.client_secret())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn stored(config: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(config.join("credentials.json")).unwrap()).unwrap()
}

/// The old save wrote to `.credentials.json.<pid>.tmp`, opened with
/// `O_CREAT|O_TRUNC` and no `O_EXCL`/`O_NOFOLLOW`: a link planted at that
/// name received the tokens.
#[test]
fn a_link_at_the_old_temporary_name_receives_nothing() {
    let sandbox = Sandbox::spawn().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let victim = elsewhere.path().join("victim");
    std::fs::write(&victim, "untouched").unwrap();

    let (child, url) = start_member_login(&sandbox, dir.path());
    let planted = dir
        .path()
        .join(format!(".credentials.json.{}.tmp", child.id()));
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    let out = approve_and_wait(child, &url);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "untouched");
    assert!(stored(dir.path())["profiles"]["default"]["tokens"]["access_token"].is_string());
    assert_eq!(mode(&dir.path().join("credentials.json")), 0o600);
}

/// A world-readable file planted at the old temporary name was reused
/// with its permissions, and renamed into place: the tokens ended 0644.
#[test]
fn a_planted_world_readable_file_does_not_make_the_tokens_readable() {
    let sandbox = Sandbox::spawn().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Also a world-readable credentials file already in place.
    let credentials = dir.path().join("credentials.json");
    std::fs::write(&credentials, r#"{"profiles":{}}"#).unwrap();
    std::fs::set_permissions(&credentials, std::fs::Permissions::from_mode(0o644)).unwrap();

    let (child, url) = start_member_login(&sandbox, dir.path());
    let planted = dir
        .path()
        .join(format!(".credentials.json.{}.tmp", child.id()));
    std::fs::write(&planted, "").unwrap();
    std::fs::set_permissions(&planted, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = approve_and_wait(child, &url);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&credentials), 0o600);
    assert!(stored(dir.path())["profiles"]["default"].is_object());
}

/// A credentials file that is a symbolic link is neither read nor
/// replaced: the command fails naming it.
#[test]
fn a_symlinked_credentials_file_is_refused() {
    let sandbox = Sandbox::spawn().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let victim = elsewhere.path().join("victim.json");
    std::fs::write(&victim, r#"{"profiles":{}}"#).unwrap();
    let link = dir.path().join("credentials.json");
    std::os::unix::fs::symlink(&victim, &link).unwrap();

    let out = client_credentials_login(&sandbox, dir.path(), "default")
        .wait_with_output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&link.display().to_string()) && stderr.contains("symbolic link"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        r#"{"profiles":{}}"#
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );

    // Reading commands refuse it too.
    let out = linkedin()
        .args(["auth", "token"])
        .env("LINKEDIN_CONFIG_DIR", dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("symbolic link"));
}

/// Each process read the file, added its profile and renamed its copy over
/// the others': of 8 parallel logins, 3 or 4 profiles were left.
#[test]
fn parallel_logins_keep_every_profile() {
    let sandbox = Sandbox::spawn().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..8).map(|i| format!("p{i}")).collect();
    let children: Vec<Child> = names
        .iter()
        .map(|name| client_credentials_login(&sandbox, dir.path(), name))
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let store = stored(dir.path());
    let kept: Vec<&String> = store["profiles"].as_object().unwrap().keys().collect();
    assert_eq!(kept, names.iter().collect::<Vec<_>>());
    assert_eq!(mode(&dir.path().join("credentials.json")), 0o600);
    // No temporary file is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
