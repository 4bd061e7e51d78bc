//! The shared transport suite (`linkedin-transport-tests`) run against the
//! blocking client. Every call of this crate's API the scenarios make is
//! in `UreqAdapter`, below.

use std::fmt::Debug;
use std::sync::{Arc, Barrier};
use std::thread;

use linkedin_oauth::{
    AccessToken, CodeExchange, Introspection, OAuthConfig, RefreshToken, RefreshedToken,
    ThreeLeggedToken, TokenSet, TwoLeggedToken,
};
use linkedin_transport_tests::{Auth, Setup, Transport};
use linkedin_ureq::restli::response::{CollectionResponse, EntityResponse};
use linkedin_ureq::restli::{Endpoint, FromResponse, Get, Paginated, RestliRequest};
use linkedin_ureq::{Client, Error, HttpClient, TokenSource};
use serde::de::DeserializeOwned;

/// The blocking client behind the suite's [`Transport`].
#[derive(Clone, Debug)]
struct UreqAdapter(Client);

impl Transport for UreqAdapter {
    const STACK_LOG_TARGETS: &'static [&'static str] = &["ureq::"];

    fn build(setup: Setup) -> Result<Self, Error> {
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
        let client = match setup.max_body_size {
            Some(limit) => {
                // `build` sets the agent's timeout from the settings; a
                // stack of one's own carries its own.
                let timeout = setup.timeout.unwrap_or(linkedin_ureq::DEFAULT_TIMEOUT);
                builder.build_with(
                    HttpClient::new()
                        .max_body_size(limit)
                        .timeout(Some(timeout)),
                )?
            }
            None => builder.build()?,
        };
        Ok(UreqAdapter(client))
    }

    fn send<R: FromResponse + Send + 'static>(
        &self,
        request: impl RestliRequest<R> + Send + 'static,
    ) -> Result<R, Error> {
        self.0.send(request)
    }

    fn with_access_token(&self, token: &AccessToken) -> Self {
        UreqAdapter(self.0.with_access_token(token))
    }

    fn pages<T: DeserializeOwned + Send + 'static>(
        &self,
        request: impl Paginated + Send + 'static,
    ) -> Vec<Result<CollectionResponse<T>, Error>> {
        self.0.pages(request).collect()
    }

    fn paginate<T: DeserializeOwned + Send + 'static>(
        &self,
        request: impl Paginated + Send + 'static,
    ) -> Vec<Result<T, Error>> {
        self.0.paginate(request).collect()
    }

    fn concurrently(
        &self,
        callers: usize,
        request: fn(usize) -> Get,
    ) -> Vec<Result<EntityResponse, Error>> {
        let barrier = Arc::new(Barrier::new(callers));
        let threads: Vec<_> = (0..callers)
            .map(|i| {
                let client = self.0.clone();
                let barrier = Arc::clone(&barrier);
                thread::spawn(move || {
                    barrier.wait();
                    client.send(request(i))
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().expect("a caller thread"))
            .collect()
    }

    fn tokens(&self) -> Option<TokenSet> {
        self.0.tokens()
    }

    fn exchange_code(&self, exchange: &CodeExchange) -> Result<ThreeLeggedToken, Error> {
        self.0.exchange_code(exchange)
    }

    fn refresh(&self, refresh_token: &RefreshToken) -> Result<RefreshedToken, Error> {
        self.0.refresh(refresh_token)
    }

    fn client_credentials(&self) -> Result<TwoLeggedToken, Error> {
        self.0.client_credentials()
    }

    fn introspect(&self, token: &AccessToken) -> Result<Introspection, Error> {
        self.0.introspect(token)
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
            ("HttpClient", Box::new(HttpClient::new())),
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
            UploadFrom::Path(path) => linkedin_ureq::UploadSource::path(path),
            UploadFrom::Reader(bytes) => {
                linkedin_ureq::UploadSource::reader(Box::new(std::io::Cursor::new(bytes)))
            }
        };
        let mut updates = Vec::new();
        let mut note = |progress| updates.push(progress);
        let result = self.0.upload(upload, source, Some(&mut note));
        (result, updates)
    }

    // --- report ---

    fn report(
        &self,
        report: &linkedin_resources::analytics::Report,
    ) -> Vec<Result<linkedin_resources::analytics::Row, Error>> {
        self.0.report(report).collect()
    }

    // --- surface ---

    type Caller = Client;

    fn caller(&self) -> &Client {
        &self.0
    }

    fn answer<'a, T: Send + 'a>(&'a self, answer: Result<T, Error>) -> Result<T, Error> {
        answer
    }

    fn items<'a, T: DeserializeOwned + Send + 'static>(
        &'a self,
        items: <Client as linkedin_client_core::api::Caller>::Items<'a, T>,
    ) -> Vec<Result<T, Error>> {
        items.collect()
    }
}

linkedin_transport_tests::transport_suite!(UreqAdapter);
