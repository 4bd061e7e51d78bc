//! Each of the 14 Rest.li methods against a small in-memory resource on a
//! loopback socket, and a BATCH_GET with 500 complex keys that must be
//! tunneled.

mod common;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use common::{Recorded, Reply, Server, TOKEN};
use linkedin_reqwest::restli::response::{
    ActionResponse, BatchCreateResponse, BatchFinderResponse, BatchGetResponse,
    BatchStatusResponse, CollectionResponse, CreateResponse, EntityResponse,
};
use linkedin_reqwest::{Patch, Request};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

type Store = Arc<Mutex<BTreeMap<i64, Value>>>;

fn ids_of(request: &Recorded) -> Vec<i64> {
    let query = request.query();
    linkedin_reqwest::restli::from_str(query.get("ids").map(String::as_str).unwrap_or("List()"))
        .expect("ids=List(..) of numbers")
}

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

fn apply_patch(entity: &mut Value, patch: &Value) {
    if let (Some(entity), Some(set)) = (entity.as_object_mut(), patch["patch"]["$set"].as_object())
    {
        for (field, value) in set {
            entity.insert(field.clone(), value.clone());
        }
    }
}

/// A greetings resource supporting every method, in memory.
fn greetings(store: Store, request: &Recorded) -> Reply {
    let request = request.untunneled();
    if request.header("authorization") != Some(&format!("Bearer {TOKEN}"))
        || request.header("x-restli-protocol-version") != Some("2.0.0")
    {
        return Reply::json(401, json!({"status": 401, "message": "bad headers"}));
    }
    let mut store = store.lock().unwrap();
    let query = request.query();
    let method = request
        .header("x-restli-method")
        .unwrap_or_default()
        .to_owned();
    let next_id = || store.keys().next_back().copied().unwrap_or(0) + 1;
    match (method.as_str(), request.method.as_str()) {
        ("get", "GET") => match path_id(&request).and_then(|id| store.get(&id)) {
            Some(entity) => Reply::json(200, entity.clone()),
            None => Reply::json(404, json!({"status": 404, "message": "no such greeting"}))
                .header("x-restli-error-response", "true"),
        },
        ("batch_get", "GET") => {
            let ids = ids_of(&request);
            let mut results = serde_json::Map::new();
            let mut errors = serde_json::Map::new();
            for id in ids {
                match store.get(&id) {
                    Some(entity) => results.insert(id.to_string(), entity.clone()),
                    None => {
                        errors.insert(id.to_string(), json!({"status": 404, "message": "missing"}))
                    }
                };
            }
            Reply::json(200, json!({"results": results, "errors": errors}))
        }
        ("get_all", "GET") => {
            let all: Vec<Value> = store.values().cloned().collect();
            Reply::json(
                200,
                json!({"elements": all, "paging": {"start": 0, "count": 10, "total": all.len(), "links": []}}),
            )
        }
        ("finder", "GET") => {
            assert_eq!(query.get("q").map(String::as_str), Some("tone"));
            let tone: String = linkedin_reqwest::restli::from_str(&query["tone"]).unwrap();
            let found: Vec<Value> = store
                .values()
                .filter(|g| g["tone"] == tone.as_str())
                .cloned()
                .collect();
            Reply::json(
                200,
                json!({"elements": found, "paging": {"start": 0, "count": 10, "links": []}}),
            )
        }
        ("batch_finder", "GET") => {
            assert_eq!(query.get("bq").map(String::as_str), Some("tone"));
            let criteria: Vec<BTreeMap<String, String>> =
                linkedin_reqwest::restli::from_str(&query["criteria"]).unwrap();
            let pages: Vec<Value> = criteria
                .iter()
                .map(|c| {
                    let found: Vec<Value> = store
                        .values()
                        .filter(|g| g["tone"] == c["tone"].as_str())
                        .cloned()
                        .collect();
                    json!({"elements": found})
                })
                .collect();
            Reply::json(200, json!({"elements": pages}))
        }
        ("create", "POST") => {
            let id = next_id();
            let mut entity = request.json();
            entity["id"] = json!(id);
            store.insert(id, entity);
            Reply::status(201).header("x-restli-id", &id.to_string())
        }
        ("batch_create", "POST") => {
            let mut created = Vec::new();
            for entity in request.json()["elements"].as_array().unwrap() {
                let id = store.keys().next_back().copied().unwrap_or(0) + 1;
                let mut entity = entity.clone();
                entity["id"] = json!(id);
                store.insert(id, entity);
                created.push(json!({"status": 201, "id": id.to_string()}));
            }
            Reply::json(200, json!({"elements": created}))
        }
        ("update", "PUT") => {
            let id = path_id(&request).unwrap();
            store.insert(id, request.json());
            Reply::status(204)
        }
        ("batch_update", "PUT") => {
            let ids = ids_of(&request);
            for id in &ids {
                store.insert(*id, request.json()["entities"][id.to_string()].clone());
            }
            Reply::json(200, statuses(&ids, 204))
        }
        ("partial_update", "POST") => {
            let id = path_id(&request).unwrap();
            let patch = request.json();
            apply_patch(store.get_mut(&id).unwrap(), &patch);
            Reply::status(204)
        }
        ("batch_partial_update", "POST") => {
            let ids = ids_of(&request);
            let body = request.json();
            for id in &ids {
                apply_patch(
                    store.get_mut(id).unwrap(),
                    &body["entities"][id.to_string()],
                );
            }
            Reply::json(200, statuses(&ids, 204))
        }
        ("delete", "DELETE") => {
            let id = path_id(&request).unwrap();
            store.remove(&id);
            Reply::status(204)
        }
        ("batch_delete", "DELETE") => {
            let ids = ids_of(&request);
            for id in &ids {
                store.remove(id);
            }
            Reply::json(200, statuses(&ids, 204))
        }
        ("action", "POST") => {
            assert_eq!(query.get("action").map(String::as_str), Some("countTone"));
            let tone = request.json()["tone"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let count = store
                .values()
                .filter(|g| g["tone"] == tone.as_str())
                .count();
            Reply::json(200, json!({"value": count}))
        }
        other => Reply::json(
            400,
            json!({"status": 400, "message": format!("unexpected {other:?}")}),
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

#[tokio::test]
async fn all_fourteen_methods_round_trip_against_an_in_memory_resource() {
    let store = Store::default();
    let server = {
        let store = store.clone();
        Server::start(move |request, _| greetings(store.clone(), request)).await
    };
    let client = server.client().build().unwrap();

    // CREATE
    let created: CreateResponse<i64> = client
        .send(Request::create(
            "/greetings",
            &greeting("hello", "FRIENDLY"),
        ))
        .await
        .unwrap();
    assert_eq!(created.id, Some(1));

    // BATCH_CREATE
    let batch: BatchCreateResponse<i64> = client
        .send(Request::batch_create(
            "/greetings",
            [
                greeting("hi", "FRIENDLY"),
                greeting("dear sir", "SINCERE"),
                greeting("yo", "INSULTING"),
            ],
        ))
        .await
        .unwrap();
    let ids: Vec<i64> = batch.elements.iter().map(|item| item.id.unwrap()).collect();
    assert_eq!(ids, [2, 3, 4]);
    assert!(batch.elements.iter().all(|item| item.is_created()));

    // GET
    let one: EntityResponse<Greeting> = client
        .send(Request::get("/greetings/{id}").key("id", &1))
        .await
        .unwrap();
    assert_eq!(one.entity.message, "hello");
    assert_eq!(one.entity.id, Some(1));

    // BATCH_GET, with one missing id
    let some: BatchGetResponse<i64, Greeting> = client
        .send(Request::batch_get("/greetings", [1, 3, 99]))
        .await
        .unwrap();
    assert_eq!(some.results.len(), 2);
    assert_eq!(some.get(&3).unwrap().unwrap().message, "dear sir");
    assert!(some.get(&99).unwrap().is_err());

    // GET_ALL
    let all: CollectionResponse<Greeting> =
        client.send(Request::get_all("/greetings")).await.unwrap();
    assert_eq!(all.elements.len(), 4);
    assert_eq!(all.paging.unwrap().total, Some(4));

    // FINDER
    let friendly: CollectionResponse<Greeting> = client
        .send(Request::finder("/greetings", "tone").param("tone", "FRIENDLY"))
        .await
        .unwrap();
    assert_eq!(friendly.elements.len(), 2);

    // BATCH_FINDER
    let by_tone: BatchFinderResponse<Greeting> = client
        .send(Request::batch_finder(
            "/greetings",
            "tone",
            "criteria",
            [json!({"tone": "FRIENDLY"}), json!({"tone": "SINCERE"})],
        ))
        .await
        .unwrap();
    let counts: Vec<usize> = by_tone
        .results
        .iter()
        .map(|page| page.as_ref().unwrap().elements.len())
        .collect();
    assert_eq!(counts, [2, 1]);

    // UPDATE
    let updated = client
        .send(
            Request::update(
                "/greetings/{id}",
                &json!({"id": 1, "message": "hello again", "tone": "FRIENDLY"}),
            )
            .key("id", &1),
        )
        .await
        .unwrap();
    assert_eq!(updated.meta.status(), 204);

    // BATCH_UPDATE
    let replaced: BatchStatusResponse<i64> = client
        .send(Request::batch_update(
            "/greetings",
            [2, 3],
            [
                json!({"id": 2, "message": "hi!", "tone": "FRIENDLY"}),
                json!({"id": 3, "message": "madam", "tone": "SINCERE"}),
            ],
        ))
        .await
        .unwrap();
    assert_eq!(replaced.results.len(), 2);
    assert!(replaced.results.values().all(|s| s.status == 204));

    // PARTIAL_UPDATE
    client
        .send(
            Request::partial_update(
                "/greetings/{id}",
                &Patch::set(&json!({"tone": "SINCERE"})).unwrap(),
            )
            .key("id", &1),
        )
        .await
        .unwrap();

    // BATCH_PARTIAL_UPDATE
    let quiet = Patch::set(&json!({"tone": "QUIET"})).unwrap();
    let patched: BatchStatusResponse<i64> = client
        .send(Request::batch_partial_update(
            "/greetings",
            [2, 4],
            [quiet.clone(), quiet],
        ))
        .await
        .unwrap();
    assert_eq!(patched.results.len(), 2);

    // ACTION
    let sincere: ActionResponse<usize> = client
        .send(Request::action(
            "/greetings",
            "countTone",
            &json!({"tone": "SINCERE"}),
        ))
        .await
        .unwrap();
    assert_eq!(sincere.value, Some(2));

    // DELETE
    client
        .send(Request::delete("/greetings/{id}").key("id", &4))
        .await
        .unwrap();

    // BATCH_DELETE
    let deleted: BatchStatusResponse<i64> = client
        .send(Request::batch_delete("/greetings", [2, 3]))
        .await
        .unwrap();
    assert_eq!(deleted.results.len(), 2);

    // What is left: greeting 1, updated then patched.
    let left: Vec<Value> = store.lock().unwrap().values().cloned().collect();
    assert_eq!(
        left,
        [json!({"id": 1, "message": "hello again", "tone": "SINCERE"})]
    );

    // Every Rest.li method went over the wire once, with its header.
    let methods: Vec<String> = server
        .received()
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

#[tokio::test]
async fn a_missing_entity_is_an_api_error_with_linkedins_message() {
    let store = Store::default();
    let server = Server::start(move |request, _| greetings(store.clone(), request)).await;
    let client = server.client().build().unwrap();
    let err = client
        .send::<_, linkedin_reqwest::restli::EntityResponse<Value>>(
            Request::get("/greetings/{id}").key("id", &404),
        )
        .await
        .unwrap_err();
    let api = err.api_error().expect("an API error");
    assert_eq!(api.status(), 404);
    assert_eq!(api.message(), Some("no such greeting"));
    assert!(api.is_restli_error_response());
    assert_eq!(server.received().len(), 1, "a 404 is final");
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct ComplexKey {
    member: String,
    index: u32,
    note: String,
}

#[tokio::test]
async fn a_batch_get_of_500_complex_keys_is_tunneled_and_decoded() {
    let server = Server::start(|raw, _| {
        assert_eq!(raw.method, http::Method::POST, "the long query is tunneled");
        assert_eq!(raw.header("x-http-method-override"), Some("GET"));
        assert!(raw.uri.query().is_none());
        let request = raw.untunneled();
        let ids: Vec<Value> = linkedin_reqwest::restli::from_str(&request.query()["ids"]).unwrap();
        let mut results = serde_json::Map::new();
        for id in ids {
            let key = linkedin_reqwest::restli::to_string_reduced(&id).unwrap();
            results.insert(key, json!({"echo": id}));
        }
        Reply::json(200, json!({"results": results}))
    })
    .await;
    let client = server.client().build().unwrap();

    let keys: Vec<ComplexKey> = (0..500)
        .map(|i| ComplexKey {
            member: format!("urn:li:person:{i}"),
            index: i,
            note: "a (tricky), 'key': 100%".into(),
        })
        .collect();
    let batch: BatchGetResponse<ComplexKey, Value> = client
        .send(Request::batch_get("/complexGreetings", keys.clone()))
        .await
        .unwrap();

    assert_eq!(batch.results.len(), 500);
    for key in &keys {
        let echo = &batch.get(key).expect("every key answered").unwrap()["echo"];
        assert_eq!(echo["member"], key.member.as_str());
        assert_eq!(echo["index"], key.index.to_string());
        assert_eq!(echo["note"], key.note.as_str());
    }
    assert_eq!(server.received().len(), 1);
}
