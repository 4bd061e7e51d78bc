//! Token introspection (`POST /introspectToken`): is a token active, who
//! issued it, what does it grant and until when.

use std::fmt;
use std::time::SystemTime;

use crate::client::{ClientId, OAuthConfig};
use crate::error::ResponseError;
use crate::response::JsonBody;
use crate::secret::AccessToken;
use crate::token::{form_post, split_scopes};

impl OAuthConfig {
    /// Builds `POST /introspectToken` for `token`. Parse the answer with
    /// [`Introspection::from_response`].
    ///
    /// ```
    /// use linkedin::oauth::{AccessToken, ClientId, ClientSecret, OAuthConfig};
    ///
    /// let config = OAuthConfig::new(ClientId::new("cid"), ClientSecret::new("csecret"));
    /// let request = config.introspect_request(&AccessToken::new("AQV"));
    /// assert_eq!(request.uri(), "https://www.linkedin.com/oauth/v2/introspectToken");
    /// assert_eq!(request.body(), b"token=AQV&client_id=cid&client_secret=csecret");
    /// ```
    pub fn introspect_request(&self, token: &AccessToken) -> http::Request<Vec<u8>> {
        form_post(
            self.base().introspect_token(),
            &[
                ("token", token.secret()),
                ("client_id", self.client_id().as_str()),
                ("client_secret", self.client_secret().secret()),
            ],
        )
    }
}

/// What LinkedIn knows about a token. An inactive token may come with little
/// more than `active: false`, so everything but `active` is optional.
///
/// ```
/// use linkedin::oauth::{AuthType, Introspection, TokenStatus};
/// use std::time::{Duration, SystemTime};
///
/// let response = http::Response::builder()
///     .status(200)
///     .body(br#"{"active":true,"client_id":"cid","authorized_at":1700000000,"created_at":1700000000,
///               "status":"active","expires_at":1705184000,"scope":"r_ads,rw_ads","auth_type":"3L"}"#.to_vec())
///     .unwrap();
/// let info = Introspection::from_response(&response)?;
/// assert!(info.active);
/// assert_eq!(info.auth_type, Some(AuthType::ThreeLegged));
/// assert_eq!(info.status, Some(TokenStatus::Active));
/// assert_eq!(info.expires_at, Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_705_184_000)));
/// assert_eq!(info.scopes, ["r_ads", "rw_ads"]);
/// # Ok::<(), linkedin::oauth::ResponseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Introspection {
    /// Whether the token can be used now.
    pub active: bool,
    /// 2-legged (application) or 3-legged (member) token.
    pub auth_type: Option<AuthType>,
    /// When the member authorized the application.
    pub authorized_at: Option<SystemTime>,
    /// When the token was created.
    pub created_at: Option<SystemTime>,
    /// When the token expires.
    pub expires_at: Option<SystemTime>,
    /// The application the token was issued to.
    pub client_id: Option<ClientId>,
    /// The scopes the token grants.
    pub scopes: Vec<String>,
    /// The token's status (`active`, `expired`, `revoked`).
    pub status: Option<TokenStatus>,
}

impl Introspection {
    /// Parses the answer to [`OAuthConfig::introspect_request`]. Times are
    /// absolute (unix seconds on the wire), so no clock is needed.
    ///
    /// # Errors
    ///
    /// [`ResponseError::OAuth`] or [`ResponseError::Http`] for error answers;
    /// the other variants when `active` is missing or a field has the wrong type.
    ///
    /// ```
    /// use linkedin::oauth::{Introspection, TokenStatus};
    ///
    /// let response = http::Response::builder()
    ///     .status(200)
    ///     .body(br#"{"active":false,"status":"revoked"}"#.to_vec())
    ///     .unwrap();
    /// let info = Introspection::from_response(&response)?;
    /// assert!(!info.active);
    /// assert_eq!(info.status, Some(TokenStatus::Revoked));
    /// # Ok::<(), linkedin::oauth::ResponseError>(())
    /// ```
    pub fn from_response<B: AsRef<[u8]>>(
        response: &http::Response<B>,
    ) -> Result<Self, ResponseError> {
        let body = JsonBody::parse(response)?;
        Ok(Introspection {
            active: body.required_bool("active")?,
            auth_type: body
                .optional_str("auth_type")?
                .map(|s| AuthType::from_wire(&s)),
            authorized_at: body.optional_unix_time("authorized_at")?,
            created_at: body.optional_unix_time("created_at")?,
            expires_at: body.optional_unix_time("expires_at")?,
            client_id: body.optional_str("client_id")?.map(ClientId::new),
            scopes: split_scopes(body.optional_str("scope")?.as_deref().unwrap_or("")),
            status: body
                .optional_str("status")?
                .map(|s| TokenStatus::from_wire(&s)),
        })
    }
}

/// Whether a token was issued to an application (2-legged) or on behalf of a member (3-legged).
///
/// ```
/// use linkedin::oauth::AuthType;
///
/// assert_eq!(AuthType::TwoLegged.as_str(), "2L");
/// assert_eq!(AuthType::ThreeLegged.to_string(), "3L");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuthType {
    /// `2L`: client credentials.
    TwoLegged,
    /// `3L`: authorization code.
    ThreeLegged,
    /// A value this version does not know, kept as sent.
    Other(String),
}

impl AuthType {
    fn from_wire(value: &str) -> Self {
        match value {
            "2L" => AuthType::TwoLegged,
            "3L" => AuthType::ThreeLegged,
            other => AuthType::Other(other.to_owned()),
        }
    }

    /// The wire form: `2L`, `3L`, or the unknown value as sent.
    ///
    /// ```
    /// use linkedin::oauth::AuthType;
    ///
    /// assert_eq!(AuthType::Other("4L".into()).as_str(), "4L");
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            AuthType::TwoLegged => "2L",
            AuthType::ThreeLegged => "3L",
            AuthType::Other(other) => other,
        }
    }
}

impl fmt::Display for AuthType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A token's status as reported by introspection.
///
/// ```
/// use linkedin::oauth::TokenStatus;
///
/// assert_eq!(TokenStatus::Expired.as_str(), "expired");
/// assert_eq!(TokenStatus::Revoked.to_string(), "revoked");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenStatus {
    /// `active`
    Active,
    /// `expired`
    Expired,
    /// `revoked`
    Revoked,
    /// A value this version does not know, kept as sent.
    Other(String),
}

impl TokenStatus {
    fn from_wire(value: &str) -> Self {
        match value.to_ascii_lowercase().as_str() {
            "active" => TokenStatus::Active,
            "expired" => TokenStatus::Expired,
            "revoked" => TokenStatus::Revoked,
            _ => TokenStatus::Other(value.to_owned()),
        }
    }

    /// The wire form, lowercase for the known values.
    ///
    /// ```
    /// use linkedin::oauth::TokenStatus;
    ///
    /// assert_eq!(TokenStatus::Active.as_str(), "active");
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            TokenStatus::Active => "active",
            TokenStatus::Expired => "expired",
            TokenStatus::Revoked => "revoked",
            TokenStatus::Other(other) => other,
        }
    }
}

impl fmt::Display for TokenStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
        http::Response::builder()
            .status(status)
            .body(body.as_bytes().to_vec())
            .unwrap()
    }

    #[test]
    fn two_legged_introspection() {
        let body = r#"{"active":true,"client_id":"cid","authorized_at":0,"created_at":1,"status":"ACTIVE","expires_at":1800,"auth_type":"2L","scope":"r_compliance"}"#;
        let info = Introspection::from_response(&response(200, body)).unwrap();
        assert_eq!(info.auth_type, Some(AuthType::TwoLegged));
        assert_eq!(info.status, Some(TokenStatus::Active));
        assert_eq!(info.client_id, Some(ClientId::new("cid")));
        assert_eq!(info.authorized_at, Some(SystemTime::UNIX_EPOCH));
        assert_eq!(
            info.created_at,
            Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1))
        );
        assert_eq!(info.scopes, ["r_compliance"]);
    }

    #[test]
    fn unknown_values_are_kept() {
        let body = r#"{"active":false,"status":"suspended","auth_type":"xL"}"#;
        let info = Introspection::from_response(&response(200, body)).unwrap();
        assert_eq!(info.status, Some(TokenStatus::Other("suspended".into())));
        assert_eq!(info.auth_type, Some(AuthType::Other("xL".into())));
        assert!(info.expires_at.is_none());
    }

    #[test]
    fn active_is_required_and_typed() {
        let missing = Introspection::from_response(&response(200, "{}")).unwrap_err();
        assert!(matches!(
            missing,
            ResponseError::MissingField {
                field: "active",
                ..
            }
        ));
        let wrong =
            Introspection::from_response(&response(200, r#"{"active":"yes"}"#)).unwrap_err();
        assert!(matches!(
            wrong,
            ResponseError::InvalidField {
                field: "active",
                ..
            }
        ));
        let time =
            Introspection::from_response(&response(200, r#"{"active":true,"expires_at":"soon"}"#))
                .unwrap_err();
        assert!(matches!(
            time,
            ResponseError::InvalidField {
                field: "expires_at",
                ..
            }
        ));
    }

    #[test]
    fn error_answer() {
        let err = Introspection::from_response(&response(
            400,
            r#"{"error":"invalid_request","error_description":"missing token"}"#,
        ))
        .unwrap_err();
        assert_eq!(err.oauth_error(), Some("invalid_request"));
    }
}
