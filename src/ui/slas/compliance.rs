//! The check of an SLA against exported events: the column mapping, the import, and the
//! figures per owner.

use super::{
    Checked, Command, Compliance, EditCommand, EventField, Figures, ImportCommand, Mapping, Phase,
    RichText, Sla, Ui, card_row, column_picker, describe_kept, file_name, import_progress_ui,
    preview_header_ui, strong_text, theme,
};

/// The check against exported events: a button, the column mapping, progress, then the figures.
pub(super) fn compliance_ui(
    ui: &mut Ui,
    sla: &Sla,
    phase: &mut Phase,
    name: &str,
    commands: &mut Vec<Command>,
) {
    if phase.sla() != Some(sla.id) {
        if let Some(kept) = &sla.last_check {
            ui.label(RichText::new(format!("Last checked on {}.", describe_kept(kept))).weak());
        }
        let check = ui
            .button("Check against events…")
            .on_hover_text("Measure it on a CSV exported from the CRM")
            .accessible_name(format!("Check the {name} SLA against events"));
        if check.clicked() {
            commands.push(Command::Import(ImportCommand::CheckSla(sla.id)));
        }
        return;
    }
    match phase {
        Phase::Empty => {}
        Phase::Choosing(_) => {
            ui.separator();
            ui.label(strong_text(
                "Drop the events CSV on the window, or choose it",
                16.0,
            ));
            ui.label(
                RichText::new(
                    "One row per item: when the clock started, when it was handled (blank if not yet), and the owner.",
                )
                .weak(),
            );
            ui.horizontal(|ui| {
                if ui.button("Choose events file…").clicked() {
                    commands.push(Command::Import(ImportCommand::CheckSlaDialog(sla.id)));
                }
                if ui.button("Cancel").clicked() {
                    commands.push(Command::Import(ImportCommand::CloseEventData));
                }
            });
        }
        Phase::Mapping(mapping) => mapping_ui(ui, mapping, commands),
        Phase::Importing(job) => {
            let file = file_name(&job.mapping.preview.path);
            if import_progress_ui(ui, &file, job.progress.fraction()) {
                commands.push(Command::Import(ImportCommand::CancelEventImport));
            }
        }
        Phase::Checked(checked) => checked_ui(ui, sla, checked, commands),
    }
}

pub(super) fn mapping_ui(ui: &mut Ui, mapping: &mut Mapping, commands: &mut Vec<Command>) {
    let preview = &mapping.preview;
    ui.separator();
    preview_header_ui(ui, preview, "Say which column holds what.");
    ui.add_space(6.0);
    let mut changes = Vec::new();
    // A row per field and the file's first value under it: the card shares its width with
    // the other direction's, so there is no room for a third column.
    for field in EventField::ALL {
        let current = mapping.columns.get(field);
        let mut chosen = current;
        card_row(ui, field.label(), |ui, width| {
            column_picker(
                ui,
                ("event-field", field.label()),
                &preview.headers,
                &mut chosen,
                width.min(220.0),
                &format!("Column for {}", field.label()),
            );
        });
        if let Some(sample) = current.and_then(|i| preview.column(i).find(|v| !v.is_empty())) {
            card_row(ui, "", |ui, _| {
                ui.label(RichText::new(format!("e.g. {sample}")).small().weak());
            });
        }
        if chosen != current {
            changes.push((field, chosen));
        }
    }
    for (field, column) in changes {
        mapping.columns.set(field, column);
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let ready = mapping.columns.created.is_some();
        if ui
            .add_enabled(ready, egui::Button::new("Check the SLA"))
            .on_disabled_hover_text("Choose the column with the time the clock starts")
            .clicked()
        {
            commands.push(Command::Import(ImportCommand::StartEventImport));
        }
        if ui.button("Cancel").clicked() {
            commands.push(Command::Import(ImportCommand::CloseEventData));
        }
    });
}

/// The figures: the share in time against the target, the times, and each owner.
pub(super) fn checked_ui(ui: &mut Ui, sla: &Sla, checked: &Checked, commands: &mut Vec<Command>) {
    ui.separator();
    let file = &checked.table.scan.file_name;
    ui.horizontal(|ui| {
        ui.label(strong_text(format!("Measured on {file}"), 16.0));
        if checked.is_updating() {
            // The figures below are for the SLA as it was a moment ago.
            ui.label(RichText::new("updating for your change…").weak());
        }
    });
    match &checked.result {
        Err(message) => {
            ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
        }
        Ok(Compliance::Response(check)) => {
            let overall = &check.overall;
            let dark = ui.visuals().dark_mode;
            let color = match overall.meets_target {
                Some(true) => theme::agreed(dark),
                Some(false) => ui.visuals().error_fg_color,
                None => ui.visuals().strong_text_color(),
            };
            let share = overall
                .share_met
                .map_or("No event could be judged yet".to_owned(), |s| {
                    format!("{:.1}% handled within the SLA", s * 100.0)
                });
            ui.label(strong_text(share, 22.0).color(color));
            let target = sla
                .target_percent
                .map(|t| format!(" · target {t}%"))
                .unwrap_or_default();
            ui.label(
                RichText::new(format!(
                    "{} events: {} in time, {} late ({} never handled), {} still open{target}",
                    overall.events,
                    overall.met,
                    overall.missed,
                    overall.never_handled,
                    overall.open
                ))
                .weak(),
            );
            ui.label(
                RichText::new(format!(
                    "Response times in {}; the SLA allows {}.",
                    check.unit, check.window
                ))
                .weak(),
            );
            ui.add_space(6.0);
            egui::Grid::new(("compliance", sla.id))
                .num_columns(4)
                .spacing([18.0, 4.0])
                .striped(true)
                .show(ui, |ui| {
                    for title in ["Owner", "In time", "Median", "90th pct."] {
                        ui.label(RichText::new(title).small().weak());
                    }
                    ui.end_row();
                    let mut row = |owner: &str, figures: &Figures| {
                        ui.label(owner);
                        ui.label(
                            figures
                                .share_met
                                .map_or("–".to_owned(), |s| format!("{:.1}%", s * 100.0)),
                        );
                        let time =
                            |v: Option<f64>| v.map_or("–".to_owned(), |v| format!("{v:.1}"));
                        ui.label(time(figures.median));
                        ui.label(time(figures.p90));
                        ui.end_row();
                    };
                    row("Everyone", overall);
                    for owner in &check.by_owner {
                        let name = if owner.owner.is_empty() {
                            "No owner"
                        } else {
                            &owner.owner
                        };
                        row(name, &owner.figures);
                    }
                });
        }
        Ok(Compliance::Volume(volume)) => {
            let share = volume
                .share_met
                .map_or("No month in the file".to_owned(), |_| {
                    format!(
                        "{} of {} months reached {}",
                        volume.months_met,
                        volume.months.len(),
                        volume.per_month
                    )
                });
            ui.label(strong_text(share, 22.0));
            for month in &volume.months {
                ui.label(format!("{}  ·  {}", month.month, month.count));
            }
        }
    }
    keep_ui(ui, sla, checked, commands);
    let skipped = checked.table.scan.skipped.total();
    if skipped > 0 {
        let lines: Vec<String> = checked
            .table
            .scan
            .skipped
            .examples
            .iter()
            .take(3)
            .map(|s| format!("line {}: {}", s.line, s.reason))
            .collect();
        ui.label(
            RichText::new(format!(
                "{skipped} rows could not be timed and were left out — {}",
                lines.join("; ")
            ))
            .weak(),
        );
    }
    if ui.button("Close the events").clicked() {
        commands.push(Command::Import(ImportCommand::CloseEventData));
    }
}

/// Keeps the figures in the session, so the next review's trend can show them; says so once
/// they are.
fn keep_ui(ui: &mut Ui, sla: &Sla, checked: &Checked, commands: &mut Vec<Command>) {
    let Some(figures) = checked.kept.as_ref().filter(|_| !checked.is_updating()) else {
        return;
    };
    ui.add_space(4.0);
    if sla.last_check.as_ref() == Some(figures) {
        ui.label(RichText::new("✔ Kept in the session for the trend over reviews.").weak());
    } else if ui
        .button("Keep these figures")
        .on_hover_text(
            "The session keeps the figures, never the events, so the next review can show whether the SLA got better",
        )
        .clicked()
    {
        commands.push(Command::Edit(EditCommand::KeepSlaFigures(
            sla.id,
            Box::new(figures.clone()),
        )));
    }
}
