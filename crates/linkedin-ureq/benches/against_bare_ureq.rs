//! The blocking client against bare ureq, on one in-process sandbox:
//! `cargo bench -p linkedin-ureq --bench against_bare_ureq`.
//!
//! Both sides send the same GET of an ad account (same headers) over a
//! shared agent and parse the JSON body into a `serde_json::Value`; the
//! client adds only what it is for (request building, the exchange loop,
//! the typed response). Measured sequentially and from 64 threads, then
//! printed as a ratio client / bare (issue 17 asks for at least 0.9), with
//! the allocations each side makes per call (counted by a `stats_alloc`
//! global allocator; the in-process sandbox's own allocations are in both
//! counts, so the difference is what the client adds).
//!
//! Paging memory is measured in `benches/paging.rs`.

use std::alloc::System;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use linkedin_sandbox::Sandbox;
use linkedin_test_support::ratio::paired;
use linkedin_ureq::oauth::AccessToken;
use linkedin_ureq::restli::response::EntityResponse;
use linkedin_ureq::restli::{Endpoint, Request};
use linkedin_ureq::{Client, HttpClient};
use serde_json::Value;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// The sandbox serves a window of versions around its current one.
const VERSION: &str = Sandbox::DEFAULT_CURRENT_VERSION;
const THREADS: usize = 64;

fn client(sandbox: &Sandbox) -> Client {
    Client::builder()
        .endpoint(Endpoint::from_origin(sandbox.origin()).unwrap())
        .version(VERSION)
        .access_token(AccessToken::new(sandbox.access_token()))
        .build()
        .unwrap()
}

/// What a hand-written ureq caller does for the same GET.
struct Bare {
    agent: ureq::Agent,
    url: String,
    auth: String,
}

/// Bare ureq's agent. With `BARE_TIMEOUT` set it has a 30 s global
/// timeout, as the client always has one, and the client's
/// `CachingResolver` (ureq's own resolver would spawn a thread per request
/// once a timeout is set): what the timeout itself costs ureq.
fn bare_agent() -> ureq::Agent {
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0);
    if std::env::var_os("BARE_TIMEOUT").is_some() {
        let config = config
            .timeout_global(Some(std::time::Duration::from_secs(30)))
            .build();
        ureq::Agent::with_parts(
            config,
            ureq::unversioned::transport::DefaultConnector::new(),
            linkedin_ureq::CachingResolver::new(),
        )
    } else {
        config.build().new_agent()
    }
}

impl Bare {
    fn new(sandbox: &Sandbox) -> Self {
        Bare {
            agent: bare_agent(),
            url: format!("{}/rest/adAccounts/500001", sandbox.origin()),
            auth: format!("Bearer {}", sandbox.access_token()),
        }
    }

    fn get(&self) -> Value {
        let mut response = self
            .agent
            .get(&self.url)
            .header("Authorization", &self.auth)
            .header("LinkedIn-Version", VERSION)
            .header("X-Restli-Protocol-Version", "2.0.0")
            .header("X-RestLi-Method", "get")
            .call()
            .unwrap();
        assert_eq!(response.status(), 200);
        let body = response.body_mut().read_to_vec().unwrap();
        serde_json::from_slice(&body).unwrap()
    }
}

fn ours(client: &Client) -> Value {
    let response: EntityResponse<Value> = client
        .send(Request::get("/adAccounts/{id}").key("id", &500001))
        .unwrap();
    response.entity
}

/// Requests per second of `f` run `n` times on each of `threads` threads.
fn rate(threads: usize, n: usize, f: Arc<dyn Fn() + Send + Sync>) -> f64 {
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads {
            let f = f.clone();
            s.spawn(move || (0..n).for_each(|_| f()));
        }
    });
    (threads * n) as f64 / start.elapsed().as_secs_f64()
}

/// Allocations and allocated bytes per call of `f` (the whole process:
/// the sandbox's share is the same for both sides).
fn allocations_per_call(f: impl Fn()) -> (f64, f64) {
    const CALLS: usize = 2000;
    f();
    let region = Region::new(GLOBAL);
    (0..CALLS).for_each(|_| f());
    let change = region.change();
    (
        change.allocations as f64 / CALLS as f64,
        change.bytes_allocated as f64 / CALLS as f64,
    )
}

/// Paired rounds of the ratio measurement (see `linkedin_test_support::ratio`).
const ROUNDS: usize = 9;

/// Measures both sides [`ROUNDS`] times and prints the rates and the
/// median ratio with its range.
///
/// `old` is the client on an agent with ureq's default resolver (what
/// `HttpClient::new` built before issue 17), measured once, to show what
/// the resolver costs.
fn print_ratio(
    label: &str,
    threads: usize,
    client: &Arc<Client>,
    old: &Arc<Client>,
    bare: &Arc<Bare>,
) {
    // About 8,000 calls a side a round, whatever the thread count.
    let n = 8000usize.div_ceil(threads);
    let ours_rate = || {
        let c = client.clone();
        rate(threads, n, Arc::new(move || drop(ours(&c))))
    };
    let bare_rate = || {
        let b = bare.clone();
        rate(threads, n, Arc::new(move || drop(b.get())))
    };
    let summary = paired(ROUNDS, |_, ours_first| {
        if ours_first {
            let o = ours_rate();
            (o, bare_rate())
        } else {
            let b = bare_rate();
            (ours_rate(), b)
        }
    });
    let o = old.clone();
    let old_rate = rate(threads, n / 4, Arc::new(move || drop(ours(&o))));
    println!(
        "{label}: linkedin-ureq against bare ureq: {summary} (with ureq's default resolver: \
         {old_rate:.0} req/s)"
    );
}

fn requests(c: &mut Criterion) {
    let sandbox = Sandbox::spawn().unwrap();
    let client = Arc::new(client(&sandbox));
    let bare = Arc::new(Bare::new(&sandbox));
    assert_eq!(ours(&client), bare.get());

    // `ONLY=ours|old|bare` runs 1,000 sequential GETs of one side and
    // nothing else, for `strace -f -c -e trace=clone3` to count threads,
    // `heaptrack` to see where each side allocates, or `valgrind
    // --tool=callgrind` to count instructions (a comparison the load of
    // other processes does not disturb).
    if let Ok(side) = std::env::var("ONLY") {
        let old = Client::builder()
            .endpoint(Endpoint::from_origin(sandbox.origin()).unwrap())
            .version(VERSION)
            .access_token(AccessToken::new(sandbox.access_token()))
            .http_client(HttpClient::agent_config().build().new_agent())
            .build()
            .unwrap();
        // `THREADS=n` spreads the GETs over n threads; `CALLS=n` sends n
        // instead of 1,000.
        let calls: usize = std::env::var("CALLS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(1000);
        let threads: usize = std::env::var("THREADS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(1);
        let one = || match side.as_str() {
            "ours" => drop(ours(&client)),
            "old" => drop(ours(&old)),
            _ => drop(bare.get()),
        };
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| (0..calls.div_ceil(threads)).for_each(|_| one()));
            }
        });
        std::process::exit(0);
    }

    let mut group = c.benchmark_group("get_ad_account");
    group.bench_function("sequential/linkedin_ureq", |b| {
        b.iter(|| black_box(ours(&client)))
    });
    group.bench_function("sequential/bare_ureq", |b| b.iter(|| black_box(bare.get())));
    for (name, side) in [("linkedin_ureq", true), ("bare_ureq", false)] {
        group.bench_function(format!("{THREADS}_threads/{name}"), |b| {
            b.iter_custom(|iters| {
                let per_thread = (iters as usize).div_ceil(THREADS);
                let (client, bare) = (client.clone(), bare.clone());
                let f: Arc<dyn Fn() + Send + Sync> = if side {
                    Arc::new(move || drop(black_box(ours(&client))))
                } else {
                    Arc::new(move || drop(black_box(bare.get())))
                };
                let start = Instant::now();
                rate(THREADS, per_thread, f);
                start
                    .elapsed()
                    .mul_f64(iters as f64 / (per_thread * THREADS) as f64)
            })
        });
    }
    group.finish();

    let old = Arc::new(
        Client::builder()
            .endpoint(Endpoint::from_origin(sandbox.origin()).unwrap())
            .version(VERSION)
            .access_token(AccessToken::new(sandbox.access_token()))
            .http_client(HttpClient::agent_config().build().new_agent())
            .build()
            .unwrap(),
    );
    let (ours_count, ours_bytes) = allocations_per_call(|| drop(ours(&client)));
    let (bare_count, bare_bytes) = allocations_per_call(|| drop(bare.get()));
    println!(
        "allocations per call (sandbox included): linkedin-ureq {ours_count:.1} ({ours_bytes:.0} bytes), \
         bare ureq {bare_count:.1} ({bare_bytes:.0} bytes), the client adds {:.1} ({:.0} bytes)",
        ours_count - bare_count,
        ours_bytes - bare_bytes
    );
    print_ratio("sequential", 1, &client, &old, &bare);
    print_ratio(&format!("{THREADS} threads"), THREADS, &client, &old, &bare);
}

criterion_group!(benches, requests);
criterion_main!(benches);
