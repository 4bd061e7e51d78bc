//! Ads reports (`client.report`): the rows of `adAnalytics` streamed over
//! date windows under the row cap, against the sandbox (whose reports all
//! come from one daily table, so any pivot and granularity add up to the
//! same totals) and against the documented double of "Ads Reporting".

use std::collections::{BTreeMap, BTreeSet};

use linkedin_client_core::Error;
use linkedin_resources::ResourceError;
use linkedin_resources::ads::AccountId;
use linkedin_resources::analytics::{
    AnalyticsError, Date, Metric, Pivot, Report, Row, TimeGranularity,
};
use linkedin_sandbox::Sandbox;
use linkedin_test_support::HostileServer;
use linkedin_test_support::documented::{
    self, ANALYTICS_CAMPAIGNS, FIRST_ANALYTICS_CAMPAIGN, analytics_metrics,
};
use serde_json::Value;

use crate::{Setup, Transport};

/// The accounts the sandbox's seeded campaigns are spread over.
const ACCOUNTS: [u64; 2] = [500001, 500002];

/// Every metric the sandbox's daily table holds.
fn sandbox_metrics() -> Vec<Metric> {
    [
        "impressions",
        "clicks",
        "landingPageClicks",
        "likes",
        "comments",
        "shares",
        "follows",
        "totalEngagements",
        "externalWebsiteConversions",
        "videoViews",
        "costInLocalCurrency",
        "costInUsd",
    ]
    .iter()
    .map(|name| Metric::named(name).expect("a known metric"))
    .collect()
}

fn date(year: u16, month: u8, day: u8) -> Date {
    Date::new(year, month, day).expect("a date")
}

fn sandbox_client<T: Transport>(sandbox: &Sandbox) -> T {
    T::build(
        Setup::new(sandbox.origin())
            .version("202606")
            .token(sandbox.access_token()),
    )
    .expect("client")
}

/// A metric exactly: counts as they are, money (a decimal string) in cents.
fn exact(row: &Row, metric: &Metric) -> u64 {
    match row.metric(metric) {
        Some(Value::Number(n)) => n.as_u64().expect("a count"),
        Some(Value::String(s)) => {
            let (units, cents) = s.split_once('.').unwrap_or((s, "00"));
            units.parse::<u64>().expect("units") * 100 + cents.parse::<u64>().expect("cents")
        }
        other => panic!("{} is {other:?}", metric.as_str()),
    }
}

fn totals(rows: &[Row], metrics: &[Metric]) -> Vec<u64> {
    metrics
        .iter()
        .map(|metric| rows.iter().map(|row| exact(row, metric)).sum())
        .collect()
}

fn all_rows(rows: Vec<Result<Row, Error>>) -> Vec<Row> {
    rows.into_iter()
        .collect::<Result<_, _>>()
        .expect("every row")
}

/// The rows' `(start date, pivot values)`, in order.
fn keys(rows: &[Row]) -> Vec<(Date, Vec<String>)> {
    rows.iter()
        .map(|row| {
            let range = row.date_range.expect("a dateRange");
            (range.start, row.pivot_values.clone())
        })
        .collect()
}

// "Ads Reporting"
// (https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads-reporting/ads-reporting):
// the analytics finder groups by one pivot in time buckets; the sandbox
// computes every report from one daily table, so the buckets add up.
/// DAILY x CAMPAIGN rows over half a year add up to the ALL x ACCOUNT
/// totals, for every metric asked.
pub fn daily_campaign_rows_over_half_a_year_add_up_to_the_account_totals<T: Transport>() {
    let sandbox = Sandbox::builder()
        .ads_seed(41, 12)
        .spawn()
        .expect("a sandbox");
    let client: T = sandbox_client(&sandbox);
    let (start, end) = (date(2024, 1, 1), date(2024, 6, 30));
    let metrics = sandbox_metrics();
    let accounts = ACCOUNTS.map(AccountId::new);

    let daily = Report::analytics(Pivot::Campaign, start, end)
        .granularity(TimeGranularity::Daily)
        .accounts(accounts)
        .metrics(metrics.clone());
    let daily = all_rows(client.report(&daily));
    let campaigns: BTreeSet<&String> = daily.iter().flat_map(|r| &r.pivot_values).collect();
    assert_eq!(campaigns.len(), 12, "every seeded campaign");
    assert_eq!(daily.len(), 12 * 182, "one row a campaign a day");
    let starts: Vec<Date> = keys(&daily).into_iter().map(|(d, _)| d).collect();
    assert!(starts.is_sorted(), "date order");

    let overall = Report::analytics(Pivot::Account, start, end)
        .accounts(accounts)
        .metrics(metrics.clone());
    let overall = all_rows(client.report(&overall));
    assert_eq!(overall.len(), 2, "one row an account");
    let daily_totals = totals(&daily, &metrics);
    assert!(daily_totals.iter().all(|t| *t > 0), "{daily_totals:?}");
    assert_eq!(daily_totals, totals(&overall, &metrics));
}

// Same page: one answer holds at most 15,000 elements; the sandbox
// refuses a report past its cap (`analytics_row_cap`, FIDELITY.md).
/// A report over the cap is split into windows and merged: the same rows,
/// in the same order, as one answer of an uncapped server, none lost or
/// doubled.
pub fn a_report_over_the_cap_is_split_and_merged_with_no_row_lost_or_doubled<T: Transport>() {
    let capped = Sandbox::builder()
        .ads_seed(5, 9)
        .analytics_row_cap(200)
        .spawn()
        .expect("a sandbox");
    let uncapped = Sandbox::builder()
        .ads_seed(5, 9)
        .spawn()
        .expect("a sandbox");
    let report = Report::analytics(Pivot::Campaign, date(2024, 3, 1), date(2024, 4, 29))
        .granularity(TimeGranularity::Daily)
        .accounts(ACCOUNTS.map(AccountId::new))
        .metrics([Metric::Impressions, Metric::Clicks, Metric::CostInUsd]);

    let split = all_rows(sandbox_client::<T>(&capped).report(&report));
    let whole = all_rows(sandbox_client::<T>(&uncapped).report(&report));
    assert_eq!(whole.len(), 9 * 60);
    assert_eq!(
        uncapped.request_count("/rest/adAnalytics"),
        1,
        "uncapped: one answer"
    );
    let asked = capped.request_count("/rest/adAnalytics");
    assert!(
        asked >= 6,
        "540 rows under a cap of 200: split, {asked} requests"
    );

    let distinct: BTreeSet<_> = keys(&split).into_iter().collect();
    assert_eq!(distinct.len(), split.len(), "no row doubled");
    let mut whole_sorted = whole.clone();
    whole_sorted.sort_by_key(|row| row.date_range.map(|r| r.start));
    assert_eq!(
        split, whole_sorted,
        "no row lost, each as one answer has it"
    );
}

// "Ads Reporting"
// (https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads-reporting/ads-reporting):
// the analytics finder's `elements` carry `pivotValues`, `dateRange` and
// the metrics asked for in `fields` (money as decimal strings), at most
// 15,000 of them; past a limit LinkedIn answers 400 "Request would return
// too many entities." ("Campaigns",
// https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-campaigns).
/// Against the documented answer: every row read with its pivot, dates and
/// metrics; the refused year asked for again in halves; each campaign's
/// day once, in date order.
pub fn the_documented_report_answer_is_read_and_a_refused_window_split<T: Transport>() {
    let server = HostileServer::start(documented::linkedin);
    let client = T::build(
        Setup::new(&server.origin())
            .version("202601")
            .token("AQV-documented-linkedin-token"),
    )
    .expect("client");
    let (start, end) = (date(2024, 1, 1), date(2024, 12, 31));
    let report = Report::analytics(Pivot::Campaign, start, end)
        .granularity(TimeGranularity::Daily)
        .accounts([AccountId::new(507404993)])
        .metrics([
            Metric::Impressions,
            Metric::Clicks,
            Metric::CostInLocalCurrency,
        ]);
    let rows = all_rows(client.report(&report));

    // 366 days x 50 campaigns = 18,300 rows: refused, then two halves.
    let requests = server.requests();
    assert_eq!(requests.len(), 3, "the year, then its two halves");
    assert_eq!(
        requests[0].param("fields").as_deref(),
        Some("dateRange,pivotValues,impressions,clicks,costInLocalCurrency")
    );
    assert_eq!(rows.len(), 366 * ANALYTICS_CAMPAIGNS as usize);

    let first_day = documented::days(2024, 1, 1);
    let mut seen = BTreeMap::new();
    let mut previous = None;
    for row in &rows {
        let range = row.date_range.expect("dateRange");
        assert_eq!(range.end, Some(range.start), "a DAILY row is one day");
        assert!(previous <= Some(range.start), "date order");
        previous = Some(range.start);
        let day = documented::days(
            i64::from(range.start.year),
            u32::from(range.start.month),
            u32::from(range.start.day),
        );
        let [urn] = row.pivot_values.as_slice() else {
            panic!("one pivot value: {row:?}")
        };
        let campaign: u64 = urn
            .strip_prefix("urn:li:sponsoredCampaign:")
            .and_then(|id| id.parse().ok())
            .expect("a campaign URN");
        let (impressions, clicks, cents) = analytics_metrics(campaign, day);
        assert_eq!(exact(row, &Metric::Impressions), impressions);
        assert_eq!(exact(row, &Metric::Clicks), clicks);
        assert_eq!(exact(row, &Metric::CostInLocalCurrency), cents);
        assert!(
            seen.insert((day, campaign), ()).is_none(),
            "{urn} on {day} twice"
        );
    }
    for day in first_day..first_day + 366 {
        for campaign in FIRST_ANALYTICS_CAMPAIGN..FIRST_ANALYTICS_CAMPAIGN + ANALYTICS_CAMPAIGNS {
            assert!(
                seen.contains_key(&(day, campaign)),
                "{campaign} on {day} lost"
            );
        }
    }
}

/// A report LinkedIn would refuse is one clear error, and nothing is sent:
/// the start after the end, two demographic pivots together, no metric,
/// nothing to report on.
pub fn a_bad_report_is_refused_before_anything_is_sent<T: Transport>() {
    let server = HostileServer::start(documented::linkedin);
    let client =
        T::build(Setup::new(&server.origin()).version("202601").token("t")).expect("client");
    let account = || [AccountId::new(507404993)];
    let (a, b) = (date(2024, 2, 1), date(2024, 1, 1));
    let cases = [
        Report::analytics(Pivot::Campaign, a, b)
            .accounts(account())
            .metrics([Metric::Clicks]),
        Report::statistics([Pivot::MemberCountryV2, Pivot::MemberIndustry], b, a)
            .accounts(account())
            .metrics([Metric::Clicks]),
        Report::analytics(Pivot::Campaign, b, a).accounts(account()),
        Report::analytics(Pivot::Campaign, b, a).metrics([Metric::Clicks]),
    ];
    for report in cases {
        let rows = client.report(&report);
        let [Err(Error::Resource(err))] = rows.as_slice() else {
            panic!("one error for {report:?}: {rows:?}")
        };
        assert!(
            matches!(**err, ResourceError::Analytics(_)),
            "{err:?} for {report:?}"
        );
        assert!(!err.to_string().is_empty());
    }
    let ResourceError::Analytics(err) = Report::analytics(Pivot::Campaign, a, b)
        .accounts(account())
        .metrics([Metric::Clicks])
        .check()
        .map_err(ResourceError::from)
        .unwrap_err()
    else {
        unreachable!()
    };
    assert!(matches!(err, AnalyticsError::StartAfterEnd { .. }));
    assert_eq!(server.request_count(), 0, "nothing sent");
}
