//! The OpenID Connect `nonce` of one authorization attempt.
//!
//! A client that asks for the `openid` scope may send a `nonce` with the
//! authorization request; LinkedIn copies it into the `nonce` claim of the
//! id_token it issues, and the client refuses an id_token whose claim is not
//! the one it sent (OpenID Connect Core 1.0, section 3.1.2.1, and LinkedIn's
//! "Sign In with LinkedIn using OpenID Connect" page, which lists `nonce`
//! among the optional parameters of the authorization request). That binds
//! the token to this attempt and stops a replayed one.

use std::fmt;

use crate::error::RandomError;
use crate::secret::secret_type;
use crate::state::random_base64url;

/// Number of random bytes in a generated nonce.
const NONCE_BYTES: usize = 32;

/// The longest nonce [`Nonce::new`] takes, in bytes.
pub const MAX_NONCE_LEN: usize = 256;

secret_type!(validated
    /// The OpenID Connect `nonce` of one authorization attempt: sent to
    /// `/authorization` and expected back in the id_token's `nonce` claim.
    ///
    /// A generated one is 256 bits from the operating system's CSPRNG,
    /// base64url without padding (43 characters); a given one is 1 to
    /// [`MAX_NONCE_LEN`] printable ASCII characters without spaces.
    Nonce,
    example = "Nonce::new(\"n-0S6_WzA2Mj\").unwrap()"
);

/// Why a text cannot be a [`Nonce`].
///
/// ```
/// use linkedin::oauth::{Nonce, NonceError};
///
/// assert_eq!(Nonce::new("").unwrap_err(), NonceError::Empty);
/// assert_eq!(Nonce::new("a b").unwrap_err(), NonceError::InvalidCharacter { offset: 1 });
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NonceError {
    /// The nonce is empty.
    #[error("the nonce is empty")]
    Empty,
    /// The nonce is longer than [`MAX_NONCE_LEN`] bytes.
    #[error("the nonce is {len} bytes long, more than the {MAX_NONCE_LEN} allowed")]
    TooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// The nonce holds a space, a control or a non-ASCII character (the
    /// character itself is not shown: the nonce is kept confidential).
    #[error("the nonce has a character other than printable ASCII at byte {offset}")]
    InvalidCharacter {
        /// Byte offset of the first such character.
        offset: usize,
    },
}

impl Nonce {
    /// A nonce given by the caller (one kept in its own session store, for
    /// example), checked: 1 to [`MAX_NONCE_LEN`] printable ASCII characters,
    /// no spaces.
    ///
    /// ```
    /// use linkedin::oauth::Nonce;
    ///
    /// let nonce = Nonce::new("n-0S6_WzA2Mj")?;
    /// assert_eq!(nonce.secret(), "n-0S6_WzA2Mj");
    /// assert!(Nonce::new("x".repeat(257)).is_err());
    /// # Ok::<(), linkedin::oauth::NonceError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`NonceError`] saying what is wrong.
    pub fn new(value: impl Into<String>) -> Result<Self, NonceError> {
        let value = value.into();
        if value.is_empty() {
            return Err(NonceError::Empty);
        }
        if value.len() > MAX_NONCE_LEN {
            return Err(NonceError::TooLong { len: value.len() });
        }
        if let Some(offset) = value.bytes().position(|b| !(0x21..=0x7E).contains(&b)) {
            return Err(NonceError::InvalidCharacter { offset });
        }
        Ok(Nonce(value))
    }

    /// Generates a fresh nonce: 256 bits from the operating system's
    /// CSPRNG, base64url without padding (43 characters).
    ///
    /// ```
    /// use linkedin::oauth::Nonce;
    ///
    /// let a = Nonce::generate()?;
    /// assert_eq!(a.secret().len(), 43);
    /// assert_ne!(a, Nonce::generate()?);
    /// # Ok::<(), linkedin::oauth::RandomError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`RandomError`] if the operating system's random number generator fails.
    pub fn generate() -> Result<Self, RandomError> {
        Ok(Nonce(random_base64url::<NONCE_BYTES>()?))
    }

    /// Compares a received `nonce` claim with this nonce in constant time
    /// (the length is not hidden).
    ///
    /// ```
    /// use linkedin::oauth::Nonce;
    ///
    /// let nonce = Nonce::new("abc")?;
    /// assert!(nonce.matches("abc"));
    /// assert!(!nonce.matches("abd"));
    /// # Ok::<(), linkedin::oauth::NonceError>(())
    /// ```
    pub fn matches(&self, received: &str) -> bool {
        crate::secret::ct_eq_str(&self.0, received)
    }
}

impl<'de> serde::Deserialize<'de> for Nonce {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = <String as serde::Deserialize>::deserialize(deserializer)?;
        Nonce::new(value).map_err(serde::de::Error::custom)
    }
}

/// How [`AuthorizationCodeFlow`](super::AuthorizationCodeFlow) picks the
/// nonce of each attempt.
#[derive(Clone, Default)]
pub(super) enum NonceChoice {
    /// No nonce is sent (the default).
    #[default]
    None,
    /// A fresh random nonce for each attempt.
    Generate,
    /// This nonce, for every attempt of the flow.
    Given(Nonce),
}

impl fmt::Debug for NonceChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NonceChoice::None => f.write_str("None"),
            NonceChoice::Generate => f.write_str("Generate"),
            NonceChoice::Given(nonce) => f.debug_tuple("Given").field(nonce).finish(),
        }
    }
}

impl NonceChoice {
    /// The nonce of one attempt, if any.
    pub(super) fn pick(&self) -> Result<Option<Nonce>, RandomError> {
        match self {
            NonceChoice::None => Ok(None),
            NonceChoice::Generate => Nonce::generate().map(Some),
            NonceChoice::Given(nonce) => Ok(Some(nonce.clone())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_nonce_is_checked() {
        assert_eq!(Nonce::new("").unwrap_err(), NonceError::Empty);
        assert_eq!(
            Nonce::new("a".repeat(MAX_NONCE_LEN + 1)).unwrap_err(),
            NonceError::TooLong {
                len: MAX_NONCE_LEN + 1
            }
        );
        assert!(Nonce::new("a".repeat(MAX_NONCE_LEN)).is_ok());
        assert_eq!(
            Nonce::new("ab\u{e9}").unwrap_err(),
            NonceError::InvalidCharacter { offset: 2 }
        );
        assert_eq!(
            Nonce::new("\tab").unwrap_err(),
            NonceError::InvalidCharacter { offset: 0 }
        );
        assert!(Nonce::new("!~").is_ok());
    }

    #[test]
    fn a_nonce_never_prints_and_deserializes_checked() {
        let nonce = Nonce::new("n-secret-value").unwrap();
        assert!(!format!("{nonce:?} {nonce}").contains("secret-value"));
        assert!(!format!("{:?}", NonceChoice::Given(nonce.clone())).contains("secret-value"));
        let json = serde_json::to_string(&nonce).unwrap();
        assert_eq!(json, "\"n-secret-value\"");
        assert_eq!(serde_json::from_str::<Nonce>(&json).unwrap(), nonce);
        assert!(serde_json::from_str::<Nonce>("\"a b\"").is_err());
        let err = Nonce::new("a secret").unwrap_err().to_string();
        assert!(!err.contains("secret"), "{err}");
    }

    #[test]
    fn generated_nonces_are_fresh() {
        let a = Nonce::generate().unwrap();
        let b = Nonce::generate().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.secret().len(), 43);
        assert!(Nonce::new(a.secret()).is_ok());
    }
}
