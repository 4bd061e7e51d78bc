//! Calendar dates as the Ads Reporting API writes them
//! (`(year:2021,month:1,day:1)`), and the bucket arithmetic of a time
//! granularity.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::AnalyticsError;

/// A calendar date (proleptic Gregorian, years 1 to 9999), written
/// `{"year": .., "month": .., "day": ..}`.
///
/// ```
/// use linkedin::resources::analytics::Date;
/// let date = Date::new(2024, 2, 29)?;
/// assert_eq!(date.to_string(), "2024-02-29");
/// assert!(Date::new(2023, 2, 29).is_err());
/// assert_eq!("2024-02-29".parse::<Date>()?, date);
/// # Ok::<(), linkedin::resources::analytics::AnalyticsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Date {
    /// The year (1 to 9999). Declared first: dates order by year, month,
    /// day.
    pub year: u16,
    /// The month (1 to 12).
    pub month: u8,
    /// The day of the month (1 to 31).
    pub day: u8,
}

impl Date {
    /// A date, checked.
    ///
    /// ```
    /// assert!(linkedin::resources::analytics::Date::new(2024, 13, 1).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// [`AnalyticsError::BadDate`] for a date that does not exist.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, AnalyticsError> {
        if !(1..=9999).contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
        {
            return Err(AnalyticsError::BadDate {
                found: format!("{year:04}-{month:02}-{day:02}"),
            });
        }
        Ok(Date { year, month, day })
    }

    /// Whether the fields make a real date (a [`Date`] read from JSON is
    /// not checked until used).
    ///
    /// ```
    /// use linkedin::resources::analytics::Date;
    /// assert!(Date { year: 2024, month: 2, day: 30 }.check().is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// [`AnalyticsError::BadDate`].
    pub fn check(self) -> Result<Date, AnalyticsError> {
        Date::new(self.year, self.month, self.day)
    }

    /// Days since 0001-01-01 (that day is 0).
    pub(crate) fn ordinal(self) -> i64 {
        // Howard Hinnant's days-from-civil, shifted to start at year 1.
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 306
    }

    /// The date `ordinal` days after 0001-01-01, if in years 1 to 9999.
    pub(crate) fn from_ordinal(ordinal: i64) -> Option<Date> {
        let z = ordinal + 306;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
        .ok()
    }

    /// The next day, if any.
    pub(crate) fn succ(self) -> Option<Date> {
        Date::from_ordinal(self.ordinal() + 1)
    }

    /// The day before, if any.
    pub(crate) fn pred(self) -> Option<Date> {
        Date::from_ordinal(self.ordinal() - 1)
    }
}

/// The number of days of a month.
fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        _ => 28,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = AnalyticsError;

    /// Reads `YYYY-MM-DD`.
    fn from_str(text: &str) -> Result<Date, AnalyticsError> {
        let bad = || AnalyticsError::BadDate {
            found: text.chars().take(32).collect(),
        };
        let mut parts = text.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
            return Err(bad());
        }
        let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse()) else {
            return Err(bad());
        };
        Date::new(y, m, d).map_err(|_| bad())
    }
}

/// The dates a report or a row covers, both ends included (a row's `end` is
/// left out by LinkedIn for an open range).
///
/// ```
/// use linkedin::resources::analytics::{Date, DateRange};
/// let range: DateRange = serde_json::from_str(
///     r#"{"start": {"year": 2021, "month": 1, "day": 1}, "end": {"year": 2021, "month": 1, "day": 31}}"#,
/// )?;
/// assert_eq!(range.end, Some(Date::new(2021, 1, 31).unwrap()));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateRange {
    /// The first day.
    pub start: Date,
    /// The last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
}

/// How rows are bucketed in time (`timeGranularity`), as the Ads Reporting
/// page lists it.
///
/// ```
/// use linkedin::resources::analytics::TimeGranularity;
/// assert_eq!("MONTHLY".parse::<TimeGranularity>()?, TimeGranularity::Monthly);
/// assert!("WEEKLY".parse::<TimeGranularity>().is_err());
/// # Ok::<(), linkedin::resources::analytics::AnalyticsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeGranularity {
    /// One bucket for the whole range.
    All,
    /// One bucket a day.
    Daily,
    /// One bucket a calendar month.
    Monthly,
    /// One bucket a calendar year.
    Yearly,
}

impl TimeGranularity {
    /// The value as LinkedIn writes it.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::analytics::TimeGranularity::Daily.as_str(), "DAILY");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            TimeGranularity::All => "ALL",
            TimeGranularity::Daily => "DAILY",
            TimeGranularity::Monthly => "MONTHLY",
            TimeGranularity::Yearly => "YEARLY",
        }
    }

    /// The first day of the bucket after the one holding `date` (`None` for
    /// [`All`](Self::All), or past year 9999).
    ///
    /// ```
    /// use linkedin::resources::analytics::{Date, TimeGranularity};
    /// let d = Date::new(2024, 1, 15)?;
    /// assert_eq!(TimeGranularity::Monthly.next_bucket(d), Some(Date::new(2024, 2, 1)?));
    /// assert_eq!(TimeGranularity::Yearly.next_bucket(d), Some(Date::new(2025, 1, 1)?));
    /// assert_eq!(TimeGranularity::Daily.next_bucket(d), Some(Date::new(2024, 1, 16)?));
    /// # Ok::<(), linkedin::resources::analytics::AnalyticsError>(())
    /// ```
    pub fn next_bucket(self, date: Date) -> Option<Date> {
        self.advance(date, 1)
    }

    /// The first day of the `n`th bucket after the one holding `date`.
    pub(crate) fn advance(self, date: Date, n: u64) -> Option<Date> {
        let n = i64::try_from(n).ok()?;
        match self {
            TimeGranularity::All => None,
            TimeGranularity::Daily => Date::from_ordinal(date.ordinal().checked_add(n)?),
            TimeGranularity::Monthly => {
                let months = i64::from(date.year) * 12 + i64::from(date.month) - 1 + n;
                let year = u16::try_from(months.div_euclid(12)).ok()?;
                let month = u8::try_from(months.rem_euclid(12) + 1).ok()?;
                Date::new(year, month, 1).ok()
            }
            TimeGranularity::Yearly => {
                let year = u16::try_from(i64::from(date.year) + n).ok()?;
                Date::new(year, 1, 1).ok()
            }
        }
    }

    /// How many buckets hold the days `start..=end` (1 for
    /// [`All`](Self::All)).
    pub(crate) fn buckets(self, start: Date, end: Date) -> u64 {
        let count = match self {
            TimeGranularity::All => 0,
            TimeGranularity::Daily => end.ordinal() - start.ordinal(),
            TimeGranularity::Monthly => {
                (i64::from(end.year) * 12 + i64::from(end.month))
                    - (i64::from(start.year) * 12 + i64::from(start.month))
            }
            TimeGranularity::Yearly => i64::from(end.year) - i64::from(start.year),
        };
        u64::try_from(count).unwrap_or(0).saturating_add(1)
    }
}

impl fmt::Display for TimeGranularity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for TimeGranularity {
    type Err = AnalyticsError;

    fn from_str(text: &str) -> Result<TimeGranularity, AnalyticsError> {
        Ok(match text {
            "ALL" => TimeGranularity::All,
            "DAILY" => TimeGranularity::Daily,
            "MONTHLY" => TimeGranularity::Monthly,
            "YEARLY" => TimeGranularity::Yearly,
            other => {
                return Err(AnalyticsError::UnknownGranularity {
                    found: other.chars().take(32).collect(),
                });
            }
        })
    }
}

impl Serialize for TimeGranularity {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
