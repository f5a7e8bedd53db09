use super::*;
use crate::model::Definition;

fn session() -> (Session, DefinitionId, TeamId, TeamId) {
    let mut session = Session::default();
    let marketing = session.add_team("Marketing");
    let sales = session.add_team("Sales");
    for team in &mut session.teams {
        team.signs_off = true;
    }
    let mql = session.add_definition(Definition {
        term: "MQL".into(),
        definition: "A lead at 50 points.".into(),
        ..Definition::default()
    });
    (session, mql, marketing, sales)
}

fn at() -> jiff::Timestamp {
    "2026-12-01T10:00:00Z".parse().unwrap()
}

#[test]
fn an_edit_makes_signatures_stale_and_undoing_it_makes_them_count_again() {
    let (mut session, mql, marketing, sales) = session();
    let agreement = Agreement::Definition(mql);
    let by = || Signer::Person("Dana".into());
    session
        .sign(agreement, marketing, Position::Endorse, by(), "", at())
        .unwrap();
    session
        .sign(
            agreement,
            sales,
            Position::AgreeWithReservations,
            by(),
            "Volume",
            at(),
        )
        .unwrap();
    let state = session.agreement_state(agreement).unwrap();
    assert!(state.adopted);
    assert_eq!(state.review_by, Some(jiff::civil::date(2027, 3, 31)));

    let wording = std::mem::replace(
        &mut session.definitions[0].definition,
        "A lead at 60 points.".into(),
    );
    let state = session.agreement_state(agreement).unwrap();
    assert!(!state.adopted);
    assert_eq!(state.stale().count(), 2, "both signed an earlier wording");
    assert_eq!(state.review_by, None);
    assert_eq!(
        session.definitions[0].signatures.history.len(),
        2,
        "history stays"
    );
    // Undone, the same session holds the signed wording again: the same text, the same
    // hash, and both signatures count again.
    session.definitions[0].definition = wording;
    let state = session.agreement_state(agreement).unwrap();
    assert!(state.adopted);
    assert_eq!(state.stale().count(), 0);
    assert_eq!(state.review_by, Some(jiff::civil::date(2027, 3, 31)));
}

#[test]
fn a_signature_names_its_text_and_needs_a_reason_unless_it_endorses() {
    let (mut session, mql, marketing, _) = session();
    let agreement = Agreement::Definition(mql);
    let error = session
        .sign(
            agreement,
            marketing,
            Position::StandAside,
            Signer::Facilitator,
            " ",
            at(),
        )
        .unwrap_err();
    assert!(matches!(error, SignError::ReasonNeeded { .. }));
    session
        .sign(
            agreement,
            marketing,
            Position::Endorse,
            Signer::Facilitator,
            "",
            at(),
        )
        .unwrap();
    let signature = &session.definitions[0].signatures.history[0];
    assert!(signature.text.contains("Definition: A lead at 50 points."));
    assert_eq!(signature.sha256, text_hash(&signature.text));
}

#[test]
fn only_the_teams_of_an_agreement_sign_it() {
    let (mut session, mql, _, _) = session();
    let outsider = session.add_team("Finance");
    session.teams[2].signs_off = false;
    let error = session
        .sign(
            Agreement::Definition(mql),
            outsider,
            Position::Endorse,
            Signer::Facilitator,
            "",
            at(),
        )
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "Finance does not sign MQL; the teams that sign it are: Marketing, Sales"
    );
}

#[test]
fn the_consent_rule_adopts_what_no_team_blocks() {
    let (mut session, mql, marketing, sales) = session();
    session.meta.adoption = AdoptionRule::Consent;
    let agreement = Agreement::Definition(mql);
    let by = || Signer::Facilitator;
    session
        .sign(agreement, marketing, Position::Endorse, by(), "", at())
        .unwrap();
    session
        .sign(agreement, sales, Position::Disagree, by(), "Too low", at())
        .unwrap();
    assert!(session.agreement_state(agreement).unwrap().adopted);
    session
        .sign(agreement, sales, Position::Block, by(), "Too low", at())
        .unwrap();
    assert!(!session.agreement_state(agreement).unwrap().adopted);
}
