use super::*;

#[test]
fn ids_are_never_reused() {
    let mut session = Session::default();
    let a = session.add_team("Marketing");
    session.remove_team(a);
    let b = session.add_team("Sales");
    assert_ne!(a, b);
}

#[test]
fn repair_next_id_moves_past_the_highest_id() {
    let mut session = Session::default();
    session.teams.push(Team {
        id: TeamId(41),
        ..Team::default()
    });
    assert!(session.repair_next_id());
    let id: TeamId = session.new_id();
    assert_eq!(id, TeamId(42));
    assert!(!session.repair_next_id());
}

#[test]
fn removing_a_team_removes_every_reference_to_it() {
    let mut session = Session::default();
    let marketing = session.add_team("Marketing");
    let sales = session.add_team("Sales");
    let person = session.add_participant();
    session.participants[0].team = Some(marketing);
    session.definitions.push(Definition {
        owner: Some(marketing),
        ..Definition::default()
    });
    let mql = Agreement::Definition(session.definitions[0].id);
    let at = jiff::Timestamp::UNIX_EPOCH;
    for team in [marketing, sales] {
        session.teams.iter_mut().for_each(|t| t.signs_off = true);
        session
            .sign(mql, team, Position::Endorse, Signer::Facilitator, "", at)
            .unwrap();
    }
    session.stages.push(Stage {
        owner: Some(marketing),
        raci: [(marketing, Raci::Accountable), (sales, Raci::Informed)].into(),
        ..Stage::default()
    });
    session.slas.push(Sla {
        from_team: Some(marketing),
        to_team: Some(sales),
        ..Sla::default()
    });
    session.meetings.push(Meeting {
        attendees: vec![marketing, sales],
        owner: Some(marketing),
        ..Meeting::default()
    });

    session.remove_team(marketing);

    assert_eq!(session.teams.len(), 1);
    assert_eq!(session.participants[0].id, person);
    assert_eq!(session.participants[0].team, None);
    assert_eq!(session.definitions[0].owner, None);
    let signatures = &session.definitions[0].signatures;
    assert!(signatures.latest(marketing).is_none());
    assert!(
        signatures.latest(sales).is_some(),
        "Sales' signature stays, as history"
    );
    let state = session.agreement_state(mql).unwrap();
    assert_eq!(state.stale().count(), 1, "the owner it signed for is gone");
    assert_eq!(session.stages[0].owner, None);
    assert_eq!(session.stages[0].raci.len(), 1);
    assert_eq!(session.slas[0].from_team, None);
    assert_eq!(session.slas[0].to_team, Some(sales));
    assert_eq!(session.meetings[0].attendees, vec![sales]);
    assert_eq!(session.meetings[0].owner, None);
}
