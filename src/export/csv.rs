//! The tables as CSV files, safe to open in a spreadsheet.

use super::tables::Table;

/// A cell a spreadsheet would take for a formula (=, +, -, @, or a leading tab or carriage
/// return) gets a leading apostrophe, so it shows as the text it is. OWASP's advice for CSV
/// injection.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// One table as CSV text: a header row, then a row per item; RFC 4180 quoting, CRLF endings.
pub fn table_csv(table: &Table) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let rows = std::iter::once(&table.headers).chain(&table.rows);
    for row in rows {
        // Writing to memory cannot fail; a failure here would be a bug in the csv crate.
        let _ = writer.write_record(row.iter().map(|cell| neutralise(cell).into_owned()));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_quotes_kept() {
        let table = Table {
            name: "t",
            title: "T",
            headers: vec!["A".into(), "B".into()],
            rows: vec![
                vec!["=HYPERLINK(\"http://x\")".into(), "-2+3".into()],
                vec!["@SUM(A1)".into(), "plain, with comma".into()],
                vec!["\tTab".into(), "line\nbreak".into()],
            ],
        };
        let text = table_csv(&table);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        assert_eq!(rows[0], ["'=HYPERLINK(\"http://x\")", "'-2+3"]);
        assert_eq!(rows[1], ["'@SUM(A1)", "plain, with comma"]);
        assert_eq!(rows[2], ["'\tTab", "line\nbreak"]);
    }
}
