//! Behaviour of the deduplication helper. Time is passed in; the tests use
//! offsets from one `Instant`.

use std::time::{Duration, Instant};

use linkedin_webhooks::{Deduplicator, NotificationId};

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

#[test]
fn first_seen_within_ttl() {
    let base = Instant::now();
    let ttl = secs(10);
    let mut seen = Deduplicator::new(10, ttl);
    assert!(seen.first_seen("a", base));
    assert!(!seen.first_seen("a", base));
    assert!(!seen.first_seen("a", base + ttl - Duration::from_nanos(1)));
    // The TTL counts from the first delivery, not renewed by duplicates.
    assert!(seen.first_seen("a", base + ttl));
    assert!(!seen.first_seen("a", base + ttl + secs(1)));
    assert!(seen.first_seen("b", base + ttl + secs(1)));
}

#[test]
fn expired_ids_are_dropped() {
    let base = Instant::now();
    let mut seen = Deduplicator::new(100, secs(10));
    for i in 0..50 {
        assert!(seen.first_seen(i.to_string(), base));
    }
    assert_eq!(seen.len(), 50);
    assert!(seen.first_seen("late", base + secs(11)));
    assert_eq!(seen.len(), 1);
}

#[test]
fn full_evicts_the_oldest() {
    let base = Instant::now();
    let mut seen = Deduplicator::new(3, secs(1000));
    for (i, id) in ["a", "b", "c", "d"].into_iter().enumerate() {
        assert!(seen.first_seen(id, base + secs(i as u64)));
    }
    assert_eq!(seen.len(), 3);
    assert!(!seen.first_seen("b", base + secs(5)));
    assert!(!seen.first_seen("d", base + secs(5)));
    assert!(seen.first_seen("a", base + secs(5))); // evicts "b"
    assert!(seen.first_seen("b", base + secs(6)));
    assert_eq!(seen.len(), 3);
}

#[test]
fn memory_stays_bounded() {
    let base = Instant::now();
    let mut seen = Deduplicator::new(64, secs(1_000_000));
    for i in 0..10_000_u64 {
        assert!(seen.first_seen(NotificationId::from(i), base + Duration::from_millis(i)));
        assert!(seen.len() <= 64);
    }
}

#[test]
fn zero_capacity_remembers_nothing() {
    let mut seen = Deduplicator::new(0, secs(100));
    let now = Instant::now();
    assert!(seen.first_seen("a", now));
    assert!(seen.first_seen("a", now));
    assert!(seen.is_empty());
}

#[test]
fn forget_allows_a_retry() {
    let now = Instant::now();
    let mut seen = Deduplicator::new(2, secs(100));
    assert!(seen.first_seen("a", now));
    assert!(seen.first_seen("b", now));
    seen.forget("a");
    seen.forget("never-seen");
    assert_eq!(seen.len(), 1);
    assert!(seen.first_seen("a", now));
    assert!(!seen.first_seen("b", now));
    // Still bounded after forget + reinsert.
    assert!(seen.first_seen("c", now));
    assert_eq!(seen.len(), 2);
}

#[test]
fn time_going_backwards_is_not_a_problem() {
    let base = Instant::now() + secs(1000);
    let ttl = secs(10);
    let mut seen = Deduplicator::new(10, ttl);
    assert!(seen.first_seen("new", base + secs(100)));
    assert!(seen.first_seen("old", base));
    // "old" has expired at base+50 although "new", ahead of it, has not.
    assert!(seen.first_seen("old", base + secs(50)));
    assert_eq!(seen.len(), 2);
    assert!(!seen.first_seen("new", base));
    assert!(!seen.first_seen("old", base + secs(55)));
}
