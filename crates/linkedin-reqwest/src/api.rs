//! The typed API handles (`client.posts()`, ...) on the async client: the
//! one [`Caller`] impl they are written over (in `linkedin-client-core`),
//! each answer a boxed `Send` future, each walk a boxed `Send` stream.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::SystemTime;

use futures_core::Stream;
use futures_util::stream;
use linkedin_client_core::api::{Caller, JwksStore};
use linkedin_client_core::{CallSpan, ConfigError};
use linkedin_oauth::OAuthConfig;
use restli_codec::exchange::Exchange;
use restli_codec::response::FromResponse;
use restli_codec::transport::AsyncHttpClient;
use restli_codec::{Method, Paginated, RestliRequest};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::Error;
use crate::client::Client;

/// A typed call's answer on the async client.
type Answer<'a, T> = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;
/// A typed walk on the async client.
type Items<'a, T> = Pin<Box<dyn Stream<Item = Result<T, Error>> + Send + 'a>>;

impl<H: AsyncHttpClient + 'static> Caller for Client<H> {
    type Answer<'a, T: Send + 'a>
        = Answer<'a, T>
    where
        Self: 'a;
    type Items<'a, T: Send + 'a>
        = Items<'a, T>
    where
        Self: 'a;

    fn call<'a, Q, R, T, F>(&'a self, request: Result<Q, Error>, finish: F) -> Answer<'a, T>
    where
        Q: RestliRequest<R> + Send + 'a,
        R: FromResponse + Send + 'a,
        T: Send + 'a,
        F: FnOnce(R) -> Result<T, Error> + Send + 'a,
    {
        Box::pin(async move { finish(self.send(request?).await?) })
    }

    fn items<'a, Q, T>(&'a self, request: Result<Q, Error>) -> Items<'a, T>
    where
        Q: Paginated + Send + 'a,
        T: DeserializeOwned + Send + 'static,
    {
        match request {
            Ok(request) => Box::pin(self.paginate::<T>(request)),
            Err(err) => Box::pin(stream::iter([Err(err)])),
        }
    }

    fn fetch<'a, T, F>(&'a self, request: http::Request<Vec<u8>>, finish: F) -> Answer<'a, T>
    where
        T: Send + 'a,
        F: FnOnce(Result<http::Response<Vec<u8>>, Error>) -> Result<T, Error> + Send + 'a,
    {
        Box::pin(async move {
            let url = request.uri().to_string();
            let mut span = CallSpan::fetch(&url);
            let mut exchange = Exchange::from_http(Method::Get, url, request, self.retry_policy());
            let current = span.span().clone();
            let result = self
                .run::<http::Response<Vec<u8>>>(&mut exchange, &mut span)
                .instrument(current)
                .await;
            span.finish(&result);
            finish(result)
        })
    }

    fn ready<'a, T: Send + 'a>(&'a self, result: Result<T, Error>) -> Answer<'a, T> {
        Box::pin(std::future::ready(result))
    }

    fn now(&self) -> SystemTime {
        SystemTime::now()
    }

    fn jwks_store(&self) -> Arc<JwksStore> {
        Arc::clone(self.0.jwks_store())
    }

    fn oauth_app(&self) -> Result<OAuthConfig, ConfigError> {
        self.0.oauth_app()
    }
}

linkedin_client_core::typed_apis!(Client, AsyncHttpClient + 'static);
