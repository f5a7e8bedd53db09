//! The whole agreement as one Markdown document for a wiki: CommonMark, with GitHub-style
//! tables. Every piece of user text goes through [`inline`] or [`cell`], so nothing typed in the
//! room can open a heading, a link, raw HTML or break a table.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::view::{self, Agreement};
use crate::analysis::diff::{Change, Kind};
use crate::model::Session;
use crate::model::text::for_document;

/// The document. `today` decides which audit findings are stale, as in the window; `since`,
/// what changed since the review it was started from. The output depends on nothing else, so
/// the same session gives the same bytes.
pub fn markdown(session: &Session, today: Date, since: Option<&super::since::Since>) -> String {
    let agreement = view::agreement(session, today, None);
    let mut out = String::new();
    header(&mut out, &agreement);
    checklist(&mut out, &agreement);
    if let Some(since) = since {
        out.push_str(&since_section(&since.label, &since.changes));
        out.push('\n');
    }
    gaps(&mut out, &agreement);
    icp(&mut out, &agreement);
    definitions(&mut out, &agreement);
    scoring(&mut out, &agreement);
    for table in &agreement.tables {
        section_table(&mut out, table);
    }
    signed(&mut out, &agreement);
    // Whatever the texts held that acts unseen (an escape sequence, a bidi override) goes.
    for_document(&out).into_owned()
}

/// An agreement's signatures: where they stand, until when, and a row per team.
fn signature_table(out: &mut String, block: &view::SignatureBlock) {
    let _ = write!(out, "**Signatures:** {}", inline(&block.standing));
    if !block.review_by.is_empty() {
        let _ = write!(out, " · **Review by:** {}", block.review_by);
    }
    out.push_str("\n\n");
    if !block.rows.is_empty() {
        let headers = view::SIGNATURE_HEADERS.map(String::from);
        let rows: Vec<Vec<String>> = block.rows.iter().map(|r| r.to_vec()).collect();
        table_markdown(out, &headers, &rows);
    }
}

/// The signatures on the pipeline and each SLA, whose terms are in the tables above.
fn signed(out: &mut String, agreement: &Agreement) {
    out.push_str("## Signatures on the pipeline and the SLAs\n\n");
    for block in &agreement.signed {
        let _ = writeln!(out, "### {}\n", inline(&block.title));
        signature_table(out, block);
    }
}

/// Characters that start or end inline markup anywhere in a line.
const MARKUP: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '&', '!',
];

/// The "What changed since" section (see [`super::since`]): a heading, then a list per step.
pub fn since_section(label: &str, changes: &[Change]) -> String {
    let mut text = format!("## What changed since {}\n", inline(label));
    if changes.is_empty() {
        text.push_str("\n_Nothing changed._\n");
        return text;
    }
    let mut step = "";
    for change in changes {
        if change.step != step {
            step = change.step;
            text.push_str(&format!("\n### {step}\n\n"));
        }
        let what = match (change.field.as_str(), change.change) {
            ("", kind) => format!(
                "**{}** {}",
                inline(&change.item),
                super::since::kind_label(kind)
            ),
            (field, Kind::Moved) => format!(
                "**{}** moved from {} {} to {}",
                inline(&change.item),
                field,
                change.old.as_deref().unwrap_or_default(),
                change.new.as_deref().unwrap_or_default()
            ),
            (field, _) => format!(
                "**{}** · {field}: “{}” → “{}”",
                inline(&change.item),
                inline(change.old.as_deref().unwrap_or_default()),
                inline(change.new.as_deref().unwrap_or_default())
            ),
        };
        text.push_str(&format!("- {what}\n"));
    }
    text
}

/// One line of user text, inert: markup characters escaped, and a line that would start a
/// block (a list, a quote, a heading underline, a numbered item) escaped at its start.
pub fn inline(text: &str) -> String {
    // One line: a break inside (a reason quoted in a sentence) would start a list or a heading.
    let text = for_document(text).replace(['\n', '\t'], " ");
    let text = text.trim();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.chars().enumerate() {
        let starts_block = i == 0 && matches!(c, '-' | '+' | '=');
        if MARKUP.contains(&c) || starts_block {
            out.push('\\');
        }
        out.push(c);
    }
    // "1. " or "1) " at the start would make a numbered list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(out[digits..].chars().next(), Some('.' | ')')) {
        out.insert(digits, '\\');
    }
    out
}

/// User text for a table cell: inert, on one line (breaks become `<br>`), never empty.
pub fn cell(text: &str) -> String {
    // A bare carriage return breaks a line too: it must not end the table's row.
    let lines: Vec<String> = for_document(text)
        .lines()
        .map(inline)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        " ".to_owned()
    } else {
        lines.join("<br>")
    }
}

/// User text as a paragraph: each line inert, kept on its own line.
fn paragraph(text: &str) -> String {
    for_document(text)
        .lines()
        .map(inline)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\\\n")
}

fn table_markdown(out: &mut String, headers: &[String], rows: &[Vec<String>]) {
    let row = |cells: &mut dyn Iterator<Item = String>| {
        let cells: Vec<String> = cells.collect();
        format!("| {} |\n", cells.join(" | "))
    };
    out.push_str(&row(&mut headers.iter().map(|h| cell(h))));
    out.push_str(&row(&mut headers.iter().map(|_| "---".to_owned())));
    for r in rows {
        out.push_str(&row(&mut r.iter().map(|c| cell(c))));
    }
    out.push('\n');
}

fn section_table(out: &mut String, table: &view::TableView) {
    let _ = writeln!(out, "## {}\n", table.title);
    if table.rows.is_empty() {
        out.push_str("_None yet._\n\n");
    } else {
        table_markdown(out, &table.headers, &table.rows);
    }
}

fn header(out: &mut String, agreement: &Agreement) {
    let _ = writeln!(out, "# {}\n", inline(&agreement.title));
    let facts: Vec<String> = agreement.facts.iter().map(|f| inline(f)).collect();
    let _ = writeln!(out, "{}\n", facts.join(" · "));
    if !agreement.teams.is_empty() {
        let teams: Vec<String> = agreement.teams.iter().map(|t| inline(t)).collect();
        let _ = writeln!(out, "**Teams:** {}\n", teams.join(", "));
    }
    if !agreement.people.is_empty() {
        let people: Vec<String> = agreement.people.iter().map(|p| inline(p)).collect();
        let _ = writeln!(out, "**In the room:** {}\n", people.join("; "));
    }
}

fn checklist(out: &mut String, agreement: &Agreement) {
    let readiness = &agreement.readiness;
    let _ = writeln!(
        out,
        "## Readiness: {} of {} agreed\n",
        readiness.done, readiness.total
    );
    for check in &readiness.checks {
        let mark = if check.done { "x" } else { " " };
        let _ = writeln!(out, "- [{mark}] {}", check.title);
        for missing in &check.missing {
            let _ = writeln!(out, "  - {}", inline(missing));
        }
    }
    out.push('\n');
}

fn gaps(out: &mut String, agreement: &Agreement) {
    out.push_str("## Alignment audit: the gaps\n\n");
    if agreement.gaps.is_empty() {
        out.push_str("_No gap recorded._\n\n");
        return;
    }
    for gap in &agreement.gaps {
        let _ = writeln!(
            out,
            "- {} ({}; closed in: {})",
            inline(&gap.text),
            inline(&gap.because),
            gap.step
        );
    }
    out.push('\n');
}

fn icp(out: &mut String, agreement: &Agreement) {
    let icp = &agreement.icp;
    out.push_str("## Ideal customer profile\n\n");
    if !icp.statement.is_empty() {
        let _ = writeln!(out, "{}\n", paragraph(&icp.statement));
    }
    if icp.criteria.is_empty() {
        out.push_str("_No criteria written yet._\n\n");
    } else {
        let headers = ["Importance", "Attribute", "Values", "Why"].map(String::from);
        let rows: Vec<Vec<String>> = icp.criteria.iter().map(|c| c.to_vec()).collect();
        table_markdown(out, &headers, &rows);
    }
    if !icp.anti_patterns.is_empty() {
        out.push_str("**Anti-patterns**\n\n");
        for anti in &icp.anti_patterns {
            let _ = writeln!(out, "- {}", inline(anti));
        }
        out.push('\n');
    }
    if !icp.source.is_empty() {
        let _ = writeln!(out, "_{}_\n", inline(&icp.source));
    }
    signature_table(out, &icp.signatures);
}

fn definitions(out: &mut String, agreement: &Agreement) {
    out.push_str("## Shared definitions\n\n");
    if agreement.definitions.is_empty() {
        out.push_str("_None yet._\n\n");
    }
    for definition in &agreement.definitions {
        let _ = writeln!(out, "### {}\n", inline(&definition.term));
        if !definition.definition.is_empty() {
            let _ = writeln!(out, "{}\n", paragraph(&definition.definition));
        }
        for group in &definition.criteria {
            if group.items.is_empty() {
                continue;
            }
            let _ = writeln!(out, "**{}**\n", group.title);
            for item in &group.items {
                let _ = writeln!(out, "- {}", inline(item));
            }
            out.push('\n');
        }
        let _ = writeln!(out, "**Owner:** {}\n", inline(&definition.owner));
        signature_table(out, &definition.signatures);
    }
}

fn scoring(out: &mut String, agreement: &Agreement) {
    let scoring = &agreement.scoring;
    out.push_str("## Lead scoring\n\n");
    let _ = writeln!(
        out,
        "A lead at or above **{} points** is an MQL.\n",
        scoring.threshold
    );
    if !scoring.rules.is_empty() {
        let headers = ["Points", "Rule"].map(String::from);
        let rows: Vec<Vec<String>> = scoring.rules.iter().map(|r| r.to_vec()).collect();
        table_markdown(out, &headers, &rows);
    }
    if !scoring.capacity.is_empty() {
        let _ = writeln!(out, "{}\n", scoring.capacity);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_open_markup_or_break_a_table() {
        assert_eq!(inline("# Heading"), "\\# Heading");
        assert_eq!(inline("- item"), "\\- item");
        assert_eq!(inline("1. first"), "1\\. first");
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(inline("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(inline("[link](http://x)"), "\\[link\\](http://x)");
        assert_eq!(inline("Sales (SDR)"), "Sales (SDR)");
        assert_eq!(cell("two\nlines"), "two<br>lines");
        assert_eq!(cell(""), " ");
    }
}
