//! Token requests (`POST /accessToken`), token responses and the persisted
//! [`TokenSet`] with its refresh-ahead decision.
//!
//! Expiry times are absolute instants computed from a clock passed in by the
//! caller (`now`); this crate never reads the clock itself.

use std::time::{Duration, SystemTime};

use http::header::{ACCEPT, CONTENT_TYPE, HeaderValue, USER_AGENT as USER_AGENT_HEADER};
use url::form_urlencoded;

use crate::client::OAuthConfig;
use crate::error::ResponseError;
use crate::response::JsonBody;
use crate::secret::{AccessToken, IdToken, RefreshToken};

/// The `User-Agent` sent with every token request: `linkedin-rs/<crate version>`.
///
/// ```
/// assert!(linkedin_oauth::USER_AGENT.starts_with("linkedin-rs/"));
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
    /// use linkedin_oauth::{ClientId, ClientSecret, OAuthConfig, RefreshToken};
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
    /// use linkedin_oauth::{ClientId, ClientSecret, OAuthConfig};
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
/// use linkedin_oauth::ThreeLeggedToken;
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
/// # Ok::<(), linkedin_oauth::ResponseError>(())
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
    /// use linkedin_oauth::{ResponseError, ThreeLeggedToken};
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
/// use linkedin_oauth::TwoLeggedToken;
/// use std::time::{Duration, SystemTime};
///
/// let response = http::Response::builder()
///     .status(200)
///     .body(br#"{"access_token":"AQV-app","expires_in":1800}"#.to_vec())
///     .unwrap();
/// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
/// let token = TwoLeggedToken::from_response(&response, now)?;
/// assert_eq!(token.expires_at, now + Duration::from_secs(1800));
/// # Ok::<(), linkedin_oauth::ResponseError>(())
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
    /// use linkedin_oauth::TwoLeggedToken;
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
    /// use linkedin_oauth::{AccessToken, TwoLeggedToken};
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
    /// # Ok::<(), linkedin_oauth::ResponseError>(())
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
/// use linkedin_oauth::RefreshedToken;
/// use std::time::{Duration, SystemTime};
///
/// let response = http::Response::builder()
///     .status(200)
///     .body(br#"{"access_token":"AQV-new","expires_in":5184000,"refresh_token":"AQX-refresh","refresh_token_expires_in":439199}"#.to_vec())
///     .unwrap();
/// let now = SystemTime::now();
/// let refreshed = RefreshedToken::from_response(&response, now)?;
/// assert_eq!(refreshed.refresh_token_expires_at, Some(now + Duration::from_secs(439_199)));
/// # Ok::<(), linkedin_oauth::ResponseError>(())
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
    /// use linkedin_oauth::RefreshedToken;
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

/// The tokens to persist between runs: access token and its expiry, the
/// optional refresh token and its expiry, and the granted scopes.
///
/// Serde stores instants as unix seconds (rounded down, so a restored expiry
/// is never later than the real one) and **the tokens in clear**: keep the
/// serialized form as confidential as the tokens.
///
/// ```
/// use linkedin_oauth::{AccessToken, RefreshToken, TokenSet};
/// use std::time::{Duration, SystemTime};
///
/// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
/// let tokens = TokenSet::new(AccessToken::new("AQV"), now + Duration::from_secs(3600))
///     .with_refresh_token(RefreshToken::new("AQX"), Some(now + Duration::from_secs(86_400)))
///     .with_scopes(["r_ads"]);
/// let json = serde_json::to_string(&tokens).unwrap();
/// assert_eq!(
///     json,
///     r#"{"access_token":"AQV","expires_at":1700003600,"refresh_token":"AQX","refresh_token_expires_at":1700086400,"scopes":["r_ads"]}"#
/// );
/// assert_eq!(serde_json::from_str::<TokenSet>(&json).unwrap(), tokens);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct TokenSet {
    /// The access token.
    pub access_token: AccessToken,
    /// When the access token was issued (the answer received), if known.
    /// With [`expires_at`](Self::expires_at) it gives the token's lifetime,
    /// which caps the refresh-ahead window (see [`needs_refresh`](Self::needs_refresh)).
    #[serde(
        default,
        with = "optional_unix_seconds",
        skip_serializing_if = "Option::is_none"
    )]
    pub issued_at: Option<SystemTime>,
    /// When the access token expires.
    #[serde(with = "unix_seconds")]
    pub expires_at: SystemTime,
    /// The refresh token, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<RefreshToken>,
    /// When the refresh token expires, if known.
    #[serde(
        default,
        with = "optional_unix_seconds",
        skip_serializing_if = "Option::is_none"
    )]
    pub refresh_token_expires_at: Option<SystemTime>,
    /// The granted scopes.
    #[serde(default)]
    pub scopes: Vec<String>,
}

impl TokenSet {
    /// A token set with just an access token and its expiry.
    ///
    /// ```
    /// use linkedin_oauth::{AccessToken, TokenSet};
    /// use std::time::{Duration, SystemTime};
    ///
    /// let now = SystemTime::now();
    /// let tokens = TokenSet::new(AccessToken::new("AQV"), now + Duration::from_secs(60));
    /// assert!(tokens.refresh_token.is_none());
    /// assert!(!tokens.is_expired(now));
    /// ```
    pub fn new(access_token: AccessToken, expires_at: SystemTime) -> Self {
        TokenSet {
            access_token,
            issued_at: None,
            expires_at,
            refresh_token: None,
            refresh_token_expires_at: None,
            scopes: Vec::new(),
        }
    }

    /// Records when the access token was issued, so that its lifetime caps
    /// the refresh-ahead window (see [`needs_refresh`](Self::needs_refresh)).
    /// Token sets read from LinkedIn's answers have it already.
    ///
    /// ```
    /// use linkedin_oauth::{AccessToken, TokenSet};
    /// use std::time::{Duration, SystemTime};
    ///
    /// let now = SystemTime::now();
    /// let tokens = TokenSet::new(AccessToken::new("AQV"), now + Duration::from_secs(60))
    ///     .with_issued_at(now);
    /// assert_eq!(tokens.lifetime(), Some(Duration::from_secs(60)));
    /// ```
    pub fn with_issued_at(mut self, issued_at: SystemTime) -> Self {
        self.issued_at = Some(issued_at);
        self
    }

    /// The access token's lifetime (`expires_at - issued_at`), if the issue
    /// time is known; zero if the clock put the expiry before the issue.
    ///
    /// ```
    /// use linkedin_oauth::{AccessToken, TokenSet};
    /// use std::time::{Duration, SystemTime};
    ///
    /// let now = SystemTime::now();
    /// let tokens = TokenSet::new(AccessToken::new("AQV"), now + Duration::from_secs(1800));
    /// assert_eq!(tokens.lifetime(), None);
    /// assert_eq!(tokens.with_issued_at(now).lifetime(), Some(Duration::from_secs(1800)));
    /// ```
    pub fn lifetime(&self) -> Option<Duration> {
        self.issued_at.map(|issued_at| {
            self.expires_at
                .duration_since(issued_at)
                .unwrap_or(Duration::ZERO)
        })
    }

    /// The refresh-ahead window actually used for a requested `skew`:
    /// `min(skew, lifetime / 2)` when the lifetime is known, else `skew`.
    ///
    /// Capping at half the lifetime keeps a token that lives less than the
    /// window (say a 60-second token and the default 5 minutes) from
    /// "needing" a refresh the moment it arrives, which renewed it on every
    /// call. With the cap, a token is used for at least half its lifetime
    /// before it is renewed, so renewals are at least `lifetime / 2` apart.
    ///
    /// ```
    /// use linkedin_oauth::{AccessToken, TokenSet};
    /// use std::time::{Duration, SystemTime};
    ///
    /// let now = SystemTime::now();
    /// let five_minutes = Duration::from_secs(300);
    /// let short = TokenSet::new(AccessToken::new("AQV"), now + Duration::from_secs(60)).with_issued_at(now);
    /// assert_eq!(short.refresh_window(five_minutes), Duration::from_secs(30));
    /// let long = TokenSet::new(AccessToken::new("AQV"), now + Duration::from_secs(3600)).with_issued_at(now);
    /// assert_eq!(long.refresh_window(five_minutes), five_minutes);
    /// ```
    pub fn refresh_window(&self, skew: Duration) -> Duration {
        match self.lifetime() {
            Some(lifetime) => skew.min(lifetime / 2),
            None => skew,
        }
    }

    /// Adds a refresh token and its expiry (`None` if unknown).
    ///
    /// ```
    /// use linkedin_oauth::{AccessToken, RefreshToken, TokenSet};
    /// use std::time::{Duration, SystemTime};
    ///
    /// let now = SystemTime::now();
    /// let tokens = TokenSet::new(AccessToken::new("AQV"), now)
    ///     .with_refresh_token(RefreshToken::new("AQX"), None);
    /// assert!(tokens.can_refresh(now));
    /// ```
    pub fn with_refresh_token(
        mut self,
        refresh_token: RefreshToken,
        expires_at: Option<SystemTime>,
    ) -> Self {
        self.refresh_token = Some(refresh_token);
        self.refresh_token_expires_at = expires_at;
        self
    }

    /// Adds granted scopes.
    ///
    /// ```
    /// use linkedin_oauth::{AccessToken, TokenSet};
    /// use std::time::SystemTime;
    ///
    /// let tokens = TokenSet::new(AccessToken::new("AQV"), SystemTime::now())
    ///     .with_scopes(["openid", "profile"]);
    /// assert_eq!(tokens.scopes, ["openid", "profile"]);
    /// ```
    pub fn with_scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes.extend(scopes.into_iter().map(Into::into));
        self
    }

    /// True once the access token has expired (`now >= expires_at`).
    ///
    /// ```
    /// use linkedin_oauth::{AccessToken, TokenSet};
    /// use std::time::{Duration, SystemTime};
    ///
    /// let now = SystemTime::now();
    /// let tokens = TokenSet::new(AccessToken::new("AQV"), now + Duration::from_secs(10));
    /// assert!(!tokens.is_expired(now));
    /// assert!(tokens.is_expired(now + Duration::from_secs(10)));
    /// ```
    pub fn is_expired(&self, now: SystemTime) -> bool {
        now >= self.expires_at
    }

    /// Refresh-ahead decision: true when the access token expires within
    /// the refresh window of `now`, or already has. The window is `skew`,
    /// capped at half the token's lifetime when the issue time is known
    /// ([`refresh_window`](Self::refresh_window)), so a short-lived token is
    /// not renewed on every call.
    ///
    /// ```
    /// use linkedin_oauth::{AccessToken, TokenSet};
    /// use std::time::{Duration, SystemTime};
    ///
    /// let now = SystemTime::now();
    /// let tokens = TokenSet::new(AccessToken::new("AQV"), now + Duration::from_secs(600));
    /// assert!(!tokens.needs_refresh(now, Duration::from_secs(300)));
    /// assert!(tokens.needs_refresh(now, Duration::from_secs(600)));
    ///
    /// // Issued just now, a 10-minute token is fresh for its first 5 minutes
    /// // whatever the requested window.
    /// let tokens = tokens.with_issued_at(now);
    /// assert!(!tokens.needs_refresh(now, Duration::from_secs(600)));
    /// assert!(tokens.needs_refresh(now + Duration::from_secs(300), Duration::from_secs(600)));
    /// ```
    pub fn needs_refresh(&self, now: SystemTime, skew: Duration) -> bool {
        match now.checked_add(self.refresh_window(skew)) {
            Some(horizon) => horizon >= self.expires_at,
            None => true,
        }
    }

    /// True when a refresh token is present and not known to have expired at `now`.
    ///
    /// ```
    /// use linkedin_oauth::{AccessToken, RefreshToken, TokenSet};
    /// use std::time::{Duration, SystemTime};
    ///
    /// let now = SystemTime::now();
    /// let tokens = TokenSet::new(AccessToken::new("AQV"), now)
    ///     .with_refresh_token(RefreshToken::new("AQX"), Some(now + Duration::from_secs(60)));
    /// assert!(tokens.can_refresh(now));
    /// assert!(!tokens.can_refresh(now + Duration::from_secs(60)));
    /// ```
    pub fn can_refresh(&self, now: SystemTime) -> bool {
        self.refresh_token.is_some()
            && self
                .refresh_token_expires_at
                .is_none_or(|expires_at| now < expires_at)
    }

    /// Time left before the access token expires (zero once expired).
    ///
    /// ```
    /// use linkedin_oauth::{AccessToken, TokenSet};
    /// use std::time::{Duration, SystemTime};
    ///
    /// let now = SystemTime::now();
    /// let tokens = TokenSet::new(AccessToken::new("AQV"), now + Duration::from_secs(90));
    /// assert_eq!(tokens.remaining(now), Duration::from_secs(90));
    /// assert_eq!(tokens.remaining(now + Duration::from_secs(100)), Duration::ZERO);
    /// ```
    pub fn remaining(&self, now: SystemTime) -> Duration {
        self.expires_at
            .duration_since(now)
            .unwrap_or(Duration::ZERO)
    }

    /// Applies a refresh: the new access token and expiry replace the old
    /// ones; the refresh token, its expiry and the scopes are replaced only
    /// when the answer carried them.
    ///
    /// ```
    /// use linkedin_oauth::{AccessToken, RefreshToken, RefreshedToken, TokenSet};
    /// use std::time::{Duration, SystemTime};
    ///
    /// let now = SystemTime::now();
    /// let mut tokens = TokenSet::new(AccessToken::new("old"), now)
    ///     .with_refresh_token(RefreshToken::new("AQX"), None);
    /// # let response = http::Response::builder().status(200)
    /// #     .body(br#"{"access_token":"new","expires_in":3600}"#.to_vec()).unwrap();
    /// let refreshed = RefreshedToken::from_response(&response, now)?;
    /// tokens.apply_refresh(refreshed);
    /// assert_eq!(tokens.access_token.secret(), "new");
    /// assert_eq!(tokens.refresh_token.as_ref().map(|t| t.secret()), Some("AQX"));
    /// # Ok::<(), linkedin_oauth::ResponseError>(())
    /// ```
    pub fn apply_refresh(&mut self, refreshed: RefreshedToken) {
        self.access_token = refreshed.access_token;
        self.issued_at = Some(refreshed.issued_at);
        self.expires_at = refreshed.expires_at;
        if let Some(refresh_token) = refreshed.refresh_token {
            self.refresh_token = Some(refresh_token);
        }
        if refreshed.refresh_token_expires_at.is_some() {
            self.refresh_token_expires_at = refreshed.refresh_token_expires_at;
        }
        if !refreshed.scopes.is_empty() {
            self.scopes = refreshed.scopes;
        }
    }
}

/// Serde for `SystemTime` as whole unix seconds (rounded down).
mod unix_seconds {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    use serde::{Deserialize, Deserializer, Serializer, de, ser};

    pub(super) fn to_secs(time: &SystemTime) -> Option<u64> {
        time.duration_since(UNIX_EPOCH).ok().map(|d| d.as_secs())
    }

    pub(super) fn from_secs(secs: u64) -> Option<SystemTime> {
        UNIX_EPOCH.checked_add(Duration::from_secs(secs))
    }

    pub(super) fn serialize<S: Serializer>(time: &SystemTime, s: S) -> Result<S::Ok, S::Error> {
        let secs = to_secs(time)
            .ok_or_else(|| ser::Error::custom("instant before 1970 cannot be stored"))?;
        s.serialize_u64(secs)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SystemTime, D::Error> {
        from_secs(u64::deserialize(d)?)
            .ok_or_else(|| de::Error::custom("unix time out of the clock's range"))
    }
}

/// Serde for `Option<SystemTime>` as whole unix seconds.
mod optional_unix_seconds {
    use std::time::SystemTime;

    use serde::{Deserialize, Deserializer, Serializer, de, ser};

    use super::unix_seconds::{from_secs, to_secs};

    pub(super) fn serialize<S: Serializer>(
        time: &Option<SystemTime>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match time {
            Some(time) => {
                let secs = to_secs(time)
                    .ok_or_else(|| ser::Error::custom("instant before 1970 cannot be stored"))?;
                s.serialize_some(&secs)
            }
            None => s.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<SystemTime>, D::Error> {
        match Option::<u64>::deserialize(d)? {
            Some(secs) => from_secs(secs)
                .map(Some)
                .ok_or_else(|| de::Error::custom("unix time out of the clock's range")),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
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
    fn needs_refresh_boundaries() {
        let set = TokenSet::new(AccessToken::new("a"), at(1000));
        let skew = Duration::from_secs(100);
        assert!(!set.needs_refresh(at(899), skew));
        assert!(set.needs_refresh(at(900), skew));
        assert!(set.needs_refresh(at(2000), skew));
        assert!(!set.needs_refresh(at(999), Duration::ZERO));
        assert!(set.needs_refresh(at(1000), Duration::ZERO));
        // A skew so large the clock overflows means "refresh".
        assert!(set.needs_refresh(at(0), Duration::MAX));
    }

    #[test]
    fn can_refresh_needs_a_live_refresh_token() {
        let set = TokenSet::new(AccessToken::new("a"), at(0));
        assert!(!set.can_refresh(at(0)));
        let set = set.with_refresh_token(RefreshToken::new("r"), Some(at(50)));
        assert!(set.can_refresh(at(49)));
        assert!(!set.can_refresh(at(50)));
    }

    #[test]
    fn apply_refresh_keeps_what_was_not_sent() {
        let mut set = TokenSet::new(AccessToken::new("old"), at(10))
            .with_refresh_token(RefreshToken::new("r1"), Some(at(500)))
            .with_scopes(["a", "b"]);
        set.apply_refresh(RefreshedToken {
            access_token: AccessToken::new("new"),
            issued_at: at(50),
            expires_at: at(100),
            refresh_token: None,
            refresh_token_expires_at: None,
            scopes: vec![],
            id_token: None,
            token_type: None,
        });
        assert_eq!(set.access_token.secret(), "new");
        assert_eq!(set.expires_at, at(100));
        assert_eq!(set.refresh_token.as_ref().unwrap().secret(), "r1");
        assert_eq!(set.refresh_token_expires_at, Some(at(500)));
        assert_eq!(set.scopes, ["a", "b"]);

        assert_eq!(set.issued_at, Some(at(50)));
        set.apply_refresh(RefreshedToken {
            access_token: AccessToken::new("newer"),
            issued_at: at(150),
            expires_at: at(200),
            refresh_token: Some(RefreshToken::new("r2")),
            refresh_token_expires_at: Some(at(400)),
            scopes: vec!["c".into()],
            id_token: None,
            token_type: None,
        });
        assert_eq!(set.refresh_token.as_ref().unwrap().secret(), "r2");
        assert_eq!(set.refresh_token_expires_at, Some(at(400)));
        assert_eq!(set.scopes, ["c"]);
    }

    #[test]
    fn token_set_serde_rounds_down_and_accepts_minimal_form() {
        let set = TokenSet::new(AccessToken::new("a"), at(100) + Duration::from_millis(900));
        let json = serde_json::to_string(&set).unwrap();
        assert_eq!(json, r#"{"access_token":"a","expires_at":100,"scopes":[]}"#);
        let back: TokenSet =
            serde_json::from_str(r#"{"access_token":"a","expires_at":100}"#).unwrap();
        assert_eq!(back.expires_at, at(100));
        assert!(
            serde_json::from_str::<TokenSet>(r#"{"access_token":"a","expires_at":-1}"#).is_err()
        );
        let with_null: TokenSet = serde_json::from_str(
            r#"{"access_token":"a","expires_at":1,"refresh_token":null,"refresh_token_expires_at":null}"#,
        )
        .unwrap();
        assert!(with_null.refresh_token_expires_at.is_none());
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
