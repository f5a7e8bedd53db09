//! Bad input and bad luck: hostile session files, a 1 GB broken CSV, a full disk, kill -9
//! during autosaves, and the fuzzers' corpus replayed.
//!
//! Time and memory are bounded with `prlimit`, not measured: a process that hangs or grows
//! past the limit is killed by the kernel and the test fails on how it ended.

use std::os::unix::process::ExitStatusExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use accord::app::Modal;
use accord::model::Step;
use accord::storage::recovery::{Recovery, RecoveryFile};
use accord::storage::{self, templates};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;

use super::fixture;
use super::ui::app;

#[path = "../fuzz/checks.rs"]
mod fuzz_checks;

/// A process may use this much address space...
const MEMORY_LIMIT: &str = "--as=1073741824";
/// ...and this many seconds of CPU.
const CPU_LIMIT: &str = "--cpu=60";

/// Runs the accord binary with `args` inside the memory and CPU limits.
fn bounded_accord(args: &[&str]) -> Output {
    Command::new("prlimit")
        .args([MEMORY_LIMIT, CPU_LIMIT, env!("CARGO_BIN_EXE_accord")])
        .args(args)
        .output()
        .expect("prlimit runs the accord binary")
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

/// What a hostile session file must lead to.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// Refused, with a message that contains this (after the file's path).
    Refused(&'static str),
    /// Opened: the file is odd but its meaning is clear.
    Opens,
}

/// Every file in `tests/fixtures/hostile/`, and what it must lead to.
const HOSTILE: &[(&str, Expect)] = &[
    ("backwards-business-hours.ron", Expect::Opens),
    (
        "binary.ron",
        Expect::Refused(":1:1: the file is not UTF-8 text"),
    ),
    ("bom-crlf.ron", Expect::Opens),
    ("dangling-ids.ron", Expect::Opens),
    (
        "deep-nesting.ron",
        Expect::Refused(":2:43: values are nested more than 64 levels deep"),
    ),
    ("duplicate-ids.ron", Expect::Opens),
    (
        "empty.ron",
        Expect::Refused(":1:1: this is not an Accord session"),
    ),
    (
        "future-version.ron",
        Expect::Refused(": written by a newer Accord (file format 4)"),
    ),
    (
        "huge-id.ron",
        Expect::Refused(": the file uses the id 18446744073709551615"),
    ),
    (
        "huge-points.ron",
        Expect::Refused(
            ":170:25: a rule's points is 2000000000; Accord keeps it between -100 and 100",
        ),
    ),
    (
        "huge-string.ron",
        Expect::Refused(":5:16: this text is 3072 KB long; the longest Accord keeps is 256 KB"),
    ),
    (
        "latin-1.ron",
        Expect::Refused(":3:20: the file is not UTF-8 text"),
    ),
    (
        "nan-and-negative-zero.ron",
        Expect::Refused(
            ":428:37: an SLA's target percent is NaN; Accord keeps it between 0 and 100",
        ),
    ),
    (
        "nul-filled.ron",
        Expect::Refused(":1:1: this is not an Accord session"),
    ),
    ("right-to-left-and-emoji.ron", Expect::Opens),
    (
        "truncated.ron",
        Expect::Refused(":515:11: Unexpected end of RON"),
    ),
    ("unknown-fields.ron", Expect::Opens),
    (
        "wrong-types.ron",
        Expect::Refused(":3:13: Expected integer"),
    ),
];

fn hostile(name: &str) -> PathBuf {
    fixture("hostile").join(name)
}

#[test]
fn every_hostile_fixture_has_an_expectation() {
    let mut names: Vec<String> = std::fs::read_dir(fixture("hostile"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".ron"))
        .collect();
    names.sort();
    let listed: Vec<&str> = HOSTILE.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, listed);
}

#[test]
fn hostile_session_files_are_refused_clearly_or_open_within_bounds() {
    for (name, expect) in HOSTILE {
        let path = hostile(name);
        let before = std::fs::read(&path).unwrap();
        let out = bounded_accord(&["validate", arg(&path)]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.signal(),
            None,
            "{name}: killed (time or memory limit?)"
        );
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        match expect {
            Expect::Refused(message) => {
                assert_eq!(out.status.code(), Some(1), "{name}: {stdout}");
                let expected = format!("{}{message}", path.display());
                assert!(stderr.starts_with(&expected), "{name}: {stderr}");
                assert_eq!(stderr.lines().count(), 1, "{name}: said once: {stderr}");
            }
            Expect::Opens => {
                assert_eq!(out.status.code(), Some(0), "{name}: {stderr}");
                assert!(stdout.contains(": valid"), "{name}: {stdout}");
            }
        }
        assert_eq!(std::fs::read(&path).unwrap(), before, "{name}: untouched");
    }
}

#[test]
fn hostile_files_that_open_show_every_step_in_the_window() {
    for (name, expect) in HOSTILE {
        if !matches!(expect, Expect::Opens) {
            continue;
        }
        let data = tempfile::tempdir().unwrap();
        let mut harness = app(data.path(), Some(hostile(name)));
        assert!(harness.state().doc.has_file(), "{name}: opened");
        assert!(harness.state().modal.is_none(), "{name}");
        for step in Step::ALL {
            harness
                .get_by_role_and_label(Role::Button, step.label())
                .click();
            harness.run();
            assert_eq!(harness.state().step, step, "{name}");
        }
    }
}

#[test]
fn a_hostile_file_opened_in_the_window_leaves_the_open_work_alone() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    super::ui::start_sales_led(&mut harness);
    let before = harness.state().doc.session.clone();
    for (name, expect) in HOSTILE {
        let Expect::Refused(message) = expect else {
            continue;
        };
        // A newer format opens read-only in the window (tests/accord/ui_newer.rs).
        if *name == "future-version.ron" {
            continue;
        }
        harness
            .state_mut()
            .queue(accord::app::FileCommand::Open(hostile(name)));
        harness.run();
        assert!(
            !matches!(harness.state().modal, Some(Modal::ConfirmDiscard { .. })),
            "nothing was changed, so nothing to confirm"
        );
        assert_eq!(harness.state().doc.session, before, "{name}");
        let shown = format!("{}{message}", hostile(name).display());
        assert!(
            harness.query_by_label_contains(&shown).is_some(),
            "{name}: the window says {shown}"
        );
    }
}

#[test]
fn a_huge_paste_is_refused_and_a_text_too_long_to_open_again_is_not_saved() {
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("session.ron");
    let session = templates::find("b2b-sales-led").unwrap().session().unwrap();
    storage::save(&path, &session).unwrap();
    let on_disk = std::fs::read(&path).unwrap();
    let mut harness = app(data.path(), Some(path.clone()));
    let title = |harness: &egui_kittest::Harness<'static, accord::app::App>| {
        harness.state().doc.session.meta.title.clone()
    };
    let original = title(&harness);
    super::ui::press(&mut harness, "Title");

    // A whole file pasted into the title never reaches it.
    harness.event(egui::Event::Paste("x".repeat(storage::MAX_TEXT_BYTES + 1)));
    harness.run();
    harness.get_by_label_contains(
        "Nothing was pasted: the clipboard holds 257 KB of text, and a field keeps at most 256 KB.",
    );
    assert_eq!(title(&harness), original);
    // An ordinary paste goes through.
    harness.event(egui::Event::Paste(" (Q3)".into()));
    harness.run();
    assert_eq!(title(&harness), format!("{original} (Q3)"));

    // Under the limit as pasted, over it as written: each quote takes two bytes in the file.
    // The loader would refuse that file, so it is not written, and the work stays open.
    harness.event(egui::Event::Paste("\"".repeat(150_000)));
    harness.run();
    assert_eq!(title(&harness).len(), original.len() + 5 + 150_000);
    harness.state_mut().queue(accord::app::UiCommand::Save);
    harness.run();
    harness.get_by_label_contains(&format!("Not saved: the text that starts “{original} (Q3)"));
    harness.get_by_label_contains(
        "KB long as written, and Accord keeps texts of up to 256 KB; shorten it, then save again. \
         Your work is still open.",
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        on_disk,
        "the file is untouched"
    );
    assert!(harness.state().doc.is_unsaved());
}

#[test]
fn a_1_gb_csv_with_an_unclosed_quote_is_refused_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.csv");
    // A sparse file: 1 GB long on paper, a few bytes on disk. After the broken quote come a
    // gigabyte of NUL bytes, all of them inside the never-closed cell.
    std::fs::write(&path, "Name,ARR,Status\nAcme,1200,active\n\"Globex,900,").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();

    let out = bounded_accord(&["icp", arg(&path), "--revenue", "ARR", "--churned", "x"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.signal(), None, "killed: {stderr}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let expected = format!(
        "{}: line 3: the row starting here runs on for more than 8 MB",
        path.display()
    );
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(stderr.contains("never closed"), "{stderr}");
}

#[test]
fn a_full_disk_fails_the_save_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let mount = dir.path().join("small-disk");
    std::fs::create_dir(&mount).unwrap();
    let blank = super::workshop("blank");
    // A 16 KB file system of its own, in a mount namespace of its own so nothing outlives the
    // test: the blank session fits, the sales-led one (about 30 KB) does not.
    let script = r#"
        mount -t tmpfs -o size=16k tmpfs "$1" || exit 99
        cp "$2" "$1/session.ron"
        "$3" new --force --template b2b-sales-led "$1/session.ron"
        echo "exit=$?"
        cmp -s "$2" "$1/session.ron" && echo "old file intact"
        ls -A "$1"
    "#;
    let out = Command::new("unshare")
        .args(["--map-root-user", "--mount", "sh", "-c", script, "sh"])
        .args([arg(&mount), arg(&blank), env!("CARGO_BIN_EXE_accord")])
        .output()
        .expect("unshare runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("exit=1"), "{stdout}{stderr}");
    assert!(stdout.contains("old file intact"), "{stdout}");
    let listing: Vec<&str> = stdout
        .lines()
        .skip_while(|line| !line.starts_with("old file"))
        .skip(1)
        .collect();
    assert_eq!(listing, ["session.ron"], "no half-written file is left");
    assert!(
        stderr.contains("cannot write the file: No space left on device"),
        "{stderr}"
    );
}

/// Set in the child process of the kill -9 test: the folder to save into, over and over.
const SAVE_LOOP_DIR: &str = "ACCORD_TEST_SAVE_LOOP_DIR";

/// The two versions the save loop writes in turn.
fn versions() -> [accord::model::Session; 2] {
    ["blank", "b2b-sales-led"].map(|name| templates::find(name).unwrap().session().unwrap())
}

#[test]
fn kill_9_during_saves_and_autosaves_leaves_whole_files() {
    if let Some(dir) = std::env::var_os(SAVE_LOOP_DIR) {
        // The child: save the session and write the recovery file, alternating versions,
        // until killed.
        let dir = PathBuf::from(dir);
        let recovery = RecoveryFile::in_dir(&dir);
        for session in versions().iter().cycle() {
            storage::save(&dir.join("session.ron"), session).unwrap();
            let work = Recovery {
                source: Some(dir.join("session.ron")),
                written_at: None,
                session: session.clone(),
            };
            recovery.write(&work).unwrap();
        }
    }

    let dir = tempfile::tempdir().unwrap();
    let versions = versions();
    let path = dir.path().join("session.ron");
    // Twice, so there is a backup from the start.
    storage::save(&path, &versions[0]).unwrap();
    storage::save(&path, &versions[0]).unwrap();
    let recovery = RecoveryFile::in_dir(dir.path());
    for round in 0..30_u64 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "hardening::kill_9_during_saves_and_autosaves_leaves_whole_files",
                "--exact",
                "--test-threads=1",
            ])
            .env(SAVE_LOOP_DIR, dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Kill at a spread of moments, most of them well into the loop.
        std::thread::sleep(Duration::from_millis(20 + (round * 37) % 180));
        child.kill().unwrap();
        assert_eq!(child.wait().unwrap().signal(), Some(9), "round {round}");

        let on_disk = storage::load(&path).unwrap();
        assert!(versions.contains(&on_disk), "round {round}: the file");
        let backup = storage::load(&storage::backup_path(&path)).unwrap();
        assert!(versions.contains(&backup), "round {round}: the backup");
        if let Some(work) = recovery.read().unwrap() {
            assert!(
                versions.contains(&work.session),
                "round {round}: the recovery file"
            );
        }
    }
    assert!(
        recovery.read().unwrap().is_some(),
        "the loop got as far as the recovery file"
    );
}

/// Replays every input in a fuzz target's corpus and artifacts folders through its check.
fn replay(target: &str, check: fn(&[u8])) -> usize {
    let fuzz = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    let mut replayed = 0;
    for folder in ["corpus", "artifacts"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(folder).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&bytes));
            assert!(outcome.is_ok(), "{} fails its check", path.display());
            replayed += 1;
        }
    }
    replayed
}

#[test]
fn the_fuzz_corpus_and_past_crashes_replay_cleanly() {
    assert!(replay("session_load", fuzz_checks::session_bytes) > 0);
    assert!(replay("csv_import", fuzz_checks::csv_bytes) > 0);
}

#[test]
fn a_scoring_rule_worth_billions_is_refused_before_the_scorer_sees_it() {
    // It once passed `validate` and made `score` abort allocating 6.4 GB for its histogram.
    let session = hostile("huge-points.ron");
    let leads = fixture("leads/leads-small.csv");
    let out = bounded_accord(&["score", "--session", arg(&session), arg(&leads)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.signal(), None, "killed: {stderr}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "{}:170:25: a rule's points is 2000000000; Accord keeps it between -100 and 100\n",
            session.display()
        )
    );
}
