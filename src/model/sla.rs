//! Service-level agreements between teams, and the feedback loops that carry what the field learns.

use serde::{Deserialize, Serialize};

use super::ids::{FeedbackLoopId, SlaId, TeamId};
use super::signoff::SignOffs;

/// The unit of an SLA's time window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimeUnit {
    Minutes,
    #[default]
    Hours,
    BusinessHours,
    Days,
    BusinessDays,
    /// A volume commitment: so many per month.
    PerMonth,
}

impl TimeUnit {
    pub fn label(self) -> &'static str {
        match self {
            Self::Minutes => "minutes",
            Self::Hours => "hours",
            Self::BusinessHours => "business hours",
            Self::Days => "days",
            Self::BusinessDays => "business days",
            Self::PerMonth => "per month",
        }
    }
}

/// When the commitment is due: an amount of time after an event, or a volume per period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Window {
    pub amount: u32,
    pub unit: TimeUnit,
    /// The event that starts the clock: "MQL created in the CRM".
    pub clock_starts: String,
}

/// What happens when the SLA is missed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Escalation {
    pub action: String,
    pub to: String,
    pub after: String,
}

/// A written commitment from one team to another.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sla {
    pub id: SlaId,
    pub name: String,
    /// The team that commits.
    pub from_team: Option<TeamId>,
    /// The team it commits to.
    pub to_team: Option<TeamId>,
    /// The deliverable or action.
    pub what: String,
    pub when: Window,
    /// The role accountable within the committing team.
    pub who: String,
    /// The metric that shows compliance.
    pub how_measured: String,
    pub data_source: String,
    /// The share that must meet the window, in percent (95 for "95% within the SLA").
    pub target_percent: Option<f64>,
    pub escalation: Escalation,
    /// IANA time zone for business hours, such as "Europe/Berlin".
    pub time_zone: String,
    pub sign_offs: SignOffs,
}

/// The kind of intelligence a feedback loop carries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeedbackKind {
    #[default]
    FeatureRequests,
    ObjectionPatterns,
    WinLossReasons,
    CompetitiveIntel,
    LeadQuality,
    Other(String),
}

/// How often something happens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Frequency {
    Ongoing,
    PerDeal,
    Weekly,
    Fortnightly,
    #[default]
    Monthly,
    Quarterly,
    Annual,
}

impl Frequency {
    pub const ALL: [Self; 7] = [
        Self::Ongoing,
        Self::PerDeal,
        Self::Weekly,
        Self::Fortnightly,
        Self::Monthly,
        Self::Quarterly,
        Self::Annual,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Ongoing => "Ongoing",
            Self::PerDeal => "Per deal",
            Self::Weekly => "Weekly",
            Self::Fortnightly => "Fortnightly",
            Self::Monthly => "Monthly",
            Self::Quarterly => "Quarterly",
            Self::Annual => "Annual",
        }
    }
}

/// A channel that carries what one team learns to another.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeedbackLoop {
    pub id: FeedbackLoopId,
    pub from_team: Option<TeamId>,
    pub to_team: Option<TeamId>,
    pub kind: FeedbackKind,
    /// How it is captured: "CRM field", "structured win/loss interviews".
    pub capture: String,
    pub frequency: Frequency,
    pub owner: Option<TeamId>,
    /// Where it lands: a board, a doc, a meeting.
    pub destination: String,
}
