//! Project automation for linkedin-rs, run as `cargo xtask <task>`.
//!
//! Tasks:
//! - `ci`: everything CI checks, in order: formatting, clippy with warnings
//!   denied (`incompatible_msrv` among them), the purity check of the
//!   sans-IO crates, the MSRV check, cargo-deny's licence, bans and sources
//!   checks, the whole test suite (`cargo test --workspace`, with
//!   `RESTLI_TESTSUITE_REQUIRED=1` so the conformance tests fail when the
//!   Rest.li suite is missing), every example, the docs (all features) with
//!   warnings and broken or private intra-doc links denied, and the
//!   packaging of every published crate.
//! - `deps`: only the purity check: the sans-IO crates must not depend on
//!   IO crates or async runtimes, nor use sockets, files, processes,
//!   clocks or sleeping in their sources.
//! - `msrv`: only the MSRV check: the workspace's `rust-version` is at least
//!   what our sources' syntax needs (let chains: 1.88) and what every
//!   normal or build dependency of a published crate declares (read from
//!   `cargo metadata`, all features, every platform). Standard library
//!   items are clippy's `incompatible_msrv`'s job, in the clippy step.
//! - `deny`: only `cargo deny check licenses bans sources` (`deny.toml`),
//!   installing the pinned cargo-deny into `target/tools` when absent. Not
//!   `advisories`: the RustSec database is on GitHub, out of CI's reach.
//! - `package`: only `cargo package` of every published crate, each
//!   verified by building it from its `.crate`.
//! - `fuzz`: how to run the cargo-fuzz targets in `fuzz/`, or run one with
//!   `cargo xtask fuzz run TARGET [SECONDS]`.
//! - `docs`: only the docs step of `ci` (the workspace, then the facade as
//!   docs.rs builds it: all features, and `--cfg docsrs` for its feature
//!   badges, under `RUSTC_BOOTSTRAP=1` since CI runs stable), then that
//!   no code example on a facade page names an inner crate.
//! - `bench`: the criterion benchmarks (`cargo bench --workspace`).
//! - `examples`: runs every `[[example]]` of `examples/Cargo.toml` against
//!   its in-process sandbox (the `LINKEDIN_*` credentials removed from the
//!   environment); each must exit 0 within two minutes.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

/// The crates that must stay sans-IO.
const PURE_CRATES: &[&str] = &[
    "restli-codec",
    "linkedin-oauth",
    "linkedin-webhooks",
    "linkedin-client-core",
    "linkedin-resources",
];

/// Packages that do IO or bring an async runtime or HTTP client.
const FORBIDDEN_DEPS: &[&str] = &[
    "tokio",
    "tokio-util",
    "async-std",
    "smol",
    "mio",
    "socket2",
    "reqwest",
    "ureq",
    "hyper",
    "hyper-util",
    "h2",
    "curl",
    "isahc",
    "surf",
    "axum",
    "tower",
    "rustls",
    "native-tls",
    "openssl",
];

/// Source-level uses of IO, clocks and sleeping in the pure crates (address
/// types such as `std::net::IpAddr` are plain data and allowed).
const FORBIDDEN_PATHS: &[&str] = &[
    "TcpStream",
    "TcpListener",
    "UdpSocket",
    "ToSocketAddrs",
    "std::fs",
    "std::process",
    "std::thread::sleep",
    "SystemTime::now",
    "Instant::now",
];

/// Variables that would point an example at LinkedIn instead of its sandbox.
const LINKEDIN_CREDENTIALS: &[&str] = &[
    "LINKEDIN_ACCESS_TOKEN",
    "LINKEDIN_CLIENT_ID",
    "LINKEDIN_CLIENT_SECRET",
];

/// The variable that makes the conformance tests fail, rather than skip,
/// when `../shared/restli-testsuite` (or `RESTLI_TESTSUITE_DIR`) is absent.
const TESTSUITE_REQUIRED: &str = "RESTLI_TESTSUITE_REQUIRED";

/// How long one example may run (after it is built) before it counts as hung.
const EXAMPLE_TIMEOUT: Duration = Duration::from_secs(120);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ci") => ci(),
        Some("deps") => deps(),
        Some("msrv") => msrv(),
        Some("package") => package(),
        Some("deny") => deny(),
        Some("fuzz") => fuzz(&args[1..]),
        Some("bench") => run("cargo", &["bench", "--workspace"]),
        Some("examples") => examples(),
        Some("docs") => docs(),
        _ => {
            eprintln!(
                "usage: cargo xtask <ci | deps | msrv | deny | package | docs | examples | fuzz [run TARGET [SECONDS]] | bench>"
            );
            Err("unknown task".into())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

type TaskResult = Result<(), String>;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn run(program: &str, args: &[&str]) -> TaskResult {
    run_with_env(program, args, &[])
}

fn run_with_env(program: &str, args: &[&str], env: &[(&str, &str)]) -> TaskResult {
    eprintln!("xtask: running {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(workspace_root())
        .status()
        .map_err(|e| format!("could not start {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

fn ci() -> TaskResult {
    run("cargo", &["fmt", "--all", "--", "--check"])?;
    run(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    without_default_features()?;
    deps()?;
    msrv()?;
    deny()?;
    // CI must not pass without the Rest.li conformance suite: with this
    // set, the conformance tests fail instead of skipping when it is absent.
    run_with_env(
        "cargo",
        &["test", "--workspace"],
        &[(TESTSUITE_REQUIRED, "1")],
    )?;
    examples()?;
    docs()?;
    package()?;
    eprintln!("xtask: ci passed");
    Ok(())
}

/// The crates whose default features are optional parts a user may leave
/// out (the facade's transports, the sandbox's binary, the CLI's
/// `linkedin sandbox`).
const OPTIONAL_DEFAULTS: &[&str] = &["linkedin", "linkedin-sandbox", "linkedin-cli"];

/// Each of [`OPTIONAL_DEFAULTS`] builds, lint-clean, without its default
/// features: the CLI's `--no-default-features` build once broke unnoticed
/// (its sandbox login named the sandbox crate outside the feature).
fn without_default_features() -> TaskResult {
    for krate in OPTIONAL_DEFAULTS {
        run(
            "cargo",
            &[
                "clippy",
                "--package",
                krate,
                "--no-default-features",
                "--",
                "-D",
                "warnings",
            ],
        )?;
    }
    Ok(())
}

/// The flags the docs are built with: every warning denied, and the two
/// intra-doc link lints named as well, so that a link that does not
/// resolve (it would show as literal brackets) or points at a private item
/// fails the build whatever the lint defaults become.
const RUSTDOCFLAGS: &str =
    "-D rustdoc::broken_intra_doc_links -D rustdoc::private_intra_doc_links -D warnings";

/// Builds every crate's docs, with all features (the `blocking` parts of
/// the facade included), with [`RUSTDOCFLAGS`]; then the facade alone with
/// all its features, as docs.rs builds it (`[package.metadata.docs.rs]`
/// `all-features`), once plainly and once with `--cfg docsrs`, which turns
/// on the `doc_cfg` badges of its feature-gated items. `doc_cfg` is a
/// nightly feature and CI runs stable, so that one build sets
/// `RUSTC_BOOTSTRAP=1`, as docs.rs's nightly would not need to.
fn docs() -> TaskResult {
    run_with_env(
        "cargo",
        &["doc", "--workspace", "--no-deps", "--all-features"],
        &[("RUSTDOCFLAGS", RUSTDOCFLAGS)],
    )?;
    let facade = [
        "doc",
        "--package",
        "linkedin",
        "--no-deps",
        "--all-features",
    ];
    run_with_env("cargo", &facade, &[("RUSTDOCFLAGS", RUSTDOCFLAGS)])?;
    let docsrs = format!("{RUSTDOCFLAGS} --cfg docsrs");
    run_with_env(
        "cargo",
        &facade,
        &[("RUSTDOCFLAGS", &docsrs), ("RUSTC_BOOTSTRAP", "1")],
    )?;
    facade_examples_use_facade_paths()
}

/// The crates behind the facade, as a doc example would name them.
const INNER_CRATES: &[&str] = &[
    "restli_codec",
    "linkedin_oauth",
    "linkedin_webhooks",
    "linkedin_client_core",
    "linkedin_reqwest",
    "linkedin_ureq",
    "linkedin_sandbox",
    "linkedin_resources",
];

/// Every code example on a page of the facade's docs (its own items and
/// the ones it inlines from the crates behind it) names only `linkedin::`
/// paths: users depend on the facade, and an example they cannot paste is a
/// wrong example (issue 16). Reads the HTML `cargo doc -p linkedin` wrote.
fn facade_examples_use_facade_paths() -> TaskResult {
    let root = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
        .join("doc")
        .join("linkedin");
    let mut pages = Vec::new();
    collect_html(&root, &mut pages)?;
    if pages.is_empty() {
        return Err(format!("no facade docs under {}", root.display()));
    }
    let mut problems = Vec::new();
    for page in &pages {
        let html = std::fs::read_to_string(page)
            .map_err(|e| format!("cannot read {}: {e}", page.display()))?;
        for example in code_examples(&html) {
            for name in INNER_CRATES {
                if example.contains(&format!("{name}::")) {
                    let shown = page.strip_prefix(&root).unwrap_or(page);
                    problems.push(format!("{}: an example names `{name}::`", shown.display()));
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    if problems.is_empty() {
        eprintln!(
            "xtask: the {} pages of the facade's docs show linkedin:: paths only",
            pages.len()
        );
        Ok(())
    } else {
        Err(format!(
            "{} facade doc pages show examples with inner crate paths:\n  {}",
            problems.len(),
            problems.join("\n  ")
        ))
    }
}

fn collect_html(dir: &Path, pages: &mut Vec<PathBuf>) -> TaskResult {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect_html(&path, pages)?;
        } else if path.extension().is_some_and(|e| e == "html") {
            pages.push(path);
        }
    }
    Ok(())
}

/// The text of each rustdoc code example (`<pre class="rust ...">`) of a
/// page, its highlighting tags removed.
fn code_examples(html: &str) -> Vec<String> {
    let mut examples = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<pre class=\"rust") {
        let block = &rest[start..];
        let end = block.find("</pre>").unwrap_or(block.len());
        let mut text = String::with_capacity(end);
        let mut in_tag = false;
        for c in block[..end].chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        examples.push(text);
        rest = &block[end..];
    }
    examples
}

/// Runs every example to completion against its sandbox, failing on the
/// first that exits non-zero or hangs.
fn examples() -> TaskResult {
    let manifest = workspace_root().join("examples").join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    let names = example_names(&text);
    if names.is_empty() {
        return Err(format!("no [[example]] in {}", manifest.display()));
    }
    run(
        "cargo",
        &["build", "--quiet", "--package", "examples", "--examples"],
    )?;
    for name in &names {
        eprintln!("xtask: running example {name}");
        let started = Instant::now();
        let mut command = Command::new("cargo");
        command
            .args(["run", "--quiet", "--package", "examples", "--example", name])
            .current_dir(workspace_root());
        for variable in LINKEDIN_CREDENTIALS {
            command.env_remove(variable);
        }
        let mut child = command
            .spawn()
            .map_err(|e| format!("could not start cargo: {e}"))?;
        let status = loop {
            if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
                break status;
            }
            if started.elapsed() > EXAMPLE_TIMEOUT {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "example {name} did not finish within {} s",
                    EXAMPLE_TIMEOUT.as_secs()
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        if !status.success() {
            return Err(format!("example {name} failed ({status})"));
        }
        eprintln!(
            "xtask: example {name} passed in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    eprintln!("xtask: all {} examples passed", names.len());
    Ok(())
}

/// The `name`s of the `[[example]]` tables of a Cargo manifest.
fn example_names(manifest: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_example = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_example = line == "[[example]]";
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        if in_example && key.trim() == "name" {
            names.push(value.trim().trim_matches('"').to_owned());
        }
    }
    names
}

/// Checks that the sans-IO crates stay free of IO, both in their dependency
/// trees and in their own sources.
fn deps() -> TaskResult {
    let root = workspace_root();
    let mut problems = Vec::new();
    for krate in PURE_CRATES {
        let dir = root.join("crates").join(krate);
        if !dir.join("Cargo.toml").exists() {
            continue;
        }
        let output = Command::new("cargo")
            .args([
                "tree",
                "--quiet",
                "--package",
                krate,
                "--edges",
                "normal,build",
                "--prefix",
                "none",
                "--format",
                "{p}",
            ])
            .current_dir(&root)
            .output()
            .map_err(|e| format!("could not run cargo tree: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "cargo tree failed for {krate}: {}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        let tree = String::from_utf8_lossy(&output.stdout);
        let names: Vec<&str> = tree
            .lines()
            .filter_map(|line| line.split_whitespace().next())
            .collect();
        if names.is_empty() {
            return Err(format!("cargo tree listed nothing for {krate}"));
        }
        for name in &names {
            if FORBIDDEN_DEPS.contains(name) {
                problems.push(format!("{krate} depends on {name}, which does IO"));
            }
        }
        scan_sources(&dir.join("src"), krate, &mut problems)?;
        eprintln!(
            "xtask: {krate} is pure ({} packages in its dependency tree)",
            names.len()
        );
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the sans-IO crates must not do IO:\n  {}",
            problems.join("\n  ")
        ))
    }
}

fn scan_sources(dir: &Path, krate: &str, problems: &mut Vec<String>) -> TaskResult {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            scan_sources(&path, krate, problems)?;
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            for (number, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for forbidden in FORBIDDEN_PATHS {
                    if code.contains(forbidden) {
                        problems.push(format!(
                            "{krate}: {}:{} uses {forbidden}",
                            path.display(),
                            number + 1
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

/// A Rust release, `major.minor.patch` (`rust-version` may leave out the
/// patch; it counts as 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct RustVersion(u32, u32, u32);

impl RustVersion {
    /// Reads `1.88` or `1.88.0`; anything else is `None`.
    fn parse(text: &str) -> Option<RustVersion> {
        let mut parts = text.trim().split('.');
        let major = parts.next()?.parse().ok()?;
        let minor = parts.next()?.parse().ok()?;
        let patch = match parts.next() {
            Some(patch) => patch.parse().ok()?,
            None => 0,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(RustVersion(major, minor, patch))
    }
}

impl std::fmt::Display for RustVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.0, self.1)?;
        if self.2 != 0 {
            write!(f, ".{}", self.2)?;
        }
        Ok(())
    }
}

/// The first release of edition 2024, the floor for every crate here.
const EDITION_2024: RustVersion = RustVersion(1, 85, 0);

/// Language features newer than edition 2024 itself that the sources may
/// use, with the release that stabilised each. Standard library items are
/// not here: clippy's `incompatible_msrv` (denied in the workspace lints)
/// checks those against `rust-version` in the clippy step.
const LET_CHAINS: (&str, RustVersion) = ("let chains", RustVersion(1, 88, 0));
const IF_LET_GUARDS: (&str, RustVersion) = ("if-let guards", RustVersion(1, 95, 0));
const CFG_SELECT: (&str, RustVersion) = ("cfg_select!", RustVersion(1, 95, 0));

/// `source` with every comment and the inside of every string and
/// character literal turned into spaces (line breaks kept), so that only
/// code is left to search. Lifetimes (`'a`) are told from character
/// literals (`'a'`, `'\n'`).
fn code_only(source: &str) -> Vec<u8> {
    let bytes = source.as_bytes();
    let mut out = bytes.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for b in &mut out[from..to.min(bytes.len())] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    };
    let find = |from: usize, needle: &[u8]| {
        bytes
            .get(from..)
            .and_then(|rest| rest.windows(needle.len()).position(|w| w == needle))
            .map_or(bytes.len(), |at| from + at + needle.len())
    };
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let end = if rest.starts_with(b"//") {
            find(i, b"\n").saturating_sub(1)
        } else if rest.starts_with(b"/*") {
            find(i + 2, b"*/")
        } else if rest[0] == b'r'
            && rest[1..]
                .iter()
                .find(|&&b| b != b'#')
                .is_some_and(|&b| b == b'"')
        {
            // A raw string (not a raw identifier such as `r#type`).
            let hashes = rest[1..].iter().take_while(|&&b| b == b'#').count();
            let mut close = vec![b'"'];
            close.extend(std::iter::repeat_n(b'#', hashes));
            find(i + 2 + hashes, &close)
        } else if rest[0] == b'"' {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            j + 1
        } else if rest[0] == b'\'' && (rest.get(1) == Some(&b'\\') || rest.get(2) == Some(&b'\'')) {
            let mut j = i + 2;
            while j < bytes.len() && bytes[j] != b'\'' {
                j += 1;
            }
            j + 1
        } else {
            i += 1;
            continue;
        };
        let end = end.max(i + 1);
        blank(&mut out, i, end);
        i = end;
    }
    out
}

/// The uses of the features above in one source file, as (feature, line).
/// Comments and literals are skipped; a condition may span lines. `&&`
/// inside brackets (a closure in a scrutinee) does not make a chain.
fn syntax_uses(source: &str) -> Vec<((&'static str, RustVersion), usize)> {
    let code = code_only(source);
    let bytes = code.as_slice();
    let line_of = |offset: usize| bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    // The word `word` at `at`, not inside a longer identifier.
    let word_at = |at: usize, word: &str| {
        bytes[at..].starts_with(word.as_bytes())
            && (at == 0 || !is_ident(bytes[at - 1]))
            && bytes.get(at + word.len()).is_none_or(|&b| !is_ident(b))
    };
    let skip_space = |mut at: usize| {
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        at
    };
    let mut uses = Vec::new();
    for at in 0..bytes.len() {
        if bytes[at..].starts_with(b"&&") && word_at(skip_space(at + 2), "let") {
            uses.push((LET_CHAINS, line_of(at)));
        }
        if word_at(at, "cfg_select") && bytes[at..].starts_with(b"cfg_select!") {
            uses.push((CFG_SELECT, line_of(at)));
        }
        let head = if word_at(at, "if") {
            "if"
        } else if word_at(at, "while") {
            "while"
        } else {
            continue;
        };
        let after = skip_space(at + head.len());
        if !word_at(after, "let") {
            continue;
        }
        // Walk the condition to its end: `{` (an expression), `=>` (a
        // match guard) or `;` (something else), at bracket depth 0.
        let mut depth = 0usize;
        let mut chained = false;
        let mut i = after + 3;
        while i < bytes.len() {
            match bytes[i] {
                b'(' | b'[' => depth += 1,
                b')' | b']' => depth = depth.saturating_sub(1),
                b'{' | b';' if depth == 0 => break,
                b'&' if depth == 0 && bytes.get(i + 1) == Some(&b'&') => {
                    chained = true;
                    i += 1;
                }
                b'=' if depth == 0 && bytes.get(i + 1) == Some(&b'>') => {
                    if head == "if" {
                        uses.push((IF_LET_GUARDS, line_of(at)));
                    }
                    break;
                }
                _ => {}
            }
            i += 1;
        }
        if chained {
            uses.push((LET_CHAINS, line_of(at)));
        }
    }
    uses
}

/// Checks that `rust-version` is true: every workspace member declares the
/// same one, it is at least what our sources' syntax needs (edition 2024,
/// [`syntax_uses`]), and no normal or build dependency of a published
/// crate (all features on, every platform) declares a newer one. Newer
/// dev-dependencies only matter to our own tests and are listed, not
/// failed.
fn msrv() -> TaskResult {
    let report = check_msrv(&cargo_metadata()?)?;
    for note in &report.notes {
        eprintln!("xtask: note: {note}");
    }
    if report.problems.is_empty() {
        eprintln!("xtask: {}", report.summary);
        Ok(())
    } else {
        Err(format!(
            "rust-version is not true:\n  {}",
            report.problems.join("\n  ")
        ))
    }
}

/// `cargo metadata` of the workspace, all features on, every platform.
fn cargo_metadata() -> Result<serde_json::Value, String> {
    let output = Command::new("cargo")
        .args([
            "metadata",
            "--format-version",
            "1",
            "--all-features",
            "--locked",
        ])
        .current_dir(workspace_root())
        .output()
        .map_err(|e| format!("could not run cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("cargo metadata printed something other than JSON: {e}"))
}

/// The workspace members that may be published (no `publish = false`), as
/// (package id, name).
fn published_members(metadata: &serde_json::Value) -> Vec<(&str, &str)> {
    let members: Vec<&str> = metadata
        .get("workspace_members")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(serde_json::Value::as_str)
        .collect();
    metadata
        .get("packages")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|p| Some((p.get("id")?.as_str()?, p)))
        .filter(|(id, _)| members.contains(id))
        .filter(|(_, p)| {
            p.get("publish")
                .and_then(|p| p.as_array())
                .is_none_or(|registries| !registries.is_empty())
        })
        .filter_map(|(id, p)| Some((id, p.get("name")?.as_str()?)))
        .collect()
}

/// `cargo package` of every published crate (not `--workspace`, which
/// would package the `publish = false` ones too), each built from its
/// `.crate` against the others through cargo's local overlay, so that a
/// file left out of a package or a path-only dependency fails here rather
/// than at `cargo publish`. `--allow-dirty`: the check is of what would be
/// packaged, and should run on a working tree with changes too.
fn package() -> TaskResult {
    let metadata = cargo_metadata()?;
    let published = published_members(&metadata);
    if published.is_empty() {
        return Err("no workspace member may be published".into());
    }
    clear_stale_overlay_sources(&published)?;
    // A target directory of its own, emptied first: cargo takes registry
    // crates as immutable, so artifacts built from an earlier run's copies
    // of our packages would be reused without a look at their sources.
    let verify_target = workspace_root().join("target").join("package-verify");
    if verify_target.exists() {
        std::fs::remove_dir_all(&verify_target)
            .map_err(|e| format!("cannot remove {}: {e}", verify_target.display()))?;
    }
    let verify_target = verify_target.to_string_lossy().into_owned();
    let mut args = vec![
        "package",
        "--locked",
        "--allow-dirty",
        "--target-dir",
        &verify_target,
    ];
    for (_, name) in &published {
        args.extend(["--package", name]);
    }
    let started = Instant::now();
    run("cargo", &args)?;
    eprintln!(
        "xtask: {} crates packaged and verified in {:.0} s",
        published.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Removes cargo's extracted copies of our own packages from the local
/// registries `cargo package` verifies against.
///
/// `cargo package` puts the `.crate` files it makes in a registry under
/// `target/package/tmp-registry` and builds each package against it;
/// cargo extracts those crates into `$CARGO_HOME/registry/src/-<hash of
/// that path>/<name>-<version>` and, finding that folder there the next
/// time, never extracts again. A second run from the same checkout path
/// (or a CI checkout at a path used before) would then verify against the
/// sources of an earlier run: this session saw a verification fail on API
/// that the packaged crate had. Those folders are caches; removing them
/// only makes cargo extract the new `.crate`s. Registries with a name
/// (crates.io's `index.crates.io-...`) are left alone.
fn clear_stale_overlay_sources(published: &[(&str, &str)]) -> TaskResult {
    let cargo_home = match std::env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home),
        None => match std::env::var_os("HOME") {
            Some(home) => PathBuf::from(home).join(".cargo"),
            None => return Ok(()),
        },
    };
    let sources = cargo_home.join("registry").join("src");
    let Ok(registries) = std::fs::read_dir(&sources) else {
        return Ok(());
    };
    let mut removed = 0;
    for registry in registries.flatten() {
        let unnamed = registry.file_name().to_string_lossy().starts_with('-');
        if !unnamed || !registry.path().is_dir() {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(registry.path()) else {
            continue;
        };
        for entry in entries.flatten() {
            let folder = entry.file_name().to_string_lossy().into_owned();
            let ours = published.iter().any(|(_, name)| {
                folder
                    .strip_prefix(name)
                    .and_then(|rest| rest.strip_prefix('-'))
                    .is_some_and(|version| version.starts_with(|c: char| c.is_ascii_digit()))
            });
            if ours {
                std::fs::remove_dir_all(entry.path())
                    .map_err(|e| format!("cannot remove {}: {e}", entry.path().display()))?;
                removed += 1;
            }
        }
    }
    if removed > 0 {
        eprintln!(
            "xtask: removed {removed} stale extracted copies of our packages from cargo's local registries"
        );
    }
    Ok(())
}

/// What [`check_msrv`] found.
struct MsrvReport {
    summary: String,
    problems: Vec<String>,
    notes: Vec<String>,
}

fn check_msrv(metadata: &serde_json::Value) -> Result<MsrvReport, String> {
    use std::collections::{BTreeMap, BTreeSet};
    let field = |value: &serde_json::Value, key: &str| -> Result<serde_json::Value, String> {
        value
            .get(key)
            .cloned()
            .ok_or_else(|| format!("cargo metadata: no `{key}`"))
    };
    let packages = field(metadata, "packages")?;
    let packages = packages
        .as_array()
        .ok_or("cargo metadata: `packages` is not a list")?;
    let members: BTreeSet<&str> = metadata
        .get("workspace_members")
        .and_then(serde_json::Value::as_array)
        .ok_or("cargo metadata: no `workspace_members`")?
        .iter()
        .filter_map(serde_json::Value::as_str)
        .collect();
    let by_id: BTreeMap<&str, &serde_json::Value> = packages
        .iter()
        .filter_map(|p| Some((p.get("id")?.as_str()?, p)))
        .collect();
    let name_of = |p: &serde_json::Value| {
        format!(
            "{} {}",
            p.get("name").and_then(|v| v.as_str()).unwrap_or("?"),
            p.get("version").and_then(|v| v.as_str()).unwrap_or("?")
        )
    };
    let rust_version = |p: &serde_json::Value| {
        p.get("rust_version")
            .and_then(|v| v.as_str())
            .and_then(RustVersion::parse)
    };

    let mut problems = Vec::new();
    let mut notes = Vec::new();

    // Ours: one rust-version across the workspace.
    let mut ours: Option<RustVersion> = None;
    for id in &members {
        let package = by_id
            .get(id)
            .ok_or_else(|| format!("cargo metadata: no package {id}"))?;
        match rust_version(package) {
            None => problems.push(format!("{} declares no rust-version", name_of(package))),
            Some(version) if ours.is_some_and(|ours| ours != version) => problems.push(format!(
                "{} declares rust-version {version}, the workspace {}",
                name_of(package),
                ours.unwrap_or(version)
            )),
            Some(version) => ours = Some(version),
        }
    }
    let ours = ours.ok_or("no workspace member declares a rust-version")?;

    // What our sources need.
    let mut needed = (EDITION_2024, "edition 2024".to_owned());
    let dirs: BTreeSet<&Path> = members
        .iter()
        .filter_map(|id| by_id.get(id)?.get("manifest_path")?.as_str())
        .filter_map(|manifest| Path::new(manifest).parent())
        .collect();
    for dir in dirs.into_iter().filter(|dir| dir.is_dir()) {
        scan_syntax(dir, ours, &mut needed, &mut problems)?;
    }

    // What the dependencies of published crates need.
    let nodes = field(&field(metadata, "resolve")?, "nodes")?;
    let nodes: BTreeMap<&str, &serde_json::Value> = nodes
        .as_array()
        .ok_or("cargo metadata: `resolve.nodes` is not a list")?
        .iter()
        .filter_map(|n| Some((n.get("id")?.as_str()?, n)))
        .collect();
    // The packages reachable from `roots`, through normal and build
    // edges only (`shipped`) or through dev edges as well.
    let reachable = |roots: &[&str], shipped: bool| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<String> = roots.iter().map(|id| id.to_string()).collect();
        while let Some(id) = stack.pop() {
            let deps = nodes
                .get(id.as_str())
                .and_then(|n| n.get("deps"))
                .and_then(|d| d.as_array());
            for dep in deps.into_iter().flatten() {
                let Some(pkg) = dep.get("pkg").and_then(|p| p.as_str()) else {
                    continue;
                };
                // Each kind is `null` (normal), "build" or "dev".
                let kinds = dep.get("dep_kinds").and_then(|k| k.as_array());
                let normal_or_build = kinds.into_iter().flatten().any(|k| {
                    matches!(k.get("kind").and_then(|k| k.as_str()), None | Some("build"))
                });
                if (normal_or_build || !shipped) && seen.insert(pkg.to_owned()) {
                    stack.push(pkg.to_owned());
                }
            }
        }
        seen
    };
    let published: Vec<&str> = published_members(metadata)
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let all_members: Vec<&str> = members.iter().copied().collect();
    let shipped = reachable(&published, true);
    let everything = reachable(&all_members, false);
    let mut newest_shipped: Option<(RustVersion, String)> = None;
    let mut unknown = Vec::new();
    let mut too_new = Vec::new();
    let mut dev_too_new = Vec::new();
    for id in &everything {
        if members.contains(id.as_str()) {
            continue;
        }
        let Some(package) = by_id.get(id.as_str()) else {
            continue;
        };
        let is_shipped = shipped.contains(id);
        match rust_version(package) {
            None if is_shipped => unknown.push(name_of(package)),
            None => {}
            Some(version) if is_shipped => {
                if version > ours {
                    too_new.push(format!(
                        "{} needs Rust {version} and is a dependency of a published crate",
                        name_of(package)
                    ));
                }
                if newest_shipped.as_ref().is_none_or(|(v, _)| version > *v) {
                    newest_shipped = Some((version, name_of(package)));
                }
            }
            Some(version) if version > ours => dev_too_new.push(format!(
                "{} needs Rust {version} (it only builds our tests and benches)",
                name_of(package)
            )),
            Some(_) => {}
        }
    }
    problems.extend(too_new);
    notes.extend(dev_too_new);
    if !unknown.is_empty() {
        notes.push(format!(
            "{} shipped dependencies declare no rust-version: {}",
            unknown.len(),
            unknown.join(", ")
        ));
    }
    if needed.0 > ours {
        problems.push(format!(
            "our rust-version is {ours}, but {} needs Rust {}",
            needed.1, needed.0
        ));
    }
    let deps = newest_shipped
        .map(|(v, name)| format!("the newest dependency needs {v} ({name})"))
        .unwrap_or_else(|| "no dependency declares one".to_owned());
    Ok(MsrvReport {
        summary: format!(
            "rust-version {ours} is true: our syntax needs {} ({}), {deps}; clippy's incompatible_msrv checks the std items",
            needed.0, needed.1
        ),
        problems,
        notes,
    })
}

/// Finds uses of the features [`syntax_uses`] knows under `dir`, raising `needed` to the
/// newest one and reporting every use newer than `ours`.
fn scan_syntax(
    dir: &Path,
    ours: RustVersion,
    needed: &mut (RustVersion, String),
    problems: &mut Vec<String>,
) -> TaskResult {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|name| name == "target") {
                continue;
            }
            scan_syntax(&path, ours, needed, problems)?;
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            for ((feature, since), line) in syntax_uses(&text) {
                let at = format!("{feature} at {}:{line}", path.display());
                if since > ours {
                    problems.push(format!("{at} needs Rust {since}"));
                }
                if since > needed.0 {
                    *needed = (since, at);
                }
            }
        }
    }
    Ok(())
}

/// The cargo-deny `cargo xtask deny` installs and runs (crates.io,
/// `--locked`); bump it on purpose.
const CARGO_DENY_VERSION: &str = "0.20.2";

/// `cargo deny check licenses bans sources` against `deny.toml`, with the
/// pinned cargo-deny, installed into `target/tools` first when it is not
/// there (a few minutes on two cores). Offline: these three checks read
/// only `cargo metadata`. The advisories check is left out because it
/// needs the RustSec database from GitHub, which CI cannot reach, and
/// cargo-deny has no database to read offline.
fn deny() -> TaskResult {
    let root = workspace_root();
    let tools = root.join("target").join("tools");
    let binary = tools
        .join("bin")
        .join(format!("cargo-deny{}", std::env::consts::EXE_SUFFIX));
    let wanted = format!("cargo-deny {CARGO_DENY_VERSION}");
    let installed = Command::new(&binary)
        .arg("--version")
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned());
    if installed.as_deref() != Some(wanted.as_str()) {
        let started = Instant::now();
        let spec = format!("cargo-deny@{CARGO_DENY_VERSION}");
        let tools = tools.to_string_lossy().into_owned();
        run(
            "cargo",
            &["install", "--locked", "--root", &tools, "--force", &spec],
        )?;
        eprintln!(
            "xtask: installed {wanted} in {:.0} s",
            started.elapsed().as_secs_f64()
        );
    }
    let binary = binary.to_string_lossy().into_owned();
    run(
        &binary,
        &[
            "--locked",
            "--offline",
            "check",
            "licenses",
            "bans",
            "sources",
        ],
    )
}

/// The fuzz targets of `fuzz/` (see `fuzz/Cargo.toml`).
const FUZZ_TARGETS: &[&str] = &[
    "from_str",
    "from_str_reduced",
    "urn_parse",
    "urn_serde",
    "projection_parse",
];

/// Inputs up to 1 MiB: the size of a hostile header or body field, and
/// enough room for the nested-URN seed (100,000 levels, the issue's case).
const FUZZ_MAX_LEN: usize = 1 << 20;

/// Nesting levels of the generated seeds.
const SEED_LEVELS: usize = 100_000;

fn fuzz(args: &[String]) -> TaskResult {
    match args.first().map(String::as_str) {
        Some("run") => {
            let target = args
                .get(1)
                .ok_or("usage: cargo xtask fuzz run TARGET [SECONDS]")?;
            if !FUZZ_TARGETS.contains(&target.as_str()) {
                return Err(format!(
                    "unknown fuzz target {target}; the targets are {}",
                    FUZZ_TARGETS.join(", ")
                ));
            }
            let seconds = args.get(2).map(String::as_str).unwrap_or("60");
            let max_time = format!("-max_total_time={seconds}");
            let max_len = format!("-max_len={FUZZ_MAX_LEN}");
            let fuzz_dir = workspace_root().join("fuzz");
            let corpus = fuzz_dir.join("corpus").join(target);
            write_fuzz_seeds(&corpus)?;
            let corpus = corpus.to_string_lossy().into_owned();
            let seeds = fuzz_dir.join("seeds").to_string_lossy().into_owned();
            eprintln!("xtask: running fuzz target {target} for {seconds}s ({max_len})");
            // The first corpus directory receives new inputs; `seeds/` (the
            // committed small seeds) is only read.
            let status = Command::new("cargo")
                .args([
                    "fuzz", "run", target, &corpus, &seeds, "--", &max_time, &max_len,
                ])
                .env("RUSTC_BOOTSTRAP", "1")
                .current_dir(&fuzz_dir)
                .status()
                .map_err(|e| format!("could not start cargo fuzz: {e}"))?;
            if status.success() {
                Ok(())
            } else {
                Err(format!(
                    "fuzz target {target} failed ({status}); is cargo-fuzz installed? (cargo install cargo-fuzz)"
                ))
            }
        }
        _ => {
            println!(
                "Fuzzing the decoders (targets live in fuzz/, outside the workspace):\n\
                 \n  cargo install cargo-fuzz          # once\n\
                 \x20 cargo xtask fuzz run from_str 60  # or {}\n\
                 \n\
                 cargo-fuzz needs nightly features; `cargo xtask fuzz run` sets\n\
                 RUSTC_BOOTSTRAP=1 so the stable toolchain works, passes -max_len={FUZZ_MAX_LEN},\n\
                 and writes deeply nested seeds into fuzz/corpus/<target>/. Crashes are written to\n\
                 fuzz/artifacts/<target>/ and can be replayed with\n\
                 `cargo fuzz run <target> fuzz/artifacts/<target>/<file>`.\n\
                 See fuzz/README.md for details.",
                FUZZ_TARGETS.join(", ")
            );
            Ok(())
        }
    }
}

/// Writes the generated seeds (too large to commit) into a target's corpus
/// directory: URNs nested in URN ids and in tuples, as raw text and as JSON
/// strings, nested lists and maps, and a deeply nested projection, each
/// 100,000 levels deep, the inputs that once exhausted the stack.
fn write_fuzz_seeds(corpus: &Path) -> TaskResult {
    std::fs::create_dir_all(corpus)
        .map_err(|e| format!("could not create {}: {e}", corpus.display()))?;
    let nested_urn = format!("{}1", "urn:a:b:".repeat(SEED_LEVELS));
    let nested_tuple = format!(
        "urn:a:b:{}1{}",
        "(urn:a:b:".repeat(SEED_LEVELS / 2),
        ")".repeat(SEED_LEVELS / 2)
    );
    let seeds = [
        ("seed-nested-urn", nested_urn.clone()),
        ("seed-nested-urn-json", format!("\"{nested_urn}\"")),
        ("seed-nested-tuple-urn", nested_tuple.clone()),
        ("seed-nested-tuple-urn-json", format!("\"{nested_tuple}\"")),
        (
            "seed-nested-lists",
            format!(
                "{}1{}",
                "List(".repeat(SEED_LEVELS),
                ")".repeat(SEED_LEVELS)
            ),
        ),
        (
            "seed-nested-maps",
            format!("{}1{}", "(a:".repeat(SEED_LEVELS), ")".repeat(SEED_LEVELS)),
        ),
        (
            "seed-nested-projection",
            format!("{}x{}", "a:(".repeat(SEED_LEVELS), ")".repeat(SEED_LEVELS)),
        ),
    ];
    for (name, text) in seeds {
        let bytes = text.as_bytes();
        let bytes = bytes.get(..FUZZ_MAX_LEN).unwrap_or(bytes);
        let path = corpus.join(name);
        std::fs::write(&path, bytes)
            .map_err(|e| format!("could not write {}: {e}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(source: &str) -> Vec<(&'static str, usize)> {
        syntax_uses(source)
            .into_iter()
            .map(|((name, _), line)| (name, line))
            .collect()
    }

    #[test]
    fn code_examples_are_read_without_their_highlighting() {
        let html = concat!(
            "<p>restli_codec::Request in prose</p>",
            "<pre class=\"rust rust-example-rendered\"><code><span class=\"kw\">use </span>",
            "restli_codec::Patch;</code></pre>",
            "<pre class=\"rust\"><code>linkedin::Request::get(<span>\"/me\"</span>)</code></pre>",
        );
        assert_eq!(
            code_examples(html),
            [
                "use restli_codec::Patch;",
                "linkedin::Request::get(\"/me\")"
            ]
        );
        assert!(code_examples("<pre class=\"rust\">unterminated").len() == 1);
        assert!(code_examples("no code").is_empty());
    }

    #[test]
    fn rust_versions_parse_with_or_without_a_patch() {
        assert_eq!(RustVersion::parse("1.88"), Some(RustVersion(1, 88, 0)));
        assert_eq!(RustVersion::parse("1.85.1"), Some(RustVersion(1, 85, 1)));
        assert_eq!(RustVersion::parse("1"), None);
        assert_eq!(RustVersion::parse("1.88.0.1"), None);
        assert_eq!(RustVersion::parse("1.x"), None);
        assert!(RustVersion(1, 87, 0) < RustVersion(1, 88, 0));
        assert_eq!(RustVersion(1, 88, 0).to_string(), "1.88");
        assert_eq!(RustVersion(1, 85, 1).to_string(), "1.85.1");
    }

    #[test]
    fn let_chains_are_found_in_either_order_and_across_lines() {
        assert_eq!(
            features("fn f() {\n    if a && let Some(b) = c {}\n}"),
            [("let chains", 2)]
        );
        assert_eq!(
            features("if let Some(x) = y\n    && x > 1\n{\n}"),
            [("let chains", 1)]
        );
        assert_eq!(
            features("while let Some(x) = it.next() && x.ok() {}"),
            [("let chains", 1)]
        );
    }

    #[test]
    fn plain_conditions_comments_and_literals_are_not_let_chains() {
        assert!(features("if let Some(x) = y { a && b }").is_empty());
        assert!(features("let ok = a && b;\nif a && b {}").is_empty());
        assert!(features("if let Some(x) = v.iter().find(|a| a.p && a.q) {}").is_empty());
        assert!(features("// if a && let Some(b) = c {}\n/* && let */").is_empty());
        assert!(features(r#"let s = "if a && let b"; let r = r"&& let";"#).is_empty());
        assert!(features("let q = '\"'; if a && let Some(b) = c {}").len() == 1);
        assert!(features("fn f<'a>(x: &'a str) { let r#type = 1; }").is_empty());
    }

    #[test]
    fn if_let_guards_and_cfg_select_are_found() {
        assert_eq!(
            features("match x {\n    Some(y) if let Ok(z) = y.parse() => z,\n}"),
            [("if-let guards", 2)]
        );
        assert_eq!(features("cfg_select! { unix => {} }"), [("cfg_select!", 1)]);
        assert!(
            features("let v = if let Some(x) = y { match x { _ => 1 } } else { 0 };").is_empty()
        );
    }

    /// A `cargo metadata` answer with one published crate `app` (a normal
    /// dependency `old`, a build dependency `gen`, a dev-dependency `bench`)
    /// and one unpublished `tool`.
    fn metadata(ours: &str, old: &str, generator: &str, bench: &str) -> serde_json::Value {
        metadata_in(
            &std::env::temp_dir().join("xtask-msrv-test-no-sources"),
            ours,
            old,
            generator,
            bench,
        )
    }

    fn metadata_in(
        dir: &Path,
        ours: &str,
        old: &str,
        generator: &str,
        bench: &str,
    ) -> serde_json::Value {
        let manifest = dir.join("Cargo.toml").to_string_lossy().into_owned();
        let package = |id: &str, rust: &str, publish: serde_json::Value| {
            serde_json::json!({
                "id": id, "name": id, "version": "1.0.0",
                "rust_version": rust, "publish": publish,
                "manifest_path": manifest,
            })
        };
        let dep = |pkg: &str, kind: serde_json::Value| serde_json::json!({ "pkg": pkg, "dep_kinds": [{ "kind": kind, "target": null }] });
        serde_json::json!({
            "packages": [
                package("app", ours, serde_json::Value::Null),
                package("tool", ours, serde_json::json!([])),
                package("old", old, serde_json::Value::Null),
                package("gen", generator, serde_json::Value::Null),
                package("bench", bench, serde_json::Value::Null),
            ],
            "workspace_members": ["app", "tool"],
            "resolve": { "nodes": [
                { "id": "app", "deps": [dep("old", serde_json::Value::Null), dep("gen", "build".into()), dep("bench", "dev".into())] },
                { "id": "tool", "deps": [dep("bench", serde_json::Value::Null)] },
                { "id": "old", "deps": [] },
                { "id": "gen", "deps": [] },
                { "id": "bench", "deps": [] },
            ]},
        })
    }

    #[test]
    fn only_crates_without_publish_false_are_packaged() {
        let metadata = metadata("1.88", "1.60", "1.60", "1.60");
        assert_eq!(published_members(&metadata), [("app", "app")]);
    }

    #[test]
    fn dependencies_no_newer_than_ours_pass() {
        let report = check_msrv(&metadata("1.88", "1.87", "1.88", "1.95")).unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert!(
            report.summary.contains("1.88 (gen 1.0.0)"),
            "{}",
            report.summary
        );
        assert_eq!(report.notes.len(), 1, "{:?}", report.notes);
        assert!(report.notes[0].starts_with("bench 1.0.0 needs Rust 1.95"));
    }

    #[test]
    fn a_normal_or_build_dependency_newer_than_ours_fails() {
        let report = check_msrv(&metadata("1.88", "1.89", "1.90.1", "1.80")).unwrap();
        assert_eq!(report.problems.len(), 2, "{:?}", report.problems);
        assert!(
            report
                .problems
                .iter()
                .any(|p| p.starts_with("old 1.0.0 needs Rust 1.89"))
        );
        assert!(
            report
                .problems
                .iter()
                .any(|p| p.starts_with("gen 1.0.0 needs Rust 1.90.1"))
        );
    }

    #[test]
    fn ours_below_edition_2024_fails() {
        let report = check_msrv(&metadata("1.84", "1.60", "1.60", "1.60")).unwrap();
        assert_eq!(
            report.problems,
            ["our rust-version is 1.84, but edition 2024 needs Rust 1.85"]
        );
    }

    #[test]
    fn a_let_chain_in_our_sources_needs_1_88() {
        let dir = std::env::temp_dir().join(format!("xtask-msrv-test-{}", std::process::id()));
        let src = dir.join("src");
        std::fs::create_dir_all(&src).unwrap();
        std::fs::write(
            src.join("lib.rs"),
            "pub fn f(a: bool, b: Option<u8>) -> bool {\n    if a && let Some(_) = b {\n        return true;\n    }\n    false\n}\n",
        )
        .unwrap();
        let too_old = check_msrv(&metadata_in(&dir, "1.87", "1.60", "1.60", "1.60"));
        let enough = check_msrv(&metadata_in(&dir, "1.88", "1.60", "1.60", "1.60"));
        std::fs::remove_dir_all(&dir).unwrap();
        let too_old = too_old.unwrap();
        assert_eq!(too_old.problems.len(), 2, "{:?}", too_old.problems);
        assert!(too_old.problems[0].starts_with("let chains at "));
        assert!(too_old.problems[0].ends_with("lib.rs:2 needs Rust 1.88"));
        assert!(too_old.problems[1].starts_with("our rust-version is 1.87, but let chains at "));
        assert!(enough.unwrap().problems.is_empty());
    }
}
