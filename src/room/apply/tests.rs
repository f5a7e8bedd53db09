//! What the room's submissions do to a session, and what they are refused.

use super::*;
use crate::edit::{MAX_PEOPLE, MAX_PROPOSALS, MAX_REASON, MAX_TEAM_PROPOSALS};
use crate::model::{Definition, text_hash};

fn room() -> (Session, Sender, Agreement) {
    let mut session = Session::default();
    let team = session.add_team("Marketing");
    let id: crate::model::DefinitionId = session.new_id();
    session.definitions.push(Definition {
        id,
        term: "MQL".into(),
        definition: "A lead above 50 points.".into(),
        owner: Some(team),
        ..Definition::default()
    });
    let sender = Sender {
        name: "Ana".into(),
        team,
    };
    (session, sender, Agreement::Definition(id))
}

#[test]
fn a_signature_on_the_text_seen_is_recorded_under_the_persons_name() {
    let (mut session, ana, mql) = room();
    let sha256 = text_hash(&session.canonical_text(mql).unwrap());
    let sign = Submission::Sign {
        agreement: mql,
        position: Position::Endorse,
        reason: String::new(),
        sha256,
    };
    apply(&mut session, &ana, &sign, jiff::Timestamp::UNIX_EPOCH).unwrap();
    let state = session.agreement_state(mql).unwrap();
    assert!(state.adopted);
    let signature = session.signatures_of(mql).unwrap().history.last().unwrap();
    assert_eq!(signature.by, Signer::Person("Ana".into()));
}

#[test]
fn a_signature_on_a_text_that_changed_is_refused_with_the_new_text() {
    let (mut session, ana, mql) = room();
    let seen = text_hash(&session.canonical_text(mql).unwrap());
    session.definitions[0].definition = "A lead above 60 points.".into();
    let sign = Submission::Sign {
        agreement: mql,
        position: Position::Endorse,
        reason: String::new(),
        sha256: seen,
    };
    let before = session.clone();
    match apply(&mut session, &ana, &sign, jiff::Timestamp::UNIX_EPOCH) {
        Err(Refusal::Stale { text, .. }) => assert!(text.contains("60 points")),
        other => panic!("{other:?}"),
    }
    assert_eq!(session, before, "nothing recorded");
}

#[test]
fn audit_answers_replace_the_persons_earlier_ones() {
    let (mut session, ana, _) = room();
    let mut answers = BTreeMap::new();
    answers.insert("follow-up-sla".to_owned(), Answer::No);
    let audit = Submission::Audit {
        answers: answers.clone(),
        recognised: BTreeSet::new(),
    };
    apply(&mut session, &ana, &audit, jiff::Timestamp::UNIX_EPOCH).unwrap();
    answers.insert("follow-up-sla".to_owned(), Answer::Yes);
    let again = Submission::Audit {
        answers,
        recognised: BTreeSet::new(),
    };
    apply(&mut session, &ana, &again, jiff::Timestamp::UNIX_EPOCH).unwrap();
    assert_eq!(session.audit.room.len(), 1);
    assert_eq!(
        session.audit.room[0].answers.get("follow-up-sla"),
        Some(&Answer::Yes)
    );
    let unknown = Submission::Audit {
        answers: BTreeMap::from([("made-up".to_owned(), Answer::Yes)]),
        recognised: BTreeSet::new(),
    };
    assert!(apply(&mut session, &ana, &unknown, jiff::Timestamp::UNIX_EPOCH).is_err());
}

#[test]
fn a_refused_submission_leaves_the_session_as_it_was() {
    let (mut session, ana, mql) = room();
    let sha256 = text_hash(&session.canonical_text(mql).unwrap());
    let stranger = Sender {
        name: "Eve".into(),
        team: TeamId(999),
    };
    let refused = [
        (
            &stranger,
            Submission::Propose {
                agreement: mql,
                wording: "Ours.".into(),
            },
        ),
        (
            &ana,
            Submission::Sign {
                agreement: mql,
                position: Position::Block,
                reason: String::new(),
                sha256: sha256.clone(),
            },
        ),
        (
            &ana,
            Submission::Sign {
                agreement: mql,
                position: Position::Disagree,
                reason: "r".repeat(MAX_REASON + 1),
                sha256,
            },
        ),
        (
            &ana,
            Submission::Propose {
                agreement: mql,
                wording: "   ".into(),
            },
        ),
        (
            &ana,
            Submission::Propose {
                agreement: Agreement::Pipeline,
                wording: "Ours.".into(),
            },
        ),
        (
            &ana,
            Submission::Vote {
                dots: BTreeMap::from([("gap:no-follow-up".to_owned(), 1)]),
            },
        ),
        (
            &ana,
            Submission::Audit {
                answers: BTreeMap::new(),
                recognised: BTreeSet::from(["made-up".to_owned()]),
            },
        ),
    ];
    let before = session.clone();
    for (from, what) in &refused {
        assert!(
            apply(&mut session, from, what, jiff::Timestamp::UNIX_EPOCH).is_err(),
            "{what:?}"
        );
        assert_eq!(session, before, "{what:?}");
    }
}

#[test]
fn what_a_phone_adds_is_bounded() {
    let (mut session, ana, mql) = room();
    let sha256 = text_hash(&session.canonical_text(mql).unwrap());
    let sign = Submission::Sign {
        agreement: mql,
        position: Position::Endorse,
        reason: String::new(),
        sha256,
    };
    for _ in 0..5 {
        apply(&mut session, &ana, &sign, jiff::Timestamp::UNIX_EPOCH).unwrap();
    }
    let history = &session.signatures_of(mql).unwrap().history;
    assert_eq!(history.len(), 1, "the same signature again adds nothing");

    for n in 0..MAX_TEAM_PROPOSALS + 3 {
        let propose = Submission::Propose {
            agreement: mql,
            wording: format!("Wording {n}"),
        };
        let result = apply(&mut session, &ana, &propose, jiff::Timestamp::UNIX_EPOCH);
        assert_eq!(result.is_ok(), n < MAX_TEAM_PROPOSALS, "{n}");
    }
    assert_eq!(
        session.definitions[0].proposals.len(),
        MAX_TEAM_PROPOSALS,
        "one team's phones cannot use up the agreement's {MAX_PROPOSALS} proposals"
    );

    for n in 0..MAX_PEOPLE + 2 {
        let person = Sender {
            name: format!("Person {n}"),
            team: ana.team,
        };
        let audit = Submission::Audit {
            answers: BTreeMap::new(),
            recognised: BTreeSet::new(),
        };
        let result = apply(&mut session, &person, &audit, jiff::Timestamp::UNIX_EPOCH);
        assert_eq!(result.is_ok(), n < MAX_PEOPLE, "{n}");
    }
}

/// Text at the caps: `len` characters drawn from what a hostile phone would send, from plain
/// letters to marks, private use and controls.
fn text_of(len: usize) -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        crate::edit::tests::any_text(),
        proptest::collection::vec(any::<char>(), len..=len + 10)
            .prop_map(|chars| chars.into_iter().collect()),
        proptest::collection::vec(
            prop_oneof![
                Just('x'),
                Just('\u{301}'),
                Just('\u{e01ef}'),
                Just('\u{100000}'),
                Just('\u{1b}'),
                Just('\r'),
                Just('\u{202e}'),
                Just('日'),
            ],
            len..=len + 10
        )
        .prop_map(|chars| chars.into_iter().collect()),
    ]
}

proptest::proptest! {
    #![proptest_config(crate::edit::tests::random_cases(48))]

    /// Whatever phones send, the session either refuses it unchanged or takes it, and the file
    /// it makes loads back as the same session.
    #[test]
    fn random_submissions_leave_a_session_that_saves_and_loads(
        sent in proptest::collection::vec(
            (0u8..4, proptest::prelude::any::<u16>(), text_of(crate::edit::MAX_NAME), text_of(MAX_REASON)),
            1..24,
        )
    ) {
        let mut session = crate::edit::tests::template();
        let agreements = session.agreements();
        let teams: Vec<TeamId> = session.teams.iter().map(|t| t.id).collect();
        let questions = crate::analysis::audit::QUESTIONS;
        for (kind, n, name, text) in sent {
            let Ok(name) = crate::edit::text::name(&name) else {
                continue;
            };
            let from = Sender { name, team: teams[usize::from(n) % teams.len()] };
            let agreement = agreements[usize::from(n) % agreements.len()];
            let what = match kind {
                0 => Submission::Sign {
                    agreement,
                    position: Position::ALL[usize::from(n) % Position::ALL.len()],
                    reason: text,
                    sha256: session
                        .canonical_text(agreement)
                        .map(|t| text_hash(&t))
                        .filter(|_| n % 7 != 0)
                        .unwrap_or_default(),
                },
                1 => Submission::Propose { agreement, wording: text },
                2 => Submission::Audit {
                    answers: questions
                        .iter()
                        .take(usize::from(n) % questions.len())
                        .map(|q| (q.key.to_owned(), Answer::Yes))
                        .collect(),
                    recognised: BTreeSet::new(),
                },
                _ => Submission::Vote { dots: BTreeMap::from([(text, 1)]) },
            };
            let before = session.clone();
            if apply(&mut session, &from, &what, jiff::Timestamp::UNIX_EPOCH).is_err() {
                proptest::prop_assert_eq!(&session, &before);
            }
        }
        let written = crate::storage::to_ron(&session).unwrap();
        let read = crate::storage::from_ron(&written).unwrap();
        proptest::prop_assert_eq!(read, session);
    }
}
