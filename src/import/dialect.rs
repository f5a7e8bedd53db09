//! How a CSV file is written: its encoding, delimiter and quoting, sniffed from its start.

use super::{BTreeMap, SNIFF_BYTES};

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

    pub(super) fn encoding_rs(self) -> Option<&'static encoding_rs::Encoding> {
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
pub(super) fn consistency(sample: &str, delimiter: u8) -> (u32, usize) {
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
