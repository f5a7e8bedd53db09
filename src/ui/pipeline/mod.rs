//! Pipeline and ownership: the stages in order with what each means and what travels at each
//! hand-off, the ownership matrix the room looks at, and the funnel's conversion against
//! typical ranges.

mod funnel;
mod matrix;
mod stages;

use funnel::funnel_ui;
use matrix::matrix_ui;
use stages::{stage_ui, stages_ui};

use egui::{RichText, TextEdit, Ui};

use super::definitions::{Group, list_groups_ui};
use super::theme;
use super::widgets::{
    card, card_row, column_picker, file_name, lazy_rows, preview_header_ui, section, session_row,
    signatures_ui, still, strong_text, team_picker, team_picker_width, work_progress_ui,
};
use crate::analysis::icp::percent;
use crate::analysis::pipeline::{self, Flag, HandoffProblem, RaciProblem};
use crate::app::{App, Command, EditCommand, ImportCommand, TypicalRanges, UiCommand};
use crate::model::{
    Agreement, Lines, Raci, Session, Sla, Stage, StageId, StageLines, Step, Team, team_name,
};

pub fn ui(app: &mut App, ui: &mut Ui) {
    let mut commands = Vec::new();
    let revision = app.doc.revision();
    let views = &mut app.doc.work.signatures;
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
    let problems = app
        .doc
        .work
        .pipeline_problems
        .get(revision, || pipeline::Problems::of(session));
    stages_ui(ui, session, selected, &problems.handoffs, &mut commands);
    if let Some(index) = selected.and_then(|id| session.stage_index(id)) {
        ui.add_space(10.0);
        let problem = problems
            .handoffs
            .iter()
            .find(|p| p.stage == session.stages[index].id)
            .map(|p| p.message.as_str());
        stage_ui(ui, session, index, problem, &mut commands);
    }

    section(
        ui,
        "Who owns what",
        "Responsible, Accountable, Consulted or Informed: exactly one team is accountable for each stage.",
    );
    matrix_ui(ui, session, &problems.raci);

    if !session.stages.is_empty()
        && let Some(view) = views.get(session, revision, Agreement::Pipeline)
    {
        section(
            ui,
            "Signatures",
            "Each team signs the pipeline as a whole: the stages, their owners and hand-offs, as written above.",
        );
        card(ui, |ui| signatures_ui(ui, &view, &mut commands));
    }

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
