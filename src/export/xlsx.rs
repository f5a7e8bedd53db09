//! The tables as one spreadsheet, a sheet per area: the header row bold and frozen, columns
//! sized to their text, and every cell written as text, so nothing typed in the room can run as
//! a formula.

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

use super::tables::{self, Table};
use crate::model::Session;

/// Excel's limit on the characters of one cell.
const CELL_LIMIT: usize = 32_767;
/// The widest a column is made, in characters; longer text wraps.
const WIDEST: usize = 60;

/// The workbook's bytes. `now` becomes its creation time, the one value that changes between
/// exports of the same session.
pub fn workbook(session: &Session, now: jiff::Timestamp) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_timestamp(now.as_second())?;
    let properties = rust_xlsxwriter::DocProperties::new()
        .set_title(session.meta.title.trim())
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);
    let header = Format::new()
        .set_bold()
        .set_background_color("F3F5F8")
        .set_align(FormatAlign::Top)
        .set_text_wrap();
    let body = Format::new().set_align(FormatAlign::Top).set_text_wrap();
    for table in tables::tables(session) {
        sheet(&mut workbook, &table, &header, &body)?;
    }
    workbook.save_to_buffer()
}

fn sheet(
    workbook: &mut Workbook,
    table: &Table,
    header: &Format,
    body: &Format,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(table.title)?;
    for (col, title) in table.headers.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, text(title), header)?;
        let longest = std::iter::once(title)
            .chain(table.rows.iter().filter_map(|row| row.get(col as usize)))
            .flat_map(|cell| cell.lines())
            .map(|line| line.chars().count())
            .max()
            .unwrap_or(0);
        sheet.set_column_width(col, (longest.clamp(6, WIDEST) + 2) as f64)?;
    }
    for (row, cells) in table.rows.iter().enumerate() {
        for (col, cell) in cells.iter().enumerate() {
            sheet.write_string_with_format(row as u32 + 1, col as u16, text(cell), body)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A cell's text within Excel's limit.
fn text(cell: &str) -> String {
    if cell.chars().count() <= CELL_LIMIT {
        return cell.to_owned();
    }
    let mut cut: String = cell.chars().take(CELL_LIMIT - 1).collect();
    cut.push('…');
    cut
}
