//! The generic Rest.li resources under `/rest` and `/v2`: request checks,
//! request decoding, and the 14 methods over the in-memory store.

mod call;
mod cursor;
mod filter;
mod methods;
mod patch;
mod projection;
mod query;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode};
use restli_codec::{Method, Projection, header};

use crate::errors::ApiError;
use crate::lock;
use crate::scopes::{self, Caller};
use crate::social;
use crate::state::AppState;
use crate::tunnel::MAX_BODY;

pub(crate) use call::Call;

/// What a call's handling under the store's lock gave: the response, or
/// an ads report to compute once the lock is released.
enum Served {
    Now(Response),
    Report(crate::ads::ReportJob),
}

/// Handles one Rest.li request under `prefix` (`/rest` or `/v2`): decodes
/// it, checks the caller's scopes, runs the method, and shapes the answer
/// (the `/v2/userinfo` claims the scopes allow, then the projection).
pub(crate) async fn handle(state: AppState, prefix: &'static str, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(body) => body,
        Err(e) => {
            return ApiError::bad_request(format!("cannot read the body: {e}")).into_response();
        }
    };
    let caller = parts.extensions.get::<Caller>().cloned();
    // The store is locked only while the method runs, never across an await.
    let answer = {
        let mut store = lock(&state.store);
        Call::parse(prefix, &parts, &body, |path| {
            store.singleton(path).is_some()
        })
        .and_then(|call| served_under(prefix, call))
        .and_then(|call| match &caller {
            Some(caller) => scopes::check(caller, prefix, &call).map(|()| call),
            None => Ok(call),
        })
        .and_then(|call| Ok((projection::requested(&call.params)?, call)))
        .and_then(|(projection, call)| {
            let ctx = social::Ctx {
                now: state.clock.now(),
                origin: &state.origin,
                media: &state.media,
            };
            let own = (prefix == "/rest")
                .then(|| social::route(&mut store, &call, &ctx))
                .flatten();
            let today = crate::clock::unix_seconds(state.clock.now()).div_euclid(86_400);
            let today = i64::try_from(today).unwrap_or(i64::MAX);
            let served = match own {
                Some(answer) => Served::Now(answer?),
                None => match crate::ads::prepare(&store, &call, today) {
                    Some(job) => Served::Report(job?),
                    None => Served::Now(methods::dispatch(&mut store, &call)?),
                },
            };
            Ok((served, projection, call))
        })
    };
    // The store's lock is released: a report is computed now, without
    // holding up the other requests.
    let answer = answer.and_then(|(served, projection, call)| {
        let response = match served {
            Served::Now(response) => response,
            Served::Report(job) => job.run(&state.ads)?,
        };
        Ok((response, projection, call))
    });
    match answer {
        Err(error) => error.into_response(),
        Ok((response, projection, call)) => {
            let userinfo = caller.filter(|_| call.collection == "userinfo");
            if projection.is_none() && userinfo.is_none() {
                return response;
            }
            shape(
                response,
                call.method,
                projection.as_ref(),
                userinfo.as_ref(),
            )
            .await
        }
    }
}

/// Rewrites a successful JSON answer: the userinfo claims `caller` may
/// see, then `projection`. Other answers pass unchanged.
async fn shape(
    response: Response,
    method: Method,
    projection: Option<&Projection>,
    userinfo: Option<&Caller>,
) -> Response {
    if !response.status().is_success() {
        return response;
    }
    let (parts, body) = response.into_parts();
    // The sandbox's own answer, already in memory: no limit to enforce.
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL_ERROR",
            "the answer could not be read back",
        )
        .into_response();
    };
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return Response::from_parts(parts, axum::body::Body::from(bytes));
    };
    if let Some(caller) = userinfo {
        value = scopes::userinfo_claims(caller, value);
    }
    if let Some(projection) = projection {
        value = projection::project_answer(method, value, projection);
    }
    let mut shaped = axum::Json(value).into_response();
    *shaped.status_mut() = parts.status;
    for (name, value) in &parts.headers {
        if name != http::header::CONTENT_LENGTH {
            shaped.headers_mut().insert(name, value.clone());
        }
    }
    shaped
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

/// Middleware: every API answer says `X-RestLi-Protocol-Version: 2.0.0`.
pub(crate) async fn protocol_header(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response.headers_mut().insert(
        header::PROTOCOL_VERSION,
        HeaderValue::from_static(header::PROTOCOL_VERSION_VALUE),
    );
    response
}
