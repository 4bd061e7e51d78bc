//! The synthetic campaigns and creatives of `SandboxBuilder::ads_seed`,
//! served as LinkedIn serves them.
//!
//! Pages: "Campaigns"
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-campaigns>:
//! `/rest/adAccounts/{id}/adCampaigns`, `q=search`), "Creatives"
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-creatives>:
//! `/rest/adAccounts/{id}/creatives`, `q=criteria`, ids
//! `urn:li:sponsoredCreative:..`), "Campaign Groups"
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-campaign-groups>),
//! cursor paging
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/cursor-based-pagination>).

mod common;

use std::collections::BTreeSet;

use common::{Client, json};
use linkedin_sandbox::Sandbox;
use restli_codec::{Finder, Request};
use serde_json::Value;

/// Every element of a cursor-paged search (at most 100 pages).
async fn all(client: &Client, request: Finder) -> Vec<Value> {
    let mut elements = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..100 {
        let mut next = request.clone().param("pageSize", &100);
        if let Some(token) = &token {
            next = next.param("pageToken", token);
        }
        let response = client.send(&next).await;
        let page = json(&response);
        assert_eq!(response.status(), 200, "{page}");
        elements.extend(page["elements"].as_array().unwrap().iter().cloned());
        match page["metadata"]
            .get("nextPageToken")
            .and_then(Value::as_str)
        {
            Some(next) => token = Some(next.to_owned()),
            None => return elements,
        }
    }
    panic!("more than 100 pages");
}

fn campaigns(account: u64) -> Finder {
    Request::finder("/adAccounts/{a}/adCampaigns", "search").key("a", &account)
}

fn creatives(account: u64) -> Finder {
    Request::finder("/adAccounts/{a}/creatives", "criteria").key("a", &account)
}

#[tokio::test]
async fn five_hundred_campaigns_page_by_cursor_with_their_creatives() {
    let sandbox = Sandbox::builder().ads_seed(3, 500).start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let first = all(&client, campaigns(500001)).await;
    let second = all(&client, campaigns(500002)).await;
    // Groups 600001 and 600002 belong to 500001, 600003 to 500002.
    assert_eq!(first.len() + second.len(), 500);
    assert_eq!(second.len(), 166);
    let ids: BTreeSet<u64> = first
        .iter()
        .chain(&second)
        .map(|c| c["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, (700001..=700500).collect());
    let statuses = [
        "ACTIVE",
        "PAUSED",
        "ARCHIVED",
        "COMPLETED",
        "CANCELED",
        "DRAFT",
        "PENDING_DELETION",
        "REMOVED",
    ];
    for campaign in first.iter().chain(&second) {
        assert!(
            statuses.contains(&campaign["status"].as_str().unwrap()),
            "{campaign}"
        );
        for field in [
            "account",
            "campaignGroup",
            "name",
            "type",
            "costType",
            "unitCost",
            "runSchedule",
        ] {
            assert!(campaign.get(field).is_some(), "{field} in {campaign}");
        }
    }
    for campaign in &second {
        assert_eq!(campaign["account"], "urn:li:sponsoredAccount:500002");
        assert_eq!(
            campaign["campaignGroup"],
            "urn:li:sponsoredCampaignGroup:600003"
        );
    }

    let creatives_of_first = all(&client, creatives(500001)).await;
    let campaign_urns: BTreeSet<String> = first
        .iter()
        .map(|c| format!("urn:li:sponsoredCampaign:{}", c["id"]))
        .collect();
    let intended = [
        "ACTIVE",
        "PAUSED",
        "DRAFT",
        "ARCHIVED",
        "CANCELED",
        "PENDING_DELETION",
        "REMOVED",
    ];
    for creative in &creatives_of_first {
        assert!(
            creative["id"]
                .as_str()
                .unwrap()
                .starts_with("urn:li:sponsoredCreative:")
        );
        assert!(
            campaign_urns.contains(creative["campaign"].as_str().unwrap()),
            "{creative}"
        );
        assert!(intended.contains(&creative["intendedStatus"].as_str().unwrap()));
    }
    assert!(creatives_of_first.len() >= first.len());
    assert!(creatives_of_first.len() <= 2 * first.len());

    // The search criteria select among them.
    let active = all(&client, campaigns(500001).param("status", "ACTIVE")).await;
    assert!(!active.is_empty() && active.len() < first.len());
    assert!(active.iter().all(|c| c["status"] == "ACTIVE"));
}

#[tokio::test]
async fn a_creative_is_addressed_by_its_urn() {
    let sandbox = Sandbox::builder().ads_seed(3, 2).start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let get = Request::get("/adAccounts/{a}/creatives/{id}")
        .key("a", &500001)
        .key("id", "urn:li:sponsoredCreative:800001");
    let response = client.send(&get).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        json(&response)["campaign"],
        "urn:li:sponsoredCampaign:700001"
    );
}

#[tokio::test]
async fn the_same_seed_gives_the_same_entities() {
    let mut seen = Vec::new();
    for seed in [9, 9, 10] {
        let sandbox = Sandbox::builder().ads_seed(seed, 30).start().await.unwrap();
        let client = Client::versioned(&sandbox);
        let mut entities = all(&client, campaigns(500001)).await;
        entities.extend(all(&client, creatives(500001)).await);
        seen.push(entities);
    }
    assert_eq!(seen[0], seen[1]);
    assert_ne!(seen[0], seen[2]);
}

#[tokio::test]
async fn without_ads_seed_no_campaigns_are_seeded() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    assert!(all(&client, campaigns(500001)).await.is_empty());
    assert!(all(&client, creatives(500001)).await.is_empty());
}
