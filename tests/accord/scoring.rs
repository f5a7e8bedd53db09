//! Lead scoring on a twelve-lead fixture whose every score was worked out by hand, under the
//! sales-led template's rules (demo +30, pricing +15, webinar +10, download +5, email +5,
//! senior title +15, 50–2,000 people +15, student −30, free mail −20, invalid phone −25).

use accord::analysis::scoring::{self, Scored};
use accord::import::leads::{self, Field, LeadColumns, LeadTable};
use accord::import::{self, Progress};
use accord::model::{Behaviour, Condition, Criterion, Session};
use accord::storage::templates;

use crate::fixture;

/// The scores of the twelve leads, in file order, worked out by hand in the fixture's notes.
const SCORES: [i32; 12] = [85, -35, 25, 80, 15, 40, -10, 65, 45, 30, 75, 60];

fn sales_led() -> Session {
    templates::find("b2b-sales-led").unwrap().session().unwrap()
}

fn leads(session: &Session) -> LeadTable {
    let preview = import::preview(&fixture("leads/leads-small.csv"), 20).unwrap();
    let columns = LeadColumns::guess(&preview, &session.icp.attributes());
    leads::read(
        &preview.path,
        preview.dialect,
        &columns,
        true,
        &Progress::default(),
    )
    .unwrap()
}

#[test]
fn every_column_of_the_fixture_is_guessed_from_its_header() {
    let preview = import::preview(&fixture("leads/leads-small.csv"), 20).unwrap();
    let columns = LeadColumns::guess(&preview, &[]);
    let header = |field| columns.get(field).map(|i| preview.headers[i].as_str());
    assert_eq!(header(Field::Date), Some("Created"));
    assert_eq!(header(Field::Email), Some("Email"));
    assert_eq!(header(Field::Title), Some("Job Title"));
    assert_eq!(header(Field::CompanySize), Some("Employees"));
    assert_eq!(
        header(Field::Did(Behaviour::EngagedWithEmail)),
        Some("Email opens")
    );
    assert_eq!(
        header(Field::Did(Behaviour::RequestedDemo)),
        Some("Demo request")
    );
}

#[test]
fn the_template_rules_give_the_hand_computed_scores() {
    let session = sales_led();
    let table = leads(&session);
    assert_eq!(table.len, 12);
    let scored = Scored::new(&table, &session.scoring, &session.icp);
    assert!(scored.hits.iter().all(Result::is_ok), "{:?}", scored.hits);
    assert_eq!(scored.scores, SCORES);
    assert_eq!(table.labels[0], "ana@acme.com");
    assert_eq!(table.lines[0], 2);
}

#[test]
fn volumes_per_month_and_the_reverse_threshold() {
    let session = sales_led();
    let table = leads(&session);
    let scored = Scored::new(&table, &session.scoring, &session.icp);
    // At 50: leads 1, 4, 8, 11 and 12; lead 11 has no date.
    assert_eq!(scored.qualifying(50), 5);
    assert_eq!(scored.months, 3);
    let per_month = scored.per_month(50).unwrap();
    assert!((per_month - 4.0 / 3.0).abs() < 1e-9, "{per_month}");
    let months = scoring::by_month(&table, &scored, 50);
    let rows: Vec<(&str, u64, u64)> = months
        .iter()
        .map(|m| (m.month.as_str(), m.leads, m.mqls))
        .collect();
    assert_eq!(
        rows,
        [("2026-01", 3, 1), ("2026-02", 3, 1), ("2026-03", 5, 2)]
    );
    // One MQL a month: at most three dated leads over three months, which 65 gives (65, 80, 85).
    assert_eq!(scored.threshold_for(1.0), Some((65, 1.0)));
    // Asking for more than there are: the lowest score lets every dated lead through.
    assert_eq!(scored.threshold_for(100.0), Some((-35, 11.0 / 3.0)));
    // Asking for none: one point above the best score.
    assert_eq!(scored.threshold_for(0.0), Some((86, 0.0)));
}

#[test]
fn changing_points_rescores_without_checking_the_rules_again() {
    let mut session = sales_led();
    let table = leads(&session);
    let mut scored = Scored::new(&table, &session.scoring, &session.icp);
    let demo = session
        .scoring
        .rules
        .iter_mut()
        .find(|r| r.condition == Condition::Did(Behaviour::RequestedDemo))
        .unwrap();
    demo.points = 10;
    scored.rescore(&table, &session.scoring);
    // Leads 1, 4, 6, 9, 11 and 12 asked for a demo: each loses 20 points.
    let expected: Vec<i32> = SCORES
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if [0, 3, 5, 8, 10, 11].contains(&i) {
                s - 20
            } else {
                *s
            }
        })
        .collect();
    assert_eq!(scored.scores, expected);
    // 65, 60, 65 and 55 remain: leads 1, 4, 8 and 11. Lead 12 drops to 40.
    assert_eq!(scored.qualifying(50), 4);
}

#[test]
fn the_histogram_counts_every_lead_once() {
    let session = sales_led();
    let table = leads(&session);
    let scored = Scored::new(&table, &session.scoring, &session.icp);
    let bins = scoring::histogram(&scored.scores, 10);
    assert_eq!(bins.first().map(|b| b.from), Some(-40));
    assert_eq!(bins.last().map(|b| b.to), Some(89));
    assert_eq!(bins.iter().map(|b| b.leads).sum::<u64>(), 12);
    let eighties = bins.iter().find(|b| b.from == 80).unwrap();
    assert_eq!(eighties.leads, 2);
}

#[test]
fn a_rule_on_an_icp_criterion_reads_the_column_of_that_name() {
    let mut session = sales_led();
    let id = session.add_criterion(Criterion {
        attribute: "Industry".into(),
        values: vec!["Software".into(), "Fintech".into()],
        ..Criterion::default()
    });
    let table = leads(&session);
    let hits = scoring::hits(&table, &Condition::MatchesIcpCriterion(id), &session.icp).unwrap();
    let matching: Vec<usize> = (0..12).filter(|&i| hits[i]).collect();
    assert_eq!(matching, [0, 2, 3, 4, 8, 9, 10, 11]);

    let banded = session.add_criterion(Criterion {
        attribute: "Employees".into(),
        values: vec!["≥ 1,000".into()],
        ..Criterion::default()
    });
    let hits = scoring::hits(
        &table,
        &Condition::MatchesIcpCriterion(banded),
        &session.icp,
    )
    .unwrap();
    let matching: Vec<usize> = (0..12).filter(|&i| hits[i]).collect();
    assert_eq!(matching, [3, 4, 6, 8]);
}

#[test]
fn a_rule_the_file_cannot_answer_says_why_and_scores_nobody() {
    let session = sales_led();
    let table = leads(&session);
    let missing = Condition::CompetitorDomain(Vec::new());
    assert_eq!(
        scoring::hits(&table, &missing, &session.icp),
        Err(scoring::Unanswerable::NoCompetitors)
    );
    let rival = Condition::CompetitorDomain(vec!["acme.com".into()]);
    let hits = scoring::hits(&table, &rival, &session.icp).unwrap();
    assert_eq!(hits.iter().filter(|h| **h).count(), 3);
    let countries = Condition::CountryIn(vec!["Germany".into()]);
    let hits = scoring::hits(&table, &countries, &session.icp).unwrap();
    assert_eq!(
        hits.iter().filter(|h| **h).count(),
        3,
        "Germany and DE are one country"
    );
}

#[test]
fn a_blank_first_date_does_not_decide_how_the_column_writes_dates() {
    let preview = import::preview(&fixture("leads/us-dates-first-blank.csv"), 20).unwrap();
    let columns = LeadColumns::guess(&preview, &[]);
    let table = leads::read(
        &preview.path,
        preview.dialect,
        &columns,
        false,
        &Progress::default(),
    )
    .unwrap();
    // 03/14/2026 is month first: read day first, 14 would be no month at all.
    let march = 2026 * 12 + 2;
    assert_eq!(table.months, [None, Some(march), Some(march + 1)]);
}
