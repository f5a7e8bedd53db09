//! Shared definitions: one term at a time, its wording, criteria and owner, the teams' own
//! proposals side by side, and every team's sign-off.

use std::sync::Arc;

use egui::{RichText, TextEdit, Ui};

use super::widgets::{
    SIDE_BY_SIDE_WIDTH, SignaturesView, card, dotted, section, signatures_ui, standing_color,
    strong_text, team_picker,
};
use crate::app::{App, Command, EditCommand, UiCommand};
use crate::model::{
    Agreement, Definition, DefinitionId, DefinitionLines, Lines, Session, Team, Wording,
};

pub fn ui(app: &mut App, ui: &mut Ui) {
    let mut commands = Vec::new();
    let revision = app.doc.revision();
    let views = &mut app.doc.work.signatures;
    let session = &mut app.doc.session;
    let selected = app
        .doc
        .work
        .selected_definition
        .filter(|id| session.definitions.iter().any(|d| d.id == *id))
        .or_else(|| session.definitions.first().map(|d| d.id));
    let mut view_of =
        |session: &Session, id| views.get(session, revision, Agreement::Definition(id));
    terms_ui(ui, session, selected, &mut view_of, &mut commands);

    let threshold = session.scoring.threshold;
    let Session {
        teams, definitions, ..
    } = session;
    let shown = definitions.iter().position(|d| Some(d.id) == selected);
    // Drawn on a copy taken in only when edited: the other terms stay shared with history.
    if let Some(index) = shown {
        definitions.edit_item(index, |definition| {
            definition_ui(ui, teams, definition, &mut commands);
            if definition.is_term("MQL") {
                // The threshold lives in the scoring model; say where, so the two do not drift.
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(format!(
                            "The scoring model makes a lead an MQL at {threshold} points."
                        ))
                        .weak(),
                    );
                    if ui.link("Tune it on Lead scoring").clicked() {
                        commands.push(Command::Ui(UiCommand::GoTo(
                            crate::model::Step::LeadScoring,
                        )));
                    }
                });
            }
            let wording = Wording {
                name: display_term(definition),
                proposals: &mut definition.proposals,
                merged: &mut definition.definition,
            };
            super::proposals::ui(
                ui,
                teams,
                Agreement::Definition(definition.id),
                wording,
                "Merged definition of",
                &mut commands,
            );
        });
    }
    if let Some(view) = selected.and_then(|id| view_of(session, id)) {
        section(
            ui,
            "Signatures",
            "Each team's position on this wording, and who gave it. An edit leaves earlier signatures on the wording they were given to.",
        );
        card(ui, |ui| {
            signatures_ui(ui, &view, &mut commands);
        });
    }
    for command in commands {
        app.queue(command);
    }
}

/// What a search leaves out of the row of terms.
enum More {
    None,
    /// This many terms match but have no tab.
    Hidden(usize),
    /// Nothing matches what was typed.
    NoMatch,
}

/// The terms that get a tab for `search`: the first [`TERMS_IN_A_ROW`] that have it in them,
/// and the open term whatever the search.
fn pick_terms<'a>(
    session: &'a Session,
    search: &str,
    selected: Option<DefinitionId>,
) -> (Vec<&'a Definition>, More) {
    let needle = search.trim().to_lowercase();
    let matching: Vec<&Definition> = session
        .definitions
        .iter()
        .filter(|d| needle.is_empty() || d.term.to_lowercase().contains(&needle))
        .collect();
    let mut shown: Vec<&Definition> = matching.iter().take(TERMS_IN_A_ROW).copied().collect();
    let open = session.definitions.iter().find(|d| Some(d.id) == selected);
    if let Some(open) = open.filter(|open| !shown.iter().any(|d| d.id == open.id)) {
        shown.push(open);
    }
    let hidden = matching
        .iter()
        .filter(|d| !shown.iter().any(|s| s.id == d.id))
        .count();
    let more = match (matching.is_empty(), hidden) {
        (true, _) => More::NoMatch,
        (false, 0) => More::None,
        (false, n) => More::Hidden(n),
    };
    (shown, more)
}

/// The search over a long glossary's terms; what was typed stays while the window is open.
fn find_term_ui(ui: &mut Ui) -> String {
    let id = egui::Id::unique("find_term");
    let mut search: String = ui.data(|data| data.get_temp(id)).unwrap_or_default();
    let field = TextEdit::singleline(&mut search)
        .hint_text("Find a term")
        .desired_width(280.0);
    ui.add(field).accessible_name("Find a term");
    ui.data_mut(|data| data.insert_temp(id, search.clone()));
    search
}

/// A definition's term, or a stand-in while it has none.
fn display_term(definition: &Definition) -> String {
    match definition.term.trim() {
        "" => "unnamed".to_owned(),
        term => term.to_owned(),
    }
}

/// Beyond this many terms the row shows those a search finds rather than all of them: two
/// hundred tabs are neither readable on a projector nor cheap to draw each frame.
const TERMS_IN_A_ROW: usize = 12;

/// The row of terms, each with its state, and the buttons that add one. A long glossary gets
/// a search field above the row.
fn terms_ui(
    ui: &mut Ui,
    session: &Session,
    selected: Option<DefinitionId>,
    view_of: &mut impl FnMut(&Session, DefinitionId) -> Option<Arc<SignaturesView>>,
    commands: &mut Vec<Command>,
) {
    // A long glossary: the search, and beside it how many terms it leaves out.
    let shown = if session.definitions.len() > TERMS_IN_A_ROW {
        ui.horizontal_wrapped(|ui| {
            let search = find_term_ui(ui);
            let (shown, more) = pick_terms(session, &search, selected);
            let note = match more {
                More::None => None,
                More::Hidden(n) if search.trim().is_empty() => {
                    Some(format!("{n} more: type to find them"))
                }
                More::Hidden(n) => Some(format!("{n} more: keep typing")),
                More::NoMatch => Some(format!("No term has “{}” in it", search.trim())),
            };
            if let Some(note) = note {
                ui.label(RichText::new(note).weak());
            }
            shown
        })
        .inner
    } else {
        pick_terms(session, "", selected).0
    };
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 10.0;
        for definition in shown {
            let Some(view) = view_of(session, definition.id) else {
                continue;
            };
            let color = standing_color(ui, &view);
            let term = display_term(definition);
            let button =
                egui::Button::selectable(Some(definition.id) == selected, dotted(color, &term))
                    .min_size(egui::vec2(0.0, 34.0));
            let response = ui
                .add(button)
                .on_hover_text(&view.summary)
                .accessible_name(&term);
            if response.clicked() {
                commands.push(Command::Edit(EditCommand::SelectDefinition(definition.id)));
            }
        }
        ui.add_space(8.0);
        if ui.button("Add term").clicked() {
            commands.push(Command::Edit(EditCommand::AddDefinition));
        }
        let pql_missing = !session.definitions.iter().any(|d| d.is_term("PQL"));
        if session.meta.motion.uses_pql() && pql_missing {
            let add = ui
                .button("Add PQL")
                .on_hover_text("A product-led path needs the product-qualified lead defined too");
            if add.clicked() {
                commands.push(Command::Edit(EditCommand::AddPql));
            }
        }
    });
    if session.definitions.is_empty() {
        ui.add_space(8.0);
        ui.label(
            RichText::new("No terms yet. Add the first one the teams use differently.").weak(),
        );
    }
    ui.add_space(8.0);
}

/// The wording, owner and criteria.
fn definition_ui(
    ui: &mut Ui,
    teams: &[Team],
    definition: &mut Definition,
    commands: &mut Vec<Command>,
) {
    let term = display_term(definition);
    card(ui, |ui| {
        // Two short rows rather than one long one, so projector text still fits the card.
        ui.horizontal(|ui| {
            let edit = ui.add(
                TextEdit::singleline(&mut definition.term)
                    .font(egui::TextStyle::Heading)
                    .hint_text("Term")
                    .desired_width(200.0),
            );
            edit.accessible_name("Term");
            ui.add_space(12.0);
            let remove = ui
                .button("Remove term")
                .accessible_name(format!("Remove {term}"));
            if remove.clicked() {
                commands.push(Command::Edit(EditCommand::RemoveDefinition(definition.id)));
            }
        });
        ui.horizontal(|ui| {
            ui.label(RichText::new("Owned by").weak());
            let width = super::widgets::team_picker_width(ui, teams);
            let owner = team_picker(
                ui,
                ("owner", definition.id),
                teams,
                &mut definition.owner,
                width,
            );
            owner.accessible_name(format!("Owner of {term}"));
        });
        ui.add_space(6.0);
        let edit = ui.add(
            TextEdit::multiline(&mut definition.definition)
                .desired_rows(2)
                .desired_width(f32::INFINITY)
                .hint_text("What the word means, in a sentence or two"),
        );
        edit.accessible_name(format!("Definition of {term}"));
        ui.add_space(12.0);
        let criteria = &mut definition.criteria;
        let lines = |which| Lines::Definition(definition.id, which);
        let groups: [Group<'_>; 3] = [
            (
                "Who they are",
                "Firmographic criterion",
                lines(DefinitionLines::Firmographic),
                &mut criteria.firmographic,
                "Company of 50 to 2,000 people",
            ),
            (
                "What they did",
                "Behavioural criterion",
                lines(DefinitionLines::Behavioural),
                &mut criteria.behavioural,
                "Asked for a demo",
            ),
            (
                "Verification points",
                "Verification point",
                lines(DefinitionLines::Verification),
                &mut criteria.verification,
                "The phone number works",
            ),
        ];
        list_groups_ui(ui, &term, groups, commands);
    });
}

/// A list editor per group, `(title, item, list, hint)`: side by side where there is room, one
/// under the other at projector text on a small screen.
pub(super) fn list_groups_ui<const N: usize>(
    ui: &mut Ui,
    term: &str,
    groups: [Group<'_>; N],
    commands: &mut Vec<Command>,
) {
    if ui.available_width() >= SIDE_BY_SIDE_WIDTH {
        ui.columns(N, |columns| {
            for (ui, group) in columns.iter_mut().zip(groups) {
                // Columns stretch their widgets by default; buttons keep their own width.
                ui.with_layout(egui::Layout::top_down(egui::Align::LEFT), |ui| {
                    list_ui(ui, term, group, commands);
                });
            }
        });
    } else {
        for group in groups {
            list_ui(ui, term, group, commands);
            ui.add_space(8.0);
        }
    }
}

/// One list for [`list_groups_ui`]: its title, what one line is called, where the list is,
/// the list, and the hint in an empty line.
pub(super) type Group<'a> = (&'a str, &'a str, Lines, &'a mut Vec<String>, &'a str);

/// An editable list of short lines under a title; adding and removing lines are commands.
fn list_ui(ui: &mut Ui, term: &str, group: Group<'_>, commands: &mut Vec<Command>) {
    let (title, item, lines, list, hint) = group;
    ui.label(strong_text(title, 15.5));
    ui.add_space(2.0);
    let mut remove = None;
    let row_width = ui.available_width();
    for (n, line) in list.iter_mut().enumerate() {
        let name = format!("{item} {} of {term}", n + 1);
        // The remove button is placed first, from the right, so the field takes exactly what
        // is left at any text size.
        let layout = egui::Layout::right_to_left(egui::Align::Min);
        ui.allocate_ui_with_layout(egui::vec2(row_width, 0.0), layout, |ui| {
            let button = ui.small_button("×");
            if button.accessible_name(format!("Remove {name}")).clicked() {
                remove = Some(n);
            }
            // Criteria run longer than a cell: the field wraps and grows instead of hiding text.
            let edit = TextEdit::multiline(line)
                .desired_rows(1)
                .desired_width(ui.available_width())
                .hint_text(hint);
            ui.add(edit).accessible_name(&name);
        });
    }
    if list.is_empty() {
        ui.label(RichText::new("None yet").weak());
    }
    if let Some(n) = remove {
        commands.push(EditCommand::RemoveLine(lines, n).into());
    }
    let add = ui
        .small_button("+ Add")
        .on_hover_text(format!("Add a line to {title}"));
    if add
        .accessible_name(format!("Add {} to {term}", item.to_lowercase()))
        .clicked()
    {
        commands.push(EditCommand::AddLine(lines).into());
    }
}
