use egui::{Context, Pos2, RawInput, Rect, vec2};

use super::in_view;

/// One frame of a 400-point window holding a page of twenty blocks, each 100 points tall,
/// scrolled down by `offset`: the blocks that were laid out, and the page's whole height.
fn frame(ctx: &Context, offset: f32) -> (Vec<usize>, f32) {
    let mut laid_out = Vec::new();
    let mut height = 0.0;
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(400.0, 400.0))),
        ..RawInput::default()
    };
    let mut output = ctx.run_ui(input, |ui| {
        let page = egui::ScrollArea::vertical()
            .vertical_scroll_offset(offset)
            .show(ui, |ui| {
                for n in 0..20 {
                    in_view(ui, |ui| {
                        laid_out.push(n);
                        ui.allocate_space(vec2(100.0, 100.0));
                    });
                }
            });
        height = page.content_size.y;
    });
    // No renderer takes the font atlas here.
    output.textures_delta.clear();
    (laid_out, height)
}

#[test]
fn a_block_out_of_view_keeps_its_space_without_being_laid_out() {
    let ctx = Context::default();
    let (first, height) = frame(&ctx, 0.0);
    assert_eq!(first, (0..20).collect::<Vec<_>>(), "sizes are learnt first");

    let (top, same) = frame(&ctx, 0.0);
    assert_eq!(top, [0, 1, 2, 3, 4], "the view and a margin under it");
    assert_eq!(same, height, "the page keeps its height");

    let (lower, same) = frame(&ctx, 1500.0);
    assert!(lower.contains(&15) && !lower.contains(&0), "{lower:?}");
    assert!(lower.len() <= 6, "{lower:?}");
    assert_eq!(same, height);
}

#[test]
fn with_a_screen_reader_the_whole_page_is_laid_out() {
    let ctx = Context::default();
    ctx.enable_accesskit();
    frame(&ctx, 0.0);
    let (all, _) = frame(&ctx, 0.0);
    assert_eq!(all, (0..20).collect::<Vec<_>>());
}

#[test]
fn a_changed_page_lays_every_block_out_once_more() {
    let ctx = Context::default();
    frame(&ctx, 0.0);
    assert_eq!(frame(&ctx, 0.0).0.len(), 5);
    super::page_changed(&ctx, ("revision", 2));
    assert_eq!(
        frame(&ctx, 0.0).0.len(),
        20,
        "sizes learnt before are not trusted"
    );
    assert_eq!(frame(&ctx, 0.0).0.len(), 5);
}

#[test]
fn while_a_field_has_the_focus_every_block_is_laid_out() {
    let ctx = Context::default();
    frame(&ctx, 0.0);
    ctx.memory_mut(|memory| memory.request_focus(egui::Id::unique("a field")));
    let (all, _) = frame(&ctx, 0.0);
    assert_eq!(
        all.len(),
        20,
        "Tab must find every field, and a focused one keeps its focus"
    );
}
