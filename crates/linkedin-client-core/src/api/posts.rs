//! [`Posts`]: the Posts API (`/rest/posts`) on either client.

use linkedin_resources::commentary::Commentary;
use linkedin_resources::posts::{self, NewPost, Post};
use linkedin_resources::urns::{Author, PostUrn};
use restli_codec::{CreateResponse, EntityResponse, StatusResponse};

use super::Caller;
use crate::error::Error;

/// The Posts API: create a post of any kind, get one, list an author's,
/// change a post's commentary, delete one (`client.posts()`).
///
/// ```
/// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
/// # let client = linkedin::blocking::Client::builder()
/// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
/// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
/// use linkedin::resources::posts::NewPost;
///
/// let me: linkedin::resources::urns::PersonUrn = "urn:li:person:sAnDb0x1d".parse()?;
/// let urn = client.posts().create(&NewPost::new(me.clone(), "First!".into()))?;
/// client.posts().update_commentary(&urn, &"Second".into())?;
/// assert_eq!(client.posts().get(&urn)?.plain_commentary().as_deref(), Some("Second"));
/// client.posts().delete(&urn)?;
/// assert_eq!(client.posts().list_by_author(me).count(), 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Posts<'a, C> {
    caller: &'a C,
}

impl<C> Clone for Posts<'_, C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C> Copy for Posts<'_, C> {}

impl<'a, C: Caller> Posts<'a, C> {
    /// The handle over `caller` (what `client.posts()` makes).
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let posts = linkedin::client_core::api::Posts::new(&client);
    /// assert!(posts.get(&"urn:li:share:404".parse()?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(caller: &'a C) -> Self {
        Posts { caller }
    }

    /// Creates a post (checked first: [`NewPost::create`]) and gives its
    /// URN, from the answer's `x-restli-id`.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// use linkedin::resources::commentary::Commentary;
    /// use linkedin::resources::posts::{NewPost, Poll, PollDuration};
    ///
    /// let me: linkedin::resources::urns::PersonUrn = "urn:li:person:sAnDb0x1d".parse()?;
    /// let text = Commentary::new().text("Ship it ").hashtag("rust");
    /// let urn = client.posts().create(&NewPost::new(me.clone(), text))?;
    /// assert_eq!(urn.entity_type(), "share");
    ///
    /// // A poll with one option is refused before anything is sent.
    /// let poll = Poll::new("Best?", ["only"], PollDuration::OneDay);
    /// let err = client.posts().create(&NewPost::new(me, "Vote".into()).poll(poll)).unwrap_err();
    /// assert!(matches!(err, linkedin::Error::Resource(_)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for a post that cannot be made as given (or an
    /// answer without a post URN: the post exists all the same, do not
    /// retry), or any error of the call.
    pub fn create(&self, post: &NewPost) -> C::Answer<'a, PostUrn> {
        self.caller.call(
            post.create().map_err(Error::from),
            |created: CreateResponse<PostUrn, Post>| Ok(posts::created_post(&created)?),
        )
    }

    /// Gets one post.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let me: linkedin::resources::urns::PersonUrn = "urn:li:person:sAnDb0x1d".parse()?;
    /// let urn = client.posts().create(&linkedin::resources::posts::NewPost::new(me.clone(), "Hi".into()))?;
    /// let post = client.posts().get(&urn)?;
    /// assert_eq!(post.author_urn(), Some(linkedin::resources::urns::Author::Person(me)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any error of the call (a 404 for a post that does not exist).
    pub fn get(&self, post: &PostUrn) -> C::Answer<'a, Post> {
        self.caller
            .call(Ok(posts::get(post)), |found: EntityResponse<Post>| {
                Ok(found.entity)
            })
    }

    /// Every post of an author (`q=author`), all pages, as many a page as
    /// LinkedIn allows ([`posts::MAX_PAGE_SIZE`]).
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let me: linkedin::resources::urns::PersonUrn = "urn:li:person:sAnDb0x1d".parse()?;
    /// for text in ["one", "two"] {
    ///     client.posts().create(&linkedin::resources::posts::NewPost::new(me.clone(), text.into()))?;
    /// }
    /// let mine: Vec<_> = client.posts().list_by_author(me).collect::<Result<_, _>>()?;
    /// assert_eq!(mine.len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn list_by_author(&self, author: impl Into<Author>) -> C::Items<'a, Post> {
        let request = posts::find_by_author(author)
            .page(0, posts::MAX_PAGE_SIZE)
            .map_err(Error::from);
        self.caller.items(request)
    }

    /// Changes a post's commentary.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// use linkedin::resources::commentary::Commentary;
    /// let me: linkedin::resources::urns::PersonUrn = "urn:li:person:sAnDb0x1d".parse()?;
    /// let urn = client.posts().create(&linkedin::resources::posts::NewPost::new(me, "Tpyo".into()))?;
    /// client.posts().update_commentary(&urn, &Commentary::new().text("Typo {fixed}"))?;
    /// assert_eq!(client.posts().get(&urn)?.plain_commentary().as_deref(), Some("Typo {fixed}"));
    /// // An empty commentary would clear the text: refused.
    /// assert!(client.posts().update_commentary(&urn, &Commentary::new()).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for an empty commentary or one that cannot be
    /// written as little text, or any error of the call.
    pub fn update_commentary(&self, post: &PostUrn, commentary: &Commentary) -> C::Answer<'a, ()> {
        self.caller.call(
            posts::update_commentary(post, commentary).map_err(Error::from),
            |_: StatusResponse| Ok(()),
        )
    }

    /// Deletes a post.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let me: linkedin::resources::urns::PersonUrn = "urn:li:person:sAnDb0x1d".parse()?;
    /// let urn = client.posts().create(&linkedin::resources::posts::NewPost::new(me, "Oops".into()))?;
    /// client.posts().delete(&urn)?;
    /// assert_eq!(client.posts().get(&urn).unwrap_err().status().map(|s| s.as_u16()), Some(404));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any error of the call.
    pub fn delete(&self, post: &PostUrn) -> C::Answer<'a, ()> {
        self.caller
            .call(Ok(posts::delete(post)), |_: StatusResponse| Ok(()))
    }
}
