//! Sign-offs as the first file format wrote them: read from old files and turned into
//! signatures on load (`Session::migrate_sign_offs`), never written again.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ids::TeamId;

/// One team's position on an agreement, in the first file format.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignOff {
    /// The team had not given its position yet.
    #[default]
    NotYet,
    /// The team agreed to the text as written.
    Agreed,
    /// The team objected, and said why.
    Objects { reason: String },
}

/// Sign-offs by team, in the first file format.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SignOffs(pub BTreeMap<TeamId, SignOff>);
