//! The shared-definitions step as a facilitator uses it: sign, object, edit, merge.

use accord::app::App;
use accord::model::{Agreement, Position, Signer, Standing, Step, TeamId};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::ui::{app, press, retype, start_sales_led};

/// Where each signing team stands on the MQL's wording today, by the model's own reading.
fn mql_standings(harness: &Harness<'static, App>) -> Vec<(TeamId, Option<Position>, bool)> {
    let session = &harness.state().doc.session;
    let mql = session
        .definitions
        .iter()
        .find(|d| d.term == "MQL")
        .unwrap();
    let state = session
        .agreement_state(Agreement::Definition(mql.id))
        .unwrap();
    state
        .teams
        .iter()
        .map(|(team, standing)| {
            let stale = matches!(standing, Standing::Stale(_));
            (*team, standing.position(), stale)
        })
        .collect()
}

/// Signs for `team` on the agreement called `what` through the signing dialog, as a
/// facilitator does: who speaks, the position, the reason.
pub(crate) fn sign_in_window(
    harness: &mut Harness<'static, App>,
    what: &str,
    team: &str,
    who: &str,
    position: &str,
    reason: &str,
) {
    crate::ui::scroll_until_shown(harness, &format!("Sign for {team} on {what}"));
    press(harness, &format!("Sign for {team} on {what}"));
    assert!(matches!(
        harness.state().modal,
        Some(accord::app::Modal::Sign(_))
    ));
    match who {
        "facilitator" => press(harness, "The facilitator, on the team's behalf"),
        name => {
            // Choosing "Someone else" puts the cursor in the name field.
            harness
                .get_by_role_and_label(Role::RadioButton, "Someone else:")
                .click();
            harness.run();
            assert!(
                harness
                    .get_by_role_and_label(Role::TextInput, "Name of who signs")
                    .is_focused(),
                "the name field has the cursor"
            );
            harness
                .get_by_role_and_label(Role::TextInput, "Name of who signs")
                .type_text(name);
            harness.run();
        }
    }
    harness
        .get_by_role_and_label(Role::RadioButton, position)
        .click();
    harness.run();
    if !reason.is_empty() {
        // Focused as the keyboard's Tab would: the dialog scrolls at 720 pixels, and a click
        // where the field was drawn can land outside it.
        harness
            .get_by_role_and_label(Role::MultilineTextInput, "Reason")
            .focus();
        harness.run();
        harness
            .get_by_role_and_label(Role::MultilineTextInput, "Reason")
            .type_text(reason);
        harness.run();
    }
    press(harness, "Sign");
    assert!(
        harness.state().modal.is_none(),
        "the dialog closed on signing"
    );
}

#[test]
fn every_team_signs_the_mql_an_edit_leaves_them_on_the_earlier_wording_and_undo_restores() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::Definitions.label());
    press(&mut harness, "MQL");

    let teams: Vec<String> = {
        let session = &harness.state().doc.session;
        session
            .teams
            .iter()
            .filter(|t| t.signs_off)
            .map(|t| t.name.clone())
            .collect()
    };
    assert!(teams.len() >= 2, "the template has several signing teams");
    // The first team agrees with reservations, by a person who speaks for it.
    sign_in_window(
        &mut harness,
        "MQL",
        &teams[0],
        "Dana Scott",
        "Agrees with reservations",
        "50 points may let too much through",
    );
    for team in &teams[1..] {
        sign_in_window(&mut harness, "MQL", team, "facilitator", "Endorses", "");
    }
    let standings = mql_standings(&harness);
    harness.get_by_label("Adopted");
    assert_eq!(standings.len(), teams.len());
    assert_eq!(standings[0].1, Some(Position::AgreeWithReservations));
    assert!(
        standings[1..]
            .iter()
            .all(|(_, p, _)| *p == Some(Position::Endorse))
    );
    let signature = {
        let session = &harness.state().doc.session;
        let mql = session
            .definitions
            .iter()
            .find(|d| d.term == "MQL")
            .unwrap();
        mql.signatures.history[0].clone()
    };
    assert_eq!(signature.by, Signer::Person("Dana Scott".into()));
    assert_eq!(signature.reason, "50 points may let too much through");
    assert!(signature.at.is_some());

    // An edit to the wording: every signature now stands on an earlier wording.
    retype(
        &mut harness,
        "Definition of MQL",
        "A lead at 60 points or more.",
    );
    for _ in 0..3 {
        harness.run();
    }
    let standings = mql_standings(&harness);
    assert!(standings.iter().all(|(_, p, stale)| p.is_none() && *stale));
    assert!(harness.query_by_label("Adopted").is_none());
    for team in &teams {
        crate::ui::scroll_until_shown(&mut harness, &format!("{team} signed an earlier wording"));
    }
    // A click on the mark shows the words that changed since.
    let mark = format!("{} signed an earlier wording", teams[0]);
    crate::ui::scroll_until_shown(&mut harness, &mark);
    press(&mut harness, &mark);
    harness.get_by_label("What changed since it was signed");
    assert!(
        harness
            .query_all_by_label_contains("60")
            .any(|node| node.value().unwrap_or_default().contains("50")),
        "the diff shows the old 50 beside the new 60"
    );

    // Undo brings back the wording, and the signatures count again.
    for _ in 0..10 {
        if mql_standings(&harness).iter().all(|(_, p, _)| p.is_some()) {
            break;
        }
        press(&mut harness, "Undo");
    }
    let standings = mql_standings(&harness);
    assert!(standings.iter().all(|(_, p, stale)| p.is_some() && !stale));
    harness.get_by_label("Adopted");
}

#[test]
fn two_teams_proposals_sit_side_by_side_and_one_becomes_the_definition() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::Definitions.label());
    press(&mut harness, "SQL");

    press(&mut harness, "Add a proposal for SQL");
    press(&mut harness, "Add a proposal for SQL");
    retype(&mut harness, "Proposal 1 for SQL", "Booked a meeting");
    retype(
        &mut harness,
        "Proposal 2 for SQL",
        "Budget and timeline confirmed",
    );
    harness.get_by_role_and_label(Role::MultilineTextInput, "Merged definition of SQL");
    press(&mut harness, "Use proposal 2 for SQL");
    let session = &harness.state().doc.session;
    let sql = session
        .definitions
        .iter()
        .find(|d| d.term == "SQL")
        .unwrap();
    assert_eq!(sql.definition, "Budget and timeline confirmed");
    assert_eq!(sql.proposals.len(), 2);

    press(&mut harness, "Remove proposal 1 for SQL");
    let session = &harness.state().doc.session;
    let sql = session
        .definitions
        .iter()
        .find(|d| d.term == "SQL")
        .unwrap();
    assert_eq!(sql.proposals[0].wording, "Budget and timeline confirmed");
}

#[test]
fn a_new_term_is_added_named_and_removed() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::Definitions.label());
    let before = harness.state().doc.session.definitions.len();
    press(&mut harness, "Add term");
    retype(&mut harness, "Term", "Recycled lead");
    harness.get_by_label("Recycled lead");
    assert_eq!(harness.state().doc.session.definitions.len(), before + 1);
    press(&mut harness, "Remove Recycled lead");
    assert_eq!(harness.state().doc.session.definitions.len(), before);
    // A sales-led workshop is not asked for a PQL.
    assert!(harness.query_by_label("Add PQL").is_none());
}

#[test]
fn a_long_glossary_is_searched_rather_than_shown_as_a_wall_of_tabs() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::Definitions.label());
    assert!(
        harness.query_by_label("Find a term").is_none(),
        "a handful of terms is a row of tabs"
    );
    while harness.state().doc.session.definitions.len() < 30 {
        press(&mut harness, "Add term");
    }
    let terms = harness.state().doc.session.definitions.len();
    for n in 1..=terms {
        let term = format!("Glossary term {n:02}");
        harness
            .state_mut()
            .doc
            .session
            .definitions
            .edit_item(n - 1, |d| d.term = term);
    }
    harness.run();
    let tabs = |harness: &Harness<'static, App>| {
        (1..=terms)
            .filter(|n| {
                harness
                    .query_by_role_and_label(Role::Button, &format!("Glossary term {n:02}"))
                    .is_some()
            })
            .collect::<Vec<_>>()
    };
    // The open term (the last added) keeps its tab beside the first twelve.
    assert_eq!(
        tabs(&harness),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, terms]
    );
    harness.get_by_label(&format!("{} more: type to find them", terms - 13));

    retype(&mut harness, "Find a term", "term");
    harness.get_by_label(&format!("{} more: keep typing", terms - 13));
    retype(&mut harness, "Find a term", "term 2");
    let found: Vec<usize> = (20..=29).chain([terms]).collect();
    assert_eq!(
        tabs(&harness),
        found,
        "the terms with “term 2” in them, and the open one"
    );
    press(&mut harness, "Glossary term 24");
    let open = harness.state().doc.work.selected_definition;
    let session = &harness.state().doc.session;
    assert_eq!(
        session
            .definitions
            .iter()
            .find(|d| Some(d.id) == open)
            .map(|d| d.term.as_str()),
        Some("Glossary term 24")
    );

    retype(&mut harness, "Find a term", "churned");
    harness.get_by_label("No term has “churned” in it");
}

/// Fails when anything in the step's area reaches past its right edge: the sign that some row
/// did not wrap and the page would scroll sideways.
pub(crate) fn assert_fits_the_window(harness: &Harness<'static, App>) {
    use egui_kittest::kittest::NodeT as _;
    // Right of the rail, the content ends where the step's vertical scroll bar starts.
    let (rail_edge, top) = step_area(harness);
    let right_edge = harness
        .root()
        .query_all(egui_kittest::kittest::by().role(Role::ScrollBar))
        .filter_map(|bar| bar.accesskit_node().bounding_box())
        .filter(|rect| rect.x0 > rail_edge && rect.width() < 40.0)
        .map(|rect| rect.x0)
        .fold(f64::INFINITY, f64::min);
    assert!(
        right_edge.is_finite(),
        "the step scrolls vertically at projector text"
    );
    let mut too_wide = Vec::new();
    for node in harness.root().query_all(egui_kittest::kittest::by()) {
        let access = node.accesskit_node();
        let Some(rect) = access.bounding_box() else {
            continue;
        };
        let in_step = rect.x0 > rail_edge && rect.y0 > top;
        if in_step && rect.x1 > right_edge + 0.5 && access.role() != Role::ScrollBar {
            too_wide.push(format!(
                "{:?} {:?} reaches {:.0}",
                access.role(),
                access.label().or(access.value()),
                rect.x1
            ));
        }
    }
    assert!(
        too_wide.is_empty(),
        "past the edge at {right_edge:.0}:\n{}",
        too_wide.join("\n")
    );
    assert_no_text_overlaps(harness);
}

/// Where the step's page starts on screen, in pixels: the left edge right of the rail and the
/// top edge under the top bar, found from where the rail's step buttons and the top bar's
/// buttons end, whatever the text size. Presenter mode has neither: its page starts at the
/// window's edge.
pub(crate) fn step_area(harness: &Harness<'static, App>) -> (f64, f64) {
    use egui_kittest::kittest::NodeT as _;
    let right_of_rail = accord::model::Step::ALL
        .iter()
        .filter_map(|step| harness.query_by_role_and_label(Role::Button, step.label()))
        .filter_map(|button| button.accesskit_node().bounding_box())
        .map(|rect| rect.x1)
        .fold(0.0, f64::max);
    let under_top_bar = ["Save", "File"]
        .iter()
        .filter_map(|label| harness.query_by_role_and_label(Role::Button, label))
        .filter_map(|button| button.accesskit_node().bounding_box())
        .map(|rect| rect.y1)
        .fold(0.0, f64::max);
    (right_of_rail, under_top_bar)
}

/// Fails when two pieces of text on screen are drawn over each other: a row that runs out of
/// room must wrap or shorten its text, never run it under its neighbour's.
pub(crate) fn assert_no_text_overlaps(harness: &Harness<'static, App>) {
    use egui_kittest::kittest::NodeT as _;
    // The step's page, right of the rail and below the top bar: text scrolled under the bar
    // is hidden by it, not drawn over it.
    let (left, top) = step_area(harness);
    let labels: Vec<(String, egui::accesskit::Rect)> = harness
        .root()
        // The lines of text as drawn: a label that wraps spans more than its lines do.
        .query_all(egui_kittest::kittest::by().role(Role::TextRun))
        .filter_map(|node| {
            let access = node.accesskit_node();
            let rect = access.bounding_box()?;
            let in_step = rect.x0 >= left && rect.y0 >= top;
            in_step.then(|| (access.value().unwrap_or_default(), rect))
        })
        .collect();
    // A check that looked at nothing would pass whatever the page drew.
    assert!(
        labels.len() >= 3,
        "only {} lines of text found in the step's page",
        labels.len()
    );
    let mut overlaps = Vec::new();
    for (i, (a, ra)) in labels.iter().enumerate() {
        for (b, rb) in &labels[i + 1..] {
            // A pixel of slack: neighbouring lines may share an edge.
            let across = ra.x0.max(rb.x0) < ra.x1.min(rb.x1) - 1.0;
            let down = ra.y0.max(rb.y0) < ra.y1.min(rb.y1) - 1.0;
            if across && down {
                overlaps.push(format!("“{a}” and “{b}”"));
            }
        }
    }
    assert!(
        overlaps.is_empty(),
        "drawn over each other:\n{}",
        overlaps.join("\n")
    );
}

#[test]
fn at_projector_text_the_definition_fits_the_window() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, "View");
    press(&mut harness, "Projector text");
    press(&mut harness, Step::Definitions.label());
    press(&mut harness, "MQL");
    press(&mut harness, "Add a proposal for MQL");
    assert_fits_the_window(&harness);
}

#[test]
fn at_projector_text_the_signing_dialog_keeps_its_title_and_buttons_in_view() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, "View");
    press(&mut harness, "Projector text");
    press(&mut harness, Step::Definitions.label());
    press(&mut harness, "MQL");
    let page = harness.ctx.content_rect() * harness.ctx.pixels_per_point();
    let in_view = |harness: &Harness<'static, App>, label: &str| {
        let node = harness.get_by_label(label);
        let b = node.accesskit_node().bounding_box().unwrap();
        b.y0 >= f64::from(page.top())
            && b.y1 <= f64::from(page.bottom())
            && b.x1 <= f64::from(page.right())
    };
    for team in ["Marketing", "Sales (SDR)"] {
        crate::ui::scroll_until_shown(&mut harness, &format!("Sign for {team} on MQL"));
        press(&mut harness, &format!("Sign for {team} on MQL"));
        // Scrolled to the bottom of the choices, as a facilitator reading them would.
        harness
            .get_by_role_and_label(Role::MultilineTextInput, "Reason")
            .focus();
        harness.run();
        for label in [
            format!("{team} on MQL"),
            "Sign".to_owned(),
            "Cancel".to_owned(),
        ] {
            assert!(in_view(&harness, &label), "{label} is in view for {team}");
        }
        press(&mut harness, "Cancel");
    }
}

#[test]
fn at_projector_text_the_signing_dialog_opens_with_the_positions_in_view() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, "View");
    press(&mut harness, "Projector text");
    press(&mut harness, Step::Definitions.label());
    press(&mut harness, "MQL");
    crate::ui::scroll_until_shown(&mut harness, "Sign for Marketing on MQL");
    press(&mut harness, "Sign for Marketing on MQL");
    let bounds = |label: &str| {
        harness
            .get_by_label(label)
            .accesskit_node()
            .bounding_box()
            .unwrap()
    };
    // The choices' box is as tall as the screen allows: the first positions show above the
    // buttons without scrolling (it was once cut off just under the word "Position").
    let sign = bounds("Sign");
    for position in ["Endorses", "Agrees with reservations"] {
        assert!(
            bounds(position).y1 <= sign.y0,
            "{position} is in view above Sign"
        );
    }
}
