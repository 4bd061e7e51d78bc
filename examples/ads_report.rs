//! An ads report written to a CSV file: daily clicks, impressions and
//! spend per campaign over half a year, streamed row by row from
//! `adAnalytics` with `client.report`. LinkedIn answers at most 15,000
//! rows at a time; the client asks for the report in date windows, splits
//! a window that is too large and merges the rows in date order, holding
//! one answer at a time.
//!
//! ```text
//! cargo run --example ads_report                        # the in-process sandbox
//! cargo run --example ads_report -- /tmp/report.csv     # where to write it
//! LINKEDIN_ACCESS_TOKEN=... LINKEDIN_AD_ACCOUNT=507404993 cargo run --example ads_report
//! ```
//!
//! Against LinkedIn the token needs `r_ads_reporting`, and
//! `LINKEDIN_AD_ACCOUNT` names the account (its number or its URN).

#[path = "common/mod.rs"]
mod common;

use std::io::Write;

use common::{Result, Target, ensure, step};
use linkedin::prelude::*;
use linkedin::resources::ads::AccountId;
use linkedin::resources::analytics::{Date, Metric, Pivot, Report, TimeGranularity};
use linkedin_sandbox::Sandbox;

#[tokio::main]
async fn main() -> Result {
    let target = match common::var(common::ACCESS_TOKEN_VAR) {
        Some(_) => Target::api().await?,
        // A sandbox with 40 seeded campaigns, and a low row cap so that
        // the report is split as a big one would be against LinkedIn.
        None => Target::sandbox(
            Sandbox::builder()
                .ads_seed(2024, 40)
                .analytics_row_cap(2_000)
                .start()
                .await?,
        ),
    };
    target.print_banner("ads_report");
    let account = match target.as_sandbox() {
        Some(_) => AccountId::new(500001),
        None => AccountId::parse(&common::var("LINKEDIN_AD_ACCOUNT").ok_or(
            "set LINKEDIN_AD_ACCOUNT to the ad account to report on (its number or URN)",
        )?)?,
    };
    let client = Client::builder()
        .endpoint(target.endpoint()?)
        .version(target.version())
        .access_token(target.access_token()?)
        .build()?;

    step(1, "The report: DAILY x CAMPAIGN, January to June 2024");
    let report = Report::analytics(
        Pivot::Campaign,
        Date::new(2024, 1, 1)?,
        Date::new(2024, 6, 30)?,
    )
    .granularity(TimeGranularity::Daily)
    .accounts([account])
    .metrics([
        Metric::Impressions,
        Metric::Clicks,
        Metric::CostInLocalCurrency,
    ]);
    // Checked here, before anything is sent (dates, pivots, metrics).
    report.check()?;
    println!("   Report::analytics(Pivot::Campaign, ..).granularity(Daily).accounts([{account}])");

    let path = std::env::args()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("ads_report.csv"));
    step(2, &format!("Streaming its rows to {}", path.display()));
    let mut csv = std::io::BufWriter::new(std::fs::File::create(&path)?);
    writeln!(csv, "{}", csv_line(&report.header()))?;
    let mut rows = std::pin::pin!(client.report(&report));
    let mut count = 0u64;
    let mut clicks = 0.0;
    while let Some(row) = rows.next().await {
        let row = row?;
        clicks += row.number(&Metric::Clicks).unwrap_or(0.0);
        writeln!(csv, "{}", csv_line(&row.record(&report)))?;
        count += 1;
    }
    csv.flush()?;
    println!("   {count} rows, {clicks} clicks in all");

    if let Some(sandbox) = target.as_sandbox() {
        let asked = sandbox.request_count("/rest/adAnalytics");
        println!(
            "   {asked} adAnalytics requests (windows split under the sandbox's cap of 2,000 rows)"
        );
        // Account 500001 holds two of every three seeded campaigns.
        ensure(
            count == 27 * 182,
            format!("a row a campaign a day, got {count}"),
        )?;
        ensure(asked > 3, "the report was split")?;
    }
    step(3, "The first lines of the file");
    let text = std::fs::read_to_string(&path)?;
    for line in text.lines().take(4) {
        println!("   {line}");
    }
    Ok(())
}

/// One CSV record: a field with a comma, a quote or a line break is
/// quoted, its quotes doubled.
fn csv_line(fields: &[String]) -> String {
    fields
        .iter()
        .map(|field| {
            if field.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", field.replace('"', "\"\""))
            } else {
                field.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}
