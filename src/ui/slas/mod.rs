//! SLAs between teams: one pair of teams at a time, each side's commitments next to the other's,
//! every field of the template, what is still missing, both teams' sign-off, and a check
//! against exported events.

mod compliance;
mod form;
mod hours;

use compliance::compliance_ui;
use form::sla_ui;
use hours::business_hours_ui;

use std::sync::Arc;

use egui::{DragValue, RichText, TextEdit, Ui};

use super::theme;
use super::widgets::{
    self, SignaturesView, card, card_row, card_text_row as line_row, choice, column_picker, dotted,
    file_name, import_progress_ui, in_view, picker_width, preview_header_ui, session_row as row,
    signatures_ui, strong_text, team_picker, team_picker_width, time_picker,
};
use crate::analysis::compliance::{Compliance, Figures, describe as describe_kept};
use crate::analysis::sla::{self as completeness, PairTab};
use crate::app::slas::{Checked, Mapping, Pair, Phase};
use crate::app::{App, Command, EditCommand, ImportCommand};
use crate::import::events::EventField;
use crate::model::{Agreement, Session, Shared, Sla, Team, TimeUnit, Weekday, team_name};

/// Below this width the two directions stack instead of standing side by side.
const TWO_WAY_WIDTH: f32 = 900.0;

pub fn ui(app: &mut App, ui: &mut Ui) {
    let mut commands = Vec::new();
    let revision = app.doc.revision();
    let session = &app.doc.session;
    let tabs = app
        .doc
        .work
        .sla_pairs
        .get(revision, || completeness::pair_tabs(session));
    let selected = completeness::pair_shown(session, app.doc.work.slas.pair);
    pairs_ui(ui, &session.teams, &tabs, selected, &mut commands);

    if let Some((a, b)) = selected {
        let session = &mut app.doc.session;
        // Read before the SLAs are borrowed for editing.
        let views: Vec<Arc<SignaturesView>> = session
            .slas
            .iter()
            .filter(|sla| sla.pair() == (a, b) || sla.pair() == (b, a))
            .filter_map(|sla| {
                app.doc
                    .work
                    .signatures
                    .get(session, revision, Agreement::Sla(sla.id))
            })
            .collect();
        let Session { teams, slas, .. } = session;
        let directions = [(a, b), (b, a)];
        let two_way = a != b && ui.available_width() >= TWO_WAY_WIDTH;
        let mut column = |ui: &mut Ui, (from, to): Pair, commands: &mut Vec<Command>| {
            direction_ui(
                ui,
                teams,
                slas,
                (from, to),
                &mut app.doc.work.slas.phase,
                &views,
                commands,
            );
        };
        if two_way {
            ui.columns(2, |columns| {
                for (ui, direction) in columns.iter_mut().zip(directions) {
                    ui.with_layout(egui::Layout::top_down(egui::Align::LEFT), |ui| {
                        column(ui, direction, &mut commands);
                    });
                }
            });
        } else {
            let count = if a == b { 1 } else { 2 };
            for direction in directions.into_iter().take(count) {
                column(ui, direction, &mut commands);
            }
        }
    }
    for command in commands {
        app.queue(command);
    }
}

fn pair_name(teams: &[Team], (a, b): Pair) -> String {
    if a == b {
        team_name(teams, a).to_owned()
    } else {
        format!("{} ↔ {}", team_name(teams, a), team_name(teams, b))
    }
}

/// The pairs as tabs, each with a dot for how settled its SLAs are, and a way to start a pair.
fn pairs_ui(
    ui: &mut Ui,
    teams: &[Team],
    tabs: &[PairTab],
    selected: Option<Pair>,
    commands: &mut Vec<Command>,
) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 10.0;
        for tab in tabs {
            let color = if tab.settled == tab.slas {
                theme::agreed(dark)
            } else if tab.any_complete {
                theme::drafted(dark)
            } else {
                ui.visuals().weak_text_color()
            };
            let name = pair_name(teams, tab.pair);
            let button = egui::Button::selectable(Some(tab.pair) == selected, dotted(color, &name))
                .min_size(egui::vec2(0.0, 34.0));
            let response = ui
                .add(button)
                .on_hover_text(format!("{} of {} agreed and signed", tab.settled, tab.slas))
                .accessible_name(&name);
            if response.clicked() {
                commands.push(Command::Edit(EditCommand::SelectSlaPair(
                    tab.pair.0, tab.pair.1,
                )));
            }
        }
        ui.add_space(8.0);
        if ui
            .button("Add SLA")
            .on_hover_text("A new commitment; choose its two teams on the card")
            .clicked()
        {
            commands.push(Command::Edit(EditCommand::AddSla(None, None)));
        }
    });
    if tabs.is_empty() {
        ui.add_space(8.0);
        ui.label(
            RichText::new(
                "No SLA yet. Start with the hand-off that hurts most, usually Marketing to Sales.",
            )
            .weak(),
        );
    }
    ui.add_space(8.0);
}

/// What one team commits to the other: its SLAs, then a button for another.
fn direction_ui(
    ui: &mut Ui,
    teams: &[Team],
    slas: &mut Shared<Vec<Sla>>,
    (from, to): Pair,
    phase: &mut Phase,
    views: &[Arc<SignaturesView>],
    commands: &mut Vec<Command>,
) {
    let title = match (from, to) {
        (None, None) => "Teams still to choose".to_owned(),
        _ => format!(
            "{} commits to {}",
            team_name(teams, from),
            team_name(teams, to)
        ),
    };
    ui.label(RichText::new(title).text_style(theme::section_style()));
    ui.add_space(4.0);
    let these: Vec<usize> = (0..slas.len())
        .filter(|&i| slas[i].from_team == from && slas[i].to_team == to)
        .collect();
    widgets::lazy_rows(ui, ("slas", from, to), these.len(), |ui, row| {
        let index = these[row];
        // The card an events check is about shows its progress and results: always live.
        let checking = phase.sla() == Some(slas[index].id);
        let card = |ui: &mut Ui| {
            slas.edit_item(index, |sla| {
                let view = views
                    .iter()
                    .find(|v| v.agreement == Agreement::Sla(sla.id))
                    .map(|v| &**v);
                sla_ui(ui, teams, sla, phase, view, commands);
            })
        };
        if checking {
            ui.scope(card);
        } else {
            widgets::still(ui, index, card);
        }
        // Outside the card, as a space at its end would count in its size.
        ui.add_space(10.0);
    });
    if these.is_empty() {
        ui.label(RichText::new("Nothing yet in this direction.").weak());
    }
    let add = ui.button("+ Add a commitment").accessible_name(format!(
        "Add an SLA from {} to {}",
        team_name(teams, from),
        team_name(teams, to)
    ));
    if add.clicked() {
        commands.push(Command::Edit(EditCommand::AddSla(from, to)));
    }
}

fn display_name(sla: &Sla) -> String {
    match sla.name.trim() {
        "" => "unnamed".to_owned(),
        name => name.to_owned(),
    }
}
