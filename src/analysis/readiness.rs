//! The readiness checklist: derived from the document, never ticked by hand.

use crate::model::{Agreement, Function, MetricKind, Session, Sla, Step, TeamId};

use super::sla;

/// One line of the checklist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// What must be true, as the checklist states it.
    pub title: &'static str,
    /// What is still missing; empty when the line is done.
    pub missing: Vec<String>,
    /// Where the room goes to finish it.
    pub step: Step,
}

impl Check {
    pub fn is_done(&self) -> bool {
        self.missing.is_empty()
    }
}

/// The whole checklist with its score.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Readiness {
    pub checks: Vec<Check>,
}

impl Readiness {
    pub fn done(&self) -> usize {
        self.checks.iter().filter(|c| c.is_done()).count()
    }

    pub fn total(&self) -> usize {
        self.checks.len()
    }

    /// The alignment score: the share of lines done, from 0 to 1.
    pub fn score(&self) -> f32 {
        if self.checks.is_empty() {
            return 0.0;
        }
        self.done() as f32 / self.total() as f32
    }
}

/// The terms every workshop defines; PQL joins them when the motion has a product-led path.
const CORE_TERMS: [&str; 5] = ["Lead", "MQL", "SQL", "Opportunity", "Customer"];

/// Derives the checklist from `session`.
pub fn readiness(session: &Session) -> Readiness {
    Readiness {
        checks: vec![
            icp(session),
            definitions(session),
            slas_between(
                session,
                "Marketing ↔ Sales SLAs complete",
                |f| f == Function::Marketing,
                Function::is_sales,
            ),
            slas_between(
                session,
                "Sales ↔ Customer Success SLAs complete",
                Function::is_sales,
                |f| f == Function::CustomerSuccess,
            ),
            meetings(session),
            north_star(session),
            metrics_tie_to_revenue(session),
        ],
    }
}

fn icp(session: &Session) -> Check {
    let mut missing = Vec::new();
    if session.icp.criteria.is_empty() {
        missing.push("No ICP criteria are written yet.".to_owned());
    } else {
        if let Some(waiting) = super::standing::waiting_for(session, Agreement::Icp) {
            missing.push(format!("The criteria are written, but {waiting}."));
        }
    }
    Check {
        title: "ICP documented and agreed",
        missing,
        step: Step::Icp,
    }
}

fn definitions(session: &Session) -> Check {
    let pql = session.meta.motion.uses_pql().then_some("PQL");
    let mut missing = Vec::new();
    for term in CORE_TERMS.into_iter().chain(pql) {
        let found = session
            .definitions
            .iter()
            .find(|d| d.term.trim().eq_ignore_ascii_case(term));
        match found {
            None => missing.push(format!("{term} is not defined.")),
            Some(definition) => {
                if let Some(waiting) =
                    super::standing::waiting_for(session, Agreement::Definition(definition.id))
                {
                    missing.push(format!("{term}: {waiting}."));
                }
            }
        }
    }
    Check {
        title: "Shared definitions agreed by every team",
        missing,
        step: Step::Definitions,
    }
}

fn function_of(session: &Session, team: Option<TeamId>) -> Option<Function> {
    team.and_then(|id| session.team(id)).map(|t| t.function)
}

fn slas_between(
    session: &Session,
    title: &'static str,
    side_a: impl Fn(Function) -> bool,
    side_b: impl Fn(Function) -> bool,
) -> Check {
    let connects = |sla: &&Sla| {
        let (from, to) = (
            function_of(session, sla.from_team),
            function_of(session, sla.to_team),
        );
        match (from, to) {
            (Some(from), Some(to)) => (side_a(from) && side_b(to)) || (side_b(from) && side_a(to)),
            _ => false,
        }
    };
    let between: Vec<_> = session.slas.iter().filter(connects).collect();
    let mut missing = Vec::new();
    if between.is_empty() {
        missing.push("There is no SLA between these teams yet.".to_owned());
    }
    for agreement in between {
        let name = if agreement.name.trim().is_empty() {
            "An unnamed SLA"
        } else {
            agreement.name.trim()
        };
        let lacks = sla::missing(agreement);
        if !lacks.is_empty() {
            missing.push(format!("{name} needs {}.", sla::and_list(&lacks)));
            continue;
        }
        let unsigned: Vec<&str> = sla::unsigned(session, agreement)
            .into_iter()
            .map(|team| session.team_name(Some(team)))
            .collect();
        if !unsigned.is_empty() {
            missing.push(format!(
                "{name} is not signed by {} yet.",
                sla::and_list(&unsigned)
            ));
        }
    }
    Check {
        title,
        missing,
        step: Step::Slas,
    }
}

fn meetings(session: &Session) -> Check {
    let mut missing = Vec::new();
    if session.meetings.is_empty() {
        missing.push("No recurring meeting is planned.".to_owned());
    }
    let unscheduled: Vec<_> = session
        .meetings
        .iter()
        .filter(|m| m.first_date.is_none())
        .map(|m| m.name.as_str())
        .collect();
    if !unscheduled.is_empty() {
        missing.push(format!("No first date for {}.", unscheduled.join(", ")));
    }
    Check {
        title: "Regular cross-team meetings scheduled",
        missing,
        step: Step::Cadence,
    }
}

fn north_star(session: &Session) -> Check {
    let stars = session.metrics.iter().filter(|m| m.north_star).count();
    let missing = match stars {
        0 => vec!["No metric is chosen as the north star.".to_owned()],
        1 => Vec::new(),
        n => vec![format!(
            "{n} metrics are marked as the north star; choose one."
        )],
    };
    Check {
        title: "North-star metric chosen",
        missing,
        step: Step::Metrics,
    }
}

/// True when a metric of this kind measures an outcome in money or conversion, not effort.
pub fn ties_to_revenue(kind: MetricKind) -> bool {
    kind != MetricKind::Activity
}

fn metrics_tie_to_revenue(session: &Session) -> Check {
    let mut missing = Vec::new();
    if !session.teams.iter().any(|t| t.signs_off) {
        missing.push("No teams are listed.".to_owned());
    }
    for team in session.teams.iter().filter(|t| t.signs_off) {
        let owned: Vec<_> = session
            .metrics
            .iter()
            .filter(|m| m.owner == Some(team.id))
            .collect();
        let name = session.team_name(Some(team.id));
        if owned.is_empty() {
            missing.push(format!("{name} owns no metric."));
        } else if !owned.iter().any(|m| ties_to_revenue(m.kind)) {
            missing.push(format!(
                "{name} measures only activity; add a pipeline, conversion or revenue figure."
            ));
        }
    }
    Check {
        title: "Each team's metrics tie to revenue",
        missing,
        step: Step::Metrics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sla::sign_all;
    use crate::model::{Definition, Meeting, Metric, Motion, Position, Signer};

    fn two_teams() -> (Session, TeamId, TeamId) {
        let mut session = Session::default();
        let marketing = session.add_team("Marketing");
        let sales = session.add_team("Sales");
        session.teams[0].function = Function::Marketing;
        session.teams[1].function = Function::SalesDevelopment;
        (session, marketing, sales)
    }

    #[test]
    fn an_empty_session_is_not_ready_and_says_why_on_every_line() {
        let readiness = readiness(&Session::default());
        assert_eq!(readiness.total(), 7);
        assert_eq!(readiness.done(), 0);
        assert!(readiness.checks.iter().all(|c| !c.missing.is_empty()));
        assert_eq!(readiness.score(), 0.0);
    }

    #[test]
    fn definitions_need_every_core_term_agreed_and_pql_for_product_led() {
        let (mut session, marketing, sales) = two_teams();
        for term in CORE_TERMS {
            let id = session.add_definition(Definition {
                term: term.into(),
                ..Definition::default()
            });
            sign_all(&mut session, Agreement::Definition(id));
        }
        assert!(definitions(&session).is_done());
        let mql = Agreement::Definition(session.definitions[1].id);
        let at = jiff::Timestamp::UNIX_EPOCH;
        let why = "Too many";
        session
            .sign(
                mql,
                sales,
                Position::StandAside,
                Signer::Facilitator,
                why,
                at,
            )
            .unwrap();
        assert_eq!(definitions(&session).missing, ["MQL: not agreed by Sales."]);
        session.definitions[1].definition = "Changed after both signed".into();
        assert_eq!(
            definitions(&session).missing,
            ["MQL: every team signed an earlier wording."]
        );
        session
            .sign(
                mql,
                marketing,
                Position::Block,
                Signer::Facilitator,
                why,
                at,
            )
            .unwrap();
        assert_eq!(
            definitions(&session).missing,
            ["MQL: blocked by Marketing."]
        );
        sign_all(&mut session, mql);
        session.meta.motion = Motion::Hybrid;
        assert_eq!(definitions(&session).missing, ["PQL is not defined."]);
    }

    #[test]
    fn slas_count_in_either_direction_and_must_all_be_complete_and_signed() {
        let (mut session, marketing, sales) = two_teams();
        let check =
            |s: &Session| slas_between(s, "t", |f| f == Function::Marketing, Function::is_sales);
        assert!(!check(&session).is_done());
        session
            .slas
            .push(crate::analysis::sla::complete_sla(sales, marketing));
        let follow_up = Agreement::Sla(session.slas[0].id);
        let at = jiff::Timestamp::UNIX_EPOCH;
        session
            .sign(
                follow_up,
                sales,
                Position::Endorse,
                Signer::Facilitator,
                "",
                at,
            )
            .unwrap();
        assert_eq!(
            check(&session).missing,
            ["Follow-up is not signed by Marketing yet."]
        );
        sign_all(&mut session, follow_up);
        assert!(check(&session).is_done());
        session.slas.push(Sla {
            name: "MQL volume".into(),
            from_team: Some(marketing),
            to_team: Some(sales),
            ..Sla::default()
        });
        let missing = check(&session).missing;
        assert_eq!(missing.len(), 1);
        assert_eq!(
            missing[0],
            "MQL volume needs a time window, the event that starts the clock, a measure and an escalation."
        );
    }

    #[test]
    fn metrics_need_an_owner_per_team_and_more_than_activity() {
        let (mut session, marketing, sales) = two_teams();
        session.metrics.push(Metric {
            name: "MQL count".into(),
            owner: Some(marketing),
            kind: MetricKind::Activity,
            ..Metric::default()
        });
        let missing = metrics_tie_to_revenue(&session).missing;
        assert_eq!(
            missing,
            [
                "Marketing measures only activity; add a pipeline, conversion or revenue figure.",
                "Sales owns no metric."
            ]
        );
        session.metrics.push(Metric {
            name: "Pipeline generated".into(),
            owner: Some(marketing),
            kind: MetricKind::Pipeline,
            ..Metric::default()
        });
        session.metrics.push(Metric {
            name: "Win rate".into(),
            owner: Some(sales),
            kind: MetricKind::Conversion,
            north_star: true,
            ..Metric::default()
        });
        assert!(metrics_tie_to_revenue(&session).is_done());
        assert!(north_star(&session).is_done());
        session.metrics[0].north_star = true;
        assert!(!north_star(&session).is_done());
    }

    #[test]
    fn meetings_are_scheduled_once_each_has_a_first_date() {
        let mut session = Session::default();
        assert!(!meetings(&session).is_done());
        session.meetings.push(Meeting {
            name: "Lead review".into(),
            ..Meeting::default()
        });
        assert_eq!(
            meetings(&session).missing,
            ["No first date for Lead review."]
        );
        session.meetings[0].first_date = Some(jiff::civil::date(2026, 12, 1));
        assert!(meetings(&session).is_done());
    }
}
