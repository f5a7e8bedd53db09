//! The room on the facilitator's screen: choosing the network to open it on, the side panel
//! with the QR code, the address and the code, who is in the room by team, and the code full
//! screen for the back of the room.

use std::sync::Arc;

use egui::{Color32, RichText, Ui};

mod code;
mod open;

pub use code::code_ui;
use code::qr_ui;
pub use open::open_ui;

use super::widgets::{self, strong_text};
use crate::app::room::{Facts, RoomCommand};
use crate::app::{App, Command, UiCommand};
use crate::model::TeamId;

/// The widest the room's side panel gets, at normal text on a wide screen.
pub const PANEL_WIDTH: f32 = 272.0;
/// The width of the folded panel: the code and the count, to give the step the room.
const FOLDED_WIDTH: f32 = 150.0;

/// The room's panel's width now: narrower as the text grows on the same screen, so the step
/// keeps the width it needs, and a strip when folded.
pub fn panel_width(ctx: &egui::Context, folded: bool) -> f32 {
    if folded {
        FOLDED_WIDTH
    } else {
        (ctx.content_rect().width() * 0.22).clamp(190.0, PANEL_WIDTH)
    }
}

/// The room's side panel, while it is open.
pub fn panel(app: &mut App, ui: &mut Ui) {
    let Some(open) = &app.doc.work.room else {
        return;
    };
    let mut commands: Vec<Command> = Vec::new();
    let people = open.room.people();
    // Read as the list of people is: worked out again only when the devices change.
    let unnamed = open.room.unnamed();
    let address = &open.address;
    let session = &app.doc.session;
    let connected = people.iter().filter(|p| p.connected).count();
    let joined = match people.len() {
        0 => "Nobody has joined yet".to_owned(),
        n => format!("{n} joined, {connected} connected"),
    };
    egui::Panel::right("room")
        .resizable(false)
        .exact_size(panel_width(ui.ctx(), open.folded))
        .show(ui, |ui| {
            // Named by the room's code: egui keeps where a scroll area was scrolled, across
            // runs too, and a room newly opened shows its QR code at the top.
            let scroll = egui::ScrollArea::vertical().id_salt(("room-panel", open.room.code()));
            scroll.show(ui, |ui| {
                ui.add_space(10.0);
                let heading = |ui: &mut Ui| {
                    ui.label(strong_text("The room is open", 17.0));
                    ui.add_space(6.0);
                };
                let Some(facts) = &open.facts else {
                    heading(ui);
                    return;
                };
                if open.folded {
                    heading(ui);
                    ui.label(RichText::new("Code").weak());
                    ui.label(RichText::new(&address.code).strong());
                    ui.add_space(4.0);
                    ui.label(&joined);
                    ui.add_space(6.0);
                    if ui
                        .button("Unfold the panel")
                        .on_hover_text("Show the QR code and who is here again")
                        .clicked()
                    {
                        commands.push(RoomCommand::Fold(false).into());
                    }
                    return;
                }
                // The panel stays on screen beside every step: it is painted from last time
                // while nothing touches it and it would show the same. It shows the room's
                // address, who is in it by team, whether the phones are paused, and the vote:
                // the audit's answers arriving from the phones leave it as it is.
                let mut locked = open.locked;
                let votes = &session.votes;
                let shows = (
                    (&address.join_url, &address.address_url, &address.code),
                    (people_key(ui.ctx(), &people), &session.teams[..]),
                    (facts.turned_away, unnamed, locked),
                    (votes.on, votes.open, votes.revealed, votes.dots),
                    (votes.ballots.len(), &facts.tally, &facts.can_vote_on),
                );
                widgets::still_by_key(ui, shows, |ui| {
                    heading(ui);
                    qr_ui(ui, &address.join_url, ui.available_width().min(200.0));
                    // Large enough to read from the back of the room, off the shared screen,
                    // and on one line: an address broken in two is copied wrong.
                    let size = fitted_size(ui, &address.address_url, 17.0);
                    ui.label(RichText::new(&address.address_url).strong().size(size))
                        .on_hover_text("Open it on a phone on this network, then type the code");
                    ui.label(RichText::new("Code").weak());
                    ui.label(strong_text(&address.code, 26.0));
                    ui.horizontal_wrapped(|ui| {
                        if ui.button("Show the code full screen").clicked() {
                            commands.push(RoomCommand::ShowCode.into());
                        }
                        if ui
                            .button("Close the room")
                            .on_hover_text(UiCommand::CloseRoom.tooltip())
                            .clicked()
                        {
                            commands.push(UiCommand::CloseRoom.into());
                        }
                        if ui
                            .button("Fold the panel")
                            .on_hover_text(
                                "Keep the room open in a narrow strip, to give the step more room",
                            )
                            .clicked()
                        {
                            commands.push(RoomCommand::Fold(true).into());
                        }
                    });
                    ui.add_space(10.0);
                    ui.label(strong_text(&joined, 15.5));
                    people_ui(ui, session, &people, &mut commands);
                    waiting_ui(ui, facts.turned_away, unnamed, &mut commands);
                    ui.add_space(10.0);
                    let pause = ui
                        .checkbox(&mut locked, "Pause the phones' input")
                        .on_hover_text("The phones read along but cannot send until you resume");
                    if pause.changed() {
                        commands.push(RoomCommand::Lock(locked).into());
                    }
                    ui.add_space(10.0);
                    vote_ui(ui, session, facts, &mut commands);
                });
            });
        });
    for command in commands {
        app.queue(command);
    }
}

/// The size, at most `largest`, at which `text` fits the width of `ui` on one line (but never
/// under two thirds of it: a longer address wraps rather than shrinks out of reach).
fn fitted_size(ui: &Ui, text: &str, largest: f32) -> f32 {
    let width = ui
        .painter()
        .layout_no_wrap(
            text.to_owned(),
            egui::FontId::proportional(largest),
            Color32::PLACEHOLDER,
        )
        .size()
        .x;
    let room = ui.available_width();
    if width <= room {
        largest
    } else {
        (largest * room / width).floor().max(largest * 2.0 / 3.0)
    }
}

/// What [`people_ui`] shows of `people`, worked out again only when the room hands a new
/// list (someone joins, leaves, connects or drops): the list is kept beside it, so it is the
/// same list and not one made later in its place.
fn people_key(ctx: &egui::Context, people: &Arc<[crate::room::Person]>) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let id = egui::Id::unique("room-people-key");
    let seen = ctx.data(|d| d.get_temp::<(Arc<[crate::room::Person]>, u64)>(id));
    if let Some((list, key)) = seen
        && Arc::ptr_eq(&list, people)
    {
        return key;
    }
    let mut hasher = std::hash::DefaultHasher::new();
    people.hash(&mut hasher);
    let key = hasher.finish();
    ctx.data_mut(|d| d.insert_temp(id, (Arc::clone(people), key)));
    key
}

/// Who is in the room: how many of each team at a glance, and their names, to remove a
/// device, on demand. A room of 200 keeps the panel short, and a frame lays out only the
/// names asked for.
fn people_ui(
    ui: &mut Ui,
    session: &crate::model::Session,
    people: &[crate::room::Person],
    commands: &mut Vec<Command>,
) {
    if people.is_empty() {
        return;
    }
    let teams: Vec<(Option<TeamId>, &str, usize)> = session
        .teams
        .iter()
        .map(|t| {
            let here = people.iter().filter(|p| p.team == Some(t.id)).count();
            (Some(t.id), session.team_name(Some(t.id)), here)
        })
        .filter(|(_, _, here)| *here > 0)
        .collect();
    let counts: Vec<String> = teams
        .iter()
        .map(|(_, name, here)| format!("{name} {here}"))
        .collect();
    ui.label(RichText::new(counts.join(" · ")).weak());
    egui::CollapsingHeader::new("Who is here")
        .id_salt("room-people")
        .default_open(false)
        .show(ui, |ui| {
            for (team, name, _) in &teams {
                ui.add_space(4.0);
                ui.label(RichText::new(*name).strong());
                for person in people.iter().filter(|p| p.team == *team) {
                    ui.horizontal(|ui| {
                        let dot = if person.connected { "●" } else { "○" };
                        ui.label(format!("{dot} {}", person.name));
                        let remove = ui
                            .small_button("Remove")
                            .on_hover_text("Take this device out of the room")
                            .accessible_name(format!("Remove {} ({name})", person.name));
                        if remove.clicked() {
                            commands
                                .push(RoomCommand::Remove(person.name.clone(), person.team).into());
                        }
                    });
                }
            }
        });
}

/// The devices that joined without saying who they are, with one button to let their places
/// go, and a word when the room was too full for a phone to join.
fn waiting_ui(ui: &mut Ui, turned_away: u64, unnamed: usize, commands: &mut Vec<Command>) {
    if turned_away > 0 {
        ui.add_space(4.0);
        let phones = match turned_away {
            1 => "a phone".to_owned(),
            n => format!("{n} phones"),
        };
        ui.label(
            RichText::new(format!("The room was full: {phones} could not join."))
                .color(ui.visuals().warn_fg_color),
        );
    }
    if unnamed == 0 {
        return;
    }
    ui.add_space(4.0);
    let waiting = match unnamed {
        1 => "1 device joined and has not said who it is".to_owned(),
        n => format!("{n} devices joined and have not said who they are"),
    };
    ui.label(RichText::new(waiting).weak());
    if ui
        .button("Remove all that never said who they are")
        .on_hover_text("Their places go back to the room; a person can join again")
        .clicked()
    {
        commands.push(RoomCommand::RemoveUnnamed.into());
    }
}

/// The dot-vote: start one on the gaps, the parking lot or the ICP's suggestions, see how
/// many voted, reveal the tally, close it.
fn vote_ui(
    ui: &mut Ui,
    session: &crate::model::Session,
    facts: &Facts,
    commands: &mut Vec<Command>,
) {
    use crate::model::{MAX_DOTS, VoteTopic};
    let votes = &session.votes;
    if let Some(on) = votes.on {
        ui.label(strong_text("Dot-vote", 15.5));
        let state = if votes.open { "Voting on" } else { "Voted on" };
        ui.label(format!(
            "{state} {} · {} dots each · {} voted",
            on.label(),
            votes.dots,
            votes.ballots.len()
        ));
        let (label, reveal) = if votes.revealed {
            ("Hide the tally", false)
        } else {
            ("Reveal the tally", true)
        };
        ui.horizontal_wrapped(|ui| {
            if ui.button(label).clicked() {
                commands.push(RoomCommand::RevealVotes(reveal).into());
            }
            if votes.open && ui.button("End the vote").clicked() {
                commands.push(RoomCommand::EndVote.into());
            }
        });
        if votes.revealed {
            for (dots, text) in &facts.tally {
                ui.label(format!("{dots} · {text}"));
            }
        }
        if votes.open {
            return;
        }
    }
    // Closed, the menu is one button: the panel stays short, and cheap to draw each frame. It
    // opens even with nothing to vote on, to say where votes come from: a greyed button would
    // only say so on hover, and fading it costs more each frame than the whole menu.
    ui.menu_button("Start a dot-vote…", |ui| {
        if facts.can_vote_on.is_empty() {
            ui.set_max_width(260.0);
            ui.label(
                RichText::new(
                    "Nothing to vote on yet: no gaps in the audit, no parked topics, no ICP suggestions.",
                )
                .weak(),
            );
            return;
        }
        let id = egui::Id::unique("room-dots");
        let mut dots: u8 = ui.data(|d| d.get_temp(id)).unwrap_or(3);
        ui.horizontal(|ui| {
            ui.label("Dots each");
            ui.add(egui::DragValue::new(&mut dots).range(1..=MAX_DOTS))
                .on_hover_text("How many dots each person spreads over the items");
        });
        ui.data_mut(|d| d.insert_temp(id, dots));
        ui.separator();
        for (topic, label) in [
            (VoteTopic::AuditGaps, "Vote on the audit's gaps"),
            (VoteTopic::ParkingLot, "Vote on the parking lot"),
            (VoteTopic::IcpSuggestions, "Vote on the ICP suggestions"),
        ] {
            if ui
                .add_enabled(facts.can_vote_on.contains(&topic), egui::Button::new(label))
                .on_disabled_hover_text("Nothing to vote on there yet")
                .clicked()
            {
                commands.push(RoomCommand::StartVote(topic, dots).into());
                ui.close();
            }
        }
    });
}
