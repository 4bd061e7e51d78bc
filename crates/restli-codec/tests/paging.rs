//! Paging decisions: the rules one by one, and a property over adversarial
//! servers (no window is requested twice, paging always terminates).

use std::collections::HashSet;

use proptest::prelude::*;
use restli_codec::paging::{Pager, Paging, PagingError, Window};

fn w(start: u64, count: u64) -> Option<Window> {
    Some(Window { start, count })
}

fn p(start: u64, count: u64, total: Option<u64>) -> Paging {
    Paging::new(start, count, total)
}

#[test]
fn first_window_is_the_requests() {
    let pager = Pager::new(40, 20);
    assert_eq!(pager.window(), w(40, 20));
    assert!(!pager.is_done());
    assert_eq!(pager.pages(), 0);
}

#[test]
fn next_start_is_start_plus_count_even_for_short_pages() {
    // LinkedIn may return fewer than `count` elements mid-collection.
    let mut pager = Pager::new(0, 10);
    assert_eq!(pager.advance(Some(&p(0, 10, None)), 7).unwrap(), w(10, 10));
    assert_eq!(pager.advance(Some(&p(10, 10, None)), 3).unwrap(), w(20, 10));
    assert_eq!(pager.advance(Some(&p(20, 10, None)), 0).unwrap(), None);
    assert!(pager.is_done());
    assert_eq!(pager.pages(), 3);
}

#[test]
fn short_pages_end_paging_when_asked() {
    let mut pager = Pager::new(0, 10).stop_on_short_page(true);
    assert_eq!(pager.advance(Some(&p(0, 10, None)), 10).unwrap(), w(10, 10));
    assert_eq!(pager.advance(Some(&p(10, 10, None)), 9).unwrap(), None);
}

#[test]
fn total_ends_paging() {
    let table = [
        // (start, count, total, returned, expected next)
        (0, 10, 25, 10, w(10, 10)),
        (10, 10, 20, 10, None),
        (10, 10, 19, 9, None),
        (0, 10, 0, 0, None),
        (0, 10, 5, 5, None),
    ];
    for (start, count, total, returned, expected) in table {
        let mut pager = Pager::new(start, count);
        assert_eq!(
            pager
                .advance(Some(&p(start, count, Some(total))), returned)
                .unwrap(),
            expected,
            "start {start} total {total}"
        );
    }
}

#[test]
fn empty_page_ends_paging_even_below_total() {
    let mut pager = Pager::new(0, 10);
    assert_eq!(pager.advance(Some(&p(0, 10, Some(1000))), 0).unwrap(), None);
}

#[test]
fn server_start_going_backwards_is_an_error() {
    let mut pager = Pager::new(0, 10);
    pager.advance(Some(&p(0, 10, None)), 10).unwrap();
    pager.advance(Some(&p(10, 10, None)), 10).unwrap();
    let err = pager.advance(Some(&p(5, 10, None)), 10).unwrap_err();
    assert_eq!(
        err,
        PagingError::NoProgress {
            requested_start: 20,
            server_start: 5
        }
    );
    assert!(pager.is_done());
    assert_eq!(pager.advance(Some(&p(30, 10, None)), 10).unwrap(), None);
}

#[test]
fn server_repeating_the_same_start_is_an_error() {
    let mut pager = Pager::new(0, 10);
    pager.advance(Some(&p(0, 10, None)), 10).unwrap();
    assert!(matches!(
        pager.advance(Some(&p(0, 10, None)), 10),
        Err(PagingError::NoProgress {
            requested_start: 10,
            server_start: 0
        })
    ));
}

#[test]
fn server_start_ahead_of_the_request_is_followed() {
    let mut pager = Pager::new(0, 10);
    assert_eq!(
        pager.advance(Some(&p(50, 10, None)), 10).unwrap(),
        w(60, 10)
    );
}

#[test]
fn server_count_caps_the_step_but_never_widens_it() {
    let mut pager = Pager::new(0, 1000);
    assert_eq!(
        pager.advance(Some(&p(0, 100, None)), 100).unwrap(),
        w(100, 1000)
    );
    let mut pager = Pager::new(0, 10);
    assert_eq!(
        pager.advance(Some(&p(0, 100, None)), 10).unwrap(),
        w(10, 10)
    );
    // A server count of 0 is ignored.
    let mut pager = Pager::new(0, 10);
    assert_eq!(pager.advance(Some(&p(0, 0, None)), 4).unwrap(), w(10, 10));
}

#[test]
fn without_paging_the_requested_windows_are_followed() {
    let mut pager = Pager::new(5, 5);
    assert_eq!(pager.advance(None, 5).unwrap(), w(10, 5));
    assert_eq!(pager.advance(None, 2).unwrap(), w(15, 5));
    assert_eq!(pager.advance(None, 0).unwrap(), None);
}

#[test]
fn overflow_is_an_error_not_a_wrap() {
    let mut pager = Pager::new(u64::MAX - 5, 10);
    assert!(matches!(
        pager.advance(None, 10),
        Err(PagingError::Overflow { .. })
    ));
}

/// How an adversarial server reports `start` for a requested window.
#[derive(Debug, Clone)]
enum StartReport {
    Echo,
    Ahead(u64),
    Behind(u64),
    Fixed(u64),
    Missing,
}

#[derive(Debug, Clone)]
struct ServerPage {
    start: StartReport,
    count: u64,
    total: Option<u64>,
    returned: usize,
}

fn arb_page() -> impl Strategy<Value = ServerPage> {
    let start = prop_oneof![
        4 => Just(StartReport::Echo),
        1 => (0u64..50).prop_map(StartReport::Ahead),
        1 => (0u64..50).prop_map(StartReport::Behind),
        1 => prop_oneof![Just(0u64), Just(u64::MAX), any::<u64>()].prop_map(StartReport::Fixed),
        1 => Just(StartReport::Missing),
    ];
    let count = prop_oneof![Just(0u64), 1u64..30, Just(u64::MAX)];
    let total = prop_oneof![Just(None), (0u64..300).prop_map(Some), Just(Some(u64::MAX))];
    (start, count, total, 0usize..40).prop_map(|(start, count, total, returned)| ServerPage {
        start,
        count,
        total,
        returned,
    })
}

proptest! {
    #[test]
    fn adversarial_servers_never_get_a_window_twice_and_paging_terminates(
        start in prop_oneof![Just(0u64), 0u64..1000, Just(u64::MAX - 3)],
        count in prop_oneof![Just(0u64), 1u64..50, Just(u64::MAX)],
        short_pages in any::<bool>(),
        script in proptest::collection::vec(arb_page(), 0..40),
    ) {
        let mut pager = Pager::new(start, count).stop_on_short_page(short_pages);
        let mut seen = HashSet::new();
        let mut requests = 0usize;
        let mut last_start = None;
        while let Some(window) = pager.window() {
            requests += 1;
            // Every script page is answered once; after that, the server has
            // nothing more: an empty page.
            prop_assert!(requests <= script.len() + 1, "paging did not terminate");
            prop_assert!(seen.insert(window), "window {:?} requested twice", window);
            if let Some(last) = last_start {
                prop_assert!(window.start > last, "windows must move forward");
            }
            last_start = Some(window.start);
            prop_assert_eq!(window.count, count);

            let page = script.get(requests - 1).cloned().unwrap_or(ServerPage {
                start: StartReport::Echo,
                count: window.count,
                total: None,
                returned: 0,
            });
            let reported = match page.start {
                StartReport::Echo => Some(window.start),
                StartReport::Ahead(d) => Some(window.start.saturating_add(d)),
                StartReport::Behind(d) => Some(window.start.saturating_sub(d)),
                StartReport::Fixed(s) => Some(s),
                StartReport::Missing => None,
            };
            let paging = reported.map(|s| Paging::new(s, page.count, page.total));
            match pager.advance(paging.as_ref(), page.returned) {
                Ok(Some(next)) => {
                    prop_assert!(page.returned > 0);
                    if let Some(total) = page.total.filter(|_| paging.is_some()) {
                        prop_assert!(next.start < total);
                    }
                }
                Ok(None) | Err(_) => prop_assert!(pager.is_done()),
            }
        }
        prop_assert!(pager.is_done());
    }
}
