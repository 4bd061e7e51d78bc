//! Pagination as iterators: [`Pages`] (one collection page per item) and
//! [`Paginate`] (one entity per item). The paging decisions are the codec's
//! [`Pagination`]; these types only send the requests it asks for.

use std::collections::VecDeque;
use std::fmt;
use std::marker::PhantomData;

use restli_codec::Paginated;
use restli_codec::paging::Pagination;
use restli_codec::response::CollectionResponse;
use restli_codec::transport::HttpClient;
use serde::de::DeserializeOwned;

use crate::Error;
use crate::client::Client;

/// The page size used when a paginated request sets no `count`: LinkedIn's
/// own default, 10.
///
/// ```
/// assert_eq!(linkedin::blocking::DEFAULT_PAGE_SIZE, 10);
/// ```
pub const DEFAULT_PAGE_SIZE: u64 = 10;

/// Every page of a GET_ALL or FINDER collection, fetched as the iterator is
/// advanced. Made by [`Client::pages`].
///
/// After an error the iterator ends.
#[must_use = "iterators are lazy: nothing is fetched until the pages are consumed"]
pub struct Pages<T, H> {
    client: Client<H>,
    /// `None` once done.
    pagination: Option<Pagination>,
    /// An error to report before anything more is fetched (a bad request,
    /// or a paging error that follows its page).
    pending: Option<Error>,
    _elements: PhantomData<fn() -> T>,
}

impl<T, H> fmt::Debug for Pages<T, H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("pagination", &self.pagination)
            .finish_non_exhaustive()
    }
}

impl<T, H> Pages<T, H> {
    fn new(client: Client<H>, request: impl Paginated) -> Self {
        let (pagination, pending) = match Pagination::new(request, DEFAULT_PAGE_SIZE) {
            Ok(pagination) => (Some(pagination), None),
            Err(err) => (None, Some(err.into())),
        };
        Pages {
            client,
            pagination,
            pending,
            _elements: PhantomData,
        }
    }
}

impl<T: DeserializeOwned, H: HttpClient> Iterator for Pages<T, H> {
    type Item = Result<CollectionResponse<T>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(err) = self.pending.take() {
            return Some(Err(err));
        }
        let pagination = self.pagination.as_mut()?;
        let Some(request) = pagination.next_request() else {
            self.pagination = None;
            return None;
        };
        let page: CollectionResponse<T> = match self.client.execute(&request) {
            Ok(page) => page,
            Err(err) => {
                self.pagination = None;
                return Some(Err(err));
            }
        };
        // What to yield before a paging error is the codec's rule.
        let step = pagination.take(&page);
        let yields = step.yields();
        let err = step.into_error().map(Error::from);
        if yields && err.is_none() {
            return Some(Ok(page));
        }
        self.pagination = None;
        if !yields {
            return err.map(Err);
        }
        self.pending = err;
        Some(Ok(page))
    }
}

/// Every entity of a GET_ALL or FINDER collection, page after page. Made
/// by [`Client::paginate`].
///
/// After an error the iterator ends.
#[must_use = "iterators are lazy: nothing is fetched until the entities are consumed"]
pub struct Paginate<T, H> {
    pages: Pages<T, H>,
    buffered: VecDeque<T>,
}

impl<T, H> fmt::Debug for Paginate<T, H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginate")
            .field("pages", &self.pages)
            .field("buffered", &self.buffered.len())
            .finish()
    }
}

impl<T, H> Paginate<T, H> {
    /// A walk that yields `err` and ends (a typed request that could not
    /// be made).
    pub(crate) fn failed(client: Client<H>, err: Error) -> Self {
        Paginate {
            pages: Pages {
                client,
                pagination: None,
                pending: Some(err),
                _elements: PhantomData,
            },
            buffered: VecDeque::new(),
        }
    }
}

impl<T: DeserializeOwned, H: HttpClient> Iterator for Paginate<T, H> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(element) = self.buffered.pop_front() {
                return Some(Ok(element));
            }
            match self.pages.next()? {
                Ok(page) => self.buffered.extend(page.elements),
                Err(err) => return Some(Err(err)),
            }
        }
    }
}

impl<H: HttpClient> Client<H> {
    /// Every page of a GET_ALL or FINDER request, as an iterator that sends
    /// one request per page. Paging starts at the request's `start` and
    /// `count` (0 and [`DEFAULT_PAGE_SIZE`] when unset or not numbers), follows the
    /// server's `paging` and stops at `total`, at an empty page, or at the
    /// first error.
    ///
    /// ```
    /// # fn fake() -> linkedin::blocking::Client<impl linkedin::restli::transport::HttpClient> {
    /// #     linkedin::blocking::Client::builder()
    /// #         .access_token(linkedin::oauth::AccessToken::new("t"))
    /// #         .build_with(|r: http::Request<Vec<u8>>| {
    /// #             let start: u64 = r.uri().query().unwrap().split('&').find_map(|p| p.strip_prefix("start=")).unwrap().parse().unwrap();
    /// #             let body = format!(r#"{{"elements":[{{"id":{start}}},{{"id":{}}}],"paging":{{"start":{start},"count":2,"total":5}}}}"#, start + 1);
    /// #             Ok::<_, linkedin::blocking::HttpError>(http::Response::builder().status(200).body(body.into_bytes()).unwrap())
    /// #         }).unwrap()
    /// # }
    /// let client = fake(); // 5 accounts, 2 per page
    /// let pages = client.pages::<serde_json::Value>(linkedin::restli::Request::get_all("/adAccounts").page(0, 2));
    /// let sizes: Vec<usize> = pages.map(|page| page.map(|p| p.elements.len())).collect::<Result<_, _>>()?;
    /// assert_eq!(sizes, [2, 2, 2]);
    /// # Ok::<(), linkedin::blocking::Error>(())
    /// ```
    ///
    /// A final empty page is not yielded, unless it is the only one; before
    /// a paging error the page is yielded, then the error, unless the page
    /// repeats one already yielded (the codec's rule,
    /// [`Pagination::take`](restli_codec::paging::Pagination::take)).
    pub fn pages<T: DeserializeOwned>(&self, request: impl Paginated) -> Pages<T, H> {
        Pages::new(self.clone(), request)
    }

    /// Every entity of a GET_ALL or FINDER request, fetched page by page as
    /// the iterator advances (see [`pages`](Self::pages)).
    ///
    /// ```
    /// # fn fake() -> linkedin::blocking::Client<impl linkedin::restli::transport::HttpClient> {
    /// #     linkedin::blocking::Client::builder()
    /// #         .access_token(linkedin::oauth::AccessToken::new("t"))
    /// #         .build_with(|r: http::Request<Vec<u8>>| {
    /// #             let start: u64 = r.uri().query().unwrap().split('&').find_map(|p| p.strip_prefix("start=")).unwrap().parse().unwrap();
    /// #             let ids: Vec<String> = (start..(start + 10).min(25)).map(|id| format!(r#"{{"id":{id}}}"#)).collect();
    /// #             let body = format!(r#"{{"elements":[{}],"paging":{{"start":{start},"count":10,"total":25}}}}"#, ids.join(","));
    /// #             Ok::<_, linkedin::blocking::HttpError>(http::Response::builder().status(200).body(body.into_bytes()).unwrap())
    /// #         }).unwrap()
    /// # }
    /// use linkedin::restli::Request;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Account { id: u64 }
    ///
    /// let client = fake(); // 25 accounts
    /// let request = Request::finder("/adAccounts", "search").page(0, 10);
    /// let ids: Vec<u64> = client
    ///     .paginate::<Account>(request)
    ///     .map(|account| account.map(|a| a.id))
    ///     .collect::<Result<_, _>>()?;
    /// assert_eq!(ids, (0..25).collect::<Vec<_>>());
    /// # Ok::<(), linkedin::blocking::Error>(())
    /// ```
    pub fn paginate<T: DeserializeOwned>(&self, request: impl Paginated) -> Paginate<T, H> {
        Paginate {
            pages: Pages::new(self.clone(), request),
            buffered: VecDeque::new(),
        }
    }
}
