//! Uploads a video with the Videos API: `initializeUpload` with the file's
//! size, the parts PUT in parallel to the URLs of its `uploadInstructions`
//! (each retried on its own if it fails), `finalizeUpload` with the parts'
//! ETags in order, then GETs of the video until LinkedIn has it
//! `AVAILABLE`, with a progress line as the parts are confirmed.
//!
//! ```text
//! cargo run --example upload_video [-- talk.mp4]
//! LINKEDIN_ACCESS_TOKEN=... cargo run --example upload_video -- talk.mp4
//! ```
//!
//! Against the sandbox, without a file, it uploads 10 MB of generated
//! bytes (three parts). Against LinkedIn (a token with `w_member_social`)
//! give a real video file (75 KB to 500 MB): nothing is posted, the video
//! only waits in the member's uploads. The file is read part by part,
//! never held in memory whole.

#[path = "common/mod.rs"]
mod common;

use std::io::Write;
use std::path::PathBuf;

use common::{Result, Target, ensure, skipped, step};
use linkedin::UploadSource;
use linkedin::prelude::*;
use linkedin::resources::media::{Progress, Upload, Uploaded, VideoFile};
use linkedin::resources::urns::Author;

#[tokio::main]
async fn main() -> Result {
    let target = Target::api().await?;
    target.print_banner("upload_video");
    let given = std::env::args_os().nth(1).map(PathBuf::from);
    if !target.is_sandbox() && given.is_none() {
        skipped(
            "give a video file to upload to LinkedIn: cargo run --example upload_video -- FILE",
        );
        return Ok(());
    }
    let client = target.versioned_client()?;

    step(1, "The owner: the member from /v2/userinfo");
    let me: EntityResponse = client.send(Request::get("/v2/userinfo")).await?;
    let sub = me.entity["sub"].as_str().ok_or("/v2/userinfo has no sub")?;
    let owner: Author = format!("urn:li:person:{sub}").parse()?;
    println!("   owner {owner}");

    step(2, "The video");
    let (path, generated) = match given {
        Some(path) => (path, false),
        None => {
            let path = std::env::temp_dir()
                .join(format!("linkedin-rs-example-{}.mp4", std::process::id()));
            let bytes: Vec<u8> = (0..10_000_000u32).map(|i| (i % 251) as u8).collect();
            std::fs::write(&path, bytes)?;
            (path, true)
        }
    };
    let size = std::fs::metadata(&path)?.len();
    println!("   {} ({size} bytes)", path.display());
    // LinkedIn's size limits, checked before anything is sent.
    let upload = Upload::video(owner, VideoFile::new(size)?);

    step(
        3,
        "Upload it: initializeUpload, the parts, finalizeUpload, then wait for AVAILABLE",
    );
    let mut updates = 0;
    let mut last = Progress::default();
    let mut progress = |p: Progress| {
        updates += 1;
        last = p;
        print!("\r   {:>5.1}% of {} bytes", p.fraction() * 100.0, p.total);
        let _ = std::io::stdout().flush();
    };
    let uploaded = client
        .upload(upload, UploadSource::path(&path), Some(&mut progress))
        .await;
    println!();
    if generated {
        let _ = std::fs::remove_file(&path);
    }
    let Uploaded::Video(video) = uploaded? else {
        return Err("the upload is not a video".into());
    };
    println!("   -> {video}, AVAILABLE");
    ensure(
        updates > 0 && last.confirmed == size && last.total == size,
        "the progress reached the whole file",
    )?;

    println!("\nDone.");
    Ok(())
}
