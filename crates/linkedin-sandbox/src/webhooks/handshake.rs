//! The validation handshake: a fresh challenge code sent to the receiver,
//! its answer checked with the client's secret.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Body;
use http::{Method, StatusCode};
use linkedin_webhooks::{ChallengeResponse, ClientSecret};

use super::client::Target;
use super::{HANDSHAKE_TIMEOUT, HandshakeFailure, TransportFailure};

/// One validation handshake: a fresh challenge code, checked with the secret.
pub(super) async fn handshake(
    secret: &ClientSecret,
    target: &Target,
    application_id: Option<&str>,
) -> Result<(), HandshakeFailure> {
    let code = challenge_code();
    let mut query = vec![("challengeCode", code.as_str())];
    if let Some(application_id) = application_id {
        query.push(("applicationId", application_id));
    }
    let request = target
        .request(Method::GET, &query)
        .body(Body::empty())
        .map_err(|e| TransportFailure::Protocol {
            message: format!("cannot build the request: {e}"),
        })?;
    let answer = target.send(request, HANDSHAKE_TIMEOUT).await?;
    if answer.status != StatusCode::OK {
        return Err(HandshakeFailure::Status {
            status: answer.status,
        });
    }
    let answer: ChallengeResponse =
        serde_json::from_slice(&answer.body).map_err(|e| HandshakeFailure::InvalidBody {
            message: e.to_string(),
        })?;
    if answer.challenge_code != code {
        return Err(HandshakeFailure::WrongChallengeCode {
            sent: code,
            received: answer.challenge_code,
        });
    }
    if !answer.verify(secret, &code) {
        return Err(HandshakeFailure::WrongChallengeResponse);
    }
    Ok(())
}

/// A random version-4 UUID, as LinkedIn's challenge codes are.
///
/// The bits come from the standard library's randomly keyed SipHash
/// (`RandomState`), seeded from the operating system: unpredictable enough
/// that a receiver cannot answer without the secret, not a CSPRNG.
fn challenge_code() -> String {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};

    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let keys = RandomState::new();
    let word = |salt: u64| {
        let mut hasher = keys.build_hasher();
        hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        hasher.write_u64(salt);
        hasher.finish()
    };
    let high = (word(1) & !0xf000) | 0x4000; // version 4
    let low = (word(2) & !(0b11 << 62)) | (0b10 << 62); // RFC 4122 variant
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xffff,
        high & 0xffff,
        low >> 48,
        low & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenge_codes_are_random_v4_uuids() {
        let a = challenge_code();
        let b = challenge_code();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('4'), "{a}");
        assert!(matches!(&parts[3][..1], "8" | "9" | "a" | "b"), "{a}");
    }
}
