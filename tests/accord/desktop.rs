//! Accord as a desktop application, checked by the desktop's own tools: the desktop entry by
//! `desktop-file-validate`, the AppStream metadata by `appstreamcli`, the session file type
//! by shared-mime-info, and what a `*.accord.ron` file is and opens with, asked of the desktop
//! through `xdg-mime` as GNOME answers it. `.ci/run` installs the tools and sets
//! `ACCORD_REQUIRE_DESKTOP_TOOLS`; elsewhere, without them, the test says so and passes.

use std::path::{Path, PathBuf};
use std::process::Command;

const TOOLS: [&str; 5] = [
    "desktop-file-validate",
    "appstreamcli",
    "update-mime-database",
    "update-desktop-database",
    "xdg-mime",
];

fn assets(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(path)
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()))
}

/// Runs `tool` with `args` and the environment `env`; fails with what it printed unless it
/// succeeded. Returns its standard output.
fn run(tool: &str, args: &[&Path], env: &[(&str, &Path)]) -> String {
    let mut command = Command::new(tool);
    command.args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{tool} {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[test]
fn the_desktop_entry_metadata_and_file_type_pass_the_desktops_own_checks() {
    if let Some(missing) = TOOLS.iter().find(|tool| !on_path(tool)) {
        assert!(
            std::env::var_os("ACCORD_REQUIRE_DESKTOP_TOOLS").is_none(),
            "ACCORD_REQUIRE_DESKTOP_TOOLS is set, and {missing} is not installed"
        );
        eprintln!(
            "No {missing} here (apt-get install desktop-file-utils appstream shared-mime-info xdg-utils libglib2.0-bin): the desktop check did not run."
        );
        return;
    }
    let entry = assets("desktop/dev.accord.Accord.desktop");
    run("desktop-file-validate", &[&entry], &[]);
    let metainfo = assets("desktop/dev.accord.Accord.metainfo.xml");
    run(
        "appstreamcli",
        &[Path::new("validate"), Path::new("--no-net"), &metainfo],
        &[],
    );

    // The desktop's data as a user's would hold it after installing.
    let data = tempfile::tempdir().unwrap();
    let mime = data.path().join("mime");
    let applications = data.path().join("applications");
    std::fs::create_dir_all(mime.join("packages")).unwrap();
    std::fs::create_dir_all(&applications).unwrap();
    std::fs::copy(
        assets("desktop/dev.accord.Accord.mime.xml"),
        mime.join("packages/dev.accord.Accord.mime.xml"),
    )
    .unwrap();
    run("update-mime-database", &[&mime], &[]);
    std::fs::copy(&entry, applications.join("dev.accord.Accord.desktop")).unwrap();
    run("update-desktop-database", &[&applications], &[]);

    let session = data.path().join("acme.accord.ron");
    std::fs::copy(crate::workshop("blank"), &session).unwrap();
    let dirs = format!("{}:/usr/share", data.path().display());
    let env = [
        ("XDG_CURRENT_DESKTOP", Path::new("GNOME")),
        ("XDG_DATA_HOME", data.path()),
        ("XDG_DATA_DIRS", Path::new(&dirs)),
    ];
    let kind = run(
        "xdg-mime",
        &[Path::new("query"), Path::new("filetype"), &session],
        &env,
    );
    assert_eq!(kind, "application/x-accord-session");
    let opens_with = run(
        "xdg-mime",
        &[
            Path::new("query"),
            Path::new("default"),
            Path::new("application/x-accord-session"),
        ],
        &env,
    );
    assert_eq!(
        opens_with, "dev.accord.Accord.desktop",
        "a double-click opens Accord"
    );
}

#[test]
fn every_icon_size_is_a_png_of_that_size() {
    for size in [16, 32, 48, 64, 128, 256, 512] {
        let path = assets(&format!(
            "icons/hicolor/{size}x{size}/apps/dev.accord.Accord.png"
        ));
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{}",
            path.display()
        );
        // The PNG header: width and height, big-endian, after the IHDR chunk's tag.
        let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
        assert_eq!((width, height), (size, size), "{}", path.display());
    }
    assert!(assets("icons/hicolor/scalable/apps/dev.accord.Accord.svg").is_file());
}
