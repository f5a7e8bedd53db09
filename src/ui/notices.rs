//! What the window tells the user in passing: saved, refused, a phone signed.

use super::room;
use crate::app::{App, Level};

/// The area the notices float in: no row of the page opens it, so while a notice shows the
/// rows stay still (see [`super::widgets::still::begin_frame`]).
pub(super) fn area_id() -> egui::Id {
    egui::Id::unique("notices")
}

/// The notices, bottom right, beside the room's panel when it is open; an error until
/// dismissed, information until it expires.
pub(super) fn ui(app: &mut App, ctx: &egui::Context) {
    let now = ctx.input(|i| i.time);
    if let Some(seconds) = app.notices.expire(now) {
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(seconds.max(0.0)));
    }
    // The code shown full screen is being scanned from the back of the room: notices wait
    // until it is closed rather than land on the address and the code.
    if app.notices.list.is_empty() || matches!(app.modal, Some(crate::app::Modal::RoomCode)) {
        return;
    }
    // Beside the room's panel when it is open, not over it.
    let right = app
        .doc
        .work
        .room
        .as_ref()
        .map_or(0.0, |open| room::panel_width(ctx, open.folded));
    // Information only is read, not clicked: the pointer goes through it to the buttons it
    // happens to cover. An error keeps its Dismiss button.
    let clickable = app.notices.list.iter().any(|n| n.level == Level::Error);
    egui::Area::new(area_id())
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-20.0 - right, -20.0))
        .order(egui::Order::Foreground)
        .interactable(clickable)
        .show(ctx, |ui| {
            ui.set_max_width(460.0);
            let mut dismissed = None;
            for (index, notice) in app.notices.list.iter().enumerate() {
                let error = notice.level == Level::Error;
                let stroke_color = if error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().widgets.noninteractive.bg_stroke.color
                };
                egui::Frame::popup(ui.style())
                    .stroke(egui::Stroke::new(1.0, stroke_color))
                    .inner_margin(egui::Margin::symmetric(14, 10))
                    .show(ui, |ui| {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(&notice.text);
                            if error && ui.button("Dismiss").clicked() {
                                dismissed = Some(index);
                            }
                        });
                    });
                ui.add_space(6.0);
            }
            if let Some(index) = dismissed {
                app.notices.list.remove(index);
            }
        });
}
