//! Unified metrics: one north star, and each team's metrics tied back to revenue.

use egui::{RichText, Ui};

use super::widgets::{self, card, cell_text, header_row, section};
use crate::analysis::readiness::{Readiness, ties_to_revenue};
use crate::app::{App, Command, WorkshopCommand};
use crate::model::{MetricKind, Session, Step};

/// North stars the room often picks; any metric can be the one.
const NORTH_STAR_IDEAS: [&str; 3] = ["ARR growth", "Net revenue retention", "New logos closed"];

/// Column widths: star, name, who cares, current and target. Drop-downs fit their widest option.
const COLUMNS: [f32; 4] = [30.0, 220.0, 220.0, 110.0];

pub fn ui(app: &mut App, ui: &mut Ui) {
    let mut commands = Vec::new();
    let session = &mut app.doc.session;
    north_star_ui(ui, session, &mut commands);
    table_ui(ui, session, &mut commands);
    // Worked out once per change of the session, with the rail's score.
    let overview = app.overview();
    warnings_ui(ui, &app.doc.session, &overview.readiness);
    for command in commands {
        app.queue(command);
    }
}

fn north_star_ui(ui: &mut Ui, session: &Session, commands: &mut Vec<Command>) {
    section(
        ui,
        "North star",
        "The one number every team is accountable for. Mark it with the star in the table below.",
    );
    card(ui, |ui| {
        match session.metrics.iter().find(|m| m.north_star) {
            Some(star) => {
                ui.label(
                    RichText::new(format!("★ {}", star.name))
                        .size(22.0)
                        .strong(),
                );
                let owner = session.team_name(star.owner);
                let target = if star.target.trim().is_empty() {
                    "no target yet".to_owned()
                } else {
                    format!("target {}", star.target)
                };
                ui.label(RichText::new(format!("Owned by {owner}, {target}.")).weak());
            }
            None => {
                ui.label(RichText::new("Not chosen yet. Start from a common one:").weak());
                ui.horizontal_wrapped(|ui| {
                    for idea in NORTH_STAR_IDEAS {
                        if ui.button(idea).clicked() {
                            commands.push(Command::Workshop(WorkshopCommand::AddNorthStar(idea)));
                        }
                    }
                });
            }
        }
    });
}

fn table_ui(ui: &mut Ui, session: &mut Session, commands: &mut Vec<Command>) {
    section(
        ui,
        "Every team's metrics",
        "Who owns each number, who else watches it, what kind of number it is, where it stands and where it should be.",
    );
    card(ui, |ui| {
        widgets::sideways(ui, "metrics", |ui| metric_rows(ui, session, commands));
    });
}

/// The metrics table's header and rows, two lines a metric.
fn metric_rows(ui: &mut Ui, session: &mut Session, commands: &mut Vec<Command>) {
    {
        let [star_w, name_w, who_w, value_w] = COLUMNS;
        let owner_w = widgets::team_picker_width(ui, &session.teams);
        let kind_w = widgets::picker_width(ui, MetricKind::ALL.map(MetricKind::label));
        header_row(
            ui,
            &[
                ("★", star_w),
                ("Metric", name_w),
                ("Owner", owner_w),
                ("Kind", kind_w),
            ],
        );
        let Session { teams, metrics, .. } = session;
        let mut new_star = None;
        for index in 0..metrics.len() {
            let n = index + 1;
            // Two lines a metric: what it is and who owns it, then who watches it and the numbers.
            // Drawn on a copy, taken in when edited, and laid out only near the view.
            widgets::in_view(ui, |ui| {
                widgets::still(ui, index, |ui| {
                    metrics.edit_item(index, |metric| {
                        ui.horizontal(|ui| {
                            let star = ui
                                .add_sized(
                                    [star_w, ui.spacing().interact_size.y],
                                    egui::RadioButton::new(metric.north_star, ""),
                                )
                                .accessible_name(format!("Metric {n} is the north star"));
                            if star.clicked() {
                                new_star = Some(index);
                            }
                            cell_text(
                                ui,
                                &format!("Metric {n} name"),
                                &mut metric.name,
                                "Metric",
                                name_w,
                            );
                            widgets::team_picker(
                                ui,
                                ("metric_owner", metric.id),
                                teams,
                                &mut metric.owner,
                                owner_w,
                            )
                            .accessible_name(format!("Metric {n} owner"));
                            kind_picker(ui, n, &mut metric.kind, kind_w);
                            let remove = ui
                                .button("Remove")
                                .accessible_name(format!("Remove metric {n}"));
                            if remove.clicked() {
                                commands.push(Command::Workshop(WorkshopCommand::RemoveMetric(
                                    metric.id,
                                )));
                            }
                        });
                        ui.horizontal(|ui| {
                            ui.add_space(star_w + ui.spacing().item_spacing.x);
                            let field =
                                |ui: &mut Ui, label: &str, text: &mut String, width: f32| {
                                    ui.label(RichText::new(label).small().weak());
                                    cell_text(
                                        ui,
                                        &format!("Metric {n} {}", label.to_lowercase()),
                                        text,
                                        "—",
                                        width,
                                    );
                                };
                            field(ui, "Who cares", &mut metric.who_cares, who_w);
                            field(ui, "Now", &mut metric.current, value_w);
                            field(ui, "Target", &mut metric.target, value_w);
                        });
                        ui.add_space(8.0);
                    });
                });
            });
        }
        if let Some(star) = new_star {
            for (index, metric) in metrics.iter_mut().enumerate() {
                metric.north_star = index == star;
            }
        }
        if ui.button("+ Add metric").clicked() {
            commands.push(Command::Workshop(WorkshopCommand::AddMetric));
        }
    }
}

fn kind_picker(ui: &mut Ui, n: usize, kind: &mut MetricKind, width: f32) {
    let options = MetricKind::ALL;
    widgets::choice(
        ui,
        ("metric_kind", n),
        kind,
        &options,
        MetricKind::label,
        width,
    )
    .accessible_name(format!("Metric {n} kind"))
    .on_hover_text("Activity counts effort (calls, MQLs); the other kinds count outcomes");
}

fn warnings_ui(ui: &mut Ui, session: &Session, readiness: &Readiness) {
    section(
        ui,
        "Tied to revenue?",
        "A team that only counts its own activity can hit its number while revenue falls.",
    );
    card(ui, |ui| {
        let missing: Vec<_> = readiness
            .checks
            .iter()
            .filter(|c| c.step == Step::Metrics)
            .flat_map(|c| c.missing.iter())
            .collect();
        if missing.is_empty() {
            ui.label(RichText::new("✓ Every team owns a metric that ties to revenue, and the north star is chosen.").weak());
        }
        for line in missing {
            ui.label(RichText::new(format!("⚠ {line}")).color(ui.visuals().warn_fg_color));
        }
        for team in session.teams.iter().filter(|t| t.signs_off) {
            let owned: Vec<_> = session
                .metrics
                .iter()
                .filter(|m| m.owner == Some(team.id))
                .map(|m| {
                    let mark = if ties_to_revenue(m.kind) {
                        ""
                    } else {
                        " (activity)"
                    };
                    format!("{}{mark}", m.name)
                })
                .collect();
            if !owned.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(session.team_name(Some(team.id))).strong());
                    ui.label(RichText::new(owned.join(" · ")).weak());
                });
            }
        }
    });
}
