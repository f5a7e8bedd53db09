//! The tables of what the teams agree: definitions, stages, the funnel, ownership, SLAs
//! and feedback loops.

use super::{Session, Table, TimeUnit, lines, names, percent, pipeline};
use crate::analysis::standing::standing;
use crate::model::Agreement;

pub(super) fn definitions(session: &Session) -> Table {
    Table {
        name: "definitions",
        title: "Shared definitions",
        headers: names(&[
            "Term",
            "Definition",
            "Who they are",
            "What they did",
            "Verification points",
            "Owner",
            "Sign-off",
        ]),
        rows: session
            .definitions
            .iter()
            .map(|d| {
                vec![
                    d.term.clone(),
                    d.definition.clone(),
                    lines(&d.criteria.firmographic),
                    lines(&d.criteria.behavioural),
                    lines(&d.criteria.verification),
                    session.team_name(d.owner).to_owned(),
                    standing(session, Agreement::Definition(d.id)),
                ]
            })
            .collect(),
    }
}

pub(super) fn stages(session: &Session) -> Table {
    // A link the room has not repaired yet is written with what is wrong with it, so the
    // document does not present it as agreed.
    let problems = pipeline::handoff_problems(session);
    Table {
        name: "stages",
        title: "Pipeline stages",
        headers: names(&[
            "Stage",
            "Definition",
            "Entry criteria",
            "Verification",
            "Owner",
            "Exit criteria",
            "Hands off to",
            "Responsible for the hand-off",
            "What travels with it",
            "Hand-off SLA",
        ]),
        rows: session
            .stages
            .iter()
            .map(|s| {
                let mut sla = s
                    .handoff
                    .sla
                    .and_then(|id| session.slas.iter().find(|x| x.id == id))
                    .map(|x| x.name.clone())
                    .unwrap_or_default();
                if let Some(problem) = problems.iter().find(|p| p.stage == s.id) {
                    sla = format!("{sla} (to check: {})", problem.message)
                        .trim_start()
                        .to_owned();
                }
                vec![
                    s.name.clone(),
                    s.definition.clone(),
                    lines(&s.entry_criteria),
                    lines(&s.verification),
                    session.team_name(s.owner).to_owned(),
                    lines(&s.exit_criteria),
                    if s.handoff.to_team.is_some() {
                        session.team_name(s.handoff.to_team).to_owned()
                    } else {
                        String::new()
                    },
                    s.handoff.responsible.clone(),
                    lines(&s.handoff.contents),
                    sla,
                ]
            })
            .collect(),
    }
}

/// How many records reached each stage in the period counted, the share of the first stage
/// that got that far, and the conversion to the next stage. No rows until something is counted.
pub(super) fn funnel(session: &Session) -> Table {
    let counts = &session.funnel.counts;
    let period = session.funnel.period.trim();
    let reached = if period.is_empty() {
        "Reached".to_owned()
    } else {
        format!("Reached in {period}")
    };
    let stages: Vec<(String, Option<u64>)> = session
        .stages
        .iter()
        .map(|s| (s.name.clone(), counts.get(&s.id).copied()))
        .collect();
    let steps = pipeline::conversion(&stages);
    let share = |value: Option<f64>| value.map(percent).unwrap_or_default();
    let rows = if counts.is_empty() {
        Vec::new()
    } else {
        stages
            .iter()
            .enumerate()
            .map(|(index, (name, count))| {
                // The first stage with a count is the whole of the funnel.
                let of_first = match index.checked_sub(1) {
                    Some(before) => steps[before].cumulative,
                    None => count.filter(|c| *c > 0).map(|_| 1.0),
                };
                vec![
                    name.clone(),
                    count.map(|c| c.to_string()).unwrap_or_default(),
                    share(of_first),
                    share(steps.get(index).and_then(|step| step.rate)),
                ]
            })
            .collect()
    };
    Table {
        name: "funnel",
        title: "Funnel",
        headers: vec![
            "Stage".to_owned(),
            reached,
            "Share of the first stage".to_owned(),
            "Converts to the next".to_owned(),
        ],
        rows,
    }
}

/// Stages down, teams across, R/A/C/I in the cells.
pub(super) fn ownership(session: &Session) -> Table {
    let headers = std::iter::once("Stage".to_owned())
        .chain(
            session
                .teams
                .iter()
                .map(|t| session.team_name(Some(t.id)).to_owned()),
        )
        .collect();
    let rows = session
        .stages
        .iter()
        .map(|stage| {
            std::iter::once(stage.name.clone())
                .chain(session.teams.iter().map(|team| {
                    stage
                        .raci
                        .get(&team.id)
                        .map_or("", |r| r.letter())
                        .to_owned()
                }))
                .collect()
        })
        .collect();
    Table {
        name: "ownership",
        title: "Ownership matrix (RACI)",
        headers,
        rows,
    }
}

/// An SLA's window in words: "4 hours; the clock starts when: MQL created", "Per month".
pub fn window(sla: &crate::model::Sla) -> String {
    let when = &sla.when;
    // The event is the room's own sentence, kept as typed.
    let starts = when.clock_starts.trim();
    match (when.amount, when.unit) {
        (0, TimeUnit::PerMonth) => "Per month (number to agree)".to_owned(),
        (0, _) => "Time to agree".to_owned(),
        (n, TimeUnit::PerMonth) => format!("{n} per month"),
        (n, unit) if starts.is_empty() => format!("{n} {}", unit.label()),
        (n, unit) => format!("{n} {}; the clock starts when: {starts}", unit.label()),
    }
}

/// The window, and for business time the hours and zone it is counted in.
pub(super) fn when(sla: &crate::model::Sla) -> String {
    if sla.when.unit.uses_business_hours() && sla.when.amount > 0 {
        let zone = match sla.time_zone.trim() {
            "" => "time zone to agree",
            zone => zone,
        };
        format!(
            "{} (business hours {}, {zone})",
            window(sla),
            sla.business_hours.describe()
        )
    } else {
        window(sla)
    }
}

pub(super) fn slas(session: &Session) -> Table {
    Table {
        name: "slas",
        title: "SLAs between teams",
        headers: names(&[
            "SLA",
            "From",
            "To",
            "What",
            "When",
            "Who",
            "How measured",
            "Data source",
            "Target",
            "Escalation",
            "Sign-off",
        ]),
        rows: session
            .slas
            .iter()
            .map(|sla| {
                let escalation = &sla.escalation;
                let escalation = [
                    escalation.action.trim(),
                    escalation.to.trim(),
                    escalation.after.trim(),
                ]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" — ");
                vec![
                    sla.name.clone(),
                    session.team_name(sla.from_team).to_owned(),
                    session.team_name(sla.to_team).to_owned(),
                    sla.what.clone(),
                    when(sla),
                    sla.who.clone(),
                    sla.how_measured.clone(),
                    sla.data_source.clone(),
                    sla.target_percent
                        .map(|p| format!("{p}% within the SLA"))
                        .unwrap_or_default(),
                    escalation,
                    standing(session, Agreement::Sla(sla.id)),
                ]
            })
            .collect(),
    }
}

pub(super) fn feedback_loops(session: &Session) -> Table {
    Table {
        name: "feedback_loops",
        title: "Feedback loops",
        headers: names(&[
            "From",
            "To",
            "Kind",
            "Captured by",
            "How often",
            "Owner",
            "Lands in",
        ]),
        rows: session
            .feedback_loops
            .iter()
            .map(|f| {
                let kind = f.kind.label().to_owned();
                vec![
                    session.team_name(f.from_team).to_owned(),
                    session.team_name(f.to_team).to_owned(),
                    kind,
                    f.capture.clone(),
                    f.frequency.label().to_owned(),
                    session.team_name(f.owner).to_owned(),
                    f.destination.clone(),
                ]
            })
            .collect(),
    }
}
