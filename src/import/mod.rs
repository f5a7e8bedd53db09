//! Reading CSV exports from CRMs and spreadsheets: customers, leads, events.
//!
//! One reader serves every import. It detects the encoding (UTF-8 with or without BOM, UTF-16
//! with BOM, otherwise Windows-1252) and the delimiter (comma, semicolon, tab or pipe, or Excel's
//! `sep=` first line), streams the file without holding it in memory, reports progress, can be
//! cancelled, and hashes the bytes (SHA-256) so a session can name the exact export it used.
//! What a row means is the caller's business: it sees each row and may skip it with a reason;
//! skipped rows are counted and the first ones kept with their line number.

mod dialect;
mod scan;

pub use dialect::*;
pub use scan::*;

pub mod customers;
pub(crate) mod dates;
pub mod events;
pub mod funnel;
pub mod leads;
pub mod money;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use sha2::{Digest as _, Sha256};
use thiserror::Error;

/// How many rows a preview reads: enough to guess the columns' roles and decimal marks.
pub const PREVIEW_ROWS: usize = 500;
/// How much of the file is read to detect its encoding and delimiter.
const SNIFF_BYTES: usize = 64 * 1024;
/// How many skipped rows are kept with their line and reason; the rest are only counted.
pub const SKIPPED_EXAMPLES: usize = 50;
/// How often, in rows, a scan looks at the cancel flag.
const CANCEL_CHECK_ROWS: u64 = 4096;
/// About the longest a row may be. The longest notes field of a real export is a few kilobytes;
/// a row that runs on past this is a quote that never closes, and reading on would hold the
/// rest of the file in memory as one cell.
pub const MAX_ROW_BYTES: u64 = 8 * 1024 * 1024;
/// How much of the file the CSV reader buffers ahead of the row it is parsing.
const CSV_BUFFER_BYTES: usize = 256 * 1024;

/// Why a file could not be imported at all. Single bad rows are never an error: they are skipped.
#[derive(Debug, Error)]
pub enum ImportError {
    #[error("could not read {path}")]
    Read { path: PathBuf, source: io::Error },
    #[error("{path}: line {line}: {message}")]
    Csv {
        path: PathBuf,
        line: u64,
        message: String,
    },
    #[error("{path} is empty: there is no header row")]
    Empty { path: PathBuf },
    #[error("the import of {path} was cancelled")]
    Cancelled { path: PathBuf },
}

/// Shared between an import running on a worker thread and the window that shows it.
#[derive(Debug, Default)]
pub struct Progress {
    bytes_read: AtomicU64,
    bytes_total: AtomicU64,
    cancelled: AtomicBool,
}

impl Progress {
    /// How far the import is, from 0 to 1.
    pub fn fraction(&self) -> f32 {
        let total = self.bytes_total.load(Ordering::Relaxed);
        if total == 0 {
            return 0.0;
        }
        (self.bytes_read.load(Ordering::Relaxed) as f64 / total as f64).min(1.0) as f32
    }

    /// Asks the import to stop; it returns [`ImportError::Cancelled`] soon after.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// A file's first rows, for the column-mapping preview.
#[derive(Clone, Debug)]
pub struct Preview {
    pub path: PathBuf,
    pub dialect: Dialect,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub bytes: u64,
}

impl Preview {
    /// The sample values of one column.
    pub fn column(&self, index: usize) -> impl Iterator<Item = &str> + Clone {
        self.rows
            .iter()
            .filter_map(move |row| row.get(index).map(String::as_str))
    }

    /// The index of the column called `name`, ignoring case and surrounding spaces.
    pub fn find(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.headers
            .iter()
            .position(|header| header.eq_ignore_ascii_case(name))
    }
}

/// Reads the header and up to `max_rows` rows of a file.
pub fn preview(path: &Path, max_rows: usize) -> Result<Preview, ImportError> {
    let read_error = |source| ImportError::Read {
        path: path.to_owned(),
        source,
    };
    let bytes = std::fs::metadata(path).map_err(read_error)?.len();
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    File::open(path)
        .map_err(read_error)?
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(read_error)?;
    let dialect = Dialect::sniff(&head);
    let mut rows = Vec::new();
    let progress = Progress::default();
    let guard = RowGuard::default();
    let mut reader = open_csv(path, dialect, &progress, &guard)?;
    let headers = read_rows(path, dialect, &progress, &guard, &mut reader, &mut |row| {
        if rows.len() >= max_rows {
            return Ok(Flow::Stop);
        }
        rows.push((0..row.len()).map(|i| row.text(i).into_owned()).collect());
        Ok(Flow::Continue)
    })?
    .headers;
    Ok(Preview {
        path: path.to_owned(),
        dialect,
        headers,
        rows,
        bytes,
    })
}

/// SHA-256 of a file in lowercase hex. Stops early when the import is cancelled or `failed`.
fn hash_file(path: &Path, progress: &Progress, failed: &AtomicBool) -> io::Result<String> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 1 << 20];
    loop {
        if progress.is_cancelled() || failed.load(Ordering::Relaxed) {
            return Err(io::Error::other("the import was cancelled"));
        }
        let read = file.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect())
}
