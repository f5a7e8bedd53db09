//! The room over real HTTP on loopback, without a window: joining and its guards, the audit
//! from 200 phones at once, signatures on the text seen, and `accord room` as a script runs it.

use std::io::{Read as _, Write as _};
use std::net::{IpAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use accord::model::{Agreement, Answer, Session};
use accord::room::{self, Config, Offer, Room, view};
use accord::storage::templates;
use serde_json::{Value, json};

/// A room on loopback over `session`, applied on a thread of its own as `accord room` does.
pub(crate) struct TestRoom {
    pub room: Arc<Room>,
    pub session: Arc<Mutex<Session>>,
    offer: Offer,
    applier: Option<std::thread::JoinHandle<()>>,
    stop: Arc<std::sync::atomic::AtomicBool>,
}

impl TestRoom {
    pub fn open(session: Session, offer: Offer) -> Self {
        Self::open_with(&Config::on(IpAddr::from([127, 0, 0, 1])), session, offer)
    }

    pub fn open_with(config: &Config, session: Session, offer: Offer) -> Self {
        let snapshot = view::snapshot(&session, &offer, false);
        let room = Arc::new(Room::open(config, snapshot, || {}).unwrap());
        let session = Arc::new(Mutex::new(session));
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let applier = {
            let (room, session, offer, stop) = (
                Arc::clone(&room),
                Arc::clone(&session),
                offer.clone(),
                Arc::clone(&stop),
            );
            std::thread::spawn(move || {
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let Some(incoming) = room.next_within(Duration::from_millis(50)) else {
                        continue;
                    };
                    let mut session = session.lock().unwrap();
                    let result = room::apply::apply(
                        &mut session,
                        &incoming.from,
                        &incoming.what,
                        jiff::Timestamp::now(),
                    );
                    incoming.answer(result);
                    room.publish(view::snapshot(&session, &offer, false));
                }
            })
        };
        Self {
            room,
            session,
            offer,
            applier: Some(applier),
            stop,
        }
    }

    pub fn sales_led() -> Self {
        let session = templates::find("b2b-sales-led").unwrap().session().unwrap();
        let offer = Offer::everything(&session);
        Self::open(session, offer)
    }

    pub fn host(&self) -> String {
        self.room.address().to_string()
    }

    /// Publishes the session as it is now, after the test changed it.
    pub fn republish(&self) {
        let session = self.session.lock().unwrap();
        self.room
            .publish(view::snapshot(&session, &self.offer, false));
    }
}

impl Drop for TestRoom {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(applier) = self.applier.take() {
            let _ = applier.join();
        }
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

/// A phone in the room: its cookie, once joined.
pub(crate) struct Phone {
    agent: ureq::Agent,
    base: String,
    cookie: String,
}

impl Phone {
    /// Joins through the QR code's address.
    pub fn join(url: &str) -> Self {
        let agent = agent();
        let response = agent.get(url).call().unwrap();
        assert_eq!(
            response.status(),
            303,
            "the secret is exchanged for a cookie"
        );
        let cookie = response
            .headers()
            .get("set-cookie")
            .expect("a cookie")
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
            "{cookie}"
        );
        let base = url.split("/join").next().unwrap().to_owned();
        Self {
            agent,
            base,
            cookie: cookie.split(';').next().unwrap().to_owned(),
        }
    }

    pub fn get(&self, path: &str) -> (u16, Value) {
        let mut response = self
            .agent
            .get(format!("{}{path}", self.base))
            .header("Cookie", &self.cookie)
            .call()
            .unwrap();
        let status = response.status().as_u16();
        (
            status,
            response.body_mut().read_json().unwrap_or(Value::Null),
        )
    }

    pub fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        let mut response = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("Cookie", &self.cookie)
            .header("Origin", &self.base)
            .send_json(body)
            .unwrap();
        let status = response.status().as_u16();
        (
            status,
            response.body_mut().read_json().unwrap_or(Value::Null),
        )
    }

    pub fn hello(&self, name: &str, team: u64) {
        let (status, body) = self.post("/api/hello", &json!({ "name": name, "team": team }));
        assert_eq!(status, 200, "{body}");
    }
}

/// Sends `request` as raw bytes and returns the status line and the rest.
fn raw(host: &str, request: &str) -> String {
    let mut stream = TcpStream::connect(host).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

fn status_of(response: &str) -> u16 {
    response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[test]
fn a_phone_joins_with_the_secret_and_nothing_without_it() {
    let room = TestRoom::sales_led();
    let phone = Phone::join(&room.room.join_url());
    let (status, state) = phone.get("/api/state");
    assert_eq!(status, 200);
    assert_eq!(state["me"]["name"], Value::Null);
    assert_eq!(state["room"]["teams"].as_array().unwrap().len(), 6);
    phone.hello("Dana Scott", 1);
    let (_, state) = phone.get("/api/state");
    assert_eq!(state["me"]["name"], "Dana Scott");
    // One device speaks for one team.
    let (status, _) = phone.post("/api/hello", &json!({ "name": "Dana Scott", "team": 2 }));
    assert_eq!(status, 409);
    assert_eq!(room.room.people()[0].name, "Dana Scott");

    // A wrong secret gives no cookie; no cookie, no API.
    let agent = agent();
    let wrong = format!(
        "http://{}/join?key=0123456789abcdef0123456789abcdef",
        room.host()
    );
    let response = agent.get(&wrong).call().unwrap();
    assert_eq!(response.status(), 403);
    assert!(response.headers().get("set-cookie").is_none());
    let response = agent
        .get(format!("http://{}/api/state", room.host()))
        .call()
        .unwrap();
    assert_eq!(response.status(), 401);
    // A made-up cookie is no better.
    let response = agent
        .get(format!("http://{}/api/state", room.host()))
        .header("Cookie", "accord_room=00000000000000000000000000000000")
        .call()
        .unwrap();
    assert_eq!(response.status(), 401);
    // The page itself is served with a strict policy and nothing from elsewhere.
    let mut page = agent
        .get(format!("http://{}/", room.host()))
        .call()
        .unwrap();
    let policy = page
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        policy.starts_with("default-src 'none'; script-src 'self'"),
        "{policy}"
    );
    let html = page.body_mut().read_to_string().unwrap();
    assert!(!html.contains("http"), "no request leaves the room: {html}");
}

#[test]
fn the_short_code_joins_too_and_guessing_it_is_slowed() {
    let room = TestRoom::sales_led();
    let agent = agent();
    let url = format!("http://{}/api/code", room.host());
    let origin = format!("http://{}", room.host());
    // A room's phones behind one proxy share an address: the right code is never counted.
    for _ in 0..15 {
        let response = agent
            .post(&url)
            .header("Origin", &origin)
            .send_json(json!({ "code": room.room.code().to_lowercase() }))
            .unwrap();
        assert_eq!(response.status(), 200, "case does not matter");
        assert!(response.headers().get("set-cookie").is_some());
    }
    let mut statuses = Vec::new();
    for guess in 0..12 {
        let response = agent
            .post(&url)
            .header("Origin", &origin)
            .send_json(json!({ "code": format!("WRONG{guess:03}") }))
            .unwrap();
        statuses.push(response.status().as_u16());
    }
    assert!(
        statuses.iter().all(|s| *s == 403 || *s == 429),
        "{statuses:?}"
    );
    assert_eq!(*statuses.last().unwrap(), 429, "{statuses:?}");
    // Then not even the right code joins from there, and the QR's link neither.
    let response = agent
        .post(&url)
        .header("Origin", &origin)
        .send_json(json!({ "code": room.room.code() }))
        .unwrap();
    assert_eq!(response.status(), 429);
    assert_eq!(
        agent.get(room.room.join_url()).call().unwrap().status(),
        429
    );
}

#[test]
fn a_foreign_host_or_origin_is_refused() {
    let room = TestRoom::sales_led();
    let host = room.host();
    // DNS rebinding: the page asked for under another name.
    let answer = raw(
        &host,
        "GET / HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status_of(&answer), 421, "{answer}");
    let join = room.room.join_url();
    let path = join.split(&host).nth(1).unwrap();
    let answer = raw(
        &host,
        &format!("GET {path} HTTP/1.1\r\nHost: attacker.example:80\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(
        status_of(&answer),
        421,
        "the secret does not help: {answer}"
    );

    // A write from another site's page, or with no Origin at all.
    let phone = Phone::join(&join);
    for origin in [Some("http://attacker.example"), None] {
        let mut request = phone
            .agent
            .post(format!("http://{host}/api/hello"))
            .header("Cookie", &phone.cookie);
        if let Some(origin) = origin {
            request = request.header("Origin", origin);
        }
        let response = request
            .send_json(json!({ "name": "Mallory", "team": 1 }))
            .unwrap();
        assert_eq!(response.status(), 403, "{origin:?}");
    }
    assert!(room.room.people().is_empty());
}

#[test]
fn an_oversize_body_and_a_text_too_long_are_refused() {
    let room = TestRoom::sales_led();
    let phone = Phone::join(&room.room.join_url());
    phone.hello("Dana Scott", 1);
    let huge = "x".repeat(room::MAX_BODY_BYTES + 1);
    let (status, _) = phone.post("/api/hello", &json!({ "name": huge, "team": 1 }));
    assert_eq!(status, 413);
    let (status, body) = phone.post("/api/hello", &json!({ "name": "n".repeat(81), "team": 1 }));
    assert_eq!(status, 400);
    assert_eq!(body["error"], "a name has at most 80 characters");
    let (status, _) = phone.post("/api/hello", &json!({ "name": "Ana\nB", "team": 1 }));
    assert_eq!(status, 400, "a name is one line");
    let (status, _) = phone.post("/api/hello", &json!({ "name": "Ana", "team": 999 }));
    assert_eq!(status, 400, "a team of the workshop only");

    let mql = room
        .session
        .lock()
        .unwrap()
        .definitions
        .iter()
        .find(|d| d.is_term("MQL"))
        .unwrap()
        .id;
    let (status, body) = phone.post(
        "/api/propose",
        &json!({ "agreement": format!("definition:{}", mql.0), "wording": "w".repeat(2001) }),
    );
    assert_eq!(status, 422, "the edit refuses it, as it would the window's");
    assert_eq!(body["error"], "a wording has at most 2000 characters");
    let (status, body) = phone.post(
        "/api/propose",
        &json!({ "agreement": format!("definition:{}", mql.0), "wording": "A lead above 60 points." }),
    );
    assert_eq!(status, 200, "{body}");
    let session = room.session.lock().unwrap();
    let proposals = &session
        .definitions
        .iter()
        .find(|d| d.id == mql)
        .unwrap()
        .proposals;
    assert_eq!(proposals.last().unwrap().wording, "A lead above 60 points.");
}

#[test]
fn a_phone_that_sends_too_fast_is_slowed() {
    let room = TestRoom::sales_led();
    let phone = Phone::join(&room.room.join_url());
    let statuses: Vec<u16> = (0..60).map(|_| phone.get("/api/state").0).collect();
    let slowed = statuses.iter().filter(|s| **s == 429).count();
    assert!(slowed >= 20, "{statuses:?}");
    assert_eq!(statuses[0], 200);
    // Another phone is not slowed by the first.
    let other = Phone::join(&room.room.join_url());
    assert_eq!(other.get("/api/state").0, 200);
}

#[test]
fn two_hundred_phones_answer_the_audit_at_once_and_the_tally_is_right() {
    let room = Arc::new(TestRoom::open(
        templates::find("b2b-sales-led").unwrap().session().unwrap(),
        Offer::for_step(accord::model::Step::Audit, Vec::new()),
    ));
    let url = room.room.join_url();
    let threads: Vec<_> = (0..200u64)
        .map(|i| {
            let url = url.clone();
            std::thread::spawn(move || {
                let phone = Phone::join(&url);
                // Teams 1 to 6 in turn; Marketing (1) says yes, everyone else no.
                let team = i % 6 + 1;
                phone.hello(&format!("Person {i}"), team);
                let answer = if team == 1 { "yes" } else { "no" };
                let (status, body) = phone.post(
                    "/api/audit",
                    &json!({
                        "answers": { "written-lead-definition": answer },
                        "recognised": if i % 2 == 0 { vec!["garbage-leads"] } else { vec![] },
                    }),
                );
                assert_eq!(status, 200, "{body}");
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let mut session = room.session.lock().unwrap().clone();
    assert_eq!(session.audit.room.len(), 200);
    let by_team = accord::analysis::room_audit::answered_by_team(&session);
    let counts: Vec<usize> = by_team.iter().map(|(_, n)| *n).collect();
    assert_eq!(counts, [34, 34, 33, 33, 33, 33]);
    // Every team's whole tally: Marketing's 34 all yes, every other team's all no.
    let counts = accord::analysis::room_counts::RoomCounts::of(&session);
    let tallies: Vec<(u64, usize, usize, usize)> = counts
        .tallies("written-lead-definition")
        .into_iter()
        .map(|(team, t)| (team.raw(), t.yes, t.no, t.dont_know))
        .collect();
    assert_eq!(
        tallies,
        [
            (1, 34, 0, 0),
            (2, 0, 34, 0),
            (3, 0, 33, 0),
            (4, 0, 33, 0),
            (5, 0, 33, 0),
            (6, 0, 33, 0),
        ]
    );
    // And each person's answer is theirs: nobody's was lost or written over.
    for i in 0..200u64 {
        let name = format!("Person {i}");
        let mine = session.audit.room.iter().find(|a| a.name == name).unwrap();
        assert_eq!(mine.team.map(|t| t.raw()), Some(i % 6 + 1), "{name}");
        assert_eq!(
            mine.recognised.contains("garbage-leads"),
            i % 2 == 0,
            "{name}"
        );
    }
    assert_eq!(counts.recognised_by("garbage-leads"), 100);
    assert!(
        session.audit.answers.is_empty(),
        "the facilitator's answers are their own"
    );
    // Revealed, the split is a gap of the audit.
    session.audit.revealed = true;
    let gaps = accord::analysis::audit::gaps(&session, jiff::civil::date(2026, 12, 1));
    assert!(
        gaps.iter()
            .any(|g| g.key == "written-lead-definition" && g.text.starts_with("The teams disagree")),
        "{gaps:?}"
    );
}

#[test]
fn a_signature_on_a_text_that_changed_is_refused_with_the_new_text() {
    let room = TestRoom::sales_led();
    let phone = Phone::join(&room.room.join_url());
    phone.hello("Dana Scott", 1);
    let (_, state) = phone.get("/api/state");
    let agreements = state["room"]["agreements"].as_array().unwrap();
    let mql = agreements
        .iter()
        .find(|a| a["name"] == "MQL")
        .unwrap()
        .clone();
    let key = mql["key"].as_str().unwrap().to_owned();
    let seen = mql["sha256"].as_str().unwrap().to_owned();

    // The room edits the MQL while Dana reads it.
    {
        let mut session = room.session.lock().unwrap();
        let definition = session
            .definitions
            .iter_mut()
            .find(|d| d.is_term("MQL"))
            .unwrap();
        definition.definition.push_str(" Above 60 points.");
    }
    let before = room.session.lock().unwrap().clone();
    let (status, body) = phone.post(
        "/api/sign",
        &json!({ "agreement": key, "position": "endorse", "sha256": seen }),
    );
    assert_eq!(status, 409, "{body}");
    assert!(body["text"].as_str().unwrap().contains("Above 60 points."));
    assert_eq!(*room.session.lock().unwrap(), before, "nothing recorded");

    // Signed on the new text, it counts, under Dana's name.
    room.republish();
    let fresh = body["sha256"].as_str().unwrap();
    let (status, body) = phone.post(
        "/api/sign",
        &json!({ "agreement": key, "position": "agree-with-reservations", "reason": "60 is high", "sha256": fresh }),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["message"],
        "Dana Scott signed MQL for Marketing: agrees with reservations."
    );
    let session = room.session.lock().unwrap();
    let id = session
        .definitions
        .iter()
        .find(|d| d.is_term("MQL"))
        .unwrap()
        .id;
    let signature = session
        .signatures_of(Agreement::Definition(id))
        .unwrap()
        .history
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        signature.by,
        accord::model::Signer::Person("Dana Scott".into())
    );
    assert_eq!(signature.reason, "60 is high");
    assert_eq!(signature.sha256, fresh);
}

#[test]
fn locked_input_and_a_removed_phone_send_nothing() {
    let session = templates::find("b2b-sales-led").unwrap().session().unwrap();
    let offer = Offer::for_step(accord::model::Step::Audit, Vec::new());
    let room = TestRoom::open(session.clone(), offer.clone());
    let phone = Phone::join(&room.room.join_url());
    phone.hello("Dana Scott", 1);
    room.room.publish(view::snapshot(&session, &offer, true));
    let (status, _) = phone.post(
        "/api/audit",
        &json!({ "answers": { "follow-up-sla": "no" } }),
    );
    assert_eq!(status, 423);
    room.room.publish(view::snapshot(&session, &offer, false));
    let (status, _) = phone.post(
        "/api/audit",
        &json!({ "answers": { "follow-up-sla": "no" } }),
    );
    assert_eq!(status, 200);
    assert_eq!(
        room.session.lock().unwrap().audit.room[0].answers["follow-up-sla"],
        Answer::No
    );
    room.room
        .remove("dana scott", Some(accord::model::TeamId(1)));
    assert!(room.room.people().is_empty());
    assert_eq!(phone.get("/api/state").0, 401);
}

#[test]
fn closing_the_room_stops_the_server_and_forgets_every_cookie() {
    let room = TestRoom::sales_led();
    let host = room.host();
    let phone = Phone::join(&room.room.join_url());
    assert_eq!(phone.get("/api/state").0, 200);
    drop(room);
    assert!(
        TcpStream::connect_timeout(&host.parse().unwrap(), Duration::from_secs(2)).is_err(),
        "nothing listens once the room is closed"
    );

    // Opened again on the same address and port, the room knows none of the old cookies.
    let address: std::net::SocketAddr = host.parse().unwrap();
    let config = Config {
        port: address.port(),
        ..Config::on(address.ip())
    };
    let session = templates::find("b2b-sales-led").unwrap().session().unwrap();
    let offer = Offer::everything(&session);
    let again = TestRoom::open_with(&config, session, offer);
    assert_eq!(again.host(), host);
    let (status, body) = phone.get("/api/state");
    assert_eq!(status, 401, "the old cookie is refused: {body}");
    let (status, _) = phone.post("/api/hello", &json!({ "name": "Dana", "team": 1 }));
    assert_eq!(status, 401);
    let fresh = Phone::join(&again.room.join_url());
    assert_eq!(fresh.get("/api/state").0, 200, "a new join works");
}

/// `accord room FILE --bind 127.0.0.1 --step STEP`, the command line's room, running.
pub(crate) struct AccordRoom {
    child: std::process::Child,
    /// Kept open while it runs: a closed pipe would end it at its next line.
    stdout: std::io::BufReader<std::process::ChildStdout>,
    /// The join address it printed first.
    pub url: String,
}

impl AccordRoom {
    pub fn start(file: &std::path::Path, step: &str) -> Self {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_accord"))
            .args([
                "room",
                crate::cli::arg(file),
                "--bind",
                "127.0.0.1",
                "--step",
                step,
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        std::io::BufRead::read_line(&mut stdout, &mut first).unwrap();
        Self {
            child,
            stdout,
            url: first.trim().to_owned(),
        }
    }

    /// Stops it as a service manager would, with SIGTERM: its exit code and what it printed
    /// after the join address.
    pub fn stop(mut self) -> (Option<i32>, String) {
        let killed = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let code = self.child.wait().unwrap().code();
        let mut rest = String::new();
        self.stdout.read_to_string(&mut rest).unwrap();
        (code, rest)
    }
}

#[test]
fn accord_room_prints_the_join_address_saves_what_arrives_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("room.ron");
    let out = crate::cli::accord(&["new", "--template", "b2b-sales-led", crate::cli::arg(&file)]);
    assert_eq!(out.status.code(), Some(0));
    let room = AccordRoom::start(&file, "definitions");
    let url = room.url.clone();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.contains("/join?key="),
        "{url}"
    );
    let key = url.split("key=").nth(1).unwrap();
    assert_eq!(key.len(), 32, "128 bits in hex");

    let phone = Phone::join(&url);
    phone.hello("Dana Scott", 1);
    let (_, state) = phone.get("/api/state");
    let agreements = state["room"]["agreements"].as_array().unwrap();
    assert!(
        agreements.iter().all(|a| a["kind"] == "definition"),
        "--step narrows it"
    );
    let mql = agreements.iter().find(|a| a["name"] == "MQL").unwrap();
    let (status, body) = phone.post(
        "/api/sign",
        &json!({ "agreement": mql["key"], "position": "endorse", "sha256": mql["sha256"] }),
    );
    assert_eq!(status, 200, "{body}");
    // Saved as it arrived, before the room closes.
    let saved = accord::storage::load(&file).unwrap();
    let id = saved
        .definitions
        .iter()
        .find(|d| d.is_term("MQL"))
        .unwrap()
        .id;
    assert_eq!(
        saved
            .signatures_of(Agreement::Definition(id))
            .unwrap()
            .history
            .len(),
        1
    );

    let (code, rest) = room.stop();
    assert_eq!(code, Some(0));
    assert!(rest.contains("The room is closed;"), "{rest}");
    assert!(accord::storage::load(&file).is_ok());
}

#[test]
fn a_dot_vote_takes_each_phones_dots_within_its_share_and_keeps_the_tally() {
    let mut session = templates::find("b2b-sales-led").unwrap().session().unwrap();
    // Two gaps to vote on.
    session.audit.recognised.insert("garbage-leads".into());
    session.audit.recognised.insert("no-follow-up".into());
    let offer = Offer::for_step(accord::model::Step::Audit, Vec::new());
    let room = TestRoom::open(session, offer);
    let phone = Phone::join(&room.room.join_url());
    phone.hello("Dana Scott", 1);
    let (status, _) = phone.post("/api/vote", &json!({ "dots": { "gap:garbage-leads": 1 } }));
    assert_eq!(status, 409, "no vote is open yet");

    {
        let mut session = room.session.lock().unwrap();
        session.votes = accord::model::Votes {
            on: Some(accord::model::VoteTopic::AuditGaps),
            open: true,
            dots: 3,
            ..Default::default()
        }
        .into();
    }
    room.republish();
    let (_, state) = phone.get("/api/state");
    let items: Vec<&str> = state["room"]["vote"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["key"].as_str().unwrap())
        .collect();
    assert_eq!(items, ["gap:garbage-leads", "gap:no-follow-up"]);
    assert!(
        state["room"]["vote"].get("tally").is_none(),
        "the phones see no tally"
    );

    let (status, body) = phone.post("/api/vote", &json!({ "dots": { "gap:garbage-leads": 4 } }));
    assert_eq!(status, 422);
    assert_eq!(body["error"], "you have 3 dots, and gave 4");
    let (status, _) = phone.post("/api/vote", &json!({ "dots": { "gap:made-up": 1 } }));
    assert_eq!(status, 422);
    let (status, body) = phone.post(
        "/api/vote",
        &json!({ "dots": { "gap:garbage-leads": 2, "gap:no-follow-up": 1 } }),
    );
    assert_eq!(status, 200, "{body}");
    // Moving the dots replaces the ballot.
    let (status, _) = phone.post("/api/vote", &json!({ "dots": { "gap:no-follow-up": 3 } }));
    assert_eq!(status, 200);
    let other = Phone::join(&room.room.join_url());
    other.hello("Sam Lee", 2);
    other.post("/api/vote", &json!({ "dots": { "gap:garbage-leads": 1 } }));

    let session = room.session.lock().unwrap();
    assert_eq!(session.votes.ballots.len(), 2);
    let keys = [
        "gap:garbage-leads".to_owned(),
        "gap:no-follow-up".to_owned(),
    ];
    assert_eq!(
        session.votes.tally(&keys),
        [
            ("gap:no-follow-up".to_owned(), 3),
            ("gap:garbage-leads".to_owned(), 1)
        ]
    );
}

/// Opens the live connection of `phone`'s cookie on a raw socket and reads until its first
/// state arrives.
fn live_connection(host: &str, cookie: &str) -> TcpStream {
    let mut stream = TcpStream::connect(host).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET /api/events HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n\r\n"
    )
    .unwrap();
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains("event: state") {
        let n = stream.read(&mut buffer).unwrap();
        assert!(n > 0, "the stream ended before its first state");
        seen.extend_from_slice(&buffer[..n]);
    }
    stream
}

/// Reads `stream` to its end; false when it is still open after 20 s.
fn ends(mut stream: TcpStream) -> bool {
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => return false,
        }
    }
}

#[test]
fn closing_the_room_ends_the_live_connections_too() {
    let room = TestRoom::sales_led();
    let host = room.host();
    let phone = Phone::join(&room.room.join_url());
    phone.hello("Dana Scott", 1);
    let stream = live_connection(&host, &phone.cookie);
    let (closed, closing) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        drop(room);
        let _ = closed.send(());
    });
    assert!(
        closing.recv_timeout(Duration::from_secs(20)).is_ok(),
        "closing the room waits for no phone"
    );
    assert!(
        ends(stream),
        "the phone's live connection ends with the room"
    );
}

#[test]
fn a_connection_that_never_finishes_its_headers_is_closed() {
    let room = TestRoom::sales_led();
    let host = room.host();
    let mut slow = TcpStream::connect(&host).unwrap();
    write!(slow, "GET / HTTP/1.1\r\nHost: {host}\r\nX-Slow: ").unwrap();
    // Meanwhile the room answers everyone else.
    let phone = Phone::join(&room.room.join_url());
    assert_eq!(phone.get("/api/state").0, 200);
    assert!(
        room::HEADERS_WITHIN < Duration::from_secs(20),
        "the read below waits longer than the room does"
    );
    assert!(
        ends(slow),
        "the room let go of a connection that never asked anything"
    );
}

#[test]
fn connections_past_the_cap_are_closed_at_once_and_the_room_answers_again_after() {
    let config = Config {
        max_connections: 4,
        ..Config::on(IpAddr::from([127, 0, 0, 1]))
    };
    let session = templates::find("b2b-sales-led").unwrap().session().unwrap();
    let offer = Offer::everything(&session);
    let room = TestRoom::open_with(&config, session, offer);
    let host = room.host();
    let held: Vec<TcpStream> = (0..4).map(|_| TcpStream::connect(&host).unwrap()).collect();
    // Each held connection is taken before the next is tried, so the fifth is past the cap.
    std::thread::sleep(Duration::from_millis(200));
    let mut fifth = TcpStream::connect(&host).unwrap();
    let _ = write!(fifth, "GET / HTTP/1.1\r\nHost: {host}\r\n\r\n");
    let mut answer = Vec::new();
    fifth
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let read = fifth.read_to_end(&mut answer);
    assert!(
        matches!(read, Ok(0))
            || read.is_err_and(|e| e.kind() == std::io::ErrorKind::ConnectionReset),
        "the fifth connection is closed unanswered: {:?}",
        String::from_utf8_lossy(&answer)
    );
    drop(held);
    // The held connections are let go as their sockets close; then phones join again.
    let started = std::time::Instant::now();
    loop {
        let page = raw(
            &host,
            &format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        );
        if status_of(&page) == 200 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the room never answered again"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_phone_proposes_a_wording_for_the_icp_on_screen_under_its_team() {
    let session = templates::find("b2b-sales-led").unwrap().session().unwrap();
    let offer = Offer::for_step(accord::model::Step::Icp, vec![Agreement::Icp]);
    let room = TestRoom::open(session, offer);
    let phone = Phone::join(&room.room.join_url());
    phone.hello("Sam Lee", 2);
    let (_, state) = phone.get("/api/state");
    let icp = &state["room"]["agreements"][0];
    assert_eq!(
        icp["proposals"], true,
        "the page offers a wording for the ICP"
    );
    let wording = "Software companies of 100 to 1,000 people with a RevOps lead.";
    let (status, body) = phone.post(
        "/api/propose",
        &json!({ "agreement": icp["key"], "wording": wording }),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["message"],
        "Sam Lee proposed wording for the ICP for Sales (SDR)."
    );
    // Sent twice, it is kept once.
    phone.post(
        "/api/propose",
        &json!({ "agreement": icp["key"], "wording": wording }),
    );
    let session = room.session.lock().unwrap();
    assert_eq!(session.icp.proposals.len(), 1);
    assert_eq!(session.icp.proposals[0].wording, wording);
    assert_eq!(
        session.icp.proposals[0].team,
        Some(session.teams[1].id),
        "under the phone's team"
    );
    assert!(
        session.icp.statement.is_empty(),
        "a proposal does not change the statement the teams sign"
    );
}

#[test]
fn a_signature_saved_by_accord_sign_while_accord_room_runs_survives_the_room() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("room.ron");
    let out = crate::cli::accord(&["new", "--template", "b2b-sales-led", crate::cli::arg(&file)]);
    assert_eq!(out.status.code(), Some(0));
    let room = AccordRoom::start(&file, "definitions");
    let phone = Phone::join(&room.url);
    phone.hello("Dana Scott", 1);
    let sign_on_the_phone = |name: &str| {
        let (_, state) = phone.get("/api/state");
        let agreement = state["room"]["agreements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == name)
            .unwrap()
            .clone();
        let (status, body) = phone.post(
            "/api/sign",
            &json!({ "agreement": agreement["key"], "position": "endorse", "sha256": agreement["sha256"] }),
        );
        assert_eq!(status, 200, "{body}");
    };
    sign_on_the_phone("MQL");

    // Another program saves the file while the room is open.
    let out = crate::cli::accord(&[
        "sign",
        crate::cli::arg(&file),
        "--item",
        "icp",
        "--team",
        "Finance",
        "--by",
        "facilitator",
        "--position",
        "endorse",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        crate::cli::text(&out.stderr)
    );
    sign_on_the_phone("SQL");

    assert_eq!(room.stop().0, Some(0));

    let signed = |session: &accord::model::Session, agreement: Agreement| {
        session
            .signatures_of(agreement)
            .map_or(0, |s| s.history.len())
    };
    let saved = accord::storage::load(&file).unwrap();
    let term = |name: &str| {
        Agreement::Definition(
            saved
                .definitions
                .iter()
                .find(|d| d.is_term(name))
                .unwrap()
                .id,
        )
    };
    assert_eq!(
        signed(&saved, Agreement::Icp),
        1,
        "accord sign's signature survived"
    );
    assert_eq!(signed(&saved, term("MQL")), 1);
    assert_eq!(
        signed(&saved, term("SQL")),
        1,
        "and the room went on from it"
    );
    let backup = accord::storage::load(&accord::storage::backup_path(&file)).unwrap();
    assert_eq!(
        signed(&backup, Agreement::Icp),
        1,
        "the backup is the file as accord sign left it"
    );
}
