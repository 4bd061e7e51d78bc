//! Access tokens that renew themselves ahead of expiry, once for all callers.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use linkedin_oauth::{AccessToken, OAuthConfig, TokenSet};
use restli_codec::transport::AsyncHttpClient;

use crate::client::Client;
use crate::error::{Error, TokenError};

/// How long before expiry a token is renewed, unless set with
/// [`TokenSource::refresh_ahead`].
pub const DEFAULT_REFRESH_AHEAD: Duration = Duration::from_secs(5 * 60);

/// After a failed renewal while the current token is still valid, how long
/// callers keep using it before the next renewal is tried.
const RETRY_RENEWAL_AFTER: Duration = Duration::from_secs(10);

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
    renewal: Renewal,
    skew: Duration,
    on_refresh: Option<OnRefresh>,
    tokens: Mutex<Option<TokenSet>>,
    /// Held while a renewal is in flight; callers queue behind it.
    flight: tokio::sync::Mutex<Flight>,
    /// Number of renewals finished, readable without the flight lock.
    finished: AtomicU64,
}

/// How a token is renewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Renewal {
    RefreshToken,
    ClientCredentials,
}

/// What the last renewal left behind.
#[derive(Default)]
struct Flight {
    finished: u64,
    failure: Option<(Arc<Error>, Instant)>,
}

impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSource")
            .field("oauth", &self.oauth)
            .field("renewal", &self.renewal)
            .field("refresh_ahead", &self.skew)
            .field("tokens", &self.current())
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
        TokenSource::with(oauth, Renewal::RefreshToken, Some(tokens))
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
        TokenSource::with(oauth, Renewal::ClientCredentials, None)
    }

    fn with(oauth: OAuthConfig, renewal: Renewal, tokens: Option<TokenSet>) -> Self {
        TokenSource {
            oauth,
            renewal,
            skew: DEFAULT_REFRESH_AHEAD,
            on_refresh: None,
            tokens: Mutex::new(tokens),
            flight: tokio::sync::Mutex::new(Flight::default()),
            finished: AtomicU64::new(0),
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
        self.skew = skew;
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
        self.tokens
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The current access token if it does not need renewing at `now`.
    fn fresh(&self, now: SystemTime) -> Option<AccessToken> {
        let tokens = self.tokens.lock().unwrap_or_else(PoisonError::into_inner);
        tokens
            .as_ref()
            .filter(|t| !t.needs_refresh(now, self.skew))
            .map(|t| t.access_token.clone())
    }

    /// The current access token if it has not expired at `now`.
    fn still_valid(&self, now: SystemTime) -> Option<AccessToken> {
        let tokens = self.tokens.lock().unwrap_or_else(PoisonError::into_inner);
        tokens
            .as_ref()
            .filter(|t| !t.is_expired(now))
            .map(|t| t.access_token.clone())
    }

    /// A valid access token, renewed first if it expires soon.
    pub(crate) async fn access_token<H: AsyncHttpClient>(
        &self,
        client: &Client<H>,
    ) -> Result<AccessToken, Error> {
        if let Some(token) = self.fresh(SystemTime::now()) {
            return Ok(token);
        }
        let seen = self.finished.load(Ordering::Acquire);
        let mut flight = self.flight.lock().await;
        let now = SystemTime::now();
        // Someone else may have renewed while this caller waited.
        if let Some(token) = self.fresh(now) {
            return Ok(token);
        }
        if let Some((failure, at)) = &flight.failure {
            // A renewal that this caller waited for failed: share its outcome
            // rather than sending another request at once.
            let cooling_down =
                at.elapsed() < RETRY_RENEWAL_AFTER && self.still_valid(now).is_some();
            if flight.finished != seen || cooling_down {
                return self.after_failure(failure.clone(), now);
            }
        }
        let renewal = match self.renew(client, now).await {
            Ok(Some(tokens)) => Ok(tokens),
            // Nothing to renew with: use the token while it lasts.
            Ok(None) => {
                return self
                    .still_valid(now)
                    .ok_or(Error::Token(TokenError::Expired {
                        reason: self.why_not_renewable(now),
                    }));
            }
            Err(err) => Err(err),
        };
        flight.finished += 1;
        self.finished.store(flight.finished, Ordering::Release);
        match renewal {
            Ok(tokens) => {
                flight.failure = None;
                let token = tokens.access_token.clone();
                if let Some(callback) = &self.on_refresh {
                    callback(&tokens);
                }
                *self.tokens.lock().unwrap_or_else(PoisonError::into_inner) = Some(tokens);
                tracing::debug!(target: "linkedin_reqwest", "access token renewed");
                Ok(token)
            }
            Err(err) => {
                let failure = Arc::new(err);
                flight.failure = Some((failure.clone(), Instant::now()));
                self.after_failure(failure, now)
            }
        }
    }

    /// What a caller gets after a failed renewal: the old token while it is
    /// valid, else the failure.
    fn after_failure(&self, failure: Arc<Error>, now: SystemTime) -> Result<AccessToken, Error> {
        match self.still_valid(now) {
            Some(token) => {
                tracing::warn!(
                    target: "linkedin_reqwest",
                    error = %failure,
                    "renewing the access token failed; using the current one until it expires"
                );
                Ok(token)
            }
            None => Err(Error::Token(TokenError::RefreshFailed { source: failure })),
        }
    }

    fn why_not_renewable(&self, now: SystemTime) -> &'static str {
        let tokens = self.tokens.lock().unwrap_or_else(PoisonError::into_inner);
        match tokens.as_ref() {
            Some(t) if t.refresh_token.is_some() && !t.can_refresh(now) => {
                "the refresh token has expired too; the member must authorize the application again"
            }
            _ => {
                "the token set has no refresh token; authorize again, or use \
                 `TokenSource::client_credentials` for 2-legged tokens"
            }
        }
    }

    /// Sends the renewal request: `Ok(None)` when there is nothing to renew
    /// with (no refresh token, or an expired one).
    async fn renew<H: AsyncHttpClient>(
        &self,
        client: &Client<H>,
        now: SystemTime,
    ) -> Result<Option<TokenSet>, Error> {
        let oauth = client.oauth_with_base(&self.oauth);
        match self.renewal {
            Renewal::ClientCredentials => {
                let token = client.client_credentials_with(&oauth).await?;
                Ok(Some(token.into_token_set()))
            }
            Renewal::RefreshToken => {
                let Some(mut tokens) = self.current() else {
                    return Ok(None);
                };
                let refresh_token = match &tokens.refresh_token {
                    Some(refresh_token) if tokens.can_refresh(now) => refresh_token.clone(),
                    _ => return Ok(None),
                };
                let refreshed = client.refresh_with(&oauth, &refresh_token).await?;
                tokens.apply_refresh(refreshed);
                Ok(Some(tokens))
            }
        }
    }
}
