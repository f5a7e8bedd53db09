//! What a joined page reads: its state, once and as it changes, and who the device is.

use axum::response::IntoResponse as _;

use super::{
    Arc, Deserialize, Duration, Event, HeaderValue, Infallible, Joined, Json, KeepAlive,
    MAX_STREAMS, Response, Shared, Shared_, Shown, Sse, State, StatusCode, Stream, TeamId, header,
    json, refuse, watch,
};
use crate::edit::text::folded;

/// What a device's page shows, as JSON: the room, and who it joined as. The room's part is
/// written once for every page; only the device's own part is written here.
fn state_of(shared: &Shared, token: &str) -> Option<String> {
    let shown = Arc::clone(&shared.snapshot.borrow());
    let devices = shared.devices();
    let device = devices.get(token)?;
    let me = json!({ "name": device.name, "team": device.team.map(|t| t.0) });
    Some(format!(r#"{{"room":{},"me":{me}}}"#, shown.json))
}

/// `GET /api/state`.
pub(super) async fn state(
    State(shared): State<Shared_>,
    axum::Extension(Joined(token)): axum::Extension<Joined>,
) -> Response {
    match state_of(&shared, &token) {
        Some(state) => (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            state,
        )
            .into_response(),
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
        if let Some(device) = self.shared.devices_mut().get_mut(&self.token) {
            device.streams = device.streams.saturating_sub(1);
        }
        (self.shared.wake)();
    }
}

/// `GET /api/events`: the page's state as server-sent events, again each time it changes.
/// A page that loses the connection reconnects by itself and gets the state at once.
pub(super) async fn events(
    State(shared): State<Shared_>,
    axum::Extension(Joined(token)): axum::Extension<Joined>,
) -> Response {
    {
        let mut devices = shared.devices_mut();
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
    snapshots: watch::Receiver<Arc<Shown>>,
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
                Ok(Event::default().event("state").data(state)),
                Some((held, snapshots, devices, false)),
            )),
            // Removed from the room: say so, then end the stream.
            None => Some((Ok(Event::default().event("removed").data("{}")), None)),
        }
    })
}

#[derive(Deserialize)]
pub(super) struct HelloBody {
    name: String,
    team: u64,
}

/// `POST /api/hello {name, team}`: who the device speaks as.
pub(super) async fn hello(
    State(shared): State<Shared_>,
    axum::Extension(Joined(token)): axum::Extension<Joined>,
    Json(body): Json<HelloBody>,
) -> Response {
    let name = match crate::edit::text::name(&body.name) {
        Ok(name) => name,
        Err(message) => return refuse(StatusCode::BAD_REQUEST, &message),
    };
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
        let mut devices = shared.devices_mut();
        let Some(device) = devices.get(&token) else {
            return refuse(StatusCode::UNAUTHORIZED, "you were removed from the room");
        };
        // A device speaks for one team: switching would let one phone sign for every team.
        if device.team.is_some_and(|team| team.0 != body.team) {
            return refuse(
                StatusCode::CONFLICT,
                "this device joined for another team; ask the facilitator to remove it first",
            );
        }
        // And as one person: renaming would let one phone answer and vote as many.
        if let Some(earlier) = &device.name
            && folded(earlier) != folded(&name)
        {
            return refuse(
                StatusCode::CONFLICT,
                &format!(
                    "this device speaks as {earlier}; ask the facilitator to remove it to change the name"
                ),
            );
        }
        let taken = devices.iter().any(|(other, device)| {
            *other != *token
                && device.team.is_some_and(|team| team.0 == body.team)
                && device
                    .name
                    .as_deref()
                    .is_some_and(|n| folded(n) == folded(&name))
        });
        if taken {
            return refuse(
                StatusCode::CONFLICT,
                &format!(
                    "{name} is already in the room for this team; if that was you on another device, ask the facilitator to remove it"
                ),
            );
        }
        let Some(device) = devices.get_mut(&token) else {
            return refuse(StatusCode::UNAUTHORIZED, "you were removed from the room");
        };
        device.name = Some(name);
        device.team = Some(TeamId(body.team));
    }
    shared.device_changes.send_modify(|_| {});
    (shared.wake)();
    Json(json!({ "ok": true })).into_response()
}
