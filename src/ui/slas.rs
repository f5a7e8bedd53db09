//! SLAs between teams: one pair of teams at a time, each side's commitments next to the other's,
//! every field of the template, what is still missing, both teams' sign-off, and a check
//! against exported events.

use egui::{DragValue, RichText, TextEdit, Ui};

use super::theme;
use super::widgets::{
    self, card, card_row as row, card_text_row as line_row, choice, column_picker, dotted,
    file_name, import_progress_ui, picker_width, preview_header_ui, sign_offs_ui, strong_text,
    team_picker, team_picker_width, time_picker,
};
use crate::analysis::compliance::{Compliance, Figures};
use crate::analysis::sla as completeness;
use crate::app::slas::{Checked, Mapping, Pair, Stage};
use crate::app::{App, Command, EditCommand, ImportCommand};
use crate::import::events::EventField;
use crate::model::{Session, Sla, Team, TimeUnit, Weekday, team_name};

/// Below this width the two directions stack instead of standing side by side.
const TWO_WAY_WIDTH: f32 = 900.0;

pub fn ui(app: &mut App, ui: &mut Ui) {
    let mut commands = Vec::new();
    let pairs = completeness::pairs(&app.doc.session);
    let selected = completeness::pair_shown(&app.doc.session, app.doc.work.slas.pair);
    pairs_ui(ui, &app.doc.session, &pairs, selected, &mut commands);

    if let Some((a, b)) = selected {
        let session = &mut app.doc.session;
        let Session { teams, slas, .. } = session;
        let mut reset = Vec::new();
        let directions = [(a, b), (b, a)];
        let two_way = a != b && ui.available_width() >= TWO_WAY_WIDTH;
        let mut column = |ui: &mut Ui, (from, to): Pair, commands: &mut Vec<Command>| {
            direction_ui(
                ui,
                teams,
                slas,
                (from, to),
                &mut app.doc.work.slas.stage,
                &mut reset,
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
        for name in reset {
            app.signatures_reset(&format!("The {name} SLA"));
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
    session: &Session,
    pairs: &[Pair],
    selected: Option<Pair>,
    commands: &mut Vec<Command>,
) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 10.0;
        for pair in pairs {
            let slas: Vec<&Sla> = session.slas.iter().filter(|s| s.pair() == *pair).collect();
            let done = slas.iter().filter(|s| completeness::settled(s)).count();
            let color = if done == slas.len() {
                theme::agreed(dark)
            } else if slas.iter().any(|s| completeness::is_complete(s)) {
                theme::drafted(dark)
            } else {
                ui.visuals().weak_text_color()
            };
            let name = pair_name(&session.teams, *pair);
            let button = egui::Button::selectable(Some(*pair) == selected, dotted(color, &name))
                .min_size(egui::vec2(0.0, 34.0));
            let response = ui
                .add(button)
                .on_hover_text(format!("{done} of {} agreed and signed", slas.len()))
                .accessible_name(&name);
            if response.clicked() {
                commands.push(Command::Edit(EditCommand::SelectSlaPair(pair.0, pair.1)));
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
    if pairs.is_empty() {
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
    slas: &mut [Sla],
    (from, to): Pair,
    stage: &mut Stage,
    reset: &mut Vec<String>,
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
        let sla = &mut slas[these[row]];
        if sla_ui(ui, teams, sla, stage, commands) && sla.sign_offs.reset() {
            reset.push(display_name(sla));
        }
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

/// One SLA as a form. Returns true when its content changed this frame (sign-offs aside).
fn sla_ui(
    ui: &mut Ui,
    teams: &[Team],
    sla: &mut Sla,
    stage: &mut Stage,
    commands: &mut Vec<Command>,
) -> bool {
    let before = sla.clone();
    let name = display_name(sla);
    card(ui, |ui| {
        ui.horizontal(|ui| {
            let edit = ui.add(
                TextEdit::singleline(&mut sla.name)
                    .font(egui::TextStyle::Heading)
                    .hint_text("Name of the SLA")
                    .desired_width((ui.available_width() - 110.0).clamp(120.0, 320.0)),
            );
            edit.accessible_name(format!("Name of the {name} SLA"));
            let remove = ui
                .button("Remove")
                .accessible_name(format!("Remove the {name} SLA"));
            if remove.clicked() {
                commands.push(Command::Edit(EditCommand::RemoveSla(sla.id)));
            }
        });
        status_ui(ui, sla);
        ui.add_space(6.0);
        fields_ui(ui, teams, sla, &name);
        ui.add_space(8.0);
        ui.label(strong_text("Sign-off", 15.5));
        let signers = sla.signers();
        if signers.is_empty() {
            ui.label(RichText::new("Choose both teams, then each of them signs.").weak());
        } else {
            let what = format!("the {name} SLA");
            sign_offs_ui(ui, teams, &signers, &mut sla.sign_offs, &what);
        }
        ui.add_space(8.0);
        compliance_ui(ui, sla, stage, &name, commands);
    });
    if sla.pair() != before.pair() {
        // The SLA moved to another pair of teams: follow it there.
        let (a, b) = sla.pair();
        commands.push(Command::Edit(EditCommand::SelectSlaPair(a, b)));
    }
    let mut after = sla.clone();
    after.sign_offs = before.sign_offs.clone();
    after != before
}

/// "Complete" in green, or what is still missing in amber.
fn status_ui(ui: &mut Ui, sla: &Sla) {
    let dark = ui.visuals().dark_mode;
    let missing = completeness::missing(sla);
    let (text, color) = if missing.is_empty() {
        (
            "Complete: time-bound, measurable, with an escalation".to_owned(),
            theme::agreed(dark),
        )
    } else {
        (
            format!("Still needs {}", completeness::and_list(&missing)),
            theme::drafted(dark),
        )
    };
    ui.label(RichText::new(text).color(color));
}

/// The template's fields: who to whom, what, when, who, how measured, target, escalation.
fn fields_ui(ui: &mut Ui, teams: &[Team], sla: &mut Sla, name: &str) {
    let field = |label: &str| format!("{label} of the {name} SLA");
    let picker = team_picker_width(ui, teams);
    row(ui, "Committed by", |ui, width| {
        team_picker(
            ui,
            ("sla-from", sla.id),
            teams,
            &mut sla.from_team,
            picker.min(width),
        )
        .accessible_name(field("Committing team"));
    });
    row(ui, "Committed to", |ui, width| {
        team_picker(
            ui,
            ("sla-to", sla.id),
            teams,
            &mut sla.to_team,
            picker.min(width),
        )
        .accessible_name(field("Receiving team"));
    });
    line_row(
        ui,
        "What",
        &mut sla.what,
        "The deliverable or action",
        &field("What"),
    );
    row(ui, "When", |ui, width| {
        ui.add(DragValue::new(&mut sla.when.amount).range(crate::model::bounds::WINDOW_AMOUNT))
            .accessible_name(field("Amount"));
        let units = picker_width(ui, TimeUnit::ALL.map(TimeUnit::label));
        choice(
            ui,
            ("sla-unit", sla.id),
            &mut sla.when.unit,
            &TimeUnit::ALL,
            TimeUnit::label,
            units.min(width - 70.0),
        )
        .accessible_name(field("Unit"));
    });
    let starts_hint = if sla.when.unit == TimeUnit::PerMonth {
        "The period it counts, such as the calendar month"
    } else {
        "The event that starts the clock"
    };
    line_row(
        ui,
        "Clock starts",
        &mut sla.when.clock_starts,
        starts_hint,
        &field("Clock starts"),
    );
    if sla.when.unit.uses_business_hours() {
        business_hours_ui(ui, sla, name);
    }
    line_row(
        ui,
        "Who",
        &mut sla.who,
        "The role responsible in the committing team",
        &field("Who"),
    );
    line_row(
        ui,
        "How measured",
        &mut sla.how_measured,
        "The metric that shows it was kept",
        &field("How measured"),
    );
    line_row(
        ui,
        "Data source",
        &mut sla.data_source,
        "Where the metric comes from",
        &field("Data source"),
    );
    row(ui, "Target", |ui, _| match &mut sla.target_percent {
        Some(target) => {
            ui.add(
                DragValue::new(target)
                    .range(crate::model::bounds::TARGET_PERCENT)
                    .speed(0.5)
                    .suffix("% in time"),
            )
            .accessible_name(field("Target"));
            if ui
                .small_button("No target")
                .accessible_name(field("Remove the target"))
                .clicked()
            {
                sla.target_percent = None;
            }
        }
        None => {
            if ui
                .button("Set a target")
                .accessible_name(field("Set a target"))
                .clicked()
            {
                sla.target_percent = Some(95.0);
            }
        }
    });
    ui.add_space(4.0);
    ui.label(RichText::new("Escalation").strong());
    line_row(
        ui,
        "What happens",
        &mut sla.escalation.action,
        "Re-assign the lead, raise it at the weekly review…",
        &field("Escalation"),
    );
    line_row(
        ui,
        "To whom",
        &mut sla.escalation.to,
        "The person it goes to",
        &field("Escalated to"),
    );
    line_row(
        ui,
        "After",
        &mut sla.escalation.after,
        "How long a miss waits before it escalates",
        &field("Escalation after"),
    );
}

/// Opening hours, working days and the time zone the clock runs in.
fn business_hours_ui(ui: &mut Ui, sla: &mut Sla, name: &str) {
    let field = |label: &str| format!("{label} of the {name} SLA");
    let hours = &mut sla.business_hours;
    row(ui, "Open", |ui, _| {
        let mut opens = Some(hours.opens);
        time_picker(
            ui,
            ("sla-opens", sla.id),
            &mut opens,
            &field("Opening time"),
        );
        ui.label("to");
        let mut closes = Some(hours.closes);
        time_picker(
            ui,
            ("sla-closes", sla.id),
            &mut closes,
            &field("Closing time"),
        );
        if let (Some(opens), Some(closes)) = (opens, closes) {
            (hours.opens, hours.closes) = (opens, closes);
        }
    });
    row(ui, "Working days", |ui, _| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for day in Weekday::ALL {
            let mut on = hours.days.contains(&day);
            let toggle = ui
                .toggle_value(&mut on, day.short())
                .accessible_name(format!(
                    "{} is a working day for the {name} SLA",
                    day.short()
                ));
            if toggle.changed() {
                if on {
                    hours.days.push(day);
                    hours.days.sort();
                } else {
                    hours.days.retain(|d| *d != day);
                }
            }
        }
    });
    row(ui, "Holidays", |ui, _| {
        let mut remove = None;
        for (index, date) in hours.holidays.iter_mut().enumerate() {
            let number = index + 1;
            ui.add(
                egui_extras::DatePickerButton::new(date)
                    .id_salt(&format!("sla-holiday-{:?}-{index}", sla.id)),
            )
            .accessible_name(format!("Holiday {number} of the {name} SLA"));
            let button = ui
                .small_button("×")
                .on_hover_text("Not a holiday after all")
                .accessible_name(format!("Remove holiday {number} of the {name} SLA"));
            if button.clicked() {
                remove = Some(index);
            }
        }
        if let Some(index) = remove {
            hours.holidays.remove(index);
        }
        if hours.holidays.is_empty() {
            ui.label(RichText::new("None: every working day counts").weak());
        }
        // A new holiday starts the day after the last one (Christmas, then Boxing Day), or
        // today; the room then picks the date it means.
        let add = ui
            .button("+ Add")
            .accessible_name(format!("Add a holiday to the {name} SLA"));
        if add.clicked() {
            let next = hours.holidays.iter().max().and_then(|d| d.tomorrow().ok());
            hours
                .holidays
                .push(next.unwrap_or_else(|| jiff::Zoned::now().date()));
        }
    });
    row(ui, "Time zone", |ui, width| {
        ui.add(
            TextEdit::singleline(&mut sla.time_zone)
                .hint_text("Europe/Berlin")
                .desired_width(width.min(200.0)),
        )
        .accessible_name(field("Time zone"));
        let here = jiff::tz::TimeZone::system();
        if sla.time_zone.trim().is_empty()
            && let Some(here) = here.iana_name()
            && ui
                .small_button(format!("Use {here}"))
                .on_hover_text("This computer's time zone")
                .clicked()
        {
            sla.time_zone = here.to_owned();
        }
    });
    if let Err(error) = crate::analysis::clock::SlaClock::new(sla)
        && sla.when.amount > 0
        && !sla.time_zone.trim().is_empty()
    {
        row(ui, "", |ui, _| {
            ui.label(RichText::new(error.to_string()).color(ui.visuals().error_fg_color));
        });
    }
}

/// The check against exported events: a button, the column mapping, progress, then the figures.
fn compliance_ui(
    ui: &mut Ui,
    sla: &Sla,
    stage: &mut Stage,
    name: &str,
    commands: &mut Vec<Command>,
) {
    if stage.sla() != Some(sla.id) {
        let check = ui
            .button("Check against events…")
            .on_hover_text("Measure it on a CSV exported from the CRM")
            .accessible_name(format!("Check the {name} SLA against events"));
        if check.clicked() {
            commands.push(Command::Import(ImportCommand::CheckSla(sla.id)));
        }
        return;
    }
    match stage {
        Stage::Empty => {}
        Stage::Choosing(_) => {
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
        Stage::Mapping(mapping) => mapping_ui(ui, mapping, commands),
        Stage::Importing(job) => {
            let file = file_name(&job.mapping.preview.path);
            if import_progress_ui(ui, &file, job.progress.fraction()) {
                commands.push(Command::Import(ImportCommand::CancelEventImport));
            }
        }
        Stage::Checked(checked) => checked_ui(ui, sla, checked, commands),
    }
}

fn mapping_ui(ui: &mut Ui, mapping: &mut Mapping, commands: &mut Vec<Command>) {
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
        row(ui, field.label(), |ui, width| {
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
            row(ui, "", |ui, _| {
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
fn checked_ui(ui: &mut Ui, sla: &Sla, checked: &Checked, commands: &mut Vec<Command>) {
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
