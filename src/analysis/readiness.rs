//! The readiness checklist: derived from the document, never ticked by hand.

use crate::model::{Agreement, Function, MetricKind, Session, Sla, Step, TeamId};

use super::sla;

/// One line of the checklist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// What must be true, as the checklist states it.
    pub title: &'static str,
    /// What is still missing; empty when the line is done.
    pub missing: Vec<String>,
    /// Where the room goes to finish it.
    pub step: Step,
}

impl Check {
    pub fn is_done(&self) -> bool {
        self.missing.is_empty()
    }
}

/// The whole checklist with its score.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Readiness {
    pub checks: Vec<Check>,
}

impl Readiness {
    pub fn done(&self) -> usize {
        self.checks.iter().filter(|c| c.is_done()).count()
    }

    pub fn total(&self) -> usize {
        self.checks.len()
    }

    /// The alignment score: the share of lines done, from 0 to 1.
    pub fn score(&self) -> f32 {
        if self.checks.is_empty() {
            return 0.0;
        }
        self.done() as f32 / self.total() as f32
    }
}

/// The terms every workshop defines; PQL joins them when the motion has a product-led path.
const CORE_TERMS: [&str; 5] = ["Lead", "MQL", "SQL", "Opportunity", "Customer"];

/// Derives the checklist from `session`.
pub fn readiness(session: &Session) -> Readiness {
    Readiness {
        checks: vec![
            icp(session),
            definitions(session),
            slas_between(
                session,
                "Marketing ↔ Sales SLAs complete",
                |f| f == Function::Marketing,
                Function::is_sales,
            ),
            slas_between(
                session,
                "Sales ↔ Customer Success SLAs complete",
                Function::is_sales,
                |f| f == Function::CustomerSuccess,
            ),
            meetings(session),
            north_star(session),
            metrics_tie_to_revenue(session),
        ],
    }
}

fn icp(session: &Session) -> Check {
    let mut missing = Vec::new();
    if session.icp.criteria.is_empty() {
        missing.push("No ICP criteria are written yet.".to_owned());
    } else {
        if let Some(waiting) = super::standing::waiting_for(session, Agreement::Icp) {
            missing.push(format!("The criteria are written, but {waiting}."));
        }
    }
    Check {
        title: "ICP documented and agreed",
        missing,
        step: Step::Icp,
    }
}

fn definitions(session: &Session) -> Check {
    let pql = session.meta.motion.uses_pql().then_some("PQL");
    let mut missing = Vec::new();
    for term in CORE_TERMS.into_iter().chain(pql) {
        let found = session
            .definitions
            .iter()
            .find(|d| d.term.trim().eq_ignore_ascii_case(term));
        match found {
            None => missing.push(format!("{term} is not defined.")),
            Some(definition) => {
                if let Some(waiting) =
                    super::standing::waiting_for(session, Agreement::Definition(definition.id))
                {
                    missing.push(format!("{term}: {waiting}."));
                }
            }
        }
    }
    Check {
        title: "Shared definitions agreed by every team",
        missing,
        step: Step::Definitions,
    }
}

fn function_of(session: &Session, team: Option<TeamId>) -> Option<Function> {
    team.and_then(|id| session.team(id)).map(|t| t.function)
}

fn slas_between(
    session: &Session,
    title: &'static str,
    side_a: impl Fn(Function) -> bool,
    side_b: impl Fn(Function) -> bool,
) -> Check {
    let connects = |sla: &&Sla| {
        let (from, to) = (
            function_of(session, sla.from_team),
            function_of(session, sla.to_team),
        );
        match (from, to) {
            (Some(from), Some(to)) => (side_a(from) && side_b(to)) || (side_b(from) && side_a(to)),
            _ => false,
        }
    };
    let between: Vec<_> = session.slas.iter().filter(connects).collect();
    let mut missing = Vec::new();
    if between.is_empty() {
        missing.push("There is no SLA between these teams yet.".to_owned());
    }
    for agreement in between {
        let name = if agreement.name.trim().is_empty() {
            "An unnamed SLA"
        } else {
            agreement.name.trim()
        };
        let lacks = sla::missing(agreement);
        if !lacks.is_empty() {
            missing.push(format!("{name} needs {}.", sla::and_list(&lacks)));
            continue;
        }
        let unsigned: Vec<&str> = sla::unsigned(session, agreement)
            .into_iter()
            .map(|team| session.team_name(Some(team)))
            .collect();
        if !unsigned.is_empty() {
            missing.push(format!(
                "{name} is not signed by {} yet.",
                sla::and_list(&unsigned)
            ));
        }
    }
    Check {
        title,
        missing,
        step: Step::Slas,
    }
}

fn meetings(session: &Session) -> Check {
    let mut missing = Vec::new();
    if session.meetings.is_empty() {
        missing.push("No recurring meeting is planned.".to_owned());
    }
    let unscheduled: Vec<_> = session
        .meetings
        .iter()
        .filter(|m| m.first_date.is_none())
        .map(|m| m.name.as_str())
        .collect();
    if !unscheduled.is_empty() {
        missing.push(format!("No first date for {}.", unscheduled.join(", ")));
    }
    Check {
        title: "Regular cross-team meetings scheduled",
        missing,
        step: Step::Cadence,
    }
}

fn north_star(session: &Session) -> Check {
    let stars = session.metrics.iter().filter(|m| m.north_star).count();
    let missing = match stars {
        0 => vec!["No metric is chosen as the north star.".to_owned()],
        1 => Vec::new(),
        n => vec![format!(
            "{n} metrics are marked as the north star; choose one."
        )],
    };
    Check {
        title: "North-star metric chosen",
        missing,
        step: Step::Metrics,
    }
}

/// True when a metric of this kind measures an outcome in money or conversion, not effort.
pub fn ties_to_revenue(kind: MetricKind) -> bool {
    kind != MetricKind::Activity
}

fn metrics_tie_to_revenue(session: &Session) -> Check {
    let mut missing = Vec::new();
    if !session.teams.iter().any(|t| t.signs_off) {
        missing.push("No teams are listed.".to_owned());
    }
    for team in session.teams.iter().filter(|t| t.signs_off) {
        let owned: Vec<_> = session
            .metrics
            .iter()
            .filter(|m| m.owner == Some(team.id))
            .collect();
        let name = session.team_name(Some(team.id));
        if owned.is_empty() {
            missing.push(format!("{name} owns no metric."));
        } else if !owned.iter().any(|m| ties_to_revenue(m.kind)) {
            missing.push(format!(
                "{name} measures only activity; add a pipeline, conversion or revenue figure."
            ));
        }
    }
    Check {
        title: "Each team's metrics tie to revenue",
        missing,
        step: Step::Metrics,
    }
}

#[cfg(test)]
mod tests;
