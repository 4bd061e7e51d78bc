//! Access tokens that renew themselves ahead of expiry, once for all
//! callers: `linkedin_client_core::TokenSource` (its setup and decisions)
//! with a tokio mutex as the single flight, and the sending.

use std::time::SystemTime;

use linkedin_client_core::{OAuthCall, RenewalStep};
use linkedin_oauth::{AccessToken, OAuthConfig};

use crate::Error;

pub use linkedin_oauth::DEFAULT_REFRESH_AHEAD;

/// An access token that renews itself: a 3-legged
/// [`TokenSet`](linkedin_oauth::TokenSet) refreshed with its refresh
/// token, or a 2-legged token fetched with the client credentials grant;
/// see [`linkedin_client_core::TokenSource`] for the whole story.
///
/// Give it to [`ClientBuilder::token_source`](linkedin_client_core::ClientBuilder::token_source).
/// Renewal is single-flight: however many tasks wait, one renewal request
/// goes out (callers queue on a tokio mutex) and all of them share its
/// outcome.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use linkedin::{Client, TokenSource};
/// use linkedin::oauth::{AccessToken, ClientId, ClientSecret, OAuthConfig, RefreshToken, TokenSet};
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
/// # Ok::<(), linkedin::Error>(())
/// ```
pub type TokenSource = linkedin_client_core::TokenSource<tokio::sync::Mutex<()>>;

/// A valid access token from `source`, renewed first with `oauth` (the
/// source's application, with the client's base URL) through `send` if
/// it expires soon. The decisions are the source's; this only queues
/// callers behind one renewal and sends it.
pub(crate) async fn access_token<F>(
    source: &TokenSource,
    oauth: &OAuthConfig,
    send: impl FnOnce(OAuthCall<http::Response<Vec<u8>>>) -> F,
) -> Result<AccessToken, Error>
where
    F: Future<Output = Result<http::Response<Vec<u8>>, Error>>,
{
    let seen = {
        let state = source.lock();
        if let Some(token) = state.fresh(SystemTime::now()) {
            return Ok(token);
        }
        state.generation()
    };
    let _flight = source.flight().lock().await;
    let call = match source.lock().decide(SystemTime::now(), oauth, seen) {
        RenewalStep::Answer(answer) => return answer,
        RenewalStep::Renew(call) => call,
    };
    let url = call.url().to_owned();
    let sent = send(*call).await;
    let settled = source.lock().settle(&url, sent, SystemTime::now());
    match settled {
        Ok(tokens) => {
            // Other callers stay queued on the flight lock meanwhile.
            source.renewed(&tokens);
            Ok(tokens.access_token)
        }
        Err(answer) => answer,
    }
}
