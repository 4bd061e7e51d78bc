//! How often, and for how long, an upload's processing status is asked for.

use std::time::Duration;

use super::MediaError;

/// How the status is polled after the bytes are up: the first GET at once,
/// then after `first`, doubling up to `max` between GETs, giving up
/// `timeout` after the first.
///
/// LinkedIn's pages do not say how long processing takes or how often to
/// ask; the defaults (1 s doubling to 15 s, 10 minutes in all) ask about
/// 45 times in 10 minutes at most.
///
/// ```
/// use linkedin::resources::media::Polling;
/// use std::time::Duration;
///
/// let polling = Polling::new().timeout(Duration::from_secs(60))?;
/// assert_eq!(polling.delay(0), Duration::from_secs(1));
/// assert_eq!(polling.delay(10), Duration::from_secs(15));
/// assert!(Polling::new().timeout(Duration::from_secs(2 * 86_400)).is_err());
/// # Ok::<(), linkedin::resources::media::MediaError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Polling {
    pub(super) first: Duration,
    pub(super) max: Duration,
    pub(super) timeout: Duration,
}

impl Default for Polling {
    fn default() -> Self {
        Polling {
            first: Duration::from_secs(1),
            max: Duration::from_secs(15),
            timeout: Duration::from_secs(600),
        }
    }
}

impl Polling {
    /// 1 s doubling to 15 s between GETs, for at most 10 minutes.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::media::Polling::new().timeout_value().as_secs(), 600);
    /// ```
    pub fn new() -> Self {
        Polling::default()
    }

    /// Gives up this long after the first GET (at most 24 hours).
    ///
    /// ```
    /// use std::time::Duration;
    /// assert!(linkedin::resources::media::Polling::new().timeout(Duration::from_secs(3600)).is_ok());
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::Option`] over 24 hours.
    pub fn timeout(mut self, timeout: Duration) -> Result<Self, MediaError> {
        if timeout > Duration::from_secs(86_400) {
            return Err(MediaError::Option {
                name: "polling timeout (seconds)",
                bounds: "at most 86400",
                value: timeout.as_secs(),
            });
        }
        self.timeout = timeout;
        Ok(self)
    }

    /// The wait after the first GET (at least 100 ms, so LinkedIn is never
    /// asked in a tight loop), and the cap of every wait (`max` at least
    /// `first`, at most 10 minutes).
    ///
    /// ```
    /// use std::time::Duration;
    /// let polling = linkedin::resources::media::Polling::new()
    ///     .delays(Duration::from_millis(500), Duration::from_secs(4))?;
    /// assert_eq!(polling.delay(1), Duration::from_secs(1));
    /// # Ok::<(), linkedin::resources::media::MediaError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::Option`] for a `first` under 100 ms, a `max` under
    /// `first` or over 10 minutes.
    pub fn delays(mut self, first: Duration, max: Duration) -> Result<Self, MediaError> {
        if first < Duration::from_millis(100) {
            return Err(MediaError::Option {
                name: "polling first delay (milliseconds)",
                bounds: "at least 100",
                value: u64::try_from(first.as_millis()).unwrap_or(u64::MAX),
            });
        }
        if max < first || max > Duration::from_secs(600) {
            return Err(MediaError::Option {
                name: "polling max delay (milliseconds)",
                bounds: "at least the first delay and at most 600000",
                value: u64::try_from(max.as_millis()).unwrap_or(u64::MAX),
            });
        }
        self.first = first;
        self.max = max;
        Ok(self)
    }

    /// The timeout.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::media::Polling::new().timeout_value().as_secs(), 600);
    /// ```
    pub fn timeout_value(&self) -> Duration {
        self.timeout
    }

    /// The wait after GET number `polls` (from 0) that found the media not
    /// ready yet.
    ///
    /// ```
    /// use std::time::Duration;
    /// assert_eq!(linkedin::resources::media::Polling::new().delay(2), Duration::from_secs(4));
    /// ```
    pub fn delay(&self, polls: u32) -> Duration {
        self.first
            .saturating_mul(1u32 << polls.min(20))
            .min(self.max)
    }
}
