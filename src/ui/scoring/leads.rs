//! The leads export in the sandbox: choose it, map its columns, watch the import, and see what
//! the rules and threshold do to it — volume, distribution, capacity, and the reverse question.

use egui::{DragValue, RichText, Sense, Ui};

use super::group_digits;
use crate::analysis::icp::percent;
use crate::analysis::scoring::{self, Volume, capacity_per_month, follow_up_window};
use crate::app::leads::{Mapping, Phase, ScoredLeads};
use crate::app::{App, Command, ImportCommand, UiCommand};
use crate::import::leads::Field;
use crate::model::ScoringModel;
use crate::ui::theme;
use crate::ui::widgets::{
    card, column_picker, file_name, form_row, import_progress_ui, preview_header_ui,
    primary_button, section, strong_text,
};

pub fn ui(app: &mut App, ui: &mut Ui, commands: &mut Vec<Command>) {
    section(
        ui,
        "What it does to real leads",
        "Import a leads export from the CRM or marketing platform. The leads stay on this laptop: the session keeps only the rules.",
    );
    let window = follow_up_window(&app.doc.session);
    let scoring = &mut app.doc.session.scoring;
    let workshop = &mut app.doc.work.leads;
    match &mut workshop.phase {
        Phase::Empty => empty_ui(ui, commands),
        Phase::Mapping(mapping) => mapping_ui(ui, mapping, commands),
        Phase::Importing(job) => {
            let name = file_name(&job.mapping.preview.path);
            if import_progress_ui(ui, &name, job.progress.fraction()) {
                commands.push(Command::Import(ImportCommand::CancelLeadImport));
            }
        }
        Phase::Scored(scored) => {
            volume_ui(ui, scored, scoring, window.as_deref());
            distribution_ui(ui, scored, scoring.threshold);
            target_ui(ui, scored, scoring, &mut workshop.target_per_month);
            months_ui(ui, scored, scoring.threshold);
            ui.add_space(8.0);
            if ui.button("Import another file").clicked() {
                commands.push(Command::Import(ImportCommand::CloseLeadData));
            }
        }
    }
}

fn empty_ui(ui: &mut Ui, commands: &mut Vec<Command>) {
    card(ui, |ui| {
        ui.label(strong_text(
            "Drop a leads CSV on the window, or choose one",
            18.0,
        ));
        ui.label(
            RichText::new(
                "One row per lead: a creation date, email, phone, title, company size, industry, country, and what they did.",
            )
            .weak(),
        );
        ui.add_space(6.0);
        if primary_button(ui, "Choose leads file…").clicked() {
            commands.push(Command::Ui(UiCommand::ImportLeads));
        }
    });
}

fn mapping_ui(ui: &mut Ui, mapping: &mut Mapping, commands: &mut Vec<Command>) {
    card(ui, |ui| {
        let preview = &mapping.preview;
        preview_header_ui(
            ui,
            preview,
            "Say which column holds what; leave out what the file lacks.",
        );
        ui.add_space(8.0);
        let mut changes = Vec::new();
        egui::Grid::new("lead-mapping")
            .num_columns(3)
            .spacing([18.0, 8.0])
            .striped(true)
            .show(ui, |ui| {
                for field in Field::ALL {
                    ui.label(RichText::new(field.label()).strong());
                    let current = mapping.columns.get(field);
                    let mut chosen = current;
                    column_picker(
                        ui,
                        ("lead-field", field.label()),
                        &preview.headers,
                        &mut chosen,
                        220.0,
                        &format!("Column for {}", field.label()),
                    );
                    if chosen != current {
                        changes.push((field, chosen));
                    }
                    let sample: Vec<&str> = current
                        .map(|i| {
                            preview
                                .column(i)
                                .filter(|v| !v.is_empty())
                                .take(3)
                                .collect()
                        })
                        .unwrap_or_default();
                    ui.label(RichText::new(sample.join(" · ")).weak());
                    ui.end_row();
                }
            });
        for (field, column) in changes {
            mapping.columns.set(field, column);
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if primary_button(ui, "Import leads").clicked() {
                commands.push(Command::Import(ImportCommand::StartLeadImport));
            }
            if ui.button("Choose another file").clicked() {
                commands.push(Command::Ui(UiCommand::ImportLeads));
            }
        });
    });
}

/// The headline: how many leads qualify, a month when dated, against what Sales can follow up.
fn volume_ui(ui: &mut Ui, scored: &ScoredLeads, scoring: &ScoringModel, window: Option<&str>) {
    let threshold = scoring.threshold;
    let volume = Volume::at(
        &scored.scored,
        scored.table.len as u64,
        threshold,
        &scoring.capacity,
    );
    let (total, mqls, share) = (volume.leads, volume.mqls, volume.share);
    card(ui, |ui| {
        let per_month = volume.per_month;
        let headline = match per_month {
            Some(per_month) => format!("{} MQLs a month", round(per_month)),
            None => format!("{} MQLs", group_digits(mqls)),
        };
        ui.label(strong_text(headline, 28.0));
        ui.label(
            RichText::new(format!(
                "{} of {} leads qualify ({})",
                group_digits(mqls),
                group_digits(total),
                percent(share)
            ))
            .size(16.0),
        );
        match per_month {
            Some(_) => ui.label(
                RichText::new(format!(
                    "At {threshold} points, averaged over the {} months the dated leads span.",
                    scored.scored.months
                ))
                .weak(),
            ),
            None => ui.label(
                RichText::new("Map a date column to see MQLs per month and compare with Sales.")
                    .weak(),
            ),
        };
        let (Some(per_month), Some(capacity), Some(waiting)) =
            (per_month, volume.capacity_per_month, volume.over_capacity())
        else {
            return;
        };
        ui.add_space(8.0);
        let within = window.map_or_else(
            || "within the SLA".to_owned(),
            |w| format!("within the {w} SLA"),
        );
        let sends = per_month.round() as u64;
        let sentence = format!(
            "At this threshold Marketing sends {} MQLs a month; Sales can follow up {} {within}.",
            group_digits(sends),
            group_digits(capacity)
        );
        let dark = ui.visuals().dark_mode;
        // Amber, not red: more MQLs than Sales can call is a decision for the room, not a fault.
        let (color, verdict) = if waiting > 0 {
            (
                theme::drafted(dark),
                format!(
                    "{} a month would wait past the SLA: raise the threshold or add capacity.",
                    group_digits(waiting)
                ),
            )
        } else {
            (
                theme::agreed(dark),
                "Sales can follow up every MQL in time.".to_owned(),
            )
        };
        ui.label(strong_text(sentence, 17.0).color(color));
        ui.label(RichText::new(verdict).color(color));
    });
}

/// A number a month, whole when large, with one decimal when small.
fn round(value: f64) -> String {
    if value >= 10.0 {
        group_digits(value.round() as u64)
    } else {
        format!("{value:.1}")
    }
}

/// The scores as a histogram, with the threshold drawn across it.
fn distribution_ui(ui: &mut Ui, scored: &ScoredLeads, threshold: i32) {
    let bins = &scored.scored.distribution;
    if bins.is_empty() {
        return;
    }
    let band = bins[0].to - bins[0].from + 1;
    let explainer = if band == i64::from(scoring::BIN_POINTS) {
        "Leads by score, in bands of ten points. Those right of the line are MQLs.".to_owned()
    } else {
        format!("Leads by score, in bands of {band} points. Those right of the line are MQLs.")
    };
    section(ui, "Score distribution", &explainer);
    card(ui, |ui| {
        let height = 170.0;
        let label_height = 22.0;
        let width = ui.available_width();
        let (rect, response) =
            ui.allocate_exact_size(egui::vec2(width, height + label_height), Sense::hover());
        let most = bins.iter().map(|b| b.leads).max().unwrap_or(1).max(1) as f32;
        let slot = width / bins.len() as f32;
        let dark = ui.visuals().dark_mode;
        let (accent, muted) = (
            theme::accent(dark),
            ui.visuals().weak_text_color().gamma_multiply(0.5),
        );
        let font = egui::FontId::proportional(12.5);
        let text_color = ui.visuals().text_color();
        let painter = ui.painter();
        // Label every bar when they fit, otherwise every few.
        let label_every = ((44.0 / slot).ceil() as usize).max(1);
        for (i, bin) in bins.iter().enumerate() {
            let left = rect.left() + slot * i as f32;
            let bar_height = (bin.leads as f32 / most) * (height - 20.0);
            let bar = egui::Rect::from_min_max(
                egui::pos2(left + slot * 0.12, rect.top() + height - bar_height),
                egui::pos2(left + slot * 0.88, rect.top() + height),
            );
            let color = if bin.from >= i64::from(threshold) {
                accent
            } else {
                muted
            };
            painter.rect_filled(bar, 3.0, color);
            if bin.leads > 0 && slot >= 30.0 {
                painter.text(
                    bar.center_top() - egui::vec2(0.0, 2.0),
                    egui::Align2::CENTER_BOTTOM,
                    group_digits(bin.leads),
                    font.clone(),
                    text_color,
                );
            }
            if i % label_every == 0 {
                painter.text(
                    egui::pos2(left + slot * 0.5, rect.top() + height + 4.0),
                    egui::Align2::CENTER_TOP,
                    bin.from.to_string(),
                    font.clone(),
                    ui.visuals().weak_text_color(),
                );
            }
        }
        // The threshold sits where its score falls along the axis.
        let first = bins[0].from as f32;
        let bin_points = (bins[0].to - bins[0].from + 1) as f32;
        let x = rect.left() + (threshold as f32 - first) / bin_points * slot;
        if x >= rect.left() && x <= rect.right() {
            let stroke = egui::Stroke::new(2.0, ui.visuals().error_fg_color);
            painter.line_segment(
                [
                    egui::pos2(x, rect.top()),
                    egui::pos2(x, rect.top() + height),
                ],
                stroke,
            );
            painter.text(
                egui::pos2(x + 4.0, rect.top()),
                egui::Align2::LEFT_TOP,
                format!("MQL at {threshold}"),
                font,
                ui.visuals().error_fg_color,
            );
        }
        let summary: Vec<String> = bins
            .iter()
            .map(|b| format!("{} to {}: {}", b.from, b.to, b.leads))
            .collect();
        response.accessible_name(format!(
            "Score distribution, threshold {threshold}. {}",
            summary.join("; ")
        ));
    });
}

/// The reverse question: which threshold gives the MQLs a month the room aims for.
fn target_ui(
    ui: &mut Ui,
    scored: &ScoredLeads,
    scoring: &mut ScoringModel,
    target: &mut Option<u32>,
) {
    let per_month = scored.scored.months > 0;
    section(
        ui,
        "The threshold for a target",
        if per_month {
            "How many MQLs a month does Sales want? The lowest threshold that stays at or under it."
        } else {
            "How many MQLs from this file does Sales want? The lowest threshold that stays at or under it."
        },
    );
    card(ui, |ui| {
        let label = if per_month {
            "Target MQLs a month"
        } else {
            "Target MQLs"
        };
        let mut value = target.unwrap_or_else(|| {
            capacity_per_month(&scoring.capacity).map_or(100, |c| c.min(u64::from(u32::MAX)) as u32)
        });
        let changed = form_row(ui, label, |ui, id| {
            ui.add(DragValue::new(&mut value).range(0..=1_000_000))
                .labelled_by(id)
        })
        .changed();
        if changed || target.is_none() {
            *target = Some(value);
        }
        if let Some((threshold, gives)) = scored.scored.threshold_for(f64::from(value)) {
            ui.horizontal(|ui| {
                let period = if per_month { " a month" } else { "" };
                ui.label(strong_text(
                    format!(
                        "A threshold of {threshold} points gives {}{period}.",
                        round(gives)
                    ),
                    17.0,
                ));
                if threshold != scoring.threshold {
                    let use_it = ui
                        .button(format!("Use {threshold} points"))
                        .accessible_name(format!("Use threshold {threshold}"));
                    if use_it.clicked() {
                        scoring.threshold = threshold;
                    }
                }
            });
        }
    });
}

/// Leads and MQLs month by month, the latest twelve.
fn months_ui(ui: &mut Ui, scored: &mut ScoredLeads, threshold: i32) {
    let undated = scored.scored.undated;
    let months = scored.by_month(threshold);
    if months.is_empty() {
        return;
    }
    section(ui, "Month by month", "");
    card(ui, |ui| {
        egui::Grid::new("lead-months")
            .num_columns(3)
            .spacing([28.0, 6.0])
            .striped(true)
            .show(ui, |ui| {
                for title in ["Month", "Leads", "MQLs"] {
                    ui.label(RichText::new(title).small().weak());
                }
                ui.end_row();
                let skip = months.len().saturating_sub(12);
                for month in &months[skip..] {
                    ui.label(&month.month);
                    ui.label(group_digits(month.leads));
                    ui.label(group_digits(month.mqls));
                    ui.end_row();
                }
            });
        if undated > 0 {
            ui.label(
                RichText::new(format!(
                    "{} leads have no readable date and count only in the totals.",
                    group_digits(undated)
                ))
                .weak(),
            );
        }
    });
}
