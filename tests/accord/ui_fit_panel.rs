//! Beside the room's panel at projector text, where the step's page is narrowest: rows and
//! buttons keep their controls and words whole in what width is left.

use accord::app::App;
use accord::model::Step;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::ui::{app, start_sales_led};

/// The sales-led workshop at projector text with the room open: the step's page at its
/// narrowest (the folder the app keeps its files in, held for as long as the harness).
fn beside_the_panel() -> (tempfile::TempDir, Harness<'static, App>) {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    crate::ui::press(&mut harness, "View");
    crate::ui::press(&mut harness, "Projector text");
    crate::ui_room::open_room(&mut harness);
    (data, harness)
}

#[test]
fn at_projector_text_beside_the_rooms_panel_every_agenda_row_keeps_its_controls_in_its_width() {
    let (_data, mut harness) = beside_the_panel();
    harness
        .get_by_role_and_label(Role::Button, Step::Details.label())
        .click();
    harness.run();
    let items = harness.state().doc.session.agenda.items.len();
    assert!(items > 3);
    for n in 1..=items {
        let right = |harness: &Harness<'static, App>, label: &str| {
            harness
                .get_by_label(label)
                .accesskit_node()
                .bounding_box()
                .unwrap()
                .x1
        };
        crate::ui::scroll_until_shown(&mut harness, &format!("Start agenda item {n}"));
        // The row's last button ends where the table's width ends: its box shows no more.
        let edge = right(&harness, &format!("Remove agenda item {n}"));
        let panel = harness
            .get_by_label("The room is open")
            .accesskit_node()
            .bounding_box()
            .unwrap()
            .x0;
        assert!(
            edge <= panel,
            "the row ends at {edge}, under the room's panel from {panel}"
        );
        for control in [
            format!("Agenda item {n} step"),
            format!("Agenda item {n} minutes"),
            format!("Start agenda item {n}"),
        ] {
            let end = right(&harness, &control);
            assert!(
                end <= edge + 0.5,
                "“{control}” ends at {end}, past the row's end at {edge}"
            );
        }
    }
}

#[test]
fn at_projector_text_beside_the_rooms_panel_the_funnels_count_button_keeps_its_words_on_a_line() {
    let (_data, mut harness) = beside_the_panel();
    crate::ui::press(&mut harness, Step::Pipeline.label());
    let label = "Count from a CSV…";
    crate::ui::scroll_until_shown(&mut harness, label);
    let height = |label: &str| {
        let rect = harness
            .get_by_label(label)
            .accesskit_node()
            .bounding_box()
            .unwrap();
        rect.y1 - rect.y0
    };
    // Beside the period's field there is too little room: the button goes whole to the next
    // line, as tall as any one-line button beside it, not wrapped a letter or two a line.
    let one_line = height("Close the room");
    assert!(
        height(label) <= one_line + 1.0,
        "“{label}” is {} px tall, a one-line button {one_line} px",
        height(label)
    );
}
