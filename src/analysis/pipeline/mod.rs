//! The pipeline's checks: one accountable team per stage, and the funnel's conversion from
//! stage to stage against typical ranges kept in a data file.

mod funnel;

pub use funnel::*;

use serde::{Deserialize, Serialize};

use super::icp::percent;
use super::sla::and_list;
use crate::model::{Raci, Session, StageId};

/// What the pipeline step shows as wrong: hand-offs without their SLA, and stages that break
/// the one-accountable rule. The window works it out once per revision of the session.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems {
    pub handoffs: Vec<HandoffProblem>,
    pub raci: Vec<RaciProblem>,
}

impl Problems {
    pub fn of(session: &Session) -> Self {
        Self {
            handoffs: handoff_problems(session),
            raci: raci_problems(session),
        }
    }
}

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
