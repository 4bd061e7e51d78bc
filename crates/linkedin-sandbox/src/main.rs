//! `linkedin-sandbox`: serve the sandbox on a local port until Ctrl-C;
//! `linkedin-sandbox record` and `linkedin-sandbox replay` record real
//! traffic and answer from it.

use std::process::ExitCode;

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Parser;
use linkedin_sandbox::{App, Sandbox};

/// The longest `--apps` file read.
const MAX_APPS_FILE: u64 = 1024 * 1024;

/// A local, LinkedIn-shaped Rest.li and OAuth server.
#[derive(Debug, Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Args {
    /// Without a subcommand, the sandbox itself is served.
    #[command(subcommand)]
    command: Option<Command>,
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The static access token to accept.
    #[arg(long, default_value = Sandbox::DEFAULT_ACCESS_TOKEN)]
    access_token: String,
    /// The OAuth client id to register.
    #[arg(long, default_value = Sandbox::DEFAULT_CLIENT_ID)]
    client_id: String,
    /// The OAuth client secret to register.
    #[arg(long, default_value = Sandbox::DEFAULT_CLIENT_SECRET)]
    client_secret: String,
    /// Start without the seed data.
    #[arg(long)]
    empty: bool,
    /// How long member (3-legged) access tokens live, in seconds (default
    /// LinkedIn's 60 days; at most 366 days), so clients' renewal can be
    /// exercised.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 60 * 24 * 3600,
        value_parser = clap::value_parser!(u64).range(1..=366 * 24 * 3600)
    )]
    token_ttl: u64,
    /// Register these applications instead of --client-id/--client-secret:
    /// a JSON array of {"client_id", "client_secret", "redirect_uris": [..],
    /// "refresh_tokens", "client_credentials", "pkce"} (capabilities
    /// default to false, redirect URIs to the loopback callbacks).
    #[arg(long, value_name = "FILE")]
    apps: Option<PathBuf>,
    /// Name {origin}/oauth as the OpenID Connect issuer instead of
    /// https://www.linkedin.com/oauth.
    #[arg(long)]
    oidc_issuer_origin: bool,
    /// The scopes of the static access token, space- or comma-separated
    /// (default: every scope, so any endpoint accepts it).
    #[arg(long)]
    scopes: Option<String>,
    /// The newest LinkedIn-Version /rest serves (YYYYMM).
    #[arg(long, default_value = Sandbox::DEFAULT_CURRENT_VERSION)]
    current_version: restli_codec::LinkedInVersion,
    /// How many monthly versions before the current one are still served.
    #[arg(long, default_value_t = Sandbox::DEFAULT_VERSION_WINDOW)]
    version_window: u32,
    /// Daily calls per application and endpoint (default: no quota).
    #[arg(long)]
    app_quota: Option<u32>,
    /// Daily calls per member, application and endpoint (default: no quota).
    #[arg(long)]
    member_quota: Option<u32>,
    /// Seed synthetic ads data from this number: campaigns and creatives
    /// under the seeded accounts, and the adAnalytics reports on them
    /// (default: none; the same seed gives the same data).
    #[arg(long, value_name = "SEED")]
    ads_seed: Option<u64>,
    /// How many campaigns --ads-seed makes (at most 10000).
    #[arg(long, value_name = "N", default_value_t = 20, requires = "ads_seed",
          value_parser = clap::value_parser!(u16).range(1..=10_000))]
    ads_campaigns: u16,
    /// The most rows one adAnalytics answer holds before it is refused
    /// (LinkedIn's 15000 by default; lower it to see reports split).
    #[arg(long, value_name = "ROWS", value_parser = clap::value_parser!(u32).range(1..))]
    analytics_row_cap: Option<u32>,
}

/// Reads `--apps FILE`: a bounded JSON array of apps.
fn read_apps(path: &Path) -> Result<Vec<App>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut text = String::new();
    file.take(MAX_APPS_FILE + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if text.len() as u64 > MAX_APPS_FILE {
        return Err(format!(
            "{}: longer than {MAX_APPS_FILE} bytes",
            path.display()
        ));
    }
    let apps: Vec<App> =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if apps.is_empty() {
        return Err(format!("{}: no application in the array", path.display()));
    }
    Ok(apps)
}

/// The `linkedin auth login` commands that sign in with each app, as the
/// banner prints them.
fn login_commands(sandbox: &Sandbox) -> Vec<String> {
    let mut lines = Vec::new();
    for app in sandbox.apps() {
        let base = format!(
            "LINKEDIN_CLIENT_SECRET={} linkedin auth login --client-id {} --oauth-base-url {} --base-url {}",
            app.client_secret(),
            app.client_id(),
            sandbox.oauth_url(),
            sandbox.origin()
        );
        // PKCE is for native apps (LinkedIn enables it for them on request;
        // https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow-native),
        // and the SDK leaves it off by default. The default app accepts it
        // too, keeping every capability, but signs in as a web app would.
        let native = app.has_pkce() && app.client_id() != Sandbox::DEFAULT_CLIENT_ID;
        let pkce = if native { " --pkce" } else { "" };
        lines.push(format!(
            "{base}{pkce} --scope openid --scope profile --scope email"
        ));
        if app.has_client_credentials() {
            lines.push(format!("{base} --client-credentials"));
        }
    }
    lines
}

/// One line per app: its id, secret and capabilities.
fn app_lines(sandbox: &Sandbox) -> Vec<String> {
    sandbox
        .apps()
        .iter()
        .map(|app| {
            let yes_no = |on: bool| if on { "yes" } else { "no" };
            format!(
                "{} / {}  (refresh tokens: {}, client credentials: {}, PKCE: {})",
                app.client_id(),
                app.client_secret(),
                yes_no(app.has_refresh_tokens()),
                yes_no(app.has_client_credentials()),
                yes_no(app.has_pkce())
            )
        })
        .collect()
}

/// The binary serves whoever connects (browsers, the CLI, several test
/// processes at once): a multi-threaded runtime keeps one slow request from
/// stalling the others.
fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
}

fn main() -> ExitCode {
    let mut args = Args::parse();
    let command = args.command.take();
    match runtime() {
        Ok(runtime) if command.is_some() => runtime.block_on(run(command)),
        Ok(runtime) => runtime.block_on(serve(args)),
        Err(e) => {
            eprintln!("linkedin-sandbox: cannot start the runtime: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(args: Args) -> ExitCode {
    let mut builder = Sandbox::builder()
        .port(args.port)
        .access_token(args.access_token)
        .access_token_lifetime(Duration::from_secs(args.token_ttl));
    match &args.apps {
        Some(path) => match read_apps(path) {
            Ok(apps) => {
                for app in apps {
                    builder = builder.app(app);
                }
            }
            Err(e) => {
                eprintln!("linkedin-sandbox: --apps {e}");
                return ExitCode::FAILURE;
            }
        },
        None => builder = builder.client(args.client_id, args.client_secret),
    }
    if args.empty {
        builder = builder.empty();
    }
    if args.oidc_issuer_origin {
        builder = builder.oidc_issuer_origin();
    }
    builder = builder
        .current_version(args.current_version.clone())
        .version_window(args.version_window);
    if let Some(scopes) = &args.scopes {
        builder = builder.access_token_scopes(
            scopes
                .split([' ', ','])
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
        );
    }
    if let Some(calls) = args.app_quota {
        builder = builder.daily_app_quota(calls);
    }
    if let Some(calls) = args.member_quota {
        builder = builder.daily_member_quota(calls);
    }
    if let Some(seed) = args.ads_seed {
        builder = builder.ads_seed(seed, usize::from(args.ads_campaigns));
    }
    if let Some(rows) = args.analytics_row_cap {
        builder = builder.analytics_row_cap(usize::try_from(rows).unwrap_or(usize::MAX));
    }
    let sandbox = match builder.start().await {
        Ok(sandbox) => sandbox,
        Err(e) => {
            eprintln!("linkedin-sandbox: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("linkedin-sandbox listening on {}", sandbox.origin());
    println!(
        "  versioned API:    {}  (send LinkedIn-Version: YYYYMM; served: {} and the {} months before)",
        sandbox.rest_url(),
        args.current_version.as_str(),
        args.version_window
    );
    println!("  unversioned API:  {}", sandbox.v2_url());
    println!("  OAuth:            {}", sandbox.oauth_url());
    println!("  access token:     {}", sandbox.access_token());
    println!(
        "  its scopes:       {}",
        args.scopes.as_deref().unwrap_or("every scope")
    );
    println!(
        "  admin token:      {}  (Authorization: Bearer ... for {}/sandbox/webhooks)",
        sandbox.admin_token(),
        sandbox.origin()
    );
    println!("  OpenID Connect:   {}", sandbox.openid_configuration_url());
    match args.ads_seed {
        Some(seed) => println!(
            "  ads data:         seed {seed}, {} campaigns (campaigns 700001.., creatives 800001.., accounts 500001 and 500002)",
            args.ads_campaigns
        ),
        None => println!(
            "  ads data:         none (--ads-seed SEED seeds campaigns, creatives and reports)"
        ),
    }
    println!(
        "  member tokens:    live {} s (--token-ttl)",
        args.token_ttl
    );
    println!("  apps (client id / secret):");
    for line in app_lines(&sandbox) {
        println!("    {line}");
    }
    println!();
    println!("log in with the linkedin CLI:");
    for line in login_commands(&sandbox) {
        println!("  {line}");
    }
    println!();
    println!(
        "try: curl -H 'Authorization: Bearer {}' -H 'X-RestLi-Protocol-Version: 2.0.0' {}/me",
        sandbox.access_token(),
        sandbox.v2_url()
    );
    println!("Press Ctrl-C to stop.");
    std::future::pending::<()>().await;
    ExitCode::SUCCESS
}

/// The subcommands; each serves until Ctrl-C.
#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Forward every request to UPSTREAM and write each exchange, secrets
    /// redacted, as one JSON file in DIR.
    Record {
        /// Where requests go: https://..., or http:// to a loopback host.
        /// For LinkedIn: https://api.linkedin.com.
        #[arg(long, value_name = "URL")]
        upstream: String,
        /// Where requests under /oauth/ go instead (LinkedIn:
        /// https://www.linkedin.com).
        #[arg(long, value_name = "URL")]
        oauth_upstream: Option<String>,
        /// The directory recordings are written to (created if missing).
        #[arg(long, value_name = "DIR")]
        out: std::path::PathBuf,
        /// Port on 127.0.0.1 (0 picks a free one).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// The name of an environment variable holding a value to redact
        /// wherever it appears (a client secret, say); repeatable. Values
        /// are read from the environment so they stay out of `ps`.
        #[arg(long, value_name = "VAR")]
        secret_env: Vec<String>,
        /// Stop recording after this many files in DIR.
        #[arg(long, default_value_t = linkedin_sandbox::MAX_RECORDINGS)]
        max_recordings: usize,
    },
    /// Answer requests that match a recording in DIR; anything else gets a
    /// 404 naming the closest recordings.
    Replay {
        /// The directory of recordings.
        dir: std::path::PathBuf,
        /// Port on 127.0.0.1 (0 picks a free one).
        #[arg(long, default_value_t = 8080)]
        port: u16,
    },
}

async fn run(command: Option<Command>) -> ExitCode {
    match command {
        Some(Command::Record {
            upstream,
            oauth_upstream,
            out,
            port,
            secret_env,
            max_recordings,
        }) => {
            let mut builder = linkedin_sandbox::Recorder::builder(&upstream, &out)
                .port(port)
                .max_recordings(max_recordings);
            if let Some(oauth) = oauth_upstream {
                builder = builder.oauth_upstream(oauth);
            }
            for name in secret_env {
                match std::env::var(&name) {
                    Ok(value) => builder = builder.secret(value),
                    Err(e) => {
                        eprintln!("linkedin-sandbox: --secret-env {name}: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            let recorder = match builder.start().await {
                Ok(recorder) => recorder,
                Err(e) => {
                    eprintln!("linkedin-sandbox: {e}");
                    return ExitCode::FAILURE;
                }
            };
            println!(
                "linkedin-sandbox recording {upstream} on {} into {}",
                recorder.origin(),
                recorder.dir().display()
            );
            println!("  point your client's base URL at {}", recorder.origin());
            println!("Press Ctrl-C to stop.");
            std::future::pending::<()>().await;
            ExitCode::SUCCESS
        }
        Some(Command::Replay { dir, port }) => {
            let server = match linkedin_sandbox::Replay::load(&dir) {
                Ok(replay) => replay.start_on(port).await,
                Err(e) => Err(e),
            };
            let server = match server {
                Ok(server) => server,
                Err(e) => {
                    eprintln!("linkedin-sandbox: {e}");
                    return ExitCode::FAILURE;
                }
            };
            println!(
                "linkedin-sandbox replaying {} recordings from {} on {}",
                server.replay().len(),
                dir.display(),
                server.origin()
            );
            println!("Press Ctrl-C to stop.");
            std::future::pending::<()>().await;
            ExitCode::SUCCESS
        }
        None => ExitCode::SUCCESS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_prints_a_login_command_per_app() {
        let sandbox = Sandbox::builder().spawn().unwrap();
        let lines = login_commands(&sandbox);
        let oauth = sandbox.oauth_url();
        assert!(lines.contains(&format!(
            "LINKEDIN_CLIENT_SECRET=sandbox-secret linkedin auth login --client-id sandbox-client \
             --oauth-base-url {oauth} --base-url {} --scope openid --scope profile --scope email",
            sandbox.origin()
        )));
        assert!(lines.iter().any(
            |l| l.contains("--client-id sandbox-client") && l.ends_with("--client-credentials")
        ));
        let native: Vec<&String> = lines
            .iter()
            .filter(|l| l.contains("--client-id sandbox-native"))
            .collect();
        assert_eq!(native.len(), 1);
        assert!(native[0].contains(" --pkce "));
        let self_serve: Vec<&String> = lines
            .iter()
            .filter(|l| l.contains("--client-id sandbox-self-serve"))
            .collect();
        assert_eq!(self_serve.len(), 1);
        assert!(!self_serve[0].contains("--pkce"));
        assert!(
            app_lines(&sandbox)[1].contains("refresh tokens: no, client credentials: no, PKCE: no")
        );
    }

    #[test]
    fn flags_for_versions_scopes_and_quotas_parse() {
        let args = Args::try_parse_from([
            "linkedin-sandbox",
            "--scopes",
            "openid profile",
            "--current-version",
            "202406",
            "--version-window",
            "3",
            "--app-quota",
            "5",
        ])
        .unwrap();
        assert_eq!(args.scopes.as_deref(), Some("openid profile"));
        assert_eq!(args.current_version.as_str(), "202406");
        assert_eq!(args.version_window, 3);
        assert_eq!(args.app_quota, Some(5));
        assert_eq!(args.member_quota, None);
        let defaults = Args::try_parse_from(["linkedin-sandbox"]).unwrap();
        assert_eq!(defaults.current_version.as_str(), "202612");
        assert_eq!(defaults.version_window, 12);
        assert!(
            Args::try_parse_from(["linkedin-sandbox", "--current-version", "2024-06"]).is_err()
        );
    }

    #[test]
    fn token_ttl_and_apps_parse() {
        let args = Args::try_parse_from(["linkedin-sandbox", "--token-ttl", "120"]).unwrap();
        assert_eq!(args.token_ttl, 120);
        let default = Args::try_parse_from(["linkedin-sandbox"]).unwrap();
        assert_eq!(default.token_ttl, 60 * 24 * 3600);
        assert!(Args::try_parse_from(["linkedin-sandbox", "--token-ttl", "0"]).is_err());
        let dir = std::env::temp_dir().join(format!("sandbox-apps-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("apps.json");
        std::fs::write(
            &file,
            r#"[{"client_id":"a","client_secret":"s","refresh_tokens":true}]"#,
        )
        .unwrap();
        let apps = read_apps(&file).unwrap();
        assert!(apps[0].has_refresh_tokens() && !apps[0].has_pkce());
        std::fs::write(&file, "[]").unwrap();
        assert!(read_apps(&file).unwrap_err().contains("no application"));
        std::fs::write(&file, r#"[{"client_id":"a"}]"#).unwrap();
        assert!(read_apps(&file).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn flags_alone_still_serve_the_sandbox_and_subcommands_parse() {
        let args = Args::try_parse_from(["linkedin-sandbox", "--port", "0", "--empty"]).unwrap();
        assert!(args.command.is_none() && args.empty && args.port == 0);
        let args = Args::try_parse_from([
            "linkedin-sandbox",
            "record",
            "--upstream",
            "https://api.linkedin.com",
            "--out",
            "rec",
        ])
        .unwrap();
        assert!(matches!(
            args.command,
            Some(Command::Record { ref upstream, port: 8080, .. }) if upstream == "https://api.linkedin.com"
        ));
        let args =
            Args::try_parse_from(["linkedin-sandbox", "replay", "rec", "--port", "0"]).unwrap();
        assert!(matches!(
            args.command,
            Some(Command::Replay { port: 0, .. })
        ));
        assert!(Args::try_parse_from(["linkedin-sandbox", "record", "--out", "rec"]).is_err());
    }

    #[test]
    fn the_binary_runs_on_the_multi_threaded_runtime() {
        let runtime = runtime().unwrap();
        assert_eq!(
            runtime.handle().runtime_flavor(),
            tokio::runtime::RuntimeFlavor::MultiThread
        );
    }
}
