//! Uploads an image with the Images API and posts it: `initializeUpload`,
//! one PUT of the file streamed from disk to the upload URL LinkedIn hands
//! out, then a post (`/rest/posts`) showing the image, deleted at the end.
//!
//! ```text
//! cargo run --example post_with_image [-- photo.jpg]
//! LINKEDIN_ACCESS_TOKEN=... LINKEDIN_CREATE_POSTS=yes cargo run --example post_with_image -- photo.jpg
//! ```
//!
//! Without a file it uploads a small generated PNG. The file's type (JPG,
//! GIF or PNG, by its name), its first bytes and its size are checked
//! before anything is sent. Against LinkedIn (a token with `openid`,
//! `profile` and `w_member_social`) the post is on the member's feed for a
//! moment, so the example asks for `LINKEDIN_CREATE_POSTS=yes` first.

#[path = "common/mod.rs"]
mod common;

use std::path::PathBuf;

use common::{Result, Target, ensure, skipped, step};
use linkedin::prelude::*;
use linkedin::resources::commentary::Commentary;
use linkedin::resources::media::Uploaded;
use linkedin::resources::posts::{self, NewPost};
use linkedin::resources::urns::Author;

/// A 16 x 16 PNG's signature and header, padded: enough for the checks
/// (LinkedIn decodes the image; the sandbox reads its first bytes).
fn generated_png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0".to_vec();
    bytes.resize(4096, 0);
    bytes
}

#[tokio::main]
async fn main() -> Result {
    let target = Target::api().await?;
    target.print_banner("post_with_image");
    if !target.is_sandbox() && common::var("LINKEDIN_CREATE_POSTS").as_deref() != Some("yes") {
        skipped("this publishes a post on your feed; set LINKEDIN_CREATE_POSTS=yes to go ahead");
        return Ok(());
    }
    let client = target.versioned_client()?;

    step(1, "The author: the member from /v2/userinfo");
    let me: EntityResponse = client.send(Request::get("/v2/userinfo")).await?;
    let sub = me.entity["sub"].as_str().ok_or("/v2/userinfo has no sub")?;
    let author: Author = format!("urn:li:person:{sub}").parse()?;
    println!("   author {author}");

    step(2, "The image");
    let (path, generated) = match std::env::args_os().nth(1) {
        Some(path) => (PathBuf::from(path), false),
        None => {
            let path = std::env::temp_dir()
                .join(format!("linkedin-rs-example-{}.png", std::process::id()));
            std::fs::write(&path, generated_png())?;
            (path, true)
        }
    };
    println!("   {}", path.display());

    step(3, "Upload it: initializeUpload, then one PUT of the file");
    let uploaded = client.upload_image(author.clone(), &path).await;
    if generated {
        let _ = std::fs::remove_file(&path);
    }
    let Uploaded::Image(image) = uploaded? else {
        return Err("the upload is not an image".into());
    };
    println!("   -> {image}");

    step(4, "CREATE a post showing it");
    let post = NewPost::new(
        author,
        Commentary::new().text("An image, uploaded by linkedin-rs"),
    )
    .image(image.clone(), "A generated picture");
    let created = client.send(post.create()?).await?;
    let urn = posts::created_post(&created)?;
    println!("   <- {} {urn}", created.meta.status());
    let read = client.send(posts::get(&urn)).await?;
    let shown = serde_json::to_value(&read.entity)?;
    ensure(
        shown["content"]["media"]["id"] == image.as_str(),
        "the post shows the uploaded image",
    )?;

    step(5, "Clean up: DELETE the post");
    let deleted = client.send(posts::delete(&urn)).await?;
    println!("   DELETE {urn} <- {}", deleted.meta.status());

    println!("\nDone.");
    Ok(())
}
