//! The canonical text of each agreement: every word the teams agree to, written the same way
//! every time, so that a signature can name the exact text it was given to by its hash.

use std::fmt::Write as _;

use super::{Agreement, Session};

impl Session {
    /// The agreement's text as teams sign it; `None` when it no longer exists.
    pub fn canonical_text(&self, agreement: Agreement) -> Option<String> {
        let mut text = String::new();
        let team = |id| self.team_name(id);
        let list = |text: &mut String, title: &str, items: &[String]| {
            let _ = writeln!(text, "{title}:");
            for item in items.iter().map(|i| i.trim()).filter(|i| !i.is_empty()) {
                let _ = writeln!(text, "- {item}");
            }
        };
        match agreement {
            Agreement::Icp => {
                let icp = &self.icp;
                let _ = writeln!(text, "Ideal customer profile: {}", icp.statement.trim());
                let _ = writeln!(text, "Criteria:");
                for c in &icp.criteria {
                    let _ = writeln!(
                        text,
                        "- {}: {} is {} ({})",
                        c.importance.label(),
                        c.attribute.trim(),
                        c.values.join(", "),
                        c.rationale.trim()
                    );
                }
                let _ = writeln!(text, "Anti-patterns:");
                for a in &icp.anti_patterns {
                    let _ = writeln!(text, "- {} ({})", a.description.trim(), a.evidence.trim());
                }
            }
            Agreement::Definition(id) => {
                let d = self.definitions.iter().find(|d| d.id == id)?;
                let _ = writeln!(text, "Term: {}", d.term.trim());
                let _ = writeln!(text, "Definition: {}", d.definition.trim());
                let _ = writeln!(text, "Owner: {}", team(d.owner));
                list(&mut text, "Who they are", &d.criteria.firmographic);
                list(&mut text, "What they did", &d.criteria.behavioural);
                list(&mut text, "Verification points", &d.criteria.verification);
            }
            Agreement::Sla(id) => {
                let s = self.slas.iter().find(|s| s.id == id)?;
                let _ = writeln!(text, "SLA: {}", s.name.trim());
                let _ = writeln!(text, "From {} to {}", team(s.from_team), team(s.to_team));
                let _ = writeln!(text, "What: {}", s.what.trim());
                let _ = writeln!(
                    text,
                    "Within: {} {}, from {}",
                    s.when.amount,
                    s.when.unit.label(),
                    s.when.clock_starts.trim()
                );
                if s.when.unit.uses_business_hours() {
                    let _ = writeln!(
                        text,
                        "Business hours: {} ({})",
                        s.business_hours.describe(),
                        s.time_zone.trim()
                    );
                }
                let _ = writeln!(text, "Who: {}", s.who.trim());
                let _ = writeln!(text, "Measured by: {}", s.how_measured.trim());
                let _ = writeln!(text, "Data source: {}", s.data_source.trim());
                let target = s
                    .target_percent
                    .map_or("none".to_owned(), |t| format!("{t}%"));
                let _ = writeln!(text, "Target: {target}");
                let e = &s.escalation;
                let _ = writeln!(
                    text,
                    "Escalation: {} to {} after {}",
                    e.action.trim(),
                    e.to.trim(),
                    e.after.trim()
                );
            }
            Agreement::Pipeline => {
                let _ = writeln!(text, "Pipeline stages, in order:");
                for (n, stage) in self.stages.iter().enumerate() {
                    let _ = writeln!(
                        text,
                        "{}. {}: {}",
                        n + 1,
                        stage.name.trim(),
                        stage.definition.trim()
                    );
                    let _ = writeln!(text, "Owner: {}", team(stage.owner));
                    list(&mut text, "Entry criteria", &stage.entry_criteria);
                    list(&mut text, "Verification", &stage.verification);
                    list(&mut text, "Exit criteria", &stage.exit_criteria);
                    let handoff = &stage.handoff;
                    let sla = handoff
                        .sla
                        .and_then(|id| self.slas.iter().find(|s| s.id == id))
                        .map_or("none", |s| s.name.trim());
                    let _ = writeln!(
                        text,
                        "Hands off to {}, passed on by {}, under the SLA {sla}",
                        team(handoff.to_team),
                        handoff.responsible.trim()
                    );
                    list(&mut text, "What travels", &handoff.contents);
                }
            }
        }
        Some(text)
    }
}
