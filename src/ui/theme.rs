//! Accord's look: Inter, a calm palette, generous spacing, light and dark, and text sizes for
//! a projector.

use egui::epaint::{CornerRadius, Shadow, Stroke};
use egui::{Color32, FontData, FontDefinitions, FontFamily, FontId, TextStyle, Theme, Visuals};

use crate::app::{Prefs, TextSize};

const INTER: &[u8] = include_bytes!("../../assets/fonts/Inter-Regular.otf");
const INTER_SEMIBOLD: &[u8] = include_bytes!("../../assets/fonts/Inter-SemiBold.otf");

/// The font family for headings.
pub fn strong_family() -> FontFamily {
    FontFamily::Name("strong".into())
}

/// The step title at the top of each screen.
pub fn title_style() -> TextStyle {
    TextStyle::Name("title".into())
}

/// A section heading inside a screen.
pub fn section_style() -> TextStyle {
    TextStyle::Name("section".into())
}

/// The accent colour: buttons that move the work forward, the selected step.
pub fn accent(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x7A, 0x9C, 0xF5)
    } else {
        Color32::from_rgb(0x2F, 0x55, 0xD4)
    }
}

/// Green for what the room agreed.
pub fn agreed(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x5F, 0xC9, 0x8E)
    } else {
        Color32::from_rgb(0x1E, 0x88, 0x4F)
    }
}

/// Amber for work in progress.
pub fn drafted(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xE8, 0xB3, 0x4B)
    } else {
        Color32::from_rgb(0xB7, 0x79, 0x10)
    }
}

/// Sets fonts, text styles and colours once, then applies the preferences.
pub fn install(ctx: &egui::Context, prefs: &Prefs) {
    install_fonts(ctx);
    ctx.all_styles_mut(|style| {
        use FontFamily::Proportional;
        style.text_styles = [
            (TextStyle::Small, FontId::new(12.5, Proportional)),
            (TextStyle::Body, FontId::new(15.5, Proportional)),
            (TextStyle::Button, FontId::new(15.0, Proportional)),
            (
                TextStyle::Monospace,
                FontId::new(13.5, FontFamily::Monospace),
            ),
            (TextStyle::Heading, FontId::new(22.0, strong_family())),
            (title_style(), FontId::new(30.0, strong_family())),
            (section_style(), FontId::new(18.5, strong_family())),
        ]
        .into();
        let spacing = &mut style.spacing;
        spacing.item_spacing = egui::vec2(10.0, 9.0);
        spacing.button_padding = egui::vec2(14.0, 6.0);
        spacing.interact_size.y = 32.0;
        spacing.text_edit_width = 320.0;
        spacing.menu_margin = egui::Margin::same(10);
        // Boxes and radio buttons large enough to hit and to see from across the room.
        spacing.icon_width = 18.0;
        spacing.icon_width_inner = 10.0;
        spacing.icon_spacing = 8.0;
    });
    ctx.set_visuals_of(Theme::Light, visuals(false));
    ctx.set_visuals_of(Theme::Dark, visuals(true));
    apply(ctx, prefs, false);
}

/// Applies the theme again whenever the preferences or presenter mode changed since the last
/// frame: the app's commands only change those values, and the look follows them here. (The
/// fonts and styles are installed once, by `App::new`, before the first frame.)
pub fn follow(ctx: &egui::Context, prefs: &mut Prefs, presenter: bool) {
    #[derive(Clone, Copy, PartialEq)]
    struct Look {
        dark: bool,
        text_size: TextSize,
        presenter: bool,
    }
    let id = egui::Id::unique("accord_look");
    let look = Look {
        dark: prefs.dark,
        text_size: prefs.text_size,
        presenter,
    };
    let seen: Option<Look> = ctx.data(|d| d.get_temp(id));
    let zoom = ctx.zoom_factor();
    if seen == Some(look) && (zoom - applied_zoom(prefs, presenter)).abs() > 0.01 {
        // egui's own zoom keys (Ctrl +, Ctrl −, Ctrl 0) moved the zoom: the text size steps
        // the same way, so the View menu ticks what is on screen. In presenter mode the
        // projector's size holds, and the look is applied again below.
        if !presenter {
            prefs.text_size = stepped_toward(prefs.text_size, zoom);
        }
        ctx.data_mut(|d| d.remove::<Look>(id));
        return follow(ctx, prefs, presenter);
    }
    if seen != Some(look) {
        apply(ctx, prefs, presenter);
        ctx.data_mut(|d| d.insert_temp(id, look));
        // Zoom and visuals take effect from the next frame: draw it now.
        ctx.request_repaint();
    }
}

/// The zoom [`apply`] sets for `prefs` and presenter mode.
fn applied_zoom(prefs: &Prefs, presenter: bool) -> f32 {
    let zoom = prefs.text_size.zoom();
    if presenter {
        zoom.max(TextSize::Projector.zoom())
    } else {
        zoom
    }
}

/// The text size a keyboard zoom from `from` to `zoom` asks for: the next size up when it
/// grew, down when it shrank, the normal size when it was reset.
fn stepped_toward(from: TextSize, zoom: f32) -> TextSize {
    if zoom > from.zoom() {
        TextSize::ALL
            .into_iter()
            .find(|size| size.zoom() > from.zoom())
            .unwrap_or(from)
    } else {
        TextSize::ALL
            .into_iter()
            .rev()
            .find(|size| size.zoom() <= zoom + 0.01)
            .unwrap_or(TextSize::Normal)
    }
}

/// Applies the theme and the text size the user chose; presenter mode overrides both with
/// projector-sized text on a high-contrast light theme.
pub fn apply(ctx: &egui::Context, prefs: &Prefs, presenter: bool) {
    let zoom = prefs.text_size.zoom();
    if presenter {
        ctx.set_visuals_of(Theme::Light, high_contrast());
        ctx.set_theme(Theme::Light);
        ctx.set_zoom_factor(zoom.max(TextSize::Projector.zoom()));
    } else {
        ctx.set_visuals_of(Theme::Light, visuals(false));
        ctx.set_theme(if prefs.dark {
            Theme::Dark
        } else {
            Theme::Light
        });
        ctx.set_zoom_factor(zoom);
    }
}

/// Black on white with firm lines, for a washed-out projector in a bright room.
fn high_contrast() -> Visuals {
    let mut v = visuals(false);
    let ink = Color32::BLACK;
    let line = Color32::from_rgb(0x55, 0x55, 0x55);
    v.override_text_color = Some(ink);
    v.panel_fill = Color32::WHITE;
    v.window_fill = Color32::WHITE;
    v.extreme_bg_color = Color32::WHITE;
    v.text_edit_bg_color = Some(Color32::WHITE);
    v.faint_bg_color = Color32::from_rgb(0xF0, 0xF0, 0xF0);
    v.weak_text_alpha = 0.8;
    let accent = Color32::from_rgb(0x1A, 0x3F, 0xB8);
    v.hyperlink_color = accent;
    v.selection.bg_fill = accent.gamma_multiply(0.3);
    v.selection.stroke = Stroke::new(2.0, accent);
    v.window_stroke = Stroke::new(1.5, line);
    for widget in widget_states(&mut v) {
        widget.bg_stroke = Stroke::new(1.5, line);
        widget.fg_stroke = Stroke::new(1.5, ink);
    }
    v
}

fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts
        .font_data
        .insert("Inter".into(), FontData::from_static(INTER).into());
    fonts.font_data.insert(
        "Inter SemiBold".into(),
        FontData::from_static(INTER_SEMIBOLD).into(),
    );
    let fallbacks = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let family = |first: &str| {
        std::iter::once(first.to_owned())
            .chain(fallbacks.clone())
            .collect()
    };
    fonts
        .families
        .insert(FontFamily::Proportional, family("Inter"));
    fonts
        .families
        .insert(strong_family(), family("Inter SemiBold"));
    ctx.set_fonts(fonts);
}

fn visuals(dark: bool) -> Visuals {
    let mut v = if dark {
        Visuals::dark()
    } else {
        Visuals::light()
    };
    let accent = accent(dark);
    let (panel, window, field, faint, text, line) = if dark {
        (
            Color32::from_rgb(0x1C, 0x1E, 0x23),
            Color32::from_rgb(0x24, 0x27, 0x2D),
            Color32::from_rgb(0x15, 0x17, 0x1B),
            Color32::from_rgb(0x26, 0x29, 0x30),
            Color32::from_rgb(0xE6, 0xE8, 0xEC),
            Color32::from_rgb(0x38, 0x3C, 0x44),
        )
    } else {
        (
            Color32::from_rgb(0xF6, 0xF6, 0xF3),
            Color32::WHITE,
            Color32::WHITE,
            Color32::from_rgb(0xEE, 0xEE, 0xEA),
            Color32::from_rgb(0x1F, 0x23, 0x2B),
            Color32::from_rgb(0xD9, 0xDA, 0xD6),
        )
    };
    v.panel_fill = panel;
    v.window_fill = window;
    v.extreme_bg_color = field;
    v.text_edit_bg_color = Some(field);
    v.faint_bg_color = faint;
    v.override_text_color = Some(text);
    v.hyperlink_color = accent;
    v.selection.bg_fill = accent.gamma_multiply(if dark { 0.45 } else { 0.22 });
    v.selection.stroke = Stroke::new(1.5, accent);
    v.window_corner_radius = CornerRadius::same(10);
    v.menu_corner_radius = CornerRadius::same(8);
    v.window_stroke = Stroke::new(1.0, line);
    v.window_shadow = Shadow {
        offset: [0, 8],
        blur: 24,
        spread: 0,
        color: Color32::from_black_alpha(if dark { 90 } else { 28 }),
    };
    v.popup_shadow = v.window_shadow;
    let radius = CornerRadius::same(6);
    for widget in widget_states(&mut v) {
        widget.corner_radius = radius;
    }
    v.widgets.noninteractive.bg_stroke = Stroke::new(1.0, line);
    // Controls get a firmer border than cards, so an empty box still reads as a box.
    let control_line = if dark {
        Color32::from_rgb(0x55, 0x5B, 0x66)
    } else {
        Color32::from_rgb(0xB4, 0xB6, 0xB1)
    };
    v.widgets.inactive.bg_stroke = Stroke::new(1.0, control_line);
    v.widgets.inactive.weak_bg_fill = window;
    v.widgets.inactive.bg_fill = faint;
    v.widgets.hovered.bg_stroke = Stroke::new(1.0, accent.gamma_multiply(0.7));
    v.widgets.active.bg_stroke = Stroke::new(1.5, accent);
    v
}

/// Every interaction state of a widget, to style them alike.
fn widget_states(v: &mut Visuals) -> [&mut egui::style::WidgetVisuals; 5] {
    let w = &mut v.widgets;
    [
        &mut w.noninteractive,
        &mut w.inactive,
        &mut w.hovered,
        &mut w.active,
        &mut w.open,
    ]
}
