//! The persisted [`TokenSet`]: the tokens, their expiries and the granted
//! scopes, with the refresh-ahead decision and its serde form (instants as
//! unix seconds).
//!
//! Every decision takes the time as `now`; this crate never reads the clock.

use std::time::{Duration, SystemTime};

use crate::secret::{AccessToken, RefreshToken};
use crate::token::RefreshedToken;

/// The tokens to persist between runs: access token and its expiry, the
/// optional refresh token and its expiry, and the granted scopes.
///
/// Serde stores instants as unix seconds (rounded down, so a restored expiry
/// is never later than the real one) and **the tokens in clear**: keep the
/// serialized form as confidential as the tokens.
///
/// ```
/// use linkedin::oauth::{AccessToken, RefreshToken, TokenSet};
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
    /// use linkedin::oauth::{AccessToken, TokenSet};
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
    /// use linkedin::oauth::{AccessToken, TokenSet};
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
    /// use linkedin::oauth::{AccessToken, TokenSet};
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
    /// use linkedin::oauth::{AccessToken, TokenSet};
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
    /// use linkedin::oauth::{AccessToken, RefreshToken, TokenSet};
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
    /// use linkedin::oauth::{AccessToken, TokenSet};
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
    /// use linkedin::oauth::{AccessToken, TokenSet};
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
    /// use linkedin::oauth::{AccessToken, TokenSet};
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
    /// use linkedin::oauth::{AccessToken, RefreshToken, TokenSet};
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
    /// use linkedin::oauth::{AccessToken, TokenSet};
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
    /// use linkedin::oauth::{AccessToken, RefreshToken, RefreshedToken, TokenSet};
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
    /// # Ok::<(), linkedin::oauth::ResponseError>(())
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
}
