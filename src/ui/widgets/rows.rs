//! Rows inside cards, pickers of columns, the preview and progress of an import, and lists
//! that lay out only the rows in view.

use super::{Color32, Response, RichText, TextEdit, Ui, card, in_view, still, strong_text};

/// The width of the label column on a card: narrower than a full-width form's, as two cards
/// may share the row.
const CARD_LABEL_WIDTH: f32 = 118.0;

/// A row of a card: a label, then `add` in exactly the width that is left, so no field
/// pushes the card wider than its column. `add` gets that width.
pub fn card_row(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui, f32)) {
    // A long card (an SLA's) is laid out only as far as the view reaches.
    in_view(ui, |ui| row_ui(ui, label, add));
}

/// A [`card_row`] that shows the session and nothing else (no import under way, no choice
/// kept outside it): while nothing touches it, it is painted from last time (see [`still`]).
pub fn session_row(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui, f32)) {
    in_view(ui, |ui| still(ui, label, |ui| row_ui(ui, label, add)));
}

fn row_ui(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui, f32)) {
    let width = ui.available_width();
    ui.horizontal(|ui| {
        let height = ui.spacing().interact_size.y;
        let label_width = CARD_LABEL_WIDTH.min(width * 0.35);
        ui.allocate_ui_with_layout(
            egui::vec2(label_width, height),
            egui::Layout::left_to_right(egui::Align::Center),
            |ui| {
                ui.set_min_size(egui::vec2(label_width, height));
                ui.label(RichText::new(label).weak());
            },
        );
        let rest = (width - label_width - ui.spacing().item_spacing.x).max(80.0);
        ui.allocate_ui_with_layout(
            egui::vec2(rest, height),
            egui::Layout::left_to_right(egui::Align::Center).with_main_wrap(true),
            |ui| {
                ui.set_max_width(rest);
                add(ui, rest);
            },
        );
    });
}

/// A text field that wraps and grows rather than hiding the end of a long commitment.
/// It shows the session's text: see [`session_row`].
pub fn card_text_row(ui: &mut Ui, label: &str, text: &mut String, hint: &str, name: &str) {
    session_row(ui, label, |ui, width| {
        ui.add(
            TextEdit::multiline(text)
                .desired_rows(1)
                .hint_text(hint)
                .desired_width(width),
        )
        .accessible_name(name);
    });
}

/// A drop-down choosing which column of a previewed file holds a field, or none. `name` names it
/// for screen readers ("Column for Owner").
pub fn column_picker(
    ui: &mut Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    headers: &[String],
    column: &mut Option<usize>,
    width: f32,
    name: &str,
) -> Response {
    const NONE: &str = "Not in the file";
    let shown = column
        .and_then(|i| headers.get(i))
        .map_or(NONE, String::as_str);
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(shown)
        .width(width)
        .show_ui(ui, |ui| {
            ui.selectable_value(column, None, NONE);
            for (index, header) in headers.iter().enumerate() {
                ui.selectable_value(column, Some(index), header);
            }
        })
        .response
        .accessible_name(name)
}

/// Text after a dot in `color`, for a tab that shows where its agreement stands.
pub fn dotted(color: Color32, text: &str) -> egui::text::LayoutJob {
    let font = egui::FontId::proportional(16.0);
    let mut job = egui::text::LayoutJob::default();
    job.append("●  ", 0.0, egui::TextFormat::simple(font.clone(), color));
    // A placeholder colour takes the button's own text colour, selected or not.
    job.append(
        text,
        0.0,
        egui::TextFormat::simple(font, Color32::PLACEHOLDER),
    );
    job
}

/// The name of the file at `path`, without its folder.
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// The top of a column-mapping card: the file's name, then its encoding and delimiter and what
/// to do next.
pub fn preview_header_ui(ui: &mut Ui, preview: &crate::import::Preview, next: &str) {
    ui.label(strong_text(file_name(&preview.path), 18.0));
    ui.label(
        RichText::new(format!(
            "{}, {} separated, {:.1} MB. {next}",
            preview.dialect.encoding.label(),
            preview.dialect.delimiter_label(),
            preview.bytes as f64 / 1_048_576.0
        ))
        .weak(),
    );
}

/// A card for an import under way: the file, a progress bar and Cancel. True when Cancel was
/// clicked.
pub fn import_progress_ui(ui: &mut Ui, file: &str, fraction: f32) -> bool {
    work_progress_ui(ui, &format!("Importing {file}"), "Cancel import", fraction)
}

/// A card for work on a file under way: what is happening, a progress bar and a button that
/// stops it. True when the button was clicked.
pub fn work_progress_ui(ui: &mut Ui, heading: &str, cancel: &str, fraction: f32) -> bool {
    card(ui, |ui| {
        ui.label(strong_text(heading, 18.0));
        ui.add(
            egui::ProgressBar::new(fraction)
                .show_percentage()
                .desired_width(ui.available_width().min(520.0)),
        );
        ui.button(cancel).clicked()
    })
}

/// Lays out `len` rows inside the page's scroll area, but only those in view (and a margin
/// around them): a list of a thousand action items costs what its visible dozen cost. Rows may
/// differ in height; the ones out of view take the space they took when last seen.
///
/// `id_salt` names the list; its measurements live in egui's memory between frames.
pub fn lazy_rows(
    ui: &mut Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    len: usize,
    mut row: impl FnMut(&mut Ui, usize),
) {
    type Shared = std::sync::Arc<egui::mutex::Mutex<LazyList>>;
    let id = ui.scope_id().with(id_salt);
    let list = ui.data_mut(|data| data.get_temp_mut_or_default::<Shared>(id).clone());
    let mut list = list.lock();
    if list.len != len {
        // Rows came or went: measured positions no longer line up with indices.
        list.virtual_list.reset();
        list.len = len;
    }
    list.virtual_list.ui_custom_layout(ui, len, |ui, index| {
        row(ui, index);
        1
    });
}

/// How far beyond the view [`lazy_rows`] and [`super::in_view`] lay out, in points.
pub(super) const OVER_SCAN: f32 = 48.0;

/// What [`lazy_rows`] remembers of a list between frames.
pub(super) struct LazyList {
    virtual_list: egui_virtual_list::VirtualList,
    len: usize,
}

impl Default for LazyList {
    fn default() -> Self {
        let mut virtual_list = egui_virtual_list::VirtualList::new();
        // The list would otherwise hide itself for a moment after every resize, and at start.
        virtual_list.hide_on_resize(None);
        // Rows just outside the view are laid out too, so scrolling never shows a gap; egui
        // redraws while the page scrolls, so a row's height of margin is enough. The crate's
        // 200 points each side laid out half again as many rows as the view shows.
        virtual_list.over_scan(OVER_SCAN);
        Self {
            virtual_list,
            len: 0,
        }
    }
}
