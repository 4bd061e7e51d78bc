//! The generic Rest.li resources under `/rest` and `/v2`: request checks,
//! request decoding, and the 14 methods over the in-memory store.

mod call;
mod cursor;
mod filter;
mod methods;
mod patch;
mod query;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode};
use restli_codec::{LinkedInVersion, header};

use crate::errors::ApiError;
use crate::lock;
use crate::state::AppState;
use crate::tunnel::MAX_BODY;

pub(crate) use call::Call;

/// Handles one Rest.li request under `prefix` (`/rest` or `/v2`).
pub(crate) async fn handle(state: AppState, prefix: &'static str, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(body) => body,
        Err(e) => {
            return ApiError::bad_request(format!("cannot read the body: {e}")).into_response();
        }
    };
    let mut store = lock(&state.store);
    let answer = Call::parse(prefix, &parts, &body, |path| {
        store.singleton(path).is_some()
    })
    .and_then(|call| served_under(prefix, call))
    .and_then(|call| methods::dispatch(&mut store, &call));
    drop(store);
    answer.unwrap_or_else(IntoResponse::into_response)
}

/// Resources LinkedIn serves only under `/v2`, never under the versioned
/// `/rest`. `userinfo` is Sign In with LinkedIn's OpenID Connect endpoint,
/// documented only as `https://api.linkedin.com/v2/userinfo`
/// (<https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2>).
const V2_ONLY: &[&str] = &["userinfo"];

/// The call, unless its resource does not exist under `prefix` (404, as on
/// LinkedIn).
fn served_under(prefix: &str, call: Call) -> Result<Call, ApiError> {
    if prefix == "/rest" && V2_ONLY.contains(&call.collection.as_str()) {
        return Err(ApiError::not_found(format!(
            "no resource {:?} under /rest: it is served under /v2 only",
            call.collection
        )));
    }
    Ok(call)
}

/// Axum handler for `/rest/...`.
pub(crate) async fn versioned(State(state): State<AppState>, request: Request) -> Response {
    handle(state, "/rest", request).await
}

/// Axum handler for `/v2/...`.
pub(crate) async fn unversioned(State(state): State<AppState>, request: Request) -> Response {
    handle(state, "/v2", request).await
}

/// Middleware: `X-RestLi-Protocol-Version` must be `2.0.0`.
pub(crate) async fn require_protocol_version(request: Request, next: Next) -> Response {
    let problem = match request.headers().get(header::PROTOCOL_VERSION) {
        None => Some(
            "X-RestLi-Protocol-Version is missing: send X-RestLi-Protocol-Version: 2.0.0"
                .to_owned(),
        ),
        Some(value) if value == header::PROTOCOL_VERSION_VALUE => None,
        Some(value) => Some(format!(
            "unsupported X-RestLi-Protocol-Version {:?}: send 2.0.0",
            value.to_str().unwrap_or("<not text>")
        )),
    };
    match problem {
        None => next.run(request).await,
        Some(message) => {
            ApiError::new(StatusCode::BAD_REQUEST, "INVALID_PROTOCOL_VERSION", message)
                .into_response()
        }
    }
}

/// Middleware for `/rest`: `LinkedIn-Version` must be present and well-formed
/// (`YYYYMM` or `YYYYMM.RR`). LinkedIn answers a missing version with 400
/// `VERSION_MISSING` (426 is for versions it no longer serves, which the
/// sandbox does not simulate).
pub(crate) async fn require_linkedin_version(request: Request, next: Next) -> Response {
    let problem = match request.headers().get(header::LINKEDIN_VERSION) {
        None => Some(ApiError::new(
            StatusCode::BAD_REQUEST,
            "VERSION_MISSING",
            "A version must be present. Please specify a version by adding the LinkedIn-Version header.",
        )),
        Some(value) => LinkedInVersion::new(value.to_str().unwrap_or_default())
            .err()
            .map(|e| ApiError::new(StatusCode::BAD_REQUEST, "INVALID_VERSION", e.to_string())),
    };
    match problem {
        None => next.run(request).await,
        Some(error) => error.into_response(),
    }
}

/// Middleware: every API answer says `X-RestLi-Protocol-Version: 2.0.0`.
pub(crate) async fn protocol_header(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response.headers_mut().insert(
        header::PROTOCOL_VERSION,
        HeaderValue::from_static(header::PROTOCOL_VERSION_VALUE),
    );
    response
}
