//! Which scopes (member permissions) each endpoint needs, checked as
//! LinkedIn documents them, with LinkedIn's 403 answer otherwise:
//! `{"status": 403, "serviceErrorCode": 100, "code": "ACCESS_DENIED",
//! "message": "Not enough permissions to access: GET /me"}`
//! (<https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling>,
//! 403; <https://learn.microsoft.com/en-us/linkedin/shared/authentication/getting-access>).
//!
//! | endpoint | needs |
//! |---|---|
//! | `/v2/userinfo` | `openid`; its claims: `sub` always, `name`, `given_name`, `family_name`, `picture`, `locale` with `profile`, `email`, `email_verified` with `email` ([Sign In with LinkedIn using OpenID Connect](https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2)) |
//! | `/me` | a legacy profile scope: `r_liteprofile`, `r_basicprofile` or `r_fullprofile` ([Profile API](https://learn.microsoft.com/en-us/linkedin/shared/integrations/people/profile-api)); the OpenID scopes are not enough |
//! | `posts`, `ugcPosts`, `shares`, writes | `w_member_social` for a member author (`urn:li:person:..`), `w_organization_social` for an organization (`urn:li:organization:..`, `urn:li:organizationBrand:..`); either when the author is not in the request (deletes) ([Posts API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api)) |
//! | `images`, `documents`, `videos` `initializeUpload`/`finalizeUpload` | the author scopes of the `owner` ([Images API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api), [Videos API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/videos-api)) |
//! | `socialActions/{urn}/comments`, `reactions` | writes: the author scopes of the `actor` (body of a comment, `?actor=` of a reaction or a delete, the key of a reaction); reads `r_member_social` or `r_organization_social` ([Comments API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/comments-api), [Reactions API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/reactions-api)) |
//! | `organizations`, `organizationAcls` | `rw_organization_admin`, `r_organization_admin`, `r_organization_social` or `w_organization_social` ([Organization Lookup API](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-lookup-api), [Organization Access Control](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-access-control-by-role)) |
//! | `networkSizes` | `rw_organization_admin`, `r_organization_admin` or `r_organization_social` ([Organization Followers](https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/follower-statistics)) |
//! | `adAnalytics` | `r_ads_reporting` ([Ads Reporting](https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads-reporting/ads-reporting)) |
//! | `adAccounts` and below, `adCampaignGroups`, `adCampaigns`, `creatives`, `adAccountUsers` | reads `r_ads` or `rw_ads`, writes `rw_ads` ([Ad Accounts](https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-accounts)) |
//!
//! Other resources are not checked. The static access token has every
//! scope in [`ALL_SCOPES`] unless
//! [`SandboxBuilder::access_token_scopes`](crate::SandboxBuilder::access_token_scopes)
//! (or `--scopes`) names others. A 2-legged (client credentials) token
//! issued without a `scope` carries the application's permissions on
//! LinkedIn; the sandbox does not model per-application permissions, so
//! such a token passes every check.

use std::collections::BTreeSet;

use http::StatusCode;
use restli_codec::Method;
use serde_json::Value;

use crate::errors::{ApiError, excerpt};
use crate::lock;
use crate::oauth::OAuthState;
use crate::oauth::grants::{AccessGrant, AuthType};
use crate::restli::Call;

/// Every scope the sandbox knows of: what the static token has by default.
pub(crate) const ALL_SCOPES: &[&str] = &[
    "openid",
    "profile",
    "email",
    "r_liteprofile",
    "r_basicprofile",
    "r_fullprofile",
    "r_emailaddress",
    "w_member_social",
    "r_member_social",
    "w_organization_social",
    "r_organization_social",
    "rw_organization_admin",
    "r_organization_admin",
    "r_ads",
    "rw_ads",
    "r_ads_reporting",
];

const PROFILE_SCOPES: &[&str] = &["r_liteprofile", "r_basicprofile", "r_fullprofile"];
const ADS_READ: &[&str] = &["r_ads", "rw_ads"];
const ADS_WRITE: &[&str] = &["rw_ads"];
const MEMBER_POST: &[&str] = &["w_member_social"];
const ORGANIZATION_POST: &[&str] = &["w_organization_social"];
const ANY_POST: &[&str] = &["w_member_social", "w_organization_social"];

/// Reading comments and reactions.
const SOCIAL_READ: &[&str] = &["r_member_social", "r_organization_social"];
/// Organization lookup and the member's roles.
const ORGANIZATION_READ: &[&str] = &[
    "rw_organization_admin",
    "r_organization_admin",
    "r_organization_social",
    "w_organization_social",
];
/// Follower counts.
const FOLLOWERS_READ: &[&str] = &[
    "rw_organization_admin",
    "r_organization_admin",
    "r_organization_social",
];
const MEDIA_RESOURCES: &[&str] = &["images", "documents", "videos"];

const ADS_RESOURCES: &[&str] = &[
    "adAccounts",
    "adCampaignGroups",
    "adCampaigns",
    "creatives",
    "adAccountUsers",
];
const POST_RESOURCES: &[&str] = &["posts", "ugcPosts", "shares"];

/// `/v2/userinfo` claims and the scope each needs (`sub` needs none).
const PROFILE_CLAIMS: &[&str] = &["name", "given_name", "family_name", "picture", "locale"];
const EMAIL_CLAIMS: &[&str] = &["email", "email_verified"];

/// Who calls the API: what the auth layer learned from the token, kept in
/// the request's extensions for the layers and handlers after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Caller {
    pub(crate) client_id: String,
    pub(crate) auth_type: AuthType,
    /// `None`: every scope (see the module documentation).
    scopes: Option<BTreeSet<String>>,
}

impl Caller {
    pub(crate) fn from_grant(grant: &AccessGrant) -> Self {
        let unrestricted = grant.auth_type == AuthType::TwoLegged && grant.scope.is_empty();
        Caller {
            client_id: grant.client_id.clone(),
            auth_type: grant.auth_type,
            scopes: (!unrestricted).then(|| grant.scope.iter().cloned().collect()),
        }
    }

    pub(crate) fn has(&self, scope: &str) -> bool {
        self.scopes.as_ref().is_none_or(|s| s.contains(scope))
    }

    fn has_any(&self, scopes: &[&str]) -> bool {
        scopes.iter().any(|s| self.has(s))
    }
}

/// Gives the static token `scopes` (every scope in [`ALL_SCOPES`] when
/// `None`), keeping the rest of its grant.
pub(crate) fn grant_static(oauth: &OAuthState, token: &str, scopes: Option<&[String]>) {
    let mut grants = lock(&oauth.grants);
    let Some(mut grant) = grants.access_grant(token).cloned() else {
        return;
    };
    grant.scope = match scopes {
        Some(scopes) => scopes.to_vec(),
        None => ALL_SCOPES.iter().map(|s| (*s).to_owned()).collect(),
    };
    grants.insert_static(token.to_owned(), grant);
}

fn is_write(method: Method) -> bool {
    !matches!(
        method,
        Method::Get | Method::BatchGet | Method::GetAll | Method::Finder | Method::BatchFinder
    )
}

/// The scopes one post author needs.
fn post_author_scopes(author: Option<&Value>) -> &'static [&'static str] {
    match author.and_then(Value::as_str) {
        Some(urn) if urn.starts_with("urn:li:person:") => MEMBER_POST,
        Some(urn)
            if urn.starts_with("urn:li:organization:")
                || urn.starts_with("urn:li:organizationBrand:") =>
        {
            ORGANIZATION_POST
        }
        _ => ANY_POST,
    }
}

/// The authors named by a post write: `author` (Posts, UGC Posts) or
/// `owner` (Shares) of the entity, entities or patch in the body.
fn post_authors(call: &Call) -> Vec<Option<&Value>> {
    fn author(entity: &Value) -> Option<&Value> {
        let entity = entity
            .get("patch")
            .and_then(|p| p.get("$set"))
            .unwrap_or(entity);
        entity.get("author").or_else(|| entity.get("owner"))
    }
    let body = call.body.as_ref();
    let many = |field: &str| -> Vec<Option<&Value>> {
        match body.and_then(|b| b.get(field)) {
            Some(Value::Array(items)) => items.iter().map(author).collect(),
            Some(Value::Object(map)) => map.values().map(author).collect(),
            _ => vec![None],
        }
    };
    match call.method {
        Method::Create | Method::Update | Method::PartialUpdate => vec![body.and_then(author)],
        Method::BatchCreate => many("elements"),
        Method::BatchUpdate | Method::BatchPartialUpdate => many("entities"),
        _ => vec![None],
    }
}

/// The scope sets a call needs, each satisfied by any one of its scopes.
fn required(call: &Call) -> Vec<&'static [&'static str]> {
    let resource = call.collection.split('/').next().unwrap_or_default();
    match resource {
        "me" => vec![PROFILE_SCOPES],
        "userinfo" => vec![&["openid"]],
        "adAnalytics" => vec![&["r_ads_reporting"]],
        r if ADS_RESOURCES.contains(&r) => {
            vec![if is_write(call.method) {
                ADS_WRITE
            } else {
                ADS_READ
            }]
        }
        r if POST_RESOURCES.contains(&r) && is_write(call.method) => post_authors(call)
            .into_iter()
            .map(post_author_scopes)
            .collect(),
        r if MEDIA_RESOURCES.contains(&r) && call.method == Method::Action => {
            let owner = call
                .body
                .as_ref()
                .and_then(|b| b.get("initializeUploadRequest"))
                .and_then(|r| r.get("owner"));
            vec![post_author_scopes(owner)]
        }
        "socialActions" | "reactions" if !is_write(call.method) => vec![SOCIAL_READ],
        "socialActions" => {
            let actor = match call.method {
                Method::Create => call.body.as_ref().and_then(|b| b.get("actor")),
                _ => call.params.get("actor"),
            };
            vec![post_author_scopes(actor)]
        }
        "reactions" => {
            let actor = match call.method {
                Method::Create => call.params.get("actor"),
                _ => call.key.as_ref().and_then(|k| k.value.get("actor")),
            };
            vec![post_author_scopes(actor)]
        }
        "organizations" | "organizationAcls" => vec![ORGANIZATION_READ],
        "networkSizes" => vec![FOLLOWERS_READ],
        _ => Vec::new(),
    }
}

/// LinkedIn's 403 for a token without the endpoint's scope.
fn access_denied(call: &Call, prefix: &str) -> ApiError {
    let path = call.path.strip_prefix(prefix).unwrap_or(&call.path);
    ApiError::new(
        StatusCode::FORBIDDEN,
        "ACCESS_DENIED",
        format!(
            "Not enough permissions to access: {} {}",
            call.method.http_method(),
            excerpt(path).trim_matches('"')
        ),
    )
    .with_service_code(100)
}

/// Whether `caller` may make `call` (under `prefix`).
///
/// # Errors
///
/// LinkedIn's 403 `ACCESS_DENIED` (`serviceErrorCode` 100).
pub(crate) fn check(caller: &Caller, prefix: &str, call: &Call) -> Result<(), ApiError> {
    if required(call).iter().all(|any| caller.has_any(any)) {
        Ok(())
    } else {
        Err(access_denied(call, prefix))
    }
}

/// The `/v2/userinfo` claims the caller's scopes allow.
pub(crate) fn userinfo_claims(caller: &Caller, mut claims: Value) -> Value {
    if let Value::Object(map) = &mut claims {
        let (profile, email) = (caller.has("profile"), caller.has("email"));
        map.retain(|name, _| {
            (!PROFILE_CLAIMS.contains(&name.as_str()) || profile)
                && (!EMAIL_CLAIMS.contains(&name.as_str()) || email)
        });
    }
    claims
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn caller(scopes: &[&str]) -> Caller {
        Caller {
            client_id: "c".into(),
            auth_type: AuthType::ThreeLegged,
            scopes: Some(scopes.iter().map(|s| (*s).to_owned()).collect()),
        }
    }

    fn call(method: Method, collection: &str, body: Option<Value>) -> Call {
        Call {
            method,
            collection: collection.into(),
            key: None,
            params: Default::default(),
            body,
            path: format!("/rest/{collection}"),
            version: Some(202606),
        }
    }

    #[test]
    fn endpoints_need_their_documented_scopes() {
        let me = call(Method::Get, "me", None);
        assert!(check(&caller(&["r_liteprofile"]), "/rest", &me).is_ok());
        let denied = check(&caller(&["openid", "profile", "email"]), "/rest", &me).unwrap_err();
        assert_eq!(denied.status, 403);
        assert_eq!(denied.message, "Not enough permissions to access: GET /me");
        assert_eq!(denied.service_error_code, Some(100));

        let read = call(Method::Finder, "adAccounts", None);
        let write = call(
            Method::Create,
            "adAccounts/1/adCampaignGroups",
            Some(json!({})),
        );
        assert!(check(&caller(&["r_ads"]), "/rest", &read).is_ok());
        assert!(check(&caller(&["r_ads"]), "/rest", &write).is_err());
        assert!(check(&caller(&["rw_ads"]), "/rest", &write).is_ok());
        assert!(check(&caller(&[]), "/rest", &call(Method::Get, "other", None)).is_ok());
    }

    #[test]
    fn posts_need_the_authors_scope() {
        let by_member = call(
            Method::Create,
            "posts",
            Some(json!({"author": "urn:li:person:x"})),
        );
        let by_org = call(
            Method::Create,
            "posts",
            Some(json!({"author": "urn:li:organization:1"})),
        );
        let member = caller(&["w_member_social"]);
        let org = caller(&["w_organization_social"]);
        assert!(check(&member, "/rest", &by_member).is_ok());
        assert!(check(&member, "/rest", &by_org).is_err());
        assert!(check(&org, "/rest", &by_org).is_ok());
        assert!(check(&org, "/rest", &by_member).is_err());
        let both = call(
            Method::BatchCreate,
            "posts",
            Some(
                json!({"elements": [{"author": "urn:li:person:x"}, {"author": "urn:li:organization:1"}]}),
            ),
        );
        assert!(check(&member, "/rest", &both).is_err());
        assert!(
            check(
                &caller(&["w_member_social", "w_organization_social"]),
                "/rest",
                &both
            )
            .is_ok()
        );
        let delete = call(Method::Delete, "posts", None);
        assert!(check(&org, "/rest", &delete).is_ok());
        assert!(check(&caller(&["r_ads"]), "/rest", &delete).is_err());
        // Reads are not checked.
        assert!(check(&caller(&[]), "/rest", &call(Method::Get, "posts", None)).is_ok());
    }

    #[test]
    fn userinfo_claims_follow_the_scopes() {
        let claims = json!({"sub": "s", "name": "N", "given_name": "G", "email": "e", "email_verified": true});
        assert_eq!(
            userinfo_claims(&caller(&["openid"]), claims.clone()),
            json!({"sub": "s"})
        );
        assert_eq!(
            userinfo_claims(&caller(&["openid", "profile"]), claims.clone()),
            json!({"sub": "s", "name": "N", "given_name": "G"})
        );
        assert_eq!(
            userinfo_claims(&caller(&["openid", "email"]), claims.clone()),
            json!({"sub": "s", "email": "e", "email_verified": true})
        );
    }

    #[test]
    fn two_legged_tokens_without_scope_pass() {
        let grant = AccessGrant {
            client_id: "c".into(),
            scope: vec![],
            auth_type: AuthType::TwoLegged,
            authorized_at: std::time::SystemTime::UNIX_EPOCH,
            created_at: std::time::SystemTime::UNIX_EPOCH,
            expires_at: None,
        };
        assert!(Caller::from_grant(&grant).has("rw_ads"));
        let member = AccessGrant {
            auth_type: AuthType::ThreeLegged,
            ..grant
        };
        assert!(!Caller::from_grant(&member).has("rw_ads"));
    }
}
