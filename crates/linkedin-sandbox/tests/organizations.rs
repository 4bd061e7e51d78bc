//! Organizations, the member's roles and follower counts, on the seeded
//! organizations 123 (`sandbox-corp`), 456 (`other-org`) and 789
//! (`sandbox-labs`).

mod common;

use common::{Client, json};
use linkedin_sandbox::Sandbox;
use restli_codec::Request;

// Organization Lookup API, "Retrieve an Organization" and "Find
// Organization by Vanity Name"
// (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-lookup-api).
#[tokio::test]
async fn organizations_by_id_and_by_vanity_name() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let org = json(
        &client
            .send(&Request::get("/organizations/{id}").key("id", &123))
            .await,
    );
    assert_eq!(org["id"], 123);
    assert_eq!(org["localizedName"], "Sandbox Corp");
    assert_eq!(org["vanityName"], "sandbox-corp");
    assert_eq!(org["name"]["localized"]["en_US"], "Sandbox Corp");
    let missing = client
        .send(&Request::get("/organizations/{id}").key("id", &1))
        .await;
    assert_eq!(missing.status(), 404);

    let found = json(
        &client
            .send(&Request::finder("/organizations", "vanityName").param("vanityName", "other-org"))
            .await,
    );
    assert_eq!(found["elements"].as_array().unwrap().len(), 1);
    assert_eq!(found["elements"][0]["id"], 456);
    let none = json(
        &client
            .send(&Request::finder("/organizations", "vanityName").param("vanityName", "nobody"))
            .await,
    );
    assert_eq!(none["elements"].as_array().unwrap().len(), 0);
}

// Organization Access Control, "Find a Member's Organization Access
// Control Information" (`q=roleAssignee`, optional role and state)
// (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-access-control-by-role).
#[tokio::test]
async fn the_members_roles() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let all = json(
        &client
            .send(&Request::finder("/organizationAcls", "roleAssignee"))
            .await,
    );
    assert_eq!(all["paging"]["total"], 3);
    let first = &all["elements"][0];
    assert_eq!(first["roleAssignee"], "urn:li:person:sAnDb0x1d");
    assert_eq!(first["organization"], "urn:li:organization:123");
    assert_eq!(first["role"], "ADMINISTRATOR");
    assert_eq!(first["state"], "APPROVED");
    let approved = json(
        &client
            .send(&Request::finder("/organizationAcls", "roleAssignee").param("state", "APPROVED"))
            .await,
    );
    let orgs: Vec<&str> = approved["elements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|acl| acl["organization"].as_str().unwrap())
        .collect();
    assert_eq!(orgs, ["urn:li:organization:123", "urn:li:organization:456"]);
    let bad = client
        .send(&Request::finder("/organizationAcls", "roleAssignee").param("role", "OWNER"))
        .await;
    assert_eq!(bad.status(), 400);
}

// Organization Followers, "Retrieve Organization Follower Count"
// (`/networkSizes/{orgUrn}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`)
// (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/follower-statistics).
#[tokio::test]
async fn follower_counts() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let size = |urn: &str, edge: &str| {
        Request::get("/networkSizes/{urn}")
            .key("urn", urn)
            .param("edgeType", edge)
    };
    let answer = client
        .send(&size(
            "urn:li:organization:123",
            "COMPANY_FOLLOWED_BY_MEMBER",
        ))
        .await;
    assert_eq!(answer.status(), 200);
    assert_eq!(json(&answer), serde_json::json!({"firstDegreeSize": 4321}));
    let wrong_edge = client
        .send(&size("urn:li:organization:123", "FRIENDS"))
        .await;
    assert_eq!(wrong_edge.status(), 400);
    let unknown = client
        .send(&size("urn:li:organization:1", "COMPANY_FOLLOWED_BY_MEMBER"))
        .await;
    assert_eq!(unknown.status(), 404);
}

// An empty sandbox has no organizations.
#[tokio::test]
async fn an_empty_sandbox_has_none() {
    let sandbox = Sandbox::builder().empty().start().await.unwrap();
    let client = Client::versioned(&sandbox);
    let org = client
        .send(&Request::get("/organizations/{id}").key("id", &123))
        .await;
    assert_eq!(org.status(), 404);
}
