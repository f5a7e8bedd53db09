//! The alignment audit's answers. The questions themselves live with the audit screen's analysis.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// An answer to an audit question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    Yes,
    No,
    DontKnow,
}

/// What the room said during the alignment audit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Audit {
    /// Keys of the symptoms the room recognised.
    pub recognised: BTreeSet<String>,
    /// Answers to the yes/no questions, by question key.
    pub answers: BTreeMap<String, Answer>,
    /// When Product and Sales last met about customer feedback.
    pub last_product_sales_sync: Option<Date>,
    pub notes: String,
    /// Each participant's own answers, sent from their phone in the room.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub room: Vec<super::Shared<RoomAnswers>>,
    /// Whether the facilitator showed the room's answers, team by team; until then each
    /// participant's answers are seen by nobody else.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub revealed: bool,
}

/// One participant's answers to the audit, given in the room.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoomAnswers {
    /// The name they joined with.
    pub name: String,
    pub team: Option<super::TeamId>,
    /// Answers to the yes/no questions, by question key.
    pub answers: BTreeMap<String, Answer>,
    /// Keys of the symptoms they recognised.
    pub recognised: BTreeSet<String>,
}
