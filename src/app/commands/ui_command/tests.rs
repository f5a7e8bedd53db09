use super::*;

#[test]
fn no_two_commands_share_a_shortcut() {
    let bindings = UiCommand::bindings();
    for (i, (shortcut, command)) in bindings.iter().enumerate() {
        assert!(
            bindings[i + 1..].iter().all(|(other, _)| other != shortcut),
            "{} reuses a shortcut",
            command.label()
        );
    }
    assert_eq!(bindings.len(), 15, "fourteen commands, and Ctrl+Y for redo");
}

#[test]
fn every_command_has_its_own_name_and_a_tooltip() {
    let all = UiCommand::all();
    let mut labels: Vec<String> = all.iter().map(|c| c.label()).collect();
    assert!(all.iter().all(|c| !c.tooltip().trim().is_empty()));
    let count = labels.len();
    labels.sort();
    labels.dedup();
    assert_eq!(labels.len(), count, "two commands share a name");
}

#[test]
fn the_list_holds_the_adds_and_imports_the_palette_once_missed() {
    let labels: Vec<String> = UiCommand::all().iter().map(|c| c.label()).collect();
    for label in [
        "Add term",
        "Add SLA",
        "Add stage",
        "Import customers (CSV)…",
        "Import leads (CSV)…",
        "Count the funnel from a CSV…",
    ] {
        assert!(labels.iter().any(|l| l == label), "{label}");
    }
}
