//! The readiness checklist on every template and on a hand-completed session, through the CLI,
//! and the meeting calendar read back by an independent parser.

use std::process::Command;

use accord::analysis::readiness::readiness;
use accord::model::{Criterion, Function, Metric, MetricKind, Session, SignOff};
use accord::storage::{self, templates};

fn template(name: &str) -> Session {
    templates::find(name).unwrap().session().unwrap()
}

/// The sales-led template after a room that agreed on everything.
pub fn completed_session() -> Session {
    let mut session = template("b2b-sales-led");
    let teams: Vec<_> = session.signing_teams().collect();
    let agree_all = |sign_offs: &mut accord::model::SignOffs| {
        for team in &teams {
            sign_offs.set(*team, SignOff::Agreed);
        }
    };
    session.icp.criteria.push(Criterion {
        attribute: "Industry".into(),
        values: vec!["SaaS".into()],
        ..Criterion::default()
    });
    agree_all(&mut session.icp.sign_offs);
    for definition in &mut session.definitions {
        agree_all(&mut definition.sign_offs);
    }
    for sla in &mut session.slas {
        if sla.when.amount == 0 {
            sla.when.amount = 2;
        }
        sla.time_zone = "Europe/Berlin".into();
        sla.escalation.action = "Raise it at the weekly lead review".into();
        sla.escalation.to = "Head of Revenue".into();
        for team in sla.signers() {
            sla.sign_offs.set(team, SignOff::Agreed);
        }
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
    session.definitions[1].sign_offs.set(
        finance,
        SignOff::Objects {
            reason: "50 points is arbitrary".into(),
        },
    );
    let ready = readiness(&session);
    assert_eq!(ready.done(), ready.total() - 1);
    assert_eq!(ready.checks[1].missing, ["MQL: not agreed by Finance."]);
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

/// Runs `accord export SESSION --format ics --output ICS`.
fn export_ics(session: &std::path::Path, ics: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .arg("export")
        .arg(session)
        .args(["--format", "ics", "--output"])
        .arg(ics)
        .output()
        .unwrap()
}

#[test]
fn the_calendar_reads_back_with_an_independent_parser() {
    let dir = tempfile::tempdir().unwrap();
    let session_path = dir.path().join("ready.ron");
    let session = completed_session();
    storage::save(&session_path, &session).unwrap();
    let ics = dir.path().join("cadence.ics");
    let out = export_ics(&session_path, &ics);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let file = std::io::BufReader::new(std::fs::File::open(&ics).unwrap());
    let calendars: Vec<_> = ical::IcalParser::new(file)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(calendars.len(), 1);
    let events = &calendars[0].events;
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
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.as_deref())
            .map(unescape)
            .unwrap_or_default()
    };
    for (event, meeting) in events.iter().zip(&session.meetings) {
        assert_eq!(value(event, "SUMMARY"), meeting.name);
        assert_eq!(value(event, "DTSTART"), "20261201T090000");
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
    assert_eq!(value(lead_review, "DTEND"), "20261201T093000");
    let uids: std::collections::BTreeSet<_> = events.iter().map(|e| value(e, "UID")).collect();
    assert_eq!(uids.len(), events.len(), "every event has its own id");
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
