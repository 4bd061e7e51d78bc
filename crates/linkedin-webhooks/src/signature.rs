//! HMAC-SHA256 as LinkedIn uses it: the challenge response and the
//! `X-LI-Signature` header.
//!
//! Both are the lowercase hex HMAC-SHA256, keyed with the application's client
//! secret, of a message: the `challengeCode` for validation, the raw request
//! body for notifications. The signature header carries the digest behind a
//! `hmacsha256=` label. What a notification signature covers is decided in
//! one function, `signature_mac`, the one place to change if LinkedIn's wire
//! format turns out to differ (see the crate docs, *Wire format*).

use hmac::Hmac;
use hmac::digest::{Digest, Key, KeyInit, Mac};
use sha2::Sha256;

use crate::ClientSecret;

type HmacSha256 = Hmac<Sha256>;

/// Name of the header carrying a notification's signature (`X-LI-Signature`;
/// header names are case-insensitive, `http` stores them lowercase).
///
/// ```
/// assert_eq!(linkedin_webhooks::SIGNATURE_HEADER, "x-li-signature");
/// ```
pub const SIGNATURE_HEADER: http::HeaderName = http::HeaderName::from_static("x-li-signature");

/// The label in front of the hex digest in the `X-LI-Signature` value.
pub(crate) const SIGNATURE_PREFIX: &str = "hmacsha256=";

/// Length in bytes of an HMAC-SHA256 digest.
const DIGEST_LEN: usize = 32;

/// An HMAC-SHA256 instance keyed with `key`.
///
/// RFC 2104 keys longer than the hash's block size are hashed first, and
/// shorter ones are padded with zeros to the block size; doing that here
/// yields a block-sized key, which makes construction infallible.
fn keyed(key: &[u8]) -> HmacSha256 {
    let mut block_key = Key::<HmacSha256>::default();
    if key.len() > block_key.len() {
        let hashed = Sha256::digest(key);
        block_key
            .iter_mut()
            .zip(hashed.iter())
            .for_each(|(slot, b)| *slot = *b);
    } else {
        block_key
            .iter_mut()
            .zip(key.iter())
            .for_each(|(slot, b)| *slot = *b);
    }
    <HmacSha256 as KeyInit>::new(&block_key)
}

/// HMAC-SHA256 of `message` keyed with `key`, as raw bytes.
fn digest(key: &[u8], message: &[u8]) -> [u8; DIGEST_LEN] {
    let mut mac = keyed(key);
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// The HMAC keyed with the secret, fed with a notification body: the one
/// place that decides what LinkedIn's signature covers (the raw body).
fn signature_mac(secret: &ClientSecret, body: &[u8]) -> HmacSha256 {
    let mut mac = keyed(secret.secret());
    mac.update(body);
    mac
}

/// The digest part of a notification signature.
fn signature_digest(secret: &ClientSecret, body: &[u8]) -> [u8; DIGEST_LEN] {
    signature_mac(secret, body).finalize().into_bytes().into()
}

/// Whether `response_hex` is the challenge response to `code` (constant time).
pub(crate) fn challenge_matches(secret: &ClientSecret, code: &str, response_hex: &str) -> bool {
    let mut tag = [0u8; DIGEST_LEN];
    if hex::decode_to_slice(response_hex, &mut tag).is_err() {
        return false;
    }
    let mut mac = keyed(secret.secret());
    mac.update(code.as_bytes());
    mac.verify_slice(&tag).is_ok()
}

/// Computes the `challengeResponse` for a validation `challengeCode`: the
/// lowercase hex HMAC-SHA256 of the code, keyed with the client secret.
///
/// A receiver normally calls [`validation_response`](crate::validation_response)
/// instead; this is the primitive, also what a test sender (such as the
/// project's sandbox) uses to check a receiver's answer.
///
/// ```
/// use linkedin_webhooks::{challenge_response, ClientSecret};
///
/// let secret = ClientSecret::new("s3cr3t");
/// assert_eq!(
///     challenge_response(&secret, "890e4665-4dfe-4ab1-b689-ed553bceeed0"),
///     "63c7a919bedbaacb240b7f164b53ceec3659f89f076bdd25f84469154bedb6e8",
/// );
/// ```
pub fn challenge_response(secret: &ClientSecret, challenge_code: &str) -> String {
    hex::encode(digest(secret.secret(), challenge_code.as_bytes()))
}

/// Computes the `X-LI-Signature` header value LinkedIn sends with a
/// notification `body`: `hmacsha256=` followed by the lowercase hex
/// HMAC-SHA256 of the raw body bytes, keyed with the client secret.
///
/// Receivers call [`verify_signature`] (or [`verify_notification`](crate::verify_notification));
/// `sign` is for senders, such as a local sandbox or a test.
///
/// ```
/// use linkedin_webhooks::{sign, verify_signature, ClientSecret};
///
/// let secret = ClientSecret::new("s3cr3t");
/// let body = br#"{"type":"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS","notifications":[]}"#;
/// let header = sign(&secret, body);
/// assert!(header.starts_with("hmacsha256="));
/// assert_eq!(header.len(), "hmacsha256=".len() + 64);
/// assert!(verify_signature(&secret, &header, body).is_ok());
/// ```
pub fn sign(secret: &ClientSecret, body: &[u8]) -> String {
    let mut value = String::with_capacity(SIGNATURE_PREFIX.len() + 2 * DIGEST_LEN);
    value.push_str(SIGNATURE_PREFIX);
    value.push_str(&hex::encode(signature_digest(secret, body)));
    value
}

/// Checks an `X-LI-Signature` header value against the raw `body` bytes, in
/// constant time.
///
/// The value must be `hmacsha256=` (any letter case) followed by 64 hex digits
/// (any letter case); surrounding whitespace is ignored. Pass the body exactly
/// as received: re-serialized JSON does not verify.
///
/// ```
/// use linkedin_webhooks::{sign, verify_signature, ClientSecret, SignatureError};
///
/// let secret = ClientSecret::new("s3cr3t");
/// let body = br#"{"notifications":[]}"#;
/// let header = sign(&secret, body);
/// assert_eq!(verify_signature(&secret, &header, body), Ok(()));
/// assert_eq!(verify_signature(&secret, &header.to_uppercase(), body), Ok(()));
/// assert_eq!(
///     verify_signature(&secret, &header, br#"{"notifications":[{}]}"#),
///     Err(SignatureError::Mismatch),
/// );
/// assert_eq!(verify_signature(&secret, "sha256=00", body), Err(SignatureError::MissingPrefix));
/// ```
pub fn verify_signature(
    secret: &ClientSecret,
    header_value: &str,
    body: &[u8],
) -> Result<(), SignatureError> {
    let tag = parse_signature(header_value)?;
    signature_mac(secret, body)
        .verify_slice(&tag)
        .map_err(|_| SignatureError::Mismatch)
}

/// Checks the signature of a notification from its request headers (the
/// `X-LI-Signature` header, looked up case-insensitively) and its raw body.
///
/// [`verify_notification`](crate::verify_notification) does this and then
/// parses the body; use this one when you parse the body yourself.
///
/// ```
/// use http::HeaderMap;
/// use linkedin_webhooks::{sign, verify_headers, ClientSecret, SignatureError};
///
/// let secret = ClientSecret::new("s3cr3t");
/// let body = br#"{"notifications":[]}"#;
/// let mut headers = HeaderMap::new();
/// assert_eq!(verify_headers(&secret, &headers, body), Err(SignatureError::MissingHeader));
/// headers.insert("X-LI-Signature", sign(&secret, body).parse()?);
/// assert_eq!(verify_headers(&secret, &headers, body), Ok(()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify_headers(
    secret: &ClientSecret,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<(), SignatureError> {
    let mut values = headers.get_all(&SIGNATURE_HEADER).iter();
    let value = values.next().ok_or(SignatureError::MissingHeader)?;
    let extra = values.count();
    if extra > 0 {
        return Err(SignatureError::MultipleHeaders { count: extra + 1 });
    }
    let text = value.to_str().map_err(|_| SignatureError::NotText)?;
    verify_signature(secret, text, body)
}

/// Parses `hmacsha256=<64 hex digits>` into the digest bytes.
fn parse_signature(header_value: &str) -> Result<[u8; DIGEST_LEN], SignatureError> {
    let value = header_value.trim_matches(|c: char| c.is_ascii_whitespace());
    let (label, hex_digits) = match value.split_at_checked(SIGNATURE_PREFIX.len()) {
        Some(parts) => parts,
        None => return Err(SignatureError::MissingPrefix),
    };
    if !label.eq_ignore_ascii_case(SIGNATURE_PREFIX) {
        return Err(SignatureError::MissingPrefix);
    }
    if let Some((offset, found)) = hex_digits
        .char_indices()
        .find(|(_, c)| !c.is_ascii_hexdigit())
    {
        return Err(SignatureError::InvalidHex { offset, found });
    }
    if hex_digits.len() != 2 * DIGEST_LEN {
        return Err(SignatureError::WrongLength {
            length: hex_digits.len(),
        });
    }
    let mut tag = [0u8; DIGEST_LEN];
    hex::decode_to_slice(hex_digits, &mut tag).map_err(|_| SignatureError::WrongLength {
        length: hex_digits.len(),
    })?;
    Ok(tag)
}

/// Why a notification's signature was rejected. Never contains the secret or
/// the expected signature.
///
/// Answer these with `401 Unauthorized` (see [`status_code`](SignatureError::status_code))
/// and do not process the body.
///
/// ```
/// use linkedin_webhooks::{verify_signature, ClientSecret, SignatureError};
///
/// let secret = ClientSecret::new("s3cr3t");
/// let err = verify_signature(&secret, "hmacsha256=xyz", b"{}").unwrap_err();
/// assert_eq!(err, SignatureError::InvalidHex { offset: 0, found: 'x' });
/// assert_eq!(err.status_code(), http::StatusCode::UNAUTHORIZED);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// The request has no `X-LI-Signature` header.
    #[error(
        "the request has no X-LI-Signature header; LinkedIn signs every notification, so this request did not come from LinkedIn (or a proxy dropped the header)"
    )]
    MissingHeader,
    /// The request has more than one `X-LI-Signature` header.
    #[error("the request has {count} X-LI-Signature headers; exactly one is expected")]
    MultipleHeaders {
        /// How many there are.
        count: usize,
    },
    /// The header value is not visible ASCII text.
    #[error("the X-LI-Signature header is not visible ASCII text")]
    NotText,
    /// The value does not start with `hmacsha256=`.
    #[error("the X-LI-Signature value does not start with `hmacsha256=`")]
    MissingPrefix,
    /// The digest contains a character that is not a hex digit.
    #[error(
        "the X-LI-Signature digest has a non-hex character {found:?} at offset {offset} (after `hmacsha256=`)"
    )]
    InvalidHex {
        /// Byte offset of the character within the digest (after the prefix).
        offset: usize,
        /// The offending character.
        found: char,
    },
    /// The digest is not 64 hex digits (32 bytes) long.
    #[error("the X-LI-Signature digest has {length} hex digits; an HMAC-SHA256 digest has 64")]
    WrongLength {
        /// Number of hex digits found.
        length: usize,
    },
    /// The signature is well-formed but does not match the body.
    #[error(
        "the X-LI-Signature does not match the body; check the client secret and that the body is passed exactly as received"
    )]
    Mismatch,
}

impl SignatureError {
    /// The status a receiver should answer with: `401 Unauthorized`.
    ///
    /// ```
    /// use linkedin_webhooks::SignatureError;
    ///
    /// assert_eq!(SignatureError::Mismatch.status_code(), http::StatusCode::UNAUTHORIZED);
    /// ```
    pub fn status_code(&self) -> http::StatusCode {
        http::StatusCode::UNAUTHORIZED
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_any_case_and_whitespace() {
        let digits = "AbCdEf0123456789".repeat(4);
        let tag = parse_signature(&format!("  HmacSHA256={digits}\t")).unwrap();
        assert_eq!(hex::encode(tag), digits.to_lowercase());
    }

    #[test]
    fn parse_errors() {
        assert_eq!(parse_signature(""), Err(SignatureError::MissingPrefix));
        assert_eq!(
            parse_signature("hmacsha256"),
            Err(SignatureError::MissingPrefix)
        );
        assert_eq!(
            parse_signature(&"0".repeat(64)),
            Err(SignatureError::MissingPrefix)
        );
        assert_eq!(
            parse_signature("hmacsha256="),
            Err(SignatureError::WrongLength { length: 0 })
        );
        assert_eq!(
            parse_signature(&format!("hmacsha256={}", "0".repeat(63))),
            Err(SignatureError::WrongLength { length: 63 })
        );
        assert_eq!(
            parse_signature("hmacsha256=00é0"),
            Err(SignatureError::InvalidHex {
                offset: 2,
                found: 'é'
            })
        );
        // A multi-byte character straddling the prefix boundary is not a panic.
        assert_eq!(
            parse_signature("hmacsha25é"),
            Err(SignatureError::MissingPrefix)
        );
    }

    #[test]
    fn long_keys_are_hashed_first() {
        let long = vec![7u8; 200];
        let hashed: Vec<u8> = Sha256::digest(&long).to_vec();
        assert_eq!(digest(&long, b"m"), digest(&hashed, b"m"));
    }
}
