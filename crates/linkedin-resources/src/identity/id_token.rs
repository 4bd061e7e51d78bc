//! id_token verification: RS256 against a JWKS, then the claims, with the
//! time passed in.
//!
//! The steps follow OpenID Connect Core 1.0 section 3.1.3.7 (ID Token
//! Validation) as LinkedIn's page "Sign In with LinkedIn using OpenID
//! Connect" applies it: the token is a JWS (RFC 7515) in compact form,
//! signed with RS256 (RFC 7518 section 3.3) by a key of LinkedIn's JWKS; its
//! `iss` is `https://www.linkedin.com/oauth` and its `aud` the client id.

use std::time::SystemTime;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use linkedin_oauth::{IdToken, Nonce};
use restli_codec::excerpt::Excerpt;
use rsa::signature::Verifier as _;
use serde::Deserialize;

use super::claims::IdTokenClaims;
use super::jwks::{Jwks, json_reason};

/// LinkedIn's issuer, the `iss` of its id_tokens (the `issuer` of
/// `https://www.linkedin.com/oauth/.well-known/openid-configuration`).
pub const LINKEDIN_ISSUER: &str = "https://www.linkedin.com/oauth";

/// The longest id_token verified, in bytes (16 KiB; LinkedIn's are about
/// 1 KiB). A longer one is refused before it is decoded.
pub const MAX_ID_TOKEN_LEN: usize = 16 * 1024;

/// The default clock leeway for `exp` and `iat`, in seconds.
pub const DEFAULT_LEEWAY_SECS: u64 = 60;

/// The largest clock leeway taken, in seconds (5 minutes).
pub const MAX_LEEWAY_SECS: u64 = 300;

/// Why an id_token was refused: one variant per check. Never shows the
/// token (a secret) or its signature; key ids, algorithms and issuers are
/// shown as bounded excerpts.
///
/// ```
/// use linkedin::oauth::IdToken;
/// use linkedin::resources::identity::{IdTokenError, IdTokenVerifier, Jwks};
///
/// let jwks = Jwks::from_slice(br#"{"keys": []}"#)?;
/// let verifier = IdTokenVerifier::new("86abc123");
/// let err = verifier
///     .verify(&IdToken::new("not.a-token"), &jwks, std::time::SystemTime::UNIX_EPOCH, None)
///     .unwrap_err();
/// assert!(matches!(err, IdTokenError::Malformed { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdTokenError {
    /// The token is longer than [`MAX_ID_TOKEN_LEN`].
    #[error("the id_token is {len} bytes long, more than the {MAX_ID_TOKEN_LEN} verified")]
    TooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// The token is not a compact JWS (three base64url parts of JSON).
    #[error("the id_token is malformed: {reason} in its {part}")]
    Malformed {
        /// `header`, `claims`, `signature` or `token`.
        part: &'static str,
        /// What was wrong.
        reason: &'static str,
    },
    /// The header's `alg` is not `RS256` (`none`, `HS256`, `ES256` and the
    /// rest are refused, whatever the key set holds). The name is kept to
    /// its first 64 bytes.
    #[error("the id_token is signed with {}, only RS256 is accepted", Excerpt(.alg))]
    UnsupportedAlgorithm {
        /// The `alg` of the header.
        alg: String,
    },
    /// The header has no `kid` and the key set has more than one RS256 key.
    #[error("the id_token's header names no key (kid) and the key set has {candidates} RS256 keys")]
    MissingKeyId {
        /// How many keys could have signed it.
        candidates: usize,
    },
    /// No key of the set has the token's `kid` (fetch the set again if the
    /// cache says so: LinkedIn may have rotated its keys).
    #[error("no key of the JWKS has the id_token's kid {}", Excerpt(.kid))]
    UnknownKey {
        /// The `kid` of the header (its first 64 bytes).
        kid: String,
    },
    /// The key with the token's `kid` cannot verify RS256.
    #[error("the JWKS key {} cannot verify the id_token: {reason}", Excerpt(.kid))]
    UnusableKey {
        /// The key's id (its first 64 bytes).
        kid: String,
        /// Why.
        reason: String,
    },
    /// The signature does not verify with the key.
    #[error("the id_token's signature does not verify with the JWKS key")]
    BadSignature,
    /// The claims are not a JSON object with `iss`, `aud`, `iat`, `exp`
    /// and `sub` of the right types.
    #[error("the id_token's claims are invalid: {reason} at column {column}")]
    InvalidClaims {
        /// What was wrong (the values are not quoted).
        reason: &'static str,
        /// 1-based column in the decoded claims.
        column: usize,
    },
    /// `iss` is not the expected issuer.
    #[error("the id_token was issued by {}, expected {}", Excerpt(.found), Excerpt(.expected))]
    WrongIssuer {
        /// The expected issuer.
        expected: String,
        /// The token's `iss`.
        found: String,
    },
    /// `aud` does not name the client id.
    #[error("the id_token is for {}, not for client {}", Excerpt(&.found.join(" ")), Excerpt(.expected))]
    WrongAudience {
        /// The client id.
        expected: String,
        /// The token's audiences.
        found: Vec<String>,
    },
    /// `exp` (plus the leeway) is in the past.
    #[error("the id_token expired at {exp}, it is now {now} (unix seconds)")]
    Expired {
        /// The token's `exp`.
        exp: u64,
        /// The time given.
        now: u64,
    },
    /// `iat` is in the future (beyond the leeway).
    #[error("the id_token was issued at {iat}, after now ({now}, unix seconds)")]
    IssuedInFuture {
        /// The token's `iat`.
        iat: u64,
        /// The time given.
        now: u64,
    },
    /// A nonce was sent, and the token has no `nonce` claim.
    #[error("a nonce was sent with the authorization request and the id_token has none")]
    MissingNonce,
    /// The `nonce` claim is not the nonce sent (a replayed or foreign token).
    #[error("the id_token's nonce is not the one sent with the authorization request")]
    NonceMismatch,
    /// `sub` is empty.
    #[error("the id_token's sub is empty")]
    EmptySubject,
}

/// The longest key id or algorithm name kept in an [`IdTokenError`], in
/// bytes: they come from the unverified header, part of the token.
const MAX_SHOWN: usize = 64;

/// `text` cut to [`MAX_SHOWN`] bytes at a character boundary.
fn cut(text: &str) -> String {
    let mut end = text.len().min(MAX_SHOWN);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default().to_owned()
}

/// The JOSE header of the token: only what the verification reads.
#[derive(Deserialize)]
struct Header {
    alg: String,
    #[serde(default)]
    kid: Option<String>,
}

/// The checked parts of a token.
struct Parts<'t> {
    header: Header,
    signing_input: &'t str,
    claims: Vec<u8>,
    signature: Vec<u8>,
}

fn parse(token: &str) -> Result<Parts<'_>, IdTokenError> {
    if token.len() > MAX_ID_TOKEN_LEN {
        return Err(IdTokenError::TooLong { len: token.len() });
    }
    let malformed = |part, reason| IdTokenError::Malformed { part, reason };
    let mut pieces = token.split('.');
    let (Some(header), Some(claims), Some(signature), None) =
        (pieces.next(), pieces.next(), pieces.next(), pieces.next())
    else {
        return Err(malformed("token", "not three dot-separated parts"));
    };
    let decode = |part, text: &str| {
        if text.is_empty() {
            return Err(malformed(part, "an empty part"));
        }
        URL_SAFE_NO_PAD
            .decode(text)
            .map_err(|_| malformed(part, "not base64url without padding"))
    };
    let header_bytes = decode("header", header)?;
    let header: Header = serde_json::from_slice(&header_bytes)
        .map_err(|_| malformed("header", "not a JSON object with a string alg"))?;
    let claims = decode("claims", claims)?;
    let signature = decode("signature", signature)?;
    let signing_input = token
        .get(..token.len() - signature_len(token))
        .ok_or_else(|| malformed("token", "not three dot-separated parts"))?;
    Ok(Parts {
        header,
        signing_input,
        claims,
        signature,
    })
}

/// The length of `.signature` at the end of a three-part token.
fn signature_len(token: &str) -> usize {
    token.rfind('.').map_or(0, |dot| token.len() - dot)
}

/// Verifies LinkedIn id_tokens for one application: RS256 signature by a
/// key of the JWKS, then `iss`, `aud`, `exp`, `iat` (against a `now` passed
/// in, with a bounded leeway) and the `nonce` when one was sent.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use linkedin::oauth::IdToken;
/// use linkedin::resources::identity::{IdTokenError, IdTokenVerifier, Jwks};
///
/// let verifier = IdTokenVerifier::new("86abc123")
///     .issuer("http://127.0.0.1:8080/oauth") // a sandbox
///     .leeway(Duration::from_secs(30));
/// // An unsigned token (`alg: none`) is refused before any key is looked at.
/// let unsigned = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln";
/// let jwks = Jwks::from_slice(br#"{"keys": []}"#)?;
/// let err = verifier.verify(&IdToken::new(unsigned), &jwks, SystemTime::UNIX_EPOCH, None).unwrap_err();
/// assert_eq!(err, IdTokenError::UnsupportedAlgorithm { alg: "none".into() });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct IdTokenVerifier {
    client_id: String,
    issuer: String,
    leeway_secs: u64,
}

impl IdTokenVerifier {
    /// A verifier for tokens issued by LinkedIn ([`LINKEDIN_ISSUER`]) to
    /// the application `client_id`, with a leeway of
    /// [`DEFAULT_LEEWAY_SECS`].
    ///
    /// ```
    /// let verifier = linkedin::resources::identity::IdTokenVerifier::new("86abc123");
    /// # let _ = verifier;
    /// ```
    pub fn new(client_id: impl Into<String>) -> Self {
        IdTokenVerifier {
            client_id: client_id.into(),
            issuer: LINKEDIN_ISSUER.to_owned(),
            leeway_secs: DEFAULT_LEEWAY_SECS,
        }
    }

    /// Expects another issuer (a sandbox's `{origin}/oauth`).
    ///
    /// ```
    /// let verifier = linkedin::resources::identity::IdTokenVerifier::new("id").issuer("http://127.0.0.1:9/oauth");
    /// # let _ = verifier;
    /// ```
    pub fn issuer(mut self, issuer: impl Into<String>) -> Self {
        self.issuer = issuer.into();
        self
    }

    /// The clock leeway for `exp` and `iat`, at most [`MAX_LEEWAY_SECS`]
    /// (a longer one is cut to it; whole seconds).
    ///
    /// ```
    /// use std::time::Duration;
    /// let verifier = linkedin::resources::identity::IdTokenVerifier::new("id").leeway(Duration::from_secs(10));
    /// # let _ = verifier;
    /// ```
    pub fn leeway(mut self, leeway: std::time::Duration) -> Self {
        self.leeway_secs = leeway.as_secs().min(MAX_LEEWAY_SECS);
        self
    }

    /// The `kid` of a token's header, without verifying anything (to ask a
    /// [`JwksCache`](super::JwksCache) whether to fetch the keys first).
    ///
    /// ```
    /// use linkedin::oauth::IdToken;
    /// use linkedin::resources::identity::IdTokenVerifier;
    ///
    /// // {"alg":"RS256","kid":"k1"}
    /// let token = IdToken::new("eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.e30.c2ln");
    /// assert_eq!(IdTokenVerifier::key_id(&token)?.as_deref(), Some("k1"));
    /// # Ok::<(), linkedin::resources::identity::IdTokenError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`IdTokenError::TooLong`] or [`IdTokenError::Malformed`].
    pub fn key_id(token: &IdToken) -> Result<Option<String>, IdTokenError> {
        parse(token.secret()).map(|parts| parts.header.kid)
    }

    /// Verifies `token` with the keys of `jwks` at time `now`, expecting
    /// `nonce` when one was sent with the authorization request
    /// ([`linkedin_oauth::PendingAuthorization::nonce`]); returns its claims.
    ///
    /// The checks, in order: the size, the form, `alg` is RS256, the key
    /// (by `kid`; a token without one only when the set has a single RS256
    /// key), the signature, then the claims: `iss`, `aud`, `exp`, `iat`,
    /// `nonce`, `sub`. Without an expected nonce, a `nonce` claim is not
    /// checked.
    ///
    /// ```
    /// use linkedin::oauth::IdToken;
    /// use linkedin::resources::identity::{IdTokenError, IdTokenVerifier, Jwks};
    ///
    /// let jwks = Jwks::from_slice(br#"{"keys": [{"kty": "RSA", "kid": "k1", "n": "AQAB", "e": "AQAB"}]}"#)?;
    /// let token = IdToken::new("eyJhbGciOiJSUzI1NiIsImtpZCI6ImsyIn0.e30.c2ln"); // kid k2
    /// let err = IdTokenVerifier::new("id").verify(&token, &jwks, std::time::SystemTime::UNIX_EPOCH, None);
    /// assert_eq!(err.unwrap_err(), IdTokenError::UnknownKey { kid: "k2".into() });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The [`IdTokenError`] of the first check that failed.
    pub fn verify(
        &self,
        token: &IdToken,
        jwks: &Jwks,
        now: SystemTime,
        nonce: Option<&Nonce>,
    ) -> Result<IdTokenClaims, IdTokenError> {
        let parts = parse(token.secret())?;
        if parts.header.alg != "RS256" {
            return Err(IdTokenError::UnsupportedAlgorithm {
                alg: cut(&parts.header.alg),
            });
        }
        let key = match &parts.header.kid {
            Some(kid) => {
                let jwk = jwks
                    .find(kid)
                    .ok_or_else(|| IdTokenError::UnknownKey { kid: cut(kid) })?;
                jwk.rs256_key()
                    .map_err(|reason| IdTokenError::UnusableKey {
                        kid: cut(kid),
                        reason,
                    })?
            }
            None => {
                let mut usable = jwks.keys.iter().filter_map(|jwk| jwk.rs256_key().ok());
                match (usable.next(), usable.next()) {
                    (Some(key), None) => key,
                    (first, _) => {
                        let candidates = if first.is_some() {
                            2 + usable.count()
                        } else {
                            0
                        };
                        return Err(IdTokenError::MissingKeyId { candidates });
                    }
                }
            }
        };
        let signature = rsa::pkcs1v15::Signature::try_from(parts.signature.as_slice())
            .map_err(|_| IdTokenError::BadSignature)?;
        key.verify(parts.signing_input.as_bytes(), &signature)
            .map_err(|_| IdTokenError::BadSignature)?;

        let claims: IdTokenClaims =
            serde_json::from_slice(&parts.claims).map_err(|e| IdTokenError::InvalidClaims {
                reason: json_reason(&e),
                column: e.column(),
            })?;
        self.check(&claims, now, nonce)?;
        Ok(claims)
    }

    fn check(
        &self,
        claims: &IdTokenClaims,
        now: SystemTime,
        nonce: Option<&Nonce>,
    ) -> Result<(), IdTokenError> {
        if claims.iss != self.issuer {
            return Err(IdTokenError::WrongIssuer {
                expected: self.issuer.clone(),
                found: claims.iss.clone(),
            });
        }
        if !claims.aud.contains(&self.client_id) {
            return Err(IdTokenError::WrongAudience {
                expected: self.client_id.clone(),
                found: claims.aud.as_slice().to_vec(),
            });
        }
        let now = now
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        if now > claims.exp.saturating_add(self.leeway_secs) {
            return Err(IdTokenError::Expired {
                exp: claims.exp,
                now,
            });
        }
        if claims.iat > now.saturating_add(self.leeway_secs) {
            return Err(IdTokenError::IssuedInFuture {
                iat: claims.iat,
                now,
            });
        }
        if let Some(expected) = nonce {
            match &claims.nonce {
                None => return Err(IdTokenError::MissingNonce),
                Some(found) if !expected.matches(found) => {
                    return Err(IdTokenError::NonceMismatch);
                }
                Some(_) => {}
            }
        }
        if claims.sub.is_empty() {
            return Err(IdTokenError::EmptySubject);
        }
        Ok(())
    }
}
