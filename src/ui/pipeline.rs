//! Pipeline and ownership: the stages in order with what each means and what travels at each
//! hand-off, the ownership matrix the room looks at, and the funnel's conversion against
//! typical ranges.

use egui::{RichText, TextEdit, Ui};

use super::definitions::{Group, list_groups_ui};
use super::theme;
use super::widgets::{
    card, card_row, column_picker, file_name, lazy_rows, preview_header_ui, section, strong_text,
    team_picker, team_picker_width, work_progress_ui,
};
use crate::analysis::icp::percent;
use crate::analysis::pipeline::{self, Flag, HandoffProblem, handoff_problems, raci_problems};
use crate::app::{App, Command, EditCommand, ImportCommand, TypicalRanges, UiCommand, funnel};
use crate::model::{Lines, Raci, Session, Sla, Stage, StageId, StageLines, Step, Team, team_name};

pub fn ui(app: &mut App, ui: &mut Ui) {
    let mut commands = Vec::new();
    let session = &mut app.doc.session;
    let selected = app
        .doc
        .work
        .selected_stage
        .filter(|id| session.stage_index(*id).is_some())
        .or_else(|| session.stages.first().map(|s| s.id));

    section(
        ui,
        "The stages, in order",
        "Move a stage and every hand-off follows: each goes to the stage after it.",
    );
    let problems = handoff_problems(session);
    stages_ui(ui, session, selected, &problems, &mut commands);
    if let Some(index) = selected.and_then(|id| session.stage_index(id)) {
        ui.add_space(10.0);
        let owner = session.stages[index].owner;
        let problem = problems
            .iter()
            .find(|p| p.stage == session.stages[index].id)
            .map(|p| p.message.as_str());
        stage_ui(ui, session, index, problem, &mut commands);
        if session.stages[index].owner != owner {
            // The stage before now hands off to the new owner, or to nobody.
            session.relink_handoffs();
        }
    }

    section(
        ui,
        "Who owns what",
        "Responsible, Accountable, Consulted or Informed: exactly one team is accountable for each stage.",
    );
    matrix_ui(ui, session);

    section(
        ui,
        "Funnel check",
        "How many records reached each stage in a period, and how each step converts against its typical range.",
    );
    funnel_ui(
        ui,
        session,
        &app.ranges,
        &mut app.doc.work.funnel,
        &mut commands,
    );

    for command in commands {
        app.queue(command);
    }
}

fn display_name(stage: &Stage) -> &str {
    match stage.name.trim() {
        "" => "Unnamed stage",
        name => name,
    }
}

/// One row per stage: its number and name, who owns it, where it hands off, and the buttons
/// that move or remove it.
fn stages_ui(
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
                let button =
                    egui::Button::selectable(Some(stage.id) == selected, strong_text(name, 16.0))
                        .min_size(egui::vec2(150.0, 30.0));
                if ui.add(button).accessible_name(name).clicked() {
                    commands.push(Command::Edit(EditCommand::SelectStage(stage.id)));
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let remove = ui
                        .small_button("Remove")
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
                    let line = handoff_line(session, index);
                    let problem = problems.iter().find(|p| p.stage == stage.id);
                    let line = if problem.is_some() {
                        // The full sentence is on the stage's card and on hover; here, a
                        // pointer to it.
                        RichText::new(format!("{line} · check its SLA"))
                            .color(ui.visuals().warn_fg_color)
                    } else {
                        RichText::new(line).weak()
                    };
                    // The owner over where the record goes next, in the room the buttons
                    // leave: at projector text a long name ends in "…" rather than running
                    // under its neighbours.
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

/// Where the stage at `index` hands off, in a few words.
fn handoff_line(session: &Session, index: usize) -> String {
    let stage = &session.stages[index];
    match (session.stages.get(index + 1), stage.handoff.to_team) {
        (Some(_), Some(team)) => format!("→ {}", session.team_name(Some(team))),
        (Some(_), None) => "same team next".to_owned(),
        (None, Some(team)) => format!("then back to {}", session.team_name(Some(team))),
        (None, None) => String::new(),
    }
}

/// The selected stage in full: wording, owner, criteria, and its hand-off.
fn stage_ui(
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
    let stage = &mut stages[index];
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
        card_row(ui, "Owned by", |ui, width| {
            team_picker(
                ui,
                ("stage-owner", stage.id),
                teams,
                &mut stage.owner,
                picker.min(width),
            )
            .accessible_name(format!("Owner of the {name} stage"));
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
}

/// Where a stage stands in the line, for its hand-off card.
struct Place<'a> {
    /// The stage's name as shown, for the labels of its fields.
    name: &'a str,
    /// The next stage's name; `None` for the last stage.
    next: Option<String>,
    /// What is wrong with the hand-off's SLA link, if anything.
    problem: Option<&'a str>,
}

/// What travels when a record leaves the stage, who passes it on, and the SLA that governs it.
fn handoff_ui(
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
            card_row(ui, "Goes back to", |ui, width| {
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
    card_row(ui, "Passed on by", |ui, width| {
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
fn sla_link_ui(
    ui: &mut Ui,
    slas: &[Sla],
    stage: StageId,
    link: &mut Option<crate::model::SlaId>,
    place: &Place<'_>,
    commands: &mut Vec<Command>,
) {
    let name = place.name;
    card_row(ui, "Governed by", |ui, width| {
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

/// Stages down, teams across, a letter in each cell; what breaks the one-accountable rule above.
fn matrix_ui(ui: &mut Ui, session: &mut Session) {
    let problems = raci_problems(session);
    let dark = ui.visuals().dark_mode;
    if problems.is_empty() && !session.stages.is_empty() {
        ui.label(
            RichText::new("Every stage has exactly one accountable team.")
                .color(theme::agreed(dark)),
        );
    }
    // A few problems are read out; a long list would push the matrix off the screen.
    const SHOWN: usize = 3;
    for problem in problems.iter().take(SHOWN) {
        ui.label(RichText::new(&problem.message).color(ui.visuals().error_fg_color));
    }
    if problems.len() > SHOWN {
        let more = problems.len() - SHOWN;
        let text = match more {
            1 => "One more stage needs the same care in the matrix below.".to_owned(),
            n => format!("{n} more stages need the same care in the matrix below."),
        };
        ui.label(RichText::new(text).color(ui.visuals().error_fg_color));
    }
    ui.add_space(6.0);
    let Session { teams, stages, .. } = session;
    card(ui, |ui| {
        // Every team in view at once, projector text included: the columns share the width
        // and long team names wrap in the header.
        let stage_width = 130.0;
        let columns = teams.len().max(1) as f32;
        let spacing = ui.spacing().item_spacing.x;
        let column = ((ui.available_width() - stage_width) / columns - spacing).clamp(48.0, 120.0);
        let row_height = ui.spacing().interact_size.y.max(30.0) + 8.0;
        let header_height = ui.text_style_height(&egui::TextStyle::Small) * 2.0 + 8.0;
        egui_extras::TableBuilder::new(ui)
            .id_salt("raci-matrix")
            .striped(true)
            .vscroll(false)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(egui_extras::Column::exact(stage_width))
            .columns(egui_extras::Column::exact(column), teams.len())
            .header(header_height, |mut header| {
                header.col(|ui| {
                    ui.label(RichText::new("Click to change").small().weak());
                });
                for team in teams.iter() {
                    header.col(|ui| {
                        let name = team_name(teams, Some(team.id));
                        ui.add(egui::Label::new(RichText::new(name).small().strong()).wrap());
                    });
                }
            })
            .body(|body| {
                // Only the rows in view are laid out: fifty stages cost what a dozen do.
                body.rows(row_height, stages.len(), |mut row| {
                    let stage = &mut stages[row.index()];
                    let name = display_name(stage).to_owned();
                    row.col(|ui| {
                        ui.add(egui::Label::new(strong_text(&name, 15.5)).truncate());
                    });
                    for team in teams.iter() {
                        let team_label = team_name(teams, Some(team.id));
                        row.col(|ui| {
                            raci_cell(ui, stage, team.id, &format!("{team_label} on {name}"));
                        });
                    }
                });
            });
    });
}

/// One cell of the matrix: a letter that moves on to the next of none, R, A, C and I when
/// clicked, which is quicker in a room than a menu per cell.
fn raci_cell(ui: &mut Ui, stage: &mut Stage, team: crate::model::TeamId, name: &str) {
    let current = stage.raci.get(&team).copied();
    let dark = ui.visuals().dark_mode;
    let text = match current {
        None => RichText::new("–").weak(),
        Some(Raci::Accountable) => strong_text("A", 16.0).color(theme::accent(dark)),
        Some(raci) => strong_text(raci.letter(), 16.0),
    };
    let hover = match current {
        None => "No part; click for Responsible".to_owned(),
        Some(raci) => format!("{}; click for the next", raci.label()),
    };
    let cell = ui
        .add(egui::Button::new(text).min_size(egui::vec2(44.0, 30.0)))
        .on_hover_text(hover)
        .accessible_name(name);
    if cell.clicked() {
        let next = match current {
            None => Some(Raci::Responsible),
            Some(Raci::Responsible) => Some(Raci::Accountable),
            Some(Raci::Accountable) => Some(Raci::Consulted),
            Some(Raci::Consulted) => Some(Raci::Informed),
            Some(Raci::Informed) => None,
        };
        match next {
            Some(raci) => stage.raci.insert(team, raci),
            None => stage.raci.remove(&team),
        };
    }
}

/// The counts per stage, each step's rate against its range, and what the funnel signals.
fn funnel_ui(
    ui: &mut Ui,
    session: &mut Session,
    typical: &TypicalRanges,
    file: &mut funnel::Stage,
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
        if ui.button("Count from a CSV…").clicked() {
            commands.push(Command::Ui(UiCommand::CountFunnelFromCsv));
        }
    });
    match file {
        funnel::Stage::Closed => {}
        funnel::Stage::Mapping(file) => file_ui(ui, file, commands),
        funnel::Stage::Counting(job) => {
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
fn file_ui(ui: &mut Ui, file: &mut funnel::FunnelFile, commands: &mut Vec<Command>) {
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
fn funnel_table_ui(
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
    let mut unread = Vec::new();
    card(ui, |ui| {
        let row_height = ui.spacing().interact_size.y + 6.0;
        ui.spacing_mut().item_spacing.x = 16.0;
        egui_extras::TableBuilder::new(ui)
            .id_salt("funnel")
            .vscroll(false)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(egui_extras::Column::auto().at_least(90.0))
            .column(egui_extras::Column::exact(90.0))
            .column(egui_extras::Column::auto().at_least(60.0))
            .column(egui_extras::Column::auto().at_least(60.0))
            // What is left of the width; on a projector a long warning ends in "…" and the
            // whole of it shows on hover.
            .column(egui_extras::Column::remainder().clip(true))
            .header(row_height, |mut header| {
                for title in ["Stage", "Reached", "Of the first", "To the next", ""] {
                    header.col(|ui| {
                        ui.label(RichText::new(title).small().weak());
                    });
                }
            })
            .body(|body| {
                // Only the rows in view are laid out.
                body.rows(row_height, session.stages.len(), |mut row| {
                    let index = row.index();
                    let stage = &session.stages[index];
                    let name = display_name(stage);
                    let count = session.funnel.counts.get(&stage.id).copied();
                    row.col(|ui| {
                        ui.label(strong_text(name, 15.5));
                    });
                    row.col(|ui| {
                        let id = ui.scope_id().with(("funnel_count", stage.id));
                        if let Some(error) =
                            count_ui(ui, id, name, count, &mut session.funnel.counts, stage.id)
                        {
                            unread.push(format!("{name}: {error}"));
                        }
                    });
                    let cumulative = match index {
                        0 => count.map(|_| 1.0),
                        n => check.steps[n - 1].cumulative,
                    };
                    row.col(|ui| {
                        ui.label(cumulative.map_or("–".to_owned(), percent));
                    });
                    let Some(step) = check.steps.get(index) else {
                        return;
                    };
                    row.col(|ui| {
                        let typical = step.typical.map_or(String::new(), |(low, high)| {
                            format!(" (typical {}–{})", percent(low), percent(high))
                        });
                        ui.label(format!(
                            "{}{typical}",
                            step.rate.map_or("–".to_owned(), percent)
                        ));
                    });
                    row.col(|ui| {
                        let (text, color) = match step.flag {
                            Flag::None => ("", ui.visuals().text_color()),
                            Flag::Below => ("Below its range", theme::drafted(dark)),
                            Flag::FarBelow => ("Far below its range", ui.visuals().error_fg_color),
                            Flag::Inconsistent => (
                                "More reached the next stage: check the counts",
                                ui.visuals().error_fg_color,
                            ),
                        };
                        ui.add(egui::Label::new(RichText::new(text).color(color)).truncate());
                    });
                });
            });
    });
    for problem in unread {
        ui.label(
            RichText::new(format!("{problem}. The count stays as it was."))
                .color(ui.visuals().error_fg_color),
        );
    }
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

/// One stage's count as a text field. What is typed is read as
/// [`crate::analysis::counts::parse_count`] reads it on the command line; a text it cannot
/// read stays in the field, unapplied, and its error is returned to be said.
fn count_ui(
    ui: &mut Ui,
    id: egui::Id,
    name: &str,
    count: Option<u64>,
    counts: &mut std::collections::BTreeMap<StageId, u64>,
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
                    Some(value) => counts.insert(stage, value),
                    None => counts.remove(&stage),
                };
            }
            Err(error) => {
                ui.data_mut(|d| d.insert_temp(id, text));
                return Some(error);
            }
        }
    }
    error
}
