//! The calls every entity under an ad account shares (campaign groups,
//! campaigns, creatives): the one place their paths and keys are put
//! together, so each module only says which entity and which checks.

use restli_codec::{BatchGet, Create, Delete, Get, PartialUpdate, Patch, Request};
use serde::Serialize;

use super::{AccountId, AdsError, check_list, status_patch};

/// Where one kind of entity lives under an account: its collection's path
/// (with `{account}`) and one entity's (with `{account}` and `{id}`).
pub(crate) struct UnderAccount {
    pub(crate) all: &'static str,
    pub(crate) one: &'static str,
}

impl UnderAccount {
    /// GET of one entity.
    pub(crate) fn get<K: Serialize + ?Sized>(&self, account: AccountId, id: &K) -> Get {
        Request::get(self.one)
            .key("account", &account.get())
            .key("id", id)
    }

    /// BATCH_GET of several (`ids=List(..)`), checked for an empty or too
    /// long list.
    pub(crate) fn batch_get<K: Serialize>(
        &self,
        account: AccountId,
        ids: impl IntoIterator<Item = K>,
    ) -> Result<BatchGet<K>, AdsError> {
        let ids: Vec<K> = ids.into_iter().collect();
        check_list("ids", ids.len())?;
        Ok(Request::batch_get(self.all, ids).key("account", &account.get()))
    }

    /// CREATE of one entity in the account.
    pub(crate) fn create<T: Serialize + ?Sized>(&self, account: AccountId, body: &T) -> Create {
        Request::create(self.all, body).key("account", &account.get())
    }

    /// PARTIAL_UPDATE of one entity by a patch.
    pub(crate) fn update<K: Serialize + ?Sized>(
        &self,
        account: AccountId,
        id: &K,
        patch: &Patch,
    ) -> PartialUpdate {
        Request::partial_update(self.one, patch)
            .key("account", &account.get())
            .key("id", id)
    }

    /// PARTIAL_UPDATE setting one status field (archiving).
    pub(crate) fn set_status<K: Serialize + ?Sized>(
        &self,
        account: AccountId,
        id: &K,
        field: &str,
        status: &str,
    ) -> Result<PartialUpdate, AdsError> {
        let patch = status_patch(field, status)?;
        Ok(self.update(account, id, &patch))
    }

    /// DELETE of one entity.
    pub(crate) fn delete<K: Serialize + ?Sized>(&self, account: AccountId, id: &K) -> Delete {
        Request::delete(self.one)
            .key("account", &account.get())
            .key("id", id)
    }
}
