//! The room's QR code, drawn once as a texture, and the code full screen for the back of the
//! room.

use std::sync::Arc;

use egui::{Color32, ColorImage, RichText, TextureHandle, TextureOptions, Ui};

use crate::app::App;
use crate::ui::widgets::strong_text;

/// The QR code of `text`, drawn once as a texture and kept while the text stays the same.
/// Kept behind an `Arc`: a `TextureHandle`'s own clone takes the texture manager's lock, and
/// the panel asks for the code every frame.
fn qr_texture(ctx: &egui::Context, text: &str) -> Option<egui::TextureId> {
    let id = egui::Id::unique("room-qr").with(text);
    if let Some(texture) = ctx.data(|d| d.get_temp::<Arc<TextureHandle>>(id)) {
        return Some(texture.id());
    }
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let width = code.width();
    // Four modules of white around it, as scanners expect; one pixel a module, scaled up
    // without smoothing when drawn.
    let quiet = 4;
    let side = width + 2 * quiet;
    let mut pixels = vec![Color32::WHITE; side * side];
    for (index, color) in code.to_colors().into_iter().enumerate() {
        if color == qrcode::Color::Dark {
            let (x, y) = (index % width + quiet, index / width + quiet);
            pixels[y * side + x] = Color32::BLACK;
        }
    }
    let image = ColorImage::new([side, side], pixels);
    let texture = ctx.load_texture("room-qr", image, TextureOptions::NEAREST);
    let texture_id = texture.id();
    ctx.data_mut(|d| d.insert_temp(id, Arc::new(texture)));
    Some(texture_id)
}

/// The code as a square of `side` points, painted from its texture, with the name a screen
/// reader reads.
pub(super) fn qr_ui(ui: &mut Ui, url: &str, side: f32) {
    if let Some(texture) = qr_texture(ui.ctx(), url) {
        let (rect, response) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
        let uv = egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0));
        ui.painter().image(texture, rect, uv, Color32::WHITE);
        response.widget_info(|| {
            let mut info = egui::WidgetInfo::new(egui::accesskit::Role::Image);
            info.label = Some("QR code to join the room".to_owned());
            info
        });
    }
}

/// The code full screen: large enough to scan from the back of the room.
pub fn code_ui(app: &mut App, ui: &mut Ui) {
    let Some(open) = &app.doc.work.room else {
        app.modal = None;
        return;
    };
    let screen = ui.ctx().content_rect();
    ui.set_width((screen.width() - 96.0).clamp(560.0, 1400.0));
    let (join, address, code) = (
        open.address.join_url.clone(),
        open.address.address_url.clone(),
        open.address.code.clone(),
    );
    ui.vertical_centered(|ui| {
        ui.label(strong_text("Join the room", 28.0));
        ui.add_space(8.0);
        let side = (screen.height() - 260.0).clamp(220.0, 900.0);
        qr_ui(ui, &join, side);
        ui.add_space(8.0);
        ui.label(RichText::new(format!("or open {address}")).size(22.0));
        ui.label(strong_text(format!("and type {code}"), 26.0));
        ui.add_space(8.0);
        if ui.button("Close").clicked() {
            app.modal = None;
        }
    });
}
