//! [`Session::apply`]: every edit checked before anything is written, so a refused edit leaves
//! the session exactly as it was.

use super::{Applied, Capture, Edit, EditError, FunnelKeep, MAX_PROPOSALS, Record};
use crate::model::{
    ActionItem, AgendaItem, AntiPattern, Definition, FeedbackLoop, Lines, Metric, Proposal,
    ScoringRule, Session, Sla, SlaId,
};

/// The agenda item a new one plans for, in minutes.
const NEW_AGENDA_ITEM_MINUTES: u32 = 15;

impl Session {
    /// Applies `edit`, or refuses it and leaves the session untouched. Says what it did.
    ///
    /// The parts the edit did not change stay shared with the session as it was, so the
    /// window's undo step for it costs only what changed.
    pub fn apply(&mut self, edit: Edit) -> Result<Applied, EditError> {
        let before = self.clone();
        let applied = self.apply_checked(edit);
        self.share_unchanged_parts(&before);
        applied
    }

    fn apply_checked(&mut self, edit: Edit) -> Result<Applied, EditError> {
        use Edit as E;
        match edit {
            E::AddTeam(name) => Ok(Applied::Added(self.add_team(&name).raw())),
            E::RemoveTeam(id) => {
                self.team(id).ok_or(EditError::Gone("that team"))?;
                self.remove_team(id);
                Ok(Applied::Changed)
            }
            E::AddParticipant => Ok(Applied::Added(self.add_participant().raw())),
            E::RemoveParticipant(id) => {
                remove(&mut self.participants, |p| p.id == id, "that participant")
            }
            E::AddCriterion(criterion) => Ok(Applied::Added(self.add_criterion(*criterion).raw())),
            E::RemoveCriterion(id) => {
                remove(&mut self.icp.criteria, |c| c.id == id, "that criterion")
            }
            E::RejectSuggestion(key) => {
                let data = self.icp.data.as_mut().ok_or_else(|| {
                    EditError::Refused(
                        "import the customer data before turning down its suggestions".to_owned(),
                    )
                })?;
                if data.rejected.contains(&key) {
                    return Ok(Applied::Unchanged);
                }
                data.rejected.push(key);
                Ok(Applied::Changed)
            }
            E::AddAntiPattern => {
                let id = self.new_id();
                self.icp.anti_patterns.push(AntiPattern {
                    id,
                    ..AntiPattern::default()
                });
                Ok(Applied::Added(id.raw()))
            }
            E::RemoveAntiPattern(id) => remove(
                &mut self.icp.anti_patterns,
                |a| a.id == id,
                "that anti-pattern",
            ),
            E::AddRule(condition) => {
                let id = self.new_id();
                self.scoring.rules.push(ScoringRule {
                    id,
                    condition,
                    points: 0,
                });
                Ok(Applied::Added(id.raw()))
            }
            E::RemoveRule(id) => remove(&mut self.scoring.rules, |r| r.id == id, "that rule"),
            E::AddDefinition(definition) => {
                let definition = Definition {
                    signatures: Default::default(),
                    ..*definition
                };
                Ok(Applied::Added(self.add_definition(definition).raw()))
            }
            E::RemoveDefinition(id) => {
                remove(&mut self.definitions, |d| d.id == id, "that definition")
            }
            E::AddProposal(of) => {
                let wording = self
                    .wording_mut(of)
                    .ok_or(EditError::Gone("that wording"))?;
                if wording.proposals.len() >= MAX_PROPOSALS {
                    return Err(too_many_proposals(&wording.name));
                }
                wording.proposals.push(Proposal::default());
                Ok(Applied::Changed)
            }
            E::Propose {
                agreement,
                team,
                wording,
            } => self.propose(agreement, team, &wording),
            E::RemoveProposal(of, index) => {
                let wording = self
                    .wording_mut(of)
                    .ok_or(EditError::Gone("that wording"))?;
                if index >= wording.proposals.len() {
                    return Err(EditError::Gone("that proposal"));
                }
                wording.proposals.remove(index);
                Ok(Applied::Changed)
            }
            E::UseProposal(of, index) => {
                let wording = self
                    .wording_mut(of)
                    .ok_or(EditError::Gone("that wording"))?;
                let text = wording
                    .proposals
                    .get(index)
                    .ok_or(EditError::Gone("that proposal"))?
                    .wording
                    .clone();
                if text == *wording.merged {
                    return Ok(Applied::Unchanged);
                }
                *wording.merged = text;
                Ok(Applied::Changed)
            }
            E::AddLine(lines) => {
                self.lines_mut(lines)
                    .ok_or(EditError::Gone(lines_owner(lines)))?
                    .push(String::new());
                Ok(Applied::Changed)
            }
            E::RemoveLine(lines, index) => {
                let list = self
                    .lines_mut(lines)
                    .ok_or(EditError::Gone(lines_owner(lines)))?;
                if index >= list.len() {
                    return Err(EditError::Gone("that line"));
                }
                list.remove(index);
                Ok(Applied::Changed)
            }
            E::AddStage => Ok(Applied::Added(self.add_stage().raw())),
            E::SetStageOwner(id, owner) => {
                let stage = self.stage_index(id).ok_or(EditError::Gone("that stage"))?;
                if owner.is_some_and(|team| self.team(team).is_none()) {
                    return Err(EditError::Gone("that team"));
                }
                if self.stages[stage].owner == owner {
                    return Ok(Applied::Unchanged);
                }
                self.set_stage_owner(id, owner);
                Ok(Applied::Changed)
            }
            E::MoveStage(id, by) => {
                self.stage_index(id).ok_or(EditError::Gone("that stage"))?;
                Ok(if by != 0 && self.move_stage(id, by) {
                    Applied::Changed
                } else {
                    Applied::Unchanged
                })
            }
            E::RemoveStage(id) => {
                self.stage_index(id).ok_or(EditError::Gone("that stage"))?;
                self.remove_stage(id);
                Ok(Applied::Changed)
            }
            E::KeepFunnelCounts(keep) => Ok(self.keep_funnel_counts(*keep)),
            E::AddSla(from, to) => {
                let id = self.new_id();
                self.slas.push(Sla {
                    id,
                    from_team: from,
                    to_team: to,
                    ..Sla::default()
                });
                Ok(Applied::Added(id.raw()))
            }
            E::RemoveSla(id) => {
                self.sla_mut(id)?;
                self.remove_sla(id);
                Ok(Applied::Changed)
            }
            E::AddHoliday(id, date) => {
                self.sla_mut(id)?.business_hours.holidays.push(date);
                Ok(Applied::Changed)
            }
            E::RemoveHoliday(id, index) => {
                let holidays = &mut self.sla_mut(id)?.business_hours.holidays;
                if index >= holidays.len() {
                    return Err(EditError::Gone("that closing day"));
                }
                holidays.remove(index);
                Ok(Applied::Changed)
            }
            E::KeepSlaFigures(id, figures) => {
                self.sla_mut(id)?.last_check = Some(*figures);
                Ok(Applied::Changed)
            }
            E::AddFeedbackLoop(from, to) => {
                let id = self.new_id();
                self.feedback_loops.push(FeedbackLoop {
                    id,
                    from_team: from,
                    to_team: to,
                    owner: from,
                    ..FeedbackLoop::default()
                });
                Ok(Applied::Added(id.raw()))
            }
            E::RemoveFeedbackLoop(id) => remove(
                &mut self.feedback_loops,
                |f| f.id == id,
                "that feedback loop",
            ),
            E::SetReviewBy(agreement, date) => {
                let signatures = self
                    .signatures_of_mut(agreement)
                    .ok_or(EditError::Gone("that agreement"))?;
                if signatures.review_by == date {
                    return Ok(Applied::Unchanged);
                }
                signatures.review_by = date;
                Ok(Applied::Changed)
            }
            E::Sign(signing) => self.sign_as(*signing),
            E::AddMetric => Ok(Applied::Added(self.add_metric(Metric::default()).raw())),
            E::RemoveMetric(id) => remove(&mut self.metrics, |m| m.id == id, "that metric"),
            E::AddNorthStar(name) => {
                // Promote the metric the room already has under that name, if any.
                let existing = self
                    .metrics
                    .iter()
                    .find(|m| m.name.trim().eq_ignore_ascii_case(name.trim()))
                    .map(|m| m.id);
                let id = existing.unwrap_or_else(|| {
                    self.add_metric(Metric {
                        name: name.trim().to_owned(),
                        who_cares: "Everyone".to_owned(),
                        ..Metric::default()
                    })
                });
                if self.metrics.iter().all(|m| m.north_star == (m.id == id)) {
                    return Ok(Applied::Unchanged);
                }
                self.set_north_star(id);
                Ok(Applied::Changed)
            }
            E::AddMeeting => Ok(Applied::Added(self.add_meeting().raw())),
            E::RemoveMeeting(id) => remove(&mut self.meetings, |m| m.id == id, "that meeting"),
            E::Record(record) => Ok(self.record(*record)),
            E::RemoveDecision(id) => remove(&mut self.decisions, |d| d.id == id, "that decision"),
            E::RemoveAction(id) => remove(&mut self.actions, |a| a.id == id, "that action item"),
            E::RemoveParked(id) => remove(&mut self.parking_lot, |p| p.id == id, "that topic"),
            E::AddAgendaItem => {
                let id = self.new_id();
                self.agenda.items.push(AgendaItem {
                    id,
                    planned_minutes: NEW_AGENDA_ITEM_MINUTES,
                    ..AgendaItem::default()
                });
                Ok(Applied::Added(id.raw()))
            }
            E::RemoveAgendaItem(id) => {
                remove(&mut self.agenda.items, |i| i.id == id, "that agenda item")
            }
            E::AnswerAudit(answers) => self.answer_audit(*answers),
            E::RevealAudit(revealed) => Ok(set(&mut self.audit.revealed, revealed)),
            E::StartVote { on, dots, items } => self.start_vote(on, dots, items),
            E::Vote(dots) => self.vote(*dots),
            E::EndVote => Ok(set(&mut self.votes.open, false)),
            E::RevealVotes(revealed) => Ok(set(&mut self.votes.revealed, revealed)),
        }
    }

    fn sla_mut(&mut self, id: SlaId) -> Result<&mut Sla, EditError> {
        self.slas
            .iter_mut()
            .find(|s| s.id == id)
            .ok_or(EditError::Gone("that SLA"))
    }

    /// Replaces the funnel's counts with `keep`'s, for the stages still in the session.
    fn keep_funnel_counts(&mut self, keep: FunnelKeep) -> Applied {
        let FunnelKeep {
            counts,
            source,
            period,
        } = keep;
        let counts = counts
            .into_iter()
            .filter(|(stage, _)| self.stage_index(*stage).is_some())
            .collect();
        let period = match period.map(|p| p.trim().to_owned()) {
            Some(period) => period,
            None if self.funnel.period.trim().is_empty() => self.meta.period.clone(),
            None => self.funnel.period.clone(),
        };
        let funnel = crate::model::FunnelCounts {
            period,
            counts,
            source,
        };
        if funnel == *self.funnel {
            return Applied::Unchanged;
        }
        self.funnel = funnel.into();
        Applied::Changed
    }

    /// Writes down a decision, action item or parked topic.
    fn record(&mut self, record: Record) -> Applied {
        let Record {
            kind,
            step,
            text,
            gap,
        } = record;
        let text = text.trim().to_owned();
        let id = match kind {
            Capture::Decision => self.add_decision(step, text).raw(),
            Capture::Parked => self.add_parked(step, text).raw(),
            Capture::Action => {
                let id = self.new_id();
                self.actions.push(ActionItem {
                    id,
                    text,
                    step,
                    gap,
                    ..ActionItem::default()
                });
                id.raw()
            }
        };
        Applied::Added(id)
    }
}

/// Removes the one item `is` picks from `items`, or says it is gone.
fn remove<T>(
    items: &mut Vec<T>,
    is: impl Fn(&T) -> bool,
    what: &'static str,
) -> Result<Applied, EditError> {
    let index = items.iter().position(is).ok_or(EditError::Gone(what))?;
    items.remove(index);
    Ok(Applied::Changed)
}

/// Sets a flag, saying whether that changed anything.
fn set(flag: &mut bool, to: bool) -> Applied {
    if *flag == to {
        return Applied::Unchanged;
    }
    *flag = to;
    Applied::Changed
}

/// What holds a list of lines, for the message when it is gone.
fn lines_owner(lines: Lines) -> &'static str {
    match lines {
        Lines::Definition(..) => "that definition",
        Lines::Stage(..) => "that stage",
    }
}

pub(super) fn too_many_proposals(name: &str) -> EditError {
    EditError::Refused(format!(
        "{name} has {MAX_PROPOSALS} proposals already; merge some first"
    ))
}
