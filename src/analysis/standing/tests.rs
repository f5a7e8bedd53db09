use super::*;
use crate::model::{Definition, Signer};

#[test]
fn the_sentence_names_who_carries_who_objects_and_who_signed_before() {
    let mut session = Session::default();
    let marketing = session.add_team("Marketing");
    let sales = session.add_team("Sales");
    let finance = session.add_team("Finance");
    let mql = Agreement::Definition(session.add_definition(Definition {
        term: "MQL".into(),
        ..Definition::default()
    }));
    assert_eq!(
        standing(&session, mql),
        "Not adopted yet (0 of 3 teams); waiting for Marketing, Sales, Finance"
    );
    let at = "2026-12-01T10:00:00Z".parse().unwrap();
    let by = || Signer::Facilitator;
    session
        .sign(mql, marketing, Position::Endorse, by(), "", at)
        .unwrap();
    session
        .sign(mql, sales, Position::Block, by(), "Too broad", at)
        .unwrap();
    assert_eq!(
        standing(&session, mql),
        "Not adopted yet (1 of 3 teams); Sales blocks: Too broad; waiting for Finance"
    );
    let state = session.agreement_state(mql).unwrap();
    assert_eq!(summary(&state), "1 of 3 teams · 1 blocking");
    session.definitions[0].definition = "Reworded".into();
    let state = session.agreement_state(mql).unwrap();
    assert_eq!(summary(&state), "0 of 3 teams · 2 on an earlier wording");
    for team in [marketing, sales, finance] {
        session
            .sign(mql, team, Position::Endorse, by(), "", at)
            .unwrap();
    }
    assert_eq!(standing(&session, mql), "Adopted: endorsed by every team");
    // Signed in December: due at the end of March.
    let march = jiff::civil::date(2027, 3, 31);
    assert!(overdue(&session, march).is_empty());
    let april = jiff::civil::date(2027, 4, 1);
    assert_eq!(overdue(&session, april), [(mql, "MQL".to_owned(), march)]);
}

#[test]
fn the_diff_shows_the_words_that_changed() {
    let diff = word_diff("at 50 points", "at 60 points");
    assert_eq!(
        diff,
        [
            Change::Same("at".into()),
            Change::Same(" ".into()),
            Change::Removed("50".into()),
            Change::Added("60".into()),
            Change::Same(" ".into()),
            Change::Same("points".into()),
        ]
    );
}

#[test]
fn what_keeps_it_from_adoption_is_true_for_every_mix_of_earlier_signatures() {
    let mut session = Session::default();
    let teams: Vec<_> = ["Marketing", "Sales", "CS", "Product", "Finance", "RevOps"]
        .into_iter()
        .map(|name| session.add_team(name))
        .collect();
    let mql = Agreement::Definition(session.add_definition(Definition {
        term: "MQL".into(),
        definition: "Fits and scores 50.".into(),
        ..Definition::default()
    }));
    let at = "2026-12-01T10:00:00Z".parse().unwrap();
    let sign = |session: &mut Session, team| {
        session
            .sign(mql, team, Position::Endorse, Signer::Facilitator, "", at)
            .unwrap();
    };
    assert_eq!(
        waiting_for(&session, mql).unwrap(),
        "no team has agreed yet"
    );
    sign(&mut session, teams[0]);
    sign(&mut session, teams[1]);
    session.definitions[0].definition = "Fits and scores 60.".into();
    assert_eq!(
        waiting_for(&session, mql).unwrap(),
        "no team has agreed to this wording yet (2 of 6 signed an earlier wording)",
        "two of six, not every team"
    );
    for team in &teams[2..] {
        sign(&mut session, *team);
    }
    session.definitions[0].definition = "Fits and scores 70.".into();
    assert_eq!(
        waiting_for(&session, mql).unwrap(),
        "every team signed an earlier wording"
    );
    // The next review carries the signatures over, to confirm.
    for signature in &mut session.definitions[0].signatures.history {
        signature.carried_over = true;
    }
    session.definitions[0].definition = "Fits and scores 60.".into();
    let state = session.agreement_state(mql).unwrap();
    assert_eq!(
        state.stale().count(),
        0,
        "carried over is not an earlier wording"
    );
    assert_eq!(summary(&state), "0 of 6 teams · 6 to re-confirm");
    assert_eq!(
        waiting_for(&session, mql).unwrap(),
        "every team's signature is carried over from the last review, to re-confirm"
    );
    sign(&mut session, teams[0]);
    session.definitions[0].definition = "Fits and scores 65.".into();
    assert_eq!(
        waiting_for(&session, mql).unwrap(),
        "no team has agreed to this wording yet (1 of 6 signed an earlier wording, 5 of 6 carried over from the last review, to re-confirm)"
    );
    assert!(
        standing(&session, mql).contains("carried over from the last review, to re-confirm: Sales")
    );
}
