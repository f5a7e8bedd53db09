//! The window's preview of a CRM's export: what it creates, and what it leaves to a person.

use super::{Outcome, Setup, hubspot, names, salesforce};

/// The CRMs Accord writes a configuration for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Crm {
    Hubspot,
    Salesforce,
}

impl Crm {
    pub const ALL: [Self; 2] = [Self::Hubspot, Self::Salesforce];

    pub fn label(self) -> &'static str {
        match self {
            Self::Hubspot => "HubSpot",
            Self::Salesforce => "Salesforce",
        }
    }
}

/// What a CRM's export holds, in words, for the window's preview: what it creates, and what
/// its checklist leaves to a person (the checklist's own headings).
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub creates: Vec<String>,
    pub by_hand: Vec<String>,
}

impl Setup<'_> {
    /// What `crm`'s export holds, in the words of the files it writes.
    pub fn preview(&self, crm: Crm) -> Preview {
        let stage_list = |with_odds: bool| {
            self.deal_stages
                .iter()
                .map(|d| match d.outcome {
                    Outcome::Open if with_odds => {
                        format!("{} ({:.0}%)", d.name, d.probability * 100.0)
                    }
                    _ => d.name.clone(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let statuses = |names: Vec<String>| names.join(", ");
        let mut creates = Vec::new();
        let checklist = match crm {
            Crm::Hubspot => {
                creates.push("Contact property group “Accord agreement”".to_owned());
                creates.push("Number property “Accord lead score”, with the rules".to_owned());
                creates.push("Dropdown “Accord ICP fit”, with the criteria".to_owned());
                for check in &self.checks {
                    creates.push(format!(
                        "Checkbox “{}: {}”",
                        names::label(&check.definition.term, 40),
                        check.text
                    ));
                }
                let options = hubspot::lead_status_options(self);
                if !options.is_empty() {
                    let labels = options
                        .iter()
                        .filter_map(|o| o["label"].as_str().map(str::to_owned))
                        .collect();
                    creates.push(format!("Lead statuses: {}", statuses(labels)));
                }
                if !self.deal_stages.is_empty() {
                    creates.push(format!(
                        "Deal pipeline “{}”: {}",
                        hubspot::pipeline_label(self),
                        stage_list(true)
                    ));
                }
                hubspot::checklist(self)
            }
            Crm::Salesforce => {
                creates.push("Lead field “Accord lead score”, with the rules".to_owned());
                creates.push("Lead picklist “Accord ICP fit”, with the criteria".to_owned());
                for check in &self.checks {
                    creates.push(format!(
                        "Lead checkbox “{}”",
                        names::label(
                            &format!(
                                "{}: {}",
                                names::label(&check.definition.term, 20),
                                check.text
                            ),
                            40
                        )
                    ));
                }
                let leads: Vec<String> = salesforce::lead_statuses(self)
                    .into_iter()
                    .map(|(label, _)| label)
                    .collect();
                if !leads.is_empty() {
                    creates.push(format!("Lead Status values: {}", statuses(leads)));
                }
                if !self.deal_stages.is_empty() {
                    creates.push(format!("Opportunity stages: {}", stage_list(true)));
                }
                if let Some(mql) = self.mql {
                    creates.push(format!(
                        "Validation rule: a lead is {} only at {} points or more",
                        names::label(&mql.name, 40),
                        self.session.scoring.threshold
                    ));
                }
                salesforce::checklist(self)
            }
        };
        // The first section runs the tool (apply the plan, deploy the project); the others are
        // a person's.
        let by_hand = checklist
            .lines()
            .filter_map(|line| line.strip_prefix("## "))
            .skip(1)
            .map(|heading| {
                heading
                    .split_once(". ")
                    .map_or(heading, |(_, rest)| rest)
                    .to_owned()
            })
            .collect();
        Preview { creates, by_hand }
    }
}
