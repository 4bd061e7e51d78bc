//! Deduplication of redelivered notifications.
//!
//! LinkedIn may deliver a notification more than once (and retries failed
//! deliveries), with the same notification id. [`Deduplicator`] remembers the
//! ids it has seen for a time-to-live, within a fixed capacity, in memory.
//! It never reads the clock: every call takes `now`.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// A bounded, in-memory set of recently seen notification ids.
///
/// [`first_seen`](Deduplicator::first_seen) says whether an id is new within
/// the TTL. At most `capacity` ids are kept; when full, the oldest is
/// forgotten first. Operations are O(1) amortized (a `HashMap` plus a
/// `VecDeque` in arrival order), except [`forget`](Deduplicator::forget),
/// which is O(n).
///
/// Pass a monotonic `now` (`Instant::now()` in a server). It lives in one
/// process: receivers behind a load balancer need a shared store instead.
///
/// ```
/// use std::time::{Duration, Instant};
/// use linkedin_webhooks::Deduplicator;
///
/// let mut seen = Deduplicator::new(10_000, Duration::from_secs(24 * 3600));
/// let now = Instant::now();
/// assert!(seen.first_seen("5603453321", now));
/// assert!(!seen.first_seen("5603453321", now + Duration::from_secs(60)));
/// assert!(seen.first_seen("5603453321", now + Duration::from_secs(25 * 3600)));
/// ```
#[derive(Debug, Clone)]
pub struct Deduplicator {
    capacity: usize,
    ttl: Duration,
    /// Id to the time it was recorded.
    seen: HashMap<String, Instant>,
    /// The same ids in recording order (oldest first).
    order: VecDeque<(Instant, String)>,
}

impl Deduplicator {
    /// Remembers up to `capacity` ids, each for `ttl`. A capacity of 0
    /// remembers nothing (every id is first seen).
    ///
    /// Choose the TTL longer than LinkedIn's redelivery window (it retries
    /// failed deliveries for hours), and the capacity above the number of
    /// notifications you expect in a TTL.
    ///
    /// ```
    /// use std::time::Duration;
    /// use linkedin_webhooks::Deduplicator;
    ///
    /// let seen = Deduplicator::new(1_000, Duration::from_secs(3600));
    /// assert!(seen.is_empty());
    /// ```
    pub fn new(capacity: usize, ttl: Duration) -> Self {
        Self {
            capacity,
            ttl,
            seen: HashMap::new(),
            order: VecDeque::new(),
        }
    }

    /// Returns `true` if `id` was not seen within the TTL before `now`, and
    /// records it; `false` for a duplicate (the recorded time is not renewed,
    /// so the TTL counts from the first delivery).
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use linkedin_webhooks::{Deduplicator, NotificationId};
    ///
    /// let mut seen = Deduplicator::new(2, Duration::from_secs(60));
    /// let t = Instant::now();
    /// let id = NotificationId::new("1");
    /// assert!(seen.first_seen(&id, t));
    /// assert!(!seen.first_seen(&id, t));
    /// assert!(seen.first_seen("2", t));
    /// assert!(seen.first_seen("3", t)); // full: "1", the oldest, is evicted
    /// assert!(seen.first_seen(&id, t));
    /// ```
    pub fn first_seen(&mut self, id: impl AsRef<str>, now: Instant) -> bool {
        let id = id.as_ref();
        self.purge_expired(now);
        if let Some(&recorded) = self.seen.get(id) {
            if !self.expired(recorded, now) {
                return false;
            }
            // Only reachable when `now` went backwards past newer entries.
            self.forget(id);
        }
        if self.capacity == 0 {
            return true;
        }
        while self.seen.len() >= self.capacity {
            match self.order.pop_front() {
                Some((_, oldest)) => {
                    self.seen.remove(&oldest);
                }
                None => break,
            }
        }
        self.seen.insert(id.to_owned(), now);
        self.order.push_back((now, id.to_owned()));
        true
    }

    /// Forgets `id`, so its next delivery counts as first seen: call it when
    /// processing a notification failed and you answer LinkedIn with an error
    /// so that it retries. O(n).
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use linkedin_webhooks::Deduplicator;
    ///
    /// let mut seen = Deduplicator::new(10, Duration::from_secs(60));
    /// let t = Instant::now();
    /// assert!(seen.first_seen("1", t));
    /// seen.forget("1");
    /// assert!(seen.first_seen("1", t));
    /// ```
    pub fn forget(&mut self, id: impl AsRef<str>) {
        let id = id.as_ref();
        if self.seen.remove(id).is_some() {
            self.order.retain(|(_, recorded)| recorded != id);
        }
    }

    /// Number of ids currently remembered (expired ones may linger until the next call).
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use linkedin_webhooks::Deduplicator;
    ///
    /// let mut seen = Deduplicator::new(10, Duration::from_secs(60));
    /// seen.first_seen("1", Instant::now());
    /// assert_eq!(seen.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// Whether no id is remembered.
    ///
    /// ```
    /// use std::time::Duration;
    /// use linkedin_webhooks::Deduplicator;
    ///
    /// assert!(Deduplicator::new(10, Duration::from_secs(60)).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    fn expired(&self, recorded: Instant, now: Instant) -> bool {
        now.saturating_duration_since(recorded) >= self.ttl
    }

    /// Drops expired ids from the old end.
    fn purge_expired(&mut self, now: Instant) {
        while let Some((recorded, _)) = self.order.front() {
            if !self.expired(*recorded, now) {
                break;
            }
            if let Some((_, id)) = self.order.pop_front() {
                self.seen.remove(&id);
            }
        }
    }
}
