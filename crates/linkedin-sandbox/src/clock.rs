//! The sandbox's clock: real time plus an offset that tests move forward
//! with [`Sandbox::advance_clock`](crate::Sandbox::advance_clock).
//!
//! Everything that expires (authorization codes, access and refresh tokens,
//! rate-limit windows) reads this clock, so a test can jump over a token's
//! lifetime instead of sleeping through it.

use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use crate::lock;

/// Real time shifted by an offset that only grows.
#[derive(Debug, Default)]
pub(crate) struct Clock {
    offset: Mutex<Duration>,
}

impl Clock {
    /// The sandbox's current time.
    pub(crate) fn now(&self) -> SystemTime {
        self.at(SystemTime::now())
    }

    /// The sandbox's time when the real time is `real`: `real` plus the
    /// offset (what [`now`](Clock::now) reads, with the real time passed in).
    fn at(&self, real: SystemTime) -> SystemTime {
        real + *lock(&self.offset)
    }

    /// Moves the clock forward.
    pub(crate) fn advance(&self, by: Duration) {
        let mut offset = lock(&self.offset);
        *offset = offset.saturating_add(by);
    }
}

/// Whole seconds since the Unix epoch (0 before it).
pub(crate) fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Whole seconds from `now` until `later`, rounded up (0 if already past).
pub(crate) fn seconds_until(now: SystemTime, later: SystemTime) -> u64 {
    later
        .duration_since(now)
        .map(|d| d.as_secs() + u64::from(d.subsec_nanos() > 0))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The real time held still, so the advance is exact.
    #[test]
    fn advancing_moves_now_forward() {
        let clock = Clock::default();
        let real = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(clock.at(real), real, "no offset before any advance");
        clock.advance(Duration::from_secs(3600));
        assert_eq!(clock.at(real), real + Duration::from_secs(3600));
        clock.advance(Duration::from_millis(1500));
        assert_eq!(clock.at(real), real + Duration::from_millis(3_601_500));
        // `now` reads the same offset over the real time.
        let before = SystemTime::now();
        let now = clock.now();
        let after = SystemTime::now();
        let offset = Duration::from_millis(3_601_500);
        assert!(before + offset <= now && now <= after + offset);
    }

    #[test]
    fn seconds_round_up() {
        let now = SystemTime::UNIX_EPOCH;
        assert_eq!(seconds_until(now, now + Duration::from_millis(1500)), 2);
        assert_eq!(seconds_until(now + Duration::from_secs(5), now), 0);
        assert_eq!(unix_seconds(now + Duration::from_secs(7)), 7);
    }
}
