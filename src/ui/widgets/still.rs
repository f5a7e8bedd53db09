//! Rows that nothing touches are shown as they were painted: a dense row of fields (an agenda
//! item, a stage, an SLA card) is laid out when it changes or someone reaches for it, and
//! otherwise painted again from the shapes it gave last time.

use std::hash::{Hash, Hasher as _};
use std::sync::Arc;

use egui::epaint::{ClippedShape, Mesh, TessellationOptions, Tessellator};
use egui::{Galley, IdMap, Ui};

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

/// Where a picture is shown, as far as its triangles go: they are worked out for one place.
#[derive(Clone, Copy, PartialEq)]
struct Place {
    delta: egui::Vec2,
    clip: egui::Rect,
    pixels_per_point: f32,
    options: TessellationOptions,
}

/// A picture shown twice in the same place (the page stands still, the pointer moves, a
/// clock ticks) keeps its frames and lines as the triangles egui would make of them, so
/// each frame after copies them instead of working them out again. Glyphs and small discs
/// stay shapes: they point into the font atlas, which can grow while a frame is drawn, and
/// egui makes their triangles with the atlas as the frame ends.
#[derive(Clone)]
struct Triangles {
    /// The picture they are of (held, so no later picture takes its place in memory).
    picture: Arc<Picture>,
    /// Where the picture was shown last.
    last: Option<Place>,
    /// Where `shapes` are for.
    made_for: Option<Place>,
    shapes: Vec<ClippedShape>,
}

/// The triangles of the pictures shown in the last frame and in this one, by row: a row not
/// shown for a frame (scrolled away, laid out) lets its triangles go, so they take room only
/// for what is on screen.
#[derive(Clone, Default)]
struct Painted {
    now: IdMap<Triangles>,
    last: IdMap<Triangles>,
}

fn painted_id() -> egui::Id {
    egui::Id::unique("still_painted")
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
    let key = {
        let mut hasher = std::hash::DefaultHasher::new();
        key.hash(&mut hasher);
        style_key(ui, &frame).hash(&mut hasher);
        if follows == Follows::Session {
            frame.revision.hash(&mut hasher);
        }
        hasher.finish()
    };
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
            paint(ui, id, picture, rect.min - picture.rect.min);
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
        let result = add(ui);
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
/// have opened and must stay live to keep showing.
pub fn begin_frame(ctx: &egui::Context, revision: u64) {
    let floating = egui::Popup::is_any_open(ctx)
        || ctx.memory(|memory| {
            memory
                .areas()
                .visible_layer_ids()
                .iter()
                .any(|layer| layer.order == egui::Order::Foreground)
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
        let painted = data.get_temp_mut_or_default::<Painted>(painted_id());
        painted.last = std::mem::take(&mut painted.now);
    });
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

/// Paints `picture` moved by `delta`, each shape within its own clip moved with it and within
/// the clip of `ui` now; from its triangles where it stood still (see [`Triangles`]).
fn paint(ui: &Ui, id: egui::Id, picture: &Arc<Picture>, delta: egui::Vec2) {
    let ctx = ui.ctx();
    let place = Place {
        delta,
        clip: ui.clip_rect(),
        pixels_per_point: ctx.pixels_per_point(),
        options: ctx.tessellation_options(|options| *options),
    };
    let shapes = ctx.data_mut(|data| {
        let painted = data.get_temp_mut_or_default::<Painted>(painted_id());
        let mut triangles = painted
            .last
            .remove(&id)
            .filter(|triangles| Arc::ptr_eq(&triangles.picture, picture))
            .unwrap_or_else(|| Triangles {
                picture: Arc::clone(picture),
                last: None,
                made_for: None,
                shapes: Vec::new(),
            });
        if triangles.last == Some(place) && triangles.made_for != Some(place) {
            triangles.shapes = tessellated(placed(picture, &place), &place);
            triangles.made_for = Some(place);
        }
        triangles.last = Some(place);
        let shapes = if triangles.made_for == Some(place) {
            triangles.shapes.clone()
        } else {
            placed(picture, &place)
        };
        painted.now.insert(id, triangles);
        shapes
    });
    let layer = ui.layer_id();
    ctx.graphics_mut(|graphics| {
        let list = graphics.entry(layer);
        for clipped in shapes {
            list.add(clipped.clip_rect, clipped.shape);
        }
    });
}

/// The picture's shapes at `place`.
fn placed(picture: &Picture, place: &Place) -> Vec<ClippedShape> {
    picture
        .shapes
        .iter()
        .map(|clipped| {
            let mut shape = clipped.shape.clone();
            shift(&mut shape, place.delta);
            ClippedShape {
                clip_rect: clipped
                    .clip_rect
                    .translate(place.delta)
                    .intersect(place.clip),
                shape,
                transform_after_tessellation: clipped.transform_after_tessellation,
            }
        })
        .collect()
}

/// `shapes` with each run of frames and lines under one clip made into one mesh, as egui's
/// tessellator makes them at `place`; glyphs and discs are left as they are (see
/// [`Triangles`]).
fn tessellated(shapes: Vec<ClippedShape>, place: &Place) -> Vec<ClippedShape> {
    // No glyph or disc reaches the tessellator here, so it needs no atlas.
    let mut tessellator =
        Tessellator::new(place.pixels_per_point, place.options, [1, 1], Vec::new());
    let mut out = Vec::new();
    let mut run: Option<(egui::Rect, Mesh)> = None;
    let flush = |run: &mut Option<(egui::Rect, Mesh)>, out: &mut Vec<ClippedShape>| {
        if let Some((clip_rect, mesh)) = run.take()
            && !mesh.is_empty()
        {
            out.push(ClippedShape {
                clip_rect,
                shape: egui::Shape::mesh(mesh),
                transform_after_tessellation: Default::default(),
            });
        }
    };
    for clipped in flattened(shapes) {
        let untransformed = clipped.transform_after_tessellation == Default::default();
        if !(untransformed && is_geometry(&clipped.shape)) {
            flush(&mut run, &mut out);
            out.push(clipped);
            continue;
        }
        if run
            .as_ref()
            .is_none_or(|(clip, _)| *clip != clipped.clip_rect)
        {
            flush(&mut run, &mut out);
            run = Some((clipped.clip_rect, Mesh::default()));
        }
        if let Some((clip, mesh)) = &mut run {
            tessellator.set_clip_rect(*clip);
            tessellator.tessellate_shape(clipped.shape, mesh);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// A frame, a path or a line drawn in flat colour: its triangles use no texture.
fn is_geometry(shape: &egui::Shape) -> bool {
    matches!(
        shape,
        egui::Shape::Rect(_) | egui::Shape::Path(_) | egui::Shape::LineSegment { .. }
    ) && shape.texture_id() == egui::TextureId::default()
}

/// `shapes` with every list of shapes opened into its members, under the list's clip.
fn flattened(shapes: Vec<ClippedShape>) -> Vec<ClippedShape> {
    let mut out = Vec::with_capacity(shapes.len());
    let mut stack: Vec<ClippedShape> = shapes.into_iter().rev().collect();
    while let Some(clipped) = stack.pop() {
        match clipped.shape {
            egui::Shape::Vec(members) => {
                let (clip_rect, transform) =
                    (clipped.clip_rect, clipped.transform_after_tessellation);
                stack.extend(members.into_iter().rev().map(|shape| ClippedShape {
                    clip_rect,
                    shape,
                    transform_after_tessellation: transform,
                }));
            }
            _ => out.push(clipped),
        }
    }
    out
}

/// Moves `shape` by `delta`. Text moves by its position only: egui's own `translate` goes
/// through a transform that copies the galley to scale it.
fn shift(shape: &mut egui::Shape, delta: egui::Vec2) {
    match shape {
        _ if delta == egui::Vec2::ZERO => {}
        egui::Shape::Text(text) => text.pos += delta,
        egui::Shape::Vec(shapes) => {
            for shape in shapes {
                shift(shape, delta);
            }
        }
        shape => shape.translate(delta),
    }
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
