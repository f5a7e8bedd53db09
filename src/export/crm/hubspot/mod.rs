//! HubSpot: the agreement as the CRM v3 calls that set it up (`plan.json`), and what HubSpot's
//! public API cannot set, step by step (`checklist.md`).

pub(crate) mod apply;
mod checklist;

pub use checklist::checklist;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Outcome, Setup, names};

/// The contact property group that holds Accord's properties.
pub const GROUP: &str = "accord";
/// The lead score's property.
pub const SCORE: &str = "accord_score";
/// The ICP fit's property.
pub const ICP_FIT: &str = "accord_icp_fit";
/// HubSpot's own lead-status property, whose options Accord adds to.
pub const LEAD_STATUS: &str = "hs_lead_status";
/// The lead status a lead that leaves the funnel before a deal is given.
pub const DISQUALIFIED: &str = "accord_disqualified";

/// One call to HubSpot's CRM v3 API, as `plan.json` lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Call {
    /// `POST` or `PATCH`.
    pub method: String,
    /// The path under the API's address: `/crm/v3/properties/contacts`.
    pub path: String,
    pub body: Value,
    /// The agreement the call comes from, in a sentence.
    pub why: String,
}

/// The ICP fit's options: value, label, and what it means.
pub const ICP_FIT_OPTIONS: [(&str, &str, &str); 3] = [
    (
        "fits",
        "Fits the ICP",
        "Meets every must-have and no exclusion.",
    ),
    (
        "misses_must_have",
        "Misses a must-have",
        "Fails at least one must-have criterion.",
    ),
    (
        "excluded",
        "Excluded",
        "Meets an exclusion criterion or shows an anti-pattern.",
    ),
];

/// The longest pipeline label HubSpot takes.
pub const MAX_PIPELINE_LABEL: usize = 36;

/// The deal pipeline's label: the company's name where the session has one, within HubSpot's
/// 36 characters.
pub fn pipeline_label(setup: &Setup<'_>) -> String {
    const SUFFIX: &str = " (Accord)";
    let room = MAX_PIPELINE_LABEL - SUFFIX.chars().count();
    match names::label(&setup.session.meta.company, room) {
        company if company.is_empty() => "Revenue pipeline (Accord)".to_owned(),
        company => format!("{company}{SUFFIX}"),
    }
}

/// A probability as HubSpot writes it: "0.25", "1.0", "0.0".
pub fn probability(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0');
    if text.ends_with('.') {
        format!("{text}0")
    } else {
        text.to_owned()
    }
}

/// The ICP's criteria as the fit's description: must-haves, nice-to-haves, exclusions and
/// anti-patterns.
pub fn icp_criteria(setup: &Setup<'_>) -> String {
    use crate::model::Importance;
    let icp = &setup.session.icp;
    let mut parts = Vec::new();
    for importance in [
        Importance::MustHave,
        Importance::NiceToHave,
        Importance::Exclude,
    ] {
        let items: Vec<String> = icp
            .criteria
            .iter()
            .filter(|c| c.importance == importance)
            .map(|c| {
                let values = c.values.join(", ");
                names::label(&format!("{} is {values}", c.attribute.trim()), 200)
            })
            .collect();
        if !items.is_empty() {
            parts.push(format!("{}: {}.", importance.label(), items.join("; ")));
        }
    }
    let anti: Vec<String> = icp
        .anti_patterns
        .iter()
        .map(|a| names::label(&a.description, 200))
        .filter(|a| !a.is_empty())
        .collect();
    if !anti.is_empty() {
        parts.push(format!("Anti-patterns: {}.", anti.join("; ")));
    }
    if parts.is_empty() {
        return "The workshop has not written ICP criteria yet.".to_owned();
    }
    names::label(&parts.join(" "), 2000)
}

/// The score's description: its rules and the threshold.
pub fn score_description(setup: &Setup<'_>) -> String {
    let rules = setup.score_rules();
    let threshold = setup.session.scoring.threshold;
    let rules = if rules.is_empty() {
        "No scoring rules agreed yet.".to_owned()
    } else {
        format!("Rules: {}.", rules.join("; "))
    };
    let mql = setup
        .mql
        .map_or("an MQL".to_owned(), |s| names::label(&s.name, usize::MAX));
    names::label(
        &format!("Agreed lead score. {rules} A lead at or above {threshold} points is {mql}."),
        2000,
    )
}

fn option(value: &str, label: &str, description: &str, order: usize) -> Value {
    json!({
        "label": names::label(label, 100),
        "value": value,
        "description": names::label(description, 1000),
        "displayOrder": order,
        "hidden": false,
    })
}

/// The lead statuses, as `hs_lead_status` options: a value per lead stage, from its id, and
/// disqualified.
pub fn lead_status_options(setup: &Setup<'_>) -> Vec<Value> {
    let mut options: Vec<Value> = setup
        .lead_stages
        .iter()
        .enumerate()
        .map(|(order, stage)| {
            option(
                &format!("accord_stage_{}", stage.id.raw()),
                &stage.name,
                &setup.meaning(stage),
                order,
            )
        })
        .collect();
    if setup.adds_disqualified() {
        options.push(option(
            DISQUALIFIED,
            "Disqualified",
            "Left the funnel before becoming a deal; record the reason.",
            options.len(),
        ));
    }
    options
}

/// The calls that set the agreement up in HubSpot, in the order they must run.
pub fn plan(setup: &Setup<'_>) -> Vec<Call> {
    let session = setup.session;
    let mut calls = vec![Call {
        method: "POST".to_owned(),
        path: "/crm/v3/properties/contacts/groups".to_owned(),
        body: json!({"name": GROUP, "label": "Accord agreement", "displayOrder": -1}),
        why: "Holds the contact properties the workshop agreed, apart from the portal's own."
            .to_owned(),
    }];
    let property = |name: &str, body: Value, why: String| Call {
        method: "POST".to_owned(),
        path: "/crm/v3/properties/contacts".to_owned(),
        body: {
            let mut body = body;
            body["name"] = json!(name);
            body["groupName"] = json!(GROUP);
            body["formField"] = json!(false);
            body
        },
        why,
    };
    calls.push(property(
        SCORE,
        json!({
            "label": "Accord lead score",
            "type": "number",
            "fieldType": "number",
            "description": score_description(setup),
            "displayOrder": 0,
        }),
        format!(
            "The lead-scoring model: {} rules, MQL at {} points.",
            session.scoring.rules.len(),
            session.scoring.threshold
        ),
    ));
    let fit_options: Vec<Value> = ICP_FIT_OPTIONS
        .iter()
        .enumerate()
        .map(|(order, (value, label, meaning))| option(value, label, meaning, order))
        .collect();
    calls.push(property(
        ICP_FIT,
        json!({
            "label": "Accord ICP fit",
            "type": "enumeration",
            "fieldType": "select",
            "description": icp_criteria(setup),
            "options": fit_options,
            "displayOrder": 1,
        }),
        "The ICP: its must-have, nice-to-have and exclusion criteria.".to_owned(),
    ));
    for (order, check) in setup.checks.iter().enumerate() {
        let term = names::label(&check.definition.term, 40);
        calls.push(property(
            &check.hubspot,
            json!({
                "label": names::label(&format!("{term}: {}", check.text), 100),
                "type": "bool",
                "fieldType": "booleancheckbox",
                "description": names::label(&format!("Verification point of the {term} definition: {}", check.text), 1000),
                "options": [
                    {"label": "Yes", "value": "true", "displayOrder": 0, "hidden": false},
                    {"label": "No", "value": "false", "displayOrder": 1, "hidden": false},
                ],
                "displayOrder": order + 2,
            }),
            format!("The {term} definition: a rep ticks this before a lead counts as one."),
        ));
    }
    let options = lead_status_options(setup);
    if !options.is_empty() {
        let names: Vec<String> = setup
            .lead_stages
            .iter()
            .map(|s| names::label(&s.name, usize::MAX))
            .collect();
        calls.push(Call {
            method: "PATCH".to_owned(),
            path: format!("/crm/v3/properties/contacts/{LEAD_STATUS}"),
            body: json!({ "options": options }),
            why: format!(
                "The lead stages ({}) and Disqualified as lead statuses; `accord crm apply` adds them to the options the portal has, never removing one.",
                names.join(", ")
            ),
        });
    }
    if !setup.deal_stages.is_empty() {
        let stages: Vec<Value> = setup
            .deal_stages
            .iter()
            .enumerate()
            .map(|(order, stage)| {
                json!({
                    "label": stage.name,
                    "displayOrder": order,
                    "metadata": {
                        "probability": probability(stage.probability),
                        "isClosed": if stage.outcome == Outcome::Open { "false" } else { "true" },
                    },
                })
            })
            .collect();
        calls.push(Call {
            method: "POST".to_owned(),
            path: "/crm/v3/pipelines/deals".to_owned(),
            body: json!({
                "label": pipeline_label(setup),
                "displayOrder": 1,
                "stages": stages,
            }),
            why: format!(
                "The pipeline's deal stages, in order, with their probabilities. {}",
                setup.deal_start
            ),
        });
    }
    calls
}

/// `plan.json`: the calls, pretty-printed.
pub fn plan_json(setup: &Setup<'_>) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(&plan(setup))?;
    text.push('\n');
    Ok(text)
}
