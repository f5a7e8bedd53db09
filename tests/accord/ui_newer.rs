//! A file written by a newer Accord opens read-only, and is never saved over.

use accord::app::FileCommand;
use accord::model::CURRENT_VERSION;
use accord::storage;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::ui::{app, press};

#[test]
fn a_newer_file_opens_read_only_and_saving_writes_a_copy_in_this_format() {
    let data = tempfile::tempdir().unwrap();
    let newer = data.path().join("next-release.ron");
    std::fs::copy(crate::fixture("hostile/future-version.ron"), &newer).unwrap();
    let before = std::fs::read(&newer).unwrap();

    let mut harness = app(data.path(), Some(newer.clone()));
    assert!(
        harness.state().modal.is_none(),
        "it opened, not the start screen"
    );
    assert_eq!(
        harness.state().doc.session.meta.title,
        "From the next release"
    );
    harness.get_by_label("Read-only: written by a newer Accord");
    harness.get_by_label_contains("written by a newer Accord (file format 4)");
    harness.get_by_label("Read-only");
    // What it holds can be read, not changed.
    let title = harness.get_by_role_and_label(Role::TextInput, "Title");
    assert!(
        title.accesskit_node().is_disabled(),
        "the title field is disabled"
    );

    // Nor does a command from the palette or a shortcut change it.
    let teams = harness.state().doc.session.teams.len();
    harness.state_mut().queue(accord::app::UiCommand::AddTeam);
    harness.run();
    assert_eq!(harness.state().doc.session.teams.len(), teams);
    harness.get_by_label_contains("open read-only: Save a copy as…");

    // Save asks for a new name instead of writing over the newer file; even named, it is not.
    harness
        .state_mut()
        .queue(FileCommand::SaveAs(newer.clone()));
    harness.run();
    harness.get_by_label_contains("Not saved:");
    assert_eq!(
        std::fs::read(&newer).unwrap(),
        before,
        "the newer file is untouched"
    );

    let copy = data.path().join("copy.ron");
    harness.state_mut().queue(FileCommand::SaveAs(copy.clone()));
    harness.run();
    let saved = storage::load(&copy).unwrap();
    assert_eq!(saved.version, CURRENT_VERSION);
    assert_eq!(saved.stages[0].name, "Lead");
    assert!(
        harness.state().doc.newer.is_none(),
        "the copy is this version's to edit"
    );
    assert!(
        harness
            .query_by_label("Read-only: written by a newer Accord")
            .is_none()
    );
    let title = harness.get_by_role_and_label(Role::TextInput, "Title");
    assert!(!title.accesskit_node().is_disabled());
    assert_eq!(std::fs::read(&newer).unwrap(), before);
    press(&mut harness, "Save");
    assert!(storage::load(&copy).is_ok());
}
