//! Who is in the room: the workshop's details, its teams and its participants.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::ids::{ParticipantId, TeamId};

/// How the company brings in revenue; decides whether PQLs take part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Motion {
    /// Sales reps qualify and close deals.
    #[default]
    SalesLed,
    /// The product qualifies users through self-serve use.
    ProductLed,
    /// Both paths run side by side.
    Hybrid,
}

impl Motion {
    /// Every motion, in the order shown to the user.
    pub const ALL: [Self; 3] = [Self::SalesLed, Self::ProductLed, Self::Hybrid];

    /// The motion's name as shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::SalesLed => "Sales-led",
            Self::ProductLed => "Product-led",
            Self::Hybrid => "Hybrid",
        }
    }

    /// Whether product-qualified leads belong in this motion's funnel.
    pub fn uses_pql(self) -> bool {
        matches!(self, Self::ProductLed | Self::Hybrid)
    }
}

/// The workshop itself: what it is called, for whom, when and by whom it is run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Meta {
    pub title: String,
    pub company: String,
    pub date: Option<Date>,
    pub facilitator: String,
    pub motion: Motion,
    pub notes: String,
    /// The IANA time zone the workshop's meetings are held in, such as "Europe/Berlin". Blank:
    /// the zone of the computer that exports the calendar. Left out of files that set none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub time_zone: String,
    /// How the room decides that an agreement is adopted.
    pub adoption: crate::model::AdoptionRule,
    /// The period the review covers, such as "2027-Q1"; left out of files that name none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub period: String,
}

/// What a team does in the revenue engine, so checks can find "the Marketing → Sales SLA"
/// whatever the room calls its teams.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Function {
    Marketing,
    /// Sales development: qualifies leads and books meetings.
    SalesDevelopment,
    /// Account executives: run opportunities and close.
    AccountExecutives,
    CustomerSuccess,
    Product,
    Finance,
    #[default]
    Other,
}

impl Function {
    pub const ALL: [Self; 7] = [
        Self::Marketing,
        Self::SalesDevelopment,
        Self::AccountExecutives,
        Self::CustomerSuccess,
        Self::Product,
        Self::Finance,
        Self::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Marketing => "Marketing",
            Self::SalesDevelopment => "Sales development",
            Self::AccountExecutives => "Account executives",
            Self::CustomerSuccess => "Customer success",
            Self::Product => "Product",
            Self::Finance => "Finance",
            Self::Other => "Other",
        }
    }

    /// Sales, in either of its roles.
    pub fn is_sales(self) -> bool {
        matches!(self, Self::SalesDevelopment | Self::AccountExecutives)
    }
}

/// A revenue team taking part (Marketing, Sales SDR, …).
#[derive(Clone, Debug, PartialEq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Team {
    pub id: TeamId,
    pub name: String,
    pub function: Function,
    /// The team's part in the revenue engine, in a sentence.
    pub role: String,
    /// Whether this team's agreement is required before a definition counts as agreed.
    pub signs_off: bool,
}

impl Default for Team {
    fn default() -> Self {
        Self {
            id: TeamId::default(),
            name: String::new(),
            function: Function::Other,
            role: String::new(),
            signs_off: true,
        }
    }
}

/// A person in the room.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Participant {
    pub id: ParticipantId,
    pub name: String,
    /// Job title or role, such as "VP Marketing".
    pub role: String,
    pub team: Option<TeamId>,
}
