//! A history as the file keeps it: each signed text written once. A later signature on the
//! text of an earlier one (the same hash, the same words) leaves its copy out, and reading
//! fills it back in, so a hundred signatures on one wording cost the file one copy of it,
//! not a hundred. In memory every signature holds its text, as before.

use std::collections::HashMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Position, Signature, Signer, TeamId};

#[derive(Serialize)]
#[serde(rename = "Signature")]
struct Written<'a> {
    team: TeamId,
    position: Position,
    by: &'a Signer,
    at: Option<jiff::Timestamp>,
    reason: &'a str,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "plain")]
    text: Option<&'a str>,
    sha256: &'a str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    carried_over: bool,
}

#[derive(Deserialize)]
#[serde(rename = "Signature")]
struct Read {
    team: TeamId,
    position: Position,
    by: Signer,
    at: Option<jiff::Timestamp>,
    #[serde(default)]
    reason: String,
    #[serde(default, deserialize_with = "present")]
    text: Option<String>,
    sha256: String,
    #[serde(default)]
    carried_over: bool,
}

/// A text that is there, written as the plain string it is (not `Some("…")`).
fn plain<S: Serializer>(text: &Option<&str>, to: S) -> Result<S::Ok, S::Error> {
    to.serialize_str(text.unwrap_or_default())
}

/// A text read as the plain string it is written as; absent, the field's default is none.
fn present<'de, D: Deserializer<'de>>(from: D) -> Result<Option<String>, D::Error> {
    String::deserialize(from).map(Some)
}

pub fn serialize<S: Serializer>(history: &[Signature], to: S) -> Result<S::Ok, S::Error> {
    // The text last written for each hash: the one a reader fills a left-out text from.
    let mut written: HashMap<&str, &str> = HashMap::new();
    to.collect_seq(history.iter().map(|s| {
        let known = written.get(s.sha256.as_str()) == Some(&s.text.as_str());
        if !known {
            written.insert(&s.sha256, &s.text);
        }
        Written {
            team: s.team,
            position: s.position,
            by: &s.by,
            at: s.at,
            reason: &s.reason,
            text: (!known).then_some(s.text.as_str()),
            sha256: &s.sha256,
            carried_over: s.carried_over,
        }
    }))
}

pub fn deserialize<'de, D: Deserializer<'de>>(from: D) -> Result<Vec<Signature>, D::Error> {
    let read = Vec::<Read>::deserialize(from)?;
    let mut texts: HashMap<String, String> = HashMap::new();
    Ok(read
        .into_iter()
        .map(|r| {
            // A text left out with no earlier copy stays empty, and so does not match its
            // hash: the record was changed by hand, and is shown as such.
            let text = match r.text {
                Some(text) => {
                    texts.insert(r.sha256.clone(), text.clone());
                    text
                }
                None => texts.get(&r.sha256).cloned().unwrap_or_default(),
            };
            Signature {
                team: r.team,
                position: r.position,
                by: r.by,
                at: r.at,
                reason: r.reason,
                text,
                sha256: r.sha256,
                carried_over: r.carried_over,
            }
        })
        .collect())
}
