//! Each team's own wording side by side, three to a row, with the text the room settles on
//! below: for a definition, and for the ICP's statement.

use egui::{TextEdit, Ui};

use super::widgets::{SIDE_BY_SIDE_WIDTH, card, section, strong_text, team_picker};
use crate::app::{Command, EditCommand};
use crate::model::{Agreement, Team, Wording};

/// The proposals of `of`. `merged_name` names the merged text for a screen reader ("Merged
/// definition of"), before the wording's name.
pub fn ui(
    ui: &mut Ui,
    teams: &[Team],
    of: Agreement,
    wording: Wording<'_>,
    merged_name: &str,
    commands: &mut Vec<Command>,
) {
    let Wording {
        name,
        proposals,
        merged,
    } = wording;
    section(
        ui,
        "When teams word it differently",
        "Put each team's wording side by side, then merge them into the text everyone signs.",
    );
    let width = super::widgets::team_picker_width(ui, teams);
    let per_row = if ui.available_width() >= SIDE_BY_SIDE_WIDTH {
        3
    } else {
        1
    };
    for (row, chunk) in proposals.chunks_mut(per_row).enumerate() {
        ui.columns(per_row, |columns| {
            for (column, (ui, proposal)) in columns.iter_mut().zip(chunk).enumerate() {
                let index = row * per_row + column;
                let n = index + 1;
                card(ui, |ui| {
                    team_picker(
                        ui,
                        ("proposal", of, index),
                        teams,
                        &mut proposal.team,
                        width,
                    )
                    .on_hover_text("The team proposing this wording")
                    .accessible_name(format!("Team of proposal {n} for {name}"));
                    ui.add(
                        TextEdit::multiline(&mut proposal.wording)
                            .desired_rows(4)
                            .desired_width(f32::INFINITY)
                            .hint_text("How this team would put it"),
                    )
                    .accessible_name(format!("Proposal {n} for {name}"));
                    ui.horizontal(|ui| {
                        let adopt = ui
                            .button("Use this wording")
                            .on_hover_text("Make it the text above, as a start for the merged text")
                            .accessible_name(format!("Use proposal {n} for {name}"));
                        if adopt.clicked() {
                            commands.push(Command::Edit(EditCommand::UseProposal(of, index)));
                        }
                        let remove = ui
                            .button("Remove")
                            .accessible_name(format!("Remove proposal {n} for {name}"));
                        if remove.clicked() {
                            commands.push(Command::Edit(EditCommand::RemoveProposal(of, index)));
                        }
                    });
                });
            }
        });
        ui.add_space(6.0);
    }
    if !proposals.is_empty() {
        card(ui, |ui| {
            ui.label(strong_text("What the room settles on", 15.5));
            let edit = ui.add(
                TextEdit::multiline(merged)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY)
                    .hint_text("The merged wording; it is the text above"),
            );
            edit.accessible_name(format!("{merged_name} {name}"));
        });
        ui.add_space(6.0);
    }
    if ui
        .button("Add a team's wording")
        .accessible_name(format!("Add a proposal for {name}"))
        .clicked()
    {
        commands.push(Command::Edit(EditCommand::AddProposal(of)));
    }
}
