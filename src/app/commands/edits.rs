//! Structural changes to the document (adds, removes, moves) and to what a step shows. Each
//! edit of the document is one undo step: it checkpoints the history first.

use super::super::icp::Stage;
use super::super::{App, Modal, SignForm};
use crate::analysis::icp::suggestion_key;
use crate::model::{
    Agreement, AntiPattern, AntiPatternId, Condition, CriterionId, Definition, DefinitionId,
    FeedbackLoop, FeedbackLoopId, Lines, Position, Proposal, RuleId, ScoringRule, Signer, Sla,
    SlaFigures, SlaId, StageId, TeamId,
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
        let only_shows = matches!(
            command,
            EditCommand::SelectDefinition(_)
                | EditCommand::SelectStage(_)
                | EditCommand::SelectSlaPair(..)
        );
        if !only_shows && self.refused_as_read_only() {
            return;
        }
        match command {
            EditCommand::AcceptSuggestion(index) => {
                let suggestion = match &self.doc.work.icp.stage {
                    Stage::Explored(explored) => explored.suggestions.get(index).cloned(),
                    _ => None,
                };
                if let Some(criterion) = suggestion {
                    self.doc.checkpoint();
                    self.doc.session.add_criterion(criterion);
                }
            }
            EditCommand::RejectSuggestion(index) => {
                let key = match &self.doc.work.icp.stage {
                    Stage::Explored(explored) => {
                        explored.suggestions.get(index).map(suggestion_key)
                    }
                    _ => None,
                };
                if let (Some(key), Some(data)) = (key, self.doc.session.icp.data.as_ref())
                    && !data.rejected.contains(&key)
                {
                    self.doc.checkpoint();
                    if let Some(data) = &mut self.doc.session.icp.data {
                        data.rejected.push(key);
                    }
                }
            }
            EditCommand::RemoveCriterion(id) => {
                self.doc.checkpoint();
                self.doc.session.icp.criteria.retain(|c| c.id != id);
            }
            EditCommand::RemoveAntiPattern(id) => {
                self.doc.checkpoint();
                self.doc.session.icp.anti_patterns.retain(|a| a.id != id);
            }
            EditCommand::AddRule(condition) => {
                self.doc.checkpoint();
                let id = self.doc.session.new_id();
                self.doc.session.scoring.rules.push(ScoringRule {
                    id,
                    condition,
                    points: 0,
                });
            }
            EditCommand::RemoveRule(id) => {
                self.doc.checkpoint();
                self.doc.session.scoring.rules.retain(|r| r.id != id);
            }
            EditCommand::SelectDefinition(id) => self.doc.work.selected_definition = Some(id),
            EditCommand::AddPql => self.add_pql(),
            EditCommand::RemoveDefinition(id) => {
                self.doc.checkpoint();
                self.doc.session.remove_definition(id);
            }
            EditCommand::AddProposal(of) => {
                self.doc.checkpoint();
                if let Some(wording) = self.doc.session.wording_mut(of) {
                    wording.proposals.push(Proposal::default());
                }
            }
            EditCommand::RemoveProposal(of, index) => {
                if self
                    .doc
                    .session
                    .wording_mut(of)
                    .is_some_and(|w| index < w.proposals.len())
                {
                    self.doc.checkpoint();
                    if let Some(wording) = self.doc.session.wording_mut(of) {
                        wording.proposals.remove(index);
                    }
                }
            }
            EditCommand::UseProposal(id, index) => self.use_proposal(id, index),
            EditCommand::SelectStage(id) => self.doc.work.selected_stage = Some(id),
            EditCommand::SetStageOwner(id, owner) => {
                self.doc.checkpoint();
                self.doc.session.set_stage_owner(id, owner);
            }
            EditCommand::MoveStage(id, by) => {
                self.doc.checkpoint();
                self.doc.session.move_stage(id, by);
            }
            EditCommand::RemoveStage(id) => self.remove_stage(id),
            EditCommand::ConfirmRemoveStage(id) => {
                self.modal = None;
                self.doc.checkpoint();
                self.doc.session.remove_stage(id);
            }
            EditCommand::SelectSlaPair(a, b) => self.doc.work.slas.pair = Some((a, b)),
            EditCommand::AddSla(from, to) => {
                self.doc.checkpoint();
                let id = self.doc.session.new_id();
                self.doc.session.slas.push(Sla {
                    id,
                    from_team: from,
                    to_team: to,
                    ..Sla::default()
                });
                let added = &self.doc.session.slas[self.doc.session.slas.len() - 1];
                self.doc.work.slas.pair = Some(added.pair());
            }
            EditCommand::RemoveSla(id) => {
                self.doc.checkpoint();
                self.doc.session.remove_sla(id);
                if self.doc.work.slas.stage.sla() == Some(id) {
                    self.doc.work.slas.stage = Default::default();
                }
            }
            EditCommand::AddFeedbackLoop(from, to) => {
                self.doc.checkpoint();
                let id = self.doc.session.new_id();
                self.doc.session.feedback_loops.push(FeedbackLoop {
                    id,
                    from_team: from,
                    to_team: to,
                    owner: from,
                    ..FeedbackLoop::default()
                });
            }
            EditCommand::RemoveFeedbackLoop(id) => {
                self.doc.checkpoint();
                self.doc.session.feedback_loops.retain(|f| f.id != id);
            }
            EditCommand::AddCriterion => {
                self.doc.checkpoint();
                self.doc.session.add_criterion(Default::default());
            }
            EditCommand::AddAntiPattern => {
                self.doc.checkpoint();
                let id = self.doc.session.new_id();
                self.doc.session.icp.anti_patterns.push(AntiPattern {
                    id,
                    ..Default::default()
                });
            }
            EditCommand::AddDefinition => {
                self.doc.checkpoint();
                let id = self.doc.session.add_definition(Definition::default());
                self.doc.work.selected_definition = Some(id);
            }
            EditCommand::AddStage => {
                self.doc.checkpoint();
                self.doc.work.selected_stage = Some(self.doc.session.add_stage());
            }
            EditCommand::AddLine(lines) => {
                if self.doc.session.lines_mut(lines).is_some() {
                    self.doc.checkpoint();
                    if let Some(list) = self.doc.session.lines_mut(lines) {
                        list.push(String::new());
                    }
                }
            }
            EditCommand::RemoveLine(lines, index) => {
                if self
                    .doc
                    .session
                    .lines_mut(lines)
                    .is_some_and(|l| index < l.len())
                {
                    self.doc.checkpoint();
                    if let Some(list) = self.doc.session.lines_mut(lines) {
                        list.remove(index);
                    }
                }
            }
            EditCommand::SetReviewBy(agreement, date) => {
                if self.doc.session.signatures_of(agreement).is_some() {
                    self.doc.checkpoint();
                    if let Some(signatures) = self.doc.session.signatures_of_mut(agreement) {
                        signatures.review_by = date;
                    }
                }
            }
            EditCommand::StartSigning(agreement, team) => {
                self.modal = Some(Modal::Sign(Box::new(SignForm {
                    agreement,
                    team,
                    speaker: None,
                    other: String::new(),
                    position: None,
                    reason: String::new(),
                })));
            }
            EditCommand::Sign {
                agreement,
                team,
                position,
                by,
                reason,
            } => {
                self.modal = None;
                self.sign(agreement, team, position, by, &reason);
            }
            EditCommand::AddHoliday(id) => self.edit_sla(id, |sla| {
                let hours = &mut sla.business_hours;
                // The day after the last one (Christmas, then Boxing Day), or today; the room
                // then picks the date it means.
                let next = hours.holidays.iter().max().and_then(|d| d.tomorrow().ok());
                hours
                    .holidays
                    .push(next.unwrap_or_else(|| jiff::Zoned::now().date()));
            }),
            EditCommand::RemoveHoliday(id, index) => self.edit_sla(id, |sla| {
                if index < sla.business_hours.holidays.len() {
                    sla.business_hours.holidays.remove(index);
                }
            }),
            EditCommand::KeepSlaFigures(id, figures) => {
                self.edit_sla(id, |sla| sla.last_check = Some(*figures));
                self.notices
                    .info("Kept: the next review's trend will show these figures.");
            }
        }
    }

    /// Changes the SLA `id` as one undo step.
    fn edit_sla(&mut self, id: SlaId, change: impl FnOnce(&mut Sla)) {
        if !self.doc.session.slas.iter().any(|s| s.id == id) {
            return;
        }
        self.doc.checkpoint();
        if let Some(sla) = self.doc.session.slas.iter_mut().find(|s| s.id == id) {
            change(sla);
        }
    }

    /// Records a signature, one undo step, and says who signed what.
    fn sign(
        &mut self,
        agreement: Agreement,
        team: TeamId,
        position: Position,
        by: Signer,
        reason: &str,
    ) {
        let mut signed = self.doc.session.clone();
        match signed.sign(
            agreement,
            team,
            position,
            by,
            reason,
            jiff::Timestamp::now(),
        ) {
            Ok(()) => {
                self.doc.checkpoint();
                self.doc.session = signed;
                let session = &self.doc.session;
                let name = session.agreement_name(agreement).unwrap_or_default();
                let adopted = session
                    .agreement_state(agreement)
                    .is_some_and(|state| state.adopted);
                let mut message = format!(
                    "{} {} {name}.",
                    session.team_name(Some(team)),
                    position.label().to_lowercase()
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
            .and_then(|session| session.definitions.into_iter().find(|d| d.is_term("PQL")));
        let Some(mut pql) = pql else {
            return;
        };
        // The template's owner is a team of the template, not necessarily of this session.
        let product = self
            .doc
            .session
            .teams
            .iter()
            .find(|team| team.function == crate::model::Function::Product)
            .map(|team| team.id);
        pql.owner = product;
        pql.signatures = Default::default();
        self.doc.checkpoint();
        self.doc.work.selected_definition = Some(self.doc.session.add_definition(pql));
    }

    /// Makes a team's proposal the definition's wording.
    fn use_proposal(&mut self, of: Agreement, index: usize) {
        let Some(wording) = self.doc.session.wording_mut(of) else {
            return;
        };
        let Some(text) = wording.proposals.get(index).map(|p| p.wording.clone()) else {
            return;
        };
        if text == *wording.merged {
            return;
        }
        self.doc.checkpoint();
        if let Some(wording) = self.doc.session.wording_mut(of) {
            *wording.merged = text;
        }
    }

    /// Removes a stage at once, or first says what happens to the SLA its hand-off links.
    fn remove_stage(&mut self, id: crate::model::StageId) {
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
            crate::model::SlaLink::None => {
                self.doc.checkpoint();
                self.doc.session.remove_stage(id);
                return;
            }
            crate::model::SlaLink::MovesTo { sla, stage } => format!(
                "Its hand-off is governed by {}. The SLA stays, and the hand-off from {} — which will lead where this one did — takes over the link.",
                sla_name(sla),
                session.stage_name(stage)
            ),
            crate::model::SlaLink::Dropped { sla } => format!(
                "Its hand-off is governed by {}. The SLA stays, but no hand-off will link it any more.",
                sla_name(sla)
            ),
        };
        self.modal = Some(Modal::ConfirmRemoveStage { stage: id, message });
    }
}
