//! A computer without a file dialog: Accord says which package brings one, and takes a typed
//! path instead, which does what the dialog's choice would have done.

use accord::app::{Modal, UiCommand};
use egui_kittest::kittest::Queryable as _;

use super::ui::{app, retype, start_sales_led};

#[test]
fn without_a_file_dialog_a_typed_path_opens_saves_and_imports() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);

    // Save as…: the path typed is where the session goes.
    harness.state_mut().queue(UiCommand::SaveAs);
    harness.run();
    assert!(matches!(harness.state().modal, Some(Modal::TypePath(_))));
    harness.get_by_label("Save the session as");
    harness.get_by_label_contains("sudo apt install xdg-desktop-portal-gtk");
    let saved = data.path().join("typed.accord.ron");
    retype(&mut harness, "Path", &saved.display().to_string());
    harness.get_by_label("Use this path").click();
    harness.run();
    assert!(harness.state().modal.is_none());
    assert!(saved.is_file(), "saved where the path said");
    assert_eq!(harness.state().doc.path.as_deref(), Some(saved.as_path()));

    // A file to read must be there: the dialog says so and waits.
    harness.state_mut().queue(UiCommand::ImportLeads);
    harness.run();
    harness.get_by_label("Leads export to score");
    let missing = data.path().join("no such leads.csv");
    retype(&mut harness, "Path", &missing.display().to_string());
    harness.get_by_label_contains("There is no file at");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().modal.is_none());

    // Open…: the typed path opens the session, as the dialog's choice would.
    let other = data.path().join("other.accord.ron");
    let mut session = harness.state().doc.session.clone();
    session.meta.title = "Typed in".to_owned();
    accord::storage::save(&other, &session).unwrap();
    harness.state_mut().queue(UiCommand::Open);
    harness.run();
    harness.get_by_label("Open a session");
    retype(&mut harness, "Path", &other.display().to_string());
    harness.get_by_label("Use this path").click();
    harness.run();
    assert_eq!(harness.state().doc.session.meta.title, "Typed in");
}
