//! What `quickstart` and `oauth_2legged` print for a reader (issue 18):
//! the Rust call beside each request and answer, and dates a person reads
//! instead of epoch seconds. Runs the examples' binaries, which `cargo
//! test` builds beside this test.

use std::path::PathBuf;
use std::process::Command;

/// `target/debug/examples/NAME`, next to this test's `deps/` directory.
fn example(name: &str) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let path = exe.parent()?.parent()?.join("examples").join(name);
    path.exists().then_some(path)
}

fn run(name: &str) -> Option<String> {
    // `cargo test` builds every example before its tests run, so a missing
    // binary means the test is not testing anything: fail, never skip.
    let Some(path) = example(name) else {
        panic!("the {name} example is not built (run `cargo test -p examples`)");
    };
    let mut command = Command::new(path);
    for variable in [
        "LINKEDIN_ACCESS_TOKEN",
        "LINKEDIN_CLIENT_ID",
        "LINKEDIN_CLIENT_SECRET",
    ] {
        command.env_remove(variable);
    }
    let out = command.output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{name} failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(stdout)
}

#[test]
fn quickstart_shows_the_rust_call_of_each_request() {
    let Some(out) = run("quickstart") else { return };
    for call in [
        "rust: Request::get(\"/v2/userinfo\")",
        "rust: rest!(Request::create(\"/adAccounts\", &account))",
        "rust: rest!(Request::get(\"/adAccounts/{id}\").key(\"id\", &id))",
        "rust: rest!(Request::partial_update(\"/adAccounts/{id}\", &patch).key(\"id\", &id))",
        "rust: client.send(request).await?",
        "rust: client.send(search).await?",
        "rust: client.send(batch).await?",
        "rust: pending.finish(&location)?",
        "rust: oauth_client.exchange_code(&exchange).await?",
    ] {
        assert!(out.contains(call), "missing {call:?} in:\n{out}");
    }
    // Every request line (`->`) of the API steps follows a `rust:` line.
    let lines: Vec<&str> = out.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with("-> GET http") && line.contains("/rest/") {
            assert!(
                lines[..i]
                    .iter()
                    .rev()
                    .take(3)
                    .any(|l| l.contains("rust: ")),
                "no Rust call before {line:?}"
            );
        }
    }
}

#[test]
fn oauth_2legged_prints_dates_not_epoch_seconds() {
    let Some(out) = run("oauth_2legged") else {
        return;
    };
    let line = out
        .lines()
        .find(|l| l.contains("a token valid until"))
        .unwrap_or_else(|| panic!("no validity line in:\n{out}"));
    assert!(line.contains(" UTC (expires in "), "{line}");
    assert!(!line.contains("epoch"), "{line}");
    assert!(
        !line
            .split(|c: char| !c.is_ascii_digit())
            .any(|n| n.len() >= 9),
        "no epoch seconds: {line}"
    );
}
