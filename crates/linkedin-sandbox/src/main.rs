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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_binary_runs_on_the_multi_threaded_runtime() {
        let runtime = runtime().unwrap();
        assert_eq!(
            runtime.handle().runtime_flavor(),
            tokio::runtime::RuntimeFlavor::MultiThread
        );
    }
}
