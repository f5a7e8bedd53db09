//! When a business-hours SLA's clock runs: opening hours, working days, closing days and
//! the time zone.

use super::{
    Command, EditCommand, RichText, Sla, TextEdit, Ui, Weekday, row, time_picker, widgets,
};

/// Opening hours, working days and the time zone the clock runs in.
pub(super) fn business_hours_ui(
    ui: &mut Ui,
    sla: &mut Sla,
    name: &str,
    commands: &mut Vec<Command>,
) {
    let sla_id = sla.id;
    let field = |label: &str| format!("{label} of the {name} SLA");
    let hours = &mut sla.business_hours;
    row(ui, "Open", |ui, _| {
        let mut opens = Some(hours.opens);
        time_picker(
            ui,
            ("sla-opens", sla.id),
            &mut opens,
            &field("Opening time"),
        );
        ui.label("to");
        let mut closes = Some(hours.closes);
        time_picker(
            ui,
            ("sla-closes", sla.id),
            &mut closes,
            &field("Closing time"),
        );
        if let (Some(opens), Some(closes)) = (opens, closes) {
            (hours.opens, hours.closes) = (opens, closes);
        }
    });
    row(ui, "Working days", |ui, _| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for day in Weekday::ALL {
            let mut on = hours.days.contains(&day);
            let toggle = ui
                .toggle_value(&mut on, day.short())
                .accessible_name(format!(
                    "{} is a working day for the {name} SLA",
                    day.short()
                ));
            if toggle.changed() {
                if on {
                    hours.days.push(day);
                    hours.days.sort();
                } else {
                    hours.days.retain(|d| *d != day);
                }
            }
        }
    });
    row(ui, "Holidays", |ui, _| {
        let mut remove = None;
        for (index, date) in hours.holidays.iter_mut().enumerate() {
            let number = index + 1;
            ui.add(
                egui_extras::DatePickerButton::new(date)
                    .id_salt(&format!("sla-holiday-{:?}-{index}", sla.id)),
            )
            .accessible_name(format!("Holiday {number} of the {name} SLA"));
            let button = ui
                .small_button("×")
                .on_hover_text("Not a holiday after all")
                .accessible_name(format!("Remove holiday {number} of the {name} SLA"));
            if button.clicked() {
                remove = Some(index);
            }
        }
        if let Some(index) = remove {
            commands.push(EditCommand::RemoveHoliday(sla_id, index).into());
        }
        if hours.holidays.is_empty() {
            ui.label(RichText::new("None: every working day counts").weak());
        }
        // A new holiday starts the day after the last one: see `EditCommand::AddHoliday`.
        let add = ui
            .button("+ Add")
            .accessible_name(format!("Add a holiday to the {name} SLA"));
        if add.clicked() {
            commands.push(EditCommand::AddHoliday(sla_id).into());
        }
    });
    row(ui, "Time zone", |ui, width| {
        ui.add(
            TextEdit::singleline(&mut sla.time_zone)
                .hint_text("Europe/Berlin")
                .desired_width(width.min(200.0)),
        )
        .accessible_name(field("Time zone"));
        widgets::local_zone_button(ui, &mut sla.time_zone);
    });
    if let Err(error) = crate::analysis::clock::SlaClock::new(sla)
        && sla.when.amount > 0
        && !sla.time_zone.trim().is_empty()
    {
        row(ui, "", |ui, _| {
            ui.label(RichText::new(error.to_string()).color(ui.visuals().error_fg_color));
        });
    }
}
