//! The claims of a LinkedIn id_token.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use super::Locale;
use crate::urns::{PersonUrn, TypedUrnError};

/// The claims of a verified id_token: the registered ones LinkedIn sends
/// (`iss`, `aud`, `iat`, `exp`, `sub`, and `nonce` when one was sent) and
/// the profile ones of the `profile` and `email` scopes, as the page "Sign
/// In with LinkedIn using OpenID Connect" lists them; claims LinkedIn adds
/// later are kept in [`extra`](Self::extra).
///
/// Only [`IdTokenVerifier::verify`](super::IdTokenVerifier::verify) makes
/// these from a token, after every check passed. The `Debug` output shows
/// the claims (profile data, not a secret); never the token.
///
/// ```
/// use linkedin::resources::identity::IdTokenClaims;
///
/// let claims: IdTokenClaims = serde_json::from_str(r#"{
///     "iss": "https://www.linkedin.com/oauth", "aud": "86abc123",
///     "iat": 1698789279, "exp": 1698792879, "sub": "782bbtaQ",
///     "email_verified": "true", "locale": "en-US"
/// }"#)?;
/// assert_eq!(claims.email_verified, Some(true));
/// assert!(claims.aud.contains("86abc123"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdTokenClaims {
    /// Issuer: `https://www.linkedin.com/oauth` for LinkedIn.
    pub iss: String,
    /// Audience: the client id of the application.
    pub aud: Audience,
    /// Issued at, seconds since the Unix epoch.
    pub iat: u64,
    /// Expires at, seconds since the Unix epoch.
    pub exp: u64,
    /// The member's id for this application (`urn:li:person:{sub}`).
    pub sub: String,
    /// The nonce sent with the authorization request, if one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    /// When the member authenticated, seconds since the Unix epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_time: Option<u64>,
    /// Access-token hash (OpenID Connect Core 3.1.3.6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_hash: Option<String>,
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
    /// Primary email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Whether the email is verified: LinkedIn's example writes it as the
    /// text `"true"`; a JSON boolean is read too.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_bool"
    )]
    pub email_verified: Option<bool>,
    /// The member's locale (a tag or an object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
    /// Claims this version does not know, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl IdTokenClaims {
    /// The member as a person URN, `urn:li:person:{sub}`.
    ///
    /// ```
    /// # use linkedin::resources::identity::IdTokenClaims;
    /// let claims: IdTokenClaims = serde_json::from_str(
    ///     r#"{"iss": "i", "aud": "a", "iat": 1, "exp": 2, "sub": "782bbtaQ"}"#,
    /// )?;
    /// assert_eq!(claims.person_urn()?.to_string(), "urn:li:person:782bbtaQ");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`TypedUrnError`] when `sub` cannot be a URN id.
    pub fn person_urn(&self) -> Result<PersonUrn, TypedUrnError> {
        PersonUrn::new(&self.sub)
    }
}

/// The `aud` claim: one audience (a string, as LinkedIn sends it) or a
/// list (which RFC 7519 section 4.1.3 allows); written back as it came.
///
/// ```
/// use linkedin::resources::identity::Audience;
///
/// let one: Audience = serde_json::from_str(r#""86abc123""#)?;
/// let many: Audience = serde_json::from_str(r#"["other", "86abc123"]"#)?;
/// assert!(one.contains("86abc123") && many.contains("86abc123"));
/// assert!(!one.contains("other"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Audience {
    /// A single audience.
    One(String),
    /// A list of audiences.
    Many(Vec<String>),
}

impl Audience {
    /// Whether `client_id` is one of the audiences.
    ///
    /// ```
    /// use linkedin::resources::identity::Audience;
    ///
    /// assert!(Audience::Many(vec!["a".into(), "b".into()]).contains("b"));
    /// ```
    pub fn contains(&self, client_id: &str) -> bool {
        self.as_slice().iter().any(|aud| aud == client_id)
    }

    /// The audiences as a slice.
    ///
    /// ```
    /// use linkedin::resources::identity::Audience;
    ///
    /// assert_eq!(Audience::One("a".into()).as_slice(), ["a"]);
    /// ```
    pub fn as_slice(&self) -> &[String] {
        match self {
            Audience::One(one) => std::slice::from_ref(one),
            Audience::Many(many) => many,
        }
    }
}

/// Reads `true`/`false` as a JSON boolean or as the text `"true"`/`"false"`
/// (any case); `null` is `None`.
pub(crate) fn lenient_bool<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Lenient {
        Bool(bool),
        Text(String),
    }
    match Option::<Lenient>::deserialize(deserializer)? {
        None => Ok(None),
        Some(Lenient::Bool(b)) => Ok(Some(b)),
        Some(Lenient::Text(text)) if text.eq_ignore_ascii_case("true") => Ok(Some(true)),
        Some(Lenient::Text(text)) if text.eq_ignore_ascii_case("false") => Ok(Some(false)),
        Some(Lenient::Text(_)) => Err(serde::de::Error::custom(
            "expected true or false, as a boolean or a string",
        )),
    }
}
