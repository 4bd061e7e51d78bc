//! The application's identity: client id, client secret and endpoints.

use std::fmt;

use crate::endpoint::BaseUrl;
use crate::secret::ClientSecret;

/// The client id of a LinkedIn application (public, sent in URLs).
///
/// ```
/// use linkedin::oauth::ClientId;
///
/// let id = ClientId::new("86abc123");
/// assert_eq!(id.as_str(), "86abc123");
/// assert_eq!(id.to_string(), "86abc123");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct ClientId(String);

impl ClientId {
    /// Wraps a client id.
    ///
    /// ```
    /// use linkedin::oauth::ClientId;
    ///
    /// assert_eq!(ClientId::new("abc"), ClientId::new(String::from("abc")));
    /// ```
    pub fn new(id: impl Into<String>) -> Self {
        ClientId(id.into())
    }

    /// The client id.
    ///
    /// ```
    /// use linkedin::oauth::ClientId;
    ///
    /// assert_eq!(ClientId::new("abc").as_str(), "abc");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ClientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ClientId").field(&self.0).finish()
    }
}

impl fmt::Display for ClientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What the token endpoints need to know about the application: client id,
/// client secret and the OAuth base URL.
///
/// It builds the requests that do not belong to a pending authorization:
/// [`refresh_request`](OAuthConfig::refresh_request),
/// [`client_credentials_request`](OAuthConfig::client_credentials_request) and
/// [`introspect_request`](OAuthConfig::introspect_request). The code exchange is
/// built by [`CodeExchange::token_request`](crate::CodeExchange::token_request).
///
/// ```
/// use linkedin::oauth::{BaseUrl, ClientId, ClientSecret, OAuthConfig};
///
/// let config = OAuthConfig::new(ClientId::new("client"), ClientSecret::new("hunter2"))
///     .base_url(BaseUrl::parse("http://127.0.0.1:8080/oauth/v2")?);
/// assert_eq!(config.base().as_str(), "http://127.0.0.1:8080/oauth/v2");
/// // Debug never shows the secret.
/// assert!(!format!("{config:?}").contains("hunter2"));
/// # Ok::<(), linkedin::oauth::ConfigError>(())
/// ```
#[derive(Clone, Debug)]
pub struct OAuthConfig {
    client_id: ClientId,
    client_secret: ClientSecret,
    base: BaseUrl,
}

impl OAuthConfig {
    /// A configuration for LinkedIn's production endpoints.
    ///
    /// ```
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    ///
    /// let config = OAuthConfig::new(ClientId::new("client"), ClientSecret::new("secret"));
    /// assert_eq!(config.base().as_str(), "https://www.linkedin.com/oauth/v2");
    /// ```
    pub fn new(client_id: ClientId, client_secret: ClientSecret) -> Self {
        OAuthConfig {
            client_id,
            client_secret,
            base: BaseUrl::default(),
        }
    }

    /// Uses another OAuth base URL (a sandbox, a test server); it is validated
    /// by [`BaseUrl::parse`].
    ///
    /// ```
    /// use linkedin::oauth::{BaseUrl, ClientId, ClientSecret, OAuthConfig};
    ///
    /// let config = OAuthConfig::new(ClientId::new("client"), ClientSecret::new("secret"))
    ///     .base_url(BaseUrl::parse("https://sandbox.example/oauth/v2")?);
    /// let request = config.client_credentials_request();
    /// assert_eq!(request.uri(), "https://sandbox.example/oauth/v2/accessToken");
    /// # Ok::<(), linkedin::oauth::ConfigError>(())
    /// ```
    pub fn base_url(mut self, base: BaseUrl) -> Self {
        self.base = base;
        self
    }

    /// The client id.
    ///
    /// ```
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    ///
    /// let config = OAuthConfig::new(ClientId::new("client"), ClientSecret::new("secret"));
    /// assert_eq!(config.client_id().as_str(), "client");
    /// ```
    pub fn client_id(&self) -> &ClientId {
        &self.client_id
    }

    /// The client secret.
    ///
    /// ```
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    ///
    /// let config = OAuthConfig::new(ClientId::new("client"), ClientSecret::new("secret"));
    /// assert_eq!(config.client_secret().secret(), "secret");
    /// ```
    pub fn client_secret(&self) -> &ClientSecret {
        &self.client_secret
    }

    /// The OAuth base URL.
    ///
    /// ```
    /// use linkedin::oauth::{BaseUrl, ClientId, ClientSecret, OAuthConfig};
    ///
    /// let config = OAuthConfig::new(ClientId::new("client"), ClientSecret::new("secret"));
    /// assert_eq!(config.base(), &BaseUrl::linkedin());
    /// ```
    pub fn base(&self) -> &BaseUrl {
        &self.base
    }
}
