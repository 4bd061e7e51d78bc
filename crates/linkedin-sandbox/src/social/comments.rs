//! `/rest/socialActions/{urn}/comments`, as the
//! [Comments API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/comments-api)
//! describes it: CREATE `{"actor", "object", "message": {"text"}}` (201,
//! the comment id in `X-RestLi-Id` and the comment in the body), GET_ALL
//! with paging (oldest first), GET and DELETE of one comment
//! (`?actor=URN` must be its author when given).

use std::collections::BTreeMap;

use axum::response::IntoResponse;
use http::StatusCode;
use restli_codec::Method;
use serde_json::{Value, json};

use super::{Answer, Ctx, invalid, is_actor, json_answer, millis, page, required_str};
use crate::errors::{ApiError, excerpt};
use crate::restli::Call;
use crate::store::Store;

/// The longest comment the sandbox takes (LinkedIn's is not published).
const MAX_TEXT: usize = 3000;
/// How many comments one sandbox keeps.
const MAX_COMMENTS: usize = 100_000;

/// Every comment, by the URN it is on, then by id.
#[derive(Debug, Default)]
pub(super) struct Comments {
    next: u64,
    count: usize,
    on: BTreeMap<String, BTreeMap<u64, Value>>,
}

/// `target` is the URN's canonical (reduced) form from the path.
pub(super) fn route(store: &mut Store, call: &Call, ctx: &Ctx<'_>, target: &str) -> Answer {
    let target: String = restli_codec::from_str_reduced(target)
        .map_err(|e| ApiError::bad_request(format!("invalid URN in the path: {e}")))?;
    if !target.starts_with("urn:") {
        return Err(ApiError::bad_request(format!(
            "{} is not a URN",
            excerpt(&target)
        )));
    }
    if is_post(&target) && !super::posts::exists(store, &target) {
        return Err(ApiError::not_found(format!(
            "the post {} does not exist",
            excerpt(&target)
        )));
    }
    let id = match &call.key {
        None => None,
        Some(_) => Some(
            super::key_text(call)
                .and_then(|id| id.parse::<u64>().ok())
                .ok_or_else(|| ApiError::not_found("no such comment"))?,
        ),
    };
    let comments = &mut store.social.comments;
    match (call.method, id) {
        (Method::Create, None) => comments.create(call, ctx, &target),
        (Method::GetAll | Method::Finder, None) => {
            let list = comments
                .on
                .get(&target)
                .map(|c| c.values().cloned().collect())
                .unwrap_or_default();
            page(list, call)
        }
        (Method::Get, Some(id)) => comments
            .on
            .get(&target)
            .and_then(|c| c.get(&id))
            .map(|comment| json_answer(StatusCode::OK, comment.clone()))
            .ok_or_else(|| ApiError::not_found(format!("Comment {id} not found"))),
        (Method::Delete, Some(id)) => comments.delete(call, &target, id),
        _ => Err(super::method_not_allowed(call)),
    }
}

fn is_post(urn: &str) -> bool {
    urn.starts_with("urn:li:share:") || urn.starts_with("urn:li:ugcPost:")
}

impl Comments {
    fn create(&mut self, call: &Call, ctx: &Ctx<'_>, target: &str) -> Answer {
        let body = super::body_record(call)?;
        let actor = required_str(body, "", "actor")?;
        if !is_actor(actor) {
            return Err(invalid(
                "/actor",
                format!("{} is not a person or organization URN", excerpt(actor)),
            ));
        }
        let Some(Value::Object(message)) = body.get("message") else {
            return Err(invalid(
                "/message",
                "field is required but not found and has no default value",
            ));
        };
        let text = required_str(message, "/message", "text")?;
        if text.is_empty() || text.chars().count() > MAX_TEXT {
            return Err(invalid(
                "/message/text",
                format!("a comment is 1 to {MAX_TEXT} characters"),
            ));
        }
        if let Some(object) = body.get("object").and_then(Value::as_str)
            && object != target
        {
            return Err(invalid(
                "/object",
                format!("{} is not the URN in the path", excerpt(object)),
            ));
        }
        if self.count >= MAX_COMMENTS {
            return Err(ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "TOO_MANY_REQUESTS",
                format!("the sandbox keeps at most {MAX_COMMENTS} comments"),
            )
            .with_service_code(101));
        }
        self.next += 1;
        self.count += 1;
        let id = self.next;
        let urn = format!("urn:li:comment:({target},{id})");
        let stamp = json!({"actor": actor, "time": millis(ctx.now)});
        let mut comment = body.clone();
        comment.insert("id".into(), json!(id.to_string()));
        comment.insert("commentUrn".into(), json!(urn));
        comment.insert("$URN".into(), json!(urn));
        comment.insert("object".into(), json!(target));
        comment.insert("created".into(), stamp.clone());
        comment.insert("lastModified".into(), stamp);
        let comment = Value::Object(comment);
        self.on
            .entry(target.to_owned())
            .or_default()
            .insert(id, comment.clone());
        super::created(&id.to_string(), Some(comment))
    }

    fn delete(&mut self, call: &Call, target: &str, id: u64) -> Answer {
        let actor = super::urn_param(call, "actor")?;
        let comments = self
            .on
            .get_mut(target)
            .ok_or_else(|| ApiError::not_found(format!("Comment {id} not found")))?;
        let comment = comments
            .get(&id)
            .ok_or_else(|| ApiError::not_found(format!("Comment {id} not found")))?;
        if let Some(actor) = actor
            && comment.get("actor").and_then(Value::as_str) != Some(actor)
        {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "ACCESS_DENIED",
                "the actor is not the author of the comment",
            )
            .with_service_code(100));
        }
        comments.remove(&id);
        self.count = self.count.saturating_sub(1);
        Ok(StatusCode::NO_CONTENT.into_response())
    }
}
