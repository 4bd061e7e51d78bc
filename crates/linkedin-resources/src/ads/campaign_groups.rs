//! Campaign groups (`/rest/adAccounts/{id}/adCampaignGroups`), as LinkedIn's
//! "Campaign Groups" page documents them
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-campaign-groups>).
//!
//! ```
//! use linkedin::resources::ads::{AccountId, campaign_groups};
//! let r = campaign_groups::get(AccountId::new(507404993), 615492066);
//! let config = linkedin::restli::RequestConfig::new().with_version("202406".parse()?);
//! assert_eq!(r.to_http(&config, None)?.uri().path(), "/rest/adAccounts/507404993/adCampaignGroups/615492066");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::request_types::request_type;
use restli_codec::{
    BatchGet, BatchGetResponse, CollectionResponse, Create, CreateResponse, Delete, EntityResponse,
    Finder, Get, PartialUpdate, Request, StatusResponse,
};
use serde_json::{Map, Value};

use super::entity::UnderAccount;
use super::{
    AccountId, AdsError, CampaignGroup, CreatedIdError, DEFAULT_PAGE_SIZE, Status, check_criteria,
    check_name, check_page_size, diff, values,
};
use crate::urns::CampaignGroupUrn;

const ALL: &str = "/rest/adAccounts/{account}/adCampaignGroups";
const ONE: &str = "/rest/adAccounts/{account}/adCampaignGroups/{id}";
const AT: UnderAccount = UnderAccount { all: ALL, one: ONE };

request_type!(
    /// GET of one campaign group (built by [`get`]), answered by an
    /// [`EntityResponse<CampaignGroup>`].
    GetCampaignGroup(Get) => EntityResponse<CampaignGroup>,
    example = "linkedin::resources::ads::campaign_groups::get(linkedin::resources::ads::AccountId::new(1), 2)"
);
request_type!(
    /// BATCH_GET of campaign groups (built by [`batch_get`]), answered by a
    /// [`BatchGetResponse`] keyed by group number.
    BatchGetCampaignGroups(BatchGet<u64>) => BatchGetResponse<u64, CampaignGroup>,
    example = "linkedin::resources::ads::campaign_groups::batch_get(linkedin::resources::ads::AccountId::new(1), [2])?"
);
request_type!(
    /// CREATE of a campaign group (built by [`create`]), answered by a
    /// [`CreateResponse`] whose id is the group's number (read it with
    /// [`created`]).
    CreateCampaignGroup(Create) => CreateResponse<String, CampaignGroup>,
    example = "linkedin::resources::ads::campaign_groups::create(linkedin::resources::ads::AccountId::new(1), &linkedin::resources::ads::CampaignGroup { name: Some(\"G\".into()), ..Default::default() })?"
);
request_type!(
    /// PARTIAL_UPDATE of a campaign group (built by [`update`] or
    /// [`archive`]), answered by a [`StatusResponse`] (204).
    UpdateCampaignGroup(PartialUpdate) => StatusResponse,
    example = "linkedin::resources::ads::campaign_groups::archive(linkedin::resources::ads::AccountId::new(1), 2)?"
);
request_type!(
    /// DELETE of a campaign group (built by [`delete`] or
    /// [`delete_draft`]), answered by a [`StatusResponse`] (204).
    DeleteCampaignGroup(Delete) => StatusResponse,
    example = "linkedin::resources::ads::campaign_groups::delete(linkedin::resources::ads::AccountId::new(1), 2)"
);
request_type!(
    /// FINDER `q=search` on an account's campaign groups (built by
    /// [`search`]), answered by a [`CollectionResponse<CampaignGroup>`]
    /// page; pageable by cursor.
    SearchCampaignGroups(Finder) => CollectionResponse<CampaignGroup, Value>,
    example = "linkedin::resources::ads::campaign_groups::search(linkedin::resources::ads::AccountId::new(1), linkedin::resources::ads::campaign_groups::Criteria::new())?",
    paged
);

/// Gets one campaign group of an account.
///
/// ```
/// use linkedin::resources::ads::{AccountId, campaign_groups};
/// let r = campaign_groups::get(AccountId::new(1), 2);
/// assert_eq!(r.as_ref().method(), linkedin::restli::Method::Get);
/// ```
pub fn get(account: AccountId, group: u64) -> GetCampaignGroup {
    GetCampaignGroup {
        inner: AT.get(account, &group),
    }
}

/// Gets several campaign groups of an account (`ids=List(..)`).
///
/// ```
/// use linkedin::resources::ads::{AccountId, campaign_groups};
/// let r = campaign_groups::batch_get(AccountId::new(1), [2, 3])?;
/// assert_eq!(r.as_ref().query().to_string(), "ids=List(2,3)");
/// # Ok::<(), linkedin::resources::ads::AdsError>(())
/// ```
///
/// # Errors
///
/// [`AdsError::EmptyList`] or [`AdsError::TooMany`].
pub fn batch_get(
    account: AccountId,
    groups: impl IntoIterator<Item = u64>,
) -> Result<BatchGetCampaignGroups, AdsError> {
    Ok(BatchGetCampaignGroups {
        inner: AT.batch_get(account, groups)?,
    })
}

/// Creates a campaign group in an account; its `account` is filled with
/// the account's URN when left out, and must be that account when given.
///
/// ```
/// use linkedin::resources::ads::{AccountId, AdsError, CampaignGroup, campaign_groups};
/// let unnamed = CampaignGroup::default();
/// assert!(matches!(campaign_groups::create(AccountId::new(1), &unnamed), Err(AdsError::Missing { field: "name", .. })));
/// ```
///
/// # Errors
///
/// [`AdsError::Missing`], [`AdsError::TextLength`] or
/// [`AdsError::OtherAccount`].
pub fn create(account: AccountId, group: &CampaignGroup) -> Result<CreateCampaignGroup, AdsError> {
    let name = group.name.as_deref().ok_or(AdsError::Missing {
        what: "a campaign group",
        field: "name",
    })?;
    check_name("name", name)?;
    let account_urn = super::same_account(account, group.account.as_ref())?;
    let body = CampaignGroup {
        id: None,
        account: Some(account_urn),
        test: None,
        serving_statuses: None,
        backfilled: None,
        change_audit_stamps: None,
        ..group.clone()
    };
    Ok(CreateCampaignGroup {
        inner: AT.create(account, &body),
    })
}

/// The created group's URN, from a create answer's `x-restli-id` (a
/// number, or a campaign group URN: both are read).
///
/// ```
/// let answer = http::Response::builder().status(201)
///     .header("x-restli-id", "615492066").body(Vec::new())?;
/// let created = linkedin::restli::CreateResponse::from_http(answer, "/rest/adAccounts/1/adCampaignGroups")?;
/// let urn = linkedin::resources::ads::campaign_groups::created(&created)?;
/// assert_eq!(urn.as_str(), "urn:li:sponsoredCampaignGroup:615492066");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`CreatedIdError`] when there is no id or it is not a group's.
pub fn created(
    response: &CreateResponse<String, CampaignGroup>,
) -> Result<CampaignGroupUrn, CreatedIdError> {
    super::created_id(
        response,
        "a campaign group number or urn:li:sponsoredCampaignGroup URN",
        "sponsoredCampaignGroup",
        |n| CampaignGroupUrn::new(n).ok(),
    )
}

/// Changes a campaign group: the PARTIAL_UPDATE turning `old` into `new`.
///
/// ```
/// use linkedin::resources::ads::{AccountId, CampaignGroup, Status, campaign_groups};
/// let old = CampaignGroup { status: Some(Status::Active), ..CampaignGroup::default() };
/// let new = CampaignGroup { status: Some(Status::Paused), ..old.clone() };
/// let r = campaign_groups::update(AccountId::new(1), 2, &old, &new)?;
/// assert_eq!(r.as_ref().body(), Some(&serde_json::json!({"patch": {"$set": {"status": "PAUSED"}}})));
/// # Ok::<(), linkedin::resources::ads::AdsError>(())
/// ```
///
/// # Errors
///
/// [`AdsError::NothingChanged`] when they are equal;
/// [`AdsError::TextLength`] for a bad new name.
pub fn update(
    account: AccountId,
    group: u64,
    old: &CampaignGroup,
    new: &CampaignGroup,
) -> Result<UpdateCampaignGroup, AdsError> {
    if let Some(name) = &new.name {
        check_name("name", name)?;
    }
    let patch = diff(old, new)?;
    Ok(UpdateCampaignGroup {
        inner: AT.update(account, &group, &patch),
    })
}

/// Archives a campaign group: a patch of its status to `ARCHIVED`.
///
/// ```
/// use linkedin::resources::ads::{AccountId, campaign_groups};
/// let r = campaign_groups::archive(AccountId::new(1), 2)?;
/// assert_eq!(r.as_ref().body(), Some(&serde_json::json!({"patch": {"$set": {"status": "ARCHIVED"}}})));
/// # Ok::<(), linkedin::resources::ads::AdsError>(())
/// ```
///
/// # Errors
///
/// None in practice ([`AdsError::Patch`] if the patch could not be made).
pub fn archive(account: AccountId, group: u64) -> Result<UpdateCampaignGroup, AdsError> {
    Ok(UpdateCampaignGroup {
        inner: AT.set_status(account, &group, "status", Status::Archived.as_str())?,
    })
}

/// Deletes a campaign group by number (LinkedIn deletes DRAFT groups only;
/// [`delete_draft`] checks that first).
///
/// ```
/// let r = linkedin::resources::ads::campaign_groups::delete(linkedin::resources::ads::AccountId::new(1), 2);
/// assert_eq!(r.as_ref().method(), linkedin::restli::Method::Delete);
/// ```
pub fn delete(account: AccountId, group: u64) -> DeleteCampaignGroup {
    DeleteCampaignGroup {
        inner: AT.delete(account, &group),
    }
}

/// Deletes a campaign group read before, if it is a DRAFT.
///
/// ```
/// use linkedin::resources::ads::{AccountId, AdsError, CampaignGroup, Status, campaign_groups};
/// let paused = CampaignGroup { id: Some(2), status: Some(Status::Paused), ..CampaignGroup::default() };
/// assert!(matches!(campaign_groups::delete_draft(AccountId::new(1), &paused), Err(AdsError::NotDraft { .. })));
/// ```
///
/// # Errors
///
/// [`AdsError::NotDraft`] or [`AdsError::NoId`].
pub fn delete_draft(
    account: AccountId,
    group: &CampaignGroup,
) -> Result<DeleteCampaignGroup, AdsError> {
    let id = group.id.ok_or(AdsError::NoId)?;
    super::check_draft(group.status.as_ref())?;
    Ok(delete(account, id))
}

/// The criteria of the campaign groups' search finder, each optional.
///
/// ```
/// use linkedin::resources::ads::{Status, campaign_groups::Criteria};
/// let c = Criteria::new().status([Status::Active]).test(false);
/// assert_eq!(c.to_value(), serde_json::json!({"status": {"values": ["ACTIVE"]}, "test": false}));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use]
pub struct Criteria {
    fields: Map<String, Value>,
}

impl Criteria {
    /// No criteria: every group of the account.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::ads::campaign_groups::Criteria::new().to_value(), serde_json::json!({}));
    /// ```
    pub fn new() -> Criteria {
        Criteria::default()
    }

    /// Groups in one of these statuses.
    ///
    /// ```
    /// use linkedin::resources::ads::{Status, campaign_groups::Criteria};
    /// assert_eq!(Criteria::new().status([Status::Draft]).to_value()["status"]["values"][0], "DRAFT");
    /// ```
    pub fn status(mut self, statuses: impl IntoIterator<Item = Status>) -> Criteria {
        self.fields.insert("status".into(), values(statuses));
        self
    }

    /// Groups with one of these names.
    ///
    /// ```
    /// let c = linkedin::resources::ads::campaign_groups::Criteria::new().name(["Q1"]);
    /// assert_eq!(c.to_value()["name"]["values"][0], "Q1");
    /// ```
    pub fn name<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Criteria {
        self.fields
            .insert("name".into(), values(names.into_iter().map(Into::into)));
        self
    }

    /// Groups with one of these URNs.
    ///
    /// ```
    /// use linkedin::resources::urns::CampaignGroupUrn;
    /// let c = linkedin::resources::ads::campaign_groups::Criteria::new().id([CampaignGroupUrn::new(5)?]);
    /// assert_eq!(c.to_value()["id"]["values"][0], "urn:li:sponsoredCampaignGroup:5");
    /// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
    /// ```
    pub fn id(mut self, ids: impl IntoIterator<Item = CampaignGroupUrn>) -> Criteria {
        self.fields.insert("id".into(), values(ids));
        self
    }

    /// Groups of test accounts only (`true`) or of real ones only
    /// (`false`).
    ///
    /// ```
    /// assert_eq!(linkedin::resources::ads::campaign_groups::Criteria::new().test(false).to_value()["test"], false);
    /// ```
    pub fn test(mut self, test: bool) -> Criteria {
        self.fields.insert("test".into(), Value::Bool(test));
        self
    }

    /// The criteria as the record the codec encodes.
    ///
    /// ```
    /// assert!(linkedin::resources::ads::campaign_groups::Criteria::new().to_value().is_object());
    /// ```
    pub fn to_value(&self) -> Value {
        Value::Object(self.fields.clone())
    }
}

/// Finds an account's campaign groups: `q=search&search=(..)`, a page at a
/// time by cursor.
///
/// ```
/// use linkedin::resources::ads::{AccountId, Status, campaign_groups::{Criteria, search}};
/// let r = search(AccountId::new(1), Criteria::new().status([Status::Active]))?;
/// assert_eq!(r.as_ref().query().to_string(), "pageSize=100&q=search&search=(status:(values:List(ACTIVE)))");
/// # Ok::<(), linkedin::resources::ads::AdsError>(())
/// ```
///
/// # Errors
///
/// [`AdsError::EmptyList`] or [`AdsError::TooMany`].
pub fn search(account: AccountId, criteria: Criteria) -> Result<SearchCampaignGroups, AdsError> {
    check_criteria(&criteria.fields)?;
    let mut inner = Request::finder(ALL, "search")
        .key("account", &account.get())
        .param("pageSize", &DEFAULT_PAGE_SIZE);
    if !criteria.fields.is_empty() {
        inner = inner.param("search", &criteria.to_value());
    }
    Ok(SearchCampaignGroups { inner })
}

impl SearchCampaignGroups {
    /// Asks for pages of `size` groups (1 to
    /// [`MAX_PAGE_SIZE`](super::MAX_PAGE_SIZE)).
    ///
    /// ```
    /// use linkedin::resources::ads::{AccountId, campaign_groups::{Criteria, search}};
    /// assert!(search(AccountId::new(1), Criteria::new())?.page_size(1001).is_err());
    /// # Ok::<(), linkedin::resources::ads::AdsError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`AdsError::PageSize`].
    pub fn page_size(self, size: u64) -> Result<SearchCampaignGroups, AdsError> {
        let size = check_page_size(size)?;
        Ok(SearchCampaignGroups {
            inner: self.inner.param("pageSize", &size),
        })
    }
}
