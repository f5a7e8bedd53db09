//! Pipeline stages, who owns each, and what must travel at each hand-off.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ids::{SlaId, StageId, TeamId};

/// A team's part in a stage: Responsible, Accountable, Consulted or Informed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Raci {
    Responsible,
    Accountable,
    Consulted,
    Informed,
}

/// What happens when a record leaves a stage for the next one.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Handoff {
    /// The team that receives the record.
    pub to_team: Option<TeamId>,
    /// The person or role responsible for passing it on.
    pub responsible: String,
    /// The fields and documents that must travel with it.
    pub contents: Vec<String>,
    /// The SLA that governs how fast it happens.
    pub sla: Option<SlaId>,
}

/// One stage of the pipeline.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Stage {
    pub id: StageId,
    pub name: String,
    pub definition: String,
    pub entry_criteria: Vec<String>,
    pub verification: Vec<String>,
    pub owner: Option<TeamId>,
    pub exit_criteria: Vec<String>,
    pub handoff: Handoff,
    pub raci: BTreeMap<TeamId, Raci>,
}
