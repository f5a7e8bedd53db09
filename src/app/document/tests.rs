use std::time::{Duration, Instant};

use super::*;

#[test]
fn unsaved_is_derived_from_the_file() {
    let mut doc = Document::opened(
        Session::default(),
        PathBuf::from("a.ron"),
        Fingerprint::of(b""),
    );
    assert!(!doc.is_unsaved());
    let revision = doc.revision();
    doc.session.meta.title = "Changed".into();
    doc.observe();
    assert!(doc.is_unsaved());
    assert_ne!(doc.revision(), revision);
    doc.session.meta.title.clear();
    doc.observe();
    assert!(!doc.is_unsaved(), "typing and deleting is no change");

    let mut fresh = Document::new_from(Session::default());
    assert!(!fresh.is_unsaved(), "an untouched template loses nothing");
    assert!(!fresh.has_file());
    assert_ne!(
        fresh.revision(),
        doc.revision(),
        "revisions are never shared"
    );
    fresh.session.meta.title = "Mine".into();
    fresh.observe();
    assert!(fresh.is_unsaved());
    let path = PathBuf::from("mine.ron");
    fresh.mark_saved(&path, Fingerprint::of(b"mine"));
    assert!(!fresh.is_unsaved(), "saving makes the file the baseline");

    let restored = Document::recovered(Session::default(), None, None);
    assert!(restored.is_unsaved(), "restored work is held nowhere else");
}

#[test]
fn a_nan_read_from_a_file_is_not_an_edit() {
    // NaN != NaN as numbers; a document holding one must still equal itself, or it would
    // look edited forever and repaint every frame.
    let mut session = Session::default();
    session.slas.push(crate::model::Sla {
        target_percent: Some(f64::NAN),
        ..Default::default()
    });
    let mut doc = Document::opened(session, PathBuf::from("a.ron"), Fingerprint::of(b""));
    let revision = doc.revision();
    doc.observe();
    doc.feed_history(0.0);
    assert!(!doc.is_unsaved());
    assert_eq!(doc.revision(), revision);
    doc.session.slas[0].target_percent = Some(-f64::NAN);
    doc.observe();
    assert!(doc.is_unsaved(), "a different NaN is a different file");
}

#[test]
fn a_long_title_is_shortened_for_the_title_bar() {
    let mut doc = Document::new_from(Session::default());
    assert_eq!(doc.display_name(), "Untitled workshop");
    doc.session.meta.title = "Q3 alignment".into();
    assert_eq!(doc.display_name(), "Q3 alignment");
    doc.session.meta.title = "é".repeat(10_000);
    assert_eq!(doc.display_name(), format!("{}…", "é".repeat(48)));
}

#[test]
fn a_burst_of_typing_is_one_undo_step() {
    let mut doc = Document::new_from(Session::default());
    doc.feed_history(0.0);
    for (i, text) in ["Q", "Q3", "Q3 day"].into_iter().enumerate() {
        doc.session.meta.title = text.into();
        doc.feed_history(0.1 * (i + 1) as f64);
    }
    assert!(doc.can_undo());
    assert!(!doc.can_redo());
    assert!(doc.undo());
    assert_eq!(doc.session.meta.title, "");
    assert!(doc.can_redo());
    assert!(doc.redo());
    assert_eq!(doc.session.meta.title, "Q3 day");
    assert!(!doc.can_redo());
}

#[test]
fn each_edit_is_one_undo_step() {
    let mut doc = Document::new_from(Session::default());
    doc.feed_history(0.0);
    doc.apply(Edit::AddTeam("Marketing".into())).unwrap();
    doc.apply(Edit::AddTeam("Sales".into())).unwrap();
    assert!(doc.undo());
    assert_eq!(doc.session.teams.len(), 1);
    assert!(doc.undo());
    assert!(doc.session.teams.is_empty());
    assert!(!doc.undo());
}

proptest::proptest! {
    #![proptest_config(crate::edit::tests::random_cases(48))]

    /// Every kind of edit, in any order, undone step by step, gives back the session it
    /// started from; redone, the session it ended with.
    #[test]
    fn undoing_every_edit_restores_the_start(
        steps in proptest::collection::vec(
            (0..crate::edit::tests::KINDS, proptest::prelude::any::<u16>(), proptest::prelude::any::<u16>(), crate::edit::tests::any_text()),
            1..30,
        )
    ) {
        let start = crate::edit::tests::template();
        let mut doc = Document::new_from(start.clone());
        doc.feed_history(0.0);
        let mut changes = 0;
        for (kind, a, b, text) in steps {
            let edit = crate::edit::tests::arbitrary_edit(&doc.session, kind, a, b, &text);
            if doc.apply(edit).is_ok_and(|applied| applied.changed()) {
                changes += 1;
            }
        }
        let end = doc.session.clone();
        let mut undone = 0;
        while doc.undo() {
            undone += 1;
        }
        proptest::prop_assert!(doc.session == start, "undone, the session is not the start");
        proptest::prop_assert_eq!(undone, changes, "one undo step per edit that changed something");
        while doc.redo() {}
        proptest::prop_assert!(doc.session == end, "redone, the session is not the end");
    }
}

#[test]
fn an_undo_step_holds_only_what_its_edit_changed() {
    let mut doc = Document::new_from(crate::edit::tests::template());
    doc.feed_history(0.0);
    let before = doc.session.clone();
    doc.apply(Edit::AddTeam("Partnerships".into())).unwrap();
    doc.observe();
    assert_eq!(
        doc.session.parts_apart_from(&before),
        [("teams", false)],
        "the edit copied the teams and shares every other part"
    );
    assert!(doc.undo());
    assert!(
        doc.session.parts_apart_from(&before).is_empty(),
        "undone, the session holds the very parts it held before: the history kept pointers"
    );
}

#[test]
fn a_part_written_through_mut_and_left_as_it_was_is_shared_again() {
    let mut doc = Document::new_from(crate::edit::tests::template());
    doc.feed_history(0.0);
    let before = doc.session.clone();
    let revision = doc.revision();
    // What a page does when it hands a list to widgets that could edit it: the list is copied.
    for team in &mut doc.session.teams {
        team.name.push('!');
        team.name.pop();
    }
    assert_eq!(doc.session.parts_apart_from(&before), [("teams", true)]);
    doc.observe();
    assert!(
        doc.session.parts_apart_from(&before).is_empty(),
        "the copy, still equal, gave way to the shared part"
    );
    assert_eq!(doc.revision(), revision, "and nothing changed");
    assert!(!doc.can_undo());
}

#[test]
fn a_refused_edit_leaves_no_undo_step() {
    let mut doc = Document::new_from(Session::default());
    doc.feed_history(0.0);
    let before = doc.session.clone();
    let refused = doc.apply(Edit::RemoveTeam(crate::model::TeamId(7)));
    assert!(matches!(refused, Err(EditError::Gone(_))));
    assert_eq!(doc.session, before);
    doc.observe();
    assert!(!doc.can_undo(), "nothing happened, so nothing to undo");
    let unchanged = doc.apply(Edit::RevealAudit(false)).unwrap();
    assert_eq!(unchanged, Applied::Unchanged);
    doc.observe();
    assert!(!doc.can_undo(), "an edit that changes nothing is no step");
}

#[test]
fn edits_that_arrive_together_are_one_undo_step_and_a_refused_one_leaves_the_others() {
    let mut doc = Document::new_from(Session::default());
    doc.feed_history(0.0);
    doc.apply(Edit::AddTeam("Marketing".into())).unwrap();
    let edits = [
        ("first", Edit::AddTeam("Sales".into())),
        ("refused", Edit::RemoveTeam(crate::model::TeamId(7))),
        ("second", Edit::AddTeam("Finance".into())),
    ];
    let mut heard = Vec::new();
    doc.apply_together(edits, Instant::now(), |name, result, session| {
        heard.push((name, result.is_ok(), session.teams.len()));
    });
    assert_eq!(
        heard,
        [
            ("first", true, 2),
            ("refused", false, 2),
            ("second", true, 3)
        ],
        "each heard with the session as it left it"
    );
    assert!(doc.undo());
    assert_eq!(
        doc.session.teams.len(),
        1,
        "one step back undoes the batch and keeps the edit before it"
    );
    assert!(doc.undo());
    assert!(doc.session.teams.is_empty());

    // A batch that changes nothing is no step.
    let mut doc = Document::new_from(Session::default());
    doc.feed_history(0.0);
    doc.apply_together(
        [((), Edit::RevealAudit(false))],
        Instant::now(),
        |_, result, _| {
            assert_eq!(result, Ok(Applied::Unchanged));
        },
    );
    doc.observe();
    assert!(!doc.can_undo());
}

#[test]
fn a_burst_of_arrivals_is_one_undo_step_until_a_pause_or_another_edit() {
    let team = |doc: &mut Document, name: &str, at: Instant| {
        doc.apply_together([((), Edit::AddTeam(name.into()))], at, |_, result, _| {
            assert!(result.is_ok());
        });
        doc.feed_history(0.0);
    };
    let teams = |doc: &Document| {
        doc.session
            .teams
            .iter()
            .map(|t| t.name.clone())
            .collect::<Vec<_>>()
    };
    let start = Instant::now();
    let mut doc = Document::new_from(Session::default());
    doc.feed_history(0.0);
    doc.apply(Edit::AddTeam("Marketing".into())).unwrap();
    doc.feed_history(0.0);
    // Three frames' arrivals a sixtieth of a second apart: one burst.
    for (n, name) in ["Sales", "Finance", "Product"].into_iter().enumerate() {
        team(&mut doc, name, start + Duration::from_millis(17 * n as u64));
    }
    // After a pause, a burst of its own.
    team(&mut doc, "Success", start + Duration::from_secs(3));
    // The facilitator's edit between two arrivals ends the burst too.
    doc.apply(Edit::AddTeam("Partners".into())).unwrap();
    doc.feed_history(0.0);
    team(&mut doc, "Legal", start + Duration::from_millis(3_010));
    assert!(doc.undo());
    assert_eq!(
        teams(&doc).last().map(String::as_str),
        Some("Partners"),
        "the arrival after the facilitator's edit is a step of its own"
    );
    assert!(doc.undo());
    assert!(doc.undo());
    assert_eq!(
        teams(&doc),
        ["Marketing", "Sales", "Finance", "Product"],
        "the burst after a pause is a step of its own"
    );
    assert!(doc.undo());
    assert_eq!(
        teams(&doc),
        ["Marketing"],
        "the three frames' arrivals are one step, and the edit before them stays"
    );
}
