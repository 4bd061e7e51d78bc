//! HMAC-SHA256 as LinkedIn uses it: the challenge response and the
//! `X-LI-Signature` header.
//!
//! Both are lowercase hex HMAC-SHA256 digests keyed with the application's
//! client secret. The challenge response covers the `challengeCode`. The
//! notification signature covers the raw POST body **prefixed by
//! `hmacsha256=`**, as LinkedIn's webhook page says ("compute the signature
//! on the POST body prefixed by `hmacsha256=`", see
//! <https://learn.microsoft.com/en-us/linkedin/shared/api-guide/webhook-validation>,
//! *Requirements for Processing Notifications*).
//!
//! That sentence was read the other way before (the HMAC of the bare body,
//! sent behind a `hmacsha256=` label), so verification accepts both digests,
//! each with or without the label; both need the secret, so accepting the
//! second reading lets no one without the secret in. What is signed is
//! decided in `documented_mac` and `legacy_mac`, nowhere else.

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

/// The prefix LinkedIn puts in front of the body before computing the HMAC,
/// and the label some senders put in front of the hex digest.
pub(crate) const SIGNATURE_PREFIX: &str = "hmacsha256=";

/// [`SIGNATURE_PREFIX`] without its `=`: the label compared with what
/// precedes the `=` of a labelled header value.
const SIGNATURE_LABEL: &str = "hmacsha256";

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

/// The secret's bytes, or `None` when there are none: an HMAC keyed with
/// nothing authenticates nothing (anyone can compute it), so every operation
/// refuses an empty secret with a typed error instead.
pub(crate) fn key(secret: &ClientSecret) -> Option<&[u8]> {
    match secret.secret().as_bytes() {
        [] => None,
        bytes => Some(bytes),
    }
}

/// The documented signature's HMAC: keyed with the secret, fed with
/// `hmacsha256=` followed by the raw body.
fn documented_mac(key: &[u8], body: &[u8]) -> HmacSha256 {
    let mut mac = keyed(key);
    mac.update(SIGNATURE_PREFIX.as_bytes());
    mac.update(body);
    mac
}

/// The other reading's HMAC: keyed with the secret, fed with the raw body
/// alone. Accepted by [`verify_signature`], never produced by [`sign`].
fn legacy_mac(key: &[u8], body: &[u8]) -> HmacSha256 {
    let mut mac = keyed(key);
    mac.update(body);
    mac
}

/// Whether `response_hex` is the challenge response to `code` (constant
/// time); never for an empty secret.
pub(crate) fn challenge_matches(secret: &ClientSecret, code: &str, response_hex: &str) -> bool {
    let Some(key) = key(secret) else {
        return false;
    };
    let mut tag = [0u8; DIGEST_LEN];
    if hex::decode_to_slice(response_hex, &mut tag).is_err() {
        return false;
    }
    let mut mac = keyed(key);
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
/// # Errors
///
/// [`ChallengeError::EmptySecret`](crate::ChallengeError::EmptySecret) if the
/// secret is empty.
///
/// ```
/// use linkedin_webhooks::{challenge_response, ChallengeError, ClientSecret};
///
/// let secret = ClientSecret::new("s3cr3t");
/// assert_eq!(
///     challenge_response(&secret, "890e4665-4dfe-4ab1-b689-ed553bceeed0")?,
///     "63c7a919bedbaacb240b7f164b53ceec3659f89f076bdd25f84469154bedb6e8",
/// );
/// assert_eq!(
///     challenge_response(&ClientSecret::new(""), "abc"),
///     Err(ChallengeError::EmptySecret),
/// );
/// # Ok::<(), ChallengeError>(())
/// ```
pub fn challenge_response(
    secret: &ClientSecret,
    challenge_code: &str,
) -> Result<String, crate::ChallengeError> {
    let key = key(secret).ok_or(crate::ChallengeError::EmptySecret)?;
    Ok(hex::encode(digest(key, challenge_code.as_bytes())))
}

/// Computes the `X-LI-Signature` header value for a notification `body`, as
/// LinkedIn documents it: the lowercase hex HMAC-SHA256, keyed with the
/// client secret, of `hmacsha256=` followed by the raw body bytes. The value
/// is the 64 hex digits alone, without a label: the documentation calls the
/// header's value "the HMACSHA256 hash" of the prefixed body
/// (<https://learn.microsoft.com/en-us/linkedin/shared/api-guide/webhook-validation>).
///
/// Receivers call [`verify_signature`] (or [`verify_notification`](crate::verify_notification));
/// `sign` is for senders, such as a local sandbox or a test.
///
/// # Errors
///
/// [`SignatureError::EmptySecret`] if the secret is empty.
///
/// ```
/// use linkedin_webhooks::{sign, verify_signature, ClientSecret, SignatureError};
///
/// let secret = ClientSecret::new("s3cr3t");
/// let body = br#"{"notifications":[]}"#;
/// let header = sign(&secret, body)?;
/// // python3 -c 'import hmac,hashlib; print(hmac.new(b"s3cr3t", b"hmacsha256={\"notifications\":[]}", hashlib.sha256).hexdigest())'
/// assert_eq!(header, "0c6d8baa3de925a2f2bd5192969eabd2eddb5d34918fac6fb3bdebea40b3f1c9");
/// assert!(verify_signature(&secret, &header, body).is_ok());
/// assert_eq!(sign(&ClientSecret::new(""), body), Err(SignatureError::EmptySecret));
/// # Ok::<(), SignatureError>(())
/// ```
pub fn sign(secret: &ClientSecret, body: &[u8]) -> Result<String, SignatureError> {
    let key = key(secret).ok_or(SignatureError::EmptySecret)?;
    let tag: [u8; DIGEST_LEN] = documented_mac(key, body).finalize().into_bytes().into();
    Ok(hex::encode(tag))
}

/// Checks an `X-LI-Signature` header value against the raw `body` bytes, in
/// constant time.
///
/// The value is 64 hex digits (any letter case), optionally behind a
/// `hmacsha256=` label (any letter case); surrounding whitespace is ignored.
/// The digits must be either
///
/// - the documented signature, hex(HMAC-SHA256(key = client secret,
///   message = `hmacsha256=` + body)), what [`sign`] produces, or
/// - hex(HMAC-SHA256(key = client secret, message = body)), the other
///   reading of LinkedIn's sentence, accepted because receivers were built on
///   it; it needs the secret just the same.
///
/// Both digests are computed and compared in constant time. Pass the body
/// exactly as received: re-serialized JSON does not verify.
///
/// # Errors
///
/// [`SignatureError::EmptySecret`] for an empty secret (checked first), the
/// format errors, or [`SignatureError::Mismatch`].
///
/// ```
/// use linkedin_webhooks::{sign, verify_signature, ClientSecret, SignatureError};
///
/// let secret = ClientSecret::new("s3cr3t");
/// let body = br#"{"notifications":[]}"#;
/// let header = sign(&secret, body)?;
/// assert_eq!(verify_signature(&secret, &header, body), Ok(()));
/// assert_eq!(verify_signature(&secret, &header.to_uppercase(), body), Ok(()));
/// assert_eq!(verify_signature(&secret, &format!("hmacsha256={header}"), body), Ok(()));
/// // The HMAC of the bare body is accepted too:
/// // python3 -c 'import hmac,hashlib; print(hmac.new(b"s3cr3t", b"{\"notifications\":[]}", hashlib.sha256).hexdigest())'
/// let bare = "4d0b99cca5589c22e3f122c03c385cfd72afcff7ea73c7a466896c2fd225f4e0";
/// assert_eq!(verify_signature(&secret, bare, body), Ok(()));
/// assert_eq!(
///     verify_signature(&secret, &header, br#"{"notifications":[{}]}"#),
///     Err(SignatureError::Mismatch),
/// );
/// assert_eq!(verify_signature(&secret, "sha256=00", body), Err(SignatureError::MissingPrefix));
/// assert_eq!(
///     verify_signature(&ClientSecret::new(""), &header, body),
///     Err(SignatureError::EmptySecret),
/// );
/// # Ok::<(), SignatureError>(())
/// ```
pub fn verify_signature(
    secret: &ClientSecret,
    header_value: &str,
    body: &[u8],
) -> Result<(), SignatureError> {
    let key = key(secret).ok_or(SignatureError::EmptySecret)?;
    let tag = parse_signature(header_value)?;
    // Both comparisons always run (`|`, not `||`), so the time taken does
    // not say which reading matched.
    let documented = documented_mac(key, body).verify_slice(&tag).is_ok();
    let legacy = legacy_mac(key, body).verify_slice(&tag).is_ok();
    if documented | legacy {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
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
/// headers.insert("X-LI-Signature", sign(&secret, body)?.parse()?);
/// assert_eq!(verify_headers(&secret, &headers, body), Ok(()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify_headers(
    secret: &ClientSecret,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<(), SignatureError> {
    if key(secret).is_none() {
        return Err(SignatureError::EmptySecret);
    }
    let mut values = headers.get_all(&SIGNATURE_HEADER).iter();
    let value = values.next().ok_or(SignatureError::MissingHeader)?;
    let extra = values.count();
    if extra > 0 {
        return Err(SignatureError::MultipleHeaders { count: extra + 1 });
    }
    let text = value.to_str().map_err(|_| SignatureError::NotText)?;
    verify_signature(secret, text, body)
}

/// Parses `[hmacsha256=]<64 hex digits>` into the digest bytes.
fn parse_signature(header_value: &str) -> Result<[u8; DIGEST_LEN], SignatureError> {
    let value = header_value.trim_matches(|c: char| c.is_ascii_whitespace());
    let hex_digits = match value.split_once('=') {
        None => value,
        Some((label, digits)) => {
            if !label.eq_ignore_ascii_case(SIGNATURE_LABEL) {
                return Err(SignatureError::MissingPrefix);
            }
            digits
        }
    };
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

/// Why a notification's signature was rejected, or could not be computed.
/// Never contains the secret or the expected signature.
///
/// Answer these with [`status_code`](SignatureError::status_code) (`401
/// Unauthorized`, or `500` for a receiver without a secret) and do not
/// process the body.
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
    /// The value has a label (`something=`) other than `hmacsha256=`.
    #[error(
        "the X-LI-Signature value has a label other than `hmacsha256=`; expected 64 hex digits, optionally behind `hmacsha256=`"
    )]
    MissingPrefix,
    /// The digest contains a character that is not a hex digit.
    #[error(
        "the X-LI-Signature digest has a non-hex character {found:?} at offset {offset} (after any `hmacsha256=` label)"
    )]
    InvalidHex {
        /// Byte offset of the character within the digest (after any label).
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
    /// The client secret is empty: an HMAC keyed with nothing can be computed
    /// by anyone, so nothing is signed or verified with it.
    #[error(
        "the webhook client secret is empty; load the application's client secret (developer portal, Auth tab) into ClientSecret"
    )]
    EmptySecret,
}

impl SignatureError {
    /// The status a receiver should answer with: `401 Unauthorized`, or
    /// `500 Internal Server Error` for [`EmptySecret`](SignatureError::EmptySecret)
    /// (the receiver's configuration is at fault, not the request).
    ///
    /// ```
    /// use linkedin_webhooks::SignatureError;
    ///
    /// assert_eq!(SignatureError::Mismatch.status_code(), http::StatusCode::UNAUTHORIZED);
    /// assert_eq!(SignatureError::EmptySecret.status_code(), http::StatusCode::INTERNAL_SERVER_ERROR);
    /// ```
    pub fn status_code(&self) -> http::StatusCode {
        match self {
            Self::EmptySecret => http::StatusCode::INTERNAL_SERVER_ERROR,
            _ => http::StatusCode::UNAUTHORIZED,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231's vectors whose keys are not text (cases 3, 6 and 7: `0xaa`
    /// bytes), which no `ClientSecret` can hold, against the HMAC primitive
    /// every operation goes through (the text-keyed cases run through the
    /// public functions in `tests/known_answers.rs`).
    #[test]
    fn the_hmac_primitive_matches_rfc4231_for_byte_keys() {
        let long_key = [0xaa; 131];
        let cases: [(&[u8], &[u8], &str); 3] = [
            (
                &[0xaa; 20],
                &[0xdd; 50],
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
            ),
            (
                &long_key,
                b"Test Using Larger Than Block-Size Key - Hash Key First",
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
            (
                &long_key,
                b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
            ),
        ];
        for (key, data, expected) in cases {
            assert_eq!(hex::encode(digest(key, data)), expected);
        }
    }

    #[test]
    fn parse_accepts_any_case_whitespace_and_an_optional_label() {
        let digits = "AbCdEf0123456789".repeat(4);
        for value in [
            format!("  HmacSHA256={digits}\t"),
            format!("hmacsha256={digits}"),
            digits.clone(),
            format!(" {digits} "),
        ] {
            let tag = parse_signature(&value).unwrap();
            assert_eq!(hex::encode(tag), digits.to_lowercase(), "{value}");
        }
    }

    #[test]
    fn parse_errors() {
        assert_eq!(
            parse_signature(""),
            Err(SignatureError::WrongLength { length: 0 })
        );
        assert_eq!(
            parse_signature("sha256=00"),
            Err(SignatureError::MissingPrefix)
        );
        assert_eq!(
            parse_signature(&format!("hmacsha256x={}", "0".repeat(64))),
            Err(SignatureError::MissingPrefix)
        );
        assert_eq!(
            parse_signature("hmacsha256"),
            Err(SignatureError::InvalidHex {
                offset: 0,
                found: 'h'
            })
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
        // A second `=` belongs to the digits, which then are not hex.
        assert_eq!(
            parse_signature("hmacsha256==00"),
            Err(SignatureError::InvalidHex {
                offset: 0,
                found: '='
            })
        );
        // Multi-byte characters in the label are not a panic.
        assert_eq!(
            parse_signature("hmacsha25é=00"),
            Err(SignatureError::MissingPrefix)
        );
    }

    #[test]
    fn long_keys_are_hashed_first() {
        let long = vec![7u8; 200];
        let hashed: Vec<u8> = Sha256::digest(&long).to_vec();
        assert_eq!(digest(&long, b"m"), digest(&hashed, b"m"));
    }

    #[test]
    fn the_documented_mac_covers_the_prefixed_body() {
        let key = b"k";
        let documented: [u8; DIGEST_LEN] =
            documented_mac(key, b"{}").finalize().into_bytes().into();
        assert_eq!(documented, digest(key, b"hmacsha256={}"));
        let legacy: [u8; DIGEST_LEN] = legacy_mac(key, b"{}").finalize().into_bytes().into();
        assert_eq!(legacy, digest(key, b"{}"));
    }
}
