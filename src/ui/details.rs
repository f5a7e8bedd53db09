//! Session details: what the workshop is, the teams at the table and the people in the room.

use egui::{Button, RichText, TextEdit, Ui};

use super::widgets::{self, card, cell_text, form_row, header_row, section, text_row};
use crate::app::{App, Command, WorkshopCommand};
use crate::model::{Function, Motion, Session};

pub fn ui(app: &mut App, ui: &mut Ui) {
    let mut commands = Vec::new();
    let session = &mut app.doc.session;
    about_ui(ui, session);
    teams_ui(ui, session, &mut commands);
    participants_ui(ui, session, &mut commands);
    for command in commands {
        app.queue(command);
    }
    super::agenda::ui(app, ui);
}

fn about_ui(ui: &mut Ui, session: &mut Session) {
    section(ui, "About this workshop", "");
    card(ui, |ui| {
        let previous = session.previous.as_ref();
        let meta = &mut session.meta;
        text_row(ui, "Title", &mut meta.title, "Revenue alignment workshop");
        text_row(ui, "Company", &mut meta.company, "Who the workshop is for");
        text_row(
            ui,
            "Facilitator",
            &mut meta.facilitator,
            "Who runs the room",
        );
        form_row(ui, "Date", |ui, _label| {
            widgets::optional_date(ui, "workshop_date", &mut meta.date, "Workshop date", |_| {});
        });
        form_row(ui, "Go-to-market", |ui, label| {
            ui.horizontal_wrapped(|ui| {
                for motion in Motion::ALL {
                    ui.add(
                        Button::selectable(meta.motion == motion, motion.label())
                            .frame_when_inactive(true),
                    )
                    .labelled_by(label)
                    .clicked()
                    .then(|| meta.motion = motion);
                }
            });
        });
        if meta.motion.uses_pql() {
            ui.horizontal(|ui| {
                ui.add_space(widgets::LABEL_WIDTH + ui.spacing().item_spacing.x);
                ui.label(
                    RichText::new("With a product-led path, the PQL joins the shared definitions.")
                        .weak(),
                );
            });
        }
        form_row(ui, "Period", |ui, label| {
            ui.add(
                TextEdit::singleline(&mut meta.period)
                    .hint_text("such as 2027-Q1")
                    .desired_width(220.0),
            )
            .labelled_by(label);
            if let Some(previous) = previous {
                let from = match previous.period.trim() {
                    "" => previous.file.clone(),
                    period => format!("{period}, {}", previous.file),
                };
                ui.label(RichText::new(format!("Started from the review of {from}")).weak())
                    .on_hover_text(format!("SHA-256 {}", previous.sha256));
            }
        });
        form_row(ui, "Adoption", |ui, label| {
            ui.vertical(|ui| {
                for rule in crate::model::AdoptionRule::ALL {
                    ui.radio_value(&mut meta.adoption, rule, rule.label())
                        .labelled_by(label);
                }
            });
        });
        form_row(ui, "Notes", |ui, label| {
            ui.add(
                TextEdit::multiline(&mut meta.notes)
                    .desired_rows(3)
                    .desired_width(ui.available_width().min(520.0))
                    .hint_text("Goals for the day, ground rules, anything the room should know"),
            )
            .labelled_by(label);
        });
    });
}

/// Column widths of the teams table: name, role, signs. The function column fits its options.
const TEAM_COLUMNS: [f32; 3] = [170.0, 300.0, 50.0];

fn teams_ui(ui: &mut Ui, session: &mut Session, commands: &mut Vec<Command>) {
    section(
        ui,
        "Teams",
        "The teams marked as signing sign the ICP, each definition and the pipeline; an SLA is signed by its own two teams.",
    );
    card(ui, |ui| {
        widgets::sideways(ui, "teams", |ui| team_rows(ui, session, commands));
        ui.add_space(4.0);
        if ui.button("+ Add team").clicked() {
            commands.push(Command::Workshop(WorkshopCommand::AddTeam));
        }
    });
}

/// The teams table's header and rows.
fn team_rows(ui: &mut Ui, session: &mut Session, commands: &mut Vec<Command>) {
    {
        let [name_w, role_w, signs_w] = TEAM_COLUMNS;
        let function_w = widgets::picker_width(ui, Function::ALL.map(Function::label));
        header_row(
            ui,
            &[
                ("Team", name_w),
                ("Function", function_w),
                ("Its part in the revenue engine", role_w),
                ("Signs", signs_w),
            ],
        );
        for (index, team) in session.teams.iter_mut().enumerate() {
            let n = index + 1;
            ui.horizontal(|ui| {
                cell_text(
                    ui,
                    &format!("Team {n} name"),
                    &mut team.name,
                    "Team name",
                    name_w,
                );
                function_picker(ui, n, &mut team.function, function_w);
                cell_text(
                    ui,
                    &format!("Team {n} role"),
                    &mut team.role,
                    "What it contributes",
                    role_w,
                );
                ui.add_sized(
                    [signs_w, ui.spacing().interact_size.y],
                    egui::Checkbox::without_text(&mut team.signs_off),
                )
                .accessible_name(format!("Team {n} signs agreements"))
                .on_hover_text(
                    "This team's agreement is needed before a definition or SLA counts as agreed",
                );
                let remove = ui
                    .button("Remove")
                    .accessible_name(format!("Remove team {n}"));
                if remove
                    .on_hover_text("Remove this team and clear its sign-offs and ownerships")
                    .clicked()
                {
                    commands.push(Command::Workshop(WorkshopCommand::RemoveTeam(team.id)));
                }
            });
        }
    }
}

/// What the team does; the checklist uses it to find the Marketing → Sales SLA and the like.
fn function_picker(ui: &mut Ui, n: usize, function: &mut Function, width: f32) {
    let options = Function::ALL;
    widgets::choice(
        ui,
        ("team_function", n),
        function,
        &options,
        Function::label,
        width,
    )
    .accessible_name(format!("Team {n} function"))
    .on_hover_text("What the team does, whatever the room calls it");
}

/// Column widths of the participants table: name, role. The team column fits the team names.
const PARTICIPANT_COLUMNS: [f32; 2] = [220.0, 220.0];

fn participants_ui(ui: &mut Ui, session: &mut Session, commands: &mut Vec<Command>) {
    section(
        ui,
        "Participants",
        "The people in the room, so sign-offs and action items carry names.",
    );
    card(ui, |ui| {
        let Session {
            teams,
            participants,
            ..
        } = session;
        if participants.is_empty() {
            ui.label(RichText::new("Nobody is listed yet.").weak());
        } else {
            let [name_w, role_w] = PARTICIPANT_COLUMNS;
            let team_w = widgets::team_picker_width(ui, teams);
            widgets::sideways(ui, "participants", |ui| {
                header_row(ui, &[("Name", name_w), ("Role", role_w), ("Team", team_w)]);
                widgets::lazy_rows(ui, "participants", participants.len(), |ui, index| {
                    widgets::still(ui, index, |ui| {
                        participants.edit_item(index, |person| {
                            let n = index + 1;
                            ui.horizontal(|ui| {
                                cell_text(
                                    ui,
                                    &format!("Participant {n} name"),
                                    &mut person.name,
                                    "Full name",
                                    name_w,
                                );
                                cell_text(
                                    ui,
                                    &format!("Participant {n} role"),
                                    &mut person.role,
                                    "Job title",
                                    role_w,
                                );
                                widgets::team_picker(
                                    ui,
                                    ("participant_team", person.id),
                                    teams,
                                    &mut person.team,
                                    team_w - 16.0,
                                )
                                .accessible_name(format!("Participant {n} team"));
                                let remove = ui
                                    .button("Remove")
                                    .accessible_name(format!("Remove participant {n}"));
                                if remove.clicked() {
                                    commands.push(Command::Workshop(
                                        WorkshopCommand::RemoveParticipant(person.id),
                                    ));
                                }
                            });
                        });
                    });
                });
            });
        }
        ui.add_space(4.0);
        if ui.button("+ Add participant").clicked() {
            commands.push(Command::Workshop(WorkshopCommand::AddParticipant));
        }
    });
}
