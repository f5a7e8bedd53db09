//! What changed in the ICP, the definitions, the scoring model and the pipeline.

use super::{Changes, Kind, Session, lines, team};

pub(super) fn icp(changes: &mut Changes, old: &Session, new: &Session) {
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

pub(super) fn definitions(changes: &mut Changes, old: &Session, new: &Session) {
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

pub(super) fn scoring(changes: &mut Changes, old: &Session, new: &Session) {
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

pub(super) fn stages(changes: &mut Changes, old: &Session, new: &Session) {
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
