//! What the facilitator captures while running the room: agenda, decisions, actions, parking lot.

use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

use super::Step;
use super::ids::{ActionId, AgendaItemId, DecisionId, ParkingId, TeamId};

/// A decision the room took.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Decision {
    pub id: DecisionId,
    pub text: String,
    /// The step the room was on when it decided.
    pub step: Option<Step>,
}

/// Where an action item stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionStatus {
    #[default]
    Open,
    InProgress,
    Done,
}

impl ActionStatus {
    pub const ALL: [Self; 3] = [Self::Open, Self::InProgress, Self::Done];

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::InProgress => "In progress",
            Self::Done => "Done",
        }
    }
}

/// Something a person committed to do after the workshop.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActionItem {
    pub id: ActionId,
    pub text: String,
    pub owner: String,
    pub team: Option<TeamId>,
    pub due: Option<Date>,
    pub status: ActionStatus,
    pub step: Option<Step>,
    /// The key of the audit gap this action closes, when it came from the audit.
    pub gap: Option<String>,
}

/// A topic set aside so the room can keep moving.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ParkingItem {
    pub id: ParkingId,
    pub text: String,
    pub step: Option<Step>,
}

/// One time-boxed item of the workshop's agenda.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgendaItem {
    pub id: AgendaItemId,
    pub title: String,
    pub step: Option<Step>,
    #[serde(deserialize_with = "super::bounds::planned_minutes")]
    pub planned_minutes: u32,
    /// Time actually spent, recorded by the agenda timer.
    #[serde(deserialize_with = "super::bounds::spent_seconds")]
    pub actual_seconds: u64,
}

/// The workshop's agenda.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Agenda {
    pub start: Option<Time>,
    pub items: Vec<AgendaItem>,
}

impl Agenda {
    /// The planned length of the whole agenda, in minutes.
    #[cfg_attr(
        accord_private_layers,
        expect(dead_code, reason = "the integration tests check an agenda with it")
    )]
    pub fn planned_minutes(&self) -> u32 {
        self.items.iter().map(|item| item.planned_minutes).sum()
    }
}
