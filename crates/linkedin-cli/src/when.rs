//! Times for people: local dates and "in 59 days", never epoch seconds.

use std::time::{Duration, SystemTime};

/// `at` as a local date and time, e.g. `2026-01-30 14:05 CET`, in the
/// system's time zone (UTC when it cannot be determined).
pub fn local_date(at: SystemTime) -> String {
    match jiff::Timestamp::try_from(at) {
        Ok(ts) => ts
            .to_zoned(jiff::tz::TimeZone::system())
            .strftime("%Y-%m-%d %H:%M %Z")
            .to_string(),
        // Out of jiff's range (years beyond 9999): say so rather than fail.
        Err(_) => "a date out of range".to_owned(),
    }
}

/// "in 59 days" for a future `at`, "3 minutes ago" for a past one.
pub fn relative(at: SystemTime, now: SystemTime) -> String {
    match at.duration_since(now) {
        Ok(ahead) => format!("in {}", span(ahead)),
        Err(behind) => format!("{} ago", span(behind.duration())),
    }
}

/// "59 days", "3 hours", "12 minutes", "1 second".
pub fn span(d: Duration) -> String {
    let secs = d.as_secs();
    let (n, unit) = match secs {
        s if s >= 2 * 86_400 => (s / 86_400, "day"),
        s if s >= 2 * 3_600 => (s / 3_600, "hour"),
        s if s >= 120 => (s / 60, "minute"),
        s => (s, "second"),
    };
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// Seconds since the epoch, for JSON output (scripts want numbers).
pub fn unix(at: SystemTime) -> u64 {
    at.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn spans_read_as_words() {
        assert_eq!(span(Duration::from_secs(59 * 86_400 + 10)), "59 days");
        assert_eq!(span(Duration::from_secs(3 * 3_600)), "3 hours");
        assert_eq!(span(Duration::from_secs(600)), "10 minutes");
        assert_eq!(span(Duration::from_secs(1)), "1 second");
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert_eq!(relative(now + Duration::from_secs(5), now), "in 5 seconds");
        assert_eq!(
            relative(now - Duration::from_secs(300), now),
            "5 minutes ago"
        );
    }

    #[test]
    fn dates_are_calendar_dates() {
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_113_188);
        let text = local_date(at);
        // 2026-12-01 in every time zone.
        assert!(text.starts_with("2026-1"), "{text}");
        assert!(!text.contains("1796113188"));
    }

    proptest! {
        #[test]
        fn any_time_is_printable(secs in 0u64..=u64::MAX / 2) {
            let at = SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(secs));
            if let Some(at) = at {
                let _ = local_date(at);
                let _ = relative(at, SystemTime::UNIX_EPOCH);
            }
        }
    }
}
