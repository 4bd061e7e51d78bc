//! Access tokens that renew themselves ahead of expiry, once for all callers.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use linkedin_client_core::ManagedTokens;
use linkedin_oauth::{
    AccessToken, OAuthConfig, RenewalDecision, TokenLifecycle, TokenOutcome, TokenSet,
};
use restli_codec::transport::AsyncHttpClient;

use crate::client::Client;
use crate::{Error, TokenError};

pub use linkedin_oauth::DEFAULT_REFRESH_AHEAD;

/// Callback receiving each renewed [`TokenSet`].
type OnRefresh = Arc<dyn Fn(&TokenSet) + Send + Sync>;

/// An access token that renews itself: a 3-legged [`TokenSet`] refreshed
/// with its refresh token, or a 2-legged token fetched with the client
/// credentials grant.
///
/// Give it to [`ClientBuilder::token_source`](crate::ClientBuilder::token_source).
/// Before each request the client asks it for a token; when the token
/// expires within [`refresh_ahead`](Self::refresh_ahead) (5 minutes by
/// default) it is renewed first. Renewal is **single-flight**: however many
/// requests are waiting, one renewal request goes out and all of them use
/// its result, or all of them receive its error
/// ([`TokenError::RefreshFailed`]). If a renewal fails while the current
/// token is still valid, the current token keeps being used (and renewal is
/// retried 10 seconds later).
///
/// Persist renewed tokens with [`on_refresh`](Self::on_refresh), or read
/// them with [`Client::tokens`].
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use linkedin_reqwest::{Client, TokenSource};
/// use linkedin_reqwest::oauth::{AccessToken, ClientId, ClientSecret, OAuthConfig, RefreshToken, TokenSet};
///
/// let oauth = OAuthConfig::new(ClientId::new("86abc123"), ClientSecret::new("s3cr3t"));
/// let tokens = TokenSet::new(AccessToken::new("AQV..."), SystemTime::now() + Duration::from_secs(3600))
///     .with_refresh_token(RefreshToken::new("AQX..."), None);
/// let source = TokenSource::new(oauth, tokens)
///     .refresh_ahead(Duration::from_secs(600))
///     .on_refresh(|tokens| {
///         // Store `tokens` (serde) where the next run finds them.
///         let _json = serde_json::to_string(tokens);
///     });
/// let client = Client::builder().token_source(source).build()?;
/// assert!(client.tokens().is_some());
/// # Ok::<(), linkedin_reqwest::Error>(())
/// ```
pub struct TokenSource {
    oauth: OAuthConfig,
    on_refresh: Option<OnRefresh>,
    /// The renewal decisions and the current tokens.
    state: Mutex<TokenLifecycle<Arc<Error>>>,
    /// Held while a renewal is in flight; callers queue behind it.
    flight: tokio::sync::Mutex<()>,
}

impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The lifecycle's Debug redacts every token.
        f.debug_struct("TokenSource")
            .field("oauth", &self.oauth)
            .field("state", &*self.lock())
            .finish_non_exhaustive()
    }
}

impl TokenSource {
    /// A 3-legged token set, refreshed with its refresh token by the
    /// application `oauth`.
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use linkedin_reqwest::TokenSource;
    /// use linkedin_reqwest::oauth::{AccessToken, ClientId, ClientSecret, OAuthConfig, TokenSet};
    ///
    /// let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"));
    /// let source = TokenSource::new(oauth, TokenSet::new(AccessToken::new("AQV"), SystemTime::now()));
    /// assert!(!format!("{source:?}").contains("AQV"));
    /// ```
    pub fn new(oauth: OAuthConfig, tokens: TokenSet) -> Self {
        TokenSource::with(oauth, TokenLifecycle::new(tokens))
    }

    /// A 2-legged (application) token, fetched with the client credentials
    /// grant on first use and fetched again ahead of each expiry.
    ///
    /// ```
    /// use linkedin_reqwest::TokenSource;
    /// use linkedin_reqwest::oauth::{ClientId, ClientSecret, OAuthConfig};
    ///
    /// let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"));
    /// let source = TokenSource::client_credentials(oauth);
    /// # let _ = source;
    /// ```
    pub fn client_credentials(oauth: OAuthConfig) -> Self {
        TokenSource::with(oauth, TokenLifecycle::client_credentials())
    }

    fn with(oauth: OAuthConfig, lifecycle: TokenLifecycle<Arc<Error>>) -> Self {
        TokenSource {
            oauth,
            on_refresh: None,
            state: Mutex::new(lifecycle),
            flight: tokio::sync::Mutex::new(()),
        }
    }

    /// Renews tokens that expire within `skew` (default 5 minutes).
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use linkedin_reqwest::TokenSource;
    /// use linkedin_reqwest::oauth::{AccessToken, ClientId, ClientSecret, OAuthConfig, TokenSet};
    ///
    /// let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"));
    /// let tokens = TokenSet::new(AccessToken::new("AQV"), SystemTime::now() + Duration::from_secs(3600));
    /// let source = TokenSource::new(oauth, tokens).refresh_ahead(Duration::from_secs(60));
    /// # let _ = source;
    /// ```
    pub fn refresh_ahead(mut self, skew: Duration) -> Self {
        let lifecycle = self.state.get_mut().unwrap_or_else(PoisonError::into_inner);
        *lifecycle = lifecycle.clone().refresh_ahead(skew);
        self
    }

    /// Calls `callback` with the whole token set after each renewal, to
    /// persist it. The callback runs while other callers wait for the
    /// renewal: keep it short (hand the tokens to a channel if storing them
    /// is slow).
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// use linkedin_reqwest::TokenSource;
    /// use linkedin_reqwest::oauth::{ClientId, ClientSecret, OAuthConfig, TokenSet};
    ///
    /// let saved: Arc<Mutex<Option<TokenSet>>> = Arc::default();
    /// let sink = saved.clone();
    /// let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"));
    /// let source = TokenSource::client_credentials(oauth)
    ///     .on_refresh(move |tokens| *sink.lock().unwrap() = Some(tokens.clone()));
    /// # let _ = source;
    /// ```
    pub fn on_refresh(mut self, callback: impl Fn(&TokenSet) + Send + Sync + 'static) -> Self {
        self.on_refresh = Some(Arc::new(callback));
        self
    }

    /// The OAuth application renewals use.
    ///
    /// ```
    /// use linkedin_reqwest::TokenSource;
    /// use linkedin_reqwest::oauth::{ClientId, ClientSecret, OAuthConfig};
    ///
    /// let source = TokenSource::client_credentials(OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s")));
    /// assert_eq!(source.oauth().client_id().as_str(), "id");
    /// ```
    pub fn oauth(&self) -> &OAuthConfig {
        &self.oauth
    }

    /// The current token set (`None` for a 2-legged source before its
    /// first fetch).
    pub(crate) fn current(&self) -> Option<TokenSet> {
        self.lock().tokens().cloned()
    }

    fn lock(&self) -> MutexGuard<'_, TokenLifecycle<Arc<Error>>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A valid access token, renewed first if it expires soon. The
    /// decisions are the lifecycle's; this only queues callers behind one
    /// renewal and sends it.
    pub(crate) async fn access_token<H: AsyncHttpClient>(
        &self,
        client: &Client<H>,
    ) -> Result<AccessToken, Error> {
        let seen = {
            let state = self.lock();
            if let Some(token) = state.fresh(SystemTime::now()) {
                return Ok(token);
            }
            state.generation()
        };
        let _flight = self.flight.lock().await;
        let oauth = client.oauth_with_base(&self.oauth);
        let (request, grant) = {
            let state = self.lock();
            match state.decide(SystemTime::now(), &oauth, seen) {
                RenewalDecision::Ready(outcome) => return answer(outcome),
                RenewalDecision::Renew(request) => {
                    if state.generation() != seen
                        && let Some(tokens) = state.tokens()
                    {
                        // A renewal succeeded while this caller queued,
                        // and its token already counts as stale (a server
                        // answering `expires_in: 0`, or a lifetime shorter
                        // than the refresh-ahead window): use it rather
                        // than renew once per queued caller.
                        return Ok(tokens.access_token.clone());
                    }
                    (request, state.grant())
                }
            }
        };
        let sent = client.oauth_send(request, grant.as_str()).await;
        let now = SystemTime::now();
        let mut state = self.lock();
        let renewed = sent.and_then(|(url, response)| {
            state
                .on_response(&response, now)
                .cloned()
                .map_err(|source| Error::oauth(url, source))
        });
        match renewed {
            Ok(tokens) => {
                drop(state);
                tracing::debug!(target: "linkedin_reqwest", "access token renewed");
                // Other callers stay queued on the flight lock meanwhile.
                if let Some(callback) = &self.on_refresh {
                    callback(&tokens);
                }
                Ok(tokens.access_token)
            }
            Err(err) => answer(state.on_failure(Arc::new(err), now)),
        }
    }
}

/// A caller's answer, from the lifecycle's outcome (a failed renewal whose
/// token is still valid is logged).
fn answer(outcome: TokenOutcome<Arc<Error>>) -> Result<AccessToken, Error> {
    TokenError::answer(outcome, |failure| {
        tracing::warn!(
            target: "linkedin_reqwest",
            error = %failure,
            "renewing the access token failed; using the current one until it expires"
        );
    })
}

impl ManagedTokens for TokenSource {
    fn oauth(&self) -> &OAuthConfig {
        &self.oauth
    }

    fn current(&self) -> Option<TokenSet> {
        TokenSource::current(self)
    }
}
