//! Painting a picture again: its shapes moved to where the row stands now, and, where it
//! stood still, its frames, lines and words as triangles made once.

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
    /// The font atlas's size: a glyph's triangles hold where it is in the atlas, as a share
    /// of its size.
    atlas_size: [usize; 2],
}

/// A picture shown twice in the same place (the page stands still, the pointer moves, a
/// clock ticks) keeps its frames, lines and words as the triangles egui would make of them,
/// so each frame after copies them instead of working them out again. Small discs stay
/// shapes: egui draws them from the font atlas's own pictures of discs.
#[derive(Clone)]
struct Triangles {
    /// The picture they are of (held, so no later picture takes its place in memory).
    picture: Arc<Picture>,
    /// Where the picture was shown last.
    last: Option<Place>,
    /// Where `runs` are for.
    made_for: Option<Place>,
    runs: Arc<[Run]>,
}

/// Shapes under one clip, made into one mesh where they could be.
struct Run {
    shape: ClippedShape,
    /// The shapes a mesh holding glyphs was made of: the font atlas can grow while a frame
    /// is drawn, after the mesh was painted, and then [`end_frame`] paints these instead.
    shapes: Option<Arc<[egui::Shape]>>,
}

/// A mesh holding glyphs painted in this frame, to check against the font atlas as the
/// frame ends.
#[derive(Clone)]
struct Check {
    layer: egui::LayerId,
    at: egui::layers::ShapeIdx,
    atlas_size: [usize; 2],
    /// The mesh painted, to know it is still the one at `at`.
    mesh: Arc<Mesh>,
    shapes: Arc<[egui::Shape]>,
}

/// The triangles of the pictures shown in the last frame and in this one, by row: a row not
/// shown for a frame (scrolled away, laid out) lets its triangles go, so they take room only
/// for what is on screen.
#[derive(Clone, Default)]
struct Painted {
    now: IdMap<Triangles>,
    last: IdMap<Triangles>,
    checks: Vec<Check>,
}

/// Lets go of the triangles of rows not shown in the last frame: called as a frame begins.
pub(super) fn next_frame(data: &mut egui::util::IdTypeMap) {
    let painted = data.get_temp_mut_or_default::<Painted>(painted_id());
    // The maps keep their room: a screen shows about as many rows each frame.
    std::mem::swap(&mut painted.last, &mut painted.now);
    painted.now.clear();
    painted.checks.clear();
}

/// As the frame ends: where the font atlas grew after a picture's words were painted as
/// triangles, their places in the atlas moved, and the words are painted as shapes instead
/// (egui makes their triangles with the atlas as it is now).
pub(super) fn end_frame(ctx: &egui::Context) {
    let checks = ctx.data_mut(|data| {
        std::mem::take(&mut data.get_temp_mut_or_default::<Painted>(painted_id()).checks)
    });
    if checks.is_empty() {
        return;
    }
    let atlas_size = ctx.fonts(|fonts| fonts.font_image_size());
    ctx.graphics_mut(|graphics| {
        for check in checks.iter().filter(|check| check.atlas_size != atlas_size) {
            // In its place as the frame left it (moved, clipped): only the shape changes.
            graphics
                .entry(check.layer)
                .mutate_shape(check.at, |clipped| match &clipped.shape {
                    egui::Shape::Mesh(mesh) if Arc::ptr_eq(mesh, &check.mesh) => {
                        clipped.shape = egui::Shape::Vec(check.shapes.to_vec());
                    }
                    _ => {}
                });
        }
    });
}

fn painted_id() -> egui::Id {
    egui::Id::unique("still_painted")
}

/// Paints `picture` moved by `delta`, each shape within its own clip moved with it and within
/// the clip of `ui` now; from its triangles where it stood still (see [`Triangles`]), unless
/// it is `within` a row being laid out, whose picture takes what this one paints: its words
/// must stay words there, whatever the atlas's size when that picture is shown.
pub(super) fn paint(
    ui: &Ui,
    id: egui::Id,
    picture: &Arc<Picture>,
    delta: egui::Vec2,
    within: bool,
) {
    let ctx = ui.ctx();
    let place = Place {
        delta,
        clip: ui.clip_rect(),
        pixels_per_point: ctx.pixels_per_point(),
        options: ctx.tessellation_options(|options| *options),
        atlas_size: ctx.fonts(|fonts| fonts.font_image_size()),
    };
    let painting = ctx.data_mut(|data| {
        let painted = data.get_temp_mut_or_default::<Painted>(painted_id());
        let mut triangles = painted
            .last
            .remove(&id)
            .filter(|triangles| Arc::ptr_eq(&triangles.picture, picture))
            .unwrap_or_else(|| Triangles {
                picture: Arc::clone(picture),
                last: None,
                made_for: None,
                runs: Arc::new([]),
            });
        if triangles.last == Some(place) && triangles.made_for != Some(place) {
            triangles.runs = tessellated(placed(picture, &place), &place).into();
            triangles.made_for = Some(place);
        }
        triangles.last = Some(place);
        let painting = if triangles.made_for == Some(place) && !within {
            Ok(Arc::clone(&triangles.runs))
        } else {
            Err(placed(picture, &place))
        };
        painted.now.insert(id, triangles);
        painting
    });
    let layer = ui.layer_id();
    let runs = match painting {
        Ok(runs) => runs,
        Err(shapes) => {
            ctx.graphics_mut(|graphics| {
                let list = graphics.entry(layer);
                for clipped in shapes {
                    list.add(clipped.clip_rect, clipped.shape);
                }
            });
            return;
        }
    };
    let mut checks = Vec::new();
    ctx.graphics_mut(|graphics| {
        let list = graphics.entry(layer);
        for run in runs.iter() {
            let at = list.add(run.shape.clip_rect, run.shape.shape.clone());
            if let (Some(shapes), egui::Shape::Mesh(mesh)) = (&run.shapes, &run.shape.shape) {
                checks.push(Check {
                    layer,
                    at,
                    atlas_size: place.atlas_size,
                    mesh: Arc::clone(mesh),
                    shapes: Arc::clone(shapes),
                });
            }
        }
    });
    if !checks.is_empty() {
        ctx.data_mut(|data| {
            let painted = data.get_temp_mut_or_default::<Painted>(painted_id());
            painted.checks.extend(checks);
        });
    }
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

/// `shapes` with each run of frames, lines and words under one clip made into one mesh, as
/// egui's tessellator makes them at `place`; discs and pictures are left as they are (see
/// [`Triangles`]).
fn tessellated(shapes: Vec<ClippedShape>, place: &Place) -> Vec<Run> {
    // Discs, which would need the atlas's own, never reach it.
    let mut tessellator = Tessellator::new(
        place.pixels_per_point,
        place.options,
        place.atlas_size,
        Vec::new(),
    );
    let mut out = Vec::new();
    // The run's clip, its mesh and the shapes it was made of.
    let mut run: Option<(egui::Rect, Mesh, Vec<egui::Shape>)> = None;
    let flush = |run: &mut Option<(egui::Rect, Mesh, Vec<egui::Shape>)>, out: &mut Vec<Run>| {
        if let Some((clip_rect, mesh, shapes)) = run.take()
            && !mesh.is_empty()
        {
            let words = shapes
                .iter()
                .any(|shape| matches!(shape, egui::Shape::Text(_)));
            out.push(Run {
                shape: ClippedShape {
                    clip_rect,
                    shape: egui::Shape::mesh(mesh),
                    transform_after_tessellation: Default::default(),
                },
                shapes: words.then(|| shapes.into()),
            });
        }
    };
    for clipped in flattened(shapes) {
        let untransformed = clipped.transform_after_tessellation == Default::default();
        if !(untransformed && is_flat(&clipped.shape)) {
            flush(&mut run, &mut out);
            out.push(Run {
                shape: clipped,
                shapes: None,
            });
            continue;
        }
        if run
            .as_ref()
            .is_none_or(|(clip, _, _)| *clip != clipped.clip_rect)
        {
            flush(&mut run, &mut out);
            run = Some((clipped.clip_rect, Mesh::default(), Vec::new()));
        }
        if let Some((clip, mesh, shapes)) = &mut run {
            tessellator.set_clip_rect(*clip);
            tessellator.tessellate_shape(clipped.shape.clone(), mesh);
            shapes.push(clipped.shape);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// A frame, a path or a line drawn in flat colour, or words: their triangles use no texture
/// but the font atlas, and none of its pictures of discs.
fn is_flat(shape: &egui::Shape) -> bool {
    matches!(
        shape,
        egui::Shape::Rect(_)
            | egui::Shape::Path(_)
            | egui::Shape::LineSegment { .. }
            | egui::Shape::Text(_)
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
