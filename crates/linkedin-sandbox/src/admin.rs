//! The admin token that guards the sandbox's own control routes
//! (`/sandbox/webhooks`): they make the sandbox call URLs and sign with
//! client secrets, so a web page or another local user must not drive them.
//!
//! The token is random per sandbox (or set on the builder), printed by the
//! binary's banner and given to tests by [`Sandbox::admin_token`]; requests
//! send it as `Authorization: Bearer <admin token>`.
//!
//! [`Sandbox::admin_token`]: crate::Sandbox::admin_token

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use http::header::AUTHORIZATION;

use crate::errors::ApiError;

/// A fresh admin token: 128 bits from the standard library's randomly keyed
/// SipHash (seeded by the operating system), as the sandbox's other secrets.
pub(crate) fn generate() -> String {
    let word = |salt: u64| {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(salt);
        hasher.finish()
    };
    format!("sbx-admin-{:016x}{:016x}", word(1), word(2))
}

/// Byte equality that does not stop at the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Middleware: 401 unless `Authorization: Bearer <admin token>`.
pub(crate) async fn require_admin(
    State(token): State<Arc<str>>,
    request: Request,
    next: Next,
) -> Response {
    let given = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    match given {
        Some(given) if same(given.as_bytes(), token.as_bytes()) => next.run(request).await,
        _ => ApiError::new(
            StatusCode::UNAUTHORIZED,
            "ADMIN_TOKEN_REQUIRED",
            "the sandbox control routes need Authorization: Bearer <admin token> \
             (printed by the sandbox at start, Sandbox::admin_token in tests)",
        )
        .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_differ_and_compare() {
        let (a, b) = (generate(), generate());
        assert_ne!(a, b);
        assert!(same(a.as_bytes(), a.as_bytes()));
        assert!(!same(a.as_bytes(), b.as_bytes()));
        assert!(!same(b"abc", b"ab"));
    }
}
