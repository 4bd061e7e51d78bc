//! Walking index-paged collections (`start`/`count` in, `paging` out, as
//! Rest.li pages collections:
//! <https://linkedin.github.io/rest.li/user_guide/restli_server#pagination>;
//! LinkedIn's `paging` block:
//! <https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/pagination>).

use std::collections::BTreeSet;

use linkedin_client_core::Error;
use linkedin_test_support::{HostileServer, Recorded, Script};
use restli_codec::{PagingError, Request};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::wire::{self, json as answer, status_of};
use crate::{Setup, Transport, logs};

const TOKEN: &str = "AQV-paging-token-4e2a";

#[derive(Debug, Deserialize)]
struct Account {
    id: u64,
}

fn client<T: Transport>(server: &HostileServer) -> T {
    T::build(Setup::new(&server.origin()).token(TOKEN)).expect("client")
}

fn window(request: &Recorded) -> (u64, u64) {
    let start = request.param("start").map_or(0, |s| s.parse().unwrap_or(0));
    let count = request
        .param("count")
        .map_or(10, |c| c.parse().unwrap_or(10));
    (start, count)
}

/// A collection of `total` accounts; `with_total` says whether pages carry
/// `paging.total`; the server never returns more than `cap` per page.
fn accounts(
    total: u64,
    with_total: bool,
    cap: u64,
) -> impl Fn(&Recorded, usize) -> Script + Send + Sync {
    move |request, _| {
        let (start, count) = window(request);
        let count = count.min(cap);
        let elements: Vec<Value> = (start..(start + count).min(total))
            .map(|id| json!({"id": id}))
            .collect();
        let mut paging = json!({"start": start, "count": count, "links": []});
        if with_total {
            paging["total"] = json!(total);
        }
        answer(200, &json!({"elements": elements, "paging": paging}))
    }
}

fn ids(items: Vec<Result<Account, Error>>) -> Vec<u64> {
    items
        .into_iter()
        .map(|item| item.expect("an element").id)
        .collect()
}

fn starts(server: &HostileServer) -> Vec<String> {
    server
        .requests()
        .iter()
        .map(|r| r.param("start").unwrap_or_default())
        .collect()
}

/// 23 elements in pages of 5: every element once, in order, five
/// requests (the total spares a sixth).
pub fn paginate_yields_every_element_exactly_once_across_five_pages<T: Transport>() {
    logs::init();
    let server = wire::serve(accounts(23, true, 1000));
    let client: T = client(&server);
    let ids = ids(client.paginate(Request::finder("/adAccounts", "search").page(0, 5)));
    assert_eq!(ids, (0..23).collect::<Vec<_>>());
    assert_eq!(
        starts(&server),
        ["0", "5", "10", "15", "20"],
        "5 pages, the last one short, no extra request"
    );
    assert!(
        server
            .requests()
            .iter()
            .all(|r| r.param("q").as_deref() == Some("search"))
    );
    logs::assert_hidden(&[TOKEN]);
}

/// Without `paging.total` the walk ends at the first empty page, which is
/// not yielded.
pub fn without_a_total_paging_ends_at_the_first_empty_page_without_yielding_it<T: Transport>() {
    let server = wire::serve(accounts(47, false, 1000));
    let client: T = client(&server);
    let pages: Vec<_> = client
        .pages::<Account>(Request::get_all("/adAccounts").page(0, 10))
        .into_iter()
        .map(|page| page.expect("a page"))
        .collect();
    let sizes: Vec<usize> = pages.iter().map(|p| p.elements.len()).collect();
    assert_eq!(
        sizes,
        [10, 10, 10, 10, 7],
        "the empty last page is not yielded"
    );
    assert_eq!(server.request_count(), 6, "one more request finds the end");
    let ids: Vec<u64> = pages
        .into_iter()
        .flat_map(|p| p.elements)
        .map(|a| a.id)
        .collect();
    assert_eq!(ids, (0..47).collect::<Vec<_>>());
}

/// A request with a `start` but no `count` starts there and asks for the
/// default page size.
pub fn paging_starts_at_the_requests_start_and_uses_the_default_count<T: Transport>() {
    let server = wire::serve(accounts(23, true, 1000));
    let client: T = client(&server);
    let ids: BTreeSet<u64> =
        ids(client.paginate(Request::get_all("/adAccounts").param("start", &7)))
            .into_iter()
            .collect();
    assert_eq!(ids, (7..23).collect());
    let counts: BTreeSet<String> = server
        .requests()
        .iter()
        .map(|r| r.param("count").unwrap_or_default())
        .collect();
    assert_eq!(counts, BTreeSet::from(["10".to_owned()]));
}

/// A request without any window pages by the default size, from 0.
pub fn a_request_without_a_window_pages_by_the_default_size<T: Transport>() {
    let server = wire::serve(accounts(47, true, 1000));
    let client: T = client(&server);
    let ids = ids(client.paginate(Request::get_all("/adAccounts")));
    assert_eq!(ids, (0..47).collect::<Vec<_>>());
    let first = &server.requests()[0];
    assert_eq!(first.param("count").as_deref(), Some("10"));
    assert_eq!(starts(&server), ["0", "10", "20", "30", "40"]);
}

/// A server giving fewer elements than asked for is followed from where
/// its page ended: no gaps, nothing twice.
pub fn a_server_capping_the_page_size_is_followed_without_gaps<T: Transport>() {
    let server = wire::serve(accounts(47, true, 4));
    let client: T = client(&server);
    let ids = ids(client.paginate(Request::get_all("/adAccounts").page(0, 10)));
    assert_eq!(ids, (0..47).collect::<Vec<_>>());
    assert_eq!(server.request_count(), 12);
}

/// A server that ignores `start` ends the walk with a paging error after
/// its first page; nothing is yielded twice.
pub fn a_server_ignoring_start_ends_with_a_paging_error<T: Transport>() {
    let server = wire::serve(|_, _| {
        answer(
            200,
            &json!({"elements": [{"id": 0}, {"id": 1}], "paging": {"start": 0, "count": 2}}),
        )
    });
    let client: T = client(&server);
    let items: Vec<Result<Account, Error>> =
        client.paginate(Request::get_all("/adAccounts").page(0, 2));
    assert_eq!(items.len(), 3, "two elements, then the error, then the end");
    assert!(
        matches!(
            items[2],
            Err(Error::Paging(PagingError::NoProgress {
                requested_start: 2,
                server_start: 0
            }))
        ),
        "{:?}",
        items[2]
    );
    assert_eq!(server.request_count(), 2);
}

/// An error answer ends the walk, after the elements of the pages before
/// it.
pub fn an_error_page_ends_the_walk_after_the_pages_before_it<T: Transport>() {
    let first = accounts(23, true, 1000);
    let server = wire::serve(move |request, n| match n {
        0 => first(request, n),
        _ => answer(
            403,
            &json!({"status": 403, "message": "Not enough permissions"}),
        ),
    });
    let client: T = client(&server);
    let items: Vec<Result<Account, Error>> =
        client.paginate(Request::get_all("/adAccounts").page(0, 5));
    assert_eq!(items.len(), 6);
    assert!(items[..5].iter().all(Result::is_ok));
    assert_eq!(items[5].as_ref().err().and_then(status_of), Some(403));
    assert_eq!(server.request_count(), 2);
}

/// An empty collection is one empty page.
pub fn an_empty_collection_yields_its_one_empty_page<T: Transport>() {
    let server = wire::serve(|_, _| {
        answer(
            200,
            &json!({"elements": [], "paging": {"start": 0, "count": 10}}),
        )
    });
    let client: T = client(&server);
    let pages = client.pages::<Account>(Request::get_all("/adAccounts"));
    assert_eq!(pages.len(), 1);
    assert!(pages[0].as_ref().expect("a page").elements.is_empty());
    assert_eq!(server.request_count(), 1);
}
