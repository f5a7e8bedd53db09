//! Sign-offs as the first file format wrote them: read from old files and turned into
//! signatures on load (`Session::migrate_sign_offs`), never written again.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ids::TeamId;
use super::{Agreement, Position, Session, Signature, Signer, text_hash};

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

impl Session {
    /// Turns the sign-offs of a format-1 file into signatures on the text each stood next to,
    /// by a signer "recorded before signatures named people", at an unknown time. An
    /// agreement became an endorsement, an objection a block with its reason.
    pub fn migrate_sign_offs(&mut self) {
        for agreement in self.agreements() {
            let Some(text) = self.canonical_text(agreement) else {
                continue;
            };
            let sha256 = text_hash(&text);
            let legacy = match agreement {
                Agreement::Icp => std::mem::take(&mut self.icp.sign_offs),
                Agreement::Definition(id) => self
                    .definitions
                    .iter_mut()
                    .find(|d| d.id == id)
                    .map(|d| std::mem::take(&mut d.sign_offs))
                    .unwrap_or_default(),
                Agreement::Sla(id) => self
                    .slas
                    .iter_mut()
                    .find(|s| s.id == id)
                    .map(|s| std::mem::take(&mut s.sign_offs))
                    .unwrap_or_default(),
                Agreement::Pipeline => continue,
            };
            let Some(signatures) = self.signatures_of_mut(agreement) else {
                continue;
            };
            for (team, sign_off) in legacy.0 {
                let (position, reason) = match sign_off {
                    SignOff::NotYet => continue,
                    SignOff::Agreed => (Position::Endorse, String::new()),
                    SignOff::Objects { reason } => (Position::Block, reason),
                };
                signatures.history.push(Signature {
                    team,
                    position,
                    by: Signer::Unrecorded,
                    at: None,
                    reason,
                    text: text.clone(),
                    sha256: sha256.clone(),
                    carried_over: false,
                });
            }
        }
    }

    /// Forgets sign-offs read from a file of a format that no longer writes them.
    pub fn drop_legacy_sign_offs(&mut self) {
        self.icp.sign_offs = Default::default();
        for definition in &mut self.definitions {
            definition.sign_offs = Default::default();
        }
        for sla in &mut self.slas {
            sla.sign_offs = Default::default();
        }
    }
}
