//! Keeping an access token usable: when to renew it, with which grant, and
//! what callers get meanwhile, as a state machine a transport drives
//! ([`TokenLifecycle`]).

use std::fmt;
use std::time::{Duration, SystemTime};

use crate::client::OAuthConfig;
use crate::error::ResponseError;
use crate::secret::{AccessToken, RefreshToken};
use crate::token::{RefreshedToken, TwoLeggedToken};
use crate::token_set::TokenSet;

/// How long before expiry a token is renewed unless set with
/// [`TokenLifecycle::refresh_ahead`]: 5 minutes, capped at half the token's
/// lifetime when that is known (see [`TokenSet::refresh_window`]).
///
/// ```
/// assert_eq!(linkedin::oauth::DEFAULT_REFRESH_AHEAD.as_secs(), 300);
/// ```
pub const DEFAULT_REFRESH_AHEAD: Duration = Duration::from_secs(5 * 60);

/// After a failed renewal, how long its failure is reused before the next
/// renewal is tried: 10 seconds.
///
/// ```
/// assert_eq!(linkedin::oauth::RENEWAL_COOL_DOWN.as_secs(), 10);
/// ```
pub const RENEWAL_COOL_DOWN: Duration = Duration::from_secs(10);

/// The grant that renews a [`TokenLifecycle`]'s token.
///
/// ```
/// use linkedin::oauth::RenewalGrant;
/// assert_eq!(RenewalGrant::RefreshToken.as_str(), "refresh_token");
/// assert_eq!(RenewalGrant::ClientCredentials.as_str(), "client_credentials");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RenewalGrant {
    /// A 3-legged token set, refreshed with its refresh token.
    RefreshToken,
    /// A 2-legged (application) token, fetched again with the client
    /// credentials.
    ClientCredentials,
}

impl RenewalGrant {
    /// The `grant_type` sent: `refresh_token` or `client_credentials`.
    pub fn as_str(self) -> &'static str {
        match self {
            RenewalGrant::RefreshToken => "refresh_token",
            RenewalGrant::ClientCredentials => "client_credentials",
        }
    }
}

/// What a caller asking for a token gets, without sending anything.
///
/// `E` is the transport's error type for a failed renewal, cloned to every
/// caller that shares the failure (an `Arc` of it, typically).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenOutcome<E> {
    /// Use this access token.
    Use(AccessToken),
    /// The last renewal failed, but the current token is still valid: use
    /// it until it expires (and log `failure`, say).
    KeepUsing {
        /// The still-valid access token.
        access_token: AccessToken,
        /// Why the renewal failed.
        failure: E,
    },
    /// The token has expired and cannot be renewed; why, and what to do.
    Expired(&'static str),
    /// The last renewal failed and the token has expired: the failure.
    Failed(E),
}

/// What [`TokenLifecycle::decide`] says to do.
///
/// `Debug` never shows the renewal request's body (it carries the client
/// secret and the refresh token): only its method, URI, header names and
/// body length.
///
/// ```
/// use std::time::SystemTime;
/// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig, TokenLifecycle};
///
/// let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("s3cr3t"));
/// let lifecycle = TokenLifecycle::<String>::client_credentials();
/// let decision = lifecycle.decide(SystemTime::now(), &oauth, lifecycle.generation());
/// let shown = format!("{decision:?}");
/// assert!(shown.starts_with("Renew(Request { method: POST, uri: https://www.linkedin.com/oauth/v2/accessToken"));
/// assert!(shown.contains("body: \"63 bytes\""));
/// assert!(!shown.contains("s3cr3t"));
/// ```
#[must_use]
#[expect(
    clippy::large_enum_variant,
    reason = "short-lived; the request is moved once, to the sender"
)]
pub enum RenewalDecision<E> {
    /// Answer the caller with this; nothing to send.
    Ready(TokenOutcome<E>),
    /// Send this token request (refresh or client credentials), then hand
    /// the answer to [`TokenLifecycle::on_response`] or the failure to
    /// [`TokenLifecycle::on_failure`].
    Renew(http::Request<Vec<u8>>),
}

impl<E: fmt::Debug> fmt::Debug for RenewalDecision<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenewalDecision::Ready(outcome) => f.debug_tuple("Ready").field(outcome).finish(),
            RenewalDecision::Renew(request) => f
                .debug_tuple("Renew")
                .field(&RedactedRequest(request))
                .finish(),
        }
    }
}

/// A request shown without what could be secret: method, URI, header
/// names (values can be credentials) and the body's length.
struct RedactedRequest<'a>(&'a http::Request<Vec<u8>>);

impl fmt::Debug for RedactedRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let request = self.0;
        f.debug_struct("Request")
            .field("method", &format_args!("{}", request.method()))
            .field("uri", &format_args!("{}", request.uri()))
            .field(
                "headers",
                &request
                    .headers()
                    .keys()
                    .map(|name| name.as_str())
                    .collect::<Vec<_>>(),
            )
            .field("body", &format_args!("\"{} bytes\"", request.body().len()))
            .finish()
    }
}

/// The failure of the last renewal.
#[derive(Debug, Clone)]
struct Failure<E> {
    error: E,
    /// When it happened; `None` for a renewal abandoned without an answer,
    /// which the next caller tries again at once.
    at: Option<SystemTime>,
}

impl<E> Failure<E> {
    /// True while the failure is reused instead of renewing again. A clock
    /// set back before the failure ends the cool-down.
    fn cooling_down(&self, now: SystemTime) -> bool {
        self.at.is_some_and(|at| {
            now.duration_since(at)
                .is_ok_and(|elapsed| elapsed < RENEWAL_COOL_DOWN)
        })
    }
}

/// An access token's lifecycle: the decisions behind a self-renewing token
/// source, without the locking and the sending.
///
/// It holds the current [`TokenSet`] (none yet for a 2-legged
/// source), the grant that renews it, the refresh-ahead window, and the
/// outcome of the last renewal. A transport keeps it behind its own lock,
/// lets one caller at a time renew (single flight), and only sends:
///
/// 1. [`fresh`](TokenLifecycle::fresh): the fast path, a token that does not
///    need renewing yet.
/// 2. Otherwise note [`generation`](TokenLifecycle::generation), wait for the
///    renewal in flight if there is one, and ask
///    [`decide`](TokenLifecycle::decide): either an answer for the caller
///    ([`RenewalDecision::Ready`]) or a request to send
///    ([`RenewalDecision::Renew`]).
/// 3. Hand the answer to [`on_response`](TokenLifecycle::on_response), or a
///    failure (no answer, or a refusal) to
///    [`on_failure`](TokenLifecycle::on_failure), which says what the renewing
///    caller gets.
///
/// The rules, written once for every transport:
///
/// - A token is renewed once it expires within the refresh-ahead window
///   ([`DEFAULT_REFRESH_AHEAD`] unless set), capped at half the token's
///   lifetime ([`TokenSet::refresh_window`]): a token is used for at least
///   half its lifetime, so even one that lives less than the window is
///   renewed once per half-lifetime, not on every call.
/// - Callers that waited for a renewal share its outcome: its token, or its
///   failure. They never send a second request.
/// - After a failed renewal, the failure is reused for [`RENEWAL_COOL_DOWN`]
///   before the next try: the current token while it is still valid, the
///   failure once it has expired.
/// - A token set without a (live) refresh token is used until it expires,
///   then [`TokenOutcome::Expired`] says why it cannot be renewed.
///
/// Time is passed in; nothing here reads the clock.
///
/// # Re-checking after waking
///
/// A caller that queued behind a renewal must not renew again once it gets
/// the lock: the token it wanted is probably there. The lifecycle decides
/// that from the generation the caller noted **before** it started waiting:
///
/// 1. under the state lock: `fresh(now)`, else `let seen = generation()`;
///    release the state lock;
/// 2. take the transport's single-flight lock (this is the wait);
/// 3. under the state lock again, with a **new** `now`: `decide(now, oauth,
///    seen)`. If a renewal ended in between (`generation() != seen`), it
///    answers with that renewal's token (even one already inside its window)
///    or its failure, never [`RenewalDecision::Renew`]; if not, the new
///    `now` is checked against the current token first, so a caller that
///    woke after the token was renewed some other way uses it too.
///
/// Only a caller that saw the current generation and a token that needs
/// renewing gets [`RenewalDecision::Renew`]: one request per renewal, however
/// many callers were waiting.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use linkedin::oauth::{
///     AccessToken, ClientId, ClientSecret, OAuthConfig, RefreshToken, RenewalDecision,
///     TokenLifecycle, TokenOutcome, TokenSet,
/// };
///
/// let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"));
/// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
/// let tokens = TokenSet::new(AccessToken::new("old"), now + Duration::from_secs(60))
///     .with_refresh_token(RefreshToken::new("AQX"), None);
/// // `String` stands for the transport's (shareable) error type.
/// let mut lifecycle = TokenLifecycle::<String>::new(tokens);
///
/// // Expires within the 5-minute window: not fresh, renew it.
/// assert!(lifecycle.fresh(now).is_none());
/// let seen = lifecycle.generation();
/// let RenewalDecision::Renew(request) = lifecycle.decide(now, &oauth, seen) else {
///     panic!("expected a renewal");
/// };
/// assert!(request.body().starts_with(b"grant_type=refresh_token"));
///
/// // ...send `request`, hand back the answer.
/// let response = http::Response::builder()
///     .status(200)
///     .body(br#"{"access_token":"new","expires_in":3600}"#.to_vec())?;
/// let renewed = lifecycle.on_response(&response, now)?;
/// assert_eq!(renewed.access_token.secret(), "new");
/// assert!(matches!(lifecycle.fresh(now), Some(token) if token.secret() == "new"));
///
/// // A caller that waited for that renewal shares it.
/// assert!(matches!(
///     lifecycle.decide(now, &oauth, seen),
///     RenewalDecision::Ready(TokenOutcome::Use(token)) if token.secret() == "new"
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// `E` is the transport's error for a failed renewal; it must be cheap to
/// clone (every caller sharing a failure gets a clone).
///
/// `Debug` shows the token set redacted, like [`TokenSet`]'s own.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig, RenewalDecision, TokenLifecycle};
///
/// // A 2-legged source has no token until its first fetch.
/// let lifecycle = TokenLifecycle::<String>::client_credentials();
/// let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"));
/// let now = SystemTime::now();
/// match lifecycle.decide(now, &oauth, lifecycle.generation()) {
///     RenewalDecision::Renew(request) => {
///         assert!(request.body().starts_with(b"grant_type=client_credentials"));
///     }
///     RenewalDecision::Ready(outcome) => panic!("expected a fetch, got {outcome:?}"),
/// }
/// ```
#[derive(Debug, Clone)]
pub struct TokenLifecycle<E> {
    grant: RenewalGrant,
    refresh_ahead: Duration,
    tokens: Option<TokenSet>,
    failure: Option<Failure<E>>,
    generation: u64,
}

impl<E: Clone> TokenLifecycle<E> {
    /// A 3-legged token set, renewed with its refresh token.
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use linkedin::oauth::{AccessToken, RenewalGrant, TokenLifecycle, TokenSet};
    ///
    /// let lifecycle = TokenLifecycle::<String>::new(TokenSet::new(AccessToken::new("AQV"), SystemTime::now()));
    /// assert_eq!(lifecycle.grant(), RenewalGrant::RefreshToken);
    /// assert!(lifecycle.tokens().is_some());
    /// ```
    pub fn new(tokens: TokenSet) -> Self {
        TokenLifecycle::with(RenewalGrant::RefreshToken, Some(tokens))
    }

    /// A 2-legged (application) token, fetched with the client credentials
    /// grant on first use and again ahead of each expiry.
    ///
    /// ```
    /// use linkedin::oauth::{RenewalGrant, TokenLifecycle};
    ///
    /// let lifecycle = TokenLifecycle::<String>::client_credentials();
    /// assert_eq!(lifecycle.grant(), RenewalGrant::ClientCredentials);
    /// assert!(lifecycle.tokens().is_none());
    /// ```
    pub fn client_credentials() -> Self {
        TokenLifecycle::with(RenewalGrant::ClientCredentials, None)
    }

    fn with(grant: RenewalGrant, tokens: Option<TokenSet>) -> Self {
        TokenLifecycle {
            grant,
            refresh_ahead: DEFAULT_REFRESH_AHEAD,
            tokens,
            failure: None,
            generation: 0,
        }
    }

    /// Renews tokens that expire within `window` (default
    /// [`DEFAULT_REFRESH_AHEAD`]), capped at half of each token's lifetime
    /// when known ([`TokenSet::refresh_window`]).
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use linkedin::oauth::{AccessToken, TokenLifecycle, TokenSet};
    ///
    /// let now = SystemTime::now();
    /// let tokens = TokenSet::new(AccessToken::new("AQV"), now + Duration::from_secs(120));
    /// let lifecycle = TokenLifecycle::<String>::new(tokens).refresh_ahead(Duration::from_secs(60));
    /// assert!(lifecycle.fresh(now).is_some());
    /// ```
    pub fn refresh_ahead(mut self, window: Duration) -> Self {
        self.refresh_ahead = window;
        self
    }

    /// How a renewal is done.
    pub fn grant(&self) -> RenewalGrant {
        self.grant
    }

    /// The current token set (`None` for a 2-legged source before its first
    /// fetch).
    pub fn tokens(&self) -> Option<&TokenSet> {
        self.tokens.as_ref()
    }

    /// How many renewals have ended, however they ended. A caller that
    /// notes it before waiting for a renewal in flight passes it to
    /// [`decide`](Self::decide), which then shares that renewal's outcome.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The current access token if it does not need renewing at `now`.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use linkedin::oauth::{AccessToken, TokenLifecycle, TokenSet};
    ///
    /// let now = SystemTime::now();
    /// let tokens = TokenSet::new(AccessToken::new("AQV"), now + Duration::from_secs(3600));
    /// let lifecycle = TokenLifecycle::<String>::new(tokens);
    /// assert!(lifecycle.fresh(now).is_some());
    /// assert!(lifecycle.fresh(now + Duration::from_secs(3400)).is_none());
    /// ```
    pub fn fresh(&self, now: SystemTime) -> Option<AccessToken> {
        self.tokens
            .as_ref()
            .filter(|t| !t.needs_refresh(now, self.refresh_ahead))
            .map(|t| t.access_token.clone())
    }

    /// What to do for a caller asking for a token at `now`. `seen` is the
    /// [`generation`](Self::generation) the caller noted before waiting for
    /// the renewal in flight (the current one if it did not wait); `oauth`
    /// builds the renewal request.
    ///
    /// Only the caller that holds the transport's renewal lock may act on
    /// [`RenewalDecision::Renew`].
    pub fn decide(&self, now: SystemTime, oauth: &OAuthConfig, seen: u64) -> RenewalDecision<E> {
        if let Some(token) = self.fresh(now) {
            return RenewalDecision::Ready(TokenOutcome::Use(token));
        }
        if self.generation != seen {
            // A renewal ended while this caller waited: share its outcome.
            match &self.failure {
                Some(failure) => return RenewalDecision::Ready(self.after(&failure.error, now)),
                None => {
                    if let Some(token) = self.still_valid(now) {
                        return RenewalDecision::Ready(TokenOutcome::Use(token));
                    }
                }
            }
        }
        let refresh_token = match self.grant {
            RenewalGrant::ClientCredentials => None,
            RenewalGrant::RefreshToken => match self.refresh_token(now) {
                Some(refresh_token) => Some(refresh_token),
                // Nothing to renew with: use the token while it lasts.
                None => {
                    return RenewalDecision::Ready(match self.still_valid(now) {
                        Some(token) => TokenOutcome::Use(token),
                        None => TokenOutcome::Expired(self.why_not_renewable(now)),
                    });
                }
            },
        };
        if let Some(failure) = &self.failure
            && failure.cooling_down(now)
        {
            return RenewalDecision::Ready(self.after(&failure.error, now));
        }
        RenewalDecision::Renew(match refresh_token {
            Some(refresh_token) => oauth.refresh_request(refresh_token),
            None => oauth.client_credentials_request(),
        })
    }

    /// Takes the answer to the renewal request, received at `now`: the
    /// renewed token set (refresh applied, or the 2-legged token replacing
    /// the old one), to persist.
    ///
    /// # Errors
    ///
    /// LinkedIn's refusal or an unreadable answer, as for
    /// [`RefreshedToken::from_response`]. Nothing is recorded then: wrap the
    /// error in the transport's type and pass it to
    /// [`on_failure`](Self::on_failure).
    pub fn on_response<B: AsRef<[u8]>>(
        &mut self,
        response: &http::Response<B>,
        now: SystemTime,
    ) -> Result<&TokenSet, ResponseError> {
        let tokens = match self.grant {
            RenewalGrant::RefreshToken => {
                let refreshed = RefreshedToken::from_response(response, now)?;
                match self.tokens.take() {
                    Some(mut tokens) => {
                        tokens.apply_refresh(refreshed);
                        tokens
                    }
                    None => {
                        let mut tokens =
                            TokenSet::new(refreshed.access_token.clone(), refreshed.expires_at);
                        tokens.apply_refresh(refreshed);
                        tokens
                    }
                }
            }
            RenewalGrant::ClientCredentials => {
                TwoLeggedToken::from_response(response, now)?.into_token_set()
            }
        };
        self.failure = None;
        self.generation = self.generation.wrapping_add(1);
        Ok(self.tokens.insert(tokens))
    }

    /// Records a failed renewal at `now` (no answer, or a refusal) and says
    /// what the renewing caller gets: the current token while it is still
    /// valid, else the failure. Callers within the next
    /// [`RENEWAL_COOL_DOWN`] get the same, without a new request.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use linkedin::oauth::{AccessToken, RefreshToken, TokenLifecycle, TokenOutcome, TokenSet};
    ///
    /// let now = SystemTime::now();
    /// let tokens = TokenSet::new(AccessToken::new("AQV"), now + Duration::from_secs(60))
    ///     .with_refresh_token(RefreshToken::new("AQX"), None);
    /// let mut lifecycle = TokenLifecycle::new(tokens);
    /// let outcome = lifecycle.on_failure("503".to_owned(), now);
    /// assert!(matches!(outcome, TokenOutcome::KeepUsing { failure, .. } if failure == "503"));
    /// ```
    pub fn on_failure(&mut self, error: E, now: SystemTime) -> TokenOutcome<E> {
        let outcome = self.after(&error, now);
        self.fail(error, Some(now));
        outcome
    }

    /// Records a renewal that ended without an answer because the renewing
    /// caller gave up (its thread panicked, say): the callers waiting for it
    /// get `error` (or the still-valid token), the next caller renews at
    /// once.
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use linkedin::oauth::{ClientId, ClientSecret, OAuthConfig, RenewalDecision, TokenLifecycle, TokenOutcome};
    ///
    /// let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"));
    /// let mut lifecycle = TokenLifecycle::<&str>::client_credentials();
    /// let seen = lifecycle.generation();
    /// lifecycle.on_abandoned("gave up");
    /// let now = SystemTime::now();
    /// assert!(matches!(lifecycle.decide(now, &oauth, seen), RenewalDecision::Ready(TokenOutcome::Failed("gave up"))));
    /// assert!(matches!(lifecycle.decide(now, &oauth, lifecycle.generation()), RenewalDecision::Renew(_)));
    /// ```
    pub fn on_abandoned(&mut self, error: E) {
        self.fail(error, None);
    }

    fn fail(&mut self, error: E, at: Option<SystemTime>) {
        self.failure = Some(Failure { error, at });
        self.generation = self.generation.wrapping_add(1);
    }

    /// After a failed renewal: the current token while it is valid, else
    /// the failure.
    fn after(&self, failure: &E, now: SystemTime) -> TokenOutcome<E> {
        match self.still_valid(now) {
            Some(access_token) => TokenOutcome::KeepUsing {
                access_token,
                failure: failure.clone(),
            },
            None => TokenOutcome::Failed(failure.clone()),
        }
    }

    /// The current access token if it has not expired at `now`.
    fn still_valid(&self, now: SystemTime) -> Option<AccessToken> {
        self.tokens
            .as_ref()
            .filter(|t| !t.is_expired(now))
            .map(|t| t.access_token.clone())
    }

    /// The refresh token, if the set can be refreshed at `now`.
    fn refresh_token(&self, now: SystemTime) -> Option<&RefreshToken> {
        let tokens = self.tokens.as_ref()?;
        tokens
            .refresh_token
            .as_ref()
            .filter(|_| tokens.can_refresh(now))
    }

    fn why_not_renewable(&self, now: SystemTime) -> &'static str {
        match &self.tokens {
            Some(t) if t.refresh_token.is_some() && !t.can_refresh(now) => {
                "the refresh token has expired too; the member must authorize the application again"
            }
            _ => {
                "the token set has no refresh token; run the authorization flow again, or use \
                 `TokenSource::client_credentials` for 2-legged tokens"
            }
        }
    }
}

#[cfg(test)]
mod tests;
