//! Organizations: lookup, vanity name, the member's roles, follower count.
//!
//! LinkedIn's pages: "Organization Lookup API",
//! <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-lookup-api>;
//! "Organization Access Control by Role",
//! <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-access-control-by-role>;
//! "Organization Follower Statistics" (network sizes),
//! <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/follower-statistics>.

mod shared_render;

use linkedin_resources::organizations::{
    self, MAX_VANITY_NAME_CHARS, NetworkSize, Organization, OrganizationAcl, OrganizationError,
    OrganizationRole, RoleState, postable_organizations,
};
use linkedin_resources::urns::OrganizationUrn;
use proptest::prelude::*;
use restli_codec::DynamicRequest;
use restli_codec::paging::Pagination;
use restli_codec::response::{CollectionResponse, EntityResponse};
use serde_json::json;
use shared_render::{TOKEN, render, response, versioned};

fn http(request: impl Into<DynamicRequest>) -> http::Request<Vec<u8>> {
    request.into().to_http(&versioned(), Some(TOKEN)).unwrap()
}

fn linkedin() -> OrganizationUrn {
    "urn:li:organization:2414183".parse().unwrap()
}

// Organization Lookup API: "Retrieve an Organization" and "Find Organization by Vanity Name".
#[test]
fn looking_organizations_up() {
    insta::assert_snapshot!(
        "organization_get",
        render(&http(organizations::get(&linkedin())))
    );
    let by_name = organizations::find_by_vanity_name("linkedin").unwrap();
    insta::assert_snapshot!("organization_vanity_name", render(&http(by_name)));
    // A name with reserved characters is escaped, not sent raw.
    let odd = http(organizations::find_by_vanity_name("a&b=c,d").unwrap());
    assert_eq!(
        odd.uri().query(),
        Some("q=vanityName&vanityName=a%26b%3Dc%2Cd")
    );
}

#[test]
fn bad_vanity_names_are_refused() {
    for name in ["", "two words", "tab\t", "new\nline"] {
        assert_eq!(
            organizations::find_by_vanity_name(name).unwrap_err(),
            OrganizationError::InvalidVanityName,
            "{name:?}"
        );
    }
    let long = "a".repeat(MAX_VANITY_NAME_CHARS + 1);
    assert!(organizations::find_by_vanity_name(&long).is_err());
    assert!(organizations::find_by_vanity_name(&long[1..]).is_ok());
}

#[test]
fn a_documented_organization_is_read_whole() {
    // The lookup page's response, shortened to the fields it shows.
    let body = json!({
        "vanityName": "linkedin",
        "localizedName": "LinkedIn",
        "website": {"localized": {"en_US": "https://www.linkedin.com"}, "preferredLocale": {"country": "US", "language": "en"}},
        "foundedOn": {"year": 2002},
        "versionTag": "3030429536",
        "organizationType": "PUBLIC_COMPANY",
        "defaultLocale": {"country": "US", "language": "en"},
        "staffCountRange": "SIZE_10001_OR_MORE",
        "industries": ["urn:li:industry:6"],
        "name": {"localized": {"en_US": "LinkedIn"}, "preferredLocale": {"country": "US", "language": "en"}},
        "primaryOrganizationType": "NONE",
        "locations": [{"locationType": "HEADQUARTERS", "address": {"country": "US", "city": "Sunnyvale"}}],
        "id": 2414183,
        "localizedWebsite": "https://www.linkedin.com",
        "logoV2": {"cropped": "urn:li:digitalmediaAsset:C4D0BAQ", "original": "urn:li:digitalmediaAsset:C4D0BAQ"}
    });
    let request: DynamicRequest = organizations::get(&linkedin()).into();
    let answer: EntityResponse<Organization> =
        EntityResponse::from_http(response(200, &[], &body.to_string()), request.path()).unwrap();
    let org = answer.entity;
    assert_eq!(org.urn(), Some(linkedin()));
    assert_eq!(org.vanity_name.as_deref(), Some("linkedin"));
    assert_eq!(org.name.as_ref().unwrap().localized["en_US"], "LinkedIn");
    assert_eq!(org.extra["foundedOn"], json!({"year": 2002}));
    assert_eq!(
        serde_json::to_value(&org).unwrap(),
        body,
        "read then written, nothing lost"
    );

    let found = json!({"elements": [body], "paging": {"count": 10, "start": 0, "links": []}});
    let request: DynamicRequest = organizations::find_by_vanity_name("linkedin")
        .unwrap()
        .into();
    let page: CollectionResponse<Organization> =
        CollectionResponse::from_http(response(200, &[], &found.to_string()), request.path())
            .unwrap();
    assert_eq!(page.elements.len(), 1);
}

// Organization Access Control by Role: "Find a Member's Organization Access
// Control Information", q=roleAssignee with optional role and state filters.
#[test]
fn the_members_roles_with_filters_and_every_page() {
    insta::assert_snapshot!("acls_all", render(&http(organizations::my_roles())));
    let filtered = organizations::my_roles()
        .role(OrganizationRole::Administrator)
        .state(RoleState::Approved);
    insta::assert_snapshot!("acls_filtered", render(&http(filtered.clone())));

    let mut pages = Pagination::new(filtered, 1).unwrap();
    let first = pages.next_request().unwrap();
    let body = json!({
        "paging": {"count": 1, "start": 0, "total": 2, "links": []},
        "elements": [{
            "roleAssignee": "urn:li:person:iFVjrpk8Sk",
            "state": "APPROVED",
            "role": "ADMINISTRATOR",
            "organization": "urn:li:organization:2414183"
        }]
    });
    let page: CollectionResponse<OrganizationAcl> =
        CollectionResponse::from_http(response(200, &[], &body.to_string()), first.path()).unwrap();
    assert_eq!(page.elements[0].role, Some(OrganizationRole::Administrator));
    assert_eq!(
        serde_json::to_value(&page.elements[0]).unwrap(),
        body["elements"][0]
    );
    pages.advance(&page).unwrap();
    assert_eq!(
        pages.next_request().unwrap().query().get("start"),
        Some("1")
    );
}

#[test]
fn roles_and_states_read_documented_and_new_values() {
    let documented = [
        ("ADMINISTRATOR", true),
        ("DIRECT_SPONSORED_CONTENT_POSTER", true),
        ("RECRUITING_POSTER", true),
        ("LEAD_CAPTURE_ADMINISTRATOR", false),
        ("LEAD_GEN_FORMS_MANAGER", false),
        ("ANALYST", false),
        ("CURATOR", false),
        ("CONTENT_ADMINISTRATOR", true),
    ];
    assert_eq!(OrganizationRole::ALL.len(), documented.len());
    for (role, (wire, posts)) in OrganizationRole::ALL.iter().zip(documented) {
        assert_eq!(role.as_str(), wire);
        assert_eq!(role.may_post(), posts, "{wire}");
        assert_eq!(
            serde_json::from_value::<OrganizationRole>(json!(wire)).unwrap(),
            *role
        );
    }
    let new: OrganizationRole = serde_json::from_value(json!("PAGE_OWNER")).unwrap();
    assert_eq!(new, OrganizationRole::Unknown("PAGE_OWNER".into()));
    assert!(!new.may_post());
    assert_eq!(serde_json::to_value(&new).unwrap(), json!("PAGE_OWNER"));
    let states: Vec<&str> = RoleState::ALL.iter().map(RoleState::as_str).collect();
    assert_eq!(states, ["APPROVED", "REQUESTED", "REJECTED", "REVOKED"]);
    assert_eq!(
        serde_json::from_value::<RoleState>(json!("PENDING")).unwrap(),
        RoleState::Unknown("PENDING".into())
    );
}

#[test]
fn the_pages_a_member_may_post_for() {
    let acls: Vec<OrganizationAcl> = serde_json::from_value(json!([
        {"organization": "urn:li:organization:1", "role": "ADMINISTRATOR", "state": "APPROVED"},
        {"organization": "urn:li:organization:1", "role": "RECRUITING_POSTER", "state": "APPROVED"},
        {"organization": "urn:li:organization:2", "role": "ANALYST", "state": "APPROVED"},
        {"organization": "urn:li:organization:3", "role": "DIRECT_SPONSORED_CONTENT_POSTER", "state": "REQUESTED"},
        {"organization": "urn:li:organization:4", "role": "DIRECT_SPONSORED_CONTENT_POSTER", "state": "APPROVED"},
        {"organization": "urn:li:organization:5", "role": "ADMINISTRATOR"},
        {"role": "ADMINISTRATOR", "state": "APPROVED"},
        {"organization": "urn:li:organizationBrand:6", "role": "ADMINISTRATOR", "state": "APPROVED"},
        {"organization": "urn:li:organization:7", "role": "SOMETHING_NEW", "state": "APPROVED"}
    ]))
    .unwrap();
    let ids: Vec<String> = postable_organizations(&acls)
        .iter()
        .map(|u| u.id().to_owned())
        .collect();
    assert_eq!(ids, ["1", "4"]);
    assert!(postable_organizations(&[]).is_empty());
}

// Follower statistics: networkSizes with edgeType=COMPANY_FOLLOWED_BY_MEMBER.
#[test]
fn the_follower_count() {
    let request = organizations::follower_count(&linkedin());
    insta::assert_snapshot!("follower_count", render(&http(request.clone())));
    let request: DynamicRequest = request.into();
    let answer: EntityResponse<NetworkSize> = EntityResponse::from_http(
        response(200, &[], r#"{"firstDegreeSize": 1234567}"#),
        request.path(),
    )
    .unwrap();
    assert_eq!(answer.entity.first_degree_size, Some(1_234_567));
}

proptest! {
    /// Any role or state text is read and written back as it came.
    #[test]
    fn roles_and_states_round_trip(text in "[A-Z_]{0,30}|\\PC{0,10}") {
        let role: OrganizationRole = serde_json::from_value(json!(text)).unwrap();
        prop_assert_eq!(serde_json::to_value(&role).unwrap(), json!(text));
        let state: RoleState = serde_json::from_value(json!(text)).unwrap();
        prop_assert_eq!(serde_json::to_value(&state).unwrap(), json!(text));
    }

    /// Any vanity name: a request carrying it exactly (decoded), or refused.
    #[test]
    fn vanity_names_are_sent_exactly_or_refused(name in "\\PC{0,40}") {
        match organizations::find_by_vanity_name(&name) {
            Ok(request) => {
                let http = http(request);
                let query = http.uri().query().unwrap().to_owned();
                let value = query.strip_prefix("q=vanityName&vanityName=").unwrap();
                prop_assert_eq!(restli_codec::from_str::<String>(value).unwrap(), name);
            }
            Err(err) => {
                prop_assert_eq!(err, OrganizationError::InvalidVanityName);
                prop_assert!(name.is_empty() || name.chars().any(char::is_whitespace));
            }
        }
    }

    /// Any organization id: the lookup path and the network-size path hold it.
    #[test]
    fn organization_ids_reach_the_paths(id in 1u64..u64::MAX) {
        let urn = OrganizationUrn::new(id).unwrap();
        prop_assert_eq!(http(organizations::get(&urn)).uri().path().to_owned(), format!("/rest/organizations/{id}"));
        prop_assert_eq!(
            http(organizations::follower_count(&urn)).uri().path().to_owned(),
            format!("/rest/networkSizes/urn%3Ali%3Aorganization%3A{id}")
        );
    }
}
