//! The rail down the left: every step with its mark, the alignment score, and what the marks
//! mean.

use egui::{Button, RichText, Ui};

use super::widgets;
use crate::analysis::progress::StepState;
use crate::app::{App, UiCommand};
use crate::model::Step;

pub(super) fn rail(app: &mut App, ui: &mut Ui) {
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
