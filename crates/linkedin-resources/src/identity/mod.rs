//! Sign In with LinkedIn using OpenID Connect: who the member is.
//!
//! LinkedIn's page "Sign In with LinkedIn using OpenID Connect"
//! (<https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2>)
//! gives two ways to learn who signed in, both after a 3-legged
//! authorization with the `openid` scope (plus `profile` and `email`):
//!
//! - the `userinfo` endpoint, `GET https://api.linkedin.com/v2/userinfo`
//!   with the access token ([`userinfo`], answered by [`UserInfo`]);
//! - the `id_token` of the token response, a JWT signed with RS256 by a key
//!   of LinkedIn's JWKS, checked here without any IO ([`IdTokenVerifier`],
//!   the keys in a [`Jwks`], a [`JwksCache`] saying when to fetch them).
//!
//! ```
//! use linkedin::resources::identity::{UserInfo, userinfo};
//! use linkedin::restli::RequestConfig;
//!
//! let http = userinfo().to_http(&RequestConfig::new(), Some("token"))?;
//! assert_eq!(http.uri(), "https://api.linkedin.com/v2/userinfo");
//!
//! let me: UserInfo = serde_json::from_str(r#"{"sub": "782bbtaQ", "name": "John Doe"}"#)?;
//! assert_eq!(me.person_urn()?.to_string(), "urn:li:person:782bbtaQ");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Verifying an id_token: what a transport does
//!
//! The pure parts decide; a transport only fetches the keys when told:
//!
//! ```
//! use std::time::SystemTime;
//! use linkedin::oauth::{IdToken, Nonce};
//! use linkedin::resources::identity::{
//!     IdTokenClaims, IdTokenError, IdTokenVerifier, Jwks, JwksCache, JwksDecision, LINKEDIN_JWKS_URL,
//! };
//!
//! /// `fetch` sends a request and hands back the answer (the only IO).
//! fn verify(
//!     token: &IdToken,
//!     nonce: Option<&Nonce>,
//!     cache: &mut JwksCache,
//!     now: SystemTime,
//!     fetch: impl Fn(http::Request<Vec<u8>>) -> Option<http::Response<Vec<u8>>>,
//! ) -> Result<IdTokenClaims, Box<dyn std::error::Error>> {
//!     let kid = IdTokenVerifier::key_id(token)?;
//!     if cache.decide(kid.as_deref(), now) != JwksDecision::Use {
//!         match fetch(Jwks::request(LINKEDIN_JWKS_URL)?).map(|r| Jwks::from_response(&r)) {
//!             Some(Ok(keys)) => cache.store(keys, now),
//!             _ => cache.fetch_failed(now),
//!         }
//!     }
//!     let keys = cache.keys().ok_or("no signing keys")?;
//!     Ok(IdTokenVerifier::new("86abc123").verify(token, keys, now, nonce)?)
//! }
//!
//! let mut cache = JwksCache::new();
//! let served = || Some(http::Response::new(br#"{"keys": []}"#.to_vec()));
//! // {"alg":"RS256","kid":"k1"}: fetched once, and k1 is not among the keys.
//! let token = IdToken::new("eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.e30.c2ln");
//! let err = verify(&token, None, &mut cache, SystemTime::UNIX_EPOCH, |_| served()).unwrap_err();
//! assert_eq!(err.downcast_ref(), Some(&IdTokenError::UnknownKey { kid: "k1".into() }));
//! assert!(cache.keys().is_some());
//! ```

mod claims;
mod id_token;
mod jwks;

use restli_codec::response::EntityResponse;
use restli_codec::{ApiBase, Get, Request};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::request_types::request_type;
use crate::urns::{PersonUrn, TypedUrnError};

pub use claims::{Audience, IdTokenClaims};
pub use id_token::{
    DEFAULT_LEEWAY_SECS, IdTokenError, IdTokenVerifier, LINKEDIN_ISSUER, MAX_ID_TOKEN_LEN,
    MAX_LEEWAY_SECS,
};
pub use jwks::{
    Jwk, Jwks, JwksCache, JwksDecision, JwksError, LINKEDIN_JWKS_URL, MAX_JWKS_BYTES, MAX_JWKS_KEYS,
};

request_type!(
    /// `GET /v2/userinfo`: the signed-in member's OpenID Connect profile,
    /// answered by `EntityResponse<UserInfo>` (built by [`userinfo`]).
    GetUserInfo(Get) => EntityResponse<UserInfo>,
    example = "linkedin::resources::identity::userinfo()"
);

/// The request for the signed-in member's profile: `GET
/// https://api.linkedin.com/v2/userinfo`, under `/v2` whatever version the
/// client sends elsewhere (the endpoint is not versioned: no
/// `LinkedIn-Version` header).
///
/// ```
/// use linkedin::resources::identity::userinfo;
/// use linkedin::restli::{LinkedInVersion, RequestConfig};
///
/// let config = RequestConfig::new().with_version(LinkedInVersion::new("202510")?);
/// let http = userinfo().to_http(&config, Some("token"))?;
/// assert_eq!(http.uri(), "https://api.linkedin.com/v2/userinfo");
/// assert!(http.headers().get("linkedin-version").is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn userinfo() -> GetUserInfo {
    GetUserInfo {
        inner: Request::get("/userinfo").base(ApiBase::V2),
    }
}

/// The member's profile from `userinfo` (the page's "Response Body
/// Schema"): every field but `sub` may be missing, depending on the scopes
/// granted; fields LinkedIn adds later are kept in [`extra`](Self::extra).
///
/// ```
/// use linkedin::resources::identity::UserInfo;
///
/// let me: UserInfo = serde_json::from_str(r#"{
///     "sub": "782bbtaQ", "given_name": "John", "family_name": "Doe",
///     "locale": {"country": "US", "language": "en"}, "email_verified": true
/// }"#)?;
/// assert_eq!(me.locale.unwrap().tag(), "en-US");
/// assert_eq!(me.email_verified, Some(true));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserInfo {
    /// The member's id for this application (the id of `urn:li:person:{sub}`).
    pub sub: String,
    /// Full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// URL of the profile picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture: Option<String>,
    /// The member's locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
    /// Primary email address (scope `email`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Whether the email address is verified (a JSON boolean, or the text
    /// `"true"`/`"false"`: both are read).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "claims::lenient_bool"
    )]
    pub email_verified: Option<bool>,
    /// Fields this version does not know, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl UserInfo {
    /// The member as a person URN, `urn:li:person:{sub}` (what a post's
    /// author or a comment's actor takes).
    ///
    /// ```
    /// let me: linkedin::resources::identity::UserInfo = serde_json::from_str(r#"{"sub": "782bbtaQ"}"#)?;
    /// assert_eq!(me.person_urn()?.id(), "782bbtaQ");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`TypedUrnError`] when `sub` cannot be a URN id (empty, or with
    /// characters a URN id cannot hold).
    pub fn person_urn(&self) -> Result<PersonUrn, TypedUrnError> {
        PersonUrn::new(&self.sub)
    }
}

/// A locale as LinkedIn writes it: an object `{"country": "US",
/// "language": "en"}` (the page's response example) or a BCP 47 tag
/// `"en-US"` (the id_token claims, and OpenID Connect's standard form).
/// Both are read; each is written back as it came.
///
/// ```
/// use linkedin::resources::identity::Locale;
///
/// let object: Locale = serde_json::from_str(r#"{"country": "US", "language": "en"}"#)?;
/// let tag: Locale = serde_json::from_str(r#""en_US""#)?;
/// assert_eq!(object.tag(), "en-US");
/// assert_eq!(tag.tag(), "en-US");
/// assert_eq!(serde_json::to_string(&tag)?, r#""en_US""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Locale {
    /// A tag such as `en-US` (or `en_US`).
    Tag(String),
    /// An object with `language` and `country`.
    Parts {
        /// ISO 639 language code, e.g. `en`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        language: Option<String>,
        /// ISO 3166 country code, e.g. `US`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        country: Option<String>,
        /// Other fields, kept.
        #[serde(flatten)]
        extra: Map<String, Value>,
    },
    /// Any other JSON value, kept as it came (so a new form never fails
    /// the read); its [`tag`](Locale::tag) is empty.
    Other(Value),
}

impl Locale {
    /// The locale as a BCP 47 tag, `language-COUNTRY` (an underscore in a
    /// tag becomes a hyphen; a missing part is left out).
    ///
    /// ```
    /// use linkedin::resources::identity::Locale;
    ///
    /// assert_eq!(Locale::Tag("fr_FR".into()).tag(), "fr-FR");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn tag(&self) -> String {
        match self {
            Locale::Tag(tag) => tag.replace('_', "-"),
            Locale::Parts {
                language, country, ..
            } => [language.as_deref(), country.as_deref()]
                .into_iter()
                .flatten()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join("-"),
            Locale::Other(_) => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_tags_from_both_forms() {
        let parts = Locale::Parts {
            language: Some("en".into()),
            country: None,
            extra: Map::new(),
        };
        assert_eq!(parts.tag(), "en");
        assert_eq!(Locale::Tag("en-US".into()).tag(), "en-US");
        let other: Locale = serde_json::from_str("[1]").unwrap();
        assert_eq!(other, Locale::Other(serde_json::json!([1])));
        assert_eq!(other.tag(), "");
        assert_eq!(serde_json::to_string(&other).unwrap(), "[1]");
    }
}
