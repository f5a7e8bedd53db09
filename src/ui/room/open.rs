//! Opening the room: the network the phones join on, and, for participants outside it, the
//! port and the name a reverse proxy or tunnel serves the room under.

use std::net::IpAddr;

use egui::{RichText, Ui};

use crate::app::App;
use crate::app::room::RoomCommand;
use crate::ui::theme;
use crate::ui::widgets::primary_button;

/// Choosing the network the phones join on.
pub fn open_ui(app: &mut App, ui: &mut Ui, interfaces: &[(String, IpAddr)]) {
    ui.label(RichText::new("Open the room").text_style(theme::section_style()));
    ui.label(
        "Participants join from their phones and laptops on this computer's network: no \
         account, no app, nothing sent to the internet. Choose the network the room shares \
         with you. On a guest Wi-Fi that keeps devices apart, start this laptop's hotspot and \
         choose it.",
    );
    ui.add_space(8.0);
    let id = egui::Id::unique("room-interface");
    let mut chosen: Option<IpAddr> = ui
        .data(|d| d.get_temp(id))
        .filter(|ip| interfaces.iter().any(|(_, i)| i == ip))
        .or_else(|| interfaces.first().map(|(_, ip)| *ip));
    for (name, ip) in interfaces {
        let label = crate::room::interface_label(name, *ip);
        if ui.radio(chosen == Some(*ip), label).clicked() {
            chosen = Some(*ip);
        }
    }
    if let Some(ip) = chosen {
        ui.data_mut(|d| d.insert_temp(id, ip));
    }
    ui.add_space(6.0);
    let outside = outside_ui(ui);
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        let config = match (chosen, outside) {
            (Some(ip), Ok((port, public_host))) => Some(crate::room::Config {
                port,
                public_host,
                ..crate::room::Config::on(ip)
            }),
            _ => None,
        };
        let open = ui
            .add_enabled_ui(config.is_some(), |ui| primary_button(ui, "Open the room"))
            .inner;
        if open.clicked()
            && let Some(config) = config
        {
            app.queue(RoomCommand::Open(config));
        }
        if ui.button("Cancel").clicked() {
            app.modal = None;
        }
    });
}

/// For participants outside the room's network: the port a reverse proxy or tunnel forwards
/// to, and the name it serves the room under. Both empty on a plain LAN. The port and the
/// public name, or why they cannot be used.
fn outside_ui(ui: &mut Ui) -> Result<(u16, Option<String>), String> {
    let id = egui::Id::unique("room-outside");
    let (mut port, mut host): (String, String) = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    egui::CollapsingHeader::new("Participants outside this network")
        .id_salt("room-outside-header")
        .default_open(!port.is_empty() || !host.is_empty())
        .show(ui, |ui| {
            ui.label(
                RichText::new(
                    "Put the room behind a tunnel or reverse proxy you already run, on this \
                     computer only (127.0.0.1) and a fixed port. The room then answers to the \
                     name the proxy serves, over HTTPS.",
                )
                .weak(),
            );
            egui::Grid::new("room-outside-grid")
                .num_columns(2)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    ui.label("Port");
                    ui.add(
                        egui::TextEdit::singleline(&mut port)
                            .hint_text("any free port")
                            .desired_width(160.0),
                    )
                    .accessible_name("Port of the room");
                    ui.end_row();
                    ui.label("Public name");
                    ui.add(
                        egui::TextEdit::singleline(&mut host)
                            .hint_text("room.example.com")
                            .desired_width(220.0),
                    )
                    .accessible_name("Public name of the room");
                    ui.end_row();
                });
        });
    let checked = (|| {
        let port = match port.trim() {
            "" => 0,
            text => text
                .parse::<u16>()
                .map_err(|_| format!("“{text}” is not a port: give a number up to 65535"))?,
        };
        let host = match host.trim() {
            "" => None,
            text => Some(crate::room::public_host(text)?),
        };
        Ok((port, host))
    })();
    if let Err(problem) = &checked {
        ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
    }
    ui.data_mut(|d| d.insert_temp(id, (port, host)));
    checked
}
