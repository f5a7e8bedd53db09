//! The readiness checklist on every template and on a hand-completed session, through the CLI,
//! and the meeting calendar read back by an independent parser.

use std::process::Command;

use accord::analysis::readiness::readiness;
use accord::model::{
    Agreement, Criterion, Function, Metric, MetricKind, Position, Session, Signer,
};
use accord::storage::{self, templates};

fn template(name: &str) -> Session {
    templates::find(name).unwrap().session().unwrap()
}

/// Every signing team of every agreement endorses its text as it stands.
pub fn sign_everything(session: &mut Session) {
    let at: jiff::Timestamp = "2026-12-01T10:00:00Z".parse().unwrap();
    for agreement in session.agreements() {
        for team in session.signers_of(agreement) {
            session
                .sign(
                    agreement,
                    team,
                    Position::Endorse,
                    Signer::Facilitator,
                    "",
                    at,
                )
                .unwrap();
        }
    }
}

/// The sales-led template after a room that agreed on everything.
pub fn completed_session() -> Session {
    let mut session = template("b2b-sales-led");
    session.icp.criteria.push(Criterion {
        attribute: "Industry".into(),
        values: vec!["SaaS".into()],
        ..Criterion::default()
    });
    for sla in &mut session.slas {
        if sla.when.amount == 0 {
            sla.when.amount = 2;
        }
        sla.time_zone = "Europe/Berlin".into();
        sla.escalation.action = "Raise it at the weekly lead review".into();
        sla.escalation.to = "Head of Revenue".into();
    }
    for meeting in &mut session.meetings {
        meeting.first_date = Some(jiff::civil::date(2026, 12, 1));
    }
    let product = session
        .teams
        .iter()
        .find(|t| t.function == Function::Product)
        .map(|t| t.id);
    session.add_metric(Metric {
        name: "Feature adoption among won deals".into(),
        owner: product,
        kind: MetricKind::Conversion,
        ..Metric::default()
    });
    let nrr = session
        .metrics
        .iter()
        .find(|m| m.name == "Net revenue retention")
        .unwrap()
        .id;
    session.set_north_star(nrr);
    // Every team endorses every agreement as it now reads.
    sign_everything(&mut session);
    session
}

#[test]
fn no_template_is_ready_and_each_says_what_is_missing() {
    for t in templates::TEMPLATES {
        let readiness = readiness(&t.session().unwrap());
        assert_eq!(readiness.done(), 0, "{}: a template is a proposal", t.name);
        for check in &readiness.checks {
            assert!(!check.missing.is_empty(), "{}: {}", t.name, check.title);
        }
    }
    let b2b = readiness(&template("b2b-sales-led"));
    let missing: Vec<_> = b2b.checks.iter().flat_map(|c| c.missing.clone()).collect();
    for expected in [
        "No ICP criteria are written yet.",
        "MQL volume needs a time window.",
        "Product owns no metric.",
        "No metric is chosen as the north star.",
    ] {
        assert!(
            missing.iter().any(|m| m == expected),
            "{expected} not in {missing:#?}"
        );
    }
    let plg = readiness(&template("product-led"));
    assert!(
        plg.checks[1]
            .missing
            .iter()
            .any(|m| m == "PQL: no team has agreed yet."),
        "{:?}",
        plg.checks[1].missing
    );
}

#[test]
fn a_completed_session_is_ready_and_one_objection_undoes_it() {
    let mut session = completed_session();
    let ready = readiness(&session);
    let open: Vec<_> = ready.checks.iter().filter(|c| !c.is_done()).collect();
    assert!(open.is_empty(), "{open:#?}");
    assert_eq!(ready.score(), 1.0);

    let finance = session
        .teams
        .iter()
        .find(|t| t.function == Function::Finance)
        .unwrap()
        .id;
    let mql = Agreement::Definition(session.definitions[1].id);
    let at = "2026-12-01T11:00:00Z".parse().unwrap();
    let why = "50 points is arbitrary";
    session
        .sign(
            mql,
            finance,
            Position::Block,
            Signer::Person("Ana".into()),
            why,
            at,
        )
        .unwrap();
    let ready = readiness(&session);
    assert_eq!(ready.done(), ready.total() - 1);
    assert_eq!(ready.checks[1].missing, ["MQL: blocked by Finance."]);
}

#[test]
fn validate_prints_the_checklist_as_warnings_and_strict_fails_unfinished() {
    let dir = tempfile::tempdir().unwrap();
    let unfinished = dir.path().join("unfinished.ron");
    storage::save(&unfinished, &template("b2b-sales-led")).unwrap();
    let ready = dir.path().join("ready.ron");
    storage::save(&ready, &completed_session()).unwrap();
    let accord = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_accord"))
            .args(args)
            .output()
            .unwrap()
    };

    let out = accord(&["validate", unfinished.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .contains("warning: Marketing ↔ Sales SLAs complete: MQL volume needs a time window."),
        "{stderr}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);

    let out = accord(&["validate", "--strict", unfinished.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not ready: 0 of 7"));

    let out = accord(&["validate", "--strict", ready.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs `accord export SESSION --format ics --output ICS` on a computer in time zone `tz`.
fn export_ics_in(
    tz: &str,
    session: &std::path::Path,
    ics: &std::path::Path,
) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .env("TZ", tz)
        .arg("export")
        .arg(session)
        .args(["--format", "ics", "--output"])
        .arg(ics)
        .output()
        .unwrap()
}

/// Runs `accord export SESSION --format ics --output ICS`.
fn export_ics(session: &std::path::Path, ics: &std::path::Path) -> std::process::Output {
    export_ics_in("UTC", session, ics)
}

/// Reads a calendar file with the `ical` crate, a parser written apart from the one Accord
/// writes with.
fn read_calendar(ics: &std::path::Path) -> ical::parser::ical::component::IcalCalendar {
    let file = std::io::BufReader::new(std::fs::File::open(ics).unwrap());
    let mut calendars: Vec<_> = ical::IcalParser::new(file)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(calendars.len(), 1);
    calendars.remove(0)
}

fn property<'a>(
    properties: &'a [ical::property::Property],
    name: &str,
) -> Option<&'a ical::property::Property> {
    properties.iter().find(|p| p.name == name)
}

fn civil(text: &str) -> jiff::civil::DateTime {
    jiff::civil::DateTime::strptime("%Y%m%dT%H%M%S", text).unwrap()
}

/// `+0100` as seconds east of UTC.
fn offset_seconds(text: &str) -> i64 {
    let sign = if text.starts_with('-') { -1 } else { 1 };
    let digits = &text[1..];
    let hours: i64 = digits[0..2].parse().unwrap();
    let minutes: i64 = digits[2..4].parse().unwrap();
    sign * (hours * 3600 + minutes * 60)
}

/// The instant a `DTSTART` (at `local` instead of its own value, for a later occurrence)
/// means, worked out from nothing but the file: a `Z` time is UTC; a `TZID` time takes the
/// offset of that zone's latest observance, in the file's own `VTIMEZONE`, that began before
/// it. A time with neither is floating: no instant.
fn instant_in_file(
    calendar: &ical::parser::ical::component::IcalCalendar,
    start: &ical::property::Property,
    local: Option<&str>,
) -> Option<jiff::Timestamp> {
    let value = local.or(start.value.as_deref())?;
    if let Some(utc) = value.strip_suffix('Z') {
        return civil(utc)
            .to_zoned(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp());
    }
    let tzid = start
        .params
        .as_ref()?
        .iter()
        .find(|(name, _)| name == "TZID")?
        .1
        .first()?;
    let zone = calendar
        .timezones
        .iter()
        .find(|z| property(&z.properties, "TZID").and_then(|p| p.value.as_deref()) == Some(tzid))?;
    let at = civil(value);
    let offset = zone
        .transitions
        .iter()
        .filter_map(|t| {
            let begins = civil(property(&t.properties, "DTSTART")?.value.as_deref()?);
            let to = property(&t.properties, "TZOFFSETTO")?.value.as_deref()?;
            (begins <= at).then_some((begins, offset_seconds(to)))
        })
        .max_by_key(|(begins, _)| *begins)?
        .1;
    let utc = at
        .checked_sub(jiff::SignedDuration::from_secs(offset))
        .ok()?;
    utc.to_zoned(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

fn utc(text: &str) -> jiff::Timestamp {
    text.parse().unwrap()
}

#[test]
fn the_calendar_reads_back_with_an_independent_parser() {
    let dir = tempfile::tempdir().unwrap();
    let session_path = dir.path().join("ready.ron");
    let mut session = completed_session();
    // The workshop is held in Berlin; its last meeting is run from New York.
    session.meta.time_zone = "Europe/Berlin".into();
    let remote = session.meetings.len() - 1;
    session.meetings[remote].time_zone = "America/New_York".into();
    storage::save(&session_path, &session).unwrap();
    let ics = dir.path().join("cadence.ics");
    let out = export_ics(&session_path, &ics);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let calendar = read_calendar(&ics);
    let events = &calendar.events;
    assert_eq!(events.len(), session.meetings.len());
    // ical leaves TEXT values escaped; undo RFC 5545's escapes to compare with the session.
    let unescape = |raw: &str| {
        let mut text = String::new();
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                text.push(c);
                continue;
            }
            match chars.next() {
                Some('n' | 'N') => text.push('\n'),
                Some(escaped) => text.push(escaped),
                None => {}
            }
        }
        text
    };
    let value = |event: &ical::parser::ical::component::IcalEvent, name: &str| {
        property(&event.properties, name)
            .and_then(|p| p.value.as_deref())
            .map(unescape)
            .unwrap_or_default()
    };
    for (event, meeting) in events.iter().zip(&session.meetings) {
        assert_eq!(value(event, "SUMMARY"), meeting.name);
        let start = property(&event.properties, "DTSTART").unwrap();
        let expected = if meeting.time_zone.is_empty() {
            utc("2026-12-01T08:00:00Z")
        } else {
            utc("2026-12-01T14:00:00Z")
        };
        assert_eq!(
            instant_in_file(&calendar, start, None),
            Some(expected),
            "{}: 09:00 on 1 December where it is held",
            meeting.name
        );
        let description = value(event, "DESCRIPTION");
        for item in &meeting.agenda {
            assert!(
                description.contains(item.as_str()),
                "{item} not in {description}"
            );
        }
    }
    let lead_review = events
        .iter()
        .find(|e| value(e, "SUMMARY") == "Lead review")
        .unwrap();
    assert_eq!(value(lead_review, "RRULE"), "FREQ=WEEKLY");
    let end = property(&lead_review.properties, "DTEND").unwrap();
    assert_eq!(
        instant_in_file(&calendar, end, None),
        Some(utc("2026-12-01T08:30:00Z"))
    );
    // The weekly review on 1 June 2027 is still at 09:00 in Berlin: summer time, 07:00 UTC.
    let start = property(&lead_review.properties, "DTSTART").unwrap();
    assert_eq!(
        instant_in_file(&calendar, start, Some("20270601T090000")),
        Some(utc("2027-06-01T07:00:00Z"))
    );
    let uids: std::collections::BTreeSet<_> = events.iter().map(|e| value(e, "UID")).collect();
    assert_eq!(uids.len(), events.len(), "every event has its own id");
}

#[test]
fn the_same_meeting_is_the_same_instant_whatever_the_computer_exporting() {
    let dir = tempfile::tempdir().unwrap();
    let session_path = dir.path().join("ready.ron");
    // No zone named anywhere: the exporting computer's zone is the meetings'.
    let mut session = completed_session();
    storage::save(&session_path, &session).unwrap();
    let starts = |tz: &str| {
        let ics = dir.path().join(format!("{}.ics", tz.replace('/', "-")));
        let out = export_ics_in(tz, &session_path, &ics);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let calendar = read_calendar(&ics);
        calendar
            .events
            .iter()
            .map(|e| instant_in_file(&calendar, property(&e.properties, "DTSTART").unwrap(), None))
            .collect::<Vec<_>>()
    };
    assert!(
        starts("Asia/Tokyo")
            .iter()
            .all(|s| *s == Some(utc("2026-12-01T00:00:00Z")))
    );
    // Once the session names its zone, the computer exporting no longer matters.
    session.meta.time_zone = "America/New_York".into();
    storage::save(&session_path, &session).unwrap();
    let in_tokyo = starts("Asia/Tokyo");
    assert_eq!(in_tokyo, starts("Europe/Berlin"));
    assert!(
        in_tokyo
            .iter()
            .all(|s| *s == Some(utc("2026-12-01T14:00:00Z")))
    );
}

#[test]
fn an_empty_calendar_is_refused_rather_than_written() {
    let dir = tempfile::tempdir().unwrap();
    let session_path = dir.path().join("plan.ron");
    storage::save(&session_path, &template("b2b-sales-led")).unwrap();
    let ics = dir.path().join("cadence.ics");
    let out = export_ics(&session_path, &ics);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no meeting has a first date"));
    assert!(!ics.exists());
}
