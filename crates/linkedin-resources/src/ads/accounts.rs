//! Ad accounts (`/rest/adAccounts`), as LinkedIn's "Ad Accounts" page
//! documents them
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-accounts>).
//!
//! ```
//! use linkedin::resources::ads::{AccountId, accounts};
//! let request = accounts::batch_get([AccountId::new(1), AccountId::new(2)])?;
//! assert_eq!(request.as_ref().query().to_string(), "ids=List(1,2)");
//! # Ok::<(), linkedin::resources::ads::AdsError>(())
//! ```

use crate::request_types::request_type;
use restli_codec::{
    BatchGet, BatchGetResponse, CollectionResponse, Create, CreateResponse, Delete, EntityResponse,
    Finder, Get, PartialUpdate, Request, StatusResponse,
};
use serde_json::{Map, Value};

use super::{
    AccountId, AccountStatus, AccountType, AdAccount, AdsError, CreatedIdError, DEFAULT_PAGE_SIZE,
    check_criteria, check_list, check_name, check_page_size, diff, values,
};
use crate::urns::{AdAccountUrn, Author};

/// The collection's path.
///
/// ```
/// assert_eq!(linkedin::resources::ads::accounts::PATH, "/rest/adAccounts");
/// ```
pub const PATH: &str = "/rest/adAccounts";

const ONE: &str = "/rest/adAccounts/{id}";

request_type!(
    /// GET `/rest/adAccounts/{id}` (built by [`get`]), answered by an
    /// [`EntityResponse<AdAccount>`].
    GetAdAccount(Get) => EntityResponse<AdAccount>,
    example = "linkedin::resources::ads::accounts::get(linkedin::resources::ads::AccountId::new(1))"
);
request_type!(
    /// BATCH_GET `/rest/adAccounts?ids=List(..)` (built by [`batch_get`]),
    /// answered by a [`BatchGetResponse`] keyed by account number.
    BatchGetAdAccounts(BatchGet<u64>) => BatchGetResponse<u64, AdAccount>,
    example = "linkedin::resources::ads::accounts::batch_get([linkedin::resources::ads::AccountId::new(1)])?"
);
request_type!(
    /// CREATE `/rest/adAccounts` (built by [`create`]), answered by a
    /// [`CreateResponse`] whose id is the new account's number (read it
    /// with [`created`]).
    CreateAdAccount(Create) => CreateResponse<String, AdAccount>,
    example = "linkedin::resources::ads::accounts::create(&linkedin::resources::ads::AdAccount::new(\"A\", \"USD\", \"urn:li:organization:1\", linkedin::resources::ads::AccountType::Business))?"
);
request_type!(
    /// PARTIAL_UPDATE of `/rest/adAccounts/{id}` (built by [`update`]),
    /// answered by a [`StatusResponse`] (204).
    UpdateAdAccount(PartialUpdate) => StatusResponse,
    example = "linkedin::resources::ads::accounts::update(linkedin::resources::ads::AccountId::new(1), &Default::default(), &linkedin::resources::ads::AdAccount { name: Some(\"B\".into()), ..Default::default() })?"
);
request_type!(
    /// DELETE `/rest/adAccounts/{id}` (built by [`delete`] or
    /// [`delete_draft`]), answered by a [`StatusResponse`] (204).
    DeleteAdAccount(Delete) => StatusResponse,
    example = "linkedin::resources::ads::accounts::delete(linkedin::resources::ads::AccountId::new(1))"
);
request_type!(
    /// FINDER `q=search` on `/rest/adAccounts` (built by [`search`]),
    /// answered by a [`CollectionResponse<AdAccount>`] page; pageable by
    /// cursor through the codec's `Pagination`.
    SearchAdAccounts(Finder) => CollectionResponse<AdAccount, Value>,
    example = "linkedin::resources::ads::accounts::search(linkedin::resources::ads::accounts::Criteria::new())?",
    paged
);

/// Gets one account.
///
/// ```
/// use linkedin::resources::ads::{AccountId, accounts};
/// let r = accounts::get(AccountId::new(507404993));
/// assert_eq!(r.as_ref().path(), "/rest/adAccounts/{id}");
/// ```
pub fn get(account: AccountId) -> GetAdAccount {
    GetAdAccount {
        inner: Request::get(ONE).key("id", &account.get()),
    }
}

/// Gets several accounts: `ids=List(..)`, 1 to [`MAX_IDS`](super::MAX_IDS).
///
/// ```
/// use linkedin::resources::ads::{AdsError, accounts};
/// assert!(matches!(accounts::batch_get([]), Err(AdsError::EmptyList { .. })));
/// ```
///
/// # Errors
///
/// [`AdsError::EmptyList`] or [`AdsError::TooMany`].
pub fn batch_get(
    accounts: impl IntoIterator<Item = AccountId>,
) -> Result<BatchGetAdAccounts, AdsError> {
    let ids: Vec<u64> = accounts.into_iter().map(AccountId::get).collect();
    check_list("ids", ids.len())?;
    Ok(BatchGetAdAccounts {
        inner: Request::batch_get(PATH, ids),
    })
}

/// Creates an account from its required fields (name, currency, reference,
/// type) and any other set; read-only fields are not sent.
///
/// ```
/// use linkedin::resources::ads::{AccountType, AdAccount, AdsError, accounts};
/// let ok = AdAccount::new("Test", "USD", "urn:li:organization:2414183", AccountType::Business);
/// assert!(accounts::create(&ok).is_ok());
/// let bad = AdAccount::new("Test", "usd", "urn:li:organization:2414183", AccountType::Business);
/// assert!(matches!(accounts::create(&bad), Err(AdsError::Currency { .. })));
/// ```
///
/// # Errors
///
/// [`AdsError::Missing`] for a required field left out,
/// [`AdsError::TextLength`] for an empty or long name,
/// [`AdsError::Currency`], or [`AdsError::WrongUrn`] for a reference that is
/// not a person or an organization.
pub fn create(account: &AdAccount) -> Result<CreateAdAccount, AdsError> {
    let missing = |field| AdsError::Missing {
        what: "an ad account",
        field,
    };
    let name = account.name.as_deref().ok_or_else(|| missing("name"))?;
    check_name("name", name)?;
    let currency = account
        .currency
        .as_deref()
        .ok_or_else(|| missing("currency"))?;
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(AdsError::Currency {
            found: currency.to_owned(),
        });
    }
    let reference = account
        .reference
        .as_deref()
        .ok_or_else(|| missing("reference"))?;
    reference
        .parse::<Author>()
        .map_err(|source| AdsError::WrongUrn {
            field: "reference",
            source,
        })?;
    if account.kind.is_none() {
        return Err(missing("type"));
    }
    let body = AdAccount {
        id: None,
        serving_statuses: None,
        version: None,
        change_audit_stamps: None,
        ..account.clone()
    };
    Ok(CreateAdAccount {
        inner: Request::create(PATH, &body),
    })
}

/// The created account's URN, from a create answer's `x-restli-id` (a
/// number, as the page shows, or an account URN: both are read).
///
/// ```
/// let answer = http::Response::builder().status(201)
///     .header("x-restli-id", "507404993").body(Vec::new())?;
/// let created = linkedin::restli::CreateResponse::from_http(answer, "/rest/adAccounts")?;
/// let urn = linkedin::resources::ads::accounts::created(&created)?;
/// assert_eq!(urn.as_str(), "urn:li:sponsoredAccount:507404993");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`CreatedIdError`] when there is no id or it is not an account's.
pub fn created(
    response: &CreateResponse<String, AdAccount>,
) -> Result<AdAccountUrn, CreatedIdError> {
    super::created_id(
        response,
        "an account number or urn:li:sponsoredAccount URN",
        "sponsoredAccount",
        |n| AdAccountUrn::new(n).ok(),
    )
}

/// Changes an account: the PARTIAL_UPDATE turning `old` into `new`
/// (`restli_codec::Patch::diff`).
///
/// ```
/// use linkedin::resources::ads::{AccountId, AdAccount, accounts};
/// let old = AdAccount { name: Some("Old".into()), ..AdAccount::default() };
/// let new = AdAccount { name: Some("New".into()), ..old.clone() };
/// let r = accounts::update(AccountId::new(1), &old, &new)?;
/// assert_eq!(r.as_ref().body(), Some(&serde_json::json!({"patch": {"$set": {"name": "New"}}})));
/// # Ok::<(), linkedin::resources::ads::AdsError>(())
/// ```
///
/// # Errors
///
/// [`AdsError::NothingChanged`] when `old` and `new` are equal.
pub fn update(
    account: AccountId,
    old: &AdAccount,
    new: &AdAccount,
) -> Result<UpdateAdAccount, AdsError> {
    if let Some(name) = &new.name {
        check_name("name", name)?;
    }
    let patch = diff(old, new)?;
    Ok(UpdateAdAccount {
        inner: Request::partial_update(ONE, &patch).key("id", &account.get()),
    })
}

/// Deletes an account by number. LinkedIn deletes only DRAFT accounts
/// (others answer an error); [`delete_draft`] checks that first.
///
/// ```
/// let r = linkedin::resources::ads::accounts::delete(linkedin::resources::ads::AccountId::new(1));
/// assert_eq!(r.as_ref().method(), linkedin::restli::Method::Delete);
/// ```
pub fn delete(account: AccountId) -> DeleteAdAccount {
    DeleteAdAccount {
        inner: Request::delete(ONE).key("id", &account.get()),
    }
}

/// Deletes an account read before, if it is a DRAFT.
///
/// ```
/// use linkedin::resources::ads::{AccountStatus, AdAccount, AdsError, accounts};
/// let active = AdAccount { id: Some(1), status: Some(AccountStatus::Active), ..AdAccount::default() };
/// assert!(matches!(accounts::delete_draft(&active), Err(AdsError::NotDraft { .. })));
/// ```
///
/// # Errors
///
/// [`AdsError::NotDraft`] or [`AdsError::NoId`].
pub fn delete_draft(account: &AdAccount) -> Result<DeleteAdAccount, AdsError> {
    let id = account.id.ok_or(AdsError::NoId)?;
    match &account.status {
        Some(AccountStatus::Draft) => Ok(delete(AccountId::new(id))),
        other => Err(AdsError::NotDraft {
            status: other.as_ref().map_or("unknown", |s| s.as_str()).to_owned(),
        }),
    }
}

/// The criteria of the accounts' search finder
/// (`search=(status:(values:List(..)),type:(..),test:..)`), each optional.
///
/// ```
/// use linkedin::resources::ads::{AccountType, accounts::Criteria};
/// let c = Criteria::new().kind([AccountType::Enterprise]).name(["Acme"]);
/// assert_eq!(c.to_value(), serde_json::json!({"type": {"values": ["ENTERPRISE"]}, "name": {"values": ["Acme"]}}));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use]
pub struct Criteria {
    fields: Map<String, Value>,
}

impl Criteria {
    /// No criteria: every account the member may see.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::ads::accounts::Criteria::new().to_value(), serde_json::json!({}));
    /// ```
    pub fn new() -> Criteria {
        Criteria::default()
    }

    /// Accounts in one of these statuses.
    ///
    /// ```
    /// use linkedin::resources::ads::{AccountStatus, accounts::Criteria};
    /// let c = Criteria::new().status([AccountStatus::Active, AccountStatus::Draft]);
    /// assert_eq!(c.to_value()["status"]["values"][1], "DRAFT");
    /// ```
    pub fn status(mut self, statuses: impl IntoIterator<Item = AccountStatus>) -> Criteria {
        self.fields.insert("status".into(), values(statuses));
        self
    }

    /// Accounts of one of these types.
    ///
    /// ```
    /// use linkedin::resources::ads::{AccountType, accounts::Criteria};
    /// assert_eq!(Criteria::new().kind([AccountType::Business]).to_value()["type"]["values"][0], "BUSINESS");
    /// ```
    pub fn kind(mut self, kinds: impl IntoIterator<Item = AccountType>) -> Criteria {
        self.fields.insert("type".into(), values(kinds));
        self
    }

    /// Accounts with one of these names.
    ///
    /// ```
    /// let c = linkedin::resources::ads::accounts::Criteria::new().name(["A"]);
    /// assert_eq!(c.to_value()["name"]["values"][0], "A");
    /// ```
    pub fn name<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Criteria {
        self.fields
            .insert("name".into(), values(names.into_iter().map(Into::into)));
        self
    }

    /// Accounts with one of these numbers.
    ///
    /// ```
    /// use linkedin::resources::ads::{AccountId, accounts::Criteria};
    /// assert_eq!(Criteria::new().id([AccountId::new(5)]).to_value()["id"]["values"][0], 5);
    /// ```
    pub fn id(mut self, ids: impl IntoIterator<Item = AccountId>) -> Criteria {
        self.fields
            .insert("id".into(), values(ids.into_iter().map(AccountId::get)));
        self
    }

    /// Accounts advertising for one of these organizations or people.
    ///
    /// ```
    /// use linkedin::resources::urns::OrganizationUrn;
    /// let c = linkedin::resources::ads::accounts::Criteria::new().reference([OrganizationUrn::new(1)?]);
    /// assert_eq!(c.to_value()["reference"]["values"][0], "urn:li:organization:1");
    /// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
    /// ```
    pub fn reference<A: Into<Author>>(
        mut self,
        references: impl IntoIterator<Item = A>,
    ) -> Criteria {
        self.fields.insert(
            "reference".into(),
            values(references.into_iter().map(Into::into)),
        );
        self
    }

    /// Test accounts only (`true`) or real ones only (`false`); both when
    /// not set.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::ads::accounts::Criteria::new().test(true).to_value()["test"], true);
    /// ```
    pub fn test(mut self, test: bool) -> Criteria {
        self.fields.insert("test".into(), Value::Bool(test));
        self
    }

    /// The criteria as the record the codec encodes.
    ///
    /// ```
    /// assert!(linkedin::resources::ads::accounts::Criteria::new().to_value().is_object());
    /// ```
    pub fn to_value(&self) -> Value {
        Value::Object(self.fields.clone())
    }
}

/// Finds accounts: `GET /rest/adAccounts?q=search&search=(..)`, a page at a
/// time by cursor ([`DEFAULT_PAGE_SIZE`] a page unless
/// [`page_size`](SearchAdAccounts::page_size) says otherwise). With no
/// criteria, no `search` parameter is sent.
///
/// ```
/// use linkedin::resources::ads::accounts::{Criteria, search};
/// let r = search(Criteria::new())?;
/// assert_eq!(r.as_ref().query().to_string(), "pageSize=100&q=search");
/// # Ok::<(), linkedin::resources::ads::AdsError>(())
/// ```
///
/// # Errors
///
/// [`AdsError::EmptyList`] or [`AdsError::TooMany`] for a criterion of no
/// or too many values.
pub fn search(criteria: Criteria) -> Result<SearchAdAccounts, AdsError> {
    check_criteria(&criteria.fields)?;
    let mut inner = Request::finder(PATH, "search").param("pageSize", &DEFAULT_PAGE_SIZE);
    if !criteria.fields.is_empty() {
        inner = inner.param("search", &criteria.to_value());
    }
    Ok(SearchAdAccounts { inner })
}

impl SearchAdAccounts {
    /// Asks for pages of `size` accounts (1 to
    /// [`MAX_PAGE_SIZE`](super::MAX_PAGE_SIZE)).
    ///
    /// ```
    /// use linkedin::resources::ads::accounts::{Criteria, search};
    /// let r = search(Criteria::new())?.page_size(500)?;
    /// assert_eq!(r.as_ref().query().get("pageSize"), Some("500"));
    /// assert!(search(Criteria::new())?.page_size(0).is_err());
    /// # Ok::<(), linkedin::resources::ads::AdsError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`AdsError::PageSize`].
    pub fn page_size(self, size: u64) -> Result<SearchAdAccounts, AdsError> {
        let size = check_page_size(size)?;
        Ok(SearchAdAccounts {
            inner: self.inner.param("pageSize", &size),
        })
    }
}
