//! The application's client secret, the key of every webhook HMAC.
//!
//! It follows the project's secret pattern (see `linkedin-oauth`): `Debug`
//! prints `ClientSecret([redacted])`, `Display` prints `[redacted]`, and the
//! value is reachable only through [`ClientSecret::secret`]. Unlike the OAuth
//! secrets it holds **bytes**, because it is used only as an HMAC key: a
//! LinkedIn client secret is text (its UTF-8 bytes are the key), and
//! [`ClientSecret::from_bytes`] accepts arbitrary keys such as the ones in
//! RFC 4231's test vectors. It is deliberately not `Serialize`: load it from
//! your configuration and wrap it.

use std::fmt;

/// Placeholder printed instead of a secret by `Debug` and `Display`.
const REDACTED: &str = "[redacted]";

/// The client secret of a LinkedIn application (developer portal, *Auth* tab).
///
/// LinkedIn keys both the validation challenge and the notification
/// signatures with it. `Debug` and `Display` never show the value; use
/// [`secret()`](ClientSecret::secret) to read it. An empty secret can be
/// wrapped, but signing, verifying and answering challenges with it are
/// typed errors (see [`is_empty`](ClientSecret::is_empty)).
///
/// ```
/// use linkedin_webhooks::ClientSecret;
///
/// let secret = ClientSecret::new("s3cr3t");
/// assert_eq!(format!("{secret:?}"), "ClientSecret([redacted])");
/// assert_eq!(secret.to_string(), "[redacted]");
/// assert_eq!(secret.secret(), b"s3cr3t");
/// ```
#[derive(Clone)]
pub struct ClientSecret(Vec<u8>);

impl ClientSecret {
    /// Wraps a client secret as LinkedIn shows it (text; its UTF-8 bytes are the key).
    ///
    /// ```
    /// use linkedin_webhooks::ClientSecret;
    ///
    /// let secret = ClientSecret::new(String::from("s3cr3t"));
    /// assert_eq!(secret.secret(), b"s3cr3t");
    /// ```
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into().into_bytes())
    }

    /// Wraps an arbitrary byte key (for keys that are not text, e.g. test vectors).
    ///
    /// ```
    /// use linkedin_webhooks::ClientSecret;
    ///
    /// let secret = ClientSecret::from_bytes(vec![0x0b; 20]);
    /// assert_eq!(secret.secret().len(), 20);
    /// ```
    pub fn from_bytes(value: impl Into<Vec<u8>>) -> Self {
        Self(value.into())
    }

    /// Returns the key bytes. Every use of this accessor handles the raw secret.
    ///
    /// ```
    /// use linkedin_webhooks::ClientSecret;
    ///
    /// assert_eq!(ClientSecret::new("abc").secret(), b"abc");
    /// ```
    pub fn secret(&self) -> &[u8] {
        &self.0
    }

    /// True when there are no key bytes. Every operation refuses such a
    /// secret ([`SignatureError::EmptySecret`](crate::SignatureError::EmptySecret),
    /// [`ChallengeError::EmptySecret`](crate::ChallengeError::EmptySecret)),
    /// because anyone can compute an HMAC keyed with nothing; check it where
    /// the configuration is loaded to fail early.
    ///
    /// ```
    /// use linkedin_webhooks::ClientSecret;
    ///
    /// assert!(ClientSecret::new("").is_empty());
    /// assert!(!ClientSecret::new("s3cr3t").is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ClientSecret")
            .field(&format_args!("{REDACTED}"))
            .finish()
    }
}

impl fmt::Display for ClientSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_redact() {
        let secret = ClientSecret::new("top-secret-value");
        assert_eq!(format!("{secret:?}"), "ClientSecret([redacted])");
        assert_eq!(format!("{secret:#?}"), "ClientSecret(\n    [redacted],\n)");
        assert_eq!(secret.to_string(), "[redacted]");
        assert_eq!(secret.secret(), b"top-secret-value");
    }
}
