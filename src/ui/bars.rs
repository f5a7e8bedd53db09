//! The bars across the top: the editor's (the name, the menus made from the commands, the
//! file's state, the agenda clock, Save, Undo and Redo) and presenter mode's.

use egui::{Button, RichText, Ui};

use super::{agenda, theme, widgets};
use crate::app::{App, FileCommand, Menu, UiCommand};

/// A menu entry for a command, with its shortcut beside it.
fn menu_item(ui: &mut Ui, app: &mut App, command: UiCommand, enabled: bool) {
    let mut button = Button::new(command.label());
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    let response = ui
        .add_enabled(enabled, button)
        .on_hover_text(command.tooltip());
    if response.clicked() {
        app.queue(command);
    }
}

pub(super) fn top_bar(app: &mut App, ui: &mut Ui) {
    let frame =
        egui::Frame::side_top_panel(ui.style()).inner_margin(egui::Margin::symmetric(16, 8));
    egui::Panel::top("top_bar").frame(frame).show(ui, |ui| {
        // The menu bar takes the whole width, so the title and actions live inside it.
        egui::MenuBar::new().ui(ui, |ui| {
            let accent = theme::accent(ui.visuals().dark_mode);
            ui.label(
                RichText::new("Accord")
                    .text_style(egui::TextStyle::Heading)
                    .color(accent),
            );
            ui.add_space(12.0);
            menus(app, ui);
            ui.add_space(24.0);
            ui.label(RichText::new(app.doc.display_name()).strong().size(17.0));
            let period = app.doc.session.meta.period.trim();
            if !period.is_empty() {
                ui.label(RichText::new(period).strong().size(15.0))
                    .on_hover_text("The period this review covers");
            }
            let (status, tip) = match (app.doc.is_unsaved(), app.doc.has_file()) {
                _ if app.doc.newer.is_some() => (
                    "Read-only",
                    "Written by a newer Accord: Save as… writes a copy this version can edit",
                ),
                (false, true) => ("Saved", "Everything is in the session file"),
                (true, true) => ("Unsaved changes", "Save to keep them in the session file"),
                (_, false) => (
                    "Not saved yet",
                    "Save to choose where the session file goes",
                ),
            };
            ui.label(RichText::new(status).weak()).on_hover_text(tip);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                actions(app, ui);
                agenda::timer_strip(app, ui, true);
            });
        });
    });
}

/// Presenter mode's only chrome: the workshop, the step, the agenda clock and the way out.
pub(super) fn presenter_bar(app: &mut App, ui: &mut Ui) {
    let frame =
        egui::Frame::side_top_panel(ui.style()).inner_margin(egui::Margin::symmetric(16, 8));
    egui::Panel::top("presenter_bar")
        .frame(frame)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                // On the shared screen the item being discussed matters more than the file.
                let title = agenda::current_title(app)
                    .map_or_else(|| app.doc.display_name(), str::to_owned);
                ui.label(widgets::strong_text(title, 17.0));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let exit = ui
                        .button("Exit presenter mode")
                        .on_hover_text("F5 switches back to the full editor");
                    if exit.clicked() {
                        app.queue(UiCommand::TogglePresenter);
                    }
                    // The room's code, large, for the room to scan; or the room to open.
                    let room = if app.doc.work.room.is_some() {
                        "Show the room's code"
                    } else {
                        "Open the room…"
                    };
                    if ui
                        .button(room)
                        .on_hover_text(UiCommand::OpenRoom.tooltip())
                        .clicked()
                    {
                        app.queue(UiCommand::OpenRoom);
                    }
                    agenda::timer_strip(app, ui, false);
                });
            });
        });
}

fn actions(app: &mut App, ui: &mut Ui) {
    let save = widgets::primary_button(ui, "Save").on_hover_text(UiCommand::Save.tooltip());
    if save.clicked() {
        app.queue(UiCommand::Save);
    }
    for command in [UiCommand::Redo, UiCommand::Undo] {
        let enabled = can_run(app, command);
        let button = ui.add_enabled(enabled, Button::new(command.label()));
        if button.on_hover_text(command.tooltip()).clicked() {
            app.queue(command);
        }
    }
}

/// False for a command that would do nothing now (undo with no history).
fn can_run(app: &App, command: UiCommand) -> bool {
    match command {
        UiCommand::Undo => app.doc.can_undo(),
        UiCommand::Redo => app.doc.can_redo(),
        UiCommand::CloseRoom => app.doc.work.room.is_some(),
        _ => true,
    }
}

/// The menus, made from the list of commands: each command says which menu and group it
/// belongs to, and a new one appears in its menu without a line here.
fn menus(app: &mut App, ui: &mut Ui) {
    for menu in Menu::ALL {
        ui.menu_button(menu.label(), |ui| {
            // At projector text the File menu is taller than a 720-pixel window: it scrolls,
            // so Quit and the last exports stay within reach.
            let height = ui.ctx().content_rect().height() - 80.0;
            egui::ScrollArea::vertical()
                .max_height(height.max(160.0))
                .show(ui, |ui| menu_ui(app, ui, menu));
        });
    }
}

fn menu_ui(app: &mut App, ui: &mut Ui, menu: Menu) {
    let mut last_group = None;
    for command in UiCommand::all() {
        let Some((place, group)) = command.menu() else {
            continue;
        };
        if place != menu {
            continue;
        }
        if last_group.is_some_and(|last| last != group) {
            ui.separator();
        }
        last_group = Some(group);
        match command {
            UiCommand::SetTextSize(size) => {
                let selected = app.prefs.text_size == size;
                if ui.add(Button::selectable(selected, size.label())).clicked() {
                    app.queue(command);
                }
            }
            _ => menu_item(ui, app, command, can_run(app, command)),
        }
        if command == UiCommand::Open {
            recent_files_ui(app, ui);
        }
    }
}

/// The sessions opened lately, newest first, under Open….
fn recent_files_ui(app: &mut App, ui: &mut Ui) {
    let recent = app.prefs.recent_files.clone();
    ui.add_enabled_ui(!recent.is_empty(), |ui| {
        ui.menu_button("Open recent", |ui| {
            for path in recent {
                if ui.button(path.display().to_string()).clicked() {
                    app.queue(FileCommand::Open(path));
                }
            }
            ui.separator();
            menu_item(ui, app, UiCommand::ClearRecentFiles, true);
        });
    });
}
