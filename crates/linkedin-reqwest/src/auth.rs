//! The OAuth calls: the requests `linkedin_oauth` builds, sent by the
//! client's HTTP stack (no redirects followed, retried only on 429).

use std::time::SystemTime;

use linkedin_oauth::{
    AccessToken, CodeExchange, Introspection, RefreshToken, RefreshedToken, ThreeLeggedToken,
    TwoLeggedToken,
};
use restli_codec::Method;
use restli_codec::exchange::Exchange;
use restli_codec::transport::AsyncHttpClient;
use tracing::Instrument;
use tracing::field::Empty;

use crate::Error;
use crate::client::Client;

impl<H: AsyncHttpClient> Client<H> {
    /// Sends an OAuth request (only 429 is retried, as for an ACTION) and
    /// returns the answer whatever its status.
    pub(crate) async fn oauth_send(
        &self,
        request: http::Request<Vec<u8>>,
        grant: &'static str,
    ) -> Result<(String, http::Response<Vec<u8>>), Error> {
        let url = request.uri().to_string();
        let span = tracing::info_span!(
            "linkedin.oauth",
            endpoint = request.uri().path(),
            grant,
            status = Empty,
            attempt = Empty,
            latency_ms = Empty,
        );
        let mut exchange =
            Exchange::from_http(Method::Action, url.clone(), request, self.retry_policy());
        let response = self.run(&mut exchange).instrument(span).await?;
        Ok((url, response))
    }

    /// Exchanges the authorization code of a finished 3-legged
    /// authorization for tokens.
    ///
    /// ```no_run
    /// use linkedin_reqwest::Client;
    /// use linkedin_reqwest::oauth::{AuthorizationCodeFlow, ClientId, ClientSecret, OAuthConfig, RedirectUrl};
    ///
    /// # async fn run(callback_url: &str) -> Result<(), Box<dyn std::error::Error>> {
    /// let oauth = OAuthConfig::new(ClientId::new("86abc123"), ClientSecret::new("s3cr3t"));
    /// let client = Client::builder().oauth(oauth.clone()).build()?;
    /// let (url, pending) = AuthorizationCodeFlow::new(oauth.client_id().clone(), RedirectUrl::new("https://app.example/callback")?)
    ///     .scopes(["openid", "profile"])
    ///     .pkce(true)
    ///     .start()?;
    /// println!("open {url}");
    /// // ... LinkedIn redirects the browser to `callback_url` ...
    /// let exchange = pending.finish(callback_url)?;
    /// let token = client.exchange_code(&exchange).await?;
    /// let tokens = token.tokens; // persist these
    /// # let _ = tokens;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`ConfigError::NoOAuth`](crate::ConfigError::NoOAuth) without an
    /// OAuth application,
    /// [`Error::OAuth`] when LinkedIn refuses (`invalid_grant` for an
    /// expired or reused code), [`Error::Transport`] when no answer came.
    pub async fn exchange_code(&self, exchange: &CodeExchange) -> Result<ThreeLeggedToken, Error> {
        let oauth = self.oauth_config()?;
        let (url, response) = self
            .oauth_send(exchange.token_request(&oauth), "authorization_code")
            .await?;
        ThreeLeggedToken::from_response(&response, SystemTime::now())
            .map_err(|source| Error::OAuth { url, source })
    }

    /// Trades a refresh token for a new access token (the token source
    /// does this by itself; this is for your own token handling).
    ///
    /// ```no_run
    /// # async fn run(client: linkedin_reqwest::Client, mut tokens: linkedin_reqwest::oauth::TokenSet) -> Result<(), linkedin_reqwest::Error> {
    /// if let Some(refresh_token) = tokens.refresh_token.clone() {
    ///     tokens.apply_refresh(client.refresh(&refresh_token).await?);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`exchange_code`](Self::exchange_code); an expired or revoked
    /// refresh token is an [`Error::OAuth`] (the member must authorize
    /// again).
    pub async fn refresh(&self, refresh_token: &RefreshToken) -> Result<RefreshedToken, Error> {
        let oauth = self.oauth_config()?;
        let (url, response) = self
            .oauth_send(oauth.refresh_request(refresh_token), "refresh_token")
            .await?;
        RefreshedToken::from_response(&response, SystemTime::now())
            .map_err(|source| Error::OAuth { url, source })
    }

    /// Fetches a 2-legged (application) token with the client credentials
    /// grant.
    ///
    /// ```no_run
    /// # async fn run(client: linkedin_reqwest::Client) -> Result<(), linkedin_reqwest::Error> {
    /// let app_token = client.client_credentials().await?;
    /// println!("expires at {:?}", app_token.expires_at);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`exchange_code`](Self::exchange_code);
    /// `unauthorized_client` when the application may not use this grant.
    pub async fn client_credentials(&self) -> Result<TwoLeggedToken, Error> {
        let oauth = self.oauth_config()?;
        let (url, response) = self
            .oauth_send(oauth.client_credentials_request(), "client_credentials")
            .await?;
        TwoLeggedToken::from_response(&response, SystemTime::now())
            .map_err(|source| Error::OAuth { url, source })
    }

    /// Asks LinkedIn about a token: active or not, its scopes, expiry and
    /// status.
    ///
    /// ```no_run
    /// # async fn run(client: linkedin_reqwest::Client, token: linkedin_reqwest::oauth::AccessToken) -> Result<(), linkedin_reqwest::Error> {
    /// let info = client.introspect(&token).await?;
    /// println!("active: {}, scopes: {:?}", info.active, info.scopes);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`exchange_code`](Self::exchange_code).
    pub async fn introspect(&self, token: &AccessToken) -> Result<Introspection, Error> {
        let oauth = self.oauth_config()?;
        let (url, response) = self
            .oauth_send(oauth.introspect_request(token), "introspect")
            .await?;
        Introspection::from_response(&response).map_err(|source| Error::OAuth { url, source })
    }
}
