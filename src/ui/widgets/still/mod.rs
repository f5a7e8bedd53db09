//! Rows that nothing touches are shown as they were painted: a dense row of fields (an agenda
//! item, a stage, an SLA card) is laid out when it changes or someone reaches for it, and
//! otherwise painted again from the shapes it gave last time.

use std::hash::Hash;
use std::sync::Arc;

use egui::epaint::ClippedShape;
use egui::{Galley, Ui};

mod paint;
#[cfg(test)]
mod tests;

use paint::paint;

/// What a row painted, where, and for which state of everything it shows.
struct Picture {
    key: u64,
    /// The row's rectangle when it was painted; its shapes are moved with it.
    rect: egui::Rect,
    shapes: Vec<ClippedShape>,
    /// Where the view's edge cut the row when it was painted (a list wider than its box, a
    /// card half in view), as a rectangle from the row's corner: the picture holds the cut,
    /// so it is shown again only under the same one.
    cut: Option<egui::Rect>,
    /// A galley laid out at the same time: glyphs point into the font atlas, and when egui
    /// clears the atlas it lays this text out anew, so a different galley means new glyphs.
    fonts: Arc<Galley>,
    /// Painted in two passes in a row with nothing touching the row. egui styles a widget
    /// by how it was in the pass before (hovered, focused), so the first such pass can still
    /// show a field with the focus it just lost: only the second is shown again.
    settled: bool,
}

/// Lays out `add` as one row of a list that runs down, or, while the row is still, paints
/// what it painted last time in its place. A row is still while the session's revision (see
/// [`begin_frame`]) and its `key` (whatever else the row shows: a timer, an open card…) are
/// the ones it was painted with, its width, text size and theme are the same, and no one is
/// reaching for it: the pointer is not over it, no widget has the keyboard's focus, nothing
/// floats over the page (a menu, a date picker), nothing is being dragged. A shown picture
/// gives back `R::default()`: nothing was clicked.
///
/// The row is always laid out while a screen reader follows the window, so the
/// accessibility tree holds its widgets. A press that lands on a picture with no hover before
/// it (a finger, a pointer that jumps) waits one frame for the row's widgets: see
/// [`screen_input`].
pub fn still<R: Default>(ui: &mut Ui, key: impl Hash, add: impl FnOnce(&mut Ui) -> R) -> R {
    show(ui, key, Follows::Session, add)
}

/// A [`still`] row whose `key` names everything it shows, what it shows of the session
/// included: the session's other edits leave its picture standing. For what stays on screen
/// while the phones' answers arrive (the room's panel, the room's card on the audit), which
/// [`still`] would lay out again with each answer.
pub fn still_by_key<R: Default>(ui: &mut Ui, key: impl Hash, add: impl FnOnce(&mut Ui) -> R) -> R {
    show(ui, key, Follows::Key, add)
}

/// What a row's picture is kept for.
#[derive(Clone, Copy, PartialEq)]
enum Follows {
    /// The session's revision and the row's key.
    Session,
    /// The row's key alone.
    Key,
}

fn show<R: Default>(
    ui: &mut Ui,
    key: impl Hash,
    follows: Follows,
    add: impl FnOnce(&mut Ui) -> R,
) -> R {
    // The row's place among its siblings names it; both branches take one child.
    let id = ui.next_auto_id().with("still");
    let frame = frame(ui.ctx());
    // egui's own hash: a row's key is hashed every frame, and a panel's holds its words.
    let revision = (follows == Follows::Session).then_some(frame.revision);
    let key = egui::util::hash((key, style_key(ui, &frame), revision));
    let fonts = frame.fonts.unwrap_or_else(|| fonts_probe(ui.ctx()));
    let origin = ui.cursor().min;
    let last: Option<Arc<Picture>> = ui.data(|data| data.get_temp(id));
    let accessibility = super::in_view::accessibility_on(ui);
    let top_down = ui.layout().main_dir() == egui::Direction::TopDown;
    let same = last
        .as_ref()
        .filter(|picture| top_down && picture.key == key && Arc::ptr_eq(&picture.fonts, &fonts));
    let clip_from_here = ui.clip_rect().translate(-origin.to_vec2());
    let shown = same.filter(|picture| {
        let rect = picture.rect.translate(origin - picture.rect.min);
        let same_cut = picture.cut.is_none_or(|cut| {
            (cut.min - clip_from_here.min).length() < 0.5
                && (cut.max - clip_from_here.max).length() < 0.5
        });
        picture.settled && same_cut && !accessibility && is_untouched(ui, rect, frame.quiet)
    });
    ui.scope(|ui| {
        if let Some(picture) = shown {
            let (rect, _) = ui.allocate_exact_size(picture.rect.size(), egui::Sense::hover());
            // Inside a row being laid out, whose picture will hold these shapes: as shapes,
            // since triangles of words hold the font atlas's size of this frame.
            let within = ui
                .data(|data| data.get_temp::<Depth>(depth_id()))
                .is_some_and(|d| d.0 > 0);
            paint(ui, id, picture, rect.min - picture.rect.min, within);
            let seen = rect.intersect(ui.clip_rect());
            ui.data_mut(|data| {
                data.get_temp_mut_or_default::<Shown>(shown_id())
                    .0
                    .push(seen);
            });
            return R::default();
        }
        // A field that loses the focus during the frame was painted with it: such a row is
        // painted again next frame before it is kept.
        let quiet = is_quiet(ui.ctx(), frame.floating);
        let layer = ui.layer_id();
        let start = ui
            .ctx()
            .graphics(|graphics| graphics.get(layer).map_or(0, |list| list.next_idx().0));
        let depth = |ui: &Ui, by: isize| {
            ui.data_mut(|data| {
                let depth = data.get_temp_mut_or_default::<Depth>(depth_id());
                depth.0 = depth.0.saturating_add_signed(by);
            });
        };
        depth(ui, 1);
        let result = add(ui);
        depth(ui, -1);
        let rect = ui.min_rect();
        // With a screen reader no picture is shown, so none is kept (but in a debug build,
        // where the tests check each row against its picture); nor while edits arrive each
        // frame, as the next would make it old.
        let busy = frame.busy && follows == Follows::Session;
        let keep = (!accessibility || cfg!(debug_assertions)) && !busy;
        if keep && quiet && top_down && is_untouched(ui, rect, is_quiet(ui.ctx(), frame.floating)) {
            let shapes: Vec<ClippedShape> = ui.ctx().graphics(|graphics| {
                graphics.get(layer).map_or_else(Vec::new, |list| {
                    list.all_entries().skip(start).cloned().collect()
                })
            });
            #[cfg(debug_assertions)]
            if let Some(picture) = same.filter(|picture| picture.settled) {
                check_key(picture, rect, &shapes);
            }
            let picture = Picture {
                key,
                rect,
                shapes,
                fonts,
                cut: (!ui.clip_rect().contains_rect(rect))
                    .then(|| ui.clip_rect().translate(-rect.min.to_vec2())),
                settled: same.is_some_and(|picture| picture.rect == rect),
            };
            ui.data_mut(|data| data.insert_temp(id, Arc::new(picture)));
        } else if last.is_some() {
            // Touched, the row may change what egui remembers of it (a field's scroll, a
            // picker's choice about to be taken): it is painted anew once let go.
            ui.data_mut(|data| data.remove::<Arc<Picture>>(id));
        }
        result
    })
    .inner
}

/// Nothing is reaching for the row at `rect`: see [`still`].
/// `quiet` is [`is_quiet`]'s answer, at the start of the frame or now.
fn is_untouched(ui: &Ui, rect: egui::Rect, quiet: bool) -> bool {
    let near = rect.expand(ui.spacing().item_spacing.y);
    let pointer_over = ui
        .input(|input| input.pointer.latest_pos())
        .is_some_and(|pos| near.contains(pos));
    quiet && !pointer_over
}

/// Nothing anywhere is being typed into, dragged or chosen from, and the frame's input holds
/// nothing but the pointer's moves: a press, a key or a screen reader's action can change how
/// a widget looks for this frame alone.
fn is_quiet(ctx: &egui::Context, floating: bool) -> bool {
    let only_moves = ctx.input(|input| {
        input.events.iter().all(|event| {
            matches!(
                event,
                egui::Event::PointerMoved(_)
                    | egui::Event::MouseMoved(_)
                    | egui::Event::PointerGone
            )
        })
    });
    only_moves
        && ctx.memory(|memory| memory.focused().is_none())
        && ctx.dragged_id().is_none()
        && !floating
}

/// Tells [`still`] what this frame shows, before the page is drawn: the session's
/// `revision` (every row shows the session, so a new revision paints every row anew), and
/// whether something floats over the page (a menu, a date picker, a dialog), which a row may
/// have opened and must stay live to keep showing. The areas in `passing` float over the
/// page without a row having opened them (the notices): they leave the rows still.
pub fn begin_frame(ctx: &egui::Context, revision: u64, passing: &[egui::Id]) {
    let floating =
        egui::Popup::is_any_open(ctx)
            || ctx.memory(|memory| {
                memory.areas().visible_layer_ids().iter().any(|layer| {
                    layer.order == egui::Order::Foreground && !passing.contains(&layer.id)
                })
            });
    let before = frame(ctx);
    let changed = before.revision != revision;
    let frame = Frame {
        revision,
        changed,
        busy: changed && before.changed,
        floating,
        quiet: is_quiet(ctx, floating),
        page: super::in_view::page_generation(ctx),
        fonts: Some(fonts_probe(ctx)),
    };
    ctx.data_mut(|data| {
        data.insert_temp(frame_id(), frame);
        // Filled anew by this frame's pictures, for the next frame's input.
        data.insert_temp(shown_id(), Shown::default());
        data.insert_temp(depth_id(), Depth::default());
        paint::next_frame(data);
    });
}

/// Ends the frame's pictures, once everything is drawn: see [`paint::end_frame`].
pub fn end_frame(ctx: &egui::Context) {
    paint::end_frame(ctx);
}

/// Looks at the window's input before egui does. egui finds what a press lands on among the
/// widgets of the frame before, and a row shown as a picture had none: a press on a picture
/// (a finger has no hover before it, a pointer can jump and press at once) is held back one
/// frame with what follows it, in which the pointer is over the row and the row is laid out,
/// so the press then finds the row's widgets.
pub fn screen_input(ctx: &egui::Context, input: &mut egui::RawInput) {
    let held =
        ctx.data_mut(|data| std::mem::take(&mut data.get_temp_mut_or_default::<Held>(held_id()).0));
    // What was held is let through now; only what is new can be held.
    let new_from = held.len();
    input.events.splice(0..0, held);
    let shown = ctx
        .data(|data| data.get_temp::<Shown>(shown_id()))
        .unwrap_or_default();
    let on_picture = input.events[new_from..].iter().position(|event| {
        matches!(event, egui::Event::PointerButton { pressed: true, pos, .. }
            if shown.0.iter().any(|rect| rect.contains(*pos)))
    });
    if let Some(at) = on_picture {
        let held = input.events.split_off(new_from + at);
        ctx.data_mut(|data| data.insert_temp(held_id(), Held(held)));
        ctx.request_repaint();
    }
}

/// How many rows are being laid out around the one drawn now.
#[derive(Clone, Copy, Default)]
struct Depth(usize);

fn depth_id() -> egui::Id {
    egui::Id::unique("still_depth")
}

/// Where this frame showed pictures.
#[derive(Clone, Default)]
struct Shown(Vec<egui::Rect>);

fn shown_id() -> egui::Id {
    egui::Id::unique("still_shown")
}

/// Input held back a frame by [`screen_input`].
#[derive(Clone, Default)]
struct Held(Vec<egui::Event>);

fn held_id() -> egui::Id {
    egui::Id::unique("still_held")
}

/// What [`begin_frame`] was told and found, read once by each row.
#[derive(Clone, Default)]
struct Frame {
    revision: u64,
    /// The revision is not the last frame's.
    changed: bool,
    /// Nor was the last frame's the one before it: edits arrive faster than frames (the
    /// room's phones sending), so a picture kept now would not be shown.
    busy: bool,
    floating: bool,
    /// [`is_quiet`] as the frame starts, for the rows shown as pictures.
    quiet: bool,
    /// The page's shape (see [`super::page_changed`]).
    page: u64,
    /// See [`Picture::fonts`].
    fonts: Option<Arc<Galley>>,
}

/// The revision of the session this frame shows, as [`begin_frame`] was told: what else is
/// worked out from the session can be kept with it.
pub fn revision(ctx: &egui::Context) -> u64 {
    frame(ctx).revision
}

fn frame(ctx: &egui::Context) -> Frame {
    ctx.data(|data| data.get_temp(frame_id()))
        .unwrap_or_default()
}

fn frame_id() -> egui::Id {
    egui::Id::unique("still_frame")
}

/// What of the style changes a row's look without changing its key.
fn style_key(ui: &Ui, frame: &Frame) -> impl Hash {
    let body = egui::TextStyle::Body.resolve(ui.style());
    (
        ui.available_width().to_bits(),
        ui.ctx().pixels_per_point().to_bits(),
        ui.visuals().dark_mode,
        body.size.to_bits(),
        ui.is_enabled(),
        frame.page,
    )
}

fn fonts_probe(ctx: &egui::Context) -> Arc<Galley> {
    ctx.fonts_mut(|fonts| {
        fonts.layout_no_wrap(
            "Aa".to_owned(),
            egui::FontId::proportional(12.0),
            egui::Color32::WHITE,
        )
    })
}

/// In a debug build, a row laid out again where its picture would have been shown (a screen
/// reader is on, as in the tests) must paint what the picture holds: a difference means its
/// key leaves out something the row shows, and the window would show an old row.
#[cfg(debug_assertions)]
fn check_key(picture: &Picture, rect: egui::Rect, shapes: &[ClippedShape]) {
    // Moved, its shapes would differ by the move's rounding: checked where it stands still.
    if picture.rect.min != rect.min {
        return;
    }
    let differ = picture
        .shapes
        .iter()
        .map(|clipped| &clipped.shape)
        .zip(shapes.iter().map(|clipped| &clipped.shape))
        .find(|(old, new)| old != new);
    assert!(
        picture.rect == rect && picture.shapes.len() == shapes.len() && differ.is_none(),
        "a row drawn with an unchanged key painted something else: its key leaves out \
         something it shows ({:?} and {} shapes, now {rect:?} and {}; first difference \
         {differ:#?})",
        picture.rect,
        picture.shapes.len(),
        shapes.len(),
    );
}
