//! Joining the room: by the QR code's address, or by the short code typed from the screen.

use axum::response::IntoResponse as _;
use subtle::ConstantTimeEq as _;

use super::{
    COOKIE, ConnectInfo, Deserialize, Duration, HeaderValue, IpAddr, Json, Query, Response, Shared,
    Shared_, SocketAddr, State, StatusCode, header, json, page, refuse,
};

/// How long an address that used up its wrong tries waits before it may join.
const BARRED_FOR: Duration = Duration::from_secs(60);
/// Addresses remembered at most, barred or counted: past it the oldest counts are let go.
const ADDRESSES_KEPT: usize = 10_000;

impl Shared {
    /// Whether `ip` used up its wrong tries within the last minute.
    fn barred(&self, ip: IpAddr) -> bool {
        let now = std::time::Instant::now();
        let mut barred = self
            .barred
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        barred.retain(|_, until| *until > now);
        barred.contains_key(&ip)
    }

    /// Counts a wrong link or code from `ip`; past ten a minute, nothing from it joins for a
    /// minute. A right one costs nothing, so a room's phones behind one proxy all join.
    fn wrong_try(&self, ip: IpAddr) {
        if self.per_address.len() > ADDRESSES_KEPT {
            self.per_address.retain_recent();
        }
        if self.per_address.check_key(&ip).is_err() {
            let mut barred = self
                .barred
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if barred.len() < ADDRESSES_KEPT {
                barred.insert(ip, std::time::Instant::now() + BARRED_FOR);
            }
        }
    }
}

fn too_many() -> Response {
    refuse(
        StatusCode::TOO_MANY_REQUESTS,
        "too many wrong tries from here; wait a minute",
    )
}

/// A joined device's cookie: not readable by scripts, never sent from another site.
fn cookie(token: &str) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

#[derive(Deserialize)]
pub(super) struct JoinQuery {
    #[serde(default)]
    key: String,
}

/// `GET /join?key=SECRET`: the address in the QR code. The secret becomes a cookie, and the
/// page opens without it in the address bar.
pub(super) async fn join(
    State(shared): State<Shared_>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Query(query): Query<JoinQuery>,
) -> Response {
    if shared.barred(peer.ip()) {
        return too_many();
    }
    let right: bool = query.key.as_bytes().ct_eq(shared.secret.as_bytes()).into();
    if !right {
        // The secret cannot be guessed; wrong tries are still slowed, so a page that keeps
        // trying an old link does not hammer the room.
        shared.wrong_try(peer.ip());
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
pub(super) struct CodeBody {
    code: String,
}

/// `POST /api/code {code}`: joining by the short code typed from the screen.
pub(super) async fn code(
    State(shared): State<Shared_>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(body): Json<CodeBody>,
) -> Response {
    if shared.barred(peer.ip()) {
        return too_many();
    }
    let typed: String = body
        .code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let right: bool = typed.as_bytes().ct_eq(shared.code.as_bytes()).into();
    if !right {
        shared.wrong_try(peer.ip());
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
