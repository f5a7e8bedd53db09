//! The funnel check: counts per stage, typed or counted from a CRM export, each step's
//! conversion against its typical range, and what the funnel signals.

use super::{
    Command, Flag, ImportCommand, RichText, Session, Stage, StageId, TextEdit, TypicalRanges, Ui,
    UiCommand, card, card_row, column_picker, display_name, file_name, lazy_rows, percent,
    pipeline, preview_header_ui, strong_text, theme, work_progress_ui,
};
use crate::ui::widgets;

/// The counts per stage, each step's rate against its range, and what the funnel signals.
pub(super) fn funnel_ui(
    ui: &mut Ui,
    session: &mut Session,
    typical: &TypicalRanges,
    file: &mut crate::app::funnel::Phase,
    commands: &mut Vec<Command>,
) {
    let ranges = match &typical.ranges {
        Ok(ranges) => ranges,
        Err(error) => {
            ui.label(
                RichText::new(format!("The typical ranges could not be read: {error}"))
                    .color(ui.visuals().error_fg_color),
            );
            return;
        }
    };
    card_row(ui, "Period", |ui, width| {
        ui.add(
            TextEdit::singleline(&mut session.funnel.period)
                .hint_text("Q3 2026")
                .desired_width(width.min(200.0)),
        )
        .accessible_name("Funnel period");
        // In the row's own wrapping: where the field leaves too little beside it (beside the
        // room's panel at projector text), the button goes whole to the next line.
        let count = egui::Button::new("Count from a CSV…").wrap_mode(egui::TextWrapMode::Extend);
        if ui.add(count).clicked() {
            commands.push(Command::Ui(UiCommand::CountFunnelFromCsv));
        }
    });
    if let Some(source) = &session.funnel.source {
        ui.label(
            RichText::new(format!(
                "Counted from {} · sha256 {}…",
                source.file,
                short_hash(&source.sha256)
            ))
            .weak(),
        )
        .on_hover_text(&source.sha256);
    }
    match file {
        crate::app::funnel::Phase::Closed => {}
        crate::app::funnel::Phase::Mapping(file) => file_ui(ui, file, commands),
        crate::app::funnel::Phase::Counting(job) => {
            let heading = format!(
                "Counting the records in {}",
                file_name(&job.mapping.preview.path)
            );
            if work_progress_ui(ui, &heading, "Cancel the count", job.progress.fraction()) {
                commands.push(Command::Import(ImportCommand::CancelFunnelCount));
            }
        }
    }
    funnel_table_ui(ui, session, ranges, typical.file.as_deref());
}

/// The export's first rows and the choice of its stage column.
pub(super) fn file_ui(
    ui: &mut Ui,
    file: &mut crate::app::funnel::FunnelFile,
    commands: &mut Vec<Command>,
) {
    card(ui, |ui| {
        preview_header_ui(ui, &file.preview, "Which column holds each record's stage?");
        card_row(ui, "Stage column", |ui, width| {
            column_picker(
                ui,
                "funnel-column",
                &file.preview.headers,
                &mut file.column,
                width.min(240.0),
                "Column for the stage",
            );
        });
        ui.horizontal(|ui| {
            let ready = file.column.is_some();
            if ui
                .add_enabled(ready, egui::Button::new("Count the funnel"))
                .clicked()
            {
                commands.push(Command::Import(ImportCommand::CountFunnelCsv));
            }
            if ui.button("Cancel").clicked() {
                commands.push(Command::Import(ImportCommand::CloseFunnelCsv));
            }
        });
    });
}

/// Each stage's count, its conversion against the typical range, and what the funnel signals.
pub(super) fn funnel_table_ui(
    ui: &mut Ui,
    session: &mut Session,
    ranges: &pipeline::Ranges,
    ranges_file: Option<&std::path::Path>,
) {
    ui.add_space(6.0);
    let counts: Vec<(String, Option<u64>)> = session
        .stages
        .iter()
        .map(|s| {
            (
                display_name(s).to_owned(),
                session.funnel.counts.get(&s.id).copied(),
            )
        })
        .collect();
    let check = pipeline::funnel(&counts, ranges);
    let dark = ui.visuals().dark_mode;
    // Counts typed that do not read as one, said under the table.
    card(ui, |ui| {
        let mut unread = Vec::new();
        let row_height = ui.spacing().interact_size.y + 6.0;
        let widths = column_widths(ui, &session.stages);
        let Session { stages, funnel, .. } = session;
        widgets::sideways(ui, "funnel", |ui| {
            widgets::header_row(
                ui,
                &[
                    ("Stage", widths[0]),
                    ("Reached", widths[1]),
                    ("Of the first", widths[2]),
                    ("To the next", widths[3]),
                ],
            );
            // Only the rows in view are laid out, and those nothing touches are painted as
            // they were: a row shows the session, the typical ranges, and a count being typed.
            lazy_rows(ui, "funnel", stages.len(), |ui, index| {
                let stage = &stages[index];
                let count_id = egui::Id::unique("funnel_count").with(stage.id);
                let cumulative = match index {
                    0 => funnel.counts.get(&stage.id).map(|_| 1.0),
                    n => check.steps[n - 1].cumulative,
                };
                let step = check.steps.get(index);
                let row = |ui: &mut Ui| {
                    ui.horizontal(|ui| {
                        ui.set_min_height(row_height);
                        let name = display_name(stage);
                        let count = funnel.counts.get(&stage.id).copied();
                        let left = egui::Align::Min;
                        widgets::label_in(ui, widths[0], strong_text(name, 15.5), left);
                        ui.allocate_ui_with_layout(
                            egui::vec2(widths[1], row_height),
                            egui::Layout::left_to_right(egui::Align::Center),
                            |ui| {
                                ui.set_min_width(widths[1]);
                                if let Some(error) =
                                    count_ui(ui, count_id, name, count, funnel, stage.id)
                                {
                                    unread.push(format!("{name}: {error}"));
                                }
                            },
                        );
                        let cumulative = cumulative.map_or("–".to_owned(), percent);
                        widgets::label_in(ui, widths[2], cumulative, left);
                        let Some(step) = step else {
                            return;
                        };
                        let typical = step.typical.map_or(String::new(), |(low, high)| {
                            format!(" (typical {}–{})", percent(low), percent(high))
                        });
                        let rate = step.rate.map_or("–".to_owned(), percent);
                        widgets::label_in(ui, widths[3], format!("{rate}{typical}"), left);
                        let (text, color) = match step.flag {
                            Flag::None => ("", ui.visuals().text_color()),
                            Flag::Below => ("Below its range", theme::drafted(dark)),
                            Flag::FarBelow => ("Far below its range", ui.visuals().error_fg_color),
                            Flag::Inconsistent => (
                                "More reached the next stage: check the counts",
                                ui.visuals().error_fg_color,
                            ),
                        };
                        // On a projector a long warning ends in "…"; the whole of it shows on
                        // hover.
                        ui.add(egui::Label::new(RichText::new(text).color(color)).truncate());
                    });
                };
                if ui.data(|data| data.get_temp::<String>(count_id)).is_some() {
                    // A count that does not read stays live, so its error is said below.
                    ui.scope(row);
                } else {
                    let shows = step.map(|step| {
                        let rate = step.rate.map(f64::to_bits);
                        let typical = step
                            .typical
                            .map(|(low, high)| (low.to_bits(), high.to_bits()));
                        (rate, typical, step.flag as u8)
                    });
                    let key = (
                        index,
                        cumulative.map(f64::to_bits),
                        shows,
                        row_height.to_bits(),
                    );
                    widgets::still(ui, key, row);
                }
            });
        });
        // Inside the card, with the counts they are about: a card out of view is not laid
        // out, and what it found must not show without it.
        for problem in unread {
            ui.label(
                RichText::new(format!("{problem}. The count stays as it was."))
                    .color(ui.visuals().error_fg_color),
            );
        }
    });
    for signal in &check.signals {
        ui.add_space(6.0);
        card(ui, |ui| {
            ui.label(strong_text("Misalignment signal", 16.0).color(ui.visuals().error_fg_color));
            ui.label(signal);
        });
    }
    let source = &ranges.source;
    let from = ranges_file.map_or(String::new(), |path| {
        format!(" Read from {}.", path.display())
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "Typical ranges: {}, “{}” (read {}).{from}",
                source.publisher, source.title, source.read_on
            ))
            .small()
            .weak(),
        );
        ui.hyperlink_to(RichText::new("Source").small(), &source.url);
    });
}

/// The widths of the funnel's columns: the longest stage name, a count, a share, and a rate
/// with its typical range. The names are measured once per revision of the session.
fn column_widths(ui: &Ui, stages: &[Stage]) -> [f32; 4] {
    let measure = |text: egui::WidgetText| {
        text.into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Body,
        )
        .size()
        .x
    };
    let id = egui::Id::unique("funnel_widths");
    let key = (
        widgets::still::revision(ui.ctx()),
        egui::TextStyle::Body.resolve(ui.style()).size.to_bits(),
    );
    let names = match ui.data(|data| data.get_temp::<((u64, u32), f32)>(id)) {
        Some((known, width)) if known == key => width,
        _ => {
            let width = stages
                .iter()
                .map(|stage| measure(strong_text(display_name(stage), 15.5).into()))
                .fold(90.0_f32, f32::max);
            ui.data_mut(|data| data.insert_temp(id, (key, width)));
            width
        }
    };
    let header = |title: &str| measure(RichText::new(title).small().into());
    [
        names,
        90.0,
        header("Of the first").max(measure("100%".into())) + 8.0,
        measure("100% (typical 100%–100%)".into()) + 8.0,
    ]
}

/// The first twelve digits of a hash, enough to tell two exports apart on screen.
fn short_hash(sha256: &str) -> &str {
    sha256.get(..12).unwrap_or(sha256)
}

/// One stage's count as a text field. What is typed is read as
/// [`crate::analysis::counts::parse_count`] reads it on the command line; a text it cannot
/// read stays in the field, unapplied, and its error is returned to be said.
pub(super) fn count_ui(
    ui: &mut Ui,
    id: egui::Id,
    name: &str,
    count: Option<u64>,
    funnel: &mut crate::model::FunnelCounts,
    stage: StageId,
) -> Option<crate::analysis::counts::CountError> {
    use crate::analysis::counts::parse_count;
    let draft = ui.data(|d| d.get_temp::<String>(id));
    let mut text = draft
        .clone()
        .unwrap_or_else(|| count.map(|c| c.to_string()).unwrap_or_default());
    let error = draft.as_deref().and_then(|d| parse_count(d).err());
    let mut edit = TextEdit::singleline(&mut text)
        .hint_text("–")
        .desired_width(80.0);
    if error.is_some() {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    let response = ui.add(edit).accessible_name(format!("Reached {name}"));
    if response.changed() {
        match parse_count(&text) {
            Ok(value) => {
                ui.data_mut(|d| d.remove::<String>(id));
                match value {
                    Some(value) => funnel.counts.insert(stage, value),
                    None => funnel.counts.remove(&stage),
                };
                // A typed count is no longer the export's.
                funnel.source = None;
            }
            Err(error) => {
                ui.data_mut(|d| d.insert_temp(id, text));
                return Some(error);
            }
        }
    }
    error
}
