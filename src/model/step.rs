//! The steps of the workshop, in the order the room walks through them.

use serde::{Deserialize, Serialize};

/// A step of the workshop; items captured in the room remember the step they came from.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Step {
    #[default]
    Details,
    Audit,
    Icp,
    Definitions,
    LeadScoring,
    Pipeline,
    Slas,
    FeedbackLoops,
    Cadence,
    Metrics,
    Review,
    Checklist,
}

impl Step {
    /// Every step, in workshop order.
    pub const ALL: [Self; 12] = [
        Self::Details,
        Self::Audit,
        Self::Icp,
        Self::Definitions,
        Self::LeadScoring,
        Self::Pipeline,
        Self::Slas,
        Self::FeedbackLoops,
        Self::Cadence,
        Self::Metrics,
        Self::Review,
        Self::Checklist,
    ];

    /// The step's name on the rail.
    pub fn label(self) -> &'static str {
        match self {
            Self::Details => "Session details",
            Self::Audit => "Alignment audit",
            Self::Icp => "Ideal customer",
            Self::Definitions => "Shared definitions",
            Self::LeadScoring => "Lead scoring",
            Self::Pipeline => "Pipeline & ownership",
            Self::Slas => "SLAs between teams",
            Self::FeedbackLoops => "Feedback loops",
            Self::Cadence => "Planning cadence",
            Self::Metrics => "Unified metrics",
            Self::Review => "Decisions & actions",
            Self::Checklist => "Checklist & export",
        }
    }

    /// What the room does in this step, in one sentence.
    pub fn purpose(self) -> &'static str {
        match self {
            Self::Details => {
                "Who is in the room, which teams they speak for, and what this workshop is about."
            }
            Self::Audit => {
                "An honest look at where the teams pull apart today, before anyone proposes a fix."
            }
            Self::Icp => {
                "Who your best customers really are, taken from your own data, and written down as criteria."
            }
            Self::Definitions => {
                "One meaning for every word in the funnel, signed by every team that uses it."
            }
            Self::LeadScoring => {
                "The points that turn a lead into an MQL, and what the threshold does to volume."
            }
            Self::Pipeline => {
                "The stages of the pipeline, the team that owns each, and what travels at every hand-off."
            }
            Self::Slas => {
                "What each team commits to the next, by when, how it is measured and who hears when it slips."
            }
            Self::FeedbackLoops => {
                "How what Sales hears in the field reaches Product and Marketing, and how often."
            }
            Self::Cadence => "The meetings that keep this agreement alive after today.",
            Self::Metrics => "One north-star number, and each team's metrics tied back to revenue.",
            Self::Review => "Everything decided, promised or set aside today, in one place.",
            Self::Checklist => "What is agreed, what is still open, and the documents to hand out.",
        }
    }
}
