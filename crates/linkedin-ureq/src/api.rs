//! The typed API handles (`client.posts()`, ...) on the blocking client:
//! the one [`Caller`] impl they are written over (in
//! `linkedin-client-core`), each answer the result itself, each walk a
//! [`Paginate`] iterator.

use std::sync::Arc;
use std::time::SystemTime;

use linkedin_client_core::api::{Caller, JwksStore};
use linkedin_client_core::{CallSpan, ConfigError};
use linkedin_oauth::OAuthConfig;
use restli_codec::exchange::Exchange;
use restli_codec::response::FromResponse;
use restli_codec::transport::HttpClient;
use restli_codec::{Method, Paginated, RestliRequest};
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::{Error, Paginate, drive};

impl<H: HttpClient> Caller for Client<H> {
    type Answer<'a, T: Send + 'a>
        = Result<T, Error>
    where
        Self: 'a;
    type Items<'a, T: Send + 'a>
        = Paginate<T, H>
    where
        Self: 'a;

    fn call<'a, Q, R, T, F>(&'a self, request: Result<Q, Error>, finish: F) -> Result<T, Error>
    where
        Q: RestliRequest<R> + Send + 'a,
        R: FromResponse + Send + 'a,
        T: Send + 'a,
        F: FnOnce(R) -> Result<T, Error> + Send + 'a,
    {
        finish(self.send(request?)?)
    }

    fn items<'a, Q, T>(&'a self, request: Result<Q, Error>) -> Paginate<T, H>
    where
        Q: Paginated + Send + 'a,
        T: DeserializeOwned + Send + 'static,
    {
        match request {
            Ok(request) => self.paginate(request),
            Err(err) => Paginate::failed(self.clone(), err),
        }
    }

    fn fetch<'a, T, F>(&'a self, request: http::Request<Vec<u8>>, finish: F) -> Result<T, Error>
    where
        T: Send + 'a,
        F: FnOnce(Result<http::Response<Vec<u8>>, Error>) -> Result<T, Error> + Send + 'a,
    {
        let url = request.uri().to_string();
        let mut span = CallSpan::fetch(&url);
        let mut exchange = Exchange::from_http(Method::Get, url, request, self.retry_policy());
        let result = span.span().clone().in_scope(|| {
            drive::run::<http::Response<Vec<u8>>, H>(
                self.http(),
                &mut exchange,
                self.timeout(),
                &mut span,
            )
        });
        span.finish(&result);
        finish(result)
    }

    fn ready<'a, T: Send + 'a>(&'a self, result: Result<T, Error>) -> Result<T, Error> {
        result
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

linkedin_client_core::typed_apis!(Client, HttpClient);
