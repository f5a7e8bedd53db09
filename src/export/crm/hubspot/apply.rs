//! What a portal still needs of a plan: read what it has, then create what is missing and
//! update what differs, never deleting. The transport is the caller's ([`Portal`]), so this is
//! the same against HubSpot and against a test's stand-in.

use serde_json::{Value, json};
use thiserror::Error;

use super::{Call, LEAD_STATUS};

/// What a portal answered that was not a success.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum PortalError {
    /// The portal answered with an error status; `message` is its own words.
    #[error("HubSpot answered {status}: {message}")]
    Status { status: u16, message: String },
    /// The call did not reach the portal, or its answer could not be read.
    #[error("{0}")]
    Transport(String),
}

/// The way to a portal: read a path (`None` when it does not exist), or send a change.
pub trait Portal {
    fn get(&mut self, path: &str) -> Result<Option<Value>, PortalError>;
    fn send(&mut self, method: &str, path: &str, body: &Value) -> Result<Value, PortalError>;
}

/// One call the portal needs, and what it does in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub method: String,
    pub path: String,
    pub body: Value,
    /// "create the contact property accord_score".
    pub summary: String,
}

/// What the portal needs of the plan, read before anything is sent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Review {
    pub changes: Vec<Change>,
    /// What the portal already has as the plan says: "the contact property accord_score".
    pub unchanged: Vec<String>,
    /// What the portal has that the plan does not, left alone: a stage of Accord's pipeline
    /// the agreement no longer names.
    pub kept: Vec<String>,
}

/// Why a plan was not applied.
#[derive(Debug, Error)]
pub enum ApplyError {
    #[error("plan.json, call {index}: {message}")]
    Plan { index: usize, message: String },
    #[error("reading {path} from the portal failed: {error}")]
    Read { path: String, error: PortalError },
    /// A change failed: those before it were made, those after it were not sent.
    #[error("{} {} ({}) failed: {}", .0.method, .0.path, .0.summary, .0.error)]
    Change(Box<Failed>),
}

/// The change that failed, what was done before it and what was not sent.
#[derive(Debug)]
pub struct Failed {
    pub method: String,
    pub path: String,
    pub summary: String,
    pub error: PortalError,
    pub done: Vec<String>,
    pub not_sent: Vec<String>,
}

/// Reads `plan.json`'s text; a malformed file names its line and column.
pub fn read_plan(text: &str) -> Result<Vec<Call>, ApplyError> {
    serde_json::from_str(text).map_err(|error| ApplyError::Plan {
        index: 0,
        message: format!(
            "not a plan: line {}, column {}: {error}",
            error.line(),
            error.column()
        ),
    })
}

fn text<'v>(value: &'v Value, key: &str) -> &'v str {
    value.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// `path` with one segment made safe: names come from the plan, which a person may edit.
fn segment(name: &str) -> Result<&str, String> {
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if valid {
        Ok(name)
    } else {
        Err(format!("“{name}” is not a name HubSpot takes"))
    }
}

/// The options as HubSpot's option input holds them, for comparing.
fn options(value: &Value) -> Vec<Value> {
    value
        .get("options")
        .and_then(Value::as_array)
        .map(|options| {
            options
                .iter()
                .map(|o| {
                    json!({
                        "label": text(o, "label"),
                        "value": text(o, "value"),
                        "description": text(o, "description"),
                        "displayOrder": o.get("displayOrder").and_then(Value::as_i64).unwrap_or(-1),
                        "hidden": o.get("hidden").and_then(Value::as_bool).unwrap_or(false),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The fields of `wanted` that `have` holds differently; options compared as HubSpot keeps them.
fn differs(wanted: &Value, have: &Value) -> bool {
    let Some(wanted) = wanted.as_object() else {
        return false;
    };
    wanted.iter().any(|(key, value)| match key.as_str() {
        "name" => false,
        "options" => options(&json!({ "options": value })) != options(have),
        _ => have.get(key) != Some(value),
    })
}

fn without_name(body: &Value) -> Value {
    let mut body = body.clone();
    if let Some(map) = body.as_object_mut() {
        map.remove("name");
    }
    body
}

/// Reads what the portal has for each call of `plan`, and returns what it still needs.
pub fn review(plan: &[Call], portal: &mut impl Portal) -> Result<Review, ApplyError> {
    let mut review = Review::default();
    for (index, call) in plan.iter().enumerate() {
        let bad = |message: String| ApplyError::Plan {
            index: index + 1,
            message,
        };
        let name = text(&call.body, "name");
        match (call.method.as_str(), call.path.as_str()) {
            ("POST", "/crm/v3/properties/contacts/groups") => {
                let name = segment(name).map_err(bad)?;
                let at = format!("{}/{name}", call.path);
                by_name(
                    call,
                    at,
                    format!("the contact property group {name}"),
                    portal,
                    &mut review,
                )?;
            }
            ("POST", "/crm/v3/properties/contacts") => {
                let name = segment(name).map_err(bad)?;
                let at = format!("{}/{name}", call.path);
                by_name(
                    call,
                    at,
                    format!("the contact property {name}"),
                    portal,
                    &mut review,
                )?;
            }
            ("PATCH", path) if path == format!("/crm/v3/properties/contacts/{LEAD_STATUS}") => {
                let what = format!("the lead statuses ({LEAD_STATUS})");
                let have = read(portal, path)?.ok_or_else(|| {
                    bad(format!(
                        "the portal has no {LEAD_STATUS} property to add options to"
                    ))
                })?;
                let have = options(&have);
                let wanted = options(&call.body);
                // The portal's own options stay, in their places; Accord's replace theirs by
                // value or come after.
                let mut merged: Vec<Value> = have
                    .iter()
                    .map(|option| {
                        wanted
                            .iter()
                            .find(|w| w["value"] == option["value"])
                            .unwrap_or(option)
                            .clone()
                    })
                    .collect();
                for option in &wanted {
                    if !have.iter().any(|h| h["value"] == option["value"]) {
                        merged.push(option.clone());
                    }
                }
                if merged == have {
                    review.unchanged.push(what);
                } else {
                    review.changes.push(Change {
                        method: "PATCH".to_owned(),
                        path: path.to_owned(),
                        body: json!({ "options": merged }),
                        summary: format!("add to {what}"),
                    });
                }
            }
            ("POST", "/crm/v3/pipelines/deals") => {
                pipeline(call, index, portal, &mut review)?;
            }
            (method, path) => {
                return Err(bad(format!(
                    "Accord does not know how to apply {method} {path}"
                )));
            }
        }
    }
    Ok(review)
}

/// A group or a property, found by name at `at`: created when missing, updated (without its
/// name, which HubSpot does not change) when it differs.
fn by_name(
    call: &Call,
    at: String,
    what: String,
    portal: &mut impl Portal,
    review: &mut Review,
) -> Result<(), ApplyError> {
    match read(portal, &at)? {
        None => review.changes.push(Change {
            method: "POST".to_owned(),
            path: call.path.clone(),
            body: call.body.clone(),
            summary: format!("create {what}"),
        }),
        Some(have) if differs(&call.body, &have) => review.changes.push(Change {
            method: "PATCH".to_owned(),
            path: at,
            body: without_name(&call.body),
            summary: format!("update {what}"),
        }),
        Some(_) => review.unchanged.push(what),
    }
    Ok(())
}

fn read(portal: &mut impl Portal, path: &str) -> Result<Option<Value>, ApplyError> {
    portal.get(path).map_err(|error| ApplyError::Read {
        path: path.to_owned(),
        error,
    })
}

fn same_label(a: &Value, b: &Value) -> bool {
    text(a, "label").trim().to_lowercase() == text(b, "label").trim().to_lowercase()
}

fn pipeline(
    call: &Call,
    index: usize,
    portal: &mut impl Portal,
    review: &mut Review,
) -> Result<(), ApplyError> {
    let label = text(&call.body, "label");
    let what = format!("the deal pipeline “{label}”");
    let path = "/crm/v3/pipelines/deals";
    let have = read(portal, path)?;
    let pipelines = have
        .as_ref()
        .and_then(|h| h.get("results"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let Some(existing) = pipelines.iter().find(|p| same_label(p, &call.body)) else {
        review.changes.push(Change {
            method: "POST".to_owned(),
            path: path.to_owned(),
            body: call.body.clone(),
            summary: format!("create {what} with its stages"),
        });
        return Ok(());
    };
    let id = segment(text(existing, "id")).map_err(|message| ApplyError::Plan {
        index: index + 1,
        message: format!("the portal's pipeline: {message}"),
    })?;
    let stages_have: Vec<&Value> = existing
        .get("stages")
        .and_then(Value::as_array)
        .map(|s| {
            s.iter()
                .filter(|s| s.get("archived") != Some(&Value::Bool(true)))
                .collect()
        })
        .unwrap_or_default();
    let wanted = call
        .body
        .get("stages")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let probability = |stage: &Value| {
        stage
            .pointer("/metadata/probability")
            .and_then(Value::as_str)
            .and_then(|p| p.parse::<f64>().ok())
    };
    let closed = |stage: &Value| {
        stage
            .pointer("/metadata/isClosed")
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    for stage in &wanted {
        let stage_label = text(stage, "label");
        match stages_have.iter().find(|s| same_label(s, stage)) {
            None => review.changes.push(Change {
                method: "POST".to_owned(),
                path: format!("{path}/{id}/stages"),
                body: stage.clone(),
                summary: format!("add the stage “{stage_label}” to {what}"),
            }),
            Some(have) => {
                let same = have.get("displayOrder") == stage.get("displayOrder")
                    && probability(have) == probability(stage)
                    && closed(have) == closed(stage);
                if same {
                    review
                        .unchanged
                        .push(format!("the stage “{stage_label}” of {what}"));
                } else {
                    let stage_id =
                        segment(text(have, "id")).map_err(|message| ApplyError::Plan {
                            index: index + 1,
                            message: format!("the portal's stage: {message}"),
                        })?;
                    review.changes.push(Change {
                        method: "PATCH".to_owned(),
                        path: format!("{path}/{id}/stages/{stage_id}"),
                        body: stage.clone(),
                        summary: format!("update the stage “{stage_label}” of {what}"),
                    });
                }
            }
        }
    }
    for have in stages_have {
        if !wanted.iter().any(|w| same_label(w, have)) {
            review.kept.push(format!(
                "the stage “{}” of {what}, which the agreement does not name (Accord never deletes: archive it by hand if it was renamed)",
                text(have, "label")
            ));
        }
    }
    if review.changes.iter().all(|c| !c.path.starts_with(path)) {
        review.unchanged.push(what);
    }
    Ok(())
}

/// Sends `changes` in order and returns what each did; the first failure stops it, naming the
/// call, what was done before it and what was not sent.
pub fn apply(changes: &[Change], portal: &mut impl Portal) -> Result<Vec<String>, ApplyError> {
    let mut done = Vec::new();
    for (index, change) in changes.iter().enumerate() {
        if let Err(error) = portal.send(&change.method, &change.path, &change.body) {
            return Err(ApplyError::Change(Box::new(Failed {
                method: change.method.clone(),
                path: change.path.clone(),
                summary: change.summary.clone(),
                error,
                done,
                not_sent: changes[index + 1..]
                    .iter()
                    .map(|c| c.summary.clone())
                    .collect(),
            })));
        }
        done.push(change.summary.clone());
    }
    Ok(done)
}
