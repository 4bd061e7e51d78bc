//! Paging memory of the async client: `cargo bench -p linkedin-reqwest --bench paging`.
//!
//! A loopback server generates the pages of a collection as they are asked
//! for (`linkedin_test_support::documented::collection_pages`, LinkedIn's
//! documented `start`/`count` paging, 1,000 elements a page, each about
//! 245 bytes of JSON); it runs in a child process (`ChildServer`), so only
//! the client's memory is counted. The client walks 10,000 and then
//! 100,000 elements with `paginate` and the peak heap above its level
//! before the walk is printed, measured by a `peak_alloc` global
//! allocator: streaming keeps it independent of the total (issue 17). The same walk collected into a
//! `Vec` is printed beside it, to show that the measurement does see a
//! memory that grows with the total. Criterion then times the 100,000
//! walk.

use std::hint::black_box;

use criterion::{Criterion, criterion_group};
use futures_util::StreamExt;
use linkedin_reqwest::Client;
use linkedin_reqwest::oauth::AccessToken;
use linkedin_reqwest::restli::{Endpoint, Request};
use linkedin_test_support::child::{self, ChildServer};
use linkedin_test_support::documented;
use peak_alloc::PeakAlloc;
use serde_json::Value;

#[global_allocator]
static PEAK: PeakAlloc = PeakAlloc;

/// Elements a page.
const PAGE: u64 = 1000;
/// Bytes of padding in each element: a page stays under 256 KiB (ids of five
/// digits included), so the body buffer of a page is the same size in both
/// walks.
const PADDING: usize = 180;

/// A page server for a collection of `total` elements, in a child process.
fn server(total: u64) -> ChildServer {
    ChildServer::start(&total.to_string()).unwrap()
}

fn client(server: &ChildServer) -> Client {
    Client::builder()
        .endpoint(Endpoint::from_origin(server.origin()).unwrap())
        .access_token(AccessToken::new("bench-token"))
        .build()
        .unwrap()
}

fn request() -> impl linkedin_reqwest::restli::Paginated {
    Request::get_all("/benchItems").page(0, PAGE)
}

/// Walks the whole collection; returns how many elements came and the
/// peak heap above the level before the walk, in bytes.
async fn walk(client: &Client, collect: bool) -> (u64, usize) {
    let before = PEAK.current_usage();
    PEAK.reset_peak_usage();
    let elements = std::pin::pin!(client.paginate::<Value>(request()));
    let seen = if collect {
        let all: Vec<Value> = elements
            .map(|element| element.unwrap())
            .collect::<Vec<_>>()
            .await;
        let n = all.len() as u64;
        black_box(all);
        n
    } else {
        elements
            .fold(0u64, |n, element| async move {
                black_box(element.unwrap());
                n + 1
            })
            .await
    };
    (seen, PEAK.peak_usage().saturating_sub(before))
}

fn paging(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    for total in [10_000u64, 100_000] {
        let server = server(total);
        let client = client(&server);
        // A first walk opens the connection and sizes the buffers.
        assert_eq!(rt.block_on(walk(&client, false)).0, total);
        let (seen, streamed) = rt.block_on(walk(&client, false));
        assert_eq!(seen, total);
        let (seen, collected) = rt.block_on(walk(&client, true));
        assert_eq!(seen, total);
        println!(
            "paging {total} elements ({PAGE} a page): peak heap {} KiB streamed, {} KiB collected into a Vec \
             (the client's process)",
            streamed / 1024,
            collected / 1024
        );
    }

    let total = 100_000;
    let server = server(total);
    let client = client(&server);
    let mut group = c.benchmark_group("paging");
    group.sample_size(10);
    group.bench_function(format!("linkedin_reqwest/{total}"), |b| {
        b.iter(|| assert_eq!(rt.block_on(walk(&client, false)).0, total))
    });
    group.finish();
}

criterion_group!(benches, paging);

fn main() {
    // The page server's process: the argument is the collection's size.
    let served = child::serve_if_child(|total| {
        documented::collection_pages(total.parse().unwrap_or(0), PADDING)
    });
    if !served {
        benches();
        Criterion::default().configure_from_args().final_summary();
    }
}
