//! `linkedin sandbox`: the local LinkedIn-shaped server in the foreground.

use std::time::Duration;

use crate::cli::SandboxArgs;
use crate::error::CliError;

/// Starts the sandbox and serves until the process is interrupted.
pub fn run(args: &SandboxArgs) -> Result<(), CliError> {
    let mut builder = linkedin_sandbox::Sandbox::builder().port(args.port);
    if let Some(ttl) = args.token_ttl {
        builder = builder.access_token_lifetime(Duration::from_secs(ttl));
    }
    let sandbox = builder.spawn().map_err(|e| start_error(args.port, e))?;
    println!("LinkedIn sandbox listening on {}", sandbox.origin());
    println!("  versioned API:   {}", sandbox.rest_url());
    println!("  unversioned API: {}", sandbox.v2_url());
    println!("  OAuth:           {}", sandbox.oauth_url());
    println!("  client id:       {}", sandbox.client_id());
    println!("  client secret:   {}", sandbox.client_secret());
    println!("  access token:    {}", sandbox.access_token());
    if let Some(ttl) = args.token_ttl {
        println!("  member tokens:   live {ttl} s (renewed by `linkedin api` as they expire)");
    }
    println!();
    println!("log in (no browser needed; profile \"sandbox\"):");
    println!(
        "  linkedin auth login --sandbox {} --profile sandbox",
        sandbox.origin()
    );
    println!("  linkedin api get /userinfo --profile sandbox");
    println!("or call with the static token:");
    println!(
        "  linkedin api get /userinfo --base-url {} --access-token {}",
        sandbox.origin(),
        sandbox.access_token()
    );
    println!("press Ctrl-C to stop");
    loop {
        std::thread::park();
    }
}

/// One message naming the port, without the sandbox's own "cannot start
/// the sandbox" prefix repeated.
fn start_error(port: u16, e: linkedin_sandbox::Error) -> CliError {
    match e {
        linkedin_sandbox::Error::Io(io) if io.kind() == std::io::ErrorKind::AddrInUse => {
            CliError::usage(
                format!("cannot start the sandbox: port {port} of 127.0.0.1 is already in use"),
                "stop what listens there, or pick another port with --port (0 picks a free one)",
            )
        }
        linkedin_sandbox::Error::Io(io) => CliError::Sdk(format!(
            "cannot start the sandbox on 127.0.0.1:{port}: {io}"
        )),
        other => CliError::Sdk(other.to_string()),
    }
}
