//! Protocol benchmarks: parsing a 100-element collection response, into
//! `serde_json::Value` and into a typed struct, a 100-key batch response, a
//! retry decision, building a finder, a finder's round trip (the request
//! built, its 100-element answer parsed), tunneling (a pathological multipart
//! body, a 20,000-id BATCH_GET) and a 30,000-placeholder path template.

use std::hint::black_box;
use std::time::{Duration, SystemTime};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use restli_codec::Method;
use restli_codec::response::{BatchGetResponse, CollectionResponse};
use restli_codec::retry::{Outcome, RetryPolicy};
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize)]
#[allow(dead_code)]
#[serde(rename_all = "camelCase")]
struct Campaign {
    id: i64,
    name: String,
    status: String,
    account: String,
    daily_budget: Budget,
}

#[derive(Deserialize)]
#[allow(dead_code)]
#[serde(rename_all = "camelCase")]
struct Budget {
    amount: String,
    currency_code: String,
}

fn campaign(i: i64) -> Value {
    json!({
        "id": i,
        "name": format!("Campaign number {i}"),
        "status": "ACTIVE",
        "account": "urn:li:sponsoredAccount:507404993",
        "dailyBudget": {"amount": "100.00", "currencyCode": "USD"},
        "targeting": {"include": {"and": [{"or": {"urn:li:adTargetingFacet:locations": ["urn:li:geo:103644278"]}}]}}
    })
}

fn collection_body() -> Vec<u8> {
    let elements: Vec<Value> = (0..100).map(campaign).collect();
    serde_json::to_vec(&json!({
        "elements": elements,
        "paging": {"start": 0, "count": 100, "total": 1234, "links": []},
        "metadata": {"nextPageToken": "abc"}
    }))
    .unwrap()
}

fn batch_body() -> Vec<u8> {
    let results: serde_json::Map<String, Value> =
        (0..100).map(|i| (i.to_string(), campaign(i))).collect();
    serde_json::to_vec(&json!({"results": results, "statuses": {}, "errors": {}})).unwrap()
}

fn response(body: &[u8]) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .header("x-li-uuid", "AAYbSe9x")
        .body(body.to_vec())
        .unwrap()
}

const URL: &str = "https://api.linkedin.com/rest/adCampaigns?q=search";

fn collection(c: &mut Criterion) {
    let body = collection_body();
    let mut group = c.benchmark_group("collection_100");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("value", |b| {
        b.iter_batched(
            || response(&body),
            |r| black_box(CollectionResponse::<Value>::from_http(r, URL).unwrap()),
            criterion::BatchSize::SmallInput,
        )
    });
    group.bench_function("typed", |b| {
        b.iter_batched(
            || response(&body),
            |r| black_box(CollectionResponse::<Campaign>::from_http(r, URL).unwrap()),
            criterion::BatchSize::SmallInput,
        )
    });
    group.finish();
}

fn batch(c: &mut Criterion) {
    let body = batch_body();
    let mut group = c.benchmark_group("batch_get_100");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("typed_i64_keys", |b| {
        b.iter_batched(
            || response(&body),
            |r| black_box(BatchGetResponse::<i64, Campaign>::from_http(r, URL).unwrap()),
            criterion::BatchSize::SmallInput,
        )
    });
    group.finish();
}

fn retry(c: &mut Criterion) {
    let policy = RetryPolicy::default();
    let mut headers = http::HeaderMap::new();
    headers.insert(
        "retry-after",
        http::HeaderValue::from_static("Wed, 21 Oct 2015 07:28:30 GMT"),
    );
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
    c.bench_function("retry_decide_http_date", |b| {
        b.iter(|| {
            let outcome = Outcome::response(http::StatusCode::TOO_MANY_REQUESTS, &headers);
            black_box(policy.decide(Method::Get, black_box(2), &outcome, now, 0.5))
        })
    });
}

/// Building the versioned FINDER of LinkedIn's docs (ad accounts searched by
/// status, reference and test flag) into an `http::Request`, from typed
/// criteria and from a JSON value.
fn finder_build(c: &mut Criterion) {
    #[derive(serde::Serialize)]
    struct Values<T> {
        values: Vec<T>,
    }
    #[derive(serde::Serialize)]
    struct Search {
        status: Values<&'static str>,
        reference: Values<&'static str>,
        test: bool,
    }
    let config = restli_codec::RequestConfig::new().with_version("202406".parse().unwrap());
    let typed = Search {
        status: Values {
            values: vec!["ACTIVE", "DRAFT"],
        },
        reference: Values {
            values: vec!["urn:li:organization:123"],
        },
        test: false,
    };
    let value = json!({
        "status": {"values": ["ACTIVE", "DRAFT"]},
        "reference": {"values": ["urn:li:organization:123"]},
        "test": false,
    });
    let mut group = c.benchmark_group("finder_build");
    group.bench_function("typed", |b| {
        b.iter(|| {
            restli_codec::Request::finder("/adAccounts", "search")
                .param("search", black_box(&typed))
                .to_http(&config, Some("token"))
                .unwrap()
        })
    });
    group.bench_function("json_value", |b| {
        b.iter(|| {
            restli_codec::Request::finder("/adAccounts", "search")
                .param("search", black_box(&value))
                .to_http(&config, Some("token"))
                .unwrap()
        })
    });
    group.finish();
}

/// Issue 17's "request build plus response parse of a finder": the docs'
/// finder built into an `http::Request` (typed criteria), then a
/// 100-element collection answer parsed into typed elements, as a
/// transport's one call does minus the IO. Reported per call; the
/// answer's `http::Response` is made outside the timing (a transport
/// receives it).
fn finder_round_trip(c: &mut Criterion) {
    #[derive(serde::Serialize)]
    struct Values<T> {
        values: Vec<T>,
    }
    #[derive(serde::Serialize)]
    struct Search {
        status: Values<&'static str>,
        reference: Values<&'static str>,
        test: bool,
    }
    let config = restli_codec::RequestConfig::new().with_version("202406".parse().unwrap());
    let search = Search {
        status: Values {
            values: vec!["ACTIVE", "DRAFT"],
        },
        reference: Values {
            values: vec!["urn:li:organization:123"],
        },
        test: false,
    };
    let body = collection_body();
    let mut group = c.benchmark_group("finder_round_trip");
    group.bench_function("build_and_parse_100_typed", |b| {
        b.iter_batched(
            || response(&body),
            |answer| {
                let request = restli_codec::Request::finder("/adAccounts", "search")
                    .param("search", black_box(&search))
                    .to_http(&config, Some("token"))
                    .unwrap();
                let url = request.uri().to_string();
                let page = CollectionResponse::<Campaign>::from_http(answer, &url).unwrap();
                black_box((request, page))
            },
            criterion::BatchSize::SmallInput,
        )
    });
    group.finish();
}

/// Untunneling a pathological 16 MiB multipart body whose 60 KB boundary
/// almost occurs everywhere (a quadratic search took minutes), and tunneling
/// a 20,000-id BATCH_GET (its query is longer than an `http::Uri` holds).
fn tunneling(c: &mut Criterion) {
    let boundary = "-".repeat(60_000);
    let mut near = "-".repeat(60_001);
    near.push('x');
    let mut body = Vec::with_capacity(16 << 20);
    while body.len() < (16 << 20) {
        body.extend_from_slice(near.as_bytes());
    }
    let content_type = format!("multipart/mixed; boundary={boundary}");
    let mut group = c.benchmark_group("tunnel");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("untunnel_16mib_long_boundary", |b| {
        b.iter(|| {
            let request = http::Request::post("http://127.0.0.1/x")
                .header("x-http-method-override", "PUT")
                .header("content-type", content_type.as_str())
                .body(body.clone())
                .unwrap();
            black_box(restli_codec::tunnel::untunnel(request)).ok()
        })
    });
    let ids: Vec<String> = (0..20_000)
        .map(|i| format!("urn:li:sponsoredCampaign:{}", 100_000_000 + i))
        .collect();
    let config = restli_codec::RequestConfig::new();
    group.bench_function("batch_get_20000_ids", |b| {
        b.iter(|| {
            restli_codec::Request::batch_get("/adCampaigns", black_box(&ids))
                .to_http(&config, None)
                .unwrap()
        })
    });
    group.finish();
}

/// Parsing and expanding a template of 30,000 placeholders (the quadratic
/// checks took about 3 s).
fn path_template(c: &mut Criterion) {
    let n = 30_000;
    let template: String = (0..n).map(|i| format!("/{{p{i}}}")).collect();
    let keys: serde_json::Map<String, Value> =
        (0..n).map(|i| (format!("p{i}"), json!(i))).collect();
    let mut group = c.benchmark_group("path_template");
    group.sample_size(10);
    group.bench_function("path_template_30000_placeholders", |b| {
        b.iter(|| {
            restli_codec::PathTemplate::parse(black_box(&template))
                .unwrap()
                .expand(&keys)
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    collection,
    batch,
    retry,
    finder_build,
    finder_round_trip,
    tunneling,
    path_template
);
criterion_main!(benches);
