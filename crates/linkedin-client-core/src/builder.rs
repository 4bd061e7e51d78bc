//! [`ClientBuilder`]: the one client builder of both transports. Its
//! setters are written here once; each transport supplies its HTTP
//! stack and client type through [`Transport`].

use std::fmt;
use std::time::Duration;

use linkedin_oauth::{AccessToken, BaseUrl, OAuthConfig};
use restli_codec::excerpt::Excerpt;
use restli_codec::retry::RetryPolicy;
use restli_codec::{Endpoint, LinkedInVersion};

use crate::core::ClientCore;
use crate::error::{ConfigError, Error};
use crate::settings::ClientSettings;
use crate::token_source::TokenSource;

/// What a transport tells [`ClientBuilder`]: the token source it renews
/// with, the HTTP library's own client type, its default HTTP stack, and
/// its client type over any stack.
///
/// Each transport's HTTP client adapter implements it; [`CoreOnly`] is the transport-free one of the examples.
///
/// ```
/// use linkedin::client_core::{ClientBuilder, ClientCore, CoreOnly, Error};
///
/// // A transport that builds only the client core.
/// let core: ClientCore<CoreOnly, _> = ClientBuilder::<CoreOnly>::new().build()?;
/// assert_eq!(core.config().tunnel_threshold(), 4000);
/// # Ok::<(), Error>(())
/// ```
pub trait Transport: Sized {
    /// The single-flight primitive of the transport's [`TokenSource`]
    /// (a tokio mutex, a condition variable).
    type Flight: Default;
    /// The HTTP library's own client ([`ClientBuilder::http_client`]):
    /// a `reqwest::Client`, a `ureq::Agent`.
    type Library;
    /// The transport's client over the HTTP stack `H` (made from a built
    /// core; [`client_handle!`](crate::client_handle) writes the `From`).
    type Client<H>: From<ClientCore<H, TokenSource<Self::Flight>>>;

    /// The transport's own HTTP stack, over `library` if one was given,
    /// else over the recommended one.
    ///
    /// # Errors
    ///
    /// [`ConfigError`](crate::ConfigError) when the HTTP stack cannot be
    /// set up (TLS, say).
    fn http(library: Option<Self::Library>, settings: &SettingsOf<Self>) -> Result<Self, Error>;
}

/// The settings of a client of transport `T`.
///
/// ```
/// use linkedin::client_core::{ClientBuilder, CoreOnly, SettingsOf};
/// let builder = ClientBuilder::<CoreOnly>::new();
/// let settings: &SettingsOf<CoreOnly> = builder.settings();
/// assert!(settings.oauth().is_none());
/// ```
pub type SettingsOf<T> = ClientSettings<TokenSource<<T as Transport>::Flight>>;

/// The transport of the examples and of tests of the settings: it builds a
/// [`ClientCore`] over itself (it sends nothing), or over whatever
/// [`build_with`](ClientBuilder::build_with) is given; its token source
/// needs no single-flight primitive (`()`).
///
/// ```
/// use std::time::Duration;
/// use linkedin::client_core::{ClientBuilder, CoreOnly};
///
/// let core = ClientBuilder::<CoreOnly>::new().timeout(Duration::from_secs(5)).build()?;
/// assert_eq!(core.timeout(), Duration::from_secs(5));
/// # Ok::<(), linkedin::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct CoreOnly;

impl Transport for CoreOnly {
    type Flight = ();
    type Library = ();
    type Client<H> = ClientCore<H, TokenSource<()>>;

    fn http(_: Option<()>, _: &ClientSettings<TokenSource<()>>) -> Result<Self, Error> {
        Ok(CoreOnly)
    }
}

/// Configures a client: where requests go, the default `LinkedIn-Version`,
/// the token, timeouts and retries, and the HTTP library's client. `T` is
/// the transport (`linkedin_reqwest::ClientBuilder` and
/// `linkedin_ureq::ClientBuilder` are this type for their transport).
///
/// Everything has a default: LinkedIn's endpoints, no default version
/// (unversioned `/v2` calls unless a request sets one), a 30 s timeout per
/// attempt, 60 s per call, [`RetryPolicy::default`], tunneling above 4,000
/// bytes of query, no token.
///
/// ```
/// use std::time::Duration;
/// use linkedin::client_core::{ClientBuilder, CoreOnly};
/// use linkedin::oauth::AccessToken;
/// use linkedin::restli::{Endpoint, retry::RetryPolicy};
///
/// let client = ClientBuilder::<CoreOnly>::new()
///     .endpoint(Endpoint::from_origin("http://127.0.0.1:8080")?)
///     .version("202406")
///     .user_agent_suffix("my-app/1.0")
///     .timeout(Duration::from_secs(10))
///     .retry_policy(RetryPolicy::default().max_attempts(3))
///     .tunnel_threshold(4000)
///     .access_token(AccessToken::new("AQV..."))
///     .build()?;
/// assert_eq!(client.config().version().map(|v| v.as_str()), Some("202406"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Retries by default
///
/// [`RetryPolicy::default`]: at most 4 attempts in all, 60 s in all. Retried:
/// 429, 500, 502, 503, 504, and connect errors, timeouts and resets, for
/// idempotent methods; CREATE, BATCH_CREATE, PARTIAL_UPDATE,
/// BATCH_PARTIAL_UPDATE and ACTION only on 429 (a 5xx or a lost connection
/// may come after LinkedIn acted). A `Retry-After` of up to 60 s is
/// waited for, a longer one is not; a 429 without it (LinkedIn's daily
/// limit) is retried once. Otherwise the wait is exponential backoff with
/// full jitter from 500 ms, capped at 30 s. Change it with
/// [`retry_policy`](ClientBuilder::retry_policy).
#[must_use]
pub struct ClientBuilder<T: Transport> {
    settings: ClientSettings<TokenSource<T::Flight>>,
    library: Option<T::Library>,
    /// The first invalid value a setter was given, reported by `build()`.
    invalid: Option<ConfigError>,
}

impl<T: Transport> fmt::Debug for ClientBuilder<T>
where
    TokenSource<T::Flight>: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("settings", &self.settings)
            .field("http_client", &self.library.is_some())
            .field("invalid", &self.invalid)
            .finish_non_exhaustive()
    }
}

impl<T: Transport> Default for ClientBuilder<T> {
    fn default() -> Self {
        ClientBuilder {
            settings: ClientSettings::new(),
            library: None,
            invalid: None,
        }
    }
}

impl<T: Transport> ClientBuilder<T> {
    /// A builder with every default (a transport's `Client::builder()`).
    ///
    /// ```
    /// use linkedin::client_core::{ClientBuilder, CoreOnly};
    /// let builder = ClientBuilder::<CoreOnly>::new();
    /// assert_eq!(builder.settings().config().tunnel_threshold(), 4000);
    /// ```
    pub fn new() -> Self {
        ClientBuilder::default()
    }

    /// The settings so far.
    ///
    /// ```
    /// use linkedin::client_core::{ClientBuilder, CoreOnly};
    /// let builder = ClientBuilder::<CoreOnly>::new().tunnel_threshold(100);
    /// assert_eq!(builder.settings().config().tunnel_threshold(), 100);
    /// ```
    pub fn settings(&self) -> &ClientSettings<TokenSource<T::Flight>> {
        &self.settings
    }

    /// Applies one [`ClientSettings`] setter: every setter below is one.
    fn with_settings(
        self,
        set: impl FnOnce(
            ClientSettings<TokenSource<T::Flight>>,
        ) -> ClientSettings<TokenSource<T::Flight>>,
    ) -> Self {
        ClientBuilder {
            settings: set(self.settings),
            ..self
        }
    }

    /// Sends Rest.li requests to another server (the sandbox, a proxy);
    /// default: LinkedIn.
    ///
    /// ```
    /// use linkedin::client_core::{ClientBuilder, CoreOnly};
    /// use linkedin::restli::Endpoint;
    /// let builder = ClientBuilder::<CoreOnly>::new()
    ///     .endpoint(Endpoint::from_origin("http://localhost:9000")?);
    /// assert_eq!(builder.settings().config().endpoint().base(true).as_str(), "http://localhost:9000/rest");
    /// # Ok::<(), linkedin::restli::EndpointError>(())
    /// ```
    pub fn endpoint(self, endpoint: Endpoint) -> Self {
        self.with_settings(|settings| settings.with_endpoint(endpoint))
    }

    /// Sends OAuth requests (the client's own and the token source's) to
    /// another base URL; default: the one in each [`OAuthConfig`].
    ///
    /// ```
    /// use linkedin::client_core::{ClientBuilder, CoreOnly};
    /// use linkedin::oauth::BaseUrl;
    /// let builder = ClientBuilder::<CoreOnly>::new()
    ///     .oauth_base_url(BaseUrl::parse("http://127.0.0.1:9000/oauth/v2")?);
    /// assert!(builder.settings().oauth_base_url().is_some());
    /// # Ok::<(), linkedin::oauth::ConfigError>(())
    /// ```
    pub fn oauth_base_url(self, base: BaseUrl) -> Self {
        self.with_settings(|settings| settings.with_oauth_base_url(base))
    }

    /// The default `LinkedIn-Version` (`YYYYMM` or `YYYYMM.RR`); with one,
    /// requests go to the versioned `/rest` APIs. A request's own
    /// `version` wins. Another form is reported by
    /// [`build`](Self::build), as a
    /// [`ConfigError::Setter`] naming this setter and the value.
    ///
    /// ```
    /// use linkedin::client_core::{ClientBuilder, ConfigError, CoreOnly, Error};
    /// let client = ClientBuilder::<CoreOnly>::new().version("202406.01").build()?;
    /// assert_eq!(client.config().version().map(|v| v.as_str()), Some("202406.01"));
    ///
    /// let err = ClientBuilder::<CoreOnly>::new().version("June 2024").timeout(std::time::Duration::from_secs(1)).build();
    /// assert!(matches!(err, Err(Error::Config(ConfigError::Setter { setter: "version", .. }))));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn version(self, version: &str) -> Self {
        match LinkedInVersion::new(version) {
            Ok(version) => self.with_settings(|settings| settings.with_linkedin_version(version)),
            Err(err) => self.invalid("version", Some(version), err.into()),
        }
    }

    /// Keeps the first invalid value, for `build()` to report; `value` is
    /// `None` for a secret (shown as `[redacted]`).
    fn invalid(self, setter: &'static str, value: Option<&str>, source: ConfigError) -> Self {
        if self.invalid.is_some() {
            return self;
        }
        let value = match value {
            Some(value) => Excerpt(value).to_string(),
            None => "[redacted]".to_owned(),
        };
        ClientBuilder {
            invalid: Some(ConfigError::Setter {
                setter,
                value,
                source: Box::new(source),
            }),
            ..self
        }
    }

    /// Appends a product token to the `User-Agent` (`linkedin-rs/x.y.z my-app/1.0`).
    ///
    /// ```
    /// use linkedin::client_core::{ClientBuilder, CoreOnly};
    /// let client = ClientBuilder::<CoreOnly>::new().user_agent_suffix("my-app/1.0").build()?;
    /// assert!(client.config().user_agent().ends_with(" my-app/1.0"));
    /// # Ok::<(), linkedin::Error>(())
    /// ```
    pub fn user_agent_suffix(self, suffix: &str) -> Self {
        self.with_settings(|settings| settings.with_user_agent_suffix(suffix))
    }

    /// The longest one attempt may take, from sending the request to
    /// reading the last byte of the response (default 30 s,
    /// [`DEFAULT_TIMEOUT`](crate::DEFAULT_TIMEOUT)). A timed-out attempt is
    /// retried like a lost connection (for idempotent methods). A stack
    /// given to [`build_with`](Self::build_with) gets it in each request's
    /// extensions ([`AttemptTimeout`](restli_codec::transport::AttemptTimeout)).
    ///
    /// ```
    /// use std::time::Duration;
    /// use linkedin::client_core::{ClientBuilder, CoreOnly};
    /// let client = ClientBuilder::<CoreOnly>::new().timeout(Duration::from_secs(5)).build()?;
    /// assert_eq!(client.timeout(), Duration::from_secs(5));
    /// # Ok::<(), linkedin::Error>(())
    /// ```
    pub fn timeout(self, timeout: Duration) -> Self {
        self.with_settings(|settings| settings.with_timeout(timeout))
    }

    /// The longest a whole call may take, every attempt and wait between
    /// them included (default 60 s,
    /// [`DEFAULT_TOTAL_TIMEOUT`](restli_codec::retry::DEFAULT_TOTAL_TIMEOUT)):
    /// a retry that would end past it is not taken, and each attempt's
    /// [timeout](Self::timeout) is cut to the time left. Without it, four
    /// attempts of 30 s plus `Retry-After` waits could hold a call for
    /// minutes.
    ///
    /// ```
    /// use std::time::Duration;
    /// use linkedin::client_core::{ClientBuilder, CoreOnly};
    /// let client = ClientBuilder::<CoreOnly>::new().total_timeout(Duration::from_secs(20)).build()?;
    /// assert_eq!(client.retry_policy().total_timeout_value(), Duration::from_secs(20));
    /// # Ok::<(), linkedin::Error>(())
    /// ```
    pub fn total_timeout(self, total: Duration) -> Self {
        self.with_settings(|settings| settings.with_total_timeout(total))
    }

    /// When and how often to retry ([`RetryPolicy::none`] to never retry;
    /// the default is described [above](ClientBuilder#retries-by-default)).
    ///
    /// ```
    /// use linkedin::client_core::{ClientBuilder, CoreOnly};
    /// use linkedin::restli::retry::RetryPolicy;
    /// let client = ClientBuilder::<CoreOnly>::new().retry_policy(RetryPolicy::none()).build()?;
    /// assert_eq!(client.retry_policy(), RetryPolicy::none());
    /// # Ok::<(), linkedin::Error>(())
    /// ```
    pub fn retry_policy(self, policy: RetryPolicy) -> Self {
        self.with_settings(|settings| settings.with_retry_policy(policy))
    }

    /// Tunnels requests whose query string is longer than `bytes` (default
    /// 4,000) as a POST with `X-HTTP-Method-Override`.
    ///
    /// ```
    /// use linkedin::client_core::{ClientBuilder, CoreOnly};
    /// let client = ClientBuilder::<CoreOnly>::new().tunnel_threshold(2000).build()?;
    /// assert_eq!(client.config().tunnel_threshold(), 2000);
    /// # Ok::<(), linkedin::Error>(())
    /// ```
    pub fn tunnel_threshold(self, bytes: usize) -> Self {
        self.with_settings(|settings| settings.with_tunnel_threshold(bytes))
    }

    /// A fixed access token for every request (replaces a token source).
    ///
    /// ```
    /// use linkedin::client_core::{ClientBuilder, CoreOnly};
    /// use linkedin::oauth::AccessToken;
    /// let client = ClientBuilder::<CoreOnly>::new().access_token(AccessToken::new("AQV")).build()?;
    /// assert!(!format!("{client:?}").contains("AQV"));
    /// # Ok::<(), linkedin::Error>(())
    /// ```
    pub fn access_token(self, token: AccessToken) -> Self {
        self.with_settings(|settings| settings.with_access_token(token))
    }

    /// Tokens that renew themselves ahead of expiry (replaces a fixed
    /// token); see [`TokenSource`]. Its OAuth application also serves the
    /// OAuth calls when [`oauth`](Self::oauth) is not set.
    ///
    /// ```
    /// use linkedin::client_core::{ClientBuilder, CoreOnly, TokenSource};
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"));
    /// let client = ClientBuilder::<CoreOnly>::new()
    ///     .token_source(TokenSource::client_credentials(oauth))
    ///     .build()?;
    /// assert!(client.tokens().is_none()); // nothing fetched yet
    /// # Ok::<(), linkedin::Error>(())
    /// ```
    pub fn token_source(self, source: TokenSource<T::Flight>) -> Self {
        self.with_settings(|settings| settings.with_token_source(source))
    }

    /// The OAuth application for the client's OAuth calls (code exchange,
    /// refresh, client credentials, introspection); default: the token
    /// source's, if any.
    ///
    /// ```
    /// use linkedin::client_core::{ClientBuilder, CoreOnly};
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let client = ClientBuilder::<CoreOnly>::new()
    ///     .oauth(OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret")))
    ///     .build()?;
    /// assert_eq!(client.oauth_app()?.client_id().as_str(), "id");
    /// # Ok::<(), linkedin::Error>(())
    /// ```
    pub fn oauth(self, config: OAuthConfig) -> Self {
        self.with_settings(|settings| settings.with_oauth(config))
    }

    /// Sends with your own client of the transport's HTTP library (a
    /// `reqwest::Client` with a proxy or extra roots, a `ureq::Agent` with
    /// other pool sizes). Whatever it is configured with, requests follow
    /// no redirects and each attempt keeps the [timeout](Self::timeout).
    ///
    /// ```
    /// use linkedin::client_core::{ClientBuilder, CoreOnly};
    /// let client = ClientBuilder::<CoreOnly>::new().http_client(()).build()?;
    /// assert!(matches!(client.http(), CoreOnly));
    /// # Ok::<(), linkedin::Error>(())
    /// ```
    pub fn http_client(self, library: T::Library) -> Self {
        ClientBuilder {
            library: Some(library),
            ..self
        }
    }

    /// Builds the client over the transport's HTTP library (the one given
    /// with [`http_client`](Self::http_client), else the recommended one).
    ///
    /// ```
    /// use linkedin::client_core::{ClientBuilder, CoreOnly};
    /// let client = ClientBuilder::<CoreOnly>::new().build()?;
    /// # let _ = client;
    /// # Ok::<(), linkedin::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ConfigError::Setter`] for the first invalid value a setter was
    /// given; [`ConfigError::Tls`] or [`ConfigError::HttpClient`] when the
    /// HTTP stack cannot be set up.
    pub fn build(self) -> Result<T::Client<T>, Error> {
        if let Some(invalid) = self.invalid {
            return Err(invalid.into());
        }
        let http = T::http(self.library, &self.settings)?;
        Ok(ClientCore::new(http, self.settings).into())
    }

    /// Builds the client over any HTTP stack the transport takes
    /// ([`AsyncHttpClient`](restli_codec::transport::AsyncHttpClient) for
    /// `linkedin-reqwest`, [`HttpClient`](restli_codec::transport::HttpClient)
    /// for `linkedin-ureq`): another HTTP library, or a stub in tests. A
    /// library client given to [`http_client`](Self::http_client) is not
    /// used.
    ///
    /// ```
    /// use linkedin::client_core::{ClientBuilder, CoreOnly};
    /// let client = ClientBuilder::<CoreOnly>::new().build_with(7_u8)?;
    /// assert_eq!(*client.http(), 7);
    /// # Ok::<(), linkedin::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ConfigError::Setter`] for the first invalid value a setter was
    /// given.
    pub fn build_with<H>(self, http: H) -> Result<T::Client<H>, Error> {
        if let Some(invalid) = self.invalid {
            return Err(invalid.into());
        }
        Ok(ClientCore::new(http, self.settings).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_invalid_value_is_reported_by_build_even_after_a_valid_one() {
        let built = ClientBuilder::<CoreOnly>::new()
            .version("June 2024")
            .version("202406")
            .version("2024")
            .build();
        let Err(Error::Config(ConfigError::Setter {
            setter,
            value,
            source,
        })) = built
        else {
            panic!("expected a setter error, got {built:?}");
        };
        assert_eq!(setter, "version");
        assert_eq!(value, "\"June 2024\"");
        assert!(matches!(*source, ConfigError::Version(_)));
    }

    #[test]
    fn build_with_reports_the_invalid_value_too() {
        let built = ClientBuilder::<CoreOnly>::new().version("x").build_with(());
        assert!(matches!(
            built,
            Err(Error::Config(ConfigError::Setter {
                setter: "version",
                ..
            }))
        ));
    }

    #[test]
    fn a_long_value_is_quoted_as_a_bounded_excerpt() {
        let long = "9".repeat(10_000);
        let Err(err) = ClientBuilder::<CoreOnly>::new().version(&long).build() else {
            panic!("a 10,000-digit version is not YYYYMM");
        };
        assert!(err.to_string().len() < 1_000, "{}", err.to_string().len());
    }
}
