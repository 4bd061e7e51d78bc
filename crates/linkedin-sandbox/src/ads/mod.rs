//! Synthetic ads data from a seed: campaigns and creatives under the seeded
//! accounts and campaign groups (`seed.rs`), kept in the one store like any
//! entity, and the `adAnalytics` reports computed from one daily table
//! (`table.rs`) that is never materialised.
//!
//! Off unless [`SandboxBuilder::ads_seed`](crate::SandboxBuilder::ads_seed)
//! asks for it (the plain seed keeps its few fixed entities). With it:
//!
//! * campaigns `700001..` at
//!   `/rest/adAccounts/{id}/adCampaigns`, spread over the campaign groups
//!   600001, 600002 (account 500001) and 600003 (account 500002), with the
//!   fields and statuses of "Campaigns"
//!   (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-campaigns>);
//! * one or two creatives per campaign, `urn:li:sponsoredCreative:800001..`
//!   at `/rest/adAccounts/{id}/creatives`, with the fields of "Creatives"
//!   (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-creatives>);
//! * `GET /rest/adAnalytics?q=analytics|statistics` (`analytics.rs`).

mod analytics;
mod days;
mod table;

use serde_json::{Value, json};

pub(crate) use analytics::{ReportJob, prepare};

use crate::store::{Key, Store};

/// The campaign groups campaigns are spread over, with their accounts.
const GROUPS: &[(u64, u64)] = &[(600001, 500001), (600002, 500001), (600003, 500002)];

/// The first seeded campaign id.
const FIRST_CAMPAIGN: u64 = 700001;

/// The first seeded creative id.
const FIRST_CREATIVE: u64 = 800001;

/// The seed used when none is given.
pub(crate) const DEFAULT_SEED: u64 = 20_240_101;

/// The most rows one `adAnalytics` answer may hold ("Ads Reporting").
pub(crate) const DEFAULT_ROW_CAP: usize = 15_000;

/// The most campaigns a sandbox seeds.
pub(crate) const MAX_CAMPAIGNS: usize = 10_000;

/// What the synthetic ads data is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AdsConfig {
    /// Where every number comes from.
    pub(crate) seed: u64,
    /// How many campaigns to seed (0: none).
    pub(crate) campaigns: usize,
    /// The most rows of one `adAnalytics` answer.
    pub(crate) row_cap: usize,
}

impl Default for AdsConfig {
    fn default() -> Self {
        AdsConfig {
            seed: DEFAULT_SEED,
            campaigns: 0,
            row_cap: DEFAULT_ROW_CAP,
        }
    }
}

fn pick<'a>(seed: u64, parts: &[u64], from: &[&'a str]) -> &'a str {
    let len = u64::try_from(from.len()).unwrap_or(1).max(1);
    let index = usize::try_from(table::hash(seed, parts) % len).unwrap_or(0);
    from.get(index).copied().unwrap_or_default()
}

/// A campaign as "Campaigns" documents its fields.
fn campaign(seed: u64, id: u64, group: u64, account: u64) -> Value {
    let status = pick(
        seed,
        &[id, 1],
        &[
            "ACTIVE",
            "ACTIVE",
            "ACTIVE",
            "PAUSED",
            "COMPLETED",
            "DRAFT",
            "ARCHIVED",
        ],
    );
    let kind = pick(
        seed,
        &[id, 2],
        &[
            "SPONSORED_UPDATES",
            "TEXT_AD",
            "SPONSORED_INMAILS",
            "DYNAMIC",
        ],
    );
    let cost_type = pick(seed, &[id, 3], &["CPM", "CPC", "CPV"]);
    let unit_cents = 200 + table::hash(seed, &[id, 4]) % 800;
    let daily_cents = 5_000 + table::hash(seed, &[id, 5]) % 45_000;
    json!({
        "id": id,
        "account": format!("urn:li:sponsoredAccount:{account}"),
        "campaignGroup": format!("urn:li:sponsoredCampaignGroup:{group}"),
        "name": format!("Campaign {id}"),
        "status": status,
        "type": kind,
        "costType": cost_type,
        "unitCost": {"amount": table::money(unit_cents), "currencyCode": "USD"},
        "dailyBudget": {"amount": table::money(daily_cents), "currencyCode": "USD"},
        "runSchedule": {"start": 1_672_531_200_000_u64},
        "locale": {"country": "US", "language": "en"},
        "objectiveType": "WEBSITE_VISIT",
        "format": "STANDARD_UPDATE",
        "offsiteDeliveryEnabled": false,
        "audienceExpansionEnabled": false,
        "creativeSelection": "OPTIMIZED",
        "pacingStrategy": "LIFETIME",
        "politicalIntent": "NOT_DECLARED",
        "test": false,
        "servingStatuses": [if status == "ACTIVE" { "RUNNABLE" } else { "CAMPAIGN_STATUS_NOT_RUNNABLE" }],
        "targetingCriteria": {"include": {"and": [{"or": {"urn:li:adTargetingFacet:locations": ["urn:li:geo:103644278"]}}]}}
    })
}

/// A creative as "Creatives" documents its fields.
fn creative(seed: u64, id: u64, campaign: u64, account: u64) -> Value {
    let status = pick(
        seed,
        &[id, 6],
        &["ACTIVE", "ACTIVE", "ACTIVE", "PAUSED", "DRAFT", "ARCHIVED"],
    );
    json!({
        "id": format!("urn:li:sponsoredCreative:{id}"),
        "account": format!("urn:li:sponsoredAccount:{account}"),
        "campaign": format!("urn:li:sponsoredCampaign:{campaign}"),
        "name": format!("Creative {id}"),
        "intendedStatus": status,
        "isServing": status == "ACTIVE",
        "isTest": false,
        "content": {"reference": format!("urn:li:share:{}", 900_000 + id)},
        "createdAt": 1_672_531_200_000_u64,
        "lastModifiedAt": 1_672_531_200_000_u64,
        "createdBy": "urn:li:person:sAnDb0x1d",
        "lastModifiedBy": "urn:li:person:sAnDb0x1d"
    })
}

/// Adds the configured campaigns and creatives to a store seeded by
/// `seed.rs`.
pub(crate) fn seed(store: &mut Store, config: &AdsConfig) {
    let mut next_creative = FIRST_CREATIVE;
    for n in 0..config.campaigns.min(MAX_CAMPAIGNS) {
        let Some(&(group, account)) = GROUPS.get(n % GROUPS.len()) else {
            continue;
        };
        let id = FIRST_CAMPAIGN + u64::try_from(n).unwrap_or(0);
        if let Ok(key) = Key::from_value(Value::String(id.to_string())) {
            store
                .collection(&format!("adAccounts/{account}/adCampaigns"))
                .put(key, campaign(config.seed, id, group, account));
        }
        let creatives = 1 + table::hash(config.seed, &[id, 7]) % 2;
        for _ in 0..creatives {
            let urn = format!("urn:li:sponsoredCreative:{next_creative}");
            if let Ok(key) = Key::from_value(Value::String(urn)) {
                store
                    .collection(&format!("adAccounts/{account}/creatives"))
                    .put(key, creative(config.seed, next_creative, id, account));
            }
            next_creative += 1;
        }
    }
}
