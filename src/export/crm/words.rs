//! What the two checklists say the same way: their opening, and each SLA's heading, escalation
//! and compliance.

use super::{Setup, Unsigned, names};
use crate::export::markdown::inline;
use crate::model::{Session, Sla};

/// The checklist's opening: what the session is, and whether every agreement in it is adopted;
/// when one is not, that first, with what each still waits for.
pub(super) fn checklist_head(setup: &Setup<'_>, crm: &str) -> String {
    let meta = &setup.session.meta;
    let mut text = format!("# {crm}: what is left to set up by hand\n\n");
    let mut about: Vec<String> = [&meta.title, &meta.company]
        .into_iter()
        .map(|t| inline(&names::label(t, 200)))
        .filter(|t| !t.is_empty())
        .collect();
    if let Some(date) = meta.date {
        about.push(date.to_string());
    }
    if !meta.period.trim().is_empty() {
        about.push(format!(
            "period {}",
            inline(&names::label(&meta.period, 40))
        ));
    }
    if !about.is_empty() {
        text.push_str(&format!("From the workshop {}.\n\n", about.join(" · ")));
    }
    if setup.unsigned.is_empty() {
        text.push_str("Every agreement this comes from is adopted.\n\n");
    } else {
        text.push_str(&format!(
            "> **This agreement is not adopted yet.** What follows is the session as it stands, and {} of its agreements still wait for signatures: set the CRM up once they are adopted, or expect to change it.\n>\n",
            setup.unsigned.len()
        ));
        let (nobody, others): (Vec<&Unsigned>, Vec<&Unsigned>) =
            setup.unsigned.iter().partition(|u| u.nobody);
        if !nobody.is_empty() {
            let names: Vec<String> = nobody.iter().map(|u| inline(&u.name)).collect();
            text.push_str(&format!("> - No team has signed: {}\n", names.join(", ")));
        }
        for unsigned in others {
            text.push_str(&format!(
                "> - {}: {}\n",
                inline(&unsigned.name),
                inline(&names::label(&unsigned.why, 400))
            ));
        }
        text.push('\n');
    }
    if !setup.warnings.is_empty() {
        text.push_str("**Before you start:**\n\n");
        for warning in &setup.warnings {
            text.push_str(&format!("- {}\n", inline(warning)));
        }
        text.push('\n');
    }
    text
}

/// An SLA's heading in a checklist, "### 4.2 MQL follow-up (Sales (SDR) → Marketing)", and
/// its title alone for the workflow's name.
pub(super) fn sla_heading(session: &Session, sla: &Sla, number: &str) -> (String, String) {
    let title = match names::label(&sla.name, 200) {
        name if name.is_empty() => format!("SLA {number}"),
        name => name,
    };
    let heading = format!(
        "### {number} {} ({} → {})\n",
        inline(&title),
        inline(session.team_name(sla.from_team)),
        inline(session.team_name(sla.to_team))
    );
    (heading, title)
}

/// Who is told when an SLA is missed, and how: "to SDR manager: Re-assign the lead (escalate
/// after 4 hours)", or the committing team's manager while the room has named no one.
pub(super) fn escalation(session: &Session, sla: &Sla) -> String {
    let escalation = &sla.escalation;
    let mut line = match escalation.to.trim() {
        "" => format!(
            " to the {} team's manager (the SLA names no escalation yet: agree one on the “SLAs between teams” step)",
            inline(session.team_name(sla.from_team))
        ),
        to => format!(" to {}", inline(to)),
    };
    if !escalation.action.trim().is_empty() {
        line.push_str(&format!(": {}", inline(escalation.action.trim())));
    }
    if !escalation.after.trim().is_empty() {
        line.push_str(&format!(
            " (escalate after {})",
            inline(escalation.after.trim())
        ));
    }
    line
}

/// How an SLA's compliance is measured and its target, as the checklist's last line on it.
pub(super) fn compliance(sla: &Sla) -> String {
    let target = sla
        .target_percent
        .map(|t| format!("target {t}%"))
        .unwrap_or_else(|| "no target set yet".to_owned());
    let how = match sla.how_measured.trim() {
        "" => "measured as the room agrees".to_owned(),
        how => format!("measured as “{}”", inline(how)),
    };
    let source = match sla.data_source.trim() {
        "" => String::new(),
        source => format!(" from {}", inline(source)),
    };
    format!("Compliance: {how}{source}; {target}.")
}

/// A volume SLA's amount, or that it is not agreed.
pub(super) fn sla_amount(sla: &Sla) -> String {
    match sla.when.amount {
        0 => "(not agreed yet: set it on the “SLAs between teams” step)".to_owned(),
        amount => amount.to_string(),
    }
}
