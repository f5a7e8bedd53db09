//! Changes to the room's own record: who takes part, the cadence and metrics, decisions,
//! actions and parked topics, and the agenda and its clock. Each change of the document is
//! one undo step.

use super::super::App;
use crate::model::{
    ActionId, ActionItem, AgendaItemId, DecisionId, MeetingId, Metric, MetricId, ParkingId,
    ParticipantId, Step, TeamId,
};

/// What the room wants to write down without leaving the step it is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CaptureKind {
    Decision,
    Action,
    Parked,
}

impl CaptureKind {
    pub const ALL: [Self; 3] = [Self::Decision, Self::Action, Self::Parked];

    /// The title of the capture dialog.
    pub fn prompt(self) -> &'static str {
        match self {
            Self::Decision => "Record a decision",
            Self::Action => "Record an action item",
            Self::Parked => "Park a topic",
        }
    }
}

/// A change the facilitation screens ask for, with what it applies to.
#[derive(Clone, Debug, PartialEq)]
pub enum RoomCommand {
    /// Write down a decision, action or parked topic, linked to the current step.
    Record(CaptureKind, String),
    AddTeam,
    RemoveTeam(TeamId),
    AddParticipant,
    RemoveParticipant(ParticipantId),
    /// Turn the audit gap with this key into an action item.
    AddGapAction(&'static str),
    AddMetric,
    RemoveMetric(MetricId),
    /// Add a metric with this name and make it the north star.
    AddNorthStar(&'static str),
    AddMeeting,
    RemoveMeeting(MeetingId),
    AddDecision,
    RemoveDecision(DecisionId),
    AddAction,
    RemoveAction(ActionId),
    ParkTopic,
    RemoveParked(ParkingId),
    AddAgendaItem,
    RemoveAgendaItem(AgendaItemId),
    /// Start the clock on the agenda item at this index and go to its step.
    StartAgendaItem(usize),
    /// Pause the agenda clock, or start it again.
    PauseResumeAgenda,
    /// Finish the current agenda item and start the next.
    NextAgendaItem,
}

impl App {
    pub(super) fn run_room(&mut self, ctx: &egui::Context, command: RoomCommand) {
        if self.refused_as_read_only() {
            return;
        }
        match command {
            RoomCommand::RemoveTeam(id) => {
                self.doc.checkpoint();
                let name = self.doc.session.team_name(Some(id)).to_owned();
                self.doc.session.remove_team(id);
                self.notices
                    .info(format!("Removed {name} — Ctrl+Z brings it back"));
            }
            RoomCommand::RemoveParticipant(id) => {
                self.doc.checkpoint();
                self.doc.session.remove_participant(id);
            }
            RoomCommand::AddGapAction(key) => self.add_gap_action(key),
            RoomCommand::RemoveMetric(id) => {
                self.doc.checkpoint();
                self.doc.session.remove_metric(id);
            }
            RoomCommand::AddNorthStar(name) => {
                self.doc.checkpoint();
                let session = &mut self.doc.session;
                // Promote the metric the room already has under that name, if any.
                let existing = session
                    .metrics
                    .iter()
                    .find(|m| m.name.trim().eq_ignore_ascii_case(name))
                    .map(|m| m.id);
                let id = existing.unwrap_or_else(|| {
                    session.add_metric(Metric {
                        name: name.to_owned(),
                        who_cares: "Everyone".to_owned(),
                        ..Metric::default()
                    })
                });
                session.set_north_star(id);
            }
            RoomCommand::RemoveMeeting(id) => {
                self.doc.checkpoint();
                self.doc.session.remove_meeting(id);
            }
            RoomCommand::AddDecision => {
                self.doc.checkpoint();
                self.doc
                    .session
                    .add_decision(Some(self.step), String::new());
            }
            RoomCommand::RemoveDecision(id) => {
                self.doc.checkpoint();
                self.doc.session.decisions.retain(|d| d.id != id);
            }
            RoomCommand::AddAction => {
                self.doc.checkpoint();
                self.doc.session.add_action(Some(self.step), String::new());
            }
            RoomCommand::RemoveAction(id) => {
                self.doc.checkpoint();
                self.doc.session.actions.retain(|a| a.id != id);
            }
            RoomCommand::ParkTopic => {
                self.doc.checkpoint();
                self.doc.session.add_parked(Some(self.step), String::new());
            }
            RoomCommand::RemoveParked(id) => {
                self.doc.checkpoint();
                self.doc.session.parking_lot.retain(|p| p.id != id);
            }
            RoomCommand::RemoveAgendaItem(id) => {
                self.doc.checkpoint();
                let now = ctx.input(|i| i.time);
                // Indices shift, so the clock stops rather than time a different item.
                self.doc.work.timer.pause(&mut self.doc.session.agenda, now);
                self.doc.work.timer.current = None;
                self.doc.session.agenda.items.retain(|item| item.id != id);
            }
            RoomCommand::StartAgendaItem(index) => {
                let now = ctx.input(|i| i.time);
                let agenda = &mut self.doc.session.agenda;
                self.doc.work.timer.start(agenda, index, now);
                if let Some(step) = agenda.items.get(index).and_then(|item| item.step) {
                    self.step = step;
                }
            }
            RoomCommand::AddTeam => {
                self.doc.checkpoint();
                self.doc.session.add_team("");
            }
            RoomCommand::AddParticipant => {
                self.doc.checkpoint();
                self.doc.session.add_participant();
            }
            RoomCommand::AddMetric => {
                self.doc.checkpoint();
                self.doc.session.add_metric(Metric::default());
            }
            RoomCommand::AddMeeting => {
                self.doc.checkpoint();
                self.doc.session.add_meeting();
            }
            RoomCommand::AddAgendaItem => {
                self.doc.checkpoint();
                let session = &mut self.doc.session;
                let id = session.new_id();
                session.agenda.items.push(crate::model::AgendaItem {
                    id,
                    planned_minutes: 15,
                    ..Default::default()
                });
            }
            RoomCommand::PauseResumeAgenda => {
                let now = ctx.input(|i| i.time);
                if self.doc.work.timer.is_running() {
                    self.doc.work.timer.pause(&mut self.doc.session.agenda, now);
                } else {
                    self.doc.work.timer.resume(now);
                }
            }
            RoomCommand::NextAgendaItem => {
                let now = ctx.input(|i| i.time);
                let agenda = &mut self.doc.session.agenda;
                self.doc.work.timer.next(agenda, now);
                let step = self
                    .doc
                    .work
                    .timer
                    .current
                    .and_then(|i| agenda.items.get(i)?.step);
                if let Some(step) = step {
                    self.step = step;
                }
            }
            RoomCommand::Record(kind, text) => self.record(kind, text),
        }
    }

    /// Writes down a decision, action or parked topic, linked to the step the room is on.
    fn record(&mut self, kind: CaptureKind, text: String) {
        let text = text.trim().to_owned();
        if text.is_empty() {
            return;
        }
        self.doc.checkpoint();
        let step = Some(self.step);
        let session = &mut self.doc.session;
        let what = match kind {
            CaptureKind::Decision => {
                session.add_decision(step, text);
                "Decision"
            }
            CaptureKind::Action => {
                session.add_action(step, text);
                "Action item"
            }
            CaptureKind::Parked => {
                session.add_parked(step, text);
                "Topic"
            }
        };
        self.notices
            .info(format!("{what} recorded in Decisions & actions"));
    }

    fn add_gap_action(&mut self, key: &str) {
        let today = jiff::Zoned::now().date();
        let gaps = crate::analysis::audit::gaps(&self.doc.session, today);
        let Some(gap) = gaps.into_iter().find(|gap| gap.key == key) else {
            return;
        };
        self.doc.checkpoint();
        let session = &mut self.doc.session;
        let id = session.new_id();
        session.actions.push(ActionItem {
            id,
            text: gap.text,
            // Where it came from; the gap's key says which step closes it.
            step: Some(Step::Audit),
            gap: Some(key.to_owned()),
            ..ActionItem::default()
        });
        self.notices.info("Added to the action items");
    }
}
