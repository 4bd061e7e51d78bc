//! `/rest/reactions`, as the
//! [Reactions API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/reactions-api)
//! describes it: CREATE `?actor=URN` with `{"root", "reactionType"}` (201,
//! `X-RestLi-Id: urn:li:reaction:(actor,root)`); GET and DELETE by the
//! compound key `(actor:..,entity:..)`; FINDER `q=entity` on
//! `/reactions/(entity:URN)` (or `&entity=URN`), newest first unless
//! `sort=(value:CHRONOLOGICAL)`.

use std::collections::BTreeMap;

use axum::response::IntoResponse;
use http::StatusCode;
use restli_codec::Method;
use serde_json::{Value, json};

use super::{Answer, Ctx, enum_field, invalid, is_actor, json_answer, millis, page, required_str};
use crate::errors::{ApiError, excerpt};
use crate::restli::Call;
use crate::store::Store;

/// LinkedIn's reaction types.
pub(crate) const REACTION_TYPES: &[&str] = &[
    "LIKE",
    "PRAISE",
    "EMPATHY",
    "INTEREST",
    "APPRECIATION",
    "ENTERTAINMENT",
];
/// How many reactions one sandbox keeps.
const MAX_REACTIONS: usize = 100_000;

/// Every reaction by (actor, entity), with its creation order.
#[derive(Debug, Default)]
pub(super) struct Reactions {
    next: u64,
    by_key: BTreeMap<(String, String), (u64, Value)>,
}

pub(super) fn route(store: &mut Store, call: &Call, ctx: &Ctx<'_>) -> Answer {
    let finder = call.params.text("q")?;
    match (call.method, finder) {
        (Method::Get | Method::Finder, Some("entity")) => {
            let entity = match compound(call)? {
                Some((None, Some(entity))) => entity,
                _ => super::urn_param(call, "entity")?
                    .map(str::to_owned)
                    .ok_or_else(|| {
                        ApiError::invalid_input(
                            "REQUIRED_FIELD_MISSING",
                            "entity",
                            "the entity finder needs /reactions/(entity:URN)?q=entity",
                        )
                    })?,
            };
            store.social.reactions.by_entity(call, &entity)
        }
        (Method::Finder, Some(other)) => Err(ApiError::invalid_input(
            "INVALID_VALUE",
            "q",
            format!("reactions has no finder {}", excerpt(other)),
        )),
        (Method::Create, None) => create(store, call, ctx),
        (Method::Get | Method::Delete, None) => {
            let Some((Some(actor), Some(entity))) = compound(call)? else {
                return Err(ApiError::bad_request(
                    "a reaction's key is (actor:URN,entity:URN)",
                ));
            };
            let reactions = &mut store.social.reactions;
            let key = (actor, entity);
            if call.method == Method::Get {
                reactions
                    .by_key
                    .get(&key)
                    .map(|(_, reaction)| json_answer(StatusCode::OK, reaction.clone()))
                    .ok_or_else(|| ApiError::not_found("Reaction not found"))
            } else {
                reactions
                    .by_key
                    .remove(&key)
                    .map(|_| StatusCode::NO_CONTENT.into_response())
                    .ok_or_else(|| ApiError::not_found("Reaction not found"))
            }
        }
        _ => Err(super::method_not_allowed(call)),
    }
}

/// The `(actor, entity)` parts of a compound key in the path.
/// The `actor` and `entity` of a reaction key, each possibly absent.
type Compound = (Option<String>, Option<String>);

fn compound(call: &Call) -> Result<Option<Compound>, ApiError> {
    let Some(key) = &call.key else {
        return Ok(None);
    };
    let Value::Object(parts) = &key.value else {
        return Err(ApiError::bad_request(
            "a reaction's key is (actor:URN,entity:URN)",
        ));
    };
    let part = |name: &str| parts.get(name).and_then(Value::as_str).map(str::to_owned);
    Ok(Some((part("actor"), part("entity"))))
}

fn create(store: &mut Store, call: &Call, ctx: &Ctx<'_>) -> Answer {
    let actor = super::urn_param(call, "actor")?.ok_or_else(|| {
        ApiError::invalid_input(
            "REQUIRED_FIELD_MISSING",
            "actor",
            "creating a reaction needs actor=<person or organization URN>",
        )
    })?;
    if !is_actor(actor) {
        return Err(ApiError::invalid_input(
            "INVALID_VALUE",
            "actor",
            format!("{} is not a person or organization URN", excerpt(actor)),
        ));
    }
    let body = super::body_record(call)?;
    let root = required_str(body, "", "root")?;
    let kind = enum_field(body, "", "reactionType", REACTION_TYPES)?;
    if !root.starts_with("urn:") {
        return Err(invalid("/root", format!("{} is not a URN", excerpt(root))));
    }
    if (root.starts_with("urn:li:share:") || root.starts_with("urn:li:ugcPost:"))
        && !super::posts::exists(store, root)
    {
        return Err(ApiError::not_found(format!(
            "the post {} does not exist",
            excerpt(root)
        )));
    }
    let reactions = &mut store.social.reactions;
    if reactions.by_key.len() >= MAX_REACTIONS {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "TOO_MANY_REQUESTS",
            format!("the sandbox keeps at most {MAX_REACTIONS} reactions"),
        )
        .with_service_code(101));
    }
    reactions.next += 1;
    let id = format!("urn:li:reaction:({actor},{root})");
    let stamp = json!({"actor": actor, "time": millis(ctx.now)});
    let reaction = json!({
        "id": id,
        "reactionType": kind,
        "root": root,
        "created": stamp,
        "lastModified": stamp,
    });
    reactions.by_key.insert(
        (actor.to_owned(), root.to_owned()),
        (reactions.next, reaction.clone()),
    );
    super::created(&id, Some(reaction))
}

impl Reactions {
    fn by_entity(&self, call: &Call, entity: &str) -> Answer {
        let mut found: Vec<&(u64, Value)> = self
            .by_key
            .iter()
            .filter(|((_, e), _)| e == entity)
            .map(|(_, v)| v)
            .collect();
        found.sort_by_key(|(seq, _)| *seq);
        let chronological = call
            .params
            .get("sort")
            .and_then(|s| s.get("value"))
            .and_then(Value::as_str)
            == Some("CHRONOLOGICAL");
        if !chronological {
            found.reverse();
        }
        page(found.into_iter().map(|(_, v)| v.clone()).collect(), call)
    }
}
