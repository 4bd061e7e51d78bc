//! The whole application: routes plus state plus layers.
//!
//! ```text
//! request ids -> untunnel -> count -> faults -> route
//!   /rest/*        protocol header -> bearer token -> quotas -> protocol version -> LinkedIn-Version -> Rest.li (scopes, projection)
//!   /v2/*          protocol header -> bearer token -> quotas -> protocol version -> Rest.li (scopes, projection)
//!   /dms-uploads/* PUT of the bytes to an upload URL of the Images, Documents, Videos APIs (no token: the URL is the grant)
//!   /oauth/v2/*    authorization, accessToken, introspectToken
//!   anything else  404
//! /sandbox/webhooks[/*]  webhook control (not counted, no faults, admin token)
//! ```
//!
//! The outer layers wrap the router as a whole, so they run before routing:
//! an untunneled request is routed by its original method. The webhook
//! control routes sit outside them: they drive the sandbox rather than
//! imitate LinkedIn.

use std::sync::Arc;

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::IntoResponse;
use axum::routing::{any, put};
use tower::ServiceBuilder;

use crate::admin::require_admin;
use crate::auth::require_token;
use crate::errors::ApiError;
use crate::faults::apply_faults;
use crate::oauth;
use crate::quota;
use crate::request_ids;
use crate::restli;
use crate::social;
use crate::state::AppState;
use crate::stats::count_requests;
use crate::tunnel::untunnel;
use crate::versions;
use crate::webhooks::{self, Hub};

/// The sandbox application; the control routes need `admin_token`.
pub(crate) fn app(state: AppState, hub: Arc<Hub>, admin_token: Arc<str>) -> Router {
    let versioned = Router::new()
        .route("/rest/{*path}", any(restli::versioned))
        .layer(from_fn_with_state(
            state.clone(),
            versions::require_linkedin_version,
        ));
    let unversioned = Router::new().route("/v2/{*path}", any(restli::unversioned));
    let api = versioned
        .merge(unversioned)
        .layer(from_fn(restli::require_protocol_version))
        .layer(from_fn_with_state(state.clone(), quota::enforce))
        .layer(from_fn_with_state(state.clone(), require_token))
        .layer(from_fn(restli::protocol_header));
    let uploads = Router::new().route("/dms-uploads/{*path}", put(social::upload::put));
    let router = api
        .merge(uploads)
        .merge(oauth::routes())
        .fallback(|| async { ApiError::not_found("no such resource").into_response() })
        .with_state(state.clone());
    let outer = ServiceBuilder::new()
        .layer(from_fn(request_ids::stamp))
        .layer(from_fn(untunnel))
        .layer(from_fn_with_state(state.clone(), count_requests))
        .layer(from_fn_with_state(state, apply_faults))
        .service(router);
    // `layer` wraps only the routes defined so far, not the fallback set after.
    webhooks::routes(hub)
        .layer(from_fn_with_state(admin_token, require_admin))
        .fallback_service(outer)
}
