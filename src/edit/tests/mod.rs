//! Every edit kind against a real template: a refused edit leaves the session byte for byte as
//! it was, an edit that says it changed nothing changed nothing, and what the edits leave
//! saves and loads back.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::{Applied, AuditAnswers, Capture, Dots, Edit, FunnelKeep, Record, Signing};
use crate::model::{
    Agreement, Answer, Condition, Criterion, DefinitionLines, Lines, Position, Session, Signer,
    SlaFigures, StageLines, TeamId, VoteItem, VoteTopic, text_hash,
};

mod cases;
mod derived;

/// A property's configuration: `cases` random cases, and no seed files of failures, since
/// the repository keeps no folder for them beside `src`.
pub(crate) fn random_cases(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// How many kinds of edit [`arbitrary_edit`] makes: every variant of [`Edit`].
pub(crate) const KINDS: u8 = 52;

/// The product-led template, with every kind of item an edit can name.
pub(crate) fn template() -> Session {
    let template = crate::storage::templates::find("product-led");
    template.and_then(|t| t.session().ok()).unwrap_or_default()
}

/// Picks the `n`th of `ids` (wrapping), or an id no item has when there are none or `n` asks
/// for one: edits that name what is gone must be refused cleanly.
fn pick<T: Copy + From<u64>>(ids: &[T], n: u16) -> T {
    if ids.is_empty() || n % 11 == 10 {
        T::from(999_999)
    } else {
        ids[usize::from(n) % ids.len()]
    }
}

/// An edit of kind `kind` on what `session` holds now, with `a` and `b` choosing the items and
/// numbers and `text` any text, random Unicode included.
pub(crate) fn arbitrary_edit(session: &Session, kind: u8, a: u16, b: u16, text: &str) -> Edit {
    let teams: Vec<TeamId> = session.teams.iter().map(|t| t.id).collect();
    let team = pick(&teams, a);
    let maybe_team = (!a.is_multiple_of(3)).then_some(team);
    let agreements = session.agreements();
    let agreement = if agreements.is_empty() || b % 13 == 12 {
        Agreement::Sla(crate::model::SlaId(999_999))
    } else {
        agreements[usize::from(b) % agreements.len()]
    };
    let definitions: Vec<_> = session.definitions.iter().map(|d| d.id).collect();
    let stages: Vec<_> = session.stages.iter().map(|s| s.id).collect();
    let slas: Vec<_> = session.slas.iter().map(|s| s.id).collect();
    let index = usize::from(b % 7);
    let at = jiff::Timestamp::from_second(1_800_000_000 + i64::from(a)).unwrap_or_default();
    let today = jiff::civil::date(2026, 12, 3);
    let hash = session
        .canonical_text(agreement)
        .map(|text| text_hash(&text))
        .unwrap_or_default();
    let lines = if a.is_multiple_of(2) {
        Lines::Definition(pick(&definitions, b), DefinitionLines::Verification)
    } else {
        Lines::Stage(pick(&stages, b), StageLines::Exit)
    };
    let name = format!("Person {}", a % 5);
    match kind % KINDS {
        0 => Edit::AddTeam(text.to_owned()),
        1 => Edit::RemoveTeam(team),
        2 => Edit::AddParticipant,
        3 => Edit::RemoveParticipant(pick(
            &session
                .participants
                .iter()
                .map(|p| p.id)
                .collect::<Vec<_>>(),
            a,
        )),
        4 => Edit::AddCriterion(Box::new(Criterion {
            attribute: text.to_owned(),
            ..Criterion::default()
        })),
        5 => Edit::RemoveCriterion(pick(
            &session
                .icp
                .criteria
                .iter()
                .map(|c| c.id)
                .collect::<Vec<_>>(),
            a,
        )),
        6 => Edit::RejectSuggestion(text.to_owned()),
        7 => Edit::AddAntiPattern,
        8 => Edit::RemoveAntiPattern(pick(
            &session
                .icp
                .anti_patterns
                .iter()
                .map(|x| x.id)
                .collect::<Vec<_>>(),
            a,
        )),
        9 => Edit::AddRule(Condition::default()),
        10 => Edit::RemoveRule(pick(
            &session
                .scoring
                .rules
                .iter()
                .map(|r| r.id)
                .collect::<Vec<_>>(),
            a,
        )),
        11 => Edit::AddDefinition(Box::default()),
        12 => Edit::RemoveDefinition(pick(&definitions, a)),
        13 => Edit::AddProposal(agreement),
        14 => Edit::Propose {
            agreement,
            team,
            wording: text.to_owned(),
        },
        15 => Edit::RemoveProposal(agreement, index),
        16 => Edit::UseProposal(agreement, index),
        17 => Edit::AddLine(lines),
        18 => Edit::RemoveLine(lines, index),
        19 => Edit::AddStage,
        20 => Edit::SetStageOwner(pick(&stages, a), maybe_team),
        21 => Edit::MoveStage(pick(&stages, a), isize::from((b % 5) as u8) - 2),
        22 => Edit::RemoveStage(pick(&stages, a)),
        23 => Edit::KeepFunnelCounts(Box::new(FunnelKeep {
            counts: stages.iter().map(|s| (*s, u64::from(a))).collect(),
            source: None,
            period: b.is_multiple_of(2).then(|| text.to_owned()),
        })),
        24 => Edit::AddSla(maybe_team, Some(pick(&teams, b))),
        25 => Edit::RemoveSla(pick(&slas, a)),
        26 => Edit::AddHoliday(pick(&slas, a), today),
        27 => Edit::RemoveHoliday(pick(&slas, a), index),
        28 => Edit::KeepSlaFigures(
            pick(&slas, a),
            Box::new(SlaFigures {
                judged: u64::from(b),
                ..SlaFigures::default()
            }),
        ),
        29 => Edit::AddFeedbackLoop(maybe_team, Some(pick(&teams, b))),
        30 => Edit::RemoveFeedbackLoop(pick(
            &session
                .feedback_loops
                .iter()
                .map(|f| f.id)
                .collect::<Vec<_>>(),
            a,
        )),
        31 => Edit::SetReviewBy(agreement, a.is_multiple_of(2).then_some(today)),
        32 => Edit::Sign(Box::new(Signing {
            agreement,
            team,
            position: Position::ALL[usize::from(a) % Position::ALL.len()],
            by: Signer::Person(name),
            reason: text.to_owned(),
            at,
            seen_sha256: (!b.is_multiple_of(3)).then(|| hash.clone()),
        })),
        33 => Edit::AddMetric,
        34 => Edit::RemoveMetric(pick(
            &session.metrics.iter().map(|m| m.id).collect::<Vec<_>>(),
            a,
        )),
        35 => Edit::AddNorthStar(text.to_owned()),
        36 => Edit::AddMeeting,
        37 => Edit::RemoveMeeting(pick(
            &session.meetings.iter().map(|m| m.id).collect::<Vec<_>>(),
            a,
        )),
        38 => Edit::Record(Box::new(Record {
            kind: Capture::ALL[usize::from(a) % 3],
            step: None,
            text: text.to_owned(),
            gap: None,
        })),
        39 => Edit::RemoveDecision(pick(
            &session.decisions.iter().map(|d| d.id).collect::<Vec<_>>(),
            a,
        )),
        40 => Edit::RemoveAction(pick(
            &session.actions.iter().map(|x| x.id).collect::<Vec<_>>(),
            a,
        )),
        41 => Edit::RemoveParked(pick(
            &session.parking_lot.iter().map(|p| p.id).collect::<Vec<_>>(),
            a,
        )),
        42 => Edit::AddAgendaItem,
        43 => Edit::RemoveAgendaItem(pick(
            &session
                .agenda
                .items
                .iter()
                .map(|i| i.id)
                .collect::<Vec<_>>(),
            a,
        )),
        44 => Edit::AnswerAudit(Box::new(AuditAnswers {
            name,
            team,
            answers: BTreeMap::from([(
                if b.is_multiple_of(4) {
                    text
                } else {
                    "follow-up-sla"
                }
                .to_owned(),
                Answer::No,
            )]),
            recognised: BTreeSet::new(),
        })),
        45 => Edit::RevealAudit(a.is_multiple_of(2)),
        46 => Edit::StartVote {
            on: VoteTopic::ParkingLot,
            dots: (b % 7) as u8,
            items: (0..a % 3)
                .map(|n| VoteItem {
                    key: format!("item:{n}"),
                    text: text.to_owned(),
                })
                .collect(),
        },
        47 => Edit::Vote(Box::new(Dots {
            name,
            team,
            dots: BTreeMap::from([(format!("item:{}", b % 3), (a % 5) as u8)]),
            today,
        })),
        48 => Edit::EndVote,
        49 => Edit::RevealVotes(a.is_multiple_of(2)),
        50 => Edit::AddTeam(String::new()),
        _ => Edit::Sign(Box::new(Signing {
            agreement,
            team,
            position: Position::Endorse,
            by: Signer::Facilitator,
            reason: String::new(),
            at,
            seen_sha256: None,
        })),
    }
}

/// Text as a phone might send it: ordinary words, nothing, or any Unicode at all.
pub(crate) fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[A-Za-z ]{1,20}",
        any::<String>(),
        "\\PC{0,300}",
    ]
}

proptest! {
    #![proptest_config(random_cases(64))]

    #[test]
    fn a_refused_edit_changes_nothing_and_an_applied_one_says_so(
        steps in prop::collection::vec((0..KINDS, any::<u16>(), any::<u16>(), any_text()), 1..40)
    ) {
        let mut session = template();
        for (kind, a, b, text) in steps {
            let edit = arbitrary_edit(&session, kind, a, b, &text);
            let before = session.clone();
            match session.apply(edit.clone()) {
                // Compared without printing: a whole session is thousands of lines.
                Err(_) | Ok(Applied::Unchanged) => prop_assert!(session == before, "{:?} changed the session", edit),
                Ok(_) => prop_assert!(session != before, "{:?} said it changed the session", edit),
            }
            // A session equals another when its file would: equality is the history's test
            // of change, and compares its parts in its own order.
            let file = |session: &Session| crate::storage::to_ron(session).map_err(|e| e.to_string());
            prop_assert!((session == before) == (file(&session) == file(&before)), "{:?}", edit);
            // An edit copies only the parts it changes: the undo step it makes shares the rest.
            let copied_for_nothing: Vec<_> = session
                .parts_apart_from(&before)
                .into_iter()
                .filter_map(|(part, same)| same.then_some(part))
                .collect();
            prop_assert!(copied_for_nothing.is_empty(), "{:?} copied {:?} and left it as it was", edit, copied_for_nothing);
        }
        let text = crate::storage::to_ron(&session);
        prop_assert!(text.is_ok(), "{:?}", text.err());
        let loaded = crate::storage::from_ron(&text.unwrap_or_default());
        prop_assert!(loaded.is_ok(), "{:?}", loaded.err());
    }
}

#[test]
fn every_kind_of_edit_is_made_by_the_generator() {
    let session = template();
    let mut seen = std::collections::HashSet::new();
    for kind in 0..KINDS {
        let edit = arbitrary_edit(&session, kind, 1, 1, "x");
        seen.insert(std::mem::discriminant(&edit));
    }
    // Two kinds repeat on purpose (a nameless team, a facilitator's endorsement).
    assert_eq!(seen.len(), usize::from(KINDS) - 2);
}
