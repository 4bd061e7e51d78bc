//! Walking GET_ALL and FINDER collections as streams.

mod common;

use std::collections::BTreeSet;

use common::{Recorded, Reply, Server};
use futures_util::StreamExt;
use linkedin_reqwest::{Error, Request};
use serde::Deserialize;
use serde_json::{Value, json};

const ELEMENTS: u64 = 23;

#[derive(Debug, Deserialize)]
struct Campaign {
    id: u64,
}

/// Answers a page of a 23-element collection from `start` and `count`.
fn page(request: &Recorded, with_total: bool) -> Reply {
    let query = request.query();
    let start: u64 = query.get("start").map_or(0, |s| s.parse().unwrap());
    let count: u64 = query.get("count").map_or(10, |s| s.parse().unwrap());
    let elements: Vec<Value> = (start..(start + count).min(ELEMENTS))
        .map(|id| json!({"id": id}))
        .collect();
    let mut paging = json!({"start": start, "count": count, "links": []});
    if with_total {
        paging["total"] = json!(ELEMENTS);
    }
    Reply::json(200, json!({"elements": elements, "paging": paging}))
}

#[tokio::test]
async fn paginate_yields_every_element_exactly_once_across_five_pages() {
    let server = Server::start(|request, _| page(request, true)).await;
    let client = server.client().build().unwrap();

    let campaigns: Vec<Campaign> = client
        .paginate::<Campaign>(Request::get_all("/adCampaigns").page(0, 5))
        .map(|item| item.unwrap())
        .collect()
        .await;

    let ids: Vec<u64> = campaigns.iter().map(|c| c.id).collect();
    assert_eq!(ids, (0..ELEMENTS).collect::<Vec<_>>());
    let starts: Vec<String> = server
        .received()
        .iter()
        .map(|r| r.query()["start"].clone())
        .collect();
    assert_eq!(
        starts,
        ["0", "5", "10", "15", "20"],
        "5 pages, the last one short, no extra request"
    );
}

#[tokio::test]
async fn without_a_total_paging_ends_at_the_first_empty_page() {
    let server = Server::start(|request, _| page(request, false)).await;
    let client = server.client().build().unwrap();

    let pages: Vec<usize> = client
        .pages::<Campaign>(Request::finder("/adCampaigns", "search").page(0, 5))
        .map(|page| page.unwrap().elements.len())
        .collect()
        .await;

    assert_eq!(pages, [5, 5, 5, 5, 3], "the empty last page is not yielded");
    assert_eq!(server.received().len(), 6, "one more request finds the end");
    assert!(server.received().iter().all(|r| r.query()["q"] == "search"));
}

#[tokio::test]
async fn paging_starts_at_the_requests_start_and_uses_the_default_count() {
    let server = Server::start(|request, _| page(request, true)).await;
    let client = server.client().build().unwrap();

    let ids: BTreeSet<u64> = client
        .paginate::<Campaign>(Request::get_all("/adCampaigns").param("start", &7))
        .map(|item| item.unwrap().id)
        .collect()
        .await;

    assert_eq!(ids, (7..ELEMENTS).collect());
    let counts: BTreeSet<String> = server
        .received()
        .iter()
        .map(|r| r.query()["count"].clone())
        .collect();
    assert_eq!(counts, BTreeSet::from(["10".to_owned()]));
}

#[tokio::test]
async fn a_server_that_ignores_start_ends_the_stream_with_a_paging_error() {
    // Always the first page, whatever `start` says.
    let server = Server::start(|_, _| {
        Reply::json(
            200,
            json!({"elements": [{"id": 0}, {"id": 1}], "paging": {"start": 0, "count": 2}}),
        )
    })
    .await;
    let client = server.client().build().unwrap();

    let items: Vec<Result<Campaign, Error>> = client
        .paginate::<Campaign>(Request::get_all("/adCampaigns").page(0, 2))
        .collect()
        .await;

    assert_eq!(
        items.len(),
        3,
        "two elements, then the error; nothing twice"
    );
    assert!(matches!(items[2], Err(Error::Paging(_))), "{:?}", items[2]);
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn an_error_page_ends_the_stream_after_the_pages_before_it() {
    let server = Server::start(|request, n| match n {
        0 => page(request, true),
        _ => Reply::json(
            403,
            json!({"status": 403, "message": "Not enough permissions"}),
        ),
    })
    .await;
    let client = server.client().build().unwrap();

    let items: Vec<Result<Campaign, Error>> = client
        .paginate::<Campaign>(Request::get_all("/adCampaigns").page(0, 5))
        .collect()
        .await;

    assert_eq!(items.len(), 6);
    assert!(items[..5].iter().all(Result::is_ok));
    assert_eq!(
        items[5].as_ref().unwrap_err().status().map(|s| s.as_u16()),
        Some(403)
    );
}

#[tokio::test]
async fn a_page_stream_can_be_spawned() {
    let server = Server::start(|request, _| page(request, true)).await;
    let client = server.client().build().unwrap();
    let stream = client.paginate::<Campaign>(Request::get_all("/adCampaigns").page(0, 10));

    let count = tokio::spawn(async move { stream.count().await })
        .await
        .unwrap();

    assert_eq!(count as u64, ELEMENTS);
}
