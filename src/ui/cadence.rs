//! Planning cadence: the recurring meetings that keep the agreement alive, and their calendar.

use egui::{RichText, TextEdit, Ui};
use jiff::civil::Time;

use super::widgets::{self, card, cell_text, form_row, primary_button, section};
use crate::app::{App, Command, UiCommand, WorkshopCommand};
use crate::model::{Frequency, Meeting, Team};

pub fn ui(app: &mut App, ui: &mut Ui) {
    let mut commands = Vec::new();
    let session = &mut app.doc.session;
    let scheduled = session
        .meetings
        .iter()
        .filter(|m| m.first_date.is_some())
        .count();
    ui.horizontal_wrapped(|ui| {
        let export = primary_button(ui, "Export calendar (.ics)…")
            .on_hover_text("One recurring event per scheduled meeting, with its agenda");
        if export.clicked() {
            commands.push(Command::Ui(UiCommand::Export(
                crate::export::Format::Calendar,
            )));
        }
        ui.label(
            RichText::new(format!(
                "{scheduled} of {} meetings have a first date and go into the calendar.",
                session.meetings.len()
            ))
            .weak(),
        );
    });
    ui.add_space(8.0);
    form_row(ui, "Time zone", |ui, label| {
        ui.horizontal_wrapped(|ui| {
            zone_ui(
                ui,
                &mut session.meta.time_zone,
                "This computer's",
                label,
                true,
            );
        });
    });
    for (index, meeting) in session.meetings.iter_mut().enumerate() {
        meeting_ui(ui, index + 1, meeting, &session.teams, &mut commands);
    }
    ui.add_space(12.0);
    if ui.button("+ Add meeting").clicked() {
        commands.push(Command::Workshop(WorkshopCommand::AddMeeting));
    }
    for command in commands {
        app.queue(command);
    }
}

fn meeting_ui(
    ui: &mut Ui,
    n: usize,
    meeting: &mut Meeting,
    teams: &[Team],
    commands: &mut Vec<Command>,
) {
    let title = if meeting.name.trim().is_empty() {
        format!("Meeting {n}")
    } else {
        format!("{} · {}", meeting.name, meeting.frequency.label())
    };
    section(ui, &title, "");
    card(ui, |ui| {
        // Each row shows the meeting and nothing else: while nothing touches it, it is
        // painted from last time.
        widgets::still(ui, (), |ui| {
            ui.horizontal_wrapped(|ui| {
                cell_text(
                    ui,
                    &format!("Meeting {n} name"),
                    &mut meeting.name,
                    "Meeting name",
                    260.0,
                );
                let options = Frequency::ALL;
                let frequency = &mut meeting.frequency;
                widgets::choice(
                    ui,
                    ("meeting_frequency", n),
                    frequency,
                    &options,
                    Frequency::label,
                    140.0,
                )
                .accessible_name(format!("Meeting {n} frequency"));
                if ui
                    .button("Remove")
                    .accessible_name(format!("Remove meeting {n}"))
                    .clicked()
                {
                    commands.push(Command::Workshop(WorkshopCommand::RemoveMeeting(
                        meeting.id,
                    )));
                }
            });
        });
        widgets::still(ui, (), |ui| {
            widgets::text_row(
                ui,
                "Purpose",
                &mut meeting.purpose,
                "Why the meeting exists",
            );
        });
        widgets::still(ui, (), |ui| {
            form_row(ui, "Run by", |ui, label| {
                widgets::team_picker(
                    ui,
                    ("meeting_owner", meeting.id),
                    teams,
                    &mut meeting.owner,
                    200.0,
                )
                .labelled_by(label);
            });
        });
        widgets::still(ui, (), |ui| {
            form_row(ui, "First meeting", |ui, _label| {
                ui.horizontal_wrapped(|ui| schedule_ui(ui, n, meeting));
            });
        });
        if meeting.first_date.is_some() {
            widgets::still(ui, (), |ui| {
                form_row(ui, "Held in", |ui, label| {
                    zone_ui(
                        ui,
                        &mut meeting.time_zone,
                        "The workshop's zone",
                        label,
                        false,
                    );
                });
            });
        }
        widgets::still(ui, (), |ui| {
            form_row(ui, "Attendees", |ui, _label| {
                ui.horizontal_wrapped(|ui| {
                    for team in teams {
                        let mut attends = meeting.attendees.contains(&team.id);
                        let name = crate::model::team_name(teams, Some(team.id));
                        if ui.checkbox(&mut attends, name).changed() {
                            if attends {
                                meeting.attendees.push(team.id);
                            } else {
                                meeting.attendees.retain(|id| *id != team.id);
                            }
                        }
                    }
                });
            });
        });
        widgets::still(ui, (), |ui| {
            lines_row(
                ui,
                "Inputs",
                &mut meeting.inputs,
                "What to prepare, one per line",
            );
        });
        widgets::still(ui, (), |ui| {
            lines_row(ui, "Agenda", &mut meeting.agenda, "One item per line");
        });
    });
}

fn schedule_ui(ui: &mut Ui, n: usize, meeting: &mut Meeting) {
    let Meeting {
        first_date,
        start_time,
        duration_minutes,
        ..
    } = meeting;
    let name = format!("the first date of meeting {n}");
    let set = widgets::optional_date(ui, &format!("meeting_date_{n}"), first_date, &name, |ui| {
        let name = format!("Meeting {n} start time");
        widgets::time_picker(ui, ("meeting_time", n), start_time, &name);
        ui.add(
            egui::DragValue::new(duration_minutes)
                .range(crate::model::bounds::MEETING_MINUTES)
                .speed(5)
                .suffix(" min"),
        )
        .accessible_name(format!("Meeting {n} length in minutes"));
    });
    if set {
        start_time.get_or_insert(Time::constant(9, 0, 0, 0));
    }
    if first_date.is_none() {
        ui.label(RichText::new("Not scheduled yet").weak());
    }
}

/// An IANA time zone typed by name, with a word when it is not one, and (for the workshop's
/// zone) a button that takes this computer's.
fn zone_ui(ui: &mut Ui, zone: &mut String, hint: &str, label: egui::Id, offer_here: bool) {
    ui.add(
        TextEdit::singleline(zone)
            .hint_text(hint)
            .desired_width(200.0),
    )
    .labelled_by(label);
    if offer_here {
        widgets::local_zone_button(ui, zone);
    }
    let name = zone.trim();
    if !name.is_empty() && jiff::tz::TimeZone::get(name).is_err() {
        ui.label(
            RichText::new(format!(
                "No time zone is called “{name}”: try Europe/Berlin"
            ))
            .color(ui.visuals().error_fg_color),
        );
    }
}

/// A list of short texts edited as lines of one text box.
fn lines_row(ui: &mut Ui, label: &str, lines: &mut Vec<String>, hint: &str) {
    form_row(ui, label, |ui, label| {
        let mut text = lines.join("\n");
        let response = ui
            .add(
                TextEdit::multiline(&mut text)
                    .desired_rows(2)
                    .desired_width(ui.available_width().min(520.0))
                    .hint_text(hint),
            )
            .labelled_by(label);
        if response.changed() {
            *lines = text.split('\n').map(str::to_owned).collect();
        }
    });
}
