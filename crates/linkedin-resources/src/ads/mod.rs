//! The ads entities: ad accounts, campaign groups, campaigns and creatives,
//! read one at a time or in batches, created, changed, archived or deleted,
//! and found by LinkedIn's search finders a page at a time.
//!
//! Each call is a small request type a transport sends as it is (it
//! converts into the [`DynamicRequest`](restli_codec::DynamicRequest) it is built on and implements
//! [`RestliRequest`](restli_codec::RestliRequest) for the codec's response of its model), plus pure
//! functions reading what needs interpretation (the created id in
//! `x-restli-id`). Paths are those of LinkedIn's pages, under `/rest`, with
//! the `LinkedIn-Version` the client's [`RequestConfig`](restli_codec::RequestConfig) adds:
//!
//! - [`accounts`]: `/rest/adAccounts` ("Ad Accounts",
//!   <https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-accounts>);
//! - [`campaign_groups`]: the path `/rest/adAccounts/{id}/adCampaignGroups`
//!   ("Campaign Groups");
//! - [`campaigns`]: `/rest/adAccounts/{id}/adCampaigns` ("Campaigns");
//! - [`creatives`]: `/rest/adAccounts/{id}/creatives`, the creative's URN
//!   URL-encoded in the path ("Creatives").
//!
//! The search finders page by cursor (`pageSize` in, `metadata.nextPageToken`
//! out, `pageToken` back), which their requests ask for from the first page,
//! so the codec's `Pagination` walks them by cursor.
//!
//! ```
//! use linkedin::resources::ads::{AccountId, AccountStatus, accounts};
//! use linkedin::restli::RequestConfig;
//!
//! let search = accounts::search(accounts::Criteria::new().status([AccountStatus::Active]).test(false))?;
//! let config = RequestConfig::new().with_version("202406".parse()?);
//! let http = search.to_http(&config, Some("token"))?;
//! assert_eq!(
//!     http.uri().query(),
//!     Some("pageSize=100&q=search&search=(status:(values:List(ACTIVE)),test:false)")
//! );
//!
//! let account = AccountId::parse("urn:li:sponsoredAccount:507404993")?;
//! assert_eq!(accounts::get(account).to_http(&config, None)?.uri().path(), "/rest/adAccounts/507404993");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod entity;
mod model;

pub mod accounts;
pub mod campaign_groups;
pub mod campaigns;
pub mod creatives;

use std::fmt;

use restli_codec::excerpt::Excerpt;
use restli_codec::{CreateResponse, PatchError};
use serde::Serialize;
use serde_json::{Map, Value};

pub use model::{
    AccountStatus, AccountType, AdAccount, AuditStamp, Campaign, CampaignGroup, CampaignType,
    ChangeAuditStamps, CostType, Creative, IntendedStatus, Money, RunSchedule, Status,
};

use crate::urns::{AdAccountUrn, TypedUrnError};

/// The most entities one page of a search finder asks for (the ads pages:
/// `pageSize` at most 1000).
///
/// ```
/// assert_eq!(linkedin::resources::ads::MAX_PAGE_SIZE, 1000);
/// ```
pub const MAX_PAGE_SIZE: u64 = 1000;

/// The page size a search asks for unless told otherwise (the ads pages'
/// default: 100).
///
/// ```
/// assert_eq!(linkedin::resources::ads::DEFAULT_PAGE_SIZE, 100);
/// ```
pub const DEFAULT_PAGE_SIZE: u64 = 100;

/// The most ids one batch get or one search criterion takes. LinkedIn's
/// pages state no limit; this one keeps every request bounded (longer
/// query strings are tunneled by the codec).
///
/// ```
/// assert_eq!(linkedin::resources::ads::MAX_IDS, 1000);
/// ```
pub const MAX_IDS: usize = 1000;

/// The longest name this crate sends (characters). The pages state no
/// limit; this bound keeps every request bounded.
///
/// ```
/// assert_eq!(linkedin::resources::ads::MAX_NAME_CHARS, 255);
/// ```
pub const MAX_NAME_CHARS: usize = 255;

/// Why an ads request cannot be made: said before anything is sent.
///
/// ```
/// use linkedin::resources::ads::{AccountId, AdsError};
/// let err = AccountId::parse("acme").unwrap_err();
/// assert!(matches!(err, AdsError::NotAnAccount { .. }));
/// assert_eq!(err.to_string(), "\"acme\" is not an ad account: give its number or its urn:li:sponsoredAccount URN");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AdsError {
    /// Not an account number nor an account URN.
    #[error("{} is not an ad account: give its number or its urn:li:sponsoredAccount URN", Excerpt(.found))]
    NotAnAccount {
        /// The text given.
        found: String,
    },
    /// A URN of the right kind whose id is not a number.
    #[error("{} has no numeric id", Excerpt(.found))]
    NotNumeric {
        /// The URN given.
        found: String,
    },
    /// A URN of another kind than the place takes.
    #[error("{field}: {source}")]
    WrongUrn {
        /// Which field or parameter.
        field: &'static str,
        /// Why it does not fit.
        #[source]
        source: TypedUrnError,
    },
    /// A required field left out.
    #[error("{field} is required to create {what}")]
    Missing {
        /// Which entity.
        what: &'static str,
        /// Which field.
        field: &'static str,
    },
    /// A text that is empty or over its limit.
    #[error("{field} must be 1 to {max} characters long, it is {found}")]
    TextLength {
        /// Which field.
        field: &'static str,
        /// The limit.
        max: usize,
        /// Its length, in characters.
        found: usize,
    },
    /// A field that must name the same account as the path.
    #[error("{field} names {}, but the request is for {}", Excerpt(.found), Excerpt(.expected))]
    OtherAccount {
        /// Which field.
        field: &'static str,
        /// The path's account.
        expected: String,
        /// The field's account.
        found: String,
    },
    /// A currency that is not three capital letters (ISO 4217).
    #[error("the currency {} is not an ISO 4217 code (three capital letters)", Excerpt(.found))]
    Currency {
        /// The text given.
        found: String,
    },
    /// An empty list where one value at least is needed.
    #[error("{field} is an empty list")]
    EmptyList {
        /// Which list.
        field: &'static str,
    },
    /// A list over [`MAX_IDS`].
    #[error("{field} has {found} values, at most {max} are taken")]
    TooMany {
        /// Which list.
        field: &'static str,
        /// The limit.
        max: usize,
        /// How many were given.
        found: usize,
    },
    /// A page size of 0 or over [`MAX_PAGE_SIZE`].
    #[error("a page holds 1 to {max} entities, {found} were asked for")]
    PageSize {
        /// The limit.
        max: u64,
        /// The size asked for.
        found: u64,
    },
    /// An update that changes nothing.
    #[error("the update changes nothing")]
    NothingChanged,
    /// An entity that does not serialize to a JSON object.
    #[error("the entity cannot be sent: {0}")]
    Patch(#[source] PatchError),
    /// A delete of an entity that is not a draft (LinkedIn deletes drafts
    /// only; archive or cancel the others).
    #[error("only a DRAFT can be deleted, this one is {status}")]
    NotDraft {
        /// Its status.
        status: String,
    },
    /// A delete of an entity without its id.
    #[error("the entity has no id")]
    NoId,
}

/// Why a create answer gives no id. The entity was created all the same
/// (LinkedIn answered 201): do not retry the creation.
///
/// ```
/// use linkedin::resources::ads::{CreatedIdError, accounts};
/// let answer = http::Response::builder().status(201).body(Vec::new())?;
/// let created = linkedin::restli::CreateResponse::from_http(answer, "/rest/adAccounts")?;
/// assert_eq!(accounts::created(&created), Err(CreatedIdError::Missing));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CreatedIdError {
    /// The answer had no `x-restli-id`.
    #[error("the entity was created but the answer names no id (no x-restli-id header)")]
    Missing,
    /// The id is neither a number nor a URN of the created kind.
    #[error("the entity was created but its id {} is not {expected}", Excerpt(.raw))]
    Unexpected {
        /// What was expected.
        expected: &'static str,
        /// The id as sent.
        raw: String,
    },
}

/// An ad account's number, from a number or an
/// `urn:li:sponsoredAccount:<number>` URN: what the ads paths take.
///
/// ```
/// use linkedin::resources::ads::AccountId;
/// assert_eq!(AccountId::parse("507404993")?, AccountId::new(507404993));
/// assert_eq!(AccountId::parse("urn:li:sponsoredAccount:507404993")?.get(), 507404993);
/// assert!(AccountId::parse("urn:li:organization:1").is_err());
/// # Ok::<(), linkedin::resources::ads::AdsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountId(u64);

impl AccountId {
    /// The account numbered `id`.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::ads::AccountId::new(5).to_string(), "5");
    /// ```
    pub fn new(id: u64) -> AccountId {
        AccountId(id)
    }

    /// Reads a number (`507404993`) or an account URN
    /// (`urn:li:sponsoredAccount:507404993`), spaces around it ignored.
    ///
    /// ```
    /// use linkedin::resources::ads::{AccountId, AdsError};
    /// assert!(matches!(AccountId::parse("12a"), Err(AdsError::NotAnAccount { .. })));
    /// assert!(matches!(AccountId::parse("urn:li:sponsoredAccount:x"), Err(AdsError::NotNumeric { .. })));
    /// ```
    ///
    /// # Errors
    ///
    /// [`AdsError::NotAnAccount`] for anything else;
    /// [`AdsError::NotNumeric`] for an account URN whose id is not a number.
    pub fn parse(text: &str) -> Result<AccountId, AdsError> {
        let text = text.trim();
        if let Ok(id) = text.parse::<u64>() {
            return Ok(AccountId(id));
        }
        match text.parse::<AdAccountUrn>() {
            Ok(urn) => AccountId::try_from(&urn),
            Err(_) => Err(AdsError::NotAnAccount {
                found: text.to_owned(),
            }),
        }
    }

    /// The number.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::ads::AccountId::new(7).get(), 7);
    /// ```
    pub fn get(self) -> u64 {
        self.0
    }

    /// The account's URN.
    ///
    /// ```
    /// let urn = linkedin::resources::ads::AccountId::new(507404993).urn()?;
    /// assert_eq!(urn.as_str(), "urn:li:sponsoredAccount:507404993");
    /// # Ok::<(), linkedin::resources::urns::TypedUrnError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// None in practice: a number is always a valid URN id.
    pub fn urn(self) -> Result<AdAccountUrn, TypedUrnError> {
        AdAccountUrn::new(self.0)
    }
}

impl From<u64> for AccountId {
    fn from(id: u64) -> AccountId {
        AccountId(id)
    }
}

impl TryFrom<&AdAccountUrn> for AccountId {
    type Error = AdsError;

    fn try_from(urn: &AdAccountUrn) -> Result<AccountId, AdsError> {
        numeric_id(urn.id(), urn.as_str()).map(AccountId)
    }
}

impl std::str::FromStr for AccountId {
    type Err = AdsError;

    fn from_str(text: &str) -> Result<AccountId, AdsError> {
        AccountId::parse(text)
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for AccountId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(self.0)
    }
}

fn numeric_id(id: &str, whole: &str) -> Result<u64, AdsError> {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AdsError::NotNumeric {
            found: whole.to_owned(),
        });
    }
    id.parse().map_err(|_| AdsError::NotNumeric {
        found: whole.to_owned(),
    })
}

/// Checks a name's length.
fn check_name(field: &'static str, name: &str) -> Result<(), AdsError> {
    let found = name.chars().count();
    if name.trim().is_empty() || found > MAX_NAME_CHARS {
        return Err(AdsError::TextLength {
            field,
            max: MAX_NAME_CHARS,
            found,
        });
    }
    Ok(())
}

/// Checks a list's length (1 to [`MAX_IDS`]).
fn check_list(field: &'static str, len: usize) -> Result<(), AdsError> {
    if len == 0 {
        return Err(AdsError::EmptyList { field });
    }
    if len > MAX_IDS {
        return Err(AdsError::TooMany {
            field,
            max: MAX_IDS,
            found: len,
        });
    }
    Ok(())
}

fn check_page_size(size: u64) -> Result<u64, AdsError> {
    if size == 0 || size > MAX_PAGE_SIZE {
        return Err(AdsError::PageSize {
            max: MAX_PAGE_SIZE,
            found: size,
        });
    }
    Ok(size)
}

/// The patch turning `old` into `new`.
fn diff<T: Serialize>(old: &T, new: &T) -> Result<restli_codec::Patch, AdsError> {
    restli_codec::Patch::diff(old, new).map_err(|err| match err {
        PatchError::Empty => AdsError::NothingChanged,
        other => AdsError::Patch(other),
    })
}

/// The patch setting one field to one status.
fn status_patch(field: &str, status: &str) -> Result<restli_codec::Patch, AdsError> {
    let mut fields = Map::new();
    fields.insert(field.to_owned(), Value::String(status.to_owned()));
    restli_codec::Patch::set(&fields).map_err(AdsError::Patch)
}

/// The account a body names: the path's, filled in when left out.
fn same_account(
    account: AccountId,
    named: Option<&AdAccountUrn>,
) -> Result<AdAccountUrn, AdsError> {
    let urn = account.urn().map_err(|source| AdsError::WrongUrn {
        field: "account",
        source,
    })?;
    match named {
        Some(given) if given != &urn => Err(AdsError::OtherAccount {
            field: "account",
            expected: urn.to_string(),
            found: given.to_string(),
        }),
        _ => Ok(urn),
    }
}

/// Refuses a delete of anything but a draft.
fn check_draft(status: Option<&Status>) -> Result<(), AdsError> {
    match status {
        Some(Status::Draft) => Ok(()),
        other => Err(AdsError::NotDraft {
            status: other.map_or("unknown", |s| s.as_str()).to_owned(),
        }),
    }
}

/// A search criterion: `(values:List(..))`.
fn values<T: Serialize>(items: impl IntoIterator<Item = T>) -> Value {
    let list: Vec<Value> = items
        .into_iter()
        .map(|item| serde_json::to_value(item).unwrap_or(Value::Null))
        .collect();
    let mut map = Map::new();
    map.insert("values".to_owned(), Value::Array(list));
    Value::Object(map)
}

/// Checks every `(values:List(..))` criterion of a search record.
fn check_criteria(criteria: &Map<String, Value>) -> Result<(), AdsError> {
    for (name, value) in criteria {
        if let Some(Value::Array(list)) = value.get("values") {
            check_list(criterion_name(name), list.len())?;
        }
    }
    Ok(())
}

/// The criterion's name, as a `'static` text for errors.
fn criterion_name(name: &str) -> &'static str {
    match name {
        "status" => "search.status",
        "type" => "search.type",
        "name" => "search.name",
        "id" => "search.id",
        "reference" => "search.reference",
        "campaignGroup" => "search.campaignGroup",
        "associatedEntity" => "search.associatedEntity",
        _ => "a search criterion",
    }
}

/// The created entity's id: a number (`x-restli-id: 507404993`) or a URN of
/// the kind, made into the URN by `make`.
fn created_id<K: fmt::Display, T, U>(
    response: &CreateResponse<K, T>,
    expected: &'static str,
    entity_type: &str,
    make: impl Fn(u64) -> Option<U>,
) -> Result<U, CreatedIdError> {
    let raw = match (&response.raw_id, &response.id) {
        (Some(raw), _) => raw.clone(),
        (None, Some(id)) => id.to_string(),
        (None, None) => return Err(CreatedIdError::Missing),
    };
    let unexpected = || CreatedIdError::Unexpected {
        expected,
        raw: raw.clone(),
    };
    let text = raw.trim();
    let number = match text.parse::<u64>() {
        Ok(n) => n,
        Err(_) => {
            let urn: restli_codec::Urn = text.parse().map_err(|_| unexpected())?;
            if urn.namespace() != "li" || urn.entity_type() != entity_type {
                return Err(unexpected());
            }
            numeric_id(urn.id(), text).map_err(|_| unexpected())?
        }
    };
    make(number).ok_or_else(unexpected)
}
