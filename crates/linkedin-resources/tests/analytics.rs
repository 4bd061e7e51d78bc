//! Ads reporting as it goes on the wire and as it comes back, checked
//! against LinkedIn's "Ads Reporting" page
//! (https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads-reporting/ads-reporting)
//! and its schema page
//! (https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads-reporting/ads-reporting-schema).

use linkedin_resources::ads::{AccountId, AdsError};
use linkedin_resources::analytics::{
    AnalyticsError, Date, DateRange, MAX_FIELDS, Metric, Pivot, PlanError, ROW_CAP, Report, Row,
    Taken, TimeGranularity,
};
use linkedin_resources::urns::{CampaignUrn, CreativeUrn};
use proptest::prelude::*;
use restli_codec::{CollectionResponse, DynamicRequest, RequestConfig};
use serde_json::{Value, json};

fn config() -> RequestConfig {
    RequestConfig::new().with_version("202406".parse().unwrap())
}

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

/// Method, URL and the Rest.li headers.
fn render(request: impl Into<DynamicRequest>) -> String {
    let request: DynamicRequest = request.into();
    let request = request.to_http(&config(), Some("token")).unwrap();
    let mut out = format!("{} {}\n", request.method(), request.uri());
    let mut headers: Vec<String> = request
        .headers()
        .iter()
        .filter(|(name, _)| *name != "user-agent" && *name != "authorization")
        .map(|(name, value)| format!("{name}: {}", value.to_str().unwrap()))
        .collect();
    headers.sort();
    for header in headers {
        out.push_str(&header);
        out.push('\n');
    }
    out
}

fn campaign_report() -> Report {
    Report::analytics(Pivot::Campaign, date("2021-01-01"), date("2021-03-31"))
        .granularity(TimeGranularity::Daily)
        .accounts([AccountId::new(507404993)])
        .metrics([
            Metric::Impressions,
            Metric::Clicks,
            Metric::CostInLocalCurrency,
        ])
}

// "Ads Reporting": the analytics finder, one pivot, a date range record,
// the accounts as a list of URNs, the metrics as fields.
#[test]
fn analytics_finder_wire() {
    insta::assert_snapshot!(render(campaign_report().request().unwrap()));
}

// "Ads Reporting": the statistics finder, `pivots=List(..)`.
#[test]
fn statistics_finder_wire() {
    let report = Report::statistics(
        [Pivot::Campaign, Pivot::Creative, Pivot::MemberCountryV2],
        date("2024-01-01"),
        date("2024-12-31"),
    )
    .granularity(TimeGranularity::Monthly)
    .campaigns([CampaignUrn::new(123456789).unwrap()])
    .creatives([CreativeUrn::new(987654321).unwrap()])
    .metrics([Metric::Impressions, Metric::Other("newMetric".into())]);
    insta::assert_snapshot!(render(report.request().unwrap()));
}

// "Ads Reporting": an answer's elements carry pivotValues, dateRange and
// the metrics asked for; money comes as a decimal string.
#[test]
fn documented_answer_is_read() {
    let body = json!({
        "paging": {"start": 0, "count": 10, "links": []},
        "elements": [
            {
                "pivotValues": ["urn:li:sponsoredCampaign:123456789"],
                "dateRange": {
                    "start": {"month": 1, "day": 1, "year": 2021},
                    "end": {"month": 1, "day": 1, "year": 2021}
                },
                "impressions": 2045,
                "clicks": 11,
                "costInLocalCurrency": "27.189999999999998"
            }
        ]
    });
    let response = http::Response::builder()
        .status(200)
        .body(serde_json::to_vec(&body).unwrap())
        .unwrap();
    let page: CollectionResponse<Row> =
        CollectionResponse::from_http(response, "/rest/adAnalytics").unwrap();
    let row = &page.elements[0];
    assert_eq!(row.pivot_values, ["urn:li:sponsoredCampaign:123456789"]);
    assert_eq!(
        row.date_range,
        Some(DateRange {
            start: date("2021-01-01"),
            end: Some(date("2021-01-01"))
        })
    );
    assert_eq!(row.number(&Metric::Impressions), Some(2045.0));
    let cost = row.number(&Metric::CostInLocalCurrency).unwrap();
    assert!((cost - 27.19).abs() < 1e-9);
    let report = campaign_report();
    assert_eq!(
        report.header(),
        [
            "CAMPAIGN",
            "start",
            "end",
            "impressions",
            "clicks",
            "costInLocalCurrency"
        ]
    );
    assert_eq!(
        row.record(&report),
        [
            "urn:li:sponsoredCampaign:123456789",
            "2021-01-01",
            "2021-01-01",
            "2045",
            "11",
            "27.189999999999998"
        ]
    );
}

#[test]
fn bad_reports_are_refused_before_sending() {
    let base = campaign_report();
    let backwards = Report::analytics(Pivot::Campaign, date("2021-02-01"), date("2021-01-31"))
        .accounts([AccountId::new(1)])
        .metrics([Metric::Clicks]);
    assert!(matches!(
        backwards.request(),
        Err(AnalyticsError::StartAfterEnd { .. })
    ));
    assert!(matches!(
        "CAMPAIGNS".parse::<Pivot>(),
        Err(AnalyticsError::UnknownPivot { .. })
    ));
    assert!(matches!(
        "impresions".parse::<Metric>(),
        Err(AnalyticsError::UnknownMetric { .. })
    ));
    assert!(matches!(
        "WEEKLY".parse::<TimeGranularity>(),
        Err(AnalyticsError::UnknownGranularity { .. })
    ));
    for bad in ["a,b", "x:(y)", "", "1abc", "dateRange"] {
        let report = base.clone().metrics([Metric::Other(bad.into())]);
        assert!(
            matches!(report.request(), Err(AnalyticsError::BadMetricName { .. })),
            "{bad:?}"
        );
    }
    let too_many = base
        .clone()
        .metrics(Metric::KNOWN.iter().take(MAX_FIELDS - 1).cloned());
    assert_eq!(
        too_many.request().unwrap_err(),
        AnalyticsError::TooManyFields { max: 20, found: 21 }
    );
    let most = base
        .clone()
        .metrics(Metric::KNOWN.iter().take(MAX_FIELDS - 2).cloned());
    assert!(most.request().is_ok());
    assert_eq!(
        base.clone().metrics([]).request().unwrap_err(),
        AnalyticsError::NoMetrics
    );
    let (start, end) = base.dates();
    let stats = |pivots: Vec<Pivot>| {
        Report::statistics(pivots, start, end)
            .accounts([AccountId::new(1)])
            .metrics([Metric::Clicks])
            .request()
    };
    assert_eq!(
        stats(vec![]).unwrap_err(),
        AnalyticsError::PivotCount { found: 0 }
    );
    assert_eq!(
        stats(vec![
            Pivot::Account,
            Pivot::Campaign,
            Pivot::Creative,
            Pivot::Share
        ])
        .unwrap_err(),
        AnalyticsError::PivotCount { found: 4 }
    );
    assert!(matches!(
        stats(vec![Pivot::Campaign, Pivot::Campaign]),
        Err(AnalyticsError::PivotCombination { .. })
    ));
    assert!(matches!(
        stats(vec![Pivot::MemberIndustry, Pivot::MemberSeniority]),
        Err(AnalyticsError::PivotCombination { .. })
    ));
    assert!(stats(vec![Pivot::Campaign, Pivot::MemberIndustry]).is_ok());
    let no_facet = Report::analytics(Pivot::Account, start, end).metrics([Metric::Clicks]);
    assert_eq!(no_facet.request().unwrap_err(), AnalyticsError::NoFacet);
    let empty = no_facet.clone().campaigns([]);
    assert_eq!(
        empty.request().unwrap_err(),
        AnalyticsError::EmptyFacet { facet: "campaigns" }
    );
    assert!(matches!(
        AccountId::parse("acme"),
        Err(AdsError::NotAnAccount { .. })
    ));
    assert!(matches!(
        Date::new(2021, 2, 29),
        Err(AnalyticsError::BadDate { .. })
    ));
    let unchecked = Report::analytics(
        Pivot::Account,
        Date {
            year: 2021,
            month: 2,
            day: 30,
        },
        end,
    )
    .accounts([AccountId::new(1)])
    .metrics([Metric::Clicks]);
    assert!(matches!(
        unchecked.request(),
        Err(AnalyticsError::BadDate { .. })
    ));
}

#[test]
fn a_single_bucket_over_the_cap_is_an_error() {
    let report = Report::analytics(Pivot::Creative, date("2024-01-01"), date("2024-01-31"))
        .granularity(TimeGranularity::All)
        .accounts([AccountId::new(1)])
        .metrics([Metric::Clicks]);
    let mut plan = report.plan(3).unwrap();
    let err = plan.take(vec![Row::default(); 3]).unwrap_err();
    assert!(matches!(err, PlanError::RowCap { cap: 3, .. }));
}

#[test]
fn the_cap_is_the_documented_one() {
    // "Ads Reporting": a response holds at most 15,000 elements.
    assert_eq!(ROW_CAP, 15_000);
    let report = Report::analytics(Pivot::Campaign, date("2024-01-01"), date("2024-12-31"))
        .granularity(TimeGranularity::Daily)
        .accounts([AccountId::new(1)])
        .metrics([Metric::Clicks]);
    let plan = report.plan(ROW_CAP).unwrap().estimated_rows_per_bucket(500);
    let (start, end) = plan.window().unwrap();
    assert_eq!(TimeGranularity::Daily.buckets_between(start, end), 29);
}

/// The buckets of `start..=end`, each clipped to it.
fn buckets(granularity: TimeGranularity, start: Date, end: Date) -> Vec<(Date, Date)> {
    let mut out = Vec::new();
    let mut from = start;
    loop {
        let next = granularity.next_bucket(from);
        let to = match next {
            Some(next) if next <= end => day_before(next),
            _ => end,
        };
        out.push((from, to));
        match next {
            Some(next) if next <= end => from = next,
            _ => return out,
        }
    }
}

fn day_before(date: Date) -> Date {
    let mut d = Date::new(date.year, date.month, date.day).unwrap();
    if d.day > 1 {
        d.day -= 1;
        return d;
    }
    let (year, month) = if d.month == 1 {
        (d.year - 1, 12)
    } else {
        (d.year, d.month - 1)
    };
    let mut day = 31;
    while Date::new(year, month, day).is_err() {
        day -= 1;
    }
    Date::new(year, month, day).unwrap()
}

/// A fake LinkedIn: `pivots` rows a bucket of the window (metrics from one
/// daily table), cut at `cap` as LinkedIn cuts its answers.
fn answer(granularity: TimeGranularity, window: (Date, Date), pivots: u64, cap: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    for (from, to) in buckets(granularity, window.0, window.1) {
        for pivot in 0..pivots {
            let mut row: Row = serde_json::from_value(json!({
                "pivotValues": [format!("urn:li:sponsoredCampaign:{pivot}")],
                "dateRange": {"start": from, "end": to},
            }))
            .unwrap();
            let seed = u64::from(from.year) * 10_000
                + u64::from(from.month) * 100
                + u64::from(from.day)
                + u64::from(to.day) * 7
                + pivot * 13;
            row.metrics.insert("impressions".into(), json!(seed % 1000));
            rows.push(row);
            if rows.len() == cap {
                return rows;
            }
        }
    }
    rows
}

fn granularity() -> impl Strategy<Value = TimeGranularity> {
    prop_oneof![
        Just(TimeGranularity::Daily),
        Just(TimeGranularity::Monthly),
        Just(TimeGranularity::Yearly),
        Just(TimeGranularity::All),
    ]
}

fn any_date() -> impl Strategy<Value = Date> {
    (1990u16..2040, 1u8..=12, 1u8..=31).prop_map(|(y, m, d)| {
        let mut d = d;
        while Date::new(y, m, d).is_err() {
            d -= 1;
        }
        Date::new(y, m, d).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// For any range, granularity, cap and estimate, the windows cover the
    /// range exactly once, in order, never cut a bucket, and the rows
    /// yielded are the rows of one uncapped answer.
    #[test]
    fn plans_cover_the_range_and_yield_the_uncapped_rows(
        a in any_date(),
        days in 0i64..800,
        granularity in granularity(),
        pivots in 1u64..6,
        extra_cap in 1usize..40,
        estimate in proptest::option::of(1u64..10),
    ) {
        let start = a;
        let mut end = a;
        for _ in 0..days {
            end = granularity_daily_next(end);
        }
        // ALL is one bucket: the cap must hold it, or the plan says so.
        let cap = usize::try_from(pivots).unwrap() + extra_cap;
        let report = Report::analytics(Pivot::Campaign, start, end)
            .granularity(granularity)
            .accounts([AccountId::new(1)])
            .metrics([Metric::Impressions]);
        let mut plan = report.plan(cap).unwrap();
        if let Some(estimate) = estimate {
            plan = plan.estimated_rows_per_bucket(estimate);
        }
        let mut windows = Vec::new();
        let mut rows = Vec::new();
        let mut answers = 0;
        while let Some(window) = plan.window() {
            answers += 1;
            prop_assert!(answers < 100_000);
            let request = plan.next_request().unwrap();
            let range = request.as_ref().query().get("dateRange").unwrap().to_owned();
            let year = format!("year:{}", window.0.year);
            prop_assert!(range.contains(&year));
            let answer = answer(granularity, window, pivots, cap);
            match plan.take(answer).unwrap() {
                Taken::Rows(got) => {
                    windows.push(window);
                    rows.extend(got);
                }
                Taken::Split => {}
            }
        }
        // Cover exactly once, in order.
        prop_assert_eq!(windows.first().map(|w| w.0), Some(start));
        prop_assert_eq!(windows.last().map(|w| w.1), Some(end));
        for pair in windows.windows(2) {
            prop_assert_eq!(granularity_daily_next(pair[0].1), pair[1].0);
            // Never cut a bucket.
            prop_assert!(granularity.starts_bucket(pair[1].0), "{:?}", pair);
        }
        // The uncapped answer, in date order.
        let mut whole = answer(granularity, (start, end), pivots, usize::MAX);
        whole.sort_by_key(|row| row.date_range.map(|r| r.start));
        prop_assert_eq!(rows, whole);
    }

    /// Dates read back from their text, their JSON and their day number.
    #[test]
    fn dates_round_trip(date in any_date()) {
        prop_assert_eq!(date.to_string().parse::<Date>().unwrap(), date);
        let json = serde_json::to_value(date).unwrap();
        prop_assert_eq!(serde_json::from_value::<Date>(json).unwrap(), date);
        let next = granularity_daily_next(date);
        prop_assert!(next > date);
        prop_assert_eq!(day_before(next), date);
    }

    /// Any row of pivot values, dates and metrics (known or new) reads and
    /// writes back unchanged.
    #[test]
    fn rows_round_trip(
        values in proptest::collection::vec("[a-z:0-9]{1,20}", 0..3),
        date in any_date(),
        metrics in proptest::collection::btree_map("[a-z][a-zA-Z]{0,12}", 0u64..1_000_000, 0..6),
    ) {
        let mut json = json!({
            "pivotValues": values,
            "dateRange": {"start": date, "end": date},
        });
        for (name, value) in &metrics {
            if name != "pivotValues" && name != "dateRange" {
                json[name] = json!(value);
            }
        }
        let row: Row = serde_json::from_value(json.clone()).unwrap();
        prop_assert_eq!(serde_json::to_value(&row).unwrap(), json);
    }

    /// Every pivot and known metric reads back from its name.
    #[test]
    fn names_round_trip(i in 0usize..200) {
        let pivot = Pivot::ALL[i % Pivot::ALL.len()];
        prop_assert_eq!(pivot.as_str().parse::<Pivot>().unwrap(), pivot);
        let metric = &Metric::KNOWN[i % Metric::KNOWN.len()];
        prop_assert_eq!(&metric.as_str().parse::<Metric>().unwrap(), metric);
        prop_assert_eq!(&Metric::named(metric.as_str()).unwrap(), metric);
    }
}

fn granularity_daily_next(date: Date) -> Date {
    TimeGranularity::Daily.next_bucket(date).unwrap()
}

#[test]
fn metric_values_of_any_json_are_kept() {
    let row: Row = serde_json::from_value(json!({"clicks": null, "odd": [1]})).unwrap();
    assert_eq!(row.number(&Metric::Clicks), None);
    assert_eq!(row.metrics["odd"], Value::from(vec![1]));
}

// "Ads Reporting": one answer holds at most 15,000 rows. A half year of
// DAILY x 500 campaigns is asked for in windows of 29 days (29 x 500 rows
// stay under the cap), each request naming its own dateRange.
#[test]
fn a_large_daily_report_is_planned_in_windows_under_the_cap() {
    let report = Report::analytics(Pivot::Campaign, date("2024-01-01"), date("2024-06-30"))
        .granularity(TimeGranularity::Daily)
        .accounts([AccountId::new(507404993)])
        .metrics([Metric::Impressions]);
    let mut plan = report.plan(ROW_CAP).unwrap().estimated_rows_per_bucket(500);
    let mut windows = Vec::new();
    while let Some(window) = plan.window() {
        let request = plan.next_request().unwrap();
        let range = request
            .as_ref()
            .query()
            .get("dateRange")
            .unwrap()
            .to_owned();
        windows.push((window, range));
        let rows = vec![Row::default(); 500 * 29];
        assert!(matches!(plan.take(rows).unwrap(), Taken::Rows(_)));
    }
    assert_eq!(windows.len(), 7); // 182 days = 6 x 29 + 8
    assert_eq!(windows[0].0, (date("2024-01-01"), date("2024-01-29")));
    assert_eq!(
        windows[1].1,
        "(end:(day:27,month:2,year:2024),start:(day:30,month:1,year:2024))"
    );
    assert_eq!(windows[6].0, (date("2024-06-23"), date("2024-06-30")));
}

// When LinkedIn refuses a window as too large, the plan splits it on a
// bucket boundary (a month here) and asks for each half in turn.
#[test]
fn a_refused_window_is_split_on_a_bucket_boundary() {
    let report = Report::analytics(Pivot::Campaign, date("2024-01-15"), date("2024-05-10"))
        .granularity(TimeGranularity::Monthly)
        .accounts([AccountId::new(1)])
        .metrics([Metric::Clicks]);
    let mut plan = report.plan(ROW_CAP).unwrap();
    plan.split().unwrap();
    assert_eq!(
        plan.window(),
        Some((date("2024-01-15"), date("2024-02-29")))
    );
    plan.split().unwrap();
    assert_eq!(
        plan.window(),
        Some((date("2024-01-15"), date("2024-01-31")))
    );
    assert!(matches!(plan.split(), Err(PlanError::RowCap { .. })));
    assert!(matches!(plan.take(Vec::new()).unwrap(), Taken::Rows(_)));
    assert_eq!(
        plan.window(),
        Some((date("2024-02-01"), date("2024-02-29")))
    );
    assert!(matches!(plan.take(Vec::new()).unwrap(), Taken::Rows(_)));
    assert_eq!(
        plan.window(),
        Some((date("2024-03-01"), date("2024-05-10")))
    );
    assert!(matches!(plan.take(Vec::new()).unwrap(), Taken::Rows(_)));
    assert_eq!(plan.window(), None);
    assert!(plan.next_request().is_none());
    assert_eq!(plan.take(Vec::new()).unwrap_err(), PlanError::Done);
}
