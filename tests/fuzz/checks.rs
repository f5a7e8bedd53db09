//! What the fuzz targets check, shared with the test that replays their corpus and past
//! crashes in `cargo test` (tests/accord/hardening.rs). A check returns normally for any input
//! Accord handles; a panic here is a bug, whatever the input.

use std::io::Write as _;

use accord::analysis::icp;
use accord::import::customers::{self, CustomerColumns};
use accord::import::events::{self, EventColumns};
use accord::import::leads::{self, LeadColumns};
use accord::import::{self, Flow, Progress, funnel};
use accord::storage;

/// Bytes read as a session file is: refused with an error, or accepted and then saved and
/// loaded back to the same bytes.
pub fn session_bytes(bytes: &[u8]) {
    let Ok(text) = storage::utf8_text(bytes) else {
        return;
    };
    let Ok(session) = storage::from_ron(text) else {
        return;
    };
    let saved = storage::to_ron(&session).expect("an accepted session saves");
    let again = storage::from_ron(&saved).expect("a saved session loads again");
    let saved_again = storage::to_ron(&again).expect("and saves again");
    assert_eq!(saved_again, saved, "save(load(save(s))) == save(s)");
    every_analysis(&session);
}

/// A small leads export, scored by whatever rules a fuzzed session carries.
const LEADS: &str = include_str!("../fixtures/leads/leads-small.csv");

/// Everything Accord works out from a session that loaded: the rail, the checklist, the audit,
/// the pipeline's checks and funnel, the agenda, the SLAs' clocks, the lead scorer and every
/// export but the PDF (which typesets the same view as HTML). A file the loader accepts must
/// not make any of them panic or run out of memory.
pub fn every_analysis(session: &accord::model::Session) {
    use accord::analysis::{agenda, audit, clock, pipeline, progress, readiness, scoring, sla};
    use accord::export;

    let today = jiff::civil::date(2026, 12, 1);
    let _ = progress::Overview::of(session, today);
    let _ = readiness::readiness(session);
    let _ = audit::gaps(session, today);
    let _ = pipeline::raci_problems(session);
    let _ = pipeline::handoff_problems(session);
    let counts: Vec<(String, Option<u64>)> = session
        .stages
        .iter()
        .map(|s| (s.name.clone(), session.funnel.counts.get(&s.id).copied()))
        .collect();
    if let Ok(ranges) = pipeline::Ranges::bundled() {
        let _ = pipeline::funnel(&counts, &ranges);
    }
    let _ = agenda::schedule(&session.agenda);
    for each in &session.slas {
        let _ = sla::missing(each);
        let _ = clock::SlaClock::new(each);
    }
    let _ = scoring::follow_up_window(session);
    let _ = scoring::capacity_per_month(&session.scoring.capacity);

    let mut file = tempfile::NamedTempFile::new().expect("a temporary file");
    file.write_all(LEADS.as_bytes())
        .expect("the leads are written");
    let preview = import::preview(file.path(), import::PREVIEW_ROWS).expect("the leads preview");
    let columns = LeadColumns::guess(&preview, &["Industry", "Employees"]);
    let progress = Progress::default();
    let table = leads::read(file.path(), preview.dialect, &columns, true, &progress)
        .expect("the leads are read");
    let scored = scoring::Scored::new(&table, &session.scoring, &session.icp);
    assert!(scored.distribution.len() as i64 <= scoring::MAX_BINS);
    let _ = scored.threshold_for(10.0);
    let _ = scoring::by_month(&table, &scored, session.scoring.threshold);

    let _ = export::markdown::markdown(session, today, None);
    let _ = export::html::html(session, today, None);
    let _ = export::tables::tables(session);
    let _ = export::ics::calendar(
        session,
        jiff::Timestamp::UNIX_EPOCH,
        &jiff::tz::TimeZone::UTC,
    );
    let _ = export::xlsx::workbook(session, jiff::Timestamp::UNIX_EPOCH);
}

/// Bytes read as a CRM export is, through the preview and every importer, with the columns
/// each importer would guess: rows, skipped rows or an error, never a panic.
pub fn csv_bytes(bytes: &[u8]) {
    let mut file = tempfile::NamedTempFile::new().expect("a temporary file");
    file.write_all(bytes)
        .expect("the temporary file takes the bytes");
    let path = file.path();
    let Ok(preview) = import::preview(path, import::PREVIEW_ROWS) else {
        return;
    };
    let progress = Progress::default();
    let _ = import::scan(path, preview.dialect, &progress, |row| {
        for index in 0..row.len() {
            let _ = row.text(index);
        }
        Ok(Flow::Continue)
    });

    let columns = LeadColumns::guess(&preview, &["Industry", "Employees"]);
    let _ = leads::read(path, preview.dialect, &columns, true, &progress);

    let columns = EventColumns::guess(&preview);
    let order = columns.date_order(&preview);
    let _ = events::read(
        &preview,
        columns,
        order,
        &jiff::tz::TimeZone::UTC,
        &progress,
    );

    let stages = ["Lead", "MQL", "SQL", "Opportunity", "Won"];
    let _ = funnel::reached(&preview, 0, &stages, &progress);

    let (revenue, status, mut columns) = CustomerColumns::guess(&preview);
    columns.revenue = revenue.unwrap_or(0);
    columns.status = status.unwrap_or(1);
    columns.attributes = (0..preview.headers.len().min(6)).collect();
    if let Ok(table) = customers::read(path, preview.dialect, &columns, &progress) {
        let settings = icp::Settings::for_table(&table);
        let analysis = icp::analyse(&table, &settings);
        let _ = icp::suggestions(&analysis);
    }
}
