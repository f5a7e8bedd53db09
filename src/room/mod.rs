//! The room: participants join from their phones and laptops over the room's own network. An
//! HTTP server (axum on tokio, in a thread of its own) serves a small page from the binary and
//! a JSON API; what participants send comes to the owner of the session (the window, or
//! `accord room`) one submission at a time, is applied there with [`apply::apply`], and the
//! answer goes back to the phone. The window never waits on the network: it takes what has
//! arrived between frames.
//!
//! Closed by default, and guarded when open: a random 128-bit secret in the join address,
//! exchanged for an `HttpOnly`, `SameSite=Strict` cookie; requests for any other `Host` are
//! refused (DNS rebinding), writes must come from the room's own `Origin`, bodies and texts
//! are capped, each device is rate limited, and a few hundred devices at most can join.
//! Closing the room forgets every device.

pub mod apply;
mod page;
mod replies;
mod server;
pub mod view;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

pub use apply::{Refusal, Sender, Submission};
pub use server::MAX_CONNECTIONS;
#[cfg_attr(
    accord_private_layers,
    expect(
        unused_imports,
        reason = "the integration tests push against these limits"
    )
)]
pub use server::{HEADERS_WITHIN, MAX_BODY_BYTES, MAX_DEVICE_PROPOSALS, MAX_DEVICES};
pub use view::{Offer, Snapshot};

use crate::model::TeamId;

/// Where the room listens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The one interface it binds to: the laptop's address on the room's network.
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// A host name the room is also reached under, as a reverse proxy or tunnel in front of
    /// it forwards it (`room.example.com`); none on a plain LAN.
    pub public_host: Option<String>,
    /// Open connections at most, [`MAX_CONNECTIONS`] unless a test needs fewer.
    pub max_connections: usize,
}

/// The name a proxy or tunnel forwards, as the room compares it with `Host`: trimmed and in
/// lowercase, with its port if it has one. Refused when it cannot be a host name.
pub fn public_host(text: &str) -> Result<String, String> {
    let host = text.trim().to_lowercase();
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-.:[]".contains(c);
    if host.is_empty() || host.len() > 253 || !host.chars().all(allowed) {
        return Err(format!(
            "“{}” is not a host name: give the name the proxy serves, like room.example.com",
            text.trim()
        ));
    }
    Ok(host)
}

impl Config {
    /// The room on `bind`, on a free port, under no other name.
    pub fn on(bind: IpAddr) -> Self {
        Self {
            bind,
            port: 0,
            public_host: None,
            max_connections: MAX_CONNECTIONS,
        }
    }
}

/// Something a participant sent, waiting for the session's owner to apply it and answer.
pub struct Incoming {
    pub from: Sender,
    pub what: Submission,
    reply: Reply,
}

/// Where the answer to one [`Incoming`] goes: the request waiting on the server's thread.
type Reply = tokio::sync::oneshot::Sender<Result<String, Refusal>>;

impl Incoming {
    /// Tells the participant's page what became of it. A page that gave up waiting is gone;
    /// that is no error.
    pub fn answer(self, result: Result<String, Refusal>) {
        let _ = self.reply.send(result);
    }
}

/// A device that joined, as the facilitator's screen lists it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Person {
    pub name: String,
    pub team: Option<TeamId>,
    /// Its page has a live connection now.
    pub connected: bool,
}

/// An open room. Dropping it closes it: the server stops, and every device's cookie is
/// forgotten with it.
pub struct Room {
    address: SocketAddr,
    host: String,
    /// The name a reverse proxy or tunnel serves the room under, over HTTPS.
    public: Option<String>,
    shared: Arc<server::Shared>,
    /// Behind a lock only so that a room can be shared between threads (a test's, a
    /// benchmark's); the window and `accord room` take from it on one.
    inbox: std::sync::Mutex<mpsc::Receiver<Incoming>>,
    /// Answers handed to the server's thread together (see [`Room::answer_all`]).
    replies: mpsc::Sender<replies::Answers>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Room {
    /// Opens the room on `config`'s interface, showing `snapshot`; `wake` is called from the
    /// server's thread whenever something arrives (the window asks for a frame).
    pub fn open(
        config: &Config,
        snapshot: Snapshot,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> std::io::Result<Self> {
        let listener = std::net::TcpListener::bind((config.bind, config.port))?;
        listener.set_nonblocking(true)?;
        let address = listener.local_addr()?;
        let host = match address {
            SocketAddr::V4(v4) => format!("{}:{}", v4.ip(), v4.port()),
            SocketAddr::V6(v6) => format!("[{}]:{}", v6.ip(), v6.port()),
        };
        let public = config
            .public_host
            .as_deref()
            .map(|h| h.trim().to_lowercase())
            .filter(|h| !h.is_empty());
        let mut hosts = vec![host.clone()];
        if config.bind.is_loopback() {
            hosts.push(format!("localhost:{}", address.port()));
        }
        hosts.extend(public.clone());
        let (sender, inbox) = mpsc::channel();
        let shared = Arc::new(server::Shared::new(
            hosts,
            public.is_some(),
            snapshot,
            sender,
            Box::new(wake),
        )?);
        let (stop, stopped) = tokio::sync::oneshot::channel();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let serving = Arc::clone(&shared);
        let max_connections = config.max_connections.max(1);
        let (replies, replying) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("accord-room".to_owned())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    let delivering = Arc::clone(&serving);
                    tokio::spawn(async move {
                        replies::deliver(&delivering.waiting, replying).await;
                    });
                    server::serve(listener, serving, stopped, max_connections).await;
                });
            })?;
        Ok(Self {
            address,
            host,
            public,
            shared,
            inbox: std::sync::Mutex::new(inbox),
            replies,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The address and port it listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The page's address, without the secret: what a participant types, with the code. Under
    /// a public host name (behind a proxy or tunnel) it is that name, over HTTPS.
    pub fn address_url(&self) -> String {
        match &self.public {
            Some(public) => format!("https://{public}/"),
            None => format!("http://{}/", self.host),
        }
    }

    /// The address that joins at once: it carries the room's secret, for the QR code.
    pub fn join_url(&self) -> String {
        format!("{}join?key={}", self.address_url(), self.shared.secret)
    }

    /// The short code a participant types on the page instead of scanning.
    pub fn code(&self) -> &str {
        &self.shared.code
    }

    /// Shows `snapshot` on every page; pages that already show it are not disturbed.
    pub fn publish(&self, snapshot: Snapshot) {
        self.shared.publish(snapshot);
    }

    /// Answers each of `answered` as [`Incoming::answer`] does, handing them to the server's
    /// thread together without waking it: the server's thread looks for them every few
    /// milliseconds while a request waits.
    pub fn answer_all(&self, answered: Vec<(Incoming, Result<String, Refusal>)>) {
        if answered.is_empty() {
            return;
        }
        let answers = answered
            .into_iter()
            .map(|(incoming, result)| (incoming.reply, result))
            .collect();
        // A server that stopped has dropped its requests; there is no one left to answer.
        let _ = self.replies.send(answers);
    }

    /// The next thing a participant sent, if one is waiting.
    pub fn try_next(&self) -> Option<Incoming> {
        self.inbox().try_recv().ok()
    }

    /// The next thing a participant sent, waiting at most `timeout` for one.
    pub fn next_within(&self, timeout: Duration) -> Option<Incoming> {
        self.inbox().recv_timeout(timeout).ok()
    }

    fn inbox(&self) -> std::sync::MutexGuard<'_, mpsc::Receiver<Incoming>> {
        self.inbox
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The devices that joined and gave a name, by team then name.
    pub fn people(&self) -> Arc<[Person]> {
        self.shared.roster().people
    }

    /// Removes the person `name` of `team` from the room: their page is told, and their
    /// cookie no longer works. They can join again with the room's code or address.
    pub fn remove(&self, name: &str, team: Option<TeamId>) {
        self.shared.remove(name, team);
    }

    /// How many devices joined and have not said who they are: each holds a place for two
    /// minutes, or until the facilitator removes them.
    pub fn unnamed(&self) -> usize {
        self.shared.roster().unnamed
    }

    /// Removes every device that never said who it is; returns how many went.
    pub fn remove_unnamed(&self) -> usize {
        self.shared.remove_unnamed()
    }

    /// How many times a phone was refused because the room was full, since it opened.
    pub fn turned_away(&self) -> u64 {
        self.shared.turned_away()
    }

    /// Closes the room and waits for the server to stop.
    pub fn close(mut self) {
        self.stop_now();
    }

    fn stop_now(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Room {
    fn drop(&mut self) {
        self.stop_now();
    }
}

/// An interface as a person knows it, with its address: "192.168.1.20 (Wi-Fi)",
/// "127.0.0.1 (this computer only)". The kind is read off the name the system gives it.
pub fn interface_label(name: &str, ip: IpAddr) -> String {
    if ip.is_loopback() {
        return format!("{ip} (this computer only)");
    }
    let name_lower = name.to_lowercase();
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| name_lower.starts_with(p));
    let kind = if starts(&["wl", "wifi", "wi-fi", "ath", "ra"]) || name_lower.contains("wireless") {
        "Wi-Fi".to_owned()
    } else if starts(&["eth", "enp", "eno", "ens", "enx", "em"]) || name_lower.contains("ethernet")
    {
        "Ethernet".to_owned()
    } else if starts(&["tun", "tap", "wg", "utun", "tailscale", "zt", "ppp"]) {
        format!("VPN, {name}")
    } else if starts(&[
        "docker", "br-", "virbr", "veth", "vmnet", "vboxnet", "lxc", "cni",
    ]) {
        format!("virtual network, {name}")
    } else {
        format!("network {name}")
    };
    match ip {
        IpAddr::V6(_) => format!("{ip} ({kind}, IPv6)"),
        IpAddr::V4(_) => format!("{ip} ({kind})"),
    }
}

/// The interfaces the room can be opened on: the machine's own addresses on its networks,
/// IPv4 first, the loopback (this computer only) last.
pub fn interfaces() -> Vec<(String, IpAddr)> {
    let mut found: Vec<(String, IpAddr)> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        // A link-local IPv6 address needs its interface named in the address, which a phone's
        // browser cannot take.
        .filter(|i| !i.ip().is_unspecified() && !is_link_local_v6(i.ip()))
        .map(|i| (i.name.clone(), i.ip()))
        .collect();
    found.sort_by_key(|(_, ip)| (ip.is_loopback(), ip.is_ipv6()));
    found.dedup_by_key(|(_, ip)| *ip);
    if !found.iter().any(|(_, ip)| ip.is_loopback()) {
        found.push(("lo".to_owned(), IpAddr::from([127, 0, 0, 1])));
    }
    found
}

fn is_link_local_v6(ip: IpAddr) -> bool {
    matches!(ip, IpAddr::V6(v6) if (v6.segments()[0] & 0xffc0) == 0xfe80)
}

#[cfg(test)]
mod tests {
    use super::{interface_label, is_link_local_v6};
    use std::net::IpAddr;

    #[test]
    fn interfaces_are_named_as_a_person_knows_them() {
        let v4 = |text: &str| text.parse::<IpAddr>().unwrap();
        assert_eq!(
            interface_label("wlp2s0", v4("192.168.1.20")),
            "192.168.1.20 (Wi-Fi)"
        );
        assert_eq!(
            interface_label("eth0", v4("10.0.0.5")),
            "10.0.0.5 (Ethernet)"
        );
        assert_eq!(
            interface_label("lo", v4("127.0.0.1")),
            "127.0.0.1 (this computer only)"
        );
        assert_eq!(
            interface_label("docker0", v4("172.17.0.1")),
            "172.17.0.1 (virtual network, docker0)"
        );
        assert_eq!(
            interface_label("eth0", v4("fd00::2")),
            "fd00::2 (Ethernet, IPv6)"
        );
        assert!(is_link_local_v6(v4("fe80::1")));
        assert!(!is_link_local_v6(v4("fd00::2")));
    }
}
