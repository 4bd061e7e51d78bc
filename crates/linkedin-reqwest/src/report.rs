//! Ads reports as a stream of rows: the transport's half of
//! client-core's [`ReportWalk`], which drives the report's plan.

use futures_core::Stream;
use futures_util::stream;
use linkedin_client_core::{ReportStep, ReportWalk};
use linkedin_resources::analytics::{Report, ReportPlan, Row};
use restli_codec::transport::AsyncHttpClient;

use crate::Error;
use crate::client::Client;

impl<H: AsyncHttpClient + 'static> Client<H> {
    /// Every row of an ads report (`adAnalytics`), in date order, as the
    /// stream is polled.
    ///
    /// The report is asked for in date windows under LinkedIn's cap of
    /// 15,000 rows an answer: a window whose answer reaches the cap, or
    /// that LinkedIn refuses as too large, is split in two and asked for
    /// again, so no row is lost or doubled. Each window is sent like any
    /// other call (retries, timeouts, token), and only one answer's rows
    /// are held at a time, whatever the report's size. A report that
    /// cannot be asked for (dates out of order, pivots LinkedIn does not
    /// take together, no metric ...) is the stream's only item, and nothing
    /// is sent. The stream ends after the first error.
    ///
    /// ```no_run
    /// use futures_util::StreamExt;
    /// use linkedin::Client;
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report, TimeGranularity};
    ///
    /// # async fn run(client: Client) -> Result<(), Box<dyn std::error::Error>> {
    /// let report = Report::analytics(Pivot::Campaign, Date::new(2024, 1, 1)?, Date::new(2024, 6, 30)?)
    ///     .granularity(TimeGranularity::Daily)
    ///     .accounts([507404993.into()])
    ///     .metrics([Metric::Impressions, Metric::Clicks]);
    /// let mut rows = std::pin::pin!(client.report(&report));
    /// while let Some(row) = rows.next().await {
    ///     println!("{}", row?.record(&report).join(","));
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn report(
        &self,
        report: &Report,
    ) -> impl Stream<Item = Result<Row, Error>> + Send + 'static {
        self.walk(ReportWalk::new(report))
    }

    /// The rows of a report planned by hand: another cap, or an estimate
    /// of the rows a time bucket holds, so that fewer windows are split
    /// (see [`ReportPlan::estimated_rows_per_bucket`]). Otherwise as
    /// [`report`](Self::report).
    ///
    /// ```no_run
    /// use futures_util::StreamExt;
    /// use linkedin::Client;
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report, ROW_CAP, TimeGranularity};
    ///
    /// # async fn run(client: Client) -> Result<(), Box<dyn std::error::Error>> {
    /// let report = Report::analytics(Pivot::Campaign, Date::new(2024, 1, 1)?, Date::new(2024, 12, 31)?)
    ///     .granularity(TimeGranularity::Daily)
    ///     .accounts([507404993.into()])
    ///     .metrics([Metric::Clicks]);
    /// // About 500 campaigns: windows of 29 days.
    /// let plan = report.plan(ROW_CAP)?.estimated_rows_per_bucket(500);
    /// let rows = client.report_plan(plan).count().await;
    /// # let _ = rows;
    /// # Ok(())
    /// # }
    /// ```
    pub fn report_plan(
        &self,
        plan: ReportPlan,
    ) -> impl Stream<Item = Result<Row, Error>> + Send + 'static {
        self.walk(ReportWalk::from_plan(plan))
    }

    fn walk(&self, walk: ReportWalk) -> impl Stream<Item = Result<Row, Error>> + Send + 'static {
        stream::unfold((self.clone(), walk), |(client, mut walk)| async move {
            loop {
                match walk.step() {
                    ReportStep::Row(row) => return Some((Ok(row), (client, walk))),
                    ReportStep::Failed(err) => return Some((Err(err), (client, walk))),
                    ReportStep::Send(request) => {
                        let answer = client.send(*request).await;
                        walk.take(answer);
                    }
                    _ => return None,
                }
            }
        })
    }
}
