//! Project automation for linkedin-rs, run as `cargo xtask <task>`.
//!
//! Tasks:
//! - `ci`: everything CI checks, in order: formatting, clippy with warnings
//!   denied, the purity check of the sans-IO crates, the whole test suite
//!   (`cargo test --workspace`, with `RESTLI_TESTSUITE_REQUIRED=1` so the
//!   conformance tests fail when the Rest.li suite is missing), every
//!   example, and the docs (all features) with warnings and broken or
//!   private intra-doc links denied.
//! - `deps`: only the purity check: the sans-IO crates must not depend on
//!   IO crates or async runtimes, nor use sockets, files, processes,
//!   clocks or sleeping in their sources.
//! - `fuzz`: how to run the cargo-fuzz targets in `fuzz/`, or run one with
//!   `cargo xtask fuzz run TARGET [SECONDS]`.
//! - `docs`: only the docs step of `ci` (the workspace, then the facade as
//!   docs.rs builds it: all features, and `--cfg docsrs` for its feature
//!   badges, under `RUSTC_BOOTSTRAP=1` since CI runs stable).
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
        Some("fuzz") => fuzz(&args[1..]),
        Some("bench") => run("cargo", &["bench", "--workspace"]),
        Some("examples") => examples(),
        Some("docs") => docs(),
        _ => {
            eprintln!(
                "usage: cargo xtask <ci | deps | docs | examples | fuzz [run TARGET [SECONDS]] | bench>"
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
    deps()?;
    // CI must not pass without the Rest.li conformance suite: with this
    // set, the conformance tests fail instead of skipping when it is absent.
    run_with_env(
        "cargo",
        &["test", "--workspace"],
        &[(TESTSUITE_REQUIRED, "1")],
    )?;
    examples()?;
    docs()?;
    eprintln!("xtask: ci passed");
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
    )
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

/// The fuzz targets of `fuzz/` (see `fuzz/Cargo.toml`).
const FUZZ_TARGETS: &[&str] = &[
    "from_str",
    "from_str_reduced",
    "urn_parse",
    "urn_serde",
    "projection_parse",
];

/// Inputs up to 1 MiB: the size of a hostile header or body field, and
/// enough room for the nested-URN seed (100,000 levels, the case).
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
