//! The importer on one fixture per quirk, and the ICP analysis against hand-computed numbers.

use accord::analysis::icp::{self, Grouping, Meaning, Settings};
use accord::import::customers::{self, CustomerColumns, CustomerTable};
use accord::import::money::DecimalMark;
use accord::import::{self, Encoding, Preview, Progress};
use accord::model::Importance;

use crate::fixture;

fn preview(name: &str) -> Preview {
    import::preview(&fixture(&format!("import/{name}")), 20).unwrap()
}

/// Reads a fixture with the guessed mapping, which every quirk fixture is named to suit.
fn customers(name: &str) -> (Preview, CustomerTable) {
    let preview = preview(name);
    let (revenue, status, columns) = CustomerColumns::guess(&preview);
    assert!(
        revenue.is_some() && status.is_some(),
        "{name}: {:?}",
        preview.headers
    );
    let table = customers::read(
        &preview.path,
        preview.dialect,
        &columns,
        &Progress::default(),
    )
    .unwrap();
    (preview, table)
}

fn companies(preview: &Preview) -> Vec<&str> {
    preview.column(0).collect()
}

#[test]
fn utf8_with_a_bom_loses_the_bom() {
    let (preview, table) = customers("utf8-bom.csv");
    assert_eq!(preview.dialect.encoding, Encoding::Utf8Bom);
    assert_eq!(preview.headers[0], "Company");
    assert_eq!(companies(&preview), ["Café Ltd", "Zoë & Co"]);
    assert_eq!(table.revenue, [1000.0, 2000.0]);
}

#[test]
fn utf16_with_a_bom_in_both_byte_orders() {
    for (name, encoding) in [
        ("utf16le-bom.csv", Encoding::Utf16Le),
        ("utf16be-bom.csv", Encoding::Utf16Be),
    ] {
        let (preview, table) = customers(name);
        assert_eq!(preview.dialect.encoding, encoding, "{name}");
        assert_eq!(preview.dialect.delimiter, b',');
        assert_eq!(preview.headers, ["Company", "Industry", "ARR", "Churned"]);
        assert_eq!(companies(&preview), ["Café Ltd", "Zoë & Co"]);
        assert_eq!(table.revenue, [1000.0, 2000.0]);
        assert_eq!(table.attributes[0].values, ["Software", "Fintech"]);
    }
}

#[test]
fn windows_1252_without_a_bom_is_recognised() {
    let (preview, table) = customers("windows-1252.csv");
    assert_eq!(preview.dialect.encoding, Encoding::Windows1252);
    assert_eq!(preview.dialect.delimiter, b';');
    assert_eq!(companies(&preview), ["Société Générale", "Müller GmbH"]);
    assert_eq!(table.revenue, [1200.5, 980.0]);
}

#[test]
fn excel_sep_line_sets_the_delimiter_and_is_not_a_row() {
    let (preview, table) = customers("excel-sep.csv");
    assert!(preview.dialect.sep_line);
    assert_eq!(preview.dialect.delimiter, b';');
    assert_eq!(preview.headers, ["Company", "ARR", "Churned"]);
    assert_eq!(table.revenue, [1200.5, 3400.0]);
    assert_eq!(table.scan.rows_read, 2);
}

#[test]
fn tabs_are_detected_and_commas_inside_cells_stay() {
    let (preview, table) = customers("tab.tsv");
    assert_eq!(preview.dialect.delimiter, b'\t');
    assert_eq!(companies(&preview), ["Acme, Inc.", "Globex"]);
    assert_eq!(table.revenue, [1500.0, 700.0]);
}

#[test]
fn quoted_cells_hold_delimiters_quotes_and_newlines() {
    let (preview, table) = customers("quoted.csv");
    assert_eq!(preview.rows.len(), 3);
    assert_eq!(preview.rows[0][4], "Said \"great\"\r\nthen renewed");
    assert_eq!(preview.rows[1][1], "Fin,tech");
    assert_eq!(preview.rows[1][4], "line one\nline two");
    assert_eq!(table.revenue, [1500.0, 800.0, 300.0]);
    // The notes column holds free text, so the guess leaves it out of the attributes.
    assert_eq!(table.attributes.len(), 1);
}

#[test]
fn ragged_rows_are_read_or_skipped_with_their_line() {
    let (_, table) = customers("ragged.csv");
    assert_eq!(table.scan.rows_read, 4);
    assert_eq!(table.revenue, [100.0, 200.0, 300.0]);
    let region = table
        .attributes
        .iter()
        .find(|c| c.name == "Region")
        .unwrap();
    let regions: Vec<&str> = region
        .codes
        .iter()
        .map(|&c| region.values[c as usize].as_str())
        .collect();
    assert_eq!(regions, ["EMEA", "", "AMER"]);
    let skipped = &table.scan.skipped;
    assert_eq!(skipped.total(), 1);
    assert_eq!(skipped.examples[0].line, 5);
    assert!(
        skipped.examples[0].reason.contains("has 2 cells"),
        "{:?}",
        skipped.examples
    );
}

#[test]
fn money_in_every_shape_and_blanks_reported_as_skipped() {
    let (_, table) = customers("money.csv");
    assert_eq!(table.revenue, [1200.5, -300.0, 2500.0, -75.25]);
    let skipped = &table.scan.skipped;
    assert_eq!(skipped.by_kind["blank revenue"], 1);
    assert_eq!(skipped.by_kind["unreadable revenue"], 1);
    let reasons: Vec<_> = skipped
        .examples
        .iter()
        .map(|s| (s.line, s.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (4, "revenue is blank"),
            (6, "revenue “n/a” is not an amount")
        ]
    );

    let (preview, table) = customers("money-eu.csv");
    assert_eq!(
        CustomerColumns::guess(&preview).2.decimal,
        DecimalMark::Comma
    );
    assert_eq!(table.revenue, [1200.5, 1200.5, -300.0]);
    assert_eq!(table.scan.skipped.by_kind["blank revenue"], 1);
}

#[test]
fn the_content_hash_is_the_files_sha256() {
    let (_, table) = customers("utf8-bom.csv");
    // `sha256sum tests/fixtures/import/utf8-bom.csv`
    assert_eq!(
        table.scan.content_hash,
        "dbb9601fffa1326f79e82b088df8db9eaa6a444e283a487623d6e3a5346b2533"
    );
}

#[test]
fn a_cancelled_import_says_so() {
    let preview = preview("customers-small.csv");
    let (_, _, columns) = CustomerColumns::guess(&preview);
    let progress = Progress::default();
    progress.cancel();
    let error = customers::read(&preview.path, preview.dialect, &columns, &progress).unwrap_err();
    assert!(
        matches!(error, import::ImportError::Cancelled { .. }),
        "{error}"
    );
}

/// The small fixture with its numbers worked out by hand in the comments.
fn small() -> (CustomerTable, Settings) {
    let (preview, table) = customers("customers-small.csv");
    let (_, _, columns) = CustomerColumns::guess(&preview);
    let names: Vec<&str> = columns
        .attributes
        .iter()
        .map(|&i| preview.headers[i].as_str())
        .collect();
    assert_eq!(names, ["Industry", "Employees", "Country"]);
    assert_eq!(columns.tenure, Some(6));
    let mut settings = Settings::for_table(&table);
    settings.min_count = 3;
    assert_eq!(settings.groupings[0], Grouping::Categories);
    assert!(matches!(settings.groupings[1], Grouping::Bands(_)));
    settings.groupings[1] = Grouping::Bands(vec![50.0, 100.0]);
    (table, settings)
}

#[test]
fn best_customers_totals_and_skips_match_the_hand_count() {
    let (table, settings) = small();
    let analysis = icp::analyse(&table, &settings);
    let totals = &analysis.totals;
    assert_eq!(totals.rows_read, 22);
    // Tango (blank revenue), Uniform ("call me"), Victor ("Paused").
    assert_eq!(totals.rows_skipped, 3);
    let reasons: Vec<_> = totals
        .skipped
        .iter()
        .map(|g| (g.reason.as_str(), g.count))
        .collect();
    assert_eq!(
        reasons,
        [
            ("blank revenue", 1),
            ("status “Paused” is neither churned nor active", 1),
            ("unreadable revenue", 1),
        ]
    );
    assert_eq!(
        (totals.customers, totals.retained, totals.churned),
        (19, 14, 5)
    );
    // ceil(20% of 14) = 3: Alpha 90k, then of the three at 85k the longest tenures,
    // Charlie (36 months) and Bravo (30); Delta (12) is left out.
    assert_eq!(totals.best, 3);
    assert_eq!(totals.best_revenue, 260_000.0);
    assert_eq!(totals.total_revenue, 558_500.0);
    assert!((totals.best_revenue_share - 260_000.0 / 558_500.0).abs() < 1e-12);
    assert_eq!(totals.best_revenue_floor, 85_000.0);
    assert!((totals.churn_rate - 5.0 / 19.0).abs() < 1e-12);
}

#[test]
fn value_counts_shares_lift_and_churn_match_the_hand_count() {
    let (table, settings) = small();
    let analysis = icp::analyse(&table, &settings);
    let industry = &analysis.attributes[0];
    let row = |name: &str| {
        let v = industry.values.iter().find(|v| v.value == name).unwrap();
        (v.count_all, v.count_best, v.count_churned)
    };
    assert_eq!(row("Software"), (7, 2, 1));
    assert_eq!(row("Fintech"), (3, 1, 0));
    assert_eq!(row("Retail"), (5, 0, 1));
    assert_eq!(row("Education"), (4, 0, 3));
    let software = industry
        .values
        .iter()
        .find(|v| v.value == "Software")
        .unwrap();
    assert!((software.share_all - 7.0 / 19.0).abs() < 1e-12);
    assert!((software.share_best - 2.0 / 3.0).abs() < 1e-12);
    assert!((software.lift - (2.0 / 3.0) / (7.0 / 19.0)).abs() < 1e-12);
    assert!((software.churn_rate - 1.0 / 7.0).abs() < 1e-12);

    let employees = &analysis.attributes[1];
    let bands: Vec<_> = employees
        .values
        .iter()
        .map(|v| (v.value.as_str(), v.count_all, v.count_best, v.count_churned))
        .collect();
    assert_eq!(
        bands,
        [("< 50", 11, 0, 5), ("50–100", 4, 1, 0), ("≥ 100", 4, 2, 0)]
    );

    // Germany has 3 customers: not rare at a minimum of 3, rare at the default 10.
    let germany = |analysis: &icp::Analysis| {
        analysis.attributes[2]
            .values
            .iter()
            .find(|v| v.value == "DE")
            .unwrap()
            .too_rare
    };
    assert!(!germany(&analysis));
    let mut strict = settings.clone();
    strict.min_count = 10;
    assert!(germany(&icp::analyse(&table, &strict)));
}

#[test]
fn patterns_anti_patterns_and_suggestions_match_the_hand_count() {
    let (table, settings) = small();
    let analysis = icp::analyse(&table, &settings);
    let name = |f: &icp::Finding| {
        let (attribute, value) = analysis.value(*f).unwrap();
        format!("{}={}", attribute.name, value.value)
    };
    let patterns: Vec<_> = analysis.patterns.iter().map(name).collect();
    // Lifts: ≥100 employees 3.17, Fintech 2.11, Software 1.81, 50–100 employees 1.58;
    // UK (5 customers, 1 best) has 1.27 and is not a pattern.
    assert_eq!(
        patterns,
        [
            "Employees=≥ 100",
            "Industry=Fintech",
            "Industry=Software",
            "Employees=50–100"
        ]
    );
    let anti: Vec<_> = analysis.anti_patterns.iter().map(name).collect();
    // Churn: Education 3 of 4, under 50 employees 5 of 11, UK 2 of 5 against 5 of 19 overall.
    assert_eq!(anti, ["Industry=Education", "Employees=< 50", "Country=UK"]);

    let suggestions = icp::suggestions(&analysis);
    let industry: Vec<_> = suggestions
        .iter()
        .filter(|c| c.attribute == "Industry")
        .collect();
    assert_eq!(industry.len(), 2);
    assert_eq!(industry[0].values, ["Fintech", "Software"]);
    assert_eq!(industry[0].importance, Importance::MustHave);
    assert_eq!(
        industry[0].rationale,
        "3 of 3 best customers (100%) against 53% of all customers: lift 1.9."
    );
    assert_eq!(industry[1].values, ["Education"]);
    assert_eq!(industry[1].importance, Importance::Exclude);
    assert_eq!(
        industry[1].rationale,
        "3 of 4 churned (75%) against 26% overall."
    );
}

#[test]
fn status_meanings_follow_the_column_and_can_be_chosen() {
    let (table, mut settings) = small();
    let meaning = |settings: &Settings, value: &str| {
        let code = table.status.values.iter().position(|v| v == value).unwrap();
        settings.status[code]
    };
    assert_eq!(meaning(&settings, "Yes"), Meaning::Churned);
    assert_eq!(meaning(&settings, "Paused"), Meaning::Unknown);
    settings.churned_values(&table, &["paused".to_owned(), "yes".to_owned()]);
    assert_eq!(meaning(&settings, "Paused"), Meaning::Churned);
    let analysis = icp::analyse(&table, &settings);
    assert_eq!(
        (analysis.totals.customers, analysis.totals.churned),
        (20, 6)
    );
}
