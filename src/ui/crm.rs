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
    let height = ui.ctx().content_rect().height() - 260.0;
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
                    let names: Vec<&str> =
                        setup.unsigned.iter().map(|u| u.name.as_str()).collect();
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!(
                                "Not adopted yet: {} of the agreements wait for signatures ({}). The files say so at the top of their checklist.",
                                names.len(),
                                names.join(", ")
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
                    ui.add(egui::Label::new(format!("•  {line}")).wrap());
                }
                ui.add_space(10.0);
                ui.label(strong_text("Left by hand, step by step in checklist.md", 16.5));
                for line in &preview.by_hand {
                    ui.add(egui::Label::new(format!("•  {line}")).wrap());
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
