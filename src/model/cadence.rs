//! The recurring meetings that keep the agreement alive, and the metrics everyone shares.

use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

use super::ids::{MeetingId, MetricId, TeamId};
use super::sla::Frequency;

/// A recurring cross-team meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Meeting {
    pub id: MeetingId,
    pub name: String,
    pub frequency: Frequency,
    pub purpose: String,
    pub attendees: Vec<TeamId>,
    pub owner: Option<TeamId>,
    /// What must be prepared and brought.
    pub inputs: Vec<String>,
    pub agenda: Vec<String>,
    /// The first occurrence; a meeting with a date is scheduled.
    pub first_date: Option<Date>,
    pub start_time: Option<Time>,
    /// The IANA time zone of the start time when the meeting is held elsewhere than the
    /// workshop's other meetings; blank for the workshop's own zone.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub time_zone: String,
    #[serde(deserialize_with = "super::bounds::meeting_minutes")]
    pub duration_minutes: u32,
}

impl Default for Meeting {
    fn default() -> Self {
        Self {
            id: MeetingId::default(),
            name: String::new(),
            frequency: Frequency::Monthly,
            purpose: String::new(),
            attendees: Vec::new(),
            owner: None,
            inputs: Vec::new(),
            agenda: Vec::new(),
            first_date: None,
            start_time: None,
            time_zone: String::new(),
            duration_minutes: 60,
        }
    }
}

/// What a metric counts, to tell revenue outcomes from activity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum MetricKind {
    /// Money won, kept or grown: ARR, NRR, expansion revenue.
    #[default]
    Revenue,
    /// Pipeline created, in money.
    Pipeline,
    /// A rate between stages: MQL → SQL, win rate.
    Conversion,
    /// Efficiency of spend: CAC payback.
    Efficiency,
    /// Effort counted without its outcome: MQL count, calls made.
    Activity,
}

impl MetricKind {
    pub const ALL: [Self; 5] = [
        Self::Revenue,
        Self::Pipeline,
        Self::Conversion,
        Self::Efficiency,
        Self::Activity,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Revenue => "Revenue",
            Self::Pipeline => "Pipeline",
            Self::Conversion => "Conversion",
            Self::Efficiency => "Efficiency",
            Self::Activity => "Activity",
        }
    }
}

/// A metric on the shared dashboard.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Metric {
    pub id: MetricId,
    pub name: String,
    pub owner: Option<TeamId>,
    /// Who else watches it: "Everyone", "Marketing, Sales".
    pub who_cares: String,
    /// The one number everyone is accountable for.
    pub north_star: bool,
    pub kind: MetricKind,
    pub current: String,
    pub target: String,
}
