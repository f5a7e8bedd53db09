//! SLA compliance on a twelve-row events fixture whose every response time was worked out by
//! hand (tests/fixtures/events/README.md): a 4-business-hour follow-up in Berlin.

use accord::analysis::compliance::{self, Compliance, Figures, ResponseCheck};
use accord::import::events::{self, EventColumns, EventTable};
use accord::import::{self, Progress};
use accord::model::{Escalation, Sla, TimeUnit, Window};

use crate::fixture;

pub fn follow_up() -> Sla {
    Sla {
        name: "MQL follow-up".into(),
        what: "Follow up every MQL.".into(),
        when: Window {
            amount: 4,
            unit: TimeUnit::BusinessHours,
            clock_starts: "The MQL is assigned in the CRM".into(),
        },
        how_measured: "Share of MQLs with a first touch within 4 business hours".into(),
        target_percent: Some(95.0),
        escalation: Escalation {
            action: "Re-assign the lead".into(),
            to: "SDR manager".into(),
            after: "4 hours".into(),
        },
        time_zone: "Europe/Berlin".into(),
        ..Sla::default()
    }
}

/// The sales-led template with its follow-up SLA replaced by [`follow_up`] (same id and teams).
pub fn follow_up_session() -> accord::model::Session {
    let mut session = accord::storage::templates::find("b2b-sales-led")
        .unwrap()
        .session()
        .unwrap();
    let follow_up = session
        .slas
        .iter_mut()
        .find(|s| s.name == "MQL follow-up")
        .unwrap();
    let (id, from_team, to_team) = (follow_up.id, follow_up.from_team, follow_up.to_team);
    *follow_up = Sla {
        id,
        from_team,
        to_team,
        ..self::follow_up()
    };
    session
}

fn table(sla: &Sla) -> EventTable {
    let preview = import::preview(&fixture("events/mql-follow-up.csv"), 20).unwrap();
    let columns = EventColumns::guess(&preview);
    let zone = accord::analysis::clock::zone(&sla.time_zone).unwrap();
    events::read(
        &preview,
        columns,
        columns.date_order(&preview),
        &zone,
        &Progress::default(),
    )
    .unwrap()
}

fn response(sla: &Sla) -> ResponseCheck {
    match compliance::check(sla, &table(sla)).unwrap() {
        Compliance::Response(check) => check,
        Compliance::Volume(_) => panic!("a response SLA was measured as a volume"),
    }
}

fn close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a figure");
    assert!((actual - expected).abs() < 1e-9, "{actual} ≠ {expected}");
}

#[test]
fn the_columns_are_found_by_their_headers() {
    let preview = import::preview(&fixture("events/mql-follow-up.csv"), 20).unwrap();
    let columns = EventColumns::guess(&preview);
    let name = |index: Option<usize>| index.map(|i| preview.headers[i].as_str());
    assert_eq!(name(columns.created), Some("Created"));
    assert_eq!(name(columns.handled), Some("First touch"));
    assert_eq!(name(columns.owner), Some("Lead owner"));
}

#[test]
fn rows_that_cannot_be_timed_are_skipped_with_their_line() {
    let table = table(&follow_up());
    assert_eq!(table.events.len(), 9);
    let lines: Vec<u64> = table.scan.skipped.examples.iter().map(|s| s.line).collect();
    assert_eq!(lines, [11, 12, 13]);
    let reasons = &table.scan.skipped.examples;
    assert!(
        reasons[0].reason.contains("“soon” is not a date and time"),
        "{reasons:?}"
    );
    assert!(
        reasons[0].reason.contains("column 2 (Created)"),
        "{reasons:?}"
    );
    assert!(
        reasons[1]
            .reason
            .contains("handled “2026-03-05 11:00” is before its start “2026-03-05 12:00”"),
        "{reasons:?}"
    );
    assert!(reasons[2].reason.contains("blank"), "{reasons:?}");
}

#[test]
fn business_hours_compliance_matches_the_hand_computed_figures() {
    let check = response(&follow_up());
    assert_eq!(check.unit, "business hours");
    assert_eq!(check.window, 4.0);
    assert_eq!(
        check.as_of,
        Some("2026-03-10T15:30:00Z".parse().unwrap()),
        "the latest time in the file: L9's response at 16:30 Berlin"
    );
    let overall = &check.overall;
    assert_eq!(
        (
            overall.events,
            overall.met,
            overall.missed,
            overall.never_handled,
            overall.open
        ),
        (9, 5, 3, 1, 1)
    );
    close(overall.share_met, 0.625);
    close(overall.median, 3.0);
    close(overall.p90, 5.2);
    assert_eq!(overall.meets_target, Some(false));

    let owners: Vec<(&str, &Figures)> = check
        .by_owner
        .iter()
        .map(|o| (o.owner.as_str(), &o.figures))
        .collect();
    assert_eq!(
        owners.iter().map(|(o, _)| *o).collect::<Vec<_>>(),
        ["Ana", "Ben", "Cara"]
    );
    let (ana, ben, cara) = (owners[0].1, owners[1].1, owners[2].1);
    assert_eq!((ana.met, ana.missed), (3, 0));
    close(ana.median, 3.0);
    close(ana.p90, 3.8);
    assert_eq!(ana.meets_target, Some(true));
    assert_eq!((ben.met, ben.missed), (2, 1));
    close(ben.share_met, 2.0 / 3.0);
    close(ben.median, 0.5);
    close(ben.p90, 4.1);
    assert_eq!(
        (cara.met, cara.missed, cara.never_handled, cara.open),
        (0, 2, 1, 1)
    );
    close(cara.median, 5.5);
}

#[test]
fn on_the_wall_clock_the_weekend_counts() {
    let mut sla = follow_up();
    sla.when.unit = TimeUnit::Hours;
    let check = response(&sla);
    assert_eq!(check.unit, "hours");
    // Only L1 (1.5 h) and L6 (0.5 h) are in time. L2 (19 h overnight), L3 (68 h over the
    // weekend), L4 (46.5 h), L5 (18 h) and L9 (5.5 h) are late; L7 was never handled and L8 has
    // waited half an hour.
    let overall = &check.overall;
    assert_eq!((overall.met, overall.missed, overall.open), (2, 6, 1));
}

#[test]
fn a_volume_sla_counts_each_month_against_the_amount() {
    let mut sla = follow_up();
    sla.when = Window {
        amount: 8,
        unit: TimeUnit::PerMonth,
        clock_starts: "Start of the month".into(),
    };
    let Compliance::Volume(volume) = compliance::check(&sla, &table(&sla)).unwrap() else {
        panic!("a volume SLA was measured as response times");
    };
    assert_eq!(volume.months.len(), 1);
    assert_eq!(volume.months[0].month, "2026-03");
    assert_eq!(volume.months[0].count, 9);
    assert!(volume.months[0].met);
    assert_eq!(volume.share_met, Some(1.0));
}

#[test]
fn an_american_semicolon_export_on_a_twelve_hour_clock_reads_the_same_way() {
    // Wall-clock hours in UTC, the zone of times written without an offset.
    let sla = Sla {
        when: Window {
            amount: 4,
            unit: TimeUnit::Hours,
            clock_starts: "Ticket assigned".into(),
        },
        time_zone: String::new(),
        ..follow_up()
    };
    let preview = import::preview(&fixture("events/us-semicolon-12h.csv"), 20).unwrap();
    let columns = EventColumns::guess(&preview);
    let name = |index: Option<usize>| index.map(|i| preview.headers[i].as_str());
    assert_eq!(name(columns.created), Some("Assigned At"));
    assert_eq!(name(columns.handled), Some("Responded At"));
    assert_eq!(name(columns.owner), Some("Agent"));
    let table = events::read(
        &preview,
        columns,
        columns.date_order(&preview),
        &jiff::tz::TimeZone::UTC,
        &Progress::default(),
    )
    .unwrap();
    assert_eq!(table.events.len(), 3);
    assert_eq!(
        table.events[0].created,
        "2026-03-02T16:30:00Z".parse().unwrap()
    );
    let Compliance::Response(check) = compliance::check(&sla, &table).unwrap() else {
        panic!("a response SLA was measured as a volume");
    };
    let overall = &check.overall;
    assert_eq!(
        (overall.met, overall.missed, overall.open),
        (1, 1, 1),
        "{overall:?}"
    );
    close(overall.median, (17.0 + 1.25) / 2.0);
}

#[test]
fn a_holiday_stops_the_business_clock_for_the_day() {
    // Wednesday 4 March is a holiday: L5, in at 20:00 the evening before and touched at 14:00
    // that Wednesday, took no business time and is in time; L6 (09:30 that day) still is. Six
    // of the eight judged are in time.
    let mut sla = follow_up();
    sla.business_hours.holidays = vec![jiff::civil::date(2026, 3, 4)];
    let check = response(&sla);
    assert_eq!(check.overall.met, 6);
    assert_eq!(check.overall.missed, 2);
    close(check.overall.share_met, 0.75);
}
