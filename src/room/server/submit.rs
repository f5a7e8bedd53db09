//! What a phone sends: checked here, then applied by the session's owner, which answers.

use axum::response::IntoResponse as _;

use super::{
    ANSWER_WITHIN, Agreement, Answer, Deserialize, HashMap, Incoming, Joined, Json, Position,
    Refusal, Response, Sender, Shared, Shared_, State, StatusCode, Submission, json, oneshot,
    refuse,
};

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

/// Hands `what` to the session's owner and answers with what it did.
async fn submit(shared: &Shared, token: &str, what: Submission) -> Response {
    if shared.snapshot.borrow().locked {
        return refuse(StatusCode::LOCKED, "the facilitator locked input for now");
    }
    let from = match sender(shared, token) {
        Ok(from) => from,
        Err((status, message)) => return refuse(status, message),
    };
    // What it adds to the file is bounded per device and per room, in bytes as written.
    let cost = what.cost(&from);
    if let Err(refusal) = shared.charge(token, cost) {
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, &refusal.to_string());
    }
    let (reply, answer) = oneshot::channel();
    let _waits = shared.waiting.begin();
    let sent = shared
        .inbox
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .send(Incoming { from, what, reply });
    if sent.is_err() {
        shared.refund(token, cost);
        return refuse(StatusCode::SERVICE_UNAVAILABLE, "the room is closing");
    }
    (shared.wake)();
    let answer = tokio::time::timeout(ANSWER_WITHIN, answer).await;
    if matches!(answer, Ok(Ok(Err(_))) | Ok(Err(_))) {
        shared.refund(token, cost);
    }
    match answer {
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
        // Dropped unanswered: the session's owner closed the room before it got to it.
        Ok(Err(_)) => refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "the room closed before this was recorded",
        ),
        // The owner may still record it: a page that sends it again is answered that it was
        // recorded already, since the same submission twice is kept once.
        Err(_) => refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "the facilitator's screen has not answered yet; send it again, and it is kept once",
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
    crate::room::view::parse_key(key)
}

#[derive(Deserialize)]
pub(super) struct AuditBody {
    #[serde(default)]
    answers: HashMap<String, String>,
    #[serde(default)]
    recognised: Vec<String>,
}

/// `POST /api/audit {answers: {KEY: yes|no|dont-know}, recognised: [KEY]}`.
pub(super) async fn audit(
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
pub(super) struct SignBody {
    agreement: String,
    position: String,
    #[serde(default)]
    reason: String,
    sha256: String,
}

/// `POST /api/sign {agreement, position, reason, sha256}`.
pub(super) async fn sign(
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
    let what = Submission::Sign {
        agreement,
        position,
        reason: body.reason,
        sha256: body.sha256,
    };
    submit(&shared, &token, what).await
}

#[derive(Deserialize)]
pub(super) struct ProposeBody {
    agreement: String,
    wording: String,
}

/// `POST /api/propose {agreement, wording}`.
pub(super) async fn propose(
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
    if let Err(refusal) = shared.count_proposal(&token, &body.agreement) {
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, &refusal.to_string());
    }
    let what = Submission::Propose {
        agreement,
        wording: body.wording,
    };
    let answer = submit(&shared, &token, what).await;
    if !answer.status().is_success() {
        shared.uncount_proposal(&token, &body.agreement);
    }
    answer
}

#[derive(Deserialize)]
pub(super) struct VoteBody {
    #[serde(default)]
    dots: HashMap<String, u8>,
}

/// `POST /api/vote {dots: {KEY: N}}`.
pub(super) async fn vote(
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
