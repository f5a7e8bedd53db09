//! The room from the window's side: opening and closing it, what it shows the phones (the
//! step on the facilitator's screen), and what the phones send, applied between frames as
//! the facilitator's own edits are: one undo step each, autosaved, in the exports.

use std::time::{Duration, Instant};

use super::{App, Modal, chain};
use crate::edit::Edit;
use crate::model::{Agreement, Step, VoteItem, VoteTopic};
use crate::room::{self, Config, Offer, Refusal, Room, view};

/// An open room and what the facilitator set for it.
pub struct OpenRoom {
    pub room: Room,
    /// Input is paused on what is shown.
    pub locked: bool,
    /// The panel is folded to a strip: the code and the count, without the QR code.
    pub folded: bool,
    /// What the phones were last shown, by the document's revision, the offer and the lock:
    /// the snapshot is made again only when one of them changed.
    shown: Option<(u64, Offer, bool)>,
    /// Where the phones join: the same while the room is open.
    pub address: Address,
    /// What the room's panel shows, worked out when the session changes rather than in every
    /// frame; none until the first frame after opening.
    pub facts: Option<Facts>,
}

/// Where a phone joins the room, as the panel and the full-screen code show it.
pub struct Address {
    /// The address in the QR code: it carries the room's secret.
    pub join_url: String,
    /// The address to type, with the code.
    pub address_url: String,
    /// "D82X D4MV": a code is read more easily in two halves.
    pub code: String,
}

impl Address {
    fn of(room: &Room) -> Self {
        let (a, b) = room.code().split_at(room.code().len() / 2);
        Self {
            join_url: room.join_url(),
            address_url: room.address_url(),
            code: format!("{a} {b}"),
        }
    }
}

/// What the room's panel shows that takes work to find out.
pub struct Facts {
    /// The document's revision they were worked out at, and when.
    revision: u64,
    at: Instant,
    /// The topics a vote could be opened on now.
    pub can_vote_on: Vec<VoteTopic>,
    /// The vote's items with their dots, most first, once the tally is revealed.
    pub tally: Vec<(u32, String)>,
    /// Phones refused because the room was full, since it opened.
    pub turned_away: u64,
}

/// How long facts that depend on the day (the audit's gaps) are trusted.
const FACTS_FOR: Duration = Duration::from_secs(1);

/// What the facilitator asks of the room.
#[derive(Clone, Debug, PartialEq)]
pub enum RoomCommand {
    /// Open the room on this interface and port, maybe behind a proxy's name.
    Open(Config),
    Close,
    /// Show the join code large, for the back of the room.
    ShowCode,
    /// Pause or resume the phones' input.
    Lock(bool),
    /// Fold the room's panel to a strip, or unfold it.
    Fold(bool),
    /// Show or hide the room's audit answers, team by team.
    Reveal(bool),
    /// Remove the person of this name and team from the room.
    Remove(String, Option<crate::model::TeamId>),
    /// Remove every device that joined and never said who it is.
    RemoveUnnamed,
    /// Open a dot-vote on this, with so many dots each; the dots of an earlier vote go.
    StartVote(VoteTopic, u8),
    /// Close the vote; its dots stay in the session.
    EndVote,
    /// Show or hide the vote's tally.
    RevealVotes(bool),
}

impl App {
    pub(super) fn run_room(&mut self, ctx: &egui::Context, command: RoomCommand) {
        match command {
            RoomCommand::Open(config) => self.open_room(ctx, &config),
            RoomCommand::Close => {
                if self.doc.work.room.take().is_some() {
                    self.notices
                        .info("The room is closed; the phones' links no longer work.");
                }
                if matches!(self.modal, Some(Modal::RoomCode)) {
                    self.modal = None;
                }
            }
            RoomCommand::ShowCode => {
                if self.doc.work.room.is_some() {
                    self.modal = Some(Modal::RoomCode);
                }
            }
            RoomCommand::Lock(locked) => {
                if let Some(open) = &mut self.doc.work.room {
                    open.locked = locked;
                }
            }
            RoomCommand::Fold(folded) => {
                if let Some(open) = &mut self.doc.work.room {
                    open.folded = folded;
                }
            }
            RoomCommand::Reveal(revealed) => {
                self.apply(Edit::RevealAudit(revealed));
            }
            RoomCommand::StartVote(on, dots) => {
                let items = self.vote_items(on);
                if items.is_empty() {
                    self.notices
                        .info(format!("There is nothing to vote on in {}.", on.label()));
                    return;
                }
                self.apply(Edit::StartVote { on, dots, items });
            }
            RoomCommand::EndVote => {
                self.apply(Edit::EndVote);
            }
            RoomCommand::RevealVotes(revealed) => {
                self.apply(Edit::RevealVotes(revealed));
            }
            RoomCommand::Remove(name, team) => {
                if let Some(open) = &self.doc.work.room {
                    open.room.remove(&name, team);
                }
            }
            RoomCommand::RemoveUnnamed => {
                if let Some(open) = &mut self.doc.work.room {
                    let removed = open.room.remove_unnamed();
                    self.notices.info(match removed {
                        1 => "One device that never said who it is left the room.".to_owned(),
                        n => format!("{n} devices that never said who they are left the room."),
                    });
                }
            }
        }
    }

    /// Puts `doc` in place of the open document. A room belongs to the session it was opened
    /// for, so an open one closes with it, and the facilitator is told rather than left to
    /// find the phones silent.
    pub(super) fn replace_document(&mut self, doc: super::Document) {
        let room_was_open = self.doc.work.room.is_some();
        self.doc = doc;
        if matches!(self.modal, Some(Modal::RoomCode)) {
            self.modal = None;
        }
        if room_was_open {
            self.notices.info(
                "The room closed with the session it was opened for: the phones' links no longer \
                 work. Open it again for this one from View → Open the room….",
            );
        }
    }

    fn open_room(&mut self, ctx: &egui::Context, config: &Config) {
        self.modal = None;
        if self.doc.work.room.is_some() {
            return;
        }
        let bind = config.bind;
        let snapshot = view::snapshot(&self.doc.session, &self.offer(), false);
        let waker = ctx.clone();
        match Room::open(config, snapshot, move || waker.request_repaint()) {
            Ok(room) => {
                self.notices.info(match &config.public_host {
                    None => format!(
                        "The room is open at {}. Nothing leaves this network.",
                        room.address_url()
                    ),
                    Some(_) => format!(
                        "The room is open at {}, through your proxy or tunnel to {}.",
                        room.address_url(),
                        room.address()
                    ),
                });
                self.doc.work.room = Some(OpenRoom {
                    address: Address::of(&room),
                    room,
                    locked: false,
                    folded: false,
                    shown: None,
                    facts: None,
                });
            }
            Err(error) => self.notices.error(format!(
                "The room could not be opened on {bind}: {}",
                chain(error)
            )),
        }
    }

    /// What a vote on `topic` opened now is on: the audit's gaps, the parking lot's topics, or
    /// the criteria the imported customers suggest that the ICP has not settled yet.
    pub fn vote_items(&self, topic: VoteTopic) -> Vec<VoteItem> {
        use crate::analysis::icp::{is_settled, suggestion_key};
        let session = &self.doc.session;
        let VoteTopic::IcpSuggestions = topic else {
            return crate::analysis::votes::items_on(session, topic, jiff::Zoned::now().date());
        };
        let super::icp::Phase::Explored(explored) = &self.doc.work.icp.phase else {
            return Vec::new();
        };
        let mut items: Vec<VoteItem> = Vec::new();
        for suggestion in &explored.suggestions {
            let key = format!("icp:{}", suggestion_key(suggestion));
            if is_settled(&session.icp, suggestion) || items.iter().any(|i| i.key == key) {
                continue;
            }
            items.push(VoteItem {
                key,
                text: format!(
                    "{}: {}: {}",
                    suggestion.importance.label(),
                    suggestion.attribute,
                    suggestion.values.join(", ")
                ),
            });
        }
        items
    }

    /// Works out the panel's facts again when the session changed, or the day may have.
    fn refresh_facts(&mut self) {
        let revision = self.doc.revision();
        let Some(open) = &self.doc.work.room else {
            return;
        };
        // A phone turned away is said at once; the rest may wait for the next second.
        let turned_away = open.room.turned_away();
        if open.facts.as_ref().is_some_and(|f| {
            f.revision == revision && f.at.elapsed() < FACTS_FOR && f.turned_away == turned_away
        }) {
            return;
        }
        let session = &self.doc.session;
        let can_vote_on = [
            VoteTopic::AuditGaps,
            VoteTopic::ParkingLot,
            VoteTopic::IcpSuggestions,
        ]
        .into_iter()
        .filter(|topic| !self.vote_items(*topic).is_empty())
        .collect();
        let votes = &session.votes;
        let tally = if votes.revealed {
            let items = crate::analysis::votes::vote_items_of(session, jiff::Zoned::now().date())
                .unwrap_or_default();
            votes
                .tally_items(&items)
                .into_iter()
                .map(|(item, dots)| (dots, item.text.clone()))
                .collect()
        } else {
            Vec::new()
        };
        let newly_turned_away = turned_away > open.facts.as_ref().map_or(0, |f| f.turned_away);
        let facts = Facts {
            revision,
            at: Instant::now(),
            can_vote_on,
            tally,
            turned_away,
        };
        if let Some(open) = &mut self.doc.work.room {
            open.facts = Some(facts);
        }
        if newly_turned_away {
            self.notices.error(
                "The room is full: a phone could not join. Remove the devices no longer in use, \
                 or those that never said who they are.",
            );
        }
    }

    /// What the phones are offered: what the facilitator's step shows.
    pub fn offer(&self) -> Offer {
        let session = &self.doc.session;
        let agreements = match self.step {
            Step::Icp => vec![Agreement::Icp],
            Step::Pipeline => vec![Agreement::Pipeline],
            Step::Definitions => self
                .doc
                .work
                .selected_definition
                .filter(|id| session.definitions.iter().any(|d| d.id == *id))
                .or_else(|| session.definitions.first().map(|d| d.id))
                .map(Agreement::Definition)
                .into_iter()
                .collect(),
            Step::Slas => {
                let shown = crate::analysis::sla::pair_shown(session, self.doc.work.slas.pair);
                session
                    .slas
                    .iter()
                    .filter(|sla| Some(sla.pair()) == shown)
                    .map(|sla| Agreement::Sla(sla.id))
                    .collect()
            }
            _ => Vec::new(),
        };
        Offer::for_step(self.step, agreements)
    }

    /// Between frames: applies what the phones sent, and shows them the step on screen now.
    /// True when something was applied: the screen must show it.
    pub(super) fn follow_room(&mut self) -> bool {
        let Some(open) = &self.doc.work.room else {
            return false;
        };
        let mut arrived = Vec::new();
        while let Some(incoming) = open.room.try_next() {
            arrived.push(incoming);
        }
        let applied = !arrived.is_empty();
        let mut answered = Vec::with_capacity(arrived.len());
        if self.doc.newer.is_some() {
            for incoming in arrived {
                let refusal = Refusal::Invalid(
                    "the facilitator's file is read-only in this version of Accord".to_owned(),
                );
                answered.push((incoming, Err(refusal)));
            }
        } else {
            // What arrived between two frames is one undo step, and so is a burst of such
            // arrivals: 200 phones answering would otherwise fill the history.
            let now = jiff::Timestamp::now();
            let edits = arrived.into_iter().map(|incoming| {
                let edit = room::apply::edit_for(&incoming.from, &incoming.what, now);
                (incoming, edit)
            });
            let notices = &mut self.notices;
            let at = std::time::Instant::now();
            self.doc
                .apply_together(edits, at, |incoming, result, session| {
                    let result = result
                        .map(|applied| {
                            room::apply::answer(session, &incoming.from, &incoming.what, applied)
                        })
                        .map_err(room::apply::refusal);
                    if let Ok(message) = &result
                        && !matches!(incoming.what, room::Submission::Audit { .. })
                    {
                        notices.info(message.clone());
                    }
                    answered.push((incoming, result));
                });
        }
        if let Some(open) = &self.doc.work.room {
            open.room.answer_all(answered);
        }
        self.refresh_facts();
        let offer = self.offer();
        let revision = self.doc.revision();
        if let Some(open) = &mut self.doc.work.room {
            let now = (revision, offer, open.locked);
            if open.shown.as_ref() != Some(&now) {
                open.room
                    .publish(view::snapshot(&self.doc.session, &now.1, open.locked));
                open.shown = Some(now);
            }
        }
        applied
    }
}
