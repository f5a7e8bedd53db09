//! Steps whose workspace is still to come: what will be there, and what the session already
//! holds for the step, read-only.

use egui::{RichText, Ui};

use super::widgets::{card, section};
use crate::model::{Session, Step};

pub fn ui(ui: &mut Ui, session: &Session, step: Step) {
    card(ui, |ui| {
        ui.label(RichText::new("Coming to this step").strong());
        ui.label(coming(step));
    });
    section(
        ui,
        "In this session so far",
        "Read-only until this step's workspace arrives.",
    );
    card(ui, |ui| {
        let lines = holds(session, step);
        if lines.is_empty() {
            ui.label(RichText::new("Nothing yet.").weak());
        }
        for (first, second) in lines {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(first).strong());
                if !second.is_empty() {
                    ui.label(RichText::new(second).weak());
                }
            });
        }
    });
}

fn coming(step: Step) -> &'static str {
    match step {
        // These steps have screens of their own and never show the placeholder.
        Step::Details
        | Step::Audit
        | Step::Cadence
        | Step::Metrics
        | Step::Review
        | Step::Icp
        | Step::Definitions
        | Step::LeadScoring
        | Step::Slas
        | Step::FeedbackLoops
        | Step::Checklist => "",
        Step::Pipeline => {
            "Reorder the stages, set owners and the RACI matrix, list what travels at each hand-off, and check the funnel's conversion."
        }
    }
}

/// What the session holds for `step`, as (headline, detail) lines.
fn holds(session: &Session, step: Step) -> Vec<(String, String)> {
    let team = |id| session.team_name(id).to_owned();
    match step {
        Step::Details
        | Step::Audit
        | Step::Cadence
        | Step::Metrics
        | Step::Review
        | Step::Icp
        | Step::Definitions
        | Step::LeadScoring
        | Step::Slas
        | Step::FeedbackLoops
        | Step::Checklist => Vec::new(),
        Step::Pipeline => session
            .stages
            .iter()
            .map(|s| (s.name.clone(), format!("owned by {}", team(s.owner))))
            .collect(),
    }
}
