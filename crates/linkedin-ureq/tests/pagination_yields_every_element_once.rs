//! Pagination as iterators, over real sockets.

mod support;

use std::collections::BTreeSet;

use linkedin_ureq::Error;
use restli_codec::{PagingError, Request};
use serde::Deserialize;
use serde_json::{Value, json};
use support::{Recorded, Reply, Server};

const TOKEN: &str = "paging-token-4e2a";
const TOTAL: u64 = 47;

#[derive(Debug, Deserialize)]
struct Account {
    id: u64,
}

fn window(request: &Recorded) -> (u64, u64) {
    let start = request.param("start").map_or(0, |s| s.parse().unwrap());
    let count = request.param("count").map_or(10, |c| c.parse().unwrap());
    (start, count)
}

/// A collection of `TOTAL` accounts; `with_total` says whether pages carry
/// `paging.total`; the server never returns more than `cap` per page.
fn accounts(with_total: bool, cap: u64) -> impl Fn(&Recorded, usize) -> Reply + Send + Sync {
    move |request, _| {
        let (start, count) = window(request);
        let count = count.min(cap);
        let elements: Vec<Value> = (start..(start + count).min(TOTAL))
            .map(|id| json!({"id": id}))
            .collect();
        let mut paging = json!({"start": start, "count": count, "links": []});
        if with_total {
            paging["total"] = json!(TOTAL);
        }
        Reply::json(200, json!({"elements": elements, "paging": paging}))
    }
}

fn assert_each_once(ids: &[u64]) {
    let unique: BTreeSet<u64> = ids.iter().copied().collect();
    assert_eq!(ids.len() as u64, TOTAL, "{ids:?}");
    assert_eq!(unique, (0..TOTAL).collect::<BTreeSet<_>>());
}

#[test]
fn a_finder_across_five_pages_yields_every_entity_exactly_once() -> Result<(), Error> {
    support::init_logs();
    let server = Server::start(accounts(true, 1000));
    let client = server.client(TOKEN);

    let request = Request::finder("/adAccounts", "search").page(0, 10);
    let ids: Vec<u64> = client
        .paginate::<Account>(request)
        .map(|account| account.map(|a| a.id))
        .collect::<Result<_, _>>()?;

    assert_each_once(&ids);
    // 5 pages, and `total` spares the final empty request.
    let starts: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.param("start").unwrap())
        .collect();
    assert_eq!(starts, ["0", "10", "20", "30", "40"]);
    assert!(
        server
            .requests()
            .iter()
            .all(|r| r.param("q").as_deref() == Some("search"))
    );
    support::assert_logs_hide(&[TOKEN]);
    Ok(())
}

#[test]
fn without_total_paging_ends_on_the_empty_page_without_yielding_it() -> Result<(), Error> {
    support::init_logs();
    let server = Server::start(accounts(false, 1000));
    let client = server.client(TOKEN);

    let pages: Vec<_> = client
        .pages::<Account>(Request::get_all("/adAccounts").page(0, 10))
        .collect::<Result<_, _>>()?;

    let sizes: Vec<usize> = pages.iter().map(|p| p.elements.len()).collect();
    assert_eq!(sizes, [10, 10, 10, 10, 7]);
    assert_eq!(server.request_count(), 6, "the empty sixth page ends it");
    let ids: Vec<u64> = pages
        .into_iter()
        .flat_map(|p| p.elements)
        .map(|a| a.id)
        .collect();
    assert_each_once(&ids);
    Ok(())
}

#[test]
fn a_server_capping_the_page_size_is_followed_without_gaps() -> Result<(), Error> {
    support::init_logs();
    let server = Server::start(accounts(true, 4));
    let client = server.client(TOKEN);
    let ids: Vec<u64> = client
        .paginate::<Account>(Request::get_all("/adAccounts").page(0, 10))
        .map(|a| a.map(|a| a.id))
        .collect::<Result<_, _>>()?;
    assert_each_once(&ids);
    assert_eq!(server.request_count(), 12);
    Ok(())
}

#[test]
fn a_request_without_a_window_pages_by_the_default_size() -> Result<(), Error> {
    support::init_logs();
    let server = Server::start(accounts(true, 1000));
    let client = server.client(TOKEN);
    let ids: Vec<u64> = client
        .paginate::<Account>(Request::get_all("/adAccounts"))
        .map(|a| a.map(|a| a.id))
        .collect::<Result<_, _>>()?;
    assert_each_once(&ids);
    let first = &server.requests()[0];
    assert_eq!(first.param("count").as_deref(), Some("10"));
    Ok(())
}

#[test]
fn a_server_ignoring_start_stops_with_a_paging_error() {
    support::init_logs();
    let server = Server::start(|_, _| {
        Reply::json(
            200,
            json!({"elements": [{"id": 0}, {"id": 1}], "paging": {"start": 0, "count": 2}}),
        )
    });
    let client = server.client(TOKEN);
    let results: Vec<Result<Account, Error>> = client
        .paginate(Request::get_all("/adAccounts").page(0, 2))
        .collect();
    assert_eq!(
        results.len(),
        3,
        "two entities, then the error, then the end"
    );
    assert!(matches!(
        results[2],
        Err(Error::Paging(PagingError::NoProgress {
            requested_start: 2,
            server_start: 0
        }))
    ));
    assert_eq!(server.request_count(), 2);
}

#[test]
fn an_error_page_ends_the_iteration_after_the_error() {
    support::init_logs();
    let server = Server::start(|request, _| {
        if request.param("start").as_deref() == Some("0") {
            Reply::json(
                200,
                json!({"elements": [{"id": 0}], "paging": {"start": 0, "count": 1}}),
            )
        } else {
            Reply::json(403, json!({"status": 403, "message": "no"}))
        }
    });
    let client = server.client(TOKEN);
    let results: Vec<Result<Account, Error>> = client
        .paginate(Request::get_all("/adAccounts").page(0, 1))
        .collect();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].as_ref().map(|a| a.id).ok(), Some(0));
    assert_eq!(
        results[1]
            .as_ref()
            .err()
            .and_then(|e| e.status())
            .map(|s| s.as_u16()),
        Some(403)
    );
}

#[test]
fn an_empty_collection_yields_its_one_empty_page() -> Result<(), Error> {
    support::init_logs();
    let server = Server::start(|_, _| {
        Reply::json(
            200,
            json!({"elements": [], "paging": {"start": 0, "count": 10}}),
        )
    });
    let client = server.client(TOKEN);
    let pages: Vec<_> = client
        .pages::<Account>(Request::get_all("/adAccounts"))
        .collect::<Result<_, _>>()?;
    assert_eq!(pages.len(), 1);
    assert!(pages[0].elements.is_empty());
    Ok(())
}
