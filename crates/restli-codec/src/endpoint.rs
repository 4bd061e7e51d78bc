//! Where requests go: LinkedIn's API base URLs, or an override for a sandbox
//! or a proxy.

use std::fmt;
use std::net::{IpAddr, Ipv6Addr};

/// The base URL of LinkedIn's versioned APIs.
pub const VERSIONED_BASE: &str = "https://api.linkedin.com/rest";
/// The base URL of LinkedIn's older, unversioned APIs.
pub const UNVERSIONED_BASE: &str = "https://api.linkedin.com/v2";

/// Which of LinkedIn's two API roots a request goes to.
///
/// Versioned APIs live under `/rest` and need a `LinkedIn-Version`; the
/// older ones (`/v2/userinfo`, `/v2/me`, ...) exist only under `/v2`. A
/// client picks one by default (`/rest` when it has a version); a
/// [`Request`](crate::Request) can pick the other with
/// [`Request::base`](crate::DynamicRequest::base).
///
/// ```
/// use linkedin::restli::{ApiBase, Endpoint};
///
/// let linkedin = Endpoint::default();
/// assert_eq!(linkedin.root(ApiBase::V2).as_str(), "https://api.linkedin.com/v2");
/// assert_eq!(linkedin.root(ApiBase::Rest).as_str(), "https://api.linkedin.com/rest");
/// assert_eq!(ApiBase::Rest.prefix(), "/rest");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiBase {
    /// `https://api.linkedin.com/rest`: the versioned APIs.
    Rest,
    /// `https://api.linkedin.com/v2`: the older, unversioned APIs.
    V2,
}

impl ApiBase {
    /// The path prefix LinkedIn's documentation writes for this root.
    ///
    /// ```
    /// assert_eq!(linkedin::restli::ApiBase::V2.prefix(), "/v2");
    /// ```
    pub fn prefix(self) -> &'static str {
        match self {
            ApiBase::Rest => "/rest",
            ApiBase::V2 => "/v2",
        }
    }
}

/// A validated base URL: `https`, or `http` to a loopback host only, with no
/// query or fragment and no trailing slash.
///
/// ```
/// use linkedin::restli::BaseUrl;
///
/// assert_eq!(BaseUrl::parse("https://proxy.example.com/li/")?.as_str(), "https://proxy.example.com/li");
/// assert!(BaseUrl::parse("http://127.0.0.1:8080/rest").is_ok());
/// assert!(BaseUrl::parse("http://example.com/rest").is_err());
/// # Ok::<(), linkedin::restli::EndpointError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl(String);

/// Why a base URL was refused.
///
/// ```
/// let err = linkedin::restli::BaseUrl::parse("http://api.example.com").unwrap_err();
/// assert!(err.to_string().contains("https"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EndpointError {
    /// The text is not an absolute `scheme://host[:port][/path]` URL.
    #[error("invalid base URL {url}: {reason}")]
    Invalid {
        /// The rejected text (quoted; a bounded excerpt of a long one).
        url: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Plain `http` (or another scheme) to a host that is not loopback.
    #[error(
        "refusing base URL {url}: only https is allowed, or http to a loopback host (localhost, 127.0.0.0/8, [::1])"
    )]
    Insecure {
        /// The rejected text (quoted; a bounded excerpt of a long one).
        url: String,
    },
}

/// Whether `host` (as it appears in a URL authority) is a loopback address.
fn is_loopback(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    match bare.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.is_loopback(),
        Ok(IpAddr::V6(v6)) => v6 == Ipv6Addr::LOCALHOST,
        Err(_) => false,
    }
}

impl BaseUrl {
    /// Validates a base URL.
    ///
    /// ```
    /// let base = linkedin::restli::BaseUrl::parse("http://localhost:3000/v2")?;
    /// assert_eq!(base.as_str(), "http://localhost:3000/v2");
    /// # Ok::<(), linkedin::restli::EndpointError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`EndpointError::Invalid`] for anything but an absolute URL without
    /// query or fragment; [`EndpointError::Insecure`] for a scheme other
    /// than `https`, unless it is `http` to a loopback host.
    pub fn parse(url: &str) -> Result<BaseUrl, EndpointError> {
        let invalid = |reason| EndpointError::Invalid {
            url: crate::excerpt::quote(url),
            reason,
        };
        let uri: http::Uri = url
            .parse()
            .map_err(|_| invalid("not a URL (expected scheme://host[:port][/path])"))?;
        let scheme = uri
            .scheme_str()
            .ok_or_else(|| invalid("no scheme (expected https://...)"))?;
        let host = uri.host().ok_or_else(|| invalid("no host"))?;
        if uri.query().is_some() || url.contains('#') {
            return Err(invalid("a base URL cannot have a query or a fragment"));
        }
        if url.contains('@') {
            return Err(invalid("a base URL cannot carry user information"));
        }
        let secure = scheme.eq_ignore_ascii_case("https");
        let local_http = scheme.eq_ignore_ascii_case("http") && is_loopback(host);
        if !secure && !local_http {
            return Err(EndpointError::Insecure {
                url: crate::excerpt::quote(url),
            });
        }
        Ok(BaseUrl(url.trim_end_matches('/').to_owned()))
    }

    /// The URL, without a trailing slash.
    ///
    /// ```
    /// let base = linkedin::restli::BaseUrl::parse("https://api.linkedin.com/rest/")?;
    /// assert_eq!(base.as_str(), "https://api.linkedin.com/rest");
    /// # Ok::<(), linkedin::restli::EndpointError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The pair of base URLs requests go to: one for versioned calls (those with
/// a `LinkedIn-Version`), one for the rest.
///
/// ```
/// use linkedin::restli::Endpoint;
///
/// let linkedin = Endpoint::default();
/// assert_eq!(linkedin.base(true).as_str(), "https://api.linkedin.com/rest");
/// assert_eq!(linkedin.base(false).as_str(), "https://api.linkedin.com/v2");
///
/// let sandbox = Endpoint::from_origin("http://127.0.0.1:8080")?;
/// assert_eq!(sandbox.base(true).as_str(), "http://127.0.0.1:8080/rest");
/// # Ok::<(), linkedin::restli::EndpointError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Endpoint {
    versioned: BaseUrl,
    unversioned: BaseUrl,
}

impl Default for Endpoint {
    fn default() -> Self {
        Endpoint {
            versioned: BaseUrl(VERSIONED_BASE.to_owned()),
            unversioned: BaseUrl(UNVERSIONED_BASE.to_owned()),
        }
    }
}

impl Endpoint {
    /// LinkedIn's own base URLs (the default).
    ///
    /// ```
    /// assert_eq!(linkedin::restli::Endpoint::linkedin(), linkedin::restli::Endpoint::default());
    /// ```
    pub fn linkedin() -> Self {
        Endpoint::default()
    }

    /// A server that mirrors LinkedIn's layout (`/rest` and `/v2`) at another
    /// origin, such as the local sandbox.
    ///
    /// ```
    /// let e = linkedin::restli::Endpoint::from_origin("http://localhost:9000/")?;
    /// assert_eq!(e.base(false).as_str(), "http://localhost:9000/v2");
    /// # Ok::<(), linkedin::restli::EndpointError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`BaseUrl::parse`].
    pub fn from_origin(origin: &str) -> Result<Self, EndpointError> {
        let origin = BaseUrl::parse(origin)?;
        Ok(Endpoint {
            versioned: BaseUrl(format!("{origin}/rest")),
            unversioned: BaseUrl(format!("{origin}/v2")),
        })
    }

    /// Two explicit base URLs (for a proxy with its own layout). Both may be
    /// the same.
    ///
    /// ```
    /// let e = linkedin::restli::Endpoint::new("https://proxy.example/li", "https://proxy.example/li")?;
    /// assert_eq!(e.base(true), e.base(false));
    /// # Ok::<(), linkedin::restli::EndpointError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`BaseUrl::parse`].
    pub fn new(versioned: &str, unversioned: &str) -> Result<Self, EndpointError> {
        Ok(Endpoint {
            versioned: BaseUrl::parse(versioned)?,
            unversioned: BaseUrl::parse(unversioned)?,
        })
    }

    /// The base URL for a versioned or an unversioned call.
    ///
    /// ```
    /// let e = linkedin::restli::Endpoint::default();
    /// assert!(e.base(true).as_str().ends_with("/rest"));
    /// ```
    pub fn base(&self, versioned: bool) -> &BaseUrl {
        self.root(if versioned {
            ApiBase::Rest
        } else {
            ApiBase::V2
        })
    }

    /// The base URL of one API root (for a custom endpoint, whatever it
    /// maps that root to).
    ///
    /// ```
    /// use linkedin::restli::{ApiBase, Endpoint};
    /// let sandbox = Endpoint::from_origin("http://127.0.0.1:8080")?;
    /// assert_eq!(sandbox.root(ApiBase::V2).as_str(), "http://127.0.0.1:8080/v2");
    /// # Ok::<(), linkedin::restli::EndpointError>(())
    /// ```
    pub fn root(&self, base: ApiBase) -> &BaseUrl {
        match base {
            ApiBase::Rest => &self.versioned,
            ApiBase::V2 => &self.unversioned,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for ok in [
            "http://localhost",
            "http://LOCALHOST:1",
            "http://127.0.0.1:8080",
            "http://127.9.9.9",
            "http://[::1]:80/x",
            "https://anything.example",
        ] {
            assert!(BaseUrl::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://10.0.0.1",
            "http://localhost.example.com",
            "http://[::2]",
            "ftp://127.0.0.1",
            "http://127.0.0.1.nip.io",
        ] {
            assert!(
                matches!(BaseUrl::parse(bad), Err(EndpointError::Insecure { .. })),
                "{bad}"
            );
        }
        for invalid in [
            "",
            "api.linkedin.com",
            "https://x/?a=1",
            "https://x/#f",
            "https://u:p@x/",
        ] {
            assert!(
                matches!(BaseUrl::parse(invalid), Err(EndpointError::Invalid { .. })),
                "{invalid}"
            );
        }
    }
}
