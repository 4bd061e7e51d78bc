//! The crate stays sans-IO: its normal dependencies are an explicit allow-list
//! of pure crates (`cargo xtask deps` checks the whole tree and the sources).

const ALLOWED: &[&str] = &[
    "serde",
    "serde_json",
    "http",
    "percent-encoding",
    "thiserror",
    "hmac",
    "sha2",
    "hex",
];

const IO_CRATES: &[&str] = &[
    "tokio",
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

#[test]
fn normal_dependencies_are_pure() {
    let manifest = include_str!("../Cargo.toml");
    let mut section = "";
    let mut found = Vec::new();
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            section = line;
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if section == "[dependencies]" || section == "[build-dependencies]" {
            let name = line
                .split(['=', '.', ' '])
                .next()
                .unwrap_or_default()
                .trim();
            found.push(name.to_owned());
        }
    }
    assert!(!found.is_empty(), "no dependencies parsed");
    for name in &found {
        assert!(!IO_CRATES.contains(&name.as_str()), "{name} does IO");
        assert!(
            ALLOWED.contains(&name.as_str()),
            "{name} is not on the allow-list of pure crates"
        );
    }
}
