//! The command line's contract: commands, exit codes and messages that scripts rely on.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use accord::storage::templates::TEMPLATES;

use super::{fixture, workshop};

pub(crate) fn accord(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .output()
        .expect("the accord binary runs")
}

pub(crate) fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub(crate) fn arg(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

#[test]
fn templates_lists_each_bundled_template_on_its_own_line() {
    let out = accord(&["templates"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    let lines: Vec<_> = stdout.lines().collect();
    assert_eq!(lines.len(), TEMPLATES.len());
    for (line, template) in lines.iter().zip(TEMPLATES) {
        assert!(line.starts_with(template.name), "{line}");
        assert!(line.ends_with(template.description), "{line}");
    }
}

#[test]
fn new_then_validate_succeeds_for_every_template() {
    let dir = tempfile::tempdir().unwrap();
    for template in TEMPLATES {
        let path = dir.path().join(format!("{}.ron", template.name));
        let out = accord(&["new", "--template", template.name, arg(&path)]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(
            std::fs::read(&path).unwrap(),
            std::fs::read(workshop(template.name)).unwrap(),
            "a new session is the template, byte for byte"
        );
        let out = accord(&["validate", arg(&path)]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let stdout = text(&out.stdout);
        assert!(stdout.contains("valid"), "{stdout}");
        assert_eq!(stdout.lines().count(), 1, "one line: {stdout}");
    }
}

#[test]
fn new_refuses_to_overwrite_unless_forced_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.ron");
    std::fs::write(&path, "my precious work").unwrap();

    let out = accord(&["new", "--template", "blank", arg(&path)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--force"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my precious work");

    let out = accord(&["new", "--force", "--template", "blank", arg(&path)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // Not a session, so not the backup (a backup always loads), but not lost either.
    assert!(!dir.path().join("session.ron.bak").exists());
    let kept = dir.path().join("session.ron.broken");
    assert_eq!(std::fs::read_to_string(kept).unwrap(), "my precious work");

    let out = accord(&["new", "--force", "--template", "blank", arg(&path)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let backup = dir.path().join("session.ron.bak");
    assert_eq!(
        std::fs::read(backup).unwrap(),
        std::fs::read(&path).unwrap(),
        "a session is kept as the backup"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(accord(&["validate"]).status.code(), Some(2));
    assert_eq!(accord(&["frobnicate", "x", "y"]).status.code(), Some(2));
    let out = accord(&["new", "--template", "no-such-template", "x.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("b2b-sales-led"),
        "lists the templates"
    );
}

#[test]
fn validate_reports_file_line_and_column_and_leaves_the_file_alone() {
    let path = fixture("broken-syntax.ron");
    let before = std::fs::read(&path).unwrap();
    let out = accord(&["validate", arg(&path)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    let prefix = format!("{}:4:", path.display());
    assert!(stderr.starts_with(&prefix), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(
        stderr.matches("Expected comma").count(),
        1,
        "said once: {stderr}"
    );
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn validate_refuses_a_newer_format_naming_both_versions() {
    let path = fixture("future-version.ron");
    let out = accord(&["validate", arg(&path)]);
    assert_eq!(out.status.code(), Some(1));
    // Both versions by name, in the one line the user reads: not any message with a "1".
    assert_eq!(
        text(&out.stderr),
        format!(
            "{}: written by a newer Accord (file format 99); this version reads formats up to {}\n",
            path.display(),
            accord::model::CURRENT_VERSION
        )
    );
}

#[test]
fn validate_a_missing_file_exits_1_naming_it() {
    let out = accord(&["validate", "/no/such/session.ron"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_eq!(
        stderr.trim_end(),
        "/no/such/session.ron: cannot read the file: No such file or directory (os error 2)"
    );
}

#[test]
fn huge_and_deeply_nested_files_fail_cleanly_and_fast() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.ron");
    let mut bytes = b"(meta: (notes: \"".to_vec();
    bytes.resize(50 * 1024 * 1024, b'a');
    std::fs::write(&huge, &bytes).unwrap();
    let deep = dir.path().join("deep.ron");
    let depth = 100_000;
    std::fs::write(
        &deep,
        format!("(notes: {}{})", "[".repeat(depth), "]".repeat(depth)),
    )
    .unwrap();

    for (path, expected) in [(&huge, "larger than"), (&deep, "nested")] {
        let started = Instant::now();
        let out = accord(&["validate", arg(path)]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        let stderr = text(&out.stderr);
        assert!(stderr.contains(expected), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        // Not a benchmark: a hang or a crawl through the whole file would blow far past this.
        assert!(started.elapsed() < Duration::from_secs(20));
    }
}

#[test]
fn a_save_into_a_read_only_folder_fails_and_leaves_the_old_file() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.ron");
    std::fs::write(&path, "the old file").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();

    // Root writes anywhere, so as root the save runs as the unprivileged user "nobody".
    let as_root = std::fs::metadata("/proc/self").is_ok_and(|m| {
        use std::os::unix::fs::MetadataExt as _;
        m.uid() == 0
    });
    let save = ["new", "--force", "--template", "blank", arg(&path)];
    // The checkout may sit in a folder "nobody" cannot enter, so it runs a copy of the binary.
    let bin_dir = tempfile::tempdir().unwrap();
    let out = if as_root {
        let binary = bin_dir.path().join("accord");
        std::fs::copy(env!("CARGO_BIN_EXE_accord"), &binary).unwrap();
        std::fs::set_permissions(bin_dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&binary)
            .args(save)
            .output()
            .expect("setpriv runs")
    } else {
        accord(&save)
    };
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();

    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("cannot create a file in this folder: Permission denied"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("Permission denied").count(),
        1,
        "said once: {stderr}"
    );
    assert!(stderr.contains(arg(dir.path())), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "the old file");
}

#[test]
fn kill_9_during_repeated_saves_leaves_the_old_or_the_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.ron");
    let versions = [
        std::fs::read(workshop("blank")).unwrap(),
        std::fs::read(workshop("b2b-sales-led")).unwrap(),
    ];
    std::fs::write(&path, &versions[0]).unwrap();
    for round in 0..40_u64 {
        let template = if round % 2 == 0 {
            "b2b-sales-led"
        } else {
            "blank"
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_accord"))
            .args(["new", "--force", "--template", template, arg(&path)])
            .spawn()
            .unwrap();
        // Kill at a spread of moments: before, during and after the write.
        std::thread::sleep(Duration::from_micros((round * 7919) % 6000));
        let _ = child.kill();
        let _ = child.wait();
        let on_disk = std::fs::read(&path).unwrap();
        assert!(
            versions.contains(&on_disk),
            "round {round}: the file is neither version ({} bytes)",
            on_disk.len()
        );
        let backup = dir.path().join("session.ron.bak");
        if let Ok(backup) = std::fs::read(backup) {
            assert!(versions.contains(&backup), "round {round}: torn backup");
        }
    }
}

fn icp(extra: &[&str]) -> Output {
    let file = fixture("import/customers-small.csv");
    let mut args = vec![
        "icp",
        arg(&file),
        "--revenue",
        "ARR",
        "--churned",
        "churned",
    ];
    args.extend_from_slice(extra);
    accord(&args)
}

#[test]
fn icp_json_holds_the_totals_and_every_values_figures() {
    let out = icp(&[
        "--tenure",
        "Tenure months",
        "--attribute",
        "Industry",
        "--attribute",
        "Employees",
        "--bands",
        "Employees=50,100",
        "--min-count",
        "3",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let totals = &json["totals"];
    assert_eq!(totals["rows_read"], 22);
    assert_eq!(totals["rows_skipped"], 3);
    assert_eq!(totals["skipped"][0]["reason"], "blank revenue");
    assert_eq!(totals["customers"], 19);
    assert_eq!(totals["retained"], 14);
    assert_eq!(totals["best"], 3);
    assert_eq!(totals["best_revenue_share"], 260_000.0 / 558_500.0);
    assert_eq!(totals["churn_rate"], 5.0 / 19.0);
    assert_eq!(json["skipped_rows"][0]["line"], 21);
    assert_eq!(json["source"]["file"], "customers-small.csv");
    assert_eq!(json["source"]["sha256"].as_str().unwrap().len(), 64);

    let industry = &json["attributes"][0];
    assert_eq!(industry["name"], "Industry");
    let software = industry["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["value"] == "Software")
        .unwrap();
    for (field, expected) in [
        ("count_all", 7.0),
        ("count_best", 2.0),
        ("count_churned", 1.0),
        ("share_all", 7.0 / 19.0),
        ("share_best", 2.0 / 3.0),
        ("lift", (2.0 / 3.0) / (7.0 / 19.0)),
        ("churn_rate", 1.0 / 7.0),
    ] {
        assert_eq!(software[field].as_f64(), Some(expected), "{field}");
    }
    let bands: Vec<_> = json["attributes"][1]["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(bands, ["< 50", "50–100", "≥ 100"]);
    assert_eq!(json["patterns"][0]["attribute"], "Employees");
    assert_eq!(json["patterns"][0]["value"], "≥ 100");
    assert_eq!(json["anti_patterns"][0]["value"], "Education");
}

#[test]
fn icp_text_names_the_best_customers_and_the_top_pattern() {
    let out = icp(&["--top-share", "0.5", "--min-count", "3"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    // Half of 14 retained: 7 best.
    assert!(stdout.contains("Best customers: 7 "), "{stdout}");
    assert!(
        stdout.contains("line 22: revenue “call me” is not an amount"),
        "{stdout}"
    );
    assert!(stdout.contains("Suggested criteria"), "{stdout}");
}

#[test]
fn icp_names_the_columns_when_one_is_missing_and_refuses_a_bad_share() {
    let out = icp(&["--attribute", "Segment"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("there is no column “Segment”"), "{stderr}");
    assert!(stderr.contains("Company, Industry, Employees"), "{stderr}");

    let out = icp(&["--top-share", "20"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not a share between 0 and 1"));
}

fn score(extra: &[&str]) -> Output {
    let leads = fixture("leads/leads-small.csv");
    let session = workshop("b2b-sales-led");
    let mut args = vec!["score", arg(&leads), "--session", arg(&session)];
    args.extend_from_slice(extra);
    accord(&args)
}

#[test]
fn score_json_lists_each_leads_score_and_the_volumes() {
    let out = score(&["--format", "json", "--target", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["threshold"], 50);
    let scores: Vec<i64> = report["leads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|lead| lead["score"].as_i64().unwrap())
        .collect();
    assert_eq!(scores, [85, -35, 25, 80, 15, 40, -10, 65, 45, 30, 75, 60]);
    assert_eq!(report["leads"][0]["lead"], "ana@acme.com");
    assert_eq!(report["leads"][0]["line"], 2);
    assert_eq!(report["leads"][0]["mql"], true);
    let summary = &report["summary"];
    assert_eq!(summary["leads"], 12);
    assert_eq!(summary["mqls"], 5);
    assert_eq!(summary["months"], 3);
    assert_eq!(summary["undated_leads"], 1);
    assert_eq!(summary["by_month"][2]["month"], "2026-03");
    assert_eq!(summary["by_month"][2]["mqls"], 2);
    assert_eq!(summary["target"]["threshold"], 65);
    assert_eq!(summary["capacity_per_month"], serde_json::Value::Null);
    let binned: u64 = summary["distribution"]
        .as_array()
        .unwrap()
        .iter()
        .map(|bin| bin["leads"].as_u64().unwrap())
        .sum();
    assert_eq!(binned, 12);
}

#[test]
fn score_summary_and_threshold_change_the_count_not_the_scores() {
    let out = score(&["--summary", "--threshold", "70"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("MQL at 70 points"), "{stdout}");
    assert!(stdout.contains("MQLs: 3 of 12 leads"), "{stdout}");
    assert!(!stdout.contains("ana@acme.com"), "a summary names no lead");

    let negative = score(&["--summary", "--threshold", "-40", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&negative.stdout).unwrap();
    assert_eq!(report["summary"]["mqls"], 12);
    assert!(report.get("leads").is_none());
}

#[test]
fn score_names_the_problem_with_a_bad_column_or_session() {
    let out = score(&["--column", "Job title=Role"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("no column “Role”"), "{stderr}");
    assert!(
        stderr.contains("Job Title"),
        "it lists the columns: {stderr}"
    );

    let out = score(&["--column", "Shoe size=Employees"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("“Shoe size” is not a field"));

    let leads = fixture("leads/leads-small.csv");
    let out = accord(&["score", arg(&leads), "--session", "/no/such/session.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("/no/such/session.ron"));

    let out = accord(&["score", arg(&leads)]);
    assert_eq!(out.status.code(), Some(2), "--session is required");
}

#[test]
fn export_writes_markdown_and_csv_tables() {
    let dir = tempfile::tempdir().unwrap();
    let session = workshop("b2b-sales-led");
    let md = dir.path().join("agreement.md");
    let out = accord(&[
        "export",
        arg(&session),
        "--format",
        "md",
        "--output",
        arg(&md),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&md).unwrap();
    assert!(written.starts_with("# Revenue alignment workshop\n"));
    assert!(written.contains("### MQL"));

    for (format, name, magic) in [
        ("html", "page.html", &b"<!DOCTYPE html>"[..]),
        ("xlsx", "tables.xlsx", &b"PK"[..]),
    ] {
        let path = dir.path().join(name);
        let out = accord(&[
            "export",
            arg(&session),
            "--format",
            format,
            "--output",
            arg(&path),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert!(std::fs::read(&path).unwrap().starts_with(magic), "{format}");
    }

    // Without --table, CSV goes to a folder, one file per table.
    let folder = dir.path().join("tables");
    let out = accord(&[
        "export",
        arg(&session),
        "--format",
        "csv",
        "--output",
        arg(&folder),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 14, "{files:?}");
    assert!(files.contains(&"signatures.csv".to_owned()));
    // The room's tables are there, with their headers, before the room was ever opened.
    assert!(files.contains(&"room_answers.csv".to_owned()));
    assert!(files.contains(&"votes.csv".to_owned()));
    assert!(files.contains(&"stages.csv".to_owned()));

    let one = dir.path().join("slas.csv");
    let out = accord(&[
        "export",
        arg(&session),
        "--format",
        "csv",
        "--table",
        "slas",
        "--output",
        arg(&one),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        std::fs::read_to_string(&one)
            .unwrap()
            .starts_with("SLA,From,To,What,When")
    );

    let out = accord(&[
        "export",
        arg(&session),
        "--format",
        "csv",
        "--table",
        "nope",
        "--output",
        arg(&one),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("there is no table called “nope”"));
}

/// `accord sla-check` on the events fixture, against a sales-led session whose follow-up SLA
/// counts 4 business hours in Berlin.
fn sla_check(extra: &[&str]) -> (Output, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let session_path = dir.path().join("session.ron");
    let session = crate::compliance::follow_up_session();
    accord::storage::save(&session_path, &session).unwrap();
    let events = fixture("events/mql-follow-up.csv");
    let mut args = vec!["sla-check", arg(&events), "--session", arg(&session_path)];
    args.extend_from_slice(extra);
    (accord(&args), dir)
}

#[test]
fn sla_check_prints_the_hand_computed_compliance() {
    let (out, _dir) = sla_check(&["--sla", "mql follow-up", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["sla"]["name"], "MQL follow-up");
    assert_eq!(report["sla"]["business_hours"], "09:00–17:00, Mon–Fri");
    assert_eq!(report["columns"]["handled"], "First touch");
    assert_eq!(report["rows_skipped"], 3);
    assert_eq!(report["skipped"][0]["line"], 11);
    let result = &report["result"];
    assert_eq!(result["kind"], "response");
    assert_eq!(result["unit"], "business hours");
    assert_eq!(result["overall"]["met"], 5);
    assert_eq!(result["overall"]["missed"], 3);
    assert_eq!(result["overall"]["open"], 1);
    assert_eq!(result["overall"]["share_met"], 0.625);
    assert_eq!(result["overall"]["median"], 3.0);
    assert_eq!(result["overall"]["meets_target"], false);
    assert_eq!(result["by_owner"][0]["owner"], "Ana");
    assert_eq!(result["by_owner"][0]["share_met"], 1.0);

    let (out, _dir) = sla_check(&["--sla", "MQL follow-up"]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("All               9        5       3"),
        "{stdout}"
    );
    assert!(stdout.contains("62.5%"), "{stdout}");
    assert!(
        stdout.contains("mql-follow-up.csv:11: column 2 (Created)"),
        "{stdout}"
    );
}

#[test]
fn sla_check_columns_can_be_named_and_mistakes_name_what_exists() {
    // The columns named on the command line win over the guess.
    let (out, _dir) = sla_check(&[
        "--sla",
        "MQL follow-up",
        "--handled",
        "created",
        "--created",
        "First touch",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["columns"]["created"], "First touch");
    assert_eq!(report["columns"]["handled"], "Created");

    let (out, _dir) = sla_check(&["--sla", "MQL follow-up", "--owner", "Rep"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("--owner Rep"), "{stderr}");
    assert!(
        stderr.contains("Lead ID, Created, First touch, Lead owner"),
        "{stderr}"
    );

    let (out, _dir) = sla_check(&["--sla", "Follow-up"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("no SLA called “Follow-up”"), "{stderr}");
    assert!(stderr.contains("MQL follow-up"), "{stderr}");

    let (out, _dir) = sla_check(&["--sla", "MQL volume"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no agreed amount yet"));

    let (out, _dir) = sla_check(&[]);
    assert_eq!(out.status.code(), Some(2), "--sla is required");
}

fn funnel(extra: &[&str]) -> Output {
    let session = workshop("b2b-sales-led");
    let mut args = vec!["funnel", "--session", arg(&session)];
    args.extend_from_slice(extra);
    accord(&args)
}

#[test]
fn funnel_counts_give_rates_flags_and_the_misalignment_signal() {
    let out = funnel(&[
        "--counts",
        "lead=1000,MQL=550,sql=60,opportunity=20,won=5",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["counts_from"], "counts");
    assert_eq!(report["stages"][5]["count"], serde_json::Value::Null);
    let steps = report["steps"].as_array().unwrap();
    let flags: Vec<&str> = steps.iter().map(|s| s["flag"].as_str().unwrap()).collect();
    assert_eq!(flags, ["none", "far_below", "below", "none", "none"]);
    assert_eq!(steps[0]["rate"], 0.55);
    assert_eq!(steps[3]["cumulative"], 0.005);
    assert_eq!(steps[1]["typical"], serde_json::json!([0.3, 0.6]));
    assert!(
        report["signals"][0]
            .as_str()
            .unwrap()
            .contains("only 3.6% of them become opportunities")
    );
    assert_eq!(report["ranges_source"]["publisher"], "b2blead.io");
}

#[test]
fn funnel_counts_a_crm_export_by_the_stage_each_record_reached() {
    let csv = fixture("funnel/records.csv");
    let out = funnel(&[
        "--csv",
        arg(&csv),
        "--stage-column",
        "Lifecycle stage",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let counts: Vec<u64> = report["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["count"].as_u64().unwrap())
        .collect();
    assert_eq!(counts, [19, 11, 6, 3, 1, 0]);
    assert_eq!(report["unmatched"][0]["value"], "Closed lost");
    assert_eq!(report["unmatched"][0]["rows"], 1);
    assert_eq!(report["source"]["file"], "records.csv");
}

#[test]
fn funnel_mistakes_name_what_exists() {
    let out = funnel(&["--counts", "lead=1000,pql=30"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("no stage “pql”"), "{stderr}");
    assert!(
        stderr.contains("Lead, MQL, SQL, Opportunity, Won, Expanded"),
        "{stderr}"
    );

    // The window and the command line read counts the same way: "1.5k" is no count at all,
    // not the 15 its digits spell.
    for written in ["lead=many", "lead=1.5k"] {
        let out = funnel(&["--counts", written]);
        assert_eq!(out.status.code(), Some(1), "{written}");
        assert!(
            text(&out.stderr).contains("not a whole number"),
            "{written}"
        );
    }

    let csv = fixture("funnel/records.csv");
    let out = funnel(&["--csv", arg(&csv), "--stage-column", "Stage"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("Record, Company, Lifecycle stage"));

    let out = funnel(&["--csv", arg(&csv)]);
    assert_eq!(out.status.code(), Some(2), "--csv needs --stage-column");

    let dir = tempfile::tempdir().unwrap();
    let ranges = dir.path().join("ranges.ron");
    std::fs::write(&ranges, "(source: (title: \"x\"),\n ranges: [").unwrap();
    let out = funnel(&["--counts", "lead=1", "--ranges", arg(&ranges)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("ranges.ron: line"), "{stderr}");
}

#[test]
fn validate_warns_of_a_stage_with_two_accountable_teams() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.ron");
    let mut session = accord::storage::templates::find("b2b-sales-led")
        .unwrap()
        .session()
        .unwrap();
    let sales = session.teams[1].id;
    session.stages[1]
        .raci
        .insert(sales, accord::model::Raci::Accountable);
    accord::storage::save(&path, &session).unwrap();
    let out = accord(&["validate", arg(&path)]);
    assert_eq!(out.status.code(), Some(0), "a warning, not a failure");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "warning: Ownership matrix: MQL has 2 accountable teams (Marketing and Sales (SDR))"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("Hand-offs"), "{stderr}");

    // A hand-off whose SLA binds two other teams is a warning too.
    let mql = session.stages[1].id;
    assert!(session.move_stage(mql, 1));
    accord::storage::save(&path, &session).unwrap();
    let out = accord(&["validate", arg(&path)]);
    assert_eq!(out.status.code(), Some(0), "a warning, not a failure");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "{}: warning: Hand-offs: MQL hands off from Marketing to Sales (AE), but MQL \
             follow-up is between Sales (SDR) and Marketing.",
            path.display()
        )),
        "{stderr}"
    );
}
