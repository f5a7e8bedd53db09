//! The audit as the room answered it, each person from their own phone: how many answered,
//! team by team, and once the facilitator reveals it, each team's answers side by side. Where
//! one team says "yes, we share a definition" and another says "no", the disagreement is
//! itself the gap.

use std::collections::BTreeMap;

use super::audit_questions::{Gap, SYMPTOMS};
use super::room_counts::{RoomCounts, Tally};
use crate::model::{Answer, Session, TeamId};

/// The room's answers as the audit step shows them: worked out once per revision, since 200
/// phones' answers are a lot to count in every frame.
#[derive(Clone, Debug, Default)]
pub struct RoomCard {
    /// How many people answered.
    pub answered: usize,
    /// "Marketing 3", team by team, those without a team last.
    pub by_team: Vec<String>,
    /// The yes/no questions' topics, the table's columns.
    pub topics: Vec<&'static str>,
    /// Each team that answered, with its tally for each of `topics`; `None` where none of
    /// its people answered that question. Empty until the answers are revealed: nobody sees
    /// them before.
    pub rows: Vec<(String, Vec<Option<Tally>>)>,
    /// Each symptom someone recognised, with how many did; empty until revealed.
    pub recognised: Vec<(&'static str, usize)>,
    /// What it was worked out from, for the next card to build on.
    counts: RoomCounts,
    basis: Session,
}

impl RoomCard {
    pub fn of(session: &Session) -> Self {
        Self::from_counts(session, RoomCounts::of(session))
    }

    /// The card of `session`, counting only the people whose answers changed since `earlier`.
    pub fn after(earlier: &Self, session: &Session) -> Self {
        Self::from_counts(
            session,
            RoomCounts::after(&earlier.counts, &earlier.basis, session),
        )
    }

    fn from_counts(session: &Session, counts: RoomCounts) -> Self {
        let room = &session.audit.room;
        let in_teams: usize = counts.teams.iter().map(|c| c.people).sum();
        let by_team = if in_teams == room.len() {
            counts
                .answering()
                .map(|c| (Some(c.team), c.people))
                .collect()
        } else {
            // Someone answered without a team, or for one that has gone since.
            answered_by_team(session)
        };
        // Until revealed, the card says how many answered: with the room answering, a new
        // card is made each frame, and the table would be made for nobody.
        let (rows, recognised) = if session.audit.revealed {
            (rows(session, &counts), recognised(&counts))
        } else {
            (Vec::new(), Vec::new())
        };
        Self {
            answered: room.len(),
            by_team: by_team
                .into_iter()
                .map(|(team, n)| format!("{} {n}", session.team_name(team)))
                .collect(),
            topics: counts.questions.iter().map(|q| q.topic).collect(),
            rows,
            recognised,
            counts,
            basis: session.clone(),
        }
    }
}

/// Each team that answered, with its tally of each yes/no question (`None` where none of its
/// people answered it).
fn rows(session: &Session, counts: &RoomCounts) -> Vec<(String, Vec<Option<Tally>>)> {
    counts
        .answering()
        .map(|c| {
            let tallies = c
                .tallies
                .iter()
                .map(|tally| (*tally != Tally::default()).then_some(*tally))
                .collect();
            (session.team_name(Some(c.team)).to_owned(), tallies)
        })
        .collect()
}

/// Each symptom someone recognised, with how many did.
fn recognised(counts: &RoomCounts) -> Vec<(&'static str, usize)> {
    SYMPTOMS
        .iter()
        .zip(&counts.recognised)
        .map(|(s, n)| (s.complaint, *n))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// How many answered, by team, in the order of the session's teams; those without a team
/// last, under `None`.
pub fn answered_by_team(session: &Session) -> Vec<(Option<TeamId>, usize)> {
    let mut counts: BTreeMap<Option<TeamId>, usize> = BTreeMap::new();
    for answers in &session.audit.room {
        *counts.entry(answers.team).or_default() += 1;
    }
    let mut ordered: Vec<(Option<TeamId>, usize)> = session
        .teams
        .iter()
        .filter_map(|t| counts.remove(&Some(t.id)).map(|n| (Some(t.id), n)))
        .collect();
    ordered.extend(counts);
    ordered
}

/// The gaps the room's answers show once revealed: a question the teams answer differently,
/// a question most of a team answers "no" or "don't know", and a symptom someone recognised.
pub fn gaps(session: &Session) -> Vec<Gap> {
    let audit = &session.audit;
    if !audit.revealed || audit.room.is_empty() {
        return Vec::new();
    }
    let counts = RoomCounts::of(session);
    let mut gaps = Vec::new();
    for (symptom, &count) in SYMPTOMS.iter().zip(&counts.recognised) {
        if count > 0 && !audit.recognised.contains(symptom.key) {
            gaps.push(Gap {
                key: symptom.key,
                text: symptom.root_cause.to_owned(),
                because: format!(
                    "{count} of {} in the room recognised {}",
                    audit.room.len(),
                    symptom.complaint
                ),
                fixed_in: symptom.fixed_in,
            });
        }
    }
    for (i, question) in counts.questions.iter().enumerate() {
        let said = |wanted: fn(Answer) -> bool| -> Vec<&str> {
            counts
                .teams
                .iter()
                .map(|c| (c.team, c.tallies[i]))
                .filter(|(_, tally)| tally.majority().is_some_and(wanted))
                .map(|(team, _)| session.team_name(Some(team)))
                .collect()
        };
        let yes = said(|a| a == Answer::Yes);
        let not = said(|a| a != Answer::Yes);
        if not.is_empty() {
            continue;
        }
        let because = if yes.is_empty() {
            format!("{} — {} did not say yes.", question.topic, not.join(", "))
        } else {
            format!(
                "{} — {} say yes; {} do not.",
                question.topic,
                yes.join(", "),
                not.join(", ")
            )
        };
        let text = if yes.is_empty() {
            question.gap.to_owned()
        } else {
            format!("The teams disagree: {}", lowercase_first(question.gap))
        };
        gaps.push(Gap {
            key: question.key,
            text,
            because,
            fixed_in: question.fixed_in,
        });
    }
    gaps
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RoomAnswers;

    fn answer(session: &mut Session, name: &str, team: TeamId, key: &str, answer: Answer) {
        let mut answers = RoomAnswers {
            name: name.into(),
            team: Some(team),
            ..RoomAnswers::default()
        };
        answers.answers.insert(key.into(), answer);
        session.audit.room.push(answers.into());
    }

    #[test]
    fn a_question_the_teams_answer_differently_is_a_gap_once_revealed() {
        let mut session = Session::default();
        let marketing = session.add_team("Marketing");
        let sales = session.add_team("Sales");
        let key = "written-lead-definition";
        answer(&mut session, "Ana", marketing, key, Answer::Yes);
        answer(&mut session, "Ben", marketing, key, Answer::Yes);
        answer(&mut session, "Cy", sales, key, Answer::No);
        assert!(gaps(&session).is_empty(), "private until revealed");
        session.audit.revealed = true;
        let found = gaps(&session);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].key, key);
        assert!(found[0].text.starts_with("The teams disagree: no written"));
        assert_eq!(
            found[0].because,
            "Written lead definition — Marketing say yes; Sales do not."
        );
        assert_eq!(
            answered_by_team(&session),
            [(Some(marketing), 2), (Some(sales), 1)]
        );
    }

    #[test]
    fn teams_that_all_say_yes_leave_no_gap_and_a_tie_is_no_majority() {
        let mut session = Session::default();
        let marketing = session.add_team("Marketing");
        let sales = session.add_team("Sales");
        let key = "follow-up-sla";
        answer(&mut session, "Ana", marketing, key, Answer::Yes);
        answer(&mut session, "Cy", sales, key, Answer::Yes);
        answer(&mut session, "Di", sales, key, Answer::No);
        session.audit.revealed = true;
        assert_eq!(
            RoomCounts::of(&session).tallies(key)[1].1.majority(),
            None,
            "one yes, one no"
        );
        assert!(gaps(&session).is_empty());
    }
}
