//! The typed LinkedIn commands (`me`, `posts`, `comments`, `reactions`,
//! `orgs`), as clap types: each takes the same connection options as
//! `linkedin api` ([`ConnectionArgs`]).

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use linkedin::oauth::AccessToken;

use super::{StoreArgs, parse_access_token};

/// The `LinkedIn-Version` the typed commands send unless `--version` (or
/// `LINKEDIN_VERSION`) says otherwise. LinkedIn serves each monthly version
/// for at least a year
/// (<https://learn.microsoft.com/en-us/linkedin/marketing/versioning>).
///
/// ```
/// use linkedin_cli::cli::DEFAULT_VERSION;
///
/// assert!(DEFAULT_VERSION.parse::<linkedin::LinkedInVersion>().is_ok());
/// ```
pub const DEFAULT_VERSION: &str = "202601";

/// Where a typed command's calls go and with which token: the options of
/// `linkedin api`, with a default `LinkedIn-Version`.
///
/// ```
/// use clap::Parser;
/// use linkedin_cli::cli::{Cli, Command};
///
/// let cli = Cli::try_parse_from([
///     "linkedin", "posts", "list", "--as-me",
///     "--base-url", "http://127.0.0.1:8080", "--version", "202606",
/// ]).unwrap();
/// let Command::Posts(posts) = cli.command else { unreachable!() };
/// assert_eq!(posts.connection.base_url.as_deref(), Some("http://127.0.0.1:8080"));
/// assert_eq!(posts.connection.version, "202606");
/// ```
#[derive(Debug, Clone, Args)]
pub struct ConnectionArgs {
    /// Which profile.
    #[command(flatten)]
    pub store: StoreArgs,

    /// The API origin (e.g. a sandbox's `http://127.0.0.1:8080`; default:
    /// the profile's, even with --access-token, else LinkedIn's).
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,

    /// The access token to use instead of the profile's (the profile's API
    /// origin is still used unless --base-url says otherwise).
    #[arg(
        long,
        global = true,
        env = "LINKEDIN_ACCESS_TOKEN",
        hide_env_values = true,
        value_parser = parse_access_token
    )]
    pub access_token: Option<AccessToken>,

    /// The LinkedIn-Version (YYYYMM or YYYYMM.RR) of the versioned /rest
    /// APIs.
    #[arg(
        long = "version",
        id = "linkedin_version",
        global = true,
        env = "LINKEDIN_VERSION",
        value_name = "YYYYMM",
        default_value = DEFAULT_VERSION
    )]
    pub version: String,
}

/// `linkedin me`
#[derive(Debug, Args)]
pub struct MeArgs {
    /// Where and as whom.
    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// Samples shown under `linkedin posts --help`.
const POSTS_EXAMPLES: &str = "\
Examples:
  linkedin posts create --as-me --text 'Hello (world)! #rust'
  linkedin posts create --author urn:li:organization:2414183 --text 'Our news' --image chart.png
  linkedin posts create --as-me --text 'Watch' --video demo.mp4
  linkedin posts create --as-me --text 'Read' --document deck.pdf --title 'Q3 deck'
  linkedin posts create --as-me --poll 'Tabs or spaces?' --option Tabs --option Spaces
  linkedin posts get urn:li:share:7 --commentary
  linkedin posts list --as-me | xargs -n1 linkedin posts delete";

/// `linkedin posts ...`
#[derive(Debug, Args)]
#[command(after_help = POSTS_EXAMPLES)]
pub struct PostsArgs {
    /// Where and as whom.
    #[command(flatten)]
    pub connection: ConnectionArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: PostsCommand,
}

/// `linkedin posts ...`
#[derive(Debug, Subcommand)]
pub enum PostsCommand {
    /// Create a post and print its URN.
    Create(CreatePostArgs),
    /// Print a post as JSON, or only its commentary as plain text.
    Get(GetPostArgs),
    /// Print the URN of every post of an author, one per line.
    List(ListPostsArgs),
    /// Delete a post.
    Delete(PostUrnArg),
}

/// Who a post is by: the signed-in member, or the URN given.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct AuthorArgs {
    /// The signed-in member (the `sub` of /v2/userinfo).
    #[arg(long)]
    pub as_me: bool,
    /// A member (urn:li:person:ID) or an organization
    /// (urn:li:organization:ID).
    #[arg(long, value_name = "URN")]
    pub author: Option<String>,
}

/// Who may see a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum VisibilityArg {
    /// Anyone on or off LinkedIn.
    Public,
    /// The author's connections only.
    Connections,
}

/// How long a poll runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PollDurationArg {
    /// One day.
    OneDay,
    /// Three days.
    ThreeDays,
    /// A week.
    SevenDays,
    /// Two weeks.
    FourteenDays,
}

/// `linkedin posts create`
#[derive(Debug, Args)]
pub struct CreatePostArgs {
    /// Who posts.
    #[command(flatten)]
    pub author: AuthorArgs,

    /// The commentary, as plain text: LinkedIn's reserved characters
    /// (`(`, `)`, `#`, `@`, `*`, ...) are escaped, so it reads as written.
    #[arg(long, value_name = "TEXT")]
    pub text: Option<String>,

    /// An image (JPG, GIF or PNG) to upload and post; repeat for a
    /// multi-image post (2 to 20).
    #[arg(long = "image", value_name = "FILE")]
    pub images: Vec<PathBuf>,

    /// A video (75 KB to 500 MB) to upload and post.
    #[arg(long, value_name = "FILE")]
    pub video: Option<PathBuf>,

    /// A document (PDF, PPT, PPTX, DOC or DOCX, up to 100 MB) to upload and
    /// post; needs --title.
    #[arg(long, value_name = "FILE", requires = "title")]
    pub document: Option<PathBuf>,

    /// A link to share (http or https).
    #[arg(long, value_name = "URL")]
    pub article: Option<String>,

    /// The title of the document, the video or the article (an article
    /// without one is titled with its link).
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// A poll's question; give its 2 to 4 options with --option.
    #[arg(long, value_name = "QUESTION", requires = "options")]
    pub poll: Option<String>,

    /// A poll option; repeat for each.
    #[arg(long = "option", value_name = "TEXT", requires = "poll")]
    pub options: Vec<String>,

    /// How long the poll runs.
    #[arg(
        long,
        value_enum,
        value_name = "DURATION",
        default_value = "THREE_DAYS"
    )]
    pub poll_duration: PollDurationArg,

    /// Who may see the post.
    #[arg(long, value_enum, default_value = "PUBLIC")]
    pub visibility: VisibilityArg,
}

/// A post's URN.
#[derive(Debug, Args)]
pub struct PostUrnArg {
    /// The post: urn:li:share:ID or urn:li:ugcPost:ID.
    #[arg(value_name = "URN")]
    pub urn: String,
}

/// `linkedin posts get`
#[derive(Debug, Args)]
pub struct GetPostArgs {
    /// Which post.
    #[command(flatten)]
    pub post: PostUrnArg,
    /// Print only the commentary, as plain text (mentions and hashtags as
    /// LinkedIn shows them).
    #[arg(long)]
    pub commentary: bool,
}

/// `linkedin posts list`
#[derive(Debug, Args)]
pub struct ListPostsArgs {
    /// Whose posts.
    #[command(flatten)]
    pub author: AuthorArgs,
    /// Print each post as one line of JSON instead of its URN.
    #[arg(long)]
    pub json: bool,
}

/// What comments and reactions are on, and who acts.
#[derive(Debug, Args)]
pub struct TargetArgs {
    /// What it is on: a post (urn:li:share:ID, urn:li:ugcPost:ID), its
    /// activity (urn:li:activity:ID) or a comment (urn:li:comment:(..,ID)).
    #[arg(value_name = "URN")]
    pub target: String,
}

/// `linkedin comments ...`
#[derive(Debug, Args)]
pub struct CommentsArgs {
    /// Where and as whom.
    #[command(flatten)]
    pub connection: ConnectionArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: CommentsCommand,
}

/// `linkedin comments ...`
#[derive(Debug, Subcommand)]
pub enum CommentsCommand {
    /// Comment on a post (or a comment) and print the comment's id.
    Add(AddCommentArgs),
    /// Print every comment on a post, one JSON line each.
    List(TargetArgs),
}

/// `linkedin comments add`
#[derive(Debug, Args)]
pub struct AddCommentArgs {
    /// What to comment on.
    #[command(flatten)]
    pub target: TargetArgs,
    /// The comment (plain text, 1 to 1250 characters).
    #[arg(long, value_name = "TEXT")]
    pub text: String,
    /// Comment as this organization (urn:li:organization:ID) or member
    /// instead of the signed-in member.
    #[arg(long, value_name = "URN")]
    pub actor: Option<String>,
}

/// `linkedin reactions ...`
#[derive(Debug, Args)]
pub struct ReactionsArgs {
    /// Where and as whom.
    #[command(flatten)]
    pub connection: ConnectionArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: ReactionsCommand,
}

/// `linkedin reactions ...`
#[derive(Debug, Subcommand)]
pub enum ReactionsCommand {
    /// React to a post or a comment.
    Add(AddReactionArgs),
}

/// `linkedin reactions add`
#[derive(Debug, Args)]
pub struct AddReactionArgs {
    /// What to react to.
    #[command(flatten)]
    pub target: TargetArgs,
    /// The reaction: LIKE, PRAISE, EMPATHY, INTEREST, APPRECIATION or
    /// ENTERTAINMENT (or the label LinkedIn shows: Celebrate, Love,
    /// Insightful, Support, Funny).
    #[arg(long = "type", value_name = "TYPE", default_value = "LIKE")]
    pub kind: String,
    /// React as this organization (urn:li:organization:ID) or member
    /// instead of the signed-in member.
    #[arg(long, value_name = "URN")]
    pub actor: Option<String>,
}

/// `linkedin orgs ...`
#[derive(Debug, Args)]
pub struct OrgsArgs {
    /// Where and as whom.
    #[command(flatten)]
    pub connection: ConnectionArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: OrgsCommand,
}

/// `linkedin orgs ...`
#[derive(Debug, Subcommand)]
pub enum OrgsCommand {
    /// Print the signed-in member's roles on organizations, one JSON line
    /// each (organizationAcls).
    Mine(MineArgs),
    /// Print an organization as JSON, by id or by vanity name.
    Get(GetOrgArgs),
}

/// `linkedin orgs mine`
#[derive(Debug, Args)]
pub struct MineArgs {
    /// Print only the organizations the member may post for (an approved
    /// ADMINISTRATOR, CONTENT_ADMINISTRATOR, DIRECT_SPONSORED_CONTENT_POSTER
    /// or RECRUITING_POSTER role), one URN per line.
    #[arg(long)]
    pub can_post: bool,
}

/// `linkedin orgs get`
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct GetOrgArgs {
    /// The organization's id (2414183) or URN (urn:li:organization:2414183).
    #[arg(value_name = "ID")]
    pub id: Option<String>,
    /// The organization whose page is linkedin.com/company/NAME.
    #[arg(long, value_name = "NAME")]
    pub vanity: Option<String>,
}
