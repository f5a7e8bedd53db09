//! Reading every row of a CSV file: rows as the caller sees them, rows skipped and why,
//! byte counts for progress, and a cap on the length of one row.

use super::{
    AtomicBool, AtomicU64, BTreeMap, CANCEL_CHECK_ROWS, CSV_BUFFER_BYTES, Cow, Dialect, File,
    ImportError, MAX_ROW_BYTES, Ordering, Path, Progress, Read, SKIPPED_EXAMPLES, hash_file, io,
};

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

    #[cfg_attr(
        accord_private_layers,
        expect(dead_code, reason = "clippy asks for it beside len")
    )]
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
pub(super) struct RowGuard {
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
pub(super) struct Counting<'a, R> {
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

pub(super) fn read_rows<R: Read>(
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
pub(super) fn csv_error(
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
pub(super) fn open_csv<'a>(
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
