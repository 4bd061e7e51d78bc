//! Request conformance: every `requests-v2/*.req` of LinkedIn's Rest.li
//! client test suite, built by hand with the public builders (the way a user
//! would write the call) and compared with the file semantically.
//!
//! The builder inputs are written out below, read once from the `.req`
//! files by a person; nothing here derives them from the files at run time,
//! so a decoding bug cannot hide an encoding bug.
//!
//! Compared: the HTTP verb; `X-RestLi-Protocol-Version` (always `2.0.0`);
//! `X-RestLi-Method` when the file has it (the Java client leaves it out
//! where the verb is unambiguous; we always send it, so ours must then name
//! the manifest's method); `Accept` and `Content-Type`; the path segments,
//! each decoded with [`restli_codec::from_str`]; the query parameters as a
//! decoded map (the `fields` projection only percent-decoded); the JSON body
//! as a value, the keys of a batch body's `entities` map decoded with
//! [`restli_codec::from_str_reduced`].

use std::collections::BTreeMap;
use std::error::Error;

use restli_codec::{
    DynamicRequest, Endpoint, Method, PROJECTION_PARAMS, Patch, Request, RequestConfig, from_str,
    from_str_reduced,
};
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::support::testsuite::{Operation, Request as Expected, Suite};

type BoxError = Box<dyn Error>;

/// What [`check_all`] found.
#[derive(Debug, Clone, Default)]
pub struct RequestReport {
    /// Operations whose request was built and matched its file.
    pub passed: usize,
    /// Operations in the manifest.
    pub total: usize,
    /// One line per operation that did not, naming it and saying why.
    pub failures: Vec<String>,
}

/// The config of every case: requests relative to the server root, like the
/// files.
pub fn config() -> Result<RequestConfig, BoxError> {
    let root = "http://localhost";
    Ok(RequestConfig::new().with_endpoint(Endpoint::new(root, root)?))
}

/// Builds and compares the request of every operation in the manifest.
pub fn check_all(suite: &Suite) -> RequestReport {
    let operations = suite.operations();
    let mut report = RequestReport {
        total: operations.len(),
        ..RequestReport::default()
    };
    let config = match config() {
        Ok(config) => config,
        Err(e) => {
            report.failures.push(format!("config: {e}"));
            return report;
        }
    };
    for op in &operations {
        match check_one(suite, &config, op) {
            Ok(()) => report.passed += 1,
            Err(e) => report
                .failures
                .push(format!("{} ({}): {e}", op.name, op.method)),
        }
    }
    report
}

fn check_one(suite: &Suite, config: &RequestConfig, op: &Operation) -> Result<(), String> {
    let expected = suite
        .request(&op.request)
        .ok_or_else(|| format!("no requests-v2/{}.req", op.request))?;
    let request = build(&op.name)
        .map_err(|e| format!("cannot build: {e}"))?
        .ok_or("no builder call written for this operation")?;
    let method = manifest_method(&op.method)?;
    if request.method() != method {
        return Err(format!(
            "built a {} request for a {} operation",
            request.method(),
            method
        ));
    }
    let http = request
        .to_http(config, None)
        .map_err(|e| format!("to_http: {e}"))?;
    compare(&http, &expected, method)
}

/// `finder:search` -> `Method::Finder`, `batch_get` -> `Method::BatchGet`.
fn manifest_method(method: &str) -> Result<Method, String> {
    let name = method.split_once(':').map_or(method, |(m, _)| m);
    name.parse()
        .map_err(|_| format!("unknown manifest method {method:?}"))
}

/// Compares a built request with the expected one; `Err` lists every
/// difference.
pub fn compare(
    built: &http::Request<Vec<u8>>,
    expected: &Expected,
    method: Method,
) -> Result<(), String> {
    let mut diffs = Vec::new();

    if built.method().as_str() != expected.method {
        diffs.push(format!(
            "verb: ours {}, expected {}",
            built.method(),
            expected.method
        ));
    }

    // Headers.
    let ours = |name: &str| {
        built
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap_or("<not UTF-8>").to_owned())
    };
    let theirs = |name: &str| expected.headers.get(name).map(str::to_owned);
    match theirs("X-RestLi-Protocol-Version").as_deref() {
        Some("2.0.0") => {}
        other => diffs.push(format!("the file says protocol version {other:?}")),
    }
    if ours("X-RestLi-Protocol-Version").as_deref() != Some("2.0.0") {
        diffs.push(format!(
            "X-RestLi-Protocol-Version: ours {:?}",
            ours("X-RestLi-Protocol-Version")
        ));
    }
    let restli_method = ours("X-RestLi-Method");
    if restli_method.as_deref() != Some(method.as_str()) {
        diffs.push(format!(
            "X-RestLi-Method: ours {restli_method:?}, the manifest says {:?}",
            method.as_str()
        ));
    }
    if let Some(want) = theirs("X-RestLi-Method")
        && restli_method.as_deref() != Some(want.as_str())
    {
        diffs.push(format!(
            "X-RestLi-Method: ours {restli_method:?}, expected {want:?}"
        ));
    }
    // Content-Type exactly when there is a body; Accept as in the file.
    for name in ["Content-Type", "Accept"] {
        let want = theirs(name);
        if (want.is_some() || name == "Content-Type") && ours(name) != want {
            diffs.push(format!("{name}: ours {:?}, expected {want:?}", ours(name)));
        }
    }

    // Path segments.
    let our_path = segments(built.uri().path());
    let their_path = segments(expected.path());
    match (our_path, their_path) {
        (Ok(o), Ok(t)) if o == t => {}
        (Ok(o), Ok(t)) => diffs.push(format!(
            "path: ours {} = {o:?}, expected {} = {t:?}",
            built.uri().path(),
            expected.path()
        )),
        (Err(e), _) => diffs.push(format!("our path {}: {e}", built.uri().path())),
        (_, Err(e)) => diffs.push(format!("expected path {}: {e}", expected.path())),
    }

    // Query parameters.
    match (query(built.uri().query()), query(expected.query())) {
        (Ok(o), Ok(t)) if o == t => {}
        (Ok(o), Ok(t)) => diffs.push(format!(
            "query: ours {:?} = {o:?}, expected {:?} = {t:?}",
            built.uri().query(),
            expected.query()
        )),
        (Err(e), _) => diffs.push(format!("our query {:?}: {e}", built.uri().query())),
        (_, Err(e)) => diffs.push(format!("expected query {:?}: {e}", expected.query())),
    }

    // Body.
    let our_body = if built.body().is_empty() {
        None
    } else {
        match serde_json::from_slice::<Value>(built.body()) {
            Ok(v) => Some(v),
            Err(e) => {
                diffs.push(format!("our body is not JSON: {e}"));
                None
            }
        }
    };
    let their_body = expected.json();
    match (&our_body, &their_body) {
        (None, None) => {}
        (Some(o), Some(t)) => {
            if let Err(e) = same_body(o, t) {
                diffs.push(format!("body: {e}\n  ours     {o}\n  expected {t}"));
            }
        }
        (o, t) => diffs.push(format!("body: ours {o:?}, expected {t:?}")),
    }

    if diffs.is_empty() {
        Ok(())
    } else {
        Err(diffs.join("; "))
    }
}

/// Every path segment, decoded as a Rest.li URL-form value.
fn segments(path: &str) -> Result<Vec<Value>, String> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| from_str::<Value>(s).map_err(|e| format!("segment {s:?}: {e}")))
        .collect()
}

/// The query as a map of decoded values (the projections, `fields`,
/// `metadataFields` and `pagingFields`, only percent-decoded).
fn query(raw: Option<&str>) -> Result<BTreeMap<String, Value>, String> {
    let mut params = BTreeMap::new();
    for pair in raw.into_iter().flat_map(|q| q.split('&')) {
        if pair.is_empty() {
            continue;
        }
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = percent_decode(name)?;
        let value = if PROJECTION_PARAMS.contains(&name.as_str()) {
            Value::String(percent_decode(value)?)
        } else {
            from_str::<Value>(value).map_err(|e| format!("parameter {name}={value}: {e}"))?
        };
        if params.insert(name.clone(), value).is_some() {
            return Err(format!("parameter {name} given twice"));
        }
    }
    Ok(params)
}

fn percent_decode(raw: &str) -> Result<String, String> {
    percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|e| format!("{raw:?} is not UTF-8 once percent-decoded: {e}"))
}

/// Equal JSON bodies, the keys of a batch body's `entities` map compared
/// after reduced decoding.
fn same_body(ours: &Value, theirs: &Value) -> Result<(), String> {
    let (Some(o), Some(t)) = (keyed(ours)?, keyed(theirs)?) else {
        return if ours == theirs {
            Ok(())
        } else {
            Err("the bodies differ".into())
        };
    };
    let rest = |body: &Value| match body {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| *k != "entities")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect::<Map<String, Value>>(),
        ),
        other => other.clone(),
    };
    if rest(ours) != rest(theirs) {
        return Err("the bodies differ beside \"entities\"".into());
    }
    if o.len() != t.len() {
        return Err(format!("{} entities, expected {}", o.len(), t.len()));
    }
    for (key, entity) in &o {
        match t.iter().find(|(k, _)| k == key) {
            Some((_, e)) if e == entity => {}
            Some(_) => return Err(format!("the entity for key {key} differs")),
            None => return Err(format!("key {key} is not among the expected keys")),
        }
    }
    Ok(())
}

/// The `entities` map of a batch body, its keys decoded; `None` when there
/// is none.
fn keyed(body: &Value) -> Result<Option<Vec<(Value, Value)>>, String> {
    let Some(map) = body.get("entities").and_then(Value::as_object) else {
        return Ok(None);
    };
    map.iter()
        .map(|(k, v)| {
            from_str_reduced::<Value>(k)
                .map(|key| (key, v.clone()))
                .map_err(|e| format!("entities key {k:?}: {e}"))
        })
        .collect::<Result<_, _>>()
        .map(Some)
}

// ---------------------------------------------------------------------------
// The test suite's data model, as a user would declare it.

/// `testsuite.Fruits`.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "UPPERCASE")]
enum Fruit {
    Apple,
    Orange,
}

/// `testsuite.Message`.
#[derive(Debug, Clone, Serialize)]
struct Message<'a> {
    message: &'a str,
}

fn message(message: &str) -> Message<'_> {
    Message { message }
}

/// `testsuite.Greeting`-like record of the `collection` resource.
#[derive(Debug, Clone, Default, Serialize)]
struct Greeting<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
}

/// `testsuite.complexkey.ComplexKey`: the key part of the `complexkey`
/// resource, also the association key of `association`.
#[derive(Debug, Clone, Serialize)]
struct Parts<'a> {
    part1: &'a str,
    part2: i64,
    part3: Fruit,
}

/// `testsuite.complexkey.KeyParams`.
#[derive(Debug, Clone, Serialize)]
struct KeyParams<'a> {
    param1: &'a str,
    param2: i64,
}

/// A complex resource key as it goes in a URL: the key record plus its
/// `$params`.
#[derive(Debug, Clone, Serialize)]
struct ComplexKey<'a> {
    #[serde(rename = "$params")]
    params: KeyParams<'a>,
    part1: &'a str,
    part2: i64,
    part3: Fruit,
}

fn complex_key<'a>(
    part1: &'a str,
    part2: i64,
    part3: Fruit,
    param1: &'a str,
    param2: i64,
) -> ComplexKey<'a> {
    ComplexKey {
        params: KeyParams { param1, param2 },
        part1,
        part2,
        part3,
    }
}

/// The entity of the `complexkey` and `association` resources.
#[derive(Debug, Clone, Serialize)]
struct ComplexEntity<'a> {
    message: Message<'a>,
    key: Parts<'a>,
}

/// The association key of `association-assoc-key-finder`: only `part1`.
#[derive(Debug, Clone, Serialize)]
struct Part1<'a> {
    part1: &'a str,
}

/// The association key of `associationTyperef`.
#[derive(Debug, Clone, Serialize)]
struct TyperefAssociation<'a> {
    part1: &'a str,
    part2: i64,
}

/// The union inside `testsuite.ComplexTypesUnion`.
#[derive(Debug, Clone, Serialize)]
enum ComplexTypeUnion {
    #[serde(rename = "testsuite.Fruits")]
    Fruits(Fruit),
}

/// `testsuite.ComplexTypesUnion`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ComplexTypesUnion {
    complex_type_union: ComplexTypeUnion,
}

/// The union inside `testsuite.PrimitiveUnion`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "lowercase")]
enum PrimitivesUnion {
    Long(i64),
}

/// `testsuite.PrimitiveUnion`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct PrimitiveUnion {
    primitives_union: PrimitivesUnion,
}

/// The union key of `keywithunion`.
#[derive(Debug, Clone, Serialize)]
enum KeyUnion<'a> {
    #[serde(rename = "testsuite.complexkey.ComplexKey")]
    ComplexKey(Parts<'a>),
}

/// The complex key of `keywithunion`.
#[derive(Debug, Clone, Serialize)]
struct KeyWithUnion<'a> {
    #[serde(rename = "$params")]
    params: KeyParams<'a>,
    union: KeyUnion<'a>,
}

/// The query parameters of `params-get-with-queryparams`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Params<'a> {
    complex_types_union: ComplexTypesUnion,
    int: i32,
    long: i64,
    message_array: Vec<Message<'a>>,
    primitive_union: PrimitiveUnion,
    string: &'a str,
    string_array: Vec<&'a str>,
    string_map: BTreeMap<&'a str, &'a str>,
    url_typeref: &'a str,
}

/// The parameters of the `multipleInputs` action.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct MultipleInputs<'a> {
    url_typeref: &'a str,
    string: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    optional_string: Option<&'a str>,
    message: Message<'a>,
}

/// The special characters of the `*-with-special-chars` cases.
const SPECIAL: &str = "!*'();:@&=+$,/?#[].~";

// ---------------------------------------------------------------------------
// The 59 calls, by manifest operation name.

/// The builder call for a manifest operation; `Ok(None)` when none is
/// written here.
pub fn build(name: &str) -> Result<Option<DynamicRequest>, BoxError> {
    use Fruit::{Apple, Orange};

    let key_one = || complex_key("one", 2, Apple, "param1", 5);
    let key_two = || complex_key("two", 7, Orange, "param2", 11);
    let assoc_two = Parts {
        part1: "two",
        part2: 3,
        part3: Orange,
    };
    let assoc_five = Parts {
        part1: "five",
        part2: 9,
        part3: Apple,
    };
    let parts_one = Parts {
        part1: "one",
        part2: 2,
        part3: Apple,
    };

    let request = match name {
        // collectionReturnEntity
        "collectionReturnEntity-create" => DynamicRequest::from({
            Request::create("/collectionReturnEntity", &message("test message"))
        }),

        // collection
        "collection-get" => DynamicRequest::from(Request::get("/collection/{id}").key("id", &1)),
        "collection-create" => {
            DynamicRequest::from(Request::create("/collection", &message("test message")))
        }
        "collection-update" => DynamicRequest::from(
            Request::update(
                "/collection/{id}",
                &Greeting {
                    id: Some(1),
                    message: Some("updated message"),
                },
            )
            .key("id", &1),
        ),
        "collection-partial-update" => DynamicRequest::from(
            Request::partial_update(
                "/collection/{id}",
                &Patch::set(&message("partial updated message"))?,
            )
            .key("id", &1),
        ),
        "collection-delete" => {
            DynamicRequest::from(Request::delete("/collection/{id}").key("id", &1))
        }
        "collection-batch-get" => DynamicRequest::from(Request::batch_get("/collection", [1, 3])),
        "collection-batch-create" => DynamicRequest::from(Request::batch_create(
            "/collection",
            [message("test message"), message("another message")],
        )),
        "collection-batch-update" => DynamicRequest::from(Request::batch_update(
            "/collection",
            [1, 3],
            [
                Greeting {
                    id: Some(1),
                    message: Some("updated message"),
                },
                Greeting {
                    id: Some(3),
                    message: Some("inserted message"),
                },
            ],
        )),
        "collection-batch-partial-update" => DynamicRequest::from(Request::batch_partial_update(
            "/collection",
            [1, 3],
            [
                Patch::set(&message("partial updated message"))?,
                Patch::set(&message("another partial message"))?,
            ],
        )),
        "collection-batch-delete" => {
            DynamicRequest::from(Request::batch_delete("/collection", [1, 3]))
        }
        "collection-get-projection" => {
            DynamicRequest::from(Request::get("/collection/{id}").key("id", &1).fields("id"))
        }
        "collection-get-404" => {
            DynamicRequest::from(Request::get("/collection/{id}").key("id", &2))
        }
        "collection-update-400" => DynamicRequest::from(
            Request::update(
                "/collection/{id}",
                &Greeting {
                    id: Some(1),
                    message: None,
                },
            )
            .key("id", &1),
        ),
        "collection-create-500" => DynamicRequest::from(Request::create(
            "/collection",
            &Greeting {
                id: Some(3),
                message: Some("internal error test"),
            },
        )),
        "collection-create-error-details" => DynamicRequest::from(Request::create(
            "/collection",
            &Greeting {
                id: Some(3),
                message: Some("error details test"),
            },
        )),
        "collection-batch-update-errors" => DynamicRequest::from(Request::batch_update(
            "/collection",
            [1, 2, 4],
            [
                Greeting {
                    id: Some(1),
                    message: Some("updated message"),
                },
                Greeting {
                    id: Some(3),
                    message: None,
                },
                Greeting {
                    id: Some(3),
                    message: Some("inserted message"),
                },
            ],
        )),
        "sub-collection-of-collection-get" => DynamicRequest::from({
            Request::get("/collection/{collectionId}/subcollection/{subcollectionId}")
                .key("collectionId", &1)
                .key("subcollectionId", &100)
        }),
        "sub-simple-of-collection-get" => DynamicRequest::from({
            Request::get("/collection/{collectionId}/subsimple").key("collectionId", &1)
        }),
        "collection-search-finder" => DynamicRequest::from({
            Request::finder("/collection", "search").param("keyword", "message")
        }),

        // complexkey
        "complexkey-get" => {
            DynamicRequest::from(Request::get("/complexkey/{key}").key("key", &key_one()))
        }
        "complexkey-get-projection" => DynamicRequest::from(
            Request::get("/complexkey/{key}")
                .key("key", &key_one())
                .fields("message:(id)"),
        ),
        "complexkey-create" => DynamicRequest::from(Request::create(
            "/complexkey",
            &ComplexEntity {
                message: message("test message"),
                key: parts_one.clone(),
            },
        )),
        "complexkey-update" => DynamicRequest::from(
            Request::update(
                "/complexkey/{key}",
                &ComplexEntity {
                    message: message("updated message"),
                    key: parts_one.clone(),
                },
            )
            .key("key", &key_one()),
        ),
        "complexkey-delete" => {
            DynamicRequest::from(Request::delete("/complexkey/{key}").key("key", &key_one()))
        }
        "complexkey-batch-get" => {
            DynamicRequest::from(Request::batch_get("/complexkey", [key_one(), key_two()]))
        }
        "complexkey-batch-create" => DynamicRequest::from(Request::batch_create(
            "/complexkey",
            [
                ComplexEntity {
                    message: message("test message"),
                    key: parts_one.clone(),
                },
                ComplexEntity {
                    message: message("another message"),
                    key: Parts {
                        part1: "two",
                        part2: 7,
                        part3: Orange,
                    },
                },
            ],
        )),
        "complexkey-batch-update" => DynamicRequest::from(Request::batch_update(
            "/complexkey",
            [key_one(), key_two()],
            [
                ComplexEntity {
                    message: message("updated message"),
                    key: parts_one.clone(),
                },
                // The suite sends key one in the second entity too.
                ComplexEntity {
                    message: message("another updated message"),
                    key: parts_one.clone(),
                },
            ],
        )),
        "complexkey-batch-delete" => {
            DynamicRequest::from(Request::batch_delete("/complexkey", [key_one(), key_two()]))
        }
        "complexkey-partial-update" => DynamicRequest::from({
            let original = ComplexEntity {
                message: message("test message"),
                key: parts_one.clone(),
            };
            let modified = ComplexEntity {
                key: Parts {
                    part1: "newpart1",
                    ..parts_one.clone()
                },
                ..original.clone()
            };
            Request::partial_update("/complexkey/{key}", &Patch::diff(&original, &modified)?)
                .key("key", &key_one())
        }),
        "complexkey-get-with-special-chars" => DynamicRequest::from({
            let part1 = format!("key{SPECIAL}");
            let param1 = format!("param{SPECIAL}");
            Request::get("/complexkey/{key}").key("key", &complex_key(&part1, 2, Apple, &param1, 5))
        }),
        "complexkey-batch-get-with-special-chars" => {
            let part1 = format!("key{SPECIAL}");
            let param1 = format!("param{SPECIAL}");
            DynamicRequest::from(Request::batch_get(
                "/complexkey",
                [complex_key(&part1, 2, Apple, &param1, 5), key_two()],
            ))
        }

        // association
        "association-get" => {
            DynamicRequest::from(Request::get("/association/{key}").key("key", &assoc_two))
        }
        "association-update" => DynamicRequest::from(
            Request::update(
                "/association/{key}",
                &ComplexEntity {
                    message: message("updated message"),
                    key: assoc_two.clone(),
                },
            )
            .key("key", &assoc_two),
        ),
        "association-delete" => {
            DynamicRequest::from(Request::delete("/association/{key}").key("key", &assoc_two))
        }
        "association-batch-get" => DynamicRequest::from({
            Request::batch_get("/association", [assoc_two.clone(), assoc_five.clone()])
        }),
        "association-batch-update" => DynamicRequest::from(Request::batch_update(
            "/association",
            [assoc_two.clone(), assoc_five.clone()],
            [
                ComplexEntity {
                    message: message("updated message"),
                    key: assoc_two.clone(),
                },
                ComplexEntity {
                    message: message("another updated message"),
                    key: assoc_five.clone(),
                },
            ],
        )),
        "association-batch-delete" => DynamicRequest::from({
            Request::batch_delete("/association", [assoc_two.clone(), assoc_five.clone()])
        }),
        // A finder on an association key prefix: the known key parts in the
        // path.
        "association-assoc-key-finder" => DynamicRequest::from({
            Request::finder("/association/{key}", "part1").key("key", &Part1 { part1: "one" })
        }),

        // simple
        "simple-get" => DynamicRequest::from(Request::get("/simple")),
        "simple-update" => {
            DynamicRequest::from(Request::update("/simple", &message("updated message")))
        }
        "simple-delete" => DynamicRequest::from(Request::delete("/simple")),

        // actionSet
        "actionset-echo" => DynamicRequest::from(Request::action(
            "/actionSet",
            "echo",
            &json!({"input": "Is anybody out there?"}),
        )),
        "actionset-return-int" => {
            DynamicRequest::from(Request::action("/actionSet", "returnInt", &()))
        }
        "actionset-return-bool" => {
            DynamicRequest::from(Request::action("/actionSet", "returnBool", &()))
        }
        "actionset-echo-message" => DynamicRequest::from(Request::action(
            "/actionSet",
            "echoMessage",
            &json!({"message": message("test message")}),
        )),
        "actionset-echo-message-array" => DynamicRequest::from(Request::action(
            "/actionSet",
            "echoMessageArray",
            &json!({"messages": [message("test message"), message("another message")]}),
        )),
        "actionset-echo-string-array" => DynamicRequest::from(Request::action(
            "/actionSet",
            "echoStringArray",
            &json!({"strings": ["string one", "string two"]}),
        )),
        "actionset-echo-string-map" => DynamicRequest::from(Request::action(
            "/actionSet",
            "echoStringMap",
            &json!({"strings": {"one": "string one", "two": "string two"}}),
        )),
        "actionset-echo-typeref-url" => DynamicRequest::from(Request::action(
            "/actionSet",
            "echoTyperefUrl",
            &json!({"urlTyperef": "http://rest.li"}),
        )),
        "actionset-echo-primitive-union" => DynamicRequest::from(Request::action(
            "/actionSet",
            "echoPrimitiveUnion",
            &json!({"primitiveUnion": PrimitiveUnion {
                primitives_union: PrimitivesUnion::Long(100),
            }}),
        )),
        "actionset-echo-complex-types-union" => DynamicRequest::from(Request::action(
            "/actionSet",
            "echoComplexTypesUnion",
            &json!({"complexTypesUnion": ComplexTypesUnion {
                complex_type_union: ComplexTypeUnion::Fruits(Apple),
            }}),
        )),
        "actionset-empty-response" => DynamicRequest::from(Request::action(
            "/actionSet",
            "emptyResponse",
            &json!({
                "message1": message("test message"),
                "message2": message("another message"),
            }),
        )),
        "actionset-multiple-inputs" => DynamicRequest::from(Request::action(
            "/actionSet",
            "multipleInputs",
            &MultipleInputs {
                url_typeref: "http://rest.li",
                string: "string",
                optional_string: Some("optional string"),
                message: message("test message"),
            },
        )),
        // The suite writes this URL without its colon.
        "actionset-multiple-inputs-no-optional" => DynamicRequest::from(Request::action(
            "/actionSet",
            "multipleInputs",
            &MultipleInputs {
                url_typeref: "http//rest.li",
                string: "string",
                optional_string: None,
                message: message("test message"),
            },
        )),

        // keywithunion
        "keywithunion-get" => DynamicRequest::from(Request::get("/keywithunion/{key}").key(
            "key",
            &KeyWithUnion {
                params: KeyParams {
                    param1: "param1",
                    param2: 5,
                },
                union: KeyUnion::ComplexKey(parts_one.clone()),
            },
        )),

        // params
        "params-get-with-queryparams" => DynamicRequest::from({
            Request::get("/params/{id}")
                .key("id", &100)
                .params(&Params {
                    complex_types_union: ComplexTypesUnion {
                        complex_type_union: ComplexTypeUnion::Fruits(Apple),
                    },
                    int: 3,
                    long: i64::MAX,
                    message_array: vec![message("test message"), message("another message")],
                    primitive_union: PrimitiveUnion {
                        primitives_union: PrimitivesUnion::Long(100),
                    },
                    string: "string",
                    string_array: vec!["string one", "string two"],
                    string_map: BTreeMap::from([("one", "string one"), ("two", "string two")]),
                    url_typeref: "http://rest.li",
                })
        }),

        // typerefs
        "collection-typeref-get" => DynamicRequest::from({
            Request::get("/collectionTyperef/{url}").key("url", "http://rest.li")
        }),
        "association-typeref-get" => {
            DynamicRequest::from(Request::get("/associationTyperef/{key}").key(
                "key",
                &TyperefAssociation {
                    part1: "http://rest.li",
                    part2: 5,
                },
            ))
        }

        _ => return Ok(None),
    };
    Ok(Some(request))
}
