//! [`OAuthCall`]: one OAuth call of a client (the request `linkedin_oauth`
//! builds, how it is retried, how its answer is parsed into the typed
//! result or the one [`Error`]), written once; a transport only sends it.

use std::fmt;
use std::time::SystemTime;

use linkedin_oauth::{
    AccessToken, CodeExchange, Introspection, OAuthConfig, RefreshToken, RefreshedToken,
    ResponseError, ThreeLeggedToken, TwoLeggedToken,
};
use restli_codec::Method;
use restli_codec::exchange::Exchange;
use restli_codec::retry::RetryPolicy;

use crate::error::Error;

/// Parses an OAuth answer, given the time it arrived.
type Parse<T> = fn(http::Response<Vec<u8>>, SystemTime) -> Result<T, ResponseError>;

/// One OAuth call, answered by a `T`: build it with a constructor,
/// [`start`](Self::start) it into the [`Exchange`] a transport drives
/// (retried like an ACTION: only on 429) and the [`OAuthAnswer`] that
/// parses what came back.
///
/// `Debug` shows the grant and the URL only (the form body holds secrets).
///
/// ```
/// use std::time::SystemTime;
/// use linkedin::client_core::OAuthCall;
/// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
/// use linkedin::restli::retry::RetryPolicy;
///
/// let app = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s3cr3t"));
/// let call = OAuthCall::client_credentials(&app);
/// assert_eq!(call.grant(), "client_credentials");
/// let (mut exchange, answer) = call.start(RetryPolicy::default());
/// let _request = exchange.request(); // what the transport sends
/// let body = br#"{"access_token":"AQV","expires_in":1800}"#.to_vec();
/// let token = answer.finish(http::Response::new(body), SystemTime::now())?;
/// assert_eq!(token.access_token.secret(), "AQV");
/// # Ok::<(), linkedin::Error>(())
/// ```
pub struct OAuthCall<T> {
    request: http::Request<Vec<u8>>,
    grant: &'static str,
    answer: OAuthAnswer<T>,
}

impl<T> fmt::Debug for OAuthCall<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthCall")
            .field("grant", &self.grant)
            .field("url", &self.answer.url)
            .finish_non_exhaustive()
    }
}

impl<T> OAuthCall<T> {
    fn new(request: http::Request<Vec<u8>>, grant: &'static str, parse: Parse<T>) -> Self {
        let url = request.uri().to_string();
        OAuthCall {
            request,
            grant,
            answer: OAuthAnswer { url, parse },
        }
    }

    /// The grant (`authorization_code`, `refresh_token`,
    /// `client_credentials`) or `introspect`.
    ///
    /// ```
    /// use linkedin::client_core::OAuthCall;
    /// use linkedin::oauth::{AccessToken, ClientId, ClientSecret, OAuthConfig};
    /// let app = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s"));
    /// assert_eq!(OAuthCall::introspect(&app, &AccessToken::new("t")).grant(), "introspect");
    /// ```
    pub fn grant(&self) -> &'static str {
        self.grant
    }

    /// The URL the call goes to (no secret: they travel in the form body).
    ///
    /// ```
    /// use linkedin::client_core::OAuthCall;
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let app = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s"));
    /// assert!(OAuthCall::client_credentials(&app).url().ends_with("/accessToken"));
    /// ```
    pub fn url(&self) -> &str {
        &self.answer.url
    }

    /// The request's path (what its span records).
    ///
    /// ```
    /// use linkedin::client_core::OAuthCall;
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let app = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s"));
    /// assert_eq!(OAuthCall::client_credentials(&app).path(), "/oauth/v2/accessToken");
    /// ```
    pub fn path(&self) -> &str {
        self.request.uri().path()
    }

    /// The exchange to drive (the request, retried only on 429) and the
    /// parser of its answer.
    ///
    /// ```
    /// use linkedin::client_core::OAuthCall;
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// use linkedin::restli::retry::RetryPolicy;
    /// let app = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s"));
    /// let (mut exchange, _answer) = OAuthCall::client_credentials(&app).start(RetryPolicy::none());
    /// assert_eq!(exchange.request().method(), http::Method::POST);
    /// ```
    pub fn start(self, policy: RetryPolicy) -> (Exchange, OAuthAnswer<T>) {
        let url = self.answer.url.clone();
        let exchange = Exchange::from_http(Method::Action, url, self.request, policy);
        (exchange, self.answer)
    }
}

impl OAuthCall<ThreeLeggedToken> {
    /// Exchanges the authorization code of a finished 3-legged
    /// authorization for the member's tokens.
    ///
    /// ```
    /// use linkedin::client_core::OAuthCall;
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, ClientSecret, OAuthConfig, RedirectUrl};
    /// let app = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s"));
    /// let (_url, pending) = AuthorizationCodeFlow::new(ClientId::new("id"), RedirectUrl::new("https://app.example/cb")?).scopes(["openid"]).start()?;
    /// let state = pending.state().secret().to_owned();
    /// let exchange = pending.finish(&format!("/cb?code=AQT&state={state}"))?;
    /// assert_eq!(OAuthCall::exchange_code(&app, &exchange).grant(), "authorization_code");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn exchange_code(app: &OAuthConfig, exchange: &CodeExchange) -> Self {
        OAuthCall::new(
            exchange.token_request(app),
            "authorization_code",
            |response, now| ThreeLeggedToken::from_response(&response, now),
        )
    }
}

impl OAuthCall<RefreshedToken> {
    /// Trades a refresh token for a new access token.
    ///
    /// ```
    /// use linkedin::client_core::OAuthCall;
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig, RefreshToken};
    /// let app = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s"));
    /// assert_eq!(OAuthCall::refresh(&app, &RefreshToken::new("AQX")).grant(), "refresh_token");
    /// ```
    pub fn refresh(app: &OAuthConfig, refresh_token: &RefreshToken) -> Self {
        OAuthCall::new(
            app.refresh_request(refresh_token),
            "refresh_token",
            |response, now| RefreshedToken::from_response(&response, now),
        )
    }
}

impl OAuthCall<TwoLeggedToken> {
    /// Fetches a 2-legged (application) token with the client credentials
    /// grant.
    ///
    /// ```
    /// use linkedin::client_core::OAuthCall;
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let app = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s"));
    /// assert_eq!(OAuthCall::client_credentials(&app).grant(), "client_credentials");
    /// ```
    pub fn client_credentials(app: &OAuthConfig) -> Self {
        OAuthCall::new(
            app.client_credentials_request(),
            "client_credentials",
            |response, now| TwoLeggedToken::from_response(&response, now),
        )
    }
}

impl OAuthCall<Introspection> {
    /// Asks LinkedIn about a token: active or not, its scopes and expiry.
    ///
    /// ```
    /// use linkedin::client_core::OAuthCall;
    /// use linkedin::oauth::{AccessToken, ClientId, ClientSecret, OAuthConfig};
    /// let app = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s"));
    /// assert!(OAuthCall::introspect(&app, &AccessToken::new("AQV")).url().ends_with("/introspectToken"));
    /// ```
    pub fn introspect(app: &OAuthConfig, token: &AccessToken) -> Self {
        OAuthCall::new(
            app.introspect_request(token),
            "introspect",
            |response, _| Introspection::from_response(&response),
        )
    }
}

impl OAuthCall<http::Response<Vec<u8>>> {
    /// A token source's renewal (the request its
    /// [`TokenLifecycle`](linkedin_oauth::TokenLifecycle) decided on),
    /// answered by the raw response, which the lifecycle reads.
    ///
    /// ```
    /// use linkedin::client_core::OAuthCall;
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let app = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s"));
    /// let call = OAuthCall::renewal(app.client_credentials_request(), "client_credentials");
    /// assert_eq!(call.grant(), "client_credentials");
    /// ```
    pub fn renewal(request: http::Request<Vec<u8>>, grant: &'static str) -> Self {
        OAuthCall::new(request, grant, |response, _| Ok(response))
    }
}

/// Parses the answer of an [`OAuthCall`] (see [`OAuthCall::start`]).
pub struct OAuthAnswer<T> {
    url: String,
    parse: Parse<T>,
}

impl<T> fmt::Debug for OAuthAnswer<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthAnswer")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl<T> OAuthAnswer<T> {
    /// The typed result of `response`, which arrived at `now`.
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use linkedin::client_core::{Error, OAuthCall};
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// use linkedin::restli::retry::RetryPolicy;
    /// let app = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s"));
    /// let (_, answer) = OAuthCall::client_credentials(&app).start(RetryPolicy::none());
    /// let refused = http::Response::builder().status(401)
    ///     .body(br#"{"error":"invalid_client"}"#.to_vec())?;
    /// assert!(matches!(answer.finish(refused, SystemTime::now()), Err(Error::OAuth { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::OAuth`] when LinkedIn refused, or answered with something
    /// that is not the call's result.
    pub fn finish(self, response: http::Response<Vec<u8>>, now: SystemTime) -> Result<T, Error> {
        (self.parse)(response, now).map_err(|source| Error::oauth(self.url, source))
    }
}
