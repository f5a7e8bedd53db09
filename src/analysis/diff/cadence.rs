//! What changed in the SLAs, the metrics, the meetings and the teams' signatures.

use super::{Agreement, Changes, Kind, Session, Standing, team};

pub(super) fn slas(changes: &mut Changes, old: &Session, new: &Session) {
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

pub(super) fn metrics(changes: &mut Changes, old: &Session, new: &Session) {
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

pub(super) fn meetings(changes: &mut Changes, old: &Session, new: &Session) {
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
pub(super) fn signatures(changes: &mut Changes, old: &Session, new: &Session) {
    const STEP: &str = "Signatures";
    let positions = |session: &Session| -> Vec<(String, String, String)> {
        let mut all = Vec::new();
        for agreement in session.agreements() {
            let Some(state) = session.agreement_state(agreement) else {
                continue;
            };
            let item = match agreement {
                Agreement::Icp | Agreement::Pipeline => state.name.clone(),
                _ => format!("{} ({})", state.name, agreement.kind_label().to_lowercase()),
            };
            for (team, standing) in &state.teams {
                let given = |s: &crate::model::Signature| {
                    format!("{}, by {}", s.position.label(), s.by.describe())
                };
                let position = match standing {
                    Standing::NotYet => "Not signed".to_owned(),
                    Standing::Current(s) => given(s),
                    Standing::Stale(s) if s.carried_over => {
                        format!("{}; carried over, to re-confirm", given(s))
                    }
                    Standing::Stale(s) => format!("{}; on an earlier wording", given(s)),
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
            .map_or("Not signed".to_owned(), |(_, _, p)| p.clone());
        changes.field(STEP, item, team, then, now.clone());
    }
}
