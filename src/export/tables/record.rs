//! The tables of the room's record: meetings, metrics, action items, decisions and the
//! parking lot.

use super::{Session, Table, lines, names};

pub(super) fn meetings(session: &Session) -> Table {
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

pub(super) fn metrics(session: &Session) -> Table {
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

pub(super) fn step_label(step: Option<crate::model::Step>) -> String {
    step.map(|s| s.label().to_owned()).unwrap_or_default()
}

pub(super) fn actions(session: &Session) -> Table {
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

pub(super) fn decisions(session: &Session) -> Table {
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

pub(super) fn parking_lot(session: &Session) -> Table {
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
