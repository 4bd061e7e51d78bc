//! The transport loop: send what the [`Exchange`] asks for, hand back what
//! came, sleep and go round again while it says so. Everything this loop
//! decides comes from the codec; it only reads the clock, draws the jitter
//! and sleeps.

use std::time::{Duration, Instant, SystemTime};

use linkedin_client_core::CallSpan;
use restli_codec::DynamicRequest;
use restli_codec::exchange::{Exchange, Next};
use restli_codec::response::{FromResponse, ResponseError};
use restli_codec::retry::TransportFailure;
use restli_codec::transport::{HttpClient, TransportError};

use crate::{Error, TransportFailed};

/// The transport failure of the last attempt, once the policy gave up.
pub(crate) struct Failed {
    pub(crate) failure: TransportFailure,
    pub(crate) attempts: u32,
    pub(crate) source: Box<dyn std::error::Error + Send + Sync>,
}

/// Drives `exchange` to its end. The outer `Result` is the transport's, the
/// inner one the response's. `span` notes each attempt and response.
pub(crate) fn drive<R: FromResponse, H: HttpClient + ?Sized>(
    http: &H,
    exchange: &mut Exchange,
    timeout: Duration,
    span: &mut CallSpan<'_>,
) -> Result<Result<R, ResponseError>, Failed> {
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
        span.attempt(attempt);
        let request = exchange.request();
        let attempt_started = Instant::now();
        let result = http.send_within(request, limit);
        let attempt_ms = millis(attempt_started.elapsed());
        let delay = match result {
            Ok(response) => {
                let status = response.status().as_u16();
                span.response(&response);
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

/// Sends one Rest.li request with retries, inside its `restli.request`
/// span (opened, noted and closed by client-core's [`CallSpan`]).
pub(crate) fn send_restli<R: FromResponse>(
    request: &DynamicRequest,
    call: impl FnOnce(&mut CallSpan<'_>) -> Result<R, Error>,
) -> Result<R, Error> {
    let mut span = CallSpan::restli(request);
    let result = span.span().clone().in_scope(|| call(&mut span));
    span.finish(&result);
    result
}

/// Drives one exchange to its end and maps the outcome into [`Error`].
pub(crate) fn run<R: FromResponse, H: HttpClient + ?Sized>(
    http: &H,
    exchange: &mut Exchange,
    timeout: Duration,
    span: &mut CallSpan<'_>,
) -> Result<R, Error> {
    span.exchange(exchange);
    match drive::<R, H>(http, exchange, timeout, span) {
        Ok(result) => Ok(result?),
        Err(failed) => Err(failed.into_error(exchange.url())),
    }
}

impl Failed {
    fn into_error(self, url: &str) -> Error {
        TransportFailed::from_boxed(self.failure, url, self.attempts, self.source).into()
    }
}
