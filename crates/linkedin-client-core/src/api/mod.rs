//! The typed API handles of both clients, written once: [`Posts`],
//! [`Comments`], [`Reactions`], [`Organizations`], [`Identity`] and
//! [`Ads`] (with [`AdAccounts`], [`CampaignGroups`], [`Campaigns`] and
//! [`Creatives`]).
//!
//! # How this is meant to be used
//!
//! A user calls `client.posts().create(&post)` on either client and gets
//! the new post's URN: awaited on the async client, at once on the blocking
//! one. Each handle method is written here once, over the [`Caller`] trait:
//! it builds the request of `linkedin-resources` (invalid input is an
//! [`Error::Resource`] before anything is sent), hands it to the caller
//! with what to make of the answer, and the caller, a transport's `Client`,
//! only sends it. A transport implements [`Caller`] once; the handles'
//! outputs are its [`Answer`](Caller::Answer) (a future, or the result
//! itself) and [`Items`](Caller::Items) (a stream, or an iterator).
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
//! use linkedin::resources::posts::NewPost;
//! use linkedin::resources::urns::PersonUrn;
//!
//! let client = linkedin::blocking::Client::builder()
//!     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
//!     .version("202606")
//!     .access_token(linkedin::oauth::AccessToken::new(sandbox.access_token()))
//!     .build()?;
//! let me: PersonUrn = "urn:li:person:sAnDb0x1d".parse()?;
//! let urn = client.posts().create(&NewPost::new(me, "Hello (world)".into()))?;
//! let post = client.posts().get(&urn)?;
//! assert_eq!(post.plain_commentary().as_deref(), Some("Hello (world)"));
//! # Ok(())
//! # }
//! ```

mod ads;
mod identity;
mod organizations;
mod posts;
mod social;

use std::sync::Arc;
use std::time::SystemTime;

use linkedin_oauth::OAuthConfig;
use restli_codec::response::FromResponse;
use restli_codec::{Paginated, RestliRequest};
use serde::de::DeserializeOwned;

use crate::error::{ConfigError, Error};

pub use ads::{AdAccounts, Ads, CampaignGroups, Campaigns, Creatives};
pub use identity::{Identity, JwksStore};
pub use organizations::Organizations;
pub use posts::Posts;
pub use social::{Comments, Reactions};

/// What a client does for the typed handles: send one typed request and
/// make its answer into the handle's output, walk a paged request, fetch a
/// plain URL (LinkedIn's JWKS). A transport's `Client` implements it once;
/// every handle method is written over it.
///
/// The bounds are the same for both styles (`Send` everywhere), so a
/// handle method has one body; the blocking client simply does not need
/// them.
///
/// ```
/// use linkedin::client_core::api::Caller;
///
/// // Both clients are callers: the handles work on either (each client's
/// // `client.posts()` is this).
/// fn posts_of<C: Caller>(client: &C) -> linkedin::client_core::api::Posts<'_, C> {
///     linkedin::client_core::api::Posts::new(client)
/// }
/// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
/// # let client = linkedin::blocking::Client::builder()
/// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
/// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
/// let post = posts_of(&client).get(&"urn:li:share:1".parse()?);
/// assert_eq!(post.unwrap_err().status().map(|s| s.as_u16()), Some(404));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Caller {
    /// What a call gives: a `Send` future of `Result<T, Error>` on the
    /// async client, the `Result<T, Error>` itself on the blocking one.
    type Answer<'a, T: Send + 'a>
    where
        Self: 'a;

    /// What a walk gives: a `Send` stream of `Result<T, Error>` on the
    /// async client, an iterator of them on the blocking one. After an
    /// error it ends.
    type Items<'a, T: Send + 'a>
    where
        Self: 'a;

    /// Sends `request` (an `Err` is answered as it is, nothing sent) and
    /// makes its response into the output with `finish`.
    fn call<'a, Q, R, T, F>(&'a self, request: Result<Q, Error>, finish: F) -> Self::Answer<'a, T>
    where
        Q: RestliRequest<R> + Send + 'a,
        R: FromResponse + Send + 'a,
        T: Send + 'a,
        F: FnOnce(R) -> Result<T, Error> + Send + 'a;

    /// Every element of a paged request (GET_ALL or FINDER), page after
    /// page, as the client's `paginate` walks it; an `Err` is the only
    /// item.
    fn items<'a, Q, T>(&'a self, request: Result<Q, Error>) -> Self::Items<'a, T>
    where
        Q: Paginated + Send + 'a,
        T: DeserializeOwned + Send + 'static;

    /// Sends a plain request (no token, no Rest.li headers; retried like a
    /// GET, under the client's timeouts and body limit) and hands its
    /// answer, whatever the status, or the failure, to `finish`.
    fn fetch<'a, T, F>(&'a self, request: http::Request<Vec<u8>>, finish: F) -> Self::Answer<'a, T>
    where
        T: Send + 'a,
        F: FnOnce(Result<http::Response<Vec<u8>>, Error>) -> Result<T, Error> + Send + 'a;

    /// An answer already known (a check that failed, keys already held).
    fn ready<'a, T: Send + 'a>(&'a self, result: Result<T, Error>) -> Self::Answer<'a, T>;

    /// The time now (a pure crate cannot read the clock; the transport
    /// does).
    fn now(&self) -> SystemTime;

    /// The JWKS keys shared by the client and its clones.
    fn jwks_store(&self) -> Arc<JwksStore>;

    /// The client's OAuth application (its id is the `aud` of id_tokens).
    ///
    /// # Errors
    ///
    /// [`ConfigError::NoOAuth`] without one.
    fn oauth_app(&self) -> Result<OAuthConfig, ConfigError>;
}
