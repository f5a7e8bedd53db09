//! The pipeline's checks: one accountable team per stage, and the funnel's conversion from
//! stage to stage against typical ranges kept in a data file.

use serde::{Deserialize, Serialize};

use super::icp::percent;
use super::sla::and_list;
use crate::model::{Raci, Session, StageId};

/// A stage whose row of the ownership matrix breaks the one-accountable rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaciProblem {
    pub stage: StageId,
    pub message: String,
}

/// Every stage must have exactly one accountable team: none means nobody answers for it, two
/// means each can point at the other.
pub fn raci_problems(session: &Session) -> Vec<RaciProblem> {
    let mut problems = Vec::new();
    for stage in &session.stages {
        let accountable: Vec<&str> = session
            .teams
            .iter()
            .filter(|team| stage.raci.get(&team.id) == Some(&Raci::Accountable))
            .map(|team| session.team_name(Some(team.id)))
            .collect();
        let name = match stage.name.trim() {
            "" => "An unnamed stage",
            name => name,
        };
        let message = match accountable.len() {
            1 => continue,
            0 => format!("{name} has no accountable team: mark exactly one A."),
            n => format!(
                "{name} has {n} accountable teams ({}): exactly one may be.",
                and_list(&accountable)
            ),
        };
        problems.push(RaciProblem {
            stage: stage.id,
            message,
        });
    }
    problems
}

/// A hand-off linked to an SLA that does not bind the two teams the record passes between.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandoffProblem {
    pub stage: StageId,
    pub message: String,
}

/// Each hand-off's SLA must be one between the team that passes the record on and the team that
/// takes it, in either direction: a reorder or a new owner can leave a link pointing at an SLA
/// between two other teams, or at a hand-off that no longer happens.
pub fn handoff_problems(session: &Session) -> Vec<HandoffProblem> {
    let mut problems = Vec::new();
    let last = session.stages.len().saturating_sub(1);
    for (index, stage) in session.stages.iter().enumerate() {
        let Some(id) = stage.handoff.sla else {
            continue;
        };
        let name = match stage.name.trim() {
            "" => "An unnamed stage",
            name => name,
        };
        let Some(sla) = session.slas.iter().find(|s| s.id == id) else {
            problems.push(HandoffProblem {
                stage: stage.id,
                message: format!("{name}'s hand-off links an SLA that no longer exists."),
            });
            continue;
        };
        let sla_name = match sla.name.trim() {
            "" => "an unnamed SLA",
            sla_name => sla_name,
        };
        let message = match (stage.owner, stage.handoff.to_team) {
            // The same team keeps the record: the SLA governs nothing here.
            (Some(_), None) if index < last => format!(
                "{name} stays with {} for the next stage, yet its hand-off links {sla_name}.",
                session.team_name(stage.owner)
            ),
            (Some(from), Some(to)) => {
                let (a, b) = if from <= to { (from, to) } else { (to, from) };
                if sla.pair() == (Some(a), Some(b)) {
                    continue;
                }
                let (from, to) = (session.team_name(Some(from)), session.team_name(Some(to)));
                if sla.from_team.is_none() || sla.to_team.is_none() {
                    format!(
                        "{name} hands off from {from} to {to}, but {sla_name} does not name both \
                         its teams yet."
                    )
                } else {
                    format!(
                        "{name} hands off from {from} to {to}, but {sla_name} is between {} and {}.",
                        session.team_name(sla.from_team),
                        session.team_name(sla.to_team),
                    )
                }
            }
            // Without both teams there is nothing to hold the SLA against yet.
            _ => continue,
        };
        problems.push(HandoffProblem {
            stage: stage.id,
            message,
        });
    }
    problems
}

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
pub const BUNDLED_RANGES: &str = include_str!("../../assets/data/funnel-ranges.ron");

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
fn volume_without_conversion(stages: &[(String, Option<u64>)], ranges: &Ranges) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn stages(counts: &[(&str, Option<u64>)]) -> Vec<(String, Option<u64>)> {
        counts
            .iter()
            .map(|(name, count)| ((*name).to_owned(), *count))
            .collect()
    }

    #[test]
    fn the_bundled_ranges_name_their_source_and_are_shares() {
        let ranges = Ranges::bundled().unwrap();
        assert!(ranges.source.url.starts_with("https://"));
        assert!(!ranges.source.publisher.is_empty());
        assert_eq!(ranges.between("mql", "SQL").map(|r| r.low), Some(0.30));
        assert!(ranges.between("Won", "Expanded").is_none());
    }

    #[test]
    fn a_broken_ranges_file_says_where() {
        let error = Ranges::parse("(source: (title: \"x\"),\n ranges: [}")
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("line 1") || error.starts_with("line 2"),
            "{error}"
        );
        let upside_down = r#"(source: (title: "", publisher: "", url: "", read_on: ""),
            ranges: [(from: "Lead", to: "MQL", low: 0.5, high: 0.2)])"#;
        assert!(
            Ranges::parse(upside_down)
                .unwrap_err()
                .to_string()
                .contains("low ≤ high")
        );
    }

    fn close(actual: Option<f64>, expected: f64) {
        let actual = actual.expect("a rate");
        assert!((actual - expected).abs() < 1e-9, "{actual} ≠ {expected}");
    }

    #[test]
    fn a_healthy_funnel_converts_within_its_ranges() {
        let ranges = Ranges::bundled().unwrap();
        let check = funnel(
            &stages(&[
                ("Lead", Some(1000)),
                ("MQL", Some(300)),
                ("SQL", Some(120)),
                ("Opportunity", Some(60)),
                ("Won", Some(12)),
                ("Expanded", Some(3)),
            ]),
            &ranges,
        );
        let rates: Vec<Option<f64>> = check.steps.iter().map(|s| s.rate).collect();
        for (rate, expected) in rates.iter().zip([0.30, 0.40, 0.50, 0.20, 0.25]) {
            close(*rate, expected);
        }
        let cumulative: Vec<Option<f64>> = check.steps.iter().map(|s| s.cumulative).collect();
        for (share, expected) in cumulative.iter().zip([0.30, 0.12, 0.06, 0.012, 0.003]) {
            close(*share, expected);
        }
        // 20 % from opportunity to won is the range's low end itself: not flagged.
        assert!(check.steps.iter().all(|s| s.flag == Flag::None));
        assert_eq!(check.steps[4].typical, None, "no range for Won → Expanded");
        assert!(check.signals.is_empty());
    }

    #[test]
    fn volume_that_does_not_convert_is_flagged_step_by_step_and_as_a_whole() {
        let ranges = Ranges::bundled().unwrap();
        let check = funnel(
            &stages(&[
                ("Lead", Some(1000)),
                ("MQL", Some(550)),
                ("SQL", Some(60)),
                ("Opportunity", Some(20)),
                ("Won", Some(5)),
            ]),
            &ranges,
        );
        let flags: Vec<Flag> = check.steps.iter().map(|s| s.flag).collect();
        // 55 % is above its range; 60 / 550 = 10.9 % is under half of 30 %; 20 / 60 = 33 % is
        // under 40 % but not under 20 %; 5 / 20 = 25 % is inside.
        assert_eq!(flags, [Flag::None, Flag::FarBelow, Flag::Below, Flag::None]);
        // 550 of 1,000 leads are MQLs (typically 20–40 %), and 20 / 550 = 3.6 % of them become
        // opportunities where 30 % × 40 % = 12 % is the typical least.
        assert_eq!(
            check.signals,
            [
                "Marketing passes many MQLs (55% of leads, above the typical 20%–40%) but only 3.6% of them become opportunities (typically 12% or more): the teams likely do not share one definition of a qualified lead."
            ]
        );
    }

    #[test]
    fn missing_and_impossible_counts_are_not_judged() {
        let ranges = Ranges::bundled().unwrap();
        let check = funnel(
            &stages(&[
                ("Lead", Some(100)),
                ("MQL", Some(30)),
                ("SQL", None),
                ("Opportunity", Some(10)),
                ("Won", Some(12)),
            ]),
            &ranges,
        );
        assert_eq!(check.steps[1].rate, None);
        assert_eq!(check.steps[2].rate, None);
        close(check.steps[2].cumulative, 0.10);
        // More won than opportunities: the counts disagree, whatever the range says.
        assert_eq!(check.steps[3].flag, Flag::Inconsistent);
        let empty = funnel(&stages(&[("Lead", Some(0)), ("MQL", Some(0))]), &ranges);
        assert_eq!(empty.steps[0].rate, None);
        assert_eq!(empty.steps[0].cumulative, None);
    }
}
