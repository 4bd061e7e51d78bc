//! Request ids on every answer, as LinkedIn's: `x-li-uuid` (sixteen bytes
//! in base64, such as `24URwzD6nhPwF54ilysAAA==`) and, on API answers,
//! `x-li-request-id`. LinkedIn asks for both when a call fails
//! (<https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling>,
//! "500 Internal Server Error": "Response: header. For example, x-li-uuid,
//! x-li-fabric, x-li-request-id").
//!
//! The page names the headers without saying which answers carry which or
//! what `x-li-request-id` looks like; the sandbox sends `x-li-uuid` on
//! every answer it gives as LinkedIn (API, OAuth, errors, injected faults)
//! and `x-li-request-id` on API answers (`/rest`, `/v2`), with the same
//! opaque value, so a client that logs either can find the exchange.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::HeaderValue;

/// `x-li-uuid`.
pub(crate) const UUID: &str = "x-li-uuid";
/// `x-li-request-id`.
pub(crate) const REQUEST_ID: &str = "x-li-request-id";

static ISSUED: AtomicU64 = AtomicU64::new(0);

/// Sixteen bytes unique in this process (a counter) and unpredictable
/// across runs (the standard library's random hasher keys).
fn fresh_bytes() -> [u8; 16] {
    let n = ISSUED.fetch_add(1, Ordering::Relaxed);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(n);
    let random = hasher.finish();
    let mut bytes = [0u8; 16];
    let (high, low) = bytes.split_at_mut(8);
    high.copy_from_slice(&random.to_be_bytes());
    low.copy_from_slice(&n.to_be_bytes());
    bytes
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sextet = |v: u32| char::from(ALPHABET.get((v & 63) as usize).copied().unwrap_or(b'A'));
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        out.push(sextet(n >> 18));
        out.push(sextet(n >> 12));
        out.push(if chunk.len() > 1 { sextet(n >> 6) } else { '=' });
        out.push(if chunk.len() > 2 { sextet(n) } else { '=' });
    }
    out
}

/// A new request id, in `x-li-uuid`'s form.
pub(crate) fn new_id() -> String {
    base64(&fresh_bytes())
}

fn is_api(path: &str) -> bool {
    ["/rest", "/v2"].iter().any(|base| {
        path.strip_prefix(base)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

/// Middleware (outermost): stamps the answer with its ids.
pub(crate) async fn stamp(request: Request, next: Next) -> Response {
    let api = is_api(request.uri().path());
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&new_id()) {
        let headers = response.headers_mut();
        if api {
            headers.insert(REQUEST_ID, value.clone());
        }
        headers.insert(UUID, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn ids_look_like_linkedins_and_differ() {
        let (a, b) = (new_id(), new_id());
        assert_ne!(a, b);
        assert_eq!(a.len(), 24);
        assert!(a.ends_with("=="));
    }

    proptest::proptest! {
        /// Every input length gives 4 characters per 3 bytes (rounded up)
        /// from the base64 alphabet, padded with at most two `=`.
        #[test]
        fn base64_shape(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            let text = base64(&bytes);
            proptest::prop_assert_eq!(text.len(), bytes.len().div_ceil(3) * 4);
            let body = text.trim_end_matches('=');
            proptest::prop_assert!(text.len() - body.len() <= 2);
            proptest::prop_assert!(body.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/'));
        }
    }
}
