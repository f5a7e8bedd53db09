//! The whole agreement as one self-contained, printable HTML page: inline CSS, no scripts, no
//! external requests. Rendered by minijinja with HTML auto-escaping, so every piece of user text
//! (a `<script>` typed into a definition included) shows as text.

use jiff::civil::Date;
use minijinja::Environment;

use super::view;
use crate::model::Session;

/// The page's template, shipped in `assets/templates/`.
const TEMPLATE: &str = include_str!("../../assets/templates/agreement.html");

/// The page. Like the Markdown, it depends only on the session, `today` and what changed
/// `since` the review it was started from.
pub fn html(
    session: &Session,
    today: Date,
    since: Option<&super::since::Since>,
) -> Result<String, minijinja::Error> {
    let mut environment = Environment::new();
    // The ".html" name turns on auto-escaping for every value the template prints.
    environment.add_template("agreement.html", TEMPLATE)?;
    let agreement = view::agreement(session, today, since);
    let html = environment
        .get_template("agreement.html")?
        .render(minijinja::value::Serde(&agreement))?;
    // Escaping makes markup inert, not an escape sequence or a bidi override: those go.
    Ok(crate::model::text::for_document(&html).into_owned())
}
