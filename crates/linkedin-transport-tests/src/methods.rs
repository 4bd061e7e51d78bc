//! The 14 Rest.li methods over a real loopback socket, query tunneling,
//! API errors, per-call tokens and the path-segment guard.
//!
//! HTTP mapping and headers per method: the Rest.li protocol
//! (<https://linkedin.github.io/rest.li/spec/protocol>); LinkedIn's error
//! bodies and `X-RestLi-Error-Response`:
//! <https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling>.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use linkedin_client_core::Error;
use linkedin_oauth::AccessToken;
use linkedin_test_support::{Recorded, Script};
use restli_codec::response::{
    ActionResponse, BatchCreateResponse, BatchFinderResponse, BatchGetResponse,
    BatchStatusResponse, CollectionResponse, CreateResponse, EntityResponse, StatusResponse,
};
use restli_codec::{Method, Patch, Request};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::wire::{self, body_json, json as answer, json_with, status, untunneled, with_headers};
use crate::{Setup, Transport, logs};

const TOKEN: &str = "AQV-round-trip-token-5d1f";

fn client<T: Transport>(server: &linkedin_test_support::HostileServer) -> T {
    T::build(Setup::new(&server.origin()).token(TOKEN)).expect("client")
}

fn ids_param(request: &Recorded) -> Vec<Value> {
    restli_codec::from_str(&request.param("ids").unwrap_or_else(|| "List()".into()))
        .expect("ids=List(..)")
}

/// A `/campaigns` resource answering every method with a fixed shape.
fn campaigns(raw: &Recorded, _: usize) -> Script {
    let request = untunneled(raw);
    let method: Method = request
        .header("x-restli-method")
        .unwrap_or_default()
        .parse()
        .expect("an X-RestLi-Method");
    let id_map = |value: &dyn Fn(&Value) -> Value| {
        let map: serde_json::Map<String, Value> = ids_param(&request)
            .iter()
            .map(|id| {
                (
                    restli_codec::to_string_reduced(id).expect("a key"),
                    value(id),
                )
            })
            .collect();
        Value::Object(map)
    };
    match method {
        Method::Get => {
            let id = request
                .path()
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_owned();
            answer(
                200,
                &json!({"id": id.parse::<u64>().unwrap_or(0), "name": format!("campaign {id}")}),
            )
        }
        Method::BatchGet => answer(
            200,
            &json!({"results": id_map(&|id| json!({"key": id, "impressions": 10})), "errors": {}}),
        ),
        Method::GetAll => answer(
            200,
            &json!({"elements": [{"id": 1}, {"id": 2}], "paging": {"start": 0, "count": 10, "total": 2}}),
        ),
        Method::Finder => answer(
            200,
            &json!({"elements": [{"id": 3, "search": request.param("search")}], "metadata": {"n": 1}}),
        ),
        Method::BatchFinder => {
            let criteria: Vec<Value> =
                restli_codec::from_str(&request.param("criteria").unwrap_or_default())
                    .expect("criteria");
            let elements: Vec<Value> = criteria
                .iter()
                .map(|c| json!({"elements": [{"name": c["name"]}]}))
                .collect();
            answer(200, &json!({"elements": elements}))
        }
        Method::Create => {
            with_headers(201, &[("x-restli-id", "42"), ("location", "/campaigns/42")])
        }
        Method::BatchCreate => {
            let count = body_json(&request)["elements"]
                .as_array()
                .map_or(0, Vec::len);
            let elements: Vec<Value> = (0..count)
                .map(|i| json!({"status": 201, "id": (100 + i).to_string()}))
                .collect();
            answer(200, &json!({"elements": elements}))
        }
        Method::Update | Method::PartialUpdate | Method::Delete => status(204),
        Method::BatchUpdate | Method::BatchPartialUpdate | Method::BatchDelete => answer(
            200,
            &json!({"results": id_map(&|_| json!({"status": 204})), "errors": {}}),
        ),
        Method::Action => answer(
            200,
            &json!({"value": format!("echo {}", body_json(&request)["text"].as_str().unwrap_or_default())}),
        ),
    }
}

/// Each of the 14 methods goes out with its verb, `X-RestLi-Method`, the
/// protocol version and the bearer token, comes back typed, and every
/// call reuses one connection.
pub fn all_fourteen_methods_round_trip_with_their_headers<T: Transport>() {
    logs::init();
    let server = wire::serve(campaigns);
    let client: T = client(&server);

    let one: EntityResponse = client
        .send(Request::get("/campaigns/{id}").key("id", &7))
        .expect("get");
    assert_eq!(one.entity, json!({"id": 7, "name": "campaign 7"}));

    let batch: BatchGetResponse<u64> = client
        .send(Request::batch_get("/campaigns", [1, 2]))
        .expect("batch_get");
    assert_eq!(batch.results.len(), 2);
    assert_eq!(batch.results.get(&2).expect("2")["impressions"], 10);

    let all: CollectionResponse = client
        .send(Request::get_all("/campaigns"))
        .expect("get_all");
    assert_eq!(all.elements.len(), 2);
    assert_eq!(all.paging.expect("paging").total, Some(2));

    let found: CollectionResponse = client
        .send(Request::finder("/campaigns", "search").param("search", &json!({"status": "ACTIVE"})))
        .expect("finder");
    assert_eq!(found.elements[0]["search"], "(status:ACTIVE)");

    let many: BatchFinderResponse = client
        .send(Request::batch_finder(
            "/campaigns",
            "search",
            "criteria",
            [json!({"name": "a"}), json!({"name": "b"})],
        ))
        .expect("batch_finder");
    assert_eq!(many.results.len(), 2);
    assert_eq!(
        many.results[1].as_ref().expect("a page").elements[0]["name"],
        "b"
    );

    let created: CreateResponse<u64> = client
        .send(Request::create("/campaigns", &json!({"name": "new"})))
        .expect("create");
    assert_eq!(created.id, Some(42));
    assert_eq!(created.location(), Some("/campaigns/42"));

    let created_many: BatchCreateResponse<u64> = client
        .send(Request::batch_create(
            "/campaigns",
            [json!({"name": "a"}), json!({"name": "b"})],
        ))
        .expect("batch_create");
    let ids: Vec<u64> = created_many.elements.iter().filter_map(|e| e.id).collect();
    assert_eq!(ids, [100, 101]);

    let updated: StatusResponse = client
        .send(Request::update("/campaigns/{id}", &json!({"name": "renamed"})).key("id", &7))
        .expect("update");
    assert_eq!(updated.meta.status(), 204);

    let updated_many: BatchStatusResponse<u64> = client
        .send(Request::batch_update(
            "/campaigns",
            [1, 2],
            [json!({"name": "a"}), json!({"name": "b"})],
        ))
        .expect("batch_update");
    assert_eq!(updated_many.results.get(&1).expect("1").status, 204);

    let patch = Patch::set(&json!({"status": "PAUSED"})).expect("patch");
    let patched: StatusResponse = client
        .send(Request::partial_update("/campaigns/{id}", &patch).key("id", &7))
        .expect("partial_update");
    assert_eq!(patched.meta.status(), 204);

    let patched_many: BatchStatusResponse<u64> = client
        .send(Request::batch_partial_update(
            "/campaigns",
            [1, 2],
            [patch.clone(), patch],
        ))
        .expect("batch_partial_update");
    assert_eq!(patched_many.results.len(), 2);

    let deleted: StatusResponse = client
        .send(Request::delete("/campaigns/{id}").key("id", &7))
        .expect("delete");
    assert_eq!(deleted.meta.status(), 204);

    let deleted_many: BatchStatusResponse<u64> = client
        .send(Request::batch_delete("/campaigns", [1, 2]))
        .expect("batch_delete");
    assert_eq!(deleted_many.results.get(&2).expect("2").status, 204);

    let echoed: ActionResponse<String> = client
        .send(Request::action(
            "/campaigns",
            "echo",
            &json!({"text": "hi"}),
        ))
        .expect("action");
    assert_eq!(echoed.value.as_deref(), Some("echo hi"));

    let seen = server.requests();
    let expected = [
        ("GET", "get"),
        ("GET", "batch_get"),
        ("GET", "get_all"),
        ("GET", "finder"),
        ("GET", "batch_finder"),
        ("POST", "create"),
        ("POST", "batch_create"),
        ("PUT", "update"),
        ("PUT", "batch_update"),
        ("POST", "partial_update"),
        ("POST", "batch_partial_update"),
        ("DELETE", "delete"),
        ("DELETE", "batch_delete"),
        ("POST", "action"),
    ];
    assert_eq!(seen.len(), expected.len());
    for (request, (verb, method)) in seen.iter().zip(expected) {
        assert_eq!(request.method, verb, "verb of {method}");
        assert_eq!(request.header("x-restli-method"), Some(method));
        assert_eq!(request.header("x-restli-protocol-version"), Some("2.0.0"));
        assert_eq!(
            request.header("authorization"),
            Some(format!("Bearer {TOKEN}").as_str())
        );
    }
    assert_eq!(
        body_json(&seen[9]),
        json!({"patch": {"$set": {"status": "PAUSED"}}})
    );
    // One client, sequential calls: connections are pooled and reused (a
    // client without a pool would open 14). Not exactly one: an async pool
    // may open another while a finished connection is still being put
    // back, which happens under load.
    assert!(
        server.connections() <= 3,
        "{} connections for 14 sequential calls",
        server.connections()
    );
    logs::assert_hidden(&[TOKEN]);
}

type Store = Arc<Mutex<BTreeMap<i64, Value>>>;

fn path_id(request: &Recorded) -> Option<i64> {
    request
        .path()
        .strip_prefix("/v2/greetings/")
        .and_then(|id| id.parse().ok())
}

fn statuses(ids: &[i64], status: u16) -> Value {
    let results: serde_json::Map<String, Value> = ids
        .iter()
        .map(|id| (id.to_string(), json!({ "status": status })))
        .collect();
    json!({ "results": results, "errors": {} })
}

fn apply_patch(entity: Option<&mut Value>, patch: &Value) {
    if let (Some(entity), Some(set)) = (
        entity.and_then(Value::as_object_mut),
        patch["patch"]["$set"].as_object(),
    ) {
        for (field, value) in set {
            entity.insert(field.clone(), value.clone());
        }
    }
}

fn numeric_ids(request: &Recorded) -> Vec<i64> {
    restli_codec::from_str(&request.param("ids").unwrap_or_else(|| "List()".into()))
        .expect("ids=List(..) of numbers")
}

/// A greetings resource supporting every method, in memory.
fn greetings(store: &Store, raw: &Recorded) -> Script {
    let request = untunneled(raw);
    if request.header("authorization") != Some(&format!("Bearer {TOKEN}"))
        || request.header("x-restli-protocol-version") != Some("2.0.0")
    {
        return answer(401, &json!({"status": 401, "message": "bad headers"}));
    }
    let mut store = store.lock().unwrap_or_else(PoisonError::into_inner);
    let method = request
        .header("x-restli-method")
        .unwrap_or_default()
        .to_owned();
    let next_id = |store: &BTreeMap<i64, Value>| store.keys().next_back().copied().unwrap_or(0) + 1;
    let decoded = |name: &str| request.param(name).unwrap_or_default();
    match (method.as_str(), request.method.as_str()) {
        ("get", "GET") => match path_id(&request).and_then(|id| store.get(&id)) {
            Some(entity) => answer(200, entity),
            None => json_with(
                404,
                &[("x-restli-error-response", "true")],
                &json!({"status": 404, "message": "no such greeting"}),
            ),
        },
        ("batch_get", "GET") => {
            let mut results = serde_json::Map::new();
            let mut errors = serde_json::Map::new();
            for id in numeric_ids(&request) {
                match store.get(&id) {
                    Some(entity) => results.insert(id.to_string(), entity.clone()),
                    None => {
                        errors.insert(id.to_string(), json!({"status": 404, "message": "missing"}))
                    }
                };
            }
            answer(200, &json!({"results": results, "errors": errors}))
        }
        ("get_all", "GET") => {
            let all: Vec<Value> = store.values().cloned().collect();
            answer(
                200,
                &json!({"elements": all, "paging": {"start": 0, "count": 10, "total": all.len(), "links": []}}),
            )
        }
        ("finder", "GET") if decoded("q") == "tone" => {
            let tone: String = restli_codec::from_str(&decoded("tone")).expect("a tone");
            let found: Vec<Value> = store
                .values()
                .filter(|g| g["tone"] == tone.as_str())
                .cloned()
                .collect();
            answer(
                200,
                &json!({"elements": found, "paging": {"start": 0, "count": 10, "links": []}}),
            )
        }
        ("batch_finder", "GET") if decoded("bq") == "tone" => {
            let criteria: Vec<BTreeMap<String, String>> =
                restli_codec::from_str(&decoded("criteria")).expect("criteria");
            let pages: Vec<Value> = criteria
                .iter()
                .map(|c| {
                    let found: Vec<Value> = store
                        .values()
                        .filter(|g| Some(&g["tone"]) == c.get("tone").map(|t| json!(t)).as_ref())
                        .cloned()
                        .collect();
                    json!({"elements": found})
                })
                .collect();
            answer(200, &json!({"elements": pages}))
        }
        ("create", "POST") => {
            let id = next_id(&store);
            let mut entity = body_json(&request);
            entity["id"] = json!(id);
            store.insert(id, entity);
            with_headers(201, &[("x-restli-id", &id.to_string())])
        }
        ("batch_create", "POST") => {
            let mut created = Vec::new();
            let body = body_json(&request);
            for entity in body["elements"].as_array().into_iter().flatten() {
                let id = next_id(&store);
                let mut entity = entity.clone();
                entity["id"] = json!(id);
                store.insert(id, entity);
                created.push(json!({"status": 201, "id": id.to_string()}));
            }
            answer(200, &json!({"elements": created}))
        }
        ("update", "PUT") => {
            if let Some(id) = path_id(&request) {
                store.insert(id, body_json(&request));
            }
            status(204)
        }
        ("batch_update", "PUT") => {
            let ids = numeric_ids(&request);
            let body = body_json(&request);
            for id in &ids {
                store.insert(*id, body["entities"][id.to_string()].clone());
            }
            answer(200, &statuses(&ids, 204))
        }
        ("partial_update", "POST") => {
            if let Some(id) = path_id(&request) {
                apply_patch(store.get_mut(&id), &body_json(&request));
            }
            status(204)
        }
        ("batch_partial_update", "POST") => {
            let ids = numeric_ids(&request);
            let body = body_json(&request);
            for id in &ids {
                apply_patch(store.get_mut(id), &body["entities"][id.to_string()]);
            }
            answer(200, &statuses(&ids, 204))
        }
        ("delete", "DELETE") => {
            if let Some(id) = path_id(&request) {
                store.remove(&id);
            }
            status(204)
        }
        ("batch_delete", "DELETE") => {
            let ids = numeric_ids(&request);
            for id in &ids {
                store.remove(id);
            }
            answer(200, &statuses(&ids, 204))
        }
        ("action", "POST") if decoded("action") == "countTone" => {
            let tone = body_json(&request)["tone"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let count = store
                .values()
                .filter(|g| g["tone"] == tone.as_str())
                .count();
            answer(200, &json!({"value": count}))
        }
        other => answer(
            400,
            &json!({"status": 400, "message": format!("unexpected {other:?}")}),
        ),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Greeting {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<i64>,
    message: String,
    tone: String,
}

fn greeting(message: &str, tone: &str) -> Greeting {
    Greeting {
        id: None,
        message: message.into(),
        tone: tone.into(),
    }
}

/// The 14 methods against a resource that keeps its entities: what is
/// left after creating, updating, patching and deleting is what the calls
/// said, and each method went over the wire once.
pub fn an_in_memory_resource_lives_through_all_fourteen_methods<T: Transport>() {
    let store = Store::default();
    let server = {
        let store = store.clone();
        wire::serve(move |request, _| greetings(&store, request))
    };
    let client: T = client(&server);

    let created: CreateResponse<i64> = client
        .send(Request::create(
            "/greetings",
            &greeting("hello", "FRIENDLY"),
        ))
        .expect("create");
    assert_eq!(created.id, Some(1));

    let batch: BatchCreateResponse<i64> = client
        .send(Request::batch_create(
            "/greetings",
            [
                greeting("hi", "FRIENDLY"),
                greeting("dear sir", "SINCERE"),
                greeting("yo", "INSULTING"),
            ],
        ))
        .expect("batch_create");
    let ids: Vec<Option<i64>> = batch.elements.iter().map(|item| item.id).collect();
    assert_eq!(ids, [Some(2), Some(3), Some(4)]);
    assert!(batch.elements.iter().all(|item| item.is_created()));

    let one: EntityResponse<Greeting> = client
        .send(Request::get("/greetings/{id}").key("id", &1))
        .expect("get");
    assert_eq!(one.entity.message, "hello");
    assert_eq!(one.entity.id, Some(1));

    // BATCH_GET, with one missing id.
    let some: BatchGetResponse<i64, Greeting> = client
        .send(Request::batch_get("/greetings", [1, 3, 99]))
        .expect("batch_get");
    assert_eq!(some.results.len(), 2);
    assert_eq!(some.get(&3).expect("3").expect("found").message, "dear sir");
    assert!(some.get(&99).expect("99").is_err());

    let all: CollectionResponse<Greeting> = client
        .send(Request::get_all("/greetings"))
        .expect("get_all");
    assert_eq!(all.elements.len(), 4);
    assert_eq!(all.paging.expect("paging").total, Some(4));

    let friendly: CollectionResponse<Greeting> = client
        .send(Request::finder("/greetings", "tone").param("tone", "FRIENDLY"))
        .expect("finder");
    assert_eq!(friendly.elements.len(), 2);

    let by_tone: BatchFinderResponse<Greeting> = client
        .send(Request::batch_finder(
            "/greetings",
            "tone",
            "criteria",
            [json!({"tone": "FRIENDLY"}), json!({"tone": "SINCERE"})],
        ))
        .expect("batch_finder");
    let counts: Vec<usize> = by_tone
        .results
        .iter()
        .map(|page| page.as_ref().map_or(usize::MAX, |p| p.elements.len()))
        .collect();
    assert_eq!(counts, [2, 1]);

    let updated: StatusResponse = client
        .send(
            Request::update(
                "/greetings/{id}",
                &json!({"id": 1, "message": "hello again", "tone": "FRIENDLY"}),
            )
            .key("id", &1),
        )
        .expect("update");
    assert_eq!(updated.meta.status(), 204);

    let replaced: BatchStatusResponse<i64> = client
        .send(Request::batch_update(
            "/greetings",
            [2, 3],
            [
                json!({"id": 2, "message": "hi!", "tone": "FRIENDLY"}),
                json!({"id": 3, "message": "madam", "tone": "SINCERE"}),
            ],
        ))
        .expect("batch_update");
    assert_eq!(replaced.results.len(), 2);
    assert!(replaced.results.values().all(|s| s.status == 204));

    let _: StatusResponse = client
        .send(
            Request::partial_update(
                "/greetings/{id}",
                &Patch::set(&json!({"tone": "SINCERE"})).expect("patch"),
            )
            .key("id", &1),
        )
        .expect("partial_update");

    let quiet = Patch::set(&json!({"tone": "QUIET"})).expect("patch");
    let patched: BatchStatusResponse<i64> = client
        .send(Request::batch_partial_update(
            "/greetings",
            [2, 4],
            [quiet.clone(), quiet],
        ))
        .expect("batch_partial_update");
    assert_eq!(patched.results.len(), 2);

    let sincere: ActionResponse<usize> = client
        .send(Request::action(
            "/greetings",
            "countTone",
            &json!({"tone": "SINCERE"}),
        ))
        .expect("action");
    assert_eq!(sincere.value, Some(2));

    let _: StatusResponse = client
        .send(Request::delete("/greetings/{id}").key("id", &4))
        .expect("delete");

    let deleted: BatchStatusResponse<i64> = client
        .send(Request::batch_delete("/greetings", [2, 3]))
        .expect("batch_delete");
    assert_eq!(deleted.results.len(), 2);

    // What is left: greeting 1, updated then patched.
    let left: Vec<Value> = store
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .values()
        .cloned()
        .collect();
    assert_eq!(
        left,
        [json!({"id": 1, "message": "hello again", "tone": "SINCERE"})]
    );

    let methods: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.header("x-restli-method").unwrap_or_default().to_owned())
        .collect();
    for method in [
        "get",
        "batch_get",
        "get_all",
        "finder",
        "batch_finder",
        "create",
        "batch_create",
        "update",
        "batch_update",
        "partial_update",
        "batch_partial_update",
        "delete",
        "batch_delete",
        "action",
    ] {
        assert_eq!(
            methods.iter().filter(|m| *m == method).count(),
            1,
            "{method}"
        );
    }
}

/// A 404 with LinkedIn's error body is an API error carrying its message,
/// and is final.
pub fn a_missing_entity_is_an_api_error_with_linkedins_message<T: Transport>() {
    let store = Store::default();
    let server = wire::serve(move |request, _| greetings(&store, request));
    let client: T = client(&server);
    let err = client
        .send::<EntityResponse>(Request::get("/greetings/{id}").key("id", &404))
        .expect_err("a 404");
    let api = err.api_error().expect("an API error");
    assert_eq!(api.status(), 404);
    assert_eq!(api.message(), Some("no such greeting"));
    assert!(api.is_restli_error_response());
    assert_eq!(server.request_count(), 1, "a 404 is final");
}

/// Error statuses come back as API errors with LinkedIn's fields, and a
/// redirect is returned, not followed.
pub fn error_statuses_are_api_errors_and_redirects_are_not_followed<T: Transport>() {
    logs::init();
    let server = wire::serve(|request, _| match request.path() {
        "/v2/moved" => with_headers(301, &[("location", "/v2/elsewhere")]),
        _ => json_with(
            404,
            &[("x-restli-error-response", "true")],
            &json!({"status": 404, "serviceErrorCode": 100, "message": "Not enough permissions"}),
        ),
    });
    let client: T = client(&server);

    let err = client
        .send::<EntityResponse>(Request::get("/missing"))
        .expect_err("a 404");
    let api = err.api_error().expect("an API error");
    assert_eq!(api.status(), 404);
    assert_eq!(api.service_error_code(), Some(100));
    assert_eq!(api.message(), Some("Not enough permissions"));

    let err = client
        .send::<EntityResponse>(Request::get("/moved"))
        .expect_err("a 301");
    assert_eq!(wire::status_of(&err), Some(301));
    assert_eq!(server.request_count(), 2, "the redirect was not followed");
    assert!(!err.to_string().contains(TOKEN));
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct ComplexKey {
    member: String,
    index: u32,
    note: String,
}

/// A BATCH_GET of 500 complex keys has a query longer than 4000 bytes: it
/// is sent as a POST with `X-HTTP-Method-Override: GET` and the query as a
/// form body (Rest.li query tunneling,
/// <https://linkedin.github.io/rest.li/user_guide/restli_client#query-tunneling>),
/// and its reduced-encoded answer keys decode back to the keys.
pub fn a_batch_get_of_500_complex_keys_is_tunneled_and_decoded<T: Transport>() {
    logs::init();
    let server = wire::serve(|raw, _| {
        let request = untunneled(raw);
        let mut results = serde_json::Map::new();
        for id in ids_param(&request) {
            let key = restli_codec::to_string_reduced(&id).expect("a key");
            results.insert(key, json!({"echo": id}));
        }
        answer(200, &json!({"results": results}))
    });
    let client: T = client(&server);
    let keys: Vec<ComplexKey> = (0..500)
        .map(|i| ComplexKey {
            member: format!("urn:li:person:{i}"),
            index: i,
            note: "a (tricky), 'key': 100%".into(),
        })
        .collect();

    let batch: BatchGetResponse<ComplexKey, Value> = client
        .send(Request::batch_get("/complexGreetings", keys.clone()))
        .expect("batch_get");

    let seen = server.requests();
    assert_eq!(seen.len(), 1);
    let tunneled = &seen[0];
    assert_eq!(tunneled.method, "POST", "the long query is tunneled");
    assert_eq!(tunneled.target, "/v2/complexGreetings");
    assert_eq!(tunneled.header("x-http-method-override"), Some("GET"));
    assert_eq!(tunneled.header("x-restli-method"), Some("batch_get"));
    assert!(
        tunneled
            .header("content-type")
            .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"))
    );
    assert!(tunneled.body.len() > 4000);

    assert_eq!(batch.results.len(), 500);
    for key in &keys {
        let echo = &batch.get(key).expect("every key answered").expect("found")["echo"];
        assert_eq!(echo["member"], key.member.as_str());
        assert_eq!(echo["index"], key.index.to_string());
        assert_eq!(echo["note"], key.note.as_str());
    }
    logs::assert_hidden(&[TOKEN]);
}

/// A token given for one call replaces the configured one for that call
/// only.
pub fn a_per_call_token_replaces_the_configured_one<T: Transport>() {
    logs::init();
    let server = wire::serve(campaigns);
    let client: T = client(&server);
    let member = AccessToken::new("AQV-member-token-77ab");
    let _: EntityResponse = client
        .with_access_token(&member)
        .send(Request::get("/campaigns/{id}").key("id", &1))
        .expect("with the member's token");
    let _: EntityResponse = client
        .send(Request::get("/campaigns/{id}").key("id", &1))
        .expect("with the client's token");
    let seen = server.requests();
    assert_eq!(
        seen[0].header("authorization"),
        Some("Bearer AQV-member-token-77ab")
    );
    assert_eq!(
        seen[1].header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    logs::assert_hidden(&[TOKEN, "AQV-member-token-77ab"]);
}

fn deletes_of(server: &linkedin_test_support::HostileServer, path: &str) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.method == "DELETE" && r.path().trim_end_matches('/') == path)
        .count()
}

/// Rest.li keys are single path segments
/// (<https://linkedin.github.io/rest.li/spec/protocol>), and a `..` segment
/// is removed together with its parent by URL normalisation (RFC 3986,
/// section 5.2.4): a key of `..` is a request error, and nothing reaches
/// the server (least of all a DELETE of the parent account).
pub fn a_dot_dot_key_never_reaches_the_server<T: Transport>() {
    let server = wire::serve(|_, _| status(204));
    let client: T = client(&server);
    let request = Request::delete("/adAccounts/{account}/adCampaigns/{id}")
        .key("account", &507404993)
        .key("id", "..");
    let result = client.send::<StatusResponse>(request);
    assert!(matches!(result, Err(Error::Request(_))), "{result:?}");
    assert_eq!(deletes_of(&server, "/v2/adAccounts/507404993"), 0);
    assert_eq!(server.request_count(), 0);
}
