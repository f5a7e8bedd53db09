//! Property tests: a session full of hostile text and odd floats survives a save and a load.
//!
//! Every bundled template, with one of each kind of item added, gives the shape; the test then
//! writes hostile strings into randomly chosen text fields and hostile floats into every float,
//! saves to a real file, loads it back, and asks that nothing changed: load(save(s)) == s, and
//! save(load(save(s))) == save(s). Text fields are found by probing the session's own
//! serialisation, so a field added later is covered without touching this file.

use std::ops::RangeInclusive;
use std::sync::OnceLock;

use accord::model::{
    Agreement, AntiPattern, Criterion, DataSummary, Definition, Metric, Position, Proposal,
    Session, Signer, Sla, Step, ValueFinding, bounds,
};
use accord::storage::{self, templates};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;

/// A way into a JSON tree: object keys and array indices.
#[derive(Clone, Debug)]
enum Key {
    Field(String),
    Item(usize),
}

/// A template with one of each repeated item, and the paths of its free-text fields.
struct Shape {
    json: Value,
    text_fields: Vec<Vec<Key>>,
}

fn filled(name: &str) -> Session {
    let mut session = templates::find(name).unwrap().session().unwrap();
    let team = session.add_team("Revenue Operations");
    session.add_participant();
    session.add_decision(Some(Step::Definitions), "decision".into());
    session.add_action(Some(Step::Slas), "action".into());
    session.add_parked(None, "parked".into());
    session.add_criterion(Criterion::default());
    session.add_definition(Definition::default());
    session.add_metric(Metric::default());
    session.add_meeting();
    session.add_stage();
    let id = session.new_id();
    let mut sla = Sla {
        id,
        ..Sla::default()
    };
    sla.business_hours.holidays = vec![jiff::civil::date(2026, 12, 25)];
    session.slas.push(sla);
    let id = session.new_id();
    session.icp.anti_patterns.push(AntiPattern {
        id,
        ..AntiPattern::default()
    });
    session.icp.data = Some(DataSummary {
        attributes: vec!["attribute".into()],
        findings: vec![ValueFinding::default()],
        rejected: vec!["rejected".into()],
        ..DataSummary::default()
    });
    let at = "2026-12-01T10:00:00Z".parse().unwrap();
    let by = Signer::Person("person".into());
    session
        .sign(Agreement::Icp, team, Position::Block, by, "reason", at)
        .unwrap();
    session.definitions[0].proposals.push(Proposal {
        team: Some(team),
        wording: "wording".into(),
    });
    session
}

fn at<'a>(value: &'a mut Value, path: &[Key]) -> &'a mut Value {
    path.iter().fold(value, |value, key| match key {
        Key::Field(name) => &mut value[name.as_str()],
        Key::Item(index) => &mut value[*index],
    })
}

/// Paths of every string in `value`.
fn strings(value: &Value, path: &mut Vec<Key>, found: &mut Vec<Vec<Key>>) {
    match value {
        Value::String(_) => found.push(path.clone()),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                path.push(Key::Item(index));
                strings(item, path, found);
                path.pop();
            }
        }
        Value::Object(fields) => {
            for (name, field) in fields {
                path.push(Key::Field(name.clone()));
                strings(field, path, found);
                path.pop();
            }
        }
        _ => {}
    }
}

impl Shape {
    fn of(name: &str) -> Self {
        let json = serde_json::to_value(filled(name)).unwrap();
        let mut all = Vec::new();
        strings(&json, &mut Vec::new(), &mut all);
        // A string is free text when any text put there comes back: enum variants, times
        // and dates refuse a probe.
        let probe = "\u{1}probe\u{1}";
        let text_fields = all
            .into_iter()
            .filter(|path| {
                let mut json = json.clone();
                *at(&mut json, path) = Value::String(probe.into());
                serde_json::from_value::<Session>(json)
                    .ok()
                    .and_then(|session| serde_json::to_value(session).ok())
                    .is_some_and(|mut back| at(&mut back, path).as_str() == Some(probe))
            })
            .collect();
        Self { json, text_fields }
    }
}

fn shapes() -> &'static [Shape] {
    static SHAPES: OnceLock<Vec<Shape>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        templates::TEMPLATES
            .iter()
            .map(|t| Shape::of(t.name))
            .collect()
    })
}

/// Pieces that have broken serialisers: quotes, raw-string fences, escapes, NUL, bidi marks,
/// emoji sequences, line ends, and RON's own punctuation.
const PIECES: &[&str] = &[
    "\"",
    "\\",
    "\"#",
    "r#\"",
    "#",
    "\0",
    "\u{202E}",
    "\u{200F}",
    "\u{FEFF}",
    "🚀",
    "👩‍👩‍👧",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "'",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "//",
    "/*",
    "*/",
    "Some(",
    "None",
    "\\u{41}",
    "\u{FFFF}",
    "é",
    " ",
];

fn hostile_string() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        4 => prop::collection::vec(prop::sample::select(PIECES), 0..12)
            .prop_map(|pieces| pieces.concat()),
        1 => (prop::sample::select(PIECES), 0..64usize)
            .prop_map(|(piece, at)| {
                let mut text = "x".repeat(40_000);
                text.insert_str(at * 600, piece);
                text
            }),
    ]
}

fn hostile_float() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(-0.0),
        Just(0.0),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(f64::MIN_POSITIVE),
        Just(f64::MAX),
        Just(5e-324),
        any::<f64>(),
    ]
}

/// Every float of the session, in a fixed order, for reading or writing, with the range a
/// file may hold it in.
fn floats(session: &mut Session) -> Vec<(&'static RangeInclusive<f64>, &mut f64)> {
    let mut found: Vec<(&'static RangeInclusive<f64>, &mut f64)> = Vec::new();
    for sla in &mut session.slas {
        found.extend(
            sla.target_percent
                .as_mut()
                .map(|t| (&bounds::TARGET_PERCENT, t)),
        );
    }
    if let Some(data) = &mut session.icp.data {
        found.push((&bounds::SHARE, &mut data.top_share));
        found.push((&bounds::SHARE, &mut data.best_revenue_share));
        found.push((&bounds::SHARE, &mut data.churn_rate));
        for finding in &mut data.findings {
            found.push((&bounds::LIFT, &mut finding.lift));
            found.push((&bounds::SHARE, &mut finding.churn_rate));
        }
    }
    found
}

/// True when every float of the session lies in the range a file may hold it in.
fn floats_in_range(session: &Session) -> bool {
    let mut session = session.clone();
    floats(&mut session)
        .into_iter()
        .all(|(range, float)| range.contains(float))
}

/// Equal, with floats compared bit for bit: NaN equals NaN, and -0.0 is not 0.0.
fn same(a: &Session, b: &Session) -> bool {
    let (mut a, mut b) = (a.clone(), b.clone());
    let bits = |session: &mut Session| -> Vec<u64> {
        floats(session)
            .into_iter()
            .map(|(_, float)| std::mem::replace(float, 0.0).to_bits())
            .collect()
    };
    bits(&mut a) == bits(&mut b) && a == b
}

fn hostile_session() -> impl Strategy<Value = Session> {
    (
        0..templates::TEMPLATES.len(),
        prop::collection::vec((any::<Index>(), hostile_string()), 1..40),
        prop::collection::vec((hostile_float(), prop::bool::weighted(0.97)), 64),
    )
        .prop_map(|(template, texts, numbers)| {
            let shape = &shapes()[template];
            let mut json = shape.json.clone();
            for (field, text) in texts {
                let path = field.get(&shape.text_fields);
                *at(&mut json, path) = Value::String(text);
            }
            let mut session: Session = serde_json::from_value(json).unwrap();
            for sla in &mut session.slas {
                sla.target_percent = Some(0.0);
            }
            for ((range, float), (number, inside)) in floats(&mut session).into_iter().zip(numbers)
            {
                // Mostly the float's own range, the edges and the odd bits within it; now
                // and then anything at all, which the loader must refuse by its place.
                *float = if inside {
                    range.start() + (range.end() - range.start()) * number.abs().fract()
                } else {
                    number
                };
                if inside && number.is_sign_negative() && *float == 0.0 {
                    *float = -0.0;
                }
                if inside && number == 5e-324 {
                    *float = 5e-324;
                }
            }
            session
        })
}

fn describe(path: &[Key]) -> String {
    let keys: Vec<String> = path
        .iter()
        .map(|key| match key {
            Key::Field(name) => name.clone(),
            Key::Item(index) => index.to_string(),
        })
        .collect();
    keys.join("/")
}

#[test]
fn the_probe_finds_text_fields_and_only_those() {
    for shape in shapes() {
        let found: Vec<String> = shape.text_fields.iter().map(|p| describe(p)).collect();
        for expected in [
            "meta/title",
            "teams/0/name",
            "participants/0/name",
            "decisions/0/text",
            "parking_lot/0/text",
            "icp/anti_patterns/0/description",
            "icp/data/findings/0/value",
            "definitions/0/proposals/0/wording",
            "slas/0/what",
            "stages/0/name",
            "metrics/0/name",
            "meetings/0/name",
        ] {
            assert!(found.iter().any(|f| f == expected), "{expected}: {found:?}");
        }
        assert!(
            found.iter().any(|f| f == "icp/signatures/history/0/reason"),
            "a signature's reason"
        );
        assert!(
            found
                .iter()
                .any(|f| f == "icp/signatures/history/0/by/Person"),
            "who signed"
        );
        assert!(
            !found.iter().any(|f| f.ends_with("/at")),
            "when it was signed is a time, not text"
        );
        // Enum variants, times and dates are not free text.
        for not_text in [
            "/function",
            "/motion",
            "/opens",
            "/closes",
            "/unit",
            "/date",
        ] {
            assert!(!found.iter().any(|f| f.ends_with(not_text)), "{not_text}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn hostile_sessions_survive_a_save_and_a_load(session in hostile_session()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("session.ron");
        storage::save(&path, &session).unwrap();
        if !floats_in_range(&session) {
            // A number no window could have set: refused by its place and its range.
            let error = storage::load(&path).unwrap_err();
            let message = format!("{error:#}");
            prop_assert!(
                matches!(error.parse_error(), Some(storage::ParseError::Syntax { .. })),
                "{}", message
            );
            prop_assert!(message.contains("Accord keeps it between"), "{}", message);
            return Ok(());
        }
        let loaded = storage::load(&path).unwrap();
        prop_assert!(same(&loaded, &session), "load(save(s)) == s");

        let saved = std::fs::read(&path).unwrap();
        storage::save(&path, &loaded).unwrap();
        prop_assert_eq!(std::fs::read(&path).unwrap(), saved, "save(load(save(s))) == save(s)");
    }
}
