//! The `tower` seam: [`Layered`] sends through any
//! [`tower::Service`] over `http::Request<Vec<u8>>`, so `tower::Layer`s
//! (rate limits, concurrency limits, metrics) wrap the HTTP call of every
//! attempt, retries included; [`HttpClient`] is such a service.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use restli_codec::transport::{AsyncHttpClient, TransportError};

use crate::transport::{HttpClient, HttpError};

/// An [`AsyncHttpClient`] over a [`tower::Service`]: give
/// [`ClientBuilder::build_with`](linkedin_client_core::ClientBuilder::build_with)
/// a stack of layers around an [`HttpClient`] (itself a service) and every
/// attempt of every call, retries and OAuth calls included, passes through
/// the layers. The client's retries, timeouts and parsing stay outside
/// them. Each attempt clones the service (a tower convention: keep clones
/// cheap, sharing state through `Arc`s, as tower's own layers do), waits
/// until it is ready, then calls it.
///
/// ```
/// use std::sync::Arc;
/// use std::sync::atomic::{AtomicUsize, Ordering};
/// use linkedin::{Client, HttpClient, Layered};
/// use linkedin::oauth::AccessToken;
///
/// // A layer counting the requests that pass: a metrics layer in miniature.
/// let sent = Arc::new(AtomicUsize::new(0));
/// let counter = Arc::clone(&sent);
/// let counting = tower::layer::layer_fn(move |inner: HttpClient| {
///     let counter = Arc::clone(&counter);
///     tower::util::MapRequest::new(inner, move |request: http::Request<Vec<u8>>| {
///         counter.fetch_add(1, Ordering::SeqCst);
///         request
///     })
/// });
/// let stack = tower::ServiceBuilder::new().layer(counting).service(HttpClient::new()?);
/// let client = Client::builder()
///     .access_token(AccessToken::new("AQV"))
///     .build_with(Layered::new(stack))?;
/// # let _ = client;
/// assert_eq!(sent.load(Ordering::SeqCst), 0); // nothing sent yet
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Layered<S>(S);

impl<S> Layered<S> {
    /// Sends through `service`.
    ///
    /// ```
    /// let layered = linkedin::Layered::new(linkedin::HttpClient::new()?);
    /// # let _ = layered;
    /// # Ok::<(), linkedin::ConfigError>(())
    /// ```
    pub fn new(service: S) -> Self {
        Layered(service)
    }

    /// The service.
    ///
    /// ```
    /// let layered = linkedin::Layered::new(7_u8);
    /// assert_eq!(*layered.service(), 7);
    /// ```
    pub fn service(&self) -> &S {
        &self.0
    }
}

impl<S> AsyncHttpClient for Layered<S>
where
    S: tower::Service<http::Request<Vec<u8>>, Response = http::Response<Vec<u8>>>
        + Clone
        + Send
        + Sync,
    S::Error: TransportError,
    S::Future: Send,
{
    type Error = S::Error;

    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = Result<http::Response<Vec<u8>>, S::Error>> + Send {
        let mut service = self.0.clone();
        async move {
            std::future::poll_fn(|cx| service.poll_ready(cx)).await?;
            service.call(request).await
        }
    }
}

/// An [`HttpClient`] is a [`tower::Service`], always ready, so layers can
/// wrap it ([`Layered`]).
impl tower::Service<http::Request<Vec<u8>>> for HttpClient {
    type Response = http::Response<Vec<u8>>;
    type Error = HttpError;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, HttpError>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), HttpError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<Vec<u8>>) -> Self::Future {
        let client = self.clone();
        Box::pin(async move { AsyncHttpClient::send(&client, request).await })
    }
}
