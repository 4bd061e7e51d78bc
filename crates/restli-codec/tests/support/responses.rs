//! Response conformance: parses every `responses-v2/*.res` of LinkedIn's
//! Rest.li client test suite into the typed response its manifest entry
//! names (or into an `ApiError`), and reports what passed.
//!
//! Self-contained (reads the suite with `std::fs` and its own `.res`
//! parser), so a test can include it with `#[path]` or through
//! `support/mod.rs`.

use std::fmt::Debug;
use std::fs;
use std::path::Path;

use restli_codec::response::{
    ActionResponse, BatchCreateResponse, BatchFinderResponse, BatchGetResponse,
    BatchStatusResponse, CollectionResponse, CreateResponse, EntityResponse, FromResponse,
    ResponseError, StatusResponse,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What [`check_all`] found.
#[derive(Debug, Clone, Default)]
pub struct ResponseReport {
    /// Operations whose response parsed as expected.
    pub passed: usize,
    /// Operations in the manifest.
    pub total: usize,
    /// One line per operation that did not, naming it and saying why.
    pub failures: Vec<String>,
}

impl ResponseReport {
    /// Whether every operation passed (and there was at least one).
    pub fn all_passed(&self) -> bool {
        self.total > 0 && self.passed == self.total && self.failures.is_empty()
    }
}

/// One manifest operation.
struct Operation {
    group: String,
    name: String,
    method: String,
    response: String,
    status: u16,
    error_message: Option<String>,
}

/// The keys of the `collection` resources (`long`).
type CollectionKey = i64;

/// The keys of the `complexkey` and `association` resources, typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct PartsKey {
    part1: String,
    part2: i64,
    part3: String,
}

/// Parses every response listed in `suite_dir/manifest.json`
/// (`wireProtocolTestData[].operations[]`) with the typed parser for its
/// `method`, with `serde_json::Value` entities and keys, and again with typed
/// keys for the collection (`i64`), complexkey and association resources.
pub fn check_all(suite_dir: &Path) -> ResponseReport {
    let mut report = ResponseReport::default();
    let operations = match read_manifest(suite_dir) {
        Ok(ops) => ops,
        Err(e) => {
            report.failures.push(format!("manifest.json: {e}"));
            return report;
        }
    };
    report.total = operations.len();
    for op in &operations {
        match check_one(suite_dir, op) {
            Ok(()) => report.passed += 1,
            Err(e) => report
                .failures
                .push(format!("{} ({}): {e}", op.name, op.method)),
        }
    }
    report
}

fn read_manifest(suite_dir: &Path) -> Result<Vec<Operation>, String> {
    let text = fs::read_to_string(suite_dir.join("manifest.json")).map_err(|e| e.to_string())?;
    let manifest: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let groups = manifest["wireProtocolTestData"]
        .as_array()
        .ok_or("no wireProtocolTestData array")?;
    let mut ops = Vec::new();
    for group in groups {
        let group_name = group["name"].as_str().unwrap_or_default().to_owned();
        for op in group["operations"]
            .as_array()
            .ok_or("no operations array")?
        {
            let field = |key: &str| {
                op[key]
                    .as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("operation without {key}: {op}"))
            };
            ops.push(Operation {
                group: group_name.clone(),
                name: field("name")?,
                method: field("method")?,
                response: field("response")?,
                status: op["status"]
                    .as_u64()
                    .and_then(|s| u16::try_from(s).ok())
                    .ok_or_else(|| format!("operation without status: {op}"))?,
                error_message: op["errorMessage"].as_str().map(str::to_owned),
            });
        }
    }
    Ok(ops)
}

/// The manifest names `responses/x.res`; protocol 2.0.0 files live in
/// `responses-v2/`.
fn response_path(suite_dir: &Path, listed: &str) -> std::path::PathBuf {
    let file = listed.rsplit('/').next().unwrap_or(listed);
    suite_dir.join("responses-v2").join(file)
}

/// Parses a raw HTTP/1.1 response: status line, headers, blank line, body
/// (CRLF or LF line ends; the final line end is not part of the body;
/// `Content-Length` is ignored).
pub fn parse_res(bytes: &[u8]) -> Result<http::Response<Vec<u8>>, String> {
    let (head, body) = split_head(bytes).ok_or("no blank line after the headers")?;
    let head = std::str::from_utf8(head).map_err(|e| format!("headers are not UTF-8: {e}"))?;
    let mut lines = head.lines();
    let status_line = lines.next().ok_or("empty response")?;
    let mut parts = status_line.split_whitespace();
    let version = parts.next().unwrap_or_default();
    if !version.starts_with("HTTP/") {
        return Err(format!("bad status line {status_line:?}"));
    }
    let status: u16 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status in {status_line:?}"))?;
    let mut builder = http::Response::builder().status(status);
    for line in lines {
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| format!("bad header line {line:?}"))?;
        builder = builder.header(name.trim(), value.trim());
    }
    let body = body
        .strip_suffix(b"\r\n")
        .or_else(|| body.strip_suffix(b"\n"))
        .unwrap_or(body);
    builder.body(body.to_vec()).map_err(|e| e.to_string())
}

fn split_head(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let crlf = find(bytes, b"\r\n\r\n").map(|i| (i, 4));
    let lf = find(bytes, b"\n\n").map(|i| (i, 2));
    let (at, len) = match (crlf, lf) {
        (Some(a), Some(b)) => {
            if a.0 <= b.0 {
                a
            } else {
                b
            }
        }
        (a, b) => a.or(b)?,
    };
    Some((bytes.get(..at)?, bytes.get(at + len..)?))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn check_one(suite_dir: &Path, op: &Operation) -> Result<(), String> {
    let path = response_path(suite_dir, &op.response);
    let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let raw = parse_res(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    if raw.status() != op.status {
        return Err(format!(
            "file status {} but manifest says {}",
            raw.status(),
            op.status
        ));
    }
    let url = format!("/{}#{}", op.group, op.name);
    let kind = op.method.split(':').next().unwrap_or_default();
    let typed_keys = match op.group.as_str() {
        "collection" | "collectionReturnEntity" => Keys::Collection,
        "complexkey" | "association" => Keys::Parts,
        _ => Keys::Untyped,
    };
    let again = || raw.clone();
    // The body as plain JSON, to compare what the typed parsers kept.
    let json: Value = serde_json::from_slice(raw.body()).unwrap_or(Value::Null);
    match kind {
        "get" => expect::<EntityResponse>(again(), &url, op, |r| same(&r.entity, &json)),
        "get_all" | "finder" => expect::<CollectionResponse>(again(), &url, op, |r| {
            same(&Value::from(r.elements), &json["elements"])?;
            same(&r.metadata.unwrap_or(Value::Null), &json["metadata"])?;
            let paging = r.paging.ok_or("no paging")?;
            same(
                &serde_json::to_value(paging).map_err(|e| e.to_string())?,
                &json["paging"],
            )
        }),
        "batch_finder" => expect::<BatchFinderResponse>(again(), &url, op, |_| Ok(())),
        "create" => {
            expect::<CreateResponse>(again(), &url, op, |r| {
                check_create_id(r.meta.header("x-restli-id"), r.id.is_some())
            })?;
            match typed_keys {
                Keys::Collection => {
                    expect::<CreateResponse<CollectionKey>>(again(), &url, op, |r| {
                        check_create_id(r.meta.header("x-restli-id"), r.id.is_some())
                    })
                }
                Keys::Parts => expect::<CreateResponse<PartsKey>>(again(), &url, op, |r| {
                    check_create_id(r.meta.header("x-restli-id"), r.id.is_some())
                }),
                Keys::Untyped => Ok(()),
            }
        }
        "batch_create" => {
            expect::<BatchCreateResponse>(again(), &url, op, |r| check_batch_create(&r))?;
            match typed_keys {
                Keys::Collection => {
                    expect::<BatchCreateResponse<CollectionKey>>(again(), &url, op, |r| {
                        check_batch_create(&r)
                    })
                }
                Keys::Parts => expect::<BatchCreateResponse<PartsKey>>(again(), &url, op, |r| {
                    check_batch_create(&r)
                }),
                Keys::Untyped => Ok(()),
            }
        }
        "update" | "partial_update" | "delete" => {
            expect::<StatusResponse>(again(), &url, op, |_| Ok(()))
        }
        "batch_get" => {
            expect::<BatchGetResponse>(again(), &url, op, |r| check_batch_get(&r))?;
            match typed_keys {
                Keys::Collection => {
                    expect::<BatchGetResponse<CollectionKey>>(again(), &url, op, |r| {
                        check_batch_get(&r)
                    })
                }
                Keys::Parts => {
                    expect::<BatchGetResponse<PartsKey>>(again(), &url, op, |r| check_batch_get(&r))
                }
                Keys::Untyped => Ok(()),
            }
        }
        "batch_update" | "batch_partial_update" | "batch_delete" => {
            expect::<BatchStatusResponse>(again(), &url, op, |r| check_batch_status(&r))?;
            match typed_keys {
                Keys::Collection => {
                    expect::<BatchStatusResponse<CollectionKey>>(again(), &url, op, |r| {
                        check_batch_status(&r)
                    })
                }
                Keys::Parts => expect::<BatchStatusResponse<PartsKey>>(again(), &url, op, |r| {
                    check_batch_status(&r)
                }),
                Keys::Untyped => Ok(()),
            }
        }
        "action" => expect::<ActionResponse>(again(), &url, op, |r| {
            same(&r.value.unwrap_or(Value::Null), &json["value"])
        }),
        other => Err(format!("no typed response for method kind {other:?}")),
    }
}

/// The typed view kept exactly what the body said.
fn same(parsed: &Value, raw: &Value) -> Result<(), String> {
    if parsed == raw {
        Ok(())
    } else {
        Err(format!("parsed {parsed} but the body says {raw}"))
    }
}

enum Keys {
    Collection,
    Parts,
    Untyped,
}

/// Parses `raw` as `R`: a success is checked with `check`, a failure must be
/// the API error the manifest expects.
fn expect<R: FromResponse>(
    raw: http::Response<Vec<u8>>,
    url: &str,
    op: &Operation,
    check: impl FnOnce(R) -> Result<(), String>,
) -> Result<(), String> {
    let expected_success = (200..300).contains(&op.status);
    match (R::from_http(raw, url), expected_success) {
        (Ok(parsed), true) => check(parsed),
        (Ok(_), false) => Err(format!("parsed as a success, expected HTTP {}", op.status)),
        (Err(ResponseError::Api(err)), false) => {
            if err.status() != op.status {
                return Err(format!(
                    "API error status {} != {}",
                    err.status(),
                    op.status
                ));
            }
            if !err.is_restli_error_response() {
                return Err("X-RestLi-Error-Response not seen".into());
            }
            match (&op.error_message, err.message()) {
                (Some(want), Some(got)) if want == got => Ok(()),
                (Some(want), got) => Err(format!("error message {got:?}, expected {want:?}")),
                (None, _) => Ok(()),
            }
        }
        (Err(err), _) => Err(err.to_string()),
    }
}

fn check_create_id(header: Option<&str>, decoded: bool) -> Result<(), String> {
    match (header, decoded) {
        (Some(h), false) => Err(format!("X-RestLi-Id {h:?} not decoded")),
        (None, true) => Err("an id without X-RestLi-Id".into()),
        _ => Ok(()),
    }
}

fn check_batch_get<K, T>(r: &BatchGetResponse<K, T>) -> Result<(), String>
where
    K: Serialize + DeserializeOwned + Debug,
{
    if r.results.is_empty() {
        return Err("no results".into());
    }
    lookups_find_every_key(r.results.keys(), |k| r.results.get(k).is_some())
}

fn check_batch_status<K, T>(r: &BatchStatusResponse<K, T>) -> Result<(), String>
where
    K: Serialize + DeserializeOwned + Debug,
{
    if r.results.is_empty() && r.errors.is_empty() {
        return Err("neither results nor errors".into());
    }
    for (key, item) in &r.results {
        if !(200..500).contains(&item.status.as_u16()) {
            return Err(format!("odd status {} for {key:?}", item.status));
        }
    }
    lookups_find_every_key(r.results.keys(), |k| r.results.get(k).is_some())?;
    lookups_find_every_key(r.errors.keys(), |k| r.errors.get(k).is_some())
}

fn check_batch_create<K, T>(r: &BatchCreateResponse<K, T>) -> Result<(), String> {
    if r.elements.is_empty() {
        return Err("no elements".into());
    }
    if let Some(bad) = r.elements.iter().find(|e| !e.is_created()) {
        return Err(format!("element not created: status {}", bad.status));
    }
    Ok(())
}

fn lookups_find_every_key<'a, K: Debug + 'a>(
    keys: impl Iterator<Item = &'a K>,
    found: impl Fn(&K) -> bool,
) -> Result<(), String> {
    for key in keys {
        if !found(key) {
            return Err(format!("lookup by the decoded key {key:?} found nothing"));
        }
    }
    Ok(())
}
