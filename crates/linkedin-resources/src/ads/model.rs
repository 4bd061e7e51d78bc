//! The ads entities as LinkedIn answers them: [`AdAccount`],
//! [`CampaignGroup`], [`Campaign`] and [`Creative`], with every field their
//! pages document and the unknown ones kept, so that reading then writing
//! loses nothing.
//!
//! Pages: "Ad Accounts"
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-accounts>),
//! "Campaign Groups"
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-campaign-groups>),
//! "Campaigns"
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-campaigns>),
//! "Creatives"
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-creatives>).

use crate::wire_enum::wire_enum;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::urns::{AdAccountUrn, CampaignGroupUrn, CampaignUrn, CreativeUrn};

wire_enum! {
    /// An ad account's status (`status`), as the "Ad Accounts" page lists it.
    AccountStatus in "linkedin_resources::ads" {
        /// May run ads.
        Active = "ACTIVE",
        /// Closed.
        Canceled = "CANCELED",
        /// Being set up; the only status in which an account may be deleted.
        Draft = "DRAFT",
        /// Being deleted.
        PendingDeletion = "PENDING_DELETION",
        /// Deleted.
        Removed = "REMOVED",
    }
    example = Active
}

wire_enum! {
    /// An ad account's type (`type`).
    AccountType in "linkedin_resources::ads" {
        /// A self-serve account.
        Business = "BUSINESS",
        /// A managed account.
        Enterprise = "ENTERPRISE",
    }
    example = Business
}

wire_enum! {
    /// A campaign group's or a campaign's status (`status`), as their pages
    /// list it.
    Status in "linkedin_resources::ads" {
        /// Running.
        Active = "ACTIVE",
        /// Stopped for now.
        Paused = "PAUSED",
        /// Put away; may not be made active again.
        Archived = "ARCHIVED",
        /// Stopped for good.
        Canceled = "CANCELED",
        /// Being set up; the only status in which it may be deleted.
        Draft = "DRAFT",
        /// Being deleted.
        PendingDeletion = "PENDING_DELETION",
        /// Deleted.
        Removed = "REMOVED",
    }
    example = Paused
}

wire_enum! {
    /// What a creative's advertiser wants of it (`intendedStatus`), as the
    /// "Creatives" page lists it.
    IntendedStatus in "linkedin_resources::ads" {
        /// To serve.
        Active = "ACTIVE",
        /// Not to serve, for now.
        Paused = "PAUSED",
        /// Being set up; the only status in which it may be deleted.
        Draft = "DRAFT",
        /// Put away.
        Archived = "ARCHIVED",
        /// Stopped for good.
        Canceled = "CANCELED",
        /// Being deleted.
        PendingDeletion = "PENDING_DELETION",
        /// Deleted.
        Removed = "REMOVED",
    }
    example = Active
}

wire_enum! {
    /// A campaign's type (`type`), as the "Campaigns" page lists it.
    CampaignType in "linkedin_resources::ads" {
        /// Text and image ads on the right rail.
        TextAd = "TEXT_AD",
        /// Sponsored content in the feed.
        SponsoredUpdates = "SPONSORED_UPDATES",
        /// Sponsored messaging.
        SponsoredInmails = "SPONSORED_INMAILS",
        /// Dynamic ads.
        Dynamic = "DYNAMIC",
    }
    example = SponsoredUpdates
}

wire_enum! {
    /// How a campaign is billed (`costType`).
    CostType in "linkedin_resources::ads" {
        /// Per thousand impressions.
        Cpm = "CPM",
        /// Per click.
        Cpc = "CPC",
        /// Per video view.
        Cpv = "CPV",
    }
    example = Cpc
}

/// An amount of money: `{"amount": "100.00", "currencyCode": "USD"}` (the
/// amount is a decimal string, as LinkedIn writes it).
///
/// ```
/// let money: linkedin::resources::ads::Money =
///     serde_json::from_str(r#"{"amount": "100.00", "currencyCode": "USD"}"#)?;
/// assert_eq!(money.amount, "100.00");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Money {
    /// The amount, a decimal string.
    pub amount: String,
    /// The ISO 4217 currency code.
    pub currency_code: String,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Money {
    /// An amount in a currency.
    ///
    /// ```
    /// let money = linkedin::resources::ads::Money::new("10.00", "EUR");
    /// assert_eq!(serde_json::to_value(&money)?, serde_json::json!({"amount": "10.00", "currencyCode": "EUR"}));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn new(amount: impl Into<String>, currency_code: impl Into<String>) -> Money {
        Money {
            amount: amount.into(),
            currency_code: currency_code.into(),
            extra: Map::new(),
        }
    }
}

/// When something runs: `start` and optional `end`, in milliseconds since
/// the epoch.
///
/// ```
/// let run: linkedin::resources::ads::RunSchedule = serde_json::from_str(r#"{"start": 1544432400000}"#)?;
/// assert_eq!((run.start, run.end), (Some(1544432400000), None));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunSchedule {
    /// The start, in epoch milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<i64>,
    /// The end, in epoch milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<i64>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl RunSchedule {
    /// A schedule from `start` (epoch milliseconds), open-ended.
    ///
    /// ```
    /// let run = linkedin::resources::ads::RunSchedule::from(1544432400000);
    /// assert_eq!(serde_json::to_value(&run)?, serde_json::json!({"start": 1544432400000_i64}));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn from(start: i64) -> RunSchedule {
        RunSchedule {
            start: Some(start),
            ..RunSchedule::default()
        }
    }
}

/// When an entity was created and last changed (`changeAuditStamps`),
/// read-only.
///
/// ```
/// let stamps: linkedin::resources::ads::ChangeAuditStamps = serde_json::from_str(
///     r#"{"created": {"time": 1}, "lastModified": {"time": 2}}"#,
/// )?;
/// assert_eq!(stamps.last_modified.and_then(|s| s.time), Some(2));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeAuditStamps {
    /// The creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<AuditStamp>,
    /// The last change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<AuditStamp>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One stamp of [`ChangeAuditStamps`]: a time in epoch milliseconds.
///
/// ```
/// let stamp: linkedin::resources::ads::AuditStamp = serde_json::from_str(r#"{"time": 5}"#)?;
/// assert_eq!(stamp.time, Some(5));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditStamp {
    /// The time, in epoch milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<i64>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An ad account, as the "Ad Accounts" page documents it. To create one,
/// fill [`name`](Self::name), [`currency`](Self::currency),
/// [`reference`](Self::reference) and [`kind`](Self::kind) (see
/// [`AdAccount::new`]).
///
/// ```
/// use linkedin::resources::ads::{AccountStatus, AdAccount};
/// let account: AdAccount = serde_json::from_str(
///     r#"{"id": 507404993, "name": "Test", "currency": "USD", "status": "ACTIVE", "type": "BUSINESS", "test": false, "newField": 1}"#,
/// )?;
/// assert_eq!(account.status, Some(AccountStatus::Active));
/// assert_eq!(account.extra["newField"], 1);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdAccount {
    /// The account's id (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its currency (ISO 4217), fixed at creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The organization or person it advertises for (a URN).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Its type (`type`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<AccountType>,
    /// Its status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AccountStatus>,
    /// Whether it is a test account (fixed at creation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test: Option<bool>,
    /// Why it may or may not serve (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serving_statuses: Option<Vec<String>>,
    /// Whether LinkedIn mails when a campaign is optimized.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notified_on_campaign_optimization: Option<bool>,
    /// Whether LinkedIn mails when a creative is approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notified_on_creative_approval: Option<bool>,
    /// Whether LinkedIn mails when a creative is rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notified_on_creative_rejection: Option<bool>,
    /// Whether LinkedIn mails when a campaign ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notified_on_end_of_campaign: Option<bool>,
    /// Whether LinkedIn mails when new features are enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notified_on_new_features_enabled: Option<bool>,
    /// The entity version (`{"versionTag": ".."}`), read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<Value>,
    /// Creation and last change (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_audit_stamps: Option<ChangeAuditStamps>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AdAccount {
    /// A new account's required fields: name, currency, the organization
    /// (or person) it advertises for, and its type.
    ///
    /// ```
    /// use linkedin::resources::ads::{AccountType, AdAccount};
    /// let account = AdAccount::new("Test", "USD", "urn:li:organization:2414183", AccountType::Business);
    /// assert_eq!(account.kind, Some(AccountType::Business));
    /// ```
    pub fn new(
        name: impl Into<String>,
        currency: impl Into<String>,
        reference: impl Into<String>,
        kind: AccountType,
    ) -> AdAccount {
        AdAccount {
            name: Some(name.into()),
            currency: Some(currency.into()),
            reference: Some(reference.into()),
            kind: Some(kind),
            ..AdAccount::default()
        }
    }
}

/// A campaign group, as the "Campaign Groups" page documents it.
///
/// ```
/// use linkedin::resources::ads::{CampaignGroup, Status};
/// let group: CampaignGroup = serde_json::from_str(
///     r#"{"id": 615492066, "account": "urn:li:sponsoredAccount:507404993", "name": "G", "status": "DRAFT"}"#,
/// )?;
/// assert_eq!(group.status, Some(Status::Draft));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CampaignGroup {
    /// Its id (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    /// The account it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<AdAccountUrn>,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Whether it belongs to a test account (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test: Option<bool>,
    /// When it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_schedule: Option<RunSchedule>,
    /// Its budget over its whole run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_budget: Option<Money>,
    /// Its daily budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_budget: Option<Money>,
    /// Its objective (`objectiveType`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective_type: Option<String>,
    /// Why it may or may not serve (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serving_statuses: Option<Vec<String>>,
    /// Whether LinkedIn made it for campaigns that had no group
    /// (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backfilled: Option<bool>,
    /// The campaign types it may hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_campaign_types: Option<Vec<CampaignType>>,
    /// Creation and last change (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_audit_stamps: Option<ChangeAuditStamps>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A campaign, as the "Campaigns" page documents it (its targeting kept as
/// JSON: `targetingCriteria` is a deep tree of facets and URNs).
///
/// ```
/// use linkedin::resources::ads::{Campaign, CampaignType};
/// let campaign: Campaign = serde_json::from_str(
///     r#"{"id": 123456789, "type": "SPONSORED_UPDATES", "costType": "CPM", "campaignGroup": "urn:li:sponsoredCampaignGroup:1"}"#,
/// )?;
/// assert_eq!(campaign.kind, Some(CampaignType::SponsoredUpdates));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Campaign {
    /// Its id (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    /// The account it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<AdAccountUrn>,
    /// The group it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign_group: Option<CampaignGroupUrn>,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Its type (`type`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<CampaignType>,
    /// How it is billed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_type: Option<CostType>,
    /// The bid (`unitCost`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_cost: Option<Money>,
    /// Its daily budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_budget: Option<Money>,
    /// Its budget over its whole run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_budget: Option<Money>,
    /// When it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_schedule: Option<RunSchedule>,
    /// Its language and country (`{"country": "US", "language": "en"}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Value>,
    /// Who it targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targeting_criteria: Option<Value>,
    /// Its objective (`objectiveType`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective_type: Option<String>,
    /// What LinkedIn optimizes for (`optimizationTargetType`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optimization_target_type: Option<String>,
    /// How its creatives rotate (`ROUND_ROBIN` or `OPTIMIZED`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creative_selection: Option<String>,
    /// Its ad format (`format`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Whether it also serves on the LinkedIn Audience Network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offsite_delivery_enabled: Option<bool>,
    /// Whether its audience may be expanded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience_expansion_enabled: Option<bool>,
    /// The entity it promotes (an organization, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub associated_entity: Option<String>,
    /// How the budget is spent (`pacingStrategy`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pacing_strategy: Option<String>,
    /// Whether it carries political content (`politicalIntent`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub political_intent: Option<String>,
    /// Whether it belongs to a test account (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test: Option<bool>,
    /// Why it may or may not serve (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serving_statuses: Option<Vec<String>>,
    /// The entity version (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<Value>,
    /// Creation and last change (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_audit_stamps: Option<ChangeAuditStamps>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A creative (an ad), as the "Creatives" page documents it.
///
/// ```
/// use linkedin::resources::ads::{Creative, IntendedStatus};
/// let creative: Creative = serde_json::from_str(r#"{
///     "id": "urn:li:sponsoredCreative:987654321",
///     "campaign": "urn:li:sponsoredCampaign:123456789",
///     "content": {"reference": "urn:li:share:7000"},
///     "intendedStatus": "PAUSED"
/// }"#)?;
/// assert_eq!(creative.intended_status, Some(IntendedStatus::Paused));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Creative {
    /// Its URN (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<CreativeUrn>,
    /// The account it belongs to (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<AdAccountUrn>,
    /// The campaign it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign: Option<CampaignUrn>,
    /// What it shows: `{"reference": "urn:li:share:.."}`, a text ad, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Value>,
    /// What the advertiser wants of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intended_status: Option<IntendedStatus>,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether it serves now (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_serving: Option<bool>,
    /// Whether it belongs to a test account (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_test: Option<bool>,
    /// Why it is held from serving (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serving_hold_reasons: Option<Vec<String>>,
    /// Its review (`{"status": "APPROVED", ..}`), read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Value>,
    /// A lead form's call to action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leadgen_call_to_action: Option<Value>,
    /// Created at, in epoch milliseconds (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<i64>,
    /// Created by (a URN, read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// Last changed at, in epoch milliseconds (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_at: Option<i64>,
    /// Last changed by (a URN, read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_by: Option<String>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
