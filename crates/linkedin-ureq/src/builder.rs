//! [`ClientBuilder`]: `linkedin_client_core`'s builder, whose setters
//! are written once for both transports; this crate supplies `build()`
//! over ureq (the [`Transport`] impl) and `build_with(..)` over any
//! [`restli_codec::transport::HttpClient`].

use linkedin_client_core::{SettingsOf, Transport};

use crate::Error;
use crate::client::Client;
use crate::transport::HttpClient;

/// Configures a [`Client`]. Every setting has a default, so every method
/// is optional; each setter is described on
/// [`linkedin_client_core::ClientBuilder`], this type for ureq.
/// [`build`](linkedin_client_core::ClientBuilder::build) gives a [`Client`]
/// over [`HttpClient`] (one agent, shared by every clone; the one given with
/// [`http_client`](linkedin_client_core::ClientBuilder::http_client) if
/// any, which follows no redirects, returns error statuses as responses
/// and gets the builder's timeout whatever its configuration says), and
/// [`build_with`](linkedin_client_core::ClientBuilder::build_with) a client
/// over any [`restli_codec::transport::HttpClient`].
///
/// ```
/// use std::time::Duration;
/// use linkedin::blocking::Client;
/// use linkedin::oauth::AccessToken;
/// use linkedin::restli::{Endpoint, RetryPolicy};
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
/// assert_eq!(client.timeout(), Duration::from_secs(10));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Through your own [`ureq::Agent`](https://docs.rs/ureq/3/ureq/struct.Agent.html)
/// (TLS roots, proxy, pool sizes):
///
/// ```
/// let agent: ureq::Agent = linkedin::blocking::HttpClient::agent_config()
///     .max_idle_connections_per_host(16)
///     .build()
///     .into();
/// let client = linkedin::blocking::Client::builder().http_client(agent).build()?;
/// # let _ = client;
/// # Ok::<(), linkedin::blocking::Error>(())
/// ```
///
/// Over any [`restli_codec::transport::HttpClient`]: another HTTP stack, or a stub in tests (a
/// closure works):
///
/// ```
/// use linkedin::Request;
/// use linkedin::blocking::{Client, HttpError};
/// use linkedin::oauth::AccessToken;
///
/// // A stack that answers everything with 204.
/// let client = Client::builder()
///     .access_token(AccessToken::new("t"))
///     .build_with(|_request: http::Request<Vec<u8>>| {
///         Ok::<_, HttpError>(http::Response::builder().status(204).body(Vec::new()).unwrap())
///     })?;
/// let deleted = client.send(Request::delete("/posts/{id}").key("id", &1))?;
/// assert_eq!(deleted.meta.status(), 204);
/// # Ok::<(), linkedin::blocking::Error>(())
/// ```
pub type ClientBuilder = linkedin_client_core::ClientBuilder<HttpClient>;

impl Transport for HttpClient {
    type Flight = std::sync::Condvar;
    type Library = ureq::Agent;
    type Client<H> = Client<H>;

    /// Never fails with ureq (building an agent cannot); the `Result`
    /// keeps the builder the same as the async transport's.
    fn http(agent: Option<ureq::Agent>, settings: &SettingsOf<Self>) -> Result<Self, Error> {
        let http = agent.map_or_else(HttpClient::new, HttpClient::from_agent);
        Ok(http.timeout(Some(settings.timeout())))
    }
}

impl Client {
    /// Starts configuring a client (see [`ClientBuilder`]).
    ///
    /// ```
    /// let client = linkedin::blocking::Client::builder().build()?;
    /// # let _ = client;
    /// # Ok::<(), linkedin::blocking::Error>(())
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }
}
