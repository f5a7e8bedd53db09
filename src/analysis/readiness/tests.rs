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
