//! What the room said from its phones, once the facilitator revealed it: each team's audit
//! answers side by side, and the dot-vote's tally. Until then the answers are private and
//! the tally hidden, so both tables are empty.

use super::{Session, Table, names};
use crate::analysis::audit::SYMPTOMS;
use crate::analysis::room_counts::{RoomCounts, TeamCount};

/// A row per yes/no question and per symptom, a column per team that answered.
pub(super) fn room_answers(session: &Session) -> Table {
    let counts = RoomCounts::of(session);
    let teams: Vec<&TeamCount> = counts.answering().collect();
    let mut headers = names(&["Question"]);
    headers.extend(
        teams
            .iter()
            .map(|c| session.team_name(Some(c.team)).to_owned()),
    );
    let mut rows = Vec::new();
    if session.audit.revealed {
        for (i, question) in counts.questions.iter().enumerate() {
            let mut row = vec![question.topic.to_owned()];
            row.extend(teams.iter().map(|c| c.tallies[i].describe()));
            rows.push(row);
        }
        for (i, symptom) in SYMPTOMS.iter().enumerate() {
            let mut row = vec![format!("Recognises: {}", symptom.complaint)];
            row.extend(
                teams
                    .iter()
                    .map(|c| format!("{} of {}", c.recognised[i], c.people)),
            );
            rows.push(row);
        }
    }
    Table {
        name: "room_answers",
        title: "The room's audit answers",
        headers,
        rows,
    }
}

/// The vote's items with their dots, most first, once the tally is revealed.
pub(super) fn votes(session: &Session) -> Table {
    let votes = &session.votes;
    let mut rows = Vec::new();
    if let Some(on) = votes.on
        && votes.revealed
    {
        // The items the vote was opened on. A vote kept before Accord kept them is on the
        // gaps as of the workshop's day, so the same session always gives the same table.
        let day = session.meta.date.unwrap_or_default();
        let items = crate::analysis::votes::vote_items_of(session, day).unwrap_or_default();
        for (item, dots) in votes.tally_items(&items) {
            rows.push(vec![
                on.label().to_owned(),
                item.text.clone(),
                dots.to_string(),
                votes.ballots.len().to_string(),
            ]);
        }
    }
    Table {
        name: "votes",
        title: "Dot-vote",
        headers: names(&["On", "Item", "Dots", "Voters"]),
        rows,
    }
}
