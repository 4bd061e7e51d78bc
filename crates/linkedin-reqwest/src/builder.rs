//! [`ClientBuilder`]: `linkedin_client_core`'s builder, whose setters
//! are written once for both transports; this crate supplies `build()`
//! over reqwest (the [`Transport`] impl) and `build_with(..)` over any
//! [`AsyncHttpClient`](restli_codec::transport::AsyncHttpClient).

use linkedin_client_core::{SettingsOf, Transport};

use crate::Error;
use crate::client::Client;
use crate::transport::HttpClient;

/// Configures a [`Client`]: where requests go, the default
/// `LinkedIn-Version`, the token, timeouts and retries, and the
/// `reqwest::Client` to send with ([`http_client`](linkedin_client_core::ClientBuilder::http_client)).
/// Every setter is described on [`linkedin_client_core::ClientBuilder`],
/// this type for reqwest; [`build`](linkedin_client_core::ClientBuilder::build)
/// gives a [`Client`] over [`HttpClient`] (the recommended [`HttpClient::new`]
/// unless `http_client` gave one), and
/// [`build_with`](linkedin_client_core::ClientBuilder::build_with) a client
/// over any [`AsyncHttpClient`](restli_codec::transport::AsyncHttpClient).
///
/// ```
/// use std::time::Duration;
/// use linkedin::Client;
/// use linkedin::oauth::AccessToken;
/// use linkedin::restli::{Endpoint, retry::RetryPolicy};
///
/// let client = Client::builder()
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
/// Over your own `reqwest::Client` (proxies, extra roots; set it not to
/// follow redirects; the per-attempt timeout still applies on top of its
/// own):
///
/// ```
/// use linkedin::HttpClient;
/// let own = reqwest::Client::builder()
///     .tls_backend_preconfigured(HttpClient::tls_config()?)
///     .redirect(reqwest::redirect::Policy::none())
///     .build()
///     .expect("valid configuration");
/// let client = linkedin::Client::builder().http_client(own).build()?;
/// # let _ = client;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Over any [`AsyncHttpClient`](restli_codec::transport::AsyncHttpClient): another HTTP stack, a [`HttpClient`] with
/// other settings, or a stub in tests. The per-attempt timeout still
/// applies.
///
/// ```
/// use linkedin::Client;
/// use linkedin::oauth::AccessToken;
/// use linkedin::restli::retry::TransportFailure;
/// use linkedin::restli::transport::{AsyncHttpClient, TransportError};
/// use linkedin::restli::{EntityResponse, Request};
///
/// /// Answers every request with the same entity.
/// struct Canned;
/// #[derive(Debug)]
/// struct Never;
/// impl std::fmt::Display for Never {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("never") }
/// }
/// impl std::error::Error for Never {}
/// impl TransportError for Never {
///     fn failure(&self) -> TransportFailure { TransportFailure::Other }
/// }
/// impl AsyncHttpClient for Canned {
///     type Error = Never;
///     async fn send(&self, _: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Never> {
///         Ok(http::Response::new(br#"{"id": 7}"#.to_vec()))
///     }
/// }
///
/// # tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(async {
/// let client = Client::builder().access_token(AccessToken::new("t")).build_with(Canned)?;
/// let me: EntityResponse = client.send(Request::get("/me")).await?;
/// assert_eq!(me.entity["id"], 7);
/// # Ok::<(), linkedin::Error>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type ClientBuilder = linkedin_client_core::ClientBuilder<HttpClient>;

impl Transport for HttpClient {
    type Flight = tokio::sync::Mutex<()>;
    type Library = reqwest::Client;
    type Client<H> = Client<H>;

    fn http(library: Option<reqwest::Client>, _: &SettingsOf<Self>) -> Result<Self, Error> {
        Ok(match library {
            Some(client) => HttpClient::from_client(client),
            None => HttpClient::new()?,
        })
    }
}

impl Client {
    /// Starts configuring a client (see [`ClientBuilder`]).
    ///
    /// ```
    /// let client = linkedin::Client::builder().build()?;
    /// # let _ = client;
    /// # Ok::<(), linkedin::Error>(())
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }
}
