//! Dot-voting in the room: each person spreads a few dots over the audit's gaps, the parking
//! lot or the ICP's suggested criteria, and the tally stays hidden until the facilitator
//! reveals it. A vote keeps the items it was opened on, worded as they were then.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::TeamId;

/// The most dots one person can have.
pub const MAX_DOTS: u8 = 10;
/// The most items one vote is on.
pub const MAX_VOTE_ITEMS: usize = 60;
/// The longest wording of an item, in characters.
pub const MAX_VOTE_ITEM_CHARS: usize = 2000;

/// What the room votes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VoteTopic {
    /// Which of the audit's gaps to close first.
    AuditGaps,
    /// Which parked topics deserve time.
    ParkingLot,
    /// Which of the criteria the customer data suggests belong in the ICP.
    IcpSuggestions,
}

impl VoteTopic {
    pub fn label(self) -> &'static str {
        match self {
            Self::AuditGaps => "the audit's gaps",
            Self::ParkingLot => "the parking lot",
            Self::IcpSuggestions => "the ICP suggestions",
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
    /// What the vote is on, as it stood when the vote opened. Empty in a vote kept before
    /// Accord kept its items: those are worked out from the session.
    #[serde(deserialize_with = "items")]
    pub items: Vec<VoteItem>,
    pub ballots: Vec<Ballot>,
}

/// One thing to vote on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VoteItem {
    /// `gap:no-follow-up`, `parking:31`, `icp:Industry/include`.
    pub key: String,
    pub text: String,
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

/// Reads a vote's items, refusing more than [`MAX_VOTE_ITEMS`] or a wording past
/// [`MAX_VOTE_ITEM_CHARS`].
fn items<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<VoteItem>, D::Error> {
    let items = Vec::<VoteItem>::deserialize(deserializer)?;
    if items.len() > MAX_VOTE_ITEMS {
        return Err(serde::de::Error::custom(format!(
            "a vote is on {} items; Accord keeps at most {MAX_VOTE_ITEMS}",
            items.len()
        )));
    }
    if let Some(long) = items
        .iter()
        .find(|i| i.text.chars().count() > MAX_VOTE_ITEM_CHARS || i.key.len() > 200)
    {
        return Err(serde::de::Error::custom(format!(
            "the vote's item “{}” is longer than Accord keeps",
            long.key.chars().take(40).collect::<String>()
        )));
    }
    Ok(items)
}

impl Votes {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Each of `items` with its dots, most first; ties keep the items' order.
    pub fn tally_items<'a>(&self, items: &'a [VoteItem]) -> Vec<(&'a VoteItem, u32)> {
        let keys: Vec<String> = items.iter().map(|i| i.key.clone()).collect();
        self.tally(&keys)
            .into_iter()
            .filter_map(|(key, dots)| Some((items.iter().find(|i| i.key == key)?, dots)))
            .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read(items: usize, chars: usize) -> Result<Votes, ron::error::SpannedError> {
        let item = format!("(key: \"k\", text: \"{}\")", "x".repeat(chars));
        let items = vec![item; items].join(", ");
        ron::from_str(&format!(
            "(on: Some(ParkingLot), dots: 3, items: [{items}])"
        ))
    }

    #[test]
    fn a_file_keeps_a_votes_items_within_their_bounds() {
        assert_eq!(
            read(MAX_VOTE_ITEMS, MAX_VOTE_ITEM_CHARS)
                .unwrap()
                .items
                .len(),
            MAX_VOTE_ITEMS
        );
        let error = read(MAX_VOTE_ITEMS + 1, 10).unwrap_err().to_string();
        assert!(error.contains("at most 60"), "{error}");
        let error = read(1, MAX_VOTE_ITEM_CHARS + 1).unwrap_err().to_string();
        assert!(error.contains("longer than Accord keeps"), "{error}");
    }

    #[test]
    fn a_vote_kept_before_items_were_kept_still_reads() {
        let votes: Votes = ron::from_str("(on: Some(AuditGaps), open: true, dots: 2)").unwrap();
        assert!(votes.items.is_empty());
        assert_eq!(votes.on, Some(VoteTopic::AuditGaps));
    }
}
