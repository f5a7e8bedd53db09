//! What every report of the command line shares: how it is printed, and the line that names
//! the file its figures come from.

use serde::Serialize;

use crate::import;

/// How a report is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

/// The file the figures come from.
#[derive(Debug, Serialize)]
pub struct Source<'a> {
    pub file: &'a str,
    pub sha256: &'a str,
    pub bytes: u64,
    pub encoding: &'static str,
    pub delimiter: &'static str,
}

impl std::fmt::Display for Source<'_> {
    /// The line a text report starts with: the file, how it was read, and its hash.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}  ({}, {}, sha256 {})",
            self.file, self.encoding, self.delimiter, self.sha256
        )
    }
}

impl<'a> Source<'a> {
    /// The file a scan read, in the dialect its preview found.
    pub fn new(scan: &'a import::ScanSummary, dialect: import::Dialect) -> Self {
        Self {
            file: &scan.file_name,
            sha256: &scan.content_hash,
            bytes: scan.bytes,
            encoding: dialect.encoding.label(),
            delimiter: dialect.delimiter_label(),
        }
    }
}
