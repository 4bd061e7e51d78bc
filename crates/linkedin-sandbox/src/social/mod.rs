//! LinkedIn's own resources under `/rest`, served with their documented
//! shapes and checks instead of the generic Rest.li collections:
//!
//! | resource | module | page |
//! |---|---|---|
//! | `posts` (CREATE, GET, FINDER `q=author`, PARTIAL_UPDATE, DELETE) | `posts` | [Posts API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api) |
//! | `images`, `documents`, `videos` and the upload URLs (`/dms-uploads/...`) | `media`, `upload` | [Images API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api), [Documents API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/documents-api), [Videos API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/videos-api) |
//! | `socialActions/{urn}/comments` | `comments` | [Comments API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/comments-api) |
//! | `reactions` | `reactions` | [Reactions API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/reactions-api) |
//! | `organizations`, `organizationAcls`, `networkSizes` | `organizations` | [Organization Lookup API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-lookup-api), [Organization Access Control](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-access-control-by-role), [Organization Followers](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/follower-statistics) |
//!
//! Other methods on these resources (BATCH_GET of posts, ...) fall through
//! to the generic collections, over the same data for `posts`.

mod comments;
pub(crate) mod media;
mod organizations;
mod posts;
mod reactions;
pub(crate) mod upload;

use std::time::{Duration, SystemTime};

use axum::Json;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde_json::{Map, Value, json};

use crate::errors::{ApiError, InputError};
use crate::restli::Call;
use crate::store::Store;

pub(crate) use media::MediaOptions;
pub(crate) use organizations::seed;

type Answer = Result<Response, ApiError>;

/// The sandbox's own data for these resources (posts live in the generic
/// `posts` collection).
#[derive(Debug, Default)]
pub(crate) struct Data {
    pub(crate) media: media::Media,
    comments: comments::Comments,
    reactions: reactions::Reactions,
    organizations: organizations::Organizations,
}

/// What a handler needs besides the store.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'a> {
    /// The sandbox clock's time.
    pub(crate) now: SystemTime,
    /// `http://127.0.0.1:PORT`, for the upload URLs.
    pub(crate) origin: &'a str,
    pub(crate) media: &'a MediaOptions,
}

/// The signed-in member's URN (the seeded member of `/v2/me`).
pub(crate) fn member_urn() -> String {
    format!("urn:li:person:{}", crate::seed::MEMBER_ID)
}

/// Runs `call` when it is one of these resources under `/rest`; `None`
/// leaves it to the generic collections.
pub(crate) fn route(store: &mut Store, call: &Call, ctx: &Ctx<'_>) -> Option<Answer> {
    let mut segments = call.collection.split('/');
    let resource = segments.next().unwrap_or_default();
    match (resource, segments.next(), segments.next(), segments.next()) {
        ("posts", None, ..) => posts::route(store, call, ctx),
        ("images" | "documents" | "videos", None, ..) => media::route(store, call, ctx),
        ("socialActions", Some(target), Some("comments"), None) => {
            Some(comments::route(store, call, ctx, target))
        }
        ("reactions", None, ..) => Some(reactions::route(store, call, ctx)),
        ("organizations" | "organizationAcls" | "networkSizes", None, ..) => {
            organizations::route(store, call)
        }
        _ => None,
    }
}

/// Milliseconds since the Unix epoch, LinkedIn's timestamps.
pub(crate) fn millis(time: SystemTime) -> u64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// `time` plus `by`, saturating.
pub(crate) fn later(time: SystemTime, by: Duration) -> SystemTime {
    time.checked_add(by).unwrap_or(time)
}

fn json_answer(status: StatusCode, body: Value) -> Response {
    (status, Json(body)).into_response()
}

/// LinkedIn's answer to a body that breaks the resource's schema: 422
/// with `ERROR :: /field :: problem` as the message and the field in
/// `errorDetails` (the shape LinkedIn's validation answers have, e.g.
/// `"ERROR :: /visibility :: \"SECRET\" is not an enum symbol"`).
fn invalid(field: &str, problem: impl Into<String>) -> ApiError {
    let problem = problem.into();
    let message = format!("ERROR :: {field} :: {problem}");
    let mut error = ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "UNPROCESSABLE_ENTITY",
        message.clone(),
    );
    error.input_errors.push(InputError {
        code: "INVALID_VALUE",
        field_path: field.to_owned(),
        description: message,
    });
    error
}

/// The required string field `name` of `record` (at JSON pointer `at`).
fn required_str<'a>(
    record: &'a Map<String, Value>,
    at: &str,
    name: &str,
) -> Result<&'a str, ApiError> {
    match record.get(name) {
        Some(Value::String(text)) => Ok(text),
        None | Some(Value::Null) => Err(invalid(
            &format!("{at}/{name}"),
            "field is required but not found and has no default value",
        )),
        Some(other) => Err(invalid(
            &format!("{at}/{name}"),
            format!("{} is not a string", kind(other)),
        )),
    }
}

/// An optional string field.
fn optional_str<'a>(
    record: &'a Map<String, Value>,
    at: &str,
    name: &str,
) -> Result<Option<&'a str>, ApiError> {
    match record.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(_) => required_str(record, at, name).map(Some),
    }
}

/// A string field that must be one of `symbols`.
fn enum_field<'a>(
    record: &'a Map<String, Value>,
    at: &str,
    name: &str,
    symbols: &[&str],
) -> Result<&'a str, ApiError> {
    let value = required_str(record, at, name)?;
    if symbols.contains(&value) {
        Ok(value)
    } else {
        Err(invalid(
            &format!("{at}/{name}"),
            format!(
                "{} is not an enum symbol (one of {})",
                crate::errors::excerpt(value),
                symbols.join(", ")
            ),
        ))
    }
}

/// The record at `name` of `record`, if present.
fn optional_record<'a>(
    record: &'a Map<String, Value>,
    at: &str,
    name: &str,
) -> Result<Option<&'a Map<String, Value>>, ApiError> {
    match record.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(map)) => Ok(Some(map)),
        Some(other) => Err(invalid(
            &format!("{at}/{name}"),
            format!("{} is not a record", kind(other)),
        )),
    }
}

/// The whole body as a record.
fn body_record(call: &Call) -> Result<&Map<String, Value>, ApiError> {
    match &call.body {
        Some(Value::Object(map)) => Ok(map),
        Some(other) => Err(invalid(
            "",
            format!("the body is {}, not a record", kind(other)),
        )),
        None => Err(ApiError::invalid_input(
            "REQUIRED_FIELD_MISSING",
            "/",
            format!("{} needs a JSON body", call.method),
        )),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Array(_) => "an array",
        Value::String(_) => "a string",
        Value::Number(_) => "a number",
        Value::Bool(_) => "a boolean",
        Value::Null => "null",
        Value::Object(_) => "a record",
    }
}

/// Whether `urn` is a member or organization URN with a non-empty id.
fn is_actor(urn: &str) -> bool {
    [
        "urn:li:person:",
        "urn:li:organization:",
        "urn:li:organizationBrand:",
    ]
    .iter()
    .any(|prefix| {
        urn.strip_prefix(prefix)
            .is_some_and(|id| !id.is_empty() && !id.contains(':'))
    })
}

/// A URN parameter of the query (`actor=urn%3Ali%3Aperson%3A..`).
fn urn_param<'a>(call: &'a Call, name: &str) -> Result<Option<&'a str>, ApiError> {
    match call.params.get(name) {
        None => Ok(None),
        Some(Value::String(text)) if text.starts_with("urn:") => Ok(Some(text)),
        Some(_) => Err(ApiError::invalid_input(
            "INVALID_VALUE",
            name,
            format!("query parameter {name:?} must be a URN"),
        )),
    }
}

/// The page `start..start+count` of `elements`, with LinkedIn's `paging`.
fn page(elements: Vec<Value>, call: &Call) -> Answer {
    let (start, count) = call.params.paging()?;
    let total = elements.len();
    let skip = usize::try_from(start).unwrap_or(usize::MAX);
    let take = usize::try_from(count).unwrap_or(usize::MAX);
    let elements: Vec<Value> = elements.into_iter().skip(skip).take(take).collect();
    Ok(json_answer(
        StatusCode::OK,
        json!({
            "elements": elements,
            "paging": {"start": start, "count": count, "total": total, "links": []}
        }),
    ))
}

/// 201 with the id in `X-RestLi-Id` (raw, as LinkedIn writes simple keys).
fn created(id: &str, body: Option<Value>) -> Answer {
    let mut response = match body {
        Some(body) => json_answer(StatusCode::CREATED, body),
        None => StatusCode::CREATED.into_response(),
    };
    let value = http::HeaderValue::from_str(id)
        .map_err(|_| ApiError::bad_request("the created id cannot be sent in a header"))?;
    response
        .headers_mut()
        .insert(restli_codec::header::RESTLI_ID, value);
    Ok(response)
}

fn method_not_allowed(call: &Call) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "METHOD_NOT_ALLOWED",
        format!("{} is not supported on {}", call.method, call.collection),
    )
}

/// The key of the call as text (a URN or an id), or a 400.
fn key_text(call: &Call) -> Option<String> {
    call.key.as_ref().and_then(|key| match &key.value {
        Value::String(text) => Some(text.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}
