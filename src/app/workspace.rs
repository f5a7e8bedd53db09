//! What the window works with for one open document and never saves: imported rows, jobs on
//! worker threads, the item shown on a step, the agenda clock. It is made with its
//! [`super::Document`] and dropped with it, so nothing of one client's data outlives their
//! session: the next file opened or template started begins with an empty workspace, and the
//! imports still running for the old one are cancelled as they are dropped.

use std::collections::HashMap;
use std::sync::Arc;

use crate::analysis::agenda::Timer;
use crate::analysis::audit::Findings;
use crate::analysis::room_audit::RoomCard;
use crate::analysis::sla::PairTab;
use crate::analysis::standing::SignaturesView;
use crate::model::{Agreement, DefinitionId, Session, StageId};
use crate::storage::Fingerprint;

/// The per-document working state of the window.
#[derive(Default)]
pub struct Workspace {
    /// The ICP workshop's imported customers and their analysis.
    pub icp: super::icp::IcpWorkshop,
    /// The lead-scoring sandbox's imported leads.
    pub leads: super::leads::LeadsWorkshop,
    /// The SLA step's pair of teams and the events being checked.
    pub slas: super::slas::SlaWorkshop,
    /// A CRM export whose stage column is being chosen, or whose records are being counted.
    pub funnel: super::funnel::Phase,
    /// The definition shown on the definitions step; the first one when none is chosen.
    pub selected_definition: Option<DefinitionId>,
    /// The stage shown in full on the pipeline step; the first one when none is chosen.
    pub selected_stage: Option<StageId>,
    /// The agenda clock; what it records goes into the session, the clock itself does not.
    pub timer: Timer,
    /// The room the phones join, while it is open; it closes with the document.
    pub room: Option<super::room::OpenRoom>,
    /// The other program's version of the open file the room was last told about, so coming
    /// back to the window does not repeat it.
    pub(super) told_of_change: Option<Fingerprint>,
    /// Where each agreement stands, worked out once per revision of the session.
    pub signatures: SignatureViews,
    /// The audit's gaps, once per revision and day.
    pub audit_findings: PerRevision<(u64, jiff::civil::Date), Findings>,
    /// The room's answers to the audit as its step shows them, once per revision.
    pub room_audit: PerRevision<u64, RoomCard>,
    /// The SLA step's tabs, a pair of teams each with where its SLAs stand, once per revision.
    pub sla_pairs: PerRevision<u64, Vec<PairTab>>,
    /// The pipeline step's hand-off and ownership problems, once per revision.
    pub pipeline_problems: PerRevision<u64, crate::analysis::pipeline::Problems>,
    /// The step's page opens at its top on the next frame: an agenda item starts its step
    /// from the beginning, not where the page was last left.
    pub scroll_to_top: bool,
}

/// What a screen shows that follows from the session, worked out when `K` (the session's
/// revision, and whatever else it depends on) changes rather than in every frame.
pub struct PerRevision<K, T> {
    worked_out: Option<(K, Arc<T>)>,
}

impl<K, T> Default for PerRevision<K, T> {
    fn default() -> Self {
        Self { worked_out: None }
    }
}

impl<K: PartialEq, T> PerRevision<K, T> {
    /// What `work` gives for `key`: worked out again only when the key changed.
    pub fn get(&mut self, key: K, work: impl FnOnce() -> T) -> Arc<T> {
        self.get_after(key, |_| work())
    }

    /// What `work` gives for `key`, worked out again only when the key changed, and then
    /// handed what it gave for the previous key, when there was one, to build on.
    pub fn get_after(&mut self, key: K, work: impl FnOnce(Option<&T>) -> T) -> Arc<T> {
        match &self.worked_out {
            Some((at, value)) if *at == key => Arc::clone(value),
            earlier => {
                let value = Arc::new(work(earlier.as_ref().map(|(_, value)| &**value)));
                self.worked_out = Some((key, Arc::clone(&value)));
                value
            }
        }
    }
}

/// Each agreement's signatures as the screens show them, worked out when the session's
/// revision changes rather than in every frame: each needs the agreement's canonical text,
/// its hash, and the hash of every signature's kept text.
#[derive(Default)]
pub struct SignatureViews {
    revision: u64,
    views: HashMap<Agreement, Option<Arc<SignaturesView>>>,
}

impl SignatureViews {
    /// The view of `agreement` in `session` at `revision`, while the agreement exists.
    pub fn get(
        &mut self,
        session: &Session,
        revision: u64,
        agreement: Agreement,
    ) -> Option<Arc<SignaturesView>> {
        if self.revision != revision {
            self.views.clear();
            self.revision = revision;
        }
        self.views
            .entry(agreement)
            .or_insert_with(|| SignaturesView::of(session, agreement).map(Arc::new))
            .clone()
    }
}
