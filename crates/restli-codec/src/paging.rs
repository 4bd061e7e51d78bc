//! Paging decisions for GET_ALL and FINDER.
//!
//! Two schemes: index paging (`start`/`count`, answered with `paging`),
//! decided by the [`Pager`] below, and cursor paging (`pageSize`/`pageToken`,
//! answered with `metadata.nextPageToken`), which [`Pagination`] switches to
//! when an answer carries a token. Transports loop on [`Pagination`].
//!
//! A collection answer carries `paging: {start, count, total?, links}`. A
//! [`Pager`] starts from the request's `start` and `count`, is fed each
//! answer's [`Paging`] and number of elements, and answers the next
//! [`Window`] to request, or that the collection is exhausted.
//!
//! The rules:
//!
//! * **Next start = this page's start + count** (LinkedIn's rule), where
//!   the count is the smaller of the count asked for and the count the
//!   server echoes (a server that caps `count` at 100 is followed 100 at a
//!   time; a server echoing a larger count than asked never makes the pager
//!   skip elements). The number of elements returned does *not* set the
//!   step: LinkedIn may return fewer elements than `count` in the middle of
//!   a collection (after filtering, say), and stepping by it would fetch
//!   elements twice.
//! * **Done** on an empty page; when the next start reaches `total`; and,
//!   only if asked for with [`Pager::stop_on_short_page`], on a page with
//!   fewer elements than `count`. Without `total`, the last page is
//!   therefore followed by one request that comes back empty.
//! * **Error** ([`PagingError::NoProgress`]) when the server reports a page
//!   start before the one requested (it ignored `start`, or went
//!   backwards), instead of looping forever; [`PagingError::Overflow`] when
//!   the next start would not fit a `u64`.
//!
//! Windows only move forward, so no window is ever requested twice.
//!
//! ```
//! use restli_codec::paging::{Pager, Paging, Window};
//!
//! let mut pager = Pager::new(0, 10);
//! assert_eq!(pager.window(), Some(Window { start: 0, count: 10 }));
//!
//! // The first page: 10 of 25 elements.
//! let next = pager.advance(Some(&Paging::new(0, 10, Some(25))), 10)?;
//! assert_eq!(next, Some(Window { start: 10, count: 10 }));
//! let next = pager.advance(Some(&Paging::new(10, 10, Some(25))), 10)?;
//! assert_eq!(next, Some(Window { start: 20, count: 10 }));
//! // The last page reaches `total`.
//! assert_eq!(pager.advance(Some(&Paging::new(20, 10, Some(25))), 5)?, None);
//! assert!(pager.is_done());
//! # Ok::<(), restli_codec::paging::PagingError>(())
//! ```

use serde::{Deserialize, Serialize};

/// The `paging` object of a collection answer.
///
/// ```
/// use restli_codec::paging::Paging;
/// let paging: Paging = serde_json::from_str(
///     r#"{"start": 10, "count": 10, "total": 42, "links": [{"rel": "next", "href": "/x?start=20", "type": "application/json"}]}"#,
/// )?;
/// assert_eq!((paging.start, paging.count, paging.total), (10, 10, Some(42)));
/// assert_eq!(paging.links[0].rel, "next");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Paging {
    /// The index of this page's first element.
    pub start: u64,
    /// The page size the server used.
    pub count: u64,
    /// How many elements the whole collection has, when the server knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    /// Links to related pages (`rel` = `next`, `prev`).
    #[serde(default)]
    pub links: Vec<Link>,
}

impl Paging {
    /// A paging object without links.
    ///
    /// ```
    /// let paging = restli_codec::paging::Paging::new(0, 10, None);
    /// assert!(paging.links.is_empty());
    /// ```
    pub fn new(start: u64, count: u64, total: Option<u64>) -> Self {
        Paging {
            start,
            count,
            total,
            links: Vec::new(),
        }
    }
}

/// A link in [`Paging::links`].
///
/// ```
/// use restli_codec::paging::Link;
/// let link: Link = serde_json::from_str(r#"{"rel": "prev", "href": "/x?start=0"}"#)?;
/// assert_eq!(link.href, "/x?start=0");
/// assert_eq!(link.media_type, None);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Link {
    /// The relation: `next` or `prev`.
    #[serde(default)]
    pub rel: String,
    /// The URL of the related page.
    #[serde(default)]
    pub href: String,
    /// The media type (`type` on the wire).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
}

/// A page to request: `start` and `count` query parameters.
///
/// ```
/// let w = restli_codec::paging::Window { start: 20, count: 10 };
/// assert_eq!(w.end(), 30);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Window {
    /// Index of the first element to request.
    pub start: u64,
    /// How many elements to request.
    pub count: u64,
}

impl Window {
    /// One past the last element index of the window (saturating).
    ///
    /// ```
    /// let w = restli_codec::paging::Window { start: u64::MAX, count: 10 };
    /// assert_eq!(w.end(), u64::MAX);
    /// ```
    pub fn end(self) -> u64 {
        self.start.saturating_add(self.count)
    }
}

/// Why paging stopped with an error instead of finishing.
///
/// ```
/// use restli_codec::paging::{Pager, Paging, PagingError};
///
/// let mut pager = Pager::new(0, 10);
/// pager.advance(Some(&Paging::new(0, 10, None)), 10)?;
/// // The server ignores `start=10` and sends the first page again.
/// let err = pager.advance(Some(&Paging::new(0, 10, None)), 10).unwrap_err();
/// assert_eq!(err, PagingError::NoProgress { requested_start: 10, server_start: 0 });
/// assert!(err.to_string().contains("start=10"));
/// assert!(pager.is_done());
/// # Ok::<(), PagingError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PagingError {
    /// The server answered a request for `start=requested_start` with a
    /// page that starts earlier: following it would fetch pages again.
    #[error(
        "the server made no progress: asked for start={requested_start}, it answered with a page \
         starting at {server_start} (does the endpoint honour `start`?)"
    )]
    NoProgress {
        /// The start that was requested.
        requested_start: u64,
        /// The start the server reported.
        server_start: u64,
    },
    /// A cursor server sent a `nextPageToken` it had sent before (or the
    /// request's own `pageToken`): following it would fetch pages again.
    #[error(
        "the server repeated the page token {token} ({len} bytes) after {pages} pages: \
         following it would fetch the same pages again"
    )]
    RepeatedToken {
        /// The token, quoted (a bounded excerpt of a long one).
        token: String,
        /// The token's length in bytes.
        len: usize,
        /// How many pages had been taken in.
        pages: u64,
    },
    /// The next start does not fit in a `u64`.
    #[error("the next page would start beyond u64::MAX (start {start} + count {count})")]
    Overflow {
        /// The start of the last page.
        start: u64,
        /// The step that overflowed.
        count: u64,
    },
}

/// Walks a collection window by window (see [the module docs](self)).
///
/// ```
/// use restli_codec::paging::{Pager, Paging, Window};
///
/// // Without `total`, paging ends with an empty page.
/// let mut pager = Pager::new(0, 2);
/// assert_eq!(pager.advance(Some(&Paging::new(0, 2, None)), 2)?, Some(Window { start: 2, count: 2 }));
/// assert_eq!(pager.advance(Some(&Paging::new(2, 2, None)), 1)?, Some(Window { start: 4, count: 2 }));
/// assert_eq!(pager.advance(Some(&Paging::new(4, 2, None)), 0)?, None);
/// assert_eq!(pager.pages(), 3);
/// # Ok::<(), restli_codec::paging::PagingError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    next: Option<Window>,
    stop_on_short_page: bool,
    pages: u64,
}

impl Pager {
    /// Starts at the request's `start` with its `count`.
    ///
    /// ```
    /// use restli_codec::paging::{Pager, Window};
    /// assert_eq!(Pager::new(5, 50).window(), Some(Window { start: 5, count: 50 }));
    /// ```
    pub fn new(start: u64, count: u64) -> Self {
        Pager {
            next: Some(Window { start, count }),
            stop_on_short_page: false,
            pages: 0,
        }
    }

    /// Also stop after a page with fewer elements than `count`, saving the
    /// final empty request. Only for endpoints known to fill every page but
    /// the last (LinkedIn does not promise that in general).
    ///
    /// ```
    /// use restli_codec::paging::{Pager, Paging};
    /// let mut pager = Pager::new(0, 10).stop_on_short_page(true);
    /// assert_eq!(pager.advance(Some(&Paging::new(0, 10, None)), 7)?, None);
    /// # Ok::<(), restli_codec::paging::PagingError>(())
    /// ```
    pub fn stop_on_short_page(mut self, yes: bool) -> Self {
        self.stop_on_short_page = yes;
        self
    }

    /// The window to request now; `None` once the collection is exhausted
    /// (or paging failed).
    ///
    /// ```
    /// use restli_codec::paging::{Pager, Paging};
    /// let mut pager = Pager::new(0, 10);
    /// pager.advance(Some(&Paging::new(0, 10, Some(3))), 3)?;
    /// assert_eq!(pager.window(), None);
    /// # Ok::<(), restli_codec::paging::PagingError>(())
    /// ```
    pub fn window(&self) -> Option<Window> {
        self.next
    }

    /// Whether there is nothing more to request.
    ///
    /// ```
    /// assert!(!restli_codec::paging::Pager::new(0, 10).is_done());
    /// ```
    pub fn is_done(&self) -> bool {
        self.next.is_none()
    }

    /// How many pages have been fed to [`advance`](Self::advance).
    ///
    /// ```
    /// assert_eq!(restli_codec::paging::Pager::new(0, 10).pages(), 0);
    /// ```
    pub fn pages(&self) -> u64 {
        self.pages
    }

    /// Takes in the answer to the current [`window`](Self::window): its
    /// `paging` (if the server sent one) and how many elements it held.
    /// Returns the next window, or `None` when the collection is exhausted.
    /// After `None` or an error the pager stays done.
    ///
    /// ```
    /// use restli_codec::paging::{Pager, Window};
    /// // A server that sends no `paging` is followed by the windows asked for.
    /// let mut pager = Pager::new(0, 10);
    /// assert_eq!(pager.advance(None, 10)?, Some(Window { start: 10, count: 10 }));
    /// assert_eq!(pager.advance(None, 0)?, None);
    /// assert_eq!(pager.advance(None, 10)?, None);
    /// # Ok::<(), restli_codec::paging::PagingError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PagingError::NoProgress`] when the server's page starts before the
    /// requested start; [`PagingError::Overflow`] when the next start would
    /// overflow.
    pub fn advance(
        &mut self,
        paging: Option<&Paging>,
        returned: usize,
    ) -> Result<Option<Window>, PagingError> {
        let Some(current) = self.next.take() else {
            return Ok(None);
        };
        self.pages = self.pages.saturating_add(1);
        let page_start = paging.map_or(current.start, |p| p.start);
        if page_start < current.start {
            return Err(PagingError::NoProgress {
                requested_start: current.start,
                server_start: page_start,
            });
        }
        let returned = u64::try_from(returned).unwrap_or(u64::MAX);
        if returned == 0 {
            return Ok(None);
        }
        let step = [current.count, paging.map_or(0, |p| p.count)]
            .into_iter()
            .filter(|&c| c > 0)
            .min()
            // Neither side gave a count (count=0 asked for, yet elements came):
            // step over what came.
            .unwrap_or(returned);
        let Some(next_start) = page_start.checked_add(step) else {
            return Err(PagingError::Overflow {
                start: page_start,
                count: step,
            });
        };
        if paging
            .and_then(|p| p.total)
            .is_some_and(|total| next_start >= total)
        {
            return Ok(None);
        }
        if self.stop_on_short_page && returned < current.count {
            return Ok(None);
        }
        self.next = Some(Window {
            start: next_start,
            count: current.count,
        });
        Ok(self.next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_capping_count_is_followed() {
        let mut pager = Pager::new(0, 1000);
        let next = pager
            .advance(Some(&Paging::new(0, 100, None)), 100)
            .unwrap();
        assert_eq!(
            next,
            Some(Window {
                start: 100,
                count: 1000
            })
        );
    }

    #[test]
    fn larger_echoed_count_never_skips() {
        let mut pager = Pager::new(0, 10);
        let next = pager.advance(Some(&Paging::new(0, 500, None)), 10).unwrap();
        assert_eq!(
            next,
            Some(Window {
                start: 10,
                count: 10
            })
        );
    }

    #[test]
    fn count_zero_steps_over_returned() {
        let mut pager = Pager::new(0, 0);
        let next = pager.advance(Some(&Paging::new(0, 0, None)), 3).unwrap();
        assert_eq!(next, Some(Window { start: 3, count: 0 }));
    }

    #[test]
    fn overflow_is_an_error() {
        let mut pager = Pager::new(u64::MAX - 1, 10);
        let err = pager.advance(None, 10).unwrap_err();
        assert!(matches!(err, PagingError::Overflow { .. }));
        assert!(pager.is_done());
    }
}

/// The query parameters of cursor paging (LinkedIn's "Cursor Based
/// Pagination": `pageSize` and `pageToken` in, `metadata.nextPageToken` out).
pub const PAGE_SIZE_PARAM: &str = "pageSize";
/// See [`PAGE_SIZE_PARAM`].
pub const PAGE_TOKEN_PARAM: &str = "pageToken";

/// Paging over a GET_ALL or FINDER request: which request to send next, fed
/// with each page received. Transports loop on it.
///
/// Two schemes, chosen from the answers:
///
/// * **Index** (`start`/`count` in, `paging` out): the [`Pager`] rules.
/// * **Cursor** (`pageSize`/`pageToken` in, `metadata.nextPageToken` out,
///   no `paging`; LinkedIn's ad-account, campaign-group, campaign and
///   creative searches since 202401): a request that already carries
///   `pageSize` or `pageToken` is cursor from the start, and an answer
///   with a `nextPageToken` switches to it. Cursor requests carry
///   `pageSize` (the requested page size) and `pageToken`, never
///   `start`/`count`. Paging ends on a page without a token or without
///   elements; a token seen before is [`PagingError::RepeatedToken`].
///
/// A page with neither `paging` nor a `nextPageToken` ends paging: a
/// Rest.li server writes `paging` on every index page, so such a page is
/// the last of a cursor collection, or comes from a server whose progress
/// cannot be checked (following it by `start` re-read page one forever).
///
/// ```
/// use restli_codec::paging::Pagination;
/// use restli_codec::response::CollectionResponse;
/// use restli_codec::Request;
///
/// let mut pagination = Pagination::new(Request::get_all("/adAccounts"), 2)?;
/// let first = pagination.next_request().expect("a first page");
/// assert_eq!(first.query().to_string(), "count=2&start=0");
///
/// // The server answers with a full page out of 3 elements in all...
/// let body = br#"{"elements":[{"id":1},{"id":2}],"paging":{"start":0,"count":2,"total":3}}"#;
/// let page: CollectionResponse = CollectionResponse::from_http(
///     http::Response::builder().status(200).body(body.to_vec())?,
///     "https://api.linkedin.com/v2/adAccounts?count=2&start=0",
/// )?;
/// pagination.advance(&page)?;
/// let second = pagination.next_request().expect("a second page");
/// assert_eq!(second.query().to_string(), "count=2&start=2");
///
/// // ...and the last one.
/// let body = br#"{"elements":[{"id":3}],"paging":{"start":2,"count":2,"total":3}}"#;
/// let page: CollectionResponse = CollectionResponse::from_http(
///     http::Response::builder().status(200).body(body.to_vec())?,
///     "https://api.linkedin.com/v2/adAccounts?count=2&start=2",
/// )?;
/// pagination.advance(&page)?;
/// assert!(pagination.next_request().is_none());
/// assert_eq!(pagination.pages(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// A cursor search:
///
/// ```
/// use restli_codec::paging::Pagination;
/// use restli_codec::response::CollectionResponse;
/// use restli_codec::Request;
///
/// let search = Request::finder("/adAccounts", "search").version("202401");
/// let mut pagination = Pagination::new(search, 100)?;
/// let page: CollectionResponse = CollectionResponse::from_http(
///     http::Response::builder().status(200)
///         .body(br#"{"elements":[{"id":1}],"metadata":{"nextPageToken":"DgEDAQ"}}"#.to_vec())?,
///     "/rest/adAccounts",
/// )?;
/// pagination.advance(&page)?;
/// let next = pagination.next_request().expect("the next page");
/// assert_eq!(next.query().to_string(), "pageSize=100&pageToken=DgEDAQ&q=search");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Pagination {
    request: crate::DynamicRequest,
    state: State,
    pages: u64,
}

/// What a walk through a collection does with a page it was answered
/// with; see [`Pagination::take`].
///
/// ```
/// use restli_codec::paging::PageStep;
/// assert!(PageStep::Yield.yields());
/// assert!(!PageStep::End.yields());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PageStep {
    /// Yield the page and go on with [`Pagination::next_request`].
    Yield,
    /// Yield the page's elements, then report the error; paging is done.
    YieldThenFail(PagingError),
    /// Report the error without yielding the page (its elements were
    /// yielded before); paging is done.
    Fail(PagingError),
    /// Yield nothing more: the empty page that ends the collection.
    End,
}

impl PageStep {
    /// Whether the page's elements are yielded.
    ///
    /// ```
    /// use restli_codec::paging::{PageStep, PagingError};
    /// let overflow = PagingError::Overflow { start: u64::MAX, count: 1 };
    /// assert!(PageStep::YieldThenFail(overflow.clone()).yields());
    /// assert!(!PageStep::Fail(overflow).yields());
    /// ```
    pub fn yields(&self) -> bool {
        matches!(self, PageStep::Yield | PageStep::YieldThenFail(_))
    }

    /// The error to report after the page, if any.
    ///
    /// ```
    /// assert!(restli_codec::paging::PageStep::Yield.into_error().is_none());
    /// ```
    pub fn into_error(self) -> Option<PagingError> {
        match self {
            PageStep::YieldThenFail(err) | PageStep::Fail(err) => Some(err),
            PageStep::Yield | PageStep::End => None,
        }
    }
}

#[derive(Debug, Clone)]
enum State {
    Index { pager: Pager, count: u64 },
    Cursor(Cursor),
    Done,
}

#[derive(Debug, Clone)]
struct Cursor {
    page_size: u64,
    /// The token to send; `None` for the first page.
    token: Option<String>,
    /// Every token sent so far: a repeat is an error, never a loop.
    seen: std::collections::HashSet<String>,
}

impl Pagination {
    /// Starts at the request's own `start` and `count` parameters, or at 0
    /// with `default_count` (LinkedIn's default page size is 10) when it has
    /// none. A request with `pageSize` or `pageToken` pages by cursor from
    /// the start, `default_count` standing for a missing `pageSize`.
    ///
    /// ```
    /// use restli_codec::{Request, paging::Pagination};
    ///
    /// let p = Pagination::new(Request::get_all("/x").page(20, 5), 10)?;
    /// assert_eq!(p.next_request().map(|r| r.query().to_string()).as_deref(), Some("count=5&start=20"));
    ///
    /// let p = Pagination::new(Request::finder("/adCampaigns", "search").param("pageSize", &50), 10)?;
    /// assert_eq!(p.next_request().map(|r| r.query().to_string()).as_deref(), Some("pageSize=50&q=search"));
    ///
    /// assert!(Pagination::new(Request::get_all("/x").param("start", "first"), 10).is_err());
    /// # Ok::<(), restli_codec::RequestError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`RequestError::Encode`](crate::RequestError::Encode) when `start`,
    /// `count` or `pageSize` is not a whole number, or `pageToken` not a
    /// string; [`RequestError::NotPageable`](crate::RequestError::NotPageable)
    /// for a [`DynamicRequest`](crate::DynamicRequest) that is neither
    /// GET_ALL nor FINDER.
    pub fn new(
        request: impl crate::Paginated,
        default_count: u64,
    ) -> Result<Self, crate::RequestError> {
        let request: crate::DynamicRequest = request.into();
        let method = request.method();
        if !matches!(method, crate::Method::GetAll | crate::Method::Finder) {
            return Err(crate::RequestError::NotPageable { method });
        }
        let decode_error = |name: &str, source| crate::RequestError::Encode {
            what: format!("query parameter {name:?} (paging needs a whole number)"),
            source,
        };
        let number = |name: &str| {
            request
                .query()
                .decode::<u64>(name)
                .map_err(|source| decode_error(name, source))
        };
        let page_size = number(PAGE_SIZE_PARAM)?;
        let token = request
            .query()
            .decode::<String>(PAGE_TOKEN_PARAM)
            .map_err(|source| crate::RequestError::Encode {
                what: format!("query parameter {PAGE_TOKEN_PARAM:?} (a page token is a string)"),
                source,
            })?;
        let state = if page_size.is_some() || token.is_some() {
            let seen = token.iter().cloned().collect();
            State::Cursor(Cursor {
                page_size: page_size.unwrap_or(default_count),
                token,
                seen,
            })
        } else {
            let start = number("start")?.unwrap_or(0);
            let count = number("count")?.unwrap_or(default_count);
            State::Index {
                pager: Pager::new(start, count),
                count,
            }
        };
        Ok(Pagination {
            request,
            state,
            pages: 0,
        })
    }

    /// Stops after a page with fewer elements than asked for, saving the
    /// final empty request on endpoints that always fill their pages
    /// (index paging only).
    ///
    /// ```
    /// let p = restli_codec::paging::Pagination::new(restli_codec::Request::get_all("/x"), 10)?
    ///     .stop_on_short_page(true);
    /// assert!(p.next_request().is_some());
    /// # Ok::<(), restli_codec::RequestError>(())
    /// ```
    pub fn stop_on_short_page(mut self, yes: bool) -> Self {
        if let State::Index { pager, .. } = &mut self.state {
            *pager = pager.clone().stop_on_short_page(yes);
        }
        self
    }

    /// The request for the next page, or `None` when paging is done.
    ///
    /// ```
    /// let p = restli_codec::paging::Pagination::new(restli_codec::Request::finder("/x", "search"), 10)?;
    /// assert_eq!(p.next_request().map(|r| r.query().to_string()).as_deref(), Some("count=10&q=search&start=0"));
    /// # Ok::<(), restli_codec::RequestError>(())
    /// ```
    pub fn next_request(&self) -> Option<crate::DynamicRequest> {
        match &self.state {
            State::Index { pager, .. } => pager
                .window()
                .map(|window| self.request.clone().page(window.start, window.count)),
            State::Cursor(cursor) => {
                let none: Option<u64> = None;
                let request = self
                    .request
                    .clone()
                    .param("start", &none)
                    .param("count", &none)
                    .param(PAGE_SIZE_PARAM, &cursor.page_size)
                    .param(PAGE_TOKEN_PARAM, &cursor.token);
                Some(request)
            }
            State::Done => None,
        }
    }

    /// Whether paging uses `pageSize`/`pageToken` (by the request's own
    /// parameters or because an answer carried a `nextPageToken`).
    ///
    /// ```
    /// let p = restli_codec::paging::Pagination::new(restli_codec::Request::get_all("/x"), 10)?;
    /// assert!(!p.is_cursor());
    /// # Ok::<(), restli_codec::RequestError>(())
    /// ```
    pub fn is_cursor(&self) -> bool {
        matches!(self.state, State::Cursor(_))
    }

    /// Takes in the page answering [`Pagination::next_request`].
    ///
    /// # Errors
    ///
    /// [`PagingError`] when the server makes no progress (a page starting
    /// before the one asked for, a page token sent twice), instead of
    /// looping forever. After an error paging is done.
    pub fn advance<T, M>(
        &mut self,
        page: &crate::response::CollectionResponse<T, M>,
    ) -> Result<(), PagingError> {
        let state = std::mem::replace(&mut self.state, State::Done);
        self.pages = self.pages.saturating_add(1);
        let token = page.next_page_token().filter(|t| !t.is_empty());
        let returned = page.elements.len();
        self.state = match state {
            State::Done => State::Done,
            State::Index { .. } if token.is_some() && returned == 0 => State::Done,
            State::Index { count, .. } if token.is_some() => {
                let token = token.map(str::to_owned);
                State::Cursor(Cursor {
                    page_size: count,
                    seen: token.iter().cloned().collect(),
                    token,
                })
            }
            State::Index { .. } if page.paging.is_none() => State::Done,
            State::Index { mut pager, count } => {
                match pager.advance(page.paging.as_ref(), returned)? {
                    Some(_) => State::Index { pager, count },
                    None => State::Done,
                }
            }
            State::Cursor(mut cursor) => match token {
                None => State::Done,
                Some(_) if returned == 0 => State::Done,
                Some(token) => {
                    if !cursor.seen.insert(token.to_owned()) {
                        return Err(PagingError::RepeatedToken {
                            token: crate::excerpt::quote(token),
                            len: token.len(),
                            pages: self.pages,
                        });
                    }
                    cursor.token = Some(token.to_owned());
                    State::Cursor(cursor)
                }
            },
        };
        Ok(())
    }

    /// Takes in the page answering [`Pagination::next_request`] and says
    /// what a walk yields: the one rule both transports follow.
    ///
    /// A page's elements are yielded, then any paging error (the walk then
    /// ends), so nothing the server sent is lost; except a page that
    /// starts before the one asked for ([`PagingError::NoProgress`]),
    /// whose elements were yielded already: only the error. The empty page
    /// that ends a collection without `total` is not yielded, unless it is
    /// the first (an empty collection still answers with one page).
    ///
    /// ```
    /// use restli_codec::paging::{PageStep, Pagination, PagingError};
    /// use restli_codec::response::CollectionResponse;
    /// use restli_codec::Request;
    ///
    /// let page = |body: &str| CollectionResponse::<serde_json::Value>::from_http(
    ///     http::Response::builder().status(200).body(body.as_bytes().to_vec()).unwrap(),
    ///     "/adAccounts",
    /// ).unwrap();
    /// let mut pagination = Pagination::new(Request::get_all("/adAccounts").page(0, 2), 10)?;
    /// let full = page(r#"{"elements":[{"id":1},{"id":2}],"paging":{"start":0,"count":2}}"#);
    /// assert_eq!(pagination.take(&full), PageStep::Yield);
    /// // The server ignores `start`: page one again.
    /// assert!(matches!(pagination.take(&full), PageStep::Fail(PagingError::NoProgress { .. })));
    /// assert!(pagination.next_request().is_none());
    /// # Ok::<(), restli_codec::RequestError>(())
    /// ```
    pub fn take<T, M>(&mut self, page: &crate::response::CollectionResponse<T, M>) -> PageStep {
        let first = self.pages == 0;
        match self.advance(page) {
            Ok(()) if page.elements.is_empty() && !first => {
                self.state = State::Done;
                PageStep::End
            }
            Ok(()) => PageStep::Yield,
            Err(err @ PagingError::NoProgress { .. }) => PageStep::Fail(err),
            Err(err) => PageStep::YieldThenFail(err),
        }
    }

    /// How many pages have been taken in.
    ///
    /// ```
    /// let p = restli_codec::paging::Pagination::new(restli_codec::Request::get_all("/x"), 10)?;
    /// assert_eq!(p.pages(), 0);
    /// # Ok::<(), restli_codec::RequestError>(())
    /// ```
    pub fn pages(&self) -> u64 {
        self.pages
    }
}
