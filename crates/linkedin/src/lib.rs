//! LinkedIn's APIs from Rust: Rest.li requests and responses through serde,
//! OAuth 2.0, retries, timeouts, pagination, and an async or a blocking
//! client.
//!
//! # How this is meant to be used
//!
//! LinkedIn's APIs (Marketing, Community Management, Sign In with LinkedIn,
//! ...) speak Rest.li 2.0: URLs carry values in a grammar of their own
//! (`List(a,b)`, `(key:value)`), fourteen methods map onto HTTP verbs and
//! headers, long queries are tunneled, batch answers are keyed by encoded
//! ids. This SDK is layered so that all of that lives in one place:
//!
//! | layer | crate | re-exported as |
//! |---|---|---|
//! | Rest.li protocol: encoding, requests, typed responses, retry and paging decisions (no IO) | `restli-codec` | [`restli`], and the common items at the root |
//! | OAuth 2.0: authorization URLs, CSRF state, PKCE (native apps), token requests and lifetimes (no IO) | `linkedin-oauth` | [`oauth`] |
//! | LinkedIn's APIs typed: identity and id_tokens, posts and little text, media uploads, comments, reactions, organizations, ads, ads reporting (no IO) | `linkedin-resources` | [`resources`]; their handles on both clients (`client.posts()`, `client.identity()`, ...) in [`api`] |
//! | async client: reqwest on tokio | `linkedin-reqwest` | [`Client`], [`TokenSource`], [`Error`] (feature `async`, on by default) |
//! | blocking client: ureq | `linkedin-ureq` | `blocking` (feature `blocking`) |
//! | webhooks: endpoint validation, `X-LI-Signature` checks, typed notifications (no IO) | `linkedin-webhooks` | `webhooks` (feature `webhooks`) |
//! | a local LinkedIn double for offline tests and examples | `linkedin-sandbox` | `sandbox` (feature `sandbox`) |
//! | HTTP types (`StatusCode`, `HeaderMap`, `Request`, `Response`) | `http` | [`http`] |
//!
//! You build a [`Request`] for one of the 14 methods (anything `Serialize`
//! can be a key, a parameter or a body), hand it to a [`Client`], and get a
//! typed response back (any `Deserialize` type, or `serde_json::Value`).
//! The examples below run against `linkedin::sandbox`, a local
//! LinkedIn-shaped server (feature `sandbox`); against LinkedIn, leave out
//! the `.endpoint(..)` line and use a real token.
//!
//! # Reading
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let sandbox = linkedin::sandbox::Sandbox::start().await?;
//! use linkedin::oauth::AccessToken;
//! use linkedin::prelude::*;
//! use serde::Deserialize;
//! use serde_json::json;
//!
//! let client = Client::builder()
//!     .endpoint(Endpoint::from_origin(sandbox.origin())?) // leave out for LinkedIn
//!     .version("202606")                                  // LinkedIn-Version: the /rest APIs
//!     .access_token(AccessToken::new(sandbox.access_token()))
//!     .build()?;
//!
//! // One entity, as JSON...
//! let account: EntityResponse = client
//!     .send(Request::get("/adAccounts/{id}").key("id", &500001))
//!     .await?;
//! assert_eq!(account.entity["name"], "Sandbox Ads");
//!
//! // ...or as your own type.
//! #[derive(Debug, Deserialize)]
//! struct AdAccount {
//!     id: u64,
//!     name: String,
//!     status: String,
//! }
//! let account: EntityResponse<AdAccount> = client
//!     .send(Request::get("/adAccounts/{id}").key("id", &500002))
//!     .await?;
//! assert_eq!(account.entity.status, "DRAFT");
//!
//! // A finder, with a record-valued criterion, every element of every page.
//! let search = Request::finder("/adAccounts", "search").param(
//!     "search",
//!     &json!({
//!         "status": {"values": ["ACTIVE", "DRAFT"]},
//!         "reference": {"values": ["urn:li:organization:123"]},
//!         "test": false,
//!     }),
//! );
//! let accounts: Vec<AdAccount> = client.paginate(search.page(0, 1)).try_collect().await?;
//! let ids: Vec<u64> = accounts.iter().map(|a| a.id).collect();
//! assert_eq!(ids, [500001, 500002]);
//!
//! // Several entities by id: the answer is keyed by typed id.
//! let batch: BatchGetResponse<u64, AdAccount> = client
//!     .send(Request::batch_get("/adAccounts", [500001, 500004]))
//!     .await?;
//! assert_eq!(batch.get(&500004).and_then(Result::ok).map(|a| a.name.as_str()), Some("Other Org Ads"));
//! # Ok(())
//! # }
//! ```
//!
//! # Writing
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let sandbox = linkedin::sandbox::Sandbox::start().await?;
//! # let client = linkedin::Client::builder()
//! #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
//! #     .version("202606")
//! #     .access_token(linkedin::oauth::AccessToken::new(sandbox.access_token()))
//! #     .build()?;
//! use linkedin::prelude::*;
//! use serde_json::json;
//!
//! // Campaign groups live under their ad account in the versioned APIs.
//! let groups = "/adAccounts/{account}/adCampaignGroups";
//! let group_path = "/adAccounts/{account}/adCampaignGroups/{id}";
//!
//! // CREATE: the new id comes back in X-RestLi-Id, decoded as the type you ask for.
//! let group = json!({"account": "urn:li:sponsoredAccount:500001", "name": "Spring", "status": "DRAFT"});
//! let created: CreateResponse<u64> =
//!     client.send(Request::create(groups, &group).key("account", &500001)).await?;
//! let id = created.id.expect("the sandbox returns the id");
//!
//! // PARTIAL_UPDATE: a `$set` patch (or `Patch::diff(&old, &new)`).
//! let patch = Patch::set(&json!({"status": "ACTIVE"}))?;
//! client.send(Request::partial_update(group_path, &patch).key("account", &500001).key("id", &id)).await?;
//!
//! let group: EntityResponse = client.send(Request::get(group_path).key("account", &500001).key("id", &id)).await?;
//! assert_eq!(group.entity["status"], "ACTIVE");
//!
//! // DELETE.
//! let deleted = client.send(Request::delete(group_path).key("account", &500001).key("id", &id)).await?;
//! assert_eq!(deleted.meta.status(), 204);
//! # Ok(())
//! # }
//! ```
//!
//! Every method has its request type (`Request::get` gives a `Get`,
//! `Request::batch_get` a `BatchGet`, `Request::finder` a `Finder`, ...), and
//! one `send` takes any of them and returns the response of its method
//! (`EntityResponse`, `BatchGetResponse`, `CollectionResponse`, ...), the
//! entity type inferred from where the response is used: a request sent
//! where another method's response is expected does not compile.
//!
//! # Errors, retries and timeouts
//!
//! A non-2xx answer is [`Error::Api`] with LinkedIn's status,
//! `serviceErrorCode` and message. Throttling (429) is retried for every
//! method, after `Retry-After`; 5xx answers, timeouts and lost connections
//! only for idempotent methods, so a CREATE is never sent twice. Each
//! attempt is bounded by the client's timeout (30 s by default).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let sandbox = linkedin::sandbox::Sandbox::start().await?;
//! use std::time::Duration;
//! use linkedin::prelude::*;
//! use linkedin::sandbox::Fault;
//!
//! let client = Client::builder()
//!     .endpoint(Endpoint::from_origin(sandbox.origin())?)
//!     .version("202606")
//!     .access_token(linkedin::oauth::AccessToken::new(sandbox.access_token()))
//!     .timeout(Duration::from_secs(10))
//!     .retry_policy(RetryPolicy::default().max_attempts(3).base_delay(Duration::from_millis(50)))
//!     .build()?;
//!
//! // The next request fails with 503: a GET is retried. (`/v2/userinfo`
//! // exists only under `/v2`: the pasted prefix picks it on this versioned
//! // client.)
//! sandbox.inject(Fault::status(linkedin::http::StatusCode::SERVICE_UNAVAILABLE).times(1));
//! let me: EntityResponse = client.send(Request::get("/v2/userinfo")).await?;
//! assert_eq!(me.entity["given_name"], "Sandra");
//! assert_eq!(sandbox.request_count("/v2/userinfo"), 2);
//!
//! // A missing entity is an API error, not retried.
//! let err = client.send::<_, linkedin::EntityResponse<serde_json::Value>>(Request::get("/adAccounts/{id}").key("id", &1)).await.unwrap_err();
//! assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
//! println!("LinkedIn says: {}", err.api_error().and_then(|e| e.message()).unwrap_or("?"));
//! # Ok(())
//! # }
//! ```
//!
//! # Signing in members (3-legged OAuth) and keeping tokens fresh
//!
//! [`oauth::AuthorizationCodeFlow`] gives the URL to send the member's
//! browser to (with a CSRF `state`), checks the redirect back, and the
//! client exchanges the code. A [`TokenSource`] then refreshes the
//! token ahead of expiry, once however many calls are waiting, and hands
//! you each new token set to store.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let sandbox = linkedin::sandbox::Sandbox::start().await?;
//! use linkedin::oauth::{AuthorizationCodeFlow, BaseUrl, ClientId, ClientSecret, OAuthConfig, RedirectUrl};
//! use linkedin::prelude::*;
//!
//! let oauth = OAuthConfig::new(ClientId::new(sandbox.client_id()), ClientSecret::new(sandbox.client_secret()))
//!     .base_url(BaseUrl::parse(&sandbox.oauth_url())?); // leave out for LinkedIn
//! let client = Client::builder()
//!     .endpoint(Endpoint::from_origin(sandbox.origin())?)
//!     .oauth(oauth.clone())
//!     .build()?;
//!
//! // 1. Send the member to LinkedIn; keep `pending` in the session.
//! let (url, pending) = AuthorizationCodeFlow::new(oauth.client_id().clone(), RedirectUrl::new("https://app.example/callback")?)
//!     .base_url(oauth.base().clone())
//!     .scopes(["openid", "profile"])
//!     .start()?;
//! // (Here the sandbox consents at once; we play the browser.)
//! let answer = client.http().client().get(url.as_str()).send().await?;
//! let callback = answer.headers()["location"].to_str()?.to_owned();
//!
//! // 2. LinkedIn redirects back: check it, exchange the code.
//! let exchange = pending.finish(&callback)?;
//! let tokens = client.exchange_code(&exchange).await?.tokens;
//!
//! // 3. Call the APIs with tokens that renew themselves.
//! let source = TokenSource::new(oauth, tokens).on_refresh(|tokens| {
//!     let _json = serde_json::to_string(tokens); // store this securely
//! });
//! let member = Client::builder()
//!     .endpoint(Endpoint::from_origin(sandbox.origin())?)
//!     .token_source(source)
//!     .build()?;
//! // `openid profile` reads the OpenID Connect claims (`/v2/me` needs a
//! // legacy profile scope, as on LinkedIn).
//! let me: EntityResponse = member.send(Request::get("/v2/userinfo")).await?;
//! assert_eq!(me.entity["sub"], "sAnDb0x1d");
//! # Ok(())
//! # }
//! ```
//!
//! PKCE stays off: LinkedIn supports it only for native apps on which it
//! has been enabled, and a web app that sends a `code_verifier` gets 401
//! `invalid_client`. Turn it on (`.pkce(true)`) only for such an app.
//! Identity comes from `/v2/userinfo` (Sign In with LinkedIn using OpenID
//! Connect); `/v2/me` needs the legacy `r_liteprofile` or `r_basicprofile`
//! scope and answers 403 to OpenID Connect apps.
//!
//! Applications without a member use 2-legged tokens:
//! [`TokenSource::client_credentials`]. Tokens, secrets, codes and PKCE
//! verifiers are types whose `Debug` and `Display` print `[redacted]`, and
//! no log line or error message of this SDK contains one.
//!
//! # The protocol, without a client
//!
//! Everything the clients send is built by [`restli`], usable on its own
//! (another HTTP stack, a proxy, a test):
//!
//! ```
//! use linkedin::{Request, RequestConfig, Urn};
//! use serde_json::json;
//!
//! assert_eq!(linkedin::restli::to_string(&json!({"values": ["ACTIVE"], "test": false}))?, "(test:false,values:List(ACTIVE))");
//!
//! let creative: Urn = "urn:li:sponsoredCreative:(urn:li:sponsoredCampaign:123,456)".parse()?;
//! assert_eq!(creative.entity_type(), "sponsoredCreative");
//!
//! let http = Request::batch_get("/adCampaigns", 0..2000).to_http(&RequestConfig::new(), Some("token"))?;
//! assert_eq!(http.method(), "POST"); // tunneled: the query is too long for a URL
//! assert_eq!(http.headers()["x-http-method-override"], "GET");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Blocking
//!
//! With the `blocking` feature, `blocking::Client` has the same calls,
//! without `.await`; pagination is an `Iterator`.
//!
//! ```
//! # #[cfg(feature = "blocking")]
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
//! use linkedin::blocking::Client;
//! use linkedin::{EntityResponse, Endpoint, Request};
//!
//! let client = Client::builder()
//!     .endpoint(Endpoint::from_origin(sandbox.origin())?)
//!     .version("202601")
//!     .access_token(linkedin::oauth::AccessToken::new(sandbox.access_token()))
//!     .build()?;
//! let me: EntityResponse = client.send(Request::get("/v2/userinfo"))?;
//! assert_eq!(me.entity["family_name"], "Box");
//! let all: Vec<serde_json::Value> = client
//!     .paginate(Request::get_all("/adAccounts").page(0, 2))
//!     .collect::<Result<_, _>>()?;
//! assert_eq!(all.len(), 4);
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "blocking"))]
//! # fn main() {}
//! ```
//!
//! # Webhooks
//!
//! With the `webhooks` feature, `linkedin::webhooks` answers LinkedIn's
//! endpoint validation and checks each delivery's `X-LI-Signature` before
//! parsing it, keyed with the same [`oauth::ClientSecret`] the OAuth calls
//! use. It does no IO: hand it what your HTTP framework received.
//!
//! ```
//! # #[cfg(feature = "webhooks")]
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use linkedin::http;
//! use linkedin::oauth::ClientSecret;
//! use linkedin::webhooks::{sign, validation_response, verify_notification, Envelope};
//!
//! let secret = ClientSecret::new("s3cr3t"); // the application's client secret
//!
//! // GET ?challengeCode=...: LinkedIn validating the endpoint.
//! let get = http::Request::get("/linkedin?challengeCode=890e4665").body(Vec::<u8>::new())?;
//! assert_eq!(validation_response(&secret, &get)?.status(), http::StatusCode::OK);
//!
//! // POST: a delivery, signed here as LinkedIn signs it.
//! let body = br#"{"type":"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS","notifications":[]}"#;
//! let mut headers = http::HeaderMap::new();
//! headers.insert("x-li-signature", sign(&secret, body)?.parse()?);
//! let envelope: Envelope = verify_notification(&secret, &headers, body)?;
//! assert!(envelope.notifications.is_empty());
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "webhooks"))]
//! # fn main() {}
//! ```
//!
//! # Limits and secrets
//!
//! * **Rate limits are daily.** LinkedIn counts calls per application and
//!   per member per day and resets at midnight UTC
//!   (<https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits>).
//!   A 429 without `Retry-After` is retried once, then returned;
//!   [`Error::rate_limit`](crate::Error::rate_limit) gives a [`RateLimit`]
//!   with the reset time when LinkedIn's message names a daily limit.
//! * **Every call is bounded**: 30 s per attempt, 60 s in all across
//!   retries (`ClientBuilder::timeout`, `ClientBuilder::total_timeout`).
//! * **Secrets never print** through the SDK's types; but the blocking
//!   client's HTTP library, ureq, hex-dumps wire bytes (tokens included) to
//!   the `log` crate at `TRACE`: see `blocking::logging`.
//!
//! # Features
//!
//! * `async` (default): [`Client`] and friends, over reqwest on tokio
//!   (rustls with the *ring* provider; no OpenSSL, no aws-lc).
//! * `blocking`: `blocking::Client`, over ureq.
//! * `webhooks`: `linkedin::webhooks`, LinkedIn's webhook validation,
//!   signatures and notifications (pure: no IO, no runtime).
//! * `sandbox`: `linkedin::sandbox`, the local LinkedIn double (tokio,
//!   hyper, axum); usually a dev-dependency feature:
//!   `linkedin = { version = "0.1", features = ["sandbox"] }` under
//!   `[dev-dependencies]`.
//!
//! `webhooks` and `sandbox` are off by default. Turn `default-features`
//! off and enable `blocking` for a build without tokio.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

/// The Rest.li protocol (`restli-codec`): value encoding, requests for the
/// 14 methods, typed responses, URNs, retry and paging decisions.
///
/// ```
/// let ids: Vec<u64> = linkedin::restli::from_str("List(1,2,3)")?;
/// assert_eq!(ids, [1, 2, 3]);
/// # Ok::<(), linkedin::restli::Error>(())
/// ```
pub use restli_codec as restli;

/// OAuth 2.0 (`linkedin-oauth`): authorization URLs with CSRF state and
/// PKCE, redirect checks, token requests, token sets, secret types.
///
/// ```
/// let secret = linkedin::oauth::ClientSecret::new("hunter2");
/// assert_eq!(secret.to_string(), "[redacted]");
/// ```
pub use linkedin_oauth as oauth;

/// LinkedIn's APIs as typed requests and models (`linkedin-resources`):
/// identity and id_token verification, posts and their little-text
/// commentary, media uploads, comments, reactions, organizations, ads and
/// ads reporting; the multi-step flows (uploads, reports over date windows)
/// as state machines. Pure: no IO. Both clients send them through the
/// handles of [`api`] (`client.posts().create(&post)`), as they are with
/// `client.send(request)`, and drive the flows with `client.upload(..)` and
/// `client.report(..)`.
///
/// ```
/// use linkedin::resources::analytics::{Date, Metric, Pivot, Report};
/// use linkedin::resources::commentary::Commentary;
/// use linkedin::resources::media::{ImageFile, Upload};
///
/// let text = Commentary::new().text("50% off (today) ").hashtag("rust");
/// assert_eq!(text.to_little_text()?, r"50% off \(today\) {hashtag|\#|rust}");
///
/// let upload = Upload::image("urn:li:person:abc".parse()?, ImageFile::from_name("a.png", 9)?);
/// assert!(!upload.is_finished());
///
/// let day = Date::new(2024, 1, 1)?;
/// let report = Report::analytics(Pivot::Campaign, day, day).accounts([507404993.into()]).metrics([Metric::Clicks]);
/// assert_eq!(report.header(), ["CAMPAIGN", "start", "end", "clicks"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub use linkedin_resources as resources;

/// The typed API handles both clients have (`client.posts()`,
/// `client.comments()`, `client.reactions()`, `client.organizations()`,
/// `client.identity()`, `client.ads()`), written once over
/// [`Caller`](api::Caller), which each client implements: a call's answer
/// is a future on the async client and the result itself on the blocking
/// one; a list is a `Stream` or an `Iterator`.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sandbox = linkedin::sandbox::Sandbox::start().await?;
/// use linkedin::prelude::*;
/// use linkedin::resources::posts::NewPost;
/// use linkedin::resources::urns::PersonUrn;
///
/// let client = Client::builder()
///     .endpoint(Endpoint::from_origin(sandbox.origin())?)
///     .version("202606")
///     .access_token(linkedin::oauth::AccessToken::new(sandbox.access_token()))
///     .build()?;
/// let me: PersonUrn = client.identity().userinfo().await?.person_urn()?;
/// let urn = client.posts().create(&NewPost::new(me.clone(), "Hello".into())).await?;
/// let mine: Vec<_> = client.posts().list_by_author(me).try_collect().await?;
/// assert_eq!(mine[0].post_urn(), Some(urn));
/// # Ok(())
/// # }
/// ```
pub use linkedin_client_core::api;

/// What both clients are made of, whatever their HTTP stack
/// (`linkedin-client-core`): the generic `ClientBuilder`, the `ClientCore`
/// every `Client` derefs to (its settings and accessors), the token source's
/// decisions, the OAuth call; for writing a transport of your own. Pure: no
/// IO.
///
/// ```
/// use linkedin::client_core::{ClientCore, ClientSettings};
///
/// let core = ClientCore::new((), ClientSettings::<()>::new());
/// assert_eq!(core.config().tunnel_threshold(), 4000);
/// ```
pub use linkedin_client_core as client_core;

/// The `http` crate, whose types the SDK speaks: requests and responses
/// built and parsed by [`restli`], the [`StatusCode`](http::StatusCode) an
/// error returns, header maps.
///
/// ```
/// use linkedin::http::StatusCode;
///
/// let status = StatusCode::TOO_MANY_REQUESTS;
/// assert_eq!(status.as_u16(), 429);
/// ```
pub use http;

/// LinkedIn webhooks (`linkedin-webhooks`, feature `webhooks`): endpoint
/// validation, `X-LI-Signature` verification, typed notifications,
/// deduplication. Pure: no IO, no clock.
///
/// ```
/// use linkedin::oauth::ClientSecret;
///
/// let signature = linkedin::webhooks::sign(&ClientSecret::new("s3cr3t"), b"{}")?;
/// assert_eq!(signature.len(), 64);
/// # Ok::<(), linkedin::webhooks::SignatureError>(())
/// ```
#[cfg(feature = "webhooks")]
#[cfg_attr(docsrs, doc(cfg(feature = "webhooks")))]
pub use linkedin_webhooks as webhooks;

/// A local LinkedIn double (`linkedin-sandbox`, feature `sandbox`): Rest.li
/// collections, OAuth, LinkedIn's error bodies, fault injection, webhooks
/// and record/replay, on `127.0.0.1` for offline tests and examples.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let sandbox = linkedin::sandbox::Sandbox::start().await?;
/// assert!(sandbox.origin().starts_with("http://127.0.0.1:"));
/// # Ok(())
/// # }
/// ```
#[cfg(feature = "sandbox")]
#[cfg_attr(docsrs, doc(cfg(feature = "sandbox")))]
pub use linkedin_sandbox as sandbox;

pub use restli_codec::response::{
    ActionResponse, ApiError, BatchCreateResponse, BatchFinderResponse, BatchGetResponse, BatchMap,
    BatchStatusResponse, CollectionResponse, CreateResponse, EntityResponse, FromResponse,
    ResponseError, ResponseMeta, StatusResponse,
};
pub use restli_codec::retry::{RateLimit, RetryPolicy};
pub use restli_codec::{
    Endpoint, LinkedInVersion, Method, Patch, PathTemplate, Request, RequestConfig, Urn,
};

#[cfg(feature = "async")]
#[cfg_attr(docsrs, doc(cfg(feature = "async")))]
pub use linkedin_reqwest::{
    Client, ClientBuilder, ConfigError, DEFAULT_MAX_BODY_SIZE, DEFAULT_PAGE_SIZE,
    DEFAULT_REFRESH_AHEAD, DEFAULT_TIMEOUT, Error, HttpClient, HttpError, Layered, TokenError,
    TokenSource, TransportFailed, UploadReader, UploadSource,
};

/// The blocking client (feature `blocking`): the same calls as the
/// [async client](crate::Client), over ureq, with pagination as an `Iterator`.
///
/// The error types are shared by both clients (they come from
/// `linkedin-client-core`): `linkedin::blocking::Error` is the very type
/// `linkedin::Error` is, and likewise `ConfigError`, `TokenError`,
/// `TransportFailed` and `DEFAULT_TIMEOUT`, so one error handler serves
/// both.
///
/// ```
/// # #[cfg(feature = "blocking")]
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
/// let client = linkedin::blocking::Client::builder()
///     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
///     .access_token(linkedin::oauth::AccessToken::new(sandbox.access_token()))
///     .build()?;
/// let me: linkedin::EntityResponse = client.send(linkedin::Request::get("/v2/userinfo"))?;
/// assert_eq!(me.entity["name"], "Sandra Box");
/// # Ok(())
/// # }
/// # #[cfg(not(feature = "blocking"))]
/// # fn main() {}
/// ```
#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
pub mod blocking {
    pub use linkedin_ureq::{
        CACHE_TTL, CachingResolver, Client, ClientBuilder, ConfigError, DEFAULT_MAX_BODY_SIZE,
        DEFAULT_PAGE_SIZE, DEFAULT_REFRESH_AHEAD, DEFAULT_TIMEOUT, Error, HttpClient, HttpError,
        Pages, Paginate, ReportRows, TokenError, TokenSource, TransportFailed, UploadReader,
        UploadSource, logging, ureq,
    };
}

/// The names most programs use: `use linkedin::prelude::*;`.
///
/// Requests, patches, URNs, the endpoint, the typed responses and the retry
/// policy; with the `async` feature also the client, its token source and
/// error, and the stream extension traits (`next`, `try_collect`) that
/// [`Client::paginate`](crate::Client::paginate) and
/// [`Client::pages`](crate::Client::pages) need.
///
/// ```
/// use linkedin::prelude::*;
///
/// let request = Request::get("/adAccounts/{id}").key("id", &1);
/// assert_eq!(request.method(), Method::Get);
/// ```
pub mod prelude {
    pub use crate::{
        ActionResponse, BatchCreateResponse, BatchFinderResponse, BatchGetResponse,
        BatchStatusResponse, CollectionResponse, CreateResponse, Endpoint, EntityResponse, Method,
        Patch, Request, RetryPolicy, StatusResponse, Urn,
    };

    #[cfg(feature = "async")]
    #[cfg_attr(docsrs, doc(cfg(feature = "async")))]
    pub use crate::{Client, Error, TokenSource};
    #[cfg(feature = "async")]
    #[cfg_attr(docsrs, doc(cfg(feature = "async")))]
    pub use futures_util::{StreamExt as _, TryStreamExt as _};
}
