//! What a participant sends, and the edit it is: the room only translates. The rules (who may
//! sign what, the caps, what a vote is on) are the edits' own, so a phone's signature is the
//! facilitator's signature, checked by the same `Session::apply` in the window and in
//! `accord room`.

use std::collections::{BTreeMap, BTreeSet};

use crate::edit::text::written_len;
use crate::edit::{Applied, AuditAnswers, Dots, Edit, EditError, Signing};
use crate::model::{Agreement, Answer, Position, Session, Signer, TeamId};

/// What one device may add to the session file while a room is open, in bytes as the file
/// writes them: some sixty reasons of a full paragraph each.
pub const DEVICE_BYTES: usize = 64 * 1024;
/// What all the devices of one room may add to the session file together.
pub const ROOM_BYTES: usize = 4 * 1024 * 1024;
/// What a signature or a proposal takes in the file around its texts: team, position, time,
/// hash and field names.
pub const ENTRY_BYTES: usize = 512;

/// Who sent something: the name and team they joined with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sender {
    pub name: String,
    pub team: TeamId,
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

impl Submission {
    /// The most that `from` sending this adds to the session file, in bytes as written. A
    /// signature's agreed text is not counted: the file keeps one copy of each wording, and
    /// the wordings are the facilitator's. The audit's answers and a vote's dots take the
    /// place of the sender's earlier ones, and are bounded by the questions and the items, so
    /// they cost nothing here.
    pub fn cost(&self, from: &Sender) -> usize {
        match self {
            Self::Sign { reason, .. } => {
                ENTRY_BYTES + written_len(&from.name) + written_len(reason)
            }
            Self::Propose { wording, .. } => ENTRY_BYTES + written_len(wording),
            Self::Audit { .. } | Self::Vote { .. } => 0,
        }
    }
}

/// Takes `cost` bytes from what a device (`device` spent so far) and its room (`room`) may
/// still add to the session file, or says which of the two is used up; nothing is taken then.
pub fn charge(room: &mut usize, device: &mut usize, cost: usize) -> Result<(), Refusal> {
    if *device + cost > DEVICE_BYTES {
        return Err(Refusal::Invalid(
            "this phone has sent as much text as one device may add while the room is open"
                .to_owned(),
        ));
    }
    if *room + cost > ROOM_BYTES {
        return Err(Refusal::Invalid(
            "the room has taken all the text the session keeps from phones; tell the facilitator"
                .to_owned(),
        ));
    }
    *device += cost;
    *room += cost;
    Ok(())
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

/// The edit `what` from `from` asks for, as of `now`.
pub fn edit_for(from: &Sender, what: &Submission, now: jiff::Timestamp) -> Edit {
    match what {
        Submission::Audit {
            answers,
            recognised,
        } => Edit::AnswerAudit(Box::new(AuditAnswers {
            name: from.name.clone(),
            team: from.team,
            answers: answers.clone(),
            recognised: recognised.clone(),
        })),
        Submission::Sign {
            agreement,
            position,
            reason,
            sha256,
        } => Edit::Sign(Box::new(Signing {
            agreement: *agreement,
            team: from.team,
            position: *position,
            by: Signer::Person(from.name.clone()),
            reason: reason.clone(),
            at: now,
            seen_sha256: Some(sha256.clone()),
        })),
        Submission::Propose { agreement, wording } => Edit::Propose {
            agreement: *agreement,
            team: from.team,
            wording: wording.clone(),
        },
        Submission::Vote { dots } => Edit::Vote(Box::new(Dots {
            name: from.name.clone(),
            team: from.team,
            dots: dots.clone(),
            today: now.to_zoned(jiff::tz::TimeZone::system()).date(),
        })),
    }
}

/// What the participant's page is told when the edit was refused.
pub fn refusal(error: EditError) -> Refusal {
    match error {
        EditError::Stale { text, sha256 } => Refusal::Stale { text, sha256 },
        other => Refusal::Invalid(other.to_string()),
    }
}

/// What became of `what` from `from`, in a sentence for the facilitator and the phone, once
/// `session` applied it.
pub fn answer(session: &Session, from: &Sender, what: &Submission, applied: Applied) -> String {
    let team = session.team_name(Some(from.team));
    let name = &from.name;
    let again = !applied.changed();
    match what {
        Submission::Audit { .. } => format!("{name} ({team}) answered the audit."),
        Submission::Sign {
            agreement,
            position,
            ..
        } => {
            let of = session.agreement_name(*agreement).unwrap_or_default();
            if again {
                format!("{name} had signed {of} so already.")
            } else {
                format!(
                    "{name} signed {of} for {team}: {}.",
                    position.label().to_lowercase()
                )
            }
        }
        Submission::Propose { .. } if again => format!("{team} had proposed that wording already."),
        Submission::Propose { agreement, .. } => {
            let of = match agreement {
                Agreement::Icp => "the ICP".to_owned(),
                other => session.agreement_name(*other).unwrap_or_default(),
            };
            format!("{name} proposed wording for {of} for {team}.")
        }
        Submission::Vote { .. } => format!("{name} ({team}) voted."),
    }
}

/// Applies `what` from `from` to `session` as one edit, checked as every edit is: a refused
/// submission leaves `session` as it was. Returns what was done, in a sentence.
pub fn apply(
    session: &mut Session,
    from: &Sender,
    what: &Submission,
    now: jiff::Timestamp,
) -> Result<String, Refusal> {
    let applied = session.apply(edit_for(from, what, now)).map_err(refusal)?;
    Ok(answer(session, from, what, applied))
}

#[cfg(test)]
mod tests;
