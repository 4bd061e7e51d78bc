//! Cursor paging of the ads search finders from `LinkedIn-Version` 202401:
//! <https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/cursor-based-pagination>
//! (`pageSize`, default 100; `pageToken`; `metadata.nextPageToken`, absent on
//! the last page). Index paging (`start`/`count`, `paging.total`) stays for
//! older versions, `/v2` and every other collection.
//!
//! Finder paths: accounts `/rest/adAccounts?q=search`
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-accounts>),
//! campaign groups `/rest/adAccounts/{id}/adCampaignGroups?q=search`
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-campaign-groups>),
//! campaigns `/rest/adAccounts/{id}/adCampaigns?q=search`
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-campaigns>),
//! creatives `/rest/adAccounts/{id}/creatives?q=criteria`
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-creatives>).

mod common;

use common::{Client, json};
use linkedin_sandbox::Sandbox;
use restli_codec::Request;
use serde_json::{Value, json};

/// A sandbox that still serves the versions around 202401 (the default
/// window is a year back from 202612, which LinkedIn would refuse with 426).
async fn old_versions() -> Sandbox {
    Sandbox::builder()
        .version_window(120)
        .start()
        .await
        .unwrap()
}

fn versioned(sandbox: &Sandbox, version: &str) -> Client {
    let mut client = Client::versioned(sandbox);
    client.config = client.config.clone().with_version(version.parse().unwrap());
    client
}

fn ids(page: &Value) -> Vec<u64> {
    page["elements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_u64().unwrap())
        .collect()
}

/// Follows `nextPageToken` to the end (at most 50 pages).
async fn walk(client: &Client, request: restli_codec::Finder) -> (Vec<u64>, usize) {
    let mut all = Vec::new();
    let mut token: Option<String> = None;
    for pages in 1..=50 {
        let mut next = request.clone();
        if let Some(token) = &token {
            next = next.param("pageToken", token);
        }
        let page = json(&client.send(&next).await);
        assert!(page.get("paging").is_none(), "{page}");
        all.extend(ids(&page));
        match page["metadata"].get("nextPageToken") {
            Some(t) => token = Some(t.as_str().unwrap().to_owned()),
            None => return (all, pages),
        }
    }
    panic!("more than 50 pages");
}

#[tokio::test]
async fn ad_account_search_pages_by_cursor_from_202401() {
    let sandbox = old_versions().await;
    let client = versioned(&sandbox, "202401");
    let search = Request::finder("/adAccounts", "search").param("pageSize", &3);
    let first = json(&client.send(&search).await);
    assert_eq!(ids(&first), [500001, 500002, 500003]);
    assert!(first.get("paging").is_none());
    assert!(first["metadata"]["nextPageToken"].is_string());
    let (all, pages) = walk(&client, search.clone()).await;
    assert_eq!(all, [500001, 500002, 500003, 500004]);
    assert_eq!(pages, 2);

    // `start` (and `count`) are ignored: the page comes from the token.
    let ignored = json(&client.send(&search.clone().page(2, 1)).await);
    assert_eq!(ids(&ignored), [500001, 500002, 500003]);

    // The default page size is 100: one page holds the four accounts.
    let all_at_once = json(&client.send(&Request::finder("/adAccounts", "search")).await);
    assert_eq!(ids(&all_at_once).len(), 4);
    assert_eq!(all_at_once["metadata"], json!({}));
}

#[tokio::test]
async fn bad_page_tokens_and_sizes_are_400() {
    let sandbox = old_versions().await;
    let client = versioned(&sandbox, "202406");
    let search = Request::finder("/adAccounts", "search").param("pageSize", &1);
    let first = json(&client.send(&search).await);
    let token = first["metadata"]["nextPageToken"]
        .as_str()
        .unwrap()
        .to_owned();

    for bad in ["garbage", "", &"f".repeat(500)] {
        let response = client.send(&search.clone().param("pageToken", bad)).await;
        assert_eq!(response.status(), 400, "{bad}");
        let body = json(&response);
        assert_eq!(body["status"], 400);
        assert!(body["message"].as_str().unwrap().len() < 400);
    }
    // A token of another search is not this one's.
    let other = Request::finder("/adAccounts", "search")
        .param("search", &json!({"test": true}))
        .param("pageToken", &token);
    assert_eq!(client.send(&other).await.status(), 400);
    // The token does work where it came from.
    let second = client
        .send(&search.clone().param("pageToken", &token))
        .await;
    assert_eq!(second.status(), 200);
    assert_eq!(ids(&json(&second)), [500002]);

    for size in ["0", "-1", "many"] {
        let response = client
            .send(&Request::finder("/adAccounts", "search").param("pageSize", size))
            .await;
        assert_eq!(response.status(), 400, "pageSize={size}");
    }
}

#[tokio::test]
async fn campaign_groups_campaigns_and_creatives_page_by_cursor() {
    let sandbox = old_versions().await;
    for n in 0..5u64 {
        sandbox
            .insert(
                "adAccounts/500001/adCampaigns",
                &(700 + n),
                json!({"name": format!("c{n}")}),
            )
            .unwrap();
        sandbox
            .insert(
                "adAccounts/500001/creatives",
                &(800 + n),
                json!({"intendedStatus": "ACTIVE"}),
            )
            .unwrap();
    }
    let client = versioned(&sandbox, "202505");
    let groups = Request::finder("/adAccounts/{a}/adCampaignGroups", "search")
        .key("a", &500001)
        .param("pageSize", &1);
    let (all, pages) = walk(&client, groups).await;
    assert_eq!(all, [600001, 600002]);
    assert_eq!(pages, 2);

    let campaigns = Request::finder("/adAccounts/{a}/adCampaigns", "search")
        .key("a", &500001)
        .param("pageSize", &2);
    let (all, pages) = walk(&client, campaigns).await;
    assert_eq!(all, [700, 701, 702, 703, 704]);
    assert_eq!(pages, 3);

    let creatives = Request::finder("/adAccounts/{a}/creatives", "criteria")
        .key("a", &500001)
        .param("pageSize", &4);
    let (all, pages) = walk(&client, creatives).await;
    assert_eq!(all, [800, 801, 802, 803, 804]);
    assert_eq!(pages, 2);
}

#[tokio::test]
async fn index_paging_stays_before_202401_on_v2_and_elsewhere() {
    let sandbox = old_versions().await;
    let old = versioned(&sandbox, "202312");
    let page = json(
        &old.send(&Request::finder("/adAccounts", "search").page(1, 2))
            .await,
    );
    assert_eq!(ids(&page), [500002, 500003]);
    assert_eq!(page["paging"]["total"], 4);
    assert!(page.get("metadata").is_none());

    let v2 = Client::unversioned(&sandbox);
    let page = json(
        &v2.send(&Request::finder("/adAccounts", "search").page(0, 1))
            .await,
    );
    assert_eq!(page["paging"]["total"], 4);

    // Another finder of the same collection, and another collection.
    let new = versioned(&sandbox, "202406");
    let page = json(
        &new.send(&Request::finder("/adAccounts", "byReference").page(0, 1))
            .await,
    );
    assert_eq!(page["paging"]["total"], 4);
    let page = json(&new.send(&Request::finder("/adCampaigns", "search")).await);
    assert_eq!(page["paging"]["total"], 0);
}
