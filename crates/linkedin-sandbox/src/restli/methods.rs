//! The 14 Rest.li methods over the in-memory store.
//!
//! | method | answer |
//! |---|---|
//! | GET | 200 entity, 404 if absent |
//! | BATCH_GET | 200 `{"results", "statuses", "errors"}` keyed by wire key; 404s in `statuses` and `errors` |
//! | GET_ALL, FINDER | 200 `{"elements", "paging": {"start", "count", "total", "links"}}` |
//! | ads search FINDERs from 202401 | 200 `{"elements", "metadata": {"nextPageToken"?}}` (see `cursor`) |
//! | BATCH_FINDER | 200 `{"elements": [page per criterion]}` in criteria order |
//! | CREATE | 201, `X-RestLi-Id` and `Location`; ids are increasing integers |
//! | BATCH_CREATE | 200 `{"elements": [{"status": 201, "id", "location"}]}` |
//! | UPDATE | upsert: 204 when replaced, 201 (with `X-RestLi-Id`) when created |
//! | BATCH_UPDATE | 200 `{"results": {key: {"status": 204 or 201}}, "errors": {}}` |
//! | PARTIAL_UPDATE | 204, 404 if absent |
//! | BATCH_PARTIAL_UPDATE | 200 `{"results": {key: {"status": 204}}, "errors": {key: 404 error}}` |
//! | DELETE | 204, 404 if absent |
//! | BATCH_DELETE | 200 `{"results": {key: {"status": 204 or 404}}, "errors": {}}` |
//! | ACTION | 200 `{"value": <the JSON body>}` |
//!
//! Ids in `X-RestLi-Id`, in BATCH_CREATE's `id` and as keys of batch maps are
//! written as Rest.li writes them: simple keys raw (`urn:li:share:1`),
//! complex and compound keys reduced-encoded (see `Key::wire`).
//!
//! GET, UPDATE, PARTIAL_UPDATE and DELETE without a key address the simple
//! resource at the path (such as `/me`).

use std::collections::HashMap;

use axum::Json;
use axum::response::{IntoResponse, Response};
use http::header::LOCATION;
use http::{HeaderValue, StatusCode};
use restli_codec::{Method, header};
use serde_json::{Map, Value, json};

use super::call::Call;
use super::cursor;
use super::filter;
use super::patch;
use crate::errors::{ApiError, excerpt, item_error};
use crate::store::{Key, Store};

type Answer = Result<Response, ApiError>;

/// Runs one call against the store.
pub(crate) fn dispatch(store: &mut Store, call: &Call) -> Answer {
    match call.method {
        Method::Get => get(store, call),
        Method::BatchGet => batch_get(store, call),
        Method::GetAll => get_all(store, call),
        Method::Finder => finder(store, call),
        Method::BatchFinder => batch_finder(store, call),
        Method::Create => create(store, call),
        Method::BatchCreate => batch_create(store, call),
        Method::Update => update(store, call),
        Method::BatchUpdate => batch_update(store, call),
        Method::PartialUpdate => partial_update(store, call),
        Method::BatchPartialUpdate => batch_partial_update(store, call),
        Method::Delete => delete(store, call),
        Method::BatchDelete => batch_delete(store, call),
        Method::Action => action(call),
    }
}

fn json_answer(status: StatusCode, body: Value) -> Response {
    (status, Json(body)).into_response()
}

fn not_found(call: &Call) -> ApiError {
    ApiError::not_found(format!(
        "Requested entity not found: type={}, resourceName={}",
        call.method, call.collection
    ))
}

fn no_key(call: &Call) -> Result<(), ApiError> {
    match call.key {
        Some(_) => Err(ApiError::bad_request(format!(
            "{} does not take a key in the path",
            call.method
        ))),
        None => Ok(()),
    }
}

fn body(call: &Call) -> Result<&Value, ApiError> {
    call.body.as_ref().ok_or_else(|| {
        ApiError::invalid_input(
            "REQUIRED_FIELD_MISSING",
            "/",
            format!("{} needs a JSON body", call.method),
        )
    })
}

/// An entity of a request body: a JSON object. Rest.li entities are records
/// (the Rest.li 2.0 protocol, <https://linkedin.github.io/rest.li/spec/protocol>;
/// linkedin/rest.li `restli-server` reads a body into a `DataMap`), so an
/// array, string, number or null is LinkedIn's 400, never stored.
fn entity<'a>(value: &'a Value, what: &str) -> Result<&'a Value, ApiError> {
    if value.is_object() {
        return Ok(value);
    }
    let kind = match value {
        Value::Array(_) => "an array",
        Value::String(_) => "a string",
        Value::Number(_) => "a number",
        Value::Bool(_) => "a boolean",
        Value::Null => "null",
        Value::Object(_) => "an object",
    };
    Err(ApiError::invalid_input(
        "INVALID_VALUE",
        "/",
        format!("{what} must be a JSON object (a Rest.li record), not {kind}"),
    ))
}

/// The keys of `ids=List(..)`.
fn batch_keys(call: &Call) -> Result<Vec<Key>, ApiError> {
    no_key(call)?;
    let ids = match call.params.get("ids") {
        Some(Value::Array(ids)) => ids.clone(),
        Some(single) => vec![single.clone()],
        None => {
            return Err(ApiError::bad_request(format!(
                "{} needs ids=List(..)",
                call.method
            )));
        }
    };
    ids.into_iter()
        .map(|id| {
            Key::from_value(id).map_err(|e| ApiError::bad_request(format!("invalid id: {e}")))
        })
        .collect()
}

/// The keys of `ids` paired with the entities of the body's `entities` map.
fn keyed_entities(call: &Call) -> Result<Vec<(Key, Value)>, ApiError> {
    let keys = batch_keys(call)?;
    let entities = body(call)?
        .get("entities")
        .and_then(Value::as_object)
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "{} needs a body {{\"entities\": {{..}}}}",
                call.method
            ))
        })?;
    let mut by_key = HashMap::with_capacity(entities.len());
    for (raw, entity) in entities {
        let key = Key::parse_body(raw).map_err(|e| {
            ApiError::bad_request(format!("invalid key {raw:?} in \"entities\": {e}"))
        })?;
        by_key.insert(key.canonical, entity);
    }
    let mut pairs = Vec::with_capacity(keys.len());
    for key in keys {
        let entity = by_key.remove(&key.canonical).ok_or_else(|| {
            ApiError::bad_request(format!(
                "no entity for id {:?} in \"entities\"",
                key.canonical
            ))
        })?;
        let what = format!("the entity for {} in \"entities\"", key.wire());
        pairs.push((key, self::entity(entity, &what)?.clone()));
    }
    if let Some(extra) = by_key.keys().next() {
        return Err(ApiError::bad_request(format!(
            "\"entities\" has an entity for {}, which is not in ids",
            excerpt(extra)
        )));
    }
    Ok(pairs)
}

fn created(call: &Call, key: &Key) -> Result<Response, ApiError> {
    let mut response = StatusCode::CREATED.into_response();
    let encode_error =
        |e: restli_codec::Error| ApiError::bad_request(format!("unencodable key: {e}"));
    // Simple keys raw, complex keys reduced (see `Key::wire`).
    let id = HeaderValue::from_str(&key.wire())
        .map_err(|_| ApiError::bad_request("the key cannot be sent in a header"))?;
    response.headers_mut().insert(header::RESTLI_ID, id);
    let location = location(call, key).map_err(encode_error)?;
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(LOCATION, location);
    }
    Ok(response)
}

fn location(call: &Call, key: &Key) -> Result<String, restli_codec::Error> {
    let base = call.path.trim_end_matches('/');
    Ok(format!("{base}/{}", restli_codec::to_string(&key.value)?))
}

fn page(entities: Vec<Value>, start: u64, count: u64) -> Value {
    let total = entities.len();
    let skip = usize::try_from(start).unwrap_or(usize::MAX);
    let take = usize::try_from(count).unwrap_or(usize::MAX);
    let elements: Vec<Value> = entities.into_iter().skip(skip).take(take).collect();
    json!({
        "elements": elements,
        "paging": {"start": start, "count": count, "total": total, "links": []}
    })
}

/// Entities of a collection matching every criterion, oldest first.
fn select<'a>(
    store: &Store,
    collection: &str,
    criteria: impl Iterator<Item = (&'a str, &'a Value)> + Clone,
) -> Vec<Value> {
    store
        .existing(collection)
        .map(|c| {
            c.list()
                .into_iter()
                .filter(|entry| filter::matches_all(&entry.entity, criteria.clone()))
                .map(|entry| entry.entity.clone())
                .collect()
        })
        .unwrap_or_default()
}

fn get(store: &mut Store, call: &Call) -> Answer {
    let entity = match &call.key {
        Some(key) => store
            .existing(&call.collection)
            .and_then(|c| c.get(&key.canonical))
            .map(|entry| &entry.entity),
        None => store.singleton(&call.collection),
    };
    let entity = entity.ok_or_else(|| not_found(call))?;
    Ok(json_answer(StatusCode::OK, entity.clone()))
}

fn batch_get(store: &mut Store, call: &Call) -> Answer {
    let keys = batch_keys(call)?;
    let collection = store.existing(&call.collection);
    let (mut results, mut statuses, mut errors) = (Map::new(), Map::new(), Map::new());
    for key in keys {
        match collection.and_then(|c| c.get(&key.canonical)) {
            Some(entry) => {
                results.insert(key.wire(), entry.entity.clone());
                statuses.insert(key.wire(), json!(200));
            }
            None => {
                let message = format!("Requested entity not found: key={}", key.wire());
                errors.insert(key.wire(), item_error(StatusCode::NOT_FOUND, message));
                statuses.insert(key.wire(), json!(404));
            }
        }
    }
    Ok(json_answer(
        StatusCode::OK,
        json!({"results": results, "statuses": statuses, "errors": errors}),
    ))
}

fn get_all(store: &mut Store, call: &Call) -> Answer {
    no_key(call)?;
    let (start, count) = call.params.paging()?;
    let entities = select(store, &call.collection, std::iter::empty());
    Ok(json_answer(StatusCode::OK, page(entities, start, count)))
}

fn finder(store: &mut Store, call: &Call) -> Answer {
    no_key(call)?;
    let name = call
        .params
        .text("q")?
        .ok_or_else(|| ApiError::bad_request("FINDER needs q=<finder name>"))?;
    let entities = select(store, &call.collection, call.params.criteria());
    if cursor::applies(call, name) {
        return Ok(json_answer(
            StatusCode::OK,
            cursor::page(call, name, entities)?,
        ));
    }
    let (start, count) = call.params.paging()?;
    Ok(json_answer(StatusCode::OK, page(entities, start, count)))
}

fn batch_finder(store: &mut Store, call: &Call) -> Answer {
    no_key(call)?;
    call.params
        .text("bq")?
        .ok_or_else(|| ApiError::bad_request("BATCH_FINDER needs bq=<finder name>"))?;
    let (start, count) = call.params.paging()?;
    let (lists, common): (Vec<_>, Vec<_>) = call
        .params
        .criteria()
        .partition(|(_, value)| value.is_array());
    let [(name, Value::Array(criteria))] = lists.as_slice() else {
        return Err(ApiError::bad_request(
            "BATCH_FINDER needs exactly one list-valued criteria parameter, such as criteria=List((status:ACTIVE))",
        ));
    };
    let mut results = Vec::with_capacity(criteria.len());
    for criterion in criteria {
        if !criterion.is_object() {
            return Err(ApiError::bad_request(format!(
                "each element of {name:?} must be a record of criteria, found {criterion}"
            )));
        }
        let all = common
            .iter()
            .copied()
            .chain(std::iter::once(("", criterion)));
        results.push(page(select(store, &call.collection, all), start, count));
    }
    Ok(json_answer(StatusCode::OK, json!({"elements": results})))
}

fn create(store: &mut Store, call: &Call) -> Answer {
    no_key(call)?;
    let entity = entity(body(call)?, "the CREATE body")?.clone();
    let key = store.collection(&call.collection).create(entity);
    created(call, &key)
}

fn batch_create(store: &mut Store, call: &Call) -> Answer {
    no_key(call)?;
    let elements = body(call)?
        .get("elements")
        .and_then(Value::as_array)
        .ok_or_else(|| ApiError::bad_request("BATCH_CREATE needs a body {\"elements\": [..]}"))?;
    for (i, element) in elements.iter().enumerate() {
        entity(element, &format!("element {i} of \"elements\""))?;
    }
    let collection = store.collection(&call.collection);
    let mut answers = Vec::with_capacity(elements.len());
    for entity in elements {
        let key = collection.create(entity.clone());
        let mut answer = json!({"status": 201, "id": key.wire()});
        if let (Ok(location), Some(fields)) = (location(call, &key), answer.as_object_mut()) {
            fields.insert("location".into(), json!(location));
        }
        answers.push(answer);
    }
    Ok(json_answer(StatusCode::OK, json!({"elements": answers})))
}

fn update(store: &mut Store, call: &Call) -> Answer {
    let entity = entity(body(call)?, "the UPDATE body")?.clone();
    match &call.key {
        Some(key) => {
            if store.collection(&call.collection).put(key.clone(), entity) {
                created(call, key)
            } else {
                Ok(StatusCode::NO_CONTENT.into_response())
            }
        }
        None => {
            let status = if store.set_singleton(&call.collection, entity) {
                StatusCode::CREATED
            } else {
                StatusCode::NO_CONTENT
            };
            Ok(status.into_response())
        }
    }
}

fn batch_update(store: &mut Store, call: &Call) -> Answer {
    let pairs = keyed_entities(call)?;
    let collection = store.collection(&call.collection);
    let mut results = Map::new();
    for (key, entity) in pairs {
        let wire = key.wire();
        let status = if collection.put(key, entity) {
            201
        } else {
            204
        };
        results.insert(wire, json!({"status": status}));
    }
    Ok(json_answer(
        StatusCode::OK,
        json!({"results": results, "errors": {}}),
    ))
}

fn partial_update(store: &mut Store, call: &Call) -> Answer {
    let patch = patch::from_body(call.body.as_ref()).map_err(ApiError::bad_request)?;
    let entity = match &call.key {
        Some(key) => store
            .collection(&call.collection)
            .get_mut(&key.canonical)
            .map(|entry| &mut entry.entity),
        None => store.singleton_mut(&call.collection),
    };
    let entity = entity.ok_or_else(|| not_found(call))?;
    let mut patched = entity.clone();
    patch::apply(&mut patched, patch).map_err(ApiError::bad_request)?;
    *entity = patched;
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn batch_partial_update(store: &mut Store, call: &Call) -> Answer {
    let pairs = keyed_entities(call)?;
    let mut patches = Vec::with_capacity(pairs.len());
    for (key, body) in &pairs {
        let patch = patch::from_body(Some(body))
            .map_err(|e| ApiError::bad_request(format!("entity {:?}: {e}", key.canonical)))?;
        patches.push((key, patch));
    }
    let collection = store.collection(&call.collection);
    let (mut results, mut errors) = (Map::new(), Map::new());
    for (key, patch) in patches {
        let Some(entry) = collection.get_mut(&key.canonical) else {
            let message = format!("Requested entity not found: key={}", key.wire());
            errors.insert(key.wire(), item_error(StatusCode::NOT_FOUND, message));
            continue;
        };
        let mut patched = entry.entity.clone();
        match patch::apply(&mut patched, patch) {
            Ok(()) => {
                entry.entity = patched;
                results.insert(key.wire(), json!({"status": 204}));
            }
            Err(message) => {
                errors.insert(key.wire(), item_error(StatusCode::BAD_REQUEST, message));
            }
        }
    }
    Ok(json_answer(
        StatusCode::OK,
        json!({"results": results, "errors": errors}),
    ))
}

fn delete(store: &mut Store, call: &Call) -> Answer {
    let removed = match &call.key {
        Some(key) => store
            .collection(&call.collection)
            .remove(&key.canonical)
            .is_some(),
        None => store.remove_singleton(&call.collection).is_some(),
    };
    if removed {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(not_found(call))
    }
}

fn batch_delete(store: &mut Store, call: &Call) -> Answer {
    let keys = batch_keys(call)?;
    let collection = store.collection(&call.collection);
    let mut results = Map::new();
    for key in keys {
        let status = if collection.remove(&key.canonical).is_some() {
            204
        } else {
            404
        };
        results.insert(key.wire(), json!({"status": status}));
    }
    Ok(json_answer(
        StatusCode::OK,
        json!({"results": results, "errors": {}}),
    ))
}

fn action(call: &Call) -> Answer {
    call.params
        .text("action")?
        .ok_or_else(|| ApiError::bad_request("ACTION needs action=<name>"))?;
    let value = call.body.clone().unwrap_or_else(|| json!({}));
    Ok(json_answer(StatusCode::OK, json!({"value": value})))
}
