//! The crate's layers, read from `src/`: each top-level module imports only the layers below
//! it, as `lib.rs` draws them. An import that runs back up fails here with the file and line.

use std::collections::BTreeSet;
use std::path::Path;

/// Each layer with the layers it may use, bottom first.
const LAYERS: [(&str, &[&str]); 10] = [
    ("model", &[]),
    ("import", &["model"]),
    ("storage", &["model"]),
    ("analysis", &["model", "import", "storage"]),
    ("edit", &["model", "import", "storage", "analysis"]),
    ("export", &["model", "import", "storage", "analysis"]),
    ("room", &["model", "import", "storage", "analysis", "edit"]),
    (
        "app",
        &[
            "model", "import", "storage", "analysis", "edit", "export", "room",
        ],
    ),
    (
        "cli",
        &[
            "model", "import", "storage", "analysis", "edit", "export", "room",
        ],
    ),
    (
        "ui",
        &[
            "model", "import", "storage", "analysis", "edit", "export", "room", "app",
        ],
    ),
];

/// The top-level modules a line of Rust names through `crate::`, including inside a
/// `crate::{a::X, b}` group.
fn named_layers(line: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Every path at the group's top level: `crate::{model::X, storage}`.
            let mut depth = 0;
            let mut start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && (c.is_alphanumeric() || c == '_') => {
                        let word: String = group[i..]
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        found.insert(word);
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let word: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.insert(word);
        }
    }
    found
}

/// Every `.rs` file under `dir`, test files left out: tests may reach anywhere.
fn sources(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.file_name().is_some_and(|n| n != "tests.rs")
        {
            files.push(path);
        }
    }
}

/// The imports of `layer`'s files that run against the layering, as `file:line: text`.
fn violations(src: &Path, layer: &str, allowed: &[&str]) -> Vec<String> {
    let all: Vec<&str> = LAYERS.iter().map(|(name, _)| *name).collect();
    let mut files = Vec::new();
    sources(&src.join(layer), &mut files);
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (number, line) in text.lines().enumerate() {
            // A test module at the end of a file may reach anywhere.
            if line.trim_start().starts_with("#[cfg(test)]") {
                break;
            }
            for named in named_layers(line) {
                if named != layer
                    && all.contains(&named.as_str())
                    && !allowed.contains(&named.as_str())
                {
                    found.push(format!(
                        "{}:{}: {layer} uses {named}: {}",
                        file.display(),
                        number + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    found
}

#[test]
fn every_layer_imports_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for (layer, allowed) in LAYERS {
        found.extend(violations(&src, layer, allowed));
    }
    assert!(
        found.is_empty(),
        "imports against the layers:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_grouped_and_plain_imports() {
    assert_eq!(
        named_layers("use crate::{model::Session, storage};"),
        BTreeSet::from(["model".to_owned(), "storage".to_owned()])
    );
    assert_eq!(
        named_layers("let x = crate::app::App::new(); crate::ui::run()"),
        BTreeSet::from(["app".to_owned(), "ui".to_owned()])
    );
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // The window's layer does use the room: forbidding it must be noticed.
    assert!(!violations(&src, "app", &["model"]).is_empty());
}

#[test]
fn lib_rs_draws_the_same_layers() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    // Each layer is declared public, and private under `accord_private_layers`: exactly those
    // checked here.
    let modules = |prefix: &str| {
        lib.lines()
            .filter_map(|line| line.strip_prefix(prefix)?.strip_suffix(';'))
            .filter(|module| *module != "test_alloc")
            .collect::<std::collections::BTreeSet<_>>()
    };
    let declared = modules("pub mod ");
    assert_eq!(
        modules("mod "),
        declared,
        "each layer is declared both public and private"
    );
    let checked: std::collections::BTreeSet<_> = LAYERS.iter().map(|(layer, _)| *layer).collect();
    assert_eq!(
        declared, checked,
        "the layers lib.rs declares are the layers checked here"
    );
    for (layer, _) in LAYERS {
        assert!(
            lib.contains(&format!("`{layer}`")),
            "lib.rs's picture names {layer}"
        );
    }
}
