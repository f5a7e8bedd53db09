//! Getting the customers in: choose a file, map its columns, watch the import, read the totals.

use egui::{RichText, Ui};

use crate::analysis::icp::{Meaning, format_number, percent};
use crate::app::icp::{Explored, Mapping, Phase, Role};
use crate::app::{App, Command, ImportCommand, UiCommand};
use crate::import::money::DecimalMark;
use crate::ui::widgets::{
    card, choice, file_name, import_progress_ui, picker_width, preview_header_ui, primary_button,
    section, strong_text,
};

/// How many preview rows the mapping shows under each column name.
const SAMPLE_VALUES: usize = 3;

pub fn ui(app: &mut App, ui: &mut Ui, commands: &mut Vec<Command>) {
    section(
        ui,
        "Customer data",
        "An export of your customers from the CRM or a spreadsheet. The rows stay on this laptop: the session keeps only the figures.",
    );
    match &mut app.doc.work.icp.phase {
        Phase::Empty => empty_ui(ui, app.doc.session.icp.data.as_ref(), commands),
        Phase::Mapping(mapping) => mapping_ui(ui, mapping, commands),
        Phase::Importing(job) => {
            let name = file_name(&job.mapping.preview.path);
            if import_progress_ui(ui, &name, job.progress.fraction()) {
                commands.push(Command::Import(ImportCommand::CancelCustomerImport));
            }
        }
        Phase::Explored(explored) => explored_ui(ui, explored, commands),
    }
}

fn empty_ui(ui: &mut Ui, last: Option<&crate::model::DataSummary>, commands: &mut Vec<Command>) {
    card(ui, |ui| {
        ui.label(strong_text(
            "Drop a CSV file on the window, or choose one",
            18.0,
        ));
        ui.label(
            RichText::new(
                "Comma, semicolon or tab separated; UTF-8, UTF-16 or Windows-1252. You will map the columns next.",
            )
            .weak(),
        );
        ui.add_space(6.0);
        if primary_button(ui, "Choose customer file…").clicked() {
            commands.push(Command::Ui(UiCommand::ImportCustomers));
        }
        if let Some(data) = last {
            ui.add_space(8.0);
            ui.label(
                RichText::new(format!(
                    "Last import: {} — {} customers, {} best, {} churn. Import it again to explore it here.",
                    data.source_file,
                    data.customers,
                    data.best,
                    percent(data.churn_rate),
                ))
                .weak(),
            );
        }
    });
}

fn mapping_ui(ui: &mut Ui, mapping: &mut Mapping, commands: &mut Vec<Command>) {
    card(ui, |ui| {
        let preview = &mapping.preview;
        preview_header_ui(ui, preview, "Say what each column holds.");
        ui.add_space(8.0);
        let width = picker_width(ui, Role::ALL.map(Role::label));
        let mut changes = Vec::new();
        egui::Grid::new("icp-mapping")
            .num_columns(3)
            .spacing([18.0, 8.0])
            .striped(true)
            .show(ui, |ui| {
                for (index, header) in preview.headers.iter().enumerate() {
                    ui.label(RichText::new(header).strong());
                    let mut role = mapping.roles[index];
                    choice(
                        ui,
                        ("role", index),
                        &mut role,
                        &Role::ALL,
                        Role::label,
                        width,
                    )
                    .accessible_name(format!("Role of {header}"));
                    if role != mapping.roles[index] {
                        changes.push((index, role));
                    }
                    let sample: Vec<&str> = preview
                        .column(index)
                        .filter(|v| !v.is_empty())
                        .take(SAMPLE_VALUES)
                        .collect();
                    ui.label(RichText::new(shorten(&sample.join(" · "), 60)).weak());
                    ui.end_row();
                }
            });
        for (index, role) in changes {
            mapping.set_role(index, role);
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new("Amounts are written like").weak());
            ui.radio_value(&mut mapping.decimal, DecimalMark::Point, "1,200.50");
            ui.radio_value(&mut mapping.decimal, DecimalMark::Comma, "1.200,50");
        });
        ui.add_space(8.0);
        match mapping.columns() {
            Ok(_) => {
                ui.horizontal(|ui| {
                    if primary_button(ui, "Import customers").clicked() {
                        commands.push(Command::Import(ImportCommand::StartCustomerImport));
                    }
                    if ui.button("Choose another file…").clicked() {
                        commands.push(Command::Ui(UiCommand::ImportCustomers));
                    }
                });
            }
            Err(missing) => {
                ui.label(RichText::new(missing).color(ui.visuals().warn_fg_color));
            }
        }
    });
}

/// At most `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    let flat = text.replace(['\r', '\n'], " ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

fn explored_ui(ui: &mut Ui, explored: &mut Explored, commands: &mut Vec<Command>) {
    let totals = explored.analysis.totals.clone();
    card(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(strong_text(&explored.table.scan.file_name, 18.0));
            ui.label(
                RichText::new(format!(
                    "sha256 {}…",
                    explored
                        .table
                        .scan
                        .content_hash
                        .get(..12)
                        .unwrap_or_default()
                ))
                .weak()
                .monospace(),
            )
            .on_hover_text(&explored.table.scan.content_hash);
        });
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            figure(ui, &format_number(totals.customers as f64), "customers");
            figure(ui, &format_number(totals.best as f64), "best customers");
            figure(
                ui,
                &percent(totals.best_revenue_share),
                "of revenue held by the best",
            );
            figure(ui, &percent(totals.churn_rate), "churned");
        });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new("Best customers are the top").weak());
            let mut share = explored.settings.top_share * 100.0;
            let slider = egui::Slider::new(&mut share, 5.0..=50.0)
                .step_by(5.0)
                .fixed_decimals(0)
                .suffix("%");
            if ui.add(slider).accessible_name("Top share").changed() {
                explored.settings.top_share = share / 100.0;
            }
            ui.label(RichText::new("of retained customers by revenue.").weak());
        });
        ui.horizontal(|ui| {
            ui.label(RichText::new("Values held by fewer than").weak());
            ui.add(egui::DragValue::new(&mut explored.settings.min_count).range(1..=1000))
                .accessible_name("Minimum count");
            ui.label(RichText::new("customers are too rare to trust.").weak());
        });
        status_ui(ui, explored);
        skipped_ui(ui, explored, &totals);
        ui.add_space(6.0);
        if ui.button("Import another file").clicked() {
            commands.push(Command::Import(ImportCommand::CloseCustomerData));
        }
    });
    explored.refresh();
}

/// A large number with a caption under it.
fn figure(ui: &mut Ui, number: &str, caption: &str) {
    ui.vertical(|ui| {
        ui.set_min_width(150.0);
        ui.label(strong_text(number, 28.0));
        ui.label(RichText::new(caption).weak());
    });
    ui.add_space(18.0);
}

/// What each status value means, with how many customers hold it.
fn status_ui(ui: &mut Ui, explored: &mut Explored) {
    let counts = explored.table.status.counts();
    let column = &explored.table.status.name;
    ui.add_space(6.0);
    ui.label(RichText::new(format!("What “{column}” means")).weak());
    let options = [Meaning::Churned, Meaning::Active, Meaning::Unknown];
    let width = picker_width(ui, options.map(Meaning::label));
    ui.horizontal_wrapped(|ui| {
        for (code, value) in explored.table.status.values.iter().enumerate().take(24) {
            let shown = if value.is_empty() { "(blank)" } else { value };
            ui.label(format!("{shown} ({})", counts[code]));
            if let Some(meaning) = explored.settings.status.get_mut(code) {
                choice(
                    ui,
                    ("status", code),
                    meaning,
                    &options,
                    Meaning::label,
                    width,
                )
                .accessible_name(format!("Meaning of {shown}"));
            }
            ui.add_space(12.0);
        }
    });
}

/// Rows that were skipped or left out, with the first ones by line.
fn skipped_ui(ui: &mut Ui, explored: &Explored, totals: &crate::analysis::icp::Totals) {
    if totals.rows_skipped == 0 {
        ui.label(RichText::new(format!("All {} rows were read.", totals.rows_read)).weak());
        return;
    }
    let header = format!(
        "{} of {} rows left out — see why",
        totals.rows_skipped, totals.rows_read
    );
    egui::CollapsingHeader::new(RichText::new(header).color(ui.visuals().warn_fg_color))
        .id_salt("icp-skipped")
        .show(ui, |ui| {
            for group in &totals.skipped {
                ui.label(format!("{} × {}", group.count, group.reason));
            }
            let examples = &explored.table.scan.skipped.examples;
            if !examples.is_empty() {
                ui.add_space(4.0);
                ui.label(RichText::new("First rows skipped on import:").weak());
                for row in examples.iter().take(10) {
                    ui.label(RichText::new(format!("line {}: {}", row.line, row.reason)).weak());
                }
            }
        });
}
