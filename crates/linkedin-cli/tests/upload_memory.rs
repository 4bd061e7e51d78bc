//! Issue 14, "How it is checked": `linkedin posts create --as-me --text ...
//! --video FILE` of a 300 MB file runs in under 128 MB of memory. The
//! binary's peak resident set (`VmHWM` of `/proc/PID/status`, Linux) is
//! watched while it uploads to an in-process sandbox.
//!
//! It moves 300 MB through two debug builds, so it is not part of the
//! default run:
//! `cargo test -p linkedin-cli --test upload_memory -- --ignored`.
#![cfg(target_os = "linux")]

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use linkedin_sandbox::Sandbox;

/// The size of the video: 300 MB.
const VIDEO_BYTES: u64 = 300_000_000;
/// The bound the issue sets.
const MAX_RSS_KB: u64 = 128 * 1024;

/// The `VmHWM` line of `/proc/PID/status`, in kB.
fn peak_kb(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
#[ignore = "uploads 300 MB; run with -- --ignored"]
fn a_300_mb_video_is_posted_in_under_128_mb() {
    let sandbox = Sandbox::builder()
        .video_processing_time(Duration::ZERO)
        .spawn()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let video = dir.path().join("big.mp4");
    // Sparse: 300 MB that read as zeros, without writing them.
    std::fs::File::create(&video)
        .unwrap()
        .set_len(VIDEO_BYTES)
        .unwrap();

    let mut child = Command::new(assert_cmd::cargo::cargo_bin("linkedin"))
        .args([
            "posts",
            "create",
            "--as-me",
            "--text",
            "A big one",
            "--video",
        ])
        .arg(&video)
        .args(["--base-url", sandbox.origin()])
        .args(["--access-token", sandbox.access_token()])
        .env("LINKEDIN_CONFIG_DIR", dir.path())
        .env_remove("LINKEDIN_VERSION")
        .env_remove("LINKEDIN_PROFILE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let deadline = Instant::now() + Duration::from_secs(600);
    let mut peak = 0;
    let status = loop {
        // The high-water mark only grows: the last reading before the
        // exit holds the whole run but its last few milliseconds.
        if let Some(kb) = std::fs::read_to_string(&status_file)
            .ok()
            .as_deref()
            .and_then(peak_kb)
        {
            peak = peak.max(kb);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the upload did not end within 10 minutes");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stdout = String::new();
    let mut stderr = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "{stderr}");
    assert!(stdout.starts_with("urn:li:ugcPost:"), "{stdout}");
    assert!(peak > 0, "the peak was read");
    assert!(
        peak < MAX_RSS_KB,
        "peak resident set {peak} kB, the bound is {MAX_RSS_KB} kB"
    );
    eprintln!("peak resident set: {peak} kB for a {VIDEO_BYTES}-byte video");
}

#[test]
fn the_peak_is_read_from_proc_status() {
    let status = "Name:\tlinkedin\nVmPeak:\t  100 kB\nVmHWM:\t   16836 kB\nVmRSS:\t 1 kB\n";
    assert_eq!(peak_kb(status), Some(16836));
    assert_eq!(peak_kb("Name:\tzombie\n"), None);
}
