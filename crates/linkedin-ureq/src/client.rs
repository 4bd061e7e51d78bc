//! [`Client`]: one `send` for every Rest.li request, blocking (its builder
//! is in `builder.rs`, its OAuth calls in `auth.rs`, the send loop in
//! `drive.rs`).

use std::borrow::Cow;

use linkedin_oauth::AccessToken;
use restli_codec::response::FromResponse;
use restli_codec::transport::HttpClient;
use restli_codec::{DynamicRequest, RestliRequest};

use linkedin_client_core::{Bearer, ClientCore};

use crate::Error;
use crate::drive;
use crate::token::{self, TokenSource};

/// A blocking LinkedIn API client.
///
/// Cheap to clone (clones share the HTTP agent with its connection pool,
/// and the token source) and usable from many threads at once. `H` is the
/// HTTP stack: [`HttpClient`](crate::HttpClient) (ureq) unless [`ClientBuilder::build_with`](crate::ClientBuilder::build_with) was given
/// another.
///
/// ```no_run
/// use linkedin::Request;
/// use linkedin::blocking::Client;
/// use linkedin::oauth::AccessToken;
/// use linkedin::restli::EntityResponse;
///
/// let client = Client::builder()
///     .version("202406")
///     .access_token(AccessToken::new("AQV..."))
///     .build()?;
/// let account: EntityResponse = client.send(Request::get("/adAccounts/{id}").key("id", &507404993))?;
/// println!("{}", account.entity["name"]);
/// # Ok::<(), linkedin::blocking::Error>(())
/// ```
pub struct Client<H = crate::HttpClient>(pub(crate) ClientCore<H, TokenSource>);

linkedin_client_core::client_handle!(
    Client,
    TokenSource,
    /// A handle on the same client whose calls use `token` instead of the
    /// configured one (a member's token in a multi-member service, say).
    /// Cheap: it shares the agent and everything else.
    ///
    /// ```
    /// use linkedin::oauth::AccessToken;
    /// # fn fake() -> linkedin::blocking::Client<impl linkedin::restli::transport::HttpClient> {
    /// #     linkedin::blocking::Client::builder()
    /// #         .access_token(AccessToken::new("app-token"))
    /// #         .build_with(|r: http::Request<Vec<u8>>| {
    /// #             let auth = r.headers()["authorization"].to_str().unwrap().to_owned();
    /// #             Ok::<_, linkedin::blocking::HttpError>(http::Response::builder().status(200)
    /// #                 .body(format!(r#"{{"auth":"{auth}"}}"#).into_bytes()).unwrap())
    /// #         }).unwrap()
    /// # }
    /// let client = fake();
    /// let member = client.with_access_token(&AccessToken::new("member-token"));
    /// let me: linkedin::restli::response::EntityResponse = member.send(linkedin::restli::Request::get("/me"))?;
    /// assert_eq!(me.entity["auth"], "Bearer member-token");
    /// # Ok::<(), linkedin::blocking::Error>(())
    /// ```
);

impl<H: HttpClient> Client<H> {
    /// Sends a request and parses the answer as the response of its method:
    /// [`Request::get`](restli_codec::Request::get) gives an
    /// [`EntityResponse<T>`](restli_codec::EntityResponse), a finder a
    /// [`CollectionResponse<T, M>`](restli_codec::CollectionResponse), a
    /// delete a [`StatusResponse`](restli_codec::StatusResponse), ... (see
    /// [`RestliRequest`]). The entity and metadata types are inferred from
    /// where the response is used; a response of another method does not
    /// compile.
    ///
    /// ```
    /// # fn fake(body: &'static str) -> linkedin::blocking::Client<impl linkedin::restli::transport::HttpClient> {
    /// #     linkedin::blocking::Client::builder()
    /// #         .access_token(linkedin::oauth::AccessToken::new("t"))
    /// #         .build_with(move |_: http::Request<Vec<u8>>| Ok::<_, linkedin::blocking::HttpError>(
    /// #             http::Response::builder().status(200).body(body.as_bytes().to_vec()).unwrap())).unwrap()
    /// # }
    /// use linkedin::restli::{Request, response::{CollectionResponse, EntityResponse}};
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Account { id: u64 }
    /// #[derive(serde::Deserialize)]
    /// struct Meta { total: u64 }
    ///
    /// let client = fake(r#"{"elements":[{"id":1}],"metadata":{"total":1}}"#);
    /// let page: CollectionResponse<Account, Meta> = client.send(Request::finder("/adAccounts", "search"))?;
    /// assert_eq!(page.elements[0].id, 1);
    /// assert_eq!(page.metadata.map(|m| m.total), Some(1));
    ///
    /// let client = fake(r#"{"id":507404993}"#);
    /// let account: EntityResponse<Account> = client.send(Request::get("/adAccounts/{id}").key("id", &507404993))?;
    /// assert_eq!(account.entity.id, 507404993);
    /// # Ok::<(), linkedin::blocking::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Request`] when the request cannot be built,
    /// [`Error::Token`] without a usable token, [`Error::Transport`] when no
    /// response came (after retries), [`Error::Api`] for an error status
    /// (after retries), [`Error::Decode`] for a body that is not what `R`
    /// expects.
    pub fn send<Q, R>(&self, request: Q) -> Result<R, Error>
    where
        Q: RestliRequest<R>,
        R: FromResponse,
    {
        self.execute(request.as_ref())
    }

    /// Sends `request` (any method) and parses the answer as `R`.
    pub(crate) fn execute<R: FromResponse>(&self, request: &DynamicRequest) -> Result<R, Error> {
        drive::send_restli(request, |span| {
            let token = self.token_for_call()?;
            let mut exchange = self.0.exchange(request, &token)?;
            drive::run(self.http(), &mut exchange, self.timeout(), span)
        })
    }

    /// The token for a call: this handle's, the fixed one, or the token
    /// source's (renewed first if need be).
    pub(crate) fn token_for_call(&self) -> Result<Cow<'_, AccessToken>, Error> {
        match self.0.bearer()? {
            Bearer::Ready(token) => Ok(token),
            Bearer::Renew(source) => {
                let oauth = self.oauth_with_base(source.oauth());
                token::access_token(source, &oauth, |call| self.oauth(call)).map(Cow::Owned)
            }
        }
    }
}
