//! The readiness checklist: what is agreed, what is missing, and where to go to finish it.

use egui::{RichText, Ui};

use super::theme;
use super::widgets::{self, card, section};
use crate::app::{App, UiCommand};
use crate::model::{Agreement, Step};

pub fn ui(app: &mut App, ui: &mut Ui) {
    // Worked out once per change of the session, with the rail's score.
    let overview = app.overview();
    let readiness = &overview.readiness;
    let dark = ui.visuals().dark_mode;
    card(ui, |ui| {
        let score = format!("Alignment {} of {}", readiness.done(), readiness.total());
        ui.label(widgets::strong_text(score, 24.0));
        widgets::score_bar(ui, readiness.score(), 10.0);
        ui.label(
            RichText::new(
                "Every line is worked out from what the room has written and signed; none can be ticked by hand.",
            )
            .weak(),
        );
    });
    section(ui, "Checklist", "");
    let mut go_to = None;
    for check in &readiness.checks {
        card(ui, |ui| {
            ui.horizontal(|ui| {
                let (mark, color) = if check.is_done() {
                    ("✓", theme::agreed(dark))
                } else {
                    ("○", theme::drafted(dark))
                };
                ui.label(RichText::new(mark).size(20.0).color(color));
                // The way to the step keeps its place on the right; the title wraps in what
                // is left, so neither runs into the other at projector text.
                let go = format!("{} →", check.step.label());
                let go_width = widgets::button_width(ui, &go);
                let title_width = (ui.available_width() - go_width - 12.0).max(120.0);
                ui.allocate_ui_with_layout(
                    egui::vec2(title_width, 0.0),
                    egui::Layout::left_to_right(egui::Align::Center),
                    |ui| {
                        ui.set_max_width(title_width);
                        ui.add(egui::Label::new(widgets::strong_text(check.title, 17.0)).wrap());
                    },
                );
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let button = ui.button(go).accessible_name(format!(
                        "{}: go to {}",
                        check.title,
                        check.step.label()
                    ));
                    if button.clicked() {
                        go_to = Some(check.step);
                    }
                });
            });
            if !check.missing.is_empty() {
                let indent = egui::Margin {
                    left: 30,
                    ..egui::Margin::ZERO
                };
                egui::Frame::NONE.inner_margin(indent).show(ui, |ui| {
                    ui.spacing_mut().item_spacing.y = 4.0;
                    for line in &check.missing {
                        ui.label(RichText::new(line).weak());
                    }
                });
            }
        });
        ui.add_space(4.0);
    }
    let overdue = &overview.overdue;
    if !overdue.is_empty() {
        section(
            ui,
            "Due for review",
            "Agreed as good enough for now, until these dates: time to look at them again.",
        );
        card(ui, |ui| {
            for (agreement, name, due) in overdue.iter() {
                ui.horizontal(|ui| {
                    ui.label(RichText::new("○").size(20.0).color(theme::drafted(dark)));
                    ui.label(widgets::strong_text(name, 16.0));
                    ui.label(RichText::new(format!("review was due by {due}")).weak());
                    let step = match agreement {
                        Agreement::Icp => Step::Icp,
                        Agreement::Definition(_) => Step::Definitions,
                        Agreement::Sla(_) => Step::Slas,
                        Agreement::Pipeline => Step::Pipeline,
                    };
                    if ui
                        .button(format!("{} →", step.label()))
                        .accessible_name(format!("Review {name}: go to {}", step.label()))
                        .clicked()
                    {
                        go_to = Some(step);
                    }
                });
            }
        });
    }
    if let Some(step) = go_to {
        app.queue(UiCommand::GoTo(step));
    }
    section(
        ui,
        "Documents to hand out",
        "What is not agreed yet is marked as such in every document, so an unfinished session can be handed out too.",
    );
    ui.horizontal_wrapped(|ui| {
        let exports = UiCommand::all()
            .into_iter()
            .filter(|c| matches!(c, UiCommand::Export(_)));
        for command in exports {
            if ui
                .button(command.label())
                .on_hover_text(command.tooltip())
                .clicked()
            {
                app.queue(command);
            }
        }
    });
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new("PDF paper").weak());
        for paper in crate::export::pdf::Paper::ALL {
            let chosen = app.prefs.paper == paper;
            let button = ui
                .selectable_label(chosen, paper.label())
                .accessible_name(format!("{} paper", paper.label()));
            if button.clicked() {
                app.prefs.paper = paper;
            }
        }
    });
    section(
        ui,
        "Into the CRM",
        "The agreed stages, statuses, score and checks as HubSpot's or Salesforce's own configuration, with what is left by hand written out step by step.",
    );
    let crm = UiCommand::SetUpCrm;
    if ui
        .button(crm.label())
        .on_hover_text(crm.tooltip())
        .clicked()
    {
        app.queue(crm);
    }
}
