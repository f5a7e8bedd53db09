//! Small pieces shared by every screen: labelled fields, section headings, cards, badges.

mod in_view;
mod rows;
mod signatures;
pub mod still;
#[cfg(test)]
mod tests;

pub use in_view::{in_view, page_changed};
pub use rows::*;
pub use signatures::*;
pub use still::{still, still_by_key};

use egui::{Color32, Response, RichText, TextEdit, Ui};

use super::theme;
use crate::analysis::progress::StepState;
use crate::model::{Step, Team, TeamId, team_name};

/// The widest a screen's text column grows, for comfortable line lengths.
pub const CONTENT_WIDTH: f32 = 920.0;

/// The width of the label column in forms.
pub const LABEL_WIDTH: f32 = 150.0;

/// Below this width (in points) columns of lists (a definition's criteria groups, the teams'
/// proposals) stack instead of sitting side by side: three would leave each too narrow to read.
pub const SIDE_BY_SIDE_WIDTH: f32 = 640.0;

/// A section heading with a line of explanation under it.
pub fn section(ui: &mut Ui, title: &str, explanation: &str) {
    ui.add_space(18.0);
    ui.label(RichText::new(title).text_style(theme::section_style()));
    if !explanation.is_empty() {
        ui.label(RichText::new(explanation).weak());
    }
    ui.add_space(6.0);
}

/// A framed group of widgets, laid out only near the view (see [`in_view`]).
pub fn card<R: Default>(ui: &mut Ui, add_contents: impl FnOnce(&mut Ui) -> R) -> R {
    in_view(ui, |ui| {
        egui::Frame::group(ui.style())
            .fill(ui.visuals().window_fill)
            .corner_radius(10)
            .inner_margin(egui::Margin::symmetric(18, 14))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                add_contents(ui)
            })
            .inner
    })
}

/// A table of fixed-width columns, scrolling sideways in its own box when the page is
/// narrower than it (large text, the room's panel open), so the page itself never does and
/// the text around it keeps wrapping to the window.
pub fn sideways<R>(ui: &mut Ui, id: &str, add: impl FnOnce(&mut Ui) -> R) -> R {
    egui::ScrollArea::horizontal()
        .id_salt(id)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            // Named for what it is: a region that scrolls, to a screen reader and to the
            // tests that check nothing else runs past the page.
            let region = ui.unique_id();
            ui.ctx().accesskit_node_builder(region, |node| {
                node.set_role(egui::accesskit::Role::ScrollView);
            });
            add(ui)
        })
        .inner
}

/// A form row: a label, and a single-line text field named by it.
pub fn text_row(ui: &mut Ui, label: &str, text: &mut String, hint: &str) -> Response {
    form_row(ui, label, |ui, label_id| {
        ui.add(
            TextEdit::singleline(text)
                .hint_text(hint)
                .desired_width(ui.available_width().min(520.0)),
        )
        .labelled_by(label_id)
    })
}

/// A form row with a label and any widget; the widget should be `labelled_by` the given id.
pub fn form_row<R>(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui, egui::Id) -> R) -> R {
    ui.horizontal(|ui| {
        let size = egui::vec2(LABEL_WIDTH, ui.spacing().interact_size.y);
        let layout = egui::Layout::left_to_right(egui::Align::Center);
        let label = ui
            .allocate_ui_with_layout(size, layout, |ui| {
                ui.set_min_size(size);
                ui.label(RichText::new(label).weak())
            })
            .inner;
        add(ui, label.id)
    })
    .inner
}

/// The header of a table laid out as rows of fixed-width cells.
pub fn header_row(ui: &mut Ui, columns: &[(&str, f32)]) {
    ui.horizontal(|ui| {
        for (title, width) in columns {
            let size = egui::vec2(*width, 18.0);
            ui.allocate_ui_with_layout(
                size,
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_min_size(size);
                    ui.label(RichText::new(*title).small().weak());
                },
            );
        }
    });
}

/// A single-line text field named for screen readers but with no visible label (table cells).
pub fn cell_text(ui: &mut Ui, name: &str, text: &mut String, hint: &str, width: f32) -> Response {
    ui.add(
        TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(width),
    )
    .accessible_name(name)
}

/// A label in a column `width` points wide, placed in it by `align` as `add_sized` places one
/// in the middle, but in the row itself: a child `Ui` for every cell costs a long table's frame
/// more than its text. A text wider than the column runs on.
pub fn label_in(
    ui: &mut Ui,
    width: f32,
    text: impl Into<egui::WidgetText>,
    align: egui::Align,
) -> Response {
    let galley = text.into().into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Body,
    );
    let free = (width - galley.size().x).max(0.0);
    let before = match align {
        egui::Align::Min => 0.0,
        egui::Align::Center => (free / 2.0).round(),
        egui::Align::Max => free,
    };
    ui.add_space(before);
    let response = ui.add(egui::Label::new(galley));
    ui.add_space(free - before);
    response
}

/// The width a button with `text` takes.
pub fn button_width(ui: &Ui, text: &str) -> f32 {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let text = ui
        .painter()
        .layout_no_wrap(text.to_owned(), font, Color32::PLACEHOLDER)
        .size()
        .x;
    text + 2.0 * ui.spacing().button_padding.x
}

/// The width a drop-down needs to show its widest option whole, so every drop-down in a
/// column is the same width and the columns line up.
pub fn picker_width<'a>(ui: &Ui, options: impl IntoIterator<Item = &'a str>) -> f32 {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let widest = options
        .into_iter()
        .map(|text| {
            ui.painter()
                .layout_no_wrap(text.to_owned(), font.clone(), Color32::PLACEHOLDER)
                .size()
                .x
        })
        .fold(0.0, f32::max);
    let spacing = ui.spacing();
    // The button adds its padding, the arrow and gaps; the slack keeps every option inside.
    widest + spacing.icon_width + 2.0 * spacing.button_padding.x + 32.0
}

/// The width of a team drop-down over `teams`.
pub fn team_picker_width(ui: &Ui, teams: &[Team]) -> f32 {
    let names = teams.iter().map(|t| team_name(teams, Some(t.id)));
    picker_width(ui, names.chain(["No team"]))
}

/// A drop-down to pick one of the session's teams, or none.
pub fn team_picker(
    ui: &mut Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    teams: &[Team],
    selected: &mut Option<TeamId>,
    width: f32,
) -> Response {
    egui::ComboBox::from_id_salt(id_salt)
        .width(width)
        .selected_text(team_name(teams, *selected))
        .show_ui(ui, |ui| {
            ui.selectable_value(selected, None, "No team");
            for team in teams {
                ui.selectable_value(selected, Some(team.id), team_name(teams, Some(team.id)));
            }
        })
        .response
}

/// The colour that marks a step's state.
pub fn state_color(ui: &Ui, state: StepState) -> Color32 {
    let dark = ui.visuals().dark_mode;
    match state {
        StepState::Empty => ui.visuals().weak_text_color(),
        StepState::Drafted => theme::drafted(dark),
        StepState::Agreed => theme::agreed(dark),
    }
}

/// A small dot in the state's colour: hollow when empty, half when drafted, full when agreed.
pub fn state_dot(ui: &mut Ui, step: Step, state: StepState) -> Response {
    state_mark(ui, state).on_hover_text(state.label(step))
}

/// The mark of a step's state: an empty ring, a ring with a dot, a full disc.
pub fn state_mark(ui: &mut Ui, state: StepState) -> Response {
    let size = egui::vec2(12.0, 12.0);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    let color = state_color(ui, state);
    let center = rect.center();
    let painter = ui.painter();
    match state {
        StepState::Empty => {
            painter.circle_stroke(center, 5.0, egui::Stroke::new(1.5, color));
        }
        StepState::Drafted => {
            painter.circle_stroke(center, 5.0, egui::Stroke::new(1.5, color));
            painter.circle_filled(center, 2.5, color);
        }
        StepState::Agreed => {
            painter.circle_filled(center, 5.5, color);
        }
    }
    response
}

/// A button drawn in the accent colour, for the one action that moves the work forward.
pub fn primary_button(ui: &mut Ui, text: &str) -> Response {
    let accent = theme::accent(ui.visuals().dark_mode);
    let text_color = if ui.visuals().dark_mode {
        Color32::from_rgb(0x10, 0x14, 0x1C)
    } else {
        Color32::WHITE
    };
    ui.add(egui::Button::new(RichText::new(text).color(text_color)).fill(accent))
}

/// A thin bar filled to `score` (0 to 1), for the alignment score. An empty score shows an
/// empty track, never a dot that could read as progress.
pub fn score_bar(ui: &mut Ui, score: f32, height: f32) -> Response {
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let radius = height / 2.0;
    let painter = ui.painter();
    painter.rect_filled(rect, radius, ui.visuals().faint_bg_color);
    painter.rect_stroke(
        rect,
        radius,
        ui.visuals().widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Inside,
    );
    let filled = width * score.clamp(0.0, 1.0);
    if filled > 0.0 {
        let fill = egui::Rect::from_min_size(rect.min, egui::vec2(filled.max(height), height));
        painter.rect_filled(fill, radius, theme::agreed(ui.visuals().dark_mode));
    }
    response
}

/// Text in the heading weight, at `size`.
pub fn strong_text(text: impl Into<String>, size: f32) -> RichText {
    RichText::new(text)
        .family(theme::strong_family())
        .size(size)
}

/// A drop-down choosing one of `options`, named for screen readers.
pub fn choice<T: Copy + PartialEq>(
    ui: &mut Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    value: &mut T,
    options: &[T],
    label: impl Fn(T) -> &'static str,
    width: f32,
) -> Response {
    egui::ComboBox::from_id_salt(id_salt)
        .width(width)
        // Every option in view, so none hides below the list's own scroll.
        .height(600.0)
        .selected_text(label(*value))
        .show_ui(ui, |ui| {
            for option in options {
                ui.selectable_value(value, *option, label(*option));
            }
        })
        .response
}

/// A date that may be unset: a date picker with "Clear" when set (with `when_set` drawn
/// between them), a "Pick a date" button that starts at today when not. `name` names the
/// controls for screen readers. Returns true in the frame the date was set.
pub fn optional_date(
    ui: &mut Ui,
    id_salt: &str,
    date: &mut Option<jiff::civil::Date>,
    name: &str,
    when_set: impl FnOnce(&mut Ui),
) -> bool {
    match date {
        Some(value) => {
            ui.add(egui_extras::DatePickerButton::new(value).id_salt(id_salt))
                .accessible_name(name);
            when_set(ui);
            let clear = ui.button("Clear").accessible_name(format!("Clear {name}"));
            if clear.clicked() {
                *date = None;
            }
            false
        }
        None => {
            let pick = ui
                .button("Pick a date")
                .accessible_name(format!("Pick {name}"));
            if pick.clicked() {
                *date = Some(jiff::Zoned::now().date());
            }
            pick.clicked()
        }
    }
}

/// While `zone` is blank, a button that fills in this computer's IANA time zone.
pub fn local_zone_button(ui: &mut Ui, zone: &mut String) {
    let here = jiff::tz::TimeZone::system();
    if zone.trim().is_empty()
        && let Some(here) = here.iana_name()
        && ui
            .small_button(format!("Use {here}"))
            .on_hover_text("This computer's time zone")
            .clicked()
    {
        *zone = here.to_owned();
    }
}

/// A start time from the half hours of a working day (07:00 to 19:30).
pub fn time_picker(
    ui: &mut Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    time: &mut Option<jiff::civil::Time>,
    name: &str,
) -> Response {
    let text = time.map_or_else(|| "Time".to_owned(), |t| t.strftime("%H:%M").to_string());
    egui::ComboBox::from_id_salt(id_salt)
        .width(80.0)
        .selected_text(text)
        .show_ui(ui, |ui| {
            let slots = (14..40)
                .filter_map(|half: i8| jiff::civil::Time::new(half / 2, half % 2 * 30, 0, 0).ok());
            for slot in slots {
                ui.selectable_value(time, Some(slot), slot.strftime("%H:%M").to_string());
            }
        })
        .response
        .accessible_name(name)
}
