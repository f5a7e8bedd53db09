//! The alignment audit's answers. The questions themselves live with the audit screen's analysis.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// An answer to an audit question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    Yes,
    No,
    DontKnow,
}

/// What the room said during the alignment audit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Audit {
    /// Keys of the symptoms the room recognised.
    pub recognised: BTreeSet<String>,
    /// Answers to the yes/no questions, by question key.
    pub answers: BTreeMap<String, Answer>,
    /// When Product and Sales last met about customer feedback.
    pub last_product_sales_sync: Option<Date>,
    pub notes: String,
    /// Each participant's own answers, sent from their phone in the room.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub room: Vec<super::Shared<RoomAnswers>>,
    /// Whether the facilitator showed the room's answers, team by team; until then each
    /// participant's answers are seen by nobody else.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub revealed: bool,
    /// Where each person's answers are in `room`: see [`Seats`].
    #[serde(skip)]
    pub seats: Seats,
}

/// Where each person's answers were last found in [`Audit::room`], by team and name as the
/// edits compare names: a person answering again is found without reading the room's other
/// answers. Worked out as answers arrive and shared by the audit's copies (its undo steps
/// included); never saved, never compared. A seat is a hint: whoever uses it checks the room
/// holds that person there, since an undo step or another edit may have moved them.
#[derive(Clone, Default)]
pub struct Seats(Arc<Mutex<HashMap<(super::TeamId, String), usize>>>);

impl Seats {
    /// Where the person `key` was last found.
    pub fn get(&self, key: &(super::TeamId, String)) -> Option<usize> {
        self.lock().get(key).copied()
    }

    /// The person `key` is at `index` now. Past `at_most` people the seats start again from
    /// nobody: a room whose answers were undone and answered again by others would otherwise
    /// keep the seats of everyone it ever held.
    pub fn set(&self, key: (super::TeamId, String), index: usize, at_most: usize) {
        let mut seats = self.lock();
        if seats.len() >= at_most && !seats.contains_key(&key) {
            seats.clear();
        }
        seats.insert(key, index);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(super::TeamId, String), usize>> {
        // The map is only ever a hint: one left by a thread that panicked is as good.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl PartialEq for Seats {
    /// Seats are a hint about the room, not part of the audit.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for Seats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Seats")
    }
}

/// One participant's answers to the audit, given in the room.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoomAnswers {
    /// The name they joined with.
    pub name: String,
    pub team: Option<super::TeamId>,
    /// Answers to the yes/no questions, by question key.
    pub answers: BTreeMap<String, Answer>,
    /// Keys of the symptoms they recognised.
    pub recognised: BTreeSet<String>,
}

#[cfg(test)]
mod tests {
    use super::Seats;
    use crate::model::TeamId;

    #[test]
    fn seats_start_again_from_nobody_past_their_limit() {
        let seats = Seats::default();
        let person = |name: &str| (TeamId::from(1), name.to_owned());
        seats.set(person("ana"), 0, 2);
        seats.set(person("ben"), 1, 2);
        seats.set(person("ana"), 2, 2);
        assert_eq!(
            seats.get(&person("ana")),
            Some(2),
            "a person seated again moves"
        );
        assert_eq!(seats.get(&person("ben")), Some(1));
        seats.set(person("cleo"), 3, 2);
        assert_eq!(seats.get(&person("cleo")), Some(3));
        assert_eq!(
            seats.get(&person("ana")),
            None,
            "past two, the others' seats went"
        );
        assert_eq!(seats.get(&person("ben")), None);
    }
}
