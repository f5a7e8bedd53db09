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

/// Sends `request` on a fresh connection and gives back the whole answer.
pub(crate) fn raw(host: &str, request: &str) -> String {
    use std::io::{Read as _, Write as _};
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

pub(crate) fn status_of(answer: &str) -> u16 {
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// A room on loopback behind a reverse proxy that serves it as `room.example.test`.
fn behind_a_proxy() -> TestRoom {
    let config = accord::room::Config {
        public_host: Some("room.example.test".to_owned()),
        ..accord::room::Config::on(std::net::IpAddr::from([127, 0, 0, 1]))
    };
    let session = accord::storage::templates::find("b2b-sales-led")
        .unwrap()
        .session()
        .unwrap();
    let offer = accord::room::Offer::everything(&session);
    TestRoom::open_with(&config, session, offer)
}

/// `GET /join?key=KEY` as the proxy forwards it for the phone at `client`.
fn join_through_the_proxy(room: &TestRoom, client: &str, key: &str) -> u16 {
    status_of(&raw(
        &room.host(),
        &format!(
            "GET /join?key={key} HTTP/1.1\r\nHost: room.example.test\r\nX-Forwarded-For: {client}\r\nConnection: close\r\n\r\n"
        ),
    ))
}

fn secret(room: &TestRoom) -> String {
    let url = room.room.join_url();
    url.split("key=").nth(1).unwrap().to_owned()
}

#[test]
fn wrong_links_through_the_proxy_bar_only_the_client_that_sent_them_from_the_tenth() {
    let room = behind_a_proxy();
    let key = secret(&room);
    for n in 1..=9 {
        assert_eq!(
            join_through_the_proxy(&room, "203.0.113.5", "wrong"),
            403,
            "try {n}"
        );
    }
    assert_eq!(
        join_through_the_proxy(&room, "203.0.113.5", &key),
        303,
        "nine wrong tries do not bar"
    );
    assert_eq!(join_through_the_proxy(&room, "203.0.113.5", "wrong"), 403);
    assert_eq!(
        join_through_the_proxy(&room, "203.0.113.5", &key),
        429,
        "the tenth wrong try bars that client"
    );
    assert_eq!(
        join_through_the_proxy(&room, "203.0.113.6", &key),
        303,
        "another phone behind the same proxy still joins"
    );
}

#[test]
fn one_client_cannot_fill_the_room_with_devices_that_never_say_who_they_are() {
    let room = behind_a_proxy();
    let key = secret(&room);
    for n in 0..10 {
        assert_eq!(
            join_through_the_proxy(&room, "203.0.113.7", &key),
            303,
            "join {n}"
        );
    }
    let answer = raw(
        &room.host(),
        &format!(
            "GET /join?key={key} HTTP/1.1\r\nHost: room.example.test\r\nX-Forwarded-For: 203.0.113.7\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(status_of(&answer), 429, "{answer}");
    assert!(answer.contains("text/html"), "a page, not JSON: {answer}");
    assert_eq!(join_through_the_proxy(&room, "203.0.113.8", &key), 303);
}

#[test]
fn sockets_held_open_from_one_address_leave_room_for_everyone_else() {
    let room = TestRoom::sales_led();
    let host: std::net::SocketAddr = room.host().parse().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // 700 idle sockets from 127.0.0.2, more than the room's 600.
    let held: Vec<tokio::net::TcpStream> = runtime.block_on(async {
        let mut held = Vec::new();
        for _ in 0..700 {
            let socket = tokio::net::TcpSocket::new_v4().unwrap();
            socket.bind("127.0.0.2:0".parse().unwrap()).unwrap();
            if let Ok(stream) = socket.connect(host).await {
                held.push(stream);
            }
        }
        held
    });
    assert!(held.len() > 600, "the sockets were opened: {}", held.len());
    std::thread::sleep(std::time::Duration::from_millis(300));
    let phone = Phone::join(&room.room.join_url());
    phone.hello("Dana Scott", 1);
    let (status, body) = phone.post(
        "/api/audit",
        &json!({ "answers": { "written-lead-definition": "no" }, "recognised": [] }),
    );
    assert_eq!(status, 200, "{body}");
    drop(held);
}

/// The key and text hash of the first agreement the room offers, as `phone` reads them.
fn first_offered(phone: &Phone) -> (String, String) {
    let (_, state) = phone.get("/api/state");
    let agreement = &state["room"]["agreements"][0];
    let field = |name: &str| agreement[name].as_str().unwrap().to_owned();
    (field("key"), field("sha256"))
}

/// Dana Scott, on a phone of her own for `team`, endorses the agreement `key`.
fn endorsed_by_dana(
    room: &TestRoom,
    team: u64,
    key: &str,
    sha256: &str,
) -> (u16, serde_json::Value) {
    let dana = Phone::join(&room.room.join_url());
    dana.hello("Dana Scott", team);
    dana.post(
        "/api/sign",
        &json!({ "agreement": key, "position": "endorse", "reason": "", "sha256": sha256 }),
    )
}

/// The longest name the file can be made to write: eighty characters, three in four of them
/// a mark the file escapes in nine bytes. `n` tells the people apart.
fn longest_name(n: usize) -> String {
    format!("{n:04}{}", "x\u{e01ef}\u{e01ef}\u{e01ef}".repeat(19))
}

/// `chars` characters of text, written at seven bytes a character, told apart by `n`.
fn longest_text(n: usize, chars: usize) -> String {
    let mut text = format!("{n:06}");
    text.push_str(&"x\u{e01ef}\u{e01ef}\u{e01ef}".repeat((chars - 6) / 4));
    text
}

#[test]
fn a_room_at_every_cap_leaves_a_file_well_under_the_limit_that_loads() {
    use accord::analysis::audit::{QUESTIONS, QuestionKind, SYMPTOMS};
    use accord::edit::text::written_len;
    use accord::edit::{AuditAnswers, Dots, Edit, MAX_PEOPLE, MAX_REASON, MAX_WORDING};
    use accord::model::{Answer, VoteTopic, text_hash};
    use accord::room::apply::{ROOM_BYTES, Sender, Submission, apply, charge};

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("worst.accord.ron");
    let mut session = accord::storage::templates::find("b2b-sales-led")
        .unwrap()
        .session()
        .unwrap();
    let teams: Vec<_> = session
        .teams
        .iter()
        .filter(|t| t.signs_off)
        .map(|t| t.id)
        .collect();
    let today = jiff::civil::date(2026, 12, 3);
    let now = jiff::Timestamp::now();

    // Every person the audit and the vote keep, each with the longest name, all the answers
    // and every dot: these replace a person's earlier ones, so the count bounds them.
    let everyone: Vec<(String, _)> = (0..MAX_PEOPLE)
        .map(|n| (longest_name(n), teams[n % teams.len()]))
        .collect();
    for (name, team) in &everyone {
        let answers = QUESTIONS
            .iter()
            .filter(|q| q.kind == QuestionKind::YesNo)
            .map(|q| (q.key.to_owned(), Answer::No))
            .collect();
        let recognised = SYMPTOMS.iter().map(|s| s.key.to_owned()).collect();
        session
            .apply(Edit::AnswerAudit(Box::new(AuditAnswers {
                name: name.clone(),
                team: *team,
                answers,
                recognised,
            })))
            .unwrap();
    }
    // The facilitator's items, as many as a vote holds.
    let items: Vec<_> = (0..accord::model::MAX_VOTE_ITEMS)
        .map(|n| accord::model::VoteItem {
            key: format!("parking:{n}"),
            text: format!("Parked topic {n}"),
        })
        .collect();
    session
        .apply(Edit::StartVote {
            on: VoteTopic::ParkingLot,
            dots: accord::model::MAX_DOTS,
            items: items.clone(),
        })
        .unwrap();
    for (name, team) in &everyone {
        let dots = items
            .iter()
            .take(usize::from(accord::model::MAX_DOTS))
            .map(|i| (i.key.clone(), 1))
            .collect();
        session
            .apply(Edit::Vote(Box::new(Dots {
                name: name.clone(),
                team: *team,
                dots,
                today,
            })))
            .unwrap();
    }
    accord::storage::save(&file, &session).unwrap();
    let counted_from = std::fs::metadata(&file).unwrap().len();

    // Then signatures and proposals with the longest names and texts, round after round over
    // every agreement and team, a new phone each time one phone's share is spent, until the
    // room's share is spent or every agreement holds all it takes.
    let agreements = session.agreements();
    let (mut room_spent, mut phone_spent, mut person) = (0, 0, MAX_PEOPLE);
    let mut texts_copied = 0;
    'filling: for round in 0.. {
        let mut took_any = false;
        for agreement in &agreements {
            let text = session.canonical_text(*agreement).unwrap();
            texts_copied += written_len(&text);
            for team in &teams {
                let from = Sender {
                    name: longest_name(person),
                    team: *team,
                };
                person += 1;
                let submissions = [
                    Submission::Sign {
                        agreement: *agreement,
                        position: accord::model::Position::ALL[round % 5],
                        reason: longest_text(person, MAX_REASON),
                        sha256: text_hash(&text),
                    },
                    Submission::Propose {
                        agreement: *agreement,
                        wording: longest_text(person, MAX_WORDING),
                    },
                ];
                for what in submissions {
                    let cost = what.cost(&from);
                    if phone_spent + cost > accord::room::apply::DEVICE_BYTES {
                        phone_spent = 0;
                    }
                    if charge(&mut room_spent, &mut phone_spent, cost).is_err() {
                        break 'filling;
                    }
                    if apply(&mut session, &from, &what, now).is_ok() {
                        took_any = true;
                    } else {
                        room_spent -= cost;
                        phone_spent -= cost;
                    }
                }
            }
        }
        if !took_any {
            break;
        }
    }
    assert!(
        room_spent + 20_000 > ROOM_BYTES,
        "the room's share was spent: {room_spent}"
    );

    accord::storage::save(&file, &session).unwrap();
    let size = std::fs::metadata(&file).unwrap().len();
    eprintln!(
        "a session after a hostile room at every cap: {size} bytes ({counted_from} before the signatures and proposals)"
    );
    assert!(
        size - counted_from <= (room_spent + texts_copied) as u64,
        "what the room counted covers what the file grew by: {} > {room_spent} + {texts_copied}",
        size - counted_from
    );
    assert!(
        size < accord::storage::MAX_FILE_BYTES / 4,
        "{size} bytes is well under the limit"
    );
    assert_eq!(accord::storage::load(&file).unwrap(), session);
}

#[test]
fn one_phone_cannot_add_more_than_its_share_of_text() {
    let room = TestRoom::sales_led();
    let phone = Phone::join(&room.room.join_url());
    phone.hello("Mallory", 1);
    let (key, sha256) = first_offered(&phone);
    let (key, sha256) = (key.as_str(), sha256.as_str());
    let mut refused = None;
    for n in 0..40 {
        // Rate limits allow five a second.
        std::thread::sleep(std::time::Duration::from_millis(220));
        let (status, body) = phone.post(
            "/api/sign",
            &json!({
                "agreement": key,
                "position": if n % 2 == 0 { "disagree" } else { "stand-aside" },
                "reason": longest_text(n, accord::edit::MAX_REASON),
                "sha256": sha256,
            }),
        );
        if status != 200 {
            refused = Some((n, status, body));
            break;
        }
    }
    let (n, status, body) = refused.expect("the phone's share runs out");
    assert_eq!(status, 413, "{body}");
    assert!(n >= 8, "a phone's share holds several full reasons: {n}");
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("one device may add"),
        "{body}"
    );
    // The others in the room still sign.
    let (status, body) = endorsed_by_dana(&room, 1, key, sha256);
    assert_eq!(status, 200, "{body}");
}

#[test]
fn one_team_cannot_fill_an_agreements_history() {
    let room = TestRoom::sales_led();
    let phone = Phone::join(&room.room.join_url());
    phone.hello("Mallory", 1);
    let (key, sha256) = first_offered(&phone);
    let (key, sha256) = (key.as_str(), sha256.as_str());
    let positions = ["endorse", "stand-aside"];
    let mut statuses = Vec::new();
    for n in 0..=accord::edit::MAX_TEAM_SIGNATURES {
        std::thread::sleep(std::time::Duration::from_millis(220));
        let (status, body) = phone.post(
            "/api/sign",
            &json!({ "agreement": key, "position": positions[n % 2], "reason": format!("{n}"), "sha256": sha256 }),
        );
        statuses.push((status, body));
    }
    let (last, body) = statuses.pop().unwrap();
    assert!(statuses.iter().all(|(s, _)| *s == 200), "{statuses:?}");
    assert_eq!(last, 422, "{body}");
    assert!(body["error"].as_str().unwrap().contains("times already"));
    let (status, body) = endorsed_by_dana(&room, 2, key, sha256);
    assert_eq!(status, 200, "another team still signs: {body}");
}

#[test]
fn a_submission_sent_twice_is_kept_once() {
    let room = TestRoom::sales_led();
    let phone = Phone::join(&room.room.join_url());
    phone.hello("Dana Scott", 1);
    let (_, state) = phone.get("/api/state");
    let agreement = &state["room"]["agreements"][0];
    let sign = json!({
        "agreement": agreement["key"],
        "position": "stand-aside",
        "reason": "Not our call",
        "sha256": agreement["sha256"],
    });
    let (first, _) = phone.post("/api/sign", &sign);
    let (again, body) = phone.post("/api/sign", &sign);
    assert_eq!((first, again), (200, 200), "{body}");
    assert!(body["message"].as_str().unwrap().contains("already"));
    let session = room.session.lock().unwrap();
    let signed = session
        .agreements()
        .into_iter()
        .filter_map(|a| session.signatures_of(a))
        .map(|s| s.history.len())
        .sum::<usize>();
    assert_eq!(signed, 1);
}

#[test]
fn one_phone_makes_a_few_proposals_and_leaves_its_teammates_room() {
    let room = TestRoom::sales_led();
    let mql = room
        .session
        .lock()
        .unwrap()
        .definitions
        .iter()
        .find(|d| d.is_term("MQL"))
        .unwrap()
        .id;
    let key = format!("definition:{}", mql.0);
    let mallory = Phone::join(&room.room.join_url());
    mallory.hello("Mallory", 1);
    let mut statuses = Vec::new();
    for n in 0..=accord::room::MAX_DEVICE_PROPOSALS {
        let (status, body) = mallory.post(
            "/api/propose",
            &json!({ "agreement": key, "wording": format!("Wording number {n}") }),
        );
        statuses.push((status, body));
    }
    let (last, body) = statuses.pop().unwrap();
    assert!(statuses.iter().all(|(s, _)| *s == 200), "{statuses:?}");
    assert_eq!(last, 422, "{body}");
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("leave room for your teammates")
    );
    // A teammate on another phone still proposes for the team.
    let dana = Phone::join(&room.room.join_url());
    dana.hello("Dana Scott", 1);
    let (status, body) = dana.post(
        "/api/propose",
        &json!({ "agreement": key, "wording": "A lead above 60 points." }),
    );
    assert_eq!(status, 200, "{body}");
}

#[test]
fn a_full_room_shows_the_phone_a_page_and_tells_the_facilitator() {
    let room = TestRoom::sales_led();
    let key = secret(&room);
    let join = format!(
        "GET /join?key={key} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        room.host()
    );
    // This computer's own phones are not held to the per-address cap: the room's places are.
    for n in 0..accord::room::MAX_DEVICES {
        assert_eq!(status_of(&raw(&room.host(), &join)), 303, "join {n}");
    }
    assert_eq!(room.room.turned_away(), 0);
    let answer = raw(&room.host(), &join);
    assert_eq!(status_of(&answer), 503, "{answer}");
    assert!(answer.contains("text/html"), "a page, not JSON: {answer}");
    assert!(answer.contains("The room is full"), "{answer}");
    assert_eq!(
        room.room.turned_away(),
        1,
        "the facilitator's panel counts it"
    );
    assert_eq!(room.room.unnamed(), accord::room::MAX_DEVICES);
    assert_eq!(room.room.remove_unnamed(), accord::room::MAX_DEVICES);
    assert_eq!(status_of(&raw(&room.host(), &join)), 303, "a place again");
}
