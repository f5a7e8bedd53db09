//! "Set up the CRM…": what HubSpot or Salesforce gets from the agreement, and what is left to a
//! person, before its folder is written. The same `export::crm` code writes the files.

use egui::{RichText, Ui};

use super::theme;
use super::widgets::{primary_button, strong_text};
use crate::app::{App, Modal, UiCommand};
use crate::export::Format;
use crate::export::crm::{Crm, Setup};

pub fn ui(app: &mut App, ui: &mut Ui, crm: Crm) {
    ui.label(RichText::new("Set up the CRM").text_style(theme::section_style()));
    ui.horizontal_wrapped(|ui| {
        for choice in Crm::ALL {
            let button = ui
                .selectable_label(choice == crm, choice.label())
                .accessible_name(format!("Set up {}", choice.label()));
            if button.clicked() {
                app.modal = Some(Modal::Crm(choice));
            }
        }
    });
    ui.add_space(8.0);
    let dark = ui.visuals().dark_mode;
    let session = &app.doc.session;
    let setup = Setup::of(session);
    let ready = setup.is_ok();
    // The title, the choice and the buttons stay in view; the rest scrolls between them.
    let line = ui.text_style_height(&egui::TextStyle::Body);
    let height = ui.ctx().content_rect().height() - (9.0 * line + 80.0);
    egui::ScrollArea::vertical()
        .max_height(height.max(160.0))
        .auto_shrink([false, true])
        .show(ui, |ui| match &setup {
            Err(error) => {
                ui.add(
                    egui::Label::new(
                        RichText::new(format!("{} cannot be set up yet: {error}", crm.label()))
                            .color(ui.visuals().error_fg_color),
                    )
                    .wrap(),
                );
            }
            Ok(setup) => {
                if !setup.unsigned.is_empty() {
                    let count = setup.unsigned.len();
                    let which = if count <= 4 {
                        let names: Vec<&str> =
                            setup.unsigned.iter().map(|u| u.name.as_str()).collect();
                        format!(" ({})", names.join(", "))
                    } else {
                        String::new()
                    };
                    let agreements = if count == 1 { "agreement waits" } else { "agreements wait" };
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!(
                                "Not adopted yet: {count} {agreements} for signatures{which}. Each file's checklist says so first, and lists them."
                            ))
                            .color(theme::drafted(dark)),
                        )
                        .wrap(),
                    );
                    ui.add_space(8.0);
                }
                let preview = setup.preview(crm);
                let created = match crm {
                    Crm::Hubspot => "What the API calls create (plan.json, or accord crm apply)",
                    Crm::Salesforce => "What the project deploys (sf project deploy start)",
                };
                ui.label(strong_text(created, 16.5));
                for line in &preview.creates {
                    bullet(ui, line);
                }
                ui.add_space(10.0);
                ui.label(strong_text(
                    "Left to a person, step by step in checklist.md",
                    16.5,
                ));
                for line in &preview.by_hand {
                    bullet(ui, line);
                }
                for warning in &setup.warnings {
                    ui.add_space(6.0);
                    ui.add(
                        egui::Label::new(RichText::new(warning).color(theme::drafted(dark)))
                            .wrap(),
                    );
                }
            }
        });
    drop(setup);
    ui.add_space(10.0);
    ui.horizontal_wrapped(|ui| {
        let write = match crm {
            Crm::Hubspot => "Write the HubSpot folder…",
            Crm::Salesforce => "Write the Salesforce project…",
        };
        let format = match crm {
            Crm::Hubspot => Format::Hubspot,
            Crm::Salesforce => Format::Salesforce,
        };
        if ready && primary_button(ui, write).clicked() {
            app.modal = None;
            app.queue(UiCommand::Export(format));
        }
        if ui.button("Close").clicked() {
            app.modal = None;
        }
    });
}

/// One item of a list, its lines wrapping under the first one's text, not under the bullet.
fn bullet(ui: &mut Ui, text: &str) {
    ui.horizontal_top(|ui| {
        ui.label("•");
        ui.add(egui::Label::new(text).wrap());
    });
}
