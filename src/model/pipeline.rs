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

impl Raci {
    #[cfg(test)]
    pub const ALL: [Self; 4] = [
        Self::Responsible,
        Self::Accountable,
        Self::Consulted,
        Self::Informed,
    ];

    /// The part after `current` as a click on a matrix cell steps through them: none, then R,
    /// A, C, I, and none again.
    pub fn after(current: Option<Self>) -> Option<Self> {
        match current {
            None => Some(Self::Responsible),
            Some(Self::Responsible) => Some(Self::Accountable),
            Some(Self::Accountable) => Some(Self::Consulted),
            Some(Self::Consulted) => Some(Self::Informed),
            Some(Self::Informed) => None,
        }
    }

    /// The matrix's letter: R, A, C or I.
    pub fn letter(self) -> &'static str {
        match self {
            Self::Responsible => "R",
            Self::Accountable => "A",
            Self::Consulted => "C",
            Self::Informed => "I",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Responsible => "Responsible",
            Self::Accountable => "Accountable",
            Self::Consulted => "Consulted",
            Self::Informed => "Informed",
        }
    }
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

/// How many records reached each stage in a period, as the room entered or imported them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FunnelCounts {
    /// The period counted: "Q3 2026".
    pub period: String,
    /// Stages without a count are left out.
    #[serde(deserialize_with = "super::bounds::counts")]
    pub counts: BTreeMap<StageId, u64>,
    /// The CRM export the counts were last counted from; none when they were typed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<super::DataFile>,
}

/// What removing a stage does to the hand-off SLA it carried.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SlaLink {
    /// The stage's hand-off linked no SLA.
    None,
    /// The link moves to the previous stage's hand-off, which now leads where this one did.
    MovesTo { sla: SlaId, stage: StageId },
    /// The link goes; the SLA itself stays.
    Dropped { sla: SlaId },
}

impl super::Session {
    pub fn stage_index(&self, id: StageId) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }

    /// The name of the stage `id`, trimmed; empty when there is no such stage.
    pub fn stage_name(&self, id: StageId) -> &str {
        self.stages
            .iter()
            .find(|s| s.id == id)
            .map_or("", |s| s.name.trim())
    }

    /// Adds an empty stage at the end and returns its id.
    pub fn add_stage(&mut self) -> StageId {
        let id = self.new_id();
        self.stages.push(Stage {
            id,
            ..Stage::default()
        });
        self.relink_handoffs();
        id
    }

    /// Moves a stage `by` places (negative: earlier), then points every hand-off at the stage
    /// that now follows. Returns false when it cannot move that far.
    pub fn move_stage(&mut self, id: StageId, by: isize) -> bool {
        let Some(from) = self.stage_index(id) else {
            return false;
        };
        let Some(to) = from
            .checked_add_signed(by)
            .filter(|to| *to < self.stages.len())
        else {
            return false;
        };
        let stage = self.stages.remove(from);
        self.stages.insert(to, stage);
        self.relink_handoffs();
        true
    }

    /// Gives stage `id` a new owner: the stage before it now hands off to that team (or to
    /// nobody, when it owns both).
    pub fn set_stage_owner(&mut self, id: StageId, owner: Option<TeamId>) {
        if let Some(stage) = self.stages.iter_mut().find(|s| s.id == id) {
            stage.owner = owner;
            self.relink_handoffs();
        }
    }

    /// Each stage but the last hands off to the owner of the stage after it, or to nobody when
    /// the same team owns both. The last stage's hand-off leaves the line (a renewal going back
    /// to the account executive) and keeps the team the room chose.
    pub fn relink_handoffs(&mut self) {
        let owners: Vec<Option<TeamId>> = self.stages.iter().map(|s| s.owner).collect();
        let last = self.stages.len().saturating_sub(1);
        for (index, stage) in self.stages.iter_mut().enumerate().take(last) {
            let next = owners[index + 1];
            stage.handoff.to_team = if next == stage.owner { None } else { next };
        }
    }

    /// What removing `id` would do to the SLA its hand-off links, for the question asked first.
    pub fn stage_removal(&self, id: StageId) -> SlaLink {
        let Some(index) = self.stage_index(id) else {
            return SlaLink::None;
        };
        let Some(sla) = self.stages[index].handoff.sla else {
            return SlaLink::None;
        };
        match index.checked_sub(1).map(|i| &self.stages[i]) {
            Some(previous) if previous.handoff.sla.is_none() => SlaLink::MovesTo {
                sla,
                stage: previous.id,
            },
            _ => SlaLink::Dropped { sla },
        }
    }

    /// Removes a stage, repairs the hand-off SLA link as [`Self::stage_removal`] says, points
    /// the hand-offs at their new next stages and forgets the stage's funnel count.
    pub fn remove_stage(&mut self, id: StageId) -> SlaLink {
        let link = self.stage_removal(id);
        if let SlaLink::MovesTo { sla, stage } = link
            && let Some(index) = self.stage_index(stage)
        {
            self.stages[index].handoff.sla = Some(sla);
        }
        self.stages.retain(|s| s.id != id);
        self.funnel.counts.remove(&id);
        self.relink_handoffs();
        link
    }

    /// Removes an SLA and the hand-off links to it.
    pub fn remove_sla(&mut self, id: SlaId) {
        self.slas.retain(|s| s.id != id);
        for stage in &mut self.stages {
            if stage.handoff.sla == Some(id) {
                stage.handoff.sla = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Session;

    #[test]
    fn a_new_owner_moves_the_hand_off_into_the_stage() {
        let mut session = Session::default();
        let (marketing, sales) = (session.add_team("Marketing"), session.add_team("Sales"));
        let (mql, sql) = (session.add_stage(), session.add_stage());
        session.set_stage_owner(mql, Some(marketing));
        session.set_stage_owner(sql, Some(sales));
        assert_eq!(session.stages[0].handoff.to_team, Some(sales));
        session.set_stage_owner(sql, Some(marketing));
        assert_eq!(
            session.stages[0].handoff.to_team, None,
            "the same team owns both"
        );
    }

    #[test]
    fn a_matrix_cell_steps_through_every_part_and_back_to_none() {
        let mut cell = None;
        let mut seen = Vec::new();
        for _ in 0..5 {
            cell = Raci::after(cell);
            seen.push(cell);
        }
        let parts: Vec<Option<Raci>> = Raci::ALL.iter().copied().map(Some).collect();
        assert_eq!(seen[..4], parts[..]);
        assert_eq!(seen[4], None);
    }
}
