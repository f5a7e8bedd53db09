//! Words in pictures: kept as triangles, which hold the font atlas's size, and painted as
//! words wherever that size may not hold.

use egui::{Context, Pos2, RawInput, Rect, vec2};

/// How many of `shapes` are words, lists opened.
fn words(shapes: &[egui::epaint::ClippedShape]) -> usize {
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
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(400.0, 400.0))),
            ..RawInput::default()
        };
        let mut sizes = ([0, 0], [0, 0]);
        let mut output = ctx.run_ui(input, |ui| {
            super::super::begin_frame(ui.ctx(), 1, &[]);
            super::super::still(ui, (), |ui| {
                ui.label("Agreed by every team");
            });
            sizes.0 = ui.ctx().fonts(|fonts| fonts.font_image_size());
            if grow {
                grow_the_atlas(ui);
            }
            sizes.1 = ui.ctx().fonts(|fonts| fonts.font_image_size());
            super::super::end_frame(ui.ctx());
        });
        output.textures_delta.clear();
        (words(&output.shapes), sizes)
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
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(400.0, 400.0))),
            ..RawInput::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            super::super::begin_frame(ui.ctx(), 1, &[]);
            super::super::still(ui, outer, |ui| {
                ui.label("Both teams sign");
                super::super::still(ui, "inner", |ui| {
                    ui.label("Marketing · Sales");
                });
            });
            if grow {
                grow_the_atlas(ui);
            }
            super::super::end_frame(ui.ctx());
        });
        output.textures_delta.clear();
        words(&output.shapes)
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
