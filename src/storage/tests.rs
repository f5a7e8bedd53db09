use super::*;

#[test]
fn a_file_that_does_not_load_never_becomes_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.ron");
    let mut session = Session::default();
    session.meta.title = "First".into();
    save(&path, &session).unwrap();
    session.meta.title = "Second".into();
    let second = save(&path, &session).unwrap();
    assert_eq!(load(&backup_path(&path)).unwrap().meta.title, "First");
    // Another program leaves the file half-written.
    std::fs::write(&path, "(version: 3, meta: (title: \"Bro").unwrap();
    session.meta.title = "Third".into();
    save_over(&path, &session, Some(second)).unwrap();
    assert_eq!(load(&path).unwrap().meta.title, "Third");
    assert_eq!(
        load(&backup_path(&path)).unwrap().meta.title,
        "First",
        "the backup is still the last version that loaded"
    );
    assert_eq!(
        std::fs::read_to_string(broken_path(&path)).unwrap(),
        "(version: 3, meta: (title: \"Bro",
        "what the other program left is not lost"
    );
    session.meta.title = "Fourth".into();
    save(&path, &session).unwrap();
    assert_eq!(load(&backup_path(&path)).unwrap().meta.title, "Third");
}

#[test]
fn a_session_too_large_to_open_again_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let mut session = Session::default();
    save(&path, &session).unwrap();
    save(&path, &session).unwrap();
    let (before, backup) = (
        std::fs::read(&path).unwrap(),
        std::fs::read(backup_path(&path)).unwrap(),
    );
    // Many texts, each under the text limit, that add up past the file limit.
    let text = "x".repeat(MAX_TEXT_BYTES / 2);
    let count = (MAX_FILE_BYTES as usize / text.len()) + 2;
    session.decisions = (0..count)
        .map(|n| crate::model::Decision {
            id: crate::model::DecisionId(n as u64 + 1),
            text: text.clone(),
            step: None,
        })
        .collect();
    session.repair_next_id();
    let error = save(&path, &session).unwrap_err();
    assert!(matches!(error, SaveError::TooLarge { .. }), "{error}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is as it was"
    );
    assert_eq!(
        std::fs::read(backup_path(&path)).unwrap(),
        backup,
        "so is its backup"
    );
}

#[test]
fn saving_twice_gives_the_same_bytes() {
    let mut session = Session::default();
    session.add_team("Marketing");
    session.meta.title = "Q3 \"alignment\" \\ day".into();
    let first = to_ron(&session).unwrap();
    let again = to_ron(&from_ron(&first).unwrap()).unwrap();
    assert_eq!(first, again);
}

#[test]
fn syntax_errors_carry_line_and_column() {
    let error = from_ron("(\n    version: 1,\n    meta: (title: 42),\n)").unwrap_err();
    let ParseError::Syntax { line, col, message } = error else {
        panic!("expected a syntax error, got {error:?}");
    };
    // ron points at the space before the offending value.
    assert_eq!((line, col), (3, 18));
    assert!(message.contains("string"), "{message}");
}

#[test]
fn newer_versions_are_refused_naming_both() {
    let error = from_ron("(version: 7, meta: (title: Future(\"variant\")))").unwrap_err();
    assert_eq!(
        error,
        ParseError::FutureVersion {
            found: 7,
            supported: CURRENT_VERSION
        }
    );
    assert!(error.to_string().contains('7'));
}

#[test]
fn missing_fields_take_defaults_and_unknown_fields_are_ignored() {
    let session = from_ron("(meta: (title: \"Kick-off\"), shiny_new_field: [1, 2])").unwrap();
    assert_eq!(session.meta.title, "Kick-off");
    assert_eq!(session.scoring.threshold, 50);
}

#[test]
fn a_text_the_loader_would_refuse_is_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.ron");
    std::fs::write(&path, "the old file").unwrap();
    let mut session = Session::default();
    // Under the limit in memory, over it as written: every quote is escaped.
    session.meta.title = format!("Notes {}", "\"".repeat(MAX_TEXT_BYTES / 2));
    let error = save(&path, &session).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the text that starts “Notes \\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"” \
         is 257 KB long as written, and Accord keeps texts of up to 256 KB; shorten it, \
         then save again"
    );
    assert_eq!(std::fs::read(&path).unwrap(), b"the old file");

    // Just under the limit as written: saved, and it opens again.
    session.meta.title = "y".repeat(MAX_TEXT_BYTES - 2);
    save(&path, &session).unwrap();
    assert_eq!(load(&path).unwrap().meta.title, session.meta.title);
}

#[test]
fn deep_nesting_fails_cleanly() {
    let depth = 100_000;
    let text = format!("(notes: {}{})", "[".repeat(depth), "]".repeat(depth));
    let error = from_ron(&text).unwrap_err();
    assert!(error.to_string().contains("nested"), "{error}");
}

#[test]
fn file_names_from_titles_are_safe() {
    assert_eq!(
        file_stem_for("Q3 Alignment: Sales/Marketing"),
        "Q3 Alignment- Sales-Marketing"
    );
    assert_eq!(file_stem_for("../../etc/passwd"), "etc-passwd");
    assert_eq!(file_stem_for("  "), "workshop");
    assert_eq!(file_stem_for("Café Ünïcode"), "Café Ünïcode");
    assert_eq!(
        file_stem_for("acme.accord"),
        "acme",
        "a session file's own suffix is not doubled"
    );
}

#[test]
fn invalid_utf8_names_its_place() {
    let error = utf8_text(b"(\n  meta: (title: \"caf\xe9\"))").unwrap_err();
    let ParseError::Syntax { line, col, .. } = error else {
        panic!("expected a syntax error");
    };
    assert_eq!((line, col), (2, 21));
}
