//! Atomic file replacement: a reader, a crash or a full disk sees the old file or the new one,
//! never half of one.

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;
use thiserror::Error;

/// Why a file could not be written. The file that was there before is left as it was.
#[derive(Debug, Error)]
pub enum SaveError {
    #[error("{}: {action}", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        source: io::Error,
    },
    #[error("cannot encode the session: {0}")]
    Encode(ron::Error),
}

/// Where the previous version of `path` is kept: `NAME.ron.bak` beside it.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Replaces `path` with `bytes`: writes a temporary file in the same folder, flushes it to disk,
/// then renames it over the target. With `keep_backup`, the previous file is first copied to
/// [`backup_path`], the same way.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let io_error = |action, error_path: &Path| {
        let error_path = error_path.to_owned();
        move |source| SaveError::Io {
            path: error_path,
            action,
            source,
        }
    };
    let existing = fs::metadata(path).ok();

    let mut temp = new_temp_file(folder, existing.as_ref())
        .map_err(io_error("cannot create a file in this folder", folder))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(io_error("cannot write the file", path))?;

    if keep_backup && existing.as_ref().is_some_and(fs::Metadata::is_file) {
        let backup = backup_path(path);
        copy_atomic(path, &backup, folder, existing.as_ref()).map_err(io_error(
            "cannot keep the previous version as a backup",
            &backup,
        ))?;
    }

    temp.persist(path)
        .map_err(|error| error.error)
        .map_err(io_error("cannot replace the file", path))?;
    // The rename is durable once the folder is flushed. Some file systems cannot flush a
    // folder; the new file is in place either way, so that is not reported as a failure.
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

fn copy_atomic(
    from: &Path,
    to: &Path,
    folder: &Path,
    metadata: Option<&fs::Metadata>,
) -> io::Result<()> {
    let mut temp = new_temp_file(folder, metadata)?;
    io::copy(&mut File::open(from)?, &mut temp)?;
    temp.as_file().sync_all()?;
    temp.persist(to).map_err(|error| error.error)?;
    Ok(())
}

/// A hidden temporary file in `folder`, with the permissions of the file it will replace
/// (or the usual ones for a new file) rather than tempfile's private 0600.
fn new_temp_file(folder: &Path, replaces: Option<&fs::Metadata>) -> io::Result<NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".accord-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = replaces.map_or(0o666, |m| m.permissions().mode() & 0o7777);
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = replaces;
    builder.tempfile_in(folder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_keeps_the_previous_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("session.ron");
        write_atomic(&path, b"first", true).unwrap();
        assert!(!backup_path(&path).exists(), "nothing to back up yet");
        write_atomic(&path, b"second", true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"first");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|entry| entry.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    }

    #[test]
    fn a_missing_folder_is_reported_with_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-folder").join("session.ron");
        let error = write_atomic(&path, b"x", true).unwrap_err();
        assert!(error.to_string().contains("no-such-folder"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_permissions_of_the_file_it_replaces() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("session.ron");
        fs::write(&path, b"old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"new", true).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}
