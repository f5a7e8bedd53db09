//! `accord sign`, `accord signatures` and the signature warnings of `accord validate`: the
//! names, flags, exit codes and JSON fields scripts rely on.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use crate::cli::{accord, arg, text};

/// A fresh copy of the sales-led template in a scratch folder.
fn session_file(dir: &Path) -> PathBuf {
    let path = dir.join("q1.ron");
    let out = accord(&["new", "--template", "b2b-sales-led", arg(&path)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    path
}

fn sign(file: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["sign", arg(file)];
    args.extend_from_slice(extra);
    accord(&args)
}

fn signatures_json(file: &Path) -> Value {
    let out = accord(&["signatures", arg(file), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The agreement of `kind` called `name` in `accord signatures --format json`.
fn agreement<'a>(report: &'a Value, kind: &str, name: &str) -> &'a Value {
    report
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == kind && a["name"] == name)
        .unwrap_or_else(|| panic!("no {kind} {name} in {report:#}"))
}

fn team<'a>(agreement: &'a Value, name: &str) -> &'a Value {
    agreement["teams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["team"] == name)
        .unwrap()
}

#[test]
fn a_signature_from_the_command_line_goes_stale_when_the_file_is_edited_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let file = session_file(dir.path());

    let out = sign(
        &file,
        &[
            "--item",
            "definition:mql",
            "--team",
            "marketing",
            "--by",
            "Dana Scott",
            "--position",
            "endorse",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!("{}: Marketing endorse MQL\n", file.display())
    );
    let why = "Answered by e-mail: the threshold is worth a try";
    let out = sign(
        &file,
        &[
            "--item",
            "definition:MQL",
            "--team",
            "Sales (SDR)",
            "--by",
            "facilitator",
            "--position",
            "agree-with-reservations",
            "--reason",
            why,
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let report = signatures_json(&file);
    let mql = agreement(&report, "definition", "MQL");
    assert_eq!(mql["adopted"], false, "four teams have not signed");
    assert_eq!(mql["rule"], "unanimous");
    let marketing = team(mql, "Marketing");
    assert_eq!(marketing["position"], "endorse");
    assert_eq!(marketing["by"], "Dana Scott");
    assert_eq!(marketing["current"], true);
    assert!(marketing["at"].as_str().unwrap().ends_with('Z'));
    let sdr = team(mql, "Sales (SDR)");
    assert_eq!(sdr["position"], "agree-with-reservations");
    assert_eq!(sdr["by"], "the facilitator on the team's behalf");
    assert_eq!(sdr["reason"], why);
    let finance = team(mql, "Finance");
    assert_eq!(finance["position"], "not-yet");
    assert_eq!(finance["by"], Value::Null);
    assert_eq!(finance["current"], false);
    // Every field of the contract, on every team.
    for team in mql["teams"].as_array().unwrap() {
        for field in ["team", "position", "by", "at", "reason", "current"] {
            assert!(team.get(field).is_some(), "{field} in {team}");
        }
    }
    for field in ["kind", "name", "adopted", "rule", "review_by", "teams"] {
        assert!(mql.get(field).is_some(), "{field}");
    }

    // Someone edits the MQL's wording in a text editor.
    let saved = std::fs::read_to_string(&file).unwrap();
    // The definition's text comes before the signatures kept with it.
    let edited = saved.replacen("(above 50 points)", "(above 60 points)", 1);
    assert_ne!(saved, edited);
    std::fs::write(&file, edited).unwrap();

    let report = signatures_json(&file);
    let mql = agreement(&report, "definition", "MQL");
    assert_eq!(
        team(mql, "Marketing")["position"],
        "endorse",
        "kept as history"
    );
    assert_eq!(
        team(mql, "Marketing")["current"],
        false,
        "on an earlier wording"
    );
    assert_eq!(team(mql, "Sales (SDR)")["current"], false);

    let out = accord(&["signatures", arg(&file)]);
    let listing = text(&out.stdout);
    assert!(
        listing.contains("  Marketing: endorse — Dana Scott, "),
        "{listing}"
    );
    assert!(listing.contains("(signed an earlier wording)"), "{listing}");

    let out = accord(&["validate", arg(&file)]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stderr).contains(&format!(
            "{}: warning: Signatures: definition MQL: signed an earlier wording by Marketing, Sales (SDR)",
            file.display()
        )),
        "{}",
        text(&out.stderr)
    );
    assert!(!text(&out.stderr).contains("changed after signing"));

    // And someone rewrites the wording kept with a signature, to make it look current.
    let saved = std::fs::read_to_string(&file).unwrap();
    let forged = saved.replace("(above 50 points)", "(above 60 points)");
    std::fs::write(&file, forged).unwrap();
    let out = accord(&["validate", arg(&file)]);
    assert!(
        text(&out.stderr).contains(
            "definition MQL: 2 signature(s) whose kept wording no longer matches its SHA-256"
        ),
        "{}",
        text(&out.stderr)
    );
    let report = signatures_json(&file);
    let mql = agreement(&report, "definition", "MQL");
    assert_eq!(
        team(mql, "Marketing")["current"],
        false,
        "a forged wording does not count"
    );
}

#[test]
fn every_team_endorsing_adopts_an_agreement_with_a_review_date() {
    let dir = tempfile::tempdir().unwrap();
    let file = session_file(dir.path());
    for team in ["Marketing", "Sales (SDR)"] {
        let out = sign(
            &file,
            &[
                "--item",
                "sla:MQL follow-up",
                "--team",
                team,
                "--by",
                "Ana",
                "--position",
                "endorse",
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    let report = signatures_json(&file);
    let sla = agreement(&report, "sla", "MQL follow-up");
    assert_eq!(sla["adopted"], true);
    assert_eq!(
        sla["teams"].as_array().unwrap().len(),
        2,
        "an SLA's own two teams"
    );
    let review = sla["review_by"].as_str().unwrap();
    let today = jiff::Zoned::now().date();
    assert_eq!(
        review,
        accord::model::end_of_next_quarter(today).to_string()
    );
    let pipeline = agreement(&report, "pipeline", "Pipeline");
    assert_eq!(pipeline["adopted"], false);
    assert_eq!(pipeline["review_by"], Value::Null);
}

#[test]
fn mistakes_exit_1_and_name_what_exists() {
    let dir = tempfile::tempdir().unwrap();
    let file = session_file(dir.path());
    let before = std::fs::read(&file).unwrap();
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "--item",
                "definition:Unicorn",
                "--team",
                "Marketing",
                "--by",
                "A",
                "--position",
                "endorse",
            ],
            "no such agreement; the agreements are: icp, definition:Lead, definition:MQL",
        ),
        (
            &[
                "--item",
                "icp",
                "--team",
                "Legal",
                "--by",
                "A",
                "--position",
                "endorse",
            ],
            "--team Legal: no such team; the teams are: Marketing, Sales (SDR)",
        ),
        (
            &[
                "--item",
                "sla:MQL follow-up",
                "--team",
                "Finance",
                "--by",
                "A",
                "--position",
                "endorse",
            ],
            "Finance does not sign MQL follow-up; the teams that sign it are: Sales (SDR), Marketing",
        ),
        (
            &[
                "--item",
                "pipeline",
                "--team",
                "Finance",
                "--by",
                "A",
                "--position",
                "block",
            ],
            "“Blocks” needs a reason",
        ),
        (
            &[
                "--item",
                "icp",
                "--team",
                "Finance",
                "--by",
                "A",
                "--position",
                "maybe",
            ],
            "--position maybe: the positions are: endorse, agree-with-reservations, stand-aside, disagree, block",
        ),
    ];
    for (args, message) in cases {
        let out = sign(&file, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.starts_with(&file.display().to_string()), "{stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "said once: {stderr}");
    }
    assert_eq!(std::fs::read(&file).unwrap(), before, "nothing was written");
}

#[test]
fn validate_names_agreements_past_their_review_date() {
    let dir = tempfile::tempdir().unwrap();
    let file = session_file(dir.path());
    for team in ["Marketing", "Sales (SDR)"] {
        let args = [
            "--item",
            "sla:MQL follow-up",
            "--team",
            team,
            "--by",
            "Ana",
            "--position",
            "endorse",
        ];
        assert_eq!(sign(&file, &args).status.code(), Some(0));
    }
    let out = accord(&["validate", arg(&file)]);
    assert!(!text(&out.stderr).contains("review date"), "not due yet");

    // The room had set a date that has now passed.
    let mut session = accord::storage::load(&file).unwrap();
    let sla = session
        .slas
        .iter_mut()
        .find(|s| s.name == "MQL follow-up")
        .unwrap();
    sla.signatures.review_by = Some(jiff::civil::date(2026, 1, 31));
    accord::storage::save(&file, &session).unwrap();
    let out = accord(&["validate", arg(&file)]);
    assert_eq!(out.status.code(), Some(0), "a warning, not an error");
    assert!(
        text(&out.stderr).contains(&format!(
            "{}: warning: Signatures: sla MQL follow-up: past its review date (2026-01-31)",
            file.display()
        )),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        agreement(&signatures_json(&file), "sla", "MQL follow-up")["review_by"],
        "2026-01-31"
    );
}
