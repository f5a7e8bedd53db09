//! The dialogs that hold the screen: restore unsaved work, start a workshop, keep changes.

use egui::{RichText, Ui};

use super::widgets::{card, primary_button};
use crate::app::{
    App, Command, EditCommand, FileCommand, Modal, UiCommand, WorkshopCommand, palette, paths,
};
use crate::storage::templates::TEMPLATES;

pub fn ui(app: &mut App, ctx: &egui::Context) {
    let Some(modal) = app.modal.clone() else {
        return;
    };
    let id = egui::Id::unique("accord_modal");
    let mut dialog = egui::Modal::new(id);
    // The palette hangs from a fixed line near the top, as command palettes do: its list
    // grows and shrinks below the field as the matches change, and the field never moves.
    if matches!(modal, Modal::Palette(_)) {
        let top = ctx.content_rect().height() * 0.12;
        dialog = dialog.area(
            egui::Modal::default_area(id).anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, top)),
        );
    }
    let response = dialog.show(ctx, |ui| {
        ui.set_width(560.0);
        match &modal {
            Modal::Restore(recovery) => restore_ui(app, ui, recovery),
            Modal::Welcome => welcome_ui(app, ui),
            Modal::ConfirmDiscard { then } => confirm_ui(app, ui, then),
            Modal::Palette(_) => palette_ui(app, ui),
            Modal::Capture { .. } => capture_ui(app, ui),
            Modal::ConfirmRemoveStage { stage, message } => {
                remove_stage_ui(app, ui, *stage, message)
            }
            Modal::ChangedOnDisk { .. } => changed_on_disk_ui(app, ui),
            Modal::Sign(_) => super::sign::ui(app, ui),
            Modal::Compare(_) => super::compare::ui(app, ui),
            Modal::Trend(_) => super::trend::ui(app, ui),
            Modal::OpenRoom(interfaces) => super::room::open_ui(app, ui, interfaces),
            Modal::RoomCode => super::room::code_ui(app, ui),
            Modal::Crm(crm) => super::crm::ui(app, ui, *crm),
            Modal::TypePath(_) => type_path_ui(app, ui),
        }
    });
    // Escape or a click outside dismisses what has a safe "no".
    let dismissable = matches!(
        modal,
        Modal::ConfirmDiscard { .. }
            | Modal::Palette(_)
            | Modal::Capture { .. }
            | Modal::ConfirmRemoveStage { .. }
            | Modal::ChangedOnDisk { .. }
            | Modal::Sign(_)
            | Modal::Compare(_)
            | Modal::Trend(_)
            | Modal::OpenRoom(_)
            | Modal::RoomCode
            | Modal::Crm(_)
            | Modal::TypePath(_)
    );
    if response.should_close() && dismissable {
        app.modal = None;
    }
}

/// How many matches the palette lists at once.
const PALETTE_ROWS: usize = 10;

fn palette_ui(app: &mut App, ui: &mut Ui) {
    let Some(Modal::Palette(palette)) = &mut app.modal else {
        return;
    };
    let field = ui.add(
        egui::TextEdit::singleline(&mut palette.query)
            .hint_text("Type a command, a step, an action…")
            .desired_width(f32::INFINITY),
    );
    let field = field.accessible_name("Command");
    field.request_focus();
    if field.changed() {
        palette.selected = 0;
    }
    let found = palette::matches(&palette.query);
    let (up, down, enter) = ui.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
            i.key_pressed(egui::Key::Enter),
        )
    });
    // As many rows as fit under the field, at most ten: the palette never reaches the
    // screen's edge, where it would be pushed up and the field would jump.
    let row_height = 30.0 + ui.spacing().item_spacing.y;
    let room = (ui.ctx().content_rect().bottom() - ui.cursor().top() - 32.0) / row_height;
    let rows = PALETTE_ROWS.min(room.floor().max(3.0) as usize);
    let shown = found.len().min(rows);
    if down && palette.selected + 1 < shown {
        palette.selected += 1;
    }
    if up {
        palette.selected = palette.selected.saturating_sub(1);
    }
    ui.add_space(6.0);
    let mut chosen = enter
        .then(|| found.get(palette.selected).cloned())
        .flatten();
    if found.is_empty() {
        ui.label(RichText::new("No command matches.").weak());
    }
    for (index, command) in found.iter().take(rows).enumerate() {
        let shortcut = command
            .shortcut()
            .map(|s| ui.ctx().format_shortcut(&s))
            .unwrap_or_default();
        let row = egui::Button::selectable(index == palette.selected, command.label())
            .shortcut_text(shortcut)
            .min_size(egui::vec2(ui.available_width(), 30.0));
        if ui.add(row).clicked() {
            chosen = Some(*command);
        }
    }
    if let Some(command) = chosen {
        app.modal = None;
        app.queue(command);
    }
}

fn heading(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).text_style(super::theme::section_style()));
    ui.add_space(6.0);
}

fn restore_ui(app: &mut App, ui: &mut Ui, recovery: &crate::storage::recovery::Recovery) {
    heading(ui, "Restore unsaved work?");
    let when = recovery
        .written_at
        .map(|t| t.strftime(" at %H:%M on %-d %b").to_string())
        .unwrap_or_default();
    let title = recovery.session.meta.title.trim();
    let title = if title.is_empty() {
        "Untitled workshop"
    } else {
        title
    };
    ui.label(format!(
        "Accord closed before “{title}” was saved. Its last changes were kept{when}."
    ));
    match &recovery.source {
        Some(path) => ui.label(RichText::new(format!("They belong to {}.", path.display())).weak()),
        None => ui.label(RichText::new("The session had not been saved to a file yet.").weak()),
    };
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        if primary_button(ui, "Restore").clicked() {
            app.queue(FileCommand::RestoreRecovery);
        }
        if ui
            .button("Discard")
            .on_hover_text("Throw the unsaved changes away")
            .clicked()
        {
            app.queue(FileCommand::DiscardRecovery);
        }
    });
}

fn welcome_ui(app: &mut App, ui: &mut Ui) {
    heading(ui, "Start a workshop");
    ui.label(
        RichText::new("Each template is a starting point: the room changes everything in it.")
            .weak(),
    );
    ui.add_space(8.0);
    for template in TEMPLATES {
        card(ui, |ui| {
            ui.horizontal(|ui| {
                ui.vertical(|ui| {
                    ui.set_width(ui.available_width() - 90.0);
                    ui.label(RichText::new(template.title).strong());
                    ui.label(RichText::new(template.description).weak());
                });
                let start = primary_button(ui, "Start")
                    .accessible_name(format!("Start {}", template.title));
                if start.clicked() {
                    app.queue(FileCommand::NewFromTemplate(template.name));
                }
            });
        });
        ui.add_space(4.0);
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Open a saved session…").clicked() {
            app.queue(UiCommand::Open);
        }
        if app.doc.has_file() && ui.button("Cancel").clicked() {
            app.modal = None;
        }
    });
    let recent = app.prefs.recent_files.clone();
    if !recent.is_empty() {
        ui.add_space(8.0);
        ui.label(RichText::new("Recent").small().weak());
        for path in recent {
            if ui.link(path.display().to_string()).clicked() {
                app.queue(FileCommand::Open(path));
            }
        }
    }
}

fn confirm_ui(app: &mut App, ui: &mut Ui, then: &Command) {
    heading(
        ui,
        &format!("Save changes to “{}”?", app.doc.display_name()),
    );
    let consequence = match then {
        Command::Ui(UiCommand::Quit) => "Accord is closing.",
        Command::File(FileCommand::Open(_)) => "Another session is opening.",
        _ => "A new session is starting.",
    };
    ui.label(format!(
        "{consequence} The changes since the last save will be lost if you don't save them."
    ));
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        if primary_button(ui, "Save").clicked() {
            app.modal = None;
            app.queue(UiCommand::Save);
            // Runs after the save; if the save did not happen, this asks again.
            app.queue(then.clone());
        }
        if ui.button("Don't save").clicked() {
            app.confirm(ui.ctx(), then.clone());
        }
        if ui.button("Cancel").clicked() {
            app.modal = None;
        }
    });
}

fn remove_stage_ui(app: &mut App, ui: &mut Ui, stage: crate::model::StageId, message: &str) {
    let name = app.doc.session.stage_name(stage).to_owned();
    heading(ui, &format!("Remove the {name} stage?"));
    ui.label(message);
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        if primary_button(ui, "Remove the stage").clicked() {
            app.queue(EditCommand::ConfirmRemoveStage(stage));
        }
        if ui.button("Keep it").clicked() {
            app.modal = None;
        }
    });
}

fn changed_on_disk_ui(app: &mut App, ui: &mut Ui) {
    let (Some(path), Some(name)) = (app.doc.path.clone(), app.doc.file_name()) else {
        app.modal = None;
        return;
    };
    heading(ui, &format!("“{name}” changed since you opened it"));
    ui.label(
        "Another program, or another copy of Accord, saved this file after it was opened here. \
         Saving now replaces what it wrote with what is on this screen.",
    );
    ui.label(
        RichText::new(format!(
            "If you replace it, the other version is kept beside it as {}.",
            crate::storage::backup_path(&path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ))
        .weak(),
    );
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        if primary_button(ui, "Replace it with my version").clicked() {
            app.queue(FileCommand::SaveOverChanged);
        }
        if ui.button("Save mine as a copy…").clicked() {
            app.queue(FileCommand::SaveCopyDialog);
        }
        if ui.button("Cancel").clicked() {
            app.modal = None;
        }
    });
}

/// The small dialog that writes down a decision, action or parked topic: type, then Enter.
fn capture_ui(app: &mut App, ui: &mut Ui) {
    let step = app.step;
    let Some(Modal::Capture { kind, text }) = &mut app.modal else {
        return;
    };
    let kind = *kind;
    heading(ui, kind.prompt());
    ui.label(RichText::new(format!("Linked to {}.", step.label())).weak());
    ui.add_space(6.0);
    let field = ui
        .add(
            egui::TextEdit::multiline(text)
                .desired_rows(2)
                .desired_width(f32::INFINITY)
                .return_key(egui::KeyboardShortcut::new(
                    egui::Modifiers::SHIFT,
                    egui::Key::Enter,
                )),
        )
        .accessible_name(kind.prompt());
    field.request_focus();
    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter) && !i.modifiers.shift);
    ui.add_space(8.0);
    let mut done = enter;
    ui.horizontal(|ui| {
        done |= primary_button(ui, "Record").clicked();
        ui.label(RichText::new("Enter records it · Shift+Enter adds a line · Esc cancels").weak());
    });
    if done {
        let text = std::mem::take(text);
        app.modal = None;
        app.queue(WorkshopCommand::Record(kind, text));
    }
}

/// No system file dialog on this computer: say which package brings one, and take the path
/// typed instead.
fn type_path_ui(app: &mut App, ui: &mut Ui) {
    let Some(Modal::TypePath(typed)) = &mut app.modal else {
        return;
    };
    heading(ui, &typed.purpose.title());
    ui.add(
        egui::Label::new(
            RichText::new(format!(
                "This computer shows no file dialog: Accord found neither a desktop portal with a file chooser nor zenity. Install the package {} (sudo apt install {}), then log in again, to choose files as usual. Meanwhile, type the path.",
                paths::DIALOG_PACKAGE,
                paths::DIALOG_PACKAGE
            ))
            .weak(),
        )
        .wrap(),
    );
    ui.add_space(8.0);
    let field = ui.add(
        egui::TextEdit::singleline(&mut typed.text)
            .desired_width(f32::INFINITY)
            .hint_text("/home/you/Documents/workshop.accord.ron"),
    );
    let field = field.accessible_name("Path");
    // The field takes the keys as the dialog opens, as a system dialog's would.
    if ui.memory(|m| m.focused().is_none()) {
        field.request_focus();
    }
    let checked = typed.path();
    if let Err(problem) = &checked
        && !typed.text.trim().is_empty()
    {
        ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
    }
    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let purpose = typed.purpose.clone();
    ui.add_space(8.0);
    let mut chosen = None;
    let mut cancel = false;
    ui.horizontal(|ui| {
        let use_it = ui.add_enabled(checked.is_ok(), egui::Button::new("Use this path"));
        if use_it.clicked() || (enter && checked.is_ok()) {
            chosen = checked.clone().ok();
        }
        if ui.button("Cancel").clicked() {
            cancel = true;
        }
    });
    if let Some(path) = chosen {
        app.modal = None;
        app.queue(purpose.command(path));
    } else if cancel {
        app.modal = None;
    }
}
