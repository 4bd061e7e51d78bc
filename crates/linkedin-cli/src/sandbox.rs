//! `linkedin sandbox`: the local LinkedIn-shaped server in the foreground.

use crate::cli::SandboxArgs;
use crate::error::CliError;

/// Starts the sandbox and serves until the process is interrupted.
pub fn run(args: &SandboxArgs) -> Result<(), CliError> {
    let sandbox = linkedin_sandbox::Sandbox::builder()
        .port(args.port)
        .spawn()
        .map_err(|e| CliError::Sdk(format!("cannot start the sandbox: {e}")))?;
    println!("LinkedIn sandbox listening on {}", sandbox.origin());
    println!("  versioned API:   {}", sandbox.rest_url());
    println!("  unversioned API: {}", sandbox.v2_url());
    println!("  OAuth:           {}", sandbox.oauth_url());
    println!("  client id:       {}", sandbox.client_id());
    println!("  client secret:   {}", sandbox.client_secret());
    println!("  access token:    {}", sandbox.access_token());
    println!(
        "try: linkedin api get /userinfo --base-url {} --access-token {}",
        sandbox.origin(),
        sandbox.access_token()
    );
    println!("press Ctrl-C to stop");
    loop {
        std::thread::park();
    }
}
