//! The session as plain tables, one per area: what the CSV and spreadsheet exports write and the
//! Markdown export lays out. Cells are the user's text as typed; each format escapes it.

use crate::analysis::icp::percent;
use crate::analysis::pipeline;
use crate::model::{Session, SignOff, SignOffs, TeamId, TimeUnit};

/// One area of the agreement as rows of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// A file-friendly name: "stages", "slas".
    pub name: &'static str,
    /// The heading people read: "Pipeline stages".
    pub title: &'static str,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Every table, in the order of the workshop.
pub fn tables(session: &Session) -> Vec<Table> {
    vec![
        definitions(session),
        stages(session),
        ownership(session),
        funnel(session),
        slas(session),
        feedback_loops(session),
        meetings(session),
        metrics(session),
        actions(session),
        decisions(session),
        parking_lot(session),
    ]
}

/// The names `tables` uses, for `--table`.
pub const NAMES: [&str; 11] = [
    "definitions",
    "stages",
    "ownership",
    "funnel",
    "slas",
    "feedback_loops",
    "meetings",
    "metrics",
    "actions",
    "decisions",
    "parking_lot",
];

fn names(headers: &[&str]) -> Vec<String> {
    headers.iter().map(|h| (*h).to_owned()).collect()
}

/// Lines joined for one cell.
fn lines(items: &[String]) -> String {
    items
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Where the signatures stand: "Agreed by every team", or how many agreed, who objects and why,
/// and whom the room is waiting for.
pub fn standing(session: &Session, sign_offs: &SignOffs) -> String {
    let signing: Vec<TeamId> = session.signing_teams().collect();
    if signing.is_empty() {
        return "No team signs agreements".to_owned();
    }
    standing_of(session, sign_offs, &signing)
}

/// Where the signatures of `signing` stand, in words.
pub fn standing_of(session: &Session, sign_offs: &SignOffs, signing: &[TeamId]) -> String {
    if signing.is_empty() {
        return "No team chosen to sign".to_owned();
    }
    let mut agreed = 0;
    let mut objections = Vec::new();
    let mut waiting = Vec::new();
    for team in signing {
        let name = session.team_name(Some(*team));
        match sign_offs.get(*team) {
            SignOff::Agreed => agreed += 1,
            SignOff::NotYet => waiting.push(name),
            SignOff::Objects { reason } if reason.trim().is_empty() => {
                objections.push(format!("{name} objects"));
            }
            SignOff::Objects { reason } => {
                objections.push(format!("{name} objects: {}", reason.trim()));
            }
        }
    }
    if agreed == signing.len() {
        return if signing.len() == 2 {
            "Agreed by both teams".to_owned()
        } else {
            "Agreed by every team".to_owned()
        };
    }
    let mut parts = vec![format!(
        "Not agreed yet ({agreed} of {} teams)",
        signing.len()
    )];
    parts.extend(objections);
    if !waiting.is_empty() {
        parts.push(format!("waiting for {}", waiting.join(", ")));
    }
    parts.join("; ")
}

fn definitions(session: &Session) -> Table {
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
                    standing(session, &d.sign_offs),
                ]
            })
            .collect(),
    }
}

fn stages(session: &Session) -> Table {
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
fn funnel(session: &Session) -> Table {
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
fn ownership(session: &Session) -> Table {
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
fn when(sla: &crate::model::Sla) -> String {
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

fn slas(session: &Session) -> Table {
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
                    standing_of(session, &sla.sign_offs, &sla.signers()),
                ]
            })
            .collect(),
    }
}

fn feedback_loops(session: &Session) -> Table {
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

fn meetings(session: &Session) -> Table {
    Table {
        name: "meetings",
        title: "Planning cadence",
        headers: names(&[
            "Meeting",
            "How often",
            "Purpose",
            "Attendees",
            "Owner",
            "Inputs",
            "Agenda",
            "First date",
            "Minutes",
        ]),
        rows: session
            .meetings
            .iter()
            .map(|m| {
                let attendees: Vec<String> = m
                    .attendees
                    .iter()
                    .map(|t| session.team_name(Some(*t)).to_owned())
                    .collect();
                vec![
                    m.name.clone(),
                    m.frequency.label().to_owned(),
                    m.purpose.clone(),
                    attendees.join(", "),
                    session.team_name(m.owner).to_owned(),
                    lines(&m.inputs),
                    lines(&m.agenda),
                    m.first_date.map(|d| d.to_string()).unwrap_or_default(),
                    m.duration_minutes.to_string(),
                ]
            })
            .collect(),
    }
}

fn metrics(session: &Session) -> Table {
    Table {
        name: "metrics",
        title: "Unified metrics",
        headers: names(&[
            "Metric",
            "North star",
            "Owner",
            "Who cares",
            "Kind",
            "Current",
            "Target",
        ]),
        rows: session
            .metrics
            .iter()
            .map(|m| {
                vec![
                    m.name.clone(),
                    if m.north_star { "Yes" } else { "" }.to_owned(),
                    session.team_name(m.owner).to_owned(),
                    m.who_cares.clone(),
                    m.kind.label().to_owned(),
                    m.current.clone(),
                    m.target.clone(),
                ]
            })
            .collect(),
    }
}

fn step_label(step: Option<crate::model::Step>) -> String {
    step.map(|s| s.label().to_owned()).unwrap_or_default()
}

fn actions(session: &Session) -> Table {
    Table {
        name: "actions",
        title: "Action items",
        headers: names(&["Action", "Owner", "Team", "Due", "Status", "Raised during"]),
        rows: session
            .actions
            .iter()
            .map(|a| {
                vec![
                    a.text.clone(),
                    a.owner.clone(),
                    if a.team.is_some() {
                        session.team_name(a.team).to_owned()
                    } else {
                        String::new()
                    },
                    a.due.map(|d| d.to_string()).unwrap_or_default(),
                    a.status.label().to_owned(),
                    step_label(a.step),
                ]
            })
            .collect(),
    }
}

fn decisions(session: &Session) -> Table {
    Table {
        name: "decisions",
        title: "Decisions",
        headers: names(&["Decision", "Taken during"]),
        rows: session
            .decisions
            .iter()
            .map(|d| vec![d.text.clone(), step_label(d.step)])
            .collect(),
    }
}

fn parking_lot(session: &Session) -> Table {
    Table {
        name: "parking_lot",
        title: "Parking lot",
        headers: names(&["Topic", "Raised during"]),
        rows: session
            .parking_lot
            .iter()
            .map(|p| vec![p.text.clone(), step_label(p.step)])
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_list_every_table_in_order() {
        let names: Vec<&str> = tables(&Session::default()).iter().map(|t| t.name).collect();
        assert_eq!(names, NAMES);
    }
}
