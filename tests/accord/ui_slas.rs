//! The SLA step as a facilitator uses it: write a commitment field by field until it is
//! complete, have both teams sign, and measure it on exported events.

use std::sync::Arc;

use accord::analysis::sla;
use accord::app::App;
use accord::app::slas::Phase;
use accord::model::{Agreement, Step};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _, by};

use crate::ui::{Dropped, app, pick, press, retype, start_sales_led, step_until};
use crate::ui_scoring::set_number;

const COMPLETE: &str = "Complete: time-bound, measurable, with an escalation";

/// The status line under an SLA's name, as the room reads it on screen.
fn status_of(harness: &mut Harness<'static, App>, name_field: &str) -> String {
    crate::ui::scroll_until_shown(harness, name_field);
    let field = harness
        .get_by_label(name_field)
        .accesskit_node()
        .bounding_box()
        .expect("the name field is laid out");
    harness
        .root()
        .query_all(by().role(Role::Label))
        .filter_map(|node| {
            let rect = node.accesskit_node().bounding_box()?;
            let under = rect.y0 >= field.y1 && (rect.x0 - field.x0).abs() < 4.0;
            under.then(|| (rect.y0, node.accesskit_node().value().unwrap_or_default()))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, text)| text)
        .expect("a status line under the name")
}

#[test]
fn an_sla_is_written_field_by_field_until_it_is_complete_and_signed() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::Slas.label());

    // The template's first pair is on screen, both directions side by side.
    harness.get_by_label("Marketing commits to Sales (SDR)");
    harness.get_by_label("Sales (SDR) commits to Marketing");

    press(&mut harness, "Add an SLA from Sales (SDR) to Marketing");
    retype(
        &mut harness,
        "Name of the unnamed SLA",
        "Demo no-show follow-up",
    );
    let field = |label: &str| format!("{label} of the Demo no-show follow-up SLA");
    let added = |harness: &Harness<'static, App>| {
        harness
            .state()
            .doc
            .session
            .slas
            .iter()
            .find(|s| s.name == "Demo no-show follow-up")
            .cloned()
            .expect("the new SLA is in the session")
    };
    assert_eq!(
        status_of(&mut harness, "Name of the Demo no-show follow-up SLA"),
        "Still needs a time window, the event that starts the clock, a measure and an escalation",
    );

    retype(
        &mut harness,
        &field("What"),
        "Call back every demo no-show and offer a new slot.",
    );
    set_number(&mut harness, &field("Amount"), "2");
    pick(&mut harness, &field("Unit"), "business hours");
    retype(
        &mut harness,
        &field("Clock starts"),
        "The demo's start time passes without the prospect",
    );
    // Business hours are somebody's: the SLA asks whose until it is told.
    harness.get_by_label(
        "Still needs the time zone of its business hours, a measure and an escalation",
    );
    retype(&mut harness, &field("Time zone"), "Europe/Berlin");
    retype(
        &mut harness,
        &field("How measured"),
        "Share of no-shows called back within 2 business hours",
    );
    // "Still needs an escalation" is also on a template SLA beside it: read this one's state.
    assert_eq!(sla::missing(&added(&harness)), ["an escalation"]);
    retype(
        &mut harness,
        &field("Escalation"),
        "Re-assign to the team lead",
    );
    retype(&mut harness, &field("Escalated to"), "SDR manager");

    assert_eq!(
        status_of(&mut harness, "Name of the Demo no-show follow-up SLA"),
        COMPLETE
    );
    let new = added(&harness);
    assert!(sla::is_complete(&new));
    assert_eq!(new.when.amount, 2);
    assert_eq!(new.time_zone, "Europe/Berlin");

    // Both teams sign the commitment; a later edit leaves both on the earlier wording.
    let what = "Demo no-show follow-up";
    for team in ["Sales (SDR)", "Marketing"] {
        crate::ui_definitions::sign_in_window(
            &mut harness,
            what,
            team,
            "facilitator",
            "Endorses",
            "",
        );
    }
    let session = &harness.state().doc.session;
    assert!(sla::unsigned(session, &added(&harness)).is_empty());
    assert!(sla::settled(session, &added(&harness)));
    retype(&mut harness, &field("Escalation after"), "One business day");
    let edited = added(&harness);
    let session = &harness.state().doc.session;
    assert_eq!(sla::unsigned(session, &edited).len(), 2);
    let state = session.agreement_state(Agreement::Sla(edited.id)).unwrap();
    assert_eq!(state.stale().count(), 2);
}

/// Waits until the figures on screen are for the SLA as it stands.
fn settle(harness: &mut Harness<'static, App>) {
    step_until(
        harness,
        "the figures followed the edits",
        |app| matches!(&app.doc.work.slas.phase, Phase::Checked(c) if !c.is_updating()),
    );
}

fn follow_up_index(harness: &Harness<'static, App>) -> usize {
    let slas = &harness.state().doc.session.slas;
    slas.iter().position(|s| s.name == "MQL follow-up").unwrap()
}

#[test]
fn an_sla_is_measured_on_dropped_events_and_follows_its_window_and_zone() {
    let data = tempfile::tempdir().unwrap();
    // The sales-led session with its follow-up counted in Berlin business hours.
    let path = data.path().join("session.ron");
    let session = crate::compliance::follow_up_session();
    accord::storage::save(&path, &session).unwrap();
    let mut harness = app(data.path(), Some(path));
    press(&mut harness, Step::Slas.label());

    press(&mut harness, "Check the MQL follow-up SLA against events");
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(crate::fixture(
            "events/mql-follow-up.csv",
        ))));
    harness.run();
    // The columns were found by their headers, and the mapping stays inside its card.
    harness.get_by_label("Column for Clock starts");
    crate::ui_definitions::assert_fits_the_window(&harness);
    press(&mut harness, "Check the SLA");
    step_until(&mut harness, "the events were measured", |app| {
        matches!(app.doc.work.slas.phase, Phase::Checked(_))
    });

    // The hand-computed figures: 5 of 8 judged in time, one still open.
    harness.get_by_label("62.5% handled within the SLA");
    harness.get_by_label_contains("9 events: 5 in time, 3 late (1 never handled), 1 still open");
    harness.get_by_label("Ana");
    harness.get_by_label("66.7%");
    harness.get_by_label_contains("3 rows could not be timed");
    crate::ui_definitions::assert_fits_the_window(&harness);

    // Six business hours instead of four: L5 (5 h) and L9 (5.5 h) are now in time. The figures
    // are worked out on a worker; edits made while it works (five, then six) are measured when
    // it is done, so what shows in the end is for the SLA as it stands.
    set_number(&mut harness, "Amount of the MQL follow-up SLA", "5");
    set_number(&mut harness, "Amount of the MQL follow-up SLA", "6");
    settle(&mut harness);
    harness.get_by_label("87.5% handled within the SLA");

    // Back to four hours, but in New York: the file is read again, its times without an offset
    // now New York time. L6's answer, written in UTC, now comes before its start (03:30 local)
    // and is left out; the others keep their local hours: 4 of 7 in time.
    set_number(&mut harness, "Amount of the MQL follow-up SLA", "4");
    settle(&mut harness);
    harness.get_by_label("62.5% handled within the SLA");

    // A holiday on Wednesday 4 March: L5, touched at 14:00 that day, took no business time.
    press(&mut harness, "Add a holiday to the MQL follow-up SLA");
    press(&mut harness, "Add a holiday to the MQL follow-up SLA");
    let holidays = |harness: &Harness<'static, App>| {
        harness.state().doc.session.slas[follow_up_index(harness)]
            .business_hours
            .holidays
            .clone()
    };
    let [first, second] = holidays(&harness)[..] else {
        panic!("two holidays were added");
    };
    assert_eq!(
        first.tomorrow().ok(),
        Some(second),
        "the next one starts a day later"
    );
    press(&mut harness, "Remove holiday 1 of the MQL follow-up SLA");
    assert_eq!(holidays(&harness), [second]);
    // The date picker's choice, as egui_extras writes it.
    let index = follow_up_index(&harness);
    harness.state_mut().doc.session.slas[index]
        .business_hours
        .holidays = vec![jiff::civil::date(2026, 3, 4)];
    harness.run();
    settle(&mut harness);
    harness.get_by_label("75.0% handled within the SLA");
    press(&mut harness, "Remove holiday 1 of the MQL follow-up SLA");
    settle(&mut harness);
    harness.get_by_label("62.5% handled within the SLA");
    retype(
        &mut harness,
        "Time zone of the MQL follow-up SLA",
        "America/New_York",
    );
    step_until(
        &mut harness,
        "the events were read again",
        |app| matches!(&app.doc.work.slas.phase, Phase::Checked(c) if c.table.scan.skipped.total() == 4),
    );
    harness.get_by_label("57.1% handled within the SLA");
}

#[test]
fn at_projector_text_the_two_way_view_fits_the_window() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, "View");
    press(&mut harness, "Projector text");
    press(&mut harness, Step::Slas.label());
    crate::ui_definitions::assert_fits_the_window(&harness);
    press(&mut harness, "View");
    press(&mut harness, "Normal text");
    crate::ui_definitions::assert_fits_the_window(&harness);
}

#[test]
fn a_feedback_loop_from_sales_to_product_is_added_and_filled_in() {
    use accord::model::{FeedbackKind, Frequency};
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::FeedbackLoops.label());
    let ready_before = harness.query_all_by_label("Ready to run").count();
    let n = harness.state().doc.session.feedback_loops.len() + 1;
    let field = |label: &str| format!("{label} of feedback loop {n}");

    press(&mut harness, "Add Sales (SDR) → Product");
    harness.get_by_label("Still needs how it is captured and where it lands");
    pick(&mut harness, &field("Kind"), "Something else");
    retype(&mut harness, &field("Other kind"), "Pricing pushback");
    retype(
        &mut harness,
        &field("Captured by"),
        "A pricing-objection tag on the opportunity",
    );
    pick(&mut harness, &field("How often"), "Fortnightly");
    retype(&mut harness, &field("Lands in"), "The pricing review");

    assert_eq!(
        harness.query_all_by_label("Ready to run").count(),
        ready_before + 1
    );
    let session = &harness.state().doc.session;
    let added = session.feedback_loops.last().unwrap();
    assert_eq!(added.kind, FeedbackKind::Other("Pricing pushback".into()));
    assert_eq!(added.frequency, Frequency::Fortnightly);
    assert_eq!(session.team_name(added.to_team), "Product");
    assert_eq!(
        added.owner, added.from_team,
        "the sending team owns it to start with"
    );
    assert!(added.missing().is_empty());
}
