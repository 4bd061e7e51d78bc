//! Pure, sans-IO typed LinkedIn APIs.
//!
//! Each module describes one LinkedIn API: the requests it takes (as
//! [`restli_codec`] requests) and the models it answers with. Flows of more
//! than one call (media uploads, video processing) are state machines that a
//! transport drives: they say what to send next and read what came back, and
//! never touch a socket or a clock.
//!
//! - [`urns`]: URNs of one kind (a person, an organization, a post, an
//!   image ...), checked when made or read.
//! - [`media`]: the Images, Documents and Videos upload flows.
//! - [`commentary`]: LinkedIn's little text format (a post's commentary):
//!   escaping, mentions and hashtags, and reading it back.
//! - [`posts`]: the Posts API: posts of every kind created, read, found by
//!   author, their commentary changed, deleted.
//! - [`identity`]: Sign In with LinkedIn using OpenID Connect: `userinfo`
//!   and id_token verification (RS256 against a JWKS, time passed in).
//! - [`social`]: comments and reactions on posts and comments.
//! - [`organizations`]: organization lookup, the member's roles (which
//!   pages it may post for), follower counts.
//! - [`ads`]: ad accounts, campaign groups, campaigns and creatives: read,
//!   batch read, created, changed, archived or deleted, searched by cursor.
//! - [`analytics`]: ads reporting (`adAnalytics`): typed reports, metrics,
//!   pivots and rows, and a planner that splits a report into date windows
//!   under LinkedIn's row cap and streams the rows in date order.
//!
//! Every error of these modules converts into [`ResourceError`].
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod ads;
pub mod analytics;
pub mod commentary;
pub mod identity;
pub mod media;
pub mod organizations;
pub mod posts;
pub mod social;
pub mod urns;

mod error;
pub use error::ResourceError;

mod request_types;
mod wire_enum;
