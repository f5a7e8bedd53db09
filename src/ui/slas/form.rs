//! One SLA as a form: the template's fields, and what is still missing.

use super::{
    Command, DragValue, EditCommand, Phase, RichText, SignaturesView, Sla, Team, TextEdit,
    TimeUnit, Ui, business_hours_ui, card, choice, completeness, compliance_ui, display_name,
    in_view, line_row, picker_width, row, signatures_ui, strong_text, team_picker,
    team_picker_width, theme,
};

/// One SLA as a form, with its teams' signatures.
pub(super) fn sla_ui(
    ui: &mut Ui,
    teams: &[Team],
    sla: &mut Sla,
    phase: &mut Phase,
    signatures: Option<&SignaturesView>,
    commands: &mut Vec<Command>,
) {
    let before = sla.pair();
    let name = display_name(sla);
    card(ui, |ui| {
        ui.horizontal(|ui| {
            let edit = ui.add(
                TextEdit::singleline(&mut sla.name)
                    .font(egui::TextStyle::Heading)
                    .hint_text("Name of the SLA")
                    .desired_width((ui.available_width() - 110.0).clamp(120.0, 320.0)),
            );
            edit.accessible_name(format!("Name of the {name} SLA"));
            let remove = ui
                .button("Remove")
                .accessible_name(format!("Remove the {name} SLA"));
            if remove.clicked() {
                commands.push(Command::Edit(EditCommand::RemoveSla(sla.id)));
            }
        });
        status_ui(ui, sla);
        ui.add_space(6.0);
        fields_ui(ui, teams, sla, &name, commands);
        ui.add_space(8.0);
        // The card runs longer than the window: its lower parts wait until they come near.
        in_view(ui, |ui| {
            ui.label(strong_text("Signatures", 15.5));
            match signatures {
                Some(view) if !view.rows.is_empty() => signatures_ui(ui, view, commands),
                _ => {
                    ui.label(RichText::new("Choose both teams, then each of them signs.").weak());
                }
            }
        });
        ui.add_space(8.0);
        in_view(ui, |ui| compliance_ui(ui, sla, phase, &name, commands));
    });
    if sla.pair() != before {
        // The SLA moved to another pair of teams: follow it there.
        let (a, b) = sla.pair();
        commands.push(Command::Edit(EditCommand::SelectSlaPair(a, b)));
    }
}

/// "Complete" in green, or what is still missing in amber.
pub(super) fn status_ui(ui: &mut Ui, sla: &Sla) {
    let dark = ui.visuals().dark_mode;
    let missing = completeness::missing(sla);
    let (text, color) = if missing.is_empty() {
        (
            "Complete: time-bound, measurable, with an escalation".to_owned(),
            theme::agreed(dark),
        )
    } else {
        (
            format!("Still needs {}", completeness::and_list(&missing)),
            theme::drafted(dark),
        )
    };
    ui.label(RichText::new(text).color(color));
}

/// The template's fields: who to whom, what, when, who, how measured, target, escalation.
pub(super) fn fields_ui(
    ui: &mut Ui,
    teams: &[Team],
    sla: &mut Sla,
    name: &str,
    commands: &mut Vec<Command>,
) {
    let field = |label: &str| format!("{label} of the {name} SLA");
    let picker = team_picker_width(ui, teams);
    row(ui, "Committed by", |ui, width| {
        team_picker(
            ui,
            ("sla-from", sla.id),
            teams,
            &mut sla.from_team,
            picker.min(width),
        )
        .accessible_name(field("Committing team"));
    });
    row(ui, "Committed to", |ui, width| {
        team_picker(
            ui,
            ("sla-to", sla.id),
            teams,
            &mut sla.to_team,
            picker.min(width),
        )
        .accessible_name(field("Receiving team"));
    });
    line_row(
        ui,
        "What",
        &mut sla.what,
        "The deliverable or action",
        &field("What"),
    );
    row(ui, "When", |ui, width| {
        ui.add(DragValue::new(&mut sla.when.amount).range(crate::model::bounds::WINDOW_AMOUNT))
            .accessible_name(field("Amount"));
        let units = picker_width(ui, TimeUnit::ALL.map(TimeUnit::label));
        choice(
            ui,
            ("sla-unit", sla.id),
            &mut sla.when.unit,
            &TimeUnit::ALL,
            TimeUnit::label,
            units.min(width - 70.0),
        )
        .accessible_name(field("Unit"));
    });
    let starts_hint = if sla.when.unit == TimeUnit::PerMonth {
        "The period it counts, such as the calendar month"
    } else {
        "The event that starts the clock"
    };
    line_row(
        ui,
        "Clock starts",
        &mut sla.when.clock_starts,
        starts_hint,
        &field("Clock starts"),
    );
    if sla.when.unit.uses_business_hours() {
        business_hours_ui(ui, sla, name, commands);
    }
    line_row(
        ui,
        "Who",
        &mut sla.who,
        "The role responsible in the committing team",
        &field("Who"),
    );
    line_row(
        ui,
        "How measured",
        &mut sla.how_measured,
        "The metric that shows it was kept",
        &field("How measured"),
    );
    line_row(
        ui,
        "Data source",
        &mut sla.data_source,
        "Where the metric comes from",
        &field("Data source"),
    );
    row(ui, "Target", |ui, _| match &mut sla.target_percent {
        Some(target) => {
            ui.add(
                DragValue::new(target)
                    .range(crate::model::bounds::TARGET_PERCENT)
                    .speed(0.5)
                    .suffix("% in time"),
            )
            .accessible_name(field("Target"));
            if ui
                .small_button("No target")
                .accessible_name(field("Remove the target"))
                .clicked()
            {
                sla.target_percent = None;
            }
        }
        None => {
            if ui
                .button("Set a target")
                .accessible_name(field("Set a target"))
                .clicked()
            {
                sla.target_percent = Some(95.0);
            }
        }
    });
    ui.add_space(4.0);
    ui.label(RichText::new("Escalation").strong());
    line_row(
        ui,
        "What happens",
        &mut sla.escalation.action,
        "Re-assign the lead, raise it at the weekly review…",
        &field("Escalation"),
    );
    line_row(
        ui,
        "To whom",
        &mut sla.escalation.to,
        "The person it goes to",
        &field("Escalated to"),
    );
    line_row(
        ui,
        "After",
        &mut sla.escalation.after,
        "How long a miss waits before it escalates",
        &field("Escalation after"),
    );
}
