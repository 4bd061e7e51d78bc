//! The command line, as clap types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use linkedin::oauth::AccessToken;

mod typed;
pub use typed::*;

/// Wraps the token at once, so that `Debug` of the parsed arguments never
/// shows it.
pub(crate) fn parse_access_token(text: &str) -> Result<AccessToken, std::convert::Infallible> {
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
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Which stored profile a command reads or writes: only on the commands
/// that use the credentials file (`auth ...` and `api`), so that the
/// others' help does not offer options they ignore.
#[derive(Debug, Clone, Args)]
pub struct StoreArgs {
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
}

/// The top-level commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log in, inspect, refresh, print or forget stored tokens.
    Auth(AuthArgs),
    /// Call any Rest.li method on any resource.
    #[command(after_help = API_EXAMPLES)]
    Api(ApiArgs),
    /// Encode or decode Rest.li values, one per line.
    #[command(subcommand)]
    Restli(RestliCommand),
    /// Run the local LinkedIn sandbox server.
    #[cfg(feature = "sandbox")]
    Sandbox(SandboxArgs),
    /// Print a shell completion script.
    #[command(after_help = COMPLETION_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print the signed-in member's profile (/v2/userinfo) as JSON.
    Me(MeArgs),
    /// Create, read, list and delete posts.
    Posts(PostsArgs),
    /// Comment on posts, list their comments.
    Comments(CommentsArgs),
    /// React to posts and comments.
    Reactions(ReactionsArgs),
    /// The organizations (pages) the member has roles on, and lookups.
    Orgs(OrgsArgs),
    /// List ad accounts, campaigns and creatives; stream ads reports.
    Ads(crate::ads::AdsArgs),
}

/// Samples shown under `linkedin completions --help`.
const COMPLETION_EXAMPLES: &str = "\
Examples:
  linkedin completions bash > ~/.local/share/bash-completion/completions/linkedin
  linkedin completions zsh > \"${fpath[1]}/_linkedin\"
  linkedin completions fish > ~/.config/fish/completions/linkedin.fish
  linkedin completions powershell >> $PROFILE";

/// `linkedin completions SHELL`
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `linkedin auth ...`: the profile options, then the subcommand.
#[derive(Debug, Args)]
pub struct AuthArgs {
    /// Which profile.
    #[command(flatten)]
    pub store: StoreArgs,
    /// What to do with it.
    #[command(subcommand)]
    pub command: AuthCommand,
}

/// `linkedin auth ...`
#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Get a token: the member flow in a browser (3-legged), or an
    /// application token (2-legged) with --client-credentials.
    #[command(after_help = LOGIN_NOTES)]
    Login(LoginArgs),
    /// Show the stored token's expiry, and what LinkedIn says about it.
    Status(StatusArgs),
    /// Get a new access token with the stored refresh token.
    #[command(after_help = SECRET_NOTE)]
    Refresh(SecretArgs),
    /// Print the stored access token (for piping into other tools).
    Token,
    /// Forget the stored tokens of the profile.
    Logout,
}

/// Where the client secret comes from, for the commands that need it.
const SECRET_NOTE: &str = "\
The client secret is read from LINKEDIN_CLIENT_SECRET, or asked for on the
terminal; it is never a command-line argument and never stored.";

/// Shown under `linkedin auth login --help`.
const LOGIN_NOTES: &str = "\
The client secret is read from LINKEDIN_CLIENT_SECRET, or asked for on the
terminal; it is never a command-line argument and never stored. The client
id may come from LINKEDIN_CLIENT_ID.

Examples:
  LINKEDIN_CLIENT_SECRET=... linkedin auth login --client-id ID --scope openid --scope profile
      (register http://127.0.0.1:8765/callback as a redirect URL of the app)
  linkedin auth login --sandbox http://127.0.0.1:8080
      (a running `linkedin sandbox`: no browser, no secret, no other flag)
  linkedin auth login --client-id ID --client-credentials";

/// Where the client secret and OAuth endpoint come from.
#[derive(Debug, Args)]
pub struct SecretArgs {
    /// The OAuth base URL (default: LinkedIn's, or the one the profile was
    /// created with).
    #[arg(long, value_name = "URL")]
    pub oauth_base_url: Option<String>,
}

/// `linkedin auth status`
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Where the OAuth endpoint is.
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Print JSON even on a terminal (it is always JSON when piped).
    #[arg(long)]
    pub json: bool,
}

/// `linkedin auth login`
#[derive(Debug, Args)]
pub struct LoginArgs {
    /// The application's client id (with --sandbox: the sandbox's default
    /// app).
    #[arg(long, env = "LINKEDIN_CLIENT_ID", required_unless_present = "sandbox")]
    pub client_id: Option<String>,

    /// Log in to a running sandbox at this origin (e.g.
    /// http://127.0.0.1:8080) in one step: its OAuth and API URLs, its
    /// default app and secret, the scopes it knows; the tool approves the
    /// sandbox's consent page itself, so no browser is needed.
    #[arg(
        long,
        value_name = "ORIGIN",
        conflicts_with_all = ["oauth_base_url", "base_url", "pkce"]
    )]
    pub sandbox: Option<String>,

    /// A scope to ask for; repeat for several (not needed with
    /// --client-credentials; with --sandbox, default: openid, profile,
    /// email, w_member_social, r_ads, rw_ads).
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
    /// Which profile.
    #[command(flatten)]
    pub store: StoreArgs,

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

    /// The API origin (e.g. a sandbox's `http://127.0.0.1:8080`; default:
    /// the profile's, even with --access-token, else LinkedIn's).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    /// The access token to use instead of the profile's (the profile's API
    /// origin is still used unless --base-url says otherwise).
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
    ///
    /// Rest.li writes every primitive (numbers and booleans too) as text,
    /// and the encoding does not say which was which, so `(a:1)` decodes
    /// to {"a":"1"}; --typed reads numbers and booleans back where they
    /// parse.
    Decode(DecodeArgs),
}

/// Which Rest.li form.
#[derive(Debug, Args)]
pub struct FormArgs {
    /// Use the reduced form (headers, JSON map keys) instead of the URL form.
    #[arg(long)]
    pub reduced: bool,
}

/// `linkedin restli decode`
#[derive(Debug, Args)]
pub struct DecodeArgs {
    /// Which form.
    #[command(flatten)]
    pub form: FormArgs,

    /// Read numbers and booleans back where a primitive parses as one
    /// (`1` becomes 1, `true` becomes true); without it every primitive is
    /// printed as the string Rest.li carries.
    #[arg(long)]
    pub typed: bool,
}

/// `linkedin sandbox`
#[cfg(feature = "sandbox")]
#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// The port to listen on (127.0.0.1); 0 picks a free one.
    #[arg(long, default_value_t = 8080)]
    pub port: u16,

    /// How long the member access tokens it issues live, in seconds
    /// (default 60 days, as LinkedIn's): a short one lets you watch
    /// `linkedin api` renew it.
    #[arg(
        long,
        value_name = "SECONDS",
        value_parser = clap::value_parser!(u64).range(1..=31_536_000)
    )]
    pub token_ttl: Option<u64>,
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
