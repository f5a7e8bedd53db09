//! A customer export read into the columns the ICP analysis needs, and nothing else.
//!
//! Text columns (status and attributes) are stored as codes into a list of their distinct values,
//! so a million rows of "Software" cost four bytes each, and each distinct value is decoded once.

use std::path::Path;

use rustc_hash::FxHashMap;

use super::money::{DecimalMark, parse_amount};
use super::{Dialect, Flow, ImportError, Preview, Progress, ScanSummary, Skip, scan};

/// Which columns of the file play which part, by index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomerColumns {
    pub revenue: usize,
    /// Churned or active.
    pub status: usize,
    /// Months (or any unit) as a customer; breaks ties between equal revenues.
    pub tenure: Option<usize>,
    pub attributes: Vec<usize>,
    /// How the revenue and tenure columns write decimals.
    pub decimal: DecimalMark,
}

impl CustomerColumns {
    /// Guesses a mapping from the header names and the sample rows. Revenue and status are
    /// `None` in the result when no header suggests them.
    pub fn guess(preview: &Preview) -> (Option<usize>, Option<usize>, Self) {
        let lower: Vec<String> = preview.headers.iter().map(|h| h.to_lowercase()).collect();
        let find = |words: &[&str]| {
            lower
                .iter()
                .position(|header| words.iter().any(|word| header.contains(word)))
        };
        let revenue = find(&["revenue", "arr", "mrr", "acv", "amount", "contract value"]);
        let status = find(&["churn", "status", "active", "lost"]);
        let tenure = find(&["tenure", "months", "retention", "customer since"]);
        let attributes = (0..preview.headers.len())
            .filter(|&i| Some(i) != revenue && Some(i) != status && Some(i) != tenure)
            .filter(|&i| looks_like_attribute(&lower[i], preview.column(i)))
            .collect();
        let fallback = if preview.dialect.delimiter == b';' {
            DecimalMark::Comma
        } else {
            DecimalMark::Point
        };
        let decimal = revenue.map_or(fallback, |i| {
            DecimalMark::guess(preview.column(i), fallback)
        });
        (
            revenue,
            status,
            Self {
                revenue: revenue.unwrap_or_default(),
                status: status.unwrap_or_default(),
                tenure,
                attributes,
                decimal,
            },
        )
    }
}

/// Names, ids, emails and free text tell nothing about a segment; everything else may.
fn looks_like_attribute<'a>(header: &str, sample: impl Iterator<Item = &'a str> + Clone) -> bool {
    const IDENTIFYING: [&str; 17] = [
        "name",
        "company",
        "account",
        "customer",
        "organisation",
        "organization",
        "id",
        "email",
        "e-mail",
        "phone",
        "website",
        "domain",
        "url",
        "note",
        "notes",
        "comment",
        "description",
    ];
    let identifying = IDENTIFYING.iter().any(|word| {
        header == *word
            || header.ends_with(&format!(" {word}"))
            || header.ends_with(&format!("_{word}"))
    });
    let free_text = sample
        .clone()
        .any(|value| value.len() > 80 || value.contains('\n'));
    // Text that differs on every row names someone; numbers that do are banded instead.
    let values: Vec<&str> = sample.filter(|value| !value.is_empty()).collect();
    let distinct: std::collections::BTreeSet<&str> = values.iter().copied().collect();
    let numeric = values
        .iter()
        .filter(|value| parse_amount(value, DecimalMark::Point).is_ok_and(|n| n.is_some()))
        .count();
    let unique_text =
        values.len() >= 5 && distinct.len() == values.len() && numeric * 2 < values.len();
    !identifying && !free_text && !unique_text
}

/// A text column: one code per row into the list of distinct values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub codes: Vec<u32>,
    /// Distinct values, trimmed, in order of first appearance; a blank cell is "".
    pub values: Vec<String>,
    lookup: FxHashMap<Box<[u8]>, u32>,
}

impl Column {
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }

    pub(super) fn push(&mut self, bytes: &[u8]) {
        let code = match self.lookup.get(bytes) {
            Some(&code) => code,
            None => {
                let code = self.values.len() as u32;
                self.values
                    .push(String::from_utf8_lossy(bytes).into_owned());
                self.lookup.insert(bytes.into(), code);
                code
            }
        };
        self.codes.push(code);
    }

    /// How many rows hold each distinct value.
    pub fn counts(&self) -> Vec<u64> {
        let mut counts = vec![0; self.values.len()];
        for &code in &self.codes {
            counts[code as usize] += 1;
        }
        counts
    }
}

/// The customers of one import, column by column. Row `i` of every column is the same customer.
#[derive(Clone, Debug, Default)]
pub struct CustomerTable {
    pub scan: ScanSummary,
    pub revenue_column: String,
    pub revenue: Vec<f64>,
    /// Empty when no tenure column was mapped; NaN where a cell was blank or unreadable.
    pub tenure: Vec<f64>,
    /// Rows whose tenure could not be read and counts as unknown.
    pub tenure_unreadable: u64,
    pub status: Column,
    pub attributes: Vec<Column>,
}

impl CustomerTable {
    pub fn len(&self) -> usize {
        self.revenue.len()
    }

    #[cfg_attr(
        accord_private_layers,
        expect(dead_code, reason = "clippy asks for it beside len")
    )]
    pub fn is_empty(&self) -> bool {
        self.revenue.is_empty()
    }
}

/// Reads the customers of `path`. A row whose revenue is blank or not an amount, or that is too
/// short to have a revenue or a status, is skipped with its reason.
pub fn read(
    path: &Path,
    dialect: Dialect,
    columns: &CustomerColumns,
    progress: &Progress,
) -> Result<CustomerTable, ImportError> {
    let mut table = CustomerTable {
        status: Column::new(""),
        attributes: columns.attributes.iter().map(|_| Column::new("")).collect(),
        ..CustomerTable::default()
    };
    let required = columns.revenue.max(columns.status) + 1;
    let scan = scan(path, dialect, progress, |row| {
        if row.len() < required {
            return Err(Skip {
                kind: "too few cells",
                detail: format!(
                    "the row has {} cells; revenue and status need {required}",
                    row.len()
                ),
            });
        }
        let revenue = amount(row.bytes(columns.revenue), columns.decimal)
            .map_err(|detail| Skip {
                kind: "unreadable revenue",
                detail: format!("revenue {detail}"),
            })?
            .ok_or_else(|| Skip {
                kind: "blank revenue",
                detail: "revenue is blank".to_owned(),
            })?;
        table.revenue.push(revenue);
        table
            .status
            .push(row.bytes(columns.status).unwrap_or_default());
        if let Some(tenure) = columns.tenure {
            let value = match amount(row.bytes(tenure), columns.decimal) {
                Ok(value) => value.unwrap_or(f64::NAN),
                Err(_) => {
                    table.tenure_unreadable += 1;
                    f64::NAN
                }
            };
            table.tenure.push(value);
        }
        for (column, &index) in table.attributes.iter_mut().zip(&columns.attributes) {
            column.push(row.bytes(index).unwrap_or_default());
        }
        Ok(Flow::Continue)
    })?;
    let name = |index: usize| scan.headers.get(index).cloned().unwrap_or_default();
    table.status.name = name(columns.status);
    table.revenue_column = name(columns.revenue);
    for (column, &index) in table.attributes.iter_mut().zip(&columns.attributes) {
        column.name = name(index);
    }
    table.scan = scan;
    Ok(table)
}

/// A cell as an amount. Plain numbers, by far the most common, skip the general parser.
fn amount(bytes: Option<&[u8]>, decimal: DecimalMark) -> Result<Option<f64>, String> {
    let bytes = bytes.unwrap_or_default();
    if bytes.is_empty() {
        return Ok(None);
    }
    let plain = match decimal {
        DecimalMark::Point => bytes.iter().all(|b| b.is_ascii_digit() || *b == b'.'),
        DecimalMark::Comma => bytes.iter().all(u8::is_ascii_digit),
    };
    if plain
        && let Ok(plain) = std::str::from_utf8(bytes)
        && let Ok(value) = plain.parse::<f64>()
    {
        return Ok(Some(value));
    }
    // "“abc” is not an amount" reads well after the column's name.
    parse_amount(&String::from_utf8_lossy(bytes), decimal).map_err(|error| error.to_string())
}
