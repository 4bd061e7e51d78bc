//! PKCE (RFC 7636): the S256 challenge and the verifier's form.

use base64::Engine as _;
use linkedin_oauth::{ConfigError, PkceVerifier};
use proptest::prelude::*;

fn is_unreserved(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')
}

#[test]
fn rfc7636_appendix_b_challenge() {
    let verifier = PkceVerifier::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").unwrap();
    let challenge = verifier.challenge();
    assert_eq!(
        challenge.as_str(),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    );
    assert_eq!(challenge.method(), "S256");
}

#[test]
fn generated_verifiers_have_rfc_form() {
    for _ in 0..1000 {
        let verifier = PkceVerifier::generate().unwrap();
        let s = verifier.secret();
        assert_eq!(s.len(), 43);
        assert!(s.chars().all(is_unreserved), "{s}");
        // It must also pass our own validation (e.g. after a session round trip).
        assert!(PkceVerifier::new(s).is_ok());
    }
}

proptest! {
    #[test]
    fn unreserved_strings_of_43_to_128_chars_are_verifiers(s in "[A-Za-z0-9._~-]{43,128}") {
        let verifier = PkceVerifier::new(s.clone()).unwrap();
        prop_assert_eq!(verifier.secret(), s.as_str());
        let challenge = verifier.challenge();
        // base64url of a 32-byte digest, no padding.
        prop_assert_eq!(challenge.as_str().len(), 43);
        let digest = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(challenge.as_str())
            .unwrap();
        prop_assert_eq!(digest.len(), 32);
    }

    #[test]
    fn other_strings_are_refused(s in any::<String>()) {
        let valid = (43..=128).contains(&s.chars().count()) && s.chars().all(is_unreserved);
        match PkceVerifier::new(s.clone()) {
            Ok(_) => prop_assert!(valid, "accepted {s:?}"),
            Err(ConfigError::InvalidPkceVerifier { length, .. }) => {
                prop_assert!(!valid, "refused {s:?}");
                prop_assert_eq!(length, s.chars().count());
            }
            Err(other) => prop_assert!(false, "unexpected error {other:?}"),
        }
    }

    #[test]
    fn short_or_long_unreserved_strings_are_refused(
        s in "[A-Za-z0-9._~-]{0,42}|[A-Za-z0-9._~-]{129,300}"
    ) {
        prop_assert!(PkceVerifier::new(s).is_err());
    }

    #[test]
    fn verifiers_survive_serde(s in "[A-Za-z0-9._~-]{43,128}") {
        let verifier = PkceVerifier::new(s).unwrap();
        let json = serde_json::to_string(&verifier).unwrap();
        let back: PkceVerifier = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back.challenge(), verifier.challenge());
    }
}
