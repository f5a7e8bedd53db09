//! What the app draws: the top bar, the rail of steps, the current step, dialogs and notices.
//! One file per screen; field edits change the document here, everything else is a `Command`.

mod agenda;
mod audit;
mod audit_room;
mod cadence;
mod checklist;
mod compare;
mod crm;
mod definitions;
mod details;
mod feedback;
mod icp;
mod metrics;
mod modals;
mod notices;
mod pipeline;
mod proposals;
mod review;
pub mod room;
mod scoring;
mod sign;
mod slas;
pub(crate) mod theme;
mod trend;
pub(crate) mod widgets;

use egui::{Button, RichText, Ui};

use crate::analysis::progress::StepState;
use crate::app::{App, AppOptions, FileCommand, Menu, UiCommand};
use crate::model::Step;

impl App {
    /// Builds the app for its window: the preferences eframe kept, the theme installed
    /// before the first frame, then the document (see [`App::with_options`]).
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        let prefs = App::stored_prefs(cc);
        theme::install(&cc.egui_ctx, &prefs);
        App::with_options(prefs, options)
    }
}

/// Opens the window and runs the app until it closes.
pub fn run_native(open: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    let options = AppOptions::standard(open);
    eframe::run_native(
        "Accord",
        crate::app::native_options(),
        Box::new(move |cc| Ok(Box::new(App::new(cc, options)))),
    )
    .map_err(|error| anyhow::anyhow!("{error}"))
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.begin_frame(&ctx);
        app_ui(self, ui);
        self.end_frame(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.save_prefs(storage);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.exit();
    }
}

/// Draws the whole app for one frame.
pub fn app_ui(app: &mut App, ui: &mut Ui) {
    theme::follow(ui.ctx(), &mut app.prefs, app.presenter);
    if app.presenter {
        presenter_bar(app, ui);
    } else {
        top_bar(app, ui);
        rail(app, ui);
    }
    room::panel(app, ui);
    widgets::page_changed(ui.ctx(), page_shape(app));
    central(app, ui);
    modals::ui(app, ui.ctx());
    notices::ui(app, ui.ctx());
}

/// What decides where the page's blocks fall: the step, what it shows in full, and how many
/// items each list has. When it changes the blocks are measured afresh; a phone's answer or a
/// word typed (typing lays everything out anyway, having the focus) leaves it alone, so a
/// busy room does not lay out the whole page each frame.
fn page_shape(app: &App) -> impl std::hash::Hash {
    let session = &app.doc.session;
    let work = &app.doc.work;
    (
        app.step,
        (
            work.selected_definition,
            work.selected_stage,
            work.slas.pair,
        ),
        [
            session.teams.len(),
            session.participants.len(),
            session.icp.criteria.len(),
            session.definitions.len(),
            session.scoring.rules.len(),
            session.stages.len(),
            session.slas.len(),
            session.feedback_loops.len(),
            session.meetings.len(),
            session.metrics.len(),
            session.decisions.len(),
            session.actions.len(),
            session.parking_lot.len(),
            session.agenda.items.len(),
        ],
    )
}

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
        let button = widgets::add_enabled(ui, enabled, Button::new(command.label()));
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
                app.queue(UiCommand::GoTo(step));
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
    // What the marks beside the steps mean, for whoever joins the screen mid-way.
    ui.add_space(12.0);
    for (state, meaning) in [
        (StepState::Empty, "Not started"),
        (StepState::Drafted, "In progress"),
        (StepState::Agreed, "Agreed, or complete"),
    ] {
        ui.horizontal(|ui| {
            widgets::state_mark(ui, state);
            ui.label(RichText::new(meaning).small().weak());
        });
    }
}

fn central(app: &mut App, ui: &mut Ui) {
    let frame = egui::Frame::central_panel(ui.style()).inner_margin(egui::Margin {
        left: 36,
        right: 20,
        top: 24,
        bottom: 0,
    });
    egui::CentralPanel::default().frame(frame).show(ui, |ui| {
        // Text wraps to what is visible; a table wider than that (large text on a small
        // screen) scrolls sideways in its own box (`widgets::sideways`). The page still
        // scrolls sideways as a last resort, so a row that does not wrap yet is reachable.
        let visible_width = ui.available_width() - ui.spacing().scroll.bar_width - 8.0;
        let mut page = egui::ScrollArea::vertical()
            .auto_shrink(false)
            .id_salt(("step", app.step));
        if std::mem::take(&mut app.doc.work.scroll_to_top) {
            page = page.vertical_scroll_offset(0.0);
        }
        page.show(ui, |ui| {
            ui.set_max_width(widgets::CONTENT_WIDTH.min(visible_width));
            step_header(app, ui);
            if let Some(newer) = &app.doc.newer {
                let message = newer.message.clone();
                read_only_banner(app, ui, &message);
                // Every step can be read; nothing on it can be changed.
                ui.disable();
            }
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

/// Says why the document cannot be edited, with the way to a copy that can.
fn read_only_banner(app: &mut App, ui: &mut Ui, message: &str) {
    widgets::card(ui, |ui| {
        ui.label(widgets::strong_text(
            "Read-only: written by a newer Accord",
            16.0,
        ));
        ui.label(message);
        ui.add_space(4.0);
        if widgets::primary_button(ui, "Save a copy as…")
            .on_hover_text("Write this session in this version's format, under a new name")
            .clicked()
        {
            app.queue(UiCommand::SaveAs);
        }
    });
    ui.add_space(12.0);
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
