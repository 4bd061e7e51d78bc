//! The client: one `send` for every Rest.li request and the send loop
//! (its builder is in `builder.rs`, its OAuth calls in `auth.rs`).

use std::borrow::Cow;
use std::time::{Duration, SystemTime};

use linkedin_oauth::AccessToken;
use restli_codec::exchange::{Exchange, Next};
use restli_codec::response::FromResponse;
use restli_codec::transport::{AsyncHttpClient, TransportError};
use restli_codec::{DynamicRequest, RestliRequest};
use tracing::Instrument;

use linkedin_client_core::{Bearer, CallSpan, ClientCore};

use crate::token::{self, TokenSource};
use crate::transport::HttpClient;
use crate::{Error, TransportFailed};

/// An async client for LinkedIn's Rest.li APIs.
///
/// Build one with [`Client::builder`] and share it (it is cheap to clone;
/// clones share connections, configuration and the token source).
/// [`send`](Client::send) takes a request of any Rest.li method (built
/// with [`Request`](restli_codec::Request)) and returns the response of that
/// method; [`pages`](Client::pages) and [`paginate`](Client::paginate) walk
/// a GET_ALL or FINDER collection.
/// Every call retries by the client's [`RetryPolicy`](restli_codec::retry::RetryPolicy) (429 for every
/// method; 5xx and lost connections only for idempotent methods), bounds
/// each attempt by the [timeout](crate::ClientBuilder::timeout), and runs in a
/// `restli.request` tracing span with OpenTelemetry's HTTP client fields
/// (listed in the [crate docs](crate); never a token).
///
/// `H` is the HTTP stack: [`HttpClient`] unless you bring your own
/// [`AsyncHttpClient`] with [`ClientBuilder::build_with`](crate::ClientBuilder::build_with).
///
/// ```no_run
/// use linkedin::{Client, Request};
/// use linkedin::oauth::AccessToken;
///
/// # async fn run() -> Result<(), linkedin::Error> {
/// let client = Client::builder()
///     .version("202406")
///     .access_token(AccessToken::new(std::env::var("LINKEDIN_TOKEN").unwrap_or_default()))
///     .build()?;
/// let account: linkedin::restli::EntityResponse =
///     client.send(Request::get("/adAccounts/{id}").key("id", &507404993)).await?;
/// println!("{}", account.entity["name"]);
/// # Ok(())
/// # }
/// ```
pub struct Client<H = HttpClient>(pub(crate) ClientCore<H, TokenSource>);

linkedin_client_core::client_handle!(
    Client,
    TokenSource,
    /// A handle that sends every call with `token` instead of the client's
    /// own token or token source: the per-call override, for a service
    /// acting for many members. It shares the client's connections and
    /// configuration.
    ///
    /// ```no_run
    /// use linkedin::{Client, Request};
    /// use linkedin::oauth::AccessToken;
    ///
    /// # async fn run(client: Client, member_token: AccessToken) -> Result<(), linkedin::Error> {
    /// let me: linkedin::restli::EntityResponse =
    ///     client.with_access_token(&member_token).send(Request::get("/userinfo")).await?;
    /// # let _ = me;
    /// # Ok(())
    /// # }
    /// ```
);

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

impl<H: AsyncHttpClient> Client<H> {
    /// The token for the next request: this handle's override, the static
    /// token, or the token source's (renewed first if it expires soon).
    pub(crate) async fn bearer(&self) -> Result<Cow<'_, AccessToken>, Error> {
        match self.0.bearer()? {
            Bearer::Ready(token) => Ok(token),
            Bearer::Renew(source) => {
                let oauth = self.oauth_with_base(source.oauth());
                token::access_token(source, &oauth, |call| self.oauth(call))
                    .await
                    .map(Cow::Owned)
            }
        }
    }

    /// Sends `request` (any method) and parses the answer as `R`.
    pub(crate) async fn execute<R: FromResponse>(
        &self,
        request: &DynamicRequest,
    ) -> Result<R, Error> {
        let mut span = CallSpan::restli(request);
        let current = span.span().clone();
        let result = async {
            let token = self.bearer().await?;
            let mut exchange = self.0.exchange(request, &token)?;
            self.run(&mut exchange, &mut span).await
        }
        .instrument(current)
        .await;
        span.finish(&result);
        result
    }

    /// The transport loop: send, then follow the exchange's decision,
    /// telling `span` about each attempt and response; each retry is an
    /// event of its own.
    pub(crate) async fn run<R: FromResponse>(
        &self,
        exchange: &mut Exchange,
        span: &mut CallSpan<'_>,
    ) -> Result<R, Error> {
        span.exchange(exchange);
        let timeout = self.timeout();
        loop {
            let attempt = exchange.attempt();
            // The per-attempt timeout, cut to what is left of the call's
            // total deadline.
            let Some(limit) = exchange.attempt_timeout(SystemTime::now(), timeout) else {
                let total = self.settings().total_timeout();
                let attempts = attempt.saturating_sub(1).max(1);
                return Err(TransportFailed::timed_out(exchange.url(), total, attempts).into());
            };
            span.attempt(attempt);
            let request = exchange.request();
            let sent = tokio::time::timeout(limit, self.http().send_within(request, limit)).await;
            let failure = match sent {
                Ok(Ok(response)) => {
                    let status = response.status().as_u16();
                    span.response(&response);
                    match exchange.on_response::<R>(response, SystemTime::now(), fastrand::f64()) {
                        Next::Done(result) => {
                            tracing::debug!(status, attempt, "response");
                            return result.map_err(Error::from);
                        }
                        Next::Retry(delay) => {
                            tracing::info!(
                                status,
                                attempt,
                                delay_ms = millis(delay),
                                "retrying after a retryable status"
                            );
                            tokio::time::sleep(delay).await;
                            continue;
                        }
                    }
                }
                Ok(Err(err)) => TransportFailed::new(err.failure(), exchange.url(), attempt, err),
                Err(_elapsed) => TransportFailed::timed_out(exchange.url(), limit, attempt),
            };
            match exchange.on_failure(failure.failure(), SystemTime::now(), fastrand::f64()) {
                Next::Done(()) => {
                    tracing::debug!(error = %failure, attempt, "giving up");
                    return Err(failure.into());
                }
                Next::Retry(delay) => {
                    tracing::info!(
                        error = %failure,
                        attempt,
                        delay_ms = millis(delay),
                        "retrying after a transport failure"
                    );
                    tokio::time::sleep(delay).await;
                }
            }
        }
    }

    /// Sends a request and parses the answer as the response of its method:
    /// [`Request::get`](restli_codec::Request::get) gives an [`EntityResponse<T>`](restli_codec::EntityResponse),
    /// [`Request::batch_get`](restli_codec::Request::batch_get) a [`BatchGetResponse<K, T>`](restli_codec::BatchGetResponse)
    /// keyed by the ids' type, a finder a
    /// [`CollectionResponse<T, M>`](restli_codec::CollectionResponse), a
    /// delete a [`StatusResponse`](restli_codec::StatusResponse), ...
    /// (see [`RestliRequest`]). The entity and metadata types are inferred
    /// from where the response is used; a response of another method does
    /// not compile.
    ///
    /// ```no_run
    /// use linkedin::{Client, Request};
    /// use linkedin::restli::{BatchGetResponse, CollectionResponse, EntityResponse};
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Account { id: i64, name: String }
    ///
    /// # async fn run(client: Client) -> Result<(), linkedin::Error> {
    /// let account: EntityResponse<Account> =
    ///     client.send(Request::get("/adAccounts/{id}").key("id", &507404993)).await?;
    /// let groups: BatchGetResponse<i64> =
    ///     client.send(Request::batch_get("/adAccounts/{id}/adCampaignGroups", [1, 2, 3]).key("id", &507404993)).await?;
    /// let page: CollectionResponse<Account> =
    ///     client.send(Request::finder("/adAccounts", "search").page(0, 100)).await?;
    /// client.send(Request::delete("/adAccounts/{id}").key("id", &1)).await?;
    /// # let _ = (account, groups, page);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Request`] when the request cannot be built, [`Error::Token`]
    /// without a usable token, [`Error::Transport`] when no response came
    /// (after retries), [`Error::Api`] for an error status, [`Error::Decode`]
    /// for a body that does not fit `R`.
    pub async fn send<Q, R>(&self, request: Q) -> Result<R, Error>
    where
        Q: RestliRequest<R>,
        R: FromResponse,
    {
        self.execute(request.as_ref()).await
    }
}
