//! Ads reports as an iterator of rows: the transport's half of
//! client-core's [`ReportWalk`], which drives the report's plan.

use std::fmt;

use linkedin_client_core::{ReportStep, ReportWalk};
use linkedin_resources::analytics::{Report, ReportPlan, Row};
use restli_codec::transport::HttpClient;

use crate::Error;
use crate::client::Client;

impl<H: HttpClient> Client<H> {
    /// Every row of an ads report (`adAnalytics`), in date order, fetched
    /// as the iterator is advanced.
    ///
    /// The report is asked for in date windows under LinkedIn's cap of
    /// 15,000 rows an answer: a window whose answer reaches the cap, or
    /// that LinkedIn refuses as too large, is split in two and asked for
    /// again, so no row is lost or doubled. Each window is sent like any
    /// other call (retries, timeouts, token), and only one answer's rows
    /// are held at a time, whatever the report's size. A report that
    /// cannot be asked for (dates out of order, pivots LinkedIn does not
    /// take together, no metric ...) is the iterator's only item, and
    /// nothing is sent. The iterator ends after the first error.
    ///
    /// ```no_run
    /// use linkedin::blocking::Client;
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report, TimeGranularity};
    ///
    /// # fn run(client: Client) -> Result<(), Box<dyn std::error::Error>> {
    /// let report = Report::analytics(Pivot::Campaign, Date::new(2024, 1, 1)?, Date::new(2024, 6, 30)?)
    ///     .granularity(TimeGranularity::Daily)
    ///     .accounts([507404993.into()])
    ///     .metrics([Metric::Impressions, Metric::Clicks]);
    /// for row in client.report(&report) {
    ///     println!("{}", row?.record(&report).join(","));
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn report(&self, report: &Report) -> ReportRows<H> {
        ReportRows {
            client: self.clone(),
            walk: ReportWalk::new(report),
        }
    }

    /// The rows of a report planned by hand: another cap, or an estimate
    /// of the rows a time bucket holds, so that fewer windows are split
    /// (see [`ReportPlan::estimated_rows_per_bucket`]). Otherwise as
    /// [`report`](Self::report).
    ///
    /// ```no_run
    /// use linkedin::blocking::Client;
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report, ROW_CAP, TimeGranularity};
    ///
    /// # fn run(client: Client) -> Result<(), Box<dyn std::error::Error>> {
    /// let report = Report::analytics(Pivot::Campaign, Date::new(2024, 1, 1)?, Date::new(2024, 12, 31)?)
    ///     .granularity(TimeGranularity::Daily)
    ///     .accounts([507404993.into()])
    ///     .metrics([Metric::Clicks]);
    /// // About 500 campaigns: windows of 29 days.
    /// let plan = report.plan(ROW_CAP)?.estimated_rows_per_bucket(500);
    /// let rows = client.report_plan(plan).count();
    /// # let _ = rows;
    /// # Ok(())
    /// # }
    /// ```
    pub fn report_plan(&self, plan: ReportPlan) -> ReportRows<H> {
        ReportRows {
            client: self.clone(),
            walk: ReportWalk::from_plan(plan),
        }
    }
}

/// The rows of an ads report, fetched window by window as the iterator is
/// advanced. Made by [`Client::report`] and [`Client::report_plan`].
///
/// After an error the iterator ends.
#[must_use = "iterators are lazy: nothing is fetched until the rows are consumed"]
pub struct ReportRows<H> {
    client: Client<H>,
    walk: ReportWalk,
}

impl<H> fmt::Debug for ReportRows<H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReportRows")
            .field("walk", &self.walk)
            .finish_non_exhaustive()
    }
}

impl<H: HttpClient> Iterator for ReportRows<H> {
    type Item = Result<Row, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.walk.step() {
                ReportStep::Row(row) => return Some(Ok(row)),
                ReportStep::Failed(err) => return Some(Err(err)),
                ReportStep::Send(request) => {
                    let answer = self.client.send(*request);
                    self.walk.take(answer);
                }
                _ => return None,
            }
        }
    }
}
