//! The next quarter: `accord next`, `accord diff` and the window's "Start the next review…"
//! and "Compare with…", on the hand-made pair under `tests/fixtures/review/` (its README
//! writes down every difference).

use accord::analysis::diff::{Kind, diff};
use accord::app::FileCommand;
use accord::model::{Agreement, Step};
use accord::storage;
use serde_json::Value;

use crate::cli::{accord, arg, text};
use crate::fixture;
use crate::ui::{app, press, start_sales_led};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

fn q4() -> std::path::PathBuf {
    fixture("review/2026-Q4.ron")
}

fn q1() -> std::path::PathBuf {
    fixture("review/2027-Q1.ron")
}

#[test]
fn next_carries_the_agreements_links_back_and_asks_every_team_again() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("next.ron");
    let out = accord(&["next", arg(&q4()), arg(&new)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with(&format!("{}: the 2027-Q1 review", new.display())));

    let old = storage::load(&q4()).unwrap();
    let next = storage::load(&new).unwrap();
    assert_eq!(next.meta.period, "2027-Q1", "the quarter after OLD's");
    let previous = next.previous.as_ref().unwrap();
    assert_eq!(previous.file, "2026-Q4.ron");
    assert_eq!(previous.period, "2026-Q4");
    let bytes = std::fs::read(q4()).unwrap();
    assert_eq!(previous.sha256, storage::Fingerprint::of(&bytes).hex());
    // Every agreement, stage, SLA, rule, metric and meeting came along…
    assert_eq!(next.definitions.len(), old.definitions.len());
    assert_eq!(next.stages.len(), old.stages.len());
    assert_eq!(next.slas.len(), old.slas.len());
    assert_eq!(next.scoring, old.scoring);
    assert_eq!(next.metrics, old.metrics);
    assert_eq!(next.meetings, old.meetings);
    // …and the signatures as history, none of which counts until the team signs again.
    let mql = next.definitions.iter().find(|d| d.is_term("MQL")).unwrap();
    assert!(
        old.agreement_state(Agreement::Definition(mql.id))
            .unwrap()
            .adopted
    );
    let state = next.agreement_state(Agreement::Definition(mql.id)).unwrap();
    assert!(!state.adopted);
    assert_eq!(mql.signatures.history.len(), 6, "one per signing team");
    // What belonged to the one workshop stays behind.
    assert!(!old.audit.answers.is_empty());
    assert!(next.audit.answers.is_empty());
    assert!(next.agenda.items.iter().all(|i| i.actual_seconds == 0));
    assert!(next.decisions.is_empty());

    // NEW is not replaced without --force; an explicit period is kept.
    let before = std::fs::read(&new).unwrap();
    let out = accord(&["next", arg(&q4()), arg(&new), "--period", "FY27 H1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("pass --force to replace it"));
    assert_eq!(std::fs::read(&new).unwrap(), before);
    let out = accord(&[
        "next",
        arg(&q4()),
        arg(&new),
        "--period",
        "FY27 H1",
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(storage::load(&new).unwrap().meta.period, "FY27 H1");
    // Not even --force writes the next review over the one it starts from.
    let out = accord(&["next", arg(&new), arg(&new), "--force"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("needs a file of its own"));
}

/// `(step, item, field, change)` of every difference from the Q4 review to the Q1 one, read
/// from the table in the fixture's README, in its order. A row whose field ends in ", each"
/// stands for one row per team it names.
fn listed_in_readme() -> Vec<(String, String, String, String)> {
    let readme = std::fs::read_to_string(fixture("review/README.md")).unwrap();
    let mut rows = Vec::new();
    for line in readme.lines().filter(|l| l.starts_with("| ")).skip(2) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let [step, item, field, change, ..] = cells[..] else {
            panic!("a row of six cells: {line}");
        };
        match field.strip_suffix(", each") {
            Some(teams) => {
                for team in teams.split(", ").flat_map(|t| t.split(" and ")) {
                    rows.push((step.into(), item.into(), team.into(), change.into()));
                }
            }
            None => rows.push((step.into(), item.into(), field.into(), change.into())),
        }
    }
    rows
}

#[test]
fn diff_names_exactly_the_differences_the_fixtures_readme_lists_in_its_order() {
    let old = storage::load(&q4()).unwrap();
    let new = storage::load(&q1()).unwrap();
    let changes = diff(&old, &new);
    let found: Vec<(String, String, String, String)> = changes
        .iter()
        .map(|c| {
            let change = match c.change {
                Kind::Added => "added",
                Kind::Removed => "removed",
                Kind::Changed => "changed",
                Kind::Moved => "moved",
            };
            (
                c.step.to_owned(),
                c.item.clone(),
                c.field.clone(),
                change.to_owned(),
            )
        })
        .collect();
    let listed = listed_in_readme();
    assert_eq!(
        listed.len(),
        11,
        "the README's seven rows, one of them for five teams"
    );
    assert_eq!(found, listed, "no more, no fewer, in the README's order");
    let threshold = changes.iter().find(|c| c.item == "MQL threshold").unwrap();
    assert_eq!(
        (threshold.old.as_deref(), threshold.new.as_deref()),
        (Some("50"), Some("60"))
    );
}

fn diff_cli(extra: &[&str]) -> std::process::Output {
    let (old, new) = (q4(), q1());
    let mut args = vec!["diff", arg(&old), arg(&new)];
    args.extend_from_slice(extra);
    accord(&args)
}

#[test]
fn diff_on_the_command_line_in_three_formats_and_with_exit_code() {
    let out = diff_cli(&["--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "differences are no failure without --exit-code"
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["old"]["period"], "2026-Q4");
    assert_eq!(report["new"]["period"], "2027-Q1");
    assert_eq!(report["old"]["title"], report["new"]["title"]);
    assert!(
        report["old"]["file"]
            .as_str()
            .unwrap()
            .ends_with("2026-Q4.ron")
    );
    let changes = report["changes"].as_array().unwrap();
    let threshold = changes
        .iter()
        .find(|c| c["item"] == "MQL threshold")
        .unwrap();
    assert_eq!(threshold["step"], "Lead scoring");
    assert_eq!(threshold["field"], "points");
    assert_eq!(threshold["change"], "changed");
    assert_eq!(
        (threshold["old"].as_str(), threshold["new"].as_str()),
        (Some("50"), Some("60"))
    );
    let added = changes
        .iter()
        .find(|c| c["item"] == "Recycled lead")
        .unwrap();
    assert_eq!(added["change"], "added");
    assert_eq!(added["old"], Value::Null);

    let out = diff_cli(&[]);
    let listing = text(&out.stdout);
    assert!(
        listing.contains("Lead scoring\n  MQL threshold · points: changed\n    - 50\n    + 60\n"),
        "{listing}"
    );

    let out = diff_cli(&["--format", "md"]);
    let markdown = text(&out.stdout);
    assert!(
        markdown.starts_with("## What changed since 2026-Q4\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("- **MQL threshold** · points: “50” → “60”"),
        "{markdown}"
    );

    assert_eq!(diff_cli(&["--exit-code"]).status.code(), Some(1));
    let same = accord(&["diff", arg(&q4()), arg(&q4()), "--exit-code"]);
    assert_eq!(same.status.code(), Some(0));
    assert!(text(&same.stdout).starts_with("No change from"));

    let broken = fixture("broken-syntax.ron");
    let out = accord(&["diff", arg(&q4()), arg(&broken)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with(&format!("{}:4:", broken.display())));
}

#[test]
fn the_window_starts_the_next_review_and_compares_it_with_the_last() {
    let data = tempfile::tempdir().unwrap();
    let this = data.path().join("this quarter.ron");
    let next = data.path().join("next quarter.ron");
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    harness.state_mut().queue(FileCommand::SaveAs(this.clone()));
    harness.run();
    harness
        .state_mut()
        .queue(FileCommand::StartNextReview(next.clone()));
    harness.run();
    assert_eq!(harness.state().doc.path.as_deref(), Some(next.as_path()));
    harness.get_by_label_contains("review is open");

    // The room raises the threshold and gives SQL to another team.
    press(&mut harness, Step::LeadScoring.label());
    crate::ui_scoring::set_number(&mut harness, "MQL threshold", "65");
    assert_eq!(harness.state().doc.session.scoring.threshold, 65);
    press(&mut harness, Step::Pipeline.label());
    harness.get_by_role_and_label(Role::Button, "SQL").click();
    harness.run();
    crate::ui::scroll_until_shown(&mut harness, "Owner of the SQL stage");
    harness.get_by_label("Owner of the SQL stage").click();
    harness.run();
    // The picker's options are the only clickable "Customer Success" on the page.
    let option = harness
        .query_all_by_label("Customer Success")
        .find(|node| {
            let role = node.accesskit_node().role();
            role != Role::Label && role != Role::TextRun
        })
        .unwrap();
    option.click();
    harness.run();
    assert_eq!(
        {
            let session = &harness.state().doc.session;
            let sql = session.stages.iter().find(|s| s.name == "SQL").unwrap();
            session.team_name(sql.owner).to_owned()
        },
        "Customer Success"
    );

    harness
        .state_mut()
        .queue(FileCommand::Compare(this.clone()));
    harness.run();
    // Named by the last review's period, old and new headed with theirs.
    let last = harness
        .state()
        .doc
        .session
        .previous
        .as_ref()
        .unwrap()
        .period
        .clone();
    assert!(
        !last.is_empty(),
        "a new session has this quarter as its period"
    );
    harness.get_by_label(&format!("What changed since {last}"));
    harness.get_by_label(&format!("Then ({last})"));
    let period = harness.state().doc.session.meta.period.clone();
    harness.get_by_label(&format!("Now ({period})"));
    harness.get_by_label("MQL threshold · points");
    harness.get_by_label("SQL · owner");
    harness.get_by_label("65");
    press(&mut harness, "Close");
    assert!(harness.state().modal.is_none());
    // The top bar says which quarter is open.
    harness.get_by_label(&period);
}

/// Finds the figure the trend view names `name` ("Win rate, 2027-Q1: 28%"): a label named for
/// screen readers, its text being the number alone.
fn figure(harness: &egui_kittest::Harness<'static, accord::app::App>, name: &str) {
    let found = harness
        .query_all_by(|node| node.label().as_deref() == Some(name))
        .count();
    assert_eq!(found, 1, "{name}");
}

/// The series beside each other in a folder, as a facilitator keeps them.
fn series_in(dir: &std::path::Path) {
    for quarter in ["2026-Q3", "2026-Q4", "2027-Q1"] {
        let name = format!("{quarter}.ron");
        std::fs::copy(fixture(&format!("trend/{name}")), dir.join(&name)).unwrap();
    }
}

#[test]
fn the_trend_view_follows_the_reviews_back_and_draws_each_figure() {
    let data = tempfile::tempdir().unwrap();
    let reviews = tempfile::tempdir().unwrap();
    series_in(reviews.path());
    let mut harness = app(data.path(), Some(reviews.path().join("2027-Q1.ron")));
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Trend over reviews").click();
    harness.run();
    // Q4 and Q3 were found through each review's "started from".
    harness.get_by_label_contains("3 reviews: 2026-Q3 (2026-Q3.ron), 2026-Q4 (2026-Q4.ron)");
    figure(&harness, "Alignment score, 2027-Q1: 57.1%");
    figure(&harness, "Lead → MQL, 2026-Q3: 33.3%");
    // Nobody counted the funnel in Q1: missing, not zero.
    figure(&harness, "Lead → MQL, 2027-Q1: –");
    let share = "Sales (SDR) → Marketing: MQL follow-up, share met";
    figure(&harness, &format!("{share}, 2026-Q4: 80.0%"));
    figure(&harness, &format!("{share}, 2027-Q1: 90.0%"));
    figure(&harness, "Sales cycle length, 2027-Q1: 66 days");
    harness.get_by_label_contains("No review holds a figure for:");
    // Each headline names its quarter: the funnel's latest is from the review before.
    assert!(harness.query_all_by_label("in 2027-Q1").count() > 1);
    assert!(
        harness.query_all_by_label("in 2026-Q4").count() >= 1,
        "a figure the last review lacks names the quarter it is from"
    );
    press(&mut harness, "Close");
    assert!(harness.state().modal.is_none());
}

#[test]
fn the_trend_view_takes_reviews_added_by_hand_and_says_what_it_could_not_use() {
    let data = tempfile::tempdir().unwrap();
    let reviews = tempfile::tempdir().unwrap();
    series_in(reviews.path());
    // Q3 alone: it names no earlier review.
    let mut harness = app(data.path(), Some(reviews.path().join("2026-Q3.ron")));
    harness.state_mut().queue(accord::app::UiCommand::ShowTrend);
    harness.run();
    harness.get_by_label("A trend needs an earlier review");
    harness.state_mut().queue(FileCommand::AddToTrend(vec![
        reviews.path().join("2027-Q1.ron"),
        reviews.path().join("2026-Q3.ron"),
        fixture("broken-syntax.ron"),
    ]));
    harness.run();
    harness.get_by_label_contains("2 reviews: 2026-Q3 (this review), 2027-Q1 (2027-Q1.ron)");
    harness.get_by_label_contains("2026-Q3.ron is in the trend already.");
    harness.get_by_label_contains("broken-syntax.ron could not be read:");
    figure(&harness, "Alignment score, 2026-Q3: 14.3%");
}

/// `accord export` of `file` in `format` into `dir`: the document's bytes and what went to
/// stderr.
fn export(
    file: &std::path::Path,
    format: &str,
    dir: &std::path::Path,
    extra: &[&str],
) -> (Vec<u8>, String) {
    let output = dir.join(format!("out.{format}"));
    let mut args = vec![
        "export",
        arg(file),
        "--format",
        format,
        "--output",
        arg(&output),
    ];
    args.extend_from_slice(extra);
    let out = accord(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    (std::fs::read(&output).unwrap(), text(&out.stderr))
}

#[test]
fn the_documents_say_what_changed_since_the_review_they_were_started_from() {
    let dir = tempfile::tempdir().unwrap();
    // 2027-Q1.ron names 2026-Q4.ron, which is beside it.
    let (md, warnings) = export(&q1(), "md", dir.path(), &[]);
    assert!(warnings.is_empty(), "{warnings}");
    let md = String::from_utf8(md).unwrap();
    let section = md
        .split("## What changed since 2026-Q4\n\n")
        .nth(1)
        .expect("the section, after the checklist")
        .split("\n## ")
        .next()
        .unwrap();
    assert!(md.find("## Readiness") < md.find("## What changed since"));
    assert!(
        section.starts_with("### Shared definitions\n\n- **Recycled lead** added\n"),
        "{section}"
    );
    assert!(
        section.contains("- **MQL threshold** · points: “50” → “60”"),
        "{section}"
    );
    assert!(
        section.contains("- **SQL** · owner: “Sales (SDR)” → “Sales (AE)”"),
        "{section}"
    );

    let (html, _) = export(&q1(), "html", dir.path(), &[]);
    let html = String::from_utf8(html).unwrap();
    assert!(html.contains("<h2>What changed since 2026-Q4</h2>"));
    assert!(html.contains(
        "<tr><td class=\"text\">MQL threshold · points</td><td class=\"text\">50</td><td class=\"text\">60</td></tr>"
    ), "{html}");

    let (pdf, _) = export(&q1(), "pdf", dir.path(), &[]);
    let flat = pdf_extract::extract_text_from_mem(&pdf)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flat.contains("What changed since 2026-Q4"), "{flat}");
    assert!(flat.contains("MQL threshold · points 50 60"), "{flat}");

    // The first review names none: no section.
    let (md, _) = export(&q4(), "md", dir.path(), &[]);
    assert!(
        !String::from_utf8(md)
            .unwrap()
            .contains("What changed since")
    );
    // Any other review, named.
    let (md, _) = export(&q1(), "md", dir.path(), &["--since", arg(&q1())]);
    let md = String::from_utf8(md).unwrap();
    assert!(
        md.contains("## What changed since 2027-Q1\n\n_Nothing changed._\n"),
        "{md}"
    );
}

#[test]
fn a_document_whose_last_review_is_missing_says_so_and_is_written_without_the_section() {
    let dir = tempfile::tempdir().unwrap();
    let alone = dir.path().join("2027-Q1.ron");
    std::fs::copy(q1(), &alone).unwrap();
    let (md, warnings) = export(&alone, "md", dir.path(), &[]);
    assert!(
        warnings.starts_with(&format!(
            "{}: warning: not saying what changed since the last review: ",
            alone.display()
        )) && warnings.contains("2026-Q4.ron"),
        "{warnings}"
    );
    assert!(
        !String::from_utf8(md)
            .unwrap()
            .contains("What changed since")
    );
}

#[test]
fn the_window_exports_what_changed_since_the_last_review_or_says_why_not() {
    let data = tempfile::tempdir().unwrap();
    let reviews = tempfile::tempdir().unwrap();
    for file in [q4(), q1()] {
        std::fs::copy(&file, reviews.path().join(file.file_name().unwrap())).unwrap();
    }
    let open = reviews.path().join("2027-Q1.ron");
    let mut harness = app(data.path(), Some(open.clone()));
    let md = reviews.path().join("agreement.md");
    harness.state_mut().queue(FileCommand::Export(
        accord::export::Format::Markdown,
        md.clone(),
    ));
    harness.run();
    let written = std::fs::read_to_string(&md).unwrap();
    assert!(
        written.contains("- **MQL threshold** · points: “50” → “60”"),
        "{written}"
    );

    // The last review's file is gone: the export is written, and says what it left out.
    std::fs::remove_file(reviews.path().join("2026-Q4.ron")).unwrap();
    harness.state_mut().queue(FileCommand::Export(
        accord::export::Format::Markdown,
        md.clone(),
    ));
    harness.run();
    harness.get_by_label_contains("It does not say what changed since the last review:");
    assert!(
        !std::fs::read_to_string(&md)
            .unwrap()
            .contains("What changed since")
    );
}

#[test]
fn new_then_next_then_trend_in_the_window_with_no_hand_edit() {
    let data = tempfile::tempdir().unwrap();
    let first = data.path().join("acme.accord.ron");
    let second = data.path().join("acme next.accord.ron");
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    let period = harness.state().doc.session.meta.period.clone();
    assert!(!period.is_empty(), "a new session starts with this quarter");
    harness.state_mut().queue(FileCommand::SaveAs(first));
    harness.run();
    harness
        .state_mut()
        .queue(FileCommand::StartNextReview(second));
    harness.run();
    let next = harness.state().doc.session.meta.period.clone();
    harness.state_mut().queue(accord::app::UiCommand::ShowTrend);
    harness.run();
    harness.get_by_label_contains(&format!("2 reviews: {period} (acme.accord.ron), {next}"));
}
