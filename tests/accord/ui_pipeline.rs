//! The pipeline step as the room uses it: reorder stages and watch the ownership matrix follow,
//! break the one-accountable rule and read why, remove a stage whose hand-off links an SLA, see a
//! hand-off linked to an SLA between other teams, and type a funnel that converts badly.

use accord::app::App;
use accord::model::Step;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::ui::{app, pick, press, retype, scroll_until_shown, start_sales_led, step_until};

/// The top edge of the widget labelled `label`.
fn top(harness: &Harness<'static, App>, label: &str) -> f64 {
    harness
        .get_by_label(label)
        .accesskit_node()
        .bounding_box()
        .expect("the widget is laid out")
        .y0
}

fn stage_names(harness: &Harness<'static, App>) -> Vec<String> {
    harness
        .state()
        .doc
        .session
        .stages
        .iter()
        .map(|s| s.name.clone())
        .collect()
}

#[test]
fn moving_a_stage_moves_its_row_of_the_matrix_and_relinks_the_handoffs() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::Pipeline.label());

    harness.get_by_label("Every stage has exactly one accountable team.");
    scroll_until_shown(&mut harness, "Marketing on SQL");
    assert!(top(&harness, "Marketing on MQL") < top(&harness, "Marketing on SQL"));

    press(&mut harness, "Move SQL earlier");
    assert_eq!(
        stage_names(&harness),
        ["Lead", "SQL", "MQL", "Opportunity", "Won", "Expanded"]
    );
    // The matrix follows: SQL's row is now above MQL's, its letters with it.
    scroll_until_shown(&mut harness, "Marketing on MQL");
    assert!(top(&harness, "Marketing on SQL") < top(&harness, "Marketing on MQL"));
    // Lead (Marketing) now hands off to SQL's owner, and MQL (Marketing) to Opportunity's.
    let session = &harness.state().doc.session;
    assert_eq!(session.stages[0].handoff.to_team, session.stages[1].owner);
    assert_eq!(session.stages[2].handoff.to_team, session.stages[3].owner);

    // Undo puts the order and the hand-offs back together.
    press(&mut harness, "Undo");
    assert_eq!(
        stage_names(&harness),
        ["Lead", "MQL", "SQL", "Opportunity", "Won", "Expanded"]
    );
}

#[test]
fn a_handoff_left_linked_to_another_pairs_sla_says_so_until_unlinked() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::Pipeline.label());
    assert!(harness.query_by_label_contains("check its SLA").is_none());

    // After the move, MQL (Marketing) hands off to the AE, still linked to the SDR's follow-up.
    press(&mut harness, "Move SQL earlier");
    harness.get_by_label_contains("→ Sales (AE) · check its SLA");
    press(&mut harness, "MQL");
    let problem = "MQL hands off from Marketing to Sales (AE), but MQL follow-up is between \
                   Sales (SDR) and Marketing.";
    scroll_until_shown(&mut harness, problem);

    pick(&mut harness, "SLA of the hand-off from MQL", "No SLA");
    assert!(harness.query_by_label(problem).is_none());
    assert!(harness.query_by_label_contains("check its SLA").is_none());
    assert_eq!(harness.state().doc.session.stages[2].handoff.sla, None);
}

#[test]
fn a_second_accountable_team_is_reported_until_one_steps_back() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::Pipeline.label());

    // A cell moves on through none, R, A, C and I with each click. Sales (SDR) is consulted
    // on the MQL: three clicks (I, none, R) and a fourth make it accountable too.
    // The matrix lays out only the rows in view: bring the page to it first.
    scroll_until_shown(&mut harness, "Marketing on MQL");
    for _ in 0..4 {
        harness.get_by_label("Sales (SDR) on MQL").click();
        harness.run();
    }
    harness.get_by_label(
        "MQL has 2 accountable teams (Marketing and Sales (SDR)): exactly one may be.",
    );
    // Marketing, accountable, steps back to consulted.
    harness.get_by_label("Marketing on MQL").click();
    harness.run();
    harness.get_by_label("Every stage has exactly one accountable team.");
    let session = &harness.state().doc.session;
    let (marketing, sales) = (session.teams[0].id, session.teams[1].id);
    assert_eq!(
        session.stages[1].raci.get(&sales),
        Some(&accord::model::Raci::Accountable)
    );
    assert_eq!(
        session.stages[1].raci.get(&marketing),
        Some(&accord::model::Raci::Consulted)
    );
}

#[test]
fn removing_a_stage_whose_handoff_links_an_sla_asks_first() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::Pipeline.label());

    press(&mut harness, "Remove the MQL stage");
    harness.get_by_label("Remove the MQL stage?");
    harness.get_by_label_contains("the “MQL follow-up” SLA");
    press(&mut harness, "Keep it");
    assert_eq!(stage_names(&harness).len(), 6);

    press(&mut harness, "Remove the MQL stage");
    press(&mut harness, "Remove the stage");
    assert_eq!(
        stage_names(&harness),
        ["Lead", "SQL", "Opportunity", "Won", "Expanded"]
    );
    let session = &harness.state().doc.session;
    let follow_up = session
        .slas
        .iter()
        .find(|s| s.name == "MQL follow-up")
        .unwrap();
    assert_eq!(session.stages[0].handoff.sla, Some(follow_up.id));
}

#[test]
fn a_funnel_with_volume_and_no_conversion_is_flagged() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::Pipeline.label());

    for (stage, count) in [
        ("Lead", "1000"),
        ("MQL", "550"),
        ("SQL", "60"),
        ("Opportunity", "20"),
        ("Won", "5"),
    ] {
        retype(&mut harness, &format!("Reached {stage}"), count);
    }
    harness.get_by_label("11% (typical 30%–60%)");
    harness.get_by_label("Far below its range");
    harness.get_by_label("Below its range");
    harness.get_by_label("Misalignment signal");
    harness.get_by_label_contains("only 3.6% of them become opportunities");
    let session = &harness.state().doc.session;
    assert_eq!(session.funnel.counts.get(&session.stages[1].id), Some(&550));
}

#[test]
fn a_count_the_window_cannot_read_is_said_and_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::Pipeline.label());
    retype(&mut harness, "Reached Won", "1,200");
    let won = |harness: &Harness<'static, App>| {
        let session = &harness.state().doc.session;
        let id = session.stages.iter().find(|s| s.name == "Won").unwrap().id;
        session.funnel.counts.get(&id).copied()
    };
    assert_eq!(
        won(&harness),
        Some(1200),
        "thousands separators read as on the CLI"
    );

    // Before, only the digits were kept: "1.5k" became 15.
    retype(&mut harness, "Reached Won", "1.5k");
    harness.get_by_label_contains("“1.5k” is not a whole number of records");
    assert_eq!(won(&harness), Some(1200), "the count stays as it was");
    let field = harness.get_by_label("Reached Won");
    assert_eq!(
        field.value().as_deref(),
        Some("1.5k"),
        "what was typed stays to be mended"
    );

    retype(&mut harness, "Reached Won", "15");
    assert_eq!(won(&harness), Some(15));
    assert!(
        harness
            .query_by_label_contains("not a whole number")
            .is_none()
    );
}

#[test]
fn at_projector_text_the_pipeline_fits_the_window() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, "View");
    press(&mut harness, "Projector text");
    press(&mut harness, Step::Pipeline.label());
    crate::ui_definitions::assert_fits_the_window(&harness);
    // Each stage's owner and hand-off sit between its name and its buttons, whatever the size.
    press(&mut harness, "Move SQL earlier");
    crate::ui_definitions::assert_fits_the_window(&harness);
}

#[test]
fn at_projector_text_beside_the_rooms_panel_no_stage_row_is_drawn_over() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, "View");
    press(&mut harness, "Projector text");
    crate::ui_room::open_room(&mut harness);
    press(&mut harness, Step::Pipeline.label());
    // The narrowest the page gets with the rail: a stage's name gives way to its buttons.
    let rect = |label: &str| {
        harness
            .query_by_role_and_label(Role::Button, label)
            .and_then(|node| node.accesskit_node().bounding_box())
    };
    let mut checked = 0;
    // The rows in view; the list lays out no others.
    for name in stage_names(&harness) {
        // The leftmost of its buttons, disabled on the first stage but there all the same.
        let (Some(tab), Some(button)) = (rect(&name), rect(&format!("Move {name} earlier"))) else {
            continue;
        };
        assert!(
            tab.x1 <= button.x0,
            "“{name}” runs to {} under its buttons at {}",
            tab.x1,
            button.x0
        );
        checked += 1;
    }
    assert!(checked >= 4, "only {checked} stage rows in view");
}

/// The sales-led template on the pipeline step, with `file` dropped on the window.
fn pipeline_with_dropped(
    data_dir: &std::path::Path,
    file: std::path::PathBuf,
) -> Harness<'static, App> {
    let mut harness = app(data_dir, None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::Pipeline.label());
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(crate::ui::Dropped(file)));
    harness.run();
    harness
}

/// Presses "Count the funnel" and waits for the worker to finish.
fn count_the_funnel(harness: &mut Harness<'static, App>) {
    press(harness, "Count the funnel");
    step_until(harness, "the funnel was counted", |app| {
        !app.doc.work.funnel.is_counting()
    });
}

/// The session's count for each stage, in order.
fn funnel_counts(harness: &Harness<'static, App>) -> Vec<Option<u64>> {
    let session = &harness.state().doc.session;
    session
        .stages
        .iter()
        .map(|s| session.funnel.counts.get(&s.id).copied())
        .collect()
}

#[test]
fn a_crm_export_dropped_on_the_step_fills_the_funnel() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = pipeline_with_dropped(data.path(), crate::fixture("funnel/records.csv"));
    // The stage column is found by its header.
    harness.get_by_label("Column for the stage");
    count_the_funnel(&mut harness);
    harness.get_by_label_contains("Not a stage, left out: “Closed lost” (1)");
    assert_eq!(
        funnel_counts(&harness),
        [Some(19), Some(11), Some(6), Some(3), Some(1), Some(0)]
    );
    harness.get_by_label("58% (typical 20%–40%)");
}

#[test]
fn a_large_export_is_counted_on_a_worker_and_the_count_can_be_cancelled() {
    let data = tempfile::tempdir().unwrap();
    // Two million records: long enough to read that the window must not wait for it.
    let path = data.path().join("crm-export.csv");
    let mut text = String::from("Record,Stage\n");
    for row in 0..2_000_000 {
        text.push_str(&format!("{row},SQL\n"));
    }
    std::fs::write(&path, text).unwrap();
    let mut harness = pipeline_with_dropped(data.path(), path);

    // The window keeps drawing while the file is read: the count shows as progress.
    let before = harness.state().doc.session.clone();
    press(&mut harness, "Count the funnel");
    assert!(harness.state().doc.work.funnel.is_counting());
    harness.get_by_label("Counting the records in crm-export.csv");
    press(&mut harness, "Cancel the count");
    // Back to the column, nothing written.
    assert!(!harness.state().doc.work.funnel.is_counting());
    harness.get_by_label("Column for the stage");
    assert_eq!(harness.state().doc.session, before);

    // Counted to the end, every record reached SQL and so Lead and MQL too.
    count_the_funnel(&mut harness);
    harness.get_by_label_contains("Counted 2000000 records from crm-export.csv.");
    assert_eq!(
        funnel_counts(&harness),
        [
            Some(2_000_000),
            Some(2_000_000),
            Some(2_000_000),
            Some(0),
            Some(0),
            Some(0)
        ]
    );
}

#[test]
fn ranges_of_the_users_own_replace_the_built_in_ones() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("funnel-ranges.ron"),
        r#"(
            source: (title: "Our own last four quarters", publisher: "Acme RevOps",
                     url: "https://example.com/funnel", read_on: "2026-11-01"),
            ranges: [(from: "Lead", to: "MQL", low: 0.7, high: 0.9)],
        )"#,
    )
    .unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::Pipeline.label());
    retype(&mut harness, "Reached Lead", "1000");
    retype(&mut harness, "Reached MQL", "300");
    // 30 % is under half of the team's own 70 %, and SQL has no range in their file.
    harness.get_by_label("30% (typical 70%–90%)");
    harness.get_by_label("Far below its range");
    harness.get_by_label_contains("Acme RevOps");
    harness.get_by_label_contains("funnel-ranges.ron");
}
