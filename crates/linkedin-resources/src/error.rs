//! [`ResourceError`]: any error of the typed APIs, in one type, so a client
//! has one variant for "the typed call could not be made or its answer could
//! not be read" and a caller can still match on the exact cause.

use crate::ads::{AdsError, CreatedIdError};
use crate::analytics::{AnalyticsError, PlanError};
use crate::commentary::CommentaryError;
use crate::identity::{IdTokenError, JwksError};
use crate::media::MediaError;
use crate::organizations::OrganizationError;
use crate::posts::{CreatedPostError, PostError};
use crate::social::CommentError;
use crate::urns::TypedUrnError;

/// Any error of this crate's typed APIs: each variant holds one module's
/// error, which says what was wrong and where.
///
/// ```
/// use linkedin::resources::ResourceError;
/// use linkedin::resources::urns::PersonUrn;
///
/// let err: ResourceError = PersonUrn::new("").unwrap_err().into();
/// assert!(matches!(err, ResourceError::Urn(_)));
/// assert!(!err.to_string().is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ResourceError {
    /// A URN of the wrong kind, or not a URN.
    #[error(transparent)]
    Urn(#[from] TypedUrnError),
    /// A commentary that cannot be written as little text.
    #[error(transparent)]
    Commentary(#[from] CommentaryError),
    /// A post that cannot be made as given.
    #[error(transparent)]
    Post(#[from] PostError),
    /// A created post's answer without a post URN.
    #[error(transparent)]
    CreatedPost(#[from] CreatedPostError),
    /// A comment that cannot be made as given.
    #[error(transparent)]
    Comment(#[from] CommentError),
    /// An organization lookup that cannot be made as given.
    #[error(transparent)]
    Organization(#[from] OrganizationError),
    /// An upload that cannot be made, or failed.
    #[error(transparent)]
    Media(#[from] MediaError),
    /// An id_token that does not verify.
    #[error(transparent)]
    IdToken(#[from] IdTokenError),
    /// A key set that cannot be read or used.
    #[error(transparent)]
    Jwks(#[from] JwksError),
    /// An ads request that cannot be made as given.
    #[error(transparent)]
    Ads(#[from] AdsError),
    /// A created ads entity's answer without a usable id.
    #[error(transparent)]
    CreatedId(#[from] CreatedIdError),
    /// A report that cannot be asked for as given.
    #[error(transparent)]
    Analytics(#[from] AnalyticsError),
    /// A report's walk over date windows that cannot go on.
    #[error(transparent)]
    Plan(#[from] PlanError),
}
