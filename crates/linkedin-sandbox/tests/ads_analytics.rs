//! `GET /rest/adAnalytics` against the synthetic ads data, by plain HTTP.
//!
//! Page: "Ads Reporting"
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads-reporting/ads-reporting>):
//! the `analytics` (one `pivot`) and `statistics` (`pivots`, up to three)
//! finders, `timeGranularity` ALL / DAILY / MONTHLY / YEARLY, `dateRange`
//! as a Rest.li record of `start` and `end` dates, the `accounts`,
//! `campaignGroups`, `campaigns` and `creatives` facets as URN lists,
//! metrics named in `fields`, and at most 15,000 elements in one answer.
//! Metric names: "Ads Reporting Schema"
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads-reporting/ads-reporting-schema>).

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{Client, json};
use linkedin_sandbox::Sandbox;
use restli_codec::{Finder, Request};
use serde_json::{Value, json};

const METRICS: &str = "impressions,clicks,costInLocalCurrency,likes,totalEngagements";

fn range(start: (u32, u32, u32), end: (u32, u32, u32)) -> Value {
    json!({
        "start": {"year": start.0, "month": start.1, "day": start.2},
        "end": {"year": end.0, "month": end.1, "day": end.2},
    })
}

/// The first half of 2024 (182 days).
fn half_year() -> Value {
    range((2024, 1, 1), (2024, 6, 30))
}

fn analytics(pivot: &str, granularity: &str, date_range: &Value) -> Finder {
    Request::finder("/adAnalytics", "analytics")
        .param("pivot", pivot)
        .param("timeGranularity", granularity)
        .param("dateRange", date_range)
}

fn accounts(finder: Finder, ids: &[u64]) -> Finder {
    let urns: Vec<String> = ids
        .iter()
        .map(|id| format!("urn:li:sponsoredAccount:{id}"))
        .collect();
    finder.param("accounts", &urns)
}

async fn elements(client: &Client, finder: &Finder) -> Vec<Value> {
    let response = client.send(finder).await;
    let body = json(&response);
    assert_eq!(response.status(), 200, "{body}");
    body["elements"].as_array().unwrap().clone()
}

/// Each metric summed over rows (costs parsed to cents).
fn totals(rows: &[Value]) -> BTreeMap<String, u64> {
    let mut sums = BTreeMap::new();
    for row in rows {
        for (name, value) in row.as_object().unwrap() {
            let n = match value {
                Value::Number(n) => n.as_u64().unwrap(),
                Value::String(money) => {
                    let (units, cents) = money.split_once('.').unwrap();
                    units.parse::<u64>().unwrap() * 100 + cents.parse::<u64>().unwrap()
                }
                _ => continue,
            };
            *sums.entry(name.clone()).or_insert(0) += n;
        }
    }
    sums
}

async fn sandbox(campaigns: usize) -> Sandbox {
    Sandbox::builder()
        .ads_seed(42, campaigns)
        .start()
        .await
        .unwrap()
}

// "Ads Reporting": DAILY rows each cover one day; ALL one row per pivot value
// for the whole range. The sandbox computes both from one daily table.
#[tokio::test]
async fn daily_campaign_rows_over_a_half_year_add_up_to_all_account_totals() {
    let sandbox = Sandbox::builder().ads_seed(42, 60).start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let daily = accounts(
        analytics("CAMPAIGN", "DAILY", &half_year()),
        &[500001, 500002],
    )
    .fields(format!("dateRange,pivotValues,{METRICS}").as_str());
    let rows = elements(&client, &daily).await;
    let campaigns: BTreeSet<&str> = rows
        .iter()
        .map(|r| r["pivotValues"][0].as_str().unwrap())
        .collect();
    assert_eq!(campaigns.len(), 60);
    assert_eq!(rows.len(), 60 * 182, "one row per campaign and day");
    let days: BTreeSet<String> = rows
        .iter()
        .map(|r| r["dateRange"]["start"].to_string())
        .collect();
    assert_eq!(days.len(), 182);
    assert!(
        rows.iter()
            .all(|r| r["dateRange"]["start"] == r["dateRange"]["end"])
    );

    let all = accounts(analytics("ACCOUNT", "ALL", &half_year()), &[500001, 500002])
        .fields(format!("dateRange,pivotValues,{METRICS}").as_str());
    let account_rows = elements(&client, &all).await;
    assert_eq!(account_rows.len(), 2, "{account_rows:?}");
    assert_eq!(
        account_rows[0]["dateRange"],
        json!({"start": {"year": 2024, "month": 1, "day": 1}, "end": {"year": 2024, "month": 6, "day": 30}})
    );
    let daily_totals = totals(&rows);
    assert_eq!(daily_totals, totals(&account_rows));
    assert!(daily_totals["impressions"] > 0 && daily_totals["costInLocalCurrency"] > 0);
    assert_eq!(
        daily_totals.len(),
        5,
        "only the metrics asked for: {daily_totals:?}"
    );
}

// "Ads Reporting": MONTHLY and YEARLY buckets; the statistics finder's
// pivots; every breakdown of one range holds the same numbers.
#[tokio::test]
async fn every_granularity_and_pivot_of_a_range_has_the_same_totals() {
    let sandbox = sandbox(12).await;
    let client = Client::versioned(&sandbox);
    let date_range = range((2024, 1, 15), (2024, 4, 10));
    let fields = format!("dateRange,pivotValues,{METRICS}");
    let daily = elements(
        &client,
        &accounts(
            analytics("CREATIVE", "DAILY", &date_range),
            &[500001, 500002],
        )
        .fields(fields.as_str()),
    )
    .await;
    let expected = totals(&daily);
    for (pivot, granularity) in [
        ("CAMPAIGN", "MONTHLY"),
        ("CAMPAIGN_GROUP", "YEARLY"),
        ("COMPANY", "ALL"),
        ("ACCOUNT", "MONTHLY"),
    ] {
        let rows = elements(
            &client,
            &accounts(
                analytics(pivot, granularity, &date_range),
                &[500001, 500002],
            )
            .fields(fields.as_str()),
        )
        .await;
        assert_eq!(totals(&rows), expected, "{pivot} x {granularity}");
    }
    let monthly = elements(
        &client,
        &accounts(analytics("ACCOUNT", "MONTHLY", &date_range), &[500001]).fields(fields.as_str()),
    )
    .await;
    let ranges: Vec<String> = monthly
        .iter()
        .map(|r| {
            let d = &r["dateRange"];
            format!(
                "{}-{}..{}-{}",
                d["start"]["month"], d["start"]["day"], d["end"]["month"], d["end"]["day"]
            )
        })
        .collect();
    assert_eq!(
        ranges,
        ["1-15..1-31", "2-1..2-29", "3-1..3-31", "4-1..4-10"]
    );

    let statistics = Request::finder("/adAnalytics", "statistics")
        .param("pivots", &["CAMPAIGN", "CREATIVE"])
        .param("timeGranularity", "MONTHLY")
        .param("dateRange", &date_range)
        .param(
            "accounts",
            &[
                "urn:li:sponsoredAccount:500001",
                "urn:li:sponsoredAccount:500002",
            ],
        )
        .fields(fields.as_str());
    let rows = elements(&client, &statistics).await;
    assert!(
        rows.iter()
            .all(|r| r["pivotValues"].as_array().unwrap().len() == 2)
    );
    assert_eq!(totals(&rows), expected);
}

// "Ads Reporting": the facets select what is reported on.
#[tokio::test]
async fn facets_filter() {
    let sandbox = sandbox(9).await;
    let client = Client::versioned(&sandbox);
    let date_range = range((2024, 3, 1), (2024, 3, 31));
    let by_campaign = |finder: Finder| finder.fields("pivotValues,impressions");
    let pivot_values = |rows: &[Value]| -> BTreeSet<String> {
        rows.iter()
            .map(|r| r["pivotValues"][0].as_str().unwrap().to_owned())
            .collect()
    };

    // Account 500002 holds only group 600003: campaigns 700003, 700006, 700009.
    let rows = elements(
        &client,
        &by_campaign(accounts(
            analytics("CAMPAIGN", "ALL", &date_range),
            &[500002],
        )),
    )
    .await;
    assert_eq!(
        pivot_values(&rows),
        BTreeSet::from([
            "urn:li:sponsoredCampaign:700003".to_owned(),
            "urn:li:sponsoredCampaign:700006".into(),
            "urn:li:sponsoredCampaign:700009".into()
        ])
    );

    let groups = analytics("CAMPAIGN", "ALL", &date_range)
        .param("campaignGroups", &["urn:li:sponsoredCampaignGroup:600002"]);
    let rows = elements(&client, &by_campaign(groups)).await;
    assert_eq!(
        pivot_values(&rows),
        BTreeSet::from([
            "urn:li:sponsoredCampaign:700002".to_owned(),
            "urn:li:sponsoredCampaign:700005".into(),
            "urn:li:sponsoredCampaign:700008".into()
        ])
    );

    let one = analytics("CAMPAIGN", "ALL", &date_range)
        .param("campaigns", &["urn:li:sponsoredCampaign:700004"]);
    let rows = elements(&client, &by_campaign(one)).await;
    assert_eq!(
        pivot_values(&rows),
        BTreeSet::from(["urn:li:sponsoredCampaign:700004".to_owned()])
    );

    // A creative of that campaign: its numbers are part of the campaign's.
    let creatives = elements(
        &client,
        &analytics("CREATIVE", "ALL", &date_range)
            .param("campaigns", &["urn:li:sponsoredCampaign:700004"])
            .fields("pivotValues,impressions"),
    )
    .await;
    let first = creatives[0]["pivotValues"][0].as_str().unwrap().to_owned();
    let only = elements(
        &client,
        &analytics("CREATIVE", "ALL", &date_range)
            .param("creatives", &[first.as_str()])
            .fields("pivotValues,impressions"),
    )
    .await;
    assert_eq!(only.len(), 1);
    assert_eq!(only[0], creatives[0]);
    let campaign_total = rows[0]["impressions"].as_u64().unwrap();
    let creative_sum: u64 = creatives
        .iter()
        .map(|r| r["impressions"].as_u64().unwrap())
        .sum();
    assert_eq!(campaign_total, creative_sum);

    // Facets together narrow each other; nothing selected is an empty answer.
    let none = accounts(analytics("CAMPAIGN", "ALL", &date_range), &[500002])
        .param("campaigns", &["urn:li:sponsoredCampaign:700004"]);
    assert!(elements(&client, &none).await.is_empty());
}

// "Ads Reporting": one answer holds at most 15,000 elements. The page does
// not print the error; the sandbox answers 400 (see FIDELITY.md).
#[tokio::test]
async fn answers_over_the_row_cap_are_refused() {
    let sandbox = sandbox(500).await;
    let client = Client::versioned(&sandbox);
    // 500 campaigns x 182 days = 91,000 rows: over LinkedIn's 15,000.
    let too_big = accounts(
        analytics("CAMPAIGN", "DAILY", &half_year()),
        &[500001, 500002],
    )
    .fields("dateRange,pivotValues,impressions");
    let response = client.send(&too_big).await;
    let body = json(&response);
    assert_eq!(response.status(), 400, "{body}");
    assert_eq!(body["status"], 400);
    assert!(
        body["message"].as_str().unwrap().contains("15000"),
        "{body}"
    );

    // 500 x 29 days = 14,500 rows: under the cap.
    let window = accounts(
        analytics("CAMPAIGN", "DAILY", &range((2024, 1, 1), (2024, 1, 29))),
        &[500001, 500002],
    )
    .fields("dateRange,pivotValues,impressions");
    assert_eq!(elements(&client, &window).await.len(), 14_500);

    // The cap is configurable.
    let small = Sandbox::builder()
        .ads_seed(42, 10)
        .analytics_row_cap(20)
        .start()
        .await
        .unwrap();
    let client = Client::versioned(&small);
    let month = range((2024, 1, 1), (2024, 1, 31));
    let twenty = accounts(analytics("CAMPAIGN", "MONTHLY", &month), &[500001, 500002]);
    assert_eq!(elements(&client, &twenty).await.len(), 10);
    let daily = accounts(analytics("CAMPAIGN", "DAILY", &month), &[500001, 500002]);
    let response = client.send(&daily).await;
    assert_eq!(response.status(), 400);
    assert!(json(&response)["message"].as_str().unwrap().contains("20"));
}

// "Ads Reporting": the pivots, granularities and dateRange it lists; other
// values are a 400.
#[tokio::test]
async fn bad_parameters_are_refused() {
    let sandbox = sandbox(3).await;
    let client = Client::versioned(&sandbox);
    let good = half_year();
    let cases: Vec<(&str, Finder)> = vec![
        (
            "unknown pivot",
            accounts(analytics("CAMPAIGNS", "ALL", &good), &[500001]),
        ),
        (
            "pivot the sandbox cannot compute",
            accounts(analytics("MEMBER_COUNTRY_V2", "ALL", &good), &[500001]),
        ),
        (
            "unknown granularity",
            accounts(analytics("CAMPAIGN", "WEEKLY", &good), &[500001]),
        ),
        (
            "dateRange not a record",
            accounts(
                analytics("CAMPAIGN", "ALL", &json!("2024-01-01")),
                &[500001],
            ),
        ),
        (
            "no start",
            accounts(
                analytics(
                    "CAMPAIGN",
                    "ALL",
                    &json!({"end": {"year": 2024, "month": 1, "day": 1}}),
                ),
                &[500001],
            ),
        ),
        (
            "not a day",
            accounts(
                analytics("CAMPAIGN", "ALL", &range((2024, 2, 30), (2024, 3, 1))),
                &[500001],
            ),
        ),
        (
            "start after end",
            accounts(
                analytics("CAMPAIGN", "ALL", &range((2024, 3, 1), (2024, 2, 1))),
                &[500001],
            ),
        ),
        ("no facet", analytics("CAMPAIGN", "ALL", &good)),
        (
            "facet not URNs",
            analytics("CAMPAIGN", "ALL", &good).param("accounts", &["500001"]),
        ),
        (
            "four pivots",
            accounts(
                Request::finder("/adAnalytics", "statistics")
                    .param("pivots", &["CAMPAIGN", "CREATIVE", "ACCOUNT", "COMPANY"])
                    .param("timeGranularity", "ALL")
                    .param("dateRange", &good),
                &[500001],
            ),
        ),
        (
            "no granularity",
            accounts(
                Request::finder("/adAnalytics", "analytics")
                    .param("pivot", "CAMPAIGN")
                    .param("dateRange", &good),
                &[500001],
            ),
        ),
    ];
    for (what, finder) in cases {
        let response = client.send(&finder).await;
        let body = json(&response);
        assert_eq!(response.status(), 400, "{what}: {body}");
        assert_eq!(body["status"], 400, "{what}");
        assert!(!body["message"].as_str().unwrap().is_empty(), "{what}");
    }
}

// Determinism: the same seed gives the same entities and numbers; another
// seed other numbers.
#[tokio::test]
async fn the_same_seed_gives_the_same_numbers() {
    let report = accounts(
        analytics("CREATIVE", "MONTHLY", &half_year()),
        &[500001, 500002],
    )
    .fields(format!("dateRange,pivotValues,{METRICS}").as_str());
    let mut answers = Vec::new();
    for seed in [5, 5, 6] {
        let sandbox = Sandbox::builder().ads_seed(seed, 8).start().await.unwrap();
        let client = Client::versioned(&sandbox);
        answers.push(elements(&client, &report).await);
    }
    assert!(!answers[0].is_empty());
    assert_eq!(answers[0], answers[1]);
    assert_ne!(totals(&answers[0]), totals(&answers[2]));
}

// "Ads Reporting": dates outside any activity give an empty answer, not an
// error ("An empty response is returned if there's no activity to report").
#[tokio::test]
async fn no_activity_is_an_empty_answer() {
    let sandbox = sandbox(3).await;
    let client = Client::versioned(&sandbox);
    let old = accounts(
        analytics("CAMPAIGN", "DAILY", &range((2015, 1, 1), (2015, 12, 31))),
        &[500001],
    );
    assert!(elements(&client, &old).await.is_empty());
    let plain = Sandbox::start().await.unwrap();
    let client = Client::versioned(&plain);
    assert!(
        elements(
            &client,
            &accounts(analytics("CAMPAIGN", "ALL", &half_year()), &[500001])
        )
        .await
        .is_empty()
    );
}

// "Ads Reporting", Permissions: reports need r_ads_reporting.
#[tokio::test]
async fn reports_need_r_ads_reporting() {
    let report = accounts(analytics("CAMPAIGN", "ALL", &half_year()), &[500001]);
    let without = Sandbox::builder()
        .ads_seed(1, 3)
        .access_token_scopes(["r_ads"])
        .start()
        .await
        .unwrap();
    let response = Client::versioned(&without).send(&report).await;
    assert_eq!(response.status(), 403, "{}", json(&response));
    let with = Sandbox::builder()
        .ads_seed(1, 3)
        .access_token_scopes(["r_ads_reporting"])
        .start()
        .await
        .unwrap();
    assert_eq!(elements(&Client::versioned(&with), &report).await.len(), 2);
}

/// The first line the `linkedin-sandbox` binary prints ends with its
/// origin; `None` when nothing came within 30 seconds.
async fn origin_of(
    child: &mut std::process::Child,
) -> Option<(String, std::io::BufReader<std::process::ChildStdout>)> {
    use std::io::BufRead;
    let stdout = child.stdout.take()?;
    // The reader is kept until the child is killed, so its later prints
    // never meet a closed pipe.
    let first = tokio::task::spawn_blocking(move || {
        let mut reader = std::io::BufReader::new(stdout);
        let mut line = String::new();
        reader.read_line(&mut line).map(|_| (line, reader))
    });
    match tokio::time::timeout(std::time::Duration::from_secs(30), first).await {
        Ok(Ok(Ok((line, reader)))) => Some((line.split_whitespace().last()?.to_owned(), reader)),
        _ => None,
    }
}

// The binary's --ads-seed, --ads-campaigns and --analytics-row-cap give what
// the builder's ads_seed and analytics_row_cap give: the same numbers for the
// same seed, and the refusal past the cap in LinkedIn's words ("Campaigns":
// "Request would return too many entities.").
#[tokio::test]
async fn the_binary_takes_the_ads_options() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_linkedin-sandbox"))
        .args(["--port", "0", "--ads-seed", "5", "--ads-campaigns", "8"])
        .args(["--analytics-row-cap", "3"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = origin_of(&mut child).await;
    let answers = match &started {
        Some((origin, _reader)) => {
            let in_process = Sandbox::builder().ads_seed(5, 8).start().await.unwrap();
            let mut binary = Client::versioned(&in_process);
            binary.addr = origin.trim_start_matches("http://").parse().unwrap();
            let two_rows = accounts(analytics("ACCOUNT", "ALL", &half_year()), &[500001, 500002])
                .fields(format!("dateRange,pivotValues,{METRICS}").as_str());
            let eight_rows = accounts(
                analytics("CAMPAIGN", "ALL", &half_year()),
                &[500001, 500002],
            );
            let expected = elements(&Client::versioned(&in_process), &two_rows).await;
            // The seeded campaigns, one page per account (far below a
            // page's default size).
            let mut campaigns = 0;
            for account in [500001u64, 500002] {
                let search =
                    Request::finder("/adAccounts/{a}/adCampaigns", "search").key("a", &account);
                campaigns += elements(&binary, &search).await.len();
            }
            Some((
                elements(&binary, &two_rows).await == expected,
                campaigns,
                binary.send(&eight_rows).await,
            ))
        }
        None => None,
    };
    let _ = child.kill();
    let _ = child.wait();
    let (same, campaigns, refused) = answers.expect("the binary printed its origin");
    assert!(same, "the same seed gives the same report");
    assert_eq!(campaigns, 8, "--ads-campaigns 8");
    assert_eq!(refused.status(), 400);
    let body = json(&refused);
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Request would return too many entities.")),
        "{body}"
    );
}
