//! The 14 Rest.li methods and how each maps onto HTTP.

use std::fmt;
use std::str::FromStr;

/// A Rest.li method.
///
/// ```
/// use linkedin::restli::Method;
///
/// assert_eq!(Method::BatchPartialUpdate.http_method(), http::Method::POST);
/// assert_eq!(Method::BatchPartialUpdate.as_str(), "batch_partial_update");
/// assert_eq!("finder".parse::<Method>(), Ok(Method::Finder));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// Read one entity by key.
    Get,
    /// Read several entities by key (`ids=List(..)`).
    BatchGet,
    /// Read a whole collection, page by page.
    GetAll,
    /// Search a collection with a named finder (`q=name`).
    Finder,
    /// Run one finder with several criteria at once (`bq=name`).
    BatchFinder,
    /// Create one entity; its id comes back in `X-RestLi-Id`.
    Create,
    /// Create several entities (`{"elements": [..]}`).
    BatchCreate,
    /// Replace one entity.
    Update,
    /// Replace several entities (`{"entities": {key: entity}}`).
    BatchUpdate,
    /// Change some fields of one entity (`{"patch": {"$set": ..}}`).
    PartialUpdate,
    /// Change some fields of several entities.
    BatchPartialUpdate,
    /// Delete one entity.
    Delete,
    /// Delete several entities.
    BatchDelete,
    /// Call a named action (`action=name`, parameters as the JSON body).
    Action,
}

impl Method {
    /// Every method, in the order of the Rest.li documentation.
    ///
    /// ```
    /// assert_eq!(linkedin::restli::Method::ALL.len(), 14);
    /// ```
    pub const ALL: [Method; 14] = [
        Method::Get,
        Method::BatchGet,
        Method::GetAll,
        Method::Finder,
        Method::BatchFinder,
        Method::Create,
        Method::BatchCreate,
        Method::Update,
        Method::BatchUpdate,
        Method::PartialUpdate,
        Method::BatchPartialUpdate,
        Method::Delete,
        Method::BatchDelete,
        Method::Action,
    ];

    /// The value of the `X-RestLi-Method` header.
    ///
    /// ```
    /// assert_eq!(linkedin::restli::Method::GetAll.as_str(), "get_all");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::BatchGet => "batch_get",
            Method::GetAll => "get_all",
            Method::Finder => "finder",
            Method::BatchFinder => "batch_finder",
            Method::Create => "create",
            Method::BatchCreate => "batch_create",
            Method::Update => "update",
            Method::BatchUpdate => "batch_update",
            Method::PartialUpdate => "partial_update",
            Method::BatchPartialUpdate => "batch_partial_update",
            Method::Delete => "delete",
            Method::BatchDelete => "batch_delete",
            Method::Action => "action",
        }
    }

    /// The HTTP verb the method travels with (before any query tunneling).
    ///
    /// ```
    /// use linkedin::restli::Method;
    /// assert_eq!(Method::BatchUpdate.http_method(), http::Method::PUT);
    /// assert_eq!(Method::BatchDelete.http_method(), http::Method::DELETE);
    /// ```
    pub fn http_method(self) -> http::Method {
        match self {
            Method::Get
            | Method::BatchGet
            | Method::GetAll
            | Method::Finder
            | Method::BatchFinder => http::Method::GET,
            Method::Create
            | Method::BatchCreate
            | Method::PartialUpdate
            | Method::BatchPartialUpdate
            | Method::Action => http::Method::POST,
            Method::Update | Method::BatchUpdate => http::Method::PUT,
            Method::Delete | Method::BatchDelete => http::Method::DELETE,
        }
    }

    /// Whether sending the request twice has the same effect as sending it
    /// once, so that it may be retried after a server error or a lost
    /// connection. CREATE, BATCH_CREATE, PARTIAL_UPDATE,
    /// BATCH_PARTIAL_UPDATE and ACTION are not.
    ///
    /// ```
    /// use linkedin::restli::Method;
    /// assert!(Method::Update.is_idempotent());
    /// assert!(!Method::Action.is_idempotent());
    /// ```
    pub fn is_idempotent(self) -> bool {
        !matches!(
            self,
            Method::Create
                | Method::BatchCreate
                | Method::PartialUpdate
                | Method::BatchPartialUpdate
                | Method::Action
        )
    }

    /// Whether the method addresses several entities by `ids`.
    ///
    /// ```
    /// use linkedin::restli::Method;
    /// assert!(Method::BatchDelete.is_batch_by_ids());
    /// assert!(!Method::BatchCreate.is_batch_by_ids());
    /// ```
    pub fn is_batch_by_ids(self) -> bool {
        matches!(
            self,
            Method::BatchGet
                | Method::BatchUpdate
                | Method::BatchPartialUpdate
                | Method::BatchDelete
        )
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not one of the 14 method names.
///
/// ```
/// let err = "fetch".parse::<linkedin::restli::Method>().unwrap_err();
/// assert!(err.to_string().contains("fetch"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown Rest.li method {} (expected one of get, batch_get, get_all, finder, batch_finder, create, batch_create, update, batch_update, partial_update, batch_partial_update, delete, batch_delete, action)",
    crate::excerpt::Excerpt(&self.0)
)]
pub struct UnknownMethod(pub String);

impl FromStr for Method {
    type Err = UnknownMethod;

    /// Parses the `X-RestLi-Method` spelling, ignoring ASCII case and
    /// accepting `-` for `_` (`BATCH_GET`, `batch-get`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let normal = s.trim().to_ascii_lowercase().replace('-', "_");
        Method::ALL
            .into_iter()
            .find(|m| m.as_str() == normal)
            .ok_or_else(|| UnknownMethod(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for m in Method::ALL {
            assert_eq!(m.as_str().parse::<Method>(), Ok(m));
            assert_eq!(m.as_str().to_uppercase().parse::<Method>(), Ok(m));
        }
    }
}
