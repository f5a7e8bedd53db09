//! The room under 200 phones: how long a phone's submission takes to be held by the session,
//! what the room costs in memory, and what it does to the window's frame time.
//!
//!   cargo run --release --example room [-- FRAMES SECONDS]   (defaults: 600 frames, 20 s)
//!
//! The real app runs in a bare `egui::Context` at 1280×720 on the audit step, drawing a frame
//! every 1/60 s as the window would: a frame is the app's layout and egui's tessellation, as
//! in `frames.rs`. Each round draws FRAMES frames with the room closed, open with its panel on
//! screen and nobody in it, with 200 phones connected, each holding a live connection, and
//! while each of them sends its audit answers about once a second for SECONDS. The phones are
//! a second process (this same binary, so its memory is not the room's), started anew each
//! round.
//!
//! What the room costs is judged against a twin: a second app in its own context, whose room
//! stays closed, drawn in the same 1/60 s tick as the first (each goes first every other
//! tick). A shared machine's speed drifts by more than the goals within seconds, and the
//! phones' process and the room's server load the cores the window runs on; drawn side by
//! side, both apps meet the same drift and the same load. The twin is given the app's session
//! as each round begins (the answers of the rounds before), so the two differ by the open
//! room alone; in the first phase both rooms are closed, and what they differ by there is the
//! measure's own noise. Each goal is judged twice: on the p99 of all the run's frames of a
//! phase against the twin's frames of that phase, and per round (the median of five rounds).
//!
//! A frame's time is measured twice: as the CPU time of the window's thread, the work the
//! frame costs, and on the clock. On a machine of two cores the 200 phones, which in a room
//! are other devices, take turns with the window on the same cores, so the clock also counts
//! their work; the goal is judged on the CPU time, and the clock is printed beside it.
//!
//! A submission's time is from the phone sending it to its answer: the window applies what
//! arrived between frames, so it includes the wait for the next frame. A refused submission
//! (too many, busy, paused) counts with its time, and the refusals are counted by status. The
//! room's server runs on threads of the window's process: its CPU is the process's less the
//! window thread's, while the phones send, per submission. Memory is the process's resident
//! size (the twin's included) before the room opens and with the 200 connected. Prints a
//! Markdown table.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Read as _;
use std::net::IpAddr;
use std::time::{Duration, Instant};

use accord::app::room::RoomCommand;
use accord::app::{App, AppOptions};
use accord::model::Step;
use eframe::App as _;
use serde_json::json;

const PHONES: usize = 200;
/// Rounds of closed, open and connected frames.
const ROUNDS: usize = 5;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("phones") {
        phones(&args[2], args[3].parse().unwrap());
        return;
    }
    let frames: usize = args.get(1).map_or(600, |n| n.parse().expect("FRAMES"));
    let seconds: u64 = args.get(2).map_or(20, |n| n.parse().expect("SECONDS"));

    let data = tempfile::tempdir().unwrap();
    let template = accord::storage::templates::find("b2b-sales-led")
        .unwrap()
        .session()
        .unwrap();
    let mut screens = Screens {
        app: Screen::new(&data.path().join("room"), &template),
        twin: Screen::new(&data.path().join("twin"), &template),
        n: 0,
    };
    screens.frames(60);
    // Closed, open and empty, open with 200 connected, and 200 sending, ROUNDS times over.
    let mut rounds: Vec<[Phase; PHASES]> = Vec::new();
    let mut memory = (0, 0);
    let mut sent = Sent::default();
    for round in 0..ROUNDS {
        // The twin holds what the app holds (the answers of the rounds before), so the two
        // differ by the open room alone.
        screens.twin.app.doc.session = screens.app.app.doc.session.clone();
        screens.frames(60);
        let closed = screens.frames(frames);
        let before = resident_kb();
        screens
            .app
            .app
            .queue(RoomCommand::Open(accord::room::Config::on(IpAddr::from([
                127, 0, 0, 1,
            ]))));
        screens.frames(60);
        // The room's panel on screen, nobody in it yet: what the facilitator's side costs.
        let empty = screens.frames(frames);
        let url = screens
            .app
            .app
            .doc
            .work
            .room
            .as_ref()
            .unwrap()
            .room
            .join_url();
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["phones", &url, &seconds.to_string()])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Frames go on while the phones join, as they would in the room.
        let started = Instant::now();
        while connected(&screens.app.app) < PHONES {
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "the phones never all joined"
            );
            screens.frames(1);
        }
        if round == 0 {
            memory = (before, resident_kb());
        }
        // 200 connected, nobody sending: what holding the room open costs.
        screens.frames(60);
        let idle = screens.frames(frames);
        // Then every phone sends its answers about once a second.
        {
            use std::io::Write as _;
            writeln!(child.stdin.take().unwrap(), "go").unwrap();
        }
        let process = cpu_time::ProcessTime::now();
        let window_thread = cpu_time::ThreadTime::now();
        let sending = screens.frames(frames);
        // The phones go on until their time is up; the window keeps answering them.
        while child.try_wait().unwrap().is_none() {
            screens.frames(1);
        }
        // The rest of the process's CPU is the room's server: both apps do their work on
        // this thread, and the phones are the other process.
        let server = process.elapsed().saturating_sub(window_thread.elapsed());
        let mut report = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut report)
            .unwrap();
        let round_sent: Sent = serde_json::from_str(&report)
            .unwrap_or_else(|e| panic!("the phones said {report:?}: {e}"));
        sent.add(round_sent, server);
        rounds.push([closed, empty, idle, sending]);
        screens.app.app.queue(RoomCommand::Close);
        screens.frames(60);
    }
    let app = &screens.app.app;
    let held = app.doc.session.audit.room.len();

    println!(
        "| Measure | Room closed | Open, nobody joined | Open, {PHONES} connected | Open, {PHONES} sending each second | Goal | Met |"
    );
    println!("|---|---:|---:|---:|---:|---|---|");
    let cpu_p99 = |f: &Frames| percentile(&f.cpu, 0.99);
    // A measure of the app's frames in each phase, against the twin's in the same ticks, and
    // the twin's beside it.
    let rows = |what: &str, of: &dyn Fn(&Frames) -> f64| {
        let (mut app, mut twin) = (Vec::new(), Vec::new());
        for phase in 0..PHASES {
            let (window, closed) = pooled(&rounds, phase);
            let (value, base) = (of(&window), of(&closed));
            app.push(format!("{value:.2} ms ({})", percent(value / base)));
            twin.push(format!("{base:.2} ms"));
        }
        println!("| {what}: the window | {} | | |", app.join(" | "));
        println!(
            "| {what}: its closed twin, same ticks | {} | | |",
            twin.join(" | ")
        );
    };
    rows(
        "Frame time, audit step, window thread's CPU, median",
        &|f| percentile(&f.cpu, 0.5),
    );
    rows("Frame time, audit step, window thread's CPU, p99", &cpu_p99);
    rows("Frame time, audit step, wall clock, p99", &|f| {
        percentile(&f.wall, 0.99)
    });
    // Each goal judged twice: on the p99 of every frame of the run, and per round, each
    // against the twin's frames drawn beside them.
    for (phase, goal) in [(2, 1.10), (3, 1.25)] {
        let (window, closed) = pooled(&rounds, phase);
        let raw = cpu_p99(&window) / cpu_p99(&closed);
        let each: Vec<f64> = rounds
            .iter()
            .map(|r| cpu_p99(&r[phase].app) / cpu_p99(&r[phase].closed))
            .collect();
        let median = median_of(&mut each.clone());
        let within = format!("within {} of closed", percent(goal).trim_start_matches('+'));
        println!(
            "| Window thread's CPU p99, {}: all frames of the run | {} | | | | {within} | {} |",
            PHASE_NAMES[phase],
            percent(raw),
            met(raw <= goal)
        );
        println!(
            "| Window thread's CPU p99, {}: median of the rounds ({}) | {} | | | | {within} | {} |",
            PHASE_NAMES[phase],
            each.iter()
                .map(|r| percent(*r))
                .collect::<Vec<_>>()
                .join(", "),
            percent(median),
            met(median <= goal)
        );
    }
    let answered = sent.times.len();
    println!(
        "| Submission to the answer: median | | | | {:.1} ms | | |",
        percentile_ms(&sent.times, 0.5)
    );
    println!(
        "| Submission to the answer: p99 ({answered} submissions, refused ones included) | | | | {:.1} ms (worst {:.1} ms) | under 100 ms | {} |",
        percentile_ms(&sent.times, 0.99),
        sent.times.iter().copied().fold(0.0, f64::max),
        met(percentile_ms(&sent.times, 0.99) < 100.0)
    );
    println!(
        "| Submissions refused (429 too many, 503 busy, 423 paused, other) | | | | {} | none | {} |",
        sent.refused_cell(),
        met(sent.refused.values().sum::<usize>() == 0)
    );
    println!(
        "| The room server's CPU per submission (on the window's process, beside its thread) | | | | {:.2} ms | | |",
        sent.server.as_secs_f64() * 1e3 / answered.max(1) as f64
    );
    let (before, with_phones) = memory;
    println!(
        "| Resident memory of the window's process, both apps | {:.1} MB | | {:.1} MB (+{:.1} MB) | | | |",
        before as f64 / 1024.0,
        with_phones as f64 / 1024.0,
        (with_phones as f64 - before as f64) / 1024.0
    );
    println!();
    println!("{held} phones' answers held by the session.");
}

/// The phases of a round, in the order they are drawn.
const PHASES: usize = 4;
const PHASE_NAMES: [&str; PHASES] = [
    "room closed",
    "open, nobody joined",
    "200 connected",
    "200 sending each second",
];

/// `ratio` as a change: 1.08 is "+8 %".
fn percent(ratio: f64) -> String {
    format!("{:+.0} %", (ratio - 1.0) * 100.0)
}

fn median_of(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Every round's frames of one phase, together: the app's and its twin's.
fn pooled(rounds: &[[Phase; PHASES]], phase: usize) -> (Frames, Frames) {
    let of = |frames: fn(&Phase) -> &Frames| Frames {
        cpu: rounds
            .iter()
            .flat_map(|r| frames(&r[phase]).cpu.clone())
            .collect(),
        wall: rounds
            .iter()
            .flat_map(|r| frames(&r[phase]).wall.clone())
            .collect(),
    };
    (of(|p| &p.app), of(|p| &p.closed))
}

/// What the phones sent in a round: every submission's time to its answer, whatever the
/// answer, and how many were refused by status.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct Sent {
    times: Vec<f64>,
    refused: std::collections::BTreeMap<u16, usize>,
    #[serde(skip)]
    server: Duration,
}

impl Sent {
    fn add(&mut self, round: Sent, server: Duration) {
        self.times.extend(round.times);
        for (status, n) in round.refused {
            *self.refused.entry(status).or_default() += n;
        }
        self.server += server;
    }

    fn refused_cell(&self) -> String {
        let of = |status| self.refused.get(&status).copied().unwrap_or(0);
        let other: usize = self
            .refused
            .iter()
            .filter(|(status, _)| ![429, 503, 423].contains(*status))
            .map(|(_, n)| n)
            .sum();
        format!("{}, {}, {}, {other}", of(429), of(503), of(423))
    }
}

fn percentile_ms(times: &[f64], q: f64) -> f64 {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted
        .get(((sorted.len().max(1) - 1) as f64 * q).round() as usize)
        .copied()
        .unwrap_or(0.0)
}

fn met(yes: bool) -> &'static str {
    if yes { "yes" } else { "**no**" }
}

/// Phones in the room with a live connection.
fn connected(app: &App) -> usize {
    app.doc.work.room.as_ref().map_or(0, |open| {
        open.room.people().iter().filter(|p| p.connected).count()
    })
}

/// This process's resident memory, in KB (Linux).
fn resident_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// Every frame's time: the CPU time of the window's thread, and the time on the clock, which
/// also counts the turns the other threads and processes took on the same cores.
struct Frames {
    cpu: Vec<Duration>,
    wall: Vec<Duration>,
}

impl Frames {
    fn with_capacity(count: usize) -> Self {
        Self {
            cpu: Vec::with_capacity(count),
            wall: Vec::with_capacity(count),
        }
    }

    fn push(&mut self, (cpu, wall): (Duration, Duration)) {
        self.cpu.push(cpu);
        self.wall.push(wall);
    }
}

/// The `q` quantile of `times`, in milliseconds.
fn percentile(times: &[Duration], q: f64) -> f64 {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted[((sorted.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3
}

/// The frames of one phase: the app's, and its twin's drawn in the same ticks.
struct Phase {
    app: Frames,
    closed: Frames,
}

/// The app, and its twin whose room stays closed, each in a bare context.
struct Screens {
    app: Screen,
    twin: Screen,
    /// Ticks drawn.
    n: u64,
}

impl Screens {
    /// Draws `count` ticks at 60 a second, each a frame of both apps; each goes first every
    /// other tick, so neither always finds the caches as the other left them.
    fn frames(&mut self, count: usize) -> Phase {
        let mut phase = Phase {
            app: Frames::with_capacity(count),
            closed: Frames::with_capacity(count),
        };
        for _ in 0..count {
            let due = Instant::now() + Duration::from_micros(16_667);
            let time = self.n as f64 / 60.0;
            if self.n.is_multiple_of(2) {
                phase.app.push(self.app.frame(time));
                phase.closed.push(self.twin.frame(time));
            } else {
                phase.closed.push(self.twin.frame(time));
                phase.app.push(self.app.frame(time));
            }
            self.n += 1;
            std::thread::sleep(due.saturating_duration_since(Instant::now()));
        }
        phase
    }
}

/// One app in a bare context.
struct Screen {
    app: App,
    ctx: egui::Context,
    frame: eframe::Frame,
}

impl Screen {
    /// The app on a copy of `template` in `data`, on the audit step.
    fn new(data: &std::path::Path, template: &accord::model::Session) -> Self {
        std::fs::create_dir_all(data).unwrap();
        let session = data.join("room.ron");
        accord::storage::save(&session, template).unwrap();
        let options = AppOptions {
            data_dir: data.to_owned(),
            open: Some(session),
            autosave_delay_seconds: 1e9,
            file_dialogs: accord::app::paths::FileDialogs::Typed,
        };
        let ctx = egui::Context::default();
        let mut app = App::new(&eframe::CreationContext::_new_kittest(ctx.clone()), options);
        app.step = Step::Audit;
        Self {
            app,
            ctx,
            frame: eframe::Frame::_new_kittest(),
        }
    }

    /// Draws one frame at `time`: its CPU time on this thread, and on the clock.
    fn frame(&mut self, time: f64) -> (Duration, Duration) {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 720.0),
            )),
            time: Some(time),
            events: vec![egui::Event::PointerMoved(egui::pos2(700.0, 400.0))],
            ..Default::default()
        };
        let started = Instant::now();
        let on_cpu = cpu_time::ThreadTime::now();
        let app = &mut self.app;
        let frame = &mut self.frame;
        let output = self.ctx.run_ui(input, |ui| {
            app.logic(ui, frame);
            app.ui(ui, frame);
        });
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        let times = (on_cpu.elapsed(), started.elapsed());
        std::hint::black_box(primitives);
        times
    }
}

/// The second process: 200 phones join, hold a live connection each, and on the word "go"
/// send their audit answers about once a second for `seconds`. Prints what they sent as JSON:
/// every submission's time to its answer in milliseconds, and the refusals by status.
fn phones(url: &str, seconds: u64) {
    let base = url.split("/join").next().unwrap().to_owned();
    let until = Instant::now() + Duration::from_secs(seconds) + Duration::from_secs(120);
    // The phones and the parent's "go" line.
    let go = std::sync::Arc::new(std::sync::Barrier::new(PHONES + 1));
    let threads: Vec<_> = (0..PHONES)
        .map(|i| {
            let (url, base, go) = (url.to_owned(), base.clone(), std::sync::Arc::clone(&go));
            std::thread::spawn(move || phone(i, &url, &base, seconds, until, &go))
        })
        .collect();
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    go.wait();
    let mut sent = Sent::default();
    for (times, refused) in threads.into_iter().map(|t| t.join().unwrap()) {
        sent.times.extend(times);
        for status in refused {
            *sent.refused.entry(status).or_default() += 1;
        }
    }
    println!("{}", serde_json::to_string(&sent).unwrap());
}

/// One phone: joins, says who it is, holds the live connection, and sends. Returns the time
/// of every submission, answered or refused, and the status of each refusal.
fn phone(
    i: usize,
    url: &str,
    base: &str,
    seconds: u64,
    until: Instant,
    go: &std::sync::Barrier,
) -> (Vec<f64>, Vec<u16>) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into();
    let joined = agent.get(url).call().unwrap();
    let cookie = joined.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let post = |path: &str, body: serde_json::Value| {
        agent
            .post(format!("{base}{path}"))
            .header("Cookie", &cookie)
            .header("Origin", base)
            .send_json(body)
            .unwrap()
            .status()
    };
    assert_eq!(
        post(
            "/api/hello",
            json!({ "name": format!("Phone {i}"), "team": i % 6 + 1 })
        ),
        200
    );
    // The live connection, read until the room closes or the time is up.
    let (events, cookie_) = (format!("{base}/api/events"), cookie.clone());
    std::thread::spawn(move || {
        let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
        if let Ok(mut response) = agent.get(&events).header("Cookie", &cookie_).call() {
            let mut reader = response.body_mut().as_reader();
            let mut buffer = [0u8; 4096];
            while Instant::now() < until && matches!(reader.read(&mut buffer), Ok(n) if n > 0) {}
        }
    });
    // Every phone waits for the word to go, once all are connected.
    go.wait();
    let mut times = Vec::new();
    let mut refused = Vec::new();
    let stop = Instant::now() + Duration::from_secs(seconds);
    let mut n = 0u64;
    while Instant::now() < stop {
        // About once a second, spread so the phones do not all send at the same instant.
        std::thread::sleep(Duration::from_millis(700 + (i as u64 * 37 + n * 101) % 600));
        let answer = if n.is_multiple_of(2) { "yes" } else { "no" };
        let started = Instant::now();
        let status = post(
            "/api/audit",
            json!({ "answers": { "follow-up-sla": answer }, "recognised": [] }),
        );
        // A refusal is an answer too: its time counts, and so does the refusal.
        times.push(started.elapsed().as_secs_f64() * 1e3);
        if status != 200 {
            refused.push(status.as_u16());
        }
        n += 1;
    }
    (times, refused)
}
