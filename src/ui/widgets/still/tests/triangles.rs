//! Pictures shown again in place are drawn from triangles made once: their frames, lines and
//! words. A word's triangles hold the font atlas's size, and words are painted as words
//! wherever that size may not hold.

use egui::epaint::ClippedShape;
use egui::{Context, Pos2, RawInput, Rect, vec2};

use super::{Rows, rows_frame, settle};

/// One frame of a 400-point window drawing `add` between [`super::super::begin_frame`] and
/// [`super::super::end_frame`], as the window does: the shapes it painted.
fn one_frame(ctx: &Context, add: impl FnMut(&mut egui::Ui)) -> Vec<ClippedShape> {
    let mut add = add;
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(400.0, 400.0))),
        ..RawInput::default()
    };
    let mut output = ctx.run_ui(input, |ui| {
        super::super::begin_frame(ui.ctx(), 1, &[]);
        add(ui);
        super::super::end_frame(ui.ctx());
    });
    output.textures_delta.clear();
    output.shapes
}

/// How many of `shapes` are words, lists opened.
fn words(shapes: &[ClippedShape]) -> usize {
    let mut words = 0;
    let mut stack: Vec<egui::Shape> = shapes.iter().map(|c| c.shape.clone()).collect();
    while let Some(shape) = stack.pop() {
        match shape {
            egui::Shape::Vec(members) => stack.extend(members),
            egui::Shape::Text(_) => words += 1,
            _ => {}
        }
    }
    words
}

/// Lays out large text no frame held before, which the font atlas needs more room for.
fn grow_the_atlas(ui: &egui::Ui) {
    for size in [150.0, 170.0, 190.0] {
        let _ = ui.painter().layout_no_wrap(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".to_owned(),
            egui::FontId::proportional(size),
            egui::Color32::WHITE,
        );
    }
}

#[test]
fn words_painted_as_triangles_before_the_font_atlas_grew_are_painted_as_words() {
    let ctx = Context::default();
    // One frame of a row of words, then, with `grow`, large text no frame held before: the
    // shapes it painted, and the font atlas's size after the row and as the frame ends.
    let frame = |grow: bool| {
        let mut sizes = ([0, 0], [0, 0]);
        let shapes = one_frame(&ctx, |ui| {
            super::super::still(ui, (), |ui| {
                ui.label("Agreed by every team");
            });
            sizes.0 = ui.ctx().fonts(|fonts| fonts.font_image_size());
            if grow {
                grow_the_atlas(ui);
            }
            sizes.1 = ui.ctx().fonts(|fonts| fonts.font_image_size());
        });
        (words(&shapes), sizes)
    };
    for _ in 0..3 {
        frame(false);
    }
    let (words, (before, after)) = frame(false);
    assert_eq!(
        words, 0,
        "a picture shown again in place: its words are triangles"
    );
    assert_eq!(before, after);
    let (words, (before, after)) = frame(true);
    assert_ne!(before, after, "the atlas grew after the row was painted");
    assert_eq!(
        words, 1,
        "the row's words are painted as words, for the atlas as it is now"
    );
    assert_eq!(
        frame(false).0,
        1,
        "the atlas's new size is a new place: shapes first"
    );
    assert_eq!(frame(false).0, 0, "then triangles for the new size");
}

#[test]
fn a_row_inside_a_row_being_laid_out_gives_it_words_not_triangles() {
    let ctx = Context::default();
    // One frame of a row holding a row of its own, the outer one shown for `outer` (a new
    // key lays it out again); how many words reach the screen as words.
    let frame = |outer: u32, grow: bool| {
        let shapes = one_frame(&ctx, |ui| {
            super::super::still(ui, outer, |ui| {
                ui.label("Both teams sign");
                super::super::still(ui, "inner", |ui| {
                    ui.label("Marketing · Sales");
                });
            });
            if grow {
                grow_the_atlas(ui);
            }
        });
        words(&shapes)
    };
    // The outer row laid out every frame: the inner one stands still, shown as its picture,
    // whose words the outer row's picture will take.
    for outer in 0..6 {
        frame(outer, false);
    }
    assert_eq!(frame(6, false), 2, "the inner row's words are words there");
    // Then the outer row stands still too: laid out twice, then shown from its picture.
    frame(7, false);
    frame(7, false);
    assert_eq!(
        frame(7, false),
        2,
        "its picture holds the inner row's words as words"
    );
    assert_eq!(
        frame(7, false),
        0,
        "shown again in place, all of them are triangles"
    );
    assert_eq!(
        frame(7, true),
        2,
        "and when the atlas grows, all of them are painted as words again"
    );
}

/// What egui's tessellator makes of `rows`' shapes: each clip with its triangles.
fn triangles(ctx: &Context, rows: Rows) -> Vec<(Rect, egui::epaint::Mesh)> {
    ctx.tessellate(rows.shapes, ctx.pixels_per_point())
        .into_iter()
        .filter_map(|clipped| match clipped.primitive {
            egui::epaint::Primitive::Mesh(mesh) => Some((clipped.clip_rect, mesh)),
            egui::epaint::Primitive::Callback(_) => None,
        })
        .collect()
}

#[test]
fn a_picture_shown_again_in_place_is_drawn_from_the_triangles_egui_made_of_it() {
    let ctx = Context::default();
    settle(&ctx, 1, 0.0);
    let shown = rows_frame(&ctx, 1, 0.0, Vec::new());
    let again = rows_frame(&ctx, 1, 0.0, Vec::new());
    assert!(again.laid_out.is_empty());
    let meshes = |rows: &Rows| {
        rows.shapes
            .iter()
            .filter(|clipped| matches!(clipped.shape, egui::Shape::Mesh(_)))
            .count()
    };
    // The buttons' frames; the scroll area fades its edges with meshes of its own.
    let frames = |rows: &Rows| {
        rows.shapes
            .iter()
            .filter(|clipped| {
                matches!(&clipped.shape, egui::Shape::Rect(rect) if rect.rect.size() == vec2(200.0, 40.0))
            })
            .count()
    };
    assert_eq!(
        frames(&shown),
        5,
        "shown once in a place, a picture is its shapes"
    );
    assert_eq!(frames(&again), 0);
    assert!(
        meshes(&again) > meshes(&shown),
        "shown there again, its frames are triangles"
    );
    let words = |rows: &Rows| {
        rows.shapes
            .iter()
            .filter(|clipped| matches!(clipped.shape, egui::Shape::Text(_)))
            .count()
    };
    assert_eq!(words(&shown), 5);
    assert_eq!(words(&again), 0, "and so are its words");
    let (before, after) = (triangles(&ctx, shown), triangles(&ctx, again));
    assert!(!before.is_empty());
    assert_eq!(before, after, "the same triangles reach the screen");
    // Scrolled, the picture is its shapes again until it stands still.
    let scrolled = rows_frame(&ctx, 1, 10.0, Vec::new());
    assert!(scrolled.laid_out.is_empty());
    assert_eq!(frames(&scrolled), 5);
}

#[test]
fn a_picture_not_shown_for_a_frame_lets_its_triangles_go() {
    let ctx = Context::default();
    // One frame, with the row drawn or not (a long list skips rows out of view): how many
    // meshes it painted.
    let frame = |drawn: bool| {
        let shapes = one_frame(&ctx, |ui| {
            if drawn {
                super::super::still(ui, (), |ui| ui.button("Agreed").clicked());
            }
        });
        shapes
            .iter()
            .filter(|clipped| matches!(clipped.shape, egui::Shape::Mesh(_)))
            .count()
    };
    frame(true);
    frame(true);
    assert_eq!(frame(true), 0, "shown once, from its shapes");
    assert_eq!(frame(true), 1, "shown again in place, from its triangles");
    frame(false);
    assert_eq!(
        frame(true),
        0,
        "after a frame away its triangles were let go"
    );
    assert_eq!(frame(true), 1);
}
