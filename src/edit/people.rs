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
    Agreement, Ballot, MAX_DOTS, MAX_VOTE_ITEMS, Proposal, RoomAnswers, Session, Signature, TeamId,
    VoteItem, VoteTopic, Votes, text_hash,
};

/// True when `name` of `team` is the person `other` of `other_team`: the same team, and the
/// same name once composed and folded to lower case.
pub fn same_person(name: &str, team: TeamId, other: &str, other_team: Option<TeamId>) -> bool {
    other_team == Some(team) && folded(name) == folded(other)
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
        let room = &mut self.audit.room;
        let earlier = room
            .iter()
            .position(|a| same_person(&name, team, &a.name, a.team));
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
        let earlier = ballots
            .iter()
            .position(|b| same_person(&ballot.name, team, &b.name, b.team));
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
