//! What the window works out from the session and builds on the last version when only part
//! of it changed (the rail's overview, the room's card on the audit step): after random edits,
//! built on the last one, it is what working it out anew gives.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::{KINDS, any_text, arbitrary_edit, pick, random_cases, template};
use crate::edit::{AuditAnswers, Edit};
use crate::model::{Answer, Session, TeamId};

proptest! {
    #![proptest_config(random_cases(64))]

    #[test]
    fn the_overview_built_on_the_last_one_is_the_one_worked_out_anew(
        steps in prop::collection::vec((0..KINDS, any::<u16>(), any::<u16>(), any_text()), 1..40)
    ) {
        use crate::analysis::progress::Overview;
        let mut session = template();
        let mut today = jiff::civil::date(2026, 12, 3);
        let mut overview = Overview::of(&session, today);
        for (kind, a, b, text) in steps {
            // Half the time the audit changes alone, as it does while the room answers it: a
            // phone's answers (an edit), or the facilitator's (typed on the page, no edit).
            let edit = match a % 4 {
                0 => audit_answer(&session, a, b),
                1 => {
                    let key = crate::analysis::audit::QUESTIONS[usize::from(b) % 4].key;
                    let answers = &mut session.audit.answers;
                    if answers.remove(key).is_none() {
                        answers.insert(key.to_owned(), Answer::Yes);
                    }
                    Edit::RevealAudit(session.audit.revealed)
                }
                // A title typed or cleared: the details alone change.
                2 if b % 3 == 0 => {
                    let title = &mut session.meta.title;
                    *title = if title.is_empty() { text.clone() } else { String::new() };
                    Edit::RevealAudit(session.audit.revealed)
                }
                _ => arbitrary_edit(&session, kind, a, b, &text),
            };
            let _ = session.apply(edit.clone());
            if b % 8 == 0 {
                today = today.tomorrow().unwrap_or(today);
            }
            let after = Overview::after(&overview, &session, today);
            prop_assert!(after == Overview::of(&session, today), "after {:?}", edit);
            overview = after;
        }
    }

    #[test]
    fn the_room_card_built_on_the_last_one_is_the_one_counted_anew(
        steps in prop::collection::vec((0..KINDS, any::<u16>(), any::<u16>(), any_text()), 1..60)
    ) {
        use crate::analysis::room_audit::RoomCard;
        let mut session = template();
        let mut card = RoomCard::of(&session);
        for (kind, a, b, text) in steps {
            // Mostly the phones' answers, among every other kind of edit.
            let edit = if a % 4 == 3 {
                arbitrary_edit(&session, kind, a, b, &text)
            } else {
                audit_answer(&session, a, b)
            };
            let _ = session.apply(edit.clone());
            let after = RoomCard::after(&card, &session);
            let anew = RoomCard::of(&session);
            // Compared without printing: the card holds the session it was counted from.
            prop_assert!(format!("{after:?}") == format!("{anew:?}"), "after {:?}", edit);
            card = after;
        }
    }
}

/// One of five people's answer to one of the audit's yes-or-no questions.
fn audit_answer(session: &Session, a: u16, b: u16) -> Edit {
    use crate::analysis::audit::{QUESTIONS, QuestionKind};
    let questions: Vec<_> = QUESTIONS
        .iter()
        .filter(|q| q.kind == QuestionKind::YesNo)
        .collect();
    let teams: Vec<TeamId> = session.teams.iter().map(|t| t.id).collect();
    let answer = [Answer::Yes, Answer::No, Answer::DontKnow][usize::from(b) % 3];
    Edit::AnswerAudit(Box::new(AuditAnswers {
        name: format!("Person {}", a % 5),
        team: pick(&teams, a / 5),
        answers: BTreeMap::from([(
            questions[usize::from(b) % questions.len()].key.to_owned(),
            answer,
        )]),
        recognised: if b.is_multiple_of(5) {
            BTreeSet::from([crate::analysis::audit::SYMPTOMS[usize::from(a) % 3]
                .key
                .to_owned()])
        } else {
            BTreeSet::new()
        },
    }))
}
