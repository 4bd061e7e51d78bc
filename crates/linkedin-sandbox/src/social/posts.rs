//! `/rest/posts`, as the
//! [Posts API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api)
//! and its [schema](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/post-api-schema)
//! describe it: CREATE checks the documented body, GET by URN, FINDER
//! `q=author` newest first, PARTIAL_UPDATE of the editable fields, DELETE.
//! Posts live in the generic `posts` collection, so BATCH_GET and the other
//! methods still work on them.

use axum::response::IntoResponse;
use http::StatusCode;
use restli_codec::Method;
use serde_json::{Map, Value, json};

use super::{
    Answer, Ctx, enum_field, invalid, is_actor, millis, optional_record, optional_str, page,
    required_str,
};
use crate::errors::ApiError;
use crate::restli::Call;
use crate::store::{Key, Store};

const COLLECTION: &str = "posts";

/// The longest commentary LinkedIn takes (3000 characters).
const MAX_COMMENTARY: usize = 3000;
/// A poll's question and option lengths (140 and 30 characters) and its
/// 2 to 4 options.
const MAX_POLL_QUESTION: usize = 140;
const MAX_POLL_OPTION: usize = 30;
/// A multi-image post's 2 to 20 images.
const MULTI_IMAGE: std::ops::RangeInclusive<usize> = 2..=20;

const VISIBILITY: &[&str] = &["PUBLIC", "CONNECTIONS", "LOGGED_IN", "CONTAINER"];
const FEED_DISTRIBUTION: &[&str] = &["MAIN_FEED", "NONE"];
const LIFECYCLE: &[&str] = &["PUBLISHED", "DRAFT"];
const POLL_DURATION: &[&str] = &["ONE_DAY", "THREE_DAYS", "SEVEN_DAYS", "FOURTEEN_DAYS"];
/// Fields a PARTIAL_UPDATE may `$set`.
const EDITABLE: &[&str] = &[
    "commentary",
    "contentCallToActionLabel",
    "contentLandingPage",
    "lifecycleState",
    "adContext",
];

pub(super) fn route(store: &mut Store, call: &Call, ctx: &Ctx<'_>) -> Option<Answer> {
    match call.method {
        Method::Create => Some(create(store, call, ctx)),
        Method::BatchCreate => Some(batch_create(store, call, ctx)),
        Method::Finder => Some(by_author(store, call)),
        Method::PartialUpdate if call.key.is_some() => Some(partial_update(store, call, ctx)),
        _ => None,
    }
}

/// CREATE: 201 with the URN in `X-RestLi-Id` and `Location`.
fn create(store: &mut Store, call: &Call, ctx: &Ctx<'_>) -> Answer {
    if call.key.is_some() {
        return Err(ApiError::bad_request(
            "CREATE does not take a key in the path",
        ));
    }
    let key = store_post(store, super::body_record(call)?, ctx)?;
    let mut response = super::created(&key.wire(), None)?;
    if let Ok(value) = http::HeaderValue::from_str(&location(&key)) {
        response.headers_mut().insert(http::header::LOCATION, value);
    }
    Ok(response)
}

/// `/rest/posts/{urn, URL-encoded}`.
fn location(key: &Key) -> String {
    let encoded = restli_codec::to_string(&key.value).unwrap_or_else(|_| key.canonical.clone());
    format!("/rest/posts/{encoded}")
}

/// BATCH_CREATE `{"elements": [post, ..]}`: each post checked as a CREATE;
/// `{"elements": [{"status": 201, "id", "location"} or {"status", "error"}]}`.
fn batch_create(store: &mut Store, call: &Call, ctx: &Ctx<'_>) -> Answer {
    let elements = super::body_record(call)?
        .get("elements")
        .and_then(Value::as_array)
        .ok_or_else(|| ApiError::bad_request("BATCH_CREATE needs a body {\"elements\": [..]}"))?;
    let mut answers = Vec::with_capacity(elements.len());
    for element in elements {
        let stored = match element {
            Value::Object(post) => store_post(store, post, ctx),
            _ => Err(invalid("", "each element is a post record")),
        };
        answers.push(match stored {
            Ok(key) => json!({"status": 201, "id": key.wire(), "location": location(&key)}),
            Err(error) => json!({"status": error.status.as_u16(), "error": error.body()}),
        });
    }
    Ok(super::json_answer(
        StatusCode::OK,
        json!({"elements": answers}),
    ))
}

/// Checks one post and stores it; answers its key. The content decides
/// the URN: `urn:li:share:N` for text, article and reshare posts,
/// `urn:li:ugcPost:N` for posts with media, polls and multi-image posts.
fn store_post(
    store: &mut Store,
    body: &Map<String, Value>,
    ctx: &Ctx<'_>,
) -> Result<Key, ApiError> {
    let author = required_str(body, "", "author")?;
    if !is_actor(author) {
        return Err(invalid(
            "/author",
            format!(
                "{} is not a person or organization URN (urn:li:person:.., urn:li:organization:..)",
                crate::errors::excerpt(author)
            ),
        ));
    }
    commentary(required_str(body, "", "commentary")?)?;
    enum_field(body, "", "visibility", VISIBILITY)?;
    let lifecycle = enum_field(body, "", "lifecycleState", LIFECYCLE)?;
    let distribution = optional_record(body, "", "distribution")?.ok_or_else(|| {
        invalid(
            "/distribution",
            "field is required but not found and has no default value",
        )
    })?;
    enum_field(
        distribution,
        "/distribution",
        "feedDistribution",
        FEED_DISTRIBUTION,
    )?;
    if let Some(flag) = body.get("isReshareDisabledByAuthor")
        && !flag.is_boolean()
    {
        return Err(invalid("/isReshareDisabledByAuthor", "is not a boolean"));
    }
    let content = optional_record(body, "", "content")?;
    let reshare = optional_record(body, "", "reshareContext")?;
    let ugc = match (content, reshare) {
        (Some(_), Some(_)) => {
            return Err(invalid(
                "/content",
                "a reshare (reshareContext) carries no content of its own",
            ));
        }
        (Some(content), None) => check_content(store, content, ctx.now)?,
        (None, Some(reshare)) => {
            let parent = required_str(reshare, "/reshareContext", "parent")?;
            if post_key(store, parent).is_none() {
                return Err(invalid(
                    "/reshareContext/parent",
                    format!("the post {} does not exist", crate::errors::excerpt(parent)),
                ));
            }
            false
        }
        (None, None) => false,
    };
    let now = millis(ctx.now);
    let mut entity = body.clone();
    entity.insert("createdAt".into(), json!(now));
    entity.insert("lastModifiedAt".into(), json!(now));
    if lifecycle == "PUBLISHED" {
        entity.insert("publishedAt".into(), json!(now));
    }
    entity
        .entry("isReshareDisabledByAuthor")
        .or_insert(json!(false));
    let urn_type = if ugc { "ugcPost" } else { "share" };
    Ok(store
        .collection(COLLECTION)
        .create_urn(Value::Object(entity), urn_type))
}

fn commentary(text: &str) -> Result<(), ApiError> {
    let length = text.chars().count();
    if length > MAX_COMMENTARY {
        return Err(invalid(
            "/commentary",
            format!("is {length} characters long; at most {MAX_COMMENTARY} are allowed"),
        ));
    }
    Ok(())
}

/// Checks a post's `content`; `true` when it makes a `ugcPost`.
fn check_content(
    store: &Store,
    content: &Map<String, Value>,
    now: std::time::SystemTime,
) -> Result<bool, ApiError> {
    let kinds: Vec<&str> = content.keys().map(String::as_str).collect();
    let [kind] = kinds.as_slice() else {
        return Err(invalid(
            "/content",
            "must hold exactly one of article, media, multiImage, poll",
        ));
    };
    let at = format!("/content/{kind}");
    let Some(Value::Object(inner)) = content.get(*kind) else {
        return Err(invalid(&at, "is not a record"));
    };
    match *kind {
        "article" => {
            let source = required_str(inner, &at, "source")?;
            if url::Url::parse(source).map_or(true, |u| !matches!(u.scheme(), "http" | "https")) {
                return Err(invalid(
                    &format!("{at}/source"),
                    format!("{} is not an http(s) URL", crate::errors::excerpt(source)),
                ));
            }
            optional_str(inner, &at, "title")?;
            optional_str(inner, &at, "description")?;
            if let Some(thumbnail) = optional_str(inner, &at, "thumbnail")? {
                store.social.media.require_available(
                    thumbnail,
                    &["image"],
                    &format!("{at}/thumbnail"),
                    now,
                )?;
            }
            Ok(false)
        }
        "media" => {
            let id = required_str(inner, &at, "id")?;
            let kind = store.social.media.require_available(
                id,
                &["image", "video", "document"],
                &format!("{at}/id"),
                now,
            )?;
            if kind == "document" {
                required_str(inner, &at, "title")?;
            }
            Ok(true)
        }
        "multiImage" => {
            let Some(Value::Array(images)) = inner.get("images") else {
                return Err(invalid(
                    &format!("{at}/images"),
                    "field is required but not found and has no default value",
                ));
            };
            if !MULTI_IMAGE.contains(&images.len()) {
                return Err(invalid(
                    &format!("{at}/images"),
                    format!(
                        "has {} images; a multi-image post has {} to {}",
                        images.len(),
                        MULTI_IMAGE.start(),
                        MULTI_IMAGE.end()
                    ),
                ));
            }
            for (i, image) in images.iter().enumerate() {
                let here = format!("{at}/images/{i}");
                let Value::Object(image) = image else {
                    return Err(invalid(&here, "is not a record"));
                };
                let id = required_str(image, &here, "id")?;
                store
                    .social
                    .media
                    .require_available(id, &["image"], &format!("{here}/id"), now)?;
            }
            Ok(true)
        }
        "poll" => {
            let question = required_str(inner, &at, "question")?;
            if question.chars().count() > MAX_POLL_QUESTION {
                return Err(invalid(
                    &format!("{at}/question"),
                    format!("is longer than {MAX_POLL_QUESTION} characters"),
                ));
            }
            let Some(Value::Array(options)) = inner.get("options") else {
                return Err(invalid(
                    &format!("{at}/options"),
                    "field is required but not found and has no default value",
                ));
            };
            if !(2..=4).contains(&options.len()) {
                return Err(invalid(
                    &format!("{at}/options"),
                    format!("has {} options; a poll has 2 to 4", options.len()),
                ));
            }
            for (i, option) in options.iter().enumerate() {
                let here = format!("{at}/options/{i}");
                let Value::Object(option) = option else {
                    return Err(invalid(&here, "is not a record"));
                };
                let text = required_str(option, &here, "text")?;
                if text.chars().count() > MAX_POLL_OPTION {
                    return Err(invalid(
                        &format!("{here}/text"),
                        format!("is longer than {MAX_POLL_OPTION} characters"),
                    ));
                }
            }
            if let Some(settings) = optional_record(inner, &at, "settings")?
                && settings.contains_key("duration")
            {
                enum_field(
                    settings,
                    &format!("{at}/settings"),
                    "duration",
                    POLL_DURATION,
                )?;
            }
            Ok(true)
        }
        other => Err(invalid(
            "/content",
            format!(
                "{} is not a content type (article, media, multiImage, poll)",
                crate::errors::excerpt(other)
            ),
        )),
    }
}

/// The stored key of the post `urn`, if it exists.
fn post_key(store: &Store, urn: &str) -> Option<Key> {
    let key = Key::from_value(Value::String(urn.to_owned())).ok()?;
    store
        .existing(COLLECTION)
        .and_then(|c| c.get(&key.canonical))
        .map(|entry| entry.key.clone())
}

/// Whether a post with this URN exists (for comments and reactions).
pub(super) fn exists(store: &Store, urn: &str) -> bool {
    post_key(store, urn).is_some()
}

/// FINDER `q=author&author=URN`: the author's posts, newest first.
fn by_author(store: &Store, call: &Call) -> Answer {
    match call.params.text("q")? {
        Some("author") => {}
        Some(other) => {
            return Err(ApiError::invalid_input(
                "INVALID_VALUE",
                "q",
                format!(
                    "the posts resource has no finder {}",
                    crate::errors::excerpt(other)
                ),
            ));
        }
        None => return Err(ApiError::bad_request("FINDER needs q=<finder name>")),
    }
    let author = super::urn_param(call, "author")?.ok_or_else(|| {
        ApiError::invalid_input(
            "REQUIRED_FIELD_MISSING",
            "author",
            "the author finder needs author=<person or organization URN>",
        )
    })?;
    let mut posts: Vec<Value> = store
        .existing(COLLECTION)
        .map(|c| {
            c.list()
                .into_iter()
                .filter(|entry| entry.entity.get("author").and_then(Value::as_str) == Some(author))
                .map(|entry| entry.entity.clone())
                .collect()
        })
        .unwrap_or_default();
    posts.reverse();
    page(posts, call)
}

/// PARTIAL_UPDATE: `{"patch": {"$set": {..}}}` of the editable fields.
fn partial_update(store: &mut Store, call: &Call, ctx: &Ctx<'_>) -> Answer {
    let body = super::body_record(call)?;
    let set = body
        .get("patch")
        .and_then(|patch| patch.get("$set"))
        .and_then(Value::as_object)
        .ok_or_else(|| {
            invalid(
                "/patch/$set",
                "a post's PARTIAL_UPDATE is {\"patch\": {\"$set\": {..}}}",
            )
        })?;
    for (field, value) in set {
        if !EDITABLE.contains(&field.as_str()) {
            return Err(invalid(
                &format!("/patch/$set/{field}"),
                format!("cannot be updated; only {} can", EDITABLE.join(", ")),
            ));
        }
        if field == "commentary" {
            let Value::String(text) = value else {
                return Err(invalid("/patch/$set/commentary", "is not a string"));
            };
            commentary(text)?;
        }
        if field == "lifecycleState" {
            enum_field(set, "/patch/$set", "lifecycleState", LIFECYCLE)?;
        }
    }
    let key = call
        .key
        .as_ref()
        .ok_or_else(|| ApiError::bad_request("no post URN in the path"))?;
    let entry = store
        .collection(COLLECTION)
        .get_mut(&key.canonical)
        .ok_or_else(|| not_found(key))?;
    if let Value::Object(fields) = &mut entry.entity {
        for (field, value) in set {
            fields.insert(field.clone(), value.clone());
        }
        fields.insert("lastModifiedAt".into(), json!(millis(ctx.now)));
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn not_found(key: &Key) -> ApiError {
    ApiError::not_found(format!("Post {} not found", key.wire()))
}
