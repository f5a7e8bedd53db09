//! The audit as the room answered it from its phones: how many answered, team by team, and,
//! once the facilitator reveals it, each team's answers side by side.

use egui::{RichText, Ui};

use super::widgets::{card, section, strong_text};
use crate::analysis::room_audit::RoomCard;
use crate::analysis::room_counts::Tally;
use crate::app::room::RoomCommand;
use crate::app::{App, Command};

pub fn ui(ui: &mut Ui, app: &mut App, commands: &mut Vec<Command>) {
    let doc = &mut app.doc;
    let audit = &doc.session.audit;
    if doc.work.room.is_none() && audit.room.is_empty() {
        return;
    }
    let revealed = audit.revealed;
    let revision = doc.revision();
    let room = doc
        .work
        .room_audit
        .get_after(revision, |earlier| match earlier {
            Some(earlier) => RoomCard::after(earlier, &doc.session),
            None => RoomCard::of(&doc.session),
        });
    // While nothing touches it and what it shows stays the same, it is painted from last
    // time: the phones' other edits leave it as it is, and so do their answers changing while
    // they are hidden (the card counts who answered until the facilitator reveals them).
    let shows = (
        revealed,
        (room.answered, &room.by_team),
        revealed.then_some((&room.topics, &room.rows, &room.recognised)),
    );
    super::widgets::still_by_key(ui, shows, |ui| card_ui(ui, revealed, &room, commands));
}

fn card_ui(ui: &mut Ui, revealed: bool, room: &RoomCard, commands: &mut Vec<Command>) {
    section(
        ui,
        "From the room's phones",
        "Each person answers on their own phone, and nobody sees anyone's answers until you reveal them. Where teams answer differently, that difference is a gap of its own.",
    );
    card(ui, |ui| {
        let heading = match room.answered {
            0 => "Nobody has answered yet".to_owned(),
            1 => "1 person answered".to_owned(),
            n => format!("{n} people answered"),
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(strong_text(&heading, 16.5));
            if !room.by_team.is_empty() {
                ui.label(RichText::new(room.by_team.join(" · ")).weak());
            }
        });
        let (label, reveal) = if revealed {
            ("Hide the answers", false)
        } else {
            ("Reveal the answers", true)
        };
        if ui
            .add_enabled(room.answered > 0, egui::Button::new(label))
            .clicked()
        {
            commands.push(RoomCommand::Reveal(reveal).into());
        }
        if !revealed || room.answered == 0 {
            return;
        }
        ui.add_space(8.0);
        // A row a team and a column a question: the three questions fit beside the panel
        // however many teams answered, and a narrow window scrolls the table, not the page.
        egui::ScrollArea::horizontal()
            .id_salt("room-audit-scroll")
            .show(ui, |ui| {
                egui::Grid::new("room-audit")
                    .num_columns(room.topics.len() + 1)
                    .spacing([18.0, 8.0])
                    .striped(true)
                    .show(ui, |ui| {
                        ui.label("");
                        for topic in &room.topics {
                            ui.label(RichText::new(*topic).strong());
                        }
                        ui.end_row();
                        for (team, tallies) in &room.rows {
                            ui.label(RichText::new(team).strong());
                            for tally in tallies {
                                ui.label(tally.map_or("–".to_owned(), Tally::describe));
                            }
                            ui.end_row();
                        }
                    });
            });
        ui.add_space(6.0);
        for (complaint, count) in &room.recognised {
            ui.label(format!(
                "{complaint} — recognised by {count} of {}",
                room.answered
            ));
        }
    });
}
