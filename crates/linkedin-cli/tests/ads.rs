//! `linkedin ads ...` end to end against an in-process sandbox seeded with
//! ads data: accounts, campaigns and creatives as NDJSON over every page,
//! reports streamed as CSV, NDJSON and a table (split under a lowered row
//! cap), and bad input refused in one line before anything is sent.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use linkedin_sandbox::Sandbox;
use serde_json::Value;

fn linkedin(config: &Path, sandbox: &Sandbox) -> Command {
    let mut cmd = Command::cargo_bin("linkedin").unwrap();
    cmd.env("LINKEDIN_CONFIG_DIR", config)
        .env_remove("LINKEDIN_PROFILE")
        .env("LINKEDIN_ACCESS_TOKEN", sandbox.access_token())
        .timeout(Duration::from_secs(60))
        .args(["ads", "--base-url", sandbox.origin()]);
    cmd
}

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let output = cmd.output().unwrap();
    Run {
        ok: output.status.success(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn ok(cmd: &mut Command) -> String {
    let out = run(cmd);
    assert!(out.ok, "failed: {}", out.stderr);
    out.stdout
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// 310 campaigns: 207 under account 500001 (campaign groups 600001 and
/// 600002), 103 under 500002; pages of 100.
fn sandbox() -> Sandbox {
    Sandbox::builder()
        .ads_seed(11, 310)
        .analytics_row_cap(500)
        .spawn()
        .unwrap()
}

#[test]
fn accounts_campaigns_and_creatives_are_ndjson_over_every_page() {
    let sandbox = sandbox();
    let dir = tempfile::tempdir().unwrap();

    let accounts = json_lines(&ok(linkedin(dir.path(), &sandbox).arg("accounts")));
    let ids: BTreeSet<u64> = accounts.iter().map(|a| a["id"].as_u64().unwrap()).collect();
    assert!(ids.contains(&500001) && ids.contains(&500002), "{ids:?}");
    let active = json_lines(&ok(
        linkedin(dir.path(), &sandbox).args(["accounts", "--status", "active"])
    ));
    assert!(!active.is_empty());
    assert!(active.iter().all(|a| a["status"] == "ACTIVE"), "{active:?}");

    let campaigns = json_lines(&ok(linkedin(dir.path(), &sandbox).args([
        "campaigns",
        "--account",
        "500001",
    ])));
    assert_eq!(campaigns.len(), 207, "every page of 100");
    let distinct: BTreeSet<u64> = campaigns
        .iter()
        .map(|c| c["id"].as_u64().unwrap())
        .collect();
    assert_eq!(distinct.len(), 207, "each once");
    assert!(
        campaigns
            .iter()
            .all(|c| c["account"] == "urn:li:sponsoredAccount:500001")
    );

    let creatives = json_lines(&ok(linkedin(dir.path(), &sandbox).args([
        "creatives",
        "--account",
        "urn:li:sponsoredAccount:500002",
    ])));
    assert!(
        creatives.len() >= 103,
        "one or two a campaign: {}",
        creatives.len()
    );
    assert!(
        creatives
            .iter()
            .all(|c| c["account"] == "urn:li:sponsoredAccount:500002")
    );
}

/// Sums a CSV column of counts.
fn column_sum(csv: &str, name: &str) -> u64 {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let index = header.iter().position(|h| *h == name).unwrap();
    lines
        .map(|line| line.split(',').nth(index).unwrap().parse::<u64>().unwrap())
        .sum()
}

#[test]
fn a_report_streams_as_csv_split_under_the_cap_and_adds_up() {
    let sandbox = sandbox();
    let dir = tempfile::tempdir().unwrap();
    let daily = ok(linkedin(dir.path(), &sandbox).args([
        "report",
        "--account",
        "500002",
        "--from",
        "2024-01-01",
        "--to",
        "2024-01-31",
        "--granularity",
        "DAILY",
        "--pivot",
        "CAMPAIGN",
        "--metrics",
        "impressions,clicks",
    ]));
    let mut lines = daily.lines();
    assert_eq!(lines.next(), Some("CAMPAIGN,start,end,impressions,clicks"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 103 * 31, "a row a campaign a day");
    assert!(
        rows[0].starts_with("urn:li:sponsoredCampaign:"),
        "{}",
        rows[0]
    );
    assert!(rows[0].contains(",2024-01-01,2024-01-01,"), "{}", rows[0]);
    let distinct: BTreeSet<&str> = rows
        .iter()
        .map(|r| r.rsplitn(3, ',').nth(2).unwrap())
        .collect();
    assert_eq!(distinct.len(), rows.len(), "no row twice");
    assert!(
        sandbox.request_count("/rest/adAnalytics") > 6,
        "3,193 rows under a cap of 500: split"
    );

    let total = ok(linkedin(dir.path(), &sandbox).args([
        "report",
        "--account",
        "500002",
        "--from",
        "2024-01-01",
        "--to",
        "2024-01-31",
        "--pivot",
        "ACCOUNT",
        "--metrics",
        "impressions,clicks",
        "--format",
        "csv",
    ]));
    assert_eq!(total.lines().count(), 2, "{total}");
    for metric in ["impressions", "clicks"] {
        assert_eq!(
            column_sum(&daily, metric),
            column_sum(&total, metric),
            "{metric}"
        );
    }
}

#[test]
fn a_report_prints_as_ndjson_and_as_a_table() {
    let sandbox = sandbox();
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "report",
        "--account",
        "500001",
        "--from",
        "2024-01-01",
        "--to",
        "2024-03-31",
        "--granularity",
        "MONTHLY",
        "--pivot",
        "CAMPAIGN_GROUP",
        "--metrics",
        "clicks,costInUsd",
    ];
    let rows = json_lines(&ok(linkedin(dir.path(), &sandbox)
        .args(args)
        .args(["--format", "ndjson"])));
    assert_eq!(rows.len(), 2 * 3, "two campaign groups, three months");
    assert_eq!(rows[0]["dateRange"]["start"]["month"], 1);
    assert!(
        rows[0]["costInUsd"].is_string(),
        "money as LinkedIn writes it"
    );

    let table = ok(linkedin(dir.path(), &sandbox)
        .args(args)
        .args(["--format", "table"]));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 1 + 6);
    assert!(lines[0].starts_with("CAMPAIGN_GROUP "));
    let at = lines[0].find("clicks").unwrap();
    assert!(lines[1..].iter().all(|l| l[..at].ends_with(' ')), "{table}");
}

#[test]
fn bad_input_is_one_line_and_nothing_is_sent() {
    let sandbox = sandbox();
    let dir = tempfile::tempdir().unwrap();
    let report = |extra: &[&str]| {
        let mut cmd = linkedin(dir.path(), &sandbox);
        cmd.args([
            "report",
            "--account",
            "500001",
            "--pivot",
            "CAMPAIGN",
            "--metrics",
            "clicks",
        ]);
        cmd.args(extra);
        cmd
    };
    let cases: Vec<(Command, &str)> = vec![
        (
            report(&["--from", "2024-02-01", "--to", "2024-01-01"]),
            "after its end",
        ),
        (
            report(&["--from", "2024-01-01", "--to", "2024-13-01"]),
            "is not a date",
        ),
        (
            report(&[
                "--from",
                "2024-01-01",
                "--to",
                "2024-01-02",
                "--metrics",
                "clickz",
            ]),
            "clickz",
        ),
        (
            report(&[
                "--from",
                "2024-01-01",
                "--to",
                "2024-01-02",
                "--pivot",
                "CAMPAIGNS",
            ]),
            "CAMPAIGNS",
        ),
        (
            report(&[
                "--from",
                "2024-01-01",
                "--to",
                "2024-01-02",
                "--pivot",
                "MEMBER_COUNTRY_V2,MEMBER_INDUSTRY",
            ]),
            "cannot be asked for together",
        ),
        (
            report(&[
                "--from",
                "2024-01-01",
                "--to",
                "2024-01-02",
                "--granularity",
                "WEEKLY",
            ]),
            "WEEKLY",
        ),
        (
            {
                let mut cmd = linkedin(dir.path(), &sandbox);
                cmd.args(["campaigns", "--account", "12a"]);
                cmd
            },
            "12a",
        ),
        (
            {
                let mut cmd = linkedin(dir.path(), &sandbox);
                cmd.args(["accounts", "--status", "SLEEPING"]);
                cmd
            },
            "SLEEPING",
        ),
        (
            {
                let mut cmd = linkedin(dir.path(), &sandbox);
                cmd.args(["accounts", "--version", "2024-01"]);
                cmd
            },
            "--version",
        ),
    ];
    for (mut cmd, expected) in cases {
        let out = run(&mut cmd);
        assert!(!out.ok, "refused: {cmd:?}");
        assert!(out.stdout.is_empty(), "{}", out.stdout);
        assert_eq!(out.stderr.lines().count(), 1, "one line: {}", out.stderr);
        assert!(out.stderr.starts_with("linkedin: "), "{}", out.stderr);
        assert!(
            out.stderr.contains(expected),
            "{expected} in {}",
            out.stderr
        );
    }
    assert_eq!(sandbox.stats().total(), 0, "nothing sent");
}
