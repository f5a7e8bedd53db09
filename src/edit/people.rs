//! The edits people make in their own name, from the window, a phone or the command line:
//! signing, proposing wording, answering the audit and voting, with the rules that bound them.

use super::apply::too_many_proposals;
use super::text::{folded, long_text};
use super::{
    Applied, AuditAnswers, Dots, EditError, MAX_PEOPLE, MAX_PROPOSALS, MAX_REASON, MAX_SIGNATURES,
    MAX_TEAM_PROPOSALS, MAX_TEAM_SIGNATURES, MAX_WORDING, Signing,
};
use crate::analysis::audit::{QUESTIONS, QuestionKind, SYMPTOMS};
use crate::model::{
    Agreement, Audit, Ballot, MAX_DOTS, MAX_VOTE_ITEMS, Proposal, RoomAnswers, Session, Signature,
    TeamId, VoteItem, VoteTopic, Votes, text_hash,
};

/// Where `name` of `team` already is among `people`, as names and teams: the same team, and
/// the same name once composed and folded to lower case (`folded_name`, [`folded`] once per
/// submission). Another's name is folded only when it is of the same team and not the very
/// same text.
fn position_of<'a>(
    name: &str,
    folded_name: &str,
    team: TeamId,
    people: impl IntoIterator<Item = (&'a str, Option<TeamId>)>,
) -> Option<usize> {
    people
        .into_iter()
        .position(|(other, other_team)| is_person(other, other_team, name, folded_name, team))
}

/// True when `other` of `other_team` is `name` of `team`: see [`position_of`].
fn is_person(
    other: &str,
    other_team: Option<TeamId>,
    name: &str,
    folded_name: &str,
    team: TeamId,
) -> bool {
    other_team == Some(team) && (other == name || is_folded_to(other, folded_name))
}

/// True when `name` folds to `folded_name` (see [`folded`]). An ASCII name is compared word
/// by word where it stands: it composes to itself and its lower case is ASCII's.
fn is_folded_to(name: &str, folded_name: &str) -> bool {
    if !name.is_ascii() {
        return folded(name) == folded_name;
    }
    let same_word = |a: &str, b: &str| {
        a.len() == b.len()
            && a.bytes()
                .zip(b.bytes())
                .all(|(a, b)| a == b.to_ascii_lowercase())
    };
    let mut words = name.split_whitespace();
    folded_name.split_whitespace().all(|folded_word| {
        words
            .next()
            .is_some_and(|word| same_word(folded_word, word))
    }) && words.next().is_none()
}

impl Session {
    /// Records a team's position, on the text the signer read when a page showed it one.
    pub(super) fn sign_as(&mut self, signing: Signing) -> Result<Applied, EditError> {
        let Signing {
            agreement,
            team,
            position,
            by,
            reason,
            at,
            seen_sha256,
        } = signing;
        let text = self
            .canonical_text(agreement)
            .ok_or(EditError::Gone("that agreement"))?;
        let sha256 = text_hash(&text);
        let reason = long_text(&reason);
        if seen_sha256.is_some_and(|seen| seen != sha256) {
            return Err(EditError::Stale { text, sha256 });
        }
        if reason.chars().count() > MAX_REASON {
            return Err(EditError::Refused(format!(
                "a reason has at most {MAX_REASON} characters"
            )));
        }
        let history = self
            .signatures_of(agreement)
            .map_or(&[][..], |s| s.history.as_slice());
        // The same position, by the same person, on the same text: already recorded.
        let latest = history.iter().rev().find(|s| s.team == team);
        if latest.is_some_and(|s| {
            s.sha256 == sha256 && s.position == position && s.by == by && s.reason == reason
        }) {
            return Ok(Applied::Unchanged);
        }
        let on_this_wording = history
            .iter()
            .filter(|s| s.team == team && s.sha256 == sha256)
            .count();
        if on_this_wording >= MAX_TEAM_SIGNATURES {
            let name = self.team_name(Some(team));
            return Err(EditError::Refused(format!(
                "{name} signed this wording {MAX_TEAM_SIGNATURES} times already; no more can be recorded until it changes"
            )));
        }
        if history.len() >= MAX_SIGNATURES {
            let name = self.agreement_name(agreement).unwrap_or_default();
            return Err(EditError::Refused(format!(
                "{name} holds {MAX_SIGNATURES} signatures already; no more can be recorded"
            )));
        }
        let signature = Signature {
            team,
            position,
            by,
            at: Some(at),
            reason,
            text,
            sha256,
            carried_over: false,
        };
        self.add_signature(agreement, signature)?;
        Ok(Applied::Changed)
    }

    /// Adds a team's wording to the proposals of a definition or the ICP.
    pub(super) fn propose(
        &mut self,
        agreement: Agreement,
        team: TeamId,
        wording: &str,
    ) -> Result<Applied, EditError> {
        self.team(team).ok_or(EditError::Gone("that team"))?;
        let text = long_text(wording);
        let text = text.as_str();
        if text.is_empty() {
            return Err(EditError::Refused("the wording is empty".to_owned()));
        }
        if text.chars().count() > MAX_WORDING {
            return Err(EditError::Refused(format!(
                "a wording has at most {MAX_WORDING} characters"
            )));
        }
        let wording = self.wording_mut(agreement).ok_or_else(|| {
            EditError::Refused(
                "wording is proposed for a definition or the ICP still in the workshop".to_owned(),
            )
        })?;
        let same = |p: &Proposal| p.team == Some(team) && p.wording == text;
        if wording.proposals.iter().any(same) {
            return Ok(Applied::Unchanged);
        }
        if wording.proposals.len() >= MAX_PROPOSALS {
            return Err(too_many_proposals(&wording.name));
        }
        let theirs = wording.proposals.iter().filter(|p| p.team == Some(team));
        if theirs.count() >= MAX_TEAM_PROPOSALS {
            return Err(EditError::Refused(format!(
                "your team has {MAX_TEAM_PROPOSALS} proposals for {} already; ask the facilitator to merge or remove one",
                wording.name
            )));
        }
        wording.proposals.push(Proposal {
            team: Some(team),
            wording: text.to_owned(),
        });
        Ok(Applied::Changed)
    }

    /// Keeps one person's answers to the audit, in place of any they gave before.
    pub(super) fn answer_audit(&mut self, mine: AuditAnswers) -> Result<Applied, EditError> {
        let AuditAnswers {
            name,
            team,
            answers,
            recognised,
        } = mine;
        self.team(team).ok_or(EditError::Gone("that team"))?;
        let known = |key: &String| {
            QUESTIONS
                .iter()
                .any(|q| q.key == key && q.kind == QuestionKind::YesNo)
        };
        if let Some(key) = answers.keys().find(|k| !known(k)) {
            return Err(EditError::Refused(format!("there is no question “{key}”")));
        }
        if let Some(key) = recognised
            .iter()
            .find(|k| !SYMPTOMS.iter().any(|s| s.key == k.as_str()))
        {
            return Err(EditError::Refused(format!("there is no symptom “{key}”")));
        }
        // Found by their seat when they answered before, and checked there; else looked for.
        let seat = (team, folded(&name));
        let audit: &mut Audit = &mut self.audit;
        let seated = audit.seats.get(&seat).filter(|&i| {
            audit
                .room
                .get(i)
                .is_some_and(|a| is_person(&a.name, a.team, &name, &seat.1, team))
        });
        let room = &mut audit.room;
        let earlier = seated.or_else(|| {
            let people = room.iter().map(|a| (a.name.as_str(), a.team));
            position_of(&name, &seat.1, team, people)
        });
        if earlier.is_none() && room.len() >= MAX_PEOPLE {
            return Err(EditError::Refused(format!(
                "the audit keeps the answers of {MAX_PEOPLE} people at most"
            )));
        }
        let mine = RoomAnswers {
            name,
            team: Some(team),
            answers,
            recognised,
        };
        let index = earlier.unwrap_or(room.len());
        if seated != Some(index) {
            audit.seats.set(seat, index, MAX_PEOPLE);
        }
        match earlier {
            Some(index) if *room[index] == mine => return Ok(Applied::Unchanged),
            Some(index) => room[index] = mine.into(),
            None => room.push(mine.into()),
        }
        Ok(Applied::Changed)
    }

    /// Opens a dot-vote on `items`; the dots of an earlier vote go.
    pub(super) fn start_vote(
        &mut self,
        on: VoteTopic,
        dots: u8,
        mut items: Vec<VoteItem>,
    ) -> Result<Applied, EditError> {
        if items.is_empty() {
            return Err(EditError::Refused(format!(
                "there is nothing to vote on in {}",
                on.label()
            )));
        }
        items.truncate(MAX_VOTE_ITEMS);
        let votes = Votes {
            on: Some(on),
            open: true,
            dots: dots.clamp(1, MAX_DOTS),
            revealed: false,
            items,
            ballots: Vec::new(),
        };
        if votes == *self.votes {
            return Ok(Applied::Unchanged);
        }
        self.votes = votes.into();
        Ok(Applied::Changed)
    }

    /// Keeps one person's dots on the open vote, in place of any they gave before.
    pub(super) fn vote(&mut self, mine: Dots) -> Result<Applied, EditError> {
        let Dots {
            name,
            team,
            dots,
            today,
        } = mine;
        self.team(team).ok_or(EditError::Gone("that team"))?;
        let items = crate::analysis::votes::vote_items(self, today)
            .ok_or_else(|| EditError::Refused("no vote is open now".to_owned()))?;
        if let Some(key) = dots.keys().find(|k| !items.iter().any(|i| &i.key == *k)) {
            return Err(EditError::Refused(format!("“{key}” is not in this vote")));
        }
        let given: u32 = dots.values().map(|d| u32::from(*d)).sum();
        let allowed = self.votes.dots;
        if given > u32::from(allowed) {
            return Err(EditError::Refused(format!(
                "you have {allowed} dots, and gave {given}"
            )));
        }
        let ballot = Ballot {
            name,
            team: Some(team),
            dots: dots.into_iter().filter(|(_, d)| *d > 0).collect(),
        };
        let ballots = &mut self.votes.ballots;
        let earlier = position_of(
            &ballot.name,
            &folded(&ballot.name),
            team,
            ballots.iter().map(|b| (b.name.as_str(), b.team)),
        );
        if earlier.is_none() && ballots.len() >= MAX_PEOPLE {
            return Err(EditError::Refused(format!(
                "the vote keeps the dots of {MAX_PEOPLE} people at most"
            )));
        }
        match earlier {
            Some(index) if ballots[index] == ballot => return Ok(Applied::Unchanged),
            Some(index) => ballots[index] = ballot,
            None => ballots.push(ballot),
        }
        Ok(Applied::Changed)
    }
}

#[cfg(test)]
mod tests {
    use super::{folded, is_folded_to};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(crate::edit::tests::random_cases(512))]

        /// The word-by-word comparison of ASCII names says what folding both would say.
        #[test]
        fn a_name_is_compared_as_folding_both_would(
            name in "[ \\taAbB\\u{212A}kK\\u{e9}e\\u{301}\\u{a0}]{0,8}",
            other in "[ \\taAbB\\u{212A}kK\\u{e9}e\\u{301}\\u{a0}]{0,8}",
        ) {
            let folded_other = folded(&other);
            prop_assert_eq!(is_folded_to(&name, &folded_other), folded(&name) == folded_other);
        }
    }

    #[test]
    fn names_differing_in_case_spaces_and_composition_are_one_person() {
        assert!(is_folded_to("  Ana   LOPEZ ", &folded("ana lopez")));
        assert!(is_folded_to("Ame\u{301}lie", &folded("Amélie")));
        assert!(!is_folded_to("Ana Lopez", &folded("Ana Lopes")));
        assert!(!is_folded_to("Ana", &folded("Ana Lopez")));
        assert!(!is_folded_to("Ana Lopez X", &folded("Ana Lopez")));
        assert!(is_folded_to("", &folded(" \t ")));
    }

    /// `answer` to the first yes/no question, as a phone of `team` sends it under `name`.
    fn answers(
        name: &str,
        team: crate::model::TeamId,
        answer: crate::model::Answer,
    ) -> crate::edit::Edit {
        let question = crate::analysis::audit::QUESTIONS
            .iter()
            .find(|q| q.kind == crate::analysis::audit::QuestionKind::YesNo)
            .map(|q| q.key.to_owned())
            .unwrap_or_default();
        crate::edit::Edit::AnswerAudit(Box::new(super::AuditAnswers {
            name: name.to_owned(),
            team,
            answers: [(question, answer)].into(),
            recognised: Default::default(),
        }))
    }

    #[test]
    fn a_person_answering_again_is_found_where_they_are_whatever_their_seat_says() {
        use crate::model::Answer;
        let mut session = crate::edit::tests::template();
        let team = session.teams[0].id;
        for (name, answer) in [("Ana López", Answer::Yes), ("Ben Okafor", Answer::No)] {
            session.apply(answers(name, team, answer)).unwrap();
        }
        // An undo step, or the room's answers in another order: Ana's seat is Ben's now.
        let mut moved = session.clone();
        moved.audit.room.swap(0, 1);
        moved
            .apply(answers("  ana LÓPEZ", team, Answer::DontKnow))
            .unwrap();
        let room = &moved.audit.room;
        assert_eq!(room.len(), 2, "Ana answered again, in her own place");
        assert_eq!(room[0].name, "Ben Okafor");
        assert_eq!(room[0].answers.values().collect::<Vec<_>>(), [&Answer::No]);
        assert_eq!(
            room[1].answers.values().collect::<Vec<_>>(),
            [&Answer::DontKnow]
        );
        // And in the room as it was, Ana's seat holds her again.
        session
            .apply(answers("Ana López", team, Answer::No))
            .unwrap();
        assert_eq!(session.audit.room[0].name, "Ana López");
        assert_eq!(
            session.audit.room[0].answers.values().collect::<Vec<_>>(),
            [&Answer::No]
        );
        assert_eq!(
            session.audit.room[1].answers.values().collect::<Vec<_>>(),
            [&Answer::No]
        );
    }
}
