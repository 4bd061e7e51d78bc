//! Async transport for LinkedIn's Rest.li APIs: reqwest on tokio.
//!
//! # How this is meant to be used
//!
//! The protocol lives in two pure crates, re-exported here:
//! [`restli`] (`restli-codec`) builds a request for each of the 14 Rest.li
//! methods and parses the answers, and decides when to retry and which page
//! comes next; [`oauth`] (`linkedin-oauth`) builds and parses the OAuth
//! requests. This crate only moves bytes: a [`Client`] sends what they
//! build, reads the clock, sleeps between attempts, bounds each attempt by
//! a timeout, keeps the access token fresh, and walks collections as
//! `futures` streams.
//!
//! ```no_run
//! use futures_util::StreamExt;
//! use linkedin::restli::{CollectionResponse, EntityResponse};
//! use linkedin::{Client, Request};
//! use linkedin::oauth::AccessToken;
//! use serde_json::json;
//!
//! # async fn run() -> Result<(), linkedin::Error> {
//! let client = Client::builder()
//!     .version("202406") // LinkedIn-Version, and the versioned /rest APIs
//!     .access_token(AccessToken::new(std::env::var("LINKEDIN_TOKEN").unwrap_or_default()))
//!     .build()?;
//!
//! // One entity.
//! let account: EntityResponse = client
//!     .send(Request::get("/adAccounts/{id}").key("id", &507404993))
//!     .await?;
//! println!("{}", account.entity["name"]);
//!
//! // One page of a finder...
//! let search = Request::finder("/adAccounts", "search")
//!     .param("search", &json!({"status": {"values": ["ACTIVE"]}}));
//! let page: CollectionResponse = client.send(search.clone()).await?;
//! # let _ = page;
//!
//! // ...or every element, page after page.
//! let mut accounts = std::pin::pin!(client.paginate::<serde_json::Value>(search.page(0, 100)));
//! while let Some(account) = accounts.next().await {
//!     println!("{}", account?["id"]);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # What a call does
//!
//! * **Builds** the HTTP request with the codec: headers, Rest.li
//!   encoding, tunneling of long queries (a BATCH_GET with 500 complex
//!   ids becomes a POST with `X-HTTP-Method-Override: GET`).
//! * **Authorizes** with the client's token: a fixed
//!   [`access_token`](ClientBuilder::access_token), a [`TokenSource`] that
//!   refreshes ahead of expiry (one refresh however many calls are waiting),
//!   or a per-call token with [`Client::with_access_token`].
//! * **Retries** by the [`RetryPolicy`](restli::retry::RetryPolicy): 429 for
//!   every method, after `Retry-After` when the server sends one; 5xx,
//!   timeouts and lost connections only for idempotent methods (a CREATE
//!   answered with 500 is not sent again).
//! * **Bounds** every attempt by the [timeout](ClientBuilder::timeout).
//! * **Parses** the answer into the method's typed response, or an
//!   [`Error`] that says what went wrong.
//! * **Traces** each call in one span covering all its attempts
//!   (`restli.request`, or `linkedin.oauth` for an OAuth call), with
//!   OpenTelemetry's HTTP client conventions, the same in both transports:
//!
//!   | field | value |
//!   |---|---|
//!   | `otel.kind`, `otel.name` | `client`; `GET /adAccounts/{id}` |
//!   | `http.request.method` | the HTTP method sent |
//!   | `url.template` | the path template (an OAuth call's path); never a key's or a query's value |
//!   | `server.address`, `server.port` | the host; the port when not the default |
//!   | `http.response.status_code` | the last response's status |
//!   | `http.request.resend_count` | retries (0 when none) |
//!   | `error.type` | on failure: the status (`404`), or `timeout`, `connection`, `connection_reset`, `body_too_large`, `transport`, `decode`, `token`, ... |
//!   | `linkedin.restli_method` | `get`, `batch_get`, `finder`, ... |
//!   | `linkedin.oauth_grant` | an OAuth call's grant |
//!   | `linkedin.request_id` | the response's `x-li-uuid` |
//!
//!   A debug event marks each attempt and an info event each retry.
//!   Tokens, secrets, headers, query values and bodies are never logged
//!   by this crate.
//!
//! # Bring your own HTTP stack
//!
//! [`Client`] is generic over [`AsyncHttpClient`](restli::transport::AsyncHttpClient);
//! [`ClientBuilder::build_with`] takes any implementation (another client
//! library, or a stub in tests). [`HttpClient`] is the default: HTTP/1.1,
//! rustls with the *ring* provider and Mozilla's roots, no redirects
//! followed.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod api;
mod auth;
mod builder;
mod client;
mod layered;
mod paging;
mod report;
mod token;
mod transport;
mod upload;

pub use builder::ClientBuilder;
pub use client::Client;
pub use layered::Layered;
/// The error types, shared with the blocking `linkedin-ureq` (one type in
/// both transports): defined in `linkedin-client-core`.
pub use linkedin_client_core::{ConfigError, DEFAULT_TIMEOUT, Error, TokenError, TransportFailed};
pub use paging::DEFAULT_PAGE_SIZE;
pub use token::{DEFAULT_REFRESH_AHEAD, TokenSource};
pub use transport::{DEFAULT_MAX_BODY_SIZE, HttpClient, HttpError};
pub use upload::{UploadReader, UploadSource};

/// The Rest.li codec (`restli-codec`): requests, responses, keys, URNs,
/// retry and paging decisions.
///
/// ```
/// let encoded = linkedin::restli::to_string(&serde_json::json!({"a": [1, 2]}))?;
/// assert_eq!(encoded, "(a:List(1,2))");
/// # Ok::<(), linkedin::restli::Error>(())
/// ```
pub use restli_codec as restli;

/// The OAuth 2.0 flows (`linkedin-oauth`): authorization URLs, redirects,
/// token sets, secrets.
///
/// ```
/// let token = linkedin::oauth::AccessToken::new("AQV");
/// assert_eq!(format!("{token:?}"), "AccessToken([redacted])");
/// ```
pub use linkedin_oauth as oauth;

pub use restli_codec::{Method, Patch, Request, Urn};

/// The reqwest this crate is built on, for
/// [`ClientBuilder::http_client`] (a `reqwest::Client` of another version
/// would not fit).
pub use reqwest;
