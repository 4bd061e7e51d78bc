//! CSRF protection: the `state` parameter of the authorization request.
//!
//! A fresh state is 32 bytes (256 bits) from the operating system's CSPRNG,
//! base64url-encoded without padding (43 URL-safe characters). The redirect
//! back is accepted only if it carries the same state, compared in constant
//! time.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::RandomError;
use crate::secret::{ct_eq_str, secret_type};

/// Number of random bytes in a generated state.
const STATE_BYTES: usize = 32;

secret_type!(
    /// The CSRF `state` of one authorization attempt: sent to `/authorization`
    /// and expected back, unchanged, on the redirect.
    CsrfState,
    example = "CsrfState::new(\"state-value\")"
);

impl CsrfState {
    /// Generates a fresh state: 256 bits from the operating system's CSPRNG,
    /// base64url without padding (43 characters).
    ///
    /// ```
    /// use linkedin::oauth::CsrfState;
    ///
    /// let a = CsrfState::generate()?;
    /// let b = CsrfState::generate()?;
    /// assert_eq!(a.secret().len(), 43);
    /// assert_ne!(a, b);
    /// # Ok::<(), linkedin::oauth::RandomError>(())
    /// ```
    pub fn generate() -> Result<Self, RandomError> {
        Ok(CsrfState::new(random_base64url::<STATE_BYTES>()?))
    }

    /// Compares `received` with this state in constant time.
    ///
    /// ```
    /// use linkedin::oauth::CsrfState;
    ///
    /// let state = CsrfState::new("abc");
    /// assert!(state.matches("abc"));
    /// assert!(!state.matches("abd"));
    /// ```
    pub fn matches(&self, received: &str) -> bool {
        ct_eq_str(self.secret(), received)
    }
}

/// `N` random bytes from the OS CSPRNG, base64url without padding.
pub(crate) fn random_base64url<const N: usize>() -> Result<String, RandomError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(RandomError)?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_state_is_url_safe_and_long_enough() {
        let state = CsrfState::generate().unwrap();
        assert_eq!(state.secret().len(), 43); // 256 bits
        assert!(
            state
                .secret()
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
    }

    #[test]
    fn states_differ() {
        let a = CsrfState::generate().unwrap();
        let b = CsrfState::generate().unwrap();
        assert_ne!(a.secret(), b.secret());
    }
}
