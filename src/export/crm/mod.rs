//! The signed agreement as a CRM's own configuration: HubSpot's API calls and Salesforce's
//! metadata, each with a checklist of what the CRM only lets a person set.
//!
//! [`Setup`] reads the session once, the same way for both CRMs: which stages are a lead's and
//! which a deal's, each deal stage's probability, the verification points a rep ticks, and what
//! is still unsigned. Nothing here touches the disk or the network; `apply` decides which calls
//! a portal still needs from what it already holds, and the command line sends them.

pub(crate) mod hubspot;
pub(crate) mod names;
mod preview;
pub(crate) mod salesforce;
mod words;

pub use preview::Crm;
use words::{checklist_head, compliance, escalation, sla_amount, sla_heading};

use thiserror::Error;

use crate::analysis::standing;
use crate::model::{Definition, Function, Session, Stage, StageId, Standing};

/// The longest stage name Accord writes into a CRM: a Salesforce picklist label's limit.
pub const MAX_STAGE_NAME: usize = 40;

/// The most stages a deal pipeline may have: HubSpot's limit.
pub const MAX_DEAL_STAGES: usize = 100;

/// Why the session cannot become a CRM's configuration: each names what to change, and where.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SetupError {
    #[error(
        "stage {position} has no name: a CRM tells stages apart by name. Name it on the “Pipeline & ownership” step."
    )]
    UnnamedStage { position: usize },
    #[error(
        "two stages are called “{name}”: a CRM tells stages apart by name, whatever their case. Rename one on the “Pipeline & ownership” step."
    )]
    DuplicateStage { name: String },
    #[error(
        "the stage name “{name}” is longer than {MAX_STAGE_NAME} characters, the most a CRM stage takes. Shorten it on the “Pipeline & ownership” step."
    )]
    LongStageName { name: String },
    #[error(
        "the deal pipeline has {count} stages, and a CRM pipeline takes at most {MAX_DEAL_STAGES} (HubSpot's limit). Merge stages on the “Pipeline & ownership” step."
    )]
    TooManyDealStages { count: usize },
    #[error(
        "Accord cannot tell where deals begin: give the first deal stage to the account executives' team, or call it Opportunity, on the “Pipeline & ownership” step."
    )]
    NoDealStage,
}

/// How a deal stage ends, if it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Open,
    Won,
    Lost,
}

/// Where a deal stage's probability comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Odds {
    /// The funnel's counts: `won` of the `reached` records that reached the stage were won.
    Funnel { reached: u64, won: u64 },
    /// No count to go by: evenly spaced between the first deal stage and the won one.
    Default,
    /// Closed, won or lost.
    Closed,
}

/// One stage of the deal pipeline as a CRM holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct DealStage<'a> {
    /// The session's stage; `None` for the closed-lost stage Accord adds when it has none.
    pub stage: Option<&'a Stage>,
    pub name: String,
    /// From 0 to 1, two decimals.
    pub probability: f64,
    pub odds: Odds,
    pub outcome: Outcome,
}

/// One verification point of a lead's definition, as a box a rep ticks.
#[derive(Clone, Debug, PartialEq)]
pub struct Check<'a> {
    pub definition: &'a Definition,
    /// The point as the room wrote it, on one line.
    pub text: String,
    /// HubSpot's property name: `accord_check_{definition id}_{words}`.
    pub hubspot: String,
    /// Salesforce's field API name, without `__c`.
    pub salesforce: String,
}

/// The session read as a CRM's configuration.
#[derive(Clone, Debug)]
pub struct Setup<'a> {
    pub session: &'a Session,
    /// The stages before the first deal stage: a lead's statuses, in order.
    pub lead_stages: Vec<&'a Stage>,
    /// The lead stage a score at the threshold leads into: the one called MQL, else the first
    /// whose entry criteria speak of the score.
    pub mql: Option<&'a Stage>,
    /// The deal pipeline, from the first deal stage to the won one, then the lost one.
    pub deal_stages: Vec<DealStage<'a>>,
    /// Stages after the won one: the customer's, not a deal's.
    pub after_won: Vec<&'a Stage>,
    /// Why the deal pipeline starts where it does, in a sentence.
    pub deal_start: String,
    pub checks: Vec<Check<'a>>,
    /// What the export could not do as the session asks, in sentences for the checklist.
    pub warnings: Vec<String>,
    /// Each agreement not adopted yet, with what it waits for.
    pub unsigned: Vec<Unsigned>,
}

/// An agreement not adopted yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsigned {
    /// "MQL", "Pipeline", "MQL follow-up".
    pub name: String,
    /// What it waits for: "not agreed by Finance".
    pub why: String,
    /// True when no team has signed it at all.
    pub nobody: bool,
}

impl<'a> Setup<'a> {
    /// Reads `session`; an error names the stage to fix. A session without stages gives a
    /// setup without a pipeline, which the checklists say.
    pub fn of(session: &'a Session) -> Result<Self, SetupError> {
        check_stage_names(&session.stages)?;
        let unsigned = session
            .agreements()
            .into_iter()
            .filter_map(|agreement| {
                let why = standing::waiting_for(session, agreement)?;
                let nobody = session.agreement_state(agreement).is_some_and(|state| {
                    state
                        .teams
                        .iter()
                        .all(|(_, standing)| matches!(standing, Standing::NotYet))
                });
                Some(Unsigned {
                    name: session.agreement_name(agreement).unwrap_or_default(),
                    why,
                    nobody,
                })
            })
            .collect();
        let mut setup = Setup {
            session,
            lead_stages: Vec::new(),
            mql: None,
            deal_stages: Vec::new(),
            after_won: Vec::new(),
            deal_start: String::new(),
            checks: Vec::new(),
            warnings: Vec::new(),
            unsigned,
        };
        if session.stages.is_empty() {
            setup.warnings.push(
                "The session has no pipeline stages yet: there is no pipeline and no lead status to set up."
                    .to_owned(),
            );
        } else {
            setup.split_stages()?;
        }
        setup.mql = setup
            .lead_stages
            .iter()
            .find(|s| s.name.trim().eq_ignore_ascii_case("MQL"))
            .or_else(|| {
                setup.lead_stages.iter().find(|s| {
                    s.entry_criteria.iter().any(|c| {
                        let c = c.to_lowercase();
                        c.contains("score") || c.contains("threshold")
                    })
                })
            })
            .copied();
        setup.find_checks();
        Ok(setup)
    }

    fn team_function(&self, stage: &Stage) -> Option<Function> {
        let owner = stage.owner?;
        self.session
            .teams
            .iter()
            .find(|t| t.id == owner)
            .map(|t| t.function)
    }

    fn split_stages(&mut self) -> Result<(), SetupError> {
        let stages = &self.session.stages;
        let by_account_executives =
            |stage: &Stage| self.team_function(stage) == Some(Function::AccountExecutives);
        let named = |stage: &Stage, names: &[&str]| {
            names
                .iter()
                .any(|n| stage.name.trim().eq_ignore_ascii_case(n))
        };
        let (start, why) = match stages.iter().position(&by_account_executives) {
            Some(start) => (
                start,
                format!(
                    "Deals begin at “{}”, the first stage the account executives own.",
                    stages[start].name.trim()
                ),
            ),
            None => {
                let start = stages
                    .iter()
                    .position(|s| named(s, &["Opportunity", "Deal"]))
                    .ok_or(SetupError::NoDealStage)?;
                (
                    start,
                    format!(
                        "Deals begin at “{}”, named so; no stage is owned by a team of account executives.",
                        stages[start].name.trim()
                    ),
                )
            }
        };
        let has = |stage: &Stage, word: &str| stage.name.to_lowercase().contains(word);
        let won = stages[start..]
            .iter()
            .position(|s| has(s, "won") || named(s, &["Customer", "Closed"]))
            .map(|offset| start + offset)
            .unwrap_or_else(|| {
                let run = stages[start..]
                    .iter()
                    .take_while(|s| by_account_executives(s))
                    .count();
                start + run.max(1) - 1
            });
        self.deal_start = why;
        self.lead_stages = stages[..start].iter().collect();
        let open: Vec<&Stage> = stages[start..won]
            .iter()
            .filter(|s| !has(s, "lost"))
            .collect();
        let won_stage = &stages[won];
        let reached = |stage: &Stage| self.session.funnel.counts.get(&stage.id).copied();
        let won_count = reached(won_stage);
        for (index, stage) in open.iter().enumerate() {
            let (probability, odds) = match (reached(stage), won_count) {
                (Some(reached), Some(won)) if reached > 0 && won <= reached => (
                    round2(won as f64 / reached as f64),
                    Odds::Funnel { reached, won },
                ),
                _ => (
                    round2((index + 1) as f64 / (open.len() + 1) as f64),
                    Odds::Default,
                ),
            };
            self.deal_stages.push(DealStage {
                stage: Some(stage),
                name: names::label(&stage.name, usize::MAX),
                probability,
                odds,
                outcome: Outcome::Open,
            });
        }
        self.deal_stages.push(DealStage {
            stage: Some(won_stage),
            name: names::label(&won_stage.name, usize::MAX),
            probability: 1.0,
            odds: Odds::Closed,
            outcome: Outcome::Won,
        });
        let lost = stages[start..]
            .iter()
            .find(|s| has(s, "lost"))
            .map(|stage| (Some(stage), names::label(&stage.name, usize::MAX)));
        let (lost_stage, lost_name) = lost.unwrap_or((None, "Closed lost".to_owned()));
        self.deal_stages.push(DealStage {
            stage: lost_stage,
            name: lost_name,
            probability: 0.0,
            odds: Odds::Closed,
            outcome: Outcome::Lost,
        });
        if self.deal_stages.len() > MAX_DEAL_STAGES {
            return Err(SetupError::TooManyDealStages {
                count: self.deal_stages.len(),
            });
        }
        self.after_won = stages[won + 1..]
            .iter()
            .filter(|s| !has(s, "lost"))
            .collect();
        Ok(())
    }

    /// The verification points of the definitions of lead stages (MQL, SQL, …), each a box.
    fn find_checks(&mut self) {
        let session = self.session;
        for stage in &self.lead_stages {
            let Some(definition) = session.definitions.iter().find(|d| d.is_term(&stage.name))
            else {
                continue;
            };
            let points: Vec<String> = definition
                .criteria
                .verification
                .iter()
                .map(|p| names::label(p, usize::MAX))
                .filter(|p| !p.is_empty())
                .collect();
            if points.is_empty() {
                self.warnings.push(format!(
                    "{} has no verification points: there is nothing to tick before a lead becomes one. Agree them on the “Shared definitions” step.",
                    definition.term.trim()
                ));
                continue;
            }
            let id = definition.id.raw();
            let hubspot: Vec<String> = points
                .iter()
                .map(|p| format!("accord_check_{id}_{}", names::slug(p, 40)))
                .collect();
            let prefix = format!("Accord_{id}");
            let salesforce: Vec<String> = points
                .iter()
                .map(|p| names::salesforce(&[&prefix, p], 38))
                .collect();
            for (index, text) in points.iter().enumerate() {
                let clash = |names: &[String]| {
                    names[index].ends_with('_')
                        || names[index] == format!("accord_check_{id}")
                        || names[index] == prefix
                        || names.iter().filter(|n| **n == names[index]).count() > 1
                };
                let mut hubspot_name = hubspot[index].clone();
                if clash(&hubspot) {
                    hubspot_name = format!(
                        "accord_check_{id}_{}_{}",
                        names::slug(text, 32),
                        names::short_hash(text)
                    )
                    .replace("__", "_");
                }
                let mut salesforce_name = salesforce[index].clone();
                if clash(&salesforce) {
                    salesforce_name = format!(
                        "{}_{}",
                        names::salesforce(&[&prefix, text], 31),
                        names::short_hash(text)
                    );
                }
                self.checks.push(Check {
                    definition,
                    text: text.clone(),
                    hubspot: hubspot_name,
                    salesforce: salesforce_name,
                });
            }
        }
        for term in ["MQL", "SQL"] {
            let defined = session.definitions.iter().any(|d| d.is_term(term));
            let staged = self
                .lead_stages
                .iter()
                .any(|s| s.name.trim().eq_ignore_ascii_case(term));
            if staged && !defined {
                self.warnings.push(format!(
                    "The pipeline has a stage {term} but no definition of {term}: its verification points cannot be set up. Define it on the “Shared definitions” step."
                ));
            }
        }
    }

    /// The definition whose term names `stage`, if any.
    pub fn definition_of(&self, stage: &Stage) -> Option<&'a Definition> {
        self.session
            .definitions
            .iter()
            .find(|d| d.is_term(&stage.name))
    }

    /// What a stage means, for a CRM's description: its definition's wording where one names
    /// it, else the stage's own.
    pub fn meaning(&self, stage: &Stage) -> String {
        let wording = self
            .definition_of(stage)
            .map(|d| d.definition.trim())
            .filter(|d| !d.is_empty())
            .unwrap_or(stage.definition.trim());
        names::label(wording, 1000)
    }

    /// True when Accord adds a "Disqualified" lead status: there are lead stages, and none is
    /// called so already.
    pub fn adds_disqualified(&self) -> bool {
        !self.lead_stages.is_empty()
            && !self
                .lead_stages
                .iter()
                .any(|s| s.name.trim().eq_ignore_ascii_case("Disqualified"))
    }

    /// The last lead stage: where a lead becomes a deal (Salesforce's converted status).
    pub fn converted(&self) -> Option<&'a Stage> {
        self.lead_stages.last().copied()
    }

    /// The stage `id`'s place among the deal stages, if it is one.
    pub fn deal_stage(&self, id: StageId) -> Option<&DealStage<'a>> {
        self.deal_stages
            .iter()
            .find(|d| d.stage.is_some_and(|s| s.id == id))
    }

    /// Each scoring rule in words with its points, "+30 Requested a demo", in the session's order.
    pub fn score_rules(&self) -> Vec<String> {
        self.session
            .scoring
            .rules
            .iter()
            .map(|rule| format!("{:+} {}", rule.points, rule.condition.describe()))
            .collect()
    }
}

fn check_stage_names(stages: &[Stage]) -> Result<(), SetupError> {
    let mut seen: Vec<String> = Vec::new();
    for (index, stage) in stages.iter().enumerate() {
        let name = names::label(&stage.name, usize::MAX);
        if name.is_empty() {
            return Err(SetupError::UnnamedStage {
                position: index + 1,
            });
        }
        if name.chars().count() > MAX_STAGE_NAME {
            return Err(SetupError::LongStageName { name });
        }
        let key = name.to_lowercase();
        if seen.contains(&key) {
            return Err(SetupError::DuplicateStage { name });
        }
        seen.push(key);
    }
    Ok(())
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests;
