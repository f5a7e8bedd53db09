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
    /// A text so long that the file could not be opened again.
    #[error(
        "the text that starts “{opening}” is {kb} KB long as written, and Accord keeps texts of \
         up to {limit_kb} KB; shorten it, then save again"
    )]
    TextTooLong {
        opening: String,
        kb: usize,
        limit_kb: usize,
    },
    /// A session larger, as written, than a session file may be: it could not be opened again.
    #[error(
        "the session is {mb:.1} MB as written, and a session file holds at most {limit_mb} MB; \
         nothing was written, and the file and its backup are as they were"
    )]
    TooLarge { mb: f64, limit_mb: u64 },
}

/// Writes named files: one file straight to `path`, several (or any into an existing folder)
/// into the folder `path`, created if needed, each atomically. A name may hold `/`: its
/// folders are made inside `path`. Returns the paths written.
pub fn write_files<'a>(
    path: &Path,
    files: &[(&'a str, &'a [u8])],
) -> Result<Vec<PathBuf>, SaveError> {
    let into_folder = files.len() > 1 || path.is_dir();
    if into_folder {
        std::fs::create_dir_all(path).map_err(|source| SaveError::Io {
            path: path.to_owned(),
            action: "could not create the folder",
            source,
        })?;
    }
    let mut written = Vec::new();
    for (name, bytes) in files {
        let target = if into_folder {
            let relative = Path::new(name);
            let inside = relative
                .components()
                .all(|part| matches!(part, std::path::Component::Normal(_)));
            if !inside {
                return Err(SaveError::Io {
                    path: path.join(name),
                    action: "is not a name inside the folder",
                    source: io::Error::from(io::ErrorKind::InvalidInput),
                });
            }
            let target = path.join(relative);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(|source| SaveError::Io {
                    path: parent.to_owned(),
                    action: "could not create the folder",
                    source,
                })?;
            }
            target
        } else {
            path.to_owned()
        };
        write_atomic(&target, bytes, false)?;
        written.push(target);
    }
    Ok(written)
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
    let keep_as = keep_backup.then(|| backup_path(path));
    write_atomic_with(path, keep_as.as_deref(), |file| file.write_all(bytes))
}

/// [`write_atomic`], keeping the previous file as `keep_as` (a backup, or where a file that
/// is no session goes rather than be lost).
pub fn write_atomic_keeping(
    path: &Path,
    bytes: &[u8],
    keep_as: Option<&Path>,
) -> Result<(), SaveError> {
    write_atomic_with(path, keep_as, |file| file.write_all(bytes))
}

/// Where a previous file that does not load is kept when a save replaces it: `NAME.broken`
/// beside it, so the backup stays a file that loads and nothing is lost.
pub fn broken_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".broken");
    path.with_file_name(name)
}

/// [`write_atomic`] with the writing of the content handed to `write`, so a test can make it
/// fail halfway as a full disk would.
fn write_atomic_with(
    path: &Path,
    keep_as: Option<&Path>,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), SaveError> {
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
    write(temp.as_file_mut())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(io_error("cannot write the file", path))?;

    if let Some(backup) = keep_as
        && existing.as_ref().is_some_and(fs::Metadata::is_file)
    {
        copy_atomic(path, backup, folder, existing.as_ref()).map_err(io_error(
            "cannot keep the previous version as a backup",
            backup,
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
    remove_stale_temp_files(folder);
    Ok(())
}

/// How old a temporary file must be before it is taken for the leftover of a killed save.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Removes temporary files that a save killed midway (kill -9, power loss) left behind. Only
/// Accord's own names, and only old ones, so a save running right now is never touched.
/// Best effort: a file that cannot be removed is left for next time.
fn remove_stale_temp_files(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok());
        if age.is_some_and(|age| age > STALE_AFTER) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

const TEMP_PREFIX: &str = ".accord-";
const TEMP_SUFFIX: &str = ".tmp";

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
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
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
    fn a_disk_that_fills_up_halfway_leaves_the_file_and_its_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("session.ron");
        write_atomic(&path, b"first", true).unwrap();
        write_atomic(&path, b"second", true).unwrap();
        let error = write_atomic_with(&path, Some(&backup_path(&path)), |file| {
            file.write_all(b"thi")?;
            Err(io::Error::from(io::ErrorKind::StorageFull))
        })
        .unwrap_err();
        let message = error.to_string();
        assert!(
            message.starts_with(&path.display().to_string()),
            "{message}"
        );
        assert!(message.contains("cannot write the file"), "{message}");
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"first");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "no half-written file is left: {names:?}");
    }

    #[test]
    fn leftovers_of_killed_saves_are_cleared_but_fresh_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".accord-killed.tmp");
        let fresh = dir.path().join(".accord-running.tmp");
        let other = dir.path().join("notes.tmp");
        for file in [&old, &fresh, &other] {
            fs::write(file, b"partial").unwrap();
        }
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for file in [&old, &other] {
            File::options()
                .write(true)
                .open(file)
                .unwrap()
                .set_modified(an_hour_ago)
                .unwrap();
        }
        write_atomic(&dir.path().join("session.ron"), b"new", true).unwrap();
        assert!(!old.exists(), "an old leftover is removed");
        assert!(fresh.exists(), "a save that may be running is left alone");
        assert!(
            other.exists(),
            "files that are not Accord's are never touched"
        );
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
