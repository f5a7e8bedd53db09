//! One client's imported data stays with their session: opening another file, or starting
//! from a template, begins with nothing imported.

use accord::app::{App, FileCommand, icp};
use accord::model::Step;
use accord::storage;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use crate::ui::{Dropped, app, import_customers, press, start_sales_led};

/// True when nothing of an imported customer export is held for the open document.
fn no_customers(app: &App) -> bool {
    matches!(app.doc.work.icp.phase, icp::Phase::Empty)
}

/// Leaves the document the import changed, answering the unsaved-work question.
fn discard_changes(harness: &mut Harness<'static, App>) {
    harness.run();
    if harness.query_by_label("Don't save").is_some() {
        press(harness, "Don't save");
    }
    harness.run();
}

#[test]
fn opening_a_second_session_after_an_icp_import_shows_no_customers() {
    let data = tempfile::tempdir().unwrap();
    let other = data.path().join("other-client.ron");
    let mut session = storage::load(&crate::workshop("product-led")).unwrap();
    session.meta.title = "Other client".into();
    storage::save(&other, &session).unwrap();

    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    import_customers(&mut harness);
    harness.get_by_label_contains("3 of 22 rows left out");
    assert!(harness.state().doc.session.icp.data.is_some());

    // The facilitator drops the next client's file on the window.
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(other.clone())));
    discard_changes(&mut harness);
    assert_eq!(harness.state().doc.session.meta.title, "Other client");
    assert!(no_customers(harness.state()), "the import stayed behind");

    press(&mut harness, Step::Icp.label());
    assert!(
        harness.query_by_label_contains("rows left out").is_none(),
        "the ICP step shows the previous client's customers"
    );
    // The next change on the ICP step writes no summary of someone else's file.
    for _ in 0..5 {
        harness.run();
    }
    assert_eq!(harness.state().doc.session.icp.data, None);
    assert!(
        !harness.state().doc.is_unsaved(),
        "the opened file is as it was"
    );
}

#[test]
fn a_new_session_from_a_template_starts_with_nothing_imported() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    import_customers(&mut harness);
    harness
        .state_mut()
        .queue(FileCommand::NewFromTemplate("product-led"));
    discard_changes(&mut harness);
    assert!(no_customers(harness.state()));
    press(&mut harness, Step::Icp.label());
    assert!(harness.query_by_label_contains("rows left out").is_none());
    assert_eq!(harness.state().doc.session.icp.data, None);
}
