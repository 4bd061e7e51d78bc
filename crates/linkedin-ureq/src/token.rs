//! [`TokenSource`]: an access token that renews itself ahead of expiry,
//! once, however many threads ask for it at the same time.

use std::fmt;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use linkedin_oauth::{AccessToken, OAuthConfig, RefreshToken, RefreshedToken, TokenSet};
use restli_codec::retry::TransportFailure;
use restli_codec::transport::HttpClient;

use crate::client::Client;
use crate::error::{Error, TokenError, TransportFailed};

/// How long before expiry a token is renewed, unless set with
/// [`TokenSource::refresh_ahead`]: 5 minutes.
///
/// ```
/// assert_eq!(linkedin_ureq::DEFAULT_REFRESH_AHEAD.as_secs(), 300);
/// ```
pub const DEFAULT_REFRESH_AHEAD: Duration = Duration::from_secs(5 * 60);

/// After a failed renewal, how long its failure is reused before another
/// renewal is tried: the still-valid token is used meanwhile, or, once it
/// has expired, the failure is returned without asking LinkedIn again.
const RETRY_RENEWAL_AFTER: Duration = Duration::from_secs(10);

type OnRefresh = Box<dyn Fn(&TokenSet) + Send + Sync>;

/// An access token that renews itself: a 3-legged [`TokenSet`] refreshed
/// with its refresh token, or a 2-legged token fetched with the client
/// credentials grant.
///
/// Give it to [`ClientBuilder::token_source`](crate::ClientBuilder::token_source).
/// Before each request the client asks it for a token; when the token
/// expires within [`refresh_ahead`](Self::refresh_ahead) (5 minutes by
/// default) it is renewed first, through the client's own HTTP agent.
/// Renewal is **single-flight**: however many threads are waiting, one
/// renewal request goes out and all of them use its token, or all of them
/// receive its error ([`TokenError::RefreshFailed`]). If a renewal fails
/// while the current token is still valid, the current token keeps being
/// used (and renewal is tried again 10 seconds later).
///
/// Persist renewed tokens with [`on_refresh`](Self::on_refresh), or read
/// them with [`Client::tokens`].
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use linkedin_ureq::{Client, TokenSource};
/// use linkedin_ureq::oauth::{AccessToken, ClientId, ClientSecret, OAuthConfig, RefreshToken, TokenSet};
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
/// # Ok::<(), linkedin_ureq::Error>(())
/// ```
pub struct TokenSource {
    oauth: OAuthConfig,
    renewal: Renewal,
    skew: Duration,
    on_refresh: Option<OnRefresh>,
    state: Mutex<State>,
    /// Signalled whenever a renewal ends, however it ends.
    renewed: Condvar,
}

/// How a token is renewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Renewal {
    RefreshToken,
    ClientCredentials,
}

struct State {
    tokens: Option<TokenSet>,
    renewing: bool,
    /// Incremented whenever a renewal ends.
    generation: u64,
    /// The failure of the last renewal, if it failed.
    last_failure: Option<Arc<Error>>,
    /// Until when that failure is reused instead of renewing again.
    retry_not_before: Option<SystemTime>,
}

/// What a renewal brought back.
enum Renewed {
    Refreshed(RefreshedToken),
    Fetched(TokenSet),
}

impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `TokenSet`'s Debug redacts every token.
        let state = self.lock();
        f.debug_struct("TokenSource")
            .field("oauth", &self.oauth)
            .field("renewal", &self.renewal)
            .field("refresh_ahead", &self.skew)
            .field("tokens", &state.tokens)
            .field("renewing", &state.renewing)
            .finish_non_exhaustive()
    }
}

impl TokenSource {
    /// A 3-legged token set, refreshed with its refresh token by the
    /// application `oauth`.
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use linkedin_ureq::TokenSource;
    /// use linkedin_ureq::oauth::{AccessToken, ClientId, ClientSecret, OAuthConfig, TokenSet};
    ///
    /// let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"));
    /// let source = TokenSource::new(oauth, TokenSet::new(AccessToken::new("AQV"), SystemTime::now()));
    /// assert!(!format!("{source:?}").contains("AQV"));
    /// ```
    pub fn new(oauth: OAuthConfig, tokens: TokenSet) -> Self {
        TokenSource::with(oauth, Renewal::RefreshToken, Some(tokens))
    }

    /// A 2-legged (application) token, fetched with the client credentials
    /// grant on first use and again ahead of each expiry.
    ///
    /// ```
    /// use linkedin_ureq::TokenSource;
    /// use linkedin_ureq::oauth::{ClientId, ClientSecret, OAuthConfig};
    ///
    /// let source = TokenSource::client_credentials(OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret")));
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
            state: Mutex::new(State {
                tokens,
                renewing: false,
                generation: 0,
                last_failure: None,
                retry_not_before: None,
            }),
            renewed: Condvar::new(),
        }
    }

    /// Renews tokens that expire within `skew` (default
    /// [`DEFAULT_REFRESH_AHEAD`]).
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use linkedin_ureq::TokenSource;
    /// use linkedin_ureq::oauth::{AccessToken, ClientId, ClientSecret, OAuthConfig, TokenSet};
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
    /// persist it. Other threads wait for the renewal while it runs: keep
    /// it short (hand the tokens to a channel if storing them is slow).
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// use linkedin_ureq::TokenSource;
    /// use linkedin_ureq::oauth::{ClientId, ClientSecret, OAuthConfig, TokenSet};
    ///
    /// let saved: Arc<Mutex<Option<TokenSet>>> = Arc::default();
    /// let sink = Arc::clone(&saved);
    /// let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"));
    /// let source = TokenSource::client_credentials(oauth)
    ///     .on_refresh(move |tokens| *sink.lock().unwrap() = Some(tokens.clone()));
    /// # let _ = source;
    /// ```
    pub fn on_refresh(mut self, callback: impl Fn(&TokenSet) + Send + Sync + 'static) -> Self {
        self.on_refresh = Some(Box::new(callback));
        self
    }

    /// The OAuth application renewals use.
    ///
    /// ```
    /// use linkedin_ureq::TokenSource;
    /// use linkedin_ureq::oauth::{ClientId, ClientSecret, OAuthConfig};
    ///
    /// let source = TokenSource::client_credentials(OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s")));
    /// assert_eq!(source.oauth().client_id().as_str(), "id");
    /// ```
    pub fn oauth(&self) -> &OAuthConfig {
        &self.oauth
    }

    /// The current token set (`None` for a 2-legged source before its first
    /// fetch).
    pub(crate) fn current(&self) -> Option<TokenSet> {
        self.lock().tokens.clone()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A valid access token, renewed first (through `client`'s HTTP stack)
    /// if it expires within the skew.
    pub(crate) fn access_token<H: HttpClient>(
        &self,
        client: &Client<H>,
    ) -> Result<AccessToken, Error> {
        let mut state = self.lock();
        let now = SystemTime::now();
        if let Some(tokens) = &state.tokens
            && !tokens.needs_refresh(now, self.skew)
        {
            return Ok(tokens.access_token.clone());
        }
        if state.renewing {
            let generation = state.generation;
            while state.renewing && state.generation == generation {
                state = self
                    .renewed
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            // The renewal waited for is over: its token (even one that itself
            // expires within the skew), or its failure.
            return match state.last_failure.clone() {
                Some(failure) => after_failure(&state, failure),
                None => state
                    .tokens
                    .as_ref()
                    .map(|t| t.access_token.clone())
                    .ok_or(Error::Token(TokenError::Missing)),
            };
        }
        let refresh_token = match self.renewal {
            Renewal::ClientCredentials => None,
            Renewal::RefreshToken => match state.tokens.as_ref().and_then(|t| renewable(t, now)) {
                Some(refresh_token) => Some(refresh_token),
                // Nothing to refresh with: use the token while it lasts.
                None => return still_valid(&state, now).ok_or_else(|| expired(&state, now)),
            },
        };
        if let (Some(not_before), Some(failure)) = (state.retry_not_before, &state.last_failure)
            && now < not_before
        {
            let failure = Arc::clone(failure);
            return after_failure(&state, failure);
        }
        state.renewing = true;
        drop(state);

        // The renewal request goes out without the lock; the other callers
        // sleep on the condition variable.
        let mut in_flight = InFlight {
            source: self,
            armed: true,
        };
        let outcome = self.renew(client, refresh_token.as_ref());

        let mut state = self.lock();
        let result = match outcome {
            Ok(renewed) => {
                let tokens = match (renewed, state.tokens.take()) {
                    (Renewed::Refreshed(refreshed), Some(mut tokens)) => {
                        tokens.apply_refresh(refreshed);
                        tokens
                    }
                    (Renewed::Refreshed(refreshed), None) => {
                        TokenSet::new(refreshed.access_token, refreshed.expires_at)
                    }
                    (Renewed::Fetched(tokens), _) => tokens,
                };
                state.tokens = Some(tokens.clone());
                state.last_failure = None;
                state.retry_not_before = None;
                tracing::info!("access token renewed");
                Ok(tokens)
            }
            Err(err) => {
                let failure = Arc::new(err);
                state.last_failure = Some(Arc::clone(&failure));
                state.retry_not_before = SystemTime::now().checked_add(RETRY_RENEWAL_AFTER);
                Err(failure)
            }
        };
        // The callback runs without the lock (so it may read the client's
        // tokens) but before the waiters are released.
        if let (Ok(tokens), Some(callback)) = (&result, &self.on_refresh) {
            drop(state);
            callback(tokens);
            state = self.lock();
        }
        in_flight.armed = false;
        state.renewing = false;
        state.generation = state.generation.wrapping_add(1);
        self.renewed.notify_all();
        match result {
            Ok(tokens) => Ok(tokens.access_token),
            Err(failure) => after_failure(&state, failure),
        }
    }

    fn renew<H: HttpClient>(
        &self,
        client: &Client<H>,
        refresh_token: Option<&RefreshToken>,
    ) -> Result<Renewed, Error> {
        let oauth = client.oauth_with_base(&self.oauth);
        match refresh_token {
            Some(refresh_token) => client
                .refresh_with(&oauth, refresh_token)
                .map(Renewed::Refreshed),
            None => client
                .client_credentials_with(&oauth)
                .map(|token| Renewed::Fetched(token.into_token_set())),
        }
    }
}

/// The refresh token, if the set can be refreshed at `now`.
fn renewable(tokens: &TokenSet, now: SystemTime) -> Option<RefreshToken> {
    tokens
        .refresh_token
        .as_ref()
        .filter(|_| tokens.can_refresh(now))
        .cloned()
}

fn still_valid(state: &State, now: SystemTime) -> Option<AccessToken> {
    state
        .tokens
        .as_ref()
        .filter(|t| !t.is_expired(now))
        .map(|t| t.access_token.clone())
}

fn expired(state: &State, now: SystemTime) -> Error {
    let reason = match &state.tokens {
        Some(tokens) if tokens.refresh_token.is_some() && !tokens.can_refresh(now) => {
            "its refresh token has expired too; the member must authorize the application again"
        }
        _ => {
            "the token set has no refresh token; run the authorization flow again, or use `TokenSource::client_credentials` for 2-legged tokens"
        }
    };
    Error::Token(TokenError::Expired { reason })
}

/// After a failed renewal: the current token while it is still valid, else
/// the failure.
fn after_failure(state: &State, failure: Arc<Error>) -> Result<AccessToken, Error> {
    match still_valid(state, SystemTime::now()) {
        Some(token) => {
            tracing::warn!(
                error = %failure,
                "renewing the access token failed; using the current one until it expires"
            );
            Ok(token)
        }
        None => Err(Error::Token(TokenError::RefreshFailed { source: failure })),
    }
}

/// Marks a renewal in flight; if the renewing thread unwinds, the waiting
/// threads wake with an error instead of waiting forever.
struct InFlight<'a> {
    source: &'a TokenSource,
    armed: bool,
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        if self.armed {
            let mut state = self.source.lock();
            state.renewing = false;
            state.generation = state.generation.wrapping_add(1);
            let url = self.source.oauth.base().as_str().to_owned();
            state.last_failure = Some(Arc::new(
                TransportFailed::new(TransportFailure::Other, url, 1, RenewalPanicked).into(),
            ));
            state.retry_not_before = None;
            self.source.renewed.notify_all();
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the thread renewing the access token panicked; the next call tries again")]
struct RenewalPanicked;
