//! Who the best customers are, what sets them apart, and what the churned have in common.
//!
//! The best customers are the top share (20% by default) of retained customers ranked by revenue,
//! ties broken by longer tenure and then by file order, so the same file always gives the same
//! set. For every value of every attribute the analysis counts customers among all, the best and
//! the churned; a pattern is a value much more common among the best than among all (lift), an
//! anti-pattern a value whose churn rate is well above the overall rate. Every ratio comes with
//! the counts behind it, and values seen too rarely to trust are marked and never suggested.

mod bands;
mod findings;
mod status;
mod suggestions;

pub use bands::*;
pub use findings::*;
pub use status::*;
pub use suggestions::*;

use std::cmp::Ordering;

use serde::Serialize;

use crate::import::customers::{Column, CustomerTable};
use crate::import::money::{DecimalMark, parse_amount};
use crate::model::{Criterion, DataSummary, Icp, Importance, ValueFinding};

/// A value at least this many times more common among the best than among all is a pattern.
pub const PATTERN_LIFT: f64 = 1.5;
/// A value whose churn rate is this many times the overall rate, and at least
/// [`ANTI_PATTERN_MARGIN`] above it, is an anti-pattern.
pub const ANTI_PATTERN_RATIO: f64 = 1.5;
pub const ANTI_PATTERN_MARGIN: f64 = 0.10;
/// Combined, the values of a suggested criterion hold at least this share of the best customers
/// for it to be suggested as a must-have rather than a nice-to-have.
pub const MUST_HAVE_SHARE: f64 = 0.5;

/// The label of blank cells.
pub const BLANK: &str = "(blank)";
/// The label of cells that are not numbers in a banded column.
pub const NOT_A_NUMBER: &str = "(not a number)";

/// How an attribute's values are grouped.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Grouping {
    /// Each distinct value is its own group.
    Categories,
    /// Numbers cut into bands at these edges, ascending; each band includes its lower edge.
    Bands(Vec<f64>),
}

/// The choices the room makes about an analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The share of retained customers counted as best, from 0 to 1.
    pub top_share: f64,
    /// A value held by fewer customers than this is marked too rare to trust.
    pub min_count: u64,
    /// The meaning of each distinct status value, by its code.
    pub status: Vec<Meaning>,
    /// One per attribute column.
    pub groupings: Vec<Grouping>,
}

impl Settings {
    /// Defaults for a table: the top 20%, usual status meanings, and bands for numeric columns.
    pub fn for_table(table: &CustomerTable) -> Self {
        let says_active = table.status.name.to_lowercase().contains("active");
        Self {
            top_share: 0.2,
            min_count: default_min_count(table.len()),
            status: table
                .status
                .values
                .iter()
                .map(|value| {
                    let meaning = Meaning::of(value);
                    // "Active: Yes" means the opposite of "Churned: Yes".
                    let yes_no = matches!(
                        value.trim().to_lowercase().as_str(),
                        "yes" | "y" | "no" | "n" | "true" | "false" | "1" | "0"
                    );
                    if says_active && yes_no {
                        meaning.flipped()
                    } else {
                        meaning
                    }
                })
                .collect(),
            groupings: table.attributes.iter().map(default_grouping).collect(),
        }
    }

    /// Marks the given values (ignoring case) as churned and every other non-blank value active.
    pub fn churned_values(&mut self, table: &CustomerTable, churned: &[String]) {
        self.status = table
            .status
            .values
            .iter()
            .map(|value| {
                if churned.iter().any(|c| c.trim().eq_ignore_ascii_case(value)) {
                    Meaning::Churned
                } else if value.is_empty() {
                    Meaning::Unknown
                } else {
                    Meaning::Active
                }
            })
            .collect();
    }
}

/// Too rare to trust: fewer than one customer in fifty, between 3 and 10 customers — a small
/// export still shows patterns, a large one needs ten customers behind a value.
pub fn default_min_count(customers: usize) -> u64 {
    (customers as u64 / 50).clamp(3, 10)
}
