//! Each of the 14 Rest.li methods goes over a real loopback socket and comes
//! back typed; a BATCH_GET of 500 complex ids is tunneled.

mod support;

use linkedin_oauth::AccessToken;
use linkedin_ureq::Error;
use restli_codec::response::{
    ActionResponse, BatchCreateResponse, BatchFinderResponse, BatchGetResponse,
    BatchStatusResponse, CollectionResponse, CreateResponse, EntityResponse,
};
use restli_codec::{Method, Patch, Request};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use support::{Recorded, Reply, Server};

const TOKEN: &str = "round-trip-token-5d1f";

/// A tiny in-memory `/campaigns` resource answering every method.
fn campaigns(request: &Recorded, _: usize) -> Reply {
    let http = request.to_http();
    let method: Method = request.header("x-restli-method").unwrap().parse().unwrap();
    let id_map = |value: &dyn Fn(&Value) -> Value| {
        let ids: Vec<Value> = restli_codec::from_str(&request.param("ids").unwrap()).unwrap();
        let map: serde_json::Map<String, Value> = ids
            .iter()
            .map(|id| (restli_codec::to_string_reduced(id).unwrap(), value(id)))
            .collect();
        Value::Object(map)
    };
    match method {
        Method::Get => {
            let id = http.uri().path().rsplit('/').next().unwrap().to_owned();
            Reply::json(
                200,
                json!({"id": id.parse::<u64>().unwrap(), "name": format!("campaign {id}")}),
            )
        }
        Method::BatchGet => Reply::json(
            200,
            json!({"results": id_map(&|id| json!({"key": id, "impressions": 10})), "errors": {}}),
        ),
        Method::GetAll => Reply::json(
            200,
            json!({"elements": [{"id": 1}, {"id": 2}], "paging": {"start": 0, "count": 10, "total": 2}}),
        ),
        Method::Finder => {
            let search = request.param("search").unwrap();
            Reply::json(
                200,
                json!({"elements": [{"id": 3, "search": search}], "metadata": {"n": 1}}),
            )
        }
        Method::BatchFinder => {
            let criteria: Vec<Value> =
                restli_codec::from_str(&request.param("criteria").unwrap()).unwrap();
            let elements: Vec<Value> = criteria
                .iter()
                .map(|c| json!({"elements": [{"name": c["name"]}]}))
                .collect();
            Reply::json(200, json!({"elements": elements}))
        }
        Method::Create => Reply::status(201)
            .with_header("x-restli-id", "42")
            .with_header("location", "/campaigns/42"),
        Method::BatchCreate => {
            let count = request.json()["elements"].as_array().unwrap().len();
            let elements: Vec<Value> = (0..count)
                .map(|i| json!({"status": 201, "id": (100 + i).to_string()}))
                .collect();
            Reply::json(200, json!({"elements": elements}))
        }
        Method::Update | Method::PartialUpdate | Method::Delete => Reply::status(204),
        Method::BatchUpdate | Method::BatchPartialUpdate | Method::BatchDelete => Reply::json(
            200,
            json!({"results": id_map(&|_| json!({"status": 204})), "errors": {}}),
        ),
        Method::Action => {
            let params = request.json();
            Reply::json(
                200,
                json!({"value": format!("echo {}", params["text"].as_str().unwrap())}),
            )
        }
    }
}

/// The verb, Rest.li method and auth header the server saw.
fn assert_sent(request: &Recorded, verb: &str, method: &str) {
    assert_eq!(request.method, verb, "verb of {method}");
    assert_eq!(request.header("x-restli-method"), Some(method));
    assert_eq!(request.header("x-restli-protocol-version"), Some("2.0.0"));
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
}

#[test]
fn all_fourteen_methods_round_trip_over_one_connection() -> Result<(), Error> {
    support::init_logs();
    let server = Server::start(campaigns);
    let client = server.client(TOKEN);

    let one: EntityResponse = client.send(Request::get("/campaigns/{id}").key("id", &7))?;
    assert_eq!(one.entity, json!({"id": 7, "name": "campaign 7"}));

    let batch: BatchGetResponse<u64> = client.send(Request::batch_get("/campaigns", [1, 2]))?;
    assert_eq!(batch.results.len(), 2);
    assert_eq!(batch.results.get(&2).unwrap()["impressions"], 10);

    let all: CollectionResponse = client.send(Request::get_all("/campaigns"))?;
    assert_eq!(all.elements.len(), 2);
    assert_eq!(all.paging.unwrap().total, Some(2));

    let found: CollectionResponse = client.send(
        Request::finder("/campaigns", "search").param("search", &json!({"status": "ACTIVE"})),
    )?;
    assert_eq!(found.elements[0]["search"], "(status:ACTIVE)");

    let many: BatchFinderResponse = client.send(Request::batch_finder(
        "/campaigns",
        "search",
        "criteria",
        [json!({"name": "a"}), json!({"name": "b"})],
    ))?;
    assert_eq!(many.results.len(), 2);
    assert_eq!(many.results[1].as_ref().unwrap().elements[0]["name"], "b");

    let created: CreateResponse<u64> =
        client.send(Request::create("/campaigns", &json!({"name": "new"})))?;
    assert_eq!(created.id, Some(42));
    assert_eq!(created.location(), Some("/campaigns/42"));

    let created_many: BatchCreateResponse<u64> = client.send(Request::batch_create(
        "/campaigns",
        [json!({"name": "a"}), json!({"name": "b"})],
    ))?;
    let ids: Vec<u64> = created_many.elements.iter().filter_map(|e| e.id).collect();
    assert_eq!(ids, [100, 101]);

    let updated = client
        .send(Request::update("/campaigns/{id}", &json!({"name": "renamed"})).key("id", &7))?;
    assert_eq!(updated.meta.status(), 204);

    let updated_many: BatchStatusResponse<u64> = client.send(Request::batch_update(
        "/campaigns",
        [1, 2],
        [json!({"name": "a"}), json!({"name": "b"})],
    ))?;
    assert_eq!(updated_many.results.get(&1).unwrap().status, 204);

    let patch = Patch::set(&json!({"status": "PAUSED"})).unwrap();
    let patched = client.send(Request::partial_update("/campaigns/{id}", &patch).key("id", &7))?;
    assert_eq!(patched.meta.status(), 204);

    let patched_many: BatchStatusResponse<u64> = client.send(Request::batch_partial_update(
        "/campaigns",
        [1, 2],
        [patch.clone(), patch.clone()],
    ))?;
    assert_eq!(patched_many.results.len(), 2);

    let deleted = client.send(Request::delete("/campaigns/{id}").key("id", &7))?;
    assert_eq!(deleted.meta.status(), 204);

    let deleted_many: BatchStatusResponse<u64> =
        client.send(Request::batch_delete("/campaigns", [1, 2]))?;
    assert_eq!(deleted_many.results.get(&2).unwrap().status, 204);

    let answer: ActionResponse<String> = client.send(Request::action(
        "/campaigns",
        "echo",
        &json!({"text": "hi"}),
    ))?;
    assert_eq!(answer.value.as_deref(), Some("echo hi"));

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
        assert_sent(request, verb, method);
    }
    assert_eq!(
        seen[9].json(),
        json!({"patch": {"$set": {"status": "PAUSED"}}})
    );
    // One shared agent: every call reused the first connection.
    assert_eq!(server.connections(), 1);
    support::assert_logs_hide(&[TOKEN]);
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct DayKey {
    campaign: String,
    day: u32,
}

#[test]
fn batch_get_of_500_complex_ids_is_tunneled_and_decoded() -> Result<(), Error> {
    support::init_logs();
    let server = Server::start(campaigns);
    let client = server.client(TOKEN);
    let keys: Vec<DayKey> = (0..500)
        .map(|i| DayKey {
            campaign: format!("urn:li:sponsoredCampaign:{i}"),
            day: i,
        })
        .collect();

    let batch: BatchGetResponse<DayKey> =
        client.send(Request::batch_get("/campaigns", keys.clone()))?;

    let seen = server.requests();
    assert_eq!(seen.len(), 1);
    let tunneled = &seen[0];
    assert_eq!(tunneled.method, "POST");
    assert_eq!(tunneled.target, "/v2/campaigns");
    assert_eq!(tunneled.header("x-http-method-override"), Some("GET"));
    assert_eq!(tunneled.header("x-restli-method"), Some("batch_get"));
    assert!(
        tunneled
            .header("content-type")
            .unwrap()
            .starts_with("application/x-www-form-urlencoded")
    );
    assert!(tunneled.body.len() > 4000);

    assert_eq!(batch.results.len(), 500);
    for key in &keys {
        let entity = batch.results.get(key).expect("every id answered");
        assert_eq!(entity["key"]["campaign"], key.campaign.as_str());
        assert_eq!(entity["key"]["day"], key.day.to_string());
    }
    support::assert_logs_hide(&[TOKEN]);
    Ok(())
}

#[test]
fn a_per_call_token_replaces_the_configured_one() -> Result<(), Error> {
    support::init_logs();
    let server = Server::start(campaigns);
    let client = server.client(TOKEN);
    let member = AccessToken::new("member-token-77ab");
    let _: EntityResponse = client
        .with_access_token(&member)
        .send(Request::get("/campaigns/{id}").key("id", &1))?;
    let _: EntityResponse = client.send(Request::get("/campaigns/{id}").key("id", &1))?;
    let seen = server.requests();
    assert_eq!(
        seen[0].header("authorization"),
        Some("Bearer member-token-77ab")
    );
    assert_eq!(
        seen[1].header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    support::assert_logs_hide(&[TOKEN, "member-token-77ab"]);
    Ok(())
}

#[test]
fn error_statuses_come_back_as_api_errors_and_redirects_are_not_followed() {
    support::init_logs();
    let server = Server::start(|request, _| match request.path() {
        "/v2/moved" => Reply::status(301).with_header("location", "/v2/elsewhere"),
        _ => Reply::json(
            404,
            json!({"status": 404, "serviceErrorCode": 100, "message": "Not enough permissions"}),
        )
        .with_header("x-restli-error-response", "true"),
    });
    let client = server.client(TOKEN);

    let err = client
        .send::<_, linkedin_ureq::restli::EntityResponse<Value>>(Request::get("/missing"))
        .unwrap_err();
    let api = err.api_error().expect("an API error");
    assert_eq!(api.status(), 404);
    assert_eq!(api.service_error_code(), Some(100));
    assert_eq!(api.message(), Some("Not enough permissions"));

    let err = client
        .send::<_, linkedin_ureq::restli::EntityResponse<Value>>(Request::get("/moved"))
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(301));
    // The redirect was returned, not followed.
    assert_eq!(server.request_count(), 2);
    assert!(!err.to_string().contains(TOKEN));
}

#[test]
fn an_agent_of_your_own_still_returns_errors_and_redirects_as_responses() {
    support::init_logs();
    let server = Server::start(|request, _| match request.path() {
        "/v2/moved" => Reply::status(302).with_header("location", "/v2/elsewhere"),
        _ => Reply::json(403, json!({"status": 403, "message": "no"})),
    });
    // ureq's defaults: error statuses as errors, up to 10 redirects.
    let client = server
        .builder()
        .http_client(ureq::Agent::new_with_defaults())
        .access_token(AccessToken::new(TOKEN))
        .build()
        .unwrap();
    let err = client
        .send::<_, linkedin_ureq::restli::EntityResponse<Value>>(Request::get("/forbidden"))
        .unwrap_err();
    assert_eq!(err.api_error().map(|e| e.status().as_u16()), Some(403));
    let err = client
        .send::<_, linkedin_ureq::restli::EntityResponse<Value>>(Request::get("/moved"))
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(302));
    assert_eq!(server.request_count(), 2);
}
