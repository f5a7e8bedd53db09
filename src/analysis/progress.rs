//! How far each workshop step has come, derived from the document, never ticked by hand.

use std::sync::Arc;

use super::readiness::{Readiness, readiness};
use crate::model::{Agreement, Session, Step};

/// Where a step stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepState {
    /// Nothing written yet.
    Empty,
    /// Something is written, but it is not complete or not signed by every team.
    Drafted,
    /// Complete, and signed where the step asks for signatures.
    Agreed,
}

impl StepState {
    /// The state in words for `step`: steps that teams sign say "Agreed", the others "Complete".
    pub fn label(self, step: Step) -> &'static str {
        match self {
            Self::Empty => "Not started",
            Self::Drafted => "In progress",
            Self::Agreed if is_signed(step) => "Agreed",
            Self::Agreed => "Complete",
        }
    }
}

/// True for the steps whose agreement is a sign-off by every team.
fn is_signed(step: Step) -> bool {
    matches!(step, Step::Icp | Step::Definitions | Step::Slas)
}

/// Every step's state and the readiness checklist of one version of a session: what the rail
/// shows on every frame, worked out once per change. What one change leaves as it was is
/// shared with the overview before it, not copied.
#[derive(PartialEq)]
pub struct Overview {
    states: Vec<(Step, StepState)>,
    pub readiness: Arc<Readiness>,
    /// The day it was worked out for.
    pub today: jiff::civil::Date,
    /// The agreements past their review date on that day, with their names and dates.
    pub overdue: Arc<Vec<(Agreement, String, jiff::civil::Date)>>,
    /// The version of the session it was worked out from (a copy shares its parts).
    basis: Session,
}

impl Overview {
    /// Where the session stands on `today`.
    pub fn of(session: &Session, today: jiff::civil::Date) -> Self {
        // Three steps read the checklist: it is worked out once for all of them.
        let readiness = readiness(session);
        Self {
            states: Step::ALL
                .into_iter()
                .map(|step| (step, state_given(session, step, &readiness)))
                .collect(),
            readiness: Arc::new(readiness),
            today,
            // Each agreement's canonical text and its hash: too much work for every frame.
            overdue: Arc::new(super::standing::overdue(session, today)),
            basis: session.clone(),
        }
    }

    /// Where `session` stands on `today`, taken from `earlier` where nothing it was worked out
    /// from changed. While the phones answer the audit, each answer is a new version of the
    /// session that differs from the last in the audit alone: only the audit's state is
    /// worked out again, not every agreement's text and hash.
    pub fn after(earlier: &Self, session: &Session, today: jiff::civil::Date) -> Self {
        let only_the_audit_changed = earlier.today == today
            && session.meta == earlier.basis.meta
            && session
                .parts_apart_from(&earlier.basis)
                .iter()
                .all(|(part, _)| *part == "audit");
        if !only_the_audit_changed {
            return Self::of(session, today);
        }
        let mut states = earlier.states.clone();
        for (step, state) in &mut states {
            if *step == Step::Audit {
                *state = state_given(session, Step::Audit, &earlier.readiness);
            }
        }
        Self {
            states,
            readiness: Arc::clone(&earlier.readiness),
            today,
            overdue: Arc::clone(&earlier.overdue),
            basis: session.clone(),
        }
    }

    pub fn state(&self, step: Step) -> StepState {
        self.states
            .iter()
            .find(|(s, _)| *s == step)
            .map_or(StepState::Empty, |(_, state)| *state)
    }
}

/// The state of `step` in `session`.
#[cfg(test)]
pub fn step_state(session: &Session, step: Step) -> StepState {
    state_given(session, step, &readiness(session))
}

/// The state of `step`, with the session's readiness checklist already worked out.
fn state_given(session: &Session, step: Step, readiness: &Readiness) -> StepState {
    let drafted_if = |any: bool| {
        if any {
            StepState::Drafted
        } else {
            StepState::Empty
        }
    };
    let agreed_if = |any: bool, all: bool| {
        if any && all {
            StepState::Agreed
        } else {
            drafted_if(any)
        }
    };
    match step {
        Step::Details => {
            let meta = &session.meta;
            let filled = [&meta.title, &meta.company, &meta.facilitator]
                .iter()
                .filter(|text| !text.trim().is_empty())
                .count();
            let complete = filled == 3
                && meta.date.is_some()
                && !session.teams.is_empty()
                && !session.participants.is_empty();
            agreed_if(filled > 0 || !session.participants.is_empty(), complete)
        }
        // Under way once the facilitator or a phone answered; complete once the room's
        // answers are written down on the page, every question.
        Step::Audit => {
            let audit = &session.audit;
            let answered = super::audit::answered(session);
            let any = answered > 0 || !audit.recognised.is_empty() || !audit.room.is_empty();
            agreed_if(any, answered == super::audit::QUESTIONS.len())
        }
        Step::Icp => {
            let icp = &session.icp;
            agreed_if(
                !icp.criteria.is_empty() || !icp.statement.trim().is_empty(),
                !icp.criteria.is_empty() && adopted(session, Agreement::Icp),
            )
        }
        Step::Definitions => agreed_if(
            !session.definitions.is_empty(),
            session
                .definitions
                .iter()
                .all(|d| adopted(session, Agreement::Definition(d.id))),
        ),
        Step::LeadScoring => drafted_if(!session.scoring.rules.is_empty()),
        // The pipeline is signed as a whole: its stages, owners and hand-offs.
        Step::Pipeline => agreed_if(
            !session.stages.is_empty(),
            adopted(session, Agreement::Pipeline),
        ),
        // An SLA is signed by its own two teams, not by every team in the room.
        Step::Slas => agreed_if(
            !session.slas.is_empty(),
            session.slas.iter().all(|s| super::sla::settled(session, s)),
        ),
        Step::FeedbackLoops => drafted_if(!session.feedback_loops.is_empty()),
        Step::Cadence => agreed_if(
            !session.meetings.is_empty(),
            checklist_done(readiness, step),
        ),
        Step::Metrics => agreed_if(!session.metrics.is_empty(), checklist_done(readiness, step)),
        Step::Review => drafted_if(
            !session.decisions.is_empty()
                || !session.actions.is_empty()
                || !session.parking_lot.is_empty(),
        ),
        Step::Checklist => agreed_if(readiness.done() > 0, readiness.done() == readiness.total()),
    }
}

/// True when every line of the readiness checklist that belongs to `step` is done.
fn checklist_done(readiness: &Readiness, step: Step) -> bool {
    readiness
        .checks
        .iter()
        .filter(|check| check.step == step)
        .all(|check| check.is_done())
}

/// True when the teams' signatures on today's text adopt `agreement` under the room's rule.
fn adopted(session: &Session, agreement: Agreement) -> bool {
    session
        .agreement_state(agreement)
        .is_some_and(|state| state.adopted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Definition, Position, Signer};

    #[test]
    fn definitions_are_agreed_only_when_every_signing_team_agreed() {
        let mut session = Session::default();
        let marketing = session.add_team("Marketing");
        let sales = session.add_team("Sales");
        assert_eq!(step_state(&session, Step::Definitions), StepState::Empty);
        let mql = Agreement::Definition(session.add_definition(Definition::default()));
        assert_eq!(step_state(&session, Step::Definitions), StepState::Drafted);
        let at = jiff::Timestamp::UNIX_EPOCH;
        let by = || Signer::Facilitator;
        session
            .sign(mql, marketing, Position::Endorse, by(), "", at)
            .unwrap();
        assert_eq!(step_state(&session, Step::Definitions), StepState::Drafted);
        session
            .sign(mql, sales, Position::Endorse, by(), "", at)
            .unwrap();
        assert_eq!(step_state(&session, Step::Definitions), StepState::Agreed);
        // A team that stops signing is no longer waited for, whatever it said.
        session
            .sign(mql, sales, Position::Block, by(), "No", at)
            .unwrap();
        assert_eq!(step_state(&session, Step::Definitions), StepState::Drafted);
        session.teams[1].signs_off = false;
        assert_eq!(step_state(&session, Step::Definitions), StepState::Agreed);
    }

    #[test]
    fn slas_are_agreed_when_complete_and_signed_by_their_own_two_teams() {
        let mut session = Session::default();
        let marketing = session.add_team("Marketing");
        let sales = session.add_team("Sales");
        session.add_team("Finance");
        session
            .slas
            .push(crate::analysis::sla::complete_sla(sales, marketing));
        let sla = Agreement::Sla(session.slas[0].id);
        assert_eq!(step_state(&session, Step::Slas), StepState::Drafted);
        let at = jiff::Timestamp::UNIX_EPOCH;
        let by = || Signer::Facilitator;
        session
            .sign(sla, sales, Position::Endorse, by(), "", at)
            .unwrap();
        assert_eq!(step_state(&session, Step::Slas), StepState::Drafted);
        // Finance is not a party to it and is not waited for.
        session
            .sign(sla, marketing, Position::Endorse, by(), "", at)
            .unwrap();
        assert_eq!(step_state(&session, Step::Slas), StepState::Agreed);
        session.slas[0].how_measured.clear();
        assert_eq!(step_state(&session, Step::Slas), StepState::Drafted);
    }

    #[test]
    fn details_need_title_company_facilitator_date_teams_and_people() {
        let mut session = Session::default();
        assert_eq!(step_state(&session, Step::Details), StepState::Empty);
        session.meta.title = "Alignment day".into();
        assert_eq!(step_state(&session, Step::Details), StepState::Drafted);
        session.meta.company = "Acme".into();
        session.meta.facilitator = "Dana".into();
        session.meta.date = Some(jiff::civil::date(2026, 11, 23));
        session.add_team("Marketing");
        assert_eq!(step_state(&session, Step::Details), StepState::Drafted);
        session.add_participant();
        assert_eq!(step_state(&session, Step::Details), StepState::Agreed);
    }

    #[test]
    fn the_audit_is_under_way_once_a_phone_answered() {
        let mut session = Session::default();
        let sales = session.add_team("Sales");
        assert_eq!(step_state(&session, Step::Audit), StepState::Empty);
        session.audit.room.push(
            crate::model::RoomAnswers {
                name: "Ana".into(),
                team: Some(sales),
                ..Default::default()
            }
            .into(),
        );
        assert_eq!(step_state(&session, Step::Audit), StepState::Drafted);
    }
}
