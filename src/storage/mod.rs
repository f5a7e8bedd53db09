//! Session files on disk: RON in a stable layout, atomic saves with a backup, and errors that
//! name the file, line and column.

mod atomic;
mod errors;
mod fingerprint;
mod lexer;
pub mod recovery;
pub mod templates;

use std::fs::File;
use std::io::Read as _;
use std::path::Path;

use serde::Deserialize;

use crate::model::{CURRENT_VERSION, Session};
use lexer::overlong_text;

pub use atomic::{SaveError, backup_path, broken_path, write_atomic, write_files};
pub use errors::{LoadError, ParseError};
pub use fingerprint::Fingerprint;

/// The largest session file Accord opens. A real workshop is a few hundred kilobytes; the cap
/// keeps a wrong or hostile file from eating memory.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// How deeply values may nest. The session is about ten levels deep; the cap keeps a hostile
/// file from overflowing the stack.
pub const MAX_NESTING: usize = 64;

/// The longest text a session holds in one field, in bytes: some forty pages of notes. A longer
/// one (a file pasted into a title) would cost the window gigabytes to lay out on every frame.
pub const MAX_TEXT_BYTES: usize = 256 * 1024;

/// The highest id a file may use: far above what any workshop reaches, and low enough that
/// adding items never overflows, and that JSON readers (exact only up to 2^53) read ids exactly.
pub const MAX_ID: u64 = 1 << 53;

/// Writes a session as RON. The layout is fixed, so saving an unchanged session twice gives
/// the same bytes, and two versions of a file diff line by line.
pub fn to_ron(session: &Session) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("    ")
        .new_line("\n");
    let mut text = ron::Options::default().to_string_pretty(session, config)?;
    text.push('\n');
    Ok(text)
}

/// Reads a session from RON text, migrating older formats; a newer format is refused.
pub fn from_ron(text: &str) -> Result<Session, ParseError> {
    parse(text, false).map(|(session, _)| session)
}

/// A session file written by a newer Accord, read as far as this version understands it:
/// the window shows it read-only, and saving writes a copy in the current format.
#[derive(Clone, Debug, PartialEq)]
pub struct Newer {
    /// The file format the file says it is.
    pub found: u32,
    /// Why it is read-only, as the window says it.
    pub message: String,
}

/// Reads a session from RON text like [`from_ron`], except that a file of a newer format is
/// read too, as far as its shape is this version's, and said to be newer. What only the newer
/// version knows (fields this one has no name for) is not kept.
pub fn from_ron_for_reading(text: &str) -> Result<(Session, Option<Newer>), ParseError> {
    parse(text, true)
}

fn parse(text: &str, newer_too: bool) -> Result<(Session, Option<Newer>), ParseError> {
    // Windows editors may start a UTF-8 file with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    /// Only the version, read first so a newer file is refused before its shape is judged.
    #[derive(Deserialize)]
    struct VersionProbe {
        // Files without a version predate the field and are read as the first format.
        #[serde(default = "first_format")]
        version: u32,
    }
    fn first_format() -> u32 {
        1
    }

    if let Some(long) = overlong_text(text) {
        return Err(ParseError::Syntax {
            line: long.line,
            col: long.col,
            message: format!(
                "this text is {} KB long; the longest Accord keeps is {} KB",
                long.bytes / 1024,
                MAX_TEXT_BYTES / 1024
            ),
        });
    }
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING);
    let probe: VersionProbe = options.from_str(text).map_err(syntax_error)?;
    let found = probe.version;
    let future = ParseError::FutureVersion {
        found,
        supported: CURRENT_VERSION,
    };
    if found > CURRENT_VERSION && !newer_too {
        return Err(future);
    }
    let mut session: Session = options.from_str(text).map_err(syntax_error)?;
    if found > CURRENT_VERSION {
        // Read as the current format: nothing older to migrate, and the copy a save writes
        // is in this version's format.
        session.version = CURRENT_VERSION;
        upgrade(&mut session)?;
        let message = format!(
            "This file was {future}. It is open read-only: what only the newer version \
             knows is not shown, and Save as… writes a copy in format {CURRENT_VERSION} under \
             a new name, leaving this file as it is."
        );
        return Ok((session, Some(Newer { found, message })));
    }
    session.version = found;
    upgrade(&mut session)?;
    Ok((session, None))
}

/// Brings a freshly read session to the current format, or refuses one from the future.
fn upgrade(session: &mut Session) -> Result<(), ParseError> {
    if session.version > CURRENT_VERSION {
        return Err(ParseError::FutureVersion {
            found: session.version,
            supported: CURRENT_VERSION,
        });
    }
    let id = session.highest_id().max(session.next_id);
    if id > MAX_ID {
        return Err(ParseError::IdTooLarge { id });
    }
    // Each format's migration, oldest first.
    if session.version < 2 {
        // Format 2 signs agreements: each sign-off becomes a signature on the text it stood
        // next to.
        session.migrate_sign_offs();
    }
    // Format 3 writes each signed text once per history (see `Signatures`); a format 2 file,
    // with every copy written out, reads as it is.
    session.drop_legacy_sign_offs();
    session.version = CURRENT_VERSION;
    session.repair_next_id();
    Ok(())
}

fn syntax_error(error: ron::error::SpannedError) -> ParseError {
    let message = match error.code {
        ron::Error::ExceededRecursionLimit => {
            format!("values are nested more than {MAX_NESTING} levels deep")
        }
        // The version is read first, by a struct of its own whose name means nothing to a user.
        ron::Error::ExpectedNamedStructLike("VersionProbe") => {
            "this is not an Accord session: a session starts with `(`".to_owned()
        }
        code => code.to_string(),
    };
    ParseError::Syntax {
        line: error.span.start.line,
        col: error.span.start.col,
        message,
    }
}

/// Reads bytes as UTF-8, or says where the first invalid byte is.
pub fn utf8_text(bytes: &[u8]) -> Result<&str, ParseError> {
    std::str::from_utf8(bytes).map_err(|error| {
        let valid = &bytes[..error.valid_up_to()];
        let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // The column counts characters, as ron's columns do.
        let col = 1 + String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count();
        ParseError::Syntax {
            line,
            col,
            message: "the file is not UTF-8 text".to_owned(),
        }
    })
}

/// Opens a session file. Nothing is written, so a file that fails to load stays as it was.
pub fn load(path: &Path) -> Result<Session, LoadError> {
    load_with_fingerprint(path).map(|(session, _)| session)
}

/// Opens a session file and fingerprints the bytes it was read from.
pub fn load_with_fingerprint(path: &Path) -> Result<(Session, Fingerprint), LoadError> {
    let (bytes, text_error) = read_capped(path)?;
    let text = utf8_text(&bytes).map_err(&text_error)?;
    let session = from_ron(text).map_err(text_error)?;
    Ok((session, Fingerprint::of(&bytes)))
}

/// The review `session` (read from `path`) was started from, looked for under the file name
/// it keeps, in the same folder: `None` when it names none, else the file and what reading it
/// gave. A review's file name never leaves its folder: a name with a folder in it (written by
/// hand) is looked for by its last part only.
pub fn previous_review(
    session: &Session,
    path: &Path,
) -> Option<(std::path::PathBuf, Result<Session, LoadError>)> {
    let named = session.previous.as_ref()?;
    let name = Path::new(named.file.trim()).file_name()?;
    let file = path.parent().unwrap_or(Path::new(".")).join(name);
    let loaded = load(&file);
    Some((file, loaded))
}

/// A session file as the window opens it: as [`load_with_fingerprint`], except that a file
/// written by a newer Accord opens too, read-only (see [`from_ron_for_reading`]).
pub fn load_for_reading(path: &Path) -> Result<(Session, Fingerprint, Option<Newer>), LoadError> {
    let (bytes, text_error) = read_capped(path)?;
    let text = utf8_text(&bytes).map_err(&text_error)?;
    let (session, newer) = from_ron_for_reading(text).map_err(text_error)?;
    Ok((session, Fingerprint::of(&bytes), newer))
}

/// The bytes of the file at `path`, refused past [`MAX_FILE_BYTES`] without reading it whole,
/// and how to name a parse error in them.
fn read_capped(path: &Path) -> Result<(Vec<u8>, impl Fn(ParseError) -> LoadError + '_), LoadError> {
    let read_error = |source| LoadError::Read {
        path: path.to_owned(),
        source,
    };
    let file = File::open(path).map_err(read_error)?;
    let mut bytes = Vec::new();
    // Read one byte past the cap, so an oversized file is known without reading it whole.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
        });
    }
    let parse_error = |error| LoadError::Parse {
        path: path.to_owned(),
        error,
    };
    Ok((bytes, parse_error))
}

/// A file name (without extension) made from a session title: letters, digits, spaces, dots,
/// dashes and underscores are kept; anything a file system could choke on becomes a dash.
pub fn file_stem_for(title: &str) -> String {
    let cleaned: String = title
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .take(80)
        .collect();
    // A name taken from "acme.accord.ron" is "acme": the suffix is added back once.
    let cleaned = cleaned.trim_end_matches(".accord");
    let cleaned = cleaned.trim_matches(|c: char| c == '.' || c == ' ' || c == '-');
    if cleaned.is_empty() {
        "workshop".to_owned()
    } else {
        cleaned.to_owned()
    }
}

/// Saves a session atomically, keeping the previous file as `NAME.bak` when it is one that
/// loads, and as `NAME.broken` when it is not. Returns the fingerprint of what was written.
pub fn save(path: &Path, session: &Session) -> Result<Fingerprint, SaveError> {
    save_over(path, session, None)
}

/// Whether the file at `path` may become the backup: one that loads. What this program last
/// read or wrote there (`known`) does; anything else is read to find out. A file that does not
/// load (another program left it half-written, say) is kept as `NAME.broken` instead, so the
/// backup stays the last version that loaded.
fn loads(path: &Path, known: Option<Fingerprint>) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        // Unreadable: copying it fails too, and says why.
        return true;
    };
    if known.is_some_and(|known| known == Fingerprint::of(&bytes)) {
        return true;
    }
    bytes.len() as u64 <= MAX_FILE_BYTES
        && std::str::from_utf8(&bytes).is_ok_and(|text| parse(text, true).is_ok())
}

/// [`save`], for a caller that knows what the file held when it last read or wrote it
/// (`known`): when it still holds that, it is kept as the backup without being read again.
pub fn save_over(
    path: &Path,
    session: &Session,
    known: Option<Fingerprint>,
) -> Result<Fingerprint, SaveError> {
    let text = to_ron(session).map_err(SaveError::Encode)?;
    // What is written must open again: a file or a text the loader would refuse is not
    // written at all, so the last good file and its backup stay.
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(SaveError::TooLarge {
            mb: text.len() as f64 / (1024.0 * 1024.0),
            limit_mb: MAX_FILE_BYTES / (1024 * 1024),
        });
    }
    if let Some(long) = overlong_text(&text) {
        let string = &text[long.start..];
        // Past the opening quote: `"`, or `r`, any `#` and `"` for a raw string.
        let inside = match string.strip_prefix('r') {
            Some(raw) => raw.trim_start_matches('#').strip_prefix('"').unwrap_or(raw),
            None => string.strip_prefix('"').unwrap_or(string),
        };
        let opening: String = inside.chars().take(40).collect();
        return Err(SaveError::TextTooLong {
            opening,
            kb: long.bytes.div_ceil(1024),
            limit_kb: MAX_TEXT_BYTES / 1024,
        });
    }
    let keep_as = if !path.is_file() || loads(path, known) {
        backup_path(path)
    } else {
        broken_path(path)
    };
    atomic::write_atomic_keeping(path, text.as_bytes(), Some(&keep_as))?;
    Ok(Fingerprint::of(text.as_bytes()))
}

#[cfg(test)]
mod tests;
