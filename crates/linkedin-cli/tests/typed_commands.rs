//! Issue 14's typed commands end to end against in-process sandboxes:
//! `linkedin me`, `posts create | get | list | delete`, `comments add |
//! list`, `reactions add`, `orgs mine | get`, each with `linkedin api`'s
//! connection options, and the one-line refusals of bad input before
//! anything is sent.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use linkedin_sandbox::Sandbox;
use serde_json::Value;

/// The sandbox's seeded member (the `sub` of its `/v2/userinfo`).
const MEMBER: &str = "urn:li:person:sAnDb0x1d";

fn linkedin(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("linkedin").unwrap();
    cmd.env("LINKEDIN_CONFIG_DIR", config)
        .env_remove("LINKEDIN_ACCESS_TOKEN")
        .env_remove("LINKEDIN_PROFILE")
        .env_remove("LINKEDIN_VERSION")
        .env_remove("LINKEDIN_CLIENT_ID")
        .env_remove("LINKEDIN_CLIENT_SECRET")
        .timeout(Duration::from_secs(60));
    cmd
}

struct Run {
    ok: bool,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    Run {
        ok: out.status.success(),
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn ok(cmd: &mut Command) -> Run {
    let run = run(cmd);
    assert!(run.ok, "failed: {}", run.stderr);
    run
}

/// A sandbox and a command line pointed at it with its static token.
struct Fixture {
    sandbox: Sandbox,
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture::of(Sandbox::spawn().unwrap())
    }

    fn of(sandbox: Sandbox) -> Fixture {
        Fixture {
            sandbox,
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// `linkedin ARGS --base-url SANDBOX --access-token TOKEN`.
    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = linkedin(self.dir.path());
        cmd.args(args).args([
            "--base-url",
            self.sandbox.origin(),
            "--access-token",
            self.sandbox.access_token(),
        ]);
        cmd
    }

    fn ok(&self, args: &[&str]) -> String {
        ok(&mut self.cmd(args)).stdout
    }

    /// The JSON a command prints.
    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// Creates a post and gives its URN, checking that it is one line.
    fn create(&self, args: &[&str]) -> String {
        let mut all = vec!["posts", "create"];
        all.extend_from_slice(args);
        let out = self.ok(&all);
        let urn = out.strip_suffix('\n').unwrap();
        assert!(!urn.contains('\n'), "one line: {out:?}");
        assert!(
            urn.starts_with("urn:li:share:") || urn.starts_with("urn:li:ugcPost:"),
            "{urn}"
        );
        urn.to_owned()
    }
}

/// "Sign In with LinkedIn using OpenID Connect", the userinfo endpoint
/// (https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2):
/// `GET /v2/userinfo` answers the member's claims, `sub` among them.
#[test]
fn me_prints_the_userinfo_claims_with_a_token_or_a_profile() {
    let fx = Fixture::new();
    let me = fx.json(&["me"]);
    assert_eq!(me["sub"], "sAnDb0x1d");
    assert_eq!(me["name"], "Sandra Box");
    assert_eq!(fx.sandbox.request_count("/v2/userinfo"), 1);

    // The stored profile of a sandbox login: its token and its origin.
    let config = fx.dir.path();
    ok(linkedin(config).args([
        "auth",
        "login",
        "--redirect-port",
        "0",
        "--sandbox",
        fx.sandbox.origin(),
        "--profile",
        "work",
    ]));
    let me: Value =
        serde_json::from_str(&ok(linkedin(config).args(["me", "--profile", "work"])).stdout)
            .unwrap();
    assert_eq!(me["sub"], "sAnDb0x1d");
    assert_eq!(fx.sandbox.request_count("/v2/userinfo"), 2);

    // No token and no profile: the usual one-line advice.
    let none = run(linkedin(config).args(["me", "--profile", "nobody"]));
    assert_eq!(none.code, Some(1));
    assert!(
        none.stderr.contains("no stored profile \"nobody\""),
        "{}",
        none.stderr
    );
}

/// "Posts API"
/// (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api):
/// create (201, the URN in `x-restli-id`), get by URN, find by author
/// (`q=author`), delete; the commentary in "little text"
/// (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/little-text-format),
/// its reserved characters escaped.
#[test]
fn a_text_post_is_created_read_listed_and_deleted() {
    let fx = Fixture::new();
    let text = "Shipping (v2) today: 50% faster_ [really] #1 @all\nsecond line";
    let urn = fx.create(&["--as-me", "--text", text]);

    let post = fx.json(&["posts", "get", &urn]);
    assert_eq!(post["id"], urn.as_str());
    assert_eq!(post["author"], MEMBER);
    assert_eq!(post["visibility"], "PUBLIC");
    let stored = post["commentary"].as_str().unwrap();
    assert!(
        stored.contains("\\(v2\\)") && stored.contains("\\#1"),
        "{stored}"
    );
    // The plain text back, lines and all.
    assert_eq!(
        fx.ok(&["posts", "get", &urn, "--commentary"]),
        format!("{text}\n")
    );

    let second = fx.create(&[
        "--author",
        MEMBER,
        "--text",
        "Only for my connections",
        "--visibility",
        "CONNECTIONS",
    ]);
    assert_eq!(
        fx.json(&["posts", "get", &second])["visibility"],
        "CONNECTIONS"
    );
    let listed = fx.ok(&["posts", "list", "--as-me"]);
    let mut lines: Vec<&str> = listed.lines().collect();
    lines.sort_unstable();
    let mut expected = vec![urn.as_str(), second.as_str()];
    expected.sort_unstable();
    assert_eq!(lines, expected);
    let as_json = fx.ok(&["posts", "list", "--author", MEMBER, "--json"]);
    for line in as_json.lines() {
        let post: Value = serde_json::from_str(line).unwrap();
        assert_eq!(post["author"], MEMBER);
    }
    assert_eq!(as_json.lines().count(), 2);

    assert_eq!(fx.ok(&["posts", "delete", &urn]), "");
    let gone = run(&mut fx.cmd(&["posts", "get", &urn]));
    assert_eq!(gone.code, Some(1));
    assert!(gone.stderr.contains("HTTP 404"), "{}", gone.stderr);
    assert_eq!(gone.stderr.lines().count(), 1, "{}", gone.stderr);
    assert_eq!(fx.ok(&["posts", "list", "--as-me"]), format!("{second}\n"));
}

/// "Posts API" article and poll posts, and a post by an organization the
/// member administers
/// (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api,
/// "Article Post", "Poll Post").
#[test]
fn article_poll_and_organization_posts() {
    let fx = Fixture::new();
    let article = fx.create(&[
        "--as-me",
        "--text",
        "Read this",
        "--article",
        "https://example.com/news",
        "--title",
        "The news",
    ]);
    let post = fx.json(&["posts", "get", &article]);
    assert_eq!(
        post["content"]["article"]["source"],
        "https://example.com/news"
    );
    assert_eq!(post["content"]["article"]["title"], "The news");

    let poll = fx.create(&[
        "--as-me",
        "--text",
        "Vote",
        "--poll",
        "Tabs or spaces?",
        "--option",
        "Tabs",
        "--option",
        "Spaces",
        "--poll-duration",
        "SEVEN_DAYS",
    ]);
    let post = fx.json(&["posts", "get", &poll]);
    assert_eq!(post["content"]["poll"]["question"], "Tabs or spaces?");
    assert_eq!(post["content"]["poll"]["options"][1]["text"], "Spaces");
    assert_eq!(
        post["content"]["poll"]["settings"]["duration"],
        "SEVEN_DAYS"
    );

    let page = fx.ok(&["orgs", "mine", "--can-post"]);
    let page = page.lines().next().unwrap();
    let by_page = fx.create(&["--author", page, "--text", "Company news"]);
    assert_eq!(fx.json(&["posts", "get", &by_page])["author"], page);
    assert_eq!(
        fx.ok(&["posts", "list", "--author", page]),
        format!("{by_page}\n")
    );
}

/// "Comments API" and "Reactions API"
/// (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/comments-api,
/// https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/reactions-api):
/// a comment by the member, listed back; a reaction, its key in
/// `x-restli-id`.
#[test]
fn comments_and_reactions_on_a_post() {
    let fx = Fixture::new();
    let urn = fx.create(&["--as-me", "--text", "Comment on me"]);

    let id = fx.ok(&["comments", "add", &urn, "--text", "Nice (really)"]);
    assert!(!id.trim().is_empty() && id.lines().count() == 1, "{id:?}");
    fx.ok(&[
        "comments", "add", &urn, "--text", "Second", "--actor", MEMBER,
    ]);
    let listed = fx.ok(&["comments", "list", &urn]);
    let comments: Vec<Value> = listed
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(comments.len(), 2, "{listed}");
    assert!(comments.iter().all(|c| c["actor"] == MEMBER));
    assert!(
        comments
            .iter()
            .any(|c| c["message"]["text"] == "Nice (really)")
    );
    assert!(comments.iter().any(|c| c["id"] == id.trim()));

    let key = fx.ok(&["reactions", "add", &urn, "--type", "celebrate"]);
    assert!(key.contains(MEMBER) && key.contains(&urn), "{key}");
    // The reaction is there, as PRAISE (Celebrate's wire name).
    let reactions = fx.ok(&[
        "api",
        "finder",
        "/reactions/{key}",
        "--key",
        &format!("key={{\"entity\":\"{urn}\"}}"),
        "--name",
        "entity",
        "--version",
        "202601",
    ]);
    let reactions: Value = serde_json::from_str(&reactions).unwrap();
    assert_eq!(reactions["elements"][0]["reactionType"], "PRAISE");
}

/// "Organization Access Control by Role" and "Organization Lookup API"
/// (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-access-control-by-role,
/// https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-lookup-api):
/// the member's role assignments, and an organization by id, URN or
/// vanity name.
#[test]
fn organizations_by_role_id_and_vanity_name() {
    let fx = Fixture::new();
    let mine = fx.ok(&["orgs", "mine"]);
    let acls: Vec<Value> = mine
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert!(acls.iter().all(|acl| acl["roleAssignee"] == MEMBER));
    let postable = fx.ok(&["orgs", "mine", "--can-post"]);
    assert!(!postable.is_empty());
    for urn in postable.lines() {
        assert!(
            acls.iter().any(|acl| acl["organization"] == urn
                && acl["state"] == "APPROVED"
                && acl["role"] != "ANALYST"),
            "{urn} in {mine}"
        );
    }
    assert!(
        acls.len() > postable.lines().count(),
        "some roles do not allow posting"
    );

    let urn = postable.lines().next().unwrap();
    let id = urn.rsplit(':').next().unwrap();
    let by_id = fx.json(&["orgs", "get", id]);
    assert_eq!(fx.json(&["orgs", "get", urn]), by_id);
    let vanity = by_id["vanityName"].as_str().unwrap();
    let by_vanity = fx.json(&["orgs", "get", "--vanity", vanity]);
    assert_eq!(by_vanity["id"], by_id["id"]);

    let none = run(&mut fx.cmd(&["orgs", "get", "--vanity", "no-such-page"]));
    assert_eq!(none.code, Some(1));
    assert!(
        none.stderr
            .contains("no organization has the vanity name no-such-page"),
        "{}",
        none.stderr
    );
}

/// The smallest PNG: a signature, an IHDR of one pixel, an IDAT, an IEND.
fn one_pixel_png() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(b"\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89");
    png.extend_from_slice(b"\0\0\0\rIDATx\x9cc\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N");
    png.extend_from_slice(b"\0\0\0\0IEND\xaeB`\x82");
    png
}

/// "Images API", "Videos API", "Documents API" and the Posts API's image,
/// multi-image, video and document posts
/// (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api,
/// https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/videos-api,
/// https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/documents-api,
/// https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/multiimage-post-api):
/// each file uploaded (`initializeUpload`, the PUTs, a video finalized and
/// `AVAILABLE`), then the post made with the media's URN. Piped, nothing
/// but the URN is printed: no progress bar.
#[test]
fn posts_with_uploaded_images_a_video_and_a_document() {
    let fx = Fixture::of(
        Sandbox::builder()
            .video_processing_time(Duration::ZERO)
            .spawn()
            .unwrap(),
    );
    let files = tempfile::tempdir().unwrap();
    let path = |name: &str| files.path().join(name).to_string_lossy().into_owned();
    std::fs::write(path("one.png"), one_pixel_png()).unwrap();
    std::fs::write(path("two.png"), one_pixel_png()).unwrap();
    // 5 MB: two parts of the Videos API's 4 MiB.
    std::fs::write(path("clip.mp4"), vec![7u8; 5_000_000]).unwrap();
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.extend_from_slice(&[b'x'; 2000]);
    std::fs::write(path("deck.pdf"), pdf).unwrap();

    let with_image = ok(&mut fx.cmd(&[
        "posts",
        "create",
        "--as-me",
        "--text",
        "A pixel",
        "--image",
        &path("one.png"),
    ]));
    assert_eq!(with_image.stderr, "", "no progress bar when piped");
    let urn = with_image.stdout.trim();
    let post = fx.json(&["posts", "get", urn]);
    let image = post["content"]["media"]["id"].as_str().unwrap();
    assert!(image.starts_with("urn:li:image:"), "{post}");

    let urn = fx.create(&[
        "--as-me",
        "--text",
        "Two pixels",
        "--image",
        &path("one.png"),
        "--image",
        &path("two.png"),
    ]);
    let post = fx.json(&["posts", "get", &urn]);
    let images = post["content"]["multiImage"]["images"].as_array().unwrap();
    assert_eq!(images.len(), 2, "{post}");
    assert_ne!(images[0]["id"], images[1]["id"]);

    let before = fx.sandbox.request_count("/rest/videos");
    let urn = fx.create(&[
        "--as-me",
        "--text",
        "Watch",
        "--video",
        &path("clip.mp4"),
        "--title",
        "A clip",
    ]);
    assert!(
        fx.sandbox.request_count("/rest/videos") >= before + 2,
        "initialize and finalize"
    );
    let post = fx.json(&["posts", "get", &urn]);
    assert!(
        post["content"]["media"]["id"]
            .as_str()
            .unwrap()
            .starts_with("urn:li:video:"),
        "{post}"
    );
    assert_eq!(post["content"]["media"]["title"], "A clip");

    let urn = fx.create(&[
        "--author",
        MEMBER,
        "--text",
        "Read",
        "--document",
        &path("deck.pdf"),
        "--title",
        "The deck",
    ]);
    let post = fx.json(&["posts", "get", &urn]);
    assert!(
        post["content"]["media"]["id"]
            .as_str()
            .unwrap()
            .starts_with("urn:li:document:"),
        "{post}"
    );
    assert_eq!(post["content"]["media"]["title"], "The deck");
}

/// A video LinkedIn could not process (the Videos API's
/// `PROCESSING_FAILED`) ends the command with one line, and no post is
/// made with it.
#[test]
fn a_failed_upload_makes_no_post() {
    let fx = Fixture::of(
        Sandbox::builder()
            .video_processing_time(Duration::ZERO)
            .fail_video_processing()
            .spawn()
            .unwrap(),
    );
    let files = tempfile::tempdir().unwrap();
    let video = files.path().join("clip.mp4");
    std::fs::write(&video, vec![7u8; 100_000]).unwrap();
    let out = run(&mut fx.cmd(&[
        "posts",
        "create",
        "--as-me",
        "--text",
        "Watch",
        "--video",
        &video.to_string_lossy(),
    ]));
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("uploading") && out.stderr.contains("clip.mp4"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stdout, "");
    assert_eq!(fx.ok(&["posts", "list", "--as-me"]), "", "no post");
}

/// Issue 14, "Bad input": a file that does not exist, an image type
/// LinkedIn does not take (Images API: JPG, GIF, PNG), a video past its
/// limit (Videos API: 75 KB to 500 MB), a poll of one option (Poll API: 2
/// to 4), an author that is not a person or organization URN: one line,
/// status 1, and not one request reaches the sandbox (no userinfo, no
/// token renewal, no upload).
#[test]
fn bad_input_is_one_line_before_anything_is_sent() {
    let fx = Fixture::new();
    let files = tempfile::tempdir().unwrap();
    let path = |name: &str| files.path().join(name).to_string_lossy().into_owned();
    std::fs::write(path("photo.webp"), b"RIFF....WEBP").unwrap();
    std::fs::write(path("gif.png"), b"GIF89a\x10\x00\x10\x00").unwrap();
    std::fs::write(path("pixel.png"), one_pixel_png()).unwrap();
    std::fs::write(path("notes.txt"), b"hello").unwrap();
    // 600 MB, sparse: past the Videos API's 500 MB without writing it.
    let big = std::fs::File::create(path("big.mp4")).unwrap();
    big.set_len(600_000_000).unwrap();
    std::fs::write(path("tiny.mp4"), [0u8; 1000]).unwrap();

    let missing = path("missing.png");
    let webp = path("photo.webp");
    let gif = path("gif.png");
    let pixel = path("pixel.png");
    let notes = path("notes.txt");
    let big = path("big.mp4");
    let tiny = path("tiny.mp4");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "posts", "create", "--as-me", "--text", "hi", "--image", &missing,
            ],
            "cannot read",
        ),
        (
            vec![
                "posts", "create", "--as-me", "--text", "hi", "--video", &missing,
            ],
            "No such file",
        ),
        (
            vec![
                "posts", "create", "--as-me", "--text", "hi", "--image", &webp,
            ],
            "\"photo.webp\" is not an image LinkedIn takes: use JPG, GIF or PNG",
        ),
        (
            vec![
                "posts", "create", "--as-me", "--text", "hi", "--image", &gif,
            ],
            "the file is a GIF, not the PNG its name says",
        ),
        (
            vec![
                "posts", "create", "--as-me", "--text", "hi", "--video", &big,
            ],
            "the video is 600000000 bytes; it must be 75000 to 524288000 bytes",
        ),
        (
            vec![
                "posts", "create", "--as-me", "--text", "hi", "--video", &tiny,
            ],
            "the video is 1000 bytes",
        ),
        (
            vec![
                "posts",
                "create",
                "--as-me",
                "--text",
                "hi",
                "--document",
                &notes,
                "--title",
                "Notes",
            ],
            "\"notes.txt\" is not a document LinkedIn takes",
        ),
        (
            vec![
                "posts", "create", "--as-me", "--poll", "Which?", "--option", "Only one",
            ],
            "a poll takes 2 to 4 options, 1 were given",
        ),
        (
            vec![
                "posts", "create", "--as-me", "--text", "hi", "--image", &pixel, "--poll",
                "Which?", "--option", "A", "--option", "B",
            ],
            "a post carries one content",
        ),
        (
            vec![
                "posts",
                "create",
                "--author",
                "urn:li:image:C4E10AQ",
                "--text",
                "hi",
            ],
            "--author: expected a urn:li:person or urn:li:organization URN, found \"urn:li:image:C4E10AQ\"",
        ),
        (
            vec!["posts", "create", "--author", "me", "--text", "hi"],
            "--author: invalid URN",
        ),
        (
            vec!["posts", "list", "--author", "urn:li:share:1"],
            "--author: expected a urn:li:person or urn:li:organization URN",
        ),
        (
            vec!["posts", "create", "--as-me"],
            "the commentary of a text-only post is empty",
        ),
        (
            vec![
                "posts",
                "create",
                "--as-me",
                "--text",
                "x",
                "--article",
                "ftp://example.com",
            ],
            "is not an http or https URL",
        ),
        (
            vec!["posts", "get", "urn:li:person:1"],
            "expected a urn:li:share or urn:li:ugcPost URN",
        ),
        (vec!["posts", "delete", "share:1"], "invalid URN"),
        (
            vec!["comments", "add", "urn:li:share:1", "--text", "  "],
            "--text: ",
        ),
        (
            vec![
                "comments",
                "add",
                "urn:li:share:1",
                "--text",
                "x",
                "--actor",
                "urn:li:share:2",
            ],
            "--actor: expected a urn:li:person or urn:li:organization URN",
        ),
        (
            vec!["comments", "list", "urn:li:image:1"],
            "the target: expected",
        ),
        (
            vec!["reactions", "add", "urn:li:share:1", "--type", "WOW"],
            "--type WOW is not a reaction LinkedIn takes",
        ),
        (
            vec!["orgs", "get", "linkedin"],
            "is neither an id nor a URN",
        ),
        (
            vec!["orgs", "get", "--vanity", "two words"],
            "--vanity: the vanity name",
        ),
        (
            vec!["me", "--version", "June"],
            "--version June is not a LinkedIn-Version",
        ),
    ];
    for (args, expected) in &cases {
        let out = run(&mut fx.cmd(args));
        assert_eq!(out.code, Some(1), "{args:?}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{args:?}");
        assert_eq!(out.stderr.lines().count(), 1, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.starts_with("linkedin: ") && out.stderr.contains(expected),
            "{args:?}: {} (expected {expected:?})",
            out.stderr
        );
    }
    assert_eq!(fx.sandbox.stats().total(), 0, "nothing was sent");

    // Command-line syntax: clap's message, status 2.
    for args in [
        vec!["posts", "create", "--text", "hi"],
        vec![
            "posts", "create", "--as-me", "--author", MEMBER, "--text", "hi",
        ],
        vec!["posts", "create", "--as-me", "--document", &pixel],
        vec!["orgs", "get"],
        vec!["orgs", "get", "1", "--vanity", "x"],
    ] {
        let out = run(&mut fx.cmd(&args));
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
    }
    assert_eq!(fx.sandbox.stats().total(), 0, "nothing was sent");
}

/// Each typed command documents its connection options, with the default
/// `LinkedIn-Version`.
#[test]
fn the_typed_commands_take_the_connection_options() {
    let dir = tempfile::tempdir().unwrap();
    for command in [
        vec!["me"],
        vec!["posts", "create"],
        vec!["posts", "get"],
        vec!["comments", "add"],
        vec!["reactions", "add"],
        vec!["orgs", "mine"],
    ] {
        let mut args = command.clone();
        args.push("--help");
        let help = ok(linkedin(dir.path()).args(&args)).stdout;
        for option in ["--profile", "--base-url", "--access-token", "--version"] {
            assert!(help.contains(option), "{command:?} lacks {option}: {help}");
        }
        assert!(help.contains("[default: 202601]"), "{command:?}: {help}");
    }
}
