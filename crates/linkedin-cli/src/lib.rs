//! The `linkedin` command-line tool, as a library so that tests can drive
//! it in-process as well as through the binary.
//!
//! ```text
//! linkedin auth login --client-id ID --scope openid --scope profile
//! linkedin auth status | refresh | token | logout
//! linkedin api get /userinfo
//! linkedin api finder /adAccounts --name search --param 'search={"status":{"values":["ACTIVE"]}}' --version 202406
//! linkedin api finder '/adAccounts/{id}/adCampaignGroups' --key id=507404993 --name search --version 202406
//! linkedin api create /posts --body @post.json --version 202406
//! echo '{"a":[1,"x y"]}' | linkedin restli encode
//! linkedin sandbox --port 8080 --token-ttl 30
//! linkedin auth login --sandbox http://127.0.0.1:8080
//! linkedin completions bash > ~/.local/share/bash-completion/completions/linkedin
//! linkedin me
//! linkedin posts create --as-me --text 'Hello (world)!' --image cat.png
//! linkedin posts get urn:li:share:7 --commentary
//! linkedin posts list --author urn:li:organization:2414183
//! linkedin comments add urn:li:share:7 --text 'Congratulations!'
//! linkedin reactions add urn:li:share:7 --type PRAISE
//! linkedin orgs mine --can-post
//! linkedin orgs get --vanity linkedin
//! linkedin ads accounts --status ACTIVE
//! linkedin ads report --account 507404993 --from 2024-01-01 --to 2024-06-30 --granularity DAILY --pivot CAMPAIGN --metrics impressions,clicks > report.csv
//! ```
//!
//! `me`, `posts`, `comments`, `reactions` and `orgs` send the SDK's typed
//! requests (the `linkedin-resources` crate) and take `linkedin api`'s
//! connection options (`--profile`, `--base-url`, `--access-token`) and a
//! `--version` that defaults to [`cli::DEFAULT_VERSION`]. What the command
//! line says (an author that is not a person or organization URN, a file
//! that does not exist, an image type or a video size LinkedIn does not
//! take, a poll of one option) is checked before anything is sent.
//!
//! Every `api` call first renews an expired or nearly expired access token
//! (the SDK's `TokenSet::needs_refresh` with its default five-minute
//! window) with the stored refresh token, or with client credentials for
//! an application token, when the client secret is at hand
//! (`LINKEDIN_CLIENT_SECRET`), and stores the new token under the
//! credentials file's lock before calling.
//!
//! `auth login` runs the standard (confidential client) authorization-code
//! flow with the client secret. `--pkce` is off by default and is only for
//! native apps for which LinkedIn has enabled PKCE: a standard web app
//! that sends a `code_verifier` is refused with 401 `invalid_client`
//! (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow-native>).
//!
//! Who am I: `linkedin api get /userinfo` (the OpenID Connect claims, with
//! the `openid` and `profile` scopes of Sign In with LinkedIn using OpenID
//! Connect). `/me` needs the legacy profile scopes (`r_liteprofile`,
//! `r_basicprofile`) and answers 403 to apps on OpenID Connect. Paths are
//! relative to `/v2`, or to `/rest` with `--version`.
//!
//! `api create` prints `{"status":201,"id":"urn:li:share:7"}`: the created
//! id as the server sent it in `x-restli-id` (a URN, a number or a complex
//! key), a JSON string either way.
//!
//! Errors are printed as one line naming the problem and the fix, and the
//! process exits with status 1 (2 for command-line syntax errors). Tokens
//! appear in no output except `linkedin auth token`'s.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod ads;
mod api;
mod api_request;
mod auth;
pub mod cli;
mod completions;
mod connection;
mod error;
mod login;
mod me;
mod orgs;
mod output;
mod posts;
mod profile;
mod progress;
mod redirect;
mod renew;
mod restli;
#[cfg(feature = "sandbox")]
mod sandbox;
mod sandbox_login;
mod social;
mod upload;
mod when;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::Parser;

pub use error::CliError;

use cli::{Cli, Command, RestliCommand};

/// The blocking SDK client the tool is built on.
pub(crate) use linkedin::blocking as sdk;

/// Runs the tool with these arguments (the first is the program name) and
/// returns the process exit status.
pub fn run<I: IntoIterator<Item = OsString>>(args: I) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with status 0; mistakes to
            // stderr with status 2.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match execute(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Errors quote what servers and browsers sent: nothing of it
            // may drive the terminal.
            eprintln!("linkedin: {}", output::printable(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}

fn execute(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Auth(args) => {
            let dir = profile::config_dir(args.store.config_dir.as_deref())?;
            auth::run(args.command, &dir, &args.store.profile)
        }
        Command::Api(args) => {
            let dir = profile::config_dir(args.store.config_dir.as_deref())?;
            api::run(&args, &dir, &args.store.profile)
        }
        Command::Restli(RestliCommand::Encode(form)) => restli::encode(
            std::io::stdin().lock(),
            std::io::stdout().lock(),
            form.reduced,
        ),
        Command::Restli(RestliCommand::Decode(args)) => restli::decode(
            std::io::stdin().lock(),
            std::io::stdout().lock(),
            args.form.reduced,
            args.typed,
        ),
        #[cfg(feature = "sandbox")]
        Command::Sandbox(args) => sandbox::run(&args),
        Command::Completions(args) => completions::print(args.shell),
        Command::Me(args) => me::run(&args),
        Command::Posts(args) => posts::run(&args),
        Command::Comments(args) => social::comments(&args),
        Command::Reactions(args) => social::reactions(&args),
        Command::Orgs(args) => orgs::run(&args),
        Command::Ads(args) => {
            let dir = profile::config_dir(args.store.config_dir.as_deref())?;
            ads::run(&args, &dir)
        }
    }
}
