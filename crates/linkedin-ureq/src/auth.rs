//! The OAuth calls: the requests `linkedin_oauth` builds, sent by the
//! client's HTTP stack (no redirects followed, retried only on 429).

use std::time::SystemTime;

use linkedin_client_core::{CallSpan, OAuthCall};
use linkedin_oauth::{
    AccessToken, CodeExchange, Introspection, RefreshToken, RefreshedToken, ThreeLeggedToken,
    TwoLeggedToken,
};
use restli_codec::transport::HttpClient;

use crate::Error;
use crate::client::Client;
use crate::drive;

impl<H: HttpClient> Client<H> {
    /// Exchanges the authorization code LinkedIn redirected back with (see
    /// [`PendingAuthorization::finish`](linkedin_oauth::PendingAuthorization::finish))
    /// for the member's tokens.
    ///
    /// ```
    /// # fn fake(body: &'static str) -> linkedin::blocking::Client<impl linkedin::restli::transport::HttpClient> {
    /// #     linkedin::blocking::Client::builder()
    /// #         .oauth(linkedin::oauth::OAuthConfig::new(linkedin::oauth::ClientId::new("id"), linkedin::oauth::ClientSecret::new("secret")))
    /// #         .build_with(move |_: http::Request<Vec<u8>>| Ok::<_, linkedin::blocking::HttpError>(
    /// #             http::Response::builder().status(200).body(body.as_bytes().to_vec()).unwrap())).unwrap()
    /// # }
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl};
    ///
    /// let client = fake(r#"{"access_token":"AQV","expires_in":5184000,"refresh_token":"AQX","refresh_token_expires_in":31536000}"#);
    /// let flow = AuthorizationCodeFlow::new(ClientId::new("id"), RedirectUrl::new("https://app.example/cb")?)
    ///     .scopes(["r_ads"]);
    /// let (_url, pending) = flow.start()?;
    /// // ...the browser comes back to /cb?code=..&state=..
    /// let state = pending.state().secret().to_owned();
    /// let exchange = pending.finish(&format!("/cb?code=AQT&state={state}"))?;
    /// let token = client.exchange_code(&exchange)?;
    /// assert!(token.tokens.refresh_token.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ConfigError::NoOAuth`](crate::ConfigError::NoOAuth) without an OAuth application,
    /// [`Error::Transport`] when LinkedIn could not be reached,
    /// [`Error::OAuth`] when it refused (`invalid_grant` for an expired or
    /// reused code).
    pub fn exchange_code(&self, exchange: &CodeExchange) -> Result<ThreeLeggedToken, Error> {
        self.oauth(OAuthCall::exchange_code(&self.oauth_app()?, exchange))
    }

    /// Exchanges a refresh token for a new access token (a
    /// [`TokenSource`](crate::TokenSource) does this by itself).
    ///
    /// ```
    /// # fn fake(body: &'static str) -> linkedin::blocking::Client<impl linkedin::restli::transport::HttpClient> {
    /// #     linkedin::blocking::Client::builder()
    /// #         .oauth(linkedin::oauth::OAuthConfig::new(linkedin::oauth::ClientId::new("id"), linkedin::oauth::ClientSecret::new("secret")))
    /// #         .build_with(move |_: http::Request<Vec<u8>>| Ok::<_, linkedin::blocking::HttpError>(
    /// #             http::Response::builder().status(200).body(body.as_bytes().to_vec()).unwrap())).unwrap()
    /// # }
    /// use linkedin::oauth::RefreshToken;
    ///
    /// let client = fake(r#"{"access_token":"AQV-new","expires_in":5184000}"#);
    /// let refreshed = client.refresh(&RefreshToken::new("AQX"))?;
    /// assert_eq!(refreshed.access_token.secret(), "AQV-new");
    /// # Ok::<(), linkedin::blocking::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`exchange_code`](Self::exchange_code); a revoked or expired
    /// refresh token is an [`Error::OAuth`].
    pub fn refresh(&self, refresh_token: &RefreshToken) -> Result<RefreshedToken, Error> {
        self.oauth(OAuthCall::refresh(&self.oauth_app()?, refresh_token))
    }

    /// Gets a 2-legged (application) token with the client credentials.
    ///
    /// ```
    /// # fn fake(body: &'static str) -> linkedin::blocking::Client<impl linkedin::restli::transport::HttpClient> {
    /// #     linkedin::blocking::Client::builder()
    /// #         .oauth(linkedin::oauth::OAuthConfig::new(linkedin::oauth::ClientId::new("id"), linkedin::oauth::ClientSecret::new("secret")))
    /// #         .build_with(move |_: http::Request<Vec<u8>>| Ok::<_, linkedin::blocking::HttpError>(
    /// #             http::Response::builder().status(200).body(body.as_bytes().to_vec()).unwrap())).unwrap()
    /// # }
    /// let client = fake(r#"{"access_token":"AQV-app","expires_in":1800}"#);
    /// let app = client.client_credentials()?;
    /// assert_eq!(app.access_token.secret(), "AQV-app");
    /// # Ok::<(), linkedin::blocking::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`exchange_code`](Self::exchange_code);
    /// `unauthorized_client` is a typical [`Error::OAuth`].
    pub fn client_credentials(&self) -> Result<TwoLeggedToken, Error> {
        self.oauth(OAuthCall::client_credentials(&self.oauth_app()?))
    }

    /// Asks LinkedIn about a token: active or not, its scopes and expiry.
    ///
    /// ```
    /// # fn fake(body: &'static str) -> linkedin::blocking::Client<impl linkedin::restli::transport::HttpClient> {
    /// #     linkedin::blocking::Client::builder()
    /// #         .oauth(linkedin::oauth::OAuthConfig::new(linkedin::oauth::ClientId::new("id"), linkedin::oauth::ClientSecret::new("secret")))
    /// #         .build_with(move |_: http::Request<Vec<u8>>| Ok::<_, linkedin::blocking::HttpError>(
    /// #             http::Response::builder().status(200).body(body.as_bytes().to_vec()).unwrap())).unwrap()
    /// # }
    /// use linkedin::oauth::AccessToken;
    ///
    /// let client = fake(r#"{"active":true,"scope":"r_ads","expires_at":1900000000}"#);
    /// let info = client.introspect(&AccessToken::new("AQV"))?;
    /// assert!(info.active);
    /// # Ok::<(), linkedin::blocking::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`exchange_code`](Self::exchange_code).
    pub fn introspect(&self, token: &AccessToken) -> Result<Introspection, Error> {
        self.oauth(OAuthCall::introspect(&self.oauth_app()?, token))
    }

    /// Sends an OAuth call (only 429 is retried, as for an ACTION) and
    /// parses its answer.
    pub(crate) fn oauth<T>(&self, call: OAuthCall<T>) -> Result<T, Error> {
        let mut span = CallSpan::oauth(call.url(), call.grant());
        let (mut exchange, answer) = call.start(self.retry_policy());
        let result = span.span().clone().in_scope(|| {
            let response = drive::run::<http::Response<Vec<u8>>, H>(
                self.http(),
                &mut exchange,
                self.timeout(),
                &mut span,
            )?;
            answer.finish(response, SystemTime::now())
        });
        span.finish(&result);
        result
    }
}
