//! [`TokenSource`]: an access token that renews itself ahead of expiry,
//! once for all callers. Its setup and every decision are here, written
//! once; a transport supplies the single-flight primitive `F` and the
//! sending.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use linkedin_oauth::{
    AccessToken, OAuthConfig, RenewalDecision, TokenLifecycle, TokenOutcome, TokenSet,
};

use crate::error::{Error, TokenError};
use crate::oauth_call::OAuthCall;
use crate::settings::ManagedTokens;

/// Callback receiving each renewed [`TokenSet`].
type OnRefresh = Arc<dyn Fn(&TokenSet) + Send + Sync>;

/// An access token that renews itself: a 3-legged [`TokenSet`] refreshed
/// with its refresh token, or a 2-legged token fetched with the client
/// credentials grant.
///
/// Give it to the client builder's `token_source`. Before each request the
/// client asks it for a token; when the token expires within
/// [`refresh_ahead`](Self::refresh_ahead) (5 minutes by default) it is
/// renewed first, through the client's own HTTP stack. Renewal is
/// **single-flight**: however many callers are waiting, one renewal request
/// goes out and all of them use its result, or all of them receive its
/// error ([`TokenError::RefreshFailed`]). If a renewal fails while the
/// current token is still valid, the current token keeps being used (and
/// renewal is tried again 10 seconds later).
///
/// Persist renewed tokens with [`on_refresh`](Self::on_refresh), or read
/// them with the client's `tokens()`.
///
/// `F` is the transport's single-flight primitive (a tokio mutex for
/// `linkedin-reqwest`, a condition variable for `linkedin-ureq`), which
/// names this type for it: `linkedin_reqwest::TokenSource`,
/// `linkedin_ureq::TokenSource`.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use linkedin::client_core::TokenSource;
/// use linkedin::oauth::{AccessToken, ClientId, ClientSecret, OAuthConfig, RefreshToken, TokenSet};
///
/// let oauth = OAuthConfig::new(ClientId::new("86abc123"), ClientSecret::new("s3cr3t"));
/// let tokens = TokenSet::new(AccessToken::new("AQV..."), SystemTime::now() + Duration::from_secs(3600))
///     .with_refresh_token(RefreshToken::new("AQX..."), None);
/// let source = TokenSource::<()>::new(oauth, tokens)
///     .refresh_ahead(Duration::from_secs(600))
///     .on_refresh(|tokens| {
///         // Store `tokens` (they are serde) where the next run finds them.
///         let _ = tokens;
///     });
/// assert!(!format!("{source:?}").contains("AQV"));
/// ```
pub struct TokenSource<F> {
    oauth: OAuthConfig,
    on_refresh: Option<OnRefresh>,
    state: Mutex<RenewalState>,
    flight: F,
}

impl<F> fmt::Debug for TokenSource<F> {
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

impl<F: Default> TokenSource<F> {
    /// A 3-legged token set, refreshed with its refresh token by the
    /// application `oauth`.
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use linkedin::client_core::TokenSource;
    /// use linkedin::oauth::{AccessToken, ClientId, ClientSecret, OAuthConfig, TokenSet};
    ///
    /// let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"));
    /// let source = TokenSource::<()>::new(oauth, TokenSet::new(AccessToken::new("AQV"), SystemTime::now()));
    /// assert!(!format!("{source:?}").contains("AQV"));
    /// ```
    pub fn new(oauth: OAuthConfig, tokens: TokenSet) -> Self {
        TokenSource::with(oauth, TokenLifecycle::new(tokens))
    }

    /// A 2-legged (application) token, fetched with the client credentials
    /// grant on first use and fetched again ahead of each expiry.
    ///
    /// ```
    /// use linkedin::client_core::TokenSource;
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    ///
    /// let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"));
    /// let source = TokenSource::<()>::client_credentials(oauth);
    /// assert!(source.lock().tokens().is_none());
    /// ```
    pub fn client_credentials(oauth: OAuthConfig) -> Self {
        TokenSource::with(oauth, TokenLifecycle::client_credentials())
    }

    fn with(oauth: OAuthConfig, lifecycle: TokenLifecycle<Arc<Error>>) -> Self {
        TokenSource {
            oauth,
            on_refresh: None,
            state: Mutex::new(RenewalState {
                lifecycle,
                renewing: false,
            }),
            flight: F::default(),
        }
    }
}

impl<F> TokenSource<F> {
    /// Renews tokens that expire within `skew` (default
    /// [`DEFAULT_REFRESH_AHEAD`](linkedin_oauth::DEFAULT_REFRESH_AHEAD), 5 minutes).
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use linkedin::client_core::TokenSource;
    /// use linkedin::oauth::{AccessToken, ClientId, ClientSecret, OAuthConfig, TokenSet};
    ///
    /// let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"));
    /// let now = SystemTime::now();
    /// let tokens = TokenSet::new(AccessToken::new("AQV"), now + Duration::from_secs(3600));
    /// let source = TokenSource::<()>::new(oauth, tokens).refresh_ahead(Duration::from_secs(60));
    /// assert!(source.lock().fresh(now).is_some());
    /// ```
    pub fn refresh_ahead(mut self, skew: Duration) -> Self {
        let state = self.state.get_mut().unwrap_or_else(PoisonError::into_inner);
        state.lifecycle = state.lifecycle.clone().refresh_ahead(skew);
        self
    }

    /// Calls `callback` with the whole token set after each renewal, to
    /// persist it. The callback runs while other callers wait for the
    /// renewal: keep it short (hand the tokens to a channel if storing them
    /// is slow).
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// use linkedin::client_core::TokenSource;
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig, TokenSet};
    ///
    /// let saved: Arc<Mutex<Option<TokenSet>>> = Arc::default();
    /// let sink = Arc::clone(&saved);
    /// let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"));
    /// let source = TokenSource::<()>::client_credentials(oauth)
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
    /// use linkedin::client_core::TokenSource;
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    ///
    /// let source = TokenSource::<()>::client_credentials(OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s")));
    /// assert_eq!(source.oauth().client_id().as_str(), "id");
    /// ```
    pub fn oauth(&self) -> &OAuthConfig {
        &self.oauth
    }

    /// The renewal state, locked (for the transport's single-flight loop;
    /// never hold it across IO).
    ///
    /// ```
    /// use linkedin::client_core::TokenSource;
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let source = TokenSource::<()>::client_credentials(OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s")));
    /// assert!(!source.lock().renewing());
    /// ```
    pub fn lock(&self) -> MutexGuard<'_, RenewalState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The transport's single-flight primitive.
    ///
    /// ```
    /// use linkedin::client_core::TokenSource;
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let source = TokenSource::<u8>::client_credentials(OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s")));
    /// assert_eq!(*source.flight(), 0);
    /// ```
    pub fn flight(&self) -> &F {
        &self.flight
    }

    /// After a renewal: logs it and hands `tokens` to the
    /// [`on_refresh`](Self::on_refresh) callback, if any. Call it without
    /// the [lock](Self::lock) held (the callback may read the client's
    /// tokens), before letting the waiting callers go.
    ///
    /// ```
    /// use std::sync::{Arc, atomic::{AtomicBool, Ordering}};
    /// use std::time::SystemTime;
    /// use linkedin::client_core::TokenSource;
    /// use linkedin::oauth::{AccessToken, ClientId, ClientSecret, OAuthConfig, TokenSet};
    /// let called = Arc::new(AtomicBool::new(false));
    /// let seen = Arc::clone(&called);
    /// let source = TokenSource::<()>::client_credentials(OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s")))
    ///     .on_refresh(move |_| seen.store(true, Ordering::SeqCst));
    /// source.renewed(&TokenSet::new(AccessToken::new("AQV"), SystemTime::UNIX_EPOCH));
    /// assert!(called.load(Ordering::SeqCst));
    /// ```
    pub fn renewed(&self, tokens: &TokenSet) {
        tracing::debug!("access token renewed");
        if let Some(callback) = &self.on_refresh {
            callback(tokens);
        }
    }
}

impl<F> ManagedTokens for TokenSource<F> {
    fn oauth(&self) -> &OAuthConfig {
        &self.oauth
    }

    fn current(&self) -> Option<TokenSet> {
        self.lock().lifecycle.tokens().cloned()
    }
}

/// A [`TokenSource`]'s state under its lock: the
/// [`TokenLifecycle`] (every decision) and whether a renewal is in flight.
#[derive(Debug)]
pub struct RenewalState {
    lifecycle: TokenLifecycle<Arc<Error>>,
    renewing: bool,
}

/// What a caller of a token source does next ([`RenewalState::decide`]).
#[derive(Debug)]
pub enum RenewalStep {
    /// Answer with this: a token, or why there is none.
    Answer(Result<AccessToken, Error>),
    /// Send this renewal (unless another caller is already sending one),
    /// then [`settle`](RenewalState::settle) it.
    Renew(Box<OAuthCall<http::Response<Vec<u8>>>>),
}

impl RenewalState {
    /// The current token if it does not need renewing at `now`.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use linkedin::client_core::TokenSource;
    /// use linkedin::oauth::{AccessToken, ClientId, ClientSecret, OAuthConfig, TokenSet};
    /// let now = SystemTime::now();
    /// let app = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s"));
    /// let source = TokenSource::<()>::new(app, TokenSet::new(AccessToken::new("AQV"), now + Duration::from_secs(3600)));
    /// assert_eq!(source.lock().fresh(now).map(|t| t.secret().to_owned()), Some("AQV".into()));
    /// ```
    pub fn fresh(&self, now: SystemTime) -> Option<AccessToken> {
        self.lifecycle.fresh(now)
    }

    /// The current tokens, if any.
    ///
    /// ```
    /// use linkedin::client_core::TokenSource;
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let source = TokenSource::<()>::client_credentials(OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s")));
    /// assert!(source.lock().tokens().is_none());
    /// ```
    pub fn tokens(&self) -> Option<&TokenSet> {
        self.lifecycle.tokens()
    }

    /// The number of renewals that ended so far: a caller notes it before
    /// waiting, and passes it to [`decide`](Self::decide).
    ///
    /// ```
    /// use linkedin::client_core::TokenSource;
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let source = TokenSource::<()>::client_credentials(OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s")));
    /// assert_eq!(source.lock().generation(), 0);
    /// ```
    pub fn generation(&self) -> u64 {
        self.lifecycle.generation()
    }

    /// Whether a caller is sending a renewal now.
    ///
    /// ```
    /// use linkedin::client_core::TokenSource;
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let source = TokenSource::<()>::client_credentials(OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s")));
    /// let mut state = source.lock();
    /// state.set_renewing(true);
    /// assert!(state.renewing());
    /// ```
    pub fn renewing(&self) -> bool {
        self.renewing
    }

    /// Marks a renewal as in flight, or as ended.
    ///
    /// ```
    /// use linkedin::client_core::TokenSource;
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let source = TokenSource::<()>::client_credentials(OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s")));
    /// source.lock().set_renewing(false);
    /// assert!(!source.lock().renewing());
    /// ```
    pub fn set_renewing(&mut self, renewing: bool) {
        self.renewing = renewing;
    }

    /// What a caller that noted generation `seen` before queueing does
    /// now: answer (a fresh token, a renewal's shared outcome, or why there
    /// is none), or renew with `oauth` (the application with the client's
    /// base URL override). A renewal that succeeded while the caller
    /// queued, but whose token already counts as stale (a server answering
    /// `expires_in: 0`, or a lifetime shorter than the refresh-ahead
    /// window), is used rather than renewed once per queued caller.
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use linkedin::client_core::{RenewalStep, TokenSource};
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let app = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s"));
    /// let source = TokenSource::<()>::client_credentials(app.clone());
    /// let step = source.lock().decide(SystemTime::now(), &app, 0);
    /// assert!(matches!(step, RenewalStep::Renew(call) if call.grant() == "client_credentials"));
    /// ```
    pub fn decide(&self, now: SystemTime, oauth: &OAuthConfig, seen: u64) -> RenewalStep {
        match self.lifecycle.decide(now, oauth, seen) {
            RenewalDecision::Ready(outcome) => RenewalStep::Answer(answer(outcome)),
            RenewalDecision::Renew(request) => {
                if self.lifecycle.generation() != seen
                    && let Some(tokens) = self.lifecycle.tokens()
                {
                    return RenewalStep::Answer(Ok(tokens.access_token.clone()));
                }
                RenewalStep::Renew(Box::new(OAuthCall::renewal(
                    request,
                    self.lifecycle.grant().as_str(),
                )))
            }
        }
    }

    /// Records how the renewal sent to `url` ended at `now`: the renewed
    /// tokens (hand them to [`TokenSource::renewed`]), or the caller's
    /// answer after a failure (the current token while it is still valid,
    /// else the failure, shared with every waiting caller).
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use linkedin::client_core::TokenSource;
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let app = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s"));
    /// let source = TokenSource::<()>::client_credentials(app);
    /// let answer = http::Response::new(br#"{"access_token":"AQV","expires_in":1800}"#.to_vec());
    /// let renewed = source.lock().settle("http://127.0.0.1/oauth/v2/accessToken", Ok(answer), SystemTime::now());
    /// assert_eq!(renewed.ok().map(|t| t.access_token.secret().to_owned()), Some("AQV".into()));
    /// assert_eq!(source.lock().generation(), 1);
    /// ```
    ///
    /// # Errors
    ///
    /// The caller's answer when the renewal failed: `Ok` with the still
    /// valid current token, or the [`TokenError`] as an [`Error`].
    pub fn settle(
        &mut self,
        url: &str,
        sent: Result<http::Response<Vec<u8>>, Error>,
        now: SystemTime,
    ) -> Result<TokenSet, Result<AccessToken, Error>> {
        let renewed = sent.and_then(|response| {
            self.lifecycle
                .on_response(&response, now)
                .cloned()
                .map_err(|source| Error::oauth(url, source))
        });
        renewed.map_err(|err| answer(self.lifecycle.on_failure(Arc::new(err), now)))
    }

    /// Records that the caller sending a renewal went away without an
    /// answer (a panic, a dropped future): the waiting callers get
    /// `error`, the next call tries again.
    ///
    /// ```
    /// use linkedin::client_core::{Error, TokenError, TokenSource};
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let source = TokenSource::<()>::client_credentials(OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s")));
    /// source.lock().abandon(Error::from(TokenError::Missing));
    /// assert!(!source.lock().renewing());
    /// ```
    pub fn abandon(&mut self, error: Error) {
        self.renewing = false;
        self.lifecycle.on_abandoned(Arc::new(error));
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
