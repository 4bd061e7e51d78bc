//! GET_ALL and FINDER collections as streams of pages or of elements.

use futures_core::Stream;
use futures_util::stream;
use restli_codec::Paginated;
use restli_codec::paging::Pagination;
use restli_codec::response::CollectionResponse;
use restli_codec::transport::AsyncHttpClient;
use serde::de::DeserializeOwned;

use crate::Error;
use crate::client::Client;

/// The page size when a paginated request does not set `count`
/// (LinkedIn's own default).
pub const DEFAULT_PAGE_SIZE: u64 = 10;

/// Where a walk through a collection stands.
enum Walk<H> {
    Next {
        client: Client<H>,
        pagination: Box<Pagination>,
    },
    Failed(Error),
    Done,
}

impl<H: AsyncHttpClient + 'static> Client<H> {
    /// Every page of a GET_ALL or FINDER collection, requested one after
    /// the other as the stream is polled.
    ///
    /// Paging starts at the request's `start` with its `count` (default
    /// [`DEFAULT_PAGE_SIZE`]) and follows LinkedIn's rule: next start =
    /// start + count, until a page comes back empty or `total` is reached
    /// (see [`Pagination`]). Each page request is retried like any other call.
    /// The stream ends after the first error; a server that ignores `start`
    /// ends it with [`Error::Paging`] rather than looping. What is yielded
    /// before a paging error is the codec's rule
    /// ([`Pagination::take`]): the page, then the error, unless the page
    /// repeats one already yielded. An empty page is yielded only when it
    /// is the first.
    ///
    /// ```no_run
    /// use futures_util::StreamExt;
    /// use linkedin::{Client, Request};
    ///
    /// # async fn run(client: Client) -> Result<(), linkedin::Error> {
    /// let mut pages = std::pin::pin!(client.pages::<serde_json::Value>(
    ///     Request::finder("/adAccounts", "search").page(0, 100),
    /// ));
    /// while let Some(page) = pages.next().await {
    ///     let page = page?;
    ///     println!("{} accounts from {:?}", page.elements.len(), page.paging.map(|p| p.start));
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn pages<T>(
        &self,
        request: impl Paginated,
    ) -> impl Stream<Item = Result<CollectionResponse<T>, Error>> + Send + 'static
    where
        T: DeserializeOwned + Send + 'static,
    {
        let walk = match Pagination::new(request, DEFAULT_PAGE_SIZE) {
            Ok(pagination) => Walk::Next {
                client: self.clone(),
                pagination: Box::new(pagination),
            },
            Err(err) => Walk::Failed(err.into()),
        };
        stream::unfold(walk, step::<H, T>)
    }

    /// Every element of a GET_ALL or FINDER collection, page after page
    /// (see [`pages`](Self::pages)); each element exactly once.
    ///
    /// ```no_run
    /// use futures_util::StreamExt;
    /// use linkedin::{Client, Request};
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Account { id: i64, name: String }
    ///
    /// # async fn run(client: Client) -> Result<(), linkedin::Error> {
    /// let mut accounts = std::pin::pin!(client.paginate::<Account>(Request::get_all("/adAccounts")));
    /// while let Some(account) = accounts.next().await {
    ///     let account = account?;
    ///     println!("{}: {}", account.id, account.name);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn paginate<T>(
        &self,
        request: impl Paginated,
    ) -> impl Stream<Item = Result<T, Error>> + Send + 'static
    where
        T: DeserializeOwned + Send + 'static,
    {
        use futures_util::StreamExt;

        self.pages::<T>(request).flat_map(|page| {
            let items: Vec<Result<T, Error>> = match page {
                Ok(page) => page.elements.into_iter().map(Ok).collect(),
                Err(err) => vec![Err(err)],
            };
            stream::iter(items)
        })
    }
}

/// Fetches the next page of a walk; what it yields is the codec's
/// [`Pagination::take`].
async fn step<H, T>(walk: Walk<H>) -> Option<(Result<CollectionResponse<T>, Error>, Walk<H>)>
where
    H: AsyncHttpClient,
    T: DeserializeOwned,
{
    let (client, mut pagination) = match walk {
        Walk::Next { client, pagination } => (client, pagination),
        Walk::Failed(err) => return Some((Err(err), Walk::Done)),
        Walk::Done => return None,
    };
    let page_request = pagination.next_request()?;
    let page: CollectionResponse<T> = match client.execute(&page_request).await {
        Ok(page) => page,
        Err(err) => return Some((Err(err), Walk::Done)),
    };
    let step = pagination.take(&page);
    if !step.yields() {
        return step.into_error().map(|err| (Err(err.into()), Walk::Done));
    }
    let next = match step.into_error() {
        Some(err) => Walk::Failed(err.into()),
        None => Walk::Next { client, pagination },
    };
    Some((Ok(page), next))
}
