//! Organizations and the signed-in member's roles:
//!
//! * `GET /rest/organizations/{id}` and FINDER `q=vanityName&vanityName=..`
//!   ([Organization Lookup API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-lookup-api));
//! * FINDER `/rest/organizationAcls?q=roleAssignee[&role=..][&state=..]`:
//!   the member's roles, `{"roleAssignee", "organization", "role", "state"}`
//!   ([Organization Access Control](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-access-control-by-role));
//! * `GET /rest/networkSizes/{orgUrn}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`:
//!   `{"firstDegreeSize"}`, the follower count
//!   ([Organization Followers](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/follower-statistics)).
//!
//! Seeded (unless the sandbox is built empty): three organizations, the
//! member an approved `ADMINISTRATOR` of 123, an approved
//! `DIRECT_SPONSORED_CONTENT_POSTER` of 456 and a `REQUESTED` `ANALYST` of
//! 789.

use http::StatusCode;
use restli_codec::Method;
use serde_json::{Value, json};

use super::{Answer, json_answer, page};
use crate::errors::{ApiError, excerpt};
use crate::restli::Call;
use crate::store::Store;

/// Organizations, roles and follower counts.
#[derive(Debug, Default)]
pub(super) struct Organizations {
    organizations: Vec<Value>,
    acls: Vec<Value>,
    followers: Vec<(u64, u64)>,
}

/// LinkedIn's organization roles.
const ROLES: &[&str] = &[
    "ADMINISTRATOR",
    "DIRECT_SPONSORED_CONTENT_POSTER",
    "RECRUITING_POSTER",
    "LEAD_GEN_FORMS_MANAGER",
    "ANALYST",
    "CURATOR",
    "CONTENT_ADMINISTRATOR",
];
const STATES: &[&str] = &["APPROVED", "REQUESTED", "REJECTED", "REVOKED"];

/// Fills the seeded organizations, roles and follower counts.
pub(crate) fn seed(store: &mut Store) {
    let organization = |id: u64, name: &str, vanity: &str, website: &str| {
        json!({
            "id": id,
            "localizedName": name,
            "name": {
                "localized": {"en_US": name},
                "preferredLocale": {"country": "US", "language": "en"}
            },
            "vanityName": vanity,
            "localizedWebsite": website,
            "primaryOrganizationType": "NONE",
            "organizationType": "PRIVATELY_HELD",
            "locations": [],
            "$URN": format!("urn:li:organization:{id}")
        })
    };
    let member = super::member_urn();
    let acl = |org: u64, role: &str, state: &str| {
        json!({
            "roleAssignee": member,
            "organization": format!("urn:li:organization:{org}"),
            "role": role,
            "state": state
        })
    };
    let data = &mut store.social.organizations;
    data.organizations = vec![
        organization(
            123,
            "Sandbox Corp",
            "sandbox-corp",
            "https://sandbox.example",
        ),
        organization(456, "Other Org", "other-org", "https://other.example"),
        organization(
            789,
            "Sandbox Labs",
            "sandbox-labs",
            "https://labs.sandbox.example",
        ),
    ];
    data.acls = vec![
        acl(123, "ADMINISTRATOR", "APPROVED"),
        acl(456, "DIRECT_SPONSORED_CONTENT_POSTER", "APPROVED"),
        acl(789, "ANALYST", "REQUESTED"),
    ];
    data.followers = vec![(123, 4321), (456, 987), (789, 12)];
}

pub(super) fn route(store: &mut Store, call: &Call) -> Option<Answer> {
    let data = &store.social.organizations;
    match (call.collection.as_str(), call.method) {
        ("organizations", Method::Get) => Some(data.get(call)),
        ("organizations", Method::Finder) => Some(data.by_vanity_name(call)),
        ("organizationAcls", Method::Finder) => Some(data.acls(call)),
        ("networkSizes", Method::Get) => Some(data.network_size(call)),
        _ => None,
    }
}

fn finder_name<'a>(call: &'a Call, expected: &str) -> Result<&'a str, ApiError> {
    match call.params.text("q")? {
        Some(name) if name == expected => Ok(name),
        Some(other) => Err(ApiError::invalid_input(
            "INVALID_VALUE",
            "q",
            format!("{} has no finder {}", call.collection, excerpt(other)),
        )),
        None => Err(ApiError::bad_request("FINDER needs q=<finder name>")),
    }
}

impl Organizations {
    fn get(&self, call: &Call) -> Answer {
        let id = super::key_text(call)
            .and_then(|id| id.parse::<u64>().ok())
            .ok_or_else(|| ApiError::bad_request("an organization's key is its numeric id"))?;
        self.organizations
            .iter()
            .find(|o| o["id"] == json!(id))
            .map(|o| json_answer(StatusCode::OK, o.clone()))
            .ok_or_else(|| ApiError::not_found(format!("Organization {id} not found")))
    }

    fn by_vanity_name(&self, call: &Call) -> Answer {
        finder_name(call, "vanityName")?;
        let Some(Value::String(vanity)) = call.params.get("vanityName") else {
            return Err(ApiError::invalid_input(
                "REQUIRED_FIELD_MISSING",
                "vanityName",
                "the vanityName finder needs vanityName=<name>",
            ));
        };
        let found = self
            .organizations
            .iter()
            .filter(|o| {
                o["vanityName"]
                    .as_str()
                    .is_some_and(|v| v.eq_ignore_ascii_case(vanity))
            })
            .cloned()
            .collect();
        page(found, call)
    }

    fn acls(&self, call: &Call) -> Answer {
        finder_name(call, "roleAssignee")?;
        let filter = |name: &str, symbols: &[&str]| -> Result<Option<String>, ApiError> {
            match call.params.get(name) {
                None => Ok(None),
                Some(Value::String(v)) if symbols.contains(&v.as_str()) => Ok(Some(v.clone())),
                Some(_) => Err(ApiError::invalid_input(
                    "INVALID_VALUE",
                    name,
                    format!("{name} is one of {}", symbols.join(", ")),
                )),
            }
        };
        let (role, state) = (filter("role", ROLES)?, filter("state", STATES)?);
        let found = self
            .acls
            .iter()
            .filter(|acl| role.as_ref().is_none_or(|r| acl["role"] == json!(r)))
            .filter(|acl| state.as_ref().is_none_or(|s| acl["state"] == json!(s)))
            .cloned()
            .collect();
        page(found, call)
    }

    fn network_size(&self, call: &Call) -> Answer {
        match call.params.get("edgeType").and_then(Value::as_str) {
            Some("COMPANY_FOLLOWED_BY_MEMBER") => {}
            _ => {
                return Err(ApiError::invalid_input(
                    "INVALID_VALUE",
                    "edgeType",
                    "networkSizes needs edgeType=COMPANY_FOLLOWED_BY_MEMBER",
                ));
            }
        }
        let urn = super::key_text(call).unwrap_or_default();
        let id = urn
            .strip_prefix("urn:li:organization:")
            .and_then(|id| id.parse::<u64>().ok())
            .ok_or_else(|| {
                ApiError::bad_request(format!("{} is not an organization URN", excerpt(&urn)))
            })?;
        self.followers
            .iter()
            .find(|(org, _)| *org == id)
            .map(|(_, size)| json_answer(StatusCode::OK, json!({"firstDegreeSize": size})))
            .ok_or_else(|| ApiError::not_found(format!("Organization {id} not found")))
    }
}
