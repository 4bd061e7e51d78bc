//! `linkedin-sandbox`: serve the sandbox on a local port until Ctrl-C;
//! `linkedin-sandbox record` and `linkedin-sandbox replay` record real
//! traffic and answer from it.

use std::process::ExitCode;

use clap::Parser;
use linkedin_sandbox::Sandbox;

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
        .client(args.client_id, args.client_secret);
    if args.empty {
        builder = builder.empty();
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
        "  versioned API:    {}  (send LinkedIn-Version: YYYYMM)",
        sandbox.rest_url()
    );
    println!("  unversioned API:  {}", sandbox.v2_url());
    println!("  OAuth:            {}", sandbox.oauth_url());
    println!("  access token:     {}", sandbox.access_token());
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
