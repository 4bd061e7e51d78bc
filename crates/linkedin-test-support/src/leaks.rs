//! Whether printed text shows a secret, in any of the forms a derived
//! `Debug` can give it: the text itself, its bytes as a decimal list
//! (`[115, 51, ...]`, or one per line under `{:#?}`), or hex.
//!
//! One check for every crate's "no `Debug` shows a secret" tests, so they
//! all look for the same forms.
//!
//! ```
//! use linkedin_test_support::leaks::{assert_debug_hides, shows_secret};
//!
//! assert!(shows_secret(&format!("{:?}", b"abc"), "abc"));
//! assert!(shows_secret(&format!("{:#?}", b"abc"), "abc"));
//! assert!(shows_secret("616263", "abc"));
//! assert!(!shows_secret("[redacted]", "abc"));
//!
//! assert_debug_hides("a redacted value", &"[redacted]", "abc");
//! ```

use std::fmt::Debug;

/// Whether `shown` holds `secret` as text, as a decimal byte list or as
/// hex (in either case).
pub fn shows_secret(shown: &str, secret: &str) -> bool {
    let bytes: Vec<String> = secret.bytes().map(|b| b.to_string()).collect();
    let hex: String = secret.bytes().map(|b| format!("{b:02x}")).collect();
    // `{:#?}` puts one byte per line: compare without the white space.
    let squashed: String = shown.chars().filter(|c| !c.is_whitespace()).collect();
    shown.contains(secret)
        || squashed.contains(&bytes.join(","))
        || shown.to_ascii_lowercase().contains(&hex)
}

/// Panics, naming `name` and showing the output, when `{:?}` or `{:#?}` of
/// `value` shows `secret` in any form [`shows_secret`] knows.
///
/// ```should_panic
/// linkedin_test_support::leaks::assert_debug_hides("a body", &b"abc".to_vec(), "abc");
/// ```
pub fn assert_debug_hides(name: &str, value: &dyn Debug, secret: &str) {
    for shown in [format!("{value:?}"), format!("{value:#?}")] {
        assert!(
            !shows_secret(&shown, secret),
            "{name} shows the secret: {shown}"
        );
    }
}
