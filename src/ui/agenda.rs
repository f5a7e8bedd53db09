//! The agenda: time-boxed items with their start times, the time actually spent, and the clock.

use egui::{RichText, Ui};

use super::theme;
use super::widgets::{self, card, cell_text, section};
use crate::analysis::agenda::{Timer, Urgency, clock_text, schedule};
use crate::app::{App, Command, WorkshopCommand};
use crate::model::{Agenda, AgendaItem, Step};

/// Column widths: time, title, planned minutes, time spent.
const COLUMNS: [f32; 4] = [100.0, 200.0, 76.0, 90.0];

pub fn ui(app: &mut App, ui: &mut Ui) {
    let mut commands = Vec::new();
    let now = ui.input(|i| i.time);
    let timer = app.doc.work.timer;
    let agenda = &mut app.doc.session.agenda;
    section(
        ui,
        "Agenda",
        "Time boxes for the day. Start an item to run its clock; the time spent is kept with the session.",
    );
    card(ui, |ui| {
        // Besides the session, the line shows how far behind or ahead the running clock is.
        let drift = timer
            .current
            .map(|_| (timer.drift_seconds(agenda, now) / 60.0).round() as i64);
        widgets::still(ui, drift, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new("Starts at").weak());
                widgets::time_picker(ui, "agenda_start", &mut agenda.start, "Agenda start time");
                let end = schedule(agenda).last().map(|slot| slot.end);
                if let Some(end) = end {
                    ui.label(RichText::new(format!("Ends at {}", end.strftime("%H:%M"))).weak());
                }
                drift_label(ui, &timer, agenda, now);
            });
        });
        ui.add_space(4.0);
        let width = ui.available_width();
        widgets::sideways(ui, "agenda", |ui| {
            items_ui(ui, width, &timer, agenda, now, &mut commands);
        });
        if ui.button("+ Add agenda item").clicked() {
            commands.push(Command::Workshop(WorkshopCommand::AddAgendaItem));
        }
    });
    for command in commands {
        app.queue(command);
    }
}

fn items_ui(
    ui: &mut Ui,
    width: f32,
    timer: &Timer,
    agenda: &mut Agenda,
    now: f64,
    commands: &mut Vec<Command>,
) {
    let [time_w, title_w, minutes_w, _] = COLUMNS;
    let step_options: Vec<Option<Step>> =
        std::iter::once(None).chain(Step::ALL.map(Some)).collect();
    let step_label = |step: Option<Step>| step.map_or("No step", Step::label);
    let step_w = widgets::picker_width(ui, step_options.iter().map(|s| step_label(*s)));
    let gap = ui.spacing().item_spacing.x;
    let slots = schedule(agenda);
    let spent: Vec<_> = (0..agenda.items.len())
        .map(|index| timer.spent_seconds(agenda, index, now))
        .collect();
    // The column of time spent is there once an item has been run.
    let spent_w = if spent.iter().any(|s| *s > 0.0) {
        COLUMNS[3]
    } else {
        0.0
    };
    let buttons_w = widgets::button_width(ui, "▶ Start") + widgets::button_width(ui, "×");
    let controls_w = step_w + minutes_w + spent_w + buttons_w + 4.0 * gap;
    // Where a row does not fit (large text, the room's panel open), the title takes the
    // whole first line and its controls go on a second, under it: nothing is cut.
    let one_line = time_w + title_w + controls_w + 2.0 * gap <= width;
    // On one line the title takes what the controls leave.
    let line_title = (width - time_w - controls_w - 3.0 * gap).max(title_w);
    let wide_title = (width - time_w - gap).max(title_w);
    // Under the title, the step's picker gives way so the row's buttons stay on its line;
    // where even that does not fit beside the times' column (projector text beside the room's
    // panel), the controls start under the time instead, so none of them is cut off.
    let start_w = widgets::button_width(ui, "▶ Start");
    let controls_indent = if time_w + 120.0 + minutes_w + start_w + 4.0 * gap <= width {
        time_w
    } else {
        0.0
    };
    let narrow_step_w =
        (width - controls_indent - minutes_w - start_w - 4.0 * gap).clamp(120.0, step_w);
    for (index, item) in agenda.items.iter_mut().enumerate() {
        let n = index + 1;
        let current = timer.current == Some(index);
        let slot = slots[index];
        let row = Row {
            n,
            index,
            current,
            spent: spent[index],
            step_w: if one_line { step_w } else { narrow_step_w },
            step_options: &step_options,
            compact: !one_line,
            spent_w,
        };
        // Besides the session, the row shows the clock: which item runs, the time spent.
        let key = (current, spent_text(row.spent), spent_w.to_bits());
        widgets::still(ui, key, |ui| {
            // Written out only when the row is laid out: its picture holds it otherwise.
            let time = format!(
                "{}–{}",
                slot.start.strftime("%H:%M"),
                slot.end.strftime("%H:%M")
            );
            let time = if current {
                RichText::new(time).strong()
            } else {
                RichText::new(time).weak()
            };
            if one_line {
                ui.horizontal(|ui| {
                    time_label(ui, time, time_w);
                    title_field(ui, n, &mut item.title, line_title);
                    controls(ui, &row, item, commands);
                });
            } else {
                // Where the controls cannot sit beside the times' column, the time leads them on
                // the second line and the title takes the whole first.
                let time_leads_title = controls_indent > 0.0;
                let mut time = Some(time);
                ui.horizontal(|ui| {
                    let mut title_w = width;
                    if time_leads_title && let Some(time) = time.take() {
                        time_label(ui, time, time_w);
                        title_w = wide_title;
                    }
                    let remove_w = widgets::button_width(ui, "×") + gap + 4.0;
                    title_field(ui, n, &mut item.title, title_w - remove_w);
                    remove_button(ui, n, item, commands);
                });
                ui.horizontal(|ui| {
                    ui.add_space(controls_indent);
                    // A picker is never narrower than its words: what still does not fit goes
                    // on to a line of its own rather than out of the table's width.
                    let room = width - controls_indent;
                    let wrap =
                        egui::Layout::left_to_right(egui::Align::Center).with_main_wrap(true);
                    // As tall as the line: a box of no height would be centred on it, and its
                    // controls would start half a line down, further from their title than
                    // from the next item's.
                    let line = egui::vec2(room, ui.spacing().interact_size.y);
                    ui.allocate_ui_with_layout(line, wrap, |ui| {
                        ui.set_max_width(room);
                        // Each line as tall as a control, so the time sits level with them.
                        ui.set_row_height(ui.spacing().interact_size.y);
                        if let Some(time) = time.take() {
                            time_label(ui, time, time_w);
                        }
                        controls(ui, &row, item, commands);
                    });
                });
            }
        });
        if !one_line {
            // Between two-line items, outside the row: a space at its end would count in its
            // size, and the list adds its own spacing after it as well.
            ui.add_space(12.0);
        }
    }
}

/// What the controls of one agenda row need to know.
struct Row<'a> {
    n: usize,
    index: usize,
    current: bool,
    spent: f64,
    step_w: f32,
    step_options: &'a [Option<Step>],
    /// On its own line under the title: no room is kept for time not spent yet.
    compact: bool,
    /// The width kept for the time spent; none before any item has run.
    spent_w: f32,
}

/// The time an item has run, as its row shows it; empty before it first runs.
fn spent_text(spent: f64) -> String {
    if spent > 0.0 {
        format!("{} spent", clock_text(spent))
    } else {
        String::new()
    }
}

fn time_label(ui: &mut Ui, time: RichText, width: f32) {
    widgets::label_in(ui, width, time, egui::Align::Center);
}

fn title_field(ui: &mut Ui, n: usize, title: &mut String, width: f32) {
    cell_text(
        ui,
        &format!("Agenda item {n}"),
        title,
        "What the room does",
        width,
    );
}

/// The step, the minutes planned and spent, Start and remove.
fn controls(ui: &mut Ui, row: &Row<'_>, item: &mut AgendaItem, commands: &mut Vec<Command>) {
    let [_, _, minutes_w, _] = COLUMNS;
    let n = row.n;
    let step_label = |step: Option<Step>| step.map_or("No step", Step::label);
    widgets::choice(
        ui,
        ("agenda_step", n),
        &mut item.step,
        row.step_options,
        step_label,
        row.step_w,
    )
    .accessible_name(format!("Agenda item {n} step"));
    ui.add(
        egui::DragValue::new(&mut item.planned_minutes)
            .range(crate::model::bounds::PLANNED_MINUTES)
            .suffix(" min")
            .min_size(egui::vec2(minutes_w, ui.spacing().interact_size.y)),
    )
    .accessible_name(format!("Agenda item {n} minutes"));
    let spent_text = spent_text(row.spent);
    if row.spent_w > 0.0 && !(row.compact && spent_text.is_empty()) {
        widgets::label_in(
            ui,
            row.spent_w,
            RichText::new(spent_text).weak(),
            egui::Align::Center,
        );
    }
    let start = if row.current { "● Now" } else { "▶ Start" };
    let button = ui
        .add_enabled(!row.current, egui::Button::new(start))
        .accessible_name(format!("Start agenda item {n}"));
    if button.clicked() {
        commands.push(Command::Workshop(WorkshopCommand::StartAgendaItem(
            row.index,
        )));
    }
    if !row.compact {
        remove_button(ui, n, item, commands);
    }
}

fn remove_button(ui: &mut Ui, n: usize, item: &AgendaItem, commands: &mut Vec<Command>) {
    let remove = ui
        .button("×")
        .accessible_name(format!("Remove agenda item {n}"));
    if remove.on_hover_text("Remove this item").clicked() {
        commands.push(Command::Workshop(WorkshopCommand::RemoveAgendaItem(
            item.id,
        )));
    }
}

fn drift_label(ui: &mut Ui, timer: &Timer, agenda: &Agenda, now: f64) {
    if timer.current.is_none() {
        return;
    }
    let drift = timer.drift_seconds(agenda, now);
    let minutes = (drift.abs() / 60.0).round();
    let (text, color) = if minutes < 1.0 {
        ("On plan".to_owned(), theme::agreed(ui.visuals().dark_mode))
    } else if drift > 0.0 {
        (
            format!("Behind by {minutes} min"),
            ui.visuals().warn_fg_color,
        )
    } else {
        (
            format!("Ahead by {minutes} min"),
            theme::agreed(ui.visuals().dark_mode),
        )
    };
    ui.label(RichText::new(text).color(color));
}

/// The countdown in the top bar: the time left in its colour, the clock's controls and, with
/// `show_title`, the current item's title.
pub fn timer_strip(app: &mut App, ui: &mut Ui, show_title: bool) {
    let Some(index) = app.doc.work.timer.current else {
        return;
    };
    let now = ui.input(|i| i.time);
    let agenda = &app.doc.session.agenda;
    let Some(item) = agenda.items.get(index) else {
        return;
    };
    let remaining = app
        .doc
        .work
        .timer
        .remaining_seconds(agenda, now)
        .unwrap_or(0.0);
    let dark = ui.visuals().dark_mode;
    let color = match app.doc.work.timer.urgency(agenda, now) {
        Some(Urgency::Red) => ui.visuals().error_fg_color,
        Some(Urgency::Amber) => theme::drafted(dark),
        _ => ui.visuals().strong_text_color(),
    };
    let mut commands = Vec::new();
    if ui
        .button("Next")
        .on_hover_text("Finish this item and start the next")
        .clicked()
    {
        commands.push(Command::Workshop(WorkshopCommand::NextAgendaItem));
    }
    let pause = if app.doc.work.timer.is_running() {
        "Pause"
    } else {
        "Resume"
    };
    if ui
        .button(pause)
        .accessible_name("Pause or resume the agenda clock")
        .clicked()
    {
        commands.push(Command::Workshop(WorkshopCommand::PauseResumeAgenda));
    }
    let left = if remaining >= 0.0 {
        format!("{} left", clock_text(remaining))
    } else {
        format!("{} over", clock_text(-remaining))
    };
    ui.label(widgets::strong_text(left, 17.0).color(color))
        .on_hover_text("Amber with a fifth of the time box left, red once it is used up");
    if show_title {
        ui.label(RichText::new(&item.title).weak());
    }
    for command in commands {
        app.queue(command);
    }
}

/// The title of the agenda item being timed, if any.
pub fn current_title(app: &App) -> Option<&str> {
    let index = app.doc.work.timer.current?;
    app.doc
        .session
        .agenda
        .items
        .get(index)
        .map(|item| item.title.as_str())
}
