//! The report planner: a sans-IO walk over date windows small enough for
//! LinkedIn's row cap.

use restli_codec::response::ApiError;

use super::{AnalyticsRequest, Date, Report, Row, TimeGranularity};

/// The start of LinkedIn's message refusing a request whose answer would
/// hold too many elements: `{"message":"Request would return too many
/// entities. ","status":400}`, as "Campaigns"
/// (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-campaigns>)
/// shows it for a search past its limit.
const TOO_MANY: &str = "request would return too many entities";

/// Whether LinkedIn refused a request because its answer would hold too
/// many elements (a 400 whose message says so): a report window to split,
/// not a report to give up on.
///
/// ```
/// use linkedin::resources::analytics::is_too_many_rows;
/// use linkedin::restli::response::{ApiError, ResponseMeta};
///
/// let meta = ResponseMeta::new(http::StatusCode::BAD_REQUEST, Default::default(), "/rest/adAnalytics");
/// let refused = ApiError::new(meta.clone(), br#"{"message":"Request would return too many entities. ","status":400}"#);
/// assert!(is_too_many_rows(&refused));
/// let other = ApiError::new(meta, br#"{"message":"Invalid pivot","status":400}"#);
/// assert!(!is_too_many_rows(&other));
/// ```
pub fn is_too_many_rows(error: &ApiError) -> bool {
    error.status() == http::StatusCode::BAD_REQUEST
        && error.message().is_some_and(|message| {
            message
                .trim_start()
                .get(..TOO_MANY.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(TOO_MANY))
        })
}

/// Why a plan cannot go on.
///
/// ```
/// use linkedin::resources::analytics::{Date, PlanError};
/// let d = Date::new(2024, 1, 1)?;
/// let err = PlanError::RowCap { start: d, end: d, cap: 15000 };
/// assert!(err.to_string().contains("15000"));
/// # Ok::<(), linkedin::resources::analytics::AnalyticsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlanError {
    /// One time bucket alone reaches the cap: the window cannot be split
    /// further without cutting a bucket (report on fewer entities, or with
    /// a finer granularity).
    #[error(
        "the rows of {start}..{end} reach the cap of {cap} rows an answer, and its time bucket cannot be split"
    )]
    RowCap {
        /// The window's first day.
        start: Date,
        /// Its last day.
        end: Date,
        /// The cap.
        cap: usize,
    },
    /// An answer taken when no request was out (the plan is done).
    #[error("the report plan is done; no answer was expected")]
    Done,
}

/// What [`ReportPlan::take`] did with an answer.
///
/// ```
/// use linkedin::resources::analytics::Taken;
/// assert_eq!(Taken::Split, Taken::Split);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Taken {
    /// The window's rows, in date order: yield them, then ask
    /// [`ReportPlan::next_request`] again.
    Rows(Vec<Row>),
    /// The answer reached the cap (so it may be cut short) and was dropped;
    /// its window was split in two, to be asked for in turn.
    Split,
}

/// A report in date windows of at most `cap` rows an answer, as a sans-IO
/// walk: ask [`next_request`](Self::next_request), send it, give the
/// answer's rows to [`take`](Self::take), yield what it gives back, until
/// `next_request` says `None`. The rows come out in date order, window
/// after window; the plan holds no rows itself, so a transport holds one
/// answer at a time whatever the report's size.
///
/// Windows never cut a time bucket: a `MONTHLY` report is split on the
/// first of a month, a `YEARLY` one on the first of January, an `ALL` one
/// not at all. A window starts as large as
/// [`estimated_rows_per_bucket`](Self::estimated_rows_per_bucket) allows
/// (the whole range by default) and is split in two whenever its answer
/// reaches the cap ("Ads Reporting": an answer holds at most 15,000 rows
/// and is cut short past them) or LinkedIn refuses it as too large
/// ([`split`](Self::split)).
///
/// ```
/// use linkedin::resources::analytics::{Date, Metric, Pivot, Report, Row, Taken, TimeGranularity};
///
/// let report = Report::analytics(Pivot::Campaign, Date::new(2024, 1, 1)?, Date::new(2024, 1, 4)?)
///     .granularity(TimeGranularity::Daily)
///     .accounts([1.into()])
///     .metrics([Metric::Clicks]);
/// let mut plan = report.plan(2)?; // a cap of 2 rows an answer
/// let mut answers = 0;
/// while let Some((start, end)) = plan.window() {
///     let _request = plan.next_request();
///     answers += 1;
///     // A fake LinkedIn: one row a day.
///     let days = i64::from(end.day - start.day) + 1;
///     let rows = vec![Row::default(); days.min(2) as usize];
///     match plan.take(rows)? {
///         Taken::Rows(rows) => assert_eq!(rows.len(), 1),
///         Taken::Split => {}
///     }
/// }
/// assert_eq!(answers, 7); // 1..4, 1..2, 1, 2, 3..4, 3, 4
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct ReportPlan {
    report: Report,
    cap: usize,
    /// Buckets in a fresh window.
    per_window: u64,
    /// The first day of the next fresh window; `None` when every day has
    /// been handed out.
    cursor: Option<Date>,
    /// Split halves still to ask for, the next one last.
    pending: Vec<(Date, Date)>,
}

impl ReportPlan {
    pub(super) fn new(report: Report, cap: usize) -> ReportPlan {
        let (start, _) = report.dates();
        ReportPlan {
            report,
            cap: cap.max(1),
            per_window: u64::MAX,
            cursor: Some(start),
            pending: Vec::new(),
        }
    }

    /// Sizes fresh windows for about `rows` rows a time bucket (the number
    /// of pivot values: campaigns, creatives ...), so that most answers
    /// stay under the cap without a split.
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report, TimeGranularity};
    /// let report = Report::analytics(Pivot::Campaign, Date::new(2024, 1, 1)?, Date::new(2024, 12, 31)?)
    ///     .granularity(TimeGranularity::Daily).accounts([1.into()]).metrics([Metric::Clicks]);
    /// let plan = report.plan(15_000)?.estimated_rows_per_bucket(500);
    /// // Under 15,000 rows / 500 campaigns: 29 days a window (an answer of
    /// // exactly the cap may have been cut, so it is split).
    /// assert_eq!(plan.window(), Some((Date::new(2024, 1, 1)?, Date::new(2024, 1, 29)?)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn estimated_rows_per_bucket(mut self, rows: u64) -> ReportPlan {
        let cap = u64::try_from(self.cap).unwrap_or(u64::MAX);
        // Stay under the cap: an answer of exactly `cap` rows counts as cut.
        self.per_window = (cap.saturating_sub(1) / rows.max(1)).max(1);
        self
    }

    /// The report planned.
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report};
    /// let d = Date::new(2024, 1, 1)?;
    /// let plan = Report::analytics(Pivot::Account, d, d).accounts([1.into()]).metrics([Metric::Clicks]).plan(10)?;
    /// assert_eq!(plan.report().pivots(), [Pivot::Account]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The days of the window to ask for next (both included), or `None`
    /// when the report is done.
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report};
    /// let (a, b) = (Date::new(2024, 1, 1)?, Date::new(2024, 3, 1)?);
    /// let plan = Report::analytics(Pivot::Account, a, b).accounts([1.into()]).metrics([Metric::Clicks]).plan(10)?;
    /// assert_eq!(plan.window(), Some((a, b)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn window(&self) -> Option<(Date, Date)> {
        if let Some(window) = self.pending.last() {
            return Some(*window);
        }
        let start = self.cursor?;
        let (_, last) = self.report.dates();
        let granularity = self.report.time_granularity();
        let end = granularity
            .advance(start, self.per_window)
            .and_then(Date::pred)
            .filter(|end| *end < last)
            .unwrap_or(last);
        Some((start, end))
    }

    /// The request of [`window`](Self::window), or `None` when the report
    /// is done. Asked again before [`take`](Self::take), it gives the same
    /// request.
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report};
    /// let d = Date::new(2024, 1, 1)?;
    /// let plan = Report::analytics(Pivot::Account, d, d).accounts([1.into()]).metrics([Metric::Clicks]).plan(10)?;
    /// let request = plan.next_request().expect("one window");
    /// assert_eq!(request.as_ref().query().get("q"), Some("analytics"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next_request(&self) -> Option<AnalyticsRequest> {
        let (start, end) = self.window()?;
        Some(self.report.window(start, end))
    }

    /// Takes the rows answering [`next_request`](Self::next_request): the
    /// window's rows in date order, or, when they reach the cap, a split.
    ///
    /// # Errors
    ///
    /// [`PlanError::RowCap`] when a window of one time bucket reaches the
    /// cap; [`PlanError::Done`] when no request was out.
    pub fn take(&mut self, mut rows: Vec<Row>) -> Result<Taken, PlanError> {
        if rows.len() >= self.cap {
            self.split()?;
            return Ok(Taken::Split);
        }
        self.consume()?;
        // Stable: rows of one date keep LinkedIn's order.
        rows.sort_by_key(|row| row.date_range.map(|range| range.start));
        Ok(Taken::Rows(rows))
    }

    /// Splits the window out in two (when LinkedIn refused it as too
    /// large, say); its halves are asked for in turn.
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report, TimeGranularity};
    /// let report = Report::analytics(Pivot::Account, Date::new(2024, 1, 1)?, Date::new(2024, 4, 30)?)
    ///     .granularity(TimeGranularity::Monthly).accounts([1.into()]).metrics([Metric::Clicks]);
    /// let mut plan = report.plan(10)?;
    /// plan.split()?;
    /// assert_eq!(plan.window(), Some((Date::new(2024, 1, 1)?, Date::new(2024, 2, 29)?)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PlanError::RowCap`] when the window is one time bucket;
    /// [`PlanError::Done`] when the plan is done.
    pub fn split(&mut self) -> Result<(), PlanError> {
        let (start, end) = self.window().ok_or(PlanError::Done)?;
        let granularity = self.report.time_granularity();
        let buckets = granularity.buckets(start, end);
        let cut = if buckets < 2 {
            None
        } else {
            granularity
                .advance(start, buckets / 2)
                .and_then(|mid| mid.pred().map(|last| (last, mid)))
        };
        let Some((first_end, second_start)) = cut else {
            return Err(PlanError::RowCap {
                start,
                end,
                cap: self.cap,
            });
        };
        self.consume()?;
        self.pending.push((second_start, end));
        self.pending.push((start, first_end));
        Ok(())
    }

    /// Takes LinkedIn's refusal of [`next_request`](Self::next_request):
    /// when it says the answer would hold too many rows
    /// ([`is_too_many_rows`]), the window is split (see
    /// [`split`](Self::split)) and `true` comes back; any other error is
    /// left to the caller (`false`, the plan unchanged).
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report, TimeGranularity};
    /// use linkedin::restli::response::{ApiError, ResponseMeta};
    ///
    /// let report = Report::analytics(Pivot::Campaign, Date::new(2024, 1, 1)?, Date::new(2024, 1, 4)?)
    ///     .granularity(TimeGranularity::Daily).accounts([1.into()]).metrics([Metric::Clicks]);
    /// let mut plan = report.plan(100)?;
    /// let meta = ResponseMeta::new(http::StatusCode::BAD_REQUEST, Default::default(), "/rest/adAnalytics");
    /// let refused = ApiError::new(meta, br#"{"message":"Request would return too many entities. ","status":400}"#);
    /// assert!(plan.refused(&refused)?);
    /// assert_eq!(plan.window(), Some((Date::new(2024, 1, 1)?, Date::new(2024, 1, 2)?)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// What [`split`](Self::split) finds: a window of one bucket refused
    /// is [`PlanError::RowCap`].
    pub fn refused(&mut self, error: &ApiError) -> Result<bool, PlanError> {
        if !is_too_many_rows(error) {
            return Ok(false);
        }
        self.split()?;
        Ok(true)
    }

    /// Marks the window out as done.
    fn consume(&mut self) -> Result<(), PlanError> {
        if self.pending.pop().is_some() {
            return Ok(());
        }
        let (_, end) = self.window().ok_or(PlanError::Done)?;
        let (_, last) = self.report.dates();
        self.cursor = if end >= last { None } else { end.succ() };
        Ok(())
    }
}

impl TimeGranularity {
    /// How many buckets hold the days `start..=end` (1 for
    /// [`All`](Self::All); 0 when `end` is before `start`).
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, TimeGranularity};
    /// let (a, b) = (Date::new(2024, 1, 31)?, Date::new(2024, 3, 1)?);
    /// assert_eq!(TimeGranularity::Monthly.buckets_between(a, b), 3);
    /// assert_eq!(TimeGranularity::Daily.buckets_between(a, b), 31);
    /// # Ok::<(), linkedin::resources::analytics::AnalyticsError>(())
    /// ```
    pub fn buckets_between(self, start: Date, end: Date) -> u64 {
        if end < start {
            return 0;
        }
        self.buckets(start, end)
    }

    /// Whether `date` starts a bucket (so a window may start there).
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, TimeGranularity};
    /// assert!(TimeGranularity::Monthly.starts_bucket(Date::new(2024, 3, 1)?));
    /// assert!(!TimeGranularity::Yearly.starts_bucket(Date::new(2024, 3, 1)?));
    /// # Ok::<(), linkedin::resources::analytics::AnalyticsError>(())
    /// ```
    pub fn starts_bucket(self, date: Date) -> bool {
        match self {
            TimeGranularity::All => false,
            TimeGranularity::Daily => true,
            TimeGranularity::Monthly => date.day == 1,
            TimeGranularity::Yearly => date.day == 1 && date.month == 1,
        }
    }
}
