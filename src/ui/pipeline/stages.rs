//! The stages in order, the selected stage in full, and its hand-off with the SLA that governs it.

use super::{
    Command, EditCommand, Group, HandoffProblem, Lines, RichText, Session, Sla, Stage, StageId,
    StageLines, Step, Team, TextEdit, Ui, UiCommand, card, display_name, lazy_rows, list_groups_ui,
    session_row, still, strong_text, team_name, team_picker, team_picker_width,
};

/// One row per stage: its number and name, who owns it, where it hands off, and the buttons
/// that move or remove it.
pub(super) fn stages_ui(
    ui: &mut Ui,
    session: &Session,
    selected: Option<StageId>,
    problems: &[HandoffProblem],
    commands: &mut Vec<Command>,
) {
    card(ui, |ui| {
        let last = session.stages.len().saturating_sub(1);
        lazy_rows(ui, "stages", session.stages.len(), |ui, index| {
            let stage = &session.stages[index];
            let name = display_name(stage);
            // Besides the session, a row shows whether its stage is the one open below.
            let open = Some(stage.id) == selected;
            still(ui, (index, open), |ui| {
                ui.horizontal(|ui| {
                    // A fixed-width number, so "1." and "12." leave the names in one column.
                    let number = egui::vec2(24.0, ui.spacing().interact_size.y);
                    ui.allocate_ui_with_layout(
                        number,
                        egui::Layout::right_to_left(egui::Align::Center),
                        |ui| {
                            ui.set_min_size(number);
                            ui.label(RichText::new(format!("{}.", index + 1)).weak());
                        },
                    );
                    // The buttons first, from the right; the name, the owner and where the record
                    // goes next share what is left, each cut short with "…" rather than drawn
                    // under the buttons when the page is narrow (projector text, the room's panel).
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        // On a narrow row the remove button is a cross, and says what it does on
                        // hover, so the name keeps its words.
                        let narrow = ui.available_width() < NARROW_ROW;
                        let remove = ui
                            .small_button(if narrow { "×" } else { "Remove" })
                            .on_hover_text("Remove this stage")
                            .accessible_name(format!("Remove the {name} stage"));
                        if remove.clicked() {
                            commands.push(Command::Edit(EditCommand::RemoveStage(stage.id)));
                        }
                        let later = ui
                            .add_enabled(index < last, egui::Button::new("↓").small())
                            .on_hover_text("Move later")
                            .accessible_name(format!("Move {name} later"));
                        if later.clicked() {
                            commands.push(Command::Edit(EditCommand::MoveStage(stage.id, 1)));
                        }
                        let earlier = ui
                            .add_enabled(index > 0, egui::Button::new("↑").small())
                            .on_hover_text("Move earlier")
                            .accessible_name(format!("Move {name} earlier"));
                        if earlier.clicked() {
                            commands.push(Command::Edit(EditCommand::MoveStage(stage.id, -1)));
                        }
                        ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                            // Too narrow for both, the name takes the room: the owner and the
                            // hand-off are on the stage's card and in the matrix below.
                            let room = ui.available_width();
                            let with_owner = room >= 2.0 * NAME_WIDTH;
                            let name_width = if with_owner {
                                (room * 0.55).min(NAME_WIDTH)
                            } else {
                                room
                            };
                            let height = 30.0;
                            ui.allocate_ui_with_layout(
                                egui::vec2(name_width, height),
                                egui::Layout::left_to_right(egui::Align::Center),
                                |ui| {
                                    // Without the hand-off line beside it, the name itself
                                    // warns of a problem with its SLA, and tells it on hover.
                                    let problem = problems
                                        .iter()
                                        .find(|p| p.stage == stage.id)
                                        .filter(|_| !with_owner);
                                    let mut text = strong_text(name, 16.0);
                                    if problem.is_some() {
                                        text = text.color(ui.visuals().warn_fg_color);
                                    }
                                    let button =
                                        egui::Button::selectable(Some(stage.id) == selected, text)
                                            .truncate()
                                            .min_size(egui::vec2(name_width, height));
                                    let mut response = ui.add(button).accessible_name(name);
                                    if let Some(problem) = problem {
                                        response = response.on_hover_text(&problem.message);
                                    }
                                    if response.clicked() {
                                        commands.push(Command::Edit(EditCommand::SelectStage(
                                            stage.id,
                                        )));
                                    }
                                },
                            );
                            if with_owner {
                                owner_and_handoff_ui(ui, session, index, problems);
                            }
                        });
                    });
                });
            });
        });
        if session.stages.is_empty() {
            ui.label(RichText::new("No stage yet. Start with Lead.").weak());
        }
        ui.add_space(4.0);
        if ui.button("Add stage").clicked() {
            commands.push(Command::Edit(EditCommand::AddStage));
        }
    });
}

/// Below this width a stage's row in the list gives its remove button a cross for a word.
const NARROW_ROW: f32 = 480.0;

/// The widest a stage's name button grows in the list. Beside it the owner and the hand-off
/// take the rest of what the buttons leave, when that is at least twice this.
const NAME_WIDTH: f32 = 150.0;

/// The stage's owner over where the record goes next, each on one line cut short with "…".
fn owner_and_handoff_ui(ui: &mut Ui, session: &Session, index: usize, problems: &[HandoffProblem]) {
    let stage = &session.stages[index];
    let line = handoff_line(session, index);
    let problem = problems.iter().find(|p| p.stage == stage.id);
    let line = if problem.is_some() {
        // The full sentence is on the stage's card and on hover; here, a pointer to it.
        RichText::new(format!("{line} · check its SLA")).color(ui.visuals().warn_fg_color)
    } else {
        RichText::new(line).weak()
    };
    ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
        ui.spacing_mut().item_spacing.y = 2.0;
        let owner = team_name(&session.teams, stage.owner);
        ui.add(egui::Label::new(RichText::new(owner).weak()).truncate());
        let label = egui::Label::new(line.small()).truncate();
        match problem {
            Some(problem) => {
                ui.add(label.show_tooltip_when_elided(false))
                    .on_hover_text(&problem.message);
            }
            None => {
                ui.add(label);
            }
        }
    });
}

/// Where the stage at `index` hands off, in a few words.
pub(super) fn handoff_line(session: &Session, index: usize) -> String {
    let stage = &session.stages[index];
    match (session.stages.get(index + 1), stage.handoff.to_team) {
        (Some(_), Some(team)) => format!("→ {}", session.team_name(Some(team))),
        (Some(_), None) => "same team next".to_owned(),
        (None, Some(team)) => format!("then back to {}", session.team_name(Some(team))),
        (None, None) => String::new(),
    }
}

/// The selected stage in full: wording, owner, criteria, and its hand-off.
pub(super) fn stage_ui(
    ui: &mut Ui,
    session: &mut Session,
    index: usize,
    problem: Option<&str>,
    commands: &mut Vec<Command>,
) {
    let next = session
        .stages
        .get(index + 1)
        .map(|s| display_name(s).to_owned());
    let Session {
        teams,
        stages,
        slas,
        ..
    } = session;
    // Drawn on a copy, taken in when edited: the other stages stay shared with the history.
    stages.edit_item(index, |stage| {
        let name = display_name(stage).to_owned();
        card(ui, |ui| {
            ui.horizontal(|ui| {
                ui.add(
                    TextEdit::singleline(&mut stage.name)
                        .font(egui::TextStyle::Heading)
                        .hint_text("Stage")
                        .desired_width(240.0),
                )
                .accessible_name(format!("Name of the {name} stage"));
            });
            let picker = team_picker_width(ui, teams);
            session_row(ui, "Owned by", |ui, width| {
                // A new owner changes the hand-off before it too: a command, one undo step.
                let mut owner = stage.owner;
                team_picker(
                    ui,
                    ("stage-owner", stage.id),
                    teams,
                    &mut owner,
                    picker.min(width),
                )
                .accessible_name(format!("Owner of the {name} stage"));
                if owner != stage.owner {
                    commands.push(EditCommand::SetStageOwner(stage.id, owner).into());
                }
            });
            ui.add(
                TextEdit::multiline(&mut stage.definition)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .hint_text("What it means for a record to be in this stage"),
            )
            .accessible_name(format!("Definition of the {name} stage"));
            ui.add_space(8.0);
            let lines = |which| Lines::Stage(stage.id, which);
            let groups: [Group<'_>; 3] = [
                (
                    "Entry criteria",
                    "Entry criterion",
                    lines(StageLines::Entry),
                    &mut stage.entry_criteria,
                    "Demo held",
                ),
                (
                    "Verification points",
                    "Verification point",
                    lines(StageLines::Verification),
                    &mut stage.verification,
                    "Details verified on a call",
                ),
                (
                    "Exit criteria",
                    "Exit criterion",
                    lines(StageLines::Exit),
                    &mut stage.exit_criteria,
                    "The AE accepted the meeting",
                ),
            ];
            list_groups_ui(ui, &name, groups, commands);
            ui.add_space(10.0);
            ui.separator();
            let place = Place {
                name: &name,
                next,
                problem,
            };
            handoff_ui(ui, teams, slas, stage, &place, commands);
        });
    });
}

/// Where a stage stands in the line, for its hand-off card.
pub(super) struct Place<'a> {
    /// The stage's name as shown, for the labels of its fields.
    name: &'a str,
    /// The next stage's name; `None` for the last stage.
    next: Option<String>,
    /// What is wrong with the hand-off's SLA link, if anything.
    problem: Option<&'a str>,
}

/// What travels when a record leaves the stage, who passes it on, and the SLA that governs it.
pub(super) fn handoff_ui(
    ui: &mut Ui,
    teams: &[Team],
    slas: &[Sla],
    stage: &mut Stage,
    place: &Place<'_>,
    commands: &mut Vec<Command>,
) {
    let name = place.name;
    let contents = Lines::Stage(stage.id, StageLines::Handoff);
    let handoff = &mut stage.handoff;
    match &place.next {
        Some(next_name) if handoff.to_team.is_none() => {
            ui.label(strong_text(format!("Into {next_name}"), 16.0));
            ui.label(
                RichText::new(format!(
                    "{} owns {next_name} too: no hand-off between teams.",
                    team_name(teams, stage.owner)
                ))
                .weak(),
            );
            if handoff.sla.is_none() {
                return;
            }
            // A link left from before the owners changed: shown, so it can be removed.
            sla_link_ui(ui, slas, stage.id, &mut handoff.sla, place, commands);
            return;
        }
        Some(next_name) => {
            ui.label(strong_text(
                format!(
                    "Hand-off to {} for {next_name}",
                    team_name(teams, handoff.to_team)
                ),
                16.0,
            ));
        }
        None => {
            ui.label(strong_text("After the last stage", 16.0));
            let picker = team_picker_width(ui, teams);
            session_row(ui, "Goes back to", |ui, width| {
                team_picker(
                    ui,
                    ("last-handoff", stage.id),
                    teams,
                    &mut handoff.to_team,
                    picker.min(width),
                )
                .accessible_name(format!("Team the {name} stage hands off to"));
            });
        }
    }
    session_row(ui, "Passed on by", |ui, width| {
        ui.add(
            TextEdit::singleline(&mut handoff.responsible)
                .hint_text("The role that hands it over")
                .desired_width(width.min(320.0)),
        )
        .accessible_name(format!("Who hands off from {name}"));
    });
    sla_link_ui(ui, slas, stage.id, &mut handoff.sla, place, commands);
    ui.add_space(6.0);
    list_groups_ui(
        ui,
        name,
        [(
            "What travels with it",
            "Hand-off field",
            contents,
            &mut handoff.contents,
            "Budget, authority and timeline as confirmed",
        )],
        commands,
    );
}

/// The SLA that governs a hand-off, a link to it, and what is wrong with the link, if anything.
pub(super) fn sla_link_ui(
    ui: &mut Ui,
    slas: &[Sla],
    stage: StageId,
    link: &mut Option<crate::model::SlaId>,
    place: &Place<'_>,
    commands: &mut Vec<Command>,
) {
    let name = place.name;
    session_row(ui, "Governed by", |ui, width| {
        let shown = link
            .and_then(|id| slas.iter().find(|s| s.id == id))
            .map_or("No SLA".to_owned(), |s| s.name.clone());
        egui::ComboBox::from_id_salt(("handoff-sla", stage))
            .selected_text(shown)
            .width(width.min(260.0))
            .height(600.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(link, None, "No SLA");
                for sla in slas {
                    ui.selectable_value(link, Some(sla.id), &sla.name);
                }
            })
            .response
            .accessible_name(format!("SLA of the hand-off from {name}"));
        if let Some(sla) = link.and_then(|id| slas.iter().find(|s| s.id == id))
            && ui.link("Open it").clicked()
        {
            let (a, b) = sla.pair();
            commands.push(Command::Edit(EditCommand::SelectSlaPair(a, b)));
            commands.push(Command::Ui(UiCommand::GoTo(Step::Slas)));
        }
    });
    if let Some(problem) = place.problem {
        ui.label(RichText::new(problem).color(ui.visuals().warn_fg_color));
    }
}
