//! The audit as the room answered it, each person from their own phone: how many answered,
//! team by team, and once the facilitator reveals it, each team's answers side by side. Where
//! one team says "yes, we share a definition" and another says "no", the disagreement is
//! itself the gap.

use std::collections::BTreeMap;

use super::audit_questions::{Gap, QUESTIONS, Question, QuestionKind, SYMPTOMS};
use crate::model::{Answer, RoomAnswers, Session, Shared, TeamId};

/// How a team's people answered one question.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub yes: usize,
    pub no: usize,
    pub dont_know: usize,
}

impl Tally {
    /// Counts `answer` in, or back out when it is no longer given.
    fn count(&mut self, answer: Answer, by: Count) {
        let n = match answer {
            Answer::Yes => &mut self.yes,
            Answer::No => &mut self.no,
            Answer::DontKnow => &mut self.dont_know,
        };
        by.apply(n);
    }

    /// "3 yes · 1 no", the counts that are not zero; "–" when nobody answered.
    pub fn describe(self) -> String {
        let parts: Vec<String> = [
            (self.yes, "yes"),
            (self.no, "no"),
            (self.dont_know, "don't know"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| format!("{n} {word}"))
        .collect();
        if parts.is_empty() {
            "–".to_owned()
        } else {
            parts.join(" · ")
        }
    }

    /// The answer most of the team gave; none for a tie or no answer.
    pub fn majority(self) -> Option<Answer> {
        let counts = [
            (Answer::Yes, self.yes),
            (Answer::No, self.no),
            (Answer::DontKnow, self.dont_know),
        ];
        let most = counts.iter().map(|(_, n)| *n).max().filter(|n| *n > 0)?;
        let mut leaders = counts.iter().filter(|(_, n)| *n == most);
        let first = leaders.next()?.0;
        leaders.next().is_none().then_some(first)
    }
}

/// The room's answers counted in one pass: each team's people, its tally of each yes/no
/// question and how many of its people recognised each symptom. What the audit step's card,
/// the gaps and the export show is read from it, never counted again.
#[derive(Clone, Debug, Default)]
pub struct RoomCounts {
    /// The yes/no questions, in the audit's order: the columns of each team's tallies.
    pub questions: Vec<&'static Question>,
    /// The session's teams in its order, each with what its people answered.
    pub teams: Vec<TeamCount>,
    /// How many in the room (whatever their team) recognised each of [`SYMPTOMS`].
    pub recognised: Vec<usize>,
}

/// Whether a person's answers are counted in or taken back out.
#[derive(Clone, Copy)]
enum Count {
    In,
    Out,
}

impl Count {
    fn apply(self, n: &mut usize) {
        match self {
            Self::In => *n += 1,
            Self::Out => *n = n.saturating_sub(1),
        }
    }
}

/// What one team's people answered from their phones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamCount {
    pub team: TeamId,
    /// How many of its people answered.
    pub people: usize,
    /// Its tally of each of [`RoomCounts::questions`].
    pub tallies: Vec<Tally>,
    /// How many of its people recognised each of [`SYMPTOMS`].
    pub recognised: Vec<usize>,
}

impl RoomCounts {
    pub fn of(session: &Session) -> Self {
        let questions: Vec<&'static Question> = QUESTIONS
            .iter()
            .filter(|q| q.kind == QuestionKind::YesNo)
            .collect();
        let teams = session
            .teams
            .iter()
            .map(|t| TeamCount {
                team: t.id,
                people: 0,
                tallies: vec![Tally::default(); questions.len()],
                recognised: vec![0; SYMPTOMS.len()],
            })
            .collect();
        let mut counts = Self {
            questions,
            teams,
            recognised: vec![0; SYMPTOMS.len()],
        };
        for answers in &session.audit.room {
            counts.count(answers, Count::In);
        }
        counts
    }

    /// The counts of `session`, from `earlier`'s, which were of `before`: while the teams and
    /// the number of people are the same, only the people whose answers changed are counted
    /// out and in again. A phone's submission recounts one person, not the room.
    pub fn after(earlier: &Self, before: &Session, session: &Session) -> Self {
        let (was, now) = (&before.audit.room, &session.audit.room);
        if !Shared::same_part(&before.teams, &session.teams) || was.len() != now.len() {
            return Self::of(session);
        }
        let mut counts = earlier.clone();
        for (was, now) in was.iter().zip(now) {
            if !Shared::same_part(was, now) {
                counts.count(was, Count::Out);
                counts.count(now, Count::In);
            }
        }
        counts
    }

    /// Counts one person's answers in, or out.
    fn count(&mut self, answers: &RoomAnswers, by: Count) {
        let symptoms: Vec<usize> = answers
            .recognised
            .iter()
            .filter_map(|key| SYMPTOMS.iter().position(|s| s.key == key))
            .collect();
        for &i in &symptoms {
            by.apply(&mut self.recognised[i]);
        }
        let Some(team) = self.teams.iter_mut().find(|c| Some(c.team) == answers.team) else {
            return;
        };
        by.apply(&mut team.people);
        for (key, answer) in &answers.answers {
            if let Some(i) = self.questions.iter().position(|q| q.key == key) {
                team.tallies[i].count(*answer, by);
            }
        }
        for &i in &symptoms {
            by.apply(&mut team.recognised[i]);
        }
    }

    /// The teams at least one of whose people answered, in the session's order.
    pub fn answering(&self) -> impl Iterator<Item = &TeamCount> {
        self.teams.iter().filter(|c| c.people > 0)
    }

    /// Each team's tally of the question `key`, teams that gave it no answer left out.
    #[cfg_attr(
        accord_private_layers,
        expect(dead_code, reason = "the tests read a question's tallies by its key")
    )]
    pub fn tallies(&self, key: &str) -> Vec<(TeamId, Tally)> {
        let Some(i) = self.questions.iter().position(|q| q.key == key) else {
            return Vec::new();
        };
        self.teams
            .iter()
            .map(|c| (c.team, c.tallies[i]))
            .filter(|(_, tally)| *tally != Tally::default())
            .collect()
    }

    /// How many in the room recognised the symptom `key`.
    #[cfg_attr(
        accord_private_layers,
        expect(dead_code, reason = "the integration tests read the count by symptom")
    )]
    pub fn recognised_by(&self, key: &str) -> usize {
        SYMPTOMS
            .iter()
            .position(|s| s.key == key)
            .map_or(0, |i| self.recognised[i])
    }
}

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
    /// its people answered that question.
    pub rows: Vec<(String, Vec<Option<Tally>>)>,
    /// Each symptom someone recognised, with how many did.
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
        Self {
            answered: room.len(),
            by_team: by_team
                .into_iter()
                .map(|(team, n)| format!("{} {n}", session.team_name(team)))
                .collect(),
            topics: counts.questions.iter().map(|q| q.topic).collect(),
            rows: counts
                .answering()
                .map(|c| {
                    let tallies = c
                        .tallies
                        .iter()
                        .map(|tally| (*tally != Tally::default()).then_some(*tally))
                        .collect();
                    (session.team_name(Some(c.team)).to_owned(), tallies)
                })
                .collect(),
            recognised: SYMPTOMS
                .iter()
                .zip(&counts.recognised)
                .map(|(s, n)| (s.complaint, *n))
                .filter(|(_, n)| *n > 0)
                .collect(),
            counts,
            basis: session.clone(),
        }
    }
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
