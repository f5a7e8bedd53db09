//! Every step fits a 1280×720 window, as it is shown to a room: at every text size, with the
//! rail or in presenter mode, with the room's panel closed or open. Nothing runs past the
//! right edge of the step's page, and no line of text breaks inside a word.

use accord::app::{App, TextSize, UiCommand};
use accord::model::Step;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::ui::{app, start_sales_led};

/// What is wrong with the step on screen now, one line each.
fn misfits(harness: &Harness<'static, App>, room_open: bool) -> Vec<String> {
    let page = harness.ctx.content_rect() * harness.ctx.pixels_per_point();
    let (left, mut top) = crate::ui_definitions::step_area(harness);
    // In presenter mode the bar across the top holds the way out.
    if let Some(bar) = harness
        .query_by_label("Exit presenter mode")
        .and_then(|node| node.accesskit_node().bounding_box())
    {
        top = top.max(bar.y1);
    }
    // The step's page ends at the window's edge, or where the room's panel starts.
    let mut right = f64::from(page.right());
    if room_open {
        let panel = harness
            .query_by_label("The room is open")
            .and_then(|node| node.accesskit_node().bounding_box())
            .map(|rect| rect.x0);
        if let Some(panel) = panel {
            // The panel's own margin lies between its edge and its first line.
            right = right.min(panel - 8.0 * f64::from(harness.ctx.pixels_per_point()));
        }
    }
    let mut found = Vec::new();
    let mut runs: Vec<(String, egui::accesskit::Rect)> = Vec::new();
    for node in harness.root().query_all(egui_kittest::kittest::by()) {
        let access = node.accesskit_node();
        let Some(rect) = access.bounding_box() else {
            continue;
        };
        // Only the step's page: right of the rail, under the top bar, left of the panel.
        if rect.x0 < left || rect.y0 < top || rect.x0 >= right {
            continue;
        }
        let role = access.role();
        // A field's text scrolls inside the field: the field is what must fit.
        let in_field = node.parent().is_some_and(|parent| {
            matches!(
                parent.accesskit_node().role(),
                Role::TextInput | Role::MultilineTextInput
            )
        });
        if role == Role::Label {
            let lines: Vec<_> = node
                .children()
                .filter(|child| child.accesskit_node().role() == Role::TextRun)
                .filter_map(|child| {
                    let access = child.accesskit_node();
                    Some((access.value().unwrap_or_default(), access.bounding_box()?))
                })
                .collect();
            runs.extend(lines.windows(2).filter_map(|pair| {
                let ((a, _), (b, _)) = (&pair[0], &pair[1]);
                let ends = a.chars().last().is_some_and(char::is_alphanumeric);
                let starts = b.chars().next().is_some_and(char::is_alphanumeric);
                (ends && starts).then(|| (format!("{a}|{b}"), rect))
            }));
        }
        let shown = !in_field
            && matches!(
                role,
                Role::Button | Role::TextRun | Role::TextInput | Role::CheckBox | Role::RadioButton
            );
        // Inside a box that scrolls sideways on its own (a wide table), what runs past the
        // page's edge is reached by scrolling that box.
        let in_a_box = || {
            let mut up = node.parent();
            while let Some(ancestor) = up {
                if ancestor.accesskit_node().role() == Role::ScrollView {
                    return true;
                }
                up = ancestor.parent();
            }
            false
        };
        if shown && rect.x1 > right + 1.0 && !in_a_box() {
            found.push(format!(
                "{role:?} “{}” runs {:.0} px past the edge",
                access.label().or(access.value()).unwrap_or_default(),
                rect.x1 - right
            ));
        }
    }
    // Consecutive lines of one label, the first ending in a letter and the next starting with
    // one: a word broken in two.
    for (broken, _) in runs {
        found.push(format!("“{broken}” breaks inside a word"));
    }
    found
}

fn sweep(size: TextSize, presenter: bool, room_open: bool) -> Vec<String> {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    // Every symptom ticked, as a room that hears them all: each shows its cause and its gap.
    crate::ui::press(&mut harness, Step::Audit.label());
    for symptom in accord::analysis::audit::SYMPTOMS {
        crate::ui::press(&mut harness, symptom.complaint);
    }
    harness.state_mut().queue(UiCommand::SetTextSize(size));
    harness.run();
    if room_open {
        crate::ui_room::open_room(&mut harness);
    }
    if presenter {
        harness.state_mut().queue(UiCommand::TogglePresenter);
        harness.run();
    }
    let mut found = Vec::new();
    for step in Step::ALL {
        harness.state_mut().queue(UiCommand::GoTo(step));
        harness.run();
        for misfit in misfits(&harness, room_open) {
            found.push(format!(
                "{} · {} · {} · {}: {misfit}",
                step.label(),
                size.label(),
                if presenter { "presenter" } else { "rail" },
                if room_open {
                    "room open"
                } else {
                    "room closed"
                },
            ));
        }
    }
    found
}

#[test]
fn every_step_fits_1280_by_720_at_every_text_size_with_and_without_the_room() {
    let mut found = Vec::new();
    for size in TextSize::ALL {
        for presenter in [false, true] {
            for room_open in [false, true] {
                found.extend(sweep(size, presenter, room_open));
            }
        }
    }
    found.dedup();
    assert!(
        found.is_empty(),
        "{} misfits:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn agenda_titles_are_whole_at_every_text_size() {
    use egui_kittest::kittest::Queryable as _;
    let data = tempfile::tempdir().unwrap();
    let mut harness = crate::ui::app(data.path(), None);
    crate::ui::start_sales_led(&mut harness);
    let titles: Vec<String> = harness
        .state()
        .doc
        .session
        .agenda
        .items
        .iter()
        .map(|i| i.title.clone())
        .collect();
    assert!(!titles.is_empty());
    for size in ["Normal text", "Large text", "Projector text"] {
        crate::ui::press(&mut harness, "View");
        crate::ui::press(&mut harness, size);
        for (index, title) in titles.iter().enumerate() {
            let label = format!("Agenda item {}", index + 1);
            crate::ui::scroll_until_shown(&mut harness, &label);
            let field = harness
                .get_by_role_and_label(egui::accesskit::Role::TextInput, &label)
                .accesskit_node()
                .bounding_box()
                .unwrap();
            let ppp = harness.ctx.pixels_per_point();
            let font = egui::TextStyle::Body.resolve(&harness.ctx.global_style());
            let text = harness.ctx.fonts_mut(|fonts| {
                fonts
                    .layout_no_wrap(title.clone(), font, egui::Color32::PLACEHOLDER)
                    .size()
                    .x
            });
            // The field's own margins on both sides, then the words.
            let room = (field.width() as f32) / ppp - 2.0 * 4.0;
            assert!(
                text <= room,
                "{size}: “{title}” needs {text} points, its field shows {room}"
            );
        }
    }
}

/// True when the node labelled `label` (a button of that role, when there is one) is wholly
/// inside the window, scrolled to first as a person would.
fn reachable(harness: &mut Harness<'static, App>, label: &str) -> bool {
    let page = harness.ctx.content_rect() * harness.ctx.pixels_per_point();
    // A menu item's name ends with its shortcut: "Open…  Ctrl+O".
    let find = |harness: &Harness<'static, App>| {
        harness
            .query_by_role_and_label(Role::Button, label)
            .or_else(|| harness.query_by_label(label))
            .or_else(|| harness.query_by_label_contains(label))
            .and_then(|node| node.accesskit_node().bounding_box())
    };
    let inside = |rect: egui::accesskit::Rect| {
        rect.x0 >= f64::from(page.left()) - 0.5
            && rect.y0 >= f64::from(page.top()) - 0.5
            && rect.x1 <= f64::from(page.right()) + 0.5
            && rect.y1 <= f64::from(page.bottom()) + 0.5
    };
    if find(harness).is_some_and(inside) {
        return true;
    }
    if let Some(node) = harness
        .query_by_role_and_label(Role::Button, label)
        .or_else(|| harness.query_by_label(label))
        .or_else(|| harness.query_by_label_contains(label))
    {
        node.scroll_to_me();
    }
    harness.run();
    find(harness).is_some_and(inside)
}

#[test]
fn every_dialog_button_and_menu_item_can_be_reached_at_every_text_size() {
    use accord::app::Capture;
    let mut found = Vec::new();
    for size in TextSize::ALL {
        for presenter in [false, true] {
            let data = tempfile::tempdir().unwrap();
            let mut harness = app(data.path(), None);
            let at = format!(
                "{} · {}",
                size.label(),
                if presenter { "presenter" } else { "rail" }
            );
            // The start screen, before anything else.
            harness.state_mut().queue(UiCommand::SetTextSize(size));
            harness.run();
            for label in ["Start Sales-led B2B", "Open a saved session…"] {
                if !reachable(&mut harness, label) {
                    found.push(format!("{at} · start screen: “{label}”"));
                }
            }
            start_sales_led(&mut harness);
            if presenter {
                harness.state_mut().queue(UiCommand::TogglePresenter);
                harness.run();
            }
            // Each menu, each of its items (in presenter mode the menus are hidden).
            if !presenter {
                for menu in accord::app::Menu::ALL {
                    let items: Vec<String> = UiCommand::all()
                        .into_iter()
                        .filter(|c| c.menu().is_some_and(|(m, _)| m == menu))
                        .map(|c| c.label())
                        .collect();
                    for item in items {
                        harness.get_by_label(menu.label()).click();
                        harness.run();
                        if !reachable(&mut harness, &item) {
                            found.push(format!("{at} · {} menu: “{item}”", menu.label()));
                        }
                        harness.key_press(egui::Key::Escape);
                        harness.run();
                    }
                }
            }
            // Each dialog, with the buttons that answer it.
            let dialogs: [(&str, UiCommand, &[&str]); 5] = [
                (
                    "capture",
                    UiCommand::Capture(Capture::Decision),
                    &["Record"],
                ),
                (
                    "CRM",
                    UiCommand::SetUpCrm,
                    &["Set up Salesforce", "Write the HubSpot folder…", "Close"],
                ),
                ("typed path", UiCommand::Open, &["Use this path", "Cancel"]),
                (
                    "open the room",
                    UiCommand::OpenRoom,
                    &["Open the room", "Cancel"],
                ),
                ("trend", UiCommand::ShowTrend, &["Add a review…", "Close"]),
            ];
            for (name, command, buttons) in dialogs {
                harness.state_mut().queue(command);
                harness.run();
                for label in buttons {
                    if !reachable(&mut harness, label) {
                        found.push(format!("{at} · {name} dialog: “{label}”"));
                    }
                }
                harness.state_mut().modal = None;
                harness.run();
            }
            // The signing dialog, from the MQL's signatures.
            harness
                .state_mut()
                .queue(UiCommand::GoTo(Step::Definitions));
            harness.run();
            crate::ui::press(&mut harness, "MQL");
            crate::ui::scroll_until_shown(&mut harness, "Sign for Finance on MQL");
            crate::ui::press(&mut harness, "Sign for Finance on MQL");
            for label in ["Finance on MQL", "Sign", "Cancel", "Reason"] {
                if !reachable(&mut harness, label) {
                    found.push(format!("{at} · signing dialog: “{label}”"));
                }
            }
            harness.state_mut().modal = None;
            harness.run();
        }
    }
    assert!(
        found.is_empty(),
        "{} cannot be reached:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_palette_field_stays_put_as_its_matches_narrow() {
    for size in TextSize::ALL {
        let data = tempfile::tempdir().unwrap();
        let mut harness = app(data.path(), None);
        start_sales_led(&mut harness);
        harness.state_mut().queue(UiCommand::SetTextSize(size));
        harness.state_mut().queue(UiCommand::OpenPalette);
        harness.run();
        let field = |harness: &Harness<'static, App>| {
            harness
                .get_by_role_and_label(Role::TextInput, "Command")
                .accesskit_node()
                .bounding_box()
                .unwrap()
        };
        let page = harness.ctx.content_rect() * harness.ctx.pixels_per_point();
        let before = field(&harness);
        for typed in ["s", "sla", "slas between", "no command is called this"] {
            harness
                .get_by_role_and_label(Role::TextInput, "Command")
                .type_text(typed);
            harness.run();
            let after = field(&harness);
            assert!(
                (after.y0 - before.y0).abs() < 0.5,
                "{}: the field moved from {} to {} after “{typed}”",
                size.label(),
                before.y0,
                after.y0
            );
        }
        // Every match shown is on screen.
        harness.state_mut().modal = None;
        harness.run();
        harness.state_mut().queue(UiCommand::OpenPalette);
        harness.run();
        let lowest = harness
            .query_all_by_label_contains("Ctrl+")
            .filter_map(|n| n.accesskit_node().bounding_box())
            .map(|r| r.y1)
            .fold(0.0, f64::max);
        assert!(
            lowest <= f64::from(page.bottom()),
            "{}: a match runs past the window's bottom",
            size.label()
        );
    }
}
