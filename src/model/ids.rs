//! Typed ids, so a team id can never be passed where a stage id is expected.

use serde::{Deserialize, Serialize};

macro_rules! typed_id {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub u64);

        impl From<u64> for $name {
            fn from(raw: u64) -> Self {
                Self(raw)
            }
        }

        impl $name {
            /// The raw number, as stored in the file.
            pub fn raw(self) -> u64 {
                self.0
            }
        }
    )*};
}

typed_id!(
    /// A team taking part in the workshop.
    TeamId,
    /// A person in the room.
    ParticipantId,
    /// An ICP criterion.
    CriterionId,
    /// An ICP anti-pattern.
    AntiPatternId,
    /// A shared definition (Lead, MQL, …).
    DefinitionId,
    /// A lead-scoring rule.
    RuleId,
    /// A pipeline stage.
    StageId,
    /// A service-level agreement between two teams.
    SlaId,
    /// A feedback loop between teams.
    FeedbackLoopId,
    /// A recurring meeting in the planning cadence.
    MeetingId,
    /// A metric on the shared dashboard.
    MetricId,
    /// A decision taken in the room.
    DecisionId,
    /// An action item.
    ActionId,
    /// A parking-lot entry.
    ParkingId,
    /// An agenda item.
    AgendaItemId,
);
