//! [`ReportWalk`]: what both transports' `report` streams do between
//! sends, written once. It drives
//! [`ReportPlan`](linkedin_resources::analytics::ReportPlan) (which decides
//! the windows and the splits) and holds one answer's rows at a time, so a
//! report's memory does not grow with its number of rows.

use std::fmt;

use linkedin_resources::analytics::{AnalyticsRequest, ROW_CAP, Report, ReportPlan, Row, Taken};
use restli_codec::CollectionResponse;
use serde_json::Value;

use crate::Error;

/// What a transport does next in a report's walk (see [`ReportWalk::step`]).
///
/// ```
/// use linkedin::client_core::ReportStep;
/// let step = ReportStep::Done;
/// assert!(matches!(step, ReportStep::Done));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum ReportStep {
    /// Yield this row.
    Row(Row),
    /// Send this request through the client's normal `send`, and give its
    /// answer to [`ReportWalk::take`].
    Send(Box<AnalyticsRequest>),
    /// Yield this error; the walk is over.
    Failed(Error),
    /// The report is done.
    Done,
}

/// A report's rows as a sans-IO walk over its date windows: ask
/// [`step`](Self::step) what to do, send what it asks for, give the answer
/// to [`take`](Self::take). Rows come out in date order, each exactly once;
/// an answer that reaches the row cap, or LinkedIn's refusal of a window as
/// too large, makes the plan split the window (the answer's rows are
/// dropped and asked for again in halves); any other error ends the walk.
///
/// ```
/// use linkedin::client_core::{ReportStep, ReportWalk};
/// use linkedin::resources::analytics::{Date, Metric, Pivot, Report};
/// use linkedin::restli::response::CollectionResponse;
///
/// let d = Date::new(2024, 1, 1)?;
/// let report = Report::analytics(Pivot::Account, d, d).accounts([1.into()]).metrics([Metric::Clicks]);
/// let mut walk = ReportWalk::new(&report);
/// let ReportStep::Send(_request) = walk.step() else { panic!("a request first") };
/// // The answer, as the transport's `send` gives it back:
/// let body = br#"{"elements": [{"clicks": 3}]}"#.to_vec();
/// walk.take(Ok(CollectionResponse::from_http(http::Response::new(body), "/rest/adAnalytics")?));
/// let ReportStep::Row(row) = walk.step() else { panic!("its row") };
/// assert_eq!(row.number(&Metric::Clicks), Some(3.0));
/// assert!(matches!(walk.step(), ReportStep::Done));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct ReportWalk {
    /// `None` once the walk is over.
    plan: Option<ReportPlan>,
    /// The rows of the last answer still to yield.
    rows: std::vec::IntoIter<Row>,
    /// An error to yield before anything else.
    failed: Option<Error>,
}

impl fmt::Debug for ReportWalk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReportWalk")
            .field("window", &self.plan.as_ref().and_then(ReportPlan::window))
            .field("rows_left", &self.rows.len())
            .field("failed", &self.failed)
            .finish()
    }
}

impl ReportWalk {
    /// The walk of `report` under LinkedIn's cap of [`ROW_CAP`] rows an
    /// answer. A report that cannot be asked for (see
    /// [`Report::check`]) makes a walk whose first step is that error, so
    /// nothing is sent.
    ///
    /// ```
    /// use linkedin::client_core::{ReportStep, ReportWalk};
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report};
    ///
    /// let (a, b) = (Date::new(2024, 2, 1)?, Date::new(2024, 1, 1)?);
    /// let backwards = Report::analytics(Pivot::Account, a, b).accounts([1.into()]).metrics([Metric::Clicks]);
    /// let mut walk = ReportWalk::new(&backwards);
    /// let ReportStep::Failed(err) = walk.step() else { panic!("refused") };
    /// assert!(err.to_string().contains("after its end"));
    /// assert!(matches!(walk.step(), ReportStep::Done));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(report: &Report) -> ReportWalk {
        match report.plan(ROW_CAP) {
            Ok(plan) => ReportWalk::from_plan(plan),
            Err(err) => ReportWalk {
                plan: None,
                rows: Vec::new().into_iter(),
                failed: Some(err.into()),
            },
        }
    }

    /// The walk of a plan made by hand (another cap, an estimate of the
    /// rows a bucket: [`ReportPlan::estimated_rows_per_bucket`]).
    ///
    /// ```
    /// use linkedin::client_core::{ReportStep, ReportWalk};
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report};
    ///
    /// let d = Date::new(2024, 1, 1)?;
    /// let plan = Report::analytics(Pivot::Account, d, d).accounts([1.into()]).metrics([Metric::Clicks]).plan(100)?;
    /// assert!(matches!(ReportWalk::from_plan(plan).step(), ReportStep::Send(_)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_plan(plan: ReportPlan) -> ReportWalk {
        ReportWalk {
            plan: Some(plan),
            rows: Vec::new().into_iter(),
            failed: None,
        }
    }

    /// The plan walked, while the walk goes on (its
    /// [`window`](ReportPlan::window) says which days are asked for next).
    ///
    /// ```
    /// use linkedin::client_core::ReportWalk;
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report};
    ///
    /// let d = Date::new(2024, 1, 1)?;
    /// let report = Report::analytics(Pivot::Account, d, d).accounts([1.into()]).metrics([Metric::Clicks]);
    /// assert_eq!(ReportWalk::new(&report).plan().and_then(|p| p.window()), Some((d, d)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn plan(&self) -> Option<&ReportPlan> {
        self.plan.as_ref()
    }

    /// What to do next: yield a row, send a request, yield the error that
    /// ended the walk, or stop.
    ///
    /// ```
    /// use linkedin::client_core::{ReportStep, ReportWalk};
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report};
    ///
    /// let d = Date::new(2024, 1, 1)?;
    /// let report = Report::analytics(Pivot::Account, d, d).accounts([1.into()]).metrics([Metric::Clicks]);
    /// let mut walk = ReportWalk::new(&report);
    /// // Asked again before an answer, it asks for the same request.
    /// let (ReportStep::Send(a), ReportStep::Send(b)) = (walk.step(), walk.step()) else { panic!() };
    /// assert_eq!(a.request().query(), b.request().query());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn step(&mut self) -> ReportStep {
        if let Some(err) = self.failed.take() {
            self.end();
            return ReportStep::Failed(err);
        }
        if let Some(row) = self.rows.next() {
            return ReportStep::Row(row);
        }
        match self.plan.as_ref().and_then(ReportPlan::next_request) {
            Some(request) => ReportStep::Send(Box::new(request)),
            None => {
                self.end();
                ReportStep::Done
            }
        }
    }

    /// Takes the answer to the request [`step`](Self::step) asked for:
    /// its rows (or a split, when they reach the cap), or the error that
    /// came instead (LinkedIn's refusal of the window as too large splits
    /// it; any other error is yielded next and ends the walk).
    ///
    /// ```
    /// use linkedin::client_core::{Error, ReportStep, ReportWalk};
    /// use linkedin::restli::response::{ApiError, ResponseMeta};
    /// use linkedin::resources::analytics::{Date, Metric, Pivot, Report};
    ///
    /// let d = Date::new(2024, 1, 1)?;
    /// let report = Report::analytics(Pivot::Account, d, d).accounts([1.into()]).metrics([Metric::Clicks]);
    /// let mut walk = ReportWalk::new(&report);
    /// let _ = walk.step();
    /// let meta = ResponseMeta::new(http::StatusCode::FORBIDDEN, Default::default(), "/rest/adAnalytics");
    /// walk.take(Err(Error::from(ApiError::new(meta, br#"{"message":"Not enough permissions","status":403}"#))));
    /// let ReportStep::Failed(err) = walk.step() else { panic!("the error") };
    /// assert_eq!(err.status().map(|s| s.as_u16()), Some(403));
    /// assert!(matches!(walk.step(), ReportStep::Done));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn take(&mut self, answer: Result<CollectionResponse<Row, Value>, Error>) {
        let Some(plan) = self.plan.as_mut() else {
            return;
        };
        let outcome = match answer {
            Ok(answer) => plan.take(answer.elements).map(|taken| match taken {
                Taken::Rows(rows) => Some(rows),
                Taken::Split => None,
            }),
            Err(Error::Api(api)) => match plan.refused(&api) {
                Ok(true) => Ok(None),
                Ok(false) => {
                    self.failed = Some(Error::Api(api));
                    return;
                }
                Err(err) => Err(err),
            },
            Err(err) => {
                self.failed = Some(err);
                return;
            }
        };
        match outcome {
            Ok(Some(rows)) => self.rows = rows.into_iter(),
            Ok(None) => {}
            Err(err) => self.failed = Some(err.into()),
        }
    }

    /// Ends the walk, dropping what it held.
    fn end(&mut self) {
        self.plan = None;
        self.rows = Vec::new().into_iter();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linkedin_resources::analytics::{Date, Metric, Pivot, TimeGranularity};
    use restli_codec::response::{ApiError, ResponseMeta};
    use serde_json::json;

    fn report() -> Report {
        Report::analytics(
            Pivot::Campaign,
            Date::new(2024, 1, 1).unwrap(),
            Date::new(2024, 1, 4).unwrap(),
        )
        .granularity(TimeGranularity::Daily)
        .accounts([1.into()])
        .metrics([Metric::Clicks])
    }

    fn day_row(day: u8) -> Value {
        let date = json!({"year": 2024, "month": 1, "day": day});
        json!({"dateRange": {"start": date, "end": date}, "pivotValues": ["urn:li:sponsoredCampaign:1"], "clicks": day})
    }

    fn answer(body: Value) -> CollectionResponse<Row, Value> {
        let body = serde_json::to_vec(&body).unwrap();
        CollectionResponse::from_http(http::Response::new(body), "/rest/adAnalytics").unwrap()
    }

    fn refusal() -> Error {
        let meta = ResponseMeta::new(
            http::StatusCode::BAD_REQUEST,
            Default::default(),
            "/rest/adAnalytics",
        );
        Error::from(ApiError::new(
            meta,
            br#"{"message":"Request would return too many entities. ","status":400}"#,
        ))
    }

    /// A fake LinkedIn of one row a day that refuses any window of more
    /// than two days: every day comes out once, in order.
    #[test]
    fn refused_windows_are_split_and_every_row_comes_once() {
        let mut walk = ReportWalk::new(&report());
        let mut days = Vec::new();
        let mut sent = 0;
        loop {
            match walk.step() {
                ReportStep::Row(row) => days.push(row.number(&Metric::Clicks).unwrap()),
                ReportStep::Send(request) => {
                    sent += 1;
                    let range = request
                        .request()
                        .query()
                        .get("dateRange")
                        .unwrap()
                        .to_owned();
                    let day = |part: &str| -> u8 {
                        let at = range.find(part).unwrap() + part.len();
                        let rest = &range[at..];
                        let day_at = rest.find("day:").unwrap() + 4;
                        rest[day_at..]
                            .split([',', ')'])
                            .next()
                            .unwrap()
                            .parse()
                            .unwrap()
                    };
                    let (first, last) = (day("start:("), day("end:("));
                    if last - first >= 2 {
                        walk.take(Err(refusal()));
                    } else {
                        let elements: Vec<Value> = (first..=last).rev().map(day_row).collect();
                        walk.take(Ok(answer(json!({"elements": elements}))));
                    }
                }
                ReportStep::Failed(err) => panic!("{err}"),
                ReportStep::Done => break,
            }
        }
        assert_eq!(days, [1.0, 2.0, 3.0, 4.0]);
        assert_eq!(sent, 3); // 1..4 refused, 1..2, 3..4
    }

    #[test]
    fn a_refused_single_bucket_is_the_row_cap_error() {
        let d = Date::new(2024, 1, 1).unwrap();
        let report = Report::analytics(Pivot::Campaign, d, d)
            .granularity(TimeGranularity::Daily)
            .accounts([1.into()])
            .metrics([Metric::Clicks]);
        let mut walk = ReportWalk::new(&report);
        assert!(matches!(walk.step(), ReportStep::Send(_)));
        walk.take(Err(refusal()));
        let ReportStep::Failed(err) = walk.step() else {
            panic!("the cap error")
        };
        assert!(matches!(err, Error::Resource(_)), "{err:?}");
        assert!(matches!(walk.step(), ReportStep::Done));
    }

    #[test]
    fn another_error_ends_the_walk_after_the_rows_before_it() {
        let mut walk =
            ReportWalk::from_plan(report().plan(3).unwrap().estimated_rows_per_bucket(1));
        assert!(matches!(walk.step(), ReportStep::Send(_)));
        walk.take(Ok(answer(json!({"elements": [day_row(1), day_row(2)]}))));
        assert!(matches!(walk.step(), ReportStep::Row(_)));
        assert!(matches!(walk.step(), ReportStep::Row(_)));
        assert!(matches!(walk.step(), ReportStep::Send(_)));
        walk.take(Err(Error::from(crate::TokenError::Missing)));
        assert!(matches!(walk.step(), ReportStep::Failed(Error::Token(_))));
        assert!(matches!(walk.step(), ReportStep::Done));
        assert!(format!("{walk:?}").contains("ReportWalk"));
    }
}
