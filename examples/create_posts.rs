//! Creates posts with the Posts API (`/rest/posts`, versioned): one with
//! CREATE, its id read from `X-RestLi-Id` (a URN on LinkedIn, such as
//! `urn:li:share:7123...`), read back with GET, then three more with
//! BATCH_CREATE; all of them are deleted at the end.
//!
//! ```text
//! cargo run --example create_posts
//! LINKEDIN_ACCESS_TOKEN=... LINKEDIN_CREATE_POSTS=yes cargo run --example create_posts
//! ```
//!
//! Against LinkedIn (token with `openid`, `profile` and `w_member_social`) the posts are published
//! on the member's feed for a moment, so the example asks for
//! `LINKEDIN_CREATE_POSTS=yes` before it posts anything.

#[path = "common/mod.rs"]
mod common;

use common::{Result, Target, ensure, print_got, print_sent, skipped, step};
use linkedin::prelude::*;
use serde::{Deserialize, Serialize};

/// A post, as the Posts API takes it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Post {
    author: Urn,
    commentary: String,
    visibility: String,
    distribution: Distribution,
    lifecycle_state: String,
    is_reshare_disabled_by_author: bool,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Distribution {
    feed_distribution: String,
    #[serde(default)]
    target_entities: Vec<serde_json::Value>,
    #[serde(default)]
    third_party_distribution_channels: Vec<String>,
}

impl Post {
    fn new(author: &Urn, commentary: &str) -> Post {
        Post {
            author: author.clone(),
            commentary: commentary.to_owned(),
            visibility: "PUBLIC".into(),
            distribution: Distribution {
                feed_distribution: "MAIN_FEED".into(),
                target_entities: Vec::new(),
                third_party_distribution_channels: Vec::new(),
            },
            lifecycle_state: "PUBLISHED".into(),
            is_reshare_disabled_by_author: false,
        }
    }
}

/// A post's id: a URN (`urn:li:share:...` or `urn:li:ugcPost:...`).
fn describe(urn: &Urn) -> String {
    format!("{urn} (a {} URN, id {})", urn.entity_type(), urn.id())
}

#[tokio::main]
async fn main() -> Result {
    let target = Target::api().await?;
    target.print_banner("create_posts");
    if !target.is_sandbox() && common::var("LINKEDIN_CREATE_POSTS").as_deref() != Some("yes") {
        skipped("this publishes posts on your feed; set LINKEDIN_CREATE_POSTS=yes to go ahead");
        return Ok(());
    }
    let client = target.client()?;
    let version = target.version().to_owned();

    // The member's id is the OpenID Connect `sub` of `/v2/userinfo` (Sign
    // In with LinkedIn using OpenID Connect); `/v2/me` would need the
    // legacy `r_liteprofile` scope and answers 403 to OpenID Connect apps.
    step(1, "The author: the member from /v2/userinfo");
    let me: EntityResponse = client.send(Request::get("/v2/userinfo")).await?;
    let person_id = me.entity["sub"].as_str().ok_or("/v2/userinfo has no sub")?;
    let author = Urn::li("person", person_id)?;
    println!("   author {author}");

    step(2, "CREATE a post; its id comes back in X-RestLi-Id");
    let post = Post::new(&author, "Hello from linkedin-rs!");
    let request = Request::create("/posts", &post).version(&version);
    print_sent(client.config(), &request)?;
    // The id is typed: X-RestLi-Id decodes straight into a URN.
    let created: CreateResponse<Urn> = client.send(request).await?;
    let id = created.id.ok_or("no X-RestLi-Id in the CREATE answer")?;
    println!(
        "   <- {} X-RestLi-Id: {}",
        created.meta.status(),
        describe(&id)
    );

    step(3, "GET it back by its id");
    let request = Request::get("/posts/{id}").key("id", &id).version(&version);
    print_sent(client.config(), &request)?;
    let read: EntityResponse<Post> = client.send(request).await?;
    print_got(read.meta.status(), &read.entity.commentary);
    ensure(
        read.entity.commentary == post.commentary && read.entity.author == author,
        "the post reads back as created",
    )?;

    step(4, "BATCH_CREATE three more");
    let posts: Vec<Post> = (1..=3)
        .map(|n| Post::new(&author, &format!("linkedin-rs batch post #{n}")))
        .collect();
    let request = Request::batch_create("/posts", &posts).version(&version);
    print_sent(client.config(), &request)?;
    let batch: BatchCreateResponse<Urn> = client.send(request).await?;
    let mut ids = vec![id];
    for item in &batch.elements {
        match (&item.id, &item.error) {
            (Some(id), _) if item.is_created() => {
                println!("   <- {} {}", item.status, describe(id));
                ids.push(id.clone());
            }
            (_, error) => println!(
                "   <- {} {}",
                item.status,
                error
                    .as_ref()
                    .and_then(|e| e.message.as_deref())
                    .unwrap_or("")
            ),
        }
    }
    ensure(
        batch.elements.len() == 3 && batch.elements.iter().all(|item| item.is_created()),
        "three posts created",
    )?;

    step(5, "Clean up: DELETE each post");
    for id in &ids {
        let request = Request::delete("/posts/{id}")
            .key("id", id)
            .version(&version);
        let deleted = client.send(request).await?;
        println!("   DELETE {id} <- {}", deleted.meta.status());
    }

    println!("\nDone.");
    Ok(())
}
