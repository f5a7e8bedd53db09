//! A hostile participant over real HTTP on loopback: a device keeps the name it first gave and
//! cannot take a teammate's; names that would show reversed or hide characters are refused;
//! and an escape sequence, a bare carriage return or a bidi override in a reason reaches
//! neither the facilitator's terminal nor an export raw.

use accord::model::{Agreement, Position, Signature, Signer};
use serde_json::json;

use crate::cli::{accord, arg, text};
use crate::room::{Phone, TestRoom};

/// The characters that must never come out raw.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| matches!(c, '\u{1b}' | '\u{7}' | '\r' | '\u{202e}' | '\u{2028}'))
        .collect()
}

#[test]
fn a_device_keeps_its_name_and_cannot_take_a_teammates() {
    let room = TestRoom::sales_led();
    let join = room.room.join_url();
    let dana = Phone::join(&join);
    dana.hello("Dana Scott", 1);
    let (status, body) = dana.post("/api/hello", &json!({ "name": "Eve", "team": 1 }));
    assert_eq!(status, 409, "{body}");
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("speaks as Dana Scott")
    );
    // The same name again, in another case, is no change.
    let (status, body) = dana.post("/api/hello", &json!({ "name": "dana scott", "team": 1 }));
    assert_eq!(status, 200, "{body}");

    let mallory = Phone::join(&join);
    for taken in ["Dana Scott", "DANA  SCOTT", "dana scott"] {
        let (status, body) = mallory.post("/api/hello", &json!({ "name": taken, "team": 1 }));
        assert_eq!(status, 409, "{taken}: {body}");
    }
    // On another team the name is someone else's to take.
    mallory.hello("Dana Scott", 2);
}

#[test]
fn names_that_hide_or_reverse_characters_are_refused() {
    let room = TestRoom::sales_led();
    let phone = Phone::join(&room.room.join_url());
    for hostile in [
        "(\u{202e}live)",
        "Ana\u{2028}B",
        "A\u{200b}na",
        "Ana\u{1b}]0;PWNED\u{7}",
        "\u{100000}\u{100000}",
    ] {
        let (status, body) = phone.post("/api/hello", &json!({ "name": hostile, "team": 1 }));
        assert_eq!(status, 400, "{hostile:?}: {body}");
    }
    let combining = format!("Z{}", "\u{301}".repeat(80));
    let (status, _) = phone.post("/api/hello", &json!({ "name": combining, "team": 1 }));
    assert_eq!(status, 400, "eighty accents on one letter");
    phone.hello("Nguyễn Thị", 1);
}

#[test]
fn an_escape_sequence_in_a_reason_reaches_neither_the_terminal_nor_an_export_raw() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "x\u{1b}]0;PWNED\u{7}\u{1b}[2J a\r- injected (\u{202e}evil)";

    // From a phone: what is kept is already inert.
    let room = TestRoom::sales_led();
    let phone = Phone::join(&room.room.join_url());
    phone.hello("Dana Scott", 1);
    let (_, state) = phone.get("/api/state");
    let mql = state["room"]["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "MQL")
        .unwrap()
        .clone();
    let (status, body) = phone.post(
        "/api/sign",
        &json!({ "agreement": mql["key"], "position": "stand-aside", "reason": hostile, "sha256": mql["sha256"] }),
    );
    assert_eq!(status, 200, "{body}");
    let mut session = room.session.lock().unwrap().clone();
    drop(room);
    let id = session
        .definitions
        .iter()
        .find(|d| d.is_term("MQL"))
        .unwrap()
        .id;
    let kept = session
        .signatures_of(Agreement::Definition(id))
        .unwrap()
        .history
        .last()
        .unwrap()
        .clone();
    assert_eq!(kept.reason, "x]0;PWNED[2J a\n- injected (evil)");

    // From a file edited by hand: the same text raw in the session.
    let forged = Signature {
        reason: hostile.to_owned(),
        by: Signer::Person(hostile.to_owned()),
        position: Position::StandAside,
        ..kept
    };
    let agreement = Agreement::Definition(id);
    session
        .signatures_of_mut(agreement)
        .unwrap()
        .history
        .push(forged);
    let file = dir.path().join("forged.ron");
    accord::storage::save(&file, &session).unwrap();

    let out = accord(&["signatures", arg(&file)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(raw_controls(&shown).is_empty(), "{shown}");
    assert!(shown.contains("\\u001b]0;PWNED"), "shown, escaped: {shown}");
    let out = accord(&["signatures", arg(&file), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json.to_string().contains("PWNED"), "the JSON is still JSON");
    assert!(raw_controls(&text(&out.stdout)).is_empty());

    for format in ["md", "html"] {
        let path = dir.path().join(format!("agreement.{format}"));
        let out = accord(&[
            "export",
            arg(&file),
            "--format",
            format,
            "--output",
            arg(&path),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(raw_controls(&written).is_empty(), "{format}");
        if format == "md" {
            assert!(
                !written.contains("\n- injected"),
                "no list made of a reason: {written}"
            );
        }
    }
}
