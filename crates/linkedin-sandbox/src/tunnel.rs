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
    let split = match restli_codec::tunnel::untunnel_split(tunneled) {
        Ok(split) => split,
        Err(e) => return ApiError::bad_request(e.to_string()).into_response(),
    };
    let query = TunneledQuery(split.query().to_owned());
    // The query goes into the URI when it fits; one longer than an
    // `http::Uri` holds (65,534 bytes: a BATCH_GET of 20,000 ids) stays in
    // the extension alone, which the Rest.li routes read first.
    let mut original = match split.clone().into_request() {
        Ok(with_query) => with_query,
        Err(_) => split.into_parts().0,
    };
    original.extensions_mut().insert(query);
    next.run(original.map(Body::from)).await
}

/// The whole query of an untunneled request (the URL's own and the
/// tunneled one), kept in the request's extensions because it may be too
/// long for the URI.
#[derive(Debug, Clone)]
pub(crate) struct TunneledQuery(pub(crate) String);

/// The query of a request: the untunneled one when the request was
/// tunneled, else the URI's.
pub(crate) fn query_of(parts: &http::request::Parts) -> &str {
    parts
        .extensions
        .get::<TunneledQuery>()
        .map(|q| q.0.as_str())
        .or_else(|| parts.uri.query())
        .unwrap_or_default()
}
