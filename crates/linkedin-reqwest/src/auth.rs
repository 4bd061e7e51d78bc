//! The OAuth calls: the requests `linkedin_oauth` builds, sent by the
//! client's HTTP stack (no redirects followed, retried only on 429).

use std::time::SystemTime;

use linkedin_client_core::{CallSpan, OAuthCall};
use linkedin_oauth::{
    AccessToken, CodeExchange, Introspection, RefreshToken, RefreshedToken, ThreeLeggedToken,
    TwoLeggedToken,
};
use restli_codec::transport::AsyncHttpClient;
use tracing::Instrument;

use crate::Error;
use crate::client::Client;

impl<H: AsyncHttpClient> Client<H> {
    /// Sends an OAuth call (only 429 is retried, as for an ACTION) and
    /// parses its answer.
    pub(crate) async fn oauth<T>(&self, call: OAuthCall<T>) -> Result<T, Error> {
        let mut span = CallSpan::oauth(call.url(), call.grant());
        let (mut exchange, answer) = call.start(self.retry_policy());
        let current = span.span().clone();
        let result = async {
            let response = self.run(&mut exchange, &mut span).await?;
            answer.finish(response, SystemTime::now())
        }
        .instrument(current)
        .await;
        span.finish(&result);
        result
    }

    /// Exchanges the authorization code of a finished 3-legged
    /// authorization for tokens.
    ///
    /// ```no_run
    /// use linkedin::Client;
    /// use linkedin::oauth::{AuthorizationCodeFlow, ClientId, ClientSecret, OAuthConfig, RedirectUrl};
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
        self.oauth(OAuthCall::exchange_code(&self.oauth_app()?, exchange))
            .await
    }

    /// Trades a refresh token for a new access token (the token source
    /// does this by itself; this is for your own token handling).
    ///
    /// ```no_run
    /// # async fn run(client: linkedin::Client, mut tokens: linkedin::oauth::TokenSet) -> Result<(), linkedin::Error> {
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
        self.oauth(OAuthCall::refresh(&self.oauth_app()?, refresh_token))
            .await
    }

    /// Fetches a 2-legged (application) token with the client credentials
    /// grant.
    ///
    /// ```no_run
    /// # async fn run(client: linkedin::Client) -> Result<(), linkedin::Error> {
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
        self.oauth(OAuthCall::client_credentials(&self.oauth_app()?))
            .await
    }

    /// Asks LinkedIn about a token: active or not, its scopes, expiry and
    /// status.
    ///
    /// ```no_run
    /// # async fn run(client: linkedin::Client, token: linkedin::oauth::AccessToken) -> Result<(), linkedin::Error> {
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
        self.oauth(OAuthCall::introspect(&self.oauth_app()?, token))
            .await
    }
}
