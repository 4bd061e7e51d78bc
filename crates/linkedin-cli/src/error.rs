//! Errors of the tool: each says what went wrong and how to fix it, on one
//! line, and never contains a token or secret.

use std::path::PathBuf;

/// Everything that can make a command fail.
///
/// ```
/// use linkedin_cli::CliError;
///
/// let e = CliError::SymlinkedCredentials { path: "/home/me/.config/linkedin/credentials.json".into() };
/// assert!(e.to_string().contains("credentials.json is a symbolic link"));
/// ```
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// No platform config directory.
    #[error("cannot find a config directory; pass --config-dir DIR or set LINKEDIN_CONFIG_DIR")]
    NoConfigDir,
    /// The profile does not exist.
    #[error(
        "no stored profile {0:?}; run `linkedin auth login` first (or pick another with --profile)"
    )]
    NoProfile(String),
    /// The credentials file could not be parsed.
    #[error("the credentials file {path} is not valid ({reason}); delete it and log in again")]
    CorruptStore {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The credentials file is a symbolic link, which is not followed.
    #[error(
        "the credentials file {path} is a symbolic link; refusing to read or write tokens through it (remove the link, or pass --config-dir with the real directory)"
    )]
    SymlinkedCredentials {
        /// The link.
        path: PathBuf,
    },
    /// A file operation failed.
    #[error("cannot {action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A command-line value is wrong.
    #[error("{problem}; {fix}")]
    Usage {
        /// What is wrong.
        problem: String,
        /// How to fix it.
        fix: String,
    },
    /// A request the arguments describe cannot be built; the message says
    /// what to write instead.
    #[error("{0}")]
    Request(String),
    /// The stored access token has expired and cannot be renewed.
    #[error("the access token of profile {profile:?} expired and cannot be renewed: {reason}")]
    Expired {
        /// The profile.
        profile: String,
        /// What is missing, and what to do.
        reason: String,
    },
    /// LinkedIn (or the sandbox) answered with an error status.
    #[error("{0}")]
    Api(String),
    /// Anything else the SDK reported.
    #[error("{0}")]
    Sdk(String),
}

impl CliError {
    /// A usage error with its fix.
    pub fn usage(problem: impl Into<String>, fix: impl Into<String>) -> Self {
        CliError::Usage {
            problem: problem.into(),
            fix: fix.into(),
        }
    }
}
