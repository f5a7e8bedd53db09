//! The window as a person uses it: egui_kittest drives the real app through its accessible labels.

use std::path::{Path, PathBuf};

use accord::app::{App, AppOptions, Command, FileCommand, Modal, UiCommand};
use accord::model::{Agreement, Position, Step};
use accord::storage;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _, by};

/// The real app in a 1280×720 window, its data in `data_dir`.
pub(crate) fn app(data_dir: &Path, open: Option<PathBuf>) -> Harness<'static, App> {
    let options = AppOptions {
        data_dir: data_dir.to_owned(),
        open,
        autosave_delay_seconds: 0.0,
        // A test never waits on a system dialog: where one would open, the path is typed.
        file_dialogs: accord::app::paths::FileDialogs::Typed,
    };
    // kittest applies its own theme after the app starts; match the app's light default.
    // A grid whose columns are sized by fresh data (lead counts per rule) takes a few frames
    // to settle, more than kittest's default of four.
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .with_max_steps(10)
        .with_theme(egui::Theme::Light)
        .build_eframe(move |cc| App::new(cc, options));
    harness.run();
    harness
}

/// Starts the sales-led template from the start screen, as a new user does.
pub(crate) fn start_sales_led(harness: &mut Harness<'static, App>) {
    assert!(matches!(harness.state().modal, Some(Modal::Welcome)));
    harness.get_by_label("Start Sales-led B2B").click();
    harness.run();
    assert!(harness.state().modal.is_none());
}

/// Scrolls the page with the mouse wheel, as a person would, until a node labelled `label` is
/// wholly on screen: long lists lay out only the rows in view, so a row further down does not
/// exist until the page reaches it. Starts from the top of the page; panics at its end.
pub(crate) fn scroll_until_shown(harness: &mut Harness<'static, App>, label: &str) {
    if on_screen(harness, label) {
        return;
    }
    // What is laid out but out of view (a step in the rail, a field below) is scrolled to.
    let laid_out = harness
        .query_all_by_label(label)
        .next()
        .map(|node| node.scroll_to_me());
    if laid_out.is_some() {
        harness.run();
        if on_screen(harness, label) {
            return;
        }
    }
    let page = harness.ctx.content_rect();
    // Over the page, clear of the rail, which scrolls on its own.
    harness.hover_at(egui::pos2(
        page.left() + page.width() * 0.6,
        page.center().y,
    ));
    wheel(harness, 1e6);
    // Half a window at a time: anything up to half a window tall is wholly in view at some
    // point on the way down.
    for _ in 0..1000 {
        if on_screen(harness, label) {
            return;
        }
        wheel(harness, -page.height() / 2.0);
    }
    panic!("scrolled to the end of the page without seeing “{label}” whole");
}

/// True when a node labelled `label` lies wholly inside the window.
fn on_screen(harness: &Harness<'static, App>, label: &str) -> bool {
    // Accessibility boxes are in pixels; the page is in points, which zoom makes larger.
    let page = harness.ctx.content_rect() * harness.ctx.pixels_per_point();
    harness.query_all_by_label(label).any(|node| {
        node.accesskit_node()
            .bounding_box()
            .is_some_and(|b| b.y0 >= f64::from(page.top()) && b.y1 <= f64::from(page.bottom()))
    })
}

fn wheel(harness: &mut Harness<'static, App>, delta: f32) {
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, delta),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::NONE,
    });
    harness.run();
}

/// Scrolls to the button labelled `label` and clicks it, as a person would.
pub(crate) fn press(harness: &mut Harness<'static, App>, label: &str) {
    scroll_until_shown(harness, label);
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

/// Replaces the text of the field labelled `label` (one line or several) with `text`.
pub(crate) fn retype(harness: &mut Harness<'static, App>, label: &str, text: &str) {
    scroll_until_shown(harness, label);
    let role = if harness
        .query_by_role_and_label(Role::TextInput, label)
        .is_some()
    {
        Role::TextInput
    } else {
        Role::MultilineTextInput
    };
    harness.get_by_role_and_label(role, label).scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(role, label).click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_role_and_label(role, label).type_text(text);
    harness.run();
}

#[test]
fn every_step_is_reachable_from_the_rail() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    for (index, step) in Step::ALL.iter().enumerate() {
        harness
            .get_by_role_and_label(Role::Button, step.label())
            .click();
        harness.run();
        assert_eq!(harness.state().step, *step);
        harness.get_by_label(&format!("STEP {} OF {}", index + 1, Step::ALL.len()));
    }
}

#[test]
fn no_step_draws_text_over_text_at_any_text_size() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    for size in ["Normal text", "Large text", "Projector text"] {
        press(&mut harness, "View");
        press(&mut harness, size);
        for step in Step::ALL {
            let rail = harness.get_by_role_and_label(Role::Button, step.label());
            rail.scroll_to_me();
            harness.run();
            harness
                .get_by_role_and_label(Role::Button, step.label())
                .click();
            harness.run();
            eprintln!("{size}, {}:", step.label());
            assert_no_overlaps_down_the_page(&mut harness);
        }
    }
}

/// Scrolls the page from its top to its end, half a window at a time, and fails wherever two
/// lines of text are drawn over each other.
pub(crate) fn assert_no_overlaps_down_the_page(harness: &mut Harness<'static, App>) {
    let page = harness.ctx.content_rect();
    harness.hover_at(egui::pos2(
        page.left() + page.width() * 0.6,
        page.center().y,
    ));
    wheel(harness, 1e6);
    let mut seen = None;
    for _ in 0..100 {
        crate::ui_definitions::assert_no_text_overlaps(harness);
        let lines: Vec<_> = harness
            .root()
            .query_all(by().role(Role::TextRun))
            .filter_map(|n| n.accesskit_node().bounding_box().map(|b| b.y0))
            .map(f64::to_bits)
            .collect();
        if seen.as_ref() == Some(&lines) {
            return; // the page did not move: its end
        }
        seen = Some(lines);
        wheel(harness, -page.height() / 2.0);
    }
}

#[test]
fn editing_the_title_then_undo_restores_it() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    let original = harness.state().doc.session.meta.title.clone();

    retype(&mut harness, "Title", "Acme Q3 alignment");
    assert_eq!(harness.state().doc.session.meta.title, "Acme Q3 alignment");
    assert!(
        harness.query_by_label("Acme Q3 alignment").is_some(),
        "the top bar shows it"
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().doc.session.meta.title, original);

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(harness.state().doc.session.meta.title, "Acme Q3 alignment");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().doc.session.meta.title, original);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(
        harness.state().doc.session.meta.title,
        "Acme Q3 alignment",
        "Ctrl+Y redoes too"
    );
}

#[test]
fn teams_and_participants_are_edited_on_the_details_screen() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);

    press(&mut harness, "+ Add participant");
    retype(&mut harness, "Participant 1 name", "Dana Whitfield");
    let session = &harness.state().doc.session;
    assert_eq!(session.participants.len(), 1);
    assert_eq!(session.participants[0].name, "Dana Whitfield");

    let teams_before = harness.state().doc.session.teams.len();
    press(&mut harness, "+ Add team");
    retype(
        &mut harness,
        &format!("Team {} name", teams_before + 1),
        "RevOps",
    );
    assert_eq!(
        harness
            .state()
            .doc
            .session
            .teams
            .last()
            .map(|t| t.name.as_str()),
        Some("RevOps")
    );
}

#[test]
fn a_saved_session_loads_back_equal() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("acme.ron");
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    retype(&mut harness, "Company", "Acme Corp");
    harness.get_by_label("Not saved yet");

    harness.state_mut().queue(FileCommand::SaveAs(path.clone()));
    harness.run();
    harness.get_by_label("Saved");
    let saved = harness.state().doc.session.clone();
    assert_eq!(storage::load(&path).unwrap(), saved);

    let reopened = app(data.path(), Some(path.clone()));
    assert_eq!(reopened.state().doc.session, saved);
    assert!(!reopened.state().doc.is_unsaved());
    assert_eq!(reopened.state().doc.path.as_deref(), Some(path.as_path()));
}

/// Opens a blank session saved at `path` and types a company name; meanwhile a colleague's
/// copy of Accord saves the same file with another. Returns the window and their file's bytes.
fn edited_while_another_program_saved(
    data_dir: &Path,
    path: &Path,
) -> (Harness<'static, App>, Vec<u8>) {
    let blank = storage::templates::find("blank").unwrap();
    storage::save(path, &blank.session().unwrap()).unwrap();
    let mut harness = app(data_dir, Some(path.to_owned()));
    retype(&mut harness, "Company", "Acme Corp");
    let mut theirs = storage::load(path).unwrap();
    theirs.meta.company = "Acme (their edit)".into();
    storage::save(path, &theirs).unwrap();
    (harness, std::fs::read(path).unwrap())
}

#[test]
fn saving_mine_as_a_copy_keeps_theirs_and_goes_on_with_what_waited() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("acme.ron");
    let (mut harness, their_bytes) = edited_while_another_program_saved(data.path(), &path);

    // "Save, then go on" meets the question; a version that cannot be written, over theirs or
    // as a copy, lets nothing run past it, and the work stays unsaved. A text too long to open
    // again stops any save, whoever runs it.
    let company = harness.state().doc.session.meta.company.clone();
    harness.state_mut().doc.session.meta.company = "\"".repeat(150_000);
    harness.state_mut().queue(UiCommand::Save);
    harness.state_mut().queue(UiCommand::NextStep);
    harness.run();
    let step = harness.state().step;
    harness.get_by_label("Replace it with my version").click();
    harness.run();
    harness.get_by_label_contains("Not saved: the text that starts");
    assert_eq!(harness.state().step, step, "nothing ran past a failed save");
    assert_eq!(std::fs::read(&path).unwrap(), their_bytes);
    harness.state_mut().doc.session.meta.company = company;

    harness.state_mut().queue(UiCommand::Save);
    harness.state_mut().queue(UiCommand::NextStep);
    harness.run();
    let step = harness.state().step;
    let nowhere = folder.path().join("no such folder").join("mine.ron");
    // The system dialog's answer, as "Save mine as a copy…" passes it on.
    harness.state_mut().queue(FileCommand::SaveCopy(nowhere));
    harness.run();
    harness.get_by_label_contains("no such folder");
    assert_eq!(harness.state().step, step, "nothing ran past a failed save");
    assert!(harness.state().doc.is_unsaved());

    harness.state_mut().queue(UiCommand::Save);
    harness.state_mut().queue(UiCommand::NextStep);
    harness.run();
    harness.get_by_label("Save mine as a copy…");
    let copy = folder.path().join("acme (mine).ron");
    harness
        .state_mut()
        .queue(FileCommand::SaveCopy(copy.clone()));
    harness.run();
    assert!(harness.state().modal.is_none());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        their_bytes,
        "theirs is untouched"
    );
    assert_eq!(storage::load(&copy).unwrap().meta.company, "Acme Corp");
    assert_ne!(harness.state().step, step, "what waited ran after the save");
    assert!(!harness.state().doc.is_unsaved());
    assert_eq!(harness.state().doc.path.as_deref(), Some(copy.as_path()));
}

#[test]
fn a_file_changed_by_another_program_is_not_overwritten_without_asking() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("acme.ron");
    let (mut harness, their_bytes) = edited_while_another_program_saved(data.path(), &path);

    // Coming back to the window, the room hears of it at once, and only once per change.
    let told = "“acme.ron” was changed by another program since it was opened here.";
    for _ in 0..2 {
        harness.event(egui::Event::WindowFocused(false));
        harness.event(egui::Event::WindowFocused(true));
        harness.run();
        assert_eq!(harness.query_all_by_label_contains(told).count(), 1);
    }
    assert_eq!(std::fs::read(&path).unwrap(), their_bytes, "only looked at");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("“acme.ron” changed since you opened it");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        their_bytes,
        "nothing written yet"
    );
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().modal.is_none());
    assert_eq!(std::fs::read(&path).unwrap(), their_bytes);
    assert!(harness.state().doc.is_unsaved(), "the work is still open");

    // Commands queued after the save (as "Save" then "Quit" from the close dialog) wait for
    // the answer rather than running past it.
    harness.state_mut().queue(UiCommand::Save);
    harness.state_mut().queue(UiCommand::NextStep);
    harness.run();
    let Some(Modal::ChangedOnDisk { then }) = &harness.state().modal else {
        panic!("expected the question again");
    };
    assert_eq!(then, &[Command::Ui(UiCommand::NextStep)]);
    let step = harness.state().step;

    harness.get_by_label("Replace it with my version").click();
    harness.run();
    assert!(harness.state().modal.is_none());
    assert_eq!(storage::load(&path).unwrap().meta.company, "Acme Corp");
    assert_eq!(
        std::fs::read(storage::backup_path(&path)).unwrap(),
        their_bytes,
        "their version is kept as the backup"
    );
    assert_ne!(
        harness.state().step,
        step,
        "the waiting command ran after the save"
    );
    assert!(!harness.state().doc.is_unsaved());

    // Once saved, the next save writes without asking.
    harness.state_mut().queue(UiCommand::GoTo(Step::Details));
    harness.run();
    retype(&mut harness, "Company", "Acme Corporation");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(harness.state().modal.is_none());
    assert_eq!(
        storage::load(&path).unwrap().meta.company,
        "Acme Corporation"
    );
}

#[test]
fn a_file_that_fails_to_open_leaves_the_work_and_the_file_alone() {
    let data = tempfile::tempdir().unwrap();
    let broken = super::fixture("broken-syntax.ron");
    let before = std::fs::read(&broken).unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    retype(&mut harness, "Company", "Acme Corp");

    // Unsaved work: opening another file asks first.
    harness.state_mut().queue(FileCommand::Open(broken.clone()));
    harness.run();
    assert!(matches!(
        harness.state().modal,
        Some(Modal::ConfirmDiscard { .. })
    ));
    harness.get_by_label("Don't save").click();
    harness.run();

    assert_eq!(harness.state().doc.session.meta.company, "Acme Corp");
    let message = format!("{}:4:", broken.display());
    assert!(
        harness.query_by_label_contains(&message).is_some(),
        "the error names file, line and column"
    );
    assert_eq!(std::fs::read(&broken).unwrap(), before);
}

#[test]
fn the_recovery_file_brings_back_an_edit_after_a_crash() {
    let data = tempfile::tempdir().unwrap();
    {
        let mut harness = app(data.path(), None);
        start_sales_led(&mut harness);
        retype(&mut harness, "Title", "Work that was never saved");
        harness.run();
        // The harness is dropped without closing the app: as after a crash or kill -9.
    }
    assert!(data.path().join("recovery.ron").exists());

    let mut harness = app(data.path(), None);
    assert!(matches!(harness.state().modal, Some(Modal::Restore(_))));
    harness.get_by_label("Restore").click();
    harness.run();
    let doc = &harness.state().doc;
    assert_eq!(doc.session.meta.title, "Work that was never saved");
    assert!(doc.is_unsaved(), "restored work is not on disk yet");
}

#[test]
fn discarding_recovered_work_removes_it_for_good() {
    let data = tempfile::tempdir().unwrap();
    {
        let mut harness = app(data.path(), None);
        start_sales_led(&mut harness);
        retype(&mut harness, "Title", "Throwaway");
    }
    let mut harness = app(data.path(), None);
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(!data.path().join("recovery.ron").exists());
    assert!(matches!(harness.state().modal, Some(Modal::Welcome)));
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    retype(&mut harness, "Title", "Half-finished");

    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.run();
    assert!(matches!(
        harness.state().modal,
        Some(Modal::ConfirmDiscard { .. })
    ));
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().modal.is_none());
    assert_eq!(harness.state().doc.session.meta.title, "Half-finished");
}

#[test]
fn the_theme_shortcut_switches_between_light_and_dark() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    assert!(!harness.ctx.global_style().visuals.dark_mode);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    harness.run();
    assert!(harness.state().prefs.dark);
    assert!(harness.ctx.global_style().visuals.dark_mode);
}

#[test]
fn quitting_without_saving_leaves_no_recovery_offer() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    retype(&mut harness, "Title", "Not worth keeping");
    assert!(data.path().join("recovery.ron").exists());

    harness.state_mut().queue(UiCommand::Quit);
    harness.run();
    harness.get_by_label("Don't save").click();
    harness.run();
    assert!(!data.path().join("recovery.ron").exists());
}

#[test]
fn an_audit_no_becomes_a_gap_whose_link_leads_to_its_step() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, "Alignment audit");
    assert_eq!(harness.state().step, Step::Audit);

    press(&mut harness, "Written lead definition: No");
    let audit = &harness.state().doc.session.audit;
    assert_eq!(
        audit.answers.get("written-lead-definition"),
        Some(&accord::model::Answer::No)
    );
    harness.get_by_label("No written definition of a qualified lead that both teams share.");

    press(
        &mut harness,
        "Add as action: No written definition of a qualified lead that both teams share.",
    );
    let actions = &harness.state().doc.session.actions;
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].step, Some(Step::Audit), "it came from the audit");
    assert_eq!(actions[0].gap.as_deref(), Some("written-lead-definition"));
    harness.get_by_label("✓ Action added");

    press(&mut harness, "Go to Shared definitions →");
    assert_eq!(harness.state().step, Step::Definitions);
}

#[test]
fn the_checklist_jumps_to_what_is_missing() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, "Checklist & export");
    assert_eq!(
        harness.get_all_by_label("Alignment 0 of 7").count(),
        2,
        "on the rail and on the checklist"
    );
    harness.get_by_label("Product owns no metric.");
    press(
        &mut harness,
        "North-star metric chosen: go to Unified metrics",
    );
    assert_eq!(harness.state().step, Step::Metrics);

    press(&mut harness, "Net revenue retention");
    let session = &harness.state().doc.session;
    let stars: Vec<_> = session.metrics.iter().filter(|m| m.north_star).collect();
    assert_eq!(stars.len(), 1);
    assert_eq!(stars[0].name, "Net revenue retention");
    let named = |name| session.metrics.iter().filter(|m| m.name == name).count();
    assert_eq!(
        named("Net revenue retention"),
        1,
        "the existing metric is promoted, not copied"
    );
    retype(&mut harness, "Metric 1 who cares", "The board");
    assert_eq!(
        harness.state().doc.session.metrics[0].who_cares,
        "The board"
    );
    assert!(
        harness.query_by_label("Alignment 1 of 7").is_some(),
        "the rail's score follows"
    );
}

#[test]
fn decisions_actions_and_parked_topics_are_kept_in_the_review() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, "Decisions & actions");
    harness.get_by_label("No decisions recorded yet.");

    press(&mut harness, "+ Add decision");
    retype(
        &mut harness,
        "Decision 1",
        "MQL threshold stays at 50 for one quarter",
    );
    press(&mut harness, "+ Add action item");
    retype(&mut harness, "Action 1", "Send the SLA draft to Finance");
    retype(&mut harness, "Action 1 owner", "Dana");
    press(&mut harness, "+ Park a topic");
    retype(&mut harness, "Parked topic 1", "Commission on renewals");

    let session = &harness.state().doc.session;
    assert_eq!(
        session.decisions[0].text,
        "MQL threshold stays at 50 for one quarter"
    );
    assert_eq!(session.decisions[0].step, Some(Step::Review));
    assert_eq!(session.actions[0].owner, "Dana");
    assert_eq!(session.parking_lot[0].text, "Commission on renewals");

    press(&mut harness, "Remove decision 1");
    assert!(harness.state().doc.session.decisions.is_empty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        harness.state().doc.session.decisions.len(),
        1,
        "undo brings it back"
    );
}

#[test]
fn projector_text_enlarges_everything_and_the_form_stays_reachable() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    assert_eq!(harness.ctx.zoom_factor(), 1.0);
    press(&mut harness, "View");
    press(&mut harness, "Projector text");
    assert_eq!(
        harness.state().prefs.text_size,
        accord::app::TextSize::Projector
    );
    assert_eq!(harness.ctx.zoom_factor(), 1.5);
    // The last control of the screen can still be scrolled to and used.
    press(&mut harness, "+ Add participant");
    assert_eq!(harness.state().doc.session.participants.len(), 1);

    // egui's own zoom keys move the text size too, and the View menu ticks what is shown.
    let size = |harness: &egui_kittest::Harness<'static, accord::app::App>| {
        (harness.state().prefs.text_size, harness.ctx.zoom_factor())
    };
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    harness.run();
    assert_eq!(size(&harness), (accord::app::TextSize::Normal, 1.0));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    harness.run();
    assert_eq!(size(&harness), (accord::app::TextSize::Large, 1.25));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    harness.run();
    assert_eq!(size(&harness), (accord::app::TextSize::Normal, 1.0));
    press(&mut harness, "View");
    let ticked = harness.get_by_role_and_label(Role::Button, "Normal text");
    assert_eq!(
        ticked.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True),
        "the menu ticks the size on screen"
    );
}

#[test]
fn the_palette_runs_add_decision_and_the_decision_lands_in_the_log() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, "Alignment audit");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run();
    assert!(matches!(harness.state().modal, Some(Modal::Palette(_))));
    harness
        .get_by_role_and_label(Role::TextInput, "Command")
        .type_text("add dec");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert!(
        matches!(harness.state().modal, Some(Modal::Capture { .. })),
        "Add decision asks what was decided"
    );
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Record a decision")
        .type_text("Product joins the weekly lead review");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.state().modal.is_none());
    let decisions = &harness.state().doc.session.decisions;
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0].text, "Product joins the weekly lead review");
    assert_eq!(
        decisions[0].step,
        Some(Step::Audit),
        "it remembers where it was taken"
    );
    assert_eq!(
        harness.state().step,
        Step::Audit,
        "capturing does not leave the step"
    );

    // The palette also navigates: straight to the log, where the decision is.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Command")
        .type_text("decisions");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().step, Step::Review);
    let logged = harness
        .get_by_role_and_label(Role::TextInput, "Decision 1")
        .value();
    assert_eq!(
        logged.as_deref(),
        Some("Product joins the weekly lead review")
    );
    assert!(harness.query_by_label("from Alignment audit →").is_some());
}

#[test]
fn shortcuts_capture_actions_and_parked_topics_from_any_step() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, "Unified metrics");
    for (key, label, text) in [
        (
            Key::T,
            "Record an action item",
            "Finance drafts CAC payback target",
        ),
        (Key::P, "Park a topic", "Commission on renewals"),
    ] {
        harness.key_press_modifiers(Modifiers::COMMAND, key);
        harness.run();
        harness
            .get_by_role_and_label(Role::MultilineTextInput, label)
            .type_text(text);
        harness.run();
        harness.key_press(Key::Enter);
        harness.run();
    }
    let session = &harness.state().doc.session;
    assert_eq!(session.actions[0].text, "Finance drafts CAC payback target");
    assert_eq!(session.actions[0].step, Some(Step::Metrics));
    assert_eq!(session.parking_lot[0].text, "Commission on renewals");

    // Escape cancels and records nothing.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::D);
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Record a decision")
        .type_text("Half a thought");
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().modal.is_none());
    assert!(harness.state().doc.session.decisions.is_empty());
}

#[test]
fn starting_an_agenda_item_runs_its_clock_and_goes_to_its_step() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, "Start agenda item 2");
    assert_eq!(harness.state().doc.work.timer.current, Some(1));
    assert!(harness.state().doc.work.timer.is_running());
    assert_eq!(harness.state().step, Step::Icp);
    assert!(
        harness.query_by_label_contains(" left").is_some(),
        "the countdown shows"
    );

    // Let the harness's clock move on, then pause: the time spent is kept in the session.
    harness.run_steps(20);
    press(&mut harness, "Pause or resume the agenda clock");
    assert!(!harness.state().doc.work.timer.is_running());
    let spent = harness.state().doc.session.agenda.items[1].actual_seconds;
    assert!(spent >= 4, "about five seconds went by, {spent} recorded");

    press(&mut harness, "Next");
    assert_eq!(harness.state().doc.work.timer.current, Some(2));
    assert_eq!(harness.state().step, Step::Definitions);
}

#[test]
fn presenter_mode_enlarges_the_text_hides_the_chrome_and_still_edits() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    assert!(
        harness.query_by_label("WORKSHOP").is_some(),
        "the rail is shown"
    );

    harness.key_press(Key::F5);
    harness.run();
    assert!(harness.state().presenter);
    assert_eq!(harness.ctx.zoom_factor(), 1.5, "projector-sized text");
    assert!(harness.query_by_label("WORKSHOP").is_none(), "no rail");
    assert!(harness.query_by_label("File").is_none(), "no menus");
    retype(&mut harness, "Company", "Acme Corp");
    assert_eq!(harness.state().doc.session.meta.company, "Acme Corp");

    press(&mut harness, "Exit presenter mode");
    assert!(!harness.state().presenter);
    assert_eq!(harness.ctx.zoom_factor(), 1.0);
    assert!(harness.query_by_label("WORKSHOP").is_some());
}

#[test]
fn an_idle_window_stops_repainting_even_with_the_clock_running() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    // Nothing changes: one frame settles it, nothing asks for the next.
    assert!(harness.run() <= 1, "an idle window keeps repainting");
    press(&mut harness, "Start agenda item 1");
    // The countdown asks for a frame a second from now, not for the next frame.
    assert!(harness.run() <= 1, "the countdown repaints every frame");
}

/// A file dropped on the window, as a file manager delivers it.
#[derive(Debug)]
pub(crate) struct Dropped(pub(crate) PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Steps frames until `done` holds, for work on a worker thread: its progress bar keeps asking
/// for frames, so `run` would never settle. Fails after 20 seconds.
pub(crate) fn step_until(
    harness: &mut Harness<'static, App>,
    what: &str,
    done: impl Fn(&App) -> bool,
) {
    let started = std::time::Instant::now();
    while !done(harness.state()) {
        assert!(started.elapsed().as_secs() < 20, "never: {what}");
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    harness.run();
}

/// Picks `option` in the drop-down named `name`.
pub(crate) fn pick(harness: &mut Harness<'static, App>, name: &str, option: &str) {
    scroll_until_shown(harness, name);
    harness.get_by_label(name).click();
    harness.run();
    harness.get_by_label(option).click();
    harness.run();
}

/// Goes to the ICP step and imports the plain-headers customer export, mapping its columns
/// by hand as a facilitator does, until its analysis is on screen.
pub(crate) fn import_customers(harness: &mut Harness<'static, App>) {
    press(harness, Step::Icp.label());
    let file = crate::fixture("import/customers-plain-headers.csv");
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(file)));
    harness.run();
    // No header says revenue or churn, so the screen asks for them.
    harness.get_by_label_contains("Choose the column that holds revenue");
    pick(harness, "Role of Yearly value", "Revenue");
    pick(harness, "Role of Gone", "Churned or active");
    pick(harness, "Role of Months", "Tenure");
    harness.get_by_label("Import customers").scroll_to_me();
    harness.run();
    harness.get_by_label("Import customers").click();
    step_until(harness, "the import finished", |app| {
        matches!(app.doc.work.icp.phase, accord::app::icp::Phase::Explored(_))
    });
    harness.run();
}

#[test]
fn a_customer_export_is_mapped_imported_and_its_top_pattern_shown() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    import_customers(&mut harness);
    harness.get_by_label("19");
    harness.get_by_label_contains("3 of 22 rows left out");
    // The analysis reads at every text size: bars, lifts and suggestions stay apart.
    for size in ["Projector text", "Normal text"] {
        press(&mut harness, "View");
        press(&mut harness, size);
        assert_no_overlaps_down_the_page(&mut harness);
    }

    retype(&mut harness, "Band edges of Headcount", "50, 100");
    // The ranked patterns lead with the band the hand count puts first: lift 3.2.
    harness.get_by_label("Headcount: ≥ 100");
    harness.get_by_label("3.2×");

    press(&mut harness, "Accept Sector Fintech, Software");
    let icp = &harness.state().doc.session.icp;
    assert_eq!(icp.criteria.len(), 1);
    assert_eq!(icp.criteria[0].values, ["Fintech", "Software"]);
    let data = icp.data.as_ref().expect("the summary is in the session");
    assert_eq!(data.source_file, "customers-plain-headers.csv");
    assert_eq!(
        (data.rows_read, data.rows_skipped, data.customers),
        (22, 3, 19)
    );
    assert_eq!(data.content_hash.len(), 64);
    assert!(
        data.findings
            .iter()
            .any(|f| f.value == "≥ 100" && !f.anti_pattern)
    );
    // Accepted, the suggestion leaves the list; its row in the ICP is editable.
    assert!(
        harness
            .query_by_label("Accept Sector Fintech, Software")
            .is_none()
    );
    harness.get_by_role_and_label(Role::TextInput, "Values of criterion 1");
}

#[test]
fn a_team_signs_the_icp_then_blocks_it_and_an_edit_leaves_its_signature_on_the_old_wording() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::Icp.label());

    let marketing = {
        let session = &harness.state().doc.session;
        let team = session
            .teams
            .iter()
            .find(|t| t.name == "Marketing")
            .unwrap();
        assert!(team.signs_off);
        team.id
    };
    let standing = |harness: &Harness<'static, App>| {
        let session = &harness.state().doc.session;
        let state = session.agreement_state(Agreement::Icp).unwrap();
        let (_, standing) = state.teams.iter().find(|(t, _)| *t == marketing).unwrap();
        (
            standing.position(),
            standing.signature().map(|s| s.reason.clone()),
        )
    };
    use crate::ui_definitions::sign_in_window;
    sign_in_window(
        &mut harness,
        "ICP",
        "Marketing",
        "facilitator",
        "Endorses",
        "",
    );
    assert_eq!(standing(&harness).0, Some(Position::Endorse));

    // A reason is asked for every position but an endorsement.
    press(&mut harness, "Sign for Marketing on ICP");
    press(&mut harness, "The facilitator, on the team's behalf");
    harness
        .get_by_role_and_label(Role::RadioButton, "Blocks")
        .click();
    harness.run();
    harness.get_by_label("This position needs a reason.");
    press(&mut harness, "Cancel");
    sign_in_window(
        &mut harness,
        "ICP",
        "Marketing",
        "facilitator",
        "Blocks",
        "Too narrow",
    );
    assert_eq!(
        standing(&harness),
        (Some(Position::Block), Some("Too narrow".to_owned()))
    );

    // Rewriting the ICP leaves that signature on the wording it was given to.
    retype(&mut harness, "ICP statement", "Fintech scale-ups");
    assert_eq!(standing(&harness).0, None, "no position on today's wording");
    scroll_until_shown(&mut harness, "Marketing signed an earlier wording");
    let history = &harness.state().doc.session.icp.signatures.history;
    assert_eq!(history.len(), 2, "both signatures stay, as history");
}

#[test]
fn the_checklist_offers_the_documents_and_an_export_writes_what_the_cli_writes() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::Checklist.label());
    for button in [
        "Export the agreement (Markdown)…",
        "Export a printable page (HTML)…",
        "Export a PDF…",
        "Export the tables (CSV)…",
        "Export calendar (.ics)…",
    ] {
        harness.get_by_label(button);
    }
    // The save dialog is the system's; what follows it is this command.
    let target = data.path().join("agreement.md");
    harness.state_mut().queue(FileCommand::Export(
        accord::export::Format::Markdown,
        target.clone(),
    ));
    harness.run();
    harness.get_by_label_contains("Saved to");
    let written = std::fs::read(&target).unwrap();
    // The same session through the command line gives the same bytes.
    let session_file = data.path().join("session.ron");
    harness
        .state_mut()
        .queue(FileCommand::SaveAs(session_file.clone()));
    harness.run();
    let by_cli = data.path().join("by-cli.md");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_accord"))
        .arg("export")
        .arg(&session_file)
        .args(["--format", "md", "--output"])
        .arg(&by_cli)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        written,
        std::fs::read(&by_cli).unwrap(),
        "the window and the CLI agree"
    );
    assert!(written.starts_with(b"# "), "a Markdown document");

    // The PDF is typeset in the app, on A4, with the same content as the other documents.
    let pdf = data.path().join("agreement.pdf");
    harness.state_mut().queue(FileCommand::Export(
        accord::export::Format::Pdf,
        pdf.clone(),
    ));
    harness.run();
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(String::from_utf8_lossy(&bytes).contains("/MediaBox[0 0 595.2756 841.8898]"));
    let text = pdf_extract::extract_text_from_mem(&bytes).unwrap();
    let title = &harness.state().doc.session.meta.title;
    assert!(text.contains(title.as_str()), "{title} not in: {text}");

    // A room in North America picks US Letter once; the next PDF is on it.
    press(&mut harness, "US Letter paper");
    harness.state_mut().queue(FileCommand::Export(
        accord::export::Format::Pdf,
        pdf.clone(),
    ));
    harness.run();
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(String::from_utf8_lossy(&bytes).contains("/MediaBox[0 0 612 792]"));
    assert_eq!(
        harness.state().prefs.paper,
        accord::export::pdf::Paper::Letter
    );
}

#[test]
fn the_empty_criteria_list_points_to_what_is_there() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, accord::model::Step::Icp.label());
    crate::ui::scroll_until_shown(
        &mut harness,
        "None yet: add one, or import the customers to see what sets the best apart.",
    );
    assert!(
        harness
            .query_by_label_contains("accept a suggestion above")
            .is_none(),
        "no suggestion is above before the customers are imported"
    );
}

#[test]
fn at_projector_text_the_file_menu_scrolls_to_its_last_item() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, "View");
    press(&mut harness, "Projector text");
    harness.get_by_label("File").click();
    harness.run();
    let page = harness.ctx.content_rect() * harness.ctx.pixels_per_point();
    let bottom_of = |harness: &Harness<'static, App>, label: &str| {
        harness
            .query_all_by_label_contains(label)
            .find(|node| node.accesskit_node().role() == Role::Button)
            .unwrap()
            .accesskit_node()
            .bounding_box()
            .unwrap()
    };
    let open = bottom_of(&harness, "New from template…");
    // The mouse over the menu, the wheel turned down as far as it goes.
    harness.hover_at(egui::pos2(
        ((open.x0 + open.x1) / 2.0 / f64::from(harness.ctx.pixels_per_point())) as f32,
        ((open.y0 + open.y1) / 2.0 / f64::from(harness.ctx.pixels_per_point())) as f32,
    ));
    harness.run();
    for _ in 0..10 {
        wheel(&mut harness, -400.0);
    }
    let quit = bottom_of(&harness, "Quit");
    assert!(
        quit.y1 <= f64::from(page.bottom()) && quit.y0 >= 0.0,
        "Quit is within the window: {quit:?} in {page:?}"
    );
}

#[test]
fn the_rail_says_what_its_marks_mean() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    harness.get_by_label("Agreed, or complete");
    assert!(harness.query_all_by_label("Not started").count() >= 1);
}
