//! The ICP workshop: import the customers, see who the best and the churned are, and write the
//! ideal customer profile the teams sign.

mod data;
mod document;
mod findings;

use egui::Ui;

use crate::app::App;
use crate::app::icp::Phase;
use crate::model::Agreement;

pub fn ui(app: &mut App, ui: &mut Ui) {
    let mut commands = Vec::new();
    data::ui(app, ui, &mut commands);
    if let Phase::Explored(explored) = &mut app.doc.work.icp.phase {
        findings::ui(ui, explored, &app.doc.session.icp, &mut commands);
        // Bands edited below the totals: show their effect without waiting for the next input.
        if explored.refresh() {
            ui.ctx().request_repaint();
        }
    }
    let suggested = matches!(
        &app.doc.work.icp.phase,
        Phase::Explored(explored) if !explored.suggestions.is_empty()
    );
    let signatures =
        app.doc
            .work
            .signatures
            .get(&app.doc.session, app.doc.revision(), Agreement::Icp);
    document::ui(
        ui,
        &mut app.doc.session,
        signatures.as_deref(),
        suggested,
        &mut commands,
    );
    for command in commands {
        app.queue(command);
    }
}

/// Colours of the three groups compared throughout the screen.
fn group_colors(ui: &Ui) -> [egui::Color32; 3] {
    let dark = ui.visuals().dark_mode;
    [
        crate::ui::theme::accent(dark),
        ui.visuals().weak_text_color().gamma_multiply(0.7),
        if dark {
            egui::Color32::from_rgb(0xE0, 0x7A, 0x6E)
        } else {
            egui::Color32::from_rgb(0xC2, 0x4B, 0x3C)
        },
    ]
}

/// The names of the three groups, in the order of [`group_colors`].
const GROUPS: [&str; 3] = ["Best customers", "All customers", "Churned customers"];

/// A small legend: a swatch and a name per group.
fn legend(ui: &mut Ui) {
    let colors = group_colors(ui);
    ui.horizontal(|ui| {
        for (name, color) in GROUPS.iter().zip(colors) {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 3.0, color);
            ui.label(egui::RichText::new(*name).weak());
            ui.add_space(12.0);
        }
    });
}
