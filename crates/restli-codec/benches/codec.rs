//! Throughput of the value codec: `cargo bench -p restli-codec --bench codec`.
//!
//! Three inputs, each encoded and decoded both as a `serde_json::Value` and
//! as a typed struct; throughput is counted in bytes of the encoded form.
//!
//! - `finder`: the finder query from LinkedIn's docs,
//!   `search=(status:(values:List(ACTIVE,DRAFT)),reference:(values:List(urn:li:organization:123)),test:false)`.
//! - `batch_get_1000`: `ids=List(...)` with 1,000 complex keys, a `$params`
//!   record in every third.
//! - `unicode_100`: 100 strings of CJK, emoji and accents mixed with grammar
//!   characters, in the URL and the reduced form.
//!
//! For instruction counts (wall clock is noisy on a shared machine),
//! `ONLY=<input>/<bench> CALLS=<n>` runs one bench's call `n` times and
//! exits, without criterion:
//!
//! ```text
//! ONLY=unicode_100/encode/typed CALLS=10000 valgrind --tool=callgrind \
//!     target/release/deps/codec-<hash>
//! ```
//!
//! The instructions of one call are the difference between two such runs
//! (say `CALLS=10000` and `CALLS=0`) divided by the difference in calls.

use std::hint::black_box;

use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum Status {
    Active,
    Draft,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct Values<T> {
    values: Vec<T>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct Search {
    status: Values<Status>,
    reference: Values<String>,
    test: bool,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum Fruit {
    Apple,
    Orange,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct Params {
    param1: String,
    param2: i64,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct ComplexKey {
    part1: String,
    part2: i64,
    part3: Fruit,
    #[serde(rename = "$params", skip_serializing_if = "Option::is_none", default)]
    params: Option<Params>,
}

fn finder() -> Search {
    Search {
        status: Values {
            values: vec![Status::Active, Status::Draft],
        },
        reference: Values {
            values: vec!["urn:li:organization:123".into()],
        },
        test: false,
    }
}

fn batch_keys() -> Vec<ComplexKey> {
    (0..1000i64)
        .map(|i| ComplexKey {
            part1: format!("key {i} (urn:li:organization:{})", i * 7919),
            part2: i * 1_000_003 - 500_000_000,
            part3: if i % 2 == 0 {
                Fruit::Apple
            } else {
                Fruit::Orange
            },
            params: (i % 3 == 0).then(|| Params {
                param1: format!("param{i}"),
                param2: i,
            }),
        })
        .collect()
}

fn unicode_strings() -> Vec<String> {
    const PIECES: [&str; 12] = [
        "東京タワー",
        "(注意)",
        "😀🚀👩‍💻",
        "Crème brûlée",
        "naïve, façade",
        "한국어: 테스트",
        "Ελληνικά's",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        "中文,逗号",
        "Ünïcödé",
        "emoji:🎉",
        "100%",
    ];
    (0..100)
        .map(|i| {
            (0..4)
                .map(|j| PIECES[(i * 5 + j * 7) % PIECES.len()])
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Encode and decode benches for one input, as a `Value` and typed.
fn bench_input<T>(c: &mut Criterion, name: &str, typed: &T)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let value = serde_json::to_value(typed).unwrap();
    let encoded = restli_codec::to_string(typed).unwrap();
    assert_eq!(restli_codec::to_string(&value).unwrap(), encoded);
    assert_eq!(&restli_codec::from_str::<T>(&encoded).unwrap(), typed);

    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(encoded.len() as u64));
    group.bench_function("encode/value", |b| {
        b.iter(|| restli_codec::to_string(black_box(&value)).unwrap())
    });
    // The targets of issue 17: encoding is compared with serde_json
    // writing the same `Value` as JSON (the cost of walking and writing the
    // value) and with a plain copy of the encoded output (memcpy).
    group.bench_function("baseline/serde_json_to_string", |b| {
        b.iter(|| serde_json::to_string(black_box(&value)).unwrap())
    });
    group.bench_function("baseline/memcpy_of_output", |b| {
        b.iter(|| black_box(&encoded).clone())
    });
    group.bench_function("encode/typed", |b| {
        b.iter(|| restli_codec::to_string(black_box(typed)).unwrap())
    });
    group.bench_function("decode/value", |b| {
        b.iter(|| restli_codec::from_str::<Value>(black_box(&encoded)).unwrap())
    });
    group.bench_function("decode/typed", |b| {
        b.iter(|| restli_codec::from_str::<T>(black_box(&encoded)).unwrap())
    });
    reduced(&mut group, typed);
    group.finish();
}

/// The reduced form of the same input, typed.
fn reduced<T>(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, typed: &T)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let encoded = restli_codec::to_string_reduced(typed).unwrap();
    assert_eq!(
        &restli_codec::from_str_reduced::<T>(&encoded).unwrap(),
        typed
    );
    group.throughput(Throughput::Bytes(encoded.len() as u64));
    group.bench_function("encode_reduced/typed", |b| {
        b.iter(|| restli_codec::to_string_reduced(black_box(typed)).unwrap())
    });
    group.bench_function("decode_reduced/typed", |b| {
        b.iter(|| restli_codec::from_str_reduced::<T>(black_box(&encoded)).unwrap())
    });
}

fn codec(c: &mut Criterion) {
    bench_input(c, "finder", &finder());
    bench_input(c, "batch_get_1000", &batch_keys());
    bench_input(c, "unicode_100", &unicode_strings());

    let query = FinderQuery {
        q: "search",
        search: finder(),
    };
    let encoded = restli_codec::to_query_string(&query).unwrap();
    let mut group = c.benchmark_group("finder");
    group.throughput(Throughput::Bytes(encoded.len() as u64));
    group.bench_function("to_query_string", |b| {
        b.iter(|| restli_codec::to_query_string(black_box(&query)).unwrap())
    });
    group.finish();
}

/// The `ONLY` mode (see the crate docs): `name` is `<input>/<bench>`.
fn only(name: &str, calls: usize) {
    fn run<T: Serialize>(typed: &T, bench: &str, calls: usize) {
        let value = serde_json::to_value(typed).unwrap();
        let encoded = restli_codec::to_string(typed).unwrap();
        for _ in 0..calls {
            match bench {
                "encode/value" => drop(black_box(restli_codec::to_string(black_box(&value)))),
                "encode/typed" => drop(black_box(restli_codec::to_string(black_box(typed)))),
                "encode_reduced/typed" => {
                    drop(black_box(restli_codec::to_string_reduced(black_box(typed))))
                }
                "baseline/serde_json_to_string" => {
                    drop(black_box(serde_json::to_string(black_box(&value))))
                }
                "baseline/memcpy_of_output" => drop(black_box(black_box(&encoded).clone())),
                other => panic!("no bench {other}"),
            }
        }
    }
    let (input, bench) = name.split_once('/').expect("ONLY=<input>/<bench>");
    match input {
        "finder" if bench == "to_query_string" => {
            let query = FinderQuery {
                q: "search",
                search: finder(),
            };
            for _ in 0..calls {
                drop(black_box(restli_codec::to_query_string(black_box(&query))));
            }
        }
        "finder" => run(&finder(), bench, calls),
        "batch_get_1000" => run(&batch_keys(), bench, calls),
        "unicode_100" => run(&unicode_strings(), bench, calls),
        other => panic!("no input {other}"),
    }
}

/// The whole finder query string, as a transport would build it.
#[derive(Serialize)]
struct FinderQuery {
    q: &'static str,
    search: Search,
}

criterion_group!(benches, codec);

fn main() {
    if let Ok(name) = std::env::var("ONLY") {
        let calls = std::env::var("CALLS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(1000);
        only(&name, calls);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
