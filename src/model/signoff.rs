//! Each team's sign-off on an agreement.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ids::TeamId;

/// One team's position on an agreement.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignOff {
    /// The team has not given its position yet.
    #[default]
    NotYet,
    /// The team agrees to the text as written.
    Agreed,
    /// The team objects, and says why.
    Objects { reason: String },
}

/// Sign-offs by team. A team missing from the map has not signed yet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SignOffs(pub BTreeMap<TeamId, SignOff>);

impl SignOffs {
    /// The position of `team`, `NotYet` when it has none.
    pub fn get(&self, team: TeamId) -> &SignOff {
        self.0.get(&team).unwrap_or(&SignOff::NotYet)
    }

    /// Records the position of `team`; `NotYet` is stored as absence.
    pub fn set(&mut self, team: TeamId, sign_off: SignOff) {
        if sign_off == SignOff::NotYet {
            self.0.remove(&team);
        } else {
            self.0.insert(team, sign_off);
        }
    }

    /// True when every team in `required` has agreed (and there is at least one).
    pub fn agreed_by_all(&self, required: impl IntoIterator<Item = TeamId>) -> bool {
        let mut any = false;
        for team in required {
            any = true;
            if *self.get(team) != SignOff::Agreed {
                return false;
            }
        }
        any
    }

    /// Sends every team back to "not yet", as after the text changed. Returns true when some
    /// team had given a position, so the room can be told why it is asked again.
    pub fn reset(&mut self) -> bool {
        let had_any = !self.0.is_empty();
        self.0.clear();
        had_any
    }

    /// How many of `required` have agreed.
    pub fn agreed_count(&self, required: impl IntoIterator<Item = TeamId>) -> usize {
        required
            .into_iter()
            .filter(|team| *self.get(*team) == SignOff::Agreed)
            .count()
    }

    /// How many of `required` object.
    pub fn objections(&self, required: impl IntoIterator<Item = TeamId>) -> usize {
        required
            .into_iter()
            .filter(|team| matches!(self.get(*team), SignOff::Objects { .. }))
            .count()
    }

    /// Forgets the position of a team that left the workshop.
    pub fn forget(&mut self, team: TeamId) {
        self.0.remove(&team);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreed_only_when_every_required_team_agreed() {
        let (a, b) = (TeamId(1), TeamId(2));
        let mut sign_offs = SignOffs::default();
        assert!(!sign_offs.agreed_by_all([a, b]));
        sign_offs.set(a, SignOff::Agreed);
        assert!(!sign_offs.agreed_by_all([a, b]));
        sign_offs.set(
            b,
            SignOff::Objects {
                reason: "too broad".into(),
            },
        );
        assert!(!sign_offs.agreed_by_all([a, b]));
        sign_offs.set(b, SignOff::Agreed);
        assert!(sign_offs.agreed_by_all([a, b]));
        assert!(!sign_offs.agreed_by_all([]), "nobody signed nothing");
        assert_eq!(sign_offs.agreed_count([a, b]), 2);
        assert!(sign_offs.reset(), "someone had signed");
        assert_eq!(*sign_offs.get(a), SignOff::NotYet);
        assert!(!sign_offs.reset(), "nobody left to send back");
    }

    #[test]
    fn not_yet_is_stored_as_absence() {
        let mut sign_offs = SignOffs::default();
        sign_offs.set(TeamId(3), SignOff::Agreed);
        sign_offs.set(TeamId(3), SignOff::NotYet);
        assert!(sign_offs.0.is_empty());
    }
}
