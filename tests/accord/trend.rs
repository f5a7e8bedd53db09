//! Did it work: the figures a session keeps (`sla-check --keep`, `funnel --keep`) and
//! `accord trend` on the three-quarter series under `tests/fixtures/trend/`, whose README
//! writes down every figure.

use accord::analysis::compliance;
use accord::import::events::{self, EventColumns};
use accord::import::{self, Progress};
use accord::storage;
use serde_json::Value;

use crate::cli::{accord, arg, text};
use crate::fixture;

const QUARTERS: [&str; 3] = ["2026-Q3", "2026-Q4", "2027-Q1"];

fn review(quarter: &str) -> std::path::PathBuf {
    fixture(&format!("trend/{quarter}.ron"))
}

fn trend_json(files: &[std::path::PathBuf]) -> Value {
    let mut args = vec!["trend"];
    args.extend(files.iter().map(|f| arg(f)));
    args.extend(["--format", "json"]);
    let out = accord(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The values of the series called `name`, rounded to a tenth of a percent or of a unit.
fn values(trend: &Value, name: &str) -> Vec<Option<f64>> {
    let series = trend["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no series {name}"));
    let scale = if series["unit"] == "share" {
        1000.0
    } else {
        10.0
    };
    series["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().map(|v| (v * scale).round() / scale))
        .collect()
}

#[test]
fn trend_reports_every_figure_of_the_series_in_period_order() {
    // Given out of order: the trend puts them in period order.
    let files = [review("2027-Q1"), review("2026-Q3"), review("2026-Q4")];
    let trend = trend_json(&files);
    let periods: Vec<&str> = trend["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["period"].as_str().unwrap())
        .collect();
    assert_eq!(periods, QUARTERS);
    assert_eq!(
        trend["periods"][0]["file"].as_str(),
        Some(arg(&review("2026-Q3")))
    );
    assert_eq!(trend["periods"][0]["title"], "Northwind revenue alignment");

    let some = |values: [f64; 3]| values.map(Some).to_vec();
    assert_eq!(
        values(&trend, "Alignment score"),
        some([0.143, 0.429, 0.571])
    );
    assert_eq!(values(&trend, "Lead → MQL"), [Some(0.333), Some(0.3), None]);
    assert_eq!(values(&trend, "MQL → SQL"), [Some(0.25), Some(0.4), None]);
    assert_eq!(
        values(&trend, "SQL → Opportunity"),
        [Some(0.4), Some(0.45), None]
    );
    assert_eq!(
        values(&trend, "Opportunity → Won"),
        [Some(0.25), Some(0.333), None]
    );
    // Typed without an Expanded count in Q3; counted 0 from the export in Q4.
    assert_eq!(values(&trend, "Won → Expanded"), [None, Some(0.0), None]);
    assert_eq!(
        values(&trend, "MQLs a month"),
        [Some(200.0), Some(150.0), None]
    );
    let follow_up = "Sales (SDR) → Marketing: MQL follow-up";
    assert_eq!(
        values(&trend, &format!("{follow_up}, share met")),
        some([0.5, 0.8, 0.9])
    );
    assert_eq!(
        values(&trend, &format!("{follow_up}, median response")),
        some([4.5, 3.0, 2.0])
    );
    assert_eq!(
        values(&trend, "Pipeline generated ($)"),
        [Some(1_800_000.0), Some(2_100_000.0), None]
    );
    assert_eq!(values(&trend, "Win rate"), some([22.0, 25.0, 28.0]));
    assert_eq!(
        values(&trend, "Sales cycle length"),
        some([84.0, 75.0, 66.0])
    );

    let series = |name: &str| {
        trend["series"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == name)
            .unwrap()
            .clone()
    };
    let share = series(&format!("{follow_up}, share met"));
    assert_eq!(share["group"], "sla");
    assert_eq!(share["targets"], serde_json::json!([0.95, 0.95, 0.9]));
    assert_eq!(share["better"], "higher");
    let median = series(&format!("{follow_up}, median response"));
    assert_eq!(median["unit"], "hours");
    assert_eq!(median["better"], "lower");
    let cycle = series("Sales cycle length");
    assert_eq!(cycle["group"], "metric");
    assert_eq!(cycle["unit"], "days");
    assert_eq!(cycle["targets"], serde_json::json!([60.0, 60.0, 60.0]));
    assert_eq!(cycle["better"], "lower", "its target is below its value");
    assert_eq!(series("Win rate")["better"], "higher");
    // A metric no quarter gave a value is there, with nulls, not zeros.
    assert_eq!(
        series("CAC payback")["values"],
        serde_json::json!([null, null, null])
    );
}

#[test]
fn trend_text_shows_a_missing_figure_as_a_dash_and_lists_the_unheld() {
    let files = QUARTERS.map(review);
    let out = accord(&["trend", arg(&files[0]), arg(&files[1]), arg(&files[2])]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let line = |start: &str| {
        stdout
            .lines()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("no line {start} in\n{stdout}"))
            .split_whitespace()
            .rev()
            .take(3)
            .collect::<Vec<_>>()
    };
    assert_eq!(line("Lead → MQL"), ["–", "30.0%", "33.3%"]);
    assert_eq!(line("Win rate"), ["28%", "25%", "22%"]);
    assert_eq!(line("Pipeline generated"), ["–", "$2.1M", "$1.8M"]);
    assert!(
        stdout.contains("No review holds a figure for: ") && stdout.contains("CAC payback"),
        "{stdout}"
    );
    assert!(
        !stdout
            .lines()
            .any(|l| l.trim_start().starts_with("CAC payback")),
        "a figure no review holds is not drawn as a row of dashes"
    );
}

#[test]
fn trend_needs_two_loadable_reviews_of_different_periods() {
    let one = accord(&["trend", arg(&review("2026-Q3"))]);
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(
        text(&one.stderr).trim(),
        "a trend needs two reviews or more; 1 given"
    );

    let broken = fixture("broken-syntax.ron");
    let out = accord(&["trend", arg(&review("2026-Q3")), arg(&broken)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with(&format!("{}:", broken.display())),
        "{}",
        text(&out.stderr)
    );

    let same = accord(&["trend", arg(&review("2026-Q3")), arg(&review("2026-Q3"))]);
    assert_eq!(same.status.code(), Some(1));
    assert!(
        text(&same.stderr).contains("are both reviews of 2026-Q3"),
        "{}",
        text(&same.stderr)
    );
}

/// The kept figures are what checking the CSV beside each review gives today: the series
/// is not stale against the code that made it.
#[test]
fn each_review_keeps_the_figures_its_events_give() {
    for quarter in QUARTERS {
        let session = storage::load(&review(quarter)).unwrap();
        let sla = session
            .slas
            .iter()
            .find(|s| s.name == "MQL follow-up")
            .unwrap();
        let csv = fixture(&format!("trend/events-{quarter}.csv"));
        let preview = import::preview(&csv, 20).unwrap();
        let columns = EventColumns::guess(&preview);
        let zone = accord::analysis::clock::zone(&sla.time_zone).unwrap();
        let table = events::read(
            &preview,
            columns,
            columns.date_order(&preview),
            &zone,
            &Progress::default(),
        )
        .unwrap();
        let result = compliance::check(sla, &table).unwrap();
        let kept = sla.last_check.as_ref().expect("the check is kept");
        assert_eq!(*kept, compliance::kept(sla, &table, &result), "{quarter}");
        assert_eq!(kept.source.file, format!("events-{quarter}.csv"));
        assert_eq!(kept.judged, 10);
    }
    let q4 = storage::load(&review("2026-Q4")).unwrap();
    let source = q4.funnel.source.as_ref().expect("counted from the export");
    assert_eq!(source.file, "crm-2026-Q4.csv");
    let bytes = std::fs::read(fixture("trend/crm-2026-Q4.csv")).unwrap();
    assert_eq!(source.sha256, storage::Fingerprint::of(&bytes).hex());
    let q3 = storage::load(&review("2026-Q3")).unwrap();
    assert_eq!(q3.funnel.source, None, "typed counts name no file");
}

#[test]
fn keep_writes_the_figures_into_the_session_and_the_next_review_drops_them() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("q.ron");
    std::fs::copy(review("2026-Q3"), &session).unwrap();
    let before = storage::load(&session).unwrap();

    // Without --keep the session file is not touched.
    let csv = fixture("trend/events-2026-Q4.csv");
    let out = accord(&[
        "sla-check",
        arg(&csv),
        "--session",
        arg(&session),
        "--sla",
        "mql follow-up",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(storage::load(&session).unwrap(), before);

    let out = accord(&[
        "sla-check",
        arg(&csv),
        "--session",
        arg(&session),
        "--sla",
        "mql follow-up",
        "--keep",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["kept"], true);
    let kept = storage::load(&session).unwrap();
    let figures = kept
        .slas
        .iter()
        .find(|s| s.name == "MQL follow-up")
        .and_then(|s| s.last_check.clone())
        .unwrap();
    assert_eq!(figures.source.file, "events-2026-Q4.csv");
    assert_eq!(figures.share_met, Some(0.8));
    assert_eq!(figures.median, Some(3.0));
    assert_eq!(figures.unit, "hours");
    assert_eq!(figures.from, Some(jiff::civil::date(2026, 10, 5)));
    assert_eq!(figures.to, Some(jiff::civil::date(2026, 10, 14)));
    assert!(
        dir.path().join("q.ron.bak").exists(),
        "the old version is kept"
    );

    let out = accord(&[
        "funnel",
        "--session",
        arg(&session),
        "--counts",
        "lead=1000,mql=250",
        "--keep",
        "--period",
        "2026-10",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Kept in the session"));
    let kept = storage::load(&session).unwrap();
    assert_eq!(kept.funnel.period, "2026-10");
    let counts: Vec<u64> = kept.funnel.counts.values().copied().collect();
    assert_eq!(counts, [1000, 250], "the counts given, and only those");
    assert_eq!(kept.funnel.source, None);

    // --period means nothing without --keep.
    let out = accord(&["funnel", "--session", arg(&session), "--period", "2026-10"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));

    let next = dir.path().join("next.ron");
    let out = accord(&["next", arg(&session), arg(&next)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let next = storage::load(&next).unwrap();
    assert!(next.slas.iter().all(|s| s.last_check.is_none()));
    assert!(next.funnel.counts.is_empty() && next.funnel.source.is_none());
}

#[test]
fn new_then_next_then_trend_works_from_a_first_start() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("acme.accord.ron");
    let out = accord(&[
        "new",
        "--template",
        "b2b-sales-led",
        "--title",
        "Acme revenue alignment",
        "--company",
        "Acme",
        "--facilitator",
        "Dana Scott",
        "--date",
        "2026-12-03",
        "--period",
        "2026-Q4",
        arg(&first),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let meta = storage::load(&first).unwrap().meta;
    assert_eq!(
        (
            meta.title.as_str(),
            meta.company.as_str(),
            meta.facilitator.as_str()
        ),
        ("Acme revenue alignment", "Acme", "Dana Scott")
    );
    assert_eq!(meta.date, Some(jiff::civil::date(2026, 12, 3)));
    assert_eq!(meta.period, "2026-Q4");

    let second = dir.path().join("acme-2027-Q1.accord.ron");
    let out = accord(&["next", arg(&first), arg(&second)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let trend = trend_json(&[first.clone(), second.clone()]);
    let periods: Vec<&str> = trend["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["period"].as_str().unwrap())
        .collect();
    assert_eq!(periods, ["2026-Q4", "2027-Q1"]);

    // A first review started with nothing but a template: the one after it says where it
    // stands.
    let bare = dir.path().join("bare.accord.ron");
    let bare_next = dir.path().join("bare-next.accord.ron");
    let out = accord(&["new", "--template", "blank", arg(&bare)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = accord(&["next", arg(&bare), arg(&bare_next)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let next_period = storage::load(&bare_next).unwrap().meta.period;
    let trend = trend_json(&[bare_next, bare.clone()]);
    assert_eq!(
        trend["periods"][0]["period"],
        format!("before {next_period}").as_str()
    );
    assert_eq!(trend["periods"][1]["period"], next_period.as_str());

    let out = accord(&["new", "--template", "blank", "--date", "3 Dec", arg(&bare)]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a date that is not one is refused"
    );
}
