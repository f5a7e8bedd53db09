//! The room in the window, driven as the facilitator drives it: open it, see the QR code and
//! the address, and watch a participant's signature arrive on the agreement on screen.

use accord::model::{Agreement, Signer, Step, VoteTopic};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use serde_json::json;

use crate::room::Phone;
use crate::ui::{app, import_customers, press, scroll_until_shown, start_sales_led, step_until};

/// A new sales-led workshop on `step`, with the room open: the harness, and the room's
/// join address for the test's phones.
fn room_on(
    data: &std::path::Path,
    step: Step,
) -> (egui_kittest::Harness<'static, accord::app::App>, String) {
    let mut harness = app(data, None);
    start_sales_led(&mut harness);
    press(&mut harness, step.label());
    let join = open_room(&mut harness);
    (harness, join)
}

/// Opens the room from the View menu on the loopback: the test's phones are on this computer.
/// Returns the address the QR code holds, for the test's phones to join by.
pub(crate) fn open_room(harness: &mut egui_kittest::Harness<'static, accord::app::App>) -> String {
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Open the room…").click();
    harness.run();
    harness
        .get_by_label("127.0.0.1 (this computer only)")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Open the room")
        .click();
    harness.run();
    harness.get_by_label("The room is open");
    let open = harness.state().doc.work.room.as_ref();
    open.expect("the room is open").room.join_url()
}

#[test]
fn the_facilitator_opens_the_room_and_a_signature_arrives_from_a_phone() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::Definitions.label());
    press(&mut harness, "MQL");
    // The facilitator's own edit first, one undo step of its own.
    press(&mut harness, "Add verification point to MQL");
    let verification_points = |harness: &egui_kittest::Harness<'static, accord::app::App>| {
        let session = &harness.state().doc.session;
        let mql = session
            .definitions
            .iter()
            .find(|d| d.is_term("MQL"))
            .unwrap();
        mql.criteria.verification.len()
    };
    let points = verification_points(&harness);

    open_room(&mut harness);
    harness.get_by_label("QR code to join the room");
    let (join, address) = {
        let open = harness.state().doc.work.room.as_ref().unwrap();
        (open.room.join_url(), open.room.address_url())
    };
    harness.get_by_label(&address);
    harness.get_by_label("Nobody has joined yet");

    // A phone joins and signs the MQL on screen, on a thread of its own: the window answers
    // it between frames.
    let phone = std::thread::spawn(move || {
        let phone = Phone::join(&join);
        phone.hello("Dana Scott", 1);
        let (_, state) = phone.get("/api/state");
        let mql = state["room"]["agreements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == "MQL")
            .expect("the MQL is on offer while it is on screen")
            .clone();
        phone.post(
            "/api/sign",
            &json!({ "agreement": mql["key"], "position": "endorse", "sha256": mql["sha256"] }),
        )
    });
    step_until(&mut harness, "the phone's signature is recorded", |app| {
        let session = &app.doc.session;
        let mql = session
            .definitions
            .iter()
            .find(|d| d.is_term("MQL"))
            .unwrap();
        session
            .signatures_of(Agreement::Definition(mql.id))
            .is_some_and(|s| {
                s.history
                    .iter()
                    .any(|s| s.by == Signer::Person("Dana Scott".into()))
            })
    });
    let (status, body) = phone.join().unwrap();
    assert_eq!(status, 200, "{body}");
    harness.run();
    harness.get_by_label_contains("Dana Scott signed MQL for Marketing");
    harness.get_by_label("1 joined, 0 connected");
    // The phone's signature is one undo step: undone, it goes, and the edit before it stays.
    let phone_signed = |harness: &egui_kittest::Harness<'static, accord::app::App>| {
        let session = &harness.state().doc.session;
        let mql = session
            .definitions
            .iter()
            .find(|d| d.is_term("MQL"))
            .unwrap();
        session
            .signatures_of(Agreement::Definition(mql.id))
            .is_some_and(|s| !s.history.is_empty())
    };
    assert!(phone_signed(&harness));
    press(&mut harness, "Undo");
    assert!(
        !phone_signed(&harness),
        "undo takes the phone's signature away"
    );
    assert_eq!(
        verification_points(&harness),
        points,
        "and keeps the facilitator's edit before it"
    );
    press(&mut harness, "Undo");
    assert_eq!(
        verification_points(&harness),
        points - 1,
        "which undoes on its own"
    );

    harness.get_by_label("Close the room").click();
    harness.run();
    assert!(harness.state().doc.work.room.is_none());
    assert!(harness.query_by_label("The room is open").is_none());
}

#[test]
fn the_room_dot_votes_on_the_icp_suggestions_and_the_panel_shows_the_tally_once_revealed() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    import_customers(&mut harness);
    open_room(&mut harness);

    press(&mut harness, "Start a dot-vote…");
    press(&mut harness, "Vote on the ICP suggestions");
    let (items, join) = {
        let app = harness.state();
        let votes = &app.doc.session.votes;
        assert_eq!(votes.on, Some(VoteTopic::IcpSuggestions));
        (
            votes.items.clone(),
            app.doc.work.room.as_ref().unwrap().room.join_url(),
        )
    };
    // The vote keeps the suggestions as the screen words them, though they live only in the
    // imported data.
    assert!(
        items
            .iter()
            .any(|i| i.text.ends_with("Sector: Fintech, Software")),
        "{items:?}"
    );
    harness.get_by_label_contains("Voting on the ICP suggestions · 3 dots each · 0 voted");

    let first = items[0].clone();
    let phone = std::thread::spawn(move || {
        let phone = Phone::join(&join);
        phone.hello("Dana Scott", 1);
        let (_, state) = phone.get("/api/state");
        assert_eq!(
            state["room"]["vote"]["items"][0]["text"],
            first.text.as_str()
        );
        phone.post("/api/vote", &json!({ "dots": { first.key.clone(): 3 } }))
    });
    step_until(&mut harness, "the phone's dots are recorded", |app| {
        app.doc.session.votes.ballots.len() == 1
    });
    let (status, body) = phone.join().unwrap();
    assert_eq!(status, 200, "{body}");
    harness.run();
    harness.get_by_label_contains("3 dots each · 1 voted");
    assert!(
        harness
            .query_by_label(&format!("3 · {}", items[0].text))
            .is_none(),
        "the tally stays hidden until revealed"
    );
    press(&mut harness, "Reveal the tally");
    harness.get_by_label(&format!("3 · {}", items[0].text));
    press(&mut harness, "End the vote");
    assert!(!harness.state().doc.session.votes.open);
}

#[test]
fn the_rooms_answers_show_team_by_team_beside_the_panel_once_revealed() {
    let data = tempfile::tempdir().unwrap();
    let (mut harness, join) = room_on(data.path(), Step::Audit);
    // One phone a team; Marketing alone says its teams share a written lead definition.
    let phones = std::thread::spawn(move || {
        for team in 1..=6u64 {
            let phone = Phone::join(&join);
            phone.hello(&format!("Person {team}"), team);
            let answer = if team == 1 { "yes" } else { "no" };
            let (status, body) = phone.post(
                "/api/audit",
                &json!({ "answers": { "written-lead-definition": answer }, "recognised": [] }),
            );
            assert_eq!(status, 200, "{body}");
        }
    });
    step_until(&mut harness, "the six phones' answers are in", |app| {
        app.doc.session.audit.room.len() == 6
    });
    phones.join().unwrap();
    harness.run();
    assert!(
        harness.query_by_label("Same revenue dashboard").is_none(),
        "nobody sees the answers before the reveal"
    );
    press(&mut harness, "Reveal the answers");
    // A row a team, each readable left of the room's panel rather than under it.
    let panel_left =
        f64::from((1280.0 - accord::ui::room::PANEL_WIDTH) * harness.ctx.pixels_per_point());
    for label in [
        "Written lead definition",
        "Follow-up SLA",
        "Same revenue dashboard",
        "Customer Success",
        "Finance",
    ] {
        let node = harness.get_by_label(label);
        let bounds = node.accesskit_node().bounding_box().unwrap();
        assert!(
            bounds.x1 <= panel_left,
            "“{label}” ends at {} under the panel at {panel_left}",
            bounds.x1
        );
    }
    assert_eq!(harness.query_all_by_label("1 no").count(), 5);
    assert!(
        harness
            .query_all_by_label_contains("The teams disagree")
            .next()
            .is_some(),
        "the disagreement is a gap of its own"
    );
}

#[test]
fn on_a_projector_the_step_keeps_its_width_beside_the_room_and_the_panel_folds() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, Step::Audit.label());
    open_room(&mut harness);
    press(&mut harness, "View");
    press(&mut harness, "Projector text");
    // Every answer button is left of the room's panel, not cut off under it.
    let panel_left = |harness: &egui_kittest::Harness<'static, accord::app::App>| {
        let open = harness.state().doc.work.room.as_ref().unwrap();
        let width = harness.ctx.content_rect().width();
        f64::from(
            (width - accord::ui::room::panel_width(&harness.ctx, open.folded))
                * harness.ctx.pixels_per_point(),
        )
    };
    let edge = panel_left(&harness);
    scroll_until_shown(
        &mut harness,
        "Does everyone on the go-to-market team look at the same revenue dashboard?",
    );
    let buttons: Vec<f64> = harness
        .query_all_by_label_contains(": Don't know")
        .filter_map(|n| n.accesskit_node().bounding_box().map(|b| b.x1))
        .collect();
    assert!(
        buttons.len() >= 2,
        "the last questions' buttons: {buttons:?}"
    );
    assert!(
        buttons.iter().all(|x1| *x1 <= edge),
        "{buttons:?} past the panel at {edge}"
    );
    harness.get_by_label("QR code to join the room");

    press(&mut harness, "Fold the panel");
    assert!(harness.query_by_label("QR code to join the room").is_none());
    harness.get_by_label("Nobody has joined yet");
    assert!(
        panel_left(&harness) > edge,
        "folded, the step gets the width back"
    );
    press(&mut harness, "Unfold the panel");
    harness.get_by_label("QR code to join the room");
}

#[test]
fn a_phones_wording_for_the_icp_lands_beside_the_others_and_becomes_the_statement() {
    let data = tempfile::tempdir().unwrap();
    let (mut harness, join) = room_on(data.path(), Step::Icp);
    let wording = "Software companies of 100 to 1,000 people with a RevOps lead.";
    let phone = std::thread::spawn(move || {
        let phone = Phone::join(&join);
        phone.hello("Sam Lee", 2);
        let (_, state) = phone.get("/api/state");
        let icp = state["room"]["agreements"][0].clone();
        assert_eq!(
            icp["key"], "icp",
            "the ICP is on offer while it is on screen"
        );
        phone.post(
            "/api/propose",
            &json!({ "agreement": icp["key"], "wording": wording }),
        )
    });
    step_until(&mut harness, "the phone's wording is recorded", |app| {
        !app.doc.session.icp.proposals.is_empty()
    });
    let (status, body) = phone.join().unwrap();
    assert_eq!(status, 200, "{body}");
    harness.run();
    scroll_until_shown(&mut harness, "Proposal 1 for the ICP");
    assert_eq!(
        harness
            .get_by_label("Proposal 1 for the ICP")
            .accesskit_node()
            .value()
            .as_deref(),
        Some(wording)
    );
    harness.get_by_label("Sales (SDR)");
    press(&mut harness, "Use proposal 1 for the ICP");
    assert_eq!(harness.state().doc.session.icp.statement, wording);
    harness.get_by_label("Merged statement of the ICP");
}

#[test]
fn the_room_opens_behind_a_proxy_on_a_fixed_port_under_its_public_name() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    press(&mut harness, "View");
    press(&mut harness, "Open the room…");
    harness
        .get_by_label("127.0.0.1 (this computer only)")
        .click();
    harness.run();
    press(&mut harness, "Participants outside this network");
    // A port nothing holds now, as a proxy's configuration would name it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    crate::ui::retype(&mut harness, "Port of the room", &port.to_string());
    crate::ui::retype(&mut harness, "Public name of the room", "room example");
    harness.get_by_label_contains("is not a host name");
    harness
        .get_by_role_and_label(Role::Button, "Open the room")
        .click();
    harness.run();
    assert!(
        harness.state().doc.work.room.is_none(),
        "nothing opens under a name that cannot be one"
    );
    crate::ui::retype(&mut harness, "Public name of the room", "Room.Example.com");
    harness
        .get_by_role_and_label(Role::Button, "Open the room")
        .click();
    harness.run();
    let (address, url) = {
        let open = harness.state().doc.work.room.as_ref().unwrap();
        (open.room.address(), open.room.address_url())
    };
    assert_eq!(address.port(), port);
    assert_eq!(url, "https://room.example.com/");
    harness.run();
    harness.get_by_label("https://room.example.com/");
    // The proxy forwards its own name as the Host: the room answers to it.
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    std::io::Write::write_all(
        &mut stream,
        b"GET / HTTP/1.1\r\nHost: room.example.com\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    let mut answer = String::new();
    std::io::Read::read_to_string(&mut stream, &mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[test]
fn devices_that_never_say_who_they_are_are_listed_and_removed_at_once() {
    let data = tempfile::tempdir().unwrap();
    let (mut harness, join) = room_on(data.path(), Step::Definitions);
    let _lurkers: Vec<Phone> = (0..3).map(|_| Phone::join(&join)).collect();
    let dana = Phone::join(&join);
    dana.hello("Dana Scott", 1);
    // The panel reads who is in the room as it is now.
    harness.run();
    harness.get_by_label("3 devices joined and have not said who they are");
    harness
        .get_by_label("Remove all that never said who they are")
        .click();
    harness.run();
    harness.get_by_label_contains("3 devices that never said who they are left the room");
    assert!(
        harness
            .query_by_label_contains("have not said who they are")
            .is_none()
    );
    let open = harness.state().doc.work.room.as_ref().unwrap();
    assert_eq!(open.room.unnamed(), 0);
    assert_eq!(open.room.people().len(), 1, "Dana stays");
}

#[test]
fn starting_the_next_review_closes_the_room_with_a_word() {
    let data = tempfile::tempdir().unwrap();
    let (mut harness, _join) = room_on(data.path(), Step::Definitions);
    let this = data.path().join("this quarter.ron");
    harness
        .state_mut()
        .queue(accord::app::FileCommand::SaveAs(this));
    harness.run();
    harness
        .state_mut()
        .queue(accord::app::FileCommand::StartNextReview(
            data.path().join("next quarter.ron"),
        ));
    harness.run();
    assert!(harness.state().doc.work.room.is_none());
    harness.get_by_label_contains("The room closed with the session it was opened for");
}

#[test]
fn notices_wait_while_the_code_is_shown_full_screen() {
    let data = tempfile::tempdir().unwrap();
    let (mut harness, _join) = room_on(data.path(), Step::Definitions);
    harness.get_by_label("Show the code full screen").click();
    harness.run();
    assert!(matches!(
        harness.state().modal,
        Some(accord::app::Modal::RoomCode)
    ));
    harness
        .state_mut()
        .notices
        .info("Dana Scott signed MQL for Marketing: endorses.");
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Dana Scott signed MQL")
            .is_none(),
        "nothing lands on the address and the code"
    );
    harness.get_by_label("Close").click();
    harness.run();
    harness.get_by_label_contains("Dana Scott signed MQL");
}

#[test]
fn the_facilitator_is_told_when_the_room_turns_a_phone_away() {
    let data = tempfile::tempdir().unwrap();
    let (mut harness, join_url) = room_on(data.path(), Step::Definitions);
    let (host, key) = {
        let room = &harness.state().doc.work.room.as_ref().unwrap().room;
        (
            room.address().to_string(),
            join_url.split("key=").nth(1).unwrap().to_owned(),
        )
    };
    let join = format!("GET /join?key={key} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    for _ in 0..accord::room::MAX_DEVICES {
        crate::hostile::raw(&host, &join);
    }
    assert_eq!(
        crate::hostile::status_of(&crate::hostile::raw(&host, &join)),
        503
    );
    // At once, without waiting for the panel's next second: the facts are worked out between
    // frames, and the next frame shows them.
    harness.run_steps(2);
    harness.get_by_label("The room was full: a phone could not join.");
    harness.get_by_label_contains("The room is full: a phone could not join.");
}

#[test]
fn with_nothing_to_vote_on_the_vote_menu_says_where_a_vote_comes_from() {
    let data = tempfile::tempdir().unwrap();
    let (mut harness, _) = room_on(data.path(), Step::Audit);
    let nothing = {
        let open = harness.state().doc.work.room.as_ref().unwrap();
        open.facts.as_ref().unwrap().can_vote_on.is_empty()
    };
    assert!(
        nothing,
        "a new workshop has no gaps, parked topics or suggestions yet"
    );

    press(&mut harness, "Start a dot-vote…");
    harness.get_by_label_contains("Nothing to vote on yet: no gaps in the audit");
    assert!(harness.query_by_label("Vote on the audit's gaps").is_none());
    assert_eq!(harness.state().doc.session.votes.on, None);
}
