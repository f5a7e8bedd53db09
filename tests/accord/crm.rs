//! The agreement as a CRM's configuration: golden files of both exports for every bundled
//! template; each read by the vendor's own library (HubSpot's Python client with client-side
//! validation, Salesforce's source-deploy-retrieve); and `accord crm apply` over real HTTP on
//! loopback against a stand-in portal that keeps its state and checks each body with the same
//! official models. `.ci/run` installs both libraries (`tests/crm/`) and sets
//! `ACCORD_REQUIRE_CRM_TOOLS`; elsewhere, without them, those tests say so and pass.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use accord::model::Session;
use accord::storage::{self, templates::TEMPLATES};
use serde_json::Value;

use super::cli::{accord, arg, text};

const TOKEN: &str = "pat-na1-11111111-2222-3333-4444-standin-secret";

fn crm_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/crm")
}

/// The Python that has HubSpot's client: `ACCORD_CRM_PYTHON`, else `python3`.
fn python() -> Option<String> {
    let python = std::env::var("ACCORD_CRM_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let has = Command::new(&python)
        .args(["-c", "import hubspot"])
        .output()
        .is_ok_and(|o| o.status.success());
    has.then_some(python)
}

fn node() -> Option<&'static str> {
    let installed = crm_dir()
        .join("node_modules/@salesforce/source-deploy-retrieve")
        .is_dir();
    let runs = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    (installed && runs).then_some("node")
}

/// The tool, or `None` after saying why the test does not run; fails when CI requires it.
fn required<T>(tool: Option<T>, what: &str) -> Option<T> {
    if tool.is_none() {
        assert!(
            std::env::var_os("ACCORD_REQUIRE_CRM_TOOLS").is_none(),
            "ACCORD_REQUIRE_CRM_TOOLS is set, and {what} is not installed"
        );
        eprintln!("No {what} here (see .ci/run): this check did not run.");
    }
    tool
}

fn export(session_file: &Path, format: &str, output: &Path) {
    let out = accord(&[
        "export",
        arg(session_file),
        "--format",
        format,
        "--output",
        arg(output),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

fn template_file(dir: &Path, name: &str) -> PathBuf {
    let file = dir.join(format!("{name}.ron"));
    let out = accord(&["new", "--template", name, arg(&file)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    file
}

/// Every file under `dir`, sorted by path, as one text: what a golden file holds.
fn folder_text(dir: &Path) -> String {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else {
                found.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.sort();
    files
        .iter()
        .map(|path| {
            let name = path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            format!("=== {name}\n{}", std::fs::read_to_string(path).unwrap())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn both_crm_exports_of_every_template_match_their_golden_files() {
    let dir = tempfile::tempdir().unwrap();
    for template in TEMPLATES {
        let file = template_file(dir.path(), template.name);
        for format in ["hubspot", "salesforce"] {
            let output = dir.path().join(format!("{}-{format}", template.name));
            export(&file, format, &output);
            insta::assert_snapshot!(
                format!("crm-{format}-{}", template.name),
                folder_text(&output)
            );
        }
    }
}

/// A session with every name a CRM could choke on: markup, quotes, ampersands, accents, a
/// bell, emoji, two points that read alike, and no verification points on SQL.
fn awkward_session(dir: &Path) -> PathBuf {
    let mut session: Session = TEMPLATES
        .iter()
        .find(|t| t.name == "b2b-sales-led")
        .unwrap()
        .session()
        .unwrap();
    session.meta.company = "Ünïcode & <Co> \"Ltd\"".to_owned();
    session.stages[1].name = "R&D <\"Pilot\">".to_owned();
    let pilot = session
        .definitions
        .iter_mut()
        .find(|d| d.term == "MQL")
        .unwrap();
    pilot.term = "R&D <\"Pilot\">".to_owned();
    pilot.criteria.verification = vec![
        "Phone valid!".to_owned(),
        "Phone valid?".to_owned(),
        "✅ 🚀".to_owned(),
        "Ça marche \u{7} </label>".to_owned(),
    ];
    let sql = session
        .definitions
        .iter_mut()
        .find(|d| d.term == "SQL")
        .unwrap();
    sql.criteria.verification.clear();
    session.stages[3].name = "Opp'ty & \"deal\"".to_owned();
    let file = dir.join("awkward.ron");
    storage::save(&file, &session).unwrap();
    file
}

#[test]
fn hubspots_own_client_reads_every_body_of_every_plan() {
    let Some(python) = required(python(), "Python with hubspot-api-client") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut folders = Vec::new();
    for template in TEMPLATES {
        let file = template_file(dir.path(), template.name);
        let output = dir.path().join(format!("{}-hubspot", template.name));
        export(&file, "hubspot", &output);
        folders.push(output);
    }
    let awkward = dir.path().join("awkward-hubspot");
    export(&awkward_session(dir.path()), "hubspot", &awkward);
    folders.push(awkward);
    let out = Command::new(&python)
        .arg(crm_dir().join("check_hubspot.py"))
        .args(&folders)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("calls read by hubspot-api-client"));
}

#[test]
fn salesforces_own_library_resolves_every_project() {
    let Some(node) = required(node(), "Node.js with @salesforce/source-deploy-retrieve") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut folders = Vec::new();
    for template in TEMPLATES {
        let file = template_file(dir.path(), template.name);
        let output = dir.path().join(format!("{}-salesforce", template.name));
        export(&file, "salesforce", &output);
        folders.push(output);
    }
    let awkward = dir.path().join("awkward-salesforce");
    export(&awkward_session(dir.path()), "salesforce", &awkward);
    folders.push(awkward);
    let out = Command::new(node)
        .arg(crm_dir().join("check_salesforce.mjs"))
        .args(&folders)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("components resolved"));
}

#[test]
fn a_session_a_crm_cannot_hold_is_refused_with_the_stage_named_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut session: Session = TEMPLATES[0].session().unwrap();
    session.stages[2].name = session.stages[1].name.to_uppercase();
    let file = dir.path().join("twice.ron");
    storage::save(&file, &session).unwrap();
    for format in ["hubspot", "salesforce"] {
        let output = dir.path().join(format);
        let out = accord(&[
            "export",
            arg(&file),
            "--format",
            format,
            "--output",
            arg(&output),
        ]);
        assert_eq!(out.status.code(), Some(1));
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("two stages are called") && stderr.contains("Pipeline & ownership"),
            "{stderr}"
        );
        assert!(!output.exists(), "nothing is written");
    }
    // A threshold past the bounds never loads, so it is never exported: the file is named
    // with its line and column.
    let text_of = std::fs::read_to_string(&file).unwrap();
    let past = text_of.replacen("threshold: 50,", "threshold: 100000000,", 1);
    assert_ne!(past, text_of);
    std::fs::write(&file, past).unwrap();
    let out = accord(&[
        "export",
        arg(&file),
        "--format",
        "hubspot",
        "--output",
        arg(&dir.path().join("past")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("twice.ron:") && stderr.contains("between -500 and 500"),
        "{stderr}"
    );
}

/// The stand-in portal, on a port of its own, killed when dropped.
struct StandIn {
    child: Child,
    base: String,
}

impl StandIn {
    fn start(python: &str) -> Self {
        let mut child = Command::new(python)
            .arg(crm_dir().join("hubspot_standin.py"))
            .arg(TOKEN)
            .current_dir(crm_dir())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port: u16 = line.trim().parse().expect("the stand-in prints its port");
        Self {
            child,
            base: format!("http://127.0.0.1:{port}"),
        }
    }

    fn get(&self, path: &str) -> Value {
        ureq::get(format!("{}{path}", self.base))
            .header("Authorization", format!("Bearer {TOKEN}"))
            .call()
            .unwrap()
            .body_mut()
            .read_json()
            .unwrap()
    }

    fn post(&self, path: &str, body: Value) {
        ureq::post(format!("{}{path}", self.base))
            .header("Authorization", format!("Bearer {TOKEN}"))
            .send_json(body)
            .unwrap();
    }

    /// The calls that changed something, since `from`: "POST /crm/v3/…".
    fn writes(&self, from: usize) -> Vec<String> {
        self.get("/__standin/log").as_array().unwrap()[from..]
            .iter()
            .filter(|c| c["method"] != "GET")
            .map(|c| {
                format!(
                    "{} {}",
                    c["method"].as_str().unwrap(),
                    c["path"].as_str().unwrap()
                )
            })
            .collect()
    }

    fn calls(&self) -> usize {
        self.get("/__standin/log").as_array().unwrap().len()
    }

    fn apply(&self, dir: &Path, extra: &[&str]) -> Output {
        let mut args = vec!["crm", "apply", arg(dir), "--hubspot", "--api", &self.base];
        args.extend_from_slice(extra);
        Command::new(env!("CARGO_BIN_EXE_accord"))
            .args(&args)
            .env("HUBSPOT_TOKEN", TOKEN)
            .output()
            .unwrap()
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The output and every file of `dir` hold no trace of the token.
fn assert_no_token(out: &Output, dir: &Path) {
    assert!(!text(&out.stdout).contains(TOKEN), "{}", text(&out.stdout));
    assert!(!text(&out.stderr).contains(TOKEN), "{}", text(&out.stderr));
    assert!(!folder_text(dir).contains(TOKEN), "a file holds the token");
}

#[test]
fn crm_apply_creates_what_is_missing_once_and_then_only_what_was_edited() {
    let Some(python) = required(python(), "Python with hubspot-api-client") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = template_file(dir.path(), "b2b-sales-led");
    let plan = dir.path().join("hubspot");
    export(&file, "hubspot", &plan);
    let portal = StandIn::start(&python);

    // The dry run, the default, reads and changes nothing.
    let out = portal.apply(&plan, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("would create the deal pipeline"),
        "{stdout}"
    );
    assert!(stdout.contains("Dry run: nothing was changed"), "{stdout}");
    assert_eq!(portal.writes(0), Vec::<String>::new());
    assert_no_token(&out, dir.path());

    // --yes on an empty portal creates everything, in the plan's order.
    let out = portal.apply(&plan, &["--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let writes = portal.writes(0);
    assert_eq!(writes.len(), 10, "{writes:?}");
    assert_eq!(writes[0], "POST /crm/v3/properties/contacts/groups");
    assert_eq!(
        writes[8],
        "PATCH /crm/v3/properties/contacts/hs_lead_status"
    );
    assert_eq!(writes[9], "POST /crm/v3/pipelines/deals");
    let state = portal.get("/__standin/state");
    let options: Vec<&str> = state["properties"]["hs_lead_status"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["label"].as_str().unwrap())
        .collect();
    assert!(
        options.starts_with(&["New", "Open"]),
        "the portal's own stay: {options:?}"
    );
    assert!(
        options.ends_with(&["Lead", "MQL", "SQL", "Disqualified"]),
        "{options:?}"
    );
    let pipeline = state["pipelines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["label"] == "Revenue pipeline (Accord)")
        .unwrap();
    let stages: Vec<&str> = pipeline["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["Opportunity", "Won", "Closed lost"]);
    assert_no_token(&out, dir.path());

    // A second run changes nothing.
    let before = portal.calls();
    let out = portal.apply(&plan, &["--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Nothing to do"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(portal.writes(before), Vec::<String>::new());

    // After an edit to one stage, only that stage's call is made.
    let mut session = storage::load(&file).unwrap();
    let id = |name: &str| session.stages.iter().find(|s| s.name == name).unwrap().id;
    let (opportunity, won) = (id("Opportunity"), id("Won"));
    session.funnel.counts.insert(opportunity, 80);
    session.funnel.counts.insert(won, 20);
    storage::save(&file, &session).unwrap();
    export(&file, "hubspot", &plan);
    let before = portal.calls();
    let out = portal.apply(&plan, &["--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let writes = portal.writes(before);
    assert_eq!(writes.len(), 1, "{writes:?}");
    assert!(
        writes[0].starts_with("PATCH /crm/v3/pipelines/deals/") && writes[0].contains("/stages/"),
        "{writes:?}"
    );
    let state = portal.get("/__standin/state");
    let opportunity = state["pipelines"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["stages"].as_array().unwrap())
        .find(|s| s["label"] == "Opportunity" && s["metadata"]["probability"] == "0.25");
    assert!(opportunity.is_some(), "the stage now has 20 of 80: 0.25");
    assert_no_token(&out, dir.path());
}

#[test]
fn crm_apply_stops_at_a_refused_call_naming_it_and_sends_nothing_after() {
    let Some(python) = required(python(), "Python with hubspot-api-client") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = template_file(dir.path(), "b2b-sales-led");
    let plan = dir.path().join("hubspot");
    export(&file, "hubspot", &plan);
    let portal = StandIn::start(&python);
    // The third property the plan creates is refused.
    portal.post(
        "/__standin/fail",
        serde_json::json!({"method": "POST", "path": "/crm/v3/properties/contacts", "after": 2}),
    );
    let out = portal.apply(&plan, &["--yes"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("POST /crm/v3/properties/contacts (create the contact property accord_check_10_email_address_is_valid) failed: HubSpot answered 400"),
        "{stderr}"
    );
    assert!(
        stderr.contains("3 change(s) were made before it"),
        "{stderr}"
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("did create the contact property accord_icp_fit"),
        "{stdout}"
    );
    assert!(
        stdout.contains("not sent: create the deal pipeline"),
        "{stdout}"
    );
    let writes = portal.writes(0);
    assert_eq!(writes.len(), 4, "the refused call is the last: {writes:?}");
    assert_no_token(&out, dir.path());

    // Run again once the cause is gone: what was done is not done twice.
    portal.post(
        "/__standin/fail",
        serde_json::json!({"method": "NONE", "path": "", "after": 0}),
    );
    let before = portal.calls();
    let out = portal.apply(&plan, &["--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let writes = portal.writes(before);
    assert_eq!(writes.len(), 7, "{writes:?}");
    assert!(!writes.contains(&"POST /crm/v3/properties/contacts/groups".to_owned()));
}

#[test]
fn crm_apply_takes_the_token_only_from_the_environment_and_never_over_plain_http() {
    let dir = tempfile::tempdir().unwrap();
    let file = template_file(dir.path(), "b2b-sales-led");
    let plan = dir.path().join("hubspot");
    export(&file, "hubspot", &plan);
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(["crm", "apply", arg(&plan), "--hubspot"])
        .env_remove("HUBSPOT_TOKEN")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("set HUBSPOT_TOKEN"),
        "{}",
        text(&out.stderr)
    );
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args([
            "crm",
            "apply",
            arg(&plan),
            "--hubspot",
            "--api",
            "http://crm.example.com",
        ])
        .env("HUBSPOT_TOKEN", TOKEN)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("plain http"), "{stderr}");
    assert!(!stderr.contains(TOKEN));
    let out = accord(&["crm", "apply", arg(&plan), "--hubspot", "--token", TOKEN]);
    assert_eq!(out.status.code(), Some(2), "there is no --token flag");
}
