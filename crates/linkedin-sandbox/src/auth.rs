//! Bearer-token checks for the API routes. A valid token's grant (client,
//! scopes, 2- or 3-legged) goes on in the request's extensions as a
//! [`Caller`], for the scope checks and quotas after it.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use http::header::AUTHORIZATION;

use crate::errors::ApiError;
use crate::lock;
use crate::oauth::grants::TokenCheck;
use crate::scopes::Caller;
use crate::state::AppState;

/// Middleware: answers 401 unless `Authorization: Bearer <token>` names a
/// static token or an unexpired issued one.
pub(crate) async fn require_token(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let header = request
        .headers()
        .get(AUTHORIZATION)
        .map(|value| value.to_str().unwrap_or_default().trim());
    let token = match header {
        None | Some("") => return empty_token().into_response(),
        Some(value) => match value.split_once(' ') {
            Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => token.trim(),
            _ => {
                return ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "UNKNOWN_AUTHENTICATION_SCHEME",
                    "Unknown authentication scheme: use Authorization: Bearer <access token>",
                )
                .into_response();
            }
        },
    };
    if token.is_empty() {
        return empty_token().into_response();
    }
    // LinkedIn's 401 subcodes
    // (<https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling>):
    // 65600 invalid, 65601 revoked by the member, 65602 expired.
    // Owned, so the request can be changed below.
    let token = token.to_owned();
    let token = token.as_str();
    match state.oauth.check(token, state.clock.now()) {
        TokenCheck::Valid => {
            let caller = lock(&state.oauth.grants)
                .access_grant(token)
                .map(Caller::from_grant);
            if let Some(caller) = caller {
                request.extensions_mut().insert(caller);
            }
            next.run(request).await
        }
        TokenCheck::Expired => token_error(
            "EXPIRED_ACCESS_TOKEN",
            65602,
            "The token used in the request has expired",
        ),
        TokenCheck::Revoked => token_error(
            "REVOKED_ACCESS_TOKEN",
            65601,
            "The token used in the request has been revoked by the user",
        ),
        TokenCheck::Unknown => token_error("INVALID_ACCESS_TOKEN", 65600, "Invalid access token"),
    }
}

fn empty_token() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "EMPTY_ACCESS_TOKEN",
        "Empty oauth2_access_token",
    )
    .with_service_code(65604)
}

fn token_error(code: &'static str, service_error_code: i64, message: &str) -> Response {
    ApiError::new(StatusCode::UNAUTHORIZED, code, message)
        .with_service_code(service_error_code)
        .into_response()
}
