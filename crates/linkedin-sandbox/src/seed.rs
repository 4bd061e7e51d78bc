//! The data a fresh sandbox starts with (unless built with
//! [`SandboxBuilder::empty`](crate::SandboxBuilder::empty)).
//!
//! * `/v2/me` (a simple resource, also at `/rest/me`): the signed-in member.
//! * `adAccounts` 500001-500004: two organizations' accounts, in
//!   different statuses, one of them a test account. The finder
//!   `q=search&search=(status:(values:List(ACTIVE,DRAFT)),reference:(values:List(urn%3Ali%3Aorganization%3A123)),test:false)`
//!   finds 500001 and 500002.
//! * campaign groups 600001-600003 under the accounts they belong to,
//!   `adAccounts/500001/adCampaignGroups` and `adAccounts/500002/adCampaignGroups`,
//!   where the versioned API serves them
//!   (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-campaign-groups>:
//!   `/rest/adAccounts/{adAccountId}/adCampaignGroups`). The old top-level
//!   `/v2/adCampaignGroups` belongs to the retired unversioned Marketing
//!   APIs and is not seeded; as any collection it still works when used.
//!
//! * organizations 123 (`sandbox-corp`), 456 (`other-org`) and 789
//!   (`sandbox-labs`), the member's roles on them and their follower
//!   counts (see `social/organizations.rs`).
//!
//! The same data is served under `/rest` and `/v2`.

use serde_json::{Value, json};

use crate::store::{Key, Store};

/// The seeded member's id (`urn:li:person:sAnDb0x1d`).
pub(crate) const MEMBER_ID: &str = "sAnDb0x1d";

/// The member `/v2/me` returns.
pub(crate) fn me() -> Value {
    json!({
        "id": MEMBER_ID,
        "localizedFirstName": "Sandra",
        "localizedLastName": "Box",
        "vanityName": "sandra-box"
    })
}

/// The member's OpenID Connect claims (`/v2/userinfo`, Sign In with
/// LinkedIn using OpenID Connect), for the same member as [`me`].
pub(crate) fn userinfo() -> Value {
    json!({
        "sub": MEMBER_ID,
        "name": "Sandra Box",
        "given_name": "Sandra",
        "family_name": "Box",
        "email": "sandra.box@sandbox.example",
        "email_verified": true,
        "locale": {"country": "US", "language": "en"}
    })
}

fn ad_accounts() -> Vec<Value> {
    let account = |id: u64, name: &str, status: &str, kind: &str, org: u64, test: bool| {
        json!({
            "id": id,
            "name": name,
            "status": status,
            "type": kind,
            "currency": "USD",
            "reference": format!("urn:li:organization:{org}"),
            "test": test,
            "servingStatuses": ["RUNNABLE"]
        })
    };
    vec![
        account(500001, "Sandbox Ads", "ACTIVE", "BUSINESS", 123, false),
        account(500002, "Sandbox Drafts", "DRAFT", "BUSINESS", 123, false),
        account(
            500003,
            "Sandbox Test Account",
            "ACTIVE",
            "BUSINESS",
            123,
            true,
        ),
        account(
            500004,
            "Other Org Ads",
            "CANCELED",
            "ENTERPRISE",
            456,
            false,
        ),
    ]
}

/// The groups with the id of the account each belongs to.
fn ad_campaign_groups() -> Vec<(u64, Value)> {
    let group = |id: u64, account: u64, name: &str, status: &str| {
        (
            account,
            json!({
                "id": id,
                "account": format!("urn:li:sponsoredAccount:{account}"),
                "name": name,
                "status": status,
                "test": false,
                "runSchedule": {"start": 1_704_067_200_000_u64},
                "totalBudget": {"amount": "1000.00", "currencyCode": "USD"}
            }),
        )
    };
    vec![
        group(600001, 500001, "Spring launch", "ACTIVE"),
        group(600002, 500001, "Brand awareness", "PAUSED"),
        group(600003, 500002, "Draft group", "DRAFT"),
    ]
}

/// Fills a store with the seed data.
pub(crate) fn seed(store: &mut Store) {
    store.set_singleton("me", me());
    store.set_singleton("userinfo", userinfo());
    crate::social::seed(store);
    let accounts = ad_accounts()
        .into_iter()
        .map(|a| ("adAccounts".to_owned(), a));
    let groups = ad_campaign_groups()
        .into_iter()
        .map(|(account, g)| (format!("adAccounts/{account}/adCampaignGroups"), g));
    for (collection, entity) in accounts.chain(groups) {
        let id = entity.get("id").cloned().unwrap_or(Value::Null);
        if let Ok(key) = Key::from_value(Value::String(id.to_string())) {
            store.collection(&collection).put(key, entity);
        }
    }
}
