//! The shared-definitions step as a facilitator uses it: sign, object, edit, merge.

use accord::app::App;
use accord::model::{SignOff, Step, TeamId};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use crate::ui::{app, press, retype, start_sales_led};

fn mql_sign_offs(harness: &Harness<'static, App>) -> Vec<(TeamId, SignOff)> {
    let session = &harness.state().doc.session;
    let mql = session
        .definitions
        .iter()
        .find(|d| d.term == "MQL")
        .unwrap();
    session
        .signing_teams()
        .map(|team| (team, mql.sign_offs.get(team).clone()))
        .collect()
}

#[test]
fn every_team_signs_the_mql_and_an_edit_sends_them_back() {
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
    for team in &teams[1..] {
        press(
            &mut harness,
            &format!("{team} agrees to the MQL definition"),
        );
    }
    harness.get_by_label_contains(&format!(
        "{} of {} teams agreed",
        teams.len() - 1,
        teams.len()
    ));
    press(
        &mut harness,
        &format!("{} objects to the MQL definition", teams[0]),
    );
    retype(
        &mut harness,
        &format!("Why {} objects to the MQL definition", teams[0]),
        "50 points is too low",
    );
    harness.get_by_label_contains("1 objects");
    press(
        &mut harness,
        &format!("{} agrees to the MQL definition", teams[0]),
    );
    harness.get_by_label("Agreed by every team");
    assert!(
        mql_sign_offs(&harness)
            .iter()
            .all(|(_, s)| *s == SignOff::Agreed)
    );

    // Adding a verification point changes what was agreed: everyone is asked again.
    press(&mut harness, "Add verification point to MQL");
    assert!(
        mql_sign_offs(&harness)
            .iter()
            .all(|(_, s)| *s == SignOff::NotYet)
    );
    harness.get_by_label_contains("The MQL definition changed after teams had signed");
    // Undo brings the point and the signatures back together.
    press(&mut harness, "Undo");
    assert!(
        mql_sign_offs(&harness)
            .iter()
            .all(|(_, s)| *s == SignOff::Agreed)
    );
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
