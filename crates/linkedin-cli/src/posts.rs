//! `linkedin posts create | get | list | delete`: the Posts API through the
//! resources crate's typed requests. Everything the command line says is
//! checked (the author, the files, the post's body) before anything is
//! sent; the files are uploaded only then, and the post created last.

use linkedin::resources::commentary::Commentary;
use linkedin::resources::posts::{self, Article, NewPost, Poll, PollDuration, Post, Visibility};
use linkedin::resources::urns::{Author, DocumentUrn, ImageUrn, PersonUrn, PostUrn, VideoUrn};

use crate::api::sdk_error;
use crate::cli::{
    AuthorArgs, ConnectionArgs, CreatePostArgs, PollDurationArg, PostsArgs, PostsCommand,
    VisibilityArg,
};
use crate::error::CliError;
use crate::upload::{self, Uploaded};
use crate::{connection, me, output, sdk};

/// Runs `linkedin posts ...`.
pub fn run(args: &PostsArgs) -> Result<(), CliError> {
    match &args.command {
        PostsCommand::Create(create) => self::create(&args.connection, create),
        PostsCommand::Get(get) => {
            let urn = post_urn(&get.post.urn)?;
            let client = connection::connect(&args.connection)?;
            let post = client.send(posts::get(&urn)).map_err(sdk_error)?.entity;
            if get.commentary {
                let text = post.plain_commentary().unwrap_or_default();
                output::print_line(&output::printable_text(&text))
            } else {
                output::print_serialized(&post)
            }
        }
        PostsCommand::List(list) => {
            let who = author(&list.author)?;
            let client = connection::connect(&args.connection)?;
            let author = who.resolve(&client)?;
            for post in client.paginate::<Post>(posts::find_by_author(author)) {
                let post = post.map_err(sdk_error)?;
                if list.json {
                    output::print_json_line(&post)?;
                } else if let Some(urn) = post.post_urn() {
                    output::print_line(&output::printable(urn.as_str()))?;
                }
            }
            Ok(())
        }
        PostsCommand::Delete(delete) => {
            let urn = post_urn(&delete.urn)?;
            let client = connection::connect(&args.connection)?;
            client.send(posts::delete(&urn)).map_err(sdk_error)?;
            Ok(())
        }
    }
}

/// Who a command acts as: the signed-in member (asked of `userinfo` once
/// connected) or the URN given.
enum Who {
    Me,
    Given(Author),
}

impl Who {
    fn resolve(self, client: &sdk::Client) -> Result<Author, CliError> {
        match self {
            Who::Given(author) => Ok(author),
            Who::Me => me::member(client).map(Author::from),
        }
    }
}

/// `--as-me` or `--author URN` (a person or an organization).
fn author(args: &AuthorArgs) -> Result<Who, CliError> {
    // clap lets exactly one of the two through.
    match &args.author {
        Some(urn) => urn
            .parse::<Author>()
            .map(Who::Given)
            .map_err(|e| CliError::Request(format!("--author: {e}"))),
        None => Ok(Who::Me),
    }
}

/// A post's URN from the command line.
fn post_urn(text: &str) -> Result<PostUrn, CliError> {
    text.parse()
        .map_err(|e| CliError::Request(format!("the post: {e}")))
}

/// `linkedin posts create`: checks, uploads, creates, prints the URN.
fn create(connection: &ConnectionArgs, args: &CreatePostArgs) -> Result<(), CliError> {
    let who = author(&args.author)?;
    let files = upload::check(args)?;
    // The post's body is checked with stand-ins for what is not known yet
    // (the member, the media URNs), so that a poll of one option or two
    // contents are said before any upload.
    let stand_in_author = match &who {
        Who::Given(author) => author.clone(),
        Who::Me => PersonUrn::new("me").map(Author::from).map_err(stand_in)?,
    };
    let stand_ins = Uploaded {
        images: (0..files.images.len())
            .map(|i| ImageUrn::new(format!("pending{i}")))
            .collect::<Result<_, _>>()
            .map_err(stand_in)?,
        video: files
            .video
            .as_ref()
            .map(|_| VideoUrn::new("pending"))
            .transpose()
            .map_err(stand_in)?,
        document: files
            .document
            .as_ref()
            .map(|_| DocumentUrn::new("pending"))
            .transpose()
            .map_err(stand_in)?,
    };
    new_post(stand_in_author, args, &stand_ins)
        .body()
        .map_err(|e| CliError::Request(format!("the post: {e}")))?;

    let client = connection::connect(connection)?;
    let author = who.resolve(&client)?;
    let uploaded = upload::upload(&client, &author, &files)?;
    let request = new_post(author, args, &uploaded)
        .create()
        .map_err(|e| CliError::Request(format!("the post: {e}")))?;
    let created = client.send(request).map_err(sdk_error)?;
    let urn = posts::created_post(&created).map_err(|e| CliError::Sdk(e.to_string()))?;
    output::print_line(&output::printable(urn.as_str()))
}

/// A stand-in URN that does not parse: a bug, said as one.
fn stand_in(e: impl std::fmt::Display) -> CliError {
    CliError::Sdk(format!("cannot check the post: {e}"))
}

/// The post the command line describes, with these media.
fn new_post(author: Author, args: &CreatePostArgs, media: &Uploaded) -> NewPost {
    let commentary = args
        .text
        .as_deref()
        .map_or_else(Commentary::new, |text| Commentary::new().text(text));
    let title = args.title.clone().unwrap_or_default();
    let mut post = NewPost::new(author, commentary).visibility(match args.visibility {
        VisibilityArg::Public => Visibility::Public,
        VisibilityArg::Connections => Visibility::Connections,
    });
    match media.images.as_slice() {
        [] => {}
        [one] => post = post.image(one.clone(), ""),
        many => post = post.images(many.iter().map(|urn| (urn.clone(), ""))),
    }
    if let Some(video) = &media.video {
        post = post.video(video.clone(), title.clone());
    }
    if let Some(document) = &media.document {
        post = post.document(document.clone(), title.clone());
    }
    if let Some(link) = &args.article {
        // LinkedIn does not read the page: the title is the post's, the
        // link itself when none is given.
        let title = args.title.clone().unwrap_or_else(|| link.clone());
        post = post.article(Article::new(link.clone(), title));
    }
    if let Some(question) = &args.poll {
        let duration = match args.poll_duration {
            PollDurationArg::OneDay => PollDuration::OneDay,
            PollDurationArg::ThreeDays => PollDuration::ThreeDays,
            PollDurationArg::SevenDays => PollDuration::SevenDays,
            PollDurationArg::FourteenDays => PollDuration::FourteenDays,
        };
        post = post.poll(Poll::new(question.clone(), args.options.clone(), duration));
    }
    post
}
