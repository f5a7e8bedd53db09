//! What the data shows: each attribute compared across the best, all and churned customers,
//! the ranked patterns and anti-patterns, and the criteria they suggest.

use egui::{RichText, Ui};

use super::{group_colors, legend};
use crate::analysis::icp::{self, AttributeStats, Grouping, ValueStats, percent};
use crate::app::icp::{Explored, edges_text};
use crate::app::{Command, EditCommand};
use crate::model::{Icp, Importance};
use crate::ui::widgets::{card, primary_button, section, strong_text};

/// The most values an attribute shows; the rest are counted under the chart.
const MAX_VALUES: usize = 12;
const VALUE_WIDTH: f32 = 150.0;
const BAR_WIDTH: f32 = 200.0;
const BAR_HEIGHT: f32 = 7.0;

pub fn ui(ui: &mut Ui, explored: &mut Explored, icp: &Icp, commands: &mut Vec<Command>) {
    ranked_ui(ui, &explored.analysis);
    suggestions_ui(ui, explored, icp, commands);
    section(
        ui,
        "Attribute by attribute",
        "How common each value is among the best, all and churned customers. Numbers are cut into bands you can move.",
    );
    legend(ui);
    for index in 0..explored.analysis.attributes.len() {
        attribute_ui(ui, explored, index);
    }
}

fn ranked_ui(ui: &mut Ui, analysis: &icp::Analysis) {
    section(
        ui,
        "What sets the best apart",
        "Patterns are far more common among the best customers than among all; anti-patterns churn well above the overall rate.",
    );
    let t = &analysis.totals;
    ui.columns(2, |columns| {
        card(&mut columns[0], |ui| {
            ui.label(strong_text("Patterns", 18.0));
            ranked_list(ui, analysis, &analysis.patterns, |v| {
                (
                    format!("{:.1}×", v.lift),
                    format!(
                        "{} of {} best, {} of all",
                        v.count_best,
                        t.best,
                        percent(v.share_all)
                    ),
                )
            });
        });
        card(&mut columns[1], |ui| {
            ui.label(strong_text("Anti-patterns", 18.0));
            ranked_list(ui, analysis, &analysis.anti_patterns, |v| {
                (
                    percent(v.churn_rate),
                    format!(
                        "{} of {} churned, against {} overall",
                        v.count_churned,
                        v.count_all,
                        percent(t.churn_rate)
                    ),
                )
            });
        });
    });
}

fn ranked_list(
    ui: &mut Ui,
    analysis: &icp::Analysis,
    list: &[icp::Finding],
    describe: impl Fn(&ValueStats) -> (String, String),
) {
    if list.is_empty() {
        ui.label(RichText::new("None stands out at these settings.").weak());
    }
    for finding in list.iter().take(8) {
        let Some((attribute, value)) = analysis.value(*finding) else {
            continue;
        };
        let (figure, detail) = describe(value);
        ui.horizontal_wrapped(|ui| {
            ui.label(strong_text(figure, 16.0));
            ui.label(RichText::new(format!("{}: {}", attribute.name, value.value)).strong());
            ui.label(RichText::new(detail).weak());
        });
    }
}

fn suggestions_ui(ui: &mut Ui, explored: &Explored, icp: &Icp, commands: &mut Vec<Command>) {
    section(
        ui,
        "Suggested criteria",
        "Drawn from the patterns. Accept one to add it to the ICP below, where you can reword it; reject it to stop it coming back.",
    );
    let open: Vec<(usize, &crate::model::Criterion)> = explored
        .suggestions
        .iter()
        .enumerate()
        .filter(|(_, s)| !icp::is_settled(icp, s))
        .collect();
    card(ui, |ui| {
        if open.is_empty() {
            ui.label(
                RichText::new("Nothing left to decide: every suggestion is accepted or rejected.")
                    .weak(),
            );
        }
        for (index, suggestion) in open {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(suggestion.importance.label())
                        .strong()
                        .color(importance_color(ui, suggestion.importance)),
                );
                ui.label(strong_text(
                    format!("{}: {}", suggestion.attribute, suggestion.values.join(", ")),
                    16.0,
                ));
            });
            ui.label(RichText::new(&suggestion.rationale).weak());
            ui.horizontal(|ui| {
                let name = format!("{} {}", suggestion.attribute, suggestion.values.join(", "));
                if primary_button(ui, "Accept")
                    .accessible_name(format!("Accept {name}"))
                    .clicked()
                {
                    commands.push(Command::Edit(EditCommand::AcceptSuggestion(index)));
                }
                if ui
                    .button("Reject")
                    .accessible_name(format!("Reject {name}"))
                    .clicked()
                {
                    commands.push(Command::Edit(EditCommand::RejectSuggestion(index)));
                }
            });
            ui.add_space(8.0);
        }
    });
}

pub fn importance_color(ui: &Ui, importance: Importance) -> egui::Color32 {
    let dark = ui.visuals().dark_mode;
    match importance {
        Importance::MustHave => crate::ui::theme::agreed(dark),
        Importance::NiceToHave => crate::ui::theme::accent(dark),
        Importance::Exclude => group_colors(ui)[2],
    }
}

fn attribute_ui(ui: &mut Ui, explored: &mut Explored, index: usize) {
    let totals = explored.analysis.totals.clone();
    let name = explored.table.attributes[index].name.clone();
    card(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(strong_text(&name, 18.0));
            ui.add_space(12.0);
            grouping_ui(ui, explored, index);
        });
        ui.add_space(6.0);
        if let Some(attribute) = explored.analysis.attributes.get(index) {
            chart_ui(ui, attribute, &totals);
        }
    });
}

/// Categories or bands, and the band edges as typed.
fn grouping_ui(ui: &mut Ui, explored: &mut Explored, index: usize) {
    let name = explored.table.attributes[index].name.clone();
    let mut banded = matches!(explored.settings.groupings[index], Grouping::Bands(_));
    let before = banded;
    ui.radio_value(&mut banded, false, "Values");
    ui.radio_value(&mut banded, true, "Bands");
    if banded != before {
        explored.settings.groupings[index] = if banded {
            match icp::default_grouping(&explored.table.attributes[index]) {
                Grouping::Categories => Grouping::Bands(Vec::new()),
                bands => bands,
            }
        } else {
            Grouping::Categories
        };
        explored.band_texts[index] = edges_text(&explored.settings.groupings[index]);
        explored.band_errors[index] = None;
    }
    if banded {
        ui.label(RichText::new("Edges").weak());
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut explored.band_texts[index])
                    .desired_width(200.0)
                    .hint_text("50, 200, 1000"),
            )
            .accessible_name(format!("Band edges of {name}"));
        if edit.changed() {
            match icp::parse_edges(&explored.band_texts[index]) {
                Ok(edges) => {
                    explored.settings.groupings[index] = Grouping::Bands(edges);
                    explored.band_errors[index] = None;
                }
                Err(error) => explored.band_errors[index] = Some(error.to_string()),
            }
        }
        match &explored.band_errors[index] {
            Some(error) => ui.label(RichText::new(error).color(ui.visuals().warn_fg_color)),
            None => ui.label(RichText::new("each band includes its lower edge").weak()),
        };
    }
}

/// One row per value: three bars (share of the best, of all, of the churned) and the counts.
fn chart_ui(ui: &mut Ui, attribute: &AttributeStats, totals: &icp::Totals) {
    let colors = group_colors(ui);
    let track = ui.visuals().faint_bg_color;
    let churned_share = |value: &ValueStats| {
        if totals.churned == 0 {
            0.0
        } else {
            value.count_churned as f64 / totals.churned as f64
        }
    };
    // Bars are drawn against the largest share in the attribute, so small differences show.
    let scale = attribute
        .values
        .iter()
        .map(|v| v.share_best.max(v.share_all).max(churned_share(v)))
        .fold(0.0, f64::max)
        .max(f64::EPSILON);
    for value in attribute.values.iter().take(MAX_VALUES) {
        let churned_share = churned_share(value);
        let shares = [value.share_best, value.share_all, churned_share].map(|s| s / scale);
        ui.horizontal(|ui| {
            let text = RichText::new(&value.value);
            let text = if value.too_rare {
                text.weak()
            } else {
                text.strong()
            };
            let size = egui::vec2(VALUE_WIDTH, 3.0 * (BAR_HEIGHT + 3.0));
            ui.allocate_ui_with_layout(
                size,
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_min_size(size);
                    ui.add(egui::Label::new(text).truncate());
                },
            );
            let (rect, _) = ui.allocate_exact_size(
                egui::vec2(BAR_WIDTH, 3.0 * (BAR_HEIGHT + 3.0)),
                egui::Sense::hover(),
            );
            for (row, (share, color)) in shares.iter().zip(colors).enumerate() {
                let top = rect.top() + row as f32 * (BAR_HEIGHT + 3.0);
                let bar = egui::Rect::from_min_size(
                    egui::pos2(rect.left(), top),
                    egui::vec2(BAR_WIDTH, BAR_HEIGHT),
                );
                ui.painter().rect_filled(bar, 3.0, track);
                let filled = egui::Rect::from_min_size(
                    bar.min,
                    egui::vec2(BAR_WIDTH * (*share as f32).clamp(0.0, 1.0), BAR_HEIGHT),
                );
                ui.painter().rect_filled(filled, 3.0, color);
            }
            let mut detail = format!(
                "best {}/{} · all {}/{} · churned {}/{} · lift {:.1} · churn {}",
                count(value.count_best),
                count(totals.best),
                count(value.count_all),
                count(totals.customers),
                count(value.count_churned),
                count(totals.churned),
                value.lift,
                percent(value.churn_rate),
            );
            if value.too_rare {
                detail.push_str(" · too rare to trust");
            }
            ui.label(RichText::new(detail).weak())
                .on_hover_text(format!(
                    "{} of the best, {} of all and {} of the churned customers",
                    percent(value.share_best),
                    percent(value.share_all),
                    percent(churned_share),
                ));
        });
    }
    if attribute.values.len() > MAX_VALUES {
        ui.label(
            RichText::new(format!(
                "and {} rarer values",
                attribute.values.len() - MAX_VALUES
            ))
            .weak(),
        );
    }
}

/// A count with thousands separators.
fn count(n: u64) -> String {
    icp::format_number(n as f64)
}
