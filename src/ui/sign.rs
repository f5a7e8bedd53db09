//! The signing dialog: who speaks for the team, its position (Kaner's gradients of
//! agreement), and why, when the position is anything but an endorsement.

use egui::{RichText, TextEdit, Ui};

use super::widgets::{primary_button, strong_text};
use crate::app::{App, EditCommand, Modal, Speaker};
use crate::model::Position;

pub fn ui(app: &mut App, ui: &mut Ui) {
    let session = &app.doc.session;
    let Some(Modal::Sign(form)) = &app.modal else {
        return;
    };
    let team = session.team_name(Some(form.team)).to_owned();
    let agreement = session.agreement_name(form.agreement).unwrap_or_default();
    // Each team and agreement scrolls on its own: a second dialog opens at its top, on the
    // title that names whose signature it is.
    let salt = format!("sign-{:?}-{:?}", form.agreement, form.team);
    ui.label(
        RichText::new(format!("{team} on {agreement}")).text_style(super::theme::section_style()),
    );
    ui.label(
        RichText::new("The signature keeps the wording as it stands now. An edit later shows it as signed on an earlier wording.")
            .weak(),
    );
    ui.add_space(10.0);
    // The title above and the buttons below stay in view; at projector text on a 720-pixel
    // screen the choices between them scroll.
    // What the title and the intro took is measured; the footer is two rows (the buttons,
    // and what is missing) and the modal's own frame.
    let above = ui.min_rect().height();
    let footer = ui.spacing().interact_size.y * 1.5
        + ui.text_style_height(&egui::TextStyle::Body) * 1.5
        + 24.0;
    let frame = 2.0 * (ui.style().spacing.window_margin.topf() + 12.0);
    let height = ui.ctx().content_rect().height() - above - footer - frame;
    egui::ScrollArea::vertical()
        .id_salt(salt)
        .max_height(height.max(140.0))
        // A choice below the fold is announced by the bar, not found by chance.
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::VisibleWhenNeeded)
        .show(ui, |ui| choices_ui(app, ui));
    ui.add_space(10.0);
    footer_ui(app, ui);
}

/// Who speaks for the team, its position and why.
fn choices_ui(app: &mut App, ui: &mut Ui) {
    let session = &app.doc.session;
    let Some(Modal::Sign(form)) = &mut app.modal else {
        return;
    };
    ui.label(strong_text("Who speaks for the team", 15.5));
    let people: Vec<String> = session
        .participants
        .iter()
        .filter(|p| p.team == Some(form.team) && !p.name.trim().is_empty())
        .map(|p| p.name.trim().to_owned())
        .collect();
    for name in people {
        let choice = Speaker::Participant(name.clone());
        ui.radio_value(&mut form.speaker, Some(choice), name);
    }
    ui.horizontal_wrapped(|ui| {
        let chosen = ui.radio_value(&mut form.speaker, Some(Speaker::Other), "Someone else:");
        let typed = ui
            .add(
                TextEdit::singleline(&mut form.other)
                    .hint_text("Name")
                    .desired_width(220.0),
            )
            .accessible_name("Name of who signs");
        if chosen.clicked() {
            typed.request_focus();
        }
        if typed.changed() {
            form.speaker = Some(Speaker::Other);
        }
    });
    ui.radio_value(
        &mut form.speaker,
        Some(Speaker::Facilitator),
        "The facilitator, on the team's behalf",
    );
    ui.add_space(10.0);

    ui.label(strong_text("Position", 15.5));
    for position in Position::ALL {
        ui.horizontal(|ui| {
            ui.radio_value(&mut form.position, Some(position), position.label());
            ui.label(RichText::new(format!("· {}", position.meaning())).weak());
        });
    }
    let needs_reason = form.position.is_some_and(Position::needs_reason);
    ui.add_space(6.0);
    ui.add(
        TextEdit::multiline(&mut form.reason)
            .desired_rows(2)
            .desired_width(f32::INFINITY)
            .hint_text(if needs_reason {
                "Why: what worries the team, or what would change its mind"
            } else {
                "Why (optional)"
            }),
    )
    .accessible_name("Reason");
}

/// Sign and Cancel, and what is still missing before Sign can be pressed.
fn footer_ui(app: &mut App, ui: &mut Ui) {
    let Some(Modal::Sign(form)) = &app.modal else {
        return;
    };
    let needs_reason = form.position.is_some_and(Position::needs_reason);
    let signer = form.signer();
    let ready = signer.is_some()
        && form.position.is_some()
        && !(needs_reason && form.reason.trim().is_empty());
    let mut command = None;
    let mut cancel = false;
    ui.horizontal(|ui| {
        let sign = ui
            .add_enabled_ui(ready, |ui| primary_button(ui, "Sign"))
            .inner;
        if sign.clicked()
            && let (Some(by), Some(position)) = (signer.clone(), form.position)
        {
            command = Some(EditCommand::Sign {
                agreement: form.agreement,
                team: form.team,
                position,
                by,
                reason: form.reason.trim().to_owned(),
            });
        }
        cancel = ui.button("Cancel").clicked();
    });
    if !ready {
        let missing = if form.speaker.is_none() || signer.is_none() {
            "Say who speaks for the team."
        } else if form.position.is_none() {
            "Choose the team's position."
        } else {
            "This position needs a reason."
        };
        ui.label(RichText::new(missing).weak());
    }
    if cancel {
        app.modal = None;
    }
    if let Some(command) = command {
        app.queue(command);
    }
}
