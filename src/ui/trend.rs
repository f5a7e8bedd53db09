//! "Trend over reviews": did it work. Each figure of the reviews as a line chart (egui_plot)
//! with its numbers beside it, grouped as `accord trend` groups them.

use egui::{Color32, RichText, Ui};
use egui_plot::{GridMark, Line, LineStyle, Plot, PlotPoints, Points};

use super::theme;
use super::widgets::{card, strong_text};
use crate::analysis::trend::{Series, Trend, TrendError};
use crate::app::trend::TrendView;
use crate::app::{App, Command, FileCommand, Modal};

/// The narrowest a chart's card gets before the cards go one to a row.
const CARD_WIDTH: f32 = 520.0;

pub fn ui(app: &mut App, ui: &mut Ui) {
    let Some(Modal::Trend(view)) = &app.modal else {
        return;
    };
    let screen = ui.ctx().content_rect();
    ui.set_width((screen.width() - 96.0).clamp(560.0, 1240.0));
    ui.label(RichText::new("Did it work?").text_style(theme::section_style()));
    ui.label(RichText::new(subtitle(view)).weak());
    for problem in &view.problems {
        ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
    }
    ui.add_space(8.0);
    let mut commands = Vec::new();
    let height = (screen.height() - 220.0).max(200.0);
    egui::ScrollArea::vertical()
        .max_height(height)
        .auto_shrink([false, true])
        .show(ui, |ui| match &view.trend {
            Ok(trend) => trend_ui(ui, trend),
            Err(TrendError::TooFew(_)) => {
                ui.add_space(12.0);
                ui.label(strong_text("A trend needs an earlier review", 17.0));
                ui.label(
                    "Start next quarter's review from this one (File → Start the next review…), \
                     or add the files of earlier reviews. Each review keeps its funnel counts and \
                     its SLA checks, so the trend can show whether they got better.",
                );
            }
            Err(error) => {
                ui.add_space(12.0);
                ui.label(RichText::new(error.to_string()).color(ui.visuals().error_fg_color));
            }
        });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui
            .button("Add a review…")
            .on_hover_text("Put another review's file in the trend")
            .clicked()
        {
            commands.push(Command::File(FileCommand::AddToTrendDialog));
        }
        if ui.button("Close").clicked() {
            app.modal = None;
        }
    });
    for command in commands {
        app.queue(command);
    }
}

/// "3 reviews: 2026-Q3 (2026-Q3.ron), …", or the files when there is no trend yet.
fn subtitle(view: &TrendView) -> String {
    match &view.trend {
        Ok(trend) => {
            let periods: Vec<String> = trend
                .periods
                .iter()
                .map(|p| format!("{} ({})", p.period, p.file))
                .collect();
            format!("{} reviews: {}", periods.len(), periods.join(", "))
        }
        Err(_) => {
            let names: Vec<&str> = view.reviews.iter().map(|r| r.name.as_str()).collect();
            format!("Reviews found: {}", names.join(", "))
        }
    }
}

fn trend_ui(ui: &mut Ui, trend: &Trend) {
    let (held, unheld): (Vec<&Series>, Vec<&Series>) = trend
        .series
        .iter()
        .partition(|s| s.values.iter().any(Option::is_some));
    let periods: Vec<&str> = trend.periods.iter().map(|p| p.period.as_str()).collect();
    let columns = ((ui.available_width() / CARD_WIDTH).floor() as usize).max(1);
    let mut index = 0;
    let mut shown = 0;
    while index < held.len() {
        let group = held[index].group;
        let in_group: Vec<&Series> = held[index..]
            .iter()
            .take_while(|s| s.group == group)
            .copied()
            .collect();
        index += in_group.len();
        ui.add_space(10.0);
        // A group of one figure named as the group (the alignment score) needs no heading.
        if !(in_group.len() == 1 && in_group[0].name == group.title()) {
            ui.label(strong_text(group.title(), 17.0));
            ui.add_space(4.0);
        }
        for row in in_group.chunks(columns) {
            ui.columns(columns, |cells| {
                for (cell, series) in cells.iter_mut().zip(row) {
                    series_ui(cell, series, &periods, shown);
                    shown += 1;
                }
            });
        }
    }
    if !unheld.is_empty() {
        ui.add_space(10.0);
        let names: Vec<&str> = unheld.iter().map(|s| s.name.as_str()).collect();
        ui.label(strong_text("No review holds a figure for:", 15.5));
        ui.label(names.join(" · "));
        ui.label(
            RichText::new(
                "Check an SLA on its events, count the funnel, or write a metric's value, and keep them in the review.",
            )
            .weak(),
        );
    }
}

/// One figure: its name, the last value and how it moved, the chart, and every value beside it.
fn series_ui(ui: &mut Ui, series: &Series, periods: &[&str], index: usize) {
    let dark = ui.visuals().dark_mode;
    card(ui, |ui| {
        ui.label(strong_text(&series.name, 15.5));
        // The latest figure a review holds, and which review: not always the last one.
        let latest = series.values.iter().rposition(Option::is_some);
        let last = latest.and_then(|at| series.values[at]);
        ui.horizontal_wrapped(|ui| {
            ui.label(strong_text(series.show(last), 22.0));
            if let Some(period) = latest.and_then(|at| periods.get(at)) {
                ui.label(RichText::new(format!("in {period}")).weak());
            }
            if let Some((before, after)) = series.last_two() {
                let arrow = if after > before {
                    "▲"
                } else if after < before {
                    "▼"
                } else {
                    "="
                };
                let color = match series.improved() {
                    Some(true) => theme::agreed(dark),
                    Some(false) => ui.visuals().error_fg_color,
                    None => ui.visuals().weak_text_color(),
                };
                ui.label(
                    RichText::new(format!("{arrow} from {}", series.show(Some(before))))
                        .color(color),
                );
            }
        });
        ui.horizontal_top(|ui| {
            let has_targets = series.targets.iter().any(Option::is_some);
            let numbers = if has_targets { 230.0 } else { 150.0 };
            let width = (ui.available_width() - numbers - 12.0).max(160.0);
            chart_ui(ui, series, periods, index, width, dark);
            ui.vertical(|ui| {
                ui.set_width(numbers);
                ui.add_space(6.0);
                egui::Grid::new(("trend-numbers", index))
                    .num_columns(if has_targets { 3 } else { 2 })
                    .spacing([14.0, 8.0])
                    .show(ui, |ui| {
                        for (at, period) in periods.iter().enumerate() {
                            let value = series.show(series.values.get(at).copied().flatten());
                            ui.label(RichText::new(*period).weak());
                            ui.label(RichText::new(&value).strong())
                                .accessible_name(format!("{}, {period}: {value}", series.name));
                            if has_targets {
                                let target = series.targets.get(at).copied().flatten();
                                ui.label(
                                    RichText::new(target.map_or(String::new(), |t| {
                                        format!("target {}", series.show(Some(t)))
                                    }))
                                    .small()
                                    .weak(),
                                );
                            }
                            ui.end_row();
                        }
                    });
            });
        });
    });
}

/// The values as a line, broken where a review holds none, and the targets dashed.
fn chart_ui(ui: &mut Ui, series: &Series, periods: &[&str], index: usize, width: f32, dark: bool) {
    // Shares are drawn in percent, so the axis reads as the numbers do.
    let scale = if series.unit == "share" { 100.0 } else { 1.0 };
    let point = |at: usize, value: f64| [at as f64, value * scale];
    let color = theme::accent(dark);
    let last = periods.len().saturating_sub(1) as f64;
    let labels: Vec<String> = periods.iter().map(|p| (*p).to_owned()).collect();
    let share = series.unit == "share";
    let axis = series.clone();
    // Honest scales: a share spans 0 to 100 %, any other figure starts from zero, so a move
    // from 33 % to 30 % looks like what it is, not a collapse.
    let plot = Plot::new(("trend", index)).include_y(0.0);
    let plot = if share { plot.include_y(100.0) } else { plot };
    plot.width(width)
        .height(140.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .default_x_bounds(-0.25, last + 0.25)
        .set_margin_fraction(egui::vec2(0.0, 0.18))
        .x_grid_spacer(move |_| {
            (0..=last as usize)
                .map(|at| GridMark {
                    value: at as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .x_axis_formatter(move |mark, _| {
            let at = mark.value.round();
            if (mark.value - at).abs() < 1e-6 && at >= 0.0 {
                labels.get(at as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_axis_formatter(move |mark, _| {
            if share {
                format!("{:.0}%", mark.value)
            } else {
                // "$2.1M", "66 days": the axis reads as the numbers beside it do.
                axis.show(Some(mark.value))
            }
        })
        .show(ui, |plot| {
            // A run of held values is one line; a missing one breaks it.
            let mut run: Vec<[f64; 2]> = Vec::new();
            let mut runs = Vec::new();
            for (at, value) in series.values.iter().enumerate() {
                match value {
                    Some(value) => run.push(point(at, *value)),
                    None => runs.push(std::mem::take(&mut run)),
                }
            }
            runs.push(run);
            for run in runs.into_iter().filter(|r| !r.is_empty()) {
                plot.points(
                    Points::new("", PlotPoints::from(run.clone()))
                        .radius(4.0)
                        .color(color),
                );
                plot.line(
                    Line::new(&series.name, PlotPoints::from(run))
                        .color(color)
                        .width(2.5),
                );
            }
            let targets: Vec<[f64; 2]> = series
                .targets
                .iter()
                .enumerate()
                .filter_map(|(at, t)| t.map(|t| point(at, t)))
                .collect();
            if !targets.is_empty() {
                plot.line(
                    Line::new("target", PlotPoints::from(targets))
                        .color(Color32::from_gray(140))
                        .style(LineStyle::dashed_loose())
                        .width(1.5),
                );
            }
        });
}
