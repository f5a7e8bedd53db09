//! Start-up, memory and idle repaints of the real window, each against a bare eframe window
//! built from the same crates and opened with the same options (issue #10).
//!
//!   cargo run --release --example window -- report [RUNS]
//!
//! needs a display: `tests/bench/perf.sh` starts Xvfb with software rendering and runs this
//! with the frame-time benchmark. `report` runs this program again for every measurement, so
//! each one starts from exec in a fresh process:
//!
//!   window bare|accord startup T0     prints the milliseconds from T0 (nanoseconds since the
//!                                     epoch, taken just before exec) to the start of the second
//!                                     frame, which is when the first one has been painted
//!   window bare|accord memory [CSV]   prints the peak resident memory in KB once the window is
//!                                     up, or once the CSV's customers are imported and analysed
//!   window bare|accord idle [countdown]
//!                                     prints how many frames ran in 5 s with nothing happening
//!                                     (after 1 s to settle), or with the agenda countdown running
//!
//! Accord opens the largest bundled workshop. The 100,000-row customer file is generated here,
//! with a fixed seed; it is made for measuring and is never shown as anyone's customers.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use accord::app::{App, AppOptions, ImportCommand, Level, WorkshopCommand, icp};

const IMPORT_ROWS: usize = 100_000;
const IDLE_SECONDS: u64 = 5;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["report", rest @ ..] => report(rest.first().map_or(15, |n| n.parse().unwrap())),
        [kind @ ("bare" | "accord"), mode, rest @ ..] => probe(kind == &"accord", mode, rest),
        _ => {
            eprintln!("usage: window report [RUNS] | window bare|accord startup|memory|idle …");
            std::process::exit(2);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The measured process.

enum Mode {
    Startup { t0: SystemTime },
    Memory { csv: Option<PathBuf> },
    Idle { countdown: bool },
}

/// Where the idle measurement is: settling, counting, or done.
const SETTLING: u8 = 0;
const COUNTING: u8 = 1;
const DONE: u8 = 2;

struct Probe {
    accord: Option<Box<App>>,
    mode: Mode,
    frames: u64,
    phase: Arc<AtomicU8>,
    counted: u64,
    import_started: bool,
    explored_frames: u32,
}

fn probe(accord: bool, mode: &str, rest: &[&str]) {
    let mode = match mode {
        "startup" => Mode::Startup {
            t0: UNIX_EPOCH + Duration::from_nanos(rest[0].parse().unwrap()),
        },
        "memory" => Mode::Memory {
            csv: rest.first().map(PathBuf::from),
        },
        "idle" => Mode::Idle {
            countdown: rest.first() == Some(&"countdown"),
        },
        other => panic!("unknown mode {other}"),
    };
    // Nothing of the user's: no stored window size, preferences, last session or recovery file.
    let data = tempfile::tempdir().unwrap();
    let mut native_options = accord::app::native_options();
    native_options.persistence_path = Some(data.path().join("eframe"));
    let data_dir = data.path().to_owned();
    // A watchdog: a measurement that never ends is a failure, not a hang.
    std::thread::spawn(|| {
        std::thread::sleep(Duration::from_secs(300));
        eprintln!("window: no result after 300 s");
        std::process::exit(3);
    });
    eframe::run_native(
        "Accord",
        native_options,
        Box::new(move |cc| {
            let accord = accord.then(|| {
                let mut options = AppOptions::standard(Some(largest_workshop()));
                options.data_dir = data_dir;
                Box::new(App::new(cc, options))
            });
            Ok(Box::new(Probe {
                accord,
                mode,
                frames: 0,
                phase: Arc::default(),
                counted: 0,
                import_started: false,
                explored_frames: 0,
            }))
        }),
    )
    .unwrap();
}

impl eframe::App for Probe {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        if let Some(app) = &mut self.accord {
            app.logic(ctx, frame);
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if let Mode::Startup { t0 } = self.mode
            && self.frames == 1
        {
            let ms = t0.elapsed().unwrap().as_secs_f64() * 1e3;
            println!("{ms:.1}");
            std::process::exit(0);
        }
        if let Mode::Idle { .. } = self.mode {
            match self.phase.load(Ordering::SeqCst) {
                COUNTING => self.counted += 1,
                DONE => {
                    println!("{}", self.counted);
                    std::process::exit(0);
                }
                SETTLING => {}
                phase => unreachable!("phase {phase}"),
            }
        }

        match &mut self.accord {
            Some(app) => app.ui(ui, frame),
            None => {
                egui::CentralPanel::default().show(ui, |ui| {
                    ui.heading("A bare eframe window");
                });
            }
        }

        let first = self.frames == 0;
        self.frames += 1;
        match &self.mode {
            Mode::Startup { .. } => ctx.request_repaint(),
            Mode::Idle { countdown } => {
                if first {
                    if *countdown && let Some(app) = &mut self.accord {
                        app.queue(WorkshopCommand::StartAgendaItem(0));
                    }
                    let phase = self.phase.clone();
                    let ctx = ctx.clone();
                    std::thread::spawn(move || {
                        std::thread::sleep(Duration::from_secs(1));
                        phase.store(COUNTING, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_secs(IDLE_SECONDS));
                        phase.store(DONE, Ordering::SeqCst);
                        ctx.request_repaint();
                    });
                }
            }
            Mode::Memory { csv } => {
                let done = match (csv, &mut self.accord) {
                    (Some(csv), Some(app)) => {
                        match &app.doc.work.icp.phase {
                            icp::Phase::Empty if first => {
                                app.queue(ImportCommand::PreviewCustomers(csv.clone()))
                            }
                            icp::Phase::Mapping(_) if !self.import_started => {
                                self.import_started = true;
                                app.queue(ImportCommand::StartCustomerImport);
                            }
                            icp::Phase::Explored(_) => self.explored_frames += 1,
                            _ => {}
                        }
                        if let Some(notice) =
                            app.notices.list.iter().find(|n| n.level == Level::Error)
                        {
                            panic!("the import stopped: {}", notice.text);
                        }
                        // A few frames of the analysis on screen, as the room would see it.
                        self.explored_frames >= 3
                    }
                    _ => self.frames >= 3,
                };
                if done {
                    println!("{}", peak_rss_kb());
                    std::process::exit(0);
                }
                ctx.request_repaint();
            }
        }
    }
}

/// The process's peak resident set size so far, from the kernel.
fn peak_rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// The bundled workshop with the most in it.
fn largest_workshop() -> PathBuf {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("workshops");
    std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "ron"))
        .max_by_key(|path| std::fs::metadata(path).unwrap().len())
        .unwrap()
}

// ---------------------------------------------------------------------------------------------
// The report: every measurement in its own process, the baseline beside it.

fn report(runs: usize) {
    let exe = std::env::current_exe().unwrap();
    let run = |args: &[&str]| -> f64 {
        let output = Process::new(&exe).args(args).output().unwrap();
        assert!(
            output.status.success(),
            "window {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout)
            .trim()
            .parse()
            .unwrap()
    };
    let startup = |kind: &str| {
        let t0 = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
        run(&[kind, "startup", &t0.as_nanos().to_string()])
    };

    let csv = customer_file();
    let csv_kb = std::fs::metadata(&csv).unwrap().len() as f64 / 1024.0;
    let csv = csv.to_str().unwrap();

    // Alternate the two, so a slow moment of the machine falls on both.
    let (mut bare, mut accord) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        bare.push(startup("bare"));
        accord.push(startup("accord"));
    }
    let (bare_ms, accord_ms) = (median(&mut bare), median(&mut accord));

    let mut bare_rss: Vec<f64> = (0..3).map(|_| run(&["bare", "memory"])).collect();
    let mut open_rss: Vec<f64> = (0..3).map(|_| run(&["accord", "memory"])).collect();
    let mut import_rss: Vec<f64> = (0..3).map(|_| run(&["accord", "memory", csv])).collect();
    let (bare_kb, open_kb, import_kb) = (
        median(&mut bare_rss),
        median(&mut open_rss),
        median(&mut import_rss),
    );

    let bare_idle = run(&["bare", "idle"]);
    let accord_idle = run(&["accord", "idle"]);
    let countdown = run(&["accord", "idle", "countdown"]);

    let mb = |kb: f64| kb / 1024.0;
    let largest = largest_workshop();
    let largest = largest.file_name().unwrap().to_string_lossy();
    println!("| Measure | Bare eframe window | Accord | Ratio | Goal | Met |");
    println!("|---|---:|---:|---:|---|---|");
    let ratio = accord_ms / bare_ms;
    println!(
        "| Start-up to the first painted frame, {largest} open (median of {runs}) | {bare_ms:.0} ms | {accord_ms:.0} ms | {ratio:.2}× | at most 1.2× | {} |",
        met(ratio <= 1.2)
    );
    println!(
        "| Peak memory, {largest} open | {:.0} MB | {:.0} MB | {:.2}× | | |",
        mb(bare_kb),
        mb(open_kb),
        open_kb / bare_kb
    );
    let allowance = 1.5 * bare_kb + csv_kb;
    println!(
        "| Peak memory, {} customers ({:.1} MB CSV) imported and analysed | {:.0} MB | {:.0} MB | {:.2}× | under 1.5× bare + CSV = {:.0} MB | {} |",
        thousands(IMPORT_ROWS),
        mb(csv_kb),
        mb(bare_kb),
        mb(import_kb),
        import_kb / bare_kb,
        mb(allowance),
        met(import_kb < allowance)
    );
    println!(
        "| Frames in {IDLE_SECONDS} s with nothing changing | {bare_idle:.0} | {accord_idle:.0} | | none | {} |",
        met(accord_idle == 0.0)
    );
    println!(
        "| Frames in {IDLE_SECONDS} s with the agenda countdown running | | {countdown:.0} | | one a second | {} |",
        met((countdown - IDLE_SECONDS as f64).abs() <= 1.0)
    );
}

/// 100000 as "100,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn met(yes: bool) -> &'static str {
    if yes { "yes" } else { "**no**" }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// A customer export of `IMPORT_ROWS` rows in `target/bench`, written once.
fn customer_file() -> PathBuf {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join(format!("window-customers-{IMPORT_ROWS}.csv"));
    if path.exists() {
        return path;
    }
    const INDUSTRIES: [&str; 8] = [
        "Software",
        "Fintech",
        "Retail",
        "Healthcare",
        "Education",
        "Manufacturing",
        "Logistics",
        "Media",
    ];
    const COUNTRIES: [&str; 6] = ["US", "UK", "DE", "FR", "NL", "SE"];
    const CRMS: [&str; 5] = ["Salesforce", "HubSpot", "Dynamics", "Pipedrive", "None"];
    // A fixed linear congruential sequence: the same file on every machine.
    let mut state: u64 = 20_261_123;
    let mut next = move |below: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % below
    };
    let mut csv = String::from("customer_id,company,industry,country,employees,crm,arr,churned\n");
    for i in 0..IMPORT_ROWS {
        let employees = 5 + next(2000);
        let arr = 2_000 + next(150_000);
        let churned = if next(100) < if employees < 50 { 35 } else { 12 } {
            "Yes"
        } else {
            "No"
        };
        csv.push_str(&format!(
            "C{i:07},Company {i},{},{},{employees},{},{arr},{churned}\n",
            INDUSTRIES[next(8) as usize],
            COUNTRIES[next(6) as usize],
            CRMS[next(5) as usize],
        ));
    }
    std::fs::write(&path, csv).unwrap();
    path
}
