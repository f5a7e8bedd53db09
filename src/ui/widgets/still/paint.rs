//! Painting a picture again: its shapes moved to where the row stands now, and, where it
//! stood still, its frames and lines as triangles made once.

use std::sync::Arc;

use egui::epaint::{ClippedShape, Mesh, TessellationOptions, Tessellator};
use egui::{IdMap, Ui};

use super::Picture;

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

/// Lets go of the triangles of rows not shown in the last frame: called as a frame begins.
pub(super) fn next_frame(data: &mut egui::util::IdTypeMap) {
    let painted = data.get_temp_mut_or_default::<Painted>(painted_id());
    painted.last = std::mem::take(&mut painted.now);
}

fn painted_id() -> egui::Id {
    egui::Id::unique("still_painted")
}

/// Paints `picture` moved by `delta`, each shape within its own clip moved with it and within
/// the clip of `ui` now; from its triangles where it stood still (see [`Triangles`]).
pub(super) fn paint(ui: &Ui, id: egui::Id, picture: &Arc<Picture>, delta: egui::Vec2) {
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
