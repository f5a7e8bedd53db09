//! Why a session file could not be read: the parse errors name the line and column, the load
//! errors the file.

use std::path::PathBuf;

use thiserror::Error;

use super::{MAX_FILE_BYTES, MAX_ID};

/// Why a session text could not be read as a session.
#[derive(Debug, Error, PartialEq)]
pub enum ParseError {
    /// The text is not valid RON, or does not have the session's shape.
    #[error("{line}:{col}: {message}")]
    Syntax {
        line: usize,
        col: usize,
        message: String,
    },
    /// The file was written by a newer Accord.
    #[error(
        "written by a newer Accord (file format {found}); this version reads formats up to {supported}"
    )]
    FutureVersion { found: u32, supported: u32 },
    /// An id too large to add anything after it: the file was not written by Accord.
    #[error(
        "the file uses the id {id}, above the largest Accord uses ({MAX_ID}); it was not written by Accord"
    )]
    IdTooLarge { id: u64 },
}

/// Why a session file could not be opened.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{}: cannot read the file", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{}: the file is larger than {} MB, the most a session file can be; it is probably not a session",
        path.display(),
        MAX_FILE_BYTES / (1024 * 1024)
    )]
    TooLarge { path: PathBuf },
    /// Shown whole as `FILE:LINE:COL: message` (or `FILE: message` when there is no place), so
    /// the parse error is part of this message rather than a cause chained after it.
    #[error("{}{}{error}", path.display(), if matches!(error, ParseError::Syntax { .. }) { ":" } else { ": " })]
    Parse { path: PathBuf, error: ParseError },
}

impl LoadError {
    /// The parse error behind this load error, if the file could be read.
    #[cfg_attr(
        accord_private_layers,
        expect(
            dead_code,
            reason = "the integration tests read where a file is wrong with it"
        )
    )]
    pub fn parse_error(&self) -> Option<&ParseError> {
        match self {
            Self::Parse { error, .. } => Some(error),
            _ => None,
        }
    }
}
