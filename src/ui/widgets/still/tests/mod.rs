use egui::{Context, Pos2, RawInput, Rect, vec2};

mod triangles;

/// What one frame of [`rows_frame`] did: which rows were laid out, which were clicked, and
/// the shapes the frame painted.
struct Rows {
    laid_out: Vec<usize>,
    clicked: Vec<usize>,
    shapes: Vec<egui::epaint::ClippedShape>,
}

/// One frame of a 400-point window with five rows of a button each, drawn through
/// [`super::still`] for the session's `revision`, scrolled by `offset`, with `events`.
fn rows_frame(ctx: &Context, revision: u64, offset: f32, events: Vec<egui::Event>) -> Rows {
    let mut laid_out = Vec::new();
    let mut clicked = Vec::new();
    let mut input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(400.0, 400.0))),
        events,
        ..RawInput::default()
    };
    // As the window does before each frame.
    super::screen_input(ctx, &mut input);
    let mut output = ctx.run_ui(input, |ui| {
        super::begin_frame(ui.ctx(), revision, &[]);
        egui::ScrollArea::vertical()
            .vertical_scroll_offset(offset)
            .show(ui, |ui| {
                // Room above, so the page scrolls a little without cutting the first row.
                ui.allocate_space(vec2(100.0, 100.0));
                for n in 0..5 {
                    let pressed = super::still(ui, n, |ui| {
                        laid_out.push(n);
                        ui.add_sized(vec2(200.0, 40.0), egui::Button::new(format!("Row {n}")))
                            .clicked()
                    });
                    if pressed {
                        clicked.push(n);
                    }
                }
                ui.allocate_space(vec2(100.0, 600.0));
            });
        super::end_frame(ui.ctx());
    });
    output.textures_delta.clear();
    Rows {
        laid_out,
        clicked,
        shapes: output.shapes,
    }
}

/// Where the button of row `n` of [`rows_frame`] is, unscrolled: the rows are 40 points tall
/// with egui's spacing between them, under 100 points of room.
fn row_centre(ctx: &Context, n: usize) -> Pos2 {
    let spacing = ctx.global_style().spacing.item_spacing.y;
    let top = 8.0 + 100.0 + spacing;
    egui::pos2(100.0, top + 20.0 + n as f32 * (40.0 + spacing))
}

fn pointer_at(pos: Pos2) -> Vec<egui::Event> {
    vec![egui::Event::PointerMoved(pos)]
}

/// What the rows of [`rows_frame`] painted: the buttons' frames and words (the scroll bar
/// beside them fades on its own).
fn row_shapes(rows: &Rows) -> Vec<egui::Shape> {
    rows.shapes
        .iter()
        .map(|clipped| clipped.shape.clone())
        .filter(|shape| match shape {
            egui::Shape::Text(_) => true,
            egui::Shape::Rect(rect) => rect.rect.size() == vec2(200.0, 40.0),
            _ => false,
        })
        .collect()
}

/// The frames after which nothing touched shows [`rows_frame`]'s rows as pictures.
fn settle(ctx: &Context, revision: u64, offset: f32) {
    for _ in 0..2 {
        rows_frame(ctx, revision, offset, Vec::new());
    }
}

#[test]
fn a_row_nothing_touches_is_painted_as_it_was_without_being_laid_out() {
    let ctx = Context::default();
    let first = rows_frame(&ctx, 1, 0.0, Vec::new());
    assert_eq!(first.laid_out, [0, 1, 2, 3, 4], "every row is painted");
    let second = rows_frame(&ctx, 1, 0.0, Vec::new());
    assert_eq!(
        second.laid_out,
        [0, 1, 2, 3, 4],
        "and painted again, as egui styles a widget by the pass before"
    );
    let still = rows_frame(&ctx, 1, 0.0, Vec::new());
    assert_eq!(still.laid_out, Vec::<usize>::new(), "then shown as painted");
    assert!(!row_shapes(&second).is_empty());
    assert_eq!(
        row_shapes(&still),
        row_shapes(&second),
        "the picture is what was painted"
    );
}

#[test]
fn the_row_under_the_pointer_is_laid_out_and_the_others_are_not() {
    let ctx = Context::default();
    settle(&ctx, 1, 0.0);
    let hovered = rows_frame(&ctx, 1, 0.0, pointer_at(row_centre(&ctx, 2)));
    assert_eq!(hovered.laid_out, [2]);
}

#[test]
fn a_new_revision_of_the_session_lays_every_row_out_again() {
    let ctx = Context::default();
    settle(&ctx, 1, 0.0);
    assert!(rows_frame(&ctx, 1, 0.0, Vec::new()).laid_out.is_empty());
    let changed = rows_frame(&ctx, 2, 0.0, Vec::new());
    assert_eq!(changed.laid_out, [0, 1, 2, 3, 4]);
    settle(&ctx, 2, 0.0);
    assert!(rows_frame(&ctx, 2, 0.0, Vec::new()).laid_out.is_empty());
}

#[test]
fn a_row_kept_by_its_key_stands_through_the_sessions_other_edits() {
    let ctx = Context::default();
    // One frame of a row kept by what it shows, at the session's `revision`: was it laid out?
    let frame = |revision: u64, shows: &str| {
        let mut laid_out = false;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(400.0, 400.0))),
            ..RawInput::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            super::begin_frame(ui.ctx(), revision, &[]);
            super::still_by_key(ui, shows, |ui| {
                laid_out = true;
                ui.label(shows);
            });
        });
        output.textures_delta.clear();
        laid_out
    };
    assert!(frame(1, "3 joined") && frame(1, "3 joined"));
    assert!(!frame(1, "3 joined"), "then shown as painted");
    assert!(
        !frame(2, "3 joined"),
        "an edit elsewhere leaves it standing"
    );
    assert!(
        frame(2, "4 joined"),
        "what it shows changed: laid out again"
    );
}

#[test]
fn while_edits_arrive_every_frame_no_picture_is_kept() {
    let ctx = Context::default();
    let frames_until_shown = |ctx: &Context, revision: u64| {
        (1..=5)
            .find(|_| {
                rows_frame(ctx, revision, 0.0, Vec::new())
                    .laid_out
                    .is_empty()
            })
            .unwrap_or(0)
    };
    // One edit: the frame that shows it keeps a picture, the next settles it.
    settle(&ctx, 1, 0.0);
    assert_eq!(frames_until_shown(&ctx, 2), 3);
    // An edit each frame (the room's phones answering): the last of them keeps nothing, so
    // one more frame passes before the rows are shown from pictures.
    for revision in 3..8 {
        assert_eq!(
            rows_frame(&ctx, revision, 0.0, Vec::new()).laid_out.len(),
            5
        );
    }
    assert_eq!(frames_until_shown(&ctx, 7), 3);
}

#[test]
fn while_a_field_has_the_focus_or_a_screen_reader_follows_every_row_is_laid_out() {
    let ctx = Context::default();
    settle(&ctx, 1, 0.0);
    ctx.memory_mut(|memory| memory.request_focus(egui::Id::unique("a field")));
    assert_eq!(rows_frame(&ctx, 1, 0.0, Vec::new()).laid_out.len(), 5);

    let ctx = Context::default();
    ctx.enable_accesskit();
    settle(&ctx, 1, 0.0);
    assert_eq!(rows_frame(&ctx, 1, 0.0, Vec::new()).laid_out.len(), 5);
}

#[test]
fn a_scrolled_picture_moves_with_its_row() {
    let ctx = Context::default();
    settle(&ctx, 1, 0.0);
    // Laid out at the new offset for comparison, then shown from the picture there.
    rows_frame(&ctx, 2, 30.0, Vec::new());
    let fresh = rows_frame(&ctx, 2, 30.0, Vec::new());
    let moved = rows_frame(&ctx, 2, 30.0, Vec::new());
    assert!(moved.laid_out.is_empty());
    assert_eq!(row_shapes(&moved), row_shapes(&fresh));
    let scrolled = rows_frame(&ctx, 2, 10.0, Vec::new());
    assert!(scrolled.laid_out.is_empty(), "{:?}", scrolled.laid_out);
    let text_top = |rows: &Rows| {
        rows.shapes.iter().find_map(|clipped| match &clipped.shape {
            egui::Shape::Text(text) => Some(text.pos.y),
            _ => None,
        })
    };
    let (before, after) = (text_top(&moved).unwrap(), text_top(&scrolled).unwrap());
    assert!((after - before - 20.0).abs() < 0.01, "{before} → {after}");
}

#[test]
fn a_finger_that_lands_on_a_picture_presses_the_button_under_it() {
    // A touch screen: the finger lands and lifts with no hover before it.
    let ctx = Context::default();
    settle(&ctx, 1, 0.0);
    assert!(rows_frame(&ctx, 1, 0.0, Vec::new()).laid_out.is_empty());
    let at = row_centre(&ctx, 1);
    let touch = |phase| egui::Event::Touch {
        device_id: egui::TouchDeviceId(1),
        id: egui::TouchId(1),
        phase,
        pos: at,
        force: None,
    };
    let button = |pressed| egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    let lands = vec![
        touch(egui::TouchPhase::Start),
        egui::Event::PointerMoved(at),
        button(true),
    ];
    let landed = rows_frame(&ctx, 1, 0.0, lands);
    assert_eq!(
        landed.laid_out,
        [0, 1, 2, 3, 4],
        "a touch lays every row out"
    );
    let pressed = rows_frame(&ctx, 1, 0.0, Vec::new());
    assert!(pressed.clicked.is_empty());
    let lifts = vec![
        touch(egui::TouchPhase::End),
        button(false),
        egui::Event::PointerGone,
    ];
    let lifted = rows_frame(&ctx, 1, 0.0, lifts);
    assert_eq!(lifted.clicked, [1], "the press found the row's button");
}

#[test]
#[cfg(debug_assertions)]
#[should_panic(expected = "its key leaves out something it shows")]
fn a_row_whose_key_leaves_out_what_it_shows_fails_a_debug_build() {
    // With a screen reader (as in the tests) rows are laid out anyway, and each one laid out
    // again unchanged is checked against its picture.
    let ctx = Context::default();
    ctx.enable_accesskit();
    for words in ["Agreed", "Agreed", "Agreed", "Changed"] {
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(400.0, 400.0))),
            ..RawInput::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            super::begin_frame(ui.ctx(), 1, &[]);
            super::still(ui, (), |ui| ui.label(words).clicked());
        });
        output.textures_delta.clear();
    }
}

#[test]
fn a_notice_floating_over_the_page_leaves_the_rows_still() {
    // Five rows under an area floating over the page, which the rows either may have opened
    // (a date picker) or did not (the notices, named as passing): which rows were laid out.
    let floating = |ctx: &Context, passing: bool| {
        let mut laid_out = Vec::new();
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(400.0, 400.0))),
            ..RawInput::default()
        };
        let notice = egui::Id::unique("a notice");
        let passing = if passing { vec![notice] } else { Vec::new() };
        let mut output = ctx.run_ui(input, |ui| {
            super::begin_frame(ui.ctx(), 1, &passing);
            for n in 0..5 {
                super::still(ui, n, |ui| {
                    laid_out.push(n);
                    ui.label(format!("Row {n}"));
                });
            }
            egui::Area::new(notice)
                .order(egui::Order::Foreground)
                .fixed_pos(egui::pos2(200.0, 300.0))
                .show(ui.ctx(), |ui| ui.label("Saved"));
        });
        output.textures_delta.clear();
        laid_out
    };
    let ctx = Context::default();
    for _ in 0..4 {
        floating(&ctx, true);
    }
    assert!(
        floating(&ctx, true).is_empty(),
        "a notice is not something a row opened"
    );
    let ctx = Context::default();
    for _ in 0..4 {
        floating(&ctx, false);
    }
    assert_eq!(
        floating(&ctx, false),
        [0, 1, 2, 3, 4],
        "what floats may have been opened by a row, which stays live to show it"
    );
}
