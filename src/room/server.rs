//! The room's HTTP side: who has joined, the guards every request passes, and the API the page
//! (or a script) uses. Everything a participant changes goes to the session's owner as an
//! [`Incoming`]; nothing here touches the session.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

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
use subtle::ConstantTimeEq as _;
use tokio::sync::{oneshot, watch};

use super::apply::{MAX_NAME, MAX_REASON, MAX_WORDING, Refusal, Sender, Submission};
use super::view::Snapshot;
use super::{Incoming, Person, page};
use crate::model::{Agreement, Answer, DefinitionId, Position, SlaId, TeamId};

/// The most devices that can join one room.
pub const MAX_DEVICES: usize = 300;
/// The largest request body, in bytes: a proposed wording with room to spare.
pub const MAX_BODY_BYTES: usize = 8 * 1024;
/// Live connections one device may hold at once (a few tabs).
const MAX_STREAMS: usize = 3;
/// How long a page waits for the session's owner to apply what it sent.
const ANSWER_WITHIN: Duration = Duration::from_secs(5);
/// The name of the cookie a joined device carries.
const COOKIE: &str = "accord_room";

/// A joined device.
struct Device {
    name: Option<String>,
    team: Option<TeamId>,
    streams: usize,
}

pub(super) struct Shared {
    pub(super) secret: String,
    pub(super) code: String,
    /// The `Host` values the room answers to.
    hosts: Vec<String>,
    snapshot: watch::Sender<Arc<Snapshot>>,
    devices: Mutex<HashMap<String, Device>>,
    /// Bumped when a device is removed or says who it is, so live connections learn of it.
    device_changes: watch::Sender<u64>,
    per_device: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<IpAddr>,
    inbox: Mutex<mpsc::Sender<Incoming>>,
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
    const ALPHABET: &[u8; 32] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789#";
    let mut buffer = [0u8; 8];
    getrandom::fill(&mut buffer).map_err(std::io::Error::other)?;
    Ok(buffer
        .iter()
        .map(|b| {
            // 31 usable symbols: '#' is never drawn.
            char::from(ALPHABET[usize::from(*b) % 31])
        })
        .collect())
}

fn quota(per_second: u32, burst: u32) -> Quota {
    let rate = NonZeroU32::new(per_second).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
    Quota::per_second(rate).allow_burst(burst)
}

impl Shared {
    pub(super) fn new(
        hosts: Vec<String>,
        snapshot: Snapshot,
        inbox: mpsc::Sender<Incoming>,
        wake: Box<dyn Fn() + Send + Sync>,
    ) -> std::io::Result<Self> {
        Ok(Self {
            secret: random_hex(16)?,
            code: random_code()?,
            hosts,
            snapshot: watch::Sender::new(Arc::new(snapshot)),
            devices: Mutex::new(HashMap::new()),
            device_changes: watch::Sender::new(0),
            // Five requests a second, ten at once: more than a thumb can send.
            per_device: RateLimiter::keyed(quota(5, 10)),
            // Codes typed, and wrong links: ten a minute from one address.
            per_address: RateLimiter::keyed(
                Quota::per_minute(NonZeroU32::new(10).unwrap_or(NonZeroU32::MIN))
                    .allow_burst(NonZeroU32::new(10).unwrap_or(NonZeroU32::MIN)),
            ),
            inbox: Mutex::new(inbox),
            wake,
        })
    }

    pub(super) fn publish(&self, snapshot: Snapshot) {
        self.snapshot.send_if_modified(|current| {
            if **current == snapshot {
                return false;
            }
            *current = Arc::new(snapshot);
            true
        });
    }

    fn devices(&self) -> std::sync::MutexGuard<'_, HashMap<String, Device>> {
        // A handler that panicked while holding the lock leaves the map as it was: go on.
        self.devices
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(super) fn people(&self) -> Vec<Person> {
        let mut people: Vec<Person> = self
            .devices()
            .values()
            .filter_map(|d| {
                Some(Person {
                    name: d.name.clone()?,
                    team: d.team,
                    connected: d.streams > 0,
                })
            })
            .collect();
        people.sort_by_key(|p| (p.team, p.name.to_lowercase()));
        people
    }

    pub(super) fn remove(&self, name: &str, team: Option<TeamId>) {
        self.devices().retain(|_, d| {
            !(d.team == team
                && d.name
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case(name)))
        });
        self.device_changes.send_modify(|n| *n += 1);
        (self.wake)();
    }

    /// A new device, with its cookie's value; none when the room is full.
    fn join(&self) -> Option<String> {
        let mut devices = self.devices();
        if devices.len() >= MAX_DEVICES {
            return None;
        }
        let token = random_hex(16).ok()?;
        devices.insert(
            token.clone(),
            Device {
                name: None,
                team: None,
                streams: 0,
            },
        );
        Some(token)
    }
}

type Shared_ = Arc<Shared>;

pub(super) async fn serve(
    listener: tokio::net::TcpListener,
    shared: Shared_,
    stopped: oneshot::Receiver<()>,
) {
    let api = Router::new()
        .route("/api/state", get(state))
        .route("/api/events", get(events))
        .route("/api/hello", post(hello))
        .route("/api/audit", post(audit))
        .route("/api/sign", post(sign))
        .route("/api/propose", post(propose))
        .route("/api/vote", post(vote))
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(&shared),
            joined_only,
        ));
    let router = Router::new()
        .route("/", get(page::index))
        .route("/room.js", get(page::script))
        .route("/room.css", get(page::style))
        .route("/join", get(join))
        .route("/api/code", post(code))
        .merge(api)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(Arc::clone(&shared), guard))
        .with_state(shared);
    let _ = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = stopped.await;
    })
    .await;
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
    let mut response = next.run(request).await;
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

/// A joined device's cookie: not readable by scripts, never sent from another site.
fn cookie(token: &str) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

#[derive(Deserialize)]
struct JoinQuery {
    #[serde(default)]
    key: String,
}

/// `GET /join?key=SECRET`: the address in the QR code. The secret becomes a cookie, and the
/// page opens without it in the address bar.
async fn join(
    State(shared): State<Shared_>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Query(query): Query<JoinQuery>,
) -> Response {
    let right: bool = query.key.as_bytes().ct_eq(shared.secret.as_bytes()).into();
    if !right {
        // The secret cannot be guessed; wrong tries are still slowed, so a page that keeps
        // trying an old link does not hammer the room.
        if shared.per_address.check_key(&peer.ip()).is_err() {
            return refuse(
                StatusCode::TOO_MANY_REQUESTS,
                "too many tries; wait a minute",
            );
        }
        return (
            StatusCode::FORBIDDEN,
            page::message(
                "This link is not for this room",
                "The room may have been closed and opened again. Scan the code on the screen again.",
            ),
        )
            .into_response();
    }
    let Some(token) = shared.join() else {
        return refuse(StatusCode::SERVICE_UNAVAILABLE, "the room is full");
    };
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, cookie(&token));
    response
}

#[derive(Deserialize)]
struct CodeBody {
    code: String,
}

/// `POST /api/code {code}`: joining by the short code typed from the screen.
async fn code(
    State(shared): State<Shared_>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(body): Json<CodeBody>,
) -> Response {
    if shared.per_address.check_key(&peer.ip()).is_err() {
        return refuse(
            StatusCode::TOO_MANY_REQUESTS,
            "too many tries; wait a minute",
        );
    }
    let typed: String = body
        .code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let right: bool = typed.as_bytes().ct_eq(shared.code.as_bytes()).into();
    if !right {
        return refuse(StatusCode::FORBIDDEN, "that is not this room's code");
    }
    let Some(token) = shared.join() else {
        return refuse(StatusCode::SERVICE_UNAVAILABLE, "the room is full");
    };
    let mut response = Json(json!({ "ok": true })).into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, cookie(&token));
    response
}

/// What a device's page shows: the room, and who it joined as.
fn state_of(shared: &Shared, token: &str) -> Option<serde_json::Value> {
    let snapshot = Arc::clone(&shared.snapshot.borrow());
    let devices = shared.devices();
    let device = devices.get(token)?;
    Some(json!({
        "room": *snapshot,
        "me": { "name": device.name, "team": device.team.map(|t| t.0) },
    }))
}

/// `GET /api/state`.
async fn state(
    State(shared): State<Shared_>,
    axum::Extension(Joined(token)): axum::Extension<Joined>,
) -> Response {
    match state_of(&shared, &token) {
        Some(state) => Json(state).into_response(),
        None => refuse(StatusCode::UNAUTHORIZED, "you were removed from the room"),
    }
}

/// Counts a live connection of a device while it lasts.
struct Stream_ {
    shared: Shared_,
    token: String,
}

impl Drop for Stream_ {
    fn drop(&mut self) {
        if let Some(device) = self.shared.devices().get_mut(&self.token) {
            device.streams = device.streams.saturating_sub(1);
        }
        (self.shared.wake)();
    }
}

/// `GET /api/events`: the page's state as server-sent events, again each time it changes.
/// A page that loses the connection reconnects by itself and gets the state at once.
async fn events(
    State(shared): State<Shared_>,
    axum::Extension(Joined(token)): axum::Extension<Joined>,
) -> Response {
    {
        let mut devices = shared.devices();
        let Some(device) = devices.get_mut(&token) else {
            return refuse(StatusCode::UNAUTHORIZED, "you were removed from the room");
        };
        if device.streams >= MAX_STREAMS {
            return refuse(
                StatusCode::TOO_MANY_REQUESTS,
                "this device is connected already",
            );
        }
        device.streams += 1;
    }
    (shared.wake)();
    let held = Stream_ {
        shared: Arc::clone(&shared),
        token,
    };
    let snapshots = shared.snapshot.subscribe();
    let device_changes = shared.device_changes.subscribe();
    let stream = updates(held, snapshots, device_changes);
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

fn updates(
    held: Stream_,
    snapshots: watch::Receiver<Arc<Snapshot>>,
    devices: watch::Receiver<u64>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    futures_util::stream::unfold(Some((held, snapshots, devices, true)), |turn| async move {
        let (held, mut snapshots, mut devices, first) = turn?;
        if !first {
            tokio::select! {
                changed = snapshots.changed() => changed.ok()?,
                changed = devices.changed() => changed.ok()?,
            }
        }
        match state_of(&held.shared, &held.token) {
            Some(state) => Some((
                Ok(Event::default().event("state").data(state.to_string())),
                Some((held, snapshots, devices, false)),
            )),
            // Removed from the room: say so, then end the stream.
            None => Some((Ok(Event::default().event("removed").data("{}")), None)),
        }
    })
}

/// The device's name and team, once it said them.
fn sender(shared: &Shared, token: &str) -> Result<Sender, (StatusCode, &'static str)> {
    let devices = shared.devices();
    let device = devices
        .get(token)
        .ok_or((StatusCode::UNAUTHORIZED, "you were removed from the room"))?;
    match (&device.name, device.team) {
        (Some(name), Some(team)) => Ok(Sender {
            name: name.clone(),
            team,
        }),
        _ => Err((
            StatusCode::CONFLICT,
            "say who you are and which team you speak for first",
        )),
    }
}

#[derive(Deserialize)]
struct HelloBody {
    name: String,
    team: u64,
}

/// `POST /api/hello {name, team}`: who the device speaks as.
async fn hello(
    State(shared): State<Shared_>,
    axum::Extension(Joined(token)): axum::Extension<Joined>,
    Json(body): Json<HelloBody>,
) -> Response {
    let name = body.name.trim();
    if name.is_empty() {
        return refuse(StatusCode::BAD_REQUEST, "give your name");
    }
    if name.chars().count() > MAX_NAME {
        return refuse(
            StatusCode::BAD_REQUEST,
            &format!("a name has at most {MAX_NAME} characters"),
        );
    }
    if name.chars().any(char::is_control) {
        return refuse(StatusCode::BAD_REQUEST, "a name is one line of text");
    }
    let known = shared
        .snapshot
        .borrow()
        .teams
        .iter()
        .any(|t| t.id == body.team);
    if !known {
        return refuse(StatusCode::BAD_REQUEST, "that team is not in this workshop");
    }
    {
        let mut devices = shared.devices();
        let Some(device) = devices.get_mut(&token) else {
            return refuse(StatusCode::UNAUTHORIZED, "you were removed from the room");
        };
        // A device speaks for one team: switching would let one phone sign for every team.
        if device.team.is_some_and(|team| team.0 != body.team) {
            return refuse(
                StatusCode::CONFLICT,
                "this device joined for another team; ask the facilitator to remove it first",
            );
        }
        device.name = Some(name.to_owned());
        device.team = Some(TeamId(body.team));
    }
    shared.device_changes.send_modify(|_| {});
    (shared.wake)();
    Json(json!({ "ok": true })).into_response()
}

/// Hands `what` to the session's owner and answers with what it did.
async fn submit(shared: &Shared, token: &str, what: Submission) -> Response {
    if shared.snapshot.borrow().locked {
        return refuse(StatusCode::LOCKED, "the facilitator locked input for now");
    }
    let from = match sender(shared, token) {
        Ok(from) => from,
        Err((status, message)) => return refuse(status, message),
    };
    let (reply, answer) = oneshot::channel();
    let sent = shared
        .inbox
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .send(Incoming { from, what, reply });
    if sent.is_err() {
        return refuse(StatusCode::SERVICE_UNAVAILABLE, "the room is closing");
    }
    (shared.wake)();
    match tokio::time::timeout(ANSWER_WITHIN, answer).await {
        Ok(Ok(Ok(message))) => Json(json!({ "ok": true, "message": message })).into_response(),
        Ok(Ok(Err(Refusal::Stale { text, sha256 }))) => (
            StatusCode::CONFLICT,
            Json(json!({
                "error": Refusal::Stale { text: String::new(), sha256: String::new() }.to_string(),
                "text": text,
                "sha256": sha256,
            })),
        )
            .into_response(),
        Ok(Ok(Err(Refusal::Invalid(message)))) => {
            refuse(StatusCode::UNPROCESSABLE_ENTITY, &message)
        }
        _ => refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "the facilitator's screen did not answer; send it again",
        ),
    }
}

/// The agreement a page's key names, when it is on offer now.
fn offered(shared: &Shared, key: &str) -> Option<Agreement> {
    let on_offer = shared
        .snapshot
        .borrow()
        .agreements
        .iter()
        .any(|a| a.key == key);
    if !on_offer {
        return None;
    }
    match key.split_once(':') {
        None if key == "icp" => Some(Agreement::Icp),
        None if key == "pipeline" => Some(Agreement::Pipeline),
        Some(("definition", id)) => id
            .parse()
            .ok()
            .map(|id| Agreement::Definition(DefinitionId(id))),
        Some(("sla", id)) => id.parse().ok().map(|id| Agreement::Sla(SlaId(id))),
        _ => None,
    }
}

#[derive(Deserialize)]
struct AuditBody {
    #[serde(default)]
    answers: HashMap<String, String>,
    #[serde(default)]
    recognised: Vec<String>,
}

/// `POST /api/audit {answers: {KEY: yes|no|dont-know}, recognised: [KEY]}`.
async fn audit(
    State(shared): State<Shared_>,
    axum::Extension(Joined(token)): axum::Extension<Joined>,
    Json(body): Json<AuditBody>,
) -> Response {
    if shared.snapshot.borrow().questions.is_empty() {
        return refuse(StatusCode::CONFLICT, "the audit is not open now");
    }
    let mut answers = std::collections::BTreeMap::new();
    for (key, answer) in body.answers {
        let answer = match answer.as_str() {
            "yes" => Answer::Yes,
            "no" => Answer::No,
            "dont-know" => Answer::DontKnow,
            _ => return refuse(StatusCode::BAD_REQUEST, "answer yes, no or dont-know"),
        };
        answers.insert(key, answer);
    }
    let what = Submission::Audit {
        answers,
        recognised: body.recognised.into_iter().collect(),
    };
    submit(&shared, &token, what).await
}

#[derive(Deserialize)]
struct SignBody {
    agreement: String,
    position: String,
    #[serde(default)]
    reason: String,
    sha256: String,
}

/// `POST /api/sign {agreement, position, reason, sha256}`.
async fn sign(
    State(shared): State<Shared_>,
    axum::Extension(Joined(token)): axum::Extension<Joined>,
    Json(body): Json<SignBody>,
) -> Response {
    let Some(agreement) = offered(&shared, &body.agreement) else {
        return refuse(
            StatusCode::CONFLICT,
            "that agreement is not on the screen now",
        );
    };
    let Some(position) = Position::parse(&body.position) else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "the position is endorse, agree-with-reservations, stand-aside, disagree or block",
        );
    };
    if body.reason.chars().count() > MAX_REASON {
        return refuse(
            StatusCode::BAD_REQUEST,
            &format!("a reason has at most {MAX_REASON} characters"),
        );
    }
    let what = Submission::Sign {
        agreement,
        position,
        reason: body.reason,
        sha256: body.sha256,
    };
    submit(&shared, &token, what).await
}

#[derive(Deserialize)]
struct ProposeBody {
    agreement: String,
    wording: String,
}

/// `POST /api/propose {agreement, wording}`.
async fn propose(
    State(shared): State<Shared_>,
    axum::Extension(Joined(token)): axum::Extension<Joined>,
    Json(body): Json<ProposeBody>,
) -> Response {
    let Some(agreement) = offered(&shared, &body.agreement) else {
        return refuse(
            StatusCode::CONFLICT,
            "that agreement is not on the screen now",
        );
    };
    if body.wording.chars().count() > MAX_WORDING {
        return refuse(
            StatusCode::BAD_REQUEST,
            &format!("a wording has at most {MAX_WORDING} characters"),
        );
    }
    let what = Submission::Propose {
        agreement,
        wording: body.wording,
    };
    submit(&shared, &token, what).await
}

#[derive(Deserialize)]
struct VoteBody {
    #[serde(default)]
    dots: HashMap<String, u8>,
}

/// `POST /api/vote {dots: {KEY: N}}`.
async fn vote(
    State(shared): State<Shared_>,
    axum::Extension(Joined(token)): axum::Extension<Joined>,
    Json(body): Json<VoteBody>,
) -> Response {
    if shared.snapshot.borrow().vote.is_none() {
        return refuse(StatusCode::CONFLICT, "no vote is open now");
    }
    let what = Submission::Vote {
        dots: body.dots.into_iter().collect(),
    };
    submit(&shared, &token, what).await
}
