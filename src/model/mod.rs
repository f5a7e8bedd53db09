//! The session document: everything a workshop agrees, as plain serde types.
//!
//! No egui and no I/O here: the GUI, the CLI and the exports all read and write these types.

mod agreement;
mod audit;
pub mod bounds;
mod cadence;
mod canonical;
mod definitions;
mod facilitation;
mod icp;
mod ids;
mod lines;
mod measured;
mod people;
mod pipeline;
mod review;
mod shared;
mod signatures;
mod signoff;
mod sla;
mod step;
pub(crate) mod text;
mod votes;

pub use agreement::{Agreement, AgreementState, SignError};
pub use audit::{Answer, Audit, RoomAnswers};
pub use cadence::{Meeting, Metric, MetricKind};
pub use definitions::{
    Behaviour, Condition, Definition, Proposal, SalesCapacity, ScoringModel, ScoringRule, Wording,
};
pub use facilitation::{ActionItem, ActionStatus, Agenda, AgendaItem, Decision, ParkingItem};
pub use icp::{AntiPattern, Criterion, DataSummary, Icp, Importance, ValueFinding};
pub use ids::*;
pub use lines::{DefinitionLines, Lines, StageLines};
pub use measured::{DataFile, SlaFigures};
pub use people::{Function, Meta, Motion, Participant, Team};
pub use pipeline::{FunnelCounts, Raci, SlaLink, Stage};
pub use review::{PreviousReview, Quarter};
pub use shared::Shared;
#[cfg_attr(
    accord_private_layers,
    expect(
        unused_imports,
        reason = "the integration tests work out a review date with it"
    )
)]
pub use signatures::end_of_next_quarter;
pub use signatures::{AdoptionRule, Position, Signature, Signatures, Signer, Standing, text_hash};
pub use sla::{BusinessHours, FeedbackKind, FeedbackLoop, Frequency, Sla, TimeUnit, Weekday};
#[cfg_attr(
    accord_private_layers,
    expect(unused_imports, reason = "the tests build SLAs with them")
)]
pub use sla::{Escalation, Window};
pub use step::Step;
pub use votes::{Ballot, MAX_DOTS, MAX_VOTE_ITEMS, VoteItem, VoteTopic, Votes};

use serde::{Deserialize, Serialize};

/// The file format version this build writes. Older versions are migrated on load.
pub const CURRENT_VERSION: u32 = 3;

/// Numbers in a document are equal when their bits are: a NaN read from a file equals itself,
/// so a document is always equal to itself and an untouched one never looks edited.
pub(crate) fn same_number(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits()
}

/// The name of the team `id` among `teams`, or a placeholder for none or a nameless one.
pub fn team_name(teams: &[Team], id: Option<TeamId>) -> &str {
    match id.and_then(|id| teams.iter().find(|team| team.id == id)) {
        Some(team) if !team.name.trim().is_empty() => &team.name,
        Some(_) => "Unnamed team",
        None => "No team",
    }
}

/// A file leaves out a vote that holds nothing.
fn no_votes(votes: &Shared<Votes>) -> bool {
    votes.is_empty()
}

/// A whole workshop: every step's agreements, in one document saved as one file.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    /// The file format version; see [`CURRENT_VERSION`].
    pub version: u32,
    /// The next id to hand out; ids are never reused within a session.
    pub next_id: u64,
    pub meta: Meta,
    pub teams: Shared<Vec<Team>>,
    pub participants: Shared<Vec<Participant>>,
    pub audit: Shared<Audit>,
    pub icp: Shared<Icp>,
    pub definitions: Shared<Vec<Definition>>,
    pub scoring: Shared<ScoringModel>,
    pub stages: Shared<Vec<Stage>>,
    /// How many records reached each stage, for the funnel check.
    pub funnel: Shared<FunnelCounts>,
    pub slas: Shared<Vec<Sla>>,
    pub feedback_loops: Shared<Vec<FeedbackLoop>>,
    pub meetings: Shared<Vec<Meeting>>,
    pub metrics: Shared<Vec<Metric>>,
    pub decisions: Shared<Vec<Decision>>,
    pub actions: Shared<Vec<ActionItem>>,
    pub parking_lot: Shared<Vec<ParkingItem>>,
    pub agenda: Shared<Agenda>,
    /// Each team's signatures on the pipeline as a whole: its stages, owners and hand-offs.
    pub pipeline_signatures: Shared<Signatures>,
    /// The review this one was started from, when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<PreviousReview>,
    /// The room's dot-vote, while one is open or its dots are kept.
    #[serde(skip_serializing_if = "no_votes")]
    pub votes: Shared<Votes>,
}

impl Default for Session {
    fn default() -> Self {
        Self {
            version: CURRENT_VERSION,
            next_id: 1,
            meta: Meta::default(),
            teams: Vec::new().into(),
            participants: Vec::new().into(),
            audit: Audit::default().into(),
            icp: Icp::default().into(),
            definitions: Vec::new().into(),
            scoring: ScoringModel::default().into(),
            stages: Vec::new().into(),
            funnel: FunnelCounts::default().into(),
            slas: Vec::new().into(),
            feedback_loops: Vec::new().into(),
            meetings: Vec::new().into(),
            metrics: Vec::new().into(),
            decisions: Vec::new().into(),
            actions: Vec::new().into(),
            parking_lot: Vec::new().into(),
            agenda: Agenda::default().into(),
            pipeline_signatures: Signatures::default().into(),
            previous: None,
            votes: Votes::default().into(),
        }
    }
}

impl Session {
    /// Hands out a fresh id of any kind.
    pub fn new_id<I: From<u64>>(&mut self) -> I {
        let id = self.next_id.max(1);
        self.next_id = id + 1;
        I::from(id)
    }

    /// Raises `next_id` above every id in the document, so a hand-edited file cannot make
    /// two items share an id. Returns true when it had to change.
    pub fn repair_next_id(&mut self) -> bool {
        let highest = self.highest_id();
        if self.next_id > highest {
            return false;
        }
        self.next_id = highest + 1;
        true
    }

    /// The highest id in the document, or 0 when it holds nothing with an id.
    pub fn highest_id(&self) -> u64 {
        self.all_ids().max().unwrap_or(0)
    }

    fn all_ids(&self) -> impl Iterator<Item = u64> + '_ {
        let ids: [Box<dyn Iterator<Item = u64> + '_>; 15] = [
            Box::new(self.teams.iter().map(|x| x.id.raw())),
            Box::new(self.participants.iter().map(|x| x.id.raw())),
            Box::new(self.icp.criteria.iter().map(|x| x.id.raw())),
            Box::new(self.icp.anti_patterns.iter().map(|x| x.id.raw())),
            Box::new(self.definitions.iter().map(|x| x.id.raw())),
            Box::new(self.scoring.rules.iter().map(|x| x.id.raw())),
            Box::new(self.stages.iter().map(|x| x.id.raw())),
            Box::new(self.slas.iter().map(|x| x.id.raw())),
            Box::new(self.feedback_loops.iter().map(|x| x.id.raw())),
            Box::new(self.meetings.iter().map(|x| x.id.raw())),
            Box::new(self.metrics.iter().map(|x| x.id.raw())),
            Box::new(self.decisions.iter().map(|x| x.id.raw())),
            Box::new(self.actions.iter().map(|x| x.id.raw())),
            Box::new(self.parking_lot.iter().map(|x| x.id.raw())),
            Box::new(self.agenda.items.iter().map(|x| x.id.raw())),
        ];
        ids.into_iter().flatten()
    }

    /// The team with this id, if it is still in the workshop.
    pub fn team(&self, id: TeamId) -> Option<&Team> {
        self.teams.iter().find(|team| team.id == id)
    }

    /// The name of a team, or a placeholder for a missing one.
    pub fn team_name(&self, id: Option<TeamId>) -> &str {
        team_name(&self.teams, id)
    }

    /// The teams whose agreement a definition or SLA needs.
    pub fn signing_teams(&self) -> impl Iterator<Item = TeamId> + '_ {
        self.teams.iter().filter(|t| t.signs_off).map(|t| t.id)
    }

    /// Adds a team and returns its id.
    pub fn add_team(&mut self, name: &str) -> TeamId {
        let id = self.new_id();
        self.teams.push(Team {
            id,
            name: name.to_owned(),
            ..Team::default()
        });
        id
    }

    /// Adds an empty participant and returns its id.
    pub fn add_participant(&mut self) -> ParticipantId {
        let id = self.new_id();
        self.participants.push(Participant {
            id,
            ..Participant::default()
        });
        id
    }

    /// Removes a participant.
    #[cfg_attr(
        accord_private_layers,
        expect(
            dead_code,
            reason = "the integration tests and benchmarks trim sessions with it"
        )
    )]
    pub fn remove_participant(&mut self, id: ParticipantId) {
        self.participants.retain(|p| p.id != id);
    }

    /// Adds a metric and returns its id.
    pub fn add_metric(&mut self, metric: Metric) -> MetricId {
        let id = self.new_id();
        self.metrics.push(Metric { id, ..metric });
        id
    }

    /// Adds an ICP criterion and returns its id.
    pub fn add_criterion(&mut self, criterion: Criterion) -> CriterionId {
        let id = self.new_id();
        self.icp.criteria.push(Criterion { id, ..criterion });
        id
    }

    /// Adds a definition and returns its id.
    pub fn add_definition(&mut self, definition: Definition) -> DefinitionId {
        let id = self.new_id();
        self.definitions.push(Definition { id, ..definition });
        id
    }

    #[cfg(test)]
    pub fn remove_definition(&mut self, id: DefinitionId) {
        self.definitions.retain(|d| d.id != id);
    }

    pub fn definition_mut(&mut self, id: DefinitionId) -> Option<&mut Definition> {
        self.definitions.iter_mut().find(|d| d.id == id)
    }

    /// Makes `id` the one north-star metric.
    pub fn set_north_star(&mut self, id: MetricId) {
        for metric in &mut self.metrics {
            metric.north_star = metric.id == id;
        }
    }

    #[cfg_attr(
        accord_private_layers,
        expect(
            dead_code,
            reason = "the integration tests and benchmarks trim sessions with it"
        )
    )]
    pub fn remove_metric(&mut self, id: MetricId) {
        self.metrics.retain(|m| m.id != id);
    }

    /// Adds an empty meeting and returns its id.
    pub fn add_meeting(&mut self) -> MeetingId {
        let id = self.new_id();
        self.meetings.push(Meeting {
            id,
            ..Meeting::default()
        });
        id
    }

    #[cfg_attr(
        accord_private_layers,
        expect(
            dead_code,
            reason = "the integration tests and benchmarks trim sessions with it"
        )
    )]
    pub fn remove_meeting(&mut self, id: MeetingId) {
        self.meetings.retain(|m| m.id != id);
    }

    /// Records a decision taken during `step`.
    pub fn add_decision(&mut self, step: Option<Step>, text: String) -> DecisionId {
        let id = self.new_id();
        self.decisions.push(Decision { id, step, text });
        id
    }

    /// Records an action item raised during `step`.
    #[cfg_attr(
        accord_private_layers,
        expect(
            dead_code,
            reason = "the integration tests and benchmarks fill sessions with it"
        )
    )]
    pub fn add_action(&mut self, step: Option<Step>, text: String) -> ActionId {
        let id = self.new_id();
        self.actions.push(ActionItem {
            id,
            step,
            text,
            ..ActionItem::default()
        });
        id
    }

    /// Parks a topic raised during `step`.
    pub fn add_parked(&mut self, step: Option<Step>, text: String) -> ParkingId {
        let id = self.new_id();
        self.parking_lot.push(ParkingItem { id, step, text });
        id
    }

    /// Removes a team and every reference to it, so no agreement points at a team that left.
    pub fn remove_team(&mut self, id: TeamId) {
        let some = Some(id);
        let clear = |slot: &mut Option<TeamId>| {
            if *slot == some {
                *slot = None;
            }
        };
        self.teams.retain(|team| team.id != id);
        self.participants
            .iter_mut()
            .for_each(|p| clear(&mut p.team));
        self.icp.signatures.forget(id);
        self.pipeline_signatures.forget(id);
        for definition in &mut self.definitions {
            clear(&mut definition.owner);
            definition.signatures.forget(id);
            definition
                .proposals
                .iter_mut()
                .for_each(|p| clear(&mut p.team));
        }
        for stage in &mut self.stages {
            clear(&mut stage.owner);
            clear(&mut stage.handoff.to_team);
            stage.raci.remove(&id);
        }
        for sla in &mut self.slas {
            clear(&mut sla.from_team);
            clear(&mut sla.to_team);
            sla.signatures.forget(id);
        }
        for feedback in &mut self.feedback_loops {
            clear(&mut feedback.from_team);
            clear(&mut feedback.to_team);
            clear(&mut feedback.owner);
        }
        for meeting in &mut self.meetings {
            clear(&mut meeting.owner);
            meeting.attendees.retain(|team| *team != id);
        }
        self.metrics.iter_mut().for_each(|m| clear(&mut m.owner));
        self.actions.iter_mut().for_each(|a| clear(&mut a.team));
    }
}

#[cfg(test)]
mod tests;
