//! [`Organizations`]: organization lookup, the member's roles and follower
//! counts on either client.

use linkedin_resources::organizations::{self, NetworkSize, Organization, OrganizationAcl};
use linkedin_resources::urns::OrganizationUrn;
use restli_codec::{CollectionResponse, EntityResponse};

use super::Caller;
use crate::error::Error;

/// Organizations (`client.organizations()`): get one by id or by vanity
/// name, the signed-in member's roles (so an app can list the pages it may
/// post for), follower counts.
///
/// ```
/// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
/// # let client = linkedin::blocking::Client::builder()
/// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
/// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
/// use linkedin::resources::organizations::postable_organizations;
///
/// let roles: Vec<_> = client.organizations().my_roles().collect::<Result<_, _>>()?;
/// let pages = postable_organizations(&roles);
/// let page = client.organizations().get(&pages[0])?;
/// assert!(page.vanity_name.is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Organizations<'a, C> {
    caller: &'a C,
}

impl<C> Clone for Organizations<'_, C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C> Copy for Organizations<'_, C> {}

impl<'a, C: Caller> Organizations<'a, C> {
    /// The handle over `caller` (what `client.organizations()` makes).
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let organizations = linkedin::client_core::api::Organizations::new(&client);
    /// assert!(organizations.my_roles().count() > 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(caller: &'a C) -> Self {
        Organizations { caller }
    }

    /// Gets one organization.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let roles: Vec<_> = client.organizations().my_roles().collect::<Result<_, _>>()?;
    /// let page = &linkedin::resources::organizations::postable_organizations(&roles)[0];
    /// let organization = client.organizations().get(page)?;
    /// assert!(organization.urn().is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any error of the call (a 404 for no such organization).
    pub fn get(&self, organization: &OrganizationUrn) -> C::Answer<'a, Organization> {
        self.caller.call(
            Ok(organizations::get(organization)),
            |found: EntityResponse<Organization>| Ok(found.entity),
        )
    }

    /// The organization of a vanity name (the name in its page's URL), if
    /// there is one.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// assert!(client.organizations().find_by_vanity_name("no-such-page-at-all")?.is_none());
    /// assert!(client.organizations().find_by_vanity_name("").is_err(), "refused before sending");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for a name that cannot be one, or any error of
    /// the call.
    pub fn find_by_vanity_name(&self, vanity_name: &str) -> C::Answer<'a, Option<Organization>> {
        self.caller.call(
            organizations::find_by_vanity_name(vanity_name).map_err(Error::from),
            |page: CollectionResponse<Organization>| Ok(page.elements.into_iter().next()),
        )
    }

    /// Every role of the signed-in member on organizations
    /// (`organizationAcls?q=roleAssignee`), all pages; pick the pages it
    /// may post for with
    /// [`postable_organizations`](linkedin_resources::organizations::postable_organizations).
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let roles: Vec<_> = client.organizations().my_roles().collect::<Result<_, _>>()?;
    /// assert!(roles.iter().any(|acl| acl.role.is_some()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn my_roles(&self) -> C::Items<'a, OrganizationAcl> {
        self.caller.items(Ok(organizations::my_roles()))
    }

    /// An organization's follower count (`networkSizes`), when LinkedIn
    /// gives one.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let roles: Vec<_> = client.organizations().my_roles().collect::<Result<_, _>>()?;
    /// let page = &linkedin::resources::organizations::postable_organizations(&roles)[0];
    /// let followers = client.organizations().follower_count(page)?;
    /// assert!(followers.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any error of the call.
    pub fn follower_count(&self, organization: &OrganizationUrn) -> C::Answer<'a, Option<u64>> {
        self.caller.call(
            Ok(organizations::follower_count(organization)),
            |found: EntityResponse<NetworkSize>| Ok(found.entity.first_degree_size),
        )
    }
}
