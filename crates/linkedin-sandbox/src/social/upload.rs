//! The upload URLs `initializeUpload` hands out
//! (`{origin}/dms-uploads/...`): a PUT of the bytes, streamed, counted
//! and hashed, never kept. An image or document must start like a file
//! LinkedIn takes and stay under its size limit; a video part must be
//! exactly its instruction's length and answers its `ETag`
//! ([Videos API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/videos-api),
//! "Upload the Video"). The body is read frame by frame: a part longer
//! than its range is refused as soon as it is, without reading the rest.

use std::pin::Pin;

use axum::body::HttpBody;
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode};
use sha2::{Digest, Sha256};

use super::media::{Expect, Target};
use crate::errors::ApiError;
use crate::lock;
use crate::state::AppState;

/// How many leading bytes tell a file's format.
const HEAD: usize = 8;

/// Axum handler for `PUT /dms-uploads/{*path}`.
pub(crate) async fn put(
    State(state): State<AppState>,
    Path(path): Path<String>,
    request: Request,
) -> Response {
    match receive(&state, &path, request).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

async fn receive(state: &AppState, path: &str, request: Request) -> Result<Response, ApiError> {
    let target = Target::parse(path).ok_or_else(|| ApiError::not_found("no such upload URL"))?;
    let expect = lock(&state.store)
        .social
        .media
        .expect(&target, state.clock.now())?;
    let (length, head, digest) = stream(request, &expect).await?;
    if let Some(exact) = expect.exact
        && length != exact
    {
        return Err(wrong_length(length, exact));
    }
    if !expect.format.accepts(&head) {
        return Err(ApiError::invalid_input(
            "INVALID_VALUE",
            "/",
            format!("the uploaded file is not {}", expect.format.describe()),
        ));
    }
    let etag = lock(&state.store).social.media.record(&target, &digest);
    match etag {
        Some(etag) => {
            let mut response = StatusCode::OK.into_response();
            if let Ok(value) = HeaderValue::from_str(&etag) {
                response.headers_mut().insert(http::header::ETAG, value);
            }
            Ok(response)
        }
        None => Ok(StatusCode::CREATED.into_response()),
    }
}

fn wrong_length(got: u64, want: u64) -> ApiError {
    ApiError::invalid_input(
        "INVALID_VALUE",
        "/",
        format!(
            "the part is {got} bytes; its upload instruction (lastByte - firstByte + 1) is {want} bytes"
        ),
    )
}

/// Reads the body: its length, its first bytes and its SHA-256, refusing
/// it as soon as it passes `expect.max`.
async fn stream(request: Request, expect: &Expect) -> Result<(u64, Vec<u8>, Vec<u8>), ApiError> {
    let mut body = request.into_body();
    let mut hasher = Sha256::new();
    let mut length: u64 = 0;
    let mut head = Vec::with_capacity(HEAD);
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame =
            frame.map_err(|e| ApiError::bad_request(format!("cannot read the upload: {e}")))?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        length = length.saturating_add(data.len() as u64);
        if length > expect.max {
            return Err(match expect.exact {
                Some(exact) => wrong_length(length, exact),
                None => ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "PAYLOAD_TOO_LARGE",
                    format!("the upload is larger than {} bytes", expect.max),
                ),
            });
        }
        if head.len() < HEAD {
            let take = (HEAD - head.len()).min(data.len());
            head.extend(data.iter().take(take));
        }
        hasher.update(&data);
    }
    Ok((length, head, hasher.finalize().to_vec()))
}
