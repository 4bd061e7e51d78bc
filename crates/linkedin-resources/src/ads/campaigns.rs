//! Campaigns (`/rest/adAccounts/{id}/adCampaigns`), as LinkedIn's
//! "Campaigns" page documents them
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-campaigns>).
//!
//! ```
//! use linkedin::resources::ads::{AccountId, campaigns};
//! let r = campaigns::get(AccountId::new(507404993), 123456789);
//! let config = linkedin::restli::RequestConfig::new().with_version("202406".parse()?);
//! assert_eq!(r.to_http(&config, None)?.uri().path(), "/rest/adAccounts/507404993/adCampaigns/123456789");
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
    AccountId, AdsError, Campaign, CampaignType, CreatedIdError, DEFAULT_PAGE_SIZE, Status,
    check_criteria, check_name, check_page_size, diff, values,
};
use crate::urns::{CampaignGroupUrn, CampaignUrn};

const ALL: &str = "/rest/adAccounts/{account}/adCampaigns";
const ONE: &str = "/rest/adAccounts/{account}/adCampaigns/{id}";
const AT: UnderAccount = UnderAccount { all: ALL, one: ONE };

request_type!(
    /// GET of one campaign (built by [`get`]), answered by an
    /// [`EntityResponse<Campaign>`].
    GetCampaign(Get) => EntityResponse<Campaign>,
    example = "linkedin::resources::ads::campaigns::get(linkedin::resources::ads::AccountId::new(1), 2)"
);
request_type!(
    /// BATCH_GET of campaigns (built by [`batch_get`]), answered by a
    /// [`BatchGetResponse`] keyed by campaign number.
    BatchGetCampaigns(BatchGet<u64>) => BatchGetResponse<u64, Campaign>,
    example = "linkedin::resources::ads::campaigns::batch_get(linkedin::resources::ads::AccountId::new(1), [2])?"
);
request_type!(
    /// CREATE of a campaign (built by [`create`]), answered by a
    /// [`CreateResponse`] whose id is the campaign's number (read it with
    /// [`created`]).
    CreateCampaign(Create) => CreateResponse<String, Campaign>,
    example = "linkedin::resources::ads::campaigns::create(linkedin::resources::ads::AccountId::new(1), &linkedin::resources::ads::Campaign { name: Some(\"C\".into()), campaign_group: Some(\"urn:li:sponsoredCampaignGroup:2\".parse()?), kind: Some(linkedin::resources::ads::CampaignType::SponsoredUpdates), ..Default::default() })?"
);
request_type!(
    /// PARTIAL_UPDATE of a campaign (built by [`update`] or
    /// [`archive`]), answered by a [`StatusResponse`] (204).
    UpdateCampaign(PartialUpdate) => StatusResponse,
    example = "linkedin::resources::ads::campaigns::archive(linkedin::resources::ads::AccountId::new(1), 2)?"
);
request_type!(
    /// DELETE of a campaign (built by [`delete`] or
    /// [`delete_draft`]), answered by a [`StatusResponse`] (204).
    DeleteCampaign(Delete) => StatusResponse,
    example = "linkedin::resources::ads::campaigns::delete(linkedin::resources::ads::AccountId::new(1), 2)"
);
request_type!(
    /// FINDER `q=search` on an account's campaigns (built by
    /// [`search`]), answered by a [`CollectionResponse<Campaign>`]
    /// page; pageable by cursor.
    SearchCampaigns(Finder) => CollectionResponse<Campaign, Value>,
    example = "linkedin::resources::ads::campaigns::search(linkedin::resources::ads::AccountId::new(1), linkedin::resources::ads::campaigns::Criteria::new())?",
    paged
);

/// Gets one campaign of an account.
///
/// ```
/// use linkedin::resources::ads::{AccountId, campaigns};
/// let r = campaigns::get(AccountId::new(1), 2);
/// assert_eq!(r.as_ref().method(), linkedin::restli::Method::Get);
/// ```
pub fn get(account: AccountId, campaign: u64) -> GetCampaign {
    GetCampaign {
        inner: AT.get(account, &campaign),
    }
}

/// Gets several campaigns of an account (`ids=List(..)`).
///
/// ```
/// use linkedin::resources::ads::{AccountId, campaigns};
/// let r = campaigns::batch_get(AccountId::new(1), [2, 3])?;
/// assert_eq!(r.as_ref().query().to_string(), "ids=List(2,3)");
/// # Ok::<(), linkedin::resources::ads::AdsError>(())
/// ```
///
/// # Errors
///
/// [`AdsError::EmptyList`] or [`AdsError::TooMany`].
pub fn batch_get(
    account: AccountId,
    campaigns: impl IntoIterator<Item = u64>,
) -> Result<BatchGetCampaigns, AdsError> {
    Ok(BatchGetCampaigns {
        inner: AT.batch_get(account, campaigns)?,
    })
}

/// Creates a campaign in an account (its name, campaign group and type
/// required; LinkedIn checks the rest of what the page requires: cost type,
/// budget, bid, locale, targeting); its `account` is filled with
/// the account's URN when left out, and must be that account when given.
///
/// ```
/// use linkedin::resources::ads::{AccountId, AdsError, Campaign, campaigns};
/// let unnamed = Campaign::default();
/// assert!(matches!(campaigns::create(AccountId::new(1), &unnamed), Err(AdsError::Missing { field: "name", .. })));
/// ```
///
/// # Errors
///
/// [`AdsError::Missing`], [`AdsError::TextLength`] or
/// [`AdsError::OtherAccount`].
pub fn create(account: AccountId, campaign: &Campaign) -> Result<CreateCampaign, AdsError> {
    let name = campaign.name.as_deref().ok_or(AdsError::Missing {
        what: "a campaign",
        field: "name",
    })?;
    check_name("name", name)?;
    if campaign.campaign_group.is_none() {
        return Err(AdsError::Missing {
            what: "a campaign",
            field: "campaignGroup",
        });
    }
    if campaign.kind.is_none() {
        return Err(AdsError::Missing {
            what: "a campaign",
            field: "type",
        });
    }
    let account_urn = super::same_account(account, campaign.account.as_ref())?;
    let body = Campaign {
        id: None,
        account: Some(account_urn),
        test: None,
        serving_statuses: None,
        version: None,
        change_audit_stamps: None,
        ..campaign.clone()
    };
    Ok(CreateCampaign {
        inner: AT.create(account, &body),
    })
}

/// The created campaign's URN, from a create answer's `x-restli-id` (a
/// number, or a campaign URN: both are read).
///
/// ```
/// let answer = http::Response::builder().status(201)
///     .header("x-restli-id", "123456789").body(Vec::new())?;
/// let created = linkedin::restli::CreateResponse::from_http(answer, "/rest/adAccounts/1/adCampaigns")?;
/// let urn = linkedin::resources::ads::campaigns::created(&created)?;
/// assert_eq!(urn.as_str(), "urn:li:sponsoredCampaign:123456789");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`CreatedIdError`] when there is no id or it is not a campaign's.
pub fn created(response: &CreateResponse<String, Campaign>) -> Result<CampaignUrn, CreatedIdError> {
    super::created_id(
        response,
        "a campaign number or urn:li:sponsoredCampaign URN",
        "sponsoredCampaign",
        |n| CampaignUrn::new(n).ok(),
    )
}

/// Changes a campaign: the PARTIAL_UPDATE turning `old` into `new`.
///
/// ```
/// use linkedin::resources::ads::{AccountId, Campaign, Status, campaigns};
/// let old = Campaign { status: Some(Status::Active), ..Campaign::default() };
/// let new = Campaign { status: Some(Status::Paused), ..old.clone() };
/// let r = campaigns::update(AccountId::new(1), 2, &old, &new)?;
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
    campaign: u64,
    old: &Campaign,
    new: &Campaign,
) -> Result<UpdateCampaign, AdsError> {
    if let Some(name) = &new.name {
        check_name("name", name)?;
    }
    let patch = diff(old, new)?;
    Ok(UpdateCampaign {
        inner: AT.update(account, &campaign, &patch),
    })
}

/// Archives a campaign: a patch of its status to `ARCHIVED`.
///
/// ```
/// use linkedin::resources::ads::{AccountId, campaigns};
/// let r = campaigns::archive(AccountId::new(1), 2)?;
/// assert_eq!(r.as_ref().body(), Some(&serde_json::json!({"patch": {"$set": {"status": "ARCHIVED"}}})));
/// # Ok::<(), linkedin::resources::ads::AdsError>(())
/// ```
///
/// # Errors
///
/// None in practice ([`AdsError::Patch`] if the patch could not be made).
pub fn archive(account: AccountId, campaign: u64) -> Result<UpdateCampaign, AdsError> {
    Ok(UpdateCampaign {
        inner: AT.set_status(account, &campaign, "status", Status::Archived.as_str())?,
    })
}

/// Deletes a campaign by number (LinkedIn deletes DRAFT campaigns only;
/// [`delete_draft`] checks that first).
///
/// ```
/// let r = linkedin::resources::ads::campaigns::delete(linkedin::resources::ads::AccountId::new(1), 2);
/// assert_eq!(r.as_ref().method(), linkedin::restli::Method::Delete);
/// ```
pub fn delete(account: AccountId, campaign: u64) -> DeleteCampaign {
    DeleteCampaign {
        inner: AT.delete(account, &campaign),
    }
}

/// Deletes a campaign read before, if it is a DRAFT.
///
/// ```
/// use linkedin::resources::ads::{AccountId, AdsError, Campaign, Status, campaigns};
/// let paused = Campaign { id: Some(2), status: Some(Status::Paused), ..Campaign::default() };
/// assert!(matches!(campaigns::delete_draft(AccountId::new(1), &paused), Err(AdsError::NotDraft { .. })));
/// ```
///
/// # Errors
///
/// [`AdsError::NotDraft`] or [`AdsError::NoId`].
pub fn delete_draft(account: AccountId, campaign: &Campaign) -> Result<DeleteCampaign, AdsError> {
    let id = campaign.id.ok_or(AdsError::NoId)?;
    super::check_draft(campaign.status.as_ref())?;
    Ok(delete(account, id))
}

/// The criteria of the campaigns' search finder, each optional.
///
/// ```
/// use linkedin::resources::ads::{Status, campaigns::Criteria};
/// let c = Criteria::new().status([Status::Active]).test(false);
/// assert_eq!(c.to_value(), serde_json::json!({"status": {"values": ["ACTIVE"]}, "test": false}));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use]
pub struct Criteria {
    fields: Map<String, Value>,
}

impl Criteria {
    /// No criteria: every campaign of the account.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::ads::campaigns::Criteria::new().to_value(), serde_json::json!({}));
    /// ```
    pub fn new() -> Criteria {
        Criteria::default()
    }

    /// Campaigns in one of these statuses.
    ///
    /// ```
    /// use linkedin::resources::ads::{Status, campaigns::Criteria};
    /// assert_eq!(Criteria::new().status([Status::Draft]).to_value()["status"]["values"][0], "DRAFT");
    /// ```
    pub fn status(mut self, statuses: impl IntoIterator<Item = Status>) -> Criteria {
        self.fields.insert("status".into(), values(statuses));
        self
    }

    /// Campaigns with one of these names.
    ///
    /// ```
    /// let c = linkedin::resources::ads::campaigns::Criteria::new().name(["Q1"]);
    /// assert_eq!(c.to_value()["name"]["values"][0], "Q1");
    /// ```
    pub fn name<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Criteria {
        self.fields
            .insert("name".into(), values(names.into_iter().map(Into::into)));
        self
    }

    /// Campaigns with one of these URNs.
    ///
    /// ```
    /// use linkedin::resources::urns::CampaignUrn;
    /// let c = linkedin::resources::ads::campaigns::Criteria::new().id([CampaignUrn::new(5)?]);
    /// assert_eq!(c.to_value()["id"]["values"][0], "urn:li:sponsoredCampaign:5");
    /// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
    /// ```
    pub fn id(mut self, ids: impl IntoIterator<Item = CampaignUrn>) -> Criteria {
        self.fields.insert("id".into(), values(ids));
        self
    }

    /// Campaigns in one of these campaign groups.
    ///
    /// ```
    /// use linkedin::resources::urns::CampaignGroupUrn;
    /// let c = linkedin::resources::ads::campaigns::Criteria::new().campaign_group([CampaignGroupUrn::new(7)?]);
    /// assert_eq!(c.to_value()["campaignGroup"]["values"][0], "urn:li:sponsoredCampaignGroup:7");
    /// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
    /// ```
    pub fn campaign_group(
        mut self,
        groups: impl IntoIterator<Item = CampaignGroupUrn>,
    ) -> Criteria {
        self.fields.insert("campaignGroup".into(), values(groups));
        self
    }

    /// Campaigns of one of these types.
    ///
    /// ```
    /// use linkedin::resources::ads::{CampaignType, campaigns::Criteria};
    /// let c = Criteria::new().kind([CampaignType::TextAd]);
    /// assert_eq!(c.to_value()["type"]["values"][0], "TEXT_AD");
    /// ```
    pub fn kind(mut self, kinds: impl IntoIterator<Item = CampaignType>) -> Criteria {
        self.fields.insert("type".into(), values(kinds));
        self
    }

    /// Campaigns of test accounts only (`true`) or of real ones only
    /// (`false`).
    ///
    /// ```
    /// assert_eq!(linkedin::resources::ads::campaigns::Criteria::new().test(false).to_value()["test"], false);
    /// ```
    pub fn test(mut self, test: bool) -> Criteria {
        self.fields.insert("test".into(), Value::Bool(test));
        self
    }

    /// The criteria as the record the codec encodes.
    ///
    /// ```
    /// assert!(linkedin::resources::ads::campaigns::Criteria::new().to_value().is_object());
    /// ```
    pub fn to_value(&self) -> Value {
        Value::Object(self.fields.clone())
    }
}

/// Finds an account's campaigns: `q=search&search=(..)`, a page at a
/// time by cursor.
///
/// ```
/// use linkedin::resources::ads::{AccountId, Status, campaigns::{Criteria, search}};
/// let r = search(AccountId::new(1), Criteria::new().status([Status::Active]))?;
/// assert_eq!(r.as_ref().query().to_string(), "pageSize=100&q=search&search=(status:(values:List(ACTIVE)))");
/// # Ok::<(), linkedin::resources::ads::AdsError>(())
/// ```
///
/// # Errors
///
/// [`AdsError::EmptyList`] or [`AdsError::TooMany`].
pub fn search(account: AccountId, criteria: Criteria) -> Result<SearchCampaigns, AdsError> {
    check_criteria(&criteria.fields)?;
    let mut inner = Request::finder(ALL, "search")
        .key("account", &account.get())
        .param("pageSize", &DEFAULT_PAGE_SIZE);
    if !criteria.fields.is_empty() {
        inner = inner.param("search", &criteria.to_value());
    }
    Ok(SearchCampaigns { inner })
}

impl SearchCampaigns {
    /// Asks for pages of `size` campaigns (1 to
    /// [`MAX_PAGE_SIZE`](super::MAX_PAGE_SIZE)).
    ///
    /// ```
    /// use linkedin::resources::ads::{AccountId, campaigns::{Criteria, search}};
    /// assert!(search(AccountId::new(1), Criteria::new())?.page_size(1001).is_err());
    /// # Ok::<(), linkedin::resources::ads::AdsError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`AdsError::PageSize`].
    pub fn page_size(self, size: u64) -> Result<SearchCampaigns, AdsError> {
        let size = check_page_size(size)?;
        Ok(SearchCampaigns {
            inner: self.inner.param("pageSize", &size),
        })
    }
}
