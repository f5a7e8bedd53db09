use super::*;
use jiff::civil::date;

fn signature(team: u64, position: Position, text: &str) -> Signature {
    Signature {
        team: TeamId(team),
        position,
        by: Signer::Person("Dana".into()),
        at: None,
        reason: String::new(),
        text: text.into(),
        sha256: text_hash(text),
        carried_over: false,
    }
}

#[test]
fn the_hash_is_the_sha256_of_the_text() {
    assert_eq!(
        text_hash("abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn a_signature_counts_only_on_the_text_it_was_given_to() {
    let mut signatures = Signatures::default();
    signatures
        .history
        .push(signature(1, Position::Endorse, "MQL: 50 points"));
    let now = text_hash("MQL: 50 points");
    let edited = text_hash("MQL: 60 points");
    assert!(matches!(
        signatures.standing(TeamId(1), &now),
        Standing::Current(_)
    ));
    assert!(matches!(
        signatures.standing(TeamId(1), &edited),
        Standing::Stale(_)
    ));
    assert_eq!(signatures.standing(TeamId(2), &now), Standing::NotYet);
    // The latest signature of a team is the one that stands.
    signatures
        .history
        .push(signature(1, Position::Block, "MQL: 50 points"));
    assert_eq!(
        signatures.standing(TeamId(1), &now).position(),
        Some(Position::Block)
    );
}

#[test]
fn both_adoption_rules() {
    use Position::*;
    let unanimous = AdoptionRule::Unanimous;
    let consent = AdoptionRule::Consent;
    assert!(unanimous.adopts(&[Some(Endorse), Some(AgreeWithReservations)]));
    assert!(!unanimous.adopts(&[Some(Endorse), Some(StandAside)]));
    assert!(!unanimous.adopts(&[Some(Endorse), None]));
    assert!(consent.adopts(&[Some(Endorse), Some(StandAside), Some(Disagree)]));
    assert!(!consent.adopts(&[Some(Endorse), Some(Block)]));
    assert!(
        !consent.adopts(&[Some(Endorse), None]),
        "every team has answered"
    );
    assert!(!unanimous.adopts(&[]) && !consent.adopts(&[]));
}

#[test]
fn each_position_reads_as_a_sentence() {
    let said: Vec<String> = Position::ALL
        .iter()
        .map(|p| p.sentence("Marketing", "MQL"))
        .collect();
    assert_eq!(
        said,
        [
            "Marketing endorses MQL",
            "Marketing agrees to MQL with reservations",
            "Marketing stands aside on MQL",
            "Marketing disagrees with MQL and will not block it",
            "Marketing blocks MQL",
        ]
    );
}

#[test]
fn positions_read_by_their_script_names() {
    for position in Position::ALL {
        assert_eq!(Position::parse(position.name()), Some(position));
    }
    assert_eq!(
        Position::parse("Agree with reservations"),
        Some(Position::AgreeWithReservations)
    );
    assert_eq!(Position::parse("yes"), None);
    assert!(!Position::Endorse.needs_reason());
    assert!(Position::StandAside.needs_reason());
}

#[test]
fn the_review_is_due_at_the_end_of_the_next_quarter() {
    assert_eq!(end_of_next_quarter(date(2026, 12, 1)), date(2027, 3, 31));
    assert_eq!(end_of_next_quarter(date(2027, 1, 1)), date(2027, 6, 30));
    assert_eq!(end_of_next_quarter(date(2027, 6, 30)), date(2027, 9, 30));
    assert_eq!(end_of_next_quarter(date(2027, 8, 15)), date(2027, 12, 31));
}

#[test]
fn a_history_writes_each_signed_text_once_and_reads_every_copy_back() {
    let wording = "MQL: a lead that fits the ICP and scores 60 or more. ".repeat(40);
    let mut history: Vec<_> = (0..100)
        .map(|i| signature(i % 6, Position::Endorse, &wording))
        .collect();
    history.push(signature(1, Position::Block, "An earlier wording"));
    history.push(signature(2, Position::Endorse, &wording));
    let signatures = Signatures {
        history,
        review_by: None,
    };
    let written = ron::to_string(&signatures).unwrap();
    assert_eq!(
        written.matches("MQL: a lead").count(),
        40,
        "one copy of the wording, not 101"
    );
    let read: Signatures = ron::from_str(&written).unwrap();
    assert_eq!(read, signatures);
    assert!(read.history.iter().all(Signature::is_intact));
}

#[test]
fn a_text_left_out_with_no_earlier_copy_reads_as_changed_by_hand() {
    let hash = text_hash("The agreed wording");
    let written = format!(
        "(history: [(team: 1, position: Endorse, by: Facilitator, at: None, reason: \"\", sha256: \"{hash}\")])"
    );
    let read: Signatures = ron::from_str(&written).unwrap();
    assert!(!read.history[0].is_intact());
}
