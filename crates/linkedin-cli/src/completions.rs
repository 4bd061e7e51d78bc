//! `linkedin completions SHELL`: a completion script generated from the
//! clap command itself, so it never lags behind the options.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::CliError;

/// Writes the completion script for `shell` to standard output.
pub fn print(shell: clap_complete::Shell) -> Result<(), CliError> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "linkedin", &mut script);
    std::io::Write::write_all(&mut std::io::stdout().lock(), &script).map_err(|source| {
        CliError::Io {
            action: "write",
            path: "standard output".into(),
            source,
        }
    })
}
