//! `POST /oauth/v2/introspectToken`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde_json::{Map, Value, json};

use super::{Form, OAuthError, no_store};
use crate::clock::unix_seconds;
use crate::lock;
use crate::state::AppState;

pub(super) async fn introspect_token(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match introspect(&state, &headers, &body) {
        Ok(answer) => no_store(Json(answer).into_response()),
        Err(error) => error.into_response(),
    }
}

/// What LinkedIn's introspection answers
/// (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/token-introspection>):
/// `active` (required) and, when known, `status` (`active`, `expired` or
/// `revoked`), `client_id`, `authorized_at`, `created_at`, `expires_at`,
/// `scope` and `auth_type`. For a token it never issued the page shows no
/// sample (ambiguous): the sandbox answers `{"active": false}` and nothing
/// else (RFC 7662 §2.2), so a client must read an absent `status` as
/// "unknown".
fn introspect(state: &AppState, headers: &HeaderMap, body: &[u8]) -> Result<Value, OAuthError> {
    let form = Form::from_post(headers, body)?;
    state.oauth.authenticate(&form)?;
    let token = form.required("token")?;
    let now = state.clock.now();
    let grants = lock(&state.oauth.grants);
    let (grant, revoked) = match grants.revoked_grant(token) {
        Some(grant) => (grant, true),
        None => match grants.access_grant(token) {
            Some(grant) => (grant, false),
            None => return Ok(json!({"active": false})),
        },
    };
    let active = !revoked && !grant.is_expired(now);
    let mut answer = Map::new();
    answer.insert("active".into(), json!(active));
    answer.insert("client_id".into(), json!(grant.client_id));
    answer.insert(
        "authorized_at".into(),
        json!(unix_seconds(grant.authorized_at)),
    );
    answer.insert("created_at".into(), json!(unix_seconds(grant.created_at)));
    if let Some(expires_at) = grant.expires_at {
        answer.insert("expires_at".into(), json!(unix_seconds(expires_at)));
    }
    answer.insert(
        "status".into(),
        json!(if revoked {
            "revoked"
        } else if active {
            "active"
        } else {
            "expired"
        }),
    );
    answer.insert("scope".into(), json!(grant.scope.join(",")));
    answer.insert("auth_type".into(), json!(grant.auth_type.as_str()));
    Ok(Value::Object(answer))
}
