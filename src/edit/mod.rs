//! Every structural change a session can undergo, as a value: an [`Edit`], checked and applied
//! by one [`Session::apply`](crate::model::Session::apply) that writes nothing when it refuses.
//!
//! The window, the room's phones and the command line all change a session this way, so a
//! rule (who may sign what, how many proposals an agreement holds, what a vote is on) is
//! written once, here or in `analysis`, and holds whichever door the change came through.
//! Typing into a field is not an edit: the window changes such fields directly, as egui
//! intends, and its undo history gathers a burst of typing into one step.

mod apply;
mod people;
pub mod text;

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{
    ActionId, AgendaItemId, Agreement, Answer, AntiPatternId, Condition, Criterion, CriterionId,
    DataFile, DecisionId, Definition, DefinitionId, FeedbackLoopId, Lines, MeetingId, MetricId,
    ParkingId, ParticipantId, Position, RuleId, SignError, Signer, SlaFigures, SlaId, StageId,
    Step, TeamId, VoteItem, VoteTopic,
};

/// The longest name a participant can give, in characters.
pub const MAX_NAME: usize = 80;
/// The longest reason for a position, in characters.
pub const MAX_REASON: usize = 1_000;
/// The longest wording proposed for a definition or the ICP, in characters.
pub const MAX_WORDING: usize = 2_000;
/// The most proposals one definition, or the ICP, holds.
pub const MAX_PROPOSALS: usize = 40;
/// The most proposals one team sends for one agreement: one phone cannot use up the room's.
pub const MAX_TEAM_PROPOSALS: usize = 5;
/// The most people whose audit answers, or dots, one session keeps.
pub const MAX_PEOPLE: usize = 300;
/// The most signatures one agreement's history keeps.
pub const MAX_SIGNATURES: usize = 500;
/// The most signatures one team gives one wording of an agreement: enough for every member
/// to sign and change their mind, too few for one phone to fill the history and leave no
/// room for the other teams.
pub const MAX_TEAM_SIGNATURES: usize = 20;

/// A structural change to a session.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Add a team under this name (empty: the room names it afterwards).
    AddTeam(String),
    /// Remove a team and every reference to it.
    RemoveTeam(TeamId),
    AddParticipant,
    RemoveParticipant(ParticipantId),

    /// Add this criterion to the ICP, under a new id.
    AddCriterion(Box<Criterion>),
    RemoveCriterion(CriterionId),
    /// Turn down the criterion the customer data suggests under this key.
    RejectSuggestion(String),
    AddAntiPattern,
    RemoveAntiPattern(AntiPatternId),

    /// Add a scoring rule with this condition and no points yet.
    AddRule(Condition),
    RemoveRule(RuleId),

    /// Add this definition, under a new id and without signatures.
    AddDefinition(Box<Definition>),
    RemoveDefinition(DefinitionId),
    /// Add an empty proposal, under no team, for the facilitator to type.
    AddProposal(Agreement),
    /// A team's wording for a definition or the ICP, as a participant sends it.
    Propose {
        agreement: Agreement,
        team: TeamId,
        wording: String,
    },
    RemoveProposal(Agreement, usize),
    /// Make the proposal at this index the agreed wording.
    UseProposal(Agreement, usize),
    /// Add an empty line at the end of a list of criteria.
    AddLine(Lines),
    /// Remove the line at this index from a list of criteria.
    RemoveLine(Lines, usize),

    AddStage,
    /// Give a stage a new owner; the hand-off into it follows.
    SetStageOwner(StageId, Option<TeamId>),
    /// Move a stage this many places (negative: earlier).
    MoveStage(StageId, isize),
    /// Remove a stage; the hand-off SLA link moves or goes as `Session::stage_removal` says.
    RemoveStage(StageId),
    /// Keep how many records reached each stage, for the funnel check and the trend.
    KeepFunnelCounts(Box<FunnelKeep>),

    /// Add an SLA from the first team to the second.
    AddSla(Option<TeamId>, Option<TeamId>),
    RemoveSla(SlaId),
    /// Add a closing day to an SLA's business hours.
    AddHoliday(SlaId, jiff::civil::Date),
    /// Remove the closing day at this index.
    RemoveHoliday(SlaId, usize),
    /// Keep the figures of an SLA's check on events, for the trend over reviews.
    KeepSlaFigures(SlaId, Box<SlaFigures>),
    /// Add a feedback loop from the first team to the second, owned by the first.
    AddFeedbackLoop(Option<TeamId>, Option<TeamId>),
    RemoveFeedbackLoop(FeedbackLoopId),

    /// Set the date the room means to review the agreement by; `None`: the default.
    SetReviewBy(Agreement, Option<jiff::civil::Date>),
    /// Record a team's position on an agreement's text.
    Sign(Box<Signing>),

    AddMetric,
    RemoveMetric(MetricId),
    /// Make the metric of this name the north star, adding it when the room has none.
    AddNorthStar(String),
    AddMeeting,
    RemoveMeeting(MeetingId),

    /// Write down a decision, action item or parked topic.
    Record(Box<Record>),
    RemoveDecision(DecisionId),
    RemoveAction(ActionId),
    RemoveParked(ParkingId),
    AddAgendaItem,
    RemoveAgendaItem(AgendaItemId),

    /// A participant's answers to the audit, replacing any they gave before.
    AnswerAudit(Box<AuditAnswers>),
    /// Show or hide the room's audit answers.
    RevealAudit(bool),
    /// Open a dot-vote on these items, with so many dots each; an earlier vote's dots go.
    StartVote {
        on: VoteTopic,
        dots: u8,
        items: Vec<VoteItem>,
    },
    /// A participant's dots on the open vote, replacing any they gave before.
    Vote(Box<Dots>),
    /// Close the vote; its dots stay.
    EndVote,
    /// Show or hide the vote's tally.
    RevealVotes(bool),
}

/// Funnel counts to keep, replacing the counts kept before.
#[derive(Clone, Debug, PartialEq)]
pub struct FunnelKeep {
    /// How many records reached each stage; stages no longer in the session are left out.
    pub counts: BTreeMap<StageId, u64>,
    /// The CRM export they were counted from; none when they were typed.
    pub source: Option<DataFile>,
    /// The period they cover; none: the period kept before, or the session's.
    pub period: Option<String>,
}

impl FunnelKeep {
    /// The counts of `stages` (in order, one count or none each), from `export` when they were
    /// counted from a CRM export rather than typed.
    pub fn of(
        stages: &[StageId],
        counts: &[Option<u64>],
        export: Option<&crate::import::ScanSummary>,
        period: Option<String>,
    ) -> Self {
        Self {
            counts: stages
                .iter()
                .zip(counts)
                .filter_map(|(stage, count)| Some((*stage, (*count)?)))
                .collect(),
            source: export.map(|scan| DataFile {
                file: scan.file_name.clone(),
                sha256: scan.content_hash.clone(),
            }),
            period,
        }
    }
}

/// A team's position on an agreement, and the text it was given to.
#[derive(Clone, Debug, PartialEq)]
pub struct Signing {
    pub agreement: Agreement,
    pub team: TeamId,
    pub position: Position,
    pub by: Signer,
    pub reason: String,
    pub at: jiff::Timestamp,
    /// The hash of the text the signer read, when it came from a page that showed it: a
    /// signature on a text that has changed since is refused, with the new text.
    pub seen_sha256: Option<String>,
}

/// What the room writes down without leaving the step it is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Capture {
    Decision,
    Action,
    Parked,
}

impl Capture {
    pub const ALL: [Self; 3] = [Self::Decision, Self::Action, Self::Parked];

    /// The title of the dialog that asks for it.
    pub fn prompt(self) -> &'static str {
        match self {
            Self::Decision => "Record a decision",
            Self::Action => "Record an action item",
            Self::Parked => "Park a topic",
        }
    }

    /// What it is called where it lands: "Decision".
    pub fn noun(self) -> &'static str {
        match self {
            Self::Decision => "Decision",
            Self::Action => "Action item",
            Self::Parked => "Topic",
        }
    }
}

/// A decision, action item or parked topic to write down.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub kind: Capture,
    /// The step the room was on.
    pub step: Option<Step>,
    /// Empty: an empty item for the facilitator to type into.
    pub text: String,
    /// The audit gap an action item closes, by its key.
    pub gap: Option<String>,
}

/// One participant's answers to the audit.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditAnswers {
    pub name: String,
    pub team: TeamId,
    pub answers: BTreeMap<String, Answer>,
    pub recognised: BTreeSet<String>,
}

/// One participant's dots on the open vote.
#[derive(Clone, Debug, PartialEq)]
pub struct Dots {
    pub name: String,
    pub team: TeamId,
    pub dots: BTreeMap<String, u8>,
    /// The day it was given: a vote on the audit's gaps kept before Accord kept its items is
    /// on the gaps of that day.
    pub today: jiff::civil::Date,
}

/// What an edit did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    /// The session already said so: nothing changed, and no undo step is due.
    Unchanged,
    Changed,
    /// An item was added under this id.
    Added(u64),
}

impl Applied {
    /// True when the session is not what it was.
    pub fn changed(self) -> bool {
        self != Self::Unchanged
    }
}

/// Why an edit was refused; the session is as it was.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// What the edit names is not in the session (any more).
    #[error("{0} is no longer in the workshop")]
    Gone(&'static str),
    #[error(transparent)]
    Sign(#[from] SignError),
    /// The text changed since the signer read it: the new one, to read before signing.
    #[error("the text changed since it was shown; read it again before signing")]
    Stale { text: String, sha256: String },
    /// A rule of the workshop refuses it; the sentence says which.
    #[error("{0}")]
    Refused(String),
}

#[cfg(test)]
pub(crate) mod tests;
