//! The audit as the room answered it from its phones: how many answered, team by team, and,
//! once the facilitator reveals it, each team's answers side by side.

use egui::{RichText, Ui};

use super::widgets::{card, section, strong_text};
use crate::analysis::audit::{QUESTIONS, QuestionKind, SYMPTOMS};
use crate::analysis::room_audit::{answered_by_team, recognised_by, tallies, teams_that_answered};
use crate::app::live::LiveCommand;
use crate::app::{App, Command};

pub fn ui(ui: &mut Ui, app: &App, commands: &mut Vec<Command>) {
    let session = &app.doc.session;
    let audit = &session.audit;
    if app.doc.work.room.is_none() && audit.room.is_empty() {
        return;
    }
    section(
        ui,
        "From the room's phones",
        "Each person answers on their own phone, and nobody sees anyone's answers until you reveal them. Where teams answer differently, that difference is a gap of its own.",
    );
    card(ui, |ui| {
        let counts: Vec<String> = answered_by_team(session)
            .into_iter()
            .map(|(team, n)| format!("{} {n}", session.team_name(team)))
            .collect();
        let heading = match audit.room.len() {
            0 => "Nobody has answered yet".to_owned(),
            1 => "1 person answered".to_owned(),
            n => format!("{n} people answered"),
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(strong_text(&heading, 16.5));
            if !counts.is_empty() {
                ui.label(RichText::new(counts.join(" · ")).weak());
            }
        });
        let (label, reveal) = if audit.revealed {
            ("Hide the answers", false)
        } else {
            ("Reveal the answers", true)
        };
        if ui
            .add_enabled(!audit.room.is_empty(), egui::Button::new(label))
            .clicked()
        {
            commands.push(LiveCommand::Reveal(reveal).into());
        }
        if !audit.revealed || audit.room.is_empty() {
            return;
        }
        ui.add_space(8.0);
        let teams = teams_that_answered(session);
        // A row a team and a column a question: the three questions fit beside the panel
        // however many teams answered, and a narrow window scrolls the table, not the page.
        let questions: Vec<_> = QUESTIONS
            .iter()
            .filter(|q| q.kind == QuestionKind::YesNo)
            .map(|q| (q.topic, tallies(session, q.key)))
            .collect();
        egui::ScrollArea::horizontal()
            .id_salt("room-audit-scroll")
            .show(ui, |ui| {
                egui::Grid::new("room-audit")
                    .num_columns(questions.len() + 1)
                    .spacing([18.0, 8.0])
                    .striped(true)
                    .show(ui, |ui| {
                        ui.label("");
                        for (topic, _) in &questions {
                            ui.label(RichText::new(*topic).strong());
                        }
                        ui.end_row();
                        for team in &teams {
                            ui.label(RichText::new(session.team_name(Some(*team))).strong());
                            for (_, by_team) in &questions {
                                let text = by_team
                                    .iter()
                                    .find(|(t, _)| t == team)
                                    .map_or("–".to_owned(), |(_, tally)| tally.describe());
                                ui.label(text);
                            }
                            ui.end_row();
                        }
                    });
            });
        ui.add_space(6.0);
        for symptom in SYMPTOMS {
            let count = recognised_by(session, symptom.key);
            if count > 0 {
                ui.label(format!(
                    "{} — recognised by {count} of {}",
                    symptom.complaint,
                    audit.room.len()
                ));
            }
        }
    });
}
