//! Decisions, action items and the parking lot: everything the room settled, promised or set
//! aside, in one place.

use egui::{RichText, Ui};

use super::widgets::{self, card, cell_text, section};
use crate::app::{App, Command, UiCommand, WorkshopCommand};
use crate::model::{ActionStatus, Session, Step};

/// The width of the main text of a decision, action or parked topic.
const TEXT_WIDTH: f32 = 520.0;

pub fn ui(app: &mut App, ui: &mut Ui) {
    let mut commands = Vec::new();
    let session = &mut app.doc.session;
    decisions_ui(ui, session, &mut commands);
    actions_ui(ui, session, &mut commands);
    parking_ui(ui, session, &mut commands);
    for command in commands {
        app.queue(command);
    }
}

/// "from Alignment audit →", a link back to the step an item came from.
fn origin_link(ui: &mut Ui, step: Option<Step>, commands: &mut Vec<Command>) {
    if let Some(step) = step.filter(|s| *s != Step::Review) {
        let link = ui.link(RichText::new(format!("from {} →", step.label())).small());
        if link.clicked() {
            commands.push(Command::Ui(UiCommand::GoTo(step)));
        }
    }
}

fn empty_line(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).weak());
}

fn decisions_ui(ui: &mut Ui, session: &mut Session, commands: &mut Vec<Command>) {
    section(ui, "Decisions", "What the room settled, in its own words.");
    card(ui, |ui| {
        if session.decisions.is_empty() {
            empty_line(ui, "No decisions recorded yet.");
        }
        let decisions = &mut session.decisions;
        widgets::lazy_rows(ui, "decisions", decisions.len(), |ui, index| {
            widgets::still(ui, index, |ui| {
                decisions.edit_item(index, |decision| {
                    let n = index + 1;
                    ui.horizontal(|ui| {
                        let name = format!("Decision {n}");
                        cell_text(
                            ui,
                            &name,
                            &mut decision.text,
                            "What was decided",
                            TEXT_WIDTH,
                        );
                        let remove = ui
                            .button("Remove")
                            .accessible_name(format!("Remove decision {n}"));
                        if remove.clicked() {
                            commands.push(Command::Workshop(WorkshopCommand::RemoveDecision(
                                decision.id,
                            )));
                        }
                        origin_link(ui, decision.step, commands);
                    });
                });
            });
        });
        if ui.button("+ Add decision").clicked() {
            commands.push(Command::Workshop(WorkshopCommand::AddDecision));
        }
    });
}

fn actions_ui(ui: &mut Ui, session: &mut Session, commands: &mut Vec<Command>) {
    section(
        ui,
        "Action items",
        "Who does what, by when. Gaps turned into actions in the audit arrive here.",
    );
    card(ui, |ui| {
        let Session { teams, actions, .. } = session;
        if actions.is_empty() {
            empty_line(ui, "No action items yet.");
        }
        let team_w = widgets::team_picker_width(ui, teams);
        let status_w = widgets::picker_width(ui, ActionStatus::ALL.map(ActionStatus::label));
        widgets::lazy_rows(ui, "actions", actions.len(), |ui, index| {
            widgets::still(ui, index, |ui| {
                actions.edit_item(index, |action| {
                    let n = index + 1;
                    ui.horizontal(|ui| {
                        let name = format!("Action {n}");
                        cell_text(ui, &name, &mut action.text, "What must happen", TEXT_WIDTH);
                        let options = ActionStatus::ALL;
                        let status = &mut action.status;
                        widgets::choice(
                            ui,
                            ("action_status", n),
                            status,
                            &options,
                            ActionStatus::label,
                            status_w,
                        )
                        .accessible_name(format!("Action {n} status"));
                        let remove = ui
                            .button("Remove")
                            .accessible_name(format!("Remove action {n}"));
                        if remove.clicked() {
                            commands
                                .push(Command::Workshop(WorkshopCommand::RemoveAction(action.id)));
                        }
                    });
                    ui.horizontal(|ui| {
                        ui.label(RichText::new("Owner").small().weak());
                        cell_text(
                            ui,
                            &format!("Action {n} owner"),
                            &mut action.owner,
                            "Who",
                            160.0,
                        );
                        ui.label(RichText::new("Team").small().weak());
                        widgets::team_picker(
                            ui,
                            ("action_team", action.id),
                            teams,
                            &mut action.team,
                            team_w,
                        )
                        .accessible_name(format!("Action {n} team"));
                        ui.label(RichText::new("Due").small().weak());
                        let name = format!("the due date of action {n}");
                        widgets::optional_date(
                            ui,
                            &format!("action_due_{n}"),
                            &mut action.due,
                            &name,
                            |_| {},
                        );
                        origin_link(ui, action.step, commands);
                    });
                });
            });
            // Outside the row, as a space at its end would count in its size.
            ui.add_space(8.0);
        });
        if ui.button("+ Add action item").clicked() {
            commands.push(Command::Workshop(WorkshopCommand::AddAction));
        }
    });
}

fn parking_ui(ui: &mut Ui, session: &mut Session, commands: &mut Vec<Command>) {
    section(
        ui,
        "Parking lot",
        "Topics set aside so the room could keep moving. Give each an owner before everyone leaves.",
    );
    card(ui, |ui| {
        if session.parking_lot.is_empty() {
            empty_line(ui, "Nothing parked.");
        }
        let parking_lot = &mut session.parking_lot;
        widgets::lazy_rows(ui, "parking_lot", parking_lot.len(), |ui, index| {
            widgets::still(ui, index, |ui| {
                parking_lot.edit_item(index, |parked| {
                    let n = index + 1;
                    ui.horizontal(|ui| {
                        let name = format!("Parked topic {n}");
                        cell_text(ui, &name, &mut parked.text, "The topic", TEXT_WIDTH);
                        let remove = ui
                            .button("Remove")
                            .accessible_name(format!("Remove parked topic {n}"));
                        if remove.clicked() {
                            commands
                                .push(Command::Workshop(WorkshopCommand::RemoveParked(parked.id)));
                        }
                        origin_link(ui, parked.step, commands);
                    });
                });
            });
        });
        if ui.button("+ Park a topic").clicked() {
            commands.push(Command::Workshop(WorkshopCommand::ParkTopic));
        }
    });
}
