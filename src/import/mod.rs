//! Reading CSV exports from CRMs and spreadsheets: customers, leads, events.
//!
//! One reader serves every import. It detects the encoding (UTF-8 with or without BOM, UTF-16
//! with BOM, otherwise Windows-1252) and the delimiter (comma, semicolon, tab or pipe, or Excel's
//! `sep=` first line), streams the file without holding it in memory, reports progress, can be
//! cancelled, and hashes the bytes (SHA-256) so a session can name the exact export it used.
//! What a row means is the caller's business: it sees each row and may skip it with a reason;
//! skipped rows are counted and the first ones kept with their line number.

pub mod customers;
pub mod dates;
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

/// The text encoding of a file, as detected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf8Bom => "UTF-8 with BOM",
            Self::Utf16Le => "UTF-16 (little-endian)",
            Self::Utf16Be => "UTF-16 (big-endian)",
            Self::Windows1252 => "Windows-1252",
        }
    }

    /// From the first bytes of a file: a BOM decides; without one, UTF-8 if the bytes are valid
    /// UTF-8 (a sequence cut by the end of the sample is fine), otherwise Windows-1252.
    fn detect(head: &[u8]) -> Self {
        if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
            Self::Utf8Bom
        } else if head.starts_with(&[0xFF, 0xFE]) {
            Self::Utf16Le
        } else if head.starts_with(&[0xFE, 0xFF]) {
            Self::Utf16Be
        } else {
            match std::str::from_utf8(head) {
                Ok(_) => Self::Utf8,
                Err(error) if error.error_len().is_none() => Self::Utf8,
                Err(_) => Self::Windows1252,
            }
        }
    }

    fn encoding_rs(self) -> Option<&'static encoding_rs::Encoding> {
        match self {
            Self::Utf8 | Self::Utf8Bom => None,
            Self::Utf16Le => Some(encoding_rs::UTF_16LE),
            Self::Utf16Be => Some(encoding_rs::UTF_16BE),
            Self::Windows1252 => Some(encoding_rs::WINDOWS_1252),
        }
    }

    /// The sample as text, for sniffing the delimiter.
    fn decode_sample(self, head: &[u8]) -> String {
        match self.encoding_rs() {
            Some(encoding) => encoding.decode_with_bom_removal(head).0.into_owned(),
            None => String::from_utf8_lossy(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head))
                .into_owned(),
        }
    }
}

/// How a file is written: its encoding and its delimiter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dialect {
    pub encoding: Encoding,
    pub delimiter: u8,
    /// The file starts with Excel's `sep=X` line, which is not data.
    pub sep_line: bool,
}

impl Dialect {
    pub fn delimiter_label(&self) -> &'static str {
        match self.delimiter {
            b',' => "comma",
            b';' => "semicolon",
            b'\t' => "tab",
            b'|' => "pipe",
            _ => "other",
        }
    }

    /// Detects the dialect of a file from its first bytes.
    pub fn sniff(head: &[u8]) -> Self {
        let encoding = Encoding::detect(head);
        let text = encoding.decode_sample(head);
        let first_line = text.lines().next().unwrap_or_default().trim();
        if let Some(rest) = first_line
            .get(..4)
            .filter(|start| start.eq_ignore_ascii_case("sep="))
            .and_then(|_| first_line.get(4..))
            && let [delimiter] = rest.as_bytes()
        {
            return Self {
                encoding,
                delimiter: *delimiter,
                sep_line: true,
            };
        }
        // Drop the last line: the sample may have cut it.
        let complete = match text.rfind('\n') {
            Some(end) if head.len() >= SNIFF_BYTES => &text[..end],
            _ => text.as_str(),
        };
        let mut delimiter = b',';
        let mut best = consistency(complete, delimiter);
        for candidate in [b';', b'\t', b'|'] {
            let score = consistency(complete, candidate);
            if score > best {
                (delimiter, best) = (candidate, score);
            }
        }
        Self {
            encoding,
            delimiter,
            sep_line: false,
        }
    }
}

/// How consistently `delimiter` splits the sample: the share of rows (header included) that have
/// the most common field count, in thousandths, then that count. A delimiter that never splits
/// scores zero.
fn consistency(sample: &str, delimiter: u8) -> (u32, usize) {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(sample.as_bytes());
    let mut counts: BTreeMap<usize, u32> = BTreeMap::new();
    let mut rows = 0u32;
    for record in reader.byte_records().take(200) {
        let Ok(record) = record else { break };
        *counts.entry(record.len()).or_default() += 1;
        rows += 1;
    }
    let Some((&fields, &count)) = counts
        .iter()
        .max_by_key(|(fields, count)| (**count, **fields))
    else {
        return (0, 0);
    };
    if fields < 2 || rows == 0 {
        return (0, 0);
    }
    (count * 1000 / rows, fields)
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

/// One data row as the caller sees it during a scan.
pub struct Row<'a> {
    record: &'a csv::ByteRecord,
    /// The line the row starts on, counting from 1 with the header (and any `sep=` line).
    pub line: u64,
}

impl Row<'_> {
    pub fn len(&self) -> usize {
        self.record.len()
    }

    pub fn is_empty(&self) -> bool {
        self.record.is_empty()
    }

    /// The raw bytes of a cell, trimmed of spaces; `None` when the row is too short.
    pub fn bytes(&self, index: usize) -> Option<&[u8]> {
        self.record.get(index).map(<[u8]>::trim_ascii)
    }

    /// A cell as text, trimmed; empty when the row is too short. Bytes that are not UTF-8 in a
    /// file that otherwise is become U+FFFD.
    pub fn text(&self, index: usize) -> Cow<'_, str> {
        String::from_utf8_lossy(self.bytes(index).unwrap_or_default())
    }
}

/// Whether a scan goes on after a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Stop,
}

/// A row the caller could not use, and why. `kind` groups them ("blank revenue"); `detail` says
/// what was found on this row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip {
    pub kind: &'static str,
    pub detail: String,
}

/// A skipped row, kept to show.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SkippedRow {
    pub line: u64,
    pub reason: String,
}

/// Rows skipped during a scan: all counted by kind, the first ones kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Skipped {
    pub by_kind: BTreeMap<String, u64>,
    pub examples: Vec<SkippedRow>,
}

impl Skipped {
    pub fn total(&self) -> u64 {
        self.by_kind.values().sum()
    }

    pub fn add(&mut self, line: u64, skip: Skip) {
        *self.by_kind.entry(skip.kind.to_owned()).or_default() += 1;
        if self.examples.len() < SKIPPED_EXAMPLES {
            self.examples.push(SkippedRow {
                line,
                reason: skip.detail,
            });
        }
    }
}

/// What a whole-file scan saw.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScanSummary {
    /// The file's name without its folder.
    pub file_name: String,
    pub headers: Vec<String>,
    /// SHA-256 of the file's bytes, in lowercase hex (what `sha256sum` prints).
    pub content_hash: String,
    pub bytes: u64,
    /// Data rows seen, skipped ones included.
    pub rows_read: u64,
    pub skipped: Skipped,
}

/// Bytes read from the file since the row loop last finished a row: a row that never ends
/// (an unclosed quote) is stopped at [`MAX_ROW_BYTES`] instead of filling memory.
#[derive(Debug, Default)]
struct RowGuard {
    since_row: AtomicU64,
    tripped: AtomicBool,
}

impl RowGuard {
    fn row_done(&self) {
        self.since_row.store(0, Ordering::Relaxed);
    }
}

/// Counts the bytes read for [`Progress`] and the [`RowGuard`], and stops the read when the
/// import is cancelled or a row runs on too long.
struct Counting<'a, R> {
    inner: R,
    progress: &'a Progress,
    guard: &'a RowGuard,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.progress.is_cancelled() {
            return Err(io::Error::other("the import was cancelled"));
        }
        let read = self.inner.read(buf)?;
        self.progress
            .bytes_read
            .fetch_add(read as u64, Ordering::Relaxed);
        let since_row = self
            .guard
            .since_row
            .fetch_add(read as u64, Ordering::Relaxed);
        if since_row + read as u64 > MAX_ROW_BYTES {
            self.guard.tripped.store(true, Ordering::Relaxed);
            return Err(io::Error::other("a row is too long"));
        }
        Ok(read)
    }
}

/// Reads every row of `path` and hands it to `visit`, which may skip it with a reason or stop the
/// scan. The header row names the columns; a header cell left empty is called "Column N".
pub fn scan(
    path: &Path,
    dialect: Dialect,
    progress: &Progress,
    mut visit: impl FnMut(&Row<'_>) -> Result<Flow, Skip>,
) -> Result<ScanSummary, ImportError> {
    let read_error = |source| ImportError::Read {
        path: path.to_owned(),
        source,
    };
    let bytes = std::fs::metadata(path).map_err(read_error)?.len();
    progress.bytes_total.store(bytes, Ordering::Relaxed);
    let guard = RowGuard::default();
    let mut reader = open_csv(path, dialect, progress, &guard)?;

    // The file is hashed on the other core while this one parses; a file that fails to parse
    // stops the hash too.
    let failed = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let hasher = scope.spawn(|| hash_file(path, progress, &failed));
        let result = read_rows(path, dialect, progress, &guard, &mut reader, &mut visit);
        if result.is_err() {
            failed.store(true, Ordering::Relaxed);
        }
        let hash = hasher.join();
        let mut summary = result?;
        summary.content_hash = match hash {
            Ok(Ok(hash)) => hash,
            Ok(Err(_)) if progress.is_cancelled() => {
                return Err(ImportError::Cancelled {
                    path: path.to_owned(),
                });
            }
            Ok(Err(source)) => return Err(read_error(source)),
            Err(_) => String::new(),
        };
        summary.bytes = bytes;
        summary.file_name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(summary)
    })
}

fn read_rows<R: Read>(
    path: &Path,
    dialect: Dialect,
    progress: &Progress,
    guard: &RowGuard,
    reader: &mut csv::Reader<R>,
    visit: &mut impl FnMut(&Row<'_>) -> Result<Flow, Skip>,
) -> Result<ScanSummary, ImportError> {
    // Reads the next record; an error names the line it happened on.
    let next = |reader: &mut csv::Reader<R>, record: &mut csv::ByteRecord| {
        let starts_on = reader.position().line();
        let more = reader
            .read_byte_record(record)
            .map_err(|error| csv_error(path, progress, guard, starts_on, error))?;
        guard.row_done();
        Ok::<_, ImportError>(more)
    };
    let mut record = csv::ByteRecord::new();
    let mut summary = ScanSummary::default();

    let mut has_header = next(reader, &mut record)?;
    if has_header && dialect.sep_line {
        has_header = next(reader, &mut record)?;
    }
    if !has_header {
        return Err(ImportError::Empty {
            path: path.to_owned(),
        });
    }
    summary.headers = record
        .iter()
        .enumerate()
        .map(|(i, cell)| {
            let name = String::from_utf8_lossy(cell.trim_ascii()).into_owned();
            if name.is_empty() {
                format!("Column {}", i + 1)
            } else {
                name
            }
        })
        .collect();

    while next(reader, &mut record)? {
        // A blank line is not a row.
        if record.len() == 1 && record[0].trim_ascii().is_empty() {
            continue;
        }
        summary.rows_read += 1;
        if summary.rows_read.is_multiple_of(CANCEL_CHECK_ROWS) && progress.is_cancelled() {
            return Err(ImportError::Cancelled {
                path: path.to_owned(),
            });
        }
        let line = record.position().map_or(0, csv::Position::line);
        let row = Row {
            record: &record,
            line,
        };
        match visit(&row) {
            Ok(Flow::Continue) => {}
            Ok(Flow::Stop) => {
                summary.rows_read -= 1;
                break;
            }
            Err(skip) => summary.skipped.add(line, skip),
        }
    }
    Ok(summary)
}

/// Why a record could not be read from `path`, for a row starting on line `starts_on`.
fn csv_error(
    path: &Path,
    progress: &Progress,
    guard: &RowGuard,
    starts_on: u64,
    error: csv::Error,
) -> ImportError {
    if progress.is_cancelled() {
        return ImportError::Cancelled {
            path: path.to_owned(),
        };
    }
    if guard.tripped.load(Ordering::Relaxed) {
        return ImportError::Csv {
            path: path.to_owned(),
            line: starts_on,
            message: format!(
                "the row starting here runs on for more than {} MB; a quote (\") that opens a \
                 cell is probably never closed",
                MAX_ROW_BYTES / (1024 * 1024)
            ),
        };
    }
    let line = error.position().map_or(starts_on, csv::Position::line);
    match error.into_kind() {
        csv::ErrorKind::Io(source) => ImportError::Read {
            path: path.to_owned(),
            source,
        },
        kind => ImportError::Csv {
            path: path.to_owned(),
            line,
            message: format!("{kind:?}"),
        },
    }
}

/// A CSV reader over the file's text as UTF-8, whatever its encoding.
fn open_csv<'a>(
    path: &Path,
    dialect: Dialect,
    progress: &'a Progress,
    guard: &'a RowGuard,
) -> Result<csv::Reader<Box<dyn Read + 'a>>, ImportError> {
    let file = File::open(path).map_err(|source| ImportError::Read {
        path: path.to_owned(),
        source,
    })?;
    let counted = Counting {
        inner: file,
        progress,
        guard,
    };
    let mut decoder = encoding_rs_io::DecodeReaderBytesBuilder::new();
    match dialect.encoding.encoding_rs() {
        Some(encoding) => decoder.encoding(Some(encoding)).bom_override(true),
        // UTF-8 passes through untouched; bytes that are not UTF-8 are dealt with cell by cell.
        None => decoder.utf8_passthru(true),
    };
    let text: Box<dyn Read + 'a> = Box::new(decoder.strip_bom(true).build(counted));
    Ok(csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(CSV_BUFFER_BYTES)
        .from_reader(text))
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
