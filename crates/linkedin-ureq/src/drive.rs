//! The transport loop: send what the [`Exchange`] asks for, hand back what
//! came, sleep and go round again while it says so. Everything this loop
//! decides comes from the codec; it only reads the clock, draws the jitter
//! and sleeps.

use std::time::{Duration, Instant, SystemTime};

use restli_codec::exchange::{Exchange, Next};
use restli_codec::response::{FromResponse, ResponseError};
use restli_codec::retry::{RetryPolicy, TransportFailure};
use restli_codec::transport::{AttemptTimeout, HttpClient, TransportError};
use restli_codec::{DynamicRequest, RequestConfig};
use tracing::{Span, field};

use crate::{Error, TransportFailed};

/// The transport failure of the last attempt, once the policy gave up.
pub(crate) struct Failed {
    pub(crate) failure: TransportFailure,
    pub(crate) attempts: u32,
    pub(crate) source: Box<dyn std::error::Error + Send + Sync>,
}

/// Drives `exchange` to its end. The outer `Result` is the transport's, the
/// inner one the response's. `span` receives `status`, `attempt` and
/// `latency_ms`.
pub(crate) fn drive<R: FromResponse, H: HttpClient + ?Sized>(
    http: &H,
    exchange: &mut Exchange,
    timeout: Duration,
    span: &Span,
) -> Result<Result<R, ResponseError>, Failed> {
    let started = Instant::now();
    loop {
        let attempt = exchange.attempt();
        // Each attempt gets the per-attempt timeout, cut to what is left of
        // the call's total deadline.
        let Some(limit) = exchange.attempt_timeout(SystemTime::now(), timeout) else {
            return Err(Failed {
                failure: TransportFailure::Timeout,
                attempts: attempt.saturating_sub(1).max(1),
                source: Box::new(DeadlinePassed),
            });
        };
        let mut request = exchange.request();
        request.extensions_mut().insert(AttemptTimeout(limit));
        let attempt_started = Instant::now();
        let result = http.send(request);
        let attempt_ms = millis(attempt_started.elapsed());
        span.record("attempt", attempt);
        span.record("latency_ms", millis(started.elapsed()));
        let delay = match result {
            Ok(response) => {
                let status = response.status().as_u16();
                span.record("status", status);
                tracing::debug!(
                    attempt,
                    status,
                    latency_ms = attempt_ms,
                    "response received"
                );
                match exchange.on_response::<R>(response, SystemTime::now(), fastrand::f64()) {
                    Next::Done(result) => return Ok(result),
                    Next::Retry(delay) => delay,
                }
            }
            Err(err) => {
                let failure = err.failure();
                tracing::debug!(
                    attempt,
                    failure = ?failure,
                    error = %err,
                    latency_ms = attempt_ms,
                    "no response"
                );
                match exchange.on_failure(failure, SystemTime::now(), fastrand::f64()) {
                    Next::Retry(delay) => delay,
                    Next::Done(()) => {
                        return Err(Failed {
                            failure,
                            attempts: attempt,
                            source: Box::new(err),
                        });
                    }
                }
            }
        };
        tracing::info!(
            attempt,
            next_attempt = exchange.attempt(),
            delay_ms = millis(delay),
            "retrying"
        );
        std::thread::sleep(delay);
    }
}

/// The call's total deadline passed before another attempt could start.
#[derive(Debug, thiserror::Error)]
#[error(
    "the call's total timeout passed; raise it with `ClientBuilder::total_timeout` if calls \
     may take longer"
)]
struct DeadlinePassed;

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// Sends one Rest.li request with retries, inside a `restli.request` span.
pub(crate) fn send_restli<R: FromResponse, H: HttpClient + ?Sized>(
    http: &H,
    config: &RequestConfig,
    policy: RetryPolicy,
    timeout: Duration,
    request: &DynamicRequest,
    access_token: &str,
) -> Result<R, Error> {
    let span = tracing::info_span!(
        "restli.request",
        method = %request.method(),
        path = %request.path(),
        status = field::Empty,
        attempt = field::Empty,
        latency_ms = field::Empty,
    );
    let _entered = span.enter();
    let mut exchange = Exchange::new(request, config, Some(access_token), policy)?;
    match drive::<R, H>(http, &mut exchange, timeout, &span) {
        Ok(result) => Ok(result?),
        Err(failed) => Err(failed.into_error(exchange.url())),
    }
}

impl Failed {
    fn into_error(self, url: &str) -> Error {
        TransportFailed::from_boxed(self.failure, url, self.attempts, self.source).into()
    }
}

/// Drives an OAuth call's exchange (retried like an ACTION: only on 429)
/// inside a `linkedin.oauth` span. Its body holds secrets; neither it nor
/// the headers are ever logged.
pub(crate) fn send_oauth<H: HttpClient + ?Sized>(
    http: &H,
    exchange: &mut Exchange,
    path: &str,
    timeout: Duration,
) -> Result<http::Response<Vec<u8>>, Error> {
    let span = tracing::info_span!(
        "linkedin.oauth",
        path = %path,
        status = field::Empty,
        attempt = field::Empty,
        latency_ms = field::Empty,
    );
    let _entered = span.enter();
    // The raw response takes every status; keep the match total anyway.
    match drive::<http::Response<Vec<u8>>, H>(http, exchange, timeout, &span) {
        Ok(result) => Ok(result?),
        Err(failed) => Err(failed.into_error(exchange.url())),
    }
}
