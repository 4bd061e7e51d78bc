//! `linkedin comments add | list` and `linkedin reactions add`: the
//! Comments and Reactions APIs through the resources crate's typed
//! requests, as the signed-in member unless `--actor` says otherwise.

use linkedin::resources::social::{Comment, CommentError, ReactionType, comments, reactions};
use linkedin::resources::urns::{Author, PersonUrn, SocialTargetUrn};

use crate::api::sdk_error;
use crate::cli::{CommentsArgs, CommentsCommand, ReactionsArgs, ReactionsCommand};
use crate::error::CliError;
use crate::{connection, me, output};

/// Runs `linkedin comments ...`.
pub fn comments(args: &CommentsArgs) -> Result<(), CliError> {
    match &args.command {
        CommentsCommand::Add(add) => {
            let target = target(&add.target.target)?;
            let actor = me::parse_actor("--actor", add.actor.as_deref())?;
            // The text is checked (1 to 1250 characters) before anything
            // is sent, with a stand-in for a member not known yet.
            let stand_in = match &actor {
                Some(actor) => actor.clone(),
                None => PersonUrn::new("me")
                    .map(Author::from)
                    .map_err(|e| CliError::Sdk(format!("cannot check the comment: {e}")))?,
            };
            let _checked = comments::add(&target, &stand_in, &add.text).map_err(comment_error)?;

            let client = connection::connect(&args.connection)?;
            let actor = me::actor_or_me(&client, actor)?;
            let request = comments::add(&target, &actor, &add.text).map_err(comment_error)?;
            let created = client.send(request).map_err(sdk_error)?;
            match comments::created_id(&created) {
                Some(id) => output::print_line(&output::printable(&id)),
                None => Ok(()),
            }
        }
        CommentsCommand::List(list) => {
            let target = target(&list.target)?;
            let client = connection::connect(&args.connection)?;
            for comment in client.paginate::<Comment>(comments::list(&target)) {
                output::print_json_line(&comment.map_err(sdk_error)?)?;
            }
            Ok(())
        }
    }
}

/// Runs `linkedin reactions ...`.
pub fn reactions(args: &ReactionsArgs) -> Result<(), CliError> {
    match &args.command {
        ReactionsCommand::Add(add) => {
            let target = target(&add.target.target)?;
            let actor = me::parse_actor("--actor", add.actor.as_deref())?;
            let kind = ReactionType::parse_lenient(&add.kind).ok_or_else(|| {
                CliError::usage(
                    format!(
                        "--type {} is not a reaction LinkedIn takes",
                        output::excerpt(&add.kind)
                    ),
                    "use LIKE, PRAISE, EMPATHY, INTEREST, APPRECIATION or ENTERTAINMENT (or Celebrate, Love, Insightful, Support, Funny)",
                )
            })?;
            let client = connection::connect(&args.connection)?;
            let actor = me::actor_or_me(&client, actor)?;
            let created = client
                .send(reactions::add(&actor, &target, kind))
                .map_err(sdk_error)?;
            match created.id.as_deref().or(created.raw_id.as_deref()) {
                Some(id) => output::print_line(&output::printable(id)),
                None => Ok(()),
            }
        }
    }
}

/// What a comment or reaction is on, from the command line.
fn target(text: &str) -> Result<SocialTargetUrn, CliError> {
    text.parse()
        .map_err(|e| CliError::Request(format!("the target: {e}")))
}

fn comment_error(e: CommentError) -> CliError {
    CliError::Request(format!("--text: {e}"))
}
