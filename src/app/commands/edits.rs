//! What the screens ask of the agreements (adds, removes, moves, signatures) and of what a step
//! shows. Each change of the document becomes an [`Edit`], applied as one undo step by
//! `Document::apply`; what is left here is choosing what to show next and what to say.

use super::super::icp::Phase;
use super::super::{App, Modal, SignForm};
use crate::analysis::icp::suggestion_key;
use crate::edit::{Applied, Edit, Signing};
use crate::model::{
    Agreement, AntiPatternId, Condition, Criterion, CriterionId, DefinitionId, FeedbackLoopId,
    Lines, Position, RuleId, Signer, SlaFigures, SlaId, SlaLink, StageId, TeamId,
};
use crate::storage::templates;

/// A structural change the screens ask for, with what it applies to.
#[derive(Clone, Debug, PartialEq)]
pub enum EditCommand {
    /// Add the suggested ICP criterion at this index to the ICP.
    AcceptSuggestion(usize),
    /// Turn down the suggested ICP criterion at this index.
    RejectSuggestion(usize),
    AddCriterion,
    RemoveCriterion(CriterionId),
    AddAntiPattern,
    RemoveAntiPattern(AntiPatternId),
    /// Add a scoring rule with this condition and no points yet.
    AddRule(Condition),
    RemoveRule(RuleId),
    /// Show this definition on the definitions step.
    SelectDefinition(DefinitionId),
    AddDefinition,
    /// Add the product-qualified lead, worded as in the product-led template.
    AddPql,
    RemoveDefinition(DefinitionId),
    /// Add an empty team proposal to the definition.
    AddProposal(Agreement),
    RemoveProposal(Agreement, usize),
    /// Make the proposal at this index the definition's wording.
    UseProposal(Agreement, usize),
    /// Add an empty line at the end of a list of criteria.
    AddLine(Lines),
    /// Remove the line at this index from a list of criteria.
    RemoveLine(Lines, usize),
    /// Show this stage in full on the pipeline step.
    SelectStage(StageId),
    AddStage,
    /// Give a stage a new owner; the hand-off into it follows.
    SetStageOwner(StageId, Option<TeamId>),
    /// Move a stage this many places (negative: earlier).
    MoveStage(StageId, isize),
    /// Remove a stage; asks first when its hand-off links an SLA.
    RemoveStage(StageId),
    /// Remove a stage without asking (the question was answered).
    ConfirmRemoveStage(StageId),
    /// Show the SLAs between these two teams.
    SelectSlaPair(Option<TeamId>, Option<TeamId>),
    /// Add an SLA from the first team to the second.
    AddSla(Option<TeamId>, Option<TeamId>),
    RemoveSla(SlaId),
    /// Add a closing day to a business-hours SLA: the day after its last one, or today.
    AddHoliday(SlaId),
    /// Remove the closing day at this index from the SLA.
    RemoveHoliday(SlaId, usize),
    /// Set the date the room means to review the agreement by; `None`: the default.
    SetReviewBy(Agreement, Option<jiff::civil::Date>),
    /// Open the signing dialog for this team on this agreement.
    StartSigning(Agreement, TeamId),
    /// Record a team's position on the agreement's text as it stands now.
    Sign {
        agreement: Agreement,
        team: TeamId,
        position: Position,
        by: Signer,
        reason: String,
    },
    /// Keep the figures of an SLA's check on events in the session, for the trend over reviews.
    KeepSlaFigures(SlaId, Box<SlaFigures>),
    /// Add a feedback loop from the first team to the second.
    AddFeedbackLoop(Option<TeamId>, Option<TeamId>),
    RemoveFeedbackLoop(FeedbackLoopId),
}

impl App {
    pub(super) fn run_edit(&mut self, command: EditCommand) {
        use EditCommand as C;
        let edit = match command {
            C::SelectDefinition(id) => {
                self.doc.work.selected_definition = Some(id);
                return;
            }
            C::SelectStage(id) => {
                self.doc.work.selected_stage = Some(id);
                return;
            }
            C::SelectSlaPair(a, b) => {
                self.doc.work.slas.pair = Some((a, b));
                return;
            }
            C::StartSigning(..) | C::RemoveStage(_) if self.refused_as_read_only() => return,
            C::StartSigning(agreement, team) => {
                self.modal = Some(Modal::Sign(Box::new(SignForm {
                    agreement,
                    team,
                    speaker: None,
                    other: String::new(),
                    position: None,
                    reason: String::new(),
                })));
                return;
            }
            C::RemoveStage(id) => return self.remove_stage(id),
            C::AddPql => return self.add_pql(),
            C::Sign {
                agreement,
                team,
                position,
                by,
                reason,
            } => {
                self.modal = None;
                return self.sign(agreement, team, position, by, reason);
            }
            C::AcceptSuggestion(index) => {
                let Some(criterion) = self.suggestion(index) else {
                    return;
                };
                Edit::AddCriterion(Box::new(criterion))
            }
            C::RejectSuggestion(index) => {
                let Some(criterion) = self.suggestion(index) else {
                    return;
                };
                Edit::RejectSuggestion(suggestion_key(&criterion))
            }
            C::AddCriterion => Edit::AddCriterion(Box::default()),
            C::RemoveCriterion(id) => Edit::RemoveCriterion(id),
            C::AddAntiPattern => Edit::AddAntiPattern,
            C::RemoveAntiPattern(id) => Edit::RemoveAntiPattern(id),
            C::AddRule(condition) => Edit::AddRule(condition),
            C::RemoveRule(id) => Edit::RemoveRule(id),
            C::AddDefinition => Edit::AddDefinition(Box::default()),
            C::RemoveDefinition(id) => Edit::RemoveDefinition(id),
            C::AddProposal(of) => Edit::AddProposal(of),
            C::RemoveProposal(of, index) => Edit::RemoveProposal(of, index),
            C::UseProposal(of, index) => Edit::UseProposal(of, index),
            C::AddLine(lines) => Edit::AddLine(lines),
            C::RemoveLine(lines, index) => Edit::RemoveLine(lines, index),
            C::AddStage => Edit::AddStage,
            C::SetStageOwner(id, owner) => Edit::SetStageOwner(id, owner),
            C::MoveStage(id, by) => Edit::MoveStage(id, by),
            C::ConfirmRemoveStage(id) => {
                self.modal = None;
                Edit::RemoveStage(id)
            }
            C::AddSla(from, to) => Edit::AddSla(from, to),
            C::RemoveSla(id) => Edit::RemoveSla(id),
            C::AddHoliday(id) => {
                let Some(sla) = self.doc.session.slas.iter().find(|s| s.id == id) else {
                    return;
                };
                // The day after the last one (Christmas, then Boxing Day), or today; the room
                // then picks the date it means.
                let holidays = &sla.business_hours.holidays;
                let next = holidays.iter().max().and_then(|d| d.tomorrow().ok());
                Edit::AddHoliday(id, next.unwrap_or_else(|| jiff::Zoned::now().date()))
            }
            C::RemoveHoliday(id, index) => Edit::RemoveHoliday(id, index),
            C::KeepSlaFigures(id, figures) => Edit::KeepSlaFigures(id, figures),
            C::SetReviewBy(agreement, date) => Edit::SetReviewBy(agreement, date),
            C::AddFeedbackLoop(from, to) => Edit::AddFeedbackLoop(from, to),
            C::RemoveFeedbackLoop(id) => Edit::RemoveFeedbackLoop(id),
        };
        let kept_figures = matches!(edit, Edit::KeepSlaFigures(..));
        let Some(applied) = self.apply(edit.clone()) else {
            return;
        };
        // What the screen shows next: the item just added.
        match (edit, applied) {
            (Edit::AddDefinition(_), Applied::Added(id)) => {
                self.doc.work.selected_definition = Some(DefinitionId(id));
            }
            (Edit::AddStage, Applied::Added(id)) => {
                self.doc.work.selected_stage = Some(StageId(id));
            }
            (Edit::AddSla(..), Applied::Added(id)) => {
                let added = self.doc.session.slas.iter().find(|s| s.id == SlaId(id));
                self.doc.work.slas.pair = added.map(|sla| sla.pair());
            }
            (Edit::RemoveSla(id), _) if self.doc.work.slas.phase.sla() == Some(id) => {
                self.doc.work.slas.phase = Default::default();
            }
            _ => {}
        }
        if kept_figures {
            self.notices
                .info("Kept: the next review's trend will show these figures.");
        }
    }

    /// The ICP criterion the imported customers suggest at `index`.
    fn suggestion(&self, index: usize) -> Option<Criterion> {
        match &self.doc.work.icp.phase {
            Phase::Explored(explored) => explored.suggestions.get(index).cloned(),
            _ => None,
        }
    }

    /// Records a signature, one undo step, and says who signed what.
    fn sign(
        &mut self,
        agreement: Agreement,
        team: TeamId,
        position: Position,
        by: Signer,
        reason: String,
    ) {
        if self.refused_as_read_only() {
            return;
        }
        let signing = Signing {
            agreement,
            team,
            position,
            by,
            reason,
            at: jiff::Timestamp::now(),
            seen_sha256: None,
        };
        match self.doc.apply(Edit::Sign(Box::new(signing))) {
            Ok(_) => {
                let session = &self.doc.session;
                let name = session.agreement_name(agreement).unwrap_or_default();
                let adopted = session
                    .agreement_state(agreement)
                    .is_some_and(|state| state.adopted);
                let mut message = format!(
                    "{}.",
                    position.sentence(session.team_name(Some(team)), &name)
                );
                if adopted {
                    message.push_str(&format!(" {name} is adopted."));
                }
                self.notices.info(message);
            }
            Err(error) => self.notices.error(format!("Not signed: {error}.")),
        }
    }

    /// Adds the PQL as the product-led template words it, for the room to adapt.
    fn add_pql(&mut self) {
        let pql = templates::find("product-led")
            .and_then(|template| template.session().ok())
            .and_then(|session| {
                session
                    .definitions
                    .iter()
                    .find(|d| d.is_term("PQL"))
                    .cloned()
            });
        let Some(mut pql) = pql else {
            return;
        };
        // The template's owner is a team of the template, not necessarily of this session.
        pql.owner = self
            .doc
            .session
            .teams
            .iter()
            .find(|team| team.function == crate::model::Function::Product)
            .map(|team| team.id);
        if let Some(Applied::Added(id)) = self.apply(Edit::AddDefinition(Box::new(pql))) {
            self.doc.work.selected_definition = Some(DefinitionId(id));
        }
    }

    /// Removes a stage at once, or first says what happens to the SLA its hand-off links.
    fn remove_stage(&mut self, id: StageId) {
        let session = &self.doc.session;
        let sla_name = |sla| {
            session
                .slas
                .iter()
                .find(|s| s.id == sla)
                .map_or("an SLA".to_owned(), |s| {
                    format!("the “{}” SLA", s.name.trim())
                })
        };
        let message = match session.stage_removal(id) {
            SlaLink::None => {
                self.apply(Edit::RemoveStage(id));
                return;
            }
            SlaLink::MovesTo { sla, stage } => format!(
                "Its hand-off is governed by {}. The SLA stays, and the hand-off from {} — which will lead where this one did — takes over the link.",
                sla_name(sla),
                session.stage_name(stage)
            ),
            SlaLink::Dropped { sla } => format!(
                "Its hand-off is governed by {}. The SLA stays, but no hand-off will link it any more.",
                sla_name(sla)
            ),
        };
        self.modal = Some(Modal::ConfirmRemoveStage { stage: id, message });
    }
}
