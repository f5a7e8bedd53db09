//! The ICP itself, as the room writes it: a statement, the criteria, the anti-patterns, and each
//! team's sign-off.

use egui::{RichText, TextEdit, Ui};

use super::findings::importance_color;
use crate::app::{Command, EditCommand};
use crate::model::{Agreement, Importance, Session};
use crate::ui::widgets::{
    SignaturesView, card, cell_text, choice, picker_width, section, signatures_ui, strong_text,
};

const IMPORTANCE: [Importance; 3] = [
    Importance::MustHave,
    Importance::NiceToHave,
    Importance::Exclude,
];

/// Draws the ICP document and each team's signature on it.
pub fn ui(
    ui: &mut Ui,
    session: &mut Session,
    signatures: Option<&SignaturesView>,
    suggested: bool,
    commands: &mut Vec<Command>,
) {
    section(
        ui,
        "The ideal customer profile",
        "What the teams agree on. Every team signs; a signature names the wording it was given to.",
    );
    card(ui, |ui| {
        ui.label(RichText::new("In a few sentences").weak());
        ui.add(
            TextEdit::multiline(&mut session.icp.statement)
                .desired_rows(3)
                .desired_width(f32::INFINITY)
                .hint_text("Mid-market fintech and software companies with a central RevOps team…"),
        )
        .accessible_name("ICP statement");
        ui.add_space(10.0);
        ui.label(strong_text("Criteria", 18.0));
        criteria_ui(ui, session, suggested, commands);
        ui.add_space(10.0);
        ui.label(strong_text("Anti-patterns", 18.0));
        ui.label(
            RichText::new(
                "Traits of customers who churned or struggled, from the data or from experience.",
            )
            .weak(),
        );
        for (n, anti) in session.icp.anti_patterns.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                let n = n + 1;
                cell_text(
                    ui,
                    &format!("Anti-pattern {n}"),
                    &mut anti.description,
                    "Seat-based buyers under 20 people",
                    320.0,
                );
                cell_text(
                    ui,
                    &format!("Evidence {n}"),
                    &mut anti.evidence,
                    "What shows it",
                    320.0,
                );
                if ui
                    .button("×")
                    .accessible_name(format!("Remove anti-pattern {n}"))
                    .clicked()
                {
                    commands.push(Command::Edit(EditCommand::RemoveAntiPattern(anti.id)));
                }
            });
        }
        if ui.button("Add anti-pattern").clicked() {
            commands.push(Command::Edit(EditCommand::AddAntiPattern));
        }
    });
    // The teams' own statements, from the window or the room's phones.
    let Session { teams, icp, .. } = &mut *session;
    let icp = &mut **icp;
    let wording = crate::model::Wording {
        name: "the ICP".to_owned(),
        proposals: &mut icp.proposals,
        merged: &mut icp.statement,
    };
    crate::ui::proposals::ui(
        ui,
        teams,
        Agreement::Icp,
        wording,
        "Merged statement of",
        commands,
    );
    section(
        ui,
        "Signatures",
        "Each team's position on the ICP as written above. An edit leaves earlier signatures on the wording they were given to.",
    );
    if let Some(view) = signatures {
        card(ui, |ui| signatures_ui(ui, view, commands));
    }
}

/// The ICP's criteria; `suggested` when the customer data above offers some to accept.
fn criteria_ui(ui: &mut Ui, session: &mut Session, suggested: bool, commands: &mut Vec<Command>) {
    if session.icp.criteria.is_empty() {
        let none = if suggested {
            "None yet: accept a suggestion above, or add one."
        } else {
            "None yet: add one, or import the customers to see what sets the best apart."
        };
        ui.label(RichText::new(none).weak());
    }
    let width = picker_width(ui, IMPORTANCE.map(Importance::label));
    for (n, criterion) in session.icp.criteria.iter_mut().enumerate() {
        let n = n + 1;
        ui.horizontal(|ui| {
            choice(
                ui,
                ("importance", criterion.id),
                &mut criterion.importance,
                &IMPORTANCE,
                Importance::label,
                width,
            )
            .accessible_name(format!("Importance of criterion {n}"));
            cell_text(
                ui,
                &format!("Attribute of criterion {n}"),
                &mut criterion.attribute,
                "Industry",
                160.0,
            );
            let mut values = criterion.values.join(", ");
            if cell_text(
                ui,
                &format!("Values of criterion {n}"),
                &mut values,
                "Fintech, Software",
                240.0,
            )
            .changed()
            {
                criterion.values = values
                    .split(',')
                    .map(|v| v.trim_start().to_owned())
                    .collect();
            }
            if ui
                .button("×")
                .accessible_name(format!("Remove criterion {n}"))
                .clicked()
            {
                commands.push(Command::Edit(EditCommand::RemoveCriterion(criterion.id)));
            }
        });
        ui.horizontal(|ui| {
            ui.add_space(width + 8.0);
            let color = importance_color(ui, criterion.importance);
            ui.label(RichText::new("●").color(color));
            cell_text(
                ui,
                &format!("Rationale of criterion {n}"),
                &mut criterion.rationale,
                "Why the room chose it",
                420.0,
            );
        });
        ui.add_space(4.0);
    }
    if ui.button("Add criterion").clicked() {
        commands.push(Command::Edit(EditCommand::AddCriterion));
    }
}
