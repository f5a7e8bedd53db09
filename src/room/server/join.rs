//! Joining the room: by the QR code's address, or by the short code typed from the screen.

use axum::response::IntoResponse as _;
use subtle::ConstantTimeEq as _;

use axum::http::HeaderMap;

use super::devices::NotJoined;
use super::{
    COOKIE, ConnectInfo, Deserialize, Duration, HeaderValue, IpAddr, Json, Query, Response, Shared,
    Shared_, SocketAddr, State, StatusCode, header, json, page, refuse,
};

/// How long an address that used up its wrong tries waits before it may join.
const BARRED_FOR: Duration = Duration::from_secs(60);
/// Addresses remembered at most, barred or counted: past it the oldest counts are let go.
const ADDRESSES_KEPT: usize = 10_000;

impl Shared {
    /// The client a request comes from: behind the reverse proxy the room was opened for,
    /// the address the proxy forwards (the last in `X-Forwarded-For`, the one the proxy
    /// itself saw); otherwise the socket's. Every remote phone reaches the room through the
    /// proxy, so counting the proxy's own address would let one of them bar the rest.
    pub(super) fn client(&self, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
        if !self.behind_proxy {
            return peer.ip();
        }
        // Only the last entry is the proxy's: those before it are whatever the client sent.
        headers
            .get_all("x-forwarded-for")
            .iter()
            .next_back()
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.rsplit(',').next())
            .and_then(|part| part.trim().parse::<IpAddr>().ok())
            .unwrap_or(peer.ip())
    }

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

    /// Counts a wrong link or code from `ip`; at the tenth in a minute, nothing from it joins
    /// for a minute. A right one costs nothing.
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

/// The status, title and sentence a device that could not join is shown.
fn not_joined_page(not_joined: &NotJoined) -> (StatusCode, &'static str, &'static str) {
    match not_joined {
        NotJoined::Full => (
            StatusCode::SERVICE_UNAVAILABLE,
            "The room is full",
            "Every place in the room is taken. Tell the facilitator: they can remove the devices that are no longer used.",
        ),
        NotJoined::TooManyUnnamed => (
            StatusCode::TOO_MANY_REQUESTS,
            "Too many devices from here",
            "Several devices joined from this network address without saying who they are. Wait two minutes, then scan the code again.",
        ),
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
    headers: HeaderMap,
    Query(query): Query<JoinQuery>,
) -> Response {
    let client = shared.client(peer, &headers);
    if shared.barred(client) {
        return (
            StatusCode::TOO_MANY_REQUESTS,
            page::message(
                "Too many wrong tries from here",
                "Wait a minute, then scan the code on the screen again.",
            ),
        )
            .into_response();
    }
    let right: bool = query.key.as_bytes().ct_eq(shared.secret.as_bytes()).into();
    if !right {
        // The secret cannot be guessed; wrong tries are still slowed, so a page that keeps
        // trying an old link does not hammer the room.
        shared.wrong_try(client);
        return (
            StatusCode::FORBIDDEN,
            page::message(
                "This link is not for this room",
                "The room may have been closed and opened again. Scan the code on the screen again.",
            ),
        )
            .into_response();
    }
    let token = match shared.join(client) {
        Ok(token) => token,
        Err(not_joined) => {
            let (status, title, text) = not_joined_page(&not_joined);
            return (status, page::message(title, text)).into_response();
        }
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
    headers: HeaderMap,
    Json(body): Json<CodeBody>,
) -> Response {
    let client = shared.client(peer, &headers);
    if shared.barred(client) {
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
        shared.wrong_try(client);
        return refuse(StatusCode::FORBIDDEN, "that is not this room's code");
    }
    let token = match shared.join(client) {
        Ok(token) => token,
        Err(not_joined) => {
            let (status, _, text) = not_joined_page(&not_joined);
            return refuse(status, text);
        }
    };
    let mut response = Json(json!({ "ok": true })).into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, cookie(&token));
    response
}
