//! Calendar days as day numbers (days since 1970-01-01, proleptic
//! Gregorian), so ranges and buckets are integer arithmetic.

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Ymd {
    pub(crate) year: i64,
    pub(crate) month: u32,
    pub(crate) day: u32,
}

/// Whether `year` is a leap year.
fn leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days of a month (0 for a month that does not exist).
pub(crate) fn month_len(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Ymd {
    /// The date, if it is a real day of a year from 1 to 9999.
    pub(crate) fn new(year: i64, month: u32, day: u32) -> Option<Ymd> {
        ((1..=9999).contains(&year) && day >= 1 && day <= month_len(year, month)).then_some(Ymd {
            year,
            month,
            day,
        })
    }

    /// Days since 1970-01-01 (negative before it).
    pub(crate) fn to_days(self) -> i64 {
        // Shift the year to start in March so the leap day comes last.
        let (year, month) = if self.month <= 2 {
            (self.year - 1, i64::from(self.month) + 9)
        } else {
            (self.year, i64::from(self.month) - 3)
        };
        let era = year.div_euclid(400);
        let year_of_era = year.rem_euclid(400);
        let day_of_year = (153 * month + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub(crate) fn from_days(days: i64) -> Ymd {
        let shifted = days + 719_468;
        let era = shifted.div_euclid(146_097);
        let day_of_era = shifted.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_index + 2) / 5 + 1;
        let month = if month_index < 10 {
            month_index + 3
        } else {
            month_index - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Ymd {
            year,
            month: u32::try_from(month).unwrap_or(1),
            day: u32::try_from(day).unwrap_or(1),
        }
    }

    /// The first day of this date's month.
    pub(crate) fn month_start(self) -> Ymd {
        Ymd { day: 1, ..self }
    }

    /// The last day of this date's month.
    pub(crate) fn month_end(self) -> Ymd {
        Ymd {
            day: month_len(self.year, self.month),
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_days() {
        assert_eq!(Ymd::new(1970, 1, 1).unwrap().to_days(), 0);
        assert_eq!(Ymd::new(2024, 1, 1).unwrap().to_days(), 19_723);
        assert_eq!(
            Ymd::new(2024, 3, 1).unwrap().to_days() - Ymd::new(2024, 2, 28).unwrap().to_days(),
            2
        );
        assert_eq!(Ymd::new(2023, 2, 29), None);
        assert_eq!(Ymd::new(2024, 13, 1), None);
        assert_eq!(Ymd::new(2024, 2, 10).unwrap().month_end().day, 29);
    }

    proptest! {
        #[test]
        fn days_round_trip(days in -700_000i64..2_900_000) {
            let date = Ymd::from_days(days);
            prop_assert!(Ymd::new(date.year, date.month, date.day).is_some());
            prop_assert_eq!(date.to_days(), days);
        }
    }
}
