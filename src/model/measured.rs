//! Figures a session keeps from the data the room looked at, so that a later review can tell
//! whether things got better: the last check of each SLA on exported events, and the file the
//! funnel was counted from. As with the ICP's summary, the rows themselves are never kept.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The file some figures were worked out from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DataFile {
    /// Its name, without its folder.
    pub file: String,
    /// SHA-256 of its bytes, in lowercase hex: which export it was.
    pub sha256: String,
}

/// What the last check of an SLA on exported events showed.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SlaFigures {
    pub source: DataFile,
    /// The first and the last day the events cover, in the SLA's zone.
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// What could be judged: events handled or overdue, or, for a volume SLA, months.
    #[serde(deserialize_with = "super::bounds::count")]
    pub judged: u64,
    /// The share of those that met the SLA, from 0 to 1; none when nothing could be judged.
    #[serde(deserialize_with = "super::bounds::share_if_any")]
    pub share_met: Option<f64>,
    /// The median response, in `unit`; for a volume SLA, the median count a month.
    #[serde(deserialize_with = "super::bounds::figure_if_any")]
    pub median: Option<f64>,
    /// What the median is counted in: "hours", "business days", "a month".
    pub unit: String,
}

impl PartialEq for SlaFigures {
    fn eq(&self, other: &Self) -> bool {
        let Self {
            source,
            from,
            to,
            judged,
            share_met,
            median,
            unit,
        } = self;
        let same = |a: &Option<f64>, b: &Option<f64>| match (a, b) {
            (Some(a), Some(b)) => super::same_number(*a, *b),
            (a, b) => a.is_none() && b.is_none(),
        };
        *source == other.source
            && *from == other.from
            && *to == other.to
            && *judged == other.judged
            && same(share_met, &other.share_met)
            && same(median, &other.median)
            && *unit == other.unit
    }
}
