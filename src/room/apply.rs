//! What a participant sends, and what it does to the session: the one place both the window
//! and `accord room` apply it, so a phone's signature is the facilitator's signature, checked
//! the same way.

use std::collections::{BTreeMap, BTreeSet};

use crate::analysis::audit::{QUESTIONS, QuestionKind, SYMPTOMS};
use crate::model::{
    Agreement, Answer, Ballot, Position, Proposal, RoomAnswers, Session, SignError, Signer, TeamId,
    text_hash,
};

/// The longest name a participant can give, in characters.
pub const MAX_NAME: usize = 80;
/// The longest reason for a position.
pub const MAX_REASON: usize = 1_000;
/// The longest wording proposed for a definition.
pub const MAX_WORDING: usize = 2_000;
/// The most proposals one definition, or the ICP, holds: the room's phones add no more past it.
pub const MAX_PROPOSALS: usize = 40;
/// The most people whose audit answers, or dots, one session keeps.
pub const MAX_PEOPLE: usize = super::MAX_DEVICES;
/// The most signatures one agreement's history keeps from the room's phones.
pub const MAX_SIGNATURES: usize = 500;

/// Who sent something: the name and team they joined with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sender {
    pub name: String,
    pub team: TeamId,
}

impl Sender {
    /// True when `name` of `team` is this sender: the same team, the name whatever its case.
    fn is(&self, name: &str, team: Option<TeamId>) -> bool {
        team == Some(self.team) && name.eq_ignore_ascii_case(&self.name)
    }
}

/// What a participant sends.
#[derive(Clone, Debug, PartialEq)]
pub enum Submission {
    /// Their answers to the audit, replacing any they sent before.
    Audit {
        answers: BTreeMap<String, Answer>,
        recognised: BTreeSet<String>,
    },
    /// Their team's position on the agreement's text, the one whose hash they saw.
    Sign {
        agreement: Agreement,
        position: Position,
        reason: String,
        sha256: String,
    },
    /// Wording for a definition or the ICP, among the proposals under their team.
    Propose {
        agreement: Agreement,
        wording: String,
    },
    /// Their dots on the open vote, replacing any they gave before.
    Vote { dots: BTreeMap<String, u8> },
}

/// Why a submission was not applied.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The text changed since the page showed it: the new one, to read before signing.
    #[error("the text changed since your page showed it; read it again before you sign")]
    Stale { text: String, sha256: String },
    #[error("{0}")]
    Invalid(String),
}

/// Applies `what` from `from` to `session`, checked as the window checks its own edits.
/// Returns what was done, in a sentence for the facilitator. Everything is checked before
/// anything is written: a refused submission leaves `session` as it was.
pub fn apply(
    session: &mut Session,
    from: &Sender,
    what: &Submission,
    now: jiff::Timestamp,
) -> Result<String, Refusal> {
    let invalid = |message: &str| Refusal::Invalid(message.to_owned());
    if !session.teams.iter().any(|t| t.id == from.team) {
        return Err(invalid("that team is not in this workshop"));
    }
    let team = session.team_name(Some(from.team)).to_owned();
    match what {
        Submission::Audit {
            answers,
            recognised,
        } => {
            let known = |key: &String| {
                QUESTIONS
                    .iter()
                    .any(|q| q.key == key && q.kind == QuestionKind::YesNo)
            };
            if let Some(key) = answers.keys().find(|k| !known(k)) {
                return Err(Refusal::Invalid(format!("there is no question “{key}”")));
            }
            if let Some(key) = recognised
                .iter()
                .find(|k| !SYMPTOMS.iter().any(|s| s.key == k.as_str()))
            {
                return Err(Refusal::Invalid(format!("there is no symptom “{key}”")));
            }
            let room = &mut session.audit.room;
            let known_person = room.iter().any(|a| from.is(&a.name, a.team));
            if !known_person && room.len() >= MAX_PEOPLE {
                return Err(Refusal::Invalid(format!(
                    "the audit keeps the answers of {MAX_PEOPLE} people at most"
                )));
            }
            let mine = RoomAnswers {
                name: from.name.clone(),
                team: Some(from.team),
                answers: answers.clone(),
                recognised: recognised.clone(),
            };
            match room.iter_mut().find(|a| from.is(&a.name, a.team)) {
                Some(earlier) => *earlier = mine,
                None => room.push(mine),
            }
            Ok(format!("{} ({team}) answered the audit.", from.name))
        }
        Submission::Sign {
            agreement,
            position,
            reason,
            sha256,
        } => {
            let text = session
                .canonical_text(*agreement)
                .ok_or_else(|| invalid("that agreement is no longer in the workshop"))?;
            let now_hash = text_hash(&text);
            if &now_hash != sha256 {
                return Err(Refusal::Stale {
                    text,
                    sha256: now_hash,
                });
            }
            if reason.chars().count() > MAX_REASON {
                return Err(Refusal::Invalid(format!(
                    "a reason has at most {MAX_REASON} characters"
                )));
            }
            let name = session.agreement_name(*agreement).unwrap_or_default();
            let history = session
                .signatures_of(*agreement)
                .map_or(&[][..], |s| s.history.as_slice());
            let by = Signer::Person(from.name.clone());
            // The same position, by the same person, on the same text: already recorded.
            let latest = history.iter().rev().find(|s| s.team == from.team);
            if latest.is_some_and(|s| {
                s.sha256 == now_hash
                    && s.position == *position
                    && s.by == by
                    && s.reason == reason.trim()
            }) {
                return Ok(format!("{} had signed {name} so already.", from.name));
            }
            if history.len() >= MAX_SIGNATURES {
                return Err(Refusal::Invalid(format!(
                    "{name} holds {MAX_SIGNATURES} signatures already; ask the facilitator to record yours"
                )));
            }
            session
                .sign(*agreement, from.team, *position, by, reason, now)
                .map_err(|error: SignError| Refusal::Invalid(error.to_string()))?;
            Ok(format!(
                "{} signed {name} for {team}: {}.",
                from.name,
                position.label().to_lowercase()
            ))
        }
        Submission::Vote { dots } => {
            let today = now.to_zoned(jiff::tz::TimeZone::system()).date();
            let items = super::view::vote_items(session, today)
                .ok_or_else(|| invalid("no vote is open now"))?;
            if let Some(key) = dots.keys().find(|k| !items.iter().any(|i| &i.key == *k)) {
                return Err(Refusal::Invalid(format!("“{key}” is not in this vote")));
            }
            let given: u32 = dots.values().map(|d| u32::from(*d)).sum();
            let allowed = session.votes.dots;
            if given > u32::from(allowed) {
                return Err(Refusal::Invalid(format!(
                    "you have {allowed} dots, and gave {given}"
                )));
            }
            let ballot = Ballot {
                name: from.name.clone(),
                team: Some(from.team),
                dots: dots
                    .iter()
                    .filter(|(_, d)| **d > 0)
                    .map(|(k, d)| (k.clone(), *d))
                    .collect(),
            };
            let ballots = &mut session.votes.ballots;
            let known_person = ballots.iter().any(|b| from.is(&b.name, b.team));
            if !known_person && ballots.len() >= MAX_PEOPLE {
                return Err(Refusal::Invalid(format!(
                    "the vote keeps the dots of {MAX_PEOPLE} people at most"
                )));
            }
            match ballots.iter_mut().find(|b| from.is(&b.name, b.team)) {
                Some(earlier) => *earlier = ballot,
                None => ballots.push(ballot),
            }
            Ok(format!("{} ({team}) voted.", from.name))
        }
        Submission::Propose { agreement, wording } => {
            let text = wording.trim();
            if text.is_empty() {
                return Err(invalid("the wording is empty"));
            }
            if text.chars().count() > MAX_WORDING {
                return Err(Refusal::Invalid(format!(
                    "a wording has at most {MAX_WORDING} characters"
                )));
            }
            let wording = session.wording_mut(*agreement).ok_or_else(|| {
                invalid("wording is proposed for a definition or the ICP still in the workshop")
            })?;
            if wording.proposals.len() >= MAX_PROPOSALS {
                return Err(Refusal::Invalid(format!(
                    "{} has {MAX_PROPOSALS} proposals already; merge some first",
                    wording.name
                )));
            }
            let same = |p: &Proposal| p.team == Some(from.team) && p.wording == text;
            if wording.proposals.iter().any(same) {
                return Ok(format!("{team} had proposed that wording already."));
            }
            wording.proposals.push(Proposal {
                team: Some(from.team),
                wording: text.to_owned(),
            });
            Ok(format!(
                "{} proposed wording for {} for {team}.",
                from.name, wording.name
            ))
        }
    }
}

#[cfg(test)]
mod tests;
