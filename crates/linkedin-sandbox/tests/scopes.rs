//! Each endpoint checks the token's scopes as LinkedIn documents them and
//! answers 403 `ACCESS_DENIED` (`serviceErrorCode` 100) otherwise
//! (<https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling>;
//! <https://learn.microsoft.com/en-us/linkedin/shared/authentication/getting-access>).

mod common;

use common::{Client, json, text_post};
use linkedin_sandbox::Sandbox;
use restli_codec::Request;
use serde_json::{Value, json};

async fn with_scopes(scopes: &[&str]) -> Sandbox {
    Sandbox::builder()
        .access_token_scopes(scopes.iter().copied())
        .start()
        .await
        .unwrap()
}

async fn status_and_body(
    client: &Client,
    request: &(impl AsRef<restli_codec::DynamicRequest> + ?Sized),
) -> (u16, Value) {
    let response = client.send(request).await;
    let status = response.status().as_u16();
    (status, json(&response))
}

/// `post` with another author.
fn by(mut post: Value, author: &str) -> Value {
    post["author"] = json!(author);
    post
}

fn assert_denied(status: u16, body: &Value, message: &str) {
    assert_eq!(status, 403, "{body}");
    assert_eq!(
        body,
        &json!({"status": 403, "serviceErrorCode": 100, "code": "ACCESS_DENIED", "message": message})
    );
}

/// The static token has every scope by default, so every endpoint works.
#[tokio::test]
async fn the_static_token_has_every_scope_by_default() {
    let sandbox = Sandbox::start().await.unwrap();
    let v2 = Client::unversioned(&sandbox);
    assert_eq!(v2.send(&Request::get("/me")).await.status(), 200);
    let userinfo = json(&v2.send(&Request::get("/userinfo")).await);
    assert_eq!(userinfo["email"], "sandra.box@sandbox.example");
    let rest = Client::versioned(&sandbox);
    let post = by(text_post("hi"), "urn:li:organization:123");
    assert_eq!(
        rest.send(&Request::create("/posts", &post)).await.status(),
        201
    );
}

/// `/v2/me` needs a legacy profile scope; the OpenID scopes are not enough
/// (<https://learn.microsoft.com/en-us/linkedin/shared/integrations/people/profile-api>).
#[tokio::test]
async fn me_needs_a_legacy_profile_scope() {
    let oidc = with_scopes(&["openid", "profile", "email"]).await;
    let (status, body) = status_and_body(&Client::unversioned(&oidc), &Request::get("/me")).await;
    assert_denied(status, &body, "Not enough permissions to access: GET /me");
    for scope in ["r_liteprofile", "r_basicprofile"] {
        let sandbox = with_scopes(&[scope]).await;
        let client = Client::unversioned(&sandbox);
        assert_eq!(
            client.send(&Request::get("/me")).await.status(),
            200,
            "{scope}"
        );
    }
}

/// `/v2/userinfo` needs `openid`; `profile` and `email` unlock their claims
/// (<https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2>).
#[tokio::test]
async fn userinfo_needs_openid_and_its_claims_follow_the_scopes() {
    let none = with_scopes(&["profile", "email"]).await;
    let (status, body) =
        status_and_body(&Client::unversioned(&none), &Request::get("/userinfo")).await;
    assert_denied(
        status,
        &body,
        "Not enough permissions to access: GET /userinfo",
    );

    let openid = with_scopes(&["openid"]).await;
    let claims = json(
        &Client::unversioned(&openid)
            .send(&Request::get("/userinfo"))
            .await,
    );
    assert_eq!(claims, json!({"sub": "sAnDb0x1d"}));

    let profile = with_scopes(&["openid", "profile"]).await;
    let claims = json(
        &Client::unversioned(&profile)
            .send(&Request::get("/userinfo"))
            .await,
    );
    assert_eq!(claims["given_name"], "Sandra");
    assert!(claims.get("email").is_none(), "{claims}");

    let email = with_scopes(&["openid", "email"]).await;
    let claims = json(
        &Client::unversioned(&email)
            .send(&Request::get("/userinfo"))
            .await,
    );
    assert_eq!(claims["email_verified"], true);
    assert!(claims.get("name").is_none(), "{claims}");
}

/// Posts by a member need `w_member_social`, by an organization
/// `w_organization_social`
/// (<https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api>).
#[tokio::test]
async fn posts_need_the_scope_of_their_author() {
    let by_member = text_post("mine");
    let by_org = by(text_post("ours"), "urn:li:organization:123");

    let member = with_scopes(&["w_member_social"]).await;
    let client = Client::versioned(&member);
    assert_eq!(
        client
            .send(&Request::create("/posts", &by_member))
            .await
            .status(),
        201
    );
    let (status, body) = status_and_body(&client, &Request::create("/posts", &by_org)).await;
    assert_denied(
        status,
        &body,
        "Not enough permissions to access: POST /posts",
    );

    let org = with_scopes(&["w_organization_social"]).await;
    let client = Client::versioned(&org);
    assert_eq!(
        client
            .send(&Request::create("/posts", &by_org))
            .await
            .status(),
        201
    );
    assert_eq!(
        client
            .send(&Request::create("/posts", &by_member))
            .await
            .status(),
        403
    );
    let both = Request::batch_create("/posts", [by_org.clone(), by_member.clone()]);
    assert_eq!(client.send(&both).await.status(), 403);
}

/// Ads resources: reads need `r_ads` or `rw_ads`, writes `rw_ads`
/// (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-accounts>).
#[tokio::test]
async fn ads_resources_need_r_ads_to_read_and_rw_ads_to_write() {
    let read = Request::get("/adAccounts/{id}").key("id", &500001);
    let patch = restli_codec::Patch::set(&json!({"name": "x"})).unwrap();
    let write = Request::partial_update("/adAccounts/{id}", &patch).key("id", &500001);
    let group = Request::get("/adAccounts/500001/adCampaignGroups/{id}").key("id", &600001);

    let reader = with_scopes(&["r_ads"]).await;
    let client = Client::versioned(&reader);
    assert_eq!(client.send(&read).await.status(), 200);
    assert_eq!(client.send(&group).await.status(), 200);
    let (status, body) = status_and_body(&client, &write).await;
    assert_denied(
        status,
        &body,
        "Not enough permissions to access: POST /adAccounts/500001",
    );

    let writer = with_scopes(&["rw_ads"]).await;
    let client = Client::versioned(&writer);
    assert_eq!(client.send(&read).await.status(), 200);
    assert_eq!(client.send(&write).await.status(), 204);

    let neither = with_scopes(&["openid"]).await;
    let client = Client::versioned(&neither);
    assert_eq!(client.send(&read).await.status(), 403);
    assert_eq!(client.send(&group).await.status(), 403);
}

/// Tokens issued through OAuth carry the scopes the member granted.
#[tokio::test]
async fn issued_tokens_are_checked_by_their_granted_scopes() {
    use linkedin_oauth::{AuthorizationCodeFlow, ClientId, RedirectUrl, ThreeLeggedToken};

    let sandbox = Sandbox::start().await.unwrap();
    let flow = AuthorizationCodeFlow::new(
        ClientId::new(sandbox.client_id()),
        RedirectUrl::new("http://127.0.0.1:9/callback").unwrap(),
    )
    .scopes(["openid", "profile"])
    .base_url(linkedin_oauth::BaseUrl::parse(&sandbox.oauth_url()).unwrap());
    let (url, pending) = flow.start().unwrap();
    let authorize = http::Request::get(url.as_str()).body(Vec::new()).unwrap();
    let redirect = common::send(sandbox.addr(), authorize).await.unwrap();
    let location = common::header(&redirect, "location").unwrap().to_owned();
    let config = linkedin_oauth::OAuthConfig::new(
        ClientId::new(sandbox.client_id()),
        linkedin_oauth::ClientSecret::new(sandbox.client_secret()),
    )
    .base_url(linkedin_oauth::BaseUrl::parse(&sandbox.oauth_url()).unwrap());
    let exchange = pending.finish(&location).unwrap();
    let answer = common::send(sandbox.addr(), exchange.token_request(&config))
        .await
        .unwrap();
    let token = ThreeLeggedToken::from_response(&answer, sandbox.now())
        .unwrap()
        .tokens;

    let mut client = Client::unversioned(&sandbox);
    client.token = Some(token.access_token.secret().to_owned());
    assert_eq!(client.send(&Request::get("/userinfo")).await.status(), 200);
    assert_eq!(client.send(&Request::get("/me")).await.status(), 403);
    let ads = Request::get("/adAccounts/{id}").key("id", &500001);
    assert_eq!(client.send(&ads).await.status(), 403);
}

/// Comments and reactions need the actor's write scope, reads
/// `r_member_social` or `r_organization_social`
/// (<https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/comments-api>,
/// <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/reactions-api>);
/// uploads the owner's (<https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api>).
#[tokio::test]
async fn social_actions_and_uploads_need_the_actors_scope() {
    let member = with_scopes(&["w_member_social"]).await;
    let client = Client::versioned(&member);
    let comment = |actor: &str| {
        Request::create(
            "/socialActions/{urn}/comments",
            &json!({"actor": actor, "message": {"text": "hi"}}),
        )
        .key("urn", "urn:li:activity:1")
    };
    assert_eq!(
        client
            .send(&comment("urn:li:person:sAnDb0x1d"))
            .await
            .status(),
        201
    );
    let (status, body) = status_and_body(&client, &comment("urn:li:organization:123")).await;
    assert_eq!(status, 403, "{body}");
    let list = Request::get_all("/socialActions/{urn}/comments").key("urn", "urn:li:activity:1");
    assert_eq!(
        client.send(&list).await.status(),
        403,
        "reading needs r_member_social"
    );
    let react = |actor: &str| {
        Request::create(
            "/reactions",
            &json!({"root": "urn:li:activity:1", "reactionType": "LIKE"}),
        )
        .param("actor", actor)
    };
    assert_eq!(
        client
            .send(&react("urn:li:person:sAnDb0x1d"))
            .await
            .status(),
        201
    );
    assert_eq!(
        client
            .send(&react("urn:li:organization:123"))
            .await
            .status(),
        403
    );
    let upload = |owner: &str| {
        Request::action(
            "/images",
            "initializeUpload",
            &json!({"initializeUploadRequest": {"owner": owner}}),
        )
    };
    assert_eq!(
        client
            .send(&upload("urn:li:person:sAnDb0x1d"))
            .await
            .status(),
        200
    );
    assert_eq!(
        client
            .send(&upload("urn:li:organization:123"))
            .await
            .status(),
        403
    );
}

/// Organization lookup and roles need an organization scope; follower
/// counts an admin scope or `r_organization_social`
/// (<https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-lookup-api>,
/// <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/follower-statistics>).
#[tokio::test]
async fn organizations_need_an_organization_scope() {
    let member = with_scopes(&["w_member_social"]).await;
    let client = Client::versioned(&member);
    let acls = Request::finder("/organizationAcls", "roleAssignee");
    let (status, body) = status_and_body(&client, &acls).await;
    assert_denied(
        status,
        &body,
        "Not enough permissions to access: GET /organizationAcls",
    );
    let admin = with_scopes(&["rw_organization_admin"]).await;
    let client = Client::versioned(&admin);
    assert_eq!(client.send(&acls).await.status(), 200);
    assert_eq!(
        client
            .send(&Request::get("/organizations/{id}").key("id", &123))
            .await
            .status(),
        200
    );
    let followers = Request::get("/networkSizes/{urn}")
        .key("urn", "urn:li:organization:123")
        .param("edgeType", "COMPANY_FOLLOWED_BY_MEMBER");
    assert_eq!(client.send(&followers).await.status(), 200);
    let poster = with_scopes(&["w_organization_social"]).await;
    assert_eq!(
        Client::versioned(&poster).send(&followers).await.status(),
        403
    );
}
