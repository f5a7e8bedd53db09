//! The ownership matrix: stages down, teams across, one letter of RACI in each cell.

use super::{
    Raci, RaciProblem, RichText, Session, Stage, Ui, card, display_name, strong_text, team_name,
    theme,
};

/// Stages down, teams across, a letter in each cell; what breaks the one-accountable rule above.
pub(super) fn matrix_ui(ui: &mut Ui, session: &mut Session, problems: &[RaciProblem]) {
    let dark = ui.visuals().dark_mode;
    if problems.is_empty() && !session.stages.is_empty() {
        ui.label(
            RichText::new("Every stage has exactly one accountable team.")
                .color(theme::agreed(dark)),
        );
    }
    // A few problems are read out; a long list would push the matrix off the screen.
    const SHOWN: usize = 3;
    for problem in problems.iter().take(SHOWN) {
        ui.label(RichText::new(&problem.message).color(ui.visuals().error_fg_color));
    }
    if problems.len() > SHOWN {
        let more = problems.len() - SHOWN;
        let text = match more {
            1 => "One more stage needs the same care in the matrix below.".to_owned(),
            n => format!("{n} more stages need the same care in the matrix below."),
        };
        ui.label(RichText::new(text).color(ui.visuals().error_fg_color));
    }
    ui.add_space(6.0);
    let Session { teams, stages, .. } = session;
    card(ui, |ui| {
        // Every team in view at once, projector text included: the columns share the width
        // and long team names wrap in the header.
        // The stage column is as wide as its longest name (up to a limit), so the teams'
        // columns keep the rest: at projector text, "Marketing" stays whole.
        let stage_font = egui::FontId::proportional(15.5);
        let stage_width = stages
            .iter()
            .map(|stage| {
                ui.painter()
                    .layout_no_wrap(
                        display_name(stage).to_owned(),
                        stage_font.clone(),
                        egui::Color32::PLACEHOLDER,
                    )
                    .size()
                    .x
            })
            .fold(70.0_f32, f32::max)
            .min(130.0)
            + 12.0;
        let columns = teams.len().max(1) as f32;
        // The cells are centred buttons: a narrow gap between columns leaves their headers
        // the width that keeps a name such as "Marketing" whole at projector text.
        ui.spacing_mut().item_spacing.x = 2.0;
        let spacing = ui.spacing().item_spacing.x;
        let column = ((ui.available_width() - stage_width) / columns - spacing).clamp(48.0, 120.0);
        // A header wraps between words, never inside one ("Marketin|g"): where a word is wider
        // than its column, the name is cut short with an ellipsis and shown whole on hover.
        let small = egui::TextStyle::Small.resolve(ui.style());
        let whole: Vec<bool> = teams
            .iter()
            .map(|t| {
                team_name(teams, Some(t.id)).split_whitespace().all(|word| {
                    ui.painter()
                        .layout_no_wrap(word.to_owned(), small.clone(), egui::Color32::PLACEHOLDER)
                        .size()
                        .x
                        <= column - 4.0
                })
            })
            .collect();
        let row_height = ui.spacing().interact_size.y.max(30.0) + 8.0;
        let header_height = ui.text_style_height(&egui::TextStyle::Small) * 2.0 + 8.0;
        crate::ui::widgets::sideways(ui, "raci-matrix-box", |ui| {
            egui_extras::TableBuilder::new(ui)
                .id_salt("raci-matrix")
                .striped(true)
                .vscroll(false)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(egui_extras::Column::exact(stage_width))
                .columns(egui_extras::Column::exact(column), teams.len())
                .header(header_height, |mut header| {
                    header.col(|ui| {
                        ui.add(
                            egui::Label::new(RichText::new("Click to change").small().weak())
                                .wrap(),
                        );
                    });
                    for (team, whole) in teams.iter().zip(&whole) {
                        header.col(|ui| {
                            let name = team_name(teams, Some(team.id));
                            let label = egui::Label::new(RichText::new(name).small().strong());
                            if *whole {
                                ui.add(label.wrap());
                            } else {
                                ui.add(label.truncate()).on_hover_text(name);
                            }
                        });
                    }
                })
                .body(|body| {
                    // Only the rows in view are laid out: fifty stages cost what a dozen do.
                    body.rows(row_height, stages.len(), |mut row| {
                        stages.edit_item(row.index(), |stage| {
                            let name = display_name(stage).to_owned();
                            row.col(|ui| {
                                ui.add(egui::Label::new(strong_text(&name, 15.5)).truncate());
                            });
                            for team in teams.iter() {
                                let team_label = team_name(teams, Some(team.id));
                                row.col(|ui| {
                                    raci_cell(
                                        ui,
                                        stage,
                                        team.id,
                                        &format!("{team_label} on {name}"),
                                    );
                                });
                            }
                        });
                    });
                });
        });
    });
}

/// One cell of the matrix: a letter that moves on to the next of none, R, A, C and I when
/// clicked, which is quicker in a room than a menu per cell.
pub(super) fn raci_cell(ui: &mut Ui, stage: &mut Stage, team: crate::model::TeamId, name: &str) {
    let current = stage.raci.get(&team).copied();
    let dark = ui.visuals().dark_mode;
    let text = match current {
        None => RichText::new("–").weak(),
        Some(Raci::Accountable) => strong_text("A", 16.0).color(theme::accent(dark)),
        Some(raci) => strong_text(raci.letter(), 16.0),
    };
    let hover = match current {
        None => "No part; click for Responsible".to_owned(),
        Some(raci) => format!("{}; click for the next", raci.label()),
    };
    let cell = ui
        .add(egui::Button::new(text).min_size(egui::vec2(44.0, 30.0)))
        .on_hover_text(hover)
        .accessible_name(name);
    if cell.clicked() {
        match Raci::after(current) {
            Some(raci) => stage.raci.insert(team, raci),
            None => stage.raci.remove(&team),
        };
    }
}
