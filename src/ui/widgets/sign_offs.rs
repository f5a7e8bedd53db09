//! Each signing team's position on an agreement, and the control that changes it.
use super::*;

/// The position on an agreement of each team in `signing`: not yet, agreed, or objects with a
/// reason. `what` names the agreement for screen readers ("the ICP").
pub fn sign_offs_ui(
    ui: &mut Ui,
    teams: &[Team],
    signing: &[TeamId],
    sign_offs: &mut crate::model::SignOffs,
    what: &str,
) {
    use crate::model::SignOff;
    let signing: Vec<&Team> = teams.iter().filter(|t| signing.contains(&t.id)).collect();
    if signing.is_empty() {
        ui.label(
            RichText::new("No team signs agreements yet: mark them on the session details.").weak(),
        );
        return;
    }
    // One row per team: its name, then its choice; the reason goes in a third column where
    // there is room, and on a row of its own in a narrow column.
    let narrow = ui.available_width() < 600.0;
    egui::Grid::new(("sign-offs", what))
        .num_columns(if narrow { 2 } else { 3 })
        .spacing([18.0, 8.0])
        .show(ui, |ui| {
            for team in signing {
                let name = team_name(teams, Some(team.id));
                ui.label(RichText::new(name).strong());
                let current = sign_offs.get(team.id).clone();
                let mut kind = match current {
                    SignOff::NotYet => 0,
                    SignOff::Agreed => 1,
                    SignOff::Objects { .. } => 2,
                };
                let before = kind;
                ui.horizontal(|ui| {
                    for (value, label, sentence) in [
                        (0, "Not yet", "has not signed"),
                        (1, "Agrees", "agrees to"),
                        (2, "Objects", "objects to"),
                    ] {
                        ui.radio_value(&mut kind, value, label)
                            .accessible_name(format!("{name} {sentence} {what}"));
                    }
                });
                let mut reason = match &current {
                    SignOff::Objects { reason } => reason.clone(),
                    _ => String::new(),
                };
                if kind == 2 {
                    if narrow {
                        ui.end_row();
                        ui.label("");
                    }
                    let width = if narrow {
                        ui.available_width().max(160.0)
                    } else {
                        320.0
                    };
                    let edit = cell_text(
                        ui,
                        &format!("Why {name} objects to {what}"),
                        &mut reason,
                        "What would have to change",
                        width,
                    );
                    if edit.changed() || before != 2 {
                        sign_offs.set(team.id, SignOff::Objects { reason });
                    }
                } else {
                    if !narrow {
                        ui.label("");
                    }
                    if kind != before {
                        sign_offs.set(
                            team.id,
                            if kind == 1 {
                                SignOff::Agreed
                            } else {
                                SignOff::NotYet
                            },
                        );
                    }
                }
                ui.end_row();
            }
        });
}
