//! What every request of a client shares.

use crate::endpoint::Endpoint;
use crate::tunnel;
use crate::version::LinkedInVersion;

/// The `User-Agent` this SDK sends: `linkedin-rs/<version>`.
pub const DEFAULT_USER_AGENT: &str = concat!("linkedin-rs/", env!("CARGO_PKG_VERSION"));

/// What every request of a client shares: where requests go, the default
/// `LinkedIn-Version`, the user agent and the tunneling threshold.
///
/// ```
/// use linkedin::restli::{Endpoint, RequestConfig};
///
/// let config = RequestConfig::new()
///     .with_endpoint(Endpoint::from_origin("http://127.0.0.1:8080")?)
///     .with_version("202406".parse()?)
///     .with_user_agent_suffix("my-app/1.0")
///     .with_tunnel_threshold(2000);
/// assert_eq!(config.user_agent(), format!("linkedin-rs/{} my-app/1.0", env!("CARGO_PKG_VERSION")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestConfig {
    pub(super) endpoint: Endpoint,
    pub(super) version: Option<LinkedInVersion>,
    pub(super) user_agent: String,
    pub(super) tunnel_threshold: usize,
}

impl Default for RequestConfig {
    fn default() -> Self {
        RequestConfig {
            endpoint: Endpoint::default(),
            version: None,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            tunnel_threshold: tunnel::DEFAULT_THRESHOLD,
        }
    }
}

impl RequestConfig {
    /// LinkedIn's endpoint, no default version, tunneling above 4,000 bytes.
    ///
    /// ```
    /// let config = linkedin::restli::RequestConfig::new();
    /// assert_eq!(config.tunnel_threshold(), 4000);
    /// assert!(config.version().is_none());
    /// ```
    pub fn new() -> Self {
        RequestConfig::default()
    }

    /// Sends requests elsewhere (a sandbox, a proxy).
    ///
    /// ```
    /// let config = linkedin::restli::RequestConfig::new()
    ///     .with_endpoint(linkedin::restli::Endpoint::from_origin("http://localhost:8080")?);
    /// assert_eq!(config.endpoint().base(false).as_str(), "http://localhost:8080/v2");
    /// # Ok::<(), linkedin::restli::EndpointError>(())
    /// ```
    pub fn with_endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// The `LinkedIn-Version` for requests that do not set their own; with a
    /// version, requests go to the versioned (`/rest`) base URL.
    ///
    /// ```
    /// let config = linkedin::restli::RequestConfig::new().with_version("202406".parse()?);
    /// assert_eq!(config.version().map(|v| v.as_str()), Some("202406"));
    /// # Ok::<(), linkedin::restli::VersionError>(())
    /// ```
    pub fn with_version(mut self, version: LinkedInVersion) -> Self {
        self.version = Some(version);
        self
    }

    /// Appends a product token to the `User-Agent` (`linkedin-rs/x.y.z suffix`).
    ///
    /// ```
    /// let config = linkedin::restli::RequestConfig::new().with_user_agent_suffix("sync-job/2");
    /// assert!(config.user_agent().ends_with(" sync-job/2"));
    /// ```
    pub fn with_user_agent_suffix(mut self, suffix: &str) -> Self {
        let suffix = suffix.trim();
        if !suffix.is_empty() {
            self.user_agent = format!("{DEFAULT_USER_AGENT} {suffix}");
        }
        self
    }

    /// Tunnels requests whose query string is longer than `bytes`.
    ///
    /// ```
    /// let config = linkedin::restli::RequestConfig::new().with_tunnel_threshold(100);
    /// assert_eq!(config.tunnel_threshold(), 100);
    /// ```
    pub fn with_tunnel_threshold(mut self, bytes: usize) -> Self {
        self.tunnel_threshold = bytes;
        self
    }

    /// Where requests go.
    ///
    /// ```
    /// assert_eq!(linkedin::restli::RequestConfig::new().endpoint(), &linkedin::restli::Endpoint::default());
    /// ```
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The default `LinkedIn-Version`, if any.
    ///
    /// ```
    /// assert!(linkedin::restli::RequestConfig::new().version().is_none());
    /// ```
    pub fn version(&self) -> Option<&LinkedInVersion> {
        self.version.as_ref()
    }

    /// The `User-Agent` header value.
    ///
    /// ```
    /// assert!(linkedin::restli::RequestConfig::new().user_agent().starts_with("linkedin-rs/"));
    /// ```
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    /// The tunneling threshold in bytes of query string.
    ///
    /// ```
    /// assert_eq!(linkedin::restli::RequestConfig::new().tunnel_threshold(), 4000);
    /// ```
    pub fn tunnel_threshold(&self) -> usize {
        self.tunnel_threshold
    }
}
