//! Edits told one by one where a rule is the point: a stale signature, the caps on proposals,
//! funnel counts kept whole.

use super::template;
use crate::edit::{
    Applied, Edit, EditError, FunnelKeep, MAX_PROPOSALS, MAX_TEAM_PROPOSALS, Signing,
};
use crate::model::{Agreement, Position, Signer, TeamId, text_hash};

#[test]
fn a_signature_on_a_text_that_changed_is_refused_with_the_new_text() {
    let mut session = template();
    let team = session.signing_teams().next().unwrap();
    let mql = Agreement::Definition(session.definitions[0].id);
    let seen = text_hash(&session.canonical_text(mql).unwrap());
    session.definitions[0].definition.push_str(" Changed.");
    let before = session.clone();
    let signing = Signing {
        agreement: mql,
        team,
        position: Position::Endorse,
        by: Signer::Facilitator,
        reason: String::new(),
        at: jiff::Timestamp::UNIX_EPOCH,
        seen_sha256: Some(seen),
    };
    match session.apply(Edit::Sign(Box::new(signing))) {
        Err(EditError::Stale { text, sha256 }) => {
            assert!(text.contains("Changed."));
            assert_eq!(sha256, text_hash(&text));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(session, before);
}

#[test]
fn proposals_stop_at_the_cap_whoever_adds_them() {
    let mut session = template();
    let mql = Agreement::Definition(session.definitions[0].id);
    let teams: Vec<TeamId> = session.teams.iter().map(|t| t.id).collect();
    let already = session.definitions[0].proposals.len();
    // The teams' own, a few each, then the facilitator's empty ones.
    let mut proposed = 0;
    for n in already..MAX_PROPOSALS {
        let edit = if proposed < 3 * teams.len() {
            proposed += 1;
            Edit::Propose {
                agreement: mql,
                team: teams[n % teams.len()],
                wording: format!("Wording {n}"),
            }
        } else {
            Edit::AddProposal(mql)
        };
        session.apply(edit).unwrap();
    }
    let propose = Edit::Propose {
        agreement: mql,
        team: teams[0],
        wording: "One more".into(),
    };
    assert!(matches!(session.apply(propose), Err(EditError::Refused(_))));
    assert!(matches!(
        session.apply(Edit::AddProposal(mql)),
        Err(EditError::Refused(_))
    ));
}

#[test]
fn one_team_cannot_use_up_an_agreements_proposals() {
    let mut session = template();
    let mql = Agreement::Definition(session.definitions[0].id);
    let team = session.teams[0].id;
    let propose = |n: usize| Edit::Propose {
        agreement: mql,
        team,
        wording: format!("Wording {n}"),
    };
    for n in 0..MAX_TEAM_PROPOSALS {
        assert_eq!(session.apply(propose(n)), Ok(Applied::Changed));
    }
    let before = session.clone();
    assert!(matches!(
        session.apply(propose(99)),
        Err(EditError::Refused(_))
    ));
    assert_eq!(session, before);
    let other = Edit::Propose {
        agreement: mql,
        team: session.teams[1].id,
        wording: "Ours".into(),
    };
    assert_eq!(
        session.apply(other),
        Ok(Applied::Changed),
        "another team still can"
    );
}

#[test]
fn funnel_counts_are_kept_whole_and_name_their_export() {
    let mut session = template();
    let stages: Vec<_> = session.stages.iter().map(|s| s.id).collect();
    session.meta.period = "2026-Q4".into();
    let scan = crate::import::ScanSummary {
        file_name: "deals.csv".into(),
        content_hash: "abc".into(),
        ..Default::default()
    };
    let counts: Vec<Option<u64>> = stages.iter().map(|_| Some(10)).collect();
    let keep = FunnelKeep::of(&stages, &counts, Some(&scan), None);
    assert_eq!(
        session.apply(Edit::KeepFunnelCounts(Box::new(keep.clone()))),
        Ok(Applied::Changed)
    );
    assert_eq!(session.funnel.period, "2026-Q4");
    assert_eq!(session.funnel.counts.len(), stages.len());
    assert_eq!(session.funnel.source.as_ref().unwrap().file, "deals.csv");
    assert_eq!(
        session.apply(Edit::KeepFunnelCounts(Box::new(keep))),
        Ok(Applied::Unchanged),
        "the same counts again change nothing"
    );
    let typed = FunnelKeep::of(&stages[..1], &[Some(3)], None, Some("2027-Q1".into()));
    session
        .apply(Edit::KeepFunnelCounts(Box::new(typed)))
        .unwrap();
    assert_eq!(
        session.funnel.counts.len(),
        1,
        "typed counts replace the export's"
    );
    assert_eq!(session.funnel.source, None, "typed counts name no export");
    assert_eq!(session.funnel.period, "2027-Q1");
}
