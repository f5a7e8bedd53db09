//! Signatures on an agreement: for each team, its position (Kaner's gradients of agreement),
//! who gave it for the team, when, why, and exactly which text, with the text's SHA-256.
//!
//! Nothing here says "agreed": that is derived. A signature counts only while the agreement's
//! text still has the hash it was given to, so an edit makes it stale and undoing the edit
//! makes it count again. Stale signatures stay in the file as history.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::ids::TeamId;

/// How a history is written to the file: each signed text once.
mod texts_once;

/// A team's position on an agreement, as a facilitator says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Position {
    /// "I like it."
    Endorse,
    /// "I can live with it, and here is what worries me."
    AgreeWithReservations,
    /// "I do not need this, but I will not stand in the way."
    StandAside,
    /// "I disagree, formally, but will not block it."
    Disagree,
    /// "I veto this."
    Block,
}

impl Position {
    pub const ALL: [Self; 5] = [
        Self::Endorse,
        Self::AgreeWithReservations,
        Self::StandAside,
        Self::Disagree,
        Self::Block,
    ];

    /// The name scripts use: `endorse`, `agree-with-reservations`, `stand-aside`,
    /// `disagree`, `block`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Endorse => "endorse",
            Self::AgreeWithReservations => "agree-with-reservations",
            Self::StandAside => "stand-aside",
            Self::Disagree => "disagree",
            Self::Block => "block",
        }
    }

    /// The position by its script name, or `None`.
    pub fn parse(name: &str) -> Option<Self> {
        let name = name.trim().to_lowercase().replace([' ', '_'], "-");
        Self::ALL.into_iter().find(|p| p.name() == name)
    }

    /// As the window shows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Endorse => "Endorses",
            Self::AgreeWithReservations => "Agrees with reservations",
            Self::StandAside => "Stands aside",
            Self::Disagree => "Disagrees, will not block",
            Self::Block => "Blocks",
        }
    }

    /// The position of `team` on `agreement`, as a sentence without its full stop:
    /// "Marketing agrees to MQL with reservations".
    pub fn sentence(self, team: &str, agreement: &str) -> String {
        match self {
            Self::Endorse => format!("{team} endorses {agreement}"),
            Self::AgreeWithReservations => {
                format!("{team} agrees to {agreement} with reservations")
            }
            Self::StandAside => format!("{team} stands aside on {agreement}"),
            Self::Disagree => format!("{team} disagrees with {agreement} and will not block it"),
            Self::Block => format!("{team} blocks {agreement}"),
        }
    }

    /// What the position means, in the team's words.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::Endorse => "We like it",
            Self::AgreeWithReservations => "We can live with it, and say what worries us",
            Self::StandAside => "We do not need it, and will not stand in the way",
            Self::Disagree => "We disagree, and say so, but will not block it",
            Self::Block => "We cannot accept it as written",
        }
    }

    /// Every position but a plain endorsement says why.
    pub fn needs_reason(self) -> bool {
        self != Self::Endorse
    }

    /// True for the positions that carry the agreement under the unanimous rule.
    pub fn supports(self) -> bool {
        matches!(self, Self::Endorse | Self::AgreeWithReservations)
    }
}

/// Who gave a signature for the team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Signer {
    /// A person of the team, by the name they gave.
    Person(String),
    /// The facilitator, recording the team's position on its behalf.
    Facilitator,
    /// A sign-off kept from before signatures named people.
    Unrecorded,
}

impl Signer {
    /// Who, in words: "Dana Scott", "the facilitator on the team's behalf".
    pub fn describe(&self) -> &str {
        match self {
            Self::Person(name) => name,
            Self::Facilitator => "the facilitator on the team's behalf",
            Self::Unrecorded => "recorded before signatures named people",
        }
    }
}

/// One team's position on one wording of an agreement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub team: TeamId,
    pub position: Position,
    pub by: Signer,
    /// When it was given; unknown for sign-offs kept from before signatures.
    pub at: Option<jiff::Timestamp>,
    /// Why, for every position but an endorsement.
    #[serde(default)]
    pub reason: String,
    /// The agreement's text as it stood when signed.
    pub text: String,
    /// SHA-256 of `text`, in lowercase hex.
    pub sha256: String,
    /// Given in an earlier review and carried into this one: history, to re-confirm.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub carried_over: bool,
}

impl Signature {
    /// False when the text kept with the signature no longer has the hash it was signed
    /// with: someone changed the record after the fact.
    pub fn is_intact(&self) -> bool {
        text_hash(&self.text) == self.sha256
    }
}

/// The SHA-256 of an agreement's text, in lowercase hex.
pub fn text_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Every signature an agreement was given, oldest first, and when the room means to look at
/// it again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Signatures {
    #[serde(with = "texts_once")]
    pub history: Vec<Signature>,
    /// The date to review the agreement by; none set: the end of the quarter after it was
    /// adopted.
    pub review_by: Option<Date>,
}

/// Where one team's latest signature stands against today's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing<'a> {
    /// The team has not signed any wording.
    NotYet,
    /// Its latest signature is on today's text.
    Current(&'a Signature),
    /// Its latest signature is on an earlier wording: history, not agreement.
    Stale(&'a Signature),
}

impl<'a> Standing<'a> {
    /// The position that counts today, if any.
    pub fn position(self) -> Option<Position> {
        match self {
            Self::Current(signature) => Some(signature.position),
            Self::NotYet | Self::Stale(_) => None,
        }
    }

    /// The latest signature, current or stale.
    pub fn signature(self) -> Option<&'a Signature> {
        match self {
            Self::Current(signature) | Self::Stale(signature) => Some(signature),
            Self::NotYet => None,
        }
    }
}

impl Signatures {
    /// The latest signature of `team`, on whatever wording.
    pub fn latest(&self, team: TeamId) -> Option<&Signature> {
        self.history.iter().rev().find(|s| s.team == team)
    }

    /// Where `team` stands against the text whose hash is `hash`.
    pub fn standing(&self, team: TeamId, hash: &str) -> Standing<'_> {
        match self.latest(team) {
            None => Standing::NotYet,
            Some(signature) if signature.sha256 == hash && !signature.carried_over => {
                Standing::Current(signature)
            }
            Some(signature) => Standing::Stale(signature),
        }
    }

    /// Forgets the signatures of a team that left the workshop.
    pub fn forget(&mut self, team: TeamId) {
        self.history.retain(|s| s.team != team);
    }
}

/// How the room decides that an agreement is adopted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdoptionRule {
    /// Every signing team endorses it or agrees with reservations.
    #[default]
    Unanimous,
    /// Every signing team has given a position, and none blocks.
    Consent,
}

impl AdoptionRule {
    pub const ALL: [Self; 2] = [Self::Unanimous, Self::Consent];

    /// The name scripts use: `unanimous` or `consent`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Unanimous => "unanimous",
            Self::Consent => "consent",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Unanimous => "Unanimous: every team endorses or agrees with reservations",
            Self::Consent => "Consent: every team has answered and none blocks",
        }
    }

    /// True when `positions`, one per signing team (`None` for no current position), adopt
    /// the agreement. No team to sign, no adoption.
    pub fn adopts(self, positions: &[Option<Position>]) -> bool {
        !positions.is_empty()
            && positions.iter().all(|position| match (self, position) {
                (_, None) => false,
                (Self::Unanimous, Some(p)) => p.supports(),
                (Self::Consent, Some(p)) => *p != Position::Block,
            })
    }
}

/// The last day of the quarter after the one `date` falls in: "good enough for now, safe
/// enough to try", until then.
pub fn end_of_next_quarter(date: Date) -> Date {
    let quarter_start_month = (date.month() - 1) / 3 * 3 + 1;
    let next_next = jiff::civil::date(date.year(), quarter_start_month, 1)
        .checked_add(jiff::Span::new().months(6))
        .unwrap_or(date);
    next_next.yesterday().unwrap_or(next_next)
}

#[cfg(test)]
mod tests;
