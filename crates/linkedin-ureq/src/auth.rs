//! The OAuth calls: the requests `linkedin_oauth` builds, sent by the
//! client's HTTP stack (no redirects followed, retried only on 429).

use std::time::SystemTime;

use linkedin_oauth::{
    AccessToken, CodeExchange, Introspection, OAuthConfig, RefreshToken, RefreshedToken,
    ThreeLeggedToken, TwoLeggedToken,
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
    /// # fn fake(body: &'static str) -> linkedin_ureq::Client<impl linkedin_ureq::restli::transport::HttpClient> {
    /// #     linkedin_ureq::Client::builder()
    /// #         .oauth(linkedin_oauth::OAuthConfig::new(linkedin_oauth::ClientId::new("id"), linkedin_oauth::ClientSecret::new("secret")))
    /// #         .build_with(move |_: http::Request<Vec<u8>>| Ok::<_, linkedin_ureq::UreqError>(
    /// #             http::Response::builder().status(200).body(body.as_bytes().to_vec()).unwrap()))
    /// # }
    /// use linkedin_oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl};
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
        let request = exchange.token_request(&self.oauth_app()?);
        self.send_oauth(request, ThreeLeggedToken::from_response)
    }

    /// Exchanges a refresh token for a new access token (a
    /// [`TokenSource`](crate::TokenSource) does this by itself).
    ///
    /// ```
    /// # fn fake(body: &'static str) -> linkedin_ureq::Client<impl linkedin_ureq::restli::transport::HttpClient> {
    /// #     linkedin_ureq::Client::builder()
    /// #         .oauth(linkedin_oauth::OAuthConfig::new(linkedin_oauth::ClientId::new("id"), linkedin_oauth::ClientSecret::new("secret")))
    /// #         .build_with(move |_: http::Request<Vec<u8>>| Ok::<_, linkedin_ureq::UreqError>(
    /// #             http::Response::builder().status(200).body(body.as_bytes().to_vec()).unwrap()))
    /// # }
    /// use linkedin_oauth::RefreshToken;
    ///
    /// let client = fake(r#"{"access_token":"AQV-new","expires_in":5184000}"#);
    /// let refreshed = client.refresh(&RefreshToken::new("AQX"))?;
    /// assert_eq!(refreshed.access_token.secret(), "AQV-new");
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`exchange_code`](Self::exchange_code); a revoked or expired
    /// refresh token is an [`Error::OAuth`].
    pub fn refresh(&self, refresh_token: &RefreshToken) -> Result<RefreshedToken, Error> {
        self.refresh_with(&self.oauth_app()?, refresh_token)
    }

    /// Gets a 2-legged (application) token with the client credentials.
    ///
    /// ```
    /// # fn fake(body: &'static str) -> linkedin_ureq::Client<impl linkedin_ureq::restli::transport::HttpClient> {
    /// #     linkedin_ureq::Client::builder()
    /// #         .oauth(linkedin_oauth::OAuthConfig::new(linkedin_oauth::ClientId::new("id"), linkedin_oauth::ClientSecret::new("secret")))
    /// #         .build_with(move |_: http::Request<Vec<u8>>| Ok::<_, linkedin_ureq::UreqError>(
    /// #             http::Response::builder().status(200).body(body.as_bytes().to_vec()).unwrap()))
    /// # }
    /// let client = fake(r#"{"access_token":"AQV-app","expires_in":1800}"#);
    /// let app = client.client_credentials()?;
    /// assert_eq!(app.access_token.secret(), "AQV-app");
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`exchange_code`](Self::exchange_code);
    /// `unauthorized_client` is a typical [`Error::OAuth`].
    pub fn client_credentials(&self) -> Result<TwoLeggedToken, Error> {
        self.client_credentials_with(&self.oauth_app()?)
    }

    /// Asks LinkedIn about a token: active or not, its scopes and expiry.
    ///
    /// ```
    /// # fn fake(body: &'static str) -> linkedin_ureq::Client<impl linkedin_ureq::restli::transport::HttpClient> {
    /// #     linkedin_ureq::Client::builder()
    /// #         .oauth(linkedin_oauth::OAuthConfig::new(linkedin_oauth::ClientId::new("id"), linkedin_oauth::ClientSecret::new("secret")))
    /// #         .build_with(move |_: http::Request<Vec<u8>>| Ok::<_, linkedin_ureq::UreqError>(
    /// #             http::Response::builder().status(200).body(body.as_bytes().to_vec()).unwrap()))
    /// # }
    /// use linkedin_oauth::AccessToken;
    ///
    /// let client = fake(r#"{"active":true,"scope":"r_ads","expires_at":1900000000}"#);
    /// let info = client.introspect(&AccessToken::new("AQV"))?;
    /// assert!(info.active);
    /// # Ok::<(), linkedin_ureq::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`exchange_code`](Self::exchange_code).
    pub fn introspect(&self, token: &AccessToken) -> Result<Introspection, Error> {
        let request = self.oauth_app()?.introspect_request(token);
        self.send_oauth(request, |response, _| {
            Introspection::from_response(response)
        })
    }

    pub(crate) fn refresh_with(
        &self,
        oauth: &OAuthConfig,
        refresh_token: &RefreshToken,
    ) -> Result<RefreshedToken, Error> {
        self.send_oauth(
            oauth.refresh_request(refresh_token),
            RefreshedToken::from_response,
        )
    }

    pub(crate) fn client_credentials_with(
        &self,
        oauth: &OAuthConfig,
    ) -> Result<TwoLeggedToken, Error> {
        self.send_oauth(
            oauth.client_credentials_request(),
            TwoLeggedToken::from_response,
        )
    }

    /// Sends an OAuth request and parses the answer with `parse` (given the
    /// time the answer arrived).
    fn send_oauth<T>(
        &self,
        request: http::Request<Vec<u8>>,
        parse: impl FnOnce(
            &http::Response<Vec<u8>>,
            SystemTime,
        ) -> Result<T, linkedin_oauth::ResponseError>,
    ) -> Result<T, Error> {
        let url = request.uri().to_string();
        let response =
            drive::send_oauth(self.http(), request, self.retry_policy(), self.timeout())?;
        parse(&response, SystemTime::now()).map_err(|source| Error::oauth(url, source))
    }
}
