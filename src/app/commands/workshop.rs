//! Changes to the workshop's own record: who takes part, the cadence and metrics, decisions,
//! actions and parked topics, and the agenda and its clock. Each change of the document is an
//! edit, one undo step; the agenda's clock runs beside them.

use super::super::App;
use crate::edit::{Capture, Edit, Record};
use crate::model::{
    ActionId, AgendaItemId, DecisionId, MeetingId, MetricId, ParkingId, ParticipantId, Step, TeamId,
};

/// A change the facilitation screens ask for, with what it applies to.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkshopCommand {
    /// Write down a decision, action or parked topic, linked to the current step.
    Record(Capture, String),
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
    pub(super) fn run_workshop(&mut self, ctx: &egui::Context, command: WorkshopCommand) {
        use WorkshopCommand as C;
        if self.refused_as_read_only() {
            return;
        }
        let now = ctx.input(|i| i.time);
        let step = Some(self.step);
        let empty = |kind| {
            Edit::Record(Box::new(Record {
                kind,
                step,
                text: String::new(),
                gap: None,
            }))
        };
        let edit = match command {
            C::StartAgendaItem(index) => return self.start_agenda_item(index, now),
            C::PauseResumeAgenda => return self.pause_resume_agenda(now),
            C::NextAgendaItem => return self.next_agenda_item(now),
            C::Record(kind, text) => return self.record(kind, text),
            C::AddGapAction(key) => return self.add_gap_action(key),
            C::RemoveTeam(id) => {
                let name = self.doc.session.team_name(Some(id)).to_owned();
                if self.apply(Edit::RemoveTeam(id)).is_some() {
                    self.notices
                        .info(format!("Removed {name} — Ctrl+Z brings it back"));
                }
                return;
            }
            C::RemoveAgendaItem(id) => {
                // Indices shift, so the clock stops rather than time a different item.
                self.doc.work.timer.pause(&mut self.doc.session.agenda, now);
                self.doc.work.timer.current = None;
                Edit::RemoveAgendaItem(id)
            }
            C::AddTeam => Edit::AddTeam(String::new()),
            C::AddParticipant => Edit::AddParticipant,
            C::RemoveParticipant(id) => Edit::RemoveParticipant(id),
            C::AddMetric => Edit::AddMetric,
            C::RemoveMetric(id) => Edit::RemoveMetric(id),
            C::AddNorthStar(name) => Edit::AddNorthStar(name.to_owned()),
            C::AddMeeting => Edit::AddMeeting,
            C::RemoveMeeting(id) => Edit::RemoveMeeting(id),
            C::AddDecision => empty(Capture::Decision),
            C::RemoveDecision(id) => Edit::RemoveDecision(id),
            C::AddAction => empty(Capture::Action),
            C::RemoveAction(id) => Edit::RemoveAction(id),
            C::ParkTopic => empty(Capture::Parked),
            C::RemoveParked(id) => Edit::RemoveParked(id),
            C::AddAgendaItem => Edit::AddAgendaItem,
        };
        self.apply(edit);
    }

    /// Starts the clock on the agenda item at `index` and goes to its step.
    fn start_agenda_item(&mut self, index: usize, now: f64) {
        let agenda = &mut self.doc.session.agenda;
        self.doc.work.timer.start(agenda, index, now);
        if let Some(step) = agenda.items.get(index).and_then(|item| item.step) {
            self.step = step;
            self.doc.work.scroll_to_top = true;
        }
    }

    fn pause_resume_agenda(&mut self, now: f64) {
        if self.doc.work.timer.is_running() {
            self.doc.work.timer.pause(&mut self.doc.session.agenda, now);
        } else {
            self.doc.work.timer.resume(now);
        }
    }

    /// Finishes the current agenda item, starts the next and goes to its step.
    fn next_agenda_item(&mut self, now: f64) {
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
            self.doc.work.scroll_to_top = true;
        }
    }

    /// Writes down a decision, action or parked topic, linked to the step the room is on.
    fn record(&mut self, kind: Capture, text: String) {
        if text.trim().is_empty() {
            return;
        }
        let record = Record {
            kind,
            step: Some(self.step),
            text,
            gap: None,
        };
        if self.apply(Edit::Record(Box::new(record))).is_some() {
            self.notices
                .info(format!("{} recorded in Decisions & actions", kind.noun()));
        }
    }

    /// Turns the audit gap with this key into an action item.
    fn add_gap_action(&mut self, key: &str) {
        let today = jiff::Zoned::now().date();
        let gaps = crate::analysis::audit::gaps(&self.doc.session, today);
        let Some(gap) = gaps.into_iter().find(|gap| gap.key == key) else {
            return;
        };
        let record = Record {
            kind: Capture::Action,
            text: gap.text,
            // Where it came from; the gap's key says which step closes it.
            step: Some(Step::Audit),
            gap: Some(key.to_owned()),
        };
        if self.apply(Edit::Record(Box::new(record))).is_some() {
            self.notices.info("Added to the action items");
        }
    }
}
