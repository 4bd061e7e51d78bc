//! Query tunneling, undone: a POST carrying `X-HTTP-Method-Override` and
//! its query in a form (or `multipart/mixed`) body is turned back into the
//! request it stands for before anything else looks at it, as a Rest.li
//! server does.

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use restli_codec::header::METHOD_OVERRIDE;

use crate::errors::ApiError;

/// The largest request body the sandbox reads.
pub(crate) const MAX_BODY: usize = 16 * 1024 * 1024;

/// Middleware: untunnels tunneled requests; others pass untouched.
pub(crate) async fn untunnel(request: Request, next: Next) -> Response {
    if !request.headers().contains_key(METHOD_OVERRIDE) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => bytes,
        Err(e) => {
            return ApiError::bad_request(format!("cannot read the tunneled body: {e}"))
                .into_response();
        }
    };
    let tunneled = http::Request::from_parts(parts, bytes.to_vec());
    match restli_codec::tunnel::untunnel(tunneled) {
        Ok(original) => next.run(original.map(Body::from)).await,
        Err(e) => ApiError::bad_request(e.to_string()).into_response(),
    }
}
