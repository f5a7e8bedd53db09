//! What changed between two reviews, step by step. Items are matched by what they mean (a
//! definition by its term, a stage by its name, an SLA by its teams and name, a rule by its
//! condition), never by the numeric ids each file hands out, so two files made apart still
//! compare.

mod agreements;
mod cadence;

use agreements::{definitions, icp, scoring, stages};
use cadence::{meetings, metrics, signatures, slas};

use serde::Serialize;

use crate::model::{Agreement, Session, Standing, TeamId};

/// How an item or a field changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Added,
    Removed,
    Changed,
    /// A stage that moved in the pipeline's order.
    Moved,
}

/// One difference between the old review and the new.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The workshop step it belongs to: "Shared definitions".
    pub step: &'static str,
    /// The item: "MQL", "SQL", "Sales (SDR) → Marketing: MQL follow-up".
    pub item: String,
    /// The field that changed; empty when the item itself was added or removed.
    pub field: String,
    pub change: Kind,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Every difference from `old` to `new`, in the order of the workshop.
pub fn diff(old: &Session, new: &Session) -> Vec<Change> {
    let mut changes = Changes::default();
    icp(&mut changes, old, new);
    definitions(&mut changes, old, new);
    scoring(&mut changes, old, new);
    stages(&mut changes, old, new);
    slas(&mut changes, old, new);
    metrics(&mut changes, old, new);
    meetings(&mut changes, old, new);
    signatures(&mut changes, old, new);
    changes.0
}

#[derive(Default)]
struct Changes(Vec<Change>);

impl Changes {
    fn push(
        &mut self,
        step: &'static str,
        item: &str,
        field: &str,
        change: Kind,
        old: Option<String>,
        new: Option<String>,
    ) {
        self.0.push(Change {
            step,
            item: item.to_owned(),
            field: field.to_owned(),
            change,
            old,
            new,
        });
    }

    /// A field that changed, when its texts differ.
    fn field(&mut self, step: &'static str, item: &str, field: &str, old: String, new: String) {
        if old.trim() != new.trim() {
            self.push(step, item, field, Kind::Changed, Some(old), Some(new));
        }
    }

    /// Items of two lists matched by `key`: the added and the removed said, and each pair that
    /// is in both handed to `compare`.
    fn items<'a, T>(
        &mut self,
        step: &'static str,
        old: &'a [T],
        new: &'a [T],
        key: impl Fn(&T) -> String,
        mut compare: impl FnMut(&mut Self, &str, &'a T, &'a T),
    ) {
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
        for item in old {
            if !new.iter().any(|n| same(&key(n), &key(item))) {
                self.push(step, &key(item), "", Kind::Removed, Some(key(item)), None);
            }
        }
        for item in new {
            match old.iter().find(|o| same(&key(o), &key(item))) {
                Some(before) => compare(self, &key(item), before, item),
                None => self.push(step, &key(item), "", Kind::Added, None, Some(key(item))),
            }
        }
    }
}

fn lines(items: &[String]) -> String {
    items
        .iter()
        .map(|i| i.trim())
        .filter(|i| !i.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

fn team(session: &Session, id: Option<TeamId>) -> String {
    session.team_name(id).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Definition;

    fn two_reviews() -> (Session, Session) {
        let mut old = Session::default();
        old.add_team("Marketing");
        old.add_definition(Definition {
            term: "MQL".into(),
            definition: "A lead at 50 points.".into(),
            ..Definition::default()
        });
        let mut new = old.clone();
        new.definitions[0].definition = "A lead at 60 points.".into();
        (old, new)
    }

    #[test]
    fn a_changed_wording_is_one_change_and_an_unchanged_file_none() {
        let (old, new) = two_reviews();
        assert!(diff(&old, &old).is_empty());
        assert_eq!(
            diff(&old, &new),
            [Change {
                step: "Shared definitions",
                item: "MQL".into(),
                field: "definition".into(),
                change: Kind::Changed,
                old: Some("A lead at 50 points.".into()),
                new: Some("A lead at 60 points.".into()),
            }]
        );
    }

    #[test]
    fn items_are_matched_by_meaning_not_by_id() {
        let (old, mut new) = two_reviews();
        // The same term under another id, as a file made apart would have it.
        new.definitions[0].id = crate::model::DefinitionId(999);
        new.definitions[0].term = "mql".into();
        let changes = diff(&old, &new);
        assert_eq!(changes.len(), 1, "{changes:?}");
        new.definitions[0].term = "Marketing-qualified lead".into();
        let kinds: Vec<Kind> = diff(&old, &new).iter().map(|c| c.change).collect();
        assert_eq!(kinds, [Kind::Removed, Kind::Added]);
    }
}
