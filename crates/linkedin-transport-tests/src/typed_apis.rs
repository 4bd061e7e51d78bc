//! The typed API handles (`client.posts()`, `client.comments()`, ...,
//! written once in `linkedin-client-core`'s `api` module) driven through
//! each transport's `Caller`: every handle method against the sandbox, and
//! Sign In with LinkedIn end to end (the sandbox's OpenID Connect: code,
//! id_token verified against its JWKS, nonce checked).
//!
//! Pages followed (their shapes are the sandbox's, see its `FIDELITY.md`):
//! - Posts API: <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api>
//! - Comments API: <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/comments-api>
//! - Reactions API: <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/reactions-api>
//! - Organization Access Control: <https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-access-control-by-role>
//! - Sign In with LinkedIn using OpenID Connect: <https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2>
//!
//! The same handles also read the answers those pages show, from
//! `linkedin_test_support::documented` (a double separate from the sandbox).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, SystemTime};

use linkedin_client_core::api::{Ads, Comments, Identity, Organizations, Posts, Reactions};
use linkedin_client_core::{ConfigError, Error};
use linkedin_oauth::{
    AuthorizationCodeFlow, BaseUrl, ClientId, ClientSecret, IdToken, Nonce, OAuthConfig,
    RedirectUrl,
};
use linkedin_resources::ResourceError;
use linkedin_resources::ads::{CampaignGroup, Status, accounts, campaign_groups};
use linkedin_resources::commentary::Commentary;
use linkedin_resources::identity::{IdTokenError, IdTokenVerifier};
use linkedin_resources::organizations::postable_organizations;
use linkedin_resources::posts::NewPost;
use linkedin_resources::social::{ReactionKey, ReactionType};
use linkedin_resources::urns::{Author, PersonUrn, SocialTargetUrn};
use linkedin_sandbox::Sandbox;
use linkedin_test_support::HostileServer;
use linkedin_test_support::documented::{
    self, ADMINISTERED_ORGANIZATION, CREATED_COMMENT, CREATED_POST,
};

use crate::{Setup, Transport, logs};

/// The sandbox's seeded member (the subject of its static token).
const MEMBER: &str = "urn:li:person:sAnDb0x1d";

fn client<T: Transport>(sandbox: &Sandbox) -> T {
    T::build(
        Setup::new(sandbox.origin())
            .version("202606")
            .token(sandbox.access_token()),
    )
    .expect("client")
}

/// Posts, comments and reactions through their handles: a post made,
/// read, found among the author's, edited, commented on, reacted to,
/// deleted; bad input refused before anything is sent.
pub fn posts_comments_and_reactions_live_through_their_handles<T: Transport>() {
    logs::init();
    let sandbox = Sandbox::spawn().expect("a sandbox");
    let client: T = client(&sandbox);
    let caller = client.caller();
    let me: PersonUrn = MEMBER.parse().expect("a person URN");
    let posts = Posts::new(caller);

    let text = Commentary::new()
        .text("Shipping (v2) today: 50% faster_ ")
        .hashtag("rust");
    let urn = client
        .answer(posts.create(&NewPost::new(me.clone(), text)))
        .expect("create");
    let post = client.answer(posts.get(&urn)).expect("get");
    assert_eq!(post.author_urn(), Some(Author::Person(me.clone())));
    assert_eq!(
        post.plain_commentary().as_deref(),
        Some("Shipping (v2) today: 50% faster_ #rust")
    );
    let mine = client.items(posts.list_by_author(me.clone()));
    assert!(
        mine.iter()
            .any(|p| p.as_ref().ok().and_then(|p| p.post_urn()).as_ref() == Some(&urn)),
        "the new post is among the author's: {mine:?}"
    );
    client
        .answer(posts.update_commentary(&urn, &Commentary::new().text("Edited {once}")))
        .expect("update");
    let edited = client.answer(posts.get(&urn)).expect("get");
    assert_eq!(edited.plain_commentary().as_deref(), Some("Edited {once}"));

    let before = sandbox.stats().total();
    let empty = client.answer(posts.update_commentary(&urn, &Commentary::new()));
    assert!(
        matches!(empty, Err(Error::Resource(_))),
        "an empty commentary is refused: {empty:?}"
    );
    assert_eq!(sandbox.stats().total(), before, "nothing was sent");

    let target = SocialTargetUrn::try_from(restli_codec::Urn::from(urn.clone())).expect("a target");
    let actor = Author::Person(me.clone());
    let comments = Comments::new(caller);
    let comment = client
        .answer(comments.add(&target, &actor, "Nice (really)"))
        .expect("comment");
    let comment_id = comment.id.clone().expect("the comment's id");
    assert_eq!(
        comment.message.map(|m| m.text).as_deref(),
        Some("Nice (really)")
    );
    let listed = client.items(comments.list(&target));
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(
        listed[0].as_ref().ok().and_then(|c| c.id.clone()),
        Some(comment_id.clone())
    );
    let blank = client.answer(comments.add(&target, &actor, "   "));
    assert!(matches!(blank, Err(Error::Resource(_))), "{blank:?}");

    let reactions = Reactions::new(caller);
    let key = client
        .answer(reactions.add(&actor, &target, ReactionType::Praise))
        .expect("react");
    assert_eq!(key, ReactionKey::new(actor.clone(), target.clone()));
    let reaction = client.answer(reactions.get(&key)).expect("get reaction");
    assert_eq!(reaction.reaction_type, Some(ReactionType::Praise));
    assert_eq!(client.items(reactions.list(&target)).len(), 1);
    client.answer(reactions.delete(&key)).expect("unreact");
    assert!(client.items(reactions.list(&target)).is_empty());

    client
        .answer(comments.delete(&target, &comment_id, &actor))
        .expect("delete comment");
    assert!(client.items(comments.list(&target)).is_empty());

    client.answer(posts.delete(&urn)).expect("delete");
    let gone = client.answer(posts.get(&urn)).expect_err("deleted");
    assert_eq!(gone.status().map(|s| s.as_u16()), Some(404));
}

/// Organizations, the member's identity and the ads entities through their
/// handles.
pub fn organizations_identity_and_ads_work_through_their_handles<T: Transport>() {
    logs::init();
    let sandbox = Sandbox::spawn().expect("a sandbox");
    let client: T = client(&sandbox);
    let caller = client.caller();

    let organizations = Organizations::new(caller);
    let roles: Vec<_> = client
        .items(organizations.my_roles())
        .into_iter()
        .collect::<Result<_, _>>()
        .expect("roles");
    let pages = postable_organizations(&roles);
    let page = pages.first().expect("the seeded member administers a page");
    let organization = client.answer(organizations.get(page)).expect("get");
    let vanity = organization.vanity_name.clone().expect("a vanity name");
    let found = client
        .answer(organizations.find_by_vanity_name(&vanity))
        .expect("by vanity name");
    assert_eq!(found.and_then(|o| o.urn()).as_ref(), Some(page));
    assert!(
        client
            .answer(organizations.follower_count(page))
            .expect("followers")
            .is_some()
    );

    let me = client
        .answer(Identity::new(caller).userinfo())
        .expect("userinfo");
    assert_eq!(me.person_urn().expect("a person").as_str(), MEMBER);

    let ads = Ads::new(caller);
    let account = client
        .answer(ads.accounts().get(500001.into()))
        .expect("an account");
    assert_eq!(account.id, Some(500001));
    let both = client
        .answer(ads.accounts().batch_get([500001.into(), 500002.into()]))
        .expect("batch get");
    assert_eq!(both.results.len(), 2);
    let all = client.items(ads.accounts().search(accounts::Criteria::new()));
    assert!(all.iter().all(Result::is_ok) && all.len() >= 2, "{all:?}");
    let renamed = linkedin_resources::ads::AdAccount {
        name: Some("Renamed".into()),
        ..account.clone()
    };
    client
        .answer(ads.accounts().update(500001.into(), &account, &renamed))
        .expect("update");
    let unchanged = client.answer(ads.accounts().update(500001.into(), &renamed, &renamed));
    assert!(
        matches!(unchanged, Err(Error::Resource(_))),
        "{unchanged:?}"
    );

    let groups = ads.campaign_groups(500001.into());
    let draft = CampaignGroup {
        name: Some("Typed".into()),
        status: Some(Status::Draft),
        ..CampaignGroup::default()
    };
    let group_urn = client.answer(groups.create(&draft)).expect("create group");
    let group_id: u64 = group_urn.id().parse().expect("a number");
    let group = client.answer(groups.get(group_id)).expect("get group");
    assert_eq!(group.name.as_deref(), Some("Typed"));
    let seeded = client
        .answer(groups.batch_get([600001, group_id]))
        .expect("batch get groups");
    assert_eq!(seeded.results.len(), 2);
    let searched = client.items(groups.search(campaign_groups::Criteria::new()));
    assert!(
        searched
            .iter()
            .any(|g| g.as_ref().ok().and_then(|g| g.id) == Some(group_id)),
        "{searched:?}"
    );
    client
        .answer(groups.delete_draft(&group))
        .expect("delete the draft");
    assert!(client.answer(groups.get(group_id)).is_err());
    client.answer(groups.archive(600002)).expect("archive");
    assert_eq!(
        client.answer(groups.get(600002)).expect("get").status,
        Some(Status::Archived)
    );

    let campaigns = ads.campaigns(500001.into());
    let listed =
        client.items(campaigns.search(linkedin_resources::ads::campaigns::Criteria::new()));
    assert!(listed.iter().all(Result::is_ok), "{listed:?}");
    let creatives = ads.creatives(500001.into());
    let listed = client.items(creatives.list());
    assert!(listed.iter().all(Result::is_ok), "{listed:?}");
    let none = client.answer(creatives.batch_get([]));
    assert!(matches!(none, Err(Error::Resource(_))), "{none:?}");
}

/// Follows the sandbox's authorization redirect without a browser: the
/// `Location` its consent answers with.
fn consent(sandbox: &Sandbox, url: &str) -> String {
    let path = url
        .strip_prefix(sandbox.origin())
        .expect("the sandbox's authorization URL");
    let mut stream = TcpStream::connect(sandbox.addr()).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        sandbox.addr()
    )
    .expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    answer
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("location")
                .then(|| value.trim().to_owned())
        })
        .unwrap_or_else(|| panic!("a redirect: {answer}"))
}

/// Sign In with LinkedIn using OpenID Connect against the sandbox: an
/// authorization with a nonce, the code exchanged, the id_token verified
/// through `identity()` against the sandbox's JWKS (fetched once, then
/// kept), the nonce checked; a wrong nonce and an expired token refused.
pub fn sign_in_with_linkedin_verifies_the_id_token_and_its_nonce<T: Transport>() {
    logs::init();
    let sandbox = Sandbox::spawn().expect("a sandbox");
    let app = OAuthConfig::new(
        ClientId::new(sandbox.client_id()),
        ClientSecret::new(sandbox.client_secret()),
    );
    let base = BaseUrl::parse(&sandbox.oauth_url()).expect("the sandbox's OAuth URL");
    let client = T::build(
        Setup::new(sandbox.origin())
            .version("202606")
            .oauth(app.clone())
            .oauth_base_url(base.clone()),
    )
    .expect("client");
    let flow = AuthorizationCodeFlow::new(
        app.client_id().clone(),
        RedirectUrl::new("http://127.0.0.1:9/callback").expect("a redirect URL"),
    )
    .scopes(["openid", "profile", "email"])
    .nonce(true)
    .base_url(base);
    let (url, pending) = flow.start().expect("an authorization URL");
    let nonce = pending.nonce().cloned().expect("a nonce");
    let redirect = consent(&sandbox, url.as_str());
    let exchange = pending.finish(&redirect).expect("the redirect checks");
    let token = client.exchange_code(&exchange).expect("the code exchange");
    let id_token: IdToken = token.id_token.clone().expect("an id_token (scope openid)");

    let member = client.with_access_token(&token.tokens.access_token);
    let identity = Identity::new(member.caller()).jwks_url(&sandbox.jwks_url());
    let claims = member
        .answer(identity.verify_id_token(&id_token, Some(&nonce)))
        .expect("the id_token verifies");
    let me = member.answer(identity.userinfo()).expect("userinfo");
    assert_eq!(claims.sub, me.sub);
    assert_eq!(sandbox.request_count("/oauth/openid/jwks"), 1);

    // The keys are kept: a second verification fetches nothing.
    member
        .answer(identity.verify_id_token(&id_token, None))
        .expect("verifies again");
    assert_eq!(sandbox.request_count("/oauth/openid/jwks"), 1);

    let wrong = Nonce::new("not-the-nonce-sent").expect("a nonce");
    let refused = member.answer(identity.verify_id_token(&id_token, Some(&wrong)));
    assert!(
        matches!(&refused, Err(Error::Resource(err)) if matches!(**err, ResourceError::IdToken(IdTokenError::NonceMismatch))),
        "a wrong nonce is refused: {refused:?}"
    );
    let later = SystemTime::now() + Duration::from_secs(2 * 24 * 3600);
    let expired = member.answer(
        identity
            .clone()
            .at(later)
            .verify_id_token(&id_token, Some(&nonce)),
    );
    assert!(
        matches!(&expired, Err(Error::Resource(err)) if matches!(**err, ResourceError::IdToken(IdTokenError::Expired { .. }))),
        "an expired token is refused: {expired:?}"
    );
    let other_app = member.answer(
        identity
            .clone()
            .verifier(IdTokenVerifier::new("another-app"))
            .verify_id_token(&id_token, Some(&nonce)),
    );
    assert!(
        matches!(&other_app, Err(Error::Resource(_))),
        "{other_app:?}"
    );

    // Without an OAuth application there is no audience to check.
    let bare: T = self::client(&sandbox);
    let no_app = bare.answer(Identity::new(bare.caller()).verify_id_token(&id_token, None));
    assert!(
        matches!(no_app, Err(Error::Config(ConfigError::NoOAuth))),
        "{no_app:?}"
    );
}

/// The handles read LinkedIn's documented answers: the Posts API's 201 with
/// the post URN raw in `x-restli-id` and no body; `userinfo` under `/v2`
/// from a versioned client; the Comments API's 201 with the id in
/// `x-restli-id` and the comment in the body, and its GET_ALL page; the
/// Reactions API's 201 with the reaction URN as `x-restli-id`; the
/// member's `organizationAcls` (pages named in `documented`). What was sent
/// has the pages' shapes too.
pub fn the_handles_read_the_answers_linkedins_pages_show<T: Transport>() {
    let server = HostileServer::start(documented::linkedin);
    let client = T::build(
        Setup::new(&server.origin())
            .version("202601")
            .token("AQV-documented"),
    )
    .expect("client");
    let caller = client.caller();
    let me: PersonUrn = "urn:li:person:782bbtaQ".parse().expect("a person");

    let urn = client
        .answer(Posts::new(caller).create(&NewPost::new(me.clone(), "Hello".into())))
        .expect("created");
    assert_eq!(urn.as_str(), CREATED_POST);
    assert_eq!(server.count("POST", "/rest/posts"), 1, "created once");

    let info = client
        .answer(Identity::new(caller).userinfo())
        .expect("userinfo under /v2");
    assert_eq!(info.person_urn().expect("a person"), me);

    let actor = Author::Person(me.clone());
    let comments = Comments::new(caller);
    let comment = client
        .answer(comments.add(&urn, &actor, "Nice post"))
        .expect("commented");
    assert_eq!(comment.id.as_deref(), Some(CREATED_COMMENT));
    let listed = client.items(comments.list(&urn));
    assert_eq!(listed.len(), 1, "{listed:?}");
    let sent = server
        .requests()
        .into_iter()
        .find(|r| r.method == "POST" && r.path().ends_with("/comments"))
        .expect("the comment's CREATE");
    let body: serde_json::Value = serde_json::from_slice(&sent.body).expect("a JSON body");
    assert_eq!(body["actor"], me.as_str());
    assert_eq!(body["object"], CREATED_POST);
    assert_eq!(body["message"]["text"], "Nice post");

    let key = client
        .answer(Reactions::new(caller).add(&actor, &urn, ReactionType::Like))
        .expect("reacted");
    assert_eq!(key.actor, actor);
    assert_eq!(key.entity.as_str(), CREATED_POST);

    let roles: Vec<_> = client
        .items(Organizations::new(caller).my_roles())
        .into_iter()
        .collect::<Result<_, _>>()
        .expect("roles");
    assert_eq!(roles.len(), 2);
    let pages = postable_organizations(&roles);
    assert_eq!(
        pages.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
        [ADMINISTERED_ORGANIZATION],
        "only the approved role that may post"
    );
}
