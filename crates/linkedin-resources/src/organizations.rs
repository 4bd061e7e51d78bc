//! Organizations (company pages): lookup by id and by vanity name, the
//! member's roles on them, and their follower count.
//!
//! LinkedIn's pages:
//! - "Organization Lookup API"
//!   (<https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-lookup-api>):
//!   `GET /rest/organizations/{id}`, `GET /rest/organizations?q=vanityName&vanityName={name}`;
//! - "Organization Access Control by Role"
//!   (<https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-access-control-by-role>):
//!   `GET /rest/organizationAcls?q=roleAssignee&role={role}&state={state}`, paged;
//! - "Organization Followers"/"Network Sizes"
//!   (<https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/follower-statistics>):
//!   `GET /rest/networkSizes/{organization URN}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`,
//!   answered by `{"firstDegreeSize": n}`.
//!
//! ```
//! use linkedin::resources::organizations::{self, OrganizationRole, RoleState};
//! use linkedin::restli::{LinkedInVersion, RequestConfig};
//!
//! let config = RequestConfig::new().with_version(LinkedInVersion::new("202510")?);
//! let mine = organizations::my_roles().state(RoleState::Approved);
//! assert_eq!(
//!     mine.to_http(&config, None)?.uri().query(),
//!     Some("q=roleAssignee&state=APPROVED")
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::wire_enum::wire_enum;

use restli_codec::response::{CollectionResponse, EntityResponse};
use restli_codec::{Finder, Get, Request, Urn};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::request_types::request_type;
use crate::urns::OrganizationUrn;

/// The longest vanity name taken, in characters.
pub const MAX_VANITY_NAME_CHARS: usize = 100;

/// Why an organization request cannot be built.
///
/// ```
/// use linkedin::resources::organizations::{self, OrganizationError};
///
/// assert_eq!(organizations::find_by_vanity_name("").unwrap_err(), OrganizationError::InvalidVanityName);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OrganizationError {
    /// The vanity name is empty, longer than [`MAX_VANITY_NAME_CHARS`],
    /// or holds white space or control characters.
    #[error(
        "the vanity name must be 1 to {MAX_VANITY_NAME_CHARS} characters without spaces (the part after linkedin.com/company/)"
    )]
    InvalidVanityName,
}

wire_enum! {
    /// A member's role on an organization, as the "Organization Access
    /// Control by Role" page lists them (plus any new one, kept).
    ///
    /// ```
    /// use linkedin::resources::organizations::OrganizationRole;
    ///
    /// let role: OrganizationRole = serde_json::from_str(r#""RECRUITING_POSTER""#)?;
    /// assert_eq!(role, OrganizationRole::RecruitingPoster);
    /// assert!(role.may_post());
    /// assert!(!OrganizationRole::Analyst.may_post());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    OrganizationRole in "linkedin_resources::organizations" {
        /// `ADMINISTRATOR`: manages the page.
        Administrator = "ADMINISTRATOR",
        /// `DIRECT_SPONSORED_CONTENT_POSTER`: posts sponsored content.
        DirectSponsoredContentPoster = "DIRECT_SPONSORED_CONTENT_POSTER",
        /// `RECRUITING_POSTER`: posts jobs.
        RecruitingPoster = "RECRUITING_POSTER",
        /// `LEAD_CAPTURE_ADMINISTRATOR`: manages lead capture.
        LeadCaptureAdministrator = "LEAD_CAPTURE_ADMINISTRATOR",
        /// `LEAD_GEN_FORMS_MANAGER`: manages lead gen forms.
        LeadGenFormsManager = "LEAD_GEN_FORMS_MANAGER",
        /// `ANALYST`: reads the page's analytics.
        Analyst = "ANALYST",
        /// `CURATOR`: curates content suggestions.
        Curator = "CURATOR",
        /// `CONTENT_ADMINISTRATOR`: manages the page's content.
        ContentAdministrator = "CONTENT_ADMINISTRATOR",    }
    example = Administrator
}

impl OrganizationRole {
    /// Whether the role lets the member post, comment and react for the
    /// organization: the roles the `w_organization_social` permission is
    /// restricted to (ADMINISTRATOR, DIRECT_SPONSORED_CONTENT_POSTER,
    /// RECRUITING_POSTER, as the Posts, Comments and Reactions pages list
    /// them). `CONTENT_ADMINISTRATOR`, named by later versions of the
    /// roles page, is not in those lists; the pages are ambiguous, so it
    /// counts too (the safe reading: LinkedIn's answer to a post decides).
    ///
    /// ```
    /// use linkedin::resources::organizations::OrganizationRole;
    /// assert!(OrganizationRole::Administrator.may_post());
    /// assert!(!OrganizationRole::Unknown("NEW".into()).may_post());
    /// ```
    pub fn may_post(&self) -> bool {
        matches!(
            self,
            OrganizationRole::Administrator
                | OrganizationRole::DirectSponsoredContentPoster
                | OrganizationRole::RecruitingPoster
                | OrganizationRole::ContentAdministrator
        )
    }
}

wire_enum! {
    /// The state of a role assignment.
    ///
    /// ```
    /// use linkedin::resources::organizations::RoleState;
    /// assert_eq!(serde_json::to_string(&RoleState::Approved)?, r#""APPROVED""#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    RoleState in "linkedin_resources::organizations" {
        /// `APPROVED`: the role is in force.
        Approved = "APPROVED",
        /// `REQUESTED`: asked for, not yet granted.
        Requested = "REQUESTED",
        /// `REJECTED`: refused.
        Rejected = "REJECTED",
        /// `REVOKED`: taken away.
        Revoked = "REVOKED",    }
    example = Approved
}

request_type!(
    /// GET one organization (built by [`get`]), answered by
    /// `EntityResponse<Organization>`.
    GetOrganization(Get) => EntityResponse<Organization>,
    example = "linkedin::resources::organizations::get(&\"urn:li:organization:2414183\".parse()?)"
);

request_type!(
    /// The `vanityName` FINDER (built by [`find_by_vanity_name`]), answered
    /// by `CollectionResponse<Organization>` (zero or one element).
    FindOrganizationByVanityName(Finder) => CollectionResponse<Organization>,
    example = "linkedin::resources::organizations::find_by_vanity_name(\"linkedin\")?", paged
);

request_type!(
    /// The `roleAssignee` FINDER on `organizationAcls`: the signed-in
    /// member's roles (built by [`my_roles`]), answered by
    /// `CollectionResponse<OrganizationAcl>`, paged.
    FindMyRoles(Finder) => CollectionResponse<OrganizationAcl>,
    example = "linkedin::resources::organizations::my_roles()", paged
);

request_type!(
    /// GET the follower count of an organization (built by
    /// [`follower_count`]), answered by `EntityResponse<NetworkSize>`.
    GetFollowerCount(Get) => EntityResponse<NetworkSize>,
    example = "linkedin::resources::organizations::follower_count(&\"urn:li:organization:2414183\".parse()?)"
);

/// One organization by id: `GET /rest/organizations/{id}`.
///
/// ```
/// use linkedin::resources::organizations;
/// use linkedin::restli::{LinkedInVersion, RequestConfig};
///
/// let config = RequestConfig::new().with_version(LinkedInVersion::new("202510")?);
/// let http = organizations::get(&"urn:li:organization:2414183".parse()?).to_http(&config, None)?;
/// assert_eq!(http.uri().path(), "/rest/organizations/2414183");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn get(organization: &OrganizationUrn) -> GetOrganization {
    GetOrganization {
        inner: Request::get("/rest/organizations/{id}").key("id", organization.id()),
    }
}

/// The organization whose page is `linkedin.com/company/{vanity_name}`:
/// `GET /rest/organizations?q=vanityName&vanityName={vanity_name}`.
///
/// ```
/// use linkedin::resources::organizations;
/// use linkedin::restli::{LinkedInVersion, RequestConfig};
///
/// let config = RequestConfig::new().with_version(LinkedInVersion::new("202510")?);
/// let http = organizations::find_by_vanity_name("linkedin")?.to_http(&config, None)?;
/// assert_eq!(http.uri().query(), Some("q=vanityName&vanityName=linkedin"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`OrganizationError::InvalidVanityName`].
pub fn find_by_vanity_name(
    vanity_name: &str,
) -> Result<FindOrganizationByVanityName, OrganizationError> {
    let chars = vanity_name.chars().count();
    if chars == 0
        || chars > MAX_VANITY_NAME_CHARS
        || vanity_name
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(OrganizationError::InvalidVanityName);
    }
    Ok(FindOrganizationByVanityName {
        inner: Request::finder("/rest/organizations", "vanityName")
            .param("vanityName", vanity_name),
    })
}

/// The signed-in member's roles on organizations: `GET
/// /rest/organizationAcls?q=roleAssignee`, narrowed with
/// [`role`](FindMyRoles::role) and [`state`](FindMyRoles::state); walk
/// every page with the codec's `Pagination`, then ask
/// [`postable_organizations`] which pages the member may post for.
///
/// ```
/// use linkedin::resources::organizations::{self, OrganizationRole};
///
/// let request = organizations::my_roles().role(OrganizationRole::Administrator);
/// assert_eq!(request.into_inner().query().get("role"), Some("ADMINISTRATOR"));
/// ```
pub fn my_roles() -> FindMyRoles {
    FindMyRoles {
        inner: Request::finder("/rest/organizationAcls", "roleAssignee"),
    }
}

impl FindMyRoles {
    /// Only assignments of this role (`role=`).
    ///
    /// ```
    /// use linkedin::resources::organizations::{self, OrganizationRole};
    /// let request = organizations::my_roles().role(OrganizationRole::Analyst);
    /// assert_eq!(request.into_inner().query().get("role"), Some("ANALYST"));
    /// ```
    pub fn role(self, role: OrganizationRole) -> FindMyRoles {
        FindMyRoles {
            inner: self.inner.param("role", &role),
        }
    }

    /// Only assignments in this state (`state=`).
    ///
    /// ```
    /// use linkedin::resources::organizations::{self, RoleState};
    /// let request = organizations::my_roles().state(RoleState::Approved);
    /// assert_eq!(request.into_inner().query().get("state"), Some("APPROVED"));
    /// ```
    pub fn state(self, state: RoleState) -> FindMyRoles {
        FindMyRoles {
            inner: self.inner.param("state", &state),
        }
    }
}

/// The organizations the member may post for, from its role assignments
/// (every page of [`my_roles`]): those with an `APPROVED` role that
/// [`may_post`](OrganizationRole::may_post), each once, in the order met.
///
/// ```
/// use linkedin::resources::organizations::{OrganizationAcl, postable_organizations};
///
/// let acls: Vec<OrganizationAcl> = serde_json::from_str(r#"[
///     {"organization": "urn:li:organization:1", "role": "ANALYST", "state": "APPROVED"},
///     {"organization": "urn:li:organization:2", "role": "ADMINISTRATOR", "state": "APPROVED"},
///     {"organization": "urn:li:organization:3", "role": "ADMINISTRATOR", "state": "REVOKED"}
/// ]"#)?;
/// let pages = postable_organizations(&acls);
/// assert_eq!(pages.len(), 1);
/// assert_eq!(pages[0].id(), "2");
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn postable_organizations<'a>(
    acls: impl IntoIterator<Item = &'a OrganizationAcl>,
) -> Vec<OrganizationUrn> {
    let mut pages: Vec<OrganizationUrn> = Vec::new();
    for acl in acls {
        let allowed = acl.state == Some(RoleState::Approved)
            && acl.role.as_ref().is_some_and(OrganizationRole::may_post);
        if !allowed {
            continue;
        }
        let Some(urn) = acl
            .organization
            .clone()
            .and_then(|urn| OrganizationUrn::try_from(urn).ok())
        else {
            continue;
        };
        if !pages.contains(&urn) {
            pages.push(urn);
        }
    }
    pages
}

/// The number of members following `organization`: `GET
/// /rest/networkSizes/{urn}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`, the URN
/// URL-encoded in the path; read [`NetworkSize::first_degree_size`].
///
/// ```
/// use linkedin::resources::organizations;
/// use linkedin::restli::{LinkedInVersion, RequestConfig};
///
/// let config = RequestConfig::new().with_version(LinkedInVersion::new("202510")?);
/// let http = organizations::follower_count(&"urn:li:organization:2414183".parse()?).to_http(&config, None)?;
/// assert_eq!(http.uri().path(), "/rest/networkSizes/urn%3Ali%3Aorganization%3A2414183");
/// assert_eq!(http.uri().query(), Some("edgeType=COMPANY_FOLLOWED_BY_MEMBER"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn follower_count(organization: &OrganizationUrn) -> GetFollowerCount {
    GetFollowerCount {
        inner: Request::get("/rest/networkSizes/{urn}")
            .key("urn", organization)
            .param("edgeType", "COMPANY_FOLLOWED_BY_MEMBER"),
    }
}

/// One role assignment (an element of `organizationAcls`).
///
/// ```
/// use linkedin::resources::organizations::{OrganizationAcl, OrganizationRole};
///
/// let acl: OrganizationAcl = serde_json::from_str(r#"{"roleAssignee": "urn:li:person:a",
///     "role": "ADMINISTRATOR", "state": "APPROVED", "organization": "urn:li:organization:1"}"#)?;
/// assert_eq!(acl.role, Some(OrganizationRole::Administrator));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationAcl {
    /// The member the role is assigned to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_assignee: Option<Urn>,
    /// The organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<Urn>,
    /// The role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<OrganizationRole>,
    /// Its state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<RoleState>,
    /// Other fields (audit stamps, version tag), kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An organization, as the Organization Lookup API returns it to a member
/// with a role on it (fewer fields otherwise): the documented fields, all
/// optional, unknown ones kept in [`extra`](Self::extra).
///
/// ```
/// use linkedin::resources::organizations::Organization;
///
/// let org: Organization = serde_json::from_str(r#"{"id": 2414183, "vanityName": "linkedin",
///     "localizedName": "LinkedIn", "name": {"localized": {"en_US": "LinkedIn"},
///     "preferredLocale": {"country": "US", "language": "en"}}}"#)?;
/// assert_eq!(org.urn().unwrap().to_string(), "urn:li:organization:2414183");
/// assert_eq!(org.name.unwrap().localized["en_US"], "LinkedIn");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    /// The numeric id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The name in each locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<MultiLocaleString>,
    /// The name in the preferred locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub localized_name: Option<String>,
    /// The page's vanity name (`linkedin.com/company/{vanityName}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vanity_name: Option<String>,
    /// The description in each locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<MultiLocaleString>,
    /// The description in the preferred locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub localized_description: Option<String>,
    /// The website in each locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<MultiLocaleString>,
    /// The website in the preferred locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub localized_website: Option<String>,
    /// The logo (`original`, `cropped` image URNs and crop), as it came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_v2: Option<Value>,
    /// The primary type (`SCHOOL`, `BRAND`, `NONE`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_organization_type: Option<String>,
    /// Status (`ACTIVE`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_status: Option<String>,
    /// Industries, as URNs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industries: Option<Vec<Urn>>,
    /// Locations, as they came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locations: Option<Vec<Value>>,
    /// The staff count range (`SIZE_201_TO_500`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_count_range: Option<String>,
    /// The version tag, for updates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_tag: Option<String>,
    /// Other fields, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Organization {
    /// `urn:li:organization:{id}`, when the id is there.
    ///
    /// ```
    /// let org: linkedin::resources::organizations::Organization = serde_json::from_str("{}")?;
    /// assert!(org.urn().is_none());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn urn(&self) -> Option<OrganizationUrn> {
        self.id.and_then(|id| OrganizationUrn::new(id).ok())
    }
}

/// Rest.li's `MultiLocaleString`: `{"localized": {"en_US": "..."},
/// "preferredLocale": {"country": "US", "language": "en"}}`.
///
/// ```
/// use linkedin::resources::organizations::MultiLocaleString;
///
/// let name: MultiLocaleString = serde_json::from_str(r#"{"localized": {"fr_FR": "Bonjour"}}"#)?;
/// assert_eq!(name.localized["fr_FR"], "Bonjour");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MultiLocaleString {
    /// The text per locale (`en_US`).
    #[serde(default)]
    pub localized: Map<String, Value>,
    /// The preferred locale, as it came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_locale: Option<Value>,
    /// Other fields, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of `networkSizes`: the organization's follower count in
/// `firstDegreeSize`.
///
/// ```
/// use linkedin::resources::organizations::NetworkSize;
///
/// let size: NetworkSize = serde_json::from_str(r#"{"firstDegreeSize": 1234}"#)?;
/// assert_eq!(size.first_degree_size, Some(1234));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkSize {
    /// The number of followers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_degree_size: Option<u64>,
    /// Other fields, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
