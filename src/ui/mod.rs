//! What the app draws: the top bar, the rail of steps, the current step, dialogs and notices.
//! One file per screen; field edits change the document here, everything else is a `Command`.

mod agenda;
mod audit;
mod audit_room;
mod bars;
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
mod rail;
mod review;
pub mod room;
mod scoring;
mod sign;
mod slas;
pub(crate) mod theme;
mod trend;
pub(crate) mod widgets;

use egui::{RichText, Ui};

use crate::app::{App, AppOptions, UiCommand};
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

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        widgets::still::screen_input(ctx, raw_input);
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
    // Before the room's panel, whose body is a still picture too.
    widgets::page_changed(ui.ctx(), page_shape(app));
    widgets::still::begin_frame(ui.ctx(), app.doc.revision(), &[notices::area_id()]);
    if app.presenter {
        bars::presenter_bar(app, ui);
    } else {
        bars::top_bar(app, ui);
        rail::rail(app, ui);
    }
    room::panel(app, ui);
    central(app, ui);
    modals::ui(app, ui.ctx());
    notices::ui(app, ui.ctx());
    // Last: nothing is laid out after it.
    widgets::still::end_frame(ui.ctx());
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
