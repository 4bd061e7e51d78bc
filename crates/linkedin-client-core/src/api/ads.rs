//! [`Ads`]: ad accounts, campaign groups, campaigns and creatives on either
//! client (get, batch get, create, update, archive or delete, search as
//! items).

use linkedin_resources::ads::{
    AccountId, AdAccount, Campaign, CampaignGroup, Creative, accounts, campaign_groups, campaigns,
    creatives,
};
use linkedin_resources::urns::{AdAccountUrn, CampaignGroupUrn, CampaignUrn, CreativeUrn};
use restli_codec::{BatchGetResponse, CreateResponse, EntityResponse, StatusResponse};

use super::Caller;
use crate::error::Error;

/// Copy and Clone for a handle of only references and copies.
macro_rules! copy_handle {
    ($($name:ident),*) => {$(
        impl<C> Clone for $name<'_, C> {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<C> Copy for $name<'_, C> {}
    )*};
}

copy_handle!(Ads, AdAccounts, CampaignGroups, Campaigns, Creatives);

/// LinkedIn's advertising entities (`client.ads()`): [`accounts`](Self::accounts),
/// and, under an account, [`campaign_groups`](Self::campaign_groups),
/// [`campaigns`](Self::campaigns) and [`creatives`](Self::creatives).
///
/// ```
/// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
/// # let client = linkedin::blocking::Client::builder()
/// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
/// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
/// use linkedin::resources::ads::{AccountId, campaign_groups::Criteria};
///
/// let account = client.ads().accounts().get(AccountId::new(500001))?;
/// assert_eq!(account.id, Some(500001));
/// let groups = client.ads().campaign_groups(AccountId::new(500001)).search(Criteria::new());
/// assert!(groups.count() >= 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Ads<'a, C> {
    caller: &'a C,
}

impl<'a, C: Caller> Ads<'a, C> {
    /// The handle over `caller` (what `client.ads()` makes).
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let ads = linkedin::client_core::api::Ads::new(&client);
    /// assert!(ads.accounts().get(linkedin::resources::ads::AccountId::new(500001)).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(caller: &'a C) -> Self {
        Ads { caller }
    }

    /// Ad accounts.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// use linkedin::resources::ads::accounts::Criteria;
    /// assert!(client.ads().accounts().search(Criteria::new()).count() >= 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn accounts(&self) -> AdAccounts<'a, C> {
        AdAccounts {
            caller: self.caller,
        }
    }

    /// The campaign groups of `account`.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let groups = client.ads().campaign_groups(linkedin::resources::ads::AccountId::new(500001));
    /// assert_eq!(groups.get(600001)?.id, Some(600001));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn campaign_groups(&self, account: AccountId) -> CampaignGroups<'a, C> {
        CampaignGroups {
            caller: self.caller,
            account,
        }
    }

    /// The campaigns of `account`.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// use linkedin::resources::ads::campaigns::Criteria;
    /// let campaigns = client.ads().campaigns(linkedin::resources::ads::AccountId::new(500001));
    /// assert!(campaigns.search(Criteria::new()).all(|c| c.is_ok()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn campaigns(&self, account: AccountId) -> Campaigns<'a, C> {
        Campaigns {
            caller: self.caller,
            account,
        }
    }

    /// The creatives of `account`.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let creatives = client.ads().creatives(linkedin::resources::ads::AccountId::new(500001));
    /// assert!(creatives.list().all(|c| c.is_ok()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn creatives(&self, account: AccountId) -> Creatives<'a, C> {
        Creatives {
            caller: self.caller,
            account,
        }
    }
}

/// Ad accounts (`client.ads().accounts()`): get, batch get, create,
/// update, delete (drafts only, as LinkedIn allows), search.
///
/// ```
/// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
/// # let client = linkedin::blocking::Client::builder()
/// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
/// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
/// use linkedin::resources::ads::{AccountId, AccountType, AdAccount};
///
/// let new = AdAccount::new("Docs", "USD", "urn:li:organization:2414183", AccountType::Business);
/// let urn = client.ads().accounts().create(&new)?;
/// let id = AccountId::parse(urn.as_str())?;
/// let old = client.ads().accounts().get(id)?;
/// let renamed = AdAccount { name: Some("Docs (renamed)".into()), ..old.clone() };
/// client.ads().accounts().update(id, &old, &renamed)?;
/// assert_eq!(client.ads().accounts().get(id)?.name.as_deref(), Some("Docs (renamed)"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct AdAccounts<'a, C> {
    caller: &'a C,
}

impl<'a, C: Caller> AdAccounts<'a, C> {
    /// Gets one account.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let account = client.ads().accounts().get(500001.into())?;
    /// assert!(account.name.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any error of the call.
    pub fn get(&self, account: AccountId) -> C::Answer<'a, AdAccount> {
        self.caller.call(
            Ok(accounts::get(account)),
            |found: EntityResponse<AdAccount>| Ok(found.entity),
        )
    }

    /// Gets several accounts in one call: the answer maps each number to
    /// its account (or its error).
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let both = client.ads().accounts().batch_get([500001.into(), 500002.into()])?;
    /// assert_eq!(both.results.len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for no ids or too many, or any error of the
    /// call.
    pub fn batch_get(
        &self,
        ids: impl IntoIterator<Item = AccountId>,
    ) -> C::Answer<'a, BatchGetResponse<u64, AdAccount>> {
        self.caller
            .call(accounts::batch_get(ids).map_err(Error::from), Ok)
    }

    /// Creates an account (checked first) and gives its URN.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// use linkedin::resources::ads::{AccountType, AdAccount};
    /// let lowercase = AdAccount::new("Docs", "usd", "urn:li:organization:1", AccountType::Business);
    /// assert!(matches!(client.ads().accounts().create(&lowercase), Err(linkedin::Error::Resource(_))));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for an account that cannot be made as given or
    /// an answer without its id, or any error of the call.
    pub fn create(&self, account: &AdAccount) -> C::Answer<'a, AdAccountUrn> {
        self.caller.call(
            accounts::create(account).map_err(Error::from),
            |created: CreateResponse<String, AdAccount>| Ok(accounts::created(&created)?),
        )
    }

    /// Changes an account from `old` to `new` (a patch of what differs).
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let account = client.ads().accounts().get(500001.into())?;
    /// // Nothing changed: refused before sending.
    /// assert!(client.ads().accounts().update(500001.into(), &account, &account).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] when nothing changed or a field is invalid, or
    /// any error of the call.
    pub fn update(
        &self,
        account: AccountId,
        old: &AdAccount,
        new: &AdAccount,
    ) -> C::Answer<'a, ()> {
        self.caller.call(
            accounts::update(account, old, new).map_err(Error::from),
            |_: StatusResponse| Ok(()),
        )
    }

    /// Deletes an account read before, if it is a draft (LinkedIn deletes
    /// only those).
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let active = client.ads().accounts().get(500001.into())?;
    /// assert!(matches!(client.ads().accounts().delete_draft(&active), Err(linkedin::Error::Resource(_))));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for an account that is not a draft or has no
    /// id, or any error of the call.
    pub fn delete_draft(&self, account: &AdAccount) -> C::Answer<'a, ()> {
        self.caller.call(
            accounts::delete_draft(account).map_err(Error::from),
            |_: StatusResponse| Ok(()),
        )
    }

    /// Every account matching `criteria`, all pages (by cursor).
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// use linkedin::resources::ads::accounts::Criteria;
    /// let all: Vec<_> = client.ads().accounts().search(Criteria::new()).collect::<Result<_, _>>()?;
    /// assert!(all.iter().any(|a| a.id == Some(500001)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn search(&self, criteria: accounts::Criteria) -> C::Items<'a, AdAccount> {
        self.caller
            .items(accounts::search(criteria).map_err(Error::from))
    }
}

/// The campaign groups of an account (`client.ads().campaign_groups(id)`):
/// get, batch get, create, update, archive, delete (drafts), search.
///
/// ```
/// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
/// # let client = linkedin::blocking::Client::builder()
/// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
/// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
/// use linkedin::resources::ads::{CampaignGroup, Status};
///
/// let groups = client.ads().campaign_groups(500001.into());
/// let urn = groups.create(&CampaignGroup { name: Some("Q3".into()), status: Some(Status::Draft), ..Default::default() })?;
/// let id: u64 = urn.id().parse()?;
/// groups.archive(id)?;
/// assert_eq!(groups.get(id)?.status, Some(Status::Archived));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct CampaignGroups<'a, C> {
    caller: &'a C,
    account: AccountId,
}

impl<'a, C: Caller> CampaignGroups<'a, C> {
    /// Gets one campaign group.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// assert!(client.ads().campaign_groups(500001.into()).get(600001)?.name.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any error of the call.
    pub fn get(&self, group: u64) -> C::Answer<'a, CampaignGroup> {
        self.caller.call(
            Ok(campaign_groups::get(self.account, group)),
            |found: EntityResponse<CampaignGroup>| Ok(found.entity),
        )
    }

    /// Gets several campaign groups in one call.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let both = client.ads().campaign_groups(500001.into()).batch_get([600001, 600002])?;
    /// assert_eq!(both.results.len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for no ids or too many, or any error of the
    /// call.
    pub fn batch_get(
        &self,
        groups: impl IntoIterator<Item = u64>,
    ) -> C::Answer<'a, BatchGetResponse<u64, CampaignGroup>> {
        self.caller.call(
            campaign_groups::batch_get(self.account, groups).map_err(Error::from),
            Ok,
        )
    }

    /// Creates a campaign group (checked first) and gives its URN.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let unnamed = linkedin::resources::ads::CampaignGroup::default();
    /// assert!(client.ads().campaign_groups(500001.into()).create(&unnamed).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for a group that cannot be made as given or an
    /// answer without its id, or any error of the call.
    pub fn create(&self, group: &CampaignGroup) -> C::Answer<'a, CampaignGroupUrn> {
        self.caller.call(
            campaign_groups::create(self.account, group).map_err(Error::from),
            |created: CreateResponse<String, CampaignGroup>| {
                Ok(campaign_groups::created(&created)?)
            },
        )
    }

    /// Changes a campaign group from `old` to `new`.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let groups = client.ads().campaign_groups(500001.into());
    /// let old = groups.get(600001)?;
    /// let new = linkedin::resources::ads::CampaignGroup { name: Some("Renamed".into()), ..old.clone() };
    /// groups.update(600001, &old, &new)?;
    /// assert_eq!(groups.get(600001)?.name.as_deref(), Some("Renamed"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] when nothing changed or a field is invalid, or
    /// any error of the call.
    pub fn update(
        &self,
        group: u64,
        old: &CampaignGroup,
        new: &CampaignGroup,
    ) -> C::Answer<'a, ()> {
        self.caller.call(
            campaign_groups::update(self.account, group, old, new).map_err(Error::from),
            |_: StatusResponse| Ok(()),
        )
    }

    /// Archives a campaign group.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// client.ads().campaign_groups(500001.into()).archive(600002)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any error of the call.
    pub fn archive(&self, group: u64) -> C::Answer<'a, ()> {
        self.caller.call(
            campaign_groups::archive(self.account, group).map_err(Error::from),
            |_: StatusResponse| Ok(()),
        )
    }

    /// Deletes a campaign group read before, if it is a draft.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// use linkedin::resources::ads::{CampaignGroup, Status};
    /// let groups = client.ads().campaign_groups(500001.into());
    /// let urn = groups.create(&CampaignGroup { name: Some("Draft".into()), status: Some(Status::Draft), ..Default::default() })?;
    /// let draft = groups.get(urn.id().parse()?)?;
    /// groups.delete_draft(&draft)?;
    /// assert!(groups.get(urn.id().parse()?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for a group that is not a draft or has no id, or
    /// any error of the call.
    pub fn delete_draft(&self, group: &CampaignGroup) -> C::Answer<'a, ()> {
        self.caller.call(
            campaign_groups::delete_draft(self.account, group).map_err(Error::from),
            |_: StatusResponse| Ok(()),
        )
    }

    /// Every campaign group of the account matching `criteria`, all pages.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// use linkedin::resources::ads::campaign_groups::Criteria;
    /// let all: Vec<_> = client.ads().campaign_groups(500001.into()).search(Criteria::new()).collect::<Result<_, _>>()?;
    /// assert!(all.iter().any(|g| g.id == Some(600001)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn search(&self, criteria: campaign_groups::Criteria) -> C::Items<'a, CampaignGroup> {
        self.caller
            .items(campaign_groups::search(self.account, criteria).map_err(Error::from))
    }
}

/// The campaigns of an account (`client.ads().campaigns(id)`): get, batch
/// get, create, update, archive, delete (drafts), search.
///
/// ```
/// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
/// # let client = linkedin::blocking::Client::builder()
/// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
/// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
/// use linkedin::resources::ads::campaigns::Criteria;
/// let campaigns = client.ads().campaigns(500001.into());
/// for campaign in campaigns.search(Criteria::new()) {
///     assert!(campaign?.id.is_some());
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Campaigns<'a, C> {
    caller: &'a C,
    account: AccountId,
}

impl<'a, C: Caller> Campaigns<'a, C> {
    /// Gets one campaign.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// assert_eq!(client.ads().campaigns(500001.into()).get(1).unwrap_err().status().map(|s| s.as_u16()), Some(404));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any error of the call.
    pub fn get(&self, campaign: u64) -> C::Answer<'a, Campaign> {
        self.caller.call(
            Ok(campaigns::get(self.account, campaign)),
            |found: EntityResponse<Campaign>| Ok(found.entity),
        )
    }

    /// Gets several campaigns in one call.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// assert!(client.ads().campaigns(500001.into()).batch_get([]).is_err(), "no ids: refused");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for no ids or too many, or any error of the
    /// call.
    pub fn batch_get(
        &self,
        ids: impl IntoIterator<Item = u64>,
    ) -> C::Answer<'a, BatchGetResponse<u64, Campaign>> {
        self.caller.call(
            campaigns::batch_get(self.account, ids).map_err(Error::from),
            Ok,
        )
    }

    /// Creates a campaign (checked first) and gives its URN.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let unnamed = linkedin::resources::ads::Campaign::default();
    /// assert!(client.ads().campaigns(500001.into()).create(&unnamed).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for a campaign that cannot be made as given or
    /// an answer without its id, or any error of the call.
    pub fn create(&self, campaign: &Campaign) -> C::Answer<'a, CampaignUrn> {
        self.caller.call(
            campaigns::create(self.account, campaign).map_err(Error::from),
            |created: CreateResponse<String, Campaign>| Ok(campaigns::created(&created)?),
        )
    }

    /// Changes a campaign from `old` to `new`.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let same = linkedin::resources::ads::Campaign::default();
    /// assert!(client.ads().campaigns(500001.into()).update(1, &same, &same).is_err(), "nothing changed");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] when nothing changed or a field is invalid, or
    /// any error of the call.
    pub fn update(&self, campaign: u64, old: &Campaign, new: &Campaign) -> C::Answer<'a, ()> {
        self.caller.call(
            campaigns::update(self.account, campaign, old, new).map_err(Error::from),
            |_: StatusResponse| Ok(()),
        )
    }

    /// Archives a campaign.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// assert!(client.ads().campaigns(500001.into()).archive(1).is_err(), "no campaign 1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any error of the call.
    pub fn archive(&self, campaign: u64) -> C::Answer<'a, ()> {
        self.caller.call(
            campaigns::archive(self.account, campaign).map_err(Error::from),
            |_: StatusResponse| Ok(()),
        )
    }

    /// Deletes a campaign read before, if it is a draft.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let no_id = linkedin::resources::ads::Campaign::default();
    /// assert!(matches!(client.ads().campaigns(500001.into()).delete_draft(&no_id), Err(linkedin::Error::Resource(_))));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for a campaign that is not a draft or has no id,
    /// or any error of the call.
    pub fn delete_draft(&self, campaign: &Campaign) -> C::Answer<'a, ()> {
        self.caller.call(
            campaigns::delete_draft(self.account, campaign).map_err(Error::from),
            |_: StatusResponse| Ok(()),
        )
    }

    /// Every campaign of the account matching `criteria`, all pages.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// use linkedin::resources::ads::campaigns::Criteria;
    /// let all: Vec<_> = client.ads().campaigns(500001.into()).search(Criteria::new()).collect::<Result<_, _>>()?;
    /// assert!(all.iter().all(|c| c.id.is_some()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn search(&self, criteria: campaigns::Criteria) -> C::Items<'a, Campaign> {
        self.caller
            .items(campaigns::search(self.account, criteria).map_err(Error::from))
    }
}

/// The creatives of an account (`client.ads().creatives(id)`): get, batch
/// get, create, update, archive, delete (drafts), list and search.
///
/// ```
/// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
/// # let client = linkedin::blocking::Client::builder()
/// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
/// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
/// let creatives = client.ads().creatives(500001.into());
/// let all: Vec<_> = creatives.list().collect::<Result<_, _>>()?;
/// assert!(all.iter().all(|c| c.id.is_some()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Creatives<'a, C> {
    caller: &'a C,
    account: AccountId,
}

impl<'a, C: Caller> Creatives<'a, C> {
    /// Gets one creative.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let missing = client.ads().creatives(500001.into()).get(&"urn:li:sponsoredCreative:1".parse()?);
    /// assert_eq!(missing.unwrap_err().status().map(|s| s.as_u16()), Some(404));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any error of the call.
    pub fn get(&self, creative: &CreativeUrn) -> C::Answer<'a, Creative> {
        self.caller.call(
            Ok(creatives::get(self.account, creative)),
            |found: EntityResponse<Creative>| Ok(found.entity),
        )
    }

    /// Gets several creatives in one call.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// assert!(client.ads().creatives(500001.into()).batch_get([]).is_err(), "no ids: refused");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for no ids or too many, or any error of the
    /// call.
    pub fn batch_get(
        &self,
        ids: impl IntoIterator<Item = CreativeUrn>,
    ) -> C::Answer<'a, BatchGetResponse<CreativeUrn, Creative>> {
        self.caller.call(
            creatives::batch_get(self.account, ids).map_err(Error::from),
            Ok,
        )
    }

    /// Creates a creative (checked first) and gives its URN.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let empty = linkedin::resources::ads::Creative::default();
    /// assert!(matches!(client.ads().creatives(500001.into()).create(&empty), Err(linkedin::Error::Resource(_))));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for a creative that cannot be made as given or
    /// an answer without its id, or any error of the call.
    pub fn create(&self, creative: &Creative) -> C::Answer<'a, CreativeUrn> {
        self.caller.call(
            creatives::create(self.account, creative).map_err(Error::from),
            |created: CreateResponse<String, Creative>| Ok(creatives::created(&created)?),
        )
    }

    /// Changes a creative from `old` to `new`.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let same = linkedin::resources::ads::Creative::default();
    /// let urn = "urn:li:sponsoredCreative:1".parse()?;
    /// assert!(client.ads().creatives(500001.into()).update(&urn, &same, &same).is_err(), "nothing changed");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] when nothing changed or a field is invalid, or
    /// any error of the call.
    pub fn update(
        &self,
        creative: &CreativeUrn,
        old: &Creative,
        new: &Creative,
    ) -> C::Answer<'a, ()> {
        self.caller.call(
            creatives::update(self.account, creative, old, new).map_err(Error::from),
            |_: StatusResponse| Ok(()),
        )
    }

    /// Archives a creative.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let urn = "urn:li:sponsoredCreative:1".parse()?;
    /// assert!(client.ads().creatives(500001.into()).archive(&urn).is_err(), "no such creative");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any error of the call.
    pub fn archive(&self, creative: &CreativeUrn) -> C::Answer<'a, ()> {
        self.caller.call(
            creatives::archive(self.account, creative).map_err(Error::from),
            |_: StatusResponse| Ok(()),
        )
    }

    /// Deletes a creative read before, if it is a draft.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// let no_id = linkedin::resources::ads::Creative::default();
    /// assert!(matches!(client.ads().creatives(500001.into()).delete_draft(&no_id), Err(linkedin::Error::Resource(_))));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Resource`] for a creative that is not a draft or has no
    /// id, or any error of the call.
    pub fn delete_draft(&self, creative: &Creative) -> C::Answer<'a, ()> {
        self.caller.call(
            creatives::delete_draft(self.account, creative).map_err(Error::from),
            |_: StatusResponse| Ok(()),
        )
    }

    /// Every creative of the account, all pages.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// assert!(client.ads().creatives(500001.into()).list().all(|c| c.is_ok()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn list(&self) -> C::Items<'a, Creative> {
        self.caller.items(Ok(creatives::search(self.account)))
    }

    /// Every creative a search finds (build it with
    /// [`creatives::search`](linkedin_resources::ads::creatives::search)
    /// and its criteria; its account is the one searched), all pages.
    ///
    /// ```
    /// # let sandbox = linkedin::sandbox::Sandbox::spawn()?;
    /// # let client = linkedin::blocking::Client::builder()
    /// #     .endpoint(linkedin::Endpoint::from_origin(sandbox.origin())?)
    /// #     .version("202606").access_token(linkedin::oauth::AccessToken::new(sandbox.access_token())).build()?;
    /// use linkedin::resources::ads::{IntendedStatus, creatives};
    /// let search = creatives::search(500001.into()).intended_statuses([IntendedStatus::Active])?;
    /// let active: Vec<_> = client.ads().creatives(500001.into()).search(search).collect::<Result<_, _>>()?;
    /// assert!(active.iter().all(|c| c.intended_status == Some(IntendedStatus::Active)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn search(&self, search: creatives::SearchCreatives) -> C::Items<'a, Creative> {
        self.caller.items(Ok(search))
    }
}
