//! RS256 JSON Web Tokens (RFC 7515 compact form, RFC 7518 §3.3) signed with
//! the sandbox's fixed key, and that key as a JWK (RFC 7517).
//!
//! The private key is `test_key.pem`, committed on purpose: the sandbox is a
//! test double, its id_tokens prove nothing to anyone, and a fixed key keeps
//! start-up fast (generating a 2048-bit RSA key takes seconds in a debug
//! build) and lets tests pin the JWKS. Never trust this key for anything
//! real. It is parsed once per process, on the first id_token or JWKS.

use std::sync::OnceLock;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use rsa::PrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer};
use rsa::traits::PublicKeyParts;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The PKCS#8 PEM of the test-only signing key.
const TEST_KEY_PEM: &str = include_str!("test_key.pem");

/// Why no token could be signed (only if the embedded key were broken).
#[derive(Debug, Clone, thiserror::Error)]
pub(crate) enum JwtError {
    /// The embedded key does not parse.
    #[error("the sandbox's id_token signing key is unusable: {0}")]
    Key(String),
    /// RSA signing failed.
    #[error("signing the id_token failed: {0}")]
    Sign(String),
    /// The header or claims do not serialize.
    #[error("encoding the id_token failed: {0}")]
    Encode(String),
}

/// The signing key with its public half in JWK form.
pub(crate) struct Key {
    signer: rsa::pkcs1v15::SigningKey<Sha256>,
    /// The modulus, big-endian, without leading zeros (base64url in the JWK).
    n: Vec<u8>,
    /// The public exponent, likewise.
    e: Vec<u8>,
    /// The key id: the first 8 bytes of SHA-256 of the modulus, in hex, so
    /// it changes only with the key.
    kid: String,
}

impl std::fmt::Debug for Key {
    /// The key id only, never key material.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key").field("kid", &self.kid).finish()
    }
}

fn trimmed(bytes: &[u8]) -> Vec<u8> {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default().to_vec()
}

impl Key {
    fn parse(pem: &str) -> Result<Key, JwtError> {
        let body: String = pem
            .lines()
            .filter(|line| !line.starts_with("-----"))
            .collect();
        let der = STANDARD
            .decode(body.trim())
            .map_err(|e| JwtError::Key(e.to_string()))?;
        let private = PrivateKey::from_pkcs8_der(&der).map_err(|e| JwtError::Key(e.to_string()))?;
        let n = trimmed(&private.n().as_ref().to_be_bytes());
        let e = trimmed(&private.e().to_be_bytes());
        let digest = Sha256::digest(&n);
        let kid = digest
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect::<String>();
        Ok(Key {
            signer: rsa::pkcs1v15::SigningKey::<Sha256>::new(private),
            n,
            e,
            kid,
        })
    }

    /// The key id, also in every token's header.
    #[cfg(test)]
    pub(crate) fn kid(&self) -> &str {
        &self.kid
    }

    /// The public key as a JWK.
    pub(crate) fn jwk(&self) -> Value {
        json!({
            "kty": "RSA",
            "use": "sig",
            "alg": "RS256",
            "kid": self.kid,
            "n": URL_SAFE_NO_PAD.encode(&self.n),
            "e": URL_SAFE_NO_PAD.encode(&self.e),
        })
    }

    /// `base64url(header).base64url(claims).base64url(signature)`.
    pub(crate) fn sign(&self, claims: &Value) -> Result<String, JwtError> {
        let header = json!({"alg": "RS256", "typ": "JWT", "kid": self.kid});
        let encode = |value: &Value| {
            serde_json::to_vec(value)
                .map(|bytes| URL_SAFE_NO_PAD.encode(bytes))
                .map_err(|e| JwtError::Encode(e.to_string()))
        };
        let signing_input = format!("{}.{}", encode(&header)?, encode(claims)?);
        let signature = self
            .signer
            .try_sign(signing_input.as_bytes())
            .map_err(|e| JwtError::Sign(e.to_string()))?;
        Ok(format!(
            "{signing_input}.{}",
            URL_SAFE_NO_PAD.encode(signature.to_vec())
        ))
    }
}

/// The process's signing key, parsed on first use.
pub(crate) fn key() -> Result<&'static Key, JwtError> {
    static KEY: OnceLock<Result<Key, JwtError>> = OnceLock::new();
    KEY.get_or_init(|| Key::parse(TEST_KEY_PEM))
        .as_ref()
        .map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_key_parses_and_signs() {
        let key = key().unwrap();
        assert_eq!(key.n.len(), 256, "a 2048-bit modulus");
        assert_eq!(key.e, [1, 0, 1]);
        let token = key.sign(&json!({"sub": "x"})).unwrap();
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        let header: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
        assert_eq!(header["alg"], "RS256");
        assert_eq!(header["kid"], key.kid());
        assert_eq!(URL_SAFE_NO_PAD.decode(parts[2]).unwrap().len(), 256);
        assert!(!format!("{key:?}").contains(&URL_SAFE_NO_PAD.encode(&key.n)));
    }

    #[test]
    fn a_broken_key_is_an_error_not_a_panic() {
        assert!(matches!(
            Key::parse("-----BEGIN-----\n!!!\n"),
            Err(JwtError::Key(_))
        ));
        assert!(matches!(Key::parse("AAAA"), Err(JwtError::Key(_))));
    }
}
