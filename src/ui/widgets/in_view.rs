//! Laying out only what is near the view: a page's blocks out of sight keep their space
//! without being laid out, so a long page costs a frame what is on screen.

use egui::Ui;

use super::OVER_SCAN;

/// Lays out `add` as one block of a page that runs down. Once drawn, a block wholly out of
/// view (beyond a row's margin) takes the space it took last time without being laid out,
/// until it scrolls near: a long page costs a frame what is on screen, not what is below it.
/// An unseen block gives back `R::default()`: nothing was clicked.
///
/// Every block is laid out, as on any page, while a screen reader follows the window (so the
/// whole page is in the accessibility tree), while a widget has the keyboard's focus (so Tab
/// walks every field and a focused field scrolled away keeps its focus), and in the first
/// frame after the page's shape changed (see [`page_changed`]), so no block is placed by a
/// size it no longer has.
pub fn in_view<R: Default>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    // The block's place among its siblings names it from frame to frame; both branches below
    // take one child, so the siblings after it keep their names either way.
    let id = ui.next_auto_id().with("in_view");
    let width = ui.available_width();
    let generation = page_generation(ui.ctx());
    let last: Option<(egui::Vec2, u64)> = ui.data(|data| data.get_temp(id));
    let unseen = last.and_then(|(size, seen_in)| {
        let rect = egui::Rect::from_min_size(ui.cursor().min, size);
        let skip = seen_in == generation
            && ui.layout().main_dir() == egui::Direction::TopDown
            && (size.x - width).abs() < 0.5
            && !ui.is_rect_visible(rect.expand(OVER_SCAN))
            && ui.memory(|memory| memory.focused().is_none())
            && !accessibility_on(ui);
        skip.then_some(size)
    });
    ui.scope(|ui| {
        if let Some(size) = unseen {
            ui.allocate_space(size);
            return R::default();
        }
        let top = ui.cursor().min.y;
        let result = add(ui);
        let size = egui::vec2(width, ui.min_rect().bottom() - top);
        ui.data_mut(|data| data.insert_temp(id, (size, generation)));
        result
    })
    .inner
}

/// Tells [`in_view`] what the page shows: a new `key` (the step and how many items its lists
/// hold, say) lays every block out once more, so sizes learnt from other content are not used.
pub fn page_changed(ctx: &egui::Context, key: impl std::hash::Hash) {
    use std::hash::Hasher as _;
    let mut hasher = std::hash::DefaultHasher::new();
    key.hash(&mut hasher);
    let generation = hasher.finish();
    ctx.data_mut(|data| data.insert_temp(page_generation_id(), generation));
}

pub(super) fn page_generation(ctx: &egui::Context) -> u64 {
    ctx.data(|data| data.get_temp(page_generation_id()))
        .unwrap_or_default()
}

fn page_generation_id() -> egui::Id {
    egui::Id::unique("page_generation")
}

/// True while egui builds an accessibility tree (a screen reader asked for it, or a test
/// reads the window through it). Every `Ui` has a node in that tree already, so asking for
/// this one's changes nothing.
pub(super) fn accessibility_on(ui: &Ui) -> bool {
    ui.ctx()
        .accesskit_node_builder(ui.unique_id(), |_| ())
        .is_some()
}
