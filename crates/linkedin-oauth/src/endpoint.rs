//! Validated URLs: the OAuth base URL and the application's redirect URL.

use std::fmt;
use std::str::FromStr;

use url::{Host, Url};

use crate::error::ConfigError;

/// LinkedIn's production OAuth base URL, the default of [`BaseUrl`].
///
/// ```
/// use linkedin::oauth::{BaseUrl, LINKEDIN_OAUTH_BASE};
///
/// assert_eq!(BaseUrl::default().as_str(), LINKEDIN_OAUTH_BASE);
/// ```
pub const LINKEDIN_OAUTH_BASE: &str = "https://www.linkedin.com/oauth/v2";

/// The base URL of the OAuth endpoints: `/authorization`, `/accessToken` and
/// `/introspectToken` are appended to it.
///
/// Defaults to [`LINKEDIN_OAUTH_BASE`]; override it for a sandbox or tests.
/// Only `https` is accepted, except for loopback hosts (127.0.0.0/8, `::1`,
/// `localhost`), which may use plain `http`.
///
/// ```
/// use linkedin::oauth::BaseUrl;
///
/// let sandbox = BaseUrl::parse("http://127.0.0.1:8080/oauth/v2/")?;
/// assert_eq!(sandbox.as_str(), "http://127.0.0.1:8080/oauth/v2");
/// assert!(BaseUrl::parse("http://example.com/oauth/v2").is_err());
/// assert_eq!(BaseUrl::default().as_str(), "https://www.linkedin.com/oauth/v2");
/// # Ok::<(), linkedin::oauth::ConfigError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Serialized base, without a trailing slash.
    base: String,
    authorization: String,
    access_token: http::Uri,
    introspect_token: http::Uri,
}

impl BaseUrl {
    /// Parses and validates a base URL (absolute, `https` unless the host is
    /// loopback, no user name or password, no query, no fragment). A trailing
    /// slash is ignored.
    ///
    /// ```
    /// use linkedin::oauth::{BaseUrl, ConfigError};
    ///
    /// let base = BaseUrl::parse("https://sandbox.example/oauth/v2")?;
    /// assert_eq!(base.as_str(), "https://sandbox.example/oauth/v2");
    /// assert!(matches!(
    ///     BaseUrl::parse("https://sandbox.example/oauth?x=1"),
    ///     Err(ConfigError::InvalidBaseUrl { .. })
    /// ));
    /// # Ok::<(), ConfigError>(())
    /// ```
    pub fn parse(input: &str) -> Result<Self, ConfigError> {
        let invalid = |reason: &str| ConfigError::InvalidBaseUrl {
            reason: reason.to_owned(),
        };
        let url = Url::parse(input).map_err(|e| invalid(&e.to_string()))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid("it must not contain a user name or password"));
        }
        if url.query().is_some() {
            return Err(invalid("it must not have a query string"));
        }
        if url.fragment().is_some() {
            return Err(invalid("it must not have a fragment"));
        }
        let host = url.host().ok_or_else(|| invalid("it has no host"))?;
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&host) => {}
            scheme => {
                return Err(ConfigError::InsecureBaseUrl {
                    scheme: scheme.to_owned(),
                    host: host.to_string(),
                });
            }
        }
        let base = url.as_str().trim_end_matches('/').to_owned();
        let authorization = format!("{base}/authorization");
        Url::parse(&authorization).map_err(|e| invalid(&e.to_string()))?;
        let to_uri = |path: &str| {
            http::Uri::try_from(format!("{base}/{path}")).map_err(|e| invalid(&e.to_string()))
        };
        Ok(BaseUrl {
            access_token: to_uri("accessToken")?,
            introspect_token: to_uri("introspectToken")?,
            authorization,
            base,
        })
    }

    /// The base URL, without a trailing slash.
    ///
    /// ```
    /// use linkedin::oauth::BaseUrl;
    ///
    /// assert_eq!(BaseUrl::linkedin().as_str(), "https://www.linkedin.com/oauth/v2");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.base
    }

    /// LinkedIn's production endpoints ([`LINKEDIN_OAUTH_BASE`]); the same as `BaseUrl::default()`.
    ///
    /// ```
    /// use linkedin::oauth::BaseUrl;
    ///
    /// assert_eq!(BaseUrl::linkedin(), BaseUrl::default());
    /// ```
    pub fn linkedin() -> Self {
        Self::default()
    }

    /// The `/authorization` endpoint (opened in the member's browser), without a query.
    pub(crate) fn authorization(&self) -> &str {
        &self.authorization
    }

    /// The `/accessToken` endpoint.
    pub(crate) fn access_token(&self) -> &http::Uri {
        &self.access_token
    }

    /// The `/introspectToken` endpoint.
    pub(crate) fn introspect_token(&self) -> &http::Uri {
        &self.introspect_token
    }
}

impl Default for BaseUrl {
    fn default() -> Self {
        // Built from constants so that `default()` cannot fail;
        // `linkedin_base_parses` checks it equals `BaseUrl::parse(LINKEDIN_OAUTH_BASE)`.
        BaseUrl {
            base: LINKEDIN_OAUTH_BASE.to_owned(),
            authorization: format!("{LINKEDIN_OAUTH_BASE}/authorization"),
            access_token: http::Uri::from_static("https://www.linkedin.com/oauth/v2/accessToken"),
            introspect_token: http::Uri::from_static(
                "https://www.linkedin.com/oauth/v2/introspectToken",
            ),
        }
    }
}

impl FromStr for BaseUrl {
    type Err = ConfigError;

    /// Same as [`BaseUrl::parse`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("BaseUrl").field(&self.base).finish()
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.base)
    }
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(domain) => domain.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => ip.is_loopback(),
        Host::Ipv6(ip) => ip.is_loopback(),
    }
}

/// The application's redirect URL, exactly as registered in LinkedIn's
/// developer portal.
///
/// It is kept byte for byte as given (LinkedIn compares it literally, both
/// on `/authorization` and on the code exchange); it must be an absolute URL
/// without a fragment.
///
/// ```
/// use linkedin::oauth::RedirectUrl;
///
/// let redirect = RedirectUrl::new("https://app.example/callback")?;
/// assert_eq!(redirect.as_str(), "https://app.example/callback");
/// assert!(RedirectUrl::new("/callback").is_err());
/// # Ok::<(), linkedin::oauth::ConfigError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RedirectUrl(String);

impl RedirectUrl {
    /// Validates a redirect URL: absolute, with a host, without a fragment.
    ///
    /// ```
    /// use linkedin::oauth::{ConfigError, RedirectUrl};
    ///
    /// assert!(RedirectUrl::new("http://localhost:8400/callback").is_ok());
    /// assert!(matches!(
    ///     RedirectUrl::new("https://app.example/callback#top"),
    ///     Err(ConfigError::InvalidRedirectUrl { .. })
    /// ));
    /// ```
    pub fn new(url: impl Into<String>) -> Result<Self, ConfigError> {
        let url = url.into();
        let invalid = |reason: String| ConfigError::InvalidRedirectUrl { reason };
        let parsed = Url::parse(&url).map_err(|e| invalid(e.to_string()))?;
        if parsed.host().is_none() {
            return Err(invalid("it has no host".to_owned()));
        }
        if parsed.fragment().is_some() || url.contains('#') {
            return Err(invalid("it must not have a fragment".to_owned()));
        }
        Ok(RedirectUrl(url))
    }

    /// The URL as given.
    ///
    /// ```
    /// use linkedin::oauth::RedirectUrl;
    ///
    /// let redirect = RedirectUrl::new("https://app.example/callback")?;
    /// assert_eq!(redirect.as_str(), "https://app.example/callback");
    /// # Ok::<(), linkedin::oauth::ConfigError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for RedirectUrl {
    type Error = ConfigError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        RedirectUrl::new(value)
    }
}

impl From<RedirectUrl> for String {
    fn from(value: RedirectUrl) -> Self {
        value.0
    }
}

impl fmt::Debug for RedirectUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RedirectUrl").field(&self.0).finish()
    }
}

impl fmt::Display for RedirectUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linkedin_base_parses() {
        let base = BaseUrl::parse(LINKEDIN_OAUTH_BASE).unwrap();
        assert_eq!(
            base.authorization(),
            "https://www.linkedin.com/oauth/v2/authorization"
        );
        assert_eq!(
            base.access_token(),
            "https://www.linkedin.com/oauth/v2/accessToken"
        );
        assert_eq!(
            base.introspect_token(),
            "https://www.linkedin.com/oauth/v2/introspectToken"
        );
        assert_eq!(base, BaseUrl::default());
    }

    #[test]
    fn loopback_hosts_may_use_http() {
        for ok in [
            "http://127.0.0.1/oauth/v2",
            "http://127.10.0.1:9000",
            "http://[::1]:8080/oauth/v2",
            "http://localhost:8080/oauth/v2",
            "http://LOCALHOST/oauth/v2",
            "https://sandbox.example/oauth/v2",
        ] {
            assert!(BaseUrl::parse(ok).is_ok(), "{ok} should be accepted");
        }
    }

    #[test]
    fn insecure_or_odd_bases_are_refused() {
        for (bad, insecure) in [
            ("http://example.com/oauth/v2", true),
            ("http://128.0.0.1/oauth/v2", true),
            ("http://[::2]/oauth/v2", true),
            ("http://localhost.example.com/", true),
            ("ftp://127.0.0.1/", true),
            ("https://user:pw@example.com/", false),
            ("https://example.com/?a=b", false),
            ("https://example.com/#x", false),
            ("not a url", false),
            ("", false),
        ] {
            let err = BaseUrl::parse(bad).unwrap_err();
            assert_eq!(
                matches!(err, ConfigError::InsecureBaseUrl { .. }),
                insecure,
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn credentials_in_base_url_are_not_echoed() {
        let err = BaseUrl::parse("https://user:hunter2@example.com/").unwrap_err();
        assert!(!err.to_string().contains("hunter2"));
    }

    #[test]
    fn endpoints_join_without_double_slash() {
        let base = BaseUrl::parse("http://localhost:1234/").unwrap();
        assert_eq!(base.access_token(), "http://localhost:1234/accessToken");
        assert_eq!(base.as_str(), "http://localhost:1234");
    }

    #[test]
    fn redirect_url_is_kept_verbatim() {
        // `Url` would add a trailing slash; LinkedIn compares literally.
        let r = RedirectUrl::new("https://app.example").unwrap();
        assert_eq!(r.as_str(), "https://app.example");
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, "\"https://app.example\"");
        assert!(serde_json::from_str::<RedirectUrl>("\"relative/path\"").is_err());
    }
}
