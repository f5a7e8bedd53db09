//! The whole agreement as one Markdown document for a wiki: CommonMark, with GitHub-style
//! tables. Every piece of user text goes through [`inline`] or [`cell`], so nothing typed in the
//! room can open a heading, a link, raw HTML or break a table.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::tables::{self, Table, standing};
use crate::analysis::{audit, readiness};
use crate::model::{Importance, Session};

/// The document. `today` decides which audit findings are stale, as in the window; the output
/// depends on nothing else, so the same session gives the same bytes.
pub fn markdown(session: &Session, today: Date) -> String {
    let mut out = String::new();
    header(&mut out, session);
    checklist(&mut out, session);
    gaps(&mut out, session, today);
    icp(&mut out, session);
    definitions(&mut out, session);
    scoring(&mut out, session);
    let all = tables::tables(session);
    let table = |name: &str| all.iter().find(|t| t.name == name);
    for name in [
        "stages",
        "ownership",
        "slas",
        "feedback_loops",
        "meetings",
        "metrics",
        "actions",
        "decisions",
        "parking_lot",
    ] {
        if let Some(table) = table(name) {
            section_table(&mut out, table);
        }
    }
    out
}

/// Characters that start or end inline markup anywhere in a line.
const MARKUP: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '&', '!',
];

/// One line of user text, inert: markup characters escaped, and a line that would start a
/// block (a list, a quote, a heading underline, a numbered item) escaped at its start.
pub fn inline(text: &str) -> String {
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
    let lines: Vec<String> = text.lines().map(inline).filter(|l| !l.is_empty()).collect();
    if lines.is_empty() {
        " ".to_owned()
    } else {
        lines.join("<br>")
    }
}

/// User text as a paragraph: each line inert, kept on its own line.
fn paragraph(text: &str) -> String {
    text.lines()
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

fn section_table(out: &mut String, table: &Table) {
    let _ = writeln!(out, "## {}\n", table.title);
    if table.rows.is_empty() {
        out.push_str("_None yet._\n\n");
    } else {
        table_markdown(out, &table.headers, &table.rows);
    }
}

fn header(out: &mut String, session: &Session) {
    let meta = &session.meta;
    let title = match meta.title.trim() {
        "" => "Revenue alignment workshop".to_owned(),
        title => inline(title),
    };
    let _ = writeln!(out, "# {title}\n");
    let mut facts = Vec::new();
    if !meta.company.trim().is_empty() {
        facts.push(inline(&meta.company));
    }
    if let Some(date) = meta.date {
        facts.push(date.to_string());
    }
    if !meta.facilitator.trim().is_empty() {
        facts.push(format!("facilitated by {}", inline(&meta.facilitator)));
    }
    facts.push(format!("{} motion", meta.motion.label()));
    let _ = writeln!(out, "{}\n", facts.join(" · "));
    if !session.teams.is_empty() {
        let teams: Vec<String> = session
            .teams
            .iter()
            .map(|t| inline(session.team_name(Some(t.id))))
            .collect();
        let _ = writeln!(out, "**Teams:** {}\n", teams.join(", "));
    }
    if !session.participants.is_empty() {
        let people: Vec<String> = session
            .participants
            .iter()
            .map(|p| {
                let mut who = inline(&p.name);
                if !p.role.trim().is_empty() {
                    let _ = write!(who, ", {}", inline(&p.role));
                }
                if p.team.is_some() {
                    let _ = write!(who, " ({})", inline(session.team_name(p.team)));
                }
                who
            })
            .collect();
        let _ = writeln!(out, "**In the room:** {}\n", people.join("; "));
    }
}

fn checklist(out: &mut String, session: &Session) {
    let readiness = readiness::readiness(session);
    let _ = writeln!(
        out,
        "## Readiness: {} of {} agreed\n",
        readiness.done(),
        readiness.total()
    );
    for check in &readiness.checks {
        let mark = if check.is_done() { "x" } else { " " };
        let _ = writeln!(out, "- [{mark}] {}", check.title);
        for missing in &check.missing {
            let _ = writeln!(out, "  - {}", inline(missing));
        }
    }
    out.push('\n');
}

fn gaps(out: &mut String, session: &Session, today: Date) {
    let gaps = audit::gaps(session, today);
    out.push_str("## Alignment audit: the gaps\n\n");
    if gaps.is_empty() {
        out.push_str("_No gap recorded._\n\n");
        return;
    }
    for gap in gaps {
        let _ = writeln!(
            out,
            "- {} ({}; closed in: {})",
            inline(&gap.text),
            inline(&gap.because),
            gap.fixed_in.label()
        );
    }
    out.push('\n');
}

fn icp(out: &mut String, session: &Session) {
    let icp = &session.icp;
    out.push_str("## Ideal customer profile\n\n");
    let _ = writeln!(
        out,
        "**Sign-off:** {}\n",
        inline(&standing(session, &icp.sign_offs))
    );
    if !icp.statement.trim().is_empty() {
        let _ = writeln!(out, "{}\n", paragraph(&icp.statement));
    }
    if icp.criteria.is_empty() {
        out.push_str("_No criteria written yet._\n\n");
    } else {
        let headers = ["Importance", "Attribute", "Values", "Why"].map(String::from);
        let rows: Vec<Vec<String>> = icp
            .criteria
            .iter()
            .map(|c| {
                let importance = match c.importance {
                    Importance::MustHave => "Must have",
                    Importance::NiceToHave => "Nice to have",
                    Importance::Exclude => "Exclude",
                };
                vec![
                    importance.to_owned(),
                    c.attribute.clone(),
                    c.values.join(", "),
                    c.rationale.clone(),
                ]
            })
            .collect();
        table_markdown(out, &headers, &rows);
    }
    if !icp.anti_patterns.is_empty() {
        out.push_str("**Anti-patterns**\n\n");
        for anti in &icp.anti_patterns {
            let evidence = match anti.evidence.trim() {
                "" => String::new(),
                evidence => format!(" ({})", inline(evidence)),
            };
            let _ = writeln!(out, "- {}{evidence}", inline(&anti.description));
        }
        out.push('\n');
    }
    if let Some(data) = &icp.data {
        let _ = writeln!(
            out,
            "_From {} (SHA-256 {}): {} customers, the best {} hold {:.0}% of revenue._\n",
            inline(&data.source_file),
            data.content_hash,
            data.customers,
            data.best,
            data.best_revenue_share * 100.0
        );
    }
}

fn definitions(out: &mut String, session: &Session) {
    out.push_str("## Shared definitions\n\n");
    if session.definitions.is_empty() {
        out.push_str("_None yet._\n\n");
    }
    for definition in &session.definitions {
        let term = match definition.term.trim() {
            "" => "Unnamed term".to_owned(),
            term => inline(term),
        };
        let _ = writeln!(out, "### {term}\n");
        if !definition.definition.trim().is_empty() {
            let _ = writeln!(out, "{}\n", paragraph(&definition.definition));
        }
        let criteria = &definition.criteria;
        for (title, items) in [
            ("Who they are", &criteria.firmographic),
            ("What they did", &criteria.behavioural),
            ("Verification points", &criteria.verification),
        ] {
            let items: Vec<&String> = items.iter().filter(|i| !i.trim().is_empty()).collect();
            if items.is_empty() {
                continue;
            }
            let _ = writeln!(out, "**{title}**\n");
            for item in items {
                let _ = writeln!(out, "- {}", inline(item));
            }
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "**Owner:** {} · **Sign-off:** {}\n",
            inline(session.team_name(definition.owner)),
            inline(&standing(session, &definition.sign_offs))
        );
    }
}

fn scoring(out: &mut String, session: &Session) {
    let scoring = &session.scoring;
    out.push_str("## Lead scoring\n\n");
    let _ = writeln!(
        out,
        "A lead at or above **{} points** is an MQL.\n",
        scoring.threshold
    );
    if !scoring.rules.is_empty() {
        let headers = ["Points", "Rule"].map(String::from);
        let rows: Vec<Vec<String>> = scoring
            .rules
            .iter()
            .map(|r| vec![format!("{:+}", r.points), r.condition.describe()])
            .collect();
        table_markdown(out, &headers, &rows);
    }
    if let Some(per_month) = crate::analysis::scoring::capacity_per_month(&scoring.capacity) {
        let capacity = &scoring.capacity;
        let _ = writeln!(
            out,
            "Sales capacity: {} SDRs × {} follow-ups a day × {} working days = {per_month} MQLs a month.\n",
            capacity.sdrs, capacity.follow_ups_per_sdr_per_day, capacity.working_days_per_month
        );
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
