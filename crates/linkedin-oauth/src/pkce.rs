//! PKCE (RFC 7636) with the `S256` method.
//!
//! The verifier is 32 random bytes, base64url-encoded without padding (43
//! characters); the challenge is `BASE64URL(SHA256(verifier))`.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use crate::error::{ConfigError, RandomError};
use crate::secret::secret_type;
use crate::state::random_base64url;

/// Random bytes in a generated verifier (43 characters once encoded).
const VERIFIER_BYTES: usize = 32;
/// RFC 7636 section 4.1 length bounds.
const MIN_LEN: usize = 43;
const MAX_LEN: usize = 128;

secret_type!(
    validated
    /// A PKCE code verifier: 43 to 128 characters from `A-Z a-z 0-9 - . _ ~`.
    /// Sent only with the code exchange; the authorization request carries
    /// its [`PkceChallenge`].
    PkceVerifier,
    example = "PkceVerifier::generate().unwrap()"
);

impl PkceVerifier {
    /// Generates a verifier from 32 bytes of the operating system's CSPRNG (43 characters).
    ///
    /// ```
    /// use linkedin::oauth::PkceVerifier;
    ///
    /// let verifier = PkceVerifier::generate()?;
    /// assert_eq!(verifier.secret().len(), 43);
    /// # Ok::<(), linkedin::oauth::RandomError>(())
    /// ```
    pub fn generate() -> Result<Self, RandomError> {
        Ok(PkceVerifier(random_base64url::<VERIFIER_BYTES>()?))
    }

    /// Wraps an existing verifier, checking RFC 7636's form (43 to 128
    /// characters from the unreserved set).
    ///
    /// ```
    /// use linkedin::oauth::{ConfigError, PkceVerifier};
    ///
    /// let verifier = PkceVerifier::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")?;
    /// assert!(matches!(PkceVerifier::new("too-short"), Err(ConfigError::InvalidPkceVerifier { .. })));
    /// # Ok::<(), ConfigError>(())
    /// ```
    pub fn new(verifier: impl Into<String>) -> Result<Self, ConfigError> {
        let verifier = verifier.into();
        let length = verifier.chars().count();
        let invalid_characters = !verifier.bytes().all(is_unreserved);
        if invalid_characters || !(MIN_LEN..=MAX_LEN).contains(&length) {
            return Err(ConfigError::InvalidPkceVerifier {
                length,
                invalid_characters,
            });
        }
        Ok(PkceVerifier(verifier))
    }

    /// The `S256` challenge for this verifier.
    ///
    /// ```
    /// use linkedin::oauth::PkceVerifier;
    ///
    /// // RFC 7636, appendix B.
    /// let verifier = PkceVerifier::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")?;
    /// assert_eq!(verifier.challenge().as_str(), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    /// # Ok::<(), linkedin::oauth::ConfigError>(())
    /// ```
    pub fn challenge(&self) -> PkceChallenge {
        let digest = Sha256::digest(self.secret().as_bytes());
        PkceChallenge(URL_SAFE_NO_PAD.encode(digest))
    }
}

impl<'de> serde::Deserialize<'de> for PkceVerifier {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = <String as serde::Deserialize>::deserialize(deserializer)?;
        PkceVerifier::new(value).map_err(serde::de::Error::custom)
    }
}

/// RFC 3986 unreserved characters, the alphabet of a PKCE verifier.
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// A PKCE `S256` code challenge: public, sent with the authorization request.
///
/// ```
/// use linkedin::oauth::PkceVerifier;
///
/// let challenge = PkceVerifier::generate()?.challenge();
/// assert_eq!(challenge.as_str().len(), 43);
/// assert_eq!(challenge.method(), "S256");
/// # Ok::<(), linkedin::oauth::RandomError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PkceChallenge(String);

impl PkceChallenge {
    /// The challenge, base64url without padding.
    ///
    /// ```
    /// use linkedin::oauth::PkceVerifier;
    ///
    /// let verifier = PkceVerifier::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")?;
    /// assert_eq!(verifier.challenge().as_str(), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    /// # Ok::<(), linkedin::oauth::ConfigError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The challenge method sent as `code_challenge_method`: always `S256`.
    ///
    /// ```
    /// use linkedin::oauth::PkceVerifier;
    ///
    /// assert_eq!(PkceVerifier::generate()?.challenge().method(), "S256");
    /// # Ok::<(), linkedin::oauth::RandomError>(())
    /// ```
    pub fn method(&self) -> &'static str {
        "S256"
    }
}

impl fmt::Debug for PkceChallenge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PkceChallenge").field(&self.0).finish()
    }
}

impl fmt::Display for PkceChallenge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b() {
        let verifier = PkceVerifier::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").unwrap();
        assert_eq!(
            verifier.challenge().as_str(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn length_bounds() {
        assert!(PkceVerifier::new("a".repeat(42)).is_err());
        assert!(PkceVerifier::new("a".repeat(43)).is_ok());
        assert!(PkceVerifier::new("a".repeat(128)).is_ok());
        assert!(PkceVerifier::new("a".repeat(129)).is_err());
        assert!(PkceVerifier::new(format!("{}+", "a".repeat(50))).is_err());
    }

    #[test]
    fn deserialize_validates() {
        assert!(serde_json::from_str::<PkceVerifier>("\"short\"").is_err());
        let v: PkceVerifier = serde_json::from_str(&format!("\"{}\"", "~".repeat(43))).unwrap();
        assert_eq!(v.secret(), "~".repeat(43));
    }
}
