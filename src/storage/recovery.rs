//! The recovery file: unsaved work written every few seconds, so a crash loses at most moments.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::civil::DateTime;
use serde::{Deserialize, Serialize};

use super::{LoadError, SaveError};
use crate::model::Session;

/// Unsaved work, with where it belongs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Recovery {
    /// The session file the work belongs to, if it was ever saved.
    pub source: Option<PathBuf>,
    /// Local time of the last change written.
    pub written_at: Option<DateTime>,
    pub session: Session,
}

/// The recovery file in the app's data folder.
#[derive(Clone, Debug)]
pub struct RecoveryFile {
    path: PathBuf,
}

impl RecoveryFile {
    /// The recovery file inside `data_dir`.
    pub fn in_dir(data_dir: &Path) -> Self {
        Self {
            path: data_dir.join("recovery.ron"),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the recovery file atomically, creating the data folder if needed.
    pub fn write(&self, recovery: &Recovery) -> Result<(), SaveError> {
        if let Some(folder) = self.path.parent() {
            fs::create_dir_all(folder).map_err(|source| SaveError::Io {
                path: folder.to_owned(),
                action: "cannot create the data folder",
                source,
            })?;
        }
        let config = ron::ser::PrettyConfig::new().struct_names(false);
        let text = ron::ser::to_string_pretty(recovery, config).map_err(SaveError::Encode)?;
        super::write_atomic(&self.path, text.as_bytes(), false)
    }

    /// Reads the recovery file; `Ok(None)` when there is none.
    pub fn read(&self) -> Result<Option<Recovery>, LoadError> {
        let text = match fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(LoadError::Read {
                    path: self.path.clone(),
                    source,
                });
            }
        };
        let parse_error = |error| LoadError::Parse {
            path: self.path.clone(),
            error,
        };
        let options = ron::Options::default().with_recursion_limit(super::MAX_NESTING);
        let mut recovery: Recovery = options
            .from_str(&text)
            .map_err(super::syntax_error)
            .map_err(parse_error)?;
        // The session inside goes through the same version check and migration as a file.
        super::upgrade(&mut recovery.session).map_err(parse_error)?;
        Ok(Some(recovery))
    }

    /// Removes the recovery file once its work is safe elsewhere.
    pub fn clear(&self) -> io::Result<()> {
        match fs::remove_file(&self.path) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }
}
