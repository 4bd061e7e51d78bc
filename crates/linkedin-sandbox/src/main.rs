//! `linkedin-sandbox`: serve the sandbox on a local port until Ctrl-C.

use std::process::ExitCode;

use clap::Parser;
use linkedin_sandbox::Sandbox;

/// A local, LinkedIn-shaped Rest.li and OAuth server.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
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
    let args = Args::parse();
    match runtime() {
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
        .client(args.client_id, args.client_secret);
    if args.empty {
        builder = builder.empty();
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
    println!(
        "  client:           {} / {}",
        sandbox.client_id(),
        sandbox.client_secret()
    );
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_binary_runs_on_the_multi_threaded_runtime() {
        let runtime = runtime().unwrap();
        assert_eq!(
            runtime.handle().runtime_flavor(),
            tokio::runtime::RuntimeFlavor::MultiThread
        );
    }
}
