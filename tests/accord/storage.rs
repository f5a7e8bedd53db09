//! Session files: templates and old fixtures load forever, and byte-for-byte round trips.

use accord::model::CURRENT_VERSION;
use accord::storage::{self, ParseError, templates::TEMPLATES};

use super::{fixture, workshop};

#[test]
fn every_template_round_trips_byte_for_byte() {
    for template in TEMPLATES {
        let session = template
            .session()
            .unwrap_or_else(|e| panic!("{}: {e}", template.name));
        let again = storage::to_ron(&session).unwrap();
        assert!(
            again == template.source,
            "{} is not in canonical form; the first difference is at byte {}",
            template.name,
            again
                .bytes()
                .zip(template.source.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(again.len().min(template.source.len()))
        );
    }
}

#[test]
fn the_compiled_templates_are_the_files_in_workshops() {
    for template in TEMPLATES {
        let on_disk = std::fs::read_to_string(workshop(template.name)).unwrap();
        assert_eq!(on_disk, template.source, "{}", template.name);
    }
}

#[test]
fn templates_hold_the_agreed_starting_points() {
    let b2b = storage::templates::find("b2b-sales-led")
        .unwrap()
        .session()
        .unwrap();
    let stages: Vec<_> = b2b.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        stages,
        ["Lead", "MQL", "SQL", "Opportunity", "Won", "Expanded"]
    );
    assert!(b2b.stages.iter().all(|s| s.owner.is_some()));
    let terms: Vec<_> = b2b.definitions.iter().map(|d| d.term.as_str()).collect();
    assert_eq!(terms, ["Lead", "MQL", "SQL", "Opportunity", "Customer"]);
    assert_eq!(b2b.scoring.threshold, 50);
    let hours = |name: &str| {
        let sla = b2b.slas.iter().find(|s| s.name == name).unwrap();
        (sla.when.amount, sla.when.unit)
    };
    use accord::model::TimeUnit::{Days, Hours};
    assert_eq!(hours("MQL follow-up"), (4, Hours));
    assert_eq!(hours("Intro call"), (48, Hours));
    assert_eq!(hours("Onboarding kickoff"), (5, Days));
    let meetings: Vec<_> = b2b.meetings.iter().map(|m| m.name.as_str()).collect();
    for name in [
        "Revenue planning",
        "Go-to-market review",
        "Revenue sync",
        "Lead review",
    ] {
        assert!(meetings.contains(&name), "{name} missing from {meetings:?}");
    }
    assert!(b2b.agenda.planned_minutes() >= 180);

    let plg = storage::templates::find("product-led")
        .unwrap()
        .session()
        .unwrap();
    assert!(plg.meta.motion.uses_pql());
    assert!(plg.definitions.iter().any(|d| d.term == "PQL"));
    assert!(plg.stages.iter().any(|s| s.name == "PQL"));

    let blank = storage::templates::find("blank")
        .unwrap()
        .session()
        .unwrap();
    assert_eq!(blank.teams.len(), 6);
    assert!(blank.definitions.is_empty() && blank.stages.is_empty());
}

#[test]
fn hand_off_links_point_at_slas_that_exist() {
    for template in TEMPLATES {
        let session = template.session().unwrap();
        for stage in &session.stages {
            if let Some(sla) = stage.handoff.sla {
                assert!(
                    session.slas.iter().any(|s| s.id == sla),
                    "{}: stage {} links to a missing SLA",
                    template.name,
                    stage.name
                );
            }
        }
    }
}

#[test]
fn a_first_format_file_still_loads() {
    let session = storage::load(&fixture("format-1-minimal.ron")).unwrap();
    assert_eq!(session.version, CURRENT_VERSION);
    assert_eq!(session.meta.title, "Northwind alignment day");
    assert_eq!(session.teams.len(), 2);
    assert_eq!(
        session.scoring.threshold, 50,
        "missing fields take defaults"
    );
    let id: accord::model::TeamId = session.clone().new_id();
    assert!(id.raw() > 2, "new ids never collide with ids in the file");
}

#[test]
fn first_format_sign_offs_become_signatures_on_the_text_they_stood_next_to() {
    use accord::model::{Agreement, Position, Signer, Standing};
    let path = fixture("format-1-signed.ron");
    let session = storage::load(&path).unwrap();
    assert_eq!(session.version, CURRENT_VERSION);

    let icp = session.agreement_state(Agreement::Icp).unwrap();
    assert!(icp.adopted, "both teams had agreed to the ICP");
    let mql = Agreement::Definition(session.definitions[0].id);
    let state = session.agreement_state(mql).unwrap();
    assert!(!state.adopted);
    let positions: Vec<_> = state.teams.iter().map(|(_, s)| s.position()).collect();
    assert_eq!(positions, [Some(Position::Endorse), Some(Position::Block)]);
    let Standing::Current(objection) = state.teams[1].1 else {
        panic!("the objection stands on today's text");
    };
    assert_eq!(objection.reason, "50 points is too low");
    assert_eq!(objection.by, Signer::Unrecorded);
    assert_eq!(objection.at, None);
    assert!(
        objection
            .text
            .contains("Definition: A lead at 50 points or more.")
    );

    // Saved in the current format, the signatures stay and the old field is gone.
    let saved = storage::to_ron(&session).unwrap();
    assert!(!saved.contains("sign_offs"), "{saved}");
    let again = storage::from_ron(&saved).unwrap();
    assert_eq!(again, session);
}

#[test]
fn a_broken_file_names_line_and_column_and_stays_untouched() {
    let path = fixture("broken-syntax.ron");
    let before = std::fs::read(&path).unwrap();
    let error = storage::load(&path).unwrap_err();
    let text = error.to_string();
    assert!(
        text.starts_with(&format!("{}:4:", path.display())),
        "{text}"
    );
    assert!(matches!(
        error.parse_error(),
        Some(ParseError::Syntax { line: 4, .. })
    ));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
