//! The participant's page in a real browser: headless Chromium, driven over the DevTools
//! protocol, joins the room as a phone would (390 × 844), answers the audit, signs the MQL,
//! and the session holds both. The page is also read at 200 % text size: nothing may run off
//! the side of the phone.
//!
//! It needs Debian's `chromium` package, which `.ci/run` installs. On a machine without it the
//! test says so and passes, unless `ACCORD_REQUIRE_BROWSER` is set, as CI sets it. With
//! `ACCORD_SCREENSHOTS=DIR` it leaves its screenshots in DIR to be looked at.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::time::Duration;

use accord::model::{Agreement, Answer, Signer};
use accord::room::Offer;
use headless_chrome::protocol::cdp::Emulation;
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, LaunchOptions, Tab};

use crate::room::TestRoom;

/// The installed Chromium, if any.
fn chromium() -> Option<PathBuf> {
    let named = std::env::var_os("CHROME").map(PathBuf::from);
    named
        .into_iter()
        .chain(
            [
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome",
            ]
            .map(PathBuf::from),
        )
        .find(|path| path.exists())
}

/// The installed Chromium; without one, says the browser test did not run (and fails when
/// CI requires it, with `ACCORD_REQUIRE_BROWSER`).
fn chromium_or_say_so() -> Option<PathBuf> {
    let path = chromium();
    if path.is_none() {
        assert!(
            std::env::var_os("ACCORD_REQUIRE_BROWSER").is_none(),
            "ACCORD_REQUIRE_BROWSER is set, and no Chromium is installed"
        );
        eprintln!("No Chromium here (apt-get install chromium): the browser test did not run.");
    }
    path
}

fn browser(path: PathBuf) -> Browser {
    // The flags keep a headless Chromium off the network it would otherwise call home on.
    let args: Vec<&OsStr> = [
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let options = LaunchOptions::default_builder()
        .path(Some(path))
        .headless(true)
        .sandbox(false)
        .window_size(Some((390, 844)))
        .args(args)
        .idle_browser_timeout(Duration::from_secs(120))
        .build()
        .unwrap();
    Browser::new(options).unwrap()
}

fn screenshot(tab: &Tab, name: &str) {
    let Some(dir) = std::env::var_os("ACCORD_SCREENSHOTS") else {
        return;
    };
    let png = tab
        .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
        .unwrap();
    std::fs::write(PathBuf::from(dir).join(name), png).unwrap();
}

/// Runs `script` in the page and returns what it gives.
fn eval(tab: &Tab, script: &str) -> serde_json::Value {
    tab.evaluate(script, false)
        .unwrap()
        .value
        .unwrap_or(serde_json::Value::Null)
}

/// Whether the page is wider than the phone: a sideways scroll on a phone.
fn overflows(tab: &Tab) -> bool {
    eval(
        tab,
        "document.documentElement.scrollWidth > document.documentElement.clientWidth",
    ) == serde_json::Value::Bool(true)
}

/// A new tab held as a phone upright: 390 × 844 CSS pixels, touch-sized.
fn phone_tab(browser: &Browser) -> std::sync::Arc<Tab> {
    let tab = browser.new_tab().unwrap();
    tab.set_default_timeout(Duration::from_secs(20));
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width: 390,
        height: 844,
        device_scale_factor: 1.0,
        mobile: true,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .unwrap();
    tab
}

#[test]
fn a_phone_joins_answers_the_audit_and_signs_in_a_real_browser() {
    let Some(path) = chromium_or_say_so() else {
        return;
    };
    let session = accord::storage::templates::find("b2b-sales-led")
        .unwrap()
        .session()
        .unwrap();
    let offer = Offer::everything(&session);
    let room = TestRoom::open(session, offer);
    let browser = browser(path);
    let tab = phone_tab(&browser);

    // The room's address typed in, before joining: the code form, and no talk of
    // reconnecting to a room the page was never in.
    tab.navigate_to(&room.room.address_url()).unwrap();
    tab.wait_for_element("#code").unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(
        eval(&tab, "document.getElementById('status').textContent"),
        "Not joined"
    );

    // The QR code's address: the secret becomes a cookie, and the page asks who you are.
    tab.navigate_to(&room.room.join_url()).unwrap();
    tab.wait_until_navigated().unwrap();
    tab.wait_for_xpath("//h2[text()='Who are you?']").unwrap();
    assert!(
        !eval(&tab, "location.href")
            .as_str()
            .unwrap()
            .contains("key="),
        "the secret leaves the address bar"
    );
    assert_eq!(eval(&tab, "document.cookie"), "", "the cookie is HttpOnly");
    tab.wait_for_element("#name").unwrap().click().unwrap();
    tab.type_str("Dana Scott").unwrap();
    eval(
        &tab,
        "const t = document.getElementById('team'); t.value = '1'; t.dispatchEvent(new Event('change')); true",
    );
    screenshot(&tab, "room-join.png");
    tab.wait_for_xpath("//button[text()='Join']")
        .unwrap()
        .click()
        .unwrap();
    tab.wait_for_xpath("//h2[text()='The alignment audit']")
        .unwrap();
    assert_eq!(room.room.people()[0].name, "Dana Scott");

    // The first question: no. Then the first symptom, and send.
    tab.wait_for_xpath("(//div[@class='question'])[1]//button[text()='No']")
        .unwrap()
        .click()
        .unwrap();
    tab.wait_for_element("#symptom-garbage-leads")
        .unwrap()
        .click()
        .unwrap();
    tab.wait_for_xpath("//button[text()='Send my answers']")
        .unwrap()
        .click()
        .unwrap();
    tab.wait_for_xpath("//p[contains(@class,'ok') and starts-with(text(),'Sent.')]")
        .unwrap();
    {
        let session = room.session.lock().unwrap();
        let mine = &session.audit.room[0];
        assert_eq!(mine.name, "Dana Scott");
        assert_eq!(mine.answers["written-lead-definition"], Answer::No);
        assert!(mine.recognised.contains("garbage-leads"));
    }

    // The MQL: endorse it for Marketing.
    let card = "//div[@class='card'][h2[text()='MQL']]";
    let radio = tab
        .wait_for_xpath(&format!("{card}//input[@value='endorse']"))
        .unwrap();
    radio.scroll_into_view().unwrap();
    radio.click().unwrap();
    tab.wait_for_xpath(&format!("{card}//legend"))
        .unwrap()
        .scroll_into_view()
        .unwrap();
    eval(&tab, "window.scrollBy(0, -140); true");
    screenshot(&tab, "room-sign.png");
    tab.wait_for_xpath(&format!("{card}//button[text()='Sign for my team']"))
        .unwrap()
        .click()
        .unwrap();
    let signed = tab
        .wait_for_xpath(&format!(
            "{card}//p[contains(@class,'ok') and contains(text(),'Dana Scott signed MQL for Marketing')]"
        ))
        .unwrap();
    signed.scroll_into_view().unwrap();
    screenshot(&tab, "room-signed.png");
    {
        let session = room.session.lock().unwrap();
        let mql = session
            .definitions
            .iter()
            .find(|d| d.is_term("MQL"))
            .unwrap();
        let signature = session
            .signatures_of(Agreement::Definition(mql.id))
            .unwrap()
            .history
            .last()
            .unwrap();
        assert_eq!(signature.by, Signer::Person("Dana Scott".into()));
        assert_eq!(
            signature.text,
            session
                .canonical_text(Agreement::Definition(mql.id))
                .unwrap(),
            "signed on exactly the text the page showed"
        );
    }

    // Held upright, and at 200 % text size, nothing runs off the side.
    assert!(!overflows(&tab), "the page is wider than the phone");
    eval(
        &tab,
        "document.documentElement.style.fontSize = '200%'; true",
    );
    assert!(
        !overflows(&tab),
        "at 200 % text the page is wider than the phone: {}",
        eval(
            &tab,
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40)).join(' | ')"
        )
    );
    eval(&tab, "window.scrollTo(0, 0); true");
    screenshot(&tab, "room-200.png");
}

#[test]
fn in_a_room_of_many_listed_people_a_phone_finds_its_name_by_typing() {
    let Some(path) = chromium_or_say_so() else {
        return;
    };
    let mut session = accord::storage::templates::find("b2b-sales-led")
        .unwrap()
        .session()
        .unwrap();
    let teams: Vec<_> = session.teams.iter().map(|t| t.id).collect();
    let mut add = |name: String, n: usize| {
        let id = session.add_participant();
        let person = session
            .participants
            .iter_mut()
            .find(|p| p.id == id)
            .unwrap();
        person.name = name;
        person.team = Some(teams[n % teams.len()]);
    };
    for n in 1..=40 {
        add(format!("Participant {n}"), n);
    }
    add("José Núñez".to_owned(), 2);
    add("Łukasz Søgaard".to_owned(), 3);
    let offer = Offer::everything(&session);
    let room = TestRoom::open(session, offer);
    let browser = browser(path);
    let tab = phone_tab(&browser);
    tab.navigate_to(&room.room.join_url()).unwrap();
    tab.wait_until_navigated().unwrap();
    tab.wait_for_xpath("//h2[text()='Who are you?']").unwrap();
    let buttons = |tab: &Tab| -> Vec<String> {
        let names = eval(
            tab,
            "JSON.stringify([...document.querySelectorAll('.choices button')].map(b => b.textContent))",
        );
        serde_json::from_str(names.as_str().unwrap()).unwrap()
    };
    let hint = |tab: &Tab| eval(tab, "document.getElementById('found-note').textContent");
    // Empties the name field as a person deleting what they typed would.
    let clear_name = |tab: &Tab| {
        eval(
            tab,
            "{ const n = document.getElementById('name'); n.value = ''; n.dispatchEvent(new Event('input')); } true",
        )
    };

    // Forty-two names are not laid out as forty-two buttons: the field finds them.
    assert_eq!(buttons(&tab), Vec::<String>::new());
    assert_eq!(hint(&tab), "42 names are listed: type yours to find it.");
    assert_eq!(
        eval(
            &tab,
            "document.getElementById('found-note').getAttribute('role')"
        ),
        "status",
        "a screen reader reads the count out as it changes"
    );
    tab.wait_for_element("#name").unwrap().click().unwrap();
    tab.type_str("particip").unwrap();
    assert_eq!(buttons(&tab).len(), 8);
    assert_eq!(hint(&tab), "32 more: keep typing.");
    screenshot(&tab, "room-find-name.png");
    assert!(!overflows(&tab), "the page is wider than the phone");

    // Accents and case do not matter; a tap fills the name and the team.
    clear_name(&tab);
    tab.type_str("lukasz sog").unwrap();
    assert_eq!(
        buttons(&tab),
        ["Łukasz Søgaard"],
        "a letter whose accent is part of it is typed without it too"
    );
    clear_name(&tab);
    tab.type_str("NUNE").unwrap();
    assert_eq!(buttons(&tab), ["José Núñez"]);
    tab.wait_for_xpath("//div[@id='found']/button[text()='José Núñez']")
        .unwrap()
        .click()
        .unwrap();
    assert_eq!(
        eval(&tab, "document.getElementById('name').value"),
        "José Núñez"
    );
    let team = teams_of(&room, "José Núñez");
    assert_eq!(
        eval(&tab, "document.getElementById('team').value"),
        team.to_string()
    );
    tab.wait_for_xpath("//button[text()='Join']")
        .unwrap()
        .click()
        .unwrap();
    tab.wait_for_xpath("//h2[text()='The alignment audit']")
        .unwrap();
    assert_eq!(room.room.people()[0].name, "José Núñez");

    // A name nobody listed is said to be new, not silently ignored.
    let other = phone_tab(&browser);
    other.navigate_to(&room.room.join_url()).unwrap();
    other.wait_until_navigated().unwrap();
    other.wait_for_element("#name").unwrap().click().unwrap();
    other.type_str("Zoë").unwrap();
    assert_eq!(buttons(&other), Vec::<String>::new());
    assert_eq!(
        hint(&other),
        "No listed name has that in it: type yours in full."
    );
}

/// The number of the team the session lists `name` under, as the page's picker holds it.
fn teams_of(room: &TestRoom, name: &str) -> u64 {
    let session = room.session.lock().unwrap();
    let person = session
        .participants
        .iter()
        .find(|p| p.name == name)
        .unwrap();
    person.team.unwrap().0
}
