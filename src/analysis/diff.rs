//! What changed between two reviews, step by step. Items are matched by what they mean (a
//! definition by its term, a stage by its name, an SLA by its teams and name, a rule by its
//! condition), never by the numeric ids each file hands out, so two files made apart still
//! compare.

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

fn icp(changes: &mut Changes, old: &Session, new: &Session) {
    const STEP: &str = "Ideal customer";
    changes.field(
        STEP,
        "ICP",
        "statement",
        old.icp.statement.clone(),
        new.icp.statement.clone(),
    );
    changes.items(
        STEP,
        &old.icp.criteria,
        &new.icp.criteria,
        |c| c.attribute.trim().to_owned(),
        |changes, item, a, b| {
            changes.field(
                STEP,
                item,
                "values",
                a.values.join(", "),
                b.values.join(", "),
            );
            changes.field(
                STEP,
                item,
                "importance",
                a.importance.label().into(),
                b.importance.label().into(),
            );
            changes.field(STEP, item, "why", a.rationale.clone(), b.rationale.clone());
        },
    );
    changes.items(
        STEP,
        &old.icp.anti_patterns,
        &new.icp.anti_patterns,
        |a| a.description.trim().to_owned(),
        |changes, item, a, b| {
            changes.field(
                STEP,
                item,
                "evidence",
                a.evidence.clone(),
                b.evidence.clone(),
            );
        },
    );
}

fn definitions(changes: &mut Changes, old: &Session, new: &Session) {
    const STEP: &str = "Shared definitions";
    changes.items(
        STEP,
        &old.definitions,
        &new.definitions,
        |d| d.term.trim().to_owned(),
        |changes, item, a, b| {
            changes.field(
                STEP,
                item,
                "definition",
                a.definition.clone(),
                b.definition.clone(),
            );
            changes.field(
                STEP,
                item,
                "who they are",
                lines(&a.criteria.firmographic),
                lines(&b.criteria.firmographic),
            );
            changes.field(
                STEP,
                item,
                "what they did",
                lines(&a.criteria.behavioural),
                lines(&b.criteria.behavioural),
            );
            changes.field(
                STEP,
                item,
                "verification points",
                lines(&a.criteria.verification),
                lines(&b.criteria.verification),
            );
            changes.field(STEP, item, "owner", team(old, a.owner), team(new, b.owner));
        },
    );
}

fn scoring(changes: &mut Changes, old: &Session, new: &Session) {
    const STEP: &str = "Lead scoring";
    let (a, b) = (&old.scoring, &new.scoring);
    changes.field(
        STEP,
        "MQL threshold",
        "points",
        a.threshold.to_string(),
        b.threshold.to_string(),
    );
    changes.items(
        STEP,
        &a.rules,
        &b.rules,
        |r| r.condition.describe(),
        |changes, item, a, b| {
            changes.field(
                STEP,
                item,
                "points",
                a.points.to_string(),
                b.points.to_string(),
            );
        },
    );
}

fn stages(changes: &mut Changes, old: &Session, new: &Session) {
    const STEP: &str = "Pipeline & ownership";
    let position = |session: &Session, name: &str| {
        session
            .stages
            .iter()
            .position(|s| s.name.trim().eq_ignore_ascii_case(name.trim()))
    };
    changes.items(
        STEP,
        &old.stages,
        &new.stages,
        |s| s.name.trim().to_owned(),
        |changes, item, a, b| {
            if let (Some(before), Some(after)) = (position(old, &a.name), position(new, &b.name))
                && before != after
            {
                changes.push(
                    STEP,
                    item,
                    "place",
                    Kind::Moved,
                    Some((before + 1).to_string()),
                    Some((after + 1).to_string()),
                );
            }
            changes.field(
                STEP,
                item,
                "definition",
                a.definition.clone(),
                b.definition.clone(),
            );
            changes.field(STEP, item, "owner", team(old, a.owner), team(new, b.owner));
            changes.field(
                STEP,
                item,
                "entry criteria",
                lines(&a.entry_criteria),
                lines(&b.entry_criteria),
            );
            changes.field(
                STEP,
                item,
                "verification",
                lines(&a.verification),
                lines(&b.verification),
            );
            changes.field(
                STEP,
                item,
                "exit criteria",
                lines(&a.exit_criteria),
                lines(&b.exit_criteria),
            );
            changes.field(
                STEP,
                item,
                "hands off to",
                team(old, a.handoff.to_team),
                team(new, b.handoff.to_team),
            );
            changes.field(
                STEP,
                item,
                "passed on by",
                a.handoff.responsible.clone(),
                b.handoff.responsible.clone(),
            );
            changes.field(
                STEP,
                item,
                "what travels",
                lines(&a.handoff.contents),
                lines(&b.handoff.contents),
            );
            let sla = |session: &Session, id| {
                session
                    .slas
                    .iter()
                    .find(|s| Some(s.id) == id)
                    .map_or("none".to_owned(), |s| s.name.trim().to_owned())
            };
            changes.field(
                STEP,
                item,
                "hand-off SLA",
                sla(old, a.handoff.sla),
                sla(new, b.handoff.sla),
            );
            // The RACI cells, by team name.
            let mut teams: Vec<String> = a.raci.keys().map(|t| team(old, Some(*t))).collect();
            teams.extend(b.raci.keys().map(|t| team(new, Some(*t))));
            teams.sort();
            teams.dedup();
            for name in teams {
                let cell = |session: &Session, stage: &crate::model::Stage| {
                    stage
                        .raci
                        .iter()
                        .find(|(t, _)| session.team_name(Some(**t)) == name)
                        .map_or("–".to_owned(), |(_, r)| r.letter().to_owned())
                };
                changes.field(
                    STEP,
                    item,
                    &format!("RACI {name}"),
                    cell(old, a),
                    cell(new, b),
                );
            }
        },
    );
}

fn slas(changes: &mut Changes, old: &Session, new: &Session) {
    const STEP: &str = "SLAs between teams";
    // The key needs each side's own team names.
    fn key(session: &Session, s: &crate::model::Sla) -> String {
        format!(
            "{} → {}: {}",
            session.team_name(s.from_team),
            session.team_name(s.to_team),
            s.name.trim()
        )
    }
    let old_keys: Vec<String> = old.slas.iter().map(|s| key(old, s)).collect();
    let new_keys: Vec<String> = new.slas.iter().map(|s| key(new, s)).collect();
    for (index, name) in old_keys.iter().enumerate() {
        if !new_keys.iter().any(|k| k.eq_ignore_ascii_case(name)) {
            changes.push(
                STEP,
                name,
                "",
                Kind::Removed,
                Some(old.slas[index].name.clone()),
                None,
            );
        }
    }
    for (index, name) in new_keys.iter().enumerate() {
        let b = &new.slas[index];
        let Some(at) = old_keys.iter().position(|k| k.eq_ignore_ascii_case(name)) else {
            changes.push(STEP, name, "", Kind::Added, None, Some(b.name.clone()));
            continue;
        };
        let a = &old.slas[at];
        let window = |s: &crate::model::Sla| {
            format!(
                "{} {}, from {}",
                s.when.amount,
                s.when.unit.label(),
                s.when.clock_starts.trim()
            )
        };
        changes.field(STEP, name, "what", a.what.clone(), b.what.clone());
        changes.field(STEP, name, "window", window(a), window(b));
        changes.field(STEP, name, "who", a.who.clone(), b.who.clone());
        changes.field(
            STEP,
            name,
            "measured by",
            a.how_measured.clone(),
            b.how_measured.clone(),
        );
        let target = |s: &crate::model::Sla| {
            s.target_percent
                .map_or("none".to_owned(), |t| format!("{t}%"))
        };
        changes.field(STEP, name, "target", target(a), target(b));
        let escalation = |s: &crate::model::Sla| {
            let e = &s.escalation;
            format!(
                "{} to {} after {}",
                e.action.trim(),
                e.to.trim(),
                e.after.trim()
            )
        };
        changes.field(STEP, name, "escalation", escalation(a), escalation(b));
    }
}

fn metrics(changes: &mut Changes, old: &Session, new: &Session) {
    const STEP: &str = "Unified metrics";
    changes.items(
        STEP,
        &old.metrics,
        &new.metrics,
        |m| m.name.trim().to_owned(),
        |changes, item, a, b| {
            changes.field(STEP, item, "target", a.target.clone(), b.target.clone());
            changes.field(STEP, item, "value", a.current.clone(), b.current.clone());
            changes.field(STEP, item, "owner", team(old, a.owner), team(new, b.owner));
        },
    );
}

fn meetings(changes: &mut Changes, old: &Session, new: &Session) {
    const STEP: &str = "Planning cadence";
    changes.items(
        STEP,
        &old.meetings,
        &new.meetings,
        |m| m.name.trim().to_owned(),
        |changes, item, a, b| {
            changes.field(
                STEP,
                item,
                "frequency",
                a.frequency.label().into(),
                b.frequency.label().into(),
            );
            let when = |m: &crate::model::Meeting| {
                format!(
                    "{} {} for {} min",
                    m.first_date.map(|d| d.to_string()).unwrap_or_default(),
                    m.start_time
                        .map(|t| t.strftime("%H:%M").to_string())
                        .unwrap_or_default(),
                    m.duration_minutes
                )
            };
            changes.field(STEP, item, "when", when(a), when(b));
            let attendees = |session: &Session, m: &crate::model::Meeting| {
                let mut names: Vec<&str> = m
                    .attendees
                    .iter()
                    .map(|t| session.team_name(Some(*t)))
                    .collect();
                names.sort_unstable();
                names.join(", ")
            };
            changes.field(
                STEP,
                item,
                "attendees",
                attendees(old, a),
                attendees(new, b),
            );
        },
    );
}

/// Each team's latest position on each agreement, then and now.
fn signatures(changes: &mut Changes, old: &Session, new: &Session) {
    const STEP: &str = "Signatures";
    let positions = |session: &Session| -> Vec<(String, String, String)> {
        let mut all = Vec::new();
        for agreement in session.agreements() {
            let Some(state) = session.agreement_state(agreement) else {
                continue;
            };
            let item = match agreement {
                Agreement::Icp | Agreement::Pipeline => state.name.clone(),
                _ => format!("{} {}", agreement.kind(), state.name),
            };
            for (team, standing) in &state.teams {
                let position = match standing {
                    Standing::NotYet => "not yet".to_owned(),
                    Standing::Current(s) => format!("{} by {}", s.position.name(), s.by.describe()),
                    Standing::Stale(s) if s.carried_over => {
                        format!(
                            "{} by {}, carried over to re-confirm",
                            s.position.name(),
                            s.by.describe()
                        )
                    }
                    Standing::Stale(s) => format!(
                        "{} by {}, on an earlier wording",
                        s.position.name(),
                        s.by.describe()
                    ),
                };
                all.push((
                    item.clone(),
                    session.team_name(Some(*team)).to_owned(),
                    position,
                ));
            }
        }
        all
    };
    let (before, after) = (positions(old), positions(new));
    for (item, team, now) in &after {
        let then = before
            .iter()
            .find(|(i, t, _)| i.eq_ignore_ascii_case(item) && t == team)
            .map_or("not yet".to_owned(), |(_, _, p)| p.clone());
        changes.field(STEP, item, team, then, now.clone());
    }
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
