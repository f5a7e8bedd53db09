//! Dot-voting in the room: each person spreads a few dots over the audit's gaps or the parking
//! lot, and the tally stays hidden until the facilitator reveals it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::TeamId;

/// The most dots one person can have.
pub const MAX_DOTS: u8 = 10;

/// What the room votes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VoteTopic {
    /// Which of the audit's gaps to close first.
    AuditGaps,
    /// Which parked topics deserve time.
    ParkingLot,
}

impl VoteTopic {
    pub fn label(self) -> &'static str {
        match self {
            Self::AuditGaps => "the audit's gaps",
            Self::ParkingLot => "the parking lot",
        }
    }
}

/// The room's vote, while one is open, and the dots cast.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Votes {
    /// What the room votes, or voted, on.
    pub on: Option<VoteTopic>,
    /// Whether the phones can still give their dots.
    pub open: bool,
    /// The dots each person has.
    #[serde(deserialize_with = "dots")]
    pub dots: u8,
    /// Whether the facilitator shows the tally.
    pub revealed: bool,
    pub ballots: Vec<Ballot>,
}

/// One person's dots, by item key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ballot {
    pub name: String,
    pub team: Option<TeamId>,
    pub dots: BTreeMap<String, u8>,
}

/// Reads a number of dots, refusing more than [`MAX_DOTS`].
fn dots<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u8, D::Error> {
    let dots = u8::deserialize(deserializer)?;
    if dots > MAX_DOTS {
        return Err(serde::de::Error::custom(format!(
            "a vote gives {dots} dots; Accord keeps it between 0 and {MAX_DOTS}"
        )));
    }
    Ok(dots)
}

impl Votes {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Each item's dots, most first; ties keep the items' order in `keys`.
    pub fn tally(&self, keys: &[String]) -> Vec<(String, u32)> {
        let mut tally: Vec<(String, u32)> = keys
            .iter()
            .map(|key| {
                let dots = self
                    .ballots
                    .iter()
                    .map(|b| u32::from(b.dots.get(key).copied().unwrap_or(0)))
                    .sum();
                (key.clone(), dots)
            })
            .collect();
        tally.sort_by_key(|(_, dots)| std::cmp::Reverse(*dots));
        tally
    }
}
