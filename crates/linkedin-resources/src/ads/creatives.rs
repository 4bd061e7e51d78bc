//! Creatives (`/rest/adAccounts/{id}/creatives`, one creative at
//! `/rest/adAccounts/{id}/creatives/{urn}`, its URN URL-encoded), as
//! LinkedIn's "Creatives" page documents them
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-creatives>).
//!
//! ```
//! use linkedin::resources::ads::{AccountId, creatives};
//! let r = creatives::get(AccountId::new(507404993), &"urn:li:sponsoredCreative:987654321".parse()?);
//! let config = linkedin::restli::RequestConfig::new().with_version("202406".parse()?);
//! assert_eq!(
//!     r.to_http(&config, None)?.uri().path(),
//!     "/rest/adAccounts/507404993/creatives/urn%3Ali%3AsponsoredCreative%3A987654321"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::request_types::request_type;
use restli_codec::{
    BatchGet, BatchGetResponse, CollectionResponse, Create, CreateResponse, Delete, EntityResponse,
    Finder, Get, PartialUpdate, Request, StatusResponse,
};
use serde_json::Value;

use super::entity::UnderAccount;
use super::{
    AccountId, AdsError, CreatedIdError, Creative, DEFAULT_PAGE_SIZE, IntendedStatus, check_list,
    check_page_size, diff,
};
use crate::urns::{CampaignUrn, CreativeUrn};

const ALL: &str = "/rest/adAccounts/{account}/creatives";
const ONE: &str = "/rest/adAccounts/{account}/creatives/{id}";
const AT: UnderAccount = UnderAccount { all: ALL, one: ONE };

request_type!(
    /// GET of one creative (built by [`get`]), answered by an
    /// [`EntityResponse<Creative>`].
    GetCreative(Get) => EntityResponse<Creative>,
    example = "linkedin::resources::ads::creatives::get(linkedin::resources::ads::AccountId::new(1), &\"urn:li:sponsoredCreative:2\".parse()?)"
);
request_type!(
    /// BATCH_GET of creatives (built by [`batch_get`]), answered by a
    /// [`BatchGetResponse`] keyed by creative URN.
    BatchGetCreatives(BatchGet<CreativeUrn>) => BatchGetResponse<CreativeUrn, Creative>,
    example = "linkedin::resources::ads::creatives::batch_get(linkedin::resources::ads::AccountId::new(1), [\"urn:li:sponsoredCreative:2\".parse()?])?"
);
request_type!(
    /// CREATE of a creative (built by [`create`]), answered by a
    /// [`CreateResponse`] whose id is the creative's URN (read it with
    /// [`created`]).
    CreateCreative(Create) => CreateResponse<String, Creative>,
    example = "linkedin::resources::ads::creatives::create(linkedin::resources::ads::AccountId::new(1), &linkedin::resources::ads::Creative { campaign: Some(\"urn:li:sponsoredCampaign:3\".parse()?), content: Some(serde_json::json!({\"reference\": \"urn:li:share:4\"})), ..Default::default() })?"
);
request_type!(
    /// PARTIAL_UPDATE of a creative (built by [`update`] or [`archive`]),
    /// answered by a [`StatusResponse`] (204).
    UpdateCreative(PartialUpdate) => StatusResponse,
    example = "linkedin::resources::ads::creatives::archive(linkedin::resources::ads::AccountId::new(1), &\"urn:li:sponsoredCreative:2\".parse()?)?"
);
request_type!(
    /// DELETE of a creative (built by [`delete`] or [`delete_draft`]),
    /// answered by a [`StatusResponse`] (204).
    DeleteCreative(Delete) => StatusResponse,
    example = "linkedin::resources::ads::creatives::delete(linkedin::resources::ads::AccountId::new(1), &\"urn:li:sponsoredCreative:2\".parse()?)"
);
request_type!(
    /// FINDER `q=criteria` on an account's creatives (built by [`search`]),
    /// answered by a [`CollectionResponse<Creative>`] page; pageable by
    /// cursor.
    SearchCreatives(Finder) => CollectionResponse<Creative, Value>,
    example = "linkedin::resources::ads::creatives::search(linkedin::resources::ads::AccountId::new(1))",
    paged
);

/// Gets one creative of an account.
///
/// ```
/// use linkedin::resources::ads::{AccountId, creatives};
/// let r = creatives::get(AccountId::new(1), &"urn:li:sponsoredCreative:2".parse()?);
/// assert_eq!(r.as_ref().method(), linkedin::restli::Method::Get);
/// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
/// ```
pub fn get(account: AccountId, creative: &CreativeUrn) -> GetCreative {
    GetCreative {
        inner: AT.get(account, creative),
    }
}

/// Gets several creatives of an account (`ids=List(urn..)`).
///
/// ```
/// use linkedin::resources::ads::{AccountId, creatives};
/// let r = creatives::batch_get(AccountId::new(1), ["urn:li:sponsoredCreative:2".parse()?])?;
/// assert_eq!(r.as_ref().query().to_string(), "ids=List(urn%3Ali%3AsponsoredCreative%3A2)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`AdsError::EmptyList`] or [`AdsError::TooMany`].
pub fn batch_get(
    account: AccountId,
    creatives: impl IntoIterator<Item = CreativeUrn>,
) -> Result<BatchGetCreatives, AdsError> {
    Ok(BatchGetCreatives {
        inner: AT.batch_get(account, creatives)?,
    })
}

/// Creates a creative in an account from its campaign and content (and any
/// other field set; read-only ones are not sent).
///
/// ```
/// use linkedin::resources::ads::{AccountId, AdsError, Creative, creatives};
/// let no_content = Creative { campaign: Some("urn:li:sponsoredCampaign:3".parse()?), ..Creative::default() };
/// assert!(matches!(creatives::create(AccountId::new(1), &no_content), Err(AdsError::Missing { field: "content", .. })));
/// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
/// ```
///
/// # Errors
///
/// [`AdsError::Missing`] for the campaign or the content;
/// [`AdsError::OtherAccount`] for an account other than the path's.
pub fn create(account: AccountId, creative: &Creative) -> Result<CreateCreative, AdsError> {
    let missing = |field| AdsError::Missing {
        what: "a creative",
        field,
    };
    if creative.campaign.is_none() {
        return Err(missing("campaign"));
    }
    if creative.content.is_none() {
        return Err(missing("content"));
    }
    if let Some(name) = &creative.name {
        super::check_name("name", name)?;
    }
    // The creative's account is read-only: checked, never sent.
    super::same_account(account, creative.account.as_ref())?;
    let body = Creative {
        id: None,
        account: None,
        is_serving: None,
        is_test: None,
        serving_hold_reasons: None,
        review: None,
        created_at: None,
        created_by: None,
        last_modified_at: None,
        last_modified_by: None,
        ..creative.clone()
    };
    Ok(CreateCreative {
        inner: AT.create(account, &body),
    })
}

/// The created creative's URN, from a create answer's `x-restli-id` (the
/// URN, as the page shows, or its number: both are read).
///
/// ```
/// let answer = http::Response::builder().status(201)
///     .header("x-restli-id", "urn:li:sponsoredCreative:987654321").body(Vec::new())?;
/// let created = linkedin::restli::CreateResponse::from_http(answer, "/rest/adAccounts/1/creatives")?;
/// let urn = linkedin::resources::ads::creatives::created(&created)?;
/// assert_eq!(urn.id(), "987654321");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`CreatedIdError`] when there is no id or it is not a creative's.
pub fn created(response: &CreateResponse<String, Creative>) -> Result<CreativeUrn, CreatedIdError> {
    super::created_id(
        response,
        "a urn:li:sponsoredCreative URN or its number",
        "sponsoredCreative",
        |n| CreativeUrn::new(n).ok(),
    )
}

/// Changes a creative: the PARTIAL_UPDATE turning `old` into `new`.
///
/// ```
/// use linkedin::resources::ads::{AccountId, Creative, IntendedStatus, creatives};
/// let old = Creative { intended_status: Some(IntendedStatus::Active), ..Creative::default() };
/// let new = Creative { intended_status: Some(IntendedStatus::Paused), ..old.clone() };
/// let r = creatives::update(AccountId::new(1), &"urn:li:sponsoredCreative:2".parse()?, &old, &new)?;
/// assert_eq!(r.as_ref().body(), Some(&serde_json::json!({"patch": {"$set": {"intendedStatus": "PAUSED"}}})));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`AdsError::NothingChanged`] when they are equal.
pub fn update(
    account: AccountId,
    creative: &CreativeUrn,
    old: &Creative,
    new: &Creative,
) -> Result<UpdateCreative, AdsError> {
    if let Some(name) = &new.name {
        super::check_name("name", name)?;
    }
    let patch = diff(old, new)?;
    Ok(UpdateCreative {
        inner: AT.update(account, creative, &patch),
    })
}

/// Archives a creative: a patch of its `intendedStatus` to `ARCHIVED`.
///
/// ```
/// use linkedin::resources::ads::{AccountId, creatives};
/// let r = creatives::archive(AccountId::new(1), &"urn:li:sponsoredCreative:2".parse()?)?;
/// assert_eq!(r.as_ref().body(), Some(&serde_json::json!({"patch": {"$set": {"intendedStatus": "ARCHIVED"}}})));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// None in practice ([`AdsError::Patch`] if the patch could not be made).
pub fn archive(account: AccountId, creative: &CreativeUrn) -> Result<UpdateCreative, AdsError> {
    Ok(UpdateCreative {
        inner: AT.set_status(
            account,
            creative,
            "intendedStatus",
            IntendedStatus::Archived.as_str(),
        )?,
    })
}

/// Deletes a creative (LinkedIn deletes DRAFT creatives only;
/// [`delete_draft`] checks that first).
///
/// ```
/// use linkedin::resources::ads::{AccountId, creatives};
/// let r = creatives::delete(AccountId::new(1), &"urn:li:sponsoredCreative:2".parse()?);
/// assert_eq!(r.as_ref().method(), linkedin::restli::Method::Delete);
/// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
/// ```
pub fn delete(account: AccountId, creative: &CreativeUrn) -> DeleteCreative {
    DeleteCreative {
        inner: AT.delete(account, creative),
    }
}

/// Deletes a creative read before, if its `intendedStatus` is DRAFT.
///
/// ```
/// use linkedin::resources::ads::{AccountId, AdsError, Creative, creatives};
/// assert!(matches!(creatives::delete_draft(AccountId::new(1), &Creative::default()), Err(AdsError::NoId)));
/// ```
///
/// # Errors
///
/// [`AdsError::NotDraft`] or [`AdsError::NoId`].
pub fn delete_draft(account: AccountId, creative: &Creative) -> Result<DeleteCreative, AdsError> {
    let id = creative.id.as_ref().ok_or(AdsError::NoId)?;
    match &creative.intended_status {
        Some(IntendedStatus::Draft) => Ok(delete(account, id)),
        other => Err(AdsError::NotDraft {
            status: other.as_ref().map_or("unknown", |s| s.as_str()).to_owned(),
        }),
    }
}

/// The order of [`search`]'s answer (`sortOrder`).
///
/// ```
/// assert_eq!(linkedin::resources::ads::creatives::SortOrder::Descending.as_str(), "DESCENDING");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SortOrder {
    /// Oldest first.
    Ascending,
    /// Newest first.
    Descending,
}

impl SortOrder {
    /// The value as LinkedIn writes it.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::ads::creatives::SortOrder::Ascending.as_str(), "ASCENDING");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Ascending => "ASCENDING",
            SortOrder::Descending => "DESCENDING",
        }
    }
}

/// Finds an account's creatives: `q=criteria`, narrowed by the methods of
/// [`SearchCreatives`], a page at a time by cursor.
///
/// ```
/// use linkedin::resources::ads::{AccountId, IntendedStatus, creatives};
/// let r = creatives::search(AccountId::new(1))
///     .campaigns(["urn:li:sponsoredCampaign:3".parse()?])?
///     .intended_statuses([IntendedStatus::Active])?;
/// assert_eq!(
///     r.as_ref().query().to_string(),
///     "campaigns=List(urn%3Ali%3AsponsoredCampaign%3A3)&intendedStatuses=List(ACTIVE)&pageSize=100&q=criteria"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn search(account: AccountId) -> SearchCreatives {
    SearchCreatives {
        inner: Request::finder(ALL, "criteria")
            .key("account", &account.get())
            .param("pageSize", &DEFAULT_PAGE_SIZE),
    }
}

impl SearchCreatives {
    /// Creatives of these campaigns (`campaigns=List(..)`).
    ///
    /// ```
    /// use linkedin::resources::ads::{AccountId, creatives};
    /// assert!(creatives::search(AccountId::new(1)).campaigns([]).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// [`AdsError::EmptyList`] or [`AdsError::TooMany`].
    pub fn campaigns(
        self,
        campaigns: impl IntoIterator<Item = CampaignUrn>,
    ) -> Result<SearchCreatives, AdsError> {
        let list: Vec<CampaignUrn> = campaigns.into_iter().collect();
        check_list("campaigns", list.len())?;
        Ok(SearchCreatives {
            inner: self.inner.param("campaigns", &list),
        })
    }

    /// These creatives (`creatives=List(..)`).
    ///
    /// ```
    /// use linkedin::resources::ads::{AccountId, creatives};
    /// let r = creatives::search(AccountId::new(1)).creatives(["urn:li:sponsoredCreative:2".parse()?])?;
    /// assert!(r.as_ref().query().get("creatives").is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`AdsError::EmptyList`] or [`AdsError::TooMany`].
    pub fn creatives(
        self,
        creatives: impl IntoIterator<Item = CreativeUrn>,
    ) -> Result<SearchCreatives, AdsError> {
        let list: Vec<CreativeUrn> = creatives.into_iter().collect();
        check_list("creatives", list.len())?;
        Ok(SearchCreatives {
            inner: self.inner.param("creatives", &list),
        })
    }

    /// Creatives whose content is one of these (post URNs, say:
    /// `contentReferences=List(..)`).
    ///
    /// ```
    /// use linkedin::resources::ads::{AccountId, creatives};
    /// let r = creatives::search(AccountId::new(1)).content_references(["urn:li:share:4".parse()?])?;
    /// assert!(r.as_ref().query().get("contentReferences").is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`AdsError::EmptyList`] or [`AdsError::TooMany`].
    pub fn content_references(
        self,
        references: impl IntoIterator<Item = restli_codec::Urn>,
    ) -> Result<SearchCreatives, AdsError> {
        let list: Vec<restli_codec::Urn> = references.into_iter().collect();
        check_list("contentReferences", list.len())?;
        Ok(SearchCreatives {
            inner: self.inner.param("contentReferences", &list),
        })
    }

    /// Creatives in one of these intended statuses
    /// (`intendedStatuses=List(..)`).
    ///
    /// ```
    /// use linkedin::resources::ads::{AccountId, IntendedStatus, creatives};
    /// let r = creatives::search(AccountId::new(1)).intended_statuses([IntendedStatus::Draft])?;
    /// assert_eq!(r.as_ref().query().get("intendedStatuses"), Some("List(DRAFT)"));
    /// # Ok::<(), linkedin::resources::ads::AdsError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`AdsError::EmptyList`] or [`AdsError::TooMany`].
    pub fn intended_statuses(
        self,
        statuses: impl IntoIterator<Item = IntendedStatus>,
    ) -> Result<SearchCreatives, AdsError> {
        let list: Vec<IntendedStatus> = statuses.into_iter().collect();
        check_list("intendedStatuses", list.len())?;
        Ok(SearchCreatives {
            inner: self.inner.param("intendedStatuses", &list),
        })
    }

    /// Creatives of test accounts only, or of real ones only
    /// (`isTestAccount`).
    ///
    /// ```
    /// use linkedin::resources::ads::{AccountId, creatives};
    /// let r = creatives::search(AccountId::new(1)).test_account(false);
    /// assert_eq!(r.as_ref().query().get("isTestAccount"), Some("false"));
    /// ```
    pub fn test_account(self, test: bool) -> SearchCreatives {
        SearchCreatives {
            inner: self.inner.param("isTestAccount", &test),
        }
    }

    /// Orders the answer (`sortOrder`).
    ///
    /// ```
    /// use linkedin::resources::ads::{AccountId, creatives::{self, SortOrder}};
    /// let r = creatives::search(AccountId::new(1)).sort_order(SortOrder::Descending);
    /// assert_eq!(r.as_ref().query().get("sortOrder"), Some("DESCENDING"));
    /// ```
    pub fn sort_order(self, order: SortOrder) -> SearchCreatives {
        SearchCreatives {
            inner: self.inner.param("sortOrder", order.as_str()),
        }
    }

    /// Asks for pages of `size` creatives (1 to
    /// [`MAX_PAGE_SIZE`](super::MAX_PAGE_SIZE)).
    ///
    /// ```
    /// use linkedin::resources::ads::{AccountId, creatives};
    /// assert!(creatives::search(AccountId::new(1)).page_size(0).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// [`AdsError::PageSize`].
    pub fn page_size(self, size: u64) -> Result<SearchCreatives, AdsError> {
        let size = check_page_size(size)?;
        Ok(SearchCreatives {
            inner: self.inner.param("pageSize", &size),
        })
    }
}
