//! Stored credentials: one JSON file of named profiles in the user's config
//! directory, readable by its owner only, replaced atomically.
//!
//! The client secret is never stored: commands that need it read
//! `LINKEDIN_CLIENT_SECRET` or prompt for it.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use linkedin::oauth::TokenSet;
use serde::{Deserialize, Serialize};

use crate::error::CliError;

/// The file holding every profile.
pub const CREDENTIALS_FILE: &str = "credentials.json";

/// One profile: who it belongs to and its tokens.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Profile {
    /// The application's client id.
    pub client_id: String,
    /// `3L` (a member's token) or `2L` (the application's).
    pub auth_type: String,
    /// The OAuth base URL the token came from, if not LinkedIn's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth_base_url: Option<String>,
    /// The API origin to call, if not LinkedIn's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_base_url: Option<String>,
    /// The tokens.
    pub tokens: TokenSet,
}

/// All profiles by name.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Store {
    /// Profiles by name.
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// The directory profiles live in: the one given, or `linkedin/` in the
/// platform's config directory (`$XDG_CONFIG_HOME/linkedin` on Linux).
pub fn config_dir(explicit: Option<&Path>) -> Result<PathBuf, CliError> {
    if let Some(dir) = explicit {
        return Ok(dir.to_path_buf());
    }
    dirs::config_dir()
        .map(|dir| dir.join("linkedin"))
        .ok_or(CliError::NoConfigDir)
}

impl Store {
    /// Reads the store; a missing file is an empty store.
    pub fn load(dir: &Path) -> Result<Store, CliError> {
        let path = dir.join(CREDENTIALS_FILE);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| CliError::CorruptStore {
                path,
                reason: e.to_string(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Store::default()),
            Err(source) => Err(CliError::Io {
                action: "read",
                path,
                source,
            }),
        }
    }

    /// The named profile.
    pub fn profile(&self, name: &str) -> Result<&Profile, CliError> {
        self.profiles
            .get(name)
            .ok_or_else(|| CliError::NoProfile(name.to_owned()))
    }

    /// Writes the store: a temporary file with owner-only permissions in
    /// the same directory, flushed, then renamed over the old one, so a
    /// crash leaves either the old or the new file, never half of one.
    pub fn save(&self, dir: &Path) -> Result<(), CliError> {
        create_private_dir(dir)?;
        let path = dir.join(CREDENTIALS_FILE);
        let temp = dir.join(format!(".{CREDENTIALS_FILE}.{}.tmp", std::process::id()));
        let io = |action, path: &Path| {
            let path = path.to_path_buf();
            move |source| CliError::Io {
                action,
                path,
                source,
            }
        };
        let bytes = serde_json::to_vec_pretty(self).map_err(|e| CliError::CorruptStore {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        let mut file = private_file(&temp).map_err(io("create", &temp))?;
        file.write_all(&bytes).map_err(io("write", &temp))?;
        file.sync_all().map_err(io("write", &temp))?;
        drop(file);
        std::fs::rename(&temp, &path).map_err(io("replace", &path))?;
        Ok(())
    }
}

#[cfg(unix)]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::create(path)
}

fn create_private_dir(dir: &Path) -> Result<(), CliError> {
    let result = {
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
        }
        #[cfg(not(unix))]
        {
            std::fs::create_dir_all(dir)
        }
    };
    result.map_err(|source| CliError::Io {
        action: "create",
        path: dir.to_path_buf(),
        source,
    })
}
