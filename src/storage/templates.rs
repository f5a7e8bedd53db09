//! The workshops bundled with Accord, compiled into the binary so it runs from anywhere.

use super::{ParseError, from_ron};
use crate::model::Session;

/// A bundled workshop template.
#[derive(Clone, Copy, Debug)]
pub struct Template {
    /// The name used on the command line: `accord new --template NAME`.
    pub name: &'static str,
    /// The name shown in the window.
    pub title: &'static str,
    /// What the template holds, in a line.
    pub description: &'static str,
    /// The template's RON text, as shipped in `workshops/`.
    pub source: &'static str,
}

impl Template {
    /// A new session from this template.
    pub fn session(&self) -> Result<Session, ParseError> {
        from_ron(self.source)
    }
}

/// Every bundled template, the recommended one first.
pub const TEMPLATES: [Template; 3] = [
    Template {
        name: "b2b-sales-led",
        title: "Sales-led B2B",
        description: "Lead → MQL → SQL → Opportunity → Won → Expanded, the five \
                      standard definitions, Marketing ↔ Sales ↔ CS SLAs, the meeting cadence \
                      and a four-hour agenda.",
        source: include_str!("../../workshops/b2b-sales-led.ron"),
    },
    Template {
        name: "product-led",
        title: "Product-led",
        description: "The product qualifies users, so PQL joins the definitions \
                      and the pipeline, with the hand-offs and SLAs that path needs.",
        source: include_str!("../../workshops/product-led.ron"),
    },
    Template {
        name: "blank",
        title: "Blank",
        description: "The six standard teams and nothing else, for a room that wants to start \
                      from a clean sheet.",
        source: include_str!("../../workshops/blank.ron"),
    },
];

/// The template called `name`.
pub fn find(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|template| template.name == name)
}
