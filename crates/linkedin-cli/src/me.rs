//! `linkedin me`: who the token speaks for (OpenID Connect `userinfo`), and
//! the member URN the other commands' `--as-me` stands for.

use linkedin::resources::identity;
use linkedin::resources::urns::{Author, PersonUrn};

use crate::api::sdk_error;
use crate::cli::MeArgs;
use crate::error::CliError;
use crate::{connection, output, sdk};

/// Runs `linkedin me`: the profile as JSON.
pub fn run(args: &MeArgs) -> Result<(), CliError> {
    let client = connection::connect(&args.connection)?;
    let me = client.send(identity::userinfo()).map_err(sdk_error)?.entity;
    output::print_serialized(&me)
}

/// The signed-in member: `urn:li:person:{sub}` of `/v2/userinfo`.
pub fn member(client: &sdk::Client) -> Result<PersonUrn, CliError> {
    let me = client.send(identity::userinfo()).map_err(sdk_error)?.entity;
    me.person_urn().map_err(|e| {
        CliError::Sdk(format!(
            "userinfo's sub cannot name the member ({e}); pass --author URN instead"
        ))
    })
}

/// `--actor URN` read as a member or an organization, or `None` for the
/// signed-in member; said before anything is sent.
pub fn parse_actor(flag: &str, urn: Option<&str>) -> Result<Option<Author>, CliError> {
    urn.map(|text| {
        text.parse::<Author>()
            .map_err(|e| CliError::Request(format!("{flag}: {e}")))
    })
    .transpose()
}

/// The actor given, or the signed-in member asked of `userinfo`.
pub fn actor_or_me(client: &sdk::Client, actor: Option<Author>) -> Result<Author, CliError> {
    match actor {
        Some(actor) => Ok(actor),
        None => member(client).map(Author::from),
    }
}
