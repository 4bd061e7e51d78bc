//! An ads report streamed from the in-process sandbox to CSV:
//! `cargo bench -p linkedin-ureq --bench report_csv`.
//!
//! One year (2023) DAILY x CAMPAIGN over 500 campaigns is 182,500 rows;
//! LinkedIn (and the sandbox) answer at most 15,000 rows at a time, so
//! `client.report` asks for the year in windows, splits the ones refused as
//! too large and writes each row as it comes. Before the timed runs the
//! bench prints the peak heap of the whole process (the sandbox's thread
//! included) while streaming that report and a month of it, measured by a
//! counting global allocator (`peak_alloc`): it stays under 64 MB and does
//! not grow with the number of rows, since one answer is held at a time.

use std::hint::black_box;
use std::io::Write;

use criterion::{Criterion, criterion_group, criterion_main};
use linkedin_resources::ads::AccountId;
use linkedin_resources::analytics::{Date, Metric, Pivot, Report, TimeGranularity};
use linkedin_sandbox::Sandbox;
use linkedin_ureq::Client;
use linkedin_ureq::oauth::AccessToken;
use linkedin_ureq::restli::Endpoint;
use peak_alloc::PeakAlloc;

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

/// The campaigns seeded: spread over accounts 500001 and 500002.
const CAMPAIGNS: usize = 500;

fn client(sandbox: &Sandbox) -> Client {
    Client::builder()
        .endpoint(Endpoint::from_origin(sandbox.origin()).unwrap())
        .version("202606")
        .access_token(AccessToken::new(sandbox.access_token()))
        .build()
        .unwrap()
}

fn report(last: Date) -> Report {
    Report::analytics(Pivot::Campaign, Date::new(2023, 1, 1).unwrap(), last)
        .granularity(TimeGranularity::Daily)
        .accounts([AccountId::new(500001), AccountId::new(500002)])
        .metrics([Metric::Impressions, Metric::Clicks, Metric::CostInUsd])
}

/// Streams the report's rows as CSV into `out`; the number of rows.
fn to_csv(client: &Client, report: &Report, out: impl Write) -> u64 {
    let mut out = std::io::BufWriter::new(out);
    writeln!(out, "{}", report.header().join(",")).unwrap();
    let mut rows = 0;
    for row in client.report(report) {
        let row = row.unwrap();
        // Pivot values, dates and numbers hold no comma or quote.
        writeln!(out, "{}", row.record(report).join(",")).unwrap();
        rows += 1;
    }
    out.flush().unwrap();
    rows
}

/// The rows and the peak heap above the level before the run, in MB.
fn peak_while(client: &Client, report: &Report) -> (u64, f64) {
    let before = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let rows = to_csv(client, report, std::io::sink());
    let peak = HEAP.peak_usage().saturating_sub(before);
    (rows, peak as f64 / (1024.0 * 1024.0))
}

fn report_csv(c: &mut Criterion) {
    let sandbox = Sandbox::builder()
        .ads_seed(2023, CAMPAIGNS)
        .spawn()
        .unwrap();
    let client = client(&sandbox);
    let year = report(Date::new(2023, 12, 31).unwrap());
    let month = report(Date::new(2023, 1, 31).unwrap());

    let (month_rows, month_peak) = peak_while(&client, &month);
    let (year_rows, year_peak) = peak_while(&client, &year);
    assert_eq!(year_rows, 365 * CAMPAIGNS as u64);
    println!(
        "report_csv: peak heap {month_peak:.1} MB for {month_rows} rows (a month), \
         {year_peak:.1} MB for {year_rows} rows (a year); target under 64 MB"
    );
    assert!(year_peak < 64.0, "{year_peak:.1} MB");

    let mut group = c.benchmark_group("report_csv");
    group.sample_size(10);
    group.bench_function("one_year_daily_x_500_campaigns", |b| {
        b.iter(|| black_box(to_csv(&client, &year, std::io::sink())))
    });
    group.bench_function("one_month_daily_x_500_campaigns", |b| {
        b.iter(|| black_box(to_csv(&client, &month, std::io::sink())))
    });
    group.finish();
}

criterion_group!(benches, report_csv);
criterion_main!(benches);
