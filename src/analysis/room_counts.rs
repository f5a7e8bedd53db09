//! The room's audit answers counted: each team's people, its tally of each yes/no question
//! and the symptoms its people recognised. The audit step's card, the revealed gaps and the
//! export read these counts; a phone's submission recounts one person, not the room.

use super::audit_questions::{QUESTIONS, Question, QuestionKind, SYMPTOMS};
use crate::model::{Answer, RoomAnswers, Session, Shared, TeamId};

/// How a team's people answered one question.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
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

/// How many of [`QUESTIONS`] are answered yes or no: each team's tallies, one per question.
pub const YES_NO: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < QUESTIONS.len() {
        if matches!(QUESTIONS[i].kind, QuestionKind::YesNo) {
            n += 1;
        }
        i += 1;
    }
    n
};

/// The room's answers counted in one pass: each team's people, its tally of each yes/no
/// question and how many of its people recognised each symptom. What the audit step's card,
/// the gaps and the export show is read from it, never counted again.
#[derive(Clone, Debug)]
pub struct RoomCounts {
    /// The yes/no questions, in the audit's order: the columns of each team's tallies.
    pub questions: [&'static Question; YES_NO],
    /// The session's teams in its order, each with what its people answered.
    pub teams: Vec<TeamCount>,
    /// How many in the room (whatever their team) recognised each of [`SYMPTOMS`].
    pub recognised: [usize; SYMPTOMS.len()],
}

impl Default for RoomCounts {
    fn default() -> Self {
        Self::nobody(std::iter::empty())
    }
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

/// What one team's people answered from their phones. Arrays, not lists: the counts are
/// copied per revision of a room whose answers arrive every frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TeamCount {
    pub team: TeamId,
    /// How many of its people answered.
    pub people: usize,
    /// Its tally of each of [`RoomCounts::questions`].
    pub tallies: [Tally; YES_NO],
    /// How many of its people recognised each of [`SYMPTOMS`].
    pub recognised: [usize; SYMPTOMS.len()],
}

impl RoomCounts {
    pub fn of(session: &Session) -> Self {
        let mut counts = Self::nobody(session.teams.iter().map(|t| t.id));
        for answers in &session.audit.room {
            counts.count(answers, Count::In);
        }
        counts
    }

    /// The counts of a room where nobody of `teams` answered yet.
    fn nobody(teams: impl Iterator<Item = TeamId>) -> Self {
        let mut yes_no = QUESTIONS.iter().filter(|q| q.kind == QuestionKind::YesNo);
        // YES_NO is their number: each of the array's places takes one.
        let questions = std::array::from_fn(|_| yes_no.next().unwrap_or(&QUESTIONS[0]));
        debug_assert!(yes_no.next().is_none(), "YES_NO counts them all");
        let teams = teams
            .map(|team| TeamCount {
                team,
                people: 0,
                tallies: [Tally::default(); YES_NO],
                recognised: [0; SYMPTOMS.len()],
            })
            .collect();
        Self {
            questions,
            teams,
            recognised: [0; SYMPTOMS.len()],
        }
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
        let symptoms = || {
            answers
                .recognised
                .iter()
                .filter_map(|key| SYMPTOMS.iter().position(|s| s.key == key))
        };
        for i in symptoms() {
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
        for i in symptoms() {
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
