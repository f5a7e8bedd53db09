//! The pipeline as the room reshapes it: reordering and removing stages keeps the hand-offs and
//! their SLA links consistent, and the ownership matrix's one-accountable rule is reported.

use accord::analysis::pipeline::{handoff_problems, raci_problems};
use accord::model::{Raci, Session, SlaLink, StageId};
use accord::storage::templates;

fn sales_led() -> Session {
    templates::find("b2b-sales-led").unwrap().session().unwrap()
}

fn names(session: &Session) -> Vec<&str> {
    session.stages.iter().map(|s| s.name.as_str()).collect()
}

fn stage(session: &Session, name: &str) -> StageId {
    session.stages.iter().find(|s| s.name == name).unwrap().id
}

/// Every hand-off but the last goes to the next stage's owner, or nowhere when one team owns
/// both.
fn assert_handoffs_follow_the_order(session: &Session) {
    for pair in session.stages.windows(2) {
        let expected = if pair[1].owner == pair[0].owner {
            None
        } else {
            pair[1].owner
        };
        assert_eq!(
            pair[0].handoff.to_team, expected,
            "{} → {}",
            pair[0].name, pair[1].name
        );
    }
}

#[test]
fn every_template_hands_off_as_its_order_says() {
    for template in templates::TEMPLATES {
        let session = template.session().unwrap();
        assert_handoffs_follow_the_order(&session);
        assert!(raci_problems(&session).is_empty(), "{}", template.name);
        assert_eq!(handoff_problems(&session), [], "{}", template.name);
    }
}

#[test]
fn reordering_points_each_handoff_at_the_stage_that_now_follows() {
    let mut session = sales_led();
    let sql = stage(&session, "SQL");
    let sla_of_mql = session.stages[1].handoff.sla;
    assert!(session.move_stage(sql, -1));
    assert_eq!(
        names(&session),
        ["Lead", "SQL", "MQL", "Opportunity", "Won", "Expanded"]
    );
    assert_handoffs_follow_the_order(&session);
    // Lead (Marketing) now hands off to SQL (Sales SDR); the MQL stage keeps its own SLA link.
    assert_eq!(session.stages[0].handoff.to_team, session.stages[1].owner);
    assert_eq!(session.stages[2].handoff.sla, sla_of_mql);
    // The last stage's hand-off leaves the line (a renewal back to the AE) and is kept.
    let expanded_to = session.stages[5].handoff.to_team;
    let won = stage(&session, "Won");
    assert!(session.move_stage(won, 1));
    assert_eq!(session.stages[4].handoff.to_team, expanded_to);
    assert!(
        !session.move_stage(won, 1),
        "the last stage cannot move later"
    );
    assert!(!session.move_stage(stage(&session, "Lead"), -1));
}

#[test]
fn removing_a_stage_moves_its_sla_link_to_the_handoff_that_takes_over() {
    let mut session = sales_led();
    let mql = stage(&session, "MQL");
    let follow_up = session.stages[1]
        .handoff
        .sla
        .expect("MQL's hand-off has an SLA");
    let lead = stage(&session, "Lead");
    // The question asked first says what will happen.
    assert_eq!(
        session.stage_removal(mql),
        SlaLink::MovesTo {
            sla: follow_up,
            stage: lead
        }
    );
    session.funnel.counts.insert(mql, 300);
    session.remove_stage(mql);
    assert_eq!(
        names(&session),
        ["Lead", "SQL", "Opportunity", "Won", "Expanded"]
    );
    assert_eq!(session.stages[0].handoff.sla, Some(follow_up));
    assert_eq!(session.stages[0].handoff.to_team, session.stages[1].owner);
    assert!(!session.funnel.counts.contains_key(&mql));
    assert_handoffs_follow_the_order(&session);

    // Where the previous hand-off has an SLA of its own, the link goes and the SLA stays.
    let mut session = sales_led();
    let expanded = stage(&session, "Expanded");
    let renewal = session.stages[5].handoff.sla.unwrap();
    assert!(session.stages[4].handoff.sla.is_some());
    assert_eq!(
        session.remove_stage(expanded),
        SlaLink::Dropped { sla: renewal }
    );
    assert!(session.slas.iter().any(|s| s.id == renewal));

    // Removing an SLA clears the hand-offs that linked it.
    let mut session = sales_led();
    session.remove_sla(follow_up);
    assert!(
        session
            .stages
            .iter()
            .all(|s| s.handoff.sla != Some(follow_up))
    );
}

#[test]
fn every_stage_needs_exactly_one_accountable_team() {
    let mut session = sales_led();
    let (marketing, sales) = (session.teams[0].id, session.teams[1].id);
    session.stages[1].raci.insert(sales, Raci::Accountable);
    session.stages[2]
        .raci
        .retain(|_, raci| *raci != Raci::Accountable);
    let problems: Vec<String> = raci_problems(&session)
        .into_iter()
        .map(|p| p.message)
        .collect();
    assert_eq!(
        problems,
        [
            "MQL has 2 accountable teams (Marketing and Sales (SDR)): exactly one may be.",
            "SQL has no accountable team: mark exactly one A.",
        ]
    );
    session.stages[1].raci.insert(sales, Raci::Responsible);
    session.stages[2].raci.insert(marketing, Raci::Accountable);
    assert!(raci_problems(&session).is_empty());
}

fn handoff_messages(session: &Session) -> Vec<String> {
    handoff_problems(session)
        .into_iter()
        .map(|p| p.message)
        .collect()
}

#[test]
fn a_handoff_sla_must_bind_the_two_teams_of_the_handoff() {
    // SQL moves before MQL: MQL (Marketing) now hands off to Opportunity (Sales (AE)), but its
    // link still points at the SDR's follow-up; SQL (SDR) hands off to Marketing, no SLA linked.
    let mut session = sales_led();
    assert!(session.move_stage(stage(&session, "SQL"), -1));
    assert_eq!(
        handoff_messages(&session),
        [
            "MQL hands off from Marketing to Sales (AE), but MQL follow-up is between \
             Sales (SDR) and Marketing."
        ]
    );
    // Either direction between the right teams will do: the AE committing to Marketing.
    let follow_up = session.stages[2].handoff.sla.unwrap();
    let ae = session.stages[3].owner;
    let index = session.slas.iter().position(|s| s.id == follow_up).unwrap();
    session.slas[index].from_team = ae;
    assert_eq!(handoff_messages(&session), Vec::<String>::new());
    session.slas[index].to_team = None;
    assert_eq!(
        handoff_messages(&session),
        [
            "MQL hands off from Marketing to Sales (AE), but MQL follow-up does not name both \
          its teams yet."
        ]
    );

    // One team keeping the record through the next stage has no hand-off for an SLA to govern.
    let mut session = sales_led();
    let marketing = session.stages[0].owner;
    session.stages[2].owner = marketing;
    session.relink_handoffs();
    assert_eq!(
        handoff_messages(&session),
        ["MQL stays with Marketing for the next stage, yet its hand-off links MQL follow-up."]
    );
    session.stages[1].handoff.sla = None;
    assert_eq!(handoff_messages(&session), Vec::<String>::new());

    // A link to an SLA that is gone (written by hand, or by an older version) is named too.
    let mut session = sales_led();
    session.slas.retain(|s| s.id != follow_up);
    assert_eq!(
        handoff_messages(&session),
        ["MQL's hand-off links an SLA that no longer exists."]
    );
}
