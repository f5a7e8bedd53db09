//! What the app draws: the top bar, the rail of steps, the current step, dialogs and notices.
//! One file per screen; field edits change the document here, everything else is a `Command`.

mod agenda;
mod audit;
mod cadence;
mod checklist;
mod definitions;
mod details;
mod feedback;
mod icp;
mod metrics;
mod modals;
mod pipeline;
mod review;
mod scoring;
mod slas;
pub mod theme;
pub mod widgets;

use egui::{Button, RichText, Ui};

use crate::app::{App, Command, Level, TextSize};
use crate::export::Format;
use crate::model::Step;

/// Draws the whole app for one frame.
pub fn app_ui(app: &mut App, ui: &mut Ui) {
    if app.presenter {
        presenter_bar(app, ui);
    } else {
        top_bar(app, ui);
        rail(app, ui);
    }
    central(app, ui);
    modals::ui(app, ui.ctx());
    notices(app, ui.ctx());
}

/// A menu entry for a command, with its shortcut beside it.
fn menu_item(ui: &mut Ui, app: &mut App, command: Command, enabled: bool) {
    let mut button = Button::new(command.label());
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    let response = ui.add_enabled(enabled, button);
    let response = match command.tooltip() {
        "" => response,
        tip => response.on_hover_text(tip),
    };
    if response.clicked() {
        app.queue(command);
    }
}

fn top_bar(app: &mut App, ui: &mut Ui) {
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
            let (status, tip) = match (app.doc.is_unsaved(), app.doc.has_file()) {
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
fn presenter_bar(app: &mut App, ui: &mut Ui) {
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
                        app.queue(Command::TogglePresenter);
                    }
                    agenda::timer_strip(app, ui, false);
                });
            });
        });
}

fn actions(app: &mut App, ui: &mut Ui) {
    let save = widgets::primary_button(ui, "Save").on_hover_text(Command::Save.tooltip());
    if save.clicked() {
        app.queue(Command::Save);
    }
    for (command, enabled) in [
        (Command::Redo, app.doc.can_redo()),
        (Command::Undo, app.doc.can_undo()),
    ] {
        let button = ui.add_enabled(enabled, Button::new(command.label()));
        if button.on_hover_text(command.tooltip()).clicked() {
            app.queue(command);
        }
    }
}

fn menus(app: &mut App, ui: &mut Ui) {
    ui.menu_button("File", |ui| {
        menu_item(ui, app, Command::ChooseTemplate, true);
        menu_item(ui, app, Command::OpenDialog, true);
        let recent = app.prefs.recent_files.clone();
        ui.add_enabled_ui(!recent.is_empty(), |ui| {
            ui.menu_button("Open recent", |ui| {
                for path in recent {
                    menu_item(ui, app, Command::Open(path), true);
                }
                ui.separator();
                menu_item(ui, app, Command::ClearRecentFiles, true);
            });
        });
        ui.separator();
        menu_item(ui, app, Command::Save, true);
        menu_item(ui, app, Command::SaveAsDialog, true);
        ui.separator();
        menu_item(
            ui,
            app,
            Command::ExportDocumentDialog(Format::Markdown),
            true,
        );
        menu_item(ui, app, Command::ExportDocumentDialog(Format::Html), true);
        menu_item(ui, app, Command::ExportDocumentDialog(Format::Pdf), true);
        menu_item(ui, app, Command::ExportDocumentDialog(Format::Xlsx), true);
        menu_item(ui, app, Command::ExportCsvDialog, true);
        menu_item(ui, app, Command::ExportCalendarDialog, true);
        ui.separator();
        menu_item(ui, app, Command::Quit, true);
    });
    ui.menu_button("Edit", |ui| {
        menu_item(ui, app, Command::OpenPalette, true);
        ui.separator();
        let (undo, redo) = (app.doc.can_undo(), app.doc.can_redo());
        menu_item(ui, app, Command::Undo, undo);
        menu_item(ui, app, Command::Redo, redo);
    });
    ui.menu_button("View", |ui| {
        menu_item(ui, app, Command::TogglePresenter, true);
        ui.separator();
        menu_item(ui, app, Command::NextStep, true);
        menu_item(ui, app, Command::PreviousStep, true);
        ui.separator();
        menu_item(ui, app, Command::ToggleTheme, true);
        for size in TextSize::ALL {
            let selected = app.prefs.text_size == size;
            if ui.add(Button::selectable(selected, size.label())).clicked() {
                app.queue(Command::SetTextSize(size));
            }
        }
    });
}

fn rail(app: &mut App, ui: &mut Ui) {
    let frame =
        egui::Frame::side_top_panel(ui.style()).inner_margin(egui::Margin::symmetric(12, 16));
    egui::Panel::left("rail")
        .resizable(false)
        .exact_size(236.0)
        .frame(frame)
        .show(ui, |ui| {
            // On a projector the steps can outgrow the window; the rail scrolls rather than clips.
            egui::ScrollArea::vertical()
                .auto_shrink(false)
                .show(ui, |ui| rail_contents(app, ui));
        });
}

fn rail_contents(app: &mut App, ui: &mut Ui) {
    ui.label(RichText::new("WORKSHOP").small().weak());
    ui.add_space(6.0);
    let overview = app.overview();
    for step in Step::ALL {
        let state = overview.state(step);
        ui.horizontal(|ui| {
            widgets::state_dot(ui, step, state);
            let button = Button::selectable(app.step == step, step.label())
                .right_text(egui::Atom::grow())
                .min_size(egui::vec2(ui.available_width(), 34.0));
            let response = ui.add(button).on_hover_text(step.purpose());
            if response.clicked() {
                app.queue(Command::GoTo(step));
            }
        });
    }
    let readiness = &overview.readiness;
    ui.add_space(16.0);
    ui.separator();
    ui.add_space(6.0);
    let score = format!("Alignment {} of {}", readiness.done(), readiness.total());
    ui.label(widgets::strong_text(score, 15.5));
    widgets::score_bar(ui, readiness.score(), 6.0)
        .on_hover_text("Lines of the readiness checklist that are done");
}

fn central(app: &mut App, ui: &mut Ui) {
    let frame = egui::Frame::central_panel(ui.style()).inner_margin(egui::Margin {
        left: 36,
        right: 20,
        top: 24,
        bottom: 0,
    });
    egui::CentralPanel::default().frame(frame).show(ui, |ui| {
        // Text wraps to what is visible; only a table wider than that (large text on a small
        // screen) scrolls sideways instead of being cut off.
        let visible_width = ui.available_width() - ui.spacing().scroll.bar_width - 8.0;
        egui::ScrollArea::both()
            .auto_shrink(false)
            .id_salt(("step", app.step))
            .show(ui, |ui| {
                ui.set_max_width(widgets::CONTENT_WIDTH.min(visible_width));
                step_header(app, ui);
                match app.step {
                    Step::Details => details::ui(app, ui),
                    Step::Audit => audit::ui(app, ui),
                    Step::Cadence => cadence::ui(app, ui),
                    Step::Metrics => metrics::ui(app, ui),
                    Step::Checklist => checklist::ui(app, ui),
                    Step::Review => review::ui(app, ui),
                    Step::Icp => icp::ui(app, ui),
                    Step::Definitions => definitions::ui(app, ui),
                    Step::LeadScoring => scoring::ui(app, ui),
                    Step::Slas => slas::ui(app, ui),
                    Step::FeedbackLoops => feedback::ui(app, ui),
                    Step::Pipeline => pipeline::ui(app, ui),
                }
                ui.add_space(48.0);
            });
    });
}

fn step_header(app: &mut App, ui: &mut Ui) {
    let step = app.step;
    let number = Step::ALL.iter().position(|s| *s == step).unwrap_or(0) + 1;
    let state = app.overview().state(step);
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!("STEP {number} OF {}", Step::ALL.len()))
                .small()
                .weak(),
        );
        ui.label(RichText::new("·").small().weak());
        ui.label(
            RichText::new(state.label(step))
                .small()
                .color(widgets::state_color(ui, state)),
        );
    });
    ui.label(RichText::new(step.label()).text_style(theme::title_style()));
    ui.label(RichText::new(step.purpose()).size(16.5).weak());
    ui.add_space(10.0);
}

fn notices(app: &mut App, ctx: &egui::Context) {
    let now = ctx.input(|i| i.time);
    if let Some(seconds) = app.notices.expire(now) {
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(seconds.max(0.0)));
    }
    if app.notices.list.is_empty() {
        return;
    }
    egui::Area::new(egui::Id::unique("notices"))
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-20.0, -20.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            ui.set_max_width(460.0);
            let mut dismissed = None;
            for (index, notice) in app.notices.list.iter().enumerate() {
                let error = notice.level == Level::Error;
                let stroke_color = if error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().widgets.noninteractive.bg_stroke.color
                };
                egui::Frame::popup(ui.style())
                    .stroke(egui::Stroke::new(1.0, stroke_color))
                    .inner_margin(egui::Margin::symmetric(14, 10))
                    .show(ui, |ui| {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(&notice.text);
                            if error && ui.button("Dismiss").clicked() {
                                dismissed = Some(index);
                            }
                        });
                    });
                ui.add_space(6.0);
            }
            if let Some(index) = dismissed {
                app.notices.list.remove(index);
            }
        });
}
