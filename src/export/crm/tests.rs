//! The CRM setups against the session they come from.

use super::hubspot::{self, probability};
use super::salesforce;
use super::{Odds, Outcome, Setup, SetupError};
use crate::model::Session;
use crate::storage::templates;

fn template(name: &str) -> Session {
    templates::find(name)
        .and_then(|t| t.session().ok())
        .unwrap_or_else(|| panic!("the template {name} loads"))
}

#[test]
fn the_deal_stages_run_from_the_account_executives_stage_to_won_then_lost() {
    let session = template("b2b-sales-led");
    let setup = Setup::of(&session).unwrap();
    let lead: Vec<&str> = setup.lead_stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(lead, ["Lead", "MQL", "SQL"]);
    let deal: Vec<(&str, Outcome)> = setup
        .deal_stages
        .iter()
        .map(|d| (d.name.as_str(), d.outcome))
        .collect();
    assert_eq!(
        deal,
        [
            ("Opportunity", Outcome::Open),
            ("Won", Outcome::Won),
            ("Closed lost", Outcome::Lost)
        ]
    );
    assert_eq!(setup.after_won.len(), 1, "Expanded comes after the sale");
    assert_eq!(setup.mql.map(|s| s.name.as_str()), Some("MQL"));
}

/// The values of each `element` in `xml`, in document order, read back by an XML reader.
fn values(xml: &str, element: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut inside = false;
    let mut found: Vec<String> = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(start) => {
                inside = start.name().as_ref() == element.as_bytes();
                if inside {
                    found.push(String::new());
                }
            }
            Event::Text(text) if inside => {
                if let Some(last) = found.last_mut() {
                    last.push_str(&text.decode().unwrap());
                }
            }
            Event::GeneralRef(reference) if inside => {
                let name = reference.decode().unwrap();
                let c = match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                };
                if let Some(last) = found.last_mut() {
                    last.push_str(c);
                }
            }
            Event::End(_) => inside = false,
            Event::Eof => break,
            _ => {}
        }
    }
    found
}

fn salesforce_file(setup: &Setup<'_>, ending: &str) -> String {
    salesforce::project(setup)
        .unwrap()
        .into_iter()
        .find(|f| f.path.ends_with(ending))
        .unwrap_or_else(|| panic!("a file ending {ending}"))
        .text
}

#[test]
fn both_exports_carry_the_sessions_threshold_stage_order_and_probabilities() {
    let mut session = template("b2b-sales-led");
    session.scoring.threshold = 65;
    let stage = |session: &Session, name: &str| {
        session
            .stages
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.id)
            .unwrap()
    };
    let (opportunity, won) = (stage(&session, "Opportunity"), stage(&session, "Won"));
    // A stage between them, so that one probability comes from the counts and one does not.
    let proposal = session.add_stage();
    session.stages.last_mut().unwrap().name = "Proposal".to_owned();
    let at = session.stage_index(won).unwrap() as isize;
    let from = session.stage_index(proposal).unwrap() as isize;
    assert!(session.move_stage(proposal, at - from));
    session.set_stage_owner(proposal, session.stages[3].owner);
    session.funnel.counts.insert(opportunity, 40);
    session.funnel.counts.insert(won, 10);
    let setup = Setup::of(&session).unwrap();
    let expected = [
        ("Opportunity", 0.25, Outcome::Open),
        ("Proposal", 0.67, Outcome::Open),
        ("Won", 1.0, Outcome::Won),
        ("Closed lost", 0.0, Outcome::Lost),
    ];
    let got: Vec<(&str, f64, Outcome)> = setup
        .deal_stages
        .iter()
        .map(|d| (d.name.as_str(), d.probability, d.outcome))
        .collect();
    assert_eq!(got, expected);
    assert_eq!(
        setup.deal_stages[0].odds,
        Odds::Funnel {
            reached: 40,
            won: 10
        }
    );
    assert_eq!(setup.deal_stages[1].odds, Odds::Default);

    // HubSpot: the pipeline's stages in order, each probability as HubSpot writes it.
    let plan = hubspot::plan(&setup);
    let pipeline = plan
        .iter()
        .find(|c| c.path == "/crm/v3/pipelines/deals")
        .unwrap();
    let stages = pipeline.body["stages"].as_array().unwrap();
    for (index, (name, chance, outcome)) in expected.iter().enumerate() {
        assert_eq!(stages[index]["label"], *name);
        assert_eq!(stages[index]["displayOrder"], index);
        assert_eq!(
            stages[index]["metadata"]["probability"],
            probability(*chance)
        );
        let closed = if *outcome == Outcome::Open {
            "false"
        } else {
            "true"
        };
        assert_eq!(stages[index]["metadata"]["isClosed"], closed);
    }
    assert_eq!(probability(0.25), "0.25");
    assert_eq!(probability(1.0), "1.0");
    let score = plan
        .iter()
        .find(|c| c.body["name"] == "accord_score")
        .unwrap();
    assert!(
        score.body["description"]
            .as_str()
            .unwrap()
            .contains("at or above 65 points"),
        "{}",
        score.body["description"]
    );

    // Salesforce: the same stages, in order, with percentages and flags.
    let stages = salesforce_file(&setup, "OpportunityStage.standardValueSet-meta.xml");
    let names: Vec<&str> = expected.iter().map(|e| e.0).collect();
    assert_eq!(values(&stages, "fullName"), names);
    assert_eq!(values(&stages, "probability"), ["25", "67", "100", "0"]);
    assert_eq!(values(&stages, "won"), ["false", "false", "true", "false"]);
    assert_eq!(
        values(&stages, "closed"),
        ["false", "false", "true", "true"]
    );
    let rule = salesforce_file(&setup, "Accord_MQL_Threshold.validationRule-meta.xml");
    let formula = values(&rule, "errorConditionFormula").join("");
    assert!(formula.contains("Accord_Score__c < 65"), "{formula}");
    assert!(formula.contains("ISPICKVAL(Status, \"MQL\")"), "{formula}");
    let statuses = salesforce_file(&setup, "LeadStatus.standardValueSet-meta.xml");
    assert_eq!(
        values(&statuses, "fullName"),
        ["Lead", "MQL", "SQL", "Disqualified"]
    );
    assert_eq!(
        values(&statuses, "converted"),
        ["false", "false", "true", "false"]
    );
}

#[test]
fn a_second_export_after_an_edit_changes_only_what_was_edited() {
    let session = template("b2b-sales-led");
    let before = hubspot::plan(&Setup::of(&session).unwrap());
    let mut edited = session.clone();
    let mql = edited
        .definitions
        .iter_mut()
        .find(|d| d.term == "MQL")
        .unwrap();
    mql.criteria
        .verification
        .insert(0, "Works at a company we can sell to".to_owned());
    let stage = edited.stages.iter_mut().find(|s| s.name == "SQL").unwrap();
    stage.definition = "An MQL an SDR has qualified on a call.".to_owned();
    let after = hubspot::plan(&Setup::of(&edited).unwrap());
    let name = |c: &hubspot::Call| c.body["name"].as_str().unwrap_or_default().to_owned();
    let before_names: Vec<String> = before.iter().map(name).collect();
    let added: Vec<String> = after
        .iter()
        .map(name)
        .filter(|n| !before_names.contains(n))
        .collect();
    assert_eq!(added, ["accord_check_11_works_at_a_company_we_can_sell_to"]);
    // Every other property keeps its name and its body but for its place in the group.
    for call in &before {
        let same = after
            .iter()
            .find(|c| name(c) == name(call) && c.path == call.path)
            .unwrap();
        let mut a = same.body.clone();
        let mut b = call.body.clone();
        a["displayOrder"] = serde_json::Value::Null;
        b["displayOrder"] = serde_json::Value::Null;
        if call.path.ends_with("hs_lead_status") || call.path.ends_with("deals") {
            continue;
        }
        assert_eq!(a, b, "{}", name(call));
    }
    // The lead statuses keep their values, derived from the stages' ids.
    let statuses = |plan: &[hubspot::Call]| {
        plan.iter()
            .find(|c| c.path.ends_with("hs_lead_status"))
            .map(|c| {
                c.body["options"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|o| o["value"].as_str().unwrap().to_owned())
                    .collect::<Vec<_>>()
            })
            .unwrap()
    };
    assert_eq!(statuses(&before), statuses(&after));
    let salesforce_before: Vec<String> = Setup::of(&session)
        .unwrap()
        .checks
        .iter()
        .map(|c| c.salesforce.clone())
        .collect();
    let salesforce_after: Vec<String> = Setup::of(&edited)
        .unwrap()
        .checks
        .iter()
        .map(|c| c.salesforce.clone())
        .collect();
    for name in &salesforce_before {
        assert!(salesforce_after.contains(name), "{name} kept");
    }
}

#[test]
fn stages_a_crm_cannot_tell_apart_are_refused_with_the_stage_named() {
    let mut session = template("b2b-sales-led");
    session.stages[2].name = " mql ".to_owned();
    assert_eq!(
        Setup::of(&session).unwrap_err(),
        SetupError::DuplicateStage {
            name: "mql".to_owned()
        }
    );
    session.stages[2].name = " \n ".to_owned();
    assert_eq!(
        Setup::of(&session).unwrap_err(),
        SetupError::UnnamedStage { position: 3 }
    );
    session.stages[2].name = "A stage whose name runs on well past forty characters".to_owned();
    assert!(matches!(
        Setup::of(&session).unwrap_err(),
        SetupError::LongStageName { .. }
    ));
    let mut nobody_closes = template("b2b-sales-led");
    for stage in &mut nobody_closes.stages {
        stage.owner = None;
    }
    nobody_closes.stages[3].name = "Talks".to_owned();
    let mut endless = template("b2b-sales-led");
    let opportunity = endless.stages[3].clone();
    for n in 0..120 {
        let id = endless.new_id();
        endless.stages.insert(
            4,
            crate::model::Stage {
                id,
                name: format!("Step {n}"),
                ..opportunity.clone()
            },
        );
    }
    assert!(matches!(
        Setup::of(&endless).unwrap_err(),
        SetupError::TooManyDealStages { count: 123 }
    ));
    let error = Setup::of(&nobody_closes).unwrap_err();
    assert_eq!(error, SetupError::NoDealStage);
    assert!(
        error.to_string().contains("“Pipeline & ownership” step"),
        "{error}"
    );
}

#[test]
fn a_definition_without_verification_points_is_said_and_gives_no_box() {
    let mut session = template("b2b-sales-led");
    let sql = session
        .definitions
        .iter_mut()
        .find(|d| d.term == "SQL")
        .unwrap();
    sql.criteria.verification.clear();
    let setup = Setup::of(&session).unwrap();
    assert!(setup.checks.iter().all(|c| c.definition.term != "SQL"));
    let checklist = hubspot::checklist(&setup);
    assert!(
        checklist.contains("SQL has no verification points"),
        "{checklist}"
    );
    assert!(salesforce::checklist(&setup).contains("SQL has no verification points"));
}

#[test]
fn names_that_need_escaping_or_collide_give_valid_distinct_names() {
    let mut session = template("b2b-sales-led");
    session.stages[1].name = "R&D <\"Pilot\">".to_owned();
    session.definitions[1].term = "R&D <\"Pilot\">".to_owned();
    session.definitions[1].criteria.verification = vec![
        "Phone valid!".to_owned(),
        "Phone valid?".to_owned(),
        "✅".to_owned(),
        "Ça marche \u{7}".to_owned(),
    ];
    session.meta.company = "Ünïcode & <Co>".to_owned();
    let setup = Setup::of(&session).unwrap();
    let checks: Vec<&super::Check<'_>> = setup
        .checks
        .iter()
        .filter(|c| c.definition.id == session.definitions[1].id)
        .collect();
    assert_eq!(checks.len(), 4);
    let hubspot_names: std::collections::BTreeSet<&str> =
        checks.iter().map(|c| c.hubspot.as_str()).collect();
    let salesforce_names: std::collections::BTreeSet<&str> =
        checks.iter().map(|c| c.salesforce.as_str()).collect();
    assert_eq!(hubspot_names.len(), 4, "{hubspot_names:?}");
    assert_eq!(salesforce_names.len(), 4, "{salesforce_names:?}");
    for name in &hubspot_names {
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                && !name.ends_with('_')
                && !name.contains("__"),
            "{name}"
        );
    }
    for name in &salesforce_names {
        assert!(
            name.len() <= 40
                && name.starts_with(|c: char| c.is_ascii_alphabetic())
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !name.ends_with('_')
                && !name.contains("__"),
            "{name}"
        );
    }
    // Every XML file reads back, and the stage's name comes back as it was typed.
    for file in salesforce::project(&setup).unwrap() {
        if file.path.ends_with(".xml") {
            let mut reader = quick_xml::Reader::from_str(&file.text);
            while !matches!(
                reader
                    .read_event()
                    .unwrap_or_else(|e| panic!("{}: {e}", file.path)),
                quick_xml::events::Event::Eof
            ) {}
            assert!(!file.text.contains('\u{7}'), "{}", file.path);
        }
    }
    let statuses = salesforce_file(&setup, "LeadStatus.standardValueSet-meta.xml");
    assert_eq!(values(&statuses, "fullName")[1], "R&D <\"Pilot\">");
    let rule = salesforce_file(&setup, "Accord_MQL_Threshold.validationRule-meta.xml");
    let formula = values(&rule, "errorConditionFormula").join("");
    assert!(
        formula.contains(r#"ISPICKVAL(Status, "R&D <\"Pilot\">")"#),
        "{formula}"
    );
}

#[test]
fn an_unadopted_agreement_says_so_first_and_lists_what_waits() {
    let session = template("b2b-sales-led");
    let setup = Setup::of(&session).unwrap();
    for checklist in [hubspot::checklist(&setup), salesforce::checklist(&setup)] {
        let first = checklist.lines().find(|l| l.starts_with("> ")).unwrap();
        assert!(first.contains("not adopted yet"), "{first}");
        assert!(
            checklist.contains("No team has signed: ICP, Lead, MQL"),
            "{checklist}"
        );
    }
}

#[test]
fn a_session_without_stages_has_no_pipeline_and_says_so() {
    let session = template("blank");
    let setup = Setup::of(&session).unwrap();
    let plan = hubspot::plan(&setup);
    assert!(plan.iter().all(|c| !c.path.contains("pipelines")));
    assert!(plan.iter().all(|c| !c.path.ends_with("hs_lead_status")));
    assert!(hubspot::checklist(&setup).contains("no pipeline stages yet"));
    let project = salesforce::project(&setup).unwrap();
    assert!(
        project
            .iter()
            .all(|f| !f.path.contains("standardValueSets"))
    );
}

#[test]
fn the_pipeline_label_fits_hubspots_36_characters() {
    let mut session = template("b2b-sales-led");
    for company in [
        "",
        "Acme",
        "The International Widget Manufacturing Company of Europe",
    ] {
        session.meta.company = company.to_owned();
        let label = hubspot::pipeline_label(&Setup::of(&session).unwrap());
        assert!(
            label.chars().count() <= hubspot::MAX_PIPELINE_LABEL,
            "{label}"
        );
        assert!(label.ends_with("(Accord)"), "{label}");
    }
}
