//! The shared transport suite (`linkedin-transport-tests`) run against the
//! async client. Every call of this crate's API the scenarios make is in
//! `ReqwestAdapter`, below, which drives its own tokio runtime so that the
//! scenarios can be written once for both transports.

use std::fmt::Debug;
use std::sync::Arc;

use futures_util::StreamExt;
use linkedin_reqwest::oauth::{
    AccessToken, CodeExchange, Introspection, OAuthConfig, RefreshToken, RefreshedToken,
    ThreeLeggedToken, TokenSet, TwoLeggedToken,
};
use linkedin_reqwest::restli::response::{CollectionResponse, EntityResponse};
use linkedin_reqwest::restli::{Endpoint, FromResponse, Get, Paginated, RestliRequest};
use linkedin_reqwest::{Client, Error, HttpClient, TokenSource};
use linkedin_transport_tests::{Auth, Setup, Transport};
use serde::de::DeserializeOwned;
use tokio::runtime::Runtime;

/// The async client and the runtime it runs on, behind the suite's
/// [`Transport`].
#[derive(Clone, Debug)]
struct ReqwestAdapter {
    client: Client,
    runtime: Arc<Runtime>,
}

impl ReqwestAdapter {
    fn with(&self, client: Client) -> Self {
        ReqwestAdapter {
            client,
            runtime: Arc::clone(&self.runtime),
        }
    }
}

impl Transport for ReqwestAdapter {
    const STACK_LOG_TARGETS: &'static [&'static str] = &["hyper_util::", "reqwest::"];

    fn build(setup: Setup) -> Result<Self, Error> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let mut builder = Client::builder();
        if let Some(origin) = &setup.origin {
            builder = builder.endpoint(Endpoint::from_origin(origin).expect("a loopback origin"));
        }
        if let Some(version) = setup.version {
            builder = builder.version(version);
        }
        if let Some(policy) = setup.retry {
            builder = builder.retry_policy(policy);
        }
        if let Some(timeout) = setup.timeout {
            builder = builder.timeout(timeout);
        }
        if let Some(total) = setup.total_timeout {
            builder = builder.total_timeout(total);
        }
        if let Some(oauth) = setup.oauth {
            builder = builder.oauth(oauth);
        }
        if let Some(base) = setup.oauth_base_url {
            builder = builder.oauth_base_url(base);
        }
        builder = match setup.auth {
            Auth::None => builder,
            Auth::Static(token) => builder.access_token(token),
            Auth::Refreshing {
                oauth,
                tokens,
                on_refresh,
            } => {
                let mut source = TokenSource::new(oauth, tokens);
                if let Some(callback) = on_refresh {
                    source = source.on_refresh(move |tokens| callback(tokens));
                }
                builder.token_source(source)
            }
            Auth::ClientCredentials(oauth) => {
                builder.token_source(TokenSource::client_credentials(oauth))
            }
        };
        let client = {
            let _inside = runtime.enter();
            match setup.max_body_size {
                Some(limit) => builder.build_with(HttpClient::new()?.max_body_size(limit))?,
                None => builder.build()?,
            }
        };
        Ok(ReqwestAdapter {
            client,
            runtime: Arc::new(runtime),
        })
    }

    fn send<R: FromResponse + Send + 'static>(
        &self,
        request: impl RestliRequest<R> + Send + 'static,
    ) -> Result<R, Error> {
        self.runtime.block_on(self.client.send(request))
    }

    fn with_access_token(&self, token: &AccessToken) -> Self {
        self.with(self.client.with_access_token(token))
    }

    fn pages<T: DeserializeOwned + Send + 'static>(
        &self,
        request: impl Paginated + Send + 'static,
    ) -> Vec<Result<CollectionResponse<T>, Error>> {
        self.runtime
            .block_on(self.client.pages(request).collect::<Vec<_>>())
    }

    fn paginate<T: DeserializeOwned + Send + 'static>(
        &self,
        request: impl Paginated + Send + 'static,
    ) -> Vec<Result<T, Error>> {
        self.runtime
            .block_on(self.client.paginate(request).collect::<Vec<_>>())
    }

    fn concurrently(
        &self,
        callers: usize,
        request: fn(usize) -> Get,
    ) -> Vec<Result<EntityResponse, Error>> {
        self.runtime.block_on(async {
            let barrier = Arc::new(tokio::sync::Barrier::new(callers));
            let tasks: Vec<_> = (0..callers)
                .map(|i| {
                    let client = self.client.clone();
                    let barrier = Arc::clone(&barrier);
                    tokio::spawn(async move {
                        barrier.wait().await;
                        client.send(request(i)).await
                    })
                })
                .collect();
            let mut results = Vec::with_capacity(callers);
            for task in tasks {
                results.push(task.await.expect("a caller task"));
            }
            results
        })
    }

    fn tokens(&self) -> Option<TokenSet> {
        self.client.tokens()
    }

    fn exchange_code(&self, exchange: &CodeExchange) -> Result<ThreeLeggedToken, Error> {
        self.runtime.block_on(self.client.exchange_code(exchange))
    }

    fn refresh(&self, refresh_token: &RefreshToken) -> Result<RefreshedToken, Error> {
        self.runtime.block_on(self.client.refresh(refresh_token))
    }

    fn client_credentials(&self) -> Result<TwoLeggedToken, Error> {
        self.runtime.block_on(self.client.client_credentials())
    }

    fn introspect(&self, token: &AccessToken) -> Result<Introspection, Error> {
        self.runtime.block_on(self.client.introspect(token))
    }

    fn secret_holders(oauth: OAuthConfig, tokens: TokenSet) -> Vec<(&'static str, Box<dyn Debug>)> {
        let configured = || {
            Client::builder()
                .oauth(oauth.clone())
                .access_token(tokens.access_token.clone())
        };
        let builder = configured();
        let client = configured().build().expect("client");
        let per_call = client.with_access_token(&tokens.access_token);
        let source = TokenSource::new(oauth.clone(), tokens.clone());
        let with_source = Client::builder()
            .token_source(TokenSource::new(oauth, tokens))
            .build()
            .expect("client");
        vec![
            ("ClientBuilder", Box::new(builder)),
            ("Client", Box::new(client)),
            ("Client (per-call token)", Box::new(per_call)),
            ("TokenSource", Box::new(source)),
            ("Client (token source)", Box::new(with_source)),
            ("HttpClient", Box::new(HttpClient::new().expect("reqwest"))),
        ]
    }

    // --- media ---
    fn upload(
        &self,
        upload: linkedin_resources::media::Upload,
        from: linkedin_transport_tests::uploads::UploadFrom,
    ) -> (
        Result<linkedin_resources::media::Uploaded, Error>,
        Vec<linkedin_resources::media::Progress>,
    ) {
        use linkedin_transport_tests::uploads::UploadFrom;
        let source = match from {
            UploadFrom::Path(path) => linkedin_reqwest::UploadSource::path(path),
            UploadFrom::Reader(bytes) => {
                linkedin_reqwest::UploadSource::reader(Box::new(std::io::Cursor::new(bytes)))
            }
        };
        let mut updates = Vec::new();
        let mut note = |progress| updates.push(progress);
        let result = self
            .runtime
            .block_on(self.client.upload(upload, source, Some(&mut note)));
        (result, updates)
    }

    // --- report ---

    fn report(
        &self,
        report: &linkedin_resources::analytics::Report,
    ) -> Vec<Result<linkedin_resources::analytics::Row, Error>> {
        self.runtime
            .block_on(self.client.report(report).collect::<Vec<_>>())
    }

    // --- surface ---

    type Caller = Client;

    fn caller(&self) -> &Client {
        &self.client
    }

    fn answer<'a, T: Send + 'a>(
        &'a self,
        answer: <Client as linkedin_client_core::api::Caller>::Answer<'a, T>,
    ) -> Result<T, Error> {
        self.runtime.block_on(answer)
    }

    fn items<'a, T: DeserializeOwned + Send + 'static>(
        &'a self,
        items: <Client as linkedin_client_core::api::Caller>::Items<'a, T>,
    ) -> Vec<Result<T, Error>> {
        self.runtime.block_on(items.collect::<Vec<_>>())
    }
}

linkedin_transport_tests::transport_suite!(ReqwestAdapter);
