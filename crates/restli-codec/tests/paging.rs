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

// Cursor paging: LinkedIn's "Cursor Based Pagination",
// https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/cursor-based-pagination
// (adAccounts, adCampaignGroups, adCampaigns, adCreatives search since
// 202401: `pageSize` and `pageToken` in, `metadata.nextPageToken` out, no
// `paging` block; the last page has no `nextPageToken`).
mod cursor {
    use std::collections::HashSet;

    use proptest::prelude::*;
    use restli_codec::Request;
    use restli_codec::paging::{Pagination, PagingError};
    use restli_codec::response::CollectionResponse;
    use serde_json::{Value, json};

    fn page(body: Value) -> CollectionResponse {
        let response = http::Response::builder()
            .status(200)
            .body(serde_json::to_vec(&body).unwrap())
            .unwrap();
        CollectionResponse::from_http(response, "/rest/adAccounts").unwrap()
    }

    fn query(pagination: &Pagination) -> Option<String> {
        pagination.next_request().map(|r| r.query().to_string())
    }

    fn search() -> restli_codec::Finder {
        Request::finder("/adAccounts", "search").param("search", &json!({"test": false}))
    }

    /// This re-read page one forever: the server ignores `start` and sends
    /// no `paging`, only a `nextPageToken`.
    #[test]
    fn a_next_page_token_switches_to_cursor_paging_and_its_absence_ends_it() {
        let mut pagination = Pagination::new(search(), 100).unwrap();
        assert_eq!(
            query(&pagination).unwrap(),
            "count=100&q=search&search=(test:false)&start=0"
        );
        pagination
            .advance(&page(
                json!({"elements": [{"id": 1}], "metadata": {"nextPageToken": "DgEDAQAAAA"}}),
            ))
            .unwrap();
        assert!(pagination.is_cursor());
        assert_eq!(
            query(&pagination).unwrap(),
            "pageSize=100&pageToken=DgEDAQAAAA&q=search&search=(test:false)"
        );
        pagination
            .advance(&page(
                json!({"elements": [{"id": 2}], "metadata": {"nextPageToken": "EgEDAQAAAA"}}),
            ))
            .unwrap();
        assert_eq!(
            query(&pagination).unwrap(),
            "pageSize=100&pageToken=EgEDAQAAAA&q=search&search=(test:false)"
        );
        pagination
            .advance(&page(json!({"elements": [{"id": 3}], "metadata": {}})))
            .unwrap();
        assert_eq!(query(&pagination), None);
        assert_eq!(pagination.pages(), 3);
    }

    #[test]
    fn a_single_cursor_page_ends_paging() {
        let mut pagination = Pagination::new(search(), 10).unwrap();
        pagination
            .advance(&page(json!({"elements": [{"id": 1}], "metadata": {}})))
            .unwrap();
        assert_eq!(query(&pagination), None);
        let mut pagination = Pagination::new(search(), 10).unwrap();
        pagination
            .advance(&page(json!({"elements": [{"id": 1}]})))
            .unwrap();
        assert_eq!(query(&pagination), None);
    }

    #[test]
    fn a_request_with_page_size_or_token_is_cursor_from_the_start() {
        let pagination = Pagination::new(search().param("pageSize", &25).page(40, 5), 10).unwrap();
        assert!(pagination.is_cursor());
        assert_eq!(
            query(&pagination).unwrap(),
            "pageSize=25&q=search&search=(test:false)"
        );
        let mut pagination = Pagination::new(search().param("pageToken", "abc"), 10).unwrap();
        assert_eq!(
            query(&pagination).unwrap(),
            "pageSize=10&pageToken=abc&q=search&search=(test:false)"
        );
        // The request's own token coming back is a repeat.
        let err = pagination
            .advance(&page(
                json!({"elements": [1], "metadata": {"nextPageToken": "abc"}}),
            ))
            .unwrap_err();
        assert!(matches!(err, PagingError::RepeatedToken { .. }), "{err}");
    }

    #[test]
    fn a_repeated_token_is_an_error_not_a_loop() {
        let mut pagination = Pagination::new(search(), 10).unwrap();
        let lying = page(json!({"elements": [1], "metadata": {"nextPageToken": "same"}}));
        pagination.advance(&lying).unwrap();
        let err = pagination.advance(&lying).unwrap_err();
        assert_eq!(
            err,
            PagingError::RepeatedToken {
                token: "\"same\"".into(),
                len: 4,
                pages: 2
            }
        );
        assert_eq!(query(&pagination), None);
        // A huge token is quoted in part only.
        let huge = "t".repeat(100_000);
        let mut pagination = Pagination::new(search().param("pageToken", &huge), 10).unwrap();
        let err = pagination
            .advance(&page(
                json!({"elements": [1], "metadata": {"nextPageToken": huge}}),
            ))
            .unwrap_err();
        assert!(err.to_string().len() < 400);
    }

    #[test]
    fn the_token_is_read_whatever_the_metadata_type() {
        #[derive(serde::Deserialize)]
        struct Typed {
            #[allow(dead_code)]
            total: Option<u64>,
        }
        let response = http::Response::builder()
            .status(200)
            .body(br#"{"elements": [], "metadata": {"nextPageToken": "x", "total": 3}}"#.to_vec())
            .unwrap();
        let page = CollectionResponse::<Value, Typed>::from_http(response, "/x").unwrap();
        assert_eq!(page.next_page_token(), Some("x"));
        let response = http::Response::builder()
            .status(200)
            .body(br#"{"elements": [], "metadata": "not an object"}"#.to_vec())
            .unwrap();
        let page = CollectionResponse::<Value, Value>::from_http(response, "/x").unwrap();
        assert_eq!(page.next_page_token(), None);
    }

    /// One answer of a scripted server: index-style (`paging`, its `start`
    /// honest or not) or cursor-style (a token from a tiny alphabet, so
    /// that lying servers repeat themselves), with some elements.
    #[derive(Debug, Clone)]
    enum Answer {
        Index {
            start_delta: i64,
            count: u64,
            total: Option<u64>,
            elements: usize,
        },
        NoPaging {
            elements: usize,
        },
        Cursor {
            token: Option<u8>,
            elements: usize,
        },
    }

    fn answer() -> impl Strategy<Value = Answer> {
        prop_oneof![
            (-5i64..5, 0u64..20, prop::option::of(0u64..200), 0usize..12).prop_map(
                |(start_delta, count, total, elements)| Answer::Index {
                    start_delta,
                    count,
                    total,
                    elements
                }
            ),
            (0usize..12).prop_map(|elements| Answer::NoPaging { elements }),
            (prop::option::weighted(0.8, 0u8..6), 0usize..12)
                .prop_map(|(token, elements)| Answer::Cursor { token, elements }),
        ]
    }

    fn body(answer: &Answer, requested_start: u64) -> Value {
        let elements = |n: usize| (0..n).map(|i| json!({"id": i})).collect::<Vec<_>>();
        match answer {
            Answer::Index {
                start_delta,
                count,
                total,
                elements: n,
            } => {
                let start = requested_start.saturating_add_signed(*start_delta);
                let mut paging = json!({"start": start, "count": count, "links": []});
                if let Some(total) = total {
                    paging["total"] = json!(total);
                }
                json!({"elements": elements(*n), "paging": paging})
            }
            Answer::NoPaging { elements: n } => json!({"elements": elements(*n)}),
            Answer::Cursor { token, elements: n } => {
                let metadata = match token {
                    Some(t) => json!({"nextPageToken": format!("tok{t}")}),
                    None => json!({}),
                };
                json!({"elements": elements(*n), "metadata": metadata})
            }
        }
    }

    proptest! {
        /// Random servers of either scheme, honest or lying: no window and
        /// no token is requested twice, cursor requests never carry
        /// `start`/`count`, index requests never `pageToken`, and paging ends
        /// within the script (past it, the server only has empty pages).
        #[test]
        fn no_window_or_token_is_requested_twice_and_paging_ends(
            cursor_from_start in any::<bool>(),
            size in 1u64..20,
            script in prop::collection::vec(answer(), 0..30),
        ) {
            let request = if cursor_from_start {
                search().param("pageSize", &size)
            } else {
                search().page(0, size)
            };
            let mut pagination = Pagination::new(request, 10).unwrap();
            let mut seen = HashSet::new();
            let mut requests = 0usize;
            while let Some(next) = pagination.next_request() {
                requests += 1;
                prop_assert!(requests <= script.len() + 1, "paging did not end");
                let size_text = size.to_string();
                let q = next.query();
                let key = match q.get("pageToken") {
                    Some(token) => {
                        prop_assert!(q.get("start").is_none() && q.get("count").is_none());
                        prop_assert_eq!(q.get("pageSize"), Some(size_text.as_str()));
                        format!("token {token}")
                    }
                    None if q.get("pageSize").is_some() => {
                        prop_assert!(q.get("start").is_none() && q.get("count").is_none());
                        "first cursor page".to_owned()
                    }
                    None => {
                        prop_assert_eq!(q.get("count"), Some(size_text.as_str()));
                        format!("window {}", q.get("start").unwrap())
                    }
                };
                prop_assert!(seen.insert(key.clone()), "{} requested twice", key);
                let start: u64 = q.get("start").map_or(0, |s| s.parse().unwrap());
                let answer = script.get(requests - 1).cloned().unwrap_or(Answer::NoPaging { elements: 0 });
                match pagination.advance(&page(body(&answer, start))) {
                    Ok(()) => {}
                    Err(_) => prop_assert!(pagination.next_request().is_none()),
                }
            }
        }
    }
}

// What a walk yields before an error, decided once here and followed by
// both transports: a page's elements, then the error; only a page that
// repeats elements already yielded is dropped.
mod yield_rule {
    use restli_codec::Request;
    use restli_codec::paging::{PageStep, Pagination, PagingError};
    use restli_codec::response::CollectionResponse;
    use serde_json::{Value, json};

    fn page(body: Value) -> CollectionResponse {
        let response = http::Response::builder()
            .status(200)
            .body(serde_json::to_vec(&body).unwrap())
            .unwrap();
        CollectionResponse::from_http(response, "/v2/adAccounts").unwrap()
    }

    #[test]
    fn a_page_whose_successor_overflows_is_yielded_before_the_error() {
        let start = u64::MAX - 1;
        let mut pagination =
            Pagination::new(Request::get_all("/adAccounts").page(start, 2), 10).unwrap();
        let last = page(json!({
            "elements": [{"id": 1}, {"id": 2}],
            "paging": {"start": start, "count": 2}
        }));
        let step = pagination.take(&last);
        assert!(step.yields(), "{step:?}");
        assert!(matches!(
            step,
            PageStep::YieldThenFail(PagingError::Overflow { .. })
        ));
        assert!(pagination.next_request().is_none());
    }

    #[test]
    fn a_page_that_repeats_the_first_is_not_yielded_again() {
        let mut pagination =
            Pagination::new(Request::get_all("/adAccounts").page(0, 2), 10).unwrap();
        let first = page(json!({
            "elements": [{"id": 1}, {"id": 2}],
            "paging": {"start": 0, "count": 2}
        }));
        assert_eq!(pagination.take(&first), PageStep::Yield);
        let step = pagination.take(&first);
        assert!(!step.yields(), "{step:?}");
        assert!(matches!(
            step,
            PageStep::Fail(PagingError::NoProgress {
                requested_start: 2,
                server_start: 0
            })
        ));
    }

    #[test]
    fn a_repeated_token_reports_after_its_page() {
        // The page carrying the repeated token holds new elements.
        let finder = Request::finder("/adAccounts", "search").param("pageSize", &1);
        let mut pagination = Pagination::new(finder, 10).unwrap();
        let one = page(json!({"elements": [{"id": 1}], "metadata": {"nextPageToken": "a"}}));
        let two = page(json!({"elements": [{"id": 2}], "metadata": {"nextPageToken": "a"}}));
        assert_eq!(pagination.take(&one), PageStep::Yield);
        let step = pagination.take(&two);
        assert!(step.yields());
        assert!(matches!(
            step.into_error(),
            Some(PagingError::RepeatedToken { pages: 2, .. })
        ));
    }

    #[test]
    fn only_a_first_empty_page_is_yielded() {
        let empty = page(json!({"elements": [], "paging": {"start": 0, "count": 10}}));
        let mut pagination = Pagination::new(Request::get_all("/adAccounts"), 10).unwrap();
        assert_eq!(pagination.take(&empty), PageStep::Yield);

        let mut pagination = Pagination::new(Request::get_all("/adAccounts"), 2).unwrap();
        let full = page(json!({
            "elements": [{"id": 1}, {"id": 2}],
            "paging": {"start": 0, "count": 2}
        }));
        let after = page(json!({"elements": [], "paging": {"start": 2, "count": 2}}));
        assert_eq!(pagination.take(&full), PageStep::Yield);
        assert_eq!(pagination.take(&after), PageStep::End);
        assert!(pagination.next_request().is_none());
    }
}
