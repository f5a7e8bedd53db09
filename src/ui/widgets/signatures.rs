//! Each signing team's signature on an agreement: its position, who gave it, when and why,
//! "signed an earlier wording" with what changed since, and the button that signs.

use super::{Color32, RichText, Ui, strong_text, theme};
use crate::analysis::standing::{Change, word_diff};

pub use crate::analysis::standing::{SignatureRow, SignaturesView};
use crate::app::{Command, EditCommand};
use crate::model::Position;

/// The colour of where an agreement stands: adopted, blocked, under way, or untouched.
pub fn standing_color(ui: &Ui, view: &SignaturesView) -> Color32 {
    let dark = ui.visuals().dark_mode;
    if view.adopted {
        theme::agreed(dark)
    } else if view.blocked {
        ui.visuals().error_fg_color
    } else if view.started {
        theme::drafted(dark)
    } else {
        ui.visuals().weak_text_color()
    }
}
/// One row per signing team, with its latest signature and a way to sign for it.
pub fn signatures_ui(ui: &mut Ui, view: &SignaturesView, commands: &mut Vec<Command>) {
    if view.rows.is_empty() {
        ui.label(
            RichText::new(
                "No team signs this yet: mark the teams that sign on the session details.",
            )
            .weak(),
        );
        return;
    }
    ui.label(strong_text(&view.summary, 17.0).color(standing_color(ui, view)))
        .accessible_name(format!("{}: {}", view.name, view.summary));
    ui.label(RichText::new(format!("{}.", view.rule)).weak());
    review_ui(ui, view, commands);
    ui.add_space(6.0);
    // A row per team: its name with the button that signs for it, then its signature in
    // the width that is left, whatever the text size.
    let name_width = 170.0_f32.min(ui.available_width() * 0.3);
    for (index, row) in view.rows.iter().enumerate() {
        let (team, name) = (&row.team, &row.name);
        if index > 0 {
            ui.separator();
        }
        ui.horizontal_top(|ui| {
            let top_down = egui::Layout::top_down(egui::Align::Min);
            ui.allocate_ui_with_layout(egui::vec2(name_width, 0.0), top_down, |ui| {
                ui.set_width(name_width);
                ui.add(egui::Label::new(RichText::new(name).strong()).wrap());
                let sign = ui
                    .button(if row.signature.is_some() {
                        "Sign again…"
                    } else {
                        "Sign…"
                    })
                    .accessible_name(format!("Sign for {name} on {}", view.name));
                if sign.clicked() {
                    commands.push(EditCommand::StartSigning(view.agreement, *team).into());
                }
            });
            let cell_width = (ui.available_width() - ui.spacing().item_spacing.x).max(120.0);
            ui.allocate_ui_with_layout(egui::vec2(cell_width, 0.0), top_down, |ui| {
                ui.set_width(cell_width);
                signature_cell(ui, row, view);
            });
        });
    }
}

/// When the room means to look at the agreement again: the date it set, or the end of the
/// next quarter once adopted; a date picker sets its own.
fn review_ui(ui: &mut Ui, view: &SignaturesView, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let name = format!("the review date of {}", view.name);
        let mut date = view.review_set;
        let label = match (view.review_set, view.review_by) {
            (Some(_), _) => "Review by",
            (None, Some(due)) => {
                ui.label(
                    RichText::new(format!("Review by {due}, the end of the next quarter.")).weak(),
                );
                "Or set a date"
            }
            (None, None) => "Review once adopted, at the end of the next quarter; or by",
        };
        ui.label(RichText::new(label).weak());
        super::optional_date(
            ui,
            &format!("review-{:?}", view.agreement),
            &mut date,
            &name,
            |_| {},
        );
        if date != view.review_set {
            commands.push(EditCommand::SetReviewBy(view.agreement, date).into());
        }
    });
}

/// A team's latest signature: position, who and when, the reason, and for an earlier wording
/// a mark whose hover shows what changed since it was signed.
fn signature_cell(ui: &mut Ui, row: &SignatureRow, view: &SignaturesView) {
    let today = view.today.as_str();
    let team = row.name.as_str();
    let Some(signature) = &row.signature else {
        ui.label(RichText::new("Not yet").weak())
            .accessible_name(format!("{team}: not yet"));
        return;
    };
    let dark = ui.visuals().dark_mode;
    let color = match signature.position {
        Position::Endorse | Position::AgreeWithReservations => theme::agreed(dark),
        Position::StandAside | Position::Disagree => theme::drafted(dark),
        Position::Block => ui.visuals().error_fg_color,
    };
    let stale = !row.current;
    let position = RichText::new(signature.position.label()).strong();
    let position = if stale {
        position
            .color(ui.visuals().weak_text_color())
            .strikethrough()
    } else {
        position.color(color)
    };
    let when = signature
        .at
        .map(|at| at.strftime("%Y-%m-%d %H:%M UTC").to_string());
    let who = match when {
        Some(when) => format!("{}, {when}", signature.by.describe()),
        None => signature.by.describe().to_owned(),
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(position)
            .accessible_name(format!("{team}: {}", signature.position.label()));
        ui.label(RichText::new(format!("· {who}")).weak());
    });
    if !signature.reason.trim().is_empty() {
        ui.label(format!("“{}”", signature.reason.trim()));
    }
    if !row.intact {
        ui.label(
            RichText::new("The wording kept with this signature was changed after it was given.")
                .color(ui.visuals().error_fg_color),
        );
    } else if stale && signature.carried_over && view.today_hash == signature.sha256 {
        ui.label(
            RichText::new("Carried over from the last review: to re-confirm")
                .color(theme::drafted(dark)),
        )
        .accessible_name(format!("{team}: carried over, to re-confirm"));
    } else if stale {
        // On hover, or kept open by a click, for a projector where nobody hovers.
        let id = ui.scope_id().with(("earlier-wording", team));
        let mut open = ui.data(|d| d.get_temp::<bool>(id)).unwrap_or(false);
        let mark = ui
            .add(
                egui::Button::new(
                    RichText::new("Signed an earlier wording: what changed?")
                        .color(theme::drafted(dark)),
                )
                .frame(false),
            )
            .accessible_name(format!("{team} signed an earlier wording"));
        if mark.clicked() {
            open = !open;
            ui.data_mut(|d| d.insert_temp(id, open));
        }
        if open {
            diff_ui(ui, &signature.text, today);
        } else {
            mark.on_hover_ui(|ui| {
                ui.set_max_width(520.0);
                diff_ui(ui, &signature.text, today);
            });
        }
    }
}

/// What changed from the signed wording to today's, word by word.
fn diff_ui(ui: &mut Ui, signed: &str, today: &str) {
    ui.label(RichText::new("What changed since it was signed").strong());
    let job = diff_job(ui, signed, today);
    ui.label(job);
}

/// The word diff from the signed text to today's: removed words struck through in red,
/// added ones in green.
fn diff_job(ui: &Ui, signed: &str, today: &str) -> egui::text::LayoutJob {
    let dark = ui.visuals().dark_mode;
    let font = egui::TextStyle::Body.resolve(ui.style());
    let text = ui.visuals().text_color();
    let mut job = egui::text::LayoutJob::default();
    let mut after_removed = false;
    for change in word_diff(signed, today) {
        // "50 60", not "5060": a removed word and the one that took its place stay apart.
        if after_removed && matches!(change, Change::Added(_)) {
            job.append(" ", 0.0, egui::TextFormat::simple(font.clone(), text));
        }
        after_removed = matches!(change, Change::Removed(_));
        let (piece, format) = match change {
            Change::Same(piece) => (piece, egui::TextFormat::simple(font.clone(), text)),
            Change::Removed(piece) => (
                piece,
                egui::TextFormat {
                    strikethrough: egui::Stroke::new(1.0, ui.visuals().error_fg_color),
                    ..egui::TextFormat::simple(font.clone(), ui.visuals().error_fg_color)
                },
            ),
            Change::Added(piece) => (
                piece,
                egui::TextFormat {
                    underline: egui::Stroke::new(1.0, theme::agreed(dark)),
                    ..egui::TextFormat::simple(font.clone(), theme::agreed(dark))
                },
            ),
        };
        job.append(&piece, 0.0, format);
    }
    job
}
