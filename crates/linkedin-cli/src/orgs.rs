//! `linkedin orgs mine | get`: the organizations (company pages) the member
//! has roles on, and lookups by id or vanity name, through the resources
//! crate's typed requests.

use linkedin::resources::organizations::{self, OrganizationAcl};
use linkedin::resources::urns::OrganizationUrn;

use crate::api::sdk_error;
use crate::cli::{OrgsArgs, OrgsCommand};
use crate::error::CliError;
use crate::{connection, output};

/// Runs `linkedin orgs ...`.
pub fn run(args: &OrgsArgs) -> Result<(), CliError> {
    match &args.command {
        OrgsCommand::Mine(mine) => {
            let client = connection::connect(&args.connection)?;
            let roles = client.paginate::<OrganizationAcl>(organizations::my_roles());
            if !mine.can_post {
                for acl in roles {
                    output::print_json_line(&acl.map_err(sdk_error)?)?;
                }
                return Ok(());
            }
            let acls = roles.collect::<Result<Vec<_>, _>>().map_err(sdk_error)?;
            for page in organizations::postable_organizations(&acls) {
                output::print_line(&output::printable(page.as_str()))?;
            }
            Ok(())
        }
        OrgsCommand::Get(get) => {
            // clap lets exactly one of the two through.
            if let Some(name) = &get.vanity {
                let request = organizations::find_by_vanity_name(name)
                    .map_err(|e| CliError::Request(format!("--vanity: {e}")))?;
                let client = connection::connect(&args.connection)?;
                let found = client.send(request).map_err(sdk_error)?;
                let Some(organization) = found.elements.first() else {
                    return Err(CliError::Api(format!(
                        "no organization has the vanity name {}",
                        output::excerpt(name)
                    )));
                };
                return output::print_serialized(organization);
            }
            let urn = organization(get.id.as_deref().unwrap_or_default())?;
            let client = connection::connect(&args.connection)?;
            let organization = client
                .send(organizations::get(&urn))
                .map_err(sdk_error)?
                .entity;
            output::print_serialized(&organization)
        }
    }
}

/// An organization's id (digits) or URN (`urn:li:organization:ID`).
fn organization(text: &str) -> Result<OrganizationUrn, CliError> {
    let urn = if text.starts_with("urn:") {
        text.parse::<OrganizationUrn>()
            .map_err(|e| CliError::Request(format!("the organization: {e}")))?
    } else if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        OrganizationUrn::new(text)
            .map_err(|e| CliError::Request(format!("the organization: {e}")))?
    } else {
        return Err(CliError::usage(
            format!(
                "the organization {} is neither an id nor a URN",
                output::excerpt(text)
            ),
            "pass its number (2414183), urn:li:organization:2414183, or --vanity NAME",
        ));
    };
    Ok(urn)
}
