//! "Compare with…": what changed from another review to the open one, step by step, the old
//! text beside the new.

use egui::{RichText, Ui};

use super::theme;
use super::widgets::strong_text;
use crate::app::{App, Modal};

pub fn ui(app: &mut App, ui: &mut Ui) {
    let Some(Modal::Compare(comparison)) = &app.modal else {
        return;
    };
    let file_name = comparison.file.file_name().map_or_else(
        || comparison.file.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    let since = match comparison.period.trim() {
        "" => format!("the review in {file_name}"),
        period => period.to_owned(),
    };
    let then = match comparison.period.trim() {
        "" => "Then".to_owned(),
        period => format!("Then ({period})"),
    };
    let now = match app.doc.session.meta.period.trim() {
        "" => "Now".to_owned(),
        period => format!("Now ({period})"),
    };
    ui.label(
        RichText::new(format!("What changed since {since}")).text_style(theme::section_style()),
    );
    ui.label(RichText::new(format!("From {}", comparison.file.display())).weak());
    ui.add_space(8.0);
    let dark = ui.visuals().dark_mode;
    let height = ui.ctx().content_rect().height() - 200.0;
    egui::ScrollArea::vertical()
        .max_height(height.max(160.0))
        .auto_shrink([false, true])
        .show(ui, |ui| {
            if comparison.changes.is_empty() {
                ui.label(RichText::new("Nothing changed.").weak());
            }
            let column = (ui.available_width() - 24.0) / 2.0;
            if !comparison.changes.is_empty() {
                ui.horizontal_top(|ui| {
                    for heading in [&then, &now] {
                        ui.allocate_ui_with_layout(
                            egui::vec2(column, 0.0),
                            egui::Layout::top_down(egui::Align::Min),
                            |ui| {
                                ui.set_width(column);
                                ui.label(RichText::new(heading).weak().strong());
                            },
                        );
                    }
                });
            }
            let mut step = "";
            for change in &comparison.changes {
                if change.step != step {
                    step = change.step;
                    ui.add_space(10.0);
                    ui.label(strong_text(step, 16.5));
                }
                let what = crate::export::since::what(change);
                ui.label(RichText::new(&what).strong())
                    .accessible_name(&what);
                if change.field.is_empty() {
                    continue;
                }
                ui.horizontal_top(|ui| {
                    for (text, color) in [
                        (&change.old, ui.visuals().error_fg_color),
                        (&change.new, theme::agreed(dark)),
                    ] {
                        ui.allocate_ui_with_layout(
                            egui::vec2(column, 0.0),
                            egui::Layout::top_down(egui::Align::Min),
                            |ui| {
                                ui.set_width(column);
                                let text = text.as_deref().unwrap_or("–");
                                ui.add(egui::Label::new(RichText::new(text).color(color)).wrap());
                            },
                        );
                    }
                });
            }
        });
    ui.add_space(8.0);
    if ui.button("Close").clicked() {
        app.modal = None;
    }
}
