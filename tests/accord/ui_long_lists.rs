//! Long lists lay out only the rows in view (issue #10): a thousand action items must still be
//! read, edited and added to as a person scrolls to them.

use accord::app::{App, UiCommand};
use accord::model::Step;
use accord::storage;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use crate::ui::{app, press, retype, scroll_until_shown};

/// The sales-led template with a thousand action items and five hundred participants, opened.
fn long_session(data: &std::path::Path) -> Harness<'static, App> {
    let mut session = storage::templates::find("b2b-sales-led")
        .unwrap()
        .session()
        .unwrap();
    for n in 1..=1000 {
        session.add_action(Some(Step::Review), format!("Follow-up number {n}"));
    }
    for n in 1..=500 {
        let id = session.add_participant();
        let person = session
            .participants
            .iter_mut()
            .find(|p| p.id == id)
            .unwrap();
        person.name = format!("Person {n}");
    }
    let path = data.join("long.ron");
    storage::save(&path, &session).unwrap();
    app(data, Some(path))
}

#[test]
fn only_the_action_items_in_view_are_laid_out_and_the_last_is_reached_by_scrolling() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = long_session(data.path());
    press(&mut harness, Step::Review.label());

    let actions = harness.state().doc.session.actions.len();
    let last = format!("Action {actions}");
    assert!(harness.query_by_label("Action 1").is_some());
    // The window shows a handful; the thousandth does not exist until the page gets there.
    let laid_out = (1..=actions)
        .filter(|n| harness.query_by_label(&format!("Action {n}")).is_some())
        .count();
    assert!(
        laid_out < 40,
        "{laid_out} of {actions} action items laid out"
    );
    assert!(harness.query_by_label(&last).is_none());

    retype(
        &mut harness,
        &last,
        "Send the agreed definitions to the whole sales team",
    );
    let session = &harness.state().doc.session;
    assert_eq!(
        session.actions.last().unwrap().text,
        "Send the agreed definitions to the whole sales team"
    );

    // The button under the list, and the row it adds, are reached the same way.
    press(&mut harness, "+ Add action item");
    assert_eq!(harness.state().doc.session.actions.len(), actions + 1);
    retype(
        &mut harness,
        &format!("Action {}", actions + 1),
        "Book the review",
    );
    assert_eq!(
        harness.state().doc.session.actions.last().unwrap().text,
        "Book the review"
    );
}

#[test]
fn the_five_hundredth_participant_is_edited_after_scrolling_to_it() {
    let data = tempfile::tempdir().unwrap();
    // The session opens on its details.
    let mut harness = long_session(data.path());
    assert_eq!(harness.state().step, Step::Details);

    let count = harness.state().doc.session.participants.len();
    let name = format!("Participant {count} name");
    assert!(harness.query_by_label(&name).is_none());
    scroll_until_shown(&mut harness, &name);
    assert_eq!(
        harness.get_by_label(&name).value().as_deref(),
        Some("Person 500")
    );
    retype(&mut harness, &name, "Dana Whitfield");
    assert_eq!(
        harness
            .state()
            .doc
            .session
            .participants
            .last()
            .unwrap()
            .name,
        "Dana Whitfield"
    );
}

#[test]
fn drawing_any_page_copies_no_part_of_the_session() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = long_session(data.path());
    for step in Step::ALL {
        harness.state_mut().queue(UiCommand::GoTo(step));
        harness.run();
        let before = harness.state().doc.session.clone();
        // A few frames with the pointer over the page, nothing typed: the page hands its lists
        // to editable fields, and a list it did not edit stays the one the history holds.
        for _ in 0..3 {
            harness.hover_at(egui::pos2(700.0, 400.0));
            harness.step();
        }
        assert_eq!(
            harness.state().doc.session.parts_apart_from(&before),
            [],
            "{} copied parts of the session it did not change",
            step.label()
        );
    }
}
