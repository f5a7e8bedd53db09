//! Salesforce: the agreement as a DX source project, deployable with
//! `sf project deploy start --manifest manifest/package.xml`, and a checklist for what
//! metadata cannot set.

mod checklist;

pub use checklist::checklist;

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::{Outcome, Setup, names};

/// The Metadata API version the project is written for.
pub const API_VERSION: &str = "62.0";
/// Where the metadata goes inside the project.
pub const SOURCE: &str = "force-app/main/default";
/// The lead score's field.
pub const SCORE: &str = "Accord_Score__c";
/// The ICP fit's field.
pub const ICP_FIT: &str = "Accord_ICP_Fit__c";
/// The validation rule that ties the MQL status to the threshold.
pub const MQL_RULE: &str = "Accord_MQL_Threshold";
/// The lead status for a lead that leaves the funnel before a deal.
pub const DISQUALIFIED: &str = "Disqualified";

/// One file of the project: its path inside the folder, and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub text: String,
}

/// Text as XML 1.0 may hold it: the control characters it forbids dropped.
fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .filter(|c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        .collect()
}

type Xml = Writer<Vec<u8>>;

/// What writes a part of a document.
type Part<'a> = &'a dyn Fn(&mut Xml) -> io::Result<()>;

fn element(xml: &mut Xml, name: &str, text: &str) -> io::Result<()> {
    xml.create_element(name)
        .write_text_content(BytesText::new(&xml_text(text)))?;
    Ok(())
}

fn document(root: &str, body: impl FnOnce(&mut Xml) -> io::Result<()>) -> io::Result<String> {
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 4);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    xml.create_element(root)
        .with_attribute(("xmlns", "http://soap.sforce.com/2006/04/metadata"))
        .write_inner_content(body)?;
    let mut text = String::from_utf8(xml.into_inner())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    text.push('\n');
    Ok(text)
}

/// A picklist value's label: one line, at most 40 characters, as Salesforce takes it.
fn value_label(text: &str) -> String {
    names::label(text, 40)
}

/// The forecast category of a deal stage: closed ones by outcome, open ones by probability.
pub fn forecast_category(outcome: Outcome, probability: f64) -> &'static str {
    match outcome {
        Outcome::Won => "Closed",
        Outcome::Lost => "Omitted",
        Outcome::Open if probability >= 0.7 => "Forecast",
        Outcome::Open if probability >= 0.4 => "BestCase",
        Outcome::Open => "Pipeline",
    }
}

/// The lead statuses: the lead stages, then Disqualified; the last lead stage is the one a
/// converted lead takes.
pub fn lead_statuses(setup: &Setup<'_>) -> Vec<(String, bool)> {
    let converted = setup.converted().map(|s| s.id);
    let mut statuses: Vec<(String, bool)> = setup
        .lead_stages
        .iter()
        .map(|s| (value_label(&s.name), Some(s.id) == converted))
        .collect();
    if setup.adds_disqualified() {
        statuses.push((DISQUALIFIED.to_owned(), false));
    }
    statuses
}

fn lead_status_set(setup: &Setup<'_>) -> io::Result<String> {
    document("StandardValueSet", |xml| {
        element(xml, "sorted", "false")?;
        for (index, (label, converted)) in lead_statuses(setup).iter().enumerate() {
            xml.create_element("standardValue")
                .write_inner_content(|xml| {
                    element(xml, "fullName", label)?;
                    element(xml, "default", if index == 0 { "true" } else { "false" })?;
                    element(xml, "label", label)?;
                    element(xml, "converted", if *converted { "true" } else { "false" })?;
                    Ok(())
                })?;
        }
        Ok(())
    })
}

fn stage_set(setup: &Setup<'_>) -> io::Result<String> {
    document("StandardValueSet", |xml| {
        element(xml, "sorted", "false")?;
        for (index, stage) in setup.deal_stages.iter().enumerate() {
            let label = value_label(&stage.name);
            xml.create_element("standardValue")
                .write_inner_content(|xml| {
                    element(xml, "fullName", &label)?;
                    element(xml, "default", if index == 0 { "true" } else { "false" })?;
                    element(xml, "label", &label)?;
                    let closed = stage.outcome != Outcome::Open;
                    element(xml, "closed", if closed { "true" } else { "false" })?;
                    element(
                        xml,
                        "forecastCategory",
                        forecast_category(stage.outcome, stage.probability),
                    )?;
                    element(
                        xml,
                        "probability",
                        &format!("{}", (stage.probability * 100.0).round() as i64),
                    )?;
                    let won = stage.outcome == Outcome::Won;
                    element(xml, "won", if won { "true" } else { "false" })?;
                    Ok(())
                })?;
        }
        Ok(())
    })
}

/// A custom field, its elements in the order Salesforce itself writes them: `settings` are
/// the field's own (type, precision, default…), and `value_set` the picklist's values.
fn field(
    name: &str,
    label: &str,
    description: &str,
    settings: &[(&str, &str)],
    value_set: Option<Part<'_>>,
) -> io::Result<String> {
    const ORDER: [&str; 13] = [
        "fullName",
        "defaultValue",
        "description",
        "externalId",
        "inlineHelpText",
        "label",
        "precision",
        "required",
        "scale",
        "trackHistory",
        "type",
        "unique",
        "valueSet",
    ];
    let description_text = names::label(description, 1000);
    let help = names::label(description, 510);
    let label = names::label(label, 40);
    let mut elements: Vec<(&str, &str)> = vec![
        ("fullName", name),
        ("description", &description_text),
        ("inlineHelpText", &help),
        ("label", &label),
    ];
    elements.extend_from_slice(settings);
    let place = |element: &str| {
        ORDER
            .iter()
            .position(|e| *e == element)
            .unwrap_or(ORDER.len())
    };
    elements.sort_by_key(|(element, _)| place(element));
    document("CustomField", |xml| {
        for (element_name, value) in &elements {
            element(xml, element_name, value)?;
        }
        match value_set {
            Some(values) => values(xml),
            None => Ok(()),
        }
    })
}

fn score_field(setup: &Setup<'_>) -> io::Result<String> {
    field(
        SCORE,
        "Accord lead score",
        &super::hubspot::score_description(setup),
        &[
            ("externalId", "false"),
            ("precision", "6"),
            ("required", "false"),
            ("scale", "0"),
            ("trackHistory", "false"),
            ("type", "Number"),
            ("unique", "false"),
        ],
        None,
    )
}

fn icp_field(setup: &Setup<'_>) -> io::Result<String> {
    let values = |xml: &mut Xml| -> io::Result<()> {
        xml.create_element("valueSet").write_inner_content(|xml| {
            element(xml, "restricted", "true")?;
            xml.create_element("valueSetDefinition")
                .write_inner_content(|xml| {
                    element(xml, "sorted", "false")?;
                    for (_, label, _) in super::hubspot::ICP_FIT_OPTIONS {
                        xml.create_element("value").write_inner_content(|xml| {
                            element(xml, "fullName", label)?;
                            element(xml, "default", "false")?;
                            element(xml, "label", label)
                        })?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
        Ok(())
    };
    field(
        ICP_FIT,
        "Accord ICP fit",
        &super::hubspot::icp_criteria(setup),
        &[
            ("required", "false"),
            ("trackHistory", "false"),
            ("type", "Picklist"),
        ],
        Some(&values),
    )
}

fn check_field(check: &super::Check<'_>) -> io::Result<String> {
    let term = names::label(&check.definition.term, 20);
    field(
        &format!("{}__c", check.salesforce),
        &format!("{term}: {}", check.text),
        &format!(
            "Verification point of the {term} definition: {}",
            check.text
        ),
        &[
            ("defaultValue", "false"),
            ("trackHistory", "false"),
            ("type", "Checkbox"),
        ],
        None,
    )
}

/// A text as a string in a Salesforce formula: in double quotes, with `\` and `"` escaped.
fn formula_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The MQL rule's formula: a lead at the MQL status must have reached the threshold and pass
/// every MQL verification point.
pub fn mql_formula(setup: &Setup<'_>) -> Option<String> {
    let mql = setup.mql?;
    let threshold = setup.session.scoring.threshold;
    let mut fails = vec![
        format!("ISBLANK({SCORE})"),
        format!("{SCORE} < {threshold}"),
    ];
    for check in setup
        .checks
        .iter()
        .filter(|c| c.definition.is_term(&mql.name))
    {
        fails.push(format!("NOT({}__c)", check.salesforce));
    }
    Some(format!(
        "AND(\n    ISPICKVAL(Status, {}),\n    OR(\n        {}\n    )\n)",
        formula_string(&value_label(&mql.name)),
        fails.join(",\n        ")
    ))
}

fn mql_rule(setup: &Setup<'_>, formula: &str) -> io::Result<String> {
    let mql = setup.mql.map_or("MQL".to_owned(), |s| value_label(&s.name));
    let threshold = setup.session.scoring.threshold;
    document("ValidationRule", |xml| {
        element(xml, "fullName", MQL_RULE)?;
        element(xml, "active", "true")?;
        element(
            xml,
            "description",
            &names::label(
                &format!(
                    "The workshop agreed that a lead is {mql} at {threshold} points or more, once every verification point of the definition is ticked."
                ),
                1000,
            ),
        )?;
        element(xml, "errorConditionFormula", formula)?;
        element(xml, "errorDisplayField", SCORE)?;
        element(
            xml,
            "errorMessage",
            &names::label(
                &format!(
                    "A lead is {mql} only at {threshold} points or more, with every {mql} verification point ticked."
                ),
                255,
            ),
        )
    })
}

/// The files of the project, in the order a reader lists them; the manifest names every
/// component they hold.
pub fn project(setup: &Setup<'_>) -> io::Result<Vec<File>> {
    let mut files = Vec::new();
    let mut fields = vec![SCORE.to_owned(), ICP_FIT.to_owned()];
    let lead = format!("{SOURCE}/objects/Lead");
    files.push(File {
        path: format!("{lead}/fields/{SCORE}.field-meta.xml"),
        text: score_field(setup)?,
    });
    files.push(File {
        path: format!("{lead}/fields/{ICP_FIT}.field-meta.xml"),
        text: icp_field(setup)?,
    });
    for check in &setup.checks {
        let name = format!("{}__c", check.salesforce);
        files.push(File {
            path: format!("{lead}/fields/{name}.field-meta.xml"),
            text: check_field(check)?,
        });
        fields.push(name);
    }
    let mut value_sets = Vec::new();
    if !setup.lead_stages.is_empty() {
        files.push(File {
            path: format!("{SOURCE}/standardValueSets/LeadStatus.standardValueSet-meta.xml"),
            text: lead_status_set(setup)?,
        });
        value_sets.push("LeadStatus");
    }
    if !setup.deal_stages.is_empty() {
        files.push(File {
            path: format!("{SOURCE}/standardValueSets/OpportunityStage.standardValueSet-meta.xml"),
            text: stage_set(setup)?,
        });
        value_sets.push("OpportunityStage");
    }
    let formula = mql_formula(setup);
    if let Some(formula) = &formula {
        files.push(File {
            path: format!("{lead}/validationRules/{MQL_RULE}.validationRule-meta.xml"),
            text: mql_rule(setup, formula)?,
        });
    }
    let manifest = document("Package", |xml| {
        let types = |xml: &mut Xml, members: &[String], name: &str| -> io::Result<()> {
            if members.is_empty() {
                return Ok(());
            }
            xml.create_element("types").write_inner_content(|xml| {
                for member in members {
                    element(xml, "members", member)?;
                }
                element(xml, "name", name)
            })?;
            Ok(())
        };
        let fields: Vec<String> = fields.iter().map(|f| format!("Lead.{f}")).collect();
        types(xml, &fields, "CustomField")?;
        let sets: Vec<String> = value_sets.iter().map(|s| (*s).to_owned()).collect();
        types(xml, &sets, "StandardValueSet")?;
        let rules: Vec<String> = formula.iter().map(|_| format!("Lead.{MQL_RULE}")).collect();
        types(xml, &rules, "ValidationRule")?;
        element(xml, "version", API_VERSION)
    })?;
    files.push(File {
        path: "manifest/package.xml".to_owned(),
        text: manifest,
    });
    let project = serde_json::json!({
        "packageDirectories": [{"path": "force-app", "default": true}],
        "name": "accord-crm-setup",
        "namespace": "",
        "sfdcLoginUrl": "https://login.salesforce.com",
        "sourceApiVersion": API_VERSION,
    });
    files.insert(
        0,
        File {
            path: "sfdx-project.json".to_owned(),
            text: format!(
                "{}\n",
                serde_json::to_string_pretty(&project)
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?
            ),
        },
    );
    files.push(File {
        path: "checklist.md".to_owned(),
        text: checklist(setup),
    });
    Ok(files)
}
