//! Token requests (`POST /accessToken`) and token responses; the persisted
//! [`TokenSet`] they give is in `token_set.rs`.
//!
//! Expiry times are absolute instants computed from a clock passed in by the
//! caller (`now`); this crate never reads the clock itself.

use std::time::SystemTime;

use http::header::{ACCEPT, CONTENT_TYPE, HeaderValue, USER_AGENT as USER_AGENT_HEADER};
use url::form_urlencoded;

use crate::client::OAuthConfig;
use crate::error::ResponseError;
use crate::response::JsonBody;
use crate::secret::{AccessToken, IdToken, RefreshToken};
use crate::token_set::TokenSet;

/// The `User-Agent` sent with every token request: `linkedin-rs/<crate version>`.
///
/// ```
/// assert!(linkedin::oauth::USER_AGENT.starts_with("linkedin-rs/"));
/// ```
pub const USER_AGENT: &str = concat!("linkedin-rs/", env!("CARGO_PKG_VERSION"));

/// A form-encoded POST to `uri` with the headers every token request carries.
pub(crate) fn form_post(uri: &http::Uri, form: &[(&str, &str)]) -> http::Request<Vec<u8>> {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form)
        .finish();
    let mut request = http::Request::new(body.into_bytes());
    *request.method_mut() = http::Method::POST;
    *request.uri_mut() = uri.clone();
    let headers = request.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/x-www-form-urlencoded"),
    );
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    headers.insert(USER_AGENT_HEADER, HeaderValue::from_static(USER_AGENT));
    request
}

impl OAuthConfig {
    /// Builds `POST /accessToken` with `grant_type=refresh_token`, exchanging
    /// a refresh token for a new access token. Parse the answer with
    /// [`RefreshedToken::from_response`] and apply it with [`TokenSet::apply_refresh`].
    ///
    /// ```
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig, RefreshToken};
    ///
    /// let config = OAuthConfig::new(ClientId::new("cid"), ClientSecret::new("csecret"));
    /// let request = config.refresh_request(&RefreshToken::new("AQX-refresh"));
    /// assert_eq!(request.uri(), "https://www.linkedin.com/oauth/v2/accessToken");
    /// assert_eq!(
    ///     request.body(),
    ///     b"grant_type=refresh_token&refresh_token=AQX-refresh&client_id=cid&client_secret=csecret"
    /// );
    /// ```
    pub fn refresh_request(&self, refresh_token: &RefreshToken) -> http::Request<Vec<u8>> {
        form_post(
            self.base().access_token(),
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token.secret()),
                ("client_id", self.client_id().as_str()),
                ("client_secret", self.client_secret().secret()),
            ],
        )
    }

    /// Builds `POST /accessToken` with `grant_type=client_credentials`: a
    /// 2-legged (application) token. Parse the answer with
    /// [`TwoLeggedToken::from_response`].
    ///
    /// ```
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    ///
    /// let config = OAuthConfig::new(ClientId::new("cid"), ClientSecret::new("csecret"));
    /// let request = config.client_credentials_request();
    /// assert_eq!(request.method(), http::Method::POST);
    /// assert_eq!(
    ///     request.body(),
    ///     b"grant_type=client_credentials&client_id=cid&client_secret=csecret"
    /// );
    /// ```
    pub fn client_credentials_request(&self) -> http::Request<Vec<u8>> {
        form_post(
            self.base().access_token(),
            &[
                ("grant_type", "client_credentials"),
                ("client_id", self.client_id().as_str()),
                ("client_secret", self.client_secret().secret()),
            ],
        )
    }
}

/// The fields shared by every `/accessToken` answer.
struct TokenFields {
    access_token: AccessToken,
    issued_at: SystemTime,
    expires_at: SystemTime,
    refresh_token: Option<RefreshToken>,
    refresh_token_expires_at: Option<SystemTime>,
    scopes: Vec<String>,
    id_token: Option<IdToken>,
    token_type: Option<String>,
}

impl TokenFields {
    fn parse<B: AsRef<[u8]>>(
        response: &http::Response<B>,
        now: SystemTime,
    ) -> Result<Self, ResponseError> {
        let body = JsonBody::parse(response)?;
        let access_token = body.required_str("access_token")?;
        if access_token.is_empty() {
            return Err(body.invalid("access_token", "a non-empty string"));
        }
        // Durations may be JSON numbers or numeric strings: LinkedIn's
        // client-credentials sample answers `"expires_in": "1800"`.
        let expires_at = body.after(now, "expires_in", body.required_seconds("expires_in")?)?;
        let refresh_token_expires_at = match body.optional_seconds("refresh_token_expires_in")? {
            Some(secs) => Some(body.after(now, "refresh_token_expires_in", secs)?),
            None => None,
        };
        Ok(TokenFields {
            access_token: AccessToken::new(access_token),
            issued_at: now,
            expires_at,
            refresh_token: body
                .optional_str("refresh_token")?
                .filter(|t| !t.is_empty())
                .map(RefreshToken::new),
            refresh_token_expires_at,
            scopes: split_scopes(body.optional_str("scope")?.as_deref().unwrap_or("")),
            id_token: body
                .optional_str("id_token")?
                .filter(|t| !t.is_empty())
                .map(IdToken::new),
            token_type: body.optional_str("token_type")?.filter(|t| !t.is_empty()),
        })
    }
}

/// Splits a granted-scope string; LinkedIn separates scopes with commas or spaces.
pub(crate) fn split_scopes(scope: &str) -> Vec<String> {
    scope
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The answer to the code exchange ([`CodeExchange::token_request`](crate::CodeExchange::token_request)):
/// a member's tokens, plus the OpenID ID token when `openid` was granted.
///
/// ```
/// use linkedin::oauth::ThreeLeggedToken;
/// use std::time::{Duration, SystemTime};
///
/// let response = http::Response::builder()
///     .status(200)
///     .body(br#"{"access_token":"AQV-token","expires_in":5184000,"scope":"openid,profile"}"#.to_vec())
///     .unwrap();
/// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
/// let token = ThreeLeggedToken::from_response(&response, now)?;
/// assert_eq!(token.tokens.access_token.secret(), "AQV-token");
/// assert_eq!(token.tokens.expires_at, now + Duration::from_secs(5_184_000));
/// assert_eq!(token.tokens.scopes, ["openid", "profile"]);
/// # Ok::<(), linkedin::oauth::ResponseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ThreeLeggedToken {
    /// The tokens to persist.
    pub tokens: TokenSet,
    /// The OpenID Connect ID token (`id_token`), if LinkedIn sent one.
    pub id_token: Option<IdToken>,
    /// The `token_type` LinkedIn sent (`Bearer`), if any.
    pub token_type: Option<String>,
}

impl ThreeLeggedToken {
    /// Parses the answer to the code exchange; `now` is the time the
    /// response was received (expiry is `now + expires_in`).
    ///
    /// # Errors
    ///
    /// [`ResponseError::OAuth`] for LinkedIn's OAuth errors (e.g.
    /// `invalid_grant` for an expired or reused code), [`ResponseError::Http`]
    /// for other error statuses, and the other variants for a malformed body.
    ///
    /// ```
    /// use linkedin::oauth::{ResponseError, ThreeLeggedToken};
    /// use std::time::SystemTime;
    ///
    /// let response = http::Response::builder()
    ///     .status(401)
    ///     .body(br#"{"error":"invalid_client","error_description":"Client authentication failed"}"#.to_vec())
    ///     .unwrap();
    /// let err = ThreeLeggedToken::from_response(&response, SystemTime::now()).unwrap_err();
    /// assert_eq!(err.oauth_error(), Some("invalid_client"));
    /// ```
    pub fn from_response<B: AsRef<[u8]>>(
        response: &http::Response<B>,
        now: SystemTime,
    ) -> Result<Self, ResponseError> {
        let fields = TokenFields::parse(response, now)?;
        Ok(ThreeLeggedToken {
            tokens: TokenSet {
                access_token: fields.access_token,
                issued_at: Some(fields.issued_at),
                expires_at: fields.expires_at,
                refresh_token: fields.refresh_token,
                refresh_token_expires_at: fields.refresh_token_expires_at,
                scopes: fields.scopes,
            },
            id_token: fields.id_token,
            token_type: fields.token_type,
        })
    }
}

/// The answer to [`OAuthConfig::client_credentials_request`]: a 2-legged
/// (application) token. It has no refresh token: request a new one when it
/// nears expiry.
///
/// ```
/// use linkedin::oauth::TwoLeggedToken;
/// use std::time::{Duration, SystemTime};
///
/// let response = http::Response::builder()
///     .status(200)
///     .body(br#"{"access_token":"AQV-app","expires_in":1800}"#.to_vec())
///     .unwrap();
/// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
/// let token = TwoLeggedToken::from_response(&response, now)?;
/// assert_eq!(token.expires_at, now + Duration::from_secs(1800));
/// # Ok::<(), linkedin::oauth::ResponseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TwoLeggedToken {
    /// The application's access token.
    pub access_token: AccessToken,
    /// When the answer was received (the `now` passed to
    /// [`from_response`](Self::from_response)): with `expires_at`, the
    /// token's lifetime.
    pub issued_at: SystemTime,
    /// When it expires.
    pub expires_at: SystemTime,
    /// The scopes granted, if LinkedIn listed them.
    pub scopes: Vec<String>,
    /// The `token_type` LinkedIn sent (`Bearer`), if any.
    pub token_type: Option<String>,
}

impl TwoLeggedToken {
    /// Parses the answer to the client-credentials request; `now` is the
    /// time the response was received.
    ///
    /// # Errors
    ///
    /// As for [`ThreeLeggedToken::from_response`]; `unauthorized_client` (an
    /// application not allowed to use client credentials) is a typical
    /// [`ResponseError::OAuth`].
    ///
    /// ```
    /// use linkedin::oauth::TwoLeggedToken;
    /// use std::time::SystemTime;
    ///
    /// let response = http::Response::builder().status(502).body(b"<html>Bad gateway</html>".to_vec()).unwrap();
    /// let err = TwoLeggedToken::from_response(&response, SystemTime::now()).unwrap_err();
    /// assert_eq!(err.status(), 502);
    /// ```
    pub fn from_response<B: AsRef<[u8]>>(
        response: &http::Response<B>,
        now: SystemTime,
    ) -> Result<Self, ResponseError> {
        let fields = TokenFields::parse(response, now)?;
        Ok(TwoLeggedToken {
            access_token: fields.access_token,
            issued_at: fields.issued_at,
            expires_at: fields.expires_at,
            scopes: fields.scopes,
            token_type: fields.token_type,
        })
    }

    /// A [`TokenSet`] without refresh token, to store 2-legged tokens the
    /// same way as 3-legged ones.
    ///
    /// ```
    /// use linkedin::oauth::{AccessToken, TwoLeggedToken};
    /// use std::time::{Duration, SystemTime};
    ///
    /// # let response = http::Response::builder().status(200)
    /// #     .body(br#"{"access_token":"AQV-app","expires_in":1800}"#.to_vec()).unwrap();
    /// let now = SystemTime::now();
    /// let token = TwoLeggedToken::from_response(&response, now)?;
    /// let set = token.into_token_set();
    /// assert!(!set.can_refresh(now));
    /// assert_eq!(set.issued_at, Some(now));
    /// // A 30-minute token is renewed ahead by at most half its lifetime.
    /// assert!(!set.needs_refresh(now + Duration::from_secs(899), Duration::from_secs(1800)));
    /// assert!(set.needs_refresh(now + Duration::from_secs(900), Duration::from_secs(1800)));
    /// # Ok::<(), linkedin::oauth::ResponseError>(())
    /// ```
    pub fn into_token_set(self) -> TokenSet {
        TokenSet::new(self.access_token, self.expires_at)
            .with_issued_at(self.issued_at)
            .with_scopes(self.scopes)
    }
}

/// The answer to [`OAuthConfig::refresh_request`]; apply it to the stored
/// tokens with [`TokenSet::apply_refresh`].
///
/// ```
/// use linkedin::oauth::RefreshedToken;
/// use std::time::{Duration, SystemTime};
///
/// let response = http::Response::builder()
///     .status(200)
///     .body(br#"{"access_token":"AQV-new","expires_in":5184000,"refresh_token":"AQX-refresh","refresh_token_expires_in":439199}"#.to_vec())
///     .unwrap();
/// let now = SystemTime::now();
/// let refreshed = RefreshedToken::from_response(&response, now)?;
/// assert_eq!(refreshed.refresh_token_expires_at, Some(now + Duration::from_secs(439_199)));
/// # Ok::<(), linkedin::oauth::ResponseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RefreshedToken {
    /// The new access token.
    pub access_token: AccessToken,
    /// When the answer was received (the `now` passed to
    /// [`from_response`](Self::from_response)): with `expires_at`, the new
    /// token's lifetime.
    pub issued_at: SystemTime,
    /// When the new access token expires.
    pub expires_at: SystemTime,
    /// The refresh token, if LinkedIn sent one (usually the same one, with its remaining lifetime).
    pub refresh_token: Option<RefreshToken>,
    /// When the refresh token expires, if LinkedIn said so.
    pub refresh_token_expires_at: Option<SystemTime>,
    /// The scopes granted, if LinkedIn listed them.
    pub scopes: Vec<String>,
    /// The OpenID Connect ID token (`id_token`), if LinkedIn sent one.
    pub id_token: Option<IdToken>,
    /// The `token_type` LinkedIn sent (`Bearer`), if any.
    pub token_type: Option<String>,
}

impl RefreshedToken {
    /// Parses the answer to a refresh request; `now` is the time the
    /// response was received.
    ///
    /// # Errors
    ///
    /// As for [`ThreeLeggedToken::from_response`]; an expired or revoked
    /// refresh token is a [`ResponseError::OAuth`] (`invalid_request` or
    /// `invalid_grant`): the member must authorize again.
    ///
    /// ```
    /// use linkedin::oauth::RefreshedToken;
    /// use std::time::SystemTime;
    ///
    /// let response = http::Response::builder()
    ///     .status(400)
    ///     .body(br#"{"error":"invalid_request","error_description":"The provided authorization grant or refresh token is invalid, expired or revoked"}"#.to_vec())
    ///     .unwrap();
    /// assert!(RefreshedToken::from_response(&response, SystemTime::now()).is_err());
    /// ```
    pub fn from_response<B: AsRef<[u8]>>(
        response: &http::Response<B>,
        now: SystemTime,
    ) -> Result<Self, ResponseError> {
        let fields = TokenFields::parse(response, now)?;
        Ok(RefreshedToken {
            access_token: fields.access_token,
            issued_at: fields.issued_at,
            expires_at: fields.expires_at,
            refresh_token: fields.refresh_token,
            refresh_token_expires_at: fields.refresh_token_expires_at,
            scopes: fields.scopes,
            id_token: fields.id_token,
            token_type: fields.token_type,
        })
    }
}
#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
        http::Response::builder()
            .status(status)
            .body(body.as_bytes().to_vec())
            .unwrap()
    }

    #[test]
    fn full_three_legged_response() {
        let body = r#"{"access_token":"AQV","expires_in":5184000,"refresh_token":"AQX","refresh_token_expires_in":31536000,"scope":"openid,profile email","token_type":"Bearer","id_token":"eyJ"}"#;
        let token = ThreeLeggedToken::from_response(&response(200, body), at(1000)).unwrap();
        assert_eq!(token.tokens.access_token.secret(), "AQV");
        assert_eq!(token.tokens.expires_at, at(1000 + 5_184_000));
        assert_eq!(token.tokens.refresh_token.unwrap().secret(), "AQX");
        assert_eq!(
            token.tokens.refresh_token_expires_at,
            Some(at(1000 + 31_536_000))
        );
        assert_eq!(token.tokens.scopes, ["openid", "profile", "email"]);
        assert_eq!(token.id_token.unwrap().secret(), "eyJ");
    }

    #[test]
    fn minimal_response_and_empty_optional_fields() {
        let body = r#"{"access_token":"AQV","expires_in":60,"refresh_token":"","scope":"","id_token":null}"#;
        let token = ThreeLeggedToken::from_response(&response(200, body), at(0)).unwrap();
        assert!(token.tokens.refresh_token.is_none());
        assert!(token.tokens.scopes.is_empty());
        assert!(token.id_token.is_none());
    }

    #[test]
    fn malformed_success_bodies() {
        let cases: [(&str, ResponseError); 6] = [
            (
                r#"{"expires_in":60}"#,
                ResponseError::MissingField {
                    status: http::StatusCode::OK,
                    field: "access_token",
                },
            ),
            (
                r#"{"access_token":"a"}"#,
                ResponseError::MissingField {
                    status: http::StatusCode::OK,
                    field: "expires_in",
                },
            ),
            (
                r#"{"access_token":"a","expires_in":-1}"#,
                ResponseError::InvalidField {
                    status: http::StatusCode::OK,
                    field: "expires_in",
                    expected: "a non-negative whole number of seconds (a JSON number or a string of digits)",
                },
            ),
            (
                r#"{"access_token":7,"expires_in":1}"#,
                ResponseError::InvalidField {
                    status: http::StatusCode::OK,
                    field: "access_token",
                    expected: "a string",
                },
            ),
            (
                r#"{"access_token":"","expires_in":1}"#,
                ResponseError::InvalidField {
                    status: http::StatusCode::OK,
                    field: "access_token",
                    expected: "a non-empty string",
                },
            ),
            (
                r#"[1]"#,
                ResponseError::InvalidField {
                    status: http::StatusCode::OK,
                    field: "(body)",
                    expected: "a JSON object",
                },
            ),
        ];
        for (body, expected) in cases {
            assert_eq!(
                ThreeLeggedToken::from_response(&response(200, body), at(0)).unwrap_err(),
                expected,
                "{body}"
            );
        }
        assert!(matches!(
            ThreeLeggedToken::from_response(&response(200, "<html>"), at(0)).unwrap_err(),
            ResponseError::NotJson { line: 1, .. }
        ));
    }

    #[test]
    fn expiry_overflow_is_an_error_not_a_panic() {
        let body = format!(r#"{{"access_token":"a","expires_in":{}}}"#, u64::MAX);
        let err = ThreeLeggedToken::from_response(&response(200, &body), at(1)).unwrap_err();
        assert!(matches!(
            err,
            ResponseError::InvalidField {
                field: "expires_in",
                ..
            }
        ));
    }

    #[test]
    fn two_legged_ignores_refresh_fields() {
        let body = r#"{"access_token":"app","expires_in":1800,"refresh_token":"x"}"#;
        let token = TwoLeggedToken::from_response(&response(200, body), at(10)).unwrap();
        assert_eq!(token.expires_at, at(1810));
        let set = token.into_token_set();
        assert!(set.refresh_token.is_none());
    }

    #[test]
    fn scopes_split_on_commas_and_spaces() {
        assert_eq!(
            split_scopes(" r_ads, rw_ads  w_member_social,,"),
            ["r_ads", "rw_ads", "w_member_social"]
        );
        assert!(split_scopes("").is_empty());
    }
}
