//! What the room said from its phones, once the facilitator revealed it: each team's audit
//! answers side by side, and the dot-vote's tally. Until then the answers are private and
//! the tally hidden, so both tables are empty.

use super::{Session, Table, names};
use crate::analysis::audit::{QUESTIONS, QuestionKind, SYMPTOMS};
use crate::analysis::room_audit::{tallies, teams_that_answered};

/// A row per yes/no question and per symptom, a column per team that answered.
pub(super) fn room_answers(session: &Session) -> Table {
    let audit = &session.audit;
    let teams = teams_that_answered(session);
    let mut headers = names(&["Question"]);
    headers.extend(teams.iter().map(|t| session.team_name(Some(*t)).to_owned()));
    let mut rows = Vec::new();
    if audit.revealed {
        for question in QUESTIONS.iter().filter(|q| q.kind == QuestionKind::YesNo) {
            let by_team = tallies(session, question.key);
            let mut row = vec![question.topic.to_owned()];
            row.extend(teams.iter().map(|team| {
                by_team
                    .iter()
                    .find(|(t, _)| t == team)
                    .map_or("–".to_owned(), |(_, tally)| tally.describe())
            }));
            rows.push(row);
        }
        for symptom in SYMPTOMS {
            let mut row = vec![format!("Recognises: {}", symptom.complaint)];
            row.extend(teams.iter().map(|team| {
                let of_team = audit.room.iter().filter(|a| a.team == Some(*team));
                let recognised = of_team
                    .clone()
                    .filter(|a| a.recognised.contains(symptom.key))
                    .count();
                format!("{recognised} of {}", of_team.count())
            }));
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
