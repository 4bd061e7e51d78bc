//! The command line, as clap types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use linkedin::oauth::AccessToken;

/// Wraps the token at once, so that `Debug` of the parsed arguments never
/// shows it.
fn parse_access_token(text: &str) -> Result<AccessToken, std::convert::Infallible> {
    Ok(AccessToken::new(text))
}

/// Samples shown under `linkedin api --help`.
const API_EXAMPLES: &str = "\
Examples:
  linkedin api get /userinfo
  linkedin api finder '/adAccounts/{id}/adCampaignGroups' --key id=507404993 --name search --version 202406
  linkedin api create /posts --body @post.json --version 202406
      (prints {\"status\":201,\"id\":\"urn:li:share:7\"}: the id as the server sent it)
  linkedin api get_all /things --paginate";

/// Call LinkedIn's Rest.li APIs from the shell: log in once, call any
/// endpoint, encode and decode Rest.li values, run a local sandbox.
#[derive(Debug, Parser)]
#[command(name = "linkedin", version)]
pub struct Cli {
    /// The stored credentials profile to use.
    #[arg(
        long,
        global = true,
        env = "LINKEDIN_PROFILE",
        default_value = "default"
    )]
    pub profile: String,

    /// Where profiles are stored (default: the platform's config directory,
    /// e.g. $XDG_CONFIG_HOME/linkedin).
    #[arg(long, global = true, env = "LINKEDIN_CONFIG_DIR", value_name = "DIR")]
    pub config_dir: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The top-level commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log in, inspect, refresh, print or forget stored tokens.
    #[command(subcommand)]
    Auth(AuthCommand),
    /// Call any Rest.li method on any resource.
    #[command(after_help = API_EXAMPLES)]
    Api(ApiArgs),
    /// Encode or decode Rest.li values, one per line.
    #[command(subcommand)]
    Restli(RestliCommand),
    /// Run the local LinkedIn sandbox server.
    #[cfg(feature = "sandbox")]
    Sandbox(SandboxArgs),
}

/// `linkedin auth ...`
#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Get a token: the member flow in a browser (3-legged), or an
    /// application token (2-legged) with --client-credentials.
    Login(LoginArgs),
    /// Show the stored token's expiry, and what LinkedIn says about it.
    Status(SecretArgs),
    /// Get a new access token with the stored refresh token.
    Refresh(SecretArgs),
    /// Print the stored access token (for piping into other tools).
    Token,
    /// Forget the stored tokens of the profile.
    Logout,
}

/// Where the client secret and OAuth endpoint come from.
#[derive(Debug, Args)]
pub struct SecretArgs {
    /// The OAuth base URL (default: LinkedIn's, or the one the profile was
    /// created with).
    #[arg(long, value_name = "URL")]
    pub oauth_base_url: Option<String>,
}

/// `linkedin auth login`
#[derive(Debug, Args)]
pub struct LoginArgs {
    /// The application's client id.
    #[arg(long, env = "LINKEDIN_CLIENT_ID")]
    pub client_id: String,

    /// A scope to ask for; repeat for several (not needed with
    /// --client-credentials).
    #[arg(long = "scope", value_name = "SCOPE")]
    pub scopes: Vec<String>,

    /// The loopback port LinkedIn redirects to: register
    /// `http://127.0.0.1:PORT/callback` as a redirect URL of the app.
    #[arg(long, default_value_t = 8765)]
    pub redirect_port: u16,

    /// Use PKCE (S256) in the member flow: only for a native app on which
    /// LinkedIn has enabled PKCE (off by default).
    ///
    /// LinkedIn supports PKCE only for native apps for which it has been
    /// enabled on request; a standard web app that sends a `code_verifier`
    /// gets 401 `invalid_client` from the token endpoint. Leave it off
    /// unless LinkedIn enabled PKCE for your app
    /// (<https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow-native>).
    #[arg(long)]
    pub pkce: bool,

    /// Get a 2-legged application token instead of a member token.
    #[arg(long)]
    pub client_credentials: bool,

    /// How long to wait for the browser to come back, in seconds (1 to
    /// 3600).
    #[arg(
        long,
        default_value_t = 300,
        value_name = "SECONDS",
        value_parser = clap::value_parser!(u64).range(1..=3600)
    )]
    pub timeout: u64,

    /// Only print the authorization URL; don't try to open a browser.
    #[arg(long)]
    pub no_browser: bool,

    /// The OAuth base URL (default: `https://www.linkedin.com/oauth/v2`).
    #[arg(long, value_name = "URL")]
    pub oauth_base_url: Option<String>,

    /// The API origin to store with the profile, for `linkedin api`
    /// (default: LinkedIn's).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

/// `linkedin api METHOD PATH`
#[derive(Debug, Args)]
pub struct ApiArgs {
    /// The Rest.li method: get, batch_get, get_all, finder, batch_finder,
    /// create, batch_create, update, batch_update, partial_update,
    /// batch_partial_update, delete, batch_delete or action.
    pub method: String,

    /// The resource path, with {placeholders} for keys, e.g.
    /// /adAccounts/{id}/adCampaignGroups; relative to /v2, or to /rest with
    /// --version.
    ///
    /// Who am I: /userinfo (OpenID Connect claims; scopes openid and
    /// profile, the Sign In with LinkedIn using OpenID Connect product).
    /// /me needs the legacy r_liteprofile or r_basicprofile scope and
    /// answers 403 to apps on OpenID Connect.
    pub path: String,

    /// A path key: name=VALUE (VALUE is read as JSON when it is valid JSON,
    /// otherwise as a string).
    #[arg(long = "key", value_name = "NAME=VALUE")]
    pub keys: Vec<String>,

    /// A query parameter: name=JSON.
    #[arg(long = "param", value_name = "NAME=JSON")]
    pub params: Vec<String>,

    /// The ids of a batch method, as a JSON array.
    #[arg(long, value_name = "JSON")]
    pub ids: Option<String>,

    /// The request body as JSON, or @FILE to read it from a file (- for
    /// standard input): the entity, a JSON array for batch methods, the
    /// patch for partial updates, the parameters of an action.
    #[arg(long, value_name = "JSON|@FILE")]
    pub body: Option<String>,

    /// The finder, batch finder or action name.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// The list parameter holding a batch finder's criteria.
    #[arg(long, value_name = "PARAM", default_value = "searchCriteria")]
    pub criteria_param: String,

    /// The `fields` projection, e.g. id,name.
    #[arg(long, value_name = "PROJECTION")]
    pub fields: Option<String>,

    /// The LinkedIn-Version (YYYYMM or YYYYMM.RR); requests then go to the
    /// versioned /rest APIs.
    #[arg(long = "version", id = "linkedin_version", value_name = "YYYYMM")]
    pub version: Option<String>,

    /// Follow pages (get_all, finder) and print one entity per line; how
    /// the next page is asked for is the SDK client's paging, not the
    /// tool's.
    #[arg(long)]
    pub paginate: bool,

    /// Print the exact HTTP request (tunneling included) without sending it.
    #[arg(long)]
    pub dry_run: bool,

    /// The API origin (e.g. a sandbox's `http://127.0.0.1:8080`).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    /// The access token to use instead of the profile's.
    #[arg(
        long,
        env = "LINKEDIN_ACCESS_TOKEN",
        hide_env_values = true,
        value_parser = parse_access_token
    )]
    pub access_token: Option<AccessToken>,
}

/// `linkedin restli ...`
#[derive(Debug, Subcommand)]
pub enum RestliCommand {
    /// Read one JSON value per line, print its Rest.li encoding.
    Encode(FormArgs),
    /// Read one Rest.li-encoded value per line, print it as JSON.
    Decode(FormArgs),
}

/// Which Rest.li form.
#[derive(Debug, Args)]
pub struct FormArgs {
    /// Use the reduced form (headers, JSON map keys) instead of the URL form.
    #[arg(long)]
    pub reduced: bool,
}

/// `linkedin sandbox`
#[cfg(feature = "sandbox")]
#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// The port to listen on (127.0.0.1); 0 picks a free one.
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }

    #[test]
    fn debug_of_the_arguments_hides_the_token() {
        use clap::Parser;
        let cli = super::Cli::try_parse_from([
            "linkedin",
            "api",
            "get",
            "/userinfo",
            "--access-token",
            "AQV-very-secret",
        ])
        .unwrap();
        assert!(!format!("{cli:?}").contains("AQV-very-secret"));
    }
}
