//! Feedback loops: what the field learns and how it reaches Product and Marketing — the kind of
//! feedback, how it is captured, how often, who owns it and where it lands.

use egui::{RichText, Ui};

use super::theme;
use super::widgets::{
    card, card_text_row, choice, picker_width, session_row, still, strong_text, team_picker,
    team_picker_width,
};
use crate::analysis::sla::and_list;
use crate::app::{App, Command, EditCommand};
use crate::model::{FeedbackKind, FeedbackLoop, Frequency, Function, Session, Team, team_name};

/// Below this width the loops stack in one column instead of two.
const TWO_COLUMN_WIDTH: f32 = 900.0;

pub fn ui(app: &mut App, ui: &mut Ui) {
    let mut commands = Vec::new();
    add_buttons_ui(ui, &app.doc.session, &mut commands);
    let Session {
        teams,
        feedback_loops,
        ..
    } = &mut app.doc.session;
    if feedback_loops.is_empty() {
        ui.label(
            RichText::new(
                "No loop yet. Start with what Sales hears that Product and Marketing never do.",
            )
            .weak(),
        );
    }
    let per_row = if ui.available_width() >= TWO_COLUMN_WIDTH {
        2
    } else {
        1
    };
    let mut index = 0;
    for chunk in feedback_loops.chunks_mut(per_row) {
        ui.columns(per_row, |columns| {
            for (ui, feedback) in columns.iter_mut().zip(chunk.iter_mut()) {
                index += 1;
                ui.with_layout(egui::Layout::top_down(egui::Align::LEFT), |ui| {
                    still(ui, index, |ui| {
                        loop_ui(ui, teams, feedback, index, &mut commands);
                    });
                });
            }
        });
        ui.add_space(10.0);
    }
    for command in commands {
        app.queue(command);
    }
}

/// The first team with `function`.
fn team_of(session: &Session, function: Function) -> Option<crate::model::TeamId> {
    session
        .teams
        .iter()
        .find(|t| t.function == function)
        .map(|t| t.id)
}

/// One-click starts for the two loops every room needs, and a blank one.
fn add_buttons_ui(ui: &mut Ui, session: &Session, commands: &mut Vec<Command>) {
    let sales = session
        .teams
        .iter()
        .find(|t| t.function.is_sales())
        .map(|t| t.id);
    ui.horizontal_wrapped(|ui| {
        for function in [Function::Product, Function::Marketing] {
            let Some(to) = team_of(session, function) else {
                continue;
            };
            let label = format!(
                "Add {} → {}",
                session.team_name(sales),
                session.team_name(Some(to))
            );
            if ui.button(label).clicked() {
                commands.push(Command::Edit(EditCommand::AddFeedbackLoop(sales, Some(to))));
            }
        }
        if ui.button("Add feedback loop").clicked() {
            commands.push(Command::Edit(EditCommand::AddFeedbackLoop(None, None)));
        }
    });
    ui.add_space(10.0);
}

fn loop_ui(
    ui: &mut Ui,
    teams: &[Team],
    feedback: &mut FeedbackLoop,
    n: usize,
    commands: &mut Vec<Command>,
) {
    let name = |field: &str| format!("{field} of feedback loop {n}");
    card(ui, |ui| {
        ui.horizontal(|ui| {
            let kind = match feedback.kind.label().trim() {
                "" => "Feedback",
                kind => kind,
            };
            ui.vertical(|ui| {
                ui.label(strong_text(kind, 18.0));
                ui.label(
                    RichText::new(format!(
                        "{} → {}",
                        team_name(teams, feedback.from_team),
                        team_name(teams, feedback.to_team)
                    ))
                    .weak(),
                );
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let remove = ui
                    .button("Remove")
                    .accessible_name(format!("Remove feedback loop {n}"));
                if remove.clicked() {
                    commands.push(Command::Edit(EditCommand::RemoveFeedbackLoop(feedback.id)));
                }
            });
        });
        let missing = feedback.missing();
        let dark = ui.visuals().dark_mode;
        if missing.is_empty() {
            ui.label(RichText::new("Ready to run").color(theme::agreed(dark)));
        } else {
            ui.label(
                RichText::new(format!("Still needs {}", and_list(&missing)))
                    .color(theme::drafted(dark)),
            );
        }
        ui.add_space(4.0);
        let picker = team_picker_width(ui, teams);
        session_row(ui, "From", |ui, width| {
            team_picker(
                ui,
                ("loop-from", feedback.id),
                teams,
                &mut feedback.from_team,
                picker.min(width),
            )
            .accessible_name(name("From"));
        });
        session_row(ui, "To", |ui, width| {
            team_picker(
                ui,
                ("loop-to", feedback.id),
                teams,
                &mut feedback.to_team,
                picker.min(width),
            )
            .accessible_name(name("To"));
        });
        session_row(ui, "Kind", |ui, width| kind_ui(ui, feedback, width, &name));
        if let FeedbackKind::Other(other) = &mut feedback.kind {
            card_text_row(ui, "", other, "What kind of feedback", &name("Other kind"));
        }
        card_text_row(
            ui,
            "Captured by",
            &mut feedback.capture,
            "A CRM field, interviews, a Slack channel…",
            &name("Captured by"),
        );
        session_row(ui, "How often", |ui, width| {
            let labels = Frequency::ALL.map(Frequency::label);
            choice(
                ui,
                ("loop-frequency", feedback.id),
                &mut feedback.frequency,
                &Frequency::ALL,
                Frequency::label,
                picker_width(ui, labels).min(width),
            )
            .accessible_name(name("How often"));
        });
        session_row(ui, "Owner", |ui, width| {
            team_picker(
                ui,
                ("loop-owner", feedback.id),
                teams,
                &mut feedback.owner,
                picker.min(width),
            )
            .accessible_name(name("Owner"));
        });
        card_text_row(
            ui,
            "Lands in",
            &mut feedback.destination,
            "The board, document or meeting it reaches",
            &name("Lands in"),
        );
    });
}

/// The kind of feedback: one of the named kinds, or the room's own words.
fn kind_ui(ui: &mut Ui, feedback: &mut FeedbackLoop, width: f32, name: &dyn Fn(&str) -> String) {
    const OTHER: &str = "Something else";
    let labels = FeedbackKind::NAMED.iter().map(FeedbackKind::label);
    let width = picker_width(ui, labels.chain([OTHER])).min(width);
    let shown = match &feedback.kind {
        FeedbackKind::Other(_) => OTHER.to_owned(),
        kind => kind.label().to_owned(),
    };
    egui::ComboBox::from_id_salt(("loop-kind", feedback.id))
        .width(width)
        // Tall enough for every kind at projector text, so none hides below a scroll.
        .height(600.0)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for kind in FeedbackKind::NAMED {
                let selected = feedback.kind == kind;
                if ui.selectable_label(selected, kind.label()).clicked() {
                    feedback.kind = kind;
                }
            }
            let other = matches!(feedback.kind, FeedbackKind::Other(_));
            if ui.selectable_label(other, OTHER).clicked() && !other {
                feedback.kind = FeedbackKind::Other(String::new());
            }
        })
        .response
        .accessible_name(name("Kind"));
}
