//! One edit, three doors: the same signature given in the window, from a phone over HTTP on
//! loopback and with `accord sign` leaves the same session; the same funnel counts kept in the
//! window and with `accord funnel --keep` leave the same session; the same audit answers from a
//! phone leave the same session in the window's room and in `accord room`. Only the moment a
//! signature was given may differ.

use std::path::{Path, PathBuf};

use accord::model::{Agreement, Session, Step};
use accord::room::Offer;
use serde_json::json;

use crate::cli::{accord, arg, text};
use crate::room::{Phone, TestRoom};
use crate::ui::{app, press, step_until};

/// A new sales-led session saved by `accord new` under `name` in `dir`.
fn new_session(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let out = accord(&["new", "--template", "b2b-sales-led", arg(&path)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    path
}

/// The session with every signature's moment forgotten: the one thing three doors cannot
/// give alike.
fn timeless(mut session: Session) -> Session {
    for agreement in session.agreements() {
        if let Some(signatures) = session.signatures_of_mut(agreement) {
            signatures.history.iter_mut().for_each(|s| s.at = None);
        }
    }
    session
}

fn mql(session: &Session) -> Agreement {
    let mql = session.definitions.iter().find(|d| d.is_term("MQL"));
    Agreement::Definition(mql.unwrap().id)
}

#[test]
fn a_signature_is_the_same_edit_from_the_window_a_phone_and_the_command_line() {
    let dir = tempfile::tempdir().unwrap();

    // The command line.
    let file = new_session(dir.path(), "cli.ron");
    let out = accord(&[
        "sign",
        arg(&file),
        "--item",
        "definition:MQL",
        "--team",
        "Marketing",
        "--by",
        "Dana Scott",
        "--position",
        "agree-with-reservations",
        "--reason",
        "Volume is high",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let by_cli = accord::storage::load(&file).unwrap();

    // A phone, over HTTP, in a room applying submissions as `accord room` does.
    let file = new_session(dir.path(), "room.ron");
    let session = accord::storage::load(&file).unwrap();
    let marketing = session
        .teams
        .iter()
        .find(|t| t.name == "Marketing")
        .unwrap()
        .id;
    let room = TestRoom::open(session.clone(), Offer::everything(&session));
    let phone = Phone::join(&room.room.join_url());
    phone.hello("Dana Scott", marketing.raw());
    let (_, state) = phone.get("/api/state");
    let offered = state["room"]["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "MQL")
        .unwrap()
        .clone();
    let (status, body) = phone.post(
        "/api/sign",
        &json!({
            "agreement": offered["key"],
            "position": "agree-with-reservations",
            "reason": "Volume is high",
            "sha256": offered["sha256"],
        }),
    );
    assert_eq!(status, 200, "{body}");
    let by_phone = room.session.lock().unwrap().clone();
    drop(room);

    // The window: the facilitator signs for Marketing in the signing dialog.
    let file = new_session(dir.path(), "window.ron");
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), Some(file));
    press(&mut harness, Step::Definitions.label());
    press(&mut harness, "MQL");
    crate::ui_definitions::sign_in_window(
        &mut harness,
        "MQL",
        "Marketing",
        "Dana Scott",
        "Agrees with reservations",
        "Volume is high",
    );
    let by_window = harness.state().doc.session.clone();

    let signed = |session: &Session| {
        session
            .signatures_of(mql(session))
            .map_or(0, |s| s.history.len())
    };
    assert_eq!(signed(&by_cli), 1);
    assert_eq!(
        timeless(by_phone),
        timeless(by_cli.clone()),
        "phone and command line"
    );
    assert_eq!(
        timeless(by_window),
        timeless(by_cli),
        "window and command line"
    );
}

#[test]
fn funnel_counts_kept_in_the_window_and_on_the_command_line_are_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let csv = crate::fixture("funnel/records.csv");

    let file = new_session(dir.path(), "cli.ron");
    let out = accord(&[
        "funnel",
        "--session",
        arg(&file),
        "--csv",
        arg(&csv),
        "--stage-column",
        "Lifecycle stage",
        "--keep",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let by_cli = accord::storage::load(&file).unwrap();
    assert!(!by_cli.funnel.counts.is_empty());

    let file = new_session(dir.path(), "window.ron");
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), Some(file));
    press(&mut harness, Step::Pipeline.label());
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(crate::ui::Dropped(csv)));
    harness.run();
    press(&mut harness, "Count the funnel");
    step_until(&mut harness, "the funnel was counted", |app| {
        !app.doc.work.funnel.is_counting() && !app.doc.session.funnel.counts.is_empty()
    });
    assert_eq!(harness.state().doc.session, by_cli);
}

/// A phone's audit answers, sent to `join` as Dana Scott of Marketing.
fn answer_the_audit(join: &str) -> (u16, serde_json::Value) {
    let phone = Phone::join(join);
    phone.hello("Dana Scott", 1);
    phone.post(
        "/api/audit",
        &json!({
            "answers": { "follow-up-sla": "no", "written-lead-definition": "dont-know" },
            "recognised": ["garbage-leads"],
        }),
    )
}

#[test]
fn audit_answers_from_a_phone_are_the_same_edit_in_the_window_and_in_accord_room() {
    let dir = tempfile::tempdir().unwrap();

    // `accord room`, the command line's door for the phones: saved as each arrives.
    let file = new_session(dir.path(), "cli.ron");
    let room = crate::room::AccordRoom::start(&file, "audit");
    let (status, body) = answer_the_audit(&room.url);
    assert_eq!(status, 200, "{body}");
    assert_eq!(room.stop().0, Some(0));
    let by_cli = accord::storage::load(&file).unwrap();
    assert_eq!(by_cli.audit.room.len(), 1, "the answers were saved");

    // The window, with its room open on the audit step.
    let file = new_session(dir.path(), "window.ron");
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), Some(file));
    press(&mut harness, Step::Audit.label());
    let join = crate::ui_room::open_room(&mut harness);
    let phone = std::thread::spawn(move || answer_the_audit(&join));
    step_until(&mut harness, "the phone's answers are held", |app| {
        !app.doc.session.audit.room.is_empty()
    });
    let (status, body) = phone.join().unwrap();
    assert_eq!(status, 200, "{body}");
    assert_eq!(harness.state().doc.session, by_cli);
}
