//! [`TokenSource`]: an access token that renews itself ahead of expiry,
//! once, however many threads ask for it at the same time:
//! `linkedin_client_core::TokenSource` (its setup and decisions) with a
//! condition variable as the single flight, and the sending.

use std::sync::{Condvar, PoisonError};
use std::time::SystemTime;

use linkedin_client_core::{OAuthCall, RenewalStep};
use linkedin_oauth::{AccessToken, OAuthConfig};
use restli_codec::retry::TransportFailure;

use crate::{Error, TransportFailed};

pub use linkedin_oauth::DEFAULT_REFRESH_AHEAD;

/// An access token that renews itself: a 3-legged
/// [`TokenSet`](linkedin_oauth::TokenSet) refreshed with its refresh
/// token, or a 2-legged token fetched with the client credentials grant;
/// see [`linkedin_client_core::TokenSource`] for the whole story.
///
/// Give it to [`ClientBuilder::token_source`](linkedin_client_core::ClientBuilder::token_source).
/// Renewal is single-flight: however many threads wait, one renewal
/// request goes out (through the client's own HTTP agent; the others sleep
/// on a condition variable) and all of them share its outcome.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use linkedin::blocking::TokenSource;
/// use linkedin::oauth::{AccessToken, ClientId, ClientSecret, OAuthConfig, TokenSet};
///
/// let oauth = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"));
/// let tokens = TokenSet::new(AccessToken::new("AQV"), SystemTime::now() + Duration::from_secs(3600));
/// let client = linkedin::blocking::Client::builder()
///     .token_source(TokenSource::new(oauth, tokens))
///     .build()?;
/// assert_eq!(client.tokens().map(|t| t.access_token.secret().to_owned()), Some("AQV".to_owned()));
/// # Ok::<(), linkedin::blocking::Error>(())
/// ```
pub type TokenSource = linkedin_client_core::TokenSource<Condvar>;

/// A valid access token from `source`, renewed first with `oauth` (the
/// source's application, with the client's base URL) through `send` if
/// it expires within the skew. The decisions are the source's; this only
/// lets one thread renew while the others wait, and sends.
pub(crate) fn access_token(
    source: &TokenSource,
    oauth: &OAuthConfig,
    send: impl FnOnce(OAuthCall<http::Response<Vec<u8>>>) -> Result<http::Response<Vec<u8>>, Error>,
) -> Result<AccessToken, Error> {
    let mut state = source.lock();
    if let Some(token) = state.fresh(SystemTime::now()) {
        return Ok(token);
    }
    let seen = state.generation();
    // Bounded: each round either answers, or waits for a renewal in
    // flight to end (which changes the generation, after which the next
    // round answers).
    let call = loop {
        let waiting_for = state.generation();
        while state.renewing() && state.generation() == waiting_for {
            state = source
                .flight()
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        // Re-checked after waking: the renewal this caller waited for may
        // have left a token to share.
        match state.decide(SystemTime::now(), oauth, seen) {
            RenewalStep::Answer(answer) => return answer,
            // Another caller started a renewal meanwhile.
            RenewalStep::Renew(_) if state.renewing() => continue,
            RenewalStep::Renew(call) => break call,
        }
    };
    state.set_renewing(true);
    drop(state);

    // The renewal request goes out without the lock; the other callers
    // sleep on the condition variable.
    let mut in_flight = InFlight {
        source,
        armed: true,
    };
    let url = call.url().to_owned();
    let sent = send(*call);
    let settled = source.lock().settle(&url, sent, SystemTime::now());
    // The callback runs without the lock (so it may read the client's
    // tokens) but before the waiters are released.
    if let Ok(tokens) = &settled {
        source.renewed(tokens);
    }
    in_flight.armed = false;
    source.lock().set_renewing(false);
    source.flight().notify_all();
    match settled {
        Ok(tokens) => Ok(tokens.access_token),
        Err(answer) => answer,
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
            let url = self.source.oauth().base().as_str().to_owned();
            self.source.lock().abandon(
                TransportFailed::new(TransportFailure::Other, url, 1, RenewalPanicked).into(),
            );
            self.source.flight().notify_all();
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the thread renewing the access token panicked; the next call tries again")]
struct RenewalPanicked;
