//! The lead-scoring sandbox as a facilitator uses it: import leads, move points and the
//! threshold, and read what changes.

use std::sync::Arc;

use accord::app::App;
use accord::app::leads::Phase;
use accord::model::Step;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use crate::ui::{Dropped, app, press, start_sales_led, step_until};

/// Types `value` into the number field named `name`, as a person does: click, select all, type,
/// Enter.
pub(crate) fn set_number(harness: &mut Harness<'static, App>, name: &str, value: &str) {
    crate::ui::scroll_until_shown(harness, name);
    harness.get_by_label(name).click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_label(name).type_text(value);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
}

fn import_fixture(harness: &mut Harness<'static, App>) {
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(crate::fixture("leads/leads-small.csv"))));
    harness.run();
    press(harness, "Import leads");
    step_until(harness, "the leads were scored", |app| {
        matches!(app.doc.work.leads.phase, Phase::Scored(_))
    });
}

#[test]
fn changing_a_rules_points_changes_the_mql_count_on_screen() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::LeadScoring.label());
    import_fixture(&mut harness);

    // The template's rules on the twelve hand-scored leads: five reach 50 points.
    harness.get_by_label("5 of 12 leads qualify (42%)");
    harness.get_by_label("1.3 MQLs a month");

    // A demo request worth 10 instead of 30 takes lead 12 (60 → 40) below the line.
    set_number(&mut harness, "Points for Requested a demo", "10");
    assert_eq!(harness.state().doc.session.scoring.rules[0].points, 10);
    harness.get_by_label("4 of 12 leads qualify (33%)");

    // Now the best lead has 65: a threshold of 60 keeps leads 1, 4 and 8.
    set_number(&mut harness, "MQL threshold", "60");
    harness.get_by_label("3 of 12 leads qualify (25%)");
}

#[test]
fn capacity_and_the_reverse_threshold_answer_in_sentences() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::LeadScoring.label());

    set_number(&mut harness, "SDRs", "2");
    set_number(&mut harness, "Follow-ups a day", "3");
    // The template's SLA from Sales (SDR) to Marketing gives the window.
    harness.get_by_label("Sales can follow up 126 MQLs a month within the 4-hour SLA.");

    import_fixture(&mut harness);
    // 1.3 MQLs a month against 126: everyone is followed up in time.
    harness.get_by_label("Sales can follow up every MQL in time.");

    set_number(&mut harness, "Target MQLs a month", "1");
    harness.get_by_label("A threshold of 65 points gives 1.0 a month.");
    press(&mut harness, "Use threshold 65");
    assert_eq!(harness.state().doc.session.scoring.threshold, 65);
    // 85, 80, 75 and 65; lead 11 (75) has no date, so it counts in the total only.
    harness.get_by_label("4 of 12 leads qualify (33%)");
}

#[test]
fn a_rule_the_file_cannot_check_says_so() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::LeadScoring.label());
    import_fixture(&mut harness);
    // As a person would: the menu's button in view first (the import's results may have
    // moved it out of view), then its item.
    press(&mut harness, "Add rule");
    press(&mut harness, "Email from a competitor's domain");
    let rules = &harness.state().doc.session.scoring.rules;
    assert_eq!(rules.last().unwrap().points, 0);
    // No domain is listed yet, so the new rule cannot fire.
    harness.get_by_label("not checked");
}

#[test]
fn at_projector_text_the_sandbox_fits_the_window() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, "View");
    press(&mut harness, "Projector text");
    press(&mut harness, Step::LeadScoring.label());
    import_fixture(&mut harness);
    // Only what is in view has a place on screen: check the top and the bottom of the page.
    for part in ["MQL threshold", "Import another file"] {
        crate::ui::scroll_until_shown(&mut harness, part);
        crate::ui_definitions::assert_fits_the_window(&harness);
    }
}
