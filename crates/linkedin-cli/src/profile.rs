//! Stored credentials: one JSON file of named profiles in the user's config
//! directory, readable by its owner only, replaced atomically through an
//! exclusively created temporary file, changed under an advisory lock so
//! concurrent logins keep each other's profiles, and never reached through
//! a symbolic link.
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
    ///
    /// The file is replaced by renaming, never rewritten in place, so a
    /// reader needs no lock to see a whole one.
    pub fn load(dir: &Path) -> Result<Store, CliError> {
        let path = dir.join(CREDENTIALS_FILE);
        refuse_symlink(&path)?;
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

    /// Reads the store, lets `change` modify it and writes it back, all
    /// under an exclusive advisory lock on [`LOCK_FILE`], so that two
    /// `linkedin` processes saving different profiles at once both keep
    /// theirs. Nothing is written when `change` fails.
    pub fn update<T>(
        dir: &Path,
        change: impl FnOnce(&mut Store) -> Result<T, CliError>,
    ) -> Result<T, CliError> {
        create_private_dir(dir)?;
        let lock_path = dir.join(LOCK_FILE);
        let mut lock = fd_lock::RwLock::new(open_lock_file(&lock_path)?);
        // Blocks until the other process is done: its whole
        // read-modify-write takes milliseconds.
        let _guard = lock.write().map_err(|source| CliError::Io {
            action: "lock",
            path: lock_path.clone(),
            source,
        })?;
        let mut store = Store::load(dir)?;
        let result = change(&mut store)?;
        store.save(dir)?;
        Ok(result)
    }

    /// Writes the store through a randomly named temporary file created
    /// exclusively (`O_EXCL`, so nothing planted at a guessable name is
    /// followed or reused) with owner-only permissions in the same
    /// directory; the file is synced, renamed over the old one and the
    /// directory synced, so a crash leaves either the old or the new file,
    /// never half of one. Call it under the lock ([`Store::update`]).
    fn save(&self, dir: &Path) -> Result<(), CliError> {
        let path = dir.join(CREDENTIALS_FILE);
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
        // tempfile creates the file with O_CREAT|O_EXCL and mode 0600 on
        // Unix, retrying other random names if one exists.
        let mut temp = tempfile::Builder::new()
            .prefix(&format!(".{CREDENTIALS_FILE}."))
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(io("create a temporary file in", dir))?;
        restrict_to_owner(temp.as_file()).map_err(io("restrict", temp.path()))?;
        temp.write_all(&bytes).map_err(io("write", temp.path()))?;
        temp.as_file()
            .sync_all()
            .map_err(io("write", temp.path()))?;
        // Renaming replaces a link itself rather than writing through it,
        // but a link here was not put by us: say so instead.
        refuse_symlink(&path)?;
        temp.persist(&path).map_err(|e| CliError::Io {
            action: "replace",
            path: path.clone(),
            source: e.error,
        })?;
        sync_dir(dir).map_err(io("sync", dir))?;
        Ok(())
    }
}

/// The lock file beside the credentials: locking the credentials file
/// itself would not work, as each save replaces it with a new file.
pub const LOCK_FILE: &str = "credentials.json.lock";

/// Fails with [`CliError::SymlinkedCredentials`] when `path` is a symbolic
/// link: the tokens must not be read from or written to wherever a link
/// planted in the config directory points.
fn refuse_symlink(path: &Path) -> Result<(), CliError> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(CliError::SymlinkedCredentials {
            path: path.to_path_buf(),
        }),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(CliError::Io {
            action: "inspect",
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Opens (creating if needed, owner-only) the lock file. Nothing is ever
/// written to it; a symbolic link in its place is refused all the same.
fn open_lock_file(path: &Path) -> Result<std::fs::File, CliError> {
    refuse_symlink(path)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map_err(|source| CliError::Io {
        action: "open",
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(unix)]
fn restrict_to_owner(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn restrict_to_owner(_file: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

/// Makes the rename durable: on Unix a directory entry change is only on
/// disk once the directory itself is synced.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
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
