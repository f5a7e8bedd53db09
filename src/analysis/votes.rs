//! What a dot-vote is on: the items it was opened on, or what a vote opened now would be on.
//! The window offers these, the phones vote on them, and the exports tally them.

use crate::model::{Session, VoteItem, VoteTopic};

/// What the open vote is on, item by item. None when no vote is open.
pub fn vote_items(session: &Session, today: jiff::civil::Date) -> Option<Vec<VoteItem>> {
    if !session.votes.open {
        return None;
    }
    vote_items_of(session, today)
}

/// The items of the vote on record, open or closed: those it was opened on, or, for a vote
/// kept before Accord kept them, the audit's gaps as of `today` or the parking lot.
pub fn vote_items_of(session: &Session, today: jiff::civil::Date) -> Option<Vec<VoteItem>> {
    let votes = &session.votes;
    let on = votes.on?;
    if !votes.items.is_empty() {
        return Some(votes.items.clone());
    }
    Some(items_on(session, on, today))
}

/// What a vote on `topic` opened now would be on, from the session: the audit's gaps as of
/// `today`, or the parking lot's topics. The ICP's suggestions are not in the session (they
/// come from the customer data the window imported), so none are found here.
pub fn items_on(session: &Session, topic: VoteTopic, today: jiff::civil::Date) -> Vec<VoteItem> {
    match topic {
        VoteTopic::AuditGaps => {
            let mut items: Vec<VoteItem> = Vec::new();
            for gap in super::audit::gaps(session, today) {
                let key = format!("gap:{}", gap.key);
                if !items.iter().any(|i| i.key == key) {
                    items.push(VoteItem {
                        key,
                        text: gap.text,
                    });
                }
            }
            items
        }
        VoteTopic::ParkingLot => session
            .parking_lot
            .iter()
            .filter(|p| !p.text.trim().is_empty())
            .map(|p| VoteItem {
                key: format!("parking:{}", p.id.0),
                text: p.text.trim().to_owned(),
            })
            .collect(),
        VoteTopic::IcpSuggestions => Vec::new(),
    }
}
