//! The room's HTTP side: who has joined, the guards every request passes, and the API the page
//! (or a script) uses. Everything a participant changes goes to the session's owner as an
//! [`Incoming`]; nothing here touches the session.

use axum::Json;
use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::stream::Stream;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde::Deserialize;
use serde_json::json;
use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, mpsc};
use std::time::Duration;
use tokio::sync::{oneshot, watch};

mod connections;
mod devices;
mod join;
mod state;
mod submit;

use crate::room::replies::Waiting;
pub use connections::{HEADERS_WITHIN, MAX_CONNECTIONS};
pub use devices::MAX_DEVICE_PROPOSALS;
use devices::{Device, Roster};

use super::apply::{Refusal, Sender, Submission};
use super::view::Snapshot;
use super::{Incoming, Person, page};
use crate::model::{Agreement, Answer, Position, TeamId};

/// The most devices that can join one room.
pub const MAX_DEVICES: usize = 300;
/// The largest request body, in bytes: a proposed wording with room to spare.
pub const MAX_BODY_BYTES: usize = 8 * 1024;
/// Live connections one device may hold at once (a few tabs).
const MAX_STREAMS: usize = 3;
/// How long a page waits for the session's owner to apply what it sent.
const ANSWER_WITHIN: Duration = Duration::from_secs(5);
/// How long a request may take, its body included (a live connection's stream aside).
const REQUEST_WITHIN: Duration = Duration::from_secs(15);
/// The name of the cookie a joined device carries.
const COOKIE: &str = "accord_room";

/// What the pages are shown, with its JSON written once for all of them.
pub(super) struct Shown {
    snapshot: Snapshot,
    json: String,
}

impl Shown {
    fn new(snapshot: Snapshot) -> Self {
        // A snapshot is plain data: it always serialises.
        let json = serde_json::to_string(&snapshot).unwrap_or_else(|_| "null".to_owned());
        Self { snapshot, json }
    }
}

impl std::ops::Deref for Shown {
    type Target = Snapshot;

    fn deref(&self) -> &Snapshot {
        &self.snapshot
    }
}

pub(super) struct Shared {
    pub(super) secret: String,
    pub(super) code: String,
    /// The `Host` values the room answers to.
    hosts: Vec<String>,
    /// Opened behind a reverse proxy: a client's address is the one the proxy forwards.
    behind_proxy: bool,
    snapshot: watch::Sender<Arc<Shown>>,
    devices: Mutex<HashMap<String, Device>>,
    /// Bumped with every change of `devices`.
    version: AtomicU64,
    /// The people, and the devices still unnamed, as of a version of `devices`: the window
    /// asks every frame, and a room of 200 changes far less often.
    roster: Mutex<Option<(u64, Roster)>>,
    /// Joins refused because every place was taken, since the room opened.
    turned_away: AtomicU64,
    /// Bumped when a device is removed or says who it is, so live connections learn of it.
    device_changes: watch::Sender<u64>,
    per_device: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<IpAddr>,
    /// Addresses that used up their wrong tries, and until when nothing from them joins.
    barred: Mutex<HashMap<IpAddr, std::time::Instant>>,
    /// The bytes the devices' submissions added to the session file while the room is open.
    spent: Mutex<usize>,
    inbox: Mutex<mpsc::Sender<Incoming>>,
    /// The requests waiting for the owner's answer.
    pub(in crate::room) waiting: Waiting,
    wake: Box<dyn Fn() + Send + Sync>,
}

/// `bytes` random bytes from the operating system, in lowercase hex.
fn random_hex(bytes: usize) -> std::io::Result<String> {
    let mut buffer = vec![0u8; bytes];
    getrandom::fill(&mut buffer).map_err(std::io::Error::other)?;
    Ok(buffer.iter().map(|b| format!("{b:02x}")).collect())
}

/// A code of eight letters and digits that cannot be mistaken for each other when read off a
/// screen (no 0/O, 1/I/L): 40 bits, and joining by code is rate limited per address.
fn random_code() -> std::io::Result<String> {
    const ALPHABET: &[u8; 31] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    // Bytes from 248 up are drawn again: 248 is 8 × 31, so every symbol is equally likely.
    const FAIR: u8 = 248;
    let mut code = String::with_capacity(8);
    while code.len() < 8 {
        let mut buffer = [0u8; 16];
        getrandom::fill(&mut buffer).map_err(std::io::Error::other)?;
        for byte in buffer.iter().filter(|b| **b < FAIR) {
            if code.len() < 8 {
                code.push(char::from(ALPHABET[usize::from(*byte) % ALPHABET.len()]));
            }
        }
    }
    Ok(code)
}

/// Wrong codes or links from one client in a minute that bar it from joining for a minute.
pub const WRONG_TRIES: u32 = 10;

fn quota(per_second: u32, burst: u32) -> Quota {
    let rate = NonZeroU32::new(per_second).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
    Quota::per_second(rate).allow_burst(burst)
}

impl Shared {
    pub(super) fn new(
        hosts: Vec<String>,
        behind_proxy: bool,
        snapshot: Snapshot,
        inbox: mpsc::Sender<Incoming>,
        wake: Box<dyn Fn() + Send + Sync>,
    ) -> std::io::Result<Self> {
        Ok(Self {
            secret: random_hex(16)?,
            code: random_code()?,
            hosts,
            behind_proxy,
            snapshot: watch::Sender::new(Arc::new(Shown::new(snapshot))),
            devices: Mutex::new(HashMap::new()),
            version: AtomicU64::new(0),
            roster: Mutex::new(None),
            turned_away: AtomicU64::new(0),
            device_changes: watch::Sender::new(0),
            // Five requests a second, ten at once: more than a thumb can send.
            per_device: RateLimiter::keyed(quota(5, 10)),
            // Wrong codes and links: the tenth in a minute from one client bars it.
            barred: Mutex::new(HashMap::new()),
            per_address: RateLimiter::keyed(
                Quota::per_minute(NonZeroU32::new(10).unwrap_or(NonZeroU32::MIN))
                    .allow_burst(NonZeroU32::new(WRONG_TRIES - 1).unwrap_or(NonZeroU32::MIN)),
            ),
            spent: Mutex::new(0),
            inbox: Mutex::new(inbox),
            waiting: Default::default(),
            wake,
        })
    }

    pub(super) fn publish(&self, snapshot: Snapshot) {
        if self.snapshot.borrow().snapshot == snapshot {
            return;
        }
        self.snapshot.send_replace(Arc::new(Shown::new(snapshot)));
    }
}

type Shared_ = Arc<Shared>;

pub(super) async fn serve(
    listener: tokio::net::TcpListener,
    shared: Shared_,
    stopped: oneshot::Receiver<()>,
    max_connections: usize,
) {
    let api = Router::new()
        .route("/api/state", get(state::state))
        .route("/api/events", get(state::events))
        .route("/api/hello", post(state::hello))
        .route("/api/audit", post(submit::audit))
        .route("/api/sign", post(submit::sign))
        .route("/api/propose", post(submit::propose))
        .route("/api/vote", post(submit::vote))
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(&shared),
            joined_only,
        ));
    let router = Router::new()
        .route("/", get(page::index))
        .route("/room.js", get(page::script))
        .route("/room.css", get(page::style))
        .route("/join", get(join::join))
        .route("/api/code", post(join::code))
        .merge(api)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(Arc::clone(&shared), guard))
        .with_state(shared);
    connections::accept(listener, router, stopped, max_connections).await;
}

/// An answer with a message for the page, as JSON.
fn refuse(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

/// Every request: the room's own `Host` (a page fetched under another name is a DNS
/// rebinding attempt), the room's own `Origin` for anything but reading, and the headers that
/// keep the page to itself.
async fn guard(State(shared): State<Shared_>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_lowercase);
    let Some(host) = host.filter(|h| shared.hosts.contains(h)) else {
        let wants_page = request
            .headers()
            .get(header::ACCEPT)
            .and_then(|a| a.to_str().ok())
            .is_some_and(|a| a.contains("text/html"));
        if wants_page {
            return (
                StatusCode::MISDIRECTED_REQUEST,
                page::message(
                    "This is not the room's address",
                    "Open the address shown on the facilitator's screen, or scan its code again.",
                ),
            )
                .into_response();
        }
        return refuse(
            StatusCode::MISDIRECTED_REQUEST,
            "this room answers only at the address it shows",
        );
    };
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let origin = request
            .headers()
            .get(header::ORIGIN)
            .and_then(|o| o.to_str().ok());
        let ours = [format!("http://{host}"), format!("https://{host}")];
        if !origin.is_some_and(|o| ours.iter().any(|ours| ours.eq_ignore_ascii_case(o))) {
            return refuse(
                StatusCode::FORBIDDEN,
                "writes must come from the room's own page (Origin)",
            );
        }
    }
    let Ok(mut response) = tokio::time::timeout(REQUEST_WITHIN, next.run(request)).await else {
        return refuse(
            StatusCode::REQUEST_TIMEOUT,
            "the request took too long to arrive",
        );
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The device's cookie value, when it carries one.
fn token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_owned())
}

/// The device a request comes from, given to the API's handlers.
#[derive(Clone)]
struct Joined(String);

/// The API is for joined devices only, each at its own pace.
async fn joined_only(State(shared): State<Shared_>, mut request: Request, next: Next) -> Response {
    let Some(token) = token(request.headers()).filter(|t| shared.devices().contains_key(t)) else {
        return refuse(
            StatusCode::UNAUTHORIZED,
            "join the room first: scan its code or type its address and code",
        );
    };
    if shared.per_device.check_key(&token).is_err() {
        return refuse(StatusCode::TOO_MANY_REQUESTS, "slow down a little");
    }
    request.extensions_mut().insert(Joined(token));
    next.run(request).await
}
