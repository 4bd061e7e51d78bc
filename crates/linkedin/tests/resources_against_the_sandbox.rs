//! The typed APIs of `linkedin-resources` sent by the async client to the
//! sandbox, through its typed handles (`client.posts()`, ...): a post made,
//! read, found, edited and deleted; a comment and a reaction on it; the
//! organizations the member may post for; and, with the generic `send`, an
//! image uploaded through the one upload machine (this test is its
//! transport) and posted. Each call's shape follows LinkedIn's page named in the
//! resources crate beside its request; here the point is that both halves
//! of the SDK read those pages the same way.
#![cfg(feature = "async")]

use std::time::{Duration, Instant};

use linkedin::oauth::AccessToken;
use linkedin::prelude::*;
use linkedin::sandbox::Sandbox;
use linkedin_resources::commentary::Commentary;
use linkedin_resources::media::{ImageFile, Step, Upload, Uploaded};
use linkedin_resources::organizations;
use linkedin_resources::posts::{self, NewPost};
use linkedin_resources::social::reactions;
use linkedin_resources::urns::{Author, OrganizationUrn, PersonUrn};

/// The sandbox's seeded member (the subject of its static token).
const MEMBER: &str = "urn:li:person:sAnDb0x1d";

async fn client(sandbox: &Sandbox) -> Client {
    Client::builder()
        .endpoint(Endpoint::from_origin(sandbox.origin()).unwrap())
        .version("202606")
        .access_token(AccessToken::new(sandbox.access_token()))
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_text_post_lives_and_dies_through_the_typed_posts_api() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = client(&sandbox).await;
    let me: PersonUrn = MEMBER.parse().unwrap();

    // Reserved characters of the little text format, escaped by Commentary.
    let text = Commentary::new()
        .text("Shipping (v2) today: 50% faster_ [really] ")
        .hashtag("rust");
    let urn = client
        .posts()
        .create(&NewPost::new(me.clone(), text))
        .await
        .unwrap();

    let post = client.posts().get(&urn).await.unwrap();
    assert_eq!(post.author_urn().unwrap(), Author::Person(me.clone()));
    assert_eq!(
        post.plain_commentary().unwrap(),
        "Shipping (v2) today: 50% faster_ [really] #rust"
    );

    let found: Vec<posts::Post> = client
        .posts()
        .list_by_author(me.clone())
        .try_collect()
        .await
        .unwrap();
    assert!(
        found.iter().any(|p| p.post_urn().as_ref() == Some(&urn)),
        "the new post is among the author's posts"
    );

    let edited = Commentary::new().text("Edited {once}");
    client
        .posts()
        .update_commentary(&urn, &edited)
        .await
        .unwrap();
    let post = client.posts().get(&urn).await.unwrap();
    assert_eq!(post.plain_commentary().unwrap(), "Edited {once}");

    // A comment and a reaction on it, by the member.
    let actor = Author::Person(me.clone());
    let comment = client
        .comments()
        .add(&urn, &actor, "Nice (really)")
        .await
        .unwrap();
    assert!(comment.id.is_some());
    let listed: Vec<_> = client.comments().list(&urn).try_collect().await.unwrap();
    assert_eq!(listed.len(), 1);
    client
        .reactions()
        .add(&actor, &urn, reactions::ReactionType::Praise)
        .await
        .unwrap();
    let reacted: Vec<_> = client.reactions().list(&urn).try_collect().await.unwrap();
    assert_eq!(reacted.len(), 1);

    client.posts().delete(&urn).await.unwrap();
    let gone = client.posts().get(&urn).await.unwrap_err();
    assert_eq!(gone.status(), Some(linkedin::http::StatusCode::NOT_FOUND));
}

#[tokio::test]
async fn the_member_finds_the_pages_it_may_post_for() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = client(&sandbox).await;
    let roles: Vec<_> = client
        .organizations()
        .my_roles()
        .try_collect()
        .await
        .unwrap();
    let pages = organizations::postable_organizations(&roles);
    assert!(!pages.is_empty(), "the seeded member administers a page");
    let page: &OrganizationUrn = &pages[0];
    let organization = client.organizations().get(page).await.unwrap();
    let vanity = organization.vanity_name.clone().unwrap();
    let by_name = client
        .organizations()
        .find_by_vanity_name(&vanity)
        .await
        .unwrap();
    assert_eq!(by_name.and_then(|o| o.urn()).as_ref(), Some(page));
    let followers = client.organizations().follower_count(page).await.unwrap();
    assert!(followers.is_some());
}

/// The smallest PNG: a signature, an IHDR of one pixel, an IDAT, an IEND.
fn one_pixel_png() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(b"\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89");
    png.extend_from_slice(b"\0\0\0\rIDATx\x9cc\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N");
    png.extend_from_slice(b"\0\0\0\0IEND\xaeB`\x82");
    png
}

#[tokio::test]
async fn an_image_uploads_through_the_upload_machine_and_is_posted() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = client(&sandbox).await;
    let me: PersonUrn = MEMBER.parse().unwrap();
    let bytes = one_pixel_png();
    let file = ImageFile::from_name("pixel.png", bytes.len() as u64).unwrap();
    let mut upload = Upload::image(me.clone().into(), file);
    // reqwest without a provider of its own (as the SDK builds it): ring.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::new();

    let deadline = Instant::now() + Duration::from_secs(20);
    let image = loop {
        assert!(Instant::now() < deadline, "the upload ends");
        match upload.next_step(Instant::now()) {
            Step::Send(request) => {
                let answer = client.send(*request).await.unwrap();
                let (status, headers, _) = answer.meta.into_parts();
                let mut response = linkedin::http::Response::new(answer.body);
                *response.status_mut() = status;
                *response.headers_mut() = headers;
                upload.feed_response(response, Instant::now()).unwrap();
            }
            Step::Put(part) => {
                let head = part.to_http(Some(sandbox.access_token())).unwrap();
                let range = part.range();
                let body = bytes[range.first() as usize..=range.last() as usize].to_vec();
                let mut put = http.put(head.uri().to_string()).body(body);
                for (name, value) in head.headers() {
                    put = put.header(name.as_str(), value.as_bytes());
                }
                let answer = put.send().await.unwrap();
                let status =
                    linkedin::http::StatusCode::from_u16(answer.status().as_u16()).unwrap();
                let mut headers = linkedin::http::HeaderMap::new();
                for (name, value) in answer.headers() {
                    headers.insert(
                        linkedin::http::HeaderName::from_bytes(name.as_str().as_bytes()).unwrap(),
                        linkedin::http::HeaderValue::from_bytes(value.as_bytes()).unwrap(),
                    );
                }
                upload
                    .feed_part_response(part.index(), status, &headers, Instant::now(), 0.5)
                    .unwrap();
            }
            // This driver awaits each PUT before asking again, so a wait
            // is only ever for a time (a retry, the next poll).
            Step::Wait { until, .. } => {
                let until = until.expect("nothing in flight while the driver waits");
                tokio::time::sleep(until.saturating_duration_since(Instant::now())).await;
            }
            Step::Done(Uploaded::Image(image)) => break image,
            Step::Done(other) => panic!("an image upload ended with {other}"),
            Step::Failed(error) => panic!("the upload failed: {error}"),
            other => panic!("a step this driver does not know: {other:?}"),
        }
    };
    assert_eq!(upload.progress().confirmed, bytes.len() as u64);

    let post = NewPost::new(me, Commentary::new().text("A pixel"))
        .image(image.clone(), "one white pixel")
        .create()
        .unwrap();
    let created = client.send(post).await.unwrap();
    let urn = posts::created_post(&created).unwrap();
    let read = client.send(posts::get(&urn)).await.unwrap().entity;
    let json = serde_json::to_value(&read).unwrap();
    assert_eq!(json["content"]["media"]["id"], image.to_string());
}
