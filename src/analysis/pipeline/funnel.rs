//! The funnel's conversion from stage to stage, against typical ranges kept in a data file.

use super::{Deserialize, Serialize, percent};

/// Where the typical ranges come from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RangeSource {
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub read_on: String,
    #[serde(default)]
    pub note: String,
}

/// The typical conversion from one stage to the next, as shares from 0 to 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Range {
    pub from: String,
    pub to: String,
    pub low: f64,
    pub high: f64,
}

/// The typical ranges and their source, as the data file holds them. The default has none.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Ranges {
    pub source: RangeSource,
    pub ranges: Vec<Range>,
}

/// Why a ranges file was not read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RangesError {
    #[error("line {line}, column {col}: {message}")]
    Syntax {
        line: usize,
        col: usize,
        message: String,
    },
    #[error("the range {from} → {to} must have 0 ≤ low ≤ high ≤ 1")]
    OutOfOrder { from: String, to: String },
}

/// The ranges file built into the app.
pub const BUNDLED_RANGES: &str = include_str!("../../../assets/data/funnel-ranges.ron");

impl Ranges {
    /// Reads a ranges file; the error names the line and column.
    pub fn parse(text: &str) -> Result<Self, RangesError> {
        let ranges: Self = ron::from_str(text).map_err(|e| RangesError::Syntax {
            line: e.span.start.line,
            col: e.span.start.col,
            message: e.code.to_string(),
        })?;
        for range in &ranges.ranges {
            let valid = (0.0..=1.0).contains(&range.low)
                && (0.0..=1.0).contains(&range.high)
                && range.low <= range.high;
            if !valid {
                return Err(RangesError::OutOfOrder {
                    from: range.from.clone(),
                    to: range.to.clone(),
                });
            }
        }
        Ok(ranges)
    }

    /// The ranges built into the app.
    pub fn bundled() -> Result<Self, RangesError> {
        Self::parse(BUNDLED_RANGES)
    }

    /// The range for the step from `from` to `to`, by stage name.
    pub fn between(&self, from: &str, to: &str) -> Option<&Range> {
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
        self.ranges
            .iter()
            .find(|r| same(&r.from, from) && same(&r.to, to))
    }
}

/// How a step compares with its typical range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Within or above the range, or no range to compare with.
    None,
    /// Under the range's low end.
    Below,
    /// Under half the range's low end.
    FarBelow,
    /// More records reached the later stage than the earlier one: the counts disagree.
    Inconsistent,
}

/// One step of the funnel: from a stage to the next.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunnelStep {
    pub from: String,
    pub to: String,
    pub from_count: Option<u64>,
    pub to_count: Option<u64>,
    /// `to_count / from_count`; null when either count is missing or the first is zero.
    pub rate: Option<f64>,
    /// `to_count` over the count of the first stage that has one.
    pub cumulative: Option<f64>,
    pub typical: Option<(f64, f64)>,
    pub flag: Flag,
}

/// The funnel, step by step, and what it signals.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunnelCheck {
    pub steps: Vec<FunnelStep>,
    /// Sentences about the funnel as a whole, such as high MQL volume that does not convert.
    pub signals: Vec<String>,
}

/// Checks the stages in order, each with its count if it has one.
pub fn funnel(stages: &[(String, Option<u64>)], ranges: &Ranges) -> FunnelCheck {
    let first = stages
        .iter()
        .find_map(|(_, count)| *count)
        .filter(|c| *c > 0);
    let ratio = |to: Option<u64>, from: Option<u64>| match (to, from) {
        (Some(to), Some(from)) if from > 0 => Some(to as f64 / from as f64),
        _ => None,
    };
    let steps: Vec<FunnelStep> = stages
        .windows(2)
        .map(|pair| {
            let [(from, from_count), (to, to_count)] = pair else {
                unreachable!("windows(2) gives pairs")
            };
            let rate = ratio(*to_count, *from_count);
            let typical = ranges.between(from, to).map(|r| (r.low, r.high));
            let flag = match (rate, typical) {
                (Some(rate), _) if rate > 1.0 => Flag::Inconsistent,
                (Some(rate), Some((low, _))) if rate < low / 2.0 => Flag::FarBelow,
                (Some(rate), Some((low, _))) if rate < low => Flag::Below,
                _ => Flag::None,
            };
            FunnelStep {
                from: from.clone(),
                to: to.clone(),
                from_count: *from_count,
                to_count: *to_count,
                rate,
                cumulative: ratio(*to_count, first),
                typical,
                flag,
            }
        })
        .collect();
    let signals = volume_without_conversion(stages, ranges)
        .into_iter()
        .collect();
    FunnelCheck { steps, signals }
}

/// Each step's conversion alone, without typical ranges to judge it by: what a document
/// records of the funnel, whichever ranges the window compared it with.
pub fn conversion(stages: &[(String, Option<u64>)]) -> Vec<FunnelStep> {
    funnel(stages, &Ranges::default()).steps
}

/// The misalignment signal: Marketing passes more MQLs than is typical, and far fewer of them
/// than typical become opportunities. It needs Lead, MQL and Opportunity counts and the ranges
/// on the way from Lead to Opportunity.
pub(super) fn volume_without_conversion(
    stages: &[(String, Option<u64>)],
    ranges: &Ranges,
) -> Option<String> {
    let index = |name: &str| {
        stages
            .iter()
            .position(|(stage, _)| stage.trim().eq_ignore_ascii_case(name))
    };
    let (lead, mql, opportunity) = (index("Lead")?, index("MQL")?, index("Opportunity")?);
    if !(lead < mql && mql < opportunity) {
        return None;
    }
    let count = |i: usize| stages[i].1.filter(|c| *c > 0);
    let (leads, mqls) = (count(lead)?, count(mql)?);
    let opportunities = stages[opportunity].1?;
    let lead_to_mql = ranges.between(&stages[lead].0, &stages[mql].0)?;
    // The lowest typical MQL → Opportunity rate: the low ends multiplied along the way.
    let mut typical_low = 1.0;
    for pair in stages[mql..=opportunity].windows(2) {
        typical_low *= ranges.between(&pair[0].0, &pair[1].0)?.low;
    }
    let mql_share = mqls as f64 / leads as f64;
    let converts = opportunities as f64 / mqls as f64;
    (mql_share > lead_to_mql.high && converts < typical_low / 2.0).then(|| {
        format!(
            "Marketing passes many MQLs ({} of leads, above the typical {}–{}) but only {} of them become opportunities (typically {} or more): the teams likely do not share one definition of a qualified lead.",
            percent(mql_share),
            percent(lead_to_mql.low),
            percent(lead_to_mql.high),
            percent(converts),
            percent(typical_low),
        )
    })
}
