//! [`TokenSource`]: an access token that renews itself ahead of expiry,
//! once, however many threads ask for it at the same time.

use std::fmt;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use linkedin_client_core::ManagedTokens;
use linkedin_oauth::{
    AccessToken, OAuthConfig, RenewalDecision, TokenLifecycle, TokenOutcome, TokenSet,
};
use restli_codec::retry::TransportFailure;
use restli_codec::transport::HttpClient;

use crate::client::Client;
use crate::drive;
use crate::{Error, TokenError, TransportFailed};

pub use linkedin_oauth::DEFAULT_REFRESH_AHEAD;

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
    on_refresh: Option<OnRefresh>,
    state: Mutex<State>,
    /// Signalled whenever a renewal ends, however it ends.
    renewed: Condvar,
}

struct State {
    /// The renewal decisions and the current tokens.
    lifecycle: TokenLifecycle<Arc<Error>>,
    /// True while one thread sends a renewal; the others wait on `renewed`.
    renewing: bool,
}

impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The lifecycle's Debug redacts every token.
        let state = self.lock();
        f.debug_struct("TokenSource")
            .field("oauth", &self.oauth)
            .field("lifecycle", &state.lifecycle)
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
        TokenSource::with(oauth, TokenLifecycle::new(tokens))
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
        TokenSource::with(oauth, TokenLifecycle::client_credentials())
    }

    fn with(oauth: OAuthConfig, lifecycle: TokenLifecycle<Arc<Error>>) -> Self {
        TokenSource {
            oauth,
            on_refresh: None,
            state: Mutex::new(State {
                lifecycle,
                renewing: false,
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
        let state = self.state.get_mut().unwrap_or_else(PoisonError::into_inner);
        state.lifecycle = state.lifecycle.clone().refresh_ahead(skew);
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
        self.lock().lifecycle.tokens().cloned()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A valid access token, renewed first (through `client`'s HTTP stack)
    /// if it expires within the skew. The decisions are the lifecycle's;
    /// this only lets one thread renew while the others wait, and sends.
    pub(crate) fn access_token<H: HttpClient>(
        &self,
        client: &Client<H>,
    ) -> Result<AccessToken, Error> {
        let mut state = self.lock();
        if let Some(token) = state.lifecycle.fresh(SystemTime::now()) {
            return Ok(token);
        }
        let seen = state.lifecycle.generation();
        let oauth = client.oauth_with_base(&self.oauth);
        // Bounded: each round either answers, or waits for a renewal in
        // flight to end (which changes the generation, after which the
        // next round answers).
        let request = loop {
            let waiting_for = state.lifecycle.generation();
            while state.renewing && state.lifecycle.generation() == waiting_for {
                state = self
                    .renewed
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            // Re-checked after waking: the renewal this caller waited for
            // may have left a token to share.
            match state.lifecycle.decide(SystemTime::now(), &oauth, seen) {
                RenewalDecision::Ready(outcome) => return answer(outcome),
                RenewalDecision::Renew(request) => {
                    if state.lifecycle.generation() != seen
                        && let Some(tokens) = state.lifecycle.tokens()
                    {
                        // A renewal succeeded while this caller waited, and
                        // its token already counts as stale (a server
                        // answering `expires_in: 0`, or a lifetime shorter
                        // than the refresh-ahead window): use it rather
                        // than renew once per waiter.
                        return Ok(tokens.access_token.clone());
                    }
                    if state.renewing {
                        // Another caller started a renewal meanwhile.
                        continue;
                    }
                    break request;
                }
            }
        };
        state.renewing = true;
        drop(state);

        // The renewal request goes out without the lock; the other callers
        // sleep on the condition variable.
        let mut in_flight = InFlight {
            source: self,
            armed: true,
        };
        let url = request.uri().to_string();
        let sent = drive::send_oauth(
            client.http(),
            request,
            client.retry_policy(),
            client.timeout(),
        );

        let now = SystemTime::now();
        let mut state = self.lock();
        let renewed = sent.and_then(|response| {
            state
                .lifecycle
                .on_response(&response, now)
                .cloned()
                .map_err(|source| Error::oauth(url, source))
        });
        let result = match renewed {
            Ok(tokens) => {
                tracing::info!("access token renewed");
                Ok(tokens)
            }
            Err(err) => Err(state.lifecycle.on_failure(Arc::new(err), now)),
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
        self.renewed.notify_all();
        drop(state);
        match result {
            Ok(tokens) => Ok(tokens.access_token),
            Err(outcome) => answer(outcome),
        }
    }
}

/// A caller's answer, from the lifecycle's outcome (a failed renewal whose
/// token is still valid is logged).
fn answer(outcome: TokenOutcome<Arc<Error>>) -> Result<AccessToken, Error> {
    TokenError::answer(outcome, |failure| {
        tracing::warn!(
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
            let url = self.source.oauth.base().as_str().to_owned();
            state.lifecycle.on_abandoned(Arc::new(
                TransportFailed::new(TransportFailure::Other, url, 1, RenewalPanicked).into(),
            ));
            self.source.renewed.notify_all();
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the thread renewing the access token panicked; the next call tries again")]
struct RenewalPanicked;
