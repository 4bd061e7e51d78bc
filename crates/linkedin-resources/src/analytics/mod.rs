//! Ads reporting: the `adAnalytics` finders `analytics` (one pivot) and
//! `statistics` (up to three), their rows typed, and a sans-IO
//! [`ReportPlan`] that splits a report too big for one answer into date
//! windows and streams the rows back in date order.
//!
//! Page: "Ads Reporting"
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads-reporting/ads-reporting>):
//! `GET /rest/adAnalytics?q=analytics&pivot=..&timeGranularity=..&dateRange=(start:(..),end:(..))&accounts=List(..)&fields=..`.
//! The endpoint does not page; one answer holds at most [`ROW_CAP`] rows.
//!
//! ```
//! use linkedin::resources::ads::AccountId;
//! use linkedin::resources::analytics::{Date, Metric, Pivot, Report, TimeGranularity};
//!
//! let report = Report::analytics(Pivot::Campaign, Date::new(2024, 1, 1)?, Date::new(2024, 1, 31)?)
//!     .granularity(TimeGranularity::Daily)
//!     .accounts([AccountId::new(507404993)])
//!     .metrics([Metric::Impressions, Metric::Clicks]);
//! let request = report.request()?;
//! assert_eq!(
//!     request.as_ref().query().to_string(),
//!     "accounts=List(urn%3Ali%3AsponsoredAccount%3A507404993)\
//!      &dateRange=(end:(day:31,month:1,year:2024),start:(day:1,month:1,year:2024))\
//!      &fields=dateRange,pivotValues,impressions,clicks&pivot=CAMPAIGN&q=analytics&timeGranularity=DAILY"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod date;
mod metric;
mod planner;

use crate::request_types::request_type;
use restli_codec::excerpt::Excerpt;
use restli_codec::{CollectionResponse, Finder, Request};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use date::{Date, DateRange, TimeGranularity};
pub use metric::{Metric, Pivot};
pub use planner::{PlanError, ReportPlan, Taken, is_too_many_rows};

use crate::ads::{AccountId, MAX_IDS};
use crate::urns::{CampaignGroupUrn, CampaignUrn, CreativeUrn};

/// The path of the reporting finders.
///
/// ```
/// assert_eq!(linkedin::resources::analytics::PATH, "/rest/adAnalytics");
/// ```
pub const PATH: &str = "/rest/adAnalytics";

/// The most rows one answer holds: "Ads Reporting" caps a response at
/// 15,000 elements (and truncates past it).
///
/// ```
/// assert_eq!(linkedin::resources::analytics::ROW_CAP, 15_000);
/// ```
pub const ROW_CAP: usize = 15_000;

/// The most fields one request may ask for ("Ads Reporting": up to 20
/// metrics). The page does not say whether `dateRange` and `pivotValues`,
/// which every request here asks for, count among them; the safe reading
/// counts them, leaving 18 metrics.
///
/// ```
/// assert_eq!(linkedin::resources::analytics::MAX_FIELDS, 20);
/// ```
pub const MAX_FIELDS: usize = 20;

/// The most pivots of the `statistics` finder.
///
/// ```
/// assert_eq!(linkedin::resources::analytics::MAX_PIVOTS, 3);
/// ```
pub const MAX_PIVOTS: usize = 3;

/// Why a report cannot be asked for: said before anything is sent.
///
/// ```
/// use linkedin::resources::analytics::{AnalyticsError, Date, Metric, Pivot, Report};
/// let report = Report::analytics(Pivot::Account, Date::new(2024, 2, 1)?, Date::new(2024, 1, 1)?)
///     .accounts([linkedin::resources::ads::AccountId::new(1)])
///     .metrics([Metric::Clicks]);
/// let err = report.request().unwrap_err();
/// assert_eq!(err.to_string(), "the report starts on 2024-02-01, after its end 2024-01-01");
/// # Ok::<(), AnalyticsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AnalyticsError {
    /// Not a date (`YYYY-MM-DD` of a real day).
    #[error("{} is not a date (YYYY-MM-DD)", Excerpt(.found))]
    BadDate {
        /// The text given.
        found: String,
    },
    /// The start after the end.
    #[error("the report starts on {start}, after its end {end}")]
    StartAfterEnd {
        /// The start.
        start: Date,
        /// The end.
        end: Date,
    },
    /// A granularity LinkedIn does not list.
    #[error("{} is not a time granularity (ALL, DAILY, MONTHLY or YEARLY)", Excerpt(.found))]
    UnknownGranularity {
        /// The text given.
        found: String,
    },
    /// A pivot LinkedIn does not list.
    #[error("{} is not a pivot of the Ads Reporting API", Excerpt(.found))]
    UnknownPivot {
        /// The text given.
        found: String,
    },
    /// A metric LinkedIn does not list (use [`Metric::Other`] for one this
    /// version does not know).
    #[error("{} is not a metric of the Ads Reporting API", Excerpt(.found))]
    UnknownMetric {
        /// The text given.
        found: String,
    },
    /// A metric name that is not a plain field name (`fields` is sent
    /// unencoded, so commas and brackets would change the request).
    #[error("{} is not a field name (letters and digits only)", Excerpt(.found))]
    BadMetricName {
        /// The text given.
        found: String,
    },
    /// No metric asked for.
    #[error("a report asks for one metric at least")]
    NoMetrics,
    /// More fields than one request takes.
    #[error(
        "a report asks for at most {max} fields (dateRange and pivotValues among them), {found} were asked for"
    )]
    TooManyFields {
        /// The limit.
        max: usize,
        /// How many.
        found: usize,
    },
    /// No pivot, or more than [`MAX_PIVOTS`].
    #[error("the statistics finder takes 1 to {MAX_PIVOTS} pivots, {found} were given")]
    PivotCount {
        /// How many.
        found: usize,
    },
    /// Pivots LinkedIn does not take together.
    #[error("the pivots {first} and {second} cannot be asked for together: {why}")]
    PivotCombination {
        /// One pivot.
        first: Pivot,
        /// The other.
        second: Pivot,
        /// Why not.
        why: &'static str,
    },
    /// No account, campaign group, campaign or creative to report on.
    #[error("a report needs accounts, campaign groups, campaigns or creatives to report on")]
    NoFacet,
    /// A facet given as an empty list.
    #[error("{facet} is an empty list")]
    EmptyFacet {
        /// Which facet.
        facet: &'static str,
    },
    /// A facet over [`MAX_IDS`] values.
    #[error("{facet} has {found} values, at most {max} are taken")]
    FacetTooLong {
        /// Which facet.
        facet: &'static str,
        /// The limit.
        max: usize,
        /// How many.
        found: usize,
    },
}

/// Which finder a report uses and its pivots.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pivots {
    /// `q=analytics&pivot=..`.
    One(Pivot),
    /// `q=statistics&pivots=List(..)`.
    Many(Vec<Pivot>),
}

/// A report: what to count, by what, over which dates, in which buckets.
/// Build it, then [`request`](Report::request) it (one answer) or
/// [`plan`](Report::plan) it (as many answers as the row cap needs).
///
/// ```
/// use linkedin::resources::analytics::{Date, Metric, Pivot, Report};
/// let report = Report::statistics([Pivot::Campaign, Pivot::Creative], Date::new(2024, 1, 1)?, Date::new(2024, 3, 31)?)
///     .campaigns(["urn:li:sponsoredCampaign:1".parse()?])
///     .metrics([Metric::Impressions]);
/// assert_eq!(report.request()?.as_ref().query().get("pivots"), Some("List(CAMPAIGN,CREATIVE)"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct Report {
    pivots: Pivots,
    start: Date,
    end: Date,
    granularity: TimeGranularity,
    accounts: Option<Vec<AccountId>>,
    campaign_groups: Option<Vec<CampaignGroupUrn>>,
    campaigns: Option<Vec<CampaignUrn>>,
    creatives: Option<Vec<CreativeUrn>>,
    metrics: Vec<Metric>,
}

impl Report {
    /// A report of the `analytics` finder: one pivot, from `start` to `end`
    /// (both included), [`TimeGranularity::All`] unless told otherwise.
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Pivot, Report};
    /// let report = Report::analytics(Pivot::Account, Date::new(2024, 1, 1)?, Date::new(2024, 1, 1)?);
    /// assert_eq!(report.pivots(), [Pivot::Account]);
    /// # Ok::<(), linkedin::resources::analytics::AnalyticsError>(())
    /// ```
    pub fn analytics(pivot: Pivot, start: Date, end: Date) -> Report {
        Report::with(Pivots::One(pivot), start, end)
    }

    /// A report of the `statistics` finder: up to [`MAX_PIVOTS`] pivots.
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Pivot, Report};
    /// let report = Report::statistics([Pivot::Campaign, Pivot::MemberCountryV2], Date::new(2024, 1, 1)?, Date::new(2024, 1, 1)?);
    /// assert_eq!(report.pivots().len(), 2);
    /// # Ok::<(), linkedin::resources::analytics::AnalyticsError>(())
    /// ```
    pub fn statistics(pivots: impl IntoIterator<Item = Pivot>, start: Date, end: Date) -> Report {
        Report::with(Pivots::Many(pivots.into_iter().collect()), start, end)
    }

    fn with(pivots: Pivots, start: Date, end: Date) -> Report {
        Report {
            pivots,
            start,
            end,
            granularity: TimeGranularity::All,
            accounts: None,
            campaign_groups: None,
            campaigns: None,
            creatives: None,
            metrics: Vec::new(),
        }
    }

    /// Buckets the rows by day, month, year, or not at all.
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Pivot, Report, TimeGranularity};
    /// let report = Report::analytics(Pivot::Account, Date::new(2024, 1, 1)?, Date::new(2024, 1, 1)?)
    ///     .granularity(TimeGranularity::Monthly);
    /// assert_eq!(report.time_granularity(), TimeGranularity::Monthly);
    /// # Ok::<(), linkedin::resources::analytics::AnalyticsError>(())
    /// ```
    pub fn granularity(mut self, granularity: TimeGranularity) -> Report {
        self.granularity = granularity;
        self
    }

    /// Reports on these accounts (`accounts=List(urn:li:sponsoredAccount:..)`).
    ///
    /// ```
    /// use linkedin::resources::ads::AccountId;
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report};
    /// let r = Report::analytics(Pivot::Account, Date::new(2024, 1, 1)?, Date::new(2024, 1, 1)?)
    ///     .accounts([AccountId::parse("507404993")?]).metrics([Metric::Clicks]).request()?;
    /// assert_eq!(r.as_ref().query().get("accounts"), Some("List(urn%3Ali%3AsponsoredAccount%3A507404993)"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn accounts(mut self, accounts: impl IntoIterator<Item = AccountId>) -> Report {
        self.accounts = Some(accounts.into_iter().collect());
        self
    }

    /// Reports on these campaign groups (`campaignGroups=List(..)`).
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report};
    /// let r = Report::analytics(Pivot::CampaignGroup, Date::new(2024, 1, 1)?, Date::new(2024, 1, 1)?)
    ///     .campaign_groups(["urn:li:sponsoredCampaignGroup:1".parse()?]).metrics([Metric::Clicks]).request()?;
    /// assert!(r.as_ref().query().get("campaignGroups").is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn campaign_groups(mut self, groups: impl IntoIterator<Item = CampaignGroupUrn>) -> Report {
        self.campaign_groups = Some(groups.into_iter().collect());
        self
    }

    /// Reports on these campaigns (`campaigns=List(..)`).
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report};
    /// let r = Report::analytics(Pivot::Campaign, Date::new(2024, 1, 1)?, Date::new(2024, 1, 1)?)
    ///     .campaigns(["urn:li:sponsoredCampaign:1".parse()?]).metrics([Metric::Clicks]).request()?;
    /// assert!(r.as_ref().query().get("campaigns").is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn campaigns(mut self, campaigns: impl IntoIterator<Item = CampaignUrn>) -> Report {
        self.campaigns = Some(campaigns.into_iter().collect());
        self
    }

    /// Reports on these creatives (`creatives=List(..)`).
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report};
    /// let r = Report::analytics(Pivot::Creative, Date::new(2024, 1, 1)?, Date::new(2024, 1, 1)?)
    ///     .creatives(["urn:li:sponsoredCreative:1".parse()?]).metrics([Metric::Clicks]).request()?;
    /// assert!(r.as_ref().query().get("creatives").is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn creatives(mut self, creatives: impl IntoIterator<Item = CreativeUrn>) -> Report {
        self.creatives = Some(creatives.into_iter().collect());
        self
    }

    /// The metrics to count (`fields`; repeats are asked for once).
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report};
    /// let report = Report::analytics(Pivot::Account, Date::new(2024, 1, 1)?, Date::new(2024, 1, 1)?)
    ///     .metrics([Metric::Clicks, Metric::Other("newMetric".into()), Metric::Clicks]);
    /// assert_eq!(report.metric_list().len(), 2);
    /// # Ok::<(), linkedin::resources::analytics::AnalyticsError>(())
    /// ```
    pub fn metrics(mut self, metrics: impl IntoIterator<Item = Metric>) -> Report {
        self.metrics.clear();
        for metric in metrics {
            if !self.metrics.contains(&metric) {
                self.metrics.push(metric);
            }
        }
        self
    }

    /// The pivots.
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Pivot, Report};
    /// let d = Date::new(2024, 1, 1)?;
    /// assert_eq!(Report::analytics(Pivot::Creative, d, d).pivots(), [Pivot::Creative]);
    /// # Ok::<(), linkedin::resources::analytics::AnalyticsError>(())
    /// ```
    pub fn pivots(&self) -> &[Pivot] {
        match &self.pivots {
            Pivots::One(pivot) => std::slice::from_ref(pivot),
            Pivots::Many(pivots) => pivots,
        }
    }

    /// The metrics asked for.
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Pivot, Report};
    /// let d = Date::new(2024, 1, 1)?;
    /// assert!(Report::analytics(Pivot::Creative, d, d).metric_list().is_empty());
    /// # Ok::<(), linkedin::resources::analytics::AnalyticsError>(())
    /// ```
    pub fn metric_list(&self) -> &[Metric] {
        &self.metrics
    }

    /// The time granularity.
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Pivot, Report, TimeGranularity};
    /// let d = Date::new(2024, 1, 1)?;
    /// assert_eq!(Report::analytics(Pivot::Creative, d, d).time_granularity(), TimeGranularity::All);
    /// # Ok::<(), linkedin::resources::analytics::AnalyticsError>(())
    /// ```
    pub fn time_granularity(&self) -> TimeGranularity {
        self.granularity
    }

    /// The first and last day.
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Pivot, Report};
    /// let (a, b) = (Date::new(2024, 1, 1)?, Date::new(2024, 2, 1)?);
    /// assert_eq!(Report::analytics(Pivot::Creative, a, b).dates(), (a, b));
    /// # Ok::<(), linkedin::resources::analytics::AnalyticsError>(())
    /// ```
    pub fn dates(&self) -> (Date, Date) {
        (self.start, self.end)
    }

    /// Checks the report as LinkedIn would, before anything is sent.
    ///
    /// ```
    /// use linkedin::resources::analytics::{AnalyticsError, Date, Metric, Pivot, Report};
    /// let d = Date::new(2024, 1, 1)?;
    /// let no_facet = Report::analytics(Pivot::Account, d, d).metrics([Metric::Clicks]);
    /// assert_eq!(no_facet.check(), Err(AnalyticsError::NoFacet));
    /// # Ok::<(), AnalyticsError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any [`AnalyticsError`] a report can have: dates out of order, bad
    /// pivots or metrics, missing or empty facets.
    pub fn check(&self) -> Result<(), AnalyticsError> {
        let start = self.start.check()?;
        let end = self.end.check()?;
        if start > end {
            return Err(AnalyticsError::StartAfterEnd { start, end });
        }
        if let Pivots::Many(pivots) = &self.pivots {
            check_pivots(pivots)?;
        }
        if self.metrics.is_empty() {
            return Err(AnalyticsError::NoMetrics);
        }
        for metric in &self.metrics {
            metric.check()?;
        }
        let fields = self.metrics.len() + 2;
        if fields > MAX_FIELDS {
            return Err(AnalyticsError::TooManyFields {
                max: MAX_FIELDS,
                found: fields,
            });
        }
        let facets = [
            ("accounts", self.accounts.as_ref().map(Vec::len)),
            (
                "campaignGroups",
                self.campaign_groups.as_ref().map(Vec::len),
            ),
            ("campaigns", self.campaigns.as_ref().map(Vec::len)),
            ("creatives", self.creatives.as_ref().map(Vec::len)),
        ];
        if facets.iter().all(|(_, len)| len.is_none()) {
            return Err(AnalyticsError::NoFacet);
        }
        for (facet, len) in facets {
            match len {
                Some(0) => return Err(AnalyticsError::EmptyFacet { facet }),
                Some(found) if found > MAX_IDS => {
                    return Err(AnalyticsError::FacetTooLong {
                        facet,
                        max: MAX_IDS,
                        found,
                    });
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The request of the whole report, as one answer (see
    /// [`plan`](Self::plan) for reports that may pass [`ROW_CAP`]).
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report};
    /// let d = Date::new(2024, 1, 1)?;
    /// let r = Report::analytics(Pivot::Account, d, d).accounts([1.into()]).metrics([Metric::CostInUsd]).request()?;
    /// assert_eq!(r.as_ref().query().get("fields"), Some("dateRange,pivotValues,costInUsd"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// What [`check`](Self::check) finds.
    pub fn request(&self) -> Result<AnalyticsRequest, AnalyticsError> {
        self.check()?;
        Ok(self.window(self.start, self.end))
    }

    /// Plans the report in windows of at most `cap` rows an answer (see
    /// [`ReportPlan`]).
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report, ROW_CAP};
    /// let d = Date::new(2024, 1, 1)?;
    /// let plan = Report::analytics(Pivot::Account, d, d).accounts([1.into()]).metrics([Metric::Clicks]).plan(ROW_CAP)?;
    /// assert!(plan.next_request().is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// What [`check`](Self::check) finds.
    pub fn plan(&self, cap: usize) -> Result<ReportPlan, AnalyticsError> {
        self.check()?;
        Ok(ReportPlan::new(self.clone(), cap))
    }

    /// The request of the days `start..=end` of a checked report.
    fn window(&self, start: Date, end: Date) -> AnalyticsRequest {
        let range = DateRange {
            start,
            end: Some(end),
        };
        let mut fields = String::from("dateRange,pivotValues");
        for metric in &self.metrics {
            fields.push(',');
            fields.push_str(metric.as_str());
        }
        let mut inner = match &self.pivots {
            Pivots::One(pivot) => Request::finder(PATH, "analytics").param("pivot", pivot.as_str()),
            Pivots::Many(pivots) => {
                let names: Vec<&str> = pivots.iter().map(|p| p.as_str()).collect();
                Request::finder(PATH, "statistics").param("pivots", &names)
            }
        };
        inner = inner
            .param("dateRange", &range)
            .param("timeGranularity", self.granularity.as_str())
            .fields(fields);
        if let Some(accounts) = &self.accounts {
            let urns: Vec<String> = accounts
                .iter()
                .map(|a| format!("urn:li:sponsoredAccount:{}", a.get()))
                .collect();
            inner = inner.param("accounts", &urns);
        }
        if let Some(groups) = &self.campaign_groups {
            inner = inner.param("campaignGroups", groups);
        }
        if let Some(campaigns) = &self.campaigns {
            inner = inner.param("campaigns", campaigns);
        }
        if let Some(creatives) = &self.creatives {
            inner = inner.param("creatives", creatives);
        }
        AnalyticsRequest { inner }
    }

    /// The header of [`Row::record`]: each pivot's name, `start`, `end`,
    /// then each metric's name.
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report};
    /// let d = Date::new(2024, 1, 1)?;
    /// let report = Report::analytics(Pivot::Campaign, d, d).metrics([Metric::Impressions, Metric::Clicks]);
    /// assert_eq!(report.header(), ["CAMPAIGN", "start", "end", "impressions", "clicks"]);
    /// # Ok::<(), linkedin::resources::analytics::AnalyticsError>(())
    /// ```
    pub fn header(&self) -> Vec<String> {
        let mut header: Vec<String> = self
            .pivots()
            .iter()
            .map(|p| p.as_str().to_owned())
            .collect();
        header.push("start".into());
        header.push("end".into());
        header.extend(self.metrics.iter().map(|m| m.as_str().to_owned()));
        header
    }
}

/// Checks the pivots of a statistics report.
///
/// "Ads Reporting" lets the statistics finder group by up to three pivots.
/// It also notes that professional demographic pivots (the `MEMBER_*`
/// ones) are special (some metrics are not available with them, and their
/// data is kept for a shorter time); it does not list which pairs may go
/// together. The safe reading refuses two demographic pivots in one
/// request, and a pivot given twice.
fn check_pivots(pivots: &[Pivot]) -> Result<(), AnalyticsError> {
    if pivots.is_empty() || pivots.len() > MAX_PIVOTS {
        return Err(AnalyticsError::PivotCount {
            found: pivots.len(),
        });
    }
    for (i, first) in pivots.iter().enumerate() {
        for second in &pivots[i + 1..] {
            if first == second {
                return Err(AnalyticsError::PivotCombination {
                    first: *first,
                    second: *second,
                    why: "a pivot is given twice",
                });
            }
            if first.is_demographic() && second.is_demographic() {
                return Err(AnalyticsError::PivotCombination {
                    first: *first,
                    second: *second,
                    why: "one professional demographic pivot a request",
                });
            }
        }
    }
    Ok(())
}

request_type!(
    /// FINDER `q=analytics` or `q=statistics` on `/rest/adAnalytics`
    /// (built by [`Report::request`] or a [`ReportPlan`]), answered by a
    /// [`CollectionResponse<Row>`] of at most [`ROW_CAP`] rows (the
    /// endpoint does not page).
    AnalyticsRequest(Finder) => CollectionResponse<Row, Value>,
    example = "linkedin::resources::analytics::Report::analytics(linkedin::resources::analytics::Pivot::Account, linkedin::resources::analytics::Date::new(2024, 1, 1)?, linkedin::resources::analytics::Date::new(2024, 1, 1)?).accounts([1.into()]).metrics([linkedin::resources::analytics::Metric::Clicks]).request()?"
);

/// One row of a report: the pivot values it counts for, its dates, and the
/// metrics (numbers, or decimal strings for money; unknown ones kept).
///
/// ```
/// use linkedin::resources::analytics::{Metric, Row};
/// let row: Row = serde_json::from_str(r#"{
///     "pivotValues": ["urn:li:sponsoredCampaign:1"],
///     "dateRange": {"start": {"year": 2024, "month": 1, "day": 1}, "end": {"year": 2024, "month": 1, "day": 1}},
///     "impressions": 1000, "costInLocalCurrency": "12.5", "someNewMetric": 3
/// }"#)?;
/// assert_eq!(row.number(&Metric::Impressions), Some(1000.0));
/// assert_eq!(row.number(&Metric::CostInLocalCurrency), Some(12.5));
/// assert_eq!(row.metrics["someNewMetric"], 3);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    /// The pivot values, one per pivot, in the pivots' order.
    #[serde(default)]
    pub pivot_values: Vec<String>,
    /// The dates the row counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_range: Option<DateRange>,
    /// Every other field: the metrics, by name.
    #[serde(flatten)]
    pub metrics: Map<String, Value>,
}

impl Row {
    /// A metric's value as LinkedIn wrote it.
    ///
    /// ```
    /// use linkedin::resources::analytics::{Metric, Row};
    /// let row: Row = serde_json::from_str(r#"{"clicks": 7}"#)?;
    /// assert_eq!(row.metric(&Metric::Clicks), Some(&serde_json::json!(7)));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn metric(&self, metric: &Metric) -> Option<&Value> {
        self.metrics.get(metric.as_str())
    }

    /// A metric as a number (money comes as a decimal string and is read
    /// too).
    ///
    /// ```
    /// use linkedin::resources::analytics::{Metric, Row};
    /// let row: Row = serde_json::from_str(r#"{"costInUsd": "0.75"}"#)?;
    /// assert_eq!(row.number(&Metric::CostInUsd), Some(0.75));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn number(&self, metric: &Metric) -> Option<f64> {
        match self.metric(metric)? {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// The row as one record under [`Report::header`]: each pivot value,
    /// the start and end dates (`YYYY-MM-DD`, empty when absent), then each
    /// metric as LinkedIn wrote it (empty when absent).
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report, Row};
    /// let d = Date::new(2024, 1, 1)?;
    /// let report = Report::analytics(Pivot::Campaign, d, d).metrics([Metric::Impressions, Metric::Clicks]);
    /// let row: Row = serde_json::from_str(r#"{"pivotValues": ["urn:li:sponsoredCampaign:1"], "impressions": 10}"#).unwrap();
    /// assert_eq!(row.record(&report), ["urn:li:sponsoredCampaign:1", "", "", "10", ""]);
    /// # Ok::<(), linkedin::resources::analytics::AnalyticsError>(())
    /// ```
    pub fn record(&self, report: &Report) -> Vec<String> {
        let mut record: Vec<String> = (0..report.pivots().len())
            .map(|i| self.pivot_values.get(i).cloned().unwrap_or_default())
            .collect();
        let range = self.date_range.as_ref();
        record.push(range.map(|r| r.start.to_string()).unwrap_or_default());
        record.push(
            range
                .and_then(|r| r.end)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        );
        for metric in report.metric_list() {
            record.push(match self.metric(metric) {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
            });
        }
        record
    }
}
